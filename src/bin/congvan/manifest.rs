//! `--out`'s record of what each output was made from, so that `--resume`
//! cannot be fooled by times: `OUT/.congvan/manifest.jsonl`, one JSON
//! object per output:
//!
//! ```text
//! {"output":"<hex>","input":"<hex>","size":N,"mtime_ns":N,"hash":"<16 hex>","output_size":N,"settings":"congvan 0.1.0; format=auto; lossy=false"}
//! ```
//!
//! Paths are the hex of their bytes (any name, UTF-8 or not). An output is
//! up to date when its entry's input size, modification time (ns), content
//! hash (64-bit FNV-1a of the bytes read) and settings (congvan version and
//! options) all match now, and the output file exists with the size
//! written. Entries are appended as outputs are renamed into place (a
//! killed run loses at most its last line, which is then ignored), and the
//! file is rewritten whole at the start and end of a run.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::output::write_atomic;

/// What an input was when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    size: u64,
    mtime_ns: i64,
    hash: u64,
}

impl Fingerprint {
    /// The fingerprint of `bytes`, read from a file whose metadata, taken
    /// when it was opened, is `meta`.
    pub(crate) fn new(meta: &Metadata, bytes: &[u8]) -> Self {
        Self {
            size: meta.len(),
            mtime_ns: meta.mtime().saturating_mul(1_000_000_000) + meta.mtime_nsec(),
            hash: fnv1a(bytes),
        }
    }
}

/// 64-bit FNV-1a: stable across versions and platforms (std's hashers are
/// not), and fast enough next to parsing.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// One line of the manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    output: String,
    input: String,
    size: u64,
    mtime_ns: i64,
    hash: String,
    output_size: u64,
    settings: String,
}

/// The manifest of one output folder, shared by the workers.
#[derive(Debug)]
pub(crate) struct Manifest {
    path: PathBuf,
    settings: String,
    entries: Mutex<BTreeMap<String, Entry>>,
    journal: Mutex<Option<File>>,
}

/// Hex of a path's bytes.
fn hex(path: &Path) -> String {
    let mut out = String::new();
    for b in path.as_os_str().as_bytes() {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// A path from its hex.
fn unhex(text: &str) -> Option<PathBuf> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect();
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(&bytes?)))
}

impl Manifest {
    /// Loads the manifest of `dir` (missing or unreadable lines are simply
    /// not there), rewrites it whole and opens it for appending.
    /// `settings` names what, beside the input, decides an output.
    pub(crate) fn open(dir: &Path, settings: String) -> io::Result<Self> {
        let path = dir.join("manifest.jsonl");
        let mut entries = BTreeMap::new();
        if let Ok(text) = fs::read(&path) {
            for line in text.split(|&b| b == b'\n') {
                if let Ok(entry) = serde_json::from_slice::<Entry>(line) {
                    entries.insert(entry.output.clone(), entry);
                }
            }
        }
        let manifest = Self {
            path,
            settings,
            entries: Mutex::new(entries),
            journal: Mutex::new(None),
        };
        manifest.save()?;
        let journal = File::options().append(true).open(&manifest.path)?;
        *manifest.journal.lock().unwrap_or_else(|e| e.into_inner()) = Some(journal);
        Ok(manifest)
    }

    /// Whether `output` (relative to the folder; at `target`) was made from
    /// an input with this fingerprint under the same settings, and is still
    /// there as it was written.
    pub(crate) fn up_to_date(
        &self,
        output: &Path,
        fingerprint: Fingerprint,
        target: &Path,
    ) -> bool {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let Some(entry) = entries.get(&hex(output)) else {
            return false;
        };
        entry.settings == self.settings
            && entry.size == fingerprint.size
            && entry.mtime_ns == fingerprint.mtime_ns
            && entry.hash == format!("{:016x}", fingerprint.hash)
            && fs::symlink_metadata(target)
                .is_ok_and(|m| m.is_file() && m.len() == entry.output_size)
    }

    /// Records that `output` was written (`output_size` bytes) from `input`.
    pub(crate) fn record(
        &self,
        output: &Path,
        input: &Path,
        fingerprint: Fingerprint,
        output_size: u64,
    ) {
        let entry = Entry {
            output: hex(output),
            input: hex(input),
            size: fingerprint.size,
            mtime_ns: fingerprint.mtime_ns,
            hash: format!("{:016x}", fingerprint.hash),
            output_size,
            settings: self.settings.clone(),
        };
        if let Ok(mut line) = serde_json::to_string(&entry) {
            line.push('\n');
            let mut journal = self.journal.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(file) = journal.as_mut() {
                // One write per line: a killed run leaves whole lines and at
                // most one cut-off last line, which loading skips.
                let _ = file.write_all(line.as_bytes());
            }
        }
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.insert(entry.output.clone(), entry);
    }

    /// The outputs (relative paths) whose input no longer exists, with that input.
    pub(crate) fn orphans(&self) -> Vec<(PathBuf, PathBuf)> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .values()
            .filter_map(|e| Some((unhex(&e.output)?, unhex(&e.input)?)))
            .filter(|(_, input)| {
                matches!(fs::symlink_metadata(input), Err(e) if e.kind() == io::ErrorKind::NotFound)
            })
            .collect()
    }

    /// Forgets an output (after it was removed).
    pub(crate) fn forget(&self, output: &Path) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.remove(&hex(output));
    }

    /// Rewrites the manifest whole (atomically), one line per output.
    pub(crate) fn save(&self) -> io::Result<()> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let mut text = String::new();
        for entry in entries.values() {
            if let Ok(line) = serde_json::to_string(entry) {
                text.push_str(&line);
                text.push('\n');
            }
        }
        write_atomic(&self.path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_known_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn paths_round_trip_through_hex() {
        let path = PathBuf::from(std::ffi::OsStr::from_bytes(b"a/\xff\n.json"));
        assert_eq!(unhex(&hex(&path)), Some(path));
        assert_eq!(unhex("0"), None);
        assert_eq!(unhex("zz"), None);
    }
}
