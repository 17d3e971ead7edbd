//! Parses one file and prints its JSON model.
//!
//! ```sh
//! cargo run --example parse_file -- fixtures/cong-van-full-header.txt
//! ```
//!
//! This is the whole library workflow: read bytes, [`congvan::decode`] them
//! (UTF-8 check, BOM, UTF-16), [`congvan::parse_with`] the text, and write
//! [`congvan::to_json_pretty`]. Diagnostics found while decoding (a BOM, replaced
//! bytes with `--lossy`) are added to the document's own. A `.md` file is read
//! as Markdown; anything else with format detection.
//!
//! Exit status: 0 on success, 1 when the file cannot be read or is not text,
//! 2 for usage errors.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use congvan::{InputFormat, Options};

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let (lossy, path) = match args.as_slice() {
        [path] if path != "--lossy" => (false, path),
        [flag, path] if flag == "--lossy" => (true, path),
        _ => {
            eprintln!("usage: parse_file [--lossy] FILE");
            return ExitCode::from(2);
        }
    };
    let path = Path::new(&path);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
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
    let options = Options::new().format(format).lossy(lossy);
    match congvan::decode(&bytes, &options) {
        Ok(decoded) => {
            let mut doc = congvan::parse_with(&decoded.text, &options);
            doc.diagnostics.extend(decoded.diagnostics);
            // `writeln!` rather than `println!`: a closed pipe is not a panic.
            let _ = writeln!(io::stdout(), "{}", congvan::to_json_pretty(&doc));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}
