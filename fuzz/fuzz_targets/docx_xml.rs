//! Bytes as a `.docx` body (`word/document.xml`) → the WordprocessingML
//! walker and table renderer → `parse` of the Markdown it gives.
#![no_main]

use congvan::InputFormat;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
#[allow(dead_code)]
mod common;

fuzz_target!(init: common::warm_up(), |data: &[u8]| {
    if let Some(text) = congvan::bench_api::docx_xml_text(data) {
        common::check(&text, InputFormat::Markdown, common::sampled(data));
    }
});
