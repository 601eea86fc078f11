//! An xlsx worksheet as a [`Grid`] (读取 Excel 工作表): every cell becomes text that knows its
//! row (Excel's row number) and column (Excel's letter), so the header matching, widths and every
//! validation are those of CSV. How a cell becomes text:
//!
//! - text as written (trimmed); a row whose first cell starts with `#` is a comment, as in CSV;
//! - a number as the decimal Excel shows for it (15 significant digits: `0.1` stays `0.1`, a
//!   formula's `=0.1+0.2` is `0.3`); a cell formatted as a percent holds the fraction (`0.85`
//!   shown as `85%`) and reads as `85%`;
//! - a date as `2023-11-20` (the time of day, if any, is dropped);
//! - a formula by its cached value (what Excel shows); a formula without one is refused;
//! - an error value (`#DIV/0!`, `#N/A`, `#VALUE!` …) is refused at its cell, and its row is not read.
//!
//! The worksheet is read as a stream of its used cells (never as one dense range, which a
//! single value typed far away would make enormous), and bounded: a workbook that unpacks to
//! more than 1 GB, or a grid of more than [`MAX_GRID_CELLS`] cells, is refused.
//!
//! Merged ranges are listed in [`XlsxGrid::merged`]: a reader decides what they mean
//! ([`XlsxGrid::refuse_merged`] for a sheet of one record per row).

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;

use super::{Cell, Grid, Row};
use crate::error::{excel_column, Column, Diagnostic, Location};
use crate::quantity::plain;

/// Which worksheet of a workbook to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetChoice<'a> {
    /// The first worksheet.
    First,
    /// The worksheet of this name; an error when there is none.
    Named(&'a str),
    /// The worksheet of this name if there is one, else the first.
    NamedOrFirst(&'a str),
}

/// A merged range, in Excel's terms: 1-based rows, 0-based columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    pub first_line: u64,
    pub first_col: usize,
    pub last_line: u64,
    pub last_col: usize,
}

impl Merged {
    /// `A3:A7`.
    pub fn range(&self) -> String {
        format!(
            "{}{}:{}{}",
            excel_column(self.first_col + 1),
            self.first_line,
            excel_column(self.last_col + 1),
            self.last_line
        )
    }
}

/// A worksheet read into a grid.
#[derive(Debug, Clone)]
pub struct XlsxGrid {
    /// The worksheet's name.
    pub sheet: String,
    /// Every worksheet's name, in the workbook's order (for messages).
    pub sheets: Vec<String>,
    /// The worksheets that are hidden (Excel's 隐藏, or hidden so that only VBA can show them).
    pub hidden: Vec<String>,
    /// Rows numbered as Excel numbers them; cell `i` of a row is column `i` (A = 0).
    pub grid: Grid,
    pub merged: Vec<Merged>,
}

/// Reads one worksheet of the workbook file at `path`: the file is checked as every input is (a
/// regular file of at most 256 MB, else an `Err`), then read as [`read_xlsx`] reads it.
pub fn load(
    path: &Path,
    kind: crate::input::Kind,
    choice: SheetChoice,
    diags: &mut Vec<Diagnostic>,
) -> crate::Result<Option<XlsxGrid>> {
    let bytes = crate::input::read_bytes(path, kind)?;
    Ok(read_xlsx(path, &bytes, choice, diags))
}

/// Reads one worksheet of the workbook `bytes` (`path` names it in messages). Problems go to
/// `diags`, each naming the worksheet; `None` when no worksheet could be read.
pub fn read_xlsx(
    path: &Path,
    bytes: &[u8],
    choice: SheetChoice,
    diags: &mut Vec<Diagnostic>,
) -> Option<XlsxGrid> {
    // A workbook broken in a way the xlsx library does not expect must still be a located
    // refusal, never a crash.
    let mut found = Vec::new();
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_workbook(path, bytes, choice, &mut found)
    }));
    match read {
        Ok(grid) => {
            diags.extend(found);
            grid
        }
        Err(_) => {
            diags.push(
                Diagnostic::new(
                    path,
                    Location::File,
                    "这是 Excel 工作簿（.xlsx），但无法读取：文件已损坏",
                )
                .expected("一个能用 Excel 打开的 .xlsx 工作簿：在 Excel 中打开并另存为「Excel 工作簿（*.xlsx）」，或另存为 CSV"),
            );
            None
        }
    }
}

fn read_workbook(
    path: &Path,
    bytes: &[u8],
    choice: SheetChoice,
    diags: &mut Vec<Diagnostic>,
) -> Option<XlsxGrid> {
    let broken = |e: &dyn std::fmt::Display| {
        Diagnostic::new(path, Location::File, format!("这是 Excel 工作簿（.xlsx），但无法读取：文件不完整或已损坏（{e}）"))
            .expected("一个能用 Excel 打开的 .xlsx 工作簿：在 Excel 中打开并另存为「Excel 工作簿（*.xlsx）」，或另存为 CSV")
    };
    if let Some(d) = too_large(path, bytes) {
        diags.push(d);
        return None;
    }
    let mut book: Xlsx<_> = match Xlsx::new(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            diags.push(broken(&e));
            return None;
        }
    };
    let sheets = book.sheet_names();
    let hidden = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let sheet = choose(path, &sheets, choice, diags)?;
    let in_sheet = |d: Diagnostic| d.in_sheet(&sheet);
    let (used, styles, merges) = match (
        used_cells(&mut book, &sheet),
        book.worksheet_style(&sheet),
        book.merge_cells_by_sheet_name(&sheet),
    ) {
        (Ok(u), Ok(s), Ok(m)) => (u, s, m),
        (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => {
            diags.push(in_sheet(broken(&e)));
            return None;
        }
    };
    let cells = Cells {
        used,
        styles: &styles,
        is_1904: book.has_1904_epoch(),
    };
    if let Some(d) = cells.too_wide(path) {
        diags.push(in_sheet(d));
        return None;
    }
    let (grid, problems) = cells.grid();
    for (line, c, (message, found, expected)) in problems {
        // The header (the first row read) names the column.
        let header = grid.rows.first().and_then(|r| r.cells.get(c));
        let at = Location::Line {
            line,
            column: Some(Column::Field {
                index: c + 1,
                header: header.map_or(String::new(), |cell| cell.text.clone()),
            }),
        };
        diags.push(in_sheet(
            Diagnostic::new(path, at, message)
                .found(found)
                .expected(expected),
        ));
    }
    let merged = merges
        .iter()
        .map(|d| Merged {
            first_line: u64::from(d.start.0) + 1,
            first_col: d.start.1 as usize,
            last_line: u64::from(d.end.0) + 1,
            last_col: d.end.1 as usize,
        })
        .collect();
    Some(XlsxGrid {
        sheet,
        sheets,
        hidden,
        grid,
        merged,
    })
}

/// Every worksheet's name with its header: the text cells of its first row read (rows of `#`
/// comments skipped, as [`read_xlsx`] skips them), by 0-based column. A worksheet that cannot be
/// read has no header here (reading it is [`read_xlsx`]'s to refuse); a workbook that cannot be
/// opened has no worksheets. Used to find every worksheet a reader could mean.
pub fn sheet_headers(bytes: &[u8]) -> Vec<(String, Vec<(usize, String)>)> {
    let read = std::panic::catch_unwind(|| {
        if unpacked_size(bytes).is_none_or(|size| size > MAX_UNPACKED_BYTES) {
            return Vec::new();
        }
        let Ok(mut book) = Xlsx::new(Cursor::new(bytes)) else {
            return Vec::new();
        };
        book.sheet_names()
            .into_iter()
            .map(|name| {
                let head = first_row(&mut book, &name).unwrap_or_default();
                (name, head)
            })
            .collect()
    });
    read.unwrap_or_default()
}

/// The text cells of a worksheet's first row that is neither empty nor a `#` comment.
fn first_row<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    sheet: &str,
) -> Result<Vec<(usize, String)>, calamine::XlsxError> {
    let mut reader = book.worksheet_cells_reader(sheet)?;
    let mut row: Option<u32> = None;
    let mut cells: Vec<(usize, String)> = Vec::new();
    let done = |cells: &[(usize, String)]| {
        !cells.is_empty() && !cells.iter().any(|(c, t)| *c == 0 && t.starts_with('#'))
    };
    while let Some(cell) = reader.next_cell()? {
        let (r, c) = cell.get_position();
        if row != Some(r) {
            if done(&cells) {
                return Ok(cells);
            }
            row = Some(r);
            cells.clear();
        }
        if let Data::String(s) = Data::from(cell.get_value().clone()) {
            let s = s.trim();
            if !s.is_empty() {
                cells.push((c as usize, s.to_string()));
            }
        }
    }
    Ok(if done(&cells) { cells } else { Vec::new() })
}

/// The most a workbook may unpack to (1 GB): far more than any real one, and a bound on memory
/// for a file that only looks small.
pub const MAX_UNPACKED_BYTES: u128 = 1 << 30;

/// What a workbook unpacks to, by the sizes its central directory gives (a broken archive is
/// calamine's to report: `None`).
fn unpacked_size(bytes: &[u8]) -> Option<u128> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut size: u128 = 0;
    for i in 0..zip.len() {
        size += u128::from(zip.by_index_raw(i).ok()?.size());
    }
    Some(size)
}

/// A workbook that unpacks to more than [`MAX_UNPACKED_BYTES`].
fn too_large(path: &Path, bytes: &[u8]) -> Option<Diagnostic> {
    let size = unpacked_size(bytes)?;
    if size <= MAX_UNPACKED_BYTES {
        return None;
    }
    let shown = format!("{size} 字节");
    Some(
        Diagnostic::new(
            path,
            Location::File,
            format!("工作簿解压后太大（{shown}）：最大 1 GB"),
        )
        .expected("一个正常大小的 .xlsx 工作簿（实际完成值工作簿通常只有几十 KB）；或另存为 CSV"),
    )
}

/// A cell that cannot be read: (message, found, expected).
type Refusal = (String, String, String);

/// The most cells a worksheet's grid may have (rows with content × columns to the last one
/// used): a few hundred rows of a dozen columns are usual; a value typed far away would make a
/// grid too large to hold.
pub const MAX_GRID_CELLS: u64 = 2_000_000;

/// A cell's position (0-based row, column), value (the cached one, for a formula) and formula.
type Used = ((u32, u32), Data, Option<String>);

/// The cells of a worksheet that hold something, read as a stream (never as one dense range,
/// which a single far-away cell could make enormous).
fn used_cells<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    sheet: &str,
) -> Result<Vec<Used>, calamine::XlsxError> {
    let mut reader = book.worksheet_cells_reader(sheet)?;
    let mut used = Vec::new();
    while let Some(cell) = reader.next_cell_with_formula()? {
        let value = Data::from(cell.value);
        let formula = cell.formula.filter(|f| !f.is_empty());
        if value != Data::Empty || formula.is_some() {
            used.push((cell.pos, value, formula));
        }
    }
    Ok(used)
}

/// A worksheet's used cells with their number formats.
struct Cells<'a> {
    used: Vec<Used>,
    styles: &'a calamine::StyleRange,
    is_1904: bool,
}

impl Cells<'_> {
    /// Columns A to the last one used.
    fn width(&self) -> u32 {
        self.used.iter().map(|(p, ..)| p.1 + 1).max().unwrap_or(0)
    }

    /// The error for a grid of more than [`MAX_GRID_CELLS`] cells, at its farthest cell.
    fn too_wide(&self, path: &Path) -> Option<Diagnostic> {
        let rows: std::collections::BTreeSet<u32> = self.used.iter().map(|(p, ..)| p.0).collect();
        let cells = rows.len() as u64 * u64::from(self.width());
        if cells <= MAX_GRID_CELLS {
            return None;
        }
        let far = self.used.iter().max_by_key(|(p, ..)| p.1)?;
        Some(
            Diagnostic::new(
                path,
                Location::Line {
                    line: u64::from(far.0 .0) + 1,
                    column: Some(Column::Field {
                        index: far.0 .1 as usize + 1,
                        header: String::new(),
                    }),
                },
                format!(
                    "工作表的内容太宽太长（{} 行有内容，用到第 {} 列）：这一格离其他内容太远",
                    rows.len(),
                    self.width()
                ),
            )
            .found(format!("{}", far.1))
            .expected("删去表格范围之外的内容（实际完成值工作表通常是几百行、十来列）"),
        )
    }

    /// The rows as text from column A, comments and empty rows left out, and the cells refused
    /// (row, 0-based column, why).
    fn grid(&self) -> (Grid, Vec<(u64, usize, Refusal)>) {
        let mut grid = Grid {
            delimiter: '\t',
            ..Grid::default()
        };
        let mut problems = Vec::new();
        let width = self.width() as usize;
        let mut by_row: std::collections::BTreeMap<u32, Vec<&Used>> = Default::default();
        for u in &self.used {
            by_row.entry(u.0 .0).or_default().push(u);
        }
        for (r, used) in by_row {
            let line = u64::from(r) + 1;
            let mut cells = vec![
                Cell {
                    text: String::new(),
                    line
                };
                width
            ];
            let mut refused = false;
            for ((_, c), data, formula) in used {
                match self.text(r, *c, data, formula.as_deref().unwrap_or("")) {
                    Ok((text, percent)) => {
                        if percent {
                            grid.percent_cells.insert((line, *c as usize));
                        }
                        cells[*c as usize].text = text;
                    }
                    Err(why) => {
                        problems.push((line, *c as usize, why));
                        refused = true;
                    }
                }
            }
            let comment = cells.first().is_some_and(|c| c.text.starts_with('#'));
            if !comment && (refused || cells.iter().any(|c| !c.text.is_empty())) {
                grid.rows.push(Row {
                    line,
                    cells,
                    refused,
                });
            }
        }
        (grid, problems)
    }

    /// A cell's text, and whether it is a number shown as a percent by its format.
    fn text(&self, r: u32, c: u32, data: &Data, formula: &str) -> Result<(String, bool), Refusal> {
        let format = self
            .styles
            .get((r, c))
            .and_then(|s| s.number_format.as_ref())
            .map_or("", |n| n.format_code.as_str());
        let number = matches!(data, Data::Int(_) | Data::Float(_));
        cell_text(data, format, formula, self.is_1904).map(|t| (t, number && is_percent(format)))
    }
}

/// The worksheet to read, or an error that lists the workbook's worksheets.
fn choose(
    path: &Path,
    names: &[String],
    choice: SheetChoice,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let listed = names
        .iter()
        .map(|n| format!("「{n}」"))
        .collect::<Vec<_>>()
        .join("、");
    let found = match choice {
        SheetChoice::Named(n) => names.iter().find(|s| *s == n),
        SheetChoice::NamedOrFirst(n) => names.iter().find(|s| *s == n).or(names.first()),
        SheetChoice::First => names.first(),
    };
    if let Some(name) = found {
        return Some(name.clone());
    }
    let (message, expected) = match choice {
        SheetChoice::Named(n) => (
            format!("工作簿中没有名为「{n}」的工作表"),
            format!("名为「{n}」的工作表（工作簿中的工作表：{listed}）"),
        ),
        _ => (
            "工作簿中没有工作表".to_string(),
            "至少一个工作表".to_string(),
        ),
    };
    diags.push(
        Diagnostic::new(path, Location::File, message)
            .found(listed)
            .expected(expected),
    );
    None
}

/// A cell's text, or why it cannot be read: (message, found, expected).
fn cell_text(data: &Data, format: &str, formula: &str, is_1904: bool) -> Result<String, Refusal> {
    let percent = is_percent(format);
    match data {
        Data::Empty if !formula.is_empty() => Err((
            "公式没有计算结果：工作簿保存时没有存下公式的值".into(),
            format!("={formula}"),
            "在 Excel 中打开工作簿、按 F9 重新计算后保存；或直接填写数值".into(),
        )),
        Data::Empty => Ok(String::new()),
        Data::String(s) => Ok(s.trim().to_string()),
        Data::Int(i) => Ok(number_text(Decimal::from(*i), percent)),
        Data::Float(f) => match decimal_of(*f) {
            Some(d) => Ok(number_text(d, percent)),
            None => Err((
                "数字太大或太小，无法精确读取".into(),
                format!("{f}"),
                "绝对值小于 10²⁸ 的数".into(),
            )),
        },
        Data::Bool(b) => Ok(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => Ok(date_text(dt.as_f64(), is_1904)),
        Data::DateTimeIso(s) => Ok(s.split('T').next().unwrap_or(s).to_string()),
        Data::DateTime(_) | Data::DurationIso(_) => Err((
            "单元格是时间长度（时长）格式，不是数值或日期".into(),
            format!("{data}"),
            "把单元格格式设为「常规」或「文本」后填写数值或日期".into(),
        )),
        Data::Error(e) => Err((
            format!("单元格是 Excel 的错误值 {e}：公式算不出结果，此行不读"),
            e.to_string(),
            "改正公式（如除数为 0、引用无效），或直接填写数值".into(),
        )),
    }
}

/// Whether a number format shows its number as a percent: a `%` outside quotes and brackets.
fn is_percent(format: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    let mut escaped = false;
    for c in format.split(';').next().unwrap_or("").chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// An f64 as the decimal Excel shows for it: rounded to 15 significant digits, Excel's own
/// precision — so a typed `0.1` is 0.1 (not 0.1000000000000000055…) and a formula's
/// `=0.1+0.2` is 0.3 (not 0.30000000000000004), as the cell shows.
pub fn decimal_of(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    let d = Decimal::from_scientific(&format!("{f:.14e}")).ok()?;
    Some(d.normalize())
}

fn number_text(d: Decimal, percent: bool) -> String {
    if percent {
        format!("{}%", plain(d * Decimal::ONE_HUNDRED))
    } else {
        plain(d)
    }
}

/// An Excel date serial as `YYYY-MM-DD` (the 1900 system counts the 29 February 1900 that did
/// not exist).
fn date_text(serial: f64, is_1904: bool) -> String {
    let days = serial.floor() as i64;
    // Days since 1970-01-01.
    let unix = if is_1904 {
        days - 24107
    } else if days < 60 {
        days - 25568
    } else {
        days - 25569
    };
    let (y, m, d) = civil_from_days(unix);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl XlsxGrid {
    /// Refuses every merged range over the rows read (a sheet of one record per row cannot have
    /// one: only its first cell holds the text), at its first cell, and marks its rows not read.
    pub fn refuse_merged(&mut self, path: &Path, diags: &mut Vec<Diagnostic>) {
        let first = self.grid.rows.first().map_or(u64::MAX, |r| r.line);
        for m in &self.merged {
            if m.last_line < first {
                continue;
            }
            let header = self
                .grid
                .rows
                .first()
                .and_then(|r| r.cells.get(m.first_col))
                .map_or(String::new(), |c| c.text.clone());
            let text = self
                .grid
                .rows
                .iter()
                .find(|r| r.line == m.first_line)
                .and_then(|r| r.cells.get(m.first_col))
                .map_or(String::new(), |c| c.text.clone());
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Line {
                        line: m.first_line,
                        column: Some(Column::Field {
                            index: m.first_col + 1,
                            header,
                        }),
                    },
                    format!(
                        "{} 是合并单元格：合并后只有第一格有内容，其余各格是空的，这几行不读",
                        m.range()
                    ),
                )
                .found(text)
                .expected(
                    "取消合并（开始 → 合并后居中 → 取消单元格合并），并在每一行、每一格填上内容",
                )
                .in_sheet(&self.sheet),
            );
            for r in &mut self.grid.rows {
                if (m.first_line..=m.last_line).contains(&r.line) {
                    r.refused = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_typed_and_percents_as_percents() {
        assert_eq!(decimal_of(0.1).unwrap().to_string(), "0.1");
        assert_eq!(decimal_of(0.1 + 0.2).unwrap().to_string(), "0.3");
        assert_eq!(decimal_of(8790.12).unwrap().to_string(), "8790.12");
        assert_eq!(decimal_of(-2.5).unwrap().to_string(), "-2.5");
        assert_eq!(
            decimal_of(123456789012345.0).unwrap().to_string(),
            "123456789012345"
        );
        assert_eq!(number_text(decimal_of(0.85).unwrap(), true), "85%");
        assert_eq!(number_text(decimal_of(0.9728).unwrap(), true), "97.28%");
        assert_eq!(number_text(decimal_of(1700.0).unwrap(), false), "1700");
        assert_eq!(number_text(decimal_of(1e-7).unwrap(), false), "0.0000001");
        assert!(decimal_of(1e300).is_none());
        assert!(
            is_percent("0%")
                && is_percent("0.00%")
                && !is_percent("0.00\"%\"")
                && !is_percent("General")
        );
    }

    #[test]
    fn a_workbook_says_what_it_unpacks_to() {
        let page = crate::sheets::layout::Page::new("x", vec![10.0]);
        let bytes = crate::xlsx::render(&[page]).unwrap();
        let size = unpacked_size(&bytes).unwrap();
        assert!(
            size > bytes.len() as u128 && size < MAX_UNPACKED_BYTES,
            "{size}"
        );
        assert!(too_large(Path::new("x.xlsx"), &bytes).is_none());
        assert_eq!(unpacked_size(b"PK\x03\x04 not a zip"), None);
    }

    #[test]
    fn a_grid_too_large_to_hold_is_refused_at_its_farthest_cell() {
        let styles = calamine::StyleRange::empty();
        let mut used: Vec<Used> = (0..123)
            .map(|r| ((r, 0), Data::String("表".into()), None))
            .collect();
        let cells = Cells {
            used: used.clone(),
            styles: &styles,
            is_1904: false,
        };
        assert!(cells.too_wide(Path::new("x.xlsx")).is_none());
        used.push(((200, 16_383), Data::String("备注".into()), None));
        let cells = Cells {
            used,
            styles: &styles,
            is_1904: false,
        };
        let d = cells.too_wide(Path::new("x.xlsx")).unwrap();
        assert_eq!(d.to_string(), "x.xlsx 第201行 XFD列: 工作表的内容太宽太长（124 行有内容，用到第 16384 列）：这一格离其他内容太远\n  读到: «备注»\n  应为: 删去表格范围之外的内容（实际完成值工作表通常是几百行、十来列）");
    }

    #[test]
    fn dates_are_dates() {
        assert_eq!(date_text(45250.0, false), "2023-11-20");
        assert_eq!(date_text(45250.75, false), "2023-11-20");
        assert_eq!(date_text(1.0, false), "1900-01-01");
        assert_eq!(date_text(61.0, false), "1900-03-01");
        assert_eq!(date_text(0.0, true), "1904-01-01");
    }
}
