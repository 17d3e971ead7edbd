//! Prefiltered whole-text scans.
//!
//! Each scanner gives exactly the matches `captures_iter` of its pattern
//! would give over the whole text (leftmost, non-overlapping), but runs an
//! anchored copy of the pattern only at the few places where a match can
//! start. The candidate places are found with byte searches:
//!
//! - identifiers (`ID_RE`, matched by hand by [`ids::id_at`]): every match is a digit run, then an
//!   optional letter, spaces (at most one line break) and `/` or `-`. We
//!   search for `/` and `-` and walk back to the digits. All the starts
//!   inside one digit run share the rest of the match, so only the leftmost
//!   possible one (at most six digits, not before the previous match's end)
//!   needs a try;
//! - laws by name (the law pattern, `oracle::law_regex`): every match is
//!   one boundary character (or the start of the text) and then `Luật`,
//!   `Bộ luật` or `Hiến pháp`. We search for `uật` and `Hiến` (with the
//!   regex crate's literal search) and match by hand there
//!   ([`laws::law_at`]).
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

use regex::Regex;

use super::{heads, ids, laws, patterns};

use crate::scan::{char_before, is_digit, is_word_char};

/// Calls `f` for every match of `ID_RE` ([`ids::id_at`]) in `text`, in
/// order, exactly as `ID_RE.captures_iter(text)` finds them.
pub(super) fn id_matches(text: &str, mut f: impl FnMut(&ids::IdMatch)) {
    let bytes = text.as_bytes();
    let mut floor = 0;
    let mut from = 0;
    while let Some(k) = memchr::memchr2(b'/', b'-', &bytes[from..]) {
        let p = from + k;
        from = p + 1;
        if p < floor {
            continue;
        }
        let Some(start) = id_start(text, p, floor) else {
            continue;
        };
        if let Some(m) = ids::id_at(text, start) {
            f(&m);
            floor = m.end;
            from = from.max(m.end);
        }
    }
}

/// Where a match ending its number at the separator `p` (`/` or `-`) must
/// start, if anywhere: the digit run before it (after an optional letter
/// and spaces), at most six digits, with the digits before a `.` when the
/// run is one or two decimals (`66.4`), not before `floor`.
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
    if ids::is_number_letter(c) {
        j -= c.len_utf8();
    }
    let (start, digits) = digits_before(text, j, floor);
    // `66.4/…`: one or two decimals after a `.` and the number before it
    if (1..=2).contains(&digits) {
        if let Some(k) = start.filter(|&k| k > floor && bytes[k - 1] == b'.') {
            if let (Some(whole), _) = digits_before(text, k - 1, floor) {
                return Some(whole);
            }
        }
    }
    start
}

/// The run of at most six digits ending at `j`, not before `floor`: where
/// it starts, and how many digits it has.
fn digits_before(text: &str, mut j: usize, floor: usize) -> (Option<usize>, usize) {
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
    (start, digits)
}

/// Calls `f` for every match of the law pattern ([`laws::law_at`]) in
/// `text`, in order, exactly as `captures_iter` of the whole pattern
/// (`oracle::law_regex`) finds them.
pub(super) fn law_matches(text: &str, mut f: impl FnMut(&laws::LawMatch)) {
    // The regex crate's literal search (SIMD) is much faster than
    // `str::match_indices` here.
    static HEAD_WORDS_RE: LazyLock<Regex> = LazyLock::new(|| patterns::compile("uật|Hiến"));
    let mut heads: Vec<usize> = Vec::new();
    for m in HEAD_WORDS_RE.find_iter(text) {
        let q = m.start();
        if m.as_str() == "Hiến" {
            heads.push(q);
            continue;
        }
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
    heads.sort_unstable();
    let mut floor = 0;
    for h in heads {
        let start = match char_before(text, h) {
            None => 0,
            Some(c) if is_word_char(c) => continue,
            Some(c) => h - c.len_utf8(),
        };
        if start < floor {
            continue;
        }
        if let Some(m) = laws::law_at(text, h) {
            f(&m);
            floor = m.end;
        }
    }
}

/// Walks back from `at` over white space, then `words` times over a run of
/// other characters and the white space before it, then one character (a
/// boundary); never below `floor`.
fn back_words(text: &str, mut at: usize, words: usize, floor: usize) -> usize {
    let skip = |at: &mut usize, ws: bool| {
        while *at > floor {
            match char_before(text, *at) {
                Some(c) if c.is_whitespace() == ws => *at -= c.len_utf8(),
                _ => break,
            }
        }
    };
    skip(&mut at, true);
    for _ in 0..words {
        skip(&mut at, false);
        skip(&mut at, true);
    }
    if at > floor {
        at -= char_before(text, at).map_or(0, char::len_utf8);
    }
    at
}

/// Calls `f` for every match of `TYPE_REF_RE` ([`heads::type_ref_in`]) in
/// `text`, in order, exactly as `captures_iter` finds them.
///
/// Every match ends its reference at a `trên` preceded by white space; its
/// head noun is at most four words and `nêu`/`nói` before it, so the match
/// starts after [`back_words`] of five words. The match may go on over white
/// space and one punctuation mark (or the end of the text), so the slice
/// ends there. Any other match inside the slice ends at an earlier `trên`,
/// where it was already found or ruled out.
pub(super) fn type_ref_matches(text: &str, mut f: impl FnMut(&heads::TypeRef)) {
    let mut floor = 0;
    static TREN_RE: LazyLock<Regex> = LazyLock::new(|| patterns::compile("trên"));
    for (t, w) in TREN_RE.find_iter(text).map(|m| (m.start(), m.as_str())) {
        if t < floor || !char_before(text, t).is_some_and(char::is_whitespace) {
            continue;
        }
        let a = back_words(text, t, 5, floor);
        let after = t + w.len();
        let rest = text[after..].trim_start_matches(char::is_whitespace);
        let b = match rest.chars().next() {
            None => text.len(),
            Some(c) => text.len() - rest.len() + c.len_utf8(),
        };
        if let Some(m) = heads::type_ref_in(text, a, b) {
            f(&m);
            floor = m.match_end;
        }
    }
}

/// The endings of the head nouns ([`patterns::head_endings`]), as
/// [`ends_with_head`] reads them.
pub(super) struct Endings {
    /// Lowercase words, each given last char first.
    words: Vec<Vec<char>>,
    /// Abbreviations, as written.
    abbrevs: &'static [&'static str],
    /// The last chars of `words`, sorted: the quick reject asks whether
    /// any word ends with a char, which a binary search answers.
    word_lasts: Vec<char>,
    /// The last chars of `abbrevs`, sorted.
    abbrev_lasts: Vec<char>,
}

/// The endings, built once.
pub(super) fn endings() -> &'static Endings {
    static ENDINGS: LazyLock<Endings> = LazyLock::new(Endings::new);
    &ENDINGS
}

impl Endings {
    /// Whether some word ends with the lowercase char `last_low`, or some
    /// abbreviation with `last` (the quick reject of [`ends_with_head`]).
    pub(super) fn may_end(&self, last: char, last_low: char) -> bool {
        self.word_lasts.binary_search(&last_low).is_ok()
            || self.abbrev_lasts.binary_search(&last).is_ok()
    }

    fn new() -> Endings {
        let (words, abbrevs) = patterns::head_endings();
        let words: Vec<Vec<char>> = words.iter().map(|w| w.chars().rev().collect()).collect();
        let sorted = |mut v: Vec<char>| {
            v.sort_unstable();
            v.dedup();
            v
        };
        let word_lasts = sorted(words.iter().filter_map(|w| w.first().copied()).collect());
        let abbrev_lasts = sorted(
            abbrevs
                .iter()
                .filter_map(|a| a.chars().next_back())
                .collect(),
        );
        Endings {
            words,
            abbrevs,
            word_lasts,
            abbrev_lasts,
        }
    }
}

/// Whether `text[..at]` ends with one of the `words` of `endings` written
/// in any case (the regex's case folding of their letters is upper/lower),
/// or with one of its `abbrevs` as written.
fn ends_with_head(text: &str, at: usize, endings: &Endings) -> bool {
    let Endings { words, abbrevs, .. } = endings;
    const N: usize = 8;
    // Quick reject on the last char (most words before a number are
    // `ngày`, `tháng`, `năm`, `Điều`, …).
    let Some(last) = char_before(text, at) else {
        return false;
    };
    let last_low = if last.is_ascii() {
        last.to_ascii_lowercase()
    } else {
        let mut l = last.to_lowercase();
        match (l.next(), l.next()) {
            (Some(x), None) => x,
            _ => '\0',
        }
    };
    if !endings.may_end(last, last_low) {
        return false;
    }
    // The last (up to) N chars, lowercased, last first.
    let mut low = ['\0'; N];
    let mut n = 0;
    for c in text[..at].chars().rev().take(N) {
        low[n] = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) => x,
                _ => '\0',
            }
        };
        n += 1;
    }
    let low = &low[..n];
    let last_byte = text.as_bytes()[..at].last().copied();
    words
        .iter()
        .any(|w| w.len() <= low.len() && w.iter().zip(low).all(|(wc, l)| wc == l))
        || abbrevs
            .iter()
            .any(|a| a.as_bytes().last().copied() == last_byte && text[..at].ends_with(a))
}

/// Whether a number (`\d`) may start at the byte `b`: an ASCII digit, or
/// the lead byte of a char at U+0640 or above (ASCII, continuation bytes and
/// the leads of U+0080–U+063F start no decimal digit).
pub(super) fn may_start_number(b: u8) -> bool {
    b.is_ascii_digit() || b >= 0xD9
}

/// The positions in `bytes` where [`may_start_number`] holds, in order.
///
/// Eight bytes are tested at once (SWAR: each test leaves its answer in the
/// high bit of each byte, with no carry between bytes): text is mostly
/// letters, and a byte-by-byte loop cost ~15 instructions a byte here.
///
/// A plain loop over the words, not `flat_map` of a per-word iterator
/// (which cost ~4.5 M more instructions on the corpus): most words have no
/// hit and are passed over in a few instructions.
pub(super) fn number_starts(bytes: &[u8]) -> NumberStarts<'_> {
    NumberStarts {
        bytes,
        next: 0,
        base: 0,
        mask: 0,
    }
}

/// The iterator of [`number_starts`].
pub(super) struct NumberStarts<'a> {
    bytes: &'a [u8],
    /// Start of the next word to test.
    next: usize,
    /// Start of the word `mask` belongs to.
    base: usize,
    /// The hits of that word not yet given: the high bit of each byte.
    mask: u64,
}

impl NumberStarts<'_> {
    /// The hits in the eight bytes at `at` (as [`may_start_number`]).
    fn word_mask(&self, at: usize) -> Option<u64> {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = ONES * 0x80;
        const LOW7: u64 = ONES * 0x7F;
        let w: [u8; 8] = self.bytes.get(at..at + 8)?.try_into().ok()?;
        let x = u64::from_le_bytes(w);
        let y = x & LOW7;
        // ASCII (high bit clear), low seven bits in 0x30..=0x39.
        let digit = (y + ONES * (0x80 - 0x30)) & !(y + ONES * (0x80 - 0x3A)) & !x;
        // High bit set, low seven bits at least 0x59 (0xD9 - 0x80).
        let lead = (y + ONES * (0x80 - 0x59)) & x;
        Some((digit | lead) & HIGH)
    }
}

impl Iterator for NumberStarts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        loop {
            if self.mask != 0 {
                let bit = self.mask.trailing_zeros() as usize;
                self.mask &= self.mask - 1;
                return Some(self.base + bit / 8);
            }
            match self.word_mask(self.next) {
                Some(m) => {
                    self.base = self.next;
                    self.next += 8;
                    self.mask = m;
                }
                None => {
                    // The tail, shorter than a word, byte by byte.
                    let i = self.next;
                    let &b = self.bytes.get(i)?;
                    self.next += 1;
                    if may_start_number(b) {
                        return Some(i);
                    }
                }
            }
        }
    }
}

/// Calls `f` for every match of `NUMBER_REF_RE` ([`heads::number_ref_in`])
/// in `text`, in order, exactly as `captures_iter` finds them.
///
/// Every match ends with a number (`\d{1,6}`) starting after white space, a
/// colon or `số`; before those comes a head noun, which ends with one of
/// [`patterns::head_endings`]. Only numbers passing that test are looked at,
/// on a slice from four words before the head noun's end to the end of the
/// number. Any other match inside the slice ends at an earlier number, where
/// it was already found or ruled out.
pub(super) fn number_ref_matches(text: &str, mut f: impl FnMut(&heads::NumberRef)) {
    let bytes = text.as_bytes();
    let mut floor = 0;
    for d in number_starts(bytes) {
        let digit = match bytes[d] {
            b'0'..=b'9' => true,
            // U+1E00–U+1EFF (Vietnamese letters): no digit.
            0xE1 if matches!(bytes.get(d + 1), Some(0xB8..=0xBB)) => false,
            _ => text[d..].chars().next().is_some_and(is_digit),
        };
        if !digit || d < floor {
            continue;
        }
        // The char before: a digit (the number does not start here), or
        // white space, `:` or `ố`/`Ố` (the only chars a number may follow).
        match bytes.get(d.wrapping_sub(1)) {
            Some(b' ' | b'\n' | b'\t' | b'\r' | 0x0B | 0x0C | b':') => {}
            Some(&p) if p < 0x80 => continue,
            _ if char_before(text, d).is_some_and(is_digit) => continue,
            _ => {}
        }
        // Back over `\s*`, `:`, `\s*`, `số` to the head noun's end.
        let mut j = d;
        let ws_back = |j: &mut usize| {
            let from = *j;
            while let Some(c) = char_before(text, *j).filter(|c| c.is_whitespace()) {
                *j -= c.len_utf8();
            }
            *j < from
        };
        let ws1 = ws_back(&mut j);
        let mut so = false;
        let mut colon = false;
        if text[..j].ends_with(':') {
            j -= 1;
            colon = true;
            ws_back(&mut j);
        }
        let mut chars = text[..j].chars().rev();
        if let (Some(o), Some(s)) = (chars.next(), chars.next()) {
            if matches!(o, 'ố' | 'Ố') && matches!(s, 's' | 'S' | '\u{17F}') {
                j -= o.len_utf8() + s.len_utf8();
                so = true;
            }
        }
        // Without `số`, the white space before the number was the `\s+`
        // after the head noun; with it, `\s+` comes before `số`.
        if (!so && (colon || !ws1)) || (so && !ws_back(&mut j)) {
            continue;
        }
        let head_end = j;
        if !ends_with_head(text, head_end, endings()) {
            continue;
        }
        let a = back_words(text, head_end, 4, floor);
        // The number: at most six digits.
        let mut b = d;
        for c in text[d..].chars().take(6) {
            if !is_digit(c) {
                break;
            }
            b += c.len_utf8();
        }
        if let Some(m) = heads::number_ref_in(text, a, b) {
            f(&m);
            floor = m.num.1;
        }
    }
}
