//! Folded keys for matching anchors: one ASCII byte per `char`.
//!
//! Anchors such as `Nơi nhận`, `Kính gửi` or `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
//! NAM` must match whatever the tone-mark placement (`hoà`/`hòa`), the case,
//! or OCR damage that dropped the diacritics (`Noi nhan`). Folding maps every
//! char to exactly one ASCII byte (letters to their lowercase base letter,
//! dashes to `-`, anything else non-ASCII to `#`), so an offset in the folded
//! key is a char index in the original line.

use std::sync::LazyLock;

use unicode_normalization::char::decompose_canonical;

/// Chars below this are folded by table lookup: Latin-1, Latin Extended,
/// combining marks and Latin Extended Additional (every Vietnamese letter).
const TABLE_END: u32 = 0x2000;

/// `fold_slow` of every char below [`TABLE_END`], computed once: folding
/// every line of a document through the canonical decomposition tables was
/// a tenth of the whole parse.
static TABLE: LazyLock<Box<[u8]>> = LazyLock::new(|| {
    (0..TABLE_END)
        .map(|u| char::from_u32(u).map_or(b'#', fold_slow))
        .collect()
});

/// Folds one char to an ASCII byte.
#[inline]
pub(crate) fn fold_char(c: char) -> u8 {
    if c.is_ascii() {
        return c.to_ascii_lowercase() as u8;
    }
    fold_with(&TABLE, c)
}

/// [`fold_char`] with the table at hand (looked up once for many chars).
#[inline]
fn fold_with(table: &[u8], c: char) -> u8 {
    if c.is_ascii() {
        return c.to_ascii_lowercase() as u8;
    }
    table
        .get(c as usize)
        .copied()
        .unwrap_or_else(|| fold_slow(c))
}

/// [`fold_char`] without the table.
fn fold_slow(c: char) -> u8 {
    if c.is_ascii() {
        return c.to_ascii_lowercase() as u8;
    }
    match c {
        'đ' | 'Đ' | 'ð' | 'Ð' => return b'd',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => return b'-',
        '\u{2018}' | '\u{2019}' => return b'\'',
        '\u{201C}' | '\u{201D}' => return b'"',
        '\u{2026}' => return b'.',
        '\u{00A0}' => return b' ',
        _ => {}
    }
    let mut base = None;
    decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        }
    });
    match base {
        Some(b) if b.is_ascii_alphabetic() => b.to_ascii_lowercase() as u8,
        _ if unicode_normalization::char::is_combining_mark(c) => b'~',
        _ => b'#',
    }
}

/// A line of text with its folded key and the byte offset of every char.
#[derive(Debug, Clone)]
pub(crate) struct Folded<'a> {
    /// The text as written (normalised).
    pub(crate) text: &'a str,
    /// One ASCII byte per char of `text`.
    pub(crate) key: String,
    /// Byte offset in `text` of each char, plus `text.len()` at the end.
    offsets: Vec<usize>,
}

impl<'a> Folded<'a> {
    /// Folds `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        let mut key = String::with_capacity(text.len());
        let mut offsets = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            key.push(fold_char(c) as char);
            offsets.push(i);
        }
        offsets.push(text.len());
        Folded { text, key, offsets }
    }

    /// Byte offset in `text` of the char at folded offset `k` (clamped).
    pub(crate) fn byte(&self, k: usize) -> usize {
        self.offsets[k.min(self.offsets.len() - 1)]
    }

    /// The text between two folded offsets.
    pub(crate) fn slice(&self, start: usize, end: usize) -> &'a str {
        let (s, e) = (self.byte(start), self.byte(end.max(start)));
        &self.text[s..e]
    }
}

/// The folded key of a whole string (for comparisons).
pub(crate) fn fold(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    fold_into(text, &mut key);
    key
}

/// Appends the folded key of `text` to `key` (a buffer used line after line).
pub(crate) fn fold_into(text: &str, key: &mut String) {
    // one byte per char, so at most `text.len()`: the bytes are written
    // into room made up front, and the table is looked up once
    let mut bytes = std::mem::take(key).into_bytes();
    let from = bytes.len();
    bytes.resize(from + text.len(), 0);
    let table: &[u8] = &TABLE;
    let mut n = 0;
    for (slot, c) in bytes
        .get_mut(from..)
        .unwrap_or_default()
        .iter_mut()
        .zip(text.chars())
    {
        *slot = fold_with(table, c);
        n += 1;
    }
    bytes.truncate(from + n);
    // every folded byte is ASCII
    *key = String::from_utf8(bytes).unwrap_or_default();
}

/// The folded key of the first `n` chars of `text`: the plain definition
/// that the allocation-free prefix tests are checked against.
#[cfg(test)]
pub(crate) fn fold_prefix(text: &str, n: usize) -> String {
    text.chars().take(n).map(|c| fold_char(c) as char).collect()
}

/// The folded key of the first `buf.len()` chars of `text`, written into
/// `buf` (for prefix tests without an allocation).
#[inline]
pub(crate) fn fold_head<'b>(text: &str, buf: &'b mut [u8]) -> &'b [u8] {
    let table: &[u8] = &TABLE;
    let mut n = 0;
    for (slot, c) in buf.iter_mut().zip(text.chars()) {
        *slot = fold_with(table, c);
        n += 1;
    }
    buf.get(..n).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_and_case_fold_alike() {
        assert_eq!(fold("CỘNG HOÀ"), fold("cộng hòa"));
        assert_eq!(fold("Nơi nhận"), "noi nhan");
        assert_eq!(fold("Ủy ban"), fold("Uỷ ban"));
        assert_eq!(fold("Đảng – ĐẢNG"), "dang - dang");
    }

    #[test]
    fn the_table_agrees_with_the_slow_fold() {
        for u in 0..TABLE_END + 0x100 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(fold_char(c), fold_slow(c), "U+{u:04X}");
            }
        }
        assert_eq!(fold_prefix("Nơi nhận:", 8), "noi nhan");
        let mut buf = [0; 8];
        assert_eq!(fold_head("Nơi nhận:", &mut buf), b"noi nhan");
        assert_eq!(fold_head("Số", &mut buf), b"so");
        let mut key = String::from("x");
        fold_into("Đảng", &mut key);
        assert_eq!(key, "xdang");
        for t in [
            "",
            "CỘNG HÒA xã hội – “Ủy ban” 😀 a\u{301}",
            "ASCII Only 12/UBND",
        ] {
            let mut key = String::new();
            fold_into(t, &mut key);
            let slow: String = t.chars().map(|c| fold_char(c) as char).collect();
            assert_eq!(key, slow);
        }
    }

    #[test]
    fn folded_offsets_map_back_to_bytes() {
        let f = Folded::new("Số: 12/UBND");
        let k = f.key.find("12").unwrap();
        assert_eq!(f.slice(k, k + 2), "12");
        assert_eq!(f.byte(f.key.len()), f.text.len());
    }
}
