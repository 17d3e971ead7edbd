//! PDF: the text layer through poppler's `pdftotext -layout`, run as an
//! external program (package `poppler-utils`), then read by congvan.
//!
//! Of the engines compared on real signed PDFs, only poppler puts the
//! number and day that a signature widget draws in their place on the page;
//! it is GPL, so it runs as a child process and is never linked.
//!
//! The layout text keeps columns at their character positions. Where the
//! page is laid out in two columns (the header: issuer and number on the
//! left, national heading and date on the right; the signature block:
//! `Nơi nhận` on the left, the signer on the right), the columns are split
//! ([`super::layout`]) and each comes out whole, left then right, so that the
//! parser never reads a line made of two halves. `ƣ` (U+01A3), which some
//! producers use for `ư`, is read as `ư`.
//!
//! A page whose text layer is unusable (no text, glyph ids instead of
//! letters, Latin without any Vietnamese diacritics, a private 8-bit
//! encoding, only a signing service's stamp on a scanned page) is left out
//! of the text and reported as `no_text_layer` or `unusable_text_layer`
//! with its page number: no values are read from garbage.
//!
//! The digital signatures in the file (signer, organisation, e-mail and
//! signing time from each signature dictionary, read by poppler's `pdfsig`)
//! become stamps with `source: "file"`.

use std::ffi::OsStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::extracted::{Extracted, UncertainWord};
use super::layout;
use super::process::Program;
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::error::{Error, Result};
use crate::model::FileFormat;
use crate::model::Stamp;
use crate::options::{InputFormat, Options};
use crate::span::Span;

const PDFTOTEXT: Program = Program {
    name: "pdftotext",
    package: "poppler-utils",
    format: "pdf",
};

const PDFSIG: Program = Program {
    name: "pdfsig",
    package: "poppler-utils",
    format: "pdf",
};

/// How long `pdftotext` may take on one file.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Reads a PDF file.
pub(crate) fn extract(bytes: &[u8], options: &Options) -> Result<Extracted> {
    // a signed PDF carries a /ByteRange per signature: its signatures are
    // read by pdfsig while pdftotext reads the text
    let signed = memchr::memmem::find(bytes, b"/ByteRange").is_some();
    let (out, stamps) = std::thread::scope(|scope| {
        let stamps = signed.then(|| scope.spawn(|| signatures(bytes)));
        let args = ["-layout", "-enc", "UTF-8", "-q", "-", "-"].map(OsStr::new);
        let out = PDFTOTEXT.run(&args, bytes, TIMEOUT, options.max_size);
        let stamps = stamps.map(|h| {
            h.join().unwrap_or_else(|_| {
                Err(Error::Unreadable {
                    format: "pdf",
                    reason: "pdfsig's reader failed".to_owned(),
                })
            })
        });
        (out, stamps)
    });
    let out = out?;
    if !out.success {
        let reason = out.stderr.lines().next().unwrap_or("").trim().to_owned();
        // `-q` keeps poppler's messages out of stderr: an encrypted file is
        // told by its /Encrypt dictionary (a file that opens without a
        // password is read, whatever its permissions)
        let encrypted = memchr::memmem::find(bytes, b"/Encrypt").is_some();
        let reason =
            if encrypted || out.stderr.contains("ncrypt") || out.stderr.contains("password") {
                "the file is encrypted (password-protected)".to_owned()
            } else if reason.is_empty() {
                "pdftotext could not read it".to_owned()
            } else {
                format!("pdftotext: {reason}")
            };
        return Err(Error::Unreadable {
            format: "pdf",
            reason,
        });
    }
    let raw = String::from_utf8_lossy(&out.stdout);
    #[allow(unused_mut)]
    let mut pages = layout_pages(&raw);
    #[cfg(feature = "ocr")]
    ocr_pages(bytes, &mut pages, options)?;
    let mut extracted = assemble(pages);
    add_signatures(&mut extracted, stamps);
    Ok(extracted)
}

/// The file's digital signatures as stamps, or the diagnostic that says
/// they could not be read (`None`: not asked for).
pub(crate) fn add_signatures(extracted: &mut Extracted, stamps: Option<Result<Vec<Stamp>>>) {
    match stamps {
        Some(Ok(stamps)) => extracted.file_stamps = stamps,
        Some(Err(e)) => extracted.diagnostics.push(Diagnostic::info(
            DiagnosticCode::SignaturesNotRead,
            format!("the PDF's digital signatures were not read: {e}"),
            Span::empty(0),
        )),
        None => {}
    }
}

/// The digital signatures of a PDF, from its signature dictionaries
/// (`pdfsig`, which needs a file: the bytes go to a temporary one).
fn signatures(bytes: &[u8]) -> Result<Vec<Stamp>> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("congvan-{}-{n}.pdf", std::process::id()));
    // create_new: never write through a file or link someone left there
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, bytes));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&path);
        return Err(Error::Unreadable {
            format: "pdf",
            reason: format!("cannot write a temporary file: {e}"),
        });
    }
    let args = [OsStr::new("-nocert"), path.as_os_str()];
    let out = PDFSIG.run(&args, &[], TIMEOUT, 1 << 20);
    let _ = std::fs::remove_file(&path);
    Ok(parse_pdfsig(&String::from_utf8_lossy(&out?.stdout)))
}

/// Reads `pdfsig` output (run with `TZ=UTC`) into stamps.
fn parse_pdfsig(out: &str) -> Vec<Stamp> {
    let mut stamps: Vec<Stamp> = Vec::new();
    for line in out.lines() {
        let line = line.trim();
        if line.starts_with("Signature #") {
            stamps.push(Stamp {
                signer: None,
                organization: None,
                email: None,
                time: None,
                span: Span::empty(0),
                source: Some("file".to_owned()),
            });
            continue;
        }
        let Some(stamp) = stamps.last_mut() else {
            continue;
        };
        let Some((key, value)) = line.trim_start_matches("- ").split_once(": ") else {
            continue;
        };
        let value = value.trim();
        match key {
            "Signer Certificate Common Name" => stamp.signer = Some(value.to_owned()),
            "Signer full Distinguished Name" => {
                for part in value.split(',') {
                    match part.split_once('=') {
                        Some(("O", o)) => stamp.organization = Some(o.trim().to_owned()),
                        Some(("E", e)) => stamp.email = Some(e.trim().to_owned()),
                        _ => {}
                    }
                }
            }
            "Signing Time" => stamp.time = iso_time(value),
            _ => {}
        }
    }
    stamps
}

/// `Sep 18 2025 08:02:47` (UTC) as `2025-09-18T08:02:47Z`.
fn iso_time(s: &str) -> Option<String> {
    let mut it = s.split_whitespace();
    let (mon, day, year, time) = (it.next()?, it.next()?, it.next()?, it.next()?);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m = MONTHS.iter().position(|&x| x == mon)? + 1;
    let d: u32 = day.parse().ok()?;
    let y: u32 = year.parse().ok()?;
    let ok = time.len() == 8
        && time.bytes().enumerate().all(|(i, b)| {
            if i == 2 || i == 5 {
                b == b':'
            } else {
                b.is_ascii_digit()
            }
        });
    ok.then(|| format!("{y:04}-{m:02}-{d:02}T{time}Z"))
}

/// One page on its way to the text: its lines (`pdftotext -layout` style)
/// or why it has none, with what was noticed.
pub(crate) struct PageText {
    /// Page number, from 1.
    page: usize,
    /// Layout lines, `None` when the page gives no text.
    lines: Option<String>,
    /// What was noticed on the page.
    diagnostics: Vec<(DiagnosticCode, crate::diagnostic::Severity, String)>,
    /// Words OCR was unsure of.
    uncertain: Vec<UncertainWord>,
    /// Incoming-document stamps OCR found on the page.
    received: Vec<crate::model::ReceivedStamp>,
}

impl PageText {
    /// A page read by OCR (`why`: the text layer's problem, if it had one).
    #[cfg(feature = "ocr")]
    pub(crate) fn from_ocr(page: usize, ocr: super::ocr::OcrPage, why: Option<&str>) -> Self {
        use crate::diagnostic::Severity;
        let mut diagnostics = Vec::new();
        let letters = ocr.layout.chars().filter(|c| c.is_alphabetic()).count();
        let read = letters >= 20;
        let because = why.map(|w| format!(" ({w})")).unwrap_or_default();
        if read {
            diagnostics.push((
                DiagnosticCode::Ocr,
                Severity::Info,
                format!("page {page}: read by OCR{because}: {} words", ocr.words),
            ));
        } else {
            diagnostics.push((
                DiagnosticCode::NoTextFound,
                Severity::Warning,
                format!(
                    "page {page}: OCR found no text{because} (a blank page, or not a document)"
                ),
            ));
        }
        for stamp in &ocr.received {
            diagnostics.push((
                DiagnosticCode::ReceivedStamp,
                Severity::Info,
                format!(
                    "page {page}: an incoming-document stamp (not the document's number or date), left out of the text: {stamp}"
                ),
            ));
        }
        Self {
            page,
            lines: read.then_some(ocr.layout),
            diagnostics,
            uncertain: ocr.uncertain,
            received: ocr
                .received
                .iter()
                .map(|raw| super::ocr::received_stamp(page, raw))
                .collect(),
        }
    }
}

/// The pages of `pdftotext -layout` output (separated by form feeds), each
/// with its lines or the problem of its text layer.
fn layout_pages(raw: &str) -> Vec<PageText> {
    let mut pages: Vec<&str> = raw.split('\u{c}').collect();
    // the form feed after the last page leaves an empty tail
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let page_no = i + 1;
            let fixed = page
                .replace('\u{1A3}', "\u{1B0}")
                .replace('\u{1A2}', "\u{1AF}");
            match layer_problem(&fixed) {
                Some((code, why)) => PageText {
                    page: page_no,
                    lines: None,
                    diagnostics: vec![(
                        code,
                        crate::diagnostic::Severity::Warning,
                        format!("page {page_no}: {why}; its text is left out (OCR can read it)"),
                    )],
                    uncertain: Vec::new(),
                    received: Vec::new(),
                },
                None => PageText {
                    page: page_no,
                    lines: Some(fixed),
                    diagnostics: Vec::new(),
                    uncertain: Vec::new(),
                    received: Vec::new(),
                },
            }
        })
        .collect()
}

/// Builds the extracted text from pages: the header split into its columns
/// on the first page with text, the signature block on every page.
pub(crate) fn assemble(pages: Vec<PageText>) -> Extracted {
    let mut diagnostics = Vec::new();
    let mut uncertain = Vec::new();
    let mut received = Vec::new();
    let mut text = String::new();
    let mut first_usable = true;
    let count = pages.len();
    let mut page_starts = Vec::with_capacity(count);
    for page in pages {
        page_starts.push(text.len());
        for (code, severity, message) in page.diagnostics {
            diagnostics.push(Diagnostic::new(
                code,
                severity,
                message,
                Span::empty(text.len()),
            ));
        }
        uncertain.extend(page.uncertain);
        received.extend(page.received);
        if let Some(lines) = &page.lines {
            let lines: Vec<&str> = lines.lines().collect();
            text.push_str(&layout::columns(&lines, first_usable));
            first_usable = false;
        }
        let _ = page.page;
        if !text.is_empty() && !text.ends_with("\n\n") {
            text.push('\n');
        }
    }
    if text.trim().is_empty() {
        text.clear();
        page_starts.iter_mut().for_each(|s| *s = 0);
    }
    Extracted {
        text,
        format: FileFormat::Pdf,
        read_as: InputFormat::Text,
        pages: Some(count),
        page_starts,
        diagnostics,
        file_stamps: Vec::new(),
        uncertain,
        received,
    }
}

/// Builds the extracted text from `pdftotext -layout` output (pages
/// separated by form feeds), without OCR: for the tests and the fuzz target.
#[cfg(any(test, feature = "bench"))]
pub(crate) fn from_layout_text(raw: &str) -> Extracted {
    assemble(layout_pages(raw))
}

/// Reads by OCR the pages that need it (`--ocr auto`: those without a
/// usable text layer; `always`: every page), in place.
#[cfg(feature = "ocr")]
fn ocr_pages(bytes: &[u8], pages: &mut [PageText], options: &Options) -> Result<()> {
    use crate::options::OcrMode;
    if options.ocr == OcrMode::Never {
        return Ok(());
    }
    let wanted: Vec<usize> = pages
        .iter()
        .filter(|p| options.ocr == OcrMode::Always || p.lines.is_none())
        .map(|p| p.page)
        .collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let (now, later) = wanted.split_at(wanted.len().min(super::ocr::MAX_PAGES));
    let textless: Vec<usize> = pages
        .iter()
        .filter(|p| {
            p.diagnostics
                .iter()
                .any(|d| d.0 == DiagnosticCode::NoTextLayer)
        })
        .map(|p| p.page)
        .collect();
    let results = super::ocr::pdf_pages(bytes, now, &textless, options)?;
    for (n, result) in results {
        let Some(slot) = pages.iter_mut().find(|p| p.page == n) else {
            continue;
        };
        let why = slot.diagnostics.first().map(|d| d.2.clone());
        let why = why
            .as_deref()
            .and_then(|w| w.split_once(": "))
            .map(|(_, w)| w.split(';').next().unwrap_or(w).to_owned());
        match result {
            Ok(ocr) => *slot = PageText::from_ocr(n, ocr, why.as_deref()),
            // a missing program is the file's error; another failure is the page's
            Err(e @ Error::MissingProgram { .. }) => return Err(e),
            Err(e) => slot.diagnostics.push((
                DiagnosticCode::OcrFailed,
                crate::diagnostic::Severity::Warning,
                format!("page {n}: OCR failed: {e}"),
            )),
        }
    }
    if let (Some(first), Some(last)) = (later.first(), later.last()) {
        if let Some(slot) = pages.iter_mut().find(|p| p.page == *first) {
            slot.diagnostics.push((
                DiagnosticCode::OcrPageLimit,
                crate::diagnostic::Severity::Warning,
                format!(
                    "pages {first}–{last} were not read by OCR: at most {} pages of a file are",
                    super::ocr::MAX_PAGES
                ),
            ));
        }
    }
    Ok(())
}

/// Why a page's text layer cannot be read, if it cannot: a diagnostic code
/// and the reason.
fn layer_problem(page: &str) -> Option<(DiagnosticCode, &'static str)> {
    let letters: Vec<char> = page.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 20 {
        return Some((
            DiagnosticCode::NoTextLayer,
            "no text layer (a scanned image)",
        ));
    }
    let n = letters.len();
    let stamp = [
        "Thời gian ký",
        "Ký bởi",
        "Cơ quan phát hành",
        "Người ký",
        "Ngày ký",
    ]
    .iter()
    .any(|m| page.contains(m));
    if stamp && n < 250 {
        return Some((
            DiagnosticCode::NoTextLayer,
            "only a digital-signature stamp in the text layer (a scanned image)",
        ));
    }
    // letters of other scripts on a Latin page: glyph ids without a
    // Unicode map read through a wrong table
    let foreign = letters
        .iter()
        .filter(|&&c| {
            ('\u{370}'..='\u{1DFF}').contains(&c) || ('\u{2C00}'..='\u{2FFF}').contains(&c)
        })
        .count();
    if foreign * 50 > n {
        return Some((
            DiagnosticCode::UnusableTextLayer,
            "the text layer holds glyph ids instead of letters",
        ));
    }
    // TCVN3 or VNI text is converted by the parser: not garbage
    if crate::normalize::legacy::detect(page).is_some() {
        return None;
    }
    // Latin-1 letters that Vietnamese never uses: a private 8-bit encoding
    let alien = letters
        .iter()
        .filter(|&&c| "ØøÆæÇçËëÑñÜüÏïÖöÄäÅåÎîÛûÐðÞþßÿ¡¿".contains(c))
        .count();
    if alien * 100 > n {
        return Some((
            DiagnosticCode::UnusableTextLayer,
            "the text layer is in an unknown 8-bit encoding (garbled letters)",
        ));
    }
    let vietnamese = letters.iter().filter(|&&c| is_vietnamese_mark(c)).count();
    if vietnamese * 100 < n * 2 {
        return Some((
            DiagnosticCode::UnusableTextLayer,
            "the text layer has no Vietnamese diacritics (an OCR layer without them)",
        ));
    }
    None
}

/// A letter that only Vietnamese text has (a tone or a vowel mark, `đ`).
fn is_vietnamese_mark(c: char) -> bool {
    matches!(c, 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ă' | 'Ă')
        || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
        || "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĩĨũŨ".contains(c)
}

#[cfg(test)]
mod tests {
    use super::{from_layout_text, layer_problem, parse_pdfsig};

    #[test]
    fn pdfsig_output_becomes_stamps_from_the_file() {
        let out = "Digital Signature Info of: a.pdf\nSignature #1:\n  - Signer Certificate Common Name: Nguyễn Văn A\n  - Signer full Distinguished Name: E=a@x.gov.vn,CN=Nguyễn Văn A,O=BỘ NỘI VỤ,L=Hà Nội,C=VN\n  - Signing Time: Sep 18 2025 08:02:47\nSignature #2:\n  - Signing Time: garbage\n";
        let s = parse_pdfsig(out);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].signer.as_deref(), Some("Nguyễn Văn A"));
        assert_eq!(s[0].organization.as_deref(), Some("BỘ NỘI VỤ"));
        assert_eq!(s[0].email.as_deref(), Some("a@x.gov.vn"));
        assert_eq!(s[0].time.as_deref(), Some("2025-09-18T08:02:47Z"));
        assert_eq!(s[0].source.as_deref(), Some("file"));
        assert_eq!(s[1].time, None);
    }

    #[test]
    fn unusable_layers_are_named() {
        assert_eq!(
            layer_problem("").map(|p| p.0.as_str()),
            Some("no_text_layer")
        );
        assert_eq!(
            layer_problem("SAO Y\nBộ Công an\nThời gian ký: 2025-10-01T17:08:18+07:00\n")
                .map(|p| p.0.as_str()),
            Some("no_text_layer")
        );
        let no_marks = "BO CONG THUONG   CONG HOA XA HOI CHU NGHIA VIET NAM\nQUYET DINH Xu phat vi pham hanh chinh\n";
        assert_eq!(
            layer_problem(no_marks).map(|p| p.0.as_str()),
            Some("unusable_text_layer")
        );
        let gid = "UBND 7ӌ1+ LÀO CAI &Ӝ1* HOÀ XÃ +Ӝ, &+Ӫ 1*+Ƭ$ 9,ӊ7 NAM ĈӝF OұS 7ӵ do +ҥQK phúc";
        assert_eq!(
            layer_problem(gid).map(|p| p.0.as_str()),
            Some("unusable_text_layer")
        );
        let garbled =
            "BØCÔNG AN  CØNG HOÀXÃ HØI CHæNGH(AVIÆT NAM Ùc l-p - Tå do - H¡nh phúc Lâm ông";
        assert_eq!(
            layer_problem(garbled).map(|p| p.0.as_str()),
            Some("unusable_text_layer")
        );
        let good = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n";
        assert_eq!(layer_problem(good), None);
    }

    #[test]
    fn pages_are_counted_and_bad_pages_left_out() {
        let raw = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 05/UBND-VX và nƣớc\n\u{c}\u{c}";
        let e = from_layout_text(raw);
        assert_eq!(e.pages, Some(2));
        assert!(e.text.contains("nước"), "{}", e.text);
        assert_eq!(e.diagnostics.len(), 1);
        assert!(e.diagnostics[0].message.starts_with("page 2"));
    }
}

#[cfg(test)]
mod layout_properties {
    use proptest::prelude::*;

    use super::from_layout_text;

    /// Lines made of the pieces a layout page has: wide gaps, odd white
    /// space, the words that start the header and signature regions.
    fn page() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_owned()),
            Just("Nơi nhận:".to_owned()),
            Just("Số: 12/UBND-VP".to_owned()),
            Just("Hà Nội, ngày 5 tháng 3 năm 2025".to_owned()),
            Just("Thời gian ký".to_owned()),
            " {0,40}",
            "[\\u{3000}\\t\\u{a0}\\u{c} ]{0,6}",
            "[a-zđơưăâêô À-ỹ0-9.,:;/-]{0,30}",
            "\\PC{0,8}",
            Just("\n".to_owned()),
        ];
        prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn layout_reading_never_panics_and_parses(raw in page()) {
            let text = from_layout_text(&raw).text;
            let doc = crate::parse(&text);
            for d in &doc.diagnostics {
                prop_assert!(d.span.end <= text.len());
            }
        }
    }
}
