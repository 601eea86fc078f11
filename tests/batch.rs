//! `jixiao score --batch`: a generated bureau — good departments copied from the shipped example,
//! broken ones beside them — scored at once. The bureau summary is snapshotted; every good
//! department has its sheets and no broken one has an output folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> String {
    fs::read_to_string(root().join(name)).unwrap()
}

/// Writes a department folder with the given files.
fn department(bureau: &Path, name: &str, files: &[(&str, &str)]) {
    let dir = bureau.join(name);
    fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        fs::write(dir.join(file), text).unwrap();
    }
}

/// A bureau of five departments: 甲局 as shipped, 乙局 with two targets met that 甲局 missed
/// (so it ranks higher), 丙局 with a broken targets file, 丁局 without its actuals file and 戊局
/// with an actual that cannot be read.
fn bureau(dir: &Path) {
    let targets = example("targets/anci-2023.toml");
    let actuals = example("actuals/anci-2023.csv");
    let bureau = dir.join("bureau");
    department(
        &bureau,
        "甲局",
        &[("targets.toml", &targets), ("actuals.csv", &actuals)],
    );
    let better = actuals
        .replace("重大节点安保次数,≥ 4 次,3次", "重大节点安保次数,≥ 4 次,4次")
        .replace(
            "办理各类案件数量,≥ 1800 起,1700起",
            "办理各类案件数量,≥ 1800 起,1800起",
        );
    assert_ne!(better, actuals);
    department(
        &bureau,
        "乙局",
        &[("目标.toml", &targets), ("填报.csv", &better)],
    );
    let broken = targets.replacen("name = \"", "name = \"未结束\n", 1);
    department(
        &bureau,
        "丙局",
        &[("targets.toml", &broken), ("actuals.csv", &actuals)],
    );
    department(&bureau, "丁局", &[("targets.toml", &targets)]);
    let bad_cell = actuals
        .replacen(",3次,,,\r\n", ",三次半,,,\r\n", 1)
        .replacen(",3次,,,\n", ",三次半,,,\n", 1);
    assert_ne!(bad_cell, actuals);
    department(
        &bureau,
        "戊局",
        &[("targets.toml", &targets), ("actuals.csv", &bad_cell)],
    );
    // Not a department: neither kind of file.
    fs::create_dir_all(bureau.join("说明材料")).unwrap();
    fs::write(bureau.join("说明材料/readme.txt"), "x").unwrap();
}

fn jixiao(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_bureau_with_broken_departments_is_scored_and_summarised() {
    let dir = tempfile::tempdir().unwrap();
    bureau(dir.path());
    let (code, stdout, stderr) =
        jixiao(dir.path(), &["score", "--batch", "bureau", "--out", "out"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert_eq!(
        stdout,
        "5 个单位：2 个已打分，3 个未能计分\n已写出 out/汇总.csv，各单位的评分表在 out/<单位>\n"
    );
    assert_eq!(
        stderr,
        "错误: 单位「丁局」未能计分：共 1 个错误（见 out/汇总.csv）\n\
         错误: 单位「丙局」未能计分：共 1 个错误（见 out/汇总.csv）\n\
         错误: 单位「戊局」未能计分：共 1 个错误（见 out/汇总.csv）\n"
    );
    let out = dir.path().join("out");
    for good in ["甲局", "乙局"] {
        for sheet in ["scores.csv", "summary.csv", "自评表.xlsx"] {
            assert!(out.join(good).join(sheet).is_file(), "{good}/{sheet}");
        }
    }
    for broken in ["丙局", "丁局", "戊局", "说明材料"] {
        assert!(!out.join(broken).exists(), "{broken} has an output folder");
    }
    // A good department's sheets are those of a single run.
    let single = dir.path().join("single");
    let (code, _, stderr) = jixiao(
        dir.path(),
        &[
            "score",
            "bureau/甲局/targets.toml",
            "bureau/甲局/actuals.csv",
            "--out",
            "single",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    for sheet in ["scores.csv", "summary.csv", "自评表.xlsx"] {
        assert_eq!(
            fs::read(out.join("甲局").join(sheet)).unwrap(),
            fs::read(single.join(sheet)).unwrap()
        );
    }
    let summary = fs::read_to_string(out.join("汇总.csv")).unwrap();
    let summary = summary.strip_prefix('\u{FEFF}').expect("a BOM");
    // The failed departments, then 乙局 above 甲局, each with a department row and 24 tables.
    assert_eq!(summary.lines().count(), 1 + 3 * 4 + 2 * 25, "{summary}");
    insta::assert_snapshot!(summary.replace("\r\n", "\n"));
}

#[test]
fn a_manifest_names_the_departments_and_their_files() {
    let dir = tempfile::tempdir().unwrap();
    bureau(dir.path());
    fs::write(
        dir.path().join("清单.csv"),
        "单位,targets,actuals\n第一单位,bureau/甲局/targets.toml,bureau/甲局/actuals.csv\n第二单位,bureau/乙局/目标.toml,bureau/乙局/填报.csv\n",
    )
    .unwrap();
    let (code, stdout, stderr) =
        jixiao(dir.path(), &["score", "--batch", "清单.csv", "--out", "o"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stderr, "");
    let summary = fs::read_to_string(dir.path().join("o/汇总.csv")).unwrap();
    let firsts: Vec<&str> = summary
        .lines()
        .filter(|l| l.contains(",部门整体,"))
        .collect();
    assert_eq!(
        firsts,
        [
            "第二单位,部门整体,9035.84,8790.12,97.28%,88.77,良,18,取自「部门整体支出绩效指标」表",
            "第一单位,部门整体,9035.84,8790.12,97.28%,87.38,良,19,取自「部门整体支出绩效指标」表",
        ]
    );
    assert!(dir.path().join("o/第一单位/scores.csv").is_file());
}

#[test]
fn a_bad_manifest_scores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("清单.csv"),
        "单位,targets,actuals\n../外面,a.toml,a.csv\n甲,a.toml,a.csv\n甲,b.toml,b.csv\n",
    )
    .unwrap();
    let (code, _, stderr) = jixiao(dir.path(), &["score", "--batch", "清单.csv", "--out", "o"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "错误: 清单.csv 第2行 A列（单位）: 单位名称不能作文件夹名称\n  读到: «../外面»\n  应为: 单位名称，作输出文件夹的名称：不含 / \\ 等字符，不以 . 开头\n\
         错误: 清单.csv 第4行 A列（单位）: 单位重复：第3行已列出\n  读到: «甲»\n  应为: 每个单位只列一行\n共 2 个错误\n"
    );
    assert!(!dir.path().join("o").exists());
}

#[test]
fn an_output_folder_inside_the_bureau_is_not_a_department_and_a_rerun_replaces_the_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let bureau = dir.path().join("bureau");
    let targets = example("targets/anci-2023.toml");
    let actuals = example("actuals/anci-2023.csv");
    department(
        &bureau,
        "甲局",
        &[("targets.toml", &targets), ("actuals.csv", &actuals)],
    );
    for run in 0..2 {
        let (code, stdout, stderr) = jixiao(
            dir.path(),
            &["score", "--batch", "bureau", "--out", "bureau/结果"],
        );
        assert_eq!(code, 0, "run {run}: {stdout}{stderr}");
        assert!(
            stdout.starts_with("1 个单位：1 个已打分，0 个未能计分\n"),
            "{stdout}"
        );
    }
    let summary = fs::read_to_string(bureau.join("结果/汇总.csv")).unwrap();
    assert_eq!(summary.lines().count(), 1 + 25);
    assert!(bureau.join("结果/甲局/scores.csv").is_file());
    assert!(!bureau.join("结果/结果").exists());
}
