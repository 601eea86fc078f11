//! Every worked example of the scoring rulebook (SCORING.md §10), as written there.

use jixiao::actuals::Budget;
use jixiao::scoring::{evaluate, score_budget, Config, Outcome};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn score(target: &str, rule: Option<&str>, weight: &str, actual: &str) -> Outcome {
    evaluate(target, rule, d(weight), actual)
        .unwrap_or_else(|e| panic!("{target} / {rule:?} / {actual}: {e}"))
}

const PER_TIME: &str = "达到目标值得满分，每减少1次扣50%权重分。";
const PER_TOTAL: &str = "达到目标值得满分，每减少总量10%，扣20%权重分。";
const COMPLAINTS: &str = "达到目标值得满分，每增加1%，扣20%权重分。";
const COST_RATE: &str =
    "达到或超过目标，得权重分的100%，每降低10%，10%，按比例扣减权重分的10%，扣完为止";

#[test]
fn step_per_unit_one_step() {
    let o = score("≥ 4 次", Some(PER_TIME), "5", "3次");
    assert_eq!(o.score, d("2.50"));
    assert_eq!(
        o.explanation,
        "实际3次，比指标值少1次，按“每减少1次扣50%权重分”扣1档，扣2.50分"
    );
}

#[test]
fn step_per_unit_floored_at_zero() {
    let o = score("≥ 4 次", Some(PER_TIME), "5", "1次");
    assert_eq!(o.score, d("0.00"));
    assert!(
        o.explanation.contains("扣3档，扣完为止"),
        "{}",
        o.explanation
    );
}

#[test]
fn relative_step_short_of_a_whole_step_deducts_nothing_but_warns() {
    let o = score("≥ 1800 起", Some(PER_TOTAL), "5", "1700起");
    assert_eq!(o.score, d("5.00"));
    assert!(o.missed);
    assert!(o.explanation.contains("少5.56%"), "{}", o.explanation);
    assert!(
        o.warnings.iter().any(|w| w.contains("未扣分")),
        "{:?}",
        o.warnings
    );
}

#[test]
fn relative_step_one_step() {
    let o = score("≥ 1800 起", Some(PER_TOTAL), "5", "1500起");
    assert_eq!(o.score, d("4.00"));
    assert_eq!(
        o.explanation,
        "实际1500起，比指标值少16.67%，按“每减少总量10%扣20%权重分”扣1档，扣1.00分"
    );
}

#[test]
fn percentage_points_short() {
    let o = score(
        "= 100 %",
        Some("达到目标值得满分，每减少10%，扣20%权重分。"),
        "5",
        "85%",
    );
    assert_eq!(o.score, d("4.00"));
    assert!(o.explanation.contains("少15个百分点"), "{}", o.explanation);
}

#[test]
fn percentage_points_over() {
    assert_eq!(
        score("≤ 5 %", Some(COMPLAINTS), "5", "7.5%").score,
        d("3.00")
    );
    assert_eq!(
        score("≤ 5 %", Some(COMPLAINTS), "5", "11%").score,
        d("0.00")
    );
}

#[test]
fn coverage_two_steps() {
    let o = score(
        "= 100 %",
        Some("达到目标值得满分，每减少10%，扣10%权重分。"),
        "5",
        "78%",
    );
    assert_eq!(o.score, d("4.00"));
}

#[test]
fn the_rules_words_decide_the_direction_and_steps_are_proportional() {
    let o = score("≤100 %", Some(COST_RATE), "5", "88%");
    assert_eq!(o.score, d("4.40"));
    assert!(o.explanation.contains("扣1.2档"), "{}", o.explanation);
}

#[test]
fn satisfaction_relative_to_target() {
    let o = score("≥ 95 %", Some("每减少指标值10%扣除分值50%"), "10", "85%");
    assert_eq!(o.score, d("5.00"));
    assert!(o.explanation.contains("少10.53%"), "{}", o.explanation);
}

#[test]
fn count_in_ten_thousands() {
    let o = score("≥5 万张", Some(PER_TOTAL), "5", "38000张");
    assert_eq!(o.score, d("3.00"));
    assert!(o.explanation.contains("少24%"), "{}", o.explanation);
}

#[test]
fn default_positive() {
    let o = score("100百分比", None, "5", "92%");
    assert_eq!(o.score, d("4.60"));
}

#[test]
fn default_reverse() {
    assert_eq!(score("≤ 63万元", None, "5", "66.15万元").score, d("4.75"));
    assert_eq!(score("≤ 63万元", None, "5", "130万元").score, d("0.00"));
    // 元 converts to the target's 万元.
    assert_eq!(score("≤ 63万元", None, "5", "661500元").score, d("4.75"));
}

#[test]
fn qualitative_default_band_floor() {
    assert_eq!(score("及时", None, "5", "部分达成").score, d("3.00"));
}

#[test]
fn qualitative_all_or_nothing() {
    let o = score(
        "及时",
        Some("及时支付得满分，否则不得分。"),
        "5",
        "部分达成",
    );
    assert_eq!(o.score, d("0.00"));
    assert!(o.missed);
}

#[test]
fn budget_execution_rate() {
    let b = Budget {
        budget: d("63"),
        spent: d("60.5"),
        line: 0,
    };
    let s = score_budget(&b, &Config::default()).unwrap();
    assert_eq!(s.weight, d("10"));
    assert_eq!(s.score, d("9.60"));
    assert_eq!(s.rate.round_dp(4), d("0.9603"));
}
