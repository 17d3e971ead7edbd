//! Checks of the shortcuts the prefiltered scanners rely on: the byte-level
//! digit, letter and uppercase tests must agree with the regex classes, the
//! head-noun endings must fit the suffix check, and the hand-written
//! head-noun matchers (`heads`) must agree with the regexes they replace on
//! generated texts. (The optimised scanners were verified against the
//! previous regex-over-everything extractor on the corpus, the fixtures and
//! generated text before that extractor was retired; the table cases in
//! `tests.rs` and the corpus ratchet keep the behaviour in place.)

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
        char_test_agrees(r"\d", super::scan::is_digit, lo..=hi);
    }
}

#[test]
fn word_char_and_upper_shortcuts_agree_with_the_regex() {
    let all = || (0..=0x10FFFF).filter_map(char::from_u32);
    char_test_agrees(r"[\p{L}\d]", super::scan::is_word_char, all());
    char_test_agrees(r"\p{Lu}", super::scan::is_upper, all());
    char_test_agrees(r"\p{Ll}", super::scan::is_lower, all());
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
            assert_eq!(super::heads::fold_eq(c, *x), want, "{c:?} vs {x:?}");
        }
    }
}

/// For every char, the alternatives indexed under its key
/// (`heads::alts_starting`, `heads::alts_ending`) are all those that may
/// start (end) with it, with their index, in the alternation's order.
#[test]
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

/// Pieces the generated texts are made of: head nouns in several cases and
/// spacings, `số`, numbers, the words of type references, punctuation,
/// white space of several kinds and characters at the edges of the
/// shortcuts (combining marks, `×`, the Kelvin sign, the long s).
const PIECES: &[&str] = &[
    "Quyết định",
    "QUYẾT ĐỊNH",
    "quyết  định",
    "Quyết\nđịnh",
    "Thông tư",
    "thông tư liên tịch",
    "Thông Tư Liên",
    "Nghị quyết liên tịch",
    "văn bản",
    "Văn bản hợp nhất",
    "VĂN BẢN",
    "Công văn",
    "công\u{A0}văn",
    "\u{212A}ế hoạch",
    "Kế hoạch",
    "Bộ luật",
    "Luật",
    "luật",
    "Hiến pháp",
    "Lệnh",
    "lệnh",
    "QĐ",
    "TTLT",
    "TTr",
    "TT",
    "CTr",
    "CT",
    "NĐ",
    "CV",
    "KH",
    "ĐA",
    "Qđ",
    "số",
    "Số",
    "SỐ",
    "ſố",
    "so",
    "số:",
    ":",
    " : ",
    "12",
    "0345",
    "1234567",
    "2020",
    "٣",
    "7a",
    "nêu",
    "nói",
    "trên",
    "Trên",
    "nêu trên",
    "nói\ttrên",
    "trên.",
    ",",
    ".",
    ";",
    ")",
    "/",
    "-",
    " ",
    "  ",
    "\n",
    "\t",
    "\u{A0}",
    "\u{2003}",
    "x",
    "ab",
    "Đ",
    "\u{301}",
    "×",
    "é",
    "1.",
    "của",
];

/// A deterministic pseudo-random number source.
fn rng() -> impl FnMut() -> usize {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 16) as usize
    }
}

/// `n` texts: 1 to 12 random pieces, then (every other text) a head noun,
/// maybe `của`, a name and `số`, the shape the `…số` patterns look for.
fn texts(n: usize) -> Vec<String> {
    const WS: &[&str] = &[" ", "  ", "\n", "\t", "", " \n "];
    const SO: &[&str] = &["số", "Số", "số:", "số :", "số\n", "ſố", "so", "số. "];
    let mut next = rng();
    let mut pick = |from: &[&'static str]| from[next() % from.len()];
    (0..n)
        .map(|k| {
            let mut t = String::new();
            for _ in 0..1 + pick(&["0", "1", "2", "3", "4", "5"]).len() * 2 {
                t.push_str(pick(PIECES));
            }
            if k % 2 == 1 {
                for part in [
                    PIECES,
                    WS,
                    &["của", "", "Của"],
                    WS,
                    PIECES,
                    PIECES,
                    PIECES,
                    WS,
                    SO,
                ] {
                    t.push_str(pick(part));
                }
            }
            t
        })
        .collect()
}

/// Asserts that a hand-written matcher `got(text, lo, end)` agrees with the
/// `$`-anchored regex `re` (whose captures `want` reads, offsets relative to
/// `lo`) on generated texts cut at every char boundary.
fn agrees_before<T: PartialEq + std::fmt::Debug>(
    re: &regex::Regex,
    want: impl Fn(&regex::Captures<'_>, usize) -> Option<T>,
    got: impl Fn(&str, usize, usize) -> Option<T>,
) -> usize {
    let mut hits = 0;
    for t in texts(20_000) {
        for lo in boundaries(&t) {
            let w = re.captures(&t[lo..]).and_then(|c| want(&c, lo));
            hits += usize::from(w.is_some());
            assert_eq!(got(&t, lo, t.len()), w, "{t:?} from {lo}");
        }
    }
    hits
}

#[test]
fn issuer_title_and_so_before_agree_with_the_regexes() {
    use super::heads;
    use super::patterns::{HEAD_ISSUER_BEFORE_RE, LAW_TITLE_BEFORE_RE, SO_BEFORE_RE};
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

fn boundaries(t: &str) -> Vec<usize> {
    (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect()
}

#[test]
fn head_before_agrees_with_the_regex() {
    let hits = agrees_before(
        &super::patterns::HEAD_BEFORE_RE,
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
    let mut hits = 0;
    for t in texts(20_000) {
        for a in boundaries(&t) {
            let re = if a == 0 { &start } else { &mid };
            let w = re.captures(&t[a..]).and_then(|c| {
                let g = |n: &str| {
                    let m = if n.is_empty() { c.get(0) } else { c.name(n) };
                    m.map(|m| (a + m.start(), a + m.end()))
                };
                want(&g)
            });
            hits += usize::from(w.is_some());
            assert_eq!(got(&t, a, t.len()), w, "{t:?} from {a}");
        }
    }
    hits
}

#[test]
fn number_ref_agrees_with_the_regex() {
    let hits = agrees_in_slices(
        &super::patterns::number_ref_rest(),
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
        &super::patterns::type_ref_rest(),
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
    use super::scan::{is_digit, may_start_number, number_starts};
    let mut next = rng();
    let pieces = [
        "Quyết định số ",
        "12",
        " ",
        ":",
        "/",
        "a",
        "ố",
        "\u{660}",
        "\u{1040}",
        "“",
        "x",
        "\n",
        "\u{1EA0}",
        "7",
        "ab cd ef gh ",
        "Điều",
        "\u{7F}",
        "\u{FF10}",
        "0",
        "9",
        "\u{10FFFF}",
    ];
    for _ in 0..3000 {
        let mut t = String::new();
        for _ in 0..next() % 40 {
            t.push_str(pieces[next() % pieces.len()]);
        }
        let b = t.as_bytes();
        let plain: Vec<usize> = (0..b.len()).filter(|&i| may_start_number(b[i])).collect();
        assert_eq!(number_starts(b).collect::<Vec<_>>(), plain, "{t:?}");
        for (i, c) in t.char_indices() {
            if is_digit(c) {
                assert!(plain.contains(&i), "{t:?} at {i}");
            }
        }
    }
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

/// Pieces of law names and dates: heads as written and not, name words,
/// `năm`/`ngày`/`tháng` in several cases, years in and out of range,
/// non-ASCII digits, separators and closing chars.
const LAW_PIECES: &[&str] = &[
    "Luật",
    "luật",
    "Bộ luật",
    "Bộ\nluật",
    "Bộ  luật",
    "Bộluật",
    "Hiến pháp",
    "Hiến\tpháp",
    "Hiến",
    "Đất",
    "đai",
    "Lao",
    "động",
    "&",
    "A&B",
    "năm",
    "Năm",
    "NĂM",
    "nam",
    "ngày",
    "Ngày",
    "NGÀY",
    "tháng",
    "Tháng",
    "2013",
    "1999",
    "2100",
    "20133",
    "20\u{661}\u{662}",
    "16",
    "5",
    "123",
    "\u{663}",
    "/",
    "-",
    ".",
    ",",
    ")",
    "x1",
    "số",
    " ",
    " ",
    "  ",
    "\n",
    "\u{A0}",
    "ngày 16 tháng 12 năm 2002",
    "ngày 16 tháng 12, năm 2002",
    "ngày 01/01/2020",
    "ngày 1 - 10 - 1997",
    "ngày 10.8.2025",
    "ngày 31/02/2020",
    "Đất đai năm 2013",
    "Lao động 2019",
    "a b c d e f g",
];

/// `n` texts built from [`LAW_PIECES`]; every other one is a head, up to
/// 16 words and a tail, to reach the pattern's limit of 14 name words.
fn law_texts(n: usize) -> Vec<String> {
    let mut next = rng();
    let mut pick = |from: &[&'static str]| from[next() % from.len()];
    (0..n)
        .map(|k| {
            let mut t = String::new();
            let parts = 1 + pick(&["1", "22", "333", "4444", "55555", "666666"]).len() * 2;
            for _ in 0..parts {
                t.push_str(pick(LAW_PIECES));
            }
            if k % 2 == 1 {
                t.push_str(pick(&["Luật", "Bộ luật", "Hiến pháp", " Luật"]));
                let words = pick(&["0", "1", "2", "4", "7", "13", "14", "15", "16"]);
                for _ in 0..words.parse::<usize>().unwrap_or(0) {
                    t.push_str(pick(&[" ", "  ", "\n"]));
                    t.push_str(pick(&["Đất", "đai", "A&B", "x", "Lao", "động"]));
                }
                t.push(' ');
                t.push_str(pick(&[
                    "năm 2013",
                    "2019",
                    "ngày 16/12/2002",
                    "năm2013",
                    "20199",
                ]));
                t.push_str(pick(&["", ".", "/", "a", " ", "1"]));
            }
            t
        })
        .collect()
}

#[test]
fn law_matches_agree_with_the_regex() {
    let re = super::laws::law_regex();
    let mut hits = 0;
    for t in law_texts(10_000) {
        for a in boundaries(&t) {
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
            assert_eq!(got, want, "{s:?}");
        }
    }
    assert!(hits > 1000, "{hits}");
}

#[test]
fn date_at_agrees_with_the_regex() {
    use super::fields::{date_at, make_date, DATE_AT_RE};
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
    let mut hits = 0;
    for t in law_texts(5_000) {
        // Long texts too, so that the 96-byte window cuts some dates.
        let t = format!("{t}{t}{t}");
        for p in boundaries(&t) {
            let want = by_regex(&t, p);
            hits += usize::from(want.is_some());
            assert_eq!(date_at(&t, p), want, "{t:?} at {p}");
        }
    }
    assert!(hits > 1000, "{hits}");
}

/// Pieces of identifiers: numbers (with a letter, too long, non-ASCII),
/// years, separators with spaces, tabs and line breaks, codes in several
/// cases and lengths, `&`, the `QH 13` shape and stray punctuation.
const ID_PIECES: &[&str] = &[
    "30",
    "7",
    "1234567",
    "12a",
    "5đ",
    "0345",
    "\u{663}\u{664}",
    "2020",
    "1999",
    "20201",
    "2100",
    "/",
    " / ",
    "/\n",
    " \n/ ",
    "\n\n/",
    "-",
    " - ",
    "-\n",
    " -\n ",
    "\t-",
    "NĐ",
    "CP",
    "QĐ",
    "UBND",
    "TTg",
    "HD",
    "VPTW",
    "Hd",
    "ABCDEF",
    "Abcdef",
    "abc",
    "&",
    "NV&MT",
    "QH",
    " 13",
    " 123",
    " 1",
    "x",
    "Đ",
    "ĐA",
    "\u{1EA0}b",
    ",",
    ".",
    " ",
    "\t",
    "\n",
    "(",
    "٣",
    "-CP",
    "/TW",
    "_",
    "_QĐ",
    ".5",
    "66.4",
    ".IV",
];

/// `n` texts of 1 to 16 [`ID_PIECES`].
fn id_texts(n: usize) -> Vec<String> {
    let mut next = rng();
    (0..n)
        .map(|_| {
            let parts = 1 + next() % 16;
            (0..parts)
                .map(|_| ID_PIECES[next() % ID_PIECES.len()])
                .collect()
        })
        .collect()
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
    let anchored = super::ids::id_regex();
    let whole = super::patterns::compile(&super::patterns::id_pattern());
    let mut hits = 0;
    for t in id_texts(30_000) {
        for a in boundaries(&t) {
            let want = anchored.captures(&t[a..]).and_then(|c| id_match_of(&c, a));
            hits += usize::from(want.is_some());
            assert_eq!(super::ids::id_at(&t, a), want, "{t:?} at {a}");
        }
        let want: Vec<_> = whole
            .captures_iter(&t)
            .filter_map(|c| id_match_of(&c, 0))
            .collect();
        let mut got = Vec::new();
        super::scan::id_matches(&t, |m| got.push(*m));
        assert_eq!(got, want, "{t:?}");
    }
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
    use super::patterns::PINPOINT_RE;
    const PP: &[&str] = &[
        "điểm",
        "Điểm",
        "ĐIỂM",
        "khoản",
        "Khoản",
        "điều",
        "Điều",
        "ĐIỀU",
        "Đieu",
        "a",
        "đ",
        "ab",
        "12",
        "1234",
        "5a",
        "7đ",
        "\u{663}",
        " ",
        "  ",
        "\n",
        "\t",
        "của",
        "tại",
        "Của",
        "x",
        ",",
        "Nghị định",
        "số",
        "ω",
        "ª",
        "Xa",
        "1a",
    ];
    let mut next = rng();
    let mut hits = 0;
    for k in 0..20_000 {
        let parts = 1 + next() % 12;
        let mut t: String = (0..parts).map(|_| PP[next() % PP.len()]).collect();
        if k % 2 == 1 {
            // The shape of a reference, with random pieces between.
            for w in [
                "điểm", " ", "a", " ", "khoản", " ", "12", " ", "Điều", " ", "5", " ", "của",
            ] {
                if !next().is_multiple_of(4) {
                    t.push_str(w);
                } else {
                    t.push_str(PP[next() % PP.len()]);
                }
            }
        }
        for lo in boundaries(&t) {
            let want = PINPOINT_RE
                .captures(&t[lo..])
                .and_then(|c| c.name("pp"))
                .map(|m| (lo + m.start(), lo + m.end()));
            hits += usize::from(want.is_some());
            assert_eq!(pinpoint_in(&t, lo, t.len()), want, "{t:?} from {lo}");
        }
    }
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
