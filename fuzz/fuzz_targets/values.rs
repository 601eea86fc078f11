//! Target values (年度指标值) and actual values (实际完成值).
//!
//! Input: `TARGET` or `TARGET\nACTUAL` (split at the first newline).
//!
//! Checks:
//! - `TargetValue::parse` and `actuals::read_actual` never panic;
//! - the actual is read four ways: for an indicator whose name may go negative (下降率) or not,
//!   and for an event indicator or not;
//! - a numeric actual for an indicator that cannot be negative is never negative;
//! - a judgement's share of the weight is within 0..=100 %.
#![no_main]

use jixiao::actuals::{read_actual, ActualValue};
use jixiao::quantity::TargetValue;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (target_text, actual_text) = text.split_once('\n').unwrap_or((text, text));

    let Ok(target) = TargetValue::parse(target_text) else {
        return;
    };
    let _ = target.direction();

    for (name, may_be_negative) in [("指标", false), ("辖区发案下降率", true)] {
        for event in [false, true] {
            let Ok((value, _warnings)) = read_actual(actual_text, &target, name, event) else {
                continue;
            };
            match value {
                ActualValue::Number { value, .. } => {
                    // A deadline counts months or days from the start of its year: finishing
                    // in the year before is below 0.
                    assert!(
                        may_be_negative || target.deadline().is_some() || value >= Decimal::ZERO,
                        "negative actual {value} accepted for {name}: target {target_text:?}, actual {actual_text:?}"
                    );
                }
                ActualValue::Judgement(j) => {
                    let p = j.percent();
                    assert!(
                        p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED,
                        "judgement share {p}% out of 0..=100: target {target_text:?}, actual {actual_text:?}"
                    );
                }
                // read_actual never names a level: only a level-list rule's reader does.
                ActualValue::NotApplicable | ActualValue::Level(_) | ActualValue::Stated { .. } => {}
            }
        }
    }
});
