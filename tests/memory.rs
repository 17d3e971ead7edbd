//! Peak memory per byte of input (issue 15): parsing a document and writing
//! its JSON must not hold many times the input.
//!
//! A counting global allocator ([`peak_alloc`]) gives the most bytes live at
//! once while one input is parsed and serialised, the input itself
//! included, the way the CLI runs it (`congvan::input::parse_vec`, then the
//! JSON streamed to its output). Its `realloc` allocates anew and copies, so
//! a growing vector counts twice at the moment it grows: these figures are
//! above what the process really holds (`/usr/bin/time -f %M` in the README
//! section on reliability), never below.
//!
//! The limits are what the parser does now with some room, far below what
//! it did before (a list of one paragraph per line held next to the model:
//! 27× for a file of `Điều 1.` lines; then the normalised copy of the text
//! held to the end, the lines and the body's lists grown by doubling: 22×),
//! so a stage that starts holding a copy per line, a second copy of the
//! text, or a list grown by doubling where it can be sized, fails here.
//! What is left is mostly the model itself: for a file of short lines, a
//! block (88 bytes) or a section (120) per line, and the lines (24 bytes
//! each) while the model is built from them. This binary
//! holds only these tests: other tests allocating on other threads would be
//! counted too. The measures run one at a time (a lock).

use std::io;
use std::sync::Mutex;

use congvan::Options;
use peak_alloc::PeakAlloc;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

/// One measure at a time: the counters are global.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Size of each generated input: large enough that fixed costs (compiled
/// patterns, tables) are small beside it, small enough for a debug build.
const SIZE: usize = 1 << 20;

/// The most bytes live at once while `input` is parsed and its JSON
/// written, per byte of input (the input counts once).
fn peak_per_byte(input: String) -> f64 {
    // the patterns compiled on first use (some 0.6 MiB, once per process)
    // are not per byte of input: a first parse compiles them, so that the
    // figure does not depend on which test runs first
    let warm = include_str!("../fixtures/quyet-dinh-can-cu-dieu.txt");
    let _ = congvan::input::parse_vec(warm.as_bytes().to_vec(), &Options::default());
    let len = input.len();
    let bytes = input.into_bytes();
    ALLOC.reset_peak_usage();
    let before = ALLOC.current_usage();
    let (_, doc) = congvan::input::parse_vec(bytes, &Options::default()).expect("parses");
    serde_json::to_writer(io::sink(), &doc).expect("serialises");
    drop(doc);
    // `before` holds the input, so the peak above what was live before it
    // was given away, over the input's size, counts the input once
    let peak = ALLOC.peak_usage() - (before - len);
    peak as f64 / len as f64
}

/// `unit` repeated to `SIZE` bytes; `unit` may hold `{}`, replaced by a
/// running number from 1.
fn repeated(unit: &str) -> String {
    let mut s = String::with_capacity(SIZE + unit.len() + 8);
    let mut n = 1;
    while s.len() < SIZE {
        s.push_str(&unit.replace("{}", &n.to_string()));
        n += 1;
    }
    s
}

/// Asserts the peak for `input` is at most `limit` bytes per input byte,
/// and prints it (`--nocapture` shows the figures).
fn assert_peak(name: &str, input: impl FnOnce() -> String, limit: f64) {
    // held until the assertion is done: another test's input, or the
    // backtrace printed when one fails, is not counted here
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let ratio = peak_per_byte(input());
    eprintln!("{name}: peak {ratio:.2} bytes per input byte (limit {limit})");
    assert!(
        ratio <= limit,
        "{name}: peak {ratio:.2}× the input, over {limit}×"
    );
}

/// A realistic dispatch (header, body with sections and items, citations,
/// footer), repeated: the typical shape.
#[test]
fn typical_document_repeated() {
    let doc = include_str!("../fixtures/quyet-dinh-can-cu-dieu.txt");
    assert_peak("typical document", || repeated(&format!("{doc}\n")), 2.3);
}

/// The case of the issue: nothing but short `Điều 1.` lines, each a
/// paragraph of its own (no text after the number, so no article).
#[test]
fn short_article_lines() {
    assert_peak("Điều 1. lines", || repeated("Điều 1.\n"), 13.0);
}

/// The worst shape for the model: nothing but `- a` lines, each a list
/// item of its own (an 88-byte block and two one-byte strings per four
/// bytes of input: 22.5× for the model alone, 6× more for the lines).
#[test]
fn short_item_lines() {
    assert_peak("- a lines", || repeated("- a\n"), 31.0);
}

/// `- a` items, each with a `+ b` item nested under it: each nested list
/// is the size of its one item, not the four a first push reserves.
#[test]
fn nested_item_lines() {
    assert_peak("- a / + b lines", || repeated("- a\n+ b\n"), 31.0);
}

/// `Điều N. text` lines: one article section per line.
#[test]
fn article_sections() {
    assert_peak(
        "Điều N. text lines",
        || repeated("Điều {}. Quy định về việc thực hiện nhiệm vụ số {}.\n"),
        5.8,
    );
}

/// Long paragraphs of running text: the model holds their text once.
#[test]
fn running_text() {
    assert_peak(
        "running text",
        || {
            repeated("Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan tổ chức thực hiện kế hoạch này theo đúng quy định hiện hành.\n\n")
        },
        3.0,
    );
}
