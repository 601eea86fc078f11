//! The engine (计分): scores every indicator against its actual, the budget execution rate
//! (预算执行率), totals (合计) and grades (等级), with a plain-Chinese explanation (扣分说明) of
//! every lost point.
//!
//! All arithmetic is exact decimal. Each row's score is rounded half away from zero (四舍五入) to
//! 2 decimals, and a table's total is the sum of its rounded rows, so every sheet foots.

use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

// issue7-values: read_for (was read_actual) also applies what depends on the rule.
use crate::actuals::{read_for, ActualValue, Actuals, Budget};
use crate::quantity::{plain, Direction, Judgement, Level, Op, TargetValue, Unit};
use crate::rules::{Band, Bands, Base, Bonus, Counting, Measure, Points, Side, Size, Step};
use crate::targets::{Group, Indicator, IndicatorSpec, Targets};

/// Settings of the method; the defaults are the national ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Points of each level-1 group: 产出 50, 效益 30, 满意度 10.
    pub level1_points: BTreeMap<Group, Decimal>,
    /// Points of the budget execution rate: 10.
    pub budget_points: Decimal,
    /// Lower bounds of 优, 良, 中: 90, 80, 60.
    pub grades: [Decimal; 3],
    /// Cut to 2 decimals instead of rounding half away from zero.
    pub truncate: bool,
    /// A positive actual at this multiple of its target or more is flagged: 1.2.
    pub high_completion_ratio: Decimal,
    /// How part steps count where a rule does not say: whole steps (每 read literally).
    pub default_counting: Counting,
    /// Whether scores may exceed the weight where a rule grants 加分 (a table may say so too).
    pub allow_bonus: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            level1_points: BTreeMap::from([
                (Group::Output, Decimal::from(50)),
                (Group::Outcome, Decimal::from(30)),
                (Group::Satisfaction, Decimal::from(10)),
            ]),
            budget_points: Decimal::from(10),
            grades: [Decimal::from(90), Decimal::from(80), Decimal::from(60)],
            truncate: false,
            high_completion_ratio: Decimal::new(12, 1),
            default_counting: Counting::Whole,
            allow_bonus: false,
        }
    }
}

impl Config {
    pub fn points(&self, g: Group) -> Decimal {
        self.level1_points.get(&g).copied().unwrap_or_default()
    }

    /// Rounds a score to 2 decimals: half away from zero (四舍五入), or truncation if chosen.
    pub fn round(&self, d: Decimal) -> Decimal {
        round2(d, self.truncate)
    }

    /// 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below.
    pub fn grade(&self, score: Decimal) -> &'static str {
        if score >= self.grades[0] {
            "优"
        } else if score >= self.grades[1] {
            "良"
        } else if score >= self.grades[2] {
            "中"
        } else {
            "差"
        }
    }
}

/// Rounds to exactly 2 decimals: half away from zero (四舍五入), or towards zero (截断).
fn round2(d: Decimal, truncate: bool) -> Decimal {
    let strategy = if truncate {
        RoundingStrategy::ToZero
    } else {
        RoundingStrategy::MidpointAwayFromZero
    };
    let mut r = d.round_dp_with_strategy(2, strategy);
    r.rescale(2);
    r
}

/// A score or weight with exactly 2 decimals, rounded half away from zero: `5.00`, `9.60`.
pub fn two(d: Decimal) -> String {
    round2(d, false).to_string()
}

/// A percent for explanations: 2 decimals at most, no trailing zeros (`16.67%`, `24%`).
fn pct(d: Decimal) -> String {
    format!(
        "{}%",
        plain(d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    )
}

/// Division that saturates instead of overflowing or dividing by zero.
fn div(a: Decimal, b: Decimal) -> Decimal {
    if b.is_zero() {
        return if a.is_zero() {
            Decimal::ZERO
        } else {
            Decimal::MAX
        };
    }
    a.checked_div(b).unwrap_or(Decimal::MAX)
}

/// Multiplication that saturates instead of overflowing (absurd inputs score 0 or full, never panic).
fn mul(a: Decimal, b: Decimal) -> Decimal {
    a.checked_mul(b)
        .unwrap_or(if a.is_sign_negative() != b.is_sign_negative() {
            Decimal::MIN
        } else {
            Decimal::MAX
        })
}

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
    /// Every step of the arithmetic, for `jixiao explain`.
    pub trace: Vec<String>,
}

/// A numeric actual against a numeric target, with what explanations need.
struct Numeric<'a> {
    a: Decimal,
    t: Decimal,
    w: Decimal,
    shown: &'a str,
    target_shown: String,
    unit: &'a Unit,
    met: bool,
    direction: Direction,
    /// The direction was written in the targets file, not read from the rule or operator.
    direction_written: bool,
    truncate: bool,
}

impl Numeric<'_> {
    /// A score as the sheet will show it, by the file's rounding.
    fn show(&self, x: Decimal) -> String {
        round2(x, self.truncate).to_string()
    }

    fn percent(&self) -> bool {
        *self.unit == Unit::Percent
    }

    /// The deviation measured as a step or bonus size measures it, and how it reads.
    fn measured(&self, deviation: Decimal, measure: &Measure) -> (Decimal, String) {
        match measure {
            Measure::Units(u) => {
                let u = if u.is_empty() || (u == "个百分点" && !self.percent()) {
                    self.unit.name()
                } else {
                    u.as_str()
                };
                (deviation, format!("{}{}", plain(deviation), u))
            }
            Measure::Percent if self.percent() => {
                (deviation, format!("{}个百分点", plain(deviation)))
            }
            Measure::Percent | Measure::OfTarget => {
                let r = mul(div(deviation, self.t), Decimal::ONE_HUNDRED);
                (r, pct(r))
            }
        }
    }
}

/// Scores one indicator. `reason` is its 偏差原因分析及改进措施 (a miss without one is flagged).
pub fn score_indicator(
    ind: &Indicator,
    value: &ActualValue,
    reason: &str,
    config: &Config,
) -> Outcome {
    let w = ind.weight;
    let parsed = ind.rule.as_ref();
    let base = parsed.map(|r| &r.rule.base);
    let rule_text = ind
        .rule_text
        .as_deref()
        .unwrap_or("")
        .trim_end_matches(['。', '.']);
    let mut trace = Vec::new();
    let (raw, explanation, missed, numeric) = match value {
        ActualValue::NotApplicable => {
            return Outcome {
                score: config.round(Decimal::ZERO),
                explanation: format!(
                    "不适用，不参与计分（原分值{}分），合计按适用指标折算为百分制",
                    two(w)
                ),
                missed: false,
                warnings: Vec::new(),
                trace: vec!["不适用：不计分".into()],
            };
        }
        ActualValue::Number {
            value: a, shown, ..
        } => {
            let TargetValue::Numeric { op, quantity } = &ind.target else {
                unreachable_qualitative()
            };
            let n = Numeric {
                a: *a,
                t: quantity.value,
                w,
                shown,
                // issue7-values: Display shows a deadline as written (`2023年12月31日`).
                target_shown: quantity.to_string(),
                unit: &quantity.unit,
                met: is_met(*a, quantity.value, op.unwrap_or(Op::Eq), ind.direction),
                direction: ind.direction,
                direction_written: ind.direction_written,
                truncate: config.truncate,
            };
            let mut n = n;
            if matches!(
                base,
                Some(Base::Step(Step {
                    side: Side::Both,
                    ..
                }))
            ) {
                n.met = n.a == n.t;
            }
            let (s, e, missed) = match base {
                None | Some(Base::Proportional) => {
                    let (s, e) = default_numeric(&n, &mut trace);
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
                        (Decimal::ZERO, e, true)
                    }
                }
                Some(Base::Step(step)) => {
                    // A rule given as a table or canonical form is quoted by its wording.
                    let step_text = match parsed {
                        Some(r) if r.clauses.is_empty() => rule_text,
                        Some(r) => r.step_text.as_str(),
                        None => "",
                    };
                    step_score(step, step_text, &n, config, &mut trace)
                }
                Some(Base::Bands(bands)) => {
                    let full = parsed.and_then(|r| r.rule.full);
                    let (s, e) = band_score(bands, full, &n, &mut trace);
                    (s, e, !n.met)
                }
            };
            // issue7-values: a deadline says how early or late (提前1个月完成 / 推迟2个月).
            let e = match &quantity.unit {
                Unit::Deadline(d) => {
                    let note = crate::deadline::note(d, n.a, n.t);
                    match e.strip_prefix("达到指标值，") {
                        Some(rest) => format!("{note}，{rest}"),
                        None => format!("{note}：{e}"),
                    }
                }
                _ => e,
            };
            // issue7-values: end
            (s, e, missed, Some(n))
        }
        // issue7-values: a judgement without the figure against a numeric target.
        ActualValue::Stated { met } => {
            let (s, e) = stated_score(*met, ind, base, rule_text);
            (s, e, !met, None)
        }
        ActualValue::Judgement(j) => {
            let met = j.level == Level::Met;
            let (s, e) = match base {
                Some(Base::Veto) if met => (w, "未发生否决事件，得满分".to_string()),
                Some(Base::Veto) => (
                    Decimal::ZERO,
                    match j.level {
                        Level::NotMet => format!("实际为发生，属否决事件，按“{rule_text}”不得分"),
                        _ => format!(
                            "评价为{}，视为发生否决事件，按“{rule_text}”不得分",
                            j.level.chinese()
                        ),
                    },
                ),
                Some(Base::AllOrNothing) if met => {
                    (w, format!("评价为{}，得满分", j.level.chinese()))
                }
                Some(Base::AllOrNothing) => (
                    Decimal::ZERO,
                    format!(
                        "评价为{}，未达到指标值，按“{rule_text}”不得分",
                        j.level.chinese()
                    ),
                ),
                _ => qualitative(j, w, config.truncate),
            };
            (s, e, !met, None)
        }
    };
    if trace.is_empty() {
        trace.push(explanation.clone());
    }
    let within = raw.max(Decimal::ZERO).min(w);
    if raw < Decimal::ZERO {
        trace.push(format!("扣完为止：{} 按 0 计", plain(raw.round_dp(4))));
    }
    let mut score = config.round(within);
    let base_score = score;
    let lost = w - score;
    let mut explanation = explanation;
    if lost > Decimal::ZERO {
        explanation.push_str(&format!("，扣{}分", two(lost)));
    }
    let mut warnings = Vec::new();
    let bonus = parsed.and_then(|r| r.rule.bonus.as_ref());
    if let (true, Some(bonus), Some(n)) = (ind.allow_bonus, bonus, &numeric) {
        if let Some((add, note, line)) = bonus_points(bonus, n, config) {
            score = score.checked_add(add).unwrap_or(Decimal::MAX);
            explanation.push_str(&note);
            trace.push(line);
        }
    }
    if score != base_score {
        trace.push(format!(
            "得分 {} + 加分 {} → {}",
            plain(within.round_dp(6)),
            two(score - base_score),
            two(score)
        ));
    } else {
        trace.push(format!(
            "得分 {} → {}",
            plain(within.round_dp(6)),
            two(score)
        ));
    }
    if (missed || lost > Decimal::ZERO) && reason.trim().is_empty() {
        warnings.push("未达到指标值或有扣分，但未填写偏差原因分析及改进措施".to_string());
    }
    if missed && lost.is_zero() {
        let why = if matches!(base, Some(Base::Step(_))) {
            "（不足一档）"
        } else {
            ""
        };
        warnings.push(format!("未达到指标值但未扣分{why}，请复核"));
    }
    if let Some(n) = &numeric {
        if n.direction == Direction::Positive
            && n.t > Decimal::ZERO
            && n.a >= mul(n.t, config.high_completion_ratio)
        {
            warnings.push(format!(
                "完成值高于指标值较多（为指标值的{}），需分析原因",
                pct(mul(div(n.a, n.t), Decimal::ONE_HUNDRED))
            ));
        }
    }
    Outcome {
        score,
        explanation,
        missed,
        warnings,
        trace,
    }
}

// issue7-values: scoring of ActualValue::Stated (a judgement against a numeric target).
/// `完成` against `≤30万元`: met scores the whole weight under every rule (the reader warns
/// that the figure is missing); `未完成` scores 0 under every rule that reads a miss as
/// nothing (all-or-nothing, veto, steps, bands). The reader refuses `未完成` where the rule is
/// proportional or the default method ([`crate::actuals::read_for`]); it scores 0 here too.
fn stated_score(
    met: bool,
    ind: &Indicator,
    base: Option<&Base>,
    rule_text: &str,
) -> (Decimal, String) {
    let deadline = ind.target.deadline().is_some();
    if met {
        let e = if deadline {
            "实际为按期完成（未写完成时间），得满分"
        } else {
            "实际为达成（未写数值），按达到指标值计，得满分"
        };
        return (ind.weight, e.to_string());
    }
    let what = if deadline {
        "实际为未按期完成（未写完成时间）"
    } else {
        "实际为未达成（未写数值）"
    };
    let e = match base {
        Some(_) if !rule_text.is_empty() => format!("{what}，按“{rule_text}”不得分"),
        _ => format!("{what}，不得分"),
    };
    (Decimal::ZERO, e)
}
// issue7-values: end

/// Bonus points (加分) for beating the target: whole steps beyond it, capped. Returns the points,
/// the words for the explanation and the trace line; `None` when there is nothing to add.
fn bonus_points(bonus: &Bonus, n: &Numeric, config: &Config) -> Option<(Decimal, String, String)> {
    if !n.met {
        return None;
    }
    let excess = match n.direction {
        Direction::Positive => n.a - n.t,
        Direction::Reverse => n.t - n.a,
    };
    let (measured, described) = n.measured(excess, &bonus.size.measure);
    let steps = div(measured, bonus.size.amount).floor();
    let uncapped = mul(steps, bonus.add);
    let add = bonus.cap.map_or(uncapped, |cap| uncapped.min(cap));
    if add <= Decimal::ZERO {
        return None;
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
    Some((add, note, line))
}

/// A step size as the trace reads it: `1次`, `10个百分点`, `10%`.
fn size_label(size: &Size, percent_indicator: bool) -> String {
    match &size.measure {
        Measure::Units(u) => format!("{}{u}", plain(size.amount)),
        Measure::Percent if percent_indicator => format!("{}个百分点", plain(size.amount)),
        Measure::Percent | Measure::OfTarget => format!("{}%", plain(size.amount)),
    }
}

fn unreachable_qualitative() -> ! {
    // read_actual only returns numbers for numeric targets.
    unreachable!("a numeric actual is only read against a numeric target")
}

fn is_met(a: Decimal, t: Decimal, op: Op, direction: Direction) -> bool {
    match direction {
        Direction::Positive if op == Op::Gt => a > t,
        Direction::Positive => a >= t,
        Direction::Reverse if op == Op::Lt => a < t,
        Direction::Reverse => a <= t,
    }
}

/// The national default method for a numeric indicator.
fn default_numeric(n: &Numeric, trace: &mut Vec<String>) -> (Decimal, String) {
    let (a, t, w, shown, target_shown) = (n.a, n.t, n.w, n.shown, &n.target_shown);
    if n.met {
        trace.push(format!(
            "实际{shown}达到指标值{target_shown}：得满分 {}",
            two(w)
        ));
        return (w, "达到指标值，得满分".into());
    }
    match n.direction {
        Direction::Positive => {
            if t <= Decimal::ZERO || a <= Decimal::ZERO {
                return (
                    Decimal::ZERO,
                    format!("实际{shown}，未达到指标值{target_shown}，不得分"),
                );
            }
            let s = mul(w, div(a, t));
            trace.push(format!(
                "正向指标未达到：{} × {} ÷ {} = {}",
                two(w),
                plain(a),
                plain(t),
                plain(s.round_dp(6))
            ));
            (
                s,
                format!(
                    "实际{shown}，未达到指标值{target_shown}，按完成比例计分：{}×{}/{}={}",
                    two(w),
                    plain(a),
                    plain(t),
                    n.show(s.max(Decimal::ZERO))
                ),
            )
        }
        Direction::Reverse => {
            if t <= Decimal::ZERO {
                return (
                    Decimal::ZERO,
                    format!("实际{shown}，超过指标值{target_shown}，指标值为0时超过即不得分"),
                );
            }
            if a >= mul(t, Decimal::TWO) {
                trace.push(format!(
                    "反向指标：实际 {} ≥ 2 × {}，得 0",
                    plain(a),
                    plain(t)
                ));
                return (
                    Decimal::ZERO,
                    format!("实际{shown}，达到指标值{target_shown}的2倍及以上，不得分"),
                );
            }
            let over = div(a - t, t);
            let s = mul(w, Decimal::ONE - over);
            trace.push(format!(
                "反向指标超出：({} − {}) ÷ {} = {}；{} × (1 − {}) = {}",
                plain(a),
                plain(t),
                plain(t),
                pct(over * Decimal::ONE_HUNDRED),
                two(w),
                pct(over * Decimal::ONE_HUNDRED),
                plain(s.round_dp(6))
            ));
            (
                s,
                format!(
                    "实际{shown}，超过指标值{target_shown}，超出{}，按超出比例扣分：{}×(1−{})={}",
                    pct(over * Decimal::ONE_HUNDRED),
                    two(w),
                    pct(over * Decimal::ONE_HUNDRED),
                    n.show(s)
                ),
            )
        }
    }
}

/// A qualitative judgement by the three bands.
fn qualitative(j: &Judgement, w: Decimal, truncate: bool) -> (Decimal, String) {
    let p = j.percent();
    let s = mul(w, p) / Decimal::ONE_HUNDRED;
    if p == Decimal::ONE_HUNDRED {
        (w, format!("评价为{}，得满分", j.level.chinese()))
    } else {
        (
            s,
            format!(
                "评价为{}，按{}计分：{}×{}={}",
                j.level.chinese(),
                pct(p),
                two(w),
                pct(p),
                round2(s, truncate)
            ),
        )
    }
}

/// A step deduction: deviation on the rule's side, counted in steps, each deducting points or
/// a share of the weight; never below 0 (扣完为止).
fn step_score(
    step: &Step,
    step_text: &str,
    n: &Numeric,
    config: &Config,
    trace: &mut Vec<String>,
) -> (Decimal, String, bool) {
    let w = n.w;
    // A direction written in the targets file overrides the rule's words (SCORING §5).
    let side = match step.side {
        Side::Both => Side::Both,
        _ if n.direction_written => Side::Worse.resolve(n.direction),
        side => side.resolve(n.direction),
    };
    let (deviation, word) = match side {
        Side::Over => (n.a - n.t, "多"),
        Side::Both if n.a >= n.t => (n.a - n.t, "多"),
        Side::Short | Side::Worse | Side::Both => (n.t - n.a, "少"),
    };
    if deviation <= Decimal::ZERO {
        trace.push(format!(
            "实际{}{}：得满分 {}",
            n.shown,
            if side == Side::Both {
                "未偏离指标值"
            } else {
                "未偏离到扣分的一侧"
            },
            two(w)
        ));
        return (w, "达到指标值，得满分".into(), false);
    }
    let (measured, described) = n.measured(deviation, &step.size.measure);
    let ratio = div(measured, step.size.amount);
    let counting = step.counting.unwrap_or(config.default_counting);
    let steps = match counting {
        Counting::Whole => ratio.floor(),
        Counting::RoundUp => ratio.ceil(),
        Counting::Proportional => ratio,
    };
    let per_step = step.deduct.of(w);
    let deducted = mul(steps, per_step);
    trace.push(format!(
        "偏离：实际{}比指标值{}{word}{described}",
        n.shown, n.target_shown
    ));
    trace.push(format!(
        "档数：{described} ÷ {} = {}，{} → {} 档",
        size_label(&step.size, n.percent()),
        plain(ratio.round_dp(4)),
        match counting {
            Counting::Whole => "只计整档",
            Counting::RoundUp => "不足一档按一档",
            Counting::Proportional => "按比例",
        },
        plain(steps.round_dp(4))
    ));
    trace.push(format!(
        "扣分：{} 档 × 每档 {} 分 = {}",
        plain(steps.round_dp(4)),
        plain(per_step.round_dp(4)),
        plain(deducted.round_dp(4))
    ));
    let overridden = if n.direction_written && step.side != side && step.side != Side::Worse {
        "（方向按目标文件中写明的 direction）"
    } else {
        ""
    };
    let head = format!("实际{}，比指标值{word}{described}{overridden}", n.shown);
    if steps.is_zero() {
        return (
            w,
            format!("{head}，不足一档（“{step_text}”），不扣分"),
            true,
        );
    }
    let floor = if deducted >= w { "，扣完为止" } else { "" };
    (
        w - deducted,
        format!(
            "{head}，按“{step_text}”扣{}档{floor}",
            plain(steps.round_dp(4))
        ),
        true,
    )
}

/// Points by band: the first band (as written) that holds the value. Written points are scaled
/// to the weight when the stated full marks differ from it.
fn band_score(
    bands: &Bands,
    full: Option<Decimal>,
    n: &Numeric,
    trace: &mut Vec<String>,
) -> (Decimal, String) {
    let w = n.w;
    let (x, what) = if bands.unit == "%" && !n.percent() {
        // Completion ratio: actual / target (bands written for a less-is-better indicator say
        // so themselves, e.g. `≤100%计5分;100%-110%计3分`). A target of 0 has no ratio.
        let ratio = if n.t > Decimal::ZERO {
            div(n.a, n.t)
        } else if n.met {
            Decimal::ONE
        } else {
            trace.push(format!(
                "指标值为{}，无法计算完成率；实际{}未达到：得 0",
                n.target_shown, n.shown
            ));
            return (
                Decimal::ZERO,
                format!(
                    "实际{}，未达到指标值{}（指标值为0，无法按完成率分档），不得分",
                    n.shown, n.target_shown
                ),
            );
        };
        let r = mul(ratio, Decimal::ONE_HUNDRED);
        (r, format!("完成率{}", pct(r)))
    } else {
        (n.a, format!("实际{}", n.shown))
    };
    let Some(band) = bands.bands.iter().find(|b| b.contains(x)) else {
        trace.push(format!("{what}不在任何一档内：得 0"));
        return (
            Decimal::ZERO,
            format!("{what}，不在评分标准的任何一档内，不得分"),
        );
    };
    let range = band_label(band, &bands.unit);
    let (score, how) = match (band.award, full) {
        (Points::Points(p), Some(f)) if f > Decimal::ZERO && f != w => {
            let s = mul(p, w) / f;
            (
                s,
                format!(
                    "计{}分，按满分{}分折算为分值：{}×{}/{}={}",
                    plain(p),
                    plain(f),
                    plain(p),
                    two(w),
                    plain(f),
                    n.show(s)
                ),
            )
        }
        (Points::Points(p), _) => (p.min(w), format!("计{}分", plain(p))),
        (Points::ShareOfWeight(s), _) => {
            let v = mul(w, s) / Decimal::ONE_HUNDRED;
            (v, format!("得分值的{}：{}", pct(s), n.show(v)))
        }
    };
    trace.push(format!("{what}落在「{range}」档：{how}"));
    (score, format!("{what}，落在「{range}」档，{how}"))
}

fn band_label(b: &Band, unit: &str) -> String {
    crate::rules::range_label(b.low, b.high, unit)
}

/// An indicator from texts — the target as written, the rule (or none for the default method)
/// and the weight — as a table would hold it. For examples, tests and `jixiao explain`.
pub fn indicator_for(
    target: &str,
    rule: Option<&str>,
    weight: Decimal,
    allow_bonus: bool,
) -> Result<Indicator, String> {
    let spec = IndicatorSpec {
        level1: "产出指标",
        name: "指标",
        target,
        rule,
        weight: Some(weight),
        ..Default::default()
    };
    let mut ind = Indicator::build(&spec).map_err(|p| {
        p.iter()
            .map(|p| {
                format!(
                    "{}: {}（读到「{}」，应为 {}）",
                    p.field, p.message, p.found, p.expected
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    ind.allow_bonus = allow_bonus;
    ind.lints.extend(crate::targets::weight_lints(&ind));
    Ok(ind)
}

/// Scores one indicator from texts (see [`indicator_for`]); bonus points are allowed.
pub fn evaluate(
    target: &str,
    rule: Option<&str>,
    weight: Decimal,
    actual: &str,
) -> Result<Outcome, String> {
    let ind = indicator_for(target, rule, weight, true)?;
    // issue7-values: read_for also refuses what the indicator's rule cannot score.
    let (value, _) =
        read_for(actual, &ind).map_err(|e| format!("{}（应为 {}）", e.message, e.expected))?;
    Ok(score_indicator(&ind, &value, "说明", &Config::default()))
}

/// One indicator's row of the score sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowScore {
    pub level1: String,
    pub level2: String,
    pub name: String,
    /// 年度指标值 as written.
    pub target: String,
    /// 实际完成值 as written.
    pub actual: String,
    /// 分值 (0 for a row that does not apply).
    pub weight: Decimal,
    pub outcome: Outcome,
    /// 偏差原因分析及改进措施.
    pub reason: String,
}

/// A table's budget execution (预算执行率).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetScore {
    pub budget: Budget,
    /// 执行率, exact.
    pub rate: Decimal,
    pub weight: Decimal,
    pub score: Decimal,
    pub explanation: String,
    pub warnings: Vec<String>,
}

/// A scored table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableScore {
    pub name: String,
    pub rows: Vec<RowScore>,
    pub budget: Option<BudgetScore>,
    /// The applicable weight: the sum of the rows' 分值 (100 unless a row does not apply).
    pub weight_total: Decimal,
    /// The sum of the rows' shown scores.
    pub score_total: Decimal,
    /// The total on a 100-point scale, when the applicable weight is not 100.
    pub converted: Option<Decimal>,
    pub grade: &'static str,
}

impl TableScore {
    /// The table's final score: the converted total if there is one, else the total.
    pub fn final_score(&self) -> Decimal {
        self.converted.unwrap_or(self.score_total)
    }
}

/// A whole self-evaluation: every table scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub department: String,
    pub year: i64,
    pub tables: Vec<TableScore>,
}

/// Scores the budget execution rate: weight × min(执行率, 1).
pub fn score_budget(b: &Budget, config: &Config) -> BudgetScore {
    let w = config.budget_points;
    let rate = div(b.spent, b.budget);
    let score = config.round(mul(w, rate.min(Decimal::ONE)));
    let rate_shown = pct(mul(rate, Decimal::ONE_HUNDRED));
    let mut warnings = Vec::new();
    let mut explanation = format!(
        "执行率={}万元/{}万元={rate_shown}，得分={}×{}={}",
        plain(b.spent),
        plain(b.budget),
        two(w),
        if rate > Decimal::ONE {
            "100%".to_string()
        } else {
            rate_shown.clone()
        },
        two(score)
    );
    if w - score > Decimal::ZERO {
        explanation.push_str(&format!("，扣{}分", two(w - score)));
    }
    if rate > Decimal::ONE {
        warnings.push(format!(
            "执行率{rate_shown}超过100%，按100%计分，请核实执行数"
        ));
    } else if rate < Decimal::new(9, 1) {
        warnings.push(format!("执行率{rate_shown}低于90%，需说明原因"));
    }
    BudgetScore {
        budget: b.clone(),
        rate,
        weight: w,
        score,
        explanation,
        warnings,
    }
}

/// Scores every table of `targets` against `actuals`.
pub fn score(targets: &Targets, actuals: &Actuals) -> Report {
    let config = &targets.config;
    let tables = targets
        .tables
        .iter()
        .enumerate()
        .map(|(ti, table)| {
            let rows: Vec<RowScore> = table
                .indicators
                .iter()
                .enumerate()
                .map(|(ii, ind)| {
                    let (value, text, reason, mut read_warnings) = match actuals.rows.get(&(ti, ii))
                    {
                        Some(r) => (
                            r.value.clone(),
                            r.text.clone(),
                            r.reason.clone(),
                            r.warnings.clone(),
                        ),
                        // The loader rejects files with missing actuals; a library caller
                        // that skips it gets the row as not applicable rather than a panic.
                        None => (
                            ActualValue::NotApplicable,
                            String::new(),
                            String::new(),
                            Vec::new(),
                        ),
                    };
                    let mut outcome = score_indicator(ind, &value, &reason, config);
                    read_warnings.extend(ind.lints.iter().cloned());
                    read_warnings.append(&mut outcome.warnings);
                    outcome.warnings = read_warnings;
                    let applicable = value != ActualValue::NotApplicable;
                    RowScore {
                        level1: ind.level1.clone(),
                        level2: ind.level2.clone(),
                        name: ind.name.clone(),
                        target: ind.target_text.clone(),
                        actual: text,
                        weight: if applicable {
                            ind.weight
                        } else {
                            Decimal::ZERO
                        },
                        outcome,
                        reason,
                    }
                })
                .collect();
            let budget = actuals.budgets.get(&ti).map(|b| score_budget(b, config));
            let weight_total: Decimal = rows.iter().map(|r| r.weight).sum::<Decimal>()
                + budget.as_ref().map_or(Decimal::ZERO, |b| b.weight);
            let score_total: Decimal = rows.iter().map(|r| r.outcome.score).sum::<Decimal>()
                + budget.as_ref().map_or(Decimal::ZERO, |b| b.score);
            let converted = (weight_total != Decimal::ONE_HUNDRED && weight_total > Decimal::ZERO)
                .then(|| config.round(score_total * Decimal::ONE_HUNDRED / weight_total));
            let final_score = converted.unwrap_or(score_total);
            TableScore {
                name: table.name.clone(),
                rows,
                budget,
                weight_total,
                score_total,
                converted,
                grade: config.grade(final_score),
            }
        })
        .collect();
    Report {
        department: targets.department.clone(),
        year: targets.year,
        tables,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        let c = Config::default();
        assert_eq!(c.round(d("2.345")), d("2.35"));
        assert_eq!(c.round(d("2.335")), d("2.34"));
        let t = Config {
            truncate: true,
            ..Config::default()
        };
        assert_eq!(t.round(d("2.349")), d("2.34"));
        assert_eq!(two(d("5")), "5.00");
        assert_eq!(two(d("9.6031")), "9.60");
    }

    fn outcome(spec: &IndicatorSpec, actual: &str) -> Outcome {
        let ind = Indicator::build(spec).unwrap();
        let (value, _) = read_for(actual, &ind).unwrap(); // issue7-values
        score_indicator(&ind, &value, "说明", &Config::default())
    }

    #[test]
    fn a_written_direction_decides_the_side_a_step_counts() {
        let spec = IndicatorSpec {
            level1: "产出指标",
            name: "公用经费控制率",
            target: "≤100 %",
            rule: Some(
                "达到或超过目标，得权重分的100%，每降低10%，10%，按比例扣减权重分的10%，扣完为止",
            ),
            weight: Some(d("5")),
            direction: Some(Direction::Reverse),
            ..Default::default()
        };
        assert_eq!(outcome(&spec, "88%").score, d("5.00"));
        assert_eq!(outcome(&spec, "105%").score, d("4.75"));
        let words = IndicatorSpec {
            direction: None,
            ..spec
        };
        assert_eq!(outcome(&words, "88%").score, d("4.40"));
        assert_eq!(outcome(&words, "105%").score, d("5.00"));
    }

    #[test]
    fn a_zero_target_with_a_relative_rule_does_not_overflow() {
        let spec = IndicatorSpec {
            level1: "产出指标",
            name: "事故",
            target: "≤0次",
            rule: Some("达到目标值得满分，每增加10%，扣20%权重分"),
            weight: Some(d("5")),
            ..Default::default()
        };
        assert_eq!(outcome(&spec, "1次").score, d("0.00"));
        assert_eq!(outcome(&spec, "0次").score, d("5.00"));
        let bands = IndicatorSpec {
            target: "0起",
            rule: Some("≥90%,计5分;低于90%不得分"),
            ..spec
        };
        assert_eq!(outcome(&bands, "1起").score.scale(), 2);
    }

    #[test]
    fn grades() {
        let c = Config::default();
        assert_eq!(c.grade(d("90")), "优");
        assert_eq!(c.grade(d("89.99")), "良");
        assert_eq!(c.grade(d("60")), "中");
        assert_eq!(c.grade(d("59.99")), "差");
    }

    #[test]
    fn budget_execution() {
        let b = Budget {
            budget: d("63"),
            spent: d("60.5"),
            line: 1,
        };
        let s = score_budget(&b, &Config::default());
        assert_eq!(s.score, d("9.60"));
        assert!(s.explanation.contains("96.03%"), "{}", s.explanation);
        let over = score_budget(
            &Budget {
                spent: d("70"),
                ..b.clone()
            },
            &Config::default(),
        );
        assert_eq!(over.score, d("10.00"));
        assert_eq!(over.warnings.len(), 1);
        let low = score_budget(
            &Budget {
                spent: d("50"),
                ..b
            },
            &Config::default(),
        );
        assert_eq!(low.score, d("7.94"));
        assert!(low.warnings[0].contains("低于90%"));
    }
}
