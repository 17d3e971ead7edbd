//! Stage 1: normalisation.
//!
//! Produces the text every later stage reads: NFC (checked first, composed
//! only where needed), `\n` line ends, no zero-width characters, runs of
//! spaces (tabs, NBSP, …) collapsed to one space, and for Markdown input the
//! text of the document with the markup removed (table cells on lines of
//! their own). The [`OffsetMap`] keeps every offset in this text pointing
//! back into the caller's exact input.
//!
//! Text in a legacy 8-bit encoding (TCVN3, VNI; see [`legacy`]) is detected
//! on the whole input and converted to Unicode as it is fed, each converted
//! letter mapped to the input characters it came from.

mod crawl;
pub mod legacy;
mod markdown;
mod offset_map;
mod suspect;
mod writer;

pub use legacy::Legacy;
pub use offset_map::OffsetMap;

use crate::options::InputFormat;
use suspect::Suspects;
use writer::{needs_nfc_pass, Writer};

/// Normalised text and the map back to the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// Offsets in `text` → offsets in the input.
    pub map: OffsetMap,
    /// Whether the input was read as Markdown.
    pub markdown: bool,
    /// The legacy encoding the input was converted from, if any.
    pub legacy: Option<Legacy>,
}

/// Normalises `input`, reading it as Markdown when `format` says so (or,
/// for [`InputFormat::Auto`], when it holds a pipe table).
pub fn normalize(input: &str, format: InputFormat) -> Normalized {
    let markdown = match format {
        InputFormat::Markdown => true,
        InputFormat::Text => false,
        InputFormat::Auto => looks_like_markdown(input),
    };
    let non_plain = suspect::non_plain_starts(input);
    let nfc = needs_nfc_pass(input, &non_plain);
    let legacy = legacy::detect(input);
    // when composing, every char that may compose is suspect too
    let suspects = Suspects::new(input, &non_plain, nfc);
    // a Markdown table says where its columns are; its text pieces may be
    // replaced segments, which a border must not cut
    let mut w = Writer::new(input.len(), nfc, Some(suspects), legacy, !markdown);
    if markdown {
        markdown::feed(input, &mut w);
    } else if crawl::looks_like_crawl(input) {
        crawl::feed(input, &mut w);
    } else {
        w.feed_exact(input, 0);
    }
    Normalized {
        text: w.out,
        map: w.map,
        markdown,
        legacy,
    }
}

/// Whether the text looks like a Markdown conversion: a pipe-table delimiter row.
pub fn looks_like_markdown(input: &str) -> bool {
    // a delimiter row starts with `|`: text without one is not read line by line
    if memchr::memchr(b'|', input.as_bytes()).is_none() {
        return false;
    }
    input.lines().take(400).any(|l| {
        let t = l.trim();
        t.starts_with('|')
            && t.len() >= 5
            && t.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' '))
            && t.contains("---")
    })
}

#[cfg(test)]
mod tests {
    use super::writer::{
        ccc, is_plain_starter, is_space_like, is_zero_width, next_visible, skip_inert,
    };
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{is_nfc_quick, IsNormalized};

    use super::*;

    fn check_roundtrip(input: &str) -> Normalized {
        let n = normalize(input, InputFormat::Text);
        assert_eq!(n.map.normalized_len(), n.text.len());
        let (a, b) = n.map.map_range(0, n.text.len());
        assert!(input.is_char_boundary(a) && input.is_char_boundary(b));
        n
    }

    #[test]
    fn a_dash_inside_a_notation_becomes_its_hyphen() {
        for (input, want) in [
            ("Số: 12/UBND\u{2013}VX", "Số: 12/UBND-VX"),
            ("số 30/2020/NĐ\u{2013}CP ngày", "số 30/2020/NĐ-CP ngày"),
            ("82/VPĐP\u{2011}NV&MT\u{2212}3", "82/VPĐP-NV&MT-3"),
            // a space typed before the dash only
            ("Số: 2865/GDĐT \u{2013}KT&KĐCL", "Số: 2865/GDĐT -KT&KĐCL"),
            // not a notation: left as written
            ("2020\u{2013}2025", "2020\u{2013}2025"),
            ("Hà Nội \u{2013} Hải Phòng", "Hà Nội \u{2013} Hải Phòng"),
            ("12/UBND \u{2013} VX", "12/UBND \u{2013} VX"),
            ("a/b\u{2013}C", "a/b\u{2013}C"),
            ("12/UBND\u{2013}vx", "12/UBND\u{2013}vx"),
            ("UBND\u{2013}VX", "UBND\u{2013}VX"),
        ] {
            let n = check_roundtrip(input);
            assert_eq!(n.text, want, "{input:?}");
            // the hyphen maps back to the dash as typed
            if let Some(k) = want.find("-") {
                assert_eq!(n.map.map_range(k, k + 1), (k, k + 3), "{input:?}");
            }
        }
    }

    #[test]
    fn collapses_spaces_and_line_ends() {
        let n = check_roundtrip("Số:\u{A0}\u{A0}05/UBND\r\nHà  Nội\rx\u{200B}y");
        assert_eq!(n.text, "Số: 05/UBND\nHà Nội\nxy");
        let at = n.text.find("Hà").unwrap();
        let (a, b) = n.map.map_range(at, at + "Hà Nội".len());
        assert_eq!(
            &"Số:\u{A0}\u{A0}05/UBND\r\nHà  Nội\rx\u{200B}y"[a..b],
            "Hà  Nội"
        );
    }

    #[test]
    fn composes_decomposed_vietnamese() {
        let input = "hu\u{31B}o\u{31B}\u{309}ng va\u{300}";
        let n = check_roundtrip(input);
        assert_eq!(n.text, "hưởng và");
        let (a, b) = n.map.map_range(0, "hưởng".len());
        assert_eq!(&input[a..b], "hu\u{31B}o\u{31B}\u{309}ng");
    }

    #[test]
    fn converts_legacy_text_and_maps_back() {
        let tcvn3 = "Uû ban nh©n d©n tØnh\r\nCéng hoµ x· héi chñ nghÜa ViÖt Nam\n\
                     §éc lËp - Tù do - H¹nh phóc\nQuyÕt ®Þnh sè 12\nN¬i nhËn:";
        let n = check_roundtrip(tcvn3);
        assert_eq!(n.legacy, Some(Legacy::Tcvn3));
        assert!(
            n.text.starts_with("Uỷ ban nhân dân tỉnh\nCộng hoà"),
            "{}",
            n.text
        );
        let at = n.text.find("Quyết định số").unwrap();
        let (a, b) = n.map.map_range(at, at + "Quyết định số".len());
        assert_eq!(&tcvn3[a..b], "QuyÕt ®Þnh sè");
        let at = n.text.find("ệ").unwrap();
        let (a, b) = n.map.map_range(at, at + "ệ".len());
        assert_eq!(&tcvn3[a..b], "Ö");

        let vni = "UÛy ban nhaân daân tænh\nCoäng hoaø xaõ hoäi chuû nghóa Vieät Nam\n\
                   Ñoäc laäp - Töï do - Haïnh phuùc\nQuyeát ñònh soá 12\nNôi nhaän:";
        let n = check_roundtrip(vni);
        assert_eq!(n.legacy, Some(Legacy::Vni));
        assert!(n
            .text
            .contains("Độc lập - Tự do - Hạnh phúc\nQuyết định số 12"));
        let at = n.text.find("ự").unwrap();
        let (a, b) = n.map.map_range(at, at + "ự".len());
        assert_eq!(&vni[a..b], "öï");
        let at = n.text.find("Nơi").unwrap();
        let (a, b) = n.map.map_range(at, at + "Nơi nhận".len());
        assert_eq!(&vni[a..b], "Nôi nhaän");
    }

    #[test]
    fn plain_lines_are_copied_and_the_rest_normalised() {
        let plain = |s: &str| {
            Suspects::new(s, &suspect::non_plain_starts(s), false)
                .first_from(0)
                .is_none()
        };
        assert!(plain("Hà Nội, ngày 05 tháng 02 năm 2024\n"));
        assert!(plain("ạ ế ữ \u{1E9E} a b \n"));
        assert!(!plain("a  b"));
        assert!(!plain("a\u{A0}b"));
        assert!(!plain("a\u{200B}b"));
        assert!(!plain("a\u{1680}b"));
        assert!(!plain("a\u{3000}b"));
        assert!(!plain("a\r\n"));
        assert_eq!(
            Suspects::new("ab\ncd \t", &[], false).first_from(0),
            Some(6)
        );
        let input = "Số: 05\nHà  Nội\n x\u{A0}y\nz";
        let n = normalize(input, InputFormat::Text);
        assert_eq!(n.text, "Số: 05\nHà Nội\n x y\nz");
        let at = n.text.find('z').unwrap();
        assert_eq!(n.map.map_range(at, at + 1), (input.len() - 1, input.len()));
    }

    #[test]
    fn needs_nfc_pass_is_the_quick_check_or_a_zero_width_char() {
        let plain_definition = |s: &str| {
            !matches!(is_nfc_quick(s.chars()), IsNormalized::Yes) || s.contains(is_zero_width)
        };
        for s in [
            "",
            "plain ascii",
            "Hà Nội, ngày 05 tháng 02 năm 2024",
            "Cộng hoà xã hội chủ nghĩa Việt Nam ỹ Ỹ \u{1E00} \u{1EFF} \u{2FF}",
            "hu\u{31B}o\u{31B}\u{309}ng",
            "a\u{323}\u{302}",
            "a\u{302}\u{323}",
            "ư\u{301}",
            "\u{301}",
            "x\u{200B}y",
            "x\u{FEFF}",
            "x\u{2060}",
            "\u{30D}\u{200B}\u{316}",
            "\u{1EA1}\u{302}",
            "\u{1100}\u{1161}",
            "\u{AC00}\u{11A8}",
            "\u{0915}\u{093C}",
            "e\u{301}\u{1E00}\u{300}",
            "\u{3099}",
            "Ω \u{2126} \u{212B}",
            "\u{1F600} 😀 \u{10FFFF}",
            "Cộng hoà xã hội chủ nghĩa Việt Nam\u{1E9A}\u{1EFF}\u{1DFF}\u{300}",
            "ạ\u{302}ạạạạạạạạ\u{301}ệệệ e\u{301}e\u{301}",
        ] {
            // at every alignment in the eight-byte words, alone and after text
            for pad in [
                "", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "ạ", "aạ",
            ] {
                for s in [format!("{pad}{s}"), format!("{pad}{s}{pad}{s}")] {
                    let non_plain = suspect::non_plain_starts(&s);
                    assert_eq!(
                        needs_nfc_pass(&s, &non_plain),
                        plain_definition(&s),
                        "{s:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn skipped_chars_are_left_alone_by_the_rules() {
        for s in [
            "Hà Nội, ngày 05 tháng 02 năm 2024\n",
            "a  b \t c\r\nd\re",
            " x y  z ",
            "a\u{A0}b \u{A0}c \u{1680}d \u{3000}e \u{2009}f \u{202F}g",
            "a\u{200B}b \u{200B}c\u{FEFF} \u{2060}",
            "hu\u{31B}o\u{31B}\u{309}ng va\u{300} \u{301}x",
            "y\u{200B}\u{307} \u{30D}\u{200B}\u{316}",
            "ạ\u{302} ế ữ \u{1E9E}\u{323} Ω\u{301} “ngoặc” … – —",
            "\u{1100}\u{1161} \u{0915}\u{093C} 😀\u{301}",
        ] {
            let b = s.as_bytes();
            for nfc in [false, true] {
                for run in (0..=s.len()).filter(|&k| s.is_char_boundary(k)) {
                    for i in (run..=s.len()).filter(|&k| s.is_char_boundary(k)) {
                        let end = skip_inert(b, i, run, nfc);
                        assert!(s.is_char_boundary(end) && end >= i, "{s:?}");
                        for (k, c) in s[i..end].char_indices().map(|(k, c)| (i + k, c)) {
                            let rest = &s[k + c.len_utf8()..];
                            let single_space = c == ' '
                                && k > run
                                && !s[run..k].ends_with(' ')
                                && rest
                                    .chars()
                                    .next()
                                    .is_none_or(|n| !is_space_like(n) && !is_zero_width(n));
                            assert!(!is_space_like(c) || single_space, "{s:?} {k}");
                            assert!(c != '\r' && !is_zero_width(c), "{s:?} {k}");
                            assert!(
                                !nfc || c.is_ascii_whitespace()
                                    || (ccc(c) == 0
                                        && next_visible(rest).is_none_or(|n| ccc(n) == 0)),
                                "{s:?} {k}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// `n` of `parts`, picked by a linear congruential generator.
    fn random_text(seed: &mut u64, parts: &[&str], n: usize) -> String {
        let mut s = String::new();
        for _ in 0..n {
            *seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s.push_str(parts[(*seed >> 33) as usize % parts.len()]);
        }
        s
    }

    #[test]
    fn the_suspect_index_changes_nothing() {
        // the rules char by char over the whole input, without the index
        let writer = |input: &str, columns: bool| {
            let nfc = needs_nfc_pass(input, &suspect::non_plain_starts(input));
            Writer::new(input.len(), nfc, None, None, columns)
        };
        let plain = |input: &str| {
            let mut w = writer(input, true);
            w.feed_exact(input, 0);
            (w.out, w.map)
        };
        let parts = [
            " ",
            "  ",
            "a",
            "ạ",
            "\u{A0}",
            "\t",
            "\r\n",
            "\r",
            "\u{200B}",
            "e\u{301}",
            "\u{301}",
            "“",
            "\n",
            "中",
            "ư",
            "\u{1680}",
            "\u{3000}",
            "\u{1E9A}",
            "x\u{323}\u{302}",
            "1/AB",
            "\u{2013}",
            "C",
        ];
        let mut inputs: Vec<String> = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = inputs
                .iter()
                .flat_map(|s| parts.iter().map(move |p| format!("{s}{p}")))
                .collect();
            inputs.extend(longer);
        }
        let mut seed = 7u64;
        for _ in 0..3000 {
            inputs.push(random_text(&mut seed, &parts, 10));
        }
        for input in &inputs {
            let n = normalize(input, InputFormat::Text);
            assert_eq!((n.text, n.map), plain(input), "{input:?}");
        }
        // Markdown: pieces that start with a space after text ending with one
        let plain_markdown = |input: &str| {
            let mut w = writer(input, false);
            markdown::feed(input, &mut w);
            (w.out, w.map)
        };
        let markup = [
            "*",
            "**",
            "`",
            "| ",
            "\n|---|---|\n",
            "[a](b)",
            "&amp;",
            "&nbsp;",
            "\n- ",
            "\n\n",
        ];
        let both: Vec<&str> = parts.iter().chain(&markup).copied().collect();
        for _ in 0..3000 {
            let s = random_text(&mut seed, &both, 12);
            let n = normalize(&s, InputFormat::Markdown);
            assert_eq!((n.text, n.map), plain_markdown(&s), "{s:?}");
        }
    }

    #[test]
    fn is_idempotent() {
        let once = normalize("a \t b\r\n\u{FEFF}c", InputFormat::Text).text;
        assert_eq!(normalize(&once, InputFormat::Text).text, once);
    }

    #[test]
    fn detects_markdown_tables() {
        assert!(looks_like_markdown("| a | b |\n|---|---|\n| c | d |"));
        assert!(!looks_like_markdown("Số: 05/UBND\n- item"));
    }

    #[test]
    fn plain_starters_are_nfc_starters() {
        for c in ('\u{0}'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}') {
            assert!(is_plain_starter(c));
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert!(
                matches!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes),
                "{c:?}"
            );
        }
    }
}
