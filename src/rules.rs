//! The rule language (评(扣)分标准): a rule text as written in a disclosure, read clause by clause
//! into a typed [`Rule`].
//!
//! A rule text is split into clauses at `，,；;。`; each clause must be recognised by one of the
//! clause shapes below, or the whole rule is an error naming the clause and its character position.
//! The clauses are then assembled into one rule:
//!
//! | clauses | rule |
//! | --- | --- |
//! | `发生…不得分` | [`Rule::Veto`] |
//! | `每减少1次` / `每减少总量10%` / `每增加1%` + `扣20%权重分` / `扣0.5分` | [`Rule::Step`] |
//! | `…得满分` + `否则不得分` | [`Rule::AllOrNothing`] |
//! | `按完成比例计分` | [`Rule::Proportional`] (the default method) |

use regex::Regex;
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use crate::quantity::{plain, Direction};
use crate::text::{char_pos, chinese_digit, to_half_width};

/// A scoring rule, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// 全有或全无: target met → the whole weight, otherwise 0.
    AllOrNothing,
    /// 一票否决: the event happened → 0, otherwise the whole weight.
    Veto,
    /// 按完成比例计分: the national default method for the indicator's direction.
    Proportional,
    /// 按档扣分: a deduction per step of deviation from the target.
    Step(Step),
}

/// Which side of the target a step counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// 减少/降低/低于/少: shortfall below the target (the indicator is positive).
    Short,
    /// 增加/超过/超出/高于/多: excess above the target (the indicator is reverse).
    Over,
    /// No side written (`每1%扣2分`): the deviation on the indicator's worse side.
    Worse,
}

impl Side {
    /// The direction the side's words imply, if they say one.
    pub fn direction(self) -> Option<Direction> {
        match self {
            Side::Short => Some(Direction::Positive),
            Side::Over => Some(Direction::Reverse),
            Side::Worse => None,
        }
    }

    /// The side for an indicator of `direction`.
    pub fn resolve(self, direction: Direction) -> Side {
        match (self, direction) {
            (Side::Worse, Direction::Positive) => Side::Short,
            (Side::Worse, Direction::Reverse) => Side::Over,
            (side, _) => side,
        }
    }
}

/// What one step measures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Measure {
    /// In the indicator's own unit (`每减少1次`, `每超过一个百分点`).
    Units(String),
    /// A percent of the target value (`每减少总量10%`, `每减少指标值10%`): relative deviation.
    OfTarget,
    /// A bare percent (`每减少10%`): percentage points on a percent indicator, relative otherwise.
    Percent,
}

/// How much one step deducts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deduct {
    /// 扣0.5分: points.
    Points(Decimal),
    /// 扣20%权重分 / 扣除分值50% / 扣减权重分的10%: percent of the weight.
    ShareOfWeight(Decimal),
}

/// How part steps count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// 每 read literally: only whole steps deduct.
    Whole,
    /// 不满…按…计算: a part step counts as a whole one.
    RoundUp,
    /// 按比例: steps are fractional.
    Proportional,
}

/// A step deduction: `per` `size` of deviation on `side`, deduct `deduct`, counted by `counting`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub side: Side,
    pub size: Decimal,
    pub measure: Measure,
    pub deduct: Deduct,
    pub counting: Counting,
}

/// A parsed rule with what the parser noticed about its wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRule {
    pub rule: Rule,
    /// The direction the rule's words imply (`每减少` → positive, `每增加` → reverse,
    /// `达到或超过目标` → positive), if any.
    pub direction: Option<Direction>,
    /// The clauses that make the deduction, joined, for explanations (`每减少总量10%扣20%权重分`).
    pub step_text: String,
    /// Oddities of the wording: a repeated fragment, a rule that only says when full marks are given.
    pub lints: Vec<String>,
}

/// A rule text that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The clause not understood.
    pub fragment: String,
    /// Its 1-based character position in the rule text.
    pub position: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: 第{}字起「{}」",
            self.message, self.position, self.fragment
        )
    }
}

/// The shapes the parser knows, for error messages.
pub const KNOWN_SHAPES: &str = "达到目标值得满分，否则不得分 | 发生…事件不得分 | \
每减少1次扣50%权重分 | 每减少总量10%，扣20%权重分 | 每增加1%，扣20%权重分 | \
每降低10%，按比例扣减权重分的10%，扣完为止 | 每1%扣2分，不满1%按1%计算 | 按完成比例计分";

impl fmt::Display for Rule {
    /// The canonical form (规范形式), shown by `jixiao check`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::AllOrNothing => write!(f, "all-or-nothing"),
            Rule::Veto => write!(f, "veto"),
            Rule::Proportional => write!(f, "proportional"),
            Rule::Step(s) => {
                let side = match s.side {
                    Side::Short => "short",
                    Side::Over => "over",
                    Side::Worse => "worse",
                };
                let size = match &s.measure {
                    Measure::Units(unit) => format!("{}{}", plain(s.size), unit),
                    Measure::OfTarget => format!("{}% of target", plain(s.size)),
                    Measure::Percent => format!("{}%", plain(s.size)),
                };
                let deduct = match s.deduct {
                    Deduct::Points(p) => format!("-{} points", plain(p)),
                    Deduct::ShareOfWeight(p) => format!("-{}% of weight", plain(p)),
                };
                let counting = match s.counting {
                    Counting::Whole => "whole steps",
                    Counting::RoundUp => "part steps round up",
                    Counting::Proportional => "proportional",
                };
                write!(f, "step({side}, {size}, {deduct}, {counting})")
            }
        }
    }
}

/// One clause, recognised.
#[derive(Debug, Clone, PartialEq)]
enum Clause {
    /// `…得满分`, `达到或超过目标`, `得权重分的100%`.
    FullMarks(Option<Direction>),
    /// `否则不得分`, `不得分` after a condition.
    Zero,
    /// `发生…不得分`.
    Veto,
    /// `发生…` (its `不得分` follows in the next clause).
    Event,
    /// `每减少1次` (maybe with its deduction).
    Step {
        side: Side,
        size: Decimal,
        measure: Measure,
        deduct: Option<Deduct>,
        proportional: bool,
    },
    /// `扣20%权重分`, `按比例扣减权重分的10%`.
    Deduct { deduct: Deduct, proportional: bool },
    /// `扣完为止`.
    Floor,
    /// `不满1%按1%计算`.
    RoundUp,
    /// `按比例`.
    ProportionalSteps,
    /// `按完成比例计分`.
    ProportionalRule,
    /// A bare `10%` that repeats the step before it.
    Repeat(String),
    /// A condition before `不得分`: `大于目标值`, `未达到目标值`.
    Condition,
}

static NUM: &str = r"(\d+(?:\.\d+)?|[一二两三四五六七八九十])";

static STEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^每(?P<side>减少|降低|下降|低于|少于|少|缺少|缺|增加|超过|超出|高于|多于|多|上升|提高)?(?P<of>总量|指标值|目标值|年度目标值|目标|计划数|计划值)?的?{NUM}(?P<unit>个百分点|百分点|%|[^\d扣按]{{0,3}}?)(?P<rest>(?:按比例)?扣.*)?$"
    ))
    .expect("step pattern")
});

static DEDUCT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<prop>按比例)?扣(?:除|减)?(?:(?:权重分|分值|权重)的?(?P<a>\d+(?:\.\d+)?)%|(?P<b>\d+(?:\.\d+)?)%的?(?:权重分|分值|权重)?|(?P<c>\d+(?:\.\d+)?)分)$",
    )
    .expect("deduct pattern")
});

static ROUND_UP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^不(?:满|足|到)[^按]*按[^计]*计(?:算)?$").expect("round-up pattern"));

static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:大于|小于|低于|高于|超过|超出|未达到|未完成|没有达到|达不到)(?:年度)?(?:目标值|指标值|目标|计划)$")
        .expect("condition pattern")
});

fn number(s: &str) -> Decimal {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if chinese_digit(c).is_some() => {
            Decimal::from(chinese_digit(c).unwrap_or(0))
        }
        _ => Decimal::from_str(s).unwrap_or_default(),
    }
}

fn is_zero(c: &str) -> bool {
    ["不得分", "得0分", "0分", "不计分", "扣除全部分值", "扣全部分值", "扣完全部分值"]
        .iter()
        .any(|z| c.ends_with(z))
}

fn full_marks_direction(c: &str) -> Option<Direction> {
    if ["达到或超过", "超过目标", "不低于", "大于或等于", "大于等于"]
        .iter()
        .any(|w| c.contains(w))
    {
        Some(Direction::Positive)
    } else if ["小于或等于", "小于等于", "不超过", "不高于", "低于或等于"]
        .iter()
        .any(|w| c.contains(w))
    {
        Some(Direction::Reverse)
    } else {
        None
    }
}

fn parse_deduct(caps: &regex::Captures) -> Deduct {
    if let Some(m) = caps.name("a").or(caps.name("b")) {
        Deduct::ShareOfWeight(number(m.as_str()))
    } else {
        Deduct::Points(caps.name("c").map(|m| number(m.as_str())).unwrap_or_default())
    }
}

fn classify(c: &str, previous_step: Option<&str>) -> Option<Clause> {
    if ["扣完为止", "扣完即止", "直至扣完", "扣完为止。", "最低为0分", "最低0分", "减至0分为止"]
        .contains(&c)
    {
        return Some(Clause::Floor);
    }
    if c == "按比例" {
        return Some(Clause::ProportionalSteps);
    }
    if ["按完成比例计分", "按比例计分", "按完成比例计算得分", "未完成按比例扣分", "满分为止", "按完成比例得分"]
        .contains(&c)
    {
        return Some(Clause::ProportionalRule);
    }
    if let Some(caps) = STEP.captures(c) {
        let side = match caps.name("side").map(|m| m.as_str()) {
            Some("增加" | "超过" | "超出" | "高于" | "多于" | "多" | "上升" | "提高") => Side::Over,
            Some(_) => Side::Short,
            None => Side::Worse,
        };
        let size = number(&caps[3]);
        let unit = caps.name("unit").map_or("", |m| m.as_str());
        let measure = if caps.name("of").is_some() {
            Measure::OfTarget
        } else if unit == "%" {
            Measure::Percent
        } else if unit.contains("百分点") {
            Measure::Units("个百分点".into())
        } else {
            Measure::Units(unit.to_string())
        };
        let rest = caps.name("rest").map_or("", |m| m.as_str());
        let (deduct, proportional) = if rest.is_empty() {
            (None, false)
        } else {
            let d = DEDUCT.captures(rest)?;
            (Some(parse_deduct(&d)), d.name("prop").is_some())
        };
        return Some(Clause::Step {
            side,
            size,
            measure,
            deduct,
            proportional,
        });
    }
    if let Some(d) = DEDUCT.captures(c) {
        return Some(Clause::Deduct {
            deduct: parse_deduct(&d),
            proportional: d.name("prop").is_some(),
        });
    }
    if ROUND_UP.is_match(c) {
        return Some(Clause::RoundUp);
    }
    if let Some(prev) = previous_step {
        if prev.ends_with(c) && c.ends_with('%') && c.trim_end_matches('%').parse::<Decimal>().is_ok() {
            return Some(Clause::Repeat(c.to_string()));
        }
    }
    if c.starts_with("发生") || c.starts_with("出现") {
        return Some(if is_zero(c) { Clause::Veto } else { Clause::Event });
    }
    if is_zero(c) {
        return Some(Clause::Zero);
    }
    if CONDITION.is_match(c) {
        return Some(Clause::Condition);
    }
    if c.contains("得满分")
        || c.contains("得全分")
        || c.ends_with("得权重分的100%")
        || c.ends_with("得100%权重分")
        || c.ends_with("得全部分值")
    {
        return Some(Clause::FullMarks(full_marks_direction(c)));
    }
    if ["达到", "完成", "实现"].iter().any(|w| c.starts_with(w))
        && ["目标", "指标", "计划"].iter().any(|w| c.contains(w))
    {
        return Some(Clause::FullMarks(full_marks_direction(c)));
    }
    None
}

/// Splits at clause punctuation, keeping each clause's byte offset; a `.` between digits is a
/// decimal point, not a full stop.
fn clauses(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let decimal_point = c == '.'
            && k > 0
            && chars[k - 1].1.is_ascii_digit()
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_ascii_digit());
        if matches!(c, ',' | ';' | '。' | '.' | '!' | '！') && !decimal_point {
            out.push((start, &s[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push((start, &s[start..]));
    out.into_iter().filter(|(_, c)| !c.is_empty()).collect()
}

/// Reads a rule text (评(扣)分标准).
pub fn parse(text: &str) -> Result<ParsedRule, RuleError> {
    // Normalise: half-width, no spaces, `一个` → `1个`. Positions map back to the original text
    // through `original_pos`, which counts only the characters kept.
    let half = to_half_width(text);
    let mut kept = String::new();
    let mut origin = Vec::new(); // for each kept char, its 1-based position in `text`
    for (n, c) in half.chars().enumerate() {
        if !c.is_whitespace() {
            kept.push(c);
            origin.push(n + 1);
        }
    }
    let at = |byte: usize| origin.get(char_pos(&kept, byte)).copied().unwrap_or(1);

    let mut found: Vec<(usize, String, Clause)> = Vec::new();
    let mut lints = Vec::new();
    let mut last_step_text: Option<String> = None;
    for (offset, clause) in clauses(&kept) {
        let Some(kind) = classify(clause, last_step_text.as_deref()) else {
            return Err(RuleError {
                fragment: clause.to_string(),
                position: at(offset),
                message: "无法理解的评分条款".into(),
            });
        };
        if let Clause::Repeat(text) = &kind {
            lints.push(format!("评分标准中「{text}」重复出现，已忽略重复的部分"));
        }
        if matches!(kind, Clause::Step { .. }) {
            last_step_text = Some(clause.to_string());
        }
        found.push((offset, clause.to_string(), kind));
    }
    if found.is_empty() {
        return Err(RuleError {
            fragment: String::new(),
            position: 1,
            message: "评分标准为空".into(),
        });
    }
    assemble(found, lints, &at)
}

fn assemble(
    found: Vec<(usize, String, Clause)>,
    mut lints: Vec<String>,
    at: &dyn Fn(usize) -> usize,
) -> Result<ParsedRule, RuleError> {
    let mut direction = None;
    let mut step: Option<(usize, Step, String)> = None;
    let mut zero = false;
    let mut veto = false;
    let mut event = false;
    let mut full = false;
    let mut proportional_rule = false;
    let mut round_up = false;
    let mut proportional_steps = false;
    let mut pending_deduct: Option<(Deduct, bool, String)> = None;

    for (offset, text, clause) in &found {
        match clause {
            Clause::FullMarks(d) => {
                full = true;
                direction = direction.or(*d);
            }
            Clause::Zero if event => veto = true,
            Clause::Zero => zero = true,
            Clause::Veto => veto = true,
            Clause::Event => event = true,
            Clause::Condition | Clause::Floor | Clause::Repeat(_) => {}
            Clause::RoundUp => round_up = true,
            Clause::ProportionalSteps => proportional_steps = true,
            Clause::ProportionalRule => proportional_rule = true,
            Clause::Step {
                side,
                size,
                measure,
                deduct,
                proportional,
            } => {
                if step.is_some() {
                    return Err(RuleError {
                        fragment: text.clone(),
                        position: at(*offset),
                        message: "一条评分标准中只能有一个「每…扣…」条款".into(),
                    });
                }
                proportional_steps |= *proportional;
                let deduct = deduct.unwrap_or(Deduct::Points(Decimal::ZERO));
                step = Some((
                    *offset,
                    Step {
                        side: *side,
                        size: *size,
                        measure: measure.clone(),
                        deduct,
                        counting: Counting::Whole,
                    },
                    text.clone(),
                ));
                if deduct != Deduct::Points(Decimal::ZERO) {
                    pending_deduct = Some((deduct, false, String::new()));
                }
            }
            Clause::Deduct {
                deduct,
                proportional,
            } => {
                proportional_steps |= *proportional;
                if let Some((_, s, step_text)) = step.as_mut() {
                    if pending_deduct.is_none() {
                        s.deduct = *deduct;
                        step_text.push_str(text);
                        pending_deduct = Some((*deduct, *proportional, text.clone()));
                        continue;
                    }
                }
                return Err(RuleError {
                    fragment: text.clone(),
                    position: at(*offset),
                    message: "扣分条款前没有「每…」条款".into(),
                });
            }
        }
    }

    if veto {
        return Ok(ParsedRule {
            rule: Rule::Veto,
            direction,
            step_text: String::new(),
            lints,
        });
    }
    if let Some((offset, mut s, text)) = step {
        if pending_deduct.is_none() {
            return Err(RuleError {
                fragment: text,
                position: at(offset),
                message: "「每…」条款后没有写扣多少分".into(),
            });
        }
        s.counting = if round_up {
            Counting::RoundUp
        } else if proportional_steps {
            Counting::Proportional
        } else {
            Counting::Whole
        };
        let words = s.side.direction();
        if let (Some(d), Some(w)) = (direction, words) {
            if d != w {
                lints.push(format!(
                    "评分标准自相矛盾：满分条件为{}，扣分条款为{}",
                    d.chinese(),
                    w.chinese()
                ));
            }
        }
        return Ok(ParsedRule {
            rule: Rule::Step(s),
            direction: words.or(direction),
            step_text: text,
            lints,
        });
    }
    if zero {
        return Ok(ParsedRule {
            rule: Rule::AllOrNothing,
            direction,
            step_text: String::new(),
            lints,
        });
    }
    if proportional_rule {
        return Ok(ParsedRule {
            rule: Rule::Proportional,
            direction,
            step_text: String::new(),
            lints,
        });
    }
    if full {
        lints.push("评分标准只写了得满分的条件，未达到时按不得分处理".into());
        return Ok(ParsedRule {
            rule: Rule::AllOrNothing,
            direction,
            step_text: String::new(),
            lints,
        });
    }
    let (offset, text, _) = &found[0];
    Err(RuleError {
        fragment: text.clone(),
        position: at(*offset),
        message: "评分标准没有写怎样得分或扣分".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn step(text: &str) -> Step {
        match parse(text).unwrap().rule {
            Rule::Step(s) => s,
            other => panic!("{text}: not a step rule: {other:?}"),
        }
    }

    #[test]
    fn all_or_nothing_in_the_seeds_wordings() {
        for text in [
            "达到目标值得满分，否则不得分",
            "达到目标值得满分，否则不得分。",
            "社会治安秩序得到提高得满分，否则不得分",
            "及时支付得满分，否则不得分。",
            "开展专项整治行动得满分，否则不得分",
            "及时受立案得满分，否则不得分",
        ] {
            assert_eq!(parse(text).unwrap().rule, Rule::AllOrNothing, "{text}");
        }
    }

    #[test]
    fn veto() {
        let r = parse("发生严重威胁社会治安秩序、人民群众生命财产安全的事件不得分。").unwrap();
        assert_eq!(r.rule, Rule::Veto);
    }

    #[test]
    fn step_per_unit() {
        let s = step("达到目标值得满分，每减少 1次扣50%权重分。");
        assert_eq!(s.side, Side::Short);
        assert_eq!(s.size, d("1"));
        assert_eq!(s.measure, Measure::Units("次".into()));
        assert_eq!(s.deduct, Deduct::ShareOfWeight(d("50")));
        assert_eq!(s.counting, Counting::Whole);
    }

    #[test]
    fn step_relative_to_target() {
        let r = parse("达到目标值得满分，每减少总量10%，扣 20%权重分。").unwrap();
        assert_eq!(r.step_text, "每减少总量10%扣20%权重分");
        let Rule::Step(s) = r.rule else { panic!() };
        assert_eq!(s.measure, Measure::OfTarget);
        assert_eq!(s.deduct, Deduct::ShareOfWeight(d("20")));
        let s = step("每减少指标值 10%扣除分值 50%");
        assert_eq!(s.measure, Measure::OfTarget);
        assert_eq!(s.deduct, Deduct::ShareOfWeight(d("50")));
    }

    #[test]
    fn step_bare_percent_and_excess() {
        let s = step("达到目标值得满分，每增加 1%，扣20%权重分。");
        assert_eq!(s.side, Side::Over);
        assert_eq!(s.measure, Measure::Percent);
        let s = step("每超过一个百分点扣0.5分,扣完为止");
        assert_eq!(s.side, Side::Over);
        assert_eq!(s.size, d("1"));
        assert_eq!(s.measure, Measure::Units("个百分点".into()));
        assert_eq!(s.deduct, Deduct::Points(d("0.5")));
    }

    #[test]
    fn the_seeds_repeated_fragment_parses_with_a_lint() {
        let r = parse("达到或超过目标，得权重分的100%，每降低10%，10%，按比例扣减权重分的10%，扣完为止")
            .unwrap();
        let Rule::Step(s) = &r.rule else { panic!() };
        assert_eq!(s.side, Side::Short);
        assert_eq!(s.measure, Measure::Percent);
        assert_eq!(s.deduct, Deduct::ShareOfWeight(d("10")));
        assert_eq!(s.counting, Counting::Proportional);
        assert_eq!(r.direction, Some(Direction::Positive));
        assert_eq!(r.lints.len(), 1, "{:?}", r.lints);
        assert!(r.lints[0].contains("「10%」重复"));
    }

    #[test]
    fn round_up() {
        let s = step("每1%扣2分，不满1%按1%计算");
        assert_eq!(s.counting, Counting::RoundUp);
        assert_eq!(s.deduct, Deduct::Points(d("2")));
        assert_eq!(s.side, Side::Worse);
    }

    #[test]
    fn proportional_rule() {
        assert_eq!(parse("按完成比例计分").unwrap().rule, Rule::Proportional);
    }

    #[test]
    fn unreadable_clause_is_located() {
        let e = parse("达到目标值得满分，每逢佳节扣分").unwrap_err();
        assert_eq!(e.fragment, "每逢佳节扣分");
        assert_eq!(e.position, 10);
        let e = parse("达到目标值得满分， 随便扣").unwrap_err();
        assert_eq!(e.fragment, "随便扣");
        assert_eq!(e.position, 11);
    }

    #[test]
    fn canonical_form() {
        let r = parse("达到目标值得满分，每减少总量10%，扣20%权重分。").unwrap();
        assert_eq!(
            r.rule.to_string(),
            "step(short, 10% of target, -20% of weight, whole steps)"
        );
        assert_eq!(
            parse("每减少1次扣50%权重分").unwrap().rule.to_string(),
            "step(short, 1次, -50% of weight, whole steps)"
        );
    }
}
