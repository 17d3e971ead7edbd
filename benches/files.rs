//! Reading files (issue 13): the throughput of the `.docx` reader on an
//! authored file (zip + XML walk + Markdown rendering, then the parse), and
//! of congvan's own PDF layout reading on `pdftotext -layout`-shaped text.
//! Whole real files, `pdftotext` and `pandoc` included, are timed from the
//! shell (README, "Speed per format").
//!
//! Each timed closure asserts something about the result.

use std::hint::black_box;
use std::io::{Cursor, Write};

use congvan::input;
use congvan::Options;
use criterion::{Criterion, Throughput};

/// An authored `.docx`: a header table, `n` body paragraphs, a signature table.
fn docx(n: usize) -> Vec<u8> {
    let p = |t: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>");
    let cell = |ps: &[&str]| {
        format!(
            "<w:tc>{}</w:tc>",
            ps.iter().map(|t| p(t)).collect::<String>()
        )
    };
    let mut body = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell(&["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"]),
        cell(&[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc"
        ]),
        cell(&["Số: 125/UBND-KTN"]),
        cell(&["Bắc Giang, ngày 15 tháng 3 năm 2024"]),
    );
    for i in 0..n {
        body.push_str(&p(&format!(
            "{i}. Thực hiện Kế hoạch số {i}/KH-UBND ngày 11/01/2024 của UBND tỉnh, các sở, ngành triển khai các nội dung sau."
        )));
    }
    body.push_str(&format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell(&["Nơi nhận:", "- Như trên;", "- Lưu: VT."]),
        cell(&["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Bình"]),
    ));
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", opts).unwrap();
    write!(zip, "<w:document><w:body>{body}</w:body></w:document>").unwrap();
    zip.finish().unwrap().into_inner()
}

/// Text shaped like `pdftotext -layout` output: two-column header, body
/// lines, signature beside `Nơi nhận`, over `pages` pages.
fn layout_text(pages: usize) -> String {
    let mut out = String::new();
    for page in 0..pages {
        if page == 0 {
            out.push_str("      ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n");
            out.push_str("      TỈNH BẮC GIANG               Độc lập - Tự do - Hạnh phúc\n\n");
            out.push_str("   Số: 125/UBND-KTN          Bắc Giang, ngày 15 tháng 3 năm 2024\n\n");
        }
        for i in 0..45 {
            out.push_str(&format!(
                "       Thực hiện Kế hoạch số {i}/KH-UBND ngày 11/01/2024 của UBND tỉnh, các sở\n"
            ));
        }
        if page + 1 == pages {
            out.push_str("Nơi nhận:                              KT. CHỦ TỊCH\n");
            out.push_str("- Như trên;                             PHÓ CHỦ TỊCH\n");
            out.push_str("- Lưu: VT.\n\n                                        Lê Văn Bình\n");
        }
        out.push('\u{c}');
    }
    out
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("files/docx");
    for n in [50, 500] {
        let bytes = docx(n);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("extract/{n}"), |b| {
            b.iter(|| {
                let e = input::extract(black_box(&bytes), &Options::new()).unwrap();
                assert!(e.text.contains("Lê Văn Bình"));
            });
        });
        group.bench_function(format!("extract_and_parse/{n}"), |b| {
            b.iter(|| {
                let (_, doc) = input::parse_bytes(black_box(&bytes), &Options::new()).unwrap();
                assert!(doc.number.is_some());
            });
        });
    }
    group.finish();
    let mut group = c.benchmark_group("files/pdf_layout");
    for pages in [1, 20] {
        let text = layout_text(pages);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("pages/{pages}"), |b| {
            b.iter(|| {
                let out = congvan::bench_api::pdf_layout_text(black_box(&text));
                assert!(out.contains("\nKT. CHỦ TỊCH\n"));
            });
        });
    }
    group.finish();
    c.final_summary();
}
