//! Identifiers (số, ký hiệu: `30/2020/NĐ-CP`, `36-HD/VPTW`, `64-CP`) matched
//! by hand instead of by regex.
//!
//! The identifier pattern (`oracle::id_pattern`) took ~3.6 ms to
//! compile and ran the regex crate's backtracker or PikeVM at every
//! candidate (the lazy DFA cannot report its capture groups). Every use
//! asks for a match at a known start, which a direct walk answers.
//!
//! Why this is the same as the regex, reading
//! `NUM(?:SLASH(?:YEAR YSEP)?SYM|[ \t]*-[ \t]*PTYPE[ \t]*/WS PISS|[ \t]*-[ \t]*OLD)`:
//! - every white-space repetition (`[ \t]*\n?[ \t]*`, and the like) is
//!   followed by a char it cannot match (`/`, `-`, a letter or a digit), so
//!   it takes the whole run of spaces and tabs, at most one line break and
//!   the spaces and tabs after it, or the match fails there;
//! - `\d{1,6}(?:\.\d{1,2})?[a-zA-ZđĐ]?` is followed by white space, `/` or `-`:
//!   taken shorter, a digit or letter would be left where those must come;
//!   the decimal part is tried first and dropped when nothing matches after
//!   it (then the `.` is left, which no branch takes);
//! - the three branches part at the first char after the number and its
//!   white space (`/` for the first, `-` for the others); the second and
//!   third share `[ \t]*-[ \t]*`, and the third is tried when the second
//!   fails;
//! - nothing follows the symbol groups `SYM`, `PISS` and `OLD`, so their
//!   greedy repetitions are taken as far as they go: each further group
//!   (`-` or `/` then letters) is added when it is there;
//! - the optional year is taken when `YEAR YSEP` and at least one symbol
//!   char follow (else the symbol starts at the year's digits);
//! - `PTYPE` (`\p{Lu}\p{L}{0,4}`) is followed by `[ \t]*/`: taken shorter,
//!   a letter would be left there, so it is the whole run of letters, at
//!   most five.

use crate::scan::{
    char_at, digits, expect_byte, is_digit, is_upper, is_word_char, run, skip_blanks,
};

/// One match of the identifier pattern; byte ranges in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct IdMatch {
    /// The number with its letter (`num`: `03`, `12a`).
    pub(super) num: (usize, usize),
    /// `year`: the year of a state identifier.
    pub(super) year: Option<(usize, usize)>,
    /// `sym`: a state identifier's notation.
    pub(super) sym: Option<(usize, usize)>,
    /// `ptype`: a Party identifier's type code.
    pub(super) ptype: Option<(usize, usize)>,
    /// `piss`: a Party identifier's issuer.
    pub(super) piss: Option<(usize, usize)>,
    /// `old`: an old-style notation.
    pub(super) old: Option<(usize, usize)>,
    /// The end of the match.
    pub(super) end: usize,
}

/// Whether `c` is in `[a-zA-ZđĐ]`: the letter a number may end with
/// (`12a`, `35A`).
pub(super) fn is_number_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || c == 'đ' || c == 'Đ'
}

/// Whether `c` is in `[\p{L}\d&]` (a symbol group char).
fn is_group_char(c: char) -> bool {
    c == '&' || is_word_char(c)
}

/// `[ \t]*\n?[ \t]*` from `at`.
fn spaces_line(text: &str, at: usize) -> usize {
    let p = skip_blanks(text, at);
    if text[p..].starts_with('\n') {
        skip_blanks(text, p + 1)
    } else {
        p
    }
}

/// `[\p{L}\d&]+` at `at`: its end.
fn group(text: &str, at: usize) -> Option<usize> {
    let end = run(text, at, is_group_char);
    (end > at).then_some(end)
}

/// `(?:SEP GROUP)*` from `at`, where `sep(p)` matches one separator: the
/// end of the last group.
fn more_groups(text: &str, mut at: usize, sep: impl Fn(usize) -> Option<usize>) -> usize {
    while let Some(e) = sep(at).and_then(|q| group(text, q)) {
        at = e;
    }
    at
}

/// The identifier pattern's match at `at`, if any.
pub(super) fn id_at(text: &str, at: usize) -> Option<IdMatch> {
    let whole = digits(text, at, text.len(), 6)?;
    // `66.4/2025/NQ-CP`: a decimal part is tried first, as the greedy
    // `(?:\.\d{1,2})?` is; without it when nothing matches after it
    let decimal = expect_byte(text, whole, b".").and_then(|d| digits(text, d, text.len(), 2));
    decimal
        .and_then(|p| rest_at(text, at, p))
        .or_else(|| rest_at(text, at, whole))
}

/// `[a-zA-ZđĐ]?` (`12a/…`, `35A/…`) then the three branches, after a
/// number that ends at `p`.
fn rest_at(text: &str, at: usize, mut p: usize) -> Option<IdMatch> {
    if let Some(c) = char_at(text, p).filter(|&c| is_number_letter(c)) {
        p += c.len_utf8();
    }
    let m = IdMatch {
        num: (at, p),
        ..IdMatch::default()
    };
    state_rest(text, p, m)
        .or_else(|| party_rest(text, p, m))
        .or_else(|| old_rest(text, p, m))
}

/// `SLASH(?:(?P<year>(?:19|20)\d{2})YSEP)?(?P<sym>GROUP(?:SYMSEP GROUP)*(?:[ ]\d{1,2})?)`
/// after the number, with SLASH = `[ \t]*\n?[ \t]*/[ \t]*\n?[ \t]*`, YSEP
/// = `[ \t]*\n?[ \t]*[/-][ \t]*\n?[ \t]*` and SYMSEP = `[ \t]*-[ \t]*\n?[ \t]*`
/// or one of `/`, `.`, `_` (`TTR-NV.IV`, `QĐ_BKHCN`; which groups count is
/// the reader's to say).
fn state_rest(text: &str, p: usize, m: IdMatch) -> Option<IdMatch> {
    let q = spaces_line(text, expect_byte(text, spaces_line(text, p), b"/")?);
    let year = year_at(text, q).and_then(|ye| {
        let r = spaces_line(text, expect_byte(text, spaces_line(text, ye), b"/-")?);
        group(text, r).map(|_| ((q, ye), r))
    });
    let sym_start = year.map_or(q, |(_, r)| r);
    let e = more_groups(text, group(text, sym_start)?, |at| {
        expect_byte(text, skip_blanks(text, at), b"-")
            .map(|d| spaces_line(text, d))
            .or_else(|| expect_byte(text, at, b"/._"))
    });
    // `(?:[ ]\d{1,2})?`
    let e = expect_byte(text, e, b" ")
        .and_then(|s| digits(text, s, text.len(), 2))
        .unwrap_or(e);
    Some(IdMatch {
        year: year.map(|(y, _)| y),
        sym: Some((sym_start, e)),
        end: e,
        ..m
    })
}

/// `(?:19|20)\d{2}` at `at`: its end.
fn year_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    if !(rest.starts_with("19") || rest.starts_with("20")) {
        return None;
    }
    let mut p = at + 2;
    for _ in 0..2 {
        let c = char_at(text, p).filter(|&c| is_digit(c))?;
        p += c.len_utf8();
    }
    Some(p)
}

/// `[ \t]*-[ \t]*` after the number: the position after it.
fn dash(text: &str, p: usize) -> Option<usize> {
    expect_byte(text, skip_blanks(text, p), b"-").map(|q| skip_blanks(text, q))
}

/// `[ \t]*-[ \t]*(?P<ptype>\p{Lu}\p{L}{0,4})[ \t]*/[ \t]*\n?[ \t]*(?P<piss>GROUP(?:SEP GROUP)*)`
/// after the number, with SEP = `[ \t]*-[ \t]*\n?[ \t]*` or `/`
/// (`2587-CV/VPTW/NB`).
fn party_rest(text: &str, p: usize, m: IdMatch) -> Option<IdMatch> {
    let t = dash(text, p)?;
    let first = char_at(text, t).filter(|&c| is_upper(c))?;
    let mut te = t + first.len_utf8();
    for _ in 0..4 {
        match char_at(text, te) {
            Some(c) if is_word_char(c) && !is_digit(c) => te += c.len_utf8(),
            _ => break,
        }
    }
    let q = spaces_line(text, expect_byte(text, skip_blanks(text, te), b"/")?);
    let e = more_groups(text, group(text, q)?, |at| {
        expect_byte(text, skip_blanks(text, at), b"-")
            .map(|d| spaces_line(text, d))
            .or_else(|| expect_byte(text, at, b"/"))
    });
    Some(IdMatch {
        ptype: Some((t, te)),
        piss: Some((q, e)),
        end: e,
        ..m
    })
}

/// `[ \t]*-[ \t]*(?P<old>\p{Lu}[\p{L}\d&]*(?:-GROUP)*)` after the number.
fn old_rest(text: &str, p: usize, m: IdMatch) -> Option<IdMatch> {
    let o = dash(text, p)?;
    let first = char_at(text, o).filter(|&c| is_upper(c))?;
    let after = o + first.len_utf8();
    let e = group(text, after).unwrap_or(after);
    let e = more_groups(text, e, |at| expect_byte(text, at, b"-"));
    Some(IdMatch {
        old: Some((o, e)),
        end: e,
        ..m
    })
}
