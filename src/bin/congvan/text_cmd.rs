//! `congvan text`: the text that congvan reads from a file, exactly.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Args;
use congvan::Options;

use crate::input::{parse_size, DEFAULT_MAX_SIZE};
use crate::parse_cmd::{describe_error, read_input};
use crate::warn;

/// Arguments of `congvan text`.
#[derive(Debug, Args)]
#[command(
    after_help = "Prints the text that `congvan parse` reads from FILE: for a .docx or .doc, \
                  paragraphs as lines and tables as Markdown pipe rows; for a PDF, the text \
                  layer. The spans of `congvan parse FILE` index exactly this text. Reading \
                  notes (an unusable PDF text layer, …) go to standard error.\n\nExit status: \
                  0 when the file was read, 1 when it could not be."
)]
pub(crate) struct TextArgs {
    /// The file (`-` reads standard input).
    #[arg(value_name = "FILE")]
    file: String,
    /// Refuse inputs larger than SIZE (bytes, or with a unit: 512K, 64M, 1G), standard input
    /// included.
    #[arg(long, value_name = "SIZE", default_value = DEFAULT_MAX_SIZE, value_parser = parse_size)]
    max_size: usize,
    #[command(flatten)]
    ocr: crate::parse_cmd::OcrArgs,
}

/// Runs `congvan text`.
pub(crate) fn run(args: &TextArgs) -> ExitCode {
    let options = args.ocr.apply(Options::new().max_size(args.max_size));
    let name = if args.file == "-" {
        "<stdin>"
    } else {
        &args.file
    };
    let extracted = match read_input(&args.file, args.max_size)
        .and_then(|bytes| congvan::input::extract(&bytes, &options).map_err(|e| describe_error(&e)))
    {
        Ok(extracted) => extracted,
        Err(message) => {
            warn(&format!("{name}: {message}"));
            return ExitCode::FAILURE;
        }
    };
    for d in &extracted.diagnostics {
        warn(&format!("{name}: {}: {}", d.code, d.message));
    }
    let mut out = io::stdout().lock();
    match out
        .write_all(extracted.text.as_bytes())
        .and_then(|()| out.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            warn(&format!("cannot write output: {e}"));
            ExitCode::FAILURE
        }
    }
}
