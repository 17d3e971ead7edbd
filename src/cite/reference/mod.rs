//! Frozen copy of the citation extractor as it was before the speed work
//! (commit c1d0c5c): the oracle that `equiv` compares the optimised
//! extractor against. Test-only; never edit it to follow a behaviour change
//! (regenerate it from the new code instead).
#![allow(dead_code, unreachable_pub)]

mod fields;
mod patterns;
mod resolve;

use crate::model::{Citation, CitedDate};

use patterns::{
    head_type, id_start_ok, read_id, starts_at_boundary, window_before, IdForm, TypeInfo, CONG_VAN,
    HEAD_BEFORE_RE, HEAD_ISSUER_BEFORE_RE, ID_RE, LAW_NAME_RE, LAW_TITLE_BEFORE_RE, LIST_GAP_RE,
    NUMBER_REF_RE, SO_BEFORE_RE, TYPE_REF_RE,
};

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
    let docs = identifier_candidates(text, own.as_deref());
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
    let caps = ID_RE.captures(s)?;
    let id = read_id(&caps)?;
    if id.start != 0 || !s[id.end..].trim().is_empty() {
        return None;
    }
    Some(id.id)
}

/// A cited document found in the text (stage 1 and 2 output).
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// Mention start (head noun, `số`, or the identifier).
    start: usize,
    /// Mention end (end of the identifier, or of a law's name and year).
    end: usize,
    /// End of everything this candidate consumed (date, issuer).
    claim_end: usize,
    /// Merge key: the id, or `law:title|year`.
    key: String,
    id: Option<String>,
    doc_type: Option<TypeInfo>,
    number: Option<String>,
    year: Option<i32>,
    symbol: Option<String>,
    date: Option<CitedDate>,
    issuer: Option<String>,
    title: Option<String>,
    pinpoint: Option<String>,
}

/// A back-reference found in the text.
#[derive(Debug, Clone)]
pub(crate) struct Ref {
    start: usize,
    end: usize,
    /// The head noun's type; `None` for the generic `văn bản`.
    head: Option<TypeInfo>,
    /// `Some(number)` for `Công văn số 267`, `None` for `Kế hoạch nêu trên`.
    number: Option<String>,
    pinpoint: Option<String>,
}

/// A candidate of either kind.
#[derive(Debug, Clone)]
pub(crate) enum Cand {
    Doc(Found),
    Ref(Ref),
}

impl Cand {
    fn start(&self) -> usize {
        match self {
            Cand::Doc(d) => d.start,
            Cand::Ref(r) => r.start,
        }
    }
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
}

fn identifier_candidates(text: &str, own: Option<&str>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    // The previous accepted identifier: its claim end and head, for lists.
    let mut prev: Option<(usize, Head)> = None;
    for caps in ID_RE.captures_iter(text) {
        let Some(raw) = read_id(&caps) else {
            continue;
        };
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
                };
            }
            if start == raw.start {
                let (ws, win) = window_before(text, raw.start, 16);
                if let Some(so) = SO_BEFORE_RE.captures(win).and_then(|c| c.name("so")) {
                    if ws + so.start() >= prev_end && starts_at_boundary(text, ws + so.start()) {
                        start = ws + so.start();
                    }
                }
            }
        }
        if raw.form == IdForm::Old && !head.present {
            continue;
        }
        if own == Some(raw.id.as_str()) {
            prev = None;
            continue;
        }
        let doc_type = raw.code_type.or(head.ty);
        let mut claim_end = raw.end;
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
        let pinpoint = fields::pinpoint_before(text, start);
        out.push(Found {
            start,
            end: raw.end,
            claim_end,
            key: raw.id.clone(),
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

/// Looks for a head noun right before an identifier starting at `id_start`.
/// Returns the mention start and what was found.
fn head_before(text: &str, id_start: usize) -> (usize, Head) {
    let (ws, win) = window_before(text, id_start, HEAD_WINDOW);
    if let Some(h) = HEAD_BEFORE_RE.captures(win).and_then(|c| c.name("head")) {
        if starts_at_boundary(text, ws + h.start()) {
            if let Ok(ty) = head_type(h.as_str()) {
                let head = Head {
                    present: true,
                    ty,
                    ..Head::default()
                };
                return (ws + h.start(), head);
            }
        }
    }
    if let Some(c) = HEAD_ISSUER_BEFORE_RE.captures(win) {
        if let (Some(h), Some(iss), Some(so)) = (c.name("head"), c.name("iss"), c.name("so")) {
            let iss_text = fields::collapse_ws(iss.as_str());
            let clean = !iss_text
                .split(' ')
                .any(|w| head_type(w).is_ok() || w == "số");
            if clean && starts_at_boundary(text, ws + h.start()) {
                if let Ok(ty) = head_type(h.as_str()) {
                    let head = Head {
                        present: true,
                        ty,
                        issuer: Some(iss_text),
                        title: None,
                    };
                    return (ws + so.start(), head);
                }
            }
        }
    }
    if let Some(c) = LAW_TITLE_BEFORE_RE.captures(win) {
        if let (Some(h), Some(t)) = (c.name("head"), c.name("title")) {
            if starts_at_boundary(text, ws + h.start()) {
                let ty = head_type(h.as_str()).ok().flatten();
                let title = format!(
                    "{} {}",
                    fields::collapse_ws(h.as_str()),
                    fields::collapse_ws(t.as_str())
                );
                let head = Head {
                    present: true,
                    ty,
                    issuer: None,
                    title: Some(title),
                };
                return (ws + h.start(), head);
            }
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
    for c in LAW_NAME_RE.captures_iter(text) {
        let (Some(h), Some(name)) = (c.name("head"), c.name("name")) else {
            continue;
        };
        if !starts_at_boundary(text, h.start()) {
            continue;
        }
        let head_text = fields::collapse_ws(h.as_str());
        let name_text = fields::collapse_ws(name.as_str());
        let is_constitution = head_text.to_lowercase() == "hiến pháp";
        if !is_constitution && !name_text.starts_with(char::is_uppercase) {
            continue;
        }
        if name_text.split(' ').any(|w| LAW_NAME_STOP.contains(&w)) {
            continue;
        }
        let title = if name_text.is_empty() {
            head_text.clone()
        } else {
            format!("{head_text} {name_text}")
        };
        let (year, date, end) = if let Some(y) = c.name("year").or(c.name("bare")) {
            (y.as_str().parse::<i32>().ok(), None, y.end())
        } else if let Some(d) = c.name("date") {
            match fields::date_at(text, d.start()) {
                Some((date, e)) => (date.year, Some(date), e),
                None => continue,
            }
        } else {
            continue;
        };
        let mention_end = if date.is_some() { name.end() } else { end };
        let ty = head_type(h.as_str()).ok().flatten();
        let pinpoint = fields::pinpoint_before(text, h.start());
        out.push(Found {
            start: h.start(),
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
        });
    }
    out
}

fn ref_candidates(text: &str) -> Vec<Ref> {
    let mut nums = Vec::new();
    for c in NUMBER_REF_RE.captures_iter(text) {
        let (Some(h), Some(n)) = (c.name("head"), c.name("num")) else {
            continue;
        };
        if !starts_at_boundary(text, h.start()) {
            continue;
        }
        let Ok(head) = head_type(h.as_str()) else {
            continue;
        };
        let has_so = c.name("so").is_some();
        let after = text.get(n.end()..).unwrap_or("");
        if after.starts_with(|ch: char| ch.is_alphanumeric()) {
            continue;
        }
        let next = after.trim_start_matches([' ', '\t', '\n']);
        if next.starts_with(['/', '-'])
            || (after.starts_with(['.', ','])
                && after[1..].starts_with(|ch: char| ch.is_ascii_digit()))
        {
            continue;
        }
        let num = n.as_str();
        let looks_like_year = num.len() == 4 && (num.starts_with("19") || num.starts_with("20"));
        if !has_so && (head.is_none() || looks_like_year) {
            continue;
        }
        nums.push(Ref {
            start: h.start(),
            end: n.end(),
            head,
            number: Some(num.to_owned()),
            pinpoint: fields::pinpoint_before(text, h.start()),
        });
    }
    let mut types = Vec::new();
    for c in TYPE_REF_RE.captures_iter(text) {
        let (Some(r), Some(h)) = (c.name("ref"), c.name("head")) else {
            continue;
        };
        if c.name("bare").is_some() && c.name("after").is_none() {
            continue;
        }
        if !starts_at_boundary(text, r.start()) {
            continue;
        }
        let Ok(head) = head_type(h.as_str()) else {
            continue;
        };
        types.push(Ref {
            start: r.start(),
            end: r.end(),
            head,
            number: None,
            pinpoint: fields::pinpoint_before(text, r.start()),
        });
    }
    // Both runs are sorted; merge them.
    let mut all = nums;
    all.extend(types);
    // (behaviour added after the freeze: `văn bản này` pointing back)
    all.extend(super::this_document_refs(text).into_iter().map(|r| Ref {
        start: r.start,
        end: r.end,
        head: None,
        number: None,
        pinpoint: None,
    }));
    all.sort_by_key(|r| r.start);
    all
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

/// The type a head noun gives to a back-reference, as a code (`CV` for
/// Công văn).
fn head_code(head: Option<TypeInfo>) -> Option<&'static str> {
    head.map(|t| if t == CONG_VAN { "CV" } else { t.code })
}
