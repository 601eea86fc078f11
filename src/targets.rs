//! Targets (绩效目标): the indicator tables of a budget disclosure, read from a TOML file.
//!
//! The file mirrors the disclosure: a department, a year, and `[[table]]`s of
//! `[[table.indicator]]`s with 一级/二级/三级指标, 指标值 and 评(扣)分标准 as written. Loading
//! parses every target value and rule, settles each indicator's direction and weight (分值), and
//! collects the lint warnings (提示) that `jixiao check` prints. See `docs/targets-format.md`.

use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::error::{Column, Diagnostic, Error, Location, Result};
pub use crate::group::{level1_parts, Group};
use crate::input::{read_text, Encoding};
pub use crate::num::Num;
use crate::quantity::{Direction, Op, Quantity, TargetValue, Unit};
use crate::rules::{self, Base, Measure, ParsedRule, Points, Side};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    department: String,
    year: i64,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    scoring: Option<ScoringToml>,
    #[serde(default)]
    table: Vec<TableToml>,
}

/// `[scoring]`: settings that differ from the national method.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoringToml {
    #[serde(default)]
    level1_points: Option<BTreeMap<String, Num>>,
    #[serde(default)]
    budget_points: Option<Num>,
    #[serde(default)]
    grades: Option<BTreeMap<String, Num>>,
    #[serde(default)]
    rounding: Option<String>,
    #[serde(default)]
    high_completion_ratio: Option<Num>,
    #[serde(default)]
    steps: Option<String>,
    #[serde(default)]
    allow_bonus: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableToml {
    name: String,
    #[serde(default)]
    goal: Option<String>,
    #[serde(default)]
    allow_bonus: Option<bool>,
    /// `budget = false`: the table has no budget figures (预算执行率 does not apply). Read as
    /// any value so that `budget = 9035.84` gets a message saying where figures go.
    #[serde(default)]
    budget: Option<toml::Value>,
    #[serde(default)]
    indicator: Vec<IndicatorToml>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorToml {
    level1: String,
    level2: String,
    name: String,
    #[serde(default)]
    description: Option<String>,
    target: String,
    #[serde(default)]
    basis: Option<String>,
    /// A rule text, or a table for wording no parser reads (see [`RuleTable`]).
    #[serde(default)]
    rule: Option<toml::Value>,
    #[serde(default)]
    weight: Option<Num>,
    #[serde(default)]
    direction: Option<Direction>,
    #[serde(default)]
    weight_from_rule: Option<bool>,
}

/// One indicator (三级指标) with everything the engine needs.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// 一级指标 as written.
    pub level1: String,
    pub group: Group,
    /// 二级指标 as written.
    pub level2: String,
    /// 三级指标.
    pub name: String,
    /// 绩效指标描述.
    pub description: String,
    /// 指标值 as written.
    pub target_text: String,
    pub target: TargetValue,
    /// 指标值确定依据.
    pub basis: String,
    /// 评(扣)分标准 as written.
    pub rule_text: Option<String>,
    /// How the rule reads: one reading shared by every indicator with the same rule text.
    pub rule: Option<Arc<ParsedRule>>,
    /// 分值 (assigned by the table when not written).
    pub weight: Decimal,
    /// The weight written in the file, if any.
    pub written_weight: Option<Decimal>,
    /// The direction used for scoring: `direction` in the file, else the rule's words, else the
    /// target's operator.
    pub direction: Direction,
    /// `direction` was written in the file: it also decides which side a step rule counts.
    pub direction_written: bool,
    /// Lint warnings about this indicator, shown by `check` and in the sheet's 提示.
    pub lints: Vec<String>,
    /// Whether a bonus (加分) may take the score above the weight: the table's or file's setting.
    pub allow_bonus: bool,
    /// Where it is in the file, for messages.
    pub key: String,
}

impl Indicator {
    /// The unit an actual without one is read in, as the template's 单位 column shows it
    /// (`%`, `次`, `万元`, `月/日期`; empty for a qualitative or unitless target).
    pub fn actual_unit(&self) -> &str {
        match &self.target {
            TargetValue::Numeric { quantity, .. } => match &quantity.unit {
                Unit::Deadline(_) => "月/日期",
                u => u.name(),
            },
            TargetValue::Qualitative(_) => "",
        }
    }

    /// Whether the target or rule speaks of an event (`零发生`, `发生…不得分`, `无安全责任事故`,
    /// `零投诉`): `是` and `否` may then say 发生了吗 or 达到了吗, and are refused.
    pub fn is_event(&self) -> bool {
        self.target_text.contains("发生")
            || event_words(&self.target_text)
            || matches!(self.rule.as_ref().map(|r| &r.rule.base), Some(Base::Veto))
    }
}

/// A target that names the absence of something that happens (`无安全责任事故`, `零投诉`,
/// `杜绝重大安全事故`, `无违规违纪`): `否` against it was read as 未达成 (0 points) where it most
/// likely says none happened.
fn event_words(target: &str) -> bool {
    const NONE: &[&str] = &[
        "无",
        "零",
        "杜绝",
        "没有",
        "不发生",
        "避免",
        "确保无",
        "确保不发生",
    ];
    const EVENTS: &[&str] = &[
        "事故", "投诉", "事件", "违规", "违纪", "违法", "案件", "差错", "失误", "上访", "信访",
        "舆情", "伤亡", "火灾", "污染",
    ];
    let t = crate::text::compact(target);
    NONE.iter().any(|w| t.starts_with(w)) && EVENTS.iter().any(|e| t.contains(e))
}

/// One table (绩效目标表).
#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    /// 绩效目标.
    pub goal: String,
    pub indicators: Vec<Indicator>,
    /// Table-level lint warnings.
    pub lints: Vec<String>,
    pub key: String,
    /// Whether the table has budget figures: `budget = false` in the file says it has none.
    pub budget: bool,
    /// Indicator names → index in `indicators` (see [`Table::indicator`]).
    index: NameIndex,
}

impl Table {
    /// The index of the indicator named `name` (三级指标, as trimmed), found by hash.
    pub fn indicator(&self, name: &str) -> Option<usize> {
        self.index.find(name, &self.indicators, |i| i.name.as_str())
    }
}

/// Names → their first position, for lookups by hash (an actuals row finds its table and its
/// indicator without scanning). A hit is checked against the list itself and a miss scans it,
/// so a list changed after loading is still answered right — only more slowly.
#[derive(Debug, Clone, Default)]
struct NameIndex(HashMap<String, usize>);

impl NameIndex {
    fn new<'a>(names: impl Iterator<Item = &'a str>) -> NameIndex {
        let mut map = HashMap::new();
        for (k, name) in names.enumerate() {
            map.entry(name.to_string()).or_insert(k);
        }
        NameIndex(map)
    }

    fn find<T>(&self, name: &str, items: &[T], key: impl Fn(&T) -> &str) -> Option<usize> {
        match self.0.get(name) {
            Some(&k) if items.get(k).map(&key) == Some(name) => Some(k),
            _ => items.iter().position(|t| key(t) == name),
        }
    }
}

/// A whole targets file.
#[derive(Debug, Clone)]
pub struct Targets {
    pub path: PathBuf,
    pub department: String,
    pub year: i64,
    pub source: String,
    pub tables: Vec<Table>,
    pub config: Config,
    /// Table names → index in `tables` (see [`Targets::table`]).
    index: NameIndex,
}

impl Targets {
    /// The index of the table named `name` (as trimmed), found by hash.
    pub fn table(&self, name: &str) -> Option<usize> {
        self.index.find(name, &self.tables, |t| t.name.as_str())
    }

    /// Every lint warning, as `key: message` lines.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for t in &self.tables {
            for l in &t.lints {
                out.push(format!("{}「{}」: {l}", t.key, t.name));
            }
            for i in &t.indicators {
                for l in &i.lints {
                    out.push(format!("{}「{} / {}」: {l}", i.key, t.name, i.name));
                }
            }
        }
        out
    }
}

/// Loads and validates a targets file; every problem of the file is reported at once.
pub fn load(path: &Path) -> Result<Targets> {
    let text = read_text(path, Encoding::Auto, crate::input::Kind::Targets)?;
    parse(path, &text)
}

/// Parses a targets file's text (`path` only names it in messages).
pub fn parse(path: &Path, text: &str) -> Result<Targets> {
    parse_with(path, text, true)
}

/// Loads a targets file whose weights need not add up (for `jixiao template`: the skeleton
/// does not depend on them). A sum that is off becomes a table lint instead of an error.
pub fn load_lenient(path: &Path) -> Result<Targets> {
    let text = read_text(path, Encoding::Auto, crate::input::Kind::Targets)?;
    parse_with(path, &text, false)
}

/// Parses a targets file; `strict_weights` makes weights that do not add up an error.
pub fn parse_with(path: &Path, text: &str, strict_weights: bool) -> Result<Targets> {
    let file: FileToml = toml::from_str(text).map_err(|e| {
        let e = first_syntax_error(text).unwrap_or(e);
        Error::one(toml_error(path, text, &e))
    })?;
    let mut diags = Vec::new();
    let config = read_config(path, file.scoring.unwrap_or_default(), &mut diags);
    if file.table.is_empty() {
        diags.push(
            Diagnostic::new(path, Location::File, "文件中没有任何表")
                .expected("至少一个 [[table]]，每个表至少一个 [[table.indicator]]"),
        );
    }
    let mut names = HashSet::new();
    let mut tables = Vec::new();
    for (ti, t) in file.table.into_iter().enumerate() {
        let key = format!("table #{}", ti + 1);
        if t.name.trim().is_empty() {
            diags.push(
                Diagnostic::new(path, Location::Key(format!("{key}.name")), "表名为空")
                    .found(t.name.clone())
                    .expected("表的名称，如 name = \"机关工作经费\"（实际完成值按表名匹配）"),
            );
        } else if let Some((message, expected)) = name_problem(&t.name, "表") {
            diags.push(
                Diagnostic::new(path, Location::Key(format!("{key}.name")), message)
                    .found(t.name.clone())
                    .expected(expected),
            );
        } else if !names.insert(t.name.trim().to_string()) {
            diags.push(
                Diagnostic::new(path, Location::Key(format!("{key}.name")), "表名重复")
                    .found(t.name.clone())
                    .expected("每个表的名称各不相同"),
            );
        }
        if let Some(table) = read_table(path, &key, t, &config, strict_weights, &mut diags) {
            tables.push(table);
        }
    }
    // A deadline without a year (`12月`) is in the file's year.
    for t in &mut tables {
        for i in &mut t.indicators {
            i.target.set_year(file.year);
            // `2022年12月底前` in a 2023 file: most likely the wrong year (an actual dated so is
            // refused); the disclosure's text is kept, flagged.
            if let Some(y) = i.target.deadline().and_then(|d| d.year) {
                if i64::from(y) < file.year {
                    i.lints.push(format!(
                        "指标值的期限在{y}年，早于本文件的预算年度{}年：年份是否写错？",
                        file.year
                    ));
                }
            }
        }
    }
    if !diags.is_empty() {
        return Err(Error::Input(diags));
    }
    Ok(Targets {
        index: NameIndex::new(tables.iter().map(|t| t.name.as_str())),
        path: path.to_path_buf(),
        department: file.department,
        year: file.year,
        source: file.source.unwrap_or_default(),
        tables,
        config,
    })
}

/// The syntax error nearest the start of the file, if the text has any: the toml parser goes on
/// after an error and may first report a later one that only follows from it (an unclosed string
/// makes the next line a key without a value).
fn first_syntax_error(text: &str) -> Option<toml::de::Error> {
    let (_, errors) = toml::de::DeTable::parse_recoverable(text);
    errors
        .into_iter()
        .min_by_key(|e| e.span().map_or(usize::MAX, |s| s.start))
}

fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> Diagnostic {
    let start = e.span().map(|s| s.start.min(text.len()));
    let location = match start {
        Some(start) => {
            let before = &text[..start];
            let line = before.matches('\n').count() as u64 + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            Location::Line {
                line,
                column: Some(Column::Char(column)),
            }
        }
        None => Location::File,
    };
    // Quote the line the error is on, not the whole span (a missing key spans its whole table).
    let found = start.map(|start| {
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        // Cut to 80 characters (with the line's length) by `Diagnostic::found`.
        text[line_start..line_end].trim().to_string()
    });
    // The text the error's span covers: toml names a repeated key only by its span.
    let spanned = e
        .span()
        .and_then(|s| text.get(s.start.min(text.len())..s.end.min(text.len())))
        .unwrap_or("")
        .trim();
    let (message, expected) = explain_toml(e.message().trim(), spanned);
    let mut d = Diagnostic::new(path, location, message).expected(expected);
    if let Some(found) = found.filter(|f| !f.is_empty()) {
        d = d.found(found);
    }
    d
}

/// The toml library's message, said in Chinese where we know it; the original is kept.
fn explain_toml(message: &str, spanned: &str) -> (String, String) {
    let quoted = |m: &str| -> Vec<String> {
        m.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let names = quoted(message);
    let first = names.first().cloned().unwrap_or_default();
    let one_line = message.replace('\n', " ");
    if message.starts_with("missing field") {
        return (
            format!("TOML 缺少必填的键 {first}"),
            format!("在该表中写上 {first} = …"),
        );
    }
    if message.starts_with("unknown field") {
        return (
            format!("TOML 中有未知的键 {first}"),
            format!("可用的键: {}", names[1..].join("、")),
        );
    }
    if message.starts_with("unknown variant") {
        return (
            format!("未知的取值 {first}"),
            format!("可用的取值: {}", names[1..].join("、")),
        );
    }
    if message.starts_with("duplicate key") {
        let first = if first.is_empty() {
            spanned.to_string()
        } else {
            first
        };
        return (
            format!("TOML 中键 {first} 重复"),
            "同一个表中每个键只写一次".into(),
        );
    }
    if message.starts_with("invalid type") {
        // "invalid type: integer `5`, expected a string": say what was expected, in Chinese.
        let expected = message
            .split_once("expected ")
            .map_or("", |(_, e)| e.trim());
        let wanted = match expected {
            "i64" | "u64" | "an integer" => "整数，如 2023（不加引号）".to_string(),
            "a string" => "用双引号括起的文字，如 \"…\"".to_string(),
            "a boolean" => "true 或 false（不加引号）".to_string(),
            "a sequence" => "用方括号括起的列表，如 [\"…\"]".to_string(),
            e if !e.is_ascii() => e.to_string(),
            _ => format!("正确类型的值（{one_line}）"),
        };
        return ("TOML 值的类型不对".into(), wanted);
    }
    if message.contains("invalid basic string")
        || message.contains("unterminated")
        || message.contains("newline") && message.contains("string")
    {
        return (
            "TOML 字符串没有结束".into(),
            "以双引号 \" 结束的文字，且不跨行（多行文字用 \"\"\"…\"\"\"）".into(),
        );
    }
    if message.contains("不是") || message.contains("应为") {
        return ("TOML 值无法读取".into(), one_line);
    }
    ("TOML 格式错误".into(), format!("正确的 TOML（{one_line}）"))
}

/// Whether a weight or points figure has a part finer than 0.01 (`25.005`): a sheet shows
/// points to the cent, so full marks would not be the weight shown and a table would not foot.
pub fn finer_than_cents(p: Decimal) -> bool {
    p.normalize().scale() > 2
}

fn read_config(path: &Path, s: ScoringToml, diags: &mut Vec<Diagnostic>) -> Config {
    let mut config = Config::default();
    let cents = |diags: &mut Vec<Diagnostic>, key: String, p: Decimal| {
        if finer_than_cents(p) {
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Key(key),
                    "分数细于0.01分：评分表的分数写到0.01分",
                )
                .found(p.to_string())
                .expected("最多两位小数的分数"),
            );
        }
    };
    // Each group once: `产出` and `产出指标`, or `效果指标` and `效益指标`, name one group, and
    // a second value would silently replace the first.
    let mut named: BTreeMap<Group, (String, Decimal)> = BTreeMap::new();
    let mut twice = false;
    if let Some(points) = s.level1_points {
        for (name, Num(p)) in points {
            let key = format!("scoring.level1_points.{name}");
            match Group::parse_points(&name) {
                Some((g, written)) => {
                    // `"产出指标（50分）" = 40`: two numbers for one group's points.
                    if written.is_some_and(|w| w != p) {
                        diags.push(
                            Diagnostic::new(
                                path,
                                Location::Key(key),
                                format!(
                                    "键「{name}」写着{}分，值却是{p}分：不知道{}按哪个计",
                                    written.unwrap_or_default(),
                                    g.chinese()
                                ),
                            )
                            .found(format!("\"{name}\" = {p}"))
                            .expected(format!(
                                "键只写一级指标的名称，分数写在值里，如 \"{}\" = {p}",
                                g.chinese()
                            )),
                        );
                        twice = true;
                        continue;
                    }
                    if let Some((first, q)) = named.get(&g) {
                        diags.push(
                            Diagnostic::new(
                                path,
                                Location::Key(key),
                                format!(
                                    "「{first}」与「{name}」是同一个一级指标（{}），分数只能写一次",
                                    g.chinese()
                                ),
                            )
                            .found(format!("\"{first}\" = {q}, \"{name}\" = {p}"))
                            .expected(format!(
                                "每个一级指标只写一个键，如 \"{}\" = {q}",
                                g.chinese()
                            )),
                        );
                        twice = true;
                        continue;
                    }
                    cents(diags, key.clone(), p);
                    if p < Decimal::ZERO {
                        diags.push(
                            Diagnostic::new(
                                path,
                                Location::Key(key),
                                format!("{}的总分为负数", g.chinese()),
                            )
                            .found(format!("\"{name}\" = {p}"))
                            .expected(format!(
                                "0 或正数的分数，如 \"{}\" = {}",
                                g.chinese(),
                                Config::default().points(g)
                            )),
                        );
                    }
                    named.insert(g, (name.clone(), p));
                    config.level1_points.insert(g, p);
                }
                None => diags.push(
                    Diagnostic::new(path, Location::Key(key), "未知的一级指标")
                        .found(name)
                        .expected("产出指标、效益指标、满意度指标"),
                ),
            }
        }
    }
    if let Some(Num(p)) = s.budget_points {
        cents(diags, "scoring.budget_points".into(), p);
        if p < Decimal::ZERO {
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Key("scoring.budget_points".into()),
                    "预算执行率分值为负数：预算执行得越差，总分反而越高",
                )
                .found(format!("budget_points = {p}"))
                .expected("0 或正数的分值，如 budget_points = 10（0 即预算执行率不计分）"),
            );
        }
        config.budget_points = p;
    }
    // With a group written twice the sum is of no use: the keys are the mistake.
    let (total, sum) = config.points_sum();
    if total != Decimal::ONE_HUNDRED && !twice {
        diags.push(
            Diagnostic::new(
                path,
                Location::Key("scoring.level1_points".into()),
                "各一级指标分数与预算执行率分数之和不等于100",
            )
            .found(sum)
            .expected("之和为 100，如 产出指标 50、效益指标 30、满意度指标 10、预算执行率 10"),
        );
    }
    if let Some(grades) = s.grades {
        let mut written = [false; 3];
        for (name, Num(p)) in grades {
            let k = match name.as_str() {
                "优" => 0,
                "良" => 1,
                "中" => 2,
                _ => {
                    diags.push(
                        Diagnostic::new(
                            path,
                            Location::Key(format!("scoring.grades.{name}")),
                            "未知的等级",
                        )
                        .found(name)
                        .expected("优、良、中（差为其余）"),
                    );
                    continue;
                }
            };
            if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
                diags.push(
                    Diagnostic::new(
                        path,
                        Location::Key(format!("scoring.grades.{name}")),
                        format!("等级线「{name}」不在 0 到 100 分之间：总分为百分制"),
                    )
                    .found(format!("\"{name}\" = {p}"))
                    .expected(format!(
                        "0 到 100 之间的分数（含 0 和 100），如 \"{name}\" = {}",
                        Config::default().grades[k]
                    )),
                );
            }
            config.grades[k] = p;
            written[k] = true;
        }
        let g = config.grades;
        if !(g[0] > g[1] && g[1] > g[2]) {
            let shown = ["优", "良", "中"]
                .iter()
                .zip(g)
                .zip(written)
                .map(|((name, p), w)| format!("{name} {p}{}", if w { "" } else { "（默认）" }))
                .collect::<Vec<_>>()
                .join("、");
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Key("scoring.grades".into()),
                    "等级线不是从高到低：优的最低分应高于良，良应高于中",
                )
                .found(shown)
                .expected("优 > 良 > 中，如 { \"优\" = 90, \"良\" = 80, \"中\" = 60 }（没写的等级取默认值）"),
            );
        }
    }
    if let Some(r) = s.rounding {
        match r.as_str() {
            "half-up" | "四舍五入" => config.truncate = false,
            "truncate" | "截断" => config.truncate = true,
            _ => diags.push(
                Diagnostic::new(
                    path,
                    Location::Key("scoring.rounding".into()),
                    "未知的取舍方式",
                )
                .found(r)
                .expected("\"half-up\"（四舍五入）或 \"truncate\"（截断）"),
            ),
        }
    }
    if let Some(Num(r)) = s.high_completion_ratio {
        if r <= Decimal::ONE {
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Key("scoring.high_completion_ratio".into()),
                    "超额完成提示比例不大于1：完成值达到指标值的这一倍数即提示「完成值高于指标值较多」，不大于1时刚好达标或未达标的指标也会被提示",
                )
                .found(format!("high_completion_ratio = {r}"))
                .expected("大于 1 的倍数，如 high_completion_ratio = 1.2（完成值达到指标值的 120% 时提示）"),
            );
        }
        config.high_completion_ratio = r;
    }
    if let Some(steps) = s.steps {
        match steps.as_str() {
            "whole" => config.default_counting = rules::Counting::Whole,
            "round-up" => config.default_counting = rules::Counting::RoundUp,
            "proportional" => config.default_counting = rules::Counting::Proportional,
            _ => diags.push(
                Diagnostic::new(path, Location::Key("scoring.steps".into()), "未知的计档方式")
                    .found(steps)
                    .expected("\"whole\"（只计整档）、\"round-up\"（不足一档按一档）或 \"proportional\"（按比例）"),
            ),
        }
    }
    if let Some(b) = s.allow_bonus {
        config.allow_bonus = b;
    }
    config
}

fn read_table(
    path: &Path,
    key: &str,
    t: TableToml,
    config: &Config,
    strict_weights: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table> {
    let before = diags.len();
    let mut lints = Vec::new();
    let budget = match &t.budget {
        None => true,
        Some(toml::Value::Boolean(b)) => *b,
        Some(other) => {
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Key(format!("{}.budget", named(key, &t.name))),
                    "表的 budget 只能写 false（该表没有预算）",
                )
                .found(format!("budget = {other}"))
                .expected("删去此行，预算数字填在实际完成值文件的预算执行率行；没有预算的表写 budget = false"),
            );
            true
        }
    };
    if t.indicator.is_empty() {
        diags.push(
            Diagnostic::new(path, Location::Key(named(key, &t.name)), "表中没有任何指标")
                .found(t.name.clone())
                .expected("至少一个 [[table.indicator]]"),
        );
    }
    let mut seen = HashSet::new();
    let mut indicators = Vec::new();
    let mut slots = Vec::new();
    let mut written_effect = false;
    for (ii, i) in t.indicator.into_iter().enumerate() {
        let ikey = [key, ".indicator #", &(ii + 1).to_string()].concat();
        if let Some((message, expected)) = name_problem(&i.name, "三级指标") {
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Key(format!("{}.name", named(&ikey, &i.name))),
                    message,
                )
                .found(i.name.clone())
                .expected(expected),
            );
        }
        if !seen.insert(i.name.trim().to_string()) {
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Key(format!("{}.name", named(&ikey, &i.name))),
                    "同一表中三级指标重复",
                )
                .found(i.name.clone())
                .expected("同一表中每个三级指标名称各不相同（实际完成值按表名和三级指标匹配）"),
            );
        }
        written_effect |= match i.level1.as_str() {
            // The template's words (most rows), without splitting off points.
            "效果指标" => true,
            "产出指标" | "效益指标" | "满意度指标" => false,
            other => level1_parts(other).0.trim_end_matches("指标") == "效果",
        };
        // What the weight arithmetic needs, as written: kept for an indicator that fails, so
        // that the table's weights are still checked.
        let as_written = WeightSlot {
            group: Group::parse(&i.level1),
            written: i.weight.as_ref().map(|Num(w)| *w),
            known: !i.weight_from_rule.unwrap_or(false)
                && i.weight
                    .as_ref()
                    .is_none_or(|Num(w)| *w >= Decimal::ZERO && *w <= Decimal::ONE_HUNDRED),
        };
        match read_indicator(path, &ikey, i, diags) {
            Some(ind) => {
                slots.push(WeightSlot {
                    group: Some(ind.group),
                    written: ind.written_weight,
                    known: true,
                });
                indicators.push(ind);
            }
            None => slots.push(as_written),
        }
    }
    if written_effect {
        lints.push("一级指标写作「效果指标」，按「效益指标」计分".into());
    }
    // The weights are checked even when an indicator failed: one run lists every problem.
    let failed = diags.len() > before;
    let table_key = named(key, &t.name);
    let config = &group_points(path, &table_key, &indicators, config, diags)?;
    let weights = assign_weights(
        path,
        &table_key,
        &slots,
        config,
        strict_weights,
        &mut lints,
        diags,
    );
    if failed || diags.len() > before {
        return None;
    }
    let allow_bonus = t.allow_bonus.unwrap_or(config.allow_bonus);
    for (ind, w) in indicators.iter_mut().zip(weights) {
        ind.weight = w;
        ind.allow_bonus = allow_bonus;
    }
    for ind in &indicators {
        for p in award_above_weight(ind)
            .into_iter()
            .chain(reverse_bonus(ind))
        {
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Key(format!("{}.rule", named(&ind.key, &ind.name))),
                    p.message,
                )
                .found(p.found)
                .expected(p.expected),
            );
        }
    }
    if diags.len() > before {
        return None;
    }
    for ind in &mut indicators {
        let more = weight_lints(ind);
        ind.lints.extend(more);
    }
    Some(Table {
        index: NameIndex::new(indicators.iter().map(|i| i.name.as_str())),
        name: t.name.trim().to_string(),
        goal: t.goal.unwrap_or_default(),
        indicators,
        lints,
        key: key.to_string(),
        budget,
    })
}

/// The table's group points: a 一级指标 written with its points (`产出指标（50分）`) sets its
/// group's points for this table. Two different points for one group are an error, and so are
/// points that no longer add up to 100 with the other groups and the budget row.
fn group_points(
    path: &Path,
    key: &str,
    indicators: &[Indicator],
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Option<Config> {
    let mut written: BTreeMap<Group, (Decimal, String)> = BTreeMap::new();
    let mut ok = true;
    for ind in indicators {
        let Some((g, Some(p))) = Group::parse_points(&ind.level1) else {
            continue;
        };
        if p < Decimal::ZERO {
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Key(format!("{}.level1", named(&ind.key, &ind.name))),
                    format!("{}的总分为负数", g.chinese()),
                )
                .found(ind.level1.clone())
                .expected(format!(
                    "0 或正数的分数，如「{}（{}分）」",
                    g.chinese(),
                    Config::default().points(g)
                )),
            );
            ok = false;
            continue;
        }
        match written.get(&g) {
            Some((q, first)) if *q != p => {
                diags.push(
                    Diagnostic::new(
                        path,
                        Location::Key(format!("{}.level1", named(&ind.key, &ind.name))),
                        format!("{}的分数前后写得不一致", g.chinese()),
                    )
                    .found(format!("{}（前面写作「{first}」）", ind.level1))
                    .expected(format!(
                        "同一表中{}的分数处处相同，如都写「{first}」",
                        g.chinese()
                    )),
                );
                ok = false;
            }
            Some(_) => {}
            None => {
                written.insert(g, (p, ind.level1.clone()));
            }
        }
    }
    if !ok {
        return None;
    }
    let mut table = config.clone();
    for (g, (p, _)) in &written {
        table.level1_points.insert(*g, *p);
    }
    if !written.is_empty() {
        let (total, sum) = table.points_sum();
        if total != Decimal::ONE_HUNDRED {
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Key(key.to_string()),
                    "一级指标写明的分数与其他一级指标、预算执行率的分数之和不等于100",
                )
                .found(sum)
                .expected("之和为 100，如 产出指标（50分）、效益指标（30分）、满意度指标（10分）"),
            );
            return None;
        }
    }
    Some(table)
}

fn read_indicator(
    path: &Path,
    key: &str,
    i: IndicatorToml,
    diags: &mut Vec<Diagnostic>,
) -> Option<Indicator> {
    let rule_key = || Location::Key(format!("{}.rule", named(key, &i.name)));
    let (rule, wording) = match &i.rule {
        None => (None, None),
        Some(toml::Value::String(text)) => (Some(text.clone()), None),
        Some(value @ toml::Value::Table(_)) => {
            match value.clone().try_into::<rules::table::RuleTable>() {
                Ok(table) => match table.canonical() {
                    Ok(canonical) => (Some(canonical), table.text.clone()),
                    Err((field, found, expected)) => {
                        diags.push(
                            Diagnostic::new(
                                path,
                                Location::Key(format!("{}.rule.{field}", named(key, &i.name))),
                                "结构化评分规则无法读取",
                            )
                            .found(found)
                            .expected(expected),
                        );
                        return None;
                    }
                },
                Err(e) => {
                    diags.push(
                        Diagnostic::new(path, rule_key(), "结构化评分规则无法读取")
                            .found(value.to_string())
                            .expected(e.message().trim().to_string()),
                    );
                    return None;
                }
            }
        }
        Some(other) => {
            diags.push(
                Diagnostic::new(path, rule_key(), "评分标准应为文字或表")
                    .found(other.to_string())
                    .expected(
                        "rule = \"达到目标值得满分，否则不得分\"，或 [table.indicator.rule] 表",
                    ),
            );
            return None;
        }
    };
    let spec = IndicatorSpec {
        level1: &i.level1,
        level2: &i.level2,
        name: &i.name,
        description: i.description.as_deref().unwrap_or(""),
        target: &i.target,
        basis: i.basis.as_deref().unwrap_or(""),
        rule: rule.as_deref(),
        rule_wording: wording.as_deref(),
        weight: i.weight.map(|Num(w)| w),
        direction: i.direction,
        weight_from_rule: i.weight_from_rule.unwrap_or(false),
        key,
    };
    match Indicator::build(&spec) {
        Ok(ind) => Some(ind),
        Err(problems) => {
            for p in problems {
                let at = Location::Key(format!("{}.{}", named(key, &i.name), p.field));
                diags.push(
                    Diagnostic::new(path, at, p.message)
                        .found(p.found)
                        .expected(p.expected),
                );
            }
            None
        }
    }
}

/// Target values (指标值) read once per run: a bureau's departments repeat them.
static TARGET_VALUES: crate::memo::Memo<
    std::result::Result<TargetValue, crate::quantity::ValueError>,
> = crate::memo::Memo::new(20_000);

/// An indicator as written, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct IndicatorSpec<'a> {
    pub level1: &'a str,
    pub level2: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub target: &'a str,
    pub basis: &'a str,
    pub rule: Option<&'a str>,
    /// The disclosure's wording of a rule given as a table, kept for explanations.
    pub rule_wording: Option<&'a str>,
    pub weight: Option<Decimal>,
    pub direction: Option<Direction>,
    /// Take the weight from the rule's stated full marks (`得10分`).
    pub weight_from_rule: bool,
    pub key: &'a str,
}

/// A problem with one field (TOML key) of an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
    pub found: String,
    pub expected: String,
}

impl Indicator {
    /// Checks an indicator as written: parses its target and rule, settles its direction and
    /// collects its lint warnings. A missing weight is left for the table to assign.
    pub fn build(spec: &IndicatorSpec) -> std::result::Result<Indicator, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        if spec.name.trim().is_empty() {
            problems.push(fp("name", "三级指标名称为空".into(), "", "指标名称".into()));
        }
        if spec.name.trim() == crate::names::BUDGET_ROW {
            problems.push(fp(
                "name",
                "三级指标不能叫「预算执行率」：这个名称留给实际完成值文件中填预算数字的行".into(),
                spec.name,
                "其他名称，如「预算执行率指标」；预算执行率由 jixiao 按全年预算数、全年执行数计分"
                    .into(),
            ));
        }
        if spec.weight_from_rule && spec.weight.is_some() {
            problems.push(fp(
                "weight_from_rule",
                "同时写了 weight 和 weight_from_rule = true".into(),
                "weight_from_rule = true",
                "只写一个：weight = 分值，或 weight_from_rule = true（以评分标准写明的满分为分值）"
                    .into(),
            ));
        }
        let group = Group::parse(spec.level1);
        if group.is_none() {
            problems.push(fp(
                "level1",
                "未知的一级指标".into(),
                spec.level1,
                "产出指标、效益指标（或效果指标）、满意度指标".into(),
            ));
        }
        let target = match TARGET_VALUES.get_or(spec.target, TargetValue::parse) {
            Ok(t) => match checked_target(&t, spec) {
                None => Some(t),
                Some(p) => {
                    problems.push(p);
                    None
                }
            },
            Err(e) => {
                problems.push(fp(
                    "target",
                    format!("无法读取指标值: {}", e.message),
                    spec.target,
                    e.expected,
                ));
                None
            }
        };
        let rule_text = spec.rule.map(str::trim).filter(|r| !r.is_empty());
        let mut rule = match rule_text {
            None => None,
            Some(text) => match rules::cache::parse(text) {
                Ok(r) => Some(r),
                Err(e) => {
                    problems.push(fp(
                        "rule",
                        format!("无法读取评(扣)分标准: {e}"),
                        text,
                        e.expected(),
                    ));
                    None
                }
            },
        };
        problems.extend(spec.weight.and_then(weight_problem));
        if rule_text.is_some() && rule.is_none() {
            return Err(problems);
        }
        // Asked to take the weight from the rule's full marks, and the rule states none: the
        // weight would silently become a share of the group's points.
        if spec.weight_from_rule && rule.as_ref().and_then(|r| r.rule.full).is_none() {
            problems.push(fp(
                "weight_from_rule",
                match rule_text {
                    Some(_) => "weight_from_rule = true，但评分标准没有写明满分（如「得10分」），无法以其为分值".into(),
                    None => "weight_from_rule = true，但该指标没有评分标准，无法以其满分为分值".into(),
                },
                rule_text.unwrap_or("weight_from_rule = true"),
                "写 weight = 分值；或在评分标准中写明满分（如「≥95%得10分」）".into(),
            ));
        }
        let (Some(group), Some(target), true) = (group, target, problems.is_empty()) else {
            return Err(problems);
        };
        let mut target = target;
        let mut lints = Vec::new();
        if let TargetValue::Qualitative(words) = &target {
            lints.extend(qualitative_number_lint(words));
        }
        if let (Some(r), TargetValue::Numeric { quantity, .. }) = (&mut rule, &target) {
            band_money_in_target_unit(r, &quantity.unit, &mut lints);
        }
        if let Some(r) = &rule {
            lints.extend(r.lints.iter().cloned());
            if let Err(p) =
                rule_against_target(r, &mut target, spec, rule_text.unwrap_or(""), &mut lints)
            {
                problems.push(p);
                return Err(problems);
            }
        }
        let direction = direction_of(spec, rule.as_deref(), &target, &mut lints);
        if spec.direction.is_none() && rule.as_ref().and_then(|r| r.direction).is_none() {
            problems.extend(unsigned_limit(&target, spec));
        }
        problems.extend(negative_target(
            &target,
            spec,
            rule.as_deref(),
            rule_text.unwrap_or(""),
        ));
        match unreachable_target(&target, spec.target, spec.name) {
            Some(Reach::Lint(l)) => lints.push(l),
            Some(Reach::Never(p)) => problems.push(p),
            None => {}
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        // A deadline is less-is-better; a rule worded the other way would score
        // finishing later higher.
        if target.deadline().is_some() && direction == Direction::Positive {
            problems.push(fp(
                "rule",
                format!(
                    "评分标准的措辞为正向指标（越多越好），而指标值「{}」是完成期限（越早越好）",
                    spec.target.trim()
                ),
                rule_text.unwrap_or(""),
                "按期限写扣分，如「每推迟1个月扣1分」；或在该指标写 direction = \"reverse\"".into(),
            ));
            return Err(problems);
        }
        let written_weight = match (
            spec.weight_from_rule,
            rule.as_ref().and_then(|r| r.rule.full),
        ) {
            (true, Some(full)) => Some(full),
            _ => spec.weight,
        };
        Ok(Indicator {
            level1: spec.level1.trim().to_string(),
            group,
            level2: spec.level2.trim().to_string(),
            name: spec.name.trim().to_string(),
            description: spec.description.to_string(),
            target_text: spec.target.trim().to_string(),
            target,
            basis: spec.basis.to_string(),
            rule_text: spec.rule_wording.or(rule_text).map(str::to_string),
            rule,
            weight: written_weight.unwrap_or_default(),
            written_weight,
            direction,
            direction_written: spec.direction.is_some(),
            lints,
            allow_bonus: false,
            key: spec.key.to_string(),
        })
    }
}

/// The direction an indicator is scored in: `direction` in the file, else the rule's words (a
/// lint when they disagree with the target's operator), else the target's operator.
fn direction_of(
    spec: &IndicatorSpec,
    rule: Option<&ParsedRule>,
    target: &TargetValue,
    lints: &mut Vec<String>,
) -> Direction {
    match (spec.direction, rule.and_then(|r| r.direction)) {
        (Some(d), _) => d,
        (None, Some(words)) => {
            if let TargetValue::Numeric { op: Some(op), .. } = target {
                if words != op.direction() {
                    lints.push(direction_conflict(words, *op, spec.target));
                }
            }
            words
        }
        // `0起` with `=` or no operator: met only by 0, so less is better.
        (None, None) => match target {
            TargetValue::Numeric {
                op: None | Some(Op::Eq),
                quantity,
            } if quantity.value.is_zero() => Direction::Reverse,
            _ => target.direction(),
        },
    }
}

/// How a unit written in a rule (a step size, the bounds of bands) fits the target's unit.
#[derive(Debug, PartialEq, Eq)]
enum UnitFit {
    /// The same unit (`个月` and `月`, `个工作日` and `工作日`, `天` and `日` are one), or none.
    Same,
    /// Two counting words (`个` and `次`, `座` and `个`): they count the same things, said so.
    Lint,
    /// Another magnitude or kind (`1万张` on `≥5万张`, `1000元` on `≤5万元`, `天` on
    /// `个工作日`, `公顷` on `平方米`, `‰` on `次`, `个百分点` on a count): counted in the target's
    /// unit, its size would be misread.
    Refused,
}

/// Counting words (量词 of things counted one by one): two of them count the same things.
const COUNT_WORDS: &[&str] = &[
    "个", "次", "项", "例", "起", "张", "人", "件", "户", "家", "台", "套", "条", "篇", "期", "场",
    "所", "批", "份", "名", "处", "辆", "座", "册", "株", "头", "只", "棵", "本", "位", "间", "宗",
    "床", "盏", "根", "人次", "户次", "部", "支", "块", "种", "类", "组", "队", "单", "栋", "幢",
];

fn unit_fit(unit: &str, target: &Unit) -> UnitFit {
    let fits = match target {
        Unit::Percent => unit.contains("百分点"),
        Unit::Deadline(d) => {
            crate::quantity::same_count_unit(d.step_name(), unit) || unit.is_empty()
        }
        other => crate::quantity::same_count_unit(other.name(), unit) || unit.is_empty(),
    };
    if fits {
        return UnitFit::Same;
    }
    let magnitude = unit.contains(['万', '千', '百', '亿'])
        || ["元", "周", "天", "日", "月", "年", "小时", "分钟", "季度"]
            .iter()
            .any(|t| unit.ends_with(t));
    let counting = |u: &str| COUNT_WORDS.contains(&u);
    match target {
        _ if magnitude => UnitFit::Refused,
        Unit::None => UnitFit::Lint,
        Unit::Count(t) if counting(unit) && counting(t) => UnitFit::Lint,
        _ => UnitFit::Refused,
    }
}

/// Band bounds and cut-offs written in another money unit than the target's (`≥10万元得满分，
/// 5-10万元得5分` against `≥100000元`) converted exactly into the target's unit: compared as
/// raw numbers, 40000元 fell in 「≥10万元」.
fn band_money_in_target_unit(r: &mut Arc<ParsedRule>, target: &Unit, lints: &mut Vec<String>) {
    use crate::rules::{Bands, Base};
    let Unit::Money {
        name: to,
        scale: to_scale,
    } = target
    else {
        return;
    };
    let factor = |b: &Bands| match crate::quantity::parse_unit(&b.unit) {
        (Unit::Money { scale, .. }, m) if m == Decimal::ONE && scale != *to_scale => {
            Some(scale / *to_scale)
        }
        _ => None,
    };
    let base = match &r.rule.base {
        Base::Bands(b) => factor(b),
        _ => None,
    };
    let cut = r.rule.cutoff.as_ref().and_then(factor);
    if base.is_none() && cut.is_none() {
        return;
    }
    let convert = |b: &mut Bands, f: Decimal, lints: &mut Vec<String>| {
        lints.push(format!(
            "评分标准分档的单位「{}」与指标值的单位「{to}」不同：各档的界限换算为{to}计（1{}={}{to}）",
            b.unit,
            b.unit,
            crate::quantity::plain(f)
        ));
        for band in &mut b.bands {
            for end in [&mut band.low, &mut band.high].into_iter().flatten() {
                end.value *= f;
            }
        }
        b.unit = to.clone();
    };
    let r = Arc::make_mut(r);
    if let (Some(f), Base::Bands(b)) = (base, &mut r.rule.base) {
        convert(b, f, lints);
    }
    if let (Some(f), Some(b)) = (cut, &mut r.rule.cutoff) {
        convert(b, f, lints);
    }
}

/// How a rule fits its indicator's target. A step counting occurrences (`每出现一例…扣1分`) on a
/// qualitative target (`零发生`) makes the target `≤0`. Refused: a shape that needs a numeric
/// target on a qualitative one, a step in another unit or magnitude than the target's, a
/// baseline other than the target, bands or a cut-off against the target's direction.
fn rule_against_target(
    r: &ParsedRule,
    target: &mut TargetValue,
    spec: &IndicatorSpec,
    rule_text: &str,
    lints: &mut Vec<String>,
) -> std::result::Result<(), FieldProblem> {
    if r.ratio_formula && spec.direction.is_none() {
        // `(实际值/目标值)×分值` on `≤30万元` would give a lower cost fewer points; on `及时`
        // there is nothing to divide.
        let problem = match &*target {
            TargetValue::Qualitative(words) => Some(format!(
                "评分标准按「实际值/目标值」计分，而指标值「{words}」是定性的，没有数可除"
            )),
            t if t.direction() == Direction::Reverse => Some(format!(
                "评分标准按「实际值/目标值」计分（实际越大得分越高），而指标值「{}」是反向指标（越小越好）：照写计分，越省得分越低",
                spec.target
            )),
            _ => None,
        };
        if let Some(problem) = problem {
            return Err(fp(
                "rule",
                problem,
                rule_text,
                "按指标方向计分写「按完成比例计分」（反向指标：实际不超过目标值得满分，超出按超出比例扣分）；确要照公式计分的，在该指标上写 direction = \"positive\"".into(),
            ));
        }
    }
    // `超过10天不得分`, `超过3个月不得分` against `10月31日前`: a length of time against a date.
    // Compared with the actual's month or day, finishing on time scored 0; it can only mean
    // lateness, which a cut-off does not count.
    if target.deadline().is_some() {
        let bands = r.rule.cutoff.iter().chain(match &r.rule.base {
            crate::rules::Base::Bands(b) => Some(b),
            _ => None,
        });
        if let Some(unit) = bands
            .map(|b| b.unit.as_str())
            .find(|u| DURATION_UNITS.contains(u))
        {
            return Err(fp(
                "rule",
                format!(
                    "评分标准的分档或界限以「{unit}」计（一段时间），而指标值「{}」是完成期限（一个日期）：「超过N{unit}」只能是推迟的时间，jixiao 不按推迟多久分档",
                    spec.target.trim()
                ),
                rule_text,
                "写完成时间的界限（如「超过9月不得分」），或用规则表写明各档".into(),
            ));
        }
    }
    // `每发生一起扣5分` against `≤1起`: every occurrence costs points, or only those beyond the
    // one the target allows? Counted from the target, 1起 lost nothing.
    if let (
        Base::Step(rules::Step {
            side: Side::Over | Side::Worse,
            ..
        }),
        TargetValue::Numeric {
            op: Some(Op::Le | Op::Lt),
            quantity,
        },
    ) = (&r.rule.base, &*target)
    {
        let every = ["每发生", "每出现", "每有"]
            .iter()
            .any(|w| r.step_text.contains(w));
        if every && quantity.value > Decimal::ZERO && !matches!(quantity.unit, Unit::Deadline(_)) {
            return Err(fp(
                "rule",
                format!(
                    "评分标准「{}」说每发生一次都扣分，而指标值「{}」允许发生{}{}：从第一次扣，还是只扣超过指标值的？",
                    r.step_text,
                    spec.target.trim(),
                    crate::quantity::plain(quantity.value),
                    quantity.unit.name()
                ),
                rule_text,
                "每一次都扣的，指标值写「≤0起」或「零发生」；只扣超过指标值的，写「每超过指标值1起扣5分」".into(),
            ));
        }
    }
    match (&r.rule.base, &*target) {
        // `每出现一例…扣1分` against `零发生`: the actual is a count, the target 0 of it.
        (Base::Step(s), TargetValue::Qualitative(words)) if s.side == Side::Over => {
            let unit = match &s.size.measure {
                Measure::Units(u) => u.clone(),
                _ => String::new(),
            };
            lints.push(format!(
                "指标值「{words}」按 ≤0{unit} 计，实际完成值填写发生的{}数",
                if unit.is_empty() { "次" } else { &unit }
            ));
            *target = TargetValue::Numeric {
                op: Some(Op::Le),
                quantity: Quantity {
                    value: Decimal::ZERO,
                    unit: if unit.is_empty() {
                        Unit::None
                    } else {
                        Unit::Count(unit)
                    },
                },
            };
        }
        (_, TargetValue::Qualitative(words))
            if r.rule.cutoff.is_some()
                || matches!(
                    r.rule.base,
                    Base::Step(_) | Base::Bands(_) | Base::TwoSided(..)
                ) =>
        {
            return Err(fp(
                "rule",
                format!(
                    "按档扣分或分档计分的评分标准需要数值型指标值，而指标值「{words}」是定性的"
                ),
                rule_text,
                "数值指标值（如 ≥4次），或改用「达到目标值得满分，否则不得分」".into(),
            ));
        }
        (Base::Step(s), TargetValue::Numeric { quantity, .. }) => {
            if let Measure::Units(unit) = &s.size.measure {
                match unit_fit(unit, &quantity.unit) {
                    UnitFit::Same => {}
                    UnitFit::Refused => {
                        return Err(fp(
                            "rule",
                            format!(
                                "评分标准的扣分单位「{unit}」与指标值的单位「{}」不同，按指标值的单位读会读错每档的大小",
                                quantity.unit.name()
                            ),
                            rule_text,
                            format!(
                                "扣分单位与指标值相同的评分标准（每档的大小写成指标值的单位「{}」），或把指标值写成与评分标准相同的单位",
                                quantity.unit.name()
                            ),
                        ));
                    }
                    UnitFit::Lint => lints.push(format!(
                        "评分标准的扣分单位「{unit}」与指标值的单位「{}」不同",
                        quantity.unit.name()
                    )),
                }
            }
        }
        _ => {}
    }
    // A percent on a 千分比 target (`每超过0.1%扣1分` against `≤5‰`): percentage points (0.1% = 1‰)
    // or a percent of the target? Read as the latter, 3‰ over was 600 steps: refused.
    if let TargetValue::Numeric { quantity, .. } = &*target {
        if crate::quantity::same_count_unit(quantity.unit.name(), "‰") {
            let in_percent = |m: &Measure| match m {
                Measure::Percent => true,
                Measure::Units(u) => u.contains("百分点") || u == "%",
                Measure::OfTarget => false,
            };
            let mut sizes: Vec<&crate::rules::Size> = match &r.rule.base {
                Base::Step(s) => vec![&s.size],
                Base::TwoSided(a, b) => vec![&a.size, &b.size],
                _ => Vec::new(),
            };
            sizes.extend(r.rule.bonus.as_ref().map(|b| &b.size));
            let bands_in_percent = [
                match &r.rule.base {
                    Base::Bands(b) => Some(b),
                    _ => None,
                },
                r.rule.cutoff.as_ref(),
            ]
            .into_iter()
            .flatten()
            .any(|b| b.unit == "%");
            if let Some(size) = sizes.into_iter().find(|s| in_percent(&s.measure)) {
                return Err(fp(
                    "rule",
                    format!(
                        "评分标准的档距「{size}」是百分比，而指标值「{}」是千分比（‰）：是按百分点（{}% = {}‰）计档，还是按指标值的百分比计档，读不准",
                        spec.target.trim(),
                        crate::quantity::plain(size.amount),
                        crate::quantity::plain(size.amount * Decimal::TEN),
                    ),
                    rule_text,
                    format!(
                        "档距写成千分比（如「每超过{}‰扣1分」），或写明按指标值的百分比（如「每超过指标值10%扣1分」）",
                        crate::quantity::plain(size.amount * Decimal::TEN)
                    ),
                ));
            }
            if bands_in_percent {
                return Err(fp(
                    "rule",
                    format!(
                        "评分标准分档的单位是百分比（%），而指标值「{}」是千分比（‰）：是按实际值（1% = 10‰）分档，还是按完成率分档，读不准",
                        spec.target.trim()
                    ),
                    rule_text,
                    "各档的界限写成千分比（如「≤5‰得满分」），或把指标值写成百分比".into(),
                ));
            }
        }
    }
    // Bands or a cut-off in another unit than the target's (`≤5天得满分，5-10天得5分` against
    // `≤5个工作日`): the actual would be compared in the target's unit. Money was converted
    // (band_money_in_target_unit); a percent band is a completion rate.
    if let TargetValue::Numeric { quantity, .. } = &*target {
        let bands = [
            match &r.rule.base {
                Base::Bands(b) => Some(b),
                _ => None,
            },
            r.rule.cutoff.as_ref(),
        ];
        let on_count = !matches!(quantity.unit, Unit::Percent | Unit::Deadline(_));
        for b in bands.into_iter().flatten() {
            if b.unit == "%" || !on_count {
                continue;
            }
            match unit_fit(&b.unit, &quantity.unit) {
                UnitFit::Same => {}
                UnitFit::Refused => {
                    return Err(fp(
                        "rule",
                        format!(
                            "评分标准分档的单位「{}」与指标值的单位「{}」不同，按指标值的单位比较会读错各档的界限",
                            b.unit,
                            quantity.unit.name()
                        ),
                        rule_text,
                        format!(
                            "各档的界限写成指标值的单位「{}」，或把指标值写成与评分标准相同的单位",
                            quantity.unit.name()
                        ),
                    ));
                }
                UnitFit::Lint => lints.push(format!(
                    "评分标准分档的单位「{}」与指标值的单位「{}」不同",
                    b.unit,
                    quantity.unit.name()
                )),
            }
        }
    }
    // `以90%为基准`: the deviation is measured from the target; another baseline is refused.
    // `完成率100%得满分` on a target in another unit (`≥500户`) is the target reached.
    if let (Some(b), TargetValue::Numeric { quantity, .. }) = (r.baseline, &*target) {
        let target_reached = b == Decimal::ONE_HUNDRED && quantity.unit != Unit::Percent;
        if b != quantity.value && !target_reached {
            return Err(fp(
                "rule",
                format!(
                    "评分标准以{b}{u}为得满分或计算扣分的基准，与指标值{t}{u}不同，无法判断按哪一个计算",
                    b = crate::quantity::plain(b),
                    t = crate::quantity::plain(quantity.value),
                    u = quantity.unit.name(),
                ),
                rule_text,
                "评分标准的基准（「以…为基准」或得满分的界限）与指标值相同；或把指标值改为评分标准的基准".into(),
            ));
        }
    }
    if let TargetValue::Numeric { op, quantity } = &*target {
        // Stricter than the target (`高于90%得满分，80%-90%得5分` against `≥90%`): scored as
        // written, with a lint (and a 提示 on the row where it happens).
        match bands_at_target(&r.rule, *op, quantity) {
            Some((message, false)) => lints.push(message),
            Some((message, true)) => {
                return Err(fp(
                    "rule",
                    message,
                    rule_text,
                    format!(
                        "分档、不得分的界限与指标值「{}」的方向一致（实际达到指标值时得满分），或核对指标值",
                        spec.target.trim()
                    ),
                ))
            }
            None => {}
        }
    }
    Ok(())
}

/// A written weight (分值) outside 0–100 or finer than a cent.
fn weight_problem(w: Decimal) -> Option<FieldProblem> {
    if w < Decimal::ZERO || w > Decimal::ONE_HUNDRED {
        Some(fp(
            "weight",
            "分值超出范围".into(),
            &w.to_string(),
            "0 到 100 之间的数".into(),
        ))
    } else if finer_than_cents(w) {
        Some(fp(
            "weight",
            "分值细于0.01分：评分表的分值和得分都写到0.01分，满分会显示成与分值不同的数，合计也对不上".into(),
            &w.to_string(),
            "最多两位小数的分值（如 33.33、33.33、33.34，而不是三个 33.333）".into(),
        ))
    } else {
        None
    }
}

/// `全年4次`, `减少5%`, `约95%`: a number in words the target reader does not take as a
/// quantity. Read as qualitative (the actual is a judgement), said so in case it is not.
fn qualitative_number_lint(words: &str) -> Option<String> {
    if !crate::text::to_half_width(words)
        .chars()
        .any(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some(format!(
        "指标值「{words}」含数字，但不是可计算的数值写法，按定性指标计分（实际完成值填达成、部分达成或未达成）；如按数值计分，请写成如「≥4次」「≤5%」「=95%」{}",
        // A PDF's font may give `<` as the angle quotation mark `‹`.
        if words.contains(['‹', '›', '〈', '〉', '《', '》']) {
            "（「‹」「〈」「《」这类是引号或书名号，不是小于号「<」或大于号「>」）"
        } else {
            ""
        }
    ))
}

/// How bands or a cut-off score an actual exactly at the target, when below full marks: the
/// message, and whether it is refused — written for the other direction (`≥90%计5分…低于80%不得分`
/// or `低于90%不得分` against `≤5%`), or nothing earned — or only stricter than the target.
/// `None` when the rule and the target agree (or the target is not at a point: `>95%`).
fn bands_at_target(
    rule: &crate::rules::Rule,
    op: Option<Op>,
    t: &Quantity,
) -> Option<(String, bool)> {
    use crate::rules::{range_label, Band, Bands, Base, Points};
    if !matches!(op, None | Some(Op::Ge | Op::Le | Op::Eq)) {
        return None;
    }
    // Where an actual exactly at the target lies on the bands' scale.
    let at_target = |b: &Bands| match (b.unit.as_str(), &t.unit) {
        ("%", Unit::Percent) => Some((t.value, format!("{}%", crate::quantity::plain(t.value)))),
        ("%", _) => Some((Decimal::ONE_HUNDRED, "完成率100%".to_string())),
        (u, unit) if u.is_empty() || u == unit.name() => Some((
            t.value,
            format!("{}{}", crate::quantity::plain(t.value), unit.name()),
        )),
        _ => None,
    };
    let label = |b: &Band, unit: &str| range_label(b.low, b.high, unit);
    let wanted = op.map(|o| o.direction()).filter(|_| op != Some(Op::Eq));
    let why = |leans: Option<Direction>| match (leans, wanted) {
        (Some(l), Some(w)) if l != w => "评分标准与指标值的方向相反",
        _ => "评分标准的界限比指标值严，达到指标值也得不到满分",
    };
    // Bands in `%` on a money or count target compare the completion ratio (actual ÷ target):
    // `≥90%得满分` rises with the actual, so against `≤50万元` an overspend (104%) got full marks
    // and a saving lost points. The target itself is at 100%, in the full-marks band, so the
    // check at the target below does not see it.
    let ratio_against = |b: &Band, unit: &str| -> Option<(String, bool)> {
        // `≥90%得满分` and `低于80%不得分` lean to more; `≤100%得满分` and `超过110%不得分` to less.
        let earns = !matches!(b.award, Points::Points(p) | Points::ShareOfWeight(p) if p.is_zero());
        let leans = match (b.low, b.high) {
            (Some(_), None) if earns => Direction::Positive,
            (None, Some(_)) if !earns => Direction::Positive,
            (Some(_), None) | (None, Some(_)) => Direction::Reverse,
            _ => return None,
        };
        (unit == "%" && t.unit != Unit::Percent && wanted.is_some_and(|w| w != leans)).then(|| {
            (
                format!(
                    "评分标准按完成率（实际÷指标值）分档，「{}」{}，而指标值{}是{}：照写计分，{}，评分标准与指标值的方向相反",
                    label(b, unit),
                    if leans == Direction::Positive { "是完成率越高得分越高" } else { "是完成率越低得分越高" },
                    t,
                    if leans == Direction::Positive { "反向指标（越低越好）" } else { "正向指标（越高越好）" },
                    if leans == Direction::Positive { "超出指标值反而得分更高" } else { "未达到指标值反而得分更高" },
                ),
                true,
            )
        })
    };
    if let Some(cut) = &rule.cutoff {
        if let Some(found) = cut.bands.iter().find_map(|b| ratio_against(b, &cut.unit)) {
            return Some(found);
        }
    }
    if let Base::Bands(bands) = &rule.base {
        let top = bands
            .bands
            .iter()
            .filter(
                |b| !matches!(b.award, Points::Points(p) | Points::ShareOfWeight(p) if p.is_zero()),
            )
            .max_by_key(|b| match b.award {
                Points::ShareOfWeight(s) => (s == Decimal::ONE_HUNDRED, Decimal::ZERO),
                Points::Points(p) => (false, p),
            });
        if let Some(found) = top.and_then(|b| ratio_against(b, &bands.unit)) {
            return Some(found);
        }
    }
    if let Some(cut) = &rule.cutoff {
        let (x, shown) = at_target(cut)?;
        if let Some(b) = cut.bands.iter().find(|b| b.contains(x)) {
            // `低于90%` cuts off the low end: more is better.
            let leans = match (b.low, b.high) {
                (None, Some(_)) => Some(Direction::Positive),
                (Some(_), None) => Some(Direction::Reverse),
                _ => None,
            };
            return Some((
                format!(
                    "评分标准写明「{}」不得分，而实际恰好达到指标值{shown}也在这个范围内：{}",
                    label(b, &cut.unit),
                    why(leans)
                ),
                true,
            ));
        }
    }
    let Base::Bands(bands) = &rule.base else {
        return None;
    };
    let (x, shown) = at_target(bands)?;
    // The best award: full marks, or the most points written.
    let worth = |p: &Points| match *p {
        Points::ShareOfWeight(s) => (s == Decimal::ONE_HUNDRED, Decimal::ZERO),
        Points::Points(p) => (false, p),
    };
    let best = bands.bands.iter().max_by_key(|b| worth(&b.award))?;
    // The direction the best band leans to: `≥90%` more is better, `≤5%` less is better.
    let leans = match (best.low, best.high) {
        (Some(_), None) => Some(Direction::Positive),
        (None, Some(_)) => Some(Direction::Reverse),
        _ => None,
    };
    let nothing = (false, Decimal::ZERO);
    match bands.bands.iter().find(|b| b.contains(x)) {
        Some(b) if std::ptr::eq(b, best) || worth(&b.award) == worth(&best.award) => None,
        Some(b)
            if worth(&b.award) == nothing
                || (leans.is_some() && wanted.is_some() && leans != wanted) =>
        {
            Some((
                format!(
                    "实际恰好达到指标值{shown}时落在评分标准的「{}」档，而满分档是「{}」：{}",
                    label(b, &bands.unit),
                    label(best, &bands.unit),
                    why(leans)
                ),
                true,
            ))
        }
        // Stricter than the target, the same way: scored as written, said so.
        Some(b) => Some((
            format!(
                "实际恰好达到指标值{shown}时落在评分标准的「{}」档，而满分档是「{}」：评分标准的界限比指标值严，达到指标值也得不到满分，按评分标准计分",
                label(b, &bands.unit),
                label(best, &bands.unit),
            ),
            false,
        )),
        None => Some((
            format!("实际恰好达到指标值{shown}时不在评分标准的任何一档内：评分标准与指标值不一致"),
            true,
        )),
    }
}

/// [`target_problem`], once per run for each target text, indicator name and written direction
/// (all it depends on).
fn checked_target(target: &TargetValue, spec: &IndicatorSpec) -> Option<FieldProblem> {
    static CHECKED: crate::memo::Memo<Option<FieldProblem>> = crate::memo::Memo::new(20_000);
    let direction = match spec.direction {
        None => "",
        Some(Direction::Positive) => "positive",
        Some(Direction::Reverse) => "reverse",
    };
    let key = [spec.target, spec.name, direction].join("\0");
    CHECKED.get_or(&key, |_| target_problem(target, spec))
}

/// Whether a target can be scored as `score` will read it: a deadline is less-is-better (a
/// written `direction = "positive"` would score finishing later higher), and the target
/// written as an actual must read against itself — a unit no actual can match is caught here,
/// at `check`, not at `score`.
fn target_problem(target: &TargetValue, spec: &IndicatorSpec) -> Option<FieldProblem> {
    if target.deadline().is_some() && spec.direction == Some(Direction::Positive) {
        return Some(fp(
            "direction",
            format!(
                "指标值「{}」是完成期限（越早越好），不能写 direction = \"positive\"",
                spec.target.trim()
            ),
            "positive",
            "删去 direction，或写 direction = \"reverse\"".into(),
        ));
    }
    let TargetValue::Numeric { quantity, .. } = target else {
        return None;
    };
    if quantity.value < Decimal::ZERO {
        return None;
    }
    let itself = quantity.to_string();
    let event = spec.target.contains("发生");
    match crate::actual::read_actual(&itself, target, spec.name, event) {
        Ok((crate::actual::ActualValue::Number { value, .. }, _)) if value == quantity.value => {
            None
        }
        Ok(_) => Some(fp(
            "target",
            format!("指标值读不通：按它自己的数值「{itself}」填写的实际完成值也读不成同一个数"),
            spec.target,
            "数字加单位，如 ≥95%、≤30万元、5个工作日内、12月底前".into(),
        )),
        Err(e) => Some(fp(
            "target",
            format!(
                "指标值读不通：按它自己的数值「{itself}」填写的实际完成值也读不了（{}）",
                e.message
            ),
            spec.target,
            "数字加单位，如 ≥95%、≤30万元、5个工作日内、12月底前".into(),
        )),
    }
}

/// Units of a length of time: a bare `10个工作日` may be a time limit (at most) or a length
/// (at least).
const DURATION_UNITS: &[&str] = &[
    "天",
    "日",
    "个工作日",
    "工作日",
    "小时",
    "个小时",
    "分钟",
    "秒",
    "周",
    "个月",
    "年",
];

/// A target without a comparison whose direction cannot be taken as "more is better": a length
/// of time (`10个工作日`: a time limit, or a training of at least so long?) or a cost (`63万元`
/// under 成本指标: a cap, read as more is better it rewarded overspending). Refused unless the
/// rule's words or a written `direction` say which way is better.
fn unsigned_limit(target: &TargetValue, spec: &IndicatorSpec) -> Option<FieldProblem> {
    let TargetValue::Numeric { op: None, quantity } = target else {
        return None;
    };
    let shown = spec.target.trim();
    let what = match &quantity.unit {
        Unit::Count(u) if DURATION_UNITS.contains(&u.as_str()) => {
            "时长：可能是时限（不超过），也可能是至少要达到的时长"
        }
        Unit::Money { .. } if spec.level2.contains("成本") || spec.name.contains("成本") => {
            "成本：多半是上限（不超过），按没有比较符号的数值读作越多越好，超支反而得满分"
        }
        _ => return None,
    };
    Some(fp(
        "target",
        format!("指标值「{shown}」没有写比较符号，是{what}"),
        spec.target,
        format!("写明比较符号：上限写「≤{shown}」（或「{shown}以内」），下限写「≥{shown}」；或在该指标写 direction"),
    ))
}

/// A band or level that awards more points than the weight when no full marks are stated to
/// scale them by (`≥95%得满分，90%-95%得8分` at weight 5): capped at the weight, a miss would
/// score as much as the target met. The points and the band or level.
/// With bonuses allowed, a bonus for exceeding (`每超过1个百分点加0.5分`, `超额完成1万元加0.5分`)
/// on a less-is-better indicator: 超过 is its bad side, yet the bonus was paid for being under
/// it (3% on ≤5% earned 「超出指标值2个百分点，加1.00分」). The words contradict the target:
/// refused. (Without `allow_bonus` the bonus is not counted, and only a lint says so.)
pub fn reverse_bonus(ind: &Indicator) -> Option<FieldProblem> {
    let bonus = ind.rule.as_ref()?.rule.bonus.as_ref()?;
    if !ind.allow_bonus
        || ind.direction != Direction::Reverse
        || !matches!(ind.target, TargetValue::Numeric { .. })
    {
        return None;
    }
    Some(fp(
        "rule",
        format!(
            "评分标准对超过指标值加分（每超过{}加{}分），而该指标是反向指标（越低越好）：超过指标值是未达到，照写会对低于指标值加分",
            bonus.size,
            crate::quantity::plain(bonus.add),
        ),
        ind.rule_text.as_deref().unwrap_or(""),
        "删去加分条款（反向指标的加分 jixiao 不支持，见评分规则指南第 10 节），或在表上写 allow_bonus = false 不计加分".into(),
    ))
}

pub fn award_above_weight(ind: &Indicator) -> Option<FieldProblem> {
    let (points, what) = band_above_weight(ind)?;
    Some(fp(
        "rule",
        format!(
            "评分标准中「{what}」计{}分，超过该指标的分值{}分：按分值封顶会让没达到指标值的实际也得满分",
            crate::quantity::plain(points),
            crate::quantity::plain(ind.weight)
        ),
        ind.rule_text.as_deref().unwrap_or(""),
        "各档得分不超过分值；或写明满分（最高一档的得分，如「≥95%计10分」），各档按分值折算；或以评分标准的满分为分值（weight_from_rule = true）".into(),
    ))
}

fn band_above_weight(ind: &Indicator) -> Option<(Decimal, String)> {
    let r = ind.rule.as_ref()?;
    if r.rule.full.is_some() {
        return None;
    }
    let over = |p: &Points| match p {
        Points::Points(p) if *p > ind.weight => Some(*p),
        _ => None,
    };
    match &r.rule.base {
        Base::Bands(b) => b.bands.iter().find_map(|band| {
            over(&band.award).map(|p| (p, crate::rules::range_label(band.low, band.high, &b.unit)))
        }),
        Base::Levels(levels) => levels
            .iter()
            .find_map(|l| over(&l.award).map(|p| (p, l.word.clone()))),
        _ => None,
    }
}

/// Lints that need the indicator's weight: stated full marks that differ from it, a deduction
/// that takes the whole weight at the first step or can never bite, a bonus the table forbids.
pub fn weight_lints(ind: &Indicator) -> Vec<String> {
    let mut lints = Vec::new();
    let Some(r) = &ind.rule else {
        return lints;
    };
    let w = ind.weight;
    if let Some(full) = r.rule.full {
        if full != w {
            lints.push(format!(
                "评分标准写明满分{}分，与分值{}分不同：按分值计分（分档得分、每档扣分按比例折算）；如应以{}分为分值，请在该指标写 weight_from_rule = true",
                crate::quantity::plain(full),
                crate::quantity::plain(w),
                crate::quantity::plain(full)
            ));
        }
    }
    if let Base::Step(s) = &r.rule.base {
        if let Points::Points(p) = s.deduct {
            if p >= w && w > Decimal::ZERO {
                lints.push(format!(
                    "每档扣{}分，不少于分值{}分：第一档就扣完全部分值",
                    crate::quantity::plain(p),
                    crate::quantity::plain(w)
                ));
            }
        }
        if let TargetValue::Numeric { quantity, .. } = &ind.target {
            let pp = quantity.unit == Unit::Percent
                && (s.size.measure == Measure::Percent
                    || matches!(&s.size.measure, Measure::Units(u) if u.contains("百分点")));
            if pp && s.size.amount > Decimal::ONE_HUNDRED {
                lints.push(format!(
                    "每档{}个百分点，超过百分比的全部范围：这条扣分永远不会扣分",
                    crate::quantity::plain(s.size.amount)
                ));
            }
        }
    }
    if r.rule.bonus.is_some() && !ind.allow_bonus {
        lints.push("评分标准有加分条款，但本表不允许得分超过分值：加分不计（如允许，请在表上写 allow_bonus = true）".into());
    }
    lints
}

/// A key with the name that makes it readable: `table #2「机关工作经费」`.
fn named(key: &str, name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        key.to_string()
    } else {
        format!("{key}「{name}」")
    }
}

/// What a target that cannot be met (or beaten) calls for: a lint, or refusing it.
enum Reach {
    Lint(String),
    Never(FieldProblem),
}

/// A target no actual can meet or beat: `≥100%` (a lint: it can only be met exactly), `≥120%`
/// and `>100%` (a lint: a rate that stops at 100 % never meets it; a growth rate may), and less
/// than nothing of what cannot be negative (`<0起`, `<0%` for a 发生率: refused, every department
/// would score 0 on it; a rate of change such as `下降率 <0%` may be negative, see
/// [`crate::quantity::may_be_negative`]).
fn unreachable_target(target: &TargetValue, written: &str, name: &str) -> Option<Reach> {
    let TargetValue::Numeric {
        op: Some(op),
        quantity,
    } = target
    else {
        return None;
    };
    let hundred = Decimal::ONE_HUNDRED;
    let percent = quantity.unit == Unit::Percent;
    match op {
        Op::Ge | Op::Gt
            if percent
                && (quantity.value > hundred || (*op == Op::Gt && quantity.value == hundred)) =>
        {
            Some(Reach::Lint(format!(
                "指标值「{}」要求高于100%：满意度、完成率这类最高为100%的比率永远达不到（每个实际都扣分）；\
                 增长率等可以超过100%的比例可忽略本提示",
                written.trim()
            )))
        }
        Op::Ge | Op::Gt if percent && quantity.value == hundred => Some(Reach::Lint(format!(
            "指标值「{}」无法超过：百分比最高为100%，{}只能恰好达到",
            written.trim(),
            op.symbol()
        ))),
        Op::Lt
            if quantity.value <= Decimal::ZERO
                && !matches!(quantity.unit, Unit::Deadline(_))
                && !crate::quantity::may_be_negative(&quantity.unit, name) =>
        {
            let u = quantity.unit.name();
            Some(Reach::Never(fp(
                "target",
                format!(
                    "指标值「{}」要求少于{quantity}，而这个指标不会小于0，任何实际都达不到",
                    written.trim()
                ),
                written,
                format!("一个也不能有写「0{u}」或「≤0{u}」；有允许的上限就写上限，如「≤1{u}」"),
            )))
        }
        _ => None,
    }
}

/// A target below 0. Refused where the quantity cannot be negative (`≤-2万元`, `-2次`: money and
/// counts, see [`crate::quantity::may_be_negative`]; no actual can be read for them). A rate of
/// change may be negative (`能耗增长率 ≤-5%`), but then only a rule counted in the target's own
/// unit scores it: the default method (actual ÷ target, (actual − target) ÷ target), a ratio
/// formula, a step in percent of the target and bands on the completion rate all divide by a
/// negative target and are refused at the rule (or, with no rule, at the target).
fn negative_target(
    target: &TargetValue,
    spec: &IndicatorSpec,
    rule: Option<&ParsedRule>,
    rule_text: &str,
) -> Option<FieldProblem> {
    let TargetValue::Numeric { quantity, .. } = target else {
        return None;
    };
    if quantity.value >= Decimal::ZERO || matches!(quantity.unit, Unit::Deadline(_)) {
        return None;
    }
    let written = spec.target.trim();
    if !crate::quantity::may_be_negative(&quantity.unit, spec.name) {
        return Some(fp(
            "target",
            format!(
                "指标值「{written}」是负数，而这个指标（金额、数量等）不会小于0：实际完成值不能填负数，任何实际都达不到或都算达到"
            ),
            spec.target,
            "不小于0的指标值，如「≤2万元」「≥2次」；要求比上年减少的，写减少后的上限，或改为下降率（%），如「能耗下降率 ≥5%」".into(),
        ));
    }
    let percent = quantity.unit == Unit::Percent;
    let relative = |step: &crate::rules::Step| match step.size.measure {
        Measure::OfTarget => true,
        Measure::Percent => !percent,
        Measure::Units(_) => false,
    };
    let why = match rule {
        None => Some("按默认方法（按完成比例计分）"),
        Some(r) => match &r.rule.base {
            _ if r.ratio_formula => Some("评分标准按「实际值/目标值」计分"),
            Base::Proportional => Some("评分标准按完成比例计分"),
            Base::Step(step) if relative(step) => Some("评分标准按指标值的百分比计档"),
            Base::TwoSided(a, b) if relative(a) || relative(b) => {
                Some("评分标准按指标值的百分比计档")
            }
            Base::Bands(b) if b.unit == "%" && !percent => {
                Some("评分标准按完成率（实际/指标值）分档")
            }
            _ => None,
        },
    }?;
    let (field, found) = match rule {
        None => ("target", spec.target),
        Some(_) => ("rule", rule_text),
    };
    Some(fp(
        field,
        format!(
            "指标值「{written}」是负数：{why}要用实际/指标值、(实际−指标值)/指标值这样的比例，除以负的指标值没有意义（实际比指标值差也可能得满分，或好也不得分）"
        ),
        found,
        "按百分点写评分标准，如「达到指标值得满分，每超过1个百分点扣1分，扣完为止」（增长率越低越好）或「每低于1个百分点扣1分」（越高越好）".into(),
    ))
}

fn fp(field: &'static str, message: String, found: &str, expected: String) -> FieldProblem {
    FieldProblem {
        field,
        message,
        found: found.to_string(),
        expected,
    }
}

fn direction_conflict(words: Direction, op: Op, target: &str) -> String {
    let (better, override_with) = match op.direction() {
        Direction::Positive => ("越高越好", "positive"),
        Direction::Reverse => ("越低越好", "reverse"),
    };
    format!(
        "评分标准的措辞为{}指标，与指标值「{}」（{}，{}）方向相反：按评分标准的措辞计分；如应按指标值计分，请在该指标写 direction = \"{}\"",
        words.chinese(),
        target.trim(),
        op.direction().chinese(),
        better,
        override_with,
    )
}

/// Splits `points` evenly over `n` to the cent, the remainder cents to the first ones:
/// 50 over 7 → 7.15, 7.15, 7.14, 7.14, 7.14, 7.14, 7.14.
pub fn split_evenly(points: Decimal, n: usize) -> Vec<Decimal> {
    if n == 0 {
        return Vec::new();
    }
    let cents = (points * Decimal::ONE_HUNDRED).trunc();
    let count = Decimal::from(n as u64);
    let base = (cents / count).floor();
    let remainder = cents - base * count;
    (0..n)
        .map(|k| {
            let extra = if Decimal::from(k as u64) < remainder {
                Decimal::ONE
            } else {
                Decimal::ZERO
            };
            (base + extra) / Decimal::ONE_HUNDRED
        })
        .map(|d| d.round_dp(2))
        .collect()
}

/// An indicator's place in the weight arithmetic: its group and written weight, as far as they
/// are known (an indicator that failed to load may have neither).
#[derive(Debug, Clone, Copy)]
struct WeightSlot {
    group: Option<Group>,
    written: Option<Decimal>,
    /// Whether `written` is all there is to know (false when the weight is out of range or is
    /// taken from a rule that could not be read).
    known: bool,
}

/// Weights (分值): a written weight wins; the rest of each level-1 group's points is split evenly.
/// Returns each slot's weight; a group or table whose weights cannot be known is not judged.
fn assign_weights(
    path: &Path,
    key: &str,
    slots: &[WeightSlot],
    config: &Config,
    strict: bool,
    lints: &mut Vec<String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Decimal> {
    // For `template`, weights that do not add up are a lint, not an error.
    let mut problems = Vec::new();
    let weights = split_weights(path, key, slots, config, lints, &mut problems);
    if strict {
        diags.extend(problems);
    } else {
        for d in problems {
            lints.push(format!(
                "{}：{}（评分前须改正）",
                d.message,
                d.found.unwrap_or_default()
            ));
        }
    }
    weights
}

fn split_weights(
    path: &Path,
    key: &str,
    slots: &[WeightSlot],
    config: &Config,
    lints: &mut Vec<String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Decimal> {
    let mut weights: Vec<Option<Decimal>> = slots
        .iter()
        .map(|s| s.written.filter(|_| s.known))
        .collect();
    let any_written = slots.iter().any(|s| s.written.is_some());
    for g in Group::ALL {
        let points = config.points(g);
        if points < Decimal::ZERO {
            // Refused where it is written (`[scoring]` or the 一级指标): no share of it here.
            continue;
        }
        let members: Vec<usize> = (0..slots.len())
            .filter(|&k| slots[k].group == Some(g))
            .collect();
        if members.is_empty() {
            if !any_written && slots.iter().all(|s| s.group.is_some()) {
                lints.push(format!(
                    "表中没有{}，其{}分不计，合计按百分制折算",
                    g.chinese(),
                    points
                ));
            }
            continue;
        }
        if members.iter().any(|&k| !slots[k].known) {
            continue;
        }
        let written: Decimal = members.iter().filter_map(|&k| slots[k].written).sum();
        let open: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&k| slots[k].written.is_none())
            .collect();
        if open.is_empty() {
            continue;
        }
        let rest = points - written;
        if rest < Decimal::ZERO {
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Key(key.to_string()),
                    format!("{}已写分值之和超过该组的总分", g.chinese()),
                )
                .found(format!("已写分值合计 {written}"))
                .expected(format!("不超过 {points}")),
            );
            return weights.into_iter().map(Option::unwrap_or_default).collect();
        }
        let shares = split_evenly(rest, open.len());
        for (k, w) in open.into_iter().zip(shares) {
            weights[k] = Some(w);
        }
    }
    // Once a table writes any weight, its weights are the table's own: they must make 100 —
    // when every weight is known.
    if any_written && weights.iter().all(Option::is_some) {
        let written: Decimal = weights.iter().flatten().sum();
        let sum = written + config.budget_points;
        if sum != Decimal::ONE_HUNDRED {
            diags.push(
                Diagnostic::new(
                    path,
                    Location::Key(key.to_string()),
                    "表的分值合计不等于100",
                )
                .found(format!(
                    "指标分值合计 {written} + 预算执行率 {} = {sum}",
                    config.budget_points
                ))
                .expected("各指标分值与预算执行率分值之和为 100"),
            );
        }
    }
    weights.into_iter().map(Option::unwrap_or_default).collect()
}

/// Why a table or indicator name cannot be used, if it cannot: it must survive the actuals file
/// (see `docs/targets-format.md`).
fn name_problem(name: &str, what: &str) -> Option<(String, String)> {
    let name = name.trim();
    if name.starts_with('#') {
        return Some((
            format!("{what}名称以 # 开头：实际完成值文件中以 # 开头的行是注释，这一行填好后会被当作注释跳过"),
            "不以 # 开头的名称（如去掉 #，或改写为全角「＃」）".into(),
        ));
    }
    if name
        .chars()
        .any(|c| crate::text::invisible_name(c).is_some())
    {
        return Some((
            format!("{what}名称中有不可见字符：实际完成值按名称逐字匹配，看不见的字符无法照着填写"),
            "删去不可见字符后的名称".into(),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn national_split_to_the_cent() {
        assert_eq!(
            split_evenly(d("50"), 7),
            ["7.15", "7.15", "7.14", "7.14", "7.14", "7.14", "7.14"].map(d)
        );
        let parts = split_evenly(d("50"), 18);
        assert_eq!(parts.iter().copied().sum::<Decimal>(), d("50"));
        assert_eq!(parts[0], d("2.78"));
        assert_eq!(parts[17], d("2.77"));
        assert_eq!(split_evenly(d("30"), 1), vec![d("30")]);
    }

    fn one_indicator(rule: &str) -> Result<Targets> {
        let text = format!(
            "department = \"d\"\nyear = 2023\n[[table]]\nname = \"t\"\n[[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"数量指标\"\nname = \"次数\"\ntarget = \"≥ 1800 起\"\n{rule}\n"
        );
        parse(Path::new("t.toml"), &text)
    }

    #[test]
    fn a_rule_table_means_what_the_text_means() {
        let text = one_indicator("rule = \"每减少总量10%，扣20%权重分\"").unwrap();
        let table = one_indicator(
            "[table.indicator.rule]\ntext = \"原文\"\nshape = \"step\"\nside = \"short\"\nper = \"10% of target\"\ndeduct = \"20%\"",
        )
        .unwrap();
        let a = &text.tables[0].indicators[0];
        let b = &table.tables[0].indicators[0];
        assert_eq!(a.rule.as_ref().unwrap().rule, b.rule.as_ref().unwrap().rule);
        assert_eq!(b.rule_text.as_deref(), Some("原文"));
        let bands = one_indicator(
            "[table.indicator.rule]\nshape = \"bands\"\nbands = [ { at_least = \"90%\", points = \"5\" }, { below = \"90%\", points = \"0\" } ]",
        )
        .unwrap();
        assert_eq!(
            bands.tables[0].indicators[0]
                .rule
                .as_ref()
                .unwrap()
                .rule
                .to_string(),
            "bands([90%, +inf): 5 points; (-inf, 90%): 0 points) ; full 5"
        );
    }

    #[test]
    fn a_bad_rule_table_names_its_key() {
        let Err(Error::Input(d)) =
            one_indicator("[table.indicator.rule]\nshape = \"step\"\nper = \"1次\"")
        else {
            panic!("accepted")
        };
        assert_eq!(
            d[0].location,
            Location::Key("table #1.indicator #1「次数」.rule.deduct".into())
        );
        let Err(Error::Input(d)) =
            one_indicator("[table.indicator.rule]\nshape = \"step\"\nsteps = 3")
        else {
            panic!("accepted")
        };
        assert!(
            d[0].expected
                .as_deref()
                .unwrap_or("")
                .contains("unknown field `steps`"),
            "{d:?}"
        );
    }

    #[test]
    fn some_weights_written_must_make_100() {
        let text = "department = \"d\"\nyear = 2023\n[[table]]\nname = \"t\"\n\
            [[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"x\"\nname = \"a\"\ntarget = \"1次\"\nweight = 40\n\
            [[table.indicator]]\nlevel1 = \"效益指标\"\nlevel2 = \"x\"\nname = \"b\"\ntarget = \"1次\"\n\
            [[table.indicator]]\nlevel1 = \"满意度指标\"\nlevel2 = \"x\"\nname = \"c\"\ntarget = \"1次\"\n";
        let Err(Error::Input(d)) = parse(Path::new("t.toml"), text) else {
            panic!("accepted")
        };
        assert_eq!(d[0].message, "表的分值合计不等于100");
        assert_eq!(
            d[0].found.as_deref(),
            Some("指标分值合计 80 + 预算执行率 10 = 90")
        );
    }

    #[test]
    fn points_finer_than_a_cent_are_refused() {
        let text = "department = \"d\"\nyear = 2023\n[scoring]\nbudget_points = 10.005\n\
            level1_points = { \"产出指标\" = 49.995, \"效益指标\" = 30, \"满意度指标\" = 10 }\n\
            [[table]]\nname = \"t\"\n[[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"x\"\nname = \"a\"\ntarget = \"1次\"\n";
        let Err(Error::Input(d)) = parse(Path::new("t.toml"), text) else {
            panic!("accepted")
        };
        let keys: Vec<String> = d.iter().map(|d| d.location.to_string()).collect();
        assert!(
            keys.iter().any(|k| k.contains("scoring.budget_points")),
            "{keys:?}"
        );
        assert!(
            keys.iter()
                .any(|k| k.contains("scoring.level1_points.产出指标")),
            "{keys:?}"
        );
        assert!(
            d.iter().all(|d| d.message.starts_with("分数细于0.01分")),
            "{d:?}"
        );
        // Two decimals are points as usual.
        let fine = text.replace("10.005", "10.01").replace("49.995", "49.99");
        assert!(parse(Path::new("t.toml"), &fine).is_ok());
    }

    #[test]
    fn the_budget_rows_name_is_reserved() {
        let text = "department = \"d\"\nyear = 2023\n[[table]]\nname = \"t\"\n[[table.indicator]]\nlevel1 = \"产出指标\"\nlevel2 = \"x\"\nname = \"预算执行率\"\ntarget = \"100%\"\n";
        assert!(parse(Path::new("t.toml"), text).is_err());
    }

    #[test]
    fn percent_targets_above_100_say_they_may_never_be_met() {
        let lints = |target: &str| {
            let text = format!(
                "department = \"d\"\nyear = 2023\n[[table]]\nname = \"t\"\n[[table.indicator]]\n\
                 level1 = \"满意度指标\"\nlevel2 = \"x\"\nname = \"a\"\ntarget = \"{target}\"\n"
            );
            let t = parse(Path::new("t.toml"), &text).unwrap();
            t.tables[0].indicators[0].lints.clone()
        };
        assert!(
            lints("≥120%")[0].contains("要求高于100%"),
            "{:?}",
            lints("≥120%")
        );
        assert!(lints(">100%")[0].contains("要求高于100%"));
        assert!(lints("≥100%")[0].contains("≥只能恰好达到"));
        assert!(lints("≥95%").is_empty());
        // `‹` from a PDF's font is no `<`: read as words, and the lint says which mark it is.
        assert!(
            lints("‹0起")[0].contains("不是小于号「<」"),
            "{:?}",
            lints("‹0起")
        );
        assert!(!lints("全年4次")[0].contains("小于号"));
    }

    #[test]
    fn less_than_nothing_is_refused_unless_the_name_is_a_rate_of_change() {
        let parsed = |name: &str, target: &str| {
            let text = format!(
                "department = \"d\"\nyear = 2023\n[[table]]\nname = \"t\"\n[[table.indicator]]\n\
                 level1 = \"效益指标\"\nlevel2 = \"x\"\nname = \"{name}\"\ntarget = \"{target}\"\n"
            );
            parse(Path::new("t.toml"), &text)
        };
        for (name, target) in [("案件数", "<0起"), ("成本", "<0元"), ("案件发生率", "<0%")]
        {
            let Err(Error::Input(d)) = parsed(name, target) else {
                panic!("{name} {target} accepted")
            };
            assert!(d[0].message.contains("而这个指标不会小于0"), "{d:?}");
        }
        assert!(parsed("能耗下降率", "<0%").is_ok());
        assert!(parsed("案件数", "<1起").is_ok());
    }

    #[test]
    fn level1_words() {
        assert_eq!(Group::parse("效果指标"), Some(Group::Outcome));
        assert_eq!(Group::parse("效益指标"), Some(Group::Outcome));
        assert_eq!(Group::parse("满意度指标"), Some(Group::Satisfaction));
        assert_eq!(Group::parse("其他"), None);
    }
}
