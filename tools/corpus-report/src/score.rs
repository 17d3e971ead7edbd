//! Scoring against hand-checked `.gold.json` answers with exactly the rules of
//! the reference scorer, `shared/eval/score.py` (the contract; see
//! `shared/eval/GOLD.md` and `shared/corpus-ocr/README.md`):
//!
//! - text is compared after [`norm`]: NFC, case folding, old/new tone
//!   placement (`hoà` = `hòa`), white space collapsed, ` ;,.:-–+•` trimmed;
//! - a leading `V/v` or `Về việc` in a subject is optional on both sides;
//! - number and symbol are compared upper-cased without white space
//!   ([`norm_id`]), the year as an integer;
//! - recipients, distribution and archive score a list F1 with multiset
//!   matching, averaged over documents;
//! - signers score chain, title and name per gold signer, by index;
//! - citations score set precision and recall over all documents;
//! - `"?"` in a gold file is not scored (a list holding `"?"` is not scored);
//! - the mean is taken over the rounded field rates (and the citation
//!   precision and recall), times the share of documents that parsed.
//!
//! The scorer reads the JSON of the parse, as `congvan parse` prints it, so a
//! field is scored the same whether it comes from this crate or from the
//! binary's output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// The fields scored as agree/compared, in the scorer's order: the scalars,
/// the date and the three signer parts.
pub const FIELDS: [&str; 12] = [
    "doc_type",
    "number",
    "year",
    "symbol",
    "issuer",
    "issuer_parent",
    "place",
    "subject",
    "date",
    "signer_chain",
    "signer_title",
    "signer_name",
];

/// The scalar fields (the first eight of [`FIELDS`]), in the scorer's order.
pub const SCALARS: &[&str] = FIELDS.split_at(8).0;

/// The list fields, scored by F1.
pub const LISTS: [&str; 3] = ["recipients", "distribution", "archive"];

/// Old-style tone placement and its new-style form, replaced in this order.
const OLD_TONES: [(&str, &str); 15] = [
    ("oà", "òa"),
    ("oá", "óa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("oè", "òe"),
    ("oé", "óe"),
    ("oẻ", "ỏe"),
    ("oẽ", "õe"),
    ("oẹ", "ọe"),
    ("uỳ", "ùy"),
    ("uý", "úy"),
    ("uỷ", "ủy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
];

/// Characters trimmed from both ends of a normalised value.
const TRIM: [char; 9] = [' ', ';', ',', '.', ':', '-', '–', '+', '•'];

/// White space as Python's `str.isspace` (and `\s`) sees it: Unicode white
/// space plus the information separators U+001C–U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.casefold` for one character: the lower case, except where
/// full case folding differs from it.
fn casefold(c: char, out: &mut String) {
    match c {
        'ß' | 'ẞ' => out.push_str("ss"),
        'ς' => out.push('σ'),
        'ſ' => out.push('s'),
        'ﬀ' => out.push_str("ff"),
        'ﬁ' => out.push_str("fi"),
        'ﬂ' => out.push_str("fl"),
        'ﬃ' => out.push_str("ffi"),
        'ﬄ' => out.push_str("ffl"),
        'ﬅ' | 'ﬆ' => out.push_str("st"),
        _ => out.extend(c.to_lowercase()),
    }
}

/// A value as the scorer compares it (`norm` in score.py).
pub fn norm(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    for c in s.nfc() {
        casefold(c, &mut folded);
    }
    for (old, new) in OLD_TONES {
        if folded.contains(old) {
            folded = folded.replace(old, new);
        }
    }
    let collapsed = folded
        .split(is_py_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    collapsed.trim_matches(&TRIM[..]).to_owned()
}

/// An identifier as the scorer compares it (`norm_id` in score.py): NFC,
/// upper case, without white space.
pub fn norm_id(s: &str) -> String {
    s.nfc()
        .flat_map(char::to_uppercase)
        .filter(|c| !is_py_space(*c))
        .collect()
}

/// Python's `str(value)` for a JSON scalar; `None` for `null`.
fn py_str(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(true) => Some("True".to_owned()),
        Value::Bool(false) => Some("False".to_owned()),
        other => Some(other.to_string()),
    }
}

/// [`norm`] of a JSON value, `None` for `null`.
fn norm_value(v: &Value) -> Option<String> {
    py_str(v).map(|s| norm(&s))
}

/// [`norm_id`] of a JSON value, `None` for `null`.
fn norm_id_value(v: &Value) -> Option<String> {
    py_str(v).map(|s| norm_id(&s))
}

/// Whether a gold value is `"?"`: present but unreadable, not scored.
fn unknown(v: &Value) -> bool {
    v.as_str() == Some("?")
}

/// Python truthiness of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// `d.get(key)` for an object, `null` otherwise.
fn get<'a>(v: &'a Value, key: &str) -> &'a Value {
    static NULL: Value = Value::Null;
    v.get(key).unwrap_or(&NULL)
}

/// `value or []`: the items of a truthy array, none otherwise.
fn items(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

/// A subject without its optional leading `V/v` or `Về việc`.
fn subject_key(v: &Value) -> Option<String> {
    let s = norm_value(v)?;
    for prefix in ["về việc", "v/v"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            let rest = rest.trim_start_matches(is_py_space);
            let rest = rest.strip_prefix(':').unwrap_or(rest);
            return Some(rest.trim_start_matches(is_py_space).to_owned());
        }
    }
    Some(s)
}

/// Python's `int(value)` for a year.
fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f.trunc() as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Python's `==` between two JSON scalars (`2020 == 2020.0`).
fn py_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// Whether a parsed scalar agrees with its gold value (`eq_scalar`).
fn eq_scalar(field: &str, gold: &Value, parsed: &Value) -> bool {
    match field {
        "symbol" => norm_id_value(gold) == norm_id_value(parsed),
        "year" => match (gold.is_null(), parsed.is_null()) {
            (true, true) => true,
            (false, false) => as_int(gold).is_some() && as_int(gold) == as_int(parsed),
            _ => false,
        },
        "number" => {
            let id = |v: &Value| norm_id_value(v).filter(|s| !s.is_empty());
            id(gold) == id(parsed)
        }
        "subject" => subject_key(gold) == subject_key(parsed),
        _ => norm_value(gold) == norm_value(parsed),
    }
}

/// Whether a parsed date agrees with the gold date (`eq_date`).
fn eq_date(gold: &Value, parsed: Option<&Value>) -> bool {
    const PARTS: [&str; 3] = ["year", "month", "day"];
    if gold.is_null() {
        return parsed.is_none_or(|p| PARTS.iter().all(|k| get(p, k).is_null()));
    }
    let Some(p) = parsed else {
        return false;
    };
    PARTS
        .iter()
        .all(|k| unknown(get(gold, k)) || py_eq(get(gold, k), get(p, k)))
}

/// The F1 of two lists with multiset matching (`list_f1`).
pub fn list_f1(gold: &[Value], parsed: &[Value]) -> f64 {
    let mut g: Vec<Option<String>> = gold
        .iter()
        .filter(|x| !x.is_null() && !unknown(x))
        .map(norm_value)
        .collect();
    let p: Vec<Option<String>> = parsed
        .iter()
        .filter(|x| !x.is_null())
        .map(norm_value)
        .collect();
    match (g.is_empty(), p.is_empty()) {
        (true, true) => return 1.0,
        (true, false) | (false, true) => return 0.0,
        (false, false) => {}
    }
    let gold_len = g.len();
    let mut hit = 0usize;
    for x in &p {
        if let Some(i) = g.iter().position(|y| y == x) {
            g.remove(i);
            hit += 1;
        }
    }
    if hit == 0 {
        return 0.0;
    }
    let prec = hit as f64 / p.len() as f64;
    let rec = hit as f64 / gold_len as f64;
    2.0 * prec * rec / (prec + rec)
}

/// One parsed signature block as the scorer reads it.
struct Signer {
    /// `(prefix, position)` per authority step.
    authority: Vec<(Value, Value)>,
    /// The title.
    title: Value,
    /// The name.
    name: Value,
}

/// The parse mapped onto the gold fields (`predict` in score.py).
struct Predicted {
    /// The scalar fields, in [`SCALARS`] order.
    scalars: [Value; 8],
    /// The date object, when the parse has one.
    date: Option<Value>,
    /// Recipients, distribution items, archive units.
    lists: [Vec<Value>; 3],
    /// The signature blocks.
    signers: Vec<Signer>,
    /// Citation identifiers.
    citations: Vec<Value>,
}

/// Maps a document's JSON onto the gold fields.
fn predict(j: &Value) -> Predicted {
    let number = get(j, "number");
    let issuer = get(j, "issuer");
    let scalars = [
        get(get(j, "doc_type"), "code").clone(),
        get(number, "number").clone(),
        get(number, "year").clone(),
        get(number, "symbol").clone(),
        get(issuer, "name").clone(),
        get(issuer, "parent").clone(),
        get(get(j, "place"), "name").clone(),
        get(get(j, "subject"), "text").clone(),
    ];
    let date = truthy(get(j, "date")).then(|| {
        let d = get(j, "date");
        serde_json::json!({"year": get(d, "year"), "month": get(d, "month"), "day": get(d, "day")})
    });
    let dist = get(j, "distribution");
    let lists = [
        items(get(j, "recipients"))
            .iter()
            .map(|r| get(r, "name").clone())
            .collect(),
        items(get(dist, "items"))
            .iter()
            .map(|i| get(i, "text").clone())
            .collect(),
        items(get(get(dist, "archive"), "units")).to_vec(),
    ];
    let signers = items(get(j, "signatures"))
        .iter()
        .map(|s| Signer {
            authority: items(get(s, "authority"))
                .iter()
                .map(|a| (get(a, "prefix").clone(), get(a, "position").clone()))
                .collect(),
            title: get(s, "title").clone(),
            name: get(s, "name").clone(),
        })
        .collect();
    let citations = items(get(j, "citations"))
        .iter()
        .map(|c| get(c, "id"))
        .filter(|id| truthy(id))
        .cloned()
        .collect();
    Predicted {
        scalars,
        date,
        lists,
        signers,
        citations,
    }
}

/// One comparison of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The field: one of [`FIELDS`] or [`LISTS`].
    pub field: String,
    /// 1 or 0 for an agree/compared field, the F1 for a list.
    pub value: f64,
    /// The gold value.
    pub gold: Value,
    /// The parsed value.
    pub parsed: Value,
}

/// The comparisons of one document against its gold answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocScore {
    /// Every comparison, in the scorer's order.
    pub outcomes: Vec<Outcome>,
    /// Gold citations found.
    pub citations_tp: usize,
    /// Citations found that are not in the gold answer.
    pub citations_fp: usize,
    /// Gold citations not found.
    pub citations_fn: usize,
    /// Gold citations not found, normalised.
    pub citations_missed: Vec<String>,
    /// Citations found that are not in the gold answer, normalised.
    pub citations_extra: Vec<String>,
}

impl DocScore {
    /// Records one agree/compared comparison.
    fn push(&mut self, field: &str, ok: bool, gold: Value, parsed: Value) {
        self.outcomes.push(Outcome {
            field: field.to_owned(),
            value: if ok { 1.0 } else { 0.0 },
            gold,
            parsed,
        });
    }
}

/// A signer's authority chain as compared: prefix as written, position
/// normalised.
fn chain(steps: impl Iterator<Item = (Value, Value)>) -> Value {
    Value::from(
        steps
            .map(|(prefix, position)| {
                Value::from(vec![
                    prefix,
                    norm_value(&position).map_or(Value::Null, Value::from),
                ])
            })
            .collect::<Vec<_>>(),
    )
}

/// Scores one document's JSON (as `congvan parse` prints it) against its
/// gold answer.
pub fn score_document(doc: &Value, gold: &Value) -> DocScore {
    let p = predict(doc);
    let mut s = DocScore::default();
    for (field, parsed) in SCALARS.iter().zip(&p.scalars) {
        let g = get(gold, field);
        if unknown(g) {
            continue;
        }
        s.push(
            field,
            eq_scalar(field, g, parsed),
            g.clone(),
            parsed.clone(),
        );
    }
    let g = get(gold, "date");
    if !unknown(g) {
        let ok = eq_date(g, p.date.as_ref());
        s.push("date", ok, g.clone(), p.date.clone().unwrap_or(Value::Null));
    }
    score_signers(&mut s, items(get(gold, "signers")), &p.signers);
    for (field, parsed) in LISTS.iter().zip(&p.lists) {
        let g = get(gold, field);
        if unknown(g) || items(g).iter().any(unknown) {
            continue;
        }
        s.outcomes.push(Outcome {
            field: (*field).to_owned(),
            value: list_f1(items(g), parsed),
            gold: g.clone(),
            parsed: Value::from(parsed.clone()),
        });
    }
    let g = get(gold, "citations");
    let gold_ids: std::collections::BTreeSet<Option<String>> = match g {
        // `for x in "?"` walks the characters, as score.py would.
        Value::String(text) => text
            .chars()
            .map(|c| Some(norm_id(&c.to_string())))
            .collect(),
        _ => items(g).iter().map(norm_id_value).collect(),
    };
    let found: std::collections::BTreeSet<Option<String>> =
        p.citations.iter().map(norm_id_value).collect();
    let show = |set: std::collections::BTreeSet<&Option<String>>| -> Vec<String> {
        set.into_iter()
            .map(|x| x.clone().unwrap_or_default())
            .collect()
    };
    s.citations_tp = gold_ids.intersection(&found).count();
    s.citations_extra = show(found.difference(&gold_ids).collect());
    s.citations_missed = show(gold_ids.difference(&found).collect());
    s.citations_fp = s.citations_extra.len();
    s.citations_fn = s.citations_missed.len();
    s
}

/// Chain, title and name of each gold signer against the parsed signer of
/// the same index.
fn score_signers(s: &mut DocScore, gold: &[Value], parsed: &[Signer]) {
    for (i, g) in gold.iter().enumerate() {
        let q = parsed.get(i);
        let auth = get(g, "authority");
        let chain_g = (!unknown(auth)).then(|| {
            chain(items(auth).iter().map(|a| {
                (
                    a.get(0).cloned().unwrap_or_default(),
                    a.get(1).cloned().unwrap_or_default(),
                )
            }))
        });
        let chain_p = chain(q.into_iter().flat_map(|q| q.authority.iter().cloned()));
        if let Some(chain_g) = chain_g {
            s.push("signer_chain", chain_g == chain_p, chain_g, chain_p);
        }
        for (key, field, parsed) in [
            ("signer_title", "title", q.map(|q| &q.title)),
            ("signer_name", "name", q.map(|q| &q.name)),
        ] {
            let gv = get(g, field);
            if unknown(gv) {
                continue;
            }
            let a = norm_value(gv);
            let b = parsed.and_then(norm_value);
            let show = |v: Option<String>| v.map_or(Value::Null, Value::from);
            s.push(key, a == b, show(a.clone()), show(b.clone()));
        }
    }
}

/// Python's `round(x, 4)`: correctly rounded, ties to even.
pub fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// The figures of one gold set, as score.py prints them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scores {
    /// Documents with a gold answer.
    pub documents: usize,
    /// Documents that could not be read, decoded or parsed.
    pub failures: usize,
    /// Per field (of [`FIELDS`], [`LISTS`], `citations_precision`,
    /// `citations_recall`, `mean`): the rate rounded to 4 decimals, `None`
    /// when nothing was compared.
    pub rates: BTreeMap<String, Option<f64>>,
    /// Per field of [`FIELDS`]: how many comparisons were made.
    pub compared: BTreeMap<String, usize>,
    /// Gold citations in all.
    pub citations_gold: usize,
}

impl Scores {
    /// The rate of a field, `None` when nothing was compared or the field is
    /// unknown.
    pub fn rate(&self, field: &str) -> Option<f64> {
        self.rates.get(field).copied().flatten()
    }

    /// The rate keys in the scorer's print order.
    pub fn keys() -> impl Iterator<Item = &'static str> {
        FIELDS
            .iter()
            .chain(&LISTS)
            .chain(&["citations_precision", "citations_recall", "mean"])
            .copied()
    }
}

/// Sums per-document scores into a set's figures (`score` in score.py);
/// `failures` documents counted in `documents` had no score.
pub fn aggregate(docs: &[DocScore], documents: usize, failures: usize) -> Scores {
    let mut out = Scores {
        documents,
        failures,
        ..Scores::default()
    };
    let rate = |num: f64, n: usize| (n > 0).then(|| round4(num / n as f64));
    // A field's rate is the mean of its values: 1 or 0 per comparison for
    // agree/compared fields, the F1 per document for lists.
    for field in FIELDS.iter().chain(&LISTS) {
        let values: Vec<f64> = docs
            .iter()
            .flat_map(|d| &d.outcomes)
            .filter(|o| o.field == *field)
            .map(|o| o.value)
            .collect();
        out.rates
            .insert((*field).to_owned(), rate(values.iter().sum(), values.len()));
        if FIELDS.contains(field) {
            out.compared.insert((*field).to_owned(), values.len());
        }
    }
    let tp: usize = docs.iter().map(|d| d.citations_tp).sum();
    let fp: usize = docs.iter().map(|d| d.citations_fp).sum();
    let fn_: usize = docs.iter().map(|d| d.citations_fn).sum();
    let precision = rate(tp as f64, tp + fp);
    let recall = rate(tp as f64, tp + fn_);
    out.rates
        .insert("citations_precision".to_owned(), precision);
    out.rates.insert("citations_recall".to_owned(), recall);
    out.citations_gold = tp + fn_;
    let mut scored: Vec<f64> = FIELDS
        .iter()
        .chain(&LISTS)
        .filter_map(|f| out.rate(f))
        .collect();
    if let (Some(p), Some(r)) = (precision, recall) {
        scored.extend([p, r]);
    }
    let mut mean = if scored.is_empty() {
        0.0
    } else {
        round4(scored.iter().sum::<f64>() / scored.len() as f64)
    };
    if documents > 0 {
        mean = round4(mean * (1.0 - failures as f64 / documents as f64));
    }
    out.rates.insert("mean".to_owned(), Some(mean));
    out
}

/// The `(document, gold)` pairs of a folder, as score.py finds them with
/// `--docs DIR --gold DIR`: for each `NNN_slug.gold.json` (sorted), the first
/// file named `NNN_*` (sorted) that is neither a gold file nor a sidecar.
pub fn gold_pairs(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
        .iter()
        .filter(|n| n.ends_with(".gold.json"))
        .filter_map(|g| {
            let stem = g.split('.').next().unwrap_or(g);
            let num = stem.split('_').next().unwrap_or(stem);
            let prefix = format!("{num}_");
            let doc = names.iter().find(|d| {
                d.starts_with(&prefix) && !d.ends_with(".gold.json") && !d.ends_with(".meta.json")
            })?;
            Some((dir.join(doc), dir.join(g)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn norm_folds_case_tones_space_and_punctuation() {
        assert_eq!(norm("  Hoà   Bình; "), "hòa bình");
        assert_eq!(norm("UỶ BAN"), norm("ủy ban"));
        assert_eq!(norm("– Như trên;"), "như trên");
        assert_ne!(norm("hòa"), norm("hóa"));
        // Only the scorer's characters are trimmed.
        assert_eq!(norm("(x)"), "(x)");
        assert_eq!(norm("Straße"), "strasse");
    }

    #[test]
    fn ids_lose_space_and_case() {
        assert_eq!(norm_id("773 /QĐ-TTg"), "773/QĐ-TTG");
    }

    #[test]
    fn subject_prefixes_are_optional() {
        let ok = |g: &str, p: &str| eq_scalar("subject", &json!(g), &json!(p));
        assert!(ok("V/v nâng bậc lương", "nâng bậc lương"));
        assert!(ok("Về việc: nâng bậc lương.", "V/v nâng bậc lương"));
        assert!(!ok("nâng bậc", "nâng bậc lương"));
        assert!(eq_scalar("subject", &Value::Null, &Value::Null));
        assert!(!eq_scalar("subject", &json!(""), &Value::Null));
    }

    #[test]
    fn numbers_and_years() {
        assert!(eq_scalar("number", &json!(""), &Value::Null));
        assert!(eq_scalar("number", &json!("05 "), &json!("05")));
        assert!(eq_scalar("year", &json!("2020"), &json!(2020)));
        assert!(!eq_scalar("year", &Value::Null, &json!(2020)));
        assert!(eq_scalar("symbol", &json!("qđ-ttg"), &json!("QĐ - TTg")));
    }

    #[test]
    fn list_f1_matches_multisets() {
        let f = |g: Value, p: Value| list_f1(items(&g), items(&p));
        assert_eq!(f(json!([]), json!([])), 1.0);
        assert_eq!(f(json!(["a"]), json!([])), 0.0);
        assert_eq!(f(json!(["a", "a"]), json!(["a"])), 2.0 * 0.5 / 1.5);
        assert_eq!(f(json!(["A;", "b"]), json!(["a", "b"])), 1.0);
    }

    #[test]
    fn unknown_is_not_scored_and_dates_skip_unknown_parts() {
        let gold = json!({
            "number": "?", "year": null, "place": "Bắc Ninh",
            "date": {"year": 2018, "month": null, "day": "?"},
            "recipients": ["?"], "citations": ["1/QĐ-X"],
            "signers": [{"authority": "?", "title": "?", "name": "Lê Văn A"}]
        });
        let doc = json!({
            "date": {"year": 2018, "month": null, "day": 3},
            "citations": [{"id": "1/qđ-x"}, {"id": "2/QĐ-X"}, {"id": null}],
            "signatures": [{"authority": [], "title": "X", "name": "LÊ VĂN A"}]
        });
        let s = score_document(&doc, &gold);
        let by = |f: &str| {
            s.outcomes
                .iter()
                .filter(|o| o.field == f)
                .map(|o| o.value)
                .collect::<Vec<_>>()
        };
        assert!(by("number").is_empty());
        assert_eq!(by("year"), [1.0]);
        assert_eq!(by("place"), [0.0]);
        assert_eq!(by("date"), [1.0]);
        assert!(by("recipients").is_empty());
        assert_eq!(by("distribution"), [1.0]);
        assert!(by("signer_chain").is_empty());
        assert!(by("signer_title").is_empty());
        assert_eq!(by("signer_name"), [1.0]);
        assert_eq!((s.citations_tp, s.citations_fp, s.citations_fn), (1, 1, 0));
    }

    #[test]
    fn the_mean_is_over_rounded_rates_and_failures_count() {
        let doc = DocScore {
            outcomes: vec![Outcome {
                field: "number".to_owned(),
                value: 1.0,
                gold: Value::Null,
                parsed: Value::Null,
            }],
            ..DocScore::default()
        };
        let s = aggregate(&[doc], 2, 1);
        assert_eq!(s.rate("number"), Some(1.0));
        assert_eq!(s.rate("subject"), None);
        assert_eq!(s.rate("mean"), Some(0.5));
        assert_eq!(round4(0.03125), 0.0312);
    }
}
