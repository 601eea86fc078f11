//! `jixiao check TARGETS [ACTUALS]`: loads and validates everything, prints how every rule was
//! read (its canonical form) and every lint warning. Exit 0 when there is no error.

use std::io::Write;
use std::path::PathBuf;

use jixiao::input::Encoding;
use jixiao::{actuals, targets};

#[derive(clap::Args)]
pub struct Args {
    /// 目标文件 (TOML) — the targets file
    targets: PathBuf,
    /// 实际完成值文件 (CSV), 可选 — the actuals file, optional
    actuals: Option<PathBuf>,
    /// 实际完成值文件的编码: auto, utf-8, gbk
    #[arg(long, default_value = "auto")]
    encoding: Encoding,
}

pub fn run(args: Args, out: &mut impl Write) -> super::Result {
    // With actuals, both files are loaded together so that every problem of both is listed.
    let (targets, actuals) = match &args.actuals {
        Some(path) => {
            let (t, a) = actuals::load_with_targets(&args.targets, path, args.encoding)?;
            (t, Some((path, a)))
        }
        None => (targets::load(&args.targets)?, None),
    };
    let indicators: usize = targets.tables.iter().map(|t| t.indicators.len()).sum();
    writeln!(
        out,
        "{}：{} {}年，{} 个表，{} 个指标",
        args.targets.display(),
        targets.department,
        targets.year,
        targets.tables.len(),
        indicators
    )?;
    for t in &targets.tables {
        for i in t.indicators.iter().filter(|i| i.rule.is_some()) {
            if let Some(r) = &i.rule {
                writeln!(out, "  规则 {} / {}: {}", t.name, i.name, r.rule)?;
            }
        }
    }
    let mut warnings = targets.warnings();
    if let Some((path, a)) = &actuals {
        writeln!(
            out,
            "{}：{} 个指标的实际完成值，{} 个表的预算数",
            path.display(),
            a.rows.len(),
            a.budgets.len()
        )?;
        for w in &a.warnings {
            warnings.push(format!("{} {w}", path.display()));
        }
        let mut rows: Vec<_> = a.rows.iter().collect();
        rows.sort_by_key(|(_, r)| r.line);
        for (_, r) in rows {
            for w in &r.warnings {
                warnings.push(format!("{} 第{}行: {w}", path.display(), r.line));
            }
        }
    }
    for w in &warnings {
        writeln!(out, "警告: {w}")?;
    }
    writeln!(out, "检查通过：没有错误，{} 条警告", warnings.len())?;
    Ok(())
}
