//! End-to-end tests of `congvan batch`: mirrored output, skipped and failing
//! inputs, JSON Lines order, atomic writes, `--resume`, exit codes.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

/// Runs `congvan batch ARGS…`.
fn batch(args: &[&Path]) -> Output {
    congvan()
        .arg("batch")
        .args(args)
        .output()
        .expect("run congvan")
}

/// Runs `congvan batch ARGS…` with owned arguments.
fn batch_owned(args: &[PathBuf]) -> Output {
    batch(&args.iter().map(PathBuf::as_path).collect::<Vec<_>>())
}

#[path = "common/bin.rs"]
mod bin;
use bin::{congvan, stderr};
#[path = "common/temp.rs"]
mod temp;
use temp::TempDir;

/// The repository's fixture folder.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The text of a fixture.
fn fixture(name: &str) -> Vec<u8> {
    fs::read(fixtures().join(name)).expect("read fixture")
}

/// An input tree: documents at several depths, a Markdown file, and files
/// that are not documents.
fn sample_tree(dir: &TempDir) -> PathBuf {
    let root = dir.path().join("in");
    let put = |rel: &str, name: &str| dir.file(&format!("in/{rel}"), fixture(name));
    put("a.txt", "chi-thi.txt");
    put("sub/b.txt", "giay-moi.txt");
    put("sub/deeper/c.markdown", "markdown-table-web.md");
    put("z/d.md", "markdown-table-web.md");
    put("z/E.TXT", "to-trinh.txt");
    // .pdf, .docx and .doc are read now: an .odt is still not a document
    dir.file("in/notes.odt", b"PK\x03\x04 not a document");
    dir.file("in/sub/data.json", b"{}");
    dir.file("in/z/README", b"plain file without extension");
    root
}

/// Every file under `root`, relative path → bytes.
fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("prefix").to_path_buf();
                out.insert(rel, fs::read(&path).expect("read output"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// The modification time of a file.
fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
}

/// Sets the modification time of a file.
fn set_mtime(path: &Path, time: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(time))
        .expect("set mtime");
}

#[test]
fn out_mirrors_the_input_tree_and_counts_skipped_files() {
    let dir = TempDir::new("mirror");
    let input = sample_tree(&dir);
    let out = dir.path().join("out");
    let run = batch(&[&input, Path::new("--out"), &out]);
    assert_eq!(run.status.code(), Some(0), "stderr: {}", stderr(&run));

    let files = tree(&out);
    let names: Vec<_> = files
        .keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "a.json",
            "sub/b.json",
            "sub/deeper/c.json",
            "z/E.json",
            "z/d.json"
        ]
    );
    // Each output is exactly the JSON of `congvan parse` on its input.
    for (rel, source) in [
        ("a.json", "a.txt"),
        ("sub/deeper/c.json", "sub/deeper/c.markdown"),
    ] {
        let parsed = congvan()
            .arg("parse")
            .arg(input.join(source))
            .output()
            .expect("run parse");
        assert_eq!(
            String::from_utf8_lossy(&files[Path::new(rel)]).trim_end(),
            String::from_utf8_lossy(&parsed.stdout).trim_end(),
            "{rel}"
        );
    }
    let doc: serde_json::Value =
        serde_json::from_slice(&files[Path::new("sub/b.json")]).expect("valid JSON");
    assert_eq!(doc["schema"], "congvan/1");

    let summary = stderr(&run);
    assert!(summary.contains("5 files"), "{summary}");
    assert!(summary.contains("3 skipped"), "{summary}");
    assert!(summary.contains("0 failed"), "{summary}");
    assert!(summary.contains("MB/s"), "{summary}");
}

#[test]
fn bad_inputs_are_recorded_and_the_others_still_written() {
    let dir = TempDir::new("bad");
    let input = sample_tree(&dir);
    dir.file("in/sub/invalid.txt", b"S\xe1\xbb\x91: 12/UB\xff\xfeND\n");
    dir.file(
        "in/z/binary.md",
        b"QUY\xe1\xba\xbeT \x00\x00\x01 \xc4\x90\xe1\xbb\x8aNH",
    );
    let out = dir.path().join("out");
    let run = batch(&[&input, Path::new("--out"), &out]);
    assert_eq!(run.status.code(), Some(3), "stderr: {}", stderr(&run));

    let files = tree(&out);
    assert_eq!(files.len(), 5, "{:?}", files.keys());
    assert!(!files.contains_key(Path::new("sub/invalid.json")));
    assert!(!files.contains_key(Path::new("z/binary.json")));
    let err = stderr(&run);
    assert!(err.contains("invalid.txt: not valid UTF-8"), "{err}");
    assert!(err.contains("binary.md: not a text document"), "{err}");
    assert!(err.contains("2 failed"), "{err}");

    // The same inputs as JSON Lines: one error record each, with its kind.
    let jsonl = dir.path().join("all.jsonl");
    let run = batch(&[&input, Path::new("--jsonl"), &jsonl]);
    assert_eq!(run.status.code(), Some(3));
    let text = fs::read_to_string(&jsonl).expect("read jsonl");
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("whole JSON line"))
        .collect();
    assert_eq!(records.len(), 7);
    let kind = |suffix: &str| {
        records
            .iter()
            .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with(suffix)))
            .map(|r| r["error"]["kind"].clone())
            .expect("record for input")
    };
    assert_eq!(kind("invalid.txt"), "invalid_utf8");
    assert_eq!(kind("binary.md"), "binary");
    assert_eq!(kind("a.txt"), serde_json::Value::Null);
}

#[test]
fn lossy_turns_invalid_utf8_into_a_document() {
    let dir = TempDir::new("lossy");
    dir.file("in/invalid.txt", b"S\xe1\xbb\x91: 12/UB\xffND\n");
    let out = dir.path().join("out");
    let run = batch(&[
        &dir.path().join("in"),
        Path::new("--out"),
        &out,
        Path::new("--lossy"),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let json = fs::read_to_string(out.join("invalid.json")).expect("output");
    assert!(json.contains("invalid_utf8_replaced"), "{json}");
}

#[test]
fn a_missing_input_is_a_failure_not_a_crash() {
    let dir = TempDir::new("missing");
    let input = sample_tree(&dir);
    let out = dir.path().join("out");
    let run = batch(&[
        &input,
        &dir.path().join("vanished.txt"),
        Path::new("--out"),
        &out,
    ]);
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    assert!(stderr(&run).contains("vanished.txt"), "{}", stderr(&run));
    assert_eq!(tree(&out).len(), 5);
}

#[test]
fn jsonl_is_sorted_and_the_same_for_any_number_of_jobs() {
    let dir = TempDir::new("order");
    // Many inputs so that two workers finish out of order.
    let names = fs::read_dir(fixtures())
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect::<Vec<_>>();
    for copy in 0..6 {
        for name in &names {
            let file = name.file_name().expect("name").to_string_lossy();
            dir.file(
                &format!("in/c{copy}/{file}"),
                fs::read(name).expect("fixture"),
            );
        }
    }
    let input = dir.path().join("in");
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "4"] {
        let run = congvan()
            .args(["batch", "--jsonl", "-", "--jobs", jobs, "--quiet"])
            .arg(&input)
            .output()
            .expect("run");
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        assert!(run.stderr.is_empty(), "--quiet: {}", stderr(&run));
        outputs.push(run.stdout);
    }
    assert_eq!(outputs[0], outputs[1], "--jobs 1 vs 2");
    assert_eq!(outputs[0], outputs[2], "--jobs 1 vs 4");

    let text = String::from_utf8(outputs.swap_remove(0)).expect("UTF-8");
    let paths: Vec<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            assert!(v["document"].is_object(), "{l}");
            v["path"].as_str().expect("path").to_owned()
        })
        .collect();
    assert_eq!(paths.len(), names.len() * 6);
    let mut sorted = paths.clone();
    sorted.sort_by(|a, b| Path::new(a).cmp(Path::new(b)));
    assert_eq!(paths, sorted);
}

#[test]
fn no_temporary_files_are_left_and_stale_ones_are_removed() {
    let dir = TempDir::new("atomic");
    let input = sample_tree(&dir);
    let out = dir.path().join("out");
    // A temporary file left by a run that was killed.
    dir.file("out/sub/.b.json.congvan-tmp-99999", b"{\"schema\":");
    let run = batch(&[
        &input,
        Path::new("--out"),
        &out,
        Path::new("--jobs"),
        Path::new("2"),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let files = tree(&out);
    assert_eq!(files.len(), 5, "{:?}", files.keys());
    for (rel, bytes) in &files {
        assert!(!rel.to_string_lossy().contains("congvan-tmp"), "{rel:?}");
        let doc: serde_json::Value = serde_json::from_slice(bytes).expect("whole JSON file");
        assert_eq!(doc["schema"], "congvan/1");
    }
}

#[test]
fn an_unwritable_output_stops_the_batch_with_status_1() {
    let dir = TempDir::new("unwritable");
    let input = sample_tree(&dir);
    // A regular file where the output folder should go: not even root can
    // create a folder inside it.
    let blocker = dir.file("blocker", b"a file");
    let out = blocker.join("out");
    let run = batch(&[&input, Path::new("--out"), &out]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains(&*out.to_string_lossy()),
        "{}",
        stderr(&run)
    );

    let jsonl = blocker.join("all.jsonl");
    let run = batch(&[&input, Path::new("--jsonl"), &jsonl]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains(&*jsonl.to_string_lossy()),
        "{}",
        stderr(&run)
    );
}

#[test]
fn resume_after_an_interruption_gives_the_uninterrupted_output() {
    let dir = TempDir::new("resume");
    let input = sample_tree(&dir);
    // Inputs written long ago.
    for rel in tree(&input).keys() {
        set_mtime(
            &input.join(rel),
            SystemTime::now() - Duration::from_secs(7200),
        );
    }
    let args =
        |out: &Path| -> Vec<PathBuf> { vec![input.clone(), "--out".into(), out.to_path_buf()] };

    // The reference: one uninterrupted run.
    let reference = dir.path().join("reference");
    let run = batch_owned(&args(&reference));
    assert_eq!(run.status.code(), Some(0));

    // The interrupted run: all outputs written, then two lost (as if the run
    // had stopped before them), a half-written temporary file left behind,
    // and one input edited after its output was written.
    let out = dir.path().join("out");
    let run = batch_owned(&args(&out));
    assert_eq!(run.status.code(), Some(0));
    fs::remove_file(out.join("sub/b.json")).expect("remove");
    fs::remove_file(out.join("z/d.json")).expect("remove");
    dir.file("out/z/.d.json.congvan-tmp-4242", b"{\"sche");
    let edited = input.join("a.txt");
    let stale = out.join("a.json");
    fs::write(&stale, b"stale output of an older a.txt").expect("write");
    set_mtime(&stale, SystemTime::now() - Duration::from_secs(3600));
    set_mtime(&edited, SystemTime::now() - Duration::from_secs(60));

    let untouched = [out.join("sub/deeper/c.json"), out.join("z/E.json")];
    let old = SystemTime::now() - Duration::from_secs(30);
    for path in &untouched {
        set_mtime(path, old);
    }
    let before: Vec<SystemTime> = untouched.iter().map(|p| mtime(p)).collect();

    let mut resumed = args(&out);
    resumed.push("--resume".into());
    let run = batch_owned(&resumed);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(err.contains("3 converted"), "{err}");
    assert!(err.contains("2 up to date"), "{err}");

    assert_eq!(tree(&out), tree(&reference), "resumed output differs");
    let after: Vec<SystemTime> = untouched.iter().map(|p| mtime(p)).collect();
    assert_eq!(before, after, "up-to-date outputs were rewritten");
    assert!(
        mtime(&stale) > mtime(&edited),
        "edited input was not converted"
    );
}

#[test]
fn usage_errors_exit_with_status_2() {
    let dir = TempDir::new("usage");
    let input = sample_tree(&dir);
    let out = dir.path().join("out");
    let cases: Vec<Vec<&Path>> = vec![
        // Neither --out nor --jsonl.
        vec![&input],
        // Both.
        vec![
            &input,
            Path::new("--out"),
            &out,
            Path::new("--jsonl"),
            Path::new("-"),
        ],
        // No input.
        vec![Path::new("--out"), &out],
        // --resume needs --out.
        vec![
            &input,
            Path::new("--jsonl"),
            Path::new("-"),
            Path::new("--resume"),
        ],
        // --jobs must be at least 1.
        vec![
            &input,
            Path::new("--out"),
            &out,
            Path::new("--jobs"),
            Path::new("0"),
        ],
    ];
    for args in cases {
        let run = batch(&args);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {}", stderr(&run));
        assert!(run.stdout.is_empty(), "{args:?}");
    }
    assert!(!out.exists(), "a usage error wrote output");
}

#[test]
fn two_inputs_with_one_output_name_conflict_only_under_out() {
    let dir = TempDir::new("conflict");
    dir.file("one/x.txt", fixture("chi-thi.txt"));
    dir.file("two/x.txt", fixture("giay-moi.txt"));
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));

    let out = dir.path().join("out");
    let run = batch(&[&one, &two, Path::new("--out"), &out]);
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("already the output of"),
        "{}",
        stderr(&run)
    );
    let files = tree(&out);
    assert_eq!(files.len(), 1);
    // The first input in sorted order wins.
    let expected = congvan::to_json(&congvan::parse(
        &String::from_utf8(fixture("chi-thi.txt")).expect("UTF-8"),
    ));
    assert_eq!(files[Path::new("x.json")], expected.as_bytes());

    // JSON Lines has no file names to collide: both documents are there.
    let run = congvan()
        .args(["batch", "--jsonl", "-"])
        .args([&one, &two])
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(String::from_utf8_lossy(&run.stdout).lines().count(), 2);
}

/// A full disk: the JSON Lines output cannot be written. The batch stops with
/// status 1 and a message naming the output (Linux's `/dev/full` fails every
/// write with "No space left on device").
#[test]
fn a_full_disk_stops_the_batch_with_status_1() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        eprintln!("skipping: /dev/full is absent on this system");
        return;
    }
    let dir = TempDir::new("full-disk");
    let root = sample_tree(&dir);
    let out = batch(&[&root, Path::new("--jsonl"), full]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("/dev/full") && err.contains("cannot write"),
        "{err}"
    );
}
