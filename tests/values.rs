//! Issue 7 — real wording: what needs a whole targets file and actuals file to show. The
//! deadline's year comes from the file, the budget row must be given or marked, a 一级指标 may
//! carry its points, and a judgement on a numeric target leaves a 提示 in the sheet. Single
//! values (rule, target, weight, actual → score or refusal) are rows of tests/conformance.tsv.

use std::path::Path;

use jixiao::error::Error;
use jixiao::{actuals, scoring, targets};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// A one-table targets file: `(level1, name, target)` rows, weights by the national split.
fn targets_file(head: &str, rows: &[(&str, &str, &str)]) -> String {
    let mut s = format!("department = \"d\"\nyear = 2023\n[[table]]\nname = \"表A\"\n{head}\n");
    for (level1, name, target) in rows {
        s.push_str(&format!(
            "[[table.indicator]]\nlevel1 = \"{level1}\"\nlevel2 = \"x\"\nname = \"{name}\"\ntarget = \"{target}\"\n"
        ));
    }
    s
}

const THREE: &[(&str, &str, &str)] = &[
    ("产出指标", "完成时间", "12月"),
    ("效益指标", "成本", "≤30万元"),
    ("满意度指标", "满意度", "≥95%"),
];

fn load(toml: &str) -> targets::Targets {
    targets::parse(Path::new("t.toml"), toml).unwrap_or_else(|e| panic!("{e}\n{toml}"))
}

fn messages(e: Error) -> Vec<String> {
    match e {
        Error::Input(d) => d.into_iter().map(|d| d.to_string()).collect(),
        other => vec![other.to_string()],
    }
}

const HEADER: &str = "表,三级指标,实际完成值,全年预算数,全年执行数,偏差原因分析及改进措施\n";

#[test]
fn a_month_deadline_is_in_the_files_year() {
    let t = load(&targets_file("", THREE));
    let csv = format!(
        "{HEADER}表A,完成时间,2024年1月,,,已说明\n表A,成本,28万元,,,\n表A,满意度,96%,,,\n表A,预算执行率,,100,100,\n"
    );
    let a = actuals::parse(Path::new("a.csv"), &csv, &t).unwrap();
    let r = scoring::score(&t, &a).unwrap();
    let row = &r.tables[0].rows[0];
    // 50 points, month 13 against 12: 1/12 over → 50 × (1 − 1/12) = 45.83.
    assert_eq!(row.outcome.score, d("45.83"));
    assert_eq!(
        row.outcome.explanation,
        "推迟1个月：实际2024年1月，超过指标值2023年12月，超出8.33%，按超出比例扣分：50.00×(1−8.33%)=45.83，扣4.17分"
    );
    // Finished in the year before: early, full marks.
    let early = csv.replace("2024年1月", "2023年7月");
    let a = actuals::parse(Path::new("a.csv"), &early, &t).unwrap();
    let row = &scoring::score(&t, &a).unwrap().tables[0].rows[0];
    assert_eq!(row.outcome.score, d("50.00"));
    assert_eq!(row.outcome.explanation, "提前5个月完成，得满分");
    // January without a year: this year's (11 months early) or next year's (1 month late)?
    // Refused at its line, asking for the year, not scored as early.
    let bare = csv.replace("2024年1月", "1月");
    let e = messages(actuals::parse(Path::new("a.csv"), &bare, &t).unwrap_err());
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("a.csv 第2行"), "{e:?}");
    assert!(e[0].contains("「2023年1月」或「2024年1月」"), "{e:?}");
    // A quarter that ends by the deadline is on time.
    let quarter = csv.replace("2024年1月", "第四季度");
    let a = actuals::parse(Path::new("a.csv"), &quarter, &t).unwrap();
    let row = &scoring::score(&t, &a).unwrap().tables[0].rows[0];
    assert_eq!(row.outcome.score, d("50.00"));
    // Dated before the budget year (2023): the wrong year, most likely; it scored 「提前12个月完成」.
    for before in ["2022年12月", "2022-12-20", "2022年第四季度"] {
        let e = messages(
            actuals::parse(Path::new("a.csv"), &csv.replace("2024年1月", before), &t).unwrap_err(),
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].contains("a.csv 第2行 C列（实际完成值）")
                && e[0].contains(&format!("「{before}」在预算年度2023年之前")),
            "{e:?}"
        );
    }
}

#[test]
fn a_judgement_on_a_numeric_target_scores_full_with_a_note() {
    let t = load(&targets_file("", THREE));
    let csv = format!(
        "{HEADER}表A,完成时间,按时完成,,,\n表A,成本,完成,,,\n表A,满意度,达成,,,\n表A,预算执行率,,100,100,\n"
    );
    let a = actuals::parse(Path::new("a.csv"), &csv, &t).unwrap();
    let r = scoring::score(&t, &a).unwrap();
    let rows = &r.tables[0].rows;
    assert_eq!(rows[0].outcome.score, d("50.00"));
    assert_eq!(
        rows[0].outcome.explanation,
        "实际为按期完成（未写完成时间），得满分"
    );
    assert_eq!(rows[1].outcome.score, d("30.00"));
    assert_eq!(
        rows[1].outcome.warnings,
        ["实际完成值「完成」没有写实际数值，按达到指标值30万元计满分；请填写实际数值"]
    );
    assert_eq!(r.tables[0].score_total, d("100.00"));
    // 未完成 under the default method is refused at reading, with its line.
    let bad = csv.replace("表A,成本,完成", "表A,成本,未完成");
    let e = messages(actuals::parse(Path::new("a.csv"), &bad, &t).unwrap_err());
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("a.csv 第3行"), "{e:?}");
    assert!(e[0].contains("需要实际数值"), "{e:?}");
}

#[test]
fn a_table_without_budget_figures_is_an_error_unless_marked() {
    let t = load(&targets_file("", THREE));
    let rows = "表A,完成时间,11月,,,\n表A,成本,28万元,,,\n表A,满意度,96%,,,\n";
    // No budget row: an error naming the table and both ways out.
    let e =
        messages(actuals::parse(Path::new("a.csv"), &format!("{HEADER}{rows}"), &t).unwrap_err());
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("表「表A」缺少预算数字"), "{e:?}");
    assert!(e[0].contains("budget = false"), "{e:?}");
    // A blank budget row: the same error, at its line.
    let blank = format!("{HEADER}{rows}表A,预算执行率,,,,\n");
    let e = messages(actuals::parse(Path::new("a.csv"), &blank, &t).unwrap_err());
    assert!(e[0].contains("a.csv 第5行"), "{e:?}");
    // 不适用 in 实际完成值 or in 全年预算数: the 100-point conversion, with a note on the total.
    for marked in ["表A,预算执行率,不适用,,,\n", "表A,预算执行率,,不适用,,\n"] {
        let csv = format!("{HEADER}{rows}{marked}");
        let a = actuals::parse(Path::new("a.csv"), &csv, &t).unwrap();
        let r = scoring::score(&t, &a).unwrap();
        assert!(r.tables[0].budget.is_none());
        assert_eq!(r.tables[0].weight_total, d("90"));
        assert_eq!(r.tables[0].converted, Some(d("100.00")));
        let sheet = jixiao::sheets::score_rows(&r);
        assert!(sheet
            .iter()
            .any(|row| row[3] == "合计"
                && row[10] == "预算执行率不适用（无预算数），合计按百分制折算"));
    }
    // 不适用 and figures together: refused.
    let both = format!("{HEADER}{rows}表A,预算执行率,不适用,100,90,\n");
    let e = messages(actuals::parse(Path::new("a.csv"), &both, &t).unwrap_err());
    assert!(e[0].contains("又填了预算数字"), "{e:?}");
}

#[test]
fn budget_false_on_the_table() {
    let t = load(&targets_file("budget = false", THREE));
    assert!(!t.tables[0].budget);
    let rows = "表A,完成时间,11月,,,\n表A,成本,28万元,,,\n表A,满意度,96%,,,\n";
    let a = actuals::parse(Path::new("a.csv"), &format!("{HEADER}{rows}"), &t).unwrap();
    assert_eq!(
        scoring::score(&t, &a).unwrap().tables[0].converted,
        Some(d("100.00"))
    );
    // The template has no budget row for it.
    let template = jixiao::sheets::template::page(&t).text_rows();
    assert!(template.iter().all(|r| r[3] != "预算执行率"));
    // Figures given anyway contradict the targets file.
    let figures = format!("{HEADER}{rows}表A,预算执行率,,100,90,\n");
    let e = messages(actuals::parse(Path::new("a.csv"), &figures, &t).unwrap_err());
    assert!(e[0].contains("写了 budget = false"), "{e:?}");
}

#[test]
fn a_level1_with_its_points_sets_the_groups_points() {
    let rows = [
        ("产出指标（60分）", "a", "≥4次"),
        ("产出指标(60分)", "b", "≥4次"),
        ("效益 20分", "c", "≥4次"),
        ("满意度(10)", "e", "≥95%"),
    ];
    let t = load(&targets_file("", &rows));
    let w: Vec<Decimal> = t.tables[0].indicators.iter().map(|i| i.weight).collect();
    assert_eq!(w, [d("30"), d("30"), d("20"), d("10")]);
    assert_eq!(t.tables[0].indicators[2].group, targets::Group::Outcome);
    // The same group written with two different points.
    let mut clash = rows;
    clash[1].0 = "产出指标（50分）";
    let e = messages(targets::parse(Path::new("t.toml"), &targets_file("", &clash)).unwrap_err());
    assert!(e[0].contains("产出指标的分数前后写得不一致"), "{e:?}");
    // Points that no longer make 100 with the others and the budget row.
    let mut off = rows;
    off[2].0 = "效益指标（30分）";
    let e = messages(targets::parse(Path::new("t.toml"), &targets_file("", &off)).unwrap_err());
    assert!(e[0].contains("之和不等于100"), "{e:?}");
    assert!(
        e[0].contains("产出指标 60 + 效益指标 30 + 满意度指标 10 + 预算执行率 10 = 110"),
        "{e:?}"
    );
}

#[test]
fn a_deadline_cannot_be_positive_and_an_unreadable_unit_fails_check() {
    let positive = targets_file("", &[("产出指标", "a", "12月")]).replace(
        "target = \"12月\"",
        "target = \"12月\"\ndirection = \"positive\"",
    );
    let e = messages(targets::parse(Path::new("t.toml"), &positive).unwrap_err());
    assert!(e[0].contains("是完成期限"), "{e:?}");
    for target in ["95%左右", "12月中旬前", "≥5%以下", "12月内", "≥6月"] {
        let toml = targets_file("", &[("产出指标", "a", target)]);
        let e = messages(targets::parse(Path::new("t.toml"), &toml).unwrap_err());
        assert!(e[0].contains(".target"), "{target}: {e:?}");
    }
}

#[test]
fn only_a_rate_of_change_may_be_negative() {
    let rows: &[(&str, &str, &str)] = &[
        ("效益指标", "辖区发案下降率", "≥5%"),
        ("效益指标", "运行成本降低", "≥60万元"),
        ("产出指标", "宣传活动次数提高", "≥3次"),
    ];
    let t = load(&targets_file("budget = false", rows));
    let csv = |a: &str, b: &str, c: &str| {
        format!("{HEADER}表A,辖区发案下降率,{a},,,\n表A,运行成本降低,{b},,,\n表A,宣传活动次数提高,{c},,,\n")
    };
    // A rate that rose instead of falling is below 0: read, scored 0 by the default method.
    let a = actuals::parse(Path::new("a.csv"), &csv("-3%", "61万元", "4次"), &t).unwrap();
    let r = scoring::score(&t, &a).unwrap();
    assert_eq!(r.tables[0].rows[0].outcome.score, d("0.00"));
    // Money and counts are never below 0, whatever the name says.
    for (bad, line) in [
        (csv("3%", "-60万元", "4次"), "第3行"),
        (csv("3%", "61万元", "-3次"), "第4行"),
    ] {
        let e = messages(actuals::parse(Path::new("a.csv"), &bad, &t).unwrap_err());
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].contains(line) && e[0].contains("实际完成值为负数"),
            "{e:?}"
        );
    }
}

#[test]
fn a_number_in_a_qualitative_target_is_flagged() {
    let lints = |target: &str| {
        jixiao::scoring::indicator_for(target, None, d("10"), false)
            .unwrap()
            .lints
    };
    for t in ["全年4次", "减少5%", "约95%", "全年４次"] {
        let l = lints(t);
        assert!(
            l.iter()
                .any(|l| l.contains("含数字") && l.contains("按定性指标计分")),
            "{t}: {l:?}"
        );
    }
    assert!(lints("及时").iter().all(|l| !l.contains("含数字")));
    // A numeric target is not qualitative: no such lint.
    assert!(lints("≥4次").iter().all(|l| !l.contains("含数字")));
}

#[test]
fn budget_figures_in_two_units_are_refused() {
    let t = load(&targets_file("", THREE));
    let rows = "表A,完成时间,11月,,,\n表A,成本,28万元,,,\n表A,满意度,96%,,,\n";
    let budget = |b: &str, s: &str| {
        let csv = format!("{HEADER}{rows}表A,预算执行率,,{b},{s},\n");
        actuals::parse(Path::new("a.csv"), &csv, &t).map(|a| {
            let b = &a.budgets[&0];
            (b.budget, b.spent)
        })
    };
    // 630000 and 60.5, both bare: 元 and 万元 (0.01 %, 0 points, if read as written).
    let e = messages(budget("630000", "60.5").unwrap_err());
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("a.csv 第5行 D列（全年预算数）"), "{e:?}");
    assert!(e[0].contains("相差约一万倍"), "{e:?}");
    // 63 and 605000: the execution in 元 (a 100 % cap, full points, if read as written).
    let e = messages(budget("63", "605000").unwrap_err());
    assert!(e[0].contains("E列（全年执行数）"), "{e:?}");
    // An execution twice the budget or more, whatever the units (千元 against 万元, a point one
    // place off): no overspending, a slip. Just under twice is scored (capped at 100 %, a 提示).
    let e = messages(budget("63万元", "126万元").unwrap_err());
    assert!(e[0].contains("两倍以上"), "{e:?}");
    let e = messages(budget("9035.84", "87901.2").unwrap_err());
    assert!(
        e[0].contains("E列（全年执行数）") && e[0].contains("两倍以上"),
        "{e:?}"
    );
    assert_eq!(budget("63", "125.99").unwrap(), (d("63"), d("125.99")));
    // A unit written on either side settles it; a low execution is kept.
    assert_eq!(budget("630000元", "60.5").unwrap(), (d("63"), d("60.5")));
    assert_eq!(budget("63万元", "605000元").unwrap(), (d("63"), d("60.5")));
    assert_eq!(budget("100", "0.5").unwrap(), (d("100"), d("0.5")));
    assert_eq!(budget("5000万元", "3").unwrap(), (d("5000"), d("3")));
    assert!(budget("5000", "3").is_err(), "3 of 5000 bare: 元 or 万元?");
}

#[test]
fn a_changed_unit_column_beside_a_bare_number_is_refused() {
    // The template's 单位 column is read by people only: `15` beside 单位 `万人次` against
    // `≥1.2万人次` would be scored as 15人次.
    let rows = [
        ("产出指标", "服务人次", "≥1.2万人次"),
        ("效益指标", "成本", "≤30万元"),
        ("满意度指标", "满意度", "≥95%"),
    ];
    let t = load(&targets_file("", &rows));
    let csv = |visits: &str, unit: &str, cost: &str, cost_unit: &str| {
        format!(
            "表,三级指标,实际完成值,单位,全年预算数,全年执行数\n\
             表A,服务人次,{visits},{unit},,\n表A,成本,{cost},{cost_unit},,\n\
             表A,满意度,96,%,,\n表A,预算执行率,,万元,100,100\n"
        )
    };
    let e = messages(
        actuals::parse(Path::new("a.csv"), &csv("15", "万人次", "28", "万元"), &t).unwrap_err(),
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("a.csv 第2行 D列（单位）"), "{e:?}");
    assert!(e[0].contains("按指标值的单位读作15人次"), "{e:?}");
    assert!(e[0].contains("「15万人次」"), "{e:?}");
    // Money: 单位 元 beside 28 would be 28万元.
    let e = messages(
        actuals::parse(Path::new("a.csv"), &csv("13000", "人次", "28", "元"), &t).unwrap_err(),
    );
    assert!(e[0].contains("读作28万元"), "{e:?}");
    // A month deadline's 计量单位 is 月; 天 beside a bare 11 is another unit.
    let three = load(&targets_file("", THREE));
    let deadline = |unit: &str| {
        format!(
            "表,三级指标,实际完成值,单位,全年预算数,全年执行数\n表A,完成时间,11,{unit},,\n\
             表A,成本,28,万元,,\n表A,满意度,96%,%,,\n表A,预算执行率,,万元,100,100\n"
        )
    };
    assert!(actuals::parse(Path::new("a.csv"), &deadline("月"), &three).is_ok());
    assert!(actuals::parse(Path::new("a.csv"), &deadline("月/日期"), &three).is_ok());
    let e = messages(actuals::parse(Path::new("a.csv"), &deadline("天"), &three).unwrap_err());
    assert!(e[0].contains("读作11月"), "{e:?}");
    // A national form's 计量单位 spelling of the same unit is the same unit.
    let same = csv("13000", "人次", "28", "万元").replace("96,%", "96,百分比");
    assert!(actuals::parse(Path::new("a.csv"), &same, &t).is_ok());
    // The unit written in the actual decides; the template's own units, or the same counter
    // spelt with 个, are fine; so is an empty 单位.
    for (visits, unit) in [
        ("15万人次", "万人次"),
        ("13000", "人次"),
        ("13000", ""),
        ("1.3万", "个人次"),
        ("13000", "个人次"),
    ] {
        let a = actuals::parse(Path::new("a.csv"), &csv(visits, unit, "28", "万元"), &t)
            .unwrap_or_else(|e| panic!("{visits} {unit}: {e}"));
        let score = scoring::score(&t, &a).unwrap().tables[0].score_total;
        assert_eq!(score, d("100.00"), "{visits} {unit}");
    }
}

#[test]
fn a_figure_in_a_funding_rows_actual_cell_is_refused() {
    // `其中：财政拨款` with 90 under 实际完成值 and nothing else: the row was skipped as blank,
    // and the 90 lost without a word.
    let t = load(&targets_file("", THREE));
    let rows =
        "表A,完成时间,11月,,,\n表A,成本,28万元,,,\n表A,满意度,96%,,,\n表A,预算执行率,,100,100,\n";
    let stray = format!("{HEADER}{rows}表A,其中：财政拨款,90,,,\n");
    let e = messages(actuals::parse(Path::new("a.csv"), &stray, &t).unwrap_err());
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("第6行 C列（实际完成值）"), "{e:?}");
    assert!(
        e[0].contains("资金来源「财政拨款」行的实际完成值格不读"),
        "{e:?}"
    );
    // The figures in their columns are read; a blank row is skipped.
    let right = format!("{HEADER}{rows}表A,其中：财政拨款,,90,90,\n表A,上年结转,,,,\n");
    let a = actuals::parse(Path::new("a.csv"), &right, &t).unwrap();
    let funds = &a.extras[&0].funds;
    assert_eq!(funds.len(), 1);
    assert_eq!((funds[0].name, funds[0].spent), ("财政拨款", Some(d("90"))));
}

#[test]
fn money_on_an_indicators_row_is_said_not_dropped() {
    let t = load(&targets_file("", THREE));
    let csv = format!(
        "{HEADER}表A,完成时间,11月,,,\n表A,成本,28万元,30,28,\n表A,满意度,96%,,,\n表A,预算执行率,,100,100,\n"
    );
    let a = actuals::parse(Path::new("a.csv"), &csv, &t).unwrap();
    assert_eq!(
        a.rows[&(0, 1)].warnings,
        ["指标行的全年预算数、全年执行数不读：预算数字填在本表的「预算执行率」行"]
    );
    assert!(a.rows[&(0, 0)].warnings.is_empty());
    // The table's budget is the budget row's.
    assert_eq!(a.budgets[&0].budget, d("100"));
    // On the 年度总体目标 row, a figure is refused: that row has only its text.
    let goal = format!("{HEADER}表A,完成时间,11月,,,\n表A,成本,28万元,,,\n表A,满意度,96%,,,\n表A,预算执行率,,100,100,\n表A,年度总体目标,全部完成,100,,\n");
    let e = messages(actuals::parse(Path::new("a.csv"), &goal, &t).unwrap_err());
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("第6行 D列（全年预算数）: 年度总体目标行只填实际完成值"),
        "{e:?}"
    );
}

#[test]
fn a_budget_rows_unit_cell_changed_from_wan_is_refused_beside_bare_figures() {
    // 单位 元 beside 630000 / 605000: read in 万元 as written, the 自评表 would show 630000万元.
    let t = load(&targets_file("", THREE));
    let csv = |unit: &str, budget: &str| {
        format!(
            "表,三级指标,实际完成值,单位,全年预算数,全年执行数\n表A,完成时间,11月,月,,\n\
             表A,成本,28,万元,,\n表A,满意度,96%,%,,\n表A,预算执行率,,{unit},{budget},60.5万元\n"
        )
    };
    let e = messages(actuals::parse(Path::new("a.csv"), &csv("元", "630000"), &t).unwrap_err());
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("第5行 E列（全年预算数）: 单位列写的是「元」"),
        "{e:?}"
    );
    // A figure with its unit, or the template's 万元 (or 万), is read as usual.
    for (unit, budget) in [("元", "630000元"), ("万元", "63"), ("万", "63"), ("", "63")] {
        let a = actuals::parse(Path::new("a.csv"), &csv(unit, budget), &t)
            .unwrap_or_else(|e| panic!("{unit} {budget}: {e}"));
        assert_eq!(a.budgets[&0].budget, d("63"), "{unit} {budget}");
    }
}

#[test]
fn a_bound_against_the_direction_and_a_spaced_budget_figure_are_refused_at_their_cells() {
    let t = load(&targets_file("", THREE));
    let csv = format!(
        "{HEADER}表A,完成时间,12月,,,\n表A,成本,28万元,,,\n表A,满意度,<95%,,,\n表A,预算执行率,,90 35.84,9000,\n"
    );
    let e = actuals::parse(Path::new("a.csv"), &csv, &t)
        .and_then(|a| scoring::score(&t, &a).map(|_| ()))
        .unwrap_err();
    let m = messages(e);
    assert_eq!(m.len(), 1, "{m:?}");
    // The spaced figure is refused while the file is read, before anything is scored.
    assert!(
        m[0].starts_with("a.csv 第5行 D列（全年预算数）")
            && m[0].contains("全年预算数的数字「90 35.84」中间有空格"),
        "{m:?}"
    );
    let csv = csv.replace("90 35.84", "9035.84");
    let a = actuals::parse(Path::new("a.csv"), &csv, &t).unwrap();
    let m = messages(scoring::score(&t, &a).unwrap_err());
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].starts_with("a.csv 第4行 C列（实际完成值）")
            && m[0].contains("实际完成值「<95%」只说明低于95%"),
        "{m:?}"
    );
}

#[test]
fn a_band_worth_more_than_the_weight_is_refused_at_the_rule_key() {
    let toml = "department = \"d\"\nyear = 2023\n[[table]]\nname = \"表A\"\nbudget = false\n\
        [[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"x\"\nname = \"完成率\"\ntarget = \"≥95%\"\nweight = 50\n\
        [[table.indicator]]\nlevel1 = \"效益指标\"\nlevel2 = \"x\"\nname = \"效益\"\ntarget = \"≥95%\"\nweight = 30\n\
        [[table.indicator]]\nlevel1 = \"满意度指标\"\nlevel2 = \"x\"\nname = \"满意度\"\ntarget = \"≥95%\"\nweight = 10\n\
        rule = \"≥95%得满分，90%-95%得18分，<90%不得分\"\n";
    let m = messages(targets::parse(Path::new("t.toml"), toml).unwrap_err());
    assert!(
        m.iter().any(|m| m.contains(".rule")
            && m.contains("「90%（含）至95%（不含）」计18分，超过该指标的分值10分")),
        "{m:?}"
    );
}

#[test]
fn not_applicable_may_end_with_a_full_stop() {
    let t = load(&targets_file("", THREE));
    for mark in ["不适用", "不适用。", " 不适用. "] {
        let csv = format!(
            "{HEADER}表A,完成时间,11月,,,\n表A,成本,{mark},,,\n表A,满意度,96%,,,\n表A,预算执行率,,100,100,\n"
        );
        let a = actuals::parse(Path::new("a.csv"), &csv, &t).unwrap();
        let r = scoring::score(&t, &a).unwrap();
        assert_eq!(r.tables[0].weight_total, d("70"), "{mark}");
        assert!(
            r.tables[0].rows[1]
                .outcome
                .explanation
                .starts_with("不适用"),
            "{mark}: {}",
            r.tables[0].rows[1].outcome.explanation
        );
    }
    // Other words after it are not the mark.
    let csv = format!(
        "{HEADER}表A,完成时间,11月,,,\n表A,成本,不适用本年,,,\n表A,满意度,96%,,,\n表A,预算执行率,,100,100,\n"
    );
    assert!(actuals::parse(Path::new("a.csv"), &csv, &t).is_err());
}

#[test]
fn a_ratio_formula_on_a_reverse_target_needs_a_direction() {
    let file = |extra: &str| {
        format!(
            "department = \"d\"\nyear = 2023\n[[table]]\nname = \"表A\"\n\
             [[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"x\"\nname = \"成本\"\ntarget = \"≤30万元\"\nweight = 90\nrule = \"（实际值/目标值）*分值\"\n{extra}"
        )
    };
    let e = targets::parse(Path::new("t.toml"), &file("")).unwrap_err();
    let e = messages(e);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("rule") && e[0].contains("越省得分越低"),
        "{e:?}"
    );
    // Written as meant: scored as the formula says, 90 × 20 / 30.
    let t = load(&file("direction = \"positive\"\n"));
    let csv = format!("{HEADER}表A,成本,20万元,,,\n表A,预算执行率,,100,100,\n");
    let a = actuals::parse(Path::new("a.csv"), &csv, &t).unwrap();
    let r = scoring::score(&t, &a).unwrap();
    assert_eq!(r.tables[0].rows[0].outcome.score, d("60.00"));
}

#[test]
fn a_bare_cost_target_is_refused_until_its_direction_is_written() {
    let file = |target: &str, extra: &str| {
        format!(
            "department = \"d\"\nyear = 2023\n[[table]]\nname = \"表A\"\n\
             [[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"成本指标\"\nname = \"物业费\"\ntarget = \"{target}\"\nweight = 90\n{extra}"
        )
    };
    // `63万元` read as more is better gave 80万元 full marks and 50万元 lost points.
    // Written as a cap: 90 × (1 − 17/63) = 65.71.
    let e = messages(targets::parse(Path::new("t.toml"), &file("63万元", "")).unwrap_err());
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains(".target") && e[0].contains("指标值「63万元」没有写比较符号，是成本"),
        "{e:?}"
    );
    let csv = format!("{HEADER}表A,物业费,80万元,,,超支\n表A,预算执行率,,100,100,\n");
    for (target, extra, score) in [
        ("≤63万元", "", "65.71"),
        ("63万元", "direction = \"reverse\"\n", "65.71"),
        ("63万元", "rule = \"超出预算不得分\"\n", "0.00"),
    ] {
        let t = load(&file(target, extra));
        let a = actuals::parse(Path::new("a.csv"), &csv, &t).unwrap();
        let r = scoring::score(&t, &a).unwrap();
        assert_eq!(
            r.tables[0].rows[0].outcome.score,
            d(score),
            "{target} {extra}"
        );
    }
}

#[test]
fn a_deadline_target_before_the_budget_year_is_flagged() {
    let rows = &[
        ("产出指标", "完成时间", "2022年12月底前"),
        ("效益指标", "成本", "≤30万元"),
        ("满意度指标", "满意度", "≥95%"),
    ];
    let t = load(&targets_file("", rows));
    assert_eq!(
        t.tables[0].indicators[0].lints,
        ["指标值的期限在2022年，早于本文件的预算年度2023年：年份是否写错？"]
    );
    // In the budget year, or without a year: nothing to flag.
    let t = load(&targets_file("", THREE));
    assert!(t.tables[0].indicators[0].lints.is_empty());
}

#[test]
fn a_table_with_no_applicable_indicator_is_an_error() {
    let t = load(&targets_file("", THREE));
    let na = "表A,完成时间,不适用,,,\n表A,成本,不适用,,,\n表A,满意度,不适用,,,\n";
    // Graded on the budget row alone: 9.50 / 10 → 95.00 优 with no warning; with the budget
    // row 不适用 too, 0.00 差.
    for budget in ["表A,预算执行率,,100,95,\n", "表A,预算执行率,不适用,,,\n"] {
        let a = actuals::parse(Path::new("a.csv"), &format!("{HEADER}{na}{budget}"), &t).unwrap();
        let e = messages(scoring::score(&t, &a).unwrap_err());
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("a.csv")
                && e[0].contains("「表A」的3个指标都填了不适用，没有可计分的指标")
                && e[0].contains("该表至少一个指标填实际完成值")
                && e[0].contains("从目标文件中删去表「表A」"),
            "{e:?}"
        );
    }
    // One indicator scored is enough.
    let one = format!(
        "{HEADER}表A,完成时间,不适用,,,\n表A,成本,不适用,,,\n表A,满意度,96%,,,\n表A,预算执行率,,100,95,\n"
    );
    let a = actuals::parse(Path::new("a.csv"), &one, &t).unwrap();
    let r = scoring::score(&t, &a).unwrap();
    assert_eq!(r.tables[0].converted, Some(d("97.50")));
}

#[test]
fn more_than_half_the_indicator_weight_not_applicable_is_a_note_on_the_total() {
    // 完成时间 50, 成本 30, 满意度 10 (90 indicator points) and the budget row 10.
    let t = load(&targets_file("", THREE));
    let score = |rows: &str| {
        let csv = format!("{HEADER}{rows}表A,预算执行率,,100,95,\n");
        let a = actuals::parse(Path::new("a.csv"), &csv, &t).unwrap();
        scoring::score(&t, &a).unwrap()
    };
    // 50 of 90 not applicable: (30 + 10 + 9.5) × 100 / 50 = 99.00, with a 提示.
    let r = score("表A,完成时间,不适用,,,\n表A,成本,27万元,,,\n表A,满意度,96%,,,\n");
    let tb = &r.tables[0];
    assert_eq!(tb.converted, Some(d("99.00")));
    let note =
        "指标分值90.00分中有50.00分不适用（超过一半），合计只按2个适用指标折算为百分制，请复核";
    assert_eq!(tb.warnings, [note]);
    assert_eq!(jixiao::department::table_warnings(tb), 1);
    let sheet = jixiao::sheets::score_rows(&r);
    let total = sheet.iter().find(|row| row[3] == "合计").unwrap();
    assert_eq!(total[10], note);
    // 40 of 90 (not more than half): no 提示; (50 + 9.5) × 100 / 60 = 99.17.
    let r = score("表A,完成时间,11月,,,\n表A,成本,不适用,,,\n表A,满意度,不适用,,,\n");
    assert!(
        r.tables[0].warnings.is_empty(),
        "{:?}",
        r.tables[0].warnings
    );
    assert_eq!(r.tables[0].converted, Some(d("99.17")));
}

#[test]
fn a_negative_rate_of_change_is_scored_by_percentage_points_only() {
    let file = |name: &str, target: &str, rule: &str| {
        let rule = if rule.is_empty() {
            String::new()
        } else {
            format!("rule = \"{rule}\"\n")
        };
        format!(
            "department = \"d\"\nyear = 2023\n[[table]]\nname = \"表A\"\n\
             [[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"x\"\nname = \"{name}\"\ntarget = \"{target}\"\nweight = 90\n{rule}"
        )
    };
    // The default method divided by the target: ≤-5% at -3% scored 0 「指标值为0时超过即不得分」.
    for (name, target, rule, field) in [
        ("能耗增长率", "≤-5%", "", ".target"),
        ("成本降低率", "≥-5%", "", ".target"),
        ("收入增长率", "-5%", "", ".target"),
        ("能耗增长率", "≤-5%", "按完成比例计分", ".rule"),
        ("能耗增长率", "≤-5%", "每超过指标值10%扣1分", ".rule"),
    ] {
        let e =
            messages(targets::parse(Path::new("t.toml"), &file(name, target, rule)).unwrap_err());
        assert_eq!(e.len(), 1, "{target} {rule}: {e:?}");
        assert!(
            e[0].contains(field)
                && e[0].contains(&format!("指标值「{target}」是负数"))
                && e[0].contains("每超过1个百分点扣1分"),
            "{target} {rule}: {e:?}"
        );
    }
    // Steps in percentage points: -3% against ≤-5% is 2 points over → 90 − 2 × 9 = 72.
    for (name, target, rule, actual, score) in [
        (
            "能耗增长率",
            "≤-5%",
            "达到指标值得满分，每超过1个百分点扣9分，扣完为止",
            "-3%",
            "72.00",
        ),
        (
            "能耗增长率",
            "≤-5%",
            "达到指标值得满分，每超过1个百分点扣9分，扣完为止",
            "-6%",
            "90.00",
        ),
        (
            "能耗增长率",
            "≤-5%",
            "达到指标值得满分，每超过1个百分点扣9分，扣完为止",
            "8%",
            "0.00",
        ),
        (
            "成本降低率",
            "≥-5%",
            "每低于1个百分点扣10分",
            "-8%",
            "60.00",
        ),
        (
            "能耗增长率",
            "≤-5%",
            "达到指标值得满分，否则不得分",
            "-3%",
            "0.00",
        ),
    ] {
        let t = load(&file(name, target, rule));
        let csv = format!("{HEADER}表A,{name},{actual},,,说明\n表A,预算执行率,,100,100,\n");
        let a = actuals::parse(Path::new("a.csv"), &csv, &t).unwrap();
        let o = &scoring::score(&t, &a).unwrap().tables[0].rows[0].outcome;
        assert_eq!(
            o.score,
            d(score),
            "{target} {rule} {actual}: {}",
            o.explanation
        );
        assert!(!o.explanation.contains("指标值为0"), "{}", o.explanation);
    }
}

#[test]
fn weight_from_rule_needs_full_marks_in_the_rule() {
    let file = |rule: &str| {
        format!(
            "department = \"d\"\nyear = 2023\n[[table]]\nname = \"表A\"\n\
             [[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"x\"\nname = \"a\"\ntarget = \"≥95%\"\n{rule}weight_from_rule = true\n\
             [[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"x\"\nname = \"b\"\ntarget = \"≥4次\"\nweight = 40\n\
             [[table.indicator]]\nlevel1 = \"效益指标\"\nlevel2 = \"x\"\nname = \"c\"\ntarget = \"≥4次\"\nweight = 30\n\
             [[table.indicator]]\nlevel1 = \"满意度指标\"\nlevel2 = \"x\"\nname = \"e\"\ntarget = \"≥95%\"\nweight = 10\n"
        )
    };
    // The stated full marks are the weight.
    let t = load(&file("rule = \"≥95%得10分，否则不得分\"\n"));
    assert_eq!(t.tables[0].indicators[0].weight, d("10"));
    // No full marks stated (得满分), or no rule at all: the weight would have been the group's
    // remaining 10 points, silently.
    for (rule, said) in [
        (
            "rule = \"达到目标值得满分，否则不得分\"\n",
            "评分标准没有写明满分",
        ),
        ("", "该指标没有评分标准"),
    ] {
        let e = messages(targets::parse(Path::new("t.toml"), &file(rule)).unwrap_err());
        assert!(e[0].contains(said), "{e:?}");
        assert!(e[0].contains("weight_from_rule"), "{e:?}");
    }
}

#[test]
fn a_year_less_actual_against_a_deadline_in_another_year_is_refused() {
    // `2024年3月底前` in a 2023 file: `12月` is 2023年12月 (early) by the file's year and 2024年12月
    // (nine months late) by the deadline's; it was read as the latter and scored 0.
    let t = load(
        "department = \"d\"\nyear = 2023\n[[table]]\nname = \"表A\"\n\
         [[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"时效\"\nname = \"a\"\ntarget = \"2024年3月底前\"\nweight = 45\n\
         [[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"时效\"\nname = \"b\"\ntarget = \"2024年3月31日前\"\nweight = 45\n",
    );
    let csv = |a: &str, b: &str| {
        format!("{HEADER}表A,a,{a},,,\n表A,b,{b},,,\n表A,预算执行率,,100,100,\n")
    };
    let e = messages(actuals::parse(Path::new("a.csv"), &csv("12月", "12月20日"), &t).unwrap_err());
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e[0].contains("「12月」没有写年份，而期限「2024年3月」在2024年、预算年度是2023年"),
        "{e:?}"
    );
    assert!(e[0].contains("「2023年12月」或「2024年12月」"), "{e:?}");
    assert!(e[1].contains("「12月20日」没有写年份"), "{e:?}");
    // With the year written, it is read: three months early, full marks.
    let a = actuals::parse(Path::new("a.csv"), &csv("2023年12月", "2023年12月20日"), &t).unwrap();
    let s = scoring::score(&t, &a).unwrap();
    let scores: Vec<Decimal> = s.tables[0].rows.iter().map(|r| r.outcome.score).collect();
    assert_eq!(scores, [d("45.00"), d("45.00")]);
}

#[test]
fn a_negative_fraction_against_a_rate_of_change_is_refused() {
    // `-0.08` is what Excel's 常规 format saves for −8 %; against `≥ -5%` it was read as −0.08 %
    // and got full marks (−8 % is 3 points short).
    let t = load(
        &targets_file(
            "",
            &[
                ("产出指标", "成本变化率", "≥ -5%"),
                ("效益指标", "c", "≥4次"),
                ("满意度指标", "e", "≥95%"),
            ],
        )
        .replacen(
            "target = \"≥ -5%\"\n",
            "target = \"≥ -5%\"\nrule = \"每低于1个百分点扣5%权重分\"\n",
            1,
        ),
    );
    let csv = format!(
        "{HEADER}表A,成本变化率,-0.08,,,\n表A,c,4次,,,\n表A,e,96%,,,\n表A,预算执行率,,100,100,\n"
    );
    let e = messages(actuals::parse(Path::new("a.csv"), &csv, &t).unwrap_err());
    assert!(
        e[0].contains("「-0.08」没有写%：可能指-8%（Excel「常规」格式保存的小数），也可能指-0.08%"),
        "{e:?}"
    );
    let ok = csv.replace("-0.08", "-8%");
    let a = actuals::parse(Path::new("a.csv"), &ok, &t).unwrap();
    let s = scoring::score(&t, &a).unwrap();
    // −8 % is 3 points under −5 %: 3 steps of 5 % of the weight 50 off.
    assert_eq!(s.tables[0].rows[0].outcome.score, d("42.50"));
}

#[test]
fn a_target_changed_in_the_actuals_form_is_said_on_the_row() {
    // The officer corrected 年度指标值 to a target adjusted in the year; the targets file still has
    // the old one, which is what is scored — said on the row, not silently.
    let t = load(&targets_file("", THREE));
    let csv = "表,三级指标,年度指标值,实际完成值,全年预算数,全年执行数\n\
               表A,完成时间,12月,12月,,\n\
               表A,成本,≤ 30 万元,28万元,,\n\
               表A,满意度,≥ 90 %,92%,,\n\
               表A,预算执行率,,,100,100\n";
    let a = actuals::parse(Path::new("a.csv"), csv, &t).unwrap();
    let warned: Vec<&Vec<String>> = a.rows.values().map(|r| &r.warnings).collect();
    let all: Vec<&String> = warned.iter().flat_map(|w| w.iter()).collect();
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(
        all[0].contains(
            "年度指标值列写的是「≥ 90 %」，与目标文件的指标值「≥95%」不同：按目标文件的指标值计分"
        ),
        "{all:?}"
    );
    // Scored against ≥95%: 92% is short.
    let s = scoring::score(&t, &a).unwrap();
    assert!(s.tables[0].rows[2].outcome.score < d("10"));
}

#[test]
fn budget_figures_both_with_units_ten_thousand_times_apart_are_refused() {
    // `63万元` and `60.5元`: a unit written wrong; it scored an execution of 0.01 % (0 points)
    // with only the low-execution note.
    let t = load(&targets_file("", THREE));
    let rows = "表A,完成时间,11月,,,\n表A,成本,28万元,,,\n表A,满意度,96%,,,\n";
    let csv = format!("{HEADER}{rows}表A,预算执行率,,63万元,60.5元,\n");
    let e = messages(actuals::parse(Path::new("a.csv"), &csv, &t).unwrap_err());
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("相差约一万倍：是否有一个的单位写错了（元与万元）？"),
        "{e:?}"
    );
    let csv = format!("{HEADER}{rows}表A,预算执行率,,63万元,60.5万元,\n");
    assert!(actuals::parse(Path::new("a.csv"), &csv, &t).is_ok());
}
