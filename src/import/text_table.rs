//! Text tables (文字表格): a 绩效目标表 in extracted text, a header row of column names
//! (一级指标 二级指标 三级指标 … — possibly split over several lines, `一级` / `指标`) and then rows
//! that start with their 二级指标 (and the 一级指标 where it is printed; a merged 一级 cell is
//! printed once and carried down). A row's cells may sit on one line separated by spaces, one per
//! line, or broken across lines: [`cells::split`] decides where each begins.

use super::cells::{self, Kind, Slice};
use super::pieces::{self, Line};
use super::{Draft, DraftIndicator, DraftTable, Unplaced};

/// A column of a text table's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Level1,
    Level2,
    Cell(Kind),
}

/// The header words read, longest first (a longer word wins over its prefix).
pub const HEADERS: &[(&str, Column)] = &[
    ("三级绩效指标名称", Column::Cell(Kind::Name)),
    ("指标值确定依据", Column::Cell(Kind::Basis)),
    ("评（扣）分标准", Column::Cell(Kind::Rule)),
    ("评(扣)分标准", Column::Cell(Kind::Rule)),
    ("三级指标名称", Column::Cell(Kind::Name)),
    ("绩效指标描述", Column::Cell(Kind::Description)),
    ("二级绩效指标", Column::Level2),
    ("一级绩效指标", Column::Level1),
    ("年度指标值", Column::Cell(Kind::Target)),
    ("一级指标", Column::Level1),
    ("二级指标", Column::Level2),
    ("三级指标", Column::Cell(Kind::Name)),
    ("指标描述", Column::Cell(Kind::Description)),
    ("评分标准", Column::Cell(Kind::Rule)),
    ("扣分标准", Column::Cell(Kind::Rule)),
    ("确定依据", Column::Cell(Kind::Basis)),
    ("指标值", Column::Cell(Kind::Target)),
    ("目标值", Column::Cell(Kind::Target)),
    ("分值", Column::Cell(Kind::Weight)),
    ("权重", Column::Cell(Kind::Weight)),
];

/// Reads a header from the compacted text of one or more lines: every character must belong to
/// a header word. `None` when something else is in it.
pub fn parse_header(text: &str) -> Option<Vec<Column>> {
    let mut rest: &str = &crate::text::compact(text).replace('*', "");
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (word, col) = HEADERS.iter().find(|(w, _)| rest.starts_with(w))?;
        out.push(*col);
        rest = &rest[word.len()..];
    }
    out.contains(&Column::Level2).then_some(out)
}

/// Finds a header starting at `lines[at]`: one line, or up to twelve lines that only together
/// make one (`一级` / `指标` / `二级` …). Returns the columns and how many lines it took.
pub fn find_header(lines: &[Line], at: usize) -> Option<(Vec<Column>, usize)> {
    let first = lines.get(at)?.text;
    if !crate::text::compact(first).starts_with("一级") {
        return None;
    }
    let mut joined = String::new();
    let mut best = None;
    for (k, l) in lines[at..].iter().take(12).enumerate() {
        if !l.text.chars().all(|c| {
            c.is_whitespace()
                || "一二三级绩效指标名称值确定依据评扣分标准（）()描述年度目权重*".contains(c)
        }) {
            break;
        }
        joined.push_str(l.text);
        if let Some(cols) = parse_header(&joined) {
            best = Some((cols, k + 1));
        }
    }
    best
}

/// `产出指标`, `效益指标（30分）`: a 一级指标 as printed, if `s` is one.
pub fn level1_word(s: &str) -> bool {
    let core = s.split(['（', '(']).next().unwrap_or(s);
    matches!(core, "产出指标" | "效益指标" | "效果指标" | "满意度指标")
}

/// `数量指标`, `服务对象满意度指标`: a 二级指标 as printed, if `s` is one.
pub fn level2_word(s: &str) -> bool {
    let w = pieces::width(s);
    s.ends_with("指标") && (4..=10).contains(&w) && !level1_word(s)
}

/// The 一级指标 a 二级指标 belongs to in the national form, for a table that does not print it.
pub fn level1_of(level2: &str) -> Option<&'static str> {
    let l = level2.trim_end_matches("指标");
    if ["数量", "质量", "时效", "成本"].contains(&l) || l.ends_with("成本") {
        Some("产出指标")
    } else if l.ends_with("效益") || l.contains("可持续") {
        Some("效益指标")
    } else if l.contains("满意") {
        Some("满意度指标")
    } else {
        None
    }
}

/// 成本指标 printed as a 一级指标 (the national form since 2021: 经济成本指标, 社会成本指标 and
/// 生态环境成本指标 under it); as a 二级指标 under 产出指标 it is the same words.
pub const COST_LEVEL1: &str = "成本指标";

/// `经济成本指标`, `社会成本指标`: a 二级指标 of the 成本指标 一级.
fn cost_level2(w: &str) -> bool {
    w.ends_with(COST_LEVEL1) && w != COST_LEVEL1 && level2_word(w)
}

/// The group a 一级指标 as printed belongs to (`效果指标（30分）` → 效益指标), if it is one.
pub fn level1_group(l1: &str) -> Option<&'static str> {
    let core = l1.split(['（', '(']).next().unwrap_or(l1).trim();
    match core.trim_end_matches("指标") {
        "产出" => Some("产出指标"),
        "效益" | "效果" => Some("效益指标"),
        "满意度" => Some("满意度指标"),
        _ => None,
    }
}

/// The 一级指标 of a row given the one printed or carried down (`carried`): when its 二级指标
/// belongs to another group (社会效益指标 under 产出指标: a merged cell printed in the middle of
/// its rows), the group the 二级 implies, with a note. `true` when it was changed.
pub fn checked_level1(carried: &str, level2: &str, review: &mut Vec<String>) -> (String, bool) {
    if carried.split(['（', '(']).next().unwrap_or(carried).trim() == COST_LEVEL1 {
        review.push(format!(
            "一级指标「{carried}」（国家表式把成本指标列为一级指标）按「产出指标」计分：jixiao 的一级指标只有产出、效益、满意度，\
             成本指标在产出指标中；若本表的分数另有规定，请改 level1 或 weight"
        ));
        return ("产出指标".to_string(), false);
    }
    match (level1_group(carried), level1_of(level2)) {
        (Some(g), Some(implied)) if g != implied => {
            review.push(format!(
                "一级指标「{carried}」与二级指标「{level2}」不符（{level2}属于{implied}），按二级指标写为「{implied}」，请核对"
            ));
            (implied.to_string(), true)
        }
        _ => (carried.to_string(), false),
    }
}

/// The 一级指标 of the indicators `changed` by [`checked_level1`], spelled as the table prints
/// that group elsewhere (`效果指标` rather than the inferred `效益指标`).
pub fn respell_level1(inds: &mut [DraftIndicator], changed: &[usize]) {
    for &k in changed {
        let group = level1_group(&inds[k].level1);
        let printed = inds
            .iter()
            .enumerate()
            .find(|(j, i)| !changed.contains(j) && level1_group(&i.level1) == group)
            .map(|(_, i)| i.level1.clone());
        if let Some(p) = printed {
            let old = std::mem::replace(&mut inds[k].level1, p.clone());
            if old != p {
                for r in &mut inds[k].review {
                    if r.starts_with("一级指标「") {
                        *r = r.replace(&format!("写为「{old}」"), &format!("写为「{p}」"));
                    }
                }
            }
        }
    }
}

/// One row as found: its levels, the slices of its other cells, where it starts.
struct RawRow {
    level1: Option<String>,
    level2: String,
    slices: Vec<Slice>,
    line: u64,
    page_break: bool,
    /// Review notes about the lines read for it (a page number left out).
    notes: Vec<String>,
}

/// Reads the rows of a table whose header gave `columns`, from the lines after the header.
pub fn read_rows(lines: &[Line], columns: &[Column]) -> (Vec<DraftIndicator>, Vec<Unplaced>) {
    let kinds: Vec<Kind> = columns
        .iter()
        .filter_map(|c| match c {
            Column::Cell(k) => Some(*k),
            _ => None,
        })
        .collect();
    let (rows, mut unplaced) = raw_rows(lines);
    let mut out = Vec::new();
    let mut level1: Option<String> = None;
    let mut changed = Vec::new();
    for row in rows {
        if let Some(l) = &row.level1 {
            level1 = Some(l.clone());
        }
        let mut review = Vec::new();
        let mut contradicted = false;
        let l1 = match &level1 {
            Some(l) => {
                let (l1, was_changed) = checked_level1(l, &row.level2, &mut review);
                contradicted = was_changed;
                l1
            }
            None => match level1_of(&row.level2) {
                Some(l) => {
                    review.push(format!(
                        "表中此行之前没有印出一级指标，按二级指标「{}」推为「{l}」",
                        row.level2
                    ));
                    l.to_string()
                }
                None => String::new(),
            },
        };
        let raw: Vec<&str> = row.slices.iter().map(|s| s.text.as_str()).collect();
        let Some(reading) = cells::split(&row.slices, &kinds) else {
            unplaced.push(Unplaced {
                line: row.line,
                raw: format!("{} {}", row.level2, raw.join(" ")),
                why: format!(
                    "此行的文字分不成 {} 栏（{}）",
                    kinds.len(),
                    kind_names(&kinds)
                ),
            });
            continue;
        };
        if let Some(two) = two_values(&kinds, &reading.cells) {
            unplaced.push(Unplaced {
                line: row.line,
                raw: format!("{} {}", row.level2, raw.join(" ")),
                why: format!(
                    "「{two}」像是一格写了两个指标值（或被读进了三级指标、描述栏），指标值读不准"
                ),
            });
            continue;
        }
        if let Some(why) = fused_rows(&row.slices, &kinds, &reading) {
            unplaced.push(Unplaced {
                line: row.line,
                raw: format!("{} {}", row.level2, raw.join(" ")),
                why,
            });
            continue;
        }
        let mut reading = reading;
        match wrapped_target(&row.slices, &kinds, &mut reading) {
            Some(Ok(note)) => review.push(note),
            Some(Err(why)) => {
                unplaced.push(Unplaced {
                    line: row.line,
                    raw: format!("{} {}", row.level2, raw.join(" ")),
                    why,
                });
                continue;
            }
            None => {}
        }
        if row.page_break {
            review.push("此行跨页，跨页前后的文字已接在一起".to_string());
        }
        review.extend(row.notes.iter().cloned());
        if reading.empty_last {
            review.push(format!(
                "此行的「{}」栏为空（原文没有印出）",
                kind_name(kinds[kinds.len() - 1])
            ));
        }
        if let Some(alt) = &reading.close {
            review.push(alternative(&kinds, &reading.cells, alt));
        }
        let mut ind = DraftIndicator {
            level1: l1,
            level2: row.level2.clone(),
            line: row.line,
            review,
            ..Default::default()
        };
        for (k, text) in kinds.iter().zip(reading.cells) {
            set(&mut ind, *k, text);
        }
        if contradicted {
            changed.push(out.len());
        }
        out.push(ind);
    }
    respell_level1(&mut out, &changed);
    (out, std::mem::take(&mut unplaced))
}

/// A word in the 三级指标 or 描述 that is two 指标值 (`13个/15个`, `≥13个；≥15个`): the extractor
/// glued a two-value 指标值 cell onto the text before it, and the next cell was read as the
/// 指标值.
fn two_values(kinds: &[Kind], cells: &[String]) -> Option<String> {
    kinds
        .iter()
        .zip(cells)
        .filter(|(k, _)| matches!(k, Kind::Name | Kind::Description))
        .flat_map(|(_, c)| c.split(' '))
        .find(|w| {
            let parts: Vec<&str> = w.split(['/', '／', '；', ';', '或']).collect();
            parts.len() == 2 && parts.iter().all(|p| pieces::is_numeric_target(p))
        })
        .map(str::to_string)
}

/// Two rows read as one: a line in the middle of the 三级指标 and 描述 that is a complete 指标值
/// with the next cell beside it (`≤8月 合同、验收资料`), and more text after it before the row's
/// 指标值. That is how the next row looks when its 二级指标 is a merged cell printed only once
/// (`设备运行年限` / … / `≥8年 实际情况` right after the row): the split would file the first
/// row's 指标值 in its name and the second row's 指标值 as the first's. The row is refused
/// (`Some(why)`), never read as one indicator.
fn fused_rows(slices: &[Slice], kinds: &[Kind], reading: &cells::Reading) -> Option<String> {
    let t = kinds.iter().position(|k| *k == Kind::Target)?;
    let target_at = *reading.starts.get(t)?;
    let cell_of = |i: usize| reading.starts.iter().rposition(|&s| s <= i);
    let text_cell =
        |i: usize| cell_of(i).is_some_and(|c| matches!(kinds[c], Kind::Name | Kind::Description));
    let i = (0..target_at.saturating_sub(2)).find(|&i| {
        text_cell(i)
            && text_cell(i + 1)
            && text_cell(i + 2)
            && pieces::is_numeric_target(&slices[i].text)
            && !slices[i + 1].starts_line
    })?;
    Some(format!(
        "三级指标、描述栏中间的一行「{} {}」像是一行的指标值和下一栏，其后又是一个三级指标：\
         像是两行指标连在一起（后一行的二级指标是合并单元格，没有重印），各栏的分界读不准",
        slices[i].text,
        slices[i + 1].text
    ))
}

/// A 指标值 cell wrapped onto the next line while the cells after it sat on its first line
/// (`… ≥18 实际情况` / `00起`): the extractor prints the wrapped part after the row's first line,
/// where the split reads it as the end of a later cell (依据). A line that starts with digits, or
/// is a bare unit (`起`), right after a 指标值 ending in a digit or a sign continues the 指标值:
/// it is moved there and the row marked (`Ok(note)`); when the joined text is not a 指标值, or the
/// cell it leaves would be empty, the row is refused (`Err(why)`). `None`: no such line.
fn wrapped_target(
    slices: &[Slice],
    kinds: &[Kind],
    reading: &mut cells::Reading,
) -> Option<Result<String, String>> {
    let t = kinds.iter().position(|k| *k == Kind::Target)?;
    let after = *reading.starts.get(t + 1)?;
    let target = reading.cells[t].clone();
    if !target
        .ends_with(|c: char| c.is_ascii_digit() || c == '.' || pieces::is_operator(&c.to_string()))
    {
        return None;
    }
    let last_line = slices[after - 1].line;
    let j = (after..slices.len())
        .find(|&j| slices[j].starts_line && slices[j].line == last_line + 1)?;
    let frag = slices[j].text.as_str();
    let digit_led = frag.starts_with(|c: char| c.is_ascii_digit());
    let unit = !digit_led
        && pieces::width(frag) <= 2
        && frag
            .chars()
            .all(|c| pieces::is_cjk(c) || c == '%' || c == '％');
    if !digit_led && !unit {
        return None;
    }
    let c = reading.starts.iter().rposition(|&s| s <= j)?;
    // Digits and a short unit (`00起`, `5%`) only; longer text led by digits (`10%扣2分` in a
    // wrapped rule) is not the rest of a value — but a 依据 does not go on with digits either.
    let short = regex::Regex::new(r"^\d+(?:\.\d+)?\s*(?:%|％|\p{Han}{1,3})?$").expect("valid");
    if digit_led && !short.is_match(frag) {
        if kinds[c] != Kind::Basis {
            return None;
        }
        return Some(Err(format!(
            "指标值「{target}」的下一行「{frag}」以数字开头，不像是「{}」栏的文字，可能是指标值折行的后半截：指标值读不准",
            kind_name(kinds[c])
        )));
    }
    let end = reading.starts.get(c + 1).copied().unwrap_or(slices.len());
    let rest: String = (reading.starts[c]..end)
        .filter(|&k| k != j)
        .map(|k| slices[k].text.as_str())
        .collect();
    let joined = format!("{target}{frag}");
    let column = kind_name(kinds[c]);
    if rest.is_empty() || !pieces::is_numeric_target(&joined) {
        return Some(Err(format!(
            "指标值「{target}」的下一行「{frag}」像是指标值折行的后半截，但接起来的「{joined}」读不成指标值，\
             或接走后「{column}」栏为空：指标值读不准"
        )));
    }
    let mut note = format!(
        "指标值在原文中折行：第{}行的「{target}」与下一行的「{frag}」接为「{joined}」（「{frag}」印在本行其他栏之后，不属于「{column}」栏）",
        last_line
    );
    if unit {
        note.push_str(&format!(
            "；若「{frag}」是「{column}」栏的末尾，指标值为「{target}」、{column}为「{}」",
            reading.cells[c]
        ));
    }
    note.push_str("，请核对");
    reading.cells[t] = joined;
    reading.cells[c] = rest;
    Some(Ok(note))
}

/// Cuts the lines into rows at each 二级指标; a 一级指标 alone on a line applies to the rows after it.
fn raw_rows(lines: &[Line]) -> (Vec<RawRow>, Vec<Unplaced>) {
    let mut rows: Vec<RawRow> = Vec::new();
    let mut unplaced = Vec::new();
    let mut pending_l1: Option<String> = None;
    for (n, l) in lines.iter().enumerate() {
        // A bare number right before a page break is the page's number, not the end of a cell
        // (`依照合同12`, a weight `10` read as `103`): left out, and said so on the row.
        let before_break = lines.get(n + 1).is_some_and(|next| next.after_page_break);
        if before_break && is_page_number(l.text) {
            if let Some(row) = rows.last_mut() {
                row.notes.push(format!(
                    "原文第{}行只有「{}」，印在分页之前，当作页码略去；若是本行某栏的文字，请补上",
                    l.number, l.text
                ));
                continue;
            }
        }
        let mut words = pieces::split(l.text);
        // `成本指标` alone, before a row of a cost 二级 (`经济成本指标 …`): the 一级.
        let cost_next = || {
            lines[n + 1..]
                .iter()
                .find(|l| !l.text.trim().is_empty())
                .and_then(|l| pieces::split(l.text).into_iter().next())
                .is_some_and(|w| cost_level2(&w))
        };
        if words.len() == 1 && (level1_word(&words[0]) || (words[0] == COST_LEVEL1 && cost_next()))
        {
            pending_l1 = Some(words.remove(0));
            continue;
        }
        let mut l1 = None;
        if words.len() >= 2 && words[0] == COST_LEVEL1 && cost_level2(&words[1]) {
            l1 = Some(words.remove(0));
        }
        // `满意度指标 满意度指标 …`: a 二级指标 may repeat its 一级指标's words.
        let second_level2 = words
            .get(1)
            .is_some_and(|w| level2_word(w) || level1_word(w));
        if words.len() >= 2 && level1_word(&words[0]) && second_level2 {
            l1 = Some(words.remove(0));
        }
        if words
            .first()
            .is_some_and(|w| level2_word(w) || (l1.is_some() && level1_word(w)))
        {
            let level2 = words.remove(0);
            rows.push(RawRow {
                level1: l1.or_else(|| pending_l1.take()),
                level2,
                slices: Vec::new(),
                line: l.number,
                page_break: false,
                notes: Vec::new(),
            });
        }
        match rows.last_mut() {
            Some(row) => {
                if l.after_page_break && row.line != l.number {
                    row.page_break = true;
                }
                for (j, w) in words.into_iter().enumerate() {
                    row.slices.push(Slice {
                        text: w,
                        line: l.number,
                        starts_line: j == 0,
                    });
                }
            }
            None => unplaced.push(Unplaced {
                line: l.number,
                raw: l.text.to_string(),
                why: "在第一个二级指标之前，不知道属于哪一行".to_string(),
            }),
        }
    }
    (rows, unplaced)
}

/// `12`, `- 12 -`, `第12页`, `第12页 共30页`, `12/30`: a page number on a line of its own.
fn is_page_number(s: &str) -> bool {
    let re = regex::Regex::new(
        r"^(?:\d{1,4}|[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$",
    )
    .expect("valid");
    re.is_match(s.trim())
}

fn set(ind: &mut DraftIndicator, kind: Kind, text: String) {
    match kind {
        Kind::Name => ind.name = text,
        Kind::Description => ind.description = text,
        Kind::Target => ind.target = text,
        Kind::Basis => ind.basis = text,
        Kind::Rule => ind.rule = Some(pieces::close_number_spaces(&text)),
        Kind::Weight => ind.weight = Some(text),
    }
}

pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Name => "三级指标",
        Kind::Description => "绩效指标描述",
        Kind::Target => "指标值",
        Kind::Basis => "指标值确定依据",
        Kind::Rule => "评(扣)分标准",
        Kind::Weight => "分值",
    }
}

fn kind_names(kinds: &[Kind]) -> String {
    kinds
        .iter()
        .map(|k| kind_name(*k))
        .collect::<Vec<_>>()
        .join("、")
}

/// The review note for a row that can be read another way almost as well.
fn alternative(kinds: &[Kind], chosen: &[String], alt: &[String]) -> String {
    let differ: Vec<String> = kinds
        .iter()
        .zip(chosen.iter().zip(alt))
        .filter(|(_, (a, b))| a != b)
        .map(|(k, (_, b))| format!("{}「{}」", kind_name(*k), b))
        .collect();
    format!("栏目的分界不确定，另一种读法为 {}", differ.join("、"))
}

/// Reads a text that is one or more tables with headers (no disclosure around them): each
/// header starts a table, named by the nearest line before it (`项目名称：…` or a title).
pub fn read_document(text: &str) -> Option<Draft> {
    let lines = pieces::lines(text);
    let mut draft = Draft::default();
    let mut starts = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some((cols, used)) = find_header(&lines, i) {
            starts.push((i, cols, used));
            i += used;
        } else {
            i += 1;
        }
    }
    let mut prev_end = 0;
    // The rows and header of the table read last, for a continuation page.
    let mut last: Option<(Vec<Line>, &Vec<Column>)> = None;
    for (n, (at, cols, used)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(lines.len(), |s| s.0);
        let before = &lines[prev_end..*at];
        // The rows end where the next table's title lines begin.
        let rows_end = title_start(&lines[at + used..end]).map_or(end, |k| at + used + k);
        // The last table's title (`项目名称：名称`, `（续表）`) and header printed again on a
        // continuation page: its rows go on here.
        if let (Some((rows, last_cols)), Some(table)) = (&mut last, draft.tables.last_mut()) {
            // The header alone, first on its page, is the same continuation.
            let header_alone = before.is_empty() && lines[*at].after_page_break;
            let continued = *last_cols == cols
                && (header_alone
                    || (!before.is_empty()
                        && !table.name.is_empty()
                        && before
                            .iter()
                            .all(|l| continuation_marker(l.text, &table.name))));
            if continued {
                let first = before.first().unwrap_or(&lines[*at]);
                let span = if first.number == lines[at + used - 1].number {
                    format!("第{}行", first.number)
                } else {
                    format!("第{}至{}行", first.number, lines[at + used - 1].number)
                };
                table.notes.push(if header_alone {
                    format!("{span}是续页重印的表头，已跳过，其后各行接着读作本表的指标，请核对")
                } else {
                    format!(
                        "{span}是续页重印的表名和表头（「{}」），已跳过，其后各行接着读作本表的指标，请核对",
                        crate::text::excerpt(first.text)
                    )
                });
                let mut more: Vec<Line> = lines[at + used..rows_end].to_vec();
                if let Some(next) = more.first_mut() {
                    next.after_page_break |= first.after_page_break;
                }
                rows.extend(more);
                let (inds, unplaced) = read_rows(rows, cols);
                table.indicators = inds;
                table.unplaced = unplaced;
                prev_end = rows_end;
                continue;
            }
        }
        let mut table = DraftTable {
            line: lines[*at].number,
            ..Default::default()
        };
        read_preamble(before, &mut draft, &mut table);
        if table.name.is_empty() {
            table.name = format!("表{}", n + 1);
            table.notes.push(
                "原文没有印出表名（项目名称），已暂定为「表N」，请改为实际的项目名称".to_string(),
            );
        }
        let (inds, unplaced) = read_rows(&lines[at + used..rows_end], cols);
        table.indicators = inds;
        table.unplaced = unplaced;
        draft.tables.push(table);
        last = Some((lines[at + used..rows_end].to_vec(), cols));
        prev_end = rows_end;
    }
    Some(draft)
}

/// A line printed on a continuation page before the repeated header of the table `name`: its
/// title again (`2. 名称绩效目标表`, with or without `（续）`), `（续表）` alone, `项目名称：名称`.
pub fn continuation_marker(text: &str, name: &str) -> bool {
    let t = crate::text::compact(text);
    let name = crate::text::compact(name);
    let core = ["(续表)", "(续)", "续表", "续"]
        .iter()
        .find_map(|s| t.strip_suffix(s))
        .map_or(t.as_str(), |c| c);
    let marked = core.len() < t.len();
    if marked && core.is_empty() {
        return true;
    }
    let numbered = regex::Regex::new(r"^\d+[.、．]").expect("valid");
    let bare = numbered.replace(core, "");
    bare.strip_suffix("绩效目标表")
        .is_some_and(|n| crate::text::compact(n) == name)
        || field(core, &["项目名称"]).is_some_and(|n| n == name)
}

/// Where a run of title lines (`项目名称：…`, `…绩效目标表`) starts, if one does.
fn title_start(lines: &[Line]) -> Option<usize> {
    lines
        .iter()
        .position(|l| is_title(l.text) || l.text.starts_with("项目名称"))
}

fn is_title(s: &str) -> bool {
    s.ends_with("绩效目标表") || s.ends_with("绩效目标申报表")
}

/// Reads the lines before a header: department, year, table name and goal where printed.
fn read_preamble(lines: &[Line], draft: &mut Draft, table: &mut DraftTable) {
    for l in lines {
        let t = l.text;
        take_year(draft, t);
        if let Some(v) = field(
            t,
            &["主管部门", "部门名称", "单位名称", "预算单位", "实施单位"],
        ) {
            if draft.department.is_empty() {
                draft.department = v;
            }
        } else if let Some(v) = field(t, &["项目名称"]) {
            table.name = v;
        } else if let Some(v) = field(t, GOAL_KEYS) {
            table.goal = v;
        } else if is_title(t) && table.name.is_empty() {
            let name = t
                .trim_end_matches("绩效目标申报表")
                .trim_end_matches("绩效目标表");
            let name = name.trim_start_matches(|c: char| c.is_ascii_digit() || "年度 ".contains(c));
            if !name.is_empty() {
                table.name = name.to_string();
            }
        }
    }
}

/// `主管部门：某某局` → `某某局` for any of `keys` (the label, then a colon or a space).
pub fn field(line: &str, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        let rest = line.strip_prefix(k)?;
        let value = rest.trim_start_matches([':', '：', ' ', '\u{3000}']).trim();
        (value.len() < rest.len() && !value.is_empty()).then(|| value.to_string())
    })
}

/// The first `20xx年` in a line.
pub fn year_in(s: &str) -> Option<i64> {
    let re = regex::Regex::new(r"(20\d\d)\s*年").ok()?;
    re.captures(s)?.get(1)?.as_str().parse().ok()
}

/// The labels of a 绩效目标 text: a year inside it (`巩固2022年度养护成果`) is not the budget year.
pub const GOAL_KEYS: &[&str] = &["年度绩效目标", "年度目标", "绩效目标", "总体目标"];
/// The labels of the budget year field (`预算年度：2023年`, a cell `年度` beside `2023`).
pub const YEAR_KEYS: &[&str] = &["预算年度", "预算年份", "年度", "年份"];

/// How surely a text states the budget year, weakest first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum YearKind {
    #[default]
    None,
    /// Any other text with a year in it (a deadline, a 年度目标): taken with a note.
    Guess,
    /// A text that speaks of a year (`2023年度…`): taken without a note.
    Stated,
    /// A labelled field (`预算年度：2023年`), a title `2023年部门预算`, a cell `2023年` alone.
    Labelled,
}

/// Where the draft's year came from, so that a better source can replace a weaker one and two
/// labelled years that differ are refused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct YearFound {
    pub kind: YearKind,
    /// The text the year was read from.
    pub text: String,
    /// The review note pushed for it (taken back when a better source replaces it).
    pub note: Option<String>,
    /// Two labelled years that differ: the texts, for the refusal.
    pub conflict: Option<(String, String)>,
}

/// `2023`, `2023年`, `2023年度`: the whole value of a year field.
fn year_value(v: &str) -> Option<i64> {
    let re = regex::Regex::new(r"^(20\d\d)\s*(?:年度?)?$").ok()?;
    re.captures(v.trim())?.get(1)?.as_str().parse().ok()
}

/// Offers the year `y` read from `text` as `kind`: it replaces a weaker one (whose note is taken
/// back); a second labelled year that differs is a conflict, refused by [`super::read`].
pub fn offer_year(draft: &mut super::Draft, y: i64, kind: YearKind, text: &str) {
    let found = &mut draft.year_found;
    if kind < found.kind || (kind == found.kind && kind != YearKind::Labelled) {
        return;
    }
    if kind == found.kind {
        if y != draft.year && found.conflict.is_none() {
            found.conflict = Some((found.text.clone(), text.to_string()));
        }
        return;
    }
    if let Some(old) = found.note.take() {
        draft.notes.retain(|n| *n != old);
    }
    draft.year = y;
    found.kind = kind;
    found.text = text.to_string();
}

/// Takes the year from the value of a labelled year field (`预算年度` beside `2023`); `shown` is
/// the text as printed, for the record.
pub fn take_labelled_year(draft: &mut super::Draft, value: &str, shown: &str) {
    match year_value(value) {
        Some(y) => offer_year(draft, y, YearKind::Labelled, shown),
        None => take_year(draft, shown),
    }
}

/// Takes a year from a 绩效目标 text: only when nothing better is found, and with a note.
pub fn take_goal_year(draft: &mut super::Draft, goal: &str) {
    let Some(y) = year_in(goal) else { return };
    guess_year(
        draft,
        y,
        goal,
        format!(
            "年度 {y} 取自绩效目标「{}」，原文没有写明预算年度（如「预算年度：{y}年」），请核对",
            crate::text::excerpt(goal.trim())
        ),
    );
}

fn guess_year(draft: &mut super::Draft, y: i64, text: &str, note: String) {
    if draft.year_found.kind >= YearKind::Guess {
        return;
    }
    offer_year(draft, y, YearKind::Guess, text);
    draft.notes.push(note.clone());
    draft.year_found.note = Some(note);
}

/// Takes the draft's year (年度) from `s`. A labelled field (`预算年度：2023年`, `年度 2023`), a
/// title `2023年部门预算` or a cell `2023年` alone wins over a text that speaks of a year
/// (`2023年度…`), which wins over any other (a deadline `2023年12月底前`, a 年度目标 sentence
/// `巩固2022年度养护成果`): those may be another year, and the draft gets a note for the reviewer.
pub fn take_year(draft: &mut super::Draft, s: &str) {
    let t = s.trim();
    if let Some(goal) = field(t, GOAL_KEYS) {
        return take_goal_year(draft, &goal);
    }
    if let Some(v) = field(t, YEAR_KEYS) {
        if let Some(y) = year_value(&v) {
            return offer_year(draft, y, YearKind::Labelled, t);
        }
    }
    let Some(y) = year_in(t) else { return };
    let title = regex::Regex::new(r"20\d\d\s*年度?\s*(?:部门)?预算").expect("valid");
    if title.is_match(t) || year_value(t) == Some(y) {
        offer_year(draft, y, YearKind::Labelled, t);
    } else if t.contains("预算") || t.contains("年度") {
        offer_year(draft, y, YearKind::Stated, t);
    } else {
        guess_year(
            draft,
            y,
            t,
            format!(
                "年度 {y} 取自「{}」，原文没有写明预算年度（如「{y}年部门预算」），请核对",
                crate::text::excerpt(t)
            ),
        );
    }
}
