//! `jixiao score TARGETS ACTUALS [--out DIR] [--xlsx FILE]`: writes DIR/scores.csv,
//! DIR/summary.csv and the 自评表 workbook (DIR/自评表.xlsx unless `--xlsx` names another file).

use std::io::Write;
use std::path::PathBuf;

use jixiao::input::Encoding;
use jixiao::output::{csv_text, encode, write_set, OutputFile};
use jixiao::scoring::two;
use jixiao::{actuals, scoring, sheets, xlsx};

#[derive(clap::Args)]
pub struct Args {
    /// 目标文件 (TOML) — the targets file
    targets: PathBuf,
    /// 实际完成值文件 (CSV 或 xlsx) — the actuals file
    actuals: PathBuf,
    /// 输出文件夹 — where scores.csv, summary.csv and 自评表.xlsx are written
    #[arg(long, default_value = "scores")]
    out: PathBuf,
    /// 编码: auto（读取时自动识别，写出 UTF-8 带 BOM）、utf-8、gbk（读取与写出均为 GBK）
    #[arg(long, default_value = "auto")]
    encoding: Encoding,
    /// 自评表工作簿 (xlsx) — where the workbook is written (default: 自评表.xlsx in --out)
    #[arg(long)]
    xlsx: Option<PathBuf>,
}

/// The workbook's file name in the output folder.
pub const WORKBOOK: &str = "自评表.xlsx";

pub fn run(args: Args, out: &mut impl Write) -> super::Result {
    // Both files are loaded together so that every problem of both is listed.
    let (targets, actuals) =
        actuals::load_with_targets(&args.targets, &args.actuals, args.encoding)?;
    let report = scoring::score(&targets, &actuals)?;
    // Everything is computed before anything is written: a failure leaves no partial output.
    let scores = encode(&csv_text(&sheets::score_rows(&report)), args.encoding);
    let summary = encode(&csv_text(&sheets::summary_rows(&report)), args.encoding);
    let inputs = [args.targets.clone(), args.actuals.clone()];
    let scores_path = args.out.join("scores.csv");
    let summary_path = args.out.join("summary.csv");
    let book_path = args.xlsx.clone().unwrap_or_else(|| args.out.join(WORKBOOK));
    let book = xlsx::render(&sheets::form::pages(&report, &targets, &actuals))
        .map_err(|e| xlsx::failed(&book_path, &e))?;
    // The sheets are one set: all are replaced, or none.
    write_set(
        &[
            OutputFile::new(&scores_path, scores),
            OutputFile::new(&summary_path, summary),
            OutputFile::new(&book_path, book),
        ],
        &inputs,
    )?;

    // Warnings about the file as a whole (columns not read) are not in any sheet: say them here.
    for w in &actuals.warnings {
        writeln!(std::io::stderr(), "警告: {} {w}", args.actuals.display())?;
    }
    writeln!(out, "{} {}年 绩效自评", report.department, report.year)?;
    for t in &report.tables {
        let warnings: usize = t
            .rows
            .iter()
            .map(|r| r.outcome.warnings.len())
            .sum::<usize>()
            + t.budget.as_ref().map_or(0, |b| b.warnings.len());
        let budget = t
            .budget
            .as_ref()
            .map(|b| {
                format!(
                    "执行率 {}%",
                    two(b.rate * rust_decimal::Decimal::ONE_HUNDRED)
                )
            })
            .unwrap_or_else(|| "无预算数".into());
        writeln!(
            out,
            "  {:>6}  {}  {}（{}，{} 条提示）",
            two(t.final_score()),
            t.grade,
            t.name,
            budget,
            warnings
        )?;
    }
    writeln!(
        out,
        "已写出 {}、{} 和 {}",
        scores_path.display(),
        summary_path.display(),
        book_path.display()
    )?;
    Ok(())
}
