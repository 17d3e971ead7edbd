//! The JSON Schema contract: the committed `schema/congvan-1.schema.json` is
//! exactly what the types generate, it is a valid draft 2020-12 schema, every
//! fixture's output validates against it, and broken documents do not.
//!
//! Regenerate the committed file with `UPDATE_EXPECT=1 cargo test --test integration schema`
//! (or `cargo run -- schema > schema/congvan-1.schema.json`) and review the diff.
#![cfg(feature = "schema")]

use std::fs;
use std::path::PathBuf;

use crate::common::{fixture_inputs, fixture_name, parse_fixture, MIN_FIXTURES};
use serde_json::{json, Value};

/// The committed schema file.
fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(congvan::schema::SCHEMA_PATH)
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&congvan::schema::json_schema())
        .unwrap_or_else(|e| panic!("the generated schema does not compile: {e}"))
}

/// The validation errors of `instance`, one line each.
fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn committed_schema_matches_generated() {
    let generated = congvan::schema::json_schema_string();
    let path = committed_path();
    if std::env::var_os("UPDATE_EXPECT").is_some_and(|v| !v.is_empty() && v != "0") {
        fs::create_dir_all(path.parent().expect("schema/ folder")).expect("create schema/");
        fs::write(&path, &generated)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is out of date with the Rust types (or missing).\n\
         Regenerate it with `UPDATE_EXPECT=1 cargo test --test integration schema` \
         (or `cargo run -- schema > {}`), review the diff, and commit it.\n\
         A change that removes or renames a key, or narrows a type, breaks `congvan/1`.",
        congvan::schema::SCHEMA_PATH,
        congvan::schema::SCHEMA_PATH,
    );
}

#[test]
fn schema_is_a_valid_draft_2020_12_schema() {
    let schema = congvan::schema::json_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("the schema is not a valid JSON Schema: {e}");
    }
    // The parts of the contract that are not plain derives.
    assert_eq!(
        schema["$defs"]["Span"],
        json!({
            "description": schema["$defs"]["Span"]["description"],
            "type": "array",
            "items": {"type": "integer", "minimum": 0},
            "minItems": 2,
            "maxItems": 2
        })
    );
    assert_eq!(schema["properties"]["schema"]["const"], "congvan/1");
    let block = schema["$defs"]["Block"]["oneOf"]
        .as_array()
        .expect("Block is a oneOf");
    let kinds: Vec<&Value> = block
        .iter()
        .map(|v| &v["properties"]["kind"]["const"])
        .collect();
    assert_eq!(kinds, [&json!("paragraph"), &json!("item")]);
}

#[test]
fn every_fixture_output_validates() {
    let v = validator();
    let inputs = fixture_inputs();
    assert!(inputs.len() >= MIN_FIXTURES, "too few fixtures");
    let mut failures = Vec::new();
    for input in &inputs {
        let (_, doc) = parse_fixture(input);
        let value: Value = serde_json::from_str(&congvan::to_json(&doc)).expect("JSON output");
        let errs = errors(&v, &value);
        if !errs.is_empty() {
            failures.push(format!("{}:\n  {}", fixture_name(input), errs.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "outputs that do not validate:\n{}",
        failures.join("\n")
    );
}

#[test]
fn odd_inputs_validate_too() {
    let v = validator();
    for input in [
        "",
        "\n\n",
        "Số: /UBND\r\n\u{a0}ngày  tháng  năm",
        "| a | b |\n|---|---|\n| x | y |",
    ] {
        let value: Value =
            serde_json::from_str(&congvan::to_json(&congvan::parse(input))).expect("JSON output");
        let errs = errors(&v, &value);
        assert!(errs.is_empty(), "{input:?}: {errs:?}");
    }
}

/// A valid document to break in the negative tests.
fn sample() -> Value {
    let path = fixture_inputs()
        .into_iter()
        .find(|p| fixture_name(p) == "blank-number-day.txt")
        .expect("fixture blank-number-day.txt");
    let (_, doc) = parse_fixture(&path);
    serde_json::from_str(&congvan::to_json(&doc)).expect("JSON output")
}

#[test]
fn broken_documents_fail_validation() {
    let v = validator();
    let good = sample();
    assert!(errors(&v, &good).is_empty());

    let mut cases: Vec<(&str, Value)> = Vec::new();

    let mut doc = good.clone();
    doc.as_object_mut().unwrap().remove("schema");
    cases.push(("missing `schema`", doc));

    let mut doc = good.clone();
    doc["schema"] = json!("congvan/2");
    cases.push(("wrong `schema`", doc));

    let mut doc = good.clone();
    doc["number"]["span"] = json!([2, 16, 20]);
    cases.push(("span with 3 items", doc));

    let mut doc = good.clone();
    doc["number"]["span"] = json!([-1, 16]);
    cases.push(("negative span offset", doc));

    let mut doc = good.clone();
    doc["number"]["span"] = json!({"start": 2, "end": 16});
    cases.push(("span as an object", doc));

    let mut doc = good.clone();
    doc["family"] = json!("church");
    cases.push(("unknown family", doc));

    let mut doc = good.clone();
    doc["diagnostics"][0]["severity"] = json!("fatal");
    cases.push(("unknown severity", doc));

    let mut doc = good.clone();
    doc["body"]["preamble"] = json!([{"kind": "table", "text": "x", "span": [0, 1]}]);
    cases.push(("unknown block kind", doc));

    let mut doc = good.clone();
    doc.as_object_mut().unwrap().remove("date");
    cases.push(("missing nullable key `date`", doc));

    for (what, doc) in cases {
        assert!(
            !errors(&v, &doc).is_empty(),
            "a document with {what} passed validation"
        );
    }
}
