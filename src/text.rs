//! Text normalisation (规范化) shared by every reader: full-width digits and signs become ASCII,
//! the many ways of writing ≥ and ≤ become one, and spaces (ASCII or the ideographic U+3000) go.

/// Full-width ASCII variants (U+FF01..U+FF5E) to ASCII, ≧/≦ to ≥/≤, ideographic space to space.
pub fn to_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
            '\u{3000}' => ' ',
            '≧' => '≥',
            '≦' => '≤',
            _ => c,
        })
        .collect()
}

/// Half-width and without any white space: the form values are read in.
pub fn compact(s: &str) -> String {
    // One pass, one allocation.
    let mut out = String::with_capacity(s.len());
    out.extend(compact_chars(s));
    out
}

/// The characters of [`compact`]`(s)`, without building it: every character mapped as
/// `to_half_width` maps it, then white space (the ideographic space included) and BOMs left out.
pub fn compact_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter_map(|c| {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
            '≧' => '≥',
            '≦' => '≤',
            _ => c,
        };
        (!c.is_whitespace() && c != '\u{FEFF}').then_some(c)
    })
}

/// A number with spaces inside it that could be two numbers run together (`3 1`: 31, or 3 and
/// 1?), or a digit parted from its decimal point (`3 .5`): the number as written, spaces kept,
/// for a message. Spaces that group thousands (`1 700`, `12 345 678.5`) are not.
/// [`compact`] drops every space, so this is asked of the text before it.
pub fn spaced_number(s: &str) -> Option<String> {
    // Most cells have no space at all: nothing to look at, nothing allocated (every actual and
    // target passes here).
    if !s.chars().any(char::is_whitespace) {
        return None;
    }
    let chars: Vec<char> = to_half_width(s).chars().collect();
    let numeric = |c: char| c.is_ascii_digit() || c == '.';
    let mut i = 0;
    while i < chars.len() {
        if !numeric(chars[i]) {
            i += 1;
            continue;
        }
        // A run of digits and points, joined across white space by more of them.
        let (start, mut end) = (i, i);
        let mut groups: Vec<String> = vec![String::new()];
        loop {
            while end < chars.len() && numeric(chars[end]) {
                groups.last_mut().expect("one group").push(chars[end]);
                end += 1;
            }
            let mut next = end;
            while next < chars.len() && chars[next].is_whitespace() {
                next += 1;
            }
            if next > end && next < chars.len() && numeric(chars[next]) {
                groups.push(String::new());
                end = next;
            } else {
                break;
            }
        }
        i = end;
        if groups.len() < 2 {
            continue;
        }
        let digits = |g: &str, n: std::ops::RangeInclusive<usize>| {
            g.chars().all(|c| c.is_ascii_digit()) && n.contains(&g.len())
        };
        let last = groups.len() - 1;
        let thousands = groups.iter().enumerate().all(|(k, g)| match k {
            0 => digits(g, 1..=3),
            k if k < last => digits(g, 3..=3),
            _ => match g.split_once('.') {
                Some((int, frac)) => digits(int, 3..=3) && digits(frac, 1..=usize::MAX),
                None => digits(g, 3..=3),
            },
        });
        if !thousands {
            return Some(chars[start..end].iter().collect());
        }
    }
    None
}

/// The first decimal digit of another script than 0-9 in `s` (`٣`, `३`), with its byte index.
/// Full-width ０-９ are not among them (they are read as 0-9). Values and rules read the digits
/// 0-9 only: a number in other digits would be read as a word, so the readers refuse it.
pub fn other_script_digit(s: &str) -> Option<(usize, char)> {
    use std::sync::LazyLock;
    // Unicode's decimal digits (Nd) are numeric characters; the pattern is compiled only when
    // a text has a numeric character that is not 0-9 (`①` is numeric but not a decimal digit).
    static DIGIT: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"^[\d&&[^0-9０-９]]$").expect("a valid pattern"));
    s.char_indices().find(|&(_, c)| {
        !c.is_ascii() && c.is_numeric() && DIGIT.is_match(c.encode_utf8(&mut [0; 4]))
    })
}

/// Where a run of digits and decimal points at the end of `s` starts (`部分达成75` → the
/// byte index of `7`), if `s` ends in one.
pub fn trailing_number(s: &str) -> Option<usize> {
    s.char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, _)| i)
}

/// Counts characters, not bytes: positions shown to users are character positions.
pub fn char_pos(s: &str, byte: usize) -> usize {
    s[..byte.min(s.len())].chars().count()
}

/// The Chinese numerals that rules use for small counts (`每少一项`, `一个百分点`).
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// At most this many characters of a text are echoed in a message (读到/引文): a 50 MB cell must
/// not become 50 MB of error output.
pub const ECHO_CHARS: usize = 80;

/// `text` cut to [`ECHO_CHARS`] characters, with `…（共 N 字）` when it was longer.
pub fn excerpt(text: &str) -> String {
    excerpt_to(text, ECHO_CHARS)
}

/// `text` cut to `max` characters, with `…（共 N 字）` when it was longer.
fn excerpt_to(text: &str, max: usize) -> String {
    let mut chars = text.char_indices();
    match chars.nth(max) {
        None => text.to_string(),
        Some((end, _)) => format!("{}…（共 {} 字）", &text[..end], text.chars().count()),
    }
}

/// Text outside quotations is the program's own; it is only cut when it is absurdly long.
const MESSAGE_CHARS: usize = 1000;

/// Every 「…」 quotation in `text` longer than [`ECHO_CHARS`] cut to an [`excerpt`]: messages
/// quote names and fragments that come from the user's files. The text between quotations is
/// only cut past 1000 characters.
pub fn cap_quotes(text: &str) -> String {
    if text.chars().count() <= ECHO_CHARS {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len().min(4096));
    let mut rest = text;
    while let Some(open) = rest.find('「') {
        let inner = &rest[open + '「'.len_utf8()..];
        let Some(close) = inner.find('」') else {
            break;
        };
        out.push_str(&excerpt_to(&rest[..open], MESSAGE_CHARS));
        out.push('「');
        out.push_str(&excerpt(&inner[..close]));
        out.push('」');
        rest = &inner[close + '」'.len_utf8()..];
    }
    out.push_str(&excerpt_to(rest, MESSAGE_CHARS));
    out
}

/// What an invisible character is, in words, if `c` is one: control characters (Unicode Cc),
/// format characters (Cf: zero-width spaces, direction marks, the BOM) and the line and paragraph
/// separators. They are shown as escapes in messages, so that a name that looks right but does not
/// match shows why.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\0' => "空字符 NUL",
        '\t' => "制表符 Tab",
        '\n' => "换行符 LF",
        '\r' => "回车符 CR",
        '\u{7}' => "控制字符 BEL（响铃）",
        '\u{8}' => "控制字符 BS（退格）",
        '\u{1B}' => "控制字符 ESC",
        '\u{7F}' => "控制字符 DEL",
        '\u{0}'..='\u{1F}' | '\u{80}'..='\u{9F}' => "控制字符",
        '\u{FEFF}' => "字节顺序标记 BOM（零宽不换行空格）",
        '\u{200B}' => "零宽空格",
        '\u{200C}' => "零宽不连字",
        '\u{200D}' => "零宽连字",
        '\u{2060}' => "零宽不换行符",
        '\u{00AD}' => "软连字符",
        '\u{200E}' | '\u{200F}' | '\u{061C}' => "文字方向标记",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "文字方向控制字符",
        '\u{2028}' => "行分隔符",
        '\u{2029}' => "段分隔符",
        '\u{180E}'
        | '\u{2061}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{0600}'..='\u{0605}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}' => "不可见的格式字符",
        _ => return None,
    })
}

/// How an invisible character is written in a message: `\0`, `\t`, `\u{7}`, `\u{200B}`.
pub fn escape_char(c: char) -> String {
    match c {
        '\0' => "\\0".into(),
        '\t' => "\\t".into(),
        '\n' => "\\n".into(),
        '\r' => "\\r".into(),
        _ => format!("\\u{{{:X}}}", c as u32),
    }
}

/// `text` with every invisible character written as its escape.
pub fn show_invisible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match invisible_name(c) {
            Some(_) => out.push_str(&escape_char(c)),
            None => out.push(c),
        }
    }
    out
}

/// The distinct invisible characters of `text`, in order of first appearance.
pub fn invisible_chars(text: &str) -> Vec<char> {
    let mut seen = Vec::new();
    for c in text.chars() {
        if invisible_name(c).is_some() && !seen.contains(&c) {
            seen.push(c);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    #[test]
    fn spaces_inside_a_number_are_found_unless_they_group_thousands() {
        for (s, run) in [
            ("3 1", "3 1"),
            ("3 1次", "3 1"),
            ("9 6%", "9 6"),
            ("17 00", "17 00"),
            ("1 70 0", "1 70 0"),
            ("3 .5次", "3 .5"),
            ("3. 5", "3. 5"),
            ("90 35.84", "90 35.84"),
            ("1 700 .5", "1 700 .5"),
            ("1 7000", "1 7000"),
            ("1234 567", "1234 567"),
            ("１ ２", "1 2"),
            ("≥ 2 次 实际 3 1", "3 1"),
        ] {
            assert_eq!(super::spaced_number(s).as_deref(), Some(run), "{s}");
        }
        for s in [
            "31",
            "1 700",
            "12 345 678.5",
            "1 700起",
            "≥ 2 次",
            "3.5 万元",
            "部分达成 75 %",
            "2023年 12月",
            "2023 年12月",
            "",
        ] {
            assert_eq!(super::spaced_number(s), None, "{s}");
        }
    }

    #[test]
    fn digits_of_another_script_are_found_and_no_others() {
        assert_eq!(super::other_script_digit("每减少٣%"), Some((9, '٣')));
        assert_eq!(super::other_script_digit("≥९५%"), Some((3, '९')));
        for s in ["≥95%", "２０２３年", "①及时", "Ⅱ类", "½", "一二三"] {
            assert_eq!(super::other_script_digit(s), None, "{s}");
        }
    }

    #[test]
    fn compact_is_half_width_without_white_space() {
        for s in [
            "",
            " ≧ ９５％ ",
            "部分达成\u{3000}７５",
            "a\u{FEFF}b\tc\n",
            "１,２ ≦3",
        ] {
            let slow: String = super::to_half_width(s)
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{FEFF}')
                .collect();
            assert_eq!(super::compact(s), slow, "{s:?}");
        }
        assert_eq!(super::compact(" ≧ ９５％ "), "≥95%");
    }

    use super::*;

    #[test]
    fn full_width_digits_and_signs() {
        assert_eq!(compact("≧ ９５　％"), "≥95%");
        assert_eq!(compact("＜＝５"), "<=5");
        assert_eq!(to_half_width("，"), ",");
    }

    #[test]
    fn long_texts_are_cut_and_counted() {
        let long = "字".repeat(100);
        let cut = excerpt(&long);
        assert_eq!(cut, format!("{}…（共 100 字）", "字".repeat(80)));
        assert_eq!(excerpt("短"), "短");
        let msg = format!("表「{long}」中没有这个三级指标");
        assert_eq!(
            cap_quotes(&msg),
            format!("表「{}…（共 100 字）」中没有这个三级指标", "字".repeat(80))
        );
    }

    #[test]
    fn invisible_characters_are_escaped_and_named() {
        assert_eq!(show_invisible("表\u{7}A"), "表\\u{7}A");
        assert_eq!(show_invisible("a\u{200B}b\0"), "a\\u{200B}b\\0");
        assert_eq!(show_invisible("\u{FEFF}x"), "\\u{FEFF}x");
        assert_eq!(invisible_name('\u{200B}'), Some("零宽空格"));
        assert_eq!(invisible_name('表'), None);
        assert_eq!(invisible_name(' '), None);
        assert_eq!(invisible_chars("a\u{7}b\u{7}\0"), vec!['\u{7}', '\0']);
    }

    #[test]
    fn positions_count_characters() {
        let s = "每减少abc";
        assert_eq!(char_pos(s, "每减少".len()), 3);
    }
}
