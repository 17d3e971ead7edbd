//! Reading files (issue 13): the throughput of the `.docx` reader on an
//! authored file (zip + XML walk + Markdown rendering, then the parse), and
//! of congvan's own PDF layout reading on `pdftotext -layout`-shaped text.
//!
//! Against the other tools, on the same authored files, each run as a
//! program once per iteration as a user would (`files/vs_tools`): a `.docx`
//! read by congvan and by `pandoc -t plain`, a PDF read by congvan (which
//! runs `pdftotext` itself, then lays the columns out) and by `pdftotext
//! -layout` alone, in bytes/s and pages/s. A tool that is not installed is
//! skipped with a message. Whole real files are timed from the shell
//! (README, "Speed per format").
//!
//! Each timed closure asserts something about the result.

use std::hint::black_box;
use std::io::{Cursor, Write};

use congvan::input;

#[path = "../tests/integration/common/pdf.rs"]
mod pdf_writer;
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
    // a whole package, as pandoc needs it (congvan reads document.xml alone)
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
          <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
          <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
          <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
    )
    .unwrap();
    zip.start_file("_rels/.rels", opts).unwrap();
    zip.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
          <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>",
    )
    .unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    write!(
        zip,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    )
    .unwrap();
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

/// An authored PDF of `pages` pages of dispatch lines (Type0 font,
/// Identity-H with a ToUnicode map, code = Unicode code point).
fn pdf(pages: usize) -> Vec<u8> {
    let mut all: Vec<Vec<(u32, u32, String)>> = Vec::with_capacity(pages);
    for page in 0..pages {
        let mut lines: Vec<(u32, u32, String)> = Vec::new();
        if page == 0 {
            lines.push((80, 800, "ỦY BAN NHÂN DÂN".to_owned()));
            lines.push((300, 800, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_owned()));
            lines.push((60, 770, "Số: 125/UBND-KTN".to_owned()));
            lines.push((320, 770, "Bắc Giang, ngày 15 tháng 3 năm 2024".to_owned()));
        }
        for i in 0..40u32 {
            lines.push((
                70,
                740 - i * 15,
                format!("Thực hiện Kế hoạch số {i}/KH-UBND ngày 11/01/2024 của UBND tỉnh, các sở"),
            ));
        }
        if page + 1 == pages {
            lines.push((60, 120, "Nơi nhận:".to_owned()));
            lines.push((340, 120, "KT. CHỦ TỊCH".to_owned()));
            lines.push((345, 60, "Lê Văn Bình".to_owned()));
        }
        all.push(lines);
    }
    pdf_writer::pdf(&all)
}

/// Runs `program args` on `input` (through a file when `file` is given,
/// standard input otherwise) and returns its standard output, or `None`
/// when the program is not installed.
fn run(program: &str, args: &[&str], input: &[u8]) -> Option<Vec<u8>> {
    use std::process::{Command, Stdio};
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().ok()?;
    let _ = writer.join();
    Some(out.stdout)
}

/// The other tools against congvan on the same authored files.
fn versus_tools(c: &mut Criterion) {
    let mut group = c.benchmark_group("files/vs_tools");
    group.sample_size(10);
    let bytes = docx(500);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("docx/congvan_extract", |b| {
        b.iter(|| {
            let e = input::extract(black_box(&bytes), &Options::new()).unwrap();
            assert!(e.text.contains("Lê Văn Bình"));
        });
    });
    // (pandoc leaves out these tables, which have no grid: the last body
    // paragraph is looked for)
    match run("pandoc", &["-f", "docx", "-t", "plain"], &bytes) {
        Some(out) if String::from_utf8_lossy(&out).contains("499/KH-UBND") => {
            group.bench_function("docx/pandoc_plain", |b| {
                b.iter(|| {
                    let out = run("pandoc", &["-f", "docx", "-t", "plain"], black_box(&bytes));
                    assert!(out.is_some_and(|o| !o.is_empty()));
                });
            });
        }
        _ => {
            eprintln!("SKIP files/vs_tools/docx/pandoc_plain: pandoc not found (package `pandoc`) or it could not read the file")
        }
    }
    let pages = 20;
    let bytes = pdf(pages);
    group.throughput(Throughput::Elements(pages as u64));
    match run(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", "-q", "-", "-"],
        &bytes,
    ) {
        Some(out) if String::from_utf8_lossy(&out).contains("Lê Văn Bình") => {
            group.bench_function("pdf_pages/congvan_extract", |b| {
                b.iter(|| {
                    let e = input::extract(black_box(&bytes), &Options::new()).unwrap();
                    assert_eq!(e.pages, Some(pages));
                    assert!(e.text.contains("Lê Văn Bình"));
                });
            });
            group.bench_function("pdf_pages/pdftotext_layout", |b| {
                b.iter(|| {
                    let out = run(
                        "pdftotext",
                        &["-layout", "-enc", "UTF-8", "-q", "-", "-"],
                        black_box(&bytes),
                    );
                    assert!(out.is_some_and(|o| !o.is_empty()));
                });
            });
        }
        _ => eprintln!(
            "SKIP files/vs_tools/pdf_pages: pdftotext not found (package `poppler-utils`)"
        ),
    }
    group.finish();
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
    versus_tools(&mut c);
    c.final_summary();
}
