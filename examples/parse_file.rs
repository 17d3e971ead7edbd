//! Parses one file and prints its JSON: `cargo run --example parse_file -- FILE`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_file FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let options = congvan::Options::default();
    match congvan::decode(&bytes, &options) {
        Ok(decoded) => {
            let doc = congvan::parse_with(&decoded.text, &options);
            println!("{}", congvan::to_json_pretty(&doc));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}
