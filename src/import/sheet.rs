//! Sheets (表格文件): a 绩效目标表 laid out in columns, from CSV or xlsx, read through the cell
//! grid ([`crate::grid`]) so header matching, aliases and width checks are the grid's own. A sheet
//! may hold several tables, each starting at its header row, with title rows before it
//! (`项目名称`, `主管部门`, `年度目标` …); a workbook may hold one table per sheet.
//!
//! The headers read (an asterisk in front, as budget systems mark required columns, is allowed):
//!
//! | column | header words |
//! | --- | --- |
//! | 一级指标 | 一级指标, 一级绩效指标 |
//! | 二级指标 | 二级指标, 二级绩效指标 |
//! | 三级指标 | 三级指标, 三级绩效指标名称, 三级指标名称, 三级绩效指标, 指标名称 |
//! | 绩效指标描述 | 绩效指标描述, 指标描述, 指标解释, 指标内容 |
//! | 指标值 | 指标值, 年度指标值, 目标值, 值 |
//! | comparison | 指标性质 (Sichuan), 符号 (Chongqing) |
//! | unit | 度量单位 (Sichuan), 单位 (Chongqing), 计量单位 |
//! | 指标值确定依据 | 指标值确定依据, 确定依据 |
//! | 评(扣)分标准 | 评(扣)分标准, 评（扣）分标准, 评分标准, 扣分标准 |
//! | 分值 | 分值, 权重, 权重(%), 分值(分) |
//!
//! Merged 一级/二级 cells (empty below their first row, in xlsx and in the CSV Excel saves) are
//! carried down. A comparison, a value and a unit in separate columns are joined (`≥` `95` `%`
//! → `≥95%`).

use std::path::{Path, PathBuf};

use super::text_table::{
    checked_level1, field, level1_of, respell_level1, take_goal_year, take_labelled_year,
    take_year, GOAL_KEYS, YEAR_KEYS,
};
use super::{Draft, DraftIndicator, DraftTable, Unplaced};
use crate::error::{Diagnostic, Error, Location, Result};
use crate::grid::xlsx::{Merged, SheetChoice};
use crate::grid::{self, ColumnSpec, Grid, Row, Sheet, SheetRow};
use crate::input::Kind;

const L1: usize = 0;
const L2: usize = 1;
const NAME: usize = 2;
const DESC: usize = 3;
const VALUE: usize = 4;
const OP: usize = 5;
const UNIT: usize = 6;
const BASIS: usize = 7;
const RULE: usize = 8;
const WEIGHT: usize = 9;

const fn col(name: &'static str, aliases: &'static [&'static str], required: bool) -> ColumnSpec {
    ColumnSpec {
        name,
        aliases,
        required,
    }
}

/// The columns a 绩效目标表 sheet is read by, in the order of the constants above.
pub const COLUMNS: [ColumnSpec; 10] = [
    col("一级指标", &["一级绩效指标"], false),
    col("二级指标", &["二级绩效指标"], true),
    col(
        "三级指标",
        &[
            "三级绩效指标名称",
            "三级指标名称",
            "三级绩效指标",
            "指标名称",
        ],
        true,
    ),
    col("绩效指标描述", &["指标描述", "指标解释", "指标内容"], false),
    col("指标值", &["年度指标值", "目标值", "值"], false),
    col("指标性质", &["符号"], false),
    col("度量单位", &["单位", "计量单位"], false),
    col("指标值确定依据", &["确定依据"], false),
    col(
        "评(扣)分标准",
        &["评（扣）分标准", "评分标准", "扣分标准"],
        false,
    ),
    col(
        "分值",
        &["权重", "权重(%)", "权重（%）", "分值(分)", "分值（分）"],
        false,
    ),
];

/// A header cell as matched: spaces, line breaks and the required-mark `*` taken out.
fn header_word(s: &str) -> String {
    crate::text::compact(s).replace(['*', '＊'], "")
}

fn is_header(row: &Row) -> bool {
    let words: Vec<String> = row.cells.iter().map(|c| header_word(&c.text)).collect();
    let has = |k: usize| {
        words
            .iter()
            .any(|w| COLUMNS[k].name == w || COLUMNS[k].aliases.contains(&w.as_str()))
    };
    has(NAME) && (has(L2) || has(L1)) && (has(VALUE) || has(RULE))
}

pub fn read_csv(path: &Path, text: &str) -> Result<Draft> {
    let mut diags = Vec::new();
    let grid = grid::read_csv(path, text, &mut diags);
    if !diags.is_empty() {
        return Err(Error::Input(diags));
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    read_grids(vec![(path.to_path_buf(), stem, grid, Vec::new())])
}

/// Every worksheet of the workbook, read by the same grid reader as xlsx actuals (numbers as
/// Excel shows them, percent cells as `85%`, dates as dates, error cells refused at their cell).
pub fn read_xlsx(path: &Path) -> Result<Draft> {
    let bytes = crate::input::read_bytes(path, Kind::Import)?;
    if !crate::input::is_xlsx(&bytes) {
        return Err(Error::one(
            Diagnostic::new(
                path,
                Location::File,
                "无法读取 Excel 工作簿：文件名以 .xlsx 结尾，但内容不是 xlsx 工作簿",
            )
            .expected("Excel 2007 及以后的 .xlsx 工作簿（.xls 请在 Excel 中另存为 .xlsx）；CSV 文件请以 .csv 结尾"),
        ));
    }
    let mut diags = Vec::new();
    let Some(first) = grid::xlsx::read_xlsx(path, &bytes, SheetChoice::First, &mut diags) else {
        return Err(Error::Input(diags));
    };
    diags.clear();
    let mut named = Vec::new();
    for name in &first.sheets {
        let choice = SheetChoice::Named(name);
        if let Some(x) = grid::xlsx::read_xlsx(path, &bytes, choice, &mut diags) {
            let at = PathBuf::from(format!("{}[{}]", path.display(), x.sheet));
            named.push((at, x.sheet, x.grid, x.merged));
        }
    }
    if !diags.is_empty() {
        return Err(Error::Input(diags));
    }
    read_grids(named)
}

/// Reads every table of every sheet; `(where, sheet name, grid, merged ranges)` for each sheet.
fn read_grids(sheets: Vec<(PathBuf, String, Grid, Vec<Merged>)>) -> Result<Draft> {
    let mut draft = Draft::default();
    let mut diags = Vec::new();
    let mut found_header = false;
    for (at, sheet_name, grid, merged) in sheets {
        let headers: Vec<usize> = (0..grid.rows.len())
            .filter(|&i| is_header(&grid.rows[i]))
            .collect();
        found_header |= !headers.is_empty();
        let mut preamble_from = 0;
        for (n, &h) in headers.iter().enumerate() {
            let next = headers.get(n + 1).copied().unwrap_or(grid.rows.len());
            // Title rows of the next table end this one.
            let end = (h + 1..next)
                .find(|&i| is_title(&grid.rows[i]))
                .unwrap_or(next);
            let mut table = DraftTable {
                line: grid.rows[h].line,
                ..Default::default()
            };
            preamble(&grid.rows[preamble_from..h], &mut draft, &mut table);
            if table.name.is_empty() {
                table.name = if headers.len() == 1 {
                    sheet_name.clone()
                } else {
                    format!("{sheet_name}-{}", n + 1)
                };
                table.notes.push(format!(
                    "表中没有「项目名称」，表名取自{}「{}」，请核对",
                    if headers.len() == 1 {
                        "工作表名或文件名"
                    } else {
                        "工作表名加序号"
                    },
                    table.name
                ));
            }
            let mut rows: Vec<Row> = grid.rows[h..end].to_vec();
            for c in &mut rows[0].cells {
                c.text = header_word(&c.text);
            }
            let part = Grid {
                rows,
                delimiter: grid.delimiter,
                truncated: false,
                percent_cells: Default::default(),
            };
            let sheet = Sheet::new(&at, part, &COLUMNS, &mut diags);
            if sheet.column(VALUE).is_none() {
                diags.push(
                    Diagnostic::new(&at, Location::Line { line: sheet.header_line, column: None }, "表头缺少指标值列")
                        .found(sheet.header_text())
                        .expected("指标值、年度指标值 或 值（四川式：指标性质 + 指标值 + 度量单位；重庆式：符号 + 值 + 单位）"),
                );
            }
            read_table(&sheet, &mut table);
            merged_weights(&sheet, &mut table, &merged);
            blank_weights(&mut table);
            draft.tables.push(table);
            preamble_from = end;
        }
    }
    if !diags.is_empty() {
        return Err(Error::Input(diags));
    }
    if !found_header {
        return Ok(Draft::default());
    }
    Ok(draft)
}

fn is_title(row: &Row) -> bool {
    let first = row
        .cells
        .iter()
        .find(|c| !c.text.is_empty())
        .map_or("", |c| c.text.as_str());
    first.starts_with("项目名称")
        || first.ends_with("绩效目标表")
        || first.ends_with("绩效目标申报表")
}

/// Department, year, table name and goal from the rows above a header: `项目名称` beside its
/// value (or `项目名称：…` in one cell), a title ending in 绩效目标表.
fn preamble(rows: &[Row], draft: &mut Draft, table: &mut DraftTable) {
    for r in rows {
        let cells: Vec<&str> = r
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        for (i, c) in cells.iter().enumerate() {
            let value = |keys: &[&str]| {
                let key = crate::text::compact(c)
                    .trim_end_matches([':', '：'])
                    .to_string();
                if keys.contains(&key.as_str()) {
                    cells.get(i + 1).map(|v| v.to_string())
                } else {
                    field(c, keys)
                }
            };
            // The cell after a label is read as that label's value: a year inside a goal
            // sentence is only a guess, a year field's `2023` (a number cell) is the year.
            let label = i
                .checked_sub(1)
                .map(|p| {
                    crate::text::compact(cells[p])
                        .trim_end_matches([':', '：'])
                        .to_string()
                })
                .unwrap_or_default();
            if GOAL_KEYS.contains(&label.as_str()) {
                take_goal_year(draft, c);
            } else if YEAR_KEYS.contains(&label.as_str()) {
                take_labelled_year(draft, c, &format!("{}：{c}", cells[i - 1]));
            } else {
                take_year(draft, c);
            }
            if let Some(v) = value(&["主管部门", "部门名称", "单位名称", "预算单位", "实施单位"])
            {
                if draft.department.is_empty() {
                    draft.department = v;
                }
            } else if let Some(v) = value(&["项目名称"]) {
                table.name = v;
            } else if let Some(v) = value(GOAL_KEYS) {
                table.goal = v;
            } else if c.ends_with("绩效目标表") && table.name.is_empty() && cells.len() == 1 {
                let name = c.trim_end_matches("绩效目标表");
                let name =
                    name.trim_start_matches(|ch: char| ch.is_ascii_digit() || "年度 ".contains(ch));
                if !name.is_empty() {
                    table.name = name.to_string();
                }
            }
        }
    }
}

/// The indicator rows of one table, 一级/二级 carried down over merged cells.
fn read_table(sheet: &Sheet, table: &mut DraftTable) {
    let (mut l1, mut l2) = (String::new(), String::new());
    let mut changed = Vec::new();
    for row in &sheet.rows {
        if row.too_wide {
            continue;
        }
        let cell = |k: usize| sheet.cell(row, k).to_string();
        if !cell(L1).is_empty() {
            l1 = cell(L1);
        }
        if !cell(L2).is_empty() {
            l2 = cell(L2);
        }
        let name = cell(NAME);
        let mut review = Vec::new();
        let target = target(sheet, row, &mut review);
        if name.is_empty() {
            if !target.is_empty() || !cell(RULE).is_empty() {
                table.unplaced.push(Unplaced {
                    line: row.line,
                    raw: row.cells.join(" | "),
                    why: "三级指标为空".to_string(),
                });
            }
            continue;
        }
        let level1 = if l1.is_empty() {
            match level1_of(&l2) {
                Some(l) => {
                    review.push(format!("表中没有一级指标，按二级指标「{l2}」推为「{l}」"));
                    l.to_string()
                }
                None => String::new(),
            }
        } else {
            let (level1, was_changed) = checked_level1(&l1, &l2, &mut review);
            if was_changed {
                changed.push(table.indicators.len());
            }
            level1
        };
        let opt = |k: usize| Some(cell(k)).filter(|s| !s.is_empty());
        table.indicators.push(DraftIndicator {
            level1,
            level2: l2.clone(),
            name,
            description: cell(DESC),
            target,
            basis: cell(BASIS),
            rule: opt(RULE),
            weight: opt(WEIGHT),
            review,
            line: row.line,
        });
    }
    respell_level1(&mut table.indicators, &changed);
}

/// A merged 分值 cell over several indicators holds one number for all of them, not the first
/// one's weight (Excel stores it in the first cell, the others read empty). When its rows are
/// exactly one 一级指标 group, it is that group's points, written on `level1` (`产出指标（50分）`)
/// with a table note; otherwise no weight of the range is written and every row is marked.
fn merged_weights(sheet: &Sheet, table: &mut DraftTable, merged: &[Merged]) {
    let Some(col) = sheet.column(WEIGHT) else {
        return;
    };
    for m in merged
        .iter()
        .filter(|m| m.first_col <= col && col <= m.last_col && m.first_line < m.last_line)
    {
        let inside: Vec<usize> = (0..table.indicators.len())
            .filter(|&k| (m.first_line..=m.last_line).contains(&table.indicators[k].line))
            .collect();
        if inside.len() < 2 {
            continue;
        }
        let shown = table.indicators[inside[0]]
            .weight
            .clone()
            .unwrap_or_default();
        let l1 = table.indicators[inside[0]].level1.clone();
        let group: Vec<usize> = (0..table.indicators.len())
            .filter(|&k| table.indicators[k].level1 == l1)
            .collect();
        let points = super::write::weight_points(&shown).map(|p| p.normalize());
        let plain_l1 = super::text_table::level1_word(&l1) && !l1.contains(['（', '(']);
        // Points on one group's level1 load only when the groups still add up to 100 with the
        // others at their national points: the group's own national points.
        let national = match l1.as_str() {
            "产出指标" => Some(50),
            "效益指标" | "效果指标" => Some(30),
            "满意度指标" => Some(10),
            _ => None,
        };
        let whole_group = plain_l1 && group == inside;
        match points {
            Some(p) if whole_group && national.map(rust_decimal::Decimal::from) == Some(p) => {
                let with_points = format!("{l1}（{p}分）");
                for &k in &inside {
                    let ind = &mut table.indicators[k];
                    ind.weight = None;
                    ind.level1 = with_points.clone();
                }
                table.notes.push(format!(
                    "分值 {} 合并为一格（{shown}），正是「{l1}」一组的 {} 行：读作该组的总分，写为 level1 = \"{with_points}\"（组内各指标按国家通用办法平分），请核对",
                    m.range(),
                    inside.len()
                ));
            }
            _ => {
                let names: Vec<String> = inside
                    .iter()
                    .map(|&k| table.indicators[k].name.clone())
                    .collect();
                let hint = if whole_group {
                    format!("；若 {shown} 是「{l1}」一组的总分，请写 level1 = \"{l1}（{shown}分）\"，并使各组与预算执行率合计为 100")
                } else {
                    String::new()
                };
                for &k in &inside {
                    let ind = &mut table.indicators[k];
                    ind.weight = None;
                    ind.review.push(format!(
                        "分值 {} 合并为一格（{shown}），跨 {} 个指标（{}）：不知道各指标的分值，未写入，请填写各指标的 weight{hint}",
                        m.range(),
                        inside.len(),
                        names.join("、")
                    ));
                }
            }
        }
    }
}

/// A blank 分值 cell in a table where other rows have one: the indicator gets what is left of
/// its group's points, which may not be what the sheet meant; marked.
fn blank_weights(table: &mut DraftTable) {
    if table.indicators.iter().all(|i| i.weight.is_none()) {
        return;
    }
    for ind in &mut table.indicators {
        let marked = ind.review.iter().any(|r| r.starts_with("分值 "));
        if ind.weight.is_none() && !marked && !ind.level1.contains(['（', '(']) {
            ind.review.push(format!(
                "原文第{}行的分值为空，同表其他行写有分值：按「{}」一组剩余的分值分配，请核对",
                ind.line, ind.level1
            ));
        }
    }
}

/// The 指标值 of a row: one column, or a comparison, a value and a unit in three.
fn target(sheet: &Sheet, row: &SheetRow, review: &mut Vec<String>) -> String {
    let value = sheet.cell(row, VALUE).trim();
    let op = sheet.cell(row, OP).trim();
    let unit = sheet.cell(row, UNIT).trim();
    let op = match crate::text::compact(op).as_str() {
        "" | "定性" | "定量" => "",
        o if super::pieces::is_operator(o) => op,
        "大于等于" | "不低于" | "不少于" => "≥",
        "小于等于" | "不高于" | "不超过" => "≤",
        "等于" => "=",
        "大于" => ">",
        "小于" => "<",
        other => {
            review.push(format!(
                "指标性质「{other}」不是比较符号，指标值按「{value}{unit}」写入（未带比较）"
            ));
            ""
        }
    };
    let unit = if value.ends_with(unit) { "" } else { unit };
    if (unit == "%" || unit == "％") && value.parse::<f64>().is_ok_and(|v| v > 0.0 && v < 1.0) {
        review.push(format!(
            "指标值「{value}」以 % 为单位：若原表显示为 {}%，请改正",
            (value.parse::<f64>().unwrap_or(0.0) * 100.0).round()
        ));
    }
    format!("{op}{value}{unit}")
}
