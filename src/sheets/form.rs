//! The 自评表 workbook's layout (自评表版式): a 汇总 page, then one page per table in the national
//! 项目支出绩效自评表 layout (the department-wide table as 部门整体支出绩效自评表):
//!
//! - the title and 项目名称 / 主管部门 / 实施单位;
//! - the 资金 block: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 of 年度资金总额, and the
//!   rows 其中：财政拨款 / 上年结转 / 其他资金 where the actuals give them;
//! - 年度总体目标: 预期目标 (the targets' goal) and 实际完成情况 (from the actuals);
//! - the indicator grid: 一级指标 and 二级指标 merged over their rows, 三级指标, 年度指标值 and
//!   实际完成值 as text, 分值 and 得分 as numbers, 偏差原因分析及改进措施, 扣分说明, 提示;
//! - 总分 (the sum of every 得分 above it, the 资金 block's included), 百分制折算 where a row does
//!   not apply, and 自评等级.

use rust_decimal::{Decimal, RoundingStrategy};
use std::borrow::Cow;

use super::layout::{sheet_names, Page, Style, Value};
use crate::actuals::{Actuals, TableExtras};
use crate::scoring::{two, Report, TableScore};
use crate::targets::Targets;

/// The name of the first page.
pub const SUMMARY_SHEET: &str = "汇总";
/// The title of the department-wide table's page.
pub const DEPARTMENT_TITLE: &str = "部门整体支出绩效自评表";
/// The title of a project table's page.
pub const PROJECT_TITLE: &str = "项目支出绩效自评表";
/// What the name of the department-wide table says (`部门整体支出绩效指标`, `…目标表`).
const DEPARTMENT_TABLE: &str = "部门整体";

/// Column widths of a table page: 一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值, 分值, 得分,
/// 偏差原因分析及改进措施, 扣分说明, 提示.
const WIDTHS: [f64; 10] = [9.0, 10.0, 24.0, 13.0, 13.0, 8.5, 8.5, 26.0, 34.0, 26.0];
/// The last column of a table page.
const LAST: u16 = 9;
/// Points per line of wrapped text.
const LINE: f64 = 14.0;

fn text(s: impl Into<String>) -> Value<'static> {
    Value::Text(Cow::Owned(s.into()))
}

/// A rate as the fraction a `0.00%` cell shows: rounded as the CSV rounds it (two decimals of
/// the percent).
pub fn rate_cell(rate: Decimal) -> Value<'static> {
    Value::Number(
        (rate * Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
            / Decimal::ONE_HUNDRED,
    )
}

/// The pages of the score workbook: 汇总 first, then one per table in the targets' order.
pub fn pages(report: &Report, targets: &Targets, actuals: &Actuals) -> Vec<Page<'static>> {
    let names = sheet_names(report.tables.iter().map(|t| t.name.as_str()));
    let mut pages = vec![summary(report, &names)];
    let none = TableExtras::default();
    for (ti, (t, name)) in report.tables.iter().zip(names).enumerate() {
        let extras = actuals.extras.get(&ti).unwrap_or(&none);
        let goal = targets.tables.get(ti).map_or("", |t| t.goal.as_str());
        pages.push(table_page(report, t, name, goal, extras));
    }
    pages
}

/// The warnings of a table: of its rows, its budget row, and its extra figures.
pub fn warning_count(t: &TableScore) -> usize {
    t.rows
        .iter()
        .map(|r| r.outcome.warnings.len())
        .sum::<usize>()
        + t.budget.as_ref().map_or(0, |b| b.warnings.len())
}

/// 汇总: one row per table (工作表, 全年预算数, 全年执行数, 执行率, 得分, 等级, 提示), and 合计.
fn summary(report: &Report, names: &[String]) -> Page<'static> {
    let mut p = Page::new(
        SUMMARY_SHEET,
        vec![30.0, 52.0, 12.0, 12.0, 10.0, 9.0, 7.0, 7.0],
    );
    p.span(
        0,
        0,
        0,
        7,
        text(format!(
            "{}{}年度绩效自评汇总（金额单位：万元）",
            report.department, report.year
        )),
        Style::Title,
    );
    let header = [
        "工作表",
        "表",
        "全年预算数",
        "全年执行数",
        "执行率",
        "得分",
        "等级",
        "提示（条）",
    ];
    for (c, h) in header.iter().enumerate() {
        p.put(1, c as u16, text(*h), Style::Header);
    }
    let (mut budget, mut spent) = (Decimal::ZERO, Decimal::ZERO);
    let mut warnings = 0;
    for (i, (t, name)) in report.tables.iter().zip(names).enumerate() {
        let r = i as u32 + 2;
        p.put(r, 0, text(name), Style::Text);
        p.put(r, 1, text(&t.name), Style::Text);
        match &t.budget {
            Some(b) => {
                budget += b.budget.budget;
                spent += b.budget.spent;
                p.put(r, 2, Value::Number(b.budget.budget), Style::Money);
                p.put(r, 3, Value::Number(b.budget.spent), Style::Money);
                p.put(r, 4, rate_cell(b.rate), Style::Percent);
            }
            None => {
                for c in 2..=4 {
                    p.put(r, c, text("不适用"), Style::Center);
                }
            }
        }
        p.put(r, 5, Value::Number(t.final_score()), Style::Score);
        p.put(r, 6, text(t.grade), Style::Center);
        let n = warning_count(t);
        warnings += n;
        p.put(r, 7, Value::Number(Decimal::from(n)), Style::Center);
    }
    let r = p.next_row();
    p.span(r, 0, r, 1, text("合计"), Style::Header);
    p.put(r, 2, Value::Number(budget), Style::Money);
    p.put(r, 3, Value::Number(spent), Style::Money);
    match spent.checked_div(budget) {
        Some(rate) if !budget.is_zero() => p.put(r, 4, rate_cell(rate), Style::Percent),
        _ => p.put(r, 4, Value::Empty, Style::Text),
    }
    p.put(r, 5, Value::Empty, Style::Text);
    p.put(r, 6, Value::Empty, Style::Text);
    p.put(r, 7, Value::Number(Decimal::from(warnings)), Style::Center);
    p.freeze_rows = 2;
    p.fit_one_page = report.tables.len() <= 40;
    p.repeat_rows = Some((1, 1));
    p.fit_heights(LINE);
    p
}

/// One table in the national layout.
fn table_page(
    report: &Report,
    t: &TableScore,
    name: String,
    goal: &str,
    extras: &TableExtras,
) -> Page<'static> {
    let mut p = Page::new(name, WIDTHS.to_vec());
    let department = t.name.contains(DEPARTMENT_TABLE);
    let title = if department {
        DEPARTMENT_TITLE
    } else {
        PROJECT_TITLE
    };
    p.span(
        0,
        0,
        0,
        LAST,
        text(format!("{title}（{}年度）", report.year)),
        Style::Title,
    );
    if department {
        p.span(1, 0, 1, 1, text("部门名称"), Style::Header);
        p.span(1, 2, 1, LAST, text(&report.department), Style::Text);
    } else {
        p.span(1, 0, 1, 1, text("项目名称"), Style::Header);
        p.span(1, 2, 1, LAST, text(&t.name), Style::Text);
        p.span(2, 0, 2, 1, text("主管部门"), Style::Header);
        p.span(2, 2, 2, 6, text(&report.department), Style::Text);
        p.put(2, 7, text("实施单位"), Style::Header);
        p.span(2, 8, 2, LAST, text(&report.department), Style::Text);
    }
    funds(&mut p, t, extras);
    goals(&mut p, goal, &extras.achieved);
    indicators(&mut p, t);
    totals(&mut p, t);
    p.fit_heights(LINE);
    p
}

/// The 资金 block.
fn funds(p: &mut Page<'static>, t: &TableScore, extras: &TableExtras) {
    let top = p.next_row();
    let header = [
        "",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
        "扣分说明",
    ];
    for (i, h) in header.iter().enumerate() {
        p.put(top, 2 + i as u16, text(*h), Style::Header);
    }
    let r = top + 1;
    p.put(r, 2, text("年度资金总额"), Style::Text);
    p.put(r, 3, money(extras.opening), Style::Money);
    match &t.budget {
        Some(b) => {
            p.put(r, 4, Value::Number(b.budget.budget), Style::Money);
            p.put(r, 5, Value::Number(b.budget.spent), Style::Money);
            p.put(r, 6, Value::Number(b.weight), Style::Score);
            p.put(r, 7, rate_cell(b.rate), Style::Percent);
            p.put(r, 8, Value::Number(b.score), Style::Score);
            let mut note = b.explanation.clone();
            for w in b.warnings.iter().chain(&extras.warnings) {
                note.push_str("；提示：");
                note.push_str(w);
            }
            p.put(r, LAST, text(note), Style::Text);
        }
        None => {
            for c in 4..=8 {
                p.put(r, c, text("不适用"), Style::Center);
            }
            p.put(
                r,
                LAST,
                text("预算执行率不适用（无预算数），合计按百分制折算"),
                Style::Text,
            );
        }
    }
    for (k, f) in extras.funds.iter().enumerate() {
        let r = top + 2 + k as u32;
        let label = if k == 0 {
            format!("其中：{}", f.name)
        } else {
            f.name.to_string()
        };
        p.put(r, 2, text(label), Style::Text);
        p.put(r, 3, money(f.opening), Style::Money);
        p.put(r, 4, money(f.budget), Style::Money);
        p.put(r, 5, money(f.spent), Style::Money);
        for c in 6..=LAST {
            p.put(r, c, text("—"), Style::Center);
        }
    }
    let last = p.next_row() - 1;
    p.span(top, 0, last, 1, text("项目资金（万元）"), Style::Header);
}

fn money(v: Option<Decimal>) -> Value<'static> {
    v.map_or(Value::Empty, Value::Number)
}

/// 年度总体目标: 预期目标 and 实际完成情况.
fn goals(p: &mut Page<'static>, goal: &str, achieved: &str) {
    let r = p.next_row();
    p.span(r, 0, r + 1, 1, text("年度总体目标"), Style::Header);
    p.span(r, 2, r, 6, text("预期目标"), Style::Header);
    p.span(r, 7, r, LAST, text("实际完成情况"), Style::Header);
    p.span(r + 1, 2, r + 1, 6, text(goal), Style::Text);
    p.span(r + 1, 7, r + 1, LAST, text(achieved), Style::Text);
}

/// The indicator grid, with its header repeated on every printed page.
fn indicators(p: &mut Page<'static>, t: &TableScore) {
    let head = p.next_row();
    let header = [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
        "扣分说明",
        "提示",
    ];
    for (c, h) in header.iter().enumerate() {
        p.put(head, c as u16, text(*h), Style::Header);
    }
    p.repeat_rows = Some((head, head));
    let first = head + 1;
    for (i, r) in t.rows.iter().enumerate() {
        let row = first + i as u32;
        p.put(row, 2, text(&r.name), Style::Text);
        p.put(row, 3, text(&r.target), Style::Text);
        p.put(row, 4, text(&r.actual), Style::Text);
        p.put(row, 5, Value::Number(r.weight), Style::Score);
        p.put(row, 6, Value::Number(r.outcome.score), Style::Score);
        p.put(row, 7, text(&r.reason), Style::Text);
        p.put(row, 8, text(&r.outcome.explanation), Style::Text);
        p.put(row, 9, text(r.outcome.warnings.join("；")), Style::Text);
    }
    // 一级指标 merged over its run of rows, 二级指标 over its run within the 一级.
    let level1: Vec<String> = t.rows.iter().map(|r| r.level1.clone()).collect();
    let level2: Vec<String> = t
        .rows
        .iter()
        .map(|r| format!("{}\u{0}{}", r.level1, r.level2))
        .collect();
    for (col, keys, shown) in [
        (
            0u16,
            &level1,
            t.rows.iter().map(|r| &r.level1).collect::<Vec<_>>(),
        ),
        (
            1u16,
            &level2,
            t.rows.iter().map(|r| &r.level2).collect::<Vec<_>>(),
        ),
    ] {
        let mut start = 0;
        for i in 1..=keys.len() {
            if i == keys.len() || keys[i] != keys[start] {
                let style = if col == 0 { Style::Center } else { Style::Text };
                p.span(
                    first + start as u32,
                    col,
                    first + i as u32 - 1,
                    col,
                    text(shown[start].as_str()),
                    style,
                );
                start = i;
            }
        }
    }
}

/// 总分, 百分制折算 (where a row does not apply) and 自评等级.
fn totals(p: &mut Page<'static>, t: &TableScore) {
    let r = p.next_row();
    p.span(r, 0, r, 4, text("总分"), Style::Header);
    p.put(r, 5, Value::Number(t.weight_total), Style::Score);
    p.put(r, 6, Value::Number(t.score_total), Style::Score);
    let mut note = "各指标得分与预算执行率得分之和".to_string();
    if t.budget.is_none() {
        note.push_str("；预算执行率不适用（无预算数），合计按百分制折算");
    }
    if t.weight_total.is_zero() {
        note.push_str("；所有指标均不适用且无预算数，无法计分");
    }
    for w in &t.warnings {
        note.push('；');
        note.push_str(w);
    }
    p.span(r, 7, r, LAST, text(note), Style::Text);
    let mut r = r + 1;
    if let Some(c) = t.converted {
        p.span(r, 0, r, 4, text("百分制折算"), Style::Header);
        p.put(r, 5, Value::Number(Decimal::ONE_HUNDRED), Style::Score);
        p.put(r, 6, Value::Number(c), Style::Score);
        p.span(
            r,
            7,
            r,
            LAST,
            text(format!(
                "{}×100/{}={}",
                two(t.score_total),
                two(t.weight_total),
                two(c)
            )),
            Style::Text,
        );
        r += 1;
    }
    p.span(r, 0, r, 4, text("自评等级"), Style::Header);
    p.span(r, 5, r, 6, text(t.grade), Style::Center);
    p.span(
        r,
        7,
        r,
        LAST,
        text(format!("按最终得分{}分评定", two(t.final_score()))),
        Style::Text,
    );
}
