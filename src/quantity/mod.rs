//! Values (指标值 and 实际完成值): an operator, a number and a unit, or words.
//!
//! `≥ 1800 起`, `≤63万元`, `100百分比`, `5万张` are numeric targets; `及时`, `安全稳定`, `零发生`
//! are qualitative (定性) targets, whose actuals are judgements (`达成`, `部分达成 75%`, `未达成`).

use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

pub mod deadline;

use crate::text::compact;
pub use deadline::Deadline;

/// The comparison written before a target value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Le => "≤",
            Op::Lt => "<",
            Op::Eq => "=",
        }
    }

    /// ≥ and > (and =) are positive, ≤ and < reverse.
    pub fn direction(self) -> Direction {
        match self {
            Op::Le | Op::Lt => Direction::Reverse,
            Op::Ge | Op::Gt | Op::Eq => Direction::Positive,
        }
    }
}

/// Which way is better (指标方向).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// 正向指标: more is better.
    Positive,
    /// 反向指标: less is better (cost, complaint rate, time limit).
    Reverse,
}

impl Direction {
    pub fn chinese(self) -> &'static str {
        match self {
            Direction::Positive => "正向",
            Direction::Reverse => "反向",
        }
    }
}

/// A unit (计量单位).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// No unit written.
    None,
    /// `%`, `％`, `百分比`: one unit.
    Percent,
    /// Money in the unit written: `元` (scale 1), `万元` (10 000), `亿元`.
    Money { name: String, scale: Decimal },
    /// A counting unit (`起`, `次`, `张`, `平米`, `月`); 万/亿 prefixes were multiplied out.
    Count(String),
    /// A bare 万 or 亿 (`66.15万`): a multiple of whatever unit the target has — 万元 for money.
    Multiple { name: String, factor: Decimal },
    /// A deadline (完成时限): the value is its month, or its day of the year (see [`deadline`]).
    Deadline(Deadline),
}

impl Unit {
    pub fn name(&self) -> &str {
        match self {
            Unit::None => "",
            Unit::Percent => "%",
            Unit::Money { name, .. } => name,
            Unit::Count(name) => name,
            Unit::Multiple { name, .. } => name,
            Unit::Deadline(d) => d.unit_name(),
        }
    }
}

/// A number with its unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    pub value: Decimal,
    pub unit: Unit,
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.unit {
            // A deadline shows as written: `12月`, `2023年12月31日`.
            Unit::Deadline(d) => write!(f, "{}", d.label()),
            unit => write!(f, "{}{}", plain(self.value), unit.name()),
        }
    }
}

/// A decimal without trailing zeros: `1800`, `66.15`.
pub fn plain(d: Decimal) -> String {
    crate::num::plain_text(d)
}

/// A target value (指标值), parsed from the text as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetValue {
    /// `op` is `None` for a bare number (`3人`, `100百分比`), read as `=`.
    Numeric { op: Option<Op>, quantity: Quantity },
    /// Words: `及时`, `提高`, `安全稳定`, `零发生`.
    Qualitative(String),
}

impl TargetValue {
    pub fn parse(text: &str) -> Result<TargetValue, ValueError> {
        if let Some(run) = crate::text::spaced_number(text) {
            return Err(spaced_number_error(&run, "指标值"));
        }
        let s = compact(text);
        if s.is_empty() {
            return Err(ValueError::new(
                "指标值为空",
                "如 ≥1800起、≤63万元、100%、及时",
            ));
        }
        if let Some((_, digit)) = crate::text::other_script_digit(&s) {
            return Err(ValueError::new(
                format!("指标值中有 0-9 以外的数字字符「{digit}」（其他文字的数字），无法按数读取"),
                "用 0-9 写数字，如 2023年12月底前、≥95%",
            ));
        }
        // `≥95%(含)`, `95%以上(含95%)`, `不超过5%(含)`: a bound said to be included, as ≥, 以上,
        // 不超过 already say; read without the note (it made the unit 「%(含)」, refused). With a
        // strict comparison (`>95%(含)`) the two disagree: refused.
        let s = match included_note(&s) {
            Some(stripped) => {
                let (op, _) = split_op(stripped);
                if matches!(op, Some(Op::Gt | Op::Lt)) {
                    return Err(ValueError::new(
                        format!("指标值「{s}」写了不含端点的比较符号，又注明（含）"),
                        "只写一种：如 ≥95% 或 >95%",
                    ));
                }
                stripped.to_string()
            }
            None => s,
        };
        let (op, rest) = split_op(&s);
        // A month or a date of the year is a deadline: `12月`, `≤8月`, `2023年12月31日前`.
        if let Some(deadline) = deadline::parse_target(op, rest)? {
            return Ok(deadline);
        }
        // Comparative words around the number: `95%以上`, `控制在30万元以内`, `5个工作日内`.
        let (op, rest) = match comparative_words(op, rest)? {
            Some((op, core)) => (op, core),
            None => (op, rest.to_string()),
        };
        match parse_quantity(&rest)? {
            // A bare 万 in a target (`≥5万`) counts in ones: the actual may be written 38000.
            Some(Quantity {
                value,
                unit: Unit::Multiple { factor, .. },
            }) => Ok(TargetValue::Numeric {
                op,
                quantity: Quantity {
                    value: value * factor,
                    unit: Unit::None,
                },
            }),
            Some(quantity) => {
                check_target_unit(&s, &quantity.unit)?;
                if let Some(e) = year_like(&rest, &quantity) {
                    return Err(e);
                }
                Ok(TargetValue::Numeric { op, quantity })
            }
            None if op.is_some() => Err(ValueError::new(
                "比较符号后面不是数字",
                "比较符号后接数字和单位，如 ≥1800起",
            )),
            None => Ok(TargetValue::Qualitative(s)),
        }
    }

    /// A deadline without a year (`12月`) is in `year`, the targets file's year (预算年度), which
    /// the deadline also keeps to refuse an actual dated before it.
    pub fn set_year(&mut self, year: i64) {
        if let TargetValue::Numeric {
            quantity:
                Quantity {
                    value,
                    unit: Unit::Deadline(d),
                },
            ..
        } = self
        {
            d.budget_year = i32::try_from(year).ok();
            if d.year.is_none() {
                d.year = d.budget_year;
                *value = d.value();
            }
        }
    }

    /// The deadline, if the target is one.
    pub fn deadline(&self) -> Option<&Deadline> {
        match self {
            TargetValue::Numeric {
                quantity:
                    Quantity {
                        unit: Unit::Deadline(d),
                        ..
                    },
                ..
            } => Some(d),
            _ => None,
        }
    }

    pub fn direction(&self) -> Direction {
        match self {
            TargetValue::Numeric { op: Some(op), .. } => op.direction(),
            _ => Direction::Positive,
        }
    }
}

/// Why a value could not be read: what is wrong and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    pub message: String,
    pub expected: String,
}

impl ValueError {
    pub fn new(message: impl Into<String>, expected: impl Into<String>) -> Self {
        ValueError {
            message: message.into(),
            expected: expected.into(),
        }
    }
}

/// Numbers beyond this are refused as absurd (no budget indicator counts past a trillion).
pub const MAX_ABS: i64 = 1_000_000_000_000;

/// A target without its closing `(含)` or `(含95%)` (the number it repeats must be the target's):
/// `None` when there is none.
fn included_note(s: &str) -> Option<&str> {
    let body = s.strip_suffix(")")?;
    let (before, note) = body.rsplit_once("(含")?;
    // The note's number is the target's, not part of another (`≥195%(含95%)`).
    let repeats = before.match_indices(note).any(|(i, _)| {
        !before[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == '.')
    });
    if before.is_empty() || !(note.is_empty() || repeats) {
        return None;
    }
    Some(before)
}

const OPS: &[(&str, Op)] = &[
    (">=", Op::Ge),
    ("<=", Op::Le),
    ("≥", Op::Ge),
    ("≤", Op::Le),
    ("大于或等于", Op::Ge),
    ("大于等于", Op::Ge),
    ("不低于", Op::Ge),
    ("不少于", Op::Ge),
    ("小于或等于", Op::Le),
    ("小于等于", Op::Le),
    ("不高于", Op::Le),
    ("不超过", Op::Le),
    ("不多于", Op::Le),
    (">", Op::Gt),
    ("<", Op::Lt),
    ("=", Op::Eq),
    ("大于", Op::Gt),
    ("高于", Op::Gt),
    ("小于", Op::Lt),
    ("低于", Op::Lt),
    // `多于4次`, `超过95%`, `少于4次`: read as words (定性) before, so no number could score.
    ("多于", Op::Gt),
    ("超过", Op::Gt),
    ("少于", Op::Lt),
];

/// Words before a target's number that compare (read only when a number follows them).
const WORD_PREFIXES: &[(&str, Op)] = &[
    ("控制在", Op::Le),
    ("不晚于", Op::Le),
    ("不迟于", Op::Le),
    ("最多", Op::Le),
    ("至多", Op::Le),
    ("至少", Op::Ge),
    ("达到", Op::Ge),
];

/// Words after a target's number that compare. `以上`/`以下` include the number itself
/// (as in law and in the national forms); `以内`/`内` is at most (a time limit, a cost cap).
const WORD_SUFFIXES: &[(&str, Op)] = &[
    ("(含)以上", Op::Ge),
    ("及以上", Op::Ge),
    ("或以上", Op::Ge),
    ("以上", Op::Ge),
    ("(含)以下", Op::Le),
    ("及以下", Op::Le),
    ("或以下", Op::Le),
    ("以下", Op::Le),
    ("以内", Op::Le),
    ("之内", Op::Le),
    ("内", Op::Le),
];

/// Reads comparative words around a target's number: `95%以上` and `不低于95%` are ≥ 95%,
/// `控制在30万元以内` is ≤ 30万元, `5个工作日内` is ≤ 5个工作日, `100%完成` is ≥ 100%. Returns the
/// operator and the number with its unit, or `None` when no such word is there or no number
/// is left (`控制在合理范围` stays words). Two operators that disagree are an error.
fn comparative_words(
    op: Option<Op>,
    rest: &str,
) -> Result<Option<(Option<Op>, String)>, ValueError> {
    let mut found: Vec<(Op, &str)> = op.map(|o| (o, o.symbol())).into_iter().collect();
    let mut core = rest;
    if op.is_none() {
        if let Some((w, o)) = WORD_PREFIXES.iter().find(|(w, _)| core.starts_with(w)) {
            core = &core[w.len()..];
            found.push((*o, w));
        }
    }
    let mut done = false;
    if let Some(r) = core.strip_suffix("完成") {
        core = r;
        done = true;
    }
    if let Some((w, o)) = WORD_SUFFIXES.iter().find(|(w, _)| core.ends_with(w)) {
        core = &core[..core.len() - w.len()];
        found.push((*o, w));
    }
    let words = found.len() - usize::from(op.is_some());
    if (words == 0 && !done)
        || !core.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return Ok(None);
    }
    if parse_number(core)?.is_none() {
        return Ok(None);
    }
    let (first, first_word) = match found.first() {
        Some(f) => *f,
        // `100%完成`: done in full, at least the number.
        None => (Op::Ge, "完成"),
    };
    if let Some((_, other)) = found.iter().find(|(o, _)| *o != first) {
        return Err(ValueError::new(
            format!("指标值中的「{first_word}」与「{other}」方向相反"),
            format!("只写一种比较：如 ≥{core} 或 ≤{core}"),
        ));
    }
    Ok(Some((Some(first), core.to_string())))
}

/// Words that have no place in a unit: a unit holding them (`%左右`, `月中旬前`) means the text
/// was not read as written, and no actual could ever match it.
const NOT_UNIT_WORDS: &[&str] = &[
    "%", "以上", "以下", "以内", "之内", "内", "左右", "前", "后", "约", "不", "及", "或", "超过",
    "低于", "高于", "完成", "达到", "底", "旬", "初",
];

fn check_target_unit(text: &str, unit: &Unit) -> Result<(), ValueError> {
    let Unit::Count(name) = unit else {
        return Ok(());
    };
    let odd = NOT_UNIT_WORDS.iter().find(|w| name.contains(*w));
    let month_words = name.starts_with('月') && name != "月" && name != "月份";
    if odd.is_some() || month_words {
        return Err(ValueError::new(
            format!("指标值「{text}」读不通：数字后面的「{name}」不是单位"),
            "数字加单位，可带比较：≥95%、95%以上、不少于4次、≤30万元、控制在30万元以内、5个工作日内；完成期限写 12月底前 或 2023年12月15日前",
        ));
    }
    Ok(())
}

/// Splits a leading comparison (`≥`, `>=`, `不低于` …) off a compacted text.
pub fn split_op(s: &str) -> (Option<Op>, &str) {
    for (word, op) in OPS {
        if let Some(rest) = s.strip_prefix(word) {
            return (Some(*op), rest);
        }
    }
    (None, s)
}

/// A number written with spaces inside it that do not group thousands (`3 1`, `17 00`, `3 .5`):
/// one number or two, and where the point goes, cannot be known once the spaces are dropped.
pub fn spaced_number_error(run: &str, what: &str) -> ValueError {
    ValueError::new(
        format!(
            "{what}的数字「{run}」中间有空格：不能确定是一个数（{}）还是几个数",
            run.split_whitespace().collect::<String>()
        ),
        "去掉空格写成一个数（如「1700」「3.5」），千位分隔只用逗号或每三位一个空格（如「1,700」）",
    )
}

/// Reads a number at the start of a compacted text: `1800`, `1,800`, `66.15`, `1.8E+3`, `-2`.
/// Returns the number and the rest, or `None` when the text does not start with a number.
pub fn parse_number(s: &str) -> Result<Option<(Decimal, &str)>, ValueError> {
    let bytes = s.as_bytes();
    let mut i = 0;
    if i < bytes.len() && (bytes[i] == b'-' || bytes[i] == b'+') {
        i += 1;
    }
    let digits_start = i;
    let mut digits = String::new();
    if i < bytes.len() && bytes[i] == b'-' {
        return Ok(None);
    }
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() || b == b'.' {
            digits.push(b as char);
            i += 1;
        } else if b == b','
            && i > digits_start
            && bytes[i - 1].is_ascii_digit()
            && bytes.len() >= i + 4
            && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            // a thousands separator: `1,800`
            i += 1;
        } else {
            break;
        }
    }
    if !digits.bytes().any(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let mut exponent = String::new();
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        let mut j = i + 1;
        if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
            j += 1;
        }
        let exp_digits = j;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        if j > exp_digits {
            exponent = s[i + 1..j].to_string();
            i = j;
        }
    }
    let negative = bytes.first() == Some(&b'-');
    let too_big = || ValueError::new(format!("数值过大: {}", &s[..i]), "绝对值不超过 1万亿 的数");
    let mut value = Decimal::from_str(&digits)
        .map_err(|_| ValueError::new(format!("无法读取数字 {}", &s[..i]), "如 1800、66.15"))?;
    if !exponent.is_empty() {
        let e: i32 = exponent.parse().map_err(|_| too_big())?;
        if !(-12..=12).contains(&e) {
            return Err(too_big());
        }
        let scale = Decimal::from_scientific(&format!("1e{e}")).map_err(|_| too_big())?;
        value = value.checked_mul(scale).ok_or_else(too_big)?;
    }
    if value > Decimal::from(MAX_ABS) {
        return Err(too_big());
    }
    if negative {
        value = -value;
    }
    Ok(Some((value, &s[i..])))
}

/// Reads the unit after a number, multiplying out 万 and 亿 for counting units.
pub fn parse_unit(s: &str) -> (Unit, Decimal) {
    let one = Decimal::ONE;
    let wan = Decimal::from(10_000);
    let yi = Decimal::from(100_000_000);
    match s {
        "" => (Unit::None, one),
        "%" | "百分比" | "百分点" | "个百分点" => (Unit::Percent, one),
        "万" => (
            Unit::Multiple {
                name: "万".into(),
                factor: wan,
            },
            one,
        ),
        "亿" => (
            Unit::Multiple {
                name: "亿".into(),
                factor: yi,
            },
            one,
        ),
        _ => {
            if let Some(prefix) = s.strip_suffix('元') {
                let scale = match prefix {
                    "" => Some(one),
                    "千" => Some(Decimal::from(1000)),
                    "万" => Some(wan),
                    "百万" => Some(Decimal::from(1_000_000)),
                    "亿" => Some(yi),
                    _ => None,
                };
                if let Some(scale) = scale {
                    return (
                        Unit::Money {
                            name: s.to_string(),
                            scale,
                        },
                        one,
                    );
                }
            }
            if let Some(rest) = s.strip_prefix('万').filter(|r| !r.is_empty()) {
                return (Unit::Count(rest.to_string()), wan);
            }
            if let Some(rest) = s.strip_prefix('亿').filter(|r| !r.is_empty()) {
                return (Unit::Count(rest.to_string()), yi);
            }
            (Unit::Count(s.to_string()), one)
        }
    }
}

/// A target that reads as a year and month (`2023.12`) or a year (`2023年`), not a quantity:
/// as the number 2023.12 (more is better) a month late scored full marks, and `2023.10` was
/// read as 2023.1. Refused, asking for a deadline.
fn year_like(rest: &str, q: &Quantity) -> Option<ValueError> {
    let year = q.value.trunc();
    if !(Decimal::from(1990)..=Decimal::from(2100)).contains(&year) {
        return None;
    }
    let y = year.normalize();
    match &q.unit {
        Unit::None => {
            let (whole, month) = rest.split_once('.')?;
            let m: u32 = month.parse().ok()?;
            if whole.len() != 4 || month.len() > 2 || !(1..=12).contains(&m) {
                return None;
            }
            Some(ValueError::new(
                format!("指标值「{rest}」像是年月（{y}年{m}月），按数{rest}读会把推迟当成超额完成"),
                format!("完成期限写「{y}年{m}月底前」或「≤{m}月」；确是数量的，写上单位"),
            ))
        }
        Unit::Count(u) if u == "年" && q.value.fract().is_zero() => Some(ValueError::new(
            format!("指标值「{rest}」像是年份，按{y}年的数量读没有意义"),
            format!("完成期限写「{y}年12月底前」；年数写「≥3年」"),
        )),
        _ => None,
    }
}

/// A number and its unit, or `None` when the text does not start with a number.
pub fn parse_quantity(s: &str) -> Result<Option<Quantity>, ValueError> {
    let Some((number, rest)) = parse_number(s)? else {
        return Ok(None);
    };
    if rest.chars().any(|c| c.is_ascii_digit()) {
        // `90%-100%`, `3至5次`: a range, which a value cannot be (bands belong in the rule).
        let unit_end = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
        let between = rest[..unit_end].trim_start_matches(|c: char| !"-~～至到—–".contains(c));
        if !between.is_empty() && between.chars().count() <= 2 {
            return Err(ValueError::new(
                "写的是一个范围（两个数），只能读一个数",
                "一个数字加一个单位：指标值写下限（如 ≥90%）或上限（如 ≤100%），范围的得分写在评分标准里（如「90%-100%得满分」）",
            ));
        }
        return Err(ValueError::new(
            "数字后面的单位里又有数字",
            "一个数字加一个单位，如 1800起、66.15万元",
        ));
    }
    let (unit, multiplier) = parse_unit(rest);
    let value = number
        .checked_mul(multiplier)
        .filter(|v| v.abs() <= Decimal::from(MAX_ABS))
        .ok_or_else(|| ValueError::new("数值过大", "绝对值不超过 1万亿 的数"))?;
    Ok(Some(Quantity { value, unit }))
}

impl Quantity {
    /// This quantity's value in the unit of `target`: money converts (`元` ↔ `万元`), a bare
    /// number takes the target's unit, anything else must be the same unit.
    pub fn value_in(&self, target: &Unit) -> Result<Decimal, ValueError> {
        match (&self.unit, target) {
            // `66.15万` against `≤63万元` is 66.15万元; against `≥5万张` it is 66150 张.
            (Unit::Multiple { factor, .. }, Unit::Money { scale, .. }) => {
                Ok(self.value * *factor / *scale)
            }
            (Unit::Multiple { factor, .. }, Unit::Multiple { factor: f2, .. }) => {
                Ok(self.value * *factor / *f2)
            }
            (Unit::Multiple { factor, .. }, _) => Ok(self.value * *factor),
            (Unit::None, _) => Ok(self.value),
            // A target without a unit (`= 100`, `≥5万`) takes a number without one: `100万元`,
            // `100次` or `100%` against it would be a guess at what the target counts.
            (found, Unit::None) => Err(ValueError::new(
                format!("指标值没有单位，实际完成值却写了单位「{}」", found.name()),
                format!(
                    "实际完成值只写数字（如 {}）；或在目标文件的指标值中写上单位「{}」",
                    plain(self.value),
                    found.name()
                ),
            )),
            (Unit::Percent, Unit::Percent) => Ok(self.value),
            (Unit::Money { scale: a, .. }, Unit::Money { scale: b, .. }) => {
                Ok(self.value * *a / *b)
            }
            (Unit::Count(a), Unit::Count(b)) if same_count_unit(a, b) => Ok(self.value),
            (found, wanted) => Err(ValueError::new(
                format!(
                    "单位「{}」不能换算为指标值的单位「{}」",
                    found.name(),
                    wanted.name()
                ),
                format!("以「{}」为单位的数（或不写单位）", wanted.name()),
            )),
        }
    }
}

/// Counting units that are one unit: `个月` and `月`, `个工作日` and `工作日`, `天` and `日`,
/// `平方米`, `平米`, `㎡` and `m²`.
pub fn same_count_unit(a: &str, b: &str) -> bool {
    let norm = |u: &str| {
        let u = u.trim_start_matches('个');
        match u {
            "日" => "天".to_string(),
            "平米" | "㎡" | "m²" => "平方米".to_string(),
            _ => u.to_string(),
        }
    };
    norm(a) == norm(b)
}

/// Whether an indicator's value may fall below 0: only a rate of change, by its name
/// (`辖区发案下降率` -3%), in percent or without a unit. Money and counts never do, whatever the
/// name (`运行成本降低` -60万元, `宣传活动次数提高` -3次).
pub fn may_be_negative(unit: &Unit, name: &str) -> bool {
    matches!(unit, Unit::Percent | Unit::None)
        && ["下降", "降低", "增长", "提高", "变化"]
            .iter()
            .any(|w| name.contains(w))
}

/// A qualitative judgement (定性评价) of an actual.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// 达成: 80–100 % of the weight.
    Met,
    /// 部分达成: 60 % (inclusive) to 80 % (exclusive).
    Partial,
    /// 未达成: 0 to 60 % (exclusive).
    NotMet,
}

impl Level {
    pub fn chinese(self) -> &'static str {
        match self {
            Level::Met => "达成",
            Level::Partial => "部分达成",
            Level::NotMet => "未达成",
        }
    }

    /// The band of the weight (in percent) the level may take, and its default.
    /// Returns (low, high, high_inclusive, default).
    pub fn band(self) -> (Decimal, Decimal, bool, Decimal) {
        let d = Decimal::from;
        match self {
            Level::Met => (d(80), d(100), true, d(100)),
            Level::Partial => (d(60), d(80), false, d(60)),
            Level::NotMet => (d(0), d(60), false, d(0)),
        }
    }
}

/// A judgement with an optional ratio inside its band (`部分达成 75%` → 75).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judgement {
    pub level: Level,
    /// Percent of the weight, checked against the level's band.
    pub ratio: Option<Decimal>,
}

impl Judgement {
    /// The share of the weight earned, in percent.
    pub fn percent(&self) -> Decimal {
        self.ratio.unwrap_or(self.level.band().3)
    }
}

const EVENT_NONE: &[&str] = &["未发生", "零发生", "没有发生", "无发生"];
/// The counters an event's count may carry (`发生2起`, `0次`): nothing more, not the kind of
/// event (`1起一般事故`).
const EVENT_COUNTERS: &[&str] = &["起", "次", "件", "例", "宗", "个", "人", "人次", "处", "项"];
const PARTIAL: &[&str] = &["部分达成", "部分完成", "部分实现", "基本达成", "基本完成"];
const NOT_MET: &[&str] = &[
    "未达成",
    "未完成",
    "没有完成",
    "未实现",
    "未达到",
    "不达标",
    "否",
];
const MET: &[&str] = &[
    "达成",
    "已达成",
    "全部达成",
    "完全达成",
    "超额达成",
    "完成",
    "已完成",
    "全部完成",
    "全面完成",
    "超额完成",
    "实现",
    "已实现",
    "达到",
    "已达到",
    "达标",
    "是",
];

/// What a judgement word may be followed by: nothing, or what it is about (`达成年度指标`).
const OBJECTS: &[&str] = &[
    "年度指标",
    "预期指标",
    "年度目标",
    "预期目标",
    "年度绩效目标",
    "绩效目标",
    "目标值",
    "指标值",
    "目标",
    "指标",
    "年度任务",
    "任务",
    "年度计划",
    "计划",
    "预期",
];

/// The national form's clause on the effect, after 部分达成… or 未达成… (`部分达成年度指标并具有
/// 一定效果`, `未达成年度指标且效果较差`).
fn effect_clauses(level: Level) -> &'static [&'static str] {
    match level {
        Level::Met => &[],
        Level::Partial => &["并具有一定效果", "并有一定效果", "且具有一定效果"],
        Level::NotMet => &["且效果较差", "效果较差"],
    }
}

/// Whether `tail`, what follows a judgement word, is nothing, an object, an effect clause, or an
/// object then an effect clause.
fn tail_fits(level: Level, tail: &str) -> bool {
    let effect_or_nothing = |rest: &str| rest.is_empty() || effect_clauses(level).contains(&rest);
    effect_or_nothing(tail)
        || OBJECTS
            .iter()
            .any(|o| tail.strip_prefix(o).is_some_and(effect_or_nothing))
}

/// The judgement word `words` starts with (the longest of all lists) and its level.
fn judgement_word(words: &str, event: bool) -> Option<(&'static str, Level)> {
    let lists: [(&[&'static str], Level, bool); 4] = [
        (PARTIAL, Level::Partial, true),
        (EVENT_NONE, Level::Met, event),
        (NOT_MET, Level::NotMet, true),
        (MET, Level::Met, true),
    ];
    lists
        .iter()
        .filter(|(_, _, on)| *on)
        .flat_map(|(list, level, _)| list.iter().map(move |w| (*w, *level)))
        .filter(|(w, _)| words.starts_with(w))
        .max_by_key(|(w, _)| w.len())
}

/// Reads a judgement. `target` is the qualitative target's own words (an actual that repeats
/// them, like `及时` for a target `及时`, is 达成); `event` says whether the target or rule speaks
/// of an event (`零发生`, `发生…不得分`), where `未发生` is 达成 and `发生` is 未达成.
///
/// A judgement is a word of the lists (`达成`, `部分完成`, `未达成`, `否`…), optionally followed
/// by what it is about (`年度指标`) and the national form's clause on the effect, and then by a
/// ratio with its percent sign (`部分达成 75%`). Anything else after the word is refused, not
/// read by how the text starts: `完成情况较差`, `完成一半`, `部分达成 75` (75 what?), `完成1700起`.
pub fn parse_judgement(text: &str, target: &str, event: bool) -> Result<Judgement, ValueError> {
    let s: String = compact(text)
        .trim_matches(|c: char| ".,;:!?。，；：！？、\"'“”‘’()（）[]【】".contains(c))
        .to_string();
    let (words, ratio) = split_ratio(&s)?;
    let target = compact(target);
    let unknown = || ValueError::new("无法识别的定性评价", judgement_help(&target, event));
    let own_words = !target.is_empty() && (words == target || negates(words, &target));
    if own_words && ratio.is_some() {
        // `降低85%` against `降低`, `及时80%` against `及时`: the target's own words with a
        // figure may say by how much (fell by 85 %, 80 % on time), not a score ratio.
        return Err(ValueError::new(
            format!(
                "实际完成值「{s}」是指标值的原话「{words}」加一个比例：这个比例可能是变化或完成的幅度（如降低了85%、80%及时），也可能是评价的比例，读不准"
            ),
            format!(
                "只写「{words}」；或写评价加比例，如「达成 90%」「部分达成 75%」；幅度另写在偏差原因分析中"
            ),
        ));
    }
    let level = if let Some(level) = yes_no(words, &target, event)? {
        level
    } else if !target.is_empty() && words == target {
        Level::Met
    } else if negates(words, &target) {
        Level::NotMet
    } else if let Some(level) = event.then(|| occurred(words)).flatten() {
        level?
    } else if let Some((word, level)) = judgement_word(words, event) {
        let tail = &words[word.len()..];
        if !tail_fits(level, tail) {
            return Err(unfit_tail(word, tail, &target, event));
        }
        level
    } else {
        return Err(unknown());
    };
    let judgement = Judgement { level, ratio };
    if let Some(r) = ratio {
        let (low, high, high_inclusive, _) = level.band();
        let inside = r >= low && (r < high || (high_inclusive && r == high));
        if !inside {
            let close = if high_inclusive { "]" } else { ")" };
            return Err(ValueError::new(
                format!(
                    "{}的比例 {}% 不在其区间 [{}%, {}%{close} 内",
                    level.chinese(),
                    plain(r),
                    low,
                    high
                ),
                format!("{}后的比例在 {}% 到 {}% 之间", level.chinese(), low, high),
            ));
        }
    }
    Ok(judgement)
}

/// `是` and `否` against a target that is itself `是` or `否` (`是否发生安全事故` / `否`): the
/// target's word is 达成, the other 未达成. Against a target that asks a question (`是否…`) they
/// answer the question, which may be the good or the bad answer: refused.
/// Against an event target (`无安全责任事故`) they may answer 发生了吗 or 达到了吗: refused too.
fn yes_no(words: &str, target: &str, event: bool) -> Result<Option<Level>, ValueError> {
    if words != "是" && words != "否" {
        return Ok(None);
    }
    if target == "是" || target == "否" {
        return Ok(Some(if words == target {
            Level::Met
        } else {
            Level::NotMet
        }));
    }
    if target.contains("是否") {
        return Err(ValueError::new(
            format!(
                "实际完成值「{words}」回答的是指标值「{target}」的问句：无法判断「{words}」是达到还是没有达到指标"
            ),
            "达成、部分达成或未达成（可带比例，如「部分达成 75%」）".to_string(),
        ));
    }
    if event {
        let (a, b) = if words == "否" {
            ("没有发生（达到指标）", "没有达到指标")
        } else {
            ("发生了（没有达到指标）", "达到了指标")
        };
        return Err(ValueError::new(
            format!("实际完成值「{words}」对指标值「{target}」可以读作{a}，也可以读作{b}"),
            "没有发生写「未发生」或「0」，发生了写「发生」或发生的数目（如「发生1起」）"
                .to_string(),
        ));
    }
    Ok(None)
}

/// `发生`, `发生2起`, `发生0起` for an event: whether it happened, by the count written after it.
/// `None` when the text does not start with `发生`.
fn occurred(words: &str) -> Option<Result<Level, ValueError>> {
    // A count alone (`0`, `0起`, `2起`) says the same as `发生` with it.
    let tail = match words.strip_prefix("发生") {
        Some(tail) => tail,
        None if words.starts_with(|c: char| c.is_ascii_digit()) => words,
        None => return None,
    };
    if tail.is_empty() {
        return Some(Ok(Level::NotMet));
    }
    let count = parse_quantity(tail)
        .ok()
        .flatten()
        .filter(|q| matches!(q.unit, Unit::None | Unit::Count(_)) && q.value >= Decimal::ZERO);
    Some(match count {
        // `发生1起一般事故` against `出现重大安全事故的，该项不得分`: whether a 一般 accident is the
        // event the rule speaks of is the department's call, not a reading of the text. Only a
        // count with a bare counter is read; the kind of event after it is refused.
        Some(Quantity {
            unit: Unit::Count(ref name),
            ..
        }) if !EVENT_COUNTERS.contains(&name.as_str()) => Err(ValueError::new(
            format!("「{words}」写了发生的是什么事件，不只是发生的数目"),
            "只写数目，如「发生1起」（发生的正是评分标准所说的事件时）；\
             不是评分标准所说的事件（如标准只对重大事故扣分，发生的是一般事故），写「未发生」并在偏差原因中说明"
                .to_string(),
        )),
        Some(q) if q.value.is_zero() => Ok(Level::Met),
        Some(_) => Ok(Level::NotMet),
        None => Err(ValueError::new(
            format!("「发生」后面的「{tail}」无法识别"),
            "未发生、发生，或发生的数目（如「发生2起」「0起」）".to_string(),
        )),
    })
}

/// A judgement word with a figure after it (`完成1700起`, `部分达成75`): the word and the
/// figure's text.
pub fn judgement_with_figure(s: &str) -> Option<(&'static str, &str, Quantity)> {
    let (word, _) = judgement_word(s, false)?;
    let tail = &s[word.len()..];
    if !tail.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let figure = parse_quantity(tail).ok().flatten()?;
    Some((word, tail, figure))
}

/// The error for a judgement word followed by something it cannot be read with.
fn unfit_tail(word: &str, tail: &str, target: &str, event: bool) -> ValueError {
    let with_figure = judgement_with_figure(&format!("{word}{tail}")).map(|(_, _, q)| q);
    if let Some(figure) = with_figure {
        if figure.unit == Unit::None {
            let example = judgement_word(word, false).map_or("75", |(_, level)| match level {
                Level::Met => "90",
                Level::Partial => "75",
                Level::NotMet => "50",
            });
            return ValueError::new(
                format!("「{word}」后面的「{tail}」没有写%，不能当作比例"),
                format!("比例写明百分号，如「{word} {example}%」；或只写评价「{word}」"),
            );
        }
        return ValueError::new(
            format!("实际完成值把评价「{word}」和数值「{tail}」写在了一起"),
            format!("定性指标只写评价（如「{word}」，可带比例「{word} 75%」）"),
        );
    }
    ValueError::new(
        format!("无法识别的定性评价：「{word}」后面的「{tail}」不是评价的一部分"),
        judgement_help(target, event),
    )
}

/// `不及时` for `及时`, `未提高` for `提高`.
fn negates(words: &str, target: &str) -> bool {
    !target.is_empty()
        && ["不", "未", "没有", "没"]
            .iter()
            .any(|n| words.strip_prefix(n) == Some(target))
}

fn judgement_help(target: &str, event: bool) -> String {
    let mut s = String::from("达成、部分达成、未达成（可带比例，如「部分达成 75%」）");
    if !target.is_empty() {
        s.push_str(&format!("，或指标值原文「{target}」"));
    }
    if event {
        s.push_str("，或 未发生/发生");
    }
    s
}

/// Splits a trailing ratio off a judgement: `部分达成75%` → (`部分达成`, 75).
fn split_ratio(s: &str) -> Result<(&str, Option<Decimal>), ValueError> {
    let Some(body) = s.strip_suffix('%') else {
        return Ok((s, None));
    };
    match crate::text::trailing_number(body) {
        Some(i) => {
            let ratio = Decimal::from_str(&body[i..])
                .map_err(|_| ValueError::new("比例不是数字", "如 部分达成 75%"))?;
            let words = body[..i].trim_end_matches([':', '(', '（', '：']);
            Ok((words, Some(ratio)))
        }
        None => Ok((s, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn numeric(text: &str) -> (Option<Op>, Quantity) {
        match TargetValue::parse(text).unwrap() {
            TargetValue::Numeric { op, quantity } => (op, quantity),
            other => panic!("not numeric: {other:?}"),
        }
    }

    #[test]
    fn a_target_in_digits_of_another_script_is_refused() {
        // `٢٠٢٣年12月底前` was read as a qualitative text (or its year as 0): refused instead.
        for text in ["٢٠٢٣年12月底前", "≥९५%", "١٢月"] {
            let e = TargetValue::parse(text).unwrap_err();
            assert!(
                e.message.contains("0-9 以外的数字字符"),
                "{text}: {}",
                e.message
            );
        }
        // Full-width digits are 0-9, and a circled number is not a decimal digit.
        let (_, q) = numeric("２０２３年１２月底前");
        assert!(matches!(q.unit, Unit::Deadline(_)), "{q:?}");
        assert!(TargetValue::parse("①及时").is_ok());
    }

    #[test]
    fn targets_as_the_seed_writes_them() {
        let (op, q) = numeric("≥ 1800 起");
        assert_eq!(op, Some(Op::Ge));
        assert_eq!(q.value, d("1800"));
        assert_eq!(q.unit, Unit::Count("起".into()));

        let (op, q) = numeric("≥5 万张");
        assert_eq!(op, Some(Op::Ge));
        assert_eq!(q.value, d("50000"));
        assert_eq!(q.unit, Unit::Count("张".into()));

        let (op, q) = numeric("≤ 63万元");
        assert_eq!(op, Some(Op::Le));
        assert_eq!(q.value, d("63"));
        assert_eq!(q.unit.name(), "万元");

        let (op, q) = numeric("100百分比");
        assert_eq!(op, None);
        assert_eq!(q.unit, Unit::Percent);

        let (op, q) = numeric("＝ １００ ％");
        assert_eq!(op, Some(Op::Eq));
        assert_eq!(q.value, d("100"));
        assert_eq!(q.unit, Unit::Percent);

        // A quarter is a deadline: by the end of its last month.
        let q = TargetValue::parse("每年第二季度之前完成").unwrap();
        assert_eq!(q.deadline().map(|d| d.month), Some(6));
        assert_eq!(q.direction(), Direction::Reverse);
        assert_eq!(
            TargetValue::parse("≤8月").unwrap().direction(),
            Direction::Reverse
        );
    }

    #[test]
    fn numbers_in_excel_forms() {
        let n = |s: &str| parse_number(s).unwrap().unwrap().0;
        assert_eq!(n("1,800"), d("1800"));
        assert_eq!(n("1.8E+3"), d("1800"));
        assert_eq!(n("-2"), d("-2"));
        assert!(parse_number("1e30").is_err());
        assert!(parse_number("abc").unwrap().is_none());
    }

    #[test]
    fn money_converts_other_units_do_not() {
        let target = numeric("≤63万元").1;
        let actual = parse_quantity("661500元").unwrap().unwrap();
        assert_eq!(actual.value_in(&target.unit).unwrap(), d("66.15"));
        let count = parse_quantity("5次").unwrap().unwrap();
        assert!(count.value_in(&target.unit).is_err());
        let bare = parse_quantity("66.15").unwrap().unwrap();
        assert_eq!(bare.value_in(&target.unit).unwrap(), d("66.15"));
    }

    #[test]
    fn judgements() {
        let j = |s: &str| parse_judgement(s, "及时", false).unwrap();
        assert_eq!(j("达成").level, Level::Met);
        assert_eq!(j("及时").level, Level::Met);
        assert_eq!(j("不及时").level, Level::NotMet);
        assert_eq!(j("部分达成年度指标并具有一定效果").level, Level::Partial);
        assert_eq!(j("未达成年度指标且效果较差").level, Level::NotMet);
        assert_eq!(j("部分达成 75%").ratio, Some(d("75")));
        assert_eq!(j("部分达成 75%").percent(), d("75"));
        assert_eq!(j("部分达成").percent(), d("60"));
        assert!(parse_judgement("部分达成 85%", "及时", false).is_err());
        assert!(parse_judgement("很好", "及时", false).is_err());
        let e = |s: &str| parse_judgement(s, "零发生", true).unwrap().level;
        assert_eq!(e("未发生"), Level::Met);
        assert_eq!(e("发生"), Level::NotMet);
    }
}
