//! Bytes → `congvan::decode` (BOMs, UTF-16 detection, NUL, strict and
//! lossy UTF-8) → one `parse` of whatever was decoded.
#![no_main]

use congvan::{Error, Options};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
#[allow(dead_code)]
mod common;

fuzz_target!(init: common::warm_up(), |data: &[u8]| {
    let strict = Options::new();
    let decoded = match congvan::decode(data, &strict) {
        Ok(decoded) => decoded,
        Err(Error::InvalidUtf8 { offset }) => {
            assert!(offset < data.len());
            // lossy decoding never fails on invalid UTF-8
            congvan::decode(data, &Options::new().lossy(true)).expect("lossy decodes")
        }
        Err(Error::Binary { offset }) => {
            assert_eq!(data.get(offset), Some(&0));
            return;
        }
        Err(e) => panic!("unexpected error {e:?}"),
    };
    for d in &decoded.diagnostics {
        assert!(d.span.end <= decoded.text.len() || decoded.text.is_empty());
    }
    let doc = congvan::parse_with(&decoded.text, &strict);
    let _ = congvan::to_json(&doc);
    // The size limit: one byte under is refused, without parsing.
    if !data.is_empty() {
        let small = Options::new().max_size(data.len() - 1);
        assert!(matches!(
            congvan::decode(data, &small),
            Err(Error::TooLarge { .. })
        ));
    }
});
