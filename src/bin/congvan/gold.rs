//! Scoring a parsed document against a hand-checked `.gold.json` answer
//! (`../shared/corpus-ocr/README.md`): `"?"` is not scored, `null` means absent.

use congvan::Document;
use serde_json::Value;

use crate::compare::{fold, norm_id};

/// The fields scored, in report order. The date is scored part by part.
pub(crate) const FIELDS: &[&str] = &[
    "doc_type",
    "number",
    "year",
    "symbol",
    "issuer",
    "issuer_parent",
    "place",
    "date.year",
    "date.month",
    "date.day",
    "subject",
    "recipients",
    "signers",
    "citations",
    "distribution",
    "archive",
    "stamps",
];

/// The outcome for one field of one document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Score {
    /// The field (one of [`FIELDS`]).
    pub(crate) field: &'static str,
    /// Whether the parsed value agrees.
    pub(crate) correct: bool,
    /// The gold value, as JSON.
    pub(crate) gold: Value,
    /// The parsed value, as JSON.
    pub(crate) parsed: Value,
}

/// Whether a gold value is `"?"`: present but unreadable, not scored.
fn unknown(v: &Value) -> bool {
    v.as_str() == Some("?")
}

/// Whether a gold value means "absent".
fn absent(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => fold(s).is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Compares a gold scalar with a parsed text value.
fn text_matches(gold: &Value, parsed: Option<&str>) -> bool {
    if unknown(gold) {
        return true;
    }
    let parsed = parsed.map(fold).filter(|s| !s.is_empty());
    if absent(gold) {
        return parsed.is_none();
    }
    let g = match gold {
        Value::String(s) => fold(s),
        other => fold(&other.to_string()),
    };
    parsed.as_deref() == Some(g.as_str())
}

/// Compares a gold number with a parsed one.
fn int_matches(gold: &Value, parsed: Option<i64>) -> bool {
    if unknown(gold) {
        return true;
    }
    match gold {
        Value::Null => parsed.is_none(),
        Value::Number(n) => n.as_i64() == parsed,
        Value::String(s) => s.trim().parse::<i64>().ok() == parsed,
        _ => false,
    }
}

/// Compares a gold list of strings with parsed strings, in order.
fn list_matches(gold: &Value, parsed: &[String]) -> bool {
    match gold {
        Value::Null => parsed.is_empty(),
        Value::Array(items) => {
            items.len() == parsed.len()
                && items
                    .iter()
                    .zip(parsed)
                    .all(|(g, p)| text_matches(g, Some(p)))
        }
        _ => false,
    }
}

/// The parsed value of a field as JSON, for messages.
fn strings(list: &[String]) -> Value {
    Value::from(list.to_vec())
}

/// Scores every field of `doc` against `gold`; fields whose gold value is
/// `"?"` (or missing from the gold file) are left out.
pub(crate) fn score(doc: &Document, gold: &Value) -> Vec<Score> {
    let mut out = Vec::new();
    let mut push = |field: &'static str, g: &Value, correct: bool, parsed: Value| {
        out.push(Score {
            field,
            correct,
            gold: g.clone(),
            parsed,
        });
    };
    let get = |k: &str| gold.get(k);
    let opt = |s: Option<&str>| s.map_or(Value::Null, Value::from);

    if let Some(g) = get("doc_type").filter(|g| !unknown(g)) {
        let p = doc.doc_type.as_ref().map(|t| t.code.as_str());
        push("doc_type", g, text_matches(g, p), opt(p));
    }
    let number = doc.number.as_ref();
    if let Some(g) = get("number").filter(|g| !unknown(g)) {
        let p = number.and_then(|n| n.number.as_deref());
        push("number", g, text_matches(g, p), opt(p));
    }
    if let Some(g) = get("year").filter(|g| !unknown(g)) {
        let p = number.and_then(|n| n.year).map(i64::from);
        push(
            "year",
            g,
            int_matches(g, p),
            p.map_or(Value::Null, Value::from),
        );
    }
    if let Some(g) = get("symbol").filter(|g| !unknown(g)) {
        let p = number.and_then(|n| n.symbol.as_deref());
        let gn = g.as_str().map(norm_id).map_or(Value::Null, Value::from);
        let ok = text_matches(&gn, p.map(norm_id).as_deref());
        push("symbol", g, ok, opt(p));
    }
    let issuer = doc.issuer.as_ref();
    if let Some(g) = get("issuer").filter(|g| !unknown(g)) {
        let p = issuer.map(|i| i.name.as_str());
        push("issuer", g, text_matches(g, p), opt(p));
    }
    if let Some(g) = get("issuer_parent").filter(|g| !unknown(g)) {
        let p = issuer.and_then(|i| i.parent.as_deref());
        push("issuer_parent", g, text_matches(g, p), opt(p));
    }
    if let Some(g) = get("place").filter(|g| !unknown(g)) {
        let p = doc.place.as_ref().map(|p| p.name.as_str());
        push("place", g, text_matches(g, p), opt(p));
    }
    if let Some(g) = get("date").filter(|g| !unknown(g)) {
        let date = doc.date.as_ref();
        let parts: [(&'static str, &str, Option<i64>); 3] = [
            (
                "date.year",
                "year",
                date.and_then(|d| d.year).map(i64::from),
            ),
            (
                "date.month",
                "month",
                date.and_then(|d| d.month).map(i64::from),
            ),
            ("date.day", "day", date.and_then(|d| d.day).map(i64::from)),
        ];
        for (field, key, p) in parts {
            let gp = g.get(key).cloned().unwrap_or(Value::Null);
            if unknown(&gp) {
                continue;
            }
            push(
                field,
                &gp,
                int_matches(&gp, p),
                p.map_or(Value::Null, Value::from),
            );
        }
    }
    if let Some(g) = get("subject").filter(|g| !unknown(g)) {
        let p = doc.subject.as_ref().map(|s| s.text.as_str());
        push("subject", g, text_matches(g, p), opt(p));
    }
    if let Some(g) = get("recipients").filter(|g| !unknown(g)) {
        let p: Vec<String> = doc.recipients.iter().map(|r| r.name.clone()).collect();
        push("recipients", g, list_matches(g, &p), strings(&p));
    }
    if let Some(g) = get("signers").filter(|g| !unknown(g)) {
        let (ok, p) = signers(doc, g);
        push("signers", g, ok, p);
    }
    if let Some(g) = get("citations").filter(|g| !unknown(g)) {
        let mut p: Vec<String> = doc
            .citations
            .iter()
            .filter_map(|c| c.id.as_deref().map(norm_id))
            .collect();
        p.sort();
        p.dedup();
        let mut gs: Vec<String> = g
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).map(norm_id).collect())
            .unwrap_or_default();
        gs.sort();
        gs.dedup();
        push("citations", g, gs == p, strings(&p));
    }
    let distribution = doc.distribution.as_ref();
    if let Some(g) = get("distribution").filter(|g| !unknown(g)) {
        let p: Vec<String> = distribution
            .map(|d| d.items.iter().map(|i| i.text.clone()).collect())
            .unwrap_or_default();
        push("distribution", g, list_matches(g, &p), strings(&p));
    }
    if let Some(g) = get("archive").filter(|g| !unknown(g)) {
        let p: Vec<String> = distribution
            .and_then(|d| d.archive.as_ref())
            .map(|a| a.units.clone())
            .unwrap_or_default();
        push("archive", g, list_matches(g, &p), strings(&p));
    }
    if let Some(g) = get("stamps").filter(|g| !unknown(g)) {
        let (ok, p) = stamps(doc, g);
        push("stamps", g, ok, p);
    }
    out
}

/// Signature blocks: same count, and per block the authority chain, title and
/// name agree (`"?"` parts are not compared).
fn signers(doc: &Document, gold: &Value) -> (bool, Value) {
    let parsed: Vec<Value> = doc
        .signatures
        .iter()
        .map(|s| {
            serde_json::json!({
                "authority": s.authority.iter().map(|a| [a.prefix.clone(), a.position.clone()]).collect::<Vec<_>>(),
                "title": s.title,
                "name": s.name,
            })
        })
        .collect();
    let empty = Vec::new();
    let items = gold.as_array().unwrap_or(&empty);
    let ok = items.len() == doc.signatures.len()
        && items.iter().zip(&doc.signatures).all(|(g, s)| {
            let auth = g.get("authority").cloned().unwrap_or(Value::Null);
            let auth_ok = unknown(&auth)
                || match auth.as_array() {
                    None => s.authority.is_empty(),
                    Some(chain) => {
                        chain.len() == s.authority.len()
                            && chain.iter().zip(&s.authority).all(|(ga, pa)| {
                                let part = |i: usize| ga.get(i).cloned().unwrap_or(Value::Null);
                                text_matches(&part(0), Some(&pa.prefix))
                                    && text_matches(&part(1), Some(&pa.position))
                            })
                    }
                };
            let field = |k: &str| g.get(k).cloned().unwrap_or(Value::Null);
            auth_ok
                && text_matches(&field("title"), s.title.as_deref())
                && text_matches(&field("name"), s.name.as_deref())
        });
    (ok, Value::from(parsed))
}

/// Stamps: same count, and per stamp the signer and the date part of the
/// time (`YYYY-MM-DD`) agree.
fn stamps(doc: &Document, gold: &Value) -> (bool, Value) {
    let date_of = |t: &str| t.get(..10).unwrap_or(t).to_owned();
    let parsed: Vec<Value> = doc
        .stamps
        .iter()
        .map(|s| serde_json::json!({"signer": s.signer, "time": s.time}))
        .collect();
    let empty = Vec::new();
    let items = gold.as_array().unwrap_or(&empty);
    let ok = items.len() == doc.stamps.len()
        && items.iter().zip(&doc.stamps).all(|(g, s)| {
            let signer = g.get("signer").cloned().unwrap_or(Value::Null);
            let time = g.get("time").cloned().unwrap_or(Value::Null);
            let time_ok = unknown(&time)
                || match time.as_str() {
                    None => s.time.is_none(),
                    Some(t) => s.time.as_deref().map(date_of) == Some(date_of(t)),
                };
            text_matches(&signer, s.signer.as_deref()) && time_ok
        });
    (ok, Value::from(parsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty_doc() -> Document {
        congvan::parse("")
    }

    #[test]
    fn unknown_is_not_scored_and_null_means_absent() {
        let gold = serde_json::json!({
            "number": "?", "year": null, "place": "Bắc Ninh",
            "date": {"year": 2018, "month": null, "day": "?"},
            "recipients": [], "stamps": [{"signer": "X", "time": null}]
        });
        let scores = score(&empty_doc(), &gold);
        let by = |f: &str| scores.iter().find(|s| s.field == f).map(|s| s.correct);
        assert_eq!(by("number"), None);
        assert_eq!(by("year"), Some(true));
        assert_eq!(by("place"), Some(false));
        assert_eq!(by("date.year"), Some(false));
        assert_eq!(by("date.month"), Some(true));
        assert_eq!(by("date.day"), None);
        assert_eq!(by("recipients"), Some(true));
        assert_eq!(by("stamps"), Some(false));
    }

    #[test]
    fn text_comparison_folds() {
        assert!(text_matches(&Value::from("Hoà Bình;"), Some("hòa bình")));
        assert!(!text_matches(&Value::from("Hà Nội"), None));
        assert!(text_matches(&Value::Null, Some(" ")));
        assert!(list_matches(
            &serde_json::json!(["Như trên", "?"]),
            &["- Như trên;".to_owned(), "anything".to_owned()]
        ));
    }
}
