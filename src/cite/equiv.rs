//! Checks of the shortcuts the prefiltered scanners rely on: the byte-level
//! digit, letter and uppercase tests must agree with the regex classes, the
//! head-noun endings must fit the suffix check, and the hand-written
//! head-noun matchers (`heads`) must agree with the regexes they replace on
//! generated texts. (The optimised scanners were verified against the
//! previous regex-over-everything extractor on the corpus, the fixtures and
//! generated text before that extractor was retired; the table cases in
//! `tests.rs` and the corpus ratchet keep the behaviour in place.)
//!
//! The regexes and the text generators live in `crate::oracle::cite`. The two sweeps over
//! every Unicode char are `#[ignore]`d (most of the unit tests' time in
//! debug); CI runs them: `cargo test --lib -- --ignored cite::equiv`.

use proptest::prelude::*;

use crate::oracle::cite::{digit_text, head_text, id_text, law_text, pinpoint_text};
use crate::oracle::{boundaries, sweep};

/// Asserts that `f` agrees with the one-char regex `re` on `chars`.
fn char_test_agrees(re: &str, f: fn(char) -> bool, chars: impl Iterator<Item = char>) {
    let re = regex::Regex::new(&format!(r"\A{re}\z")).expect("compiles");
    for c in chars {
        let mut buf = [0u8; 4];
        assert_eq!(f(c), re.is_match(c.encode_utf8(&mut buf)), "{c:?}");
    }
}

#[test]
fn digit_shortcut_agrees_with_the_regex() {
    let ranges = [
        ('\u{0}', '\u{700}'),
        ('\u{1DF0}', '\u{1F10}'),
        ('\u{FF00}', '\u{FF20}'),
    ];
    for (lo, hi) in ranges {
        char_test_agrees(r"\d", crate::scan::is_digit, lo..=hi);
    }
}

#[test]
fn word_char_and_upper_shortcuts_agree_with_the_regex() {
    let all = || (0..=0x10FFFF).filter_map(char::from_u32);
    char_test_agrees(r"[\p{L}\d]", crate::scan::is_word_char, all());
    char_test_agrees(r"\p{Lu}", crate::scan::is_upper, all());
    char_test_agrees(r"\p{Ll}", crate::scan::is_lower, all());
}

#[test]
fn head_endings_fit_the_suffix_check() {
    let (words, _) = super::patterns::head_endings();
    for w in words {
        assert!(
            w.chars().count() <= 8,
            "{w} is longer than ends_with_head reads"
        );
        assert_eq!(w, w.to_lowercase());
    }
}

/// The quick reject of `ends_with_head` (sorted last chars) answers as
/// the plain search over the endings, for every char.
#[test]
fn head_ending_quick_reject_agrees() {
    let (words, abbrevs) = super::patterns::head_endings();
    let e = super::scan::endings();
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let word = words.iter().any(|w| w.ends_with(c));
        let abbrev = abbrevs.iter().any(|a| a.ends_with(c));
        assert_eq!(e.may_end('\0', c), word, "{c:?}");
        assert_eq!(e.may_end(c, '\0'), abbrev, "{c:?}");
    }
}

/// Every char case-folds to each letter of the hand-matched words as the
/// regex `(?i:x)` says.
#[test]
#[ignore = "every Unicode char (14 s in debug): CI runs it, `cargo test --lib -- --ignored cite::equiv`"]
fn fold_eq_agrees_with_the_regex() {
    let mut letters: Vec<char> = super::heads::alts()
        .iter()
        .filter(|a| a.fold)
        .flat_map(|a| a.text().chars().filter(|c| *c != ' ').collect::<Vec<_>>())
        .chain("sốnămthángngàyđiềukhoảnđiểm".chars())
        .collect();
    letters.sort_unstable();
    letters.dedup();
    let any = regex::Regex::new(&format!(
        "(?i)\\A[{}]\\z",
        letters.iter().collect::<String>()
    ))
    .expect("compiles");
    let each: Vec<regex::Regex> = letters
        .iter()
        .map(|x| regex::Regex::new(&format!("(?i)\\A{x}\\z")).expect("compiles"))
        .collect();
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        let hit = any.is_match(s);
        for (x, re) in letters.iter().zip(&each) {
            let want = hit && re.is_match(s);
            assert_eq!(crate::scan::fold_eq(c, *x), want, "{c:?} vs {x:?}");
        }
    }
}

/// For every char, the alternatives indexed under its key
/// (`heads::alts_starting`, `heads::alts_ending`) are all those that may
/// start (end) with it, with their index, in the alternation's order.
#[test]
#[ignore = "every Unicode char (14 s in debug): CI runs it, `cargo test --lib -- --ignored cite::equiv`"]
fn alternatives_under_a_key_are_complete() {
    type Test = fn(&super::heads::Alt, char) -> bool;
    type Index = fn(char) -> &'static [(usize, &'static super::heads::Alt)];
    let sides: [(Test, Index); 2] = [
        (|a, c| a.may_start_with(c), super::heads::alts_starting),
        (|a, c| a.may_end_with(c), super::heads::alts_ending),
    ];
    for (test, index) in sides {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let want: Vec<(usize, *const super::heads::Alt)> = super::heads::alts()
                .iter()
                .enumerate()
                .filter(|(_, a)| test(a, c))
                .map(|(i, a)| (i, a as *const _))
                .collect();
            let got: Vec<(usize, *const super::heads::Alt)> = index(c)
                .iter()
                .filter(|(_, a)| test(a, c))
                .map(|&(i, a)| (i, a as *const _))
                .collect();
            assert_eq!(got, want, "{c:?}");
        }
    }
}

/// Every head noun alternative names the type `head_type` gives it.
#[test]
fn head_alternatives_have_their_head_type() {
    for alt in super::heads::alts() {
        assert_eq!(super::patterns::head_type(&alt.text()), Ok(alt.ty));
    }
}

/// Asserts that a hand-written matcher `got(text, lo, end)` agrees with the
/// `$`-anchored regex `re` (whose captures `want` reads, offsets relative to
/// `lo`) on generated texts cut at every char boundary.
fn agrees_before<T: PartialEq + std::fmt::Debug>(
    re: &regex::Regex,
    want: impl Fn(&regex::Captures<'_>, usize) -> Option<T>,
    got: impl Fn(&str, usize, usize) -> Option<T>,
) -> usize {
    sweep(head_text(), 20_000, |t| {
        let mut hits = 0;
        for lo in boundaries(t) {
            let w = re.captures(&t[lo..]).and_then(|c| want(&c, lo));
            hits += usize::from(w.is_some());
            prop_assert_eq!(got(t, lo, t.len()), w, "from {}", lo);
        }
        Ok(hits)
    })
}

#[test]
fn issuer_title_and_so_before_agree_with_the_regexes() {
    use super::heads;
    use crate::oracle::cite::{HEAD_ISSUER_BEFORE_RE, LAW_TITLE_BEFORE_RE, SO_BEFORE_RE};
    let range = |c: &regex::Captures<'_>, lo: usize, g: &str| {
        c.name(g).map(|m| (lo + m.start(), lo + m.end()))
    };
    type Named = fn(&str, usize, usize) -> Option<heads::NamedBefore>;
    let cases: [(&regex::Regex, &str, Named); 2] = [
        (&HEAD_ISSUER_BEFORE_RE, "iss", heads::issuer_before),
        (&LAW_TITLE_BEFORE_RE, "title", heads::title_before),
    ];
    for (re, name, matcher) in cases {
        // Only the issuer pattern names its `số`.
        let has_so = re.capture_names().any(|n| n == Some("so"));
        let hits = agrees_before(
            re,
            |c, lo| {
                let so = range(c, lo, "so").map(|r| r.0);
                Some((range(c, lo, "head")?, range(c, lo, name)?, so))
            },
            |t, lo, end| {
                let m = matcher(t, lo, end)?;
                Some(((m.head.start, m.head.end), m.name, has_so.then_some(m.so)))
            },
        );
        assert!(hits > 100, "{name}: {hits}");
    }
    let hits = agrees_before(
        &SO_BEFORE_RE,
        |c, lo| range(c, lo, "so").map(|r| r.0),
        heads::so_before,
    );
    assert!(hits > 100, "{hits}");
}

#[test]
fn head_before_agrees_with_the_regex() {
    let hits = agrees_before(
        &crate::oracle::cite::HEAD_BEFORE_RE,
        |c, lo| c.name("head").map(|h| (lo + h.start(), lo + h.end())),
        |t, lo, end| {
            let h = super::heads::head_before(t, lo, end)?;
            assert_eq!(super::patterns::head_type(&t[h.start..h.end]), Ok(h.alt.ty));
            Some((h.start, h.end))
        },
    );
    assert!(hits > 1000, "{hits}");
}

/// Asserts that a hand-written slice matcher `got(text, a, end)` agrees
/// with the pattern `(?:^|[^\p{L}\d])REST` (`^` only at the start of the
/// text), whose captures `want` reads (group range by name, offsets
/// absolute), on generated texts from every char boundary.
fn agrees_in_slices<T: PartialEq + std::fmt::Debug>(
    rest: &str,
    want: impl Fn(&dyn Fn(&str) -> Option<(usize, usize)>) -> Option<T>,
    got: impl Fn(&str, usize, usize) -> Option<T>,
) -> usize {
    let start = regex::Regex::new(&format!(r"(?:^|[^\p{{L}}\d]){rest}")).expect("compiles");
    let mid = regex::Regex::new(&format!(r"[^\p{{L}}\d]{rest}")).expect("compiles");
    sweep(head_text(), 20_000, |t| {
        let mut hits = 0;
        for a in boundaries(t) {
            let re = if a == 0 { &start } else { &mid };
            let w = re.captures(&t[a..]).and_then(|c| {
                let g = |n: &str| {
                    let m = if n.is_empty() { c.get(0) } else { c.name(n) };
                    m.map(|m| (a + m.start(), a + m.end()))
                };
                want(&g)
            });
            hits += usize::from(w.is_some());
            prop_assert_eq!(got(t, a, t.len()), w, "from {}", a);
        }
        Ok(hits)
    })
}

#[test]
fn number_ref_agrees_with_the_regex() {
    let hits = agrees_in_slices(
        &crate::oracle::cite::number_ref_rest(),
        |g| Some((g("head")?, g("so").is_some(), g("num")?, g("")?.1)),
        |t, a, end| {
            let m = super::heads::number_ref_in(t, a, end)?;
            Some(((m.head.start, m.head.end), m.so, m.num, m.num.1))
        },
    );
    assert!(hits > 1000, "{hits}");
}

#[test]
fn type_ref_agrees_with_the_regex() {
    let hits = agrees_in_slices(
        &crate::oracle::cite::type_ref_rest(),
        |g| {
            let flags = (g("bare").is_some(), g("after").is_some());
            Some((g("head")?, g("ref")?.1, flags, g("")?.1))
        },
        |t, a, end| {
            let m = super::heads::type_ref_in(t, a, end)?;
            Some((
                (m.head.start, m.head.end),
                m.end,
                (m.bare, m.after),
                m.match_end,
            ))
        },
    );
    assert!(hits > 100, "{hits}");
}

/// `number_starts` yields exactly the bytes `may_start_number` accepts,
/// whatever their place in an eight-byte word, and every start of a number
/// (`\d`) is among them.
#[test]
fn number_starts_skip_only_what_the_byte_test_rejects() {
    use super::scan::{may_start_number, number_starts};
    use crate::scan::is_digit;
    sweep(digit_text(), 3000, |t| {
        let b = t.as_bytes();
        let plain: Vec<usize> = (0..b.len()).filter(|&i| may_start_number(b[i])).collect();
        prop_assert_eq!(number_starts(b).collect::<Vec<_>>(), plain.clone());
        for (i, c) in t.char_indices() {
            prop_assert!(!is_digit(c) || plain.contains(&i), "at {}", i);
        }
        Ok(0)
    });
    // Every byte value in every lane of a word.
    for v in 0..=255u8 {
        for lane in 0..9 {
            let mut b = vec![b'a'; 9];
            b[lane] = v;
            let got: Vec<usize> = number_starts(&b).collect();
            let want: Vec<usize> = (0..9).filter(|&i| may_start_number(b[i])).collect();
            assert_eq!(got, want, "{v:#x} in lane {lane}");
        }
    }
}

#[test]
fn law_matches_agree_with_the_regex() {
    let re = crate::oracle::cite::law_regex();
    let hits = sweep(law_text(), 10_000, |t| {
        let mut hits = 0;
        for a in boundaries(t) {
            let s = &t[a..];
            let range = |m: Option<regex::Match<'_>>| m.map(|m| (m.start(), m.end()));
            let want: Vec<super::laws::LawMatch> = re
                .captures_iter(s)
                .filter_map(|c| {
                    let head = range(c.name("head"))?;
                    Some(super::laws::LawMatch {
                        head,
                        name: range(c.name("name"))?,
                        year: range(c.name("year").or(c.name("bare"))),
                        date: c.name("date").map(|m| m.start()),
                        end: c.get(0)?.end(),
                    })
                })
                .collect();
            let mut got = Vec::new();
            super::scan::law_matches(s, |m| got.push(*m));
            hits += want.len();
            prop_assert_eq!(got, want, "from {}", a);
        }
        Ok(hits)
    });
    assert!(hits > 1000, "{hits}");
}

#[test]
fn date_at_agrees_with_the_regex() {
    use super::fields::{date_at, make_date};
    use crate::oracle::cite::DATE_AT_RE;
    // The reader as it was written with the regex.
    let by_regex = |text: &str, pos: usize| {
        let win = super::patterns::window_after(text, pos, 96);
        let caps = DATE_AT_RE.captures(win)?;
        let end = caps.get(0)?.end();
        if win[end..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let g = |a: &str, b: &str| caps.name(a).or(caps.name(b)).map(|m| m.as_str());
        let date = make_date(g("d1", "d2")?, g("m1", "m2")?, g("y1", "y2")?)?;
        Some((date, pos + end))
    };
    // Long texts too, so that the 96-byte window cuts some dates.
    let long = law_text().prop_map(|t| format!("{t}{t}{t}"));
    let hits = sweep(long, 5_000, |t| {
        let mut hits = 0;
        for p in boundaries(t) {
            let want = by_regex(t, p);
            hits += usize::from(want.is_some());
            prop_assert_eq!(date_at(t, p), want, "at {}", p);
        }
        Ok(hits)
    });
    assert!(hits > 1000, "{hits}");
}

/// The captures of one identifier match as an `IdMatch`, offsets from `base`.
fn id_match_of(c: &regex::Captures<'_>, base: usize) -> Option<super::ids::IdMatch> {
    let g = |n: &str| c.name(n).map(|m| (base + m.start(), base + m.end()));
    Some(super::ids::IdMatch {
        num: g("num")?,
        year: g("year"),
        sym: g("sym"),
        ptype: g("ptype"),
        piss: g("piss"),
        old: g("old"),
        end: base + c.get(0)?.end(),
    })
}

#[test]
fn id_at_and_id_matches_agree_with_the_regex() {
    let anchored = crate::oracle::cite::id_regex();
    let whole = super::patterns::compile(&crate::oracle::cite::id_pattern());
    let hits = sweep(id_text(), 30_000, |t| {
        let mut hits = 0;
        for a in boundaries(t) {
            let want = anchored.captures(&t[a..]).and_then(|c| id_match_of(&c, a));
            hits += usize::from(want.is_some());
            prop_assert_eq!(super::ids::id_at(t, a), want, "at {}", a);
        }
        let want: Vec<_> = whole
            .captures_iter(t)
            .filter_map(|c| id_match_of(&c, 0))
            .collect();
        let mut got = Vec::new();
        super::scan::id_matches(t, |m| got.push(*m));
        prop_assert_eq!(got, want);
        Ok(hits)
    });
    assert!(hits > 5000, "{hits}");
}

/// `type_from_code` with its uppercased table gives what uppercasing each
/// code per call gave, on every code and alias of the type table in several
/// cases and on near misses.
#[test]
fn type_from_code_agrees_with_the_plain_definition() {
    use super::patterns::type_from_code;
    use crate::codes::DOC_TYPES;
    // Every code that opens a symbol, own codes before aliases.
    let codes: Vec<(&str, &'static crate::codes::TypeEntry)> = DOC_TYPES
        .iter()
        .filter(|t| type_from_code(t.code).is_some())
        .map(|t| (t.code, t))
        .chain(
            DOC_TYPES
                .iter()
                .flat_map(|t| t.aliases.iter().map(move |a| (*a, t))),
        )
        .collect();
    let plain = |code: &str| {
        codes
            .iter()
            .find(|(c, _)| *c == code)
            .or_else(|| {
                let upper = code.to_uppercase();
                codes.iter().find(|(c, _)| c.to_uppercase() == upper)
            })
            .map(|(_, t)| *t)
    };
    for (c, _) in &codes {
        for v in [
            (*c).to_owned(),
            c.to_uppercase(),
            c.to_lowercase(),
            format!("{c}x"),
            c.replace('Đ', "D"),
            c.replace('Đ', "đ"),
        ] {
            assert_eq!(type_from_code(&v), plain(&v), "{v:?}");
        }
    }
}

/// `pinpoint_in` agrees with `PINPOINT_RE` on generated texts from every
/// char boundary.
#[test]
fn pinpoint_in_agrees_with_the_regex() {
    use super::fields::pinpoint_in;
    use crate::oracle::cite::PINPOINT_RE;
    let hits = sweep(pinpoint_text(), 20_000, |t| {
        let mut hits = 0;
        for lo in boundaries(t) {
            let want = PINPOINT_RE
                .captures(&t[lo..])
                .and_then(|c| c.name("pp"))
                .map(|m| (lo + m.start(), lo + m.end()));
            hits += usize::from(want.is_some());
            prop_assert_eq!(pinpoint_in(t, lo, t.len()), want, "from {}", lo);
        }
        Ok(hits)
    });
    assert!(hits > 1000, "{hits}");
}

/// Every code, alias, head noun and title of the type table names the same
/// type through every entry point: the number parser
/// (`codes::type_by_code`), the citation scanner (`type_from_code`,
/// `head_type`), the header (`codes::type_by_title`) and the family
/// (`codes::is_legal_normative`).
#[test]
fn every_type_name_resolves_the_same_everywhere() {
    use super::patterns::{head_type, type_from_code};
    use crate::codes::{self, by_exact_code, DOC_TYPES};
    for t in DOC_TYPES {
        // The type a code names is the first with that code (`TT`: Thông tư).
        let first = by_exact_code(t.code).expect("own code");
        match type_from_code(t.code) {
            Some(found) => {
                assert_eq!(found, first, "{}", t.code);
                assert_eq!(
                    codes::type_by_code(t.code),
                    Some((first.code, first.name)),
                    "{}",
                    t.code
                );
            }
            None => assert_eq!(codes::type_by_code(t.code), None, "{}", t.code),
        }
        for a in t.aliases {
            for v in [(*a).to_owned(), a.to_uppercase(), a.to_lowercase()] {
                assert_eq!(type_from_code(&v), Some(t), "{v}");
                assert_eq!(codes::type_by_code(&v), Some((t.code, t.name)), "{v}");
            }
        }
        for h in t.heads {
            assert_eq!(head_type(h), Ok(Some(t)), "{h}");
            assert_eq!(head_type(&h.to_uppercase()), Ok(Some(t)), "{h}");
            assert_eq!(codes::type_by_title(&h.to_uppercase()), Some(t), "{h}");
        }
        if t.abbrev {
            assert_eq!(head_type(t.code), Ok(Some(first)), "{}", t.code);
        }
        assert_eq!(codes::type_by_title(t.title), Some(t), "{}", t.name);
        assert_eq!(
            codes::is_legal_normative(t.code),
            first.normative,
            "{}",
            t.code
        );
    }
    // The three disagreements of the old tables, settled.
    assert_eq!(
        head_type("Bộ luật").ok().flatten().map(|t| t.code),
        Some("BLt")
    );
    assert_eq!(codes::type_by_title("BỘ LUẬT").map(|t| t.code), Some("BLt"));
    assert_eq!(type_from_code("QĐi").map(|t| t.code), Some("QyĐ"));
    assert_eq!(codes::type_by_code("QĐi"), Some(("QyĐ", "Quy định")));
    assert_eq!(type_from_code("KHLT").map(|t| t.code), Some("KH"));
    assert_eq!(codes::type_by_code("KHLT"), Some(("KH", "Kế hoạch")));
    // Codes that differ only by `Đ` stay apart where written exactly.
    assert_eq!(codes::type_by_code("HĐ"), Some(("HĐ", "Hợp đồng")));
    assert_eq!(codes::type_by_code("DA"), Some(("DA", "Dự án")));
    assert_eq!(codes::type_by_code("QD"), Some(("QĐ", "Quyết định")));
}
