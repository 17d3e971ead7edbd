//! The seed dispatch (`../shared/seed/bac-giang-ntm-2024.txt`) parsed, checked
//! against every value `model.md` shows for it.
//!
//! Each test skips with a message when `../shared` is not there (a checkout
//! outside the project workspace).

use std::fs;
use std::path::PathBuf;

use congvan::model::{Block, Citation, DistributionItem, Section};
use congvan::{Document, Severity, Span};

const SEED: &str = "../shared/seed/bac-giang-ntm-2024.txt";

/// The seed's text and its parse, or `None` (with a message) when absent.
fn seed() -> Option<(String, Document)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SEED);
    let Ok(input) = fs::read_to_string(&path) else {
        eprintln!("skipping: seed {} not found", path.display());
        return None;
    };
    let doc = congvan::parse(&input);
    Some((input, doc))
}

/// Asserts that the source under `span` contains `value`, ignoring white
/// space and Markdown bold markers.
#[track_caller]
fn assert_under(input: &str, span: Span, value: &str, what: &str) {
    let source = span
        .slice(input)
        .unwrap_or_else(|| panic!("{what}: span {span:?} is out of bounds or off a char boundary"));
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|&c| !c.is_whitespace() && c != '*')
            .collect()
    };
    assert!(
        squash(source).contains(&squash(value)),
        "{what}: {value:?} is not in the source under {span:?}: {source:?}"
    );
}

#[test]
fn seed_header() {
    let Some((input, doc)) = seed() else { return };

    assert_eq!(doc.schema, "congvan/1");
    assert_eq!(
        serde_json::to_value(doc.family).expect("family serialises"),
        "state"
    );

    let doc_type = doc.doc_type.as_ref().expect("doc_type");
    assert_eq!(doc_type.code, "CV");
    assert_eq!(doc_type.name, "Công văn");

    assert!(doc.issuer.is_none(), "issuer: {:?}", doc.issuer);
    assert!(
        doc.national_heading.is_none(),
        "national_heading: {:?}",
        doc.national_heading
    );

    let number = doc.number.as_ref().expect("number");
    assert_eq!(number.raw, "Số: /UBND-NN");
    assert_eq!(number.number, None);
    assert_eq!(number.year, None);
    assert_eq!(number.symbol.as_deref(), Some("UBND-NN"));
    assert_eq!(number.type_code, None);
    assert_eq!(number.issuer_codes, ["UBND"]);
    assert_eq!(number.unit_code.as_deref(), Some("NN"));
    assert_under(&input, number.span, &number.raw, "number.raw");

    let place = doc.place.as_ref().expect("place");
    assert_eq!(place.name, "Bắc Giang");
    assert_under(&input, place.span, &place.name, "place.name");

    let date = doc.date.as_ref().expect("date");
    assert_eq!(date.raw, "ngày tháng 01 năm 2024");
    assert_eq!(
        (date.year, date.month, date.day),
        (Some(2024), Some(1), None)
    );
    assert_under(&input, date.span, &date.raw, "date.raw");

    let subject = doc.subject.as_ref().expect("subject");
    assert_eq!(
        subject.text,
        "triển khai thực hiện Chương trình MTQG xây dựng nông thôn mới năm 2024"
    );
    assert_under(&input, subject.span, &subject.text, "subject.text");

    let recipients: Vec<&str> = doc.recipients.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        recipients,
        [
            "Các sở, ngành cơ quan thuộc UBND tỉnh",
            "Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh",
            "UBND các huyện, thị xã, thành phố",
        ]
    );
    for (i, r) in doc.recipients.iter().enumerate() {
        assert_under(&input, r.span, &r.name, &format!("recipients[{i}].name"));
    }

    assert!(
        doc.marks.confidentiality.is_none() && doc.marks.urgency.is_none(),
        "marks: {:?}",
        doc.marks
    );
}

#[test]
fn seed_body() {
    let Some((input, doc)) = seed() else { return };
    let body = &doc.body;

    assert_eq!(body.preamble.len(), 2, "preamble: {:#?}", body.preamble);
    assert!(matches!(body.preamble[0], Block::Paragraph { .. }));
    assert!(body.preamble[0].text().starts_with("Năm 2023, mặc dù"));
    assert!(body.preamble[1].text().starts_with("Xác định năm 2024"));

    let labels: Vec<&str> = body.sections.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "4", "5"]);

    let first: &Section = &body.sections[0];
    assert_eq!(
        first.heading.as_deref(),
        Some("UBND các huyện, thị xã, thành phố")
    );
    assert_under(
        &input,
        first.span,
        "UBND các huyện, thị xã, thành phố",
        "sections[0].heading",
    );
    assert_eq!(
        first.blocks.len(),
        4,
        "section 1 blocks: {:#?}",
        first.blocks
    );
    for (i, block) in first.blocks.iter().enumerate() {
        let Block::Item { marker, text, .. } = block else {
            panic!("section 1 block {i} is not an item: {block:?}");
        };
        assert_eq!(marker, "-", "section 1 item {i} marker");
        assert_under(
            &input,
            block.span(),
            text,
            &format!("sections[0].blocks[{i}].text"),
        );
    }

    // A sentence split by a page break (blank line) is joined again.
    assert!(
        first.blocks[0]
            .text()
            .contains("thẩm định cấp xã, huyện đạt chuẩn"),
        "page-break join: {:?}",
        first.blocks[0].text()
    );

    assert_eq!(body.closing.len(), 1, "closing: {:#?}", body.closing);
    assert!(body.closing[0].text().starts_with("Yêu cầu các sở, ngành"));
    for (i, block) in body.preamble.iter().chain(&body.closing).enumerate() {
        assert_under(
            &input,
            block.span(),
            block.text(),
            &format!("paragraph {i}"),
        );
    }
}

#[test]
fn seed_citations() {
    let Some((input, doc)) = seed() else { return };

    let mut ids: Vec<&str> = doc
        .citations
        .iter()
        .filter_map(|c| c.id.as_deref())
        .collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        ["03/KH-UBND", "267/BNN-VPĐP", "82/VPĐP-NV&MT"],
        "citations: {:#?}",
        doc.citations
    );
    assert_eq!(doc.citations.len(), 3);

    let find = |id: &str| -> &Citation {
        doc.citations
            .iter()
            .find(|c| c.id.as_deref() == Some(id))
            .unwrap_or_else(|| panic!("citation {id}"))
    };
    let expected = [
        // id, number, symbol, type code, type name, (y, m, d), issuer, mentions
        (
            "03/KH-UBND",
            "03",
            "KH-UBND",
            "KH",
            "Kế hoạch",
            (2024, 1, 11),
            "UBND tỉnh",
            2,
        ),
        (
            "82/VPĐP-NV&MT",
            "82",
            "VPĐP-NV&MT",
            "CV",
            "Công văn",
            (2024, 1, 26),
            "Văn phòng Điều phối Trung ương",
            1,
        ),
        (
            "267/BNN-VPĐP",
            "267",
            "BNN-VPĐP",
            "CV",
            "Công văn",
            (2024, 1, 9),
            "Văn phòng Điều phối Trung ương",
            2,
        ),
    ];
    for (id, number, symbol, code, name, (y, m, d), issuer, mentions) in expected {
        let c = find(id);
        assert_eq!(c.number.as_deref(), Some(number), "{id} number");
        assert_eq!(c.year, None, "{id} year");
        assert_eq!(c.symbol.as_deref(), Some(symbol), "{id} symbol");
        let doc_type = c
            .doc_type
            .as_ref()
            .unwrap_or_else(|| panic!("{id} doc_type"));
        assert_eq!(
            (doc_type.code.as_str(), doc_type.name.as_str()),
            (code, name),
            "{id} type"
        );
        let date = c.date.as_ref().unwrap_or_else(|| panic!("{id} date"));
        assert_eq!(
            (date.year, date.month, date.day),
            (Some(y), Some(m), Some(d)),
            "{id} date"
        );
        assert_eq!(c.issuer.as_deref(), Some(issuer), "{id} issuer");
        assert_eq!(
            c.mentions.len(),
            mentions,
            "{id} mentions: {:#?}",
            c.mentions
        );
        for (i, mention) in c.mentions.iter().enumerate() {
            let what = format!("{id} mention {i}");
            assert_under(&input, mention.span, &mention.text, &what);
            // Every mention in the seed is written in full.
            assert_under(&input, mention.span, id, &what);
        }
    }
}

#[test]
fn seed_signature_and_distribution() {
    let Some((input, doc)) = seed() else { return };

    assert_eq!(doc.signatures.len(), 1, "signatures: {:#?}", doc.signatures);
    let sig = &doc.signatures[0];
    let authority: Vec<(&str, &str)> = sig
        .authority
        .iter()
        .map(|a| (a.prefix.as_str(), a.position.as_str()))
        .collect();
    assert_eq!(authority, [("KT", "CHỦ TỊCH")]);
    assert_eq!(sig.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(sig.name.as_deref(), Some("Lê Ô Pích"));
    assert_under(&input, sig.span, "CHỦ TỊCH", "signature authority");
    assert_under(&input, sig.span, "PHÓ CHỦ TỊCH", "signature.title");
    assert_under(&input, sig.span, "Lê Ô Pích", "signature.name");

    let dist = doc.distribution.as_ref().expect("distribution");
    let texts: Vec<&str> = dist.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Như trên",
            "Chủ tịch, các PCT UBND tỉnh",
            "Ủy ban MTTQ, các tổ chức CT-XH tỉnh",
            "Báo Bắc Giang, Đài PT-TH tỉnh",
            "Văn phòng Điều phối tỉnh",
            "Văn phòng UBND tỉnh",
        ]
    );
    for item in &dist.items[..5] {
        assert!(
            item.items.is_empty(),
            "{:?} has sub-items: {:?}",
            item.text,
            item.items
        );
    }
    let office: &DistributionItem = &dist.items[5];
    let subs: Vec<&str> = office.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(subs, ["LĐVP, TH, KTN, TTTT, TKCT"]);
    for item in dist.items.iter().chain(&office.items) {
        assert_under(&input, item.span, &item.text, "distribution item");
    }

    let archive = dist.archive.as_ref().expect("distribution.archive");
    assert_eq!(archive.units, ["VT", "NN"]);
    assert_eq!(archive.drafter.as_deref(), Some("Thăng"));
    assert_eq!(archive.copies, None);
    assert_under(&input, archive.span, "VT, NN", "archive.units");
    assert_under(&input, archive.span, "Thăng", "archive.drafter");

    assert!(doc.stamps.is_empty(), "stamps: {:?}", doc.stamps);
}

#[test]
fn seed_diagnostics() {
    let Some((input, doc)) = seed() else { return };

    for code in [
        "blank_number",
        "blank_day",
        "missing_issuer",
        "missing_national_heading",
    ] {
        let found: Vec<_> = doc.diagnostics.iter().filter(|d| d.code == code).collect();
        assert!(
            !found.is_empty(),
            "no {code} diagnostic in {:#?}",
            doc.diagnostics
        );
        for d in found {
            assert_eq!(d.severity, Severity::Warning, "{code} severity");
            assert!(d.span.slice(&input).is_some(), "{code} span {:?}", d.span);
        }
    }
}
