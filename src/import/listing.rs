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

/// Reads every listing; a `项目名称：` line starts a table (one unnamed table otherwise).
pub fn read(text: &str) -> Option<Draft> {
    let mut draft = Draft::default();
    let (group, item) = (group_re(), item_re());
    let mut level = (String::new(), String::new());
    for l in pieces::lines(text) {
        take_year(&mut draft, l.text);
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
        let mut rest = l.text;
        let mut found_any = false;
        while let Some(g) = group.captures(rest).filter(|_| true) {
            let m = g.get(0).expect("match");
            let (before, after) = (&rest[..m.start()], &rest[m.end()..]);
            found_any |= items(before, &item, &level, l.number, &mut draft);
            level = (g[1].trim().to_string(), g[2].trim().to_string());
            rest = after;
        }
        found_any |= items(rest, &item, &level, l.number, &mut draft);
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
    Some(draft)
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

/// The `指标N:名称(值)` items of a stretch of text under the current 一级/二级指标.
fn items(s: &str, item: &Regex, level: &(String, String), line: u64, draft: &mut Draft) -> bool {
    let mut any = false;
    for c in item.captures_iter(s) {
        any = true;
        let mut ind = DraftIndicator {
            level1: level.0.clone(),
            level2: level.1.clone(),
            name: c[1].trim().to_string(),
            target: c[2].trim().to_string(),
            line,
            ..Default::default()
        };
        if level.0.is_empty() {
            ind.review
                .push("此指标之前没有【一级指标-二级指标】".to_string());
        }
        table(draft, line).indicators.push(ind);
    }
    any
}
