//! End-to-end tests of the `corpus-report` binary on a small made-up corpus.

use std::process::{Command, Output};

#[path = "../../../tests/integration/common/temp.rs"]
mod temp;
use temp::TempDir;

const DOC: &str = "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 05/UBND-VX\nV/v thử\n";

fn tool() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corpus-report"))
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run corpus-report")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// A corpus of two tiny documents with a kind-A and a kind-B sidecar, and a
/// gold folder with one answer.
fn small_corpus() -> TempDir {
    let dir = TempDir::new("report");
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
    dir.file("gold/001_x.txt", DOC.as_bytes());
    dir.file(
        "gold/001_x.gold.json",
        r#"{"doc_type": "CV", "number": "05", "year": null, "symbol": "UBND-VX",
            "place": "Bắc Giang", "subject": "Về việc thử", "recipients": [],
            "date": "?", "signers": [], "citations": []}"#
            .as_bytes(),
    );
    dir
}

fn report(dir: &TempDir) -> Command {
    let mut cmd = tool();
    cmd.arg(dir.path().join("corpus"))
        .arg(dir.path().join("gold"));
    cmd
}

#[test]
fn folders_are_required() {
    let o = run(&mut tool());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = run(tool().arg("--help"));
    let help = stdout(&o);
    for word in [
        "DIR",
        "--json",
        "--baseline",
        "--min",
        "--show-misses",
        "Exit status",
    ] {
        assert!(help.contains(word), "help lacks {word}: {help}");
    }
}

#[test]
fn prints_coverage_agreement_and_gold_scores() {
    let dir = small_corpus();
    let o = run(report(&dir).arg("--show-misses").arg("10"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for needle in [
        "== corpus",
        "== gold",
        "files: 2",
        "panics: 0",
        "failures: 0",
        "signatures[0].name",
        "Sidecar agreement (2 sidecars: 1 kind A, 1 kind B)",
        "Citations",
        "Gold answers (1 documents, 0 failures",
        "signer_title",
        "mean",
    ] {
        assert!(out.contains(needle), "report lacks {needle:?}:\n{out}");
    }
    // The place is absent from the text: a miss, listed.
    assert!(out.contains("MISS 001_x.txt place"), "{out}");
}

#[test]
fn json_has_documented_keys_and_is_deterministic() {
    let dir = small_corpus();
    let path = dir.path().join("figures.json");
    let o = run(report(&dir).arg("--json").arg(&path));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&std::fs::read_to_string(&path).expect("json written"));
    assert_eq!(v["schema"], "congvan-report/2");
    let corpus = &v["sets"]["corpus"];
    assert_eq!(corpus["coverage"]["files"], 2);
    for field in ["number", "date", "doc_type"] {
        let a = &corpus["sidecar"][field];
        assert_eq!(a["compared"], 2, "{field}: {a}");
    }
    assert_eq!(corpus["citations"]["expected"], 1);
    assert!(corpus["gold"].is_null(), "no gold files in corpus/");
    let gold = &v["sets"]["gold"];
    assert_eq!(gold["gold"]["scores"]["documents"], 1);
    let rates = gold["rates"].as_object().expect("rates");
    assert_eq!(rates["doc_type"], 1.0);
    assert_eq!(rates["number"], 1.0);
    assert_eq!(rates["symbol"], 1.0);
    assert_eq!(rates["subject"], 1.0, "V/v and Về việc are optional");
    assert_eq!(rates["place"], 0.0);
    assert!(!rates.contains_key("date"), "\"?\" is not scored");
    assert!(gold["outcomes"]["place"]["001_x.txt"] == false);
    let path2 = dir.path().join("figures2.json");
    run(report(&dir).arg("--json").arg(&path2));
    assert_eq!(
        std::fs::read(&path).expect("first"),
        std::fs::read(&path2).expect("second")
    );
}

#[test]
fn minimums_are_checked_per_set() {
    let dir = small_corpus();
    let hard = dir.file(
        "min.json",
        br#"{"gold": {"place": 0.5, "no.such": 0.0}, "corpus": {"sidecar.number": 0.0}}"#,
    );
    let o = run(report(&dir).arg("--min").arg(&hard));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("gold place"), "{err}");
    assert!(err.contains("no.such"), "unknown key not reported: {err}");
    assert!(!err.contains("sidecar.number"), "{err}");

    let easy = dir.file("easy.json", br#"{"gold": {"mean": 0.1, "doc_type": 1.0}}"#);
    let o = run(report(&dir).arg("--min").arg(&easy));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let o = run(report(&dir)
        .arg("--min")
        .arg(dir.path().join("absent.json")));
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn baseline_shows_gains_and_losses() {
    let dir = small_corpus();
    let path = dir.path().join("base.json");
    run(report(&dir).arg("--json").arg(&path));
    let o = run(report(&dir).arg("--baseline").arg(&path));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("no change"), "{}", stdout(&o));

    // A baseline where the place agreed and the symbol did not.
    let mut v = json(&std::fs::read_to_string(&path).expect("read"));
    let gold = &mut v["sets"]["gold"];
    gold["rates"]["place"] = serde_json::json!(1.0);
    gold["rates"]["symbol"] = serde_json::json!(0.0);
    gold["outcomes"]["place"]["001_x.txt"] = serde_json::json!(true);
    gold["outcomes"]["symbol"]["001_x.txt"] = serde_json::json!(false);
    let fake = dir.file("fake.json", v.to_string().as_bytes());
    let o = run(report(&dir).arg("--baseline").arg(&fake));
    let out = stdout(&o);
    assert!(out.contains("gold place"), "{out}");
    assert!(out.contains("(loss)") && out.contains("(gain)"), "{out}");
    assert!(
        out.contains("gold place: newly disagree: 001_x.txt"),
        "{out}"
    );
    assert!(out.contains("gold symbol: newly agree: 001_x.txt"), "{out}");
}

#[test]
fn missing_folders_and_decode_failures_are_reported() {
    let dir = small_corpus();
    dir.file("corpus/003_bad.txt", b"\xFF\xFF");
    dir.file("gold/002_bad.txt", b"\xFF\xFF");
    dir.file("gold/002_bad.gold.json", b"{}");
    let o = run(report(&dir).arg(dir.path().join("nope")));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nope"), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("files: 3"), "{out}");
    assert!(out.contains("failures: 1"), "{out}");
    assert!(out.contains("003_bad.txt"), "{out}");
    assert!(out.contains("(2 documents, 1 failures"), "{out}");
}

/// `--bin` scores what the binary prints, as eval/score.py does: here a
/// stand-in that prints a fixed parse, and exits 1 for one document.
#[cfg(unix)]
#[test]
fn bin_scores_the_binarys_output() {
    use std::os::unix::fs::PermissionsExt;
    let dir = small_corpus();
    dir.file("gold/002_y.txt", b"anything");
    dir.file("gold/002_y.gold.json", br#"{"doc_type": "CV"}"#);
    let script = dir.file(
        "fake-congvan",
        "#!/bin/sh\ncase \"$2\" in *002_y*) exit 1;; esac\n\
         echo '{\"doc_type\": {\"code\": \"CV\"}, \"place\": {\"name\": \"Bắc Giang\"}, \
         \"number\": {\"number\": \"05\", \"symbol\": \"UBND-VX\"}, \
         \"subject\": {\"text\": \"thử\"}}'\n"
            .as_bytes(),
    );
    let mut perms = std::fs::metadata(&script).expect("script").permissions();
    perms.set_mode(0o755);
    std::fs::set_permissions(&script, perms).expect("chmod");
    let path = dir.path().join("figures.json");
    let o = run(tool()
        .arg(dir.path().join("gold"))
        .arg("--bin")
        .arg(&script)
        .arg("--json")
        .arg(&path));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&std::fs::read_to_string(&path).expect("json written"));
    let scores = &v["sets"]["gold"]["gold"]["scores"];
    assert_eq!(scores["documents"], 2);
    assert_eq!(scores["failures"], 1);
    // The place comes from the stand-in, not from the library's parse.
    assert_eq!(scores["rates"]["place"], 1.0);
}
