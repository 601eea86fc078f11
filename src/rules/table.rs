//! Rules written as TOML tables (结构化评分规则): the escape hatch for wording no parser reads.
//! A table means exactly what its canonical form means; [`RuleTable::canonical`] writes that form,
//! which [`super::canonical::parse`] then reads.

use rust_decimal::Decimal;
use serde::Deserialize;
use std::str::FromStr;

use crate::num::Num;

/// A rule written as a table — the escape hatch for wording no parser reads. It means exactly
/// what the same canonical form means:
///
/// ```toml
/// [table.indicator.rule]
/// text = "（原文，仅作记录）"
/// shape = "step"            # all-or-nothing | veto | proportional | step | bands
/// side = "short"            # short | over | worse | both
/// per = "10% of target"     # 1次 | 10% | 10% of target
/// deduct = "20% of weight"  # 0.5 points | 20% of weight
/// counting = "whole"        # whole | round-up | proportional
/// ```
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleTable {
    #[serde(default)]
    pub text: Option<String>,
    pub shape: String,
    #[serde(default)]
    pub side: Option<String>,
    #[serde(default)]
    pub per: Option<String>,
    #[serde(default)]
    pub deduct: Option<String>,
    #[serde(default)]
    pub counting: Option<String>,
    #[serde(default)]
    pub bands: Vec<BandTable>,
    #[serde(default)]
    pub bonus: Option<BonusTable>,
    #[serde(default)]
    pub full: Option<Num>,
}

/// One band of a table rule: bounds by `at_least`/`above` and `below`/`at_most`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandTable {
    #[serde(default)]
    pub at_least: Option<String>,
    #[serde(default)]
    pub above: Option<String>,
    #[serde(default)]
    pub below: Option<String>,
    #[serde(default)]
    pub at_most: Option<String>,
    pub points: String,
}

/// The bonus of a table rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BonusTable {
    pub per: String,
    pub points: Num,
    #[serde(default)]
    pub cap: Option<Num>,
}

type TableRuleError = (&'static str, String, String);

/// `0.5`, `0.5分`, `0.5 points` → `0.5 points`; `20%`, `20% of weight` → `20% of weight`.
fn points_text(field: &'static str, s: &str) -> std::result::Result<String, TableRuleError> {
    let t = s.trim();
    let bad = || {
        (
            field,
            s.to_string(),
            "如 \"0.5 points\"（分）或 \"20% of weight\"（分值的百分比）".to_string(),
        )
    };
    let number = |n: &str| Decimal::from_str(n.trim()).map_err(|_| bad());
    if let Some(n) = t.strip_suffix("% of weight").or(t.strip_suffix('%')) {
        return Ok(format!("{}% of weight", number(n)?));
    }
    let n = t
        .strip_suffix(" points")
        .or(t.strip_suffix('分'))
        .unwrap_or(t);
    Ok(format!("{} points", number(n)?))
}

impl RuleTable {
    /// The canonical form with the same meaning.
    pub fn canonical(&self) -> std::result::Result<String, TableRuleError> {
        let required = |field: &'static str, v: &Option<String>| {
            v.clone().ok_or((
                field,
                String::new(),
                format!("shape = \"{}\" 需要 {field}", self.shape),
            ))
        };
        let mut out = match self.shape.as_str() {
            "all-or-nothing" | "veto" | "proportional" => self.shape.clone(),
            "step" => {
                let side = self.side.clone().unwrap_or_else(|| "worse".into());
                if !["short", "over", "worse", "both"].contains(&side.as_str()) {
                    return Err((
                        "side",
                        side,
                        "short（少于指标值扣分）、over（多于指标值扣分）、worse 或 both（偏离即扣）".into(),
                    ));
                }
                let per = required("per", &self.per)?;
                let deduct = points_text("deduct", &required("deduct", &self.deduct)?)?;
                let counting = match self.counting.as_deref() {
                    None => String::new(),
                    Some("whole") => ", whole steps".into(),
                    Some("round-up") => ", part steps round up".into(),
                    Some("proportional") => ", proportional".into(),
                    Some(other) => {
                        return Err((
                            "counting",
                            other.into(),
                            "whole、round-up 或 proportional".into(),
                        ))
                    }
                };
                format!("step({side}, {}, -{deduct}{counting})", per.trim())
            }
            "bands" => {
                if self.bands.is_empty() {
                    return Err((
                        "bands",
                        String::new(),
                        "至少一档：[[table.indicator.rule.bands]]".into(),
                    ));
                }
                let mut parts = Vec::new();
                for b in &self.bands {
                    let low = match (&b.at_least, &b.above) {
                        (Some(v), None) => format!("[{}", v.trim()),
                        (None, Some(v)) => format!("({}", v.trim()),
                        (None, None) => "(-inf".into(),
                        _ => {
                            return Err((
                                "bands",
                                format!("{b:?}"),
                                "at_least 与 above 只写一个".into(),
                            ))
                        }
                    };
                    let high = match (&b.below, &b.at_most) {
                        (Some(v), None) => format!("{})", v.trim()),
                        (None, Some(v)) => format!("{}]", v.trim()),
                        (None, None) => "+inf)".into(),
                        _ => {
                            return Err((
                                "bands",
                                format!("{b:?}"),
                                "below 与 at_most 只写一个".into(),
                            ))
                        }
                    };
                    parts.push(format!(
                        "{low}, {high}: {}",
                        points_text("bands", &b.points)?
                    ));
                }
                format!("bands({})", parts.join("; "))
            }
            other => {
                return Err((
                    "shape",
                    other.into(),
                    "all-or-nothing、veto、proportional、step 或 bands".into(),
                ));
            }
        };
        if let Some(b) = &self.bonus {
            out.push_str(&format!(
                " + bonus({}, +{} points",
                b.per.trim(),
                b.points.0.normalize()
            ));
            if let Some(Num(cap)) = b.cap {
                out.push_str(&format!(", cap {}", cap.normalize()));
            }
            out.push(')');
        }
        if let Some(Num(full)) = self.full {
            out.push_str(&format!(" ; full {}", full.normalize()));
        }
        Ok(out)
    }
}
