//! The 自评表 workbook of the shipped example, read back with calamine as a user's Excel would
//! see it: every sheet's name, merged ranges, titles, texts (cut short) and numbers with their
//! number formats, as an insta snapshot; the totals equal the CSV sheets'; the print setup of
//! every sheet (A4 landscape, one page wide, header rows repeated).

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, DataType, Reader, Xlsx};
use jixiao::input::Encoding;
use jixiao::{actuals, scoring, sheets, targets, xlsx};
use rust_decimal::Decimal;

fn workbook() -> (Vec<u8>, jixiao::scoring::Report) {
    let t = targets::load(Path::new("targets/anci-2023.toml")).unwrap();
    let a = actuals::load(Path::new("actuals/anci-2023.csv"), &t, Encoding::Auto).unwrap();
    let r = scoring::score(&t, &a).unwrap();
    let bytes = xlsx::render(&sheets::form::pages(&r, &t, &a)).unwrap();
    (bytes, r)
}

fn cell_name(row: u32, col: u32) -> String {
    format!(
        "{}{}",
        jixiao::error::excel_column(col as usize + 1),
        row + 1
    )
}

/// Every sheet as text: its merged ranges, then every cell that is not empty — text cut to 24
/// characters, numbers with their number format.
fn dump(bytes: &[u8]) -> String {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut out = String::new();
    for name in book.sheet_names() {
        out.push_str(&format!("== {name}\n"));
        let mut merged: Vec<String> = book
            .merge_cells_by_sheet_name(&name)
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{}:{}",
                    cell_name(d.start.0, d.start.1),
                    cell_name(d.end.0, d.end.1)
                )
            })
            .collect();
        merged.sort_by_key(|m| {
            let d: String = m
                .split(':')
                .next()
                .unwrap()
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect();
            (d.parse::<u32>().unwrap(), m.clone())
        });
        out.push_str(&format!("merged: {}\n", merged.join(" ")));
        let range = book.worksheet_range(&name).unwrap();
        let styles = book.worksheet_style(&name).unwrap();
        for (r, c, v) in range.used_cells() {
            let (r, c) = (
                r as u32 + range.start().unwrap().0,
                c as u32 + range.start().unwrap().1,
            );
            let shown = match v {
                Data::String(s) if s.chars().count() > 24 => {
                    format!("{}…", s.chars().take(24).collect::<String>())
                }
                Data::String(s) => s.clone(),
                Data::Float(f) => {
                    let fmt = styles
                        .get((r, c))
                        .and_then(|s| s.number_format.as_ref())
                        .map_or("General".to_string(), |n| n.format_code.clone());
                    format!("{f} [{fmt}]")
                }
                other => format!("{other:?}"),
            };
            if !shown.is_empty() {
                out.push_str(&format!(
                    "{} {}\n",
                    cell_name(r, c),
                    shown.replace('\n', "⏎")
                ));
            }
        }
    }
    out
}

#[test]
fn the_example_workbook_read_back() {
    let (bytes, _) = workbook();
    insta::assert_snapshot!(dump(&bytes));
}

fn sheet_xml(bytes: &[u8], n: usize) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn every_sheet_prints_a4_landscape_one_page_wide_with_its_header_repeated() {
    let (bytes, r) = workbook();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
    let mut book = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut book)
        .unwrap();
    for n in 1..=r.tables.len() + 1 {
        let xml = sheet_xml(&bytes, n);
        let setup = xml
            .split("<pageSetup ")
            .nth(1)
            .unwrap()
            .split("/>")
            .next()
            .unwrap();
        for attribute in [r#"paperSize="9""#, r#"orientation="landscape""#] {
            assert!(setup.contains(attribute), "sheet {n}: {setup}");
        }
        // 汇总 on one page; a table page one page wide, as many pages tall as it needs.
        assert_eq!(
            setup.contains(r#"fitToHeight="0""#),
            n > 1,
            "sheet {n}: {setup}"
        );
        assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "sheet {n}");
        // The header row of the indicator grid (of 汇总: its column header) on every page.
        assert!(
            book.contains(&format!(
                r#"<definedName name="_xlnm.Print_Titles" localSheetId="{}">"#,
                n - 1
            )),
            "sheet {n}"
        );
    }
}

#[test]
fn totals_equal_the_csv_sheets() {
    let (bytes, report) = workbook();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.len(), 25);
    assert_eq!(names[0], "汇总");
    let summary_csv = sheets::summary_rows(&report);
    let summary = book.worksheet_range("汇总").unwrap();
    for (i, t) in report.tables.iter().enumerate() {
        let row = &summary_csv[i + 1];
        assert_eq!(
            summary.get_value((i as u32 + 2, 1)),
            Some(&Data::String(t.name.clone()))
        );
        let score = summary.get_value((i as u32 + 2, 5)).unwrap();
        assert_eq!(
            format!("{:.2}", score.as_f64().unwrap()),
            row[4],
            "{}",
            t.name
        );
        // The table's own sheet: 总分 is the CSV's 合计, 自评等级 its grade.
        let sheet = book.worksheet_range(&names[i + 1]).unwrap();
        let label_row = |label: &str| {
            (0..sheet.height() as u32)
                .find(|&r| sheet.get_value((r, 0)) == Some(&Data::String(label.into())))
                .unwrap_or_else(|| panic!("{}: no {label} row", names[i + 1]))
        };
        let total = label_row("总分");
        let got = sheet.get_value((total, 6)).unwrap().as_f64().unwrap();
        assert_eq!(
            format!("{got:.2}"),
            scoring::two(t.score_total),
            "{}",
            t.name
        );
        // 年度指标值 and 实际完成值 are text, never numbers or formulas (`= 100 %`, `3`).
        let header = label_row("一级指标");
        for r in header + 1..total {
            for c in [3, 4] {
                let v = sheet.get_value((r, c)).unwrap_or(&Data::Empty);
                assert!(
                    matches!(v, Data::String(_) | Data::Empty),
                    "{} {r},{c}: {v:?}",
                    names[i + 1]
                );
            }
        }
        let grade = label_row("自评等级");
        assert_eq!(
            sheet.get_value((grade, 5)),
            Some(&Data::String(t.grade.into()))
        );
        // Every 得分 of the grid adds up to 总分 with the budget's.
        let budget = t
            .budget
            .as_ref()
            .map_or(0.0, |b| b.score.to_string().parse::<f64>().unwrap());
        let sum: f64 = (header + 1..total)
            .map(|r| {
                sheet
                    .get_value((r, 6))
                    .and_then(|v| v.as_f64())
                    .unwrap_or(0.0)
            })
            .sum();
        assert_eq!(
            format!("{:.2}", sum + budget),
            scoring::two(t.score_total),
            "{}",
            t.name
        );
    }
}

/// 年初预算数, the funding breakdown and 年度总体目标's 实际完成情况: read from the actuals, shown in
/// the 资金 block and the goal row, not scored; a breakdown that does not add up is a warning.
#[test]
fn the_funding_breakdown_and_the_goal_achieved_are_shown_not_scored() {
    let t = targets::load(Path::new("tests/bad_inputs/base.toml")).unwrap();
    let base = std::fs::read_to_string("tests/bad_inputs/base.csv").unwrap();
    let header = "表,一级指标,二级指标,三级指标,年度指标值,实际完成值,年初预算数,全年预算数,全年执行数,偏差原因分析及改进措施";
    let mut csv = vec![header.to_string()];
    for line in base.lines().skip(1) {
        // One more (empty) 年初预算数 cell before 全年预算数.
        let cells: Vec<&str> = line.split(',').collect();
        let mut row = cells[..6].join(",") + ",";
        if line.starts_with("部门整体支出绩效指标,预算执行率") {
            row.push_str("9000");
        }
        csv.push(format!("{row},{}", cells[6..].join(",")));
    }
    csv.push("部门整体支出绩效指标,,,其中：财政拨款,,,8000,8035.84,7790.12,".into());
    csv.push("部门整体支出绩效指标,,,上年结转,,,1000,900,1000,".into());
    csv.push("部门整体支出绩效指标,,,其他资金,,,,,,".into());
    csv.push("部门整体支出绩效指标,,,年度总体目标,,全年目标基本完成。,,,,".into());
    let a = actuals::parse(Path::new("a.csv"), &csv.join("\n"), &t).unwrap();
    let e = &a.extras[&0];
    assert_eq!(e.opening, Some(Decimal::from(9000)));
    assert_eq!(e.achieved, "全年目标基本完成。");
    let funds: Vec<(&str, String)> = e
        .funds
        .iter()
        .map(|f| {
            (
                f.name,
                format!("{:?}/{:?}/{:?}", f.opening, f.budget, f.spent),
            )
        })
        .collect();
    assert_eq!(
        funds,
        [
            (
                "财政拨款",
                "Some(8000)/Some(8035.84)/Some(7790.12)".to_string()
            ),
            ("上年结转", "Some(1000)/Some(900)/Some(1000)".to_string()),
        ]
    );
    // 年初预算数 and 全年执行数 add up; 全年预算数 does not.
    assert_eq!(
        a.warnings,
        ["第12行: 表「部门整体支出绩效指标」资金来源的全年预算数之和 财政拨款8035.84+上年结转900=8935.84 万元，与年度资金总额的全年预算数 9035.84 万元不一致"]
    );
    // Scores as without them.
    let plain = actuals::parse(Path::new("a.csv"), &base, &t).unwrap();
    let (r, r0) = (
        scoring::score(&t, &a).unwrap(),
        scoring::score(&t, &plain).unwrap(),
    );
    assert_eq!(sheets::score_rows(&r), sheets::score_rows(&r0));
    // The form shows them.
    let page = &sheets::form::pages(&r, &t, &a)[1];
    let rows = page.text_rows();
    let find = |label: &str| rows.iter().find(|row| row[2] == label).unwrap().clone();
    assert_eq!(
        find("年度资金总额")[3..9],
        ["9000", "9035.84", "8790.12", "10.00", "97.28%", "9.73"]
    );
    assert_eq!(find("其中：财政拨款")[3..6], ["8000", "8035.84", "7790.12"]);
    assert_eq!(find("上年结转")[3..6], ["1000", "900", "1000"]);
    assert!(find("年度资金总额")[9].contains("资金来源的全年预算数之和"));
    let goal = rows
        .iter()
        .position(|row| row[0] == "年度总体目标")
        .unwrap();
    assert_eq!(rows[goal + 1][7], "全年目标基本完成。");
}
