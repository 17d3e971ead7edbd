//! Byte spans into the caller's input, and where they fall in lines and
//! columns.
//!
//! [`Span`] is the one vocabulary for a range of text, inside the parser as
//! in the model. [`LineIndex`] turns a byte offset into a line and a column
//! for people (`congvan check` prints `file:line:col`, `congvan parse
//! --trace` numbers lines with it).

use std::ops::{Index, Range};

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into the exact input given to
/// [`crate::parse`]. It always lies on `char` boundaries, so
/// `&input[span.start..span.end]` is the source text of the value.
///
/// In JSON a span is a two-element array: `[start, end]`.
///
/// A span converts from and to a `Range<usize>`, and indexes a `str`
/// directly (which panics, as `&text[a..b]` does, when the span is out of
/// bounds or not on char boundaries; [`Span::slice`] does not):
///
/// ```
/// use congvan::Span;
///
/// let text = "Số: 12/QĐ-UBND";
/// let span = Span::from(6..text.len());
/// assert_eq!(&text[span], "12/QĐ-UBND");
/// assert_eq!(span.slice(text), Some("12/QĐ-UBND"));
/// assert_eq!(span.range(), 6..17);
/// assert_eq!(Span::new(1, 3).slice(text), None); // inside `ố`
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the value.
    pub start: usize,
    /// One past the last byte of the value.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// An empty span at `at`, used by diagnostics about something missing.
    pub const fn empty(at: usize) -> Self {
        Self { start: at, end: at }
    }

    /// Number of bytes covered.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text under the span, or `None` when it is out of bounds or not on
    /// char boundaries.
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.start..self.end)
    }

    /// The span as a `Range<usize>`.
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

impl From<Span> for Range<usize> {
    fn from(s: Span) -> Self {
        s.range()
    }
}

/// `&text[span]`: the text under the span. Panics like `&text[a..b]` when
/// the span is out of bounds or not on char boundaries; [`Span::slice`] is
/// the checked form.
impl Index<Span> for str {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self[span.range()]
    }
}

/// `&text[span]` on a `String`, as on a `str`.
impl Index<Span> for String {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self.as_str()[span.range()]
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        Ok(Span { start, end })
    }
}

/// A line and a column, both counted from 1; the column counts chars, not
/// bytes (`Số: 12` has `1` in column 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in chars, from 1.
    pub column: usize,
}

/// Where the lines of a text start, to turn byte offsets (a [`Span`]'s
/// ends) into lines and columns.
///
/// Line ends are `\n`, `\r\n` and a lone `\r`, as the parser reads them.
/// Built once per text in one pass; each look-up is a binary search.
///
/// ```
/// use congvan::{LineIndex, Position, Span};
///
/// let text = "ỦY BAN NHÂN DÂN\r\nSố: 12/UBND\nV/v thử";
/// let lines = LineIndex::new(text);
/// assert_eq!(lines.len(), 3);
/// let at = text.find("12").unwrap();
/// assert_eq!(lines.position(at), Position { line: 2, column: 5 });
/// let line = lines.line_span(2).unwrap();
/// assert_eq!(&text[line], "Số: 12/UBND");
/// assert_eq!(lines.line_of(Span::new(at, at + 2)), line);
/// ```
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset where each line starts; the first is 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let is_break = bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n');
            if is_break {
                starts.push(i + 1);
            }
        }
        LineIndex { text, starts }
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Number of lines: one more than the line ends (a text ending with a
    /// line end has an empty last line).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Always `false`: even the empty text has one (empty) line.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The line and column of byte offset `at`. An offset past the end is
    /// taken as the end, one inside a char as that char's start.
    pub fn position(&self, at: usize) -> Position {
        let at = self.text.floor_char_boundary(at);
        let index = self.index_of(at);
        let line_start = self.starts[index];
        Position {
            line: index + 1,
            column: self.text[line_start..at].chars().count() + 1,
        }
    }

    /// The span of line `line` (from 1) without its line end, or `None`
    /// past the last line.
    pub fn line_span(&self, line: usize) -> Option<Span> {
        let index = line.checked_sub(1)?;
        let start = *self.starts.get(index)?;
        let end = self
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        let body = self.text[start..end].trim_end_matches(['\n', '\r']);
        Some(Span::new(start, start + body.len()))
    }

    /// The span of the line where `span` starts, without its line end.
    pub fn line_of(&self, span: Span) -> Span {
        let line = self.position(span.start).line;
        self.line_span(line).unwrap_or(Span::empty(self.text.len()))
    }

    /// Index in `starts` of the line holding byte `at` (`at <= text.len()`).
    fn index_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_convert_both_ways_and_index_text() {
        let text = String::from("Số: 12/QĐ-UBND");
        let span: Span = (6..8).into();
        assert_eq!(span, Span::new(6, 8));
        assert_eq!(Range::from(span), 6..8);
        assert_eq!(&text[span], "12");
        assert_eq!(&text.as_str()[span], "12");
        assert_eq!(span.slice(&text), Some("12"));
        assert_eq!(Span::new(2, 3).slice(&text), None, "inside `ố`");
        assert_eq!(Span::new(6, 99).slice(&text), None, "out of bounds");
    }

    #[test]
    fn line_ends_are_lf_crlf_and_lone_cr() {
        let text = "a\r\nbb\rccc\nd";
        let lines = LineIndex::new(text);
        assert_eq!(lines.len(), 4);
        let all: Vec<&str> = (1..=4)
            .map(|n| &text[lines.line_span(n).unwrap()])
            .collect();
        assert_eq!(all, ["a", "bb", "ccc", "d"]);
        assert_eq!(lines.line_span(0), None);
        assert_eq!(lines.line_span(5), None);
    }

    #[test]
    fn columns_count_chars_from_one() {
        let text = "ỦY BAN\r\nSố: /UBND\rdòng ba\nx";
        let lines = LineIndex::new(text);
        let at = text.find("/UBND").unwrap();
        assert_eq!(lines.position(at), Position { line: 2, column: 5 });
        let at = text.find("ba").unwrap();
        assert_eq!(lines.position(at), Position { line: 3, column: 6 });
        assert_eq!(lines.position(0), Position { line: 1, column: 1 });
        // the end of the text is the column after its last char
        assert_eq!(lines.position(text.len()), Position { line: 4, column: 2 });
        assert_eq!(&text[lines.line_of(Span::new(at, at + 2))], "dòng ba");
    }

    #[test]
    fn offsets_out_of_bounds_or_inside_a_char_are_clamped() {
        let text = "ỦY\n";
        let lines = LineIndex::new(text);
        // inside `Ủ` (3 bytes): its start
        assert_eq!(lines.position(1), Position { line: 1, column: 1 });
        // past the end: the empty last line
        assert_eq!(lines.position(99), Position { line: 2, column: 1 });
        assert_eq!(lines.line_of(Span::empty(99)), Span::empty(text.len()));
    }

    #[test]
    fn empty_text_has_one_empty_line() {
        let lines = LineIndex::new("");
        assert_eq!(lines.len(), 1);
        assert!(!lines.is_empty());
        assert_eq!(lines.line_span(1), Some(Span::empty(0)));
        assert_eq!(lines.position(0), Position { line: 1, column: 1 });
    }
}
