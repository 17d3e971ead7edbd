//! `congvan schema`: prints the JSON Schema of the output.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::warn;

/// Runs `congvan schema`.
pub(crate) fn run() -> ExitCode {
    let text = congvan::schema::json_schema_string();
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            warn(&format!("cannot write output: {e}"));
            ExitCode::FAILURE
        }
    }
}
