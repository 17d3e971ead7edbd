//! Checks shared by the fuzz targets: one parse per input, cheap invariants
//! on every input, the costly ones (JSON round trip, determinism) on a
//! sample of inputs chosen by their bytes, so that a reported input fails
//! the same way when run again.

use congvan::{Document, InputFormat, Options};

/// A real document, parsed once before fuzzing so that the parser's
/// regexes are compiled up front: otherwise the first input of every
/// fuzzing process pays for it and may be reported as a timeout.
pub fn warm_up() {
    let doc = include_str!("../../fixtures/cong-van-full-header.txt");
    for format in [InputFormat::Text, InputFormat::Markdown] {
        let _ = congvan::parse_with(doc, &Options::new().format(format));
    }
}

/// One input in this many gets the costly checks.
const SAMPLE: u64 = 16;

/// Whether `data` is in the sample (64-bit FNV-1a of its bytes).
pub fn sampled(data: &[u8]) -> bool {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash % SAMPLE == 0
}

/// Parses `text` with `format` once and checks what must always hold: every
/// span in bounds and on char boundaries (every input); the JSON reads back
/// to the same document and a second parse gives the same JSON (a sample).
pub fn check(text: &str, format: InputFormat, costly: bool) -> Document {
    let options = Options::new().format(format);
    let doc = congvan::parse_with(text, &options);
    let value = serde_json::to_value(&doc).expect("document serialises");
    check_spans(text, &value);
    if costly {
        let json = congvan::to_json(&doc);
        let back: Document = serde_json::from_str(&json).expect("JSON reads back");
        assert_eq!(back, doc, "JSON round trip changed the document");
        let again = congvan::parse_with(text, &options);
        assert_eq!(congvan::to_json(&again), json, "parse is not deterministic");
    }
    doc
}

fn check_spans(text: &str, v: &serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map {
                if k == "span" {
                    if let Some([s, e]) = child.as_array().map(Vec::as_slice) {
                        let (s, e) = (s.as_u64().unwrap() as usize, e.as_u64().unwrap() as usize);
                        assert!(s <= e && e <= text.len(), "span {s}..{e} out of bounds");
                        assert!(
                            text.is_char_boundary(s) && text.is_char_boundary(e),
                            "span {s}..{e} not on char boundaries"
                        );
                    }
                } else {
                    check_spans(text, child);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| check_spans(text, i)),
        _ => {}
    }
}
