//! The `jixiao` command: parses arguments, runs one subcommand, turns errors into exit codes
//! (0 success, 1 bad input, 2 usage). The work is in the library; each subcommand is in `cmd/`.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

#[derive(Parser)]
#[command(
    name = "jixiao",
    version,
    about = "绩效自评：按预算公开的绩效目标为年终实际完成值打分 — score budget performance indicators"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 打分：写出 scores.csv、summary.csv 与 自评表.xlsx — score the actuals against the targets
    Score(cmd::score::Args),
    /// 生成实际完成值填报模板（CSV 或 xlsx）— write the actuals template for the targets
    Template(cmd::template::Args),
    /// 检查目标文件（及实际完成值文件），列出警告 — validate files and print lint warnings
    Check(cmd::check::Args),
    /// 解读一条评分标准，并可代入实际值计分 — show how a rule text is read and scored
    Explain(cmd::explain::Args),
    /// 从预算公开的文字或绩效目标表导入目标文件 — import targets from a disclosure or a sheet
    Import(cmd::import::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let mut out = std::io::stdout().lock();
    let result = match cli.command {
        Command::Score(args) => cmd::score::run(args, &mut out),
        Command::Template(args) => cmd::template::run(args, &mut out),
        Command::Check(args) => cmd::check::run(args, &mut out),
        Command::Explain(args) => cmd::explain::run(args, &mut out),
        Command::Import(args) => cmd::import::run(args, &mut out),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(cmd::Failure::Jixiao(e)) => {
            let _ = out.flush();
            let _ = writeln!(std::io::stderr(), "{e}");
            ExitCode::from(1)
        }
        Err(cmd::Failure::Failed) => ExitCode::from(1),
        // `jixiao score … | head`: the reader went away; that is a normal end.
        Err(cmd::Failure::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(cmd::Failure::Io(e)) => {
            let _ = writeln!(std::io::stderr(), "错误: 无法写出到标准输出: {e}");
            ExitCode::from(1)
        }
    }
}

mod allocator;
