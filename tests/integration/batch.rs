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

use crate::common::bin::{congvan, stderr};
use crate::common::temp::TempDir;

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

/// Every file under `root`, relative path → bytes; not the run's own state
/// (`root/.congvan/`: lock and manifest).
fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path == root.join(".congvan") {
                continue;
            }
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

// ---------------------------------------------------------------------------
// Nothing lost, nothing overwritten, nothing hung (issue 15)
// ---------------------------------------------------------------------------

/// Runs `congvan batch ARGS…` with its output files limited to `blocks` of
/// 512 bytes (`ulimit -f`, the signal ignored): writes past it fail with
/// EFBIG, the way a full disk fails them with ENOSPC.
fn batch_with_file_limit(blocks: u32, args: &[&Path]) -> Option<Output> {
    let run = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks} && exec \"$0\" batch \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_congvan"))
        .args(args)
        .output()
        .ok()?;
    // a shell without `ulimit -f` says so and runs nothing
    (!stderr(&run).contains("ulimit")).then_some(run)
}

/// `in/d000.txt`, `in/d001.txt`…: `n` copies of one document; returns `in`.
fn copies(dir: &TempDir, n: usize) -> PathBuf {
    let doc = fixture("chi-thi.txt");
    for i in 0..n {
        dir.file(&format!("in/d{i:03}.txt"), &doc);
    }
    dir.path().join("in")
}

/// `--jsonl` naming one of the inputs: refused, the input untouched.
#[test]
fn jsonl_that_is_one_of_the_inputs_is_refused() {
    let dir = TempDir::new("jsonl-input");
    let input = sample_tree(&dir);
    let victim = input.join("a.txt");
    let before = fs::read(&victim).expect("read");
    let run = batch(&[&input, Path::new("--jsonl"), &victim]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("is one of the inputs"),
        "{}",
        stderr(&run)
    );
    assert_eq!(fs::read(&victim).expect("read"), before);
}

/// Under `--out`, an input whose output file would be the input itself
/// (`dir/a.json` named directly, `--out dir`) fails, and is not overwritten.
#[test]
fn an_output_that_is_its_own_input_is_refused() {
    let dir = TempDir::new("self-output");
    let input = dir.file("a.json", fixture("chi-thi.txt"));
    let run = batch(&[&input, Path::new("--out"), dir.path()]);
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("is the input itself"),
        "{}",
        stderr(&run)
    );
    assert_eq!(fs::read(&input).expect("read"), fixture("chi-thi.txt"));
}

/// Symbolic links planted at the names a run would once have used for its
/// temporary files and its writability probe (`.a.json.congvan-tmp-<pid>`,
/// `.congvan-tmp-probe-<pid>`), for the next few thousand process ids: no
/// write goes through them, so the file they point to is unchanged.
#[cfg(target_os = "linux")]
#[test]
fn planted_symlinks_at_temporary_names_are_never_followed() {
    let Ok(last) = fs::read_to_string("/proc/sys/kernel/ns_last_pid") else {
        eprintln!("no /proc/sys/kernel/ns_last_pid; skipped");
        return;
    };
    let last: u32 = last.trim().parse().expect("pid");
    let dir = TempDir::new("planted");
    let input = sample_tree(&dir);
    let victim = dir.file("victim", b"precious");
    let out = dir.path().join("out");
    fs::create_dir_all(&out).expect("out");
    let jsonl = dir.path().join("all.jsonl");
    for pid in last + 1..last + 3000 {
        for name in [
            format!(".a.json.congvan-tmp-{pid}"),
            format!(".congvan-tmp-probe-{pid}"),
        ] {
            std::os::unix::fs::symlink(&victim, out.join(name)).expect("symlink");
        }
        let name = format!(".all.jsonl.congvan-tmp-{pid}");
        std::os::unix::fs::symlink(&victim, dir.path().join(name)).expect("symlink");
    }
    let run = batch(&[&input, Path::new("--out"), &out]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let run = batch(&[&input, Path::new("--jsonl"), &jsonl]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(fs::read(&victim).expect("victim"), b"precious");
    // and the outputs are whole
    let doc: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("a.json")).expect("a.json")).expect("JSON");
    assert_eq!(doc["schema"], "congvan/1");
    assert_eq!(
        fs::read_to_string(&jsonl).expect("jsonl").lines().count(),
        5
    );
}

/// A rerun over a complete `--jsonl` file that is killed part-way leaves the
/// previous file as it was: the new lines go to a temporary file, renamed
/// over the target only at the end. The run is killed as soon as anything
/// of it shows on disk (the target changed, or a temporary file beside it).
#[test]
fn a_killed_jsonl_rerun_keeps_the_previous_file() {
    let dir = TempDir::new("killed");
    let input = copies(&dir, 400);
    let jsonl = dir.path().join("prev.jsonl");
    let previous = b"{\"path\":\"previous run\"}\n".repeat(984);
    fs::write(&jsonl, &previous).expect("write");
    let mut child = congvan()
        .args(["batch", "--quiet", "--jobs", "1", "--jsonl"])
        .arg(&jsonl)
        .arg(&input)
        .spawn()
        .expect("spawn");
    let temp_beside = || {
        fs::read_dir(dir.path())
            .expect("read dir")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().contains("congvan-tmp"))
    };
    let finished = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        let changed = fs::metadata(&jsonl).map_or(true, |m| m.len() != previous.len() as u64);
        if changed || temp_beside() {
            child.kill().expect("kill");
            child.wait().expect("wait");
            break None;
        }
        std::thread::yield_now();
    };
    let now = fs::read(&jsonl).expect("read");
    match finished {
        // killed: the previous file, whole
        None => assert!(now == previous, "previous file changed by a killed run"),
        // too fast to be caught: the whole new file
        Some(status) => {
            assert!(status.success());
            assert_eq!(String::from_utf8_lossy(&now).lines().count(), 400);
        }
    }
}

/// A `--jsonl` file rewritten by a run keeps its permissions (it is a new
/// file renamed over the old one), and a new one is readable by others as
/// `File::create` would make it (umask permitting).
#[test]
fn a_rewritten_jsonl_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("jsonl-mode");
    let input = sample_tree(&dir);
    let jsonl = dir.path().join("all.jsonl");
    let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    let run = batch(&[&input, Path::new("--jsonl"), &jsonl]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let plain = dir.file("plain", b"");
    assert_eq!(
        mode(&jsonl),
        mode(&plain),
        "not the mode File::create gives"
    );
    fs::set_permissions(&jsonl, fs::Permissions::from_mode(0o640)).expect("chmod");
    let run = batch(&[&input, Path::new("--jsonl"), &jsonl]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(mode(&jsonl), 0o640);
}

/// A write error on `--jsonl` (here a file size limit; on a full disk,
/// ENOSPC): exit 1 with a message naming the file, and the previous file is
/// left as it was: no cut-off last line, no truncated file.
#[test]
fn a_jsonl_write_error_leaves_the_previous_file() {
    let dir = TempDir::new("jsonl-full");
    let input = sample_tree(&dir);
    let jsonl = dir.path().join("prev.jsonl");
    fs::write(&jsonl, b"{\"previous\":true}\n").expect("write");
    let Some(run) = batch_with_file_limit(4, &[&input, Path::new("--jsonl"), &jsonl]) else {
        eprintln!("no `ulimit -f` in sh; skipped");
        return;
    };
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).contains("cannot write"), "{}", stderr(&run));
    assert_eq!(fs::read(&jsonl).expect("read"), b"{\"previous\":true}\n");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("congvan-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Takes the lock a run takes (`File::try_lock` is `flock`), as another
/// run holding it would.
fn hold_lock(path: &Path) -> fs::File {
    let file = fs::File::options()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .expect("lock file");
    file.try_lock().expect("lock");
    file
}

/// A second run on one `--jsonl` target while the first holds it: refused
/// with status 1 and a message, the target untouched.
#[test]
fn a_second_run_on_one_jsonl_file_is_refused() {
    let dir = TempDir::new("jsonl-lock");
    let input = sample_tree(&dir);
    let jsonl = dir.path().join("all.jsonl");
    fs::write(&jsonl, b"first run's\n").expect("write");
    let mut held = hold_lock(&dir.path().join(".all.jsonl.congvan-lock"));
    // a run that holds the lock writes its process id there
    std::io::Write::write_all(&mut held, b"4242\n").expect("write pid");
    let run = batch(&[&input, Path::new("--jsonl"), &jsonl]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("is locked by process 4242"),
        "{}",
        stderr(&run)
    );
    assert_eq!(fs::read(&jsonl).expect("read"), b"first run's\n");
}

/// A second run on one `--out` folder while the first holds it: refused,
/// and the first run's temporary files are left alone. Without a lock, the
/// start-up clean-up removes only temporary files of dead processes.
#[test]
fn runs_on_one_out_folder_keep_each_others_files() {
    let dir = TempDir::new("out-lock");
    let input = sample_tree(&dir);
    let out = dir.path().join("out");
    fs::create_dir_all(out.join(".congvan")).expect("mkdir");
    // a live run's temporary file: this test process is alive
    let live = dir.file(
        &format!("out/sub/.b.json.congvan-tmp-{}-AbCdEf", std::process::id()),
        b"{\"sche",
    );
    {
        let _held = hold_lock(&out.join(".congvan/lock"));
        let run = batch(&[&input, Path::new("--out"), &out]);
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        assert!(stderr(&run).contains("is locked"), "{}", stderr(&run));
        assert!(
            live.exists(),
            "a locked-out run removed a live temporary file"
        );
        assert!(!out.join("a.json").exists());
    }
    let dead = dir.file("out/z/.d.json.congvan-tmp-4194305-xYz", b"{");
    let run = batch(&[&input, Path::new("--out"), &out]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(live.exists(), "a live run's temporary file was removed");
    assert!(!dead.exists(), "a dead run's temporary file was left");
}

/// `--resume` decides from the manifest, not from times: an input restored
/// with an older time, one changed to the same size and time, a change of
/// `--format` or `--lossy`, or of congvan's version, all convert again; an
/// output whose input is gone is reported, and removed with `--prune`.
#[test]
fn resume_is_not_fooled_by_times_content_or_options() {
    let dir = TempDir::new("resume-fooled");
    let input = sample_tree(&dir);
    let out = dir.path().join("out");
    let base = |extra: &[&str]| {
        let mut args: Vec<PathBuf> = vec![input.clone(), "--out".into(), out.clone()];
        args.extend(extra.iter().map(PathBuf::from));
        batch_owned(&args)
    };
    let expect = |rel: &str, source: &Path| {
        let text = String::from_utf8(fs::read(source).expect("input")).expect("UTF-8");
        let doc = congvan::parse_with(&text, &congvan::Options::new());
        assert_eq!(
            fs::read_to_string(out.join(rel)).expect("output"),
            congvan::to_json(&doc),
            "{rel} is stale"
        );
    };
    assert_eq!(base(&[]).status.code(), Some(0));

    // a.txt replaced by another document, its time set back before the output's
    let a = input.join("a.txt");
    let old = mtime(&a);
    fs::write(&a, fixture("giay-moi.txt")).expect("write");
    set_mtime(&a, SystemTime::now() - Duration::from_secs(86_400));
    // sub/b.txt: same size, same time, other bytes
    let b = input.join("sub/b.txt");
    let (b_time, mut bytes) = (mtime(&b), fs::read(&b).expect("read"));
    let last = bytes.len() - 2;
    bytes[last] = if bytes[last] == b'X' { b'Y' } else { b'X' };
    fs::write(&b, &bytes).expect("write");
    set_mtime(&b, b_time);
    assert!(mtime(&a) < old);
    let run = base(&["--resume"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("2 converted, 3 up to date"),
        "{}",
        stderr(&run)
    );
    expect("a.json", &a);
    expect("sub/b.json", &b);

    // other options: nothing is up to date, then everything
    for (resumed, summary) in [
        (
            &["--format", "text", "--resume"][..],
            "5 converted, 0 up to date",
        ),
        (
            &["--format", "text", "--resume"][..],
            "0 converted, 5 up to date",
        ),
        (
            &["--format", "text", "--lossy", "--resume"][..],
            "5 converted, 0 up to date",
        ),
    ] {
        let run = base(resumed);
        assert!(
            stderr(&run).contains(summary),
            "{resumed:?}: {}",
            stderr(&run)
        );
    }
    // another congvan version wrote the manifest
    let manifest = out.join(".congvan/manifest.jsonl");
    let text = fs::read_to_string(&manifest).expect("manifest");
    fs::write(&manifest, text.replace("congvan ", "congvan 0.0.0-older ")).expect("write");
    let lossy_text = ["--format", "text", "--lossy", "--resume"];
    let run = base(&lossy_text);
    assert!(
        stderr(&run).contains("5 converted, 0 up to date"),
        "{}",
        stderr(&run)
    );

    // an input deleted: its output is reported, then pruned
    fs::remove_file(input.join("z/d.md")).expect("remove");
    let run = base(&lossy_text);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("0 converted, 4 up to date"),
        "{}",
        stderr(&run)
    );
    assert!(
        stderr(&run).contains("d.json: its input"),
        "{}",
        stderr(&run)
    );
    assert!(out.join("z/d.json").exists());
    let run = base(&[&lossy_text[..], &["--prune"]].concat());
    assert!(stderr(&run).contains("removed"), "{}", stderr(&run));
    assert!(!out.join("z/d.json").exists());
    let run = base(&lossy_text);
    assert!(!stderr(&run).contains("d.json"), "{}", stderr(&run));
}

/// `--jobs` far beyond the cores is capped, with a warning, and the batch runs.
#[test]
fn jobs_are_capped_at_a_few_per_core() {
    let dir = TempDir::new("jobs");
    let input = sample_tree(&dir);
    let run = congvan()
        .args(["batch", "--jobs", "65535", "--jsonl", "-"])
        .arg(&input)
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("--jobs 65535 is more than"),
        "{}",
        stderr(&run)
    );
    assert_eq!(String::from_utf8_lossy(&run.stdout).lines().count(), 5);
}

/// `--out` on a full disk (here a file size limit: EFBIG, like ENOSPC):
/// the batch stops at the first failed write with status 1 and one message,
/// instead of parsing every remaining file.
#[test]
fn a_full_disk_under_out_stops_at_the_first_write() {
    let dir = TempDir::new("out-full");
    let input = copies(&dir, 50);
    let out = dir.path().join("out");
    let Some(run) = batch_with_file_limit(
        2,
        &[
            &input,
            Path::new("--jobs"),
            Path::new("1"),
            Path::new("--out"),
            &out,
        ],
    ) else {
        eprintln!("no `ulimit -f` in sh; skipped");
        return;
    };
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert_eq!(err.matches("cannot write").count(), 1, "{err}");
    assert!(
        err.contains("batch stopped") && err.contains("d000.json"),
        "{err}"
    );
    assert!(tree(&out).is_empty(), "{:?}", tree(&out).keys());
}

/// Names: `..txt` and `.hidden.txt` get visible, safe output names; the
/// same file named as `p`, `./p` and `sub/../p` is one input; two names
/// that differ only in bytes that are not UTF-8 stay two records in JSON
/// Lines, told apart by `path_bytes`.
#[test]
fn names_are_safe_distinct_and_deduplicated() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new("names");
    dir.file("in/..txt", fixture("chi-thi.txt"));
    dir.file("in/.hidden.txt", fixture("giay-moi.txt"));
    let out = dir.path().join("out");
    let run = batch(&[&dir.path().join("in"), Path::new("--out"), &out]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let names: Vec<_> = tree(&out).into_keys().collect();
    assert_eq!(
        names,
        [PathBuf::from("_.json"), PathBuf::from("_hidden.json")]
    );

    let p = dir.file("p.txt", fixture("chi-thi.txt"));
    fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
    let run = congvan()
        .current_dir(dir.path())
        .args(["batch", "p.txt", "./p.txt", "sub/../p.txt", "--out", "out2"])
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(stderr(&run).contains("batch: 1 files"), "{}", stderr(&run));
    assert!(p.exists() && dir.path().join("out2/p.json").exists());

    let odd = dir.path().join("odd");
    fs::create_dir_all(&odd).expect("mkdir");
    for name in [&b"x\xff.txt"[..], b"x\xfe.txt"] {
        let path = odd.join(std::ffi::OsStr::from_bytes(name));
        if fs::write(&path, fixture("chi-thi.txt")).is_err() {
            eprintln!("this file system refuses names that are not UTF-8; skipped");
            return;
        }
    }
    let run = congvan()
        .args(["batch", "--jsonl", "-"])
        .arg(&odd)
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&run.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(records.len(), 2);
    let tails: Vec<_> = records
        .iter()
        .map(|r| {
            let bytes: Vec<u8> = r["path_bytes"]
                .as_array()
                .expect("path_bytes")
                .iter()
                .map(|b| u8::try_from(b.as_u64().expect("byte")).expect("byte"))
                .collect();
            bytes[bytes.len() - 6..].to_vec()
        })
        .collect();
    assert_eq!(tails, [b"x\xfe.txt".to_vec(), b"x\xff.txt".to_vec()]);
}

/// Runs `congvan batch ARGS…` under `strace`, tracing what makes an output
/// durable (opens, closes, renames, syncs): one log per thread (so that no
/// call is split by another thread's), `LOGS.<tid>`, returned with the run.
/// `None` where strace is missing or cannot trace here (no ptrace in a
/// container).
fn batch_traced(logs: &Path, args: &[&Path]) -> Option<(Output, Vec<String>)> {
    let run = std::process::Command::new("strace")
        .args(["-ff", "-qq", "-o"])
        .arg(logs)
        .args([
            "-e",
            "trace=open,openat,close,rename,renameat,renameat2,fsync,fdatasync",
        ])
        .arg(env!("CARGO_BIN_EXE_congvan"))
        .arg("batch")
        .args(args)
        .output()
        .ok()?;
    let dir = logs.parent()?;
    let prefix = format!("{}.", logs.file_name()?.to_string_lossy());
    let mut texts = Vec::new();
    for entry in fs::read_dir(dir).ok()?.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            texts.push(fs::read_to_string(entry.path()).ok()?);
            let _ = fs::remove_file(entry.path());
        }
    }
    let traced = texts.iter().any(|t| t.contains("open"));
    (traced && !stderr(&run).contains("ptrace")).then_some((run, texts))
}

/// From the strace log of one thread: the outputs renamed into place (their
/// final paths) that were not followed by an `fsync` of their folder in
/// that thread, and every output renamed.
fn renames_without_folder_sync(log: &str) -> (Vec<String>, Vec<String>) {
    let quoted =
        |s: &str| -> Vec<String> { s.split('"').skip(1).step_by(2).map(str::to_owned).collect() };
    let result = |line: &str| {
        line.rsplit_once("= ")
            .and_then(|(_, r)| r.split_whitespace().next()?.parse::<i64>().ok())
    };
    let call_arg = |line: &str, call: &str| {
        let at = line.find(&format!("{call}("))? + call.len() + 1;
        line[at..]
            .split([',', ')'])
            .next()?
            .trim()
            .parse::<i64>()
            .ok()
    };
    let mut open: BTreeMap<i64, String> = BTreeMap::new();
    let mut pending: Vec<(String, String)> = Vec::new();
    let mut renamed = Vec::new();
    for line in log.lines() {
        if line.contains("openat(") || line.contains(" open(") {
            if let (Some(path), Some(fd)) = (quoted(line).into_iter().next(), result(line)) {
                if fd >= 0 {
                    open.insert(fd, path);
                }
            }
        } else if line.contains("close(") {
            if let Some(fd) = call_arg(line, "close") {
                open.remove(&fd);
            }
        } else if line.contains("rename") && result(line) == Some(0) {
            if let Some(target) = quoted(line).pop() {
                let folder = Path::new(&target)
                    .parent()
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_default();
                renamed.push(target.clone());
                pending.push((target, folder));
            }
        } else if line.contains("fsync(") && result(line) == Some(0) {
            if let Some(synced) = call_arg(line, "fsync").and_then(|fd| open.get(&fd)) {
                pending.retain(|(_, folder)| folder != synced);
            }
        }
    }
    (pending.into_iter().map(|(t, _)| t).collect(), renamed)
}

/// Every output a run reports as done is on disk under its name: its data
/// is synced before the rename, and its folder after it (the entry the
/// rename made). Seen in the system calls (strace): each rename into place
/// — `--out` files in new and existing folders, the manifest, a `--jsonl`
/// file — is followed by an `fsync` of a descriptor opened on its folder.
/// And the outputs are whole, with no temporary file left.
#[cfg(target_os = "linux")]
#[test]
fn renamed_outputs_have_their_folder_synced() {
    let dir = TempDir::new("dir-sync");
    let input = sample_tree(&dir);
    let out = dir.path().join("out");
    let jsonl = dir.path().join("all.jsonl");
    let logs = dir.path().join("strace");
    for args in [
        [&input, Path::new("--out"), &out],
        [&input, Path::new("--jsonl"), &jsonl],
    ] {
        let Some((run, logs)) = batch_traced(&logs, &args) else {
            eprintln!(
                "renamed_outputs_have_their_folder_synced: strace missing or cannot trace here; skipped"
            );
            return;
        };
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        let (mut unsynced, mut renamed) = (Vec::new(), Vec::new());
        for log in &logs {
            let (u, r) = renames_without_folder_sync(log);
            unsynced.extend(u);
            renamed.extend(r);
        }
        assert!(
            unsynced.is_empty(),
            "renamed, folder not synced: {unsynced:?}"
        );
        // --out: the five documents (two in new subfolders) and the
        // manifest; --jsonl: the one file
        let mut expected: Vec<PathBuf> = if args[1] == Path::new("--out") {
            [
                "a.json",
                "sub/b.json",
                "sub/deeper/c.json",
                "z/d.json",
                "z/E.json",
            ]
            .iter()
            .map(|rel| out.join(rel))
            .chain([out.join(".congvan/manifest.jsonl")])
            .collect()
        } else {
            vec![jsonl.clone()]
        };
        let mut renamed: Vec<PathBuf> = renamed.into_iter().map(PathBuf::from).collect();
        renamed.sort();
        renamed.dedup();
        expected.sort();
        assert_eq!(renamed, expected);
    }
    let outputs = tree(&out);
    assert_eq!(outputs.len(), 5, "{:?}", outputs.keys());
    for (name, bytes) in &outputs {
        let doc: serde_json::Value = serde_json::from_slice(bytes).expect("whole JSON");
        assert_eq!(doc["schema"], "congvan/1", "{name:?}");
    }
    let lines = fs::read_to_string(&jsonl).expect("jsonl");
    assert_eq!(lines.lines().count(), 5);
    for line in lines.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("whole JSON line");
    }
    let leftovers = |root: &Path| {
        fs::read_dir(root)
            .expect("dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("congvan-tmp"))
            .count()
    };
    assert_eq!(leftovers(dir.path()) + leftovers(&out), 0);
    assert!(
        !tree(&out)
            .keys()
            .any(|k| k.to_string_lossy().contains("congvan-tmp")),
        "temporary files left under out"
    );
}

/// Runs `congvan batch ARGS…` with `mnt` a file system of `size` (a tmpfs
/// mounted in a mount namespace of the run's own, so the mount goes with
/// it): what is in `seed` is copied in first, and what is in `mnt` is
/// copied to `snapshot` after the run. `None`, with the reason, where no
/// file system can be mounted (not root, no `unshare`, no tmpfs).
fn batch_on_small_disk(
    size: &str,
    mnt: &Path,
    seed: &Path,
    snapshot: &Path,
    args: &[&Path],
) -> Result<Output, String> {
    const SCRIPT: &str = r#"
        mnt=$1 seed=$2 snapshot=$3 size=$4 bin=$5
        shift 5
        mount -t tmpfs -o "size=$size" congvan-test "$mnt" || exit 97
        cp -a "$seed/." "$mnt/" || exit 98
        "$bin" batch "$@"
        status=$?
        cp -a "$mnt/." "$snapshot/" || exit 98
        exit $status
    "#;
    for folder in [mnt, snapshot] {
        fs::create_dir_all(folder).map_err(|e| e.to_string())?;
    }
    let run = std::process::Command::new("unshare")
        .args([
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            SCRIPT,
            "sh",
        ])
        .args([mnt, seed, snapshot, Path::new(size)])
        .arg(env!("CARGO_BIN_EXE_congvan"))
        .args(args)
        .output()
        .map_err(|e| format!("cannot run unshare: {e}"))?;
    let err = stderr(&run);
    match run.status.code() {
        Some(97) => Err(format!("cannot mount a tmpfs: {}", err.trim())),
        Some(98) => Err(format!("cannot copy to or from the tmpfs: {}", err.trim())),
        _ if err.starts_with("unshare:") => Err(err.trim().to_owned()),
        _ => Ok(run),
    }
}

/// Temporary files (`…congvan-tmp…`) anywhere under `root`.
fn temp_files_under(root: &Path) -> Vec<PathBuf> {
    tree(root)
        .into_keys()
        .filter(|k| k.to_string_lossy().contains("congvan-tmp"))
        .collect()
}

/// `--out` on a file system that really fills up (ENOSPC, not a file size
/// limit): the batch stops at the first failed write with status 1 and one
/// message naming that output; the outputs before it are whole, that output
/// and every later one keep their previous content, and no temporary file
/// is left. Every output exists from an earlier run, so each one replaced
/// takes more room than it frees, and the disk fills part-way. Skipped
/// where a tmpfs cannot be mounted (not root).
#[cfg(target_os = "linux")]
#[test]
fn a_really_full_disk_under_out_stops_at_the_first_enospc() {
    let dir = TempDir::new("enospc-out");
    let doc = fixture("quyet-dinh-can-cu-dieu.txt");
    let n = 40;
    let previous = |i: usize| format!("{{\"previous\":{i}}}\n");
    for i in 0..n {
        dir.file(&format!("in/d{i:03}.txt"), &doc);
        dir.file(&format!("seed/out/d{i:03}.json"), previous(i));
    }
    let (mnt, snapshot) = (dir.path().join("mnt"), dir.path().join("snapshot"));
    let args = [
        &dir.path().join("in"),
        Path::new("--jobs"),
        Path::new("1"),
        Path::new("--out"),
        &mnt.join("out"),
    ];
    let run = match batch_on_small_disk("200k", &mnt, &dir.path().join("seed"), &snapshot, &args) {
        Ok(run) => run,
        Err(why) => {
            eprintln!("a_really_full_disk_under_out_stops_at_the_first_enospc: skipped: {why}");
            return;
        }
    };
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    assert_eq!(err.matches("batch stopped").count(), 1, "{err}");
    let outputs = tree(&snapshot.join("out"));
    assert_eq!(temp_files_under(&snapshot), Vec::<PathBuf>::new());
    // d000… whole and new, then (from the one that failed on) the previous
    let converted = (0..n)
        .take_while(|i| {
            let bytes = &outputs[&PathBuf::from(format!("d{i:03}.json"))];
            serde_json::from_slice::<serde_json::Value>(bytes)
                .is_ok_and(|doc| doc["schema"] == "congvan/1")
        })
        .count();
    assert!(
        0 < converted && converted < n,
        "{converted} of {n} converted: {err}"
    );
    for i in converted..n {
        let name = PathBuf::from(format!("d{i:03}.json"));
        assert_eq!(
            String::from_utf8_lossy(&outputs[&name]),
            previous(i),
            "{name:?} after a stop at d{converted:03}.json"
        );
    }
    assert!(err.contains(&format!("d{converted:03}.json")), "{err}");
}

/// `--jsonl` on a file system that really fills up (ENOSPC): status 1, a
/// message naming the file, the previous file as it was, and no temporary
/// file left. Skipped where a tmpfs cannot be mounted (not root).
#[cfg(target_os = "linux")]
#[test]
fn a_really_full_disk_under_jsonl_keeps_the_previous_file() {
    let dir = TempDir::new("enospc-jsonl");
    let input = copies(&dir, 60);
    let previous = b"{\"path\":\"previous run\"}\n".repeat(10);
    dir.file("seed/all.jsonl", &previous);
    let (mnt, snapshot) = (dir.path().join("mnt"), dir.path().join("snapshot"));
    let args = [&input, Path::new("--jsonl"), &mnt.join("all.jsonl")];
    let run = match batch_on_small_disk("64k", &mnt, &dir.path().join("seed"), &snapshot, &args) {
        Ok(run) => run,
        Err(why) => {
            eprintln!("a_really_full_disk_under_jsonl_keeps_the_previous_file: skipped: {why}");
            return;
        }
    };
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot write") && err.contains("all.jsonl") && err.contains("No space left"),
        "{err}"
    );
    assert_eq!(
        fs::read(snapshot.join("all.jsonl")).expect("read"),
        previous
    );
    assert_eq!(temp_files_under(&snapshot), Vec::<PathBuf>::new());
}

/// `--compact` and `--spans-only` shape batch outputs as they shape
/// `parse`'s, under `--jsonl` and `--out`; `--resume` takes a change of shape
/// as a change of options (everything converted again), and the same shape
/// as up to date; so does a change of `--ocr`.
#[test]
fn batch_outputs_take_the_shape_options() {
    let dir = TempDir::new("shape");
    let input = sample_tree(&dir);
    let flags = ["--compact", "--spans-only"];
    let parsed = |rel: &str| -> serde_json::Value {
        let o = congvan()
            .arg("parse")
            .args(flags)
            .arg(input.join(rel))
            .output()
            .expect("parse");
        serde_json::from_slice(&o.stdout).expect("JSON")
    };
    let run = congvan()
        .args(["batch", "--jsonl", "-"])
        .args(flags)
        .arg(&input)
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&run.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 5);
    let a = input.join("a.txt").to_string_lossy().into_owned();
    let line = lines
        .iter()
        .find(|l| l["path"] == a.as_str())
        .expect("a.txt");
    assert_eq!(line["document"], parsed("a.txt"));
    assert!(!line.to_string().contains(":null"));

    let out = dir.path().join("out");
    let to_dir = |extra: &[&str]| {
        congvan()
            .arg("batch")
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .args(extra)
            .output()
            .expect("run")
    };
    let run = to_dir(&[flags[0], flags[1]]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let written: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("sub/b.json")).expect("b.json")).expect("JSON");
    assert_eq!(written, parsed("sub/b.txt"));
    for (extra, summary) in [
        (
            &[flags[0], flags[1], "--resume"][..],
            "0 converted, 5 up to date",
        ),
        (&["--compact", "--resume"][..], "5 converted, 0 up to date"),
        (&["--resume"][..], "5 converted, 0 up to date"),
        (&["--resume"][..], "0 converted, 5 up to date"),
        // what is read by OCR is an option of the output too
        (
            &["--ocr", "never", "--resume"][..],
            "5 converted, 0 up to date",
        ),
        (&["--resume"][..], "5 converted, 0 up to date"),
    ] {
        let run = to_dir(extra);
        assert!(
            stderr(&run).contains(summary),
            "{extra:?}: {}",
            stderr(&run)
        );
    }
    // back at the full shape: the contract's output
    let full = fs::read_to_string(out.join("a.json")).expect("a.json");
    assert!(full.contains(":null") && full.contains("\"text\""));
}
