//! Issue 4: real-world text. One or more focused tests per `fixtures/quirk-*`
//! input, each asserting what a careful reader finds for the quirk the fixture
//! exercises (the goldens in `fixtures/*.json` record what the parser does;
//! these tests record what is right).
//!
//! | family | fixtures |
//! |---|---|
//! | 1. converter and page noise | `quirk-noise-*` |
//! | 2. flattened two-column layout | `quirk-flat-*` |
//! | 3. digital-signature stamps | `quirk-stamp-*` |
//! | 4. OCR damage | `quirk-ocr-*` |
//! | 5. dates read in their context | `quirk-date-*` |
//! | 6. several documents in one file | `quirk-multi-*` |
//! | 7. forms signed off in their cells | `quirk-form-*` |
//! | 8. footer layouts (signature, `Nơi nhận`, `Lưu`) | `quirk-footer-*` |
//! | 9. citations damaged in typing | `quirk-cite-*` |

use congvan::model::{Attachment, Block, DistributionItem, Section};
use congvan::{Document, Span};
use serde_json::Value;

use crate::common::{fixtures_dir, parse_fixture};

// ---------------------------------------------------------------- helpers

/// The fixture's text and its parse (`.md` as Markdown, `.txt` as Auto).
fn load(name: &str) -> (String, Document) {
    parse_fixture(&fixtures_dir().join(name))
}

/// White space collapsed to single spaces, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// White space removed.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every text of the body: blocks (nested items too) and section headings,
/// white space collapsed.
fn body_texts(doc: &Document) -> Vec<String> {
    fn blocks(out: &mut Vec<String>, list: &[Block]) {
        for block in list {
            out.push(collapse(block.text()));
            if let Block::Item { items, .. } = block {
                blocks(out, items);
            }
        }
    }
    fn sections(out: &mut Vec<String>, list: &[Section]) {
        for section in list {
            if let Some(heading) = &section.heading {
                out.push(collapse(heading));
            }
            blocks(out, &section.blocks);
            sections(out, &section.sections);
        }
    }
    let mut out = Vec::new();
    blocks(&mut out, &doc.body.preamble);
    sections(&mut out, &doc.body.sections);
    blocks(&mut out, &doc.body.closing);
    out
}

/// Asserts that one body text contains `needle` (white space collapsed).
#[track_caller]
fn assert_body_contains(doc: &Document, needle: &str, what: &str) {
    let texts = body_texts(doc);
    assert!(
        texts.iter().any(|t| t.contains(needle)),
        "{what}: no body paragraph, item or heading contains {needle:?}; body texts: {texts:#?}"
    );
}

/// Top-level `Nơi nhận` items.
fn distribution(doc: &Document) -> Vec<String> {
    doc.distribution
        .as_ref()
        .map(|d| d.items.iter().map(|i| i.text.clone()).collect())
        .unwrap_or_default()
}

/// Every `Nơi nhận` item, sub-items included.
fn distribution_all(doc: &Document) -> Vec<String> {
    fn walk(out: &mut Vec<String>, items: &[DistributionItem]) {
        for item in items {
            out.push(item.text.clone());
            walk(out, &item.items);
        }
    }
    let mut out = Vec::new();
    if let Some(d) = &doc.distribution {
        walk(&mut out, &d.items);
    }
    out
}

/// Units on the `Lưu` line.
fn archive_units(doc: &Document) -> Vec<String> {
    doc.distribution
        .as_ref()
        .and_then(|d| d.archive.as_ref())
        .map(|a| a.units.clone())
        .unwrap_or_default()
}

fn codes(doc: &Document) -> Vec<&str> {
    doc.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn number(doc: &Document) -> (Option<&str>, Option<&str>) {
    let n = doc
        .number
        .as_ref()
        .expect("no `Số` line was read (doc.number is None)");
    (n.number.as_deref(), n.symbol.as_deref())
}

fn date(doc: &Document) -> (Option<i32>, Option<u32>, Option<u32>) {
    let d = doc
        .date
        .as_ref()
        .expect("no date was read (doc.date is None)");
    (d.year, d.month, d.day)
}

/// Every string value in the document's JSON except under the top-level keys
/// in `skip`, each with its JSON path.
fn strings_outside(doc: &Document, skip: &[&str]) -> Vec<(String, String)> {
    fn walk(out: &mut Vec<(String, String)>, path: String, value: &Value) {
        match value {
            Value::String(s) => out.push((path, s.clone())),
            Value::Array(list) => {
                for (i, v) in list.iter().enumerate() {
                    walk(out, format!("{path}[{i}]"), v);
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    walk(out, format!("{path}.{k}"), v);
                }
            }
            _ => {}
        }
    }
    let value = serde_json::to_value(doc).expect("document serialises");
    let mut out = Vec::new();
    if let Value::Object(map) = value {
        for (k, v) in &map {
            if !skip.contains(&k.as_str()) {
                walk(&mut out, k.clone(), v);
            }
        }
    }
    out
}

/// Asserts that no field outside `skip` (and `diagnostics`, whose messages may
/// quote the text) contains `needle`.
#[track_caller]
fn assert_nowhere(doc: &Document, needle: &str, skip: &[&str], what: &str) {
    let mut skip = skip.to_vec();
    skip.push("diagnostics");
    let hits: Vec<_> = strings_outside(doc, &skip)
        .into_iter()
        .filter(|(_, s)| s.contains(needle))
        .collect();
    assert!(
        hits.is_empty(),
        "{what}: {needle:?} leaked into fields outside {skip:?}: {hits:#?}"
    );
}

/// The one attachment of `kind` whose title starts with `title` (a crawler's
/// page title may be a second, `editorial`, attachment).
#[track_caller]
fn attachment<'d>(doc: &'d Document, kind: &str, title: &str) -> &'d Attachment {
    let found: Vec<_> = doc
        .attachments
        .iter()
        .filter(|a| a.kind == kind && a.title.starts_with(title))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected exactly one attachment of kind {kind:?} titled {title:?}…; attachments: {:#?}",
        doc.attachments
    );
    found[0]
}

fn within(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

// ------------------------------------------- 1. converter and page noise

#[test]
fn noise_front_matter_is_not_the_header() {
    let (_, doc) = load("quirk-noise-front-matter-page-break.md");
    let issuer = doc.issuer.as_ref().expect("issuer");
    assert_eq!(issuer.name, "CỤC THUẾ TỈNH QUẢNG NAM", "issuer");
    assert_eq!(
        issuer.parent.as_deref(),
        Some("TỔNG CỤC THUẾ"),
        "issuer parent"
    );
    assert_eq!(number(&doc), (Some("2157"), Some("CTQNA-TTHT")), "number");
    assert_eq!(date(&doc), (Some(2021), Some(9), Some(14)), "date");
    for needle in [
        "conversion_date",
        "original_format",
        "CV 2021 09 14",
        "VAT Refund",
    ] {
        assert_nowhere(&doc, needle, &["attachments"], "YAML front-matter");
    }
}

#[test]
fn noise_sentence_joined_across_page_break() {
    let (_, doc) = load("quirk-noise-front-matter-page-break.md");
    assert_body_contains(
        &doc,
        "được xét hoàn thuế theo quy định, sau khi đã bù trừ",
        "sentence broken by `--- PAGE BREAK ---` and the page number `2`",
    );
    assert_nowhere(&doc, "PAGE BREAK", &[], "page marker");
    assert!(
        !body_texts(&doc).iter().any(|t| t == "2"),
        "the page number `2` became a body paragraph: {:#?}",
        body_texts(&doc)
    );
}

#[test]
fn noise_crawler_title_and_source_line_are_ignored() {
    let (_, doc) = load("quirk-noise-crawler-title-page-markers.txt");
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("hướng dẫn cấp giấy phép sửa chữa nhà ở riêng lẻ"),
        "subject comes from the V/v line, not the crawler's page title"
    );
    let issuer = doc.issuer.as_ref().expect("issuer");
    assert_eq!(issuer.name, "SỞ XÂY DỰNG", "issuer");
    assert_eq!(
        issuer.parent.as_deref(),
        Some("UBND TỈNH KHÁNH HÒA"),
        "issuer parent"
    );
    assert_eq!(number(&doc), (Some("1268"), Some("SXD-QLN")), "number");
    for needle in [
        "Source:",
        "vanban.example.vn",
        "do Sở Xây dựng tỉnh Khánh Hòa ban hành",
        "PAGE",
    ] {
        assert_nowhere(
            &doc,
            needle,
            &["attachments"],
            "crawler title / Source line / page marker",
        );
    }
    assert!(
        !doc.citations
            .iter()
            .any(|c| c.id.as_deref() == Some("1268/SXD-QLN")),
        "the page title's mention of the document's own number is not a citation: {:#?}",
        doc.citations.iter().map(|c| &c.id).collect::<Vec<_>>()
    );
}

#[test]
fn noise_sentence_joined_across_page_n_marker() {
    let (_, doc) = load("quirk-noise-crawler-title-page-markers.txt");
    assert_body_contains(
        &doc,
        "Ủy ban nhân dân phường nơi có công trình trước khi khởi công ít nhất 07 ngày",
        "sentence broken by `--- PAGE 2 ---`",
    );
}

#[test]
fn noise_gazette_header_number_is_not_the_documents() {
    let (_, doc) = load("quirk-noise-cong-bao-gazette-header.txt");
    let n = doc
        .number
        .as_ref()
        .expect("no `Số` line was read (doc.number is None)");
    assert_eq!(
        n.number.as_deref(),
        Some("342"),
        "number, not the gazette's 261 + 262"
    );
    assert_eq!(n.symbol.as_deref(), Some("QĐ-BKHCN"), "symbol");
    assert_eq!(n.type_code.as_deref(), Some("QĐ"), "type code");
    assert_eq!(
        date(&doc),
        (Some(2022), Some(2), Some(21)),
        "date, not the gazette's 06-3-2022"
    );
    assert_eq!(
        doc.doc_type.as_ref().map(|t| t.code.as_str()),
        Some("QĐ"),
        "doc type"
    );
    let issuer = doc.issuer.as_ref().expect("issuer");
    assert_eq!(issuer.name, "BỘ KHOA HỌC VÀ CÔNG NGHỆ", "issuer");
    assert_eq!(
        issuer.parent, None,
        "the gazette's section line above the letterhead is not a managing body"
    );
    assert_nowhere(&doc, "CÔNG BÁO", &[], "Công báo running header");
    assert!(
        !doc.citations
            .iter()
            .any(|c| c.number.as_deref() == Some("261")),
        "the gazette issue is not a citation: {:#?}",
        doc.citations.iter().map(|c| &c.id).collect::<Vec<_>>()
    );
}

#[test]
fn noise_gazette_page_furniture_is_out_of_the_body_and_signature() {
    let (_, doc) = load("quirk-noise-cong-bao-gazette-header.txt");
    assert_body_contains(
        &doc,
        "trong lĩnh vực đo lường thuộc phạm vi chức năng quản lý của Bộ Khoa học và Công nghệ",
        "Điều 1 broken by page number `16` and a running header",
    );
    let names: Vec<_> = doc.signatures.iter().map(|s| s.name.as_deref()).collect();
    assert_eq!(
        names,
        [Some("Đặng Quốc Thái")],
        "signer, without the trailing page number `17`"
    );
}

#[test]
fn noise_repeated_page_footer_is_dropped() {
    let (_, doc) = load("quirk-noise-repeated-page-footer.txt");
    for needle in [
        "0252.3821456",
        "stnmtbt.example.vn",
        "phường Phú Thủy",
        "Website:",
    ] {
        assert_nowhere(&doc, needle, &[], "agency footer repeated on every page");
    }
    assert_body_contains(
        &doc,
        "trước ngày 25 tháng 10 năm 2022, kèm theo phiếu kết quả phân tích",
        "sentence broken by the page footer and `--- PAGE BREAK ---`",
    );
    assert_eq!(
        distribution(&doc),
        ["Như trên", "Ban Quản lý các khu công nghiệp tỉnh"],
        "distribution"
    );
    assert_eq!(archive_units(&doc), ["VT", "CCBVMT"], "archive");
    let names: Vec<_> = doc.signatures.iter().map(|s| s.name.as_deref()).collect();
    assert_eq!(
        names,
        [Some("Nguyễn Hữu Phước")],
        "signer, without the footer after it"
    );
}

#[test]
fn noise_phone_status_bar_and_print_furniture_are_dropped() {
    let (_, doc) = load("quirk-noise-phone-status-bar.txt");
    for needle in [
        "85%",
        "📶",
        "⚡",
        "file:///",
        "cv123.html",
        "dichvucong.example.gov.vn",
        "10:42",
    ] {
        assert_nowhere(
            &doc,
            needle,
            &[],
            "status bar / browser print header and footer",
        );
    }
    assert_eq!(
        doc.issuer.as_ref().map(|i| i.name.as_str()),
        Some("UBND HUYỆN NAM ĐÀN"),
        "issuer"
    );
    assert_eq!(number(&doc), (Some("123"), Some("UBND-VX")), "number");
    assert_eq!(
        doc.place.as_ref().map(|p| p.name.as_str()),
        Some("Nam Đàn"),
        "place"
    );
    assert_eq!(
        date(&doc),
        (Some(2024), Some(3), Some(8)),
        "date of issue, not the print date 14/3/2024"
    );
    assert_eq!(doc.recipients.len(), 2, "recipients: {:#?}", doc.recipients);
    assert!(
        !doc.citations
            .iter()
            .any(|c| c.id.as_deref() == Some("123/UBND-VX")),
        "the print header's title is not a citation"
    );
}

#[test]
fn noise_phone_print_footer_does_not_split_or_end_the_body() {
    let (_, doc) = load("quirk-noise-phone-status-bar.txt");
    assert_body_contains(
        &doc,
        "lập danh sách hộ nuôi và thông báo lịch tiêm đến từng thôn, xóm.",
        "item 1 before the print footer",
    );
    assert_body_contains(
        &doc,
        "tổng hợp kết quả trước ngày 30 tháng 4 năm 2024",
        "item 2 after the print header",
    );
    let names: Vec<_> = doc.signatures.iter().map(|s| s.name.as_deref()).collect();
    assert_eq!(names, [Some("Hồ Thị Minh Nguyệt")], "signer");
}

// ---------------------------------------- 2. flattened two-column layout

#[test]
fn flat_merged_rows_split_into_issuer_heading_number_place_date() {
    let (_, doc) = load("quirk-flat-merged-header-rows.txt");
    assert_eq!(
        doc.issuer.as_ref().map(|i| i.name.as_str()),
        Some("PHÒNG GD&ĐT HUYỆN HÒA VANG"),
        "issuer, without the Quốc hiệu merged onto its row"
    );
    let heading = doc.national_heading.as_ref().expect("national heading");
    assert_eq!(
        heading.country, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Quốc hiệu"
    );
    assert_eq!(
        heading.motto.as_deref(),
        Some("Độc lập - Tự do - Hạnh phúc"),
        "Tiêu ngữ"
    );
    assert_eq!(
        number(&doc),
        (None, Some("PGDĐT-TH")),
        "blank number, symbol read"
    );
    let raw = &doc.number.as_ref().unwrap().raw;
    assert!(
        !raw.contains("Hòa Vang"),
        "number raw swallowed the place: {raw:?}"
    );
    assert_eq!(
        doc.place.as_ref().map(|p| p.name.as_str()),
        Some("Hòa Vang"),
        "place from the merged row"
    );
    assert_eq!(
        date(&doc),
        (Some(2010), Some(3), None),
        "date with blank day"
    );
    let codes = codes(&doc);
    assert!(codes.contains(&"blank_number"), "blank_number: {codes:?}");
    assert!(codes.contains(&"blank_day"), "blank_day: {codes:?}");
}

#[test]
fn flat_column_major_subject_before_place_and_date() {
    let (_, doc) = load("quirk-flat-column-major-subject-first.txt");
    let issuer = doc.issuer.as_ref().expect("issuer");
    assert_eq!(
        issuer.name, "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
        "issuer"
    );
    assert_eq!(
        issuer.parent.as_deref(),
        Some("UBND TỈNH NINH THUẬN"),
        "issuer parent"
    );
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("tăng cường phòng chống sâu bệnh hại trên cây nho vụ Đông Xuân 2022 - 2023"),
        "subject ends before the Quốc hiệu of the right column"
    );
    assert!(
        doc.national_heading.is_some(),
        "national heading after the subject"
    );
    assert_eq!(
        doc.place.as_ref().map(|p| p.name.as_str()),
        Some("Ninh Thuận"),
        "place"
    );
    assert_eq!(date(&doc), (Some(2022), Some(12), Some(9)), "date");
    let recipients: Vec<_> = doc.recipients.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        recipients,
        [
            "Ủy ban nhân dân các huyện, thành phố",
            "Trung tâm Khuyến nông tỉnh"
        ],
        "recipients"
    );
}

#[test]
fn flat_interleaved_footer_gives_signature() {
    let (_, doc) = load("quirk-flat-interleaved-footer.txt");
    assert_eq!(doc.signatures.len(), 1, "signatures: {:#?}", doc.signatures);
    let sig = &doc.signatures[0];
    let authority: Vec<_> = sig
        .authority
        .iter()
        .map(|a| (a.prefix.as_str(), a.position.as_str()))
        .collect();
    assert_eq!(
        authority,
        [("KT", "TỔNG CỤC TRƯỞNG")],
        "authority from `Nơi nhận: KT. …`"
    );
    assert_eq!(
        sig.title.as_deref(),
        Some("PHÓ TỔNG CỤC TRƯỞNG"),
        "title from `- Như trên; PHÓ TỔNG CỤC TRƯỞNG`"
    );
    assert_eq!(sig.name.as_deref(), Some("Tạ Quang Vinh"), "signer");
}

#[test]
fn flat_interleaved_footer_gives_distribution() {
    let (_, doc) = load("quirk-flat-interleaved-footer.txt");
    assert_eq!(
        distribution(&doc),
        [
            "Như trên",
            "Bộ trưởng (để b/c)",
            "Vụ Quản lý công trình thủy lợi"
        ],
        "distribution items without the signature column"
    );
    assert_eq!(archive_units(&doc), ["VT", "QLCT"], "archive");
    assert_eq!(
        doc.distribution
            .as_ref()
            .and_then(|d| d.archive.as_ref())
            .and_then(|a| a.copies),
        Some(2),
        "copies"
    );
    assert!(
        !distribution_all(&doc)
            .iter()
            .any(|t| t.contains("TỔNG CỤC TRƯỞNG")),
        "signature text in the distribution: {:#?}",
        distribution_all(&doc)
    );
}

#[test]
fn flat_signature_before_noi_nhan() {
    let (_, doc) = load("quirk-flat-signature-before-noi-nhan.txt");
    assert_eq!(doc.signatures.len(), 1, "signatures: {:#?}", doc.signatures);
    let sig = &doc.signatures[0];
    let authority: Vec<_> = sig
        .authority
        .iter()
        .map(|a| (a.prefix.as_str(), a.position.as_str()))
        .collect();
    assert_eq!(
        authority,
        [("TM", "ỦY BAN NHÂN DÂN"), ("KT", "CHỦ TỊCH")],
        "authority stack"
    );
    assert_eq!(sig.title.as_deref(), Some("PHÓ CHỦ TỊCH"), "title");
    assert_eq!(sig.name.as_deref(), Some("Đinh Thị Hồng Vân"), "signer");
    assert_eq!(
        distribution(&doc),
        [
            "Như trên",
            "TT. Tỉnh ủy, TT. HĐND tỉnh (b/c)",
            "Kho bạc Nhà nước tỉnh"
        ],
        "distribution after the signature"
    );
    assert_eq!(archive_units(&doc), ["VT", "KT"], "archive");
    let body = body_texts(&doc);
    assert!(
        !body
            .iter()
            .any(|t| t.contains("PHÓ CHỦ TỊCH") || t.contains("Nơi nhận")),
        "footer text in the body: {body:#?}"
    );
}

#[test]
fn flat_crawler_header_on_shared_lines() {
    let (_, doc) = load("quirk-flat-name-glued-to-distribution.txt");
    let n = doc
        .number
        .as_ref()
        .expect("no `Số` line was read (doc.number is None)");
    assert_eq!(n.number.as_deref(), Some("4127"), "number");
    assert_eq!(
        n.symbol.as_deref(),
        Some("BKHĐT-KTĐP&LT"),
        "symbol, without the V/v on its line"
    );
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("rà soát danh mục dự án có tính liên vùng giai đoạn 2021 - 2025"),
        "subject"
    );
    assert_eq!(date(&doc), (Some(2022), Some(6), Some(15)), "date");
    let recipients: Vec<_> = doc.recipients.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        recipients,
        ["Ủy ban nhân dân các tỉnh vùng đồng bằng sông Cửu Long"],
        "recipient on the date's line"
    );
}

#[test]
fn flat_signer_name_glued_to_distribution_line() {
    let (_, doc) = load("quirk-flat-name-glued-to-distribution.txt");
    assert_eq!(doc.signatures.len(), 1, "signatures: {:#?}", doc.signatures);
    let sig = &doc.signatures[0];
    let authority: Vec<_> = sig
        .authority
        .iter()
        .map(|a| (a.prefix.as_str(), a.position.as_str()))
        .collect();
    assert_eq!(authority, [("KT", "BỘ TRƯỞNG")], "authority");
    assert_eq!(sig.title.as_deref(), Some("THỨ TRƯỞNG"), "title");
    assert_eq!(sig.name.as_deref(), Some("Lâm Quốc Bảo"), "signer");
    let archive = doc
        .distribution
        .as_ref()
        .and_then(|d| d.archive.as_ref())
        .expect("Lưu line");
    assert_eq!(archive.units, ["VT", "KTĐP&LT"], "archive units");
    assert_eq!(archive.copies, Some(2), "copies");
    assert_eq!(
        archive.drafter.as_deref(),
        Some("Hạnh"),
        "drafter before the signature"
    );
    assert_eq!(
        distribution(&doc).len(),
        6,
        "distribution: {:#?}",
        distribution(&doc)
    );
    assert!(
        !distribution_all(&doc)
            .iter()
            .any(|t| t.contains("THỨ TRƯỞNG") || t.contains("Lâm Quốc Bảo")),
        "signature in the distribution: {:#?}",
        distribution_all(&doc)
    );
}

// ------------------------------------------------- 3. signature stamps

#[test]
fn stamp_at_top_is_read_and_kept_out_of_the_header() {
    let (_, doc) = load("quirk-stamp-top-blank-date.txt");
    assert_eq!(doc.stamps.len(), 1, "stamps: {:#?}", doc.stamps);
    let stamp = &doc.stamps[0];
    assert_eq!(
        stamp.signer.as_deref(),
        Some("Sở Tài chính tỉnh Lâm Đồng"),
        "stamp signer"
    );
    assert_eq!(
        stamp.organization.as_deref(),
        Some("Ủy ban nhân dân tỉnh Lâm Đồng"),
        "stamp organisation"
    );
    assert_eq!(
        stamp.email.as_deref(),
        Some("stc@lamdong.example.vn"),
        "stamp email"
    );
    assert_eq!(
        stamp.time.as_deref(),
        Some("2025-04-17T08:45:12+07:00"),
        "stamp time"
    );
    let issuer = doc.issuer.as_ref().expect("issuer");
    assert_eq!(issuer.name, "SỞ TÀI CHÍNH", "issuer");
    assert_eq!(
        issuer.parent.as_deref(),
        Some("UBND TỈNH LÂM ĐỒNG"),
        "issuer parent"
    );
    for needle in [
        "Ký bởi",
        "stc@lamdong",
        "Thời gian ký",
        "08:45:12",
        "Sở Tài chính tỉnh Lâm Đồng",
    ] {
        assert_nowhere(&doc, needle, &["stamps"], "stamp text");
    }
}

#[test]
fn stamp_date_does_not_fill_a_blank_date() {
    let (_, doc) = load("quirk-stamp-top-blank-date.txt");
    assert_eq!(
        date(&doc),
        (Some(2025), None, None),
        "blank day and month stay null; the stamp's date is not copied in"
    );
    assert_eq!(number(&doc), (None, Some("STC-QLNS")), "blank number");
    let diag = doc
        .diagnostics
        .iter()
        .find(|d| d.code == "date_from_stamp")
        .unwrap_or_else(|| panic!("no date_from_stamp diagnostic: {:?}", codes(&doc)));
    let stamp = doc.stamps.first().expect("a stamp");
    assert!(
        within(diag.span, stamp.span),
        "date_from_stamp points at {:?}, outside the stamp {:?}",
        diag.span,
        stamp.span
    );
}

#[test]
fn stamp_in_mid_body_is_extracted() {
    let (_, doc) = load("quirk-stamp-mid-body.txt");
    assert_eq!(doc.stamps.len(), 1, "stamps: {:#?}", doc.stamps);
    let stamp = &doc.stamps[0];
    assert_eq!(
        stamp.signer.as_deref(),
        Some("SỞ Y TẾ TỈNH TRÀ VINH"),
        "stamp signer"
    );
    assert_eq!(
        stamp.organization.as_deref(),
        Some("ỦY BAN NHÂN DÂN TỈNH TRÀ VINH"),
        "stamp organisation"
    );
    assert_eq!(
        stamp.email.as_deref(),
        Some("soyte@travinh.example.vn"),
        "stamp email"
    );
    assert_eq!(
        stamp.time.as_deref(),
        Some("2025-06-26T15:19:01+07:00"),
        "stamp time (slash date form)"
    );
    for needle in [
        "Người ký",
        "soyte@travinh",
        "Thời gian ký",
        "15:19:01",
        "26/06/2025",
    ] {
        assert_nowhere(&doc, needle, &["stamps"], "stamp text");
    }
}

#[test]
fn stamp_in_mid_body_does_not_break_the_sentence() {
    let (_, doc) = load("quirk-stamp-mid-body.txt");
    assert_body_contains(
        &doc,
        "trong thời gian từ tháng 7 đến hết tháng 10 năm 2025.",
        "sentence broken by the stamp",
    );
    assert_eq!(
        doc.doc_type.as_ref().map(|t| t.code.as_str()),
        Some("KH"),
        "doc type"
    );
    assert_eq!(
        date(&doc),
        (Some(2025), Some(6), Some(20)),
        "date of issue, not the stamp's"
    );
}

#[test]
fn stamp_cut_off_at_page_edge() {
    let (_, doc) = load("quirk-stamp-cut-off.txt");
    assert_eq!(doc.stamps.len(), 1, "stamps: {:#?}", doc.stamps);
    let stamp = &doc.stamps[0];
    assert_eq!(
        stamp.signer.as_deref(),
        Some("Cục Thuế Thành phố Hồ Chí Minh"),
        "signer of the truncated `ý bởi:` stamp"
    );
    assert_eq!(stamp.time, None, "no time line survived");
    assert_nowhere(&doc, "ý bởi", &["stamps"], "truncated stamp text");
    assert_body_contains(
        &doc,
        "tính vào thu nhập chịu thuế từ tiền lương, tiền công của người lao động",
        "sentence broken by the cut-off stamp and `--- PAGE BREAK ---`",
    );
}

#[test]
fn stamp_in_english() {
    let (_, doc) = load("quirk-stamp-english.txt");
    assert_eq!(doc.stamps.len(), 1, "stamps: {:#?}", doc.stamps);
    let stamp = &doc.stamps[0];
    assert_eq!(
        stamp.signer.as_deref(),
        Some("Cục Hải quan tỉnh Đồng Nai"),
        "stamp signer"
    );
    assert_eq!(
        stamp.time.as_deref(),
        Some("2019-11-05T09:12:07+07:00"),
        "stamp time from `Date: 2019.11.05 …`"
    );
    for needle in ["Digitally signed", "Location:", "2019.11.05", "09:12:07"] {
        assert_nowhere(&doc, needle, &["stamps"], "English stamp text");
    }
    assert_eq!(
        date(&doc),
        (Some(2019), Some(11), Some(4)),
        "the document's own date"
    );
    assert!(
        !codes(&doc).contains(&"date_from_stamp"),
        "the date is complete, no date_from_stamp: {:?}",
        codes(&doc)
    );
    assert_body_contains(
        &doc,
        "Trường hợp bán vào thị trường trong nước, Công ty phải thực hiện thủ tục thay đổi mục đích sử dụng",
        "paragraph after the stamp",
    );
}

// ---------------------------------------------------------- 4. OCR damage

#[test]
fn ocr_garbage_number_is_unreadable_symbol_read() {
    let (_, doc) = load("quirk-ocr-garbled-number.txt");
    let n = doc
        .number
        .as_ref()
        .expect("no `Số` line was read (doc.number is None)");
    assert_eq!(n.number, None, "garbage is not a number");
    assert_eq!(n.symbol.as_deref(), Some("TCT-CS"), "symbol without spaces");
    assert_eq!(n.issuer_codes, ["TCT"], "issuer codes");
    assert_eq!(n.unit_code.as_deref(), Some("CS"), "unit code");
    assert!(n.raw.contains("Q$%Ÿ"), "raw keeps the garbage: {:?}", n.raw);
    let codes = codes(&doc);
    assert!(
        codes.contains(&"unreadable_number"),
        "unreadable_number: {codes:?}"
    );
    assert!(
        !codes.contains(&"blank_number"),
        "not blank but unreadable: {codes:?}"
    );
}

#[test]
fn ocr_handwritten_number_is_read_from_a_document_filed_after_it() {
    let (_, doc) = load("quirk-ocr-number-from-filed-reference.txt");
    let n = doc.number.as_ref().expect("number");
    assert_eq!(
        n.number.as_deref(),
        Some("518"),
        "number from the later mention"
    );
    assert_eq!(n.symbol.as_deref(), Some("UBND-TCKH"), "symbol");
    assert_eq!(
        date(&doc),
        (Some(2012), Some(3), Some(9)),
        "the day comes with it"
    );
    let ids: Vec<_> = doc
        .citations
        .iter()
        .filter_map(|c| c.id.as_deref())
        .collect();
    assert_eq!(ids, ["16/2010/NĐ-CP"], "the document itself is no citation");
    assert!(
        codes(&doc).contains(&"number_from_reference"),
        "{:?}",
        codes(&doc)
    );
    // a blank number (nothing written in its slot) stays blank
    let (text, _) = load("quirk-ocr-number-from-filed-reference.txt");
    let blank = congvan::parse(&text.replace("&1Ø/UBND- TCKH", "   /UBND-TCKH"));
    assert_eq!(
        blank.number.as_ref().and_then(|n| n.number.as_deref()),
        None
    );
}

#[test]
fn ocr_seal_debris_is_no_title_nor_name_and_a_team_stays_with_its_unit() {
    let (_, doc) = load("quirk-ocr-seal-debris-in-signature.txt");
    assert_eq!(doc.signatures.len(), 1, "{:?}", doc.signatures);
    let s = &doc.signatures[0];
    assert_eq!(s.title.as_deref(), Some("GIÁM ĐỐC"), "debris dropped");
    assert_eq!(s.name.as_deref(), Some("Đại tá Nguyễn Văn Hòa"), "name");
    let archive = doc
        .distribution
        .as_ref()
        .and_then(|d| d.archive.as_ref())
        .expect("archive");
    assert_eq!(archive.units, ["VT", "PC06 (Đội 2)"], "a numbered team");
    assert_eq!(archive.drafter, None, "a team is no drafter");
}

#[test]
fn ocr_garbage_number_row_still_gives_place_date_and_issuer() {
    let (_, doc) = load("quirk-ocr-garbled-number.txt");
    assert_eq!(
        doc.place.as_ref().map(|p| p.name.as_str()),
        Some("Hà Nội"),
        "place"
    );
    assert_eq!(date(&doc), (Some(2020), Some(10), Some(9)), "date");
    let issuer = doc.issuer.as_ref().expect("issuer");
    assert_eq!(issuer.name, "TỔNG CỤC THUẾ", "issuer");
    assert_eq!(
        issuer.parent.as_deref(),
        Some("BỘ TÀI CHÍNH"),
        "issuer parent"
    );
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("chính sách thuế đối với hàng hóa khuyến mại"),
        "subject"
    );
}

#[test]
fn ocr_header_without_diacritics() {
    let (_, doc) = load("quirk-ocr-header-no-diacritics.txt");
    let issuer = doc.issuer.as_ref().expect("issuer");
    assert_eq!(issuer.name, "CUC THUE TP HA NOI", "issuer as printed");
    assert_eq!(
        issuer.parent.as_deref(),
        Some("TONG CUC THUE"),
        "parent as printed"
    );
    assert!(
        doc.national_heading.is_some(),
        "`CONG HOA XA HOI …` is the Quốc hiệu"
    );
    assert_eq!(number(&doc), (Some("5826"), Some("CTHN-TTHT")), "number");
    assert_eq!(
        doc.place.as_ref().map(|p| p.name.as_str()),
        Some("Ha Noi"),
        "place as printed"
    );
    assert_eq!(date(&doc), (Some(2021), Some(6), Some(21)), "date");
    assert_eq!(doc.recipients.len(), 1, "recipients: {:#?}", doc.recipients);
    assert!(
        doc.recipients[0]
            .name
            .starts_with("Công ty TNHH Phần mềm Sông Hồng"),
        "recipient: {:?}",
        doc.recipients[0].name
    );
}

#[test]
fn ocr_spaces_inside_number_and_glued_date_words() {
    let (_, doc) = load("quirk-ocr-spaced-number-glued-date.txt");
    assert_eq!(
        number(&doc),
        (Some("415"), Some("TCHQ-TXNK")),
        "`4 15 /TCHQ-TXNK`"
    );
    assert_eq!(
        doc.place.as_ref().map(|p| p.name.as_str()),
        Some("Hà Nội"),
        "place"
    );
    assert_eq!(
        date(&doc),
        (Some(2019), Some(4), Some(23)),
        "`ngay23 tháng 04năm 2019`"
    );
    let codes = codes(&doc);
    assert!(
        !codes
            .iter()
            .any(|c| c.starts_with("unreadable_") || c.starts_with("blank_")),
        "nothing is blank or unreadable: {codes:?}"
    );
}

#[test]
fn ocr_spaces_inside_ubnd() {
    let (_, doc) = load("quirk-ocr-spaced-ubnd.txt");
    let n = doc
        .number
        .as_ref()
        .expect("no `Số` line was read (doc.number is None)");
    assert_eq!(n.number.as_deref(), Some("237"), "`2 37`");
    assert_eq!(n.symbol.as_deref(), Some("QĐ-UBND"), "`QĐ - U B ND`");
    assert_eq!(n.type_code.as_deref(), Some("QĐ"), "type code");
    assert_eq!(n.issuer_codes, ["UBND"], "issuer codes");
    assert_eq!(
        doc.doc_type.as_ref().map(|t| t.code.as_str()),
        Some("QĐ"),
        "doc type"
    );
    assert_eq!(
        doc.issuer.as_ref().map(|i| squash(&i.name)),
        Some("UBNDHUYỆNKIMBẢNG".to_owned()),
        "issuer `U B ND HUYỆN KIM BẢNG` without the merged Quốc hiệu"
    );
    assert!(
        doc.national_heading.is_some(),
        "national heading on the issuer's row"
    );
    assert_eq!(
        doc.place.as_ref().map(|p| p.name.as_str()),
        Some("Kim Bảng"),
        "place"
    );
    assert_eq!(date(&doc), (Some(2021), Some(8), Some(5)), "date");
}

#[test]
fn ocr_label_variants_vw_kinh_noi_nhan_lan() {
    let (_, doc) = load("quirk-ocr-labels-vw-lan.txt");
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("hóa đơn điện tử khi bán hàng qua sàn thương mại điện tử"),
        "`Vw` is the V/v label"
    );
    assert_eq!(
        doc.doc_type.as_ref().map(|t| t.code.as_str()),
        Some("CV"),
        "doc type"
    );
    let recipients: Vec<_> = doc.recipients.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        recipients,
        ["Công ty TNHH Thương mại Lục Ngạn Xanh"],
        "`Kinh gửi` is Kính gửi"
    );
    assert_eq!(
        distribution(&doc),
        ["Như trên", "Phòng Kiểm tra thuế số 2", "Website Cục Thuế"],
        "`Nơi nhân` is Nơi nhận"
    );
    assert_eq!(
        archive_units(&doc),
        ["VT", "TTHT"],
        "`Lan:` is the Lưu line"
    );
}

#[test]
fn ocr_label_viv_and_illegible_month() {
    let (_, doc) = load("quirk-ocr-viv-illegible-month.txt");
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("khấu trừ thuế giá trị gia tăng đầu vào của tài sản cố định"),
        "`Viv` is the V/v label"
    );
    assert_eq!(
        date(&doc),
        (Some(2017), None, Some(12)),
        "illegible month is null"
    );
    let codes = codes(&doc);
    assert!(
        codes.contains(&"unreadable_month"),
        "unreadable_month: {codes:?}"
    );
    assert!(
        !codes.contains(&"blank_month"),
        "the month is not blank: {codes:?}"
    );
    assert_eq!(
        distribution(&doc),
        ["Như trên", "Phòng Kiểm tra thuế"],
        "`Noi nhận` is Nơi nhận"
    );
    assert_eq!(archive_units(&doc), ["VT", "TTHT"], "archive");
}

// --------------------------------------- 6. several documents in one file

#[test]
fn multi_reply_fills_the_fields_not_the_letter_it_answers() {
    let (_, doc) = load("quirk-multi-reply-and-incoming.txt");
    assert_eq!(
        number(&doc),
        (Some("3318"), Some("CTHDU-TTHT")),
        "number of the reply"
    );
    assert_eq!(
        date(&doc),
        (Some(2022), Some(11), Some(16)),
        "date of the reply"
    );
    let recipients: Vec<_> = doc.recipients.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        recipients,
        ["Công ty Cổ phần Kho vận Phúc Hưng"],
        "recipients of the reply"
    );
    let names: Vec<_> = doc.signatures.iter().map(|s| s.name.as_deref()).collect();
    assert_eq!(names, [Some("Phạm Thị Hải Yến")], "only the reply's signer");
    assert_eq!(distribution(&doc), ["Như trên"], "the reply's distribution");
    assert_eq!(archive_units(&doc), ["VT", "TTHT"], "the reply's archive");
    for needle in [
        "Khu công nghiệp Phúc Điền",
        "Đỗ Văn Quyết",
        "Trân trọng cảm ơn",
    ] {
        assert_nowhere(
            &doc,
            needle,
            &["attachments"],
            "text of the answered letter",
        );
    }
}

#[test]
fn multi_answered_letter_is_a_second_document() {
    let (input, doc) = load("quirk-multi-reply-and-incoming.txt");
    let att = attachment(&doc, "second_document", "CÔNG TY CỔ PHẦN KHO VẬN PHÚC HƯNG");
    assert_eq!(
        att.title, "CÔNG TY CỔ PHẦN KHO VẬN PHÚC HƯNG",
        "title: its first line"
    );
    let text = att.span.slice(&input).expect("span on the input");
    assert!(
        text.starts_with("CÔNG TY CỔ PHẦN KHO VẬN PHÚC HƯNG") && text.contains("Đỗ Văn Quyết"),
        "the span covers the whole answered letter: {text:?}"
    );
}

#[test]
fn multi_sao_y_block_is_a_copy_attachment() {
    let (input, doc) = load("quirk-multi-sao-y.txt");
    assert_eq!(
        number(&doc),
        (Some("418"), Some("QĐ-UBND")),
        "the original's number"
    );
    assert_eq!(
        date(&doc),
        (Some(2024), Some(3), Some(4)),
        "the original's date"
    );
    let att = attachment(&doc, "copy", "SAO Y");
    let text = att.span.slice(&input).expect("span on the input");
    assert!(
        text.starts_with("SAO Y") && text.contains("12/SY-STP"),
        "the span covers the copy block: {text:?}"
    );
}

#[test]
fn multi_sao_y_block_does_not_pollute_the_footer() {
    let (_, doc) = load("quirk-multi-sao-y.txt");
    assert_eq!(doc.signatures.len(), 1, "signatures: {:#?}", doc.signatures);
    assert_eq!(
        doc.signatures[0].title.as_deref(),
        Some("CHỦ TỊCH"),
        "title"
    );
    assert_eq!(
        doc.signatures[0].name.as_deref(),
        Some("Lê Văn Thuận"),
        "signer of the original"
    );
    assert_eq!(
        distribution(&doc),
        ["Như Điều 3", "Bộ Tư pháp (b/c)"],
        "the original's distribution"
    );
    for needle in [
        "12/SY-STP",
        "Huỳnh Thị Mỹ Ngọc",
        "Phòng Phổ biến",
        "SAO Y",
        "ngày 08 tháng 3",
    ] {
        assert_nowhere(&doc, needle, &["attachments"], "copy block text");
    }
}

#[test]
fn multi_annex_list_is_an_annex_attachment() {
    let (input, doc) = load("quirk-multi-annex-danh-sach.txt");
    let att = attachment(&doc, "annex", "DANH SÁCH");
    let text = att.span.slice(&input).expect("span on the input");
    assert!(
        text.starts_with("DANH SÁCH") && text.contains("Quàng Thị Dọn"),
        "the span covers the list and its rows: {text:?}"
    );
}

/// After a signature row, an annex whose title is in capitals and whose
/// `(Ban hành kèm theo …)` is glued to its title line, or an annex with a
/// title of its own (`THUYẾT MINH …`) and no `Kèm theo` line at all: the
/// annex is an attachment, not a second signer and distribution items.
#[test]
fn annexes_after_the_signature_row_stay_out_of_the_footer() {
    for (name, kind, title) in [
        ("quirk-multi-plan-after-signature.md", "annex", "KẾ HOẠCH"),
        (
            "quirk-multi-untitled-annex.md",
            "other",
            "THUYẾT MINH DỰ TOÁN",
        ),
    ] {
        let (_, doc) = load(name);
        assert_eq!(doc.signatures.len(), 1, "{name}: {:?}", doc.signatures);
        let items = distribution(&doc);
        assert_eq!(items.len(), 2, "{name}: {items:?}");
        attachment(&doc, kind, title);
        for needle in ["Quán triệt", "Tình hình thực hiện dự toán"] {
            assert_nowhere(&doc, needle, &["attachments"], name);
        }
    }
}

/// Dashes typed into notations (Word's en dash, a non-breaking hyphen, a
/// minus sign) are the notation's hyphen: the number's symbol and every
/// citation keep their groups; dashes elsewhere stay as written.
#[test]
fn typed_dashes_in_notations_are_hyphens() {
    let (_, doc) = load("quirk-typed-dashes-in-notations.txt");
    assert_eq!(number(&doc), (Some("245"), Some("UBND-TCKH")), "number");
    let ids: Vec<_> = doc
        .citations
        .iter()
        .filter_map(|c| c.id.as_deref())
        .collect();
    assert_eq!(ids, ["73/2024/NĐ-CP", "07/2024/TT-BNV", "112/KH-UBND"]);
    let body = body_texts(&doc).join("\n");
    assert!(
        body.contains("giai đoạn 2024\u{2013}2025") && body.contains("Tài chính \u{2013} Kế hoạch"),
        "dashes outside notations are kept: {body}"
    );
}

/// An annex on a new page whose title OCR garbled past recognition: the
/// lines right above its `(Kèm theo …)` line are its title, not a second
/// signature, a distribution item or an attachment of their own.
#[test]
fn ocr_garbled_annex_title_belongs_to_the_annex() {
    let (input, doc) = load("quirk-ocr-garbled-annex-title.txt");
    let names: Vec<_> = doc.signatures.iter().map(|s| s.name.as_deref()).collect();
    assert_eq!(names, [Some("Nguyễn Văn Hùng")], "one signer");
    assert_eq!(
        distribution(&doc),
        [
            "Như trên",
            "UBND tỉnh (để b/c)",
            "Tổ Medinet SYT (để đăng tin)"
        ],
        "distribution"
    );
    assert_eq!(doc.attachments.len(), 1, "{:?}", doc.attachments);
    let att = attachment(&doc, "annex", "KE HOACH");
    let text = att.span.slice(&input).expect("span on the input");
    assert!(
        text.contains("Oe aK <s7") && text.contains("(Kèm theo") && text.ends_with("riêng biệt."),
        "the annex runs from its garbled title to the end: {text:?}"
    );
}

#[test]
fn multi_annex_rows_stay_out_of_body_footer_and_citations() {
    let (_, doc) = load("quirk-multi-annex-danh-sach.txt");
    for needle in [
        "Lường Văn Xôm",
        "Quàng Thị Dọn",
        "Tổng cộng",
        "HỘ NGHÈO ĐƯỢC HỖ TRỢ",
        "Kèm theo",
    ] {
        assert_nowhere(&doc, needle, &["attachments"], "annex text");
    }
    let names: Vec<_> = doc.signatures.iter().map(|s| s.name.as_deref()).collect();
    assert_eq!(
        names,
        [Some("Lò Văn Thanh")],
        "signer, without the annex after it"
    );
    assert_eq!(
        distribution(&doc),
        ["Như trên", "Phòng Tài chính - Kế hoạch"],
        "distribution"
    );
    assert!(
        !doc.citations
            .iter()
            .any(|c| c.id.as_deref() == Some("512/UBND-LĐTBXH")),
        "the annex's `Kèm theo Công văn số 512/…` is the document itself, not a citation"
    );
}

#[test]
fn multi_editorial_note_is_an_editorial_attachment() {
    let (input, doc) = load("quirk-multi-editorial-note.txt");
    let att = attachment(&doc, "editorial", "Ghi chú:");
    let text = att.span.slice(&input).expect("span on the input");
    assert!(
        text.contains("Tình trạng hiệu lực") && text.contains("Người cập nhật"),
        "the span covers the whole note: {text:?}"
    );
    for needle in [
        "Ghi chú",
        "Tình trạng hiệu lực",
        "Còn hiệu lực",
        "Biên tập viên",
        "Lĩnh vực:",
    ] {
        assert_nowhere(&doc, needle, &["attachments"], "editorial note");
    }
    let names: Vec<_> = doc.signatures.iter().map(|s| s.name.as_deref()).collect();
    assert_eq!(names, [Some("Hoàng Thị Dung")], "signer");
    assert_eq!(number(&doc), (Some("1175"), Some("QĐ-UBND")), "number");
    assert_eq!(date(&doc), (Some(2023), Some(6), Some(19)), "date");
}

#[test]
fn multi_each_attachment_has_a_diagnostic() {
    for (fixture, kind, title) in [
        (
            "quirk-multi-reply-and-incoming.txt",
            "second_document",
            "CÔNG TY CỔ PHẦN",
        ),
        ("quirk-multi-sao-y.txt", "copy", "SAO Y"),
        ("quirk-multi-annex-danh-sach.txt", "annex", "DANH SÁCH"),
        ("quirk-multi-editorial-note.txt", "editorial", "Ghi chú:"),
    ] {
        let (_, doc) = load(fixture);
        let att = attachment(&doc, kind, title);
        assert!(
            doc.diagnostics.iter().any(|d| within(d.span, att.span)),
            "{fixture}: no diagnostic points into the {kind} attachment {:?}; diagnostics: {:#?}",
            att.span,
            doc.diagnostics
        );
    }
}

#[test]
fn ocr_scan_reply_labels_citations_and_forms() {
    let (_, doc) = load("quirk-ocr-scan-reply-forms.txt");
    assert_eq!(
        number(&doc),
        (Some("2718"), Some("CTHNA-TTHT")),
        "`86:` is Số: and the lost slash stands before the symbol"
    );
    assert_eq!(
        date(&doc),
        (Some(2022), Some(9), Some(12)),
        "`l2thang` is 12 tháng"
    );
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("chính sách thuế giá trị gia tăng đối với hàng xuất khẩu tại chỗ"),
        "`'V/` is the V/v label, not a section V"
    );
    let ids: Vec<_> = doc
        .citations
        .iter()
        .filter_map(|c| c.id.as_deref())
        .collect();
    assert_eq!(
        ids,
        ["SC/15-2022", "31/CVSCK2022", "209/2013/NĐ-CP", "219/2013/TT-BTC"],
        "a company's numbering between số and ngày, a symbol cut by a line break, no footnote marker, no forms"
    );
    let forms: Vec<_> = doc.forms.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(forms, ["01/GTGT", "03/TNDN"], "tax forms are listed apart");
    assert_eq!(archive_units(&doc), ["TTHT"], "`Liu:` is the Lưu line");
    let s = &doc.signatures[0];
    assert_eq!(
        (s.title.as_deref(), s.name.as_deref()),
        (Some("PHÓ CỤC TRƯỞNG"), Some("Trần Minh Đức"))
    );
}

// ---------------------------------------------------------------- 7. forms

/// A phiếu trình has no signature block: each cell of its last table is
/// signed off by a role, a sign-off date and a name. Every named cell is a
/// signer, in the order printed; the role is the title; a name under a
/// form label (`Điện thoại: …`) has none; a cell without a name (`KÍNH TRÌNH
/// GIÁM ĐỐC SỞ`, still to be signed) is none; the sign-off dates are not the
/// document's date.
#[test]
fn form_signed_off_in_its_cells() {
    let (text, doc) = load("quirk-form-phieu-trinh-signoff-cells.md");
    let signers: Vec<(Option<&str>, Option<&str>)> = doc
        .signatures
        .iter()
        .map(|s| (s.title.as_deref(), s.name.as_deref()))
        .collect();
    assert_eq!(
        signers,
        [
            (Some("LÃNH ĐẠO SỞ"), Some("Đinh Công Quyết")),
            (Some("Chuyên viên"), Some("Bùi Thị Hạnh")),
            (Some("Trưởng phòng Quản lý nhà"), Some("Quách Văn Sơn")),
            (None, Some("Xa Thị Mai")),
        ]
    );
    assert!(doc.signatures.iter().all(|s| s.authority.is_empty()));
    // each span covers the role and the name as printed
    let span = doc.signatures[1].span;
    let printed = &text[span.start..span.end];
    assert!(
        printed.starts_with("Chuyên viên") && printed.ends_with("Bùi Thị Hạnh"),
        "{printed}"
    );
    assert!(doc.date.is_none(), "{:?}", doc.date);
}

/// A Quy định issued with its Quyết định is signed again at its end: two
/// signature entries, one per block, the annex's after the document's; the
/// annex's own header is not a second document's.
#[test]
fn multi_annex_signed_again() {
    let (text, doc) = load("quirk-multi-annex-signed-again.txt");
    assert_eq!(doc.signatures.len(), 2, "{:?}", doc.signatures);
    for s in &doc.signatures {
        let chain: Vec<(&str, &str)> = s
            .authority
            .iter()
            .map(|a| (a.prefix.as_str(), a.position.as_str()))
            .collect();
        assert_eq!(chain, [("TM", "ỦY BAN NHÂN DÂN"), ("KT", "CHỦ TỊCH")]);
        assert_eq!(s.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(s.name.as_deref(), Some("Phạm Văn Hậu"));
    }
    let annex_at = text.find("QUY ĐỊNH\nVề").unwrap();
    assert!(doc.signatures[0].span.end < annex_at);
    assert!(doc.signatures[1].span.start > annex_at);
    assert_eq!(doc.distribution.as_ref().map(|d| d.items.len()), Some(2));
}

/// A web page flattened the number, the place and date, the title, its
/// trích yếu in capitals and the body's first sentence onto one line: the
/// title and subject end where the sentence begins.
#[test]
fn flat_title_and_body_on_one_line() {
    let (_, doc) = load("quirk-flat-title-body-one-line.txt");
    assert_eq!(doc.doc_type.as_ref().map(|t| t.code.as_str()), Some("CT"));
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("VỀ TĂNG CƯỜNG CÔNG TÁC PHÒNG CHÁY, CHỮA CHÁY RỪNG TRÊN ĐỊA BÀN TỈNH")
    );
    let date = doc.date.as_ref().expect("a date");
    assert_eq!(
        (date.year, date.month, date.day),
        (Some(2019), Some(3), Some(14))
    );
}

/// The authority line (`ỦY BAN NHÂN DÂN TỈNH …`) flattened onto the end of
/// a `V/V` subject in capitals is cut off; `CỦA BỘ TRƯỞNG BỘ NỘI VỤ` inside
/// the subject names an official and stays.
#[test]
fn flat_authority_after_subject() {
    let (text, doc) = load("quirk-flat-authority-after-subject.txt");
    let subject = doc.subject.as_ref().expect("a subject");
    assert_eq!(
        subject.text,
        "PHÊ DUYỆT ĐỀ ÁN VỊ TRÍ VIỆC LÀM THEO HƯỚNG DẪN TẠI THÔNG TƯ SỐ \
         12/2022/TT-BNV CỦA BỘ TRƯỞNG BỘ NỘI VỤ NĂM 2021"
    );
    assert!(text[subject.span.start..subject.span.end].ends_with("NĂM 2021"));
}

/// Dates that belong to something else: a cited decree's date wrapped onto
/// the subject's second line, a date after `trước ngày` in the body's first
/// paragraph, are not the date of issue, and that paragraph stays in the
/// body; a footnote's number glued to the year (`năm 20213`) is not part of
/// it; `ngày` glued to a cited notation (`6671/BYT-MTngày`) is not part of
/// its symbol.
#[test]
fn dates_cited_in_context() {
    let (_, doc) = load("quirk-date-cited-in-context.txt");
    let date = doc.date.as_ref().expect("a date");
    assert_eq!(
        (date.year, date.month, date.day),
        (Some(2021), Some(8), Some(12))
    );
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("thực hiện Nghị định số 15/2021/NĐ-CP ngày 03 tháng 3 năm 2021 của Chính phủ")
    );
    assert!(
        body_texts(&doc)
            .first()
            .is_some_and(|t| t.starts_with("Tại Công văn số 6671/BYT-MTngày")),
        "{:?}",
        body_texts(&doc)
    );
    let ids: Vec<_> = doc.citations.iter().map(|c| c.id.as_deref()).collect();
    assert!(ids.contains(&Some("6671/BYT-MT")), "{ids:?}");
}

/// A distribution list flattened into a table cell, each item's purpose
/// (`(thực hiện)`, `(để báo cáo)`) printed beside it: the note ends the item
/// as its `;` would, and a spaced dash inside a name after brackets that are
/// no such note does not; the last item's full stop before `- Lưu` ends it.
#[test]
fn flat_distribution_purpose_notes() {
    let (_, doc) = load("quirk-flat-distribution-purpose-notes.txt");
    let archive = doc.distribution.as_ref().and_then(|d| d.archive.as_ref());
    assert_eq!(
        archive.map(|a| a.units.clone()),
        Some(vec!["VT".to_owned(), "NN".to_owned()])
    );
    assert_eq!(
        distribution(&doc),
        [
            "Như Điều 2; (thực hiện)",
            "Bộ Nông nghiệp và PTNT; (để báo cáo)",
            "TT Tỉnh ủy; TT HĐND tỉnh",
            "Văn phòng Điều phối NTM Trung ương",
            "Sở Lao động (Phòng LĐ) - Thương binh",
        ]
    );
}

/// OCR read the commas of a `Kính gửi các Bộ: …` list as full stops, the
/// list's end among them: the lines of names below still belong to it, and
/// the body starts after them.
#[test]
fn ocr_recipients_named_list() {
    let (_, doc) = load("quirk-ocr-recipients-named-list.txt");
    let names: Vec<&str> = doc.recipients.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "các Bộ: Ngoại giao, Công an. Y tế, Tài chính. Giao thông vận tải, \
          Lao động - Thương binh và Xã hội. Thông tin và Truyền thông"
        ]
    );
    assert!(
        body_texts(&doc)
            .first()
            .is_some_and(|t| t.starts_with("Xét báo cáo")),
        "{:?}",
        body_texts(&doc)
    );
}

/// A consolidated text (văn bản hợp nhất) as the official gazette prints it:
/// no number or date under its header, both in the closing block its signer
/// authenticates it under (`XÁC THỰC VĂN BẢN HỢP NHẤT`), the issuer's column
/// with the number before the heading, the place and date after it.
#[test]
fn date_consolidated_closing_block() {
    let (text, doc) = load("quirk-date-consolidated-closing-block.txt");
    assert_eq!(number(&doc), (Some("21"), Some("VBHN-BNV")));
    assert_eq!(date(&doc), (Some(2025), Some(2), Some(14)));
    assert_eq!(doc.place.as_ref().map(|p| p.name.as_str()), Some("Hà Nội"));
    let span = doc.number.as_ref().map(|n| n.span).expect("a number");
    assert_eq!(&text[span.start..span.end], "Số: 21/VBHN-BNV");
    // the issuer's line, the number, the heading and the date above the
    // authority are no part of the signature
    assert_eq!(signer(&doc), consolidated_signer("Trương Hải Long"));
    // the gazette's section heading names the issuer; the subject is the
    // line under the type's title
    assert_eq!(
        doc.issuer.as_ref().map(|i| i.name.as_str()),
        Some("BỘ NỘI VỤ")
    );
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("Hướng dẫn chế độ làm việc của công chức cấp xã")
    );
}

/// A signature's authority (prefix, position), title and name.
type Signer = (Vec<(String, String)>, Option<String>, Option<String>);

/// Each signature's authority, title and name.
fn signer(doc: &Document) -> Vec<Signer> {
    doc.signatures
        .iter()
        .map(|s| {
            let chain = s
                .authority
                .iter()
                .map(|a| (a.prefix.clone(), a.position.clone()))
                .collect();
            (chain, s.title.clone(), s.name.clone())
        })
        .collect()
}

/// A deputy minister's signature for the minister, as consolidated texts
/// are authenticated.
fn consolidated_signer(name: &str) -> Vec<Signer> {
    vec![(
        vec![("KT".to_owned(), "BỘ TRƯỞNG".to_owned())],
        Some("THỨ TRƯỞNG".to_owned()),
        Some(name.to_owned()),
    )]
}

/// The gazette's other layout of a consolidated text: its section headings
/// (`VĂN BẢN PHÁP LUẬT KHÁC`, `VĂN BẢN HỢP NHẤT -` with the issuer on the
/// next line) above the Quốc hiệu, a footnote's mark on the type's title
/// (`QUYẾT ĐỊNH1`), the documents it merges listed right under the subject,
/// and a closing block with the issuer's name on two lines before the
/// heading and the number.
#[test]
fn consolidated_gazette_section_headings() {
    let (text, doc) = load("quirk-consolidated-gazette-section.txt");
    assert_eq!(
        doc.issuer.as_ref().map(|i| i.name.as_str()),
        Some("BỘ GIAO THÔNG VẬN TẢI")
    );
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("ban hành quy chế quản lý bến khách ngang sông trên địa bàn các tỉnh miền núi")
    );
    assert_eq!(number(&doc), (Some("9"), Some("VBHN-BGTVT")));
    assert_eq!(date(&doc), (Some(2025), Some(5), Some(5)));
    assert_eq!(signer(&doc), consolidated_signer("Phan Minh Khoa"));
    // the merged documents are the body's first paragraphs, and cited
    let body = body_texts(&doc);
    assert!(
        body.first()
            .is_some_and(|t| t.starts_with("Quyết định số 12/2021/QĐ-BGTVT ngày 03")),
        "{body:?}"
    );
    let ids: Vec<_> = doc
        .citations
        .iter()
        .filter_map(|c| c.id.as_deref())
        .collect();
    assert_eq!(ids, ["12/2021/QĐ-BGTVT", "07/2024/QĐ-BGTVT"]);
    let span = doc.doc_type.as_ref().map(|t| t.span).expect("a type");
    assert!(text[span.start..span.end].contains("VBHN"), "{span:?}");
}

/// The authority line (thẩm quyền ban hành) printed right under a subject
/// in capitals, with no blank line between them: it ends the subject, while
/// a subject's own line that begins with an official's title after `PHÓ`
/// (`… CHO PHÓ` / `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KÝ …`) goes on.
#[test]
fn flat_authority_under_subject() {
    let (_, doc) = load("quirk-flat-authority-under-subject.txt");
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("ỦY QUYỀN CHO PHÓ CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KÝ HỢP ĐỒNG THUÊ ĐẤT")
    );
    assert_nowhere(
        &doc,
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TIÊN",
        &[],
        "the authority line",
    );
    assert!(
        body_texts(&doc)
            .first()
            .is_some_and(|t| t.starts_with("Căn cứ Luật Tổ chức")),
        "{:?}",
        body_texts(&doc)
    );
}

/// What a register or the receiving office adds between the date and the
/// title (a filing note `Số hồ sơ: 14`, an incoming stamp `SỞ Y TẾ NGHỆ AN`
/// / `ĐẾN NGÀY 12/5/2011`) does not end the header: the title, subject and
/// addressees under it are read.
#[test]
fn noise_filing_note_before_title() {
    let (_, doc) = load("quirk-noise-filing-note-before-title.txt");
    assert_eq!(doc.doc_type.as_ref().map(|t| t.code.as_str()), Some("TTr"));
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("xin kinh phí sửa chữa trạm y tế xã Nam Thượng")
    );
    let names: Vec<_> = doc.recipients.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Sở Y tế tỉnh Nghệ An"]);
    assert_nowhere(&doc, "Số hồ sơ", &[], "the filing note");
}

/// A type's title written as a Markdown heading (`### QUYẾT ĐỊNH`) in text
/// that is not read as Markdown is still the title, its subject under it.
#[test]
fn noise_markdown_heading_title() {
    let (_, doc) = load("quirk-noise-markdown-heading-title.txt");
    assert_eq!(doc.doc_type.as_ref().map(|t| t.code.as_str()), Some("QĐ"));
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("công nhận danh hiệu giáo viên dạy giỏi cấp huyện năm học 2023 - 2024")
    );
    assert!(
        body_texts(&doc)
            .first()
            .is_some_and(|t| t.starts_with("Căn cứ kết quả")),
        "{:?}",
        body_texts(&doc)
    );
}

/// A legal database's metadata written two labels a line (`Số hiệu:
/// 47/KH-UBND Loại văn bản: Kế hoạch`) above the document: the site's
/// description, never the document's number, nor a citation of it.
#[test]
fn noise_inline_site_metadata() {
    let (_, doc) = load("quirk-noise-inline-site-metadata.txt");
    assert_eq!(
        doc.number.as_ref().map(|n| n.raw.as_str()),
        Some("Số: 47/KH-UBND")
    );
    assert_eq!(
        doc.issuer.as_ref().map(|i| i.name.as_str()),
        Some("ỦY BAN NHÂN DÂN HUYỆN TÂN CHÂU")
    );
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("PHÁT TRIỂN DU LỊCH CỘNG ĐỒNG NĂM 2023")
    );
    let ids: Vec<_> = doc
        .citations
        .iter()
        .filter_map(|c| c.id.as_deref())
        .collect();
    assert_eq!(ids, ["08-NQ/TW"]);
}

// ------------------------------------------------------- 8. footer layouts

/// A bare `- Lưu.` closing the `Nơi nhận` list names no unit: it is the
/// archive line, not a recipient.
#[test]
fn footer_bare_archive_line_is_no_recipient() {
    let (_, doc) = load("quirk-footer-bare-archive.txt");
    assert_eq!(distribution(&doc), ["Như trên", "UBND huyện (để b/c)"]);
    let archive = doc
        .distribution
        .as_ref()
        .and_then(|d| d.archive.as_ref())
        .expect("the `Lưu` line is the archive");
    assert!(archive.units.is_empty(), "{archive:?}");
    assert_eq!(archive.drafter, None);
}

/// `- Lưu VT, TCHC, h.`: the drafter's initial in small letters after the
/// units is no unit (a unit's code is in capitals).
#[test]
fn footer_small_drafter_initial_is_no_unit() {
    let (_, doc) = load("quirk-footer-small-drafter-initial.txt");
    assert_eq!(archive_units(&doc), ["VT", "TCHC"]);
    let drafter = doc
        .distribution
        .as_ref()
        .and_then(|d| d.archive.as_ref())
        .and_then(|a| a.drafter.as_deref());
    assert_eq!(drafter, Some("h"));
}

/// `TM ỦY BAN NHÂN DÂN` / `KT CHỦ TỊCH`: prefixes whose dots were lost are
/// still the authority chain, not part of the signer's title.
#[test]
fn footer_undotted_authority_prefixes() {
    let (_, doc) = load("quirk-footer-undotted-authority.txt");
    assert_eq!(doc.signatures.len(), 1);
    let sig = &doc.signatures[0];
    let chain: Vec<(&str, &str)> = sig
        .authority
        .iter()
        .map(|a| (a.prefix.as_str(), a.position.as_str()))
        .collect();
    assert_eq!(chain, [("TM", "ỦY BAN NHÂN DÂN"), ("KT", "CHỦ TỊCH")]);
    assert_eq!(sig.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(sig.name.as_deref(), Some("Lô Thị Kim Ngân"));
}

/// `CHÁNH VĂN PHÒNGTrần Văn Quang`: extraction glued the signer's name to
/// the last title line; the name starts at the capital before the first
/// small letters.
#[test]
fn footer_name_glued_to_title() {
    let (text, doc) = load("quirk-footer-name-glued-to-title.txt");
    assert_eq!(doc.signatures.len(), 1);
    let sig = &doc.signatures[0];
    assert_eq!(sig.title.as_deref(), Some("CHÁNH VĂN PHÒNG"));
    assert_eq!(sig.name.as_deref(), Some("Trần Văn Quang"));
    assert!(text[sig.span.start..sig.span.end].ends_with("Trần Văn Quang"));
}

/// `CHỦ TỊCH` / `PHAN VĂN TUẤN`: a signer's name printed in capitals (a
/// surname first, no office word) is the name, not the title's next line.
#[test]
fn footer_name_in_capitals() {
    let (_, doc) = load("quirk-footer-name-in-capitals.txt");
    assert_eq!(doc.signatures.len(), 1);
    let sig = &doc.signatures[0];
    assert_eq!(sig.title.as_deref(), Some("CHỦ TỊCH"));
    assert_eq!(sig.name.as_deref(), Some("PHAN VĂN TUẤN"));
}

/// `TRƯỞNG PHÒNG` / `PHÒNG` / `Y TẾ`: what the seal's text leaves between
/// the title and the name repeats the title's words: no part of it.
#[test]
fn footer_seal_text_under_title() {
    let (_, doc) = load("quirk-footer-seal-text-under-title.txt");
    assert_eq!(doc.signatures.len(), 1);
    let sig = &doc.signatures[0];
    assert_eq!(sig.title.as_deref(), Some("TRƯỞNG PHÒNG"));
    assert_eq!(sig.name.as_deref(), Some("Đặng Thị Thu Hiền"));
}

// ------------------------------------------- 9. citations damaged in typing

/// The ids of the cited documents, in order of first mention.
fn citation_ids(doc: &Document) -> Vec<&str> {
    doc.citations
        .iter()
        .filter_map(|c| c.id.as_deref())
        .collect()
}

/// A space typed for the hyphen after a type code (`418/CV SLĐTB&XH`):
/// the issuer code in capitals joins the notation when the citation's date
/// follows it; an issuer named in words after it (`57/QĐ UBND tỉnh`) and a
/// notation with no issuer code (`09/TB ngày`) stay as written.
#[test]
fn cite_spaced_symbol_hyphen() {
    let (_, doc) = load("quirk-cite-spaced-symbol-hyphen.txt");
    assert_eq!(
        citation_ids(&doc),
        ["418/CV-SLĐTB&XH", "57/QĐ", "33/KH-UBND", "09/TB"]
    );
    let first = &doc.citations[0];
    assert_eq!(first.symbol.as_deref(), Some("CV-SLĐTB&XH"));
    assert_eq!(
        first.date.as_ref().map(|d| (d.year, d.month, d.day)),
        Some((Some(2011), Some(3), Some(2)))
    );
}

/// A symbol broken at a spaced hyphen that ends its line
/// (`Tờ trình số 152/TTr -` / `NN&PTNT ngày …`): the hyphen is the
/// notation's, as one typed without the space is; an ordinary word after
/// such a hyphen (`61/BC-STP -` / `ngày …`) is not part of it.
#[test]
fn cite_symbol_wrapped_at_spaced_hyphen() {
    let (_, doc) = load("quirk-cite-symbol-wrapped-at-spaced-hyphen.txt");
    assert_eq!(
        citation_ids(&doc),
        ["05/2008/NQ-HĐND", "152/TTR-NN&PTNT", "61/BC-STP"]
    );
    let wrapped = &doc.citations[2];
    assert_eq!(wrapped.symbol.as_deref(), Some("TTr-NN&PTNT"));
    assert_eq!(
        wrapped.date.as_ref().map(|d| (d.year, d.month, d.day)),
        Some((Some(2008), Some(5), Some(20)))
    );
}

/// A type code misspelt inside a notation (`Tờ trình số 118/TTrg-SNV`,
/// `Quyết định số 27/Qđ-UBND`): the head noun and `số` before it say it is
/// an identifier and of which type; without them (`văn bản 41/Bctc-TC`) a
/// notation opening with no code is not one.
#[test]
fn cite_misspelt_type_code() {
    let (_, doc) = load("quirk-cite-misspelt-type-code.txt");
    assert_eq!(citation_ids(&doc), ["27/QĐ-UBND", "118/TTRG-SNV"]);
    let types: Vec<_> = doc
        .citations
        .iter()
        .map(|c| c.doc_type.as_ref().map(|t| t.name.as_str()))
        .collect();
    assert_eq!(types, [Some("Quyết định"), Some("Tờ trình")]);
}

/// A web page's title and its list of related documents above the
/// document's header (`- 1Chỉ thị 15/CT-TTg năm 2020 về …`) are site
/// furniture: no citation comes from them once the header (Quốc hiệu,
/// number and date) is found below, and a document the page title names
/// and the text cites again keeps only the text's mentions.
#[test]
fn noise_related_documents_above_header() {
    let (text, doc) = load("quirk-noise-related-documents-above-header.txt");
    assert_eq!(citation_ids(&doc), ["52/NQ-CP"]);
    let header_at = text.find("ỦY BAN NHÂN DÂN").expect("the issuer line");
    let mentions = &doc.citations[0].mentions;
    assert_eq!(mentions.len(), 2, "{mentions:?}");
    assert!(mentions.iter().all(|m| m.span.start > header_at));
}

/// The President's decision in its old layout: the title names the issuer
/// (`QUYẾT ĐỊNH CỦA CHỦ TỊCH NƯỚC`) with the trích yếu below it, and the
/// signer's title goes on to `NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`,
/// which holds the Quốc hiệu's words but opens no second document.
#[test]
fn footer_president_title() {
    let (_, doc) = load("quirk-footer-president-title.txt");
    assert_eq!(doc.doc_type.as_ref().map(|t| t.code.as_str()), Some("QĐ"));
    // the old notation parts its groups with a slash, and is no citation
    assert_eq!(number(&doc), (Some("1158"), Some("QĐ/CTN")));
    assert!(doc
        .citations
        .iter()
        .all(|c| c.id.as_deref() != Some("1158/2008/QĐ/CTN")));
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some("tặng thưởng Huân chương Lao động")
    );
    assert_eq!(doc.signatures.len(), 1);
    let sig = &doc.signatures[0];
    assert_eq!(
        sig.title.as_deref(),
        Some("CHỦ TỊCH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    );
    assert_eq!(sig.name.as_deref(), Some("Nguyễn Minh Triết"));
    assert_eq!(
        distribution(&doc),
        [
            "Văn phòng Chính phủ",
            "Ban Thi đua - Khen thưởng Trung ương"
        ]
    );
    assert_eq!(archive_units(&doc), ["VT", "TĐKT"]);
    assert!(doc.attachments.is_empty(), "{:?}", doc.attachments);
}

/// A Party conclusion whose title OCR split apart (`K ÉT LUẬN`) and whose
/// subject goes on from capitals (the conference) to small letters (`về
/// …`), then the body: the title is the type, the subject ends before the
/// body's first sentence.
#[test]
fn ocr_party_conclusion_title() {
    let (_, doc) = load("quirk-ocr-party-conclusion-title.txt");
    let ty = doc.doc_type.as_ref().expect("a type");
    assert_eq!(ty.code, "KL");
    assert_eq!(
        doc.subject.as_ref().map(|s| s.text.as_str()),
        Some(
            "HỘI NGHỊ LẦN THỨ MƯỜI HAI BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN (KHÓA XXIII) về phát triển \
             nông nghiệp công nghệ cao đến năm 2025, định hướng đến năm 2030"
        )
    );
    assert!(
        body_texts(&doc)
            .first()
            .is_some_and(|t| t.starts_with("Hội nghị lần thứ mười hai")),
        "{:?}",
        body_texts(&doc)
    );
}

// ------------------------------- header lines wrapped or interleaved

/// The names of the recipients (Kính gửi), in order.
fn recipient_names(doc: &Document) -> Vec<&str> {
    doc.recipients.iter().map(|r| r.name.as_str()).collect()
}

/// `Kính` / `gửi: Cục thuế …`: a narrow column broke the label after its
/// first word; the addressee after `gửi:` is still the one recipient, and
/// the body's first sentence under it is not another.
#[test]
fn flat_recipients_label_broken() {
    let (text, doc) = load("quirk-flat-recipients-label-broken.txt");
    assert_eq!(
        recipient_names(&doc),
        ["Cục thuế các tỉnh, thành phố trực thuộc Trung ương"]
    );
    let span = doc.recipients[0].span;
    assert_eq!(&text[span.start..span.end], doc.recipients[0].name);
}

/// `Kính gửi:` alone, then the right-hand column's Tiêu ngữ, place and a
/// garbled date that OCR read in between, then the `- …` list: the lines
/// in between are read as the header parts they are, and the list is the
/// recipients.
#[test]
fn ocr_recipients_interleaved_heading() {
    let (_, doc) = load("quirk-ocr-recipients-interleaved-heading.txt");
    assert_eq!(
        recipient_names(&doc),
        [
            "Các phòng giáo dục và đào tạo",
            "Các trường trung học phổ thông trực thuộc"
        ]
    );
    assert_eq!(
        doc.place.as_ref().map(|p| p.name.as_str()),
        Some("Quảng Nam")
    );
    let heading = doc.national_heading.as_ref().expect("the Quốc hiệu");
    assert_eq!(
        heading.motto.as_deref(),
        Some("Độc lập - Tự do - Hạnh phúc")
    );
}

/// Lines a narrow column wrapped off a công văn's header: an acronym in
/// capitals (`V/v chính sách thuế` / `TNDN`) ends the `V/v` subject, and a
/// bracketed line (`(Việt Nam)`) ends the addressee's name; the address in
/// brackets under it (`(Đ/c: …)`) is not part of the name.
#[test]
fn flat_wrapped_acronym_and_bracket() {
    let (_, doc) = load("quirk-flat-wrapped-acronym-and-bracket.txt");
    let subject = doc.subject.as_ref().expect("the V/v subject");
    assert_eq!(subject.text, "chính sách thuế TNDN");
    assert_eq!(
        recipient_names(&doc),
        ["Công ty TNHH Điện tử Minh Phát (Việt Nam)"]
    );
}

/// OCR text of a received paper: the receiving office's stamp (its name,
/// its register's `Số:`, `ĐẾN`) stands between the subject and `Kính
/// gửi`. It ends neither the header nor the subject: the addressees are
/// read, and the stamp's number is not the document's.
#[test]
fn ocr_received_stamp_text() {
    let (_, doc) = load("quirk-ocr-received-stamp-text.txt");
    let subject = doc.subject.as_ref().expect("the subject");
    assert_eq!(
        subject.text,
        "thuế giá trị gia tăng đối với phân bón nhập khẩu"
    );
    assert_eq!(
        recipient_names(&doc),
        ["Sở Tài chính các tỉnh, thành phố trực thuộc Trung ương"]
    );
    let number = doc.number.as_ref().expect("the number");
    assert_eq!(number.number.as_deref(), Some("4120"));
}

/// A web page's title names the document by its type, number and subject
/// (`Công văn Số: 1843/TCT-CS V/v: …`) above the document's own header:
/// the header is read from below it (issuer, Quốc hiệu, number, place and
/// date), and the subject is the header's.
#[test]
fn noise_page_title_number() {
    let (_, doc) = load("quirk-noise-page-title-number.txt");
    let issuer = doc.issuer.as_ref().expect("the issuer");
    assert_eq!(issuer.name, "TỔNG CỤC THUẾ");
    assert_eq!(issuer.parent.as_deref(), Some("BỘ TÀI CHÍNH"));
    let date = doc.date.as_ref().expect("the date");
    assert_eq!(
        (date.year, date.month, date.day),
        (Some(2025), Some(5), Some(5))
    );
    assert_eq!(doc.place.as_ref().map(|p| p.name.as_str()), Some("Hà Nội"));
    let number = doc.number.as_ref().expect("the number");
    assert_eq!(number.raw, "Số: 1843/TCT-CS");
    assert_eq!(recipient_names(&doc), ["Cục Thuế tỉnh Long An"]);
    // `V/v` alone, its colon wrapped onto the subject's line
    let subject = doc.subject.as_ref().expect("the subject");
    assert_eq!(
        subject.text,
        "Chính sách thuế giá trị gia tăng đối với hàng xuất khẩu"
    );
}

/// A print's or a web page's title above the header names the document
/// and its subject (`Công văn số 742/CT-TTHT của Cục Thuế … v/v …`): the
/// subject is the header's own `V/v` line, not the title's.
#[test]
fn noise_print_title_vv() {
    let (_, doc) = load("quirk-noise-print-title-vv.txt");
    let subject = doc.subject.as_ref().expect("the V/v subject");
    assert_eq!(subject.text, "sử dụng hóa đơn điện tử");
    let number = doc.number.as_ref().expect("the number");
    assert_eq!(number.symbol.as_deref(), Some("CT-TTHT"));
    assert_eq!(
        doc.issuer.as_ref().map(|i| i.name.as_str()),
        Some("CỤC THUẾ THANH HÓA")
    );
}

/// An addressee's name wrapped before a bracketed part that more words
/// follow (`… Công ty Minh Long Trading` / `(Shenzhen) Technology Co.,
/// Ltd`): the line is the name's; the labelled lines under it (`Mã số
/// thuế:`, `Địa chỉ:`) are not.
#[test]
fn flat_bracketed_name_continues() {
    let (_, doc) = load("quirk-flat-bracketed-name-continues.txt");
    assert_eq!(
        recipient_names(&doc),
        ["Chi nhánh tại Quảng Ninh Công ty Minh Long Trading (Shenzhen) Technology Co., Ltd"]
    );
}

/// A title's trích yếu whose last line is only the end of a year range
/// (`… MÙA KHÔ NĂM 2019 -` / `2020`), a line that alone reads like a
/// page number: the year ends the subject.
#[test]
fn flat_title_subject_year_range() {
    let (_, doc) = load("quirk-flat-title-subject-year-range.txt");
    let subject = doc.subject.as_ref().expect("the trích yếu");
    assert_eq!(
        subject.text,
        "PHÒNG, CHỐNG HẠN HÁN, THIẾU NƯỚC MÙA KHÔ NĂM 2019 - 2020"
    );
}

/// `Về:` in place of `V/v` right under the number: the trích yếu; the
/// same label on the body's numbered lines (`1. Về: phạm vi …`) is not.
#[test]
fn flat_subject_label_ve() {
    let (_, doc) = load("quirk-flat-subject-label-ve.txt");
    let subject = doc.subject.as_ref().expect("the trích yếu");
    assert_eq!(subject.text, "tham gia ý kiến dự thảo quy chế thi");
    assert_eq!(recipient_names(&doc), ["Các phòng giáo dục và đào tạo"]);
}

/// A quyết định whose `QUYẾT ĐỊNH` heading was lost, its trích yếu left
/// as `VỀ VIỆC …`: the number's code (`35/QĐ-BYT`) and the enacting
/// `QUYẾT ĐỊNH:` in the body make it a quyết định, not a công văn.
#[test]
fn flat_untitled_quyet_dinh() {
    let (_, doc) = load("quirk-flat-untitled-quyet-dinh.txt");
    let doc_type = doc.doc_type.as_ref().expect("the type");
    assert_eq!(doc_type.code, "QĐ");
}

/// The signature's title on the row of the `Lưu` line, the columns
/// flattened (`- Lưu: VT, VX.      PHÓ CHỦ TỊCH`): the title after the full
/// stop that ends the list is the signer's, the units stay the archive's.
#[test]
fn footer_title_after_archive() {
    let (_, doc) = load("quirk-footer-title-after-archive.txt");
    assert_eq!(doc.signatures.len(), 1);
    let sig = &doc.signatures[0];
    assert_eq!(sig.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(sig.name.as_deref(), Some("Trần Thị Mai Hương"));
    assert_eq!(archive_units(&doc), ["VT", "VX"]);
    assert_eq!(distribution(&doc), ["Như trên"]);
}
