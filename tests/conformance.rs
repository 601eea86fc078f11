//! The conformance table (tests/conformance.tsv): rule texts as finance users paste them, with
//! scores computed by hand from SCORING.md §2–§5 and §10, and the canonical form each rule must
//! print as.
//!
//! Format, tab-separated, one header line, `#` comment lines allowed:
//! `rule<TAB>target<TAB>weight<TAB>actual<TAB>score<TAB>canonical`
//! - rule `-`: no rule (the national default method); its canonical must then be `-`.
//! - score: the expected score, written with exactly 2 decimals; or `error(TEXT)`: the actual,
//!   the target or the rule must be refused, with a message containing TEXT — a text that can be
//!   read two ways is refused rather than scored (never a silent wrong score).
//! - canonical: the rule's canonical form, `-` for no rule, or `refused` for a rule that must not
//!   parse.
//!
//! Every non-comment row is checked; a malformed row, an unreadable weight or score, an
//! unreadable rule or an `Err` from `evaluate` fails the test (nothing is skipped). All problems
//! are collected and reported together.

use jixiao::scoring::evaluate;
use rust_decimal::Decimal;

const HEADER: &str = "rule\ttarget\tweight\tactual\tscore\tcanonical";
const MIN_ROWS: usize = 100;

fn table() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance.tsv");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// Checks one data row; returns a description of every way it fails.
fn check_row(fields: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    let [rule, target, weight, actual, score, canonical] = fields else {
        return vec![format!(
            "expected 6 tab-separated fields, found {}",
            fields.len()
        )];
    };
    let weight = match Decimal::from_str_exact(weight) {
        Ok(w) => Some(w),
        Err(e) => {
            problems.push(format!("unreadable weight {weight:?}: {e}"));
            None
        }
    };
    // `error(…)`: evaluate must fail, saying so.
    let refused = score
        .strip_prefix("error(")
        .and_then(|r| r.strip_suffix(')'));
    let expected = match Decimal::from_str_exact(score) {
        _ if refused.is_some() => None,
        Ok(s) if s.scale() == 2 => Some(s),
        Ok(_) => {
            problems.push(format!(
                "score {score:?} must be written with exactly 2 decimals"
            ));
            None
        }
        Err(e) => {
            problems.push(format!("unreadable score {score:?}: {e}"));
            None
        }
    };
    let rule_opt = if *rule == "-" { None } else { Some(*rule) };
    // Canonical form; `refused`: the rule itself must not parse.
    if *canonical == "refused" {
        if let Some(Ok(p)) = rule_opt.map(jixiao::rules::parse) {
            problems.push(format!(
                "expected the rule to be refused, read as {}",
                p.rule
            ));
        }
    }
    let printed = match rule_opt {
        _ if *canonical == "refused" => Ok("refused".to_string()),
        None => Ok("-".to_string()),
        Some(text) => jixiao::rules::parse(text)
            .map(|p| p.rule.to_string())
            .map_err(|e| format!("rule does not parse: {e}")),
    };
    match printed {
        Ok(p) if p == *canonical => {}
        Ok(p) => problems.push(format!("canonical: expected {canonical:?}, got {p:?}")),
        Err(e) => problems.push(format!("canonical: expected {canonical:?}, got error: {e}")),
    }

    // Score.
    if let (Some(w), Some(text)) = (weight, refused) {
        match evaluate(target, rule_opt, w, actual) {
            Ok(outcome) => problems.push(format!(
                "expected an error containing {text:?}, got score {} ({})",
                outcome.score, outcome.explanation
            )),
            Err(e) if !e.contains(text) => {
                problems.push(format!("expected an error containing {text:?}, got: {e}"))
            }
            Err(_) => {}
        }
        return problems;
    }
    if let Some(w) = weight {
        match evaluate(target, rule_opt, w, actual) {
            Ok(outcome) => {
                if let Some(exp) = expected {
                    if outcome.score != exp {
                        problems.push(format!(
                            "score: expected {exp}, got {} ({})",
                            outcome.score, outcome.explanation
                        ));
                    }
                }
            }
            Err(e) => problems.push(format!("score: expected {score}, evaluate failed: {e}")),
        }
    }
    problems
}

#[test]
fn conformance_table() {
    let text = table();
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.starts_with('#'));
    let (header_line, header) = lines.next().expect("the table has no header line");
    assert_eq!(header, HEADER, "line {header_line}: unexpected header");

    let mut rows = 0;
    let mut failures = Vec::new();
    for (line, row) in lines {
        rows += 1;
        let fields: Vec<&str> = row.split('\t').collect();
        let problems = check_row(&fields);
        if !problems.is_empty() {
            failures.push(format!(
                "line {line}: {row}\n    {}",
                problems.join("\n    ")
            ));
        }
    }

    assert!(
        failures.is_empty(),
        "{} of {rows} conformance rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        rows >= MIN_ROWS,
        "only {rows} conformance rows; at least {MIN_ROWS} are required"
    );
}
