//! JSON output: compact JSON written by [`JsonWriter`], indented JSON by
//! serde_json.
//!
//! [`JsonWriter`] writes what `serde_json::to_writer` writes, byte for byte
//! (the tests compare the two), but escapes strings a word at a time: the
//! `text` values of a document are most of its JSON, and serde_json looks up
//! every byte of them in a table (6% of a batch's instructions).

use std::io;

use serde::ser::{self, Serialize};

use crate::model::Document;

/// The document as compact JSON (one line).
pub fn to_json(doc: &Document) -> String {
    let mut out = Vec::with_capacity(1024);
    // Writing owned strings, numbers and vectors into memory cannot fail.
    if doc.serialize(&mut JsonWriter::new(&mut out)).is_err() {
        return String::new();
    }
    // Only whole UTF-8 strings and ASCII punctuation were written.
    String::from_utf8(out).unwrap_or_default()
}

/// The document as indented JSON.
pub fn to_json_pretty(doc: &Document) -> String {
    serde_json::to_string_pretty(doc).unwrap_or_default()
}

/// A serde serializer of compact JSON into a writer: the output of
/// `serde_json::to_writer` (no spaces, strings escaped the same way, maps with
/// string keys only), written straight into `W`.
///
/// ```
/// use serde::Serialize;
///
/// let doc = congvan::parse("Số: 12/QĐ-UBND\n");
/// let mut out = Vec::new();
/// doc.serialize(&mut congvan::JsonWriter::new(&mut out)).unwrap();
/// assert_eq!(out, congvan::to_json(&doc).into_bytes());
/// ```
#[derive(Debug)]
pub struct JsonWriter<W> {
    writer: W,
}

impl<W: io::Write> JsonWriter<W> {
    /// A serializer writing into `writer`.
    pub fn new(writer: W) -> Self {
        Self { writer }
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.writer
    }

    fn raw(&mut self, bytes: &[u8]) -> Result<(), serde_json::Error> {
        self.writer.write_all(bytes).map_err(serde_json::Error::io)
    }

    fn string(&mut self, s: &str) -> Result<(), serde_json::Error> {
        write_escaped(&mut self.writer, s).map_err(serde_json::Error::io)
    }

    fn integer(&mut self, v: impl itoa_like::Integer) -> Result<(), serde_json::Error> {
        let mut buf = [0u8; 40];
        let digits = v.write_to(&mut buf);
        self.raw(digits)
    }
}

/// Whether any of the 8 bytes of `word` must be escaped in a JSON string: a
/// control character (below 0x20), `"` or `\`. Exact (no false positives or
/// negatives) for the question "is there any".
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    control | has_zero(word ^ (ONES * u64::from(b'"'))) | has_zero(word ^ (ONES * u64::from(b'\\')))
        != 0
}

/// The escape of a byte that needs one (serde_json's table and spelling).
fn escape(byte: u8, out: &mut [u8; 6]) -> &[u8] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0A => b'n',
        0x0C => b'f',
        0x0D => b'r',
        _ => {
            *out = [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xF)],
            ];
            return &out[..];
        }
    };
    out[0] = b'\\';
    out[1] = short;
    &out[..2]
}

/// The offset of the first byte of `bytes` that must be escaped: eight bytes
/// at a time, the last few padded with spaces.
fn first_escape(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(word) = bytes[i..].first_chunk::<8>() {
        if needs_escape(u64::from_le_bytes(*word)) {
            break;
        }
        i += 8;
    }
    let rest = &bytes[i..];
    if rest.len() < 8 {
        let mut word = [b' '; 8];
        word[..rest.len()].copy_from_slice(rest);
        if !needs_escape(u64::from_le_bytes(word)) {
            return None;
        }
    }
    let at = rest
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')?;
    Some(i + at)
}

/// Writes `s` as a JSON string, quotes included.
fn write_escaped<W: io::Write + ?Sized>(w: &mut W, s: &str) -> io::Result<()> {
    let mut rest = s.as_bytes();
    w.write_all(b"\"")?;
    while let Some(at) = first_escape(rest) {
        w.write_all(&rest[..at])?;
        w.write_all(escape(rest[at], &mut [0; 6]))?;
        rest = &rest[at + 1..];
    }
    w.write_all(rest)?;
    w.write_all(b"\"")
}

/// Decimal digits of integers without allocating.
mod itoa_like {
    /// An integer type the writer prints.
    pub(super) trait Integer: Copy {
        /// Writes the decimal form at the end of `buf`, returns it.
        fn write_to(self, buf: &mut [u8; 40]) -> &[u8];
    }

    fn digits(negative: bool, mut n: u128, buf: &mut [u8; 40]) -> &[u8] {
        let mut at = buf.len();
        // 64-bit division while the number fits (all the model's numbers)
        if let Ok(mut small) = u64::try_from(n) {
            loop {
                at -= 1;
                buf[at] = b'0' + (small % 10) as u8;
                small /= 10;
                if small == 0 {
                    break;
                }
            }
            return finish(negative, at, buf);
        }
        loop {
            at -= 1;
            buf[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        finish(negative, at, buf)
    }

    fn finish(negative: bool, mut at: usize, buf: &mut [u8; 40]) -> &[u8] {
        if negative {
            at -= 1;
            buf[at] = b'-';
        }
        &buf[at..]
    }

    macro_rules! unsigned {
        ($($t:ty),*) => {$(
            impl Integer for $t {
                fn write_to(self, buf: &mut [u8; 40]) -> &[u8] {
                    digits(false, u128::from(self), buf)
                }
            }
        )*};
    }
    macro_rules! signed {
        ($($t:ty),*) => {$(
            impl Integer for $t {
                fn write_to(self, buf: &mut [u8; 40]) -> &[u8] {
                    digits(self < 0, u128::from(self.unsigned_abs()), buf)
                }
            }
        )*};
    }
    unsigned!(u8, u16, u32, u64, u128);
    signed!(i8, i16, i32, i64, i128);
}

/// A sequence or map being written: whether a comma comes before the next
/// element.
#[derive(Debug)]
#[doc(hidden)]
pub struct Compound<'a, W> {
    ser: &'a mut JsonWriter<W>,
    first: bool,
    /// What closes it: `]`, `}`, or `}}` for a variant.
    close: &'static [u8],
}

impl<W: io::Write> Compound<'_, W> {
    fn comma(&mut self) -> Result<(), serde_json::Error> {
        if self.first {
            self.first = false;
            Ok(())
        } else {
            self.ser.raw(b",")
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), serde_json::Error> {
        self.comma()?;
        value.serialize(&mut *self.ser)
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.comma()?;
        self.ser.string(key)?;
        self.ser.raw(b":")?;
        value.serialize(&mut *self.ser)
    }

    fn close(self) -> Result<(), serde_json::Error> {
        self.ser.raw(self.close)
    }
}

impl<'a, W: io::Write> ser::Serializer for &'a mut JsonWriter<W> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Compound<'a, W>;
    type SerializeTuple = Compound<'a, W>;
    type SerializeTupleStruct = Compound<'a, W>;
    type SerializeTupleVariant = Compound<'a, W>;
    type SerializeMap = Compound<'a, W>;
    type SerializeStruct = Compound<'a, W>;
    type SerializeStructVariant = Compound<'a, W>;

    fn serialize_bool(self, v: bool) -> Result<(), serde_json::Error> {
        self.raw(if v { b"true" } else { b"false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), serde_json::Error> {
        self.integer(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), serde_json::Error> {
        self.integer(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), serde_json::Error> {
        self.integer(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), serde_json::Error> {
        self.integer(v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), serde_json::Error> {
        self.integer(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), serde_json::Error> {
        self.integer(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), serde_json::Error> {
        self.integer(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), serde_json::Error> {
        self.integer(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), serde_json::Error> {
        self.integer(v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), serde_json::Error> {
        self.integer(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), serde_json::Error> {
        // the model has no floats: serde_json's own spelling
        serde_json::to_writer(&mut self.writer, &v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), serde_json::Error> {
        serde_json::to_writer(&mut self.writer, &v)
    }
    fn serialize_char(self, v: char) -> Result<(), serde_json::Error> {
        self.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), serde_json::Error> {
        self.string(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), serde_json::Error> {
        let mut seq = ser::Serializer::serialize_seq(self, Some(v.len()))?;
        for b in v {
            seq.element(b)?;
        }
        seq.close()
    }
    fn serialize_none(self) -> Result<(), serde_json::Error> {
        self.raw(b"null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), serde_json::Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), serde_json::Error> {
        self.raw(b"null")
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), serde_json::Error> {
        self.raw(b"null")
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), serde_json::Error> {
        self.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.raw(b"{")?;
        self.string(variant)?;
        self.raw(b":")?;
        value.serialize(&mut *self)?;
        self.raw(b"}")
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, W>, serde_json::Error> {
        self.raw(b"[")?;
        Ok(Compound {
            ser: self,
            first: true,
            close: b"]",
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, W>, serde_json::Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a, W>, serde_json::Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, W>, serde_json::Error> {
        self.raw(b"{")?;
        self.string(variant)?;
        self.raw(b":[")?;
        Ok(Compound {
            ser: self,
            first: true,
            close: b"]}",
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, W>, serde_json::Error> {
        self.raw(b"{")?;
        Ok(Compound {
            ser: self,
            first: true,
            close: b"}",
        })
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a, W>, serde_json::Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, W>, serde_json::Error> {
        self.raw(b"{")?;
        self.string(variant)?;
        self.raw(b":{")?;
        Ok(Compound {
            ser: self,
            first: true,
            close: b"}}",
        })
    }
}

/// The sequence-like compounds: elements after commas.
macro_rules! elements {
    ($($trait:ident::$method:ident),*) => {$(
        impl<W: io::Write> ser::$trait for Compound<'_, W> {
            type Ok = ();
            type Error = serde_json::Error;
            fn $method<T: Serialize + ?Sized>(
                &mut self,
                value: &T,
            ) -> Result<(), serde_json::Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), serde_json::Error> {
                self.close()
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<W: io::Write> ser::SerializeMap for Compound<'_, W> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), serde_json::Error> {
        self.comma()?;
        key.serialize(KeyWriter(&mut *self.ser))
    }
    fn serialize_value<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.ser.raw(b":")?;
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), serde_json::Error> {
        self.close()
    }
}

/// The struct-like compounds: `"key":value` after commas.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl<W: io::Write> ser::$trait for Compound<'_, W> {
            type Ok = ();
            type Error = serde_json::Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), serde_json::Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), serde_json::Error> {
                self.close()
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

/// A map key: a string, or a number or bool written as a string, as
/// serde_json writes them; anything else is an error, as there.
struct KeyWriter<'a, W>(&'a mut JsonWriter<W>);

fn key_must_be_a_string() -> serde_json::Error {
    ser::Error::custom("key must be a string")
}

macro_rules! quoted_keys {
    ($($method:ident($t:ty)),*) => {$(
        fn $method(self, v: $t) -> Result<(), serde_json::Error> {
            self.0.raw(b"\"")?;
            self.0.integer(v)?;
            self.0.raw(b"\"")
        }
    )*};
}

macro_rules! refused_keys {
    ($($method:ident($($t:ty),*)),*) => {$(
        fn $method(self, $(_: $t),*) -> Result<(), serde_json::Error> {
            Err(key_must_be_a_string())
        }
    )*};
}

impl<W: io::Write> ser::Serializer for KeyWriter<'_, W> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = ser::Impossible<(), serde_json::Error>;
    type SerializeTuple = ser::Impossible<(), serde_json::Error>;
    type SerializeTupleStruct = ser::Impossible<(), serde_json::Error>;
    type SerializeTupleVariant = ser::Impossible<(), serde_json::Error>;
    type SerializeMap = ser::Impossible<(), serde_json::Error>;
    type SerializeStruct = ser::Impossible<(), serde_json::Error>;
    type SerializeStructVariant = ser::Impossible<(), serde_json::Error>;

    quoted_keys!(
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128)
    );
    refused_keys!(
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str)
    );

    fn serialize_bool(self, v: bool) -> Result<(), serde_json::Error> {
        self.0.raw(if v { b"\"true\"" } else { b"\"false\"" })
    }
    fn serialize_char(self, v: char) -> Result<(), serde_json::Error> {
        self.0.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), serde_json::Error> {
        self.0.string(v)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), serde_json::Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), serde_json::Error> {
        self.0.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), serde_json::Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, serde_json::Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, serde_json::Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, serde_json::Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, serde_json::Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, serde_json::Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, serde_json::Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, serde_json::Error> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    fn ours<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
        let mut out = Vec::new();
        value
            .serialize(&mut JsonWriter::new(&mut out))
            .map_err(|e| e.to_string())?;
        Ok(String::from_utf8(out).expect("UTF-8"))
    }

    fn theirs<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
        serde_json::to_string(value).map_err(|e| e.to_string())
    }

    #[derive(Serialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Tagged {
        One { a: u8 },
        Two,
    }

    #[derive(Serialize)]
    enum Plain {
        Unit,
        New(i64),
        Tuple(u8, String),
        Struct { x: Option<u32>, y: Vec<bool> },
    }

    #[test]
    fn shapes_are_serde_jsons() {
        assert_eq!(ours(&Tagged::One { a: 3 }), theirs(&Tagged::One { a: 3 }));
        assert_eq!(ours(&Tagged::Two), theirs(&Tagged::Two));
        for v in [
            Plain::Unit,
            Plain::New(-42),
            Plain::Tuple(7, "é\"\n".into()),
            Plain::Struct {
                x: None,
                y: vec![true, false],
            },
        ] {
            assert_eq!(ours(&v), theirs(&v));
        }
        let mut map = BTreeMap::new();
        map.insert(5u32, "five");
        map.insert(u32::MAX, "max");
        assert_eq!(ours(&map), theirs(&map));
        let mut keys = BTreeMap::new();
        keys.insert(vec![1u8], 1);
        assert!(ours(&keys).is_err() && theirs(&keys).is_err());
        assert_eq!(
            ours(&(i128::MIN, u128::MAX)),
            theirs(&(i128::MIN, u128::MAX))
        );
        assert_eq!(
            ours(&(i64::MIN, 0u8, 'x', ())),
            theirs(&(i64::MIN, 0u8, 'x', ()))
        );
        assert_eq!(ours(&Vec::<u8>::new()), theirs(&Vec::<u8>::new()));
    }

    #[test]
    fn every_byte_escapes_as_in_serde_json() {
        for c in (0u32..0x100).filter_map(char::from_u32) {
            for s in [
                c.to_string(),
                format!("abcdefg{c}xyz"),
                format!("{c}1234567{c}"),
            ] {
                assert_eq!(ours(&s), theirs(&s), "{c:?}");
            }
        }
    }

    #[test]
    fn separators_and_non_ascii_are_written_as_in_serde_json() {
        // serde_json leaves U+2028/2029, DEL and every non-ASCII character
        // as they are; only controls, quotes and backslashes are escaped.
        for s in [
            "\u{2028}\u{2029}",
            "a\u{2028}b\u{2029}c",
            "\u{7f}\u{80}\u{85}\u{a0}\u{feff}\u{fffd}😀",
            "Quyết định số 12/QĐ-UBND \"về việc\" C:\\dir\r\n\t\u{0}\u{1f}",
            "",
        ] {
            assert_eq!(ours(s), theirs(s), "{s:?}");
        }
    }

    #[test]
    fn escapes_at_every_offset_are_found() {
        // the escaper reads 8 bytes at a time: an escape at each offset of
        // strings of every length up to three words, ASCII and multi-byte
        for len in 0..24 {
            for at in 0..len {
                for (filler, special) in [('a', '"'), ('ệ', '\\'), ('x', '\u{1}'), ('Đ', '\n')] {
                    let s: String = (0..len)
                        .map(|i| if i == at { special } else { filler })
                        .collect();
                    assert_eq!(ours(&s), theirs(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn floats_are_serde_jsons() {
        // the model has none, but the writer is public
        for v in [
            0.0f64,
            -0.0,
            1.5,
            -2.25e-300,
            1e300,
            f64::NAN,
            f64::INFINITY,
            f64::MIN_POSITIVE,
        ] {
            assert_eq!(ours(&v), theirs(&v), "{v:?}");
        }
        for v in [0.1f32, -3.5, f32::NAN, f32::NEG_INFINITY, f32::MAX] {
            assert_eq!(ours(&v), theirs(&v), "{v:?}");
        }
    }

    #[test]
    fn a_document_with_its_source_is_serde_jsons() {
        let options = crate::Options::new().with_text(true);
        let mut doc = crate::parse_with("Số: 12/QĐ-UBND\nCăn cứ \"Luật\";\r\n\u{2028}", &options);
        assert!(doc.source.text.is_some());
        doc.source.pages = Some(3);
        doc.source.page_starts = vec![0, 17, usize::MAX];
        assert_eq!(ours(&doc), theirs(&doc));
    }

    proptest! {
        #[test]
        fn strings_escape_as_in_serde_json(s in "(\\PC|[\\x00-\\x1f\"\\\\\u{7f}])*") {
            prop_assert_eq!(ours(&s), theirs(&s));
        }

        #[test]
        fn documents_serialise_as_in_serde_json(s in "(Số: [0-9]{1,3}/QĐ-UBND\n|Căn cứ Luật \"X\";\n|\t|\\PC{0,20}\n){0,12}") {
            let doc = crate::parse_with(&s, &crate::Options::new().with_text(true));
            prop_assert_eq!(ours(&doc), theirs(&doc));
        }
    }
}
