//! End-to-end tests of the `congvan` binary: `parse` and `report`.

use std::path::Path;
use std::process::{Command, Output};

#[path = "common/bin.rs"]
mod bin;
use bin::{congvan, run_with_stdin, stderr, stdout};

#[path = "common/temp.rs"]
mod temp;
use temp::TempDir;

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run congvan")
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

const DOC: &str = "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 05/UBND-VX\nV/v thử\n";

// ---------------------------------------------------------------- parse

#[test]
fn parse_one_file_prints_one_object() {
    let dir = TempDir::new("one");
    let f = dir.file("a.txt", DOC.as_bytes());
    let o = run(congvan().arg("parse").arg(&f));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    let v = json(out.trim_end());
    assert_eq!(v["schema"], "congvan/1");
    assert!(out.contains("\"schema\":\"congvan/1\""));
}

#[test]
fn parse_two_files_prints_json_lines() {
    let dir = TempDir::new("two");
    let a = dir.file("a.txt", DOC.as_bytes());
    let b = dir.file("b.txt", b"second");
    let o = run(congvan().arg("parse").arg(&a).arg(&b));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    for line in lines {
        assert_eq!(json(line)["schema"], "congvan/1");
    }
}

#[test]
fn parse_dash_reads_stdin() {
    for args in [&["parse", "-"][..], &["parse"][..]] {
        let o = run_with_stdin(congvan().args(args), DOC.as_bytes());
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(json(stdout(&o).trim_end())["schema"], "congvan/1");
    }
}

#[test]
fn parse_pretty_indents() {
    let dir = TempDir::new("pretty");
    let f = dir.file("a.txt", DOC.as_bytes());
    let o = run(congvan().args(["parse", "--pretty"]).arg(&f));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("{\n  \"schema\": \"congvan/1\""), "{out}");
    assert!(out.lines().count() > 5);
    json(&out);
}

#[test]
fn parse_format_values_are_accepted() {
    let dir = TempDir::new("format");
    let f = dir.file("a.md", b"# QUY\xE1\xBA\xBET \xC4\x90\xE1\xBB\x8ANH\n");
    for format in ["auto", "text", "markdown"] {
        let o = run(congvan().args(["parse", "--format", format]).arg(&f));
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
    }
    let o = run(congvan().args(["parse", "--format", "pdf"]).arg(&f));
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn invalid_utf8_fails_with_offset_and_lossy_recovers() {
    let dir = TempDir::new("utf8");
    let mut bytes = "Số: 1/UBND\n".as_bytes().to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xFF\xFEtail\n");
    let f = dir.file("notes.txt", &bytes);

    let o = run(congvan().arg("parse").arg(&f));
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(err.contains("notes.txt"), "{err}");
    assert!(err.contains("not valid UTF-8"), "{err}");
    assert!(err.contains(&format!("at byte {offset}")), "{err}");
    assert!(err.contains("--lossy"), "{err}");

    let o = run(congvan().args(["parse", "--lossy"]).arg(&f));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(stdout(&o).trim_end());
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"invalid_utf8_replaced"), "{codes:?}");
}

#[test]
fn nul_bytes_are_not_a_text_document() {
    let dir = TempDir::new("nul");
    let f = dir.file("image.txt", b"abc\0def");
    let o = run(congvan().arg("parse").arg(&f));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("image.txt"), "{err}");
    assert!(err.contains("not a text document"), "{err}");
    assert!(err.contains("byte 3"), "{err}");
}

#[test]
fn directory_is_reported() {
    let dir = TempDir::new("dir");
    let o = run(congvan().arg("parse").arg(dir.path()));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is a directory"), "{}", stderr(&o));
}

#[test]
fn missing_file_is_named() {
    let dir = TempDir::new("missing");
    let f = dir.path().join("absent-file.txt");
    let o = run(congvan().arg("parse").arg(&f));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("absent-file.txt"), "{}", stderr(&o));
}

#[test]
fn good_input_is_printed_when_another_fails() {
    let dir = TempDir::new("mixed");
    let bad = dir.file("bad.txt", b"\xC3\x28");
    let good = dir.file("good.txt", DOC.as_bytes());
    let o = run(congvan().arg("parse").arg(&bad).arg(&good));
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert_eq!(json(out.trim_end())["schema"], "congvan/1");
    assert!(stderr(&o).contains("bad.txt"));
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let o = run(congvan().args(["parse", "--no-such-flag"]));
    assert_eq!(o.status.code(), Some(2));
    let o = run(congvan().args(["report", "--no-such-flag"]));
    assert_eq!(o.status.code(), Some(2));
    let o = run(&mut congvan());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_mentions_every_option() {
    let o = run(congvan().args(["parse", "--help"]));
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    for word in [
        "FILE",
        "--pretty",
        "--format",
        "--lossy",
        "Exit status",
        "2 for usage",
    ] {
        assert!(help.contains(word), "parse help lacks {word}: {help}");
    }
    let o = run(congvan().args(["report", "--help"]));
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    for word in [
        "--corpus",
        "--ocr",
        "--json",
        "--baseline",
        "--min",
        "Exit status",
    ] {
        assert!(help.contains(word), "report help lacks {word}: {help}");
    }
    let o = run(congvan().arg("--help"));
    let help = stdout(&o);
    assert!(help.contains("parse") && help.contains("report"), "{help}");
}

// ---------------------------------------------------------------- report

/// A corpus of two tiny documents with a kind-A and a kind-B sidecar, and an
/// OCR folder with one gold answer.
fn small_corpus() -> TempDir {
    let dir = TempDir::new("report");
    std::fs::create_dir_all(dir.path().join("corpus")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("ocr")).expect("mkdir");
    dir.file("corpus/001_cv.txt", DOC.as_bytes());
    dir.file(
        "corpus/001_cv.meta.json",
        r#"{"doc_type": "Công văn", "issue_date": "05-02-2024",
            "so_ky_hieu_header": "05/UBND-VX V/v thử",
            "related_documents": [
              {"description": "Kế hoạch số 03/KH-UBND ngày 11/01/2024 của UBND tỉnh"},
              {"description": "Luật Đất đai"}
            ]}"#
        .as_bytes(),
    );
    dir.file(
        "corpus/002_qd.txt",
        "QUYẾT ĐỊNH\nSố: 15/QĐ-BNV\n".as_bytes(),
    );
    dir.file(
        "corpus/002_qd.meta.json",
        r#"{"loai": "QĐ", "nam": 2024, "so_ky_hieu_header": "15/QĐ-BNV"}"#.as_bytes(),
    );
    dir.file("ocr/001_x.txt", DOC.as_bytes());
    dir.file(
        "ocr/001_x.gold.json",
        r#"{"doc_type": "CV", "number": "?", "year": null, "place": "Bắc Giang",
            "date": {"year": 2024, "month": "?", "day": null}, "recipients": []}"#
            .as_bytes(),
    );
    dir
}

fn report(dir: &TempDir) -> Command {
    let mut cmd = congvan();
    cmd.arg("report")
        .arg("--corpus")
        .arg(dir.path().join("corpus"))
        .arg("--ocr")
        .arg(dir.path().join("ocr"));
    cmd
}

#[test]
fn report_prints_coverage_and_agreement() {
    let dir = small_corpus();
    let o = run(&mut report(&dir));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for needle in [
        "files: 2",
        "panics: 0",
        "failures: 0",
        "signatures[0].name",
        "distribution.archive",
        "Sidecar agreement (2 sidecars: 1 kind A, 1 kind B)",
        "number",
        "doc_type",
        "Citations",
        "OCR gold",
        "date.year",
    ] {
        assert!(out.contains(needle), "report lacks {needle:?}:\n{out}");
    }
    // Each sidecar value is listed against the parsed one when they differ,
    // or counted as agreeing: either way the sidecar value is accounted for.
    assert!(out.contains("/2 ("), "{out}");
}

#[test]
fn report_json_has_documented_keys() {
    let dir = small_corpus();
    let path = dir.path().join("figures.json");
    let o = run(report(&dir).arg("--json").arg(&path));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&std::fs::read_to_string(&path).expect("json written"));
    assert_eq!(v["schema"], "congvan-report/1");
    assert_eq!(v["coverage"]["files"], 2);
    assert_eq!(v["coverage"]["panics"], 0);
    assert!(v["coverage"]["fields"]["doc_type"].is_u64());
    for field in ["number", "date", "doc_type"] {
        let a = &v["sidecar"][field];
        assert_eq!(a["compared"], 2, "{field}: {a}");
        assert!(a["agree"].is_u64() && a["disagreements"].is_array(), "{a}");
    }
    assert_eq!(v["citations"]["expected"], 1);
    assert_eq!(v["ocr"]["place"]["compared"], 1);
    assert!(v["ocr"].get("number").is_some_and(|n| n["compared"] == 0));
    let rates = v["rates"].as_object().expect("rates");
    for key in [
        "coverage.doc_type",
        "coverage.signatures[0].name",
        "sidecar.number",
        "sidecar.date",
        "sidecar.doc_type",
        "citations.recall",
        "ocr.doc_type",
        "ocr.date.year",
    ] {
        let r = rates
            .get(key)
            .and_then(serde_json::Value::as_f64)
            .unwrap_or(-1.0);
        assert!((0.0..=1.0).contains(&r), "rate {key} = {r}");
    }
    assert!(v["outcomes"]["sidecar.number"]["001_cv.txt"].is_boolean());
    // Deterministic: a second run writes the same bytes.
    let path2 = dir.path().join("figures2.json");
    run(report(&dir).arg("--json").arg(&path2));
    assert_eq!(
        std::fs::read(&path).expect("first"),
        std::fs::read(&path2).expect("second")
    );
}

#[test]
fn report_min_checks_rates() {
    let dir = small_corpus();
    let impossible = dir.file(
        "min.json",
        br#"{"coverage.files": 0.0, "sidecar.number": 1.01}"#,
    );
    let o = run(report(&dir).arg("--min").arg(&impossible));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("sidecar.number"), "{err}");
    assert!(
        err.contains("coverage.files"),
        "unknown key not reported: {err}"
    );

    let easy = dir.file("easy.json", br#"{"sidecar.number": 0.0, "ocr.year": 0.0}"#);
    let o = run(report(&dir).arg("--min").arg(&easy));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let o = run(report(&dir)
        .arg("--min")
        .arg(dir.path().join("absent.json")));
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn report_baseline_shows_changes() {
    let dir = small_corpus();
    let path = dir.path().join("base.json");
    run(report(&dir).arg("--json").arg(&path));
    let o = run(report(&dir).arg("--baseline").arg(&path));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("no change"), "{}", stdout(&o));

    // A baseline where everything agreed: now the files newly disagree.
    let mut v = json(&std::fs::read_to_string(&path).expect("read"));
    v["rates"]["sidecar.number"] = serde_json::json!(1.0);
    for (_, ok) in v["outcomes"]["sidecar.number"]
        .as_object_mut()
        .expect("outcomes")
    {
        *ok = serde_json::Value::Bool(true);
    }
    let now = json(&std::fs::read_to_string(&path).expect("read"));
    let fake = dir.file("fake.json", v.to_string().as_bytes());
    let o = run(report(&dir).arg("--baseline").arg(&fake));
    let out = stdout(&o);
    if now["rates"]["sidecar.number"].as_f64() < Some(1.0) {
        assert!(out.contains("sidecar.number"), "{out}");
        assert!(out.contains("(loss)"), "{out}");
        assert!(out.contains("newly disagree"), "{out}");
    } else {
        assert!(out.contains("no change"), "{out}");
    }
}

#[test]
fn report_skips_absent_folders() {
    let dir = TempDir::new("absent");
    let o = run(congvan()
        .arg("report")
        .arg("--corpus")
        .arg(dir.path().join("nope"))
        .arg("--ocr")
        .arg(dir.path().join("nope2")));
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(err.contains("nope") && err.contains("nope2"), "{err}");
}

#[test]
fn report_counts_decode_failures() {
    let dir = small_corpus();
    dir.file("corpus/003_bad.txt", b"\xFF\xFF");
    let o = run(&mut report(&dir));
    let out = stdout(&o);
    assert!(out.contains("files: 3"), "{out}");
    assert!(out.contains("failures: 1"), "{out}");
    assert!(out.contains("003_bad.txt"), "{out}");
}

#[test]
fn report_on_shared_corpus_has_no_panics_or_failures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("skipping: {} is absent", corpus.display());
        return;
    }
    let o = run(congvan()
        .arg("report")
        .arg("--corpus")
        .arg(&corpus)
        .arg("--ocr")
        .arg(root.join("../shared/corpus-ocr")));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("panics: 0"), "{out}");
    assert!(out.contains("failures: 0"), "{out}");
    assert!(!out.contains("files: 0"), "{out}");
}
