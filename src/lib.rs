//! congvan: read Vietnamese administrative documents (văn bản hành chính)
//! into a typed model and JSON.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod body;
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
