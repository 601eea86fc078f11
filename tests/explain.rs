//! `jixiao explain`: how rule texts are read, clause by clause, and scored step by step; and the
//! exact text of every rule error. The snapshots are the reference for a change to the parser.

use std::process::Command;

fn explain(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("explain")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Explains a rule that must read, and returns what the user sees.
fn reads(args: &[&str]) -> String {
    let (code, stdout, stderr) = explain(args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    stdout
}

/// Explains a rule that must not read, and returns the error.
fn fails(rule: &str) -> String {
    let (code, stdout, stderr) = explain(&[rule]);
    assert_eq!(code, 1, "{rule}: accepted as {stdout}");
    stderr
}

#[test]
fn seed_step_relative_to_target() {
    insta::assert_snapshot!(reads(&[
        "达到目标值得满分，每减少总量10%，扣20%权重分。",
        "--target",
        "≥ 1800 起",
        "--weight",
        "5",
        "--actual",
        "1500起"
    ]));
}

#[test]
fn seed_step_per_unit_floored() {
    insta::assert_snapshot!(reads(&[
        "达到目标值得满分，每减少1次扣50%权重分。",
        "--target",
        "≥ 4 次",
        "--weight",
        "5",
        "--actual",
        "1次"
    ]));
}

#[test]
fn seed_percentage_points_over() {
    insta::assert_snapshot!(reads(&[
        "达到目标值得满分，每增加1%，扣20%权重分。",
        "--target",
        "≤ 5 %",
        "--weight",
        "5",
        "--actual",
        "7.5%"
    ]));
}

#[test]
fn seed_direction_conflict_and_repetition() {
    insta::assert_snapshot!(reads(&[
        "达到或超过目标，得权重分的100%，每降低10%，10%，按比例扣减权重分的10%，扣完为止",
        "--target",
        "≤100 %",
        "--weight",
        "5",
        "--actual",
        "88%"
    ]));
}

#[test]
fn seed_satisfaction_relative() {
    insta::assert_snapshot!(reads(&[
        "每减少指标值 10%扣除分值 50%",
        "--target",
        "≥ 95 %",
        "--weight",
        "10",
        "--actual",
        "85%"
    ]));
}

#[test]
fn seed_veto() {
    insta::assert_snapshot!(reads(&[
        "发生严重威胁社会治安秩序、人民群众生命财产安全的事件不得分。",
        "--target",
        "安全稳定",
        "--weight",
        "30",
        "--actual",
        "发生"
    ]));
}

#[test]
fn all_or_nothing_with_stated_points() {
    insta::assert_snapshot!(reads(&[
        "小于或等于年度目标值,得10分;大于目标值,不得分",
        "--target",
        "≤30万元",
        "--weight",
        "10",
        "--actual",
        "31万元"
    ]));
}

#[test]
fn bands_scaled_to_the_weight() {
    insta::assert_snapshot!(reads(&[
        "≥90%,计5分;80%(含)-90%,计4分;70%(含)-80%,计3分;60%(含)-70%,计2分;低于60%不得分",
        "--target",
        "≥90%",
        "--weight",
        "8",
        "--actual",
        "85%"
    ]));
}

#[test]
fn bands_on_a_deviation() {
    insta::assert_snapshot!(reads(&[
        "=0,计3分;0-10%(含),计2分;10%-20%(含),计1分;大于20%不得分",
        "--target",
        "≤20%",
        "--weight",
        "3",
        "--actual",
        "10%"
    ]));
}

#[test]
fn round_up_in_points() {
    insta::assert_snapshot!(reads(&[
        "每1%扣2分，不满1%按1%计算",
        "--target",
        "≥ 95 %",
        "--weight",
        "10",
        "--actual",
        "92.5%"
    ]));
}

#[test]
fn per_occurrence_against_zero_events() {
    insta::assert_snapshot!(reads(&[
        "每出现一例不符合要求的扣1分,扣完为止",
        "--target",
        "零发生",
        "--weight",
        "5",
        "--actual",
        "2例"
    ]));
}

#[test]
fn bonus_where_allowed() {
    insta::assert_snapshot!(reads(&[
        "达到目标值得满分，超额完成1个百分点加0.3分，加分不超过3分",
        "--target",
        "≥90%",
        "--weight",
        "10",
        "--actual",
        "95.5%",
        "--allow-bonus"
    ]));
}

#[test]
fn reading_only_without_an_actual() {
    insta::assert_snapshot!(reads(&["每超过一个百分点扣0.5分,扣完为止"]));
}

#[test]
fn every_rule_error_message() {
    let cases = [
        "达到目标值得满分，每逢佳节扣分",
        "达到年度目标值",
        "得6分",
        "发生安全事故",
        "每减少1次扣1分，每减少2次扣1分",
        "扣20%权重分",
        "≥90%",
        "超额完成1个百分点加0.3分，最多3分，加分不超过3分，每减少1次扣1分，≥90%,计5分",
        "加分不超过3分",
        "每减少1次",
        "每减少0次扣1分",
        "扣完为止",
        "≥90%,计5分;80次-90次,计4分",
        "step(sideways, 1次, -1 points)",
        "bands([90%, +inf): five points)",
    ];
    let mut all = String::new();
    for rule in cases {
        all.push_str(&format!("=== {rule}\n{}\n", fails(rule)));
    }
    insta::assert_snapshot!(all);
}

#[test]
fn a_weight_out_of_range_is_blamed_on_the_weight() {
    for weight in ["120", "-5"] {
        let (code, stdout, stderr) = explain(&[
            "达到目标值得满分，否则不得分",
            "--target",
            "≥95%",
            &format!("--weight={weight}"),
            "--actual",
            "96%",
        ]);
        assert_eq!(code, 1, "{stdout}");
        assert_eq!(
            stderr,
            format!(
                "错误: --weight: 分值超出范围\n  读到: «{weight}»\n  应为: 0 到 100 之间的数\n共 1 个错误\n"
            )
        );
    }
    // The range's ends are weights.
    let out = reads(&[
        "达到目标值得满分，否则不得分",
        "--target",
        "≥95%",
        "--weight",
        "100",
        "--actual",
        "96%",
    ]);
    assert!(out.ends_with("得分：100.00\n"), "{out}");
}

/// `explain ""` (no rule) and `explain --default`: the national default method for the target,
/// with every step of the arithmetic — any row of a sheet scored without a rule, reproduced.
#[test]
fn default_method_positive() {
    let out = reads(&["", "--target", "≥95%", "--weight", "10", "--actual", "90%"]);
    assert!(out.contains("得分：9.47"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn default_method_reverse() {
    let out = reads(&[
        "--default",
        "--target",
        "≤ 63万元",
        "--weight",
        "5",
        "--actual",
        "66.15万元",
    ]);
    assert!(out.contains("得分：4.75"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn default_method_deadline_and_time_limit() {
    let late = reads(&[
        "--default",
        "--target",
        "2023年12月31日前",
        "--actual",
        "2024年1月5日",
    ]);
    assert!(late.contains("扣分说明：推迟5天"), "{late}");
    assert!(late.contains("得分：9.86"), "{late}");
    let early = reads(&["--default", "--target", "12月", "--actual", "7月"]);
    assert!(early.contains("扣分说明：提前5个月完成，得满分"), "{early}");
    assert!(early.contains("得分：10.00"), "{early}");
    let limit = reads(&["--default", "--target", "5个工作日内", "--actual", "3"]);
    assert!(limit.contains("按反向指标计分"), "{limit}");
    assert!(limit.contains("得分：10.00"), "{limit}");
    insta::assert_snapshot!(format!("{late}\n{early}\n{limit}"));
}

#[test]
fn default_method_qualitative_and_without_a_target() {
    let out = reads(&[
        "--default",
        "--target",
        "及时",
        "--weight",
        "5",
        "--actual",
        "部分达成",
    ]);
    assert!(out.contains("得分：3.00"), "{out}");
    let methods = reads(&["--default"]);
    assert_eq!(methods.matches("方法：").count(), 3, "{methods}");
    insta::assert_snapshot!(format!("{out}\n{methods}"));
}

#[test]
fn a_rule_and_default_together_are_a_usage_error() {
    let (code, _, _) = explain(&["达到目标值得满分", "--default"]);
    assert_eq!(code, 2);
}

#[test]
fn bands_stricter_than_the_target_score_as_written_with_a_note() {
    // `高于90%` leaves 90% out: the target `≥90%` is met at 90%, the bands give 5 of 10.
    let rule = "高于90%得满分，80%-90%得5分，低于80%不得分";
    let out = reads(&[rule, "--target", "≥90%", "--actual", "90%"]);
    assert!(out.contains("得分：5.00"), "{out}");
    assert!(
        out.contains(
            "实际恰好达到指标值90%时落在评分标准的「80%（含）至90%（含）」档，而满分档是「>90%」"
        ),
        "{out}"
    );
    assert!(
        out.contains("提示：达到指标值，但按评分标准的分档未得满分"),
        "{out}"
    );
    // Above it, full marks and no note on the row; below the target, missed, no such note.
    let out = reads(&[rule, "--target", "≥90%", "--actual", "91%"]);
    assert!(
        out.contains("得分：10.00") && !out.contains("提示：达到指标值"),
        "{out}"
    );
    let out = reads(&[rule, "--target", "≥90%", "--actual", "85%"]);
    assert!(
        out.contains("得分：5.00") && !out.contains("提示：达到指标值"),
        "{out}"
    );
    // Bands that agree with the target: no lint.
    let out = reads(&[
        "90%以上得满分，80%-90%得5分",
        "--target",
        "≥90%",
        "--actual",
        "90%",
    ]);
    assert!(
        out.contains("得分：10.00") && !out.contains("界限比指标值严"),
        "{out}"
    );
}

#[test]
fn step_points_are_scaled_to_the_weight_like_band_points() {
    // 「得20分;每减少1次,扣5分」 at weight 10: 2 short is 10 of 20 lost, half marks (was 0.00).
    let out = reads(&[
        "达到年度目标值,得20分;每减少1次,扣5分",
        "--target",
        "≥10次",
        "--weight",
        "10",
        "--actual",
        "8次",
    ]);
    assert!(
        out.contains("每档扣5分按满分20分折算为分值：5×10.00/20=2.5"),
        "{out}"
    );
    assert!(
        out.contains("扣2档（每档5分按满分20分折算为2.5分），扣5.00分"),
        "{out}"
    );
    assert!(out.ends_with("得分：5.00\n"), "{out}");
}
