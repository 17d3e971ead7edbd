//! Throughput of the parser (MB/s, `Throughput::Bytes`).
//!
//! Groups:
//! - `full/*`: bytes → `decode` → `parse_with` → `to_json`, on the seed, on
//!   each fixture, and on every `../shared/corpus/*.txt` as one workload;
//! - `stage/*`: each stage alone on the corpus workload (normalise, lines and
//!   stamps, header, footer, body, citations, JSON); lines, stamps, header,
//!   footer and body only with `--features bench` (they need the hidden
//!   `congvan::bench_api`);
//! - `oneshot_vs_prebuilt/*`: the steady per-call cost on a tiny input; the
//!   one-shot cost (first call in a fresh process, which compiles every
//!   `LazyLock` regex) cannot be repeated inside one process, so it is timed
//!   once at start-up, before anything else runs, and printed;
//! - `growing/*`: the seed's body repeated 1×, 2×, 4×, 8×.
//!
//! Each timed closure checks its result (sections, citations, lines, bytes)
//! so that a parser that stopped working cannot post a fast time.
//!
//! Run `cargo bench --bench parse -- corpus` for the corpus groups only.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use congvan::normalize::normalize;
use congvan::{InputFormat, Options};
use criterion::{BenchmarkId, Criterion, Throughput};

/// A named input.
struct Input {
    name: String,
    text: String,
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seed() -> Option<Input> {
    let path = manifest_dir().join("../shared/seed/bac-giang-ntm-2024.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(Input {
            name: "seed".to_owned(),
            text,
        }),
        Err(_) => {
            eprintln!("skipping the seed benchmarks: {} is absent", path.display());
            None
        }
    }
}

/// Every `.txt`/`.md` file of `dir`, sorted.
fn inputs_in(dir: &Path) -> Vec<Input> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let name = p.file_name()?.to_string_lossy().into_owned();
            Some(Input { name, text })
        })
        .collect()
}

fn corpus() -> Vec<Input> {
    let dir = manifest_dir().join("../shared/corpus");
    let inputs = inputs_in(&dir);
    if inputs.is_empty() {
        eprintln!(
            "skipping the corpus benchmarks: {} is absent",
            dir.display()
        );
    }
    inputs
}

fn total_bytes(inputs: &[Input]) -> u64 {
    inputs.iter().map(|i| i.text.len() as u64).sum()
}

/// The full pipeline on one input; returns (JSON bytes, sections, citations).
fn full(bytes: &[u8], options: &Options) -> (usize, usize, usize) {
    let decoded = congvan::decode(bytes, options).expect("benchmark inputs are UTF-8");
    let doc = congvan::parse_with(&decoded.text, options);
    let json = congvan::to_json(&doc);
    (json.len(), doc.body.sections.len(), doc.citations.len())
}

/// The very first parse in this process: includes compiling every regex.
fn oneshot_report() {
    let tiny = "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 12/QĐ-UBND\n\
                Bắc Giang, ngày 05 tháng 02 năm 2024\n\nQUYẾT ĐỊNH\n\
                Về việc thành lập Tổ công tác\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n";
    let started = Instant::now();
    let doc = congvan::parse(tiny);
    let json = congvan::to_json(&doc);
    let cold = started.elapsed();
    assert!(doc.number.is_some() && !json.is_empty());
    let started = Instant::now();
    let runs = 1000u32;
    for _ in 0..runs {
        let doc = congvan::parse(black_box(tiny));
        assert!(doc.number.is_some());
        black_box(congvan::to_json(&doc));
    }
    let warm = started.elapsed() / runs;
    println!(
        "oneshot: first parse+to_json in this process (tiny input, {} bytes, compiles every \
         regex): {:.3} ms; prebuilt: same call once warm: {:.1} µs (see \
         oneshot_vs_prebuilt/prebuilt for criterion's figure)",
        tiny.len(),
        cold.as_secs_f64() * 1e3,
        warm.as_secs_f64() * 1e6
    );
}

fn bench_full(c: &mut Criterion, seed: Option<&Input>, fixtures: &[Input], corpus: &[Input]) {
    let options = Options::default();
    let mut group = c.benchmark_group("full");
    if let Some(seed) = seed {
        group.throughput(Throughput::Bytes(seed.text.len() as u64));
        group.bench_function("seed", |b| {
            b.iter(|| {
                let (json, sections, citations) = full(black_box(seed.text.as_bytes()), &options);
                assert!(json > seed.text.len() && sections > 0 && citations > 0);
            })
        });
    }
    for input in fixtures {
        group.throughput(Throughput::Bytes(input.text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("fixture", &input.name),
            input,
            |b, input| {
                b.iter(|| {
                    let (json, _, _) = full(black_box(input.text.as_bytes()), &options);
                    assert!(json > 100);
                })
            },
        );
    }
    if !corpus.is_empty() {
        group.throughput(Throughput::Bytes(total_bytes(corpus)));
        group.sample_size(20);
        group.bench_function("corpus", |b| {
            b.iter(|| {
                let (mut sections, mut citations) = (0, 0);
                for input in corpus {
                    let (json, s, c) = full(black_box(input.text.as_bytes()), &options);
                    assert!(json > 100);
                    sections += s;
                    citations += c;
                }
                assert!(sections > corpus.len() && citations > corpus.len());
            })
        });
    }
    group.finish();
}

fn bench_stages(c: &mut Criterion, corpus: &[Input]) {
    if corpus.is_empty() {
        return;
    }
    let normalized: Vec<String> = corpus
        .iter()
        .map(|i| normalize(&i.text, InputFormat::Auto).text)
        .collect();
    let docs: Vec<congvan::Document> = corpus.iter().map(|i| congvan::parse(&i.text)).collect();
    let mut group = c.benchmark_group("stage");
    group.throughput(Throughput::Bytes(total_bytes(corpus)));
    group.sample_size(20);

    group.bench_function("normalize", |b| {
        b.iter(|| {
            for input in corpus {
                let n = normalize(black_box(&input.text), InputFormat::Auto);
                assert!(!n.text.is_empty());
            }
        })
    });
    // The stages inside `parse` need the hidden `bench_api` (feature `bench`).
    #[cfg(feature = "bench")]
    bench_block_stages(&mut group, &normalized, corpus);
    group.bench_function("citations", |b| {
        b.iter(|| {
            let found: usize = normalized
                .iter()
                .map(|t| congvan::cite::extract(black_box(t), None).len())
                .sum();
            assert!(found > corpus.len());
        })
    });
    group.bench_function("json", |b| {
        b.iter(|| {
            let bytes: usize = docs
                .iter()
                .map(|d| congvan::to_json(black_box(d)).len())
                .sum();
            assert!(bytes as u64 > total_bytes(corpus));
        })
    });
    group.finish();
}

/// Lines and stamps, then the header, footer and body parsers on lines split
/// beforehand (feature `bench`).
#[cfg(feature = "bench")]
fn bench_block_stages(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    normalized: &[String],
    corpus: &[Input],
) {
    use congvan::bench_api::Stages;

    group.bench_function("lines_stamps", |b| {
        b.iter(|| {
            let lines: usize = normalized
                .iter()
                .map(|t| Stages::split(black_box(t)).line_count())
                .sum();
            assert!(lines > corpus.len() * 10);
        })
    });
    let stages: Vec<Stages<'_>> = normalized.iter().map(|t| Stages::split(t)).collect();
    let bounds: Vec<(usize, usize)> = stages
        .iter()
        .map(|s| {
            let start = s.header();
            (start, s.footer(start))
        })
        .collect();
    group.bench_function("header", |b| {
        b.iter(|| {
            let found: usize = stages.iter().filter(|s| black_box(s).header() > 0).count();
            assert!(found > corpus.len() / 2);
        })
    });
    group.bench_function("footer", |b| {
        b.iter(|| {
            let found: usize = stages
                .iter()
                .zip(&bounds)
                .filter(|(s, (start, _))| black_box(s).footer(*start) < s.line_count())
                .count();
            assert!(found > corpus.len() / 2);
        })
    });
    group.bench_function("body", |b| {
        b.iter(|| {
            let blocks: usize = stages
                .iter()
                .zip(&bounds)
                .map(|(s, (start, end))| black_box(s).body(*start, *end))
                .sum();
            assert!(blocks > corpus.len());
        })
    });
}

fn bench_oneshot_vs_prebuilt(c: &mut Criterion) {
    let tiny = "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 12/QĐ-UBND\n\
                Bắc Giang, ngày 05 tháng 02 năm 2024\n\nQUYẾT ĐỊNH\n\
                Về việc thành lập Tổ công tác\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n";
    let mut group = c.benchmark_group("oneshot_vs_prebuilt");
    group.throughput(Throughput::Bytes(tiny.len() as u64));
    group.bench_function("prebuilt", |b| {
        b.iter(|| {
            let doc = congvan::parse(black_box(tiny));
            assert!(doc.number.is_some());
            black_box(congvan::to_json(&doc))
        })
    });
    group.finish();
}

fn bench_growing(c: &mut Criterion, seed: Option<&Input>) {
    let Some(seed) = seed else {
        return;
    };
    // The body: from the first numbered section to the end of the last one.
    let doc = congvan::parse(&seed.text);
    let (Some(first), Some(last)) = (doc.body.sections.first(), doc.body.sections.last()) else {
        eprintln!("skipping growing/*: the seed has no sections");
        return;
    };
    let (start, end) = (first.span.start, last.span.end);
    let base_sections = doc.body.sections.len();
    let options = Options::default();
    let mut group = c.benchmark_group("growing");
    for k in [1usize, 2, 4, 8] {
        let mut text = String::from(&seed.text[..start]);
        for _ in 0..k {
            text.push_str(&seed.text[start..end]);
            text.push('\n');
        }
        text.push_str(&seed.text[end..]);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(k), &text, |b, text| {
            b.iter(|| {
                let (json, sections, _) = full(black_box(text.as_bytes()), &options);
                assert!(json > text.len() && sections >= base_sections);
            })
        });
    }
    group.finish();
}

fn main() {
    // Must run before any other parse in this process.
    oneshot_report();
    let seed = seed();
    let fixtures = inputs_in(&manifest_dir().join("fixtures"));
    let corpus = corpus();
    let mut c = Criterion::default().configure_from_args();
    bench_full(&mut c, seed.as_ref(), &fixtures, &corpus);
    bench_stages(&mut c, &corpus);
    bench_oneshot_vs_prebuilt(&mut c);
    bench_growing(&mut c, seed.as_ref());
    c.final_summary();
}
