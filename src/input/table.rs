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
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Paragraph { text: p, centered } => {
                let joined = *centered
                    && matches!(
                        blocks.get(i + 1),
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
