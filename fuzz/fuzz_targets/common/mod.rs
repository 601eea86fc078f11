//! Checks shared by the targets that score whole files: the report foots, scores stay within
//! their weights, and no cell of either sheet shows a saturated number.

use jixiao::{actuals, scoring, sheets, targets};
use rust_decimal::{Decimal, RoundingStrategy};
use std::path::Path;

/// The largest `Decimal`: a sheet that shows it has saturated somewhere.
const SATURATED: &str = "79228162514264337593543950335";

fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

pub fn check(t: &targets::Targets, csv: &str) {
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
    let summary = sheets::summary_rows(&report);
    for row in sheet.iter().chain(&summary) {
        for cell in row {
            assert!(!cell.contains(SATURATED), "saturated number in a sheet: {cell}");
        }
    }
    let _ = jixiao::output::csv_text(&sheet);
}

