//! A decimal as a TOML file writes it (`5`, `7.5`, `"7.15"`): read by the targets file and by
//! rules written as tables, so it lives below both.

use rust_decimal::Decimal;
use serde::Deserialize;
use std::str::FromStr;

/// A decimal written in TOML as an integer, a float or a string (`5`, `7.5`, `"7.15"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Num(pub Decimal);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Num;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "一个数，如 5、7.5 或 \"7.15\"")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Num, E> {
                Ok(Num(Decimal::from(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Num, E> {
                Ok(Num(Decimal::from(v)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Num, E> {
                // f64's Display is the shortest text that reads back as the same float: what was typed.
                Decimal::from_str(&v.to_string()).map(Num).map_err(|_| {
                    E::custom(format!(
                        "「{v}」不是可用的数，应为如 5、7.5 或 \"7.15\" 的数"
                    ))
                })
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Num, E> {
                Decimal::from_str(v.trim()).map(Num).map_err(|_| {
                    E::custom(format!("「{v}」不是数，应为如 5、7.5 或 \"7.15\" 的数"))
                })
            }
        }
        d.deserialize_any(Visitor)
    }
}
