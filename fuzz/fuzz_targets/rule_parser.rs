//! Rule texts (评(扣)分标准) as written, and the canonical round trip.
//!
//! Checks:
//! - `rules::parse` never panics, on any UTF-8 text;
//! - when it succeeds, the canonical form `parsed.rule.to_string()` reads back with
//!   `rules::canonical::parse` to the very same rule, and printing that again gives the same text;
//! - `rules::canonical::parse` on the raw input never panics, and a rule it reads prints to a
//!   canonical form that reads back to the same rule.
#![no_main]

use jixiao::rules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };

    if let Ok(parsed) = rules::parse(text) {
        let printed = parsed.rule.to_string();
        let back = match rules::canonical::parse(&printed) {
            Ok(back) => back,
            Err(e) => panic!(
                "canonical form does not parse back\n  text:      {text:?}\n  canonical: {printed:?}\n  error:     {e}"
            ),
        };
        assert_eq!(
            back, parsed.rule,
            "canonical round trip changed the rule\n  text:      {text:?}\n  canonical: {printed:?}"
        );
        assert_eq!(back.to_string(), printed, "printing is not stable for {text:?}");
    }

    if let Ok(rule) = rules::canonical::parse(text) {
        let printed = rule.to_string();
        let back = match rules::canonical::parse(&printed) {
            Ok(back) => back,
            Err(e) => panic!(
                "canonical text re-printed does not parse back\n  text:      {text:?}\n  canonical: {printed:?}\n  error:     {e}"
            ),
        };
        assert_eq!(
            back, rule,
            "canonical re-print changed the rule\n  text:      {text:?}\n  canonical: {printed:?}"
        );
    }
});
