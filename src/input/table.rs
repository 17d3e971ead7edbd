//! The blocks a word-processor reader finds, rendered as the text the
//! parser reads: paragraphs as lines, tables as Markdown pipe rows.

use super::escape_markdown;

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
            Block::Paragraph { text, .. } => !text.trim().is_empty(),
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
                    if line.is_empty() {
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

/// One table: a row a line; a table of one column is read as paragraphs.
fn render_table(rows: &[Vec<Vec<String>>], out: &mut String) {
    let cells = |row: &Vec<Vec<String>>| {
        row.iter()
            .map(|cell| {
                let mut text = String::new();
                for line in cell.iter().flat_map(|p| p.split('\n')) {
                    let line = line.trim();
                    if line.is_empty() {
                        continue;
                    }
                    if !text.is_empty() {
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
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .collect();
    // a spacer column, empty in every row, is layout and not a cell
    let widest = rendered.iter().map(Vec::len).max().unwrap_or(0);
    for c in (0..widest).rev() {
        if rendered
            .iter()
            .all(|r| r.get(c).is_none_or(String::is_empty))
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
