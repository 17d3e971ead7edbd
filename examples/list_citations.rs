//! Lists the documents a file cites, one line each.
//!
//! ```sh
//! cargo run --example list_citations -- fixtures/quyet-dinh-can-cu-dieu.txt
//! ```
//!
//! Each line has five tab-separated columns: the normalised id (or, for a law
//! cited by name only, its title), the type, the date (`YYYY-MM-DD`, shorter
//! when partial), the issuer, and how many times the document is mentioned.
//! A missing value is `-`.
//!
//! ```text
//! 15/2018/NĐ-CP           Nghị định   2018-02-02  Chính phủ  1
//! Luật An toàn thực phẩm  Luật        2010-06-17  -          1
//! ```
//!
//! (shown aligned here; the real separator is one tab).

use std::io::{self, Write};
use std::process::ExitCode;

use congvan::model::{Citation, CitedDate};
use congvan::{InputFormat, Options};

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!("usage: list_citations FILE");
        return ExitCode::from(2);
    };
    let path = std::path::PathBuf::from(path);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let format = if path.extension().is_some_and(|e| e == "md") {
        InputFormat::Markdown
    } else {
        InputFormat::Auto
    };
    let options = Options::new().format(format);
    let text = match congvan::decode(&bytes, &options) {
        Ok(decoded) => decoded.text,
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let doc = congvan::parse_with(&text, &options);
    let mut out = io::stdout().lock();
    for citation in &doc.citations {
        if writeln!(out, "{}", line(citation)).is_err() {
            break; // closed pipe
        }
    }
    ExitCode::SUCCESS
}

/// One tab-separated line.
fn line(c: &Citation) -> String {
    let id = c.id.as_deref().or(c.title.as_deref()).unwrap_or("-");
    let kind = c.doc_type.as_ref().map_or("-", |t| t.name.as_str());
    let date = c.date.as_ref().map_or_else(|| "-".to_owned(), date);
    let issuer = c.issuer.as_deref().unwrap_or("-");
    format!("{id}\t{kind}\t{date}\t{issuer}\t{}", c.mentions.len())
}

/// `2024-01-11`, `2024-01`, `2024`; `-` when no part is known.
fn date(d: &CitedDate) -> String {
    match (d.year, d.month, d.day) {
        (Some(y), Some(m), Some(day)) => format!("{y:04}-{m:02}-{day:02}"),
        (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
        (Some(y), None, _) => format!("{y:04}"),
        (None, Some(m), Some(day)) => format!("????-{m:02}-{day:02}"),
        _ => "-".to_owned(),
    }
}
