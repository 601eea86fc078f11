//! Pieces (片段) of extracted text: a line of a PDF's text split where the extractor put the
//! space between two cells, with the spaces that belong inside a cell (`≤ 63万元`, `刑医 1号`)
//! kept. Widths are counted in characters, the unit a table column wraps at.

use crate::quantity::TargetValue;

/// One line of the input with its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    pub number: u64,
    pub text: &'a str,
    /// At least three blank lines come before it: a page break in the extractor's output.
    pub after_page_break: bool,
}

/// The non-blank lines of a text, each knowing whether a page break came before it.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut blanks = 0;
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
        if t.is_empty() {
            blanks += 1;
            continue;
        }
        out.push(Line {
            number: i as u64 + 1,
            text: t,
            after_page_break: blanks >= 3,
        });
        blanks = 0;
    }
    out
}

/// A comparison sign standing alone (`≥` printed in its own sub-column).
pub fn is_operator(s: &str) -> bool {
    matches!(
        s,
        "≥" | "≤" | "=" | "<" | ">" | "＞" | "＜" | "≧" | "≦" | "＝" | ">=" | "<="
    )
}

/// Whether a text reads as a numeric target or a deadline (`≥13个`, `100百分比`, `12月`,
/// `控制在30万元以内`). A number followed by a long text (`100人中共廊坊市…`) is not one: its
/// "unit" is the next cell.
pub fn is_numeric_target(s: &str) -> bool {
    let han = s.chars().filter(|&c| is_cjk(c)).count();
    match TargetValue::parse(s) {
        Ok(t @ TargetValue::Numeric { .. }) => t.deadline().is_some() || han <= 6,
        _ => false,
    }
}

/// Splits a line into the cells the extractor separated by spaces. A lone sign joins the number
/// after it (`≤ 63万元`), and a piece that starts with a digit but is not a target by itself
/// (`1号）及执行通知` after `刑医`) joins the piece before it: the space was inside a cell.
pub fn split(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut glue_next = false;
    for word in line
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let starts_numeric =
            word.starts_with(|c: char| c.is_ascii_digit() || c == '%' || c == '％');
        let joins_before =
            !out.is_empty() && (glue_next || (starts_numeric && !is_numeric_target(word)));
        if joins_before {
            let last = out.last_mut().expect("not empty");
            last.push(' ');
            last.push_str(word);
        } else {
            out.push(word.to_string());
        }
        glue_next = is_operator(word);
    }
    out
}

/// A text's width in characters, spaces not counted.
pub fn width(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// How wide a text prints, in half characters: a Chinese character is two, a digit or a Latin
/// letter one (`2017冀1002` is as wide as six Chinese characters).
pub fn print_width(s: &str) -> usize {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum()
}

/// Whether a character is Chinese (a Han character or CJK punctuation).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x2018..=0x201F)
}

/// Removes the spaces an extractor puts between Chinese and a number (`每减少 10%，扣 20%`):
/// the way the hand transcription writes 评(扣)分标准.
pub fn close_number_spaces(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < chars.len() {
            let (a, b) = (chars[i - 1], chars[i + 1]);
            let digitish = |c: char| c.is_ascii_digit() || c == '%';
            if (is_cjk(a) && digitish(b)) || (digitish(a) && is_cjk(b)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_split_at_spaces_that_separate_cells() {
        assert_eq!(
            split("总成本 总成本 ≤ 63万元 预算"),
            ["总成本", "总成本", "≤ 63万元", "预算"]
        );
        assert_eq!(split("刑医 1号）及执行通知"), ["刑医 1号）及执行通知"]);
        assert_eq!(
            split("保障禁毒工作正常开展部门数量 1个 实际情况"),
            ["保障禁毒工作正常开展部门数量", "1个", "实际情况"]
        );
    }

    #[test]
    fn page_breaks_are_three_blank_lines() {
        let l = lines("a\n\nb\n\n\n\nc\n");
        assert_eq!(
            l.iter()
                .map(|l| (l.number, l.after_page_break))
                .collect::<Vec<_>>(),
            [(1, false), (3, false), (7, true)]
        );
    }

    #[test]
    fn number_spaces_close() {
        assert_eq!(
            close_number_spaces("每减少 10%，扣 20%权重分。"),
            "每减少10%，扣20%权重分。"
        );
        assert_eq!(close_number_spaces("每减少 1次扣"), "每减少1次扣");
    }
}
