//! The `congvan` command-line tool: `congvan parse` prints the JSON model of
//! documents, `congvan check` prints their diagnostics, `congvan batch`
//! converts whole folders, `congvan schema` prints the JSON Schema.

mod batch;
mod check;
mod input;
mod manifest;
mod names;
mod output;
mod parse_cmd;
mod schema_cmd;
mod shape;
mod text_cmd;
mod trace_view;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Command line of `congvan`.
#[derive(Debug, Parser)]
#[command(
    name = "congvan",
    version,
    about = "Parse Vietnamese administrative documents (công văn, quyết định, …) into JSON",
    after_help = "Exit status: 0 on success, 1 when an input could not be read or decoded \
                  (or, for `batch`, when the output is not writable, locked by another run, one \
                  of the inputs, or the disk is full), 2 for usage errors, 3 when `batch` ran but \
                  some \
                  inputs failed."
)]
struct Cli {
    /// What to do.
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Parse documents and print their JSON model (one object, or JSON Lines for several inputs).
    Parse(parse_cmd::ParseArgs),
    /// Print the diagnostics of documents like a compiler: location, source line, carets.
    Check(check::CheckArgs),
    /// Print the JSON Schema (draft 2020-12) of the JSON output.
    Schema,
    /// Print the text congvan reads from a file (.docx, .doc, .pdf or text): spans index it.
    Text(text_cmd::TextArgs),
    /// Convert folders of documents to JSON files or JSON Lines, in parallel and resumable.
    Batch(batch::BatchArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse(args) => parse_cmd::run(&args),
        Command::Schema => schema_cmd::run(),
        Command::Check(args) => check::run(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Text(args) => text_cmd::run(&args),
    }
}

/// Prints `congvan: MESSAGE` on stderr.
pub(crate) fn warn(message: &str) {
    eprintln!("congvan: {message}");
}
