//! Turning bytes into text: UTF-8 validation, BOMs, UTF-16, lossy mode.

use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::error::{Error, Result};
use crate::normalize::legacy::{self, Legacy};
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
/// [`Error::InvalidUtf8`] naming the offset, unless [`Options::lossy`] is set
/// or the bytes are single-byte TCVN3 or VNI text: then each byte is read as
/// its Windows-1252 character (an info diagnostic `legacy_bytes_decoded` says
/// so) and [`parse`](crate::parse) converts the letters.
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
            DiagnosticCode::Utf16Decoded,
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
    if let Some(offset) = memchr::memchr(0, body) {
        return Err(Error::Binary {
            offset: offset + skipped,
        });
    }
    if let Ok(text) = simdutf8::basic::from_utf8(body) {
        return Ok(Decoded {
            text: text.to_owned(),
            diagnostics,
        });
    }
    // Not UTF-8 (simdutf8's basic validator does not say where): std's
    // validator finds the offset; it cannot succeed here.
    let e = match std::str::from_utf8(body) {
        Ok(text) => {
            return Ok(Decoded {
                text: text.to_owned(),
                diagnostics,
            })
        }
        Err(e) => e,
    };
    let bad = e.valid_up_to() + skipped;
    if let Some((text, legacy)) = single_byte_legacy(body) {
        diagnostics.push(Diagnostic::info(
            DiagnosticCode::LegacyBytesDecoded,
            format!(
                "input was not UTF-8 (from byte {bad} on) but single-byte {} text; \
                 each byte was read as its Windows-1252 character; \
                 spans index the decoded text",
                legacy.name()
            ),
            Span::empty(0),
        ));
        return Ok(Decoded { text, diagnostics });
    }
    if !options.lossy {
        return Err(Error::InvalidUtf8 { offset: bad });
    }
    diagnostics.push(Diagnostic::warning(
        DiagnosticCode::InvalidUtf8Replaced,
        format!("invalid UTF-8 from byte {bad} on was replaced with U+FFFD"),
        Span::empty(e.valid_up_to()),
    ));
    Ok(Decoded {
        text: String::from_utf8_lossy(body).into_owned(),
        diagnostics,
    })
}

/// [`decode`] taking the bytes: UTF-8 text (the usual case) is validated and
/// copied into the `String`, and the bytes are dropped before the text is
/// parsed, so a caller that has no more use for them does not hold the input
/// twice while it is parsed. Anything else (UTF-16, legacy bytes, invalid
/// UTF-8, NUL bytes, too large) goes through [`decode`] and comes out the
/// same.
pub(crate) fn decode_vec(bytes: Vec<u8>, options: &Options) -> Result<Decoded> {
    if bytes.len() > options.max_size
        || utf16_kind(&bytes).is_some()
        || memchr::memchr(0, &bytes).is_some()
    {
        return decode(&bytes, options);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    // A SIMD validator, about ten times std's speed on Vietnamese text (most
    // characters are multi-byte), then one copy: without `unsafe` a `Vec`
    // cannot become a `String` unchecked, and a copy costs less than std's
    // validation. The bytes are dropped before the text is parsed.
    match simdutf8::basic::from_utf8(body) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            diagnostics: Vec::new(),
        }),
        Err(_) => decode(&bytes, options),
    }
}

/// Reads bytes that are not UTF-8 as single-byte text (Windows-1252, one
/// byte one char) and keeps the result if it looks like TCVN3 or VNI.
fn single_byte_legacy(bytes: &[u8]) -> Option<(String, Legacy)> {
    let text: String = bytes.iter().map(|&b| windows_1252(b)).collect();
    legacy::detect(&text).map(|l| (text, l))
}

/// The Windows-1252 character of byte `b`. The five bytes 1252 leaves
/// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become the C1 controls of the
/// same value, as in Latin-1; everything else from 0xA0 on is Latin-1.
fn windows_1252(b: u8) -> char {
    const C1: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}',
        '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}',
        '\u{178}',
    ];
    match b {
        0x80..=0x9F => C1[usize::from(b - 0x80)],
        _ => char::from(b),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_vec_is_decode() {
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Số 1".encode_utf16().flat_map(u16::to_le_bytes));
        let inputs: [&[u8]; 9] = [
            b"",
            "Số: 12/UBND".as_bytes(),
            b"\xEF\xBB\xBFS\xE1\xBB\x91",
            b"\xEF\xBB\xBF",
            b"ab\xFFcd",
            b"\xEF\xBB\xBFab\xFFcd",
            b"ab\0cd",
            &utf16,
            b"Uy ban nh\xA9n d\xA9n t\xD8nh",
        ];
        for lossy in [false, true] {
            let mut options = Options::default().lossy(lossy);
            for bytes in inputs {
                let (a, b) = (
                    decode(bytes, &options),
                    decode_vec(bytes.to_vec(), &options),
                );
                assert_eq!(a, b, "{bytes:?}");
            }
            options.max_size = 3;
            let long = b"abcd";
            assert_eq!(decode(long, &options), decode_vec(long.to_vec(), &options));
        }
    }

    #[test]
    fn single_byte_tcvn3_is_decoded_and_plain_latin1_is_not() {
        let tcvn3 = "Uû ban nh©n d©n tØnh\nCéng hoµ x· héi chñ nghÜa ViÖt Nam\n\
                     §éc lËp - Tù do - H¹nh phóc\n\u{201C}QuyÕt ®Þnh\u{201D} sè 12\nN¬i nhËn:";
        let bytes: Vec<u8> = tcvn3
            .chars()
            .map(|c| match c {
                '\u{201C}' => 0x93,
                '\u{201D}' => 0x94,
                c => u8::try_from(u32::from(c)).unwrap(),
            })
            .collect();
        let d = decode(&bytes, &Options::default()).unwrap();
        assert_eq!(d.text, tcvn3);
        assert_eq!(d.diagnostics[0].code, "legacy_bytes_decoded");
        assert!(d.diagnostics[0].message.contains("TCVN3"));

        let latin1 =
            b"Le caf\xe9 o\xf9 nous \xe9tions, \xe0 c\xf4t\xe9 de la gare, S\xe3o Paulo, K\xf6ln";
        assert!(matches!(
            decode(latin1, &Options::default()),
            Err(Error::InvalidUtf8 { offset: 6 })
        ));
        let lossy = decode(latin1, &Options::default().lossy(true)).unwrap();
        assert_eq!(lossy.diagnostics[0].code, "invalid_utf8_replaced");
        assert_eq!(windows_1252(0x81), '\u{81}');
        assert_eq!(windows_1252(0xAD), '\u{AD}');
    }
}
