//! Oracles for the body (`body`): texts that start like section headings
//! (`1.2.`, `II.`, `a)`, `Điều 1`), for the heading matchers, whose
//! reference definitions are the parser's own `HEADING` regexes.

use proptest::prelude::*;

use super::strategy::{joined, piece};

/// Digits (ASCII and not), dots, brackets, dashes, Roman numerals, letters
/// and white space of several kinds.
const ALPHABET: &[&str] = &[
    "1", "2", "12", "0", ".", ". ", " ", ")", "-", "–", "/", "I", "V", "X", "a", "đ", "b",
    "\u{A0}", "\u{663}", "x", ":", "\t", "\u{B}",
];

/// Texts: a heading's start, then up to eight pieces.
pub(crate) fn heading_text() -> impl Strategy<Value = String> {
    const STARTS: &[&str] = &["", "1", "1.2", "3.45", "12.1.", "I", "a", "Điều", "Điều 1"];
    (piece(STARTS), joined(ALPHABET, 0..=8)).prop_map(|(s, t)| format!("{s}{t}"))
}
