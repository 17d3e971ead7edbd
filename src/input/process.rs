//! Running an external program (poppler's `pdftotext`, `pdfsig`) as a child
//! process: found on `PATH`, fed on standard input, with a time limit and a
//! cap on what it prints. Nothing GPL is linked into the library.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// A program, the package that provides it, and how to run it.
pub(crate) struct Program {
    /// Name on `PATH`.
    pub(crate) name: &'static str,
    /// Debian package to install when it is absent.
    pub(crate) package: &'static str,
    /// What the program reads (`docx`, `pdf`), for error messages.
    pub(crate) format: &'static str,
}

/// What a finished program left.
pub(crate) struct Output {
    /// Standard output, at most the cap.
    pub(crate) stdout: Vec<u8>,
    /// Standard error (the first few kilobytes).
    pub(crate) stderr: String,
    /// Whether it exited with status 0.
    pub(crate) success: bool,
}

impl Program {
    /// Runs the program with `args`, `input` on its standard input; kills it
    /// after `timeout`; keeps at most `cap` bytes of its output.
    pub(crate) fn run(
        &self,
        args: &[&std::ffi::OsStr],
        input: &[u8],
        timeout: Duration,
        cap: usize,
    ) -> Result<Output> {
        let mut child = Command::new(self.name)
            .args(args)
            // times printed in UTC, messages in English
            .env("TZ", "UTC")
            .env("LC_ALL", "C")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Error::MissingProgram {
                    program: self.name,
                    package: self.package,
                },
                _ => self.error(format!("cannot run {}: {e}", self.name)),
            })?;
        let (Some(mut stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(self.error(format!("cannot talk to {}", self.name)));
        };
        std::thread::scope(|scope| {
            // the writer may fail when the program stops reading early: that
            // is the program's answer, read below, not an error of ours
            scope.spawn(move || {
                let _ = stdin.write_all(input);
            });
            let out = scope.spawn(move || {
                let mut buf = Vec::new();
                let limit = u64::try_from(cap).unwrap_or(u64::MAX).saturating_add(1);
                let _ = stdout.take(limit).read_to_end(&mut buf);
                buf
            });
            let err = scope.spawn(move || {
                let mut buf = Vec::new();
                let _ = stderr.take(4096).read_to_end(&mut buf);
                String::from_utf8_lossy(&buf).into_owned()
            });
            let deadline = Instant::now() + timeout;
            let status = loop {
                match child.try_wait() {
                    Ok(Some(status)) => break Some(status),
                    Ok(None) if Instant::now() < deadline => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    _ => {
                        let _ = child.kill();
                        let _ = child.wait();
                        break None;
                    }
                }
            };
            let stdout = out.join().unwrap_or_default();
            let stderr = err.join().unwrap_or_default();
            let Some(status) = status else {
                return Err(self.error(format!(
                    "{} did not finish within {} s",
                    self.name,
                    timeout.as_secs()
                )));
            };
            if stdout.len() > cap {
                return Err(self.error(format!(
                    "{} printed more than {cap} bytes (the size limit)",
                    self.name
                )));
            }
            Ok(Output {
                stdout,
                stderr,
                success: status.success(),
            })
        })
    }

    fn error(&self, reason: String) -> Error {
        Error::Unreadable {
            format: self.format,
            reason,
        }
    }
}
