//! Diagnostics: what the parser found missing, blank, odd or off-standard.

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The document could not be read as intended.
    Error,
    /// A component is missing, blank or malformed.
    Warning,
    /// Something worth knowing (a converted encoding, a stamp date).
    Info,
}

/// The stable identifier of a [`Diagnostic`]; in JSON its `snake_case`
/// name (`blank_number`). Compares equal to that name
/// (`d.code == "blank_number"`). New codes may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagnosticCode {
    /// No Quốc hiệu/Tiêu ngữ (nor a Party heading); warning, empty span at the start of the header.
    MissingNationalHeading,
    /// No issuing body (tên cơ quan ban hành); warning.
    MissingIssuer,
    /// No `Số:` line; warning.
    MissingNumber,
    /// `Số:      /UBND-VP`: the number is to be filled in on registration; warning on the number line.
    BlankNumber,
    /// `Số: AO5f /CT-TTHT`: something stands where the number should be (OCR damage, a handwritten number); the symbol is still read; warning.
    UnreadableNumber,
    /// An unreadable number (and a blank day) read from the one mention of the document after its footer with its symbol and month: an annex's `Kèm theo Công văn số 472/BNG-LS ngày 9/6/2022`, or a document filed after it (`Văn bản số 4532/UBND-KSTTHC ngày 07/12/2011`); info on that mention.
    NumberFromReference,
    /// No date of issue; warning.
    MissingDate,
    /// No date line in the header: the date is that of the adoption clause (`… thông qua ngày 17 tháng 5 năm 2025`); info.
    DateFromAdoption,
    /// No date line in the header: the place and date are printed above the signature block (`Lào Cai, ngày … tháng 7 năm 2026`, as licences and certificates do); info.
    DateAboveSignature,
    /// A date without its place (địa danh); warning.
    MissingPlace,
    /// `ngày    tháng 5 năm 2025`: the day is left blank; warning on the date.
    BlankDay,
    /// The month of the date is left blank; warning.
    BlankMonth,
    /// The year of the date is left blank; warning.
    BlankYear,
    /// The day is neither a number nor blank (OCR noise); warning.
    UnreadableDay,
    /// The month is neither a number nor blank (OCR noise); warning.
    UnreadableMonth,
    /// The year is neither a number nor blank (OCR noise); warning.
    UnreadableYear,
    /// A day, month or year out of range; warning.
    InvalidDate,
    /// The date is incomplete and a digital signature has a time; info.
    DateFromStamp,
    /// No trích yếu / `V/v`; warning.
    MissingSubject,
    /// The document type could not be determined; warning.
    UnknownDocType,
    /// No signature block; warning, empty span at the end of the text.
    MissingSignature,
    /// Text after the main document (an annex, a copy block, a second document, an editorial note), reported in `attachments`; info.
    Attachment,
    /// No `Nơi nhận` list; info.
    MissingDistribution,
    /// From [`decode`](crate::decode): the input was UTF-16; info.
    Utf16Decoded,
    /// From [`decode`](crate::decode) with `lossy`: bad bytes became U+FFFD; warning at the first bad byte.
    InvalidUtf8Replaced,
    /// The text was TCVN3 (ABC) or VNI-Windows mojibake and was converted to Unicode before parsing; info.
    LegacyEncodingConverted,
    /// From [`decode`](crate::decode): bytes that are not UTF-8 but single-byte TCVN3 or VNI text were read as Windows-1252; info.
    LegacyBytesDecoded,
    /// From a PDF reader: a page has no text layer (a scanned image); its text is left out; warning.
    NoTextLayer,
    /// From a PDF reader: a page's text layer cannot be read (glyph ids, no Vietnamese diacritics, private 8-bit text, only a signing stamp); its text is left out; warning.
    UnusableTextLayer,
    /// From a PDF reader: the file's digital signatures could not be listed (`pdfsig` missing or failed); info.
    SignaturesNotRead,
    /// From the `.docx` reader: the file carries macros (`word/vbaProject.bin`, a `.docm`); they are never run, only the text is read; info.
    MacrosNotRun,
    /// From OCR: page N was read by OCR (and why); info.
    Ocr,
    /// From OCR: OCR found no text on page N (a blank page, or not a document); warning.
    NoTextFound,
    /// From OCR: an incoming-document stamp (`ĐẾN Số: … Ngày: …`) was taken out of the text; it is never the document's number or date; info.
    ReceivedStamp,
    /// From OCR: reading page N failed; the other pages are still read; warning.
    OcrFailed,
    /// From OCR: pages past the per-file page limit were not read; warning.
    OcrPageLimit,
    /// From OCR: a word inside the number or the date was read with low confidence; warning on the word.
    LowConfidence,
}

impl DiagnosticCode {
    /// Every code, in the order of the guide's table.
    pub const ALL: [DiagnosticCode; 37] = [
        DiagnosticCode::MissingNationalHeading,
        DiagnosticCode::MissingIssuer,
        DiagnosticCode::MissingNumber,
        DiagnosticCode::BlankNumber,
        DiagnosticCode::UnreadableNumber,
        DiagnosticCode::NumberFromReference,
        DiagnosticCode::MissingDate,
        DiagnosticCode::DateFromAdoption,
        DiagnosticCode::DateAboveSignature,
        DiagnosticCode::MissingPlace,
        DiagnosticCode::BlankDay,
        DiagnosticCode::BlankMonth,
        DiagnosticCode::BlankYear,
        DiagnosticCode::UnreadableDay,
        DiagnosticCode::UnreadableMonth,
        DiagnosticCode::UnreadableYear,
        DiagnosticCode::InvalidDate,
        DiagnosticCode::DateFromStamp,
        DiagnosticCode::MissingSubject,
        DiagnosticCode::UnknownDocType,
        DiagnosticCode::MissingSignature,
        DiagnosticCode::Attachment,
        DiagnosticCode::MissingDistribution,
        DiagnosticCode::Utf16Decoded,
        DiagnosticCode::InvalidUtf8Replaced,
        DiagnosticCode::LegacyEncodingConverted,
        DiagnosticCode::LegacyBytesDecoded,
        DiagnosticCode::NoTextLayer,
        DiagnosticCode::UnusableTextLayer,
        DiagnosticCode::SignaturesNotRead,
        DiagnosticCode::MacrosNotRun,
        DiagnosticCode::Ocr,
        DiagnosticCode::NoTextFound,
        DiagnosticCode::ReceivedStamp,
        DiagnosticCode::OcrFailed,
        DiagnosticCode::OcrPageLimit,
        DiagnosticCode::LowConfidence,
    ];

    /// The `snake_case` name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticCode::MissingNationalHeading => "missing_national_heading",
            DiagnosticCode::MissingIssuer => "missing_issuer",
            DiagnosticCode::MissingNumber => "missing_number",
            DiagnosticCode::BlankNumber => "blank_number",
            DiagnosticCode::UnreadableNumber => "unreadable_number",
            DiagnosticCode::NumberFromReference => "number_from_reference",
            DiagnosticCode::MissingDate => "missing_date",
            DiagnosticCode::DateFromAdoption => "date_from_adoption",
            DiagnosticCode::DateAboveSignature => "date_above_signature",
            DiagnosticCode::MissingPlace => "missing_place",
            DiagnosticCode::BlankDay => "blank_day",
            DiagnosticCode::BlankMonth => "blank_month",
            DiagnosticCode::BlankYear => "blank_year",
            DiagnosticCode::UnreadableDay => "unreadable_day",
            DiagnosticCode::UnreadableMonth => "unreadable_month",
            DiagnosticCode::UnreadableYear => "unreadable_year",
            DiagnosticCode::InvalidDate => "invalid_date",
            DiagnosticCode::DateFromStamp => "date_from_stamp",
            DiagnosticCode::MissingSubject => "missing_subject",
            DiagnosticCode::UnknownDocType => "unknown_doc_type",
            DiagnosticCode::MissingSignature => "missing_signature",
            DiagnosticCode::Attachment => "attachment",
            DiagnosticCode::MissingDistribution => "missing_distribution",
            DiagnosticCode::Utf16Decoded => "utf16_decoded",
            DiagnosticCode::InvalidUtf8Replaced => "invalid_utf8_replaced",
            DiagnosticCode::LegacyEncodingConverted => "legacy_encoding_converted",
            DiagnosticCode::LegacyBytesDecoded => "legacy_bytes_decoded",
            DiagnosticCode::NoTextLayer => "no_text_layer",
            DiagnosticCode::UnusableTextLayer => "unusable_text_layer",
            DiagnosticCode::SignaturesNotRead => "signatures_not_read",
            DiagnosticCode::MacrosNotRun => "macros_not_run",
            DiagnosticCode::Ocr => "ocr",
            DiagnosticCode::NoTextFound => "no_text_found",
            DiagnosticCode::ReceivedStamp => "received_stamp",
            DiagnosticCode::OcrFailed => "ocr_failed",
            DiagnosticCode::OcrPageLimit => "ocr_page_limit",
            DiagnosticCode::LowConfidence => "low_confidence",
        }
    }

    /// `blank_day`, `blank_month`, `blank_year` (`blank`) or
    /// `unreadable_…` for a part of a date (`day`, `month`, anything else
    /// is the year).
    pub(crate) fn date_part(part: &str, blank: bool) -> DiagnosticCode {
        match (part, blank) {
            ("day", true) => DiagnosticCode::BlankDay,
            ("month", true) => DiagnosticCode::BlankMonth,
            (_, true) => DiagnosticCode::BlankYear,
            ("day", false) => DiagnosticCode::UnreadableDay,
            ("month", false) => DiagnosticCode::UnreadableMonth,
            (_, false) => DiagnosticCode::UnreadableYear,
        }
    }
}

named_enum_traits!(DiagnosticCode);

/// One finding, with a stable `code` and the span it is about (an empty span
/// where something is missing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Diagnostic {
    /// Stable identifier (`blank_number`, `missing_issuer`, …).
    pub code: DiagnosticCode,
    /// How serious it is.
    pub severity: Severity,
    /// A sentence for people.
    pub message: String,
    /// What it is about.
    pub span: Span,
}

impl Diagnostic {
    /// A warning.
    pub fn warning(code: DiagnosticCode, message: impl Into<String>, span: Span) -> Self {
        Self::new(code, Severity::Warning, message, span)
    }

    /// An informational note.
    pub fn info(code: DiagnosticCode, message: impl Into<String>, span: Span) -> Self {
        Self::new(code, Severity::Info, message, span)
    }

    /// A diagnostic of any severity.
    pub fn new(
        code: DiagnosticCode,
        severity: Severity,
        message: impl Into<String>,
        span: Span,
    ) -> Self {
        Self {
            code,
            severity,
            message: message.into(),
            span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_names_are_the_snake_case_names() {
        for code in DiagnosticCode::ALL {
            let json = serde_json::to_string(&code).expect("serialise");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            let back: DiagnosticCode = serde_json::from_str(&json).expect("deserialise");
            assert_eq!(back, code);
            assert_eq!(code, code.as_str());
            assert_eq!(code.to_string(), code.as_str());
        }
        assert_eq!(DiagnosticCode::Utf16Decoded, "utf16_decoded");
        assert_eq!(
            DiagnosticCode::date_part("month", true),
            DiagnosticCode::BlankMonth
        );
        assert_eq!(
            DiagnosticCode::date_part("year", false),
            DiagnosticCode::UnreadableYear
        );
    }

    /// A letter with a header; `{date}` is the date line's tail.
    fn letter(date: &str) -> String {
        format!(
            "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 05/UBND-VX\nV/v thử\n\
             Bắc Giang, ngày {date}\n\nNội dung."
        )
    }

    #[test]
    fn every_code_has_an_input_that_triggers_it() {
        use DiagnosticCode as C;
        let tcvn3 = "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\nQuyÕt ®Þnh";
        let signed = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
                      ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 05/UBND-VX\nV/v thử\n\
                      Bắc Giang, ngày 05 tháng 02 năm 2024\n\nKính gửi: Sở A.\n\nNội dung./.\n\n\
                      Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn A\n\n\
                      PHỤ LỤC I\nDanh sách các xã";
        let adopted = "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nNghị quyết số: 24/2022/UBTVQH15\n\nNGHỊ QUYẾT\n\
                       Tiếp tục hỗ trợ\n\nCăn cứ Hiến pháp;\nĐiều 1. Nội dung.\nNghị quyết này \
                       được Ủy ban Thường vụ Quốc hội thông qua ngày 11 tháng 8 năm 2022./.";
        let licence = "UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\nSố: 12/GP-SCT\n\nGIẤY PHÉP\n\
                       VẬN CHUYỂN HÀNG HÓA NGUY HIỂM\n\nThời hạn: 24 tháng./.\n\n\
                       Lào Cai, ngày 05 tháng 7 năm 2026\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nTrần Văn An\n";
        let no_place = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
                        ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: AO5f /CT-TTHT\n\
                        ngày 05 tháng 02 năm 2024\n\nNội dung";
        let stamped = include_str!("../fixtures/quirk-stamp-top-blank-date.txt");
        let texts: Vec<(C, String)> = vec![
            (C::MissingNationalHeading, String::new()),
            (C::MissingIssuer, String::new()),
            (C::MissingNumber, String::new()),
            (
                C::BlankNumber,
                letter("05 tháng 02 năm 2024").replace("05/", "   /"),
            ),
            (C::UnreadableNumber, no_place.to_owned()),
            (
                C::NumberFromReference,
                include_str!("../fixtures/quirk-ocr-number-from-filed-reference.txt").to_owned(),
            ),
            (C::MissingDate, String::new()),
            (C::DateFromAdoption, adopted.to_owned()),
            (C::DateAboveSignature, licence.to_owned()),
            (C::MissingPlace, no_place.to_owned()),
            (C::BlankDay, letter("    tháng 02 năm 2024")),
            (C::BlankMonth, letter("05 tháng    năm 2024")),
            (C::BlankYear, letter("05 tháng 02 năm     ")),
            (C::UnreadableDay, letter("J_ tháng 02 năm 2024")),
            (C::UnreadableMonth, letter("05 tháng J_ năm 2024")),
            (C::UnreadableYear, letter("05 tháng 02 năm 202444")),
            (C::InvalidDate, letter("05 tháng 13 năm 2024")),
            (C::DateFromStamp, stamped.to_owned()),
            (C::MissingSubject, String::new()),
            (C::UnknownDocType, String::new()),
            (C::MissingSignature, String::new()),
            (C::Attachment, signed.to_owned()),
            (C::MissingDistribution, String::new()),
            (C::LegacyEncodingConverted, tcvn3.to_owned()),
        ];
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Số: 05/UBND-VX".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let latin1: Vec<u8> = tcvn3
            .chars()
            .filter_map(|c| u8::try_from(u32::from(c)).ok())
            .collect();
        let bytes: Vec<(C, Vec<u8>)> = vec![
            (C::Utf16Decoded, utf16),
            (C::InvalidUtf8Replaced, b"S\xFFx".to_vec()),
            (C::LegacyBytesDecoded, latin1),
        ];
        let lossy = crate::Options::default().lossy(true);
        for (code, text) in &texts {
            let doc = crate::parse(text);
            assert!(
                doc.diagnostics.iter().any(|d| d.code == *code),
                "{code} not raised by {text:?}: {:?}",
                doc.diagnostics
            );
        }
        for (code, input) in &bytes {
            let decoded = crate::decode(input, &lossy).expect("decodes");
            assert!(
                decoded.diagnostics.iter().any(|d| d.code == *code),
                "{code} not raised by {input:?}: {:?}",
                decoded.diagnostics
            );
        }
        // the PDF reader's own codes, from its text layer and `pdfsig`
        #[cfg(feature = "pdf")]
        let readers: Vec<C> = {
            use crate::input::pdf;
            let mut e = pdf::from_layout_text("");
            e.diagnostics.extend(
                pdf::from_layout_text(&"ABC DEF GHI JKL MNO PQR STU VWX YZ\n".repeat(9))
                    .diagnostics,
            );
            pdf::add_signatures(
                &mut e,
                Some(Err(crate::Error::Unreadable {
                    format: "pdf",
                    reason: "pdfsig failed".to_owned(),
                })),
            );
            e.diagnostics.iter().map(|d| d.code).collect()
        };
        #[cfg(not(feature = "pdf"))]
        let readers: Vec<C> = vec![C::NoTextLayer, C::UnusableTextLayer, C::SignaturesNotRead];
        // the .docx reader's
        #[cfg(feature = "docx")]
        let readers: Vec<C> = readers
            .into_iter()
            .chain([crate::input::docx_macros_diagnostic().code])
            .collect();
        #[cfg(not(feature = "docx"))]
        let readers: Vec<C> = readers.into_iter().chain([C::MacrosNotRun]).collect();
        // OCR's codes, from what tesseract would have read
        #[cfg(feature = "ocr")]
        let readers: Vec<C> = {
            use crate::input::{self, ocr::OcrPage, pdf::PageText, Extracted, UncertainWord};
            let page = |layout: &str, received: Vec<String>| OcrPage {
                layout: layout.to_owned(),
                uncertain: Vec::new(),
                received,
                words: 40,
            };
            let read = PageText::from_ocr(
                1,
                page(&tcvn3.repeat(3), vec!["ĐẾN Số: 12".to_owned()]),
                None,
            );
            let blank = PageText::from_ocr(2, page("", Vec::new()), None);
            let mut e: Extracted = input::pdf::assemble(vec![read, blank]);
            let mut doc = crate::parse(&letter("05 tháng 02 năm 2024"));
            e.text = letter("05 tháng 02 năm 2024");
            e.uncertain = vec![UncertainWord {
                text: "05".to_owned(),
                confidence: 31.0,
            }];
            input::flag_uncertain(&e, &mut doc);
            readers
                .into_iter()
                .chain(e.diagnostics.iter().map(|d| d.code))
                .chain(doc.diagnostics.iter().map(|d| d.code))
                .collect()
        };
        // raised only where tesseract fails or a file has more pages than
        // OCR reads: not made here
        #[cfg(feature = "ocr")]
        let untested: &[C] = &[C::OcrFailed, C::OcrPageLimit];
        #[cfg(not(feature = "ocr"))]
        let untested: &[C] = &[
            C::Ocr,
            C::NoTextFound,
            C::ReceivedStamp,
            C::OcrFailed,
            C::OcrPageLimit,
            C::LowConfidence,
        ];
        let covered: Vec<C> = texts
            .iter()
            .map(|t| t.0)
            .chain(bytes.iter().map(|b| b.0))
            .chain(readers)
            .collect();
        for code in DiagnosticCode::ALL {
            if untested.contains(&code) {
                continue;
            }
            assert!(covered.contains(&code), "no input triggers {code}");
        }
    }
}
