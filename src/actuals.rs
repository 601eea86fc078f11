//! Actuals (实际完成值): the year-end results, as a CSV file that finance staff fill in from the
//! template in Excel, and the budget figures (全年预算数, 全年执行数) of every table.
//!
//! One row per indicator, matched to the targets by 表 and 三级指标; one row per table whose
//! 三级指标 is `预算执行率` carries the budget figures. See `docs/actuals-format.md`.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Location, Result};
use crate::grid::xlsx::{read_xlsx, SheetChoice};
use crate::grid::{read_csv, ColumnSpec, Grid, Sheet, SheetRow};
use crate::input::{is_xlsx, read_bytes, text_of, Encoding, Kind};
use crate::quantity::{parse_quantity, plain, TargetValue, Unit, ValueError};
use crate::rules::Base;
use crate::targets::{Indicator, Targets};
use crate::text::compact;

mod extras;
pub use extras::{extra_kind, Extra, FUNDS, GOAL_ROW};

/// The columns of an actuals file. The first three are required.
pub const COL_TABLE: &str = "表";
pub const COL_NAME: &str = "三级指标";
pub const COL_ACTUAL: &str = "实际完成值";
pub const COL_BUDGET: &str = "全年预算数";
pub const COL_SPENT: &str = "全年执行数";
pub const COL_REASON: &str = "偏差原因分析及改进措施";
pub const COL_OPENING: &str = "年初预算数";
/// The unit beside an actual (the template's): read by people only.
pub const COL_UNIT: &str = "单位";
/// One value read against its target (see [`crate::actual`]).
pub use crate::actual::{read_actual, ActualValue, PLACEHOLDERS};
/// The reserved words of the file (see [`crate::names`]).
pub use crate::names::{BUDGET_ROW, NOT_APPLICABLE};

/// Whether a 单位 cell's text names `unit` however spelt (`百分比` for `%`, `平米` for `平方米`,
/// `万` for `万元`): one of it is one of `unit`.
fn same_unit(written: &str, unit: &Unit) -> bool {
    parse_quantity(&format!("1{written}"))
        .ok()
        .flatten()
        .is_some_and(|one| one.value_in(unit).is_ok_and(|v| v == Decimal::ONE))
}

/// The money cells of a row (年初预算数, 全年预算数, 全年执行数) that are filled, with their names.
fn money_cells_filled(sheet: &Sheet, row: &SheetRow) -> Vec<(usize, &'static str)> {
    [
        (C_OPENING, COL_OPENING),
        (C_BUDGET, COL_BUDGET),
        (C_SPENT, COL_SPENT),
    ]
    .into_iter()
    .filter(|&(k, _)| !sheet.cell(row, k).trim().is_empty())
    .collect()
}

/// A 单位 cell that says another unit than the one a bare actual is read in: `15` with 单位
/// `万人次` against `≥1.2万人次` would score 15人次. The column is read by people only, so a number
/// without a unit beside a changed 单位 is refused, not read either way. An actual that writes
/// its unit (`15万人次`), or a judgement, is read as written.
fn unit_column_differs(
    path: &Path,
    sheet: &Sheet,
    row: &SheetRow,
    line: u64,
    actual_text: &str,
    indicator: &Indicator,
) -> Option<Diagnostic> {
    let written = compact(sheet.cell(row, C_UNIT));
    let expected = indicator.actual_unit();
    let one_is_one = || match &indicator.target {
        TargetValue::Numeric { quantity, .. } => same_unit(&written, &quantity.unit),
        TargetValue::Qualitative(_) => false,
    };
    // A deadline's own unit (`月` for `12月`) is its unit too, as a national form's 计量单位 says.
    let own = match &indicator.target {
        TargetValue::Numeric { quantity, .. } => quantity.unit.name(),
        TargetValue::Qualitative(_) => "",
    };
    let same = written == expected || written == own || one_is_one();
    if written.is_empty() || same {
        return None;
    }
    let bare = matches!(
        parse_quantity(&compact(actual_text)),
        Ok(Some(q)) if q.unit == Unit::None
    );
    if !bare {
        return None;
    }
    let read_as = if own.is_empty() {
        "不带单位的数".to_string()
    } else {
        format!("{}{own}", actual_text.trim())
    };
    Some(
        Diagnostic::new(
            path,
            at(sheet, line, C_UNIT),
            format!(
                "「{}」的单位列写的是「{written}」，而实际完成值「{}」没有写单位，按指标值的单位读作{read_as}：单位列只供参考，程序不按它换算",
                indicator.name,
                actual_text.trim()
            ),
        )
        .found(written.clone())
        .expected(if expected.is_empty() {
            format!("实际完成值照指标值的写法不带单位，并清空单位列；或在实际完成值里写明「{}{written}」", actual_text.trim())
        } else {
            format!(
                "在实际完成值里写明单位（如「{}{written}」），或把单位列改回「{expected}」",
                actual_text.trim()
            )
        }),
    )
}

/// Reads an actual against its indicator: [`read_actual`], then what depends on the rule —
/// a figure-free 未完成 cannot be scored by the proportional or the default method.
pub fn read_for(
    text: &str,
    ind: &Indicator,
) -> std::result::Result<(ActualValue, Vec<String>), ValueError> {
    if let Some(Base::Levels(levels)) = ind.rule.as_ref().map(|r| &r.rule.base) {
        return read_level(text, levels);
    }
    let read = read_actual(text, &ind.target, &ind.name, ind.is_event())?;
    // `提前完成` without how early, where early loses points too (`提前或推迟1个月扣1分`). A
    // deadline is always ≤ (`= 12月` included), so only a two-sided rule counts earliness.
    if read.0 == (ActualValue::Stated { met: true }) && compact(text).starts_with("提前") {
        if let Some(d) = ind.target.deadline() {
            if ind
                .rule
                .as_ref()
                .is_some_and(|r| r.rule.base.is_two_sided())
            {
                return Err(ValueError::new(
                    format!(
                        "「{}」没有写提前多久：评分标准两侧扣分，提前完成也要扣分，需要完成的月份或日期",
                        text.trim()
                    ),
                    format!(
                        "完成的月份或日期，如「{}」，或「提前2{}」",
                        d.label(),
                        d.step_name()
                    ),
                ));
            }
        }
    }
    let proportional = matches!(
        ind.rule.as_ref().map(|r| &r.rule.base),
        None | Some(Base::Proportional)
    );
    if read.0 == (ActualValue::Stated { met: false }) && proportional {
        let (what, example) = match ind.target.deadline() {
            Some(d) => ("完成的月份或日期", d.label()),
            None => match &ind.target {
                TargetValue::Numeric { quantity, .. } => ("实际数值", quantity.to_string()),
                TargetValue::Qualitative(_) => ("实际数值", String::new()),
            },
        };
        return Err(ValueError::new(
            format!(
                "「{}」没有写{what}：{}按完成比例计分，需要{what}",
                text.trim(),
                if ind.rule.is_some() {
                    "评分标准"
                } else {
                    "没有评分标准的指标（国家默认方法）"
                }
            ),
            format!(
                "{what}，如「{example}」{}",
                if ind.target.deadline().is_some() {
                    "、「推迟2个月」"
                } else {
                    ""
                }
            ),
        ));
    }
    Ok(read)
}

/// A level word of a level list (`良好` for `优秀得10分，良好得8分…`), or 不适用.
fn read_level(
    text: &str,
    levels: &[crate::rules::LevelAward],
) -> std::result::Result<(ActualValue, Vec<String>), ValueError> {
    let s = compact(text);
    let s = s.trim_end_matches(['的', '。', '.']);
    if s == NOT_APPLICABLE {
        return Ok((ActualValue::NotApplicable, Vec::new()));
    }
    match levels.iter().position(|l| l.word == s) {
        Some(i) => Ok((ActualValue::Level(i), Vec::new())),
        None => {
            let words = levels
                .iter()
                .map(|l| l.word.as_str())
                .collect::<Vec<_>>()
                .join("、");
            Err(ValueError::new(
                "实际完成值不是评分标准中的等级",
                format!("评分标准中的一个等级：{words}；或「{NOT_APPLICABLE}」"),
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
    /// The 实际完成值 cell (line and column), for a problem found when it is scored.
    pub cell: Location,
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

/// One line of a table's funding breakdown (其中：财政拨款 / 上年结转 / 其他资金), in 万元.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fund {
    /// `财政拨款`, `上年结转` or `其他资金`.
    pub name: &'static str,
    /// 年初预算数.
    pub opening: Option<Decimal>,
    /// 全年预算数.
    pub budget: Option<Decimal>,
    /// 全年执行数.
    pub spent: Option<Decimal>,
    pub line: u64,
}

/// What a table's form shows beyond the scored figures (all optional, none scored): the
/// 年初预算数 of 年度资金总额, the funding breakdown, and the 实际完成情况 of 年度总体目标.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableExtras {
    pub opening: Option<Decimal>,
    /// In the form's order: 财政拨款, 上年结转, 其他资金 (those given).
    pub funds: Vec<Fund>,
    /// 年度总体目标的实际完成情况.
    pub achieved: String,
    /// Warnings about these figures (a breakdown that does not add up).
    pub warnings: Vec<String>,
}

/// An actuals file, matched to its targets.
#[derive(Debug, Clone)]
pub struct Actuals {
    pub path: PathBuf,
    /// The worksheet read, when the file is a workbook.
    pub sheet: Option<String>,
    /// Keyed by table index; only tables with something given.
    pub extras: HashMap<usize, TableExtras>,
    /// Keyed by (table index, indicator index) in the targets.
    pub rows: HashMap<(usize, usize), ActualRow>,
    /// Keyed by table index.
    pub budgets: HashMap<usize, Budget>,
    /// Warnings about the file as a whole (columns that are not read), as `第N行: …` texts.
    pub warnings: Vec<String>,
}

/// The worksheet of an xlsx actuals file that is read when there is one; else the first.
pub const ACTUALS_SHEET: &str = "实际完成值";

/// Loads an actuals file (CSV text, or an xlsx workbook) against `targets`, reporting every
/// problem at once.
pub fn load(path: &Path, targets: &Targets, encoding: Encoding) -> Result<Actuals> {
    let mut diags = Vec::new();
    let read = read_grid(path, encoding, &mut diags)?.and_then(|(grid, sheet)| {
        let a = read_rows(path, grid, Some(targets), &mut diags);
        in_sheet(&mut diags, &sheet);
        a.map(|a| Actuals { sheet, ..a })
    });
    match read {
        Some(a) if diags.is_empty() => Ok(a),
        _ => Err(Error::Input(diags)),
    }
}

/// An actuals file's grid: its CSV text, or the worksheet 实际完成值 (else the first) of an xlsx
/// workbook, with the worksheet's name. Problems of the file as a whole are an `Err`; those of
/// cells go to `diags` (those of a workbook name its worksheet).
fn read_grid(
    path: &Path,
    encoding: Encoding,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<(Grid, Option<String>)>> {
    let bytes = read_bytes(path, Kind::Actuals)?;
    if !is_xlsx(&bytes) {
        let text = text_of(path, bytes, encoding, Kind::Actuals).map_err(|d| Error::one(*d))?;
        return Ok(Some((read_csv(path, &text, diags), None)));
    }
    let before = diags.len();
    let read = read_xlsx(
        path,
        &bytes,
        SheetChoice::NamedOrFirst(ACTUALS_SHEET),
        diags,
    );
    let Some(mut x) = read else {
        return Ok(None);
    };
    if let Some(d) = sheet_unclear(path, &bytes, &x) {
        diags.push(d);
        return Ok(None);
    }
    x.refuse_merged(path, diags);
    if x.grid.rows.is_empty() {
        let others: Vec<String> = x.sheets.iter().map(|n| format!("「{n}」")).collect();
        diags.push(
            Diagnostic::new(
                path,
                Location::File,
                format!("读取的工作表是空的（没有名为「{ACTUALS_SHEET}」的工作表时，读第一个工作表）"),
            )
                .found(format!("工作簿中的工作表：{}", others.join("、")))
                .expected(format!(
                    "实际完成值填在第一个工作表，或填在名为「{ACTUALS_SHEET}」的工作表（可用 jixiao template --xlsx 生成）"
                )),
        );
        in_sheet(&mut diags[before..], &Some(x.sheet.clone()));
        return Ok(None);
    }
    in_sheet(&mut diags[before..], &Some(x.sheet.clone()));
    Ok(Some((x.grid, Some(x.sheet))))
}

/// Why the worksheet read may not be the one filled in: more than one worksheet of the workbook
/// has the actuals header (表、三级指标、实际完成值 or their aliases), as when a stale copy is kept
/// beside the filled one, hidden or not; or the worksheet read is hidden. Either is refused, naming
/// the worksheets: which one was filled cannot be known.
fn sheet_unclear(path: &Path, bytes: &[u8], x: &crate::grid::xlsx::XlsxGrid) -> Option<Diagnostic> {
    let label = |n: &String| {
        if x.hidden.contains(n) {
            format!("「{n}」（隐藏）")
        } else {
            format!("「{n}」")
        }
    };
    let listed = x.sheets.iter().map(label).collect::<Vec<_>>().join("、");
    let required: Vec<&ColumnSpec> = COLUMNS.iter().filter(|c| c.required).collect();
    let with_header: Vec<String> = crate::grid::xlsx::sheet_headers(bytes)
        .into_iter()
        .filter(|(_, head)| {
            required
                .iter()
                .all(|c| head.iter().any(|(_, h)| c.matches(h)))
        })
        .map(|(name, _)| name)
        .collect();
    let header = required
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join("、");
    if with_header.len() > 1 {
        let shown = with_header.iter().map(label).collect::<Vec<_>>().join("、");
        let hidden = with_header.iter().any(|n| x.hidden.contains(n));
        return Some(
            Diagnostic::new(
                path,
                Location::File,
                format!(
                    "工作簿中有 {} 个工作表都有实际完成值的表头（{header}）：{shown}，不知道哪一个是填好的",
                    with_header.len()
                ),
            )
            .found(format!("工作簿中的工作表：{listed}"))
            .expected(format!(
                "只留一个实际完成值工作表：删去其他的（如旧的副本{}），或把它们移到另一个工作簿；留下的工作表最好命名为「{ACTUALS_SHEET}」",
                if hidden { "；隐藏的工作表可先右键工作表标签 → 取消隐藏，看过再删" } else { "" }
            )),
        );
    }
    // The header is on another worksheet than the one read (a sheet of instructions first, or an
    // empty 实际完成值 beside the filled copy): reading that other worksheet could score a stale
    // copy, so the workbook is refused, saying where the header is.
    if !with_header.is_empty() && !with_header.contains(&x.sheet) {
        let shown = with_header.iter().map(label).collect::<Vec<_>>().join("、");
        return Some(
            Diagnostic::new(
                path,
                Location::File,
                format!(
                    "读取的工作表「{}」没有实际完成值的表头（{header}），工作表{shown}有（没有名为「{ACTUALS_SHEET}」的工作表时，读第一个工作表）",
                    x.sheet
                ),
            )
            .found(format!("工作簿中的工作表：{listed}"))
            .expected(format!(
                "把填好的工作表命名为「{ACTUALS_SHEET}」（或移到第一个），删去没有填的"
            ))
            .in_sheet(&x.sheet),
        );
    }
    if x.hidden.contains(&x.sheet) {
        return Some(
            Diagnostic::new(
                path,
                Location::File,
                format!(
                    "读取的工作表「{}」是隐藏的：隐藏的工作表常是旧的副本，看不到的数值不读（没有名为「{ACTUALS_SHEET}」的工作表时，读第一个工作表）",
                    x.sheet
                ),
            )
            .found(format!("工作簿中的工作表：{listed}"))
            .expected(format!(
                "取消隐藏（右键工作表标签 → 取消隐藏）并核对其中的数值；或删去这个工作表，把实际完成值填在名为「{ACTUALS_SHEET}」的工作表"
            ))
            .in_sheet(&x.sheet),
        );
    }
    None
}

/// Names the worksheet in every problem that does not name one yet.
fn in_sheet(diags: &mut [Diagnostic], sheet: &Option<String>) {
    for d in diags.iter_mut().filter(|d| d.sheet.is_none()) {
        d.sheet = sheet.clone();
    }
}

/// Loads a targets file and an actuals file, reporting every problem of both at once: when the
/// targets cannot be loaded, the actuals file is still checked for everything that does not need
/// them (reading, encoding, structure, header, budget figures, empty cells, repeated rows).
pub fn load_with_targets(
    targets_path: &Path,
    actuals_path: &Path,
    encoding: Encoding,
) -> Result<(Targets, Actuals)> {
    match crate::targets::load(targets_path) {
        Ok(t) => {
            let a = load(actuals_path, &t, encoding)?;
            Ok((t, a))
        }
        Err(Error::Input(mut diags)) => {
            diags.extend(check_alone(actuals_path, encoding));
            Err(Error::Input(diags))
        }
        Err(e) => Err(e),
    }
}

/// The problems of an actuals file that can be found without its targets.
pub fn check_alone(path: &Path, encoding: Encoding) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    match read_grid(path, encoding, &mut diags) {
        Ok(Some((grid, sheet))) => {
            read_rows(path, grid, None, &mut diags);
            in_sheet(&mut diags, &sheet);
            diags
        }
        Ok(None) => diags,
        Err(Error::Input(d) | Error::Output(d)) => d,
    }
}

/// [`check_alone`] on text already read.
pub fn check_text_alone(path: &Path, text: &str) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let grid = read_csv(path, text, &mut diags);
    read_rows(path, grid, None, &mut diags);
    diags
}

/// The columns of an actuals file, with the national form's own header words as aliases. The
/// order is that of the `C_*` indexes below.
pub const COLUMNS: [ColumnSpec; 11] = [
    ColumnSpec {
        name: COL_TABLE,
        aliases: &["项目名称"],
        required: true,
    },
    ColumnSpec {
        name: COL_NAME,
        aliases: &[],
        required: true,
    },
    ColumnSpec {
        name: COL_ACTUAL,
        aliases: &["实际值", "全年实际值", "完成值"],
        required: true,
    },
    ColumnSpec {
        name: COL_BUDGET,
        aliases: &[],
        required: false,
    },
    ColumnSpec {
        name: COL_SPENT,
        aliases: &[],
        required: false,
    },
    ColumnSpec {
        name: COL_REASON,
        aliases: &["偏差原因", "偏差原因分析"],
        required: false,
    },
    // Read by people only: named so that they are not reported as unknown.
    ColumnSpec {
        name: "一级指标",
        aliases: &[],
        required: false,
    },
    ColumnSpec {
        name: "二级指标",
        aliases: &[],
        required: false,
    },
    ColumnSpec {
        name: "年度指标值",
        aliases: &["指标值", "年度目标值"],
        required: false,
    },
    ColumnSpec {
        name: COL_OPENING,
        aliases: &[],
        required: false,
    },
    ColumnSpec {
        name: COL_UNIT,
        aliases: &["计量单位"],
        required: false,
    },
];
const C_TABLE: usize = 0;
const C_NAME: usize = 1;
const C_ACTUAL: usize = 2;
const C_BUDGET: usize = 3;
const C_SPENT: usize = 4;
const C_REASON: usize = 5;
/// 年度指标值: read by people, compared with the targets file's target.
const C_TARGET: usize = 8;
const C_OPENING: usize = 9;
const C_UNIT: usize = 10;

/// Parses an actuals file's text (`path` only names it in messages).
pub fn parse(path: &Path, text: &str, targets: &Targets) -> Result<Actuals> {
    let mut diags = Vec::new();
    let grid = read_csv(path, text, &mut diags);
    let read = read_rows(path, grid, Some(targets), &mut diags);
    match read {
        Some(a) if diags.is_empty() => Ok(a),
        _ => Err(Error::Input(diags)),
    }
}

/// Where a row's cell is, or the row's line when the column is absent.
fn at(sheet: &Sheet, line: u64, k: usize) -> Location {
    match sheet.column(k) {
        Some(i) => sheet.at(line, i),
        None => Location::Line { line, column: None },
    }
}

/// A number typed as a percent into a cell already formatted as one (96 shown as 9600% against
/// `≥95%`), found by [`crate::actual::percent_cell_typed_as_percent`]: only for an xlsx cell that
/// holds a number shown as a percent by its format (`percent_cells`).
fn percent_cell_slip(
    sheet: &Sheet,
    percent_cells: &std::collections::BTreeSet<(u64, usize)>,
    line: u64,
    value: &ActualValue,
    indicator: &Indicator,
) -> Option<ValueError> {
    let column = sheet.column(C_ACTUAL)?;
    let (ActualValue::Number { value, .. }, TargetValue::Numeric { quantity, .. }) =
        (value, &indicator.target)
    else {
        return None;
    };
    if !percent_cells.contains(&(line, column)) {
        return None;
    }
    let cell = format!("{}{line}", crate::error::excel_column(column + 1));
    crate::actual::percent_cell_typed_as_percent(&cell, *value, quantity)
}

/// Reads the rows; with `targets`, matches them and reads every actual. Every problem goes to
/// `diags`; the result is only meaningful when none was found.
fn read_rows(
    path: &Path,
    grid: Grid,
    targets: Option<&Targets>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Actuals> {
    let truncated = grid.truncated;
    if truncated && grid.rows.is_empty() {
        // The quote opened in the header: its error says it all.
        return None;
    }
    let percent_cells = grid.percent_cells.clone();
    let sheet = Sheet::new(path, grid, &COLUMNS, diags);
    if !sheet.complete {
        // Without 表, 三级指标 and 实际完成值 no row can be read; the structure was checked.
        return None;
    }
    let mut rows: HashMap<(usize, usize), ActualRow> = HashMap::new();
    let mut budgets: HashMap<String, Budget> = HashMap::new();
    // The first line of every (表, 三级指标) seen, to find repeated rows.
    let mut seen: HashMap<(&str, &str), u64> = HashMap::new();
    // Indicators a row was meant for, read or not: only the others are reported missing.
    let mut claimed: HashSet<(usize, usize)> = HashSet::new();
    // Budget rows marked 不适用, left blank, or refused (table name → mark).
    let mut no_budget: HashMap<String, BudgetMark> = HashMap::new();
    // What the form shows beyond the scores, by table name.
    let mut extras_by_name: HashMap<String, TableExtras> = HashMap::new();
    // The last 表 written above a row: a row of a refused merged range meant it.
    let mut last_table = "";
    for row in &sheet.rows {
        let line = row.line;
        let mut table_name = sheet.cell(row, C_TABLE);
        let name = sheet.cell(row, C_NAME);
        if row.too_wide || row.refused {
            // Its cells are not where the header says, or a cell was refused: read nothing, but
            // do not also call the indicator it was most likely meant for missing.
            if table_name.is_empty() && row.refused {
                table_name = last_table;
            }
            if name == BUDGET_ROW {
                no_budget
                    .entry(table_name.to_string())
                    .or_insert(BudgetMark::Refused);
            }
            if let Some(t) = targets {
                if let Some(ti) = t.table(table_name) {
                    if let Some(ii) = t.tables[ti].indicator(name) {
                        claimed.insert((ti, ii));
                    }
                }
            }
            last_table = table_name;
            continue;
        }
        if !table_name.is_empty() {
            last_table = table_name;
        }
        let ti = match targets {
            _ if table_name.is_empty() => {
                let example = targets
                    .and_then(|t| t.tables.first())
                    .map_or("部门整体支出绩效指标", |t| t.name.as_str());
                diags.push(
                    Diagnostic::new(path, at(&sheet, line, C_TABLE), "表名为空")
                        .expected(format!("目标文件中的表名，如「{example}」")),
                );
                if let Some(t) = targets {
                    claim_closest(t, table_name, name, &mut claimed);
                }
                continue;
            }
            Some(t) => match t.table(table_name) {
                Some(ti) => Some(ti),
                None => {
                    let names = t.tables.iter().map(|t| t.name.as_str());
                    diags.push(
                        Diagnostic::new(path, at(&sheet, line, C_TABLE), "目标文件中没有这个表")
                            .found(table_name)
                            .expected(closest(table_name, names).0),
                    );
                    claim_closest(t, table_name, name, &mut claimed);
                    continue;
                }
            },
            None => None,
        };
        if name == BUDGET_ROW {
            // `不适用` on the budget row; a blank one is remembered.
            let before = diags.len();
            if let Some(mark) = budget_mark(path, line, &sheet, row, diags) {
                no_budget.entry(table_name.to_string()).or_insert(mark);
                continue;
            }
            if diags.len() > before {
                no_budget
                    .entry(table_name.to_string())
                    .or_insert(BudgetMark::Refused);
                continue;
            }
            let Some(b) = read_budget(path, line, &sheet, row, diags) else {
                no_budget
                    .entry(table_name.to_string())
                    .or_insert(BudgetMark::Refused);
                continue;
            };
            if let Some(Some(o)) =
                read_money(path, line, &sheet, row, C_OPENING, COL_OPENING, diags)
            {
                extras_by_name
                    .entry(table_name.to_string())
                    .or_default()
                    .opening = Some(o);
            }
            match budgets.get(table_name) {
                Some(first)
                    if (Budget {
                        line: first.line,
                        ..b.clone()
                    }) != *first =>
                {
                    let column = if first.budget != b.budget {
                        C_BUDGET
                    } else {
                        C_SPENT
                    };
                    diags.push(
                        Diagnostic::new(
                            path,
                            at(&sheet, line, column),
                            format!("表「{table_name}」的预算数字与第{}行不一致", first.line),
                        )
                        .found(format!(
                            "全年预算数 {}，全年执行数 {}",
                            plain(b.budget),
                            plain(b.spent)
                        ))
                        .expected(format!("与第{}行相同，或删去重复的行", first.line)),
                    );
                }
                Some(_) => {}
                None => {
                    budgets.insert(table_name.to_string(), b);
                }
            }
            continue;
        }
        if let Some(kind) = extra_kind(name) {
            let indicator = targets
                .zip(ti)
                .is_some_and(|(t, ti)| t.tables[ti].indicators.iter().any(|i| i.name == name));
            if !indicator {
                let extras = extras_by_name.entry(table_name.to_string()).or_default();
                extras::read_extra(path, &sheet, row, kind, extras, diags);
                continue;
            }
        }
        // The indicator, when the targets are known.
        let found = match (targets, ti) {
            (Some(t), Some(ti)) => {
                let table = &t.tables[ti];
                match table.indicator(name) {
                    Some(ii) => Some((table, ti, ii)),
                    None => {
                        let (hint, best) =
                            closest(name, table.indicators.iter().map(|i| i.name.as_str()));
                        diags.push(
                            Diagnostic::new(
                                path,
                                at(&sheet, line, C_NAME),
                                format!("表「{}」中没有这个三级指标", table.name),
                            )
                            .found(name)
                            .expected(hint),
                        );
                        if let Some(ii) = best {
                            claimed.insert((ti, ii));
                        }
                        continue;
                    }
                }
            }
            _ => None,
        };
        if name.is_empty() && found.is_none() {
            diags.push(
                Diagnostic::new(path, at(&sheet, line, C_NAME), "三级指标为空")
                    .expected("目标文件中的三级指标名称（预算行填「预算执行率」）"),
            );
            continue;
        }
        let key = (table_name, name);
        if let Some(first) = seen.get(&key) {
            diags.push(
                Diagnostic::new(
                    path,
                    at(&sheet, line, C_NAME),
                    format!("指标重复：第{first}行已填写"),
                )
                .found(name)
                .expected("每个指标只填一行"),
            );
            continue;
        }
        seen.insert(key, line);
        let actual_text = sheet.cell(row, C_ACTUAL);
        let Some((table, ti, ii)) = found else {
            // Without targets only an empty actual can be found wrong.
            if actual_text.is_empty() {
                diags.push(
                    Diagnostic::new(
                        path,
                        at(&sheet, line, C_ACTUAL),
                        format!("「{table_name} / {name}」缺少实际完成值"),
                    )
                    .expected(format!(
                        "数字加单位，如「95%」；定性评价，如「达成」；或「{NOT_APPLICABLE}」"
                    )),
                );
            }
            continue;
        };
        let indicator = &table.indicators[ii];
        claimed.insert((ti, ii));
        if actual_text.is_empty() {
            diags.push(
                Diagnostic::new(
                    path,
                    at(&sheet, line, C_ACTUAL),
                    format!("「{} / {}」缺少实际完成值", table.name, name),
                )
                .expected(expected_actual(indicator)),
            );
            continue;
        }
        if let Some(d) = unit_column_differs(path, &sheet, row, line, actual_text, indicator) {
            diags.push(d);
            continue;
        }
        let read = read_for(actual_text, indicator).and_then(|read| {
            match percent_cell_slip(&sheet, &percent_cells, line, &read.0, indicator) {
                Some(e) => Err(e),
                None => Ok(read),
            }
        });
        match read {
            Ok((value, mut warnings)) => {
                // Money on an indicator's row is not its table's budget: said, not dropped.
                let money: Vec<&str> = money_cells_filled(&sheet, row)
                    .into_iter()
                    .map(|(_, name)| name)
                    .collect();
                if !money.is_empty() {
                    warnings.push(format!(
                        "指标行的{}不读：预算数字填在本表的「{BUDGET_ROW}」行",
                        money.join("、")
                    ));
                }
                // A 年度指标值 changed in the form (a target adjusted in the year): scored against
                // the targets file, said on the row rather than silently.
                let written_target = sheet.cell(row, C_TARGET);
                if !written_target.trim().is_empty()
                    && !crate::text::compact_chars(written_target)
                        .eq(crate::text::compact_chars(&indicator.target_text))
                {
                    warnings.push(format!(
                        "年度指标值列写的是「{}」，与目标文件的指标值「{}」不同：按目标文件的指标值计分（年度指标值列只供参考）；指标值已调整的，请改目标文件",
                        written_target.trim(),
                        indicator.target_text
                    ));
                }
                rows.insert(
                    (ti, ii),
                    ActualRow {
                        text: actual_text.to_string(),
                        value,
                        warnings,
                        reason: sheet.cell(row, C_REASON).to_string(),
                        line,
                        cell: at(&sheet, line, C_ACTUAL),
                    },
                );
            }
            Err(e) => diags.push(
                Diagnostic::new(
                    path,
                    at(&sheet, line, C_ACTUAL),
                    format!("「{} / {}」: {}", table.name, name, e.message),
                )
                .found(actual_text)
                .expected(e.expected),
            ),
        }
    }
    let targets = targets?;
    // Every indicator needs an actual: list all that are missing, not just the first — unless an
    // unclosed quote hid the rest of the file.
    if !truncated {
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
    }
    // A budget row marked 不适用 and another with figures: which one is meant cannot be known.
    for (name, b) in &budgets {
        if let Some(BudgetMark::NotApplicable(na)) = no_budget.get(name) {
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Line {
                        line: b.line,
                        column: None,
                    },
                    format!("表「{name}」的预算执行率行填了预算数字，第{na}行却标了「不适用」"),
                )
                .found(format!(
                    "全年预算数 {}，全年执行数 {}",
                    plain(b.budget),
                    plain(b.spent)
                ))
                .expected("只留一行：有预算填数字，没有预算写「不适用」"),
            );
        }
    }
    let budgets: HashMap<usize, Budget> = budgets
        .into_iter()
        .filter_map(|(name, b)| targets.table(&name).map(|ti| (ti, b)))
        .collect();
    let no_budget: HashMap<usize, BudgetMark> = no_budget
        .into_iter()
        .filter_map(|(name, m)| targets.table(&name).map(|ti| (ti, m)))
        .collect();
    // Every table has its budget figures, or says it has none (unless an unclosed quote hid
    // the rest of the file).
    if !truncated {
        diags.extend(check_budgets(path, targets, &budgets, &no_budget));
    }
    let mut warnings = sheet.warnings;
    let extras = extras::finish(extras_by_name, targets, &budgets, &mut warnings);
    Some(Actuals {
        path: path.to_path_buf(),
        sheet: None,
        extras,
        rows,
        budgets,
        warnings,
    })
}

/// A row whose table is unknown most likely meant the closest table: do not also call its
/// indicator missing.
fn claim_closest(
    targets: &Targets,
    table_name: &str,
    name: &str,
    claimed: &mut HashSet<(usize, usize)>,
) {
    let names = targets.tables.iter().map(|t| t.name.as_str());
    if let Some(tj) = closest(table_name, names).1 {
        if let Some(ii) = targets.tables[tj].indicator(name) {
            claimed.insert((tj, ii));
        }
    }
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

/// A budget row without figures: marked 不适用, or left blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BudgetMark {
    /// `不适用`, on this line.
    NotApplicable(u64),
    Blank(u64),
    /// The row's figures were refused (already reported).
    Refused,
}

/// Reads a budget row's `不适用` (in 实际完成值 or 全年预算数; the figures then stay empty).
/// Returns the mark for a row without figures, `None` for a row with figures (or an error).
fn budget_mark(
    path: &Path,
    line: u64,
    sheet: &Sheet,
    row: &SheetRow,
    diags: &mut Vec<Diagnostic>,
) -> Option<BudgetMark> {
    let cell = |k: usize| compact(sheet.cell(row, k));
    let (actual, budget, spent) = (cell(C_ACTUAL), cell(C_BUDGET), cell(C_SPENT));
    let (has_budget, has_spent) = (
        sheet.column(C_BUDGET).is_some(),
        sheet.column(C_SPENT).is_some(),
    );
    if actual != NOT_APPLICABLE && !(has_budget && has_spent) {
        // read_budget says which columns are missing.
        return None;
    }
    let marked = actual == NOT_APPLICABLE || budget == NOT_APPLICABLE;
    let figures = [&budget, &spent]
        .iter()
        .any(|c| !c.is_empty() && c.as_str() != NOT_APPLICABLE);
    if marked && figures {
        diags.push(
            Diagnostic::new(
                path,
                at(sheet, line, if has_budget { C_BUDGET } else { C_ACTUAL }),
                "预算执行率行标了「不适用」，又填了预算数字",
            )
            .found(format!("全年预算数 {budget}，全年执行数 {spent}"))
            .expected("有预算的表填全年预算数和全年执行数；没有预算的表只写「不适用」"),
        );
        return None;
    }
    if marked {
        return Some(BudgetMark::NotApplicable(line));
    }
    if !actual.is_empty() {
        diags.push(
            Diagnostic::new(
                path,
                at(sheet, line, C_ACTUAL),
                "预算执行率行的实际完成值应留空",
            )
            .found(actual)
            .expected("留空，预算数字填在全年预算数、全年执行数两列；没有预算的表写「不适用」"),
        );
        return None;
    }
    (budget.is_empty() && spent.is_empty()).then_some(BudgetMark::Blank(line))
}

/// Every table has budget figures, unless its budget row says 不适用 or the targets file says
/// `budget = false`: a table left without them would otherwise be converted to 100 points and
/// could only gain (no budget row at all used to score 100.00 优).
fn check_budgets(
    path: &Path,
    targets: &Targets,
    budgets: &HashMap<usize, Budget>,
    no_budget: &HashMap<usize, BudgetMark>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (ti, table) in targets.tables.iter().enumerate() {
        let mark = no_budget.get(&ti).copied();
        match (table.budget, budgets.get(&ti), mark) {
            (true, Some(_), _) | (true, None, Some(BudgetMark::NotApplicable(_))) => {}
            (false, Some(b), _) => out.push(
                Diagnostic::new(
                    path,
                    Location::Line {
                        line: b.line,
                        column: None,
                    },
                    format!(
                        "目标文件中表「{}」写了 budget = false（没有预算），实际完成值文件却填了预算数字",
                        table.name
                    ),
                )
                .expected("删去这一行的预算数字，或删去目标文件中该表的 budget = false"),
            ),
            (false, None, _) | (true, None, Some(BudgetMark::Refused)) => {}
            (true, None, blank) => {
                let location = match blank {
                    Some(BudgetMark::Blank(line)) => Location::Line { line, column: None },
                    _ => Location::File,
                };
                out.push(
                    Diagnostic::new(
                        path,
                        location,
                        format!("表「{}」缺少预算数字（全年预算数、全年执行数）", table.name),
                    )
                    .expected(format!(
                        "一行：{COL_TABLE}={}，{COL_NAME}={BUDGET_ROW}，填全年预算数和全年执行数（万元）；该表确实没有预算时，{COL_ACTUAL}写「{NOT_APPLICABLE}」，或在目标文件的表上写 budget = false",
                        table.name
                    )),
                );
            }
        }
    }
    out
}

/// A money cell in 万元 (`63`, `63万元`, `630000元`): `Some(None)` when empty, `None` when refused
/// (reported).
fn read_money(
    path: &Path,
    line: u64,
    sheet: &Sheet,
    row: &SheetRow,
    k: usize,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Option<Decimal>> {
    let text = sheet.cell(row, k);
    if text.is_empty() {
        return Some(None);
    }
    let fail = |message: String, expected: &str| {
        Diagnostic::new(path, at(sheet, line, k), message)
            .found(text)
            .expected(expected)
    };
    if let Some(run) = crate::text::spaced_number(text) {
        let e = crate::quantity::spaced_number_error(&run, what);
        diags.push(fail(e.message, &e.expected));
        return None;
    }
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
    // A 单位 cell changed from 万元 (`元`) beside a bare figure: the figure is read in 万元.
    let unit_cell = compact(sheet.cell(row, C_UNIT));
    if q.unit == Unit::None && !unit_cell.is_empty() && !same_unit(&unit_cell, &wan) {
        diags.push(fail(
            format!("单位列写的是「{unit_cell}」，而{what}「{}」没有写单位：金额不写单位时按万元计，单位列只供参考", text.trim()),
            &format!("在数字后写明单位（如「{}{unit_cell}」），或把单位列改回「万元」", text.trim()),
        ));
        return None;
    }
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
}

fn read_budget(
    path: &Path,
    line: u64,
    sheet: &Sheet,
    row: &SheetRow,
    diags: &mut Vec<Diagnostic>,
) -> Option<Budget> {
    let missing: Vec<&str> = [(C_BUDGET, COL_BUDGET), (C_SPENT, COL_SPENT)]
        .into_iter()
        .filter(|(c, _)| sheet.column(*c).is_none())
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
            .found(sheet.header_text())
            .expected(format!("表头包含 {COL_BUDGET}、{COL_SPENT} 两列")),
        );
        return None;
    }
    let mut read = |k: usize, what: &str| read_money(path, line, sheet, row, k, what, diags);
    // Both figures are read (and their problems reported) before either decides.
    let budget = read(C_BUDGET, COL_BUDGET);
    let spent = read(C_SPENT, COL_SPENT);
    let (budget, spent) = (budget?, spent?);
    match (budget, spent) {
        (None, None) => None,
        (Some(b), Some(s)) if b > Decimal::ZERO => {
            if let Some(d) = budget_units_differ(path, line, sheet, row, b, s) {
                diags.push(d);
                return None;
            }
            Some(Budget {
                budget: b,
                spent: s,
                line,
            })
        }
        (Some(_), Some(_)) => {
            diags.push(
                Diagnostic::new(
                    path,
                    at(sheet, line, C_BUDGET),
                    "全年预算数为0，无法计算执行率",
                )
                .found("0")
                .expected("大于0的全年预算数（调整后预算）；无预算的表请删去此行"),
            );
            None
        }
        (b, _) => {
            let (missing, k) = if b.is_none() {
                (COL_BUDGET, C_BUDGET)
            } else {
                (COL_SPENT, C_SPENT)
            };
            diags.push(
                Diagnostic::new(
                    path,
                    at(sheet, line, k),
                    format!("只填了一半预算数字：缺少{missing}"),
                )
                .expected(format!("{COL_BUDGET}和{COL_SPENT}都填，或都不填")),
            );
            None
        }
    }
}

/// Budget figures that look like two different units: about ten thousand times apart, both bare
/// (`630000` and `60.5`: 元 and 万元) or both with a unit (`63万元` and `60.5元`: a unit written
/// wrong), or an execution
/// twice the budget or more. Scored, they would be 0 points or a capped 100 % with no sign of the
/// slip.
fn budget_units_differ(
    path: &Path,
    line: u64,
    sheet: &Sheet,
    row: &SheetRow,
    budget: Decimal,
    spent: Decimal,
) -> Option<Diagnostic> {
    let found = || {
        format!(
            "{COL_BUDGET} {}，{COL_SPENT} {}",
            sheet.cell(row, C_BUDGET),
            sheet.cell(row, C_SPENT)
        )
    };
    let expected = "两个数都以万元计（如 63 和 60.5），或写明单位（如 630000元）";
    let (lo, hi, k_hi) = if budget <= spent {
        (budget, spent, C_SPENT)
    } else {
        (spent, budget, C_BUDGET)
    };
    let ten_thousand = Decimal::from(10_000);
    let apart = lo > Decimal::ZERO
        && hi >= lo * Decimal::from(1000)
        && lo * ten_thousand >= hi / Decimal::TEN
        && lo * ten_thousand <= hi * Decimal::TEN;
    // Both with a unit written (`63万元` and `60.5元`): the same slip, a unit written wrong; the
    // rate would be 0.01 %, scored 0 with only a low-execution note. One written and one bare
    // (`630000元` and `60.5`): the written unit settles it.
    let bare = |k: usize| {
        matches!(
            parse_quantity(&compact(sheet.cell(row, k))),
            Ok(Some(q)) if q.unit == Unit::None
        )
    };
    let both_bare = bare(C_BUDGET) && bare(C_SPENT);
    if apart && (both_bare || (!bare(C_BUDGET) && !bare(C_SPENT))) {
        let name = if k_hi == C_BUDGET {
            COL_BUDGET
        } else {
            COL_SPENT
        };
        let message = if both_bare {
            format!(
                "{COL_BUDGET}与{COL_SPENT}相差约一万倍：{name} {} 像是以元计，另一个以万元计",
                plain(hi)
            )
        } else {
            format!("{COL_BUDGET}与{COL_SPENT}相差约一万倍：是否有一个的单位写错了（元与万元）？")
        };
        return Some(
            Diagnostic::new(path, at(sheet, line, k_hi), message)
                .found(found())
                .expected(expected),
        );
    }
    // Twice the budget (a rate of 200 % and more) is no overspending of a full-year budget that
    // holds every addition and carry-over, but a slip: 千元 against 万元, a decimal point one
    // place off, figures of another row; scored, it would be a capped 100 %.
    if spent >= budget * Decimal::TWO {
        return Some(
            Diagnostic::new(
                path,
                at(sheet, line, C_SPENT),
                format!(
                    "{COL_SPENT}是{COL_BUDGET}的两倍以上（执行率200%以上）：全年预算数已含年中追加和结转，超支不会这么多，多半是单位不同（如千元与万元）、小数点错位或填了别的数"
                ),
            )
            .found(found())
            .expected(expected),
        );
    }
    None
}

/// The known name most like `wanted`, for "did you mean" hints: the hint, and the index of the
/// name when one is close enough to be what was meant.
fn closest<'a>(wanted: &str, known: impl Iterator<Item = &'a str>) -> (String, Option<usize>) {
    let known: Vec<&str> = known.collect();
    // A name is short: a huge cell is compared by its start only.
    let wanted: String = wanted.chars().take(200).collect();
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
