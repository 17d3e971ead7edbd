//! `congvan check`: compiler-style diagnostics, exit codes and colour.

use std::process::Output;

use crate::common::bin::{congvan, stderr, stdout};
use crate::common::temp::TempDir;

/// A seed-like dispatch: blank number, blank day.
const BLANK_NUMBER: &str = "ỦY BAN NHÂN DÂN\n\
TỈNH BẮC GIANG\n\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
Độc lập - Tự do - Hạnh phúc\n\
Số: /UBND-NN\n\
V/v triển khai Kế hoạch số 03/KH-UBND\n\
Bắc Giang, ngày tháng 01 năm 2024\n\
\n\
Kính gửi: Sở Nông nghiệp và Phát triển nông thôn.\n\
\n\
Thực hiện Kế hoạch số 03/KH-UBND ngày 11/01/2024 của UBND tỉnh, đề nghị Sở triển khai./.\n\
\n\
Nơi nhận:\n\
- Như trên;\n\
- Lưu: VT, NN.\n\
KT. CHỦ TỊCH\n\
PHÓ CHỦ TỊCH\n\
\n\
Lê Văn A\n";

/// The same dispatch, numbered and dated: nothing to warn about.
fn clean_document() -> String {
    BLANK_NUMBER
        .replace("Số: /UBND-NN", "Số: 15/UBND-NN")
        .replace("ngày tháng 01", "ngày 12 tháng 01")
}

fn check(args: &[&std::ffi::OsStr]) -> Output {
    congvan()
        .arg("check")
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run congvan check")
}

#[test]
fn blank_number_is_a_warning_with_a_caret_under_the_number() {
    let dir = TempDir::new("blank");
    let path = dir.file("draft.txt", BLANK_NUMBER);
    let o = check(&[path.as_os_str()]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "warnings alone exit 0:\n{out}");
    let name = path.display().to_string();
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("{name}:5:1: warning[blank_number]: ")))
        .unwrap_or_else(|| panic!("no blank_number warning at 5:1:\n{out}"));
    let source = lines[at + 1];
    let carets = lines[at + 2];
    assert!(source.ends_with("| Số: /UBND-NN"), "{source:?}");
    // The carets sit exactly under `Số: /UBND-NN` (columns in chars).
    let col = source.chars().count() - "Số: /UBND-NN".chars().count();
    let under: String = carets.chars().skip(col).collect();
    assert_eq!(under, "^".repeat("Số: /UBND-NN".chars().count()), "{out}");
    assert!(
        carets.chars().take(col).all(|c| c == ' ' || c == '|'),
        "{carets:?}"
    );
    // The blank day too, at the date's column.
    assert!(
        out.contains(&format!("{name}:7:12: warning[blank_day]: ")),
        "{out}"
    );
    assert!(
        out.ends_with(&format!("{name}: 2 warnings, 0 errors\n")),
        "{out}"
    );
}

#[test]
fn deny_warnings_exits_1() {
    let dir = TempDir::new("deny");
    let path = dir.file("draft.txt", BLANK_NUMBER);
    let o = check(&[path.as_os_str(), "--deny".as_ref(), "warnings".as_ref()]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains(":5:1: error[blank_number]: "), "{out}");
    assert!(out.contains(": 0 warnings, 2 errors"), "{out}");
}

#[test]
fn clean_document_exits_0_even_with_deny_warnings() {
    let dir = TempDir::new("clean");
    let path = dir.file("ok.txt", clean_document());
    let o = check(&[path.as_os_str(), "--deny".as_ref(), "warnings".as_ref()]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert_eq!(out, format!("{}: 0 warnings, 0 errors\n", path.display()));
}

#[test]
fn no_colour_when_piped_unless_asked() {
    let dir = TempDir::new("colour");
    let path = dir.file("draft.txt", BLANK_NUMBER);
    let plain = check(&[path.as_os_str()]);
    assert!(!stdout(&plain).contains('\x1b'), "{}", stdout(&plain));
    let always = check(&[path.as_os_str(), "--color".as_ref(), "always".as_ref()]);
    assert!(
        stdout(&always).contains("\x1b[1;33mwarning[blank_number]\x1b[0m"),
        "{:?}",
        stdout(&always)
    );
    let never = check(&[path.as_os_str(), "--color=never".as_ref()]);
    assert_eq!(stdout(&never), stdout(&plain));
}

#[test]
fn unreadable_input_exits_1_and_is_named() {
    let dir = TempDir::new("missing");
    let good = dir.file("ok.txt", clean_document());
    let missing = dir.path().join("nope.txt");
    let o = check(&[missing.as_os_str(), good.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&missing.display().to_string()), "{err}");
    // The other input is still checked.
    assert!(stdout(&o).contains(&format!("{}: 0 warnings", good.display())));

    let o = check(&[dir.path().as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is a directory"), "{}", stderr(&o));
}

#[test]
fn invalid_utf8_fails_unless_lossy() {
    let dir = TempDir::new("utf8");
    let path = dir.path().join("bad.txt");
    let mut bytes = clean_document().into_bytes();
    bytes.extend_from_slice(b"\xff\xfe tail\n");
    std::fs::write(&path, bytes).expect("write");
    let o = check(&[path.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not valid UTF-8"), "{}", stderr(&o));
    let o = check(&[path.as_os_str(), "--lossy".as_ref()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("warning[invalid_utf8_replaced]"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(check(&[]).status.code(), Some(2));
    let o = check(&["x.txt".as_ref(), "--deny".as_ref(), "everything".as_ref()]);
    assert_eq!(o.status.code(), Some(2));
    let o = check(&["x.txt".as_ref(), "--color".as_ref(), "sometimes".as_ref()]);
    assert_eq!(o.status.code(), Some(2));
}
