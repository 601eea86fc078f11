//! The canonical notation (规范形式) of a rule: what `Display` on [`Rule`] prints, read back.
//!
//! ```text
//! rule     = base [" + " bonus] [" ; zero(" interval {"; " interval} ")"]
//!            [" ; max deduction " N] [" ; full " N]
//! base     = "all-or-nothing" | "veto" | "proportional" | step | bands | levels
//!          | "two-sided(" step " | " step ")"
//! step     = "step(" side ", " size ", -" points [", " counting] [", free " N] ")"
//! side     = "short" | "over" | "worse" | "both"
//! size     = N unit | N "% of target" | N "%"
//! points   = N " points" | N "% of weight"
//! counting = "whole steps" | "part steps round up" | "proportional"
//! bands    = "bands(" band {"; " band} ")"
//! band     = interval ": " points
//! interval = ("[" | "(") (low | "-inf") ", " (high | "+inf") ("]" | ")")
//! levels   = "levels(" word ": " points {"; " word ": " points} ")"
//! bonus    = "bonus(" size ", +" N " points" [", cap " N] ")"
//! ```

use rust_decimal::Decimal;
use std::str::FromStr;

use super::parse::RuleError;
use super::{
    Band, Bands, Base, Bonus, Bound, Counting, LevelAward, Measure, Points, Rule, Side, Size, Step,
};

const KEYWORDS: [&str; 7] = [
    "all-or-nothing",
    "veto",
    "proportional",
    "step(",
    "bands(",
    "levels(",
    "two-sided(",
];

/// Whether a text is written in canonical notation rather than as a disclosure writes rules.
pub fn looks_canonical(text: &str) -> bool {
    let t = text.trim_start();
    KEYWORDS.iter().any(|k| t.starts_with(k))
}

fn fail(text: &str, part: &str, what: &str) -> RuleError {
    let position = text.find(part).map_or(1, |b| text[..b].chars().count() + 1);
    RuleError {
        fragment: part.to_string(),
        position,
        message: format!("规范形式无法读取（{what}）"),
        closest: vec![
            "step(short, 10% of target, -20% of weight)",
            "bands([90%, +inf): 5 points; (-inf, 90%): 0 points)",
            "all-or-nothing",
        ],
    }
}

fn decimal(s: &str) -> Option<Decimal> {
    Decimal::from_str(s.trim()).ok()
}

/// Splits a leading number off: `10%` → (10, `%`), `1次` → (1, `次`).
fn number_and_rest(s: &str) -> Option<(Decimal, &str)> {
    let s = s.trim();
    let end = s
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_digit() || *c == '.' || (*i == 0 && *c == '-')))
        .map_or(s.len(), |(i, _)| i);
    Some((decimal(&s[..end])?, &s[end..]))
}

fn size(text: &str, s: &str) -> Result<Size, RuleError> {
    let bad = || fail(text, s, "档的大小应如 1次、10%、10% of target");
    let (amount, rest) = number_and_rest(s).ok_or_else(bad)?;
    let measure = match rest {
        "% of target" => Measure::OfTarget,
        "%" => Measure::Percent,
        unit if !unit.contains(' ') => Measure::Units(unit.to_string()),
        _ => return Err(bad()),
    };
    Ok(Size { amount, measure })
}

fn points(text: &str, s: &str) -> Result<Points, RuleError> {
    let bad = || fail(text, s, "分数应如 0.5 points 或 20% of weight");
    if let Some(n) = s.strip_suffix("% of weight") {
        return decimal(n).map(Points::ShareOfWeight).ok_or_else(bad);
    }
    if let Some(n) = s.strip_suffix(" points") {
        return decimal(n).map(Points::Points).ok_or_else(bad);
    }
    Err(bad())
}

fn bound(
    text: &str,
    s: &str,
    inclusive: bool,
    unit: &mut Option<String>,
) -> Result<Option<Bound>, RuleError> {
    if s == "-inf" || s == "+inf" {
        return Ok(None);
    }
    let (value, u) = number_and_rest(s).ok_or_else(|| fail(text, s, "区间端点应为数或 ±inf"))?;
    match unit {
        Some(prev) if prev != u => return Err(fail(text, s, "各档的单位不一致")),
        _ => *unit = Some(u.to_string()),
    }
    Ok(Some(Bound { value, inclusive }))
}

fn band(text: &str, s: &str, unit: &mut Option<String>) -> Result<Band, RuleError> {
    let bad = || fail(text, s, "每档应如 [80%, 90%): 4 points");
    let (interval_text, award) = s.split_once(": ").ok_or_else(bad)?;
    let mut b = interval(text, interval_text, unit)?;
    b.award = points(text, award)?;
    Ok(b)
}

/// An interval without its award (the award is left at 0 points).
fn interval(text: &str, interval: &str, unit: &mut Option<String>) -> Result<Band, RuleError> {
    let bad = || fail(text, interval, "区间应如 [80%, 90%)");
    let low_inclusive = match interval.chars().next() {
        Some('[') => true,
        Some('(') => false,
        _ => return Err(bad()),
    };
    let high_inclusive = match interval.chars().last() {
        Some(']') => true,
        Some(')') => false,
        _ => return Err(bad()),
    };
    let inner = &interval[1..interval.len() - 1];
    let (low, high) = inner.split_once(", ").ok_or_else(bad)?;
    Ok(Band {
        low: bound(text, low, low_inclusive, unit)?,
        high: bound(text, high, high_inclusive, unit)?,
        award: Points::Points(Decimal::ZERO),
    })
}

fn inside<'a>(text: &str, s: &'a str, open: &str) -> Result<&'a str, RuleError> {
    s.strip_prefix(open)
        .and_then(|r| r.strip_suffix(')'))
        .ok_or_else(|| fail(text, s, "括号不完整"))
}

/// Reads a rule in canonical notation.
pub fn parse(text: &str) -> Result<Rule, RuleError> {
    let t = text.trim();
    let (rest, full) = match t.rsplit_once(" ; full ") {
        Some((r, n)) => (
            r,
            Some(decimal(n).ok_or_else(|| fail(text, n, "full 后应为数"))?),
        ),
        None => (t, None),
    };
    let (rest, max_deduction) = match rest.rsplit_once(" ; max deduction ") {
        Some((r, n)) => (
            r,
            Some(decimal(n).ok_or_else(|| fail(text, n, "max deduction 后应为数"))?),
        ),
        None => (rest, None),
    };
    let (rest, cutoff) = match rest.rsplit_once(" ; zero(") {
        Some((r, z)) => {
            let body = z
                .strip_suffix(')')
                .ok_or_else(|| fail(text, z, "括号不完整"))?;
            let mut unit = None;
            let bands = body
                .split("; ")
                .map(|b| interval(text, b, &mut unit))
                .collect::<Result<Vec<_>, _>>()?;
            (
                r,
                Some(Bands {
                    unit: unit.unwrap_or_default(),
                    bands,
                }),
            )
        }
        None => (rest, None),
    };
    let (base_text, bonus) = match rest.split_once(" + bonus(") {
        Some((b, bonus)) => {
            let body = bonus
                .strip_suffix(')')
                .ok_or_else(|| fail(text, bonus, "括号不完整"))?;
            let parts: Vec<&str> = body.split(", ").collect();
            let (size_text, add_text) = match parts.as_slice() {
                [s, a] | [s, a, _] => (*s, *a),
                _ => {
                    return Err(fail(
                        text,
                        body,
                        "加分应如 bonus(1个百分点, +0.3 points, cap 3)",
                    ))
                }
            };
            let add = add_text
                .strip_prefix('+')
                .and_then(|a| a.strip_suffix(" points"))
                .and_then(decimal)
                .ok_or_else(|| fail(text, add_text, "加分应如 +0.3 points"))?;
            let cap = match parts.get(2) {
                Some(c) => Some(
                    c.strip_prefix("cap ")
                        .and_then(decimal)
                        .ok_or_else(|| fail(text, c, "上限应如 cap 3"))?,
                ),
                None => None,
            };
            (
                b,
                Some(Bonus {
                    size: size(text, size_text)?,
                    add,
                    cap,
                }),
            )
        }
        None => (rest, None),
    };
    let base = match base_text {
        "all-or-nothing" => Base::AllOrNothing,
        "veto" => Base::Veto,
        "proportional" => Base::Proportional,
        s if s.starts_with("step(") => Base::Step(step(text, s)?),
        s if s.starts_with("two-sided(") => {
            let body = inside(text, s, "two-sided(")?;
            let (a, b) = body
                .split_once(" | ")
                .ok_or_else(|| fail(text, body, "two-sided 应如 two-sided(step(…) | step(…))"))?;
            Base::TwoSided(step(text, a)?, step(text, b)?)
        }
        s if s.starts_with("levels(") => {
            let body = inside(text, s, "levels(")?;
            let levels = body
                .split("; ")
                .map(|l| {
                    let (word, award) = l
                        .split_once(": ")
                        .ok_or_else(|| fail(text, l, "等级应如 优秀: 10 points"))?;
                    Ok(LevelAward {
                        word: word.to_string(),
                        award: points(text, award)?,
                    })
                })
                .collect::<Result<Vec<_>, RuleError>>()?;
            Base::Levels(levels)
        }
        s if s.starts_with("bands(") => {
            let body = inside(text, s, "bands(")?;
            let mut unit = None;
            let bands = body
                .split("; ")
                .map(|b| band(text, b, &mut unit))
                .collect::<Result<Vec<_>, _>>()?;
            Base::Bands(Bands {
                unit: unit.unwrap_or_default(),
                bands,
            })
        }
        other => return Err(fail(text, other, "未知的规则形式")),
    };
    // Bands in points state their full marks by their top band, as the text parser reads them.
    let full = full.or(match &base {
        Base::Bands(b)
            if b.bands
                .iter()
                .all(|band| matches!(band.award, Points::Points(_))) =>
        {
            b.bands
                .iter()
                .filter_map(|band| match band.award {
                    Points::Points(p) => Some(p),
                    Points::ShareOfWeight(_) => None,
                })
                .max()
        }
        Base::Levels(levels) if levels.iter().all(|l| matches!(l.award, Points::Points(_))) => {
            levels
                .iter()
                .filter_map(|l| match l.award {
                    Points::Points(p) => Some(p),
                    Points::ShareOfWeight(_) => None,
                })
                .max()
        }
        _ => None,
    });
    Ok(Rule {
        base,
        bonus,
        full,
        cutoff,
        max_deduction,
    })
}

fn step(text: &str, s: &str) -> Result<Step, RuleError> {
    let body = inside(text, s, "step(")?;
    let mut parts: Vec<&str> = body.split(", ").collect();
    let free = match parts.last().and_then(|p| p.strip_prefix("free ")) {
        Some(n) => {
            let v = decimal(n).ok_or_else(|| fail(text, n, "free 后应为数"))?;
            parts.pop();
            Some(v)
        }
        None => None,
    };
    if !(3..=4).contains(&parts.len()) {
        return Err(fail(text, body, "step 应有 3 或 4 项"));
    }
    let side = match parts[0] {
        "short" => Side::Short,
        "over" => Side::Over,
        "worse" => Side::Worse,
        "both" => Side::Both,
        other => return Err(fail(text, other, "方向应为 short、over、worse 或 both")),
    };
    let deduct = parts[2]
        .strip_prefix('-')
        .ok_or_else(|| fail(text, parts[2], "扣分应以 - 开头"))?;
    let counting = match parts.get(3) {
        None => None,
        Some(&"whole steps") => Some(Counting::Whole),
        Some(&"part steps round up") => Some(Counting::RoundUp),
        Some(&"proportional") => Some(Counting::Proportional),
        Some(other) => {
            return Err(fail(
                text,
                other,
                "计档方式应为 whole steps、part steps round up 或 proportional",
            ))
        }
    };
    Ok(Step {
        side,
        size: size(text, parts[1])?,
        deduct: points(text, deduct)?,
        counting,
        free,
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse as parse_text;
    use super::*;

    #[test]
    fn every_shape_prints_and_parses_back() {
        for text in [
            "达到目标值得满分，否则不得分",
            "发生严重事件不得分",
            "按完成比例计分",
            "达到目标值得满分，每减少总量10%，扣20%权重分。",
            "每超过一个百分点扣0.5分,扣完为止",
            "每1%扣2分，不满1%按1%计算",
            "每降低10%，按比例扣减权重分的10%",
            "每出现一例不符合要求的扣1分",
            "≥90%,计5分;80%(含)-90%,计4分;70%(含)-80%,计3分;60%(含)-70%,计2分;低于60%不得分",
            "=0,计3分;0-10%(含),计2分;大于10%不得分",
            "达到目标值得满分，超额完成1个百分点加0.3分，加分不超过3分",
            "小于或等于年度目标值,得10分;大于目标值,不得分",
        ] {
            let rule = parse_text(text).unwrap().rule;
            let printed = rule.to_string();
            assert_eq!(parse(&printed).unwrap(), rule, "{text} → {printed}");
            assert_eq!(parse_text(&printed).unwrap().rule, rule, "{printed}");
        }
    }

    #[test]
    fn canonical_errors_are_located() {
        let e = parse("step(sideways, 1次, -1 points)").unwrap_err();
        assert_eq!(e.fragment, "sideways");
        assert_eq!(e.position, 6);
    }
}
