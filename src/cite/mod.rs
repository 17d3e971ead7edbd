//! Cited documents (văn bản được viện dẫn): finds every reference to another
//! document in a text, normalises its identity and merges the mentions.
//!
//! # Architecture
//!
//! Three stages, each a single left-to-right pass:
//!
//! 1. **Candidates.** Three scanners, each giving exactly the matches of
//!    its regex over the whole text, but running the regex only where a
//!    byte search says a match can be (`scan`, which explains why that is
//!    the same; `crate::oracle::cite` keeps each regex as the reference):
//!    - *identifiers* (`ids::id_at`): `NUMBER/[YEAR/]SYMBOL`
//!      (`30/2020/NĐ-CP`, `82 /VPĐP- NV&MT`), Party `NUMBER-TYPE/ISSUER`
//!      (`36-HD/VPTW`) and old `NUMBER-SYMBOL` (`64-CP`, only after a head
//!      noun). A notation must start with an uppercase code group, which
//!      rules out dates, money, fractions and `đồng/người/năm`. For each hit
//!      we look *backwards* in a bounded window for the head noun
//!      (`Quyết định số`, `QĐ`, `văn bản số`, `Luật Đất đai số`,
//!      `các Quyết định của Thủ tướng Chính phủ số`) or a lone `số`, and
//!      for a list separator (`, số`, ` và `) that makes the hit inherit the
//!      previous item's head. The document's own number is skipped.
//!    - *laws by name* (`laws::law_at`): `Luật Đất đai năm 2013`,
//!      `Bộ luật Lao động 2019`, `Luật … ngày 16 tháng 12 năm 2002`.
//!    - *back-references*: number-only (`Công văn số 267`,
//!      `heads::number_ref_in`) and by type (`Kế hoạch nêu trên`,
//!      `heads::type_ref_in`).
//!
//!    Head nouns are matched by hand (`heads`), not by regex: the head-noun
//!    alternation was the costliest pattern to compile and to search
//!    backwards.
//! 2. **Fields** (`fields`): for each identifier, the date directly after
//!    it (`ngày 11/01/2024`, `, ngày 01-10-1997`), the issuer after `của`
//!    up to the clause boundary, and an article pinpoint just before the
//!    mention (`khoản 2 Điều 5`). Every reader works on a bounded window.
//! 3. **Merge and resolve** (`resolve`): candidates are taken in text
//!    order; full citations are merged by a map keyed by their normalised id
//!    (or `title|year` for laws without a number); back-references attach to
//!    exactly one earlier citation or are dropped.
//!
//! # Overlap policy
//!
//! Each identifier candidate *claims* the text from its mention start (head
//! noun) to the end of its tail (date, issuer). Identifiers win over laws by
//! name, which win over back-references: a lower-priority candidate that
//! overlaps a claimed range is dropped. Identifier candidates never overlap
//! each other (the scanner moves forward).
//!
//! The whole extraction is linear in the input: each scanner walks the text
//! once (byte searches, then a regex on a bounded slice or an anchored
//! match per candidate), each look-around reads at most a few hundred bytes, merging uses
//! hash maps, and the final ordering merges three already-sorted runs.
//!
//! Never a citation: the document's own number, `Quyết định này` and the
//! like, phone numbers, money, dates, fractions and percentages, article
//! references alone.
//!
//! # Modules
//!
//! `patterns` (head nouns and codes from the type table `DOC_TYPES`, windows),
//! `heads`, `ids`, `laws` and `fields` (the hand matchers, written with the
//! cursor primitives of `crate::scan`), `scan` (the candidate scanners and
//! their byte prefilters), `notation` (reading an identifier match),
//! `candidate` and `resolve` (merging). Test-only: `crate::oracle::cite` (the regex
//! each matcher replaces, and proptest generators), `equiv` (matcher and regex
//! agree on generated texts), `tests` (cases).
//!
//! # Changing a grammar
//!
//! 1. Change the reference regex in `crate::oracle::cite` first: it is the
//!    definition.
//! 2. Change the matcher to agree, with `crate::scan`'s primitives; a variant
//!    every grammar should accept (a dash, spacing) goes into `normalize`.
//! 3. Give the oracle's generator pieces that reach the new form; check the
//!    prefilter in `scan` still admits every match start.
//! 4. `cargo test --lib cite`: `equiv` shrinks any disagreement to a small text.
//! 5. Add a case to `tests.rs` and run `tests/accuracy.rs` and
//!    `tools/same-output.sh`; a new document type is one line of `DOC_TYPES`.

mod candidate;
#[cfg(test)]
mod equiv;
mod fields;
mod forms;
mod heads;
mod ids;
mod laws;
mod notation;
pub(crate) mod patterns;
mod resolve;
mod scan;
#[cfg(test)]
mod tests;

use crate::model::{Citation, CitedDate};
pub(crate) use forms::split_forms;

use candidate::{merge_key, Cand, Found, Ref};
use notation::{id_start_ok, read_id, read_id_or_unknown_code, IdForm};
use patterns::{head_type, starts_at_boundary, window_before, TypeInfo, LIST_GAP_RE};

/// Finds every cited document (văn bản được viện dẫn) in `text`, merging
/// mentions of the same document.
///
/// `text` is NFC-normalised with `\n` line breaks; line breaks inside a
/// citation are treated as white space. `own_id` is the document's own
/// normalised identity (số, ký hiệu, e.g. `"123/UBND-NN"`), which is never a
/// citation. Citations come in the order of their first mention; every
/// mention's span is a byte range of `text` on char boundaries.
pub fn extract(text: &str, own_id: Option<&str>) -> Vec<Citation> {
    let own = own_id.map(|o| {
        normalize_id(o).unwrap_or_else(|| fields::collapse_ws(o).replace(' ', "").to_uppercase())
    });
    let mut docs = identifier_candidates(text, own.as_deref());
    let claimed: Vec<(usize, usize)> = docs.iter().map(|d| (d.start, d.claim_end)).collect();
    let free = drop_overlapping(&claimed, free_form_candidates(text, own.as_deref()), |d| {
        (d.start, d.claim_end)
    });
    if !free.is_empty() {
        docs.extend(free);
        docs.sort_by_key(|d| d.start);
    }
    let mut claims: Vec<(usize, usize)> = docs.iter().map(|d| (d.start, d.claim_end)).collect();
    let laws = drop_overlapping(&claims, law_candidates(text), |d| (d.start, d.claim_end));
    claims = merge_sorted(
        claims,
        laws.iter().map(|d| (d.start, d.claim_end)).collect(),
    );
    let refs = drop_overlapping(&claims, ref_candidates(text), |r| (r.start, r.end));
    let mut cands: Vec<Cand> = docs
        .into_iter()
        .chain(laws)
        .map(Cand::Doc)
        .chain(refs.into_iter().map(Cand::Ref))
        .collect();
    // Three runs, each sorted: the stable sort merges them in linear time.
    cands.sort_by_key(Cand::start);
    resolve::resolve(text, cands)
}

/// Normalised identity of a number and notation (số, ký hiệu) as written:
/// `"82 /VPĐP- NV&MT"` → `"82/VPĐP-NV&MT"`, `"30/2020/NĐ-CP"`,
/// Party `"75-KL/TW"`. A leading `Số:` is accepted. `None` when `raw` is not
/// one identifier.
pub fn normalize_id(raw: &str) -> Option<String> {
    let mut s = raw.trim();
    for prefix in ["Số", "số", "SỐ"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim_start().trim_start_matches(':').trim_start();
            break;
        }
    }
    // Only a match starting at 0 counts.
    let id = read_id(s, &ids::id_at(s, 0)?)?;
    if id.start != 0 || !s[id.end..].trim().is_empty() {
        return None;
    }
    Some(id.id)
}

/// How far back a head noun is looked for.
const HEAD_WINDOW: usize = 200;

/// What precedes an identifier.
#[derive(Debug, Clone, Default)]
struct Head {
    /// Whether a head noun was found (the type may still be generic).
    present: bool,
    ty: Option<TypeInfo>,
    /// Issuer written between the head noun and `số` (shared by a list).
    issuer: Option<String>,
    /// Law title written before `số`.
    title: Option<String>,
    /// Whether `số` follows the head noun (`Tờ trình số`, not `Tờ trình`).
    numbered: bool,
}

fn identifier_candidates(text: &str, own: Option<&str>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    // The previous accepted identifier: its claim end and head, for lists.
    let mut prev: Option<(usize, Head)> = None;
    let mut raws = Vec::new();
    scan::id_matches(text, |m| {
        if let Some(raw) = read_id_or_unknown_code(text, m) {
            raws.push(raw);
        }
    });
    for raw in raws {
        if !id_start_ok(text, raw.start) {
            continue;
        }
        let prev_end = prev.as_ref().map_or(0, |(e, _)| *e);
        let (mut start, mut head) = head_before(text, raw.start);
        if start < prev_end {
            start = raw.start;
            head = Head::default();
        }
        if !head.present {
            let gap = text.get(prev_end..raw.start).unwrap_or("");
            if let Some((_, ph)) = prev
                .as_ref()
                .filter(|_| gap.len() <= 48 && LIST_GAP_RE.is_match(gap))
            {
                head = Head {
                    present: ph.present,
                    ty: ph.ty,
                    issuer: ph.issuer.clone(),
                    title: None,
                    numbered: ph.numbered,
                };
            }
            if start == raw.start {
                let (ws, win) = window_before(text, raw.start, 16);
                if let Some(so) = heads::so_before(text, ws, ws + win.len()) {
                    if so >= prev_end && starts_at_boundary(text, so) {
                        start = so;
                    }
                }
            }
        }
        if raw.form == IdForm::Old && !head.present {
            continue;
        }
        // `Tờ trình số 295/TTrg-TCCB`: a notation opening with no code is
        // one only where a head noun and `số` say so, and of their type
        if raw.unknown_code && !(head.numbered && head.ty.is_some()) {
            continue;
        }
        // `năm 2024/BGTVT`: a year before a slash, with neither a head noun
        // nor `số`, is a fragment of something else
        let year_like =
            raw.number.len() == 4 && (raw.number.starts_with("19") || raw.number.starts_with("20"));
        if year_like && raw.year.is_none() && !head.present && start == raw.start {
            continue;
        }
        if own == Some(raw.id.as_str()) {
            prev = None;
            continue;
        }
        let doc_type = raw.code_type.or(head.ty);
        let (date, issuer, claim_end) = date_and_issuer_after(text, raw.end);
        let pinpoint = fields::pinpoint_before(text, start);
        out.push(Found {
            start,
            end: raw.end,
            claim_end,
            key: merge_key(&raw.id),
            id: Some(raw.id),
            doc_type,
            number: Some(raw.number),
            year: raw.year,
            symbol: Some(raw.symbol),
            date,
            issuer: issuer.or_else(|| head.issuer.clone()),
            title: head.title.clone(),
            pinpoint,
        });
        prev = Some((claim_end, head));
    }
    out
}

/// The date and issuer written after an identifier ending at `end`
/// (`ngày 05/3/2020 của Chính phủ`, either order), and where they end.
fn date_and_issuer_after(text: &str, end: usize) -> (Option<CitedDate>, Option<String>, usize) {
    let mut claim_end = end;
    let mut date = None;
    if let Some((d, e)) = fields::date_at(text, claim_end) {
        date = Some(d);
        claim_end = e;
    }
    let mut issuer = None;
    if let Some((i, e)) = fields::issuer_at(text, claim_end) {
        issuer = Some(i);
        claim_end = e;
        if date.is_none() {
            if let Some((d, e)) = fields::date_at(text, claim_end) {
                date = Some(d);
                claim_end = e;
            }
        }
    }
    (date, issuer, claim_end)
}

/// Identifiers of no state or Party shape (số, ký hiệu tự đặt: a company's
/// `ADM2018/07-01`, `CV/01CPXD`) where only an identifier can stand: after a
/// head noun and `số`, and before `ngày` and a date. The token starts with a
/// letter (a digit is the state grammar's), holds a `/`, a letter and a digit.
fn free_form_candidates(text: &str, own: Option<&str>) -> Vec<Found> {
    let mut out = Vec::new();
    for at in memchr::memmem::find_iter(text.as_bytes(), "số") {
        let Some(token_at) = free_form_token_start(text, at) else {
            continue;
        };
        let token = free_form_token(&text[token_at..]);
        if token.is_empty() {
            continue;
        }
        let token_end = token_at + token.len();
        let dated = text[token_end..]
            .trim_start_matches([' ', '\t', '\n'])
            .starts_with("ngày");
        let (date, issuer, claim_end) = date_and_issuer_after(text, token_end);
        if !dated || date.is_none() {
            continue;
        }
        let (start, head) = head_before(text, token_at);
        let id = token.to_uppercase();
        if !head.present || own == Some(id.as_str()) {
            continue;
        }
        out.push(Found {
            start,
            end: token_end,
            claim_end,
            key: merge_key(&id),
            id: Some(id),
            doc_type: head.ty,
            number: None,
            year: None,
            symbol: None,
            date,
            issuer: issuer.or_else(|| head.issuer.clone()),
            title: None,
            pinpoint: fields::pinpoint_before(text, start),
        });
    }
    out
}

/// Where the token after the `số` at `at` starts (`số CV/…`, `số: CV/…`),
/// when `số` is a word of its own and a letter starts the token.
fn free_form_token_start(text: &str, at: usize) -> Option<usize> {
    if !starts_at_boundary(text, at) {
        return None;
    }
    let rest = &text[at + "số".len()..];
    let after_label = rest.trim_start_matches([' ', '\t', '\n']);
    let after_label = after_label.strip_prefix(':').unwrap_or(after_label);
    let token = after_label.trim_start_matches([' ', '\t', '\n']);
    let gap = rest.len() - token.len();
    (gap > 0 && token.starts_with(|c: char| c.is_ascii_alphabetic()))
        .then_some(at + "số".len() + gap)
}

/// The free-form identifier at the start of `s`: ASCII letters, digits and
/// `/ - . &`, with a `/`, a letter and a digit, 4 to 30 bytes, ending at white
/// space or punctuation; empty when `s` does not start with one.
fn free_form_token(s: &str) -> &str {
    let len = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '.' | '&')))
        .unwrap_or(s.len());
    let token = s[..len].trim_end_matches(['.', '-', '/']);
    let shaped = (4..=30).contains(&token.len())
        && token.contains('/')
        && token.bytes().any(|b| b.is_ascii_digit())
        && token.bytes().any(|b| b.is_ascii_alphabetic());
    if shaped {
        token
    } else {
        ""
    }
}

/// Looks for a head noun right before an identifier starting at `id_start`.
/// Returns the mention start and what was found.
fn head_before(text: &str, id_start: usize) -> (usize, Head) {
    let (ws, win) = window_before(text, id_start, HEAD_WINDOW);
    if let Some(h) = heads::head_before(text, ws, ws + win.len()) {
        if starts_at_boundary(text, h.start) {
            let numbered = text[h.end..id_start].contains("số");
            let head = Head {
                present: true,
                ty: h.alt.ty,
                numbered,
                ..Head::default()
            };
            return (h.start, head);
        }
    }
    let end = ws + win.len();
    if let Some(m) = heads::issuer_before(text, ws, end) {
        let iss_text = fields::collapse_ws(&text[m.name.0..m.name.1]);
        let clean = !iss_text
            .split(' ')
            .any(|w| head_type(w).is_ok() || w == "số");
        if clean && starts_at_boundary(text, m.head.start) {
            let head = Head {
                present: true,
                ty: m.head.alt.ty,
                issuer: Some(iss_text),
                title: None,
                numbered: true,
            };
            return (m.so, head);
        }
    }
    if let Some(m) = heads::title_before(text, ws, end) {
        if starts_at_boundary(text, m.head.start) {
            let h = &text[m.head.start..m.head.end];
            let ty = head_type(h).ok().flatten();
            let title = format!(
                "{} {}",
                fields::collapse_ws(h),
                fields::collapse_ws(&text[m.name.0..m.name.1])
            );
            let head = Head {
                present: true,
                ty,
                issuer: None,
                title: Some(title),
                numbered: true,
            };
            return (m.head.start, head);
        }
    }
    (id_start, Head::default())
}

/// Words that cannot be part of a law's name (`Luật này`, `Luật số`, …).
const LAW_NAME_STOP: &[&str] = &[
    "số", "này", "của", "theo", "tại", "đã", "được", "ngày", "năm", "về", "các", "những", "trên",
    "để", "trong", "trình", "đang", "trước", "sau", "thì", "là", "có", "cho", "với", "bị", "đến",
    "từ", "khi", "mà", "Luật", "luật",
];

fn law_candidates(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    scan::law_matches(text, |m| {
        if let Some(found) = law_found(text, m) {
            out.push(found);
        }
    });
    out
}

/// The law named by one match of the law pattern, unless the name is not
/// one.
fn law_found(text: &str, m: &laws::LawMatch) -> Option<Found> {
    let part = |(s, e): (usize, usize)| &text[s..e];
    let (h_start, h, name) = (m.head.0, part(m.head), part(m.name));
    if !starts_at_boundary(text, h_start) {
        return None;
    }
    let head_text = fields::collapse_ws(h);
    let name_text = fields::collapse_ws(name);
    let is_constitution = head_text.to_lowercase() == "hiến pháp";
    if !is_constitution && !name_text.starts_with(char::is_uppercase) {
        return None;
    }
    if name_text.split(' ').any(|w| LAW_NAME_STOP.contains(&w)) {
        return None;
    }
    let title = if name_text.is_empty() {
        head_text.clone()
    } else {
        format!("{head_text} {name_text}")
    };
    let (year, date, end) = if let Some(y) = m.year {
        (part(y).parse::<i32>().ok(), None, y.1)
    } else {
        let (date, e) = fields::date_at(text, m.date?)?;
        (date.year, Some(date), e)
    };
    let mention_end = if date.is_some() { m.name.1 } else { end };
    let ty = head_type(h).ok().flatten();
    let pinpoint = fields::pinpoint_before(text, h_start);
    Some(Found {
        start: h_start,
        end: mention_end,
        claim_end: end,
        key: format!("law:{}|{}", title.to_lowercase(), year.unwrap_or(0)),
        id: None,
        doc_type: ty,
        number: None,
        year,
        symbol: None,
        date,
        issuer: None,
        title: Some(title),
        pinpoint,
    })
}

fn ref_candidates(text: &str) -> Vec<Ref> {
    let mut nums = Vec::new();
    scan::number_ref_matches(text, |m| {
        if let Some(r) = number_ref(text, m) {
            nums.push(r);
        }
    });
    let mut types = Vec::new();
    scan::type_ref_matches(text, |m| {
        if let Some(r) = type_ref(text, m) {
            types.push(r);
        }
    });
    // Both runs are sorted; merge them.
    let mut all = nums;
    all.extend(types);
    all.extend(this_document_refs(text));
    all.sort_by_key(|r| r.start);
    all
}

/// `văn bản này` points back to a document cited just before it (an
/// identifier within the preceding 300 bytes: `… công văn số 06/CV ngày
/// 14/02/2023 … Theo văn bản này, …`); with none nearby it is the document
/// itself and not a citation.
fn this_document_refs(text: &str) -> Vec<Ref> {
    static ID_NEAR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i:số)\s*:?\s*\d{1,6}(?:/\d{4})?[ ]?[/-][ ]?\p{Lu}{2}")
            .expect("valid regex")
    });
    // `văn bản này` or `Văn bản này`: one search for the common tail.
    const TAIL: &str = "ăn bản này";
    let mut out = Vec::new();
    for t in memchr::memmem::find_iter(text.as_bytes(), TAIL) {
        if t == 0 || !matches!(text.as_bytes()[t - 1], b'v' | b'V') {
            continue;
        }
        let p = t - 1;
        let end = t + TAIL.len();
        let after_ok = !text[end..].starts_with(char::is_alphanumeric);
        if !starts_at_boundary(text, p) || !after_ok {
            continue;
        }
        let (_, win) = window_before(text, p, 300);
        // the identifier, then at most one sentence break before `văn bản này`
        let points_back = ID_NEAR.find_iter(win).last().is_some_and(|m| {
            let between = &win[m.end()..];
            let breaks = between
                .match_indices(". ")
                .filter(|(k, _)| between[k + 2..].starts_with(char::is_uppercase))
                .count();
            breaks <= 1 && !between.contains("./.")
        });
        if points_back {
            out.push(Ref {
                start: p,
                end,
                head: None,
                number: None,
                pinpoint: None,
            });
        }
    }
    // In text order already: one search, left to right.
    out
}

/// The back-reference of one match of `NUMBER_REF_RE`, unless it is a
/// number of something else.
fn number_ref(text: &str, m: &heads::NumberRef) -> Option<Ref> {
    let (h_start, (n_start, n_end)) = (m.head.start, m.num);
    if !starts_at_boundary(text, h_start) {
        return None;
    }
    let head = m.head.alt.ty;
    let has_so = m.so;
    let after = text.get(n_end..).unwrap_or("");
    if after.starts_with(|ch: char| ch.is_alphanumeric()) {
        return None;
    }
    let next = after.trim_start_matches([' ', '\t', '\n']);
    if next.starts_with(['/', '-'])
        || (after.starts_with(['.', ',']) && after[1..].starts_with(|ch: char| ch.is_ascii_digit()))
    {
        return None;
    }
    let num = &text[n_start..n_end];
    let looks_like_year = num.len() == 4 && (num.starts_with("19") || num.starts_with("20"));
    if !has_so && (head.is_none() || looks_like_year) {
        return None;
    }
    Some(Ref {
        start: h_start,
        end: n_end,
        head,
        number: Some(num.to_owned()),
        pinpoint: fields::pinpoint_before(text, h_start),
    })
}

/// The back-reference of one match of `TYPE_REF_RE`, unless a bare `trên`
/// is not followed by punctuation.
fn type_ref(text: &str, m: &heads::TypeRef) -> Option<Ref> {
    if m.bare && !m.after {
        return None;
    }
    let (r_start, r_end) = (m.head.start, m.end);
    if !starts_at_boundary(text, r_start) {
        return None;
    }
    Some(Ref {
        start: r_start,
        end: r_end,
        head: m.head.alt.ty,
        number: None,
        pinpoint: fields::pinpoint_before(text, r_start),
    })
}

/// Keeps the items (sorted by start) that overlap none of `claims` (sorted,
/// non-overlapping ranges). Linear: one pointer walks the claims.
fn drop_overlapping<T>(
    claims: &[(usize, usize)],
    items: Vec<T>,
    range: impl Fn(&T) -> (usize, usize),
) -> Vec<T> {
    let mut k = 0;
    let mut kept = Vec::with_capacity(items.len());
    for item in items {
        let (s, e) = range(&item);
        while k < claims.len() && claims[k].1 <= s {
            k += 1;
        }
        let overlaps = claims[k..].iter().take_while(|c| c.0 < e).any(|c| c.1 > s);
        if !overlaps {
            kept.push(item);
        }
    }
    kept
}

/// Merges two sorted lists of ranges.
fn merge_sorted(a: Vec<(usize, usize)>, b: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out = a;
    out.extend(b);
    out.sort();
    out
}
