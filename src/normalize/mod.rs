//! Stage 1: normalisation.
//!
//! Produces the text every later stage reads: NFC (checked first, composed
//! only where needed), `\n` line ends, no zero-width characters, runs of
//! spaces (tabs, NBSP, …) collapsed to one space, and for Markdown input the
//! text of the document with the markup removed (table cells on lines of
//! their own). The [`OffsetMap`] keeps every offset in this text pointing
//! back into the caller's exact input.

mod markdown;
mod offset_map;

pub use offset_map::OffsetMap;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::options::InputFormat;

/// Normalised text and the map back to the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// Offsets in `text` → offsets in the input.
    pub map: OffsetMap,
    /// Whether the input was read as Markdown.
    pub markdown: bool,
}

/// Normalises `input`, reading it as Markdown when `format` says so (or,
/// for [`InputFormat::Auto`], when it holds a pipe table).
pub fn normalize(input: &str, format: InputFormat) -> Normalized {
    let markdown = match format {
        InputFormat::Markdown => true,
        InputFormat::Text => false,
        InputFormat::Auto => looks_like_markdown(input),
    };
    let nfc = needs_nfc(input);
    let mut w = Writer {
        out: String::with_capacity(input.len()),
        map: OffsetMap::new(input.len()),
        nfc,
    };
    if markdown {
        markdown::feed(input, &mut w);
    } else {
        w.feed_exact(input, 0);
    }
    Normalized {
        text: w.out,
        map: w.map,
        markdown,
    }
}

/// Whether the text looks like a Markdown conversion: a pipe-table delimiter row.
pub fn looks_like_markdown(input: &str) -> bool {
    input.lines().take(400).any(|l| {
        let t = l.trim();
        t.starts_with('|')
            && t.len() >= 5
            && t.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' '))
            && t.contains("---")
    })
}

/// Accumulates normalised text and its offset map.
pub(crate) struct Writer {
    pub(crate) out: String,
    pub(crate) map: OffsetMap,
    nfc: bool,
}

fn is_space_like(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{0B}' | '\u{0C}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The canonical combining class of `c`, without a table look-up for the
/// characters that cannot combine (below U+0300, and the precomposed Latin
/// letters of U+1E00–U+1EFF, Vietnamese included).
fn ccc(c: char) -> u8 {
    if is_plain_starter(c) {
        0
    } else {
        canonical_combining_class(c)
    }
}

/// Characters that are NFC (quick check `Yes`) with combining class 0 on
/// their own: everything below U+0300 and Latin Extended Additional
/// (U+1E00–U+1EFF: `ạ`, `ế`, `ữ`, …). A test checks both properties.
fn is_plain_starter(c: char) -> bool {
    let u = c as u32;
    u < 0x300 || (0x1E00..=0x1EFF).contains(&u)
}

/// `!is_nfc_quick(input).is_yes()`, computed the same way but without a
/// table look-up for the characters of [`is_plain_starter`].
fn needs_nfc(input: &str) -> bool {
    let mut last_cc = 0u8;
    let mut maybe = false;
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            last_cc = 0;
            i += 1;
            continue;
        }
        let Some(ch) = input[i..].chars().next() else {
            break;
        };
        i += ch.len_utf8();
        if is_plain_starter(ch) {
            last_cc = 0;
            continue;
        }
        let cc = canonical_combining_class(ch);
        if last_cc > cc && cc != 0 {
            return true;
        }
        match is_nfc_quick(std::iter::once(ch)) {
            IsNormalized::Yes => {}
            IsNormalized::No => return true,
            IsNormalized::Maybe => maybe = true,
        }
        last_cc = cc;
    }
    maybe
}

/// Whether the char starting at `bytes[i]` (a lead byte) may be space-like
/// or zero-width: those all start with `C2` (U+00A0), `E1 9A` (U+1680),
/// `E2` (U+2000–U+206F), `E3` (U+3000) or `EF` (U+FEFF).
fn may_be_special(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0xC2 | 0xE2 | 0xE3 | 0xEF => true,
        0xE1 => bytes.get(i + 1) == Some(&0x9A),
        _ => false,
    }
}

/// The length of the UTF-8 sequence that `lead` starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

impl Writer {
    /// Appends `piece`, a verbatim slice of the input starting at `orig`, normalising it.
    ///
    /// Runs of plain ASCII (everything but the space-like controls, `\r`,
    /// and a space or letter that a space-like character or a combining
    /// mark follows) are skipped a byte at a time; other characters go
    /// through the general rules.
    pub(crate) fn feed_exact(&mut self, piece: &str, orig: usize) {
        let bytes = piece.as_bytes();
        let next_char = |at: usize| piece.get(at..).and_then(|r| r.chars().next());
        let mut run = 0; // start of the pending verbatim run, in `piece`
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                let next = bytes.get(i + 1).copied();
                let plain = match b {
                    b'\t' | 0x0B | 0x0C | b'\r' => false,
                    // A space stays unless a space-like character follows.
                    b' ' => match next {
                        None => true,
                        Some(n) if n < 0x80 => !matches!(n, b' ' | b'\t' | 0x0B | 0x0C),
                        Some(_) => !may_be_special(bytes, i + 1),
                    },
                    // Others stay unless (NFC) a combining mark follows.
                    _ => !self.nfc || b == b'\n' || next.is_none_or(|n| n < 0x80),
                };
                if plain {
                    i += 1;
                    continue;
                }
            } else if !self.nfc && !may_be_special(bytes, i) {
                // Without composition, only space-like and zero-width
                // characters change.
                i += utf8_len(b);
                continue;
            }
            let Some(c) = next_char(i) else {
                break;
            };
            let after = i + c.len_utf8();
            if c == ' ' && !next_char(after).is_some_and(is_space_like) {
                i = after;
                continue;
            }
            if is_space_like(c) {
                let mut end = after;
                while let Some(n) = next_char(end).filter(|&n| is_space_like(n)) {
                    end += n.len_utf8();
                }
                self.flush(piece, orig, run, i);
                self.out.push(' ');
                self.map.push_replaced(orig + i, end - i, 1);
                run = end;
                i = end;
            } else if c == '\r' {
                self.flush(piece, orig, run, i);
                if bytes.get(after) == Some(&b'\n') {
                    run = after; // drop the '\r', keep the '\n' verbatim
                } else {
                    self.out.push('\n');
                    self.map.push_replaced(orig + i, 1, 1);
                    run = after;
                }
                i = after;
            } else if is_zero_width(c) {
                self.flush(piece, orig, run, i);
                run = after;
                i = after;
            } else if self.nfc
                && !c.is_ascii_whitespace()
                && (ccc(c) != 0 || next_char(after).is_some_and(|n| ccc(n) != 0))
            {
                let mut end = after;
                while let Some(n) = next_char(end).filter(|&n| ccc(n) != 0) {
                    end += n.len_utf8();
                }
                let cluster = &piece[i..end];
                let composed: String = cluster.nfc().collect();
                if composed != cluster {
                    self.flush(piece, orig, run, i);
                    self.out.push_str(&composed);
                    self.map.push_replaced(orig + i, end - i, composed.len());
                    run = end;
                }
                i = end;
            } else {
                i = after;
            }
        }
        self.flush(piece, orig, run, piece.len());
    }

    /// The pre-optimisation [`Writer::feed_exact`], the oracle of the tests.
    #[cfg(test)]
    fn feed_exact_reference(&mut self, piece: &str, orig: usize) {
        let mut run = 0; // start of the pending verbatim run, in `piece`
        let mut iter = piece.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if c == ' ' && !iter.peek().is_some_and(|&(_, n)| is_space_like(n)) {
                continue;
            }
            if is_space_like(c) {
                let mut end = i + c.len_utf8();
                while let Some(&(j, n)) = iter.peek() {
                    if !is_space_like(n) {
                        break;
                    }
                    end = j + n.len_utf8();
                    iter.next();
                }
                self.flush(piece, orig, run, i);
                self.out.push(' ');
                self.map.push_replaced(orig + i, end - i, 1);
                run = end;
            } else if c == '\r' {
                self.flush(piece, orig, run, i);
                if iter.peek().is_some_and(|&(_, n)| n == '\n') {
                    run = i + 1; // drop the '\r', keep the '\n' verbatim
                } else {
                    self.out.push('\n');
                    self.map.push_replaced(orig + i, 1, 1);
                    run = i + 1;
                }
            } else if is_zero_width(c) {
                self.flush(piece, orig, run, i);
                run = i + c.len_utf8();
            } else if self.nfc
                && !c.is_ascii_whitespace()
                && (canonical_combining_class(c) != 0
                    || iter
                        .peek()
                        .is_some_and(|&(_, n)| canonical_combining_class(n) != 0))
            {
                let mut end = i + c.len_utf8();
                while let Some(&(j, n)) = iter.peek() {
                    if canonical_combining_class(n) == 0 {
                        break;
                    }
                    end = j + n.len_utf8();
                    iter.next();
                }
                let cluster = &piece[i..end];
                let composed: String = cluster.nfc().collect();
                if composed != cluster {
                    self.flush(piece, orig, run, i);
                    self.out.push_str(&composed);
                    self.map.push_replaced(orig + i, end - i, composed.len());
                    run = end;
                }
            }
        }
        self.flush(piece, orig, run, piece.len());
    }

    /// Appends text that stands for input `orig..orig + orig_len` without being a copy of it.
    pub(crate) fn feed_replaced(&mut self, text: &str, orig: usize, orig_len: usize) {
        let mut sub = Writer {
            out: String::new(),
            map: OffsetMap::new(0),
            nfc: self.nfc,
        };
        sub.feed_exact(text, 0);
        if sub.out.is_empty() {
            return;
        }
        self.out.push_str(&sub.out);
        self.map.push_replaced(orig, orig_len, sub.out.len());
    }

    /// Appends a line break that stands for `orig..orig + orig_len`, unless
    /// the text already ends with `max` of them.
    pub(crate) fn newline(&mut self, orig: usize, orig_len: usize, max: usize) {
        let trailing = self.out.bytes().rev().take_while(|&b| b == b'\n').count();
        if self.out.is_empty() || trailing >= max {
            return;
        }
        self.out.push('\n');
        self.map.push_replaced(orig, orig_len, 1);
    }

    fn flush(&mut self, piece: &str, orig: usize, from: usize, to: usize) {
        if to > from {
            self.out.push_str(&piece[from..to]);
            self.map.push_exact(orig + from, to - from);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_roundtrip(input: &str) -> Normalized {
        let n = normalize(input, InputFormat::Text);
        assert_eq!(n.map.normalized_len(), n.text.len());
        let (a, b) = n.map.map_range(0, n.text.len());
        assert!(input.is_char_boundary(a) && input.is_char_boundary(b));
        n
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

    /// Both writers on `input`, with NFC composition on and off.
    fn same_as_reference(label: &str, input: &str) {
        assert_eq!(
            needs_nfc(input),
            !matches!(is_nfc_quick(input.chars()), IsNormalized::Yes),
            "{label}: NFC quick check"
        );
        for nfc in [false, true] {
            let mut new = Writer {
                out: String::new(),
                map: OffsetMap::new(input.len()),
                nfc,
            };
            new.feed_exact(input, 3);
            let mut old = Writer {
                out: String::new(),
                map: OffsetMap::new(input.len()),
                nfc,
            };
            old.feed_exact_reference(input, 3);
            assert_eq!(new.out, old.out, "{label} (nfc {nfc})");
            assert_eq!(new.map, old.map, "{label} (nfc {nfc})");
        }
    }

    #[test]
    fn feed_exact_matches_reference_on_files() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in [
            "../shared/corpus",
            "../shared/corpus-ocr",
            "fixtures",
            "../shared/seed",
        ] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                eprintln!("feed_exact oracle: {dir} is absent; skipping it");
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if let Ok(text) = std::fs::read_to_string(&p) {
                    same_as_reference(&p.display().to_string(), &text);
                }
            }
        }
    }

    #[test]
    fn feed_exact_matches_reference_on_soup() {
        const PIECES: &[&str] = &[
            "a",
            "Hà",
            " ",
            " ",
            "  ",
            "\t",
            "\u{B}",
            "\u{C}",
            "\r",
            "\n",
            "\r\n",
            "\u{A0}",
            "\u{2003}",
            "\u{3000}",
            "\u{200B}",
            "\u{FEFF}",
            "\u{300}",
            "\u{301}",
            "\u{323}",
            "\u{31B}",
            "\u{309}",
            "e\u{302}\u{301}",
            "u\u{31B}",
            "ệ",
            "Đ",
            "đ",
            "x\u{323}\u{302}",
            "\u{302}\u{323}",
            "1",
            ".",
            "\u{2001}",
            "\u{212B}",
            "\u{F900}",
            "Å",
            "\u{1E9B}\u{323}",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for case in 0..5000 {
            let n = 1 + (next() % 16) as usize;
            let text: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            same_as_reference(&format!("case {case}: {text:?}"), &text);
        }
    }

    #[test]
    fn special_chars_have_special_lead_bytes() {
        for c in char::MIN..=char::MAX {
            if is_space_like(c) || is_zero_width(c) {
                let mut buf = [0u8; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes();
                assert!(c.is_ascii() || may_be_special(bytes, 0), "{c:?}");
            }
            assert_eq!(utf8_len(c.to_string().as_bytes()[0]), c.len_utf8());
        }
    }
}
