//! A debug view of the pipeline: how each line was classified and which
//! stage took it, with the values read from it.
//!
//! [`trace`] parses a document as [`parse_with`](crate::parse_with) does and
//! returns one [`TracedLine`] per line the parser saw (a table row's cells
//! are lines of their own). It is data, never printed by the library:
//! `congvan parse --trace` prints it, one line each, pulldown-cmark's
//! `print_events` style.
//!
//! ```
//! use congvan::trace::{trace, LineKind, Stage};
//!
//! let input = "UBND TỈNH BẮC GIANG\nSố: 05/UBND-VX\nV/v thử\n\nNội dung./.\n\n\
//!              Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\n\
//!              KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn A\n";
//! let lines = trace(input, &congvan::Options::default());
//! let number = &lines[1];
//! assert_eq!(number.position.line, 2);
//! assert_eq!((number.kind, number.stage), (LineKind::Content, Stage::Header));
//! assert_eq!(&input[number.span], "Số: 05/UBND-VX");
//! assert_eq!(number.values, ["number"]);
//! assert_eq!(lines[3].kind, LineKind::Blank);
//! assert_eq!(lines[4].stage, Stage::Body);
//! assert_eq!((lines[6].stage, &lines[6].values[..]), (Stage::Distribution, &["distribution"][..]));
//! assert_eq!((lines[8].stage, &lines[8].values[..]), (Stage::Distribution, &["archive"][..]));
//! assert_eq!((lines[10].stage, &lines[10].values[..]), (Stage::Signature, &["signature"][..]));
//! assert_eq!(lines[13].stage, Stage::Signature);
//! ```

use crate::document::{self, Layout};
pub use crate::lines::LineKind;
use crate::model::{Block, Document, Section};
use crate::options::Options;
use crate::span::{LineIndex, Position, Span};

/// The stage of the pipeline that read a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Stage {
    /// A crawler's page title above the document (`Công văn 2739/VPCP-ĐMDN
    /// năm 2019 … do Văn phòng Chính phủ ban hành`): left out.
    Editorial,
    /// The header: heading, issuer, number, place and date, type, subject,
    /// marks, `Kính gửi`.
    Header,
    /// The body: preamble, numbered sections, closing.
    Body,
    /// The footer's signature blocks: authority, titles, name.
    Signature,
    /// The footer's `Nơi nhận` and its items, `Lưu`.
    Distribution,
    /// The rest of the footer: a place and date above the signature, the
    /// blank lines and seal scraps between its parts, a line that holds
    /// both columns.
    Footer,
    /// After the footer: annexes, copies, notes, a second document.
    Attachment,
    /// A web page's trailer after the document (related documents, the
    /// site's caption): left out.
    Trailer,
}

impl Stage {
    /// A short lower-case name (`header`, `body`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Editorial => "editorial",
            Stage::Header => "header",
            Stage::Body => "body",
            Stage::Signature => "signature",
            Stage::Distribution => "distribution",
            Stage::Footer => "footer",
            Stage::Attachment => "attachment",
            Stage::Trailer => "trailer",
        }
    }
}

impl LineKind {
    /// A short lower-case name (`content`, `blank`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::Blank => "blank",
            LineKind::Separator => "separator",
            LineKind::Noise => "noise",
            LineKind::Stamp => "stamp",
            LineKind::Content => "content",
        }
    }
}

/// One line as the parser saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TracedLine {
    /// The line in the input, trimmed (for a table row, one cell).
    pub span: Span,
    /// Where it starts in the input.
    pub position: Position,
    /// How the line was classified.
    pub kind: LineKind,
    /// Which stage read it.
    pub stage: Stage,
    /// The model's values whose span starts on this line, by their JSON
    /// name (`issuer`, `number`, `section`, `signature`, `citation`, …),
    /// in document order.
    pub values: Vec<&'static str>,
}

/// Parses `input` and reports, line by line, how it was read: one
/// [`TracedLine`] per line (the empty line after a final line end left
/// out), in input order.
pub fn trace(input: &str, options: &Options) -> Vec<TracedLine> {
    let norm = document::prepare(input, options);
    let layout = document::layout(&norm.text);
    let index = LineIndex::new(input);
    let mut out: Vec<TracedLine> = layout
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let span = norm.map.map_span(line.span());
            TracedLine {
                span,
                position: index.position(span.start),
                kind: line.kind,
                stage: stage_of(&layout, i),
                values: Vec::new(),
            }
        })
        .collect();
    // the empty line after the last line end is no line in an editor (nor
    // one that markup left there, as a table's last rule)
    while out.len() > 1 && out.last().is_some_and(|l| l.span.start == input.len()) {
        out.pop();
    }
    let doc = document::assemble(&norm.text, &norm, layout);
    for (name, span) in values(&doc) {
        // the last line starting at or before the value (lines are in order)
        let at = out.partition_point(|l| l.span.start <= span.start);
        if let Some(line) = at.checked_sub(1).and_then(|i| out.get_mut(i)) {
            line.values.push(name);
        }
    }
    out
}

/// The stage that read `layout.lines[i]`.
fn stage_of(layout: &Layout, i: usize) -> Stage {
    let Layout {
        header,
        footer,
        editorial,
        trailer,
        ..
    } = layout;
    if trailer.is_some_and(|t| i >= t) {
        Stage::Trailer
    } else if *editorial == Some(i) {
        Stage::Editorial
    } else if i < header.body_start {
        Stage::Header
    } else if i < footer.start {
        Stage::Body
    } else if i < footer.end {
        let line = &layout.lines[i];
        let on_line =
            |ranges: &[(usize, usize)]| ranges.iter().any(|&(s, e)| s < line.end && e > line.start);
        match (
            on_line(&footer.signature_lines),
            on_line(&footer.distribution_lines),
        ) {
            (true, false) => Stage::Signature,
            (false, true) => Stage::Distribution,
            _ => Stage::Footer,
        }
    } else {
        Stage::Attachment
    }
}

/// The model's values with their JSON names and spans, those that one reads
/// off a line: header values, the first paragraph of the preamble and of
/// the closing, sections, signatures, the distribution, stamps, attachments
/// and mentions of citations and forms (not every paragraph).
fn values(doc: &Document) -> Vec<(&'static str, Span)> {
    fn sections(out: &mut Vec<(&'static str, Span)>, list: &[Section]) {
        for s in list {
            out.push(("section", s.span));
            sections(out, &s.sections);
        }
    }
    let d = doc;
    let header = [
        (
            "national_heading",
            d.national_heading.as_ref().map(|x| x.span),
        ),
        ("issuer", d.issuer.as_ref().map(|x| x.span)),
        ("number", d.number.as_ref().map(|x| x.span)),
        ("place", d.place.as_ref().map(|x| x.span)),
        ("date", d.date.as_ref().map(|x| x.span)),
        ("doc_type", d.doc_type.as_ref().map(|x| x.span)),
        ("subject", d.subject.as_ref().map(|x| x.span)),
        (
            "confidentiality",
            d.marks.confidentiality.as_ref().map(|x| x.span),
        ),
        ("urgency", d.marks.urgency.as_ref().map(|x| x.span)),
        ("circulation", d.marks.circulation.as_ref().map(|x| x.span)),
        ("preamble", d.body.preamble.first().map(Block::span)),
        ("closing", d.body.closing.first().map(Block::span)),
    ];
    let mut v: Vec<(&'static str, Span)> = header
        .into_iter()
        .filter_map(|(name, span)| Some((name, span?)))
        .collect();
    v.extend(d.recipients.iter().map(|r| ("recipient", r.span)));
    sections(&mut v, &d.body.sections);
    v.extend(d.signatures.iter().map(|s| ("signature", s.span)));
    if let Some(dist) = &d.distribution {
        v.push(("distribution", dist.span));
        v.extend(dist.archive.iter().map(|a| ("archive", a.span)));
    }
    // a stamp read from the file itself has an empty span, on no line
    v.extend(
        d.stamps
            .iter()
            .filter(|s| !s.span.is_empty())
            .map(|s| ("stamp", s.span)),
    );
    v.extend(d.attachments.iter().map(|a| ("attachment", a.span)));
    for c in &d.citations {
        v.extend(c.mentions.iter().map(|m| ("citation", m.span)));
    }
    for f in &d.forms {
        v.extend(f.mentions.iter().map(|m| ("form", m.span)));
    }
    v.sort_by_key(|&(_, s)| s.start);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(input: &str) -> Vec<(usize, LineKind, Stage, &str, Vec<&'static str>)> {
        trace(input, &Options::default())
            .into_iter()
            .map(|l| (l.position.line, l.kind, l.stage, &input[l.span], l.values))
            .collect()
    }

    #[test]
    fn every_stage_in_order_with_line_numbers_of_the_input() {
        // Windows line ends and NBSPs: the trace's spans and line numbers
        // are those of the input, not of the normalised text.
        let input =
            "Công văn 12/UBND-VX năm 2024 về việc thử nghiệm do UBND tỉnh Bắc Giang ban hành\r\n\
                     UBND TỈNH BẮC GIANG\r\nSố:\u{a0}\u{a0}12/UBND-VX\r\nV/v thử nghiệm\r\n\
                     Bắc Giang, ngày 05 tháng 02 năm 2024\r\n\r\n\
                     1. Thực hiện Kế hoạch số 03/KH-UBND ngày 11/01/2024./.\r\n\r\n\
                     KT. CHỦ TỊCH\r\nPHÓ CHỦ TỊCH\r\n\r\nNguyễn Văn A\r\n\r\n\
                     PHỤ LỤC I\r\nDanh sách\r\n";
        let r = rows(input);
        let find = |t: &str| {
            r.iter()
                .find(|x| x.3 == t)
                .unwrap_or_else(|| panic!("{t}: {r:#?}"))
        };
        let title = &r[0];
        assert_eq!(
            (title.0, title.1, title.2),
            (1, LineKind::Noise, Stage::Editorial)
        );
        assert_eq!(find("UBND TỈNH BẮC GIANG").2, Stage::Header);
        let number = find("Số:\u{a0}\u{a0}12/UBND-VX");
        assert_eq!(
            (number.0, number.2, &number.4[..]),
            (3, Stage::Header, &["number"][..])
        );
        assert_eq!(find("V/v thử nghiệm").4, ["doc_type", "subject"]);
        assert_eq!(
            find("Bắc Giang, ngày 05 tháng 02 năm 2024").4,
            ["place", "date"]
        );
        let item = find("1. Thực hiện Kế hoạch số 03/KH-UBND ngày 11/01/2024./.");
        assert_eq!((item.0, item.2), (7, Stage::Body));
        assert_eq!(item.4, ["section", "citation"]);
        let sig = find("KT. CHỦ TỊCH");
        assert_eq!((sig.2, &sig.4[..]), (Stage::Signature, &["signature"][..]));
        assert_eq!(find("Nguyễn Văn A").2, Stage::Signature);
        let annex = find("PHỤ LỤC I");
        assert_eq!(
            (annex.0, annex.2, &annex.4[..]),
            (14, Stage::Attachment, &["attachment"][..])
        );
        assert_eq!(find("Danh sách").2, Stage::Attachment);
        let blank = r.iter().find(|x| x.0 == 6).unwrap();
        assert_eq!((blank.1, blank.3), (LineKind::Blank, ""));
        // stages never go back
        let order: Vec<Stage> = r.iter().map(|x| x.2).collect();
        // the footer's parts interleave when its two columns do
        let rank = |s: &Stage| match s {
            Stage::Editorial => 0,
            Stage::Header => 1,
            Stage::Body => 2,
            Stage::Signature | Stage::Distribution | Stage::Footer => 3,
            Stage::Attachment => 4,
            Stage::Trailer => 5,
        };
        assert!(
            order.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])),
            "{order:?}"
        );
    }

    #[test]
    fn cells_of_a_table_row_are_lines_of_their_own() {
        let input = "| UBND TỈNH BẮC GIANG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n| Số: 12/UBND-VX | Bắc Giang, ngày 05 tháng 02 năm 2024 |\n";
        let lines = trace(input, &Options::default());
        let cell = lines
            .iter()
            .find(|l| &input[l.span] == "Bắc Giang, ngày 05 tháng 02 năm 2024")
            .expect("the date cell is a line");
        assert_eq!(cell.position.line, 3);
        assert!(cell.position.column > 1);
        assert_eq!(cell.values, ["place", "date"]);
    }

    #[test]
    fn values_are_those_of_the_parse() {
        let input = include_str!("../fixtures/cong-van-full-header.txt");
        let doc = crate::parse(input);
        let lines = trace(input, &Options::default());
        let named = |name: &str| lines.iter().filter(|l| l.values.contains(&name)).count();
        assert_eq!(named("recipient"), doc.recipients.len());
        assert_eq!(named("signature"), doc.signatures.len());
        let mentions: usize = doc.citations.iter().map(|c| c.mentions.len()).sum();
        let in_trace: usize = lines
            .iter()
            .map(|l| l.values.iter().filter(|v| **v == "citation").count())
            .sum();
        assert_eq!(in_trace, mentions);
        let number = lines.iter().find(|l| l.values.contains(&"number")).unwrap();
        let span = doc.number.unwrap().span;
        assert!(number.span.start <= span.start && span.start <= number.span.end);
    }

    #[test]
    fn every_fixture_line_is_where_its_position_says() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).expect("fixtures/") {
            let path = entry.expect("entry").path();
            if !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("txt" | "md")
            ) {
                continue;
            }
            let bytes = std::fs::read(&path).expect("read");
            let input = crate::decode(&bytes, &Options::default())
                .expect("decodes")
                .text;
            let editor: Vec<&str> = input.split('\n').collect();
            let lines = trace(&input, &Options::default());
            let name = path.display();
            // in input order, and no line of the input left out
            assert!(
                lines.windows(2).all(|w| w[0].position <= w[1].position),
                "{name}"
            );
            let mut start = 0;
            for line in &editor {
                let end = start + line.len();
                let traced = lines.iter().any(|l| {
                    l.span.start <= end && l.span.end >= start && l.span.start < input.len()
                });
                // Markdown markup alone on a line (`**`, `---`) leaves no text
                let markup = !line.chars().any(char::is_alphanumeric);
                assert!(traced || markup, "{name}: {line:?} not traced");
                start = end + 1;
            }
            for l in &lines {
                // a Markdown paragraph's lines are joined into one
                let text = input[l.span].split(['\r', '\n']).next().unwrap_or_default();
                let at = editor[l.position.line - 1];
                let from: String = at.chars().skip(l.position.column - 1).collect();
                assert!(
                    from.starts_with(text),
                    "{name}: {l:?} {text:?} not at {from:?}"
                );
            }
            seen += 1;
        }
        assert!(seen > 40, "{seen} fixtures");
    }

    #[test]
    fn the_line_after_the_last_line_end_is_left_out() {
        assert_eq!(trace("Số: 1/UBND\n", &Options::default()).len(), 1);
        assert_eq!(trace("Số: 1/UBND\n\n", &Options::default()).len(), 2);
        assert_eq!(trace("\n", &Options::default()).len(), 1);
    }

    #[test]
    fn empty_input_has_one_blank_line_in_the_body() {
        let lines = trace("", &Options::default());
        assert_eq!(lines.len(), 1);
        assert_eq!(
            (lines[0].kind, lines[0].stage),
            (LineKind::Blank, Stage::Body)
        );
    }
}
