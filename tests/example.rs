//! The shipped example — the 2023 disclosure of 廊坊市公安局安次分局 with its illustrative
//! actuals — scored end to end. The snapshots are the reference a rule change is reviewed against.

use jixiao::input::Encoding;
use jixiao::scoring::{score, Report};
use jixiao::{actuals, sheets, targets};
use rust_decimal::Decimal;
use std::path::Path;

fn report() -> Report {
    let t = targets::load(Path::new("targets/anci-2023.toml")).expect("targets load");
    let a = actuals::load(Path::new("actuals/anci-2023.csv"), &t, Encoding::Auto)
        .expect("actuals load");
    score(&t, &a).unwrap()
}

fn csv_text(rows: &[Vec<String>]) -> String {
    let bytes = jixiao::output::csv_bytes(rows);
    String::from_utf8(bytes)
        .unwrap()
        .trim_start_matches('\u{FEFF}')
        .replace("\r\n", "\n")
}

#[test]
fn every_indicator_of_all_24_tables_is_scored() {
    let r = report();
    assert_eq!(r.tables.len(), 24);
    let rows: usize = r.tables.iter().map(|t| t.rows.len()).sum();
    assert_eq!(rows, 184);
    assert_eq!(r.tables[0].name, "部门整体支出绩效指标");
    assert_eq!(r.tables[0].rows.len(), 20);
    assert!(r.tables.iter().all(|t| t.budget.is_some()));
}

#[test]
fn every_score_is_between_0_and_its_weight_and_every_table_foots() {
    for t in report().tables {
        let mut sum = Decimal::ZERO;
        let mut weights = Decimal::ZERO;
        for r in &t.rows {
            assert!(r.outcome.score >= Decimal::ZERO, "{} / {}", t.name, r.name);
            assert!(r.outcome.score <= r.weight, "{} / {}", t.name, r.name);
            assert_eq!(r.outcome.score.scale(), 2, "{} / {}", t.name, r.name);
            sum += r.outcome.score;
            weights += r.weight;
        }
        let b = t.budget.as_ref().unwrap();
        assert!(b.score <= b.weight);
        assert_eq!(t.score_total, sum + b.score, "{} does not foot", t.name);
        assert_eq!(t.weight_total, weights + b.weight, "{}", t.name);
        assert!(t.final_score() <= Decimal::ONE_HUNDRED);
    }
}

#[test]
fn the_department_table() {
    let r = report();
    let t = &r.tables[0];
    // 50 points over 18 output indicators: 14 × 2.78 + 4 × 2.77.
    assert_eq!(t.rows[0].weight, Decimal::new(278, 2));
    assert_eq!(t.rows[17].weight, Decimal::new(277, 2));
    assert_eq!(t.rows[18].weight, Decimal::from(30));
    assert_eq!(t.rows[19].weight, Decimal::from(10));
    assert_eq!(t.score_total, Decimal::new(8738, 2));
    assert_eq!(t.grade, "良");
    // 公用经费控制率: 88 % against ≤100 %, scored by the rule's words (12 points below, 1.2 steps).
    let cost = &t.rows[16];
    assert_eq!(cost.name, "公用经费控制率");
    assert_eq!(cost.outcome.score, Decimal::new(244, 2));
    assert!(cost.outcome.warnings.iter().any(|w| w.contains("方向相反")));
    assert!(cost
        .outcome
        .warnings
        .iter()
        .any(|w| w.contains("「10%」重复")));
    // 案件投诉率 missed with no reason given: the sheet says so.
    let complaints = &t.rows[9];
    assert!(complaints.reason.is_empty());
    assert!(complaints
        .outcome
        .warnings
        .iter()
        .any(|w| w.contains("未填写偏差原因")));
}

#[test]
fn a_row_that_does_not_apply_converts_the_total() {
    let r = report();
    let t = r
        .tables
        .iter()
        .find(|t| t.name.starts_with("“情指行”"))
        .unwrap();
    let na = t.rows.iter().find(|r| r.actual == "不适用").unwrap();
    assert_eq!(na.weight, Decimal::ZERO);
    assert_eq!(t.weight_total, Decimal::from(90));
    assert_eq!(t.score_total, Decimal::new(8985, 2));
    assert_eq!(t.converted, Some(Decimal::new(9983, 2)));
}

#[test]
fn scores_sheet() {
    insta::assert_snapshot!(csv_text(&sheets::score_rows(&report())));
}

#[test]
fn summary_sheet() {
    insta::assert_snapshot!(csv_text(&sheets::summary_rows(&report())));
}
