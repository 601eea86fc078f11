//! Rules read once per run (规则缓存): a bureau's departments repeat the same rule texts (the
//! national wording, a province's template), and reading a rule is most of the cost of loading a
//! targets file. [`parse`] reads each distinct text once per process and hands out copies; the
//! result is the same as [`super::parse`]'s, errors included, since reading depends on the text
//! alone.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::{ParsedRule, RuleError};

type Read = Arc<Result<ParsedRule, RuleError>>;

/// At most this many distinct texts are kept (a few MiB); later ones are read each time.
const CAPACITY: usize = 20_000;

fn cache() -> &'static Mutex<HashMap<String, Read>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Read>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// [`super::parse`], each distinct text read once per process.
pub fn parse(text: &str) -> Result<ParsedRule, RuleError> {
    let known = cache()
        .lock()
        .ok()
        .and_then(|c| c.get(text).map(Arc::clone));
    if let Some(read) = known {
        return (*read).clone();
    }
    // Read outside the lock: two workers may read the same new text once each.
    let read = super::parse(text);
    if let Ok(mut c) = cache().lock() {
        if c.len() < CAPACITY {
            c.insert(text.to_string(), Arc::new(read.clone()));
        }
    }
    read
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
            assert_eq!(first, super::super::parse(text));
            assert_eq!(super::parse(text), first);
        }
    }
}
