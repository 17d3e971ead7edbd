//! Prefiltered whole-text scans.
//!
//! Each scanner gives exactly the matches `captures_iter` of its pattern
//! would give over the whole text (leftmost, non-overlapping), but runs an
//! anchored copy of the pattern only at the few places where a match can
//! start. The candidate places are found with byte searches:
//!
//! - identifiers ([`patterns::ID_RE`]): every match is a digit run, then an
//!   optional letter, spaces (at most one line break) and `/` or `-`. We
//!   search for `/` and `-` and walk back to the digits. All the starts
//!   inside one digit run share the rest of the match, so only the leftmost
//!   possible one (at most six digits, not before the previous match's end)
//!   needs a try;
//! - laws by name (the law pattern (`(?:^|[^\p{L}\d])` and [`patterns::law_name_rest`])): every match is one boundary
//!   character (or the start of the text) and then `Luật`, `Bộ luật` or
//!   `Hiến pháp`. We search for `uật` and `Hiến`.
//!
//! Why this is the same as `captures_iter`: the scan keeps the end of the
//! last match as a floor and tries the candidates in increasing order. Every
//! position where an anchored match exists is a candidate (or shares its
//! outcome with one), so the first candidate at or after the floor that
//! matches is the leftmost match after the floor: the one `captures_iter`
//! returns next. The anchored copies run on the text from the candidate to
//! the end of the text, so `$` keeps its meaning; `^` is only allowed where
//! the candidate is the start of the text.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::patterns;

/// `^(?:ID_RE)`.
static ID_ANCHORED_RE: LazyLock<Regex> =
    LazyLock::new(|| patterns::compile(&format!("^(?:{})", patterns::id_pattern())));

/// The anchored law pattern for a candidate at the start of the text.
static LAW_AT_START_RE: LazyLock<Regex> = LazyLock::new(|| {
    patterns::compile(&format!(
        "^(?:(?:^|[^\\p{{L}}\\d]){})",
        patterns::law_name_rest()
    ))
});

/// The anchored law pattern for a candidate after the start, where `^` cannot
/// match: the boundary character must be there.
static LAW_ANCHORED_RE: LazyLock<Regex> = LazyLock::new(|| {
    patterns::compile(&format!("^(?:[^\\p{{L}}\\d]{})", patterns::law_name_rest()))
});

/// A single Unicode decimal digit (`\d` of the patterns), for the rare
/// non-ASCII characters.
static DIGIT_RE: LazyLock<Regex> = LazyLock::new(|| patterns::compile(r"\A\d\z"));

/// Whether `c` is matched by `\d` (Unicode `Nd`).
fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    let mut buf = [0u8; 4];
    DIGIT_RE.is_match(c.encode_utf8(&mut buf))
}

/// The char ending at `at` (`at` on a char boundary).
fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// Calls `f(caps, base)` for every match of [`patterns::ID_RE`] in `text`,
/// in order, exactly as `ID_RE.captures_iter(text)` finds them; capture
/// offsets are relative to `base`.
pub(super) fn id_matches(text: &str, mut f: impl FnMut(&Captures<'_>, usize)) {
    let bytes = text.as_bytes();
    let mut floor = 0;
    let mut from = 0;
    while let Some(k) = bytes[from..].iter().position(|&b| b == b'/' || b == b'-') {
        let p = from + k;
        from = p + 1;
        if p < floor {
            continue;
        }
        let Some(start) = id_start(text, p, floor) else {
            continue;
        };
        if let Some(caps) = ID_ANCHORED_RE.captures(&text[start..]) {
            let end = start + caps.get(0).map_or(0, |m| m.end());
            f(&caps, start);
            floor = end;
            from = from.max(end);
        }
    }
}

/// Where a match ending its number at the separator `p` (`/` or `-`) must
/// start, if anywhere: the digit run before it (after an optional letter
/// and spaces), at most six digits, not before `floor`.
fn id_start(text: &str, p: usize, floor: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let slash = bytes[p] == b'/';
    let mut j = p;
    let mut newline = false;
    while j > floor && matches!(bytes[j - 1], b' ' | b'\t' | b'\n') {
        if bytes[j - 1] == b'\n' {
            if !slash || newline {
                return None;
            }
            newline = true;
        }
        j -= 1;
    }
    if j <= floor {
        return None;
    }
    let c = char_before(text, j)?;
    if c.is_ascii_lowercase() || c == 'đ' {
        j -= c.len_utf8();
    }
    let mut start = None;
    let mut digits = 0;
    while j > floor && digits < 6 {
        match char_before(text, j) {
            Some(c) if is_digit(c) => {
                j -= c.len_utf8();
                digits += 1;
                start = Some(j);
            }
            _ => break,
        }
    }
    start
}

/// Calls `f(caps, base)` for every match of the law pattern (`(?:^|[^\p{L}\d])` and [`patterns::law_name_rest`]) in
/// `text`, in order, exactly as `captures_iter` of the whole pattern finds
/// them; capture offsets are relative to `base`.
pub(super) fn law_matches(text: &str, mut f: impl FnMut(&Captures<'_>, usize)) {
    let mut heads: Vec<usize> = Vec::new();
    for (q, _) in text.match_indices("uật") {
        match char_before(text, q) {
            Some('L') => heads.push(q - 1),
            Some('l') => {
                // `Bộ\s+luật`.
                let ws_end = q - 1;
                let before = text[..ws_end].trim_end_matches(char::is_whitespace);
                if before.len() < ws_end && before.ends_with("Bộ") {
                    heads.push(before.len() - "Bộ".len());
                }
            }
            _ => {}
        }
    }
    heads.extend(text.match_indices("Hiến").map(|(h, _)| h));
    heads.sort_unstable();
    let mut floor = 0;
    for h in heads {
        let start = match char_before(text, h) {
            None => 0,
            // An ASCII letter or digit cannot be the boundary character.
            Some(c) if c.is_ascii_alphanumeric() => continue,
            Some(c) => h - c.len_utf8(),
        };
        let re = if start == 0 {
            &*LAW_AT_START_RE
        } else {
            &*LAW_ANCHORED_RE
        };
        if start < floor {
            continue;
        }
        if let Some(caps) = re.captures(&text[start..]) {
            let end = start + caps.get(0).map_or(0, |m| m.end());
            f(&caps, start);
            floor = end;
        }
    }
}
