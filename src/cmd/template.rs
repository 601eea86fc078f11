//! `jixiao template TARGETS [--out FILE]`: the actuals CSV skeleton — every indicator with an
//! empty 实际完成值, and a 预算执行率 row per table. Staff fill it in Excel, then score it.

use std::io::Write;
use std::path::PathBuf;

use jixiao::input::Encoding;
use jixiao::output::{csv_text, encode, write_atomic};
use jixiao::{sheets, targets};

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
}

pub fn run(args: Args, out: &mut impl Write) -> super::Result {
    // Weights that do not add up do not change the skeleton: `check` reports them.
    let targets = targets::load_lenient(&args.targets)?;
    let bytes = encode(&csv_text(&sheets::template_rows(&targets)), args.encoding);
    match &args.out {
        Some(path) => {
            write_atomic(path, &bytes, std::slice::from_ref(&args.targets))?;
            let n: usize = targets.tables.iter().map(|t| t.indicators.len()).sum();
            writeln!(
                out,
                "已写出 {}：{} 个表，{} 个指标",
                path.display(),
                targets.tables.len(),
                n
            )?;
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}
