//! The xlsx writer (写出 Excel 工作簿): renders the pages of a [`Layout`](crate::sheets::layout)
//! as one workbook with rust_xlsxwriter — merged ranges, number formats (`0.00` for 分值 and
//! 得分, `0.00%` for 执行率), borders and wrapping, A4 landscape fitted to one page wide with the
//! header rows repeated, sheet protection without a password and dropdown lists for a form to
//! fill in. Numbers are exact decimals up to here; they become f64 only in the cell.

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, IgnoreError, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use crate::sheets::layout::{Page, Placed, Style, Value};

/// Excel's paper size number for A4.
const A4: u8 = 9;
/// The font of every cell: what Chinese Excel uses for forms.
const FONT: &str = "宋体";

/// The cell format of a style.
pub fn format(style: Style) -> Format {
    let base = Format::new()
        .set_font_name(FONT)
        .set_font_size(10)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let boxed = base.clone().set_border(FormatBorder::Thin);
    match style {
        Style::Title => base
            .set_font_size(16)
            .set_bold()
            .set_align(FormatAlign::Center),
        Style::Caption => base,
        Style::Header => boxed
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_background_color(0xF2F2F2),
        Style::Text => boxed,
        Style::Center => boxed.set_align(FormatAlign::Center),
        Style::Score => boxed.set_num_format("0.00").set_align(FormatAlign::Right),
        Style::Money => boxed.set_num_format("0.00##").set_align(FormatAlign::Right),
        Style::Percent => boxed.set_num_format("0.00%").set_align(FormatAlign::Right),
        Style::Input => boxed.set_unlocked().set_background_color(0xFFF2CC),
    }
}

/// The error for a workbook that could not be made (a layout the writer refuses: a bug).
pub fn failed(path: &std::path::Path, e: &XlsxError) -> crate::Error {
    crate::Error::Output(vec![crate::Diagnostic::new(
        path,
        crate::error::Location::File,
        format!("无法生成 Excel 工作簿：{e}"),
    )
    .expected("请报告此问题（这是 jixiao 的错误，不是输入的错误）")])
}

/// The workbook of `pages`, as the bytes of an .xlsx file. The same pages give the same bytes:
/// the file's creation date is fixed (2000-01-01), not the time of the run, so a rerun changes
/// nothing and two workbooks can be compared.
pub fn render(pages: &[Page]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    // The fastest deflate: a third of the work of the default level, for files a few percent larger.
    book.set_zip_compression_level(1);
    for page in pages {
        let sheet = book.add_worksheet();
        write_page(sheet, page)?;
    }
    book.save_to_buffer()
}

fn write_page(sheet: &mut Worksheet, page: &Page) -> Result<(), XlsxError> {
    sheet.set_name(&page.name)?;
    for (c, w) in page.widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    for (r, h) in &page.heights {
        sheet.set_row_height(*r, *h)?;
    }
    // One format per style, made once: a page has hundreds of cells and a few styles.
    let mut formats = std::collections::HashMap::new();
    for cell in page.cells() {
        let f = formats
            .entry(cell.style)
            .or_insert_with(|| format(cell.style));
        write_cell(sheet, cell, f)?;
    }
    for list in &page.lists {
        // A warning, not a stop: `部分达成 75%` and the target's own words are accepted too.
        let rule = DataValidation::new()
            .allow_list_strings(&list.items)?
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_message(format!(
                "一般从下拉列表中选择：{}；也可写「部分达成 75%」这样的比例",
                list.items.join("、")
            ))?;
        sheet.add_data_validation(list.first_row, list.col, list.last_row, list.col, &rule)?;
    }
    // 年度指标值 and 实际完成值 are text on purpose (`3`, `= 100 %`): no green corner for them.
    let rows = page.next_row().saturating_sub(1);
    if page.width() > 0 {
        sheet.ignore_error_range(
            0,
            0,
            rows,
            page.width() - 1,
            IgnoreError::NumberStoredAsText,
        )?;
    }
    if page.freeze_rows > 0 {
        sheet.set_freeze_panes(page.freeze_rows, 0)?;
    }
    if let Some((first, last)) = page.repeat_rows {
        sheet.set_repeat_rows(first, last)?;
    }
    if page.protect {
        // No password; row heights and column widths may still be changed.
        let options = ProtectionOptions {
            format_columns: true,
            format_rows: true,
            ..ProtectionOptions::default()
        };
        sheet.protect_with_options(&options);
    }
    sheet
        .set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, if page.fit_one_page { 1 } else { 0 })
        .set_print_center_horizontally(true)
        .set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
        .set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// The most characters a cell holds (Excel's limit is 32 767).
const MAX_CELL_CHARS: usize = 32_000;

/// A text cut to what a cell holds, with `…（共 N 字）` when cut.
fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    let n = text.chars().count();
    if n <= MAX_CELL_CHARS {
        return text.into();
    }
    let kept: String = text.chars().take(MAX_CELL_CHARS).collect();
    format!("{kept}…（共 {n} 字）").into()
}

/// A decimal as the f64 of a cell: never a silent 0 (rust_decimal always converts; should it
/// not, the workbook is refused rather than showing a wrong number).
fn number(n: &rust_decimal::Decimal) -> Result<f64, XlsxError> {
    n.to_f64()
        .ok_or_else(|| XlsxError::ParameterError(format!("数值 {n} 无法写入单元格")))
}

fn write_cell(sheet: &mut Worksheet, cell: &Placed, f: &Format) -> Result<(), XlsxError> {
    let (r, c) = (cell.row, cell.col);
    if cell.is_merged() {
        let shown = match &cell.value {
            Value::Text(t) => fit(t),
            _ => "".into(),
        };
        sheet.merge_range(r, c, cell.last_row, cell.last_col, &shown, f)?;
        if let Value::Number(n) = &cell.value {
            sheet.write_number_with_format(r, c, number(n)?, f)?;
        }
        return Ok(());
    }
    match &cell.value {
        Value::Empty => sheet.write_blank(r, c, f)?,
        Value::Text(t) if t.is_empty() => sheet.write_blank(r, c, f)?,
        Value::Text(t) => sheet.write_string_with_format(r, c, fit(t), f)?,
        Value::Number(n) => sheet.write_number_with_format(r, c, number(n)?, f)?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_text_is_cut_to_what_a_cell_holds() {
        let mut p = Page::new("x", vec![10.0]);
        p.put(0, 0, Value::Text("长".repeat(40_000).into()), Style::Text);
        p.span(
            1,
            0,
            2,
            0,
            Value::Text("长".repeat(40_000).into()),
            Style::Text,
        );
        assert!(render(&[p]).is_ok());
        assert!(fit(&"长".repeat(40_000)).ends_with("…（共 40000 字）"));
    }
}
