//! Listings (指标清单): the layout some provinces publish instead of a table —
//! `【产出指标-数量指标】指标1:培训人次(≥500人次)；指标2:…`, the 一级 and 二级指标 in brackets and
//! each 三级指标 with its 指标值 in parentheses.

use regex::Regex;

use super::pieces;
use super::text_table::{field, take_year};
use super::{Draft, DraftIndicator, DraftTable, Unplaced};

fn group_re() -> Regex {
    Regex::new(r"【\s*([^】\-—－]+?)\s*[-—－]\s*([^】]+?)\s*】").expect("valid")
}

fn item_re() -> Regex {
    Regex::new(r"指标\s*\d+\s*[:：]\s*([^()（）；;]+?)\s*[(（]([^()（）]*)[)）]").expect("valid")
}

pub fn looks_like(text: &str) -> bool {
    group_re().is_match(text) && item_re().is_match(text)
}

fn marker_re() -> Regex {
    Regex::new(r"指标\s*\d+\s*[:：]").expect("valid")
}

/// An item the reader could not finish on its line (`指标2:养护次`): wrapped onto the next line.
struct Pending {
    line: u64,
    raw: String,
}

/// Reads every listing; a `项目名称：` line starts a table (one unnamed table otherwise). An item
/// that does not read as `指标N:名称(指标值)` — a bracket inside the 指标值, an item wrapped onto the
/// next line — is kept as an unplaced comment with its text, never dropped.
pub fn read(text: &str) -> Option<Draft> {
    let mut draft = Draft::default();
    let group = group_re();
    let mut level = (String::new(), String::new());
    let mut pending: Option<Pending> = None;
    for l in pieces::lines(text) {
        take_year(&mut draft, l.text);
        let is_field = field(l.text, &["主管部门", "部门名称", "单位名称", "预算单位"])
            .or_else(|| field(l.text, &["项目名称"]))
            .or_else(|| field(l.text, &["年度绩效目标", "年度目标", "绩效目标"]))
            .is_some();
        let mut rest = l.text;
        if let Some(p) = pending.take() {
            // The line after an unfinished item: up to its first bracket group or item, it is the
            // rest of that item (or, when it starts a new one, the item ended unfinished).
            let cont_end = [
                group.find(rest).map(|m| m.start()),
                marker_re().find(rest).map(|m| m.start()),
            ]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(rest.len());
            let (cont, after) = if is_field {
                ("", rest)
            } else {
                rest.split_at(cont_end)
            };
            let why = if cont.trim().is_empty() {
                "没有以括号中的指标值结束（「指标N:名称(指标值)」）".to_string()
            } else {
                format!(
                    "在原文中折行（第{}、{}行），两行接起来读作「{}{}」，请核对后抄入",
                    p.line,
                    l.number,
                    item_text(&p.raw),
                    cont.trim()
                )
            };
            table(&mut draft, p.line).unplaced.push(Unplaced {
                line: p.line,
                raw: format!("{}{}", p.raw, cont.trim()),
                why,
            });
            rest = after;
        }
        if let Some(v) = field(l.text, &["主管部门", "部门名称", "单位名称", "预算单位"])
        {
            draft.department = v;
            continue;
        }
        if let Some(v) = field(l.text, &["项目名称"]) {
            draft.tables.push(DraftTable {
                name: v,
                line: l.number,
                ..Default::default()
            });
            continue;
        }
        if let Some(v) = field(l.text, &["年度绩效目标", "年度目标", "绩效目标"]) {
            if let Some(t) = draft.tables.last_mut() {
                t.goal = v;
            }
            continue;
        }
        let mut found_any = false;
        while let Some(g) = group.captures(rest) {
            let m = g.get(0).expect("match");
            let (before, after) = (&rest[..m.start()], &rest[m.end()..]);
            found_any |= items(before, &level, l.number, &mut draft, &mut None, false);
            level = (g[1].trim().to_string(), g[2].trim().to_string());
            rest = after;
        }
        found_any |= items(rest, &level, l.number, &mut draft, &mut pending, true);
        if !found_any
            && rest.contains("指标")
            && rest.chars().any(|c| c.is_ascii_digit())
            && !level.0.is_empty()
        {
            table(&mut draft, l.number).unplaced.push(Unplaced {
                line: l.number,
                raw: rest.to_string(),
                why: "像是指标，但不是「指标N:名称(指标值)」的写法".to_string(),
            });
        }
    }
    if let Some(p) = pending {
        table(&mut draft, p.line).unplaced.push(Unplaced {
            line: p.line,
            raw: p.raw,
            why: "没有以括号中的指标值结束（「指标N:名称(指标值)」）".to_string(),
        });
    }
    Some(draft)
}

/// `【产出指标-数量指标】指标2:养护次` → `养护次`: an unplaced item's text after its marker.
fn item_text(raw: &str) -> &str {
    marker_re()
        .find(raw)
        .map_or(raw, |m| &raw[m.end()..])
        .trim()
}

fn table(draft: &mut Draft, line: u64) -> &mut DraftTable {
    if draft.tables.is_empty() {
        draft.tables.push(DraftTable {
            name: "表1".to_string(),
            line,
            notes: vec![
                "原文没有印出项目名称，表名暂定为「表1」，请改为实际的项目名称".to_string(),
            ],
            ..Default::default()
        });
    }
    draft.tables.last_mut().expect("one table")
}

fn is_open(c: char) -> bool {
    c == '(' || c == '（'
}

fn is_close(c: char) -> bool {
    c == ')' || c == '）'
}

/// How one item's text (after `指标N:`) reads.
#[derive(Debug, PartialEq)]
enum Item {
    /// 名称 and 指标值 (the last bracket), with a note when the name holds a bracket too.
    Read {
        name: String,
        target: String,
        note: Option<String>,
    },
    /// Not a `名称(指标值)`: why.
    Refused(String),
    /// It does not end in a bracket: the item may go on on the next line.
    Unfinished,
}

/// Reads `培训人次（含线上）(≥500人次)`: the 指标值 is the last bracket (a name may hold brackets of
/// its own, `（含线上）`, `（试点）`: then the item is marked for review); a bracket inside the
/// 指标值 (`(≥95%（含）)`) can be read two ways and is refused.
fn read_item(body: &str) -> Item {
    let body = body
        .trim()
        .trim_end_matches(['；', ';', '，', ',', '。', ' '])
        .trim();
    if !body.ends_with(is_close) {
        return Item::Unfinished;
    }
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut depth = 0usize;
    let mut open = None;
    let mut nested = false;
    for &(i, c) in chars.iter().rev() {
        if is_close(c) {
            depth += 1;
            if depth > 1 {
                nested = true;
            }
        } else if is_open(c) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                open = Some(i);
                break;
            }
        }
    }
    let Some(open) = open else {
        return Item::Refused("括号不成对，读不出括号中的指标值".to_string());
    };
    let close = chars.last().expect("not empty").0;
    let name = body[..open].trim();
    let target = body[open + open_len(body, open)..close].trim();
    if nested {
        return Item::Refused(format!(
            "指标值的括号中还有括号（「{target}」），读法不确定，请核对后抄入"
        ));
    }
    if name.is_empty() || target.is_empty() {
        return Item::Refused("三级指标名称或括号中的指标值是空的".to_string());
    }
    if name.chars().any(|c| is_open(c) || is_close(c)) {
        return Item::Read {
            name: name.to_string(),
            target: target.to_string(),
            note: Some(format!(
                "此项有两个括号（「{body}」）：指标值取最后一个括号「{target}」，三级指标名称读作「{name}」，请核对"
            )),
        };
    }
    Item::Read {
        name: name.to_string(),
        target: target.to_string(),
        note: None,
    }
}

fn open_len(s: &str, at: usize) -> usize {
    s[at..].chars().next().map_or(1, char::len_utf8)
}

/// The `指标N:名称(值)` items of a stretch of text under the current 一级/二级指标. An item that
/// does not end in a bracket is left in `pending` when the stretch ends a line (it may wrap),
/// and refused otherwise. Returns whether the stretch held an item.
fn items(
    s: &str,
    level: &(String, String),
    line: u64,
    draft: &mut Draft,
    pending: &mut Option<Pending>,
    ends_line: bool,
) -> bool {
    let markers: Vec<(usize, usize)> = marker_re()
        .find_iter(s)
        .map(|m| (m.start(), m.end()))
        .collect();
    let prefix = if level.0.is_empty() {
        String::new()
    } else {
        format!("【{}-{}】", level.0, level.1)
    };
    for (k, &(start, end)) in markers.iter().enumerate() {
        let stop = markers.get(k + 1).map_or(s.len(), |m| m.0);
        let raw = format!(
            "{prefix}{}",
            s[start..stop]
                .trim()
                .trim_end_matches(['；', ';', '，', ',', ' '])
        );
        let last = ends_line && k + 1 == markers.len();
        match read_item(&s[end..stop]) {
            Item::Read { name, target, note } => {
                let mut ind = DraftIndicator {
                    level1: level.0.clone(),
                    level2: level.1.clone(),
                    name,
                    target,
                    line,
                    ..Default::default()
                };
                if level.0.is_empty() {
                    ind.review
                        .push("此指标之前没有【一级指标-二级指标】".to_string());
                }
                ind.review.extend(note);
                table(draft, line).indicators.push(ind);
            }
            Item::Unfinished if last && pending.is_none() => {
                *pending = Some(Pending { line, raw });
            }
            Item::Unfinished => table(draft, line).unplaced.push(Unplaced {
                line,
                raw,
                why: "没有以括号中的指标值结束（「指标N:名称(指标值)」）".to_string(),
            }),
            Item::Refused(why) => table(draft, line)
                .unplaced
                .push(Unplaced { line, raw, why }),
        }
    }
    !markers.is_empty()
}
