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

use crate::fold::{fold, fold_char, fold_head, fold_into};
use crate::span::Span;
use crate::text::folded_starts_with;

/// What a line is, as far as layout goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LineKind {
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
        &text[self.span()]
    }

    /// Where the line is (normalised offsets).
    pub(crate) fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// Whether the line carries document content.
    pub(crate) fn is_content(&self) -> bool {
        self.kind == LineKind::Content
    }
}

// The furniture regexes run on folded keys, which are ASCII: their classes
// are the ASCII ones (`(?-u:\s)`, `(?-u:\d)`, `(?-u:\b)`, and for `\S` and
// `[^a-z]` the ASCII bytes they hold), which match there exactly as the
// Unicode classes would and compile to much smaller automata (a test
// compares them).

static PAGE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(PAGE_MARKER_RE).expect("valid regex"));
const PAGE_MARKER_RE: &str = r"^(?:-{2,}(?-u:\s)*page(?-u:\b).*-{2,}|-{1,3}(?-u:\s)*(?-u:\d){1,4}(?-u:\s)*-{1,3}|trang(?-u:\s)+(?-u:\d){1,4}(?:(?-u:\s)*/(?-u:\s)*(?-u:\d){1,4})?|(?-u:\d){1,4}(?-u:\s)*/(?-u:\s)*(?-u:\d){1,4}|(?-u:\d){1,4})$";
static GAZETTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(GAZETTE_RE).expect("valid regex"));
const GAZETTE_RE: &str = r"^(?:(?-u:\d){1,4}(?-u:\s)+)?cong(?-u:\s)*bao(?-u:\s)*/?(?-u:\s)*(?:so(?-u:\b).*|(?-u:\d).*)?(?:/(?-u:\s)*ngay.*)?(?:(?-u:\s)+(?-u:\d){1,4})?$";

/// Splits `text` into classified lines.
pub(crate) fn split(text: &str) -> Vec<Line> {
    // one line per line end, and the last: the vector is the right size
    // from the start (growing by doubling held up to twice the lines, and
    // both copies at once as it grew); only table cells add more
    let breaks = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    let mut lines = Vec::with_capacity(breaks + 1);
    let mut key = String::new();
    let mut pos = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for stop in ends {
        let raw = &text[pos..stop];
        if memchr::memchr2(b'\t', b'|', raw.as_bytes()).is_none() {
            let (from, to) = trim_bounds(raw);
            let (start, end) = (pos + from, pos + to);
            let kind = classify(&text[start..end], &mut key);
            lines.push(Line { start, end, kind });
            pos = stop + 1;
            continue;
        }
        for (a, b) in cells(raw) {
            let (from, to) = trim_bounds(&raw[a..b]);
            let (start, end) = (pos + a + from, pos + a + to);
            let kind = classify(&text[start..end], &mut key);
            lines.push(Line { start, end, kind });
        }
        pos = stop + 1;
    }
    lines.shrink_to_fit();
    mark_front_matter(text, &mut lines);
    mark_site_metadata(text, &mut lines);
    mark_repeated_footers(text, &mut lines);
    lines
}

/// Lines that open a legal database's page trailer (folded): the related
/// documents, the site's notes on the text.
const TRAILER_STARTS: &[&str] = &[
    "van ban lien quan",
    "van ban nay chua cap nhat noi dung tieng anh",
    "noi dung sua doi, huong dan",
];

/// Where a web page's trailer starts after the document, from line `from`
/// on: the site's caption of the document (`Công văn 4085/UBND-ĐT năm 2025
/// … do Thành phố Hồ Chí Minh ban hành`, a line that names `own_id`, the
/// document's own number and symbol, and ends with `ban hành`) or a
/// heading of the site's own ([`TRAILER_STARTS`]). Everything from there on
/// is the site's, not the document's.
pub(crate) fn site_trailer(
    text: &str,
    lines: &[Line],
    from: usize,
    own_id: Option<&str>,
) -> Option<usize> {
    let own = own_id.map(fold);
    // the id's number, looked for in the raw line before anything is folded
    let digits = own_id
        .and_then(|id| id.split(['/', '-']).next())
        .filter(|d| !d.is_empty())
        .map(memchr::memmem::Finder::new);
    (from..lines.len()).find(|&i| {
        let l = lines[i];
        if !l.is_content() {
            return false;
        }
        let t = l.text(text).trim_start_matches(['#', ' ']);
        let named = digits
            .as_ref()
            .is_some_and(|d| d.find(t.as_bytes()).is_some());
        if named {
            let key = fold(t);
            let caption = own.as_deref().is_some_and(|id| key.contains(id))
                && key.trim_end_matches(['.', ' ']).ends_with("ban hanh");
            if caption {
                return true;
            }
        }
        // every trailer start begins with `v` or `n`
        t.len() < 64
            && t.chars()
                .next()
                .is_some_and(|c| matches!(fold_char(c), b'v' | b'n'))
            && TRAILER_STARTS.iter().any(|s| folded_starts_with(t, s))
            && TRAILER_STARTS.contains(&fold(t).as_str())
    })
}

/// The labels of a legal database's metadata table (folded, without the
/// colon): the site's description of the document, never the document.
const SITE_LABELS: &[&str] = &[
    "so hieu",
    "so ky hieu",
    "ky hieu",
    "loai van ban",
    "noi ban hanh",
    "co quan ban hanh",
    "nguoi ky",
    "ngay ban hanh",
    "ngay hieu luc",
    "ngay co hieu luc",
    "tinh trang",
    "tinh trang hieu luc",
    "ngay cong bao",
    "so cong bao",
    "linh vuc",
    "ngay het hieu luc",
];

/// How many labels make a metadata table, and how far apart (in lines)
/// its labels may stand.
const SITE_TABLE_MIN_LABELS: usize = 3;
const SITE_TABLE_MAX_GAP: usize = 6;

/// Whether line `t` opens with one of [`SITE_LABELS`] and a colon: alone
/// on its line (`Số hiệu:`, the value on the next line), or with its value
/// and maybe the next label after it (`Số hiệu: 12/KH-UBND Loại văn bản:
/// Kế hoạch`).
fn is_site_label(t: &str) -> bool {
    site_label_value(t).is_some()
}

/// How many of [`SITE_LABELS`] line `t` holds, each the last words before
/// a colon (`Nơi ban hành: Tỉnh An Phú Người ký: Trần Văn A` holds two).
fn site_labels_in(t: &str) -> usize {
    memchr::memchr_iter(b':', t.as_bytes())
        .filter(|&k| {
            let key = fold(&t[..k]);
            let key = key.trim_end();
            SITE_LABELS.iter().any(|label| {
                key.strip_suffix(label)
                    .is_some_and(|before| before.is_empty() || before.ends_with(' '))
            })
        })
        .count()
}

/// For a line that [`is_site_label`]: whether the label's value is on the
/// same line.
fn site_label_value(t: &str) -> Option<bool> {
    let t = t.trim();
    // every content line comes here: look for the colon in the first 41
    // bytes only, where a label's ends
    let head = &t.as_bytes()[..t.len().min(41)];
    let colon = memchr::memchr(b':', head).filter(|&k| k > 0)?;
    let key = fold(t[..colon].trim());
    SITE_LABELS
        .contains(&key.as_str())
        .then(|| !t[colon + 1..].trim().is_empty())
}

/// A legal database's page saved as text opens with the site's metadata
/// table (`Số hiệu:` / `4085/UBND-ĐT` / `Loại văn bản:` / `Công văn` / …,
/// with the copyright banner above it): its values look like the
/// document's own number, signer and date. When such a table (at least
/// [`SITE_TABLE_MIN_LABELS`] labels, each on a line of its own) stands
/// before the document's heading, everything up to its last value is
/// furniture.
fn mark_site_metadata(text: &str, lines: &mut [Line]) {
    let all_labels: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].is_content() && is_site_label(lines[i].text(text)))
        .collect();
    // each label line with the number of labels it holds, counted once
    let counted: Vec<(usize, usize)> = all_labels
        .iter()
        .map(|&i| (i, site_labels_in(lines[i].text(text))))
        .collect();
    let total: usize = counted.iter().map(|&(_, n)| n).sum();
    let Some(&last) = all_labels.last().filter(|_| total >= SITE_TABLE_MIN_LABELS) else {
        return;
    };
    // only the labels before the document's own heading count
    let heading = lines[..last]
        .iter()
        .position(|l| {
            l.is_content()
                && !is_site_label(l.text(text))
                && HEADER_ANCHOR.is_match(&fold(l.text(text)))
        })
        .unwrap_or(lines.len());
    let labels: Vec<(usize, usize)> = counted.into_iter().filter(|&(i, _)| i < heading).collect();
    // the first run of labels close together
    let mut run_end = None;
    let mut count = 0;
    for (k, &(i, n)) in labels.iter().enumerate() {
        if k > 0 && i - labels[k - 1].0 > SITE_TABLE_MAX_GAP {
            if count >= SITE_TABLE_MIN_LABELS {
                break;
            }
            count = 0;
        }
        count += n;
        run_end = Some(i);
    }
    let Some(last) = run_end.filter(|_| count >= SITE_TABLE_MIN_LABELS) else {
        return;
    };
    // the last label's value: on its line, or the next content line
    let end = if site_label_value(lines[last].text(text)) == Some(true) {
        last
    } else {
        (last + 1..heading)
            .find(|&i| lines[i].is_content())
            .unwrap_or(last)
    };
    for l in &mut lines[..=end] {
        if l.kind == LineKind::Content {
            l.kind = LineKind::Noise;
        }
    }
}

/// The cells of one line of text copied from a table: the byte ranges of
/// `raw` between column borders, a tab (normalisation keeps one for a run
/// of white space with a tab in it) or a `|` standing apart from the words
/// (`Kính gửi: | - Các sở`, `V/v tăng cường … |  |`). Each cell is a line
/// of its own, as the Markdown reader makes it, so that the header and
/// footer read the columns apart (`- Như trên;` | `PHÓ CỤC TRƯỞNG`).
///
/// A tab after a numbering label (`1.`, `Điều 2.`, `a)`, `-`) is only
/// white space; a line that holds nothing but borders is one line.
fn cells(raw: &str) -> Vec<(usize, usize)> {
    let b = raw.as_bytes();
    let apart = |i: usize| {
        (i == 0 || b[i - 1].is_ascii_whitespace())
            && b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace())
    };
    // OCR reads a stroke (`ngày | tháng`) as `|`: a lone one inside a
    // line is a border only after a label or before a list item
    let pipes = memchr::memchr_iter(b'|', b).filter(|&i| apart(i)).count();
    let border_pipe = |i: usize| {
        let (before, after) = (raw[..i].trim(), raw[i + 1..].trim());
        apart(i)
            && (pipes >= 2
                || before.is_empty()
                || after.is_empty()
                || before.ends_with(':')
                || after.starts_with(['-', '+', '•']))
    };
    let mut out = Vec::new();
    let mut from = 0;
    for i in memchr::memchr2_iter(b'\t', b'|', b) {
        let border = match b[i] {
            b'\t' => !is_numbering_label(&raw[from..i]),
            _ => border_pipe(i),
        };
        if border {
            if !raw[from..i].trim().is_empty() {
                out.push((from, i));
            }
            from = i + 1;
        }
    }
    if !raw[from..].trim().is_empty() {
        out.push((from, raw.len()));
    }
    if out.is_empty() {
        out.push((0, raw.len()));
    }
    out
}

/// `1.`, `IV.`, `a)`, `Điều 2.`, `Chương II`, `-`: a label that a tab
/// separates from its own text.
fn is_numbering_label(t: &str) -> bool {
    let t = t.trim();
    if t.is_empty() || t.chars().count() > 14 {
        return t.is_empty();
    }
    let key = fold(t);
    let label = key
        .strip_prefix("dieu ")
        .or_else(|| key.strip_prefix("chuong "))
        .or_else(|| key.strip_prefix("muc "))
        .or_else(|| key.strip_prefix("phan "))
        .or_else(|| key.strip_prefix("khoan "))
        .unwrap_or(&key)
        .trim_end_matches(['.', ')', ':']);
    matches!(label, "-" | "+" | "*" | "#")
        || (!label.is_empty()
            && label.len() <= 4
            && label.bytes().all(|c| c.is_ascii_digit() || c == b'.'))
        || (label.len() <= 4 && !label.is_empty() && label.bytes().all(|c| b"ivxlcdm".contains(&c)))
        || (label.len() == 1 && label.as_bytes()[0].is_ascii_lowercase())
}

/// Where `s.trim()` starts and ends in `s` (the end never before the
/// start). A first or last byte that is ASCII and no white space is
/// decided without decoding a char.
fn trim_bounds(s: &str) -> (usize, usize) {
    let plain = |b: &u8| b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ');
    let start = match s.as_bytes().first() {
        Some(b) if plain(b) => 0,
        _ => s.len() - s.trim_start().len(),
    };
    let end = match s.as_bytes().last() {
        Some(b) if plain(b) => s.len(),
        _ => s.trim_end().len(),
    };
    (start, end.max(start))
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

/// What line `t` (trimmed) is; `key` is a buffer for its folded key.
fn classify(t: &str, key: &mut String) -> LineKind {
    if t.is_empty() {
        return LineKind::Blank;
    }
    if t.chars().all(|c| {
        matches!(
            c,
            '-' | '_' | '=' | '*' | '—' | '–' | '.' | '·' | '~' | ' ' | '…' | '•' | '|'
        )
    }) {
        return LineKind::Separator;
    }
    // a `Source:` label within the first 12 chars (48 bytes), after the
    // bytes `*`, `_` and ` ` (which only `*`, `_`, ` ` and NBSP fold to):
    // its first char folds to `s`, and only `:` folds to `:`, so other
    // lines are not folded
    let near = t.as_bytes().get(..48).unwrap_or(t.as_bytes());
    let s_first = (t
        .trim_start_matches(['*', '_', ' ', '\u{A0}'])
        .chars()
        .next())
    .is_some_and(|c| fold_char(c) == b's');
    if s_first && memchr::memchr(b':', near).is_some() {
        let mut buf = [0; 12];
        let head = fold_head(t, &mut buf);
        let start = head
            .iter()
            .position(|b| !matches!(b, b'*' | b'_' | b' '))
            .unwrap_or(head.len());
        if head.get(start..).is_some_and(|h| h.starts_with(b"source:")) {
            return LineKind::Noise;
        }
    }
    if t.len() > 120 {
        return LineKind::Content;
    }
    // Page furniture starts with a digit, a dash, `CÔNG BÁO`, `Trang`, an
    // address, or is a few words; anything else is content without folding.
    // The folded key below starts with the fold of `lead`'s head, unless
    // that starts with a space (NBSP): then only the key can tell.
    let lead = t.trim_start_matches(['*', '_', ' ']);
    let mut buf = [0; 8];
    let head: &[u8] = match lead.chars().next().map(fold_char) {
        // only these begin a named prefix below (`cong bao`, `trang`,
        // `file:`, `http`, `www.`); for the others the first byte decides
        Some(b'c' | b't' | b'f' | b'h' | b'w') => fold_head(lead, &mut buf),
        Some(b) => {
            buf[0] = b;
            &buf[..1]
        }
        None => &[],
    };
    let furniture = match head.first() {
        None => false,
        Some(b' ') => true,
        Some(b'a'..=b'z') => {
            may_be_furniture_start(head) || memchr::memchr(b'/', lead.as_bytes()).is_some()
        }
        Some(&b) => may_be_furniture_start(&[b]),
    };
    if !furniture {
        return LineKind::Content;
    }
    let named = || {
        [&b"cong bao"[..], b"trang", b"file:", b"http", b"www."]
            .iter()
            .any(|p| head.starts_with(p))
    };
    let plausible = lead.starts_with(|c: char| c.is_ascii_digit() || c == '-')
        || (matches!(head.first(), Some(b'c' | b't' | b'f' | b'h' | b'w')) && named())
        || at_most_words(lead, 3);
    if !plausible || !text_may_end_furniture(t) {
        return LineKind::Content;
    }
    key.clear();
    fold_into(t, key);
    let key = key.trim_matches(|c: char| c == '*' || c == '_' || c == ' ');
    if may_be_furniture(key)
        && (PAGE_MARKER.is_match(key) || GAZETTE.is_match(key) || BROWSER.is_match(key))
    {
        return LineKind::Noise;
    }
    LineKind::Content
}

/// `s.split_whitespace().nth(n).is_none()`: whether `s` has at most `n`
/// words, deciding white space by the byte for ASCII and decoding only the
/// chars whose lead byte may start a white-space char (`C2`: U+0085,
/// U+00A0; `E1`: U+1680; `E2`: U+2000–U+205F; `E3`: U+3000).
fn at_most_words(s: &str, n: usize) -> bool {
    let b = s.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while let Some(&x) = b.get(i) {
        let (space, len) = match x {
            0x00..=0x7F => (matches!(x, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'), 1),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => match s.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => return s.split_whitespace().nth(n).is_none(),
            },
            0x80..=0xDF => (false, 2),
            0xE0..=0xEF => (false, 3),
            _ => (false, 4),
        };
        if !space && !in_word {
            words += 1;
            if words > n {
                return false;
            }
        }
        in_word = !space;
        i += len;
    }
    true
}

/// Whether folded `key` can match [`PAGE_MARKER`], [`GAZETTE`] or
/// [`BROWSER`] at all, by its first byte: each of their alternatives starts
/// with a digit, a dash, `trang`, `cong`, `file:`, or is an address (a
/// letter, digit or dash first, and a `/` after the host name). The key is
/// ASCII, so `\d` is `[0-9]`.
///
/// And by [`may_end_furniture`].
fn may_be_furniture(key: &str) -> bool {
    let start = may_be_furniture_start(key.as_bytes())
        || (key.starts_with(|c: char| c.is_ascii_lowercase())
            && memchr::memchr(b'/', key.as_bytes()).is_some());
    start && may_end_furniture(key)
}

/// Whether folded `key` can match one of the furniture regexes by its
/// last byte: the page markers end with a digit or a dash, the status bar
/// with `%`; the other alternatives hold a `/` (a date, `file://`, an
/// address) or are the gazette's header (see [`may_start_gazette`]).
/// Numbered content lines (`1. Phạm vi`) stop here.
fn may_end_furniture(key: &str) -> bool {
    matches!(key.as_bytes().last(), Some(b'0'..=b'9' | b'-' | b'%'))
        || memchr::memchr(b'/', key.as_bytes()).is_some()
        || may_start_gazette(key)
}

/// [`may_end_furniture`] of the folded key of line `t` (trimmed of `*`,
/// `_` and spaces), without folding the line: the key's last byte is the
/// fold of the last char not among `*`, `_`, ` ` and NBSP (the only chars
/// folding to those bytes); only `/` folds to `/`; and
/// [`may_start_gazette`] folds what it needs.
fn text_may_end_furniture(t: &str) -> bool {
    let trimmed = ['*', '_', ' ', '\u{A0}'];
    let last = t
        .chars()
        .rev()
        .find(|c| !trimmed.contains(c))
        .map(fold_char);
    matches!(last, Some(b'0'..=b'9' | b'-' | b'%'))
        || memchr::memchr(b'/', t.as_bytes()).is_some()
        || may_start_gazette(t.trim_start_matches(trimmed))
}

/// Whether the folded key of `s` starts as [`GAZETTE`] can:
/// `(?:\d{1,4}\s+)?cong`. Only ASCII digits fold to digits, and only ASCII
/// white space and NBSP to white space, so the digits and spaces are read
/// from `s` itself; a key (ASCII, folded) is its own fold.
fn may_start_gazette(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let rest = s.get(digits..).unwrap_or_default();
    let after = rest.trim_start_matches([' ', '\t', '\n', '\u{B}', '\u{C}', '\r', '\u{A0}']);
    if digits > 4 || (digits > 0 && after.len() == rest.len()) {
        return false;
    }
    let mut buf = [0; 4];
    fold_head(after, &mut buf) == b"cong"
}

/// [`may_be_furniture`] by the start of the key alone (up to `file:`),
/// for a key without a `/` (only `/` folds to `/`).
fn may_be_furniture_start(head: &[u8]) -> bool {
    matches!(head.first(), Some(b'0'..=b'9' | b'-'))
        || [&b"trang"[..], b"cong", b"file:"]
            .iter()
            .any(|p| head.starts_with(p))
}

/// Furniture of a web page printed or captured on a phone: the status bar
/// (`10:42 ⚡ 📶 85%`), the print header (`14/3/2024, 10:42  Công văn …`),
/// a bare address line, and the print footer (`file:///C:/…/cv123.html  1/3`).
static BROWSER: LazyLock<Regex> = LazyLock::new(|| Regex::new(BROWSER_RE).expect("valid regex"));
const BROWSER_RE: &str = r"^(?:(?-u:\d){1,2}:(?-u:\d){2}(?-u:\b)[\x00-\x60\x7B-\x7F]{0,24}%|(?-u:\d){1,2}/(?-u:\d){1,2}/(?-u:\d){4},?(?-u:\s)+(?-u:\d){1,2}:(?-u:\d){2}(?-u:\b).*|file:/{2,3}[\x00-\x08\x0E-\x1F\x21-\x7F]*(?:(?-u:\s)+(?-u:\d){1,3}/(?-u:\d){1,3})?|(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/[\x00-\x08\x0E-\x1F\x21-\x7F]*(?:(?-u:\s)+(?-u:\d){1,3}/(?-u:\d){1,3})?)$";

/// Contact lines (ô 13: address, phone, e-mail, website) that the page
/// layout repeats at the foot of every page are noise once they recur.
fn mark_repeated_footers(text: &str, lines: &mut [Line]) {
    use std::collections::HashMap;
    // contact lines are of a plausible length and carry a label's colon or
    // an e-mail's `@`; a line with the text of one passes the same test
    let candidate = |l: &Line| {
        l.is_content()
            && (20..=240).contains(&(l.end - l.start))
            && memchr::memchr2(b':', b'@', l.text(text).as_bytes()).is_some()
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut key = String::new();
    for l in lines.iter().filter(|l| candidate(l)) {
        let t = l.text(text);
        key.clear();
        fold_into(t, &mut key);
        if has_contact_label(&key) {
            *seen.entry(t).or_default() += 1;
        }
    }
    if seen.values().all(|&n| n < 2) {
        return;
    }
    for l in lines.iter_mut() {
        if candidate(l) && seen.get(&text[l.start..l.end]).is_some_and(|&n| n >= 2) {
            l.kind = LineKind::Noise;
        }
    }
}

/// The labels of contact lines, folded.
const CONTACT_LABELS: [&str; 7] = [
    "dien thoai",
    "dt:",
    "fax",
    "email",
    "e-mail",
    "website",
    "dia chi:",
];

/// Whether folded `key` holds one of [`CONTACT_LABELS`]: one pass over the
/// key, trying the labels only where one of their first letters (`d`, `f`,
/// `e`, `w`) is.
fn has_contact_label(key: &str) -> bool {
    let b = key.as_bytes();
    (0..b.len()).any(|i| {
        matches!(b[i], b'd' | b'f' | b'e' | b'w')
            && CONTACT_LABELS
                .iter()
                .any(|l| b[i..].starts_with(l.as_bytes()))
    })
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
    #[test]
    fn site_labels_are_counted_where_a_line_holds_several() {
        use super::{site_label_value, site_labels_in};
        assert_eq!(
            site_labels_in("Số hiệu: 12/KH-UBND Loại văn bản: Kế hoạch"),
            2
        );
        assert_eq!(
            site_labels_in("Nơi ban hành: Tỉnh An Phú Người ký: Trần Văn A"),
            2
        );
        assert_eq!(site_labels_in("Số hiệu:"), 1);
        assert_eq!(site_labels_in("Kính gửi: Sở Y tế"), 0);
        assert_eq!(site_label_value("Số hiệu:"), Some(false));
        assert_eq!(site_label_value("Số hiệu: 12/KH-UBND"), Some(true));
        assert_eq!(site_label_value("Số: 12/KH-UBND"), None);
    }

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
    fn the_furniture_prefilter_lets_every_match_through() {
        for t in [
            "47",
            "-- 3 --",
            "--- page break ---",
            "trang 3/12",
            "3 / 12",
            "cong bao/so 361 + 362/ngay 28-02-2025",
            "12 cong bao so 5",
            "10:42 # # 85%",
            "14/3/2024, 10:42 cong van 123",
            "file:///c:/users/a/cv123.html 1/3",
            "dichvucong.example.gov.vn/van-ban/cv123",
            "https://www.a.vn/x 1/3",
            "-a.b/c",
            "so: 05/ubnd",
            "noi nhan:",
            "dieu 1. pham vi",
            "#abc",
            "",
            "1. pham vi",
            "12 cong bao",
            "12  cong bao so 5",
            "cong bao so 5 trang",
            "10:42 85%",
            "2024",
            "-- 3 --x",
            "--- page 3 ---",
        ] {
            let any = PAGE_MARKER.is_match(t) || GAZETTE.is_match(t) || BROWSER.is_match(t);
            assert!(may_be_furniture(t) || !any, "{t}");
        }
        assert!(!may_be_furniture("noi nhan:"));
        // the `Source:` check looks for a `:` byte, the address check for
        // a `/`: no other char folds to them
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert!(fold_char(c) != b':' || c == ':', "{c:?}");
            assert!(fold_char(c) != b'/' || c == '/', "{c:?}");
            // and only NBSP, of the chars the key is trimmed of, is not itself
            assert!(!matches!(fold_char(c), b'*' | b'_' | b' ') || c.is_ascii() || c == '\u{A0}');
        }
        let mut lines =
            split("Trang 3\n12\n*Trang 2/5*\nfile:///a 1/2\n\u{A0}12\nCông báo số 5\nHà Nội");
        lines.pop();
        assert!(lines.iter().all(|l| l.kind == LineKind::Noise), "{lines:?}");
        assert!(!may_be_furniture("dieu 1. pham vi"));
        assert!(!may_be_furniture("1. pham vi"));
    }

    #[test]
    fn furniture_ends_are_judged_alike_before_and_after_folding() {
        for t in [
            "1. Phạm vi",
            "Trang 3",
            "12 CÔNG BÁO số 5",
            "12\u{A0}Công báo",
            "12345 công báo",
            "12công báo",
            "Công báo",
            "*Trang 2/5*",
            "-- 3 –",
            "- 3 —",
            "10:42 ⚡ 85%",
            "Số 12",
            "Điều 1_ ",
            "a\u{A0}*_",
            "ĉong",
            "Cộng hòa",
            "",
            "*",
            "1\u{2003}công",
        ] {
            let key = fold(t);
            let key = key.trim_matches(|c: char| c == '*' || c == '_' || c == ' ');
            assert_eq!(text_may_end_furniture(t), may_end_furniture(key), "{t:?}");
        }
        // no char but the ASCII digits folds to a digit, and only ASCII
        // white space and NBSP to white space
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let f = fold_char(c);
            assert!(!f.is_ascii_digit() || c.is_ascii_digit(), "{c:?}");
            assert!(
                !f.is_ascii_whitespace() || c.is_ascii_whitespace() || c == '\u{A0}',
                "{c:?}"
            );
        }
    }

    #[test]
    fn ascii_classes_match_folded_keys_as_the_unicode_ones() {
        let unicode = |re: &str| {
            let re = re
                .replace(r"(?-u:\s)", r"\s")
                .replace(r"(?-u:\d)", r"\d")
                .replace(r"(?-u:\b)", r"\b")
                .replace(r"[\x00-\x08\x0E-\x1F\x21-\x7F]", r"\S")
                .replace(r"[\x00-\x60\x7B-\x7F]", r"[^a-z]");
            Regex::new(&re).unwrap()
        };
        let pairs = [PAGE_MARKER_RE, GAZETTE_RE, BROWSER_RE]
            .map(|re| (Regex::new(re).unwrap(), unicode(re)));
        let keys = [
            "47",
            "-- 3 --",
            "--- page break ---",
            "---page---",
            "-- pages --",
            "trang 3/12",
            "trang\t3 / 12",
            "3 / 12",
            "3/12x",
            "cong bao/so 361 + 362/ngay 28-02-2025",
            "12 cong bao so 5",
            "cong baoso",
            "cong bao 5",
            "10:42 # # 85%",
            "10:425 85%",
            "10:42 a 85%",
            "10:42 ~{}| 85%",
            "14/3/2024, 10:42 cong van 123",
            "14/3/2024 10:42x",
            "file:///c:/users/a/cv123.html 1/3",
            "file:///a\x0Bb",
            "dichvucong.example.gov.vn/van-ban/cv123",
            "https://www.a.vn/x 1/3",
            "a.b/c\td",
            "-a.b/c",
            "so: 05/ubnd",
            "",
            " ",
            "\x0C12\x0C",
            "12\x1C",
        ];
        for (fast, plain) in &pairs {
            for k in keys {
                assert_eq!(fast.is_match(k), plain.is_match(k), "{fast} {k:?}");
            }
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_does() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_whitespace() && !c.is_ascii() {
                let mut b = [0; 4];
                assert!(matches!(
                    c.encode_utf8(&mut b).as_bytes()[0],
                    0xC2 | 0xE1 | 0xE2 | 0xE3
                ));
            }
        }
        for s in [
            "",
            " ",
            "Nơi nhận:",
            "a b c",
            "a b c d",
            " a\tb\u{A0}c\u{3000}d ",
            "a\u{85}b\u{1680}c\u{2028}d",
            "ệ ế\u{200B}ữ",
            "Điều 1. Phạm vi điều chỉnh",
            "x\u{0B}y\u{0C}z",
        ] {
            for n in 0..5 {
                assert_eq!(
                    at_most_words(s, n),
                    s.split_whitespace().nth(n).is_none(),
                    "{s:?} {n}"
                );
            }
        }
    }

    #[test]
    fn contact_labels_are_found_as_by_contains() {
        for key in [
            "",
            "dien thoai: 0252",
            "so dt: 5",
            "fax 12",
            "e-mail: a@b",
            "email:",
            "website: x",
            "dia chi: so 1",
            "dien thoa",
            "d",
            "dt",
            "e-mai",
            "xwebsit",
            "dia chi",
            "dddt:",
            "www.a.vn/email",
        ] {
            let plain = CONTACT_LABELS.iter().any(|l| key.contains(l));
            assert_eq!(has_contact_label(key), plain, "{key:?}");
        }
    }

    #[test]
    fn trim_bounds_are_those_of_trim() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "\u{A0}a\u{3000}",
            "\u{B}a\u{C}",
            "a\r",
            "\u{1C}a\u{1F}",
            "ạ",
            " ạ b ",
            "\u{85}x\u{2028}",
            "*",
        ] {
            let want = (
                s.len() - s.trim_start().len(),
                s.trim_end().len().max(s.len() - s.trim_start().len()),
            );
            assert_eq!(trim_bounds(s), want, "{s:?}");
        }
    }

    #[test]
    fn spans_are_trimmed() {
        let text = "  Số: 05  \nx";
        let l = split(text)[0];
        assert_eq!(l.text(text), "Số: 05");
    }
}
