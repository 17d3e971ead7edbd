//! The head nouns and codes of the type table ([`crate::codes::DOC_TYPES`])
//! as the citation scanner reads them, the compiled regular expressions,
//! and the identifier reader.
//!
//! Every regex is compiled once (`LazyLock`). Regexes that look backwards from
//! a position are only ever run on bounded windows (see [`window_before`]).

use std::sync::LazyLock;

use regex::Regex;

use crate::codes::{self, TypeEntry, DOC_TYPES};

/// One document type, as the table [`crate::codes::DOC_TYPES`] holds it.
pub(super) type TypeInfo = &'static TypeEntry;

/// Looks a notation group up in the type table: exact case first, then
/// case-insensitively (`TTR` → `TTr`), aliases too (`QĐi` → `QyĐ`), never
/// guessing beyond the table.
pub(super) fn type_from_code(code: &str) -> Option<TypeInfo> {
    codes::by_code(code)
}

/// The generic head noun `văn bản`: a head that names no type.
const GENERIC_HEAD: &str = "văn bản";

/// Head nouns (tên loại written before a number) and the type they name
/// (`None` for the generic `văn bản`), from the type table. Longer names
/// first so that the alternation prefers `Thông tư liên tịch` over
/// `Thông tư`.
pub(crate) fn head_names() -> &'static [(&'static str, Option<TypeInfo>)] {
    static NAMES: LazyLock<Vec<(&'static str, Option<TypeInfo>)>> = LazyLock::new(|| {
        let mut names: Vec<(&'static str, Option<TypeInfo>)> = DOC_TYPES
            .iter()
            .flat_map(|t| t.heads.iter().map(move |h| (*h, Some(t))))
            .chain([(GENERIC_HEAD, None)])
            .collect();
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        names
    });
    &NAMES
}

/// Abbreviated head nouns, case-sensitive (`QĐ số 1689/QĐ-TTg`, `TT 75/…`):
/// the codes the type table marks as such, longer first.
pub(crate) fn head_abbrevs() -> &'static [&'static str] {
    static ABBREVS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let mut abbrevs: Vec<&'static str> = DOC_TYPES
            .iter()
            .filter(|t| t.abbrev)
            .map(|t| t.code)
            .collect();
        abbrevs.dedup();
        abbrevs.sort_by_key(|a| std::cmp::Reverse(a.chars().count()));
        abbrevs
    });
    &ABBREVS
}

/// The type named by a head noun as matched (full name in any case, or an
/// abbreviation). `Ok(None)` is the generic `văn bản`; `Err(())` means the
/// text is not a head noun at all.
pub(super) fn head_type(head: &str) -> Result<Option<TypeInfo>, ()> {
    let lower = head.to_lowercase();
    let collapsed = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some((_, t)) = head_names().iter().find(|(n, _)| *n == collapsed) {
        return Ok(*t);
    }
    if head_abbrevs().contains(&head) {
        return type_from_code(head).map(Some).ok_or(());
    }
    Err(())
}

/// Every head noun in the order of `oracle::heads_alternation`: its text (full
/// name lowercase, or abbreviation as written), whether it is a full name,
/// and the type it names.
pub(super) fn head_alternatives() -> impl Iterator<Item = (&'static str, bool, Option<TypeInfo>)> {
    let names = head_names().iter().map(|&(n, t)| (n, true, t));
    let abbrevs = head_abbrevs()
        .iter()
        .map(|&a| (a, false, head_type(a).ok().flatten()));
    names.chain(abbrevs)
}

pub(crate) fn compile(pattern: &str) -> Regex {
    // The patterns are constants of this module; a failure is a bug caught
    // by every test run, never a user-data failure.
    Regex::new(pattern).unwrap_or_else(|e| panic!("cite pattern does not compile: {e}"))
}

/// The text between two identifiers of one list: `, số `, ` và `, `, và số `.
pub(super) static LIST_GAP_RE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^\s*(?:,\s*(?:và|hoặc)?|;|và|hoặc)\s*(?:(?i:số)\s*:?\s*)?$"));

/// The last word of every head noun, lowercase (`định`, `hoạch`, `luật`),
/// and every abbreviation as written (`QĐ`): a head noun right before a
/// number ends with one of them.
pub(super) fn head_endings() -> (Vec<&'static str>, &'static [&'static str]) {
    let mut words: Vec<&'static str> = head_names()
        .iter()
        .filter_map(|(n, _)| n.rsplit(' ').next())
        .collect();
    words.sort_unstable();
    words.dedup();
    (words, head_abbrevs())
}

/// The largest char boundary `<= at` (and `<= text.len()`).
pub(super) fn floor_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary `>= at` (and `<= text.len()`).
pub(super) fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// At most `max` bytes of `text` ending at `end`, on char boundaries.
/// Returns the window's start offset and the window.
pub(super) fn window_before(text: &str, end: usize, max: usize) -> (usize, &str) {
    let end = floor_boundary(text, end);
    let start = ceil_boundary(text, end.saturating_sub(max));
    (start, text.get(start..end).unwrap_or(""))
}

/// At most `max` bytes of `text` starting at `start`, on char boundaries.
pub(super) fn window_after(text: &str, start: usize, max: usize) -> &str {
    let start = floor_boundary(text, start);
    let end = floor_boundary(text, start.saturating_add(max));
    text.get(start..end).unwrap_or("")
}

/// Whether a lookbehind match starting at window offset `ws + at` really
/// starts at a word boundary (the `^` alternative may fire mid-word when the
/// window was cut).
pub(super) fn starts_at_boundary(text: &str, abs: usize) -> bool {
    text.get(..abs)
        .and_then(|s| s.chars().next_back())
        .is_none_or(|c| !c.is_alphanumeric())
}
