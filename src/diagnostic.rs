//! Diagnostics: what the parser found missing, blank, odd or off-standard.

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The document could not be read as intended.
    Error,
    /// A component is missing, blank or malformed.
    Warning,
    /// Something worth knowing (a converted encoding, a stamp date).
    Info,
}

/// One finding, with a stable `code` and the span it is about (an empty span
/// where something is missing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Diagnostic {
    /// Stable `snake_case` identifier (`blank_number`, `missing_issuer`, …).
    #[cfg_attr(feature = "schema", schemars(regex(pattern = r"^[a-z][a-z0-9_]*$")))]
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// A sentence for people.
    pub message: String,
    /// What it is about.
    pub span: Span,
}

impl Diagnostic {
    /// A warning.
    pub fn warning(code: &str, message: impl Into<String>, span: Span) -> Self {
        Self::new(code, Severity::Warning, message, span)
    }

    /// An informational note.
    pub fn info(code: &str, message: impl Into<String>, span: Span) -> Self {
        Self::new(code, Severity::Info, message, span)
    }

    /// A diagnostic of any severity.
    pub fn new(code: &str, severity: Severity, message: impl Into<String>, span: Span) -> Self {
        Self {
            code: code.to_owned(),
            severity,
            message: message.into(),
            span,
        }
    }
}
