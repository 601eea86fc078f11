//! Score sheets (评分表) and the actuals template (实际完成值模板).
//!
//! `scores.csv`: one row per indicator, then per table a 预算执行率 row (when the table has
//! budget figures), a 合计 row that is the sum of the rows above it, and — when a row does not
//! apply or there are no budget figures — a 百分制折算 row. `summary.csv`: one row per table.
//!
//! Every sheet is a [`layout::Page`] — placed cells with their values and styles, no file format:
//! `scores.csv` is [`score_page`], `summary.csv` [`summary_page`], the 自评表 workbook [`form`]
//! (the 汇总 page and one page per table in the national layout), the xlsx actuals form
//! [`template`]. [`Page::text_rows`] renders a page as CSV rows, `crate::xlsx` as a workbook.

pub mod form;
pub mod layout;
pub mod template;

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::actuals::BUDGET_ROW;
use crate::quantity::plain;
use crate::scoring::{two, Report, TableScore};
use layout::{Page, Style, Value};

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

/// Warnings joined for one cell.
fn notes(warnings: &[String]) -> String {
    warnings.join("；")
}

fn percent(rate: Decimal) -> String {
    two(rate * Decimal::ONE_HUNDRED) + "%"
}

fn text<'a>(s: impl Into<Cow<'a, str>>) -> Value<'a> {
    Value::Text(s.into())
}

/// A data page: its header, then rows of values; a number is a score (`0.00`) unless its style
/// says otherwise.
struct DataPage<'a>(Page<'a>);

impl<'a> DataPage<'a> {
    fn new(name: &str, columns: &[&'a str]) -> DataPage<'a> {
        let mut p = Page::new(name, vec![12.0; columns.len()]);
        for (c, h) in columns.iter().enumerate() {
            p.put(0, c as u16, text(*h), Style::Header);
        }
        p.repeat_rows = Some((0, 0));
        p.freeze_rows = 1;
        DataPage(p)
    }

    fn push(&mut self, values: Vec<(Value<'a>, Style)>) {
        let r = self.0.next_row();
        for (c, (v, style)) in values.into_iter().enumerate() {
            self.0.put(r, c as u16, v, style);
        }
    }
}

fn t<'a>(s: impl Into<Cow<'a, str>>) -> (Value<'a>, Style) {
    (text(s), Style::Text)
}

fn score(d: Decimal) -> (Value<'static>, Style) {
    (Value::Number(d), Style::Score)
}

/// `scores.csv` as a page: one row per indicator, and per table its 预算执行率, 合计 and
/// 百分制折算 rows.
pub fn score_page(report: &Report) -> Page<'_> {
    let mut p = DataPage::new("评分表", &SCORE_COLUMNS);
    for tb in &report.tables {
        for r in &tb.rows {
            p.push(vec![
                t(&tb.name),
                t(&r.level1),
                t(&r.level2),
                t(&r.name),
                t(&r.target),
                t(&r.actual),
                score(r.weight),
                score(r.outcome.score),
                t(&r.outcome.explanation),
                t(&r.reason),
                t(notes(&r.outcome.warnings)),
            ]);
        }
        if let Some(b) = &tb.budget {
            p.push(vec![
                t(&tb.name),
                t(BUDGET_ROW),
                t(""),
                t(BUDGET_ROW),
                t(format!("全年预算数{}万元", plain(b.budget.budget))),
                t(format!(
                    "全年执行数{}万元（执行率{}）",
                    plain(b.budget.spent),
                    percent(b.rate)
                )),
                score(b.weight),
                score(b.score),
                t(&b.explanation),
                t(""),
                t(notes(&b.warnings)),
            ]);
        }
        total_rows(&mut p, tb);
    }
    p.0
}

/// A table's 合计 row, and its 百分制折算 row when a row does not apply.
fn total_rows<'a>(p: &mut DataPage<'a>, tb: &'a TableScore) {
    let mut total_note = Vec::new();
    if tb.budget.is_none() {
        total_note.push("预算执行率不适用（无预算数），合计按百分制折算".to_string());
    }
    if tb.weight_total.is_zero() {
        total_note.push("所有指标均不适用且无预算数，无法计分".to_string());
    }
    total_note.extend(tb.warnings.iter().cloned());
    let label = |s: &'static str| vec![t(&tb.name), t(s), t(""), t(s), t(""), t("")];
    let mut row = label("合计");
    row.extend([
        score(tb.weight_total),
        score(tb.score_total),
        t(match tb.converted {
            Some(_) => format!("各行得分之和；适用指标分值合计{}分", two(tb.weight_total)),
            None => format!("各行得分之和，等级：{}", tb.grade),
        }),
        t(""),
        t(notes(&total_note)),
    ]);
    p.push(row);
    if let Some(c) = tb.converted {
        let mut row = label("百分制折算");
        row.extend([
            score(Decimal::ONE_HUNDRED),
            score(c),
            t(format!(
                "{}×100/{}={}，等级：{}",
                two(tb.score_total),
                two(tb.weight_total),
                two(c),
                tb.grade
            )),
            t(""),
            t(""),
        ]);
        p.push(row);
    }
}

/// The rows of `scores.csv`, header first: [`score_page`] rendered as text.
pub fn score_rows(report: &Report) -> Vec<Vec<String>> {
    score_page(report).text_rows()
}

/// `summary.csv` as a page: one row per table.
pub fn summary_page(report: &Report) -> Page<'_> {
    let mut p = DataPage::new("汇总", &SUMMARY_COLUMNS);
    for tb in &report.tables {
        let (budget, spent, rate) = match &tb.budget {
            Some(b) => (
                (Value::Number(b.budget.budget), Style::Money),
                (Value::Number(b.budget.spent), Style::Money),
                (Value::Number(b.rate), Style::Percent),
            ),
            None => (t(""), t(""), t("")),
        };
        p.push(vec![
            t(&tb.name),
            budget,
            spent,
            rate,
            score(tb.final_score()),
            t(tb.grade),
        ]);
    }
    p.0
}

/// The rows of `summary.csv`, header first: [`summary_page`] rendered as text.
pub fn summary_rows(report: &Report) -> Vec<Vec<String>> {
    summary_page(report).text_rows()
}
