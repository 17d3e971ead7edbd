//! Checks of the shortcuts the prefiltered scanners rely on: the byte-level
//! digit test must agree with the regex `\d`, and the head-noun endings must
//! fit the suffix check. (The optimised scanners were verified against the
//! previous regex-over-everything extractor on the corpus, the fixtures and
//! generated text before that extractor was retired; the table cases in
//! `tests.rs` and the corpus ratchet keep the behaviour in place.)

#[test]
fn digit_shortcut_agrees_with_the_regex() {
    let re = regex::Regex::new(r"\A\d\z").expect("compiles");
    let ranges = [
        ('\u{0}', '\u{700}'),
        ('\u{1DF0}', '\u{1F10}'),
        ('\u{FF00}', '\u{FF20}'),
    ];
    for (lo, hi) in ranges {
        for c in lo..=hi {
            let mut buf = [0u8; 4];
            assert_eq!(
                super::scan::is_digit(c),
                re.is_match(c.encode_utf8(&mut buf)),
                "{c:?}"
            );
        }
    }
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
