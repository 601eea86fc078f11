//! The bad-input corpus: every file under `tests/bad_inputs/targets/` and `tests/bad_inputs/actuals/`
//! is one mistake a user can make. Each is run through the real `jixiao` binary, which must exit 1,
//! write nothing, and print the error pinned in `tests/snapshots/bad_inputs__<folder>_<file>.snap`.
//!
//! - `targets/NN_name.toml` runs as `jixiao check targets/NN_name.toml` (snapshotted); the same file
//!   given to `score` and `template` must fail with the same message and write nothing (except
//!   that `template` writes the skeleton when only the weights are wrong: [`TEMPLATE_ACCEPTS`]).
//! - `actuals/NN_name.csv` runs as `jixiao score base.toml actuals/NN_name.csv --out <scratch>/out`
//!   (snapshotted); `<scratch>/out` must not be created, and `check base.toml actuals/NN_name.csv`
//!   must fail with the same message.
//! - A folder, a missing file or a device (`/dev/zero`, on Unix) given for either input is listed
//!   in [`special_cases`].
//!
//! `base.toml` and `base.csv` are a small valid pair (checked by `the_base_files_are_valid`); the
//! actuals cases are scored against `base.toml`. Commands run in `tests/bad_inputs`, so the paths in
//! messages are short and the same on every machine.
//!
//! To add a case: drop a file in the folder, run `cargo test --test bad_inputs`, read the new
//! `.snap.new` (does it name the file, the line/column or TOML key, quote the text, say what was
//! expected?) and rename it to `.snap`.

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Targets cases whose only mistake is in the weights: `template` still writes the skeleton
/// (`check` and `score` refuse them with the sum).
const TEMPLATE_ACCEPTS: &[&str] = &[
    "targets/40_weights_not_summing_to_100.toml",
    "targets/41_weights_over_group_points.toml",
];

/// Fewer cases than this means the folders were not found or were emptied by mistake.
const MIN_CASES: usize = 100;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs")
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn describe(&self) -> String {
        format!(
            "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs the binary in the corpus folder.
fn jixiao(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(corpus())
        .output()
        .expect("run jixiao");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The files of a corpus folder, sorted, as paths relative to the corpus (`targets/01_x.toml`).
fn files(folder: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(corpus().join(folder))
        .unwrap_or_else(|e| panic!("read tests/bad_inputs/{folder}: {e}"))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .expect("ASCII file name")
                .to_string()
        })
        .collect();
    names.sort();
    assert!(!names.is_empty(), "tests/bad_inputs/{folder} has no cases");
    names.into_iter().map(|n| format!("{folder}/{n}")).collect()
}

/// What a case runs.
enum Kind {
    /// `check TARGETS`, plus `score` and `template` on the same file.
    Targets(String),
    /// `score base.toml ACTUALS --out …`, plus `check base.toml ACTUALS`.
    Actuals(String),
}

struct Case {
    /// The snapshot name: `targets_01_unclosed_string`.
    name: String,
    kind: Kind,
}

fn snapshot_name(relative: &str) -> String {
    let stem = relative.rsplit_once('.').map_or(relative, |(stem, _)| stem);
    stem.replace('/', "_")
}

/// Special cases that exist only where there is a `/dev/zero`: a device, which never ends.
const UNIX_ONLY: [&str; 2] = ["targets_device_given", "actuals_device_given"];

/// Inputs that cannot be stored as a case file: a folder, a file that does not exist, a device.
fn special_cases() -> Vec<Case> {
    #[allow(unused_mut)]
    let mut cases = vec![
        Case {
            name: "targets_folder_given".into(),
            kind: Kind::Targets("targets".into()),
        },
        Case {
            name: "targets_missing_file".into(),
            kind: Kind::Targets("no_such_file.toml".into()),
        },
        Case {
            name: "actuals_folder_given".into(),
            kind: Kind::Actuals("actuals".into()),
        },
        Case {
            name: "actuals_missing_file".into(),
            kind: Kind::Actuals("no_such_file.csv".into()),
        },
    ];
    #[cfg(unix)]
    cases.extend([
        Case {
            name: UNIX_ONLY[0].into(),
            kind: Kind::Targets("/dev/zero".into()),
        },
        Case {
            name: UNIX_ONLY[1].into(),
            kind: Kind::Actuals("/dev/zero".into()),
        },
    ]);
    cases
}

fn all_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for f in files("targets") {
        cases.push(Case {
            name: snapshot_name(&f),
            kind: Kind::Targets(f),
        });
    }
    for f in files("actuals") {
        cases.push(Case {
            name: snapshot_name(&f),
            kind: Kind::Actuals(f),
        });
    }
    cases.extend(special_cases());
    cases
}

/// A bad input must exit 1 (never 0, never a panic's 101) with a message on standard error.
fn assert_rejected(run: &Run, what: &str) {
    assert_eq!(
        run.code,
        Some(1),
        "{what}: expected exit code 1\n{}",
        run.describe()
    );
    assert!(
        !run.stderr.trim().is_empty(),
        "{what}: no message on stderr\n{}",
        run.describe()
    );
    assert!(
        !run.stderr.contains("panicked"),
        "{what}: panicked\n{}",
        run.describe()
    );
}

/// Nothing at all may have been written into `scratch`.
fn assert_nothing_written(scratch: &Path, what: &str) {
    let left: Vec<_> = fs::read_dir(scratch)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(
        left.is_empty(),
        "{what}: wrote {left:?} although the input is bad"
    );
}

fn run_case(case: &Case) {
    let scratch = tempfile::tempdir().unwrap();
    let out_dir = scratch.path().join("out");
    let out_dir = out_dir.to_str().expect("UTF-8 temp path");
    match &case.kind {
        Kind::Targets(targets) => {
            let check = jixiao(&["check", targets]);
            assert_rejected(&check, &format!("check {targets}"));
            assert!(
                check.stdout.is_empty(),
                "check {targets}: printed\n{}",
                check.describe()
            );

            let score = jixiao(&["score", targets, "base.csv", "--out", out_dir]);
            assert_rejected(&score, &format!("score {targets}"));
            assert_eq!(
                score.stderr, check.stderr,
                "score {targets}: another message than check"
            );

            let template_file = scratch.path().join("template.csv");
            let template = jixiao(&[
                "template",
                targets,
                "--out",
                template_file.to_str().unwrap(),
            ]);
            if TEMPLATE_ACCEPTS.contains(&targets.as_str()) {
                // The skeleton does not depend on the weights: template writes it anyway.
                assert_eq!(
                    template.code,
                    Some(0),
                    "template {targets}\n{}",
                    template.describe()
                );
                assert!(
                    template_file.is_file(),
                    "template {targets}: no file written"
                );
                fs::remove_file(&template_file).unwrap();
            } else {
                assert_rejected(&template, &format!("template {targets}"));
                // template does not judge the weights: its errors are check's, less those.
                let weight_free: String = check
                    .stderr
                    .split("错误: ")
                    .filter(|e| !e.contains("分值合计"))
                    .collect::<Vec<_>>()
                    .join("错误: ");
                let count = |s: &str| s.matches("错误: ").count();
                assert!(
                    template.stderr == check.stderr
                        || (count(&template.stderr) < count(&check.stderr)
                            && template.stderr.split("共").next()
                                == weight_free.split("共").next()),
                    "template {targets}: another message than check\n{}\n{}",
                    template.stderr,
                    check.stderr
                );
            }

            assert_nothing_written(scratch.path(), targets);
            insta::assert_snapshot!(case.name.as_str(), check.stderr);
        }
        Kind::Actuals(actuals) => {
            let score = jixiao(&["score", "base.toml", actuals, "--out", out_dir]);
            assert_rejected(&score, &format!("score base.toml {actuals}"));
            assert!(
                !Path::new(out_dir).exists(),
                "score base.toml {actuals}: created the --out folder although the input is bad"
            );
            assert!(
                score.stdout.is_empty(),
                "score base.toml {actuals}: printed\n{}",
                score.describe()
            );

            let check = jixiao(&["check", "base.toml", actuals]);
            assert_rejected(&check, &format!("check base.toml {actuals}"));
            assert_eq!(
                check.stderr, score.stderr,
                "check base.toml {actuals}: another message than score"
            );

            assert_nothing_written(scratch.path(), actuals);
            insta::assert_snapshot!(case.name.as_str(), score.stderr);
        }
    }
}

#[test]
fn every_bad_input_is_rejected_with_its_pinned_message() {
    let cases = all_cases();
    assert!(
        cases.len() >= MIN_CASES,
        "only {} cases, expected at least {MIN_CASES}",
        cases.len()
    );
    // Run every case, then report all that failed rather than only the first.
    let mut failed = Vec::new();
    for case in &cases {
        if catch_unwind(AssertUnwindSafe(|| run_case(case))).is_err() {
            failed.push(case.name.clone());
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} bad-input cases failed: {failed:#?}",
        failed.len(),
        cases.len()
    );
}

/// A snapshot whose case file was renamed or deleted would otherwise linger unnoticed.
#[test]
fn every_snapshot_has_its_case() {
    let names: Vec<String> = all_cases().into_iter().map(|c| c.name).collect();
    let snapshots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    for entry in fs::read_dir(snapshots).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(name) = file
            .strip_prefix("bad_inputs__")
            .and_then(|f| f.strip_suffix(".snap"))
        {
            assert!(
                names.iter().any(|n| n == name) || UNIX_ONLY.contains(&name),
                "tests/snapshots/{file} has no case file in tests/bad_inputs"
            );
        }
    }
}

/// The base pair is valid, so every case fails for its own mistake and not the base's.
#[test]
fn the_base_files_are_valid() {
    let check = jixiao(&["check", "base.toml", "base.csv"]);
    assert_eq!(check.code, Some(0), "{}", check.describe());
    assert!(check.stdout.contains("检查通过"), "{}", check.describe());
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("out");
    let score = jixiao(&[
        "score",
        "base.toml",
        "base.csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(score.code, Some(0), "{}", score.describe());
    assert!(out.join("scores.csv").is_file() && out.join("summary.csv").is_file());
}

/// base.csv saved as Excel on a Chinese Windows saves it (GBK, CRLF) scores exactly as the UTF-8 file.
#[test]
fn a_gbk_copy_of_the_base_actuals_scores_fine() {
    let text = fs::read_to_string(corpus().join("base.csv"))
        .unwrap()
        .replace("\r\n", "\n")
        .replace('\n', "\r\n");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable, "base.csv has characters GBK cannot encode");
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the GBK copy must not also be valid UTF-8"
    );
    let scratch = tempfile::tempdir().unwrap();
    let gbk_file = scratch.path().join("base-gbk.csv");
    fs::write(&gbk_file, &gbk).unwrap();

    let gbk_out = scratch.path().join("gbk");
    let utf8_out = scratch.path().join("utf8");
    for (actuals, out) in [
        (&gbk_file, &gbk_out),
        (&corpus().join("base.csv"), &utf8_out),
    ] {
        let run = jixiao(&[
            "score",
            "base.toml",
            actuals.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            run.code,
            Some(0),
            "score base.toml {}\n{}",
            actuals.display(),
            run.describe()
        );
    }
    for sheet in ["scores.csv", "summary.csv"] {
        let gbk_sheet = fs::read_to_string(gbk_out.join(sheet)).unwrap();
        let utf8_sheet = fs::read_to_string(utf8_out.join(sheet)).unwrap();
        assert_eq!(
            gbk_sheet, utf8_sheet,
            "{sheet} differs between the GBK and the UTF-8 actuals"
        );
    }
}

/// `[scoring]` settings that would score wrong without a word (a negative budget or group total,
/// one group named twice, grades out of order or past 100, a high-completion ratio ≤ 1) are
/// refused at their own key, with one message each that says why: no second, misleading one.
#[test]
fn scoring_settings_that_would_score_wrong_are_refused_at_their_key() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "targets/63_scoring_budget_points_negative.toml",
            "scoring.budget_points",
            &["预算执行率分值为负数", "读到: «budget_points = -10»"],
        ),
        (
            "targets/64_scoring_level1_points_negative.toml",
            "scoring.level1_points.满意度指标",
            &["满意度指标的总分为负数", "读到: «\"满意度指标\" = -10»"],
        ),
        (
            "targets/65_scoring_level1_group_twice.toml",
            "scoring.level1_points.产出指标",
            &[
                "「产出」与「产出指标」是同一个一级指标（产出指标）",
                "读到: «\"产出\" = 60, \"产出指标\" = 40»",
            ],
        ),
        (
            "targets/66_scoring_level1_outcome_twice.toml",
            "scoring.level1_points.效益指标",
            &["「效果指标」与「效益指标」是同一个一级指标（效益指标）"],
        ),
        (
            "targets/67_scoring_grade_over_100.toml",
            "scoring.grades.优",
            &["不在 0 到 100 分之间", "读到: «\"优\" = 150»"],
        ),
        (
            "targets/68_scoring_grades_not_descending.toml",
            "scoring.grades",
            &[
                "等级线不是从高到低",
                "读到: «优 90、良 95、中 60（默认）»",
                "优 > 良 > 中",
            ],
        ),
        (
            "targets/69_scoring_grade_negative.toml",
            "scoring.grades.中",
            &["不在 0 到 100 分之间", "读到: «\"中\" = -5»"],
        ),
        (
            "targets/70_scoring_high_completion_ratio_not_above_1.toml",
            "scoring.high_completion_ratio",
            &[
                "超额完成提示比例不大于1",
                "读到: «high_completion_ratio = 0.5»",
                "大于 1",
            ],
        ),
        (
            "targets/72_scoring_level1_key_with_other_points.toml",
            "scoring.level1_points.产出指标（50分）",
            &[
                "键「产出指标（50分）」写着50分，值却是40分",
                "读到: «\"产出指标（50分）\" = 40»",
            ],
        ),
        (
            "targets/71_level1_points_negative_in_table.toml",
            "table #1.indicator #4「群众满意度」.level1",
            &["满意度指标的总分为负数", "读到: «满意度指标（-10分）»"],
        ),
    ];
    for (file, key, parts) in cases {
        let run = jixiao(&["check", file]);
        assert_rejected(&run, file);
        let err = &run.stderr;
        assert!(
            err.contains(&format!("错误: {file} {key}: ")),
            "{file}: not at {key}\n{err}"
        );
        for part in *parts {
            assert!(err.contains(part), "{file}: no «{part}»\n{err}");
        }
        assert!(
            err.ends_with("共 1 个错误\n") && !err.contains("超过该组的总分"),
            "{file}: more than the one message\n{err}"
        );
    }
}

/// The edges of those checks are fine: no budget points (0), a group of 0, grades at 100 and 0,
/// a ratio just above 1.
#[test]
fn scoring_settings_at_their_limits_are_accepted() {
    let base = fs::read_to_string(corpus().join("base.toml")).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    for scoring in [
        "budget_points = 0\nlevel1_points = { \"产出指标\" = 60, \"效益指标\" = 30, \"满意度指标\" = 10 }",
        "level1_points = { \"产出\" = 60, \"效果指标\" = 30, \"满意度指标\" = 0 }",
        "level1_points = { \"产出指标（60分）\" = 60, \"效益指标\" = 30, \"满意度指标\" = 0 }",
        "grades = { \"优\" = 100, \"良\" = 80, \"中\" = 0 }",
        "grades = { \"良\" = 89.99 }",
        "high_completion_ratio = 1.01",
    ] {
        let text = base.replacen("\n[[table]]", &format!("\n[scoring]\n{scoring}\n\n[[table]]"), 1);
        let file = scratch.path().join("t.toml");
        fs::write(&file, text).unwrap();
        let run = jixiao(&["check", file.to_str().unwrap()]);
        assert_eq!(run.code, Some(0), "{scoring}\n{}", run.describe());
    }
}
