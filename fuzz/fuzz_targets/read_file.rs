//! Bytes → `congvan::input::extract` (format detection, the `.docx` zip
//! and XML reader, the `.doc` compound file and piece table) → `parse`.
//! PDFs are left out: they run an external program (see `pdf_layout`).
#![no_main]

use congvan::input::{self, FileFormat};
use congvan::Options;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
#[allow(dead_code)]
mod common;

fuzz_target!(init: common::warm_up(), |data: &[u8]| {
    if input::detect(data) == FileFormat::Pdf {
        return;
    }
    let options = Options::new().max_size(1 << 20);
    if let Ok((extracted, doc)) = input::parse_bytes(data, &options) {
        for d in &doc.diagnostics {
            assert!(d.span.end <= extracted.text.len() || d.span.is_empty());
        }
        let _ = congvan::to_json(&doc);
    }
});
