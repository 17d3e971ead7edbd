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

use std::sync::LazyLock;

use regex::Regex;

use crate::fold::fold;
use crate::lines::{Line, LineKind};
use crate::model::{Block, Body, Section, SectionKind};
use crate::span::Span;
use crate::text::{is_upper_line, markers, push_line, strip_marker};

/// A paragraph of joined lines (normalised offsets).
#[derive(Debug, Clone)]
struct Para {
    start: usize,
    end: usize,
    text: String,
    /// For each joined line: where it starts in `text` and in the
    /// normalised text (lines are joined with one space, and blank or noise
    /// lines between them are skipped, so `text` is not a slice of it).
    lines: Vec<(usize, usize)>,
}

impl Para {
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

static HEADING: LazyLock<[(SectionKind, Regex); 8]> = LazyLock::new(|| {
    let r = |p: &str| Regex::new(p).expect("valid regex");
    [
        (
            SectionKind::Part,
            r(r"^(?i:phần)\s+(thứ\s+\p{L}+|[IVXLC]+|\d+)\b\s*[.:\-–]?\s*"),
        ),
        (
            SectionKind::Chapter,
            r(r"^(?i:chương)\s+([IVXLC]+|\d+)\b\s*[.:\-–]?\s*"),
        ),
        (
            SectionKind::Division,
            r(r"^(?i:mục)\s+(\d+|[IVXLC]+)\b\s*[.:\-–]?\s*"),
        ),
        (SectionKind::Article, r(r"^Điều\s+(\d+[a-zđ]?)\s*[.:]?\s+")),
        (SectionKind::Roman, r(r"^([IVX]+)\s*[.)\-–]\s*")),
        (
            SectionKind::SubNumbered,
            r(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+"),
        ),
        (SectionKind::Numbered, r(r"^(\d{1,3})\s*[.)\-–/]\s*")),
        (SectionKind::Lettered, r(r"^([a-zđ])\s*[).\-/]\s+")),
    ]
});

/// What a paragraph opens.
enum Opener {
    Section(SectionKind, String, usize),
    Item(String, usize),
    Text,
}

/// The heading patterns that can match `t`, chosen by its first char (the
/// patterns are in [`HEADING`]'s order: Part, Chapter, Division, Article,
/// Roman, SubNumbered, Numbered, Lettered), so most lines try none.
fn heading_candidates(t: &str) -> &'static [(SectionKind, Regex)] {
    let all: &'static [(SectionKind, Regex); 8] = &HEADING;
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
    &all[range]
}

fn opener(t: &str) -> Opener {
    for (kind, re) in heading_candidates(t) {
        if let Some(c) = re.captures(t) {
            let (Some(all), Some(label)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let next = t[all.end()..].chars().next();
            let ok = match kind {
                SectionKind::Roman | SectionKind::Numbered => {
                    next.is_some_and(|n| !n.is_ascii_digit())
                }
                _ => true,
            };
            // "V/v" and "I.1" are not Roman headings
            if ok && !(matches!(kind, SectionKind::Roman) && t[label.end()..].starts_with('/')) {
                return Opener::Section(*kind, label.as_str().to_owned(), all.end());
            }
        }
    }
    let rest = strip_marker(t);
    if rest.len() < t.len() && !rest.is_empty() {
        let m = markers(t);
        return Opener::Item(m, t.len() - rest.len());
    }
    Opener::Text
}

fn opens_block(t: &str) -> bool {
    if !matches!(opener(t), Opener::Text) || is_upper_line(t) {
        return true;
    }
    let key = fold(
        t.get(..t.char_indices().nth(24).map_or(t.len(), |(i, _)| i))
            .unwrap_or(t),
    );
    [
        "can cu",
        "xet de nghi",
        "theo de nghi",
        "quyet dinh:",
        "quyet nghi:",
    ]
    .iter()
    .any(|p| key.starts_with(p))
}

fn is_open(text: &str) -> bool {
    !text
        .trim_end()
        .ends_with(['.', ':', ';', '!', '?', '"', '”'])
}

/// Joins the lines of `lines` into paragraphs.
fn paragraphs(text: &str, lines: &[Line]) -> Vec<Para> {
    let mut paras: Vec<Para> = Vec::new();
    let (mut blank, mut noise) = (false, false);
    for line in lines {
        match line.kind {
            LineKind::Blank | LineKind::Separator => {
                blank = true;
                continue;
            }
            LineKind::Noise | LineKind::Stamp => {
                noise = true;
                continue;
            }
            LineKind::Content => {}
        }
        let t = line.text(text);
        let lower = t.chars().next().is_some_and(char::is_lowercase);
        let join = match paras.last() {
            Some(p) if !opens_block(t) => {
                let open = is_open(&p.text);
                if blank || noise {
                    open && (lower || (noise && !blank))
                } else {
                    open || lower
                }
            }
            _ => false,
        };
        if join {
            if let Some(p) = paras.last_mut() {
                push_line(&mut p.text, t);
                p.lines.push((p.text.len() - t.len(), line.start));
                p.end = line.end;
            }
        } else {
            paras.push(Para {
                start: line.start,
                end: line.end,
                text: t.to_owned(),
                lines: vec![(0, line.start)],
            });
        }
        blank = false;
        noise = false;
    }
    paras
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
        blocks.push(block);
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
        if let Some((sec, _)) = self.stack.pop() {
            match self.stack.last_mut() {
                Some((parent, _)) => {
                    parent.span.end = parent.span.end.max(sec.span.end);
                    parent.sections.push(sec);
                }
                None => self.body.sections.push(sec),
            }
        }
    }

    fn finish(mut self) -> Body {
        while !self.stack.is_empty() {
            self.pop();
        }
        self.body
    }
}

/// Parses the body from its lines.
pub(crate) fn parse(text: &str, lines: &[Line]) -> Body {
    let paras = paragraphs(text, lines);
    let mut b = Builder {
        body: Body::default(),
        stack: Vec::new(),
        closing: false,
        any_section: false,
    };
    for p in paras {
        match opener(&p.text) {
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
                let mut sec = Section {
                    kind,
                    label: label.trim_end_matches('.').to_owned(),
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
                let t = p.text[at..].trim();
                b.push_block(Block::Item {
                    marker,
                    text: t.to_owned(),
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
                        top.heading = Some(p.text.clone());
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
                    text: p.text.clone(),
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
    let key = fold(
        t.get(..t.char_indices().nth(20).map_or(t.len(), |(i, _)| i))
            .unwrap_or(t),
    );
    ["tren day", "yeu cau cac", "trong qua trinh thuc hien"]
        .iter()
        .any(|p| key.starts_with(p))
}

/// Heading and inline text of a section's first paragraph.
fn split_heading(p: &Para, rest: &str, sec: &mut Section) {
    let rest_trim = rest.trim();
    if rest_trim.is_empty() {
        return;
    }
    // the paragraph text is the source text with line breaks joined; find
    // offsets in the source by searching from the paragraph start
    let colon = rest
        .char_indices()
        .take(150)
        .find(|&(_, c)| c == ':')
        .map(|(i, _)| i);
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
    fn hard_wrapped_lines_join() {
        let t = "Căn cứ Nghị định số 34/2016/NĐ-CP ngày 14/5/2016 của Chính phủ quy định\nchi tiết một số điều;\nCăn cứ Luật X;";
        let b = body(t);
        assert_eq!(b.preamble.len(), 2);
    }
}
