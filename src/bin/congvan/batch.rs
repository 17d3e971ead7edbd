//! `congvan batch`: folders in, JSON out, in parallel and resumable.
//!
//! The inputs are walked first (paths only, never contents), sorted, and then
//! processed in parallel. With `--out` every worker reads, parses and writes
//! its own file (temporary name, then rename) on a local rayon pool. With
//! `--jsonl` workers take the files in sorted order and hand their lines to
//! the writer, which puts them back in order; a worker never runs more than
//! a few dozen files ahead of the writer, so memory is bounded by that
//! window, not by the number of files, and no worker waits for a slow
//! neighbour at a window's end.

use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, IsTerminal, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{ArgGroup, Args};
use congvan::{Document, Error, Options, Severity};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::parse_cmd::{describe_error, parse_bytes, Format};
use crate::warn;

/// Exit status when some inputs failed but the batch ran.
const EXIT_SOME_FAILED: u8 = 3;

/// Extensions read when walking a folder (compared without case).
const EXTENSIONS: [&str; 11] = [
    "txt", "md", "markdown", "docx", "doc", "pdf", "png", "jpg", "jpeg", "tif", "tiff",
];

/// Under `--jsonl`, how many files per worker thread may be finished ahead
/// of the one the writer is waiting for (bounds the reorder buffer).
const WINDOW_PER_JOB: usize = 32;

/// Marker in the names of temporary output files.
const TEMP_MARK: &str = ".congvan-tmp";

/// Arguments of `congvan batch`.
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("output").required(true).args(["out", "jsonl"])),
    after_help = "Folders are walked recursively; files ending in .txt, .md or .markdown are \
                  read, other files are skipped and counted. A file named on the command line is \
                  always read. Inputs are processed in sorted path order.\n\n\
                  With --out DIR, `a/b.txt` under an input folder becomes `DIR/a/b.json` (a file \
                  named directly becomes `DIR/<stem>.json`); each file is written to a temporary \
                  name in its folder and renamed, so an interrupted run leaves only whole files. \
                  With --jsonl, each input gives one line, {\"path\":…,\"document\":…} or \
                  {\"path\":…,\"error\":{\"kind\":…,\"message\":…}}, in sorted order whatever \
                  --jobs is.\n\n\
                  --resume (only with --out) skips inputs whose output exists and is newer than \
                  the input; an interrupted run followed by --resume ends with the same output \
                  as one uninterrupted run. --resume with --jsonl is a usage error: rerun the \
                  whole batch instead.\n\n\
                  A summary (files, bytes, seconds, MB/s, failed, documents with warnings) and \
                  each failure are printed on stderr unless --quiet; a progress bar is shown \
                  when stderr is a terminal.\n\n\
                  Exit status: 0 when every input was converted; 3 when some inputs failed (not \
                  readable, not UTF-8, binary, too large, vanished, or a parser bug, kind \
                  `internal_error`: set CONGVAN_BACKTRACE=1 to see it; the others are still \
                  converted); 1 when the batch could not run (output not writable); 2 for usage \
                  errors."
)]
pub(crate) struct BatchArgs {
    /// Files and folders to convert.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,
    /// Write one `<name>.json` per input into DIR, mirroring the input folders.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write JSON Lines to FILE (`-` for standard output), one line per input in sorted order.
    #[arg(long, value_name = "FILE")]
    jsonl: Option<PathBuf>,
    /// Number of worker threads (default: all cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Skip inputs whose output file exists and is newer than the input (only with --out).
    #[arg(long, conflicts_with = "jsonl")]
    resume: bool,
    /// How to read the inputs: `auto` detects Markdown, `text` reads plain text, `markdown`
    /// reads CommonMark with tables.
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    format: Format,
    /// Replace invalid UTF-8 with U+FFFD (and add a diagnostic) instead of failing the input.
    #[arg(long)]
    lossy: bool,
    #[command(flatten)]
    ocr: crate::parse_cmd::OcrArgs,
    /// Print nothing on stderr but errors that stop the batch.
    #[arg(long)]
    quiet: bool,
}

/// One input to convert.
#[derive(Debug)]
struct Item {
    /// The path as found (an argument, or an argument joined with the walked path).
    path: PathBuf,
    /// Where its output goes under `--out`, relative to the output folder.
    rel: PathBuf,
    /// A problem found while walking (an unreadable folder, a missing argument).
    walk_error: Option<Failure>,
}

/// Why one input failed.
#[derive(Debug, Clone)]
struct Failure {
    /// Stable `snake_case` kind: `not_found`, `unreadable`, `invalid_utf8`, `binary`,
    /// `too_large`, `internal_error`, `output_conflict`, `write_failed`.
    kind: &'static str,
    /// A sentence for people.
    message: String,
}

impl Failure {
    fn new(kind: &'static str, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

/// What happened to one input.
#[derive(Debug)]
enum Outcome {
    /// Converted; `line` holds the JSON Lines record under `--jsonl`.
    Done {
        bytes: u64,
        warnings: bool,
        line: Option<String>,
    },
    /// Output already up to date (`--resume`).
    UpToDate,
    /// Failed (already reported on stderr); `line` holds the JSON Lines
    /// error record under `--jsonl`.
    Failed { bytes: u64, line: Option<String> },
}

/// Counts for the summary.
#[derive(Debug, Default)]
struct Totals {
    files: usize,
    converted: usize,
    up_to_date: usize,
    failed: usize,
    with_warnings: usize,
    bytes: u64,
    skipped: usize,
}

/// Where the output goes.
enum Sink {
    /// One file per input under this folder.
    Dir(PathBuf),
    /// JSON Lines to a file or stdout.
    Lines {
        writer: Box<dyn Write>,
        name: String,
    },
}

/// Runs `congvan batch`.
pub(crate) fn run(args: &BatchArgs) -> ExitCode {
    let started = Instant::now();
    let options = args
        .ocr
        .apply(Options::new().format(args.format.into()).lossy(args.lossy))
        // files are spread over the cores: one page at a time each
        .ocr_jobs(1);

    let mut skipped = 0usize;
    let items = collect(&args.inputs, args.out.is_some(), &mut skipped);

    let mut sink = match open_sink(args) {
        Ok(sink) => sink,
        Err(message) => {
            warn(&message);
            return ExitCode::FAILURE;
        }
    };

    let jobs = args.jobs.map(usize::from).unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(1)
    });
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool,
        Err(e) => {
            warn(&format!("cannot start {jobs} worker threads: {e}"));
            return ExitCode::FAILURE;
        }
    };

    // Parser panics are caught per input and reported as `internal_error`
    // failures; the default hook would print a backtrace for each.
    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if std::env::var_os("CONGVAN_BACKTRACE").is_some() {
            default_hook(info);
        }
    }));

    let progress = progress_bar(items.len() as u64, args.quiet);
    let mut totals = Totals {
        files: items.len(),
        skipped,
        ..Totals::default()
    };
    let ctx = Context {
        options: &options,
        resume: args.resume,
        quiet: args.quiet,
        progress: &progress,
    };

    let fatal = match &mut sink {
        Sink::Dir(out) => {
            let done = pool.install(|| {
                items
                    .par_iter()
                    .map(|item| {
                        let outcome = ctx.convert_to_dir(item, out);
                        progress.inc(1);
                        outcome
                    })
                    .fold(Totals::default, Totals::with)
                    .reduce(Totals::default, Totals::merge)
            });
            totals = totals.merge(done);
            None
        }
        Sink::Lines { writer, name } => {
            write_lines_in_order(&ctx, &items, jobs, writer, name, &mut totals)
        }
    };
    progress.finish_and_clear();

    if let Some(message) = fatal {
        if !message.is_empty() {
            warn(&message);
        }
        return ExitCode::FAILURE;
    }
    if !args.quiet {
        warn(&totals.summary(started.elapsed().as_secs_f64()));
    }
    if totals.failed > 0 {
        ExitCode::from(EXIT_SOME_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

/// What every worker needs.
struct Context<'a> {
    options: &'a Options,
    resume: bool,
    quiet: bool,
    progress: &'a ProgressBar,
}

impl Context<'_> {
    /// Converts one input into its file under `out`.
    fn convert_to_dir(&self, item: &Item, out: &Path) -> Outcome {
        let target = out.join(&item.rel);
        if self.resume && up_to_date(&item.path, &target) {
            return Outcome::UpToDate;
        }
        let (bytes, result) = self.parse(item);
        let result = result.and_then(|doc| {
            write_atomic(&target, congvan::to_json(&doc).as_bytes())
                .map(|()| doc)
                .map_err(|e| {
                    Failure::new(
                        "write_failed",
                        format!("cannot write {}: {e}", target.display()),
                    )
                })
        });
        match result {
            Ok(doc) => Outcome::Done {
                bytes,
                warnings: has_warnings(&doc),
                line: None,
            },
            Err(failure) => {
                self.report(item, &failure);
                Outcome::Failed { bytes, line: None }
            }
        }
    }

    /// Converts one input into its JSON Lines record.
    fn convert_to_line(&self, item: &Item) -> Outcome {
        let (bytes, result) = self.parse(item);
        let path = serde_json::to_string(&item.path.to_string_lossy()).unwrap_or_default();
        match result {
            Ok(doc) => Outcome::Done {
                bytes,
                warnings: has_warnings(&doc),
                line: Some(format!(
                    "{{\"path\":{path},\"document\":{}}}\n",
                    congvan::to_json(&doc)
                )),
            },
            Err(failure) => {
                self.report(item, &failure);
                let error = serde_json::json!({"kind": failure.kind, "message": failure.message});
                Outcome::Failed {
                    bytes,
                    line: Some(format!("{{\"path\":{path},\"error\":{error}}}\n")),
                }
            }
        }
    }

    /// Reads and parses one input: the bytes read and the document.
    fn parse(&self, item: &Item) -> (u64, Result<Document, Failure>) {
        if let Some(failure) = &item.walk_error {
            return (0, Err(failure.clone()));
        }
        let bytes = match read_limited(&item.path, self.options.max_size) {
            Ok(bytes) => bytes,
            Err(failure) => return (0, Err(failure)),
        };
        let len = bytes.len() as u64;
        // A parser bug on one document must not end the batch: the panic
        // is recorded as that input's failure.
        let parsed = panic::catch_unwind(AssertUnwindSafe(|| parse_bytes(&bytes, self.options)));
        let Ok(parsed) = parsed else {
            return (
                len,
                Err(Failure::new(
                    "internal_error",
                    "the parser failed on this document (a bug: please report it with the file)",
                )),
            );
        };
        let result = parsed.map_err(|e| {
            let kind = match e {
                Error::InvalidUtf8 { .. } => "invalid_utf8",
                Error::Binary { .. } => "binary",
                Error::TooLarge { .. } => "too_large",
                _ => "unreadable",
            };
            Failure::new(kind, describe_error(&e))
        });
        (len, result)
    }

    /// Prints a failure on stderr (above the progress bar) unless quiet.
    fn report(&self, item: &Item, failure: &Failure) {
        if !self.quiet {
            let line = format!("congvan: {}: {}", item.path.display(), failure.message);
            self.progress.suspend(|| eprintln!("{line}"));
        }
    }
}

impl Totals {
    /// These counts with one more outcome.
    fn with(mut self, outcome: Outcome) -> Self {
        match outcome {
            Outcome::Done {
                bytes, warnings, ..
            } => {
                self.converted += 1;
                self.bytes += bytes;
                self.with_warnings += usize::from(warnings);
            }
            Outcome::UpToDate => self.up_to_date += 1,
            Outcome::Failed { bytes, .. } => {
                self.failed += 1;
                self.bytes += bytes;
            }
        }
        self
    }

    /// The sum of two sets of counts.
    fn merge(self, other: Self) -> Self {
        Self {
            files: self.files + other.files,
            converted: self.converted + other.converted,
            up_to_date: self.up_to_date + other.up_to_date,
            failed: self.failed + other.failed,
            with_warnings: self.with_warnings + other.with_warnings,
            bytes: self.bytes + other.bytes,
            skipped: self.skipped + other.skipped,
        }
    }

    /// The closing line.
    fn summary(&self, seconds: f64) -> String {
        let mb = self.bytes as f64 / 1e6;
        let rate = if seconds > 0.0 { mb / seconds } else { 0.0 };
        format!(
            "batch: {} files ({} converted, {} up to date, {} failed), {} skipped (not \
             .txt/.md/.markdown/.docx/.doc/.pdf/.png/.jpg/.tif), {} bytes in {seconds:.2} s ({rate:.2} MB/s), \
             {} documents with warnings",
            self.files,
            self.converted,
            self.up_to_date,
            self.failed,
            self.skipped,
            self.bytes,
            self.with_warnings
        )
    }
}

/// Whether a document has a diagnostic of warning or error severity.
fn has_warnings(doc: &Document) -> bool {
    doc.diagnostics
        .iter()
        .any(|d| matches!(d.severity, Severity::Warning | Severity::Error))
}

/// The progress bar: drawn on stderr only when it is a terminal.
fn progress_bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{elapsed_precise} [{bar:40}] {pos}/{len} files ({eta} left)")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Opens the output: creates and probes the folder, or opens the JSON Lines file.
fn open_sink(args: &BatchArgs) -> Result<Sink, String> {
    if let Some(out) = &args.out {
        fs::create_dir_all(out)
            .map_err(|e| format!("cannot create output folder {}: {e}", out.display()))?;
        probe_writable(out)
            .map_err(|e| format!("output folder {} is not writable: {e}", out.display()))?;
        remove_stale_temps(out);
        return Ok(Sink::Dir(out.clone()));
    }
    let path = args.jsonl.as_deref().unwrap_or(Path::new("-"));
    if path == Path::new("-") {
        return Ok(Sink::Lines {
            writer: Box::new(io::stdout()),
            name: "standard output".to_owned(),
        });
    }
    let file = File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    Ok(Sink::Lines {
        writer: Box::new(file),
        name: path.display().to_string(),
    })
}

/// Creates and removes a file in `dir`.
fn probe_writable(dir: &Path) -> io::Result<()> {
    let probe = dir.join(format!("{TEMP_MARK}-probe-{}", std::process::id()));
    File::create(&probe)?;
    fs::remove_file(&probe)
}

/// Removes temporary files left in `dir` by a run that was killed.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            remove_stale_temps(&path);
        } else if kind.is_file() && is_temp_name(&entry.file_name()) {
            let _ = fs::remove_file(&path);
        }
    }
}

/// Whether a file name is one of ours for a file being written.
fn is_temp_name(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') && name.contains(TEMP_MARK)
}

/// Writes `bytes` to `target` through a temporary file in the same folder.
fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}{TEMP_MARK}-{}", std::process::id()));
    let result = File::create(&temp)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| fs::rename(&temp, target));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Whether `output` exists and was modified after `input`.
fn up_to_date(input: &Path, output: &Path) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(input), modified(output)) {
        (Some(i), Some(o)) => o > i,
        _ => false,
    }
}

/// Reads a file, refusing one over `limit` bytes without reading it.
fn read_limited(path: &Path, limit: usize) -> Result<Vec<u8>, Failure> {
    let io_failure = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => Failure::new("not_found", "no such file (vanished?)"),
        io::ErrorKind::PermissionDenied => Failure::new("unreadable", "permission denied"),
        _ => Failure::new("unreadable", e.to_string()),
    };
    let file = File::open(path).map_err(io_failure)?;
    let meta = file.metadata().map_err(io_failure)?;
    if meta.is_dir() {
        return Err(Failure::new("unreadable", "is a directory"));
    }
    let too_large = |size: u64| {
        Failure::new(
            "too_large",
            format!("input is {size} bytes, over the limit of {limit} bytes"),
        )
    };
    if meta.len() > limit as u64 {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Read at most one byte past the limit: a file that grew is still refused.
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io_failure)?;
    if bytes.len() > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Walks the inputs: the files to convert in sorted order, with `skipped`
/// counting files with other extensions. With `to_dir`, two inputs that would
/// write the same output file are a failure of the second.
fn collect(inputs: &[PathBuf], to_dir: bool, skipped: &mut usize) -> Vec<Item> {
    let mut items = Vec::new();
    for input in inputs {
        match fs::metadata(input) {
            Ok(meta) if meta.is_dir() => walk(input, Path::new(""), &mut items, skipped),
            Ok(_) => {
                let stem = input.file_stem().unwrap_or(input.as_os_str());
                items.push(Item {
                    path: input.clone(),
                    rel: Path::new(stem).with_extension("json"),
                    walk_error: None,
                });
            }
            Err(e) => items.push(Item {
                path: input.clone(),
                rel: PathBuf::new(),
                walk_error: Some(match e.kind() {
                    io::ErrorKind::NotFound => Failure::new("not_found", "no such file or folder"),
                    _ => Failure::new("unreadable", e.to_string()),
                }),
            }),
        }
    }
    items.sort_by(|a, b| a.path.cmp(&b.path));
    items.dedup_by(|a, b| a.path == b.path);
    if to_dir {
        mark_conflicts(&mut items);
    }
    items
}

/// Marks every input whose output path was already taken by an earlier one.
fn mark_conflicts(items: &mut [Item]) {
    let mut seen: std::collections::HashMap<PathBuf, PathBuf> = std::collections::HashMap::new();
    for item in items.iter_mut() {
        if item.walk_error.is_some() {
            continue;
        }
        if let Some(first) = seen.get(&item.rel) {
            item.walk_error = Some(Failure::new(
                "output_conflict",
                format!(
                    "its output {} is already the output of {}",
                    item.rel.display(),
                    first.display()
                ),
            ));
        } else {
            seen.insert(item.rel.clone(), item.path.clone());
        }
    }
}

/// Walks `root/rel` recursively; symbolic links to folders are not followed.
fn walk(root: &Path, rel: &Path, items: &mut Vec<Item>, skipped: &mut usize) {
    let dir = root.join(rel);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => {
            items.push(Item {
                path: dir,
                rel: PathBuf::new(),
                walk_error: Some(Failure::new(
                    "unreadable",
                    format!("cannot read folder: {e}"),
                )),
            });
            return;
        }
    };
    let mut names: Vec<_> = entries.flatten().collect();
    names.sort_by_key(|e| e.file_name());
    for entry in names {
        let child = rel.join(entry.file_name());
        let Ok(kind) = entry.file_type() else {
            *skipped += 1;
            continue;
        };
        if kind.is_dir() {
            walk(root, &child, items, skipped);
            continue;
        }
        let is_file = kind.is_file()
            || (kind.is_symlink() && fs::metadata(entry.path()).is_ok_and(|m| m.is_file()));
        let wanted = child
            .extension()
            .and_then(OsStr::to_str)
            .is_some_and(|ext| EXTENSIONS.iter().any(|w| w.eq_ignore_ascii_case(ext)));
        if is_file && wanted {
            items.push(Item {
                path: root.join(&child),
                rel: child.with_extension("json"),
                walk_error: None,
            });
        } else {
            *skipped += 1;
        }
    }
}

/// `--jsonl`: `jobs` workers convert `items` in sorted order; the calling
/// thread writes their lines in that order, whole lines only. Returns a
/// fatal message when the output cannot be written (empty for a closed pipe).
fn write_lines_in_order(
    ctx: &Context<'_>,
    items: &[Item],
    jobs: usize,
    writer: &mut dyn Write,
    name: &str,
    totals: &mut Totals,
) -> Option<String> {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    let ahead = jobs.max(1) * WINDOW_PER_JOB;
    let next = AtomicUsize::new(0);
    let written = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Outcome)>(ahead);
    let mut fatal = None;
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            let tx = tx.clone();
            let (next, written, stop) = (&next, &written, &stop);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= items.len() || stop.load(Ordering::Relaxed) {
                    break;
                }
                // stay at most `ahead` files ahead of the writer
                while i >= written.load(Ordering::Acquire) + ahead && !stop.load(Ordering::Relaxed)
                {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
                let outcome = ctx.convert_to_line(&items[i]);
                ctx.progress.inc(1);
                if tx.send((i, outcome)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, Outcome> = BTreeMap::new();
        let mut want = 0;
        let mut buf: Vec<u8> = Vec::new();
        let mut flush = |buf: &mut Vec<u8>| -> Result<(), String> {
            let result = writer.write_all(buf).and_then(|()| writer.flush());
            buf.clear();
            result.map_err(|e| {
                if e.kind() == io::ErrorKind::BrokenPipe {
                    String::new()
                } else {
                    format!("cannot write {name}: {e}")
                }
            })
        };
        for (i, outcome) in rx {
            pending.insert(i, outcome);
            while let Some(outcome) = pending.remove(&want) {
                if let Outcome::Done {
                    line: Some(line), ..
                }
                | Outcome::Failed {
                    line: Some(line), ..
                } = &outcome
                {
                    buf.extend_from_slice(line.as_bytes());
                }
                *totals = std::mem::take(totals).with(outcome);
                want += 1;
            }
            written.store(want, Ordering::Release);
            if buf.len() >= 1 << 20 {
                if let Err(e) = flush(&mut buf) {
                    fatal = Some(e);
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
            }
        }
        if fatal.is_none() && !buf.is_empty() {
            if let Err(e) = flush(&mut buf) {
                fatal = Some(e);
            }
        }
        stop.store(true, Ordering::Relaxed);
    });
    fatal
}
