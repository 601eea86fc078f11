//! Extreme numbers (1e-28 … 1e28) in every place of every rule shape: scoring never panics and
//! never shows a saturated number. Either the row scores within [0, weight] with 2 decimals, or
//! it is refused with a message (`数值过大` or the reason the number is not accepted).

use proptest::prelude::*;
use rust_decimal::Decimal;

use jixiao::actuals::read_for;
use jixiao::scoring::{evaluate, explain_indicator, indicator_for, score_indicator, Config};

/// The largest value a `Decimal` holds: it must never appear in a score or explanation.
const SATURATED: &str = "79228162514264337593543950335";

fn extreme() -> impl Strategy<Value = String> {
    prop_oneof![
        (-28i32..=28).prop_map(|e| format!("1e{e}")),
        (-28i32..=28).prop_map(|e| if e >= 0 {
            format!("1{}", "0".repeat(e as usize))
        } else {
            format!("0.{}1", "0".repeat((-e - 1) as usize))
        }),
        Just("0".to_string()),
        Just("1".to_string()),
        Just(SATURATED.to_string()),
        Just("0.0000000000001".to_string()),
        Just("999999999999".to_string()),
        (1u64..1000).prop_map(|n| n.to_string()),
    ]
}

const RULES: &[Option<&str>] = &[
    None,
    Some("达到目标值得满分，否则不得分"),
    Some("每减少1次扣50%权重分"),
    Some("每减少总量10%，扣20%权重分"),
    Some("每增加1次扣1分"),
    Some("每1次扣2分，不满1次按1次计算"),
    Some("每降低10%，按比例扣减权重分的10%"),
    Some("≥90%,计5分;80%(含)-90%,计4分;低于80%不得分"),
    Some("低于90%不得分"),
    Some("每降低1个百分点扣0.5分，低于80%不得分"),
    Some("偏差在3%以内不扣分，超过3%的部分每1%扣1分"),
    Some("低于目标值每1%扣2分，高于目标值每1%扣1分"),
    Some("每减少1次扣2分，扣满4分为止"),
    Some("达到目标值得满分，超额完成1次加0.3分，加分不超过3分"),
    Some("达到目标值得满分，超额完成1次加99999999999分，加分不超过3分"),
    Some("每减少0.0000000001次扣99999999999分"),
    Some("按完成比例计分"),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn extreme_numbers_score_within_the_weight_or_are_refused(
        rule in prop::sample::select(RULES),
        op in prop::sample::select(vec!["≥", "≤", "=", ""]),
        unit in prop::sample::select(vec!["次", "%", "万元"]),
        t in extreme(),
        a in extreme(),
        w in prop::sample::select(vec!["0.01", "5", "100", "0", "7.14"]),
    ) {
        let target = format!("{op}{t}{unit}");
        let actual = format!("{a}{unit}");
        let weight = Decimal::from_str_exact(w).unwrap();
        let result = std::panic::catch_unwind(|| evaluate(&target, rule, weight, &actual));
        let Ok(result) = result else {
            return Err(TestCaseError::fail(format!("panic: {target} {rule:?} {actual} w={w}")));
        };
        // A sheet is scored without the explain steps: the same outcome, refusals included.
        if let Ok(ind) = indicator_for(&target, rule, weight, true) {
            if let Ok((value, _)) = read_for(&actual, &ind) {
                let config = Config::default();
                let sheet = score_indicator(&ind, &value, "说明", &config);
                let explained = explain_indicator(&ind, &value, "说明", &config)
                    .map(|o| jixiao::scoring::Outcome { trace: Vec::new(), ..o });
                prop_assert_eq!(sheet, explained, "{} {:?} {}", target, rule, actual);
            }
        }
        if let Ok(o) = result {
            // A bonus may lift a score above the weight, by its cap (3) at most.
            let cap = if rule.is_some_and(|r| r.contains("加")) { Decimal::from(3) } else { Decimal::ZERO };
            prop_assert!(o.score >= Decimal::ZERO && o.score <= weight + cap,
                "{} {:?} {} w={}: score {}", target, rule, actual, w, o.score);
            prop_assert_eq!(o.score.scale(), 2);
            prop_assert!(!o.explanation.contains(SATURATED), "{}", o.explanation);
            prop_assert!(o.trace.iter().all(|l| !l.contains(SATURATED)), "{:?}", o.trace);
        }
    }
}

#[test]
fn an_execution_rate_too_large_to_compute_is_an_error_not_a_panic() {
    use jixiao::actuals::Budget;
    use jixiao::scoring::{score_budget, Config};
    let b = Budget {
        budget: Decimal::from_str_exact("0.0000000000000000001").unwrap(),
        spent: Decimal::from(1_000_000_000_000i64),
        line: 3,
    };
    let e = score_budget(&b, &Config::default()).unwrap_err();
    assert!(e.message.contains("数值过大"), "{e}");
    // At the documented limits it still scores: 1万亿 spent of a 0.000001 budget is capped.
    let b = Budget {
        budget: Decimal::from_str_exact("0.000001").unwrap(),
        spent: Decimal::from(1_000_000_000_000i64),
        line: 3,
    };
    assert_eq!(
        score_budget(&b, &Config::default()).unwrap().score,
        Decimal::from_str_exact("10.00").unwrap()
    );
}
