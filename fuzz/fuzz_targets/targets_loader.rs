//! Targets files (绩效目标, TOML).
//!
//! Checks:
//! - `targets::parse` never panics, and its error messages (every diagnostic) render;
//! - a file that loads gives an actuals template and warnings without panicking;
//! - every indicator of a loaded file has a weight >= 0, and a rule that was read prints a
//!   canonical form that reads back to the same rule.
#![no_main]

use jixiao::rules;
use jixiao::{sheets, targets};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match targets::parse(Path::new("fuzz.toml"), text) {
        Err(e) => {
            let _ = e.to_string();
        }
        Ok(t) => {
            let _ = t.warnings();
            let _ = sheets::template_rows(&t);
            for table in &t.tables {
                for ind in &table.indicators {
                    assert!(
                        ind.weight >= Decimal::ZERO,
                        "negative weight {} for {}",
                        ind.weight,
                        ind.name
                    );
                    if let Some(parsed) = &ind.rule {
                        let printed = parsed.rule.to_string();
                        let back = rules::canonical::parse(&printed).unwrap_or_else(|e| {
                            panic!("canonical form {printed:?} of {:?} does not parse back: {e}", ind.rule_text)
                        });
                        assert_eq!(back, parsed.rule, "canonical round trip of {:?} via {printed:?}", ind.rule_text);
                    }
                }
            }
        }
    }
});
