//! Running the `congvan` binary and reading what it printed. Shared by the
//! integration tests (`#[path = "common/bin.rs"] mod bin;`); not every test
//! file uses every function.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The binary under test.
pub(crate) fn congvan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_congvan"))
}

/// Standard output, which the binary always writes as UTF-8 (JSON, reports).
pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// Standard error, lossily: messages may quote a bad input.
pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// No panic, whatever happened: not the panic exit code, nor a panic message.
pub(crate) fn assert_no_panic(o: &Output) {
    assert_ne!(o.status.code(), Some(101), "panicked: {}", stderr(o));
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
}

/// Runs `cmd` with `input` on its standard input, capturing both outputs.
pub(crate) fn run_with_stdin(cmd: &mut Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}
