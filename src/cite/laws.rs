//! Laws named without a number (`Luật Đất đai năm 2013`, `Bộ luật Lao động
//! 2019`, `Luật Ngân sách nhà nước ngày 16 tháng 12 năm 2002`) matched by
//! hand instead of by regex.
//!
//! The law pattern (`oracle::law_name_rest` after a boundary
//! `(?:^|[^\p{L}\d])`) took two compilations of ~6 ms each (a lazy
//! repetition of Unicode words and the date phrase), more than it ever
//! spent matching. Every use asks for a match at a known head noun, which a
//! direct walk answers.
//!
//! Why this is the same as the regex, reading
//! `(?P<head>Bộ\s+luật|Luật|Hiến\s+pháp)(?P<name>(?:\s+[\p{L}&]+){0,14}?)\s+TAIL(?:[^\p{L}\d/]|$)`:
//! - the three heads start with different letters, so at most one
//!   alternative fits;
//! - a name word `[\p{L}&]+` is always followed by `\s+` (of the next word
//!   or before the tail), so it is a whole run of letters and `&` with white
//!   space after it, and each `\s+` takes a whole run of white space (a word
//!   or the tail cannot start with white space). So with `k` words the tail
//!   can only start at one place, and the lazy `{0,14}?` tries `k = 0, 1,
//!   …, 14` in turn: the first `k` whose tail matches is the match;
//! - the tail's branches are tried in order, each with the closing
//!   boundary; within a branch every repetition is followed by something it
//!   cannot match (see [`fields::date_phrase`]), and `(?:19|20)\d{2}` is
//!   fixed, so there is nothing to backtrack into.
//!
//! [`fields::date_phrase`]: super::fields::date_phrase

use super::fields;
use crate::scan::{is_digit, is_word_char, run, skip_ws, word_fwd};

/// One match of the law pattern; byte ranges in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LawMatch {
    /// `Luật`, `Bộ luật` or `Hiến pháp` as written.
    pub(super) head: (usize, usize),
    /// The words after the head noun, with the white space before them
    /// (empty at the head's end when there are none).
    pub(super) name: (usize, usize),
    /// The year after `năm`, or a bare year (`year` or `bare`).
    pub(super) year: Option<(usize, usize)>,
    /// The start of a date phrase (`date`).
    pub(super) date: Option<usize>,
    /// The end of the whole match, after the closing boundary char.
    pub(super) end: usize,
}

/// The most name words the pattern allows.
const MAX_NAME_WORDS: usize = 14;

/// The match of the law pattern whose head noun starts at `h` (the
/// boundary before it is the caller's to check), if any.
pub(super) fn law_at(text: &str, h: usize) -> Option<LawMatch> {
    let end = text.len();
    let head_end = head_at(text, h)?;
    // The end of the name so far (`k` words).
    let mut name_end = head_end;
    for k in 0..=MAX_NAME_WORDS {
        // `\s+` before the tail or the next word.
        let p = skip_ws(text, name_end, end);
        if p == name_end {
            return None;
        }
        if let Some((year, date, match_end)) = tail_at(text, p) {
            return Some(LawMatch {
                head: (h, head_end),
                name: (head_end, name_end),
                year,
                date,
                end: match_end,
            });
        }
        if k == MAX_NAME_WORDS {
            break;
        }
        let w = letters_end(text, p);
        if w == p {
            return None;
        }
        name_end = w;
    }
    None
}

/// `Bộ\s+luật`, `Luật` or `Hiến\s+pháp` (as written) at `h`: its end.
fn head_at(text: &str, h: usize) -> Option<usize> {
    let end = text.len();
    let words: &[&str] = match text.as_bytes().get(h) {
        Some(b'L') => &["Luật"],
        Some(b'B') => &["Bộ", "luật"],
        Some(b'H') => &["Hiến", "pháp"],
        _ => return None,
    };
    let mut p = h;
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            let q = skip_ws(text, p, end);
            if q == p {
                return None;
            }
            p = q;
        }
        p = word_fwd(text, p, end, w, false)?;
    }
    Some(p)
}

/// The end of a run of `[\p{L}&]` at `at` (`at` itself when there is none).
fn letters_end(text: &str, at: usize) -> usize {
    run(text, at, |c| c == '&' || (is_word_char(c) && !is_digit(c)))
}

/// The tail at `p`, `(?:(?i:năm)\s+(?P<year>Y)|(?P<bare>Y)|(?P<date>DATE))`
/// with `Y` = `(?:19|20)\d{2}`, then the closing boundary: the year's range,
/// the date's start and the match end.
#[allow(clippy::type_complexity)]
fn tail_at(text: &str, p: usize) -> Option<(Option<(usize, usize)>, Option<usize>, usize)> {
    let end = text.len();
    let after_nam = word_fwd(text, p, end, "năm", true)
        .map(|q| (q, skip_ws(text, q, end)))
        .filter(|(q, r)| r > q);
    if let Some((_, r)) = after_nam {
        if let Some(y) = year_at(text, r) {
            if let Some(e) = closing(text, y) {
                return Some((Some((r, y)), None, e));
            }
        }
    }
    if let Some(y) = year_at(text, p) {
        if let Some(e) = closing(text, y) {
            return Some((Some((p, y)), None, e));
        }
    }
    let d = fields::date_phrase(text, p, end)?;
    let e = closing(text, d.end)?;
    Some((None, Some(p), e))
}

/// `(?:19|20)\d{2}` at `at`: its end.
fn year_at(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    if !(rest.starts_with("19") || rest.starts_with("20")) {
        return None;
    }
    let mut p = at + 2;
    for _ in 0..2 {
        let c = text[p..].chars().next().filter(|&c| is_digit(c))?;
        p += c.len_utf8();
    }
    Some(p)
}

/// The closing `(?:[^\p{L}\d/]|$)` at `at`: the match end.
fn closing(text: &str, at: usize) -> Option<usize> {
    match text[at..].chars().next() {
        None => Some(at),
        Some(c) if c != '/' && !is_word_char(c) => Some(at + c.len_utf8()),
        Some(_) => None,
    }
}
