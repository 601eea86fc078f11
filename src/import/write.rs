//! Writing a draft as a targets file (目标文件). Every indicator is checked the way `jixiao check`
//! will read it; one that would not load (a target no actual could match, a rule no parser reads,
//! a name used twice) is written commented out with its text and the reason, never dropped. The
//! whole file is then loaded once more: what [`render`] returns always loads.

use std::collections::HashSet;
use std::path::Path;

use super::{Draft, DraftIndicator, DraftTable, Unplaced};
use crate::error::{Diagnostic, Error, Location, Result};
use crate::targets;

/// The prefix of every review comment.
pub const REVIEW: &str = "# 待核对: ";
/// The note of a table written as comments because it would not load.
const DISABLED: &str = "本表不能作为目标读入，整表以注释保留：";

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The draft as TOML text that `targets::parse` loads. `source` names the input in the header.
/// The draft is settled first: what would not load moves to its table's unplaced text, so the
/// summary the caller prints afterwards counts it.
pub fn render(draft: &mut Draft, source: &Path) -> Result<String> {
    settle(draft);
    if draft.tables.iter().all(|t| t.indicators.is_empty()) {
        return Err(nothing_read(draft, source));
    }
    // A table can still fail as a whole (weights that do not add up, two points for one 一级指标):
    // its weights, then the table itself, become comments, with the reason.
    for _ in 0..=2 * draft.tables.len() {
        let text = text(draft, source);
        let Err(e) = targets::parse(Path::new("导入结果.toml"), &text) else {
            return Ok(text);
        };
        let blamed = blamed_tables(&e);
        if blamed.is_empty() {
            break;
        }
        for k in blamed {
            let t = &mut draft.tables[k];
            let why = reasons(&e, k);
            if t.indicators.iter().any(|i| i.weight.is_some()) && !t.weights_off {
                t.weights_off = true;
                t.notes.push(format!("分值未写入（已注释）：{why}"));
            } else {
                t.disabled = true;
                t.notes.push(format!("{DISABLED}{why}"));
            }
        }
        if draft
            .tables
            .iter()
            .all(|t| t.disabled || t.indicators.is_empty())
        {
            return Err(nothing_loads(draft, source));
        }
    }
    Err(Error::one(
        Diagnostic::new(
            source,
            Location::File,
            "导入结果无法作为目标文件读入（jixiao 的缺陷，请报告）",
        )
        .expected("导入结果能被 jixiao check 读入"),
    ))
}

fn nothing_read(draft: &Draft, source: &Path) -> Error {
    let first = draft.tables.iter().flat_map(|t| &t.unplaced).next();
    let location = first.map_or(Location::File, |u| Location::Line {
        line: u.line,
        column: None,
    });
    let mut d = Diagnostic::new(
        source,
        location,
        format!(
            "找到 {} 张绩效目标表，但没有读出任何指标：{}",
            draft.tables.len(),
            first.map_or("表中没有指标行", |u| u.why.as_str())
        ),
    )
    .expected("表头之后每行一个指标：二级指标、三级指标、指标值 …（见 docs/import.md）");
    if let Some(u) = first {
        d = d.found(&u.raw);
    }
    Error::one(d)
}

/// Every table that had indicators would not load as a whole: there is no targets file to write.
fn nothing_loads(draft: &Draft, source: &Path) -> Error {
    let first = draft.tables.iter().find(|t| t.disabled);
    let (line, why) = first.map_or((0, String::new()), |t| {
        let note = t.notes.last().map_or("", String::as_str);
        let why = note.strip_prefix(DISABLED).unwrap_or(note);
        (t.line, why.to_string())
    });
    Error::one(
        Diagnostic::new(
            source,
            Location::Line { line, column: None },
            format!(
                "找到 {} 张绩效目标表，但没有一张能作为目标读入：{why}",
                draft.tables.len()
            ),
        )
        .expected("按说明改正原文后再导入，或照 docs/targets-format.md 手工写目标文件"),
    )
}

/// The tables (0-based) an error names by its key `table #N…`.
fn blamed_tables(e: &Error) -> Vec<usize> {
    let (Error::Input(diags) | Error::Output(diags)) = e;
    let mut out: Vec<usize> = diags
        .iter()
        .filter_map(|d| match &d.location {
            Location::Key(k) => k
                .strip_prefix("table #")?
                .split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse::<usize>()
                .ok(),
            _ => None,
        })
        .filter_map(|n| n.checked_sub(1))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn reasons(e: &Error, table: usize) -> String {
    let (Error::Input(diags) | Error::Output(diags)) = e;
    let key = format!("table #{}", table + 1);
    let ours = |k: &str| {
        k.strip_prefix(&key)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
    };
    diags
        .iter()
        .filter(|d| matches!(&d.location, Location::Key(k) if ours(k)))
        .map(|d| match &d.found {
            Some(f) => format!("{}（{f}）", d.message),
            None => d.message.clone(),
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// Moves every indicator that would not load, and every repeated name, to the unplaced text.
/// Takes the invisible format characters (zero-width spaces, soft hyphens, direction marks: a
/// PDF's text layer has them) out of a name, which must be typed in the actuals as it reads;
/// the note says what was taken. A control character is left, for `check` to refuse.
fn drop_invisible(name: &mut String, what: &str) -> Option<String> {
    let format_char = |c: char| crate::text::invisible_name(c).is_some() && !c.is_control();
    if !name.chars().any(format_char) {
        return None;
    }
    let kinds: Vec<&str> = crate::text::invisible_chars(name)
        .into_iter()
        .filter(|&c| format_char(c))
        .filter_map(crate::text::invisible_name)
        .collect();
    let printed = crate::text::show_invisible(name);
    name.retain(|c| !format_char(c));
    Some(format!(
        "{what}「{printed}」中的不可见字符（{}）已删去，读作「{name}」",
        kinds.join("、")
    ))
}

fn settle(draft: &mut Draft) {
    let mut note = |missing: bool, n: &str| {
        if missing && !draft.notes.iter().any(|x| x == n) {
            draft.notes.push(n.to_string());
        }
    };
    note(draft.department.is_empty(), "没有找到部门名称，请填写");
    note(draft.year <= 0, "没有找到年度，请改为预算年度");
    let mut table_names = HashSet::new();
    let mut previous: Option<(String, String)> = None;
    for t in &mut draft.tables {
        if let Some(n) = drop_invisible(&mut t.name, "表名") {
            t.notes.push(n);
        }
        let twin = previous.as_ref().filter(|(name, _)| *name == t.name);
        // Right after the table of the same name, with no goal of its own: most likely its
        // continuation page (the title printed again), one table cut in two.
        let continuation = twin.is_some_and(|(_, goal)| t.goal.is_empty() || t.goal == *goal);
        let follows_its_twin = twin.is_some();
        previous = Some((t.name.clone(), t.goal.clone()));
        for ind in &mut t.indicators {
            if let Some(n) = drop_invisible(&mut ind.name, "三级指标名称") {
                ind.review.push(n);
            }
            settle_weight(ind);
        }
        if !table_names.insert(t.name.clone()) {
            let printed = t.name.clone();
            let mut k = 2;
            while !table_names.insert(format!("{printed}（{k}）")) {
                k += 1;
            }
            t.name = format!("{printed}（{k}）");
            t.notes.push(if continuation {
                format!(
                    "表名「{printed}」与前面的表重复，暂改为「{}」：本表紧接在同名的表之后，多半是续页重印了表名（一张表被分成了两张）：\
                     请把本表的指标并入上一张表「{printed}」，删去本表",
                    t.name
                )
            } else if follows_its_twin {
                format!(
                    "表名「{printed}」与前面的表重复，暂改为「{}」：本表紧接在同名的表之后，若是续页重印了表名，请把本表的指标并入上一张表；\
                     本表有自己的绩效目标，若确是另一张表，请改为能区分两表的名称（实际完成值按表名匹配）",
                    t.name
                )
            } else {
                format!(
                    "表名「{printed}」与前面的表重复，暂改为「{}」：请改为能区分两表的名称（实际完成值按表名匹配）",
                    t.name
                )
            });
        }
        let mut names = HashSet::new();
        let mut kept = Vec::new();
        for ind in std::mem::take(&mut t.indicators) {
            let why = if !names.insert(ind.name.clone()) {
                Some(format!(
                    "同一表中三级指标「{}」重复（实际完成值按名称匹配）",
                    ind.name
                ))
            } else {
                problem(&ind, draft.year)
            };
            match why {
                None => kept.push(ind),
                Some(why) => t.unplaced.push(Unplaced {
                    line: ind.line,
                    raw: raw_text(&ind),
                    why,
                }),
            }
        }
        t.indicators = kept;
    }
}

/// A 分值 cell as points: `20`, `20分`, and `20%` or a percent cell shown so (a share of the
/// table's 100 points is that many points); full-width digits as their ASCII twins. `None` for
/// anything else (`约20`, `二十`, `20分/项`).
pub fn weight_points(w: &str) -> Option<rust_decimal::Decimal> {
    let t: String = w
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '％' => '%',
            c => c,
        })
        .collect();
    let t = t
        .strip_suffix('分')
        .or_else(|| t.strip_suffix('%'))
        .unwrap_or(&t);
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    t.parse::<rust_decimal::Decimal>().ok()
}

/// Writes a weight as the number `targets` reads (`20分` → `20`); one that reads as no number is
/// left out, with a note saying what the cell held (the table's other weights still count).
fn settle_weight(ind: &mut DraftIndicator) {
    let Some(w) = ind.weight.take() else { return };
    match weight_points(&w) {
        Some(p) => ind.weight = Some(p.normalize().to_string()),
        None => ind.review.push(format!(
            "原文第{}行的分值「{}」读不成分数，未写入：请填写 weight（如 weight = \"10\"）",
            ind.line,
            one_line(&w)
        )),
    }
}

/// Why one indicator would not load, read alone in a table of its own.
fn problem(ind: &DraftIndicator, year: i64) -> Option<String> {
    let mut t = DraftTable {
        name: "表".to_string(),
        indicators: vec![ind.clone()],
        ..Default::default()
    };
    t.indicators[0].weight = None;
    let mut s = format!(
        "department = \"x\"\nyear = {}\n",
        if year > 0 { year } else { 2000 }
    );
    table_text(&mut s, &t);
    match targets::parse(Path::new("x"), &s) {
        Ok(_) => None,
        Err(Error::Input(d)) | Err(Error::Output(d)) => Some(
            d.iter()
                .map(|d| {
                    let mut m = d.message.clone();
                    if let Some(e) = &d.expected {
                        m.push_str(&format!("（应为: {e}）"));
                    }
                    m
                })
                .collect::<Vec<_>>()
                .join("；"),
        ),
    }
}

fn raw_text(ind: &DraftIndicator) -> String {
    let mut parts = vec![ind.level1.clone(), ind.level2.clone(), ind.name.clone()];
    if !ind.description.is_empty() {
        parts.push(ind.description.clone());
    }
    parts.push(ind.target.clone());
    if !ind.basis.is_empty() {
        parts.push(ind.basis.clone());
    }
    if let Some(r) = &ind.rule {
        parts.push(r.clone());
    }
    parts.join(" | ")
}

fn text(draft: &Draft, source: &Path) -> String {
    let name = source.file_name().map_or_else(
        || source.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut s = format!(
        "# 由 jixiao import 从 {} 生成：文字照原文，断开的单元格已接上。\n\
         # 「# 待核对:」标出读取时没有把握的地方，请对照原文逐条核对后删去该注释；\n\
         # 未能读成指标的文字以注释保留在所在表的末尾。核对后运行 jixiao check。\n",
        one_line(&name)
    );
    for n in &draft.notes {
        s.push_str(&format!("{REVIEW}{}\n", one_line(n)));
    }
    s.push_str(&format!("department = {}\n", quote(&draft.department)));
    s.push_str(&format!(
        "year = {}\n",
        if draft.year > 0 { draft.year } else { 0 }
    ));
    if !draft.source.is_empty() {
        s.push_str(&format!("source = {}\n", quote(&draft.source)));
    }
    for (k, t) in draft.tables.iter().enumerate() {
        s.push_str(&format!(
            "\n# {}. {}（原文第{}行）\n",
            k + 1,
            one_line(&t.name),
            t.line
        ));
        table_text(&mut s, t);
    }
    s
}

/// A text as one comment line: line breaks become spaces, and every other invisible character
/// its escape (`\0`, `\u{13}`) — a TOML comment may not hold control characters, and a reviewer
/// should see them.
fn one_line(s: &str) -> String {
    crate::text::show_invisible(&s.replace(['\n', '\r'], " "))
}

fn table_text(s: &mut String, t: &DraftTable) {
    for n in &t.notes {
        s.push_str(&format!("{REVIEW}{}\n", one_line(n)));
    }
    let live = !t.indicators.is_empty() && !t.disabled;
    let c = if live { "" } else { "# " };
    if t.indicators.is_empty() {
        s.push_str(&format!("{REVIEW}本表没有能读成指标的行，整表以注释保留\n"));
    }
    s.push_str(&format!("{c}[[table]]\n{c}name = {}\n", quote(&t.name)));
    if !t.goal.is_empty() {
        s.push_str(&format!("{c}goal = {}\n", quote(&t.goal)));
    }
    for ind in &t.indicators {
        s.push('\n');
        for r in &ind.review {
            s.push_str(&format!("{REVIEW}{}\n", one_line(r)));
        }
        s.push_str(&format!("{c}[[table.indicator]]\n"));
        let mut kv = |k: &str, v: &str| s.push_str(&format!("{c}{k} = {}\n", quote(v)));
        kv("level1", &ind.level1);
        kv("level2", &ind.level2);
        kv("name", &ind.name);
        if !ind.description.is_empty() {
            kv("description", &ind.description);
        }
        kv("target", &ind.target);
        if !ind.basis.is_empty() {
            kv("basis", &ind.basis);
        }
        if let Some(r) = ind.rule.as_ref().filter(|r| !r.is_empty()) {
            kv("rule", r);
        }
        if let Some(w) = &ind.weight {
            let c = if live && !t.weights_off { "" } else { "# " };
            s.push_str(&format!("{c}weight = {}\n", quote(w)));
        }
    }
    for u in &t.unplaced {
        s.push('\n');
        s.push_str(&format!(
            "{REVIEW}原文第{}行未能读成指标：{}\n",
            u.line,
            one_line(&u.why)
        ));
        s.push_str(&format!("# 原文: {}\n", one_line(&u.raw)));
    }
}
