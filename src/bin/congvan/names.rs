//! File names as messages show them, and as outputs are named.

use std::ffi::{OsStr, OsString};
use std::fmt::Write as _;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// A path for a message on stderr: control characters (a newline, an escape
/// sequence that would drive the terminal) and bidirectional overrides are
/// written as `\n`, `\u{1b}`…, bytes that are not UTF-8 as `\xNN`, so that a
/// name can neither forge a line of output nor hide itself.
pub(crate) fn shown(path: &Path) -> String {
    let mut out = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() || is_bidi_control(c) => {
                    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

/// The invisible characters that reorder the text around them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The output file name for an input file name: its extension replaced by
/// `.json`. A name that would start with a dot (`..txt`, `.hidden.txt`)
/// starts with `_` instead: an output is never hidden, never `.` or `..`,
/// and never looks like one of the run's temporary or bookkeeping files.
pub(crate) fn output_name(input: &OsStr) -> OsString {
    let path = Path::new(input);
    let stem = match path.extension() {
        Some(_) => path.file_stem().unwrap_or(input),
        None => input,
    };
    let bytes = stem.as_bytes();
    let mut name = OsString::new();
    if bytes.first().is_none_or(|&b| b == b'.') {
        name.push("_");
        let rest = bytes.iter().position(|&b| b != b'.').unwrap_or(bytes.len());
        name.push(OsStr::from_bytes(&bytes[rest..]));
    } else {
        name.push(stem);
    }
    name.push(".json");
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_bad_bytes_are_escaped() {
        let name = OsStr::from_bytes(b"a\nb\x1b[31m\xff\xe2\x80\xaec.txt");
        assert_eq!(
            shown(Path::new(name)),
            "a\\nb\\u{1b}[31m\\xFF\\u{202e}c.txt"
        );
        assert_eq!(shown(Path::new("Quyết định.txt")), "Quyết định.txt");
    }

    #[test]
    fn output_names_are_never_dot_names() {
        let out = |s: &str| output_name(OsStr::new(s)).into_string().unwrap();
        assert_eq!(out("a.txt"), "a.json");
        assert_eq!(out("a.b.md"), "a.b.json");
        assert_eq!(out("..txt"), "_.json");
        assert_eq!(out("...txt"), "_.json");
        assert_eq!(out(".hidden.txt"), "_hidden.json");
        assert_eq!(out(".txt"), "_txt.json");
        assert_eq!(out("README"), "README.json");
        assert_eq!(out(".."), "_.json");
    }
}
