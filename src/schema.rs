//! The JSON Schema of the output (feature `schema`, on with `cli`).
//!
//! The schema is generated from the Rust types of [`crate::model`] with
//! [`schemars`], for the *serialised* form (what [`crate::to_json`] writes),
//! as JSON Schema draft 2020-12. Every property is listed in `required`,
//! because the serialiser always writes every key (absent values are
//! `null`, empty lists `[]`). Objects do not forbid extra keys, so a later
//! minor version can add keys without breaking validators of `congvan/1`.
//!
//! The committed copy is `schema/congvan-1.schema.json` in the repository;
//! `congvan schema` prints the same text.
//!
//! ```
//! let schema: serde_json::Value = congvan::schema::json_schema();
//! assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert_eq!(schema["properties"]["schema"]["const"], "congvan/1");
//! // A span is `[start, end]`.
//! assert_eq!(schema["$defs"]["Span"]["minItems"], 2);
//! assert_eq!(congvan::schema::json_schema_string(), format!("{:#}\n", schema));
//! ```

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::transform::{transform_subschemas, Transform};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use crate::model::Document;
use crate::span::Span;

/// File name of the committed schema, relative to the repository root.
pub const SCHEMA_PATH: &str = "schema/congvan-1.schema.json";

/// The JSON Schema (draft 2020-12) of a serialised [`Document`].
pub fn json_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .with_transform(RequireAll)
        .into_generator();
    let mut schema = generator.into_root_schema_for::<Document>();
    schema.insert("title".to_owned(), "congvan/1 document".into());
    sorted(schema.to_value())
}

/// The value with the keys of every object in sorted order, so the text is
/// the same whether or not serde_json keeps insertion order.
fn sorted(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(String, serde_json::Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        serde_json::Value::Array(items) => items.into_iter().map(sorted).collect(),
        other => other,
    }
}

/// [`json_schema()`] as indented JSON with a final newline: the exact text of
/// the committed `schema/congvan-1.schema.json` and of `congvan schema`.
pub fn json_schema_string() -> String {
    format!("{:#}\n", json_schema())
}

/// Lists every property of every object schema in `required`: the
/// serialiser writes all keys, `null` included.
#[derive(Debug, Clone, Copy)]
struct RequireAll;

impl Transform for RequireAll {
    fn transform(&mut self, schema: &mut Schema) {
        transform_subschemas(self, schema);
        let Some(obj) = schema.as_object_mut() else {
            return;
        };
        let Some(props) = obj.get("properties").and_then(|p| p.as_object()) else {
            return;
        };
        let names: Vec<serde_json::Value> = props.keys().cloned().map(Into::into).collect();
        obj.insert("required".to_owned(), names.into());
    }
}

/// A span is serialised as `[start, end]`.
impl JsonSchema for Span {
    fn schema_name() -> Cow<'static, str> {
        "Span".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "congvan::Span".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A half-open byte range [start, end) into the exact input, on char \
                            boundaries: input[start..end] is the source text of the value.",
            "type": "array",
            "items": { "type": "integer", "minimum": 0 },
            "minItems": 2,
            "maxItems": 2
        })
    }
}
