//! The engine (计分): scores every indicator against its actual, the budget execution rate
//! (预算执行率), totals (合计) and grades (等级), with a plain-Chinese explanation (扣分说明) of
//! every lost point.
//!
//! All arithmetic is exact: every score is one fraction ([`exact::Frac`]: multiply first, divide
//! once), rounded once, half away from zero (四舍五入) to 2 decimals; a table's total is the sum
//! of its rounded rows, so every sheet foots. A number too large for exact arithmetic is an
//! error (`数值过大`) naming the row, never a saturated score.
//!
//! - [`indicator`]: one indicator — the default method, all or nothing, veto, qualitative bands;
//! - [`shapes`]: steps, bands, cut-offs, level lists and bonus points;
//! - this module: settings, budget execution, tables and the whole report.

pub mod exact;
mod indicator;
mod shapes;

pub use crate::config::{two, Config};
pub use indicator::{explain_indicator, score_indicator, Outcome};

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

use crate::actuals::{read_for, ActualValue, Actuals, Budget};
use crate::error::{Diagnostic, Error, Location};
use crate::quantity::plain;
use crate::targets::{Indicator, IndicatorSpec, Targets};
use exact::{Exact, Frac, Overflow};

/// Why an indicator or budget row could not be scored: what is wrong and what would work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreError {
    pub message: String,
    pub expected: String,
}

impl ScoreError {
    pub fn new(message: impl Into<String>, expected: impl Into<String>) -> Self {
        ScoreError {
            message: message.into(),
            expected: expected.into(),
        }
    }
}

impl From<Overflow> for ScoreError {
    fn from(_: Overflow) -> Self {
        ScoreError::new(
            "数值过大（或作除数的数过小），超出精确计算的范围",
            format!(
                "指标值、实际完成值、预算数和评分标准中的数绝对值不超过 {MAX_NUMBER_WORDS}，作除数的指标值、预算数不是接近 0 的极小数"
            ),
        )
    }
}

impl fmt::Display for ScoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}（应为 {}）", self.message, self.expected)
    }
}

/// The largest numbers accepted, in words, for messages (see `quantity::MAX_ABS`).
const MAX_NUMBER_WORDS: &str = "1万亿";

/// A percent for explanations: 2 decimals at most, no trailing zeros (`16.67%`, `24%`).
fn pct(d: Decimal) -> String {
    format!(
        "{}%",
        plain(d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    )
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
    if let Some(p) =
        crate::targets::award_above_weight(&ind).or(crate::targets::reverse_bonus(&ind))
    {
        return Err(format!("{}: {}", p.field, p.message));
    }
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
    let (value, _) =
        read_for(actual, &ind).map_err(|e| format!("{}（应为 {}）", e.message, e.expected))?;
    explain_indicator(&ind, &value, "说明", &Config::default()).map_err(|e| e.to_string())
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
    /// 提示 on the table's total row (more than half of the indicator weight 不适用).
    pub warnings: Vec<String>,
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

/// Scores the budget execution rate: weight × min(执行数, 预算数) / 预算数.
pub fn score_budget(b: &Budget, config: &Config) -> Result<BudgetScore, ScoreError> {
    let w = config.budget_points;
    if b.budget <= Decimal::ZERO {
        return Err(ScoreError::new(
            "全年预算数为0或负数，无法计算执行率",
            "大于0的全年预算数（万元）",
        ));
    }
    let rate_frac = Frac::of(b.spent).over(b.budget)?;
    let rate = rate_frac.approx()?;
    let rate_percent = rate_frac.times(Decimal::ONE_HUNDRED)?.approx()?;
    let score = Frac::of(w)
        .times(b.spent.min(b.budget))?
        .over(b.budget)?
        .round2(config.truncate)?;
    let rate_shown = pct(rate_percent);
    let mut warnings = Vec::new();
    let over = b.spent > b.budget;
    let mut explanation = format!(
        "执行率={}万元/{}万元={rate_shown}，得分={}×{}={}",
        plain(b.spent),
        plain(b.budget),
        two(w),
        if over {
            "100%".to_string()
        } else {
            rate_shown.clone()
        },
        two(score)
    );
    if w - score > Decimal::ZERO {
        explanation.push_str(&format!("，扣{}分", two(w - score)));
    }
    if over {
        warnings.push(format!(
            "执行率{rate_shown}超过100%，按100%计分，请核实执行数"
        ));
    } else if rate < Decimal::new(9, 1) {
        warnings.push(format!("执行率{rate_shown}低于90%，需说明原因"));
    }
    Ok(BudgetScore {
        budget: b.clone(),
        rate,
        weight: w,
        score,
        explanation,
        warnings,
    })
}

/// Scores one table's indicators; a row that cannot be scored is a problem on its actuals line.
fn score_rows(
    ti: usize,
    targets: &Targets,
    actuals: &Actuals,
    problems: &mut Vec<Diagnostic>,
) -> Vec<RowScore> {
    let config = &targets.config;
    let table = &targets.tables[ti];
    let mut rows = Vec::with_capacity(table.indicators.len());
    for (ii, ind) in table.indicators.iter().enumerate() {
        let row = actuals.rows.get(&(ti, ii));
        let (value, text, reason, mut read_warnings, line) = match row {
            Some(r) => (
                r.value.clone(),
                r.text.clone(),
                r.reason.clone(),
                r.warnings.clone(),
                Some(r.cell.clone()),
            ),
            // The loader rejects files with missing actuals; a library caller that skips it
            // gets the row as not applicable rather than a panic.
            None => (
                ActualValue::NotApplicable,
                String::new(),
                String::new(),
                Vec::new(),
                None,
            ),
        };
        let mut outcome = match score_indicator(ind, &value, &reason, config) {
            Ok(o) => o,
            Err(e) => {
                problems.push(row_problem(
                    actuals,
                    line,
                    &table.name,
                    &ind.name,
                    &text,
                    &e,
                ));
                continue;
            }
        };
        read_warnings.extend(ind.lints.iter().cloned());
        read_warnings.append(&mut outcome.warnings);
        outcome.warnings = read_warnings;
        let applicable = value != ActualValue::NotApplicable;
        rows.push(RowScore {
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
        });
    }
    rows
}

fn row_problem(
    actuals: &Actuals,
    location: Option<Location>,
    table: &str,
    name: &str,
    text: &str,
    e: &ScoreError,
) -> Diagnostic {
    let location = location.unwrap_or(Location::File);
    let d = Diagnostic::new(
        &actuals.path,
        location,
        format!("「{table} / {name}」无法计分：{}", e.message),
    )
    .found(text)
    .expected(e.expected.clone());
    Diagnostic {
        sheet: actuals.sheet.clone(),
        ..d
    }
}

/// A table's indicator weight marked 不适用, its whole indicator weight (the budget row is not
/// an indicator), and how many indicators apply.
fn not_applicable_weight(
    ti: usize,
    targets: &Targets,
    actuals: &Actuals,
) -> (Decimal, Decimal, usize) {
    let mut na = Decimal::ZERO;
    let mut all = Decimal::ZERO;
    let mut applicable = 0;
    for (ii, ind) in targets.tables[ti].indicators.iter().enumerate() {
        // A weight too large to add is reported by `total`; here it saturates.
        all = all.saturating_add(ind.weight);
        match actuals.rows.get(&(ti, ii)) {
            Some(r) if r.value != ActualValue::NotApplicable => applicable += 1,
            _ => na = na.saturating_add(ind.weight),
        }
    }
    (na, all, applicable)
}

/// Adds up a table's shown scores; the 100-point conversion is the one other rounding.
fn total(rows: &[RowScore], budget: Option<&BudgetScore>, config: &Config) -> Exact<TableScore> {
    let mut weight_total = budget.map_or(Decimal::ZERO, |b| b.weight);
    let mut score_total = budget.map_or(Decimal::ZERO, |b| b.score);
    for r in rows {
        weight_total = weight_total.checked_add(r.weight).ok_or(Overflow)?;
        score_total = score_total.checked_add(r.outcome.score).ok_or(Overflow)?;
    }
    let converted = if weight_total != Decimal::ONE_HUNDRED && weight_total > Decimal::ZERO {
        Some(
            Frac::of(score_total)
                .times(Decimal::ONE_HUNDRED)?
                .over(weight_total)?
                .round2(config.truncate)?,
        )
    } else {
        None
    };
    let final_score = converted.unwrap_or(score_total);
    Ok(TableScore {
        name: String::new(),
        rows: Vec::new(),
        budget: None,
        weight_total,
        score_total,
        converted,
        grade: config.grade(final_score),
        warnings: Vec::new(),
    })
}

/// Scores every table of `targets` against `actuals`. Every row that cannot be scored (a number
/// too large for exact arithmetic …) is reported, each on its actuals line; no partial report.
pub fn score(targets: &Targets, actuals: &Actuals) -> crate::error::Result<Report> {
    let config = &targets.config;
    let mut problems = Vec::new();
    let mut tables = Vec::with_capacity(targets.tables.len());
    for (ti, table) in targets.tables.iter().enumerate() {
        let rows = score_rows(ti, targets, actuals, &mut problems);
        let (na_weight, all_weight, applicable) = not_applicable_weight(ti, targets, actuals);
        if applicable == 0 {
            problems.push(
                Diagnostic::new(
                    &actuals.path,
                    Location::File,
                    format!(
                        "「{}」的{}个指标都填了不适用，没有可计分的指标（预算执行率不算指标），无法评定等级",
                        table.name,
                        table.indicators.len()
                    ),
                )
                .expected(format!(
                    "该表至少一个指标填实际完成值；该表今年确实不评价时，从目标文件中删去表「{}」",
                    table.name
                )),
            );
            continue;
        }
        let mut warnings = Vec::new();
        if na_weight > all_weight - na_weight {
            warnings.push(format!(
                "指标分值{}分中有{}分不适用（超过一半），合计只按{}个适用指标折算为百分制，请复核",
                two(all_weight),
                two(na_weight),
                applicable
            ));
        }
        let budget = match actuals.budgets.get(&ti).map(|b| score_budget(b, config)) {
            Some(Ok(b)) => Some(b),
            Some(Err(e)) => {
                let b = &actuals.budgets[&ti];
                let shown = format!("{} / {}", plain(b.budget), plain(b.spent));
                problems.push(row_problem(
                    actuals,
                    Some(Location::Line {
                        line: b.line,
                        column: None,
                    }),
                    &table.name,
                    crate::actuals::BUDGET_ROW,
                    &shown,
                    &e,
                ));
                None
            }
            None => None,
        };
        match total(&rows, budget.as_ref(), config) {
            Ok(t) => tables.push(TableScore {
                name: table.name.clone(),
                rows,
                budget,
                warnings,
                ..t
            }),
            Err(e) => problems.push(
                Diagnostic::new(
                    &actuals.path,
                    Location::File,
                    format!(
                        "「{}」合计无法计算：{}",
                        table.name,
                        ScoreError::from(e).message
                    ),
                )
                .expected(ScoreError::from(e).expected),
            ),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    Ok(Report {
        department: targets.department.clone(),
        year: targets.year,
        tables,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actuals::read_actual;
    use crate::quantity::Direction;

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
        let (value, _) = read_actual(actual, &ind.target, &ind.name, ind.is_event()).unwrap();
        score_indicator(&ind, &value, "说明", &Config::default()).unwrap()
    }

    #[test]
    fn a_sheet_is_scored_as_explained_without_the_steps() {
        for (target, rule, actual) in [
            (
                "≥1800起",
                Some("达到目标值得满分，每减少总量10%，扣20%权重分"),
                "1500起",
            ),
            ("≤63万元", None, "70万元"),
            (
                "≥95%",
                Some("≥95%,计10分;90%(含)-95%,计6分;低于90%不得分"),
                "92%",
            ),
            ("及时", None, "不适用"),
        ] {
            let ind = indicator_for(target, rule, d("10"), true).unwrap();
            let (value, _) = read_for(actual, &ind).unwrap();
            let sheet = score_indicator(&ind, &value, "", &Config::default()).unwrap();
            let explained = explain_indicator(&ind, &value, "", &Config::default()).unwrap();
            assert!(
                sheet.trace.is_empty(),
                "{target} {actual}: {:?}",
                sheet.trace
            );
            assert!(!explained.trace.is_empty(), "{target} {actual}");
            assert_eq!(
                Outcome {
                    trace: Vec::new(),
                    ..explained
                },
                sheet
            );
        }
    }

    #[test]
    fn a_deviation_above_an_exact_target_is_not_called_a_shortfall() {
        let warnings = |target: &str, actual: &str| {
            let ind = indicator_for(target, Some("偏离目标值每5%扣2分"), d("10"), true).unwrap();
            let (value, _) = read_for(actual, &ind).unwrap();
            let o = score_indicator(&ind, &value, "说明", &Config::default()).unwrap();
            assert_eq!(o.score, d("10.00"), "{target} {actual}");
            o.warnings
        };
        assert_eq!(
            warnings("=100%", "102%"),
            ["偏离指标值但未扣分（不足一档），请复核"]
        );
        assert_eq!(
            warnings("=100%", "98%"),
            ["未达到指标值但未扣分（不足一档），请复核"]
        );
        assert_eq!(
            warnings("≤5%", "4%"),
            ["偏离指标值但未扣分（不足一档），请复核"]
        );
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
        // A step relative to a target of 0 cannot be counted: an error, not a guess.
        let ind = Indicator::build(&spec).unwrap();
        let (value, _) = read_actual("1次", &ind.target, &ind.name, false).unwrap();
        let e = score_indicator(&ind, &value, "说明", &Config::default()).unwrap_err();
        assert!(e.message.contains("指标值为0"), "{e}");
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
        let s = score_budget(&b, &Config::default()).unwrap();
        assert_eq!(s.score, d("9.60"));
        assert!(s.explanation.contains("96.03%"), "{}", s.explanation);
        let over = score_budget(
            &Budget {
                spent: d("70"),
                ..b.clone()
            },
            &Config::default(),
        )
        .unwrap();
        assert_eq!(over.score, d("10.00"));
        assert_eq!(over.warnings.len(), 1);
        let low = score_budget(
            &Budget {
                spent: d("50"),
                ..b
            },
            &Config::default(),
        )
        .unwrap();
        assert_eq!(low.score, d("7.94"));
        assert!(low.warnings[0].contains("低于90%"));
    }
}
