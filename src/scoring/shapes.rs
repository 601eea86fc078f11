//! Scoring by the rule shapes that have arithmetic of their own: step deductions (按档扣分),
//! bands (分档计分), cut-offs (低于…不得分), level lists (优秀得10分…) and bonus points (加分).

use rust_decimal::Decimal;
use std::cmp::Ordering;

use super::exact::{Exact, Frac, Overflow};
use super::indicator::{Numeric, Raw, Trace};
use super::{pct, two, Config, ScoreError};
use crate::quantity::{plain, Direction};
use crate::rules::{Band, Bands, Base, Bonus, Counting, Measure, Points, Rule, Side, Size, Step};
use crate::targets::Indicator;

/// A step size as the trace reads it: `1次`, `10个百分点`, `10%`.
fn size_label(size: &Size, percent_indicator: bool) -> String {
    match &size.measure {
        Measure::Units(u) => format!("{}{u}", plain(size.amount)),
        Measure::Percent if percent_indicator => format!("{}个百分点", plain(size.amount)),
        Measure::Percent | Measure::OfTarget => format!("{}%", plain(size.amount)),
    }
}

/// The side a step counts for this indicator: a direction written in the targets file
/// overrides the rule's words (SCORING §5).
fn resolved_side(step: &Step, n: &Numeric) -> Side {
    match step.side {
        Side::Both => Side::Both,
        _ if n.direction_written => Side::Worse.resolve(n.direction),
        side => side.resolve(n.direction),
    }
}

/// A step deduction: deviation on the rule's side, counted in steps, each deducting points or
/// a share of the weight; never below 0 (扣完为止).
pub(super) fn step_score(
    step: &Step,
    step_text: &str,
    full: Option<Decimal>,
    n: &Numeric,
    config: &Config,
    trace: &mut Trace,
) -> Result<Raw, ScoreError> {
    let w = n.w;
    let side = resolved_side(step, n);
    let (deviation, word) = match side {
        Side::Over => (n.a - n.t, "多"),
        Side::Both if n.a >= n.t => (n.a - n.t, "多"),
        Side::Short | Side::Worse | Side::Both => (n.t - n.a, "少"),
    };
    if deviation <= Decimal::ZERO {
        trace.push(|| {
            format!(
                "实际{}{}：得满分 {}",
                n.shown,
                if side == Side::Both {
                    "未偏离指标值"
                } else {
                    "未偏离到扣分的一侧"
                },
                two(w)
            )
        });
        return Ok((Frac::of(w), "达到指标值，得满分".into(), false));
    }
    let relative = match step.size.measure {
        Measure::OfTarget => true,
        Measure::Percent => !n.percent(),
        Measure::Units(_) => false,
    };
    if relative && n.t.is_zero() {
        return Err(ScoreError::new(
            format!("指标值为0，无法按指标值的百分比计档（“{step_text}”）",),
            "按数量写每档，如「每增加1次扣20%权重分」",
        ));
    }
    let (measured, described) = n.measured(deviation, &step.size.measure)?;
    let overridden = if n.direction_written && step.side != side && step.side != Side::Worse {
        "（方向按目标文件中写明的 direction）"
    } else {
        ""
    };
    let mut head = format!("实际{}，比指标值{word}{described}{overridden}", n.shown);
    trace.push(|| {
        format!(
            "偏离：实际{}比指标值{}{word}{described}",
            n.shown, n.target_shown
        )
    });
    // `偏差在3%以内不扣分，超过3%的部分…`: only the deviation beyond the free part counts.
    let (counted, counted_label) = match step.free {
        Some(free) => {
            let beyond = measured.minus(Frac::of(free))?;
            let free_label = size_label(
                &Size {
                    amount: free,
                    measure: step.size.measure.clone(),
                },
                n.percent(),
            );
            if beyond.compare(Frac::ZERO)? != Ordering::Greater {
                trace.push(|| format!("偏离在{free_label}以内：不扣分"));
                return Ok((
                    Frac::of(w),
                    format!("{head}，在{free_label}以内（“{step_text}”），不扣分"),
                    true,
                ));
            }
            let beyond_label = size_label(
                &Size {
                    amount: beyond.approx()?.round_dp(4),
                    measure: step.size.measure.clone(),
                },
                n.percent(),
            );
            trace.push(|| format!("超过{free_label}的部分：{beyond_label}"));
            head.push_str(&format!("，超过{free_label}的部分为{beyond_label}"));
            (beyond, beyond_label)
        }
        None => (measured, described.clone()),
    };
    let ratio = counted.over(step.size.amount)?;
    let counting = step.counting.unwrap_or(config.default_counting);
    let steps = match counting {
        Counting::Whole => Frac::of(ratio.floor()?),
        Counting::RoundUp => Frac::of(ratio.ceil()?),
        Counting::Proportional => ratio,
    };
    // Points written against stated full marks other than the weight (`得20分;每减少1次,扣5分`
    // at weight 10) are scaled by weight / full, as band points are: 5 of 20 is 2.5 of 10.
    let scaled = match (step.deduct, full) {
        (Points::Points(p), Some(f)) if f > Decimal::ZERO && f != w => Some((p, f)),
        _ => None,
    };
    let per_step = match step.deduct {
        Points::Points(p) => match scaled {
            Some((p, f)) => Frac::of(p).times(w)?.over(f)?,
            None => Frac::of(p),
        },
        Points::ShareOfWeight(p) => Frac::of(w).times(p)?.over(Decimal::ONE_HUNDRED)?,
    };
    if let Some((p, f)) = scaled {
        let shown = per_step.approx()?.round_dp(4);
        trace.push(|| {
            format!(
                "每档扣{}分按满分{}分折算为分值：{}×{}/{}={}",
                plain(p),
                plain(f),
                plain(p),
                two(w),
                plain(f),
                plain(shown)
            )
        });
    }
    let deducted = steps.times_frac(per_step)?;
    let steps_shown = plain(steps.approx()?.round_dp(4));
    let (ratio_shown, per_step_shown, deducted_shown) = (
        ratio.approx()?.round_dp(4),
        per_step.approx()?.round_dp(4),
        deducted.approx()?.round_dp(4),
    );
    trace.push(|| {
        format!(
            "档数：{counted_label} ÷ {} = {}，{} → {steps_shown} 档",
            size_label(&step.size, n.percent()),
            plain(ratio_shown),
            match counting {
                Counting::Whole => "只计整档",
                Counting::RoundUp => "不足一档按一档",
                Counting::Proportional => "按比例",
            },
        )
    });
    trace.push(|| {
        format!(
            "扣分：{steps_shown} 档 × 每档 {} 分 = {}",
            plain(per_step_shown),
            plain(deducted_shown)
        )
    });
    if steps.is_zero() {
        return Ok((
            Frac::of(w),
            format!("{head}，不足一档（“{step_text}”），不扣分"),
            true,
        ));
    }
    let floor = if deducted.cmp_dec(w)? != Ordering::Less {
        "，扣完为止"
    } else {
        ""
    };
    let scaled_note = match scaled {
        Some((p, f)) => format!(
            "（每档{}分按满分{}分折算为{}分）",
            plain(p),
            plain(f),
            plain(per_step_shown)
        ),
        None => String::new(),
    };
    Ok((
        Frac::of(w).minus(deducted)?,
        format!("{head}，按“{step_text}”扣{steps_shown}档{scaled_note}{floor}"),
        true,
    ))
}

/// The value bands are written against: the actual itself, or on a non-percent indicator with
/// bands in `%`, the completion ratio (actual / target × 100). `None`: a target of 0 that was
/// missed has no ratio.
fn band_value(unit: &str, n: &Numeric) -> Exact<Option<(Frac, String)>> {
    if unit == "%" && !n.percent() {
        let ratio = if n.t > Decimal::ZERO {
            Frac::of(n.a).times(Decimal::ONE_HUNDRED)?.over(n.t)?
        } else if n.met {
            Frac::of(Decimal::ONE_HUNDRED)
        } else {
            return Ok(None);
        };
        Ok(Some((ratio, format!("完成率{}", pct(ratio.approx()?)))))
    } else {
        Ok(Some((Frac::of(n.a), format!("实际{}", n.shown))))
    }
}

/// Whether the exact value lies in the band.
fn contains(b: &Band, x: Frac) -> Exact<bool> {
    let above = match b.low {
        None => true,
        Some(l) => match x.cmp_dec(l.value)? {
            Ordering::Greater => true,
            Ordering::Equal => l.inclusive,
            Ordering::Less => false,
        },
    };
    let below = match b.high {
        None => true,
        Some(h) => match x.cmp_dec(h.value)? {
            Ordering::Less => true,
            Ordering::Equal => h.inclusive,
            Ordering::Greater => false,
        },
    };
    Ok(above && below)
}

/// Points by band: the band that holds the value (of nested bands, the narrowest). Written
/// points are scaled to the weight when the stated full marks differ from it. A value where two
/// bands partly overlap and award differently, in a gap between bands, or beyond the best band
/// is refused; beyond the worst band it scores 0.
pub(super) fn band_score(
    bands: &Bands,
    full: Option<Decimal>,
    n: &Numeric,
    trace: &mut Trace,
) -> Result<(Frac, String), ScoreError> {
    let w = n.w;
    let Some((x, what)) = band_value(&bands.unit, n)? else {
        trace.push(|| {
            format!(
                "指标值为{}，无法计算完成率；实际{}未达到：得 0",
                n.target_shown, n.shown
            )
        });
        return Ok((
            Frac::ZERO,
            format!(
                "实际{}，未达到指标值{}（指标值为0，无法按完成率分档），不得分",
                n.shown, n.target_shown
            ),
        ));
    };
    let mut holding = Vec::new();
    for b in &bands.bands {
        if contains(b, x)? {
            holding.push(b);
        }
    }
    // Bands written as a cascade (`90%以上得10分，80%以上得8分`): `80%以上` holds `90%以上`, and
    // the narrower band is meant where both hold the actual. Partly overlapping bands are
    // settled below (the same award, or refused).
    let found = holding
        .iter()
        .copied()
        .find(|b| holding.iter().all(|other| within(b, other)))
        .or(holding.first().copied());
    let Some(band) = found else {
        // Between two bands (`80%-89%得8分` and `90%-100%得10分` at 89.5%): the rule says nothing
        // of the gap, and a reader of `80%-89%` may well mean the 80s.
        let (mut below, mut above): (Option<&Band>, Option<&Band>) = (None, None);
        for b in &bands.bands {
            if below_value(b, x)?
                && below.is_none_or(|o| o.high.map(|h| h.value) < b.high.map(|h| h.value))
            {
                below = Some(b);
            }
            if above_value(b, x)?
                && above.is_none_or(|o| o.low.map(|l| l.value) > b.low.map(|l| l.value))
            {
                above = Some(b);
            }
        }
        if let (Some(lo), Some(hi)) = (below, above) {
            return Err(ScoreError::new(
                format!(
                    "{what}落在评分标准两档之间的空档：「{}」与「{}」之间没有写得分，不能确定按哪一档计",
                    crate::rules::range_label(lo.low, lo.high, &bands.unit),
                    crate::rules::range_label(hi.low, hi.high, &bands.unit)
                ),
                "在目标文件中把分档写得首尾相接，如「80%(含)-90%得8分，90%(含)-100%得10分」，或用规则表 [table.indicator.rule] 写明各档",
            ));
        }
        // Beyond the best band (`90%~100%计5分` at 105%): better than every band that scores,
        // 0 would be a wrong score; beyond the worst band is the rule's "else 0".
        let beyond_best = match n.direction {
            Direction::Positive => below.filter(|_| above.is_none()),
            Direction::Reverse => above.filter(|_| below.is_none()),
        };
        if let Some(best) = beyond_best {
            return Err(ScoreError::new(
                format!(
                    "{what}超出评分标准最好的一档「{}」，评分标准没有写这里得几分",
                    crate::rules::range_label(best.low, best.high, &bands.unit)
                ),
                "在目标文件中把最好的一档写成不封顶，如「90%以上计5分」，或用规则表 [table.indicator.rule] 写明各档",
            ));
        }
        trace.push(|| format!("{what}不在任何一档内：得 0"));
        return Ok((
            Frac::ZERO,
            format!("{what}，不在评分标准的任何一档内，不得分"),
        ));
    };
    let range = crate::rules::range_label(band.low, band.high, &bands.unit);
    let (score, how) = award(band.award, full, w, n.truncate)?;
    // Two bands that overlap where the value is (`80%-90%得一半分` and `80%以下不得分` at 80%) and
    // award differently: which one the disclosure meant cannot be read from it.
    for other in holding {
        if std::ptr::eq(other, band) || within(band, other) {
            continue;
        }
        let (other_score, other_how) = award(other.award, full, w, n.truncate)?;
        if other_score.round2(n.truncate)? != score.round2(n.truncate)? {
            let other_range = crate::rules::range_label(other.low, other.high, &bands.unit);
            return Err(ScoreError::new(
                format!(
                    "{what}同时落在评分标准的两档：「{range}」{how}，「{other_range}」{other_how}；分档在这里重叠，不能确定按哪一档计"
                ),
                "在目标文件中把这条评分标准的分档端点写明（含）或（不含），如「80%(含)-90%得一半分，低于80%不得分」，或用规则表 [table.indicator.rule] 写明各档",
            ));
        }
    }
    trace.push(|| format!("{what}落在「{range}」档：{how}"));
    Ok((score, format!("{what}，落在「{range}」档，{how}")))
}

/// Whether band `b` lies wholly below `x` (it has an upper end at or under it).
fn below_value(b: &Band, x: Frac) -> Exact<bool> {
    Ok(match b.high {
        None => false,
        Some(h) => match x.cmp_dec(h.value)? {
            Ordering::Greater => true,
            Ordering::Equal => !h.inclusive,
            Ordering::Less => false,
        },
    })
}

/// Whether band `b` lies wholly above `x`.
fn above_value(b: &Band, x: Frac) -> Exact<bool> {
    Ok(match b.low {
        None => false,
        Some(l) => match x.cmp_dec(l.value)? {
            Ordering::Less => true,
            Ordering::Equal => !l.inclusive,
            Ordering::Greater => false,
        },
    })
}

/// Whether band `a` lies wholly within band `b` (each end as marked).
fn within(a: &Band, b: &Band) -> bool {
    let low_ok = match (a.low, b.low) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(x), Some(y)) => {
            x.value > y.value || (x.value == y.value && (y.inclusive || !x.inclusive))
        }
    };
    let high_ok = match (a.high, b.high) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(x), Some(y)) => {
            x.value < y.value || (x.value == y.value && (y.inclusive || !x.inclusive))
        }
    };
    low_ok && high_ok
}

/// What an award is worth for weight `w`, and how it reads.
fn award(p: Points, full: Option<Decimal>, w: Decimal, truncate: bool) -> Exact<(Frac, String)> {
    Ok(match (p, full) {
        (Points::ShareOfWeight(s), _) if s == Decimal::ONE_HUNDRED => {
            (Frac::of(w), "得满分".to_string())
        }
        (Points::Points(p), Some(f)) if f > Decimal::ZERO && f != w => {
            let s = Frac::of(p).times(w)?.over(f)?;
            (
                s,
                format!(
                    "计{}分，按满分{}分折算为分值：{}×{}/{}={}",
                    plain(p),
                    plain(f),
                    plain(p),
                    two(w),
                    plain(f),
                    s.round2(truncate)?
                ),
            )
        }
        (Points::Points(p), _) => (Frac::of(p.min(w)), format!("计{}分", plain(p))),
        (Points::ShareOfWeight(s), _) => {
            let v = Frac::of(w).times(s)?.over(Decimal::ONE_HUNDRED)?;
            (v, format!("得分值的{}：{}", pct(s), v.round2(truncate)?))
        }
    })
}

/// A cut-off (`低于90%不得分`, `低于80%不得分` after a step): inside it the score is 0, outside
/// it the rest of the rule (or the default method) applies. `None`: not cut off.
pub(super) fn cutoff_score(
    rule: &Rule,
    n: &Numeric,
    rule_text: &str,
    trace: &mut Trace,
) -> Exact<Option<Raw>> {
    let Some(cut) = &rule.cutoff else {
        return Ok(None);
    };
    let Some((x, what)) = band_value(&cut.unit, n)? else {
        return Ok(None);
    };
    for b in &cut.bands {
        if contains(b, x)? {
            let range = crate::rules::range_label(b.low, b.high, &cut.unit);
            trace.push(|| format!("{what}落在「{range}」：不得分"));
            return Ok(Some((
                Frac::ZERO,
                format!("{what}，落在「{range}」，按“{rule_text}”不得分"),
                true,
            )));
        }
    }
    Ok(None)
}

/// A level list (`优秀得10分，良好得8分，合格得6分，不合格不得分`): the actual named level `index`.
/// Written points are scaled to the weight when the stated full marks differ from it.
pub(super) fn level_score(
    ind: &Indicator,
    index: usize,
    config: &Config,
) -> Result<Raw, ScoreError> {
    let parsed = ind.rule.as_ref();
    let (Some(Base::Levels(levels)), Some(r)) = (parsed.map(|r| &r.rule.base), parsed) else {
        return Err(ScoreError::new(
            "实际完成值是等级，评分标准却不是按等级计分",
            "与评分标准相符的实际完成值",
        ));
    };
    let level = levels
        .get(index)
        .ok_or_else(|| ScoreError::new("等级不在评分标准中", "评分标准中的等级"))?;
    let (s, how) = award(level.award, r.rule.full, ind.weight, config.truncate)?;
    let missed = s.cmp_dec(ind.weight)? == Ordering::Less;
    Ok((s, format!("评价为「{}」，{how}", level.word), missed))
}

/// Bonus points (加分) for beating the target: whole steps beyond it, capped. Returns the points,
/// the words for the explanation and the trace line; `None` when there is nothing to add.
pub(super) fn bonus_points(
    bonus: &Bonus,
    n: &Numeric,
    config: &Config,
) -> Exact<Option<(Decimal, String, String)>> {
    if !n.met {
        return Ok(None);
    }
    let excess = match n.direction {
        crate::quantity::Direction::Positive => n.a - n.t,
        crate::quantity::Direction::Reverse => n.t - n.a,
    };
    let (measured, described) = n.measured(excess, &bonus.size.measure)?;
    let steps = measured.over(bonus.size.amount)?.floor()?;
    let uncapped = steps.checked_mul(bonus.add).ok_or(Overflow)?;
    let add = bonus.cap.map_or(uncapped, |cap| uncapped.min(cap));
    if add <= Decimal::ZERO {
        return Ok(None);
    }
    let capped = bonus.cap.is_some_and(|c| add >= c);
    let add = config.round(add);
    let note = format!(
        "；超出指标值{described}，加{}分{}",
        two(add),
        if capped {
            "（已达加分上限）"
        } else {
            ""
        }
    );
    let line = format!(
        "加分：{described} ÷ {} = {} 档 × {} 分，上限 {} → 加 {}",
        size_label(&bonus.size, n.percent()),
        plain(steps),
        plain(bonus.add),
        bonus.cap.map_or("无".into(), plain),
        two(add)
    );
    Ok(Some((add, note, line)))
}
