//! `jixiao explain "<rule text>" [--target "≥95%"] [--weight 10] [--actual 85%]`: how a rule text
//! is read — each clause and what it became, the canonical form — and, with an actual, the score
//! with every step of the arithmetic.

use std::io::Write;

use jixiao::actuals::read_for;
use jixiao::error::{Diagnostic, Error, Location};
use jixiao::quantity::{plain, Direction, TargetValue};
use jixiao::rules;
use jixiao::scoring::{explain_indicator, indicator_for, two, Config};
use rust_decimal::Decimal;

#[derive(clap::Args)]
pub struct Args {
    /// 评(扣)分标准原文 — the rule text as written (or its canonical form); "" = none
    #[arg(required_unless_present = "default")]
    rule: Option<String>,
    /// 按国家默认方法（没有评分标准的指标）— the national default method (no rule)
    #[arg(long, conflicts_with = "rule")]
    default: bool,
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
    let rule = args.rule.clone().unwrap_or_default();
    if rule.trim().is_empty() {
        return default_method(&args, out);
    }
    let parsed = rules::parse(&rule)
        .map_err(|e| input_error("评分标准", e.to_string(), &rule, e.expected()))?;
    writeln!(out, "评分标准：{}", rule.trim())?;
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
    let ind = indicator(&args, target, Some(&rule))?;
    write_indicator(out, target, &args, &ind)?;
    for l in &ind.lints {
        writeln!(out, "提示：{l}")?;
    }
    score_actual(&args, &ind, out)
}

/// The indicator `explain` scores: the weight is checked first, so that a weight out of range
/// is blamed on --weight and not on --target (the same checks as `weight` in a targets file).
fn indicator(
    args: &Args,
    target: &str,
    rule: Option<&str>,
) -> std::result::Result<jixiao::targets::Indicator, super::Failure> {
    if args.weight < Decimal::ZERO || args.weight > Decimal::ONE_HUNDRED {
        return Err(input_error(
            "--weight",
            "分值超出范围".into(),
            &args.weight.to_string(),
            "0 到 100 之间的数".into(),
        ));
    }
    if jixiao::targets::finer_than_cents(args.weight) {
        return Err(input_error(
            "--weight",
            "分值细于0.01分：评分表的分值和得分都写到0.01分".into(),
            &args.weight.to_string(),
            "最多两位小数的分值".into(),
        ));
    }
    indicator_for(target, rule, args.weight, args.allow_bonus).map_err(|e| {
        // A problem of the rule against the target (`rule: …`) names the rule, not the target.
        match (e.strip_prefix("rule: "), rule) {
            (Some(message), Some(rule)) => input_error(
                "评分标准（与 --target）",
                message.to_string(),
                rule,
                format!("与指标值「{}」一致的评分标准", target.trim()),
            ),
            _ => input_error(
                "--target",
                e.strip_prefix("target: ").map_or(e.clone(), str::to_string),
                target,
                "指标值，如 ≥95%、≤63万元、及时".into(),
            ),
        }
    })
}

fn write_indicator(
    out: &mut impl Write,
    target: &str,
    args: &Args,
    ind: &jixiao::targets::Indicator,
) -> std::io::Result<()> {
    writeln!(
        out,
        "指标：指标值 {}，分值 {}，按{}指标计分",
        target.trim(),
        plain(args.weight),
        ind.direction.chinese()
    )
}

const POSITIVE: &str = "正向指标：实际达到指标值得满分；否则 得分 = 分值 × 实际 ÷ 指标值（实际为 0 或指标值为 0 时得 0）";
const REVERSE: &str = "反向指标：实际不超过指标值得满分；超出时 得分 = 分值 × (1 − (实际 − 指标值) ÷ 指标值)，实际达到指标值的 2 倍及以上得 0（指标值为 0 时超过即得 0）";
const QUALITATIVE: &str = "定性指标：评价为达成按 80%–100%（不写比例为 100%），部分达成按 60%–80%（不写为 60%），未达成按 0–60%（不写为 0）；得分 = 分值 × 比例";

/// `explain "" …` or `explain --default …`: the national default method for the target, with
/// every step of the arithmetic — what a row without a rule shows on the sheet.
fn default_method(args: &Args, out: &mut impl Write) -> super::Result {
    writeln!(out, "评分标准：（无）按国家默认方法计分")?;
    let Some(target) = &args.target else {
        for m in [POSITIVE, REVERSE, QUALITATIVE] {
            writeln!(out, "方法：{m}")?;
        }
        return Ok(());
    };
    let ind = indicator(args, target, None)?;
    let qualitative = matches!(ind.target, TargetValue::Qualitative(_));
    if qualitative {
        writeln!(
            out,
            "指标：指标值 {}，分值 {}，定性指标",
            target.trim(),
            plain(args.weight)
        )?;
        writeln!(out, "方法：{QUALITATIVE}")?;
    } else {
        write_indicator(out, target, args, &ind)?;
        if let Some(d) = ind.target.deadline() {
            let (within, unit, count) = match d.day {
                Some(_) => ("含当日", "日", "天数"),
                None => ("含当月", "月", "月数"),
            };
            writeln!(
                out,
                "期限：不晚于{}（{within}），按{unit}计；晚于期限的按推迟的{count}计分",
                d.label()
            )?;
        }
        let method = match ind.direction {
            Direction::Positive => POSITIVE,
            Direction::Reverse => REVERSE,
        };
        writeln!(out, "方法：{method}")?;
    }
    for l in &ind.lints {
        writeln!(out, "提示：{l}")?;
    }
    score_actual(args, &ind, out)
}

fn score_actual(
    args: &Args,
    ind: &jixiao::targets::Indicator,
    out: &mut impl Write,
) -> super::Result {
    let Some(actual) = &args.actual else {
        return Ok(());
    };
    let (value, read_warnings) = read_for(actual, ind)
        .map_err(|e| input_error("--actual", e.message, actual, e.expected))?;
    let outcome = explain_indicator(ind, &value, "（explain）", &Config::default())
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
