//! Bytes as the two streams of a Word 97 file → congvan's `.doc` reader
//! (file information block, piece table, cell and row marks, footnotes) →
//! `parse` of the Markdown it gives. The compound-file container is `cfb`'s
//! and is reached through `read_file`; here the fuzzer works on the streams
//! themselves, which it could hardly reach through a valid container.
//!
//! Input: a little-endian `u32` length `n`, then `n` bytes of the
//! `WordDocument` stream, then the table stream.
#![no_main]

use congvan::InputFormat;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(init: common::warm_up(), |data: &[u8]| {
    let Some((len, rest)) = data.split_first_chunk::<4>() else {
        return;
    };
    let n = (u32::from_le_bytes(*len) as usize).min(rest.len());
    let (word, table) = rest.split_at(n);
    if let Ok(text) = congvan::bench_api::doc_streams_text(word, table) {
        common::check(&text, InputFormat::Markdown, common::sampled(data));
    }
});
