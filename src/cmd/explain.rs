//! `jixiao explain "<rule text>" [--target "≥95%"] [--weight 10] [--actual 85%]`: how a rule text
//! is read — each clause and what it became, the canonical form — and, with an actual, the score
//! with every step of the arithmetic.

use std::io::Write;

use jixiao::actuals::read_indicator_actual;
use jixiao::error::{Diagnostic, Error, Location};
use jixiao::quantity::plain;
use jixiao::rules;
use jixiao::scoring::{indicator_for, score_indicator, two, Config};
use rust_decimal::Decimal;

#[derive(clap::Args)]
pub struct Args {
    /// 评(扣)分标准原文 — the rule text as written (or its canonical form)
    rule: String,
    /// 指标值，如 "≥95%" — the target value
    #[arg(long)]
    target: Option<String>,
    /// 分值 — the weight
    #[arg(long, default_value = "10")]
    weight: Decimal,
    /// 实际完成值，如 "85%" — the actual (needs --target)
    #[arg(long, requires = "target")]
    actual: Option<String>,
    /// 允许加分超过分值 — let a bonus take the score above the weight
    #[arg(long)]
    allow_bonus: bool,
}

fn input_error(what: &str, message: String, found: &str, expected: String) -> super::Failure {
    super::Failure::Jixiao(Error::one(
        Diagnostic::new(std::path::Path::new(what), Location::File, message)
            .found(found)
            .expected(expected),
    ))
}

pub fn run(args: Args, out: &mut impl Write) -> super::Result {
    let parsed = rules::parse(&args.rule).map_err(|e| {
        input_error(
            "评分标准",
            e.to_string(),
            &args.rule,
            if e.closest.is_empty() {
                "用规则表 [table.indicator.rule] 写明计分方法".to_string()
            } else {
                format!("已知的写法，最接近的: {}", e.closest.join(" | "))
            },
        )
    })?;
    writeln!(out, "评分标准：{}", args.rule.trim())?;
    if !parsed.clauses.is_empty() {
        writeln!(out, "逐条解读：")?;
        for c in &parsed.clauses {
            writeln!(out, "  第{}字「{}」→ {}", c.position, c.text, c.meaning)?;
        }
    }
    writeln!(out, "规范形式：{}", parsed.rule)?;
    if let Some(d) = parsed.direction {
        writeln!(out, "措辞的方向：{}指标", d.chinese())?;
    }
    let Some(target) = &args.target else {
        for l in &parsed.lints {
            writeln!(out, "提示：{l}")?;
        }
        return Ok(());
    };
    // The weight is checked here, so that a weight out of range is blamed on --weight and not on
    // --target (the same range as `weight` in a targets file).
    if args.weight < Decimal::ZERO || args.weight > Decimal::ONE_HUNDRED {
        return Err(input_error(
            "--weight",
            "分值超出范围".into(),
            &args.weight.to_string(),
            "0 到 100 之间的数".into(),
        ));
    }
    let ind =
        indicator_for(target, Some(&args.rule), args.weight, args.allow_bonus).map_err(|e| {
            input_error(
                "--target",
                e,
                target,
                "指标值，如 ≥95%、≤63万元、及时".into(),
            )
        })?;
    writeln!(
        out,
        "指标：指标值 {}，分值 {}，按{}指标计分",
        target.trim(),
        plain(args.weight),
        ind.direction.chinese()
    )?;
    for l in &ind.lints {
        writeln!(out, "提示：{l}")?;
    }
    let Some(actual) = &args.actual else {
        return Ok(());
    };
    let (value, read_warnings) = read_indicator_actual(actual, &ind)
        .map_err(|e| input_error("--actual", e.message, actual, e.expected))?;
    let outcome = score_indicator(&ind, &value, "（explain）", &Config::default())
        .map_err(|e| input_error("--actual", e.message, actual, e.expected))?;
    writeln!(out, "计分：实际完成值 {}", actual.trim())?;
    for line in &outcome.trace {
        writeln!(out, "  {line}")?;
    }
    writeln!(out, "扣分说明：{}", outcome.explanation)?;
    for w in read_warnings.iter().chain(&outcome.warnings) {
        writeln!(out, "提示：{w}")?;
    }
    writeln!(out, "得分：{}", two(outcome.score))?;
    Ok(())
}
