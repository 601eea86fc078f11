//! One indicator (三级指标) scored against its actual: the national default method, all or
//! nothing, veto, and the qualitative bands; rule shapes with steps and bands are in
//! [`super::shapes`]. Every score is one exact [`Frac`], rounded once.

use rust_decimal::Decimal;
use std::cmp::Ordering;

use super::exact::{Exact, Frac};
use super::shapes::{band_score, bonus_points, cutoff_score, level_score, step_score};
use super::{pct, two, Config, ScoreError};
use crate::actuals::ActualValue;
use crate::quantity::{plain, Direction, Judgement, Level, Op, TargetValue, Unit};
use crate::rules::{Base, Measure};
use crate::targets::Indicator;

/// How one indicator scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// 得分, rounded to 2 decimals.
    pub score: Decimal,
    /// 扣分说明.
    pub explanation: String,
    /// The target was not met (whether or not points were lost).
    pub missed: bool,
    /// 提示.
    pub warnings: Vec<String>,
    /// Every step of the arithmetic, for `jixiao explain` ([`explain_indicator`]); empty when
    /// scored by [`score_indicator`].
    pub trace: Vec<String>,
}

/// The steps of an indicator's arithmetic in words, kept only when asked for: `jixiao explain`
/// prints them, a score sheet does not (writing them for every indicator cost a few per cent of
/// a batch run).
/// A line is a closure, formatted only when kept; what it shows is computed outside it, so that
/// a computation that fails fails whether or not the steps are kept.
pub(super) struct Trace(Option<Vec<String>>);

impl Trace {
    pub(super) fn push(&mut self, line: impl FnOnce() -> String) {
        if let Some(lines) = &mut self.0 {
            lines.push(line());
        }
    }

    fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(Vec::is_empty)
    }

    fn lines(self) -> Vec<String> {
        self.0.unwrap_or_default()
    }
}

/// A numeric actual against a numeric target, with what explanations need.
pub(super) struct Numeric<'a> {
    pub a: Decimal,
    pub t: Decimal,
    pub w: Decimal,
    pub shown: &'a str,
    pub target_shown: String,
    pub unit: &'a Unit,
    pub met: bool,
    pub direction: Direction,
    /// The direction was written in the targets file, not read from the rule or operator.
    pub direction_written: bool,
    pub truncate: bool,
}

impl Numeric<'_> {
    /// A score as the sheet will show it, by the file's rounding.
    pub fn show(&self, x: Frac) -> Exact<String> {
        Ok(x.round2(self.truncate)?.to_string())
    }

    pub fn percent(&self) -> bool {
        *self.unit == Unit::Percent
    }

    /// The deviation measured as a step or bonus size measures it, and how it reads.
    pub fn measured(&self, deviation: Decimal, measure: &Measure) -> Exact<(Frac, String)> {
        Ok(match measure {
            Measure::Units(u) => {
                let u = if u.is_empty() || (u == "个百分点" && !self.percent()) {
                    self.unit.name()
                } else {
                    u.as_str()
                };
                (Frac::of(deviation), format!("{}{}", plain(deviation), u))
            }
            Measure::Percent if self.percent() => {
                (Frac::of(deviation), format!("{}个百分点", plain(deviation)))
            }
            Measure::Percent | Measure::OfTarget => {
                let r = Frac::of(deviation)
                    .times(Decimal::ONE_HUNDRED)?
                    .over(self.t)?;
                (r, pct(r.approx()?))
            }
        })
    }
}

/// An actual written as a bound (`<95%`, `不超过95%`, `>5%`) says only on which side of the
/// number the result lies. A bound on the better side (`≥95%` on a positive indicator) is read
/// as the number, the least it may be (a warning says so). A bound on the worse side says
/// neither how much was missed nor the score, nor does any bound when deviation on either side
/// loses points: refused.
fn bound_against_direction(
    operator: Option<Op>,
    shown: &str,
    direction: Direction,
    two_sided: bool,
) -> Option<ScoreError> {
    let op = operator.filter(|op| *op != Op::Eq)?;
    let worse = match direction {
        Direction::Positive => matches!(op, Op::Le | Op::Lt),
        Direction::Reverse => matches!(op, Op::Ge | Op::Gt),
    };
    if !worse && !two_sided {
        return None;
    }
    let side = match op {
        Op::Lt => "低于",
        Op::Le => "不高于",
        Op::Gt => "高于",
        _ => "不低于",
    };
    Some(ScoreError::new(
        format!(
            "实际完成值「{}{shown}」只说明{side}{shown}，不是实际数值：{}",
            op.symbol(),
            if two_sided {
                "偏离指标值多少不知道"
            } else {
                "比指标值差多少不知道"
            }
        ),
        "实际完成的准确数值，不带比较符号，也不写「低于」「不超过」这类字",
    ))
}

/// The raw score of a rule shape (before the 0…weight limits), its explanation and whether the
/// target was missed.
pub(super) type Raw = (Frac, String, bool);

/// Scores one indicator. `reason` is its 偏差原因分析及改进措施 (a miss without one is flagged).
pub fn score_indicator(
    ind: &Indicator,
    value: &ActualValue,
    reason: &str,
    config: &Config,
) -> Result<Outcome, ScoreError> {
    scored(ind, value, reason, config, Trace(None))
}

/// [`score_indicator`] with every step of the arithmetic in [`Outcome::trace`].
pub fn explain_indicator(
    ind: &Indicator,
    value: &ActualValue,
    reason: &str,
    config: &Config,
) -> Result<Outcome, ScoreError> {
    scored(ind, value, reason, config, Trace(Some(Vec::new())))
}

fn scored(
    ind: &Indicator,
    value: &ActualValue,
    reason: &str,
    config: &Config,
    mut trace: Trace,
) -> Result<Outcome, ScoreError> {
    if let ActualValue::Number {
        value: to,
        from: Some(from),
        shown,
        ..
    } = value
    {
        same_throughout(ind, shown, *from, *to, reason, config)?;
    }
    let w = ind.weight;
    let parsed = ind.rule.as_ref();
    let rule_text = ind
        .rule_text
        .as_deref()
        .unwrap_or("")
        .trim_end_matches(['。', '.']);
    let mut numeric = None;
    let (raw, explanation, missed) = match value {
        ActualValue::NotApplicable => {
            trace.push(|| "不适用：不计分".into());
            return Ok(Outcome {
                score: config.round(Decimal::ZERO),
                explanation: format!(
                    "不适用，不参与计分（原分值{}分），合计按适用指标折算为百分制",
                    two(w)
                ),
                missed: false,
                warnings: Vec::new(),
                trace: trace.lines(),
            });
        }
        ActualValue::Number {
            value: a,
            shown,
            from,
            operator,
        } => {
            let TargetValue::Numeric { op, quantity } = &ind.target else {
                return Err(ScoreError::new(
                    "定性指标的实际完成值是数字",
                    "定性评价：达成、部分达成或未达成",
                ));
            };
            let base = parsed.map(|r| &r.rule.base);
            let two_sided = base.is_some_and(Base::is_two_sided);
            if let Some(e) = bound_against_direction(*operator, shown, ind.direction, two_sided) {
                return Err(e);
            }
            let n = Numeric {
                a: *a,
                t: quantity.value,
                w,
                shown,
                // Display shows a deadline as written (`2023年12月31日`).
                target_shown: quantity.to_string(),
                unit: &quantity.unit,
                met: if two_sided {
                    *a == quantity.value
                } else {
                    is_met(*a, quantity.value, op.unwrap_or(Op::Eq), ind.direction)
                },
                direction: ind.direction,
                direction_written: ind.direction_written,
                truncate: config.truncate,
            };
            let (s, e, missed) = numeric_raw(ind, &n, rule_text, config, &mut trace)?;
            // A deadline says how early or late (提前1个月完成 / 推迟2个月).
            let e = match &quantity.unit {
                Unit::Deadline(d) => {
                    // A stretch (第三季度) scores the same throughout, but how early is not said.
                    let note = match from {
                        Some(_) if n.a <= n.t => "按期完成".to_string(),
                        Some(_) => "未按期完成".to_string(),
                        None => crate::quantity::deadline::note(d, n.a, n.t),
                    };
                    match e.strip_prefix("达到指标值，") {
                        Some(rest) => format!("{note}，{rest}"),
                        None => format!("{note}：{e}"),
                    }
                }
                _ => e,
            };
            numeric = Some(n);
            (s, e, missed)
        }
        // A judgement without the figure against a numeric target.
        ActualValue::Stated { met } => {
            let (s, e) = stated_score(*met, ind, rule_text);
            (s, e, !met)
        }
        ActualValue::Judgement(j) => judgement_raw(ind, j, rule_text, config)?,
        ActualValue::Level(i) => level_score(ind, *i, config)?,
    };
    finish(
        ind,
        Finish {
            raw,
            explanation,
            missed,
            numeric: numeric.as_ref(),
            reason,
            trace,
        },
        config,
    )
}

/// A time written as a stretch (`第三季度` against `8月`: July, August or September) is scored
/// only when every month or day of it scores the same; otherwise it is refused, saying where the
/// score changes.
fn same_throughout(
    ind: &Indicator,
    shown: &str,
    from: Decimal,
    to: Decimal,
    reason: &str,
    config: &Config,
) -> Result<(), ScoreError> {
    let Some(d) = ind.target.deadline() else {
        return Ok(());
    };
    let at = |v: Decimal| {
        let point = ActualValue::Number {
            value: v,
            shown: shown.to_string(),
            operator: None,
            from: None,
        };
        scored(ind, &point, reason, config, Trace(None)).map(|o| o.score)
    };
    let label = |v: Decimal| i64::try_from(v).map(|v| d.label_of(v)).unwrap_or_default();
    let first = at(from)?;
    let mut v = from;
    // A stretch is at most a half-year of days; the bound only guards the loop.
    while v < to && v - from < Decimal::from(400) {
        v += Decimal::ONE;
        let score = at(v)?;
        if score != first {
            return Err(ScoreError::new(
                format!(
                    "实际完成值「{shown}」是{}到{}之间的一段时间，不同时候完成得分不同：{}完成得{}分，{}完成得{}分",
                    label(from),
                    label(to),
                    label(v - Decimal::ONE),
                    two(first),
                    label(v),
                    two(score)
                ),
                format!(
                    "完成的{}，如「{}」",
                    if d.day.is_some() { "日期" } else { "月份" },
                    d.label()
                ),
            ));
        }
    }
    Ok(())
}

/// A numeric actual under the indicator's rule, or the default method.
fn numeric_raw(
    ind: &Indicator,
    n: &Numeric,
    rule_text: &str,
    config: &Config,
    trace: &mut Trace,
) -> Result<Raw, ScoreError> {
    let w = Frac::of(n.w);
    let parsed = ind.rule.as_ref();
    if let Some(r) = parsed {
        if let Some(raw) = cutoff_score(&r.rule, n, rule_text, trace)? {
            return Ok(raw);
        }
    }
    let full = parsed.and_then(|r| r.rule.full);
    let raw = match parsed.map(|r| &r.rule.base) {
        None | Some(Base::Proportional) => {
            let (s, e) = default_numeric(n, trace)?;
            (s, e, !n.met)
        }
        Some(Base::AllOrNothing) | Some(Base::Veto) => {
            if n.met {
                (w, "达到指标值，得满分".to_string(), false)
            } else {
                let e = format!(
                    "实际{}，未达到指标值{}，按“{rule_text}”不得分",
                    n.shown, n.target_shown
                );
                (Frac::ZERO, e, true)
            }
        }
        Some(Base::Step(step)) => {
            // A rule given as a table or canonical form is quoted by its wording.
            let step_text = match parsed {
                Some(r) if r.clauses.is_empty() => rule_text,
                Some(r) => r.step_text.as_str(),
                None => "",
            };
            step_score(step, step_text, full, n, config, trace)?
        }
        Some(Base::TwoSided(short, over)) => {
            let step = if n.a < n.t { short } else { over };
            step_score(step, rule_text, full, n, config, trace)?
        }
        Some(Base::Bands(bands)) => {
            let (s, e) = band_score(bands, full, n, trace)?;
            (s, e, !n.met)
        }
        Some(Base::Levels(_)) => {
            return Err(ScoreError::new(
                "评分标准按等级计分，实际完成值却是数字",
                "评分标准中的等级词（如 优秀、良好）",
            ))
        }
    };
    Ok(raw)
}

/// A qualitative judgement under the indicator's rule.
fn judgement_raw(
    ind: &Indicator,
    j: &Judgement,
    rule_text: &str,
    config: &Config,
) -> Result<Raw, ScoreError> {
    let w = Frac::of(ind.weight);
    let met = j.level == Level::Met;
    let base = ind.rule.as_ref().map(|r| &r.rule.base);
    let (s, e) = match base {
        Some(Base::Veto) if met => (w, "未发生否决事件，得满分".to_string()),
        Some(Base::Veto) => (
            Frac::ZERO,
            match j.level {
                Level::NotMet => format!("实际为发生，属否决事件，按“{rule_text}”不得分"),
                _ => format!(
                    "评价为{}，视为发生否决事件，按“{rule_text}”不得分",
                    j.level.chinese()
                ),
            },
        ),
        Some(Base::AllOrNothing) if met => (w, format!("评价为{}，得满分", j.level.chinese())),
        Some(Base::AllOrNothing) => (
            Frac::ZERO,
            format!(
                "评价为{}，未达到指标值，按“{rule_text}”不得分",
                j.level.chinese()
            ),
        ),
        Some(Base::Levels(levels)) => {
            return Err(ScoreError::new(
                "评分标准按等级计分，实际完成值应为其中一个等级",
                levels
                    .iter()
                    .map(|l| l.word.as_str())
                    .collect::<Vec<_>>()
                    .join("、"),
            ));
        }
        _ => qualitative(j, ind.weight, config.truncate)?,
    };
    Ok((s, e, !met))
}

struct Finish<'a> {
    raw: Frac,
    explanation: String,
    missed: bool,
    numeric: Option<&'a Numeric<'a>>,
    reason: &'a str,
    trace: Trace,
}

/// Limits the raw score to 0…weight, rounds it once, adds any bonus, and collects the 提示.
fn finish(ind: &Indicator, f: Finish, config: &Config) -> Result<Outcome, ScoreError> {
    let Finish {
        raw,
        mut explanation,
        missed,
        numeric,
        reason,
        mut trace,
    } = f;
    let w = ind.weight;
    if trace.is_empty() {
        trace.push(|| explanation.clone());
    }
    let mut within = raw.max(Frac::ZERO)?.min(Frac::of(w))?;
    if let Some(cap) = ind.rule.as_ref().and_then(|r| r.rule.max_deduction) {
        // Against stated full marks other than the weight the cap is scaled as the points are.
        let full = ind.rule.as_ref().and_then(|r| r.rule.full);
        let cap_frac = match full {
            Some(f) if f > Decimal::ZERO && f != w => Frac::of(cap).times(w)?.over(f)?,
            _ => Frac::of(cap),
        };
        let floor = Frac::of(w).minus(cap_frac)?;
        if within.compare(floor)? == Ordering::Less {
            let cap = cap_frac.approx()?.round_dp(4);
            trace.push(|| format!("扣分以{}分为限：最低 {}", plain(cap), two(w - cap)));
            explanation = explanation.replace("，扣完为止", "");
            explanation.push_str(&format!("，扣分以{}分为限", plain(cap)));
            within = floor.max(Frac::ZERO)?;
        }
    }
    if raw.is_negative() {
        let shown = raw.approx()?.round_dp(4);
        trace.push(|| format!("扣完为止：{} 按 0 计", plain(shown)));
    }
    let mut score = within.round2(config.truncate)?;
    let base_score = score;
    let lost = w - score;
    if lost > Decimal::ZERO {
        explanation.push_str(&format!("，扣{}分", two(lost)));
    }
    let mut warnings = Vec::new();
    let bonus = ind.rule.as_ref().and_then(|r| r.rule.bonus.as_ref());
    if let (true, Some(bonus), Some(n)) = (ind.allow_bonus, bonus, numeric) {
        if let Some((add, note, line)) = bonus_points(bonus, n, config)? {
            score = score.checked_add(add).ok_or(super::exact::Overflow)?;
            explanation.push_str(&note);
            trace.push(|| line);
        }
    }
    let within_shown = within.approx()?.round_dp(6);
    if score != base_score {
        trace.push(|| {
            format!(
                "得分 {} + 加分 {} → {}",
                plain(within_shown),
                two(score - base_score),
                two(score)
            )
        });
    } else {
        trace.push(|| format!("得分 {} → {}", plain(within_shown), two(score)));
    }
    if (missed || lost > Decimal::ZERO) && reason.trim().is_empty() {
        warnings.push("未达到指标值或有扣分，但未填写偏差原因分析及改进措施".to_string());
    }
    if missed && lost.is_zero() {
        let why = if matches!(ind.rule.as_ref().map(|r| &r.rule.base), Some(Base::Step(_))) {
            "（不足一档）"
        } else {
            ""
        };
        // Above an `=` target (or on the better side under a two-sided rule) is a deviation,
        // not a shortfall.
        let beyond = numeric.is_some_and(|n| match n.direction {
            Direction::Positive => n.a > n.t,
            Direction::Reverse => n.a < n.t,
        });
        let what = if beyond {
            "偏离指标值"
        } else {
            "未达到指标值"
        };
        warnings.push(format!("{what}但未扣分{why}，请复核"));
    }
    // The target met, points lost by band (`高于90%得满分，80%-90%得5分` against `≥90%` at
    // 90%; or a full-marks band above the target): the rule and the target disagree here.
    let banded = matches!(
        ind.rule.as_ref().map(|r| &r.rule.base),
        Some(Base::Bands(_))
    );
    if banded && numeric.is_some() && !missed && lost > Decimal::ZERO {
        warnings.push(
            "达到指标值，但按评分标准的分档未得满分：请复核评分标准与指标值是否一致".to_string(),
        );
    }
    if let Some(n) = numeric {
        if n.direction == Direction::Positive && n.t > Decimal::ZERO {
            let ratio = Frac::of(n.a).over(n.t)?;
            if ratio.cmp_dec(config.high_completion_ratio)? != Ordering::Less {
                warnings.push(format!(
                    "完成值高于指标值较多（为指标值的{}），需分析原因",
                    pct(ratio.times(Decimal::ONE_HUNDRED)?.approx()?)
                ));
            }
        }
    }
    Ok(Outcome {
        score,
        explanation,
        missed,
        warnings,
        trace: trace.lines(),
    })
}

fn is_met(a: Decimal, t: Decimal, op: Op, direction: Direction) -> bool {
    match direction {
        Direction::Positive if op == Op::Gt => a > t,
        Direction::Positive => a >= t,
        Direction::Reverse if op == Op::Lt => a < t,
        Direction::Reverse => a <= t,
    }
}

/// The national default method for a numeric indicator: positive `w × a / t`; reverse
/// `w × (2t − a) / t` (= w × (1 − (a − t) / t)), 0 from twice the target.
pub(super) fn default_numeric(n: &Numeric, trace: &mut Trace) -> Exact<(Frac, String)> {
    let (a, t, w, shown, target_shown) = (n.a, n.t, n.w, n.shown, &n.target_shown);
    if n.met {
        trace.push(|| format!("实际{shown}达到指标值{target_shown}：得满分 {}", two(w)));
        return Ok((Frac::of(w), "达到指标值，得满分".into()));
    }
    match n.direction {
        Direction::Positive => {
            if t <= Decimal::ZERO || a <= Decimal::ZERO {
                return Ok((
                    Frac::ZERO,
                    format!("实际{shown}，未达到指标值{target_shown}，不得分"),
                ));
            }
            let s = Frac::of(w).times(a)?.over(t)?;
            let s_shown = s.approx()?.round_dp(6);
            trace.push(|| {
                format!(
                    "正向指标未达到：{} × {} ÷ {} = {}",
                    two(w),
                    plain(a),
                    plain(t),
                    plain(s_shown)
                )
            });
            Ok((
                s,
                format!(
                    "实际{shown}，未达到指标值{target_shown}，按完成比例计分：{}×{}/{}={}",
                    two(w),
                    plain(a),
                    plain(t),
                    n.show(s)?
                ),
            ))
        }
        Direction::Reverse => {
            if t.is_zero() {
                return Ok((
                    Frac::ZERO,
                    format!("实际{shown}，超过指标值{target_shown}，指标值为0时超过即不得分"),
                ));
            }
            // Loading the targets refuses a negative target under this method; a library caller
            // that skips it gets 0, not a ratio of a negative target.
            if t < Decimal::ZERO {
                return Ok((
                    Frac::ZERO,
                    format!("实际{shown}，超过指标值{target_shown}，指标值为负数，无法按超出比例计分，不得分"),
                ));
            }
            let twice = t.checked_mul(Decimal::TWO).ok_or(super::exact::Overflow)?;
            if a >= twice {
                trace.push(|| format!("反向指标：实际 {} ≥ 2 × {}，得 0", plain(a), plain(t)));
                return Ok((
                    Frac::ZERO,
                    format!("实际{shown}，达到指标值{target_shown}的2倍及以上，不得分"),
                ));
            }
            let over = pct(Frac::of(a - t)
                .times(Decimal::ONE_HUNDRED)?
                .over(t)?
                .approx()?);
            let s = Frac::of(w).times(twice - a)?.over(t)?;
            let s_shown = s.approx()?.round_dp(6);
            trace.push(|| {
                format!(
                    "反向指标超出：({} − {}) ÷ {} = {over}；{} × (1 − {over}) = {}",
                    plain(a),
                    plain(t),
                    plain(t),
                    two(w),
                    plain(s_shown)
                )
            });
            Ok((
                s,
                format!(
                    "实际{shown}，超过指标值{target_shown}，超出{over}，按超出比例扣分：{}×(1−{over})={}",
                    two(w),
                    n.show(s)?
                ),
            ))
        }
    }
}

/// A qualitative judgement by the three bands: `w × p / 100`.
fn qualitative(j: &Judgement, w: Decimal, truncate: bool) -> Exact<(Frac, String)> {
    let p = j.percent();
    if p == Decimal::ONE_HUNDRED {
        return Ok((Frac::of(w), format!("评价为{}，得满分", j.level.chinese())));
    }
    let s = Frac::of(w).times(p)?.over(Decimal::ONE_HUNDRED)?;
    Ok((
        s,
        format!(
            "评价为{}，按{}计分：{}×{}={}",
            j.level.chinese(),
            pct(p),
            two(w),
            pct(p),
            s.round2(truncate)?
        ),
    ))
}

/// `完成` against `≤30万元`: met scores the whole weight under every rule (the reader warns
/// that the figure is missing); `未完成` scores 0 under every rule that reads a miss as
/// nothing (all-or-nothing, veto, steps, bands). The reader refuses `未完成` where the rule is
/// proportional or the default method ([`crate::actuals::read_for`]); it scores 0 here too.
fn stated_score(met: bool, ind: &Indicator, rule_text: &str) -> (Frac, String) {
    let deadline = ind.target.deadline().is_some();
    if met {
        let e = if deadline {
            "实际为按期完成（未写完成时间），得满分"
        } else {
            "实际为达成（未写数值），按达到指标值计，得满分"
        };
        return (Frac::of(ind.weight), e.to_string());
    }
    let what = if deadline {
        "实际为未按期完成（未写完成时间）"
    } else {
        "实际为未达成（未写数值）"
    };
    let e = if ind.rule.is_some() && !rule_text.is_empty() {
        format!("{what}，按“{rule_text}”不得分")
    } else {
        format!("{what}，不得分")
    };
    (Frac::ZERO, e)
}
