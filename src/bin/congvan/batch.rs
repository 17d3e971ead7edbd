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

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, IsTerminal, Write};
use std::os::unix::fs::MetadataExt;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use clap::{ArgGroup, Args};
use congvan::{Document, Error, Options, Severity};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use tempfile::NamedTempFile;

use crate::input::{parse_size, read_file, DEFAULT_MAX_SIZE};
use crate::manifest::{Fingerprint, Manifest};
use crate::names::{output_name, shown};
use crate::output::{self, Lock};
use crate::parse_cmd::{describe_error, parse_bytes, Format};
use crate::shape::{self, Shape};
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

/// Under `--jsonl`, a worker hands its finished files to the writer in runs
/// of at most this many, so that the writer is woken once per run rather
/// than once per file (a wake-up per file cost 5–8% of `--jobs 1`)…
const RUN_MAX: usize = 64;

/// … and at most this long after the run's first file began, so that slow
/// files (OCR, large PDFs) are written as soon as they are done.
const RUN_TIME: std::time::Duration = std::time::Duration::from_millis(5);

/// `--jobs` beyond this many threads per core is capped (with a warning):
/// the work is CPU-bound, more threads only cost memory.
const JOBS_PER_CORE: usize = 4;

/// The folder, inside `--out`, of the run's lock and manifest.
const STATE_DIR: &str = ".congvan";

/// Arguments of `congvan batch`.
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("output").args(["out", "jsonl"])),
    after_help = "Folders are walked recursively; files ending in .txt, .md or .markdown are \
                  read, other files are skipped and counted. A file named on the command line is \
                  always read. Symbolic links to files are followed; links to folders are not. \
                  Inputs are processed in sorted path order; one file named several ways (`p`, \
                  `./p`, `sub/../p`) is one input.\n\n\
                  With --out DIR, `a/b.txt` under an input folder becomes `DIR/a/b.json` (a file \
                  named directly becomes `DIR/<stem>.json`; a name that would start with a dot \
                  starts with `_`); each file is written to a temporary name in its folder, synced \
                  and renamed, so an interrupted run leaves only whole files. DIR/.congvan/ holds \
                  the run's lock and its manifest (what each output was made from). \
                  With --jsonl, each input gives one line, {\"path\":…,\"document\":…} or \
                  {\"path\":…,\"error\":{\"kind\":…,\"message\":…}} (plus \"path_bytes\", the \
                  name's bytes, when it is not UTF-8), in sorted order whatever --jobs is; the \
                  file is written beside FILE under a temporary name and renamed over it only when \
                  the run completes, so FILE is either the previous file or the whole new one. \
                  FILE may not be one of the inputs.\n\n\
                  With --files-from LIST (`-` for standard input), the inputs are the paths \
                  listed in LIST, one per line (or separated by NUL bytes with -0), in the order \
                  given: nothing is walked, sorted or merged, each listed path is read as a file \
                  and gives exactly one record, even when listed twice; empty entries are \
                  ignored. Without --out or --jsonl the JSON Lines go to standard output. This \
                  is the contract for other engines (xargs, GNU parallel, Spark's RDD.pipe): \
                  paths in, one JSON line per path out in the same order, errors as data.\n\n\
                  One run at a time per output: a second run on the same --out folder or --jsonl \
                  file says it is locked and exits with status 1.\n\n\
                  --resume (only with --out) skips inputs whose output was made, by this congvan \
                  version with the same --format and --lossy, from an input of the same size, \
                  modification time and content (per the manifest); an interrupted run followed \
                  by --resume ends with the same output as one uninterrupted run. Outputs whose \
                  input is gone are listed, and removed with --prune. --resume with --jsonl is a \
                  usage error: rerun the whole batch instead.\n\n\
                  A summary (files, bytes, seconds, MB/s, failed, documents with warnings, and pages read by OCR with pages/s when there are scans) and \
                  each failure are printed on stderr unless --quiet; a progress bar is shown \
                  when stderr is a terminal.\n\n\
                  Exit status: 0 when every input was converted; 3 when some inputs failed (not \
                  readable, not a regular file, not UTF-8, binary, too large, vanished, or a \
                  parser bug, kind `internal_error`: set CONGVAN_BACKTRACE=1 to see it; the \
                  others are still converted); 1 when the batch could not run or stopped (output \
                  not writable, locked, one of the inputs, or the disk full); 2 for usage errors."
)]
pub(crate) struct BatchArgs {
    /// Files and folders to convert.
    #[arg(value_name = "INPUT", required_unless_present = "files_from")]
    inputs: Vec<PathBuf>,
    /// Read the paths to convert from LIST (`-` for standard input), one per line, and keep
    /// their order; JSON Lines go to standard output unless --out or --jsonl is given.
    #[arg(long, value_name = "LIST", conflicts_with = "inputs")]
    files_from: Option<PathBuf>,
    /// With --files-from: the paths are separated by NUL bytes, not newlines.
    #[arg(short = '0', long = "null")]
    null: bool,
    /// Write one `<name>.json` per input into DIR, mirroring the input folders.
    #[arg(long, value_name = "DIR", required_unless_present_any = ["jsonl", "files_from"])]
    out: Option<PathBuf>,
    /// Write JSON Lines to FILE (`-` for standard output), one line per input in sorted order
    /// (in the listed order with --files-from).
    #[arg(long, value_name = "FILE", required_unless_present_any = ["out", "files_from"])]
    jsonl: Option<PathBuf>,
    /// Number of worker threads (default: all cores; at most 4 per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Skip inputs whose output is up to date per the manifest (only with --out).
    #[arg(long, conflicts_with = "jsonl")]
    resume: bool,
    /// Remove the outputs whose input is gone (only with --out).
    #[arg(long, conflicts_with = "jsonl")]
    prune: bool,
    /// How to read the inputs: `auto` detects Markdown, `text` reads plain text, `markdown`
    /// reads CommonMark with tables.
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    format: Format,
    /// Replace invalid UTF-8 with U+FFFD (and add a diagnostic) instead of failing the input.
    #[arg(long)]
    lossy: bool,
    /// Embed in each document the text its spans index, as `source.text`.
    #[arg(long)]
    with_text: bool,
    /// Refuse inputs larger than SIZE (bytes, or with a unit: 512K, 64M, 1G).
    #[arg(long, value_name = "SIZE", default_value = DEFAULT_MAX_SIZE, value_parser = parse_size)]
    max_size: usize,
    #[command(flatten)]
    ocr: crate::parse_cmd::OcrArgs,
    #[command(flatten)]
    shape: Shape,
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
    /// Stable `snake_case` kind: `not_found`, `unreadable`, `not_a_file`, `invalid_utf8`,
    /// `binary`, `too_large`, `internal_error`, `output_conflict`, `write_failed`.
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
        /// Pages read by OCR (or from its cache).
        ocr_pages: usize,
        line: Option<Vec<u8>>,
    },
    /// Output already up to date (`--resume`).
    UpToDate,
    /// Failed (already reported on stderr); `line` holds the JSON Lines
    /// error record under `--jsonl`.
    Failed { bytes: u64, line: Option<Vec<u8>> },
    /// Not attempted: the batch had stopped.
    NotRun,
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
    ocr_pages: usize,
}

/// Where the output goes.
enum Sink {
    /// One file per input under this folder.
    Dir {
        out: PathBuf,
        manifest: Manifest,
        _lock: Lock,
    },
    /// JSON Lines.
    Lines(Lines),
}

/// Where JSON Lines go.
enum Lines {
    /// Standard output.
    Stdout,
    /// A device or pipe named as the target (`/dev/null`, `/dev/stdout`):
    /// written in place, there is nothing to rename.
    Device { file: File, name: String },
    /// A regular file: a temporary file beside it, renamed over it at the end.
    File {
        temp: NamedTempFile,
        target: PathBuf,
        _lock: Lock,
    },
}

/// Runs `congvan batch`.
pub(crate) fn run(args: &BatchArgs) -> ExitCode {
    let started = Instant::now();
    reject_null_without_list(args);
    let options = options(args);

    let mut skipped = 0usize;
    let items = match items(args, &mut skipped) {
        Ok(items) => items,
        Err(message) => {
            warn(&message);
            return ExitCode::FAILURE;
        }
    };

    let mut sink = match open_sink(args, &items) {
        Ok(sink) => sink,
        Err(message) => {
            warn(&message);
            return ExitCode::FAILURE;
        }
    };

    let jobs = jobs(args.jobs, args.quiet);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool,
        Err(e) => {
            warn(&format!("cannot start {jobs} worker threads: {e}"));
            return ExitCode::FAILURE;
        }
    };
    quiet_panics();

    let progress = progress_bar(items.len() as u64, args.quiet);
    let mut totals = Totals {
        files: items.len(),
        skipped,
        ..Totals::default()
    };
    let ctx = Context {
        options: &options,
        shape: args.shape,
        resume: args.resume,
        listed: args.files_from.is_some(),
        quiet: args.quiet,
        progress: &progress,
        stop: AtomicBool::new(false),
        fatal: Mutex::new(None),
    };

    let fatal = match &mut sink {
        Sink::Dir { out, manifest, .. } => {
            let (done, fatal) = write_dir(&ctx, &pool, &items, out, manifest, args.prune);
            totals = totals.merge(done);
            fatal
        }
        Sink::Lines(lines) => write_jsonl(&ctx, &items, jobs, lines, &mut totals),
    };
    progress.finish_and_clear();
    exit_code(args.quiet, &totals, fatal, started)
}

/// Stops with a usage error when `-0` comes without `--files-from`.
fn reject_null_without_list(args: &BatchArgs) {
    if args.null && args.files_from.is_none() {
        // clap's `requires` does not apply to a flag's default: checked here
        clap::Error::raw(
            clap::error::ErrorKind::MissingRequiredArgument,
            "-0/--null separates the paths of --files-from: give --files-from LIST too\n",
        )
        .exit();
    }
}

/// The parse options of the command line.
fn options(args: &BatchArgs) -> Options {
    args.ocr
        .apply(
            Options::new()
                .format(args.format.into())
                .lossy(args.lossy)
                .max_size(args.max_size)
                .with_text(args.with_text),
        )
        // files are spread over the cores: one page at a time each
        .ocr_jobs(1)
}

/// The inputs: those of `--files-from`, or the files and folders named
/// (counting into `skipped` those left out).
fn items(args: &BatchArgs, skipped: &mut usize) -> Result<Vec<Item>, String> {
    match &args.files_from {
        Some(list) => read_list(list, args.null).map(|paths| listed(paths, args.out.is_some())),
        None => Ok(collect(&args.inputs, args.out.is_some(), skipped)),
    }
}

/// Parser panics are caught per input and reported as `internal_error`
/// failures; the default hook would print a backtrace for each (unless
/// `CONGVAN_BACKTRACE` is set).
fn quiet_panics() {
    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if std::env::var_os("CONGVAN_BACKTRACE").is_some() {
            default_hook(info);
        }
    }));
}

/// Converts `items` into one file each under `out`, then saves the
/// manifest and reports (or, with `prune`, removes) the outputs whose input
/// is gone. The counts, and the message that stopped the run, if any.
fn write_dir(
    ctx: &Context<'_>,
    pool: &rayon::ThreadPool,
    items: &[Item],
    out: &Path,
    manifest: &Manifest,
    prune: bool,
) -> (Totals, Option<String>) {
    let done = pool.install(|| {
        items
            .par_iter()
            .map(|item| {
                let outcome = ctx.convert_to_dir(item, out, manifest);
                ctx.progress.inc(1);
                outcome
            })
            .fold(Totals::default, Totals::with)
            .reduce(Totals::default, Totals::merge)
    });
    let mut fatal = ctx.fatal.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Err(e) = manifest.save() {
        fatal.get_or_insert(format!(
            "cannot write the manifest in {}: {e}",
            out.display()
        ));
    }
    if fatal.is_none() {
        ctx.progress
            .suspend(|| orphans(out, manifest, prune, ctx.quiet));
    }
    (done, fatal)
}

/// The exit status, after the message that stopped the run or else the
/// summary (unless `quiet`).
fn exit_code(quiet: bool, totals: &Totals, fatal: Option<String>, started: Instant) -> ExitCode {
    if let Some(message) = fatal {
        if !message.is_empty() {
            warn(&message);
        }
        return ExitCode::FAILURE;
    }
    if !quiet {
        warn(&totals.summary(started.elapsed().as_secs_f64()));
    }
    if totals.failed > 0 {
        ExitCode::from(EXIT_SOME_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

/// The number of worker threads: `--jobs`, capped at a few per core.
fn jobs(asked: Option<u16>, quiet: bool) -> usize {
    let cores = std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1);
    let Some(asked) = asked.map(usize::from) else {
        return cores;
    };
    let most = cores * JOBS_PER_CORE;
    if asked > most {
        if !quiet {
            warn(&format!(
                "--jobs {asked} is more than {JOBS_PER_CORE} per core ({cores} cores): using {most}"
            ));
        }
        return most;
    }
    asked
}

/// Lists the outputs whose input is gone; removes them with `prune`.
fn orphans(out: &Path, manifest: &Manifest, prune: bool, quiet: bool) {
    for (output, input) in manifest.orphans() {
        let target = out.join(&output);
        if prune {
            match fs::remove_file(&target) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => {
                    warn(&format!("cannot remove {}: {e}", shown(&target)));
                    continue;
                }
            }
            manifest.forget(&output);
            if !quiet {
                warn(&format!(
                    "removed {}: its input {} is gone",
                    shown(&target),
                    shown(&input)
                ));
            }
        } else if !quiet {
            warn(&format!(
                "{}: its input {} is gone (--prune removes it)",
                shown(&target),
                shown(&input)
            ));
        }
    }
    if prune {
        let _ = manifest.save();
    }
}

/// What every worker needs.
struct Context<'a> {
    options: &'a Options,
    /// The shape of the JSON written (`--compact`, `--spans-only`).
    shape: Shape,
    resume: bool,
    /// The inputs come from `--files-from`: never looked at before reading.
    listed: bool,
    quiet: bool,
    progress: &'a ProgressBar,
    /// Set when the batch must stop (the disk is full): later inputs are not run.
    stop: AtomicBool,
    /// Why it stopped.
    fatal: Mutex<Option<String>>,
}

impl Context<'_> {
    /// Converts one input into its file under `out`.
    fn convert_to_dir(&self, item: &Item, out: &Path, manifest: &Manifest) -> Outcome {
        if self.stop.load(Ordering::Relaxed) {
            return Outcome::NotRun;
        }
        let target = out.join(&item.rel);
        let (bytes, read) = match self.read(item) {
            Ok(read) => (read.0.len() as u64, read),
            Err(failure) => return self.failed(item, 0, &failure, None),
        };
        let fingerprint = Fingerprint::new(&read.1, &read.0);
        if self.resume && manifest.up_to_date(&item.rel, fingerprint, &target) {
            return Outcome::UpToDate;
        }
        if fs::metadata(&target).is_ok_and(|t| t.dev() == read.1.dev() && t.ino() == read.1.ino()) {
            let failure = Failure::new(
                "output_conflict",
                format!("its output {} is the input itself", shown(&target)),
            );
            return self.failed(item, bytes, &failure, None);
        }
        let doc = match self.parse(read.0) {
            Ok(doc) => doc,
            Err(failure) => return self.failed(item, bytes, &failure, None),
        };
        // Streamed into the file: the JSON text is never held whole.
        let written = output::write_atomic_with(&target, |w| {
            shape::to_writer(w, &doc, self.shape, false).map_err(io::Error::from)
        });
        let size = match written {
            Ok(size) => size,
            Err(e) => {
                let message = format!("cannot write {}: {e}", shown(&target));
                if output::is_out_of_space(&e) {
                    // Every later output would fail the same way: stop here.
                    if !self.stop.swap(true, Ordering::Relaxed) {
                        *self.fatal.lock().unwrap_or_else(|e| e.into_inner()) =
                            Some(format!("{message}; batch stopped"));
                    }
                    return Outcome::NotRun;
                }
                return self.failed(item, bytes, &Failure::new("write_failed", message), None);
            }
        };
        // absolute, so that a later run from another folder finds it
        manifest.record(&item.rel, &identity(&item.path), fingerprint, size);
        Outcome::Done {
            bytes,
            warnings: has_warnings(&doc),
            ocr_pages: ocr_pages(&doc),
            line: None,
        }
    }

    /// Converts one input into its JSON Lines record.
    fn convert_to_line(&self, item: &Item) -> Outcome {
        let mut path = serde_json::to_string(&item.path.to_string_lossy()).unwrap_or_default();
        if item.path.to_str().is_none() {
            // the lossy name alone could be the name of another input
            let raw = std::os::unix::ffi::OsStrExt::as_bytes(item.path.as_os_str());
            path.push_str(",\"path_bytes\":");
            path.push_str(&serde_json::to_string(raw).unwrap_or_default());
        }
        let (bytes, result) = match self.read(item) {
            Ok((bytes, _)) => (bytes.len() as u64, self.parse(bytes)),
            Err(failure) => (0, Err(failure)),
        };
        match result {
            Ok(doc) => Outcome::Done {
                bytes,
                warnings: has_warnings(&doc),
                ocr_pages: ocr_pages(&doc),
                line: Some(document_line(&path, &doc, self.shape)),
            },
            Err(failure) => {
                let error = serde_json::json!({"kind": failure.kind, "message": failure.message});
                let line = format!("{{\"path\":{path},\"error\":{error}}}\n");
                self.failed(item, bytes, &failure, Some(line.into_bytes()))
            }
        }
    }

    /// Reads one input with the size limit: its bytes and metadata.
    fn read(&self, item: &Item) -> Result<(Vec<u8>, fs::Metadata), Failure> {
        if let Some(failure) = &item.walk_error {
            return Err(failure.clone());
        }
        read_file(&item.path, self.options.max_size).map_err(|e| {
            let message = match e {
                crate::input::ReadError::NotFound if self.listed => "no such file".to_owned(),
                crate::input::ReadError::NotFound => "no such file (vanished?)".to_owned(),
                _ => e.to_string(),
            };
            Failure::new(e.kind(), message)
        })
    }

    /// Parses one input's bytes.
    fn parse(&self, bytes: Vec<u8>) -> Result<Document, Failure> {
        // A parser bug on one document must not end the batch: the panic
        // is recorded as that input's failure.
        let parsed = panic::catch_unwind(AssertUnwindSafe(|| parse_bytes(bytes, self.options)));
        let Ok(parsed) = parsed else {
            return Err(Failure::new(
                "internal_error",
                "the parser failed on this document (a bug: please report it with the file)",
            ));
        };
        parsed.map_err(|e| {
            let kind = match e {
                Error::InvalidUtf8 { .. } => "invalid_utf8",
                Error::Binary { .. } => "binary",
                Error::TooLarge { .. } => "too_large",
                _ => "unreadable",
            };
            Failure::new(kind, describe_error(&e))
        })
    }

    /// Reports a failure on stderr (above the progress bar) unless quiet.
    fn failed(&self, item: &Item, bytes: u64, failure: &Failure, line: Option<Vec<u8>>) -> Outcome {
        if !self.quiet {
            let line = format!("congvan: {}: {}", shown(&item.path), failure.message);
            self.progress.suspend(|| eprintln!("{line}"));
        }
        Outcome::Failed { bytes, line }
    }
}

/// The JSON Lines record of a document, its JSON written straight into the
/// line (not built as a string of its own and then copied).
fn document_line(path: &str, doc: &Document, shape: Shape) -> Vec<u8> {
    let mut line = format!("{{\"path\":{path},\"document\":").into_bytes();
    // Serialising owned strings, numbers and vectors into memory cannot fail.
    let _ = shape::to_writer(&mut line, doc, shape, false);
    line.extend_from_slice(b"}\n");
    line
}

impl Totals {
    /// These counts with one more outcome.
    fn with(mut self, outcome: Outcome) -> Self {
        match outcome {
            Outcome::Done {
                bytes,
                warnings,
                ocr_pages,
                ..
            } => {
                self.converted += 1;
                self.bytes += bytes;
                self.with_warnings += usize::from(warnings);
                self.ocr_pages += ocr_pages;
            }
            Outcome::UpToDate => self.up_to_date += 1,
            Outcome::Failed { bytes, .. } => {
                self.failed += 1;
                self.bytes += bytes;
            }
            Outcome::NotRun => {}
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
            ocr_pages: self.ocr_pages + other.ocr_pages,
        }
    }

    /// The closing line.
    fn summary(&self, seconds: f64) -> String {
        let mb = self.bytes as f64 / 1e6;
        let rate = if seconds > 0.0 { mb / seconds } else { 0.0 };
        // scans: OCR dominates the time, pages/s is the figure that says it
        let ocr = if self.ocr_pages > 0 {
            let pages = self.ocr_pages as f64;
            let per_s = if seconds > 0.0 { pages / seconds } else { 0.0 };
            format!(
                ", {} pages read by OCR or from its cache ({per_s:.2} pages/s)",
                self.ocr_pages
            )
        } else {
            String::new()
        };
        format!(
            "batch: {} files ({} converted, {} up to date, {} failed), {} skipped (not \
             .txt/.md/.markdown/.docx/.doc/.pdf/.png/.jpg/.tif), {} bytes in {seconds:.2} s ({rate:.2} MB/s), \
             {} documents with warnings{ocr}",
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

/// How many pages of a document were read by OCR (its `ocr` diagnostics).
fn ocr_pages(doc: &Document) -> usize {
    doc.diagnostics
        .iter()
        .filter(|d| d.code == congvan::DiagnosticCode::Ocr)
        .count()
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

/// Opens the output: creates, locks, probes and cleans the folder, or locks
/// the JSON Lines file and opens a temporary file beside it.
fn open_sink(args: &BatchArgs, items: &[Item]) -> Result<Sink, String> {
    if let Some(out) = &args.out {
        let state = out.join(STATE_DIR);
        output::create_dir_durable(&state)
            .map_err(|e| format!("cannot create output folder {}: {e}", shown(out)))?;
        let lock = output::lock(
            &state.join("lock"),
            &format!("output folder {}", shown(out)),
        )?;
        output::probe_writable(out)
            .map_err(|e| format!("output folder {} is not writable: {e}", shown(out)))?;
        // Under the lock no other run writes here: every temporary file
        // left is a dead run's (the names say whose, and are checked too).
        output::remove_stale_temps(out);
        let mut settings = format!(
            "congvan {}; format={:?}; lossy={}",
            env!("CARGO_PKG_VERSION"),
            args.format,
            args.lossy
        );
        // only when not at their defaults: a manifest written before they
        // were recorded still matches a run at the defaults
        settings.push_str(&args.ocr.describe());
        if args.shape != Shape::default() {
            settings.push_str(&format!("; {}", args.shape.describe()));
        }
        let manifest = Manifest::open(&state, settings)
            .map_err(|e| format!("cannot write the manifest in {}: {e}", shown(&state)))?;
        return Ok(Sink::Dir {
            out: out.clone(),
            manifest,
            _lock: lock,
        });
    }
    let path = args.jsonl.as_deref().unwrap_or(Path::new("-"));
    if path == Path::new("-") {
        return Ok(Sink::Lines(Lines::Stdout));
    }
    let name = shown(path);
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => return Err(format!("--jsonl {name} is a folder")),
        Ok(meta) if !meta.is_file() => {
            let file = File::options()
                .write(true)
                .open(path)
                .map_err(|e| format!("cannot open {name}: {e}"))?;
            return Ok(Sink::Lines(Lines::Device { file, name }));
        }
        Ok(meta) if meta.is_file() => {
            if let Some(item) = items.iter().find(|item| {
                item.walk_error.is_none()
                    && fs::metadata(&item.path)
                        .is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
            }) {
                return Err(format!(
                    "--jsonl {name} is one of the inputs ({}): refusing to overwrite it",
                    shown(&item.path)
                ));
            }
        }
        _ => {}
    }
    let dir = output::parent(path);
    let lock = output::lock(
        &output::beside(path, ".congvan-lock"),
        &format!("--jsonl {name}"),
    )?;
    remove_stale_temps_beside(path);
    let temp = output::temp_in(dir, path.file_name().unwrap_or(OsStr::new("output")))
        .map_err(|e| format!("cannot create {name}: {e}"))?;
    Ok(Sink::Lines(Lines::File {
        temp,
        target: path.to_path_buf(),
        _lock: lock,
    }))
}

/// Removes the temporary files of dead runs beside a `--jsonl` target.
fn remove_stale_temps_beside(target: &Path) {
    let Some(name) = target.file_name() else {
        return;
    };
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(output::TEMP_MARK);
    let prefix = std::os::unix::ffi::OsStrExt::as_bytes(prefix.as_os_str()).to_vec();
    let Ok(entries) = fs::read_dir(output::parent(target)) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let ours =
            std::os::unix::ffi::OsStrExt::as_bytes(file_name.as_os_str()).starts_with(&prefix);
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            output::remove_stale_temp(&entry.path());
        }
    }
}

/// `--jsonl`: writes the lines, then (for a file) renames the finished
/// temporary file over the target. Returns a fatal message, if any.
fn write_jsonl(
    ctx: &Context<'_>,
    items: &[Item],
    jobs: usize,
    lines: &mut Lines,
    totals: &mut Totals,
) -> Option<String> {
    match lines {
        Lines::Stdout => {
            let mut stdout = io::stdout();
            write_lines_in_order(ctx, items, jobs, &mut stdout, "standard output", totals)
        }
        Lines::Device { file, name } => write_lines_in_order(ctx, items, jobs, file, name, totals),
        Lines::File { temp, target, .. } => {
            let name = shown(target);
            if let Some(fatal) = write_lines_in_order(ctx, items, jobs, temp, &name, totals) {
                return Some(fatal);
            }
            let Lines::File { temp, target, .. } = std::mem::replace(lines, Lines::Stdout) else {
                return None;
            };
            output::commit(temp, &target)
                .err()
                .map(|e| format!("cannot write {name}: {e}"))
        }
    }
}

/// The identity of a path for finding one file named several ways: its
/// folder resolved to an absolute path (symbolic links, `.` and `..`) and
/// its own name kept, so that `p`, `./p` and `sub/../p` are one input while
/// two links to one file stay two inputs.
fn identity(path: &Path) -> PathBuf {
    let name = match path.components().next_back() {
        Some(Component::Normal(name)) => name,
        _ => return fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
    };
    let dir = output::parent(path);
    match fs::canonicalize(dir) {
        Ok(dir) => dir.join(name),
        Err(_) => path.to_path_buf(),
    }
}

/// Walks the inputs: the files to convert in sorted order, with `skipped`
/// counting files with other extensions. With `to_dir`, two inputs that would
/// write the same output file are a failure of the second.
fn collect(inputs: &[PathBuf], to_dir: bool, skipped: &mut usize) -> Vec<Item> {
    let mut items = Vec::new();
    for input in inputs {
        match fs::metadata(input) {
            Ok(meta) if meta.is_dir() => walk(input, Path::new(""), &mut items, skipped),
            Ok(_) => items.push(Item {
                path: input.clone(),
                rel: PathBuf::from(output_name(input.file_name().unwrap_or(input.as_os_str()))),
                walk_error: None,
            }),
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
    let mut seen = HashSet::new();
    items.retain(|item| seen.insert(identity(&item.path)));
    if to_dir {
        mark_conflicts(&mut items);
    }
    items
}

/// Reads the list of `--files-from`: one path per line (a `\r` before the
/// newline is kept: it may be part of a name), or per NUL with `-0`; empty
/// entries are dropped.
fn read_list(list: &Path, null: bool) -> Result<Vec<PathBuf>, String> {
    use std::io::Read;
    use std::os::unix::ffi::OsStrExt;

    let mut bytes = Vec::new();
    let read = if list == Path::new("-") {
        io::stdin().lock().read_to_end(&mut bytes)
    } else {
        File::open(list).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    read.map_err(|e| {
        let name = if list == Path::new("-") {
            "standard input".to_owned()
        } else {
            shown(list)
        };
        format!("cannot read --files-from {name}: {e}")
    })?;
    let separator = if null { 0 } else { b'\n' };
    Ok(bytes
        .split(|&b| b == separator)
        .filter(|entry| !entry.is_empty())
        .map(|entry| PathBuf::from(OsStr::from_bytes(entry)))
        .collect())
}

/// The inputs of `--files-from`: every listed path, in the listed order,
/// read as a file (problems surface when it is read). With `to_dir`, a path
/// whose output name was already taken is a failure.
fn listed(paths: Vec<PathBuf>, to_dir: bool) -> Vec<Item> {
    let mut items: Vec<Item> = paths
        .into_iter()
        .map(|path| Item {
            rel: PathBuf::from(output_name(path.file_name().unwrap_or(path.as_os_str()))),
            path,
            walk_error: None,
        })
        .collect();
    if to_dir {
        mark_conflicts(&mut items);
    }
    items
}

/// Marks every input whose output path was already taken by an earlier one.
fn mark_conflicts(items: &mut [Item]) {
    let mut seen: HashMap<PathBuf, PathBuf> = HashMap::new();
    for item in items.iter_mut() {
        if item.walk_error.is_some() {
            continue;
        }
        if let Some(first) = seen.get(&item.rel) {
            item.walk_error = Some(Failure::new(
                "output_conflict",
                format!(
                    "its output {} is already the output of {}",
                    shown(&item.rel),
                    shown(first)
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
                rel: child.with_file_name(output_name(&entry.file_name())),
                walk_error: None,
            });
        } else {
            *skipped += 1;
        }
    }
}

/// `--jsonl`: `jobs` workers convert `items` in sorted order and hand their
/// lines over in runs ([`RUN_MAX`], [`RUN_TIME`]); the calling thread
/// writes the lines in that order, whole lines only. Returns a
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
    use std::sync::atomic::AtomicUsize;

    let ahead = jobs.max(1) * WINDOW_PER_JOB;
    let next = AtomicUsize::new(0);
    let written = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(usize, Outcome)>>(ahead);
    let mut fatal = None;
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            let tx = tx.clone();
            let (next, written, stop) = (&next, &written, &stop);
            scope.spawn(move || {
                // the run held for the writer, and when its first file began
                let mut run: Vec<(usize, Outcome)> = Vec::new();
                let mut began = Instant::now();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() || stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let waits = i >= written.load(Ordering::Acquire) + ahead;
                    if !run.is_empty()
                        && (waits || run.len() >= RUN_MAX || began.elapsed() >= RUN_TIME)
                    {
                        // the writer may be waiting for a file of this run
                        if tx.send(std::mem::take(&mut run)).is_err() {
                            return;
                        }
                    }
                    // stay at most `ahead` files ahead of the writer
                    while i >= written.load(Ordering::Acquire) + ahead
                        && !stop.load(Ordering::Relaxed)
                    {
                        std::thread::sleep(std::time::Duration::from_micros(200));
                    }
                    if run.is_empty() {
                        began = Instant::now();
                    }
                    run.push((i, ctx.convert_to_line(&items[i])));
                    ctx.progress.inc(1);
                }
                if !run.is_empty() {
                    let _ = tx.send(run);
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
        for done in rx {
            pending.extend(done);
            while let Some(outcome) = pending.remove(&want) {
                if let Outcome::Done {
                    line: Some(line), ..
                }
                | Outcome::Failed {
                    line: Some(line), ..
                } = &outcome
                {
                    buf.extend_from_slice(line);
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

#[cfg(test)]
mod tests {
    use super::Totals;

    #[test]
    fn the_summary_gives_ocr_pages_per_second_only_for_scans() {
        let text = Totals {
            files: 2,
            converted: 2,
            bytes: 2_000_000,
            ..Totals::default()
        };
        assert!(!text.summary(2.0).contains("OCR"), "{}", text.summary(2.0));
        let scans = Totals {
            ocr_pages: 9,
            ..text
        };
        let line = scans.summary(3.0);
        assert!(
            line.ends_with("9 pages read by OCR or from its cache (3.00 pages/s)"),
            "{line}"
        );
        assert!(line.contains("(0.67 MB/s)"), "{line}");
        // no division by zero
        assert!(scans.summary(0.0).contains("(0.00 pages/s)"));
    }
}
