//! Scored tables (含评(扣)分标准的表): the department-wide 部门整体支出绩效指标 table as a PDF
//! extractor writes it. Its columns are 二级指标 (printed vertically, one character a line, once
//! for a group of rows), 三级指标, 评(扣)分标准, 绩效指标描述, 指标值 (in sub-columns 符号 / 值 / 单位)
//! and 指标值确定依据; its 一级指标 column has no text at all. There is no marker where a row
//! starts, so the reader follows the columns in order through the text: a 三级指标 runs until
//! the words of a rule (`达到目标值`, `得满分`, `不得分` …), the rule until it is complete (it ends
//! in `分`, `止` or `%`), the description until a 指标值 (a sign with a number, or characters
//! printed one a line), then the 依据 (two-character column) until the next row.
//!
//! A row cut by a page break is continued from the next page as slices: the pieces of the first
//! line after the break fill the row's columns in order. Such rows are marked 待核对.

use regex::Regex;

use super::cells::TARGET_WORDS;
use super::pieces::{self, Line};
use super::text_table::level1_of;
use super::{DraftIndicator, DraftTable, Unplaced};

/// 二级指标 words of the national form, as printed vertically (without `指标`).
const LEVEL2: &[&str] = &[
    "数量",
    "质量",
    "时效",
    "成本",
    "社会效益",
    "经济效益",
    "生态效益",
    "可持续影响",
    "服务对象满意度",
    "满意度",
];
/// The order of the 产出指标's 二级指标 in the national form.
const OUTPUT_ORDER: &[&str] = &["数量", "质量", "时效", "成本"];
const RULE_MARKS: &[&str] = &[
    "得满分",
    "不得分",
    "权重分",
    "扣除",
    "扣完",
    "每减少",
    "每增加",
    "每降低",
];
const RULE_STARTS: &[&str] = &["达到", "每减少", "每增加"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    Level2,
    Name,
    Rule,
    Desc,
    Target,
    Basis,
}

/// A piece of the text with where it is.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    line: u64,
    first: bool,
    page_break: bool,
    /// The piece is a whole 指标值 (`≥ 2 次`).
    target: bool,
}

#[derive(Debug, Default)]
struct Row {
    level2: Option<String>,
    name: Vec<(String, u64)>,
    rule: Vec<String>,
    desc: Vec<(String, u64)>,
    target: Target,
    basis: Vec<String>,
    line: u64,
    review: Vec<String>,
    page_break: bool,
    /// Text after a rule that ended inside its piece, to be read as the next column.
    rest: Option<String>,
    /// The row cannot be read one way only: why (it is kept as unplaced text).
    refused: Option<String>,
}

#[derive(Debug, Default)]
struct Target {
    whole: Option<String>,
    op: String,
    digits: String,
    unit: String,
    vertical: String,
}

impl Target {
    fn is_empty(&self) -> bool {
        self.whole.is_none()
            && self.op.is_empty()
            && self.digits.is_empty()
            && self.vertical.is_empty()
    }
    fn text(&self) -> String {
        if let Some(w) = &self.whole {
            return w.clone();
        }
        if !self.vertical.is_empty() {
            return self.vertical.clone();
        }
        [self.op.as_str(), &self.digits, &self.unit]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }
    fn split_over_lines(&self) -> bool {
        self.whole.is_none() && self.vertical.is_empty()
    }
}

impl Row {
    fn incomplete(&self) -> bool {
        self.target.is_empty() || self.desc.is_empty() || self.basis.is_empty()
    }
}

fn target_re() -> Regex {
    Regex::new(r"(?:≥|≤|=|＝|<|>)\s*\d+(?:\.\d+)?\s*(?:%|[\p{Han}]{1,2})?").expect("valid")
}

/// The pieces of one line: a whole 指标值 found first, the rest split at spaces between Chinese
/// (a space beside a number is inside a cell), adjacent single characters joined (`工 作`).
fn line_pieces(l: &Line, re: &Regex) -> Vec<Piece> {
    let mut parts: Vec<(String, bool)> = Vec::new();
    let text = l.text;
    let (before, found, after) = match re.find(text) {
        Some(m) => (
            &text[..m.start()],
            Some(m.as_str().trim().to_string()),
            &text[m.end()..],
        ),
        None => (text, None, ""),
    };
    split_words(before, &mut parts);
    if let Some(t) = found {
        parts.push((t, true));
    }
    split_words(after, &mut parts);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, (text, target))| Piece {
            text,
            line: l.number,
            first: i == 0,
            page_break: l.after_page_break,
            target,
        })
        .collect()
}

fn split_words(s: &str, out: &mut Vec<(String, bool)>) {
    let chars: Vec<char> = s.chars().collect();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let near_number = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit() || *c == '%');
            if near_number(i.checked_sub(1).and_then(|j| chars.get(j)))
                || near_number(chars.get(i + 1))
            {
                cur.push(c);
                continue;
            }
            if !cur.trim().is_empty() {
                out.push((cur.trim().to_string(), false));
            }
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    if !cur.trim().is_empty() {
        out.push((cur.trim().to_string(), false));
    }
    // `工 作`: two single characters side by side are one word printed letter-spaced.
    let mut i = 0;
    while i + 1 < out.len() {
        if !out[i].1
            && !out[i + 1].1
            && pieces::width(&out[i].0) == 1
            && pieces::width(&out[i + 1].0) == 1
        {
            let next = out.remove(i + 1).0;
            out[i].0.push_str(&next);
        } else {
            i += 1;
        }
    }
}

fn single(p: &Piece) -> bool {
    !p.target && pieces::width(&p.text) == 1
}

fn rule_like(s: &str) -> bool {
    RULE_MARKS.iter().any(|m| s.contains(m)) || s.starts_with("发生")
}

/// Where the rule starts in a piece read as a 三级指标 (0: the whole piece is the rule).
fn rule_start(s: &str) -> usize {
    RULE_STARTS
        .iter()
        .filter_map(|w| s.find(w))
        .min()
        .unwrap_or(0)
}

/// A rule is complete when it ends in 分, 止 or % (a full stop aside).
fn rule_complete(rule: &[String]) -> bool {
    let joined = rule.concat();
    let t = joined.trim_end_matches('。');
    t.ends_with('分') || t.ends_with('止') || t.ends_with('%')
}

/// Reads the table's rows from the lines after its header.
pub fn read(lines: &[Line], table: &mut DraftTable) {
    let re = target_re();
    let mut r = Reader {
        ps: lines.iter().flat_map(|l| line_pieces(l, &re)).collect(),
        rows: Vec::new(),
        st: Col::Basis,
        pending_l2: None,
        desc_width: 0,
        re,
    };
    let mut i = 0;
    while i < r.ps.len() {
        i = r.step(i);
    }
    finish(r.rows, table);
}

/// The reader's state as it follows the columns through the pieces.
struct Reader {
    ps: Vec<Piece>,
    rows: Vec<Row>,
    /// The column the next piece is expected in.
    st: Col,
    /// A 二级指标 read before the row it starts.
    pending_l2: Option<String>,
    /// The widest description line so far: a line this wide wrapped.
    desc_width: usize,
    re: Regex,
}

impl Reader {
    fn row(&mut self) -> &mut Row {
        self.rows.last_mut().expect("a row is open in this state")
    }

    /// Reads the piece at `i`; returns the index of the next piece to read (the same index when
    /// the piece is to be read again in another column).
    fn step(&mut self, i: usize) -> usize {
        let p = self.ps[i].clone();
        if p.first
            && p.page_break
            && self
                .rows
                .last()
                .is_some_and(|r| r.incomplete() && r.line < p.line)
        {
            return self.continue_after_break(i);
        }
        match self.st {
            Col::Basis | Col::Level2 => return self.between_rows(i),
            Col::Name => {
                // A 指标值 while the 三级指标 is read: the rule between them was not recognised
                // (`按完成比例计算得分。`), so where the name ends is not known. The row is
                // refused; the 指标值 and 依据 are read on, so that the next row starts right.
                if (p.target || pieces::is_operator(&p.text)) && !self.row().name.is_empty() {
                    let name: String = self.row().name.iter().map(|(n, _)| n.as_str()).collect();
                    self.row().refused.get_or_insert(format!(
                        "三级指标读到了指标值「{}」之前还没有找到评(扣)分标准（「达到目标值得满分」「不得分」「每减少」之类的字样），\
                         「{name}」中三级指标、评分标准、描述的分界读不准",
                        p.text
                    ));
                    self.st = Col::Target;
                    return i;
                }
                if rule_like(&p.text) {
                    let at = rule_start(&p.text);
                    if at > 0 {
                        self.row().name.push((p.text[..at].to_string(), p.line));
                    }
                    self.st = push_rule(self.row(), &p.text[at..]);
                } else {
                    self.row().name.push((p.text.clone(), p.line));
                }
            }
            Col::Rule => self.st = push_rule(self.row(), &p.text),
            Col::Desc => {
                if let Some(next) = self.description(&p, i) {
                    return next;
                }
            }
            Col::Target => {
                if !push_target(&mut self.row().target, &p) {
                    // `≥ 180` then `0万起`: digits after a value that ends in a digit continue it,
                    // but not in a way the sub-columns say: the value may be cut.
                    let t = self.row().target.text();
                    if p.text.starts_with(|c: char| c.is_ascii_digit())
                        && t.ends_with(|c: char| c.is_ascii_digit())
                        && self.row().refused.is_none()
                    {
                        self.row().refused = Some(format!(
                            "指标值「{t}」之后的一行「{}」以数字开头，可能是指标值的后半截（指标值读不准）",
                            p.text
                        ));
                        // Kept with the row (as its 依据 text), not read as the next row.
                        self.row().basis.push(p.text.clone());
                        self.st = Col::Basis;
                        return i + 1;
                    }
                    self.st = Col::Basis;
                    return i;
                }
            }
        }
        self.read_rest(&p);
        i + 1
    }

    /// Between rows: the end of a 依据, a 二级指标 printed vertically, or a new row's 三级指标.
    fn between_rows(&mut self, i: usize) -> usize {
        let p = &self.ps[i];
        if single(p) {
            let run_end = (i..self.ps.len())
                .take_while(|&k| single(&self.ps[k]))
                .last()
                .map_or(i, |k| k + 1);
            let run: String = self.ps[i..run_end]
                .iter()
                .map(|p| p.text.as_str())
                .collect();
            let next_long = self
                .ps
                .get(run_end)
                .is_some_and(|n| pieces::width(&n.text) > 2);
            if let Some((basis, l2)) = split_level2(&run, next_long) {
                if let Some(r) = self.rows.last_mut().filter(|_| !basis.is_empty()) {
                    r.basis.push(basis);
                }
                self.pending_l2 = Some(l2);
                self.st = Col::Level2;
                return run_end;
            }
        }
        if self.st == Col::Basis && pieces::width(&p.text) <= 2 && !self.rows.is_empty() {
            let text = p.text.clone();
            self.row().basis.push(text);
            return i + 1;
        }
        let line = p.line;
        self.rows.push(Row {
            level2: self.pending_l2.take(),
            line,
            ..Default::default()
        });
        self.st = Col::Name;
        i
    }

    /// A piece while the description is expected; `Some(next)` when it is read elsewhere.
    fn description(&mut self, p: &Piece, i: usize) -> Option<usize> {
        if p.target || pieces::is_operator(&p.text) {
            self.st = Col::Target;
            return Some(i);
        }
        if single(p) {
            let width = self.desc_width;
            let last_full = self
                .row()
                .desc
                .last()
                .is_some_and(|(d, _)| pieces::width(d) + 1 >= width);
            if !(last_full && ends_description(&self.ps[i..])) {
                self.st = Col::Target;
                return Some(i);
            }
        }
        let row = self.row();
        if pieces::width(&p.text) <= 2 && !p.first && !row.desc.is_empty() {
            row.basis.push(p.text.clone());
        } else {
            row.desc.push((p.text.clone(), p.line));
            self.desc_width = self.desc_width.max(pieces::width(&p.text));
        }
        None
    }

    /// A rule that ended inside its piece (`…不得分。全年禁放工作宣传活动 ≥ 1 次`): the rest is the
    /// description and perhaps the 指标值.
    fn read_rest(&mut self, p: &Piece) {
        let Some(rest) = self.rows.last_mut().and_then(|r| r.rest.take()) else {
            return;
        };
        let line = Line {
            number: p.line,
            text: &rest,
            after_page_break: false,
        };
        for m in line_pieces(&line, &self.re) {
            if m.target {
                push_target(&mut self.row().target, &m);
                self.st = Col::Target;
            } else {
                self.desc_width = self.desc_width.max(pieces::width(&m.text));
                self.row().desc.push((m.text, m.line));
            }
        }
    }

    /// The first line after a page break inside an unfinished row: its pieces fill the row's
    /// columns in order.
    fn continue_after_break(&mut self, i: usize) -> usize {
        let line = self.ps[i].line;
        let mut k = i;
        let mut at = Col::Level2;
        self.row().page_break = true;
        while k < self.ps.len() && self.ps[k].line == line {
            let p = self.ps[k].clone();
            at = slice_into(self.row(), &p, at);
            k += 1;
        }
        self.st = at.max(Col::Desc);
        k
    }
}

/// After a full-width description line, whether the first of the characters printed one a line
/// still belongs to the description (`…维护国家安全稳` / `定` / `及` `时` `开` `展`): the rest of
/// the run begins a target word and the whole run does not.
fn ends_description(ps: &[Piece]) -> bool {
    let run: String = ps
        .iter()
        .take_while(|p| single(p))
        .map(|p| p.text.as_str())
        .collect();
    let rest: String = run.chars().skip(1).collect();
    let starts_word = |s: &str| TARGET_WORDS.iter().any(|w| s.starts_with(w));
    run.chars().count() >= 3 && starts_word(&rest) && !starts_word(&run)
}

/// Puts one piece of a continued row into the first fitting column at or after `at`.
fn slice_into(row: &mut Row, p: &Piece, at: Col) -> Col {
    if p.target {
        push_target(&mut row.target, p);
        return Col::Target;
    }
    if single(p) {
        if at <= Col::Level2 {
            row.level2.get_or_insert_with(String::new).push_str(&p.text);
            return Col::Level2;
        }
        push_target(&mut row.target, p);
        return Col::Target;
    }
    if at >= Col::Target || pieces::width(&p.text) <= 2 && at >= Col::Desc {
        row.basis.push(p.text.clone());
        return Col::Basis;
    }
    if at < Col::Name {
        row.name.push((p.text.clone(), p.line));
        Col::Name
    } else {
        row.desc.push((p.text.clone(), p.line));
        Col::Desc
    }
}

/// Appends rule text; returns the column the next piece belongs to. Text after a complete rule
/// inside the same piece (`…不得分。全年禁放工作宣传活动`) is kept aside for the next column.
fn push_rule(row: &mut Row, text: &str) -> Col {
    if let Some(k) = text.find("分。") {
        let end = k + "分。".len();
        if end < text.len() {
            row.rule.push(text[..end].to_string());
            row.rest = Some(text[end..].to_string());
            return Col::Desc;
        }
    }
    row.rule.push(text.to_string());
    if rule_complete(&row.rule) {
        Col::Desc
    } else {
        Col::Rule
    }
}

/// Adds a piece to a 指标值 in the making; `false` when the piece is not part of it.
fn push_target(t: &mut Target, p: &Piece) -> bool {
    if p.target {
        if !t.is_empty() {
            return false;
        }
        t.whole = Some(p.text.clone());
        return true;
    }
    if t.whole.is_some() {
        return false;
    }
    if pieces::is_operator(&p.text) && t.is_empty() {
        t.op = p.text.clone();
        return true;
    }
    // Full-width digits (`１８０`, as some PDFs print them) are the same digits.
    let half = crate::text::to_half_width(&p.text);
    if half.chars().all(|c| c.is_ascii_digit() || c == '.') && !t.op.is_empty() && t.unit.is_empty()
    {
        t.digits.push_str(&half);
        return true;
    }
    // `≥` / `180` / `0起`: the last line of the 值 sub-column printed with the 单位.
    if !t.op.is_empty() && !t.digits.is_empty() && t.unit.is_empty() {
        let digits: String = half
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let unit = half[digits.len()..].trim();
        if !digits.is_empty()
            && (1..=2).contains(&unit.chars().count())
            && unit.chars().all(|c| pieces::is_cjk(c) || c == '%')
        {
            t.digits.push_str(&digits);
            t.unit = unit.to_string();
            return true;
        }
    }
    if single(p) {
        if !t.digits.is_empty() && t.unit.is_empty() {
            t.unit = p.text.clone();
            return true;
        }
        if t.op.is_empty() && t.digits.is_empty() {
            t.vertical.push_str(&p.text);
            return true;
        }
    }
    false
}

/// Splits a run of single characters into the end of a 依据 and a 二级指标, if it ends in one
/// (or, followed by a 三级指标, in the start of one: the rest comes after a page break).
fn split_level2(run: &str, next_long: bool) -> Option<(String, String)> {
    for (k, _) in run.char_indices() {
        let tail = &run[k..];
        if LEVEL2.contains(&tail) {
            return Some((run[..k].to_string(), tail.to_string()));
        }
    }
    if next_long {
        for (k, _) in run.char_indices() {
            let tail = &run[k..];
            if LEVEL2.iter().any(|l| l.starts_with(tail) && *l != tail) {
                return Some((run[..k].to_string(), tail.to_string()));
            }
        }
    }
    None
}

/// Turns the rows into indicators: levels settled, cells joined, review notes written.
fn finish(rows: Vec<Row>, table: &mut DraftTable) {
    let name_width = name_column_width(&rows);
    let first_l2 = rows.iter().find_map(|r| r.level2.clone());
    let mut level2: Option<String> = None;
    table.notes.push("一级指标栏在提取文本中没有文字：各指标的一级指标按二级指标推得（数量、质量、时效、成本 → 产出指标；社会效益等 → 效益指标；满意度 → 满意度指标）".to_string());
    for mut r in rows {
        let mut review: Vec<String> = std::mem::take(&mut r.review);
        if let Some(l) = &r.level2 {
            level2 = Some(l.clone());
        }
        if let Some(why) = r.refused.take() {
            let mut raw: Vec<String> = r.level2.iter().cloned().collect();
            raw.push(r.name.iter().map(|(n, _)| n.as_str()).collect());
            raw.push(r.rule.concat());
            raw.push(r.desc.iter().map(|(d, _)| d.as_str()).collect());
            raw.push(r.target.text());
            raw.push(r.basis.concat().replace(' ', ""));
            table.unplaced.push(Unplaced {
                line: r.line,
                raw: raw.join(" | "),
                why,
            });
            continue;
        }
        let l2 = settle_level2(level2.as_deref(), first_l2.as_deref(), &mut review);
        if r.page_break {
            review.push(
                "此行跨页：跨页后的文字已按栏目次序接入本行，请核对三级指标、描述和指标值"
                    .to_string(),
            );
            regroup_glued_name(&mut r, name_width, &mut review);
        }
        if r.target.split_over_lines() && !r.target.is_empty() {
            review.push(format!(
                "指标值的符号、数值、单位分在几行，已重接为「{}」",
                r.target.text()
            ));
        }
        if r.rule.is_empty() {
            review.push("没有找到评(扣)分标准".to_string());
        }
        table.indicators.push(DraftIndicator {
            level1: level1_of(&l2).unwrap_or("").to_string(),
            level2: l2,
            name: r.name.iter().map(|(n, _)| n.as_str()).collect(),
            description: r.desc.iter().map(|(d, _)| d.as_str()).collect(),
            target: r.target.text(),
            basis: r.basis.concat().replace(' ', ""),
            rule: (!r.rule.is_empty()).then(|| pieces::close_number_spaces(&r.rule.concat())),
            weight: None,
            review,
            line: r.line,
        });
    }
}

/// The 三级指标 column's width: its widest line that wrapped (rows cut by a page break aside).
fn name_column_width(rows: &[Row]) -> usize {
    rows.iter()
        .filter(|r| !r.page_break && r.refused.is_none() && r.name.len() > 1)
        .flat_map(|r| {
            r.name[..r.name.len() - 1]
                .iter()
                .map(|(n, _)| pieces::width(n))
        })
        .max()
        .unwrap_or(0)
}

/// A row's 二级指标: the one printed last above it, or — for the rows before the first printed
/// one — the one before that in the national order (数量 before 质量), said in a review note.
fn settle_level2(printed: Option<&str>, first: Option<&str>, review: &mut Vec<String>) -> String {
    if let Some(l) = printed {
        if !LEVEL2.contains(&l) {
            review.push(format!("二级指标「{l}」不是国家表式的写法，可能跨页断开"));
        }
        return l.to_string();
    }
    let Some(first) = first else {
        return String::new();
    };
    let before = OUTPUT_ORDER
        .iter()
        .position(|o| *o == first)
        .and_then(|k| k.checked_sub(1))
        .map(|k| OUTPUT_ORDER[k]);
    match before {
        Some(b) => {
            review.push(format!("二级指标未印出：表中第一个印出的二级指标是「{first}」，按国家表式的次序（数量、质量、时效、成本）推为「{b}」"));
            b.to_string()
        }
        None => {
            review.push("二级指标未印出，无法推得".to_string());
            String::new()
        }
    }
}

/// A page-broken row whose first 三级指标 slice is wider than the column (and whose description
/// only starts on a later line) had its description glued on: cut at the column's width.
fn regroup_glued_name(r: &mut Row, name_width: usize, review: &mut Vec<String>) {
    let (Some((first, line)), Some((_, desc_line))) =
        (r.name.first().cloned(), r.desc.first().cloned())
    else {
        return;
    };
    if name_width == 0 || desc_line <= line || pieces::width(&first) <= name_width + 1 {
        return;
    }
    let cut = first
        .char_indices()
        .nth(name_width)
        .map_or(first.len(), |(k, _)| k);
    let (name, desc) = first.split_at(cut);
    review.push(format!(
        "三级指标与绩效指标描述在提取文本中连在一起（「{first}」），按三级指标栏宽 {name_width} 字拆开"
    ));
    r.name[0].0 = name.to_string();
    r.desc.insert(0, (desc.to_string(), line));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> DraftTable {
        let mut t = DraftTable::default();
        read(&pieces::lines(text), &mut t);
        t
    }

    #[test]
    fn pieces_keep_number_spaces_and_find_the_target() {
        let l = Line {
            number: 1,
            text: "全年禁放工作宣传活动 ≥ 1 次",
            after_page_break: false,
        };
        let p: Vec<(String, bool)> = line_pieces(&l, &target_re())
            .into_iter()
            .map(|p| (p.text, p.target))
            .collect();
        assert_eq!(
            p,
            [
                ("全年禁放工作宣传活动".to_string(), false),
                ("≥ 1 次".to_string(), true)
            ]
        );
        let mut out = Vec::new();
        split_words("达到目标值得满分，每减少 1次扣 工 作", &mut out);
        assert_eq!(
            out,
            [
                ("达到目标值得满分，每减少 1次扣".to_string(), false),
                ("工作".to_string(), false)
            ]
        );
    }

    #[test]
    fn a_vertical_run_ends_a_basis_and_starts_a_level2() {
        assert_eq!(
            split_level2("等时效", false),
            Some(("等".to_string(), "时效".to_string()))
        );
        assert_eq!(
            split_level2("时", true),
            Some((String::new(), "时".to_string()))
        );
        assert_eq!(split_level2("时", false), None);
    }

    #[test]
    fn rows_follow_the_columns() {
        let t = read_text(
            "质\n\n量\n案件投诉率\n达到目标值得满分，每增加 1%，扣\n\n20%权重分。\n案件当事人投诉率 ≤ 5 %\n\n信访\n\n部门\n\n\
             时\n\n效\n支付及时性 及时支付得满分，否则不得分。 支付及时性\n\n及\n\n时\n\n合同\n\n等\n",
        );
        let got: Vec<_> = t
            .indicators
            .iter()
            .map(|i| {
                (
                    i.level1.as_str(),
                    i.level2.as_str(),
                    i.name.as_str(),
                    i.target.as_str(),
                    i.basis.as_str(),
                    i.rule.clone().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "产出指标",
                    "质量",
                    "案件投诉率",
                    "≤ 5 %",
                    "信访部门",
                    "达到目标值得满分，每增加1%，扣20%权重分。".to_string()
                ),
                (
                    "产出指标",
                    "时效",
                    "支付及时性",
                    "及时",
                    "合同等",
                    "及时支付得满分，否则不得分。".to_string()
                ),
            ]
        );
    }
}
