//! A guide to congvan, in ten minutes.
//!
//! This module has no items: it is the tutorial. Every code block below is a
//! test that runs with `cargo test --doc`.
//!
//! 1. [Parsing a document](#parsing-a-document)
//! 2. [The pipeline](#the-pipeline)
//! 3. [Spans and the offset map](#spans-and-the-offset-map)
//! 4. [Diagnostics](#diagnostics)
//! 5. [Options and decoding](#options-and-decoding)
//! 6. [The model and its JSON](#the-model-and-its-json)
//! 7. [A worked example](#a-worked-example)
//!
//! # Parsing a document
//!
//! [`parse`](crate::parse) takes the text of one document and returns a
//! [`Document`](crate::Document). It never fails and never panics: whatever
//! it cannot find is `None` or empty, and what is odd is reported as a
//! [`Diagnostic`](crate::Diagnostic).
//!
//! ```
//! let doc = congvan::parse("UBND TỈNH BẮC GIANG\nSỞ NỘI VỤ\nSố: 05/SNV-VP\n\
//!                           V/v nâng bậc lương\nBắc Giang, ngày 05 tháng 02 năm 2024\n");
//! let issuer = doc.issuer.as_ref().unwrap();
//! assert_eq!(issuer.name, "SỞ NỘI VỤ");
//! assert_eq!(issuer.parent.as_deref(), Some("UBND TỈNH BẮC GIANG"));
//! assert_eq!(doc.subject.as_ref().map(|s| s.text.as_str()), Some("nâng bậc lương"));
//! // Nothing here is a signature block: that is a warning, not an error.
//! assert!(doc.diagnostics.iter().any(|d| d.code == "missing_signature"));
//! ```
//!
//! # The pipeline
//!
//! Each stage is one module and reads the output of the one before:
//!
//! | stage | what it does |
//! |---|---|
//! | [`normalize`](crate::normalize) | NFC, `\n` line ends, spaces (tabs, NBSP) collapsed, zero-width characters dropped, Markdown turned into text; records an [`OffsetMap`](crate::normalize::OffsetMap) |
//! | lines | splits lines, marks page furniture (running headers, page numbers) |
//! | stamps | finds digital-signature stamps (`Người ký`, `Ký bởi`, `Thời gian ký`) |
//! | header | national heading, issuer, number, place and date, type, subject, marks, `Kính gửi` |
//! | footer | signature blocks, `Nơi nhận`, `Lưu` |
//! | body | preamble, the tree of numbered sections, list items, closing |
//! | [`cite`](crate::cite) | cited documents, merged by their normalised id |
//! | model | diagnostics, then every span mapped back to the input |
//! | JSON | [`to_json`](crate::to_json), [`to_json_pretty`](crate::to_json_pretty) |
//!
//! All stages work on the normalised text; the last step maps each span back
//! through the offset map, so that the spans you get index *your* input.
//!
//! # Spans and the offset map
//!
//! A [`Span`](crate::Span) is a half-open byte range `[start, end)` into the
//! exact string passed to `parse`. It always lies on `char` boundaries. In
//! JSON it is `[start, end]`.
//!
//! The values themselves are read from the normalised text, so a value and
//! its source may differ: below, the input has Windows line ends and two
//! non-breaking spaces after `Số:`. The number's `raw` has one plain space;
//! its span still covers the bytes as they are in the input.
//!
//! ```
//! let input = "ỦY BAN NHÂN DÂN\r\nTỈNH BẮC GIANG\r\nSố:\u{a0}\u{a0}12/QĐ-UBND\r\n\
//!              Bắc Giang, ngày 05 tháng 02 năm 2024\r\n";
//! let doc = congvan::parse(input);
//! let number = doc.number.as_ref().unwrap();
//! assert_eq!(number.raw, "Số: 12/QĐ-UBND");
//! assert_eq!(&input[number.span.start..number.span.end], "Số:\u{a0}\u{a0}12/QĐ-UBND");
//! // `Span::slice` is the same without the risk of a panic.
//! assert_eq!(number.span.slice(input), Some("Số:\u{a0}\u{a0}12/QĐ-UBND"));
//!
//! // What happened underneath: normalisation removed two `\r` before `Số`
//! // and turned two 2-byte NBSPs into one space.
//! use congvan::normalize::{normalize, OffsetMap};
//! let norm = normalize(input, congvan::InputFormat::Text);
//! let n_start = norm.text.find("Số:").unwrap();
//! assert_eq!(input.find("Số:").unwrap(), n_start + 2);
//! assert!(norm.text.contains("Số: 12/QĐ-UBND\n"));
//! // The map takes normalised offsets back to the input.
//! let map: &OffsetMap = &norm.map;
//! let n_end = n_start + "Số: 12/QĐ-UBND".len();
//! assert_eq!(map.map_range(n_start, n_end), (number.span.start, number.span.end));
//! ```
//!
//! Missing things are reported with an *empty* span where they were
//! expected (the start of the header, or the end of the text), so every
//! diagnostic can be shown at a place in the input.
//!
//! # Diagnostics
//!
//! [`Document::diagnostics`](crate::Document::diagnostics) lists what is
//! missing, blank, odd or off-standard, each with a stable `code` (a
//! [`DiagnosticCode`](crate::DiagnosticCode), written in JSON as its
//! `snake_case` name), a [`Severity`](crate::Severity), a message for people
//! and a span. The codes are part of the contract; messages may change. An
//! attachment's `kind` is an [`AttachmentKind`](crate::AttachmentKind) the
//! same way.
//!
//! | code | severity | span | meaning |
//! |---|---|---|---|
//! | `missing_national_heading` | warning | empty, start of the header | no Quốc hiệu/Tiêu ngữ (or Party heading) |
//! | `missing_issuer` | warning | empty, start of the header | no issuing body (tên cơ quan ban hành) |
//! | `missing_number` | warning | empty, start of the header | no `Số:` line |
//! | `blank_number` | warning | the number line | `Số:      /UBND-VP`: the number is to be filled in on registration |
//! | `unreadable_number` | warning | the number line | `Số: AO5f /CT-TTHT`: something stands where the number should be (OCR damage, a handwritten number); the symbol is still read |
//! | `number_from_reference` | info | the mention | an unreadable number (and a blank day) read from the one mention of the document after its footer, with its symbol and month: an annex's `Kèm theo Công văn số 472/BNG-LS ngày 9/6/2022`, or a document filed after it (`Văn bản số 4532/UBND-KSTTHC ngày 07/12/2011`); that mention is then no citation |
//! | `missing_date` | warning | empty, start of the header | no date of issue |
//! | `date_from_adoption` | info | the adoption clause | no date line in the header; the date is that of `… thông qua ngày 17 tháng 5 năm 2025` (resolutions and laws of the National Assembly) |
//! | `date_above_signature` | info | the date | no date line in the header; the place and date are the line printed above the signature block (licences, certificates) |
//! | `missing_place` | warning | empty, start of the header | a date without its place (địa danh) |
//! | `blank_day`, `blank_month`, `blank_year` | warning | the date | `ngày    tháng 5 năm 2025` |
//! | `unreadable_day`, `unreadable_month`, `unreadable_year` | warning | the date | a part that is neither a number nor blank (OCR noise) |
//! | `invalid_date` | warning | the date | a day, month or year out of range |
//! | `date_from_stamp` | info | the stamp | the date is incomplete and a digital signature has a time |
//! | `missing_subject` | warning | empty, start of the header | no trích yếu / `V/v` |
//! | `unknown_doc_type` | warning | empty, start of the header | the document type could not be determined |
//! | `missing_signature` | warning | empty, end of the text | no signature block |
//! | `attachment` | info | the attachment | text after the main document: an annex, a copy block (`SAO Y`), a second document or an editorial note, reported in `attachments` |
//! | `missing_distribution` | info | empty, end of the text | no `Nơi nhận` list |
//! | `utf16_decoded` | info | empty, at 0 | from [`decode`](crate::decode): the input was UTF-16 |
//! | `invalid_utf8_replaced` | warning | empty, at the first bad byte | from [`decode`](crate::decode) with `lossy`: bad bytes became U+FFFD |
//! | `legacy_encoding_converted` | info | empty, at 0 | the text was TCVN3 (ABC) or VNI-Windows mojibake (`Céng hoµ`, `Coäng hoaø`) and was converted to Unicode before parsing; spans still index the input (see [`normalize::legacy`](crate::normalize::legacy)) |
//! | `legacy_bytes_decoded` | info | empty, at 0 | from [`decode`](crate::decode): bytes that are not UTF-8 but single-byte TCVN3 or VNI text were read as Windows-1252 |
//! | `no_text_layer` | warning | empty, where the page's text would be | from a PDF ([`input`](crate::input)): page N has no text (a scan), or only a signing service's stamp; its text is left out for OCR |
//! | `unusable_text_layer` | warning | empty, where the page's text would be | from a PDF: page N's text layer is glyph ids, Latin without Vietnamese diacritics or a garbled 8-bit encoding; its text is left out |
//! | `signatures_not_read` | info | empty, at 0 | from a signed PDF: `pdfsig` could not be run, so the file's digital signatures are not in `stamps` |
//! | `macros_not_run` | info | empty, at 0 | from a `.docx` with macros (`word/vbaProject.bin`, a `.docm`): they are never run, only the text is read |
//! | `ocr` | info | empty, where the page's text starts | from a scan (cargo feature `ocr`, `--ocr auto`): page N was read by OCR (`tesseract -l vie`), with why and how many words |
//! | `no_text_found` | warning | empty, where the page's text would be | OCR found no text on page N: a blank page, or an image that is not a document |
//! | `received_stamp` | info | empty, where the page's text starts | an incoming-document stamp (`ĐẾN Số: … Ngày: …`) on page N, with what OCR read in it; taken out of the text so that it is never the document's number or date |
//! | `low_confidence` | warning | the word | OCR read this word of the number or the date with a low confidence: a digit may be wrong |
//! | `ocr_failed` | warning | empty, where the page's text would be | `pdftoppm` or `tesseract` failed or timed out on page N; the other pages are read |
//! | `ocr_page_limit` | warning | empty | pages past the 100th of a file are not read by OCR |
//!
//! No diagnostic has severity `error` today: `error` is reserved for a
//! document that cannot be read as intended. The `congvan check` command
//! prints diagnostics like a compiler (`file:line:col: warning[code]: …`,
//! the source line, carets under the span) and exits 1 on errors, or on
//! warnings with `--deny warnings`.
//!
//! ```
//! use congvan::Severity;
//!
//! let input = "UBND TỈNH KHÁNH HÒA\nSố:      /UBND-VP\nV/v báo cáo định kỳ\n\
//!              Khánh Hòa, ngày    tháng 5 năm 2025\n";
//! let doc = congvan::parse(input);
//! let blank = doc.diagnostics.iter().find(|d| d.code == "blank_number").unwrap();
//! assert_eq!(blank.severity, Severity::Warning);
//! assert_eq!(blank.span.slice(input), Some("Số:      /UBND-VP"));
//! let day = doc.diagnostics.iter().find(|d| d.code == "blank_day").unwrap();
//! assert!(day.span.slice(input).unwrap().starts_with("ngày    tháng 5"));
//! // The partial date stays partial.
//! let date = doc.date.as_ref().unwrap();
//! assert_eq!((date.year, date.month, date.day), (Some(2025), Some(5), None));
//! ```
//!
//! # Options and decoding
//!
//! [`Options`](crate::Options) is built with chained setters and passed to
//! [`parse_with`](crate::parse_with) and [`decode`](crate::decode):
//!
//! | option | default | effect |
//! |---|---|---|
//! | [`format`](crate::Options::format) | [`InputFormat::Auto`](crate::InputFormat::Auto) | `Text`, `Markdown` (CommonMark with tables, as web copies come), or `Auto`: Markdown when a pipe-table delimiter row is present |
//! | [`lossy`](crate::Options::lossy) | `false` | `decode` replaces invalid UTF-8 with U+FFFD (and says so) instead of failing |
//! | [`max_size`](crate::Options::max_size) | 64 MiB | `decode` refuses larger inputs |
//!
//! [`decode`](crate::decode) turns a file's bytes into text: UTF-8 with or
//! without a BOM, UTF-16 (converted), and an [`Error`](crate::Error) naming
//! the byte offset for invalid UTF-8 or binary data. Its diagnostics belong
//! with the document's.
//!
//! ```
//! use congvan::{Error, InputFormat, Options};
//!
//! let options = Options::new().format(InputFormat::Text);
//! let bytes = b"S\xe1\xbb\x91: 12/Q\xc4\x90-UBND\n\xff";
//! assert_eq!(congvan::decode(bytes, &options), Err(Error::InvalidUtf8 { offset: 18 }));
//!
//! let options = options.lossy(true);
//! let decoded = congvan::decode(bytes, &options).unwrap();
//! let mut doc = congvan::parse_with(&decoded.text, &options);
//! doc.diagnostics.extend(decoded.diagnostics);
//! assert!(doc.diagnostics.iter().any(|d| d.code == "invalid_utf8_replaced"));
//! // Spans index the decoded text.
//! let span = doc.number.as_ref().unwrap().span;
//! assert_eq!(span.slice(&decoded.text), Some("Số: 12/QĐ-UBND"));
//! ```
//!
//! # The model and its JSON
//!
//! [`Document`](crate::Document) is a tree of plain owned structs
//! ([`crate::model`]); serde gives its JSON, whose shape is the contract
//! `congvan/1`. Every key is always present: absent values are `null`, empty
//! lists `[]`. The JSON Schema (draft 2020-12) is `schema/congvan-1.schema.json`
//! in the repository, printed by `congvan schema`, and available as
//! `congvan::schema::json_schema()` with the `schema` feature.
//!
//! | JSON path | Rust | what |
//! |---|---|---|
//! | `schema` | [`Document::schema`](crate::Document::schema) | always `"congvan/1"` |
//! | `family` | [`Family`](crate::model::Family) | `state`, `party` or `legal_normative` |
//! | `doc_type.code`, `doc_type.name` | [`DocType`](crate::model::DocType) | `QĐ` / `Quyết định`; `CV` for a công văn |
//! | `marks.urgency.text` | [`Marks`](crate::model::Marks) | `HỎA TỐC`, `KHẨN`, …; also `confidentiality`, `circulation` |
//! | `national_heading.country`, `.motto` | [`NationalHeading`](crate::model::NationalHeading) | Quốc hiệu and Tiêu ngữ |
//! | `issuer.name`, `issuer.parent` | [`Issuer`](crate::model::Issuer) | issuing body and managing body |
//! | `number.number`, `.year`, `.symbol`, `.type_code`, `.issuer_codes[]`, `.unit_code` | [`Number`](crate::model::Number) | `Số: 30/2020/NĐ-CP` split up |
//! | `place.name`, `date.year`, `date.month`, `date.day` | [`Place`](crate::model::Place), [`DocDate`](crate::model::DocDate) | place and date of issue; date parts may be `null` |
//! | `subject.text` | [`Subject`](crate::model::Subject) | trích yếu without `V/v` |
//! | `recipients[].name` | [`Recipient`](crate::model::Recipient) | `Kính gửi` addressees |
//! | `body.preamble[]`, `body.sections[]`, `body.closing[]` | [`Body`](crate::model::Body) | the content |
//! | `body.sections[].kind`, `.label`, `.heading`, `.blocks[]`, `.sections[]` | [`Section`](crate::model::Section) | a numbered section and its subsections |
//! | `….blocks[].kind` = `paragraph` \| `item` | [`Block`](crate::model::Block) | paragraphs and list items (`marker`, nested `items[]`) |
//! | `citations[].id`, `.doc_type`, `.date`, `.issuer`, `.title`, `.mentions[]` | [`Citation`](crate::model::Citation) | one entry per cited document |
//! | `signatures[].authority[].prefix`, `.position`, `signatures[].title`, `.name` | [`Signature`](crate::model::Signature) | `TM.`/`KT.`/`TL.` chains, signer |
//! | `distribution.items[].text`, `distribution.archive.units[]` | [`Distribution`](crate::model::Distribution) | `Nơi nhận` and `Lưu` |
//! | `stamps[].signer`, `.time` | [`Stamp`](crate::model::Stamp) | digital signatures |
//! | `attachments[]` | [`Attachment`](crate::model::Attachment) | annexes and other non-main text |
//! | `diagnostics[].code`, `.severity`, `.message`, `.span` | [`Diagnostic`](crate::Diagnostic) | see above |
//! | `source.format`, `.pages`, `.page_starts[]`, `.text`, `.received[]` | [`Source`](crate::model::Source), [`ReceivedStamp`](crate::model::ReceivedStamp) | `text`/`docx`/`doc`/`pdf`/`image`, page count, the page table ([`Document::page_at`](crate::Document::page_at) gives a span's page), the text the spans index (only with `with_text`), the incoming-document stamps OCR found (page, raw, register number, day) |
//! | `…span` | [`Span`](crate::Span) | `[start, end]` byte offsets into the input |
//!
//! # A worked example
//!
//! A decision (quyết định) with CRLF line ends: read its header, walk its
//! articles, list what it cites, check its signature, and read the same
//! facts back from the JSON.
//!
//! ```
//! use congvan::model::{Block, Family, SectionKind};
//!
//! let input = "ỦY BAN NHÂN DÂN\r\nTỈNH BẮC GIANG\r\nSố: 12/QĐ-UBND\r\n\
//!     Bắc Giang, ngày 05 tháng 02 năm 2024\r\n\r\n\
//!     QUYẾT ĐỊNH\r\nVề việc thành lập Tổ công tác\r\n\r\n\
//!     Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\r\n\
//!     Căn cứ Kế hoạch số 03/KH-UBND ngày 11/01/2024 của UBND tỉnh;\r\n\r\n\
//!     Điều 1. Thành lập Tổ công tác.\r\n\
//!     Điều 2. Giao Sở Nội vụ thực hiện Kế hoạch số 03/KH-UBND.\r\n\r\n\
//!     Nơi nhận:\r\n- Như Điều 2;\r\n- Lưu: VT, NV.\r\n\
//!     TM. ỦY BAN NHÂN DÂN\r\nCHỦ TỊCH\r\n\r\nNguyễn Văn A\r\n";
//! let doc = congvan::parse(input);
//!
//! // Header.
//! assert_eq!(doc.family, Family::State);
//! assert_eq!(doc.doc_type.as_ref().unwrap().name, "Quyết định");
//! assert_eq!(doc.subject.as_ref().unwrap().text, "thành lập Tổ công tác");
//! let number = doc.number.as_ref().unwrap();
//! assert_eq!((number.number.as_deref(), number.symbol.as_deref()), (Some("12"), Some("QĐ-UBND")));
//!
//! // Body: the `Căn cứ` lines are the preamble, `Điều` are articles.
//! assert_eq!(doc.body.preamble.len(), 2);
//! let articles: Vec<&str> = doc
//!     .body
//!     .sections
//!     .iter()
//!     .filter(|s| s.kind == SectionKind::Article)
//!     .map(|s| s.label.as_str())
//!     .collect();
//! assert_eq!(articles, ["1", "2"]);
//! match &doc.body.sections[1].blocks[0] {
//!     Block::Paragraph { text, span } => {
//!         assert_eq!(text, "Giao Sở Nội vụ thực hiện Kế hoạch số 03/KH-UBND.");
//!         assert_eq!(span.slice(input), Some(text.as_str()));
//!     }
//!     other => panic!("unexpected block {other:?}"),
//! }
//!
//! // Citations: one entry per document, all mentions merged.
//! let plan = doc.citations.iter().find(|c| c.id.as_deref() == Some("03/KH-UBND")).unwrap();
//! assert_eq!(plan.doc_type.as_ref().unwrap().code, "KH");
//! assert_eq!(plan.issuer.as_deref(), Some("UBND tỉnh"));
//! assert_eq!(plan.mentions.len(), 2);
//! for m in &plan.mentions {
//!     assert_eq!(m.span.slice(input), Some("Kế hoạch số 03/KH-UBND"));
//! }
//! let law = doc.citations.iter().find(|c| c.id.is_none()).unwrap();
//! assert_eq!(law.title.as_deref(), Some("Luật Tổ chức chính quyền địa phương"));
//!
//! // Footer.
//! let signature = &doc.signatures[0];
//! assert_eq!(signature.authority[0].prefix, "TM");
//! assert_eq!(signature.title.as_deref(), Some("CHỦ TỊCH"));
//! assert_eq!(signature.name.as_deref(), Some("Nguyễn Văn A"));
//! let archive = doc.distribution.as_ref().unwrap().archive.as_ref().unwrap();
//! assert_eq!(archive.units, ["VT", "NV"]);
//!
//! // Diagnostics: only the missing national heading.
//! let codes: Vec<&str> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
//! assert_eq!(codes, ["missing_national_heading"]);
//!
//! // The same through JSON.
//! let json: serde_json::Value = serde_json::from_str(&congvan::to_json(&doc)).unwrap();
//! assert_eq!(json["schema"], "congvan/1");
//! assert_eq!(json["number"]["symbol"], "QĐ-UBND");
//! assert_eq!(json["body"]["sections"][0]["kind"], "article");
//! assert_eq!(json["body"]["preamble"][0]["kind"], "paragraph");
//! assert_eq!(json["citations"][1]["mentions"][0]["span"][0], plan.mentions[0].span.start);
//! assert_eq!(json["signatures"][0]["authority"][0]["prefix"], "TM");
//! assert_eq!(json["national_heading"], serde_json::Value::Null);
//! ```

#[cfg(test)]
mod tests {

    /// The codes listed in the guide's diagnostics table.
    fn documented_codes() -> Vec<String> {
        let guide = include_str!("guide.rs");
        let start = guide
            .find("//! | code | severity |")
            .expect("diagnostics table");
        guide[start..]
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with("//! |"))
            .flat_map(|l| {
                let first = l.split('|').nth(1).unwrap_or_default();
                first
                    .split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn the_guide_lists_every_diagnostic_code() {
        let documented = documented_codes();
        let codes: Vec<&str> = congvan_codes();
        let missing: Vec<&&str> = codes
            .iter()
            .filter(|c| !documented.iter().any(|d| d == *c))
            .collect();
        assert!(
            missing.is_empty(),
            "diagnostic codes missing from the table in src/guide.rs: {missing:?}"
        );
        let unknown: Vec<&String> = documented
            .iter()
            .filter(|d| !codes.contains(&d.as_str()))
            .collect();
        assert!(
            unknown.is_empty(),
            "the table in src/guide.rs lists codes that DiagnosticCode lacks: {unknown:?}"
        );
    }

    /// Every code's JSON name.
    fn congvan_codes() -> Vec<&'static str> {
        crate::DiagnosticCode::ALL
            .iter()
            .map(|c| c.as_str())
            .collect()
    }
}
