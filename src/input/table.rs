//! The blocks a word-processor reader finds, rendered as the text the
//! parser reads: paragraphs as lines, tables as Markdown pipe rows.

/// Where Word last rendered a page break (`w:lastRenderedPageBreak`), in a
/// reader's blocks until the page table is made; never in the text (XML
/// cannot carry U+0001, and the `.docx` reader drops it from runs).
pub(crate) const RENDERED_BREAK: char = '\u{1}';
/// A page break typed into the document (`w:br w:type="page"`), likewise.
pub(crate) const HARD_BREAK: char = '\u{2}';

/// Whether `c` is one of the page marks above.
pub(crate) fn is_page_mark(c: char) -> bool {
    c == RENDERED_BREAK || c == HARD_BREAK
}

/// Escapes the characters that Markdown would read as markup, so that a
/// reader's text reaches the parser as written.
pub(crate) fn escape_markdown(line: &str, out: &mut String) {
    let trimmed = line.trim_start();
    // page marks (`.docx` page boundaries, taken out after rendering) are
    // not text: the line is escaped as it would be without them
    let visible = || trimmed.chars().filter(|&c| !is_page_mark(c));
    // a line of dashes or equals signs would underline the line above as a
    // heading, or be a rule
    if visible().count() >= 3 && visible().all(|c| matches!(c, '-' | '=' | ' ' | '+' | '_' | '*')) {
        out.push('\\');
    }
    let mut first = true;
    let mut only_marks = true;
    for c in trimmed.chars() {
        if is_page_mark(c) {
            out.push(c);
            continue;
        }
        if only_marks && c.is_whitespace() {
            continue;
        }
        only_marks = false;
        match c {
            '\\' | '*' | '`' | '<' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '>' | '=' if first => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        first = false;
    }
}

/// Whether `s` has text other than white space and page marks.
fn has_visible(s: &str) -> bool {
    s.chars().any(|c| !c.is_whitespace() && !is_page_mark(c))
}

/// The page marks of `s`, in order.
fn marks(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|&c| is_page_mark(c))
}

/// A block of a document body, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A paragraph; `\n` inside is a line break of its own. `centered`:
    /// centred paragraphs in a row (a title and its subject lines) are
    /// rendered without blank lines between them, as one block.
    Paragraph {
        /// The text.
        text: String,
        /// Centred on the page.
        centered: bool,
    },
    /// A table: rows of cells, each cell its paragraphs.
    Table(Vec<Vec<Vec<String>>>),
}

/// Appends a document's footnotes after a `Chú thích:` line, when any of
/// them holds text (the citations in them still count).
pub(crate) fn push_footnotes(blocks: &mut Vec<Block>, notes: impl IntoIterator<Item = Block>) {
    let notes: Vec<Block> = notes.into_iter().collect();
    if notes
        .iter()
        .any(|b| matches!(b, Block::Paragraph { text, .. } if !text.trim().is_empty()))
    {
        blocks.push(Block::Paragraph {
            text: "Chú thích:".to_owned(),
            centered: false,
        });
        blocks.extend(notes);
    }
}

/// Renders blocks: a paragraph's lines each on a line, a blank line between
/// blocks, each table as pipe rows with a delimiter row after its first.
pub(crate) fn render(blocks: &[Block], out: &mut String) {
    // for each block, the next block with text (an empty paragraph between
    // two centred ones, as under a title's rule, is no break)
    let mut next_with_text: Vec<Option<&Block>> = vec![None; blocks.len()];
    let mut after: Option<&Block> = None;
    for (i, b) in blocks.iter().enumerate().rev() {
        next_with_text[i] = after;
        let has_text = match b {
            Block::Paragraph { text, .. } => has_visible(text),
            Block::Table(_) => true,
        };
        if has_text {
            after = Some(b);
        }
    }
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Paragraph { text: p, centered } => {
                let joined = *centered
                    && matches!(
                        next_with_text[i],
                        Some(Block::Paragraph { centered: true, .. })
                    );
                let mut any = false;
                for line in p.split('\n') {
                    let line = line.trim();
                    if !has_visible(line) {
                        // a page mark alone stays where it was: before
                        // the next line
                        out.extend(marks(line));
                        continue;
                    }
                    escape_markdown(line, out);
                    out.push('\n');
                    any = true;
                }
                // measured on real files: a blank line after each paragraph
                // (the end of a block for the header and footer stages)
                // except inside a run of centred ones (a title and its
                // subject, wrapped by hand over several paragraphs)
                if any && !joined {
                    out.push('\n');
                }
            }
            Block::Table(rows) => render_table(rows, out),
        }
    }
}

/// The blocks with their page marks taken out, but those equal to `keep`.
pub(crate) fn without_marks(blocks: &[Block], keep: Option<char>) -> Vec<Block> {
    let clean = |s: &str| -> String {
        s.chars()
            .filter(|&c| !is_page_mark(c) || Some(c) == keep)
            .collect()
    };
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { text, centered } => Block::Paragraph {
                text: clean(text),
                centered: *centered,
            },
            Block::Table(rows) => Block::Table(
                rows.iter()
                    .map(|row| {
                        row.iter()
                            .map(|cell| cell.iter().map(|p| clean(p)).collect())
                            .collect()
                    })
                    .collect(),
            ),
        })
        .collect()
}

/// Where the page marks of `marked` fall in `real`, byte offsets in order:
/// `marked` is the rendering of blocks that keep their marks, `real` that
/// of the same blocks without them, so `marked` is `real` with the marks
/// inserted and, beside them, white space that a mark kept from being
/// trimmed. `None` when the two do not align that way.
pub(crate) fn mark_positions(marked: &str, real: &str) -> Option<Vec<usize>> {
    let mut at = 0;
    let mut out = Vec::new();
    for c in marked.chars() {
        if is_page_mark(c) {
            out.push(at);
        } else if real[at..].starts_with(c) {
            at += c.len_utf8();
        } else if !c.is_whitespace() {
            return None;
        }
    }
    (at == real.len()).then_some(out)
}

/// One table: a row a line; a table of one column is read as paragraphs.
fn render_table(rows: &[Vec<Vec<String>>], out: &mut String) {
    let cells = |row: &Vec<Vec<String>>| {
        row.iter()
            .map(|cell| {
                let mut text = String::new();
                for line in cell.iter().flat_map(|p| p.split('\n')) {
                    let line = line.trim();
                    if !has_visible(line) {
                        text.extend(marks(line));
                        continue;
                    }
                    if has_visible(&text) {
                        text.push_str("<br>");
                    }
                    escape_markdown(line, &mut text);
                }
                text
            })
            .collect::<Vec<String>>()
    };
    let mut rendered: Vec<Vec<String>> = rows
        .iter()
        .map(cells)
        .filter(|r| r.iter().any(|c| has_visible(c)))
        .collect();
    // a spacer column, empty in every row, is layout and not a cell
    let widest = rendered.iter().map(Vec::len).max().unwrap_or(0);
    for c in (0..widest).rev() {
        if rendered
            .iter()
            .all(|r| r.get(c).is_none_or(|s| !has_visible(s)))
        {
            for r in &mut rendered {
                if c < r.len() {
                    r.remove(c);
                }
            }
        }
    }
    let width = rendered.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return;
    }
    if width == 1 {
        // a frame around paragraphs, not a layout of columns
        for row in &rendered {
            for line in row[0].split("<br>") {
                out.push_str(line);
                out.push('\n');
            }
            out.push('\n');
        }
        return;
    }
    for (i, row) in rendered.iter().enumerate() {
        out.push('|');
        for c in 0..width {
            out.push(' ');
            out.push_str(row.get(c).map_or("", String::as_str));
            out.push_str(" |");
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            for _ in 0..width {
                out.push_str("---|");
            }
            out.push('\n');
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::{render, Block};

    #[test]
    fn tables_become_pipe_rows_and_paragraphs_lines() {
        let blocks = vec![
            Block::Table(vec![vec![
                vec!["UBND TỈNH A".into(), "SỞ B".into()],
                vec!["CỘNG HÒA\nĐộc lập".into()],
            ]]),
            Block::Paragraph {
                text: "V/v *x*\n\n1. Nội dung".into(),
                centered: false,
            },
        ];
        let mut out = String::new();
        render(&blocks, &mut out);
        assert_eq!(
            out,
            "| UBND TỈNH A<br>SỞ B | CỘNG HÒA<br>Độc lập |\n|---|---|\n\nV/v \\*x\\*\n1. Nội dung\n\n"
        );
    }
}

/// How a paragraph laid out with tabs or runs of spaces splits into a left
/// and a right column.
enum Split {
    /// Text on both sides of a wide gap.
    Both(String, String),
    /// Pushed to the right by leading white space.
    Right(String),
    /// An ordinary line.
    Left(String),
}

/// Splits a paragraph at its widest gap (a tab, or four spaces or more).
fn split(text: &str) -> Split {
    let text = text.trim_end();
    let body = text.trim_start();
    let lead: usize = text[..text.len() - body.len()]
        .chars()
        .map(|c| if c == '\t' { 8 } else { 1 })
        .sum();
    // the widest gap: (width, start, end) in bytes of `body`
    let mut best: Option<(usize, usize, usize)> = None;
    let mut gap: Option<(usize, usize)> = None; // (start, width)
    for (i, c) in body.char_indices() {
        if c == ' ' || c == '\t' {
            let w = if c == '\t' { 8 } else { 1 };
            gap = Some(gap.map_or((i, w), |(s, gw)| (s, gw + w)));
        } else if let Some((s, w)) = gap.take() {
            if w >= 4 && best.is_none_or(|b| w > b.0) {
                best = Some((w, s, i));
            }
        }
    }
    match best {
        Some((_, s, e)) => Split::Both(body[..s].to_owned(), body[e..].to_owned()),
        None if lead >= 16 => Split::Right(body.to_owned()),
        None => Split::Left(body.to_owned()),
    }
}

/// Paragraphs laid out in two columns with tabs and spaces (the header, or
/// `Nơi nhận` beside the signer) become a table of one row and two cells,
/// as a word processor's table would have given them.
pub(crate) fn tab_columns(blocks: Vec<Block>) -> Vec<Block> {
    let para = |b: &Block| match b {
        Block::Paragraph { text, .. } => Some(split(text)),
        Block::Table(_) => None,
    };
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut seen_text = false;
    let mut i = 0;
    while i < blocks.len() {
        // nothing with text yet (kept as a flag: a scan of `out` per block
        // would be quadratic)
        let at_top = !seen_text;
        let starts_signature = matches!(&blocks[i], Block::Paragraph { text, .. }
            if text.trim_start().to_lowercase().starts_with("nơi nhận"));
        let mut end = i;
        if at_top || starts_signature {
            // the run: header lines while they are columnar; the signature
            // block until a plain line that is not a list item
            while end < blocks.len() && end < i + 40 {
                match para(&blocks[end]) {
                    Some(Split::Both(..) | Split::Right(_)) => end += 1,
                    Some(Split::Left(t)) if t.is_empty() => end += 1,
                    Some(Split::Left(t))
                        if starts_signature
                            && (end == i
                                || t.starts_with(['-', '+', '•', '–', '*'])
                                || t.starts_with(|c: char| c.is_lowercase())) =>
                    {
                        end += 1
                    }
                    _ => break,
                }
            }
        }
        let run = &blocks[i..end];
        let columnar = run
            .iter()
            .filter(|b| matches!(para(b), Some(Split::Both(..))))
            .count();
        if columnar >= 2 || (starts_signature && columnar >= 1) {
            let (mut left, mut right) = (Vec::new(), Vec::new());
            for b in run {
                match para(b) {
                    Some(Split::Both(l, r)) => {
                        left.push(l);
                        right.push(r);
                    }
                    Some(Split::Right(r)) => right.push(r),
                    Some(Split::Left(l)) if !l.is_empty() => left.push(l),
                    _ => {}
                }
            }
            out.push(Block::Table(vec![vec![left, right]]));
            seen_text = true;
            i = end;
        } else {
            seen_text |= match &blocks[i] {
                Block::Paragraph { text, .. } => !text.trim().is_empty(),
                Block::Table(_) => true,
            };
            out.push(blocks[i].clone());
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tab_tests {
    use super::{tab_columns, Block};

    fn p(text: &str) -> Block {
        Block::Paragraph {
            text: text.to_owned(),
            centered: false,
        }
    }

    #[test]
    fn tab_laid_columns_become_a_table() {
        let blocks = vec![
            p("ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI"),
            p("TỈNH LÂM ĐỒNG\t       Độc lập - Tự do"),
            p("Số:      /UBND-NC             Lâm Đồng, ngày     tháng 10"),
            p("V/v triển khai"),
            p("Nội dung."),
            p("Nơi nhận:     \t    TL. CHỦ TỊCH"),
            p("- Như trên; \t          CHÁNH VĂN PHÒNG"),
            p("- Lưu: VT."),
            p("                                        Nguyễn Văn A"),
            p("PHỤ LỤC"),
        ];
        let out = tab_columns(blocks);
        assert_eq!(out.len(), 5, "{out:?}");
        let Block::Table(rows) = &out[0] else {
            panic!("{out:?}")
        };
        assert_eq!(
            rows[0][0],
            ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số:      /UBND-NC"]
        );
        assert_eq!(rows[0][1][2], "Lâm Đồng, ngày     tháng 10");
        let Block::Table(rows) = &out[3] else {
            panic!("{out:?}")
        };
        assert_eq!(rows[0][0], ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]);
        assert_eq!(
            rows[0][1],
            ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Nguyễn Văn A"]
        );
        assert_eq!(out[4], p("PHỤ LỤC"));
    }
}

#[cfg(test)]
mod page_mark_properties {
    use proptest::prelude::*;

    use super::{is_page_mark, RENDERED_BREAK};
    use super::{mark_positions, render, without_marks, Block};

    /// Text with the pieces that rendering treats specially: Markdown
    /// characters, dashes, leading and trailing spaces, line breaks, marks.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("Số: 12/UBND".to_owned()),
            Just("# ".to_owned()),
            Just("---".to_owned()),
            Just("  ".to_owned()),
            Just("\n".to_owned()),
            Just("|".to_owned()),
            Just(RENDERED_BREAK.to_string()),
            "[a-zđơư ]{0,8}",
        ];
        prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
    }

    fn block() -> impl Strategy<Value = Block> {
        prop_oneof![
            (text(), any::<bool>())
                .prop_map(|(text, centered)| Block::Paragraph { text, centered }),
            prop::collection::vec(
                prop::collection::vec(prop::collection::vec(text(), 0..3), 1..3),
                1..3
            )
            .prop_map(Block::Table),
        ]
    }

    /// Non-blank characters, marks left out.
    fn visible(s: &str) -> String {
        s.chars()
            .filter(|&c| !c.is_whitespace() && !is_page_mark(c))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// Each mark lands in the text rendered without marks after exactly
        /// the text that preceded it.
        #[test]
        fn marks_land_after_the_text_before_them(blocks in prop::collection::vec(block(), 0..6)) {
            let mut real = String::new();
            render(&without_marks(&blocks, None), &mut real);
            let mut marked = String::new();
            render(&blocks, &mut marked);
            prop_assert_eq!(visible(&marked), visible(&real));
            let at = mark_positions(&marked, &real);
            prop_assert!(at.is_some(), "{:?}\n{:?}", marked, real);
            let at = at.unwrap();
            let in_marked: Vec<usize> = marked.char_indices().filter(|&(_, c)| is_page_mark(c)).map(|(i, _)| i).collect();
            prop_assert_eq!(at.len(), in_marked.len());
            for (p, m) in at.iter().zip(in_marked) {
                prop_assert!(real.is_char_boundary(*p));
                prop_assert_eq!(visible(&real[..*p]), visible(&marked[..m]));
            }
        }
    }
}
