//! The normalising writer: takes pieces of the input (all of it for plain
//! text, the text runs of Markdown or of a crawled page) and appends them to
//! the normalised text with the rules of [`super`] (NFC where needed, `\n`
//! line ends, no zero-width characters, runs of spaces collapsed), keeping
//! the offset map.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::legacy::{self, Legacy};
use super::offset_map::OffsetMap;
use super::suspect::Suspects;
use crate::scan::{char_at, is_upper};

/// The end of the line of `s` holding byte `at`: after its `\n`, or the end of `s`.
fn line_end(s: &str, at: usize) -> usize {
    s.as_bytes()
        .get(at..)
        .and_then(|rest| memchr::memchr(b'\n', rest))
        .map_or(s.len(), |k| at + k + 1)
}

/// Where the chars from `i` on stop being certainly left alone by
/// [`Writer::feed_chars`], judged by their bytes without decoding them; `i`
/// when the char at `i` may need a rule. `run` is where the pending verbatim
/// run starts (a space is only known not to follow another inside it).
///
/// A char is left alone when it is not space-like, `\r` or zero-width (the
/// lead bytes of those are in [`SUSPECT`]), and, when composing (`nfc`),
/// when it is a plain starter followed by one ([`is_plain_starter`]: ASCII,
/// lead bytes `C2`–`CB`, or `E1 B8`–`E1 BB`), so that it starts no cluster.
/// A single space is left alone when the byte before it, inside the run,
/// is no space and the char after it is neither space-like nor zero-width
/// (an ASCII byte other than a space, tab, vertical tab or form feed, or a
/// char with lead byte `C3`–`DF`, or `E1` not followed by `9A`).
pub(super) fn skip_inert(b: &[u8], mut i: usize, run: usize, nfc: bool) -> usize {
    let starter = |j: usize| match b.get(j) {
        None => true,
        Some(&x) => {
            x < 0x80
                || (0xC2..=0xCB).contains(&x)
                || (x == 0xE1 && matches!(b.get(j + 1), Some(0xB8..=0xBB)))
        }
    };
    while let Some(&x) = b.get(i) {
        let len = match x {
            b' ' => {
                let next_plain = match b.get(i + 1) {
                    None => false,
                    Some(&n) if n < 0x80 => !matches!(n, b' ' | b'\t' | 0x0B | 0x0C),
                    Some(0xC3..=0xDF) => true,
                    Some(0xE1) => b.get(i + 2) != Some(&0x9A),
                    Some(_) => false,
                };
                if i <= run || b.get(i - 1) == Some(&b' ') || !next_plain {
                    return i;
                }
                1
            }
            _ if SUSPECT[usize::from(x)] => return i,
            0x00..=0x7F => 1,
            0x80..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        if nfc && !(starter(i) && starter(i + len)) {
            return i;
        }
        i += len;
    }
    i
}

/// Accumulates normalised text and its offset map.
pub(crate) struct Writer {
    pub(crate) out: String,
    pub(crate) map: OffsetMap,
    nfc: bool,
    /// Where the input may need the rules. `None` for text that is not a
    /// slice of the input (decoded Markdown entities): it goes through the
    /// rules whole. Every piece fed to a writer with an index is a slice of
    /// the input at its own offset.
    suspects: Option<Suspects>,
    /// Convert from this encoding while feeding.
    legacy: Option<Legacy>,
    /// Keep a run of white space with a tab as one tab (a column border).
    columns: bool,
}

pub(super) fn is_space_like(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{0B}' | '\u{0C}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// The first char of `s` that is not zero-width.
pub(super) fn next_visible(s: &str) -> Option<char> {
    s.chars().find(|&c| !is_zero_width(c))
}

pub(super) fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The canonical combining class of `c`, without a table look-up for the
/// characters that cannot combine (below U+0300, and the precomposed Latin
/// letters of U+1E00–U+1EFF, Vietnamese included).
pub(super) fn ccc(c: char) -> u8 {
    if is_plain_starter(c) {
        0
    } else {
        canonical_combining_class(c)
    }
}

/// Characters that are NFC (quick check `Yes`) with combining class 0 on
/// their own: everything below U+0300 and Latin Extended Additional
/// (U+1E00–U+1EFF: `ạ`, `ế`, `ữ`, …). A test checks both properties.
pub(super) fn is_plain_starter(c: char) -> bool {
    let u = c as u32;
    u < 0x300 || (0x1E00..=0x1EFF).contains(&u)
}

/// Whether `input` needs the composing pass: `!is_nfc_quick(input).is_yes()`,
/// or it holds a zero-width character (deleting one can bring marks
/// together that were apart: `\u{30D}\u{200B}\u{316}`).
///
/// `non_plain` holds the start of every char that is not a plain starter
/// ([`super::suspect::non_plain_starts`]); the others have combining class 0 and
/// are NFC on their own, so only these are decoded and checked as
/// `is_nfc_quick` does (canonical order of combining classes, then the
/// quick-check property). A plain starter between two of them resets the
/// combining class seen last.
pub(super) fn needs_nfc_pass(input: &str, non_plain: &[usize]) -> bool {
    let mut last_cc = 0u8;
    let mut last_end = 0;
    let mut maybe = false;
    for &at in non_plain {
        let Some(ch) = char_at(input, at) else {
            continue;
        };
        if at != last_end {
            last_cc = 0;
        }
        last_end = at + ch.len_utf8();
        if is_zero_width(ch) {
            return true;
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

/// Dashes that word processors and OCR put where a notation has a hyphen:
/// the en dash, the non-breaking hyphen, the hyphen and the minus sign.
pub(super) fn is_dash_variant(c: char) -> bool {
    matches!(c, '\u{2013}' | '\u{2011}' | '\u{2010}' | '\u{2212}')
}

/// Whether a dash between `before` and `after` parts two groups of a
/// notation (số, ký hiệu): the word before it holds a `/` and ends with
/// groups of capitals and digits (`12/UBND`, `30/2020/NĐ`, `82/VPĐP-NV`),
/// and a capital or a digit follows at once (`VX`, `CP`), one space typed
/// before the dash or none (`2865/GDĐT –KT&KĐCL`). Then it is the
/// notation's hyphen, whatever dash was typed: `2020–2025`, `Hà Nội – Hải
/// Phòng`, `12/UBND – VX` and `a/b–c` are left as written.
pub(super) fn joins_notation_groups(before: &str, after: &str) -> bool {
    let before = before.strip_suffix(' ').unwrap_or(before);
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let Some((_, group)) = word.rsplit_once('/') else {
        return false;
    };
    let symbol_char = |c: char| c.is_ascii_digit() || c == '&' || is_upper(c);
    // earlier groups of the symbol, parted by hyphens or dashes
    let inner = |c: char| symbol_char(c) || c == '-' || is_dash_variant(c);
    group.chars().next_back().is_some_and(symbol_char)
        && group.chars().all(inner)
        && after.chars().next().is_some_and(symbol_char)
}

/// The most output bytes recomposed when a piece starts with combining
/// marks that belong to the letter before it: the last segment of the
/// offset map, which may be a whole Markdown code span (`` `…O` `` then
/// U+0300). Bounded so that pieces that each start with a mark cost at
/// most this much each.
const MAX_RECOMPOSED_TAIL: usize = 4096;

/// Bytes that may make a line need the rules: tab, vertical tab, form
/// feed, `\r`, a space (when another follows), and the lead bytes of every
/// space-like or zero-width character (`C2`, `E1` when `9A` follows, `E2`,
/// `E3`, `EF`).
const SUSPECT: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let bytes = [b'\t', b'\r', 0x0B, 0x0C, b' ', 0xC2, 0xE1, 0xE2, 0xE3, 0xEF];
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

impl Writer {
    /// A writer for an input of `len` bytes; `suspects` says where the
    /// input may need the rules (`None`: everywhere).
    pub(super) fn new(
        len: usize,
        nfc: bool,
        suspects: Option<Suspects>,
        legacy: Option<Legacy>,
        columns: bool,
    ) -> Writer {
        Writer {
            out: String::with_capacity(len),
            map: OffsetMap::new(len),
            nfc,
            suspects,
            legacy,
            columns,
        }
    }

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
        // Line by line (no rule spans a `\n`): lines with nothing to change
        // are copied in one step, as many as there are in a row; the others
        // go through the rules char by char. A line that starts with a space
        // where the text so far ends with one is not copied either (only the
        // piece's first line can: the others follow a `\n`).
        if self.suspects.is_none() {
            return self.feed_chars(piece, orig);
        }
        let mut at = 0;
        if piece.starts_with(' ') && self.out.ends_with([' ', '\t']) {
            at = line_end(piece, 0);
            self.feed_chars(&piece[..at], orig);
        }
        while at < piece.len() {
            // a suspect byte past the piece's end may still be found in
            // its last line: the rules then change nothing there
            let Some(hit) = (self.suspects.as_ref())
                .and_then(|s| s.first_from(orig + at))
                .map(|h| h - orig)
                .filter(|&h| h < piece.len())
            else {
                self.flush(piece, orig, at, piece.len());
                return;
            };
            let start =
                memchr::memrchr(b'\n', &piece.as_bytes()[at..hit]).map_or(at, |k| at + k + 1);
            let end = line_end(piece, hit);
            self.flush(piece, orig, at, start);
            self.feed_chars(&piece[start..end], orig + start);
            at = end;
        }
    }

    /// The normalisation rules, char by char.
    fn feed_chars(&mut self, piece: &str, orig: usize) {
        let mut run = 0; // start of the pending verbatim run, in `piece`
        let mut i = 0;
        loop {
            i = self.skip_to_suspect(piece, orig, i);
            i = skip_inert(piece.as_bytes(), i, run, self.nfc);
            let Some(c) = char_at(piece, i) else {
                break;
            };
            let next = i + c.len_utf8();
            if is_space_like(c) {
                let mut end = next;
                let mut single = c == ' ';
                while let Some(n) = char_at(piece, end) {
                    if !is_space_like(n) && !is_zero_width(n) {
                        break;
                    }
                    single = false;
                    end += n.len_utf8();
                }
                // a space right after one already written (by an earlier
                // piece, or before deleted zero-width characters) is dropped
                let after_space = if i > run {
                    piece[run..i].ends_with([' ', '\t'])
                } else {
                    self.out.ends_with([' ', '\t'])
                };
                if single && !after_space {
                    i = next;
                    continue;
                }
                self.flush(piece, orig, run, i);
                if !after_space {
                    // a run with a tab is kept as one tab: in text copied
                    // from a table it is the border between two columns
                    // (`- Như trên;\t\tPHÓ CỤC TRƯỞNG`), which
                    // [`crate::lines`] reads as two cells
                    let column = self.columns && piece[i..end].contains('\t');
                    self.out.push(if column { '\t' } else { ' ' });
                    self.map.push_replaced(orig + i, end - i, 1);
                }
                run = end;
                i = end;
            } else if c == '\r' {
                self.flush(piece, orig, run, i);
                if char_at(piece, next) != Some('\n') {
                    self.out.push('\n');
                    self.map.push_replaced(orig + i, 1, 1);
                }
                // a `\r` before a `\n` is dropped, the `\n` kept verbatim
                run = next;
                i = next;
            } else if is_zero_width(c) {
                self.flush(piece, orig, run, i);
                run = next;
                i = next;
            } else if is_dash_variant(c) && joins_notation_groups(&piece[..i], &piece[next..]) {
                // `12/UBND–VX`: the hyphen every notation grammar reads
                self.flush(piece, orig, run, i);
                self.out.push('-');
                self.map.push_replaced(orig + i, c.len_utf8(), 1);
                run = next;
                i = next;
            } else if self.nfc
                && !c.is_ascii_whitespace()
                && (ccc(c) != 0 || next_visible(&piece[next..]).is_some_and(|n| ccc(n) != 0))
            {
                (i, run) = self.feed_cluster(piece, orig, run, i, c);
            } else {
                i = next;
            }
        }
        self.flush(piece, orig, run, piece.len());
    }

    /// Composes the cluster at `start` of `piece` (`c` and the combining
    /// marks after it, with any zero-width characters among them); `run` is
    /// where the pending verbatim run starts. Returns where reading goes on
    /// and where the pending run then starts.
    fn feed_cluster(
        &mut self,
        piece: &str,
        orig: usize,
        run: usize,
        start: usize,
        c: char,
    ) -> (usize, usize) {
        let mut end = start + c.len_utf8();
        while let Some(n) = char_at(piece, end) {
            if ccc(n) != 0 {
                end += n.len_utf8();
                continue;
            }
            if !is_zero_width(n) {
                break;
            }
            // zero-width characters followed by a mark belong to the cluster
            let rest = &piece[end..];
            let hidden = rest.len() - rest.trim_start_matches(is_zero_width).len();
            if next_visible(rest).is_none_or(|m| ccc(m) == 0) {
                break;
            }
            end += hidden;
        }
        let cluster = &piece[start..end];
        // marks at the start of a piece may belong to the letter the
        // previous piece ended with (Markdown: `ư*\u{309}*`)
        if run == start && ccc(c) != 0 {
            if let Some(from) = self.last_cluster_start() {
                let mut joined = self.out[from..].to_owned();
                joined.extend(cluster.chars().filter(|&c| !is_zero_width(c)));
                let composed: String = joined.nfc().collect();
                if composed != joined {
                    self.out.truncate(from);
                    self.out.push_str(&composed);
                    self.map.replace_tail(from, orig + end, composed.len());
                    return (end, end);
                }
            }
        }
        let composed: String = cluster
            .chars()
            .filter(|&c| !is_zero_width(c))
            .nfc()
            .collect();
        if composed != cluster {
            self.flush(piece, orig, run, start);
            self.out.push_str(&composed);
            self.map
                .push_replaced(orig + start, end - start, composed.len());
            return (end, end);
        }
        (end, run)
    }

    /// Where the chars of `piece` (the input from `orig` on) from `i` on
    /// stop being certainly left alone by the rules, by the suspect index:
    /// the char before the next suspect byte, which may start a run of
    /// spaces or a cluster with it; `i` itself when it is a space, which may
    /// follow one already written, or when there is no index.
    ///
    /// Before that char, no char is space-like, `\r` or zero-width (their
    /// bytes are suspect, but for the space), no space follows or precedes
    /// another, and, when composing, every char is a plain starter followed
    /// by one: the rules copy them all.
    fn skip_to_suspect(&self, piece: &str, orig: usize, i: usize) -> usize {
        let b = piece.as_bytes();
        let Some(suspects) = &self.suspects else {
            return i;
        };
        if b.get(i) == Some(&b' ') {
            return i;
        }
        let hit = suspects
            .first_from(orig + i)
            .map_or(b.len(), |h| (h - orig).min(b.len()));
        let mut before = hit.saturating_sub(1);
        while before > i && matches!(b.get(before), Some(0x80..=0xBF)) {
            before -= 1;
        }
        before.max(i)
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
        (self.out.len() - from <= MAX_RECOMPOSED_TAIL).then_some(from)
    }

    /// Appends text that stands for input `orig..orig + orig_len` without being a copy of it.
    pub(crate) fn feed_replaced(&mut self, text: &str, orig: usize, orig_len: usize) {
        let mut sub = Writer {
            out: String::new(),
            map: OffsetMap::new(0),
            // decoded text (`&#x301;`) need not be NFC where the input is
            nfc: true,
            suspects: None,
            legacy: self.legacy,
            columns: self.columns,
        };
        sub.feed_exact(text, 0);
        // no second space where the text before ends with one
        let new = match sub.out.strip_prefix([' ', '\t']) {
            Some(rest) if self.out.ends_with([' ', '\t']) => rest,
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

    /// Copies `piece[from..to]` verbatim (`piece` starts at input offset `orig`).
    fn flush(&mut self, piece: &str, orig: usize, from: usize, to: usize) {
        if to > from {
            self.out.push_str(&piece[from..to]);
            self.map.push_exact(orig + from, to - from);
        }
    }
}
