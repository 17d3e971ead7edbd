//! Stage 3a: the header (ô 1–5 and 9a): national heading, issuer, number,
//! place and date, document type and subject, marks, `Kính gửi`.
//!
//! The header is found by anchors, not by line position, because text copies
//! flatten the two-column layout in every order: column-major, row-major with
//! cells merged onto one line (`TONG CUC THUE CỘNG HÒA XÃ HỘI …`,
//! `Số: /HC-TH Đà Nẵng, ngày tháng 3 năm 2010`), or Markdown table cells.
//! Each header line is split into *cells* at anchors (Quốc hiệu, Tiêu ngữ,
//! `V/v`, `Kính gửi`, the end of a number); each cell is classified, and a
//! small state machine follows the cells until the first line of the body.

use std::sync::LazyLock;

use regex::Regex;

use crate::codes::{
    title_prefix, type_by_title, TypeEntry, CONSOLIDATED_TITLE, COPY_LABELS, NATIONAL_HEADING,
    PARTY_HEADING,
};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::fold::{fold, Folded};
use crate::lines::{Line, LineKind};
use crate::model::{
    DocDate, DocType, Issuer, Mark, Marks, NationalHeading, Number, Place, Recipient, Subject,
};
use crate::number;
use crate::span::Span;
use crate::text::{
    folded_starts_with, is_upper_line, push_line, starts_body, strip_marker, KeyPrefix,
};

/// What the header holds.
#[derive(Debug, Default)]
pub(crate) struct Header {
    pub(crate) national_heading: Option<NationalHeading>,
    pub(crate) party_heading: bool,
    pub(crate) issuer: Option<Issuer>,
    pub(crate) number: Option<Number>,
    pub(crate) party_number: bool,
    /// The number is there but cannot be read.
    pub(crate) number_unreadable: bool,
    pub(crate) place: Option<Place>,
    pub(crate) date: Option<DocDate>,
    pub(crate) subject: Option<Subject>,
    /// `V/v` (công văn style) rather than a title's trích yếu.
    pub(crate) subject_is_vv: bool,
    pub(crate) title: Option<DocType>,
    pub(crate) recipients: Vec<Recipient>,
    pub(crate) marks: Marks,
    /// Index of the first body line.
    pub(crate) body_start: usize,
    /// Where the header was (for diagnostics about missing parts).
    pub(crate) anchor: usize,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellKind {
    Country,
    Motto,
    Party,
    Number,
    PlaceDate,
    Subject,
    Recipients,
    Title,
    Mark,
    Upper,
    Other,
}

impl CellKind {
    fn is_anchor(self) -> bool {
        !matches!(self, CellKind::Upper | CellKind::Other | CellKind::Mark)
    }
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    start: usize,
    end: usize,
    kind: CellKind,
    /// For `Subject`/`Recipients`/`Number`: where the value starts (after the label).
    value: usize,
}

static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"cong\s*hoa\s*xa\b|doc\s*lap\b|dang\s*cong\s*san\s*viet\s*nam|\bv\s*/\s*v\b|\bv[il1w]v\b|\bvw\b|(?:dong\s+)?kinh\s*gui\s*:",
    )
    .expect("valid regex")
});
static COUNTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^cong\s*hoa\s*xa\b").expect("valid regex"));
static MOTTO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^doc\s*lap\b").expect("valid regex"));
static PARTY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^dang\s*cong\s*san\s*viet\s*nam").expect("valid regex"));
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^['`"]?(?:v\s*/\s*v\b|v\s*/\s|v[il1w]?v\b|vw\b|ve\s+viec\b)\s*[:.]?\s*"#)
        .expect("valid regex")
});
static RECIPIENTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:dong\s+)?kinh\s*gui\b\s*[:;.]?\s*").expect("valid regex"));
/// A trích yếu's label `Về:` (or `Về việc:`) in place of `V/v`, folded.
static SUBJECT_VE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ve(?:\s+viec)?\s*:\s*").expect("valid regex"));
/// The second half of a `Kính gửi:` label broken after `Kính` (folded).
static RECIPIENTS_REST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^gui\s*:\s*").expect("valid regex"));
static NUMBER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:nghi quyet|quyet dinh|nghi dinh|thong tu(?: lien tich)?|luat|chi thi|phap lenh|lenh|van ban hop nhat|cong van)\s+)?(?:so(?:\s*[:!;.]\s*|\s+|[0-9/])|so[l1|]\s+|s\s*:\s*|s[a-z#~]\s*[:!;]\s*|\$[a-z0-9#~]{0,2}\s*[:!;]\s*|8[6o]\s*:\s*)")
        .expect("valid regex")
});
/// The first letters of the alternatives of [`NUMBER_LABEL`] (`nghị quyết`,
/// `quyết định`, `thông tư`, `luật`, `chỉ thị`, `pháp lệnh`, `văn bản`,
/// `công văn`, `số`, `$`, and OCR's `86:` for `Số:`).
const NUMBER_LABEL_FIRST: [char; 10] = ['n', 'q', 't', 'l', 'c', 'p', 'v', 's', '$', '8'];
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"ngay(?P<d>.{0,12}?)thang(?P<m>.{0,12}?)nam(?P<y>[ ._/]*[0-9][0-9 ]{2,4}[0-9]|[ ._/]*)",
    )
    .expect("valid regex")
});
/// OCR-damaged `ngày … tháng … năm` (`ngàu:J_ tháng 02jhăm 2018`,
/// `ngàyä4 kháng 2 năm 2023`), tried only when [`DATE`] finds nothing.
static DATE_FUZZY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\bng[a-z#~]{1,3}(?P<d>.{0,8}?)[a-z#~]h[a-z#~]{2}g(?P<m>.{0,8}?)(?:n[a-z#~]{1,2}m|[a-z#~]{1,3}am)(?P<y>[ ._/]*[0-9][0-9 ]{2,4}[0-9]|[ ._/]*)",
    )
    .expect("valid regex")
});

fn find_date(key: &str) -> Option<regex::Captures<'_>> {
    DATE.captures(key).or_else(|| DATE_FUZZY.captures(key))
}

/// Whether `t` is a date alone on its line (`Ngày 03 tháng 10 năm 2025`, or
/// with its parts left blank to be written by hand), read by the one date
/// grammar of the header.
pub(crate) fn is_date_alone(t: &str) -> bool {
    let key = fold(t);
    let key = key.trim();
    find_date(key)
        .and_then(|m| m.get(0))
        .is_some_and(|m| m.start() == 0 && key[m.end()..].trim().is_empty())
}

static MARKS: &[(&str, u8)] = &[
    ("tuyet mat", 0),
    ("toi mat", 0),
    ("mat", 0),
    ("hoa toc hen gio", 1),
    ("hoa toc", 1),
    ("thuong khan", 1),
    ("khan", 1),
    ("luu hanh noi bo", 2),
    ("xem xong tra lai", 2),
    ("tai lieu thu hoi", 2),
];

/// Reads the header from the lines of `text`.
pub(crate) fn parse(text: &str, lines: &[Line]) -> Header {
    let mut st = State::default();
    let mut i = 0;
    let mut pre_content = 0;
    while i < lines.len() {
        match st.read_line(text, lines, i, &mut pre_content) {
            Step::Next(next) => i = next,
            Step::Body => {
                st.h.body_start = i;
                return st.finish(text);
            }
            Step::Stop => break,
        }
    }
    if !st.seen_anchor {
        st = State::default();
        st.h.body_start = 0;
        return st.finish(text);
    }
    st.h.body_start = i.min(lines.len());
    st.finish(text)
}

/// Where reading the header goes after a line.
enum Step {
    /// On to this line.
    Next(usize),
    /// The body starts at the line just read.
    Body,
    /// No header in sight: too many lines before any header part.
    Stop,
}

/// Content lines read before any header part, at most.
const MAX_PRE_CONTENT: usize = 30;

impl State {
    /// Reads line `i`; `pre_content` counts the content lines read before
    /// any header part.
    fn read_line(&mut self, text: &str, lines: &[Line], i: usize, pre_content: &mut usize) -> Step {
        let line = lines[i];
        match line.kind {
            LineKind::Blank | LineKind::Separator => {
                self.close_group(true);
                // OCR doubles line spacing: a subject still open continues
                // on the next line when that line starts in lower case
                if self.mode == Mode::Subject
                    && !subject_continues_after_gap(text, lines, i, self.h.subject.as_ref())
                {
                    self.mode = Mode::Free;
                }
                return Step::Next(i + 1);
            }
            LineKind::Noise | LineKind::Stamp => return Step::Next(i + 1),
            LineKind::Content => {}
        }
        let ltext = line.text(text);
        // folded once, for the body test and for the cells
        let folded = Folded::new(ltext);
        let cell = trim_cell(&folded.key);
        if COPY_LABELS
            .iter()
            .any(|l| l.marks_header && l.folded == cell)
        {
            return Step::Next(i + 1);
        }
        // a page's title above the header (`Công văn Số: 2728/TCT-DNL V/v:
        // …`): the header below gives the number and the subject
        if !self.seen_anchor && titles_a_page(ltext, &folded) && heading_below(text, lines, i) {
            return Step::Next(i + 1);
        }
        if self.h.date.is_none() {
            if let Some(last) = wrapped_date_end(text, lines, i, &folded.key) {
                let cell = Cell {
                    start: line.start,
                    end: lines[last].end,
                    kind: CellKind::PlaceDate,
                    value: line.start,
                };
                self.take_cell(text, lines, i, cell);
                return Step::Next(last + 1);
            }
        }
        if self.country.is_none() {
            if let Some(rest) = national_heading_rest(text, lines, i, &folded.key) {
                let country = format!("{} {}", trim_cell(ltext), trim_cell(rest.text(text)));
                self.anchor(line.start);
                self.country = Some(country);
                self.cover_heading(Span::new(line.start, rest.end));
                return Step::Next(i + 2);
            }
        }
        if let Some((cell, last)) = broken_recipients_label(text, lines, i, &folded.key) {
            self.take_cell(text, lines, i, cell);
            return Step::Next(last + 1);
        }
        // a receiving office's stamp between the subject and `Kính gửi`
        // (`CỤC THUẾ TỈNH …` / `Số: …` / `ĐẾN …`) is no part of the header
        let stamp_like = is_upper_line(ltext.trim()) || ltext.trim_start().starts_with("Số");
        if self.h.number.is_some()
            && self.h.subject.is_some()
            && self.h.recipients.is_empty()
            && stamp_like
        {
            if let Some(k) = stamp_before_recipients(text, lines, i) {
                return Step::Next(k);
            }
        }
        // `V/ hướng dẫn …` is an OCR-damaged `V/v` while no subject is read,
        // not a section V
        let damaged_vv = self.h.subject.is_none() && SUBJECT.is_match(&folded.key);
        if self.seen_anchor
            && self.mode != Mode::Recipients
            && starts_body(&folded.key)
            && !damaged_vv
        {
            return Step::Body;
        }
        // `V/v triển khai thực hiện` / `Công văn số 4552/BCA-C04` / `của Bộ
        // Công an`: a cited number inside the subject, once the document's
        // own number is read, is part of the subject
        // so is a line in lower case (`số 123/2020/NĐ-CP` after `… Nghị
        // định`) that holds no date and no `Kính gửi`
        let lower_continuation = ltext.starts_with(char::is_lowercase)
            && find_date(&folded.key).is_none()
            && !folded.key.contains("kinh gui");
        if self.mode == Mode::Subject
            && self.h.number.is_some()
            && (cites_by_type(&folded.key) || lower_continuation)
            && self.continue_mode(text, line)
        {
            return Step::Next(i + 1);
        }
        let reach = lines[i + 1..]
            .iter()
            .take(3)
            .find(|l| l.is_content())
            .map_or(line.end, |l| l.end);
        let mut cells = split_folded_cells(text, line, &folded, reach);
        if self.under_number_line(lines, i) {
            label_ve_subject(text, &mut cells);
        }
        if self.list_pending(text, lines, i) && interleaves_header(ltext, &cells) {
            // read the header part, the list still to come
            for c in cells.into_iter().filter(|c| c.kind.is_anchor()) {
                self.take_cell(text, lines, i, c);
            }
            return Step::Next(i + 1);
        }
        if !cells.iter().any(|c| c.kind.is_anchor()) {
            return self.read_unanchored(text, lines, i, &cells, pre_content);
        }
        self.mode = Mode::Free;
        let mut next = i + 1;
        for c in cells {
            if let Some(n) = self.take_cell(text, lines, i, c) {
                next = n;
            }
        }
        Step::Next(next)
    }

    /// Reads line `i`, whose `cells` hold no header part (Quốc hiệu, số,
    /// ngày, trích yếu, …): the rest of an open subject or recipient list,
    /// marks (độ mật, độ khẩn), capitals (the issuer), text before the
    /// header, OCR debris, or else the body's first line.
    fn read_unanchored(
        &mut self,
        text: &str,
        lines: &[Line],
        i: usize,
        cells: &[Cell],
        pre_content: &mut usize,
    ) -> Step {
        let line = lines[i];
        if self.continue_mode(text, line) {
            return Step::Next(i + 1);
        }
        if self.seen_anchor && self.mode == Mode::Recipients {
            return Step::Body;
        }
        if !cells.is_empty() && cells.iter().all(|c| c.kind == CellKind::Mark) {
            for c in cells {
                self.take_mark(text, *c);
            }
            return Step::Next(i + 1);
        }
        // a filing note (`Số hồ sơ: 7`) or an incoming stamp (`SỞ Y TẾ` /
        // `ĐẾN NGÀY 5/4/2011`) between the number and date and the title
        if self.h.number.is_some()
            && self.h.date.is_some()
            && self.h.title.is_none()
            && self.h.subject.is_none()
            && self.h.recipients.is_empty()
            && word_count_at_most(line.text(text), 8)
            && title_ahead(text, lines, i + 1)
        {
            return Step::Next(i + 1);
        }
        let all_upper = cells
            .iter()
            .all(|c| matches!(c.kind, CellKind::Upper | CellKind::Mark));
        if all_upper && !cells.is_empty() {
            if self.issuer_locked && self.seen_anchor {
                if self.h.title.is_none() && self.h.number.is_some() && self.h.date.is_some() {
                    return Step::Body;
                }
            } else {
                for c in cells {
                    self.take_upper(text, *c);
                }
            }
            return Step::Next(i + 1);
        }
        if !self.seen_anchor {
            *pre_content += 1;
            if *pre_content > MAX_PRE_CONTENT {
                return Step::Stop;
            }
            self.close_group(false);
            return Step::Next(i + 1);
        }
        // OCR debris (`sci L2 ME ats i ae`) between header lines: skip it
        // when the number or date is still to come on the next lines
        if (self.h.number.is_none() || self.h.date.is_none())
            && self.h.title.is_none()
            && self.h.subject.is_none()
            && self.h.recipients.is_empty()
            && header_anchor_ahead(text, lines, i + 1)
        {
            return Step::Next(i + 1);
        }
        Step::Body
    }
}

/// `text` folded, its line breaks read as spaces (the same length).
fn folded_across_lines(text: &str) -> Folded<'_> {
    let mut f = Folded::new(text);
    if f.key.contains(['\n', '\r']) {
        f.key = f.key.replace(['\n', '\r'], " ");
    }
    f
}

/// The last line of a place and date that line `i` begins and the next one
/// or two lines go on with, no blank line between (`An Phú, ngày` / `02
/// tháng 3 năm 2020`, `Sơn` / `La, ngày 16 tháng 11` / `năm 2018`), where a
/// web page's source or a narrow column broke it. Line `i` (`key`, folded)
/// holds no date of its own and is short; the lines together hold one,
/// a place or nothing before it.
fn wrapped_date_end(text: &str, lines: &[Line], i: usize, key: &str) -> Option<usize> {
    let t = lines[i].text(text);
    let fragment = key.contains("ngay") || place_fragment(t);
    if key.len() > 60 || !fragment || key.contains(':') || find_date(key).is_some() {
        return None;
    }
    let mut last = i;
    for _ in 0..2 {
        let next = *lines.get(last + 1).filter(|l| l.is_content())?;
        if next.end - next.start > 60 {
            return None;
        }
        last += 1;
        let f = folded_across_lines(&text[lines[i].start..next.end]);
        let Some(c) = find_date(&f.key) else {
            continue;
        };
        let (Some(all), Some(y)) = (c.get(0), c.name("y")) else {
            continue;
        };
        let full_year = y.as_str().trim_matches([' ', '.', '_', '/']).len() == 4;
        let place = f.slice(0, all.start());
        let ends_at_year = f.key[all.end()..].trim().is_empty();
        return (full_year
            && ends_at_year
            && word_count_at_most(place, 5)
            && preceded_like_place(place))
        .then_some(last);
    }
    None
}

/// The `Kính gửi:` label broken after its first word (`Kính` / `gửi: Cục
/// thuế các tỉnh, thành phố.`), where a narrow column wrapped it: line `i`
/// (`key`, folded) is `Kính` alone and the next line opens with `gửi:`.
/// Returns the recipients cell over both lines and the last line's index.
fn broken_recipients_label(
    text: &str,
    lines: &[Line],
    i: usize,
    key: &str,
) -> Option<(Cell, usize)> {
    if trim_cell(key) != "kinh" {
        return None;
    }
    let next = *lines.get(i + 1).filter(|l| l.is_content())?;
    let t = next.text(text);
    let f = Folded::new(t);
    let lead = f.key.len() - f.key.trim_start_matches([' ', '|']).len();
    let m = RECIPIENTS_REST.find(&f.key[lead..])?;
    let cell = Cell {
        start: lines[i].start,
        end: next.end,
        kind: CellKind::Recipients,
        value: next.start + f.byte(lead + m.end()),
    };
    Some((cell, i + 1))
}

/// Marks the first of `cells` as the trích yếu when it opens with `Về:`
/// or `Về việc:` (`Về: tham gia ý kiến dự thảo quy chế.`), a label some
/// agencies print for `V/v`; called only for the line right under the
/// number, where the trích yếu stands, never in the body.
fn label_ve_subject(text: &str, cells: &mut [Cell]) {
    let Some(c) = cells
        .first_mut()
        .filter(|c| matches!(c.kind, CellKind::Other | CellKind::Upper))
    else {
        return;
    };
    let f = Folded::new(&text[c.start..c.end]);
    if let Some(m) = SUBJECT_VE.find(&f.key) {
        c.kind = CellKind::Subject;
        c.value = c.start + f.byte(m.end());
    }
}

/// `Kính gửi:` as OCR wrote it, alone on its line (`Kmnhgài:`, `Kinh gtri:`):
/// folded `key` is a label whose seven letters are `k?nhg?i`.
fn is_ocr_recipients_label(key: &str) -> bool {
    let Some(label) = key.strip_suffix(':').filter(|l| l.len() <= 12) else {
        return false;
    };
    let pattern = [
        Some(b'k'),
        None,
        Some(b'n'),
        Some(b'h'),
        Some(b'g'),
        None,
        Some(b'i'),
    ];
    let letters = label.bytes().filter(|b| *b != b' ');
    letters.clone().count() == pattern.len()
        && letters
            .zip(pattern)
            .all(|(b, want)| want.is_none_or(|w| w == b))
}

/// Whether line `t` is only an acronym or two in capitals without tone
/// marks (`GTGT`, `TNDN`, `BHXH`): the end of a subject in small letters
/// (`V/v chính sách thuế` / `GTGT`), not an issuer's name in capitals.
fn is_acronym_line(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (1..=2).contains(&words.len())
        && words.iter().all(|w| {
            let w = w.trim_end_matches(['.', ',', ';']);
            (2..=6).contains(&w.chars().count())
                && w.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ')
        })
}

/// Whether line `t` is a label alone, one or two words and a colon (an
/// OCR-damaged `Kính gửi:` such as `Kmnhgài:`): never a subject's next line.
fn is_label_line(t: &str) -> bool {
    let t = t.trim();
    t.ends_with(':') && word_count_at_most(t, 2)
}

/// Whether recipient line `t` is the rest of a name that opens with a
/// bracketed part (`Công ty TNHH ABC` / `(Việt Nam)`, `Công ty Deckers
/// Outdoor` / `(Guangzhou) Consulting Co., Ltd`): short, and no label
/// (`(Đ/c: 12 Lê Lợi)`, `Mã số thuế: …` are not part of the name).
fn is_bracketed_name_part(t: &str) -> bool {
    let t = t.trim().trim_end_matches([';', '.', ',']);
    t.starts_with('(') && t.contains(')') && !t.contains(':') && word_count_at_most(t, 8)
}

/// Whether line `t` is the year that ends a range the subject's last line
/// left open (`… MÙA KHÔ NĂM 2019 -` / `2020`).
fn ends_year_range(subject: &str, t: &str) -> bool {
    let t = t.trim().trim_end_matches(['.', ';']);
    subject.trim_end().ends_with(['-', '–'])
        && t.len() == 4
        && t.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `t` opens with a list marker (`- `, `+ `, `• `).
fn is_list_item(t: &str) -> bool {
    t.trim_start().starts_with(['-', '+', '•']) && strip_marker(t).len() < t.len()
}

/// Whether line `t`, split into `cells`, is a header part that OCR read
/// in between `Kính gửi:` and its list (the Tiêu ngữ, the place or a
/// garbled date of the right-hand column): the Quốc hiệu, Tiêu ngữ, a
/// place and date, or a place's name alone, and not a list item itself.
fn interleaves_header(t: &str, cells: &[Cell]) -> bool {
    if is_list_item(t) || cells.is_empty() {
        return false;
    }
    let heading = cells.iter().all(|c| {
        matches!(
            c.kind,
            CellKind::Country | CellKind::Motto | CellKind::PlaceDate
        )
    });
    heading || place_fragment(t.trim())
}

/// Whether line `t` (`folded`) names a document by its type and number
/// and goes on after the number (`Công văn Số: 2728/TCT-DNL V/v: …`,
/// `Quyết định số 12/QĐ-UBND của …`), as a page's title does. A number
/// line of the header ends at its notation (`Nghị quyết số:
/// 78/2025/UBTVQH15`), or goes on with the Quốc hiệu beside it.
fn titles_a_page(t: &str, folded: &Folded<'_>) -> bool {
    let Some(m) = type_number_label(&folded.key) else {
        return false;
    };
    let at = folded.byte(m.end());
    let Some(n) = number::parse(&t[at..], None) else {
        return false;
    };
    let rest = t[at + n.len..].trim();
    rest.chars().any(char::is_alphabetic) && !fold(rest).contains(NATIONAL_HEADING)
}

/// How many content lines a receiving office's stamp takes at most.
const STAMP_LINES: usize = 5;

/// Where `Kính gửi` stands when lines `i..` up to it are a receiving
/// office's stamp, as OCR reads it off a received paper: at most
/// [`STAMP_LINES`] content lines, one of them the stamp's `ĐẾN` (in
/// capitals) or a second `Số:` (the document's own is read).
fn stamp_before_recipients(text: &str, lines: &[Line], i: usize) -> Option<usize> {
    let mut stamped = false;
    for (k, l) in lines.iter().enumerate().skip(i) {
        if !l.is_content() {
            continue;
        }
        let t = l.text(text).trim();
        let key = fold(t);
        if key.starts_with("kinh gui") {
            return stamped.then_some(k);
        }
        if k - i >= 2 * STAMP_LINES {
            return None;
        }
        stamped |= t.starts_with("ĐẾN") || key.starts_with("so:");
    }
    None
}

/// How many content lines below a line [`heading_below`] looks through.
const HEADING_REACH: usize = 8;

/// Whether the Quốc hiệu (or the Party's heading) stands within a few
/// content lines below line `i`: a document's header starts there.
fn heading_below(text: &str, lines: &[Line], i: usize) -> bool {
    lines[i + 1..]
        .iter()
        .filter(|l| l.is_content())
        .take(HEADING_REACH)
        .any(|l| {
            let key = fold(l.text(text));
            key.contains(NATIONAL_HEADING) || key.contains(PARTY_HEADING)
        })
}

/// A cell's text without the rules and table bars around it.
fn trim_cell(t: &str) -> &str {
    t.trim_matches(['|', '*', '_', ' '])
}

/// The line after line `i` when the two hold the Quốc hiệu broken in two
/// (`CỘNG HÒA XÃ HỘI` / `CHỦ NGHĨA VIỆT NAM`, or `CỘNG` / `HÒA XÃ HỘI CHỦ
/// NGHĨA VIỆT NAM` where a web page's source wrapped it): `key`, line
/// `i` folded, is its first words and the next line the rest, each alone
/// on its line.
fn national_heading_rest(text: &str, lines: &[Line], i: usize, key: &str) -> Option<Line> {
    let head = trim_cell(key);
    let rest = NATIONAL_HEADING.strip_prefix(head)?.strip_prefix(' ')?;
    let next = *lines.get(i + 1).filter(|l| l.is_content())?;
    (trim_cell(&fold(next.text(text))) == rest).then_some(next)
}

/// Whether one of the three content lines from `from` on is a type's
/// title alone in capitals (`QUYẾT ĐỊNH`, `TỜ TRÌNH`).
fn title_ahead(text: &str, lines: &[Line], from: usize) -> bool {
    lines[from.min(lines.len())..]
        .iter()
        .filter(|l| l.is_content())
        .take(3)
        .map(|l| l.text(text).trim_matches(['#', '*', '_', ' ']))
        .any(|t| is_upper_line(t) && type_by_title(t).is_some())
}

/// Whether folded `key` starts with a document type and its number
/// (`công văn số 4552/…`, `quyết định số 12/…`): a citation, not a bare
/// `Số:` label.
fn cites_by_type(key: &str) -> bool {
    type_number_label(key).is_some()
}

/// The label of [`cites_by_type`]'s type and number (`cong van so `): its
/// match in `key`.
fn type_number_label(key: &str) -> Option<regex::Match<'_>> {
    NUMBER_LABEL
        .find(key)
        .filter(|m| !key[..m.end()].trim_start().starts_with('s') && !key.starts_with('$'))
}

/// Whether `rest`, what follows a type's title on its line, names the
/// issuer (`CỦA CHỦ TỊCH NƯỚC`, `CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH`) and nothing
/// else: a short run in capitals opening with `CỦA`, no trích yếu.
fn names_the_issuer(rest: &str) -> bool {
    let rest = rest.trim();
    folded_starts_with(rest, "cua ")
        && is_upper_line(rest)
        && word_count_at_most(rest, 10)
        && own_reference_len(rest).is_none()
        && !fold(rest).contains(" ve ")
}

/// Whether line `t`, under a trích yếu in small letters that reads
/// `subject` so far, is the body's first sentence rather than the
/// subject's next line: the subject ended with a stop, or the line opens
/// with a capital and is a sentence (it ends with `:` or `.`, or is longer
/// than a subject's line: `Sở Y tế thông báo lịch tiếp công dân … như sau:`).
fn body_sentence_after(subject: &str, t: &str) -> bool {
    if subject.trim_end().ends_with(['.', ':', ';']) {
        return true;
    }
    t.starts_with(char::is_uppercase)
        && (t.trim_end().ends_with([':', '.']) || t.chars().count() > 100)
}

/// Whether folded `key` opens with a document cited by its type, number
/// and date (`quyet dinh so 12/2021/qd-bgtvt ngay 03 thang 3 …`): under a
/// consolidated text's subject, the list of the documents it merges, not
/// the subject's next line (in other documents a subject may wrap there:
/// `… thực hiện` / `Chỉ thị số 52-CT/TW ngày 03 tháng 10 năm 2025 …`).
fn opens_with_dated_citation(key: &str) -> bool {
    cites_by_type(key)
        && NUMBER_LABEL.find(key).is_some_and(|m| {
            key[m.end()..]
                .trim_start()
                .split_once(' ')
                .is_some_and(|(_, after)| after.starts_with("ngay "))
        })
}

/// Whether a subject left open before blank line `i` goes on after it.
fn subject_continues_after_gap(
    text: &str,
    lines: &[Line],
    i: usize,
    subject: Option<&Subject>,
) -> bool {
    let Some(subject) = subject else { return false };
    if subject.text.trim_end().ends_with(['.', ';', ':']) {
        return false;
    }
    let next = lines[i + 1..]
        .iter()
        .take(3)
        .find(|l| l.kind != LineKind::Blank);
    next.is_some_and(|l| l.is_content() && l.text(text).starts_with(char::is_lowercase))
}

/// Whether one of the next three content lines holds a number, a date, a
/// `V/v` subject or `Kính gửi`.
fn header_anchor_ahead(text: &str, lines: &[Line], from: usize) -> bool {
    lines[from.min(lines.len())..]
        .iter()
        .filter(|l| l.is_content())
        .take(3)
        .any(|l| {
            split_cells(text, *l, l.end).iter().any(|c| {
                matches!(
                    c.kind,
                    CellKind::Number
                        | CellKind::PlaceDate
                        | CellKind::Subject
                        | CellKind::Recipients
                )
            })
        })
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Mode {
    #[default]
    Free,
    Subject,
    Recipients,
}

#[derive(Default)]
struct State {
    h: Header,
    mode: Mode,
    seen_anchor: bool,
    issuer_locked: bool,
    groups: Vec<Group>,
    subject_lines: usize,
    /// The line the number was read from.
    number_line: Option<usize>,
    heading_span: Option<Span>,
    country: Option<String>,
    motto: Option<String>,
}

impl State {
    /// Ends the current group of capitalised lines; `soft` when only blank
    /// lines or rules separate it from the next.
    fn close_group(&mut self, soft: bool) {
        match self.groups.last_mut() {
            Some(g) if g.spans.is_empty() => g.soft &= soft,
            Some(_) => self.groups.push(Group {
                spans: Vec::new(),
                soft,
            }),
            None => {}
        }
    }

    fn anchor(&mut self, at: usize) {
        if !self.seen_anchor {
            self.h.anchor = at;
        }
        self.seen_anchor = true;
    }

    fn take_upper(&mut self, text: &str, c: Cell) {
        if c.kind == CellKind::Mark {
            self.take_mark(text, c);
            return;
        }
        if self.issuer_locked {
            return;
        }
        if self.groups.is_empty() {
            self.groups.push(Group {
                spans: Vec::new(),
                soft: false,
            });
        }
        if let Some(g) = self.groups.last_mut() {
            g.spans.push(Span::new(c.start, c.end));
        }
    }

    fn take_mark(&mut self, text: &str, c: Cell) {
        let t = text[c.start..c.end].to_owned();
        let key = fold(&t);
        let kind = MARKS.iter().find(|(k, _)| key == *k).map_or(0, |m| m.1);
        let mark = Some(Mark {
            text: t,
            span: Span::new(c.start, c.end),
        });
        let slot = match kind {
            0 => &mut self.h.marks.confidentiality,
            1 => &mut self.h.marks.urgency,
            _ => &mut self.h.marks.circulation,
        };
        if slot.is_none() {
            *slot = mark;
        }
    }

    /// Whether line `i` stands right under the number's line, no content
    /// line between them, while no subject and no title is read.
    fn under_number_line(&self, lines: &[Line], i: usize) -> bool {
        self.h.subject.is_none()
            && self.h.title.is_none()
            && self
                .number_line
                .is_some_and(|n| n < i && lines[n + 1..i].iter().all(|l| !l.is_content()))
    }

    /// Whether a bare `Kính gửi:` waits for its list (`- Các sở …`), one of
    /// the three content lines from line `i` on being the list's first item.
    fn list_pending(&self, text: &str, lines: &[Line], i: usize) -> bool {
        self.mode == Mode::Recipients
            && self.h.recipients.is_empty()
            && lines[i..]
                .iter()
                .filter(|l| l.is_content())
                .take(4)
                .skip(1)
                .any(|l| is_list_item(l.text(text)))
    }

    /// Lines without anchors that continue the subject or the recipients.
    fn continue_mode(&mut self, text: &str, line: Line) -> bool {
        let t = line.text(text);
        match self.mode {
            Mode::Subject => {
                if self.subject_lines >= 5 {
                    return false;
                }
                // `V/v chính sách thuế` / `GTGT`: an acronym goes on with
                // a subject in small letters; other capitals do not
                let upper_goes_on = self
                    .h
                    .subject
                    .as_ref()
                    .is_some_and(|s| !is_upper_line(&s.text) && is_acronym_line(t));
                if (is_upper_line(t) && !upper_goes_on) || is_label_line(t) {
                    return false;
                }
                if let Some(s) = &mut self.h.subject {
                    // `V/v` / `: Thực hiện …`: the label's colon wrapped
                    // onto the subject's first line
                    let t = if s.text.is_empty() {
                        t.trim_start_matches([':', ' '])
                    } else {
                        t
                    };
                    push_line(&mut s.text, t);
                    s.span.end = line.end;
                    self.subject_lines += 1;
                    return true;
                }
                false
            }
            Mode::Recipients => {
                let marker = strip_marker(t);
                if marker.len() < t.len() {
                    push_recipients(&mut self.h.recipients, text, line.start, line.end);
                    return true;
                }
                // `Kính gửi:` alone, its one addressee on the next line
                if self.h.recipients.is_empty() && is_addressee_line(t) {
                    push_recipients(&mut self.h.recipients, text, line.start, line.end);
                    return true;
                }
                let cont = t.chars().next().is_some_and(char::is_lowercase);
                // a list item cut by a line break (`…, Xây dựng, Công` /
                // `Thương, Giáo dục và Đào tạo, Y tế, Tài chính;`): a line
                // of names that closes the item the line before left open
                let words = t.split_whitespace().count();
                let closes_item = t.contains(',')
                    && (t.trim_end().ends_with(';')
                        || (t.trim_end().ends_with('.') && words <= 12))
                    && words <= 20
                    && is_addressee_line(t);
                if let Some(last) = self.h.recipients.last_mut() {
                    let printed = &text[last.span.start..last.span.end];
                    // the item's span leaves out the `;` or `.` that closes it
                    let stop = text[last.span.end..]
                        .trim_start_matches([' ', '\t'])
                        .chars()
                        .next()
                        .filter(|c| matches!(c, ';' | '.'));
                    let open = stop.is_none();
                    // `các Bộ: Công an, Ngoại giao. Y tế, Quốc phòng.` /
                    // `Giao thông vận tải, Văn hóa, …`: OCR reads the commas
                    // of a named list as full stops, its end among them
                    let named_list = stop == Some('.')
                        && printed
                            .split_once(':')
                            .is_some_and(|(_, names)| names.contains(','))
                        && t.contains(',')
                        && words <= 20
                        && is_addressee_line(t);
                    if ((cont || closes_item || is_bracketed_name_part(t)) && open) || named_list {
                        if let Some(stop) = stop {
                            // the stop the item's cleaning dropped is inside it now
                            last.name.push(stop);
                        }
                        push_line(&mut last.name, t);
                        clean_in_place(&mut last.name);
                        last.span.end = line.end;
                        return true;
                    }
                }
                false
            }
            Mode::Free => false,
        }
    }

    /// Handles one anchor cell; returns the next line index when the cell
    /// consumed following lines (a title and its subject).
    fn take_cell(&mut self, text: &str, lines: &[Line], i: usize, c: Cell) -> Option<usize> {
        let span = Span::new(c.start, c.end);
        match c.kind {
            CellKind::Country => {
                self.anchor(c.start);
                self.country = Some(text[c.start..c.end].to_owned());
                self.cover_heading(span);
            }
            CellKind::Motto => {
                self.anchor(c.start);
                self.motto = Some(text[c.start..c.end].to_owned());
                self.cover_heading(span);
            }
            CellKind::Party => {
                self.anchor(c.start);
                self.h.party_heading = true;
                self.country = Some(text[c.start..c.end].to_owned());
                self.cover_heading(span);
            }
            CellKind::Number => {
                self.anchor(c.start);
                if self.h.number.is_none() {
                    let cong_van = if self.h.title.is_some() {
                        Some(false)
                    } else {
                        None
                    };
                    if let Some(p) = parse_labelled_number(&text[c.value..c.end], cong_van) {
                        self.h.party_number = p.party;
                        if p.unreadable {
                            self.h.diagnostics.push(Diagnostic::warning(
                                DiagnosticCode::UnreadableNumber,
                                "the number cannot be read (OCR damage or a handwritten number); the symbol was kept",
                                span,
                            ));
                        }
                        self.h.number_unreadable = p.unreadable;
                        self.number_line = Some(i);
                        self.h.number = Some(Number {
                            raw: text[c.start..c.end]
                                .split_whitespace()
                                .collect::<Vec<_>>()
                                .join(" "),
                            number: p.number,
                            year: p.year,
                            symbol: Some(p.symbol),
                            type_code: p.type_code,
                            issuer_codes: p.issuer_codes,
                            unit_code: p.unit_code,
                            span,
                        });
                    }
                }
                self.issuer_locked = true;
            }
            CellKind::PlaceDate => {
                self.anchor(c.start);
                // the issuer stands above or beside the date, never below it
                if self.groups.iter().any(|g| !g.spans.is_empty()) {
                    self.issuer_locked = true;
                }
                if self.h.date.is_none() {
                    self.take_date(text, c);
                }
            }
            CellKind::Subject => {
                self.anchor(c.start);
                if self.h.subject.is_none() {
                    // `V/V … TRONG TÌNH HÌNH MỚI ỦY BAN NHÂN DÂN TỈNH KON TUM`:
                    // flattened capitals may carry the authority line
                    let whole = &text[c.value..c.end];
                    let value = if is_upper_line(whole) {
                        strip_authority(whole).trim_end()
                    } else {
                        whole
                    };
                    self.h.subject = Some(Subject {
                        text: value.to_owned(),
                        span: Span::new(span.start, span.end - (whole.len() - value.len())),
                    });
                    self.h.subject_is_vv = true;
                    self.subject_lines = 0;
                    self.mode = Mode::Subject;
                }
            }
            CellKind::Recipients => {
                self.anchor(c.start);
                self.mode = Mode::Recipients;
                push_recipients(&mut self.h.recipients, text, c.value, c.end);
            }
            CellKind::Title => {
                self.anchor(c.start);
                self.issuer_locked = true;
                if self.h.title.is_none() {
                    // `QUYẾT ĐỊNH CỦA CHỦ TỊCH NƯỚC`: an old title names its
                    // issuer after it, the trích yếu follows below
                    let inline = c.value > c.start
                        && c.value < c.end
                        && !names_the_issuer(&text[c.value..c.end]);
                    let title_end = if c.value > c.start && c.value < c.end {
                        c.value
                    } else {
                        c.end
                    };
                    let entry: &TypeEntry = type_by_title(&text[c.start..title_end])?;
                    self.h.title = Some(DocType {
                        code: entry.code.to_owned(),
                        name: entry.name.to_owned(),
                        span: Span::new(c.start, title_end),
                    });
                    if inline {
                        // the trích yếu follows on the same line, then maybe the authority
                        let rest = &text[c.value..c.end];
                        let subject = strip_authority(rest).trim();
                        let at = c.value + (rest.len() - rest.trim_start().len());
                        let subject = Subject {
                            text: subject.to_owned(),
                            span: Span::new(at, at + subject.len()),
                        };
                        // a trích yếu in capitals may go on below
                        return Some(self.take_title_block(text, lines, i + 1, Some(subject)));
                    }
                    return Some(self.take_title_block(text, lines, i + 1, None));
                }
            }
            CellKind::Mark => self.take_mark(text, c),
            CellKind::Upper => self.take_upper(text, c),
            CellKind::Other => {}
        }
        None
    }

    fn cover_heading(&mut self, span: Span) {
        self.heading_span = Some(self.heading_span.map_or(span, |h| h.cover(span)));
    }

    fn take_date(&mut self, text: &str, c: Cell) {
        let cell = &text[c.start..c.end];
        let f = folded_across_lines(cell);
        let Some(m) = find_date(&f.key) else {
            return;
        };
        let (Some(all), Some(d), Some(mo), Some(y)) =
            (m.get(0), m.name("d"), m.name("m"), m.name("y"))
        else {
            return;
        };
        let date_span = Span::new(c.start + f.byte(all.start()), c.start + f.byte(all.end()));
        let raw = text[date_span.start..date_span.end].trim_end().to_owned();
        let date_span = Span::new(date_span.start, date_span.start + raw.len());
        let mut date = DocDate {
            raw,
            year: None,
            month: None,
            day: None,
            span: date_span,
        };
        let parts = [
            ("day", d.start(), d.end()),
            ("month", mo.start(), mo.end()),
            ("year", y.start(), y.end()),
        ];
        for (name, s, e) in parts {
            let value = f.slice(s, e);
            let part = match name {
                "year" => year_with_footnote(value).map_or_else(|| date_part(value), Part::Value),
                _ => date_part(value),
            };
            match part {
                Part::Value(v) => match name {
                    "day" if (1..=31).contains(&v) => date.day = Some(v),
                    "month" if (1..=12).contains(&v) => date.month = Some(v),
                    "year" if (1900..=2200).contains(&v) => date.year = i32::try_from(v).ok(),
                    _ => self.h.diagnostics.push(Diagnostic::warning(
                        DiagnosticCode::InvalidDate,
                        format!("the {name} of the date ({v}) is out of range"),
                        date_span,
                    )),
                },
                Part::Blank => self.h.diagnostics.push(Diagnostic::warning(
                    DiagnosticCode::date_part(name, true),
                    format!("the {name} of the date is left blank"),
                    date_span,
                )),
                Part::Unreadable => self.h.diagnostics.push(Diagnostic::warning(
                    DiagnosticCode::date_part(name, false),
                    format!("the {name} of the date cannot be read: {:?}", value.trim()),
                    date_span,
                )),
            }
        }
        self.h.date = Some(date);
        if let Some((s, e)) = place_before(&f, all.start()) {
            self.h.place = Some(Place {
                name: f
                    .slice(s, e)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                span: Span::new(c.start + f.byte(s), c.start + f.byte(e)),
            });
        }
    }

    /// After a title line: its trích yếu (begun on the title's line when
    /// `subject` is given), then the authority line, if any.
    fn take_title_block(
        &mut self,
        text: &str,
        lines: &[Line],
        mut j: usize,
        mut subject: Option<Subject>,
    ) -> usize {
        let inline = subject.is_some();
        if !inline {
            while j < lines.len() && !lines[j].is_content() {
                j += 1;
            }
        }
        // a consolidated text printed in the gazette: the documents it
        // merges are listed right under its subject
        let consolidated = lines[..j].iter().any(|l| {
            l.is_content() && folded_starts_with(l.text(text).trim_start(), CONSOLIDATED_TITLE)
        });
        let mut count = usize::from(inline);
        let mut lower_tail = false;
        while j < lines.len() && count < 6 {
            let l = lines[j];
            if matches!(l.kind, LineKind::Noise | LineKind::Stamp) {
                // a year alone is read as a page number; under a range
                // left open it ends the subject
                if let Some(s) = subject
                    .as_mut()
                    .filter(|s| ends_year_range(&s.text, l.text(text)))
                {
                    push_line(&mut s.text, l.text(text).trim());
                    s.span.end = l.end;
                }
                j += 1;
                continue;
            }
            if !l.is_content() {
                // a trích yếu in small letters whose lines a blank line
                // parts (`Hướng dẫn việc lập hồ sơ` / blank / `đối với …`)
                if subject
                    .as_ref()
                    .is_some_and(|s| subject_continues_after_gap(text, lines, j, Some(s)))
                {
                    j += 1;
                    continue;
                }
                break;
            }
            // without the bold or italic marks of a web page (`**Về việc …**`)
            let t = l.text(text).trim_matches(['*', '_', ' ']);
            let key = fold(t);
            // `GIẤY MỜI` / `Kính gửi:`: the addressees, not a trích yếu; a
            // trích yếu in small letters may begin with a type's name
            // (`Quy định mức điều chỉnh …`)
            let upper = is_upper_line(t);
            if starts_body(&key)
                || (upper && type_by_title(t).is_some())
                || RECIPIENTS.is_match(&key)
                || (consolidated && subject.is_some() && opens_with_dated_citation(&key))
            {
                break;
            }
            match &mut subject {
                None => {
                    let skip = SUBJECT
                        .find(&key)
                        .map_or(0, |m| Folded::new(t).byte(m.end()));
                    subject = Some(Subject {
                        text: t[skip..].to_owned(),
                        span: Span::new(l.start, l.end),
                    });
                }
                Some(s) => {
                    // a title's trích yếu in capitals ends where a line in
                    // mixed case begins: the body, or a công điện's
                    // `THỦ TƯỚNG CHÍNH PHỦ điện:`
                    let title_case = is_upper_line(&s.text);
                    // a Party title's subject in capitals goes on in small
                    // letters (`HỘI NGHỊ LẦN THỨ BẢY …` / `về xây dựng …`),
                    // and then ends where a line opens with a capital
                    let starts_lower = t.starts_with(char::is_lowercase);
                    if title_case && starts_lower {
                        lower_tail = true;
                    } else if lower_tail && !starts_lower {
                        break;
                    }
                    let ends_range = ends_year_range(&s.text, t);
                    if upper != title_case && !t.starts_with('(') && !lower_tail && !ends_range {
                        break;
                    }
                    if !upper && body_sentence_after(&s.text, t) {
                        break;
                    }
                    // the authority line right under a subject in capitals
                    // (`CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN PHÚ`), no blank
                    // line between them
                    if upper && opens_authority(&s.text, t) {
                        break;
                    }
                    push_line(&mut s.text, t);
                    s.span.end = l.end;
                }
            }
            count += 1;
            j += 1;
        }
        if let Some(mut s) = subject {
            if let Some(cut) = own_reference_len(&s.text) {
                // the subject's text is its lines joined: the span keeps
                // its end and starts where the rest is printed
                let rest = s.text[cut..].to_owned();
                let printed = &text[s.span.start..s.span.end];
                // joining lines only shortens the text: the rest is printed
                // no earlier than this
                let mut from = cut.saturating_sub(4 * printed.matches('\n').count());
                while !printed.is_char_boundary(from) {
                    from -= 1;
                }
                let first = rest.split_whitespace().next().unwrap_or("");
                if let Some(at) = printed[from..].find(first).filter(|_| !first.is_empty()) {
                    s.span.start += from + at;
                    s.text = rest;
                }
            }
            if !s.text.is_empty() {
                self.h.subject = Some(s);
            }
        }
        // The authority line (thẩm quyền ban hành): a short all-caps paragraph.
        let mut k = j;
        while k < lines.len() && !lines[k].is_content() {
            k += 1;
        }
        let mut n = 0;
        while k + n < lines.len() && lines[k + n].is_content() && n < 3 {
            let t = lines[k + n].text(text);
            if !is_upper_line(t) || starts_body(&fold(t)) || type_by_title(t).is_some() {
                break;
            }
            n += 1;
        }
        if n > 0
            && (k + n >= lines.len()
                || !lines[k + n].is_content()
                || starts_body(&fold(lines[k + n].text(text))))
        {
            return k + n;
        }
        j
    }

    fn finish(mut self, text: &str) -> Header {
        if let Some(span) = self.heading_span {
            if let Some(country) = self.country.take() {
                self.h.national_heading = Some(NationalHeading {
                    country,
                    motto: self.motto.take().map(|m| trim_rule(&m).to_owned()),
                    span,
                });
            }
        }
        if let Some(s) = &mut self.h.subject {
            let t = s.text.trim().trim_end_matches(['.', ';', ':']).trim();
            // the closing quote of a quoted trích yếu (`"Vv xin …"`), its
            // opening one dropped with the label
            let t = match t.strip_suffix(['"', '”']) {
                Some(open) if !open.contains(['"', '“']) => open.trim_end(),
                _ => t,
            };
            s.text = t.trim_end_matches(['.', ';', ':']).trim().to_owned();
        }
        self.h.issuer = build_issuer(text, &self.groups);
        self.h
    }
}

enum Part {
    Value(u32),
    Blank,
    Unreadable,
}

fn date_part(s: &str) -> Part {
    // `ngài: 19`: OCR's `ngày` read with a colon after it
    let t: String = s
        .trim_start()
        .trim_start_matches(':')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.chars()
        .all(|c| matches!(c, '.' | '…' | '_' | '-' | '/' | ','))
    {
        return Part::Blank;
    }
    if t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()) {
        return t.parse().map_or(Part::Unreadable, Part::Value);
    }
    // OCR reads a 1 as `l`/`I`/`|` and a 0 as `O`/`o` (`l8`, `2O`): with at
    // least one real digit beside them, the part is still a number
    let ocr: String = t.chars().map(ocr_digit).collect();
    if t.len() <= 4
        && t.chars().any(|c| c.is_ascii_digit())
        && ocr.chars().all(|c| c.is_ascii_digit())
    {
        return ocr.parse().map_or(Part::Unreadable, Part::Value);
    }
    Part::Unreadable
}

/// A year with a footnote's number glued on (`năm 20264` in an official
/// gazette's text, footnote 4): five digits whose first four are a year of
/// the 1900s or 2000s; that year.
fn year_with_footnote(s: &str) -> Option<u32> {
    let t = s.trim();
    let plausible = t.len() == 5
        && t.bytes().all(|b| b.is_ascii_digit())
        && (t.starts_with("19") || t.starts_with("20"));
    plausible.then(|| t[..4].parse().ok()).flatten()
}

/// The digit OCR mistakes a letter for (`l`, `I`, `|` → 1; `O`, `o` → 0).
fn ocr_digit(c: char) -> char {
    match c {
        'l' | 'I' | '|' | 'i' => '1',
        'O' | 'o' => '0',
        _ => c,
    }
}

/// The place: capitalised words right before `, ngày` (folded offsets).
fn place_before(f: &Folded<'_>, date_at: usize) -> Option<(usize, usize)> {
    let before = f.slice(0, date_at);
    let trimmed = before.trim_end().trim_end_matches(',').trim_end();
    if trimmed.is_empty() {
        return None;
    }
    let mut start = trimmed.len();
    let lower_ok = [
        "phố",
        // `Thành pho Hỗ Chi Minh`: OCR's `phố` without its marks
        "pho",
        "thị",
        "xã",
        "trấn",
        "tỉnh",
        "huyện",
        "quận",
        "phường",
    ];
    for word in trimmed.rsplit(' ') {
        // a word after a line break: its line's first, the place's first
        // unless [`place_wrapped_at`] finds it began on the line above
        let (word, wrapped) = match word.rfind('\n') {
            Some(k) => (&word[k + 1..], true),
            None => (word, false),
        };
        let first = word.chars().next();
        // `Phan Rang-Tháp Chàm`: a hyphen joins two capitalised parts
        let ok = first.is_some_and(char::is_uppercase)
            && (word.chars().all(|c| c.is_alphabetic() || c == '.')
                || word.split('-').all(|part| {
                    let mut chars = part.chars();
                    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
                }))
            || lower_ok.contains(&word);
        if !ok {
            break;
        }
        start -= word.len();
        if wrapped {
            break;
        }
        start = start.saturating_sub(1);
    }
    let start = trimmed[start..]
        .find(|c: char| !c.is_whitespace())
        .map_or(trimmed.len(), |k| start + k);
    if start >= trimmed.len() {
        return None;
    }
    let start = place_wrapped_at(trimmed, start);
    // back to folded (char) offsets
    let s = before[..start].chars().count();
    let e = before[..trimmed.len()].chars().count();
    Some((s, e))
}

/// Whether line `t` may be a place's first words left on a line of their
/// own: one or two words, each a capital then small letters (`Sơn`, `Mỹ`,
/// `Buôn Ma`), not an issuer's line in capitals.
fn place_fragment(t: &str) -> bool {
    let mut words = 0;
    t.split_whitespace().all(|w| {
        words += 1;
        let mut chars = w.trim_end_matches(',').chars();
        chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
    }) && (1..=2).contains(&words)
}

/// Where a place that starts a line at `start` of `before` begins when
/// its first word was left on the line above (`Sơn` / `La, ngày …`): that
/// line is one or two words, each a capital then small letters (a place's
/// name, not an issuer's line in capitals).
fn place_wrapped_at(before: &str, start: usize) -> usize {
    let Some(head) = before[..start].trim_end_matches(' ').strip_suffix('\n') else {
        return start;
    };
    let line_start = head.rfind('\n').map_or(0, |k| k + 1);
    if place_fragment(&head[line_start..]) {
        line_start + head[line_start..].len() - head[line_start..].trim_start().len()
    } else {
        start
    }
}

/// The words that open a letter's first sentence and never a name
/// (folded): `Phúc đáp Công văn số …`, `Thực hiện …`.
const SENTENCE_OPENERS: [&str; 4] = ["phuc dap", "tra loi", "thuc hien", "tiep theo"];

/// The words that open a letter's body after `Kính gửi` (folded), besides
/// [`SENTENCE_OPENERS`]: `Trong thời gian qua …`, `Theo …`.
const BODY_OPENERS: &[&str] = &[
    "trong thoi gian",
    "theo ",
    "ngay ",
    "vua qua",
    "hien nay",
    "sau khi",
    "de ",
    "nham ",
    "ve viec",
    "tai ",
    "qua ",
];

/// The most words an addressee's line holds; a longer line is a
/// sentence of the body (`Bộ Tài chính nhận được Công văn số …`).
const MAX_ADDRESSEE_WORDS: usize = 20;

/// Whether `t`, the line after a bare `Kính gửi:`, names an addressee
/// rather than opening the body: capitalised, short, and no body opener.
fn is_addressee_line(t: &str) -> bool {
    let key = fold(t);
    t.chars().next().is_some_and(char::is_uppercase)
        && t.split_whitespace().count() <= MAX_ADDRESSEE_WORDS
        && !starts_body(&key)
        && !SENTENCE_OPENERS
            .iter()
            .chain(BODY_OPENERS)
            .any(|o| key.starts_with(o))
}

/// The recipients in `text[start..end]`: items end at `;`, whether each
/// stands on a line of its own or a flattened cell holds them all
/// (`- Bộ Tài chính; - Bộ Kế hoạch và Đầu tư.`).
///
/// Where list markers follow the `;` (`- A; - B`), only those `;` end an
/// item: `Các Bộ, cơ quan ngang Bộ; cơ quan thuộc Chính phủ` is one.
fn push_recipients(out: &mut Vec<Recipient>, text: &str, start: usize, end: usize) {
    let end = body_glued_at(&text[start..end]).map_or(end, |k| start + k);
    let range = &text[start..end];
    let marked = range.trim_start().starts_with(['-', '+', '•']);
    let mut item = start;
    let mut at = start;
    for part in range.split_inclusive(';') {
        at += part.len();
        let next = text[at..end].trim_start();
        if !marked || next.is_empty() || next.starts_with(['-', '+', '•']) {
            push_recipient(out, text, item, at);
            item = at;
        }
    }
    if item < end {
        push_recipient(out, text, item, end);
    }
}

/// Where a letter's body starts inside a recipients cell that flattening
/// glued it to (`Kính gửi: Tổng công ty Khí (PV GAS) Phúc đáp Công văn số
/// …`): a sentence opener with a capital after a space.
fn body_glued_at(range: &str) -> Option<usize> {
    // a whole word: the opener, then a space
    let opens = |key: &KeyPrefix<12>| {
        SENTENCE_OPENERS
            .iter()
            .chain(&["can cu"])
            .any(|o| key.starts_with(o) && key.as_bytes().get(o.len()) == Some(&b' '))
    };
    range.match_indices(' ').map(|(i, _)| i + 1).find(|&p| {
        range[p..].starts_with(char::is_uppercase) && opens(&KeyPrefix::<12>::new(&range[p..]))
    })
}

fn push_recipient(out: &mut Vec<Recipient>, text: &str, start: usize, end: usize) {
    let raw = &text[start..end];
    let name = clean_item(raw);
    if name.is_empty() {
        return;
    }
    let off = raw.find(name).unwrap_or(0);
    out.push(Recipient {
        name: name.to_owned(),
        span: Span::new(start + off, start + off + name.len()),
    });
}

/// An item without its marker and trailing `;`, `,`, `.`.
pub(crate) fn clean_item(s: &str) -> &str {
    strip_marker(s.trim())
        .trim()
        .trim_end_matches([';', ',', '.', ':'])
        .trim_end()
}

/// [`clean_item`] in place (no new string for each continued line).
fn clean_in_place(s: &mut String) {
    let clean = clean_item(s);
    let start = clean.as_ptr() as usize - s.as_ptr() as usize;
    let end = start + clean.len();
    s.truncate(end);
    s.drain(..start);
}

/// The number after a `Số:` label; OCR that lost the slash (`5619 SYT-NVY`)
/// is read as if the last space before the symbol were the slash, since
/// after the label nothing else can follow the digits.
fn parse_labelled_number(s: &str, cong_van: Option<bool>) -> Option<number::ParsedNumber> {
    if let Some(p) = number::parse(s, cong_van) {
        return Some(p);
    }
    let lead = s.len() - s.trim_start().len();
    let digits = s[lead..].bytes().take_while(u8::is_ascii_digit).count();
    let after = &s[lead + digits..];
    let gap = after.len() - after.trim_start_matches(' ').len();
    let token = after[gap..].split([' ', '\n']).next().unwrap_or("");
    let symbol_like = token.contains('-')
        && token.starts_with(|c: char| c.is_uppercase())
        && token
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-');
    if digits == 0 || gap == 0 || !symbol_like {
        return None;
    }
    let slash_at = lead + digits + gap - 1;
    let mut fixed = String::with_capacity(s.len());
    fixed.push_str(&s[..slash_at]);
    fixed.push('/');
    fixed.push_str(&s[slash_at + 1..]);
    number::parse(&fixed, cong_van)
}

/// `/TTr- CAT-PC04` alone in a cell: a number's symbol whose `Số:` label
/// and handwritten number OCR did not read. The symbol has a type and an
/// issuer joined by a dash, in capitals (a `Tr` of `TTr` aside).
fn bare_symbol(t: &str) -> Option<number::ParsedNumber> {
    let t = t.trim();
    let sym = t.strip_prefix('/')?;
    let shaped = t.chars().count() <= 30
        && sym.contains('-')
        && sym.starts_with(|c: char| c.is_uppercase())
        && sym
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | ' ' | '/' | '&'))
        && sym.split('-').all(|g| {
            let g = g.trim();
            !g.is_empty() && !g.contains(' ') && g.chars().filter(|c| c.is_lowercase()).count() <= 1
        });
    if !shaped {
        return None;
    }
    number::parse(t, None).filter(|p| p.number.is_none() && p.len == t.len())
}

/// Drops a trailing rule (`-------`) from a cell.
fn trim_rule(s: &str) -> &str {
    s.trim_end_matches(['-', '_', '=', '*', '—', '–', ' '])
        .trim()
}

/// Splits a header line into classified cells.
/// `reach` is where a number that wraps onto the next line may end.
fn split_cells(text: &str, line: Line, reach: usize) -> Vec<Cell> {
    split_folded_cells(text, line, &Folded::new(line.text(text)), reach)
}

/// [`split_cells`] with the line already folded (`f`).
fn split_folded_cells(text: &str, line: Line, f: &Folded<'_>, reach: usize) -> Vec<Cell> {
    let mut points = vec![0];
    for m in SPLIT.find_iter(&f.key) {
        if m.start() > 0 {
            points.push(m.start());
        }
    }
    points.push(f.key.len());
    points.dedup();
    let mut cells = Vec::new();
    for w in points.windows(2) {
        let seg = Segment {
            base: line.start,
            a: w[0],
            b: w[1],
            reach: if w[1] == f.key.len() {
                reach
            } else {
                line.start + f.byte(w[1])
            },
        };
        classify_segment(text, f, seg, &mut cells, 0);
    }
    issuer_beside_country(text, &mut cells);
    cells
}

/// The cell left of the Quốc hiệu on its line is the issuer's, even when OCR
/// lost the capitals of some letters (`Bộ YTÉ` | `CỘNG HÒA XÃ HỘI …`): a short
/// cell starting with a capital, most of whose letters are capitals.
fn issuer_beside_country(text: &str, cells: &mut [Cell]) {
    if let [first, second, ..] = cells {
        if first.kind == CellKind::Other && second.kind == CellKind::Country {
            let t = &text[first.start..first.end];
            let letters = t.chars().filter(|c| c.is_alphabetic()).count();
            let upper = t.chars().filter(|c| c.is_uppercase()).count();
            if t.starts_with(char::is_uppercase)
                && word_count_at_most(t, 8)
                && upper * 3 >= letters * 2
            {
                first.kind = CellKind::Upper;
            }
        }
    }
}

/// Whether `t` has at most `n` words.
fn word_count_at_most(t: &str, n: usize) -> bool {
    t.split_whitespace().nth(n).is_none()
}

/// A stretch of a line between two anchors (folded offsets `a..b`).
#[derive(Clone, Copy)]
struct Segment {
    base: usize,
    a: usize,
    b: usize,
    reach: usize,
}

fn classify_segment(text: &str, f: &Folded<'_>, seg: Segment, out: &mut Vec<Cell>, depth: u8) {
    let Segment { base, a, b, reach } = seg;
    // trim white space and rules at both ends (folded offsets)
    let key = &f.key[a..b];
    let lead = key.len() - key.trim_start_matches([' ', '|', '*', '_', '#']).len();
    let trail_trimmed = key
        .trim_end_matches(['|', ' '])
        .trim_end_matches(['-', '_', '=', '*', '#', ' ']);
    let (a2, b2) = (a + lead, a + trail_trimmed.len());
    if b2 <= a2 {
        return;
    }
    let key = &f.key[a2..b2];
    let start = base + f.byte(a2);
    let end = base + f.byte(b2);
    let cell = |kind, value: usize| Cell {
        start,
        end,
        kind,
        value: base + f.byte(a2 + value),
    };
    if key.starts_with("van ban ") {
        if let Some(body) = gazette_section(key, &f.key[a..b]) {
            // the issuer's name after a gazette's `VĂN BẢN HỢP NHẤT -`
            if body < key.len() && depth <= 1 {
                let rest = Segment {
                    a: a2 + key[..body].chars().count(),
                    b: b2,
                    ..seg
                };
                classify_segment(text, f, rest, out, depth + 1);
            }
            return;
        }
    }
    // Each anchored pattern is tried only on keys that start with its first
    // letters (every alternative of the pattern starts with them).
    if key.starts_with("cong") && COUNTRY.is_match(key) {
        out.push(cell(CellKind::Country, 0));
    } else if key.starts_with("doc") && MOTTO.is_match(key) {
        out.push(cell(CellKind::Motto, 0));
    } else if key.starts_with("dang") && PARTY.is_match(key) {
        out.push(cell(CellKind::Party, 0));
    } else if let Some(m) = key
        .starts_with(['v', '\'', '`', '"'])
        .then(|| SUBJECT.find(key))
        .flatten()
    {
        // flattened text: `V/v … Luật DN 2014 Hà Nội, ngày 23 tháng 5 năm
        // 2019`: the place and date end the cell
        match glued_place_date(&text[start..end], key).filter(|_| depth <= 1) {
            Some(place) => {
                out.push(Cell {
                    end: start
                        + text[start..end]
                            .char_indices()
                            .nth(place)
                            .map_or(0, |(i, _)| i),
                    ..cell(CellKind::Subject, m.end())
                });
                let rest = Segment {
                    a: a2 + place,
                    b: b2,
                    ..seg
                };
                classify_segment(text, f, rest, out, depth + 1);
            }
            None => out.push(cell(CellKind::Subject, m.end())),
        }
    } else if let Some(m) = (key.starts_with("kinh") || key.starts_with("dong"))
        .then(|| RECIPIENTS.find(key))
        .flatten()
    {
        out.push(cell(CellKind::Recipients, m.end()));
    } else if is_ocr_recipients_label(key) {
        out.push(cell(CellKind::Recipients, key.len()));
    } else if key.ends_with(" dien:") && key.len() < 80 {
        // a công điện's addressees: `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:`
        out.push(cell(CellKind::Recipients, key.len()));
    } else if let Some((value, p)) = key
        .starts_with(NUMBER_LABEL_FIRST)
        .then(|| NUMBER_LABEL.find(key))
        .flatten()
        .and_then(|m| {
            let back =
                usize::from(key[..m.end()].ends_with(|c: char| c.is_ascii_digit() || c == '/'));
            let value = base + f.byte(a2 + m.end() - back);
            // a number may wrap onto the next line (`…/TTLT-VKSNDTC-` / `TANDTC-BCA`)
            let limit = if b == f.key.len() {
                reach.max(end)
            } else {
                end
            };
            parse_labelled_number(&text[value..limit], None)
                .filter(|p| !cites_a_document(key, &text[(value + p.len).min(end)..end]))
                .map(|p| (value, p))
        })
    {
        let num_end = value + p.len;
        out.push(Cell {
            start,
            end: num_end,
            kind: CellKind::Number,
            value,
        });
        // the rest of the cell: a place and date, usually
        if depth == 0 && num_end < end {
            let rest_chars = text[start..num_end].chars().count();
            let rest = Segment {
                a: a2 + rest_chars,
                b: b2,
                ..seg
            };
            classify_segment(text, f, rest, out, depth + 1);
        }
    } else if let Some(p) = bare_symbol(&text[start..end]) {
        // OCR lost the `Số:` label and the handwritten number
        out.push(Cell {
            start,
            end: start + p.len,
            kind: CellKind::Number,
            value: start,
        });
    } else if let Some(m) = find_date(key).and_then(|c| c.get(0)).filter(|m| {
        preceded_like_place(&text[start..base + f.byte(a2 + m.start())])
            && !continues_a_sentence(&text[base + f.byte(a2 + m.end())..end])
    }) {
        // flattened text: `Hà Nội, ngày 08 tháng 6 năm 2022 THÔNG TƯ BAN HÀNH …`
        let rest = key[m.end()..].trim_start_matches([' ', ',', '.']);
        let rest_text = &text[base + f.byte(b2 - rest.len())..end];
        // the title and subject in capitals, maybe with the body's first
        // sentence glued on after them (`… CẢ NƯỚC Ngày 24 tháng 6 …`)
        let title_chars = if is_upper_line(rest_text) {
            Some(rest.len())
        } else {
            title_run_chars(rest_text)
        };
        if let Some(chars) = title_chars.filter(|_| depth <= 1 && rest.len() > 3) {
            out.push(Cell {
                start,
                end: base + f.byte(a2 + m.end()),
                kind: CellKind::PlaceDate,
                value: start,
            });
            let rest_seg = Segment {
                a: b2 - rest.len(),
                b: b2 - rest.len() + chars,
                ..seg
            };
            classify_segment(text, f, rest_seg, out, depth + 1);
        } else {
            out.push(cell(CellKind::PlaceDate, 0));
        }
    } else if let Some((_, chars)) = title_prefix(&text[start..end]).filter(|&(_, chars)| {
        // the title in capitals, then a subject in capitals or a scrap of OCR debris
        let seg = &text[start..end];
        let split = seg.char_indices().nth(chars).map_or(seg.len(), |(b, _)| b);
        is_upper_line(&seg[..split])
            && (is_upper_line(seg) || seg[split..].trim().chars().count() <= 3)
    }) {
        out.push(cell(CellKind::Title, chars));
    } else {
        out.push(cell(other_kind(&text[start..end], key), 0));
    }
}

/// Whether a number under a type's name (`Quyết định số 60/2015/QĐ-TTg`,
/// `key` folded) with `after` after it cites that document, its date
/// right after the number (`… ngày 27 tháng 11 năm 2015 của Thủ tướng …`)
/// or words in small letters (a page's title: `Quyết định số
/// 1961/2019/QĐ-UBND tỉnh Kiên Giang`), rather than giving the document's
/// own number (`Luật số: 45/2019/QH14`).
fn cites_a_document(key: &str, after: &str) -> bool {
    let after = after.trim_start();
    // … or a sentence or a page's title goes on (`… tỉnh Kiên Giang`, `…
    // của Bộ Tài chính`)
    !key.starts_with(['s', '$', '8'])
        && (folded_starts_with(after, "ngay ") || after.starts_with(char::is_lowercase))
}

/// The sections of the official gazette (Công báo) its documents are
/// printed under, folded: page furniture above a document's own header.
const GAZETTE_SECTIONS: [&str; 3] = [
    "van ban quy pham phap luat",
    "van ban phap luat khac",
    CONSOLIDATED_TITLE,
];

/// Whether the folded cell `key` (`untrimmed`: before a closing dash was
/// trimmed) is a gazette's section heading: one of [`GAZETTE_SECTIONS`]
/// alone, or `VĂN BẢN HỢP NHẤT - BỘ TÀI CHÍNH`, the consolidated texts of
/// one issuer, its name after the dash or on the next line. Gives where
/// the issuer's name starts in `key` (`key.len()` when it is not there).
fn gazette_section(key: &str, untrimmed: &str) -> Option<usize> {
    if GAZETTE_SECTIONS.contains(&key) {
        let dashed = untrimmed.trim_end_matches([' ', '|']).ends_with('-');
        return (key != CONSOLIDATED_TITLE || dashed).then_some(key.len());
    }
    let rest = key.strip_prefix(CONSOLIDATED_TITLE)?.trim_start();
    let body = rest.strip_prefix('-')?.trim_start();
    (!body.is_empty()).then(|| key.len() - body.len())
}

/// A title and subject in capitals that a sentence of the body follows on
/// the same flattened line (`CHỈ THỊ VỀ CÔNG TÁC … TRONG CẢ NƯỚC Ngày 24
/// tháng 6 năm 1977 Hội đồng …`): the chars of the run of words without a
/// small letter, when a type's title opens it, at least two words follow
/// the title, and the word after the run starts with a capital.
fn title_run_chars(s: &str) -> Option<usize> {
    let mut run_len = 0;
    for word in s.split_inclusive(' ') {
        if word.chars().any(char::is_lowercase) {
            let run = s[..run_len].trim_end();
            // the folded title holds a byte a char
            let (_, title_chars) = title_prefix(run)?;
            let sentence = word.starts_with(char::is_uppercase);
            let subject_words = run.chars().skip(title_chars).collect::<String>();
            return (sentence
                && subject_words.split_whitespace().count() >= 2
                && is_upper_line(run))
            .then(|| run.chars().count());
        }
        run_len += word.len();
    }
    None
}

/// Whether what stands before a date on its cell can be the place of issue
/// (`Hà Nội, ngày …`, `TP. Hồ Chí Minh ngày …`), a label (`Chứng nhận lần
/// đầu: ngày …`) or nothing: a date after a small word (`trước ngày …`) or
/// a notation (`công văn số 8014/VPCP-KGVX ngày …`) is inside a sentence.
fn preceded_like_place(before: &str) -> bool {
    let before = before.trim_end();
    before.is_empty()
        || before.ends_with([',', ':'])
        || before
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
}

/// `CỦA BỘ XÂY DỰNG SỐ 04/2001/TT-BXD NGÀY 20 THÁNG 8 NĂM 2001 HƯỚNG DẪN …`:
/// an old title's line names the document itself (its issuer, number and
/// date) before the trích yếu. The bytes of that reference, up to the
/// trích yếu, when the subject opens with `của … số …` and a date closes
/// it within its first thirty words.
fn own_reference_len(subject: &str) -> Option<usize> {
    let f = Folded::new(subject);
    if !f.key.starts_with("cua ") {
        return None;
    }
    let m = DATE.find(&f.key)?;
    let before = &f.key[..m.start()];
    let is_year = |y: &str| y.trim().len() == 4 && y.trim().bytes().all(|b| b.is_ascii_digit());
    let year = f.key[..m.end()].rsplit(' ').next().is_some_and(is_year);
    let short = before.split_whitespace().count() <= 30;
    (before.contains(" so ") && year && short && m.end() < f.key.len())
        .then(|| f.byte(m.end()))
        .map(|b| b + (subject[b..].len() - subject[b..].trim_start().len()))
}

/// Whether the words after a date go on with a sentence (`ngày 28 tháng 10
/// năm 2015 của Chính phủ`, `… năm 1945 từ trần:`): a cited document's date
/// or a date inside running text or a table, wrapped onto a line of its own,
/// never the place and date of issue, which ends its line or is followed by
/// the title in capitals. The first word after the date starts with a small
/// letter and has two letters at least.
fn continues_a_sentence(after: &str) -> bool {
    let word = after
        .trim_start_matches([' ', ','])
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    word.chars().count() >= 2 && word.starts_with(char::is_lowercase)
}

/// Where a place and date that flattening glued to the end of a cell start
/// (`V/v … Luật DN 2014 Hà Nội, ngày 23 tháng 5 năm 2019`), in chars from
/// the cell's start (`key` is the cell folded, a byte a char): the
/// capitalised words, at most five, before `, ngày …`, which ends the
/// cell; `None` when nothing would be left before them.
fn glued_place_date(cell: &str, key: &str) -> Option<usize> {
    let m = DATE.find(key)?;
    if !key[m.end()..].trim_end_matches([' ', '.']).is_empty() {
        return None;
    }
    // `key` holds a byte a char: the date starts at that char of `cell`
    let date = cell
        .char_indices()
        .nth(m.start())
        .map_or(cell.len(), |(b, _)| b);
    let before = cell[..date].trim_end().strip_suffix(',')?.trim_end();
    let words: Vec<&str> = before.split(' ').collect();
    let place = words
        .iter()
        .rev()
        .take(5)
        .take_while(|w| w.starts_with(char::is_uppercase))
        .count();
    if place == 0 || place >= words.len() - 1 {
        return None;
    }
    // where the first word of the place starts: after the words kept and
    // the space after each
    let kept: usize = words[..words.len() - place]
        .iter()
        .map(|w| w.chars().count() + 1)
        .sum();
    Some(kept)
}

/// Whether `line`, under a subject in capitals that reads `subject` so
/// far, is the authority line (thẩm quyền ban hành) rather than the
/// subject's next line: [`strip_authority`] cuts the two joined no later
/// than where `line` starts.
fn opens_authority(subject: &str, line: &str) -> bool {
    let joined = format!("{} {}", subject.trim_end(), line.trim());
    strip_authority(&joined).len() <= subject.trim_end().len()
}

/// `… TRÊN ĐỊA BÀN TỈNH CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH` → the subject without
/// the authority line that flattening glued to it.
fn strip_authority(s: &str) -> &str {
    static HEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r" (?:chu tich|bo truong|thu tuong|tong cuc truong|cuc truong|giam doc|thong doc|chanh an|vien truong|tong kiem toan) ")
            .expect("valid regex")
    });
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r" (?:chinh phu|quoc hoi|uy ban thuong vu quoc hoi|hoi dong tham phan toa an nhan dan toi cao)$").expect("valid regex")
    });
    static LOCAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r" (?:uy ban nhan dan|hoi dong nhan dan) (?:tinh|thanh pho|huyen|quan|thi xa|thi tran|xa|phuong)(?: [a-z]+){0,4}$").expect("valid regex")
    });
    let f = Folded::new(s);
    let key = f.key.trim_end();
    // `… CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH QUY ĐỊNH …` names an official inside the
    // subject: an authority line is not a complement
    let complement = |at: usize| {
        key[..at]
            .rsplit(' ')
            .next()
            .is_some_and(|w| ["cua", "cho", "voi", "giao", "va", "pho"].contains(&w))
    };
    let cut = HEAD
        .find_iter(key)
        .chain(TAIL.find(key))
        .chain(LOCAL.find(key))
        .find(|m| !complement(m.start()))
        .map(|m| m.start());
    match cut {
        Some(k) if k > 0 => f.slice(0, k),
        _ => s,
    }
}

fn other_kind(t: &str, key: &str) -> CellKind {
    if MARKS.iter().any(|(k, _)| key == *k) && is_upper_line(t) {
        return CellKind::Mark;
    }
    if is_upper_line(t) {
        if type_by_title(t).is_some() || names_a_paper(key) {
            return CellKind::Title;
        }
        return CellKind::Upper;
    }
    CellKind::Other
}

/// `GIẤY CHỨNG NHẬN ĐĂNG KÝ ĐẦU TƯ`, `GIẤY XÁC NHẬN …` (folded key): the
/// title of a paper (giấy) a body issues, whatever its type; no body's name
/// starts with it, so it is never the issuer.
fn names_a_paper(key: &str) -> bool {
    key.strip_prefix("giay ")
        .is_some_and(|rest| rest.split_whitespace().count() >= 2)
}

/// Capitalised lines that may name the issuer, in reading order.
#[derive(Debug, Default)]
struct Group {
    spans: Vec<Span>,
    /// Only blank lines or rules separate it from the group before.
    soft: bool,
}

/// Merges the lines of a group into names (`ỦY BAN NHÂN DÂN` + `TỈNH BẮC GIANG` is one name).
fn group_names(text: &str, group: &Group) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for s in &group.spans {
        let t = trim_rule(&text[s.start..s.end]).to_owned();
        if t.is_empty() {
            continue;
        }
        match names.last_mut() {
            Some(prev) if continues_name(&t) || opens_name(prev) => push_line(prev, &t),
            _ => names.push(t),
        }
    }
    names.dedup_by(|a, b| fold(a) == fold(b));
    names
}

/// The last group of capitalised lines before the number → name and parent.
/// A parent written a blank line above the name (OCR row layout) counts too,
/// unless it repeats the name (a gazette's section heading).
fn build_issuer(text: &str, groups: &[Group]) -> Option<Issuer> {
    let k = groups.iter().rposition(|g| !g.spans.is_empty())?;
    let group = &groups[k];
    let mut span = group.spans.iter().copied().reduce(Span::cover)?;
    let mut names = group_names(text, group);
    let name = names.pop()?;
    let mut parent = names.pop();
    if parent.is_none() && group.soft && k > 0 {
        let prev = &groups[k - 1];
        if let Some(p) = group_names(text, prev).pop() {
            if fold(&p) != fold(&name) && !continues_name(&name) {
                if let Some(ps) = prev.spans.iter().copied().reduce(Span::cover) {
                    span = span.cover(ps);
                }
                parent = Some(p);
            }
        }
    }
    if parent.is_none() {
        if let Some((p, n)) = split_one_line(&name) {
            return Some(Issuer {
                name: n,
                parent: Some(p),
                span,
            });
        }
    }
    Some(Issuer { name, parent, span })
}

/// The first words of a body's name that never stand alone, folded: a
/// web page's source or a narrow column broke the line after them (`ỦY` /
/// `BAN NHÂN DÂN TỈNH SƠN LA`, `THƯỜNG TRỰC` / `HĐND - UBND TỈNH …`).
const NAME_OPENERS: [&str; 9] = [
    "uy",
    "uy ban",
    "ban",
    "bo",
    "so",
    "cuc",
    "tong",
    "hoi dong",
    "thuong truc",
];

/// Whether `line` is only the first words of a body's name
/// ([`NAME_OPENERS`]), its next line the rest.
fn opens_name(line: &str) -> bool {
    NAME_OPENERS.contains(&fold(line).trim())
}

/// `TỈNH BẮC GIANG` under `ỦY BAN NHÂN DÂN` continues the name; so does
/// `VÀ XÃ HỘI`, `TRUNG ƯƠNG` under `BAN CHẤP HÀNH`, and a lone word (`NỘI`
/// under `UBND THÀNH PHỐ HÀ`: no body's name is one word).
fn continues_name(line: &str) -> bool {
    let key = fold(line);
    if !key.trim().is_empty() && !key.trim().contains(' ') {
        return true;
    }
    if ["tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy"]
        .iter()
        .any(|p| key.starts_with(p))
    {
        return false;
    }
    [
        "tinh ",
        "thanh pho ",
        "tp ",
        "tp.",
        "huyen ",
        "quan ",
        "thi xa ",
        "xa ",
        "phuong ",
        "thi tran ",
        "va ",
        "- ",
        "& ",
        "cua ",
        "trung uong",
        // `CỤC CẢNH SÁT ĐIỀU TRA` / `TỘI PHẠM VỀ MA TÚY`: the police's
        // units name the crimes they fight on a line of their own
        "toi pham ",
        "ve ",
    ]
    .iter()
    .any(|p| key.starts_with(p))
        || line.chars().next().is_some_and(char::is_lowercase)
}

/// `UBND TỈNH SƠN LA SỞ THÔNG TIN VÀ TRUYỀN THÔNG` on one line → (parent, name).
fn split_one_line(line: &str) -> Option<(String, String)> {
    static ORG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r" (?:so|tong cuc|chi cuc|cuc|vu|ban|van phong|phong|truong|trung tam|vien|benh vien|kho bac|hoi dong|thanh tra|cong an|bo chi huy) ")
            .expect("valid regex")
    });
    let f = Folded::new(line);
    let key = &f.key;
    let mut best = None;
    for m in ORG.find_iter(key) {
        let left = &key[..m.start()];
        if left.ends_with(" tong") || left.ends_with(" chi") || left == "tong" || left == "chi" {
            continue;
        }
        if left.split_whitespace().count() >= 2
            && key[m.start() + 1..].split_whitespace().count() >= 2
        {
            best = Some(m.start());
        }
    }
    let at = best?;
    Some((
        f.slice(0, at).trim().to_owned(),
        f.slice(at + 1, key.len()).trim().to_owned(),
    ))
}

/// A line that is a number and symbol under its label (`Số: 462/VBHN-BLĐTBXH`),
/// as a consolidated text prints it in its closing block: the number and
/// its diagnostics, or `None` when the line is no such line.
pub(crate) fn number_line(text: &str, line: &Line) -> Option<(Number, Vec<Diagnostic>)> {
    let t = line.text(text);
    if t.chars().count() > 60 {
        return None;
    }
    let f = Folded::new(t);
    let m = NUMBER_LABEL.find(&f.key)?;
    // `so12/…`: the label's pattern took the number's first char
    let back = usize::from(f.key[..m.end()].ends_with(|c: char| c.is_ascii_digit() || c == '/'));
    let mut st = State::default();
    st.take_cell(
        text,
        &[],
        0,
        Cell {
            start: line.start,
            end: line.end,
            kind: CellKind::Number,
            value: line.start + f.byte(m.end() - back),
        },
    );
    st.h.number.map(|n| (n, st.h.diagnostics))
}

/// A line that is only a place and a date (`Lào Cai, ngày   tháng 7 năm
/// 2026`), as licences and certificates print it above the signature block
/// instead of in the header: its place, its date and the date's diagnostics
/// (a blank day…), or `None` when the line holds anything else.
pub(crate) fn place_date_line(
    text: &str,
    line: &Line,
) -> Option<(Place, DocDate, Vec<Diagnostic>)> {
    let t = line.text(text);
    if t.chars().count() > 80 || !t.contains(',') {
        return None;
    }
    let mut st = State::default();
    st.take_date(
        text,
        Cell {
            start: line.start,
            end: line.end,
            kind: CellKind::PlaceDate,
            value: line.start,
        },
    );
    let (place, date) = (st.h.place?, st.h.date?);
    // the place opens the line and the date closes it
    let before = &text[line.start..place.span.start];
    let after = &text[date.span.end..line.end];
    let bare = |s: &str| !s.chars().any(char::is_alphanumeric);
    (bare(before) && bare(after)).then_some((place, date, st.h.diagnostics))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split;

    fn header(text: &str) -> Header {
        parse(text, &split(text))
    }

    #[test]
    fn column_major_cong_van() {
        let t = "UBND TỈNH QUẢNG BÌNH\nSỞ NỘI VỤ\n-------\nSố: 05/SNV-VP\nV/v nâng bậc lương\nnăm 2024\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\nQuảng Bình, ngày 05 tháng 02 năm 2024\n\nKính gửi: Bộ Nội vụ.\n\nThực hiện ...";
        let h = header(t);
        let i = h.issuer.unwrap();
        assert_eq!(
            (i.name.as_str(), i.parent.as_deref()),
            ("SỞ NỘI VỤ", Some("UBND TỈNH QUẢNG BÌNH"))
        );
        let n = h.number.unwrap();
        assert_eq!(
            (n.number.as_deref(), n.symbol.as_deref()),
            (Some("05"), Some("SNV-VP"))
        );
        assert_eq!(h.subject.unwrap().text, "nâng bậc lương năm 2024");
        let d = h.date.unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2024), Some(2), Some(5)));
        assert_eq!(h.place.unwrap().name, "Quảng Bình");
        assert_eq!(h.recipients[0].name, "Bộ Nội vụ");
        let nh = h.national_heading.unwrap();
        assert_eq!(nh.motto.as_deref(), Some("Độc lập - Tự do - Hạnh phúc"));
        assert_eq!(split(t)[h.body_start].text(t), "Thực hiện ...");
    }

    #[test]
    fn a_papers_title_is_not_its_issuer() {
        // a certificate has no `Số:` line: the capitals under the Quốc
        // hiệu are its title, the issuer stays the block at the top left
        let t = "UBND TỈNH YÊN BÁI\nBAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nGIẤY CHỨNG NHẬN ĐĂNG KÝ ĐẦU TƯ\nMã số dự án: 1234567890\nChứng nhận lần đầu: ngày 02 tháng 3 năm 2026\n\nCăn cứ Luật Đầu tư;";
        let i = header(t).issuer.unwrap();
        assert_eq!(
            (i.name.as_str(), i.parent.as_deref()),
            ("BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP", Some("UBND TỈNH YÊN BÁI"))
        );
        assert!(names_a_paper("giay xac nhan dang ky"));
        assert!(!names_a_paper("giay"));
        assert!(!names_a_paper("giao thong van tai"));
    }

    #[test]
    fn merged_row_major_lines() {
        let t = "TONG CUC THUE CONG HÒA XÃ HỘI CHỦ NGHĨA VIET NAM\nCỤC THUE TINH BAC NINH Độc lập - Tự do - Hạnh phúc\nSố: /HC-TH Đà Nẵng, ngày tháng 3 năm 2010\n\nNội dung.";
        let h = header(t);
        let i = h.issuer.unwrap();
        assert_eq!(
            (i.name.as_str(), i.parent.as_deref()),
            ("CỤC THUE TINH BAC NINH", Some("TONG CUC THUE"))
        );
        assert_eq!(h.number.unwrap().number, None);
        assert_eq!(h.place.unwrap().name, "Đà Nẵng");
        let d = h.date.unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2010), Some(3), None));
        assert!(h.diagnostics.iter().any(|d| d.code == "blank_day"));
    }

    #[test]
    fn typed_document_title_subject_authority() {
        let t = "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 12/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc phê duyệt kế hoạch\nnăm 2024\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\nCăn cứ Luật Tổ chức chính quyền địa phương;";
        let h = header(t);
        assert_eq!(h.issuer.unwrap().name, "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG");
        assert_eq!(h.title.unwrap().code, "QĐ");
        assert_eq!(h.subject.unwrap().text, "phê duyệt kế hoạch năm 2024");
        assert!(split(t)[h.body_start].text(t).starts_with("Căn cứ"));
    }

    #[test]
    fn party_number_and_heading() {
        let t =
            "ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY BẮC GIANG\n*\nSố 12-CV/TU\nV/v tổng kết\n\nNội dung.";
        let h = header(t);
        assert!(h.party_heading && h.party_number);
        assert_eq!(h.number.unwrap().symbol.as_deref(), Some("CV/TU"));
        assert_eq!(h.issuer.unwrap().name, "TỈNH ỦY BẮC GIANG");
    }

    #[test]
    fn place_starting_like_a_number_label() {
        // `Sơn La` folds to `son la`: not a `Số` label
        let h = header("ỦY BAN NHÂN DÂN TỈNH SƠN LA\nSố: 254/QĐ-UBND\nSơn La, ngày 17 tháng 02 năm 2023\n\nQUYẾT ĐỊNH\nBan hành kế hoạch\n\nCăn cứ Luật;");
        assert_eq!(h.place.unwrap().name, "Sơn La");
        assert_eq!(h.date.unwrap().day, Some(17));
    }

    #[test]
    fn number_wrapped_onto_the_next_line() {
        let t = "BỘ CÔNG AN\nSố: 01/2022/TTLT-VKSNDTC-\nTANDTC-BCA\nHà Nội, ngày 18 tháng 02 năm 2022\n\nTHÔNG TƯ LIÊN TỊCH\nQuy định\n\nCăn cứ Luật;";
        let h = header(t);
        let n = h.number.unwrap();
        assert_eq!(n.symbol.as_deref(), Some("TTLT-VKSNDTC-TANDTC-BCA"));
        assert_eq!(n.raw, "Số: 01/2022/TTLT-VKSNDTC- TANDTC-BCA");
        assert_eq!(h.issuer.unwrap().name, "BỘ CÔNG AN");
        let t = "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nSố:\n755/2005/NQ-UBTVQH11 Hà Nội, ngày 02 tháng 4 năm 2005\nCăn cứ Hiến pháp;";
        let h = header(t);
        assert_eq!(h.number.unwrap().number.as_deref(), Some("755"));
        assert_eq!(h.place.unwrap().name, "Hà Nội");
    }

    #[test]
    fn flattened_date_title_subject_authority() {
        let t = "BỘ TÀI CHÍNH\nSố: 31/2022/TT-BTC Hà Nội, ngày 08 tháng 6 năm 2022 THÔNG TƯ BAN HÀNH DANH MỤC HÀNG HÓA BỘ TRƯỞNG BỘ TÀI CHÍNH\nCăn cứ Luật Hải quan;";
        let h = header(t);
        assert_eq!(h.date.unwrap().day, Some(8));
        assert_eq!(h.title.unwrap().code, "TT");
        assert_eq!(h.subject.unwrap().text, "BAN HÀNH DANH MỤC HÀNG HÓA");
        let t = "CHÍNH PHỦ\nSố: 36/2015/NĐ-CP\nHà Nội, ngày 17 tháng 04 năm 2015\nNGHỊ ĐỊNH QUY ĐỊNH TIÊU CHÍ THÀNH LẬP CỤC HẢI QUAN\nCăn cứ Luật;";
        let h = header(t);
        assert_eq!(h.title.unwrap().code, "NĐ");
        assert_eq!(
            h.subject.unwrap().text,
            "QUY ĐỊNH TIÊU CHÍ THÀNH LẬP CỤC HẢI QUAN"
        );
    }

    #[test]
    fn ocr_damaged_header() {
        let t = "TONG CUC THUE CONG HOA XA HOI CHU NGHIA VIET NAM\n\nCUC THUE TP HAI PHONG Độc lập - Ty do - Hạnh phúc\nSố: AO5f /CT-TTHT | Hai Phong, ngày 05 tháng năm 2020\nV/v giải đáp chính sách thué\nKính gửi: Công ty TNHH Toyota\n\nNội dung.";
        let h = header(t);
        let i = h.issuer.unwrap();
        assert_eq!(
            (i.name.as_str(), i.parent.as_deref()),
            ("CUC THUE TP HAI PHONG", Some("TONG CUC THUE"))
        );
        let n = h.number.unwrap();
        assert_eq!((n.number, n.symbol.as_deref()), (None, Some("CT-TTHT")));
        assert!(h.number_unreadable);
        let d = h.date.unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2020), None, Some(5)));
        assert_eq!(h.place.unwrap().name, "Hai Phong");
        assert_eq!(h.subject.unwrap().text, "giải đáp chính sách thué");
        let t = "CUC THUE\nSá:4HHH /CT-TTHT Thành phố Hỗ Chi Minh, ngàu:J_ tháng 02jhăm 2018\nV/v Chính sách thuế\n\nNội dung.";
        let h = header(t);
        let d = h.date.unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2018), Some(2), None));
        assert!(h.diagnostics.iter().any(|d| d.code == "unreadable_day"));
        assert_eq!(h.number.unwrap().symbol.as_deref(), Some("CT-TTHT"));
        // `ngài:` for `ngày`, `pho` for `phố`
        let t = "CỤC THUẾ TP HỒ CHÍ MINH
Số: 6770/CTTPHCM-KK Thành pho Hỗ Chi Minh, ngài: 19 tháng 7 nam 2021
V/v gia hạn nộp thuế

Nội dung.";
        let h = header(t);
        let d = h.date.unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2021), Some(7), Some(19)));
        assert_eq!(h.place.unwrap().name, "Thành pho Hỗ Chi Minh");
    }

    #[test]
    fn marks_after_the_number_and_cong_dien_addressees() {
        let t = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố: 09/CĐ-UBND\nQuảng Ninh, ngày 05 tháng 9 năm 2024\n\nHỎA TỐC\nMẬT\n\nCÔNG ĐIỆN\nVề việc ứng phó với bão\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:\n- Chủ tịch UBND các huyện;\n- Công an tỉnh.\n\nNội dung.";
        let h = header(t);
        assert_eq!(h.marks.urgency.unwrap().text, "HỎA TỐC");
        assert_eq!(h.marks.confidentiality.unwrap().text, "MẬT");
        assert_eq!(h.title.unwrap().code, "CĐ");
        assert_eq!(h.subject.unwrap().text, "ứng phó với bão");
        assert_eq!(h.recipients.len(), 2);
    }

    #[test]
    fn ocr_debris_between_header_lines() {
        // a junk line before the number, `$6:` for `Số:`, a subject split by
        // a blank line, a title with a scrap of debris, a stamp line after the date
        let t = "TONG CUC THUE CONG HOA XA HOI CHU NGHIA VIET NAM\nCUC THUE TINH HUNG YEN Độc lập - Tự do - Hanh phúc\nsci L2 ME ats i ae\n$6:6440 /CTHYE-TTKT3 Hung Yên, ngayd$ tháng 12 năm 2021\nV/v chính sách thuế\n\nnhà thầu nước ngoài\n\nKính gửi: Tổng cục Thuế.\n\nNội dung.";
        let h = header(t);
        assert_eq!(h.number.unwrap().number.as_deref(), Some("6440"));
        assert_eq!(h.date.unwrap().month, Some(12));
        assert_eq!(
            h.subject.unwrap().text,
            "chính sách thuế nhà thầu nước ngoài"
        );
        assert_eq!(h.recipients[0].name, "Tổng cục Thuế");
        let t = "BỘ NGOẠI GIAO CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: OTERO TS\nHà Nội, ngày 26 tháng 01 năm 2024\nBỘ TÀI CHÍNH\nTHÔNG BÁO ae\nVề hiệu lực của điều ước\n\nNội dung.";
        let h = header(t);
        assert_eq!(h.issuer.unwrap().name, "BỘ NGOẠI GIAO");
        assert_eq!(h.title.unwrap().code, "TB");
    }

    #[test]
    fn ocr_damaged_header_labels_of_a_scan() {
        // `V/v` read as `'V/`, `V/` or `VWv`; it is the subject, not a section V
        for vv in ["'V/", "V/", "VWv", "V/v"] {
            let h = header(&format!("BỘ NGOẠI GIAO\nSố: 385/BNG-LS\n{vv} hướng dẫn việc kiểm tra\n\nHà Nội, ngày 18 tháng 8 năm 2021\n\nKính gửi: Ủy ban nhân dân tỉnh X.\n\nNội dung.\n"));
            assert_eq!(
                h.subject.map(|s| s.text).as_deref(),
                Some("hướng dẫn việc kiểm tra"),
                "{vv}"
            );
            assert_eq!(h.date.and_then(|d| d.day), Some(18), "{vv}");
        }
        // a 1 read as `l` beside a real digit, and `thang` glued to it
        let h = header(
            "BỘ NGOẠI GIAO\nSố: 385/BNG-LS\nHà Nội, ngày l8thang 1O năm 2021\n\nNội dung.\n",
        );
        let d = h.date.unwrap();
        assert_eq!((d.day, d.month, d.year), (Some(18), Some(10), Some(2021)));
        // no real digit: not a number
        let h = header(
            "BỘ NGOẠI GIAO\nSố: 385/BNG-LS\nHà Nội, ngày ll tháng 10 năm 2021\n\nNội dung.\n",
        );
        assert_eq!(h.date.unwrap().day, None);
        // `Số:` read as `86:`, and the slash lost after the digits
        for label in ["86:5619 SYT-NVY", "Số: 5619 SYT-NVY", "Số: 5619/SYT-NVY"] {
            let h = header(&format!("SỞ Y TẾ\n{label} Thành phố Hồ Chí Minh, ngày 5 tháng 4 năm 2020\nV/v triển khai\n\nNội dung.\n"));
            let n = h.number.expect(label);
            assert_eq!(
                (n.number.as_deref(), n.symbol.as_deref()),
                (Some("5619"), Some("SYT-NVY")),
                "{label}"
            );
            assert_eq!(
                h.place.map(|p| p.name).as_deref(),
                Some("Thành phố Hồ Chí Minh")
            );
        }
        // the issuer beside the Quốc hiệu with capitals lost, and a Quốc
        // hiệu cut short by OCR
        let h = header("Bộ YTÉ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 10688/BYT-MT\n\nNội dung.\n");
        assert_eq!(h.issuer.map(|i| i.name).as_deref(), Some("Bộ YTÉ"));
        let h = header("CỤC HẢI QUAN TỈNH X CONG HOA XÃ Hi\nCHI CỤC HẢI QUAN Y Độc lập - Tự do\nSố: 140/TB-HQ\n\nNội dung.\n");
        let i = h.issuer.unwrap();
        assert_eq!(
            (i.name.as_str(), i.parent.as_deref()),
            ("CHI CỤC HẢI QUAN Y", Some("CỤC HẢI QUAN TỈNH X"))
        );
        // a sentence left of the Quốc hiệu is not an issuer
        let h = header(
            "Theo đề nghị của sở CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/UBND\n\nNội dung.\n",
        );
        assert!(h.issuer.is_none(), "{:?}", h.issuer);
        // a bare number and a word in capitals is not a number without its slash
        let h = header("SỞ Y TẾ\nSố: 5619 THÁNG TƯ\nV/v triển khai\n\nNội dung.\n");
        assert!(h.number.is_none(), "{:?}", h.number);
    }

    #[test]
    fn recipient_items_cut_by_a_line_break_and_an_empty_kinh_gui() {
        let h = header("THỦ TƯỚNG CHÍNH PHỦ\nSố: 9/CĐ-TTg\nHà Nội, ngày 05 tháng 02 năm 2024\nKính gửi:\n- Các Bộ: Quốc phòng, Công an, Xây dựng, Công\nThương, Y tế, Tài chính;\n- Ủy ban nhân dân các tỉnh.\nNgày 4/2/2024, mưa lớn đã gây ngập, lũ trên diện rộng.\n");
        let names: Vec<&str> = h.recipients.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Các Bộ: Quốc phòng, Công an, Xây dựng, Công Thương, Y tế, Tài chính",
                "Ủy ban nhân dân các tỉnh"
            ]
        );
        let h = header("BỘ TƯ PHÁP\nSố: 95/GM-BTP\nHà Nội, ngày 05 tháng 02 năm 2024\nGIẤY MỜI\nKính gửi:\n\nBộ Tư pháp trân trọng kính mời.\n");
        assert!(h.subject.is_none(), "{:?}", h.subject);
    }

    #[test]
    fn ocr_spellings_of_the_number_label() {
        for (line, number) in [
            ("sốl 0688/BYT-MT Hà Nội, ngày 05 tháng 02 năm 2024", "0688"),
            ("S: 2946/TLD-TC Hà Nội, ngày 05 tháng 02 năm 2024", "2946"),
        ] {
            let h = header(&format!("BỘ Y TẾ\n{line}\nV/v phòng dịch\n\nNội dung."));
            let n = h.number.unwrap_or_else(|| panic!("{line}"));
            assert_eq!(n.number.as_deref(), Some(number), "{line}");
        }
    }

    #[test]
    fn a_body_glued_to_the_recipients_is_not_a_recipient() {
        let h = header("BỘ KẾ HOẠCH VÀ ĐẦU TƯ\nSố: 3397/BKHĐT-QLKTTW V/v hướng dẫn Kính gửi: Tổng công ty Khí Việt Nam (PV GAS) Phúc đáp Công văn số 615/KVN-PC của Tổng công ty, Bộ có ý kiến như sau:\n\nNội dung.");
        let names: Vec<&str> = h.recipients.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Tổng công ty Khí Việt Nam (PV GAS)"]);
        // an opener in lower case is part of a name, not a sentence
        assert_eq!(super::body_glued_at("Ban chỉ đạo thực hiện Đề án 06"), None);
    }

    #[test]
    fn a_place_and_date_glued_to_the_subject_are_read_apart() {
        // a web page's header flattened onto one line
        let h = header("BỘ KẾ HOẠCH VÀ ĐẦU TƯ\nSố: 3397/BKHĐT-QLKTTW V/v hướng dẫn Điều 162 Luật DN 2014 Hà Nội, ngày 23 tháng 5 năm 2019 Kính gửi: Tổng công ty Khí\n\nNội dung.");
        assert_eq!(
            h.subject.as_ref().map(|s| s.text.as_str()),
            Some("hướng dẫn Điều 162 Luật DN 2014")
        );
        assert_eq!(h.place.as_ref().map(|p| p.name.as_str()), Some("Hà Nội"));
        assert_eq!(
            h.date.as_ref().map(|d| (d.year, d.month, d.day)),
            Some((Some(2019), Some(5), Some(23)))
        );
        // nothing but capitalised words before the date: no subject to cut
        assert_eq!(
            super::glued_place_date(
                "V/v Hà Nội, ngày 23 tháng 5 năm 2019",
                "v/v ha noi, ngay 23 thang 5 nam 2019"
            ),
            None
        );
    }

    #[test]
    fn a_cited_number_inside_the_subject_is_part_of_it() {
        let h = header("UBND TỈNH A\nSố: 5/UBND-NC\nV/v triển khai thực hiện\nCông văn số 4552/BCA-C04\ncủa Bộ Công an\n\nKính gửi: Công an tỉnh\n\nNội dung./.\n");
        assert_eq!(
            h.subject.unwrap().text,
            "triển khai thực hiện Công văn số 4552/BCA-C04 của Bộ Công an"
        );
        assert_eq!(h.number.unwrap().number.as_deref(), Some("5"));
        assert_eq!(h.recipients.len(), 1);
        let h = header("BỘ TÀI CHÍNH\nSố: 920/TCT-CS\nV/v lấy ý kiến dự thảo Nghị định sửa đổi Nghị định\nsố 123/2020/NĐ-CP\nHà Nội, ngày 05 tháng 02 năm 2024\n\nNội dung.");
        assert_eq!(
            h.subject.unwrap().text,
            "lấy ý kiến dự thảo Nghị định sửa đổi Nghị định số 123/2020/NĐ-CP"
        );
        assert_eq!(h.number.unwrap().number.as_deref(), Some("920"));
    }

    #[test]
    fn bare_kinh_gui_then_one_addressee_or_the_body() {
        let h = header("UBND TỈNH X\nSở Tài chính\nSố: 12/STC-QLNS\nV/v thuế\nX, ngày 05 tháng 02 năm 2024\nKính gửi:\nCông ty TNHH Hoa Mai;\nMã số thuế: 0101;\n\nNội dung.");
        let names: Vec<&str> = h.recipients.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Công ty TNHH Hoa Mai"]);
        let h = header("UBND TỈNH X\nSở Tài chính\nSố: 12/STC-QLNS\nV/v thuế\nX, ngày 05 tháng 02 năm 2024\nKính gửi:\nPhúc đáp Công văn số 3/CV ngày 2/1/2024 của Công ty.\n");
        assert!(h.recipients.is_empty(), "{:?}", h.recipients);
        // a ministry is an addressee; a sentence that names one is the body
        let h = header("UBND TỈNH X\nSố: 12/UBND-KT\nV/v thuế\nX, ngày 05 tháng 02 năm 2024\nKính gửi:\nBộ Tài chính.\n\nNội dung.");
        assert_eq!(h.recipients.len(), 1, "{:?}", h.recipients);
        let h = header("UBND TỈNH X\nSố: 12/UBND-KT\nV/v thuế\nX, ngày 05 tháng 02 năm 2024\nKính gửi:\nBộ Tài chính nhận được Công văn số 5/CV ngày 2/1/2024 của Công ty TNHH Hoa Mai về việc hoàn thuế giá trị gia tăng của dự án đầu tư, Bộ có ý kiến như sau:\n");
        assert!(h.recipients.is_empty(), "{:?}", h.recipients);
    }

    #[test]
    fn a_police_units_crimes_continue_its_name() {
        let h = header(
            "BỘ CÔNG AN\nCỤC CẢNH SÁT ĐIỀU TRA\nTỘI PHẠM VỀ MA TUÝ\nSố: 12/C04-P6\n\n\
             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
        );
        let issuer = h.issuer.expect("issuer");
        assert_eq!(issuer.name, "CỤC CẢNH SÁT ĐIỀU TRA TỘI PHẠM VỀ MA TUÝ");
        assert_eq!(issuer.parent.as_deref(), Some("BỘ CÔNG AN"));
    }

    #[test]
    fn a_symbol_without_its_label_and_number_is_the_number() {
        let h = header(
            "BỘ CÔNG AN\nCÔNG AN TỈNH LÂM ĐỒNG\n/TTr- CAT-PC04\n\n\
             CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
        );
        let n = h.number.expect("number");
        assert_eq!(
            (n.number, n.symbol.as_deref()),
            (None, Some("TTr-CAT-PC04"))
        );
        assert_eq!(
            h.issuer.map(|i| i.name).as_deref(),
            Some("CÔNG AN TỈNH LÂM ĐỒNG")
        );
    }

    #[test]
    fn parent_broken_across_lines() {
        let h = header("UBND THÀNH PHỐ HÀ\nNỘI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 12/SGDĐT-VP\nHà Nội, ngày 05 tháng 02 năm 2024\n\nNội dung.");
        let issuer = h.issuer.unwrap();
        assert_eq!(issuer.parent.as_deref(), Some("UBND THÀNH PHỐ HÀ NỘI"));
        assert_eq!(issuer.name, "SỞ GIÁO DỤC VÀ ĐÀO TẠO");
        let h = header("BAN CHẤP HÀNH\nTRUNG ƯƠNG\nVĂN PHÒNG\nSố 12-TB/VPTW\nHà Nội, ngày 05 tháng 02 năm 2024\n\nNội dung.");
        let issuer = h.issuer.unwrap();
        assert_eq!(issuer.parent.as_deref(), Some("BAN CHẤP HÀNH TRUNG ƯƠNG"));
        assert_eq!(issuer.name, "VĂN PHÒNG");
    }

    #[test]
    fn one_line_parent_split() {
        assert_eq!(
            split_one_line("UBND TỈNH SƠN LA SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
            Some((
                "UBND TỈNH SƠN LA".to_owned(),
                "SỞ THÔNG TIN VÀ TRUYỀN THÔNG".to_owned()
            ))
        );
        assert_eq!(
            split_one_line("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"),
            None
        );
        assert_eq!(
            split_one_line("TỔNG CỤC THUẾ CỤC THUẾ TP HÀ NỘI"),
            Some(("TỔNG CỤC THUẾ".to_owned(), "CỤC THUẾ TP HÀ NỘI".to_owned()))
        );
    }

    #[test]
    fn a_date_that_goes_on_with_a_sentence_is_not_the_date_of_issue() {
        use super::{continues_a_sentence, preceded_like_place};
        assert!(continues_a_sentence(" của Chính phủ."));
        assert!(continues_a_sentence(" từ trần:"));
        assert!(!continues_a_sentence(""));
        assert!(!continues_a_sentence(" QUYẾT ĐỊNH VỀ VIỆC"));
        assert!(!continues_a_sentence(" ."));
        assert!(preceded_like_place(""));
        assert!(preceded_like_place("Hà Nội,"));
        assert!(preceded_like_place("TP. Hồ Chí Minh "));
        assert!(preceded_like_place("Chứng nhận lần đầu:"));
        assert!(!preceded_like_place("cách mạng trước "));
        assert!(!preceded_like_place("Tại công văn số 8014/VPCP-KGVX "));
    }

    #[test]
    fn a_title_run_ends_where_a_sentence_begins() {
        use super::title_run_chars;
        let s = "CHỈ THỊ VỀ CÔNG TÁC ĐO ĐẠC Ngày 24 tháng 6";
        assert_eq!(
            title_run_chars(s),
            Some("CHỈ THỊ VỀ CÔNG TÁC ĐO ĐẠC".chars().count())
        );
        // no type's title opens it, or nothing but the title before the sentence
        assert_eq!(title_run_chars("VỀ CÔNG TÁC ĐO ĐẠC Ngày 24 tháng 6"), None);
        assert_eq!(title_run_chars("CHỈ THỊ Ngày 24 tháng 6"), None);
        // small words after the capitals do not start a sentence
        assert_eq!(title_run_chars("CHỈ THỊ VỀ CÔNG TÁC đo đạc"), None);
    }

    #[test]
    fn a_footnote_glued_to_the_year_is_dropped() {
        use super::year_with_footnote;
        assert_eq!(year_with_footnote("20264"), Some(2026));
        assert_eq!(year_with_footnote(" 19983 "), Some(1998));
        assert_eq!(year_with_footnote("2026"), None);
        assert_eq!(year_with_footnote("30264"), None);
        assert_eq!(year_with_footnote("202645"), None);
    }

    #[test]
    fn an_authority_line_is_cut_off_the_end_of_a_subject_only() {
        use super::strip_authority;
        assert_eq!(
            strip_authority("VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH NĂM 2022 ỦY BAN NHÂN DÂN TỈNH TÂY NINH"),
            "VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH NĂM 2022"
        );
        let cited =
            "SỬA ĐỔI THÔNG TƯ SỐ 38/2018/TT-BTC CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH QUY ĐỊNH VỀ XUẤT XỨ";
        assert_eq!(strip_authority(cited), cited);
        assert_eq!(
            strip_authority("BAN HÀNH QUY CHẾ LÀM VIỆC CỦA ỦY BAN NHÂN DÂN TỈNH"),
            "BAN HÀNH QUY CHẾ LÀM VIỆC CỦA ỦY BAN NHÂN DÂN TỈNH"
        );
    }

    #[test]
    fn a_subject_in_small_letters_may_begin_with_a_type_name() {
        let t = "BỘ LAO ĐỘNG\nSố: 01/2025/TT-BLĐTBXH\nHà Nội, ngày 10 tháng 01 năm 2025\n\n\
                 THÔNG TƯ\nQuy định mức điều chỉnh tiền lương\nvà thu nhập tháng đã đóng \
                 bảo hiểm xã hội\n\nCăn cứ Nghị định số 62/2022/NĐ-CP;\n";
        let h = parse(t, &split(t));
        assert_eq!(
            h.subject.map(|s| s.text).as_deref(),
            Some("Quy định mức điều chỉnh tiền lương và thu nhập tháng đã đóng bảo hiểm xã hội")
        );
    }

    #[test]
    fn an_old_title_naming_its_own_document_is_not_the_subject() {
        let t = "BỘ XÂY DỰNG\nSố: 04/2001/TT-BXD\nHà Nội, ngày 20 tháng 8 năm 2001\n\nTHÔNG TƯ\n\n\
                 CỦA BỘ XÂY DỰNG SỐ 04/2001/TT-BXD NGÀY 20 THÁNG 8 NĂM 2001 HƯỚNG DẪN BỔ SUNG\n\
                 VIỆC HỖ TRỢ CẢI THIỆN NHÀ Ở\n\nCăn cứ Quyết định số 20/2000/QĐ-TTg;\n";
        let h = parse(t, &split(t));
        let s = h.subject.expect("a subject");
        assert_eq!(s.text, "HƯỚNG DẪN BỔ SUNG VIỆC HỖ TRỢ CẢI THIỆN NHÀ Ở");
        assert!(t[s.span.start..s.span.end].starts_with("HƯỚNG DẪN"));
        assert!(t[s.span.start..s.span.end].ends_with("NHÀ Ở"));
        // a subject about another body's document keeps its words
        assert_eq!(
            super::own_reference_len("CỦA CÁC BỘ VỀ VIỆC THỰC HIỆN"),
            None
        );
    }

    #[test]
    fn a_national_heading_broken_in_two_is_not_the_issuer() {
        for (first, second) in [
            ("CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM"),
            ("CỘNG", "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ("| CỘNG HÒA", "XÃ HỘI CHỦ NGHĨA VIỆT NAM |"),
        ] {
            let t = format!(
                "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\n{first}\n{second}\nĐộc lập - Tự do - Hạnh phúc\n\
                 Số: 12/KH-UBND\nAn Phú, ngày 02 tháng 3 năm 2020\n\nKẾ HOẠCH\nCHUYỂN ĐỔI SỐ\n"
            );
            let h = header(&t);
            let issuer = h.issuer.expect("an issuer");
            assert_eq!(issuer.name, "ỦY BAN NHÂN DÂN TỈNH AN PHÚ", "{first}");
            assert_eq!(issuer.parent, None, "{first}");
            let heading = h.national_heading.expect("a national heading");
            assert_eq!(heading.country, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
            assert!(t[heading.span.start..heading.span.end].ends_with("Hạnh phúc"));
        }
        // a line that only begins like it is no part of it
        let t = "CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA XÃ HỘI\n";
        assert!(header(t)
            .national_heading
            .is_none_or(|h| h.country == "CỘNG HÒA XÃ HỘI"));
    }

    #[test]
    fn a_place_and_date_broken_over_lines_is_read_whole() {
        for (lines, place) in [
            ("An Phú, ngày\n02 tháng 3 năm 2020", "An Phú"),
            ("An Phú, ngày 02\ntháng 3 năm 2020", "An Phú"),
            ("Buôn\nMa Thuột, ngày 02 tháng 3\nnăm 2020", "Buôn Ma Thuột"),
            ("Mỹ\nTho, ngày 02 tháng 3 năm 2020", "Mỹ Tho"),
            ("Quảng Bình,\nngày 02 tháng 3 năm 2020", "Quảng Bình"),
        ] {
            let t = format!(
                "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                 Độc lập - Tự do - Hạnh phúc\nSố: 12/KH-UBND\n{lines}\n\nKẾ HOẠCH\nCHUYỂN ĐỔI SỐ\n"
            );
            let h = header(&t);
            let p = h.place.expect("a place");
            assert_eq!(p.name, place, "{lines:?}");
            assert_eq!(
                t[p.span.start..p.span.end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                place
            );
            let d = h.date.expect("a date");
            assert_eq!(
                (d.year, d.month, d.day),
                (Some(2020), Some(3), Some(2)),
                "{lines:?}"
            );
            assert_eq!(h.subject.map(|s| s.text).as_deref(), Some("CHUYỂN ĐỔI SỐ"));
        }
        // an issuer's line in capitals above a place and date is no part of it
        let t = "BỘ CÔNG THƯƠNG\nCỤC HÓA CHẤT\nHà Nội, ngày 02 tháng 3 năm 2020\n\nPHIẾU TRÌNH\n";
        let h = header(t);
        assert_eq!(h.place.map(|p| p.name).as_deref(), Some("Hà Nội"));
        assert_eq!(h.issuer.map(|i| i.name).as_deref(), Some("CỤC HÓA CHẤT"));
    }

    #[test]
    fn a_names_first_words_on_a_line_of_their_own_open_it() {
        let t = "ỦY\nBAN NHÂN DÂN TỈNH SƠN LA\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                 Độc lập - Tự do - Hạnh phúc\nSố: 12/KH-UBND\nSơn La, ngày 02 tháng 3 năm 2020\n";
        let i = header(t).issuer.expect("an issuer");
        assert_eq!(i.name, "ỦY BAN NHÂN DÂN TỈNH SƠN LA");
        assert_eq!(i.parent, None);
        // a parent of its own stays the parent
        let t = "BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\nSố: 12/TCT-CS\nHà Nội, ngày 02 tháng 3 năm 2020\n";
        let i = header(t).issuer.expect("an issuer");
        assert_eq!(
            (i.name.as_str(), i.parent.as_deref()),
            ("TỔNG CỤC THUẾ", Some("BỘ TÀI CHÍNH"))
        );
    }

    #[test]
    fn a_place_may_join_its_parts_with_a_hyphen() {
        for (line, place) in [
            (
                "Phan Rang-Tháp Chàm, ngày 05 tháng 11 năm 2010",
                "Phan Rang-Tháp Chàm",
            ),
            // a symbol's codes before the place are no part of it
            ("8 BBTCHQ-TXNK Hà Nội, ngày 05 tháng 11 năm 2010", "Hà Nội"),
        ] {
            let t = format!("SỞ Y TẾ\nSố: 45/SYT-VP\n{line}\n");
            assert_eq!(header(&t).place.map(|p| p.name).as_deref(), Some(place));
        }
    }

    #[test]
    fn a_subject_in_bold_is_read_without_its_marks() {
        let t = "SỞ Y TẾ\nSố: 58/QĐ-SYT\nTân An, ngày 25 tháng 5 năm 2010\n\n**QUYẾT ĐỊNH**\n\n\
                 **Về việc trợ cấp ưu đãi**\n\n**GIÁM ĐỐC SỞ Y TẾ**\n\nCăn cứ Luật Y tế;\n";
        let h = header(t);
        assert_eq!(h.subject.map(|s| s.text).as_deref(), Some("trợ cấp ưu đãi"));
    }

    #[test]
    fn a_subject_in_small_letters_ends_where_the_body_begins() {
        let head = "SỞ Y TẾ\nSố: 12/TB-SYT\nVinh, ngày 3 tháng 4 năm 2011\n";
        for (rest, subject) in [
            // the body's first sentence right under the subject
            (
                "THÔNG BÁO\nVề việc lịch tiếp công dân\ntháng 4 năm 2011\n\
                 Sở Y tế thông báo lịch tiếp công dân như sau:\n1. Thời gian.\n",
                "lịch tiếp công dân tháng 4 năm 2011",
            ),
            // a subject closed by a full stop
            (
                "THÔNG TƯ\nHướng dẫn việc lập hồ sơ\nđối với đơn vị sự nghiệp.\n\
                 Thi hành Nghị định số 10/2004/NĐ-CP\n",
                "Hướng dẫn việc lập hồ sơ đối với đơn vị sự nghiệp",
            ),
            // lines of the subject a blank line parts
            (
                "THÔNG TƯ\n\nHướng dẫn việc lập hồ sơ\n\nđối với đơn vị sự nghiệp\n\nCăn cứ Luật;\n",
                "Hướng dẫn việc lập hồ sơ đối với đơn vị sự nghiệp",
            ),
            // a subject's line may begin with a capital
            (
                "QUYẾT ĐỊNH\nVề việc thành lập Hội đồng thi tuyển\nSở Y tế năm 2024\n\nCăn cứ Luật;\n",
                "thành lập Hội đồng thi tuyển Sở Y tế năm 2024",
            ),
        ] {
            let t = format!("{head}{rest}");
            assert_eq!(header(&t).subject.map(|s| s.text).as_deref(), Some(subject), "{rest}");
        }
    }

    #[test]
    fn a_copys_mark_above_the_issuer_is_no_parent() {
        let t = "**BẢN SAO**\n\n**CHỦ TỊCH NƯỚC**\nSố: 212/QĐ-CTN\n\
                 Hà Nội, ngày 23 tháng 2 năm 2010\n";
        let i = header(t).issuer.expect("an issuer");
        assert_eq!((i.name.as_str(), i.parent), ("CHỦ TỊCH NƯỚC", None));
    }

    #[test]
    fn a_pages_title_naming_the_document_is_not_its_number() {
        let t = "Quyết định số 1961/2019/QĐ-UBND tỉnh Kiên Giang\n\nỦY BAN NHÂN DÂN\n\
                 TỈNH KIÊN GIANG\nSố: 1961/QĐ-UBND\nKiên Giang, ngày 28 tháng 8 năm 2019\n";
        let h = header(t);
        assert_eq!(h.number.map(|n| n.raw).as_deref(), Some("Số: 1961/QĐ-UBND"));
        assert_eq!(
            h.issuer.map(|i| i.name).as_deref(),
            Some("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG")
        );
        // a law's own number under its name is still its number
        let t = "QUỐC HỘI\nLuật số: 45/2019/QH14\nHà Nội, ngày 20 tháng 11 năm 2019\n";
        assert_eq!(
            header(t).number.and_then(|n| n.symbol).as_deref(),
            Some("QH14")
        );
    }

    #[test]
    fn kinh_gui_as_ocr_wrote_it_opens_the_recipients() {
        use super::is_ocr_recipients_label;
        assert!(is_ocr_recipients_label("kmnhgai:"));
        assert!(is_ocr_recipients_label("kinh gui:"));
        assert!(!is_ocr_recipients_label("kinh gui"));
        assert!(!is_ocr_recipients_label("khanh giai:"));
        let t = "SỞ Y TẾ\nSố: 12/SYT-VP\nHà Nội, ngày 3 tháng 4 năm 2021\nV/v báo cáo\n\
                 Kmnhgài:\n- Các bệnh viện;\n- Các trung tâm y tế.\nCăn cứ Luật;\n";
        let names: Vec<String> = header(t).recipients.into_iter().map(|r| r.name).collect();
        assert_eq!(names, ["Các bệnh viện", "Các trung tâm y tế"]);
    }

    #[test]
    fn a_subject_labelled_vv_without_its_slash_or_in_quotes() {
        for line in [
            "Vv xin hỗ trợ kinh phí",
            "\"Vv xin hỗ trợ kinh phí\"",
            "V/v xin hỗ trợ kinh phí.",
        ] {
            let t = format!("ỦY BAN NHÂN DÂN\nXÃ AN HÒA\nSố: 17/UBND\n{line}\nAn Hòa, ngày 4 tháng 5 năm 2012\n");
            assert_eq!(
                header(&t).subject.map(|s| s.text).as_deref(),
                Some("xin hỗ trợ kinh phí"),
                "{line}"
            );
        }
    }
}
