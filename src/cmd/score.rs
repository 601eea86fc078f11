//! `jixiao score TARGETS ACTUALS [--out DIR] [--xlsx FILE]`: writes DIR/scores.csv,
//! DIR/summary.csv and the 自评表 workbook (DIR/自评表.xlsx unless `--xlsx` names another file).
//! `jixiao score --batch BUREAU --out DIR`: every department of a bureau (see `jixiao::batch`).

use std::io::Write;
use std::path::PathBuf;

use jixiao::department::{score_files, table_warnings, Destination, Workbook};
use jixiao::input::Encoding;
use jixiao::output::Durability;
use jixiao::scoring::two;

#[derive(clap::Args)]
pub struct Args {
    /// 目标文件 (TOML) — the targets file
    #[arg(required_unless_present = "batch", conflicts_with = "batch")]
    targets: Option<PathBuf>,
    /// 实际完成值文件 (CSV 或 xlsx) — the actuals file
    #[arg(required_unless_present = "batch", conflicts_with = "batch")]
    actuals: Option<PathBuf>,
    /// 批量：文件夹（每个子文件夹一个单位，含一个 .toml 与一个 .csv 或 .xlsx）或清单 CSV（单位,targets,actuals）
    /// — score every department of a bureau
    #[arg(long, value_name = "DIR|MANIFEST")]
    batch: Option<PathBuf>,
    /// 输出文件夹 — where scores.csv, summary.csv and 自评表.xlsx are written (with --batch: one
    /// folder per department and 汇总.csv)
    #[arg(long, default_value = "scores")]
    out: PathBuf,
    /// 编码: auto（读取时自动识别，写出 UTF-8 带 BOM）、utf-8、gbk（读取与写出均为 GBK）
    #[arg(long, default_value = "auto")]
    encoding: Encoding,
    /// 自评表工作簿 (xlsx) — where the workbook is written (default: 自评表.xlsx in --out)
    #[arg(long, conflicts_with = "batch")]
    xlsx: Option<PathBuf>,
    /// 不写自评表工作簿，只写 CSV — write the CSVs only (with --batch: no workbook per department)
    #[arg(long, conflicts_with = "xlsx")]
    no_xlsx: bool,
}

pub fn run(args: Args, out: &mut impl Write) -> super::Result {
    let (targets, actuals) = match (&args.batch, args.targets, args.actuals) {
        (Some(bureau), _, _) => {
            return super::batch::run(bureau, &args.out, args.encoding, !args.no_xlsx, out)
        }
        (None, Some(t), Some(a)) => (t, a),
        // clap requires both files without --batch.
        _ => unreachable!("clap requires TARGETS and ACTUALS without --batch"),
    };
    let to = Destination {
        folder: &args.out,
        workbook: match (&args.xlsx, args.no_xlsx) {
            (Some(file), _) => Workbook::At(file),
            (None, true) => Workbook::Skip,
            (None, false) => Workbook::InFolder,
        },
    };
    let scored = score_files(&targets, &actuals, to, args.encoding, Durability::EachFile)?;
    // Warnings about the file as a whole (columns not read) are not in any sheet: say them here.
    for w in &scored.warnings {
        writeln!(std::io::stderr(), "警告: {} {w}", actuals.display())?;
    }
    let report = &scored.report;
    writeln!(out, "{} {}年 绩效自评", report.department, report.year)?;
    for t in &report.tables {
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
            table_warnings(t)
        )?;
    }
    let names: Vec<String> = scored
        .written
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    if let Some((last, rest)) = names.split_last() {
        writeln!(out, "已写出 {} 和 {last}", rest.join("、"))?;
    }
    Ok(())
}
