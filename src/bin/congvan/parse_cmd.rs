//! `congvan parse`: documents in, JSON out.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use congvan::{Document, Error, InputFormat, OcrMode, Options};

use crate::input::{parse_size, read_limited, DEFAULT_MAX_SIZE};
use crate::names::shown;
use crate::shape::{self, Shape};
use crate::trace_view;
use crate::warn;

/// Arguments of `congvan parse`.
#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 when every input was parsed; 1 when an input could not \
                        be read, is a directory, is not valid UTF-8, holds NUL bytes (binary) \
                        or is too large (the other inputs are still parsed); 2 for usage errors."
)]
pub(crate) struct ParseArgs {
    /// Files to parse; `-` or no file at all reads standard input. One input prints one JSON
    /// object; several print one compact JSON object per line (JSON Lines), in argument order.
    #[arg(value_name = "FILE")]
    files: Vec<String>,
    /// Print indented JSON instead of one compact line (only with a single input).
    #[arg(long)]
    pretty: bool,
    /// How to read the input: `auto` detects Markdown (pipe tables, `# ` titles), `text` reads
    /// plain text, `markdown` reads CommonMark with tables.
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    format: Format,
    /// Replace invalid UTF-8 with U+FFFD and add an `invalid_utf8_replaced` diagnostic
    /// instead of failing.
    #[arg(long)]
    lossy: bool,
    /// Embed the text the spans index (what `congvan text FILE` prints) in the JSON, as
    /// `source.text`.
    #[arg(long)]
    with_text: bool,
    /// Refuse inputs larger than SIZE (bytes, or with a unit: 512K, 64M, 1G), standard input
    /// included.
    #[arg(long, value_name = "SIZE", default_value = DEFAULT_MAX_SIZE, value_parser = parse_size)]
    max_size: usize,
    /// Print how each line was read instead of the JSON: one row per line of the input,
    /// `LINE:COL KIND STAGE TEXT [VALUES]`. LINE:COL is where the line starts in the input (as
    /// an editor counts; a table row's cells are rows of their own); KIND is content, blank,
    /// separator, noise or stamp; STAGE is what took the line (editorial, header, body,
    /// signature, distribution, footer, attachment, trailer); VALUES are the fields whose span
    /// starts on it (`number`, `date`, `section`, `citation`, …). TEXT is cut after 60 chars.
    /// For a .docx, .doc, .pdf or a scan, the lines are those of `congvan text FILE`; reading
    /// notes (a page without a text layer, …) go to standard error.
    #[arg(long, conflicts_with_all = ["pretty", "with_text", "compact", "spans_only"])]
    trace: bool,
    #[command(flatten)]
    ocr: OcrArgs,
    #[command(flatten)]
    shape: Shape,
}

/// The OCR options of `parse`, `check`, `batch` and `text`.
#[derive(Debug, Args)]
pub(crate) struct OcrArgs {
    /// When to read scans by OCR (`tesseract`, packages `tesseract-ocr tesseract-ocr-vie`):
    /// `auto` reads images and the PDF pages without a usable text layer, `always` every PDF
    /// page too, `never` reports such pages and leaves them out.
    #[arg(long, value_enum, default_value_t = Ocr::Auto)]
    ocr: Ocr,
    /// Where OCR output is cached, by the file's content hash (default
    /// `$XDG_CACHE_HOME/congvan/ocr`, or `~/.cache/congvan/ocr`).
    #[arg(long, value_name = "DIR")]
    ocr_cache: Option<std::path::PathBuf>,
    /// Cache nothing: OCR every page again.
    #[arg(long, conflicts_with = "ocr_cache")]
    no_ocr_cache: bool,
    /// Resolution at which PDF pages are rendered for OCR.
    #[arg(long, value_name = "DPI", default_value_t = 300)]
    ocr_dpi: u32,
}

/// Values of `--ocr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Ocr {
    /// Never.
    Never,
    /// Images and pages without a usable text layer.
    Auto,
    /// Every page.
    Always,
}

impl OcrArgs {
    /// `options` with these OCR settings.
    pub(crate) fn apply(&self, options: Options) -> Options {
        let mode = match self.ocr {
            Ocr::Never => OcrMode::Never,
            Ocr::Auto => OcrMode::Auto,
            Ocr::Always => OcrMode::Always,
        };
        let cache = if self.no_ocr_cache {
            None
        } else {
            self.ocr_cache.clone().or_else(default_cache)
        };
        options.ocr(mode).ocr_cache(cache).ocr_dpi(self.ocr_dpi)
    }

    /// The settings that change what is read, for a manifest: empty at the
    /// defaults (so manifests written before these were recorded still
    /// match a run at the defaults).
    pub(crate) fn describe(&self) -> String {
        if self.ocr == Ocr::Auto && self.ocr_dpi == 300 {
            return String::new();
        }
        format!("; ocr={:?}; ocr_dpi={}", self.ocr, self.ocr_dpi)
    }
}

/// `$XDG_CACHE_HOME/congvan/ocr`, or `~/.cache/congvan/ocr`.
fn default_cache() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| std::path::PathBuf::from(h).join(".cache"))
        })?;
    Some(base.join("congvan").join("ocr"))
}

/// Values of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Markdown when the text looks like Markdown, plain text otherwise.
    Auto,
    /// Plain text.
    Text,
    /// Markdown (CommonMark with tables).
    Markdown,
}

impl From<Format> for InputFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Auto => InputFormat::Auto,
            Format::Text => InputFormat::Text,
            Format::Markdown => InputFormat::Markdown,
        }
    }
}

/// Runs `congvan parse`.
pub(crate) fn run(args: &ParseArgs) -> ExitCode {
    let options = args.ocr.apply(
        Options::new()
            .format(args.format.into())
            .lossy(args.lossy)
            .max_size(args.max_size)
            .with_text(args.with_text),
    );
    let inputs: Vec<&str> = if args.files.is_empty() {
        vec!["-"]
    } else {
        args.files.iter().map(String::as_str).collect()
    };
    if args.trace {
        return run_trace(&inputs, &options);
    }
    let pretty = args.pretty && inputs.len() == 1;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    for input in &inputs {
        let doc = match load(input, &options) {
            Ok(doc) => doc,
            Err(message) => {
                warn(&format!("{}: {message}", display_name(input)));
                failed = true;
                continue;
            }
        };
        // Streamed: the JSON text is never held whole in memory (it is
        // several times the size of the input).
        let written = shape::to_writer(&mut out, &doc, args.shape, pretty)
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n"));
        if let Err(e) = written {
            return write_failed(&e, failed);
        }
    }
    finish(&mut out, failed)
}

/// Flushes `out`; the exit status after every input was written.
fn finish(out: &mut impl Write, failed: bool) -> ExitCode {
    if let Err(e) = out.flush() {
        return write_failed(&e, failed);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The exit status after stdout could not be written: quiet on a closed pipe.
fn write_failed(e: &io::Error, failed: bool) -> ExitCode {
    if e.kind() != io::ErrorKind::BrokenPipe {
        warn(&format!("cannot write output: {e}"));
        return ExitCode::FAILURE;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The name used for an input in messages, control characters escaped.
pub(crate) fn display_name(input: &str) -> String {
    if input == "-" {
        "<stdin>".to_owned()
    } else {
        shown(Path::new(input))
    }
}

/// `congvan parse --trace`: each input's trace, one after the other,
/// separated by a blank line.
fn run_trace(inputs: &[&str], options: &Options) -> ExitCode {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut first = true;
    for input in inputs {
        let traced = read_input(input, options.max_size).and_then(|bytes| {
            let extracted =
                congvan::input::extract(&bytes, options).map_err(|e| describe_error(&e))?;
            // what the reader noticed (a page without text) explains missing rows
            for d in &extracted.diagnostics {
                warn(&format!(
                    "{}: {}: {}",
                    display_name(input),
                    d.code,
                    d.message
                ));
            }
            let lines =
                congvan::trace::trace(&extracted.text, &options.clone().format(extracted.read_as));
            Ok(trace_view::render(
                &display_name(input),
                &extracted.text,
                &lines,
            ))
        });
        let shown = match traced {
            Ok(shown) => shown,
            Err(message) => {
                warn(&format!("{}: {message}", display_name(input)));
                failed = true;
                continue;
            }
        };
        let gap: &[u8] = if first { b"" } else { b"\n" };
        first = false;
        if let Err(e) = out
            .write_all(gap)
            .and_then(|()| out.write_all(shown.as_bytes()))
        {
            return write_failed(&e, failed);
        }
    }
    finish(&mut out, failed)
}

/// Reads, decodes and parses one input; the error is the message to print
/// after the file name.
fn load(input: &str, options: &Options) -> Result<Document, String> {
    let bytes = read_input(input, options.max_size)?;
    parse_bytes(bytes, options).map_err(|e| describe_error(&e))
}

/// Reads a file's bytes, or standard input for `-`, up to `limit` bytes.
pub(crate) fn read_input(input: &str, limit: usize) -> Result<Vec<u8>, String> {
    read_limited(Path::new(input), limit).map_err(|e| e.to_string())
}

/// Reads bytes of any format (text, `.docx`, `.doc`, `.pdf`) and parses the
/// text, carrying the reading diagnostics into the document. The bytes are
/// given up: UTF-8 text becomes the parser's input without a copy.
pub(crate) fn parse_bytes(bytes: Vec<u8>, options: &Options) -> Result<Document, Error> {
    congvan::input::parse_vec(bytes, options).map(|(_, doc)| doc)
}

/// The message for a decoding error, with a hint where `--lossy` helps.
pub(crate) fn describe_error(e: &Error) -> String {
    match e {
        Error::InvalidUtf8 { .. } => format!("{e} (use --lossy to replace bad bytes)"),
        _ => e.to_string(),
    }
}
