//! `jixiao template TARGETS [--out FILE] [--xlsx FILE]`: the actuals form to fill in
//! ([`sheets::template`]: every indicator with an empty 实际完成值, per table a 预算执行率 row, the
//! funding rows and the 年度总体目标 row) as CSV and/or as an xlsx workbook (locked targets, shaded
//! input cells, dropdowns) — the same cells either way. Staff fill it in Excel, then score it.

use std::io::Write;
use std::path::PathBuf;

use jixiao::input::Encoding;
use jixiao::output::{csv_text, encode, write_set, OutputFile};
use jixiao::{sheets, targets, xlsx};

#[derive(clap::Args)]
pub struct Args {
    /// 目标文件 (TOML) — the targets file
    targets: PathBuf,
    /// 模板文件；不写则输出到标准输出 — the file to write (default: standard output)
    #[arg(long)]
    out: Option<PathBuf>,
    /// 模板的编码: utf-8（带 BOM，默认）或 gbk
    #[arg(long, default_value = "utf-8")]
    encoding: Encoding,
    /// xlsx 填报表 — also (or only) write the template as an Excel workbook to fill in
    #[arg(long)]
    xlsx: Option<PathBuf>,
}

pub fn run(args: Args, out: &mut impl Write) -> super::Result {
    // Weights that do not add up do not change the skeleton: `check` reports them.
    let targets = targets::load_lenient(&args.targets)?;
    // One form, two writers: the CSV is the xlsx form's cells (its notes row a `#` comment).
    let form = sheets::template::page(&targets);
    let bytes = encode(&csv_text(&form.text_rows()), args.encoding);
    let mut files = Vec::new();
    if let Some(path) = &args.out {
        files.push(OutputFile::new(path, bytes.clone()));
    }
    if let Some(path) = &args.xlsx {
        let book = xlsx::render(std::slice::from_ref(&form)).map_err(|e| xlsx::failed(path, &e))?;
        files.push(OutputFile::new(path, book));
    }
    if files.is_empty() {
        out.write_all(&bytes)?;
        return Ok(());
    }
    write_set(&files, std::slice::from_ref(&args.targets))?;
    let n: usize = targets.tables.iter().map(|t| t.indicators.len()).sum();
    for f in &files {
        writeln!(
            out,
            "已写出 {}：{} 个表，{} 个指标",
            f.path.display(),
            targets.tables.len(),
            n
        )?;
    }
    Ok(())
}
