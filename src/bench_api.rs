//! Hidden entry points to the internal stages, for `benches/parse.rs` only.
//!
//! Not a stable API: it exists so that the line splitter and the header,
//! footer and body parsers can be timed one at a time. Every function takes
//! normalised text, as [`crate::normalize::normalize`] returns it.

use crate::lines::Line;
use crate::{body, footer, header, lines, stamps};

/// Normalised text split into lines, with digital-signature stamps taken out
/// (the input of the block parsers).
#[derive(Debug)]
pub struct Stages<'a> {
    text: &'a str,
    lines: Vec<Line>,
}

impl<'a> Stages<'a> {
    /// Splits `text` (normalised) into lines and extracts the stamps.
    pub fn split(text: &'a str) -> Self {
        let mut lines = lines::split(text);
        stamps::extract(text, &mut lines);
        Stages { text, lines }
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// Runs the header parser; returns the index of the first body line.
    pub fn header(&self) -> usize {
        header::parse(self.text, &self.lines).body_start
    }

    /// Runs the footer parser from `body_start`; returns the index of the
    /// footer's first line.
    pub fn footer(&self, body_start: usize) -> usize {
        footer::parse(self.text, &self.lines, body_start).start
    }

    /// Runs the body parser on lines `start..end`; returns the number of
    /// top-level sections plus preamble and closing blocks.
    pub fn body(&self, start: usize, end: usize) -> usize {
        if end <= start || end > self.lines.len() {
            return 0;
        }
        let b = body::parse(self.text, &self.lines[start..end]);
        b.sections.len() + b.preamble.len() + b.closing.len()
    }
}

/// The text a `.docx` body (`word/document.xml`) gives, as the reader
/// renders it: for the fuzz target of the WordprocessingML walker.
#[cfg(feature = "docx")]
pub fn docx_xml_text(xml: &[u8]) -> Option<String> {
    crate::input::docx_xml_text(xml)
}

/// The text `pdftotext -layout` output gives after congvan's column and
/// text-layer reading: for the fuzz target of the layout reader.
#[cfg(feature = "pdf")]
pub fn pdf_layout_text(raw: &str) -> String {
    crate::input::pdf_layout_text(raw)
}

/// The text of a Word 97 file's `WordDocument` stream read with `table` as
/// its table stream, or the reader's error: for the fuzz target of the
/// `.doc` piece-table reader (the compound-file container is `cfb`'s).
#[cfg(feature = "doc")]
pub fn doc_streams_text(word: &[u8], table: &[u8]) -> crate::Result<String> {
    crate::input::doc_streams_text(word, table)
}

/// The text congvan lays out from tesseract's TSV output (`-c
/// tessedit_create_tsv=1`): for the fuzz target of the OCR layout reader.
#[cfg(feature = "ocr")]
pub fn ocr_tsv_text(tsv: &str) -> String {
    crate::input::ocr_tsv_text(tsv)
}
