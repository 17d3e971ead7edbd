//! Files as archives hold them: `.docx`, `.doc`, `.pdf`. Every file here is
//! authored by the test (a .docx from WordprocessingML strings, a PDF written
//! by hand), never a copy of a real document.
//!
//! Tests that need poppler's `pdftotext` skip with a message naming the
//! package (`poppler-utils`) when it is not installed.
#![cfg(all(feature = "docx", feature = "doc", feature = "pdf", feature = "cli"))]

use std::io::{Cursor, Write};
use std::process::Command;

use congvan::input::{self, FileFormat};
use congvan::{Error, Options};

use crate::common::bin::{assert_no_panic, congvan, stderr, stdout};

use crate::common::pdf::pdf;
use crate::common::temp::TempDir;

// ------------------------------------------------------------ authoring

/// A `.docx` holding `body` (the inside of `w:body`) and `footnotes`.
fn docx(body: &str, footnotes: Option<&str>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    write!(
        zip,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"w\" xmlns:mc=\"mc\" \
         xmlns:wp=\"wp\"><w:body>{body}</w:body></w:document>"
    )
    .unwrap();
    if let Some(notes) = footnotes {
        zip.start_file("word/footnotes.xml", opts).unwrap();
        write!(zip, "<w:footnotes xmlns:w=\"w\">{notes}</w:footnotes>").unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn cell(paragraphs: &[&str]) -> String {
    let ps: String = paragraphs.iter().map(|t| p(t)).collect();
    format!("<w:tc>{ps}</w:tc>")
}

fn row(cells: &[&[&str]]) -> String {
    let cs: String = cells.iter().map(|c| cell(c)).collect();
    format!("<w:tr>{cs}</w:tr>")
}

const ISSUER: [&str; 2] = ["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"];
const HEADING: [&str; 2] = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
];
const NUMBER: &str = "Số: 125/UBND-KTN";
const DATE: &str = "Bắc Giang, ngày 15 tháng 3 năm 2024";
const SUBJECT: &str = "V/v triển khai Kế hoạch số 03/KH-UBND";
const BODY: [&str; 2] = [
    "Thực hiện Kế hoạch số 03/KH-UBND ngày 11/01/2024 của UBND tỉnh, Chủ tịch UBND tỉnh yêu cầu các sở, ngành triển khai các nội dung sau.",
    "Yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện./.",
];
const RECEIVERS: [&str; 3] = ["Nơi nhận:", "- Như trên;", "- Lưu: VT, KTN."];
const SIGNER: [&str; 3] = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Bình"];

/// The dispatch as a .docx: header and signature tables, as offices type it.
fn dispatch_docx() -> Vec<u8> {
    let header = format!(
        "<w:tbl>{}{}</w:tbl>",
        row(&[&ISSUER, &HEADING]),
        row(&[&[NUMBER], &[DATE]])
    );
    let signature = format!("<w:tbl>{}</w:tbl>", row(&[&RECEIVERS, &SIGNER]));
    let body = format!(
        "{header}{}{}{}{}{signature}",
        p(SUBJECT),
        p("Kính gửi: Sở Nông nghiệp và Phát triển nông thôn"),
        p(BODY[0]),
        p(BODY[1])
    );
    docx(&body, None)
}

/// The same dispatch as a one-page PDF: two-column header, signer beside
/// Nơi nhận.
fn dispatch_pdf() -> Vec<u8> {
    pdf(&[dispatch_pdf_lines()])
}

/// The lines of [`dispatch_pdf`]'s page.
fn dispatch_pdf_lines() -> Vec<(u32, u32, &'static str)> {
    let (l, r) = (60, 300);
    let mut lines = vec![
        (l + 20, 800, ISSUER[0]),
        (r, 800, HEADING[0]),
        (l + 25, 786, ISSUER[1]),
        (r + 30, 786, HEADING[1]),
        (l, 760, NUMBER),
        (r + 20, 760, DATE),
        (l, 740, SUBJECT),
        (
            l + 80,
            710,
            "Kính gửi: Sở Nông nghiệp và Phát triển nông thôn",
        ),
    ];
    let body = [
        "Thực hiện Kế hoạch số 03/KH-UBND ngày 11/01/2024 của UBND tỉnh, Chủ tịch",
        "UBND tỉnh yêu cầu các sở, ngành triển khai các nội dung sau.",
        "Yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện./.",
    ];
    for (i, b) in body.iter().enumerate() {
        let y = 680 - u32::try_from(i).unwrap() * 14;
        lines.push((if i == 1 { l } else { l + 20 }, y, b));
    }
    lines.extend([
        (l, 600, RECEIVERS[0]),
        (r + 40, 600, SIGNER[0]),
        (l, 586, RECEIVERS[1]),
        (r + 40, 586, SIGNER[1]),
        (l, 572, RECEIVERS[2]),
        (r + 45, 520, SIGNER[2]),
    ]);
    lines
}

/// The same dispatch as plain text.
fn dispatch_text() -> String {
    format!(
        "{}\n{}\n{}\n{}\n{}\n{NUMBER}\n{DATE}\n{SUBJECT}\n\nKính gửi: Sở Nông nghiệp và Phát triển nông thôn\n\n{}\n{}\n\n{}\n{}\n{}\n\n{}\n{}\n{}\n",
        ISSUER[0], ISSUER[1], "", HEADING[0], HEADING[1], BODY[0], BODY[1],
        RECEIVERS[0], RECEIVERS[1], RECEIVERS[2], SIGNER[0], SIGNER[1], SIGNER[2]
    )
}

fn has_pdftotext() -> bool {
    let found = Command::new("pdftotext").arg("-v").output().is_ok();
    if !found {
        eprintln!("SKIP: pdftotext not found; install the package `poppler-utils`");
    }
    found
}

/// What the three forms of one document must agree on.
fn key_fields(doc: &congvan::Document) -> Vec<Option<String>> {
    vec![
        doc.issuer.as_ref().map(|i| i.name.clone()),
        doc.number.as_ref().and_then(|n| n.number.clone()),
        doc.number.as_ref().and_then(|n| n.symbol.clone()),
        doc.date
            .as_ref()
            .map(|d| format!("{:?}-{:?}-{:?}", d.year, d.month, d.day)),
        doc.place.as_ref().map(|p| p.name.clone()),
        doc.subject.as_ref().map(|s| s.text.clone()),
        doc.signatures.first().and_then(|s| s.name.clone()),
        doc.signatures.first().and_then(|s| s.title.clone()),
        doc.distribution.as_ref().map(|d| {
            d.items
                .iter()
                .map(|i| i.text.clone())
                .collect::<Vec<_>>()
                .join("|")
        }),
    ]
}

// ---------------------------------------------------------------- tests

#[test]
fn formats_are_detected_by_content() {
    assert_eq!(input::detect(&dispatch_docx()), FileFormat::Docx);
    assert_eq!(input::detect(&dispatch_pdf()), FileFormat::Pdf);
    assert_eq!(input::detect(dispatch_text().as_bytes()), FileFormat::Text);
}

#[test]
fn a_docx_reaches_the_parser_with_its_cells() {
    let (extracted, doc) = input::parse_bytes(&dispatch_docx(), &Options::new()).unwrap();
    assert_eq!(extracted.format, FileFormat::Docx);
    let number = doc.number.as_ref().expect("number");
    assert_eq!(number.symbol.as_deref(), Some("UBND-KTN"));
    // spans index the extracted text
    assert_eq!(number.span.slice(&extracted.text), Some(NUMBER));
    let sig = doc.signatures.first().expect("signature");
    assert_eq!(sig.name.as_deref(), Some("Lê Văn Bình"));
    assert_eq!(sig.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(
        doc.issuer.as_ref().unwrap().name,
        "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG"
    );
    assert!(doc
        .citations
        .iter()
        .any(|c| c.id.as_deref() == Some("03/KH-UBND")));
}

#[test]
fn docx_draft_pdf_and_text_give_the_same_model() {
    let text_doc = congvan::parse(&dispatch_text());
    let (_, docx_doc) = input::parse_bytes(&dispatch_docx(), &Options::new()).unwrap();
    let expected = key_fields(&text_doc);
    assert!(expected.iter().all(Option::is_some), "{expected:?}");
    assert_eq!(key_fields(&docx_doc), expected);
    if !has_pdftotext() {
        return;
    }
    let (extracted, pdf_doc) = input::parse_bytes(&dispatch_pdf(), &Options::new()).unwrap();
    assert_eq!(extracted.pages, Some(1));
    assert_eq!(key_fields(&pdf_doc), expected, "{}", extracted.text);
}

#[test]
fn the_source_says_the_format_the_pages_and_where_each_page_starts() {
    let text_doc = congvan::parse(&dispatch_text());
    assert_eq!(text_doc.source.format, FileFormat::Text);
    assert_eq!(text_doc.source.pages, None);
    assert_eq!(text_doc.page_at(0), None);
    let (_, docx_doc) = input::parse_bytes(&dispatch_docx(), &Options::new()).unwrap();
    assert_eq!(docx_doc.source.format, FileFormat::Docx);
    // no docProps/app.xml: the page count is not known, nor the page table
    assert_eq!(docx_doc.source.pages, None);
    assert_eq!(docx_doc.page_at(0), None);
    if !has_pdftotext() {
        return;
    }
    // the dispatch over three pages: header and body, a page without
    // text (a scan left out), then the signature block
    let (top, bottom): (Vec<_>, Vec<_>) = dispatch_pdf_lines()
        .into_iter()
        .partition(|&(_, y, _)| y > 620);
    let bytes = pdf(&[top, vec![], bottom]);
    let (e, doc) = input::parse_bytes(&bytes, &Options::new()).unwrap();
    let source = &doc.source;
    assert_eq!(source.format, FileFormat::Pdf);
    assert_eq!(source.pages, Some(3));
    assert_eq!(source.page_starts.len(), 3, "{source:?}");
    assert_eq!(source.page_starts[0], 0);
    // the empty page starts where the next one does
    assert_eq!(source.page_starts[1], source.page_starts[2]);
    assert_eq!(source.text, None);
    let number = doc.number.as_ref().expect("number");
    assert_eq!(doc.page_at(number.span.start), Some(1));
    let sig = doc.signatures.first().expect("signature");
    assert_eq!(sig.name.as_deref(), Some("Lê Văn Bình"));
    assert_eq!(doc.page_at(sig.span.start), Some(3), "{}", e.text);
    // page 3 begins with its own first line
    assert!(
        e.text[source.page_starts[2]..]
            .trim_start()
            .starts_with(RECEIVERS[0]),
        "{:?}",
        &e.text[source.page_starts[2]..]
    );
    // every page start is a char boundary, in order
    assert!(source.page_starts.windows(2).all(|w| w[0] <= w[1]));
    assert!(source
        .page_starts
        .iter()
        .all(|&s| e.text.is_char_boundary(s)));
}

/// A `.docx` whose `docProps/app.xml` says it has `pages` pages.
fn docx_with_pages(body: &str, pages: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", opts).unwrap();
    write!(zip, "<w:document><w:body>{body}</w:body></w:document>").unwrap();
    zip.start_file("docProps/app.xml", opts).unwrap();
    write!(zip, "<Properties><Pages>{pages}</Pages></Properties>").unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_docx_page_table_comes_from_the_breaks_word_rendered() {
    // the dispatch over two pages: Word's last rendering broke the page in
    // the middle of the second body paragraph
    let header = format!(
        "<w:tbl>{}{}</w:tbl>",
        row(&[&ISSUER, &HEADING]),
        row(&[&[NUMBER], &[DATE]])
    );
    let signature = format!("<w:tbl>{}</w:tbl>", row(&[&RECEIVERS, &SIGNER]));
    let split = "<w:p><w:r><w:t xml:space=\"preserve\">Yêu cầu các cơ quan, </w:t></w:r>\
                 <w:r><w:lastRenderedPageBreak/><w:t>đơn vị nghiêm túc thực hiện./.</w:t></w:r></w:p>";
    let body = format!(
        "{header}{}{}{}{split}{signature}",
        p(SUBJECT),
        p("Kính gửi: Sở Nông nghiệp và Phát triển nông thôn"),
        p(BODY[0]),
    );
    let (e, doc) = input::parse_bytes(&docx_with_pages(&body, 2), &Options::new()).unwrap();
    // the marks never reach the text
    assert!(!e.text.contains(['\u{1}', '\u{2}']), "{:?}", e.text);
    assert_eq!(doc.source.pages, Some(2));
    assert_eq!(doc.source.page_starts.len(), 2, "{:?}", doc.source);
    let second = doc.source.page_starts[1];
    assert!(
        e.text[second..].starts_with("đơn vị nghiêm túc"),
        "{:?}",
        &e.text[second..]
    );
    assert_eq!(
        doc.page_at(doc.number.as_ref().unwrap().span.start),
        Some(1)
    );
    let sig = doc.signatures.first().expect("signature");
    assert_eq!(doc.page_at(sig.span.start), Some(2));
    // the text is the one without page breaks
    let plain = body.replace("<w:lastRenderedPageBreak/>", "");
    let (plain_e, _) = input::parse_bytes(&docx_with_pages(&plain, 2), &Options::new()).unwrap();
    assert_eq!(plain_e.text, e.text);
    // a count that the breaks do not match (saved by another program): no
    // page table rather than a wrong one; a typed page break counts when
    // Word's rendering is not there
    assert!(plain_e.page_starts.is_empty());
    let (_, doc) = input::parse_bytes(&docx_with_pages(&body, 3), &Options::new()).unwrap();
    assert!(doc.source.page_starts.is_empty(), "{:?}", doc.source);
    let typed = plain.replace("<w:t>đơn vị", "<w:br w:type=\"page\"/><w:t>đơn vị");
    let (e, doc) = input::parse_bytes(&docx_with_pages(&typed, 2), &Options::new()).unwrap();
    assert_eq!(doc.source.page_starts.len(), 2, "{:?}", doc.source);
    assert_eq!(
        doc.page_at(doc.signatures[0].span.start),
        Some(2),
        "{}",
        e.text
    );
}

#[test]
fn parse_with_text_embeds_what_the_spans_index() {
    let dir = TempDir::new("withtext");
    let f = dir.file("draft.docx", dispatch_docx());
    let o = congvan().arg("text").arg(&f).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let o = congvan()
        .arg("parse")
        .arg("--with-text")
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["source"]["format"], "docx");
    let embedded = v["source"]["text"].as_str().expect("source.text");
    assert_eq!(embedded, text);
    let span = &v["number"]["span"];
    let (a, b) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&embedded[a..b], NUMBER);
    // without the flag the text is not embedded
    let o = congvan().arg("parse").arg(&f).output().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["source"]["text"].is_null(), "{}", v["source"]);
    // batch too
    let o = congvan()
        .arg("batch")
        .arg("--with-text")
        .arg("--files-from")
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin
                .take()
                .unwrap()
                .write_all(f.to_str().unwrap().as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let line: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(
        line["document"]["source"]["text"].as_str(),
        Some(text.as_str())
    );
}

#[test]
fn footnotes_deletions_and_floating_shapes() {
    let body = format!(
        "{}<w:p><w:r><w:drawing><wp:anchor><wp:positionH><wp:posOffset>7689851</wp:posOffset>\
         </wp:positionH></wp:anchor></w:drawing></w:r><w:r><w:t>Số: 12/</w:t></w:r>\
         <w:del><w:r><w:delText>QĐ</w:delText></w:r></w:del><w:ins><w:r><w:t>UBND-VX</w:t></w:r></w:ins></w:p>",
        p("UBND TỈNH A")
    );
    let notes = "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
                 <w:footnote w:id=\"1\"><w:p><w:r><w:t>Theo Nghị định số 30/2020/NĐ-CP.</w:t></w:r></w:p></w:footnote>";
    let e = input::extract(&docx(&body, Some(notes)), &Options::new()).unwrap();
    assert!(e.text.contains("Số: 12/UBND-VX"), "{}", e.text);
    assert!(!e.text.contains("7689851"), "{}", e.text);
    assert!(
        e.text
            .contains("Chú thích:\n\nTheo Nghị định số 30/2020/NĐ-CP."),
        "{}",
        e.text
    );
}

#[test]
fn bad_word_files_are_errors_naming_the_reason() {
    // a zip that says word/document.xml but is cut short
    let mut cut = dispatch_docx();
    cut.truncate(cut.len() / 2);
    assert!(matches!(
        input::extract(&cut, &Options::new()),
        Err(Error::Unreadable { format: "docx", .. })
    ));
    // inflates past the size limit: refused, not inflated
    let big = docx(&p(&"a".repeat(200_000)), None);
    let err = input::extract(&big, &Options::new().max_size(100_000)).unwrap_err();
    assert!(err.to_string().contains("size limit"), "{err}");
    // a macro-enabled file: read, and the macros named, never run
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", opts).unwrap();
    write!(
        zip,
        "<w:document><w:body>{}</w:body></w:document>",
        p(NUMBER)
    )
    .unwrap();
    zip.start_file("word/vbaProject.bin", opts).unwrap();
    zip.write_all(&[0xD0, 0xCF, 0x11, 0xE0]).unwrap();
    let docm = zip.finish().unwrap().into_inner();
    let (e, doc) = input::parse_bytes(&docm, &Options::new()).unwrap();
    assert!(e.text.contains(NUMBER), "{}", e.text);
    assert!(
        doc.diagnostics.iter().any(|d| d.code == "macros_not_run"),
        "{:?}",
        doc.diagnostics
    );
    let (_, plain) = input::parse_bytes(&dispatch_docx(), &Options::new()).unwrap();
    assert!(!plain.diagnostics.iter().any(|d| d.code == "macros_not_run"));
    // an OLE compound file without a WordDocument stream (an encrypted .docx)
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    assert!(matches!(
        input::extract(&ole, &Options::new()),
        Err(Error::Unreadable { format: "doc", .. })
    ));
}

#[test]
fn pdf_pages_without_usable_text_give_diagnostics_not_values() {
    if !has_pdftotext() {
        return;
    }
    let latin = pdf(&[
        vec![
            (60, 800, "UBND TINH BAC GIANG"),
            (60, 780, "So: 125/UBND-KTN"),
            (
                60,
                760,
                "Bac Giang, ngay 15 thang 3 nam 2024 ve viec trien khai",
            ),
        ],
        vec![],
    ]);
    let (e, doc) = input::parse_bytes(&latin, &Options::new()).unwrap();
    assert_eq!(e.pages, Some(2));
    let codes: Vec<&str> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"unusable_text_layer"), "{codes:?}");
    assert!(codes.contains(&"no_text_layer"), "{codes:?}");
    assert!(doc.number.is_none(), "{:?}", doc.number);
    // nothing readable: no list of "missing" components, only the reason
    assert!(
        doc.diagnostics
            .iter()
            .all(|d| d.code.as_str().ends_with("text_layer")),
        "{codes:?}"
    );
    let msg = &doc
        .diagnostics
        .iter()
        .find(|d| d.code == "no_text_layer")
        .unwrap()
        .message;
    assert!(msg.starts_with("page 2"), "{msg}");
    // password-protected (a user password that the empty one does not
    // open): refused as encrypted, naming the reason
    let mut locked = pdf(&[vec![(60, 800, "Số: 12/UBND-VX")]]);
    let at = locked
        .windows(b" /Root 1 0 R >>".len())
        .rposition(|w| w == b" /Root 1 0 R >>")
        .unwrap();
    let encrypt = format!(
        " /Root 1 0 R /Encrypt << /Filter /Standard /V 1 /R 2 /O <{}> /U <{}> /P -4 >> \
         /ID [<{id}> <{id}>] >>",
        "41".repeat(32),
        "42".repeat(32),
        id = "43".repeat(16)
    );
    locked.splice(at..at + b" /Root 1 0 R >>".len(), encrypt.bytes());
    let err = input::extract(&locked, &Options::new()).unwrap_err();
    assert!(err.to_string().contains("encrypted"), "{err}");
    // not a PDF past its magic: an error, not a panic
    let err = input::extract(b"%PDF-1.4\ngarbage", &Options::new()).unwrap_err();
    assert!(
        matches!(err, Error::Unreadable { format: "pdf", .. }),
        "{err:?}"
    );
}

#[test]
fn cli_text_parse_check_and_batch_take_files() {
    let dir = TempDir::new("files");
    let f = dir.file("in/draft.docx", dispatch_docx());
    dir.file("in/sub/note.txt", dispatch_text());
    // `text` prints what the spans index
    let o = congvan().arg("text").arg(&f).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let o = congvan().arg("parse").arg(&f).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let span = &v["number"]["span"];
    let (a, b) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[a..b], NUMBER);
    let o = congvan().arg("check").arg(&f).output().unwrap();
    assert_no_panic(&o);
    assert!(
        stdout(&o).contains("draft.docx")
            || stderr(&o).contains("draft.docx")
            || o.status.success()
    );
    // batch picks up .docx beside .txt
    let out = dir.path().join("out");
    let o = congvan()
        .arg("batch")
        .arg(dir.path().join("in"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_no_panic(&o);
    assert!(out.join("draft.json").exists(), "{}", stderr(&o));
    assert!(out.join("sub/note.json").exists(), "{}", stderr(&o));
}

#[test]
fn a_missing_pdftotext_names_its_package() {
    let dir = TempDir::new("nopoppler");
    let f = dir.file("a.pdf", dispatch_pdf());
    let o = congvan()
        .arg("parse")
        .arg(&f)
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("poppler-utils"), "{}", stderr(&o));
}

/// A minimal Word 97 file: a FIB, one UTF-16 piece holding `text`, a CLX in
/// the `0Table` stream, and (when `ttp` is given) one paragraph-property page
/// marking the paragraphs that end at those character positions as table
/// row ends and the rest as in a table.
fn word97(text: &str, table_cps: Option<(usize, &[usize])>) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let ccp = units.len();
    let text_fc: usize = 2048;
    let mut word = vec![0u8; text_fc];
    for u in &units {
        word.extend_from_slice(&u.to_le_bytes());
    }
    let put16 =
        |w: &mut Vec<u8>, at: usize, v: u16| w[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 =
        |w: &mut Vec<u8>, at: usize, v: u32| w[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put16(&mut word, 0, 0xA5EC);
    put16(&mut word, 2, 0x00C1); // nFib: Word 97
    put16(&mut word, 0x0A, 0); // flags: 0Table, not encrypted
    put16(&mut word, 32, 14); // csw
    let lw_at = 34 + 28;
    put16(&mut word, lw_at, 22); // cslw
    let lw = lw_at + 2;
    put32(&mut word, lw + 12, u32::try_from(ccp).unwrap()); // ccpText
    let fc_at = lw + 88;
    put16(&mut word, fc_at, 93); // cbRgFcLcb
    let pairs = fc_at + 2;
    // the CLX: one Pcdt with one piece
    let mut table = Vec::new();
    let mut plc = Vec::new();
    plc.extend_from_slice(&0u32.to_le_bytes());
    plc.extend_from_slice(&u32::try_from(ccp).unwrap().to_le_bytes());
    plc.extend_from_slice(&[0, 0]);
    plc.extend_from_slice(&u32::try_from(text_fc).unwrap().to_le_bytes());
    plc.extend_from_slice(&[0, 0]);
    table.push(0x02);
    table.extend_from_slice(&u32::try_from(plc.len()).unwrap().to_le_bytes());
    table.extend_from_slice(&plc);
    put32(&mut word, pairs + 33 * 8, 0);
    put32(
        &mut word,
        pairs + 33 * 8 + 4,
        u32::try_from(table.len()).unwrap(),
    );
    if let Some((first_cp, row_ends)) = table_cps {
        // one PAPX page: a run per paragraph from `first_cp` on
        let pn = word.len().div_ceil(512);
        word.resize(pn * 512 + 512, 0);
        let page = pn * 512;
        let marks: Vec<usize> = units
            .iter()
            .enumerate()
            .skip(first_cp)
            .filter(|(_, &u)| u == 0x0D || u == 0x07)
            .map(|(i, _)| i)
            .collect();
        let mut start = first_cp;
        let crun = marks.len();
        word[page + 511] = u8::try_from(crun).unwrap();
        let last_row_end = row_ends.iter().copied().max().unwrap_or(0);
        for (j, &cp) in marks.iter().enumerate() {
            let fc_start = text_fc + start * 2;
            let fc_end = text_fc + (cp + 1) * 2;
            put32(&mut word, page + j * 4, u32::try_from(fc_start).unwrap());
            put32(
                &mut word,
                page + (j + 1) * 4,
                u32::try_from(fc_end).unwrap(),
            );
            // PapxInFkp at offset 300 + 16 j: cb, istd (2), sprms
            let at = 300 + 16 * j;
            let row_end = row_ends.contains(&cp);
            // sprmPFInTable, and sprmPFTtp on a row end; none after the table
            let sprms: Vec<u8> = if row_end {
                vec![0x16, 0x24, 0x01, 0x17, 0x24, 0x01]
            } else if cp < last_row_end {
                vec![0x16, 0x24, 0x01]
            } else {
                vec![]
            };
            let len = 2 + sprms.len(); // istd + sprms
            word[page + at] = u8::try_from(len.div_ceil(2)).unwrap() + 1;
            // cb counts words: grpprl is 2*cb-1 bytes after the cb byte
            word[page + at + 1] = 0;
            word[page + at + 2] = 0;
            word[page + at + 3..page + at + 3 + sprms.len()].copy_from_slice(&sprms);
            word[page + (crun + 1) * 4 + j * 13] = u8::try_from(at / 2).unwrap();
            start = cp + 1;
        }
        let plc_at = table.len();
        table.extend_from_slice(&u32::try_from(text_fc + first_cp * 2).unwrap().to_le_bytes());
        table.extend_from_slice(&u32::try_from(text_fc + ccp * 2).unwrap().to_le_bytes());
        table.extend_from_slice(&u32::try_from(pn).unwrap().to_le_bytes());
        put32(&mut word, pairs + 13 * 8, u32::try_from(plc_at).unwrap());
        put32(&mut word, pairs + 13 * 8 + 4, 12);
    }
    let mut cfb = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    cfb.create_stream("/WordDocument")
        .unwrap()
        .write_all(&word)
        .unwrap();
    cfb.create_stream("/0Table")
        .unwrap()
        .write_all(&table)
        .unwrap();
    cfb.flush().unwrap();
    cfb.into_inner().into_inner()
}

#[test]
fn a_word97_file_is_read_through_its_piece_table() {
    // paragraphs, a field whose code is dropped and result kept, a line break
    let text = "ỦY BAN NHÂN DÂN\rSố: \u{13} PAGE \u{14}125\u{15}/UBND-KTN\rV/v thử\u{b}dòng hai\r\
                Kết \u{13} IF \u{13} PAGE \u{14}1\u{15} = 1 \u{14}quả\u{15} lồng\r";
    let bytes = word97(text, None);
    assert_eq!(input::detect(&bytes), FileFormat::Doc);
    let e = input::extract(&bytes, &Options::new()).unwrap();
    assert_eq!(e.format, FileFormat::Doc);
    assert!(e.text.contains("Số: 125/UBND-KTN\n"), "{}", e.text);
    assert!(!e.text.contains("PAGE"), "{}", e.text);
    assert!(e.text.contains("V/v thử\ndòng hai\n"), "{}", e.text);
    // a field inside a field's code: only the outer result is read
    assert!(e.text.contains("Kết quả lồng\n"), "{}", e.text);
}

#[test]
fn word97_cells_and_rows_become_a_table() {
    // a header table: two cells, then the row-end mark
    let prefix = "Mở đầu\r";
    let cells = "UBND TỈNH A\u{7}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\u{7}\u{7}";
    let text = format!("{prefix}{cells}Sau bảng\r");
    let first = prefix.encode_utf16().count();
    let row_end = first + cells.encode_utf16().count() - 1;
    let e = input::extract(&word97(&text, Some((first, &[row_end]))), &Options::new()).unwrap();
    assert!(
        e.text
            .contains("| UBND TỈNH A | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"),
        "{}",
        e.text
    );
    assert!(e.text.contains("\nSau bảng\n"), "{}", e.text);
}

#[test]
fn a_500_page_pdf_is_read_in_bounded_time() {
    if !has_pdftotext() {
        return;
    }
    let page = |i: u32| {
        vec![
            (60, 800, "Điều khoản thi hành của văn bản"),
            (
                60,
                780,
                if i.is_multiple_of(2) {
                    "Căn cứ Nghị định số 30/2020/NĐ-CP;"
                } else {
                    "Nội dung trang."
                },
            ),
        ]
    };
    let pages: Vec<Vec<(u32, u32, &str)>> = (0..500).map(page).collect();
    let bytes = pdf(&pages);
    let started = std::time::Instant::now();
    let (e, doc) = input::parse_bytes(&bytes, &Options::new()).unwrap();
    assert_eq!(e.pages, Some(500));
    assert!(doc
        .citations
        .iter()
        .any(|c| c.id.as_deref() == Some("30/2020/NĐ-CP")));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_docx_of_many_paragraphs_is_read_in_linear_time() {
    // empty centred paragraphs and tab-laid lines: shapes whose handling
    // once scanned every earlier or later block
    let mut body = String::new();
    for i in 0..20_000 {
        body.push_str("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>");
        body.push_str(&p(&format!("Dòng {i}\t\t\tcột phải")));
    }
    let bytes = docx(&body, None);
    let started = std::time::Instant::now();
    let e = input::extract(&bytes, &Options::new()).unwrap();
    assert!(e.text.contains("Dòng 19999"));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

// ------------------------------------------------------------ scans (OCR)

/// Whether `tesseract` with its Vietnamese model and poppler's `pdftoppm`
/// are installed; says how to install them when not.
fn has_ocr() -> bool {
    let vie = Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "vie")
        });
    let poppler = Command::new("pdftoppm").arg("-v").output().is_ok();
    if !(vie && poppler) {
        eprintln!(
            "SKIP: tesseract with its Vietnamese model, or pdftoppm, not found; install the \
             packages `tesseract-ocr tesseract-ocr-vie poppler-utils fonts-dejavu-core`"
        );
    }
    vie && poppler
}

const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// ImageMagick's `convert` (the real one: `magick`, or IM6's), when there is one.
fn imagemagick() -> Option<&'static str> {
    ["magick", "/usr/bin/convert", "convert"]
        .into_iter()
        .find(|p| {
            Command::new(p)
                .arg("-version")
                .output()
                .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("ImageMagick"))
        })
}

/// A scan made by the test: `lines` (at PDF points, as [`pdf`] takes them)
/// drawn in DejaVu Sans on a white A4 page at `dpi`, as a grey image in
/// `format` (`png`, or `gray` for raw pixels). `None`, with a message, when
/// ImageMagick or the font is missing.
fn scan(lines: &[(u32, u32, &str)], dpi: u32, format: &str) -> Option<Vec<u8>> {
    let (Some(im), true) = (imagemagick(), std::path::Path::new(DEJAVU).exists()) else {
        eprintln!(
            "SKIP: ImageMagick or DejaVu Sans not found; install `imagemagick fonts-dejavu-core`"
        );
        return None;
    };
    let px = |pt: u32| pt * dpi / 72;
    let mut cmd = Command::new(im);
    cmd.arg("-size")
        .arg(format!("{}x{}", px(595), px(842)))
        .arg("xc:white")
        .args(["-font", DEJAVU, "-fill", "black", "-pointsize"])
        .arg((11 * dpi / 72).to_string());
    for (x, y, text) in lines {
        cmd.arg("-draw")
            .arg(format!("text {},{} '{text}'", px(*x), px(842 - y)));
    }
    let o = cmd
        .args(["-type", "Grayscale", "-depth", "8"])
        .arg(format!("{format}:-"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    Some(o.stdout)
}

/// A scanned PDF: one page that is only an image (`lines` drawn at 200 dpi),
/// no text layer.
fn scanned_pdf(lines: &[(u32, u32, &str)]) -> Option<Vec<u8>> {
    Some(image_pdf(&scan(lines, 200, "gray")?, "DeviceGray"))
}

/// A colour scan: `lines` in black at 200 dpi, over red discs (a seal:
/// centre and radius in PDF points) drawn first, as a PDF holding only
/// the RGB image.
fn red_sealed_pdf(lines: &[(u32, u32, &str)], seals: &[(u32, u32, u32)]) -> Option<Vec<u8>> {
    let (Some(im), true) = (imagemagick(), std::path::Path::new(DEJAVU).exists()) else {
        eprintln!(
            "SKIP: ImageMagick or DejaVu Sans not found; install `imagemagick fonts-dejavu-core`"
        );
        return None;
    };
    let dpi = 200;
    let px = |pt: u32| pt * dpi / 72;
    let mut cmd = Command::new(im);
    cmd.arg("-size")
        .arg(format!("{}x{}", px(595), px(842)))
        .arg("xc:white")
        .args(["-fill", "rgb(220,30,30)"]);
    for (x, y, r) in seals {
        let (cx, cy) = (px(*x), px(842 - y));
        cmd.arg("-draw")
            .arg(format!("circle {cx},{cy} {},{cy}", cx + px(*r)));
    }
    cmd.args(["-font", DEJAVU, "-fill", "black", "-pointsize"])
        .arg((11 * dpi / 72).to_string());
    for (x, y, text) in lines {
        cmd.arg("-draw")
            .arg(format!("text {},{} '{text}'", px(*x), px(842 - y)));
    }
    let o = cmd.args(["-depth", "8", "rgb:-"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    Some(image_pdf(&o.stdout, "DeviceRGB"))
}

/// A PDF of one A4 page drawing one 200-dpi image of raw `pixels`.
fn image_pdf(pixels: &[u8], colour_space: &str) -> Vec<u8> {
    let (w, h) = (595 * 200 / 72, 842 * 200 / 72);
    let raw = pixels;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(raw).unwrap();
    let data = z.finish().unwrap();
    let content = "q 595 0 0 842 0 0 cm /Im1 Do Q\n";
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
           /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>"
            .to_vec(),
        format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        )
        .into_bytes(),
    ];
    let mut image = format!(
        "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /{colour_space} \
         /BitsPerComponent 8 /Filter /FlateDecode /Length {} >>\nstream\n",
        data.len()
    )
    .into_bytes();
    image.extend_from_slice(&data);
    image.extend_from_slice(b"\nendstream");
    objects.push(image);
    crate::common::pdf::assemble(&objects)
}

/// The lines of [`dispatch_pdf`], for a scan of the same page.
fn dispatch_lines() -> Vec<(u32, u32, &'static str)> {
    let (l, r) = (60, 300);
    vec![
        (l + 20, 800, ISSUER[0]),
        (r, 800, HEADING[0]),
        (l + 25, 786, ISSUER[1]),
        (r + 30, 786, HEADING[1]),
        (l, 760, NUMBER),
        (r + 20, 760, DATE),
        (l, 740, SUBJECT),
        (
            l + 80,
            710,
            "Kính gửi: Sở Nông nghiệp và Phát triển nông thôn",
        ),
        (
            l + 20,
            680,
            "Thực hiện Kế hoạch số 03/KH-UBND ngày 11/01/2024 của UBND tỉnh.",
        ),
        (
            l + 20,
            666,
            "Yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện./.",
        ),
        (l, 600, RECEIVERS[0]),
        (r + 40, 600, SIGNER[0]),
        (l, 586, RECEIVERS[1]),
        (r + 40, 586, SIGNER[1]),
        (l, 572, RECEIVERS[2]),
        (r + 45, 520, SIGNER[2]),
    ]
}

fn ocr_options() -> Options {
    Options::new().ocr(congvan::OcrMode::Auto)
}

#[test]
fn a_scan_made_from_the_dispatch_reads_like_its_text_layer() {
    if !has_pdftotext() || !has_ocr() {
        return;
    }
    let Some(png) = scan(&dispatch_lines(), 300, "png") else {
        return;
    };
    assert_eq!(input::detect(&png), FileFormat::Image);
    let (e, doc) = input::parse_bytes(&png, &ocr_options()).unwrap();
    assert_eq!(e.format, FileFormat::Image);
    let (_, born) = input::parse_bytes(&dispatch_pdf(), &Options::new()).unwrap();
    let (ocr, digital) = (key_fields(&doc), key_fields(&born));
    // issuer, number, symbol, date, place, subject, signer name and title:
    // the two columns of the header and of the signature come out apart
    assert_eq!(ocr[..8], digital[..8], "\n{}", e.text);
    assert!(
        e.diagnostics.iter().any(|d| d.code == "ocr"),
        "{:?}",
        e.diagnostics
    );
    // spans index the OCR text
    let n = doc.number.as_ref().unwrap();
    assert_eq!(&e.text[n.span.start..n.span.end], NUMBER);
}

#[test]
fn a_jpeg_and_a_two_page_tiff_are_read_page_by_page() {
    if !has_pdftotext() || !has_ocr() {
        return;
    }
    let lines = dispatch_lines();
    // the header on page 1, the body and the signature block on page 2
    let (head, rest) = lines.split_at(8);
    let (Some(jpeg), Some(first), Some(second)) = (
        scan(&lines, 300, "jpg"),
        scan(head, 300, "png"),
        scan(rest, 300, "png"),
    ) else {
        return;
    };
    let (e, doc) = input::parse_bytes(&jpeg, &ocr_options()).unwrap();
    assert_eq!(e.format, FileFormat::Image);
    let n = doc.number.as_ref().expect("the number");
    assert_eq!(&e.text[n.span.start..n.span.end], NUMBER, "{}", e.text);

    let dir = TempDir::new("tiff");
    let (a, b) = (dir.path().join("1.png"), dir.path().join("2.png"));
    std::fs::write(&a, first).unwrap();
    std::fs::write(&b, second).unwrap();
    let o = Command::new(imagemagick().unwrap())
        .arg(&a)
        .arg(&b)
        .arg("tif:-")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (e, doc) = input::parse_bytes(&o.stdout, &ocr_options()).unwrap();
    assert_eq!(e.format, FileFormat::Image);
    assert_eq!(e.pages, Some(2), "{:?}", e.diagnostics);
    assert_eq!(e.page_starts.len(), 2, "{:?}", e.page_starts);
    // the number from page 1, the signer from page 2, each on its page
    let n = doc.number.as_ref().expect("the number");
    assert_eq!(&e.text[n.span.start..n.span.end], NUMBER, "{}", e.text);
    assert_eq!(doc.page_at(n.span.start), Some(1));
    let signer = doc.signatures.first().expect("the signature on page 2");
    assert_eq!(signer.name.as_deref(), Some(SIGNER[2]), "{}", e.text);
    assert_eq!(doc.page_at(signer.span.start), Some(2), "{}", e.text);
}

#[test]
fn a_scanned_pdf_is_rendered_by_pdftoppm_read_by_ocr_and_cached() {
    if !has_pdftotext() || !has_ocr() {
        return;
    }
    let cache = TempDir::new("ocr-cache");
    let options = Options::new()
        .ocr(congvan::OcrMode::Auto)
        .ocr_cache(Some(cache.path().to_path_buf()))
        .ocr_dpi(200);
    let Some(scanned) = scanned_pdf(&dispatch_lines()) else {
        return;
    };
    let (e, doc) = input::parse_bytes(&scanned, &options).unwrap();
    assert_eq!(e.format, FileFormat::Pdf);
    assert!(
        e.diagnostics.iter().any(|d| d.code == "ocr"),
        "{:?}",
        e.diagnostics
    );
    assert_eq!(
        doc.number.as_ref().and_then(|n| n.symbol.as_deref()),
        Some("UBND-KTN"),
        "{}",
        e.text
    );
    let cached = std::fs::read_dir(cache.path()).unwrap().count();
    assert!(cached >= 1);
    // a rerun reads the cache: the same text, nothing added
    let (again, _) = input::parse_bytes(&scanned, &options).unwrap();
    assert_eq!(again.text, e.text);
    assert_eq!(std::fs::read_dir(cache.path()).unwrap().count(), cached);
}

#[test]
fn a_signature_under_a_red_seal_is_read() {
    if !has_pdftotext() || !has_ocr() {
        return;
    }
    // the seal covers the signer's title and name: in grey its red would
    // be as dark as the print; the red channel leaves the print alone
    let Some(sealed) = red_sealed_pdf(&dispatch_lines(), &[(390, 555, 45)]) else {
        return;
    };
    let cache = TempDir::new("ocr-red");
    let options = ocr_options().ocr_cache(Some(cache.path().to_path_buf()));
    let (e, doc) = input::parse_bytes(&sealed, &options).unwrap();
    let signer = doc.signatures.first();
    assert_eq!(
        signer.and_then(|s| s.name.as_deref()),
        Some(SIGNER[2]),
        "{}",
        e.text
    );
    assert_eq!(
        signer.and_then(|s| s.title.as_deref()),
        Some(SIGNER[1]),
        "{}",
        e.text
    );
}

#[test]
fn an_incoming_stamp_on_a_scan_is_not_the_documents_number() {
    if !has_pdftotext() || !has_ocr() {
        return;
    }
    let mut lines = vec![
        (80, 800, ISSUER[0]),
        (300, 800, HEADING[0]),
        (85, 786, ISSUER[1]),
        (330, 786, HEADING[1]),
        (60, 760, NUMBER),
        (320, 760, DATE),
        (60, 740, SUBJECT),
    ];
    // the receiving office's stamp, right of the subject
    lines.extend([
        (380, 720, "ĐẾN"),
        (380, 706, "Số: 932"),
        (380, 692, "Ngày: 20/3/2024"),
    ]);
    lines.push((80, 640, "Kính gửi: Sở Nông nghiệp và Phát triển nông thôn"));
    let Some(png) = scan(&lines, 300, "png") else {
        return;
    };
    let (e, doc) = input::parse_bytes(&png, &ocr_options()).unwrap();
    let number = doc.number.as_ref().and_then(|n| n.number.clone());
    assert_eq!(number.as_deref(), Some("125"), "{}", e.text);
    let stamp = doc
        .diagnostics
        .iter()
        .find(|d| d.code == "received_stamp")
        .unwrap_or_else(|| panic!("{:?}\n{}", doc.diagnostics, e.text));
    assert!(stamp.message.contains("932"), "{}", stamp.message);
    assert!(!e.text.contains("932"), "{}", e.text);
    // and recorded as what it is: the receiving office's register entry
    let received = &doc.source.received;
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0].page, 1);
    assert_eq!(received[0].number.as_deref(), Some("932"), "{received:?}");
    let date = received[0].date.as_ref().expect("the stamp's day");
    assert_eq!(
        (date.day, date.month, date.year),
        (Some(20), Some(3), Some(2024))
    );
    let json = serde_json::to_value(&doc).unwrap();
    assert_eq!(json["source"]["received"][0]["number"], "932");
}

#[test]
fn bad_images_are_refused_before_ocr_runs() {
    // a header that claims 20,000 × 20,000 pixels: refused from its size,
    // tesseract never started (this needs no OCR installed)
    let mut huge = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    huge.extend_from_slice(&20_000u32.to_be_bytes());
    huge.extend_from_slice(&20_000u32.to_be_bytes());
    huge.extend_from_slice(&[8, 0, 0, 0, 0]);
    let started = std::time::Instant::now();
    let err = input::extract(&huge, &ocr_options()).unwrap_err();
    assert!(err.to_string().contains("20000 × 20000"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    // a truncated image
    let err = input::extract(b"\x89PNG\r\n\x1a\n", &ocr_options()).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Unreadable {
                format: "image",
                ..
            }
        ),
        "{err:?}"
    );
    // OCR off: an image says how to read it
    let err = input::extract(&huge, &Options::new()).unwrap_err();
    assert!(err.to_string().contains("--ocr"), "{err}");
    // a 0-byte file is an empty text: a document with nothing in it, not a crash
    let (_, doc) = input::parse_bytes(b"", &ocr_options()).unwrap();
    assert!(doc.number.is_none());
}

#[test]
fn a_page_with_no_text_and_a_pdf_of_blank_pages_are_reported_quickly() {
    if !has_pdftotext() || !has_ocr() {
        return;
    }
    // not a document: a blank page's image
    let Some(blank) = scan(&[], 100, "png") else {
        return;
    };
    let (e, doc) = input::parse_bytes(&blank, &ocr_options()).unwrap();
    assert!(e.text.is_empty(), "{}", e.text);
    assert!(
        doc.diagnostics.iter().any(|d| d.code == "no_text_found"),
        "{:?}",
        doc.diagnostics
    );
    // 300 blank pages: no page drawn, none rendered or read
    let pages: Vec<Vec<(u32, u32, &str)>> = vec![vec![]; 300];
    let started = std::time::Instant::now();
    let (e, _) = input::parse_bytes(&pdf(&pages), &ocr_options()).unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(e.pages, Some(300));
    assert!(e.text.is_empty());
}

#[test]
fn cli_reads_a_scan_and_refuses_it_with_ocr_never() {
    if !has_pdftotext() || !has_ocr() {
        return;
    }
    let dir = TempDir::new("cli-scan");
    let Some(png) = scan(&dispatch_lines(), 300, "png") else {
        return;
    };
    let f = dir.file("scan.png", png);
    let cache = dir.path().join("cache");
    let o = congvan()
        .arg("parse")
        .arg(&f)
        .arg("--ocr-cache")
        .arg(&cache)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["number"]["number"], "125", "{v}");
    let o = congvan()
        .arg("parse")
        .arg(&f)
        .arg("--ocr")
        .arg("never")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--ocr"), "{}", stderr(&o));
}
