//! The `jixiao` binary run as a user runs it, in a scratch folder holding copies of the shipped
//! example. Snapshots pin what the user sees: standard output, standard error and exit code.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Exit code, then stdout and stderr: what a session shows.
    fn session(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch folder with `targets.toml` and `actuals.csv`, copies of the shipped example.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        root().join("targets/anci-2023.toml"),
        dir.path().join("targets.toml"),
    )
    .unwrap();
    fs::copy(
        root().join("actuals/anci-2023.csv"),
        dir.path().join("actuals.csv"),
    )
    .unwrap();
    dir
}

fn jixiao(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn read_csv(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    assert!(
        text.starts_with('\u{FEFF}'),
        "{} has no BOM",
        path.display()
    );
    text
}

#[test]
fn score_writes_both_sheets_with_a_bom_and_prints_a_summary() {
    let dir = scratch();
    let run = jixiao(dir.path(), &["score", "targets.toml", "actuals.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let scores = read_csv(&dir.path().join("scores/scores.csv"));
    let summary = read_csv(&dir.path().join("scores/summary.csv"));
    // 184 indicators, 24 budget rows, 24 totals, 1 converted total, 1 header.
    assert_eq!(scores.lines().count(), 184 + 24 + 24 + 1 + 1);
    assert_eq!(summary.lines().count(), 25);
    assert!(scores.starts_with("\u{FEFF}表,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,扣分说明,偏差原因分析及改进措施,提示\r\n"));
    insta::assert_snapshot!(run.session());
}

#[test]
fn score_to_another_folder() {
    let dir = scratch();
    let run = jixiao(
        dir.path(),
        &["score", "targets.toml", "actuals.csv", "--out", "out/2023"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("out/2023/scores.csv").is_file());
    assert!(dir.path().join("out/2023/summary.csv").is_file());
}

#[test]
fn template_lists_every_indicator_and_a_budget_row_per_table() {
    let dir = scratch();
    let run = jixiao(
        dir.path(),
        &["template", "targets.toml", "--out", "template.csv"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "已写出 template.csv：24 个表，184 个指标\n");
    let text = read_csv(&dir.path().join("template.csv"));
    // The xlsx form's cells: a `#` notes row, the header, every indicator, and per table the
    // 预算执行率 row, the three funding rows and the 年度总体目标 row.
    assert_eq!(text.lines().count(), 2 + 184 + 24 * 5);
    assert!(text
        .trim_start_matches('\u{feff}')
        .starts_with("# 填写说明"));
    assert!(text.contains(
        "\r\n表,一级指标,二级指标,三级指标,年度指标值,实际完成值,单位,年初预算数,全年预算数,全年执行数,偏差原因分析及改进措施\r\n"
    ));
    assert!(
        text.contains("\r\n部门整体支出绩效指标,产出指标,数量,重大节点安保次数,≥ 4 次,,次,,,,\r\n")
    );
    assert_eq!(text.matches(",预算执行率,,预算执行率,").count(), 24);
    assert_eq!(
        text.matches(",,,其中：财政拨款,（选填）,,万元,,,,").count(),
        24
    );
    assert_eq!(text.matches(",,,年度总体目标,").count(), 24);
}

#[test]
fn a_filled_template_scores() {
    // The staff workflow: template → fill in → score. Fill every actual with a met value.
    let dir = scratch();
    assert_eq!(
        jixiao(dir.path(), &["template", "targets.toml", "--out", "t.csv"]).code,
        0
    );
    let text = fs::read_to_string(dir.path().join("t.csv")).unwrap();
    let mut filled = String::new();
    for (n, line) in text.lines().enumerate() {
        let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
        // Row 0 is the `#` notes row, row 1 the header; funding and goal rows stay blank.
        let optional = cells.len() > 4 && cells[4] == "（选填）" || line.contains(",年度总体目标,");
        if n > 1 && cells.len() == 11 && !optional {
            if cells[3] == "预算执行率" {
                cells[8] = "100".into();
                cells[9] = "100".into();
            } else {
                let target = cells[4]
                    .trim_start_matches(['≥', '≤', '=', ' '])
                    .replace(' ', "");
                cells[5] = if target.starts_with(|c: char| c.is_ascii_digit()) {
                    target
                } else {
                    "达成".into()
                };
            }
        }
        filled.push_str(&cells.join(","));
        filled.push('\n');
    }
    fs::write(dir.path().join("t.csv"), filled).unwrap();
    let run = jixiao(dir.path(), &["score", "targets.toml", "t.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = read_csv(&dir.path().join("scores/summary.csv"));
    assert_eq!(summary.matches(",100.00,优").count(), 24, "{summary}");
}

#[test]
fn check_prints_rules_and_the_disclosures_oddities() {
    let dir = scratch();
    let run = jixiao(dir.path(), &["check", "targets.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run
        .stdout
        .contains("公用经费控制率」: 评分标准的措辞为正向指标，与指标值「≤100 %」"));
    assert!(run.stdout.contains("「10%」重复出现"));
    assert!(run.stdout.contains("指标值「≥100百分比」无法超过"));
    insta::assert_snapshot!(run.session());
}

#[test]
fn check_with_actuals() {
    let dir = scratch();
    let run = jixiao(dir.path(), &["check", "targets.toml", "actuals.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run
        .stdout
        .contains("actuals.csv：184 个指标的实际完成值，24 个表的预算数"));
    assert!(run.stdout.contains("实际完成值带有比较符号「≥」"));
    // The sheet's 提示, by table, each with its line: not only their count.
    assert!(
        run.stdout.contains(
            "提示 表「禁毒因素中央经费（冀财政法〔2022〕55号）」:\n  第109行 预算执行率: 执行率82%低于90%，需说明原因\n"
        ),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .contains("  第12行 案件投诉率: 未达到指标值或有扣分，但未填写偏差原因分析及改进措施\n"));
    assert!(run
        .stdout
        .ends_with("检查通过：没有错误，17 条警告，13 条评分提示\n"));
}

#[test]
fn template_does_not_need_valid_weights_but_check_reports_the_sum() {
    let dir = scratch();
    let text = fs::read_to_string(dir.path().join("targets.toml")).unwrap();
    let off = text.replacen(
        "basis = \"工作计划\"",
        "basis = \"工作计划\"\nweight = 60",
        1,
    );
    fs::write(dir.path().join("w.toml"), off).unwrap();
    let template = jixiao(dir.path(), &["template", "w.toml", "--out", "t.csv"]);
    assert_eq!(template.code, 0, "{}", template.stderr);
    assert_eq!(
        read_csv(&dir.path().join("t.csv")).lines().count(),
        2 + 184 + 24 * 5
    );
    let check = jixiao(dir.path(), &["check", "w.toml"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stderr.contains("产出指标已写分值之和超过该组的总分"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("读到: «已写分值合计 60»"),
        "{}",
        check.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = scratch();
    assert_eq!(jixiao(dir.path(), &[]).code, 2);
    assert_eq!(jixiao(dir.path(), &["score", "targets.toml"]).code, 2);
    assert_eq!(jixiao(dir.path(), &["frobnicate"]).code, 2);
    assert_eq!(
        jixiao(dir.path(), &["score", "a", "b", "--encoding", "latin1"]).code,
        2
    );
    assert_eq!(jixiao(dir.path(), &["--help"]).code, 0);
}

#[test]
fn a_missing_file_is_named() {
    let dir = scratch();
    let run = jixiao(dir.path(), &["score", "nope.toml", "actuals.csv"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.session(), @r"
    exit: 1
    --- stdout
    --- stderr
    错误: nope.toml: 文件不存在
      应为: 一个存在且可读的文件的路径
    共 1 个错误
    ");
}

#[test]
fn a_folder_given_for_a_file() {
    let dir = scratch();
    fs::create_dir(dir.path().join("folder")).unwrap();
    let run = jixiao(dir.path(), &["check", "folder"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr, @r"
    错误: folder: 这是一个文件夹，不是文件
      应为: 一个文件的路径
    共 1 个错误
    ");
}

#[test]
fn malformed_toml_names_line_and_column() {
    let dir = scratch();
    fs::write(
        dir.path().join("bad.toml"),
        "department = \"x\"\nyear = 2023\n[[table]]\nname = \"t\nindicator = 3\n",
    )
    .unwrap();
    let run = jixiao(dir.path(), &["check", "bad.toml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("错误: bad.toml 第4行"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_key_is_named() {
    let dir = scratch();
    let text = fs::read_to_string(dir.path().join("targets.toml")).unwrap();
    fs::write(
        dir.path().join("t.toml"),
        text.replacen(
            "basis = \"工作计划\"",
            "basis = \"工作计划\"\nweigth = 5",
            1,
        ),
    )
    .unwrap();
    let run = jixiao(dir.path(), &["check", "t.toml"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("weigth"), "{}", run.stderr);
    assert!(run.stderr.contains("第32行第1字"), "{}", run.stderr);
}

#[test]
fn an_unreadable_rule_names_table_indicator_and_fragment() {
    let dir = scratch();
    let text = fs::read_to_string(dir.path().join("targets.toml")).unwrap();
    let broken = text.replacen("每减少1次扣50%权重分。", "每减少1次酌情扣分。", 1);
    fs::write(dir.path().join("t.toml"), broken).unwrap();
    let run = jixiao(dir.path(), &["check", "t.toml"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn bad_actuals_report_every_error_and_write_nothing() {
    let dir = scratch();
    let text = fs::read_to_string(dir.path().join("actuals.csv")).unwrap();
    let broken = text
        .replacen(
            ",重大节点安保次数,≥ 4 次,3次,",
            ",重大节点安保次数,≥ 4 次,三次,",
            1,
        )
        .replacen(",群众满意度,≥ 95 %,85%,", ",群众满意度,≥ 95 %,,", 1)
        .replacen(
            ",总成本,≤ 63万元,66.15万元,",
            ",总成本,≤ 63万元,66.15平米,",
            1,
        )
        .replacen(
            "部门整体支出绩效指标,产出指标,数量,禁放工作宣传活动",
            "部门整体支出绩效指标,产出指标,数量,禁放宣传活动",
            1,
        );
    fs::write(dir.path().join("bad.csv"), broken).unwrap();
    let run = jixiao(dir.path(), &["score", "targets.toml", "bad.csv"]);
    assert_eq!(run.code, 1);
    assert!(
        !dir.path().join("scores").exists(),
        "a failed run wrote output"
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_failed_run_leaves_the_previous_sheets_alone() {
    let dir = scratch();
    assert_eq!(
        jixiao(dir.path(), &["score", "targets.toml", "actuals.csv"]).code,
        0
    );
    let before = fs::read(dir.path().join("scores/scores.csv")).unwrap();
    fs::write(dir.path().join("bad.csv"), "表,三级指标,实际完成值\n").unwrap();
    assert_eq!(
        jixiao(dir.path(), &["score", "targets.toml", "bad.csv"]).code,
        1
    );
    assert_eq!(
        fs::read(dir.path().join("scores/scores.csv")).unwrap(),
        before
    );
}

#[test]
fn output_never_overwrites_an_input() {
    let dir = scratch();
    let before = fs::read(dir.path().join("targets.toml")).unwrap();
    let run = jixiao(
        dir.path(),
        &["template", "targets.toml", "--out", "targets.toml"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(fs::read(dir.path().join("targets.toml")).unwrap(), before);
}

#[test]
fn gbk_actuals_are_read() {
    let dir = scratch();
    let text = fs::read_to_string(dir.path().join("actuals.csv")).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    fs::write(dir.path().join("gbk.csv"), &gbk).unwrap();
    let run = jixiao(
        dir.path(),
        &["score", "targets.toml", "gbk.csv", "--out", "g"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let utf8 = jixiao(
        dir.path(),
        &["score", "targets.toml", "actuals.csv", "--out", "u"],
    );
    assert_eq!(utf8.code, 0);
    assert_eq!(
        fs::read(dir.path().join("g/scores.csv")).unwrap(),
        fs::read(dir.path().join("u/scores.csv")).unwrap()
    );
}

#[test]
fn tab_separated_actuals_are_read() {
    // Excel's "Unicode text" export separates cells with tabs.
    let dir = scratch();
    let text = fs::read_to_string(dir.path().join("actuals.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut tsv = reader
        .headers()
        .unwrap()
        .iter()
        .collect::<Vec<_>>()
        .join("\t");
    tsv.push('\n');
    for r in reader.records() {
        tsv.push_str(&r.unwrap().iter().collect::<Vec<_>>().join("\t"));
        tsv.push('\n');
    }
    fs::write(dir.path().join("tabs.csv"), tsv).unwrap();
    let tabs = jixiao(
        dir.path(),
        &["score", "targets.toml", "tabs.csv", "--out", "t"],
    );
    assert_eq!(tabs.code, 0, "{}", tabs.stderr);
    assert_eq!(
        jixiao(
            dir.path(),
            &["score", "targets.toml", "actuals.csv", "--out", "c"]
        )
        .code,
        0
    );
    assert_eq!(
        fs::read(dir.path().join("t/scores.csv")).unwrap(),
        fs::read(dir.path().join("c/scores.csv")).unwrap()
    );
}

#[test]
fn a_closed_pipe_is_a_normal_end() {
    // `jixiao template … | head -1`: more output than a pipe buffers, and the reader goes away.
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::from("department = \"d\"\nyear = 2023\n");
    for k in 0..400 {
        toml.push_str(&format!("[[table]]\nname = \"项目{k}\"\n"));
        for (level1, name) in [("产出指标", "a"), ("效益指标", "b"), ("满意度指标", "c")]
        {
            toml.push_str(&format!(
                "[[table.indicator]]\nlevel1 = \"{level1}\"\nlevel2 = \"x\"\nname = \"{name}\"\ntarget = \"≥ 95 %\"\n"
            ));
        }
    }
    fs::write(dir.path().join("big.toml"), toml).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["template", "big.toml"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---- Outputs as a set: every destination is checked before any is written. ----

/// The names in a folder, sorted: no temporary or backup file may be left behind.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A scratch folder with a completed run in `scores/`; returns the sheets' bytes.
fn scored() -> (tempfile::TempDir, Vec<u8>, Vec<u8>) {
    let dir = scratch();
    let run = jixiao(dir.path(), &["score", "targets.toml", "actuals.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let scores = fs::read(dir.path().join("scores/scores.csv")).unwrap();
    let summary = fs::read(dir.path().join("scores/summary.csv")).unwrap();
    (dir, scores, summary)
}

#[test]
fn a_folder_named_summary_csv_leaves_scores_csv_unchanged() {
    let (dir, scores, _) = scored();
    let out = dir.path().join("scores");
    fs::remove_file(out.join("summary.csv")).unwrap();
    fs::create_dir(out.join("summary.csv")).unwrap();
    // Another actuals file, so that a replaced scores.csv would differ.
    let text = fs::read_to_string(dir.path().join("actuals.csv")).unwrap();
    fs::write(
        dir.path().join("other.csv"),
        text.replacen(
            ",重大节点安保次数,≥ 4 次,3次,",
            ",重大节点安保次数,≥ 4 次,4次,",
            1,
        ),
    )
    .unwrap();
    let run = jixiao(dir.path(), &["score", "targets.toml", "other.csv"]);
    assert_eq!(run.code, 1, "{}", run.session());
    assert_eq!(
        run.stderr,
        "错误: scores/summary.csv: 无法写出：此处已有一个同名的文件夹\n  应为: 删去或改名这个文件夹，或用 --out 换一个输出位置\n共 1 个错误\n没有写出或改动任何输出文件\n"
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(fs::read(out.join("scores.csv")).unwrap(), scores);
    assert_eq!(names(&out), ["scores.csv", "summary.csv", "自评表.xlsx"]);
}

#[test]
fn an_input_named_summary_csv_in_the_output_folder_is_not_replaced() {
    let (dir, scores, _) = scored();
    let out = dir.path().join("scores");
    fs::copy(dir.path().join("actuals.csv"), out.join("summary.csv")).unwrap();
    let input = fs::read(out.join("summary.csv")).unwrap();
    let run = jixiao(dir.path(), &["score", "targets.toml", "scores/summary.csv"]);
    assert_eq!(run.code, 1, "{}", run.session());
    assert!(
        run.stderr.starts_with(
            "错误: scores/summary.csv: 无法写出：输出文件不能是输入文件（会覆盖读入的文件）\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(out.join("summary.csv")).unwrap(), input);
    assert_eq!(fs::read(out.join("scores.csv")).unwrap(), scores);
    assert_eq!(names(&out), ["scores.csv", "summary.csv", "自评表.xlsx"]);
}

#[test]
fn a_read_only_sheet_stops_the_whole_set() {
    // The read-only attribute is seen in the file's permissions, so this holds even for root
    // (which could write the file anyway): a read-only sheet is the user's wish.
    let (dir, scores, summary) = scored();
    let out = dir.path().join("scores");
    let path = out.join("summary.csv");
    let mut p = fs::metadata(&path).unwrap().permissions();
    p.set_readonly(true);
    fs::set_permissions(&path, p).unwrap();
    fs::remove_file(out.join("scores.csv")).unwrap();
    let run = jixiao(dir.path(), &["score", "targets.toml", "actuals.csv"]);
    assert_eq!(run.code, 1, "{}", run.session());
    assert!(
        run.stderr
            .starts_with("错误: scores/summary.csv: 无法写出：已有的同名文件是只读的\n"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(&path).unwrap(), summary);
    // scores.csv was not written either.
    assert_eq!(names(&out), ["summary.csv", "自评表.xlsx"]);
    let _ = scores;
}

/// `chattr +i` makes a file immutable even for root: the way to test a file that cannot be
/// opened for writing (as a sheet open in Excel on Windows cannot) when tests run as root. Skipped
/// where chattr is missing or the file system does not support it.
#[cfg(target_os = "linux")]
#[test]
fn an_immutable_sheet_gives_the_os_reason_in_chinese() {
    let (dir, scores, summary) = scored();
    let out = dir.path().join("scores");
    let path = out.join("summary.csv");
    let chattr = |flag: &str| {
        Command::new("chattr")
            .arg(flag)
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success())
    };
    if !chattr("+i") {
        eprintln!("skipped: chattr +i is not available here");
        return;
    }
    let run = jixiao(dir.path(), &["score", "targets.toml", "actuals.csv"]);
    assert!(
        chattr("-i"),
        "could not undo chattr +i on {}",
        path.display()
    );
    assert_eq!(run.code, 1, "{}", run.session());
    assert!(
        run.stderr.starts_with(
            "错误: scores/summary.csv: 无法写出：没有权限（文件只读、被锁定，或被其他程序如 Excel 打开）（Operation not permitted (os error 1)）\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(&path).unwrap(), summary);
    assert_eq!(fs::read(out.join("scores.csv")).unwrap(), scores);
    assert_eq!(names(&out), ["scores.csv", "summary.csv", "自评表.xlsx"]);
}

#[test]
fn an_output_folder_that_is_a_file_is_named() {
    let dir = scratch();
    fs::write(dir.path().join("plain"), "x").unwrap();
    let run = jixiao(
        dir.path(),
        &["score", "targets.toml", "actuals.csv", "--out", "plain/sub"],
    );
    assert_eq!(run.code, 1, "{}", run.session());
    assert!(
        run.stderr
            .starts_with("错误: plain/sub/scores.csv: 无法写出：plain 是一个文件，不是文件夹\n"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(dir.path().join("plain")).unwrap(), b"x");
}

// ---- Inputs are bounded: only regular files, at most 256 MB. ----

/// Runs jixiao, failing the test instead of hanging if it does not end within 20 seconds.
#[cfg(unix)]
fn jixiao_within(dir: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("jixiao {args:?} did not end: it is reading an endless input");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_without_reading() {
    let dir = scratch();
    let made = Command::new("mkfifo")
        .arg(dir.path().join("pipe.csv"))
        .status()
        .unwrap();
    assert!(made.success());
    let run = jixiao_within(dir.path(), &["score", "targets.toml", "pipe.csv"]);
    assert_eq!(run.code, 1, "{}", run.session());
    assert_eq!(
        run.stderr,
        "错误: pipe.csv: 这不是普通文件，而是命名管道（FIFO）：只读取保存在磁盘上的普通文件\n  应为: 一个实际完成值文件（CSV 文本或 xlsx 工作簿）的路径\n共 1 个错误\n"
    );
    let run = jixiao_within(dir.path(), &["check", "/dev/zero"]);
    assert_eq!(run.code, 1, "{}", run.session());
    assert!(run.stderr.contains("字符设备"), "{}", run.stderr);
    assert!(!dir.path().join("scores").exists());
}

#[test]
fn a_file_over_256_mb_is_refused_before_it_is_read() {
    let dir = scratch();
    // A sparse file: 256 MB + 1 byte long, no disk space used.
    let f = fs::File::create(dir.path().join("huge.csv")).unwrap();
    f.set_len(256 * 1024 * 1024 + 1).unwrap();
    drop(f);
    let run = jixiao(dir.path(), &["check", "targets.toml", "huge.csv"]);
    assert_eq!(run.code, 1, "{}", run.session());
    assert_eq!(
        run.stderr,
        "错误: huge.csv: 文件太大（268435457 字节）：输入文件最大 256 MB（268435456 字节）\n  应为: 不超过 256 MB 的文件（目标文件、实际完成值文件通常只有几十 KB）\n共 1 个错误\n"
    );
}

#[test]
fn a_50_mb_cell_is_quoted_once_and_cut_to_80_characters() {
    let dir = scratch();
    let text = fs::read_to_string(dir.path().join("actuals.csv")).unwrap();
    let cell = "9".repeat(50 * 1024 * 1024);
    let big = text.replacen(
        ",重大节点安保次数,≥ 4 次,3次,",
        &format!(",重大节点安保次数,≥ 4 次,{cell}次,"),
        1,
    );
    fs::write(dir.path().join("big.csv"), big).unwrap();
    let run = jixiao(dir.path(), &["score", "targets.toml", "big.csv"]);
    assert_eq!(run.code, 1, "{}", &run.stderr[..run.stderr.len().min(2000)]);
    assert!(
        run.stderr.len() < 2000,
        "{} bytes of stderr",
        run.stderr.len()
    );
    assert_eq!(
        run.stderr
            .matches(&format!("«{}…（共 52428801 字）»", "9".repeat(80)))
            .count(),
        1,
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("scores").exists());
}

// ---- All problems at once. ----

#[test]
fn a_targets_error_does_not_hide_the_actuals_problems() {
    let dir = scratch();
    let toml = fs::read_to_string(dir.path().join("targets.toml")).unwrap();
    fs::write(
        dir.path().join("t.toml"),
        toml.replacen("level1 = \"产出指标\"", "level1 = \"其他指标\"", 1),
    )
    .unwrap();
    let csv = fs::read_to_string(dir.path().join("actuals.csv")).unwrap();
    let csv = csv
        .replacen(
            ",重大节点安保次数,≥ 4 次,3次,",
            ",重大节点安保次数,≥ 4 次,3,500次,",
            1,
        )
        .replacen(
            ",预算执行率,,预算执行率,,,9035.84,",
            ",预算执行率,,预算执行率,,,九千,",
            1,
        );
    fs::write(dir.path().join("a.csv"), csv).unwrap();
    let check = jixiao(dir.path(), &["check", "t.toml", "a.csv"]);
    assert_eq!(check.code, 1, "{}", check.session());
    assert!(check.stdout.is_empty(), "{}", check.stdout);
    let lines: Vec<&str> = check
        .stderr
        .lines()
        .filter(|l| l.starts_with("错误: "))
        .collect();
    assert_eq!(lines.len(), 3, "{}", check.stderr);
    assert!(
        lines[0].starts_with("错误: t.toml table #1.indicator #1"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].ends_with(".level1: 未知的一级指标"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("错误: a.csv 第5行 F列（实际完成值）: 此行有 10 格"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("错误: a.csv 第"), "{}", lines[2]);
    assert!(
        lines[2].ends_with("G列（全年预算数）: 全年预算数不是数字"),
        "{}",
        lines[2]
    );
    assert!(check.stderr.ends_with("共 3 个错误\n"), "{}", check.stderr);
    let score = jixiao(dir.path(), &["score", "t.toml", "a.csv"]);
    assert_eq!(score.code, 1);
    assert_eq!(score.stderr, check.stderr);
    assert!(!dir.path().join("scores").exists());
}

#[test]
fn swapped_arguments_are_named_for_both_files() {
    let dir = scratch();
    let run = jixiao(dir.path(), &["check", "actuals.csv", "targets.toml"]);
    assert_eq!(run.code, 1, "{}", run.session());
    assert!(run.stderr.starts_with("错误: actuals.csv: 这是实际完成值文件（CSV），不是目标文件（TOML 文本）：两个文件的顺序是否写反了？\n"), "{}", run.stderr);
    assert!(run.stderr.contains("\n错误: targets.toml: 这是目标文件（TOML），不是实际完成值文件（CSV 文本或 xlsx 工作簿）：两个文件的顺序是否写反了？\n"), "{}", run.stderr);
    assert!(run.stderr.ends_with("共 2 个错误\n"), "{}", run.stderr);
}

// ---- What is read: the national form's header words, unknown columns, line ends. ----

#[test]
fn the_national_forms_header_words_score_the_same_and_unknown_columns_are_named() {
    let dir = scratch();
    let text = fs::read_to_string(dir.path().join("actuals.csv")).unwrap();
    let header = "表,一级指标,二级指标,三级指标,年度指标值,实际完成值,全年预算数,全年执行数,偏差原因分析及改进措施";
    assert!(text.contains(header));
    // The national form's words, a column of notes, and CR-only line ends (old Mac Excel).
    let national = text
        .replacen(
            header,
            "项目名称,一级指标,二级指标,三级指标,指标值,全年实际值,全年预算数,全年执行数,偏差原因,备注",
            1,
        )
        .replace("\r\n", "\r");
    assert!(!national.contains('\n'));
    fs::write(dir.path().join("national.csv"), national).unwrap();
    let run = jixiao(
        dir.path(),
        &["score", "targets.toml", "national.csv", "--out", "n"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "警告: national.csv 第2行: 表头中的 J列「备注」不是 jixiao 读取的列，其内容不参与计分\n"
    );
    let plain = jixiao(
        dir.path(),
        &["score", "targets.toml", "actuals.csv", "--out", "p"],
    );
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(plain.stderr.is_empty(), "{}", plain.stderr);
    for sheet in ["scores.csv", "summary.csv"] {
        assert_eq!(
            fs::read(dir.path().join("n").join(sheet)).unwrap(),
            fs::read(dir.path().join("p").join(sheet)).unwrap(),
            "{sheet}"
        );
    }
    let check = jixiao(dir.path(), &["check", "targets.toml", "national.csv"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.contains(
        "警告: national.csv 第2行: 表头中的 J列「备注」不是 jixiao 读取的列，其内容不参与计分\n"
    ));
}

#[test]
fn names_with_commas_and_quotes_survive_the_template() {
    // Names are written back quoted where CSV needs it; a name starting with # is refused by
    // check (see tests/bad_inputs/targets/54_names_starting_with_hash.toml), since Excel saves
    // such a cell unquoted and the row would then be a comment.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("t.toml"),
        "department = \"d\"\nyear = 2023\n[[table]]\nname = '表,\"甲\" 2#'\n\
         [[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"x\"\nname = \"a,b\"\ntarget = \"≥ 95 %\"\n\
         [[table.indicator]]\nlevel1 = \"效益指标\"\nlevel2 = \"x\"\nname = '\"引号\"'\ntarget = \"及时\"\n\
         [[table.indicator]]\nlevel1 = \"满意度指标\"\nlevel2 = \"x\"\nname = \"c\"\ntarget = \"≥ 95 %\"\n",
    )
    .unwrap();
    let run = jixiao(dir.path(), &["template", "t.toml", "--out", "a.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = fs::read_to_string(dir.path().join("a.csv")).unwrap();
    let filled = text
        .replace(",≥ 95 %,,%,", ",≥ 95 %,96%,%,")
        .replace(",及时,,,", ",及时,及时,,")
        // The table has no budget: its budget row says so (blank figures are an error).
        .replace(
            "没有预算的表在实际完成值写不适用）,,",
            "没有预算的表在实际完成值写不适用）,不适用,",
        );
    fs::write(dir.path().join("a.csv"), filled).unwrap();
    let run = jixiao(dir.path(), &["score", "t.toml", "a.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = read_csv(&dir.path().join("scores/summary.csv"));
    assert!(
        summary.contains("\r\n\"表,\"\"甲\"\" 2#\",,,,100.00,优\r\n"),
        "{summary}"
    );
}

#[test]
fn two_bonuses_at_the_largest_cap_add_up_exactly() {
    // Two bonus rules whose bonuses reach the largest cap accepted (1万亿): the sheet shows the
    // exact sum, never a saturated number (once 79228162514264337593543950335, or a panic).
    let dir = tempfile::tempdir().unwrap();
    let rule = "达到目标值得满分，超额完成1次加999999999999分，加分不超过999999999999分";
    fs::write(
        dir.path().join("t.toml"),
        format!(
            "department = \"d\"\nyear = 2023\n[[table]]\nname = \"表\"\nallow_bonus = true\n\
             [[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"x\"\nname = \"a\"\ntarget = \"≥1次\"\nrule = \"{rule}\"\n\
             [[table.indicator]]\nlevel1 = \"效益指标\"\nlevel2 = \"x\"\nname = \"b\"\ntarget = \"≥1次\"\nrule = \"{rule}\"\n\
             [[table.indicator]]\nlevel1 = \"满意度指标\"\nlevel2 = \"x\"\nname = \"c\"\ntarget = \"≥ 95 %\"\n"
        ),
    )
    .unwrap();
    fs::write(
        dir.path().join("a.csv"),
        "表,三级指标,实际完成值,全年预算数,全年执行数\n表,a,999999999999次,,\n表,b,999999999999次,,\n表,c,96%,,\n表,预算执行率,,63,63\n",
    )
    .unwrap();
    let run = jixiao(dir.path(), &["score", "t.toml", "a.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let scores = read_csv(&dir.path().join("scores/scores.csv"));
    assert!(
        !scores.contains("79228162514264337593543950335"),
        "{scores}"
    );
    // 50 + 999999999999 and 30 + 999999999999, plus 10 and 10: the total is exact.
    assert!(scores.contains(",1000000000049.00,"), "{scores}");
    assert!(scores.contains(",1000000000029.00,"), "{scores}");
    assert!(scores.contains(",2000000000098.00,"), "{scores}");
}

#[test]
fn a_bonus_for_exceeding_a_reverse_target_is_refused_where_bonuses_count() {
    // 「每超过1个百分点加0.5分」 on ≤5%: 超过 is the bad side, and the bonus was paid for being
    // under (3% earned 11.00). With allow_bonus the rule is refused at check; without it the bonus
    // is not counted (a lint), so the table still loads.
    let dir = tempfile::tempdir().unwrap();
    let table = |allow: bool| {
        format!(
            "department = \"d\"\nyear = 2023\n[[table]]\nname = \"表\"\nallow_bonus = {allow}\n\
             [[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"x\"\nname = \"a\"\ntarget = \"≤5%\"\n\
             rule = \"达到目标值得满分，每超过1个百分点加0.5分，最多加2分\"\n"
        )
    };
    fs::write(dir.path().join("t.toml"), table(true)).unwrap();
    let run = jixiao(dir.path(), &["check", "t.toml"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains("而该指标是反向指标（越低越好）"),
        "{}",
        run.stderr
    );
    fs::write(dir.path().join("t.toml"), table(false)).unwrap();
    let run = jixiao(dir.path(), &["check", "t.toml"]);
    assert!(
        !run.stderr.contains("而该指标是反向指标（越低越好）"),
        "{}",
        run.stderr
    );
}
