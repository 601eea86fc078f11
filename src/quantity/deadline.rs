//! Deadlines (完成时限): a target that is a month or a date of the year — `12月`, `12月底前`,
//! `≤8月`, `2023年12月31日前`, `第二季度之前`, `每年第二季度之前完成` — and the actuals written
//! against it (`11月`, `2023年11月20日`, `按时`, `推迟2个月`).
//!
//! A deadline is a reverse (≤) numeric target whose unit is [`Unit::Deadline`]: a month target
//! counts in months (12月 is 12; January of the next year is 13), a date target in days of the
//! year (2023年12月31日 is day 365; 2024年1月5日 is day 370). Every scoring rule then works as on
//! any reverse indicator, and the explanation says how early or late (`提前1个月完成`,
//! `按期完成`, `推迟2个月`, `推迟5天`).

use regex::Regex;
use rust_decimal::Decimal;
use std::sync::OnceLock;

use super::{Op, Quantity, TargetValue, Unit, ValueError};

/// A month or a date of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// The year written (`2023年12月31日前`), or the targets file's year once loaded.
    pub year: Option<i32>,
    /// 1 to 12 (a quarter is its last month: 第二季度 → 6).
    pub month: u32,
    /// A date target (`12月31日前`) counts in days; a month target (`12月`) in months.
    pub day: Option<u32>,
    /// The budget year (预算年度) of the targets file, once loaded: an actual dated before it is
    /// refused (`2022年12月` against `12月` in a 2023 file is most likely the wrong year).
    pub budget_year: Option<i32>,
}

/// The year a year-less date is counted in when no year is known: a leap year, so that 2月29日
/// exists. Target and actual are counted in the same year, so the difference is exact.
const NO_YEAR: i32 = 2024;

impl Deadline {
    /// The unit's name as explanations count it: 月 or 日.
    pub fn unit_name(&self) -> &'static str {
        if self.day.is_some() {
            "日"
        } else {
            "月"
        }
    }

    /// How a difference is counted: 个月 or 天.
    pub fn step_name(&self) -> &'static str {
        if self.day.is_some() {
            "天"
        } else {
            "个月"
        }
    }

    /// The deadline as a number: its month, or its day of the year.
    pub fn value(&self) -> Decimal {
        match self.day {
            None => Decimal::from(self.month),
            Some(d) => {
                let y = self.year.unwrap_or(NO_YEAR);
                Decimal::from(days(y, self.month, d) - days(y, 1, 1) + 1)
            }
        }
    }

    /// `12月`, `2023年12月31日`.
    pub fn label(&self) -> String {
        let year = self.year.map(|y| format!("{y}年")).unwrap_or_default();
        match self.day {
            None => format!("{year}{}月", self.month),
            Some(d) => format!("{year}{}月{d}日", self.month),
        }
    }

    /// The month or day `value` on this deadline's scale, as a date: `10月`, `2024年1月5日`,
    /// `次年2月` (a deadline without a year).
    pub fn label_of(&self, value: i64) -> String {
        let base = self.year.unwrap_or(NO_YEAR);
        let (y, m, d) = match self.day {
            None => {
                let m0 = value - 1;
                (
                    i64::from(base) + m0.div_euclid(12),
                    m0.rem_euclid(12) + 1,
                    None,
                )
            }
            Some(_) => {
                let (y, m, d) = civil(days(base, 1, 1) + value - 1);
                (y, m, Some(d))
            }
        };
        let year = match (self.year, y - i64::from(base)) {
            (Some(_), _) => format!("{y}年"),
            (None, 0) => String::new(),
            (None, 1) => "次年".into(),
            (None, -1) => "上年".into(),
            (None, k) if k > 0 => format!("{k}年后的"),
            (None, k) => format!("{}年前的", -k),
        };
        match d {
            None => format!("{year}{m}月"),
            Some(d) => format!("{year}{m}月{d}日"),
        }
    }

    /// The deadline as a target value (≤ its month or day).
    pub fn target(self) -> TargetValue {
        TargetValue::Numeric {
            op: Some(Op::Le),
            quantity: Quantity {
                value: self.value(),
                unit: Unit::Deadline(self),
            },
        }
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn month_len(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// A point in time as written: `2023年11月20日`, `11月`, `2023-11-20`, `第二季度`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct When {
    year: Option<i32>,
    /// The last month of the time: 第三季度 → 9, 上半年 → 6.
    month: u32,
    day: Option<u32>,
    /// The first month when the time spans several months (第三季度 → 7, 上半年 → 1).
    first: Option<u32>,
}

fn when_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:([0-9]{4})年)?([0-9]{1,2})月份?(?:([0-9]{1,2})[日号])?$").expect("regex")
    })
}

fn iso_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^([0-9]{4})[-/]([0-9]{1,2})(?:[-/]([0-9]{1,2}))?$").expect("regex")
    })
}

fn quarter_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^(?:([0-9]{4})年)?第?([一二三四1-4])季度$").expect("regex"))
}

/// Reads the core of a time (`2023年12月31日`, `12月`, `第二季度`, `上半年`, `年底`), checking
/// that it is a real month and date. `Ok(None)`: not a time at all.
fn parse_when(core: &str) -> Result<Option<When>, ValueError> {
    let num = |m: Option<regex::Match>| m.map(|m| m.as_str().parse::<u32>().unwrap_or(0));
    let mut first = None;
    let (year, month, day) =
        if let Some(c) = when_re().captures(core).or_else(|| iso_re().captures(core)) {
            (num(c.get(1)), num(c.get(2)).unwrap_or(0), num(c.get(3)))
        } else if let Some(c) = quarter_re().captures(core) {
            let q = match c.get(2).map_or("", |m| m.as_str()) {
                "一" | "1" => 1,
                "二" | "2" => 2,
                "三" | "3" => 3,
                _ => 4,
            };
            first = Some(q * 3 - 2);
            (num(c.get(1)), q * 3, None)
        } else {
            match core {
                "上半年" => {
                    first = Some(1);
                    (None, 6, None)
                }
                "年底" | "年末" => (None, 12, None),
                _ => return Ok(None),
            }
        };
    if !(1..=12).contains(&month) {
        return Err(ValueError::new(
            format!("「{core}」的月份 {month} 不在 1 到 12 之间"),
            "1 到 12 月，如 12月、2023年12月31日；时长请写「个月」，如 15个月",
        ));
    }
    let year = year.map(|y| y as i32);
    if let Some(d) = day {
        let len = month_len(year.unwrap_or(NO_YEAR), month);
        if d == 0 || d > len {
            return Err(ValueError::new(
                format!("「{core}」不是有效的日期：{month}月没有{d}日"),
                format!("{month}月1日 到 {month}月{len}日 之间的日期"),
            ));
        }
    }
    Ok(Some(When {
        year,
        month,
        day,
        first,
    }))
}

/// Strips the words around a time: `每年`, `于`, `在` before; `完成`, `之前`/`以前`/`前`,
/// `底`/`末` after. Returns the core and whether a `…内` ending was there.
fn strip_time_words(s: &str) -> (&str, bool) {
    let mut s = s;
    for p in ["每年", "已于", "于", "在"] {
        if let Some(r) = s.strip_prefix(p) {
            s = r;
            break;
        }
    }
    for suffix in ["完成", "之前", "以前", "前"] {
        if let Some(r) = s.strip_suffix(suffix) {
            s = r;
        }
    }
    let mut within = false;
    for suffix in ["以内", "之内", "内"] {
        if let Some(r) = s.strip_suffix(suffix) {
            s = r;
            within = true;
            break;
        }
    }
    for suffix in ["底", "末"] {
        if let Some(r) = s.strip_suffix(suffix) {
            if !r.is_empty() && r != "年" {
                s = r;
            }
            break;
        }
    }
    (s, within)
}

/// Reads a deadline target, or `Ok(None)` when the text is not one. `op` is the comparison
/// already split off the text (`≤8月`).
pub fn parse_target(op: Option<Op>, rest: &str) -> Result<Option<TargetValue>, ValueError> {
    let (core, within) = strip_time_words(rest);
    let Some(when) = parse_when(core)? else {
        return Ok(None);
    };
    if within && when.day.is_none() {
        return Err(ValueError::new(
            format!(
                "「{rest}」可以读作「{core}底前」，也可以读作「{}个月以内」",
                when.month
            ),
            format!("完成期限写「{core}底前」；时长写「{}个月内」", when.month),
        ));
    }
    match op {
        None | Some(Op::Le) | Some(Op::Eq) => {}
        Some(op) => {
            return Err(ValueError::new(
                format!(
                    "「{}{rest}」：月份或日期前的比较符号「{}」读不通",
                    op.symbol(),
                    op.symbol()
                ),
                format!(
                    "完成期限写「≤{core}」或「{core}底前」；时长写「{}{}个月」",
                    op.symbol(),
                    when.month
                ),
            ))
        }
    }
    Ok(Some(
        Deadline {
            year: when.year,
            month: when.month,
            day: when.day,
            budget_year: None,
        }
        .target(),
    ))
}

/// Words that say a deadline was met without saying when.
const ON_TIME: &[&str] = &["按时", "按期", "如期", "准时", "提前完成", "提前"];
/// Words that say it was missed without saying by how much.
const LATE: &[&str] = &[
    "未按时",
    "未按期",
    "未如期",
    "没有按时",
    "没有按期",
    "推迟",
    "延期",
    "延迟",
    "逾期",
    "超期",
    "滞后",
];

/// A small count in Chinese numerals at the start of `s` (`两个月` → 2, `十二天` → 12, `二十五天`
/// → 25), and what follows it.
fn chinese_count(s: &str) -> Option<(u32, &str)> {
    let end = s
        .char_indices()
        .find(|(_, c)| crate::text::chinese_digit(*c).is_none())
        .map_or(s.len(), |(i, _)| i);
    let digits: Vec<u32> = s[..end]
        .chars()
        .filter_map(crate::text::chinese_digit)
        .collect();
    let n = match digits.as_slice() {
        [d] => *d,
        [10, d] if *d < 10 => 10 + d,
        [t, 10] if (1..10).contains(t) => t * 10,
        [t, 10, d] if (1..10).contains(t) && *d < 10 => t * 10 + d,
        _ => return None,
    };
    Some((n, &s[end..]))
}

/// A year-less actual against a deadline in another year than the budget year (`12月` against
/// `2024年3月底前` in a 2023 file): 2023年12月 (early) by the budget year, 2024年12月 (late) by the
/// deadline's. It was read in the deadline's year, silently.
fn other_year(s: &str, d: &Deadline) -> Option<ValueError> {
    let (Some(deadline), Some(budget)) = (d.year, d.budget_year) else {
        return None;
    };
    (deadline != budget).then(|| {
        ValueError::new(
            format!(
                "「{s}」没有写年份，而期限「{}」在{deadline}年、预算年度是{budget}年：不知道是哪一年",
                d.label()
            ),
            format!("写明年份，如「{budget}年{s}」或「{deadline}年{s}」"),
        )
    })
}

/// What an actual says against a deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineActual {
    /// When it was done, as a number on the deadline's scale, and how to show it. A stretch
    /// of time (`第三季度`, a month against a date) is at its end; `from` is its start.
    At {
        value: Decimal,
        shown: String,
        from: Option<Decimal>,
    },
    /// 按时 / 推迟 without a time.
    Stated { met: bool },
}

/// Reads an actual against a deadline: a month, a date, `推迟2个月`/`提前5天`, or `按时`/`推迟`.
/// `Ok(None)`: none of these (the caller tries a judgement such as 完成).
pub fn read_actual(s: &str, d: &Deadline) -> Result<Option<DeadlineActual>, ValueError> {
    let t = d.value();
    // `推迟2个月`, `延期5天`, `提前1个月完成`.
    for (words, sign) in [(LATE, 1i64), (&["提前"][..], -1i64)] {
        for w in words {
            let Some(rest) = s.strip_prefix(w) else {
                continue;
            };
            let rest = rest.trim_end_matches("完成");
            // `推迟两个月`, `提前十天`: the count in Chinese numerals.
            let spelt = chinese_count(rest).map(|(n, unit)| format!("{n}{unit}"));
            let rest = spelt.as_deref().unwrap_or(rest);
            let Some((n, unit)) = super::parse_number(rest)? else {
                continue;
            };
            let in_months = matches!(unit, "个月" | "月");
            let in_days = matches!(unit, "天" | "日");
            let fits = if d.day.is_some() { in_days } else { in_months };
            if !fits || n < Decimal::ZERO || n.fract() != Decimal::ZERO {
                return Err(ValueError::new(
                    format!(
                        "「{s}」无法换算到期限「{}」（按{}计）",
                        d.label(),
                        d.step_name()
                    ),
                    format!(
                        "完成的{}，如「{}」；或「{w}N{}」",
                        if d.day.is_some() { "日期" } else { "月份" },
                        d.label(),
                        d.step_name()
                    ),
                ));
            }
            let value = t + n * Decimal::from(sign);
            let at = i64::try_from(value)
                .map(|v| d.label_of(v))
                .unwrap_or_default();
            return Ok(Some(DeadlineActual::At {
                value,
                shown: format!("{at}（{s}）"),
                from: None,
            }));
        }
    }
    // `推迟`, `按时完成`: the word alone (or with 完成). More words after it (`推迟了1个月`,
    // `按期完成90%`, `提前启动，推迟2个月完成`) say something the word alone does not: they
    // were read by the word, 推迟了1个月 as 0 points and 按期完成90% as full marks.
    for (words, met) in [(LATE, false), (ON_TIME, true)] {
        if let Some(w) = words.iter().find(|w| s.starts_with(**w)) {
            let rest = s[w.len()..].trim_end_matches(['。', '.']);
            if ["", "完成", "完工", "办结", "完成任务"].contains(&rest) {
                return Ok(Some(DeadlineActual::Stated { met }));
            }
            return Err(ValueError::new(
                format!("「{s}」在「{w}」后面还写了「{rest}」，读不出完成的时间"),
                format!(
                    "完成的{}（如「{}」），或「推迟N{}」「提前N{}」，或只写「按时完成」「推迟」",
                    if d.day.is_some() { "日期" } else { "月份" },
                    d.label(),
                    d.step_name(),
                    d.step_name()
                ),
            ));
        }
    }
    // A bare month number against a month target: `11`.
    if d.day.is_none() {
        if let Ok(Some((n, ""))) = super::parse_number(s) {
            // `1` against `12月`: this January or next, as `1月` is.
            if n.fract() == Decimal::ZERO && n >= Decimal::ONE && n <= Decimal::from(3) && n < t {
                return read_actual(&format!("{n}月"), d);
            }
            if n.fract() == Decimal::ZERO && n >= Decimal::ONE && n <= Decimal::from(12) {
                if let Some(e) = other_year(&format!("{}月", n.normalize()), d) {
                    return Err(e);
                }
                return Ok(Some(DeadlineActual::At {
                    value: n,
                    shown: format!("{}月", n.normalize()),
                    from: None,
                }));
            }
            return Err(ValueError::new(
                format!("「{s}」不是 1 到 12 的月份"),
                format!(
                    "完成的月份，如「{}」；次年完成的写年份，如「2024年1月」",
                    d.label()
                ),
            ));
        }
    }
    let (core, _) = strip_time_words(s);
    let Some(when) = parse_when(core)? else {
        if super::parse_number(s)?.is_some() {
            return Err(ValueError::new(
                format!("期限「{}」的实际完成值应为日期，「{s}」不是", d.label()),
                format!("完成日期，如「{}」「2023年11月20日」", d.label()),
            ));
        }
        return Ok(None);
    };
    if when.year.is_none() {
        if let Some(e) = other_year(s, d) {
            return Err(e);
        }
    }
    let offset = match (when.year, d.year) {
        (None, _) => 0,
        (Some(a), Some(b)) => a - b,
        (Some(_), None) => {
            return Err(ValueError::new(
                format!(
                    "期限「{}」没有写年份，无法与写了年份的「{s}」比较",
                    d.label()
                ),
                format!(
                    "只写月份或日期（如「{}」），或在指标值中写明年份（如「2023年{}」）",
                    d.label(),
                    d.label()
                ),
            ))
        }
    };
    if let (Some(a), Some(b)) = (when.year, d.budget_year) {
        if a < b {
            let date = when_label(&When { year: None, ..when });
            return Err(ValueError::new(
                format!(
                    "「{s}」在预算年度{b}年之前：{b}年度的指标不会在{a}年完成（年份是否写错？）"
                ),
                format!("{b}年或以后的日期，如「{b}年{date}」，或只写「{date}」（即{b}年）"),
            ));
        }
    }
    let base = d.year.unwrap_or(NO_YEAR);
    // The actual on the deadline's scale, read `offset` years after the deadline's year. A month
    // against a date target, and a quarter or half-year, count at their last day or month.
    let value_in = |offset: i32| -> Result<i64, ValueError> {
        let year = base + offset;
        if let Some(day) = when.day {
            let len = month_len(year, when.month);
            if day > len {
                return Err(ValueError::new(
                    format!("「{s}」不是有效的日期：{year}年{}月没有{day}日", when.month),
                    format!("{}月1日 到 {}月{len}日 之间的日期", when.month, when.month),
                ));
            }
        }
        Ok(match (d.day, when.day) {
            (None, _) => i64::from(offset) * 12 + i64::from(when.month),
            (Some(_), Some(day)) => days(year, when.month, day) - days(base, 1, 1) + 1,
            (Some(_), None) => {
                days(year, when.month, month_len(year, when.month)) - days(base, 1, 1) + 1
            }
        })
    };
    let value = value_in(offset)?;
    let target = i64::try_from(t).unwrap_or(i64::MAX);
    // A January to March without a year, before the deadline: this year's (early) or next
    // year's (late, as a year-end evaluation may report), when next year's is as close.
    if when.year.is_none() && when.month <= 3 && value < target {
        let next = value_in(offset + 1)?;
        if next - target <= target - value {
            let this_year = match when.first {
                Some(_) => core.to_string(),
                None => when_label(&when),
            };
            let next_year = format!("{}年{this_year}", base + 1);
            let step = d.step_name();
            let expected = match d.year {
                Some(y) => format!("写明年份：「{y}年{this_year}」或「{next_year}」",),
                None => format!(
                    "「提前{}{step}」或「推迟{}{step}」",
                    target - value,
                    next - target
                ),
            };
            return Err(ValueError::new(
                format!(
                    "「{s}」没有写年份：可读作本年{this_year}（提前{}{step}完成），也可读作次年{this_year}（推迟{}{step}）",
                    target - value,
                    next - target
                ),
                expected,
            ));
        }
    }
    // A stretch: a quarter or half-year, or a month against a date target; from its start.
    let first = when.first.unwrap_or(when.month);
    let from = match (d.day, when.day) {
        (None, _) => when.first.map(|f| i64::from(offset) * 12 + i64::from(f)),
        (Some(_), Some(_)) => None,
        (Some(_), None) => Some(days(base + offset, first, 1) - days(base, 1, 1) + 1),
    };
    let shown = if when.first.is_some() {
        core.to_string()
    } else {
        when_label(&when)
    };
    Ok(Some(DeadlineActual::At {
        value: Decimal::from(value),
        shown,
        from: from.map(Decimal::from),
    }))
}

fn when_label(w: &When) -> String {
    let year = w.year.map(|y| format!("{y}年")).unwrap_or_default();
    match w.day {
        None => format!("{year}{}月", w.month),
        Some(d) => format!("{year}{}月{d}日", w.month),
    }
}

/// How early or late, for the explanation: `提前1个月完成`, `按期完成`, `推迟2个月`, `推迟5天`.
pub fn note(d: &Deadline, actual: Decimal, target: Decimal) -> String {
    let diff = (target - actual).normalize();
    if diff.is_zero() {
        "按期完成".into()
    } else if diff > Decimal::ZERO {
        format!("提前{diff}{}完成", d.step_name())
    } else {
        format!("推迟{}{}", -diff, d.step_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(s: &str) -> Deadline {
        let (op, rest) = crate::quantity::split_op(s);
        match parse_target(op, rest).unwrap() {
            Some(TargetValue::Numeric {
                op: Some(Op::Le),
                quantity:
                    Quantity {
                        unit: Unit::Deadline(d),
                        ..
                    },
            }) => d,
            other => panic!("{s}: {other:?}"),
        }
    }

    fn at(s: &str, d: &Deadline) -> Decimal {
        match read_actual(s, d).unwrap() {
            Some(DeadlineActual::At { value, .. }) => value,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn deadline_targets() {
        for (text, month) in [
            ("12月", 12),
            ("12月底前", 12),
            ("12月前", 12),
            ("≤8月", 8),
            ("第二季度之前", 6),
            ("每年第二季度之前完成", 6),
            ("6月底前完成", 6),
            ("上半年", 6),
        ] {
            let d = target(text);
            assert_eq!((d.month, d.day), (month, None), "{text}");
            assert_eq!(d.value(), Decimal::from(month), "{text}");
        }
        let d = target("2023年12月31日前");
        assert_eq!((d.year, d.month, d.day), (Some(2023), 12, Some(31)));
        assert_eq!(d.value(), Decimal::from(365));
        assert_eq!(d.label(), "2023年12月31日");
        assert!(parse_target(None, "12个月").unwrap().is_none());
        assert!(parse_target(None, "12月内").is_err());
        assert!(parse_target(None, "13月").is_err());
        assert!(parse_target(None, "2月30日前").is_err());
        assert!(parse_target(Some(Op::Ge), "6月").is_err());
    }

    #[test]
    fn deadline_actuals() {
        let m = target("12月");
        assert_eq!(at("11月", &m), Decimal::from(11));
        assert_eq!(at("11", &m), Decimal::from(11));
        assert_eq!(at("11月20日", &m), Decimal::from(11));
        assert_eq!(at("推迟2个月", &m), Decimal::from(14));
        assert_eq!(at("推迟两个月", &m), Decimal::from(14));
        assert_eq!(at("提前一个月完成", &m), Decimal::from(11));
        assert_eq!(at("推迟十二个月", &m), Decimal::from(24));
        assert_eq!(chinese_count("二十五天"), Some((25, "天")));
        assert_eq!(chinese_count("十天"), Some((10, "天")));
        assert_eq!(chinese_count("一二天"), None);
        assert_eq!(at("提前1个月完成", &m), Decimal::from(11));
        assert!(
            read_actual("2024年1月", &m).is_err(),
            "no year to count from"
        );
        assert!(read_actual("推迟5天", &m).is_err());
        assert!(read_actual("45250", &m).is_err());
        assert_eq!(
            read_actual("按时完成", &m).unwrap(),
            Some(DeadlineActual::Stated { met: true })
        );
        assert_eq!(
            read_actual("未按时完成", &m).unwrap(),
            Some(DeadlineActual::Stated { met: false })
        );
        let mut y = m;
        y.year = Some(2023);
        assert_eq!(at("2024年1月", &y), Decimal::from(13));
        assert_eq!(at("2023年7月", &y), Decimal::from(7));
        let date = target("2023年12月31日前");
        assert_eq!(at("2024年1月5日", &date), Decimal::from(370));
        assert_eq!(at("2023-11-20", &date), Decimal::from(324));
        assert_eq!(at("11月", &date), Decimal::from(334));
        assert!(read_actual("12", &date).is_err());
        assert_eq!(
            note(&date, Decimal::from(370), Decimal::from(365)),
            "推迟5天"
        );
        assert_eq!(
            note(&m, Decimal::from(11), Decimal::from(12)),
            "提前1个月完成"
        );
        assert_eq!(note(&m, Decimal::from(12), Decimal::from(12)), "按期完成");
        assert_eq!(date.label_of(370), "2024年1月5日");
        assert_eq!(date.label_of(60), "2023年3月1日"); // 2023 is not a leap year
        assert_eq!(y.label_of(13), "2024年1月");
        assert_eq!(m.label_of(10), "10月");
        assert_eq!(m.label_of(14), "次年2月");
        // A quarter or half-year is a stretch: at its last month, from its first (whether
        // every month of it scores the same is the scorer's check).
        let mut aug = target("8月");
        aug.year = Some(2023);
        let stretch = |text: &str, d: &Deadline| match read_actual(text, d).unwrap() {
            Some(DeadlineActual::At {
                value,
                shown,
                from: Some(from),
            }) => (from, value, shown),
            other => panic!("{text}: {other:?}"),
        };
        let n = |v: i64| Decimal::from(v);
        assert_eq!(stretch("第二季度", &aug), (n(4), n(6), "第二季度".into()));
        assert_eq!(stretch("第三季度", &aug), (n(7), n(9), "第三季度".into()));
        assert_eq!(
            stretch("2023年第四季度", &aug),
            (n(10), n(12), "2023年第四季度".into())
        );
        assert_eq!(
            stretch("2024年第一季度", &aug),
            (n(13), n(15), "2024年第一季度".into())
        );
        assert_eq!(stretch("上半年", &aug), (n(1), n(6), "上半年".into()));
        // A month against a date target: from its first day to its last (2023: Nov 1 is day 305).
        assert_eq!(stretch("11月", &date), (n(305), n(334), "11月".into()));
        assert_eq!(
            stretch("2023年第一季度", &date),
            (n(1), n(90), "2023年第一季度".into())
        );
        // January to March without a year before a late deadline: this year's or next year's.
        for (text, early, late) in [("1月", 11, 1), ("3月", 9, 3), ("2月10日", 10, 2)] {
            let e = read_actual(text, &y).unwrap_err();
            assert!(
                e.message.contains(&format!("提前{early}个月完成"))
                    && e.message.contains(&format!("推迟{late}个月")),
                "{text}: {e:?}"
            );
            assert!(e.expected.contains("2024年"), "{text}: {e:?}");
        }
        assert_eq!(at("2023年1月", &y), Decimal::from(1));
        assert_eq!(at("4月", &y), Decimal::from(4));
        let mut jun = target("6月");
        jun.year = Some(2023);
        assert_eq!(
            at("1月", &jun),
            Decimal::from(1),
            "next January is 7 months late"
        );
        assert!(read_actual("1月5日", &date).is_err());
        assert_eq!(at("2023年1月5日", &date), Decimal::from(5));
        assert!(
            read_actual("2月29日", &date).is_err(),
            "2023 has no 2月29日"
        );
        match read_actual("推迟2个月", &m).unwrap() {
            Some(DeadlineActual::At { shown, .. }) => assert_eq!(shown, "次年2月（推迟2个月）"),
            other => panic!("{other:?}"),
        }
    }
}
