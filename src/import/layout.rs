//! Layout detection (版式识别): which reader a text is for. Each layout is recognised by what
//! only it prints; the first that matches wins, in the order of [`detect`].

use super::{disclosure, listing, pieces, text_table};

/// The layouts `jixiao import` reads from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A whole 部门预算公开 with its numbered 绩效目标表 (the shipped example's layout).
    Disclosure,
    /// `【产出指标-数量指标】指标1:名称(值)` listings.
    Listing,
    /// One or more tables with a header row, without a disclosure around them.
    TextTable,
    Unknown,
}

pub fn detect(text: &str) -> Layout {
    if disclosure::looks_like(text) {
        return Layout::Disclosure;
    }
    if listing::looks_like(text) {
        return Layout::Listing;
    }
    let lines = pieces::lines(text);
    if (0..lines.len()).any(|i| text_table::find_header(&lines, i).is_some()) {
        return Layout::TextTable;
    }
    Layout::Unknown
}
