//! `cargo bench --bench batch`: a bureau's batch against the parsing floor, side by side in one
//! run. A plain bench binary (no timed tests).
//!
//! Workloads: 50, 1 000 and 5 000 departments (`cargo bench --bench batch -- 1000`: only those
//! named), each a copy of the shipped example (24 tables,
//! 184 indicators, 208 actuals rows) under its own department name, generated once under
//! `target/bench-batch/`. For each:
//! - **floor**: read both files of every department and deserialize them with the toml and csv
//!   crates into plain serde structs — nothing else (no checks, no scoring, no output) — once on
//!   one thread and once on the same rayon pool as jixiao;
//! - **floor + writing** (`+w`): the floor, and for every department the CSV sheets jixiao
//!   writes for one department of the workload (made once with `jixiao score --no-xlsx`),
//!   written the way a batch writes them: a new folder, temporary files renamed into place, one
//!   `syncfs` at the end. What writing the output costs without checking or scoring anything;
//! - **jixiao**: `jixiao::batch::run`, the whole run: load, check, score, lay out and write every
//!   department's sheets (all or nothing each) and the bureau summary.
//!
//! Both run as processes of their own, on the same files, one after the other: jixiao is the
//! release binary (`jixiao score --batch DIR --out OUT`), the floor is this binary run again with
//! `--floor`. Time is the median wall time of a few paired rounds (each round runs every
//! contender once, one after the other, so a slow moment of the machine falls on all alike);
//! memory is each process's peak resident set (getrusage maxrss, read through wait4), so both
//! are measured the same way. Every input is read once before each run (a warm page cache for
//! all). Both run on the same allocator (jemalloc, an arena per CPU on Linux). The floor is run
//! single-threaded and on the same number of threads as jixiao (rayon, one per core), and the
//! ratios to both are printed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Deserialize;

/// The floor runs on the allocator jixiao runs on, with the same options.
#[path = "../src/allocator.rs"]
mod allocator;

// The floor's plain structs: every field of the files, as text or TOML values.

#[derive(Deserialize)]
#[allow(dead_code)]
struct FloorTargets {
    department: String,
    year: i64,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    scoring: Option<toml::Table>,
    #[serde(default)]
    table: Vec<FloorTable>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct FloorTable {
    name: String,
    #[serde(default)]
    goal: Option<String>,
    #[serde(default)]
    allow_bonus: Option<bool>,
    #[serde(default)]
    budget: Option<toml::Value>,
    #[serde(default)]
    indicator: Vec<FloorIndicator>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct FloorIndicator {
    level1: String,
    level2: String,
    name: String,
    #[serde(default)]
    description: Option<String>,
    target: String,
    #[serde(default)]
    basis: Option<String>,
    #[serde(default)]
    rule: Option<toml::Value>,
    #[serde(default)]
    weight: Option<toml::Value>,
    #[serde(default)]
    direction: Option<String>,
    #[serde(default)]
    weight_from_rule: Option<bool>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct FloorRow {
    #[serde(rename = "表")]
    table: String,
    #[serde(rename = "一级指标")]
    level1: String,
    #[serde(rename = "二级指标")]
    level2: String,
    #[serde(rename = "三级指标")]
    name: String,
    #[serde(rename = "年度指标值")]
    target: String,
    #[serde(rename = "实际完成值")]
    actual: String,
    #[serde(rename = "全年预算数")]
    budget: String,
    #[serde(rename = "全年执行数")]
    spent: String,
    #[serde(rename = "偏差原因分析及改进措施")]
    reason: String,
}

/// The floor for one department: both files read and deserialized; returns the rows read.
fn floor_one(targets: &Path, actuals: &Path) -> usize {
    let text = std::fs::read_to_string(targets).expect("targets");
    let t: FloorTargets = toml::from_str(&text).expect("floor targets");
    let mut csv = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_path(actuals)
        .expect("actuals");
    let rows: Vec<FloorRow> = csv
        .deserialize()
        .collect::<Result<_, _>>()
        .expect("floor actuals");
    std::hint::black_box(&t);
    rows.len()
}

/// `departments` copies of the example under `root`, made once; returns the bureau folder.
fn workload(root: &Path, departments: usize) -> PathBuf {
    let bureau = root.join(format!("bureau-{departments}"));
    let done = bureau.join(".complete");
    if done.exists() {
        return bureau;
    }
    let targets = std::fs::read_to_string("targets/anci-2023.toml").expect("the example");
    let actuals = std::fs::read_to_string("actuals/anci-2023.csv").expect("the example");
    let department = targets
        .lines()
        .find(|l| l.starts_with("department ="))
        .expect("a department line")
        .to_string();
    for k in 0..departments {
        let dir = bureau.join(format!("单位{k:05}"));
        std::fs::create_dir_all(&dir).unwrap();
        let own = targets.replacen(&department, &format!("department = \"单位{k:05}\""), 1);
        std::fs::write(dir.join("targets.toml"), own).unwrap();
        std::fs::write(dir.join("actuals.csv"), &actuals).unwrap();
    }
    std::fs::write(&done, "").unwrap();
    bureau
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// A process's wall time, CPU time (user + system, all threads) and peak resident set (KiB).
struct Figures {
    time: Duration,
    cpu: Duration,
    peak_kib: i64,
}

fn seconds(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// One run of `command`: its wall time, CPU time and peak resident set.
fn run_once(mut command: Command) -> (Duration, Duration, i64) {
    let start = Instant::now();
    // Waited for by wait4 below, which also gives its resource usage.
    #[allow(clippy::zombie_processes)]
    let child = command
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("a process");
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value; wait4 fills it for this child alone.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let time = start.elapsed();
    assert!(pid > 0 && libc::WIFEXITED(status), "the process failed");
    assert_eq!(libc::WEXITSTATUS(status), 0, "the process failed");
    (
        time,
        seconds(usage.ru_utime) + seconds(usage.ru_stime),
        usage.ru_maxrss,
    )
}

/// Runs every command of `contenders` once per round, one after the other, for `rounds` rounds
/// (paired runs: a slow moment of the machine falls on all of them alike); the median wall and
/// CPU time of each, and its largest peak resident set.
fn run_paired(
    rounds: usize,
    warm: &dyn Fn(),
    contenders: &mut [&mut dyn FnMut() -> Command],
) -> Vec<Figures> {
    let mut seen: Vec<(Vec<Duration>, Vec<Duration>, i64)> =
        contenders.iter().map(|_| (vec![], vec![], 0)).collect();
    for _ in 0..rounds {
        for (command, (times, cpus, peak)) in contenders.iter_mut().zip(&mut seen) {
            warm();
            let (time, cpu, kib) = run_once(command());
            times.push(time);
            cpus.push(cpu);
            *peak = (*peak).max(kib);
        }
    }
    seen.into_iter()
        .map(|(times, cpus, peak_kib)| Figures {
            time: median(times),
            cpu: median(cpus),
            peak_kib,
        })
        .collect()
}

/// Reads every file of every department folder of `bureau` (to warm the page cache).
fn read_all(bureau: &Path) {
    for dir in std::fs::read_dir(bureau).expect("the workload").flatten() {
        for file in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            std::hint::black_box(std::fs::read(file.path()).ok());
        }
    }
}

/// `--floor DIR THREADS [--write OUT SHEETS]`: the floor over every department folder of DIR;
/// with `--write`, each department also writes the sheets of SHEETS (a folder holding one
/// department's sheets, as jixiao wrote them) into `OUT/<department>/`.
fn floor(bureau: &Path, threads: usize, write: Option<(&Path, &Path)>) {
    let mut files: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(bureau)
        .expect("the workload")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| (e.path().join("targets.toml"), e.path().join("actuals.csv")))
        .collect();
    files.sort();
    let sheets: Vec<(std::ffi::OsString, Vec<u8>)> = match write {
        None => vec![],
        Some((_, from)) => {
            let mut v: Vec<_> = std::fs::read_dir(from)
                .expect("the reference sheets")
                .flatten()
                .map(|e| (e.file_name(), std::fs::read(e.path()).expect("a sheet")))
                .collect();
            v.sort();
            v
        }
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a pool");
    let rows: usize = pool.install(|| {
        files
            .par_iter()
            .map(|(t, a)| {
                let rows = floor_one(t, a);
                if let Some((out, _)) = write {
                    let name = t.parent().and_then(Path::file_name).expect("a folder");
                    write_sheets(&out.join(name), &sheets);
                }
                rows
            })
            .sum()
    });
    if let Some((out, _)) = write {
        flush(out);
    }
    println!("{rows}");
}

/// Writes `sheets` into `folder` the way jixiao writes a batch department's sheets: a new
/// folder, each file to a temporary file beside it and renamed into place, not flushed one by
/// one (the file system is flushed once at the end, [`flush`]).
fn write_sheets(folder: &Path, sheets: &[(std::ffi::OsString, Vec<u8>)]) {
    use std::io::Write;
    std::fs::create_dir_all(folder).expect("a department folder");
    let temps: Vec<_> = sheets
        .iter()
        .map(|(_, bytes)| {
            let mut tmp = tempfile::Builder::new()
                .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666))
                .tempfile_in(folder)
                .expect("a temporary file");
            tmp.write_all(bytes).expect("a sheet written");
            tmp
        })
        .collect();
    for (tmp, (name, _)) in temps.into_iter().zip(sheets) {
        tmp.persist(folder.join(name)).expect("a sheet renamed");
    }
}

/// `syncfs` of the file system holding `folder`, as jixiao's batch does before its summary.
fn flush(folder: &Path) {
    use std::os::fd::AsRawFd;
    let dir = std::fs::File::open(folder).expect("the output folder");
    // SAFETY: syncfs only reads the descriptor, which stays open for the call.
    assert_eq!(unsafe { libc::syncfs(dir.as_raw_fd()) }, 0, "syncfs");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(k) = args.iter().position(|a| a == "--floor") {
        let write = args
            .iter()
            .position(|a| a == "--write")
            .map(|w| (Path::new(&args[w + 1]), Path::new(&args[w + 2])));
        floor(
            Path::new(&args[k + 1]),
            args[k + 2].parse().expect("threads"),
            write,
        );
        return;
    }
    let me = std::env::current_exe().expect("this binary");
    let root = PathBuf::from("target/bench-batch");
    let threads = rayon::current_num_threads();
    println!(
        "copies of the example (24 tables, 184 indicators, 208 actuals rows each); jixiao on {threads} threads (rayon)"
    );
    println!("wall: median wall time of the process; cpu: its user + system time, all threads;");
    println!(
        "MiB: its peak resident set (getrusage maxrss via wait4); floor 1t/Nt: on 1 or {threads} threads;"
    );
    println!("+w 1t/Nt: the floor that also writes jixiao's CSV sheets for every department, on 1 or {threads} threads");
    println!(
        "{:>6} {:>8} {:>9} | {:>9} {:>9} {:>9} {:>9} {:>9} | {:>9} {:>9} {:>9} {:>9} | {:>8} | {:>9} {:>9} {:>9} | {:>9} {:>9} {:>9}",
        "depts", "rows", "sheets", "floor 1t", "floor Nt", "+w 1t", "+w Nt", "jixiao", "÷floor 1t", "÷floor Nt", "÷+w 1t", "÷+w Nt", "µs/row",
        "cpu floor", "cpu jx", "cpu ratio", "floor MiB", "jixiao MiB", "MiB ratio"
    );
    let outputs = root.join("out");
    let _ = std::fs::remove_dir_all(&outputs);
    // `cargo bench --bench batch -- 50 1000`: only these workloads (all three by default).
    let asked: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let workloads = [(50, 7), (1000, 5), (5000, 3)]
        .into_iter()
        .filter(|(n, _)| asked.is_empty() || asked.contains(n))
        .chain(
            asked
                .iter()
                .filter(|n| ![50, 1000, 5000].contains(*n))
                .map(|&n| (n, 3)),
        );
    for (departments, rounds) in workloads {
        let bureau = workload(&root, departments);
        let rows = 208 * departments;
        let floor_on = |n: usize| {
            let (me, bureau) = (&me, &bureau);
            move || {
                let mut c = Command::new(me);
                c.arg("--floor").arg(bureau).arg(n.to_string());
                c
            }
        };
        // Each jixiao run writes into a folder of its own, removed at the end of the bench:
        // ext4 looks longer for a free inode right after thousands were deleted (it skips
        // recently deleted ones), which would time the file system's bookkeeping of the
        // previous run, not jixiao (docs/batch.md).
        let run_number = std::cell::Cell::new(0);
        let jixiao_with = |sheets: &'static str, flags: &'static [&'static str]| {
            let (bureau, outputs, run_number) = (&bureau, &outputs, &run_number);
            move || {
                run_number.set(run_number.get() + 1);
                let out = outputs.join(format!("{departments}-{sheets}-{}", run_number.get()));
                let mut c = Command::new(env!("CARGO_BIN_EXE_jixiao"));
                c.args(["score", "--batch"])
                    .arg(bureau)
                    .arg("--out")
                    .arg(&out)
                    .args(flags);
                c
            }
        };
        // The floor that also writes: one department's sheets as jixiao writes them, written
        // for every department the way a batch writes them.
        let reference = root.join(format!("reference-{departments}"));
        let _ = std::fs::remove_dir_all(&reference);
        let first = bureau.join("单位00000");
        let made = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .arg("score")
            .arg(first.join("targets.toml"))
            .arg(first.join("actuals.csv"))
            .arg("--out")
            .arg(&reference)
            .arg("--no-xlsx")
            .stdout(std::process::Stdio::null())
            .status()
            .expect("jixiao");
        assert!(made.success(), "the reference sheets");
        let writing_on = |n: usize| {
            let (me, bureau, outputs, reference, run_number) =
                (&me, &bureau, &outputs, &reference, &run_number);
            move || {
                run_number.set(run_number.get() + 1);
                let out = outputs.join(format!("{departments}-floor-{}", run_number.get()));
                let mut c = Command::new(me);
                c.arg("--floor")
                    .arg(bureau)
                    .arg(n.to_string())
                    .arg("--write")
                    .arg(out)
                    .arg(reference);
                c
            }
        };
        let (mut writing, mut writing_parallel) = (writing_on(1), writing_on(threads));
        // The CSVs alone (`--no-xlsx`), and with the 自评表 workbook of every department (the
        // default).
        let (mut single, mut parallel) = (floor_on(1), floor_on(threads));
        let mut csv = jixiao_with("csv", &["--no-xlsx"]);
        let mut book = jixiao_with("csv+xlsx", &[]);
        // Every input is read once before each run, so that each starts from the same page
        // cache (this machine's kernel evicts files not read for a while; the first run of a
        // round would otherwise read them from disk for the others).
        let warm = || read_all(&bureau);
        let figures = run_paired(
            rounds,
            &warm,
            &mut [
                &mut single,
                &mut parallel,
                &mut writing,
                &mut writing_parallel,
                &mut csv,
                &mut book,
            ],
        );
        let [single, parallel, writing, writing_parallel, csv, book] = &figures[..] else {
            unreachable!("six contenders")
        };
        for (sheets, jixiao) in [("csv", csv), ("csv+xlsx", book)] {
            let ratio = |f: &Figures| jixiao.time.as_secs_f64() / f.time.as_secs_f64();
            let mib = |kib: i64| kib as f64 / 1024.0;
            println!(
            "{departments:>6} {rows:>8} {sheets:>9} | {:>8.3}s {:>8.3}s {:>8.3}s {:>8.3}s {:>8.3}s | {:>8.2}× {:>8.2}× {:>8.2}× {:>8.2}× | {:>8.2} | {:>8.3}s {:>8.3}s {:>8.2}× | {:>9.1} {:>9.1} {:>8.2}×",
            single.time.as_secs_f64(),
            parallel.time.as_secs_f64(),
            writing.time.as_secs_f64(),
            writing_parallel.time.as_secs_f64(),
            jixiao.time.as_secs_f64(),
            ratio(single),
            ratio(parallel),
            ratio(writing),
            ratio(writing_parallel),
            jixiao.time.as_secs_f64() * 1e6 / rows as f64,
            single.cpu.as_secs_f64(),
            jixiao.cpu.as_secs_f64(),
            jixiao.cpu.as_secs_f64() / single.cpu.as_secs_f64(),
            mib(single.peak_kib.max(parallel.peak_kib)),
            mib(jixiao.peak_kib),
            jixiao.peak_kib as f64 / single.peak_kib.max(parallel.peak_kib) as f64,
        );
        }
    }
    let _ = std::fs::remove_dir_all(&outputs);
}
