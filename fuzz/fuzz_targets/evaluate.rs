//! One indicator scored from texts: `scoring::evaluate(target, rule, weight, actual)`.
//!
//! Input: four fields separated by `\n`: `WEIGHT\nTARGET\nRULE\nACTUAL`. WEIGHT is a small
//! integer (its digits read modulo 1001; not a number → 10); an empty RULE means none (the
//! national default method). Missing fields are empty.
//!
//! Checks: `evaluate` never panics, and when it scores, 0 <= score, and score <= weight unless
//! the rule has a bonus clause (evaluate allows bonus points).
#![no_main]

use jixiao::scoring;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut fields = text.splitn(4, '\n');
    let weight_text = fields.next().unwrap_or("");
    let target = fields.next().unwrap_or("");
    let rule_text = fields.next().unwrap_or("");
    let actual = fields.next().unwrap_or("");

    let weight = match weight_text.trim().parse::<u64>() {
        Ok(n) => Decimal::from(n % 1001),
        Err(_) => Decimal::from(10),
    };
    let rule = (!rule_text.is_empty()).then_some(rule_text);

    let Ok(outcome) = scoring::evaluate(target, rule, weight, actual) else {
        return;
    };
    let _ = scoring::two(outcome.score);
    assert!(
        outcome.score >= Decimal::ZERO,
        "negative score {} for target {target:?}, rule {rule:?}, weight {weight}, actual {actual:?}",
        outcome.score
    );
    let has_bonus = scoring::indicator_for(target, rule, weight, true)
        .ok()
        .and_then(|ind| ind.rule)
        .is_some_and(|r| r.rule.bonus.is_some());
    if !has_bonus {
        assert!(
            outcome.score <= weight,
            "score {} above weight {weight} without a bonus clause: target {target:?}, rule {rule:?}, actual {actual:?}\n  explanation: {}",
            outcome.score,
            outcome.explanation
        );
    }
});
