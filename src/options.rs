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

/// When a file is read through OCR (cargo feature `ocr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Never: a scanned page is reported (`no_text_layer`) and left out.
    #[default]
    Never,
    /// Images, and PDF pages whose text layer is missing or unusable.
    Auto,
    /// Every page of a PDF, whatever its text layer, and images.
    Always,
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
    /// When to read scans through OCR (`tesseract`); the library's default
    /// is [`OcrMode::Never`], the CLI's `auto`.
    pub ocr: OcrMode,
    /// Where OCR output is cached (keyed by the file's SHA-256, the page,
    /// the resolution and the language); `None` caches nothing.
    pub ocr_cache: Option<std::path::PathBuf>,
    /// Resolution at which PDF pages are rendered for OCR, in dpi.
    pub ocr_dpi: u32,
    /// How many pages are read by OCR at once (one `tesseract` each);
    /// 0 uses every core.
    pub ocr_jobs: usize,
    /// Embed the text the spans index in the document, as
    /// [`Source::text`](crate::model::Source::text) (`congvan parse --with-text`).
    pub with_text: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            format: InputFormat::Auto,
            lossy: false,
            max_size: 64 * 1024 * 1024,
            ocr: OcrMode::Never,
            ocr_cache: None,
            ocr_dpi: 300,
            ocr_jobs: 0,
            with_text: false,
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

    /// Sets when OCR runs.
    pub fn ocr(mut self, mode: OcrMode) -> Self {
        self.ocr = mode;
        self
    }

    /// Sets the OCR cache directory.
    pub fn ocr_cache(mut self, dir: Option<std::path::PathBuf>) -> Self {
        self.ocr_cache = dir;
        self
    }

    /// Sets the resolution of rendered PDF pages for OCR.
    pub fn ocr_dpi(mut self, dpi: u32) -> Self {
        self.ocr_dpi = dpi;
        self
    }

    /// Embeds the text the spans index in the document
    /// ([`Source::text`](crate::model::Source::text)).
    ///
    /// ```
    /// use congvan::Options;
    ///
    /// let text = "Số: 12/QĐ-UBND\nNội dung.";
    /// let doc = congvan::parse_with(text, &Options::new().with_text(true));
    /// assert_eq!(doc.source.text.as_deref(), Some(text));
    /// let span = doc.number.as_ref().unwrap().span;
    /// assert_eq!(span.slice(doc.source.text.as_deref().unwrap()), Some("Số: 12/QĐ-UBND"));
    /// ```
    pub fn with_text(mut self, with_text: bool) -> Self {
        self.with_text = with_text;
        self
    }

    /// Sets how many pages are read by OCR at once (0: every core).
    pub fn ocr_jobs(mut self, jobs: usize) -> Self {
        self.ocr_jobs = jobs;
        self
    }
}
