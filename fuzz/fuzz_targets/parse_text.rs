//! Bytes → lossy UTF-8 → `parse` as plain text, once.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(init: common::warm_up(), |data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    common::check(&text, congvan::InputFormat::Text, common::sampled(data));
});
