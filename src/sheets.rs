//! Score sheets (评分表) and the actuals template (实际完成值模板), laid out as CSV rows.
//!
//! `scores.csv`: one row per indicator, then per table a 预算执行率 row (when the table has
//! budget figures), a 合计 row that is the sum of the rows above it, and — when a row does not
//! apply or there are no budget figures — a 百分制折算 row. `summary.csv`: one row per table.
//!
//! The 自评表 workbook is laid out in [`form`] (the 汇总 page and one page per table in the national
//! layout) and [`template`] (the actuals form to fill in), both on the format-free model of
//! [`layout`]; `crate::xlsx` renders a layout as a workbook.

pub mod form;
pub mod layout;
pub mod template;

use rust_decimal::Decimal;

use crate::actuals::{BUDGET_ROW, TEMPLATE_COLUMNS};
use crate::quantity::plain;
use crate::scoring::{two, Report};
use crate::targets::Targets;

/// The columns of `scores.csv`, in order.
pub const SCORE_COLUMNS: [&str; 11] = [
    "表",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "扣分说明",
    "偏差原因分析及改进措施",
    "提示",
];

/// The columns of `summary.csv`, in order.
pub const SUMMARY_COLUMNS: [&str; 6] = ["表", "全年预算数", "全年执行数", "执行率", "得分", "等级"];

fn header(cols: &[&str]) -> Vec<String> {
    cols.iter().map(|c| c.to_string()).collect()
}

/// Warnings joined for one cell.
fn notes(warnings: &[String]) -> String {
    warnings.join("；")
}

fn percent(rate: Decimal) -> String {
    two(rate * Decimal::ONE_HUNDRED) + "%"
}

/// The rows of `scores.csv`, header first.
pub fn score_rows(report: &Report) -> Vec<Vec<String>> {
    let mut out = vec![header(&SCORE_COLUMNS)];
    for t in &report.tables {
        for r in &t.rows {
            out.push(vec![
                t.name.clone(),
                r.level1.clone(),
                r.level2.clone(),
                r.name.clone(),
                r.target.clone(),
                r.actual.clone(),
                two(r.weight),
                two(r.outcome.score),
                r.outcome.explanation.clone(),
                r.reason.clone(),
                notes(&r.outcome.warnings),
            ]);
        }
        if let Some(b) = &t.budget {
            out.push(vec![
                t.name.clone(),
                BUDGET_ROW.into(),
                String::new(),
                BUDGET_ROW.into(),
                format!("全年预算数{}万元", plain(b.budget.budget)),
                format!(
                    "全年执行数{}万元（执行率{}）",
                    plain(b.budget.spent),
                    percent(b.rate)
                ),
                two(b.weight),
                two(b.score),
                b.explanation.clone(),
                String::new(),
                notes(&b.warnings),
            ]);
        }
        let mut total_note = Vec::new();
        if t.budget.is_none() {
            total_note.push("预算执行率不适用（无预算数），合计按百分制折算".to_string());
        }
        if t.weight_total.is_zero() {
            total_note.push("所有指标均不适用且无预算数，无法计分".to_string());
        }
        out.push(vec![
            t.name.clone(),
            "合计".into(),
            String::new(),
            "合计".into(),
            String::new(),
            String::new(),
            two(t.weight_total),
            two(t.score_total),
            match t.converted {
                Some(_) => format!("各行得分之和；适用指标分值合计{}分", two(t.weight_total)),
                None => format!("各行得分之和，等级：{}", t.grade),
            },
            String::new(),
            notes(&total_note),
        ]);
        if let Some(c) = t.converted {
            out.push(vec![
                t.name.clone(),
                "百分制折算".into(),
                String::new(),
                "百分制折算".into(),
                String::new(),
                String::new(),
                "100.00".into(),
                two(c),
                format!(
                    "{}×100/{}={}，等级：{}",
                    two(t.score_total),
                    two(t.weight_total),
                    two(c),
                    t.grade
                ),
                String::new(),
                String::new(),
            ]);
        }
    }
    out
}

/// The rows of `summary.csv`, header first.
pub fn summary_rows(report: &Report) -> Vec<Vec<String>> {
    let mut out = vec![header(&SUMMARY_COLUMNS)];
    for t in &report.tables {
        let (budget, spent, rate) = match &t.budget {
            Some(b) => (
                plain(b.budget.budget),
                plain(b.budget.spent),
                percent(b.rate),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        out.push(vec![
            t.name.clone(),
            budget,
            spent,
            rate,
            two(t.final_score()),
            t.grade.to_string(),
        ]);
    }
    out
}

/// The actuals template: every indicator with an empty 实际完成值, and a 预算执行率 row per table.
pub fn template_rows(targets: &Targets) -> Vec<Vec<String>> {
    let mut out = vec![header(&TEMPLATE_COLUMNS)];
    for t in &targets.tables {
        for i in &t.indicators {
            out.push(vec![
                t.name.clone(),
                i.level1.clone(),
                i.level2.clone(),
                i.name.clone(),
                i.target_text.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        if !t.budget {
            // `budget = false`: the table has no budget figures to fill in.
            continue;
        }
        out.push(vec![
            t.name.clone(),
            BUDGET_ROW.into(),
            String::new(),
            BUDGET_ROW.into(),
            "（填全年预算数、全年执行数，单位万元；没有预算的表在实际完成值写不适用）".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    out
}
