//! `jixiao check TARGETS [ACTUALS]`: loads and validates everything, prints how every rule was
//! read (its canonical form) and every lint warning. Exit 0 when there is no error.

use std::io::Write;
use std::path::PathBuf;

use jixiao::input::Encoding;
use jixiao::{actuals, scoring, targets};

#[derive(clap::Args)]
pub struct Args {
    /// 目标文件 (TOML) — the targets file
    targets: PathBuf,
    /// 实际完成值文件 (CSV 或 xlsx), 可选 — the actuals file, optional
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
    let mut notes = Vec::new();
    if let Some((path, a)) = &actuals {
        // Score as `score` will: a row that cannot be scored is an error here too.
        scoring::score(&targets, a)?;
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
        notes = row_notes(&targets, a);
    }
    for w in &warnings {
        writeln!(out, "警告: {w}")?;
    }
    let mut count = 0;
    for (table, lines) in &notes {
        writeln!(out, "提示 表「{table}」:")?;
        for l in lines {
            writeln!(out, "  {l}")?;
        }
        count += lines.len();
    }
    if notes.is_empty() {
        writeln!(out, "检查通过：没有错误，{} 条警告", warnings.len())?;
    } else {
        writeln!(
            out,
            "检查通过：没有错误，{} 条警告，{count} 条评分提示",
            warnings.len()
        )?;
    }
    Ok(())
}

/// The 提示 the score sheet will carry, by table: what scoring finds (a miss without its
/// 偏差原因, execution below 90 %, an overshoot …), each with its line in the actuals file.
/// Reading warnings and target lints are listed as 警告 already and are not repeated.
fn row_notes(targets: &targets::Targets, a: &actuals::Actuals) -> Vec<(String, Vec<String>)> {
    let config = &targets.config;
    let mut out = Vec::new();
    for (ti, t) in targets.tables.iter().enumerate() {
        let mut lines = Vec::new();
        for (ii, ind) in t.indicators.iter().enumerate() {
            let Some(row) = a.rows.get(&(ti, ii)) else {
                continue;
            };
            // Scoring errors were reported by `scoring::score` above.
            let Ok(outcome) = scoring::score_indicator(ind, &row.value, &row.reason, config) else {
                continue;
            };
            for w in outcome.warnings {
                lines.push(format!("第{}行 {}: {w}", row.line, ind.name));
            }
        }
        match a.budgets.get(&ti) {
            Some(b) => {
                let warnings = scoring::score_budget(b, config).map_or(Vec::new(), |s| s.warnings);
                for w in warnings {
                    lines.push(format!("第{}行 {}: {w}", b.line, actuals::BUDGET_ROW));
                }
            }
            None => lines.push("合计: 预算执行率不适用（无预算数），合计按百分制折算".to_string()),
        }
        if !lines.is_empty() {
            out.push((t.name.clone(), lines));
        }
    }
    out
}
