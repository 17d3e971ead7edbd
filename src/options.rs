//! Parser options.

/// How to read the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Markdown when the text looks like a Markdown conversion (it has a
    /// pipe-table delimiter row such as `|---|---|`), plain text otherwise.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// Markdown (CommonMark with tables), as web copies are converted.
    Markdown,
}

/// Options for [`parse_with`](crate::parse_with) and [`decode`](crate::decode).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Plain text, Markdown, or detect.
    pub format: InputFormat,
    /// Replace invalid UTF-8 with U+FFFD (and report it) instead of failing.
    pub lossy: bool,
    /// Largest input accepted by [`decode`](crate::decode), in bytes.
    pub max_size: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            format: InputFormat::Auto,
            lossy: false,
            max_size: 64 * 1024 * 1024,
        }
    }
}

impl Options {
    /// Default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the input format.
    pub fn format(mut self, format: InputFormat) -> Self {
        self.format = format;
        self
    }

    /// Sets lossy decoding.
    pub fn lossy(mut self, lossy: bool) -> Self {
        self.lossy = lossy;
        self
    }

    /// Sets the size limit.
    pub fn max_size(mut self, max_size: usize) -> Self {
        self.max_size = max_size;
        self
    }
}
