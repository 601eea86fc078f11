//! The engine against exact rational arithmetic (i128 fractions written here, independently of
//! the engine's `Frac`): for random weights, targets and actuals of every numeric rule shape, the
//! score must be the exact value rounded once, half away from zero. The inputs are chosen so that
//! exact half cents (4.165, 6.545) come up often: a division before a multiplication would round
//! them the wrong way.

use proptest::prelude::*;
use rust_decimal::Decimal;

use jixiao::scoring::evaluate;

/// An exact fraction n / d (d > 0).
#[derive(Debug, Clone, Copy)]
struct Q(i128, i128);

impl Q {
    fn int(n: i128) -> Q {
        Q(n, 1)
    }
    /// A number written with 2 decimals, given in hundredths.
    fn cents(c: i128) -> Q {
        Q(c, 100)
    }
    fn mul(self, o: Q) -> Q {
        Q(self.0 * o.0, self.1 * o.1)
    }
    fn div(self, o: Q) -> Q {
        assert!(o.0 != 0);
        let (n, d) = (self.0 * o.1, self.1 * o.0);
        if d < 0 {
            Q(-n, -d)
        } else {
            Q(n, d)
        }
    }
    fn sub(self, o: Q) -> Q {
        Q(self.0 * o.1 - o.0 * self.1, self.1 * o.1)
    }
    fn lt(self, o: Q) -> bool {
        self.0 * o.1 < o.0 * self.1
    }
    fn floor(self) -> i128 {
        self.0.div_euclid(self.1)
    }
    fn ceil(self) -> i128 {
        -(Q(-self.0, self.1).floor())
    }
    fn clamp(self, lo: Q, hi: Q) -> Q {
        if self.lt(lo) {
            lo
        } else if hi.lt(self) {
            hi
        } else {
            self
        }
    }
    /// 四舍五入 to 2 decimals, for x ≥ 0: floor(100x + ½).
    fn round2(self) -> Decimal {
        assert!(self.0 >= 0);
        let cents = (200 * self.0 + self.1).div_euclid(2 * self.1);
        Decimal::from_i128_with_scale(cents, 2)
    }
}

fn text(c: i128) -> String {
    Decimal::from_i128_with_scale(c, 2).normalize().to_string()
}

/// Targets whose division comes out at exact half cents often.
const TARGETS: &[i128] = &[
    2, 3, 4, 5, 6, 8, 12, 16, 20, 25, 40, 50, 63, 80, 95, 100, 120,
];

#[derive(Debug, Clone)]
enum Shape {
    DefaultPositive,
    DefaultReverse,
    /// 每减少 S 次扣 P 分, counting whole / round up / proportional.
    StepUnits {
        size: i128,
        points_cents: i128,
        counting: u8,
    },
    /// 每减少总量 S%，扣 Q% 权重分.
    StepRelative {
        size: i128,
        share: i128,
    },
    /// ≥90% 计5分; 80%(含)-90% 计4分; 60%(含)-80% 计3分; 低于60%不得分, on the completion ratio.
    Bands,
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        Just(Shape::DefaultPositive),
        Just(Shape::DefaultReverse),
        (1i128..=4, 1i128..=300, 0u8..3).prop_map(|(size, points_cents, counting)| {
            Shape::StepUnits {
                size,
                points_cents,
                counting,
            }
        }),
        (
            prop::sample::select(vec![5i128, 10, 20]),
            prop::sample::select(vec![10i128, 20, 25, 50])
        )
            .prop_map(|(size, share)| Shape::StepRelative { size, share }),
        Just(Shape::Bands),
    ]
}

/// The rule text, target text and exact expected score of a case.
fn expected(shape: &Shape, w: Q, t: i128, a_cents: i128) -> (Option<String>, String, Decimal) {
    let a = Q::cents(a_cents);
    let tq = Q::int(t);
    let zero = Q::int(0);
    match shape {
        Shape::DefaultPositive => {
            let s = if !a.lt(tq) {
                w
            } else if a_cents <= 0 {
                zero
            } else {
                w.mul(a).div(tq)
            };
            (None, format!("≥{t}次"), s.clamp(zero, w).round2())
        }
        Shape::DefaultReverse => {
            let s = if !tq.lt(a) {
                w
            } else if !a.lt(Q::int(2 * t)) {
                zero
            } else {
                w.mul(Q::int(2 * t).sub(a)).div(tq)
            };
            (None, format!("≤{t}万元"), s.clamp(zero, w).round2())
        }
        Shape::StepUnits {
            size,
            points_cents,
            counting,
        } => {
            let p = text(*points_cents);
            let (rule, steps) = {
                let dev = if a.lt(tq) { tq.sub(a) } else { zero };
                let ratio = dev.div(Q::int(*size));
                match counting {
                    0 => (format!("每减少{size}次扣{p}分"), Q::int(ratio.floor())),
                    1 => (
                        format!("每减少{size}次扣{p}分，不满{size}次按{size}次计算"),
                        Q::int(ratio.ceil()),
                    ),
                    _ => (format!("每减少{size}次，按比例扣{p}分"), ratio),
                }
            };
            let s = w.sub(steps.mul(Q::cents(*points_cents)));
            (Some(rule), format!("≥{t}次"), s.clamp(zero, w).round2())
        }
        Shape::StepRelative { size, share } => {
            let dev = if a.lt(tq) { tq.sub(a) } else { zero };
            let measured = dev.mul(Q::int(100)).div(tq);
            let steps = measured.div(Q::int(*size)).floor();
            let s = w.sub(Q::int(steps).mul(w).mul(Q::int(*share)).div(Q::int(100)));
            (
                Some(format!("每减少总量{size}%，扣{share}%权重分")),
                format!("≥{t}次"),
                s.clamp(zero, w).round2(),
            )
        }
        Shape::Bands => {
            let r = a.mul(Q::int(100)).div(tq);
            let p = if !r.lt(Q::int(90)) {
                5
            } else if !r.lt(Q::int(80)) {
                4
            } else if !r.lt(Q::int(60)) {
                3
            } else {
                0
            };
            // Stated full marks 5, scaled to the weight: p × w / 5.
            let s = Q::int(p).mul(w).div(Q::int(5));
            (
                Some("≥90%,计5分;80%(含)-90%,计4分;60%(含)-80%,计3分;低于60%不得分".into()),
                format!("≥{t}次"),
                s.clamp(zero, w).round2(),
            )
        }
    }
}

fn check(shape: &Shape, w_cents: i128, t: i128, a_cents: i128) -> Result<(), TestCaseError> {
    let w = Q::cents(w_cents);
    let (rule, target, want) = expected(shape, w, t, a_cents);
    let unit = if target.ends_with("万元") {
        "万元"
    } else {
        "次"
    };
    let actual = format!("{}{unit}", text(a_cents));
    let weight = Decimal::from_i128_with_scale(w_cents, 2);
    let got = evaluate(&target, rule.as_deref(), weight, &actual)
        .map_err(|e| TestCaseError::fail(format!("{target} {rule:?} {actual}: {e}")))?;
    prop_assert_eq!(
        got.score,
        want,
        "{:?}: target {}, rule {:?}, weight {}, actual {}",
        shape,
        target,
        rule,
        weight,
        actual
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_score_is_the_exact_fraction_rounded_once(
        shape in shape(),
        w_cents in 1i128..=2000,
        t in prop::sample::select(TARGETS),
        a_raw in 0i128..=1_000_000,
        whole in any::<bool>(),
    ) {
        // Actuals from 0 to 2.5 × the target: whole numbers (7 of 12) or with 2 decimals.
        let a_cents = if whole { (a_raw % (3 * t)) * 100 } else { a_raw % (250 * t + 1) };
        check(&shape, w_cents, t, a_cents)?;
    }
}

/// The two cases the issue measured, pinned.
#[test]
fn the_half_cents_that_used_to_round_down() {
    let d = |s: &str| Decimal::from_str_exact(s).unwrap();
    // 7.14 × 7 / 12 = 4.165
    let o = evaluate("≥12次", None, d("7.14"), "7次").unwrap();
    assert_eq!(o.score, d("4.17"));
    // 8.33 × (1 − (76.5 − 63) / 63) = 6.545
    let o = evaluate("≤63万元", None, d("8.33"), "76.5万元").unwrap();
    assert_eq!(o.score, d("6.55"));
}
