//! The cell grid (单元格表): a sheet read as rows of cells that know their position, and the one
//! place where a header row is matched against the columns a reader wants — names and their
//! aliases, duplicates, unknown columns — and every row's width is checked. [`read_csv`] makes a
//! grid from CSV text, [`xlsx::read_xlsx`] from a worksheet of an xlsx workbook; both then go
//! through the same [`Sheet::new`].

use std::path::Path;

pub mod xlsx;

use crate::error::{excel_column, Column, Diagnostic, Location};

/// One cell: its text (trimmed) and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// 1-based line the cell starts on.
    pub line: u64,
}

/// One row of cells; `line` is the line it starts on (1-based, as editors and Excel count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub cells: Vec<Cell>,
    /// A cell of the row was refused by the reader (an Excel error value, a merged range): an
    /// error has been reported, and the row must not be read.
    pub refused: bool,
}

/// A sheet's rows, comments and blank lines left out.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub rows: Vec<Row>,
    /// How cells were separated, for quoting a row back in a message.
    pub delimiter: char,
    /// The grid stops early (an unclosed quote took the rest of the file): rows after it are
    /// unknown, so nothing can be said about what is missing.
    pub truncated: bool,
    /// The cells (line, 0-based column) that hold a number shown as a percent by an xlsx number
    /// format (`0.85` formatted `0%` is read as `85%`): a reader may check what was typed there.
    pub percent_cells: std::collections::BTreeSet<(u64, usize)>,
}

/// Reads CSV text into a grid. Cells are separated by commas, or by tabs when the header line (the
/// first line that is neither blank nor a `#` comment) has a tab and no comma. Lines end in LF,
/// CRLF or CR alike; a line starting with `#` is a comment; blank lines are skipped; a cell in
/// double quotes may hold separators, line breaks and doubled quotes (`""`). An unclosed quote is
/// reported on the line where it opened.
pub fn read_csv(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Grid {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let header = text
        .split(['\n', '\r'])
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    let delimiter = if header.contains('\t') && !header.contains(',') {
        '\t'
    } else {
        ','
    };
    let mut grid = Grid {
        rows: Vec::new(),
        delimiter,
        truncated: false,
        percent_cells: Default::default(),
    };
    // Scanned by bytes: the separators, quotes and line ends are ASCII, so a byte search never
    // cuts a character, and the text between them is copied whole.
    let bytes = text.as_bytes();
    let sep = delimiter as u8;
    let mut pos = 0;
    let mut line: u64 = 1;
    // Consumes a line end if one is next (CRLF counts once); returns whether it did.
    let line_end = |pos: &mut usize, line: &mut u64| -> bool {
        match bytes.get(*pos) {
            Some(b'\n') => *pos += 1,
            Some(b'\r') => {
                *pos += 1;
                if bytes.get(*pos) == Some(&b'\n') {
                    *pos += 1;
                }
            }
            _ => return false,
        }
        *line += 1;
        true
    };
    let until = |pos: usize, stop: &dyn Fn(u8) -> bool| {
        bytes[pos..]
            .iter()
            .position(|&b| stop(b))
            .map_or(bytes.len(), |k| pos + k)
    };
    let mut width_hint = 8;
    while pos < bytes.len() {
        // A record starts here.
        if bytes[pos] == b'#' {
            pos = until(pos, &|b| b == b'\n' || b == b'\r');
            line_end(&mut pos, &mut line);
            continue;
        }
        let row_line = line;
        // Rows are mostly as wide as the one before.
        let mut cells = Vec::with_capacity(width_hint);
        loop {
            // One cell.
            let cell_line = line;
            let mut cell = String::new();
            // Leading white space (any, ideographic included), but not a separator or line end.
            while let Some(c) = text[pos..].chars().next() {
                if c == delimiter || !c.is_whitespace() || c == '\n' || c == '\r' {
                    break;
                }
                pos += c.len_utf8();
            }
            if bytes.get(pos) == Some(&b'"') {
                pos += 1;
                let opened = line;
                let mut closed = false;
                while pos < bytes.len() {
                    let next = until(pos, &|b| b == b'"' || b == b'\n' || b == b'\r');
                    cell.push_str(&text[pos..next]);
                    pos = next;
                    match bytes.get(pos) {
                        Some(b'"') if bytes.get(pos + 1) == Some(&b'"') => {
                            pos += 2;
                            cell.push('"');
                        }
                        Some(b'"') => {
                            pos += 1;
                            closed = true;
                            break;
                        }
                        Some(_) => {
                            line_end(&mut pos, &mut line);
                            cell.push('\n');
                        }
                        None => break,
                    }
                }
                if !closed {
                    diags.push(
                        Diagnostic::new(
                            path,
                            Location::Line {
                                line: opened,
                                column: None,
                            },
                            "引号不成对：此行的双引号没有结束，其后的内容都被读进了一个单元格",
                        )
                        .expected("单元格内的双引号成对出现（Excel 另存为 CSV 会自动处理）"),
                    );
                    grid.truncated = true;
                    return grid;
                }
            }
            // The rest of the cell, up to the separator or the end of the line.
            let next = until(pos, &|b| b == sep || b == b'\n' || b == b'\r');
            let trimmed = if cell.is_empty() {
                // Unquoted (or an empty quoted part): the text itself, copied once.
                text[pos..next].trim().to_string()
            } else {
                cell.push_str(&text[pos..next]);
                let trimmed = cell.trim();
                if trimmed.len() == cell.len() {
                    cell
                } else {
                    trimmed.to_string()
                }
            };
            pos = next;
            cells.push(Cell {
                text: trimmed,
                line: cell_line,
            });
            if bytes.get(pos) == Some(&sep) {
                pos += 1;
                continue;
            }
            line_end(&mut pos, &mut line);
            break;
        }
        width_hint = cells.len();
        if cells.iter().any(|c| !c.text.is_empty()) {
            grid.rows.push(Row {
                line: row_line,
                cells,
                refused: false,
            });
        }
    }
    grid
}

/// A column a reader wants.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    /// The name the template writes.
    pub name: &'static str,
    /// Other header words read as this column (the national form's own).
    pub aliases: &'static [&'static str],
    /// The sheet cannot be read without it.
    pub required: bool,
}

impl ColumnSpec {
    /// Whether a header cell names this column (by its name or an alias).
    pub fn matches(&self, header: &str) -> bool {
        self.name == header || self.aliases.contains(&header)
    }
}

/// A data row of a [`Sheet`]: exactly as many cells as the header has columns.
#[derive(Debug, Clone)]
pub struct SheetRow {
    pub line: u64,
    pub cells: Vec<String>,
    /// The row has more cells than the header: which cell is which is unknown, so its values
    /// must not be read (an error has been reported).
    pub too_wide: bool,
    /// The grid's reader refused a cell of the row (see [`Row::refused`]).
    pub refused: bool,
}

/// A grid with its header matched: rows of cells found by column.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub header_line: u64,
    /// The header as written.
    pub headers: Vec<String>,
    /// For each wanted column (in the order given to [`Sheet::new`]), its 0-based index.
    columns: Vec<Option<usize>>,
    pub rows: Vec<SheetRow>,
    /// Whether every required column is there.
    pub complete: bool,
    /// Columns that are not read, and similar notes.
    pub warnings: Vec<String>,
    pub delimiter: char,
}

impl Sheet {
    /// Matches the grid's first row against `wanted`, and checks every row: a row with more
    /// cells than the header is an error on its line; fewer cells are read as empty;
    /// a column named twice (also under an alias) is an error; a BOM or NUL inside a cell is an
    /// error at its cell (and is then left out of the text). Other columns are not read, with a
    /// warning that names them.
    pub fn new(
        path: &Path,
        grid: Grid,
        wanted: &[ColumnSpec],
        diags: &mut Vec<Diagnostic>,
    ) -> Sheet {
        let mut rows = grid.rows.into_iter();
        let header_row = rows.next();
        let header_line = header_row.as_ref().map_or(1, |r| r.line);
        let mut header_cells = header_row.map(|r| r.cells).unwrap_or_default();
        for (i, cell) in header_cells.iter_mut().enumerate() {
            cell.text = clean_cell(path, cell, i, "", diags);
        }
        let headers: Vec<String> = header_cells.into_iter().map(|c| c.text).collect();
        let at = |line: u64, index: usize| Location::Line {
            line,
            column: Some(Column::Field {
                index: index + 1,
                header: headers.get(index).cloned().unwrap_or_default(),
            }),
        };
        let mut columns: Vec<Option<usize>> = vec![None; wanted.len()];
        let mut unknown = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            match wanted.iter().position(|w| w.matches(h)) {
                Some(k) => match columns[k] {
                    None => columns[k] = Some(i),
                    Some(first) => diags.push(
                        Diagnostic::new(
                            path,
                            at(header_line, i),
                            format!(
                                "表头中「{}」列出现了两次：{}列「{}」和{}列「{h}」，不知道该读哪一列",
                                wanted[k].name,
                                excel_column(first + 1),
                                headers[first],
                                excel_column(i + 1),
                            ),
                        )
                        .found(h)
                        .expected("每列只出现一次：删去或改名多余的一列"),
                    ),
                },
                None => unknown.push(i),
            }
        }
        let missing: Vec<&str> = wanted
            .iter()
            .zip(&columns)
            .filter(|(w, c)| w.required && c.is_none())
            .map(|(w, _)| w.name)
            .collect();
        if !missing.is_empty() {
            let required: Vec<&str> = wanted
                .iter()
                .filter(|w| w.required)
                .map(|w| w.name)
                .collect();
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Line {
                        line: header_line,
                        column: None,
                    },
                    format!("表头缺少列: {}", missing.join("、")),
                )
                .found(headers.join(","))
                .expected(format!(
                    "表头至少包含 {} {}列（可用 jixiao template 生成）",
                    required.join("、"),
                    chinese_count(required.len())
                )),
            );
        }
        let width = headers.len();
        let mut sheet_rows = Vec::new();
        let mut unnamed_used = vec![false; width];
        for mut row in rows {
            // Even empty extra cells count: `661,500元` in a row whose last cells are empty
            // shifts every later cell by one and still ends in an empty cell.
            let too_wide = row.cells.len() > width;
            if too_wide {
                diags.push(too_wide_error(path, &row, width, &headers, grid.delimiter));
            }
            let before = diags.len();
            let mut cells: Vec<String> = Vec::with_capacity(width);
            for (i, cell) in row.cells.iter_mut().enumerate().take(width) {
                let header = headers.get(i).map_or("", String::as_str);
                let text = clean_cell(path, cell, i, header, diags);
                if header.is_empty() && !text.is_empty() {
                    unnamed_used[i] = true;
                }
                cells.push(text);
            }
            cells.resize(width, String::new());
            if !too_wide && cells == headers {
                // The header again: two files pasted together. Said once (a BOM in the row has
                // already said it), and the row is not read.
                if diags.len() == before {
                    diags.push(
                        Diagnostic::new(
                            path,
                            Location::Line {
                                line: row.line,
                                column: None,
                            },
                            format!("此行与第{header_line}行的表头相同：是否把两个文件拼接在了一起？此行不读"),
                        )
                        .found(headers.join(","))
                        .expected("表头只出现一次：删去此行"),
                    );
                }
                continue;
            }
            sheet_rows.push(SheetRow {
                line: row.line,
                cells,
                too_wide,
                refused: row.refused,
            });
        }
        let mut warnings = Vec::new();
        if !unknown.is_empty() {
            let names: Vec<String> = unknown
                .iter()
                .map(|&i| format!("{}列「{}」", excel_column(i + 1), headers[i]))
                .collect();
            warnings.push(format!(
                "第{header_line}行: 表头中的 {}不是 jixiao 读取的列，其内容不参与计分",
                names.join("、")
            ));
        }
        let unnamed: Vec<String> = (0..width)
            .filter(|&i| unnamed_used[i])
            .map(|i| format!("{}列", excel_column(i + 1)))
            .collect();
        if !unnamed.is_empty() {
            warnings.push(format!(
                "第{header_line}行: 表头中 {}没有列名，这些列的内容不读",
                unnamed.join("、")
            ));
        }
        Sheet {
            header_line,
            headers,
            columns,
            rows: sheet_rows,
            complete: missing.is_empty(),
            warnings,
            delimiter: grid.delimiter,
        }
    }

    /// The 0-based index of the `k`-th wanted column, if the header has it.
    pub fn column(&self, k: usize) -> Option<usize> {
        self.columns.get(k).copied().flatten()
    }

    /// The cell of the `k`-th wanted column in `row` ("" when the column is absent).
    pub fn cell<'a>(&self, row: &'a SheetRow, k: usize) -> &'a str {
        self.column(k)
            .and_then(|i| row.cells.get(i))
            .map_or("", String::as_str)
    }

    /// Where a cell is, for messages: its line and Excel column with the header as written.
    pub fn at(&self, line: u64, index: usize) -> Location {
        Location::Line {
            line,
            column: Some(Column::Field {
                index: index + 1,
                header: self.headers.get(index).cloned().unwrap_or_default(),
            }),
        }
    }

    /// The header as read, for messages.
    pub fn header_text(&self) -> String {
        self.headers.join(",")
    }
}

fn chinese_count(n: usize) -> &'static str {
    ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九"]
        .get(n)
        .copied()
        .unwrap_or("多")
}

/// A cell's text (taken out of the cell, not copied) with a BOM or NUL inside it reported (at
/// the cell) and left out.
fn clean_cell(
    path: &Path,
    cell: &mut Cell,
    index: usize,
    header: &str,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let at = || Location::Line {
        line: cell.line,
        column: Some(Column::Field {
            index: index + 1,
            header: header.to_string(),
        }),
    };
    let mut text = std::mem::take(&mut cell.text);
    // One pass for both: a BOM (EF BB BF in UTF-8) starts with EF, a NUL is 00.
    if !text.bytes().any(|b| b == 0xEF || b == 0) {
        return text;
    }
    if text.contains('\u{FEFF}') {
        diags.push(
            Diagnostic::new(
                path,
                at(),
                "单元格中有字节顺序标记 BOM：它只应出现在文件开头，出现在文件中间一般是把两个 CSV 文件拼接在了一起",
            )
            .found(&text)
            .expected("删去这个不可见字符：在 Excel 中重新输入此格，或把拼接的文件分开、用 Excel 另存为 CSV"),
        );
        text = text.replace('\u{FEFF}', "").trim().to_string();
    }
    if text.contains('\0') {
        diags.push(
            Diagnostic::new(
                path,
                at(),
                "单元格中有空字符 NUL：文本文件中不应有 NUL，文件可能已损坏，或不是 CSV 文本",
            )
            .found(&text)
            .expected("删去这个不可见字符：在 Excel 中重新输入此格，并另存为 CSV"),
        );
        text = text.replace('\0', "").trim().to_string();
    }
    text
}

/// Two adjacent cells that look like one number cut at a thousands separator: `661` + `500元`.
fn split_number(cells: &[Cell]) -> Option<usize> {
    (0..cells.len().saturating_sub(1)).find(|&i| {
        let a = &cells[i].text;
        let b = &cells[i + 1].text;
        let a_ok = !a.is_empty()
            && a.chars().last().is_some_and(|c| c.is_ascii_digit())
            && a.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '¥' | '￥'));
        let digits = b.chars().take_while(|c| c.is_ascii_digit()).count();
        a_ok && digits == 3 && !b[3..].starts_with(|c: char| c.is_ascii_digit())
    })
}

fn too_wide_error(
    path: &Path,
    row: &Row,
    width: usize,
    headers: &[String],
    delimiter: char,
) -> Diagnostic {
    let n = row.cells.len();
    let mut message = format!(
        "此行有 {n} 格，比表头的 {width} 列多 {} 格：各格对不上列，此行不读",
        n - width
    );
    let location = match split_number(&row.cells[..n]) {
        Some(i) => {
            message.push_str(&format!(
                "（「{}」和「{}」像是一个数「{},{}」被千位分隔符的逗号分成了两格）",
                row.cells[i].text,
                row.cells[i + 1].text,
                row.cells[i].text,
                row.cells[i + 1].text
            ));
            Location::Line {
                line: row.line,
                column: Some(Column::Field {
                    index: i + 1,
                    header: headers.get(i).cloned().unwrap_or_default(),
                }),
            }
        }
        None => Location::Line {
            line: row.line,
            column: None,
        },
    };
    let shown: Vec<&str> = row.cells[..n].iter().map(|c| c.text.as_str()).collect();
    Diagnostic::new(path, location, message)
        .found(shown.join(&delimiter.to_string()))
        .expected(format!(
            "每行的格数与表头相同（{width} 列）；数字不要带千位分隔符（写 661500元），或给这一格加双引号（\"661,500元\"，Excel 另存为 CSV 时会自动加）"
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(text: &str) -> (Grid, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let g = read_csv(Path::new("x.csv"), text, &mut diags);
        (g, diags)
    }

    fn lines_and_cells(g: &Grid) -> Vec<(u64, Vec<&str>)> {
        g.rows
            .iter()
            .map(|r| (r.line, r.cells.iter().map(|c| c.text.as_str()).collect()))
            .collect()
    }

    /// The reader as it was written first, character by character: the byte scanner must read
    /// every text exactly as it did (cells, lines, errors).
    fn char_by_char(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Grid {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let header = text
            .split(['\n', '\r'])
            .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .unwrap_or("");
        let delimiter = if header.contains('\t') && !header.contains(',') {
            '\t'
        } else {
            ','
        };
        let mut grid = Grid {
            rows: Vec::new(),
            delimiter,
            truncated: false,
            percent_cells: Default::default(),
        };
        let mut chars = text.chars().peekable();
        let mut line: u64 = 1;
        // Consumes a line end if one is next (CRLF counts once); returns whether it did.
        fn line_end(chars: &mut std::iter::Peekable<std::str::Chars>, line: &mut u64) -> bool {
            match chars.peek() {
                Some('\n') => {
                    chars.next();
                }
                Some('\r') => {
                    chars.next();
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                }
                _ => return false,
            }
            *line += 1;
            true
        }
        while chars.peek().is_some() {
            // A record starts here.
            if chars.peek() == Some(&'#') {
                while chars.peek().is_some_and(|&c| c != '\n' && c != '\r') {
                    chars.next();
                }
                line_end(&mut chars, &mut line);
                continue;
            }
            let row_line = line;
            let mut cells = Vec::new();
            loop {
                // One cell.
                let cell_line = line;
                let mut cell = String::new();
                while chars
                    .peek()
                    .is_some_and(|&c| c != delimiter && c.is_whitespace() && c != '\n' && c != '\r')
                {
                    chars.next();
                }
                if chars.peek() == Some(&'"') {
                    chars.next();
                    let opened = line;
                    let mut closed = false;
                    while let Some(c) = chars.next() {
                        match c {
                            '"' if chars.peek() == Some(&'"') => {
                                chars.next();
                                cell.push('"');
                            }
                            '"' => {
                                closed = true;
                                break;
                            }
                            '\r' => {
                                if chars.peek() == Some(&'\n') {
                                    chars.next();
                                }
                                line += 1;
                                cell.push('\n');
                            }
                            '\n' => {
                                line += 1;
                                cell.push('\n');
                            }
                            c => cell.push(c),
                        }
                    }
                    if !closed {
                        diags.push(
                            Diagnostic::new(
                                path,
                                Location::Line {
                                    line: opened,
                                    column: None,
                                },
                                "引号不成对：此行的双引号没有结束，其后的内容都被读进了一个单元格",
                            )
                            .expected("单元格内的双引号成对出现（Excel 另存为 CSV 会自动处理）"),
                        );
                        grid.truncated = true;
                        return grid;
                    }
                }
                // The rest of the cell, up to the separator or the end of the line.
                while let Some(&c) = chars.peek() {
                    if c == delimiter || c == '\n' || c == '\r' {
                        break;
                    }
                    cell.push(c);
                    chars.next();
                }
                cells.push(Cell {
                    text: cell.trim().to_string(),
                    line: cell_line,
                });
                if chars.peek() == Some(&delimiter) {
                    chars.next();
                    continue;
                }
                line_end(&mut chars, &mut line);
                break;
            }
            if cells.iter().any(|c| !c.text.is_empty()) {
                grid.rows.push(Row {
                    line: row_line,
                    cells,
                    refused: false,
                });
            }
        }
        grid
    }

    proptest::proptest! {
        #[test]
        fn bytes_read_as_characters_did(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "表", ",", "\t", "\"", "\"\"", "\n", "\r", "\r\n", " ", "\u{3000}", "#", "\u{FEFF}", "1",
                ]),
                0..40,
            )
        ) {
            let text: String = text.concat();
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let new = read_csv(Path::new("x.csv"), &text, &mut a);
            let old = char_by_char(Path::new("x.csv"), &text, &mut b);
            proptest::prop_assert_eq!(&new.rows, &old.rows);
            proptest::prop_assert_eq!(new.truncated, old.truncated);
            proptest::prop_assert_eq!(new.delimiter, old.delimiter);
            proptest::prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn every_line_end_counts_lines_the_same() {
        for end in ["\n", "\r\n", "\r"] {
            let text = ["# 注释", "a,b", "", "1, 2 ", "\"x", "y\",z"].join(end) + end;
            let (g, diags) = grid(&text);
            assert!(diags.is_empty(), "{end:?}: {diags:?}");
            assert_eq!(
                lines_and_cells(&g),
                vec![
                    (2, vec!["a", "b"]),
                    (4, vec!["1", "2"]),
                    (5, vec!["x\ny", "z"])
                ],
                "{end:?}"
            );
        }
    }

    #[test]
    fn quotes_hold_separators_and_doubled_quotes() {
        let (g, _) = grid("a,b\n\"661,500元\",\"说\"\"明\"\"\"\n#x,y\n");
        assert_eq!(lines_and_cells(&g)[1], (2, vec!["661,500元", "说\"明\""]));
        // A `#` line is a comment; a quoted `#` cell is not.
        let (g, _) = grid("a\n\"#表\"\n#表\n");
        assert_eq!(lines_and_cells(&g), vec![(1, vec!["a"]), (2, vec!["#表"])]);
    }

    #[test]
    fn tabs_when_the_header_has_tabs_and_no_commas() {
        let (g, _) = grid("# c,d\na\tb\n1,5\t2\n");
        assert_eq!(g.delimiter, '\t');
        assert_eq!(lines_and_cells(&g)[1], (3, vec!["1,5", "2"]));
    }

    #[test]
    fn an_unclosed_quote_names_its_line() {
        let (g, diags) = grid("a,b\n1,2\n\"3,4\n5,6\n");
        assert!(g.truncated);
        assert_eq!(g.rows.len(), 2);
        assert_eq!(
            diags[0].location,
            Location::Line {
                line: 3,
                column: None
            }
        );
    }

    const WANTED: [ColumnSpec; 2] = [
        ColumnSpec {
            name: "实际完成值",
            aliases: &["完成值"],
            required: true,
        },
        ColumnSpec {
            name: "表",
            aliases: &["项目名称"],
            required: true,
        },
    ];

    fn sheet(text: &str) -> (Sheet, Vec<Diagnostic>) {
        let (g, mut diags) = grid(text);
        let s = Sheet::new(Path::new("x.csv"), g, &WANTED, &mut diags);
        (s, diags)
    }

    #[test]
    fn headers_by_name_or_alias_and_widths() {
        let (s, diags) = sheet("# c\n项目名称,备注,完成值,\nA,x\nB,y,3,\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(s.header_line, 2);
        assert_eq!(s.column(0), Some(2));
        assert_eq!(s.column(1), Some(0));
        // Fewer cells are empty; an empty header cell is a column too.
        assert_eq!(s.cell(&s.rows[0], 0), "");
        assert_eq!(s.cell(&s.rows[1], 0), "3");
        assert_eq!(
            s.warnings,
            ["第2行: 表头中的 B列「备注」不是 jixiao 读取的列，其内容不参与计分"]
        );
    }

    #[test]
    fn a_wider_row_and_a_column_named_twice_are_errors() {
        let (s, diags) = sheet("表,实际完成值\nA,661,500元\nB,1,\n");
        assert!(s.rows[0].too_wide && s.rows[1].too_wide);
        assert_eq!(diags.len(), 2);
        assert!(
            diags[0].message.contains("「661」和「500元」"),
            "{}",
            diags[0].message
        );
        let (_, diags) = sheet("表,完成值,实际完成值\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].message,
            "表头中「实际完成值」列出现了两次：B列「完成值」和C列「实际完成值」，不知道该读哪一列"
        );
    }

    #[test]
    fn a_bom_or_nul_inside_is_an_error_at_its_cell() {
        let (s, diags) =
            sheet("表,实际完成值\nA\u{FEFF},1\0\n\u{FEFF}表,实际完成值\n表,实际完成值\n");
        // The BOM, the NUL, and the header repeated without a BOM; the row with one is said once.
        assert_eq!(diags.len(), 4, "{diags:?}");
        assert_eq!(s.rows.len(), 1);
        assert_eq!(s.rows[0].cells, ["A", "1"]);
        assert_eq!(s.at(2, 0), diags[0].location);
    }
}
