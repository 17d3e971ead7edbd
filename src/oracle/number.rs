//! Oracles for the number parser (`number`): the patterns of the `Số:`
//! line's matchers, and texts that reach each of them.

use std::sync::LazyLock;

use proptest::prelude::*;
use regex::Regex;

use super::strategy::{joined, piece};

/// A symbol: groups of letters, digits, `&` and `.`, parted by hyphens;
/// when the first opens with a letter, also by slashes before a group
/// that opens with one (`QĐ/CTN`).
const GROUP: &str = r"(?:\p{L}[\p{L}0-9&.]*(?:[ ]?-\s?[\p{L}0-9&.]+|/\p{L}[\p{L}0-9&.]*)*|[0-9&.][\p{L}0-9&.]*(?:[ ]?-\s?[\p{L}0-9&.]+)*)";

/// A Party number `36-HD/VPTW`: the reference definition of `party_match`.
pub(crate) static PARTY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<num>[0-9]+[a-z]?)[ ]?-[ ]?(?P<ty>\p{{L}}+)[ ]?/[ ]?(?P<iss>{GROUP})"
    ))
    .expect("valid regex")
});

/// A state number `30/2020/NĐ-CP`: the reference definition of
/// `state_match`.
pub(crate) static STATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<num>[0-9](?:[ ]?[0-9])*(?:\.[0-9]+)?[a-zA-Z]?)?[ ]?/[ ]?(?:(?P<year>(?:19|20)[0-9]{{2}})[ ]?/[ ]?)?(?P<sym>{GROUP})"
    ))
    .expect("valid regex")
});

/// A garbled or handwritten number before a symbol: the reference
/// definition of `garbled_match`.
pub(crate) static GARBLED_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<junk>/?[^\s/]{{1,10}}(?: [^\s/]{{1,10}})?)[ ]?/[ ]?(?P<sym>{GROUP})"
    ))
    .expect("valid regex")
});

/// An old-style number `64-CP`: the reference definition of `old_match`.
pub(crate) static OLD_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<num>[0-9]+)[ ]?-[ ]?(?P<sym>\p{Lu}[\p{L}0-9&.]*(?:-[\p{L}0-9&.]+)*)")
        .expect("valid regex")
});

/// Digits, separators, letters of several kinds (titlecase, modifier,
/// letter numbers, marks), white space and symbols.
const ALPHABET: &[&str] = &[
    "0", "1", "2", "9", "19", "20", " ", "/", "-", ".", "&", "a", "x", "Q", "Đ", "đ", "ư", "ǅ",
    "ʰ", "Ⅻ", "\u{345}", "\u{301}", "\n", "\t", "\u{A0}", "#", ",", "漢", "Ⓐ",
];

/// Starts of Party and old numbers (`digits -`), for a third of the texts.
const HEADS: &[&str] = &[
    "", "", "", "3", "36a - ", "7-", "12 -", "5- Q", "61-ǅ", "36-HD/",
];

/// Texts for the `Số:` line's matchers: a head, then up to eleven pieces.
pub(crate) fn number_text() -> impl Strategy<Value = String> {
    (piece(HEADS), joined(ALPHABET, 0..=11)).prop_map(|(h, t)| format!("{h}{t}"))
}
