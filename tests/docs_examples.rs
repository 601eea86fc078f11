//! The scoring guide's example tables are program output: every row of a table headed
//! `| 指标值 | 评分标准 | 分值 | 实际 | 得分 | 扣分说明 |` in docs/scoring-guide.md is scored here and
//! must give the score shown, and — where the cell quotes it whole (no `…`, no added note in
//! parentheses) — the explanation word for word. So the guide cannot drift from the engine.

use jixiao::scoring::evaluate;
use rust_decimal::Decimal;

const HEADER: &str = "| 指标值 | 评分标准 | 分值 | 实际 | 得分 | 扣分说明 |";

fn cells(line: &str) -> Vec<String> {
    line.trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .split(" | ")
        .map(|c| c.trim().trim_matches('`').to_string())
        .collect()
}

#[test]
fn every_example_row_in_the_scoring_guide_is_what_the_program_says() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/scoring-guide.md");
    let text = std::fs::read_to_string(path).unwrap();
    let mut in_table = false;
    let mut previous_rule: Option<String> = None;
    let (mut rows, mut explained) = (0, 0);
    let mut failures = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim() == HEADER {
            in_table = true;
            previous_rule = None;
            continue;
        }
        if !in_table || line.starts_with("| ---") {
            continue;
        }
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        let c = cells(line);
        let [target, rule, weight, actual, score, explanation] = c.as_slice() else {
            failures.push(format!("line {}: expected 6 cells: {line}", n + 1));
            continue;
        };
        let rule = match rule.as_str() {
            "同上" => previous_rule.clone(),
            "（默认方法）" | "—" | "-" => None,
            r => Some(r.to_string()),
        };
        previous_rule = rule.clone();
        if rule.as_deref().is_some_and(|r| r.contains('…')) {
            continue; // an abbreviated rule: the full one is in the row it abbreviates
        }
        rows += 1;
        let w = Decimal::from_str_exact(weight).unwrap();
        let want = score.split('（').next().unwrap_or(score);
        match evaluate(target, rule.as_deref(), w, actual) {
            Ok(o) => {
                if o.score.to_string() != want {
                    failures.push(format!(
                        "line {}: score {} ≠ {want}: {line}",
                        n + 1,
                        o.score
                    ));
                }
                let whole = !explanation.contains('…') && !explanation.contains("（提示");
                if whole {
                    explained += 1;
                    if &o.explanation != explanation {
                        failures.push(format!(
                            "line {}: explanation\n  doc: {explanation}\n  got: {}",
                            n + 1,
                            o.explanation
                        ));
                    }
                }
            }
            Err(e) => failures.push(format!("line {}: refused: {e}: {line}", n + 1)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(rows >= 40, "only {rows} example rows found");
    assert!(explained >= 30, "only {explained} explanations checked");
}
