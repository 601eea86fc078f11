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
    to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{FEFF}')
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_signs() {
        assert_eq!(compact("≧ ９５　％"), "≥95%");
        assert_eq!(compact("＜＝５"), "<=5");
        assert_eq!(to_half_width("，"), ",");
    }

    #[test]
    fn positions_count_characters() {
        let s = "每减少abc";
        assert_eq!(char_pos(s, "每减少".len()), 3);
    }
}
