//! The level-1 groups (一级指标: 产出, 效益, 满意度) that carry the national split of points, and
//! how a 一级指标 is read as written (`效果指标`, `产出指标（50分）`).

use rust_decimal::Decimal;
use std::str::FromStr;

/// The level-1 groups (一级指标) that carry the national split of points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// 产出指标
    Output,
    /// 效益指标 (the seed also writes 效果指标)
    Outcome,
    /// 满意度指标
    Satisfaction,
}

impl Group {
    pub const ALL: [Group; 3] = [Group::Output, Group::Outcome, Group::Satisfaction];

    pub fn chinese(self) -> &'static str {
        match self {
            Group::Output => "产出指标",
            Group::Outcome => "效益指标",
            Group::Satisfaction => "满意度指标",
        }
    }

    /// Reads a 一级指标 as written; `效果指标` is the seed's word for 效益指标. Points written
    /// with it (`产出指标（50分）`) are allowed and ignored here (see [`Group::parse_points`]).
    pub fn parse(text: &str) -> Option<Group> {
        Group::parse_points(text).map(|(g, _)| g)
    }

    /// Reads a 一级指标 with the points the national form prints after it: `产出指标（50分）`,
    /// `产出指标(50分)`, `产出(50)`, `效益指标 30分`.
    pub fn parse_points(text: &str) -> Option<(Group, Option<Decimal>)> {
        // The words as the template writes them, read without normalising (most rows).
        let plain = match text {
            "产出指标" => Some(Group::Output),
            "效益指标" | "效果指标" => Some(Group::Outcome),
            "满意度指标" => Some(Group::Satisfaction),
            _ => None,
        };
        if let Some(g) = plain {
            return Some((g, None));
        }
        let (name, points) = level1_parts(text);
        let group = match name.trim_end_matches("指标") {
            "产出" => Group::Output,
            "效益" | "效果" => Group::Outcome,
            "满意度" => Group::Satisfaction,
            _ => return None,
        };
        Some((group, points))
    }
}

/// A 一级指标 split into its name and the points written after it: `产出指标（50分）` →
/// (`产出指标`, 50). Full-width brackets and spaces are fine.
pub fn level1_parts(text: &str) -> (String, Option<Decimal>) {
    let s = crate::text::compact(text);
    let number = |t: &str| Decimal::from_str(t).ok();
    if let Some(inner) = s.strip_suffix(')') {
        if let Some((name, points)) = inner.rsplit_once('(') {
            if let Some(p) = number(points.trim_end_matches('分')) {
                return (name.to_string(), Some(p));
            }
        }
    }
    if let Some(body) = s.strip_suffix('分') {
        if let Some(i) = crate::text::trailing_number(body).filter(|&i| i > 0) {
            if let Some(p) = number(&body[i..]) {
                return (body[..i].to_string(), Some(p));
            }
        }
    }
    (s, None)
}
