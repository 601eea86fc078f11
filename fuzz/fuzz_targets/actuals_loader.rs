//! Actuals files (实际完成值, CSV), scoring and the score sheet.
//!
//! Input: a CSV actuals file, read against the example targets (targets/anci-2023.toml); or, if
//! the input holds a NUL byte, `TARGETS_TOML \0 ACTUALS_CSV`, with the targets from the input.
//!
//! Checks:
//! - `actuals::parse`, `scoring::score`, `sheets::score_rows` / `summary_rows` never panic;
//! - for each table: score_total == sum of the rows' scores + the budget score;
//!   weight_total == sum of the rows' weights + the budget weight;
//! - every row score and the budget score is >= 0; a row's score is at most its weight
//!   (rounded to 2 decimals) unless the indicator allows bonus points; the budget score is at
//!   most the budget weight;
//! - the score sheet's 合计 row shows the table's total.
#![no_main]

mod common;

use jixiao::targets;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::LazyLock;

static EXAMPLE: LazyLock<targets::Targets> = LazyLock::new(|| {
    targets::parse(
        Path::new("targets/anci-2023.toml"),
        include_str!("../../targets/anci-2023.toml"),
    )
    .expect("the example targets file loads")
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match text.split_once('\0') {
        None => common::check(&EXAMPLE, text),
        Some((toml, csv)) => {
            if let Ok(t) = targets::parse(Path::new("fuzz.toml"), toml) {
                common::check(&t, csv);
            }
        }
    }
});
