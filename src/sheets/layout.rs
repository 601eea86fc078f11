//! The layout of a printed form (版式): pages of placed cells — a value, a style, the cells it
//! spans — with column widths, row heights, the rows repeated on every printed page, and what a
//! filled-in form allows (locked cells, dropdown lists). It knows nothing of files: the xlsx
//! writer ([`crate::xlsx`]) renders it as a workbook, [`Page::text_rows`] as CSV rows. A new
//! format is a new writer of the same layout.

use std::borrow::Cow;

use rust_decimal::Decimal;

/// What a cell holds. Numbers stay exact here; a writer converts them at its own boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    Empty,
    /// Text, never read as a number or a formula (`= 100 %` stays text).
    Text(Cow<'a, str>),
    /// A number shown with the style's number format.
    Number(Decimal),
}

/// How a cell looks (and, for a form to fill in, whether it may be changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// The form's title: large, bold, centred, no border.
    Title,
    /// A line under the title (编制单位, 填报说明): no border, left.
    Caption,
    /// A column header or a row label: bold, centred, shaded, bordered.
    Header,
    /// Text in a bordered cell, wrapped, left.
    Text,
    /// Short text, centred (等级, 一级指标).
    Center,
    /// 分值 and 得分: format `0.00`.
    Score,
    /// Money in 万元: at least two decimals (`0.00##`).
    Money,
    /// A rate held as a fraction, shown as a percent with two decimals (`0.00%`).
    Percent,
    /// A cell staff fill in: shaded, not locked when the page is protected.
    Input,
}

/// One cell, or a merged range whose value is in its first cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed<'a> {
    /// 0-based row and column of the first cell.
    pub row: u32,
    pub col: u16,
    /// The last row and column it spans (the same as the first for a single cell).
    pub last_row: u32,
    pub last_col: u16,
    pub value: Value<'a>,
    pub style: Style,
}

impl Placed<'_> {
    pub fn is_merged(&self) -> bool {
        self.last_row > self.row || self.last_col > self.col
    }
}

/// A dropdown list (数据验证) over a rectangle of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRule {
    pub first_row: u32,
    pub last_row: u32,
    pub col: u16,
    pub items: Vec<String>,
}

/// One printed form: a worksheet of a workbook.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page<'a> {
    /// The sheet's name, as a workbook accepts it (see [`sheet_names`]).
    pub name: String,
    /// Column widths, in Excel's units (the width of a `0`; a Chinese character is about two).
    pub widths: Vec<f64>,
    /// The placed cells, in the order they were placed (read with [`Page::cells`]).
    cells: Vec<Placed<'a>>,
    /// The first row after the last placed one, kept as cells are placed.
    rows: u32,
    /// Row heights in points, where a row needs more than one line.
    pub heights: Vec<(u32, f64)>,
    /// Rows printed at the top of every page (the header of the indicator grid).
    pub repeat_rows: Option<(u32, u32)>,
    /// Rows kept in view when scrolling (the 汇总 header).
    pub freeze_rows: u32,
    /// Print on one page (the 汇总 of a department with few tables), not only one page wide.
    pub fit_one_page: bool,
    /// Lock every cell but the [`Style::Input`] ones (sheet protection, without a password).
    pub protect: bool,
    pub lists: Vec<ListRule>,
}

impl<'a> Page<'a> {
    pub fn new(name: impl Into<String>, widths: Vec<f64>) -> Page<'a> {
        Page {
            name: name.into(),
            widths,
            ..Page::default()
        }
    }

    /// The number of columns.
    pub fn width(&self) -> u16 {
        self.widths.len() as u16
    }

    /// Places a single cell.
    pub fn put(&mut self, row: u32, col: u16, value: Value<'a>, style: Style) {
        self.span(row, col, row, col, value, style);
    }

    /// Places a range (merged when it spans more than one cell).
    pub fn span(
        &mut self,
        row: u32,
        col: u16,
        last_row: u32,
        last_col: u16,
        value: Value<'a>,
        style: Style,
    ) {
        self.cells.push(Placed {
            row,
            col,
            last_row,
            last_col,
            value,
            style,
        });
        self.rows = self.rows.max(last_row.saturating_add(1));
    }

    /// The placed cells, in the order they were placed.
    pub fn cells(&self) -> &[Placed<'a>] {
        &self.cells
    }

    /// The first row after the last placed one.
    pub fn next_row(&self) -> u32 {
        self.rows
    }

    /// Sets every row's height from the text it holds: a wrapped cell needs as many lines as
    /// its text fills at its width (a merged range shares them among its rows).
    pub fn fit_heights(&mut self, line_points: f64) {
        let mut lines: std::collections::BTreeMap<u32, f64> = Default::default();
        for c in &self.cells {
            let Value::Text(text) = &c.value else {
                continue;
            };
            if c.style == Style::Title {
                lines.insert(c.row, 1.6);
                continue;
            }
            let width: f64 = (c.col..=c.last_col)
                .map(|i| self.widths.get(i as usize).copied().unwrap_or(10.0))
                .sum();
            let needed = text_lines(text, width);
            let rows = f64::from(c.last_row - c.row + 1);
            for r in c.row..=c.last_row {
                let e = lines.entry(r).or_insert(1.0);
                *e = e.max((needed / rows).ceil());
            }
        }
        self.heights = lines
            .into_iter()
            .map(|(r, n)| (r, (n * line_points + 4.0).min(MAX_ROW_POINTS)))
            .collect();
    }

    /// The page as rows of text, as a CSV writer renders it: a merged range's text in its first
    /// cell; 分值 and 得分 with two decimals, a percent as `97.28%` (two decimals of the percent),
    /// money and other numbers as written (`63`, `60.5`).
    pub fn text_rows(&self) -> Vec<Vec<String>> {
        self.text_cells()
            .into_iter()
            .map(|row| row.into_iter().map(Cow::into_owned).collect())
            .collect()
    }

    /// [`Page::text_rows`] without copying the texts: a text cell is borrowed from the page.
    pub fn text_cells(&self) -> Vec<Vec<Cow<'_, str>>> {
        let mut out = vec![vec![Cow::Borrowed(""); self.widths.len()]; self.rows as usize];
        for c in &self.cells {
            let text = match (&c.value, c.style) {
                (Value::Empty, _) => Cow::Borrowed(""),
                (Value::Text(t), _) => Cow::Borrowed(t.as_ref()),
                (Value::Number(n), Style::Percent) => {
                    Cow::Owned(crate::scoring::two(n * Decimal::ONE_HUNDRED) + "%")
                }
                (Value::Number(n), Style::Score) => Cow::Owned(crate::scoring::two(*n)),
                (Value::Number(n), _) => Cow::Owned(crate::quantity::plain(*n)),
            };
            if let Some(cell) = out
                .get_mut(c.row as usize)
                .and_then(|r| r.get_mut(c.col as usize))
            {
                *cell = text;
            }
        }
        out
    }
}

/// How many lines `text` fills in a cell `width` units wide: a Chinese character takes two
/// units, other characters one; a line break starts a new line.
pub fn text_lines(text: &str, width: f64) -> f64 {
    let usable = (width - 0.5).max(2.0);
    text.split('\n')
        .map(|line| {
            let units: f64 = line
                .chars()
                .map(|c| if c.is_ascii() { 1.05 } else { 1.9 })
                .sum();
            (units / usable).ceil().max(1.0)
        })
        .sum()
}

/// The tallest row a workbook accepts, in points.
pub const MAX_ROW_POINTS: f64 = 409.0;

/// The characters a sheet name may not hold.
const FORBIDDEN: &[char] = &['[', ']', ':', '*', '?', '/', '\\'];
/// The longest sheet name a workbook accepts.
pub const MAX_SHEET_NAME: usize = 31;

/// Sheet names for `names`, in order, that a workbook accepts: at most 31 characters, none of
/// `[]:*?/\`, not starting or ending with `'`, unique. Each is its number and its name
/// (`05 安次分局办案业务省级经费`): the number keeps them unique and in the targets' order; a
/// name too long loses its trailing document number in brackets (`（冀财政法〔2022〕56号）`),
/// then is cut to fit with `…` at the end.
pub fn sheet_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let clean: String = name
                .chars()
                .filter(|c| !FORBIDDEN.contains(c) && !c.is_control())
                .collect();
            let clean = clean.trim_matches(|c: char| c == '\'' || c.is_whitespace());
            let prefix = format!("{:02} ", i + 1);
            let room = MAX_SHEET_NAME - prefix.chars().count();
            let mut short = clean.to_string();
            if short.chars().count() > room {
                if let Some(open) = short.rfind('（').filter(|_| short.ends_with('）')) {
                    short.truncate(open);
                }
            }
            if short.chars().count() > room {
                short = short.chars().take(room - 1).collect::<String>() + "…";
            }
            format!("{prefix}{short}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let names = sheet_names([
            "部门整体支出绩效指标",
            "“情指行”一体化（试点）平台设备升级省级经费（冀财政法〔2022〕56号）",
            "a/b:c*d?e[f]g\\h",
            "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十",
        ]);
        assert_eq!(
            names,
            [
                "01 部门整体支出绩效指标",
                "02 “情指行”一体化（试点）平台设备升级省级经费",
                "03 abcdefgh",
                "04 一二三四五六七八九十一二三四五六七八九十一二三四五六七…",
            ]
        );
        assert!(names.iter().all(|n| n.chars().count() <= MAX_SHEET_NAME));
    }

    #[test]
    fn text_rows_put_merged_text_first_and_two_decimals() {
        let mut p = Page::new("x", vec![10.0, 10.0, 10.0]);
        p.span(0, 0, 0, 2, Value::Text("标题".into()), Style::Title);
        p.put(1, 1, Value::Number(Decimal::new(125, 1)), Style::Score);
        p.put(1, 2, Value::Number(Decimal::new(97281, 5)), Style::Percent);
        assert_eq!(
            p.text_rows(),
            [vec!["标题", "", ""], vec!["", "12.50", "97.28%"]]
        );
    }

    #[test]
    fn long_text_needs_more_lines() {
        assert_eq!(text_lines("短", 10.0), 1.0);
        assert_eq!(text_lines(&"长".repeat(20), 21.0), 2.0);
        assert_eq!(text_lines("a\nb", 10.0), 2.0);
    }
}
