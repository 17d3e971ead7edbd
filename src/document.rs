//! The pipeline: normalise → lines → stamps → header → footer → body →
//! citations → model, then spans back to the input.

use crate::codes::{is_legal_normative, name_of, type_by_code};
use crate::diagnostic::Diagnostic;
use crate::model::{Body, DocType, Document, Family, Marks, SCHEMA};
use crate::normalize::normalize;
use crate::options::Options;
use crate::span::Span;
use crate::{body, cite, footer, header, lines, remap, stamps};

/// Parses `input` into a [`Document`].
pub(crate) fn build(input: &str, options: &Options) -> Document {
    let norm = normalize(input, options.format);
    let text = norm.text.as_str();
    let mut lines = lines::split(text);
    let stamps = stamps::extract(text, &mut lines);
    let h = header::parse(text, &lines);
    let f = footer::parse(text, &lines, h.body_start);
    let body = if f.start > h.body_start {
        body::parse(text, &lines[h.body_start..f.start])
    } else {
        Body::default()
    };
    let mut diagnostics = h.diagnostics;
    let anchor = Span::empty(h.anchor);

    let party = h.party_heading || h.party_number;
    let doc_type = h.title.clone().or_else(|| {
        if h.subject_is_vv || (!h.recipients.is_empty() && !party) {
            let span = h.subject.as_ref().map_or(anchor, |s| s.span);
            return Some(DocType {
                code: "CV".to_owned(),
                name: "Công văn".to_owned(),
                span,
            });
        }
        let n = h.number.as_ref()?;
        let code = n.type_code.as_deref()?;
        let (code, name) = match type_by_code(code) {
            Some(found) => found,
            None => (code, name_of(code)?),
        };
        Some(DocType {
            code: code.to_owned(),
            name: name.to_owned(),
            span: n.span,
        })
    });
    // A Party công văn carries `CV` in its number even with a V/v subject.
    let family = if party {
        Family::Party
    } else if doc_type
        .as_ref()
        .is_some_and(|t| is_legal_normative(&t.code))
        || h.number.as_ref().is_some_and(|n| n.year.is_some())
    {
        Family::LegalNormative
    } else {
        Family::State
    };

    if h.national_heading.is_none() {
        let what = if party {
            "the Party heading (ĐẢNG CỘNG SẢN VIỆT NAM)"
        } else {
            "the national heading (Quốc hiệu, Tiêu ngữ)"
        };
        diagnostics.push(Diagnostic::warning(
            "missing_national_heading",
            format!("{what} was not found"),
            anchor,
        ));
    }
    if h.issuer.is_none() {
        diagnostics.push(Diagnostic::warning(
            "missing_issuer",
            "the issuing body (tên cơ quan ban hành) was not found",
            anchor,
        ));
    }
    match &h.number {
        None => diagnostics.push(Diagnostic::warning(
            "missing_number",
            "the number and symbol (số, ký hiệu) were not found",
            anchor,
        )),
        Some(n) if n.number.is_none() => diagnostics.push(Diagnostic::warning(
            "blank_number",
            "the number is left blank (to be filled in on registration)",
            n.span,
        )),
        Some(_) => {}
    }
    if h.date.is_none() {
        diagnostics.push(Diagnostic::warning(
            "missing_date",
            "the date of issue was not found",
            anchor,
        ));
    } else if h.place.is_none() {
        diagnostics.push(Diagnostic::warning(
            "missing_place",
            "the place of issue (địa danh) was not found",
            anchor,
        ));
    }
    if let (Some(d), Some(stamp)) = (&h.date, stamps.iter().find(|s| s.time.is_some())) {
        if d.day.is_none() || d.month.is_none() {
            diagnostics.push(Diagnostic::info(
                "date_from_stamp",
                format!(
                    "the date of issue is incomplete; the digital signature was made at {}",
                    stamp.time.as_deref().unwrap_or_default()
                ),
                stamp.span,
            ));
        }
    }
    if h.subject.is_none() {
        diagnostics.push(Diagnostic::warning(
            "missing_subject",
            "the subject (trích yếu) was not found",
            anchor,
        ));
    }
    if doc_type.is_none() {
        diagnostics.push(Diagnostic::warning(
            "unknown_doc_type",
            "the document type could not be determined",
            anchor,
        ));
    }
    if f.signatures.is_empty() {
        diagnostics.push(Diagnostic::warning(
            "missing_signature",
            "no signature block (quyền hạn, chức vụ, họ tên) was found",
            Span::empty(text.len()),
        ));
    }
    if f.distribution.is_none() {
        diagnostics.push(Diagnostic::info(
            "missing_distribution",
            "no distribution list (Nơi nhận) was found",
            Span::empty(text.len()),
        ));
    }

    let own_id = h.number.as_ref().and_then(|n| {
        let number = n.number.as_deref()?;
        let symbol = n.symbol.as_deref()?;
        let id = if h.party_number {
            format!("{number}-{symbol}")
        } else {
            match n.year {
                Some(y) => format!("{number}/{y}/{symbol}"),
                None => format!("{number}/{symbol}"),
            }
        };
        cite::normalize_id(&id)
    });
    let citations = cite::extract(text, own_id.as_deref());

    let mut doc = Document {
        schema: SCHEMA.to_owned(),
        family,
        doc_type,
        marks: Marks { ..h.marks },
        national_heading: h.national_heading,
        issuer: h.issuer,
        number: h.number,
        place: h.place,
        date: h.date,
        subject: h.subject,
        recipients: h.recipients,
        body,
        citations,
        signatures: f.signatures,
        distribution: f.distribution,
        stamps,
        attachments: Vec::new(),
        diagnostics,
    };
    remap::remap(&mut doc, &norm.map);
    doc
}
