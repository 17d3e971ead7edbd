//! What `cargo package` would publish: the sources, examples, tests, small
//! fixtures, the schema and the licences; never the corpus (`../shared`),
//! fuzz artefacts, build output or large files.

use std::path::Path;
use std::process::Command;

/// Largest file allowed in the package.
const MAX_FILE: u64 = 1024 * 1024;
/// Largest total size allowed (uncompressed).
const MAX_TOTAL: u64 = 4 * 1024 * 1024;

#[test]
fn package_list_has_no_corpus_and_no_large_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = Command::new(env!("CARGO"))
        .current_dir(root)
        .args(["package", "--list", "--allow-dirty", "--offline", "--quiet"])
        .output()
        .expect("run cargo package --list");
    assert!(
        o.status.success(),
        "cargo package --list failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let list = String::from_utf8(o.stdout).expect("UTF-8 list");
    let files: Vec<&str> = list.lines().filter(|l| !l.is_empty()).collect();

    for must in [
        "Cargo.toml",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "src/lib.rs",
        "src/guide.rs",
        "schema/congvan-1.schema.json",
        "examples/parse_file.rs",
        "examples/batch_to_jsonl.rs",
        "examples/list_citations.rs",
    ] {
        assert!(
            files.contains(&must),
            "{must} is not in the package:\n{list}"
        );
    }

    let mut total = 0;
    for file in &files {
        assert!(
            !file.contains("..")
                && !file.starts_with("shared/")
                && !file.contains("corpus")
                && !file.starts_with("fuzz/")
                && !file.starts_with("target/")
                && !file.starts_with(".ci/"),
            "{file} must not be packaged"
        );
        // Files cargo generates (`.cargo_vcs_info.json`, `Cargo.toml.orig`) are not on disk.
        let Ok(meta) = std::fs::metadata(root.join(file)) else {
            continue;
        };
        assert!(
            meta.len() <= MAX_FILE,
            "{file} is {} bytes, over {MAX_FILE}",
            meta.len()
        );
        total += meta.len();
    }
    assert!(
        total <= MAX_TOTAL,
        "the package is {total} bytes, over {MAX_TOTAL}"
    );
}
