//! Fields read around an identifier: the date (`ngày 11/01/2024`), the issuer
//! (`của UBND tỉnh`) and the article pinpoint (`khoản 2 Điều 5`).
//!
//! Every reader looks at a bounded window next to a position, so the cost per
//! citation is constant.

use std::sync::LazyLock;

use regex::Regex;

use super::patterns::{floor_boundary, head_type, starts_at_boundary, window_after, window_before};
use crate::model::CitedDate;
use crate::scan;
use crate::text::ShortLower;

/// The parts of a date phrase ([`date_phrase`]): byte ranges of the day,
/// month and year as written, and the phrase's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DatePhrase {
    pub(super) day: (usize, usize),
    pub(super) month: (usize, usize),
    pub(super) year: (usize, usize),
    pub(super) end: usize,
}

/// The date phrase (`DATE_PATTERN`) at `at` in `text[..end]`:
/// `(?i:ngày)\s*` and a day of one or two digits, then either
/// `\s*(?i:tháng)\s*MONTH\s*,?\s*(?i:năm)\s*YEAR` or
/// `\s*SEP\s*MONTH\s*SEP\s*YEAR`, where SEP is one of `/.-`, MONTH one or
/// two digits and YEAR four (digits are `\d`, any Unicode decimal digit).
///
/// Why this is the same as the regex: every repetition is followed by
/// something it cannot match (white space by a word or digit, digits by
/// white space, a letter or a separator), so taking it greedily is the only
/// way on; a `\d{1,2}` taken shorter would leave a digit where white space,
/// `tháng` or a separator must come. The two branches part at the first
/// char after the day and its white space (`t`/`T` or a separator), so at
/// most one of them can match.
pub(super) fn date_phrase(text: &str, at: usize, end: usize) -> Option<DatePhrase> {
    let ws = |p: usize| scan::skip_ws(text, p, end);
    let word = |p: usize, w: &str| scan::word_fwd(text, p, end, w, true);
    let num = |p: usize, max: usize| scan::digits(text, p, end, max).map(|e| (p, e));
    let sep = |p: usize| text[p..end].starts_with(['/', '.', '-']).then_some(p + 1);
    let year = |p: usize| num(p, 4).filter(|&(s, e)| text[s..e].chars().count() == 4);
    let day = num(ws(word(at, "ngày")?), 2)?;
    let p = ws(day.1);
    let (month, year) = if let Some(p) = word(p, "tháng") {
        let month = num(ws(p), 2)?;
        let p = ws(month.1);
        let p = if text[p..end].starts_with(',') {
            p + 1
        } else {
            p
        };
        (month, year(ws(word(ws(p), "năm")?))?)
    } else {
        let month = num(ws(sep(p)?), 2)?;
        (month, year(ws(sep(ws(month.1))?))?)
    };
    Some(DatePhrase {
        day,
        month,
        year,
        end: year.1,
    })
}

/// `của` opening an issuer phrase.
static OF_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*\n?[ \t]*của\s+")
        .unwrap_or_else(|e| panic!("cite issuer pattern does not compile: {e}"))
});

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// A validated calendar date (day within its month, year 1900–2099).
pub(super) fn make_date(day: &str, month: &str, year: &str) -> Option<CitedDate> {
    let d: u32 = day.parse().ok()?;
    let m: u32 = month.parse().ok()?;
    let y: i32 = year.parse().ok()?;
    if !(1900..=2099).contains(&y) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(CitedDate {
        year: Some(y),
        month: Some(m),
        day: Some(d),
    })
}

/// Reads a date phrase starting at `pos` (after optional spaces and one
/// comma: `^\s*,?\s*` then [`date_phrase`], within 96 bytes). Returns the
/// date and the offset just after it.
pub(super) fn date_at(text: &str, pos: usize) -> Option<(CitedDate, usize)> {
    let win = window_after(text, pos, 96);
    let start = floor_boundary(text, pos);
    let end = start + win.len();
    let p = scan::skip_ws(text, start, end);
    let p = if text[p..end].starts_with(',') {
        p + 1
    } else {
        p
    };
    let d = date_phrase(text, scan::skip_ws(text, p, end), end)?;
    // Not glued to a longer number (`ngày 11/01/20245`).
    if text[d.end..end].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let part = |(s, e): (usize, usize)| &text[s..e];
    let date = make_date(part(d.day), part(d.month), part(d.year))?;
    Some((date, pos + (d.end - start)))
}

/// Lowercase words that end an issuer phrase: prepositions and
/// conjunctions that open the subject or the next clause (`về`, `ngày`, …).
const ISSUER_STOP: &[&str] = &[
    "về", "v/v", "ngày", "tại", "theo", "đã", "được", "trong", "để", "số", "là", "với", "nhằm",
    "có", "thì", "do", "cho", "gửi", "kèm", "trình", "nay", "này", "khi", "nếu", "mà", "từ", "đến",
    "như", "hoặc", "cùng", "sau", "trước", "bằng", "vì", "các", "những", "một", "đối", "trên",
    "xét",
];

/// Verbs that end an issuer phrase even when capitalised (`Chính phủ\nQuy
/// định chi tiết`): the first word may be capitalised, the second must not.
const ISSUER_STOP_VERBS: &[(&str, &str)] = &[
    ("quy", "định"),
    ("qui", "định"),
    ("hướng", "dẫn"),
    ("ban", "hành"),
    ("sửa", "đổi"),
    ("bổ", "sung"),
    ("phê", "duyệt"),
    ("phê", "chuẩn"),
    ("bãi", "bỏ"),
    ("tạm", "ngưng"),
    ("kiện", "toàn"),
    ("giải", "thích"),
    ("nghị", "định"),
    ("chỉ", "thị"),
];

/// Lowercase two-word verbs that end an issuer phrase (`quy định`,
/// `hướng dẫn`, `ban hành`, …).
const ISSUER_STOP_PAIRS: &[(&str, &str)] = &[
    ("quy", "định"),
    ("quy", "hoạch"),
    ("hướng", "dẫn"),
    ("ban", "hành"),
    ("sửa", "đổi"),
    ("bổ", "sung"),
    ("phê", "duyệt"),
    ("thực", "hiện"),
    ("triển", "khai"),
    ("áp", "dụng"),
    ("giải", "quyết"),
    ("xây", "dựng"),
    ("yêu", "cầu"),
    ("đề", "nghị"),
    ("công", "bố"),
    ("công", "nhận"),
    ("tổ", "chức"),
    ("quyết", "định"),
    ("thông", "báo"),
    ("kế", "hoạch"),
    ("nghị", "quyết"),
    ("văn", "bản"),
    ("phân", "bổ"),
    ("hợp", "nhất"),
    ("điều", "chỉnh"),
    ("thành", "lập"),
    ("chấp", "thuận"),
    ("giao", "nhiệm"),
];

/// Whether `word` (and the one after it) open a head noun or a list item,
/// which ends an issuer at a preceding `và`.
fn opens_citation(word: &str, next: Option<&str>) -> bool {
    let lower = word.to_lowercase();
    if matches!(lower.as_str(), "số" | "các" | "những") {
        return true;
    }
    if head_type(word).is_ok() {
        return true;
    }
    next.is_some_and(|n| head_type(&format!("{word} {n}")).is_ok())
}

/// Whether the tokens from `k` are a head noun followed by a number
/// (`Quyết định số`, `Nghị định 30`): a new citation, not part of a name.
fn head_then_number(body: &str, tokens: &[(usize, usize, &str)], k: usize) -> bool {
    let word = |i: usize| tokens.get(i).map(|&(s, e, _)| &body[s..e]);
    let numberish = |w: Option<&str>| {
        w.is_some_and(|w| {
            w.eq_ignore_ascii_case("số") || w == "Số" || w.starts_with(|c: char| c.is_ascii_digit())
        })
    };
    let Some(w0) = word(k) else {
        return false;
    };
    // The cheap `numberish` test first: `head_type` (on a joined string
    // for two words) rarely needs to run.
    if numberish(word(k + 1)) && head_type(w0).is_ok() {
        return true;
    }
    match word(k + 1) {
        Some(w1) => numberish(word(k + 2)) && head_type(&format!("{w0} {w1}")).is_ok(),
        None => false,
    }
}

/// Reads `của ISSUER` at `pos`. Returns the issuer (white space collapsed)
/// and the offset just after it.
pub(super) fn issuer_at(text: &str, pos: usize) -> Option<(String, usize)> {
    let win = window_after(text, pos, 320);
    let of = OF_RE.find(win)?;
    let body = &win[of.end()..];
    let mut tokens = IssuerTokens::new(body);
    let mut words: Vec<&str> = Vec::with_capacity(16);
    let mut ends: Vec<usize> = Vec::with_capacity(16);
    for k in 0.. {
        // Word `k` and the two after it are all a step reads.
        tokens.fill(k + 3);
        let tokens = tokens.list.as_slice();
        let Some(&(ws, we, gap)) = tokens.get(k) else {
            break;
        };
        if k > 0 && (gap.matches('\n').count() >= 2 || page_break_gap(gap, &body[ws..])) {
            break;
        }
        let word = &body[ws..we];
        let cut = punctuation_cut(word);
        let part = &word[..cut.unwrap_or(word.len())];
        if k == 0 && !part.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        if issuer_ends_before(body, tokens, k, part, words.last().copied()) {
            break;
        }
        if !part.is_empty() {
            words.push(part);
            ends.push(ws + part.len());
        }
        if cut.is_some() || words.len() >= 16 {
            break;
        }
    }
    // Do not end on a connector.
    while words.last().is_some_and(|w| *w == "-" || *w == "và") {
        words.pop();
        ends.pop();
    }
    let end = *ends.last()?;
    Some((words.join(" "), pos + of.end() + end))
}

/// The words of `body` for [`issuer_at`], read as far as asked, at most
/// 24: the `(start, end)` of each run of non-white-space, and the gap
/// before it.
struct IssuerTokens<'a> {
    body: &'a str,
    list: Vec<(usize, usize, &'a str)>,
    /// Where reading goes on.
    at: usize,
}

impl<'a> IssuerTokens<'a> {
    fn new(body: &'a str) -> Self {
        IssuerTokens {
            body,
            list: Vec::with_capacity(24),
            at: 0,
        }
    }

    /// Reads words until there are `n` (or 24, or the body ends).
    fn fill(&mut self, n: usize) {
        let body = self.body;
        while self.at < body.len() && self.list.len() < n.min(24) {
            let rest = &body[self.at..];
            let ws = rest.len() - rest.trim_start().len();
            let gap = &rest[..ws];
            let word_start = self.at + ws;
            let word = body[word_start..]
                .split(char::is_whitespace)
                .next()
                .unwrap_or("");
            if word.is_empty() {
                self.at = body.len();
                break;
            }
            self.list.push((word_start, word_start + word.len(), gap));
            self.at = word_start + word.len();
        }
    }
}

/// Where punctuation inside `word` cuts it (a dot only when it ends no
/// abbreviation): the issuer ends there.
fn punctuation_cut(word: &str) -> Option<usize> {
    word.char_indices()
        .find(|&(j, c)| {
            matches!(
                c,
                ';' | ',' | ':' | '(' | ')' | '"' | '“' | '”' | '…' | '|' | '[' | ']'
            ) || (c == '.' && !is_abbrev_dot(&word[..j]))
        })
        .map(|(j, _)| j)
}

/// Whether the issuer ends before word `k` of `tokens` (`part`: the word
/// up to any punctuation; `prev`: the last word taken): at a number, a
/// verb or a lower-case word that follows a name, a new line of a
/// flattened table, a head noun with its number (a new citation), or a
/// connector that joins no second issuer.
fn issuer_ends_before(
    body: &str,
    tokens: &[(usize, usize, &str)],
    k: usize,
    part: &str,
    prev: Option<&str>,
) -> bool {
    let first = part.chars().next();
    if first.is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    let lower = ShortLower::new(part);
    let next_raw = tokens.get(k + 1).map_or("", |&(s, e, _)| &body[s..e]);
    if k > 0
        && next_raw.starts_with(char::is_lowercase)
        && ISSUER_STOP_VERBS
            .iter()
            .any(|&(a, b)| lower.is(a) && next_raw.trim_end_matches([',', '.', ';', ':']) == b)
    {
        return true;
    }
    // A line break after a lowercase word, then a capitalised word: a new
    // line of a flattened table or a title, not the rest of the name.
    let gap = tokens[k].2;
    if k > 0
        && gap.contains('\n')
        && first.is_some_and(char::is_uppercase)
        && prev.is_some_and(|w| w.starts_with(char::is_lowercase))
    {
        return true;
    }
    if first.is_some_and(char::is_lowercase) && is_stop_word(body, tokens, k, &lower) {
        return true;
    }
    if k > 0 && first.is_some_and(char::is_uppercase) && head_then_number(body, tokens, k) {
        return true;
    }
    ends_at_connector(body, tokens, k, part, &lower)
}

/// Whether the lower-case word `k` (`lower`) is no part of a name: one of
/// [`ISSUER_STOP`], or the first of [`ISSUER_STOP_PAIRS`] with the next
/// word.
fn is_stop_word(body: &str, tokens: &[(usize, usize, &str)], k: usize, lower: &ShortLower) -> bool {
    if ISSUER_STOP.iter().any(|w| lower.is(w)) {
        return true;
    }
    // Trimmed, then lowercased: lowercasing neither makes nor removes
    // those marks.
    let next = tokens.get(k + 1).map_or("", |&(s, e, _)| {
        body[s..e].trim_end_matches([',', '.', ';', ':'])
    });
    let next = ShortLower::new(next);
    ISSUER_STOP_PAIRS
        .iter()
        .any(|&(a, b)| lower.is(a) && next.is(b))
}

/// Whether word `k` is a connector (`và`, `-`) that joins no second
/// issuer: no capital follows, or (after `và`) a new citation opens.
fn ends_at_connector(
    body: &str,
    tokens: &[(usize, usize, &str)],
    k: usize,
    part: &str,
    lower: &ShortLower,
) -> bool {
    if lower.is("và") {
        let next = tokens.get(k + 1).map(|&(s, e, _)| &body[s..e]);
        let next2 = tokens.get(k + 2).map(|&(s, e, _)| &body[s..e]);
        let next_upper = next
            .and_then(|n| n.chars().next())
            .is_some_and(char::is_uppercase);
        if !next_upper || next.is_some_and(|n| opens_citation(n, next2)) {
            return true;
        }
    }
    if part == "-" {
        let next_upper = tokens
            .get(k + 1)
            .and_then(|&(s, _, _)| body[s..].chars().next())
            .is_some_and(char::is_uppercase);
        if !next_upper {
            return true;
        }
    }
    false
}

/// A line break followed by a list marker or a section number: the issuer
/// does not continue there.
fn page_break_gap(gap: &str, next: &str) -> bool {
    gap.contains('\n')
        && (next.starts_with(['-', '+', '•', '*'])
            || next
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .is_some_and(|d| !d.is_empty() && next[d.len()..].starts_with(['.', ')'])))
}

/// `TP.` / `Tp.` / `T.P.` keep their dot inside an issuer name.
fn is_abbrev_dot(before: &str) -> bool {
    matches!(before, "TP" | "Tp" | "T" | "T.P")
}

/// Reads the article reference ending at `pos` (`khoản 2 Điều 5 ` before
/// `Nghị định số …`), white space collapsed.
pub(super) fn pinpoint_before(text: &str, pos: usize) -> Option<String> {
    let (ws, win) = window_before(text, pos, 96);
    let (start, end) = pinpoint_in(text, ws, ws + win.len())?;
    if !starts_at_boundary(text, start) {
        return None;
    }
    Some(collapse_ws(&text[start..end]))
}

/// The `pp` group of `PINPOINT_RE`,
/// `(?:^|[^\p{L}\d])(?P<pp>(?:(?i:điểm)\s+[\p{Ll}\d]{1,2}\s+)?(?:(?i:khoản)\s+\d{1,3}[a-z]?\s+)?(?i:điều)\s+\d{1,3}[a-zđ]?)(?:\s+(?:của|tại))?\s*$`,
/// run on `text[lo..end]`.
///
/// Why this is the same, reading back from the end:
/// - `pp` ends where the trailing white space starts, or before
///   `\s+của` / `\s+tại` there (`pp` cannot end with those words: its last
///   char is a digit, or a letter after a digit);
/// - each part is `KEYWORD\s+RUN` with RUN a run of 1 to `max` chars of a
///   class (after the optional letter of `[a-z]?` / `[a-zđ]?`, which a
///   final letter must be), between white space: every repetition is
///   followed by what it cannot match, so the runs are whole and each part
///   can be read back in only one way, and `khoản` and `điểm` cannot both
///   end at the same place;
/// - so the only possible starts of `pp` are those of `điểm`, `khoản` and
///   `điều` as read back, and the regex reports the leftmost that has the
///   slice start or a `[^\p{L}\d]` before it (the later two always have
///   white space before them when an earlier part was read).
pub(super) fn pinpoint_in(text: &str, lo: usize, end: usize) -> Option<(usize, usize)> {
    let back_ws = |at: usize| scan::skip_ws_back(text, lo, at);
    let t_end = back_ws(end);
    let pp_end = ["của", "tại"]
        .iter()
        .find_map(|w| scan::word_back(text, lo, t_end, w, false))
        .map(|s| (s, back_ws(s)))
        .filter(|&(s, e)| e < s)
        .map_or(t_end, |(_, e)| e);
    // `KEYWORD\s+RUN` ending at `at`: the keyword's start.
    let part = |at: usize,
                keyword: &str,
                letter: fn(char) -> bool,
                max: usize,
                class: fn(char) -> bool| {
        let mut e = at;
        if let Some(c) = text[lo..e].chars().next_back().filter(|&c| letter(c)) {
            e -= c.len_utf8();
        }
        let mut s = e;
        let mut n = 0;
        while let Some(c) = text[lo..s].chars().next_back().filter(|&c| class(c)) {
            s -= c.len_utf8();
            n += 1;
        }
        let kw_end = back_ws(s);
        if n == 0 || n > max || kw_end == s {
            return None;
        }
        scan::word_back(text, lo, kw_end, keyword, true)
    };
    // A part before `at`, after its own `\s+`.
    let part_before = |at: usize,
                       keyword: &str,
                       letter: fn(char) -> bool,
                       max: usize,
                       class: fn(char) -> bool| {
        let w = back_ws(at);
        (w < at)
            .then(|| part(w, keyword, letter, max, class))
            .flatten()
    };
    let d = part(
        pp_end,
        "điều",
        |c| c.is_ascii_lowercase() || c == 'đ',
        3,
        scan::is_digit,
    )?;
    let k = part_before(d, "khoản", |c| c.is_ascii_lowercase(), 3, scan::is_digit);
    let p = part_before(
        k.unwrap_or(d),
        "điểm",
        |_| false,
        2,
        |c| scan::is_lower(c) || scan::is_digit(c),
    );
    let boundary = |x: usize| {
        text[lo..x]
            .chars()
            .next_back()
            .is_none_or(|c| !scan::is_word_char(c))
    };
    [p, k, Some(d)]
        .into_iter()
        .flatten()
        .find(|&x| boundary(x))
        .map(|x| (x, pp_end))
}

/// Collapses runs of white space (line breaks included) into one space.
pub(super) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
