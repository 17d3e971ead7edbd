//! JSON output: the only place serde_json is called for writing.

use crate::model::Document;

/// The document as compact JSON (one line).
pub fn to_json(doc: &Document) -> String {
    // Serialising owned strings, numbers and vectors cannot fail.
    serde_json::to_string(doc).unwrap_or_default()
}

/// The document as indented JSON.
pub fn to_json_pretty(doc: &Document) -> String {
    serde_json::to_string_pretty(doc).unwrap_or_default()
}
