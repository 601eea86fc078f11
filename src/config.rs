//! Settings of the method (计分设置): level-1 points, budget points, grades, rounding and the
//! defaults a targets file may change. Targets read them and scoring uses them, so they live
//! in neither (no circle): both depend on this module.

use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

use crate::group::Group;
use crate::rules::Counting;

/// Settings of the method; the defaults are the national ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Points of each level-1 group: 产出 50, 效益 30, 满意度 10.
    pub level1_points: BTreeMap<Group, Decimal>,
    /// Points of the budget execution rate: 10.
    pub budget_points: Decimal,
    /// Lower bounds of 优, 良, 中: 90, 80, 60.
    pub grades: [Decimal; 3],
    /// Cut to 2 decimals instead of rounding half away from zero.
    pub truncate: bool,
    /// A positive actual at this multiple of its target or more is flagged: 1.2.
    pub high_completion_ratio: Decimal,
    /// How part steps count where a rule does not say: whole steps (每 read literally).
    pub default_counting: Counting,
    /// Whether scores may exceed the weight where a rule grants 加分 (a table may say so too).
    pub allow_bonus: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            level1_points: BTreeMap::from([
                (Group::Output, Decimal::from(50)),
                (Group::Outcome, Decimal::from(30)),
                (Group::Satisfaction, Decimal::from(10)),
            ]),
            budget_points: Decimal::from(10),
            grades: [Decimal::from(90), Decimal::from(80), Decimal::from(60)],
            truncate: false,
            high_completion_ratio: Decimal::new(12, 1),
            default_counting: Counting::Whole,
            allow_bonus: false,
        }
    }
}

impl Config {
    pub fn points(&self, g: Group) -> Decimal {
        self.level1_points.get(&g).copied().unwrap_or_default()
    }

    /// The level-1 points and the budget points, added up, and the sum in words
    /// (`产出指标 50 + 效益指标 30 + 满意度指标 10 + 预算执行率 10 = 100`) for messages.
    pub fn points_sum(&self) -> (Decimal, String) {
        let total =
            Group::ALL.iter().map(|g| self.points(*g)).sum::<Decimal>() + self.budget_points;
        let words = format!(
            "{} + 预算执行率 {} = {total}",
            Group::ALL
                .iter()
                .map(|g| format!("{} {}", g.chinese(), self.points(*g)))
                .collect::<Vec<_>>()
                .join(" + "),
            self.budget_points
        );
        (total, words)
    }

    /// Rounds a score to 2 decimals: half away from zero (四舍五入), or truncation if chosen.
    pub fn round(&self, d: Decimal) -> Decimal {
        round2(d, self.truncate)
    }

    /// 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below.
    pub fn grade(&self, score: Decimal) -> &'static str {
        if score >= self.grades[0] {
            "优"
        } else if score >= self.grades[1] {
            "良"
        } else if score >= self.grades[2] {
            "中"
        } else {
            "差"
        }
    }
}

/// Rounds a decimal to exactly 2 decimals: half away from zero (四舍五入), or towards zero (截断).
/// Scores are rounded from their exact fraction (`scoring::exact::Frac::round2`); this is for decimals that
/// are already exact (bonus points, converted totals).
fn round2(d: Decimal, truncate: bool) -> Decimal {
    let strategy = if truncate {
        RoundingStrategy::ToZero
    } else {
        RoundingStrategy::MidpointAwayFromZero
    };
    let mut r = d.round_dp_with_strategy(2, strategy);
    r.rescale(2);
    r
}

/// A score or weight with exactly 2 decimals, rounded half away from zero: `5.00`, `9.60`.
pub fn two(d: Decimal) -> String {
    crate::num::text(round2(d, false))
}
