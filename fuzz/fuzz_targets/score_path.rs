//! The whole `score` path: a targets file and an actuals file, both from the input
//! (`TARGETS_TOML \0 ACTUALS_CSV`), loaded, scored and laid out as both sheets.
//!
//! Checks (see `common`): nothing panics; an input that loads either scores or is refused with
//! a located error; every table foots; scores stay within their weights; no sheet cell shows a
//! saturated number. Inputs without a NUL byte are split at the first line `---`.
#![no_main]

mod common;

use jixiao::targets;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some((toml, csv)) = text.split_once('\0').or_else(|| text.split_once("\n---\n")) else {
        return;
    };
    match targets::parse(Path::new("fuzz.toml"), toml) {
        Ok(t) => common::check(&t, csv),
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
