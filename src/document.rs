//! The pipeline: normalise → lines → stamps → header → footer → body →
//! citations → model, then spans back to the input.

use std::sync::LazyLock;

use regex::Regex;

use crate::codes::{by_code, is_legal_normative, name_of, type_by_code};
use crate::diagnostic::{Diagnostic, DiagnosticCode, Severity};
use crate::lines::Line;
use crate::model::{
    Attachment, AttachmentKind, Body, Citation, DocDate, DocType, Document, Family, Marks, Mention,
    Number, Place, Signature, Source, Stamp, SCHEMA,
};
use crate::normalize::{normalize, Legacy, Normalized};
use crate::options::Options;
use crate::span::Span;
use crate::{attachments, body, cite, footer, header, lines, remap, stamps};

/// Parses `input` into a [`Document`].
pub(crate) fn build(input: &str, options: &Options) -> Document {
    let mut norm = prepare(input, options);
    // most text needs no change (UTF-8, NFC, `\n` line ends): the stages
    // then read the input itself and the copy goes now, not held next to
    // the model (one byte per input byte)
    let text = if norm.text == input {
        norm.text = String::new();
        input
    } else {
        norm.text.as_str()
    };
    let layout = layout(text);
    let mut doc = assemble(text, &norm, layout);
    doc.source.text = options.with_text.then(|| input.to_owned());
    doc
}

/// The text the stages read, with its map back to `input`.
pub(crate) fn prepare(input: &str, options: &Options) -> Normalized {
    let mut norm = normalize(input, options.format);
    if norm.legacy == Some(crate::normalize::Legacy::Tcvn3) {
        restore_capitals(&mut norm.text);
    }
    norm
}

/// Which lines each stage took: what [`crate::trace`] shows.
pub(crate) struct Layout {
    /// The classified lines (normalised offsets).
    pub(crate) lines: Vec<Line>,
    pub(crate) stamps: Vec<Stamp>,
    /// A crawler's title line, left out.
    pub(crate) editorial: Option<usize>,
    /// The header; its `body_start` is the first body line.
    pub(crate) header: header::Header,
    pub(crate) own_id: Option<String>,
    /// The first line of a web page's trailer, left out.
    pub(crate) trailer: Option<usize>,
    /// The footer's lines, `start..end`.
    pub(crate) footer: footer::Footer,
}

/// Splits `text` into lines and lets the stamps, header and footer stages
/// take theirs.
pub(crate) fn layout(text: &str) -> Layout {
    let mut lines = lines::split(text);
    let stamps = stamps::extract(text, &mut lines);
    let editorial = lines::mark_editorial_title(text, &mut lines);
    let mut header = header::parse(text, &lines);
    standalone_annex(text, &lines, &mut header);
    consolidation_block(text, &lines, &mut header);
    let own_id = own_id(&header);
    let trailer = lines::site_trailer(text, &lines, header.body_start, own_id.as_deref());
    if let Some(t) = trailer {
        for l in &mut lines[t..] {
            l.kind = lines::LineKind::Noise;
        }
    }
    let footer = footer::parse(text, &lines, header.body_start);
    Layout {
        lines,
        stamps,
        editorial,
        header,
        own_id,
        trailer,
        footer,
    }
}

/// The document from the layout: body, citations, attachments and
/// diagnostics, then every span back to the input.
/// `text` is the normalised text (`norm.text`, or the input when they are
/// the same).
pub(crate) fn assemble(text: &str, norm: &Normalized, layout: Layout) -> Document {
    let Layout {
        lines,
        stamps,
        editorial,
        header: mut h,
        own_id,
        trailer,
        footer: f,
    } = layout;
    let body = body_between(text, &lines, h.body_start, f.start);
    let mut diagnostics = std::mem::take(&mut h.diagnostics);
    if let Some(legacy) = norm.legacy {
        diagnostics.insert(0, legacy_note(legacy));
    }
    let anchor = Span::empty(h.anchor);
    let party = h.party_heading || h.party_number;
    let doc_type = consolidated_type(h.number.as_ref())
        .or_else(|| h.title.clone().map(|t| joint_type(t, h.number.as_ref())))
        .or_else(|| enacted_type(text, &lines[h.body_start.min(lines.len())..], &h))
        .or_else(|| untitled_type(&h, party, anchor));
    // before the date of issue is taken out of the header
    let own_header_start = header_start(&h);
    let family = family_of(party, doc_type.as_ref(), h.number.as_ref());

    diagnostics.extend(missing_header_parts(&h, party, anchor));
    let mut issued = date_of_issue(
        text,
        &lines,
        (h.place.take(), h.date.take()),
        f.dated,
        h.body_start,
        &mut diagnostics,
    );
    diagnostics.extend(date_notes(&issued, &stamps, anchor));
    diagnostics.extend(missing_parts(
        &h,
        doc_type.is_some(),
        &f,
        text.len(),
        anchor,
    ));

    let trailing = trailing_attachments(text, &lines, &f);
    let mut citations = main_citations(text, &lines, &trailing, trailer, own_id.as_deref());
    if let Some(start) = own_header_start {
        drop_mentions_before(start, &mut citations);
    }
    let after_footer = lines.get(f.end).map_or(text.len(), |l| l.start);
    let mut number = h.number;
    // where the header reads the number, before a mention elsewhere may
    // give it
    let number_line = number.as_ref().map(|n| n.span);
    let unreadable = diagnostics
        .iter()
        .any(|d| d.code == DiagnosticCode::UnreadableNumber);
    diagnostics.extend(number_from_reference(
        (&mut number, &mut issued.date),
        &mut citations,
        after_footer,
        unreadable,
    ));
    drop_self_references(text, number.as_ref(), number_line, &mut citations);
    let forms = cite::split_forms(text, &mut citations);
    let attachments = attachments(text, &lines, editorial, trailing);
    let signatures = with_annex_signatures(text, &lines, f.signatures, &attachments);
    diagnostics.extend(attachments.iter().map(attachment_note));

    let mut doc = Document {
        schema: SCHEMA.to_owned(),
        family,
        doc_type,
        marks: Marks { ..h.marks },
        national_heading: h.national_heading,
        issuer: h.issuer,
        number,
        place: issued.place,
        date: issued.date,
        subject: h.subject,
        recipients: h.recipients,
        body,
        citations,
        forms,
        signatures,
        distribution: f.distribution,
        stamps,
        attachments,
        diagnostics,
        source: Source::default(),
    };
    remap::remap(&mut doc, &norm.map);
    doc
}

/// The body (nội dung): the lines between the header and the footer, if
/// there are any.
fn body_between(text: &str, lines: &[Line], start: usize, end: usize) -> Body {
    if end > start {
        body::parse(text, &lines[start..end])
    } else {
        Body::default()
    }
}

/// The note that the input was in a legacy Vietnamese encoding (TCVN3,
/// VNI) and was converted first.
fn legacy_note(legacy: Legacy) -> Diagnostic {
    Diagnostic::info(
        DiagnosticCode::LegacyEncodingConverted,
        format!(
            "converted from {} to Unicode before parsing; spans index the input as given",
            legacy.name()
        ),
        Span::empty(0),
    )
}

/// The title's type, or the joint form of it that the number names (liên
/// tịch): a joint circular headed `THÔNG TƯ` whose number reads
/// `01/2004/TTLT/BVHTT-BYT` is a `TTLT`. The span stays the title's.
fn joint_type(title: DocType, number: Option<&Number>) -> DocType {
    let joint = number
        .and_then(|n| n.type_code.as_deref())
        .filter(|code| code.strip_suffix("LT") == Some(title.code.as_str()))
        .and_then(by_code);
    match joint {
        Some(e) => DocType {
            code: e.code.to_owned(),
            name: e.name.to_owned(),
            span: title.span,
        },
        None => title,
    }
}

/// The type of a document whose title was lost (`35/QĐ-BYT` with no
/// `QUYẾT ĐỊNH` heading): the type its number's code names, when that is
/// not a công văn and a line of `body` is the type's enacting word alone
/// (`QUYẾT ĐỊNH:`, `QUYẾT NGHỊ:` for a nghị quyết). It wins over the
/// công văn read from a `Về việc` subject or from recipients.
fn enacted_type(text: &str, body: &[Line], h: &header::Header) -> Option<DocType> {
    let n = h.number.as_ref()?;
    let entry = by_code(n.type_code.as_deref()?).filter(|e| e.code != "CV")?;
    let word = match entry.code {
        "NQ" => "quyet nghi:",
        _ => entry.title,
    };
    let enacts = body.iter().filter(|l| l.is_content()).any(|l| {
        let key = crate::fold::fold(l.text(text));
        let key = key.trim_matches(['*', '#', '_', ' ']);
        key.strip_suffix(':')
            .map(str::trim_end)
            .is_some_and(|k| k == word.trim_end_matches(':'))
    });
    enacts.then(|| DocType {
        code: entry.code.to_owned(),
        name: entry.name.to_owned(),
        span: n.span,
    })
}

/// A văn bản hợp nhất carries the title of the document it consolidates;
/// its own type is in its number (`4804/VBHN-BLĐTBXH`).
fn consolidated_type(number: Option<&Number>) -> Option<DocType> {
    number.and_then(|n| {
        (n.type_code.as_deref() == Some("VBHN")).then(|| DocType {
            code: "VBHN".to_owned(),
            name: "Văn bản hợp nhất".to_owned(),
            span: n.span,
        })
    })
}

/// The type of a document with no title: a công văn when it has a `V/v`
/// subject or (outside the Party) recipients, else the type code in its
/// number.
fn untitled_type(h: &header::Header, party: bool, anchor: Span) -> Option<DocType> {
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
}

/// The family: a Party document (văn bản của Đảng), a legal normative one
/// (văn bản quy phạm pháp luật: by its type, or a year in its number), or
/// else a State administrative one. A Party công văn carries `CV` in its
/// number even with a V/v subject.
fn family_of(party: bool, doc_type: Option<&DocType>, number: Option<&Number>) -> Family {
    if party {
        Family::Party
    } else if doc_type.is_some_and(|t| is_legal_normative(&t.code))
        || number.is_some_and(|n| n.year.is_some())
    {
        Family::LegalNormative
    } else {
        Family::State
    }
}

/// Warnings for the first parts of the header when missing: the national
/// (or Party) heading, the issuer and the number, or a number left blank.
fn missing_header_parts(h: &header::Header, party: bool, anchor: Span) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if h.national_heading.is_none() {
        let what = if party {
            "the Party heading (ĐẢNG CỘNG SẢN VIỆT NAM)"
        } else {
            "the national heading (Quốc hiệu, Tiêu ngữ)"
        };
        out.push(Diagnostic::warning(
            DiagnosticCode::MissingNationalHeading,
            format!("{what} was not found"),
            anchor,
        ));
    }
    if h.issuer.is_none() {
        out.push(Diagnostic::warning(
            DiagnosticCode::MissingIssuer,
            "the issuing body (tên cơ quan ban hành) was not found",
            anchor,
        ));
    }
    match &h.number {
        None => out.push(Diagnostic::warning(
            DiagnosticCode::MissingNumber,
            "the number and symbol (số, ký hiệu) were not found",
            anchor,
        )),
        Some(n) if n.number.is_none() && !h.number_unreadable => out.push(Diagnostic::warning(
            DiagnosticCode::BlankNumber,
            "the number is left blank (to be filled in on registration)",
            n.span,
        )),
        Some(_) => {}
    }
    out
}

/// The place and date of issue (địa danh, ngày tháng năm ban hành).
struct Issued {
    place: Option<Place>,
    date: Option<DocDate>,
    /// The date is that of the adoption clause, which names no place.
    from_adoption: bool,
}

/// The place and date of issue: the header's (`header`); else the line
/// printed above the signature (`dated`, a footer line); else the date of
/// the body's adoption clause. Notes where they were found.
fn date_of_issue(
    text: &str,
    lines: &[Line],
    header: (Option<Place>, Option<DocDate>),
    dated: Option<usize>,
    body_start: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Issued {
    let (mut place, mut date) = header;
    let mut from_adoption = false;
    if date.is_none() {
        if let Some((p, d, notes)) = dated.and_then(|i| header::place_date_line(text, &lines[i])) {
            diagnostics.push(Diagnostic::info(
                DiagnosticCode::DateAboveSignature,
                "no date line in the header; the place and date are printed above the signature",
                d.span,
            ));
            diagnostics.extend(notes);
            place = Some(p);
            date = Some(d);
        }
    }
    if date.is_none() {
        // Resolutions and laws of the National Assembly carry no date line:
        // their date is the adoption clause (`… thông qua ngày 17 tháng 5 năm 2025`).
        date = adoption_date(text, lines, body_start);
        if let Some(d) = &date {
            from_adoption = true;
            diagnostics.push(Diagnostic::info(
                DiagnosticCode::DateFromAdoption,
                "no date line in the header; the date is that of the adoption clause",
                d.span,
            ));
        }
    }
    Issued {
        place,
        date,
        from_adoption,
    }
}

/// Warnings for a date or place of issue not found, and a note when the
/// date lacks its day or month and a digital signature's stamp has a time.
fn date_notes(issued: &Issued, stamps: &[Stamp], anchor: Span) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if issued.date.is_none() {
        out.push(Diagnostic::warning(
            DiagnosticCode::MissingDate,
            "the date of issue was not found",
            anchor,
        ));
    } else if issued.place.is_none() && !issued.from_adoption {
        out.push(Diagnostic::warning(
            DiagnosticCode::MissingPlace,
            "the place of issue (địa danh) was not found",
            anchor,
        ));
    }
    if let (Some(d), Some(stamp)) = (&issued.date, stamps.iter().find(|s| s.time.is_some())) {
        if d.day.is_none() || d.month.is_none() {
            out.push(Diagnostic::info(
                DiagnosticCode::DateFromStamp,
                format!(
                    "the date of issue is incomplete; the digital signature was made at {}",
                    stamp.time.as_deref().unwrap_or_default()
                ),
                stamp.span,
            ));
        }
    }
    out
}

/// Diagnostics for the later parts when missing, one row each: the subject
/// (trích yếu), the document type, the signature and the distribution list
/// (nơi nhận). `end` is the text's length, where the footer's are
/// reported.
fn missing_parts(
    h: &header::Header,
    has_type: bool,
    f: &footer::Footer,
    end: usize,
    anchor: Span,
) -> Vec<Diagnostic> {
    let end = Span::empty(end);
    let rows = [
        (
            h.subject.is_none(),
            DiagnosticCode::MissingSubject,
            Severity::Warning,
            "the subject (trích yếu) was not found",
            anchor,
        ),
        (
            !has_type,
            DiagnosticCode::UnknownDocType,
            Severity::Warning,
            "the document type could not be determined",
            anchor,
        ),
        (
            f.signatures.is_empty(),
            DiagnosticCode::MissingSignature,
            Severity::Warning,
            "no signature block (quyền hạn, chức vụ, họ tên) was found",
            end,
        ),
        (
            f.distribution.is_none(),
            DiagnosticCode::MissingDistribution,
            Severity::Info,
            "no distribution list (Nơi nhận) was found",
            end,
        ),
    ];
    rows.into_iter()
        .filter(|row| row.0)
        .map(|(_, code, severity, message, span)| Diagnostic::new(code, severity, message, span))
        .collect()
}

/// What follows the footer (phụ lục, bản sao, a second document …), if
/// the footer was found and lines follow it.
fn trailing_attachments(text: &str, lines: &[Line], f: &footer::Footer) -> Vec<Attachment> {
    if f.end < lines.len() && f.start < lines.len() {
        attachments::collect(text, lines, f.end)
    } else {
        Vec::new()
    }
}

/// The citations of the main document: its text up to a copy block or a
/// second document (which have citations of their own) or a web page's
/// trailer. The document's own number is left out; its other mentions
/// (an annex's `Kèm theo`, a document filed after it) are the caller's.
fn main_citations(
    text: &str,
    lines: &[Line],
    trailing: &[Attachment],
    trailer: Option<usize>,
    own_id: Option<&str>,
) -> Vec<Citation> {
    let cut = trailing
        .iter()
        .find(|a| a.kind == "copy" || a.kind == "second_document")
        .map_or(text.len(), |a| a.span.start)
        .min(trailer.map_or(text.len(), |t| lines[t].start));
    cite::extract(&text[..cut], own_id)
}

/// How far apart (in bytes) the Quốc hiệu, the number and the date may
/// start for them to be one header: a Markdown table row with a long
/// `V/v` cell spans a few hundred.
const HEADER_SPREAD: usize = 1500;

/// Where the document's own header (ô 1–4) starts when it is clearly
/// found: the Quốc hiệu (or the Party's heading), the number (số, ký hiệu)
/// and the date of issue all read and close together. It starts at the
/// first of them or at the issuer (tên cơ quan ban hành) above them.
/// `None` when any is missing: then no text is known to lie outside the
/// document.
fn header_start(h: &header::Header) -> Option<usize> {
    let starts = [
        h.national_heading.as_ref()?.span.start,
        h.number.as_ref()?.span.start,
        h.date.as_ref()?.span.start,
    ];
    let lo = starts.iter().min().copied()?;
    let hi = starts.iter().max().copied()?;
    if hi - lo > HEADER_SPREAD {
        return None;
    }
    Some(h.issuer.as_ref().map_or(lo, |i| i.span.start.min(lo)))
}

/// Leaves out the mentions written before the document's header (`start`):
/// a web page's title, summary or list of related documents
/// (`- Chỉ thị 15/CT-TTg năm 2020 về …`) is site furniture, and a
/// document's own text never starts above its issuer and Quốc hiệu. A
/// citation mentioned only there is dropped; one mentioned again in the
/// document keeps its later mentions.
fn drop_mentions_before(start: usize, citations: &mut Vec<Citation>) {
    for c in citations.iter_mut() {
        c.mentions.retain(|m| m.span.start >= start);
    }
    citations.retain(|c| !c.mentions.is_empty());
}

/// What is not part of the main document: a crawler's title line that was
/// left out (`editorial`), then what follows the footer.
fn attachments(
    text: &str,
    lines: &[Line],
    editorial: Option<usize>,
    trailing: Vec<Attachment>,
) -> Vec<Attachment> {
    let mut attachments: Vec<Attachment> = editorial
        .map(|i| {
            let l = lines[i];
            Attachment {
                kind: AttachmentKind::Editorial,
                title: l.text(text).to_owned(),
                span: Span::new(l.start, l.end),
            }
        })
        .into_iter()
        .collect();
    attachments.extend(trailing);
    attachments
}

/// The footer's signatures and, when there is one, those of the annexes
/// issued with the document and signed again at their end (a Quy định
/// under its Quyết định), after the main one.
fn with_annex_signatures(
    text: &str,
    lines: &[Line],
    mut signatures: Vec<Signature>,
    attachments: &[Attachment],
) -> Vec<Signature> {
    if !signatures.is_empty() {
        signatures.extend(
            attachments
                .iter()
                .filter(|a| a.kind == AttachmentKind::Annex)
                .filter_map(|a| footer::closing_signature(text, lines, a.span)),
        );
    }
    signatures
}

/// The note that an attachment is not part of the main document.
fn attachment_note(a: &Attachment) -> Diagnostic {
    Diagnostic::info(
        DiagnosticCode::Attachment,
        format!(
            "not part of the main document ({}): {}",
            a.kind,
            a.title.chars().take(60).collect::<String>()
        ),
        a.span,
    )
}

/// Drops the citations that are the document itself, even where OCR
/// garbled its number (`Số: 3{85 /BNG-LS` reads as `85/BNG-LS`): every
/// mention inside the header's number line (`number_line`), or, when the
/// number is unreadable, in an annex's `Kèm theo Công văn số 315 /BNG-LS`
/// that carries the document's own symbol.
fn drop_self_references(
    text: &str,
    own: Option<&Number>,
    number_line: Option<Span>,
    citations: &mut Vec<Citation>,
) {
    let Some(n) = own else { return };
    let own_symbol = n
        .symbol
        .as_deref()
        .map(|s| s.to_uppercase().replace(' ', ""));
    let is_self = |m: &Mention, symbol: Option<&str>| {
        let inside_number =
            number_line.is_some_and(|l| m.span.start >= l.start && m.span.end <= l.end);
        // the 30 chars before the mention, folded only when it matters
        let attached = || {
            let before = &text[..m.span.start];
            let from = before.char_indices().rev().nth(29).map_or(0, |(i, _)| i);
            crate::fold::fold(&before[from..]).contains("kem theo")
        };
        let same_symbol = || {
            own_symbol.is_some() && symbol.map(|s| s.to_uppercase().replace(' ', "")) == own_symbol
        };
        // with its number readable, the document's own id is left out
        // already; a document of the same unit is cited with `kèm theo` too
        inside_number || (n.number.is_none() && same_symbol() && attached())
    };
    citations.retain(|c| !c.mentions.iter().all(|m| is_self(m, c.symbol.as_deref())));
}

/// A number that was filled in by hand and not read (`Số: #72/UBND-KSTTHC`,
/// an `unreadable_number`), read from the one mention of the document after
/// its footer, in its annex (`Kèm theo Công văn số 472/BNG-LS ngày
/// 9/6/2022`) or in a document filed with it (`Văn bản số 4532/UBND-KSTTHC
/// ngày 07/12/2011 của UBND tỉnh`): the same symbol and a date of the same
/// month, and the same day where the header's is read. The number's span
/// and raw are then that mention's (its value is read there), the day
/// comes with it where the header's was not read, and the mention is no
/// citation.
fn number_from_reference(
    (number, date): (&mut Option<Number>, &mut Option<DocDate>),
    citations: &mut Vec<Citation>,
    after_footer: usize,
    unreadable: bool,
) -> Option<Diagnostic> {
    if !unreadable {
        // blank (`Số:   /UBND-NN`) stays blank
        return None;
    }
    let n = number.as_mut().filter(|n| n.number.is_none())?;
    let d = date.as_mut()?;
    let key = |s: &str| s.to_uppercase().replace(' ', "");
    let own = key(n.symbol.as_deref()?);
    let same = |c: &Citation| {
        c.number.is_some()
            && c.year == n.year
            && c.symbol.as_deref().map(key).as_deref() == Some(own.as_str())
            && !c.mentions.is_empty()
            && c.mentions.iter().all(|m| m.span.start >= after_footer)
            && c.date.as_ref().is_some_and(|cd| {
                cd.year == d.year
                    && d.year.is_some()
                    && cd.month == d.month
                    && d.month.is_some()
                    && (d.day.is_none() || cd.day == d.day)
            })
    };
    let mut found = citations.iter().enumerate().filter(|(_, c)| same(c));
    let (i, _) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let c = citations.remove(i);
    let m = c.mentions.into_iter().next()?;
    if d.day.is_none() {
        d.day = c.date.and_then(|cd| cd.day);
    }
    let message = format!(
        "the number was not read in the header; it is read where the file mentions the document after its footer: {}",
        m.text
    );
    // the number is read there: its span and raw are that mention's
    n.number = c.number;
    n.symbol = c.symbol;
    n.raw = m.text;
    n.span = m.span;
    Some(Diagnostic::info(
        DiagnosticCode::NumberFromReference,
        message,
        m.span,
    ))
}

/// The document's own number and symbol as a citation id (`4085/UBND-ĐT`,
/// `432-TB/VPTW`): never a citation of itself.
fn own_id(h: &header::Header) -> Option<String> {
    let n = h.number.as_ref()?;
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
}

static ADOPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"thông qua ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
        .expect("valid regex")
});

/// The last `thông qua ngày … tháng … năm …` of the body.
fn adoption_date(text: &str, lines: &[Line], from: usize) -> Option<DocDate> {
    let start = lines.get(from).map_or(text.len(), |l| l.start);
    let tail = &text[start..];
    let c = ADOPTION.captures_iter(tail).last()?;
    let all = c.get(0)?;
    let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let at = start + all.start() + "thông qua ".len();
    let raw: String = text[at..start + all.end()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(DocDate {
        raw,
        day: n(1).filter(|d| (1..=31).contains(d)),
        month: n(2).filter(|m| (1..=12).contains(m)),
        year: n(3).and_then(|y| i32::try_from(y).ok()),
        span: Span::new(at, start + all.end()),
    })
}

/// A consolidated text's (văn bản hợp nhất) number, place and date where
/// the header has none: its signer authenticates it under `XÁC THỰC VĂN BẢN
/// HỢP NHẤT`, and that closing block carries them (`Số: 462/VBHN-BLĐTBXH` /
/// `Hà Nội, ngày 10 tháng 02 năm 2025`), read from the three content lines
/// on each side of the heading's last occurrence in the body (the issuer's
/// column, with the number, may come first when two columns are laid out
/// one after the other).
fn consolidation_block(text: &str, lines: &[Line], h: &mut header::Header) {
    if h.number.is_some() && h.date.is_some() {
        return;
    }
    let from = h.body_start.min(lines.len());
    let Some(k) = lines[from..]
        .iter()
        .rposition(|l| footer::after_consolidation_heading(l.text(text)).is_some())
    else {
        return;
    };
    let (before, after) = lines[from..].split_at(k);
    let near = before.iter().rev().filter(|l| l.is_content()).take(3);
    let near = near.chain(after.iter().skip(1).filter(|l| l.is_content()).take(3));
    for l in near {
        if h.number.is_none() {
            if let Some((n, notes)) = header::number_line(text, l) {
                h.number = Some(n);
                h.diagnostics.extend(notes);
                continue;
            }
        }
        if h.date.is_none() {
            if let Some((p, d, notes)) = header::place_date_line(text, l) {
                h.place.get_or_insert(p);
                h.date = Some(d);
                h.diagnostics.extend(notes);
            }
        }
    }
}

/// An annex issued as a file of its own (`Phụ lục I` / its title in
/// capitals / `(Kèm theo Nghị định số 55/2023/NĐ-CP ngày 21 tháng 7 năm
/// 2023 của Chính phủ)`): the capitals are its subject, not an issuer, and
/// the date in `Kèm theo` is the parent document's, not the annex's own.
fn standalone_annex(text: &str, lines: &[Line], h: &mut header::Header) {
    // past the line a signing service injects (`Cơ quan phát hành: …`)
    let mut content = lines
        .iter()
        .filter(|l| l.is_content())
        .skip_while(|l| crate::fold::fold(l.text(text).trim()).starts_with("co quan phat hanh"));
    let Some(first) = content.next() else { return };
    let opener = first.text(text).trim();
    let key = crate::fold::fold(opener);
    if !key.starts_with("phu luc") || opener.chars().count() > 20 {
        return;
    }
    // the title: the capitals under `Phụ lục …`, up to `(Kèm theo …)`
    let mut title: Option<(Span, String)> = None;
    let mut kem_theo: Option<Span> = None;
    for l in content {
        let t = l.text(text).trim();
        if crate::text::is_upper_line(t) && kem_theo.is_none() {
            let (span, s) = title.get_or_insert_with(|| (Span::new(l.start, l.end), String::new()));
            *span = span.cover(Span::new(l.start, l.end));
            crate::text::push_line(s, t);
            continue;
        }
        if crate::fold::fold(t.trim_start_matches('(')).starts_with("kem theo") {
            kem_theo = Some(Span::new(l.start, l.end));
            continue;
        }
        if kem_theo.is_some() && !t.starts_with('(') && !t.ends_with(')') {
            break;
        }
        if kem_theo.is_some() {
            kem_theo = kem_theo.map(|k| k.cover(Span::new(l.start, l.end)));
            continue;
        }
        break;
    }
    let (Some((span, subject)), Some(kem)) = (title, kem_theo) else {
        return;
    };
    let inside = |s: Span| s.start >= span.start && s.end <= kem.end;
    if h.issuer.as_ref().is_some_and(|i| inside(i.span)) {
        h.issuer = None;
    }
    if h.date.as_ref().is_some_and(|d| inside(d.span)) {
        h.date = None;
        h.place = None;
        h.diagnostics.retain(|d| !inside(d.span));
    }
    if h.subject.is_none() {
        h.subject = Some(crate::model::Subject {
            text: subject,
            span,
        });
    }
}

/// TCVN3 cannot encode capitals with tone marks: headers and signature
/// titles typed in the capital fonts (`.VnTimeH`) come out in lower case. A
/// short line with no capital at all that does not end like a sentence, at
/// the start of a paragraph or under another such line, is taken to be one
/// and put back in capitals. Only chars whose capital has the same UTF-8
/// length change, so every offset stays valid.
fn restore_capitals(text: &mut String) {
    let mut out = String::with_capacity(text.len());
    let mut prev_restored = true; // true at a paragraph start
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.is_empty() || t.chars().all(|c| matches!(c, '-' | '_' | '*' | '=' | ' ')) {
            prev_restored = true;
            out.push_str(line);
            continue;
        }
        let restore = prev_restored
            && !t.chars().any(char::is_uppercase)
            && t.split_whitespace().count() <= 10
            && !t.ends_with(['.', ';', ',', ':'])
            && !t.starts_with(['-', '+']);
        if restore {
            for c in line.chars() {
                let mut up = c.to_uppercase();
                match (up.next(), up.next()) {
                    (Some(u), None) if u.len_utf8() == c.len_utf8() => out.push(u),
                    _ => out.push(c),
                }
            }
        } else {
            out.push_str(line);
        }
        prev_restored = restore;
    }
    *text = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_joint_circular_headed_thong_tu_is_a_ttlt() {
        let head = "BỘ VĂN HÓA - THÔNG TIN - BỘ Y TẾ\nSố: 01/2004/TTLT/BVHTT-BYT\n\
                    Hà Nội, ngày 12 tháng 1 năm 2004\n\nTHÔNG TƯ\nHướng dẫn quảng cáo\n\nCăn cứ Luật;\n";
        let doc = build(head, &Options::default());
        let ty = doc.doc_type.expect("a type");
        assert_eq!(ty.code, "TTLT");
        assert_eq!(&head[ty.span.start..ty.span.end], "THÔNG TƯ");
        // a circular of one ministry stays a circular
        let t = head.replace("TTLT/BVHTT-BYT", "TT-BVHTT");
        assert_eq!(
            build(&t, &Options::default())
                .doc_type
                .map(|t| t.code)
                .as_deref(),
            Some("TT")
        );
    }

    #[test]
    fn adoption_clause_dates_a_resolution_without_date_line() {
        let t = "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nNghị quyết số: 24/2022/UBTVQH15\n\nNGHỊ QUYẾT\nTiếp tục hỗ trợ\n\nCăn cứ Hiến pháp;\nĐiều 1. Nội dung.\nNghị quyết này được Ủy ban Thường vụ Quốc hội thông qua ngày 11 tháng 8 năm 2022./.";
        let doc = build(t, &Options::default());
        let d = doc.date.unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2022), Some(8), Some(11)));
        assert_eq!(&t[d.span.start..d.span.end], "ngày 11 tháng 8 năm 2022");
        assert!(doc
            .diagnostics
            .iter()
            .any(|x| x.code == "date_from_adoption"));
        assert!(!doc.diagnostics.iter().any(|x| x.code == "missing_place"));
        assert_eq!(doc.number.unwrap().symbol.as_deref(), Some("UBTVQH15"));
    }

    #[test]
    fn tcvn3_capitals_are_restored_in_header_like_lines() {
        let mut t = "ubnd tỉnh lâm đồng\nủy ban nhân dân\n-------\n\nV/v tăng cường\ntrên địa bàn\n\nkt. chủ tịch\nphó chủ tịch\n\nTrần Văn A\n\nxin cảm ơn.".to_owned();
        let len = t.len();
        restore_capitals(&mut t);
        assert_eq!(t.len(), len);
        assert!(
            t.starts_with(
                "UBND TỈNH LÂM ĐỒNG\nỦY BAN NHÂN DÂN\n-------\n\nV/v tăng cường\ntrên địa bàn"
            ),
            "{t}"
        );
        assert!(t.contains("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"));
        assert!(t.ends_with("xin cảm ơn."));
    }

    #[test]
    fn consolidated_text_is_vbhn_whatever_its_title() {
        let t = "BỘ LAO ĐỘNG\nSố: 4804/VBHN-BLĐTBXH\nHà Nội, ngày 04 tháng 10 năm 2024\n\nNGHỊ ĐỊNH\nQuy định mức trợ cấp\n\nCăn cứ Luật;";
        let doc = build(t, &Options::default());
        assert_eq!(doc.doc_type.unwrap().code, "VBHN");
    }
}
