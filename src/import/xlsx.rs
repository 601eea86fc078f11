//! xlsx workbooks as cell grids (工作簿 → 单元格表): every sheet of a workbook becomes a
//! [`Grid`] whose rows are numbered as Excel numbers them, so the sheet import reads it exactly as
//! it reads CSV.
//!
//! SWAPPABLE: this is the one function that knows calamine. When the shared grid reader for xlsx
//! (issue 9) lands in `grid`, replace [`read_grids`] by it; nothing else changes.

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};

use crate::error::{Diagnostic, Error, Location, Result};
use crate::grid::{Cell, Grid, Row};

/// Every sheet of the workbook at `path`, by name, as a grid (empty rows left out).
pub fn read_grids(path: &Path) -> Result<Vec<(String, Grid)>> {
    let refuse = |what: String| {
        Error::one(
            Diagnostic::new(
                path,
                Location::File,
                format!("无法读取 Excel 工作簿：{what}"),
            )
            .expected("Excel 2007 及以后的 .xlsx 工作簿（.xls 请在 Excel 中另存为 .xlsx）"),
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| refuse(crate::error::io_reason(&e)))?;
    // Opening a FIFO would wait for a writer; a device never ends.
    if !meta.is_file() {
        return Err(refuse("这不是普通文件".to_string()));
    }
    if meta.len() > crate::input::MAX_INPUT_BYTES {
        return Err(refuse(format!("文件太大（{} 字节）", meta.len())));
    }
    let mut book: Xlsx<_> =
        open_workbook(path).map_err(|e: calamine::XlsxError| refuse(e.to_string()))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| refuse(format!("工作表「{name}」：{e}")))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        for (r, cells) in range.rows().enumerate() {
            let line = top as u64 + r as u64 + 1;
            // Cells left of the range's first column are empty: keep columns where Excel has them.
            let mut row: Vec<Cell> = (0..left)
                .map(|_| Cell {
                    text: String::new(),
                    line,
                })
                .collect();
            row.extend(cells.iter().map(|d| Cell {
                text: text(d),
                line,
            }));
            if row.iter().any(|c| !c.text.is_empty()) {
                rows.push(Row { line, cells: row });
            }
        }
        out.push((
            name,
            Grid {
                rows,
                delimiter: ',',
                truncated: false,
            },
        ));
    }
    Ok(out)
}

/// A cell as text: numbers without a trailing `.0`, as Excel shows them in General format.
fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                format!("{f}")
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        // A date cell (a deadline typed as a date) as the date Excel shows, not its serial number.
        Data::DateTime(d) if d.is_datetime() => excel_date(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        other => other.to_string().trim().to_string(),
    }
}

/// Excel's day number (1900 date system, day 1 = 1900-01-01, with its phantom 1900-02-29) as
/// `YYYY-MM-DD`.
fn excel_date(serial: f64) -> String {
    // Days since 1970-01-01: Excel's 25569 is 1970-01-01.
    let z = serial.floor() as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn excel_dates() {
        assert_eq!(super::excel_date(45291.0), "2023-12-31");
        assert_eq!(super::excel_date(25569.0), "1970-01-01");
        assert_eq!(super::excel_date(45352.5), "2024-03-01");
    }
}
