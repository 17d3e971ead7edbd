//! Markdown input: the text of a web page converted to Markdown.
//!
//! Law websites put the header (issuer | national heading, number | place and
//! date) and the signature into table rows. Each table cell becomes a line of
//! its own, so the header parser reads the cells as the layout they encode.
//! List markers are kept as written (they carry the nesting of `Nơi nhận`);
//! emphasis, links and other markup are dropped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::writer::Writer;

/// Feeds the text of Markdown `input` into `w`.
pub(super) fn feed(input: &str, w: &mut Writer) {
    let parser = Parser::new_ext(input, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in parser {
        let (start, len) = (range.start, range.end.saturating_sub(range.start));
        match event {
            Event::Text(t) | Event::Code(t) => match input.get(range.clone()) {
                Some(src) if src == &*t => w.feed_exact(src, start),
                _ => w.feed_replaced(&t, start, len),
            },
            Event::SoftBreak | Event::HardBreak => w.newline(start, len, 1),
            Event::Html(_) | Event::InlineHtml(_) => w.newline(start, 0, 1),
            Event::Start(Tag::Item) => {
                // a nested list's item starts a line of its own
                w.newline(start, 0, 1);
                let marker: &str = input
                    .get(start..)
                    .and_then(|rest| rest.split(char::is_whitespace).next())
                    .unwrap_or("");
                if !marker.is_empty() && marker.len() <= 12 {
                    w.feed_exact(marker, start);
                    w.feed_replaced(" ", start + marker.len(), 0);
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                // a blank line after the block, as in the text reader
                w.newline(range.end, 0, 1);
                w.newline(range.end, 0, 2);
            }
            Event::End(TagEnd::TableCell | TagEnd::Item | TagEnd::TableHead | TagEnd::TableRow) => {
                w.newline(range.end, 0, 1);
            }
            Event::End(TagEnd::Table | TagEnd::List(_) | TagEnd::BlockQuote(_)) | Event::Rule => {
                w.newline(range.end, 0, 1);
                w.newline(range.end, 0, 2);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize::normalize;
    use crate::options::InputFormat;

    #[test]
    fn table_cells_become_lines_with_spans() {
        let input = "| ỦY BAN NHÂN DÂN | CỘNG HÒA |\n|---|---|\n| Số: 05/KH-UBND | Hà Nội, ngày 05 tháng 02 năm 2024 |\n\n- Như trên;\n- Lưu: VT.\n";
        let n = normalize(input, InputFormat::Markdown);
        let lines: Vec<&str> = n.text.lines().collect();
        assert!(lines.contains(&"Số: 05/KH-UBND"), "{lines:?}");
        assert!(lines.contains(&"- Như trên;"), "{lines:?}");
        let at = n.text.find("Số: 05").unwrap();
        let (a, b) = n.map.map_range(at, at + "Số: 05/KH-UBND".len());
        assert_eq!(&input[a..b], "Số: 05/KH-UBND");
    }
}
