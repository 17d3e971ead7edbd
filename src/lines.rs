//! Stage 2: lines, and the page furniture among them.
//!
//! Splits the normalised text into trimmed lines and marks those that are
//! not part of the document's content: blank lines, separators (`-----`,
//! `*`), page numbers, `--- PAGE BREAK ---` markers, Công báo running headers
//! (`CÔNG BÁO/Số 361 + 362/Ngày 28-02-2025`: the gazette's number, never the
//! document's), converter front-matter and `Source:` lines. Signature stamps
//! are marked later by [`crate::stamps`].

use std::sync::LazyLock;

use regex::Regex;

use crate::fold::fold;

/// What a line is, as far as layout goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// Empty or white space only.
    Blank,
    /// A rule: dashes, underscores, stars.
    Separator,
    /// Page furniture: numbers, page markers, running headers, front-matter.
    Noise,
    /// Part of a digital-signature stamp.
    Stamp,
    /// Anything else.
    Content,
}

/// One line of the normalised text, trimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line {
    /// Start (normalised offset), after leading spaces.
    pub(crate) start: usize,
    /// End, before trailing spaces and the line break.
    pub(crate) end: usize,
    /// Its kind.
    pub(crate) kind: LineKind,
}

impl Line {
    /// The line's text.
    pub(crate) fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// Whether the line carries document content.
    pub(crate) fn is_content(&self) -> bool {
        self.kind == LineKind::Content
    }
}

static PAGE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:-{2,}\s*page\b.*-{2,}|-{1,3}\s*\d{1,4}\s*-{1,3}|trang\s+\d{1,4}(?:\s*/\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})$")
        .expect("valid regex")
});
static GAZETTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,4}\s+)?cong\s*bao\s*/?\s*(?:so\b.*|\d.*)?(?:/\s*ngay.*)?(?:\s+\d{1,4})?$")
        .expect("valid regex")
});

/// Splits `text` into classified lines.
pub(crate) fn split(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut pos = 0;
    for raw in text.split('\n') {
        let start = pos + (raw.len() - raw.trim_start().len());
        let end = pos + raw.trim_end().len();
        let end = end.max(start);
        let kind = classify(&text[start..end]);
        lines.push(Line { start, end, kind });
        pos += raw.len() + 1;
    }
    mark_front_matter(text, &mut lines);
    mark_repeated_footers(text, &mut lines);
    lines
}

static HEADER_ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"cong\s*hoa\s*xa\s*hoi|dang\s*cong\s*san\s*viet\s*nam|^so\s*[:!]")
        .expect("valid regex")
});

/// A crawler's page title before the document's own header (`Công văn
/// 2739/VPCP-ĐMDN năm 2019 quy định … do Văn phòng Chính phủ ban hành`, or a
/// Markdown `# …` heading): a long mixed-case line that comes before the
/// national heading or the number. Marks it as noise and returns its line index.
pub(crate) fn mark_editorial_title(text: &str, lines: &mut [Line]) -> Option<usize> {
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].is_content())
        .take(14)
        .collect();
    let (&first, rest) = content.split_first()?;
    let t = lines[first].text(text);
    if t.chars().count() < 30 || crate::text::is_upper_line(t) || HEADER_ANCHOR.is_match(&fold(t)) {
        return None;
    }
    if !rest
        .iter()
        .any(|&i| HEADER_ANCHOR.is_match(&fold(lines[i].text(text))))
    {
        return None;
    }
    lines[first].kind = LineKind::Noise;
    Some(first)
}

fn classify(t: &str) -> LineKind {
    if t.is_empty() {
        return LineKind::Blank;
    }
    if t.chars().all(|c| {
        matches!(
            c,
            '-' | '_' | '=' | '*' | '—' | '–' | '.' | '·' | '~' | ' ' | '…' | '•'
        )
    }) {
        return LineKind::Separator;
    }
    let head = t
        .get(..t.char_indices().nth(12).map_or(t.len(), |(i, _)| i))
        .unwrap_or(t);
    if fold(head)
        .trim_start_matches(['*', '_', ' '])
        .starts_with("source:")
    {
        return LineKind::Noise;
    }
    if t.len() > 120 {
        return LineKind::Content;
    }
    // Page furniture starts with a digit, a dash, `CÔNG BÁO`, `Trang`, an
    // address, or is a few words; anything else is content without folding.
    let lead = t.trim_start_matches(['*', '_', ' ']);
    let head = crate::fold::fold_prefix(lead, 8);
    let plausible = lead.starts_with(|c: char| c.is_ascii_digit() || c == '-')
        || ["cong bao", "trang", "file:", "http", "www."]
            .iter()
            .any(|p| head.starts_with(p))
        || lead.split_whitespace().count() <= 3;
    if !plausible {
        return LineKind::Content;
    }
    let key = fold(t);
    let key = key.trim_matches(|c: char| c == '*' || c == '_' || c == ' ');
    if PAGE_MARKER.is_match(key) || GAZETTE.is_match(key) || BROWSER.is_match(key) {
        return LineKind::Noise;
    }
    LineKind::Content
}

/// Furniture of a web page printed or captured on a phone: the status bar
/// (`10:42 ⚡ 📶 85%`), the print header (`14/3/2024, 10:42  Công văn …`),
/// a bare address line, and the print footer (`file:///C:/…/cv123.html  1/3`).
static BROWSER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\d{1,2}:\d{2}\b[^a-z]{0,24}%|\d{1,2}/\d{1,2}/\d{4},?\s+\d{1,2}:\d{2}\b.*|file:/{2,3}\S*(?:\s+\d{1,3}/\d{1,3})?|(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/\S*(?:\s+\d{1,3}/\d{1,3})?)$",
    )
    .expect("valid regex")
});

/// Contact lines (ô 13: address, phone, e-mail, website) that the page
/// layout repeats at the foot of every page are noise once they recur.
fn mark_repeated_footers(text: &str, lines: &mut [Line]) {
    use std::collections::HashMap;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let contact = |t: &str| {
        let key = fold(t);
        [
            "dien thoai",
            "dt:",
            "fax",
            "email",
            "e-mail",
            "website",
            "dia chi:",
        ]
        .iter()
        .any(|k| key.contains(k))
    };
    for l in lines
        .iter()
        .filter(|l| l.is_content() && l.end - l.start >= 20 && l.end - l.start <= 240)
    {
        let t = l.text(text);
        // contact lines carry a label's colon or an e-mail's `@`
        if (t.contains(':') || t.contains('@')) && contact(t) {
            *seen.entry(t).or_default() += 1;
        }
    }
    if seen.values().all(|&n| n < 2) {
        return;
    }
    for l in lines.iter_mut() {
        if l.is_content() && seen.get(&text[l.start..l.end]).is_some_and(|&n| n >= 2) {
            l.kind = LineKind::Noise;
        }
    }
}

/// A YAML block (`---` … `---`) before any content is converter metadata.
fn mark_front_matter(text: &str, lines: &mut [Line]) {
    let Some(first) = lines.iter().position(|l| l.kind != LineKind::Blank) else {
        return;
    };
    if lines[first].text(text) != "---" {
        return;
    }
    let Some(close) = lines[first + 1..]
        .iter()
        .take(40)
        .position(|l| l.text(text) == "---")
    else {
        return;
    };
    for l in &mut lines[first..=first + 1 + close] {
        l.kind = LineKind::Noise;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LineKind> {
        split(text).iter().map(|l| l.kind).collect()
    }

    #[test]
    fn page_furniture_is_noise() {
        use LineKind::{Blank, Content, Noise, Separator};
        assert_eq!(
            kinds("CÔNG BÁO/Số 361 + 362/Ngày 28-02-2025\n47\n--- PAGE BREAK ---\n-------\nSố: 05/UBND\n"),
            vec![Noise, Noise, Noise, Separator, Content, Blank]
        );
    }

    #[test]
    fn browser_furniture_and_repeated_contact_lines_are_noise() {
        use LineKind::{Content, Noise};
        assert_eq!(
            kinds("10:42 ⚡ 📶 85%\ndichvucong.example.gov.vn/van-ban/cv123\n14/3/2024, 10:42  Công văn 123\nfile:///C:/Users/a/cv123.html  1/3\nUBND HUYỆN"),
            vec![Noise, Noise, Noise, Noise, Content]
        );
        let t = "A\nĐiện thoại: 0252.3821 - Email: a@b.vn\nB\nĐiện thoại: 0252.3821 - Email: a@b.vn\nĐịa chỉ: số 1";
        assert_eq!(kinds(t), vec![Content, Noise, Content, Noise, Content]);
    }

    #[test]
    fn front_matter_is_noise() {
        let k = kinds("---\ntitle: \"x\"\n---\n\nBỘ TÀI CHÍNH");
        assert_eq!(k[..3], [LineKind::Noise; 3]);
        assert_eq!(k[4], LineKind::Content);
    }

    #[test]
    fn crawler_title_is_editorial() {
        let text = "Công văn 2739/VPCP-ĐMDN năm 2019 về quản trị doanh nghiệp do Văn phòng Chính phủ ban hành\nVĂN PHÒNG CHÍNH PHỦ\nSố: 2739/VPCP-ĐMDN";
        let mut lines = split(text);
        assert_eq!(mark_editorial_title(text, &mut lines), Some(0));
        assert_eq!(lines[0].kind, LineKind::Noise);
        let seed =
            "Số: /UBND-NN\nBắc Giang, ngày tháng 01 năm 2024 và một dòng dài hơn ba mươi ký tự";
        let mut lines = split(seed);
        assert_eq!(mark_editorial_title(seed, &mut lines), None);
    }

    #[test]
    fn spans_are_trimmed() {
        let text = "  Số: 05  \nx";
        let l = split(text)[0];
        assert_eq!(l.text(text), "Số: 05");
    }
}
