//! Hostile inputs (issue 6) as benchmarks: the throughput of each shape at
//! two sizes, so that a superlinear cost shows as a falling MB/s. The full
//! sizes (50 MB, a million lines, …) are `#[ignore]`d tests in
//! `tests/hostile.rs`; these are small enough to run in a few seconds.
//!
//! Each timed closure asserts something about the result.

use std::hint::black_box;

use congvan::parse;
use criterion::{BenchmarkId, Criterion, Throughput};

fn can_cu_lines(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!("Căn cứ Nghị định số {i}/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;\n")
        })
        .collect()
}

fn one_long_line(bytes: usize) -> String {
    "Ủy ban nhân dân tỉnh đề nghị các sở, ngành thực hiện ".repeat(bytes / 60)
}

fn citations_paragraph(n: usize) -> String {
    let list: String = (1..=n)
        .map(|i| format!("Công văn số {i}/UBND-VX ngày 11/01/2024 của UBND tỉnh, "))
        .collect();
    format!("Theo {list}")
}

fn nested_list(depth: usize) -> String {
    (0..depth)
        .map(|d| format!("{}- mục {d}\n", "  ".repeat(d)))
        .collect()
}

fn so_lines(n: usize) -> String {
    (0..n).map(|i| format!("Số: {i}/UBND-VP\n")).collect()
}

type Shape = (
    &'static str,
    fn(usize) -> String,
    [usize; 2],
    fn(&congvan::Document) -> bool,
);

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let shapes: [Shape; 5] = [
        ("can_cu_lines", can_cu_lines, [2_000, 8_000], |d| {
            !d.citations.is_empty()
        }),
        ("one_long_line", one_long_line, [250_000, 1_000_000], |d| {
            !d.body.preamble.is_empty()
        }),
        (
            "citations_paragraph",
            citations_paragraph,
            [1_000, 4_000],
            |d| d.citations.len() >= 1_000,
        ),
        ("nested_list", nested_list, [250, 1_000], |d| {
            !d.body.preamble.is_empty()
        }),
        ("so_lines", so_lines, [5_000, 20_000], |d| {
            d.number.is_some()
        }),
    ];
    for (name, make, sizes, check) in shapes {
        let mut group = c.benchmark_group(format!("hostile/{name}"));
        for size in sizes {
            let text = make(size);
            assert!(check(&parse(&text)), "{name} {size}: unexpected result");
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, text| {
                b.iter(|| assert!(check(&parse(black_box(text)))));
            });
        }
        group.finish();
    }
    c.final_summary();
}
