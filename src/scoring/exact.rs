//! Exact fractions (分数) for scores: multiply first, divide once.
//!
//! A score such as `w × a / t` is kept as the fraction `(w × a) / t` until it is rounded, so the
//! only rounding is the documented one (四舍五入 to 2 decimals). `w × (a / t)` would round the
//! quotient to 28 digits first, and an exact half cent (4.165) could land just below it (4.1649…)
//! and round down. Every step is checked: a number too large for the arithmetic is an
//! [`Overflow`], never a saturated or wrapped value.

use rust_decimal::{Decimal, RoundingStrategy};
use std::cmp::Ordering;

/// A number too large (or a divisor too small) for exact arithmetic: `数值过大`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

pub type Exact<T> = Result<T, Overflow>;

/// `num / den`, with `den > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frac {
    num: Decimal,
    den: Decimal,
}

fn mul(a: Decimal, b: Decimal) -> Exact<Decimal> {
    // rust_decimal keeps at most 96 bits and 28 decimal places and rounds a product that needs
    // more. Without trailing zeros, an exact product has the factors' scales added up; one with
    // fewer decimals has lost digits.
    let (a, b) = (normalized(a), normalized(b));
    let scale = a.scale() + b.scale();
    if scale > 28 {
        return Err(Overflow);
    }
    let p = a.checked_mul(b).ok_or(Overflow)?;
    if p.scale() != scale && !p.is_zero() {
        return Err(Overflow);
    }
    Ok(p)
}

/// `d.normalize()`, skipping the work when `d` has no trailing zeros (most factors: `1`, `0.2`).
fn normalized(d: Decimal) -> Decimal {
    let last_digit_zero = match i64::try_from(d.mantissa()) {
        Ok(m) => m % 10 == 0,
        Err(_) => d.mantissa() % 10 == 0,
    };
    if d.scale() == 0 || !last_digit_zero {
        d
    } else {
        d.normalize()
    }
}

fn add(a: Decimal, b: Decimal) -> Exact<Decimal> {
    a.checked_add(b).ok_or(Overflow)
}

impl Frac {
    pub const ZERO: Frac = Frac {
        num: Decimal::ZERO,
        den: Decimal::ONE,
    };

    /// A whole decimal.
    pub fn of(d: Decimal) -> Frac {
        Frac {
            num: d,
            den: Decimal::ONE,
        }
    }

    /// `num / den`; a zero divisor is an overflow (no score divides by zero).
    pub fn new(num: Decimal, den: Decimal) -> Exact<Frac> {
        if den.is_zero() {
            return Err(Overflow);
        }
        if den.is_sign_negative() {
            Ok(Frac {
                num: -num,
                den: -den,
            })
        } else {
            Ok(Frac { num, den })
        }
    }

    pub fn times(self, d: Decimal) -> Exact<Frac> {
        Ok(Frac {
            num: mul(self.num, d)?,
            den: self.den,
        })
    }

    pub fn over(self, d: Decimal) -> Exact<Frac> {
        Frac::new(self.num, mul(self.den, d)?)
    }

    pub fn times_frac(self, o: Frac) -> Exact<Frac> {
        Frac::new(mul(self.num, o.num)?, mul(self.den, o.den)?)
    }

    pub fn over_frac(self, o: Frac) -> Exact<Frac> {
        Frac::new(mul(self.num, o.den)?, mul(self.den, o.num)?)
    }

    pub fn plus(self, o: Frac) -> Exact<Frac> {
        if self.den == o.den {
            return Frac::new(add(self.num, o.num)?, self.den);
        }
        Frac::new(
            add(mul(self.num, o.den)?, mul(o.num, self.den)?)?,
            mul(self.den, o.den)?,
        )
    }

    pub fn minus(self, o: Frac) -> Exact<Frac> {
        self.plus(Frac {
            num: -o.num,
            den: o.den,
        })
    }

    /// Compares exactly (cross-multiplied).
    pub fn compare(self, o: Frac) -> Exact<Ordering> {
        Ok(mul(self.num, o.den)?.cmp(&mul(o.num, self.den)?))
    }

    pub fn cmp_dec(self, d: Decimal) -> Exact<Ordering> {
        Ok(self.num.cmp(&mul(d, self.den)?))
    }

    pub fn is_negative(self) -> bool {
        self.num.is_sign_negative() && !self.num.is_zero()
    }

    pub fn is_zero(self) -> bool {
        self.num.is_zero()
    }

    /// The largest whole number ≤ the fraction, exactly.
    pub fn floor(self) -> Exact<Decimal> {
        let q = self.num.checked_div(self.den).ok_or(Overflow)?.floor();
        // The quotient is rounded to 28 digits before `floor`; correct it by one if needed.
        let below = q.checked_sub(Decimal::ONE).ok_or(Overflow)?;
        let above = q.checked_add(Decimal::ONE).ok_or(Overflow)?;
        let q = if mul(q, self.den)? > self.num {
            below
        } else if mul(above, self.den)? <= self.num {
            above
        } else {
            q
        };
        Ok(q)
    }

    /// The smallest whole number ≥ the fraction, exactly.
    pub fn ceil(self) -> Exact<Decimal> {
        Ok(-Frac {
            num: -self.num,
            den: self.den,
        }
        .floor()?)
    }

    /// Rounded to 2 decimals, exactly: half away from zero (四舍五入), or towards zero (截断).
    pub fn round2(self, truncate: bool) -> Exact<Decimal> {
        // A whole decimal (most scores) rounds exactly as a decimal; bounded well below where
        // `×100 + ½` could overflow, so that the result is the slow path's, errors included.
        if self.den == Decimal::ONE && self.num.mantissa().unsigned_abs() < 10u128.pow(26) {
            let strategy = if truncate {
                RoundingStrategy::ToZero
            } else {
                RoundingStrategy::MidpointAwayFromZero
            };
            let mut r = self.num.abs().round_dp_with_strategy(2, strategy);
            if self.is_negative() {
                r = -r;
            }
            r.rescale(2);
            return Ok(r);
        }
        self.round2_by_floor(truncate)
    }

    /// [`Frac::round2`] for any fraction: `floor(|x| × 100 + ½) / 100`.
    fn round2_by_floor(self, truncate: bool) -> Exact<Decimal> {
        let hundred = Decimal::ONE_HUNDRED;
        let negative = self.is_negative();
        let abs = Frac {
            num: self.num.abs(),
            den: self.den,
        };
        // cents = floor(|x| × 100 + ½) or floor(|x| × 100)
        let scaled = abs.times(hundred)?;
        let cents = if truncate {
            scaled.floor()?
        } else {
            scaled
                .plus(Frac::new(Decimal::ONE, Decimal::TWO)?)?
                .floor()?
        };
        let mut r = cents.checked_div(hundred).ok_or(Overflow)?;
        if negative {
            r = -r;
        }
        r.rescale(2);
        Ok(r)
    }

    /// The value as a decimal (28 significant digits): for comparisons and display only, never
    /// for a score.
    pub fn approx(self) -> Exact<Decimal> {
        self.num.checked_div(self.den).ok_or(Overflow)
    }

    pub fn max(self, o: Frac) -> Exact<Frac> {
        Ok(if self.compare(o)? == Ordering::Less {
            o
        } else {
            self
        })
    }

    pub fn min(self, o: Frac) -> Exact<Frac> {
        Ok(if self.compare(o)? == Ordering::Greater {
            o
        } else {
            self
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    proptest::proptest! {
        /// The whole-decimal shortcut gives exactly what floor(|x| × 100 + ½) gives: value,
        /// scale, sign (a negative zero included) and errors.
        #[test]
        fn a_whole_decimal_rounds_as_the_fraction_does(
            lo: u32, mid: u32, hi in 0u32..=0x0052_B7D2, negative: bool, scale in 0u32..=28,
            small in 0u32..100_000, truncate: bool,
        ) {
            for num in [
                Decimal::from_parts(lo, mid, hi, negative, scale),
                Decimal::from_parts(small, 0, 0, negative, scale % 8),
            ] {
                let x = Frac::of(num);
                let (fast, slow) = (x.round2(truncate), x.round2_by_floor(truncate));
                proptest::prop_assert_eq!(fast, slow);
                if let (Ok(a), Ok(b)) = (fast, slow) {
                    proptest::prop_assert_eq!(a.to_string(), b.to_string());
                }
            }
        }
    }

    #[test]
    fn an_exact_half_cent_rounds_up() {
        // 7.14 × 7 / 12 = 4.165 exactly; 7.14 × (7 / 12) rounds to 4.16.
        let f = Frac::of(d("7.14"))
            .times(d("7"))
            .unwrap()
            .over(d("12"))
            .unwrap();
        assert_eq!(f.round2(false).unwrap(), d("4.17"));
        assert_eq!(f.round2(true).unwrap(), d("4.16"));
        let naive = d("7.14") * (d("7") / d("12"));
        assert_eq!(
            naive.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
            d("4.16")
        );
        // 8.33 × (1 − (76.5 − 63) / 63) = 8.33 × 49.5 / 63 = 6.545
        let r = Frac::of(d("8.33"))
            .times(d("49.5"))
            .unwrap()
            .over(d("63"))
            .unwrap();
        assert_eq!(r.round2(false).unwrap(), d("6.55"));
        assert_eq!(r.round2(false).unwrap().to_string(), "6.55");
    }

    #[test]
    fn floor_and_ceil_are_exact() {
        let third = Frac::new(d("1"), d("3")).unwrap();
        let one = third.times(d("3")).unwrap();
        assert_eq!(one.floor().unwrap(), d("1"));
        assert_eq!(one.ceil().unwrap(), d("1"));
        assert_eq!(third.floor().unwrap(), d("0"));
        assert_eq!(third.ceil().unwrap(), d("1"));
        let neg = Frac::new(d("-5"), d("2")).unwrap();
        assert_eq!(neg.floor().unwrap(), d("-3"));
        assert_eq!(neg.ceil().unwrap(), d("-2"));
        assert_eq!(neg.round2(false).unwrap(), d("-2.50"));
    }

    #[test]
    fn overflow_is_an_error_not_a_saturated_number() {
        let big = Frac::of(Decimal::MAX);
        assert_eq!(big.times(d("2")), Err(Overflow));
        assert_eq!(Frac::new(d("1"), Decimal::ZERO), Err(Overflow));
        let tiny = d("0.0000000000000000000000000001");
        let f = Frac::of(d("100000000000000"))
            .times(tiny)
            .unwrap()
            .over(tiny)
            .unwrap();
        assert_eq!(f.round2(false).unwrap(), d("100000000000000.00"));
        // A product that would need more than 28 digits is not silently rounded.
        let long = d("1.234567890123456789012345678");
        assert_eq!(Frac::of(long).times(long), Err(Overflow));
    }

    #[test]
    fn comparisons_are_exact() {
        let a = Frac::new(d("2"), d("3")).unwrap();
        let b = Frac::new(d("4"), d("6")).unwrap();
        assert_eq!(a.compare(b).unwrap(), Ordering::Equal);
        assert_eq!(
            a.cmp_dec(d("0.6666666666666666666666666667")).unwrap(),
            Ordering::Less
        );
    }
}
