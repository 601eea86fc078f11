//! Actuals (实际完成值): the year-end results, as a CSV file that finance staff fill in from the
//! template in Excel, and the budget figures (全年预算数, 全年执行数) of every table.
//!
//! One row per indicator, matched to the targets by 表 and 三级指标; one row per table whose
//! 三级指标 is `预算执行率` carries the budget figures. See `docs/actuals-format.md`.

use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::{Column, Diagnostic, Error, Location, Result};
use crate::input::{read_text, Encoding};
use crate::quantity::{
    parse_judgement, parse_quantity, plain, split_op, Judgement, Op, TargetValue, Unit, ValueError,
};
use crate::targets::{Indicator, Targets};
use crate::text::compact;

/// The columns of an actuals file. The first three are required.
pub const COL_TABLE: &str = "表";
pub const COL_NAME: &str = "三级指标";
pub const COL_ACTUAL: &str = "实际完成值";
pub const COL_BUDGET: &str = "全年预算数";
pub const COL_SPENT: &str = "全年执行数";
pub const COL_REASON: &str = "偏差原因分析及改进措施";
/// The columns the template writes, in order.
pub const TEMPLATE_COLUMNS: [&str; 9] = [
    COL_TABLE,
    "一级指标",
    "二级指标",
    COL_NAME,
    "年度指标值",
    COL_ACTUAL,
    COL_BUDGET,
    COL_SPENT,
    COL_REASON,
];
/// The 三级指标 of the row that carries a table's budget figures.
pub const BUDGET_ROW: &str = "预算执行率";
/// What marks an indicator as not applicable.
pub const NOT_APPLICABLE: &str = "不适用";

/// An actual, read against its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActualValue {
    /// 不适用: left out; the table's total is converted to a 100-point scale.
    NotApplicable,
    /// A number in the target's unit.
    Number {
        value: Decimal,
        /// The number as shown in explanations, in the target's unit (`1500起`, `66.15万元`).
        shown: String,
        /// An operator written before the number (`≥266米`): read as the number, with a warning.
        operator: Option<Op>,
    },
    /// A qualitative judgement (定性评价).
    Judgement(Judgement),
    /// A level of the indicator's level list (`良好` for `优秀得10分，良好得8分…`): its index.
    Level(usize),
}

/// Reads an actual for an indicator: a level word where its rule is a level list, else as
/// [`read_actual`] reads it against the target.
pub fn read_indicator_actual(
    text: &str,
    ind: &crate::targets::Indicator,
) -> std::result::Result<(ActualValue, Vec<String>), ValueError> {
    if let Some(crate::rules::Base::Levels(levels)) = ind.rule.as_ref().map(|r| &r.rule.base) {
        let s = compact(text);
        let s = s.trim_end_matches(['的', '。', '.']);
        if s == NOT_APPLICABLE {
            return Ok((ActualValue::NotApplicable, Vec::new()));
        }
        let words = levels
            .iter()
            .map(|l| l.word.as_str())
            .collect::<Vec<_>>()
            .join("、");
        return match levels.iter().position(|l| l.word == s) {
            Some(i) => Ok((ActualValue::Level(i), Vec::new())),
            None => Err(ValueError::new(
                "实际完成值不是评分标准中的等级",
                format!("评分标准中的一个等级：{words}；或「{NOT_APPLICABLE}」"),
            )),
        };
    }
    read_actual(text, &ind.target, &ind.name, ind.is_event())
}

/// Reads an actual against its target. `name` is the indicator's name (a 下降率 may be
/// negative), `event` whether the indicator speaks of an event. Returns the value and warnings.
pub fn read_actual(
    text: &str,
    target: &TargetValue,
    name: &str,
    event: bool,
) -> std::result::Result<(ActualValue, Vec<String>), ValueError> {
    let s = compact(text);
    if s == NOT_APPLICABLE {
        return Ok((ActualValue::NotApplicable, Vec::new()));
    }
    let mut warnings = Vec::new();
    match target {
        TargetValue::Qualitative(words) => {
            let j = parse_judgement(text, words, event)?;
            Ok((ActualValue::Judgement(j), warnings))
        }
        TargetValue::Numeric { quantity: t, .. }
            if event && ["未发生", "零发生", "没有发生", "无"].contains(&s.as_str()) =>
        {
            Ok((
                ActualValue::Number {
                    value: Decimal::ZERO,
                    shown: format!("0{}", t.unit.name()),
                    operator: None,
                },
                vec![format!("实际完成值「{s}」按 0{} 计", t.unit.name())],
            ))
        }
        TargetValue::Numeric { quantity: t, .. } => {
            let (operator, rest) = split_op(&s);
            let q = parse_quantity(rest)?.ok_or_else(|| {
                ValueError::new(
                    "实际完成值不是数字",
                    format!(
                        "数字加单位，如「{}」；或「{NOT_APPLICABLE}」",
                        example(t.value, &t.unit)
                    ),
                )
            })?;
            let value = q.value_in(&t.unit)?;
            let may_be_negative = ["下降", "降低", "增长", "提高", "变化"]
                .iter()
                .any(|w| name.contains(w));
            if value < Decimal::ZERO && !may_be_negative {
                return Err(ValueError::new(
                    "实际完成值为负数，而该指标不可能为负",
                    "0 或正数",
                ));
            }
            if let Some(op) = operator {
                warnings.push(format!(
                    "实际完成值带有比较符号「{}」，按数值{}计",
                    op.symbol(),
                    plain(value)
                ));
            }
            if t.unit == Unit::Percent
                && q.unit == Unit::None
                && value > Decimal::ZERO
                && value <= Decimal::ONE
                && t.value > Decimal::from(5)
            {
                warnings.push(format!(
                    "实际完成值「{}」没有写%，按{}%计；如指的是{}%，请写明",
                    text.trim(),
                    plain(value),
                    plain(value * Decimal::ONE_HUNDRED)
                ));
            }
            let shown = format!("{}{}", plain(value.round_dp(4)), t.unit.name());
            Ok((
                ActualValue::Number {
                    value,
                    shown,
                    operator,
                },
                warnings,
            ))
        }
    }
}

fn example(value: Decimal, unit: &Unit) -> String {
    format!("{}{}", plain(value), unit.name())
}

/// One indicator's row of the actuals file.
#[derive(Debug, Clone)]
pub struct ActualRow {
    /// 实际完成值 as written.
    pub text: String,
    pub value: ActualValue,
    /// Warnings about how the value was read.
    pub warnings: Vec<String>,
    /// 偏差原因分析及改进措施.
    pub reason: String,
    pub line: u64,
}

/// A table's budget figures, in 万元.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    /// 全年预算数 (the adjusted full-year budget).
    pub budget: Decimal,
    /// 全年执行数.
    pub spent: Decimal,
    pub line: u64,
}

/// An actuals file, matched to its targets.
#[derive(Debug, Clone)]
pub struct Actuals {
    pub path: PathBuf,
    /// Keyed by (table index, indicator index) in the targets.
    pub rows: HashMap<(usize, usize), ActualRow>,
    /// Keyed by table index.
    pub budgets: HashMap<usize, Budget>,
}

/// Loads an actuals file against `targets`, reporting every problem at once.
pub fn load(path: &Path, targets: &Targets, encoding: Encoding) -> Result<Actuals> {
    let text = read_text(path, encoding)?;
    parse(path, &text, targets)
}

struct Columns {
    table: usize,
    name: usize,
    actual: usize,
    budget: Option<usize>,
    spent: Option<usize>,
    reason: Option<usize>,
    headers: Vec<String>,
}

impl Columns {
    fn at(&self, line: u64, index: usize) -> Location {
        Location::Line {
            line,
            column: Some(Column::Field {
                index: index + 1,
                header: self.headers.get(index).cloned().unwrap_or_default(),
            }),
        }
    }
}

/// Parses an actuals file's text (`path` only names it in messages).
pub fn parse(path: &Path, text: &str, targets: &Targets) -> Result<Actuals> {
    // The csv reader counts a CRLF record's line from before its LF: normalise line ends so
    // that line numbers in messages are the ones Excel and editors show.
    let text = text.replace("\r\n", "\n");
    if let Some(line) = unclosed_quote(&text) {
        return Err(Error::one(
            Diagnostic::new(
                path,
                Location::Line { line, column: None },
                "引号不成对：此行的双引号没有结束，其后的内容都被读进了一个单元格",
            )
            .expected("单元格内的双引号成对出现（Excel 另存为 CSV 会自动处理）"),
        ));
    }
    // Excel's "Unicode text" and some exports separate cells with tabs.
    let header_line = text.lines().find(|l| !l.starts_with('#')).unwrap_or("");
    let delimiter = if header_line.contains('\t') && !header_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .comment(Some(b'#'))
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim_start_matches('\u{FEFF}').trim().to_string())
            .collect(),
        Err(e) => return Err(Error::one(csv_error(path, &e))),
    };
    let find = |name: &str| headers.iter().position(|h| h == name);
    let missing: Vec<&str> = [COL_TABLE, COL_NAME, COL_ACTUAL]
        .into_iter()
        .filter(|c| find(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(Error::one(
            Diagnostic::new(
                path,
                Location::Line { line: 1, column: None },
                format!("表头缺少列: {}", missing.join("、")),
            )
            .found(headers.join(","))
            .expected(format!("表头至少包含 {COL_TABLE}、{COL_NAME}、{COL_ACTUAL} 三列（可用 jixiao template 生成）")),
        ));
    }
    let cols = Columns {
        table: find(COL_TABLE).unwrap_or(0),
        name: find(COL_NAME).unwrap_or(0),
        actual: find(COL_ACTUAL).unwrap_or(0),
        budget: find(COL_BUDGET),
        spent: find(COL_SPENT),
        reason: find(COL_REASON),
        headers,
    };

    let mut diags = Vec::new();
    let mut rows: HashMap<(usize, usize), ActualRow> = HashMap::new();
    let mut budgets: HashMap<usize, Budget> = HashMap::new();
    // Indicators a row was meant for, read or not: only the others are reported missing.
    let mut claimed: HashSet<(usize, usize)> = HashSet::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                diags.push(csv_error(path, &e));
                continue;
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let table_name = cell(Some(cols.table));
        let name = cell(Some(cols.name));
        let Some(ti) = targets.table(table_name) else {
            let names = || targets.tables.iter().map(|t| t.name.as_str());
            let d = if table_name.is_empty() {
                Diagnostic::new(path, cols.at(line, cols.table), "表名为空").expected(format!(
                    "目标文件中的表名，如「{}」",
                    names().next().unwrap_or("")
                ))
            } else {
                Diagnostic::new(path, cols.at(line, cols.table), "目标文件中没有这个表")
                    .found(table_name)
                    .expected(closest(table_name, names()).0)
            };
            diags.push(d);
            // The row most likely meant the closest table: do not also call its indicator missing.
            if let Some(tj) = closest(table_name, names()).1 {
                if let Some(ii) = targets.tables[tj]
                    .indicators
                    .iter()
                    .position(|i| i.name == name)
                {
                    claimed.insert((tj, ii));
                }
            }
            continue;
        };
        let table = &targets.tables[ti];
        if name == BUDGET_ROW {
            if let Some(b) = read_budget(path, line, &cols, &record, &mut diags) {
                if let Some(first) = budgets.get(&ti) {
                    if *first
                        != (Budget {
                            line: first.line,
                            ..b.clone()
                        })
                    {
                        let column = if first.budget != b.budget {
                            cols.budget
                        } else {
                            cols.spent
                        };
                        diags.push(
                            Diagnostic::new(
                                path,
                                cols.at(line, column.unwrap_or(cols.name)),
                                format!("表「{}」的预算数字与第{}行不一致", table.name, first.line),
                            )
                            .found(format!(
                                "全年预算数 {}，全年执行数 {}",
                                plain(b.budget),
                                plain(b.spent)
                            ))
                            .expected(format!("与第{}行相同，或删去重复的行", first.line)),
                        );
                    }
                } else {
                    budgets.insert(ti, b);
                }
            }
            continue;
        }
        let Some(ii) = table.indicators.iter().position(|i| i.name == name) else {
            let (hint, best) = closest(name, table.indicators.iter().map(|i| i.name.as_str()));
            diags.push(
                Diagnostic::new(
                    path,
                    cols.at(line, cols.name),
                    format!("表「{}」中没有这个三级指标", table.name),
                )
                .found(name)
                .expected(hint),
            );
            if let Some(ii) = best {
                claimed.insert((ti, ii));
            }
            continue;
        };
        if let Some(first) = rows.get(&(ti, ii)) {
            diags.push(
                Diagnostic::new(
                    path,
                    cols.at(line, cols.name),
                    format!("指标重复：第{}行已填写", first.line),
                )
                .found(name)
                .expected("每个指标只填一行"),
            );
            continue;
        }
        let indicator = &table.indicators[ii];
        claimed.insert((ti, ii));
        let actual_text = cell(Some(cols.actual));
        if actual_text.is_empty() {
            diags.push(
                Diagnostic::new(
                    path,
                    cols.at(line, cols.actual),
                    format!("「{} / {}」缺少实际完成值", table.name, name),
                )
                .expected(expected_actual(indicator)),
            );
            continue;
        }
        match read_indicator_actual(actual_text, indicator) {
            Ok((value, warnings)) => {
                rows.insert(
                    (ti, ii),
                    ActualRow {
                        text: actual_text.to_string(),
                        value,
                        warnings,
                        reason: cell(cols.reason).to_string(),
                        line,
                    },
                );
            }
            Err(e) => diags.push(
                Diagnostic::new(
                    path,
                    cols.at(line, cols.actual),
                    format!("「{} / {}」: {}", table.name, name, e.message),
                )
                .found(actual_text)
                .expected(e.expected),
            ),
        }
    }
    // Every indicator needs an actual: list all that are missing, not just the first.
    for (ti, table) in targets.tables.iter().enumerate() {
        for (ii, indicator) in table.indicators.iter().enumerate() {
            if !claimed.contains(&(ti, ii)) {
                diags.push(
                    Diagnostic::new(
                        path,
                        Location::File,
                        format!(
                            "缺少指标「{} / {}」的实际完成值",
                            table.name, indicator.name
                        ),
                    )
                    .expected(format!(
                        "一行：{COL_TABLE}={}，{COL_NAME}={}，{COL_ACTUAL}={}",
                        table.name,
                        indicator.name,
                        expected_actual(indicator)
                    )),
                );
            }
        }
    }
    if !diags.is_empty() {
        return Err(Error::Input(diags));
    }
    Ok(Actuals {
        path: path.to_path_buf(),
        rows,
        budgets,
    })
}

fn expected_actual(indicator: &Indicator) -> String {
    match &indicator.target {
        TargetValue::Numeric { quantity, .. } => format!(
            "数字加单位，如「{}」；或「{NOT_APPLICABLE}」",
            example(quantity.value, &quantity.unit)
        ),
        TargetValue::Qualitative(words) => format!(
            "达成、部分达成、未达成（可带比例，如「部分达成 75%」），或「{words}」；或「{NOT_APPLICABLE}」"
        ),
    }
}

fn read_budget(
    path: &Path,
    line: u64,
    cols: &Columns,
    record: &csv::StringRecord,
    diags: &mut Vec<Diagnostic>,
) -> Option<Budget> {
    let missing: Vec<&str> = [(cols.budget, COL_BUDGET), (cols.spent, COL_SPENT)]
        .into_iter()
        .filter(|(c, _)| c.is_none())
        .map(|(_, name)| name)
        .collect();
    if !missing.is_empty() {
        diags.push(
            Diagnostic::new(
                path,
                Location::Line { line, column: None },
                format!(
                    "预算执行率行需要「{}」列，但表头中没有",
                    missing.join("」「")
                ),
            )
            .found(cols.headers.join(","))
            .expected(format!("表头包含 {COL_BUDGET}、{COL_SPENT} 两列")),
        );
        return None;
    }
    let mut read = |col: Option<usize>, what: &str| -> Option<Option<Decimal>> {
        let i = col?;
        let text = record.get(i).unwrap_or("").trim();
        if text.is_empty() {
            return Some(None);
        }
        let fail = |message: String, expected: &str| {
            Diagnostic::new(path, cols.at(line, i), message)
                .found(text)
                .expected(expected)
        };
        let q = match parse_quantity(&compact(text)) {
            Ok(Some(q)) => q,
            Ok(None) => {
                diags.push(fail(
                    format!("{what}不是数字"),
                    "金额，单位万元（如 63 或 63万元），也可写 630000元",
                ));
                return None;
            }
            Err(e) => {
                diags.push(fail(format!("{what}: {}", e.message), &e.expected));
                return None;
            }
        };
        let wan = Unit::Money {
            name: "万元".into(),
            scale: Decimal::from(10_000),
        };
        let value = match q.value_in(&wan) {
            Ok(v)
                if matches!(
                    q.unit,
                    Unit::Money { .. } | Unit::None | Unit::Multiple { .. }
                ) =>
            {
                v
            }
            _ => {
                diags.push(fail(
                    format!("{what}的单位不是金额"),
                    "金额，单位万元（如 63 或 63万元），也可写 630000元",
                ));
                return None;
            }
        };
        if value < Decimal::ZERO {
            diags.push(fail(format!("{what}为负数"), "0 或正的金额"));
            return None;
        }
        Some(Some(value))
    };
    let budget = read(cols.budget, COL_BUDGET)?;
    let spent = read(cols.spent, COL_SPENT)?;
    match (budget, spent) {
        (None, None) => None,
        (Some(b), Some(s)) if b > Decimal::ZERO => Some(Budget {
            budget: b,
            spent: s,
            line,
        }),
        (Some(_), Some(_)) => {
            diags.push(
                Diagnostic::new(
                    path,
                    cols.at(line, cols.budget.unwrap_or(0)),
                    "全年预算数为0，无法计算执行率",
                )
                .found("0")
                .expected("大于0的全年预算数（调整后预算）；无预算的表请删去此行"),
            );
            None
        }
        (b, _) => {
            let (missing, col) = if b.is_none() {
                (COL_BUDGET, cols.budget)
            } else {
                (COL_SPENT, cols.spent)
            };
            diags.push(
                Diagnostic::new(
                    path,
                    cols.at(line, col.unwrap_or(0)),
                    format!("只填了一半预算数字：缺少{missing}"),
                )
                .expected(format!("{COL_BUDGET}和{COL_SPENT}都填，或都不填")),
            );
            None
        }
    }
}

fn csv_error(path: &Path, e: &csv::Error) -> Diagnostic {
    let line = e.position().map_or(0, |p| p.line());
    Diagnostic::new(
        path,
        Location::Line { line, column: None },
        format!("CSV 格式错误: {e}"),
    )
    .expected("逗号分隔的 CSV（可由 Excel「另存为 CSV」得到）")
}

/// The known name most like `wanted`, for "did you mean" hints: the hint, and the index of the
/// name when one is close enough to be what was meant.
fn closest<'a>(wanted: &str, known: impl Iterator<Item = &'a str>) -> (String, Option<usize>) {
    let known: Vec<&str> = known.collect();
    let score = |k: &str| wanted.chars().filter(|c| k.contains(*c)).count();
    let best = (0..known.len()).max_by_key(|&i| score(known[i]));
    match best {
        // Close enough: most of the wanted characters are in it.
        Some(i) if score(known[i]) * 2 > wanted.chars().count() => {
            (format!("目标文件中的名称，如「{}」", known[i]), Some(i))
        }
        _ => (
            format!(
                "目标文件中的名称之一（共{}个），如「{}」",
                known.len(),
                known.first().copied().unwrap_or("")
            ),
            None,
        ),
    }
}

/// The line on which a double quote opens and never closes, if any.
fn unclosed_quote(text: &str) -> Option<u64> {
    let mut inside = false;
    let mut opened = 0;
    let mut line = 1;
    let mut at_cell_start = true;
    for c in text.chars() {
        match c {
            '"' if inside => inside = false,
            '"' if at_cell_start => {
                inside = true;
                opened = line;
            }
            '\n' => line += 1,
            _ => {}
        }
        at_cell_start =
            !inside && (c == ',' || c == '\n' || c == '\t' || (at_cell_start && c == ' '));
    }
    inside.then_some(opened)
}
