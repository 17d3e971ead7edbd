//! OCR slips inside document notations (số, ký hiệu): what tesseract does
//! to a `NUMBER/SYMBOL` that a text layer never does.
//!
//! - a letter of the type code read twice or three times (`01/TTTr-CT05`,
//!   `464/QĐĐ-BCT`): the code is collapsed when it is no known code and
//!   dropping one letter of a run makes it one (`TTr`, `QĐ`);
//! - a `1` read as `I` or `l` between a capital or a digit and a digit
//!   (`163/2024/QHI5` for the Quốc hội term `QH15`);
//! - a `1` read as `]` or `|` after a word in brackets (`PC04 (Đội ])`);
//! - the middle word of `Thủ tướng Chính phủ` misread (`Thủ tué Chính
//!   phủ`);
//! - a Party notation whose hyphen and slash were lost (`số 132 KL TW` for
//!   `số 132-KL/TW`): put back when the middle word is a known type code.

use std::sync::LazyLock;

use regex::Regex;

use crate::codes;

/// `(Đội ])`: a `1` read as a bracket or a bar after a word, inside
/// brackets.
static BRACKETED_ONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\((\p{Lu}\p{Ll}+) [\]|]\)").expect("valid regex"));

/// `Thủ tué Chính phủ`: the genre's fixed title with its middle word
/// misread while the words around it were read right.
static PRIME_MINISTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bThủ +(\p{L}{1,6}) +Chính phủ\b").expect("valid regex"));

/// `NUMBER/` (and `YEAR/`) then the type code up to its hyphen.
static NOTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d+[a-zđ]?/(?:\d{4}/)?)(\p{Lu}\p{L}{1,5})(-.*)$").expect("valid regex")
});

/// `số 132 KL TW`: a Party notation (hyphen, then `/TW`) read without its
/// strokes.
static PARTY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([Ss]ố) (\d{1,5}) (\p{Lu}{2,3}) (TW)\b").expect("valid regex"));

/// `code` with one letter of a repeated run dropped, when that gives a
/// known type code and `code` itself is none: the only such code.
fn collapsed(code: &str) -> Option<String> {
    if codes::by_code(code).is_some() {
        return None;
    }
    let chars: Vec<char> = code.chars().collect();
    let mut found: Option<String> = None;
    for i in 1..chars.len() {
        // the last letter of each run of one letter
        if chars[i] != chars[i - 1] || chars.get(i + 1) == Some(&chars[i]) {
            continue;
        }
        let candidate: String = chars
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != i)
            .map(|(_, c)| c)
            .collect();
        if candidate.chars().count() >= 2 && codes::by_code(&candidate).is_some() {
            if found.is_some() {
                return None;
            }
            found = Some(candidate);
        }
    }
    found
}

/// `I` or `l` read for the digit `1` where it stands between a capital or
/// a digit and a digit, in a notation ([`fix_notation`] checks its slash).
fn digit_ones(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = chars.clone();
    for i in 1..chars.len().saturating_sub(1) {
        let before = chars[i - 1];
        if matches!(chars[i], 'I' | 'l')
            && (before.is_uppercase() || before.is_ascii_digit())
            && chars[i + 1].is_ascii_digit()
        {
            out[i] = '1';
        }
    }
    (out != chars).then(|| out.into_iter().collect())
}

/// One OCR word with the slips of a notation fixed, if it is one and has
/// any.
pub(super) fn fix_notation(word: &str) -> Option<String> {
    if !word.contains('/') {
        return None;
    }
    let mut fixed = None;
    if let Some(c) = NOTATION.captures(word) {
        if let Some(code) = collapsed(&c[2]) {
            fixed = Some(format!("{}{code}{}", &c[1], &c[3]));
        }
    }
    let current = fixed.as_deref().unwrap_or(word);
    digit_ones(current).or(fixed)
}

/// The laid-out text with a bracketed `1`, the Prime Minister's title and
/// the Party notations that lost their strokes put back.
pub(super) fn fix_layout(text: &str) -> String {
    let text = if text.contains(" ])") || text.contains(" |)") {
        BRACKETED_ONE.replace_all(text, "($1 1)")
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let text = if text.contains("Thủ ") {
        let fixed = PRIME_MINISTER.replace_all(&text, |c: &regex::Captures<'_>| {
            if c[1].to_lowercase() == "tướng" {
                c[0].to_owned()
            } else {
                "Thủ tướng Chính phủ".to_owned()
            }
        });
        std::borrow::Cow::Owned(fixed.into_owned())
    } else {
        text
    };
    if !text.contains("TW") {
        return text.into_owned();
    }
    PARTY
        .replace_all(&text, |c: &regex::Captures<'_>| {
            let code = &c[3];
            if codes::by_code(code).is_some() {
                format!("{} {}-{code}/{}", &c[1], &c[2], &c[4])
            } else {
                c[0].to_owned()
            }
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::{fix_layout, fix_notation};

    #[test]
    fn a_letter_read_twice_in_a_type_code_is_dropped() {
        assert_eq!(fix_notation("01/TTTr-CT05").as_deref(), Some("01/TTr-CT05"));
        assert_eq!(fix_notation("464/QĐĐ-BCT").as_deref(), Some("464/QĐ-BCT"));
        // known codes and issuers stay
        assert_eq!(fix_notation("25/KH-STTTT"), None);
        assert_eq!(fix_notation("5/UBND-VX"), None);
        assert_eq!(fix_notation("12/STTTT-CNTT"), None);
        assert_eq!(fix_notation("1/TTg-KGVX"), None);
    }

    #[test]
    fn a_one_read_as_i_in_a_notation_is_a_digit() {
        assert_eq!(
            fix_notation("163/2024/QHI5").as_deref(),
            Some("163/2024/QH15")
        );
        assert_eq!(fix_notation("01/2011/TT-BNV"), None);
        assert_eq!(fix_notation("QHI5"), None);
    }

    #[test]
    fn a_party_notation_gets_its_strokes_back() {
        assert_eq!(
            fix_layout("Kết luận số 132 KL TW ngày 18/3"),
            "Kết luận số 132-KL/TW ngày 18/3"
        );
        assert_eq!(fix_layout("số 12 XY TW"), "số 12 XY TW");
        assert_eq!(fix_layout("PC04 (Đội ])."), "PC04 (Đội 1).");
        assert_eq!(
            fix_layout("Quyết định của Thủ tué  Chính phủ về"),
            "Quyết định của Thủ tướng Chính phủ về"
        );
        assert_eq!(fix_layout("thủ tục Chính phủ"), "thủ tục Chính phủ");
        assert_eq!(fix_layout("Thủ Tướng Chính phủ"), "Thủ Tướng Chính phủ");
    }
}
