//! Files as archives hold them: `.docx`, `.doc`, `.pdf` and text.
//!
//! [`detect`] tells a file's format from its first bytes (never from its
//! name); [`extract`] turns the file into the text the parser reads. Each
//! reader says what the file already knows: paragraphs become lines, and
//! tables (the header table, the signature table beside `Nơi nhận`) become
//! Markdown pipe-table rows, one row a line, cells separated by ` | `, line
//! breaks inside a cell as `<br>`. The Markdown path of the parser then reads
//! every cell as a line of its own, as it does for web pages, so the parser
//! never has to guess where a cell ended.
//!
//! Spans of a document parsed from a file index [`Extracted::text`], which
//! `congvan text FILE` prints exactly.
//!
//! Each format is a cargo feature: `docx` (a small reader on `zip` and
//! `quick-xml`), `doc` (the Word 97–2003 piece table, through `cfb`) and
//! `pdf` (poppler's `pdftotext`, run as an external program from `PATH`,
//! package `poppler-utils`; nothing GPL is linked). Without its feature a
//! format is an [`Error::Unsupported`].

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::options::Options;

mod detect;
#[cfg(feature = "doc")]
mod doc;
#[cfg(feature = "docx")]
mod docx;
mod extracted;
#[cfg(feature = "pdf")]
mod layout;
#[cfg(feature = "ocr")]
pub(crate) mod ocr;
#[cfg(feature = "pdf")]
pub(crate) mod pdf;
#[cfg(feature = "pdf")]
mod process;
#[cfg(feature = "ocr")]
mod slips;
#[cfg(any(feature = "docx", feature = "doc"))]
mod table;

pub use crate::model::FileFormat;
pub use detect::detect;
pub use extracted::{Extracted, UncertainWord};

/// Reads a file's bytes, whatever its format, into the text the parser reads.
///
/// Text goes through [`decode`](crate::decode); `.docx`, `.doc` and `.pdf`
/// through their readers (each behind its cargo feature). Files larger than
/// [`Options::max_size`] are refused before anything is read.
pub fn extract(bytes: &[u8], options: &Options) -> Result<Extracted> {
    let format = detect(bytes);
    if format != FileFormat::Text && bytes.len() > options.max_size {
        return Err(Error::TooLarge {
            size: bytes.len(),
            limit: options.max_size,
        });
    }
    match format {
        FileFormat::Text => {
            let decoded = crate::decode(bytes, options)?;
            Ok(Extracted {
                text: decoded.text,
                format,
                read_as: options.format,
                pages: None,
                diagnostics: decoded.diagnostics,
                page_starts: Vec::new(),
                file_stamps: Vec::new(),
                uncertain: Vec::new(),
                received: Vec::new(),
            })
        }
        #[cfg(feature = "docx")]
        FileFormat::Docx => docx::extract(bytes, options),
        #[cfg(feature = "doc")]
        FileFormat::Doc => doc::extract(bytes, options),
        #[cfg(feature = "pdf")]
        FileFormat::Pdf => pdf::extract(bytes, options),
        #[cfg(feature = "ocr")]
        FileFormat::Image => image(bytes, options),
        #[allow(unreachable_patterns)]
        other => Err(Error::Unsupported {
            format: other.name(),
        }),
    }
}

/// Reads a file's bytes and parses them: [`extract`], then
/// [`parse_with`](crate::parse_with) on the text, with the reader's
/// diagnostics added to the document's.
pub fn parse_bytes(bytes: &[u8], options: &Options) -> Result<(Extracted, crate::Document)> {
    Ok(parse_extracted(extract(bytes, options)?, options))
}

/// The document of what [`extract`] read.
fn parse_extracted(extracted: Extracted, options: &Options) -> (Extracted, crate::Document) {
    let opts = options.clone().format(extracted.read_as);
    let mut doc = crate::parse_with(&extracted.text, &opts);
    doc.source.format = extracted.format;
    doc.source.pages = extracted.pages;
    doc.source.page_starts = extracted.page_starts.clone();
    doc.source.received = extracted.received.clone();
    doc.diagnostics
        .extend(extracted.diagnostics.iter().cloned());
    doc.stamps.extend(extracted.file_stamps.iter().cloned());
    flag_uncertain(&extracted, &mut doc);
    if extracted.format != FileFormat::Text && extracted.text.trim().is_empty() {
        // nothing could be read (a scan): the reader's diagnostics say so;
        // a list of every component "missing" from no text says nothing more
        doc.diagnostics = extracted.diagnostics.clone();
    }
    (extracted, doc)
}

/// [`parse_bytes`] taking the bytes: UTF-8 text is parsed without a copy
/// of the input (the bytes become the text), so the input is held once
/// less while it is parsed. The result is the same as [`parse_bytes`]'s.
pub fn parse_vec(bytes: Vec<u8>, options: &Options) -> Result<(Extracted, crate::Document)> {
    if detect(&bytes) != FileFormat::Text {
        return parse_bytes(&bytes, options);
    }
    let decoded = crate::decode::decode_vec(bytes, options)?;
    let extracted = Extracted {
        text: decoded.text,
        format: FileFormat::Text,
        read_as: options.format,
        pages: None,
        page_starts: Vec::new(),
        diagnostics: decoded.diagnostics,
        file_stamps: Vec::new(),
        uncertain: Vec::new(),
        received: Vec::new(),
    };
    Ok(parse_extracted(extracted, options))
}

/// A `low_confidence` diagnostic for each word OCR was unsure of inside
/// the number or the date: a digit there may be wrong.
pub(crate) fn flag_uncertain(extracted: &Extracted, doc: &mut crate::Document) {
    if extracted.uncertain.is_empty() {
        return;
    }
    let fields = [
        ("number", doc.number.as_ref().map(|n| n.span)),
        ("date", doc.date.as_ref().map(|d| d.span)),
    ];
    let mut found = Vec::new();
    for (field, span) in fields {
        let Some(span) = span else { continue };
        let Some(value) = extracted.text.get(span.start..span.end) else {
            continue;
        };
        for word in &extracted.uncertain {
            if !word.text.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            // the word where it stands alone in the value
            let mut from = 0;
            while let Some(at) = value[from..].find(word.text.as_str()) {
                let start = from + at;
                let end = start + word.text.len();
                let alone = !value[..start].ends_with(char::is_alphanumeric)
                    && !value[end..].starts_with(char::is_alphanumeric);
                from = end;
                if alone {
                    let span = crate::span::Span::new(span.start + start, span.start + end);
                    if !found.iter().any(|d: &Diagnostic| d.span == span) {
                        found.push(Diagnostic::warning(
                            crate::diagnostic::DiagnosticCode::LowConfidence,
                            format!(
                                "OCR read `{}` in the {field} with {:.0}% confidence: check it on the page",
                                word.text, word.confidence
                            ),
                            span,
                        ));
                    }
                }
            }
        }
    }
    doc.diagnostics.extend(found);
}

/// Reads an image file by OCR.
#[cfg(feature = "ocr")]
fn image(bytes: &[u8], options: &Options) -> Result<Extracted> {
    if options.ocr == crate::options::OcrMode::Never {
        return Err(Error::Unreadable {
            format: "image",
            reason: "an image is read only by OCR, which is off (--ocr auto)".to_owned(),
        });
    }
    let mut pages = ocr::image_pages(bytes, options)?;
    if pages.is_empty() {
        // not a word on it: the page is still reported
        pages.push((1, ocr::OcrPage::default()));
    }
    let texts: Vec<pdf::PageText> = pages
        .into_iter()
        .map(|(n, page)| pdf::PageText::from_ocr(n, page, None))
        .collect();
    let mut extracted = pdf::assemble(texts);
    extracted.format = FileFormat::Image;
    Ok(extracted)
}

/// The diagnostic of a `.docx` that carries macros (for the test that
/// every code is raised somewhere).
#[cfg(all(feature = "docx", test))]
pub(crate) fn docx_macros_diagnostic() -> Diagnostic {
    docx::macros_diagnostic()
}

/// The text a `.docx` body gives (fuzzing and benches).
#[cfg(all(feature = "docx", feature = "bench"))]
pub(crate) fn docx_xml_text(xml: &[u8]) -> Option<String> {
    docx::xml_text(xml)
}

/// The text `pdftotext -layout` output gives (fuzzing and benches).
#[cfg(all(feature = "pdf", feature = "bench"))]
pub(crate) fn pdf_layout_text(raw: &str) -> String {
    pdf::from_layout_text(raw).text
}

/// The text a Word 97 `WordDocument` stream and table stream give
/// (fuzzing): the reader's error when they are not one.
#[cfg(all(feature = "doc", feature = "bench"))]
pub(crate) fn doc_streams_text(word: &[u8], table: &[u8]) -> Result<String> {
    doc::text_of_streams(word, |_| Ok(table.to_vec()))
}

/// The text laid out from tesseract's TSV output, page after page
/// (fuzzing): a form feed parts a first reading from a second.
#[cfg(all(feature = "ocr", feature = "bench"))]
pub(crate) fn ocr_tsv_text(tsv: &str) -> String {
    let (first, second) = tsv
        .split_once('\u{c}')
        .map_or((tsv, None), |(a, b)| (a, Some(b)));
    ocr::tsv_layout(first, second)
        .into_iter()
        .map(|(_, page)| page.layout)
        .collect::<Vec<_>>()
        .join("\u{c}")
}
