//! Actuals in an xlsx workbook, made here as Excel saves them (typed cells, number formats,
//! formulas with their cached values, merged ranges), read through the same grid as CSV:
//! - the shipped example as a workbook (percent cells, numbers, a date cell) scores exactly as
//!   its CSV;
//! - bad workbooks (no data on the sheet read, a percent typed as a bare fraction, a formula
//!   error `#DIV/0!`, merged cells) are refused by the real binary with the pinned error, naming
//!   the file, the worksheet, the row and the column letter, and nothing is written.

use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao::input::Encoding;
use jixiao::{actuals, scoring, sheets, targets};
use rust_xlsxwriter::{Format, Formula, Workbook};

/// A cell as a user's Excel holds it.
#[derive(Clone)]
enum X {
    Text(String),
    Number(f64),
    /// A number in a cell formatted `0%`: `0.85` shows as 85%.
    Percent(f64),
    /// A date serial in a cell formatted `yyyy-mm-dd`.
    Date(f64),
    /// A formula and the result Excel saved with it.
    Formula(&'static str, &'static str),
}

fn text(s: &str) -> X {
    X::Text(s.to_string())
}

/// A workbook of named sheets of rows; `merges` on the first sheet.
fn workbook(sheets: &[(&str, Vec<Vec<X>>)], merges: &[(u32, u16, u32, u16, &str)]) -> Vec<u8> {
    workbook_hiding(sheets, merges, &[])
}

/// [`workbook`] with the sheets named in `hidden` hidden (右键 → 隐藏).
fn workbook_hiding(
    sheets: &[(&str, Vec<Vec<X>>)],
    merges: &[(u32, u16, u32, u16, &str)],
    hidden: &[&str],
) -> Vec<u8> {
    let mut book = Workbook::new();
    let percent = Format::new().set_num_format("0%");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (k, (name, rows)) in sheets.iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    X::Text(s) if s.is_empty() => {}
                    X::Text(s) => drop(ws.write_string(r, c, s)),
                    X::Number(n) => drop(ws.write_number(r, c, *n)),
                    X::Percent(n) => drop(ws.write_number_with_format(r, c, *n, &percent)),
                    X::Date(n) => drop(ws.write_number_with_format(r, c, *n, &date)),
                    X::Formula(f, v) => {
                        drop(ws.write_formula(r, c, Formula::new(*f).set_result(*v)))
                    }
                }
            }
        }
        if hidden.contains(name) {
            ws.set_hidden(true);
        } else if sheets[..k].iter().all(|(n, _)| hidden.contains(n)) {
            // Excel cannot hide the active sheet: the first visible one is.
            ws.set_active(true);
        }
        if k == 0 {
            for &(r0, c0, r1, c1, text) in merges {
                ws.merge_range(r0, c0, r1, c1, text, &Format::new())
                    .unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// A CSV file's rows as text cells.
fn csv_rows(path: &str) -> Vec<Vec<X>> {
    let contents = std::fs::read_to_string(path).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(contents.trim_start_matches('\u{FEFF}').as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(text).collect())
        .collect()
}

/// The example's actuals as Excel would hold them when typed in: `85%` a number in a percent
/// cell, `3` a number, `12月` of 经费保障时间 a date, everything else text.
fn example_as_excel_types() -> Vec<Vec<X>> {
    let mut rows = csv_rows("actuals/anci-2023.csv");
    for row in rows.iter_mut().skip(1) {
        let name = match &row[3] {
            X::Text(s) => s.clone(),
            _ => unreachable!(),
        };
        for (c, cell) in row.iter_mut().enumerate() {
            let X::Text(s) = cell.clone() else { continue };
            if let Some(p) = s.strip_suffix('%').and_then(|p| p.parse::<f64>().ok()) {
                if c == 5 {
                    *cell = X::Percent(p / 100.0);
                }
            } else if let Ok(n) = s.parse::<f64>() {
                *cell = X::Number(n);
            } else if c == 5 && name == "经费保障时间" && s == "12月" {
                // 2023-12-15.
                *cell = X::Date(45275.0);
            }
        }
    }
    rows
}

/// Runs `jixiao ARGS` in `dir`: it must succeed; its standard output.
fn succeeds(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn the_example_as_a_workbook_scores_as_its_csv() {
    let t = targets::load(Path::new("targets/anci-2023.toml")).unwrap();
    let csv = actuals::load(Path::new("actuals/anci-2023.csv"), &t, Encoding::Auto).unwrap();
    let dir = scratch();
    let path = dir.path().join("实际完成值.xlsx");
    let rows = example_as_excel_types();
    // The conversion did make typed cells.
    assert!(rows
        .iter()
        .flatten()
        .any(|c| matches!(c, X::Percent(p) if *p == 0.85)));
    std::fs::write(&path, workbook(&[("Sheet1", rows)], &[])).unwrap();
    let book = actuals::load(&path, &t, Encoding::Auto).unwrap();
    assert_eq!(book.sheet.as_deref(), Some("Sheet1"));
    let (a, b) = (
        scoring::score(&t, &csv).unwrap(),
        scoring::score(&t, &book).unwrap(),
    );
    assert_eq!(sheets::summary_rows(&a), sheets::summary_rows(&b));
    // Row by row the same names, actuals (but the date) and scores: the percent cells read as
    // `85%`, as the CSV says.
    let (sa, sb) = (sheets::score_rows(&a), sheets::score_rows(&b));
    assert_eq!(sa.len(), sb.len());
    for (ra, rb) in sa.iter().zip(&sb) {
        assert_eq!(ra[..5], rb[..5]);
        assert_eq!(ra[6..8], rb[6..8], "{ra:?}");
        if ra[3] != "经费保障时间" {
            assert_eq!(ra[5], rb[5]);
        }
    }
    let time = b.tables[1]
        .rows
        .iter()
        .find(|r| r.name == "经费保障时间")
        .unwrap();
    assert_eq!(time.actual, "2023-12-15");
    assert_eq!(time.outcome.score, a.tables[1].rows[2].outcome.score);
}

/// Runs `jixiao score base.toml case.xlsx --out out` in a scratch folder: it must fail, write
/// nothing, and say why; the message is returned.
fn refused(book: Vec<u8>) -> String {
    let dir = scratch();
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs/base.toml");
    std::fs::copy(base, dir.path().join("base.toml")).unwrap();
    std::fs::write(dir.path().join("case.xlsx"), book).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["score", "base.toml", "case.xlsx", "--out", "out"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!dir.path().join("out").exists(), "wrote output");
    stderr
}

/// `tests/bad_inputs/base.csv` as a workbook of text cells, with `change` applied.
fn base_with(change: impl FnOnce(&mut Vec<Vec<X>>)) -> Vec<Vec<X>> {
    let mut rows = csv_rows("tests/bad_inputs/base.csv");
    change(&mut rows);
    rows
}

#[test]
fn the_base_workbook_is_valid() {
    let dir = scratch();
    let path = dir.path().join("base.xlsx");
    std::fs::write(&path, workbook(&[("实际完成值", base_with(|_| {}))], &[])).unwrap();
    let t = targets::load(Path::new("tests/bad_inputs/base.toml")).unwrap();
    let a = actuals::load(&path, &t, Encoding::Auto).unwrap();
    assert_eq!(a.rows.len(), 8);
}

#[test]
fn no_data_on_the_sheet_read() {
    // The data is on a sheet of another name, and the first sheet is empty.
    let book = workbook(&[("说明", vec![]), ("填报", base_with(|_| {}))], &[]);
    insta::assert_snapshot!(refused(book));
}

#[test]
fn a_sheet_named_actuals_is_read_before_the_first() {
    let bad = base_with(|rows| rows[1][5] = text("很多"));
    let book = workbook(
        &[("说明", vec![vec![text("说明")]]), ("实际完成值", bad)],
        &[],
    );
    let e = refused(book);
    assert!(
        e.contains("case.xlsx 工作表「实际完成值」 第2行 F列（实际完成值）"),
        "{e}"
    );
}

#[test]
fn a_percent_typed_as_a_bare_fraction() {
    // 群众满意度 ≥ 95 %: 0.96 in a cell of General format is refused as in CSV (which did they
    // mean?); the same 0.96 in a percent cell is 96 % (the_example_as_a_workbook_… reads those).
    let book = workbook(
        &[("Sheet1", base_with(|rows| rows[4][5] = X::Number(0.96)))],
        &[],
    );
    insta::assert_snapshot!(refused(book));
}

#[test]
fn a_formula_error_cell() {
    let book = workbook(
        &[(
            "Sheet1",
            base_with(|rows| rows[7][5] = X::Formula("=60.5/0", "#DIV/0!")),
        )],
        &[],
    );
    insta::assert_snapshot!(refused(book));
}

#[test]
fn merged_cells() {
    // 表 merged over the rows of 物业管理费 (A7:A11), as on a printed form.
    let book = workbook(
        &[("Sheet1", base_with(|_| {}))],
        &[(6, 0, 10, 0, "物业管理费")],
    );
    insta::assert_snapshot!(refused(book));
}

/// The xlsx template of the example, filled in as staff would in Excel (the example's actuals
/// typed into the shaded cells: `85%` as a percent cell, bare numbers as numbers, the rest as
/// text), scores exactly as the example's CSV.
#[test]
fn the_xlsx_template_filled_in_scores_as_the_csv() {
    use calamine::{Data, Reader, Xlsx};
    use std::collections::HashMap;
    use std::io::{Cursor, Read};
    let t = targets::load(Path::new("targets/anci-2023.toml")).unwrap();
    let template = jixiao::xlsx::render(&[sheets::template::page(&t)]).unwrap();

    // What staff see: a protected sheet, a dropdown on every qualitative row, shaded inputs.
    let mut zip = zip::ZipArchive::new(Cursor::new(template.clone())).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("<sheetProtection "), "not protected");
    assert!(!xml.contains("password"), "protected with a password");
    let qualitative = t
        .tables
        .iter()
        .flat_map(|t| &t.indicators)
        .filter(|i| matches!(i.target, jixiao::quantity::TargetValue::Qualitative(_)))
        .count();
    assert_eq!(
        xml.matches(r#"<dataValidation type="list""#).count(),
        qualitative
    );
    assert!(xml.contains(r#"<formula1>"达成,部分达成,未达成,不适用"</formula1>"#));

    // The example's actuals by (表, 三级指标): 实际完成值, 全年预算数, 全年执行数, 偏差原因.
    let mut filled: HashMap<(String, String), Vec<String>> = HashMap::new();
    let rows = csv_rows("actuals/anci-2023.csv");
    let cell = |x: &X| match x {
        X::Text(s) => s.clone(),
        _ => unreachable!(),
    };
    for row in rows.iter().skip(1) {
        let values = [5, 6, 7, 8].iter().map(|&c| cell(&row[c])).collect();
        filled.insert((cell(&row[0]), cell(&row[3])), values);
    }

    // Every cell of the template, with the inputs typed as Excel stores them.
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(template)).unwrap();
    assert_eq!(book.sheet_names(), ["实际完成值"]);
    let range = book.worksheet_range("实际完成值").unwrap();
    let typed = |s: &str| {
        if let Some(p) = s.strip_suffix('%').and_then(|p| p.parse::<f64>().ok()) {
            X::Percent(p / 100.0)
        } else if let Ok(n) = s.parse::<f64>() {
            X::Number(n)
        } else {
            text(s)
        }
    };
    let mut sheet: Vec<Vec<X>> = Vec::new();
    let mut typed_in = 0;
    for r in 0..range.height() as u32 {
        let mut row: Vec<X> = (0..11u32)
            .map(|c| match range.get_value((r, c)) {
                Some(Data::String(s)) => text(s),
                _ => text(""),
            })
            .collect();
        let key = match (&row[0], &row[3]) {
            (X::Text(a), X::Text(b)) => (a.clone(), b.clone()),
            _ => unreachable!(),
        };
        if let Some(v) = filled.get(&key) {
            row[5] = typed(&v[0]);
            row[8] = typed(&v[1]);
            row[9] = typed(&v[2]);
            row[10] = text(&v[3]);
            typed_in += 1;
        }
        sheet.push(row);
    }
    assert_eq!(
        typed_in,
        filled.len(),
        "a row of the example has no row in the template"
    );
    let dir = scratch();
    let path = dir.path().join("填报.xlsx");
    std::fs::write(&path, workbook(&[("实际完成值", sheet)], &[])).unwrap();

    let from_xlsx = actuals::load(&path, &t, Encoding::Auto).unwrap();
    assert!(from_xlsx.warnings.is_empty(), "{:?}", from_xlsx.warnings);
    let csv = actuals::load(Path::new("actuals/anci-2023.csv"), &t, Encoding::Auto).unwrap();
    let (a, b) = (
        scoring::score(&t, &csv).unwrap(),
        scoring::score(&t, &from_xlsx).unwrap(),
    );
    assert_eq!(sheets::summary_rows(&a), sheets::summary_rows(&b));
    assert_eq!(sheets::score_rows(&a), sheets::score_rows(&b));
}

/// The grid reader for other sheets (a 绩效目标表 to import): a sheet asked for by name and
/// missing is an error that lists the workbook's sheets; merged ranges are given, not refused.
#[test]
fn a_named_sheet_that_is_missing_and_merged_ranges_for_other_readers() {
    use jixiao::grid::xlsx::{read_xlsx, SheetChoice};
    let bytes = workbook(
        &[("Sheet1", base_with(|_| {})), ("说明", vec![])],
        &[(6, 0, 10, 0, "物业管理费")],
    );
    let path = Path::new("book.xlsx");
    let mut diags = Vec::new();
    assert!(read_xlsx(path, &bytes, SheetChoice::Named("绩效目标表"), &mut diags).is_none());
    assert_eq!(
        diags.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        ["book.xlsx: 工作簿中没有名为「绩效目标表」的工作表\n  读到: «「Sheet1」、「说明」»\n  应为: 名为「绩效目标表」的工作表（工作簿中的工作表：「Sheet1」、「说明」）"]
    );
    let mut diags = Vec::new();
    let x = read_xlsx(path, &bytes, SheetChoice::First, &mut diags).unwrap();
    assert!(diags.is_empty());
    assert_eq!(x.sheet, "Sheet1");
    assert_eq!(
        x.merged.iter().map(|m| m.range()).collect::<Vec<_>>(),
        ["A7:A11"]
    );
    // Rows are Excel's: the header on row 1, 物业管理费's first row on row 7, column A.
    assert_eq!(x.grid.rows[0].line, 1);
    assert_eq!(x.grid.rows[6].line, 7);
    assert_eq!(x.grid.rows[6].cells[0].text, "物业管理费");
    assert_eq!(x.grid.rows[7].cells[0].text, "");
}

/// `score --xlsx FILE` puts the workbook there (and not in the output folder); `template` writes
/// the CSV and the xlsx template as one set; the xlsx template, filled in, is what `score` reads.
#[test]
fn the_commands_write_workbooks_where_asked() {
    let dir = scratch();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let run = |args: &[&str]| succeeds(dir.path(), args);
    let targets = root.join("tests/bad_inputs/base.toml");
    let t = targets.to_str().unwrap();
    let said = run(&["template", t, "--out", "填报.csv", "--xlsx", "填报.xlsx"]);
    assert_eq!(
        said,
        "已写出 填报.csv：2 个表，8 个指标\n已写出 填报.xlsx：2 个表，8 个指标\n"
    );
    let book = std::fs::read(dir.path().join("填报.xlsx")).unwrap();
    assert!(book.starts_with(b"PK\x03\x04"));
    let csv = root.join("tests/bad_inputs/base.csv");
    let said = run(&[
        "score",
        t,
        csv.to_str().unwrap(),
        "--out",
        "out",
        "--xlsx",
        "报送/自评表2023.xlsx",
    ]);
    assert!(
        said.ends_with("已写出 out/scores.csv、out/summary.csv 和 报送/自评表2023.xlsx\n"),
        "{said}"
    );
    assert!(dir.path().join("报送/自评表2023.xlsx").is_file());
    assert!(!dir.path().join("out/自评表.xlsx").exists());
}

/// One value typed at the far corner of the sheet (XFD1048576): the sheet is read as a stream of
/// its cells, not as a dense range of 17 billion, and that row is refused where it is.
#[test]
fn a_value_at_the_far_corner() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in base_with(|_| {}).iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let X::Text(s) = cell {
                ws.write_string(r as u32, c as u16, s).unwrap();
            }
        }
    }
    ws.write_string(1_048_575, 16_383, "备注").unwrap();
    insta::assert_snapshot!(refused(book.save_to_buffer().unwrap()));
}

/// A bureau whose departments hand in xlsx or CSV actuals: the batch reads both, and with
/// `--no-xlsx` writes the CSVs only. The xlsx department's summary is the one its CSV gives.
#[test]
fn a_bureau_with_xlsx_actuals_and_no_workbooks() {
    let dir = scratch();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bureau = dir.path().join("bureau");
    for d in ["甲局", "乙局"] {
        std::fs::create_dir_all(bureau.join(d)).unwrap();
        std::fs::copy(
            root.join("targets/anci-2023.toml"),
            bureau.join(d).join("targets.toml"),
        )
        .unwrap();
    }
    let book = workbook(&[("Sheet1", example_as_excel_types())], &[]);
    std::fs::write(bureau.join("甲局/填报.xlsx"), book).unwrap();
    // Excel's lock file beside an open workbook is not a second actuals file.
    std::fs::write(bureau.join("甲局/~$填报.xlsx"), b"lock").unwrap();
    std::fs::copy(
        root.join("actuals/anci-2023.csv"),
        bureau.join("乙局/actuals.csv"),
    )
    .unwrap();
    succeeds(
        dir.path(),
        &["score", "--batch", "bureau", "--out", "out", "--no-xlsx"],
    );
    let read = |p: &str| std::fs::read(dir.path().join(p)).unwrap();
    assert_eq!(read("out/甲局/summary.csv"), read("out/乙局/summary.csv"));
    for d in ["甲局", "乙局"] {
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join("out").join(d))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["scores.csv", "summary.csv"], "{d}");
    }
}

/// Loads `book` against `tests/bad_inputs/base.toml` through the library.
fn load_base(book: Vec<u8>) -> jixiao::Result<actuals::Actuals> {
    let dir = scratch();
    let path = dir.path().join("case.xlsx");
    std::fs::write(&path, book).unwrap();
    let t = targets::load(Path::new("tests/bad_inputs/base.toml")).unwrap();
    actuals::load(&path, &t, Encoding::Auto)
}

#[test]
fn a_hidden_stale_sheet_beside_the_filled_copy_is_refused() {
    // The stale 实际完成值 is hidden; the user filled the visible copy 「实际完成值 (2)」. The hidden
    // one used to be read (by its name), silently.
    let stale = base_with(|rows| rows[4][5] = text("96%"));
    let filled = base_with(|rows| rows[4][5] = text("50%"));
    let book = workbook_hiding(
        &[("实际完成值", stale), ("实际完成值 (2)", filled)],
        &[],
        &["实际完成值"],
    );
    let e = refused(book);
    for part in [
        "错误: case.xlsx: 工作簿中有 2 个工作表都有实际完成值的表头（表、三级指标、实际完成值）：「实际完成值」（隐藏）、「实际完成值 (2)」，不知道哪一个是填好的",
        "读到: «工作簿中的工作表：「实际完成值」（隐藏）、「实际完成值 (2)」»",
        "只留一个实际完成值工作表：删去其他的",
        "取消隐藏",
    ] {
        assert!(e.contains(part), "{part}\n{e}");
    }
}

#[test]
fn a_stale_visible_sheet_that_is_not_first_is_refused() {
    // Sheet1 (filled) first, the template's 实际完成值 (stale) second: 实际完成值 was read.
    let filled = base_with(|rows| rows[4][5] = text("50%"));
    let book = workbook(
        &[("Sheet1", filled), ("实际完成值", base_with(|_| {}))],
        &[],
    );
    let e = refused(book);
    assert!(
        e.contains("工作簿中有 2 个工作表都有实际完成值的表头（表、三级指标、实际完成值）：「Sheet1」、「实际完成值」"),
        "{e}"
    );
    // A sheet of notes beside the one actuals sheet is no ambiguity.
    let notes = vec![vec![text("说明")], vec![text("表"), text("填写说明")]];
    let a = load_base(workbook(
        &[("说明", notes), ("实际完成值", base_with(|_| {}))],
        &[],
    ))
    .unwrap();
    assert_eq!(a.sheet.as_deref(), Some("实际完成值"));
}

#[test]
fn a_hidden_sheet_read_is_refused() {
    // The only actuals sheet is hidden: what is scored cannot be seen.
    let book = workbook_hiding(
        &[
            ("实际完成值", base_with(|_| {})),
            ("说明", vec![vec![text("说明")]]),
        ],
        &[],
        &["实际完成值"],
    );
    let e = refused(book);
    for part in [
        "错误: case.xlsx 工作表「实际完成值」: 读取的工作表「实际完成值」是隐藏的",
        "读到: «工作簿中的工作表：「实际完成值」（隐藏）、「说明」»",
        "取消隐藏（右键工作表标签 → 取消隐藏）",
    ] {
        assert!(e.contains(part), "{part}\n{e}");
    }
    // The first sheet read when none is named 实际完成值: the same.
    let book = workbook_hiding(
        &[
            ("Sheet1", base_with(|_| {})),
            ("说明", vec![vec![text("说明")]]),
        ],
        &[],
        &["Sheet1"],
    );
    assert!(refused(book).contains("读取的工作表「Sheet1」是隐藏的"));
}

#[test]
fn a_percent_typed_into_a_percent_cell() {
    // 群众满意度 ≥ 95 %: 96 in a cell formatted 0% is what Excel shows as 9600%; it scored full
    // marks. 0.96 in the same cell (96%) is read, and so is 1.05 (105%).
    let e = refused(workbook(
        &[("Sheet1", base_with(|rows| rows[4][5] = X::Percent(96.0)))],
        &[],
    ));
    for part in [
        "case.xlsx 工作表「Sheet1」 第5行 F列（实际完成值）",
        "单元格 F5 的格式是百分比，存的数是96，所以读作9600%（Excel 显示为9600%）：可能本想填96%",
        "在这一格重新输入「96%」",
        "如确实是9600%，请以文本填写「9600%」",
    ] {
        assert!(e.contains(part), "{part}\n{e}");
    }
    for (stored, read) in [(0.96, "96%"), (1.05, "105%"), (0.5, "50%")] {
        let a = load_base(workbook(
            &[("Sheet1", base_with(|rows| rows[4][5] = X::Percent(stored)))],
            &[],
        ))
        .unwrap();
        assert!(a.rows.values().any(|r| r.text == read), "{stored}");
    }
    // Typed as text, 9600% is what was written.
    let a = load_base(workbook(
        &[("Sheet1", base_with(|rows| rows[4][5] = text("9600%")))],
        &[],
    ));
    assert!(a.is_ok());
}

#[test]
fn the_header_on_another_sheet_than_the_one_read_is_named() {
    // A sheet of instructions first (its first row is no header), the filled sheet second under
    // another name: the first sheet is read, and the message says where the header is instead of
    // only 「表头缺少列」. The other sheet is not read in its place: it may be a stale copy.
    let notes = vec![vec![text("填报说明：请在第二个工作表填写")]];
    let book = workbook(&[("说明", notes), ("填报", base_with(|_| {}))], &[]);
    let e = refused(book);
    for part in [
        "错误: case.xlsx 工作表「说明」: 读取的工作表「说明」没有实际完成值的表头（表、三级指标、实际完成值），工作表「填报」有",
        "读到: «工作簿中的工作表：「说明」、「填报」»",
        "把填好的工作表命名为「实际完成值」",
    ] {
        assert!(e.contains(part), "{part}\n{e}");
    }
    assert!(!e.contains("表头缺少列"), "{e}");
    // An empty first sheet and no header anywhere: still 「读取的工作表是空的」.
    let book = workbook(&[("说明", vec![]), ("备注", vec![vec![text("备注")]])], &[]);
    assert!(refused(book).contains("读取的工作表是空的"));
}
