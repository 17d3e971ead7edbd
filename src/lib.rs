//! congvan: read Vietnamese administrative documents (văn bản hành chính)
//! into a typed model and JSON.
//!
//! ```
//! let doc = congvan::parse(
//!     "UBND TỈNH BẮC GIANG\nSở Nội vụ\nSố: 05/SNV-VP\nV/v nâng bậc lương\n\
//!      Bắc Giang, ngày 05 tháng 02 năm 2024\n\nKính gửi: Bộ Nội vụ.\n\nNội dung./.",
//! );
//! let number = doc.number.as_ref().unwrap();
//! assert_eq!(number.symbol.as_deref(), Some("SNV-VP"));
//! assert_eq!(doc.doc_type.as_ref().unwrap().code, "CV");
//! assert_eq!(doc.recipients[0].name, "Bộ Nội vụ");
//! ```
//!
//! # Pipeline
//!
//! ```text
//! input ─▶ normalize ─▶ lines ─▶ stamps ─▶ header ─▶ footer ─▶ body ─▶ cite ─▶ Document ─▶ JSON
//!          (NFC, spaces,  (page    (digital   (ô 1–5,   (ô 7, 9b)  (sections,  (cited
//!           Markdown,     furniture) signatures) 9a)                items)      documents)
//!           OffsetMap)
//! ```
//!
//! Every stage works on the normalised text; at the end every span is mapped
//! back through the [`normalize::OffsetMap`], so `&input[span.start..span.end]`
//! is always the source of a value in the caller's exact input.
//! [`trace`] shows, line by line, which stage took each line and which
//! values were read from it (`congvan parse --trace`).
//!
//! Start with the [`guide`]: the pipeline, spans and the offset map,
//! diagnostics, options, the model and its JSON, and a worked example.
//!
//! # Features
//!
//! - `cli` (default): the `congvan` binary (`parse`, `batch`, `check`,
//!   `schema`); enables `schema`.
//! - `schema`: [`schemars::JsonSchema`] for the model and the [`schema`]
//!   module with the JSON Schema of the output. Library users who only parse
//!   can turn default features off and skip it.
//! - `bench`: hidden entry points to the internal stages, for the stage
//!   benches only (`cargo bench --features bench --bench parse`); not a
//!   stable API.
//! - `docx`, `doc`, `pdf` (on with `cli`): the file readers of [`input`]
//!   (`.docx` on `zip` + `quick-xml`, `.doc` on `cfb`, PDF through poppler's
//!   `pdftotext` run as an external program, never linked).
//! - `ocr` (on with `cli`, implies `pdf`): scans, unusable PDF text layers
//!   and images (`.png`, `.jpg`, `.tif`) read by `tesseract -l vie` and
//!   poppler's `pdftoppm`, both external programs, when
//!   [`Options::ocr`] asks for it ([`OcrMode`]); output cached by content
//!   hash in [`Options::ocr_cache`].
//!
//! # Errors and diagnostics
//!
//! [`parse`] never fails and never panics: anything odd (a blank number, a
//! missing issuer, an unreadable date) is a [`Diagnostic`] with a stable code.
//! [`Error`] is only for bytes that are not a text document, from [`decode`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]

/// `Display` and comparison with `str` for an enum of names with `as_str`
/// (its JSON name): `DiagnosticCode`, `AttachmentKind`.
macro_rules! named_enum_traits {
    ($t:ty) => {
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}

mod attachments;
#[cfg(feature = "bench")]
#[doc(hidden)]
pub mod bench_api;
mod body;
pub mod cite;
mod codes;
mod decode;
mod diagnostic;
mod document;
mod error;
mod fold;
mod footer;
pub mod guide;
mod header;
pub mod input;
mod json;
mod lines;
pub mod model;
pub mod normalize;
mod number;
mod options;
#[cfg(test)]
mod oracle;
mod remap;
mod scan;
#[cfg(feature = "schema")]
pub mod schema;
mod span;
mod stamps;
mod text;
pub mod trace;

pub use decode::{decode, Decoded};
pub use diagnostic::{Diagnostic, DiagnosticCode, Severity};
pub use error::{Error, Result};
pub use json::{to_json, to_json_pretty};
pub use model::{AttachmentKind, Document};
pub use options::{InputFormat, OcrMode, Options};
pub use span::{LineIndex, Position, Span};

/// Parses a document with default options (format detection).
///
/// Never fails and never panics; see [`parse_with`].
pub fn parse(input: &str) -> Document {
    parse_with(input, &Options::default())
}

/// Parses a document with [`Options`].
///
/// Only [`Options::format`] matters here; `lossy` and `max_size` are for
/// [`decode`], which turns a file's bytes into the `&str` this function
/// takes. Every [`Span`] in the result indexes `input`. Anything missing or
/// odd is a [`Diagnostic`] in [`Document::diagnostics`], never an error.
///
/// ```
/// use congvan::{InputFormat, Options};
///
/// let web = "| ỦY BAN NHÂN DÂN<br>TỈNH BẮC GIANG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n\
///            |---|---|\n\
///            | Số: 12/QĐ-UBND | Bắc Giang, ngày 05 tháng 02 năm 2024 |\n";
/// let doc = congvan::parse_with(web, &Options::new().format(InputFormat::Markdown));
/// let number = doc.number.as_ref().unwrap();
/// assert_eq!(number.symbol.as_deref(), Some("QĐ-UBND"));
/// assert_eq!(number.span.slice(web), Some("Số: 12/QĐ-UBND"));
/// ```
pub fn parse_with(input: &str, options: &Options) -> Document {
    document::build(input, options)
}

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
