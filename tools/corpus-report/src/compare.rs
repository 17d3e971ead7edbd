//! Normalising and comparing values: the one place where case, white space,
//! punctuation and Vietnamese tone-mark placement are folded away.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

pub(crate) use crate::score::norm_id;

/// Combining tone marks (huyền, sắc, ngã, hỏi, nặng). Their placement on the
/// syllable differs between the old and new styles (`hoà` / `hòa`).
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Characters trimmed from both ends of a value before comparing.
const TRIM: &[char] = &[';', ',', '.', ':', '-', '+', '•'];

/// A value as compared: NFC, lowercase, white space collapsed, `;,.:-+•`
/// trimmed from both ends, and tone marks moved to the end of each syllable so
/// that old and new placement (`hoà` / `hòa`) are equal while different tones
/// stay different.
pub(crate) fn fold(s: &str) -> String {
    let lower: String = s.nfd().flat_map(char::to_lowercase).collect();
    let collapsed = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed.trim_matches(|c: char| TRIM.contains(&c) || c.is_whitespace());
    let mut out = String::with_capacity(trimmed.len());
    for (i, word) in trimmed.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut tones = String::new();
        for c in word.chars() {
            if TONES.contains(&c) {
                tones.push(c);
            } else {
                out.push(c);
            }
        }
        out.push_str(&tones);
    }
    out.nfc().collect()
}

/// [`fold`], and then every diacritic removed and `đ` read as `d`: for values
/// such as type names that are compared tone-insensitively.
pub(crate) fn fold_loose(s: &str) -> String {
    fold(s)
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// Whether a normalised string is shaped like a document identifier
/// (`2638/LĐTBXH-KHTC`, `30/2020/NĐ-CP`, `66.17/2026/NQ-CP`, `36-HD/VPTW`).
pub(crate) fn looks_like_id(id: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[0-9][0-9.]*[A-Z]?(?:/[0-9]{4})?[/-]\p{Lu}[\p{Lu}\p{N}&./-]*$")
            .expect("valid regex")
    });
    RE.is_match(id)
}

/// The first document identifier written in a sentence (`Thông tư số
/// 38/2019/TT-BTC ngày …` → `38/2019/TT-BTC`), normalised with [`norm_id`].
pub(crate) fn first_id(text: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b\d+(?:\.\d+)?(?:/\d{4})?/\p{Lu}[\p{L}\d&-]*|\b\d+-\p{Lu}+/\p{Lu}[\p{L}\d&-]*",
        )
        .expect("valid regex")
    });
    let found = RE.find(text)?;
    let id = norm_id(found.as_str().trim_end_matches('-'));
    Some(id)
}

/// A rate in `[0, 1]`, `None` when nothing was compared.
pub(crate) fn rate(agree: usize, compared: usize) -> Option<f64> {
    (compared > 0).then(|| agree as f64 / compared as f64)
}

/// `agree/compared (rate%)`, or `0/0 (n/a)`.
pub(crate) fn fmt_rate(agree: usize, compared: usize) -> String {
    match rate(agree, compared) {
        Some(r) => format!("{agree}/{compared} ({:.1}%)", r * 100.0),
        None => format!("{agree}/{compared} (n/a)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_is_folded() {
        assert_eq!(fold("Hoà Bình"), fold("hòa  bình"));
        assert_eq!(fold("UỶ BAN"), fold("ủy ban"));
        assert_ne!(fold("hòa"), fold("hóa"));
        assert_ne!(fold("hoa"), fold("hòa"));
    }

    #[test]
    fn punctuation_and_space_are_trimmed() {
        assert_eq!(fold("  - Như trên; "), "như trên");
        assert_eq!(fold("• Lưu: VT."), fold("lưu: vt"));
    }

    #[test]
    fn loose_fold_drops_diacritics() {
        assert_eq!(fold_loose("Quyết định"), "quyet dinh");
        assert_eq!(fold_loose("QUYẾT ĐỊNH"), fold_loose("Quyet dinh"));
    }

    #[test]
    fn ids_are_normalised() {
        assert_eq!(norm_id("773 /QĐ-TTg"), "773/QĐ-TTG");
        assert!(looks_like_id("2638/LĐTBXH-KHTC"));
        assert!(looks_like_id("66.17/2026/NQ-CP"));
        assert!(looks_like_id("36-HD/VPTW"));
        assert!(!looks_like_id(""));
        assert!(!looks_like_id("ĐIỀUTHEOLUẬTSỐ84/2025/QH15;"));
    }

    #[test]
    fn first_id_skips_dates() {
        assert_eq!(
            first_id("Chỉ thị số 16/CT-TTg ngày 25/6/2019 của Thủ tướng").as_deref(),
            Some("16/CT-TTG")
        );
        assert_eq!(
            first_id("ngày 25/6/2019, Nghị định số 31/2013/NĐ-CP.").as_deref(),
            Some("31/2013/NĐ-CP")
        );
        assert_eq!(
            first_id("Hướng dẫn số 36-HD/VPTW").as_deref(),
            Some("36-HD/VPTW")
        );
        assert_eq!(first_id("Luật Đất đai năm 2013"), None);
    }

    #[test]
    fn rates_format() {
        assert_eq!(fmt_rate(1, 2), "1/2 (50.0%)");
        assert_eq!(fmt_rate(0, 0), "0/0 (n/a)");
    }
}
