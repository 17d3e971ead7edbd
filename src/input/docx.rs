//! Word 2007+ (`.docx`): WordprocessingML walked in document order.
//!
//! Body paragraphs and tables in order; `w:br`/`w:cr` as line breaks and
//! `w:tab` as a tab; text only from `w:t` (so the position numbers of
//! floating shapes, `wp:posOffset`, never leak into the text); text boxes
//! once (`mc:Choice`, never `mc:Fallback`); field codes (`w:instrText`)
//! dropped and their results kept; tracked changes read as accepted
//! (`w:ins` kept, `w:del` dropped); page headers and footers left out;
//! footnotes and endnotes appended after the body under a `Chú thích:` line. Runs in a
//! `.VnTime`-family font whose text holds TCVN3 bytes are converted.
//!
//! Page boundaries: where Word last rendered a page break
//! (`w:lastRenderedPageBreak`) or, failing those, where one was typed
//! (`w:br w:type="page"`), when their count agrees with the page count saved
//! in `docProps/app.xml`. They are carried through rendering as marks and
//! located in the text rendered without them; otherwise there is no page
//! table.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::extracted::Extracted;
use super::table::{
    is_page_mark, mark_positions, render, without_marks, Block, HARD_BREAK, RENDERED_BREAK,
};
use crate::error::{Error, Result};
use crate::model::FileFormat;
use crate::normalize::legacy::{self, Legacy};
use crate::options::{InputFormat, Options};

/// Reads a `.docx` file.
pub(crate) fn extract(bytes: &[u8], options: &Options) -> Result<Extracted> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    // the inflated XML is capped: a zip bomb is refused, not inflated
    let cap = options.max_size;
    let body =
        read_entry(&mut zip, "word/document.xml", cap)?.ok_or_else(|| Error::Unreadable {
            format: "docx",
            reason: "no word/document.xml in the archive".to_owned(),
        })?;
    // the body keeps its page marks until the page table is made
    let walked = walk(&body)?;
    let mut notes = Vec::new();
    for part in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = read_entry(&mut zip, part, cap)? {
            notes.extend(walk(&xml)?);
        }
    }
    let notes = without_marks(&notes, None);
    let with_notes = |mut blocks: Vec<Block>| {
        super::table::push_footnotes(&mut blocks, notes.iter().cloned());
        blocks
    };
    let blocks = with_notes(super::table::tab_columns(without_marks(&walked, None)));
    let mut text = String::with_capacity(body.len() / 8);
    render(&blocks, &mut text);
    // a macro-enabled file (.docm): its macros are never run, and the user
    // is told they were there
    let diagnostics = if zip.index_for_name("word/vbaProject.bin").is_some() {
        vec![macros_diagnostic()]
    } else {
        Vec::new()
    };
    // the page count Word saved with the file (docProps/app.xml)
    let pages = read_entry(&mut zip, "docProps/app.xml", 1 << 20)
        .ok()
        .flatten()
        .and_then(|app| saved_pages(&app));
    let page_starts = pages.map_or_else(Vec::new, |pages| {
        page_table(&walked, pages, &text, |b| {
            with_notes(super::table::tab_columns(b))
        })
    });
    Ok(Extracted {
        text,
        format: FileFormat::Docx,
        read_as: InputFormat::Markdown,
        pages,
        diagnostics,
        page_starts,
        file_stamps: Vec::new(),
        uncertain: Vec::new(),
        received: Vec::new(),
    })
}

/// The note that a file carries macros, which are not run.
pub(crate) fn macros_diagnostic() -> crate::diagnostic::Diagnostic {
    crate::diagnostic::Diagnostic::info(
        crate::diagnostic::DiagnosticCode::MacrosNotRun,
        "the file carries macros (word/vbaProject.bin): they are never run, only the text is read",
        crate::span::Span::empty(0),
    )
}

fn unreadable(e: &dyn std::fmt::Display) -> Error {
    Error::Unreadable {
        format: "docx",
        reason: e.to_string(),
    }
}

/// The rendered text of one `document.xml`, or `None` when it is not XML.
#[cfg(feature = "bench")]
pub(crate) fn xml_text(xml: &[u8]) -> Option<String> {
    let blocks = super::table::tab_columns(without_marks(&walk(xml).ok()?, None));
    let mut text = String::new();
    render(&blocks, &mut text);
    Some(text)
}

/// Where each of the `pages` pages begins in `text` (rendered from `walked`
/// without its marks by `layout` then `render`), from the page breaks Word
/// rendered when it last saved the file or, failing them, those typed in:
/// whichever kind counts `pages - 1`. Empty when neither does (the file
/// was saved by another program, or a break fell where the text keeps no
/// trace of it): no page table is better than a wrong one.
fn page_table(
    walked: &[Block],
    pages: usize,
    text: &str,
    layout: impl Fn(Vec<Block>) -> Vec<Block>,
) -> Vec<usize> {
    if pages == 0 {
        return Vec::new();
    }
    let count = |mark: char| -> usize {
        let in_text = |s: &String| s.chars().filter(|&c| c == mark).count();
        walked
            .iter()
            .map(|b| match b {
                Block::Paragraph { text, .. } => in_text(text),
                Block::Table(rows) => rows.iter().flatten().flatten().map(in_text).sum(),
            })
            .sum()
    };
    let Some(mark) = [RENDERED_BREAK, HARD_BREAK]
        .into_iter()
        .find(|&m| count(m) + 1 == pages)
    else {
        return Vec::new();
    };
    let mut marked = String::with_capacity(text.len() + pages);
    render(&layout(without_marks(walked, Some(mark))), &mut marked);
    match mark_positions(&marked, text) {
        Some(starts) if starts.len() + 1 == pages => std::iter::once(0).chain(starts).collect(),
        _ => Vec::new(),
    }
}

/// `<Pages>N</Pages>` of `docProps/app.xml`.
fn saved_pages(app: &[u8]) -> Option<usize> {
    let at = memchr::memmem::find(app, b"<Pages>")? + b"<Pages>".len();
    let digits = app
        .get(at..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    std::str::from_utf8(&app[at..at + digits])
        .ok()?
        .parse()
        .ok()
}

/// The inflated bytes of entry `name`, at most `cap` of them.
fn read_entry(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    cap: usize,
) -> Result<Option<Vec<u8>>> {
    let entry = match zip.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(unreadable(&e)),
    };
    let too_large = |size: usize| Error::Unreadable {
        format: "docx",
        reason: format!("{name} inflates to more than {size} bytes (the size limit)"),
    };
    if usize::try_from(entry.size()).map_or(true, |s| s > cap) {
        return Err(too_large(cap));
    }
    let mut out = Vec::new();
    let limit = u64::try_from(cap).unwrap_or(u64::MAX).saturating_add(1);
    entry
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| unreadable(&e))?;
    if out.len() > cap {
        return Err(too_large(cap));
    }
    Ok(Some(out))
}

/// Elements whose whole content is left out.
fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        b"mc:Fallback" | b"w:del" | b"w:instrText" | b"w:delText" | b"w:moveFrom"
    )
}

/// Where the walk is.
#[derive(Default)]
struct Walk {
    blocks: Vec<Block>,
    /// Open paragraphs (text boxes nest paragraphs inside a paragraph),
    /// each with whether it is centred.
    paragraphs: Vec<(String, bool)>,
    /// Open tables, each its rows of cells.
    tables: Vec<Vec<Vec<Vec<String>>>>,
    /// Depth inside skipped elements.
    skip: usize,
    /// Inside `w:t`.
    in_text: bool,
    /// Inside a run (`w:tab` there is a tab character; in `w:pPr` a tab stop).
    in_run: usize,
    /// The run's font is a TCVN3 font (`.VnTime`, `.VnTimeH` = upper case).
    tcvn3: Option<bool>,
    /// Footnote separators are skipped.
    in_separator: bool,
}

impl Walk {
    fn push_text(&mut self, s: &str) {
        if self.skip > 0 || !self.in_text || self.in_separator {
            return;
        }
        let Some((p, _)) = self.paragraphs.last_mut() else {
            return;
        };
        match self.tcvn3 {
            Some(upper) if s.chars().any(|c| ('\u{80}'..='\u{FF}').contains(&c)) => {
                let converted = legacy::convert(s, Legacy::Tcvn3);
                if upper {
                    p.push_str(&converted.to_uppercase());
                } else {
                    p.push_str(&converted);
                }
            }
            // U+0001 and U+0002 cannot be in XML text; they mark pages here
            _ if s.contains(is_page_mark) => {
                p.extend(s.chars().filter(|&c| !is_page_mark(c)));
            }
            _ => p.push_str(s),
        }
    }

    fn push_char(&mut self, c: char) {
        if self.skip == 0 && !self.in_separator {
            if let Some((p, _)) = self.paragraphs.last_mut() {
                p.push(c);
            }
        }
    }

    /// An element opens (`empty`: and closes at once).
    fn open(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.name();
        let name = name.as_ref();
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        if skipped(name) {
            if !empty {
                self.skip = 1;
            }
            return;
        }
        match name {
            b"w:p" if !empty => self.paragraphs.push((String::new(), false)),
            b"w:jc" => {
                let center = attr(e, b"w:val").is_some_and(|v| v == "center");
                if let Some((_, centered)) = self.paragraphs.last_mut() {
                    if self.in_run == 0 {
                        *centered = center;
                    }
                }
            }
            b"w:tbl" if !empty => self.tables.push(Vec::new()),
            b"w:tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.push(Vec::new());
                }
            }
            b"w:tc" if !empty => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.last_mut()) {
                    row.push(Vec::new());
                }
            }
            b"w:r" if !empty => {
                self.in_run += 1;
                self.tcvn3 = None;
            }
            b"w:t" if !empty => self.in_text = true,
            b"w:rFonts" => {
                let font = attr(e, b"w:ascii").or_else(|| attr(e, b"w:hAnsi"));
                if let Some(font) = font {
                    let f = font.to_ascii_lowercase();
                    if f.starts_with(".vn") {
                        self.tcvn3 = Some(f.ends_with('h'));
                    }
                }
            }
            b"w:tab" if self.in_run > 0 => self.push_char('\t'),
            b"w:br" | b"w:cr" if self.in_run > 0 => {
                if attr(e, b"w:type").is_some_and(|t| t == "page") {
                    self.push_char(HARD_BREAK);
                }
                self.push_char('\n');
            }
            b"w:lastRenderedPageBreak" if self.in_run > 0 => self.push_char(RENDERED_BREAK),
            b"w:noBreakHyphen" => self.push_char('-'),
            b"w:footnote" | b"w:endnote" => {
                self.in_separator = attr(e, b"w:type").is_some_and(|t| t != "normal");
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &[u8]) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            b"w:t" => self.in_text = false,
            b"w:r" => {
                self.in_run = self.in_run.saturating_sub(1);
                self.tcvn3 = None;
            }
            b"w:p" => {
                let Some((p, centered)) = self.paragraphs.pop() else {
                    return;
                };
                if self.in_separator {
                    return;
                }
                match self
                    .tables
                    .last_mut()
                    .and_then(|t| t.last_mut())
                    .and_then(|r| r.last_mut())
                {
                    Some(cell) => cell.push(p),
                    None => self.blocks.push(Block::Paragraph { text: p, centered }),
                }
            }
            b"w:tbl" => {
                let Some(rows) = self.tables.pop() else {
                    return;
                };
                match self
                    .tables
                    .last_mut()
                    .and_then(|t| t.last_mut())
                    .and_then(|r| r.last_mut())
                {
                    // a table in a cell: each inner row a paragraph of the cell
                    Some(cell) => {
                        for row in rows {
                            let line: Vec<String> = row.into_iter().map(|c| c.join("\n")).collect();
                            cell.push(line.join("\n"));
                        }
                    }
                    None => self.blocks.push(Block::Table(rows)),
                }
            }
            b"w:footnote" | b"w:endnote" => self.in_separator = false,
            _ => {}
        }
    }
}

/// The unescaped value of attribute `key`.
fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// Walks one part (`document.xml` or `footnotes.xml`) into blocks.
fn walk(xml: &[u8]) -> Result<Vec<Block>> {
    let mut reader = Reader::from_reader(xml);
    let mut w = Walk::default();
    loop {
        let event = reader.read_event().map_err(|e| unreadable(&e))?;
        match event {
            Event::Start(e) => w.open(&e, false),
            Event::Empty(e) => w.open(&e, true),
            Event::End(e) => w.close(e.name().as_ref()),
            Event::Text(t) => {
                let s = t.decode().map_err(|e| unreadable(&e))?;
                w.push_text(&s);
            }
            Event::CData(t) => {
                let s = String::from_utf8_lossy(&t);
                w.push_text(&s);
            }
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    let mut b = [0; 4];
                    w.push_text(c.encode_utf8(&mut b));
                } else if let Ok(name) = r.decode() {
                    if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        w.push_text(s);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // unclosed elements of a truncated file: keep what was read
    while !w.paragraphs.is_empty() {
        w.close(b"w:p");
    }
    while !w.tables.is_empty() {
        w.close(b"w:tbl");
    }
    Ok(w.blocks)
}

#[cfg(test)]
mod tests {
    use super::walk;
    use crate::input::table::{render, Block};

    fn text(xml: &str) -> String {
        let blocks = walk(xml.as_bytes()).unwrap();
        let mut out = String::new();
        render(&blocks, &mut out);
        out
    }

    #[test]
    fn fallback_positions_deletions_and_field_codes_are_left_out() {
        let xml = r#"<w:document><w:body>
<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><wp:positionH><wp:posOffset>7689851</wp:posOffset></wp:positionH>
<w:txbxContent><w:p><w:r><w:t>Hộp</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Hộp</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>
<w:r><w:t xml:space="preserve">Số: 12/</w:t></w:r><w:del><w:r><w:delText>XX</w:delText></w:r></w:del><w:ins><w:r><w:t>UBND</w:t></w:r></w:ins></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:t>a&amp;b</w:t><w:br/><w:t>c</w:t></w:r></w:p>
</w:body></w:document>"#;
        assert_eq!(text(xml), "Hộp\n\nSố: 12/UBND\n\n2a&b\nc\n\n");
    }

    #[test]
    fn tables_keep_cells_and_tcvn3_runs_are_converted() {
        let xml = r#"<w:document><w:body><w:tbl><w:tr>
<w:tc><w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTimeH"/></w:rPr><w:t>Uû ban nh©n d©n</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>CỘNG HÒA</w:t></w:r></w:p><w:p><w:r><w:t>Độc lập</w:t></w:r></w:p></w:tc>
</w:tr></w:tbl></w:body></w:document>"#;
        let blocks = walk(xml.as_bytes()).unwrap();
        assert_eq!(
            blocks,
            vec![Block::Table(vec![vec![
                vec!["UỶ BAN NHÂN DÂN".to_owned()],
                vec!["CỘNG HÒA".to_owned(), "Độc lập".to_owned()],
            ]])]
        );
    }

    #[test]
    fn saved_page_count() {
        assert_eq!(
            super::saved_pages(b"<Properties><Pages>3</Pages></Properties>"),
            Some(3)
        );
        assert_eq!(super::saved_pages(b"<Pages></Pages>"), None);
        assert_eq!(super::saved_pages(b"<Pages>"), None);
    }

    #[test]
    fn broken_xml_is_an_error_or_text_never_a_panic() {
        for xml in ["<w:p><w:r><w:t>a", "<w:p></w:r>", "<<<", "&bogus;"] {
            let _ = walk(xml.as_bytes());
        }
    }
}
