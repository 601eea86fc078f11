//! Rules read once per run (规则缓存): each distinct rule text is read once per process (see
//! [`crate::memo`]); the result is the same as [`super::parse`]'s, errors included.

use std::sync::Arc;

use super::{ParsedRule, RuleError};
use crate::memo::Memo;

/// At most this many distinct texts are kept (a few MiB); later ones are read each time.
static RULES: Memo<Result<Arc<ParsedRule>, RuleError>> = Memo::new(20_000);

/// [`super::parse`], each distinct text read once per process; every indicator with the text
/// shares the one reading.
pub fn parse(text: &str) -> Result<Arc<ParsedRule>, RuleError> {
    RULES.get_or(text, |text| super::parse(text).map(Arc::new))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_cached_reading_is_the_reading() {
        for text in [
            "达到目标值得满分，每减少总量10%，扣20%权重分。",
            "≥90%,计5分;80%(含)-90%,计4分;低于80%不得分",
            "每减少",
        ] {
            let first = super::parse(text);
            assert_eq!(first, super::super::parse(text).map(std::sync::Arc::new));
            assert_eq!(super::parse(text), first);
        }
    }
}
