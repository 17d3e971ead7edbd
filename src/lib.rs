//! congvan: read Vietnamese administrative documents (văn bản hành chính)
//! into a typed model and JSON.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod cite;
mod decode;
mod diagnostic;
mod error;
mod json;
pub mod model;
mod options;
mod span;

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
    let _ = (input, options);
    Document {
        schema: model::SCHEMA.to_owned(),
        family: model::Family::State,
        doc_type: None,
        marks: model::Marks::default(),
        national_heading: None,
        issuer: None,
        number: None,
        place: None,
        date: None,
        subject: None,
        recipients: Vec::new(),
        body: model::Body::default(),
        citations: Vec::new(),
        signatures: Vec::new(),
        distribution: None,
        stamps: Vec::new(),
        attachments: Vec::new(),
        diagnostics: Vec::new(),
    }
}
