//! The scanning toolkit: cursor primitives that every hand-written matcher
//! (the citation scanners in [`crate::cite`], the number parser, the body's
//! heading matcher) reads text with, in the spirit of pulldown-cmark's
//! `scanners.rs`.
//!
//! Each primitive takes the text and a byte position on a char boundary and
//! gives the position after what it reads (or `None` when what it expects is
//! not there); positions never leave the text, and a position past the end
//! or off a char boundary reads as nothing (no panic). The char classes are
//! the regex crate's (`\d`, `\p{L}`, `\p{Lu}`, `\p{Ll}`, simple case
//! folding), so that a matcher written with these reads exactly what the
//! regex it replaces reads; `cite`'s equivalence tests check that char by
//! char.

pub(crate) use crate::text::{
    is_digit, is_letter, is_lower_letter as is_lower, is_upper_letter as is_upper,
};

/// Whether `c` is matched by `[\p{L}\d]` (a letter or a decimal digit), the
/// complement of the patterns' boundary class `[^\p{L}\d]`.
pub(crate) fn is_word_char(c: char) -> bool {
    is_letter(c) || is_digit(c)
}

/// Whether `c` matches the lowercase letter `x` under the regex crate's
/// simple case folding (`(?i:x)`): `x` itself, its uppercase, the Kelvin
/// sign for `k` (all three lowercase to `x`), and the long s `ſ` for `s`.
pub(crate) fn fold_eq(c: char, x: char) -> bool {
    if c == x {
        return true;
    }
    if c.is_ascii() {
        return c.to_ascii_lowercase() == x;
    }
    if c == 'ſ' {
        return x == 's';
    }
    let mut lower = c.to_lowercase();
    lower.next() == Some(x) && lower.next().is_none()
}

/// Whether the text char `c` matches the pattern char `x`: case-folded
/// (`x` lowercase) or exactly.
pub(crate) fn char_eq(c: char, x: char, fold: bool) -> bool {
    if fold {
        fold_eq(c, x)
    } else {
        c == x
    }
}

/// The byte at `at`, if any.
pub(crate) fn byte_at(text: &str, at: usize) -> Option<u8> {
    text.as_bytes().get(at).copied()
}

/// The char starting at byte `at`, if any.
pub(crate) fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// The char ending at byte `at`, if any.
pub(crate) fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

/// The end of the run of chars from `at` that satisfy `f` (`at` itself
/// when there is none).
pub(crate) fn run(text: &str, at: usize, f: impl Fn(char) -> bool) -> usize {
    let Some(rest) = text.get(at..) else {
        return at;
    };
    rest.char_indices()
        .find(|&(_, c)| !f(c))
        .map_or(text.len(), |(i, _)| at + i)
}

/// Past the byte `b` at `at` if it is there (`b?` of a pattern).
pub(crate) fn skip_byte(text: &str, at: usize, b: u8) -> usize {
    skip_byte_if(text, at, |x| x == b)
}

/// Past one byte at `at` that satisfies `f`, if there is one.
pub(crate) fn skip_byte_if(text: &str, at: usize, f: impl Fn(u8) -> bool) -> usize {
    if byte_at(text, at).is_some_and(f) {
        at + 1
    } else {
        at
    }
}

/// Past one byte at `at` that is one of `set`, which must be there.
pub(crate) fn expect_byte(text: &str, at: usize, set: &[u8]) -> Option<usize> {
    byte_at(text, at)
        .filter(|b| set.contains(b))
        .map(|_| at + 1)
}

/// `text[..end]` from `at` past any white space (`\s*`).
pub(crate) fn skip_ws(text: &str, at: usize, end: usize) -> usize {
    text.get(at..end).map_or(at, |s| {
        end - s.trim_start_matches(char::is_whitespace).len()
    })
}

/// `text[lo..]` back from `at` over any white space (`\s*` ending at `at`).
pub(crate) fn skip_ws_back(text: &str, lo: usize, at: usize) -> usize {
    text.get(lo..at)
        .map_or(at, |s| lo + s.trim_end_matches(char::is_whitespace).len())
}

/// From `at` past spaces and tabs (`[ \t]*`).
pub(crate) fn skip_blanks(text: &str, at: usize) -> usize {
    text.get(at..)
        .map_or(at, |s| text.len() - s.trim_start_matches([' ', '\t']).len())
}

/// `word` at `at` in `text[..end]`, case-folded when `fold` (then `word` is
/// lowercase): its end.
pub(crate) fn word_fwd(text: &str, at: usize, end: usize, word: &str, fold: bool) -> Option<usize> {
    let mut p = at;
    let mut chars = text.get(at..end)?.chars();
    for x in word.chars() {
        let c = chars.next().filter(|&c| char_eq(c, x, fold))?;
        p += c.len_utf8();
    }
    Some(p)
}

/// `word` ending at `at` in `text[lo..]`, case-folded when `fold`: its
/// start.
pub(crate) fn word_back(text: &str, lo: usize, at: usize, word: &str, fold: bool) -> Option<usize> {
    let mut p = at;
    let mut chars = text.get(lo..at)?.chars().rev();
    for x in word.chars().rev() {
        let c = chars.next().filter(|&c| char_eq(c, x, fold))?;
        p -= c.len_utf8();
    }
    Some(p)
}

/// One to `max` digits (`\d{1,max}`, greedy) at `at` in `text[..end]`:
/// their end.
pub(crate) fn digits(text: &str, at: usize, end: usize, max: usize) -> Option<usize> {
    let mut p = at;
    for c in text.get(at..end)?.chars().take(max) {
        if !is_digit(c) {
            break;
        }
        p += c.len_utf8();
    }
    (p > at).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_off_the_text_read_as_nothing() {
        let t = "Số 12";
        // byte 2 is inside `ố` (bytes 1..4)
        assert_eq!(char_at(t, 2), None);
        assert_eq!(char_before(t, 2), None);
        assert_eq!(run(t, 99, |_| true), 99);
        assert_eq!(skip_ws(t, 2, 5), 2);
        assert_eq!(digits(t, 99, 99, 3), None);
        assert_eq!(word_fwd(t, 2, 5, "x", false), None);
    }

    #[test]
    fn runs_and_bytes() {
        let t = "12ab  \tx";
        assert_eq!(run(t, 0, |c| c.is_ascii_digit()), 2);
        assert_eq!(run(t, 2, char::is_alphabetic), 4);
        assert_eq!(run("abc", 0, char::is_alphabetic), 3);
        assert_eq!(skip_byte(t, 0, b'1'), 1);
        assert_eq!(skip_byte(t, 0, b'2'), 0);
        assert_eq!(expect_byte(t, 1, b"32"), Some(2));
        assert_eq!(expect_byte(t, 1, b"3"), None);
        assert_eq!(skip_blanks(t, 4), 7);
        assert_eq!(skip_ws(t, 4, 6), 6);
        assert_eq!(skip_ws_back(t, 0, 7), 4);
    }

    #[test]
    fn words_fold_as_the_regex_crate_does() {
        let t = "theo QUYẾT định số";
        assert_eq!(word_fwd(t, 5, t.len(), "quyết", true), Some(12));
        assert_eq!(word_fwd(t, 5, t.len(), "quyết", false), None);
        assert_eq!(
            word_back(t, 0, t.len(), "số", true),
            Some(t.len() - "số".len())
        );
        assert!(fold_eq('K', 'k') && fold_eq('\u{212A}', 'k') && fold_eq('ſ', 's'));
        assert!(!fold_eq('k', 'K'));
    }

    #[test]
    fn digits_are_unicode_and_bounded() {
        assert_eq!(digits("2024/", 0, 5, 6), Some(4));
        assert_eq!(digits("2024/", 0, 5, 2), Some(2));
        assert_eq!(digits("١٢x", 0, 5, 6), Some(4));
        assert_eq!(digits("x1", 0, 2, 6), None);
    }
}
