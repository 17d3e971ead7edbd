//! Stage 3c: the footer (ô 7 and 9b): signature blocks and `Nơi nhận`.
//!
//! The footer starts after the body's last line (`… ./.`) or, failing that,
//! where a run of footer-like lines reaches the end: `Nơi nhận:` and its
//! items, `Lưu:`, authority lines (`TM.`, `KT.`, `TL.`, `TUQ.`, `Q.`, Party
//! `T/M`, `K/T`, `T/L`), titles in capitals, and signers' names. Signature
//! lines and distribution lines may come in either order or interleaved; each
//! line is sorted by its shape.

use std::sync::LazyLock;

use regex::Regex;

use crate::fold::fold;
use crate::header::clean_item;
use crate::lines::{Line, LineKind};
use crate::model::{Archive, Authority, Distribution, DistributionItem, Signature};
use crate::span::Span;
use crate::text::{
    folded_starts_with, is_upper_letter, is_upper_line, markers, offset_in, push_line,
    strip_marker, KeyPrefix,
};

/// The footer.
#[derive(Debug, Default)]
pub(crate) struct Footer {
    /// Index of the first footer line (the body ends here).
    pub(crate) start: usize,
    /// Index after the last footer line (attachments may follow).
    pub(crate) end: usize,
    pub(crate) signatures: Vec<Signature>,
    pub(crate) distribution: Option<Distribution>,
    /// A place-and-date line printed above the signature block instead of
    /// in the header (licences, certificates): its line index.
    pub(crate) dated: Option<usize>,
    /// The byte ranges read as signature blocks (a line, or its part when
    /// two columns share it), for the trace.
    pub(crate) signature_lines: Vec<(usize, usize)>,
    /// The byte ranges read as `Nơi nhận` and `Lưu`, the head included.
    pub(crate) distribution_lines: Vec<(usize, usize)>,
}

static AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(TM|KT|TL|TUQ|TƯQ|Q)\s*\.|(T\.M|K\.T|T\.L|T\.U\.Q)\s*\.?|(T/M|K/T|T/L))\s*")
        .expect("valid regex")
});
/// `KT TRƯỞNG PHÒNG`, `KT, CỤC TRƯỞNG`: a prefix whose dot was lost, or
/// read by OCR as a comma, a whole word; read as one only before an office
/// word ([`leading_authority`]).
static AUTHORITY_UNDOTTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(TM|KT|TL|TUQ|TƯQ)(?:\s*,\s*|\s+)").expect("valid regex"));
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\[(]?\s*(?:đã\s*ký|Đã\s*ký|ĐÃ\s*KÝ|ký,?\s*đóng\s*dấu|Ký,?\s*đóng\s*dấu|đã\s*ký\s*số|Đã\s*Ký\s*Số|daky|signed)\s*[\])]?\.?$")
        .expect("valid regex")
});
/// Titles a signer holds; used to split one-line blocks (`KT. BỘ TRƯỞNG THỨ TRƯỞNG …`).
static TITLES: &[&str] = &[
    "pho thu tuong",
    "thu tuong",
    "pho chu tich",
    "chu tich",
    "thu truong",
    "bo truong",
    "pho tong cuc truong",
    "tong cuc truong",
    "pho cuc truong",
    "cuc truong",
    "pho chi cuc truong",
    "chi cuc truong",
    "pho vu truong",
    "vu truong",
    "pho giam doc",
    "giam doc",
    "pho chanh van phong",
    "chanh van phong",
    "pho truong ban",
    "truong ban",
    "pho bi thu",
    "bi thu",
    "pho chu nhiem",
    "chu nhiem",
    "chanh an",
    "vien truong",
    "pho hieu truong",
    "hieu truong",
    "pho truong phong",
    "truong phong",
    "thong doc",
    "pho thong doc",
    "tong kiem toan",
    "tong thanh tra",
];

/// Titles beyond [`TITLES`] that a signer's title line starts with.
const MORE_TITLE_STARTS: &[&str] = &[
    "pho",
    "tong giam doc",
    "uy vien",
    "thu ky",
    "ke toan truong",
    "truong doan",
    "truong",
];

/// Roles that sign off an internal form (a phiếu trình's cells: `Chuyên
/// viên`, `Lãnh đạo phòng`, `LÃNH ĐẠO VĂN PHÒNG`), beyond the titles above
/// (folded).
const SIGNOFF_ROLES: &[&str] = &[
    "lanh dao",
    "chuyen vien",
    "can bo",
    "nguoi lap",
    "nguoi de nghi",
    "nguoi kiem tra",
    "ke toan",
    "thu quy",
    "thu truong",
];

/// Whether `t` starts with a signer's title (`PHÓ CỤC TRƯỞNG`, `THỨ
/// TRƯỞNG`, `CHÁNH VĂN PHÒNG`), rather than going on with a position's
/// body (`CỤC THANH TRA - KIỂM TRA THUẾ`, `VỤ LUẬT PHÁP VÀ ĐIỀU ƯỚC`).
fn starts_with_title(t: &str) -> bool {
    let key = fold(t);
    let words: Vec<&str> = key
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .collect();
    TITLES
        .iter()
        .chain(MORE_TITLE_STARTS)
        .any(|title| phrase_at(&words, title))
}

/// Whether folded `words` start with the words of `phrase`.
fn phrase_at(words: &[&str], phrase: &str) -> bool {
    let n = phrase.split(' ').count();
    words.len() >= n && phrase.split(' ').eq(words[..n].iter().copied())
}

/// The nouns that start the name of a body (folded): `CỤC …`, `VỤ …`,
/// `VĂN PHÒNG …`.
const BODY_NOUNS: &[&str] = &[
    "cuc",
    "vu",
    "van phong",
    "ban",
    "so",
    "phong",
    "vien",
    "trung tam",
    "tong cuc",
    "uy ban",
    "hoi dong",
    "chi cuc",
    "thanh tra",
    "hoc vien",
];

/// Whether `t` starts with the name of a body (and so goes on with a
/// position, `KT. CỤC TRƯỞNG` / `CỤC THANH TRA - KIỂM TRA THUẾ`), not with
/// an OCR-damaged title.
fn starts_with_body_name(t: &str) -> bool {
    let key = fold(t);
    BODY_NOUNS.iter().any(|n| {
        key.strip_prefix(n)
            .is_some_and(|rest| rest.starts_with(' '))
    })
}

/// Where a signature block's authority line starts (quyền hạn ký:
/// `TM.`, `KT.`, `TL.`, `TUQ.`, `Q.`, Party `T/M`, …).
fn is_authority(t: &str) -> bool {
    leading_authority(t).is_some()
}

/// The authority prefix that opens `t`, normalised (`K.T.` → `KT`), and
/// where what it prefixes starts. A prefix that lost its dot (`KT
/// TRƯỞNG PHÒNG`) counts only before an office word, so a word or a name
/// that starts with those letters is no prefix.
fn leading_authority(t: &str) -> Option<(&'static str, usize)> {
    if let Some(c) = AUTHORITY.captures(t) {
        let prefix = c.get(1).or(c.get(2)).or(c.get(3))?;
        return Some((normalize_prefix(prefix.as_str()), c.get(0)?.end()));
    }
    let c = AUTHORITY_UNDOTTED.captures(t)?;
    let end = c.get(0)?.end();
    starts_with_office_word(&t[end..]).then(|| (normalize_prefix(&c[1]), end))
}

/// What an authority prefix stands before, beyond a title ([`TITLES`])
/// and a body's name ([`BODY_NOUNS`]): a collective (folded).
const COLLECTIVES: &[&str] = &[
    "bo",
    "chinh phu",
    "uy ban",
    "hoi dong",
    "ban",
    "dang uy",
    "tinh uy",
    "huyen uy",
    "thanh uy",
    "quoc hoi",
    "thuong truc",
];

/// Whether `t` starts with an office word in capitals: a signer's title,
/// a body's name or a collective (`TRƯỞNG PHÒNG`, `ỦY BAN NHÂN DÂN`).
fn starts_with_office_word(t: &str) -> bool {
    if !t.starts_with(is_upper_letter) {
        return false;
    }
    let key = fold(t);
    let words: Vec<&str> = key.split_whitespace().collect();
    starts_with_title(t)
        || starts_with_body_name(t)
        || COLLECTIVES.iter().any(|c| phrase_at(&words, c))
}

fn is_placeholder(t: &str) -> bool {
    // `(Đã ký)`, or a lone bracket where the signature image was (`[`)
    PLACEHOLDER.is_match(t.trim())
        || (!t.trim().is_empty() && !t.chars().any(char::is_alphanumeric))
}

/// The number of words of `t`, counted up to `limit` (lines tested for a
/// name or a title can be whole paragraphs).
fn word_count(t: &str, limit: usize) -> usize {
    t.split_whitespace().take(limit).count()
}

/// A person's name: 2 to 6 capitalised words, not all in capitals, and
/// none of them a word in capitals (`THỦ TƯỚNG Nguyễn Tấn Dũng` is a title
/// and a name).
pub(crate) fn is_name(t: &str) -> bool {
    // `Đại tướng Lương Tam Quang`: a rank is written before the name and
    // belongs with it
    let t = without_rank(t);
    if !(2..=6).contains(&word_count(t, 7)) || is_upper_line(t) {
        return false;
    }
    if has_word_in_capitals(t) {
        return false;
    }
    t.split_whitespace().all(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.all(|c| c.is_alphabetic() || c == '.')
    })
}

/// Military and police ranks (cấp bậc hàm) written before a signer's name.
const RANKS: &[&str] = &[
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Đại uý",
    "Thượng úy",
    "Thượng uý",
    "Trung úy",
    "Trung uý",
    "Thiếu úy",
    "Thiếu uý",
];

/// `t` without a rank before the name (`Đại tướng Lương Tam Quang` →
/// `Lương Tam Quang`); `t` itself when it starts with none.
fn without_rank(t: &str) -> &str {
    RANKS
        .iter()
        .find_map(|r| {
            t.strip_prefix(r)
                .filter(|rest| rest.starts_with(' '))
                .map(str::trim_start)
        })
        .unwrap_or(t)
}

/// Whether a word of `t` of two letters or more is all in capitals: a
/// title's word, never a name's.
fn has_word_in_capitals(t: &str) -> bool {
    t.split_whitespace().any(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    })
}

/// A name damaged by OCR: 2 to 6 words, all but one capitalised, letters only.
fn is_loose_name(t: &str) -> bool {
    if !(2..=6).contains(&word_count(t, 7)) || has_word_in_capitals(t) {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    // two words of two letters or more (`Lê Ô Pích`): `H f`, `cà N` are
    // what OCR reads in a hand
    (2..=6).contains(&words.len())
        && words.iter().filter(|w| w.chars().count() >= 2).count() >= 2
        && words.iter().all(|w| w.chars().all(char::is_alphabetic))
        && words
            .iter()
            .filter(|w| w.starts_with(char::is_uppercase))
            .count()
            + 1
            >= words.len()
        && !is_upper_line(t)
}

fn is_distribution_head(t: &str) -> bool {
    // Only the first chars matter, and are compared as they are folded:
    // this runs on every line scanned from the end. Only the start is
    // trimmed as in strip_emphasis: the label ends with `n`, which the end
    // trim never removes, so cutting the end cannot change the answer.
    let t = t.trim_start_matches(EMPHASIS);
    folded_starts_with(t, "noi nhan") || is_ocr_distribution_label(t)
}

/// `Nơi nhận` as OCR writes it (`Not nhận`, `Noi nhậm`, `Nói nhan`): a word
/// of three letters `n?i`/`n?t`, then `nhậ` and `n` or `m`; or, alone on
/// its line or before its colon, with its vowel misread or its last letter
/// lost (`Noi nhén:`, `Noi nhin:`, `Noi nha`).
fn is_ocr_distribution_label(t: &str) -> bool {
    // every spelling starts with an ASCII `N`: other lines are not folded
    if !matches!(t.as_bytes().first(), Some(b'N' | b'n')) {
        return false;
    }
    let mut buf = [0; 10];
    let head = crate::fold::fold_head(t.trim_end(), &mut buf);
    let opens = head.len() >= 7
        && head[0] == b'n'
        && matches!(head[2], b'i' | b't')
        && head[3] == b' '
        && &head[4..6] == b"nh";
    if !opens {
        return false;
    }
    if head[6] == b'a' && matches!(head.get(7), Some(b'n' | b'm')) {
        return true;
    }
    // the label alone: the line ends, or its colon follows
    let rest = &head[7..];
    let rest = rest
        .strip_prefix(b"n")
        .or(rest.strip_prefix(b"m"))
        .unwrap_or(rest);
    b"aeiouy".contains(&head[6]) && (rest.is_empty() || rest[0] == b':')
}

fn is_archive(t: &str) -> bool {
    let body = strip_marker(strip_emphasis(t));
    // both shapes below start with `l`: other lines are not folded whole
    if !folded_starts_with(body, "l") {
        return false;
    }
    let key = fold(body);
    // OCR: `Lan: VT, TTHT`, `Liu:LPQT` for `Lưu: …`: a short word, its
    // colon, then `VT` or another unit code in capitals
    if key.len() > 4 && key.starts_with('l') && {
        let colon = key.find(':').unwrap_or(usize::MAX);
        colon <= 4
            && (key[colon + 1..].trim_start().starts_with("vt")
                || starts_with_unit_code(body.get(colon + 1..).unwrap_or("")))
    } {
        return true;
    }
    key.starts_with("luu")
        && !key.starts_with("luu y")
        && !key.starts_with("luu hanh")
        && {
            let rest = key[3..].trim_start();
            // `Lưu (VP ; KT&KĐCL).`: the units in brackets
            rest.starts_with([':', '('])
                || rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                || is_bare_archive_end(rest)
        }
        && t.chars().count() < 120
}

/// Whether what follows the label of a `Lưu` line (folded) ends it with
/// no unit named (`- Lưu.`, `- Lưu;`, `Lưu`): a bare archive line (lưu),
/// the list's last line all the same.
fn is_bare_archive_end(rest: &str) -> bool {
    rest.chars().all(|c| matches!(c, '.' | ';' | ',' | ' '))
}

/// Whether `t` (after a `Lưu` label) starts with a unit code of two or more
/// capitals (`LPQT-…`, `TXNK, …`). `t` starts on a char boundary when the
/// label before it is ASCII; any other start reads as no code.
fn starts_with_unit_code(t: &str) -> bool {
    let t = t.trim_start();
    let code: String = t
        .chars()
        .take_while(|c| c.is_alphabetic() && c.is_uppercase())
        .collect();
    code.chars().count() >= 2 && is_unit_code(&code)
}

/// Chars around emphasised or table-cell text (`**KT. BỘ TRƯỞNG**`, `| … |`)
/// and OCR's stray quotes before a name (`‘Nguyễn Thanh Bình`).
const EMPHASIS: [char; 9] = ['*', '_', ' ', '|', '‘', '’', '“', '”', '`'];

fn strip_emphasis(t: &str) -> &str {
    t.trim_matches(EMPHASIS)
}

/// Whether `t` can be a signature line.
fn is_signature_line(t: &str) -> bool {
    let t = strip_emphasis(t);
    !t.is_empty()
        && (is_authority(t)
            || skip_debris(t).len() < t.len()
            || is_placeholder(t)
            || is_name(t)
            || is_title_and_name(t)
            || (is_upper_line(t)
                && word_count(t, 15) <= 14
                && !t.ends_with(':')
                && strip_marker(t).len() == t.len()))
}

/// Whether `t` ends with a person's name (its last two to four words).
fn ends_with_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=4.min(words.len())).any(|k| is_name(&words[words.len() - k..].join(" ")))
}

/// A signature block flattened onto one line without a prefix: a title in
/// capitals, then the name (`THỦ TƯỚNG Nguyễn Tấn Dũng`).
fn is_title_and_name(t: &str) -> bool {
    let (upper, name) = split_trailing_name(t);
    name.is_some() && is_upper_line(upper) && word_count(upper, 15) <= 14
}

/// Finds and parses the footer in `lines[body_start..]`.
pub(crate) fn parse(text: &str, lines: &[Line], body_start: usize) -> Footer {
    let mut f = parse_block(text, lines, body_start);
    let bare_names = f
        .signatures
        .iter()
        .all(|s| s.authority.is_empty() && s.title.is_none());
    if bare_names && f.distribution.is_none() {
        // no signature block (at most a name the walk back met): a form
        // signed off in its cells, after the body's last `./.`
        let content: Vec<usize> = (body_start..lines.len())
            .filter(|&i| lines[i].is_content())
            .collect();
        let closed = content
            .iter()
            .rposition(|&i| lines[i].text(text).trim_end().ends_with("/."))
            .map_or(0, |k| k + 1);
        let from = closed.max(content.len().saturating_sub(SIGNOFF_TAIL));
        let signoff = signoff_signatures(text, lines, &content[from..]);
        if signoff.len() >= f.signatures.len() {
            f.signature_lines = signoff.iter().map(|s| (s.span.start, s.span.end)).collect();
            f.signatures = signoff;
        }
    }
    f
}

/// The footer that a signature block or a `Nơi nhận` list makes.
fn parse_block(text: &str, lines: &[Line], body_start: usize) -> Footer {
    let n = lines.len();
    let content: Vec<usize> = (body_start..n).filter(|&i| lines[i].is_content()).collect();
    let dist = main_distribution_head(text, lines, &content);
    let closing = closing_line(text, lines, &content, dist);
    let mut f = Footer {
        start: n,
        end: n,
        ..Footer::default()
    };
    let start = footer_start(text, lines, &content, dist, closing);
    if start >= n {
        return f;
    }
    f.dated = dated_line(text, lines, &content, start, body_start);
    f.start = f.dated.map_or(start, |d| d.min(start));
    let Sorted {
        sig_lines,
        mut dist_lines,
        head,
        end,
    } = sort_lines(text, lines, &content, start, f.dated);
    f.end = end;
    f.signatures = signatures(text, &sig_lines);

    if head.is_some() || !dist_lines.is_empty() {
        f.distribution = Some(distribution(text, head, &dist_lines));
    }
    f.signature_lines = sig_lines;
    dist_lines.extend(head.map(|h| (h.start, h.end)));
    f.distribution_lines = dist_lines;
    f
}

/// The first content line after line `c` (`content` is sorted).
fn next_content(content: &[usize], c: usize) -> Option<usize> {
    content.get(content.partition_point(|&i| i <= c)).copied()
}

/// Whether line `i` reads as a footer line: a `Nơi nhận` head, a `Lưu`
/// line or a signature line.
fn footer_like(text: &str, lines: &[Line], i: usize) -> bool {
    let t = strip_emphasis(lines[i].text(text));
    is_distribution_head(t) || is_archive(t) || is_signature_line(t)
}

/// The `./.` that ends the body, before the `Nơi nhận` line `dist`.
/// Annexes end with their own, so take the first one that a footer line
/// follows, or else the last one.
fn closing_line(
    text: &str,
    lines: &[Line],
    content: &[usize],
    dist: Option<usize>,
) -> Option<usize> {
    // (`./.` ends with `/.`; the lines are in order, so those before `dist`
    // are a prefix)
    let ends: Vec<usize> = content
        .iter()
        .copied()
        .take_while(|&i| dist.is_none_or(|d| i < d))
        .filter(|&i| {
            let t = lines[i].text(text).trim_end_matches(['*', ' ']);
            t.ends_with("/.")
        })
        .collect();
    let footer_like = |i: usize| footer_like(text, lines, i);
    let footer_follows = |c: usize| {
        next_content(content, c).is_some_and(|i| {
            footer_like(i) || dated_above(text, lines, i, next_content(content, i), footer_like)
        })
    };
    ends.iter()
        .copied()
        .find(|&c| footer_follows(c))
        .or(ends.last().copied())
}

/// Where the footer starts: after the body's `./.` (`closing`) and any
/// closing paragraphs; else at the footer-like lines that end the text, or
/// the `Nơi nhận` line `dist` if earlier; else at a signature block
/// between the body and an annex. `lines.len()` where there is none.
fn footer_start(
    text: &str,
    lines: &[Line],
    content: &[usize],
    dist: Option<usize>,
    closing: Option<usize>,
) -> usize {
    let n = lines.len();
    if let Some(c) = closing {
        return skip_closing_paragraphs(
            text,
            lines,
            content,
            next_content(content, c).unwrap_or(n),
        );
    }
    // walk back over footer-like lines
    let mut s = n;
    for &i in content.iter().rev() {
        let t = lines[i].text(text);
        let dist_line = dist.is_some_and(|d| i >= d);
        if dist_line || is_signature_line(t) || is_archive(t) {
            s = i;
        } else {
            break;
        }
    }
    match dist {
        Some(d) => s.min(d),
        // what ends the file is no signature (an annex's table cell):
        // look for the block between the body and the annex
        None if !has_signer(text, lines, content, s) => {
            signature_block_at(text, lines, content).unwrap_or(s)
        }
        None => s,
    }
}

/// A place and date (địa danh, ngày tháng) printed between the body and
/// the signature block: the footer's first line `start` itself, or the
/// content line before it.
fn dated_line(
    text: &str,
    lines: &[Line],
    content: &[usize],
    start: usize,
    body_start: usize,
) -> Option<usize> {
    let footer_like = |i: usize| footer_like(text, lines, i);
    let before = content[..content.partition_point(|&i| i < start)]
        .last()
        .copied();
    if dated_above(
        text,
        lines,
        start,
        next_content(content, start),
        footer_like,
    ) {
        Some(start)
    } else {
        before.filter(|&b| b >= body_start && dated_above(text, lines, b, Some(start), footer_like))
    }
}

/// The footer's lines sorted into the signature blocks and the
/// distribution list (nơi nhận).
struct Sorted {
    /// The byte ranges of signature lines.
    sig_lines: Vec<(usize, usize)>,
    /// The byte ranges of distribution items and `Lưu` lines.
    dist_lines: Vec<(usize, usize)>,
    /// The `Nơi nhận` label.
    head: Option<Span>,
    /// Index after the last footer line.
    end: usize,
}

/// Walks the content lines from `start` on (less the place-and-date line
/// `dated`) and sorts them into signature and distribution, up to an
/// annex, a copy block or a second document, or a line that is neither.
fn sort_lines(
    text: &str,
    lines: &[Line],
    content: &[usize],
    start: usize,
    dated: Option<usize>,
) -> Sorted {
    let mut walk = Walk {
        sorted: Sorted {
            sig_lines: Vec::new(),
            dist_lines: Vec::new(),
            head: None,
            end: start,
        },
        in_dist: false,
        seen_name: false,
        seen_archive: false,
        archive_line: None,
        annex_glued: false,
        consolidation: false,
    };
    for &i in content.iter().filter(|&&i| i >= start && dated != Some(i)) {
        if !walk.take(text, lines, content, i) {
            break;
        }
        walk.sorted.end = i + 1;
    }
    walk.sorted
}

/// The state of the walk over the footer's lines.
struct Walk {
    sorted: Sorted,
    /// The `Nơi nhận` head was met.
    in_dist: bool,
    /// A signer's name was met.
    seen_name: bool,
    /// A `Lưu` line was met.
    seen_archive: bool,
    /// The index of the first `Lưu` line.
    archive_line: Option<usize>,
    /// A signature line ended with an annex's title glued on after the
    /// name (`BỘ TRƯỞNG Đặng Quốc Khánh CHƯƠNG TRÌNH HÀNH ĐỘNG …`): the
    /// annex goes on below, the footer ends with that line.
    annex_glued: bool,
    /// A consolidated text's closing block was met (its number `Số: …/VBHN-…`
    /// or its heading `XÁC THỰC VĂN BẢN HỢP NHẤT`).
    consolidation: bool,
}

impl Walk {
    /// Sorts line `i`; false when the footer ends before it.
    fn take(&mut self, text: &str, lines: &[Line], content: &[usize], i: usize) -> bool {
        if self.annex_glued {
            return false;
        }
        let l = lines[i];
        let t = l.text(text);
        let bare = bare(t);
        if !bare.chars().any(char::is_alphanumeric) {
            return true; // where the signature image or seal was: `[`, `(`
        }
        if !self.seen_name && self.consolidation_line(text, l, bare) {
            return true;
        }
        if is_distribution_head(t) {
            self.head_line(text, l, t, bare);
            return true;
        }
        if crate::attachments::kind_of(bare).is_some()
            || self.annex_title_follows(text, lines, content, i)
            || self.untitled_annex_at(text, lines, content, i, bare)
            || holds_national_heading(bare)
            || (self.seen_name
                && is_upper_line(bare)
                && crate::attachments::second_document_at(text, lines, i))
        {
            return false; // an annex, a copy block or a second document follows
        }
        let item_like = strip_marker(bare).len() < bare.len() || is_archive(bare);
        // after the `Lưu` line, an unmarked capitalised line is the signer's
        // name even when OCR cut its first letter (`uyên Dương Thái`)
        if self.in_dist && !item_like && self.seen_archive && !self.seen_name && is_loose_name(bare)
        {
            self.seen_name = true;
            self.sorted.sig_lines.push((l.start, l.end));
            return true;
        }
        if is_archive(bare) {
            self.seen_archive = true;
            self.archive_line.get_or_insert(i);
        }
        let mut bare = bare;
        if !item_like {
            let signed = cut_after_signer(bare);
            let glued = bare[signed.len()..].trim_start();
            self.annex_glued = word_count(glued, 5) >= 5 && is_upper_line(glued);
            if self.annex_glued {
                bare = signed;
            }
        }
        if self.in_dist && !item_like && self.after_list(text, l, bare) {
            return true;
        }
        self.place(text, lines, content, i, bare, item_like)
    }

    /// Whether `bare` (line `l`) belongs to a consolidated text's closing
    /// block (văn bản hợp nhất) above its signer: the issuer's name, the
    /// number `Số: 21/VBHN-BNV`, the heading `XÁC THỰC VĂN BẢN HỢP NHẤT` alone
    /// on its line and the place and date, in whatever order the columns
    /// were laid out. The issuer's lines were taken for a signer's title
    /// before the number or the heading showed what they are: they are let
    /// go. True when the line was taken (and is no signature line).
    fn consolidation_line(&mut self, text: &str, l: Line, bare: &str) -> bool {
        let opens = after_consolidation_heading(bare).is_some_and(str::is_empty)
            || (folded_starts_with(bare, "so") && bare.contains("/VBHN-"));
        if opens {
            self.consolidation = true;
            self.sorted.sig_lines.clear();
            return true;
        }
        self.consolidation && crate::header::place_date_line(text, &l).is_some()
    }

    /// Whether line `i` is part of an annex's title: a few lines right above
    /// the annex's `(Kèm theo …)` line are its title, not the footer, past
    /// the `Lưu` line and a page boundary (OCR may have garbled the title
    /// past recognition: `Oe aK <s7 TẠI THÀNH PHO HO CHÍ MINH`), or past a
    /// signature when they are in capitals (`KẾ HOẠCH` / `THỰC HIỆN …`).
    fn annex_title_follows(&self, text: &str, lines: &[Line], content: &[usize], i: usize) -> bool {
        // the look-ahead first: the page boundary is looked for back to the
        // `Lưu` line, which a long footer would do for each of its lines
        let at = content.partition_point(|&j| j < i);
        let Some(k) = content[at..].iter().take(5).position(|&j| {
            crate::attachments::names_its_document(strip_emphasis(lines[j].text(text)))
        }) else {
            return false;
        };
        let page_turned = self
            .archive_line
            .is_some_and(|a| lines[a..i].iter().any(|l| l.kind == LineKind::Noise));
        let signed = self.in_dist && !self.sorted.sig_lines.is_empty();
        if !page_turned && !signed {
            return false;
        }
        // on the same page, only a title in capitals (`KẾ HOẠCH` / `THỰC
        // HIỆN CHỈ THỊ SỐ 14-CT/TW …`): a signer's name is not
        page_turned
            || content[at..at + k]
                .iter()
                .all(|&j| is_upper_line(strip_emphasis(lines[j].text(text))))
    }

    /// Whether line `i` (`bare`) opens an attachment whose title is none of
    /// the known ones (`THUYẾT MINH DỰ TOÁN NĂM 2020`): past the `Nơi nhận`
    /// head and a signature line, an unmarked line in capitals of five words
    /// or more (longer than a name) that is no signer's title, followed by a line
    /// that is no part of a signature (neither capitals, a name, an
    /// authority nor a title).
    fn untitled_annex_at(
        &self,
        text: &str,
        lines: &[Line],
        content: &[usize],
        i: usize,
        bare: &str,
    ) -> bool {
        if !self.in_dist
            || self.sorted.sig_lines.is_empty()
            || strip_marker(bare).len() < bare.len()
            || !is_upper_line(bare)
            || word_count(bare, 5) < 5
            || is_authority(bare)
            || starts_with_title(bare)
        {
            return false;
        }
        let bare_at = |j: usize| bare_text(text, lines[j]);
        let next = content.partition_point(|&j| j <= i);
        // a title's second line (`KT. CỤC TRƯỞNG` / `CỤC THANH TRA - KIỂM
        // TRA THUẾ`) continues the signature
        let continues_title = next
            .checked_sub(2)
            .and_then(|k| content.get(k))
            .map(|&j| bare_at(j))
            .is_some_and(|p| (is_authority(p) || starts_with_title(p)) && !ends_with_name(p));
        !continues_title
            && content.get(next).is_some_and(|&j| {
                let t = bare_at(j);
                !is_upper_line(t) && !is_name(t) && !is_authority(t) && !starts_with_title(t)
            })
    }

    /// The `Nơi nhận` head on line `l`, and what follows it there: a
    /// signature title (two columns on one line) or a first item.
    fn head_line(&mut self, text: &str, l: Line, t: &str, bare: &str) {
        self.in_dist = true;
        let off = t.find(bare).unwrap_or(0);
        // the label `Nơi nhận` (8 chars) and its colon, if any
        let label_chars = if folded_starts_with(bare, "noi nhan") || is_ocr_distribution_label(bare)
        {
            8
        } else {
            0
        };
        let mut head_len = bare
            .char_indices()
            .nth(label_chars)
            .map_or(bare.len(), |(k, _)| k);
        let after = &bare[head_len..];
        if let Some(rest) = after.trim_start().strip_prefix(':') {
            head_len = bare.len() - rest.len();
        }
        let head_end = l.start + off + head_len;
        self.sorted.head = Some(Span::new(l.start + off, head_end.min(l.end)));
        let rest_at = head_end.min(l.end);
        let rest = text[rest_at..l.end].trim();
        if !rest.is_empty() {
            let rs =
                rest_at + (text[rest_at..l.end].len() - text[rest_at..l.end].trim_start().len());
            // `Nơi nhận: KT. CỤC TRƯỞNG`, or OCR's `Noi nhận: - BỘ TRƯỞNG, CHỦ NHIỆM`
            let unmarked = strip_marker(rest);
            let title_only = is_upper_line(unmarked)
                && !unmarked.contains(';')
                && unmarked.split_whitespace().count() >= 2;
            if (is_signature_line(rest) && !rest.starts_with(['-', '+'])) || title_only {
                self.sorted.sig_lines.push((rs, l.end));
            } else {
                self.sorted.dist_lines.push((rs, l.end));
            }
        }
    }

    /// An unmarked line after the `Nơi nhận` head that belongs to neither
    /// column but to the list's surroundings: the body's closing sentence
    /// printed after the list, a note below it, or the rest of an item cut
    /// by a line break. True when it was taken.
    fn after_list(&mut self, text: &str, l: Line, bare: &str) -> bool {
        // the body's closing sentence printed after the list (`… được
        // biết và thực hiện./.`), or a note below it (`Lưu ý: …`)
        let closing = bare
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '/')
            .ends_with("/")
            || folded_starts_with(
                strip_marker(bare.trim_start_matches(|c: char| !c.is_alphanumeric())),
                "luu y",
            );
        if closing && bare.chars().count() > 40 {
            return true;
        }
        // an item cut by a line break (`- Các phòng NVDTPC, TTKT1,` /
        // `TTKT2, KK&KTT, HKDCN;`) goes on, capitals or not; so does an
        // item left unclosed before its bracketed note (`- Vụ CST, Vụ PC`
        // / `(BTC);`)
        let note = bare.starts_with('(') && bare.trim_end().ends_with([';', '.']);
        let open_item = self.sorted.dist_lines.last().is_some_and(|&(_, e)| {
            let last = text[..e].trim_end();
            last.ends_with(',') || (note && !last.ends_with([';', '.', ':']))
        });
        if open_item {
            self.sorted.dist_lines.push((l.start, l.end));
        }
        open_item
    }

    /// Puts line `i` into the signature or the distribution column (both,
    /// when two columns share it); false when it is neither and the footer
    /// ends before it.
    fn place(
        &mut self,
        text: &str,
        lines: &[Line],
        content: &[usize],
        i: usize,
        bare: &str,
        item_like: bool,
    ) -> bool {
        let l = lines[i];
        let s = &mut self.sorted;
        if self.in_dist && (item_like || (!is_signature_line(bare) && !self.seen_name)) {
            // two columns flattened onto one line: a signature title before or
            // after a distribution item
            // the signature column's authority read, its title not yet
            let awaits_title = s.sig_lines.last().is_some_and(|&(a, b)| {
                is_authority(
                    text[a..b].trim_matches(|c: char| c.is_whitespace() || "_~-".contains(c)),
                )
            });
            let (sig, dist) = split_interleaved(l.text(text), awaits_title);
            if let Some((a, b)) = sig {
                s.sig_lines.push((l.start + a, l.start + b));
            }
            if let Some((a, b)) = dist {
                s.dist_lines.push((l.start + a, l.start + b));
            }
        } else if is_signature_line(bare) {
            if self.seen_name
                && (is_upper_line(bare) && !is_authority(bare))
                && (ends_signature_region(bare)
                    || next_content(content, i).is_some_and(|j| opens_annex(text, lines, j)))
            {
                return false;
            }
            if is_name(bare) {
                self.seen_name = true;
            }
            s.sig_lines.push((l.start, l.end));
        } else if !self.in_dist && is_archive(bare) {
            s.dist_lines.push((l.start, l.end));
        } else {
            return false;
        }
        true
    }
}

/// Whether `t` is a role that signs off a form: a signer's title or one of
/// [`SIGNOFF_ROLES`], on a short line of its own that is not a label.
fn is_signoff_role(t: &str) -> bool {
    let key = fold(t);
    let words: Vec<&str> = key.split_whitespace().collect();
    (1..=8).contains(&words.len())
        && !t.ends_with(':')
        && (starts_with_title(t) || SIGNOFF_ROLES.iter().any(|r| phrase_at(&words, r)))
}

/// How many content lines at the end of a document without a signature
/// block are searched for a form's sign-off cells.
const SIGNOFF_TAIL: usize = 24;

/// The signers of a form that has no signature block (a phiếu trình: each
/// cell a role, a sign-off date and a name, `Chuyên viên` / `Ngày 03 tháng
/// 10 năm 2025` / `Trương Hải Châu`), in the order printed. A name alone on
/// its line signs when the line above it (past dotted lines and a sign-off
/// date) is a role, which is its title, or when a sign-off date or a form
/// label (`Điện thoại: …`) stands right above it; then it has no title.
fn signoff_signatures(text: &str, lines: &[Line], tail: &[usize]) -> Vec<Signature> {
    let bare = |i: usize| bare_text(text, lines[i]);
    let mut out = Vec::new();
    let mut used_title: Option<usize> = None;
    for (k, &i) in tail.iter().enumerate() {
        let name = bare(i);
        if !is_name(name) {
            continue;
        }
        // the lines above, past what is not a role: dots, then a date
        let above: Vec<usize> = tail[..k]
            .iter()
            .rev()
            .copied()
            .skip_while(|&j| is_placeholder(bare(j)))
            .take(4)
            .collect();
        let dated = above
            .first()
            .is_some_and(|&j| crate::header::is_date_alone(bare(j)));
        let role_at = above
            .iter()
            .copied()
            .skip(usize::from(dated))
            .find(|&j| !is_placeholder(bare(j)))
            .filter(|&j| is_signoff_role(bare(j)) && used_title != Some(j));
        // `Điện thoại: 0218…` above a name; not `Thành viên gồm:`, which
        // opens a list of names
        let labelled = above.first().is_some_and(|&j| {
            let t = bare(j);
            t.contains(':') && !t.ends_with(':')
        });
        if role_at.is_none() && !dated && !labelled {
            continue;
        }
        used_title = role_at;
        let line_span = |j: usize| {
            let raw = lines[j].text(text);
            let at = lines[j].start + raw.find(bare(j)).unwrap_or(0);
            Span::new(at, at + bare(j).len())
        };
        let span = role_at.map_or(line_span(i), |j| line_span(j).cover(line_span(i)));
        out.push(Signature {
            authority: Vec::new(),
            title: role_at.map(|j| bare(j).to_owned()),
            name: Some(name.to_owned()),
            span,
        });
    }
    out
}

/// The first line of a signature block that stands between the body and
/// an annex, in a document with neither `./.` nor `Nơi nhận` (a gazette's
/// text: `TM. CHÍNH PHỦ` / `KT. THỦ TƯỚNG` / `PHÓ THỦ TƯỚNG` / name, then
/// `Phụ lục`): an authority line with a name within the next three lines.
fn signature_block_at(text: &str, lines: &[Line], content: &[usize]) -> Option<usize> {
    content.iter().enumerate().find_map(|(k, &i)| {
        let t = strip_emphasis(lines[i].text(text));
        let named = || {
            content[k + 1..]
                .iter()
                .take(3)
                .any(|&j| is_name(strip_emphasis(lines[j].text(text))))
        };
        (is_authority(t) && named()).then_some(i)
    })
}

/// Whether the content lines from `from` on hold an authority line or a name.
fn has_signer(text: &str, lines: &[Line], content: &[usize], from: usize) -> bool {
    content[content.partition_point(|&i| i < from)..]
        .iter()
        .map(|&i| strip_emphasis(lines[i].text(text)))
        .any(|t| is_authority(t) || is_name(t))
}

/// How many paragraphs after the body's `./.` can stand before the footer.
const MAX_CLOSING_PARAGRAPHS: usize = 3;

/// The footer's first line at or after `from`: a law's adoption clause
/// (`Nghị quyết này được Ủy ban Thường vụ Quốc hội … thông qua ngày …`) or a
/// closing sentence can follow the body's `./.`, and the signature comes
/// after it. Lines are skipped only when a footer line follows within
/// [`MAX_CLOSING_PARAGRAPHS`] content lines; otherwise `from` stands.
fn skip_closing_paragraphs(text: &str, lines: &[Line], content: &[usize], from: usize) -> usize {
    let footer_like = |i: usize| {
        let t = lines[i].text(text);
        is_distribution_head(t) || is_archive(t) || is_signature_line(t)
    };
    let at = content.partition_point(|&i| i < from);
    let ahead = &content[at..];
    if ahead.first().is_none_or(|&i| footer_like(i)) {
        return from;
    }
    ahead
        .iter()
        .take(MAX_CLOSING_PARAGRAPHS + 1)
        .position(|&i| footer_like(i))
        .map_or(from, |k| ahead[k])
}

/// The signature block that closes an annex issued with the document (a
/// `QUY ĐỊNH` signed again at its end, `TM. ỦY BAN NHÂN DÂN` … name): the
/// annex's last content lines that read as a signature, from the first
/// authority line among them, when they end with a name. A form's sample
/// signature (`NGƯỜI KÊ KHAI`, no authority prefix) is not one.
pub(crate) fn closing_signature(text: &str, lines: &[Line], within: Span) -> Option<Signature> {
    let inside: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            lines[i].is_content() && lines[i].start >= within.start && lines[i].end <= within.end
        })
        .collect();
    let bare = |i: usize| bare_text(text, lines[i]);
    let tail = inside
        .iter()
        .rev()
        .take(8)
        .take_while(|&&i| is_signature_line(bare(i)))
        .count();
    let block = &inside[inside.len() - tail..];
    if !block.last().is_some_and(|&i| is_name(bare(i))) {
        return None;
    }
    let from = block.iter().position(|&i| is_authority(bare(i)))?;
    let ranges: Vec<(usize, usize)> = block[from..]
        .iter()
        .map(|&i| (lines[i].start, lines[i].end))
        .collect();
    signatures(text, &ranges)
        .into_iter()
        .next()
        .filter(|s| s.name.is_some())
}

/// The `Nơi nhận` line of the main document: the last one, unless an annex
/// title in capitals (`PHỤ LỤC 1`) follows an earlier one; then the last one before that
/// annex, whose own tables may name `Nơi nhận` again (a guide's samples).
fn main_distribution_head(text: &str, lines: &[Line], content: &[usize]) -> Option<usize> {
    let mut last = None;
    for &i in content {
        let t = lines[i].text(text);
        if is_distribution_head(t) {
            last = Some(i);
        } else if last.is_some()
            && is_upper_line(strip_emphasis(t))
            && crate::attachments::kind_of(strip_emphasis(t))
                == Some(crate::model::AttachmentKind::Annex)
        {
            return last;
        }
    }
    last
}

/// Whether line `i` is a place-and-date line by itself with the signature
/// block right after it (line `next`): the date printed above the signer.
fn dated_above(
    text: &str,
    lines: &[Line],
    i: usize,
    next: Option<usize>,
    footer_like: impl Fn(usize) -> bool,
) -> bool {
    next.is_some_and(&footer_like)
        && lines
            .get(i)
            .is_some_and(|l| crate::header::place_date_line(text, l).is_some())
}

static SIGNED_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*[-–—]?\s*[(\[]?\s*đã\s+ký\s*[)\]]?\s*\.?\s*$").expect("valid regex")
});

/// A line's text without emphasis and without a published copy's `Đã ký`
/// mark after the name.
fn bare_text(text: &str, line: Line) -> &str {
    bare(line.text(text))
}

/// `t` without emphasis and a `Đã ký` mark.
fn bare(t: &str) -> &str {
    strip_signed_mark(strip_emphasis(t))
}

/// `Trần Văn Truyền – Đã ký`: the mark a published copy puts where the
/// signature was, after the name on its line, is left out (a line that is
/// only the mark stays: it is a placeholder).
fn strip_signed_mark(t: &str) -> &str {
    match SIGNED_MARK.find(t) {
        Some(m) if m.start() > 0 && t[..m.start()].chars().any(char::is_alphabetic) => {
            &t[..m.start()]
        }
        _ => t,
    }
}

/// Whether `t` holds the Quốc hiệu (`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`),
/// alone or beside an issuer in a flattened header row: the header of a
/// second document or of an annex starts there, never a signature.
fn holds_national_heading(t: &str) -> bool {
    let key = fold(t);
    key.contains(crate::attachments::NATIONAL) && !crate::attachments::names_the_state(&key)
}

/// Whether line `i` opens an annex (`(Kèm theo Giấy phép số …)`): the
/// capitals above it are the annex's title, not a signer's.
fn opens_annex(text: &str, lines: &[Line], i: usize) -> bool {
    lines.get(i).is_some_and(|l| {
        crate::attachments::kind_of(strip_emphasis(l.text(text)))
            == Some(crate::model::AttachmentKind::Annex)
    })
}

/// A `start..end` pair of byte offsets.
type ByteRange = (usize, usize);

/// `BỘ TRƯỞNG, CHỦ NHIỆM ~ TTgCP, các PTTgCP (để b/c);` or `- Như kính gửi;
/// PHÓ CỤC TRƯỞNG`: the signature column's text glued to a distribution item.
/// Returns (signature part, distribution part) as byte ranges of `t`.
/// `awaits_title`: the signature column's authority (`KT. CỤC TRƯỞNG`)
/// is read and its title is not, so a title run into an item with OCR's
/// debris before it or no `;` after the item is the signer's too.
fn split_interleaved(t: &str, awaits_title: bool) -> (Option<ByteRange>, Option<ByteRange>) {
    if let Some(title) = title_after_debris(t) {
        return (Some(title), None);
    }
    // `- Lưu: VT, NN (2b). Thanh BỘ TRƯỞNG, CHỦ NHIỆM Đặng Hữu Khiêm`: a
    // word in capitals from which on the line is titles and a name. The
    // name is the same run of words at the end of the line whichever word
    // the tail starts at, as long as it starts before the run
    // ([`trailing_name_at`]), so lines without one skip the words.
    if let Some(name_at) = trailing_name_at(t) {
        let mut at = 0;
        for word in t.split(' ') {
            if at >= name_at {
                break;
            }
            if at > 0 && word.chars().nth(1).is_some() && is_upper_line(word) {
                let upper = t[at..name_at].trim();
                if upper.split_whitespace().count() >= 2 && is_upper_line(upper) {
                    return (Some((at, t.len())), Some((0, at)));
                }
            }
            at += word.len() + 1;
        }
    }
    if let Some(end) = lead_signer_end(t) {
        let sig = &t[..end];
        if sig.split_whitespace().count() >= 2 && is_upper_line(sig) {
            let rest = end + (t[end..].len() - t[end..].trim_start().len());
            return (Some((0, end)), Some((rest, t.len())));
        }
    }
    if let Some(semi) = t.rfind(';') {
        let tail = &t[semi + 1..];
        let tail_trim = tail.trim();
        let titled = (tail_trim.split_whitespace().count() >= 2 && is_upper_line(tail_trim))
            || (awaits_title && debris_then_title(tail_trim));
        if titled && !is_archive(tail_trim) {
            let a = semi + 1 + (tail.len() - tail.trim_start().len());
            return (Some((a, a + tail_trim.len())), Some((0, semi + 1)));
        }
    }
    if let Some(at) = trailing_title_at(t).filter(|_| awaits_title) {
        let item_end = t[..at].trim_end().len();
        return (Some((at, t.trim_end().len())), Some((0, item_end)));
    }
    if let Some(split) = title_after_archive(t) {
        return split;
    }
    (None, Some((0, t.len())))
}

/// `mẹ CỤC TRƯỞNG` after an item's `;`: one short word in small letters
/// (what OCR made of `PHÓ` or of a seal's edge) before a signer's title in
/// capitals of two words or more.
fn debris_then_title(tail: &str) -> bool {
    let Some((junk, rest)) = tail.split_once(' ') else {
        return false;
    };
    let rest = rest.trim();
    (1..=3).contains(&junk.chars().count())
        && junk.chars().all(char::is_lowercase)
        && rest.split_whitespace().count() >= 2
        && is_upper_line(rest)
        && ends_with_title_head(rest)
}

/// `- Như nt 2 PHÓ TỔNG CỤC TRƯỞNG`: where a signer's title in capitals
/// (two words or more, a title's first words, its last word a title's
/// head) ends a distribution item that goes on in small letters, the
/// signature column's line run into the list with no `;` between.
fn trailing_title_at(t: &str) -> Option<usize> {
    let t = t.trim_end();
    let (mut at, mut words) = (t.len(), 0);
    loop {
        let head = t[..at].trim_end();
        let start = head.rfind(' ').map_or(0, |k| k + 1);
        let word = &head[start..];
        if !word.chars().any(char::is_alphabetic) || !is_upper_line(word) {
            break;
        }
        (at, words) = (start, words + 1);
        if start == 0 {
            break;
        }
    }
    let (item, title) = (t[..at].trim_end(), &t[at..]);
    let item_in_small_letters = item.chars().any(char::is_lowercase);
    (words >= 2 && item_in_small_letters && starts_with_title(title) && ends_with_title_head(title))
        .then_some(at)
}

/// Whether title `t` ends with the head word of a signer's title: the
/// last word of one of [`TITLES`] (`TRƯỞNG`, `ĐỐC`, `TỊCH`, `THƯ` …).
fn ends_with_title_head(t: &str) -> bool {
    let key = fold(t);
    let Some(last) = key
        .split_whitespace()
        .next_back()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
    else {
        return false;
    };
    TITLES
        .iter()
        .any(|title| title.rsplit(' ').next() == Some(last))
}

/// `- Lưu: VT, VX. PHÓ CHỦ TỊCH`: the signature column's title glued after
/// the full stop that ends a `Lưu` line, a title in capitals (a word of
/// [`starts_with_title`]) of two words or more, so that units in capitals
/// (`VT, TCCB.`) stay the list's. Returns (signature part, distribution
/// part) as byte ranges of `t`.
fn title_after_archive(t: &str) -> Option<(Option<ByteRange>, Option<ByteRange>)> {
    if !is_archive(t) {
        return None;
    }
    t.match_indices(". ").find_map(|(dot, _)| {
        let tail = &t[dot + 1..];
        let title = tail.trim();
        let is_title = title.split_whitespace().count() >= 2
            && is_upper_line(title)
            && starts_with_title(title);
        let a = dot + 1 + (tail.len() - tail.trim_start().len());
        is_title.then_some((Some((a, a + title.len())), Some((0, dot + 1))))
    })
}

/// `ieee PRQ CỤC TRƯỜNG`: a title in capitals after one short word of OCR
/// debris in ASCII lower case, on a line without a list marker. Returns the
/// title's byte range in `t`.
fn title_after_debris(t: &str) -> Option<ByteRange> {
    let (junk, rest) = t.split_once(' ')?;
    let title = rest.trim();
    let debris = (1..=5).contains(&junk.len()) && junk.bytes().all(|b| b.is_ascii_lowercase());
    let titled = word_count(title, 3) >= 2 && is_upper_line(title) && !is_archive(title);
    (debris && titled).then(|| {
        let a = t.len() - rest.trim_start().len();
        (a, a + title.len())
    })
}

/// Where the signer's name ends in `NGUYỄN VĂN A - Giám đốc`: the match of
/// `^(?P<sig>\p{Lu}[\p{Lu}\s,.]*\p{Lu})\s+[~\-+•]\s+\S`, the end of `sig`.
///
/// Why this walk is the same: the run `[\p{Lu}\s,.]*` cannot take the
/// marker, so the marker stands right after R, the longest run of such chars
/// after the first; and `\s+` before the marker means `sig` ends at the last
/// capital of R, with only white space between it and the marker. No other
/// end can match, so it is the one the greedy run backtracks to.
fn lead_signer_end(t: &str) -> Option<usize> {
    let mut chars = t.char_indices();
    let (_, first) = chars.next()?;
    if !is_upper_letter(first) {
        return None;
    }
    let (mut last_upper, mut run_end) = (None, first.len_utf8());
    for (i, c) in chars {
        if c.is_whitespace() || c == ',' || c == '.' {
            // in the run, not a capital
        } else if is_upper_letter(c) {
            last_upper = Some(i + c.len_utf8());
        } else {
            break;
        }
        run_end = i + c.len_utf8();
    }
    let sig_end = last_upper?;
    let gap = t.get(sig_end..run_end)?;
    if gap.is_empty() || !gap.chars().all(char::is_whitespace) {
        return None;
    }
    let after = t.get(run_end..)?.strip_prefix(['~', '-', '+', '•'])?;
    let text = after.trim_start();
    (text.len() < after.len() && !text.is_empty()).then_some(sig_end)
}

/// After a signer's name, an annex title ends the footer.
fn ends_signature_region(t: &str) -> bool {
    let key = KeyPrefix::<9>::new(t);
    key.starts_with_any(&[
        "phu luc",
        "danh muc",
        "quy che",
        "quy dinh",
        "bieu mau",
        "mau so",
        "huong dan",
        "sao y",
        "trich sao",
        "sao luc",
    ])
}

/// The words of `t` split at single spaces, each with its byte offset.
fn words_at(t: &str) -> Vec<(usize, &str)> {
    t.split(' ')
        .scan(0, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .collect()
}

/// `KT. BỘ TRƯỞNG THỨ TRƯỞNG Đinh Trung Tụng KẾ HOẠCH TRIỂN KHAI …`:
/// flattened text glues the next page (an annex) to a one-line signature.
/// Cuts the line after the signer's name when capitals or an annex title
/// follow it.
fn cut_after_signer(t: &str) -> &str {
    let words = words_at(t);
    let capitalised = |w: &str| {
        w.starts_with(char::is_uppercase) && !is_upper_line(w) && w.chars().all(char::is_alphabetic)
    };
    let mut k = 0;
    while k < words.len() {
        let run = words[k..]
            .iter()
            .take_while(|(_, w)| capitalised(w))
            .count();
        // `P H Ó CỤC TRƯỞNG`: letters spaced out are a word, not a name
        let spaced = words[k..k + run]
            .iter()
            .all(|(_, w)| w.chars().nth(1).is_none());
        // `… Trần Hồng Hà Phụ lục (Kèm theo …)`: the annex's first word is
        // capitalised too, so the run may hold it
        if (3..=6).contains(&run) && !spaced {
            let annex = (2..run).find(|&r| {
                let (at, _) = words[k + r];
                crate::attachments::kind_of(&t[at..]).is_some()
            });
            if let Some(r) = annex {
                return t[..words[k + r].0].trim_end();
            }
        }
        if (2..=5).contains(&run) && k + run < words.len() && !spaced {
            let (at, _) = words[k + run];
            let rest = &t[at..];
            let next = words[k + run].1;
            if (next.chars().count() >= 2 && is_upper_line(next))
                || crate::attachments::kind_of(rest).is_some()
            {
                return t[..at].trim_end();
            }
        }
        k += run.max(1);
    }
    t
}

/// The heading a consolidated text's signer authenticates it under (`XÁC
/// THỰC VĂN BẢN HỢP NHẤT`, văn bản hợp nhất), folded: a byte a char.
const CONSOLIDATION_HEADING: &str = "xac thuc van ban hop nhat";

/// What follows a consolidated text's authentication heading that opens
/// `t` as whole words; `None` when no such heading opens it.
pub(crate) fn after_consolidation_heading(t: &str) -> Option<&str> {
    let t = t.trim_start();
    if !folded_starts_with(t, CONSOLIDATION_HEADING) {
        return None;
    }
    let end = t
        .char_indices()
        .nth(CONSOLIDATION_HEADING.len())
        .map_or(t.len(), |(b, _)| b);
    let rest = &t[end..];
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| rest.trim_start())
}

/// `t` without that heading, printed above the authority or flattened
/// onto its line: no title of the signer's.
fn without_consolidation_heading(t: &str) -> &str {
    after_consolidation_heading(t).unwrap_or(t)
}

/// Groups signature lines into blocks: each block ends with a name.
fn signatures(text: &str, lines: &[(usize, usize)]) -> Vec<Signature> {
    let mut out = Vec::new();
    let mut cur: Option<Signature> = None;
    let mut titles: Vec<String> = Vec::new();
    let lines: Vec<(usize, usize)> = lines
        .iter()
        .flat_map(|&(s, e)| {
            let at = glued_name_at(&text[s..e]).map(|k| s + k);
            let title = at.map_or((s, e), |a| (s, a));
            [Some(title), at.map(|a| (a, e))]
        })
        .flatten()
        .collect();
    for (k, &(s, e)) in lines.iter().enumerate() {
        let raw = &text[s..e];
        let t = without_consolidation_heading(bare(raw));
        if t.is_empty() || is_placeholder(t) {
            continue;
        }
        let t = cut_after_signer(t);
        let off = raw.find(t).unwrap_or(0);
        let span = Span::new(s + off, s + off + t.len());
        let sig = cur.get_or_insert_with(|| Signature {
            authority: Vec::new(),
            title: None,
            name: None,
            span,
        });
        sig.span = sig.span.cover(span);
        // `NGUYỄN VĂN AN` under a title: the name in capitals, unless a
        // name in small letters follows (then it is a seal's text)
        let upper_name = !titles.is_empty()
            && is_upper_name(t)
            && !lines
                .get(k + 1)
                .is_some_and(|&(a, b)| is_name(bare(&text[a..b])));
        if is_name(t) || (is_loose_name(t) && !is_upper_line(t)) || upper_name {
            sig.name = Some(t.to_owned());
            finish_block(&mut cur, &mut titles, &mut out);
            continue;
        }
        // authority prefixes, possibly several on one line, possibly after OCR debris
        let authorities_before = sig.authority.len();
        let mut rest = skip_debris(t);
        while let Some((prefix, end)) = leading_authority(rest) {
            let after = &rest[end..];
            let next = AUTHORITY_INNER
                .find(after)
                .map_or(after.len(), |m| m.start());
            let position = after[..next].trim();
            let (position, title, name) = split_tail(prefix, position, next < after.len());
            sig.authority.push(Authority {
                prefix: prefix.to_owned(),
                position: position.trim().trim_end_matches(',').to_owned(),
            });
            if let Some(title) = title {
                titles.push(title.to_owned());
            }
            // the next prefix follows a space (`… NHÂN DÂN KT. CHỦ TỊCH`)
            rest = after[next..].trim_start();
            if let Some(name) = name {
                sig.name = Some(name.to_owned());
                break;
            }
        }
        let rest = rest.trim();
        if sig.name.is_some() {
            finish_block(&mut cur, &mut titles, &mut out);
            continue;
        }
        if !rest.is_empty() {
            // a one-line block may end with the signer's name
            let (upper, name) = split_trailing_name(rest);
            // OCR's bullet debris before a title (`~- PHO CHỦ NHIỆM`)
            let upper = upper.trim_start_matches(|c: char| !c.is_alphanumeric());
            let prefixed = sig.authority.len() > authorities_before;
            match sig.authority.last_mut() {
                // `TL.` alone on its line: the position is the next line,
                // up to a title flattening glued to it (`BỘ TRƯỞNG CHÁNH
                // VĂN PHÒNG`), as on a one-line block
                Some(a)
                    if !prefixed
                        && titles.is_empty()
                        && a.position.is_empty()
                        && !upper.is_empty() =>
                {
                    let prefix = a.prefix.clone();
                    let (position, title, _) = split_tail(&prefix, upper, false);
                    a.position = position.trim().trim_end_matches(',').to_owned();
                    if let Some(title) = title {
                        titles.push(title.to_owned());
                    }
                }
                // `KT. CỤC TRƯỞNG` / `CỤC THANH TRA - KIỂM TRA THUẾ`: the
                // position's body goes on until a title starts
                Some(a)
                    if !prefixed
                        && titles.is_empty()
                        && name.is_none()
                        && is_upper_line(upper)
                        && !starts_with_title(upper)
                        && starts_with_body_name(upper) =>
                {
                    push_line(&mut a.position, upper);
                }
                // what a seal or a signature leaves between the title and
                // the name (`ZZ KG`, `VI TỪ`) is no title
                _ if !upper.is_empty()
                    && !is_title_debris(upper)
                    && !is_seal_fragment(upper, &titles) =>
                {
                    titles.push(without_trailing_debris(upper).to_owned());
                }
                _ => {}
            }
            if let Some(name) = name {
                sig.name = Some(name.to_owned());
                finish_block(&mut cur, &mut titles, &mut out);
            }
        }
    }
    if cur
        .as_ref()
        .is_some_and(|s| !s.authority.is_empty() || !titles.is_empty())
    {
        finish_block(&mut cur, &mut titles, &mut out);
    }
    out
}

/// `CHÁNH VĂN PHÒNGNguyễn Văn Bình`: where the signer's name starts when
/// extraction glued it to the title in capitals before it, the last
/// capital before the first small letter of a word that starts with two
/// capitals or more; `None` unless a name ([`is_name`]) follows and
/// capitals precede.
fn glued_name_at(t: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    (2..chars.len().saturating_sub(1)).find_map(|k| {
        let (at, c) = chars[k];
        let glued = is_upper_letter(c)
            && chars[k + 1].1.is_lowercase()
            && is_upper_letter(chars[k - 1].1)
            && is_upper_letter(chars[k - 2].1);
        (glued && is_upper_line(&t[..at]) && is_name(strip_emphasis(&t[at..]))).then_some(at)
    })
}

/// Common Vietnamese surnames (họ), in capitals: the first word of a
/// signer's name printed in capitals.
const SURNAMES: &[&str] = &[
    "NGUYỄN", "TRẦN", "LÊ", "PHẠM", "HOÀNG", "HUỲNH", "PHAN", "VŨ", "VÕ", "ĐẶNG", "BÙI", "ĐỖ",
    "HỒ", "NGÔ", "DƯƠNG", "LÝ", "TRƯƠNG", "ĐINH", "ĐÀO", "ĐOÀN", "LÂM", "MAI", "TRỊNH", "LƯƠNG",
    "CAO", "TẠ", "HÀ", "LẠI", "QUÁCH", "THÁI", "CHU", "TÔ", "TỐNG", "KIỀU", "LA", "LƯU", "NÔNG",
    "HỨA", "KHÚC", "GIANG", "THÂN", "TRIỆU", "ĐÀM", "DIỆP", "MẠC", "VƯƠNG", "ÂU", "LỤC", "TĂNG",
    "TÔN", "KHỔNG", "BẠCH", "LÒ", "LỮ", "PHÙNG", "NINH", "TIÊU", "DOÃN", "TỪ", "VĂN", "HẦU", "CÙ",
    "ÔN", "KIM", "LỘC", "QUAN", "VI", "LƯ",
];

/// Words of an office (cơ quan, chức vụ) in capitals, never in a name.
const OFFICE_WORDS: &[&str] = &[
    "ỦY",
    "UỶ",
    "BAN",
    "SỞ",
    "PHÒNG",
    "CỤC",
    "VỤ",
    "TRƯỞNG",
    "CHỦ",
    "TỊCH",
    "GIÁM",
    "ĐỐC",
    "NHÂN",
    "DÂN",
    "TỈNH",
    "HUYỆN",
    "XÃ",
    "PHỐ",
    "BỘ",
    "TẾ",
    "HỘI",
    "VIỆN",
    "TỔNG",
    "THỨ",
    "TƯỚNG",
    "CHÁNH",
    "CỘNG",
    "NGHĨA",
    "ĐẢNG",
    "NỘI",
    "TĨNH",
    "THƯỜNG",
    "TRỰC",
    "PHÓ",
    "UBND",
    "HĐND",
];

/// `NGUYỄN VĂN AN`: a signer's name in capitals (OCR, or a typist's
/// choice): two to five words of letters, a surname first, no office word.
fn is_upper_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && is_upper_line(t)
        && words.iter().all(|w| w.chars().all(char::is_alphabetic))
        && words.first().is_some_and(|w| SURNAMES.contains(w))
        && !words.iter().any(|w| OFFICE_WORDS.contains(w))
}

/// What a seal leaves between a title and the name (`TRƯỞNG PHÒNG` /
/// `PHÒNG` / `Y TẾ`): short debris that is no title and repeats only words
/// of the title read so far, or a body's noun alone (`PHÒNG`, `ỦY BAN`),
/// an office without a position. A body's name under a title (`SỞ Y TẾ`)
/// is not.
fn is_seal_fragment(t: &str, titles: &[String]) -> bool {
    if titles.is_empty() || starts_with_title(t) {
        return false;
    }
    let repeats = word_count(t, 3) <= 2
        && t.split_whitespace().all(|w| {
            titles
                .iter()
                .any(|title| title.split_whitespace().any(|x| x == w))
        });
    repeats || BODY_NOUNS.contains(&fold(t).as_str())
}

/// `t` without the marks a scan leaves after a title, apart from it on
/// its line (`CỤC TRƯỞNG =`).
fn without_trailing_debris(t: &str) -> &str {
    match t.trim_end().rsplit_once(' ') {
        Some((head, last)) if !last.contains(|c: char| c.is_alphanumeric() || c == ')') => {
            head.trim_end()
        }
        _ => t,
    }
}

/// A signature line that is no title: it starts with no title and has at
/// most two words, none of three letters or more (`ZZ KG`, `SỈ S2`, `VI TỪ`:
/// what OCR reads in a seal or a hand; a body's name such as `SỞ Y TẾ`
/// under a title has three).
fn is_title_debris(t: &str) -> bool {
    !starts_with_title(t)
        && t.split_whitespace().count() <= 2
        && !t
            .split_whitespace()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
}

/// `y/ KT. TỔNG CỤC TRƯỞNG`, `“. KT. CỤC TRƯỞNG`: drops a few characters of
/// OCR debris before an authority prefix.
fn skip_debris(t: &str) -> &str {
    if is_authority(t) {
        return t;
    }
    match AUTHORITY_INNER.find(t) {
        Some(m)
            if m.start() <= 12
                && !t[..m.start()]
                    .chars()
                    .any(|c| c.is_alphabetic() && c.is_uppercase()) =>
        {
            t[m.start()..].trim_start()
        }
        Some(m)
            if m.start() <= 12
                && t[..m.start()]
                    .split_whitespace()
                    .all(|w| w.chars().filter(|c| c.is_alphabetic()).count() < 3) =>
        {
            t[m.start()..].trim_start()
        }
        _ => t,
    }
}

static AUTHORITY_INNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s(?:TM|KT|TL|TUQ|Q)\.\s|\s(?:T/M|K/T|T/L)\s").expect("valid regex")
});

fn normalize_prefix(p: &str) -> &'static str {
    match p {
        "TM" | "T.M" | "T/M" => "TM",
        "KT" | "K.T" | "K/T" => "KT",
        "TL" | "T.L" | "T/L" => "TL",
        "TUQ" | "TƯQ" | "T.U.Q" => "TUQ",
        _ => "Q",
    }
}

/// The most words a position and title written on one line can hold
/// (longer runs are a paragraph, not a signature block).
const MAX_BLOCK_WORDS: usize = 40;

/// Splits what follows prefix `prefix` on one line into the position
/// (chức vụ of the authority), the signer's own title and name, by the
/// structure of a signature block rather than by line breaks:
///
/// - the name is the run of capitalised, not all-capital words at the end;
/// - the title starts where a title ([`TITLES`]) starts after the first
///   word: for `KT.` (the deputy signs for the head) the last `PHÓ …`
///   (`KT. CỤC TRƯỞNG CỤC QUẢN LÝ … PHÓ CỤC TRƯỞNG`), for the other
///   prefixes the first (`TL. BỘ TRƯỞNG VỤ TRƯỞNG VỤ KẾ HOẠCH - TÀI
///   CHÍNH`, `TM. ỦY BAN NHÂN DÂN CHỦ TỊCH`);
/// - a title never starts right after `PHÓ`, `TỔNG` or `CHI` (`TỔNG` |
///   `CỤC TRƯỞNG` is one title).
///
/// Only when no other prefix follows on the line: then the whole is the
/// position.
fn split_tail<'a>(
    prefix: &str,
    position: &'a str,
    more_prefixes: bool,
) -> (&'a str, Option<&'a str>, Option<&'a str>) {
    if more_prefixes {
        return (position, None, None);
    }
    let (upper, name) = split_trailing_name(position);
    let words = words_at(upper);
    if words.len() > MAX_BLOCK_WORDS {
        return (upper, None, name);
    }
    let folded: Vec<String> = words
        .iter()
        .map(|(_, w)| fold(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect();
    let keys: Vec<&str> = folded.iter().map(String::as_str).collect();
    // `BỘ TRƯỞNG, CHỦ NHIỆM`: a comma joins two positions of one person
    let title_at = |k: usize| {
        !matches!(keys[k - 1], "pho" | "tong" | "chi")
            && !words[k - 1].1.ends_with(',')
            && TITLES.iter().any(|t| phrase_at(&keys[k..], t))
    };
    let mut starts = (1..keys.len()).filter(|&k| !keys[k].is_empty() && title_at(k));
    let at = if prefix == "KT" {
        let all: Vec<usize> = starts.collect();
        all.iter()
            .rev()
            .find(|&&k| keys[k] == "pho")
            .or(all.last())
            .copied()
    } else {
        starts.next()
    };
    match at {
        Some(k) => {
            let byte = words[k].0;
            (upper[..byte].trim(), Some(upper[byte..].trim()), name)
        }
        None => (upper, None, name),
    }
}

/// `THỨ TRƯỞNG Vũ Thị Mai` → (`THỨ TRƯỞNG`, `Vũ Thị Mai`).
fn split_trailing_name(t: &str) -> (&str, Option<&str>) {
    match trailing_name_at(t) {
        Some(at) => (t[..at].trim(), Some(t[at..].trim())),
        None => (t, None),
    }
}

/// Where the name that ends `t` starts, for [`split_trailing_name`]: a run
/// of at least two capitalised, not all-capital words after at least one
/// other word, which [`is_name`] accepts. The words are read from the end,
/// up to the first that is not capitalised.
fn trailing_name_at(t: &str) -> Option<usize> {
    let (mut at, mut end) = (t.len(), t.len());
    let mut run = 0;
    let mut before = false; // a word precedes the run
    for w in t.rsplit(' ') {
        let capitalised = !is_upper_line(w) && w.chars().next().is_some_and(char::is_uppercase);
        if !capitalised {
            before = true;
            break;
        }
        at = end - w.len();
        end = at.saturating_sub(1); // the space before the word
        run += 1;
    }
    (run >= 2 && before && is_name(t[at..].trim())).then_some(at)
}

/// [`split_trailing_name`] as first written (words collected from the
/// start), the definition it is tested against.
#[cfg(test)]
fn split_trailing_name_plain(t: &str) -> (&str, Option<&str>) {
    let words = words_at(t);
    let mut k = words.len();
    while k > 0
        && !is_upper_line(words[k - 1].1)
        && words[k - 1]
            .1
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    {
        k -= 1;
    }
    if k < words.len() && words.len() - k >= 2 && k > 0 {
        let at = words[k].0;
        let name = t[at..].trim();
        if is_name(name) {
            return (t[..at].trim(), Some(name));
        }
    }
    (t, None)
}

fn finish_block(cur: &mut Option<Signature>, titles: &mut Vec<String>, out: &mut Vec<Signature>) {
    if let Some(mut s) = cur.take() {
        if !titles.is_empty() {
            s.title = Some(titles.join(" "));
        }
        titles.clear();
        out.push(s);
    }
}

/// Items of `Nơi nhận`, nested by marker, and the `Lưu` line.
fn distribution(text: &str, head: Option<Span>, lines: &[(usize, usize)]) -> Distribution {
    let mut items: Vec<DistributionItem> = Vec::new();
    let mut archive = None;
    let mut last_open = false;
    // the last item's line ended with a comma
    let mut last_comma = false;
    let mut last_level = 1;
    let mut parent_open = false; // the last top-level item ends with `:`
    let mut span = head;
    for &(s, e) in lines {
        let raw = &text[s..e];
        // several items on one line (`- Như trên; - Lưu: VT.`)
        for (ps, pe) in split_items(raw) {
            let part = &raw[ps..pe];
            let t = strip_emphasis(part);
            if t.is_empty() {
                continue;
            }
            let off = emphasis_offset(part, t);
            let (a, b) = (s + ps + off, s + ps + off + t.len());
            span = Some(span.map_or(Span::new(a, b), |sp| sp.cover(Span::new(a, b))));
            if is_archive(t) {
                archive = Some(parse_archive(text, a, b));
                last_open = false;
                continue;
            }
            let m = markers(t);
            // the Lưu line closes the list: an unmarked line below it is
            // OCR debris from beside the signature (`coxe`, `lØ: LTHƯỨO`)
            if archive.is_some() && m.is_empty() {
                continue;
            }
            // OCR debris after the item's `;` (`Như trên; Pi`, `(để p/h); Nợ) scc`)
            let t = match t.rfind(';') {
                Some(k) if !has_letters(&t[k + 1..], 4) || unbalanced_close(&t[k + 1..]) => {
                    &t[..=k]
                }
                _ => t,
            };
            let body = clean_item(t);
            if !has_letters(body, 3) {
                continue;
            }
            let boff = item_offset(t, body);
            let item_span = Span::new(a + boff, a + boff + body.len());
            if m.is_empty() && last_open {
                if let Some(parent) = items.last_mut() {
                    // the parent of a continued sub-item grows with it
                    parent.span.end = parent.span.end.max(item_span.end);
                }
                if let Some(prev) = last_item(&mut items, last_level) {
                    // `Môi trường,` / `Tài chính`: the comma the line
                    // break followed is part of the item
                    if last_comma {
                        prev.text.push(',');
                    }
                    push_line(&mut prev.text, body);
                    prev.span.end = item_span.end;
                    last_open = !t.trim_end().ends_with([';', '.', ':']);
                    last_comma = t.trim_end().ends_with(',');
                    continue;
                }
            }
            // `+` items nest under an item that announces them with `:`
            let level = if (m.contains('+') || m.chars().count() >= 2) && parent_open {
                2
            } else {
                1
            };
            if level == 1 {
                parent_open = t.trim_end().ends_with(':');
            }
            let item = DistributionItem {
                text: body.to_owned(),
                items: Vec::new(),
                span: item_span,
            };
            match (level, items.last_mut()) {
                (2, Some(parent)) => {
                    parent.span.end = parent.span.end.max(item.span.end);
                    parent.items.push(item);
                    last_level = 2;
                }
                _ => {
                    items.push(item);
                    last_level = 1;
                }
            }
            last_open = !t.trim_end().ends_with([';', '.', ':']);
            last_comma = t.trim_end().ends_with(',');
        }
    }
    Distribution {
        items,
        archive,
        span: span.unwrap_or_default(),
    }
}

/// Whether `t` closes a bracket it never opened (`Nợ) scc`): a piece cut
/// out of something else, not text of its own.
fn unbalanced_close(t: &str) -> bool {
    let mut depth = 0i32;
    for c in t.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return true;
        }
    }
    false
}

/// Whether `t` has at least `n` letters (stops counting there: items can
/// be whole pages long).
fn has_letters(t: &str, n: usize) -> bool {
    n == 0 || t.chars().filter(|c| c.is_alphabetic()).nth(n - 1).is_some()
}

/// Where `t = strip_emphasis(part)` starts in `part`: `part.find(t)`. The
/// chars trimmed off are `*`, `_`, ` `, `|` and `t` starts with none of
/// them, so `t` cannot occur earlier than where it was cut from.
fn emphasis_offset(part: &str, t: &str) -> usize {
    offset_in(part, t)
}

/// Where `body = clean_item(t)` starts in `t`: `t.find(body)`. An earlier
/// occurrence of `body` would overlap the list marker and spaces cut off
/// before it, and make `body` a repetition of those chars; `body` has
/// letters, so there is none.
fn item_offset(t: &str, body: &str) -> usize {
    offset_in(t, body)
}

fn last_item(items: &mut [DistributionItem], level: u8) -> Option<&mut DistributionItem> {
    let last = items.last_mut()?;
    if level == 2 && !last.items.is_empty() {
        return last.items.last_mut();
    }
    Some(last)
}

/// Splits `- A; - B; - Lưu: VT.` into its items (byte ranges in `raw`).
/// An item's purpose in brackets, printed beside it in its own column,
/// ends it too once flattened (`- Bộ Y tế; (để phối hợp) - Viện …`), and so
/// does a full stop before a spaced dash (`- các Vụ: TH, KGVX. - Lưu: VT.`).
fn split_items(raw: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let ends_item = match bytes[i] {
            b';' => true,
            b')' => ends_purpose_note(&raw[start..i]),
            // `…, các Vụ: TH, KGVX. - Lưu: VT`: the last item's stop
            b'.' => raw[i + 1..].trim_start().starts_with("- "),
            _ => false,
        };
        if ends_item {
            let rest = &raw[i + 1..];
            let trimmed = rest.trim_start();
            let marked = trimmed.starts_with(['-', '+', '•']);
            // `) - B`: a dash spaced on its left, not `(LĐ)-TB`
            if marked && (bytes[i] == b';' || trimmed.len() < rest.len()) {
                out.push((start, i + 1));
                start = i + 1 + (rest.len() - trimmed.len());
            }
        }
        i += 1;
    }
    out.push((start, raw.len()));
    out
}

/// How the note beside a distribution item that says what its copy is for
/// begins (`để báo cáo`, `báo cáo`, `b/c`, `thực hiện`), folded.
const PURPOSE_NOTES: [&str; 10] = [
    "de ",
    "b/c",
    "t/h",
    "p/h",
    "bao cao",
    "thuc hien",
    "phoi hop",
    "chi dao",
    "biet",
    "theo doi",
];

/// Whether `item` ends in an open bracket whose note says what the copy is
/// for (`(để báo cáo)`, `(để p/h)`, `(b/c)`): where the `)` is, the item is
/// done.
fn ends_purpose_note(item: &str) -> bool {
    item.rfind('(').is_some_and(|open| {
        let note = fold(item[open + 1..].trim_start());
        PURPOSE_NOTES.iter().any(|p| note.starts_with(p))
    })
}

static COPIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\(\s*(\d+)\s*(?:b|bản|B)?\s*\)|(\d+)\s*b\b").expect("valid regex")
});

/// A unit's code in a `Lưu` line: capitals and digits, maybe joined by
/// `-` or `&` (`VT`, `TT-HT`, `KK&KTT`, `TTKT1`).
fn is_unit_code(t: &str) -> bool {
    !t.is_empty()
        && t.chars().count() <= 12
        && t.chars().any(char::is_alphabetic)
        && t.chars().all(|c| {
            (c.is_alphabetic() && c.is_uppercase()) || c.is_ascii_digit() || matches!(c, '-' | '&')
        })
}

/// `list` split at the commas and semicolons outside brackets.
fn split_top_level(list: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut from) = (0usize, 0);
    for (i, c) in list.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 => {
                out.push(&list[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    out.push(&list[from..]);
    out
}

/// `Lưu: VT, NN.Thăng`, `Lưu: VT, HCSN (450 b).`, `Lưu: VT, QHĐP (3) Cương`.
fn parse_archive(text: &str, s: usize, e: usize) -> Archive {
    let raw = &text[s..e];
    let tokens: Vec<&str> = split_top_level(archive_list(raw))
        .into_iter()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    let count = tokens.len();
    let mut parts = ArchiveParts::default();
    for (k, tok) in tokens.into_iter().enumerate() {
        parts.read(tok, k > 0 && k + 1 == count);
    }
    Archive {
        units: parts.units,
        drafter: parts.drafter,
        copies: parts.copies,
        span: Span::new(s + (raw.len() - raw.trim_start().len()), e),
    }
}

/// The list of a `Lưu` line, after its label (`Lưu:`, OCR's `Lan:`) and
/// without the final full stop.
fn archive_list(raw: &str) -> &str {
    let body = strip_marker(raw);
    let key = fold(body);
    let colon = key.find(':').filter(|&c| c <= 5);
    let chars = match colon {
        Some(c) => c + 1,
        None if key.starts_with("luu") => 3,
        None => 0,
    };
    let after = body
        .char_indices()
        .nth(chars)
        .map_or(body.len(), |(i, _)| i);
    let list = body[after..]
        .trim_start_matches([':', ' '])
        .trim()
        .trim_end_matches('.');
    // `Lưu (VP ; KT&KĐCL)`: the whole list in brackets
    match list.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        Some(inner) if !inner.contains(['(', ')']) => inner,
        _ => list,
    }
}

/// What a `Lưu` line names (lưu trữ), read one token at a time; a later
/// drafter replaces an earlier one.
#[derive(Default)]
struct ArchiveParts {
    units: Vec<String>,
    drafter: Option<String>,
    copies: Option<u32>,
}

impl ArchiveParts {
    /// Reads one token of the list. `last_of_several`: the last of two or
    /// more, where a word in mixed case is the drafter's name.
    fn read(&mut self, tok: &str, last_of_several: bool) {
        // `(ĐT/VMN)`: a unit and its drafter in brackets of their own
        if let Some((unit, who)) = bracketed_unit(tok) {
            self.units.push(unit.to_owned());
            self.drafter = Some(who.to_owned());
            return;
        }
        if let Some((a, b)) = dotted_units(tok) {
            self.units.extend([a.to_owned(), b.to_owned()]);
            return;
        }
        // `KTN. Hiền` (drafter after the unit) or OCR debris `TTHT. 3⁄2`
        let (tok, after_dot) = match tok.split_once(". ") {
            Some((unit, rest)) => (unit, Some(rest.trim())),
            None => (tok, None),
        };
        if let Some(rest) = after_dot {
            let word = rest.chars().next().is_some_and(char::is_uppercase)
                && !rest.contains(' ')
                && rest.chars().all(char::is_alphabetic);
            if word {
                self.drafter = Some(rest.to_owned());
            }
        }
        if !tok.chars().any(char::is_alphabetic) {
            return;
        }
        let tok = self.unit_of(tok);
        // `VT, d`: the drafter's initial in small letters on its own
        if is_small_initial(&tok) {
            self.drafter.get_or_insert(tok);
            return;
        }
        // `VHKGh`: a unit's code with its drafter's initial glued on
        if let Some((unit, initial)) = unit_and_initial(&tok).filter(|_| self.drafter.is_none()) {
            self.drafter = Some(initial.to_owned());
            self.units.push(unit.to_owned());
            return;
        }
        // `P6`: a unit's code with a digit is a unit, never initials
        let coded = is_unit_code(&tok) && tok.chars().any(|c| c.is_ascii_digit());
        // a name (`Hiền`, `HDiem`) has as many small letters as capitals
        // or more; a code with a small letter (`TTHTr`, `GDTrH`) fewer
        let upper = tok.chars().filter(|c| c.is_uppercase()).count();
        let lower = tok.chars().filter(|c| c.is_lowercase()).count();
        let mixed_word = !tok.contains(' ')
            && !coded
            && !is_upper_line(&tok)
            && lower >= upper
            && tok.chars().next().is_some_and(char::is_uppercase);
        if last_of_several && mixed_word && self.drafter.is_none() {
            self.drafter = Some(tok);
            return;
        }
        if !tok.is_empty() {
            self.units.push(tok);
        }
    }

    /// The unit in `tok`, less what follows it: a number of copies, a
    /// bracket, or a drafter after a dot or a dash (each noted).
    fn unit_of(&mut self, tok: &str) -> String {
        let mut tok = tok.to_owned();
        if let Some(c) = COPIES.captures(&tok) {
            if let Some(n) = c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok()) {
                self.copies = Some(n);
            }
            let whole = c.get(0).map_or(0..0, |m| m.range());
            let after_copies = tok[whole.end..].trim().to_owned();
            tok = tok[..whole.start].trim().to_owned();
            if !after_copies.is_empty() {
                self.drafter = Some(after_copies);
            }
        }
        if let Some(open) = tok.find('(') {
            // `TCT (VT, CS)`: the unit's own sub-units (two or more) are
            // part of it; anything after them is OCR debris
            let group = tok[open..].find(')').map(|c| open + c);
            let sub_units = group.filter(|&close| {
                let parts: Vec<&str> = tok[open + 1..close].split(',').collect();
                parts.len() >= 2 && parts.iter().all(|u| is_unit_code(u.trim()))
            });
            // `PC04 (Đội 1)`: a team of the unit, by its noun and number
            let team = group.filter(|&close| is_numbered_team(&tok[open + 1..close]));
            if let Some(close) = sub_units.or(team) {
                tok.truncate(close + 1);
            } else {
                let inner = tok[open + 1..].trim_end_matches(')').trim().to_owned();
                if !inner.is_empty() {
                    self.drafter = Some(inner);
                }
                tok = tok[..open].trim().to_owned();
            }
        }
        if let Some(dot) = tok.find('.') {
            let (u, d) = (&tok[..dot], tok[dot + 1..].trim());
            if d.chars().next().is_some_and(char::is_uppercase) && !is_upper_line(d)
                || d.chars().count() <= 2 && !d.is_empty() && d.chars().any(char::is_lowercase)
            {
                // `TXNK-H.Linh`: the name's initial after the unit's dash
                let initial = u.rsplit_once('-').filter(|(unit, i)| {
                    i.chars().count() == 1
                        && i.chars().all(char::is_uppercase)
                        && is_unit_code(unit)
                });
                match initial {
                    Some((unit, i)) => {
                        self.drafter = Some(format!("{i}.{d}"));
                        tok = unit.trim().to_owned();
                    }
                    None => {
                        self.drafter = Some(d.to_owned());
                        tok = u.trim().to_owned();
                    }
                }
            }
        }
        // `TXNK-Nhung`: the drafter's name after the unit's dash
        if let Some((u, d)) = tok.rsplit_once('-') {
            let name = d.chars().next().is_some_and(char::is_uppercase)
                && d.chars().skip(1).all(char::is_lowercase)
                && d.chars().count() >= 2;
            if name && is_unit_code(u) {
                self.drafter = Some(d.to_owned());
                tok = u.to_owned();
            }
        }
        tok.trim_end_matches('-').to_owned()
    }
}

/// `VHKGh` → (`VHKG`, `h`): a unit's code of three capitals or more with
/// one small letter glued on, its drafter's initial (`HDiem`, `KTono` are
/// initials and names, not a code). `Tr` and `Tg` end codes (`TTHTr`,
/// `KHTTg`, as `TTr` and `TTg` do): their small letter is the code's.
fn unit_and_initial(tok: &str) -> Option<(&str, &str)> {
    let last = tok.chars().next_back().filter(|c| c.is_lowercase())?;
    let unit = &tok[..tok.len() - last.len_utf8()];
    if unit.ends_with('T') && matches!(last, 'r' | 'g') {
        return None;
    }
    let code = unit.chars().count() >= 3 && unit.chars().all(|c| c.is_uppercase());
    code.then(|| (unit, &tok[unit.len()..]))
}

/// `d`, `hg`: a drafter's initials (ký hiệu người soạn thảo) in small
/// letters, a token of their own in a `Lưu` line; a unit's code is in
/// capitals.
fn is_small_initial(tok: &str) -> bool {
    (1..=3).contains(&tok.chars().count()) && tok.chars().all(char::is_lowercase)
}

/// Nouns of the teams inside a unit (`Đội 1`, `Tổ 3`, `Phòng 2`).
const TEAM_NOUNS: [&str; 6] = ["Đội", "Tổ", "Phòng", "Ban", "Trạm", "Khoa"];

/// `Đội 1`: a team of a unit, named by its noun and number (never a
/// drafter's mark, which is initials or a name).
fn is_numbered_team(t: &str) -> bool {
    let mut words = t.split_whitespace();
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(noun), Some(n), None)
            if TEAM_NOUNS.contains(&noun) && n.chars().all(|c| c.is_ascii_digit())
    )
}

/// `(ĐT/VMN)`: a unit and its drafter in brackets of their own.
fn bracketed_unit(tok: &str) -> Option<(&str, &str)> {
    let inner = tok.strip_prefix('(')?.strip_suffix(')')?;
    let (unit, who) = inner.split_once('/')?;
    is_unit_code(unit.trim()).then(|| (unit.trim(), who.trim()))
}

/// `VT.MT`: two units joined by a dot (`P.CNTT` is one: `P.` is Phòng
/// abbreviated).
fn dotted_units(tok: &str) -> Option<(&str, &str)> {
    let (a, b) = tok.split_once('.')?;
    (is_unit_code(a) && a.chars().count() >= 2 && is_unit_code(b)).then_some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split;

    #[test]
    fn lead_signer_walk_matches_the_pattern() {
        use crate::oracle::footer::{signer_line, LEAD_SIGNER_RE};
        let hits = crate::oracle::sweep(signer_line(), 100_000, |t| {
            let want = LEAD_SIGNER_RE
                .captures(t)
                .and_then(|c| c.name("sig"))
                .map(|m| m.end());
            proptest::prop_assert_eq!(lead_signer_end(t), want);
            Ok(usize::from(want.is_some()))
        });
        // the generator reaches the pattern
        assert!(hits > 300, "{hits}");
        let t = "NGUYỄN VĂN A, B - Giám đốc";
        assert_eq!(lead_signer_end(t), Some("NGUYỄN VĂN A, B".len()));
    }

    #[test]
    fn a_name_in_capitals_and_a_seal_under_the_title() {
        let sig = |t: &str| {
            let s = &parse(t, &split(t), 0).signatures[0];
            (s.title.clone(), s.name.clone())
        };
        let own = |s: &str| Some(s.to_owned());
        let t = "Báo cáo./.\nTM. ỦY BAN NHÂN DÂN XÃ\nCHỦ TỊCH\n\nNGUYỄN VĂN AN\n";
        assert_eq!(sig(t), (own("CHỦ TỊCH"), own("NGUYỄN VĂN AN")));
        let t = "Báo cáo./.\nTRƯỞNG PHÒNG\nPHÒNG\nY TẾ\nLê Văn Bình\n";
        assert_eq!(sig(t), (own("TRƯỞNG PHÒNG"), own("Lê Văn Bình")));
        // two-line titles stay whole
        let t = "Báo cáo./.\nTL. BỘ TRƯỞNG\nVỤ TRƯỞNG\nVỤ PHÁP CHẾ\nLê Văn Bình\n";
        assert_eq!(sig(t), (own("VỤ TRƯỞNG VỤ PHÁP CHẾ"), own("Lê Văn Bình")));
        let t = "Báo cáo./.\nGIÁM ĐỐC\nSỞ Y TẾ\nLê Văn Bình\n";
        assert_eq!(sig(t), (own("GIÁM ĐỐC SỞ Y TẾ"), own("Lê Văn Bình")));
        assert!(!is_upper_name("VĂN PHÒNG"));
        assert!(!is_upper_name("HÀ NỘI"));
    }

    #[test]
    fn a_name_glued_to_the_title_is_split_off() {
        let t = "CHÁNH VĂN PHÒNGNguyễn Văn Bình";
        assert_eq!(glued_name_at(t), Some("CHÁNH VĂN PHÒNG".len()));
        // a word in capitals then small letters, but no name after it
        assert_eq!(glued_name_at("UBND TỈNH QUẢNG NGÃI KHÔNG"), None);
        assert_eq!(glued_name_at("TRƯỞNG PHÒNG QLĐTthị trấn"), None);
        let t = "Báo cáo./.\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNGNguyễn Văn Bình\n";
        let sig = &parse(t, &split(t), 0).signatures[0];
        assert_eq!(sig.title.as_deref(), Some("CHÁNH VĂN PHÒNG"));
        assert_eq!(sig.name.as_deref(), Some("Nguyễn Văn Bình"));
    }

    #[test]
    fn a_prefix_without_its_dot_is_read_before_an_office_word() {
        assert_eq!(leading_authority("KT TRƯỞNG PHÒNG"), Some(("KT", 3)));
        assert_eq!(leading_authority("TM ỦY BAN NHÂN DÂN"), Some(("TM", 3)));
        assert_eq!(leading_authority("TL  CHỦ TỊCH"), Some(("TL", 4)));
        assert_eq!(leading_authority("KT. CỤC TRƯỞNG"), Some(("KT", 4)));
        // OCR's comma for the dot
        assert_eq!(leading_authority("KT, CỤC TRƯỞNG"), Some(("KT", 4)));
        assert_eq!(leading_authority("KT,CỤC TRƯỞNG"), Some(("KT", 3)));
        assert_eq!(leading_authority("KT, năm 2020"), None);
        // a word or a name that starts with the letters is no prefix
        assert_eq!(leading_authority("TMV TRƯỞNG PHÒNG"), None);
        assert_eq!(leading_authority("TL Lê Văn Bình"), None);
        assert_eq!(leading_authority("KT NĂM 2020"), None);
        let t = "Báo cáo./.\nKT TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG\nLê Văn Bình\n";
        let sig = &parse(t, &split(t), 0).signatures[0];
        assert_eq!(sig.authority[0].prefix, "KT");
        assert_eq!(sig.authority[0].position, "TRƯỞNG PHÒNG");
        assert_eq!(sig.title.as_deref(), Some("PHÓ TRƯỞNG PHÒNG"));
    }

    #[test]
    fn signoff_cells_need_a_role_a_date_or_a_label_above_the_name() {
        let names = |t: &str| -> Vec<(Option<String>, Option<String>)> {
            let lines = split(t);
            parse(t, &lines, 0)
                .signatures
                .into_iter()
                .map(|s| (s.title, s.name))
                .collect()
        };
        let own = |s: &str| Some(s.to_owned());
        // role, sign-off date (blank day), name
        assert_eq!(
            names("Nội dung trình.\nLãnh đạo phòng\nNgày    tháng 3 năm 2025\nLê Văn Hải\n"),
            [(own("Lãnh đạo phòng"), own("Lê Văn Hải"))]
        );
        // a date but no role: a signer without a title
        assert_eq!(
            names("Nội dung trình.\nKÍNH TRÌNH GIÁM ĐỐC\n.....\nNgày 2 tháng 3 năm 2025\nLê Văn Hải\n"),
            [(None, own("Lê Văn Hải"))]
        );
        // a list opened by a colon, or a name after a sentence: no cell
        // signs off (what the walk back over the last lines makes of them
        // is another rule's)
        let signoff = |t: &str| {
            let lines = split(t);
            let all: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].is_content())
                .collect();
            signoff_signatures(t, &lines, &all).len()
        };
        assert_eq!(
            signoff("Thành viên tổ công tác gồm:\nLê Văn Hải\nTrần Thị Lan\n"),
            0
        );
        assert_eq!(signoff("Đề nghị các đơn vị thực hiện.\nLê Văn Hải\n"), 0);
        assert_eq!(signoff("Điện thoại: 0218.3852 000\nLê Văn Hải\n"), 1);
        // `Ngày … tháng … năm …` is a sign-off date only on a line of its own
        use crate::header::is_date_alone;
        assert!(is_date_alone("Ngày 06 tháng 3 năm 2025"));
        assert!(is_date_alone("Ngày …… tháng …… năm 2025"));
        assert!(!is_date_alone("Ngày 06 tháng 3 năm 2025, Sở đã họp"));
    }

    #[test]
    fn seed_like_footer() {
        let t = "Yêu cầu thực hiện./.\n\nNơi nhận:\n\n- Như trên;\n- Văn phòng UBND tỉnh:\n- + LĐVP, TH, KTN;\n- + Lưu VT, NN.Thăng\n\n**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\nLê Ô Pích";
        let lines = split(t);
        let f = parse(t, &lines, 0);
        let d = f.distribution.unwrap();
        assert_eq!(d.items.len(), 2);
        assert_eq!(d.items[1].text, "Văn phòng UBND tỉnh");
        assert_eq!(d.items[1].items[0].text, "LĐVP, TH, KTN");
        let a = d.archive.unwrap();
        assert_eq!(
            (a.units, a.drafter.as_deref()),
            (vec!["VT".to_owned(), "NN".to_owned()], Some("Thăng"))
        );
        let s = &f.signatures[0];
        assert_eq!(s.authority[0].prefix, "KT");
        assert_eq!(s.authority[0].position, "CHỦ TỊCH");
        assert_eq!(s.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(s.name.as_deref(), Some("Lê Ô Pích"));
    }

    #[test]
    fn stacked_and_party_prefixes() {
        let t = "Xong./.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn B\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nNguyễn Thị C";
        let f = parse(t, &split(t), 0);
        assert_eq!(f.signatures.len(), 2);
        let p: Vec<&str> = f.signatures[0]
            .authority
            .iter()
            .map(|a| a.prefix.as_str())
            .collect();
        assert_eq!(p, ["TM", "KT"]);
        assert_eq!(f.signatures[1].authority[0].prefix, "TM");
        assert_eq!(f.signatures[1].title.as_deref(), Some("PHÓ BÍ THƯ"));
    }

    #[test]
    fn one_line_signature() {
        let t = "Hết./.\nKT. BỘ TRƯỞNG THỨ TRƯỞNG Vũ Thị Mai";
        let f = parse(t, &split(t), 0);
        let s = &f.signatures[0];
        assert_eq!(s.authority[0].position, "BỘ TRƯỞNG");
        assert_eq!(s.title.as_deref(), Some("THỨ TRƯỞNG"));
        assert_eq!(s.name.as_deref(), Some("Vũ Thị Mai"));
    }

    #[test]
    fn one_line_blocks_split_by_their_structure() {
        let cases = [
            (
                "KT. CỤC TRƯỞNG CỤC QUẢN LÝ, GIÁM SÁT CHÍNH SÁCH THUẾ, PHÍ VÀ LỆ PHÍ PHÓ CỤC TRƯỞNG Lưu Văn Hà",
                vec![("KT", "CỤC TRƯỞNG CỤC QUẢN LÝ, GIÁM SÁT CHÍNH SÁCH THUẾ, PHÍ VÀ LỆ PHÍ")],
                "PHÓ CỤC TRƯỞNG",
            ),
            (
                "TL. BỘ TRƯỞNG VỤ TRƯỞNG VỤ PHÁP CHẾ Trần Văn An",
                vec![("TL", "BỘ TRƯỞNG")],
                "VỤ TRƯỞNG VỤ PHÁP CHẾ",
            ),
            (
                "TL. TỔNG CỤC TRƯỞNG KT. VỤ TRƯỞNG VỤ CHÍNH SÁCH PHÓ VỤ TRƯỞNG Ngô Văn Hòa",
                vec![("TL", "TỔNG CỤC TRƯỞNG"), ("KT", "VỤ TRƯỞNG VỤ CHÍNH SÁCH")],
                "PHÓ VỤ TRƯỞNG",
            ),
            (
                "KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM Lê Văn Bình",
                vec![("KT", "BỘ TRƯỞNG, CHỦ NHIỆM")],
                "PHÓ CHỦ NHIỆM",
            ),
            (
                "TL. BỘ TRƯỞNG, CHỦ NHIỆM VỤ TRƯỞNG VỤ QUAN HỆ QUỐC TẾ Lê Văn Bình",
                vec![("TL", "BỘ TRƯỞNG, CHỦ NHIỆM")],
                "VỤ TRƯỞNG VỤ QUAN HỆ QUỐC TẾ",
            ),
            // the prefix alone on its line, the rest flattened onto the next
            (
                "TL.\nBỘ TRƯỞNG CHÁNH VĂN PHÒNG Nguyễn Đức Tâm",
                vec![("TL", "BỘ TRƯỞNG")],
                "CHÁNH VĂN PHÒNG",
            ),
        ];
        for (line, chain, title) in cases {
            let t = format!("Hết./.\n{line}");
            let f = parse(&t, &split(&t), 0);
            let s = &f.signatures[0];
            let got: Vec<(&str, &str)> = s
                .authority
                .iter()
                .map(|a| (a.prefix.as_str(), a.position.as_str()))
                .collect();
            assert_eq!(got, chain, "{line}");
            assert_eq!(s.title.as_deref(), Some(title), "{line}");
            assert!(s.name.is_some(), "{line}");
        }
    }

    #[test]
    fn items_cut_by_a_line_break_keep_their_comma_and_capitals() {
        let t = "Hết./.\nNơi nhận:\n- Như trên;\n- Các phòng NVDT, TTKT1,\nTTKT2, KK&KTT;\n- Lưu: VT.\nCông ty thông báo để đơn vị được biết và thực hiện./.\nKT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\nLê Văn An";
        let f = parse(t, &split(t), 0);
        let d = f.distribution.unwrap();
        let items: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(items, ["Như trên", "Các phòng NVDT, TTKT1, TTKT2, KK&KTT"]);
        assert_eq!(f.signatures[0].title.as_deref(), Some("PHÓ CỤC TRƯỞNG"));
    }

    #[test]
    fn a_bracketed_note_in_capitals_closes_the_item_left_open_above_it() {
        let t = "Hết./.\nNơi nhận:\n- Như trên;\n- Vụ CST, Vụ PC\n(BTC);\n- Lưu: VT, TXNK.\nKT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\nLê Văn An";
        let f = parse(t, &split(t), 0);
        let d = f.distribution.unwrap();
        let items: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(items, ["Như trên", "Vụ CST, Vụ PC (BTC)"]);
        assert_eq!(f.signatures[0].title.as_deref(), Some("PHÓ CỤC TRƯỞNG"));
        // after a closed item, a line in brackets is no part of it
        let t = "Hết./.\nNơi nhận:\n- Như trên;\n- Vụ CST;\n(BTC);\n- Lưu: VT.\nKT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\nLê Văn An";
        let f = parse(t, &split(t), 0);
        let d = f.distribution.unwrap();
        assert!(
            d.items.iter().all(|i| i.text != "Vụ CST (BTC)"),
            "{:?}",
            d.items
        );
    }

    #[test]
    fn ocr_spellings_of_noi_nhan_are_the_distribution_label() {
        for head in [
            "Nơi nhận:",
            "Not nhận: TL. BỘ TRƯỞNG",
            "Noi nhậm:",
            "Nai nhận: KT.CUC TRUONG",
            // the vowel misread or the last letter lost: alone, or before
            // the colon
            "Noi nhén:",
            "Noi nhin: TM. DOAN CHU TICH",
            "Noi nha",
        ] {
            assert!(is_distribution_head(head), "{head}");
        }
        for line in [
            "Nội dung chính",
            "Người nhận tiền",
            "Nơi làm việc",
            "Nhà nhận",
            "Nơi nhìn thấy các em",
            "Noi nhin thay",
        ] {
            assert!(!is_distribution_head(line), "{line}");
        }
    }

    #[test]
    fn a_position_goes_on_below_its_prefix_until_a_title() {
        let t = "Hết./.\nTL. TỔNG CỤC TRƯỞNG\nKT. CỤC TRƯỞNG\nCỤC THANH TRA - KIỂM TRA THUẾ\nPHÓ CỤC TRƯỞNG\nLê Văn An";
        let f = parse(t, &split(t), 0);
        let s = &f.signatures[0];
        let chain: Vec<(&str, &str)> = s
            .authority
            .iter()
            .map(|a| (a.prefix.as_str(), a.position.as_str()))
            .collect();
        assert_eq!(
            chain,
            [
                ("TL", "TỔNG CỤC TRƯỞNG"),
                ("KT", "CỤC TRƯỞNG CỤC THANH TRA - KIỂM TRA THUẾ")
            ]
        );
        assert_eq!(s.title.as_deref(), Some("PHÓ CỤC TRƯỞNG"));
        // `TL.` alone: the next line is its position; an OCR-damaged
        // title stays a title
        let t = "Hết./.\nTL.\nBỘ TRƯỞNG\nCHÁ ANH VAN PHONG\nLê Văn An";
        let f = parse(t, &split(t), 0);
        let s = &f.signatures[0];
        assert_eq!(s.authority[0].position, "BỘ TRƯỞNG");
        assert_eq!(s.title.as_deref(), Some("CHÁ ANH VAN PHONG"));
    }

    #[test]
    fn a_title_in_capitals_is_not_part_of_a_name() {
        assert!(!is_name("THỦ TƯỚNG Nguyễn Văn An"));
        assert!(!is_loose_name("THỦ TƯỚNG Nguyễn Văn An"));
        assert!(is_name("Nguyễn Văn An"));
        assert!(is_title_and_name("THỦ TƯỚNG Nguyễn Văn An"));
    }

    #[test]
    fn distribution_label_without_colon_is_not_sliced_mid_char() {
        // OCR: `Nơi nhận` followed by a curly quote instead of a colon (regression: panicked)
        let t = "Xong./.\nNơi nhận“. KT. CỤC TRƯỞNG\n- Như trên;\nPHÓ CỤC TRƯỞNG\nNguyễn Văn A";
        let f = parse(t, &split(t), 0);
        assert!(f.distribution.is_some());
        assert_eq!(f.signatures.len(), 1);
    }

    #[test]
    fn interleaved_columns_and_ocr_debris() {
        let t = "Xong./.\nNơi nhận: y/ KT. CỤC TRƯỞNG\n- Như kính gửi; PHÓ CỤC TRƯỞNG\n~ Lãnh đạo Cục;\nLan: VT, TTHT\nLê Bá Ngọc";
        let f = parse(t, &split(t), 0);
        let s = &f.signatures[0];
        assert_eq!(s.authority[0].position, "CỤC TRƯỞNG");
        assert_eq!(s.title.as_deref(), Some("PHÓ CỤC TRƯỞNG"));
        assert_eq!(s.name.as_deref(), Some("Lê Bá Ngọc"));
        let d = f.distribution.unwrap();
        let items: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(items, ["Như kính gửi", "Lãnh đạo Cục"]);
        assert_eq!(d.archive.unwrap().units, ["VT", "TTHT"]);
        let t = "Xong./.\nNơi nhận:\nBỘ TRƯỞNG, CHỦ NHIỆM ~ TTgCP, các PTTgCP (để b/c);\n- Lưu: VT, KSTT.\nTrần Văn Sơn";
        let f = parse(t, &split(t), 0);
        assert_eq!(
            f.signatures[0].title.as_deref(),
            Some("BỘ TRƯỞNG, CHỦ NHIỆM")
        );
        assert_eq!(
            f.distribution.unwrap().items[0].text,
            "TTgCP, các PTTgCP (để b/c)"
        );
    }

    #[test]
    fn ocr_cut_name_after_the_luu_line() {
        let t = "Xong./.\nNơi nhận: KT. TỔNG CỤC TRƯỞNG\n- Cục CNTT (để biết);\n- Lưu: VT, TXNK.\nuyên Dương Thái";
        let f = parse(t, &split(t), 0);
        assert_eq!(f.signatures[0].name.as_deref(), Some("uyên Dương Thái"));
        let d = f.distribution.unwrap();
        assert_eq!(d.items.len(), 1);
    }

    #[test]
    fn annex_glued_to_a_one_line_signature() {
        let t = "Hết./.\nKT. BỘ TRƯỞNG THỨ TRƯỞNG Đinh Trung Tụng KẾ HOẠCH TRIỂN KHAI THỰC HIỆN";
        let s = &parse(t, &split(t), 0).signatures[0];
        assert_eq!(
            (s.title.as_deref(), s.name.as_deref()),
            (Some("THỨ TRƯỞNG"), Some("Đinh Trung Tụng"))
        );
        let t = "Hết./.\nTM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Lê Văn Hà Phụ lục (Kèm theo \
                 Nghị định số 87/2025/NĐ-CP ngày 11 tháng 4 năm 2025 của Chính phủ)";
        let s = &parse(t, &split(t), 0).signatures[0];
        assert_eq!(
            (s.title.as_deref(), s.name.as_deref()),
            (Some("PHÓ THỦ TƯỚNG"), Some("Lê Văn Hà"))
        );
        let t = "Hết./.\nTHỦ TƯỚNG\n[\n\nLê Minh Hưng";
        assert_eq!(
            parse(t, &split(t), 0).signatures[0].name.as_deref(),
            Some("Lê Minh Hưng")
        );
    }

    #[test]
    fn item_offsets_are_where_find_puts_them() {
        for part in [
            "**- Như trên;**",
            "| *Lưu: VT*",
            "- \t- Sở Nội vụ;",
            "-\t-\t-\tabc",
            "  x",
        ] {
            let t = strip_emphasis(part);
            assert_eq!(
                emphasis_offset(part, t),
                part.find(t).unwrap_or(0),
                "{part:?}"
            );
            let body = clean_item(t);
            if has_letters(body, 3) {
                assert_eq!(item_offset(t, body), t.find(body).unwrap_or(0), "{t:?}");
            }
        }
        for (t, n) in [("ab c", 3), ("ab", 3), ("", 0), ("a1b2", 2), ("Như", 4)] {
            assert_eq!(
                has_letters(t, n),
                t.chars().filter(|c| c.is_alphabetic()).count() >= n
            );
        }
    }

    /// The first loop of [`split_interleaved`] as first written.
    fn interleaved_title_plain(t: &str) -> Option<usize> {
        let mut at = 0;
        for word in t.split(' ') {
            if at > 0 && word.chars().count() >= 2 && is_upper_line(word) {
                let (upper, name) = split_trailing_name_plain(&t[at..]);
                if name.is_some() && upper.split_whitespace().count() >= 2 && is_upper_line(upper) {
                    return Some(at);
                }
            }
            at += word.len() + 1;
        }
        None
    }

    #[test]
    fn interleaved_titles_split_as_first_written() {
        for t in [
            "- Lưu: VT, NN (2b). Thanh BỘ TRƯỞNG, CHỦ NHIỆM Đặng Hữu Khiêm",
            "- Như kính gửi; PHÓ CỤC TRƯỞNG",
            "BỘ TRƯỞNG Đặng Hữu Khiêm",
            "x BỘ TRƯỞNG Đặng Hữu",
            "x BỘ TRƯỞNG  Đặng Hữu",
            "x BỘ Đặng Hữu",
            "x TRƯỞNG BAN Hữu",
            "Đặng Hữu Khiêm",
            "",
            "VT BỘ TRƯỞNG Đặng Hữu Khiêm Ơ",
        ] {
            let fast = match split_interleaved(t, false) {
                (Some((a, e)), Some((0, b))) if a == b && e == t.len() => Some(a),
                _ => None,
            };
            let plain = interleaved_title_plain(t);
            if plain.is_some() || fast.is_some() {
                assert_eq!(fast, plain, "{t:?}");
            }
        }
    }

    #[test]
    fn trailing_names_split_as_first_written() {
        for t in [
            "THỨ TRƯỞNG Vũ Thị Mai",
            "Vũ Thị Mai",
            "BỘ TRƯỞNG  Lê Văn A",
            "BỘ TRƯỞNG Lê Văn A ",
            " Lê Văn",
            "",
            " ",
            "KT. CỤC TRƯỞNG Đinh Trung Tụng KẾ HOẠCH",
            "PHÓ CHỦ TỊCH Trần Văn B Nguyễn",
            "A Bb Cc",
            "x Bb Cc Dd Ee Ff Gg Hh",
            "CHỦ TỊCH Lê",
        ] {
            assert_eq!(
                split_trailing_name(t),
                split_trailing_name_plain(t),
                "{t:?}"
            );
        }
    }

    #[test]
    fn signature_after_an_adoption_clause_and_before_an_annex() {
        // a law's adoption clause after `./.`, then the signature
        let t = "Điều 3. Nghị quyết này có hiệu lực từ ngày 01 tháng 7 năm 2025./.\nNghị quyết này được Ủy ban Thường vụ Quốc hội khóa XV, phiên họp thứ 47 thông qua ngày 10 tháng 7 năm 2025.\nTM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH\nTrần Văn A\n";
        let lines = split(t);
        let f = parse(t, &lines, 0);
        let s = &f.signatures[0];
        assert_eq!(s.authority[0].position, "ỦY BAN THƯỜNG VỤ QUỐC HỘI");
        assert_eq!(s.name.as_deref(), Some("Trần Văn A"));
        assert!(
            lines[f.start].text(t).starts_with("TM."),
            "the clause stays in the body"
        );
        // no `./.` and no Nơi nhận: the block between the last article and an annex
        let t = "Điều 4. Các Bộ trưởng chịu trách nhiệm thi hành Nghị quyết này.\nTM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nLê Văn B\nCÔNG BÁO/Số 277/Ngày 16-05-2026\n60\nPhụ lục\nNHIỆM VỤ TRỌNG TÂM\n| STT | Nhiệm vụ |\n| 1 | NQ/TW |\n";
        let f = parse(t, &split(t), 0);
        let s = &f.signatures[0];
        assert_eq!(s.authority.len(), 2);
        assert_eq!(
            (s.title.as_deref(), s.name.as_deref()),
            (Some("PHÓ THỦ TƯỚNG"), Some("Lê Văn B"))
        );
        // a sentence that is not followed by a footer is not skipped
        let t = "Nội dung./.\nCâu kết thúc không có chữ ký nào theo sau cả.\n";
        let f = parse(t, &split(t), 0);
        assert!(f.signatures.is_empty());
    }

    #[test]
    fn a_title_spaced_out_is_kept_whole() {
        let t = "Nội dung./.\nNơi nhận: KT. CỤC TRƯỞNG\n- Như trên; P H Ó CỤC TRƯỞNG\n- Lưu: VT.\nTrần Văn E\n";
        let f = parse(t, &split(t), 0);
        assert_eq!(f.signatures[0].title.as_deref(), Some("P H Ó CỤC TRƯỞNG"));
        assert_eq!(f.signatures[0].name.as_deref(), Some("Trần Văn E"));
        // a name of short words still ends where a title begins
        assert_eq!(cut_after_signer("Lê Ô Pích PHỤ LỤC"), "Lê Ô Pích");
    }

    #[test]
    fn ocr_debris_before_the_title_and_the_name() {
        let t = "Nội dung./.\nNai nhận: KT.CUC TRUONG\nieee PRQ CỤC TRƯỜNG\n\n‘Neuyén Thanh Binh\n";
        let f = parse(t, &split(t), 0);
        let s = &f.signatures[0];
        assert_eq!(
            (s.title.as_deref(), s.name.as_deref()),
            (Some("PRQ CỤC TRƯỜNG"), Some("Neuyén Thanh Binh"))
        );
        assert!(f.distribution.is_none_or(|d| d.items.is_empty()));
        // a distribution item in lower case is not debris before a title
        assert_eq!(title_after_debris("các Sở, ngành"), None);
        assert_eq!(title_after_debris("- ab CỤC TRƯỞNG X"), None);
    }

    #[test]
    fn a_rank_before_the_name_is_part_of_it() {
        let t = "Nội dung./.\nBỘ TRƯỞNG\nĐại tướng Lương Văn C\n";
        let f = parse(t, &split(t), 0);
        assert_eq!(
            f.signatures[0].name.as_deref(),
            Some("Đại tướng Lương Văn C")
        );
        assert!(is_name("Thiếu uý Trần Văn D"));
        assert!(!is_name("Đại tướng"));
        assert!(!is_name("Đại tướngLương Văn C"));
    }

    #[test]
    fn archive_shapes() {
        let t = "- Lưu: VT, QHĐP (3) Cương";
        let a = parse_archive(t, 0, t.len());
        assert_eq!(
            (a.units, a.copies, a.drafter.as_deref()),
            (
                vec!["VT".to_owned(), "QHĐP".to_owned()],
                Some(3),
                Some("Cương")
            )
        );
        let t = "- Lưu: VT, ĐMDN (2b).";
        let a = parse_archive(t, 0, t.len());
        assert_eq!((a.units.len(), a.copies), (2, Some(2)));
        for (line, units) in [
            ("- Lưu: VT, (KH/TMN).", vec!["VT", "KH"]),
            ("-Lưu: VT.KH.", vec!["VT", "KH"]),
            ("- Lưu: VT, TCT (VT, CS) (3b).", vec!["VT", "TCT (VT, CS)"]),
            ("- Lưu: VT, TH (VB).", vec!["VT", "TH"]),
            ("- Lưu: VT, NC (TP, Dũng).", vec!["VT", "NC"]),
            ("- Lưu: VT; TXNK-Nhung (03).", vec!["VT", "TXNK"]),
            ("Liu:LPQT-(1.anH-NBI014)", vec!["LPQT"]),
            ("- Lưu: VT, KK-TT.", vec!["VT", "KK-TT"]),
        ] {
            let a = parse_archive(line, 0, line.len());
            assert_eq!(a.units, units, "{line}");
        }
        let t = "- Lưu: VT; TXNK-Nhung (03).";
        assert_eq!(
            parse_archive(t, 0, t.len()).drafter.as_deref(),
            Some("Nhung")
        );
        // OCR's spellings of the label, before a unit code
        assert!(is_archive("Liu:LPQT-(1.anH-NBI014)"));
        assert!(is_archive("- Lan: VT, TTHT."));
        assert!(!is_archive("Lúc: 8 giờ 30"));
        assert!(!is_archive("Lớp: bồi dưỡng"));
        // a drafter's initial in small letters is no unit
        let t = "- Lưu VT, d.";
        let a = parse_archive(t, 0, t.len());
        assert_eq!(
            (a.units, a.drafter.as_deref()),
            (vec!["VT".to_owned()], Some("d"))
        );
        // a bare `Lưu` line names no unit, and is the archive all the same
        for bare in ["- Lưu.", "- Lưu", "Lưu;"] {
            assert!(is_archive(bare), "{bare}");
            assert!(parse_archive(bare, 0, bare.len()).units.is_empty());
        }
        assert!(!is_archive("- Lưu ý."));
        // a title glued after the full stop that ends the list
        let t = "- Lưu: VT, P. KT. PHÓ CHỦ TỊCH";
        let (sig, dist) = split_interleaved(t, false);
        let sig = sig.expect("the title");
        assert_eq!(&t[sig.0..sig.1], "PHÓ CHỦ TỊCH");
        assert_eq!(dist.map(|(a, b)| &t[a..b]), Some("- Lưu: VT, P. KT."));
        // units in capitals after a stop stay the list's
        assert_eq!(split_interleaved("- Lưu: VT. TCCB, VX.", false).0, None);
    }

    #[test]
    fn a_title_run_into_an_item_is_the_signers_while_the_signature_awaits_it() {
        let part = |t: &'static str, r: Option<(usize, usize)>| r.map(|(a, b)| &t[a..b]);
        for (t, title, item) in [
            // OCR's debris (what it made of `PHÓ`) after the item's `;`
            ("- Như trên; mẹ CỤC TRƯỞNG", "mẹ CỤC TRƯỞNG", "- Như trên;"),
            // no `;`: the title's capitals after the item's small letters
            (
                "- Như nt 2 PHÓ TỔNG CỤC TRƯỞNG",
                "PHÓ TỔNG CỤC TRƯỞNG",
                "- Như nt 2",
            ),
            (
                "; ae Bộ Tài chính : CỤC TRƯỞNG",
                "CỤC TRƯỞNG",
                "; ae Bộ Tài chính :",
            ),
        ] {
            let (sig, dist) = split_interleaved(t, true);
            assert_eq!(part(t, sig), Some(title), "{t}");
            assert_eq!(part(t, dist), Some(item), "{t}");
            // with no authority waiting for its title, the line is an item
            let (sig, dist) = split_interleaved(t, false);
            assert_eq!((sig, part(t, dist)), (None, Some(t)), "{t}");
        }
        // capitals that are no signer's title stay the item's
        for t in ["- Thường trực HĐND, UBND TỈNH", "- Các phòng TTKT1, TTHT"] {
            assert_eq!(split_interleaved(t, true).0, None, "{t}");
        }
        // the whole list in brackets, parted by semicolons
        let t = "- Lưu (VP ; KT&KĐCL).";
        assert!(is_archive(t));
        assert_eq!(parse_archive(t, 0, t.len()).units, ["VP", "KT&KĐCL"]);
    }
}

#[cfg(test)]
mod signed_mark_tests {
    use super::strip_signed_mark;

    #[test]
    fn the_signed_mark_after_a_name_is_left_out() {
        assert_eq!(strip_signed_mark("Trần Văn An – Đã ký"), "Trần Văn An");
        assert_eq!(strip_signed_mark("Trần Văn An (đã ký)"), "Trần Văn An");
        assert_eq!(strip_signed_mark("(Đã ký)"), "(Đã ký)");
        assert_eq!(strip_signed_mark("Trần Văn An"), "Trần Văn An");
        // a distribution table beside a signer whose name carries the mark,
        // then an annex: the name is read, the annex stays out of Nơi nhận
        let doc = crate::parse(
            "| Nơi nhận:<br>- Các bộ;<br>- Lưu VT, Vụ PC. | TỔNG THANH TRA<br>Trần Văn An – Đã ký |\n\
             |---|---|\n\nMẫu số 1 ban hành kèm theo Thông tư số 12/2007/TT-TTCP\n",
        );
        let sig = doc.signatures.first().expect("signature");
        assert_eq!(sig.name.as_deref(), Some("Trần Văn An"));
        assert_eq!(sig.title.as_deref(), Some("TỔNG THANH TRA"));
        let items: Vec<&str> = doc
            .distribution
            .as_ref()
            .map(|d| d.items.iter().map(|i| i.text.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(items, ["Các bộ"]);
    }
}

#[cfg(test)]
mod annex_distribution_tests {
    #[test]
    fn a_nơi_nhận_inside_an_annex_is_not_the_documents() {
        // a guide: its own signature table, then an annex of samples that
        // names `Nơi nhận` again in a table cell
        let doc = crate::parse(
            "ĐẢNG CỘNG SẢN VIỆT NAM\nVĂN PHÒNG TRUNG ƯƠNG\nSố 12-HD/VPTW\n\nHƯỚNG DẪN\n\
             Về thể thức văn bản\n\n1. Nội dung hướng dẫn.\n\n\
             | Nơi nhận:<br>- Các tỉnh uỷ,<br>- Lưu Văn phòng. | K/T CHÁNH VĂN PHÒNG<br>PHÓ CHÁNH VĂN PHÒNG<br>Trần Văn An |\n\
             |---|---|\n\nPHỤ LỤC 1\nMẪU TRÌNH BÀY\n\n\
             | TT | Thành phần | Minh hoạ |\n|---|---|---|\n\
             | 9. | Từ \"Nơi nhận\" | Nơi nhận: |\n\
             | 10. | Tên cơ quan | - Các huyện uỷ,<br>- Lưu Văn phòng Tỉnh uỷ. |\n",
        );
        let sig = doc.signatures.first().expect("signature");
        assert_eq!(sig.name.as_deref(), Some("Trần Văn An"));
        assert_eq!(sig.title.as_deref(), Some("PHÓ CHÁNH VĂN PHÒNG"));
        let dist = doc.distribution.as_ref().expect("distribution");
        let items: Vec<&str> = dist.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(items, ["Các tỉnh uỷ"]);
    }
}

#[cfg(test)]
mod archive_abbreviation_tests {
    use super::parse_archive;

    #[test]
    fn a_one_letter_abbreviation_before_a_dot_stays_with_its_unit() {
        let t = "- Lưu: VT, P.CNTT.";
        assert_eq!(parse_archive(t, 0, t.len()).units, ["VT", "P.CNTT"]);
        let t = "- Lưu: VT.MT.";
        assert_eq!(parse_archive(t, 0, t.len()).units, ["VT", "MT"]);
    }

    #[test]
    fn a_unit_code_with_a_digit_is_a_unit_not_a_drafter() {
        let t = "- Lưu: VT, P6.";
        let a = parse_archive(t, 0, t.len());
        assert_eq!(
            (a.units, a.drafter),
            (vec!["VT".to_owned(), "P6".to_owned()], None)
        );
        let t = "- Lưu: VT, TTKT1.";
        assert_eq!(parse_archive(t, 0, t.len()).units, ["VT", "TTKT1"]);
        // a name in mixed case is still the drafter
        let t = "- Lưu: VT, KH, Hà.";
        assert_eq!(parse_archive(t, 0, t.len()).drafter.as_deref(), Some("Hà"));
    }

    #[test]
    fn a_drafters_initial_and_name_after_the_units_dash_are_the_drafters() {
        let t = "- Lưu: VT, TXNK-H.Linh (3b).";
        let a = parse_archive(t, 0, t.len());
        assert_eq!(a.units, ["VT", "TXNK"]);
        assert_eq!(a.drafter.as_deref(), Some("H.Linh"));
        // a unit's code with a dash keeps it (`HC-QT`)
        let t = "- Lưu: VT, HC-QT.";
        assert_eq!(parse_archive(t, 0, t.len()).units, ["VT", "HC-QT"]);
    }

    #[test]
    fn a_code_with_a_small_letter_is_a_unit_and_a_name_is_the_drafter() {
        // more capitals than small letters: a code (`TTHTr`, as `TTr`)
        let t = "- Lưu VT, TTHTr.";
        let a = parse_archive(t, 0, t.len());
        assert_eq!(
            (a.units, a.drafter),
            (vec!["VT".to_owned(), "TTHTr".to_owned()], None)
        );
        // as many small letters or more: initials and a name
        for (t, name) in [
            ("- Lưu: VT, TH, HDiem.", "HDiem"),
            ("- Lưu: VT, Hùng.", "Hùng"),
        ] {
            let a = parse_archive(t, 0, t.len());
            assert_eq!(a.drafter.as_deref(), Some(name), "{t}");
        }
    }
}

#[cfg(test)]
mod after_archive_tests {
    fn items(doc: &crate::Document) -> Vec<String> {
        doc.distribution
            .as_ref()
            .map(|d| d.items.iter().map(|i| i.text.clone()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn unmarked_debris_below_the_lưu_line_is_no_item() {
        let doc = crate::parse(
            "BỘ CÔNG AN\nSố: 12/BCA-C04\n\nV/v phối hợp\n\nKính gửi: Công an tỉnh A\n\n\
             Nội dung công văn.\n\nNơi nhận:\n- Như kính gửi;\n\
             - Giám đốc Công an tỉnh A (để p/h); Nợ) scc\n- Lưu: VT, P6.\n\n\
             CỤC TRƯỞNG\ncoxe\n2277p Hà)\nNguyễn Văn An\n",
        );
        assert_eq!(
            items(&doc),
            ["Như kính gửi", "Giám đốc Công an tỉnh A (để p/h)"]
        );
        let units = doc
            .distribution
            .as_ref()
            .and_then(|d| d.archive.as_ref())
            .map(|a| a.units.clone());
        assert_eq!(units, Some(vec!["VT".to_owned(), "P6".to_owned()]));
    }

    #[test]
    fn seal_debris_is_no_title_and_a_short_body_name_is() {
        use super::is_title_debris;
        for debris in ["ZZ KG", "SỈ S2", "VI TỪ"] {
            assert!(is_title_debris(debris), "{debris}");
        }
        for title in ["SỞ Y TẾ", "PHÓ GIÁM ĐỐC", "BÍ THƯ"] {
            assert!(!is_title_debris(title), "{title}");
        }
    }

    #[test]
    fn a_drafter_initial_glued_to_a_unit_is_read_apart() {
        use super::unit_and_initial;
        assert_eq!(unit_and_initial("VHKGh"), Some(("VHKG", "h")));
        assert_eq!(unit_and_initial("KGVXđ"), Some(("KGVX", "đ")));
        for tok in [
            "HDiem", "KTono", "TTg", "VHKG", "QHXD7", "Hg", "TTHTr", "KHTTg",
        ] {
            assert_eq!(unit_and_initial(tok), None, "{tok}");
        }
    }

    #[test]
    fn an_annex_glued_after_the_signer_ends_the_footer() {
        use super::parse;
        use crate::lines::split;
        let t = "Điều 3. Thi hành./.\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT, KHTC.\n\
                 BỘ TRƯỞNG Đặng Quốc Khánh CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA NGÀNH TÀI NGUYÊN THỰC HIỆN\n\
                 - XÃ HỘI VÀ DỰ TOÁN NĂM 2024 (Kèm theo Quyết định số 59/QĐ-BTNMT)\nI. MỤC TIÊU\n";
        let lines = split(t);
        let f = parse(t, &lines, 0);
        let s = &f.signatures[0];
        assert_eq!(
            (s.title.as_deref(), s.name.as_deref()),
            (Some("BỘ TRƯỞNG"), Some("Đặng Quốc Khánh"))
        );
        let items: Vec<&str> = f
            .distribution
            .as_ref()
            .map(|d| d.items.iter().map(|i| i.text.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(items, ["Như Điều 2"]);
        // the footer ends with the signature's line
        assert_eq!(lines[f.end - 1].text(t).split(' ').next(), Some("BỘ"));
    }

    #[test]
    fn a_consolidated_texts_heading_is_no_title() {
        use super::without_consolidation_heading as strip;
        assert_eq!(strip("XÁC THỰC VĂN BẢN HỢP NHẤT"), "");
        assert_eq!(
            strip("XÁC THỰC VĂN BẢN HỢP NHẤT KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Bá Hoan"),
            "KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Bá Hoan"
        );
        assert_eq!(strip("KT. BỘ TRƯỞNG"), "KT. BỘ TRƯỞNG");
        assert_eq!(
            strip("XÁC THỰC VĂN BẢN HỢP NHẤTX"),
            "XÁC THỰC VĂN BẢN HỢP NHẤTX"
        );
    }
}
