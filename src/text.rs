//! Small text helpers shared by the block parsers.

use std::sync::LazyLock;

use regex::Regex;

/// Whether a line is written in capitals (issuer names, titles, signature
/// titles): at least two letters, and nearly all letters uppercase.
pub(crate) fn is_upper_line(t: &str) -> bool {
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
    t[..t.len() - rest.len()]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_lines() {
        assert!(is_upper_line("ỦY BAN NHÂN DÂN TỈNH BẮC GIANG"));
        assert!(is_upper_line("CỤC THUE TINH BAC NINH"));
        assert!(!is_upper_line("Chương trình MTQG"));
        assert!(!is_upper_line("1."));
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
}
