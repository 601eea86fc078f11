//! One actual value (实际完成值) read against its target, before any file or rule: a number in
//! the target's unit, a judgement, 不适用, or a figure-free 完成/未完成. Targets read their own
//! target back through it (a target no actual could match is caught at `check`), and the actuals
//! file reads every cell through it; it lives below both.

use rust_decimal::Decimal;

use crate::names::NOT_APPLICABLE;
use crate::quantity::deadline::DeadlineActual;
use crate::quantity::{
    parse_judgement, parse_quantity, plain, split_op, Judgement, Level, Op, Quantity, TargetValue,
    Unit, ValueError,
};
use crate::text::compact;

/// An actual, read against its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActualValue {
    /// 不适用: left out; the table's total is converted to a 100-point scale.
    NotApplicable,
    /// A number in the target's unit.
    Number {
        value: Decimal,
        /// The number as shown in explanations, in the target's unit (`1500起`, `66.15万元`).
        shown: String,
        /// An operator written before the number (`≥266米`): read as the number, with a warning.
        operator: Option<Op>,
        /// A time written as a stretch (`第三季度` against `8月`, `11月` against a date): the
        /// earliest it may mean; `value` is the latest. Scored only when every point of the
        /// stretch scores the same.
        from: Option<Decimal>,
    },
    /// A qualitative judgement (定性评价).
    Judgement(Judgement),
    /// A level of the indicator's level list (`良好` for `优秀得10分，良好得8分…`): its index.
    Level(usize),
    /// A judgement written against a numeric target, without the figure: `完成`, `达成`,
    /// `按时` (met) or `未完成`, `推迟` (not met). Met scores the whole weight with a warning
    /// asking for the figure; not met scores 0 where the rule allows no figure-free reading.
    Stated { met: bool },
}

/// What staff write in a cell they mean to leave empty: never a judgement or a number.
pub const PLACEHOLDERS: &[&str] = &[
    "/", "-", "--", "---", "–", "—", "——", "－", "\\", "无", "N/A", "n/a", "NA", "#N/A", "暂无",
    "空", "...", "…", "……",
];

/// Reads an actual against its target. `name` is the indicator's name (a 下降率 may be
/// negative), `event` whether the indicator speaks of an event. Returns the value and warnings.
///
/// This reads the value alone; `actuals::read_for` also applies what depends on the indicator's rule.
pub fn read_actual(
    text: &str,
    target: &TargetValue,
    name: &str,
    event: bool,
) -> std::result::Result<(ActualValue, Vec<String>), ValueError> {
    if let Some(run) = crate::text::spaced_number(text) {
        return Err(crate::quantity::spaced_number_error(&run, "实际完成值"));
    }
    let s = compact(text);
    // `不适用。`: a sentence's full stop is no part of the mark.
    if s.trim_end_matches(['。', '.']) == NOT_APPLICABLE {
        return Ok((ActualValue::NotApplicable, Vec::new()));
    }
    if PLACEHOLDERS.contains(&s.as_str()) {
        return Err(placeholder(&s, target, event));
    }
    let mut warnings = Vec::new();
    match target {
        TargetValue::Qualitative(words) => {
            let j = parse_judgement(text, words, event)?;
            Ok((ActualValue::Judgement(j), warnings))
        }
        TargetValue::Numeric { quantity: t, .. }
            if event && ["未发生", "零发生", "没有发生"].contains(&s.as_str()) =>
        {
            Ok((
                ActualValue::Number {
                    value: Decimal::ZERO,
                    shown: format!("0{}", t.unit.name()),
                    operator: None,
                    from: None,
                },
                vec![format!("实际完成值「{s}」按 0{} 计", t.unit.name())],
            ))
        }
        TargetValue::Numeric {
            quantity:
                t @ Quantity {
                    unit: Unit::Deadline(d),
                    ..
                },
            ..
        } => match crate::quantity::deadline::read_actual(&s, d)? {
            Some(DeadlineActual::At { value, shown, from }) => Ok((
                ActualValue::Number {
                    value,
                    shown,
                    operator: None,
                    from,
                },
                warnings,
            )),
            Some(DeadlineActual::Stated { met }) => Ok((ActualValue::Stated { met }, warnings)),
            None => stated(text, &s, t),
        },
        TargetValue::Numeric { quantity: t, .. } => {
            let (operator, rest) = split_op(&s);
            let Some(q) = parse_quantity(rest)? else {
                return stated(text, &s, t);
            };
            let value = q.value_in(&t.unit)?;
            if value < Decimal::ZERO && !crate::quantity::may_be_negative(&t.unit, name) {
                return Err(ValueError::new(
                    "实际完成值为负数，而该指标不可能为负",
                    "0 或正数",
                ));
            }
            if let Some(op) = operator {
                warnings.push(format!(
                    "实际完成值带有比较符号「{}」，按数值{}计",
                    op.symbol(),
                    plain(value)
                ));
            }
            if t.unit == Unit::Percent
                && q.unit == Unit::None
                && !value.is_zero()
                && value.abs() <= Decimal::ONE
            {
                // `0.85` is what Excel saves for 85% in a cell of 常规 format (`-0.08` for −8 %):
                // against a target above 1 % either way it can be read two ways, so it is
                // refused; so is `0.015` against `≥1%`, where 1.5 % is near the target and
                // 0.015 % is not (it scored 0.23 of 15 with a 提示).
                let (v, goal) = (value.abs(), t.value.abs());
                let as_percent = v * Decimal::ONE_HUNDRED;
                if goal > Decimal::ONE || (near(as_percent, goal) && !near(v, goal)) {
                    return Err(ValueError::new(
                        format!(
                            "实际完成值「{}」没有写%：可能指{}%（Excel「常规」格式保存的小数），也可能指{}%",
                            text.trim(),
                            plain(value * Decimal::ONE_HUNDRED),
                            plain(value)
                        ),
                        format!(
                            "写明百分号：「{}%」或「{}%」",
                            plain(value * Decimal::ONE_HUNDRED),
                            plain(value)
                        ),
                    ));
                }
                warnings.push(format!(
                    "实际完成值「{}」没有写%，按{}%计；如指的是{}%，请写明",
                    text.trim(),
                    plain(value),
                    plain(value * Decimal::ONE_HUNDRED)
                ));
            }
            if let Some(e) = bare_in_base_unit(text, &q, t, value)
                .or_else(|| money_unit_far_off(text, &q, t, value))
                .or_else(|| bare_against_magnitude(text, &q, t))
                .or_else(|| bare_percent_above_one(text, &q, t, value))
                .or_else(|| bare_in_ten_thousands(text, &q, t, value))
            {
                return Err(e);
            }
            let shown = format!("{}{}", plain(value.round_dp(4)), t.unit.name());
            Ok((
                ActualValue::Number {
                    value,
                    shown,
                    operator,
                    from: None,
                },
                warnings,
            ))
        }
    }
}

/// A bare number against a target in 万元 or 亿元 that is a hundred times the target or more:
/// `661500` against `≤ 63万元` is 661500万元 as written, but is most likely 661500元 (66.15万元)
/// typed from a ledger in 元. Which one is meant cannot be known: refused, asking for the unit.
fn bare_in_base_unit(text: &str, q: &Quantity, t: &Quantity, value: Decimal) -> Option<ValueError> {
    let Unit::Money { name, scale } = &t.unit else {
        return None;
    };
    // A hundred times, not a thousand: `58000` against `≤63万元` (920 times) is 5.8万元 typed in 元
    // far more often than a cost 920 times its cap.
    let hundred = Decimal::ONE_HUNDRED;
    if q.unit != Unit::None || *scale <= Decimal::ONE || t.value <= Decimal::ZERO {
        return None;
    }
    if value < t.value.checked_mul(hundred)? {
        return None;
    }
    let in_target = value.checked_div(*scale)?;
    Some(ValueError::new(
        format!(
            "实际完成值「{}」没有写单位，按指标值的单位是{}{name}，是指标值{}{name}的一百倍以上：可能是以元计的{}元（={}{name}）",
            text.trim(),
            plain(value),
            plain(t.value),
            plain(value),
            plain(in_target.normalize())
        ),
        format!(
            "写明单位：「{}元」或「{}{name}」",
            plain(value),
            plain(in_target.normalize())
        ),
    ))
}

/// Units that begin with 千 or 百 and are units of their own (a kilometre is not a thousand of
/// anything counted).
const OWN_UNITS: &[&str] = &[
    "千米",
    "千克",
    "千瓦",
    "千瓦时",
    "千伏",
    "千帕",
    "千焦",
    "千卡",
    "百公里",
];

/// A bare number against a count target in 千 or 百 (`≥2千次`, `≥3百人`): `1500` may be
/// 1500千次 (read so, it scored full marks) or 1500次 typed from a tally. Refused, asking for
/// the unit (万 and 亿 are multiplied out of a target, 千 and 百 are not).
fn bare_against_magnitude(text: &str, q: &Quantity, t: &Quantity) -> Option<ValueError> {
    let Unit::Count(name) = &t.unit else {
        return None;
    };
    let counted = name
        .strip_prefix('千')
        .or_else(|| name.strip_prefix('百'))?;
    if q.unit != Unit::None || counted.is_empty() || OWN_UNITS.contains(&name.as_str()) {
        return None;
    }
    let n = text.trim();
    Some(ValueError::new(
        format!(
            "实际完成值「{n}」没有写单位：指标值的单位是「{name}」，可能是{n}{name}，也可能是{n}{counted}"
        ),
        format!("写明单位「{name}」，如「{n}{name}」；指标值也可改写为不带数量级的数（如「≥2000{counted}」）"),
    ))
}

/// Whether `a` is within ten times `b` either way (both above 0).
fn near(a: Decimal, b: Decimal) -> bool {
    let ten = Decimal::TEN;
    b > Decimal::ZERO
        && a.checked_mul(ten).is_some_and(|x| x >= b)
        && b.checked_mul(ten).is_some_and(|y| y >= a)
}

/// A bare number above 1 against a percent target, that read as a fraction (`1.05` for 105 %, as
/// Excel saves a cell of 常规 format) would be near the target: `1.05` against `≥100%` may be
/// 1.05 % or 105 %. Refused, asking for the percent sign. (0 to 1 is refused above.)
fn bare_percent_above_one(
    text: &str,
    q: &Quantity,
    t: &Quantity,
    value: Decimal,
) -> Option<ValueError> {
    if t.unit != Unit::Percent || q.unit != Unit::None || value <= Decimal::ONE {
        return None;
    }
    let as_fraction = value.checked_mul(Decimal::ONE_HUNDRED)?;
    if !near(as_fraction, t.value) || near(value, t.value) {
        return None;
    }
    Some(ValueError::new(
        format!(
            "实际完成值「{}」没有写%：可能指{}%，也可能指{}%（Excel「常规」格式保存的小数）",
            text.trim(),
            plain(value),
            plain(as_fraction)
        ),
        format!(
            "写明百分号：「{}%」或「{}%」",
            plain(value),
            plain(as_fraction)
        ),
    ))
}

/// A number in an xlsx cell formatted as a percent, whose stored value `v` is shown as `v×100%`:
/// `96` in a cell formatted `0%` shows as 9600%. When `v%` would be near the target (within ten
/// times) and `v×100%` is not, the number was typed as a percent into a percent cell (Excel
/// stores a typed `96%` as 0.96): refused, as a bare `0.96` of 常规 format is. `value` is the
/// percent read (9600), `t` the target's quantity; `0.85` formatted `0%` (85%) is never refused.
pub fn percent_cell_typed_as_percent(
    sheet_cell: &str,
    value: Decimal,
    t: &Quantity,
) -> Option<ValueError> {
    if t.unit != Unit::Percent {
        return None;
    }
    let stored = value.checked_div(Decimal::ONE_HUNDRED)?;
    if !near(stored, t.value) || near(value, t.value) {
        return None;
    }
    Some(ValueError::new(
        format!(
            "单元格 {sheet_cell} 的格式是百分比，存的数是{}，所以读作{}%（Excel 显示为{}%）：可能本想填{}%",
            plain(stored),
            plain(value),
            plain(value),
            plain(stored)
        ),
        format!(
            "在这一格重新输入「{}%」（带百分号输入，Excel 存为{}）；或把单元格格式改为「常规」或「文本」后填「{}%」；如确实是{}%，请以文本填写「{}%」",
            plain(stored),
            plain(stored.checked_div(Decimal::ONE_HUNDRED)?),
            plain(stored),
            plain(value),
            plain(value)
        ),
    ))
}

/// An amount written in another money unit than the target's that is a thousand times or more off
/// the target, while its number is near the target's: `66.15元` against `≤63万元` (0.006615万元)
/// got full marks on a cost cap, most likely 66.15万元 with the unit mistyped. Refused.
fn money_unit_far_off(
    text: &str,
    q: &Quantity,
    t: &Quantity,
    value: Decimal,
) -> Option<ValueError> {
    let (Unit::Money { scale: written, .. }, Unit::Money { scale: target, .. }) =
        (&q.unit, &t.unit)
    else {
        return None;
    };
    if written == target || value <= Decimal::ZERO || t.value <= Decimal::ZERO {
        return None;
    }
    let thousand = Decimal::from(1000);
    let far = value.checked_mul(thousand)? <= t.value || value >= t.value.checked_mul(thousand)?;
    if !far || !near(q.value, t.value) {
        return None;
    }
    let unit = t.unit.name();
    Some(ValueError::new(
        format!(
            "实际完成值「{}」换算为{}{unit}，与指标值{}{unit}相差一千倍以上，而数字{}与指标值接近：单位是否写错了？",
            text.trim(),
            plain(value.round_dp(6)),
            plain(t.value),
            plain(q.value)
        ),
        format!(
            "核对单位：如是「{}{unit}」请这样写；确是「{}」的，写成指标值的单位「{}{unit}」",
            plain(q.value),
            text.trim(),
            plain(value)
        ),
    ))
}

/// A bare number against a count target (or one in 元) that is far below the target but near it
/// read in 万: `1.1` against `≥1.2万人次` is 1.1人次 as written, but most likely 1.1万人次. Refused,
/// asking for the unit.
fn bare_in_ten_thousands(
    text: &str,
    q: &Quantity,
    t: &Quantity,
    value: Decimal,
) -> Option<ValueError> {
    let counted = match &t.unit {
        Unit::Count(_) | Unit::None => true,
        Unit::Money { scale, .. } => *scale == Decimal::ONE,
        _ => false,
    };
    if !counted || q.unit != Unit::None || value <= Decimal::ZERO {
        return None;
    }
    let in_wan = value.checked_mul(Decimal::from(10_000))?;
    let in_thousands = value.checked_mul(Decimal::from(1000))?;
    // At most a thousandth: `1.8` against `≥1800起` is exactly one and as suspect as `1.7`. Against
    // a target of a thousand or more, at most a hundredth too, on either side of the target once
    // read in 万, or in thousands when written with three decimals: `1.900` (1 900) against
    // `≥1800起` and `6.500` (6 500元) against `≤6300元` were scored as 1.9起 and 6.5元. There the
    // reading must be close (within twice either way): `18` against `≥1800起` is 18.
    let close = |a: Decimal| a <= t.value * Decimal::TWO && t.value <= a * Decimal::TWO;
    let thousandth = in_thousands <= t.value;
    let hundredth = !thousandth
        && t.value >= Decimal::from(1000)
        && value.checked_mul(Decimal::ONE_HUNDRED)? <= t.value;
    // `1.700`: three decimals are a thousands separator written as a point (1 700) as often as
    // 1.7万; a value near the target read in thousands (`1.8` for 1800) may be that too.
    let three_decimals = text
        .trim()
        .split_once('.')
        .is_some_and(|(_, d)| d.len() == 3 && d.bytes().all(|b| b.is_ascii_digit()));
    // Above a thousandth, only a separator (`1.900`) or 万 makes another reading likely: `9.04`
    // against `≥9032次` is 9.04次.
    let (near_wan, near_thousands) = if hundredth {
        (close(in_wan), three_decimals && close(in_thousands))
    } else {
        (near(in_wan, t.value), near(in_thousands, t.value))
    };
    if !(thousandth || hundredth) || !(near_wan || near_thousands) {
        return None;
    }
    let unit = t.unit.name();
    let thousands =
        (three_decimals || near_thousands).then(|| format!("{}{unit}", plain(in_thousands)));
    let wan = near_wan.then(|| format!("{}万{unit}", plain(value)));
    let readings = match (&wan, &thousands) {
        (Some(w), Some(k)) => format!("{w}，也可能指{k}"),
        (Some(r), None) | (None, Some(r)) => r.clone(),
        (None, None) => return None,
    };
    let written = format!(
        "「{}{unit}」{}",
        plain(value),
        [&thousands, &wan]
            .into_iter()
            .flatten()
            .map(|r| format!("或「{r}」"))
            .collect::<String>()
    );
    Some(ValueError::new(
        format!(
            "实际完成值「{}」没有写单位，按指标值的单位是{}{unit}，只有指标值{}{unit}的{}或更少：可能指{readings}",
            text.trim(),
            plain(value),
            plain(t.value),
            if thousandth { "千分之一" } else { "百分之一" },
        ),
        format!("写明单位：{written}"),
    ))
}

/// A judgement in words against a numeric target: `完成`/`达成`/`按时` is met with a warning
/// asking for the figure, `未完成`/`未达成` is not met; anything partial or with a ratio is an
/// error, since only the figure can say how far it got.
fn stated(
    text: &str,
    s: &str,
    t: &Quantity,
) -> std::result::Result<(ActualValue, Vec<String>), ValueError> {
    let deadline = matches!(t.unit, Unit::Deadline(_));
    let figure = if deadline {
        "完成的月份或日期"
    } else {
        "实际数值"
    };
    let not_a_number = || {
        ValueError::new(
            "实际完成值不是数字",
            format!(
                "{}，如「{}」；或「{NOT_APPLICABLE}」",
                if deadline {
                    "完成的月份或日期"
                } else {
                    "数字加单位"
                },
                t
            ),
        )
    };
    // `达成90%` is refused below: 90% may be the judgement's ratio or the figure.
    if let Some((word, figure, _)) =
        crate::quantity::judgement_with_figure(s).filter(|_| !s.ends_with('%'))
    {
        return Err(ValueError::new(
            format!("实际完成值把评价「{word}」和数值「{figure}」写在了一起"),
            format!("只写实际数值：「{figure}」"),
        ));
    }
    // `否` against `≤0起` (无安全责任事故 with 每发生一起扣2分) or `≥95%`: an answer to a question
    // the target does not ask. Read as 未达成 it scored 0 where it most likely said none happened.
    if s == "是" || s == "否" {
        return Err(ValueError::new(
            format!("数值指标的实际完成值写了「{s}」：是或否说明不了完成了多少，也可能是在回答「是否发生」"),
            format!(
                "{figure}，如「{t}」{}；或「{NOT_APPLICABLE}」",
                if t.value.is_zero() { "（没有发生的写 0）" } else { "" }
            ),
        ));
    }
    let Ok(j) = parse_judgement(text, "", false) else {
        return Err(not_a_number());
    };
    if j.ratio.is_some() || j.level == Level::Partial {
        return Err(ValueError::new(
            format!("数值指标的实际完成值写了评价「{s}」：只有{figure}才能说明完成了多少"),
            format!("{figure}，如「{t}」；或「{NOT_APPLICABLE}」"),
        ));
    }
    let met = j.level == Level::Met;
    let warnings = if met {
        vec![format!(
            "实际完成值「{s}」没有写{figure}，按达到指标值{t}计满分；请填写{figure}"
        )]
    } else {
        Vec::new()
    };
    Ok((ActualValue::Stated { met }, warnings))
}

/// The error for a placeholder (`/`, `—`, `无`): say what to write instead.
fn placeholder(s: &str, target: &TargetValue, event: bool) -> ValueError {
    let expected = match target {
        _ if event => "没有发生写「未发生」或「0」，发生了写发生的数目或「发生」；不适用写「不适用」".to_string(),
        TargetValue::Qualitative(words) => format!(
            "评价：达成、部分达成、未达成（可带比例），或指标值原文「{words}」；不适用写「{NOT_APPLICABLE}」"
        ),
        TargetValue::Numeric { quantity, .. } => format!(
            "实际数值，如「{quantity}」；或评价「达成」/「未达成」；不适用写「{NOT_APPLICABLE}」"
        ),
    };
    ValueError::new(
        format!("实际完成值「{s}」是占位符，不是评价或数值"),
        expected,
    )
}
