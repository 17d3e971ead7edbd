//! `congvan check`: the diagnostics of documents, printed the way a compiler
//! prints its own.
//!
//! ```text
//! draft.txt:7:1: warning[blank_number]: the number is left blank (to be filled in on registration)
//!    7 | Số:      /UBND-VP
//!      | ^^^^^^^^^^^^^^^^^
//! draft.txt: 2 warnings, 0 errors
//! ```

use std::fmt::Write as _;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use congvan::{Diagnostic, LineIndex, Options, Severity, Span};
use unicode_normalization::char::canonical_combining_class;

use crate::input::{parse_size, DEFAULT_MAX_SIZE};
use crate::parse_cmd::{describe_error, display_name, read_input, Format};
use crate::warn;

/// Arguments of `congvan check`.
#[derive(Debug, Args)]
#[command(
    after_help = "Each diagnostic is printed as `FILE:LINE:COL: SEVERITY[CODE]: MESSAGE`, then the \
                  source line with carets under the span (lines and columns count characters, \
                  from 1), then a summary line per file.\n\n\
                  Exit status: 0 when no input has an error (warnings are allowed); 1 when an \
                  input has an error, or a warning with `--deny warnings`, or could not be read \
                  or decoded; 2 for usage errors."
)]
pub(crate) struct CheckArgs {
    /// Files to check; `-` reads standard input.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<String>,
    /// Treat warnings as errors (`--deny warnings`).
    #[arg(long, value_enum, value_name = "LINT")]
    deny: Vec<Deny>,
    /// How to read the input: `auto` detects Markdown, `text` reads plain text, `markdown`
    /// reads CommonMark with tables.
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    format: Format,
    /// Replace invalid UTF-8 with U+FFFD (reported as a warning) instead of failing.
    #[arg(long)]
    lossy: bool,
    /// Refuse inputs larger than SIZE (bytes, or with a unit: 512K, 64M, 1G), standard input
    /// included.
    #[arg(long, value_name = "SIZE", default_value = DEFAULT_MAX_SIZE, value_parser = parse_size)]
    max_size: usize,
    #[command(flatten)]
    ocr: crate::parse_cmd::OcrArgs,
    /// When to colour the output: `auto` colours only when standard output is a terminal
    /// (and `NO_COLOR` is not set).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// Values of `--deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings count as errors.
    Warnings,
}

/// Values of `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// Colour when standard output is a terminal.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// ANSI styles, empty when colour is off.
#[derive(Debug, Clone, Copy)]
struct Style {
    on: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn severity(self, severity: Severity) -> &'static str {
        match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        }
    }
}

/// Counts for one file's summary.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// Runs `congvan check`.
pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let options = args.ocr.apply(
        Options::new()
            .format(args.format.into())
            .lossy(args.lossy)
            .max_size(args.max_size),
    );
    let deny_warnings = args.deny.contains(&Deny::Warnings);
    let style = Style {
        on: match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        },
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    for input in &args.files {
        let name = display_name(input);
        let name = name.as_str();
        let (text, diagnostics) = match load(input, &options) {
            Ok(loaded) => loaded,
            Err(message) => {
                // Keep the order of stdout and stderr for people reading both.
                let _ = out.flush();
                warn(&format!("{name}: {message}"));
                failed = true;
                continue;
            }
        };
        let (report, counts) = render(name, &text, &diagnostics, deny_warnings, style);
        failed |= counts.errors > 0;
        if let Err(e) = out.write_all(report.as_bytes()) {
            return write_failed(&e);
        }
    }
    if let Err(e) = out.flush() {
        return write_failed(&e);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The exit status after stdout could not be written: quiet on a closed pipe.
fn write_failed(e: &io::Error) -> ExitCode {
    if e.kind() != io::ErrorKind::BrokenPipe {
        warn(&format!("cannot write output: {e}"));
    }
    ExitCode::FAILURE
}

/// Reads, decodes and parses one input: the text the spans index, and the
/// diagnostics (decoding notes included).
fn load(input: &str, options: &Options) -> Result<(String, Vec<Diagnostic>), String> {
    let bytes = read_input(input, options.max_size)?;
    let (extracted, doc) =
        congvan::input::parse_bytes(&bytes, options).map_err(|e| describe_error(&e))?;
    Ok((extracted.text, doc.diagnostics))
}

/// The report for one file, and its counts.
fn render(
    name: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    deny_warnings: bool,
    style: Style,
) -> (String, Counts) {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| (d.span.start, d.span.end));
    let lines = LineIndex::new(text);
    let mut counts = Counts::default();
    let mut out = String::new();
    for d in sorted {
        let severity = match d.severity {
            Severity::Warning if deny_warnings => Severity::Error,
            s => s,
        };
        match severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
            Severity::Info => counts.infos += 1,
        }
        let label = match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let color = style.severity(severity);
        let at = locate(&lines, d.span);
        let _ = writeln!(
            out,
            "{}: {}: {}",
            style.paint("1", &format!("{name}:{}:{}", at.line, at.col)),
            style.paint(color, &format!("{label}[{}]", d.code)),
            clean(&d.message)
        );
        let number = at.line.to_string();
        let pad = " ".repeat(number.len().max(3));
        let row = format!(
            "{} {}",
            style.paint("1;34", &format!("{number:>width$} |", width = pad.len())),
            clean(at.source)
        );
        let _ = writeln!(out, "{}", row.trim_end());
        let _ = writeln!(
            out,
            "{} {}{}",
            style.paint("1;34", &format!("{pad} |")),
            " ".repeat(width(&at.source[..at.source_start])),
            style.paint(
                color,
                &"^".repeat(width(&at.source[at.source_start..at.source_end]).max(1))
            )
        );
    }
    let _ = write!(
        out,
        "{name}: {} {}, {} {}",
        counts.warnings,
        plural(counts.warnings, "warning", "warnings"),
        counts.errors,
        plural(counts.errors, "error", "errors"),
    );
    if counts.infos > 0 {
        let _ = write!(
            out,
            ", {} {}",
            counts.infos,
            plural(counts.infos, "info", "infos")
        );
    }
    out.push('\n');
    (out, counts)
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The text with control characters (escape sequences included) shown as
/// spaces, so a document cannot drive the terminal and carets stay aligned.
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Display width in columns: one per char, none for combining marks.
fn width(s: &str) -> usize {
    s.chars()
        .filter(|&c| canonical_combining_class(c) == 0)
        .count()
}

/// Where a span starts, for people.
#[derive(Debug)]
struct Location<'a> {
    /// 1-based line.
    line: usize,
    /// 1-based column, in chars.
    col: usize,
    /// The first line of the span, without its line end.
    source: &'a str,
    /// Byte range of the span inside `source` (to its end for a multi-line span).
    source_start: usize,
    source_end: usize,
}

/// Where `span` starts in the text of `lines`, with its first line.
fn locate<'a>(lines: &LineIndex<'a>, span: Span) -> Location<'a> {
    let text = lines.text();
    let start = text.floor_char_boundary(span.start);
    let end = text.floor_char_boundary(span.end.max(start));
    let at = lines.position(start);
    let line = lines.line_of(Span::empty(start));
    let source = &text[line];
    let source_start = (start - line.start).min(source.len());
    let source_end = (end - line.start).clamp(source_start, source.len());
    Location {
        line: at.line,
        col: at.column,
        source,
        source_start,
        source_end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain() -> Style {
        Style { on: false }
    }

    #[test]
    fn locates_lines_and_columns_in_chars() {
        let text = "ỦY BAN\r\nSố: /UBND\rdòng ba\nx";
        let lines = LineIndex::new(text);
        let at = locate(
            &lines,
            Span::new(text.find("/UBND").unwrap(), text.find('\r').unwrap() + 20),
        );
        assert_eq!((at.line, at.col), (2, 5));
        assert_eq!(at.source, "Số: /UBND");
        let at = locate(&lines, Span::empty(text.find("ba").unwrap()));
        assert_eq!((at.line, at.col, at.source), (3, 6, "dòng ba"));
        let at = locate(&lines, Span::empty(text.len()));
        assert_eq!((at.line, at.col, at.source), (4, 2, "x"));
    }

    #[test]
    fn empty_span_at_the_end_after_a_newline() {
        let text = "a\n";
        let at = locate(&LineIndex::new(text), Span::empty(2));
        assert_eq!((at.line, at.col, at.source), (2, 1, ""));
    }

    #[test]
    fn renders_carets_and_summary() {
        let text = "Số: /UBND-NN\nx";
        let d = [Diagnostic::warning(
            congvan::DiagnosticCode::BlankNumber,
            "blank",
            Span::new(0, 14),
        )];
        let (out, counts) = render("f.txt", text, &d, false, plain());
        assert_eq!(counts.warnings, 1);
        assert_eq!(
            out,
            "f.txt:1:1: warning[blank_number]: blank\n  1 | Số: /UBND-NN\n    | ^^^^^^^^^^^^\n\
             f.txt: 1 warning, 0 errors\n"
        );
        let (out, counts) = render("f.txt", text, &d, true, plain());
        assert_eq!(counts.errors, 1);
        assert!(out.starts_with("f.txt:1:1: error[blank_number]"), "{out}");
    }

    #[test]
    fn control_characters_do_not_reach_the_terminal() {
        let text = "a\x1b[31mb";
        let d = [Diagnostic::info(
            congvan::DiagnosticCode::Attachment,
            "m\x1b",
            Span::new(1, 2),
        )];
        let (out, _) = render("f", text, &d, false, plain());
        assert!(!out.contains('\x1b'), "{out:?}");
    }
}
