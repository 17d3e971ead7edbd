//! `corpus-report DIR...`: how well congvan does on folders of documents.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use corpus_report::report::{self, Config};

/// Command line of `corpus-report`.
#[derive(Debug, Parser)]
#[command(
    name = "corpus-report",
    about = "Measure congvan on folders of documents: coverage, sidecar agreement, and gold \
             answers scored with the rules of eval/score.py",
    after_help = "Each folder is one set, named by its last component: every `*.txt` counts \
                  for coverage; a `NAME.meta.json` beside `NAME.txt` is compared with the \
                  parse; every `NNN_slug.gold.json` is scored against the first `NNN_*` \
                  document beside it.\n\n\
                  Rate keys for --min ({\"SET\": {\"KEY\": MIN}}): the scorer's fields \
                  (doc_type, number, year, symbol, issuer, issuer_parent, place, subject, \
                  date, signer_chain, signer_title, signer_name, recipients, distribution, \
                  archive, citations_precision, citations_recall, mean), coverage.FIELD, \
                  sidecar.number, sidecar.date, sidecar.doc_type, sidecar.citations.precision, \
                  sidecar.citations.recall.\n\n\
                  Exit status: 0 when the report ran (and every rate meets its minimum); 1 \
                  when a rate is below its minimum, a --min key has no figure, a folder is \
                  missing, or a --json/--baseline/--min file cannot be written or read; 2 for \
                  usage errors."
)]
struct Args {
    /// Folders of documents (e.g. ../shared/corpus-dev), each reported as one set.
    #[arg(value_name = "DIR", required = true)]
    dirs: Vec<PathBuf>,
    /// Write every figure (counts, rates, misses, per-file outcomes) to FILE as JSON.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Compare with a previous `--json` output: rate gains and losses, and the files that
    /// newly agree or newly disagree.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// A JSON object of minimum rates per set (`{"corpus-dev": {"subject": 0.5}}`);
    /// exit 1 listing every rate below its minimum.
    #[arg(long, value_name = "FILE")]
    min: Option<PathBuf>,
    /// Score the JSON printed by `BIN parse DOC` (as eval/score.py does) instead of
    /// parsing with the library: for formats that only the binary reads.
    #[arg(long, value_name = "BIN")]
    bin: Option<PathBuf>,
    /// Print up to N gold misses per set (file, field, gold, parsed).
    #[arg(long, value_name = "N", default_value_t = 0)]
    show_misses: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let run = report::run(&Config {
        dirs: args.dirs,
        json: args.json,
        baseline: args.baseline,
        min: args.min,
        show_misses: args.show_misses,
        bin: args.bin,
    });
    for w in &run.warnings {
        eprintln!("corpus-report: {w}");
    }
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    if let Err(e) = lock
        .write_all(run.text.as_bytes())
        .and_then(|()| lock.flush())
    {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("corpus-report: cannot write output: {e}");
            return ExitCode::FAILURE;
        }
    }
    if run.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
