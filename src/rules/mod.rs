//! The rule language (评(扣)分标准): a rule text as written in a disclosure, read into a typed
//! [`Rule`], and a short canonical notation (规范形式) that prints and parses back to the same rule.
//!
//! - [`parse`] reads a text, clause by clause ([`parse::parse`]); a text that starts with a
//!   canonical keyword (`step(`, `bands(`, `all-or-nothing` …) is read as canonical notation.
//! - `Display` on [`Rule`] prints the canonical form; [`canonical::parse`] reads it back.
//!
//! | shape | written as | canonical |
//! | --- | --- | --- |
//! | all or nothing | `达到目标值得满分，否则不得分` | `all-or-nothing` |
//! | veto event | `发生…事件不得分` | `veto` |
//! | proportional | `按完成比例计分` | `proportional` |
//! | step | `每减少总量10%，扣20%权重分` | `step(short, 10% of target, -20% of weight)` |
//! | bands | `≥90%,计5分;80%(含)-90%,计4分;低于80%不得分` | `bands([90%, +inf): 5 points; …)` |
//! | bonus | `超额完成1个百分点加0.3分，加分不超过3分` | `… + bonus(1个百分点, +0.3 points, cap 3)` |
//! | stated full marks | `达到年度目标值,得6分` | `… ; full 6` |

pub mod cache;
pub mod canonical;
pub mod parse;
pub mod table;

use rust_decimal::Decimal;
use std::fmt;

use crate::quantity::{plain, Direction};

pub use parse::{parse, ParsedRule, RuleError, SHAPES};

/// A scoring rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub base: Base,
    /// 加分: extra points beyond the weight, where the table allows them.
    pub bonus: Option<Bonus>,
    /// Full marks stated in the text (`得10分`, the top band's `计5分`), checked against the weight.
    pub full: Option<Decimal>,
    /// A cut-off (`低于90%不得分`): bands in which the score is 0 whatever the rest of the rule
    /// says; outside them the base applies.
    pub cutoff: Option<Bands>,
    /// The most a rule may deduct (`扣满5分为止`, `最多扣5分`): the score never goes below
    /// weight − this.
    pub max_deduction: Option<Decimal>,
}

impl Rule {
    pub fn new(base: Base) -> Rule {
        Rule {
            base,
            bonus: None,
            full: None,
            cutoff: None,
            max_deduction: None,
        }
    }
}

impl Base {
    /// Deducts on both sides of the target (`偏离目标值每5%扣2分`, `提前或推迟1个月扣1分`): doing
    /// better than the target loses points too.
    pub fn is_two_sided(&self) -> bool {
        matches!(
            self,
            Base::Step(Step {
                side: Side::Both,
                ..
            }) | Base::TwoSided(..)
        )
    }
}

/// How the score within the weight comes about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// 全有或全无: target met → the whole weight, otherwise 0.
    AllOrNothing,
    /// 一票否决: the event happened → 0, otherwise the whole weight.
    Veto,
    /// 按完成比例计分: the national default method for the indicator's direction.
    Proportional,
    /// 按档扣分: a deduction per step of deviation from the target.
    Step(Step),
    /// 分档计分: points by the band the actual falls in.
    Bands(Bands),
    /// 按等级计分 (`优秀得10分，良好得8分，合格得6分，不合格不得分`): the actual names a level.
    Levels(Vec<LevelAward>),
    /// Different steps below and above the target (`低于目标值每1%扣2分，高于目标值每1%扣1分`):
    /// the first counts a shortfall, the second an excess.
    TwoSided(Step, Step),
}

/// One level of a level list and what it earns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelAward {
    /// The level word as written (`优秀`, `基本规范`).
    pub word: String,
    pub award: Points,
}

/// Which side of the target a step counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// 减少/降低/低于/少/缺: shortfall below the target (the indicator is positive).
    Short,
    /// 增加/超过/超出/高于/多/出现: excess above the target (the indicator is reverse).
    Over,
    /// No side written (`每1%扣2分`): the deviation on the indicator's worse side.
    Worse,
    /// 偏离/高于或低于/提前或推迟: the deviation either way.
    Both,
}

impl Side {
    /// The direction the side's words imply, if they say one.
    pub fn direction(self) -> Option<Direction> {
        match self {
            Side::Short => Some(Direction::Positive),
            Side::Over => Some(Direction::Reverse),
            Side::Worse | Side::Both => None,
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

    fn keyword(self) -> &'static str {
        match self {
            Side::Short => "short",
            Side::Over => "over",
            Side::Worse => "worse",
            Side::Both => "both",
        }
    }
}

/// What one step measures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Measure {
    /// In a unit (`每减少1次`, `每超过一个百分点`, `每出现一例`); empty when none is written.
    Units(String),
    /// A percent of the target value (`每减少总量10%`, `每减少指标值10%`): relative deviation.
    OfTarget,
    /// A bare percent (`每减少10%`): percentage points on a percent indicator, relative otherwise.
    Percent,
}

/// A step size: how much deviation one step is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Size {
    pub amount: Decimal,
    pub measure: Measure,
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.measure {
            Measure::Units(unit) => write!(f, "{}{}", plain(self.amount), unit),
            Measure::OfTarget => write!(f, "{}% of target", plain(self.amount)),
            Measure::Percent => write!(f, "{}%", plain(self.amount)),
        }
    }
}

/// How much one step deducts, or a band awards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Points {
    /// 扣0.5分 / 计4分: points.
    Points(Decimal),
    /// 扣20%权重分 / 扣除分值50% / 扣减权重分的10%: percent of the weight.
    ShareOfWeight(Decimal),
}

impl Points {
    /// The points this is worth for an indicator of weight `w`.
    pub fn of(self, w: Decimal) -> Decimal {
        match self {
            Points::Points(p) => p,
            Points::ShareOfWeight(p) => {
                w.checked_mul(p).unwrap_or(Decimal::MAX) / Decimal::ONE_HUNDRED
            }
        }
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Points::Points(p) => write!(f, "{} points", plain(*p)),
            Points::ShareOfWeight(p) => write!(f, "{}% of weight", plain(*p)),
        }
    }
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

impl Counting {
    fn keyword(self) -> &'static str {
        match self {
            Counting::Whole => "whole steps",
            Counting::RoundUp => "part steps round up",
            Counting::Proportional => "proportional",
        }
    }
}

/// A step deduction: per `size` of deviation on `side`, deduct `deduct`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub side: Side,
    pub size: Size,
    pub deduct: Points,
    /// `None` when the text does not say: the file's default (whole steps).
    pub counting: Option<Counting>,
    /// Deviation, in the step's measure, that costs nothing; steps count only what lies beyond it
    /// (`偏差在3%以内不扣分，超过3%的部分每1%扣1分`).
    pub free: Option<Decimal>,
}

/// One end of a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    pub value: Decimal,
    pub inclusive: bool,
}

/// One band: the actual within [low, high] (ends as marked) earns `award`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// `None`: no lower end.
    pub low: Option<Bound>,
    /// `None`: no upper end.
    pub high: Option<Bound>,
    pub award: Points,
}

impl Band {
    pub fn contains(&self, x: Decimal) -> bool {
        let above = match self.low {
            None => true,
            Some(b) => x > b.value || (b.inclusive && x == b.value),
        };
        let below = match self.high {
            None => true,
            Some(b) => x < b.value || (b.inclusive && x == b.value),
        };
        above && below
    }
}

/// A band's range in words: `≥90%`, `80%（含）至90%（不含）`, `等于0`.
pub fn range_label(low: Option<Bound>, high: Option<Bound>, unit: &str) -> String {
    let end = |b: Bound| if b.inclusive { "含" } else { "不含" };
    match (low, high) {
        (Some(l), Some(h)) if l.value == h.value => format!("等于{}{unit}", plain(l.value)),
        (Some(l), Some(h)) => format!(
            "{}{unit}（{}）至{}{unit}（{}）",
            plain(l.value),
            end(l),
            plain(h.value),
            end(h)
        ),
        (Some(l), None) => format!(
            "{}{}{unit}",
            if l.inclusive { "≥" } else { ">" },
            plain(l.value)
        ),
        (None, Some(h)) => format!(
            "{}{}{unit}",
            if h.inclusive { "≤" } else { "<" },
            plain(h.value)
        ),
        (None, None) => "任意值".into(),
    }
}

/// Bands and the unit their bounds are written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bands {
    /// `%`: the actual on a percent indicator, else the completion ratio (actual / target);
    /// any other unit (or none): the actual itself.
    pub unit: String,
    pub bands: Vec<Band>,
}

/// Extra points for beating the target: per `size` beyond it, `add` points, at most `cap`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bonus {
    pub size: Size,
    pub add: Decimal,
    pub cap: Option<Decimal>,
}

/// Writes a band's interval: `[80%, 90%)`, `(-inf, 60%)`.
fn write_interval(f: &mut fmt::Formatter<'_>, band: &Band, unit: &str) -> fmt::Result {
    match band.low {
        None => write!(f, "(-inf, ")?,
        Some(l) => write!(
            f,
            "{}{}{unit}, ",
            if l.inclusive { "[" } else { "(" },
            plain(l.value)
        )?,
    }
    match band.high {
        None => write!(f, "+inf)"),
        Some(h) => write!(
            f,
            "{}{unit}{}",
            plain(h.value),
            if h.inclusive { "]" } else { ")" }
        ),
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "step({}, {}, -{}",
            self.side.keyword(),
            self.size,
            self.deduct
        )?;
        if let Some(c) = self.counting {
            write!(f, ", {}", c.keyword())?;
        }
        if let Some(free) = self.free {
            write!(f, ", free {}", plain(free))?;
        }
        write!(f, ")")
    }
}

impl fmt::Display for Rule {
    /// The canonical form (规范形式), shown by `jixiao check` and `jixiao explain`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.base {
            Base::AllOrNothing => write!(f, "all-or-nothing")?,
            Base::Veto => write!(f, "veto")?,
            Base::Proportional => write!(f, "proportional")?,
            Base::Step(s) => write!(f, "{s}")?,
            Base::TwoSided(short, over) => write!(f, "two-sided({short} | {over})")?,
            Base::Bands(b) => {
                write!(f, "bands(")?;
                for (k, band) in b.bands.iter().enumerate() {
                    if k > 0 {
                        write!(f, "; ")?;
                    }
                    write_interval(f, band, &b.unit)?;
                    write!(f, ": {}", band.award)?;
                }
                write!(f, ")")?;
            }
            Base::Levels(levels) => {
                write!(f, "levels(")?;
                for (k, l) in levels.iter().enumerate() {
                    if k > 0 {
                        write!(f, "; ")?;
                    }
                    write!(f, "{}: {}", l.word, l.award)?;
                }
                write!(f, ")")?;
            }
        }
        if let Some(b) = &self.bonus {
            write!(f, " + bonus({}, +{} points", b.size, plain(b.add))?;
            if let Some(cap) = b.cap {
                write!(f, ", cap {}", plain(cap))?;
            }
            write!(f, ")")?;
        }
        if let Some(cut) = &self.cutoff {
            write!(f, " ; zero(")?;
            for (k, band) in cut.bands.iter().enumerate() {
                if k > 0 {
                    write!(f, "; ")?;
                }
                write_interval(f, band, &cut.unit)?;
            }
            write!(f, ")")?;
        }
        if let Some(m) = self.max_deduction {
            write!(f, " ; max deduction {}", plain(m))?;
        }
        if let Some(full) = self.full {
            write!(f, " ; full {}", plain(full))?;
        }
        Ok(())
    }
}
