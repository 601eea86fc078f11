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
    assert_eq!(text.lines().count(), 1 + 184 + 24);
    assert!(text.contains("\r\n部门整体支出绩效指标,产出指标,数量,重大节点安保次数,≥ 4 次,,,,\r\n"));
    assert_eq!(text.matches(",预算执行率,,预算执行率,").count(), 24);
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
        if n > 0 && cells.len() == 9 {
            if cells[3] == "预算执行率" {
                cells[4].clear();
                cells[6] = "100".into();
                cells[7] = "100".into();
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
        1 + 184 + 24
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
