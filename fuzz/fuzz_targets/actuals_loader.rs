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

use jixiao::{actuals, scoring, sheets, targets};
use libfuzzer_sys::fuzz_target;
use rust_decimal::{Decimal, RoundingStrategy};
use std::path::Path;
use std::sync::LazyLock;

static EXAMPLE: LazyLock<targets::Targets> = LazyLock::new(|| {
    targets::parse(
        Path::new("targets/anci-2023.toml"),
        include_str!("../../targets/anci-2023.toml"),
    )
    .expect("the example targets file loads")
});

fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn check(t: &targets::Targets, csv: &str) {
    let a = match actuals::parse(Path::new("fuzz.csv"), csv, t) {
        Ok(a) => a,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let report = match scoring::score(t, &a) {
        Ok(r) => r,
        Err(e) => {
            // A row that cannot be scored is a located error, never a panic.
            let _ = e.to_string();
            return;
        }
    };
    assert_eq!(report.tables.len(), t.tables.len());
    for (table, ts) in t.tables.iter().zip(&report.tables) {
        let rows: Decimal = ts.rows.iter().map(|r| r.outcome.score).sum();
        let budget = ts.budget.as_ref().map_or(Decimal::ZERO, |b| b.score);
        assert_eq!(
            ts.score_total,
            rows + budget,
            "table {}: score_total != sum of rows + budget",
            ts.name
        );
        let weights: Decimal = ts.rows.iter().map(|r| r.weight).sum();
        let budget_weight = ts.budget.as_ref().map_or(Decimal::ZERO, |b| b.weight);
        assert_eq!(ts.weight_total, weights + budget_weight, "table {}: weight_total", ts.name);
        for (ind, r) in table.indicators.iter().zip(&ts.rows) {
            assert!(
                r.outcome.score >= Decimal::ZERO,
                "table {} row {}: negative score {} (actual {:?})",
                ts.name,
                r.name,
                r.outcome.score,
                r.actual
            );
            if !ind.allow_bonus {
                assert!(
                    r.outcome.score <= round2(r.weight.max(ind.weight)),
                    "table {} row {}: score {} above weight {} (actual {:?})",
                    ts.name,
                    r.name,
                    r.outcome.score,
                    r.weight,
                    r.actual
                );
            }
        }
        if let Some(b) = &ts.budget {
            assert!(b.score >= Decimal::ZERO, "table {}: negative budget score {}", ts.name, b.score);
            assert!(b.score <= b.weight, "table {}: budget score {} above {}", ts.name, b.score, b.weight);
        }
    }
    let sheet = sheets::score_rows(&report);
    for ts in &report.tables {
        let total = sheet
            .iter()
            .find(|row| row.first() == Some(&ts.name) && row.get(1).map(String::as_str) == Some("合计"))
            .unwrap_or_else(|| panic!("no 合计 row for table {}", ts.name));
        assert_eq!(total[7], scoring::two(ts.score_total), "合计 row of table {}", ts.name);
    }
    let _ = sheets::summary_rows(&report);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match text.split_once('\0') {
        None => check(&EXAMPLE, text),
        Some((toml, csv)) => {
            if let Ok(t) = targets::parse(Path::new("fuzz.toml"), toml) {
                check(&t, csv);
            }
        }
    }
});
