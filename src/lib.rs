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
//!
//! # Errors and diagnostics
//!
//! [`parse`] never fails and never panics: anything odd (a blank number, a
//! missing issuer, an unreadable date) is a [`Diagnostic`] with a stable code.
//! [`Error`] is only for bytes that are not a text document, from [`decode`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]

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
mod header;
mod json;
mod lines;
pub mod model;
pub mod normalize;
mod number;
mod options;
mod remap;
mod span;
mod stamps;
mod text;

pub use decode::{decode, Decoded};
pub use diagnostic::{Diagnostic, Severity};
pub use error::{Error, Result};
pub use json::{to_json, to_json_pretty};
pub use model::Document;
pub use options::{InputFormat, Options};
pub use span::Span;

/// Parses a document with default options.
pub fn parse(input: &str) -> Document {
    parse_with(input, &Options::default())
}

/// Parses a document.
pub fn parse_with(input: &str, options: &Options) -> Document {
    document::build(input, options)
}

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
