//! Small text helpers shared by the block parsers.

use std::sync::LazyLock;

use regex::Regex;

use crate::fold::fold_char;

/// A single letter (`\p{L}`), for the rare characters outside the ranges
/// [`is_letter`] knows.
static LETTER_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A\p{L}\z").expect("valid regex"));

/// A single uppercase letter (`\p{Lu}`), for the rare characters outside
/// the ranges [`is_upper_letter`] knows.
static UPPER_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A\p{Lu}\z").expect("valid regex"));

/// Whether `c` is matched by `\p{L}` (a letter).
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_alphabetic(),
        // Vietnamese without a table look-up: U+0080–U+00BF holds three
        // letters, U+00C0–U+024F (Latin-1 letters, Latin Extended-A and -B)
        // all but `×` and `÷`, U+1E00–U+1EFF (Latin Extended Additional) only
        // letters.
        '\u{80}'..='\u{BF}' => matches!(c, 'ª' | 'µ' | 'º'),
        '\u{C0}'..='\u{24F}' => !matches!(c, '×' | '÷'),
        '\u{1E00}'..='\u{1EFF}' => true,
        // Here the `Alphabetic` property is exactly `L`: its other members
        // (combining marks like U+0345, letter numbers like Ⅻ) lie elsewhere.
        // The tests check every char of these ranges.
        '\u{250}'..='\u{2AF}' => c.is_alphabetic(),
        // combining marks; general punctuation (dashes, quotes, `…`, `•`);
        // arrows, mathematical and other symbols; private use (Word's bullets)
        '\u{300}'..='\u{36F}'
        | '\u{2000}'..='\u{206F}'
        | '\u{2190}'..='\u{2BFF}'
        | '\u{E000}'..='\u{F8FF}' => false,
        _ => LETTER_RE.is_match(c.encode_utf8(&mut [0u8; 4])),
    }
}

/// Whether `c` is matched by `\p{Lu}` (an uppercase letter).
pub(crate) fn is_upper_letter(c: char) -> bool {
    match c {
        // Here the `Uppercase` property is exactly `Lu` (its other members,
        // like Ⅰ or Ⓐ, lie elsewhere); checked char by char in the tests.
        '\0'..='\u{20FF}' => c.is_uppercase(),
        // arrows, mathematical and other symbols (Ⓐ is `Uppercase`, not
        // `Lu`); private use (Word's bullets)
        '\u{2190}'..='\u{2BFF}' | '\u{E000}'..='\u{F8FF}' => false,
        _ => UPPER_RE.is_match(c.encode_utf8(&mut [0u8; 4])),
    }
}

/// A single lowercase letter (`\p{Ll}`), for the rare characters outside
/// the ranges [`is_lower_letter`] knows.
static LOWER_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A\p{Ll}\z").expect("valid regex"));

/// Whether `c` is matched by `\p{Ll}` (a lowercase letter).
pub(crate) fn is_lower_letter(c: char) -> bool {
    // In the Latin ranges the `Lowercase` property is `Ll` but for the
    // ordinal indicators ª and º (`Lo`).
    match c {
        'ª' | 'º' => false,
        '\0'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => c.is_lowercase(),
        _ => LOWER_RE.is_match(c.encode_utf8(&mut [0u8; 4])),
    }
}

/// A single Unicode decimal digit (`\d`), for the rare non-ASCII
/// characters.
static DIGIT_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\d\z").expect("valid regex"));

/// Whether `c` is matched by `\d` (Unicode `Nd`).
pub(crate) fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    // No decimal digit below U+0660 (Arabic-Indic) nor among the Latin
    // letters of U+1E00–U+1EFF.
    if (c as u32) < 0x660 || ('\u{1E00}'..='\u{1EFF}').contains(&c) {
        return false;
    }
    DIGIT_RE.is_match(c.encode_utf8(&mut [0u8; 4]))
}

/// Chars below this have their case looked up in [`CASE`].
const CASE_END: u32 = 0x2000;

/// Letter case of a char, as far as [`is_upper_line`] cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Upper,
    Lower,
    Other,
}

fn case_slow(c: char) -> Case {
    if c.is_uppercase() {
        Case::Upper
    } else if c.is_lowercase() {
        Case::Lower
    } else {
        Case::Other
    }
}

/// [`case_slow`] of every char below [`CASE_END`] (Latin, combining marks
/// and every Vietnamese letter), computed once: the Unicode property
/// lookups were most of the cost of [`is_upper_line`].
static CASE: LazyLock<Box<[Case]>> = LazyLock::new(|| {
    (0..CASE_END)
        .map(|u| char::from_u32(u).map_or(Case::Other, case_slow))
        .collect()
});

fn case_of(c: char) -> Case {
    if c.is_ascii() {
        if c.is_ascii_uppercase() {
            return Case::Upper;
        }
        if c.is_ascii_lowercase() {
            return Case::Lower;
        }
        return Case::Other;
    }
    CASE.get(c as usize)
        .copied()
        .unwrap_or_else(|| case_slow(c))
}

/// Whether a line is written in capitals (issuer names, titles, signature
/// titles): at least two letters, and nearly all letters uppercase.
///
/// Stops early once even an all-capitals rest could not outweigh the
/// lowercase letters seen: a sentence is rejected after a few words instead
/// of being read to its end.
pub(crate) fn is_upper_line(t: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for (i, c) in t.char_indices() {
        match case_of(c) {
            Case::Upper => upper += 1,
            Case::Lower => {
                lower += 1;
                // at most `t.len() - i` chars are left to count as capitals
                if lower * 10 > upper + (t.len() - i) {
                    return false;
                }
            }
            Case::Other => {}
        }
    }
    upper >= 2 && lower * 10 <= upper
}

/// [`is_upper_line`] as first written: the definition the fast one is
/// tested against.
#[cfg(test)]
fn is_upper_line_plain(t: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in t.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    upper >= 2 && lower * 10 <= upper
}

/// Whether the folded key of `t` starts with `prefix` (folded, ASCII):
/// `fold(t).starts_with(prefix)` without building the key. Folding maps
/// each char to one byte, so comparing char by char is the same test, and
/// most lines are rejected at their first char.
pub(crate) fn folded_starts_with(t: &str, prefix: &str) -> bool {
    let mut cs = t.chars();
    prefix
        .bytes()
        .all(|b| cs.next().is_some_and(|c| fold_char(c) == b))
}

/// The folded key of the first `N` chars of a line, kept on the stack:
/// `fold_prefix(t, N)` without an allocation, for lines tested against a
/// list of prefixes.
pub(crate) struct KeyPrefix<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> KeyPrefix<N> {
    /// Folds the first `N` chars of `t`.
    pub(crate) fn new(t: &str) -> Self {
        let mut bytes = [0u8; N];
        let mut len = 0;
        for (slot, c) in bytes.iter_mut().zip(t.chars()) {
            *slot = fold_char(c);
            len += 1;
        }
        KeyPrefix { bytes, len }
    }

    /// The folded bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }

    /// Whether the key starts with `p`.
    pub(crate) fn starts_with(&self, p: &str) -> bool {
        self.as_bytes().starts_with(p.as_bytes())
    }

    /// Whether the key starts with one of `ps`.
    pub(crate) fn starts_with_any(&self, ps: &[&str]) -> bool {
        ps.iter().any(|p| self.starts_with(p))
    }

    /// Whether `needle` occurs in the key.
    pub(crate) fn contains(&self, needle: &str) -> bool {
        let n = needle.as_bytes();
        !n.is_empty() && self.as_bytes().windows(n.len()).any(|w| w == n)
    }
}

/// The byte offset of `inner`, a slice of `outer`, in `outer` (clamped to
/// `outer`'s length).
pub(crate) fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize)
        .wrapping_sub(outer.as_ptr() as usize)
        .min(outer.len())
}

/// Joins two lines of one sentence with a single space: the reference
/// [`push_line`] is tested against.
#[cfg(test)]
fn join_lines(a: &str, b: &str) -> String {
    let (a, b) = (a.trim_end(), b.trim_start());
    if a.is_empty() {
        return b.to_owned();
    }
    if b.is_empty() {
        return a.to_owned();
    }
    let mut s = String::with_capacity(a.len() + b.len() + 1);
    s.push_str(a);
    s.push(' ');
    s.push_str(b);
    s
}

/// Appends line `b` to `a` with a single space between, in place: a paragraph
/// that grows line by line costs linear time, not quadratic.
pub(crate) fn push_line(a: &mut String, b: &str) {
    let b = b.trim_start();
    a.truncate(a.trim_end().len());
    if b.is_empty() {
        return;
    }
    if !a.is_empty() {
        a.push(' ');
    }
    a.push_str(b);
}

/// The text after a list marker (`-`, `+`, `•`, `*`, `–`, or several, as in
/// `- +`), or the text itself when there is none.
pub(crate) fn strip_marker(t: &str) -> &str {
    let rest = t.trim_start_matches(|c: char| {
        matches!(
            c,
            '-' | '+' | '•' | '*' | '–' | '—' | '·' | '−' | '~' | '\u{F0A7}' | '\u{F0B7}'
        ) || c == ' '
    });
    if rest.len() == t.len() {
        return t;
    }
    rest
}

/// The markers at the start of an item (`-`, `+`, `- +`), without spaces.
pub(crate) fn markers(t: &str) -> String {
    let rest = strip_marker(t);
    let marked = t[..t.len() - rest.len()]
        .chars()
        .filter(|c| !c.is_whitespace());
    // the exact size: collecting reserves eight bytes for a one-byte `-`,
    // which a model of list items keeps per item
    let mut m = String::with_capacity(marked.clone().map(char::len_utf8).sum());
    m.extend(marked);
    m
}

static BODY_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:can\s*cu\b|xet\s+(?:de\s+nghi|to\s+trinh)|theo\s+de\s+nghi|dieu\s+\d|chuong\s+[ivxlc0-9]+\b|phan\s+(?:thu\s|[ivxlc0-9]+\b)|muc\s+[0-9ivx]+\b|(?:[ivx]+|[0-9]{1,2})\s*[.)/-]\s|quyet\s+dinh\s*:|quyet\s+nghi\s*:)",
    )
    .expect("valid regex")
});

/// Whether a folded line can only be body text (Căn cứ, Điều, a numbered heading).
pub(crate) fn starts_body(key: &str) -> bool {
    BODY_START.is_match(key.trim_start())
}

/// The lowercase of a short word, kept on the stack: for comparing a word
/// with short lowercase words (từ dừng, stop words) without allocating.
///
/// The same as `str::to_lowercase` but for a capital sigma, which becomes
/// `σ` even at the end of a word (`ς` there): no difference for a comparison
/// with words without sigma. A word whose lowercase does not fit equals no
/// word.
pub(crate) struct ShortLower {
    buf: [u8; 32],
    /// The length of the lowercase word; `None` when it did not fit.
    len: Option<usize>,
}

impl ShortLower {
    /// Lowercases `word` into the buffer.
    pub(crate) fn new(word: &str) -> Self {
        let mut out = ShortLower {
            buf: [0; 32],
            len: None,
        };
        let mut len = 0;
        for c in word.chars() {
            let Some(low) = lower_one(c) else {
                for l in c.to_lowercase() {
                    let Some(slot) = out.buf.get_mut(len..len + l.len_utf8()) else {
                        return out;
                    };
                    len += l.encode_utf8(slot).len();
                }
                continue;
            };
            let Some(slot) = out.buf.get_mut(len..len + low.len_utf8()) else {
                return out;
            };
            len += low.encode_utf8(slot).len();
        }
        out.len = Some(len);
        out
    }

    /// Whether the lowercase word is `w`.
    pub(crate) fn is(&self, w: &str) -> bool {
        self.len.is_some_and(|n| &self.buf[..n] == w.as_bytes())
    }
}

/// The lowercase of `c` when it is one char and `c` is ASCII or a
/// Vietnamese letter (without a table look-up); `None` for other chars.
fn lower_one(c: char) -> Option<char> {
    let u = c as u32;
    let low = match c {
        '\0'..='\u{7F}' => c.to_ascii_lowercase() as u32,
        // Latin-1 capitals but `×`; `ß` to `ÿ` are lowercase already.
        '\u{C0}'..='\u{DE}' if c != '×' => u + 0x20,
        '\u{DF}'..='\u{FF}' => u,
        // Pairs, capital first: `Ă ă`, `Đ đ`, …, and `Ạ ạ` to `Ỹ ỹ`.
        '\u{100}'..='\u{12F}' | '\u{1EA0}'..='\u{1EFF}' => u | 1,
        'Ơ' | 'Ư' => u + 1,
        'ơ' | 'ư' => u,
        _ => return None,
    };
    char::from_u32(low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_classes_match_the_regex_classes() {
        let letter = Regex::new(r"\A\p{L}\z").unwrap();
        let upper = Regex::new(r"\A\p{Lu}\z").unwrap();
        let space = Regex::new(r"\A\s\z").unwrap();
        let fast = ('\0'..='\u{2BFF}')
            .chain('\u{1E00}'..='\u{1EFF}')
            .chain('\u{E000}'..='\u{F8FF}');
        for c in fast.chain(['Ⅻ', 'Ⓐ', 'ǅ', 'ʰ', '\u{345}', '漢', '\u{2028}', '\u{3000}']) {
            let s = c.to_string();
            assert_eq!(
                is_letter(c),
                letter.is_match(&s),
                "{c:?} U+{:04X}",
                c as u32
            );
            assert_eq!(
                is_upper_letter(c),
                upper.is_match(&s),
                "{c:?} U+{:04X}",
                c as u32
            );
            assert_eq!(c.is_whitespace(), space.is_match(&s), "{c:?}");
        }
    }

    #[test]
    fn upper_lines() {
        assert!(is_upper_line("ỦY BAN NHÂN DÂN TỈNH BẮC GIANG"));
        assert!(is_upper_line("CỤC THUE TINH BAC NINH"));
        assert!(!is_upper_line("Chương trình MTQG"));
        assert!(!is_upper_line("1."));
    }

    #[test]
    fn fast_upper_line_agrees_with_the_plain_one() {
        let samples = [
            "",
            "A",
            "AB",
            "aB",
            "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG",
            "CỤC THUẾ TỈNH BẮC NINH vv",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM a",
            "ABCDEFGHIJ a",
            "ABCDEFGHI a",
            "a ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "ab ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "Chương trình MTQG",
            "ǅ Ⅰ Ⅱ ⓐ Ⓐ ß ẞ ﬀ Σσς",
            "1. BỘ TRƯỞNG, CHỦ NHIỆM ~ TTgCP",
            "đĐ ơƠ ưƯ",
            "\u{10400}\u{10428} 𝐀𝐁",
        ];
        for t in samples {
            assert_eq!(is_upper_line(t), is_upper_line_plain(t), "{t:?}");
            for cut in 0..=t.chars().count() {
                let s: String = t.chars().take(cut).collect();
                let r: String = t.chars().skip(cut).collect();
                assert_eq!(is_upper_line(&s), is_upper_line_plain(&s), "{s:?}");
                assert_eq!(is_upper_line(&r), is_upper_line_plain(&r), "{r:?}");
            }
        }
        for u in 0..0x2100u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(case_of(c), case_slow(c), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn folded_prefixes_agree_with_folding() {
        use crate::fold::{fold, fold_prefix};
        for t in ["Nơi nhận:", "NOI NHẬN", "Nơi", "", "Lưu: VT", "ĐIỀU 1"] {
            for p in ["noi nhan", "noi", "", "luu", "dieu 1", "n"] {
                assert_eq!(folded_starts_with(t, p), fold(t).starts_with(p));
                let k = KeyPrefix::<4>::new(t);
                assert_eq!(k.as_bytes(), fold_prefix(t, 4).as_bytes());
                assert_eq!(k.starts_with(p), fold_prefix(t, 4).starts_with(p));
                assert_eq!(
                    k.contains(p),
                    !p.is_empty() && fold_prefix(t, 4).contains(p)
                );
            }
        }
    }

    #[test]
    fn push_line_joins_like_join_lines() {
        for (a, b) in [
            ("a ", " b"),
            ("", "b"),
            ("a", ""),
            ("a  ", "  "),
            (" ", "b "),
        ] {
            let mut s = a.to_owned();
            push_line(&mut s, b);
            assert_eq!(s, join_lines(a, b), "{a:?} + {b:?}");
        }
    }

    #[test]
    fn markers_are_stripped() {
        assert_eq!(strip_marker("- + LĐVP, TH;"), "LĐVP, TH;");
        assert_eq!(markers("- + LĐVP"), "-+");
        assert_eq!(strip_marker("Như trên"), "Như trên");
    }

    #[test]
    fn body_starts() {
        assert!(starts_body("can cu luat"));
        assert!(starts_body("1. ubnd cac huyen"));
        assert!(starts_body("dieu 1. pham vi"));
        assert!(!starts_body("ha noi, ngay 05"));
    }

    #[test]
    fn short_lowercase_agrees_with_to_lowercase() {
        for w in [
            "",
            "Và",
            "VÀ",
            "và",
            "Quy",
            "ĐỊNH",
            "Định,",
            "Ư",
            "İstanbul",
            "KELVIN\u{212A}",
            "Ẫ",
            "ǅ",
            "ΑΒΓ",
        ] {
            assert!(ShortLower::new(w).is(&w.to_lowercase()), "{w}");
        }
        // Too long for the buffer: equal to nothing.
        let long = "Ấ".repeat(11);
        assert!(!ShortLower::new(&long).is(&long.to_lowercase()));
        assert!(ShortLower::new(&"A".repeat(32)).is(&"a".repeat(32)));
        // The quick path, char by char.
        for c in ('\0'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}') {
            if let Some(l) = lower_one(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), l.to_string(), "{c}");
            }
        }
    }
}
