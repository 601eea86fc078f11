//! `jixiao score --batch BUREAU --out DIR`: the batch half of `score` — every department of a
//! bureau through the single-department path (`jixiao::batch`), with a progress bar on a terminal.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jixiao::batch;
use jixiao::input::Encoding;

/// Runs the batch; exit code 1 when any department failed (the others are still written).
pub fn run(
    bureau: &Path,
    out_dir: &Path,
    encoding: Encoding,
    workbook: bool,
    out: &mut impl Write,
) -> super::Result {
    // The rule patterns are compiled while the folders are listed (both on all cores).
    let (departments, ()) = rayon::join(
        || batch::departments(bureau, out_dir),
        jixiao::rules::parse::compile_patterns,
    );
    let departments = departments?;
    let bar = Progress::new(departments.len() as u64);
    let outcome = batch::run(&departments, out_dir, encoding, workbook, &|| bar.tick())?;
    bar.finish();
    let mut err = std::io::stderr().lock();
    for (name, problems) in &outcome.failed {
        writeln!(
            err,
            "错误: 单位「{name}」未能计分：共 {problems} 个错误（见 {}）",
            outcome.summary.display()
        )?;
    }
    writeln!(
        out,
        "{} 个单位：{} 个已打分，{} 个未能计分",
        departments.len(),
        outcome.scored,
        outcome.failed.len()
    )?;
    writeln!(
        out,
        "已写出 {}，各单位的评分表在 {}",
        outcome.summary.display(),
        out_dir.join("<单位>").display()
    )?;
    if outcome.failed.is_empty() {
        Ok(())
    } else {
        Err(super::Failure::Failed)
    }
}

/// A progress bar on standard error when it is a terminal, shown once the run has taken more
/// than a second; silent otherwise.
struct Progress {
    bar: ProgressBar,
    start: Instant,
    terminal: bool,
}

impl Progress {
    fn new(len: u64) -> Self {
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} 个单位 {elapsed} 剩余 {eta}")
        {
            bar.set_style(style);
        }
        Progress {
            bar,
            start: Instant::now(),
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn tick(&self) {
        self.bar.inc(1);
        if self.terminal && self.bar.is_hidden() && self.start.elapsed() > Duration::from_secs(1) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
