//! Span invariants on every fixture.
//!
//! For every object in the JSON form that carries `"span": [start, end]`:
//! the span lies inside the input and on char boundaries; each textual field
//! of the object (and of its span-less sub-objects, such as a signature's
//! `authority` entries) is found in the source text under the span; and the
//! spans of `sections`, `blocks` and `items` children lie inside their
//! parent's span.
//!
//! "Found" compares normalised text: lowercase, white space removed, and the
//! Markdown characters `*` and `|` removed; a value whose words stand in
//! order under its span is found too (a value read from the cells of a
//! table copied row by row is not one run of the source). Fixtures are NFC (checked below),
//! so no Unicode normaliser is needed; values must be NFC too. When a value
//! runs across page furniture that the parser has dropped (a signature stamp it
//! reported in `stamps`, a Công báo running header, a bare page number, a
//! `--- PAGE BREAK ---` marker), the comparison is retried with that furniture
//! removed from the source.
//!
//! Legacy-encoded fixtures (TCVN3, VNI) are compared after converting the
//! source under the span, as the parser did.
//!
//! Canonical values (`doc_type.code`/`name`, authority `prefix`, stamp
//! `time`, kinds, severities, messages, numbers) are not compared.

use serde_json::Value;

use crate::common::{fixture_inputs, fixture_name, parse_fixture, MIN_FIXTURES};
use congvan::normalize::legacy::{convert, detect, Legacy};

/// String fields whose value is read from the text under the nearest span.
const TEXT_FIELDS: &[&str] = &[
    "text",
    "name",
    "parent",
    "raw",
    "country",
    "motto",
    "title",
    "position",
    "signer",
    "organization",
    "email",
    "heading",
    "label",
    "marker",
    "number",
    "symbol",
    "type_code",
    "unit_code",
    "drafter",
];

/// Arrays of strings read from the text under the nearest span.
const TEXT_LISTS: &[&str] = &["issuer_codes", "units"];

/// Objects whose strings are canonical names, not text from the input.
const CANONICAL_OBJECTS: &[&str] = &["doc_type"];

/// Children whose spans must nest inside their parent's span.
const NESTED: &[&str] = &["sections", "blocks", "items"];

/// How much source text a report shows.
const EXCERPT_CHARS: usize = 160;

#[test]
fn spans_are_in_bounds_and_cover_their_values() {
    let inputs = fixture_inputs();
    assert!(
        inputs.len() >= MIN_FIXTURES,
        "expected at least {MIN_FIXTURES} fixtures, found {}",
        inputs.len()
    );

    let mut violations = Vec::new();
    let mut spans_seen = 0;
    for path in &inputs {
        let (input, doc) = parse_fixture(path);
        let json = serde_json::to_value(&doc).expect("a Document serialises to JSON");
        let mut checker = Checker::new(fixture_name(path), &input, &json);
        checker.walk(&json, "$", None, None);
        if checker.spans_seen == 0 {
            // A real document always yields spans; none at all would make
            // every other check here vacuous.
            checker.violations.push(format!(
                "{}: the parsed document has no spans at all",
                checker.fixture
            ));
        }
        spans_seen += checker.spans_seen;
        violations.extend(checker.violations);
    }

    assert!(
        violations.is_empty(),
        "{} span violation(s) in {} fixtures ({spans_seen} spans checked):\n\n{}",
        violations.len(),
        inputs.len(),
        violations.join("\n\n")
    );
}

#[test]
fn fixtures_are_nfc_without_combining_marks() {
    let mut bad = Vec::new();
    for path in fixture_inputs() {
        let (input, _) = parse_fixture(&path);
        if let Some((offset, c)) = input.char_indices().find(|&(_, c)| is_combining_mark(c)) {
            bad.push(format!(
                "{}: combining mark U+{:04X} at byte {offset}",
                fixture_name(&path),
                u32::from(c)
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "fixtures must be NFC (the span harness compares without a normaliser):\n{}",
        bad.join("\n")
    );
}

/// Walks one document's JSON and collects violations.
struct Checker<'a> {
    fixture: String,
    input: &'a str,
    /// Per byte of `input`: part of page furniture (stamp, running header, page number).
    furniture: Vec<bool>,
    /// The legacy encoding (TCVN3, VNI) the parser converted the input from.
    legacy: Option<Legacy>,
    spans_seen: usize,
    violations: Vec<String>,
}

impl<'a> Checker<'a> {
    fn new(fixture: String, input: &'a str, json: &Value) -> Self {
        let furniture = furniture_mask(input, json);
        Self {
            fixture,
            input,
            furniture,
            legacy: detect(input),
            spans_seen: 0,
            violations: Vec::new(),
        }
    }

    /// Visits `value` at `path`; `key` is its field name in the parent object
    /// and `context` the nearest valid span of it or an ancestor.
    fn walk(&mut self, value: &Value, path: &str, key: Option<&str>, context: Option<Span>) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.walk(item, &format!("{path}[{i}]"), key, context);
                }
            }
            Value::Object(map) => {
                let own = map.get("span").and_then(|span| self.check_span(span, path));
                let context = own.or(context);
                let canonical = key.is_some_and(|key| CANONICAL_OBJECTS.contains(&key));
                if let (Some(span), false) = (context, canonical) {
                    for (field, v) in map {
                        if TEXT_FIELDS.contains(&field.as_str()) {
                            if let Value::String(s) = v {
                                self.check_text(s, &format!("{path}.{field}"), span);
                            }
                        } else if TEXT_LISTS.contains(&field.as_str()) {
                            for (i, v) in v.as_array().into_iter().flatten().enumerate() {
                                if let Value::String(s) = v {
                                    self.check_text(s, &format!("{path}.{field}[{i}]"), span);
                                }
                            }
                        }
                    }
                }
                if let Some(parent) = own {
                    for field in NESTED {
                        self.check_nesting(map.get(*field), &format!("{path}.{field}"), parent);
                    }
                }
                for (field, v) in map {
                    if field != "span" && (v.is_object() || v.is_array()) {
                        self.walk(v, &format!("{path}.{field}"), Some(field), context);
                    }
                }
            }
            _ => {}
        }
    }

    /// Checks bounds and char boundaries; returns the span when it is usable.
    fn check_span(&mut self, value: &Value, path: &str) -> Option<Span> {
        self.spans_seen += 1;
        let Some(span) = Span::from_json(value) else {
            self.violation(path, format!("span is not [start, end]: {value}"));
            return None;
        };
        let len = self.input.len();
        if span.start > span.end || span.end > len {
            self.violation(
                path,
                format!(
                    "span [{}, {}] out of order or past the input ({len} bytes)",
                    span.start, span.end
                ),
            );
            return None;
        }
        if !self.input.is_char_boundary(span.start) || !self.input.is_char_boundary(span.end) {
            self.violation(
                path,
                format!(
                    "span [{}, {}] is not on char boundaries",
                    span.start, span.end
                ),
            );
            return None;
        }
        Some(span)
    }

    fn check_text(&mut self, value: &str, path: &str, span: Span) {
        if let Some(c) = value.chars().find(|&c| is_combining_mark(c)) {
            self.violation(
                path,
                format!(
                    "value {value:?} is not NFC (combining mark U+{:04X})",
                    u32::from(c)
                ),
            );
            return;
        }
        let needle = normalise(value);
        let source = &self.input[span.start..span.end];
        let under = normalise(&self.unicode(source));
        if under.contains(&needle)
            || self.without_furniture(span).contains(&needle)
            || words_in_order(value, &under)
        {
            return;
        }
        self.violation(
            path,
            format!(
                "value {value:?} not found under span [{}, {}]: {}",
                span.start,
                span.end,
                excerpt(source)
            ),
        );
    }

    fn check_nesting(&mut self, children: Option<&Value>, path: &str, parent: Span) {
        let Some(children) = children.and_then(Value::as_array) else {
            return;
        };
        for (i, child) in children.iter().enumerate() {
            let Some(span) = child.get("span").and_then(Span::from_json) else {
                continue;
            };
            if span.start < parent.start || span.end > parent.end {
                self.violation(
                    &format!("{path}[{i}]"),
                    format!(
                        "child span [{}, {}] is not inside its parent's span [{}, {}]",
                        span.start, span.end, parent.start, parent.end
                    ),
                );
            }
        }
    }

    /// The normalised source under `span`, page furniture removed.
    fn without_furniture(&self, span: Span) -> String {
        let text: String = self.input[span.start..span.end]
            .char_indices()
            .filter(|&(i, _)| !self.furniture[span.start + i])
            .map(|(_, c)| c)
            .collect();
        normalise(&self.unicode(&text))
    }

    /// Source text as the parser read it: legacy encodings converted.
    fn unicode(&self, source: &str) -> String {
        match self.legacy {
            Some(legacy) => convert(source, legacy),
            None => source.to_owned(),
        }
    }

    fn violation(&mut self, path: &str, message: String) {
        self.violations
            .push(format!("{}: {path}: {message}", self.fixture));
    }
}

/// A byte range read back from JSON.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
}

impl Span {
    fn from_json(value: &Value) -> Option<Span> {
        match value.as_array()?.as_slice() {
            [start, end] => Some(Span {
                start: usize::try_from(start.as_u64()?).ok()?,
                end: usize::try_from(end.as_u64()?).ok()?,
            }),
            _ => None,
        }
    }
}

/// Marks the bytes of reported stamps, Công báo running headers, bare
/// page-number lines and converter page markers.
fn furniture_mask(input: &str, json: &Value) -> Vec<bool> {
    let mut mask = vec![false; input.len()];
    for stamp in json["stamps"].as_array().into_iter().flatten() {
        if let Some(span) = stamp.get("span").and_then(Span::from_json) {
            let end = span.end.min(input.len());
            for flag in mask.iter_mut().take(end).skip(span.start) {
                *flag = true;
            }
        }
    }
    let mut offset = 0;
    for line in input.split_inclusive('\n') {
        let trimmed = line.trim();
        let running_header = trimmed.starts_with("CÔNG BÁO/");
        let page_number = !trimmed.is_empty() && trimmed.chars().all(|c| c.is_ascii_digit());
        // `--- PAGE BREAK ---`, `--- PAGE 2 ---` from PDF converters.
        let page_marker = trimmed.starts_with("---")
            && trimmed.ends_with("---")
            && trimmed
                .trim_matches('-')
                .trim()
                .to_uppercase()
                .starts_with("PAGE");
        // a contact footer (address, phone, e-mail) repeated on every page
        let repeated_footer = trimmed.len() >= 20
            && ["Điện thoại", "Email", "Website", "Địa chỉ:", "Fax"]
                .iter()
                .any(|k| trimmed.contains(k))
            && input.matches(trimmed).count() >= 2;
        if running_header || page_number || page_marker || repeated_footer {
            for flag in &mut mask[offset..offset + line.len()] {
                *flag = true;
            }
        }
        offset += line.len();
    }
    mask
}

/// Lowercase, no white space, no Markdown `*` or `|`.
/// Whether the words of `value` stand in `under` (normalised) in order: a
/// value read from the cells of a table copied row by row (the issuer's
/// two lines with the national heading's cell between them) is not one
/// run of the source, but its words are there, in order, under its span.
fn words_in_order(value: &str, under: &str) -> bool {
    let mut at = 0;
    value.split_whitespace().all(|w| {
        let w = normalise(w);
        match under[at..].find(&w) {
            Some(k) => {
                at += k + w.len();
                true
            }
            None => false,
        }
    })
}

fn normalise(text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_whitespace() && c != '*' && c != '|')
        // a dash typed inside a notation (`12/UBND–VX`) is read as its hyphen
        .map(|c| match c {
            '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2212}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Combining diacritical marks (U+0300–U+036F): their presence means the
/// text is not in the precomposed form Vietnamese NFC uses.
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The start of `text` on one line.
fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(EXCERPT_CHARS).collect();
    if text.chars().count() > EXCERPT_CHARS {
        out.push('…');
    }
    format!("{out:?}")
}

/// The checker itself: a hand-made document with one fault of each kind.
#[test]
fn checker_reports_each_kind_of_fault() {
    let input = "Số: 12/UBND-VP\nHà Nội, ngày 05 tháng 01 năm 2024\n1. Mục một\n- ý a\n";
    let json = serde_json::json!({
        "doc_type": {"code": "CV", "name": "Công văn", "span": [0, 4]},
        "number": {"raw": "Số: 12/UBND-VP", "symbol": "UBND-VP", "issuer_codes": ["UBND"],
                   "unit_code": "VX", "span": [0, 16]},
        "place": {"name": "Hà Nội", "span": [17, 19]},
        "date": {"raw": "ngày 05", "span": [500, 510]},
        "signatures": [{"authority": [{"prefix": "KT", "position": "CHỦ TỊCH"}],
                        "title": null, "name": "Mục", "span": [17, 79]}],
        "body": {"sections": [{"label": "1", "heading": "Mục một", "span": [57, 72],
                               "blocks": [{"kind": "item", "marker": "-", "text": "ý a",
                                           "items": [], "span": [72, 79]}]}]},
        "stamps": []
    });
    let mut checker = Checker::new("synthetic".to_owned(), input, &json);
    checker.walk(&json, "$", None, None);
    let found = checker.violations.join("\n");
    let expect = [
        "$.number.unit_code: value \"VX\" not found",
        "$.place: span [17, 19] is not on char boundaries",
        "$.date: span [500, 510] out of order or past the input",
        "$.signatures[0].authority[0].position: value \"CHỦ TỊCH\" not found",
        "$.body.sections[0].blocks[0]: child span [72, 79] is not inside",
    ];
    for e in expect {
        assert!(
            found.contains(e),
            "expected a violation containing {e:?}, got:\n{found}"
        );
    }
    assert_eq!(
        checker.violations.len(),
        expect.len(),
        "unexpected violations:\n{found}"
    );
}
