//! Runs the programs in `examples/` and checks what they print.
//!
//! Each example is run with `cargo run --offline --quiet --example NAME`, in the
//! crate root and with the caller's `CARGO_TARGET_DIR`, so it is built with the
//! same profile and mostly reuses what `cargo test` has just compiled.

use std::path::Path;
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs an example with arguments.
fn example(name: &str, args: &[&std::ffi::OsStr]) -> Output {
    let o = Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["run", "--offline", "--quiet", "--example", name, "--"])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo for example {name}: {e}"));
    assert!(
        o.status.code().is_some(),
        "example {name} was killed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

use crate::common::bin::{stderr, stdout};
use crate::common::temp::TempDir;

/// A seed-like dispatch citing `Kế hoạch số 03/KH-UBND` twice.
const SEED_LIKE: &str = "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\n\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
Số: /UBND-NN\nV/v triển khai Kế hoạch số 03/KH-UBND\n\
Bắc Giang, ngày tháng 01 năm 2024\n\n\
Kính gửi: Sở Nông nghiệp và Phát triển nông thôn.\n\n\
Thực hiện Kế hoạch số 03/KH-UBND ngày 11/01/2024 của UBND tỉnh về phát triển nông nghiệp;\n\
căn cứ Quyết định số 1480/QĐ-UBND ngày 03/7/2024 của Ủy ban nhân dân tỉnh, \
đề nghị Sở triển khai Kế hoạch nêu trên./.\n\n\
Nơi nhận:\n- Như trên;\n- Lưu: VT, NN.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn A\n";

#[test]
fn parse_file_prints_the_json_model() {
    let path = root().join("fixtures/cong-van-full-header.txt");
    let o = example("parse_file", &[path.as_os_str()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let value: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
    assert_eq!(value["schema"], "congvan/1");
    // Same output as the library call.
    let text = std::fs::read_to_string(&path).expect("fixture");
    let doc = congvan::parse(&text);
    assert_eq!(stdout(&o), format!("{}\n", congvan::to_json_pretty(&doc)));

    let o = example("parse_file", &[root().join("no-such-file.txt").as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no-such-file.txt"), "{}", stderr(&o));
    assert_eq!(example("parse_file", &[]).status.code(), Some(2));
}

#[test]
fn list_citations_prints_one_line_per_cited_document() {
    let dir = TempDir::new("cite");
    let path = dir.path().join("seed.txt");
    std::fs::write(&path, SEED_LIKE).expect("write");
    let o = example("list_citations", &[path.as_os_str()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    let kh = lines
        .iter()
        .find(|l| l[0] == "03/KH-UBND")
        .unwrap_or_else(|| panic!("no 03/KH-UBND line:\n{out}"));
    assert_eq!(kh.len(), 5, "{kh:?}");
    assert_eq!(kh[1], "Kế hoạch");
    assert_eq!(kh[2], "2024-01-11");
    assert_eq!(kh[3], "UBND tỉnh");
    let mentions: usize = kh[4].parse().expect("mention count");
    assert!(mentions >= 2, "{out}");
    assert!(
        lines
            .iter()
            .any(|l| l[..3] == ["1480/QĐ-UBND", "Quyết định", "2024-07-03"]),
        "{out}"
    );

    // A fixture in the repository: one document mentioned three times.
    let fixture = root().join("fixtures/signature-stamp-cong-bao.txt");
    let out = stdout(&example("list_citations", &[fixture.as_os_str()]));
    assert!(
        out.lines().any(
            |l| l.starts_with("22/2019/TT-BNNPTNT\tThông tư\t2019-11-30\t") && l.ends_with("\t3")
        ),
        "{out}"
    );
}

#[test]
fn batch_to_jsonl_walks_a_folder_in_sorted_order() {
    let dir = TempDir::new("batch");
    let sub = dir.path().join("b-sub");
    std::fs::create_dir_all(&sub).expect("mkdir");
    std::fs::write(dir.path().join("c.txt"), SEED_LIKE).expect("write");
    std::fs::write(
        sub.join("a.md"),
        "| ỦY BAN NHÂN DÂN | CỘNG HÒA |\n|---|---|\n| Số: 5/UBND | x |\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("a.txt"), b"Bad \xff bytes\n").expect("write");
    std::fs::write(dir.path().join("notes.json"), "{}").expect("write");

    let o = example("batch_to_jsonl", &[dir.path().as_os_str()]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a bad file makes the exit status 1"
    );
    let out = stdout(&o);
    let values: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let paths: Vec<String> = values
        .iter()
        .map(|v| v["path"].as_str().expect("path").to_owned())
        .collect();
    let expected: Vec<String> = ["a.txt", "b-sub/a.md", "c.txt"]
        .iter()
        .map(|p| dir.path().join(p).to_string_lossy().into_owned())
        .collect();
    assert_eq!(paths, expected);
    assert!(values[0]["error"]
        .as_str()
        .is_some_and(|e| e.contains("UTF-8")));
    assert_eq!(values[1]["document"]["schema"], "congvan/1");
    assert_eq!(values[2]["document"]["number"]["symbol"], "UBND-NN");

    // The fixtures folder: every input, no errors.
    let o = example("batch_to_jsonl", &[root().join("fixtures").as_os_str()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let inputs = std::fs::read_dir(root().join("fixtures"))
        .expect("fixtures")
        .filter(|e| {
            let p = e.as_ref().expect("entry").path();
            p.extension().is_some_and(|x| x == "txt" || x == "md")
        })
        .count();
    assert_eq!(stdout(&o).lines().count(), inputs);
}
