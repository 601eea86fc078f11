//! A decimal as a TOML file writes it (`5`, `7.5`, `"7.15"`): read by the targets file and by
//! rules written as tables, so it lives below both; and a decimal as a sheet shows it
//! ([`text`], [`plain_text`]).

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

/// `d.to_string()` without the formatting machinery: every score and amount of every sheet is
/// written through here. The mantissa's digits with the point `scale` digits from the right
/// (`0.05`, `-12.50`, `100`), a `-` when the sign is negative (`-0` included, as Display does).
pub fn text(d: Decimal) -> String {
    // Sign, at most 29 digits, a point and the zeros before the first digit of `0.000…1`.
    let mut buf = [0u8; 64];
    let mut at = buf.len();
    let mut digit = |b: u8| {
        at -= 1;
        buf[at] = b;
    };
    let scale = d.scale() as usize;
    let mut written = 0;
    let mut m = d.mantissa().unsigned_abs();
    // Digits from the right; the point after `scale` of them, and at least one digit before it.
    loop {
        if written == scale && scale > 0 {
            digit(b'.');
        }
        // u64 arithmetic once the rest fits: almost every amount and score.
        let (rest, last) = match u64::try_from(m) {
            Ok(small) => ((small / 10) as u128, (small % 10) as u8),
            Err(_) => (m / 10, (m % 10) as u8),
        };
        digit(b'0' + last);
        written += 1;
        m = rest;
        if m == 0 && written > scale {
            break;
        }
    }
    if d.is_sign_negative() {
        digit(b'-');
    }
    // Only ASCII digits, a point and a sign were written.
    String::from_utf8_lossy(&buf[at..]).into_owned()
}

/// `d.normalize().to_string()`: [`text`] without trailing zeros after the point (`1800`,
/// `66.15`), and a zero as `0`.
pub fn plain_text(d: Decimal) -> String {
    if d.is_zero() {
        return "0".to_string();
    }
    let mut s = text(d);
    if s.contains('.') {
        let kept = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(kept);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decimal(lo: u32, mid: u32, hi: u32, negative: bool, scale: u32) -> Decimal {
        Decimal::from_parts(lo, mid, hi, negative, scale)
    }

    #[test]
    fn text_is_display() {
        for (d, want) in [
            (Decimal::new(5, 3), "0.005"),
            (Decimal::new(-1250, 2), "-12.50"),
            (Decimal::new(100, 0), "100"),
            (Decimal::new(0, 2), "0.00"),
            (Decimal::MAX, "79228162514264337593543950335"),
            (Decimal::new(1, 28), "0.0000000000000000000000000001"),
        ] {
            assert_eq!(text(d), want);
            assert_eq!(text(d), d.to_string());
        }
        let mut negative_zero = Decimal::ZERO;
        negative_zero.set_sign_negative(true);
        assert_eq!(text(negative_zero), negative_zero.to_string());
        assert_eq!(plain_text(negative_zero), "0");
        assert_eq!(plain_text(Decimal::new(66150, 3)), "66.15");
        assert_eq!(plain_text(Decimal::new(180000, 2)), "1800");
        assert_eq!(plain_text(Decimal::new(-5, 1)), "-0.5");
    }

    proptest::proptest! {
        #[test]
        fn text_is_display_for_every_decimal(
            lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28,
            small in 0u32..2000,
        ) {
            for d in [decimal(lo, mid, hi, negative, scale), decimal(small, 0, 0, negative, scale % 6)] {
                proptest::prop_assert_eq!(text(d), d.to_string());
                proptest::prop_assert_eq!(plain_text(d), d.normalize().to_string());
            }
        }
    }
}
