//! Stage 3b: the body (ô 6): paragraphs, items and the tree of numbered
//! sections.
//!
//! Lines are first joined into paragraphs: a hard-wrapped sentence is one
//! paragraph, and so is a sentence broken by a page break or a blank line
//! (`cấp xã,` / blank / `huyện đạt chuẩn`). Each paragraph then opens a
//! section (`Phần`, `Chương`, `Mục`, `Điều`, `I.`, `1.`, `1.1.`, `a)`), is a
//! list item (`-`, `+`, `•`), or is running text. Sections nest by rank;
//! `+` items nest under the `-` item before them. Paragraphs after the last
//! section that close the document (`Yêu cầu …`, `… ./.`) go to `closing`.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::lines::{Line, LineKind};
use crate::model::{Block, Body, Section, SectionKind};
use crate::scan::{char_at, run, skip_ws};
use crate::span::Span;
use crate::text::{folded_starts_with, is_upper_line, markers, push_line, strip_marker, KeyPrefix};
use SectionKind as K;

/// A paragraph of joined lines (normalised offsets).
#[derive(Debug, Clone)]
struct Para {
    start: usize,
    end: usize,
    text: String,
    /// For each joined line: where it starts in `text` and in the
    /// normalised text (lines are joined with one space, and blank or noise
    /// lines between them are skipped, so `text` is not a slice of it).
    /// Empty for a paragraph of one line (no allocation for most): it
    /// starts at 0 and at `start`.
    lines: Vec<(usize, usize)>,
    /// What `text` opens, when it was already read from the paragraph's
    /// only line.
    opener: Option<Opener>,
}

impl Para {
    /// The paragraph with no more lines to come: the text of joined lines
    /// grew by doubling, and goes into the model as it is.
    fn finished(mut self) -> Self {
        if !self.lines.is_empty() {
            self.text.shrink_to_fit();
        }
        self
    }

    /// The normalised offset of byte `k` of `text`.
    fn at(&self, k: usize) -> usize {
        let i = self
            .lines
            .partition_point(|&(t, _)| t <= k)
            .saturating_sub(1);
        let (t, n) = self.lines.get(i).copied().unwrap_or((0, self.start));
        (n + (k - t.min(k))).min(self.end)
    }
}

/// A heading pattern, compiled on first use: [`fast_heading`] decides
/// articles and numbered headings by hand, so their patterns are seldom
/// needed.
struct Heading {
    pattern: &'static str,
    re: OnceLock<Regex>,
}

impl Heading {
    /// The compiled pattern.
    fn regex(&self) -> &Regex {
        self.re
            .get_or_init(|| Regex::new(self.pattern).expect("valid regex"))
    }
}

/// A [`Heading`] not compiled yet.
const fn pat(pattern: &'static str) -> Heading {
    Heading {
        pattern,
        re: OnceLock::new(),
    }
}

/// The heading patterns, in the order they are tried.
static HEADING: [(K, Heading); 8] = [
    (
        K::Part,
        pat(r"^(?i:phần)\s+(thứ\s+\p{L}+|[IVXLC]+|\d+)\b\s*[.:\-–]?\s*"),
    ),
    (
        K::Chapter,
        pat(r"^(?i:chương)\s+([IVXLC]+|\d+)\b\s*[.:\-–]?\s*"),
    ),
    (
        K::Division,
        pat(r"^(?i:mục)\s+(\d+|[IVXLC]+)\b\s*[.:\-–]?\s*"),
    ),
    (K::Article, pat(r"^Điều\s+(\d+[a-zđ]?)\s*[.:]?\s+")),
    (K::Roman, pat(r"^([IVX]+)\s*[.)\-–]\s*")),
    (K::SubNumbered, pat(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+")),
    (K::Numbered, pat(r"^(\d{1,3})\s*[.)\-–/]\s*")),
    (K::Lettered, pat(r"^([a-zđ])\s*[).\-/]\s+")),
];

/// What a paragraph opens.
#[derive(Debug, Clone)]
enum Opener {
    Section(SectionKind, String, usize),
    Item(String, usize),
    Text,
}

/// The heading patterns that can match `t`, chosen by its first char and
/// checked against [`may_be_heading`] (the patterns are in [`HEADING`]'s
/// order: Part, Chapter, Division, Article, Roman, SubNumbered, Numbered,
/// Lettered), so most lines try none.
fn heading_candidates(t: &str) -> &'static [(SectionKind, Heading)] {
    let all = &HEADING;
    let mut cs = t.chars();
    let first = cs.next();
    // `a)`, `c.`, `đ/`: a lowercase letter, then its punctuation
    if first.is_some_and(|c| c.is_ascii_lowercase() || c == 'đ')
        && matches!(cs.find(|&c| c != ' '), Some(')' | '.' | '/' | '-' | '–'))
    {
        return &all[7..8];
    }
    let range = match first {
        Some('P' | 'p') => 0..1,
        Some('C' | 'c') => 1..2,
        Some('M' | 'm') => 2..3,
        Some('Đ') => 3..4,
        Some('I' | 'V' | 'X') => 4..5,
        Some('0'..='9') => 5..7,
        _ => 0..0,
    };
    match first {
        Some(c) if !range.is_empty() && may_be_heading(c, t) => &all[range],
        _ => &[],
    }
}

/// A test every line that a heading pattern for first char `first` matches
/// passes, cheaper than the pattern:
/// - `(?i:phần)`, `(?i:chương)`, `(?i:mục)`: the word in either case
///   ([`starts_with_caseless`]);
/// - `Điều`: the word itself;
/// - `[IVX]+` and `\d{1,3}`, `\d{1,2}(?:\.\d{1,2})+`: after the run of
///   numerals, a space (`\s`) or the punctuation that must follow
///   (`.`, `)`, `-`, `/`); any non-ASCII char (`–`, a wide space, a
///   non-ASCII digit) is left to the pattern.
fn may_be_heading(first: char, t: &str) -> bool {
    let after_number = |rest: &str| {
        rest.chars().next().is_some_and(|c| {
            !c.is_ascii() || c.is_whitespace() || matches!(c, '.' | ')' | '-' | '/')
        })
    };
    match first {
        'P' | 'p' => starts_with_caseless(t, "phần"),
        'C' | 'c' => starts_with_caseless(t, "chương"),
        'M' | 'm' => starts_with_caseless(t, "mục"),
        'Đ' => t.starts_with("Điều"),
        'I' | 'V' | 'X' => after_number(t.trim_start_matches(['I', 'V', 'X'])),
        _ => after_number(t.trim_start_matches(|c: char| c.is_ascii_digit())),
    }
}

/// Whether `t` starts with `word` (lowercase) in any case: each char
/// lowercases to the word's. The regex's `(?i:…)` matches a char and its
/// simple case variants, which all lowercase to it, so this passes every
/// line the regex matches.
fn starts_with_caseless(t: &str, word: &str) -> bool {
    let mut cs = t.chars();
    word.chars().all(|w| {
        cs.next()
            .is_some_and(|c| c == w || c.to_lowercase().eq([w]))
    })
}

/// What a hand-written heading matcher found.
#[derive(Debug, PartialEq, Eq)]
enum Fast {
    /// The pattern matches: the label and the match's end.
    Match(Range<usize>, usize),
    NoMatch,
    /// Not decided here (a non-ASCII digit, or a pattern without a matcher):
    /// the regex decides.
    Unsure,
}

/// End of the run of ASCII digits at byte `at`; `None` when a non-ASCII
/// digit follows the run (`\d` is Unicode).
fn digit_run(t: &str, at: usize) -> Option<usize> {
    let end = run(t, at, |c| c.is_ascii_digit());
    match char_at(t, end) {
        Some(c) if !c.is_ascii() && c.is_numeric() => None,
        _ => Some(end),
    }
}

/// After `\s*` from byte `at`: one of `puncts`, then `\s*`; the end, or
/// `None`.
fn punct_then_spaces(t: &str, at: usize, puncts: &[char]) -> Option<usize> {
    let p = skip_ws(t, at, t.len());
    let c = t.get(p..)?.chars().next().filter(|c| puncts.contains(c))?;
    Some(skip_ws(t, p + c.len_utf8(), t.len()))
}

/// The [`HEADING`] patterns for articles and numbered kinds, by hand: a
/// regex capture per numbered line was most of the body's time. Each repeated part is
/// greedy and the chars that may follow it cannot continue it (a digit
/// never follows a maximal digit run, a space never follows `\s*`), so
/// backtracking never finds another match and one forward pass decides.
fn fast_heading(kind: SectionKind, t: &str) -> Fast {
    let decided =
        |m: Option<(usize, usize)>| m.map_or(Fast::NoMatch, |(l, e)| Fast::Match(0..l, e));
    match kind {
        // `^([IVX]+)\s*[.)\-–]\s*`
        SectionKind::Roman => {
            let label = t
                .bytes()
                .take_while(|b| matches!(b, b'I' | b'V' | b'X'))
                .count();
            decided(
                (label > 0)
                    .then(|| punct_then_spaces(t, label, &['.', ')', '-', '–']))
                    .flatten()
                    .map(|e| (label, e)),
            )
        }
        // `^(\d{1,3})\s*[.)\-–/]\s*`
        SectionKind::Numbered => {
            let Some(label) = digit_run(t, 0) else {
                return Fast::Unsure;
            };
            decided(
                (1..=3)
                    .contains(&label)
                    .then(|| punct_then_spaces(t, label, &['.', ')', '-', '–', '/']))
                    .flatten()
                    .map(|e| (label, e)),
            )
        }
        // `^(\d{1,2}(?:\.\d{1,2})+)\.?\s+`
        SectionKind::SubNumbered => {
            let Some(mut label) = digit_run(t, 0) else {
                return Fast::Unsure;
            };
            if !(1..=2).contains(&label) {
                return Fast::NoMatch;
            }
            let mut groups = 1;
            while t.get(label..).is_some_and(|r| r.starts_with('.')) {
                let Some(end) = digit_run(t, label + 1) else {
                    return Fast::Unsure;
                };
                if !(1..=2).contains(&(end - label - 1)) {
                    break;
                }
                label = end;
                groups += 1;
            }
            let dot = label + usize::from(t.get(label..).is_some_and(|r| r.starts_with('.')));
            let end = skip_ws(t, dot, t.len());
            decided((groups >= 2 && end > dot).then_some((label, end)))
        }
        // `^([a-zđ])\s*[).\-/]\s+`
        SectionKind::Lettered => {
            let label = t
                .chars()
                .next()
                .filter(|&c| c.is_ascii_lowercase() || c == 'đ')
                .map_or(0, char::len_utf8);
            let m = (label > 0).then(|| {
                let p = skip_ws(t, label, t.len());
                let c = t
                    .get(p..)?
                    .chars()
                    .next()
                    .filter(|c| matches!(c, ')' | '.' | '-' | '/'))?;
                let q = p + c.len_utf8();
                let end = skip_ws(t, q, t.len());
                (end > q).then_some((label, end))
            });
            decided(m.flatten())
        }
        // `^Điều\s+(\d+[a-zđ]?)\s*[.:]?\s+`: after the label, the spaces
        // and an optional `.`/`:` must leave at least one space to end on;
        // without one after the punctuation, the match ends at the spaces
        // before it (if any)
        SectionKind::Article => {
            let Some(rest) = t.strip_prefix("Điều") else {
                return Fast::NoMatch;
            };
            let at = t.len() - rest.len();
            let start = skip_ws(t, at, t.len());
            let Some(digits) = digit_run(t, start) else {
                return Fast::Unsure;
            };
            if start == at || digits == start {
                return Fast::NoMatch;
            }
            let label = digits
                + t.get(digits..)
                    .and_then(|r| r.chars().next())
                    .filter(|&c| c.is_ascii_lowercase() || c == 'đ')
                    .map_or(0, char::len_utf8);
            let gap = skip_ws(t, label, t.len());
            if t.get(gap..).is_some_and(|r| r.starts_with(['.', ':'])) {
                let after = skip_ws(t, gap + 1, t.len());
                if after > gap + 1 {
                    return Fast::Match(start..label, after);
                }
            }
            if gap > label {
                Fast::Match(start..label, gap)
            } else {
                Fast::NoMatch
            }
        }
        _ => Fast::Unsure,
    }
}

/// Where heading pattern `re` of `kind` matches `t`: the label and the
/// match's end.
fn heading_match(kind: SectionKind, re: &Heading, t: &str) -> Option<(Range<usize>, usize)> {
    match fast_heading(kind, t) {
        Fast::Match(label, end) => Some((label, end)),
        Fast::NoMatch => None,
        Fast::Unsure => {
            let c = re.regex().captures(t)?;
            let (all, label) = (c.get(0)?, c.get(1)?);
            Some((label.range(), all.end()))
        }
    }
}

fn opener(t: &str) -> Opener {
    for (kind, re) in heading_candidates(t) {
        let Some((label, end)) = heading_match(*kind, re, t) else {
            continue;
        };
        let next = t.get(end..).and_then(|r| r.chars().next());
        let ok = match kind {
            SectionKind::Roman | SectionKind::Numbered => next.is_some_and(|n| !n.is_ascii_digit()),
            _ => true,
        };
        // "V/v" and "I.1" are not Roman headings
        let slash = t.get(label.end..).is_some_and(|r| r.starts_with('/'));
        if ok && !(matches!(kind, SectionKind::Roman) && slash) {
            let label = t.get(label).unwrap_or_default().to_owned();
            return Opener::Section(*kind, label, end);
        }
    }
    let rest = strip_marker(t);
    if rest.len() < t.len() && !rest.is_empty() {
        let m = markers(t);
        return Opener::Item(m, t.len() - rest.len());
    }
    Opener::Text
}

/// Whether line `t`, which opens `op`, starts a new paragraph.
fn opens_block(t: &str, op: &Opener) -> bool {
    if !matches!(op, Opener::Text) || is_upper_line(t) {
        return true;
    }
    [
        "can cu",
        "xet de nghi",
        "theo de nghi",
        "quyet dinh:",
        "quyet nghi:",
    ]
    .iter()
    .any(|p| folded_starts_with(t, p))
}

fn is_open(text: &str) -> bool {
    !text
        .trim_end()
        .ends_with(['.', ':', ';', '!', '?', '"', '”'])
}

/// Joins the lines of `lines` into paragraphs, one at a time: only the
/// paragraph being joined is held, never one per line (a file of short
/// lines would hold a `Para` per line on top of the model built from them).
struct Paragraphs<'a> {
    text: &'a str,
    lines: std::slice::Iter<'a, Line>,
    /// The paragraph being joined: yielded when a line does not go on it.
    open: Option<Para>,
    /// Content lines not read yet, and in all.
    unread: usize,
    content: usize,
}

impl<'a> Paragraphs<'a> {
    fn new(text: &'a str, lines: &'a [Line]) -> Self {
        let content = lines.iter().filter(|l| l.is_content()).count();
        Paragraphs {
            text,
            lines: lines.iter(),
            open: None,
            unread: content,
            content,
        }
    }

    /// Content lines read so far.
    fn read(&self) -> usize {
        self.content - self.unread
    }

    /// The most paragraphs still to come: one per content line not read,
    /// and the one being joined.
    fn left(&self) -> usize {
        self.unread + usize::from(self.open.is_some())
    }
}

impl Iterator for Paragraphs<'_> {
    type Item = Para;

    fn next(&mut self) -> Option<Para> {
        let (mut blank, mut noise) = (false, false);
        for line in self.lines.by_ref() {
            match line.kind {
                LineKind::Blank | LineKind::Separator => {
                    blank = true;
                    continue;
                }
                LineKind::Noise | LineKind::Stamp => {
                    noise = true;
                    continue;
                }
                LineKind::Content => self.unread -= 1,
            }
            let t = line.text(self.text);
            let lower = t.chars().next().is_some_and(char::is_lowercase);
            // whether the line goes on the paragraph before, as far as the
            // paragraph's end and the gap tell
            let continues = self.open.as_ref().is_some_and(|p| {
                let open = is_open(&p.text);
                if blank || noise {
                    open && (lower || (noise && !blank))
                } else {
                    open || lower
                }
            });
            // only then does what the line opens matter; it is kept, as a
            // line that starts a paragraph is read again as the paragraph's
            // text
            let mut op = None;
            let join = continues && {
                let o = opener(t);
                let opens = opens_block(t, &o);
                op = Some(o);
                !opens
            };
            blank = false;
            noise = false;
            if join {
                if let Some(p) = self.open.as_mut() {
                    push_line(&mut p.text, t);
                    if p.lines.is_empty() {
                        p.lines.push((0, p.start));
                    }
                    p.lines.push((p.text.len() - t.len(), line.start));
                    p.end = line.end;
                    p.opener = None;
                }
                continue;
            }
            let next = Para {
                start: line.start,
                end: line.end,
                text: t.to_owned(),
                lines: Vec::new(),
                opener: op,
            };
            if let Some(done) = self.open.replace(next) {
                return Some(done.finished());
            }
        }
        self.open.take().map(Para::finished)
    }
}

/// Deepest numbered sub-level (`1.1.1.1.1.1.1.1.1` has 8 dots).
const MAX_SUB_DEPTH: usize = 8;

fn rank(kind: SectionKind, label: &str) -> (u8, u8) {
    let base = match kind {
        SectionKind::Part => 0,
        SectionKind::Chapter => 1,
        SectionKind::Division => 2,
        SectionKind::Article => 3,
        SectionKind::Roman => 4,
        SectionKind::Numbered | SectionKind::SubNumbered => 5,
        SectionKind::Lettered => 7,
    };
    // deeper numbering (`1.1.1.1.1.1.1.1.1`) is read as siblings: the model
    // stays shallow enough for any JSON reader (serde_json stops at 128)
    let depth = u8::try_from(label.matches('.').count().min(MAX_SUB_DEPTH)).unwrap_or(u8::MAX);
    (base, depth)
}

struct Builder {
    body: Body,
    stack: Vec<(Section, (u8, u8))>,
    closing: bool,
    any_section: bool,
    /// Content lines read so far.
    read: usize,
    /// The most paragraphs still to place, the one being placed included.
    left: usize,
}

/// Pushes `x` onto `v`, a list of the body that may hold most of it (a file
/// of list items, of articles): when it is full and holds a block or
/// section for at least three of every four content lines read, it grows
/// once to hold `left` more, the most that can come, instead of doubling
/// (the rest of the body is likely the same: at most a third more room
/// than needed). Doubling would leave up to twice the room
/// needed in the model, and held both copies at once as it grew (88 bytes a
/// block, 120 a section, per line of such a file).
fn push_sized<T>(v: &mut Vec<T>, x: T, read: usize, left: usize) {
    if v.len() == v.capacity() && v.len() >= 16 && v.len() * 4 >= read * 3 {
        v.reserve_exact(left.max(1));
    }
    v.push(x);
}

/// Gives back the room of the nested items of `last`, the block before the
/// one pushed after it: none can come any more (their vector reserved
/// four at its first push).
fn close_items(last: Option<&mut Block>) {
    if let Some(Block::Item { items, .. }) = last {
        items.shrink_to_fit();
    }
}

impl Builder {
    fn blocks_mut(&mut self) -> &mut Vec<Block> {
        if self.closing {
            return &mut self.body.closing;
        }
        match self.stack.last_mut() {
            Some((s, _)) => &mut s.blocks,
            None => &mut self.body.preamble,
        }
    }

    fn extend_open(&mut self, end: usize) {
        for (s, _) in &mut self.stack {
            s.span.end = s.span.end.max(end);
        }
    }

    fn push_block(&mut self, block: Block) {
        let end = block.span().end;
        let (read, left) = (self.read, self.left);
        let blocks = self.blocks_mut();
        if let Block::Item { marker, .. } = &block {
            if marker.contains('+') {
                if let Some(Block::Item {
                    marker: pm,
                    items,
                    span,
                    ..
                }) = blocks.last_mut()
                {
                    if !pm.contains('+') {
                        items.push(block);
                        span.end = span.end.max(end);
                        if !self.closing {
                            self.extend_open(end);
                        }
                        return;
                    }
                }
            }
        }
        close_items(blocks.last_mut());
        push_sized(blocks, block, read, left);
        if !self.closing {
            self.extend_open(end);
        }
    }

    fn close_to(&mut self, r: (u8, u8)) {
        while self.stack.last().is_some_and(|(_, top)| *top >= r) {
            self.pop();
        }
    }

    fn pop(&mut self) {
        if let Some((mut sec, _)) = self.stack.pop() {
            // closed: no more blocks or subsections come, and a vector's
            // first push reserves four (a section with one paragraph would
            // keep room for three more, 264 bytes, per line of an article
            // list)
            close_items(sec.blocks.last_mut());
            sec.blocks.shrink_to_fit();
            sec.sections.shrink_to_fit();
            // this section, those still open and those to come
            let left = 1 + self.stack.len() + self.left;
            match self.stack.last_mut() {
                Some((parent, _)) => {
                    parent.span.end = parent.span.end.max(sec.span.end);
                    push_sized(&mut parent.sections, sec, self.read, left);
                }
                None => push_sized(&mut self.body.sections, sec, self.read, left),
            }
        }
    }

    fn finish(mut self) -> Body {
        self.left = 0;
        while !self.stack.is_empty() {
            self.pop();
        }
        close_items(self.body.preamble.last_mut());
        close_items(self.body.closing.last_mut());
        self.body
    }
}

/// Parses the body from its lines.
pub(crate) fn parse(text: &str, lines: &[Line]) -> Body {
    let mut b = Builder {
        body: Body::default(),
        stack: Vec::new(),
        closing: false,
        any_section: false,
        read: 0,
        left: 0,
    };
    let mut paragraphs = Paragraphs::new(text, lines);
    while let Some(mut p) = paragraphs.next() {
        b.read = paragraphs.read();
        b.left = 1 + paragraphs.left();
        let op = p.opener.take().unwrap_or_else(|| opener(&p.text));
        match op {
            Opener::Section(kind, label, rest_at) => {
                if b.closing {
                    // what looked like the closing is not: a section follows
                    b.closing = false;
                    for block in std::mem::take(&mut b.body.closing) {
                        b.push_block(block);
                    }
                }
                b.any_section = true;
                let r = rank(kind, &label);
                b.close_to(r);
                let mut label = label;
                label.truncate(label.trim_end_matches('.').len());
                let mut sec = Section {
                    kind,
                    label,
                    heading: None,
                    blocks: Vec::new(),
                    sections: Vec::new(),
                    span: Span::new(p.start, p.end),
                };
                let rest = &p.text[rest_at..];
                split_heading(&p, rest, &mut sec);
                b.stack.push((sec, r));
            }
            Opener::Item(marker, at) => {
                // the item's text, a copy of its own size: cut out of the
                // paragraph's buffer, it kept the marker's room too (three
                // bytes for the `a` of `- a`)
                let text = p.text[at..].trim().to_owned();
                b.push_block(Block::Item {
                    marker,
                    text,
                    items: Vec::new(),
                    span: Span::new(p.start, p.end),
                });
            }
            Opener::Text => {
                // a chapter title on the line after `Chương II`
                if let Some((top, _)) = b.stack.last_mut().filter(|_| !b.closing) {
                    if top.heading.is_none()
                        && top.blocks.is_empty()
                        && top.sections.is_empty()
                        && matches!(
                            top.kind,
                            SectionKind::Part | SectionKind::Chapter | SectionKind::Division
                        )
                        && is_upper_line(&p.text)
                    {
                        top.heading = Some(p.text);
                        top.span.end = p.end;
                        b.extend_open(p.end);
                        continue;
                    }
                }
                let started = b.any_section || !b.body.preamble.is_empty();
                let top_is_article = b.stack.last().is_some_and(|(s, _)| {
                    matches!(s.kind, SectionKind::Article | SectionKind::Lettered)
                });
                if started && !b.closing && !top_is_article && is_closing(&p.text) {
                    b.closing = true;
                }
                b.push_block(Block::Paragraph {
                    text: p.text,
                    span: Span::new(p.start, p.end),
                });
            }
        }
    }
    b.finish()
}

fn is_closing(t: &str) -> bool {
    let t = t.trim_end();
    if t.ends_with("./.") || t.ends_with("/.") {
        return true;
    }
    // long enough for the longest phrase
    KeyPrefix::<25>::new(t).starts_with_any(&[
        "tren day",
        "yeu cau cac",
        "trong qua trinh thuc hien",
    ])
}

/// Heading and inline text of a section's first paragraph.
fn split_heading(p: &Para, rest: &str, sec: &mut Section) {
    let rest_trim = rest.trim();
    if rest_trim.is_empty() {
        return;
    }
    // the paragraph text is the source text with line breaks joined; find
    // offsets in the source by searching from the paragraph start
    // the first `:` among the first 150 chars
    let colon = rest.find(':').filter(|&i| rest[..i].chars().count() < 150);
    if let Some(ci) = colon {
        let after = rest[ci + 1..].trim();
        if !after.is_empty() {
            sec.heading = Some(rest[..ci].trim().to_owned());
            let start = p.at(p.text.len() - after.len());
            sec.blocks.push(Block::Paragraph {
                text: after.to_owned(),
                span: Span::new(start, p.end),
            });
            return;
        }
        sec.heading = Some(rest[..ci].trim().to_owned());
        return;
    }
    if !rest_trim.ends_with(['.', ';']) && rest_trim.chars().count() <= 200 {
        sec.heading = Some(rest_trim.to_owned());
        return;
    }
    sec.blocks.push(Block::Paragraph {
        text: rest_trim.to_owned(),
        span: Span::new(p.at(p.text.len() - rest.trim_start().len()), p.end),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split;

    fn body(t: &str) -> Body {
        parse(t, &split(t))
    }

    #[test]
    fn sections_items_and_closing() {
        let t = "Mở đầu.\n\n1. Nhóm một\n\n- Việc a;\n+ chi tiết\n- Việc b.\n\n2. Nhóm hai: Làm ngay.\n\nYêu cầu các đơn vị thực hiện./.";
        let b = body(t);
        assert_eq!(b.preamble.len(), 1);
        assert_eq!(b.sections.len(), 2);
        let s1 = &b.sections[0];
        assert_eq!(
            (s1.label.as_str(), s1.heading.as_deref()),
            ("1", Some("Nhóm một"))
        );
        assert_eq!(s1.blocks.len(), 2);
        let Block::Item { items, .. } = &s1.blocks[0] else {
            panic!("item expected")
        };
        assert_eq!(items.len(), 1);
        assert_eq!(b.sections[1].heading.as_deref(), Some("Nhóm hai"));
        assert_eq!(b.sections[1].blocks[0].text(), "Làm ngay.");
        assert_eq!(b.closing.len(), 1);
    }

    #[test]
    fn closing_phrases_start_the_closing() {
        // each phrase, without the `./.` mark, after the last section
        for closing in [
            "Trên đây là kế hoạch của Sở.",
            "Yêu cầu các đơn vị thực hiện.",
            "Trong quá trình thực hiện, nếu có vướng mắc, báo cáo về Sở.",
        ] {
            let t = format!("1. Nhóm một\n\n- Việc a.\n\n{closing}");
            let b = body(&t);
            assert_eq!(b.sections.len(), 1, "{closing}");
            assert_eq!(b.closing.len(), 1, "{closing}");
            assert_eq!(b.closing[0].text(), closing);
        }
        let b = body("1. Nhóm một\n\n- Việc a.\n\nTrong khi chờ, giữ nguyên.");
        assert!(b.closing.is_empty());
    }

    #[test]
    fn broken_sentence_is_joined() {
        let t = "- theo Công văn về việc thẩm định cấp xã,\n\nhuyện đạt chuẩn. Tiếp theo.\n\n- Mục khác.";
        let b = body(t);
        assert_eq!(b.preamble.len(), 2);
        assert!(b.preamble[0].text().contains("cấp xã, huyện đạt chuẩn"));
    }

    #[test]
    fn articles_nest_clauses_and_points() {
        let t = "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1. Khoản một:\na) Điểm a;\nđ) Điểm đ.\n2. Khoản hai.\nĐiều 2. Hiệu lực";
        let b = body(t);
        assert_eq!(b.sections.len(), 1);
        let ch = &b.sections[0];
        assert_eq!(ch.heading.as_deref(), Some("QUY ĐỊNH CHUNG"));
        assert_eq!(ch.sections.len(), 2);
        let art = &ch.sections[0];
        assert_eq!(art.sections.len(), 2);
        assert_eq!(art.sections[0].sections.len(), 2);
        assert_eq!(art.sections[0].sections[1].label, "đ");
    }

    #[test]
    fn heading_patterns_are_chosen_by_the_first_char() {
        let kinds = |t: &str| {
            heading_candidates(t)
                .iter()
                .map(|(k, _)| *k)
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds("c) Sở Tài chính"), [SectionKind::Lettered]);
        assert_eq!(kinds("chương II"), [SectionKind::Chapter]);
        assert_eq!(
            kinds("12. Nội dung"),
            [SectionKind::SubNumbered, SectionKind::Numbered]
        );
        assert!(kinds("Căn cứ Luật")
            .iter()
            .all(|k| *k == SectionKind::Chapter));
        assert!(kinds("Sở Tài chính").is_empty());
    }

    #[test]
    fn the_heading_prefilter_passes_every_heading() {
        let samples = [
            "Phần thứ nhất",
            "PHẦN I. QUY ĐỊNH",
            "pHần 2",
            "Phòng Tài chính",
            "PhẦN 3",
            "CHƯơNG IV",
            "mỤC 2",
            "Chính phủ",
            "Chương II",
            "CHƯƠNG 3: X",
            "Căn cứ Luật",
            "Mục 1",
            "MỤC IV",
            "Mua sắm",
            "Điều 5. Hiệu lực",
            "Điều 12a",
            "Đối với",
            "IV. Tổ chức",
            "II) X",
            "I– X",
            "X - Y",
            "V/v",
            "VI\u{00A0}. X",
            "Việt Nam",
            "1. Nội dung",
            "1.2. Nội dung",
            "12) a",
            "3 - b",
            "4/ c",
            "5– d",
            "1\u{0663}. x",
            "2024 năm",
            "100",
            "1\u{000B}.x",
        ];
        let all = &HEADING;
        for t in samples {
            let matched = all.iter().any(|(_, re)| re.regex().is_match(t));
            let kept = heading_candidates(t)
                .iter()
                .any(|(_, re)| re.regex().is_match(t));
            if matched && !t.starts_with(|c: char| c.is_ascii_lowercase() || c == 'đ') {
                assert!(kept, "{t:?}");
            }
        }
    }

    #[test]
    fn fast_headings_agree_with_the_patterns() {
        use proptest::prelude::*;
        let all = &HEADING;
        let matched = std::cell::RefCell::new([0usize; 8]);
        crate::oracle::sweep(crate::oracle::body::heading_text(), 100_000, |t| {
            for (k, (kind, re)) in all.iter().enumerate() {
                let slow = re
                    .regex()
                    .captures(t)
                    .and_then(|c| Some((c.get(1)?.range(), c.get(0)?.end())));
                match fast_heading(*kind, t) {
                    Fast::Match(l, e) => {
                        matched.borrow_mut()[k] += 1;
                        prop_assert_eq!(&slow, &Some((l, e)), "{:?}", kind);
                    }
                    Fast::NoMatch => prop_assert_eq!(&slow, &None, "{:?}", kind),
                    Fast::Unsure => {}
                }
                prop_assert_eq!(heading_match(*kind, re, t), slow, "{:?}", kind);
            }
            Ok(0)
        });
        let matched = matched.into_inner();
        // Article, Roman, SubNumbered, Numbered, Lettered all matched some samples
        assert!(matched[3..].iter().all(|&n| n > 100), "{matched:?}");
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let t = "Căn cứ Nghị định số 34/2016/NĐ-CP ngày 14/5/2016 của Chính phủ quy định\nchi tiết một số điều;\nCăn cứ Luật X;";
        let b = body(t);
        assert_eq!(b.preamble.len(), 2);
    }
}
