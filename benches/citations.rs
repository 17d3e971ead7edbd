//! Citation extraction (`congvan::cite::extract`): throughput in MB/s and
//! how its cost grows with the number of citations.
//!
//! Groups:
//! - `citations/corpus`: every `../shared/corpus/*.txt`, normalised first
//!   (as the parser does), one workload; skipped when `../shared` is absent;
//! - `citations_growing/{1,2,4,8}`: a body of 500 citation sentences (full
//!   citations, lists, back-references, Party numbers) repeated 1×, 2×,
//!   4×, 8× with fresh numbers. The throughput should stay flat: cost grows linearly.
//!
//! Each timed closure asserts the number of citations found, so a broken
//! extractor cannot post a fast time.

use std::hint::black_box;
use std::path::Path;

use congvan::cite::extract;
use congvan::normalize::normalize;
use congvan::InputFormat;
use criterion::{BenchmarkId, Criterion, Throughput};

/// `n` distinct citations in the shapes the extractor reads, with mentions
/// that refer back to earlier ones.
fn body(n: usize, first: usize) -> String {
    let mut s = String::new();
    for i in first..first + n {
        let k = i % 5;
        let line = match k {
            0 => format!("Căn cứ Nghị định số {i}/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;\n"),
            1 => format!("Thực hiện Kế hoạch số {i}/KH-UBND ngày 11/01/2024 của UBND tỉnh; Kế hoạch nêu trên được triển khai.\n"),
            2 => format!("Theo Công văn {i}/VPĐP-NV&MT ngày 26/01/2024 của Văn phòng Điều phối Trung ương, và Công văn số {i} đã nêu.\n"),
            3 => format!("Các Quyết định số {i}/QĐ-UBND, số {}/QĐ-UBND và {}/QĐ-UBND của Chủ tịch UBND tỉnh.\n", i + 10_000, i + 20_000),
            _ => format!("Hướng dẫn số {i}-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng.\n"),
        };
        s.push_str(&line);
    }
    s
}

fn corpus() -> Option<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    let mut text = String::new();
    for p in paths {
        text.push_str(&std::fs::read_to_string(p).ok()?);
        text.push('\n');
    }
    Some(normalize(&text, InputFormat::Text).text)
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    match corpus() {
        Some(text) => {
            let expected = extract(&text, None).len();
            let mut group = c.benchmark_group("citations");
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function("corpus", |b| {
                b.iter(|| assert_eq!(extract(black_box(&text), None).len(), expected));
            });
            group.finish();
        }
        None => eprintln!("skipping citations/corpus: ../shared/corpus is absent"),
    }
    let base = body(500, 1);
    let per_copy = extract(&base, None).len();
    assert!(
        per_copy >= 500,
        "the synthetic body yields {per_copy} citations"
    );
    let mut group = c.benchmark_group("citations_growing");
    for times in [1usize, 2, 4, 8] {
        // each copy gets its own numbers so that every citation stays distinct
        let text: String = (0..times).map(|t| body(500, 1 + t * 500)).collect();
        let expected = extract(&text, None).len();
        assert_eq!(expected, per_copy * times, "citations for {times}×");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(times), &text, |b, text| {
            b.iter(|| assert_eq!(extract(black_box(text), None).len(), expected));
        });
    }
    group.finish();
    c.final_summary();
}
