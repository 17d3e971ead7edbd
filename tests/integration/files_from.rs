//! `congvan batch --files-from LIST|-` (and `-0`): the pipe contract for
//! other engines. Paths in, one JSON line per path out in the listed order,
//! errors as data, exit status 3 when some failed.

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::common::bin::{congvan, run_with_stdin, stderr, stdout};
use crate::common::temp::TempDir;

/// The repository's fixture folder.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The JSON of `congvan parse FILE`, as one line without its newline.
fn parsed(path: &Path) -> serde_json::Value {
    let o = congvan()
        .arg("parse")
        .arg(path)
        .output()
        .expect("run parse");
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(stdout(&o).trim_end()).expect("JSON")
}

/// The records of a JSON Lines output.
fn records(text: &str) -> Vec<serde_json::Value> {
    assert!(text.is_empty() || text.ends_with('\n'), "whole lines only");
    text.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn listed_paths_give_one_line_each_in_the_listed_order() {
    let dir = TempDir::new("files-from-order");
    let a = dir.file("z.txt", fs::read(fixtures().join("chi-thi.txt")).unwrap());
    let b = dir.file("a.txt", fs::read(fixtures().join("giay-moi.txt")).unwrap());
    let missing = dir.path().join("missing.txt");
    let bad = dir.file("bad.txt", b"S\xf6: 1/UBND\n\xff\xfe\x00garbage");
    // not sorted, a duplicate, a missing file, a folder, a binary file
    let list = [&a, &b, &missing, &a, &dir.path().to_path_buf(), &bad];
    let mut input = Vec::new();
    for p in list {
        input.extend_from_slice(p.as_os_str().as_bytes());
        input.push(b'\n');
    }
    input.extend_from_slice(b"\n"); // an empty line is no input
    let o = run_with_stdin(
        congvan().args(["batch", "--files-from", "-", "--jobs", "2"]),
        &input,
    );
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let recs = records(&stdout(&o));
    assert_eq!(recs.len(), list.len());
    for (rec, path) in recs.iter().zip(list) {
        assert_eq!(rec["path"], path.to_str().unwrap());
    }
    assert_eq!(recs[0]["document"], parsed(&a));
    assert_eq!(recs[1]["document"], parsed(&b));
    assert_eq!(recs[3]["document"], parsed(&a));
    assert_eq!(recs[2]["error"]["kind"], "not_found");
    assert_eq!(recs[2]["error"]["message"], "no such file");
    assert!(recs[4]["error"]["kind"].is_string());
    assert_eq!(recs[5]["error"]["kind"], "binary");
    for i in [2, 4, 5] {
        assert!(recs[i].get("document").is_none());
    }
}

#[test]
fn the_order_does_not_depend_on_jobs() {
    let mut names: Vec<PathBuf> = fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    names.sort();
    names.reverse();
    let mut input = Vec::new();
    for p in &names {
        input.extend_from_slice(p.as_os_str().as_bytes());
        input.push(b'\n');
    }
    let run = |jobs: &str| {
        let o = run_with_stdin(
            congvan().args(["batch", "--quiet", "--files-from", "-", "--jobs", jobs]),
            &input,
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
    };
    let one = run("1");
    assert_eq!(one, run("4"));
    let recs = records(&one);
    assert_eq!(recs.len(), names.len());
    for (rec, path) in recs.iter().zip(&names) {
        assert_eq!(rec["path"], path.to_str().unwrap());
    }
}

#[test]
fn nul_separated_names_may_hold_newlines() {
    let dir = TempDir::new("files-from-nul");
    let odd = dir.file(
        "two\nlines.txt",
        fs::read(fixtures().join("to-trinh.txt")).unwrap(),
    );
    let plain = dir.file(
        "plain.txt",
        fs::read(fixtures().join("chi-thi.txt")).unwrap(),
    );
    let mut input = Vec::new();
    for p in [&odd, &plain] {
        input.extend_from_slice(p.as_os_str().as_bytes());
        input.push(0);
    }
    let o = run_with_stdin(congvan().args(["batch", "--files-from", "-", "-0"]), &input);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let recs = records(&stdout(&o));
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["path"], odd.to_str().unwrap());
    assert_eq!(recs[0]["document"], parsed(&odd));
    assert_eq!(recs[1]["document"], parsed(&plain));

    // without -0 the same bytes are one odd name per NUL-less line
    let o = run_with_stdin(congvan().args(["batch", "--files-from", "-"]), &input);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
}

#[test]
fn a_list_file_and_a_jsonl_file() {
    let dir = TempDir::new("files-from-file");
    let doc = fixtures().join("giay-moi.txt");
    let list = dir.file("list", format!("{}\n", doc.display()));
    let out = dir.path().join("out.jsonl");
    let o = congvan()
        .arg("batch")
        .arg("--files-from")
        .arg(&list)
        .arg("--jsonl")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let recs = records(&fs::read_to_string(&out).unwrap());
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["document"], parsed(&doc));
}

#[test]
fn an_empty_list_is_an_empty_output() {
    let o = run_with_stdin(congvan().args(["batch", "--files-from", "-"]), b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn usage_errors() {
    // -0 means nothing without a list
    let o = congvan()
        .args(["batch", "-0", "--jsonl", "-"])
        .arg(fixtures().join("chi-thi.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // a list and inputs on the command line
    let o = congvan()
        .args(["batch", "--files-from", "-"])
        .arg(fixtures().join("chi-thi.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // an unreadable list stops the batch
    let o = congvan()
        .args(["batch", "--files-from", "/nonexistent/list"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("--files-from"), "{}", stderr(&o));
}
