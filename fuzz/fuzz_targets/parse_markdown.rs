//! Bytes → lossy UTF-8 → `parse` as Markdown, once; on the sample, also
//! with auto-detection.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(init: common::warm_up(), |data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let costly = common::sampled(data);
    common::check(&text, congvan::InputFormat::Markdown, costly);
    if costly {
        let _ = congvan::parse_with(&text, &congvan::Options::new());
    }
});
