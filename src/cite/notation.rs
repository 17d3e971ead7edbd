//! Reading a notation (số, ký hiệu): the number, year and symbol of an
//! identifier match ([`super::ids::id_at`]), with the repairs extraction
//! damage calls for (a legislature number split off, a footnote marker glued
//! on, a symbol wrapped over a line), and its normalised id.

use super::ids::IdMatch;
use super::patterns::{starts_at_boundary, type_from_code, window_before, TypeInfo};
use crate::codes::DOC_TYPES;

/// How an identifier is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum IdForm {
    /// `NUMBER/[YEAR/]SYMBOL`.
    State,
    /// `NUMBER-TYPE/ISSUER`.
    Party,
    /// `NUMBER-SYMBOL` (old decrees: `64-CP`).
    Old,
}

/// An identifier read from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RawId {
    /// Byte range in the haystack.
    pub(super) start: usize,
    /// End of the identifier (after truncating invalid groups).
    pub(super) end: usize,
    /// Sequence number as written (`03`).
    pub(super) number: String,
    /// Year inside the number.
    pub(super) year: Option<i32>,
    /// Notation, original case, no spaces (`QĐ-TTg`, `HD/VPTW`).
    pub(super) symbol: String,
    /// Type code read from the notation, when it is in the table.
    pub(super) code_type: Option<TypeInfo>,
    /// Shape.
    pub(super) form: IdForm,
    /// Normalised identity.
    pub(super) id: String,
    /// Whether the first group is no code at all (`TTrg`, a misspelt
    /// `TTr`): read only by [`read_id_or_unknown_code`], for a caller that
    /// has a head noun to tell the type.
    pub(super) unknown_code: bool,
}

/// Groups after the first that companies write in small letters but for
/// the first (`27/ĐN-Cty`: công ty), read as codes all the same.
const MIXED_CASE_GROUPS: [&str; 2] = ["Cty", "CTy"];

/// Whether a notation group looks like a code: starts with an uppercase
/// letter (or a digit when `first` is false) and has more uppercase than
/// lowercase letters (`TTg`, `GDTrH`, `QyĐ` pass; `Ngày`, `Số` do not).
/// After the first group, digits alone are a group too: a company's own
/// numbering (`01/CV-01`, `009/VC-2018`).
fn valid_group(g: &str, first: bool) -> bool {
    let Some(c0) = g.chars().next() else {
        return false;
    };
    if !(c0.is_uppercase() || (!first && c0.is_ascii_digit())) {
        return false;
    }
    if !first && g.len() <= 4 && g.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if !first && MIXED_CASE_GROUPS.contains(&g) {
        return true;
    }
    let upper = g.chars().filter(|c| c.is_uppercase()).count();
    let lower = g.chars().filter(|c| c.is_lowercase()).count();
    g.chars().all(|c| c.is_alphanumeric() || c == '&') && upper > lower
}

/// Splits a notation written with `-` separators (maybe spaced) into its
/// valid leading groups (`following`: the text after `s`): returns the groups, the separator printed before
/// each group after the first (`-`, `/` as in `527/TTLT/TTCP-BNV`, `.` or
/// `_`), and the end offset (relative to `s`) of the last valid group.
/// Stops at a group that does not look like a code, or at a hyphen spaced
/// on both sides within a line (a dash, not a separator; one that ends the
/// line is the notation's, see [`ends_line`]).
fn split_groups<'a>(
    s: &'a str,
    following: &str,
    allow_slash: bool,
) -> (Vec<&'a str>, Vec<char>, usize) {
    let mut groups = Vec::new();
    let mut seps = Vec::new();
    // the separator read after the last group, kept once a group follows it
    let mut pending = None;
    let mut end = 0;
    let mut rest_start = 0;
    loop {
        let rest = &s[rest_start..];
        let glen = rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '&'))
            .map_or(rest.len(), |(i, _)| i);
        // `BYT-MTngày`: the next word, glued on by extraction, ends the notation
        let glued = without_glued_word(&rest[..glen]).filter(|c| valid_group(c, groups.is_empty()));
        let g = glued.unwrap_or(&rest[..glen]);
        if !valid_group(g, groups.is_empty()) {
            break;
        }
        seps.extend(pending.take());
        groups.push(g);
        end = rest_start + g.len();
        if glued.is_some() {
            break;
        }
        // Separator: spaces, '-', spaces/newline.
        let after = &rest[glen..];
        let before_ws = after.len() - after.trim_start_matches([' ', '\t']).len();
        let after_ws = after.trim_start_matches([' ', '\t']);
        let Some((sep, after_dash)) = after_ws
            .strip_prefix('-')
            .map(|r| ('-', r))
            .or_else(|| {
                // `TTLT/BLĐTBXH-BTC`: a slash between groups, kept as printed
                after
                    .strip_prefix('/')
                    .filter(|r| allow_slash && r.starts_with(char::is_uppercase))
                    .map(|r| ('/', r))
            })
            .or_else(|| dot_or_underscore(after))
        else {
            break;
        };
        let tail = after_dash.trim_start_matches([' ', '\t', '\n']);
        let after_spaces = after_dash.len() - tail.len();
        if before_ws > 0
            && after_spaces > 0
            && !(sep == '-' && (ends_line(after_dash) || closes_notation(tail, following)))
        {
            break;
        }
        if tail.is_empty() {
            break;
        }
        rest_start = s.len() - tail.len();
        pending = Some(sep);
    }
    (groups, seps, end)
}

/// Whether the text after a hyphen ends its line (`473/TTr -` then
/// `NN&PTNT` on the next line): a hyphen that ends a line inside a notation
/// is the notation's, even with a space before it, as one with no space is
/// (`TTr-` / `NN&PTNT`); a dash spaced on both sides within a line is
/// punctuation.
fn ends_line(after_dash: &str) -> bool {
    after_dash.trim_start_matches([' ', '\t']).starts_with('\n')
}

/// Whether the text after a hyphen spaced on both sides is the last group
/// of a notation (`12/QĐ - UBND ngày …`, `34/KH - BCĐ;`): a code in
/// capitals that the notation's end follows at once (the line's end, a
/// punctuation mark, or a word that follows notations, `ngày`, `của`).
/// A dash before a title (`12/QĐ-UBND - Về việc …`) or before a body's name
/// in running text (`- UBND tỉnh`) is punctuation.
/// `following` is the text after `tail`'s end, where the group ends it.
fn closes_notation(tail: &str, following: &str) -> bool {
    let len = tail
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '&'))
        .map_or(tail.len(), |(i, _)| i);
    let (group, after) = tail.split_at(len);
    let after = if after.is_empty() { following } else { after };
    let capitals = valid_group(group, true) && !group.chars().any(char::is_lowercase);
    let rest = after.trim_start_matches([' ', '\t']);
    let ends = after.is_empty()
        || rest.starts_with(['\n', ',', ';', '.', ')', ':'])
        || (after.starts_with([' ', '\t'])
            && ["ngày", "của", "năm"].iter().any(|w| {
                rest.strip_prefix(w)
                    .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
            }));
    capitals && ends
}

/// Words that follow a notation in running text (`số 6670/BYT-MT ngày …`,
/// `… của Bộ Y tế`) and that text extraction glues onto its last group when it
/// loses the space.
const GLUED_AFTER_NOTATION: [&str; 4] = ["ngày", "của", "về", "và"];

/// A group with one of [`GLUED_AFTER_NOTATION`] glued onto its end, without
/// it (`MTngày` → `MT`); `None` when no such word ends it.
fn without_glued_word(group: &str) -> Option<&str> {
    GLUED_AFTER_NOTATION
        .iter()
        .find_map(|w| group.strip_suffix(w))
        .filter(|code| !code.is_empty())
}

/// `TTR-NV.IV`, `CGC.BT`, `QĐ_BKHCN` (`after` starts where a group ended):
/// a dot before a code of up to three capitals, not a sentence's end
/// (`VP.Sau đó`, `VP.UBND tỉnh`), or an underscore typed for the dash; the separator and what
/// follows it.
fn dot_or_underscore(after: &str) -> Option<(char, &str)> {
    let (sep, rest) = after
        .strip_prefix('.')
        .map(|r| ('.', r))
        .or_else(|| after.strip_prefix('_').map(|r| ('_', r)))?;
    let next: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
    let short_code = next.chars().count() <= 3
        && next.starts_with(char::is_uppercase)
        && !next.chars().any(char::is_lowercase);
    let code = next.starts_with(char::is_uppercase);
    ((sep == '_' && code) || short_code).then_some((sep, rest))
}

/// `groups` with the separator printed before each after the first.
fn joined(groups: &[&str], seps: &[char]) -> String {
    let mut out = groups.first().map_or_else(String::new, |g| (*g).to_owned());
    for (sep, g) in seps.iter().zip(&groups[1..]) {
        out.push(*sep);
        out.push_str(g);
    }
    out
}

/// A piece of the text and where it starts.
#[derive(Clone, Copy)]
struct Part<'t> {
    start: usize,
    text: &'t str,
}

/// The length of a footnote marker glued to a dated symbol: one digit after
/// a last group of letters (`NĐ-CP2`, `TT-BTC3`). Bodies that issue dated
/// documents are named by letters; only a legislature's code takes digits
/// (`QH14`, `UBTVQH15`), and those take two.
fn footnote_marker_len(symbol: &str) -> Option<usize> {
    let last = symbol.rsplit(['-', '/', '.', '_']).next()?;
    let letters = last.strip_suffix(|c: char| c.is_ascii_digit())?;
    let marker = letters.chars().count() >= 2
        && letters.chars().all(char::is_alphabetic)
        && !letters.ends_with("QH");
    marker.then_some(1)
}

/// The rest of a notation that a line break or a stray space cut off
/// (`15972/SXD-QLN& TTBĐS`, `06/CV` / `NET 2023 ngày 14/02/2023`): after a
/// trailing `&`, the next capitalised word; after a line break, up to two
/// capitalised words when `ngày` and a date follow them, since only the
/// identifier stands between `số` and its date. `after` is the text after
/// the symbol. Returns the words to append and the bytes they span.
fn wrapped_symbol_tail(symbol: &str, after: &str) -> Option<(String, usize)> {
    let is_code = |w: &str| {
        w.chars().count() >= 2
            && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
            && w.chars().any(char::is_uppercase)
    };
    let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
    if symbol.ends_with('&') {
        let word_end = after[gap..]
            .find(|c: char| !(c.is_alphanumeric()))
            .map_or(after.len(), |k| gap + k);
        let word = &after[gap..word_end];
        return is_code(word).then(|| (word.to_owned(), word_end));
    }
    if !after[gap..].starts_with('\n') {
        return None;
    }
    let mut at = gap + 1;
    let mut tail = String::new();
    for _ in 0..2 {
        let rest = &after[at..];
        let lead = rest.len() - rest.trim_start_matches(' ').len();
        let word_end = rest[lead..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(rest.len(), |k| lead + k);
        let word = &rest[lead..word_end];
        let year_like =
            !tail.is_empty() && word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit());
        if !is_code(word) && !year_like {
            break;
        }
        tail.push_str(word);
        at += word_end;
        if dated_next(&after[at..]) {
            return Some((tail, at));
        }
    }
    None
}

/// Whether `s` (the text after a notation's last word) goes on with `ngày`
/// and a digit: the date of the identifier, which only the identifier
/// separates from its `số`.
fn dated_next(s: &str) -> bool {
    s.trim_start_matches([' ', '\t', '\n'])
        .strip_prefix("ngày")
        .is_some_and(|d| d.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether `w` is an issuer code written in capitals (ký hiệu cơ quan:
/// `UBND`, `SLĐTB&XH`, `BCĐ389`): capitals, digits and `&`, opening with a
/// capital, with at least two capitals.
fn is_issuer_code(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
        && w.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// The issuer code of a notation whose hyphen was typed as a space after
/// its type code (`630/CV SLĐTB&XH ngày 2/3/2011`: ký hiệu `CV-SLĐTB&XH`).
/// `groups` are the notation's groups and `after` the text after them.
///
/// The rule is the conservative one of [`wrapped_symbol_tail`]: the
/// notation is only its type code (a code of the type table, which alone
/// names no issuer), one word in capitals follows on the same line, and
/// `ngày` and a date follow that word, since only the identifier stands
/// between `số` and its date. So `số 12/QĐ UBND ngày 5/3/2011` joins
/// (`12/QĐ-UBND`), while `số 12/QĐ UBND tỉnh …` (the issuer named after
/// the number) and `số 630/CV ngày …` do not. Returns the code and the
/// bytes of `after` it spans.
fn spaced_issuer_code<'a>(groups: &[&str], after: &'a str) -> Option<(&'a str, usize)> {
    if groups.len() != 1 || type_from_code(groups[0]).is_none() {
        return None;
    }
    let word_at = after.len() - after.trim_start_matches([' ', '\t']).len();
    if word_at == 0 {
        return None;
    }
    let word_len = after[word_at..]
        .find(|c: char| !(c.is_alphanumeric() || c == '&'))
        .unwrap_or(after.len() - word_at);
    let word = &after[word_at..word_at + word_len];
    let end = word_at + word_len;
    (is_issuer_code(word) && dated_next(&after[end..])).then_some((word, end))
}

/// The groups of a state notation whose first group is a word that looks
/// like no code (`TTrg-TCCB`: a type code misspelt, with as many small
/// letters as capitals): letters only, 2 to 6 of them, opening with a
/// capital, then a hyphen and at least one group that is a code. Returns
/// what [`split_groups`] returns.
fn unknown_first_group<'a>(
    s: &'a str,
    following: &str,
) -> Option<(Vec<&'a str>, Vec<char>, usize)> {
    let glen = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let first = &s[..glen];
    if !(2..=6).contains(&first.chars().count()) || !first.starts_with(char::is_uppercase) {
        return None;
    }
    let rest = s[glen..].strip_prefix('-')?;
    let (more, more_seps, end) = split_groups(rest, following, true);
    if more.is_empty() {
        return None;
    }
    let groups = std::iter::once(first).chain(more).collect();
    let seps = std::iter::once('-').chain(more_seps).collect();
    Some((groups, seps, glen + 1 + end))
}

/// Reads one identifier from a match `m` of `ID_RE` (`oracle::id_pattern`,
/// [`super::ids::id_at`]) in `text`. `None` when the notation does not look
/// like one.
pub(super) fn read_id(text: &str, m: &IdMatch) -> Option<RawId> {
    read_id_with(text, m, false)
}

/// [`read_id`], and also a state notation whose first group is no code
/// ([`unknown_first_group`], marked [`RawId::unknown_code`]): only a head
/// noun and `số` before it make it an identifier, which is the caller's to
/// check.
pub(super) fn read_id_or_unknown_code(text: &str, m: &IdMatch) -> Option<RawId> {
    read_id_with(text, m, true)
}

/// [`read_id`]; `unknown_ok` admits a first group that is no code.
fn read_id_with(text: &str, m: &IdMatch, unknown_ok: bool) -> Option<RawId> {
    let part = |(s, e): (usize, usize)| Part {
        start: s,
        text: &text[s..e],
    };
    let number = part(m.num).text.to_owned();
    let whole_start = m.num.0;
    if let Some(sym) = m.sym.map(part) {
        let year = match m.year {
            Some(y) => Some(part(y).text.parse::<i32>().ok()?),
            None => None,
        };
        let following = &text[sym.start + sym.text.len()..];
        let (groups, seps, rel_end) = split_groups(sym.text, following, true);
        let unknown = groups.is_empty();
        let (groups, seps, mut rel_end) = match unknown {
            false => (groups, seps, rel_end),
            true if unknown_ok => unknown_first_group(sym.text, following)?,
            true => return None,
        };
        let mut symbol = joined(&groups, &seps);
        // `UBTVQH 13`: a legislature number split off by OCR spacing.
        let rest = &sym.text[rel_end..];
        if symbol.ends_with("QH") {
            if let Some(digits) = rest.strip_prefix(' ') {
                if (1..=2).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) {
                    symbol.push_str(digits);
                    rel_end += 1 + digits.len();
                }
            }
        }
        // `105/2025/NĐ-CP2`: a footnote marker glued to a dated symbol
        if year.is_some() {
            if let Some(k) = footnote_marker_len(&symbol) {
                symbol.truncate(symbol.len() - k);
                rel_end -= k;
            }
        }
        if let Some((tail, len)) = wrapped_symbol_tail(&symbol, &text[sym.start + rel_end..]) {
            symbol.push_str(&tail);
            rel_end += len;
        } else if let Some((code, len)) = spaced_issuer_code(&groups, &text[sym.start + rel_end..])
        {
            symbol.push('-');
            symbol.push_str(code);
            rel_end += len;
        }
        let code_type = groups.first().and_then(|g| type_from_code(g));
        let id = match year {
            Some(y) => format!("{number}/{y}/{symbol}"),
            None => format!("{number}/{symbol}"),
        }
        .to_uppercase();
        return Some(RawId {
            start: whole_start,
            end: sym.start + rel_end,
            number,
            year,
            symbol,
            code_type,
            form: IdForm::State,
            id,
            unknown_code: unknown,
        });
    }
    if let (Some(pt), Some(pi)) = (m.ptype.map(part), m.piss.map(part)) {
        if !valid_group(pt.text, true) {
            return None;
        }
        let following = &text[pi.start + pi.text.len()..];
        let (groups, seps, rel_end) = split_groups(pi.text, following, true);
        if groups.is_empty() {
            return None;
        }
        let symbol = format!("{}/{}", pt.text, joined(&groups, &seps));
        // The Party issues thông tri, not thông tư: its `TT` is the second
        // type with that code.
        let code_type = type_from_code(pt.text).map(|t| {
            if t.code == "TT" {
                DOC_TYPES
                    .iter()
                    .find(|e| e.code == "TT" && e.name == "Thông tri")
                    .unwrap_or(t)
            } else {
                t
            }
        });
        let id = format!("{number}-{symbol}").to_uppercase();
        return Some(RawId {
            start: whole_start,
            end: pi.start + rel_end,
            number,
            year: None,
            symbol,
            code_type,
            form: IdForm::Party,
            id,
            unknown_code: false,
        });
    }
    let old = part(m.old?);
    let following = &text[old.start + old.text.len()..];
    let (groups, seps, rel_end) = split_groups(old.text, following, false);
    if groups.is_empty() {
        return None;
    }
    let symbol = joined(&groups, &seps);
    let id = format!("{number}-{symbol}").to_uppercase();
    Some(RawId {
        start: whole_start,
        end: old.start + rel_end,
        number,
        year: None,
        symbol,
        code_type: None,
        form: IdForm::Old,
        id,
        unknown_code: false,
    })
}

/// Whether the identifier starting at `start` is not glued to a preceding
/// word or number (`A12/…`, `1.234/…`), except for the extraction damage
/// `số82/…`.
pub(super) fn id_start_ok(text: &str, start: usize) -> bool {
    let (ws, before) = window_before(text, start, 8);
    match before.chars().next_back() {
        None => ws == 0 || starts_at_boundary(text, start),
        Some(c) if c.is_alphanumeric() => {
            let Some(so) = before
                .char_indices()
                .rev()
                .nth(1)
                .map(|(i, _)| i)
                .filter(|&i| {
                    before[i..].eq_ignore_ascii_case("số")
                        || &before[i..] == "Số"
                        || &before[i..] == "SỐ"
                })
            else {
                return false;
            };
            starts_at_boundary(text, ws + so)
        }
        Some(c) => !matches!(c, '/' | '.' | ',' | '-' | '+'),
    }
}
