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

pub mod legacy;
mod markdown;
mod offset_map;

pub use legacy::Legacy;
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
    // Deleting zero-width characters can bring marks together that were
    // apart (`\u{30D}\u{200B}\u{316}`): such text needs the NFC pass too.
    let nfc = needs_nfc(input) || input.contains(is_zero_width);
    let legacy = legacy::detect(input);
    let mut w = Writer {
        out: String::with_capacity(input.len()),
        map: OffsetMap::new(input.len()),
        nfc,
        legacy,
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
        legacy,
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
    /// Convert from this encoding while feeding.
    legacy: Option<Legacy>,
}

fn is_space_like(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{0B}' | '\u{0C}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// The first char of `s` that is not zero-width.
fn next_visible(s: &str) -> Option<char> {
    s.chars().find(|&c| !is_zero_width(c))
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

/// Whether `line` needs no change when no composition is needed: no tab,
/// `\r`, vertical tab or form feed, no two spaces in a row, and no
/// character that may be space-like or zero-width (all of those start with
/// the bytes `C2`, `E1 9A`, `E2`, `E3` or `EF`).
fn is_plain(line: &str) -> bool {
    let b = line.as_bytes();
    !b.iter().enumerate().any(|(i, &x)| match x {
        b'\t' | b'\r' | 0x0B | 0x0C | 0xC2 | 0xE2 | 0xE3 | 0xEF => true,
        b' ' => b.get(i + 1) == Some(&b' '),
        0xE1 => b.get(i + 1) == Some(&0x9A),
        _ => false,
    })
}

impl Writer {
    /// Appends `piece`, a verbatim slice of the input starting at `orig`, normalising it.
    ///
    /// Zero-width characters are dropped before anything else is decided, so
    /// that they can hide neither a run of spaces (` \u{200B} `) nor a
    /// combining mark from its base letter (`y\u{200B}\u{307}`): the result
    /// is the same as if they had not been there, and normalising it again
    /// changes nothing.
    pub(crate) fn feed_exact(&mut self, piece: &str, orig: usize) {
        let Some(enc) = self.legacy else {
            return self.feed_unicode(piece, orig);
        };
        // Each legacy letter is a replaced segment over its input chars;
        // the text between them is fed as usual.
        let (mut run, mut i) = (0, 0);
        while let Some(c) = piece[i..].chars().next() {
            match legacy::unit(enc, &piece[i..]) {
                Some((to, len)) => {
                    self.feed_unicode(&piece[run..i], orig + run);
                    self.out.push(to);
                    self.map.push_replaced(orig + i, len, to.len_utf8());
                    i += len;
                    run = i;
                }
                None => i += c.len_utf8(),
            }
        }
        self.feed_unicode(&piece[run..], orig + run);
    }

    /// [`Writer::feed_exact`] for Unicode text.
    fn feed_unicode(&mut self, piece: &str, orig: usize) {
        if self.nfc {
            return self.feed_chars(piece, orig);
        }
        // Line by line (no rule spans a `\n`): a line with nothing to change
        // is copied in one step, the others go through the rules char by char.
        let mut at = 0;
        for line in piece.split_inclusive('\n') {
            if is_plain(line) && !(line.starts_with(' ') && self.out.ends_with(' ')) {
                self.out.push_str(line);
                self.map.push_exact(orig + at, line.len());
            } else {
                self.feed_chars(line, orig + at);
            }
            at += line.len();
        }
    }

    /// The normalisation rules, char by char.
    fn feed_chars(&mut self, piece: &str, orig: usize) {
        let mut run = 0; // start of the pending verbatim run, in `piece`
        let mut iter = piece.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if is_space_like(c) {
                let mut end = i + c.len_utf8();
                let mut single = c == ' ';
                while let Some(&(j, n)) = iter.peek() {
                    if !is_space_like(n) && !is_zero_width(n) {
                        break;
                    }
                    single = false;
                    end = j + n.len_utf8();
                    iter.next();
                }
                // a space right after one already written (by an earlier
                // piece, or before deleted zero-width characters) is dropped
                let after_space = if i > run {
                    piece[run..i].ends_with(' ')
                } else {
                    self.out.ends_with(' ')
                };
                if single && !after_space {
                    continue;
                }
                self.flush(piece, orig, run, i);
                if !after_space {
                    self.out.push(' ');
                    self.map.push_replaced(orig + i, end - i, 1);
                }
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
                && (ccc(c) != 0
                    || next_visible(&piece[i + c.len_utf8()..]).is_some_and(|n| ccc(n) != 0))
            {
                // the cluster: `c` and the combining marks after it, with
                // any zero-width characters among them
                let mut end = i + c.len_utf8();
                while let Some(&(j, n)) = iter.peek() {
                    if ccc(n) != 0 {
                        end = j + n.len_utf8();
                        iter.next();
                        continue;
                    }
                    if !is_zero_width(n) {
                        break;
                    }
                    // zero-width characters followed by a mark belong to the cluster
                    let rest = &piece[j..];
                    let hidden = rest.len() - rest.trim_start_matches(is_zero_width).len();
                    if next_visible(rest).is_none_or(|m| ccc(m) == 0) {
                        break;
                    }
                    while iter.peek().is_some_and(|&(k, _)| k < j + hidden) {
                        iter.next();
                    }
                    end = j + hidden;
                }
                let cluster = &piece[i..end];
                // marks at the start of a piece may belong to the letter the
                // previous piece ended with (Markdown: `ư*\u{309}*`)
                if run == i && ccc(c) != 0 {
                    if let Some(from) = self.last_cluster_start() {
                        let mut joined = self.out[from..].to_owned();
                        joined.extend(cluster.chars().filter(|&c| !is_zero_width(c)));
                        let composed: String = joined.nfc().collect();
                        if composed != joined {
                            self.out.truncate(from);
                            self.out.push_str(&composed);
                            self.map.replace_tail(from, orig + end, composed.len());
                            run = end;
                            continue;
                        }
                    }
                }
                let composed: String = cluster
                    .chars()
                    .filter(|&c| !is_zero_width(c))
                    .nfc()
                    .collect();
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

    /// Where the last cluster (a letter and its marks) of the output starts,
    /// when combining marks that follow may compose or reorder with it;
    /// `None` when the output ends with white space, or when the cluster is
    /// implausibly long.
    fn last_cluster_start(&self) -> Option<usize> {
        let mut from = 0; // no starter: the output so far is only marks
        for (seen, (j, ch)) in self.out.char_indices().rev().enumerate() {
            if seen == 32 {
                return None;
            }
            if ccc(ch) == 0 {
                // marks after white space only reorder among themselves
                from = if ch.is_whitespace() {
                    j + ch.len_utf8()
                } else {
                    j
                };
                break;
            }
        }
        if from == self.out.len() {
            return None;
        }
        let from = self.map.tail_start(from);
        (self.out.len() - from <= 256).then_some(from)
    }

    /// Appends text that stands for input `orig..orig + orig_len` without being a copy of it.
    pub(crate) fn feed_replaced(&mut self, text: &str, orig: usize, orig_len: usize) {
        let mut sub = Writer {
            out: String::new(),
            map: OffsetMap::new(0),
            // decoded text (`&#x301;`) need not be NFC where the input is
            nfc: true,
            legacy: self.legacy,
        };
        sub.feed_exact(text, 0);
        // no second space where the text before ends with one
        let new = match sub.out.strip_prefix(' ') {
            Some(rest) if self.out.ends_with(' ') => rest,
            _ => &sub.out,
        };
        if new.is_empty() {
            return;
        }
        // leading marks may compose with the letter before
        if new.chars().next().is_some_and(|c| ccc(c) != 0) {
            if let Some(from) = self.last_cluster_start() {
                let joined = format!("{}{new}", &self.out[from..]);
                let composed: String = joined.nfc().collect();
                if composed != joined {
                    self.out.truncate(from);
                    self.out.push_str(&composed);
                    self.map.replace_tail(from, orig + orig_len, composed.len());
                    return;
                }
            }
        }
        self.out.push_str(new);
        self.map.push_replaced(orig, orig_len, new.len());
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
        assert!(is_plain("Hà Nội, ngày 05 tháng 02 năm 2024\n"));
        assert!(!is_plain("a  b"));
        assert!(!is_plain("a\u{A0}b"));
        assert!(!is_plain("a\u{200B}b"));
        assert!(!is_plain("a\r\n"));
        let input = "Số: 05\nHà  Nội\n x\u{A0}y\nz";
        let n = normalize(input, InputFormat::Text);
        assert_eq!(n.text, "Số: 05\nHà Nội\n x y\nz");
        let at = n.text.find('z').unwrap();
        assert_eq!(n.map.map_range(at, at + 1), (input.len() - 1, input.len()));
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
