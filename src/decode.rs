//! Turning bytes into text: UTF-8 validation, BOMs, UTF-16, lossy mode.

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::options::Options;
use crate::span::Span;

/// Text decoded from bytes, with what was noticed on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text. Spans of a document parsed from it index into this string.
    pub text: String,
    /// Notes about the decoding (replaced bytes, UTF-16, a BOM).
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes a file's bytes as text.
///
/// UTF-8 (with or without BOM) is taken as is; UTF-16 with a BOM, or
/// recognisably UTF-16 without one, is converted. Invalid UTF-8 is an
/// [`Error::InvalidUtf8`] naming the offset, unless [`Options::lossy`] is set.
/// NUL bytes in UTF-8 input make it [`Error::Binary`].
pub fn decode(bytes: &[u8], options: &Options) -> Result<Decoded> {
    if bytes.len() > options.max_size {
        return Err(Error::TooLarge {
            size: bytes.len(),
            limit: options.max_size,
        });
    }
    let mut diagnostics = Vec::new();
    if let Some((little, skip)) = utf16_kind(bytes) {
        let units: Vec<u16> = bytes[skip..]
            .chunks_exact(2)
            .map(|c| {
                if little {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        let mut text: String = char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        if (bytes.len() - skip) % 2 == 1 {
            // a last, odd byte is not dropped silently
            text.push(char::REPLACEMENT_CHARACTER);
        }
        diagnostics.push(Diagnostic::info(
            "utf16_decoded",
            format!(
                "input was UTF-16 ({}) and was converted to UTF-8; spans index the converted text",
                if little {
                    "little-endian"
                } else {
                    "big-endian"
                }
            ),
            Span::empty(0),
        ));
        return Ok(Decoded { text, diagnostics });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let skipped = bytes.len() - body.len();
    if let Some(offset) = body.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            offset: offset + skipped,
        });
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            diagnostics,
        }),
        Err(e) if options.lossy => {
            diagnostics.push(Diagnostic::warning(
                "invalid_utf8_replaced",
                format!(
                    "invalid UTF-8 from byte {} on was replaced with U+FFFD",
                    e.valid_up_to() + skipped
                ),
                Span::empty(e.valid_up_to()),
            ));
            Ok(Decoded {
                text: String::from_utf8_lossy(body).into_owned(),
                diagnostics,
            })
        }
        Err(e) => Err(Error::InvalidUtf8 {
            offset: e.valid_up_to() + skipped,
        }),
    }
}

/// Detects UTF-16: a BOM, or a NUL in every other byte of the opening text.
/// Returns (little-endian, bytes to skip).
fn utf16_kind(bytes: &[u8]) -> Option<(bool, usize)> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some((true, 2)),
        [0xFE, 0xFF, ..] => return Some((false, 2)),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 < pairs {
        Some((true, 0))
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 < pairs {
        Some((false, 0))
    } else {
        None
    }
}
