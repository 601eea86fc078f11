//! `jixiao import` of a text: any text is read by the layout it looks like, and what the
//! importer writes always loads as a targets file.
//!
//! Checks: nothing panics; a text the importer reads renders to TOML that `targets::parse`
//! loads (the importer's promise: what `check` would refuse is written as a comment); a render
//! that fails is a located refusal, never the importer's own "jixiao 的缺陷" error.
#![no_main]

use jixiao::{import, targets};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.txt");
    let Ok(mut draft) = import::read_text(path, text) else {
        return;
    };
    match import::write::render(&mut draft, path) {
        Ok(toml) => {
            if let Err(e) = targets::parse(Path::new("导入结果.toml"), &toml) {
                panic!("the import does not load:\n{e}\n---\n{toml}");
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.contains("jixiao 的缺陷"), "{message}");
        }
    }
    let _ = import::summary(&draft, "fuzz.txt");
});
