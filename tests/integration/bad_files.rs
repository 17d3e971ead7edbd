//! Bad files (issue 6), through the library (`congvan::decode`) and the
//! binary (`congvan parse`): invalid UTF-8, UTF-16 with and without BOM,
//! binary files, empty files, directories, missing and unreadable files,
//! and output that cannot be written. Each gets a clear message naming the
//! file, the right exit code, and no partial output; the other inputs of
//! the same run are still parsed.

use std::path::Path;
use std::process::{Output, Stdio};

use congvan::{Error, Options};

const DOC: &str = include_str!("../../fixtures/cong-van-full-header.txt");

use crate::common::bin::{assert_no_panic, congvan, run_with_stdin, stderr, stdout};

use crate::common::temp::TempDir;

fn run(args: &[&Path]) -> Output {
    congvan()
        .arg("parse")
        .args(args)
        .output()
        .expect("run congvan")
}

/// The one input was refused: exit 1, nothing on stdout, and a message
/// naming the file and saying why; no panic.
fn assert_refused(o: &Output, file: &str, why: &str) {
    assert_no_panic(o);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "no partial output: {}", stdout(o));
    let e = stderr(o);
    assert!(e.contains(file) && e.contains(why), "{e}");
}

fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if little { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if little {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

fn codes(doc: &serde_json::Value) -> Vec<String> {
    doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

// ---------------------------------------------------------------------------
// Invalid UTF-8
// ---------------------------------------------------------------------------

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let mut bytes = "Số: 12/UBND-VX\nKính gửi: Sở".as_bytes().to_vec();
    let at = bytes.len();
    bytes.extend_from_slice(b"\xC3\x28 N\xE1\xBB\x99i v\xE1\xBB\xA5");
    // library
    let err = congvan::decode(&bytes, &Options::new()).unwrap_err();
    assert_eq!(err, Error::InvalidUtf8 { offset: at });
    assert_eq!(err.offset(), Some(at));
    let lossy = congvan::decode(&bytes, &Options::new().lossy(true)).expect("lossy");
    assert!(lossy.text.contains('\u{FFFD}'));
    assert_eq!(lossy.diagnostics[0].code, "invalid_utf8_replaced");
    // with a BOM the offset still counts from the start of the file
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(&bytes);
    assert_eq!(
        congvan::decode(&with_bom, &Options::new()).unwrap_err(),
        Error::InvalidUtf8 { offset: at + 3 }
    );
    // binary
    let dir = TempDir::new("utf8");
    let path = dir.file("bad.txt", &bytes);
    let o = run(&[&path]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "no partial output: {}", stdout(&o));
    let e = stderr(&o);
    assert!(e.contains("bad.txt"), "{e}");
    assert!(e.contains(&format!("byte {at}")), "{e}");
    // --lossy parses it
    let o = congvan()
        .args(["parse", "--lossy"])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert!(codes(&doc).contains(&"invalid_utf8_replaced".to_owned()));
}

// ---------------------------------------------------------------------------
// UTF-16
// ---------------------------------------------------------------------------

#[test]
fn utf16_with_and_without_bom_is_decoded() {
    let dir = TempDir::new("utf16");
    for little in [true, false] {
        for bom in [true, false] {
            let what = format!(
                "UTF-16 {}{}",
                if little { "LE" } else { "BE" },
                if bom { " with BOM" } else { " without BOM" }
            );
            let bytes = utf16(DOC, little, bom);
            // library
            let decoded =
                congvan::decode(&bytes, &Options::new()).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(decoded.text, DOC, "{what}");
            assert!(
                decoded
                    .diagnostics
                    .iter()
                    .any(|d| d.code == "utf16_decoded"),
                "{what}: {:?}",
                decoded.diagnostics
            );
            // binary
            let path = dir.file("u16.txt", &bytes);
            let o = run(&[&path]);
            assert_no_panic(&o);
            assert_eq!(o.status.code(), Some(0), "{what}: {}", stderr(&o));
            let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
            assert!(codes(&doc).contains(&"utf16_decoded".to_owned()), "{what}");
            assert_eq!(doc["number"]["number"], "1234", "{what}");
        }
    }
}

/// Without a BOM, text dense in Vietnamese letters (most of them outside
/// Latin-1, so neither byte of their code unit is NUL) is still UTF-16.
#[test]
fn utf16_without_bom_dense_in_diacritics() {
    let text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nỦY BAN NHÂN DÂN TỈNH BẮC GIANG\nSố: 12/QĐ-UBND\n";
    for little in [true, false] {
        let decoded = congvan::decode(&utf16(text, little, false), &Options::new())
            .unwrap_or_else(|e| panic!("little={little}: {e}"));
        assert_eq!(decoded.text, text);
    }
    // a short one
    let decoded =
        congvan::decode(&utf16("Số: 5/UBND", true, false), &Options::new()).expect("short UTF-16");
    assert_eq!(decoded.text, "Số: 5/UBND");
}

/// An odd number of bytes after the BOM: the last byte is not dropped
/// silently.
#[test]
fn utf16_odd_length_keeps_a_replacement() {
    let mut bytes = utf16("Số: 5/UBND", true, true);
    bytes.push(b'x');
    let decoded = congvan::decode(&bytes, &Options::new()).expect("decoded");
    assert!(decoded.text.starts_with("Số: 5/UBND"));
    assert!(decoded.text.ends_with('\u{FFFD}'), "{:?}", decoded.text);
}

// ---------------------------------------------------------------------------
// Binary, empty, directories, missing and unreadable files
// ---------------------------------------------------------------------------

#[test]
fn binary_files_are_not_text_documents() {
    // a PNG header and some data
    let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00".to_vec();
    bytes.extend((0u8..=255).cycle().take(2000));
    let err = congvan::decode(&bytes, &Options::new()).unwrap_err();
    assert!(matches!(err, Error::Binary { offset: 8 }), "{err:?}");
    assert!(err.to_string().contains("not a text document"));
    // lossy does not make a binary file text
    assert!(matches!(
        congvan::decode(&bytes, &Options::new().lossy(true)),
        Err(Error::Binary { .. })
    ));
    // text with one NUL in the middle
    let mut text = DOC.as_bytes().to_vec();
    text.insert(100, 0);
    assert_eq!(
        congvan::decode(&text, &Options::new()).unwrap_err(),
        Error::Binary { offset: 100 }
    );
    let dir = TempDir::new("binary");
    let path = dir.file("image.png", &bytes);
    // a PNG is an image now, read only by OCR: with OCR off it is refused
    // as such (with OCR on, tesseract's refusal of these bytes is the reason)
    let o = congvan()
        .arg("parse")
        .arg(&path)
        .args(["--ocr", "never"])
        .output()
        .expect("run congvan");
    assert_refused(&o, "image.png", "cannot read this image file");
    let o = run(&[&path]);
    assert_refused(&o, "image.png", "image");
}

#[test]
fn empty_file_is_a_document_with_diagnostics() {
    let decoded = congvan::decode(b"", &Options::new()).expect("empty decodes");
    assert_eq!(decoded.text, "");
    let doc = congvan::parse("");
    assert!(doc.diagnostics.iter().any(|d| d.code == "missing_number"));
    let dir = TempDir::new("empty");
    let path = dir.file("empty.txt", b"");
    let o = run(&[&path]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert!(codes(&doc).contains(&"missing_number".to_owned()));
    // only a BOM, only white space
    for bytes in [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b" \n\r\n\t "] {
        let doc = congvan::parse(
            &congvan::decode(bytes, &Options::new())
                .expect("decodes")
                .text,
        );
        assert!(!doc.diagnostics.is_empty());
    }
}

#[test]
fn directory_given_as_a_file() {
    let dir = TempDir::new("dir");
    let good = dir.file("good.txt", DOC.as_bytes());
    let o = run(&[dir.path(), &good]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains(&dir.path().display().to_string()) && e.contains("is a directory"),
        "{e}"
    );
    // the other input is still parsed, whole
    let lines: Vec<&str> = std::str::from_utf8(&o.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 1);
    let doc: serde_json::Value = serde_json::from_str(lines[0]).expect("JSON");
    assert_eq!(doc["number"]["number"], "1234");
}

#[test]
fn missing_file() {
    let dir = TempDir::new("missing");
    let missing = dir.path().join("nowhere.txt");
    let good = dir.file("good.txt", DOC.as_bytes());
    let o = run(&[&good, &missing, &good]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("nowhere.txt") && e.contains("no such file"),
        "{e}"
    );
    // both good inputs printed, in order, each a whole JSON line
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    for l in lines {
        serde_json::from_str::<serde_json::Value>(l).expect("whole JSON line");
    }
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("unreadable");
    let path = dir.file("secret.txt", DOC.as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        // root (as in CI containers) reads the file whatever its mode
        eprintln!("unreadable_file: running as root, chmod 000 does not stop reads; skipped");
        return;
    }
    let o = run(&[&path]);
    assert_refused(&o, "secret.txt", "permission denied");
}

/// Over the size limit: refused from the file's size, before reading it.
#[test]
fn file_over_the_size_limit() {
    let dir = TempDir::new("large");
    let path = dir.path().join("huge.txt");
    let f = std::fs::File::create(&path).expect("create");
    // sparse: 65 MiB that take no space and are never read
    f.set_len(65 * 1024 * 1024).expect("set_len");
    drop(f);
    let o = run(&[&path]);
    assert_refused(&o, "huge.txt", "over the limit");
}

// ---------------------------------------------------------------------------
// Output that cannot be written
// ---------------------------------------------------------------------------

/// stdout closed by the reader (`congvan parse … | head -c 0`): a quiet
/// exit, no panic, no message about a broken pipe.
#[test]
fn closed_stdout_is_quiet() {
    let dir = TempDir::new("pipe");
    let good = dir.file("good.txt", DOC.as_bytes());
    // enough output to fill the pipe's buffer
    let args: Vec<&Path> = std::iter::repeat_n(good.as_path(), 200).collect();
    let mut child = congvan()
        .arg("parse")
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take()); // close the read end at once
    let o = child.wait_with_output().expect("wait");
    assert_no_panic(&o);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "exit status {:?}",
        o.status
    );
    assert!(
        !stderr(&o).to_lowercase().contains("broken pipe"),
        "{}",
        stderr(&o)
    );
}

/// A full disk (`/dev/full`): a clear message and exit status 1.
#[cfg(target_os = "linux")]
#[test]
fn full_disk_is_an_error() {
    let dir = TempDir::new("full");
    let good = dir.file("good.txt", DOC.as_bytes());
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("full_disk_is_an_error: no /dev/full; skipped");
        return;
    };
    let o = congvan()
        .arg("parse")
        .arg(&good)
        .stdout(Stdio::from(full))
        .output()
        .expect("run");
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("cannot write output"), "{e}");
}

/// Standard input works like a file, bad bytes included.
#[test]
fn stdin_bad_bytes() {
    let o = run_with_stdin(congvan().args(["parse", "-"]), b"abc\xFFdef");
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("<stdin>") && e.contains("byte 3"), "{e}");
}

// ---------------------------------------------------------------------------
// Inputs that never end or block (issue 15)
// ---------------------------------------------------------------------------

/// A FIFO named as an input is refused at once by `parse`, `check` and
/// `batch`: it is not opened, so nothing waits for a writer. A helper
/// thread keeps offering a writer that closes at once: a command that did
/// open the FIFO would read an empty input and succeed, failing the test
/// instead of hanging it.
#[cfg(target_os = "linux")]
#[test]
fn a_fifo_is_refused_not_waited_for() {
    use std::os::unix::fs::OpenOptionsExt;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    const O_NONBLOCK: i32 = 0o4000; // Linux

    let dir = TempDir::new("fifo");
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("a_fifo_is_refused_not_waited_for: no mkfifo; skipped");
        return;
    }
    let out = dir.path().join("out");
    let commands: [Vec<&std::ffi::OsStr>; 3] = [
        vec!["parse".as_ref(), fifo.as_os_str()],
        vec!["check".as_ref(), fifo.as_os_str()],
        vec![
            "batch".as_ref(),
            fifo.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ],
    ];
    for args in commands {
        let done = Arc::new(AtomicBool::new(false));
        let writer = {
            let (done, fifo) = (Arc::clone(&done), fifo.clone());
            std::thread::spawn(move || {
                while !done.load(Ordering::Relaxed) {
                    // succeeds only while a reader has it open; closing it
                    // at once gives that reader an end of file
                    let _ = std::fs::File::options()
                        .write(true)
                        .custom_flags(O_NONBLOCK)
                        .open(&fifo);
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
            })
        };
        let o = congvan().args(&args).output().expect("run");
        done.store(true, Ordering::Relaxed);
        writer.join().expect("writer thread");
        assert_no_panic(&o);
        let expected = if args[0] == "batch" { 3 } else { 1 };
        assert_eq!(o.status.code(), Some(expected), "{args:?}: {}", stderr(&o));
        let e = stderr(&o);
        assert!(
            e.contains("pipe.txt") && e.contains("FIFO"),
            "{args:?}: {e}"
        );
    }
    assert!(!out.join("pipe.json").exists());
}

/// A device is not a document: `parse /dev/zero` is refused at once rather
/// than read without end.
#[cfg(target_os = "linux")]
#[test]
fn a_device_is_refused() {
    let o = congvan()
        .args(["parse", "--max-size", "1M", "/dev/zero"])
        .output()
        .expect("run");
    assert_refused(&o, "/dev/zero", "character device");
}

/// Standard input goes through the size limit too (`yes | congvan parse -`):
/// reading stops one byte past it.
#[test]
fn stdin_is_read_only_up_to_the_limit() {
    use std::io::Write;
    let mut child = congvan()
        .args(["parse", "--max-size", "64K", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    // More than the limit; the writes fail once congvan stops reading.
    let feeder = std::thread::spawn(move || {
        let line = b"y\n".repeat(4096);
        for _ in 0..64 {
            if stdin.write_all(&line).is_err() {
                break;
            }
        }
    });
    let o = child.wait_with_output().expect("wait");
    feeder.join().expect("feeder");
    assert_refused(&o, "<stdin>", "over the limit of 65536 bytes");

    // At the limit exactly: parsed.
    let o = run_with_stdin(
        congvan().args(["parse", "--max-size", "65536", "-"]),
        &b"y\n".repeat(32768),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// `check` reads through the same limit: a (sparse) file of 1 TiB is
/// refused from its size, never read, and `--max-size` sets the limit.
#[test]
fn check_refuses_large_files_before_reading() {
    let dir = TempDir::new("check-large");
    let path = dir.path().join("huge.txt");
    let f = std::fs::File::create(&path).expect("create");
    if f.set_len(1 << 40).is_err() {
        eprintln!("check_refuses_large_files_before_reading: no sparse 1 TiB file here; skipped");
        return;
    }
    drop(f);
    let o = congvan().arg("check").arg(&path).output().expect("run");
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("huge.txt") && e.contains("1099511627776 bytes, over the limit"),
        "{e}"
    );

    let small = dir.file("small.txt", DOC.as_bytes());
    let o = congvan()
        .args(["check", "--max-size", "1K"])
        .arg(&small)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("over the limit of 1024 bytes"),
        "{}",
        stderr(&o)
    );
}

/// A name with control characters is shown escaped on stderr: it cannot
/// forge a line or drive the terminal.
#[test]
fn control_characters_in_names_are_escaped() {
    let dir = TempDir::new("ctrl");
    let name = dir.path().join("a\nb\x1b[31mc.txt");
    let o = run(&[&name]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("a\\nb\\u{1b}[31mc.txt: no such file"), "{e}");
    assert!(!e.contains('\x1b') && e.lines().count() == 1, "{e:?}");
}
