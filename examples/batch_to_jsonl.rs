//! Parses every `.txt` and `.md` file under a folder and prints JSON Lines.
//!
//! ```sh
//! cargo run --example batch_to_jsonl -- fixtures > out.jsonl
//! ```
//!
//! One line per file, in sorted path order (the walk is recursive and uses
//! only `std`):
//!
//! ```text
//! {"path":"fixtures/chi-thi.txt","document":{"schema":"congvan/1",…}}
//! {"path":"fixtures/broken.txt","error":"not valid UTF-8: invalid byte sequence at byte 12"}
//! ```
//!
//! A file that cannot be read or decoded gives an `error` line and the walk
//! goes on; the exit status is then 1. A folder that cannot be listed is an
//! error line too. `.md` files are read as Markdown, `.txt` files with
//! format detection.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use congvan::{InputFormat, Options};

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(root), None) = (args.next(), args.next()) else {
        eprintln!("usage: batch_to_jsonl DIR");
        return ExitCode::from(2);
    };
    let root = PathBuf::from(root);
    if !root.is_dir() {
        eprintln!("{}: not a directory", root.display());
        return ExitCode::from(2);
    }

    let mut files = Vec::new();
    let mut failed = false;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut walk_errors = Vec::new();
    walk(&root, &mut files, &mut walk_errors);
    files.sort();
    walk_errors.sort();
    for (dir, message) in walk_errors {
        failed = true;
        let _ = writeln!(out, "{}", error_line(&dir, &message));
    }
    for path in &files {
        let line = match parse(path) {
            Ok(doc) => format!(
                "{{\"path\":{},\"document\":{}}}",
                json_string(&path.to_string_lossy()),
                congvan::to_json(&doc)
            ),
            Err(message) => {
                failed = true;
                error_line(path, &message)
            }
        };
        if writeln!(out, "{line}").is_err() {
            // Closed pipe (`| head`): stop quietly.
            return ExitCode::SUCCESS;
        }
    }
    let _ = out.flush();
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Collects the `.txt` and `.md` files under `dir`, recursively. Symbolic
/// links to folders are not followed (no cycles).
fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<(PathBuf, String)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push((dir.to_owned(), e.to_string()));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push((dir.to_owned(), e.to_string()));
                continue;
            }
        };
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, files, errors);
        } else if format_of(&path).is_some() {
            files.push(path);
        }
    }
}

/// `.md` is Markdown, `.txt` is detected; other files are skipped.
fn format_of(path: &Path) -> Option<InputFormat> {
    match path.extension()?.to_str()? {
        "md" => Some(InputFormat::Markdown),
        "txt" => Some(InputFormat::Auto),
        _ => None,
    }
}

/// Reads, decodes and parses one file.
fn parse(path: &Path) -> Result<congvan::Document, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let options = Options::new().format(format_of(path).unwrap_or_default());
    let decoded = congvan::decode(&bytes, &options).map_err(|e| e.to_string())?;
    let mut doc = congvan::parse_with(&decoded.text, &options);
    doc.diagnostics.extend(decoded.diagnostics);
    Ok(doc)
}

/// `{"path": …, "error": …}`.
fn error_line(path: &Path, message: &str) -> String {
    format!(
        "{{\"path\":{},\"error\":{}}}",
        json_string(&path.to_string_lossy()),
        json_string(message)
    )
}

/// A JSON string literal.
fn json_string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}
