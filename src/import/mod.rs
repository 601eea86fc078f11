//! Import (导入): a published 绩效目标表 turned into a targets file. The disclosure's text as a
//! PDF text extractor writes it, or a table laid out in columns (CSV, xlsx), becomes a [`Draft`]:
//! the department, the year and every table with its indicators, text as printed, plus review
//! notes (待核对) wherever the reader was not sure. [`write::render`] writes the draft as the TOML
//! that `targets` reads, and checks that it loads.
//!
//! The room has one entrance per kind of input and one reader per layout:
//! - [`layout::detect`] looks at a text and says which layout it is in;
//! - [`disclosure`] reads a whole 部门预算公开 (the department-wide table by [`scored_table`], the
//!   numbered project tables by [`text_table`]);
//! - [`text_table`] reads any text table with a header row (cells on one line separated by spaces,
//!   one cell per line, cells broken across lines, headers split across lines), with [`cells`]
//!   deciding where a row's cells begin;
//! - [`listing`] reads the `【产出指标-数量指标】指标1:名称(值)` listing some provinces publish;
//! - [`sheet`] reads a 绩效目标表 sheet (CSV or xlsx) through the cell grid ([`crate::grid`]).

pub mod cells;
pub mod disclosure;
pub mod layout;
pub mod listing;
pub mod pieces;
pub mod scored_table;
pub mod sheet;
pub mod text_table;
pub mod write;

use std::path::Path;

use crate::error::{Diagnostic, Error, Location, Result};

/// A targets file in the making: what a reader found, before it is written as TOML.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    /// 部门名称.
    pub department: String,
    /// 年度 (0 when the reader could not find it; the writer then refuses).
    pub year: i64,
    /// Where the targets come from, for the record.
    pub source: String,
    pub tables: Vec<DraftTable>,
    /// Notes about the whole file (待核对).
    pub notes: Vec<String>,
    /// Where `year` was read from (a labelled field wins over a year inside a goal sentence).
    pub year_found: text_table::YearFound,
}

/// One 绩效目标表.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DraftTable {
    pub name: String,
    /// 绩效目标.
    pub goal: String,
    pub indicators: Vec<DraftIndicator>,
    /// Notes about the whole table (待核对): a column that is not in the text, a reconstruction.
    pub notes: Vec<String>,
    /// Text that looked like an indicator but could not be placed: written commented out.
    pub unplaced: Vec<Unplaced>,
    /// The line of the input where the table starts.
    pub line: u64,
    /// Its weights would not load (they do not add up): written as comments.
    pub weights_off: bool,
    /// The table would not load as a whole: written as comments.
    pub disabled: bool,
}

/// One indicator (三级指标), every field as printed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DraftIndicator {
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub description: String,
    pub target: String,
    pub basis: String,
    /// 评(扣)分标准; `None` when the table has no such column.
    pub rule: Option<String>,
    /// 分值, when the table has a column for it.
    pub weight: Option<String>,
    /// Why a reviewer should look at this indicator (each becomes a `# 待核对:` line).
    pub review: Vec<String>,
    /// The line of the input where the indicator starts.
    pub line: u64,
}

/// Text the reader could not turn into an indicator: kept, commented out, never dropped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unplaced {
    pub line: u64,
    pub raw: String,
    pub why: String,
}

impl DraftTable {
    /// Indicators with at least one review note.
    pub fn to_review(&self) -> usize {
        self.indicators
            .iter()
            .filter(|i| !i.review.is_empty())
            .count()
            + self.unplaced.len()
    }
}

/// What `jixiao import` prints: a line for the file (department, year, counts), one per table
/// (indicators found, how many to review).
pub fn summary(draft: &Draft, input: &str) -> Vec<String> {
    let n: usize = draft.tables.iter().map(|t| t.indicators.len()).sum();
    let review: usize = draft.tables.iter().map(|t| t.to_review()).sum();
    let mut first = format!(
        "{input}：{} {}年，{} 个表，{n} 个指标，待核对 {review}",
        draft.department,
        draft.year,
        draft.tables.len()
    );
    if !draft.notes.is_empty() {
        first.push_str(&format!("；文件注 {} 条", draft.notes.len()));
    }
    let mut out = vec![first];
    for (i, t) in draft.tables.iter().enumerate() {
        let mut line = format!(
            "  {}. {}：{} 个指标，待核对 {}",
            i + 1,
            t.name,
            t.indicators.len(),
            t.to_review()
        );
        if !t.unplaced.is_empty() {
            line.push_str(&format!(
                "（其中 {} 处未能读成指标，已注释保留原文）",
                t.unplaced.len()
            ));
        }
        if !t.notes.is_empty() {
            line.push_str(&format!("；表注 {} 条", t.notes.len()));
        }
        if t.disabled {
            line.push_str("；整表未写入（已注释）");
        }
        out.push(line);
    }
    out
}

/// Reads the file at `path` into a draft: a sheet (`.csv`, `.xlsx`) as a table in columns,
/// anything else as the text of a disclosure.
pub fn read(path: &Path) -> Result<Draft> {
    one_year(path, read_any(path)?)
}

/// Two labelled budget years that differ (`预算年度：2023年`, `预算年度：2024年`) are refused: which
/// one the targets are for is not something to guess (every deadline depends on it).
fn one_year(path: &Path, draft: Draft) -> Result<Draft> {
    match &draft.year_found.conflict {
        None => Ok(draft),
        Some((a, b)) => Err(Error::one(
            Diagnostic::new(path, Location::File, "原文写明的预算年度不止一个")
                .found(format!("「{a}」与「{b}」"))
                .expected("一个预算年度（目标文件只有一个 year）：请分开导入，或改正原文"),
        )),
    }
}

fn read_any(path: &Path) -> Result<Draft> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" | "xlsm" => sheet::read_xlsx(path),
        "csv" | "tsv" => {
            let text = crate::input::read_text(
                path,
                crate::input::Encoding::Auto,
                crate::input::Kind::Import,
            )?;
            sheet::read_csv(path, &text)
        }
        _ => {
            let text = crate::input::read_text(
                path,
                crate::input::Encoding::Auto,
                crate::input::Kind::Import,
            )?;
            read_text(path, &text)
        }
    }
}

/// Reads a text in whichever layout [`layout::detect`] finds.
pub fn read_text(path: &Path, text: &str) -> Result<Draft> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let draft = match layout::detect(text) {
        layout::Layout::Disclosure => disclosure::read(text),
        layout::Layout::Listing => listing::read(text),
        layout::Layout::TextTable => text_table::read_document(text),
        layout::Layout::Unknown => None,
    };
    match draft {
        Some(d) if !d.tables.is_empty() => one_year(path, d),
        _ => Err(Error::one(
            Diagnostic::new(path, Location::File, "没有找到绩效目标表")
                .expected(
                    "预算公开的文字（含「绩效目标表」或「部门整体支出绩效指标」及表头「一级指标 二级指标 三级指标 …」），\
                     「【产出指标-数量指标】指标1:名称(值)」式的清单，或 CSV/xlsx 的绩效目标表",
                ),
        )),
    }
}
