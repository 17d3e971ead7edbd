//! Số, ký hiệu: the document's number and symbol, split into parts.
//!
//! Shapes: typed `15/QĐ-BNV`, công văn `05/UBND-VX` (issuer, then unit),
//! legal-normative with a year `30/2020/NĐ-CP`, joint `…/TTLT-A-B-C`, Party
//! `36-HD/VPTW`, blank `/UBND-NN`, old `61-CP`.
//!
//! The four shapes were regexes (kept as the oracle of the tests, see
//! `tests::PARTY_RE` and its siblings). Their `\p{L}` classes made them cost
//! half of the header's one-time regex compilation, so they are matched by
//! hand here. Why the hand matchers are the same: every piece of the
//! patterns is greedy and is followed by a piece that cannot start with a
//! char the greedy piece could have taken (a digit run by ` `, `/` or `-`; a
//! letter run by ` ` or `/`; a symbol group by ` -` or `-`). So whenever the
//! greedy choice fails later, every shorter choice fails at the very next
//! char, and the first match in the regex's priority order is the greedy
//! one: each matcher walks the pattern once, without backtracking. The two
//! optional parts whose failure must be undone are the year of
//! [`state_match`] (tried, then dropped when no symbol follows it) and the
//! `[ ]?` before a piece that cannot start with a space (never harmful: the
//! piece fails at the space either way).

use std::ops::Range;

use crate::codes::type_by_code;
use crate::scan::{
    byte_at, char_at, expect_byte, is_letter, is_upper as is_upper_letter, run, skip_byte,
    skip_byte_if,
};

/// A number and symbol read from text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedNumber {
    pub(crate) number: Option<String>,
    pub(crate) year: Option<i32>,
    pub(crate) symbol: String,
    pub(crate) type_code: Option<String>,
    pub(crate) issuer_codes: Vec<String>,
    pub(crate) unit_code: Option<String>,
    pub(crate) party: bool,
    /// Something stands where the number should be, but it is not a number
    /// (OCR damage, a handwritten number).
    pub(crate) unreadable: bool,
    /// Bytes of the input the number took.
    pub(crate) len: usize,
}

/// A char of a symbol group: `[\p{L}0-9&.]`.
fn is_symbol_char(c: char) -> bool {
    c.is_ascii_digit() || c == '&' || c == '.' || is_letter(c)
}

/// The end of the further groups of a symbol whose first group ends at
/// `end`: `(?:[ ]?-\s?[\p{L}0-9&.]+)*` when `spaced`, else
/// `(?:-[\p{L}0-9&.]+)*`. A `-` not followed by a group is left out.
fn more_groups(s: &str, end: usize, spaced: bool) -> usize {
    more_groups_after(s, end, spaced, false)
}

/// [`more_groups`]; `slashed`: a `/` may part groups too, before a group
/// that opens with a letter (`/\p{L}[\p{L}0-9&.]*`), after a first group
/// that opens with one ([`symbol_end`]).
fn more_groups_after(s: &str, mut end: usize, spaced: bool, slashed: bool) -> usize {
    loop {
        if slashed && byte_at(s, end) == Some(b'/') && char_at(s, end + 1).is_some_and(is_letter) {
            end = run(s, end + 1, is_symbol_char);
            continue;
        }
        let before = if spaced { skip_byte(s, end, b' ') } else { end };
        let Some(mut at) = expect_byte(s, before, b"-") else {
            return end;
        };
        if spaced {
            if let Some(c) = char_at(s, at).filter(|c| c.is_whitespace()) {
                at += c.len_utf8();
            }
        }
        let next = run(s, at, is_symbol_char);
        if next == at {
            return end;
        }
        end = next;
    }
}

/// The end of a symbol at `at`:
/// `[\p{L}0-9&.]+(?:[ ]?-\s?[\p{L}0-9&.]+)*`.
fn symbol_end(s: &str, at: usize) -> Option<usize> {
    let first = run(s, at, is_symbol_char);
    // the old notations part a code's groups with `/` too (`QĐ/CTN`,
    // `TTLT/BVHTT-BYT`): after a first group that opens with a letter, to a
    // group that opens with one (not a year, `UBND/2020`)
    let slashed = char_at(s, at).is_some_and(is_letter);
    (first > at).then(|| more_groups_after(s, first, true, slashed))
}

/// `2/Š/CT-TTHT`, `/f//CT-TTHT`: a stroke of the hand that OCR read as one
/// letter (in small letters, or a capital outside A–Z) where a symbol at
/// `at` should start, then the notation after one or two slashes: the
/// number of that notation, its length counted from the start of `s`.
fn after_stroke(s: &str, at: usize, cong_van: Option<bool>) -> Option<ParsedNumber> {
    let stroke = char_at(s, at).filter(|c| c.is_alphabetic() && !c.is_ascii_uppercase())?;
    let next = at + stroke.len_utf8();
    let rest = &s[next..];
    let slashes = rest.len() - rest.trim_start_matches('/').len();
    if !(1..=2).contains(&slashes) || !rest[slashes..].starts_with(char::is_uppercase) {
        return None;
    }
    let from = next + slashes - 1;
    let mut p = parse_at(&s[from..], cong_van).filter(|p| p.number.is_none())?;
    p.len += from;
    Some(p)
}

/// The end of a run of ASCII digits from `at` (`at` when there is none).
fn digits_end(s: &str, at: usize) -> usize {
    run(s, at, |c| c.is_ascii_digit())
}

/// `[ ]?` `b` `[ ]?` at `at`: where what follows starts.
fn around(s: &str, at: usize, b: u8) -> Option<usize> {
    expect_byte(s, skip_byte(s, at, b' '), &[b]).map(|at| skip_byte(s, at, b' '))
}

/// A Party number `36-HD/VPTW`:
/// `^(?P<num>[0-9]+[a-z]?)[ ]?-[ ]?(?P<ty>\p{L}+)[ ]?/[ ]?(?P<iss>SYMBOL)`.
struct PartyMatch {
    num: Range<usize>,
    ty: Range<usize>,
    iss: Range<usize>,
}

fn party_match(s: &str) -> Option<PartyMatch> {
    let digits = digits_end(s, 0);
    if digits == 0 {
        return None;
    }
    let num = skip_byte_if(s, digits, |b| b.is_ascii_lowercase());
    let ty_start = around(s, num, b'-')?;
    let ty_end = run(s, ty_start, is_letter);
    if ty_end == ty_start {
        return None;
    }
    let iss_start = around(s, ty_end, b'/')?;
    let iss_end = symbol_end(s, iss_start)?;
    Some(PartyMatch {
        num: 0..num,
        ty: ty_start..ty_end,
        iss: iss_start..iss_end,
    })
}

/// A state number `30/2020/NĐ-CP`, `/UBND-NN`, `3 70 /TCHQ-TXNK`:
/// `^(?P<num>[0-9](?:[ ]?[0-9])*(?:\.[0-9]+)?[a-zA-Z]?)?[ ]?/[ ]?`
/// `(?:(?P<year>(?:19|20)[0-9]{2})[ ]?/[ ]?)?(?P<sym>SYMBOL)`.
struct StateMatch {
    num: Option<Range<usize>>,
    year: Option<Range<usize>>,
    sym: Range<usize>,
}

fn state_match(s: &str) -> Option<StateMatch> {
    let digit = |at: usize| byte_at(s, at).is_some_and(|b| b.is_ascii_digit());
    let mut at = 0;
    let num = digit(0).then(|| {
        at = 1;
        loop {
            if digit(at) {
                at += 1;
            } else if byte_at(s, at) == Some(b' ') && digit(at + 1) {
                at += 2;
            } else {
                break;
            }
        }
        if byte_at(s, at) == Some(b'.') && digit(at + 1) {
            at = digits_end(s, at + 1);
        }
        at = skip_byte_if(s, at, |b| b.is_ascii_alphabetic());
        0..at
    });
    let at = around(s, at, b'/')?;
    // the year is taken only when a symbol follows it; else the regex
    // drops it and reads the symbol from the year's digits
    let year_ok = s.as_bytes().get(at..at + 4).is_some_and(|y| {
        matches!(y, [b'1', b'9', ..] | [b'2', b'0', ..])
            && y[2].is_ascii_digit()
            && y[3].is_ascii_digit()
    });
    let after_year = year_ok
        .then(|| around(s, at + 4, b'/'))
        .flatten()
        .filter(|&sym| char_at(s, sym).is_some_and(is_symbol_char));
    let (year, sym_start) = match after_year {
        Some(sym) => (Some(at..at + 4), sym),
        None => (None, at),
    };
    let sym_end = symbol_end(s, sym_start)?;
    Some(StateMatch {
        num,
        year,
        sym: sym_start..sym_end,
    })
}

/// A garbled number before a symbol `ẠJ/UBND-VX`, or a handwritten number
/// that OCR read with a stroke before it (`/40/TB-HQTB`: `/40` may be `140`):
/// `^(?P<junk>/?[^\s/]{1,10}(?: [^\s/]{1,10})?)[ ]?/[ ]?(?P<sym>SYMBOL)`;
/// returns `(junk, sym)`.
fn garbled_match(s: &str) -> Option<(Range<usize>, Range<usize>)> {
    let stroke = usize::from(s.starts_with('/'));
    // a run of up to ten characters, no space, no stroke: its length
    let piece = |at: usize| -> Option<usize> {
        let end = run(s, at, |c| !c.is_whitespace() && c != '/');
        (1..=10)
            .contains(&s.get(at..end)?.chars().count())
            .then_some(end - at)
    };
    let first = stroke + piece(stroke)?;
    // handwriting may be read as two pieces (`3 3#j/C04-P6`)
    let second = s[first..]
        .strip_prefix(' ')
        .and_then(|_| piece(first + 1))
        .map(|n| first + 1 + n)
        .filter(|&end| around(s, end, b'/').is_some());
    let junk = second.unwrap_or(first);
    let sym_start = around(s, junk, b'/')?;
    let sym_end = symbol_end(s, sym_start)?;
    Some((0..junk, sym_start..sym_end))
}

/// An old number `61-CP`:
/// `^(?P<num>[0-9]+)[ ]?-[ ]?(?P<sym>\p{Lu}[\p{L}0-9&.]*(?:-[\p{L}0-9&.]+)*)`;
/// returns `(num, sym)`.
fn old_match(s: &str) -> Option<(Range<usize>, Range<usize>)> {
    let num = digits_end(s, 0);
    if num == 0 {
        return None;
    }
    let sym_start = around(s, num, b'-')?;
    let first = char_at(s, sym_start).filter(|&c| is_upper_letter(c))?;
    let first_end = run(s, sym_start + first.len_utf8(), is_symbol_char);
    Some((0..num, sym_start..more_groups(s, first_end, false)))
}

/// Reads a number and symbol at the start of `s` (after the `Số:` label).
/// `cong_van` says whether the document is known to be a công văn (no type
/// code in its symbol).
pub(crate) fn parse(s: &str, cong_van: Option<bool>) -> Option<ParsedNumber> {
    let mut lead = s.len() - s.trim_start().len();
    // `Số: {500 /TLĐ`: a mark OCR read off the paper's grain right before
    // the number is not part of it
    let mut chars = s[lead..].chars();
    if let (Some(c @ ('{' | '[' | '|' | '\'' | '‘' | '’' | '`')), Some(d)) =
        (chars.next(), chars.next())
    {
        if d.is_ascii_digit() {
            lead += c.len_utf8();
        }
    }
    let mut p = parse_at(&s[lead..], cong_van)?;
    p.len += lead;
    join_spaced_letters(s, &mut p);
    Some(p)
}

/// `QĐ - U B ND` (letters spaced out by extraction): joins trailing
/// one- or two-letter capitals into the last group.
fn join_spaced_letters(s: &str, p: &mut ParsedNumber) {
    if p.party {
        return;
    }
    loop {
        let last_len = p.symbol.rsplit('-').next().map_or(0, |g| g.chars().count());
        let rest = &s[p.len..];
        let Some(after) = rest.strip_prefix(' ') else {
            return;
        };
        let token: &str = after.split([' ', '\n', ',']).next().unwrap_or("");
        let n = token.chars().count();
        if last_len > 2 || n == 0 || n > 3 || !token.chars().all(|c| c.is_uppercase()) {
            return;
        }
        p.symbol.push_str(token);
        if let Some(last) = p.issuer_codes.last_mut() {
            if p.unit_code.is_none() {
                last.push_str(token);
            }
        }
        if let Some(u) = &mut p.unit_code {
            u.push_str(token);
        }
        p.len += 1 + token.len();
    }
}

fn parse_at(s: &str, cong_van: Option<bool>) -> Option<ParsedNumber> {
    if let Some(m) = party_match(s) {
        let ty = s.get(m.ty)?;
        if type_by_code(ty).is_some() || ty == "CV" {
            let iss_raw = s.get(m.iss.clone())?;
            let iss = compact(iss_raw);
            let iss = iss.trim_end_matches('.').to_owned();
            let len = m.iss.start + iss_raw.trim_end_matches('.').len();
            return Some(ParsedNumber {
                number: Some(s.get(m.num)?.to_owned()),
                year: None,
                symbol: format!("{ty}/{iss}"),
                type_code: Some(
                    type_by_code(ty)
                        .map_or(ty, |(code, _)| if ty == "CV" { "CV" } else { code })
                        .to_owned(),
                ),
                issuer_codes: iss.split('-').map(str::to_owned).collect(),
                unit_code: None,
                party: true,
                unreadable: false,
                len,
            });
        }
    }
    // a symbol without letters (`/40/…` read as no number and symbol `40`)
    // is no state number; a stroke before a number may still be garbled
    let state = state_match(s).filter(|m| {
        s.get(m.sym.clone())
            .is_some_and(|raw| raw.chars().any(char::is_alphabetic))
    });
    if let Some(m) = state {
        if let Some(mut p) = after_stroke(s, m.sym.start, cong_van) {
            p.number = m.num.and_then(|n| Some(s.get(n)?.replace(' ', "")));
            return Some(p);
        }
        let sym_raw = s.get(m.sym.clone())?;
        let symbol = compact(sym_raw).trim_end_matches('.').to_owned();
        let year = m.year.and_then(|y| s.get(y)?.parse().ok());
        let (type_code, issuer_codes, unit_code) = split_symbol(&symbol, year.is_some(), cong_van);
        return Some(ParsedNumber {
            // `3 70 /TCHQ-TXNK`: digits spaced out by extraction
            number: m.num.and_then(|n| Some(s.get(n)?.replace(' ', ""))),
            year,
            type_code,
            issuer_codes,
            unit_code,
            party: false,
            unreadable: false,
            len: m.sym.start + sym_raw.trim_end_matches('.').len(),
            symbol,
        });
    }
    if let Some((junk, sym)) = garbled_match(s) {
        let junk = s.get(junk)?;
        let sym_raw = s.get(sym.clone())?;
        let symbol = compact(sym_raw).trim_end_matches('.').to_owned();
        let digits = junk
            .chars()
            .filter(|ch| !ch.is_whitespace())
            .all(|ch| ch.is_ascii_digit());
        if !digits && symbol.contains('-') {
            let (type_code, issuer_codes, unit_code) = split_symbol(&symbol, false, cong_van);
            return Some(ParsedNumber {
                number: None,
                year: None,
                type_code,
                issuer_codes,
                unit_code,
                party: false,
                unreadable: true,
                len: sym.start + sym_raw.trim_end_matches('.').len(),
                symbol,
            });
        }
    }
    let (num, sym) = old_match(s)?;
    let symbol = s.get(sym.clone())?.trim_end_matches('.').to_owned();
    Some(ParsedNumber {
        number: Some(s.get(num)?.to_owned()),
        year: None,
        issuer_codes: vec![symbol.clone()],
        type_code: None,
        unit_code: None,
        party: false,
        unreadable: false,
        len: sym.start + symbol.len(),
        symbol,
    })
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Splits `QĐ-UBND` (typed), `UBND-VX` (công văn), `TTLT-A-B` (joint).
fn split_symbol(
    symbol: &str,
    has_year: bool,
    cong_van: Option<bool>,
) -> (Option<String>, Vec<String>, Option<String>) {
    let groups: Vec<&str> = symbol.split(['-', '/']).filter(|g| !g.is_empty()).collect();
    let Some((first, rest)) = groups.split_first() else {
        return (None, Vec::new(), None);
    };
    let known = type_by_code(first);
    let typed = match known {
        Some(_) if rest.is_empty() => false,
        Some(_) => has_year || cong_van != Some(true),
        None => false,
    };
    if typed {
        let code = known.map_or(*first, |(c, _)| c).to_owned();
        let joint = code.ends_with("LT") || first.ends_with("LT");
        if joint || rest.len() == 1 {
            return (
                Some(code),
                rest.iter().map(|s| (*s).to_owned()).collect(),
                None,
            );
        }
        return (
            Some(code),
            vec![rest[0].to_owned()],
            Some(rest[1..].join("-")),
        );
    }
    let unit = (!rest.is_empty()).then(|| rest.join("-"));
    (None, vec![(*first).to_owned()], unit)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use regex::Regex;

    use super::*;
    use crate::oracle::number::{number_text, GARBLED_RE, OLD_RE, PARTY_RE, STATE_RE};
    use crate::oracle::sweep;

    /// The spans of the named groups of `re` at the start of `s`.
    fn spans(re: &Regex, s: &str, names: &[&str]) -> Option<Vec<Option<Range<usize>>>> {
        let c = re.captures(s)?;
        Some(names.iter().map(|n| c.name(n).map(|m| m.range())).collect())
    }

    /// The spans the hand matchers give, in the same shape.
    fn hand_spans(s: &str) -> [Option<Vec<Option<Range<usize>>>>; 4] {
        [
            party_match(s).map(|m| vec![Some(m.num), Some(m.ty), Some(m.iss)]),
            state_match(s).map(|m| vec![m.num, m.year, Some(m.sym)]),
            garbled_match(s).map(|(j, s)| vec![Some(j), Some(s)]),
            old_match(s).map(|(n, s)| vec![Some(n), Some(s)]),
        ]
    }

    fn regex_spans(s: &str) -> [Option<Vec<Option<Range<usize>>>>; 4] {
        [
            spans(&PARTY_RE, s, &["num", "ty", "iss"]),
            spans(&STATE_RE, s, &["num", "year", "sym"]),
            spans(&GARBLED_RE, s, &["junk", "sym"]),
            spans(&OLD_RE, s, &["num", "sym"]),
        ]
    }

    #[test]
    fn hand_matchers_match_the_regexes_on_shapes() {
        for s in [
            "15/QĐ-BNV",
            "05/UBND-VX",
            "30/2020/NĐ-CP",
            "01/2022/TTLT-VKSNDTC-\nTANDTC-BCA",
            "36-HD/VPTW",
            "/UBND-NN",
            "66.17/2026/NQ-CP",
            "3 70 /TCHQ-TXNK",
            "2 37 /QĐ - U B ND",
            "5/2020/ ",
            "5/2020/-",
            "5/2020 /X",
            "5/2020/ X",
            "12a/ QĐ",
            "1.5x /2019",
            "61-CP",
            "61 - Cp-x-",
            "ẠJ/UBND-VX",
            "abcdefghijk/X-Y",
            "abcdefghij /X-Y",
            "36a - HD / VPTW -\u{3000}A",
            "7 - ǅx / Ⅻ",
            "14, đường 8",
            "2024",
            "",
        ] {
            assert_eq!(hand_spans(s), regex_spans(s), "{s:?}");
        }
    }

    #[test]
    fn hand_matchers_match_the_regexes_on_random_text() {
        // how many strings each pattern matched: the test must reach them all
        let hits = std::cell::RefCell::new([0usize; 4]);
        sweep(number_text(), 100_000, |s| {
            let want = regex_spans(s);
            prop_assert_eq!(hand_spans(s), want.clone());
            for (h, w) in hits.borrow_mut().iter_mut().zip(&want) {
                *h += usize::from(w.is_some());
            }
            Ok(0)
        });
        let hits = hits.into_inner();
        assert!(hits.iter().all(|&h| h > 200), "{hits:?}");
    }

    fn p(s: &str) -> ParsedNumber {
        parse(s, None).unwrap_or_else(|| panic!("no number in {s:?}"))
    }

    #[test]
    fn shapes_from_model_md() {
        let n = p("15/QĐ-BNV");
        assert_eq!(
            (
                n.number.as_deref(),
                n.type_code.as_deref(),
                n.issuer_codes.clone()
            ),
            (Some("15"), Some("QĐ"), vec!["BNV".to_owned()])
        );
        let n = p("05/UBND-VX");
        assert_eq!(
            (
                n.type_code.clone(),
                n.issuer_codes.clone(),
                n.unit_code.as_deref()
            ),
            (None, vec!["UBND".to_owned()], Some("VX"))
        );
        let n = p("30/2020/NĐ-CP");
        assert_eq!(
            (n.year, n.type_code.as_deref(), n.symbol.as_str()),
            (Some(2020), Some("NĐ"), "NĐ-CP")
        );
        let n = p("01/2022/TTLT-VKSNDTC-TANDTC-BCA");
        assert_eq!(n.issuer_codes, ["VKSNDTC", "TANDTC", "BCA"]);
        let n = p("36-HD/VPTW");
        assert_eq!(
            (
                n.number.as_deref(),
                n.symbol.as_str(),
                n.type_code.as_deref(),
                n.party
            ),
            (Some("36"), "HD/VPTW", Some("HD"), true)
        );
        let n = p("/UBND-NN");
        assert_eq!(
            (n.number, n.symbol.as_str(), n.unit_code.as_deref()),
            (None, "UBND-NN", Some("NN"))
        );
        assert_eq!(p("66.17/2026/NQ-CP").number.as_deref(), Some("66.17"));
    }

    #[test]
    fn a_stray_mark_before_the_number_is_not_part_of_it() {
        for s in ["{500 /TLĐ", "|500/TLĐ", "'500/TLĐ", "‘500/TLĐ"] {
            let n = p(s);
            assert_eq!(
                (n.number.as_deref(), n.symbol.as_str()),
                (Some("500"), "TLĐ"),
                "{s}"
            );
            assert_eq!(n.len, s.len(), "{s}");
        }
        // a mark before no digit reads nothing new
        assert!(parse("{/TLĐ x", None).is_none());
    }

    #[test]
    fn a_stroke_read_as_one_letter_before_the_notation_is_not_its_symbol() {
        for (s, number) in [("2/Š/CT-TTHT", Some("2")), ("/f//CT-TTHT", None)] {
            let n = p(s);
            assert_eq!(
                (n.number.as_deref(), n.symbol.as_str()),
                (number, "CT-TTHT"),
                "{s}"
            );
            assert_eq!(n.len, s.len(), "{s}");
        }
        // an old notation's letters are its own
        assert_eq!(p("12/QĐ/CTN").symbol, "QĐ/CTN");
        assert_eq!(p("46/L-CTN").symbol, "L-CTN");
    }

    #[test]
    fn stops_at_the_symbol_end() {
        let s = "/HC-TH Đà Nẵng, ngày";
        let n = p(s);
        assert_eq!(&s[..n.len], "/HC-TH");
        let s = "1206 /QĐ-HVTC.";
        let n = p(s);
        assert_eq!(
            (n.number.as_deref(), n.symbol.as_str()),
            (Some("1206"), "QĐ-HVTC")
        );
        assert_eq!(&s[..n.len], "1206 /QĐ-HVTC");
    }

    #[test]
    fn cong_van_hint_decides_ambiguous_codes() {
        let n = parse("12/CT-TTHT", Some(true)).unwrap();
        assert_eq!((n.type_code, n.issuer_codes), (None, vec!["CT".to_owned()]));
        let n = parse("12/CT-TTg", Some(false)).unwrap();
        assert_eq!(n.type_code.as_deref(), Some("CT"));
    }

    #[test]
    fn wrapped_and_spaced_symbols() {
        let n = p("01/2022/TTLT-VKSNDTC-\nTANDTC-BCA");
        assert_eq!(n.symbol, "TTLT-VKSNDTC-TANDTC-BCA");
        assert_eq!(n.issuer_codes, ["VKSNDTC", "TANDTC", "BCA"]);
        let n = p("\n755/2005/NQ-UBTVQH11 Hà Nội");
        assert_eq!(
            (n.number.as_deref(), n.symbol.as_str()),
            (Some("755"), "NQ-UBTVQH11")
        );
        let s = "3210/QĐ - U B ND Hà Nội";
        let n = p(s);
        assert_eq!(n.symbol, "QĐ-UBND");
        assert_eq!(&s[..n.len], "3210/QĐ - U B ND");
    }

    #[test]
    fn spaced_digits() {
        let n = p("2 37 /QĐ - U B ND");
        assert_eq!(
            (n.number.as_deref(), n.symbol.as_str()),
            (Some("237"), "QĐ-UBND")
        );
        assert_eq!(n.issuer_codes, ["UBND"]);
    }

    #[test]
    fn old_notations_part_their_groups_with_slashes() {
        let n = p("634/2005/QĐ/CTN");
        assert_eq!(
            (n.symbol.as_str(), n.type_code.as_deref()),
            ("QĐ/CTN", Some("QĐ"))
        );
        assert_eq!(n.issuer_codes, ["CTN"]);
        let n = p("01/2004/TTLT/BVHTT-BYT");
        assert_eq!(
            (n.symbol.as_str(), n.type_code.as_deref()),
            ("TTLT/BVHTT-BYT", Some("TTLT"))
        );
        assert_eq!(n.issuer_codes, ["BVHTT", "BYT"]);
        // a year after the symbol is no group of it
        assert_eq!(p("45/UBND/2020").symbol, "UBND");
    }

    #[test]
    fn a_stroke_before_a_handwritten_number_leaves_it_unreadable() {
        // `/40` may be `140` misread: the symbol is read, the number is not
        let n = p("/40/TB-HQTB Trảng Bàng");
        assert_eq!(
            (n.number.as_deref(), n.symbol.as_str(), n.unreadable),
            (None, "TB-HQTB", true)
        );
        assert_eq!(n.type_code.as_deref(), Some("TB"));
        // a number without the stroke is still a number
        let n = p("40/TB-HQTB");
        assert_eq!((n.number.as_deref(), n.unreadable), (Some("40"), false));
    }

    #[test]
    fn a_handwritten_number_read_as_pieces_leaves_it_unreadable() {
        // OCR reads a handwritten `3980` as `3 3#j`: the symbol is still read
        for s in ["3 3#j/C04-P6 Hà Nội", "3 3#j /C04-P6", "#72/UBND- KSTTHC"] {
            let n = p(s);
            assert_eq!((n.number.as_deref(), n.unreadable), (None, true), "{s}");
            assert!(n.symbol.starts_with(['C', 'U']), "{s}: {}", n.symbol);
        }
        // two spaces, three pieces, or a piece over ten characters are not
        // one number
        assert!(parse("3  3#j/C04-P6", None).is_none());
        assert!(parse("ab cd ef/C04-P6", None).is_none());
        assert!(parse("abcdefghijk/C04-P6", None).is_none());
    }

    #[test]
    fn not_numbers() {
        assert!(parse("14, đường 8", None).is_none());
        assert!(parse("2024", None).is_none());
    }
}
