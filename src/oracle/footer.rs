//! Oracles for the footer (`footer`): a signer's name in capitals before a
//! list marker on one line (`NGUYỄN VĂN A - Giám đốc`).

use std::sync::LazyLock;

use proptest::prelude::*;
use regex::Regex;

use super::strategy::{joined, piece};

/// The reference definition of `lead_signer_end`.
pub(crate) static LEAD_SIGNER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<sig>\p{Lu}[\p{Lu}\s,.]*\p{Lu})\s+[~\-+•]\s+\S").expect("valid regex")
});

/// Capitals and lowercase (Vietnamese, titlecase, letter numbers), white
/// space of several kinds, separators and markers.
const ALPHABET: &[&str] = &[
    "A", "Ễ", "Đ", "a", "ễ", " ", "\t", "\u{3000}", ",", ".", "-", "~", "+", "•", "x", "Ⅻ", "ǅ",
    "1", ";",
];

/// Lines: a first char, a middle, maybe a marker between spaces, a tail.
pub(crate) fn signer_line() -> impl Strategy<Value = String> {
    const FIRST: &[&str] = &["A", "Ễ", "Đ", "a", "ǅ", "Ⅻ", " "];
    const MARKS: &[&str] = &[" - ", " \u{3000}•\tx", " -", "- x", " ~ y", " + ", ""];
    let middle = prop_oneof![
        piece(MARKS).prop_map(str::to_owned),
        joined(ALPHABET, 1..=1)
    ];
    (
        piece(FIRST),
        joined(ALPHABET, 0..=6),
        middle,
        joined(ALPHABET, 0..=3),
    )
        .prop_map(|(f, a, m, b)| format!("{f}{a}{m}{b}"))
}
