//! Text as `pdftotext -layout` prints it → congvan's page, text-layer and
//! column reading → `parse` of the text it gives.
#![no_main]

use congvan::InputFormat;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
#[allow(dead_code)]
mod common;

fuzz_target!(init: common::warm_up(), |data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let text = congvan::bench_api::pdf_layout_text(&raw);
    common::check(&text, InputFormat::Text, common::sampled(data));
});
