//! The rows of an actuals file that the form shows and nothing scores (表外信息): a table's
//! funding breakdown (三级指标 `其中：财政拨款`, `上年结转`, `其他资金`, with 年初预算数 / 全年预算数 /
//! 全年执行数), the 年初预算数 on its 预算执行率 row, and the 实际完成情况 of its 年度总体目标 (三级指标
//! `年度总体目标`, the text in 实际完成值). A breakdown that does not add up to 年度资金总额 is a
//! warning: the score reads 全年预算数 and 全年执行数 of the 预算执行率 row only.

use foldhash::{HashMap, HashMapExt};

use rust_decimal::Decimal;

use super::{read_money, Budget, Fund, TableExtras, C_ACTUAL, C_BUDGET, C_OPENING, C_SPENT};
use crate::error::Diagnostic;
use crate::grid::{Sheet, SheetRow};
use crate::quantity::plain;
use crate::targets::Targets;
use std::path::Path;

/// The funding lines of the form, in order.
pub const FUNDS: [&str; 3] = ["财政拨款", "上年结转", "其他资金"];
/// The 三级指标 of the row that carries 年度总体目标's 实际完成情况.
pub const GOAL_ROW: &str = "年度总体目标";

/// What an extra row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra {
    Fund(&'static str),
    Goal,
}

/// The extra row a 三级指标 names (`其中：财政拨款` and `财政拨款` alike).
pub fn extra_kind(name: &str) -> Option<Extra> {
    if name == GOAL_ROW {
        return Some(Extra::Goal);
    }
    let bare = name
        .trim_start_matches("其中")
        .trim_start_matches(['：', ':'])
        .trim();
    FUNDS.iter().find(|f| **f == bare).map(|f| Extra::Fund(f))
}

/// Reads an extra row into `extras` (by table name). A blank funding row (as the template
/// writes it) is left out.
pub(super) fn read_extra(
    path: &Path,
    sheet: &Sheet,
    row: &SheetRow,
    kind: Extra,
    extras: &mut TableExtras,
    diags: &mut Vec<Diagnostic>,
) {
    let line = row.line;
    match kind {
        Extra::Goal => {
            // Money on the goal row would be dropped in silence: it belongs on the budget row.
            if let Some(&(k, _)) = super::money_cells_filled(sheet, row).first() {
                diags.push(
                    Diagnostic::new(
                        path,
                        super::at(sheet, line, k),
                        "年度总体目标行只填实际完成值（实际完成情况的文字），不填金额",
                    )
                    .found(sheet.cell(row, k))
                    .expected("清空这一格；预算数字填在本表的「预算执行率」行"),
                );
                return;
            }
            extras.achieved = sheet.cell(row, C_ACTUAL).to_string();
        }
        Extra::Fund(name) => {
            // A figure typed into the 实际完成值 cell of a funding row would be dropped in silence
            // (the CSV form does not lock that cell as the workbook does).
            let stray = sheet.cell(row, C_ACTUAL);
            if !stray.trim().is_empty() {
                diags.push(
                    Diagnostic::new(
                        path,
                        super::at(sheet, line, C_ACTUAL),
                        format!("资金来源「{name}」行的实际完成值格不读：资金来源只有年初预算数、全年预算数、全年执行数"),
                    )
                    .found(stray)
                    .expected("把金额填在年初预算数、全年预算数、全年执行数列（万元），清空实际完成值格"),
                );
                return;
            }
            let mut read =
                |k: usize, what: &str| read_money(path, line, sheet, row, k, what, diags);
            let opening = read(C_OPENING, "年初预算数");
            let budget = read(C_BUDGET, "全年预算数");
            let spent = read(C_SPENT, "全年执行数");
            let (Some(opening), Some(budget), Some(spent)) = (opening, budget, spent) else {
                return;
            };
            if opening.is_none() && budget.is_none() && spent.is_none() {
                return;
            }
            if let Some(first) = extras.funds.iter().find(|f| f.name == name) {
                diags.push(
                    Diagnostic::new(
                        path,
                        super::at(sheet, line, C_BUDGET),
                        format!("「{name}」行重复：第{}行已填写", first.line),
                    )
                    .expected("每张表的每项资金来源只填一行"),
                );
                return;
            }
            extras.funds.push(Fund {
                name,
                opening,
                budget,
                spent,
                line,
            });
        }
    }
}

/// The extras by table index, in the form's order, with a warning for every breakdown that
/// does not add up (also returned as the file's `第N行: …` warnings).
pub(super) fn finish(
    by_name: HashMap<String, TableExtras>,
    targets: &Targets,
    budgets: &HashMap<usize, Budget>,
    warnings: &mut Vec<String>,
) -> HashMap<usize, TableExtras> {
    let mut out = HashMap::new();
    for (name, mut e) in by_name {
        let Some(ti) = targets.table(&name) else {
            continue;
        };
        e.funds
            .sort_by_key(|f| FUNDS.iter().position(|n| *n == f.name));
        let budget = budgets.get(&ti);
        let totals = [
            (
                "年初预算数",
                e.opening,
                e.funds.iter().map(|f| f.opening).collect::<Vec<_>>(),
            ),
            (
                "全年预算数",
                budget.map(|b| b.budget),
                e.funds.iter().map(|f| f.budget).collect(),
            ),
            (
                "全年执行数",
                budget.map(|b| b.spent),
                e.funds.iter().map(|f| f.spent).collect(),
            ),
        ];
        for (what, total, parts) in totals {
            let (Some(total), Some(first)) = (total, e.funds.first()) else {
                continue;
            };
            let given: Vec<Decimal> = parts.iter().flatten().copied().collect();
            let sum: Decimal = given.iter().sum();
            if given.is_empty() || sum == total {
                continue;
            }
            let terms: Vec<String> = e
                .funds
                .iter()
                .zip(&parts)
                .filter_map(|(f, p)| p.map(|p| format!("{}{}", f.name, plain(p))))
                .collect();
            let w = format!(
                "表「{name}」资金来源的{what}之和 {}={} 万元，与年度资金总额的{what} {} 万元不一致",
                terms.join("+"),
                plain(sum),
                plain(total)
            );
            warnings.push(format!("第{}行: {w}", first.line));
            e.warnings.push(w);
        }
        out.insert(ti, e);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_rows_by_name() {
        assert_eq!(extra_kind("其中：财政拨款"), Some(Extra::Fund("财政拨款")));
        assert_eq!(extra_kind("其中:财政拨款"), Some(Extra::Fund("财政拨款")));
        assert_eq!(extra_kind("上年结转"), Some(Extra::Fund("上年结转")));
        assert_eq!(extra_kind("年度总体目标"), Some(Extra::Goal));
        assert_eq!(extra_kind("保障面积"), None);
    }
}
