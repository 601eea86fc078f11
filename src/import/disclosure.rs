//! Disclosures (预算公开): the text of a whole 部门预算信息公开 as a PDF text extractor writes it
//! (the Hebei layout of the shipped example): the department and year in the first line, the
//! department-wide goal under `总体绩效目标`, the department-wide table `…部门整体支出绩效指标`
//! (read by [`scored_table`]) and the numbered project tables `N. 名称绩效目标表`, each with its
//! `绩效目标` text and a header `一级指标 二级指标 三级指标 …` (read by [`text_table`]).

use regex::Regex;

use super::pieces::{self, Line};
use super::text_table::{self, find_header};
use super::{scored_table, Draft, DraftTable, Unplaced};

/// The department-wide table's name in the targets file.
pub const DEPARTMENT_TABLE: &str = "部门整体支出绩效指标";

fn title_re() -> Regex {
    Regex::new(r"^\d+\s*[.、．]\s*(.+?)绩效目标表$").expect("valid")
}

fn heading_re() -> Regex {
    Regex::new(
        r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分|（[一二三四五六七八九十]+）)",
    )
    .expect("valid")
}

/// Whether the text is a disclosure with tables this reader knows.
pub fn looks_like(text: &str) -> bool {
    let titles = pieces::lines(text)
        .iter()
        .filter(|l| title_re().is_match(l.text))
        .count();
    (titles > 0 || text.contains(DEPARTMENT_TABLE)) && text.contains("部门预算")
}

pub fn read(text: &str) -> Option<Draft> {
    let lines = pieces::lines(text);
    let mut draft = Draft::default();
    if let Some(head) = title_line(&lines) {
        draft.department = head.department;
        if let Some(note) = head.note {
            draft.notes.push(note);
        }
        text_table::offer_year(
            &mut draft,
            head.year,
            text_table::YearKind::Labelled,
            &head.text,
        );
        draft.source = head.text.clone();
        if let Some(section) = lines
            .iter()
            .find(|l| heading_re().is_match(l.text) && l.text.contains("绩效"))
        {
            draft.source = format!("{} · {}", head.text, section.text);
        }
    }
    // Every department-wide table (a disclosure of a department and its units may print several).
    for at in (0..lines.len()).filter(|&i| is_department_title(&lines[i])) {
        draft
            .tables
            .push(department_table(&lines, at, &draft.department));
    }
    let mut titles: Vec<(usize, Title)> = (0..lines.len())
        .filter_map(|i| title_at(&lines, i).map(|t| (i, t)))
        .collect();
    // A title printed again on a continuation page (the same name, then the same header right
    // after it) continues its table: [`project_table`] skips it with the repeated header.
    let mut n = 1;
    while n < titles.len() {
        let (prev, (at, t)) = (&titles[n - 1], &titles[n]);
        let prev_header = (prev.0 + prev.1.used..*at).find_map(|i| find_header(&lines, i));
        let again = find_header(&lines, at + t.used);
        if t.name == prev.1.name
            && again.is_some()
            && again.map(|h| h.0) == prev_header.map(|h| h.0)
        {
            titles.remove(n);
        } else {
            n += 1;
        }
    }
    for (n, (at, title)) in titles.iter().enumerate() {
        let end = titles.get(n + 1).map_or(lines.len(), |t| t.0);
        draft.tables.push(project_table(&lines[*at..end], title));
    }
    Some(draft)
}

/// The disclosure's title: the department, the year, the title as printed, a note.
struct Head {
    department: String,
    year: i64,
    text: String,
    note: Option<String>,
}

/// The title `部门名称 2023年部门预算信息公开情况说明`: the first line before the first section
/// heading that is one (its department part not a sentence: no `，` `。` `《`), or a title split on a cover page (`部门名称` /
/// `2023年部门预算…`), joined with a note. A sentence that speaks of it (`…规定，现将某局
/// 2023年部门预算公开如下：`) gives the year only: its department is not taken (the department
/// is left empty, with the note asking for it).
fn title_line(lines: &[Line]) -> Option<Head> {
    let head = Regex::new(r"^(.*?)\s*(20\d\d)\s*年度?部门预算").expect("valid");
    let sentence = |s: &str| s.contains(['，', '。', '；', '：', '《', '》', ',', ';', ':']);
    let mut fallback = None;
    // The title comes before the first section heading (`一、部门职责…`); a line after it that
    // looks like one is the end of a wrapped sentence (`安局安次分局 2023 年度部门预算中…`).
    let first_heading = lines
        .iter()
        .position(|l| heading_re().is_match(l.text))
        .unwrap_or(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let Some(c) = head.captures(l.text) else {
            continue;
        };
        let Ok(year) = c[2].parse() else { continue };
        let department = c[1].trim();
        let front = i < first_heading;
        if front && !department.is_empty() && !sentence(department) {
            return Some(Head {
                department: department.to_string(),
                year,
                text: l.text.to_string(),
                note: None,
            });
        }
        if front && department.is_empty() {
            if let Some(prev) = i.checked_sub(1).map(|k| &lines[k]) {
                let p = prev.text;
                if !sentence(p)
                    && !heading_re().is_match(p)
                    && pieces::width(p) <= 30
                    && !p.contains(char::is_numeric)
                {
                    return Some(Head {
                        department: p.to_string(),
                        year,
                        text: format!("{p} {}", l.text),
                        note: Some(format!(
                            "部门名称取自第{}行「{p}」（与第{}行「{}」接为标题），请核对",
                            prev.number,
                            l.number,
                            crate::text::excerpt(l.text)
                        )),
                    });
                }
            }
        }
        if fallback.is_none() {
            fallback = Some(Head {
                department: String::new(),
                year,
                text: l.text.to_string(),
                note: None,
            });
        }
    }
    fallback
}

/// A numbered project table's title: its name and how many lines it takes.
struct Title {
    name: String,
    used: usize,
}

/// The title starting at `lines[i]`: `N. 名称绩效目标表` on one line, or wrapped onto the next
/// line or two (`4. “情指行”…（冀财政法〔2022〕56号）绩效目` / `标表`, as an extractor writes a title
/// wider than the page).
fn title_at(lines: &[Line], i: usize) -> Option<Title> {
    let re = title_re();
    if let Some(c) = re.captures(lines[i].text) {
        return Some(Title {
            name: c[1].trim().to_string(),
            used: 1,
        });
    }
    let numbered = Regex::new(r"^\d+\s*[.、．]").expect("valid");
    if !numbered.is_match(lines[i].text) {
        return None;
    }
    let mut joined = lines[i].text.to_string();
    for k in 1..=2 {
        let next = lines.get(i + k)?;
        if numbered.is_match(next.text)
            || heading_re().is_match(next.text)
            || re.is_match(next.text)
            || find_header(lines, i + k).is_some()
        {
            return None;
        }
        joined.push_str(next.text);
        if let Some(c) = re.captures(&joined) {
            return Some(Title {
                name: c[1].trim().to_string(),
                used: k + 1,
            });
        }
    }
    None
}

/// The goal paragraph after a heading that contains `key`, joined into one line.
fn paragraph_after(lines: &[Line], key: &str) -> String {
    let Some(at) = lines
        .iter()
        .position(|l| l.text.contains(key) && heading_re().is_match(l.text))
    else {
        return String::new();
    };
    lines[at + 1..]
        .iter()
        .take_while(|l| !heading_re().is_match(l.text))
        .map(|l| l.text)
        .collect()
}

fn header_char(c: char) -> bool {
    c.is_whitespace() || "一二三级指标评（扣）()分标准绩效描述值确定依据符号单位".contains(c)
}

/// The title line of a department-wide table (`廊坊市公安局安次分局部门整体支出绩效指标`), not the
/// section heading of the same words (`四、部门整体支出绩效指标`).
fn is_department_title(l: &Line) -> bool {
    l.text.ends_with(DEPARTMENT_TABLE) && !heading_re().is_match(l.text)
}

/// The department-wide table titled at line `at`. Without a header it knows, the table is kept
/// with a note (and written as a comment), never dropped.
fn department_table(lines: &[Line], at: usize, department: &str) -> DraftTable {
    let mut table = department_named(lines, at, department);
    // A department table printed like the project tables (a header on one or a few lines, rows
    // that start with their 二级指标) is read like them.
    if let Some((columns, used)) = find_header(lines, at + 1) {
        let body = at + 1 + used;
        let (inds, unplaced) =
            text_table::read_rows(&lines[body..table_end(lines, body)], &columns);
        table.indicators = inds;
        table.unplaced = unplaced;
        return table;
    }
    let body = at
        + 1
        + lines[at + 1..]
            .iter()
            .take_while(|l| l.text.chars().all(header_char))
            .count();
    let header: String = lines[at + 1..body].iter().map(|l| l.text).collect();
    if !header.contains("评（扣）分标准") && !header.contains("评(扣)分标准") {
        table.notes.push(
            "没有找到表头（一级指标 二级指标 三级指标 …，或逐字印出的含「评(扣)分标准」的表头），表中的指标未读"
                .to_string(),
        );
        // The table's text is kept, as comments, for the reviewer to transcribe.
        table.unplaced = unread(&lines[at + 1..table_end(lines, at + 1)]);
        return table;
    }
    let rows = without_repeated_header(&lines[body..table_end(lines, body)], &header, &mut table);
    scored_table::read(&rows, &mut table);
    table
}

/// The department table's lines without its header printed again on a continuation page (the
/// same vertical block `一` / `级` / … / `三级指标 评（扣）分标准 …` / … / `值`, maybe cut short
/// before the page's end): read as rows it lost a row and glued header words into a cell. Each
/// block skipped gets a table note.
fn without_repeated_header<'a>(
    lines: &[Line<'a>],
    header: &str,
    table: &mut DraftTable,
) -> Vec<Line<'a>> {
    let header = crate::text::compact(header);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // The longest run of lines from here that reads as the start of the header.
        let mut joined = String::new();
        let mut run = 0;
        for l in &lines[i..] {
            if !l.text.chars().all(header_char) {
                break;
            }
            joined.push_str(&crate::text::compact(l.text));
            if !header.starts_with(&joined) {
                break;
            }
            run += 1;
        }
        let repeated: String = lines[i..i + run]
            .iter()
            .map(|l| crate::text::compact(l.text))
            .collect();
        let is_header = run >= 2
            && repeated.starts_with("一级指标")
            && (repeated.contains("评(扣)分标准") || repeated.contains("评（扣）分标准"));
        if !is_header {
            out.push(lines[i].clone());
            i += 1;
            continue;
        }
        table.notes.push(format!(
            "第{}至{}行是续页重印的表头，已跳过，其后各行接着读作本表的指标，请核对",
            lines[i].number,
            lines[i + run - 1].number
        ));
        i = skip_reprint(lines, i, run, lines.len(), &mut out);
    }
    out
}

/// Where a table's rows end: the next heading or numbered table title.
/// A table's lines kept as comments when its header cannot be read.
fn unread(lines: &[Line]) -> Vec<Unplaced> {
    lines
        .iter()
        .map(|l| Unplaced {
            line: l.number,
            raw: l.text.to_string(),
            why: "表头不明，未读".to_string(),
        })
        .collect()
}

/// Skips `run` reprinted lines at `i` (a header or title repeated on a continuation page): the
/// line after them, if before `end`, is kept and inherits the page break. Returns the next index.
fn skip_reprint<'a>(
    lines: &[Line<'a>],
    i: usize,
    run: usize,
    end: usize,
    out: &mut Vec<Line<'a>>,
) -> usize {
    match lines.get(i + run).filter(|_| i + run < end) {
        Some(next) => {
            let mut next = next.clone();
            next.after_page_break |= lines[i].after_page_break;
            out.push(next);
            i + run + 1
        }
        None => i + run,
    }
}

fn table_end(lines: &[Line], from: usize) -> usize {
    (from..lines.len())
        .find(|&i| heading_re().is_match(lines[i].text) || title_at(lines, i).is_some())
        .unwrap_or(lines.len())
}

/// The department table, named and with its goal, before its rows are read.
fn department_named(lines: &[Line], at: usize, department: &str) -> DraftTable {
    let title = lines[at].text;
    let name = title.strip_prefix(department).unwrap_or(title).trim();
    DraftTable {
        name: if name.is_empty() {
            DEPARTMENT_TABLE.to_string()
        } else {
            name.to_string()
        },
        goal: paragraph_after(lines, "总体绩效目标"),
        line: lines[at].number,
        ..Default::default()
    }
}

/// One numbered project table: its title first, up to the next title.
fn project_table(lines: &[Line], title: &Title) -> DraftTable {
    let mut table = DraftTable {
        name: title.name.clone(),
        line: lines[0].number,
        ..Default::default()
    };
    let first = title.used;
    if first > 1 {
        table.notes.push(format!(
            "表名在原文中折成 {first} 行（第{}至{}行），已接为「{}」，请核对",
            lines[0].number,
            lines[first - 1].number,
            title.name
        ));
    }
    let header_at = (first..lines.len()).find(|&i| find_header(lines, i).is_some());
    let Some(h) = header_at else {
        // A header with a column this reader does not know (`… 指标值确定依据 备注`): the rows
        // cannot be cut into columns for sure. Every line is kept, as comments, never dropped.
        let end = lines[first..]
            .iter()
            .position(|l| heading_re().is_match(l.text))
            .map_or(lines.len(), |k| first + k);
        let seen = (first..end).find(|&i| crate::text::compact(lines[i].text).starts_with("一级"));
        let kept = seen.unwrap_or(first);
        let goal: String = lines[first..kept].iter().map(|l| l.text).collect();
        table.goal = goal.trim_start_matches("绩效目标").trim().to_string();
        table.notes.push(match seen {
            Some(i) => format!(
                "表头「{}」（原文第{}行）有读不懂的栏目，表中的指标未读：各行原文以注释保留，请手工抄录",
                crate::text::excerpt(lines[i].text),
                lines[i].number
            ),
            None => "没有找到表头（一级指标 二级指标 三级指标 …），表中的指标未读：各行原文以注释保留，请手工抄录".to_string(),
        });
        table.unplaced = unread(&lines[kept..end]);
        return table;
    };
    let (columns, used) = find_header(lines, h).expect("found above");
    let goal: String = lines[first..h].iter().map(|l| l.text).collect();
    table.goal = goal.trim_start_matches("绩效目标").trim().to_string();
    let end = lines[h + used..]
        .iter()
        .position(|l| heading_re().is_match(l.text))
        .map_or(lines.len(), |k| h + used + k);
    // The table's title (`2. 名称绩效目标表`, `（续表）`, `项目名称：名称` …) and header printed
    // again on a continuation page, or the header alone first on a page: skipped, the rows
    // after it read on as this table's.
    let mut rows: Vec<Line> = Vec::new();
    let mut i = h + used;
    while i < end {
        let marker = (0..=2).find(|&m| {
            i + m < end
                && (m > 0 || lines[i].after_page_break)
                && ((i..i + m).all(|j| text_table::continuation_marker(lines[j].text, &title.name))
                    // The title again, wrapped (`2. 物业管理费绩效目` / `标表`).
                    || (m == 2
                        && text_table::continuation_marker(
                            &format!("{}{}", lines[i].text, lines[i + 1].text),
                            &title.name,
                        )))
                && find_header(lines, i + m).is_some_and(|(c, _)| c == columns)
        });
        let Some(m) = marker else {
            rows.push(lines[i].clone());
            i += 1;
            continue;
        };
        let (_, again) = find_header(lines, i + m).expect("found above");
        let skipped = m + again;
        table.notes.push(if m == 0 {
            let span = if skipped == 1 {
                format!("第{}行", lines[i].number)
            } else {
                format!("第{}至{}行", lines[i].number, lines[i + skipped - 1].number)
            };
            format!("{span}是续页重印的表头，已跳过，其后各行接着读作本表的指标，请核对")
        } else {
            format!(
                "第{}至{}行是续页重印的表名和表头（「{}」），已跳过，其后各行接着读作本表的指标，请核对",
                lines[i].number,
                lines[i + skipped - 1].number,
                crate::text::excerpt(lines[i].text)
            )
        });
        i = skip_reprint(lines, i, skipped, end, &mut rows);
    }
    // A header again inside the rows: a continuation page, or another table whose title was
    // not recognised (its rows would be read as this table's).
    if let Some(k) = (0..rows.len()).find(|&i| find_header(&rows, i).is_some()) {
        table.notes.push(format!(
            "表中第{}行又出现表头：若是另一张表（表名没有认出），其后各行被读成了本表的指标，请拆开；若是续页重印的表头，可忽略",
            rows[k].number
        ));
    }
    let (inds, unplaced) = text_table::read_rows(&rows, &columns);
    table.indicators = inds;
    table.unplaced = unplaced;
    table
}
