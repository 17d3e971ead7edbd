//! The batch's speed against the floor, side by side in one run (issue 16).
//!
//! The workload is `../shared/corpus/*.txt` copied 8 times into one folder
//! (about 25 MB). In one process, each measured `ROUNDS` times and the best
//! run kept (the least disturbed by other work on a shared host):
//!
//! - **floor**: read every file, validate it as UTF-8 (`std::str::from_utf8`)
//!   and run the NFC quick check over its characters: what any reader of
//!   these files must do at least;
//! - `congvan batch DIR --jsonl F --jobs 1`, then `--jobs 2`, on the 8× folder
//!   (a child process: start-up included, as a user sees it);
//! - `--jobs 1` on the corpus copied once, for linearity (8× input should take
//!   at most 8.5× the time).
//!
//! It prints MB/s and the ratios the issue's "done" asks for. It asserts
//! nothing about time: figures go in the README, not in a test. The binary is
//! the one cargo builds for this bench, or `CONGVAN_BIN` (to measure another
//! build, such as a `before` copy, under the same conditions). For steadier
//! figures run it with real-time priority:
//!
//! ```sh
//! cargo bench --bench floor                                   # build + run
//! chrt -f 10 target/release/deps/floor-*[^.d] --bench         # run again
//! ROUNDS=7 CONGVAN_BIN=/tmp/congvan-before cargo bench --bench floor
//! ```

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use unicode_normalization::{is_nfc_quick, IsNormalized};

/// How many times the corpus is copied for the main workload.
const COPIES: usize = 8;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus's `.txt` files, sorted.
fn corpus_files() -> Vec<PathBuf> {
    let dir = manifest_dir().join("../shared/corpus");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
}

/// A folder holding `copies` copies of `files` (`copy0/…`, `copy1/…`);
/// returns it and its total size in bytes.
fn workload(root: &Path, files: &[PathBuf], copies: usize) -> (PathBuf, u64) {
    let dir = root.join(format!("corpus-x{copies}"));
    let _ = fs::remove_dir_all(&dir);
    let mut bytes = 0;
    for k in 0..copies {
        let sub = dir.join(format!("copy{k}"));
        fs::create_dir_all(&sub).expect("create the workload folder");
        for f in files {
            let name = f.file_name().expect("a file name");
            bytes += fs::copy(f, sub.join(name)).expect("copy a corpus file");
        }
    }
    (dir, bytes)
}

/// Every file under `dir` (two levels), sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("read the workload").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(
                fs::read_dir(&path)
                    .expect("read")
                    .flatten()
                    .map(|e| e.path()),
            );
        }
    }
    out.sort();
    out
}

/// The floor: read, validate, NFC quick check. Returns the bytes seen.
fn floor(files: &[PathBuf]) -> u64 {
    let mut bytes = 0;
    let mut composed = 0;
    for path in files {
        let data = fs::read(path).expect("read a workload file");
        let text = std::str::from_utf8(&data).expect("the corpus is UTF-8");
        if is_nfc_quick(text.chars()) == IsNormalized::Yes {
            composed += 1;
        }
        bytes += data.len() as u64;
    }
    assert!(composed > 0);
    bytes
}

/// One `congvan batch DIR --jsonl OUT --jobs N --quiet` run.
fn batch(bin: &Path, dir: &Path, out: &Path, jobs: usize) -> Duration {
    let started = Instant::now();
    let status = Command::new(bin)
        .arg("batch")
        .arg(dir)
        .arg("--jsonl")
        .arg(out)
        .args(["--jobs", &jobs.to_string(), "--quiet"])
        .status()
        .expect("run congvan");
    let took = started.elapsed();
    assert!(status.success(), "congvan batch failed: {status}");
    let written = fs::metadata(out).expect("the JSON Lines file").len();
    assert!(written > 0);
    took
}

/// The best of `rounds` runs of `f`.
fn best(rounds: usize, mut f: impl FnMut() -> Duration) -> Duration {
    (0..rounds).map(|_| f()).min().expect("at least one round")
}

fn mb_per_s(bytes: u64, took: Duration) -> f64 {
    bytes as f64 / 1e6 / took.as_secs_f64()
}

fn main() {
    // `cargo test --benches` runs bench binaries without `--bench`: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("skipping the floor benchmark: ../shared/corpus is absent");
        return;
    }
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let bin = std::env::var_os("CONGVAN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_congvan")));
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("floor");
    let (big, big_bytes) = workload(&root, &files, COPIES);
    let (small, small_bytes) = workload(&root, &files, 1);
    let big_files = files_under(&big);
    let out = root.join("out.jsonl");

    // Warm the page cache and the binary once.
    floor(&big_files);
    batch(&bin, &small, &out, 1);

    let floor_t = best(rounds, || {
        let started = Instant::now();
        assert_eq!(floor(&big_files), big_bytes);
        started.elapsed()
    });
    let jobs1 = best(rounds, || batch(&bin, &big, &out, 1));
    let jobs2 = best(rounds, || batch(&bin, &big, &out, 2));
    let small1 = best(rounds, || batch(&bin, &small, &out, 1));

    let floor_mb = mb_per_s(big_bytes, floor_t);
    let jobs1_mb = mb_per_s(big_bytes, jobs1);
    let jobs2_mb = mb_per_s(big_bytes, jobs2);
    println!(
        "workload: {} files, {:.1} MB ({COPIES}× ../shared/corpus); best of {rounds}; binary {}",
        big_files.len(),
        big_bytes as f64 / 1e6,
        bin.display()
    );
    println!(
        "floor (read + UTF-8 + NFC quick check): {:7.1} ms {floor_mb:7.1} MB/s",
        floor_t.as_secs_f64() * 1e3
    );
    println!(
        "batch --jobs 1:                         {:7.1} ms {jobs1_mb:7.1} MB/s  {:.2}× the floor",
        jobs1.as_secs_f64() * 1e3,
        jobs1_mb / floor_mb
    );
    println!(
        "batch --jobs 2:                         {:7.1} ms {jobs2_mb:7.1} MB/s  {:.2}× jobs 1",
        jobs2.as_secs_f64() * 1e3,
        jobs2_mb / jobs1_mb
    );
    println!(
        "linearity: {COPIES}× input ({:.1} MB) takes {:.2}× the time of 1× ({:.1} MB, {:.1} ms)",
        big_bytes as f64 / 1e6,
        jobs1.as_secs_f64() / small1.as_secs_f64(),
        small_bytes as f64 / 1e6,
        small1.as_secs_f64() * 1e3
    );
    let _ = fs::remove_dir_all(&root);
}
