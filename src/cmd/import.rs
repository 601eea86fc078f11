//! `jixiao import DISCLOSURE.txt|TABLE.csv|TABLE.xlsx [--out targets.toml]`: a published 绩效目标表
//! turned into a targets file, with `# 待核对` comments where the reader was not sure, and a
//! summary per table. The file is written whole or not at all; without `--out` it goes to
//! standard output (the summary then goes to standard error).

use std::io::Write;
use std::path::PathBuf;

use jixiao::import;
use jixiao::output::write_atomic;

#[derive(clap::Args)]
pub struct Args {
    /// 预算公开的文字（PDF 提取的 .txt）、绩效目标表 .csv 或 .xlsx — the disclosure text or the sheet
    input: PathBuf,
    /// 写出的目标文件；不写则输出到标准输出 — the targets file to write (default: standard output)
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(args: Args, out: &mut impl Write) -> super::Result {
    let mut draft = import::read(&args.input)?;
    let text = import::write::render(&mut draft, &args.input)?;
    let summary = import::summary(&draft, &args.input.display().to_string());
    match &args.out {
        Some(path) => {
            write_atomic(path, text.as_bytes(), std::slice::from_ref(&args.input))?;
            for l in &summary {
                writeln!(out, "{l}")?;
            }
            writeln!(
                out,
                "已写出 {}：请核对「# 待核对」各处，再运行 jixiao check {}",
                path.display(),
                path.display()
            )?;
        }
        None => {
            out.write_all(text.as_bytes())?;
            let mut err = std::io::stderr().lock();
            for l in &summary {
                let _ = writeln!(err, "{l}");
            }
        }
    }
    Ok(())
}
