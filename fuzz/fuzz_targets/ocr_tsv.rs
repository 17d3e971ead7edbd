//! Text as tesseract's TSV output → congvan's OCR layout (words into
//! lines and columns, slips fixed, received-stamps taken out) → `parse` of
//! the text it gives.
#![no_main]

use congvan::InputFormat;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(init: common::warm_up(), |data: &[u8]| {
    let tsv = String::from_utf8_lossy(data);
    let text = congvan::bench_api::ocr_tsv_text(&tsv);
    common::check(&text, InputFormat::Text, common::sampled(data));
});
