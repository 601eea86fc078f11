//! `jixiao template TARGETS [--out FILE]`: the actuals CSV skeleton — every indicator with an
//! empty 实际完成值, and a 预算执行率 row per table. Staff fill it in Excel, then score it.

use std::io::Write;
use std::path::PathBuf;

use jixiao::output::{csv_bytes, write_atomic};
use jixiao::{sheets, targets};

#[derive(clap::Args)]
pub struct Args {
    /// 目标文件 (TOML) — the targets file
    targets: PathBuf,
    /// 模板文件；不写则输出到标准输出 — the file to write (default: standard output)
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(args: Args, out: &mut impl Write) -> super::Result {
    let targets = targets::load(&args.targets)?;
    let bytes = csv_bytes(&sheets::template_rows(&targets));
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
