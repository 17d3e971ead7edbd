//! What a reader gives back: the text of a file as the parser reads it.

use crate::diagnostic::Diagnostic;
use crate::model::FileFormat;
use crate::options::InputFormat;

/// The text of a file, as the parser reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The text; spans of a document parsed from it index this string.
    pub text: String,
    /// What the file was.
    pub format: FileFormat,
    /// How the parser should read [`text`](Self::text): Markdown for the
    /// readers that render tables as pipe rows, the caller's choice for text.
    pub read_as: InputFormat,
    /// Number of pages, when the file says.
    pub pages: Option<usize>,
    /// Where each page begins in [`text`](Self::text) (byte offsets, one a
    /// page, page 1 first); empty when the page boundaries are not known.
    /// A page that gave no text starts where the next one does.
    pub page_starts: Vec<usize>,
    /// What was noticed while reading (an unusable text layer, a converted
    /// encoding, digital signatures found in the file).
    pub diagnostics: Vec<Diagnostic>,
    /// Digital signatures read from the file itself (a PDF's signature
    /// dictionaries), as stamps with `source: "file"`.
    pub file_stamps: Vec<crate::model::Stamp>,
    /// Words that OCR read with a low confidence (empty without OCR).
    pub uncertain: Vec<UncertainWord>,
    /// Incoming-document stamps OCR found on the pages (empty without
    /// OCR), left out of [`text`](Self::text).
    pub received: Vec<crate::model::ReceivedStamp>,
}

/// A word that OCR read with a low confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct UncertainWord {
    /// The word as read.
    pub text: String,
    /// Tesseract's confidence, 0–100.
    pub confidence: f32,
}

impl Eq for UncertainWord {}
