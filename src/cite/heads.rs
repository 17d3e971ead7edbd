//! Head nouns (tên loại written before a number: `Quyết định`, `công văn`,
//! `QĐ`) matched by hand instead of by regex.
//!
//! The head-noun alternation (`oracle::heads_alternation`) made the
//! costliest regexes of the extractor: a case-insensitive Unicode
//! alternation of 62 words takes milliseconds to compile, and searched
//! backwards from a `$` it builds thousands of lazy-DFA states. Every use
//! here asks for a match at a known place (ending at a position, or
//! somewhere in a slice of a few words), which a direct comparison answers
//! in a few instructions.
//!
//! Why this is the same as the alternation:
//! - a full name (`thông tư liên tịch`) matches letter by letter with the
//!   regex crate's simple case folding ([`fold_eq`](crate::scan::fold_eq)), and `\s+` (Unicode
//!   white space, as `char::is_whitespace`) between words; an abbreviation
//!   (`QĐ`) matches as written;
//! - the alternatives are tried in the alternation's order ([`alts`]: names,
//!   longer first where they share a prefix, then abbreviations), and
//!   everything after the head noun in each pattern is deterministic (each
//!   repetition is followed by a character it cannot match), so the first
//!   alternative whose rest matches is the one a leftmost-first regex
//!   reports;
//! - the match start is the leftmost one: a boundary `(?:^|[^\p{L}\d])`
//!   before the head noun, `^` (only at the slice start) tried before a
//!   boundary character.

use std::sync::LazyLock;

use super::patterns::{self, TypeInfo};
use crate::scan::{
    char_eq, digits, is_upper, is_word_char, skip_ws, skip_ws_back, word_back, word_fwd,
};

/// One alternative of the head-noun alternation.
#[derive(Debug)]
pub(super) struct Alt {
    /// The words of the full name, lowercase; or the abbreviation as
    /// written.
    words: Vec<&'static str>,
    /// The first and last chars.
    first: char,
    last: char,
    /// Whether letters match case-insensitively (the full names); the
    /// abbreviations and the heads of [`title_before`] match as written.
    pub(super) fold: bool,
    /// The type the head noun names, as [`patterns::head_type`] gives it.
    pub(super) ty: Option<TypeInfo>,
}

/// The alternatives in the order of `oracle::heads_alternation`.
pub(super) fn alts() -> &'static [Alt] {
    static ALTS: LazyLock<Vec<Alt>> = LazyLock::new(|| {
        patterns::head_alternatives()
            .map(|(text, fold, ty)| Alt::new(text, fold, ty))
            .collect()
    });
    &ALTS
}

impl Alt {
    fn new(text: &'static str, fold: bool, ty: Option<TypeInfo>) -> Alt {
        Alt {
            words: text.split(' ').collect(),
            first: text.chars().next().unwrap_or(' '),
            last: text.chars().next_back().unwrap_or(' '),
            fold,
            ty,
        }
    }
}

/// Words separated by `\s+`, walked from `at` one step at a time: `ws`
/// passes white space, `word` one word. Returns where the walk ends.
fn walk_words<'w>(
    words: impl Iterator<Item = &'w &'static str>,
    at: usize,
    ws: impl Fn(usize) -> usize,
    word: impl Fn(usize, &str) -> Option<usize>,
) -> Option<usize> {
    let mut p = at;
    for (k, w) in words.enumerate() {
        if k > 0 {
            let q = ws(p);
            if q == p {
                return None;
            }
            p = q;
        }
        p = word(p, w)?;
    }
    Some(p)
}

impl Alt {
    /// The full name or the abbreviation.
    #[cfg(test)]
    pub(super) fn text(&self) -> String {
        self.words.join(" ")
    }

    /// Whether this head noun may start with the text char `c`.
    pub(super) fn may_start_with(&self, c: char) -> bool {
        char_eq(c, self.first, self.fold)
    }

    /// Whether this head noun may end with the text char `c`.
    pub(super) fn may_end_with(&self, c: char) -> bool {
        char_eq(c, self.last, self.fold)
    }

    /// The end of this head noun written at `at` in `text[..end]`.
    fn fwd(&self, text: &str, at: usize, end: usize) -> Option<usize> {
        walk_words(
            self.words.iter(),
            at,
            |p| skip_ws(text, p, end),
            |p, w| word_fwd(text, p, end, w, self.fold),
        )
    }

    /// The start of this head noun written so that it ends at `at`, within
    /// `text[lo..]`.
    fn back(&self, text: &str, lo: usize, at: usize) -> Option<usize> {
        walk_words(
            self.words.iter().rev(),
            at,
            |p| skip_ws_back(text, lo, p),
            |p, w| word_back(text, lo, p, w, self.fold),
        )
    }
}

/// A head noun found in the text: its byte range and alternative.
#[derive(Debug, Clone, Copy)]
pub(super) struct Head {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) alt: &'static Alt,
}

/// Where a match whose head noun starts at `s` starts, in a slice from
/// `lo`: `(lo, 0)` for `^` at the slice start, `(s - 1 char, 1)` for a
/// boundary character `[^\p{L}\d]`, `None` after a letter or digit. Ordered
/// as a leftmost-first regex prefers them.
fn match_start(text: &str, lo: usize, s: usize) -> Option<(usize, u8)> {
    if s == lo {
        return Some((lo, 0));
    }
    match text[lo..s].chars().next_back() {
        Some(c) if !is_word_char(c) => Some((s - c.len_utf8(), 1)),
        _ => None,
    }
}

/// The `head` group of `HEAD_BEFORE_RE`,
/// `(?:^|[^\p{L}\d])(?P<head>HEADS)(?:\s+số\s*:?)?\s*$`, run on
/// `text[lo..end]`.
///
/// The head noun ends either where the trailing white space starts, or
/// before `\s+số\s*:?\s*` at the end. Of all head nouns ending there, the
/// regex reports the one whose match starts leftmost (`^` before a
/// boundary character, then the alternation's order).
pub(super) fn head_before(text: &str, lo: usize, end: usize) -> Option<Head> {
    let plain_end = skip_ws_back(text, lo, end);
    let so_end = so_at_end(text, lo, end).map(|(_, e)| e);
    // (match start, `^` = 0 / boundary char = 1, alternative index, head)
    let mut best: Option<(usize, u8, usize, Head)> = None;
    for e in [Some(plain_end), so_end].into_iter().flatten() {
        let Some(c) = text[lo..e].chars().next_back() else {
            continue;
        };
        for &(i, alt) in alts_ending(c) {
            if !alt.may_end_with(c) {
                continue;
            }
            let Some(s) = alt.back(text, lo, e) else {
                continue;
            };
            let Some(key) = match_start(text, lo, s) else {
                continue;
            };
            if best.is_none_or(|(bs, bb, bi, _)| (key.0, key.1, i) < (bs, bb, bi)) {
                let head = Head {
                    start: s,
                    end: e,
                    alt,
                };
                best = Some((key.0, key.1, i, head));
            }
        }
    }
    best.map(|(.., h)| h)
}

/// The key under which the alternatives are indexed by their first char:
/// `c` lowercased when that gives one char (`ſ` counts as `s`), else `c`.
///
/// Whenever the text char `c` matches an alternative's first char `x`
/// ([`char_eq`]), `fold_key(c) == fold_key(x)`: as written, `c == x`;
/// case-folded, `x` is a lowercase letter (its own key) and [`fold_eq`](crate::scan::fold_eq)
/// holds only when `c` lowercases to `x` or is `ſ` with `x = s`. So the
/// alternatives under `fold_key(c)` include every one that may start at
/// `c` (the test `alternatives_under_a_key_are_complete` checks it).
pub(super) fn fold_key(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c == 'ſ' {
        return 's';
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Alternatives with their index in [`alts`], grouped by the key of one
/// of their chars and sorted by key.
type AltIndex = Vec<(char, Vec<(usize, &'static Alt)>)>;

/// [`alts`] grouped by `fold_key(char_of(alt))`, in the alternation's
/// order within each group.
fn index_alts(char_of: fn(&Alt) -> char) -> AltIndex {
    let mut index: AltIndex = Vec::new();
    for (i, alt) in alts().iter().enumerate() {
        let key = fold_key(char_of(alt));
        match index.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push((i, alt)),
            None => index.push((key, vec![(i, alt)])),
        }
    }
    index.sort_unstable_by_key(|(k, _)| *k);
    index
}

/// The group of `index` under `fold_key(c)`.
fn lookup(index: &AltIndex, c: char) -> &[(usize, &'static Alt)] {
    let key = fold_key(c);
    match index.binary_search_by_key(&key, |(k, _)| *k) {
        Ok(i) => index.get(i).map_or(&[], |(_, v)| v.as_slice()),
        Err(_) => &[],
    }
}

/// The alternatives whose first char has the key `fold_key(c)`, with their
/// index in [`alts`], in order: those that may start with `c`, and a few
/// more (they still need [`Alt::may_start_with`]).
pub(super) fn alts_starting(c: char) -> &'static [(usize, &'static Alt)] {
    static INDEX: LazyLock<AltIndex> = LazyLock::new(|| index_alts(|a| a.first));
    lookup(&INDEX, c)
}

/// The alternatives whose last char has the key `fold_key(c)`, with their
/// index in [`alts`], in order: those that may end with `c`, and a few
/// more (they still need [`Alt::may_end_with`]). The same reasoning as
/// for [`fold_key`] holds for the last chars.
pub(super) fn alts_ending(c: char) -> &'static [(usize, &'static Alt)] {
    static INDEX: LazyLock<AltIndex> = LazyLock::new(|| index_alts(|a| a.last));
    lookup(&INDEX, c)
}

/// The first match of a pattern `(?:^|[^\p{L}\d])(?P<head>HEADS)REST` in
/// `text[a..b]` (`^` only when `a` is the start of the text), where
/// `rest(head, b)` matches `REST` after the head noun; `names_only` leaves
/// out the abbreviations.
fn first_in_slice<T>(
    text: &str,
    a: usize,
    b: usize,
    names_only: bool,
    rest: impl Fn(Head) -> Option<T>,
) -> Option<T> {
    let try_at = |at: usize| {
        let c = text[at..b].chars().next()?;
        alts_starting(c)
            .iter()
            .filter(|(_, alt)| (alt.fold || !names_only) && alt.may_start_with(c))
            .find_map(|&(_, alt)| {
                let end = alt.fwd(text, at, b)?;
                rest(Head {
                    start: at,
                    end,
                    alt,
                })
            })
    };
    for (k, c) in text[a..b].char_indices() {
        let s = a + k;
        if s == 0 {
            if let Some(m) = try_at(s) {
                return Some(m);
            }
        }
        if !is_word_char(c) {
            if let Some(m) = try_at(s + c.len_utf8()) {
                return Some(m);
            }
        }
    }
    None
}

/// One match of `NUMBER_REF_RE`,
/// `(?:^|[^\p{L}\d])(?P<head>HEADS)\s+(?P<so>(?i:số)\s*:?\s*)?(?P<num>\d{1,6})`.
#[derive(Debug, Clone, Copy)]
pub(super) struct NumberRef {
    pub(super) head: Head,
    /// Whether `số` was written.
    pub(super) so: bool,
    /// The number's byte range (also the match end).
    pub(super) num: (usize, usize),
}

/// The first match of `NUMBER_REF_RE` in `text[a..b]`.
pub(super) fn number_ref_in(text: &str, a: usize, b: usize) -> Option<NumberRef> {
    first_in_slice(text, a, b, false, |head| {
        let p = skip_ws(text, head.end, b);
        if p == head.end {
            return None;
        }
        // `(?i:số)\s*:?\s*` then the number; without `số` the number must
        // follow the white space directly.
        let after_so = word_fwd(text, p, b, "số", true).map(|q| {
            let q = skip_ws(text, q, b);
            let q = if text[q..b].starts_with(':') {
                q + 1
            } else {
                q
            };
            skip_ws(text, q, b)
        });
        if let Some(n) = after_so.and_then(|q| digits(text, q, b, 6).map(|e| (q, e))) {
            return Some(NumberRef {
                head,
                so: true,
                num: n,
            });
        }
        let e = digits(text, p, b, 6)?;
        Some(NumberRef {
            head,
            so: false,
            num: (p, e),
        })
    })
}

/// One match of `TYPE_REF_RE`,
/// `(?:^|[^\p{L}\d])(?P<ref>(?P<head>NAMES)\s+(?:nêu\s+trên|nói\s+trên|(?P<bare>trên)))(?P<after>\s*[,.;:)]|$)?`.
#[derive(Debug, Clone, Copy)]
pub(super) struct TypeRef {
    pub(super) head: Head,
    /// End of `trên` (of the `ref` group).
    pub(super) end: usize,
    /// Whether `trên` stands alone (no `nêu`/`nói`).
    pub(super) bare: bool,
    /// Whether punctuation (or the end of the slice) follows.
    pub(super) after: bool,
    /// End of the whole match.
    pub(super) match_end: usize,
}

/// The first match of `TYPE_REF_RE` in `text[a..b]`.
pub(super) fn type_ref_in(text: &str, a: usize, b: usize) -> Option<TypeRef> {
    const TREN: &str = "trên";
    first_in_slice(text, a, b, true, |head| {
        let p = skip_ws(text, head.end, b);
        if p == head.end {
            return None;
        }
        let rest = &text[p..b];
        let (end, bare) = if rest.starts_with("nêu") || rest.starts_with("nói") {
            let w = p + "nêu".len();
            let q = skip_ws(text, w, b);
            if q == w || !text[q..b].starts_with(TREN) {
                return None;
            }
            (q + TREN.len(), false)
        } else if rest.starts_with(TREN) {
            (p + TREN.len(), true)
        } else {
            return None;
        };
        let q = skip_ws(text, end, b);
        let (after, match_end) = if text[q..b].starts_with([',', '.', ';', ':', ')']) {
            (true, q + 1)
        } else {
            (end == b, end)
        };
        Some(TypeRef {
            head,
            end,
            bare,
            after,
            match_end,
        })
    })
}

/// `text[lo..end]` ends with `\s+số\s*:?\s*` (`số` as written): the start
/// of `số` and where the white space before it starts.
fn so_at_end(text: &str, lo: usize, end: usize) -> Option<(usize, usize)> {
    let t = text[lo..end].trim_end_matches(char::is_whitespace);
    let t = t.strip_suffix(':').unwrap_or(t);
    let so = lo
        + t.trim_end_matches(char::is_whitespace)
            .strip_suffix("số")?
            .len();
    let e = skip_ws_back(text, lo, so);
    (e < so).then_some((so, e))
}

/// The `so` group of `SO_BEFORE_RE`, `(?:^|[^\p{L}\d])(?P<so>(?i:số)\s*:?)\s*$`,
/// run on `text[lo..end]`: the start of `số`. Only one `số` can end the
/// text; it needs the slice start or a boundary character before it.
pub(super) fn so_before(text: &str, lo: usize, end: usize) -> Option<usize> {
    let t = text[lo..end].trim_end_matches(char::is_whitespace);
    let t = t.strip_suffix(':').unwrap_or(t);
    let t_end = lo + t.trim_end_matches(char::is_whitespace).len();
    let so = word_back(text, lo, t_end, "số", true)?;
    match text[lo..so].chars().next_back() {
        Some(c) if is_word_char(c) => None,
        _ => Some(so),
    }
}

/// A match of [`issuer_before`] or [`title_before`].
#[derive(Debug, Clone, Copy)]
pub(super) struct NamedBefore {
    pub(super) head: Head,
    /// The issuer or title between the head noun and `số`.
    pub(super) name: (usize, usize),
    /// The start of `số`.
    pub(super) so: usize,
}

/// Characters allowed in the issuer or title: `[^\n;:.,/()0-9“”]`.
fn name_char(c: char) -> bool {
    !matches!(
        c,
        '\n' | ';' | ':' | '.' | ',' | '/' | '(' | ')' | '0'..='9' | '“' | '”'
    )
}

/// The match of
/// `(?:^|[^\p{L}\d])(?P<head>HEADS)\s+CONNECTOR(?P<name>\p{Lu}[^\n;:.,/()0-9“”]{0,MAX}?)\s+(?P<so>số\s*:?)\s*$`
/// in `text[lo..end]`, where CONNECTOR is `của\s+` when `of` is set.
///
/// The name ends where the white space before the final `số` starts (it
/// is lazy, and cannot end earlier: the rest needs only white space up to
/// `số`), so it starts at an uppercase letter at most `max + 1` chars back
/// with only allowed chars in between. From each such start the head noun
/// is read backwards; the regex reports the leftmost match start (`^`
/// before a boundary character, then the alternatives' order).
fn named_before(
    text: &str,
    lo: usize,
    end: usize,
    heads: &'static [Alt],
    of: bool,
    max: usize,
) -> Option<NamedBefore> {
    let (so, name_end) = so_at_end(text, lo, end)?;
    let mut best: Option<((usize, u8, usize), NamedBefore)> = None;
    let mut p = name_end;
    for (n, c) in text[lo..name_end].chars().rev().enumerate() {
        if n > max || !name_char(c) {
            break;
        }
        p -= c.len_utf8();
        if !is_upper(c) {
            continue;
        }
        let mut head_end = skip_ws_back(text, lo, p);
        if head_end == p {
            continue;
        }
        if of {
            let Some(w) = word_back(text, lo, head_end, "của", false) else {
                continue;
            };
            head_end = skip_ws_back(text, lo, w);
            if head_end == w {
                continue;
            }
        }
        for (i, alt) in heads.iter().enumerate() {
            let Some(s) = alt.back(text, lo, head_end) else {
                continue;
            };
            let Some(key) = match_start(text, lo, s) else {
                continue;
            };
            let key = (key.0, key.1, i);
            if best.is_none_or(|(k, _)| key < k) {
                let head = Head {
                    start: s,
                    end: head_end,
                    alt,
                };
                let m = NamedBefore {
                    head,
                    name: (p, name_end),
                    so,
                };
                best = Some((key, m));
            }
        }
    }
    best.map(|(_, m)| m)
}

/// `HEAD_ISSUER_BEFORE_RE`: `Quyết định của Bộ Chính trị số ` (full names
/// only, the issuer at most 81 chars).
pub(super) fn issuer_before(text: &str, lo: usize, end: usize) -> Option<NamedBefore> {
    static NAMES: LazyLock<Vec<Alt>> = LazyLock::new(|| {
        patterns::head_alternatives()
            .filter(|(_, fold, _)| *fold)
            .map(|(text, fold, ty)| Alt::new(text, fold, ty))
            .collect()
    });
    named_before(text, lo, end, &NAMES, true, 80)
}

/// `LAW_TITLE_BEFORE_RE`: `Luật Ngân sách nhà nước số ` (`Bộ luật`,
/// `Luật`, `Pháp lệnh` as written, the title at most 101 chars).
pub(super) fn title_before(text: &str, lo: usize, end: usize) -> Option<NamedBefore> {
    static HEADS: LazyLock<Vec<Alt>> = LazyLock::new(|| {
        ["Bộ luật", "Luật", "Pháp lệnh"]
            .into_iter()
            .map(|t| Alt::new(t, false, None))
            .collect()
    });
    named_before(text, lo, end, &HEADS, false, 100)
}
