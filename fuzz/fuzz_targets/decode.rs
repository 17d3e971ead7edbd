//! Bytes → `congvan::decode` (BOMs, UTF-16 detection, NUL, strict and
//! lossy UTF-8) → `parse` of whatever was decoded.
#![no_main]

use congvan::{Error, Options};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
#[allow(dead_code)]
mod common;

fuzz_target!(init: common::warm_up(), |data: &[u8]| {
    for lossy in [false, true] {
        let options = Options::new().lossy(lossy);
        match congvan::decode(data, &options) {
            Ok(decoded) => {
                for d in &decoded.diagnostics {
                    assert!(d.span.end <= decoded.text.len() || decoded.text.is_empty());
                }
                let doc = congvan::parse_with(&decoded.text, &options);
                let _ = congvan::to_json(&doc);
            }
            Err(Error::InvalidUtf8 { offset }) => {
                assert!(!lossy, "lossy decoding failed on invalid UTF-8");
                assert!(offset < data.len());
            }
            Err(Error::Binary { offset }) => assert_eq!(data.get(offset), Some(&0)),
            Err(e) => panic!("unexpected error {e:?}"),
        }
    }
    // The size limit: one byte under and over.
    let small = Options::new().max_size(data.len().saturating_sub(1));
    if !data.is_empty() {
        assert!(matches!(
            congvan::decode(data, &small),
            Err(Error::TooLarge { .. })
        ));
    }
});
