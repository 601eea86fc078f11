//! The actuals template as a form to fill in (填报表): one worksheet 实际完成值 whose header and rows
//! are those of an actuals file, so the filled workbook scores without edits. Only the input
//! cells (shaded) can be changed — the sheet is protected, without a password; a qualitative
//! indicator's 实际完成值 offers 达成 / 部分达成 / 未达成 / 不适用; each numeric one shows its unit
//! beside it. Per table: its indicators, the 预算执行率 row (年初预算数, 全年预算数, 全年执行数), the
//! funding rows 其中：财政拨款 / 上年结转 / 其他资金 and the 年度总体目标 row (its 实际完成情况), which
//! may stay blank. The first row explains the columns; it starts with `#`, so it is not read.

use super::layout::{ListRule, Page, Style, Value};
use crate::actuals::{
    ACTUALS_SHEET, BUDGET_ROW, COL_ACTUAL, COL_BUDGET, COL_NAME, COL_OPENING, COL_REASON,
    COL_SPENT, COL_TABLE, COL_UNIT, FUNDS, GOAL_ROW, NOT_APPLICABLE,
};
use crate::quantity::TargetValue;
use crate::targets::Targets;
use std::borrow::Cow;

/// The template's columns, in order.
pub const COLUMNS: [&str; 11] = [
    COL_TABLE,
    "一级指标",
    "二级指标",
    COL_NAME,
    "年度指标值",
    COL_ACTUAL,
    COL_UNIT,
    COL_OPENING,
    COL_BUDGET,
    COL_SPENT,
    COL_REASON,
];
const WIDTHS: [f64; 11] = [
    22.0, 9.0, 10.0, 24.0, 14.0, 16.0, 6.0, 10.0, 10.0, 10.0, 30.0,
];
/// The dropdown of a qualitative 实际完成值.
pub const JUDGEMENTS: [&str; 4] = ["达成", "部分达成", "未达成", NOT_APPLICABLE];
const ACTUAL: u16 = 5;
const UNIT: u16 = 6;
const OPENING: u16 = 7;
const REASON: u16 = 10;

/// The notes row.
pub const NOTES: &str = "# 填写说明：只填底色为黄色的格（CSV 中即实际完成值、年初预算数、全年预算数、全年执行数、偏差原因分析及改进措施）。实际完成值：数值指标填数字（单位见右侧「单位」列，如 96 或 96%、38000），\
定性指标选填 达成 / 部分达成 / 未达成 / 不适用（xlsx 中从下拉列表选；也可写「部分达成 75%」）；完成期限填完成的月份或日期。\
未达到指标值的填偏差原因分析及改进措施。每张表的「预算执行率」行填全年预算数、全年执行数（万元，必填；没有预算的表在实际完成值选「不适用」），\
年初预算数和「其中：财政拨款 / 上年结转 / 其他资金」各行选填；「年度总体目标」行的实际完成值填实际完成情况（选填）。以 # 开头的行不读。";

fn text(s: impl Into<String>) -> Value<'static> {
    Value::Text(Cow::Owned(s.into()))
}

/// The template's one page.
pub fn page(targets: &Targets) -> Page<'static> {
    let mut p = Page::new(ACTUALS_SHEET, WIDTHS.to_vec());
    p.span(0, 0, 0, REASON, text(NOTES), Style::Caption);
    for (c, h) in COLUMNS.iter().enumerate() {
        p.put(1, c as u16, text(*h), Style::Header);
    }
    let mut r = 2;
    for t in &targets.tables {
        for i in &t.indicators {
            locked(
                &mut p,
                r,
                [&t.name, &i.level1, &i.level2, &i.name, &i.target_text],
            );
            p.put(r, ACTUAL, Value::Empty, Style::Input);
            p.put(r, UNIT, text(i.actual_unit()), Style::Center);
            for c in OPENING..REASON {
                p.put(r, c, Value::Empty, Style::Text);
            }
            p.put(r, REASON, Value::Empty, Style::Input);
            if matches!(i.target, TargetValue::Qualitative(_)) {
                p.lists.push(ListRule {
                    first_row: r,
                    last_row: r,
                    col: ACTUAL,
                    items: JUDGEMENTS.iter().map(|s| s.to_string()).collect(),
                });
            }
            r += 1;
        }
        if t.budget {
            budget_row(
                &mut p,
                r,
                &t.name,
                BUDGET_ROW,
                "（全年预算数、全年执行数必填，万元；没有预算的表在实际完成值写不适用）",
            );
            p.put(r, ACTUAL, Value::Empty, Style::Input);
            r += 1;
            for (k, f) in FUNDS.iter().enumerate() {
                let label = if k == 0 {
                    format!("其中：{f}")
                } else {
                    f.to_string()
                };
                budget_row(&mut p, r, &t.name, &label, "（选填）");
                p.put(r, ACTUAL, Value::Empty, Style::Text);
                r += 1;
            }
        }
        locked(&mut p, r, [&t.name, "", "", GOAL_ROW, &goal_start(&t.goal)]);
        p.put(r, ACTUAL, Value::Empty, Style::Input);
        for c in UNIT..=REASON {
            p.put(r, c, Value::Empty, Style::Text);
        }
        r += 1;
    }
    p.repeat_rows = Some((1, 1));
    p.freeze_rows = 2;
    p.protect = true;
    p.fit_heights(14.0);
    p
}

/// The start of a table's goal, for reference (the whole goal is on the 自评表).
fn goal_start(goal: &str) -> String {
    const SHOWN: usize = 20;
    if goal.chars().count() <= SHOWN {
        return goal.to_string();
    }
    goal.chars().take(SHOWN).collect::<String>() + "…"
}

/// The locked text cells 表, 一级指标, 二级指标, 三级指标, 年度指标值 of a row.
fn locked(p: &mut Page<'static>, r: u32, cells: [&str; 5]) {
    for (c, s) in cells.iter().enumerate() {
        p.put(r, c as u16, text(*s), Style::Text);
    }
}

/// A row of money figures: 年初预算数, 全年预算数, 全年执行数 to fill in, in 万元.
fn budget_row(p: &mut Page<'static>, r: u32, table: &str, name: &str, note: &str) {
    let level1 = if name == BUDGET_ROW { BUDGET_ROW } else { "" };
    locked(p, r, [table, level1, "", name, note]);
    p.put(r, UNIT, text("万元"), Style::Center);
    for c in OPENING..REASON {
        p.put(r, c, Value::Empty, Style::Input);
    }
    p.put(r, REASON, Value::Empty, Style::Text);
}
