//! One department (单位), from its two files to its written sheets: load the targets and the
//! actuals, score them, lay out the sheets and write them as a set — all or nothing. This is the
//! single-department path: `jixiao score` runs it once, and the batch (the `batch` module) runs it
//! once per department; there is no other way from files to sheets.

use std::path::{Path, PathBuf};

use crate::actuals;
use crate::actuals::Actuals;
use crate::error::Result;
use crate::input::Encoding;
use crate::output::{csv_encoded, write_set_with, Durability, OutputFile};
use crate::scoring::{self, Report};
use crate::sheets;
use crate::targets::Targets;
use crate::xlsx;

/// The sheets of a department, by file name in its output folder.
pub const SCORES_FILE: &str = "scores.csv";
pub const SUMMARY_FILE: &str = "summary.csv";
/// The 自评表 workbook's file name in the output folder (unless `--xlsx` names another file).
pub const WORKBOOK_FILE: &str = "自评表.xlsx";

/// A department scored and written.
#[derive(Debug)]
pub struct Scored {
    pub report: Report,
    /// Warnings about the actuals file as a whole (columns not read), as `第N行: …` texts: they
    /// are in no sheet.
    pub warnings: Vec<String>,
    /// The files written, in order.
    pub written: Vec<PathBuf>,
}

/// Where a department's sheets go: the CSVs into `folder`, the workbook as `workbook` says.
#[derive(Debug, Clone, Copy)]
pub struct Destination<'a> {
    pub folder: &'a Path,
    pub workbook: Workbook<'a>,
}

/// Where the 自评表 workbook goes, if anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workbook<'a> {
    /// `自评表.xlsx` in the folder of the CSVs (the default).
    InFolder,
    /// This file (`--xlsx FILE`).
    At(&'a Path),
    /// None (`--no-xlsx`): the CSVs only.
    Skip,
}

/// Loads `targets` and `actuals`, scores them and writes the sheets (the two CSVs and the 自评表
/// workbook) into `to`. Every problem of both files is reported at once; on any problem nothing
/// changes. `durability` says whether each sheet is flushed to disk on its own (a batch flushes
/// once at its end).
pub fn score_files(
    targets: &Path,
    actuals: &Path,
    to: Destination,
    encoding: Encoding,
    durability: Durability,
) -> Result<Scored> {
    // Both files are loaded together so that every problem of both is listed.
    let (t, mut a) = actuals::load_with_targets(targets, actuals, encoding)?;
    let report = scoring::score(&t, &a)?;
    let files = sheet_files(&report, &t, &a, to, encoding)?;
    // The targets and actuals are not needed for writing: free them before the files are written.
    let warnings = std::mem::take(&mut a.warnings);
    drop((t, a));
    let written = files.iter().map(|f| f.path.clone()).collect();
    // Everything is computed before anything is written, and the sheets are one set.
    let inputs = [targets.to_path_buf(), actuals.to_path_buf()];
    write_set_with(&files, &inputs, durability)?;
    Ok(Scored {
        report,
        warnings,
        written,
    })
}

/// The sheets of a report, laid out and rendered: the one place a new sheet format joins the set.
pub fn sheet_files(
    report: &Report,
    targets: &Targets,
    actuals: &Actuals,
    to: Destination,
    encoding: Encoding,
) -> Result<Vec<OutputFile>> {
    let scores = csv_encoded(&sheets::score_page(report).text_cells(), encoding);
    let summary = csv_encoded(&sheets::summary_page(report).text_cells(), encoding);
    let mut files = vec![
        OutputFile::new(to.folder.join(SCORES_FILE), scores),
        OutputFile::new(to.folder.join(SUMMARY_FILE), summary),
    ];
    let book_path = match to.workbook {
        Workbook::InFolder => to.folder.join(WORKBOOK_FILE),
        Workbook::At(path) => path.to_path_buf(),
        Workbook::Skip => return Ok(files),
    };
    let book = xlsx::render(&sheets::form::pages(report, targets, actuals))
        .map_err(|e| xlsx::failed(&book_path, &e))?;
    files.push(OutputFile::new(book_path, book));
    Ok(files)
}

/// The 提示 of a table: every warning of its rows, its budget row and its total row.
pub fn table_warnings(t: &scoring::TableScore) -> usize {
    t.rows
        .iter()
        .map(|r| r.outcome.warnings.len())
        .sum::<usize>()
        + t.budget.as_ref().map_or(0, |b| b.warnings.len())
        + t.warnings.len()
}
