//! Where the input may need the normalisation rules, found once for the
//! whole input.
//!
//! A line needs no change unless it holds a tab, `\r`, vertical tab or form
//! feed, two spaces in a row, or a character that may be space-like or
//! zero-width (all of those start with the bytes `C2`, `E1 9A`, `E2`, `E3`
//! or `EF`), or, when composing, a character that is not a plain starter
//! (see [`non_plain_starts`]). These are rare (one line in thirteen of the
//! corpus), so they are found with `memchr`/`memmem` passes (and one pass
//! by blocks of bytes) over the whole input instead of a look at every
//! byte of every piece: every piece the text writer copies is a slice of
//! the input at its own offset, so one index serves them all.

use memchr::memmem;

/// The suspect positions of an input, as sorted, disjoint byte ranges.
#[derive(Debug, Clone, Default)]
pub(super) struct Suspects {
    ranges: Vec<(usize, usize)>,
}

impl Suspects {
    /// Finds the suspect positions of `input`: every byte `\t`, `\r`, VT,
    /// FF, `C2`, `E2`, `E3`, `EF`; every `E1` followed by `9A`; every space
    /// followed by a space; and, when composing (`nfc`), every position of
    /// `non_plain` ([`non_plain_starts`] of `input`).
    ///
    /// The lead bytes `E1` (before `9A`), `E2`, `E3` and `EF` are all
    /// starts of chars that are no plain starters, so they are picked from
    /// `non_plain` instead of being searched for again.
    pub(super) fn new(input: &str, non_plain: &[usize], nfc: bool) -> Self {
        let b = input.as_bytes();
        let space_like_lead = |&p: &usize| match b.get(p) {
            Some(0xE2 | 0xE3 | 0xEF) => true,
            Some(0xE1) => b.get(p + 1) == Some(&0x9A),
            _ => false,
        };
        let mut ranges: Vec<(usize, usize)> = memchr::memchr3_iter(b'\t', b'\r', 0x0B, b)
            .chain(memchr::memchr2_iter(0x0C, 0xC2, b))
            .chain(
                non_plain
                    .iter()
                    .copied()
                    .filter(|p| nfc || space_like_lead(p)),
            )
            .map(|p| (p, p + 1))
            .collect();
        // a run of n spaces holds n - 1 spaces followed by a space
        let pair = memmem::Finder::new(b"  ");
        let mut from = 0;
        while let Some(k) = b.get(from..).and_then(|rest| pair.find(rest)) {
            let start = from + k;
            let run = b[start..].iter().take_while(|&&x| x == b' ').count();
            ranges.push((start, start + run - 1));
            from = start + run;
        }
        // the kinds have different bytes, so no two ranges overlap
        ranges.sort_unstable();
        Suspects { ranges }
    }

    /// The first suspect position at or after `pos`.
    pub(super) fn first_from(&self, pos: usize) -> Option<usize> {
        let i = self.ranges.partition_point(|&(_, end)| end <= pos);
        self.ranges.get(i).map(|&(start, _)| start.max(pos))
    }
}

/// The start of every char of `input` that is not a plain starter: not
/// ASCII, not a lead byte `C2`–`CB` (U+0080–U+02FF) and not `E1 B8`–`E1 BB`
/// (U+1E00–U+1EFF, the precomposed Vietnamese letters). Plain starters
/// have combining class 0 and are NFC on their own (a test in the parent
/// module checks it), so only these chars can need composing.
///
/// UTF-8 bytes below `CC` are ASCII, continuation bytes and the lead bytes
/// `C2`–`CB`, so every byte from `CC` on is the lead byte of a char to
/// report, unless it is an `E1` followed by `B8`–`BB`. The input is looked
/// at in blocks of [`BLOCK`] bytes by a test the compiler turns into
/// vector instructions; most blocks of Vietnamese text hold no such char.
pub(super) fn non_plain_starts(input: &str) -> Vec<usize> {
    let b = input.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < b.len() {
        // a block and the byte after it (the one after an `E1` at its end)
        let block = b
            .get(at..at + BLOCK + 1)
            .and_then(|w| <&[u8; BLOCK + 1]>::try_from(w).ok());
        if block.is_none_or(has_non_plain_lead) {
            let end = b.len().min(at + BLOCK);
            found.extend((at..end).filter(|&p| is_non_plain_lead(b, p)));
        }
        at += BLOCK;
    }
    found
}

/// The bytes [`non_plain_starts`] looks at in one step.
const BLOCK: usize = 32;

/// Whether byte `p` of `b` starts a char that is not a plain starter.
fn is_non_plain_lead(b: &[u8], p: usize) -> bool {
    match b.get(p) {
        Some(0xE1) => !matches!(b.get(p + 1), Some(0xB8..=0xBB)),
        Some(&x) => x >= 0xCC,
        None => false,
    }
}

/// [`is_non_plain_lead`] for any of the first [`BLOCK`] bytes of `w`,
/// without branches so that it is computed on all bytes at once.
fn has_non_plain_lead(w: &[u8; BLOCK + 1]) -> bool {
    let mut any = false;
    for (&x, &next) in w.iter().zip(&w[1..]) {
        any |= (x >= 0xCC) & !((x == 0xE1) & (next & 0xFC == 0xB8));
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, byte by byte.
    fn suspect_by_definition(b: &[u8], i: usize) -> bool {
        match b[i] {
            b'\t' | b'\r' | 0x0B | 0x0C | 0xC2 | 0xE2 | 0xE3 | 0xEF => true,
            b' ' => b.get(i + 1) == Some(&b' '),
            0xE1 => b.get(i + 1) == Some(&0x9A),
            _ => false,
        }
    }

    #[test]
    fn first_from_is_the_first_suspect_byte() {
        for s in [
            "",
            "Hà Nội, ngày 05 tháng 02 năm 2024\n",
            "a  b   c    d \t e\r\nf\u{B}g\u{C}h",
            "  x  ",
            "   ",
            "a\u{A0}b\u{1680}c\u{1E9A}d\u{200B}e\u{3000}f\u{FEFF}g “h” ạ ế ữ",
            "\u{2009} \u{2009}  \u{200B}",
            "e\u{301} \u{1DFF}\u{1E9A}中",
        ] {
            // alone, and at every alignment in the blocks of a longer text
            for pad in (0..=BLOCK).map(|n| "a".repeat(n) + &"ạb".repeat(8)) {
                let s = format!("{pad}{s}{pad} {pad}");
                let b = s.as_bytes();
                let non_plain = non_plain_starts(&s);
                for nfc in [false, true] {
                    let idx = Suspects::new(&s, &non_plain, nfc);
                    for pos in 0..=b.len() {
                        let want = (pos..b.len()).find(|&i| {
                            suspect_by_definition(b, i) || (nfc && non_plain.contains(&i))
                        });
                        assert_eq!(idx.first_from(pos), want, "{s:?} {pos}");
                    }
                }
            }
        }
    }

    #[test]
    fn non_plain_starts_are_the_chars_that_are_no_plain_starters() {
        let text = "Cộng hoà xã hội ỹ Ỹ \u{1E00}\u{1EFF} \u{2FF}\u{300}ệ e\u{301} \u{1E9A}\u{1DFF}\
                    \u{200B}“ngoặc” – Ω😀 đ Đ ư ơ ạ\u{1F00}\u{1000}\u{4E00}\u{CC}\u{3A9}";
        for pad in 0..=BLOCK {
            for end in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
                let s = format!("{}{}", "a".repeat(pad), &text[..end]);
                let want: Vec<usize> = s
                    .char_indices()
                    .filter(|&(_, c)| {
                        let u = c as u32;
                        !(u < 0x300 || (0x1E00..=0x1EFF).contains(&u))
                    })
                    .map(|(k, _)| k)
                    .collect();
                assert_eq!(non_plain_starts(&s), want, "{s:?}");
            }
        }
    }
}
