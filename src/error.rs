//! The one error type, for input that is not a text document at all.
//!
//! Everything else (missing components, odd layout) is a
//! [`Diagnostic`](crate::Diagnostic), never an error.

/// A hard failure: the input cannot be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not valid UTF-8 (and `lossy` was not asked for).
    #[error("not valid UTF-8: invalid byte sequence at byte {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The input holds NUL bytes: a binary file, not a text document.
    #[error("not a text document: NUL byte at byte {offset}")]
    Binary {
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// The input is larger than [`Options::max_size`](crate::Options::max_size).
    #[error("input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// A `.docx`, `.doc` or `.pdf` file that its reader cannot read
    /// (corrupt, encrypted, a zip bomb, …).
    #[error("cannot read this {format} file: {reason}")]
    Unreadable {
        /// `docx`, `doc` or `pdf`.
        format: &'static str,
        /// What is wrong, for people.
        reason: String,
    },
    /// A file format whose reader is not built in (its cargo feature is off).
    #[error("{format} files are not supported by this build (cargo feature `{format}`)")]
    Unsupported {
        /// `docx`, `doc` or `pdf`.
        format: &'static str,
    },
    /// An external program a reader needs is not on `PATH`.
    #[error("`{program}` was not found on PATH: install the package `{package}`")]
    MissingProgram {
        /// The program (`pdftotext`).
        program: &'static str,
        /// The package that provides it (`poppler-utils`).
        package: &'static str,
    },
}

impl Error {
    /// The byte offset the error is about, when there is one.
    pub fn offset(&self) -> Option<usize> {
        match self {
            Error::InvalidUtf8 { offset } | Error::Binary { offset } => Some(*offset),
            _ => None,
        }
    }
}

/// `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
