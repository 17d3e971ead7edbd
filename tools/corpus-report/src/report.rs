//! The report: for each folder, field coverage, agreement with the
//! `.meta.json` sidecars, and the reference scorer's figures against the
//! `.gold.json` answers; gains and losses against a baseline; minimums.
//!
//! # JSON output (`--json`)
//!
//! ```text
//! schema    "congvan-report/2"
//! sets      {SET: SET_FIGURES}            (SET: the folder's name, e.g. "corpus-dev")
//! SET_FIGURES =
//!   dir        the folder as given
//!   coverage   {files, panics, failures, fields: {FIELD: count}, panicked: [..], failed: [..]}
//!   sidecar    {number|date|doc_type: AGREEMENT}
//!   citations  {files, expected, found, matched, precision, recall, per_file: {FILE: {missed, extra}}}
//!   gold       {scores: SCORES, misses: [MISS]}   (absent without gold files)
//!   rates      {KEY: rate in [0, 1]}
//!   outcomes   {KEY: {FILE: agrees?}}             (what --baseline compares per file)
//! SCORES    = {documents, failures, rates: {FIELD: rate}, compared: {FIELD: n}, citations_gold}
//! AGREEMENT = {agree, compared, rate, disagreements: [MISS], sidecar_errors: [MISS], not_compared: [FILE]}
//! MISS      = {file, field, expected, parsed, reason}
//! ```
//!
//! Rate keys (also the keys of the `--min` file, per set): the scorer's
//! fields as `score.py` names them (`subject`, `signer_title`, `recipients`,
//! `citations_precision`, `mean`, …; see [`crate::score`]),
//! `coverage.FIELD` (share of `*.txt` documents with a value, FIELD from
//! [`COVERAGE_FIELDS`]), `sidecar.number`, `sidecar.date`, `sidecar.doc_type`,
//! `sidecar.citations.precision`, `sidecar.citations.recall`.

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use congvan::{Document, Options};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::compare::{fmt_rate, fold_loose, norm_id, rate};
use crate::score::{self, DocScore, Scores};
use crate::sidecar::{self, Erratum, Sidecar};

/// What to report on.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The folders, each reported as one set.
    pub dirs: Vec<PathBuf>,
    /// Write every figure here as JSON.
    pub json: Option<PathBuf>,
    /// A previous `--json` output to compare with.
    pub baseline: Option<PathBuf>,
    /// A JSON file of minimum rates per set (`{"corpus-dev": {"subject": 0.5}}`).
    pub min: Option<PathBuf>,
    /// How many gold misses to print per set.
    pub show_misses: usize,
    /// Score the JSON that `BIN parse DOC` prints instead of parsing with
    /// the library (as score.py does; for formats only the binary reads).
    pub bin: Option<PathBuf>,
}

/// The outcome of a run: the text to print, warnings, and whether every
/// check passed.
#[derive(Debug, Default)]
pub struct Run {
    /// The human-readable report.
    pub text: String,
    /// Problems to print on stderr.
    pub warnings: Vec<String>,
    /// `false` when a minimum was not met or a file could not be read or written.
    pub ok: bool,
}

/// The fields counted by the coverage table.
pub const COVERAGE_FIELDS: &[&str] = &[
    "doc_type",
    "national_heading",
    "issuer",
    "number",
    "number.number",
    "number.symbol",
    "place",
    "date",
    "date.day",
    "subject",
    "recipients",
    "body.sections",
    "citations",
    "signatures",
    "signatures[0].name",
    "distribution",
    "distribution.archive",
    "stamps",
];

/// Every figure of a report run; the `--json` output.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Figures {
    /// `congvan-report/2`.
    pub schema: String,
    /// The figures of each folder, by its name.
    pub sets: BTreeMap<String, SetFigures>,
}

/// The figures of one folder.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SetFigures {
    /// The folder as given.
    pub dir: String,
    /// Field coverage over the `*.txt` documents.
    pub coverage: Coverage,
    /// Sidecar agreement per field.
    pub sidecar: BTreeMap<String, Agreement>,
    /// Citation precision and recall against sidecars.
    pub citations: Citations,
    /// The reference scorer's figures, where the folder has gold files.
    pub gold: Option<Gold>,
    /// Every rate, by key.
    pub rates: BTreeMap<String, f64>,
    /// Per rate key, whether each file agrees.
    pub outcomes: BTreeMap<String, BTreeMap<String, bool>>,
}

/// The gold figures of one folder.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Gold {
    /// The scorer's figures.
    pub scores: Scores,
    /// Every comparison that did not fully agree.
    pub misses: Vec<Miss>,
    /// Per document: its comparisons.
    #[serde(skip)]
    pub documents: BTreeMap<String, DocScore>,
}

/// Coverage counts.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Coverage {
    /// Documents read.
    pub files: usize,
    /// Parses that panicked.
    pub panics: usize,
    /// Inputs that could not be read or decoded.
    pub failures: usize,
    /// Documents with a value, per field.
    pub fields: BTreeMap<String, usize>,
    /// Files whose parse panicked, with the panic message.
    pub panicked: Vec<Problem>,
    /// Files that could not be read or decoded, with the reason.
    pub failed: Vec<Problem>,
}

/// A file and what went wrong.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Problem {
    /// The file name.
    pub file: String,
    /// What happened.
    pub message: String,
}

/// Agreement on one field.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Agreement {
    /// Comparisons that agree.
    pub agree: usize,
    /// Comparisons counted in the rate.
    pub compared: usize,
    /// `agree / compared`, `None` when nothing was compared.
    pub rate: Option<f64>,
    /// Disagreements counted in the rate.
    pub disagreements: Vec<Miss>,
    /// Disagreements that are the sidecar's fault (`sidecar_errata.tsv`), not in the rate.
    pub sidecar_errors: Vec<Miss>,
    /// Files whose reference has no usable value for this field.
    pub not_compared: Vec<String>,
}

/// One disagreement.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Miss {
    /// The file.
    pub file: String,
    /// The field, for gold misses.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub field: String,
    /// The reference value (sidecar or gold).
    pub expected: Value,
    /// The parsed value.
    pub parsed: Value,
    /// Why the reference is wrong, for known sidecar errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Citation figures against the sidecars.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Citations {
    /// Files with a non-empty expected list.
    pub files: usize,
    /// Expected identifiers.
    pub expected: usize,
    /// Parsed identifiers.
    pub found: usize,
    /// Parsed identifiers that were expected.
    pub matched: usize,
    /// `matched / found`.
    pub precision: Option<f64>,
    /// `matched / expected`.
    pub recall: Option<f64>,
    /// Misses per file.
    pub per_file: BTreeMap<String, CitationMisses>,
}

/// Citation misses of one file.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CitationMisses {
    /// Expected but not parsed.
    pub missed: Vec<String>,
    /// Parsed but not in the sidecar (the sidecar may be incomplete).
    pub extra: Vec<String>,
}

impl Agreement {
    /// Records one comparison.
    fn record(&mut self, file: &str, ok: bool, expected: Value, parsed: Value) {
        self.compared += 1;
        if ok {
            self.agree += 1;
        } else {
            self.disagreements.push(Miss {
                file: file.to_owned(),
                expected,
                parsed,
                ..Miss::default()
            });
        }
    }

    /// Sets the rate.
    fn finish(&mut self) {
        self.rate = rate(self.agree, self.compared);
    }
}

/// A text sink for the human-readable report.
#[derive(Default)]
struct Out {
    /// The text.
    text: String,
    /// Warnings for stderr.
    warnings: Vec<String>,
}

impl Out {
    /// Appends a line.
    fn line(&mut self, s: impl AsRef<str>) {
        self.text.push_str(s.as_ref());
        self.text.push('\n');
    }

    /// Records a warning.
    fn warn(&mut self, s: impl Into<String>) {
        self.warnings.push(s.into());
    }
}

/// The name a folder's set goes by: its last component.
pub fn set_name(dir: &Path) -> String {
    dir.file_name().map_or_else(
        || dir.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Runs the report.
pub fn run(config: &Config) -> Run {
    let mut figures = Figures {
        schema: "congvan-report/2".to_owned(),
        ..Figures::default()
    };
    let mut out = Out::default();
    let mut ok = true;
    for dir in &config.dirs {
        if !dir.is_dir() {
            out.warn(format!("{}: not a folder", dir.display()));
            ok = false;
            continue;
        }
        let mut name = set_name(dir);
        while figures.sets.contains_key(&name) {
            name.push('+');
        }
        let set = report_set(dir, config, &mut out);
        figures.sets.insert(name, set);
    }
    if let Some(path) = &config.baseline {
        match read_json::<Figures>(path) {
            Ok(base) => baseline_part(&base, &figures, &mut out),
            Err(e) => {
                out.warn(format!("{}: {e}", path.display()));
                ok = false;
            }
        }
    }
    if let Some(path) = &config.json {
        let text = serde_json::to_string_pretty(&figures).unwrap_or_default();
        if let Err(e) = std::fs::write(path, text + "\n") {
            out.warn(format!("{}: cannot write: {e}", path.display()));
            ok = false;
        }
    }
    if let Some(path) = &config.min {
        match read_json::<BTreeMap<String, BTreeMap<String, f64>>>(path) {
            Ok(mins) => ok &= check_minimums(&mins, &figures, &mut out),
            Err(e) => {
                out.warn(format!("{}: {e}", path.display()));
                ok = false;
            }
        }
    }
    Run {
        text: out.text,
        warnings: out.warnings,
        ok,
    }
}

/// Every figure of one folder.
fn report_set(dir: &Path, config: &Config, out: &mut Out) -> SetFigures {
    let mut set = SetFigures {
        dir: dir.display().to_string(),
        ..SetFigures::default()
    };
    let names = text_files(dir);
    let parsed = parse_all(dir, &names);
    out.line(format!("== {} ({})", set_name(dir), dir.display()));
    corpus_part(dir, &parsed, &mut set, out);
    if !score::gold_pairs(dir).is_empty() {
        let gold = score_set_with(dir, &parsed, config.bin.as_deref());
        gold_part(&gold, config.show_misses, &mut set, out);
        set.gold = Some(gold);
    }
    collect_rates(&mut set);
    set
}

/// Reads a JSON file.
fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("not the expected JSON: {e}"))
}

/// The `*.txt` files of a folder, sorted by name.
fn text_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.ends_with(".txt"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The outcome of parsing one file.
#[derive(Debug)]
pub enum Parsed {
    /// The document.
    Doc(Box<Document>),
    /// The parser panicked, with this message.
    Panic(String),
    /// The file could not be read or decoded.
    Failed(String),
}

/// Reads, decodes and parses one file as `congvan parse` does, catching a
/// panic.
pub fn parse_file(path: &Path, options: &Options) -> Parsed {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Parsed::Failed(e.to_string()),
    };
    let parse = || -> Result<Document, congvan::Error> {
        let decoded = congvan::decode(&bytes, options)?;
        let mut doc = congvan::parse_with(&decoded.text, options);
        doc.diagnostics.extend(decoded.diagnostics);
        Ok(doc)
    };
    match panic::catch_unwind(AssertUnwindSafe(parse)) {
        Ok(Ok(doc)) => Parsed::Doc(Box::new(doc)),
        Ok(Err(e)) => Parsed::Failed(e.to_string()),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_owned());
            Parsed::Panic(message)
        }
    }
}

/// Parses every named file of a folder, silencing the panic hook meanwhile.
pub fn parse_all(dir: &Path, names: &[String]) -> Vec<(String, Parsed)> {
    let options = Options::new();
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let parsed = names
        .iter()
        .map(|n| (n.clone(), parse_file(&dir.join(n), &options)))
        .collect();
    panic::set_hook(hook);
    parsed
}

/// The reference scorer's figures for the gold files of a folder (see
/// [`score::gold_pairs`]).
pub fn score_set(dir: &Path) -> Gold {
    score_set_with(dir, &[], None)
}

/// The JSON that `bin parse doc` prints, `None` when it fails.
fn run_bin(bin: &Path, doc: &Path) -> Option<Value> {
    let out = std::process::Command::new(bin)
        .arg("parse")
        .arg(doc)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

/// [`score_set`], reusing the parses already made.
fn score_set_with(dir: &Path, parsed: &[(String, Parsed)], bin: Option<&Path>) -> Gold {
    let pairs = score::gold_pairs(dir);
    let missing: Vec<String> = pairs
        .iter()
        .filter_map(|(doc, _)| doc.file_name()?.to_str().map(str::to_owned))
        .filter(|n| bin.is_none() && !parsed.iter().any(|(p, _)| p == n))
        .collect();
    let extra = parse_all(dir, &missing);
    let mut gold = Gold::default();
    let mut scored = Vec::new();
    let mut failures = 0;
    for (doc_path, gold_path) in &pairs {
        let name = doc_path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let json = match bin {
            Some(bin) => run_bin(bin, doc_path),
            None => match parsed.iter().chain(&extra).find(|(n, _)| *n == name) {
                Some((_, Parsed::Doc(doc))) => serde_json::to_value(doc.as_ref()).ok(),
                _ => None,
            },
        };
        let answer = read_json::<Value>(gold_path);
        let (Some(json), Ok(answer)) = (json, answer) else {
            failures += 1;
            gold.misses.push(Miss {
                file: name,
                field: "failure".to_owned(),
                ..Miss::default()
            });
            continue;
        };
        let s = score::score_document(&json, &answer);
        for o in s.outcomes.iter().filter(|o| o.value < 1.0) {
            gold.misses.push(Miss {
                file: name.clone(),
                field: o.field.clone(),
                expected: o.gold.clone(),
                parsed: o.parsed.clone(),
                reason: None,
            });
        }
        if !s.citations_missed.is_empty() || !s.citations_extra.is_empty() {
            gold.misses.push(Miss {
                file: name.clone(),
                field: "citations".to_owned(),
                expected: Value::from(s.citations_missed.clone()),
                parsed: Value::from(s.citations_extra.clone()),
                reason: Some("missed, extra".to_owned()),
            });
        }
        scored.push(s.clone());
        gold.documents.insert(name, s);
    }
    gold.scores = score::aggregate(&scored, pairs.len(), failures);
    gold
}

/// Prints the gold figures and records their per-file outcomes.
fn gold_part(gold: &Gold, show_misses: usize, set: &mut SetFigures, out: &mut Out) {
    let s = &gold.scores;
    out.line(format!(
        "Gold answers ({} documents, {} failures; the rules of eval/score.py)",
        s.documents, s.failures
    ));
    for key in Scores::keys() {
        let shown = s.rate(key).map_or("n/a".to_owned(), |r| format!("{r:.4}"));
        let n = s
            .compared
            .get(key)
            .map(|n| format!("  ({n} compared)"))
            .unwrap_or_default();
        out.line(format!("  {key:<20} {shown}{n}"));
    }
    for m in gold.misses.iter().take(show_misses) {
        out.line(format!(
            "    MISS {} {} gold {} parsed {}",
            m.file, m.field, m.expected, m.parsed
        ));
    }
    for (file, doc) in &gold.documents {
        let mut agrees: BTreeMap<&str, bool> = BTreeMap::new();
        for o in &doc.outcomes {
            *agrees.entry(o.field.as_str()).or_insert(true) &= o.value >= 1.0;
        }
        agrees.insert("citations_precision", doc.citations_fp == 0);
        agrees.insert("citations_recall", doc.citations_fn == 0);
        for (field, ok) in agrees {
            set.outcomes
                .entry(field.to_owned())
                .or_default()
                .insert(file.clone(), ok);
        }
    }
    out.line("");
}

/// Which coverage fields a document has a value for.
fn coverage_of(doc: &Document) -> [bool; 18] {
    let number = doc.number.as_ref();
    let distribution = doc.distribution.as_ref();
    [
        doc.doc_type.is_some(),
        doc.national_heading.is_some(),
        doc.issuer.is_some(),
        number.is_some(),
        number.is_some_and(|n| n.number.is_some()),
        number.is_some_and(|n| n.symbol.is_some()),
        doc.place.is_some(),
        doc.date.is_some(),
        doc.date.as_ref().is_some_and(|d| d.day.is_some()),
        doc.subject.is_some(),
        !doc.recipients.is_empty(),
        !doc.body.sections.is_empty(),
        !doc.citations.is_empty(),
        !doc.signatures.is_empty(),
        doc.signatures.first().is_some_and(|s| s.name.is_some()),
        distribution.is_some(),
        distribution.is_some_and(|d| d.archive.is_some()),
        !doc.stamps.is_empty(),
    ]
}

/// Coverage, sidecar agreement and citations over the corpus folder.
fn corpus_part(dir: &Path, parsed: &[(String, Parsed)], figures: &mut SetFigures, out: &mut Out) {
    let cov = &mut figures.coverage;
    cov.files = parsed.len();
    for field in COVERAGE_FIELDS {
        cov.fields.insert((*field).to_owned(), 0);
    }
    for (name, p) in parsed {
        match p {
            Parsed::Doc(doc) => {
                for (field, has) in COVERAGE_FIELDS.iter().zip(coverage_of(doc)) {
                    if has {
                        *cov.fields.entry((*field).to_owned()).or_default() += 1;
                    }
                    figures
                        .outcomes
                        .entry(format!("coverage.{field}"))
                        .or_default()
                        .insert(name.clone(), has);
                }
            }
            Parsed::Panic(m) => cov.panicked.push(Problem {
                file: name.clone(),
                message: m.clone(),
            }),
            Parsed::Failed(m) => cov.failed.push(Problem {
                file: name.clone(),
                message: m.clone(),
            }),
        }
    }
    cov.panics = cov.panicked.len();
    cov.failures = cov.failed.len();

    out.line(format!("Coverage ({})", dir.display()));
    out.line(format!("  files: {}", cov.files));
    out.line(format!("  panics: {}", cov.panics));
    out.line(format!("  failures: {}", cov.failures));
    for p in &cov.panicked {
        out.line(format!("    panic in {}: {}", p.file, p.message));
    }
    for p in &cov.failed {
        out.line(format!("    failed {}: {}", p.file, p.message));
    }
    out.line(format!("  {:<22} {:>9}", "field", "documents"));
    for field in COVERAGE_FIELDS {
        let n = cov.fields.get(*field).copied().unwrap_or(0);
        out.line(format!("  {field:<22} {:>9}", fmt_rate(n, cov.files)));
    }
    out.line("");

    let docs: Vec<(&str, Option<&Document>, Sidecar)> = parsed
        .iter()
        .filter_map(|(name, p)| {
            let stem = name.strip_suffix(".txt")?;
            let path = dir.join(format!("{stem}.meta.json"));
            if !path.is_file() {
                return None;
            }
            match sidecar::load(&path) {
                Ok(s) => {
                    let doc = match p {
                        Parsed::Doc(d) => Some(d.as_ref()),
                        _ => None,
                    };
                    Some((name.as_str(), doc, s))
                }
                Err(e) => {
                    out.warn(format!("{}: {e}", path.display()));
                    None
                }
            }
        })
        .collect();
    if !docs.is_empty() {
        sidecar_part(&docs, figures, out);
        citations_part(&docs, figures, out);
    }
}

/// The parsed number as sidecars write it, in both separator styles
/// (`N[/YEAR]/SYMBOL` and the Party `N-SYMBOL`).
fn parsed_ids(doc: Option<&Document>) -> Vec<String> {
    let Some(n) = doc.and_then(|d| d.number.as_ref()) else {
        return Vec::new();
    };
    let Some(symbol) = n.symbol.as_deref() else {
        return Vec::new();
    };
    let number = n.number.as_deref().unwrap_or("");
    let year = n.year.map(|y| format!("{y}/")).unwrap_or_default();
    vec![
        norm_id(&format!("{number}/{year}{symbol}")),
        norm_id(&format!("{number}-{year}{symbol}")),
    ]
}

/// A date as `DD-MM-YYYY`, `?` for blank parts.
fn show_date(day: Option<u32>, month: Option<u32>, year: Option<i32>) -> String {
    let part = |v: Option<String>| v.unwrap_or_else(|| "?".to_owned());
    format!(
        "{}-{}-{}",
        part(day.map(|d| format!("{d:02}"))),
        part(month.map(|m| format!("{m:02}"))),
        part(year.map(|y| y.to_string()))
    )
}

/// Sidecar agreement on number, date and type.
fn sidecar_part(
    docs: &[(&str, Option<&Document>, Sidecar)],
    figures: &mut SetFigures,
    out: &mut Out,
) {
    let errata = sidecar::errata();
    let kind_a = docs.iter().filter(|d| d.2.kind == 'A').count();
    out.line(format!(
        "Sidecar agreement ({} sidecars: {kind_a} kind A, {} kind B)",
        docs.len(),
        docs.len() - kind_a
    ));
    let mut fields: BTreeMap<&str, Agreement> = BTreeMap::new();
    for &(file, doc, ref side) in docs {
        // Number and symbol.
        let number = fields.entry("number").or_default();
        match &side.id {
            Some(id) => {
                let ids = parsed_ids(doc);
                let ok = ids.contains(id);
                let parsed = ids.first().map_or(Value::Null, |s| Value::from(s.as_str()));
                number.record(file, ok, Value::from(id.as_str()), parsed);
            }
            None => number.not_compared.push(file.to_owned()),
        }
        // Date: the whole date for kind A, the year for kind B.
        let date = fields.entry("date").or_default();
        let pd = doc.and_then(|d| d.date.as_ref());
        let (pday, pmonth, pyear) = (
            pd.and_then(|d| d.day),
            pd.and_then(|d| d.month),
            pd.and_then(|d| d.year),
        );
        match (side.date, side.year) {
            (Some((d, m, y)), _) => {
                let ok = (Some(d), Some(m), Some(y)) == (pday, pmonth, pyear);
                let parsed = pd.map_or(Value::Null, |_| show_date(pday, pmonth, pyear).into());
                date.record(
                    file,
                    ok,
                    show_date(Some(d), Some(m), Some(y)).into(),
                    parsed,
                );
            }
            (None, Some(y)) => {
                let ok = pyear == Some(y);
                let parsed = pyear.map_or(Value::Null, |y| format!("year {y}").into());
                date.record(file, ok, format!("year {y}").into(), parsed);
            }
            (None, None) => date.not_compared.push(file.to_owned()),
        }
        // Document type.
        let doc_type = fields.entry("doc_type").or_default();
        let pt = doc.and_then(|d| d.doc_type.as_ref());
        match &side.type_code {
            Some(code) => {
                let ok = pt.is_some_and(|t| {
                    norm_id(&t.code) == norm_id(code)
                        || fold_loose(&t.name) == fold_loose(&side.type_raw)
                });
                let parsed = pt.map_or(Value::Null, |t| format!("{} ({})", t.code, t.name).into());
                doc_type.record(
                    file,
                    ok,
                    format!("{code} ({})", side.type_raw).into(),
                    parsed,
                );
            }
            None => doc_type.not_compared.push(file.to_owned()),
        }
    }
    for field in ["number", "date", "doc_type"] {
        let mut agreement = fields.remove(field).unwrap_or_default();
        apply_errata(field, &mut agreement, &errata);
        agreement.finish();
        let key = format!("sidecar.{field}");
        let outcome = figures.outcomes.entry(key).or_default();
        let disagreeing: BTreeSet<&str> = agreement
            .disagreements
            .iter()
            .map(|m| m.file.as_str())
            .collect();
        let skipped: BTreeSet<&str> = agreement
            .not_compared
            .iter()
            .chain(agreement.sidecar_errors.iter().map(|m| &m.file))
            .map(String::as_str)
            .collect();
        for &(file, _, _) in docs {
            if !skipped.contains(file) {
                outcome.insert(file.to_owned(), !disagreeing.contains(file));
            }
        }
        print_agreement(field, &agreement, "sidecar", out);
        figures.sidecar.insert(field.to_owned(), agreement);
    }
    out.line("");
}

/// Moves disagreements listed in the errata out of the rate.
fn apply_errata(field: &str, agreement: &mut Agreement, errata: &[Erratum]) {
    let (known, rest): (Vec<Miss>, Vec<Miss>) = agreement
        .disagreements
        .drain(..)
        .partition(|m| errata.iter().any(|e| e.file == m.file && e.field == field));
    agreement.disagreements = rest;
    agreement.compared -= known.len();
    agreement.sidecar_errors = known
        .into_iter()
        .map(|mut m| {
            m.reason = errata
                .iter()
                .find(|e| e.file == m.file && e.field == field)
                .map(|e| e.reason.clone());
            m
        })
        .collect();
}

/// Prints one field's agreement with its disagreements.
fn print_agreement(field: &str, a: &Agreement, reference: &str, out: &mut Out) {
    out.line(format!("  {field:<14} {}", fmt_rate(a.agree, a.compared)));
    for m in &a.disagreements {
        out.line(format!(
            "    {}: {reference} {} parsed {}",
            m.file, m.expected, m.parsed
        ));
    }
    for m in &a.sidecar_errors {
        out.line(format!(
            "    known sidecar error (not in the rate) {}: sidecar {} parsed {} ({})",
            m.file,
            m.expected,
            m.parsed,
            m.reason.as_deref().unwrap_or("")
        ));
    }
    if !a.not_compared.is_empty() {
        out.line(format!(
            "    not compared ({reference} has no usable value): {}",
            a.not_compared.join(", ")
        ));
    }
}

/// Citation precision and recall against kind-A `related_documents`.
fn citations_part(
    docs: &[(&str, Option<&Document>, Sidecar)],
    figures: &mut SetFigures,
    out: &mut Out,
) {
    let c = &mut figures.citations;
    for &(file, doc, ref side) in docs {
        let Some(expected) = side.related.as_ref().filter(|r| !r.is_empty()) else {
            continue;
        };
        let expected: BTreeSet<String> = expected.iter().cloned().collect();
        let found: BTreeSet<String> = doc
            .map(|d| {
                d.citations
                    .iter()
                    .filter_map(|c| c.id.as_deref().map(norm_id))
                    .collect()
            })
            .unwrap_or_default();
        c.files += 1;
        c.expected += expected.len();
        c.found += found.len();
        c.matched += expected.intersection(&found).count();
        let missed: Vec<String> = expected.difference(&found).cloned().collect();
        let extra: Vec<String> = found.difference(&expected).cloned().collect();
        figures
            .outcomes
            .entry("citations.recall".to_owned())
            .or_default()
            .insert(file.to_owned(), missed.is_empty());
        figures
            .outcomes
            .entry("citations.precision".to_owned())
            .or_default()
            .insert(file.to_owned(), extra.is_empty());
        if !missed.is_empty() || !extra.is_empty() {
            c.per_file
                .insert(file.to_owned(), CitationMisses { missed, extra });
        }
    }
    c.precision = rate(c.matched, c.found);
    c.recall = rate(c.matched, c.expected);
    out.line(format!(
        "Citations vs sidecar related_documents ({} files, {} expected, {} found)",
        c.files, c.expected, c.found
    ));
    out.line(format!("  precision      {}", fmt_rate(c.matched, c.found)));
    out.line(format!(
        "  recall         {}",
        fmt_rate(c.matched, c.expected)
    ));
    for (file, m) in &c.per_file {
        if !m.missed.is_empty() {
            out.line(format!("    {file}: missed {}", m.missed.join(", ")));
        }
        if !m.extra.is_empty() {
            out.line(format!(
                "    {file}: not in sidecar (sidecar may be incomplete) {}",
                m.extra.join(", ")
            ));
        }
    }
    out.line("");
}

/// Fills [`SetFigures::rates`] from the counts.
fn collect_rates(f: &mut SetFigures) {
    let files = f.coverage.files;
    for (field, n) in &f.coverage.fields {
        if let Some(r) = rate(*n, files) {
            f.rates.insert(format!("coverage.{field}"), r);
        }
    }
    for (field, a) in &f.sidecar {
        if let Some(r) = a.rate {
            f.rates.insert(format!("sidecar.{field}"), r);
        }
    }
    if let Some(r) = f.citations.precision {
        f.rates.insert("sidecar.citations.precision".to_owned(), r);
    }
    if let Some(r) = f.citations.recall {
        f.rates.insert("sidecar.citations.recall".to_owned(), r);
    }
    if let Some(gold) = &f.gold {
        for key in Scores::keys() {
            if let Some(r) = gold.scores.rate(key) {
                f.rates.insert(key.to_owned(), r);
            }
        }
    }
}

/// Prints the changes since a baseline run: per set, the rates that rose
/// or fell, and the files that newly agree or newly disagree.
fn baseline_part(base: &Figures, now: &Figures, out: &mut Out) {
    out.line("Changes since the baseline");
    let mut changed = false;
    let empty_set = SetFigures::default();
    for (name, set) in &now.sets {
        let Some(before) = base.sets.get(name) else {
            out.line(format!("  {name}: not in the baseline"));
            continue;
        };
        changed |= set_changes(name, before, set, out);
    }
    for name in base.sets.keys().filter(|n| !now.sets.contains_key(*n)) {
        changed |= set_changes(
            name,
            base.sets.get(name).unwrap_or(&empty_set),
            &empty_set,
            out,
        );
    }
    if !changed {
        out.line("  no change");
    }
    out.line("");
}

/// Prints one set's changes; returns whether there were any.
fn set_changes(name: &str, base: &SetFigures, now: &SetFigures, out: &mut Out) -> bool {
    let mut changed = false;
    let keys: BTreeSet<&String> = base.rates.keys().chain(now.rates.keys()).collect();
    for key in keys {
        let (b, n) = (base.rates.get(key), now.rates.get(key));
        let show = |r: Option<&f64>| r.map_or("n/a".to_owned(), |r| format!("{r:.4}"));
        let delta = match (b, n) {
            (Some(b), Some(n)) if (n - b).abs() < 1e-12 => continue,
            (Some(b), Some(n)) if n > b => "gain",
            (Some(_), Some(_)) => "loss",
            (None, Some(_)) => "new",
            (Some(_), None) => "gone",
            (None, None) => continue,
        };
        changed = true;
        out.line(format!(
            "  {name} {key:<28} {} -> {} ({delta})",
            show(b),
            show(n)
        ));
    }
    let keys: BTreeSet<&String> = base.outcomes.keys().chain(now.outcomes.keys()).collect();
    let empty = BTreeMap::new();
    for key in keys {
        let b = base.outcomes.get(key).unwrap_or(&empty);
        let n = now.outcomes.get(key).unwrap_or(&empty);
        let newly = |want: bool| -> Vec<&str> {
            n.iter()
                .filter(|(file, ok)| **ok == want && b.get(*file).is_some_and(|was| *was != want))
                .map(|(file, _)| file.as_str())
                .collect()
        };
        let (gained, lost) = (newly(true), newly(false));
        if !gained.is_empty() {
            changed = true;
            out.line(format!(
                "  {name} {key}: newly agree: {}",
                gained.join(", ")
            ));
        }
        if !lost.is_empty() {
            changed = true;
            out.line(format!(
                "  {name} {key}: newly disagree: {}",
                lost.join(", ")
            ));
        }
    }
    changed
}

/// Checks the rates of each set against its minimums; prints and returns
/// whether all pass.
fn check_minimums(
    mins: &BTreeMap<String, BTreeMap<String, f64>>,
    figures: &Figures,
    out: &mut Out,
) -> bool {
    let mut ok = true;
    let mut count = 0;
    for (set, keys) in mins {
        let Some(figures) = figures.sets.get(set) else {
            out.warn(format!(
                "{set}: minimums given for a set that was not reported"
            ));
            ok = false;
            continue;
        };
        for (key, min) in keys {
            count += 1;
            match figures.rates.get(key) {
                Some(r) if r >= min => {}
                Some(r) => {
                    ok = false;
                    out.warn(format!(
                        "{set} {key}: rate {r:.4} is below the minimum {min}"
                    ));
                }
                None => {
                    ok = false;
                    out.warn(format!(
                        "{set} {key}: no such rate (unknown key, or nothing was compared); minimum {min}"
                    ));
                }
            }
        }
    }
    out.line(if ok {
        format!("Minimums: all {count} met")
    } else {
        "Minimums: some rates are below their minimum (see stderr)".to_owned()
    });
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errata_leave_the_rate() {
        let mut a = Agreement::default();
        a.record("a.txt", true, Value::Null, Value::Null);
        a.record(
            "b.txt",
            false,
            Value::from("year 6617"),
            Value::from("year 2026"),
        );
        a.record("c.txt", false, Value::from("x"), Value::Null);
        let errata = vec![Erratum {
            file: "b.txt".to_owned(),
            field: "date".to_owned(),
            reason: "wrong year".to_owned(),
        }];
        apply_errata("number", &mut a.clone(), &errata);
        apply_errata("date", &mut a, &errata);
        a.finish();
        assert_eq!((a.agree, a.compared), (1, 2));
        assert_eq!(a.rate, Some(0.5));
        assert_eq!(a.disagreements.len(), 1);
        assert_eq!(a.sidecar_errors[0].file, "b.txt");
        assert_eq!(a.sidecar_errors[0].reason.as_deref(), Some("wrong year"));
    }

    #[test]
    fn parsed_ids_cover_both_separators() {
        let mut doc = congvan::parse("");
        assert!(parsed_ids(Some(&doc)).is_empty());
        doc.number = Some(congvan::model::Number {
            raw: "Số 36-HD/VPTW".to_owned(),
            number: Some("36".to_owned()),
            year: None,
            symbol: Some("HD/VPTW".to_owned()),
            type_code: Some("HD".to_owned()),
            issuer_codes: vec!["VPTW".to_owned()],
            unit_code: None,
            span: congvan::Span::new(0, 0),
        });
        let ids = parsed_ids(Some(&doc));
        assert!(ids.contains(&"36-HD/VPTW".to_owned()), "{ids:?}");
        assert!(ids.contains(&"36/HD/VPTW".to_owned()), "{ids:?}");
        if let Some(n) = doc.number.as_mut() {
            n.year = Some(2020);
            n.symbol = Some("NĐ-CP".to_owned());
            n.number = Some("30".to_owned());
        }
        assert_eq!(parsed_ids(Some(&doc))[0], "30/2020/NĐ-CP");
    }

    #[test]
    fn dates_show_blank_parts() {
        assert_eq!(show_date(Some(5), None, Some(2024)), "05-?-2024");
    }
}
