//! Oracles for the citation matchers (`cite`): the regex each replaces and
//! the texts on which they must agree (`cite::equiv` holds the tests).

use std::sync::LazyLock;

use proptest::bool::weighted;
use proptest::collection::vec;
use proptest::prelude::*;
use regex::Regex;

use super::strategy::{joined, piece};
use crate::cite::patterns::{compile, head_abbrevs, head_names};

/// Alternation of all head nouns: full names case-insensitively with any
/// white space between words, then the abbreviations case-sensitively.
pub(crate) fn heads_alternation(names_only: bool) -> String {
    let mut alts: Vec<String> = head_names()
        .iter()
        .map(|(n, _)| {
            let words: Vec<String> = n.split(' ').map(regex::escape).collect();
            format!("(?i:{})", words.join(r"\s+"))
        })
        .collect();
    if !names_only {
        alts.extend(head_abbrevs().iter().map(|a| regex::escape(a)));
    }
    alts.join("|")
}

/// Characters allowed between `của` and `số` in `Quyết định của X số …`.
const ISSUER_CHARS: &str = r"[^\n;:.,/()0-9“”]";

/// The identifier pattern `ID_RE`, the reference definition of
/// `cite::ids::id_at`: `NUMBER/[YEAR/]SYMBOL`, Party
/// `NUMBER-TYPE/ISSUER`, or old style `NUMBER-SYMBOL` (only accepted after a
/// head noun). Spaces and a line break are tolerated around `/` and after
/// `-`.
pub(crate) fn id_pattern() -> String {
    let grp = r"[\p{L}\d&]+";
    let sep = r"[ \t]*-[ \t]*\n?[ \t]*";
    let sym_sep = r"(?:[ \t]*-[ \t]*\n?[ \t]*|[/._])";
    let slash = r"[ \t]*\n?[ \t]*/[ \t]*\n?[ \t]*";
    format!(
        r"(?P<num>\d{{1,6}}(?:\.\d{{1,2}})?[a-zA-ZđĐ]?)(?:{slash}(?:(?P<year>(?:19|20)\d{{2}})[ \t]*\n?[ \t]*[/-][ \t]*\n?[ \t]*)?(?P<sym>{grp}(?:{sym_sep}{grp})*(?:[ ]\d{{1,2}})?)|[ \t]*-[ \t]*(?P<ptype>\p{{Lu}}\p{{L}}{{0,4}})[ \t]*/[ \t]*\n?[ \t]*(?P<piss>{grp}(?:(?:{sep}|/){grp})*)|[ \t]*-[ \t]*(?P<old>\p{{Lu}}[\p{{L}}\d&]*(?:-{grp})*))"
    )
}

/// A head noun directly before an identifier: `Quyết định số: `, `QĐ `,
/// `các Quyết định của Thủ tướng Chính phủ số `. Run on a bounded window
/// ending at the identifier.
pub(crate) static HEAD_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:^|[^\p{{L}}\d])(?P<head>{heads})(?:\s+số\s*:?)?\s*$",
        heads = heads_alternation(false)
    ))
});

/// `Quyết định của Bộ Chính trị số ` (issuer between head noun and `số`).
pub(crate) static HEAD_ISSUER_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:^|[^\p{{L}}\d])(?P<head>{heads})\s+của\s+(?P<iss>\p{{Lu}}{ISSUER_CHARS}{{0,80}}?)\s+(?P<so>số\s*:?)\s*$",
        heads = heads_alternation(true)
    ))
});

/// `Luật Ngân sách nhà nước số ` (a law named and numbered).
pub(crate) static LAW_TITLE_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:^|[^\p{L}\d])(?P<head>Bộ\s+luật|Luật|Pháp\s+lệnh)\s+(?P<title>\p{Lu}[^\n;:.,/()0-9“”]{0,100}?)\s+số\s*:?\s*$",
    )
});

/// A lone `số` / `Số:` before an identifier.
pub(crate) static SO_BEFORE_RE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?:^|[^\p{L}\d])(?P<so>(?i:số)\s*:?)\s*$"));

/// A law or code named without a number, followed by its year or date:
/// `Luật Đất đai năm 2013`, `Bộ luật Lao động 2019`,
/// `Luật Ngân sách nhà nước ngày 16 tháng 12 năm 2002`. The pattern is
/// `(?:^|[^\p{L}\d])` followed by this. The reference definition of
/// `cite::laws::law_at`.
pub(crate) fn law_name_rest() -> String {
    format!(
        r"(?P<head>Bộ\s+luật|Luật|Hiến\s+pháp)(?P<name>(?:\s+[\p{{L}}&]+){{0,14}}?)\s+(?:(?i:năm)\s+(?P<year>(?:19|20)\d{{2}})|(?P<bare>(?:19|20)\d{{2}})|(?P<date>{DATE_PATTERN}))(?:[^\p{{L}}\d/]|$)"
    )
}

/// A number-only back-reference (`Công văn số 267`, `Nghị định 30`) after
/// its boundary `(?:^|[^\p{L}\d])`: from the head noun on. The reference
/// definition of `cite::heads::number_ref_in`.
pub(crate) fn number_ref_rest() -> String {
    format!(
        r"(?P<head>{heads})\s+(?P<so>(?i:số)\s*:?\s*)?(?P<num>\d{{1,6}})",
        heads = heads_alternation(false)
    )
}

/// A type back-reference (`Kế hoạch nêu trên`, `văn bản trên.`) after its
/// boundary `(?:^|[^\p{L}\d])`: from the head noun on. The reference
/// definition of `cite::heads::type_ref_in`.
pub(crate) fn type_ref_rest() -> String {
    format!(
        r"(?P<ref>(?P<head>{heads})\s+(?:nêu\s+trên|nói\s+trên|(?P<bare>trên)))(?P<after>\s*[,.;:)]|$)?",
        heads = heads_alternation(true)
    )
}

/// Article reference right before a mention: `khoản 2 Điều 5 `,
/// `điểm a khoản 1 Điều 24 của `. The reference definition of
/// `cite::fields::pinpoint_in`.
pub(crate) static PINPOINT_RE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:^|[^\p{L}\d])(?P<pp>(?:(?i:điểm)\s+[\p{Ll}\d]{1,2}\s+)?(?:(?i:khoản)\s+\d{1,3}[a-z]?\s+)?(?i:điều)\s+\d{1,3}[a-zđ]?)(?:\s+(?:của|tại))?\s*$",
    )
});

/// A date phrase without capture groups: `ngày 05 tháng 3 năm 2020`,
/// `ngày 11/01/2024`, `ngày 01-10-1997`, `ngày 10.8.2025`. The reference
/// definition of [`date_phrase`].
pub(crate) const DATE_PATTERN: &str = r"(?i:ngày)\s*(?:\d{1,2}\s*(?i:tháng)\s*\d{1,2}\s*,?\s*(?i:năm)\s*\d{4}|\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4})";

/// The date reader's pattern before it was written by hand: a date phrase
/// at the start of a window, optionally after a comma. The reference
/// definition of [`date_at`].
pub(crate) static DATE_AT_RE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\s*,?\s*(?i:ngày)\s*(?:(?P<d1>\d{1,2})\s*(?i:tháng)\s*(?P<m1>\d{1,2})\s*,?\s*(?i:năm)\s*(?P<y1>\d{4})|(?P<d2>\d{1,2})\s*[/.\-]\s*(?P<m2>\d{1,2})\s*[/.\-]\s*(?P<y2>\d{4}))",
    )
});

/// `^(?:ID_RE)`, the reference definition of [`id_at`].
pub(crate) fn id_regex() -> regex::Regex {
    compile(&format!("^(?:{})", id_pattern()))
}

/// The law pattern as a regex, `(?:^|[^\p{L}\d])` then
/// [`law_name_rest`]: the reference definition of [`law_at`] and
/// of the scan `cite::scan::law_matches`.
pub(crate) fn law_regex() -> regex::Regex {
    compile(&format!(r"(?:^|[^\p{{L}}\d]){}", law_name_rest()))
}

// ---- Generators ----

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

/// White space between the words of a head noun's surroundings.
const WS: &[&str] = &[" ", "  ", "\n", "\t", "", " \n "];

/// `số` as written, and near misses.
const SO: &[&str] = &["số", "Số", "số:", "số :", "số\n", "ſố", "so", "số. "];

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
    " SLĐTB&XH",
    "TTrg",
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

/// Pieces of article pinpoints: the three keywords in several cases,
/// labels (letters, numbers, too long, non-ASCII), white space, `của`/`tại`
/// and words that are not part of one.
const PINPOINT_PIECES: &[&str] = &[
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

/// Pieces for the number-start byte test: digits of several scripts,
/// letters, marks and the edges of the char ranges.
const NUMBER_PIECES: &[&str] = &[
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

/// Texts of [`PIECES`]: a few random pieces, then (half of them) a head
/// noun's surroundings: a piece, maybe `của`, a name and `số`, the shape the
/// `…số` patterns look for.
pub(crate) fn head_text() -> impl Strategy<Value = String> {
    let plain = joined(PIECES, 1..=6);
    let shaped = (
        plain.clone(),
        vec![
            piece(PIECES),
            piece(WS),
            piece(&["của", "", "Của"]),
            piece(WS),
            piece(PIECES),
            piece(PIECES),
            piece(PIECES),
            piece(WS),
            piece(SO),
        ],
    )
        .prop_map(|(t, tail)| t + &tail.concat());
    prop_oneof![plain, shaped]
}

/// Texts of [`LAW_PIECES`]; half of them a head, up to 16 words and a
/// tail, to reach the law pattern's limit of 14 name words.
pub(crate) fn law_text() -> impl Strategy<Value = String> {
    let plain = joined(LAW_PIECES, 3..=13);
    let word = (
        piece(&[" ", "  ", "\n"]),
        piece(&["Đất", "đai", "A&B", "x", "Lao", "động"]),
    )
        .prop_map(|(w, x)| format!("{w}{x}"));
    let shaped = (
        plain.clone(),
        piece(&["Luật", "Bộ luật", "Hiến pháp", " Luật"]),
        vec(word, 0..=16),
        piece(&["năm 2013", "2019", "ngày 16/12/2002", "năm2013", "20199"]),
        piece(&["", ".", "/", "a", " ", "1"]),
    )
        .prop_map(|(t, head, words, tail, close)| {
            format!("{t}{head}{} {tail}{close}", words.concat())
        });
    prop_oneof![plain, shaped]
}

/// Texts of 1 to 16 [`ID_PIECES`].
pub(crate) fn id_text() -> impl Strategy<Value = String> {
    joined(ID_PIECES, 1..=16)
}

/// Texts of [`PINPOINT_PIECES`]; half of them the shape of a reference
/// (`điểm a khoản 12 Điều 5 của`) with a random piece in a quarter of its
/// places.
pub(crate) fn pinpoint_text() -> impl Strategy<Value = String> {
    const SHAPE: &[&str] = &[
        "điểm", " ", "a", " ", "khoản", " ", "12", " ", "Điều", " ", "5", " ", "của",
    ];
    let plain = joined(PINPOINT_PIECES, 1..=12);
    let places: Vec<_> = SHAPE
        .iter()
        .map(|&w| {
            (weighted(0.75), piece(PINPOINT_PIECES))
                .prop_map(move |(keep, other)| if keep { w } else { other })
        })
        .collect();
    let shaped = (plain.clone(), places).prop_map(|(t, p)| t + &p.concat());
    prop_oneof![plain, shaped]
}

/// Texts of 0 to 39 [`NUMBER_PIECES`], for the byte test of where a number may start.
pub(crate) fn digit_text() -> impl Strategy<Value = String> {
    joined(NUMBER_PIECES, 0..=39)
}
