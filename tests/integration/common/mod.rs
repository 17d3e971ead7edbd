//! Helpers shared by the integration tests: the fixtures (here), the
//! `congvan` binary ([`bin`]), temporary folders ([`temp`]) and small PDFs
//! ([`pdf`]).

use std::fs;
use std::path::{Path, PathBuf};

use congvan::{Document, InputFormat, Options};

pub(crate) mod bin;
#[allow(dead_code)]
pub(crate) mod pdf;
pub(crate) mod temp;

/// The least number of fixtures the suite must find (issue 2).
pub(crate) const MIN_FIXTURES: usize = 12;

/// `fixtures/` at the crate root.
pub(crate) fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Every fixture input (`.txt` or `.md`) in `fixtures/`, sorted by file name.
pub(crate) fn fixture_inputs() -> Vec<PathBuf> {
    let dir = fixtures_dir();
    let entries =
        fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_file() && input_format(path).is_some())
        .collect();
    paths.sort();
    paths
}

/// The format a fixture is parsed with: `.md` is Markdown, `.txt` is detected.
pub(crate) fn input_format(path: &Path) -> Option<InputFormat> {
    match path.extension().and_then(|ext| ext.to_str()) {
        Some("md") => Some(InputFormat::Markdown),
        Some("txt") => Some(InputFormat::Auto),
        _ => None,
    }
}

/// The fixture's file name, for messages.
pub(crate) fn fixture_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads a fixture and parses it with the options its extension calls for.
pub(crate) fn parse_fixture(path: &Path) -> (String, Document) {
    let input =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let format = input_format(path).expect("fixture inputs are .txt or .md");
    let doc = congvan::parse_with(&input, &Options::new().format(format));
    (input, doc)
}
