//! Accuracy ratchet: the corpus report's rates must not fall below the
//! minimums in `tests/accuracy_minimums.json`. Raise them when a change
//! improves a rate (`congvan report --json /tmp/r.json` prints the rates).
//! Skips with a message where `../shared/corpus` is absent.

use std::path::Path;
use std::process::Command;

#[test]
fn corpus_rates_do_not_fall_below_their_minimums() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus");
    let ocr = root.join("../shared/corpus-ocr");
    if !corpus.is_dir() || !ocr.is_dir() {
        eprintln!(
            "skipping: {} or {} is absent",
            corpus.display(),
            ocr.display()
        );
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_congvan"))
        .arg("report")
        .arg("--corpus")
        .arg(&corpus)
        .arg("--ocr")
        .arg(&ocr)
        .arg("--min")
        .arg(root.join("tests/accuracy_minimums.json"))
        .output()
        .expect("run congvan report");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "a rate fell below its minimum:\n{stderr}\n{}",
        stdout.lines().rev().take(40).collect::<Vec<_>>().join("\n")
    );
    assert!(
        stdout.contains("panics: 0"),
        "the corpus must parse without panics:\n{stdout}"
    );
    assert!(
        stdout.contains("failures: 0"),
        "every corpus file must decode:\n{stdout}"
    );
}
