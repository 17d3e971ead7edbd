//! `congvan report`: how well the parser does on a corpus.
//!
//! Four parts: field coverage over `--corpus`, agreement with the corpus's
//! `.meta.json` sidecars (number, date, type, citations), scores against the
//! hand-checked `.gold.json` answers of `--ocr`, and a comparison with a
//! previous run (`--baseline`). `--json` writes every figure; `--min` checks
//! rates against minimums.
//!
//! # JSON output (`--json`)
//!
//! ```text
//! schema      "congvan-report/1"
//! coverage    {files, panics, failures, fields: {FIELD: count}, panicked: [..], failed: [..]}
//! sidecar     {number|date|doc_type: AGREEMENT}
//! citations   {files, expected, found, matched, precision, recall, per_file: {FILE: {missed, extra}}}
//! ocr         {FIELD: AGREEMENT}            (FIELD as in the gold files, date as date.year/.month/.day)
//! rates       {KEY: rate in [0, 1]}         (only where something was compared)
//! outcomes    {KEY: {FILE: agrees?}}        (what --baseline compares per file)
//! AGREEMENT = {agree, compared, rate, disagreements: [MISS], sidecar_errors: [MISS], not_compared: [FILE]}
//! MISS      = {file, expected, parsed, reason}
//! ```
//!
//! Rate keys (also the keys of the `--min` file): `coverage.FIELD` (share of
//! documents with a value, FIELD from [`COVERAGE_FIELDS`]), `sidecar.number`,
//! `sidecar.date`, `sidecar.doc_type`, `citations.precision`,
//! `citations.recall`, and `ocr.FIELD` (FIELD from [`crate::gold::FIELDS`]).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use congvan::{Document, Options};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::compare::{fmt_rate, fold_loose, norm_id, rate};
use crate::parse_cmd::{describe_error, parse_bytes};
use crate::sidecar::{self, Erratum, Sidecar};
use crate::{gold, warn};

/// Arguments of `congvan report`.
#[derive(Debug, Args)]
#[command(
    after_help = "Rate keys for --min: coverage.FIELD, sidecar.number, sidecar.date, \
                        sidecar.doc_type, citations.precision, citations.recall, ocr.FIELD \
                        (the keys of \"rates\" in the --json output).\n\n\
                        Exit status: 0 when the report ran (and every rate meets its minimum); \
                        1 when a rate is below its minimum, a --min key has no figure, or a \
                        --json/--baseline/--min file cannot be written or read; 2 for usage errors."
)]
pub(crate) struct ReportArgs {
    /// Corpus folder: every `*.txt` is parsed for coverage; a `NAME.meta.json` beside
    /// `NAME.txt` is compared with the parse. Skipped with a note when absent.
    #[arg(long, value_name = "DIR", default_value = "../shared/corpus")]
    corpus: PathBuf,
    /// OCR folder: every `NAME.txt` with a `NAME.gold.json` is scored against that answer.
    /// Skipped with a note when absent.
    #[arg(long, value_name = "DIR", default_value = "../shared/corpus-ocr")]
    ocr: PathBuf,
    /// Write every figure (counts, rates, misses, per-file outcomes) to FILE as JSON.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Compare with a previous `--json` output: rate gains and losses, and the files that
    /// newly agree or newly disagree.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// A JSON object of minimum rates (`{"sidecar.number": 0.9, "ocr.subject": 0.5}`);
    /// exit 1 listing every rate below its minimum.
    #[arg(long, value_name = "FILE")]
    min: Option<PathBuf>,
}

/// The fields counted by the coverage table.
pub(crate) const COVERAGE_FIELDS: &[&str] = &[
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
struct Figures {
    /// `congvan-report/1`.
    schema: String,
    /// Field coverage.
    coverage: Coverage,
    /// Sidecar agreement per field.
    sidecar: BTreeMap<String, Agreement>,
    /// Citation precision and recall against sidecars.
    citations: Citations,
    /// OCR gold scores per field.
    ocr: BTreeMap<String, Agreement>,
    /// Every rate, by key.
    rates: BTreeMap<String, f64>,
    /// Per rate key, whether each file agrees.
    outcomes: BTreeMap<String, BTreeMap<String, bool>>,
}

/// Coverage counts.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct Coverage {
    /// Documents read.
    files: usize,
    /// Parses that panicked.
    panics: usize,
    /// Inputs that could not be read or decoded.
    failures: usize,
    /// Documents with a value, per field.
    fields: BTreeMap<String, usize>,
    /// Files whose parse panicked, with the panic message.
    panicked: Vec<Problem>,
    /// Files that could not be read or decoded, with the reason.
    failed: Vec<Problem>,
}

/// A file and what went wrong.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Problem {
    /// The file name.
    file: String,
    /// What happened.
    message: String,
}

/// Agreement on one field.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
struct Agreement {
    /// Comparisons that agree.
    agree: usize,
    /// Comparisons counted in the rate.
    compared: usize,
    /// `agree / compared`, `None` when nothing was compared.
    rate: Option<f64>,
    /// Disagreements counted in the rate.
    disagreements: Vec<Miss>,
    /// Disagreements that are the sidecar's fault (`sidecar_errata.tsv`), not in the rate.
    sidecar_errors: Vec<Miss>,
    /// Files whose reference has no usable value for this field.
    not_compared: Vec<String>,
}

/// One disagreement.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Miss {
    /// The file.
    file: String,
    /// The reference value (sidecar or gold).
    expected: Value,
    /// The parsed value.
    parsed: Value,
    /// Why the reference is wrong, for known sidecar errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

/// Citation figures.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct Citations {
    /// Files with a non-empty expected list.
    files: usize,
    /// Expected identifiers.
    expected: usize,
    /// Parsed identifiers.
    found: usize,
    /// Parsed identifiers that were expected.
    matched: usize,
    /// `matched / found`.
    precision: Option<f64>,
    /// `matched / expected`.
    recall: Option<f64>,
    /// Misses per file.
    per_file: BTreeMap<String, CitationMisses>,
}

/// Citation misses of one file.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct CitationMisses {
    /// Expected but not parsed.
    missed: Vec<String>,
    /// Parsed but not in the sidecar (the sidecar may be incomplete).
    extra: Vec<String>,
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
                reason: None,
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
struct Out(String);

impl Out {
    /// Appends a line.
    fn line(&mut self, s: impl AsRef<str>) {
        self.0.push_str(s.as_ref());
        self.0.push('\n');
    }
}

/// Runs `congvan report`.
pub(crate) fn run(args: &ReportArgs) -> ExitCode {
    let mut figures = Figures {
        schema: "congvan-report/1".to_owned(),
        ..Figures::default()
    };
    let mut out = Out::default();
    let mut status = ExitCode::SUCCESS;

    if args.corpus.is_dir() {
        corpus_part(&args.corpus, &mut figures, &mut out);
    } else {
        warn(&format!(
            "{}: corpus folder not found; skipping coverage and sidecar agreement",
            args.corpus.display()
        ));
    }
    if args.ocr.is_dir() {
        ocr_part(&args.ocr, &mut figures, &mut out);
    } else {
        warn(&format!(
            "{}: OCR folder not found; skipping the OCR gold scores",
            args.ocr.display()
        ));
    }
    collect_rates(&mut figures);

    if let Some(path) = &args.baseline {
        match read_json::<Figures>(path) {
            Ok(base) => baseline_part(&base, &figures, &mut out),
            Err(e) => {
                warn(&format!("{}: {e}", path.display()));
                status = ExitCode::FAILURE;
            }
        }
    }
    if let Some(path) = &args.json {
        let text = serde_json::to_string_pretty(&figures).unwrap_or_default();
        if let Err(e) = std::fs::write(path, text + "\n") {
            warn(&format!("{}: cannot write: {e}", path.display()));
            status = ExitCode::FAILURE;
        }
    }
    if let Some(path) = &args.min {
        match read_json::<BTreeMap<String, f64>>(path) {
            Ok(mins) => {
                if !check_minimums(&mins, &figures.rates, &mut out) {
                    status = ExitCode::FAILURE;
                }
            }
            Err(e) => {
                warn(&format!("{}: {e}", path.display()));
                status = ExitCode::FAILURE;
            }
        }
    }

    let stdout = io::stdout();
    let mut lock = stdout.lock();
    if let Err(e) = lock.write_all(out.0.as_bytes()).and_then(|()| lock.flush()) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            warn(&format!("cannot write output: {e}"));
            return ExitCode::FAILURE;
        }
    }
    status
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
enum Parsed {
    /// The document.
    Doc(Box<Document>),
    /// The parser panicked, with this message.
    Panic(String),
    /// The file could not be read or decoded.
    Failed(String),
}

/// Reads and parses one file, catching a panic.
fn parse_file(path: &Path, options: &Options) -> Parsed {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Parsed::Failed(e.to_string()),
    };
    match panic::catch_unwind(AssertUnwindSafe(|| parse_bytes(&bytes, options))) {
        Ok(Ok(doc)) => Parsed::Doc(Box::new(doc)),
        Ok(Err(e)) => Parsed::Failed(describe_error(&e)),
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

/// Parses every file of a folder, silencing the panic hook meanwhile.
fn parse_all(dir: &Path, names: &[String]) -> Vec<(String, Parsed)> {
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
fn corpus_part(dir: &Path, figures: &mut Figures, out: &mut Out) {
    let names = text_files(dir);
    let parsed = parse_all(dir, &names);
    let cov = &mut figures.coverage;
    cov.files = names.len();
    for field in COVERAGE_FIELDS {
        cov.fields.insert((*field).to_owned(), 0);
    }
    for (name, p) in &parsed {
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
                    warn(&format!("{}: {e}", path.display()));
                    None
                }
            }
        })
        .collect();
    sidecar_part(&docs, figures, out);
    citations_part(&docs, figures, out);
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
fn sidecar_part(docs: &[(&str, Option<&Document>, Sidecar)], figures: &mut Figures, out: &mut Out) {
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
    figures: &mut Figures,
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

/// Scores against the OCR gold answers.
fn ocr_part(dir: &Path, figures: &mut Figures, out: &mut Out) {
    let names: Vec<String> = text_files(dir)
        .into_iter()
        .filter(|n| gold_path(dir, n).is_file())
        .collect();
    let parsed = parse_all(dir, &names);
    let mut fields: BTreeMap<&'static str, Agreement> = BTreeMap::new();
    let mut problems = Vec::new();
    for (name, p) in &parsed {
        let gold_value = match read_json::<Value>(&gold_path(dir, name)) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{name}: gold file: {e}"));
                continue;
            }
        };
        let empty;
        let doc = match p {
            Parsed::Doc(d) => d.as_ref(),
            Parsed::Panic(m) => {
                problems.push(format!("{name}: panic: {m}"));
                empty = congvan::parse("");
                &empty
            }
            Parsed::Failed(m) => {
                problems.push(format!("{name}: {m}"));
                empty = congvan::parse("");
                &empty
            }
        };
        for s in gold::score(doc, &gold_value) {
            fields
                .entry(s.field)
                .or_default()
                .record(name, s.correct, s.gold, s.parsed);
            figures
                .outcomes
                .entry(format!("ocr.{}", s.field))
                .or_default()
                .insert(name.clone(), s.correct);
        }
    }
    out.line(format!(
        "OCR gold ({}, {} documents; date scored as year, month and day separately)",
        dir.display(),
        names.len()
    ));
    for p in &problems {
        out.line(format!("  {p}"));
    }
    for field in gold::FIELDS {
        let mut a = fields.remove(field).unwrap_or_default();
        a.finish();
        print_agreement(field, &a, "gold", out);
        figures.ocr.insert((*field).to_owned(), a);
    }
    out.line("");
}

/// The gold file beside a text file.
fn gold_path(dir: &Path, name: &str) -> PathBuf {
    let stem = name.strip_suffix(".txt").unwrap_or(name);
    dir.join(format!("{stem}.gold.json"))
}

/// Fills [`Figures::rates`] from the counts.
fn collect_rates(f: &mut Figures) {
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
        f.rates.insert("citations.precision".to_owned(), r);
    }
    if let Some(r) = f.citations.recall {
        f.rates.insert("citations.recall".to_owned(), r);
    }
    for (field, a) in &f.ocr {
        if let Some(r) = a.rate {
            f.rates.insert(format!("ocr.{field}"), r);
        }
    }
}

/// Prints the changes since a baseline run.
fn baseline_part(base: &Figures, now: &Figures, out: &mut Out) {
    out.line("Changes since the baseline");
    let keys: BTreeSet<&String> = base.rates.keys().chain(now.rates.keys()).collect();
    let mut changed = false;
    for key in keys {
        let (b, n) = (base.rates.get(key), now.rates.get(key));
        let show = |r: Option<&f64>| r.map_or("n/a".to_owned(), |r| format!("{:.1}%", r * 100.0));
        let delta = match (b, n) {
            (Some(b), Some(n)) if (n - b).abs() < 1e-12 => continue,
            (Some(b), Some(n)) if n > b => "gain",
            (Some(_), Some(_)) => "loss",
            (None, Some(_)) => "new",
            (Some(_), None) => "gone",
            (None, None) => continue,
        };
        changed = true;
        out.line(format!("  {key:<28} {} -> {} ({delta})", show(b), show(n)));
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
            out.line(format!("  {key}: newly agree: {}", gained.join(", ")));
        }
        if !lost.is_empty() {
            changed = true;
            out.line(format!("  {key}: newly disagree: {}", lost.join(", ")));
        }
    }
    if !changed {
        out.line("  no change");
    }
    out.line("");
}

/// Checks the rates against the minimums; prints and returns whether all pass.
fn check_minimums(
    mins: &BTreeMap<String, f64>,
    rates: &BTreeMap<String, f64>,
    out: &mut Out,
) -> bool {
    let mut ok = true;
    for (key, min) in mins {
        match rates.get(key) {
            Some(r) if r >= min => {}
            Some(r) => {
                ok = false;
                warn(&format!("{key}: rate {r:.4} is below the minimum {min}"));
            }
            None => {
                ok = false;
                warn(&format!(
                    "{key}: no such rate (unknown key, or nothing was compared); minimum {min}"
                ));
            }
        }
    }
    out.line(if ok {
        format!("Minimums: all {} met", mins.len())
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
