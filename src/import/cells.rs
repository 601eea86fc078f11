//! Cells (单元格) of one table row recovered from extracted text. A PDF extractor writes a row as
//! slices: the cells that fit on one line side by side, separated by spaces, and the cells that
//! wrap as runs of lines. Which line break ends a cell is not in the text; [`split`] tries every
//! way of cutting the row into its columns and keeps the one that reads best:
//! - a wrapped cell's lines are full width except the last (a short line ends a cell);
//! - the 指标值 reads as a target (a number, a deadline, or a few words such as 及时);
//! - a 三级指标 often repeats as its 绩效指标描述, and is rarely longer than it;
//! - nothing in the 指标值 or 依据 ends a sentence (`。`).
//!
//! When the runner-up reads almost as well, the caller is told, and marks the indicator 待核对.

use super::pieces::{is_numeric_target, print_width, width};

/// What a column holds, for judging a reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 三级指标.
    Name,
    /// 绩效指标描述.
    Description,
    /// 指标值.
    Target,
    /// 指标值确定依据.
    Basis,
    /// 评(扣)分标准.
    Rule,
    /// 分值.
    Weight,
}

impl Kind {
    /// A column that may be empty in a printed row (only as the last column of the row).
    fn optional(self) -> bool {
        matches!(
            self,
            Kind::Basis | Kind::Rule | Kind::Weight | Kind::Description
        )
    }
}

/// One slice of a row: a piece of text and whether it starts a line (a cell can only continue
/// across a line break, never across a space on one line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    pub text: String,
    pub line: u64,
    pub starts_line: bool,
}

/// The chosen reading of a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// One text per column (the last may be empty, see `empty_last`).
    pub cells: Vec<String>,
    /// The row printed nothing for its last column.
    pub empty_last: bool,
    /// Another reading scored almost as well: its cells.
    pub close: Option<Vec<String>>,
    /// The index of each printed cell's first slice (one per cell, the empty last one aside).
    pub starts: Vec<usize>,
}

/// Readings closer than this to the best are worth a reviewer's look.
const CLOSE: f64 = 1.0;
/// More ways to cut a row than this: the row is not read (it is left for review).
const MAX_READINGS: usize = 20_000;

/// Cuts `slices` into `kinds.len()` cells (or one fewer, the last column empty).
pub fn split(slices: &[Slice], kinds: &[Kind]) -> Option<Reading> {
    let n = slices.len();
    if n == 0 || kinds.is_empty() {
        return None;
    }
    let forced: Vec<usize> = (1..n).filter(|&i| !slices[i].starts_line).collect();
    let optional: Vec<usize> = (1..n).filter(|&i| slices[i].starts_line).collect();
    let mut scored: Vec<(f64, Vec<String>, bool, Vec<usize>)> = Vec::new();
    let mut groups_wanted = vec![kinds.len()];
    if kinds.len() > 1 && kinds[kinds.len() - 1].optional() {
        groups_wanted.push(kinds.len() - 1);
    }
    for g in groups_wanted {
        if g < forced.len() + 1 || g > n {
            continue;
        }
        let k = g - 1 - forced.len();
        if combinations(optional.len(), k) > MAX_READINGS {
            return None;
        }
        for chosen in choose(&optional, k) {
            let mut cuts: Vec<usize> = forced.iter().copied().chain(chosen).collect();
            cuts.sort_unstable();
            let groups = group(slices, &cuts);
            let empty_last = g < kinds.len();
            let score = score(&groups, kinds, empty_last);
            let mut cells: Vec<String> = groups.iter().map(|g| g.concat()).collect();
            if empty_last {
                cells.push(String::new());
            }
            let starts = std::iter::once(0).chain(cuts.iter().copied()).collect();
            scored.push((score, cells, empty_last, starts));
        }
    }
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut it = scored.into_iter();
    let (best, cells, empty_last, starts) = it.next()?;
    if !best.is_finite() {
        return None;
    }
    let close = it
        .find(|(s, c, _, _)| *c != cells && *s - best < CLOSE)
        .map(|(_, c, _, _)| c);
    Some(Reading {
        cells,
        empty_last,
        close,
        starts,
    })
}

fn combinations(n: usize, k: usize) -> usize {
    if k > n {
        return 0;
    }
    let mut c: usize = 1;
    for i in 0..k {
        c = c.saturating_mul(n - i) / (i + 1);
    }
    c
}

/// Every way of choosing `k` of `from` (in order).
fn choose(from: &[usize], k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for i in 0..from.len() {
        if from.len() - i < k {
            break;
        }
        for mut rest in choose(&from[i + 1..], k - 1) {
            rest.insert(0, from[i]);
            out.push(rest);
        }
    }
    out
}

/// The slices' texts cut before each index of `cuts`.
fn group<'a>(slices: &'a [Slice], cuts: &[usize]) -> Vec<Vec<&'a str>> {
    let mut out = vec![Vec::new()];
    for (i, s) in slices.iter().enumerate() {
        if cuts.contains(&i) {
            out.push(Vec::new());
        }
        out.last_mut().expect("one group").push(s.text.as_str());
    }
    out
}

/// Words a qualitative 指标值 is made of.
pub const TARGET_WORDS: &[&str] = &[
    "及时",
    "稳定",
    "提高",
    "提升",
    "降低",
    "安全",
    "达标",
    "合格",
    "良好",
    "显著",
    "有效",
    "发生",
    "完成",
    "按时",
    "改善",
    "增强",
    "激励",
    "健康",
    "满意",
    "规范",
    "到位",
    "拨付",
    "未发生",
    "零发生",
];

/// How badly a reading fits (lower is better; infinite is impossible).
fn score(groups: &[Vec<&str>], kinds: &[Kind], empty_last: bool) -> f64 {
    let mut s = 0.0;
    let mut name = None;
    let mut description = None;
    for (cells, kind) in groups.iter().zip(kinds) {
        let text = cells.concat();
        if text.is_empty() {
            return f64::INFINITY;
        }
        s += wrap_penalty(cells);
        match kind {
            Kind::Target => s += target_penalty(&text),
            Kind::Basis | Kind::Weight => {
                s += 0.15 * width(&text) as f64;
                if text.ends_with('。') {
                    s += 2.0;
                }
            }
            Kind::Name | Kind::Description => {
                // A line of its own that reads as a number (`1人`) is a 指标值, not text.
                if is_numeric_target(&text) || cells.iter().any(|c| is_numeric_target(c)) {
                    s += 3.0;
                }
                if *kind == Kind::Name {
                    name = Some(text.clone());
                } else {
                    description = Some(text.clone());
                }
            }
            Kind::Rule => {}
        }
    }
    if let (Some(n), Some(d)) = (&name, &description) {
        if n == d {
            s -= 3.0;
        } else if width(n) > width(d) {
            s += 0.5;
        }
    }
    if empty_last {
        s += 4.0;
    }
    s
}

/// A wrapped cell's lines before the last are as wide as its widest line.
fn wrap_penalty(cells: &[&str]) -> f64 {
    if cells.len() < 2 {
        return 0.0;
    }
    let widest = cells.iter().map(|c| print_width(c)).max().unwrap_or(0);
    cells[..cells.len() - 1]
        .iter()
        .filter(|c| print_width(c) + 2 < widest)
        .count() as f64
        * 2.0
}

fn target_penalty(text: &str) -> f64 {
    if is_numeric_target(text) {
        return 0.0;
    }
    let mut p = 0.1 * width(text) as f64;
    // Words from the start read best; a word after stray characters (`较降低`, `性及时`) is
    // likely the end of the line before, glued on.
    p += if made_of_words(text) {
        0.0
    } else if TARGET_WORDS.iter().any(|w| text.starts_with(w)) {
        0.5
    } else if TARGET_WORDS.iter().any(|w| text.contains(w)) {
        1.0
    } else {
        1.5
    };
    if text.contains('，') {
        p += 1.0;
    }
    if text.ends_with('。') {
        p += 5.0;
    }
    p
}

/// Whether a text is nothing but target words (`激励提高`, `安全稳定`).
fn made_of_words(text: &str) -> bool {
    text.is_empty()
        || TARGET_WORDS
            .iter()
            .any(|w| text.strip_prefix(w).is_some_and(made_of_words))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slices(lines: &[&[&str]]) -> Vec<Slice> {
        let mut out = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            for (j, p) in l.iter().enumerate() {
                out.push(Slice {
                    text: p.to_string(),
                    line: i as u64 + 1,
                    starts_line: j == 0,
                });
            }
        }
        out
    }

    const SEED: [Kind; 4] = [Kind::Name, Kind::Description, Kind::Target, Kind::Basis];

    #[test]
    fn a_wrapped_name_ends_where_its_repetition_starts() {
        let r = split(
            &slices(&[
                &["保障社会治安秩序"],
                &["稳定"],
                &["保障社会治安秩序稳定", "稳定", "实际情况"],
            ]),
            &SEED,
        )
        .unwrap();
        assert_eq!(
            r.cells,
            [
                "保障社会治安秩序稳定",
                "保障社会治安秩序稳定",
                "稳定",
                "实际情况"
            ]
        );
        assert_eq!(r.close, None);
    }

    #[test]
    fn a_short_line_ends_a_cell() {
        let r = split(
            &slices(&[
                &["提高民警工作积极性，完善"],
                &["职业制度体系和社会治安稳"],
                &["定"],
                &["激励与约束、严管与厚爱并"],
                &["重，加快构建职业制度体系，"],
                &["推动新时代政法队伍科学发"],
                &["展。"],
                &["增强民警工作积极性，提"],
                &["高民警待遇和工作效率"],
                &["实际情况"],
            ]),
            &SEED,
        )
        .unwrap();
        assert_eq!(
            r.cells[0],
            "提高民警工作积极性，完善职业制度体系和社会治安稳定"
        );
        assert_eq!(r.cells[2], "增强民警工作积极性，提高民警待遇和工作效率");
        assert_eq!(r.cells[3], "实际情况");
    }

    #[test]
    fn a_target_split_over_two_lines_is_rejoined() {
        let r = split(
            &slices(&[
                &["发放及时性", "抚恤金发放及时性"],
                &["每年第二季度之"],
                &["前完成"],
                &["实际发放情况"],
            ]),
            &SEED,
        )
        .unwrap();
        assert_eq!(r.cells[2], "每年第二季度之前完成");
    }
}
