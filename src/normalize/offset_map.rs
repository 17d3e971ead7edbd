//! The offset map: from byte offsets in the normalised text back to byte
//! offsets in the caller's input.
//!
//! The map is a sorted list of segments. An *exact* segment is a stretch of
//! normalised text that is a verbatim copy of the input, so offsets inside it
//! map linearly. A *replaced* segment is text that stands for some input range
//! without being a copy (a composed NFC cluster, `\r\n` → `\n`, a collapsed
//! run of spaces, a Markdown line break): offsets inside it map to the edges
//! of that input range. Deleted input (zero-width spaces) needs no segment.
//! Every mapped offset therefore lands on a char boundary of the input.

use crate::span::Span;

/// One segment of the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    norm: usize,
    norm_len: usize,
    orig: usize,
    orig_len: usize,
    exact: bool,
}

/// Maps normalised offsets to input offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segments: Vec<Segment>,
    norm_len: usize,
    orig_len: usize,
}

impl OffsetMap {
    /// An empty map for an input of `orig_len` bytes.
    pub(crate) fn new(orig_len: usize) -> Self {
        OffsetMap {
            segments: Vec::new(),
            norm_len: 0,
            orig_len,
        }
    }

    /// Records that `len` bytes were copied verbatim from input offset `orig`.
    pub(crate) fn push_exact(&mut self, orig: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.segments.last_mut() {
            if last.exact
                && last.orig + last.orig_len == orig
                && last.norm + last.norm_len == self.norm_len
            {
                last.norm_len += len;
                last.orig_len += len;
                self.norm_len += len;
                return;
            }
        }
        self.segments.push(Segment {
            norm: self.norm_len,
            norm_len: len,
            orig,
            orig_len: len,
            exact: true,
        });
        self.norm_len += len;
    }

    /// Records that `norm_len` bytes of new text stand for input `orig..orig + orig_len`.
    pub(crate) fn push_replaced(&mut self, orig: usize, orig_len: usize, norm_len: usize) {
        if norm_len == 0 {
            return;
        }
        self.segments.push(Segment {
            norm: self.norm_len,
            norm_len,
            orig,
            orig_len,
            exact: false,
        });
        self.norm_len += norm_len;
    }

    /// Where the normalised text from `from` on can be replaced: `from`, or
    /// the start of the replaced segment holding it (which cannot be split).
    pub(crate) fn tail_start(&self, from: usize) -> usize {
        let i = self
            .segments
            .partition_point(|s| s.norm + s.norm_len <= from);
        match self.segments.get(i) {
            Some(s) if !s.exact && s.norm < from => s.norm,
            _ => from,
        }
    }

    /// Replaces the normalised text from `from` (a [`tail_start`](Self::tail_start))
    /// to the end by `new_len` bytes standing for the input from where
    /// `from` came from up to `orig_end`.
    pub(crate) fn replace_tail(&mut self, from: usize, orig_end: usize, new_len: usize) {
        let mut orig_start = orig_end;
        while let Some(last) = self.segments.last_mut() {
            if last.norm >= from {
                orig_start = last.orig;
                self.segments.pop();
                continue;
            }
            if last.norm + last.norm_len > from {
                // an exact segment split at `from`
                let cut = last.norm + last.norm_len - from;
                last.norm_len -= cut;
                last.orig_len -= cut;
                orig_start = last.orig + last.orig_len;
            }
            break;
        }
        self.norm_len = from;
        self.push_replaced(orig_start, orig_end.saturating_sub(orig_start), new_len);
    }

    /// Length of the normalised text the map covers.
    pub fn normalized_len(&self) -> usize {
        self.norm_len
    }

    /// Maps the start of a normalised range to an input offset.
    pub fn map_start(&self, n: usize) -> usize {
        if n >= self.norm_len {
            return self.orig_len;
        }
        let i = self.segments.partition_point(|s| s.norm + s.norm_len <= n);
        match self.segments.get(i) {
            Some(s) if s.exact => s.orig + (n - s.norm),
            Some(s) => s.orig,
            None => self.orig_len,
        }
    }

    /// Maps the end of a normalised range to an input offset.
    pub fn map_end(&self, n: usize) -> usize {
        if n == 0 {
            return self.segments.first().map_or(0, |s| s.orig);
        }
        let n = n.min(self.norm_len);
        let i = self.segments.partition_point(|s| s.norm + s.norm_len < n);
        match self.segments.get(i) {
            Some(s) if s.exact => s.orig + (n - s.norm),
            Some(s) => s.orig + s.orig_len,
            None => self.orig_len,
        }
    }

    /// Maps a normalised `[start, end)` to the input.
    pub fn map_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map_start(start);
        if end <= start {
            return (s, s);
        }
        let e = self.map_end(end).max(s);
        (s, e)
    }

    /// Maps a span of the normalised text to the input: [`Self::map_range`]
    /// on a [`Span`].
    pub(crate) fn map_span(&self, span: Span) -> Span {
        let (start, end) = self.map_range(span.start, span.end);
        Span::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_segments_merge_and_map_linearly() {
        let mut m = OffsetMap::new(10);
        m.push_exact(0, 4);
        m.push_exact(4, 6);
        assert_eq!(m.segments.len(), 1);
        assert_eq!(m.map_range(2, 7), (2, 7));
    }

    #[test]
    fn replaced_segments_map_to_their_edges() {
        // input: "ab\r\ncd" -> "ab\ncd"
        let mut m = OffsetMap::new(6);
        m.push_exact(0, 2);
        m.push_replaced(2, 2, 1);
        m.push_exact(4, 2);
        assert_eq!(m.map_range(0, 2), (0, 2));
        assert_eq!(m.map_range(2, 3), (2, 4));
        assert_eq!(m.map_range(3, 5), (4, 6));
        assert_eq!(m.map_range(5, 5), (6, 6));
    }

    #[test]
    fn deletions_are_skipped() {
        // input: "a\u{200B}b" (1 + 3 + 1 bytes) -> "ab"
        let mut m = OffsetMap::new(5);
        m.push_exact(0, 1);
        m.push_exact(4, 1);
        assert_eq!(m.map_range(0, 2), (0, 5));
        assert_eq!(m.map_range(1, 2), (4, 5));
    }
}
