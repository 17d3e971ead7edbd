//! The shape of the JSON written: the `congvan/1` contract as it is (the
//! default), or trimmed for storage:
//!
//! - `--compact` leaves out every field whose value is `null`;
//! - `--spans-only` leaves out the `text` of body paragraphs and list items,
//!   the bulk of the output and a second copy of the document: their `span`
//!   says where it is in the source.
//!
//! Either is applied while the JSON is streamed, by an adapter between the
//! model's `Serialize` and serde_json's serializer ([`Trim`]): no tree of the
//! document is built, so memory stays as it is without them.

use std::fmt;
use std::io;

use clap::Args;
use congvan::Document;
use serde::ser::{self, Impossible, Serialize, Serializer};

/// The output shape options of `parse` and `batch`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Args)]
pub(crate) struct Shape {
    /// Leave out fields whose value is null (smaller output; no longer the
    /// `congvan/1` schema, where such fields are present and null).
    #[arg(long)]
    pub(crate) compact: bool,
    /// Leave out the `text` of body paragraphs and list items (spans only), for
    /// users who keep the source beside the JSON: it is the source at their
    /// `span` (after an item's marker), lines joined and normalised. Other
    /// values keep their text.
    #[arg(long)]
    pub(crate) spans_only: bool,
}

impl Shape {
    /// Whether this is the full `congvan/1` output.
    fn is_full(self) -> bool {
        !self.compact && !self.spans_only
    }

    /// The options as they change the output, for the manifest.
    pub(crate) fn describe(self) -> String {
        format!("compact={}; spans_only={}", self.compact, self.spans_only)
    }
}

/// Writes `doc` as JSON in `shape`, indented with `pretty`. The full shape
/// is serde_json's own output, byte for byte.
pub(crate) fn to_writer<W: io::Write>(
    writer: W,
    doc: &Document,
    shape: Shape,
    pretty: bool,
) -> serde_json::Result<()> {
    match (shape.is_full(), pretty) {
        (true, false) => serde_json::to_writer(writer, doc),
        (true, true) => serde_json::to_writer_pretty(writer, doc),
        (false, false) => doc.serialize(Trim {
            inner: &mut serde_json::Serializer::new(writer),
            shape,
        }),
        (false, true) => doc.serialize(Trim {
            inner: &mut serde_json::Serializer::pretty(writer),
            shape,
        }),
    }
}

/// A value serialised in a shape.
struct Shaped<'a, T: ?Sized> {
    value: &'a T,
    shape: Shape,
}

impl<T: Serialize + ?Sized> Serialize for Shaped<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(Trim {
            inner: serializer,
            shape: self.shape,
        })
    }
}

/// Whether the field `key` of a struct (or struct variant) `name` holding
/// `value` is left out in `shape`.
fn leave_out<T: Serialize + ?Sized>(shape: Shape, name: &str, key: &str, value: &T) -> bool {
    (shape.spans_only && name == "Block" && key == "text") || (shape.compact && is_null(value))
}

/// A serializer that passes everything to `inner` but leaves out the
/// fields the shape drops, at every depth.
struct Trim<S> {
    inner: S,
    shape: Shape,
}

impl<S> Trim<S> {
    fn shaped<'a, T: ?Sized>(&self, value: &'a T) -> Shaped<'a, T> {
        Shaped {
            value,
            shape: self.shape,
        }
    }
}

/// The forwarding of a scalar.
macro_rules! forward {
    ($($method:ident($t:ty)),* $(,)?) => {
        $(fn $method(self, v: $t) -> Result<S::Ok, S::Error> {
            self.inner.$method(v)
        })*
    };
}

impl<S: Serializer> Serializer for Trim<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Trim<S::SerializeSeq>;
    type SerializeTuple = Trim<S::SerializeTuple>;
    type SerializeTupleStruct = Trim<S::SerializeTupleStruct>;
    type SerializeTupleVariant = Trim<S::SerializeTupleVariant>;
    type SerializeMap = Trim<S::SerializeMap>;
    type SerializeStruct = Named<S::SerializeStruct>;
    type SerializeStructVariant = Named<S::SerializeStructVariant>;

    forward!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_unit_struct(&'static str),
    );

    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.inner.serialize_none()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        let value = self.shaped(value);
        self.inner.serialize_some(&value)
    }

    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.inner.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_unit_variant(name, index, variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let value = self.shaped(value);
        self.inner.serialize_newtype_struct(name, &value)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let value = self.shaped(value);
        self.inner
            .serialize_newtype_variant(name, index, variant, &value)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        let inner = self.inner.serialize_seq(len)?;
        Ok(Trim {
            inner,
            shape: self.shape,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        let inner = self.inner.serialize_tuple(len)?;
        Ok(Trim {
            inner,
            shape: self.shape,
        })
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        let inner = self.inner.serialize_tuple_struct(name, len)?;
        Ok(Trim {
            inner,
            shape: self.shape,
        })
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        let inner = self
            .inner
            .serialize_tuple_variant(name, index, variant, len)?;
        Ok(Trim {
            inner,
            shape: self.shape,
        })
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        let inner = self.inner.serialize_map(len)?;
        Ok(Trim {
            inner,
            shape: self.shape,
        })
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        let inner = self.inner.serialize_struct(name, len)?;
        Ok(Named {
            inner,
            shape: self.shape,
            name,
        })
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        let inner = self
            .inner
            .serialize_struct_variant(name, index, variant, len)?;
        Ok(Named {
            inner,
            shape: self.shape,
            name,
        })
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// The elements of a sequence or tuple, each in the shape.
macro_rules! elements {
    ($($trait:ident :: $method:ident),* $(,)?) => {
        $(impl<S: ser::$trait> ser::$trait for Trim<S> {
            type Ok = S::Ok;
            type Error = S::Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
                let value = self.shaped(value);
                self.inner.$method(&value)
            }

            fn end(self) -> Result<S::Ok, S::Error> {
                self.inner.end()
            }
        })*
    };
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

impl<S: ser::SerializeMap> ser::SerializeMap for Trim<S> {
    type Ok = S::Ok;
    type Error = S::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), S::Error> {
        self.inner.serialize_key(key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
        let value = self.shaped(value);
        self.inner.serialize_value(&value)
    }

    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), S::Error> {
        if self.shape.compact && is_null(value) {
            return Ok(());
        }
        let value = self.shaped(value);
        self.inner.serialize_entry(key, &value)
    }

    fn end(self) -> Result<S::Ok, S::Error> {
        self.inner.end()
    }
}

/// The fields of a struct (or struct variant) of type `name`, those the
/// shape drops left out.
struct Named<S> {
    inner: S,
    shape: Shape,
    name: &'static str,
}

/// The fields of a struct or struct variant.
macro_rules! fields {
    ($($trait:ident),* $(,)?) => {
        $(impl<S: ser::$trait> ser::$trait for Named<S> {
            type Ok = S::Ok;
            type Error = S::Error;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), S::Error> {
                if leave_out(self.shape, self.name, key, value) {
                    return self.inner.skip_field(key);
                }
                let value = Shaped {
                    value,
                    shape: self.shape,
                };
                self.inner.serialize_field(key, &value)
            }

            fn end(self) -> Result<S::Ok, S::Error> {
                self.inner.end()
            }
        })*
    };
}

fields!(SerializeStruct, SerializeStructVariant);

/// Whether `value` is written as `null` (`None`, `()`, a unit struct).
fn is_null<T: Serialize + ?Sized>(value: &T) -> bool {
    matches!(value.serialize(NullProbe), Ok(true))
}

/// A serializer that only tells whether a value is null: it stops at the
/// first call (anything compound stops with [`NotNull`]).
struct NullProbe;

/// The probe's way to stop at a value that is not null.
#[derive(Debug)]
struct NotNull;

impl fmt::Display for NotNull {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not null")
    }
}

impl std::error::Error for NotNull {}

impl ser::Error for NotNull {
    fn custom<M: fmt::Display>(_: M) -> Self {
        NotNull
    }
}

/// A scalar that is not null.
macro_rules! not_null {
    ($($method:ident($t:ty)),* $(,)?) => {
        $(fn $method(self, _: $t) -> Result<bool, NotNull> {
            Ok(false)
        })*
    };
}

impl Serializer for NullProbe {
    type Ok = bool;
    type Error = NotNull;
    type SerializeSeq = Impossible<bool, NotNull>;
    type SerializeTuple = Impossible<bool, NotNull>;
    type SerializeTupleStruct = Impossible<bool, NotNull>;
    type SerializeTupleVariant = Impossible<bool, NotNull>;
    type SerializeMap = Impossible<bool, NotNull>;
    type SerializeStruct = Impossible<bool, NotNull>;
    type SerializeStructVariant = Impossible<bool, NotNull>;

    not_null!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
    );

    fn serialize_none(self) -> Result<bool, NotNull> {
        Ok(true)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<bool, NotNull> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<bool, NotNull> {
        Ok(true)
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<bool, NotNull> {
        Ok(true)
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<bool, NotNull> {
        Ok(false)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<bool, NotNull> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<bool, NotNull> {
        Ok(false)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotNull> {
        Err(NotNull)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotNull> {
        Err(NotNull)
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotNull> {
        Err(NotNull)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotNull> {
        Err(NotNull)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotNull> {
        Err(NotNull)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotNull> {
        Err(NotNull)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotNull> {
        Err(NotNull)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(doc: &Document, shape: Shape) -> serde_json::Value {
        let mut out = Vec::new();
        to_writer(&mut out, doc, shape, false).expect("serialises");
        serde_json::from_slice(&out).expect("valid JSON")
    }

    #[test]
    fn the_full_shape_is_serde_json_itself() {
        let doc = congvan::parse("Số: 12/UBND\n\nĐiều 1. Thử.\n");
        for pretty in [false, true] {
            let mut out = Vec::new();
            to_writer(&mut out, &doc, Shape::default(), pretty).expect("serialises");
            let expected = if pretty {
                congvan::to_json_pretty(&doc)
            } else {
                congvan::to_json(&doc)
            };
            assert_eq!(String::from_utf8(out).expect("UTF-8"), expected);
        }
    }

    #[test]
    fn null_probe() {
        assert!(is_null(&None::<u8>));
        assert!(is_null(&()));
        assert!(is_null(&Some(None::<u8>)));
        assert!(!is_null(&Some(0u8)));
        assert!(!is_null(""));
        assert!(!is_null(&Vec::<u8>::new()));
        assert!(!is_null(&congvan::Span::new(0, 0)));
    }

    #[test]
    fn compact_drops_nulls_and_spans_only_drops_block_text() {
        let doc = congvan::parse("V/v thử\n\nMở đầu.\n\n- Việc a.\n");
        let full = shaped(&doc, Shape::default());
        assert!(full["number"].is_null() && full["subject"]["text"].is_string());
        let compact = shaped(
            &doc,
            Shape {
                compact: true,
                spans_only: false,
            },
        );
        assert!(compact.get("number").is_none());
        assert_eq!(compact["subject"], full["subject"]);
        let spans = shaped(
            &doc,
            Shape {
                compact: false,
                spans_only: true,
            },
        );
        assert!(spans["number"].is_null());
        assert_eq!(spans["subject"], full["subject"]);
        let preamble = spans["body"]["preamble"].as_array().expect("blocks");
        assert!(!preamble.is_empty());
        for block in preamble {
            assert!(block.get("text").is_none() && block.get("span").is_some());
        }
    }
}
