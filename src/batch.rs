//! A bureau's batch (批量打分): a finance bureau (财政局) scores every department it funds at
//! once. Each department goes through the single-department path
//! ([`crate::department::score_files`]) into its own output folder, all or nothing on its own;
//! a department that fails is listed in the bureau summary with its errors, and the others are
//! still scored.
//!
//! Departments are scored in parallel, one department in memory per worker: each worker lays
//! out its department's summary rows and appends them to a spool file, keeping only where they
//! are and how they sort. The summary is then copied from the spool in order, so memory is
//! bounded by the largest department, not by their number.
//!
//! The summary ([`SUMMARY_FILE`]) has one row per department and table, and a department row
//! first ([`DEPARTMENT_ROW`]: the score of the department's own table, the one named
//! `…部门整体…`). Departments that failed come first (they need action), then the departments
//! ranked by their department score, highest first, then those without a 部门整体 table; ties
//! and each group by name. See `docs/batch.md`.

use rayon::prelude::*;
use rust_decimal::Decimal;
use std::cmp::Reverse;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::department::{score_files, table_warnings, Destination, Scored, Workbook};
use crate::error::{io_reason, Diagnostic, Error, Location, Result};
use crate::grid::{read_csv, ColumnSpec, Sheet};
use crate::input::{read_text, Encoding, Kind};
use crate::output::{csv_text, encode, flush_file_system, write_streamed, Durability, BOM};
use crate::sheets;

/// The bureau summary's file name, in the output folder.
pub const SUMMARY_FILE: &str = "汇总.csv";
/// The columns of the bureau summary, in order.
pub const SUMMARY_COLUMNS: [&str; 9] = [
    "单位",
    "表",
    "全年预算数",
    "全年执行数",
    "执行率",
    "得分",
    "等级",
    "提示",
    "说明",
];
/// The 表 of a department's own row in the summary, and what names its own table.
pub const DEPARTMENT_ROW: &str = "部门整体";
/// The 表 of a department that could not be scored.
pub const FAILED_ROW: &str = "未能计分";

/// One department of a bureau: its name (the output folder's) and its two files, or why the
/// files cannot be known (a folder without a targets or actuals file, or with two).
#[derive(Debug, Clone)]
pub struct Department {
    pub name: String,
    pub files: std::result::Result<(PathBuf, PathBuf), Diagnostic>,
}

/// What a batch did.
#[derive(Debug)]
pub struct Outcome {
    pub summary: PathBuf,
    pub scored: usize,
    /// The departments that failed, with how many problems each.
    pub failed: Vec<(String, usize)>,
}

/// The departments of a bureau: the subfolders of `dir` (sorted by name), or the rows of a
/// manifest CSV when `dir` is a file. `out` is skipped when it is inside `dir`.
pub fn departments(dir: &Path, out: &Path) -> Result<Vec<Department>> {
    if dir.is_file() {
        return manifest(dir);
    }
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::one(
            Diagnostic::new(dir, Location::File, format!("无法读取文件夹：{}", io_reason(&e)))
                .expected("一个文件夹，每个单位一个子文件夹（含一个 .toml 目标文件和一个 .csv 或 .xlsx 实际完成值文件），或一个清单 CSV（单位,targets,actuals）"),
        )
    })?;
    let out_id = folder_id(out);
    let mut folders: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter(|e| is_dir(e) && !same_folder(&e.path(), out, out_id))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| !name.starts_with('.'))
        .collect();
    folders.sort();
    // Each folder is listed on its own: in parallel, in order (a bureau has thousands).
    let found: Vec<Department> = folders
        .into_par_iter()
        .filter_map(|(name, path)| folder_department(name, &path))
        .collect();
    if found.is_empty() {
        return Err(Error::one(
            Diagnostic::new(dir, Location::File, "文件夹中没有单位").expected(
                "每个单位一个子文件夹，含一个 .toml 目标文件和一个 .csv 或 .xlsx 实际完成值文件",
            ),
        ));
    }
    Ok(found)
}

/// Whether an entry is a folder (following a link), from the entry's type where it is known.
fn is_dir(e: &std::fs::DirEntry) -> bool {
    match e.file_type() {
        Ok(t) if t.is_symlink() => e.path().is_dir(),
        Ok(t) => t.is_dir(),
        Err(_) => false,
    }
}

/// A folder's identity (Unix: device and inode), if it exists.
fn folder_id(folder: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(folder).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        None
    }
}

/// Whether `folder` is the folder `out` (the output folder inside the bureau's folder), whose
/// [`folder_id`] is `out_id`.
fn same_folder(folder: &Path, out: &Path, out_id: Option<(u64, u64)>) -> bool {
    #[cfg(unix)]
    {
        let _ = out;
        out_id.is_some() && folder_id(folder) == out_id
    }
    #[cfg(not(unix))]
    {
        let _ = out_id;
        folder
            .canonicalize()
            .ok()
            .is_some_and(|f| out.canonicalize().ok() == Some(f))
    }
}

/// A subfolder's department; `None` for a folder with neither kind of file.
fn folder_department(name: String, folder: &Path) -> Option<Department> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .map(|e| e.path())
        .collect();
    files.sort();
    // Excel's lock file of an open workbook (`~$填报.xlsx`) is not a file of the department.
    files.retain(|p| {
        !p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("~$"))
    });
    let with = |exts: &[&str]| -> Vec<PathBuf> {
        files
            .iter()
            .filter(|p| {
                p.extension()
                    .is_some_and(|x| exts.iter().any(|e| x.eq_ignore_ascii_case(e)))
            })
            .cloned()
            .collect()
    };
    let (targets, actuals) = (with(&["toml"]), with(&["csv", "xlsx"]));
    let files = match (targets.as_slice(), actuals.as_slice()) {
        ([], []) => return None,
        ([t], [a]) => Ok((t.clone(), a.clone())),
        (t, a) => Err(folder_problem(folder, t, a)),
    };
    Some(Department { name, files })
}

fn folder_problem(folder: &Path, targets: &[PathBuf], actuals: &[PathBuf]) -> Diagnostic {
    let names = |v: &[PathBuf]| -> String {
        v.iter()
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("、")
    };
    let (message, found) = match (targets.len(), actuals.len()) {
        (0, _) => ("文件夹中没有目标文件（.toml）", names(actuals)),
        (_, 0) => (
            "文件夹中没有实际完成值文件（.csv 或 .xlsx）",
            names(targets),
        ),
        (1, _) => (
            "文件夹中有多个实际完成值文件（.csv 或 .xlsx），不知道该读哪一个",
            names(actuals),
        ),
        _ => (
            "文件夹中有多个目标文件（.toml），不知道该读哪一个",
            names(targets),
        ),
    };
    Diagnostic::new(folder, Location::File, message)
        .found(found)
        .expected("每个单位的文件夹中恰好一个 .toml 目标文件和一个实际完成值文件（.csv 或 .xlsx）")
}

const MANIFEST_COLUMNS: [ColumnSpec; 3] = [
    ColumnSpec {
        name: "单位",
        aliases: &["name"],
        required: true,
    },
    ColumnSpec {
        name: "targets",
        aliases: &["目标文件"],
        required: true,
    },
    ColumnSpec {
        name: "actuals",
        aliases: &["实际完成值文件"],
        required: true,
    },
];

/// A manifest CSV: one row per department (单位, targets, actuals); the paths are relative to
/// the manifest's folder. Every problem of the manifest is reported at once.
fn manifest(path: &Path) -> Result<Vec<Department>> {
    let text = read_text(path, Encoding::Auto, Kind::Actuals)?;
    let mut diags = Vec::new();
    let grid = read_csv(path, &text, &mut diags);
    let sheet = Sheet::new(path, grid, &MANIFEST_COLUMNS, &mut diags);
    let base = path.parent().unwrap_or(Path::new(""));
    let mut seen = std::collections::HashMap::new();
    let mut found = Vec::new();
    for row in sheet.rows.iter().filter(|r| sheet.complete && !r.too_wide) {
        let cell = |k: usize| sheet.cell(row, k);
        let at = |k: usize| match sheet.column(k) {
            Some(i) => sheet.at(row.line, i),
            None => Location::Line {
                line: row.line,
                column: None,
            },
        };
        let name = cell(0);
        if let Some(why) = unsafe_folder_name(name) {
            diags.push(
                Diagnostic::new(path, at(0), why)
                    .found(name)
                    .expected("单位名称，作输出文件夹的名称：不含 / \\ 等字符，不以 . 开头"),
            );
            continue;
        }
        if let Some(first) = seen.insert(name.to_string(), row.line) {
            diags.push(
                Diagnostic::new(path, at(0), format!("单位重复：第{first}行已列出"))
                    .found(name)
                    .expected("每个单位只列一行"),
            );
            continue;
        }
        let mut file = |k: usize| {
            if cell(k).is_empty() {
                diags.push(
                    Diagnostic::new(path, at(k), format!("单位「{name}」的文件为空"))
                        .expected("文件的路径（相对于清单所在的文件夹）"),
                );
            }
            base.join(cell(k))
        };
        let files = (file(1), file(2));
        found.push(Department {
            name: name.to_string(),
            files: Ok(files),
        });
    }
    if found.is_empty() && diags.is_empty() {
        diags.push(
            Diagnostic::new(path, Location::File, "清单中没有单位")
                .expected("表头 单位,targets,actuals，其后每个单位一行"),
        );
    }
    if diags.is_empty() {
        Ok(found)
    } else {
        Err(Error::Input(diags))
    }
}

/// Why a name cannot be an output folder's, if it cannot.
fn unsafe_folder_name(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("单位名称为空");
    }
    let bad = name.starts_with('.')
        || name.chars().any(|c| {
            c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        })
        || name == SUMMARY_FILE;
    bad.then_some("单位名称不能作文件夹名称")
}

/// Where a department's summary rows are in the spool, and how it sorts.
struct Entry {
    key: (u8, Reverse<Decimal>, String),
    offset: u64,
    len: u64,
    failed: Option<usize>,
}

/// Scores every department into `out/<name>/` and writes the summary `out/汇总.csv`;
/// `progress` is called once per department done. Only a problem with the summary itself (or
/// the spool) is an error: a department's problems are in the summary.
pub fn run(
    departments: &[Department],
    out: &Path,
    encoding: Encoding,
    workbook: bool,
    progress: &(dyn Fn() + Sync),
) -> Result<Outcome> {
    let summary = out.join(SUMMARY_FILE);
    let spool_error = |e: std::io::Error| {
        Error::Output(vec![Diagnostic::new(
            &summary,
            Location::File,
            format!("无法写出汇总的临时文件：{}", io_reason(&e)),
        )
        .expected("临时文件夹（TMPDIR）可以写入，且有足够空间")])
    };
    let spool = Mutex::new(tempfile::tempfile().map_err(spool_error)?);
    // Already done when `jixiao score --batch` listed the folders (then nothing is left to do).
    crate::rules::parse::compile_patterns();
    let entries: Vec<std::io::Result<Entry>> = departments
        .par_iter()
        .map(|d| {
            let entry = score_one(d, out, encoding, workbook, &spool);
            progress();
            entry
        })
        .collect();
    let mut entries = entries
        .into_iter()
        .collect::<std::io::Result<Vec<Entry>>>()
        .map_err(spool_error)?;
    entries.sort_by(|a, b| a.key.cmp(&b.key));
    let mut spool = spool.into_inner().unwrap_or_else(|e| e.into_inner());
    // The departments' sheets reach the disk before the summary that lists them.
    if out.is_dir() {
        flush_file_system(out)?;
    }
    let header = encode_part(
        &csv_text(&[SUMMARY_COLUMNS.map(String::from).to_vec()]),
        encoding,
    );
    write_streamed(&summary, &[], |w| {
        if encoding != Encoding::Gbk {
            w.write_all(BOM.as_bytes())?;
        }
        w.write_all(&header)?;
        for e in &entries {
            spool.seek(SeekFrom::Start(e.offset))?;
            std::io::copy(&mut (&mut spool).take(e.len), w)?;
        }
        Ok(())
    })?;
    Ok(Outcome {
        summary,
        scored: entries.iter().filter(|e| e.failed.is_none()).count(),
        failed: entries
            .iter()
            .filter_map(|e| e.failed.map(|n| (e.key.2.clone(), n)))
            .collect(),
    })
}

/// Scores one department and spools its summary rows.
fn score_one(
    d: &Department,
    out: &Path,
    encoding: Encoding,
    workbook: bool,
    spool: &Mutex<File>,
) -> std::io::Result<Entry> {
    let result = match &d.files {
        Ok((targets, actuals)) => {
            let folder = out.join(&d.name);
            let to = Destination {
                folder: &folder,
                workbook: if workbook {
                    Workbook::InFolder
                } else {
                    Workbook::Skip
                },
            };
            score_files(targets, actuals, to, encoding, Durability::Later)
        }
        Err(problem) => Err(Error::one(problem.clone())),
    };
    let (rows, key, failed) = match result {
        Ok(scored) => {
            let (rows, score) = department_rows(&d.name, &scored);
            let key = match score {
                Some(s) => (1, Reverse(s), d.name.clone()),
                None => (2, Reverse(Decimal::ZERO), d.name.clone()),
            };
            (rows, key, None)
        }
        Err(e) => {
            let count = match &e {
                Error::Input(v) | Error::Output(v) => v.len(),
            };
            let mut row = vec![String::new(); SUMMARY_COLUMNS.len()];
            row[0] = d.name.clone();
            row[1] = FAILED_ROW.into();
            row[8] = e.to_string();
            let key = (0, Reverse(Decimal::ZERO), d.name.clone());
            (vec![row], key, Some(count))
        }
    };
    let bytes = encode_part(&csv_text(&rows), encoding);
    let mut spool = spool.lock().unwrap_or_else(|e| e.into_inner());
    let offset = spool.seek(SeekFrom::End(0))?;
    spool.write_all(&bytes)?;
    Ok(Entry {
        key,
        offset,
        len: bytes.len() as u64,
        failed,
    })
}

/// A part of the summary's text as bytes: GBK, or UTF-8 without the BOM (written once, first).
fn encode_part(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Gbk => encode(text, encoding),
        Encoding::Auto | Encoding::Utf8 => text.as_bytes().to_vec(),
    }
}

/// A scored department's summary rows — its department row first, then its tables as in its
/// own summary sheet — and its department score, if it has a 部门整体 table.
fn department_rows(name: &str, scored: &Scored) -> (Vec<Vec<String>>, Option<Decimal>) {
    let report = &scored.report;
    let mut tables: Vec<Vec<String>> = sheets::summary_rows(report)
        .into_iter()
        .skip(1)
        .zip(&report.tables)
        .map(|(row, t)| {
            let mut row: Vec<String> = std::iter::once(name.to_string()).chain(row).collect();
            row.push(table_warnings(t).to_string());
            row.push(String::new());
            row
        })
        .collect();
    let own = report
        .tables
        .iter()
        .position(|t| t.name.contains(DEPARTMENT_ROW));
    let all_warnings: usize = report.tables.iter().map(table_warnings).sum();
    let mut notes = Vec::new();
    let mut row = match own {
        Some(k) => {
            notes.push(format!("取自「{}」表", report.tables[k].name));
            tables[k].clone()
        }
        None => {
            notes.push(format!(
                "没有{DEPARTMENT_ROW}表（表名含「{DEPARTMENT_ROW}」），不参与排名"
            ));
            let mut row = vec![String::new(); SUMMARY_COLUMNS.len()];
            row[0] = name.to_string();
            row
        }
    };
    row[1] = DEPARTMENT_ROW.into();
    row[7] = all_warnings.to_string();
    notes.extend(scored.warnings.iter().map(|w| format!("警告: {w}")));
    row[8] = notes.join("；");
    let score = own.map(|k| report.tables[k].final_score());
    tables.insert(0, row);
    (tables, score)
}
