//! End-to-end tests of the `congvan` binary: `parse` and the command list.

use std::process::{Command, Output};

use crate::common::bin::{congvan, run_with_stdin, stderr, stdout};

use crate::common::temp::TempDir;

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
    let o = run(congvan().args(["check", "--no-such-flag"]));
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
    let o = run(congvan().arg("--help"));
    let help = stdout(&o);
    for command in ["parse", "batch", "check", "schema"] {
        assert!(help.contains(command), "help lacks {command}: {help}");
    }
    // The corpus evaluation is a tool of this repository (tools/corpus-report),
    // not a command of the user's binary.
    assert!(!help.contains("report"), "{help}");
    let o = run(congvan().args(["report", "--help"]));
    assert_eq!(o.status.code(), Some(2));
}

// ---------------------------------------------------------------- --trace

/// A row of `parse --trace`: `LINE:COL  KIND  STAGE  TEXT  [VALUES]`.
#[derive(Debug)]
struct TraceRow {
    line: usize,
    column: usize,
    kind: String,
    stage: String,
    text: String,
    values: Vec<String>,
}

fn trace_row(row: &str) -> TraceRow {
    let mut rest = row.trim_start();
    let mut word = || {
        let (w, r) = rest.split_once(' ').unwrap_or((rest, ""));
        rest = r.trim_start();
        w.to_owned()
    };
    let (at, kind, stage) = (word(), word(), word());
    let (line, column) = at.split_once(':').unwrap_or_else(|| panic!("{row}"));
    let (text, values) = match rest.rsplit_once("  [") {
        Some((text, values)) if values.ends_with(']') => (
            text,
            values[..values.len() - 1]
                .split(", ")
                .map(str::to_owned)
                .collect(),
        ),
        _ => (rest, Vec::new()),
    };
    TraceRow {
        line: line.parse().unwrap_or_else(|_| panic!("{row}")),
        column: column.parse().unwrap_or_else(|_| panic!("{row}")),
        kind,
        stage,
        text: text.to_owned(),
        values,
    }
}

#[test]
fn trace_names_the_stage_of_each_line_at_its_line_in_the_input() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let letter = fixtures.join("cong-van-full-header.txt");
    let web = fixtures.join("markdown-table-web.md");
    let o = run(congvan().args(["parse", "--trace"]).arg(&letter).arg(&web));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        !out.contains("\"schema\""),
        "the trace replaces the JSON: {out}"
    );
    // one block per input, each under its title, a blank line between
    let blocks: Vec<&str> = out.split("\n\n").collect();
    assert_eq!(blocks.len(), 2, "{out}");
    for (block, path) in blocks.iter().zip([&letter, &web]) {
        let input = std::fs::read_to_string(path).expect("fixture");
        let editor: Vec<&str> = input.lines().collect();
        let mut rows = block.lines();
        let title = rows.next().unwrap_or_default();
        assert_eq!(title, format!("trace: {}", path.display()));
        let rows: Vec<TraceRow> = rows.map(trace_row).collect();
        assert!(rows.len() >= 40, "{block}");
        // every row's text is in the input at its line and column
        for r in &rows {
            let at: String = editor[r.line - 1].chars().skip(r.column - 1).collect();
            let shown = r.text.trim_end_matches('…');
            assert!(
                at.starts_with(shown),
                "{}: {r:?} is not at {at:?}",
                path.display()
            );
        }
    }
    let input = std::fs::read_to_string(&letter).expect("fixture");
    let letter_rows: Vec<TraceRow> = blocks[0].lines().skip(1).map(trace_row).collect();
    // the row of the input line that is exactly `text`, found by the
    // input's own line number
    let row = |text: &str| {
        let line = input
            .lines()
            .position(|l| l == text)
            .unwrap_or_else(|| panic!("{text} not in the fixture"))
            + 1;
        let r = letter_rows
            .iter()
            .find(|r| r.line == line)
            .unwrap_or_else(|| panic!("no row for line {line}: {}", blocks[0]));
        assert_eq!(
            (r.column, r.text.as_str(), r.kind.as_str()),
            (1, text, "content")
        );
        (r.stage.as_str(), r.values.clone())
    };
    // (input line, stage, values read from it)
    let expected: &[(&str, &str, &[&str])] = &[
        ("UBND TỈNH LÂM ĐỒNG", "header", &["issuer"]),
        ("Số: 1234/UBND-KT", "header", &["number"]),
        (
            "Bảo Lộc, ngày 08 tháng 10 năm 2024",
            "header",
            &["place", "date"],
        ),
        ("- Đội Quản lý thị trường số 4;", "header", &["recipient"]),
        ("1. Phòng Kinh tế thành phố", "body", &["section"]),
        ("Nơi nhận:", "distribution", &["distribution"]),
        ("- UBND tỉnh (b/c);", "distribution", &[]),
        ("- Lưu: VT, KT.", "distribution", &["archive"]),
        ("KT. CHỦ TỊCH", "signature", &["signature"]),
        ("PHÓ CHỦ TỊCH", "signature", &[]),
        ("Trần Quốc Vinh", "signature", &[]),
    ];
    for &(text, stage, values) in expected {
        let (got_stage, got_values) = row(text);
        assert_eq!(got_stage, stage, "{text}");
        assert_eq!(got_values, values, "{text}");
    }
    // no row for the empty line after the last line end
    let last = letter_rows.last().expect("rows");
    assert_eq!(last.line, input.lines().count());
}

#[test]
fn trace_is_not_json_so_json_options_are_usage_errors() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/giay-moi.txt");
    for flag in ["--pretty", "--compact", "--spans-only", "--with-text"] {
        let o = run(congvan().args(["parse", "--trace", flag, fixture]));
        assert_eq!(o.status.code(), Some(2), "{flag}: {}", stderr(&o));
        assert!(stderr(&o).contains("--trace"), "{flag}: {}", stderr(&o));
    }
    let o = run(congvan().args(["parse", "--help"]));
    assert!(stdout(&o).contains("--trace"), "{}", stdout(&o));
}

// ---------------------------------------------------------------- output shapes

/// `value` with every object member that is null left out, at every depth
/// (nulls inside arrays stay: they are not fields).
fn without_nulls(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// `doc` with the `text` of every body block (a paragraph or a list item,
/// nested items too) left out; returns how many were.
fn without_block_text(doc: &mut serde_json::Value) -> usize {
    fn walk(v: &mut serde_json::Value, n: &mut usize) {
        match v {
            serde_json::Value::Object(map) => {
                let block = map
                    .get("kind")
                    .is_some_and(|k| k == "paragraph" || k == "item");
                if block && map.remove("text").is_some() {
                    *n += 1;
                }
                map.values_mut().for_each(|v| walk(v, n));
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| walk(v, n)),
            _ => {}
        }
    }
    let mut n = 0;
    walk(&mut doc["body"], &mut n);
    n
}

/// `parse --compact` is the full output without its null fields, and
/// `--spans-only` the full output without the text of body blocks (and
/// nothing else), on every fixture; `--pretty` changes only the layout.
#[test]
fn compact_and_spans_only_leave_out_nulls_and_block_text() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut fixtures: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 12);
    // one run per set of flags: several inputs print one line each
    let parse = |flags: &[&str]| -> Vec<serde_json::Value> {
        let o = run(congvan().arg("parse").args(flags).args(&fixtures));
        assert_eq!(o.status.code(), Some(0), "{flags:?}: {}", stderr(&o));
        stdout(&o).lines().map(json).collect()
    };
    let full = parse(&[]);
    assert_eq!(full.len(), fixtures.len());
    let (compact, spans, both) = (
        parse(&["--compact"]),
        parse(&["--spans-only"]),
        parse(&["--spans-only", "--compact"]),
    );
    let (mut nulls, mut texts) = (0, 0);
    for (i, f) in fixtures.iter().enumerate() {
        assert_eq!(compact[i], without_nulls(&full[i]), "{f:?}");
        nulls += full[i].to_string().matches(":null").count();
        assert!(!compact[i].to_string().contains(":null"), "{f:?}");
        let mut expected = full[i].clone();
        texts += without_block_text(&mut expected);
        assert_eq!(spans[i], expected, "{f:?}");
        assert_eq!(both[i], without_nulls(&expected), "{f:?}");
    }
    let pretty = run(congvan()
        .args(["parse", "--compact", "--pretty"])
        .arg(&fixtures[0]));
    assert!(stdout(&pretty).lines().count() > 10);
    assert_eq!(json(stdout(&pretty).trim_end()), compact[0]);
    // the fixtures hold both, so the comparisons above compared something
    assert!(nulls > 100 && texts > 100, "{nulls} nulls, {texts} texts");
}
