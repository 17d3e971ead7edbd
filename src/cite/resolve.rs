//! Stage 3: merges candidates into citations and attaches back-references.
//!
//! Candidates arrive in text order. A full candidate (identifier or law by
//! name) is merged by a map keyed by its normalised id (or `law:title|year`);
//! fields missing on the first mention are filled from later ones. A
//! back-reference attaches to an earlier citation only:
//! - `Công văn số 267`: exactly one earlier citation has number 267 and a
//!   compatible type (same type, or the generic `văn bản`, or a typeless
//!   công văn-shaped citation for `Công văn`); otherwise it is dropped;
//! - `Kế hoạch nêu trên`: the most recently mentioned citation of that type
//!   (any type for `văn bản nêu trên`).

use std::collections::HashMap;

use super::candidate::{head_code, merge_key, Cand, Found, Ref};
use super::patterns::TypeInfo;
use crate::model::{Citation, CitedType, Mention};
use crate::span::Span;

/// Merge state.
#[derive(Default)]
struct Resolver {
    cits: Vec<Citation>,
    by_key: HashMap<String, usize>,
    /// Number without leading zeros → the citations carrying it that
    /// qualify, by what a back-reference may ask for. Tallies, not lists:
    /// asking costs O(1) however many citations share a number.
    by_number: HashMap<String, Slots>,
    /// Lowercase title → citations carrying it.
    by_title: HashMap<String, Vec<usize>>,
    /// Type code → most recently mentioned citation of that type.
    last_by_code: HashMap<String, usize>,
    last_any: Option<usize>,
    /// Number and year → citations with them, for OCR variants of a symbol.
    by_number_year: HashMap<(String, Option<i32>), Vec<usize>>,
    /// Citation → the ids (and symbols) its mentions were written with,
    /// counted, once an OCR variant was merged into it.
    variants: HashMap<usize, Vec<Variant>>,
}

/// One written form of a citation: its id, its symbol, how many mentions.
type Variant = (Option<String>, Option<String>, usize);

/// How many `Đ` an id has: of two forms of one id, the one with more is
/// as printed, the other lost strokes to OCR.
fn strokes(id: &Option<String>) -> usize {
    id.as_deref().map_or(0, |i| i.matches('Đ').count())
}

/// Whether two symbols of one length differ in one char that OCR confuses
/// (`TT-BIC` for `TT-BTC`): an OCR variant when number and year agree.
/// `UBND-X1` and `UBND-X2` are two documents.
fn one_char_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut diff = a.iter().zip(&b).filter(|(x, y)| x != y);
    a.len() == b.len()
        && a.len() >= 4
        && diff.next().is_some_and(|(&x, &y)| ocr_confusable(x, y))
        && diff.next().is_none()
}

/// The symbol of every Nghị định: the Chính phủ alone issues them.
const DECREE: &str = "NĐ-CP";

/// Whether two symbols (in capitals) are one Nghị định's: with one number
/// and year a `NĐ-` with another issuer (`NĐ-GE`) is the same decree
/// misread.
fn same_decree(a: &str, b: &str) -> bool {
    (a == DECREE && b.starts_with("NĐ-")) || (b == DECREE && a.starts_with("NĐ-"))
}

/// Glyphs that OCR reads one for another in capitals.
fn ocr_confusable(x: char, y: char) -> bool {
    const CLASSES: [&str; 6] = ["ITL1", "O0QD", "S5", "B8", "Z2", "G6"];
    CLASSES.iter().any(|c| c.contains(x) && c.contains(y))
}

/// How many earlier citations with one number and year are compared with a
/// new one for OCR variants: a list of `1/UBND-X1`, `1/UBND-X2`, … stays
/// linear.
const MAX_VARIANT_CANDIDATES: usize = 8;

/// The tallies of one number, by what a back-reference by number asks
/// for: any type (`văn bản số 5`), one type (`Kế hoạch số 5`), or, for
/// `Công văn số 5`, also a citation without type or year (công
/// văn-shaped).
#[derive(Debug, Default)]
struct Slots {
    any: Tally,
    /// By type code; a document cites few types, so a list.
    code: Vec<(String, Tally)>,
    typeless_cv: Tally,
}

impl Slots {
    /// The tally of type `code`, zero if none.
    fn code(&self, code: &str) -> Tally {
        self.code
            .iter()
            .find(|(c, _)| c == code)
            .map_or_else(Tally::default, |&(_, t)| t)
    }

    /// The tally of type `code`, created empty if none.
    fn code_mut(&mut self, code: &str) -> &mut Tally {
        match self.code.iter().position(|(c, _)| c == code) {
            Some(i) => &mut self.code[i].1,
            None => {
                self.code.push((code.to_owned(), Tally::default()));
                let last = self.code.len() - 1;
                &mut self.code[last].1
            }
        }
    }
}

/// How many citations qualify, and the sum of their indices: the index of
/// the only one when `count == 1`.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    count: usize,
    sum: usize,
}

/// Resolves candidates (sorted by start) into citations in order of first
/// mention.
pub(super) fn resolve(text: &str, cands: Vec<Cand>) -> Vec<Citation> {
    let mut r = Resolver::default();
    for cand in cands {
        match cand {
            Cand::Doc(found) => r.add_doc(text, found),
            Cand::Ref(reference) => r.add_ref(text, reference),
        }
    }
    // a citation written in OCR variants takes the form most mentions
    // have (the first on a tie)
    for (idx, variants) in r.variants {
        // a decree's form as the Chính phủ issues it, whatever the count
        let best = variants
            .iter()
            .find(|(_, s, _)| s.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(DECREE)))
            .cloned()
            .or_else(|| variants.into_iter().rev().max_by_key(|(_, _, n)| *n));
        if let Some((id, symbol, _)) = best {
            r.cits[idx].id = id;
            r.cits[idx].symbol = symbol;
        }
    }
    r.cits
}

fn mention(text: &str, start: usize, end: usize) -> Option<Mention> {
    Some(Mention {
        text: text.get(start..end)?.to_owned(),
        span: Span::new(start, end),
    })
}

fn cited_type(t: TypeInfo) -> CitedType {
    CitedType {
        code: t.code.to_owned(),
        name: t.name.to_owned(),
    }
}

fn strip_zeros(n: &str) -> &str {
    let t = n.trim_start_matches('0');
    if t.is_empty() {
        "0"
    } else {
        t
    }
}

impl Resolver {
    fn add_doc(&mut self, text: &str, f: Found) {
        let Some(m) = mention(text, f.start, f.end) else {
            return;
        };
        let existing = self
            .by_key
            .get(&f.key)
            .copied()
            .or_else(|| self.title_match(&f));
        let existing = match existing {
            Some(idx) => {
                self.count_variant(idx, &f, false);
                Some(idx)
            }
            None => self
                .ocr_variant_of(&f)
                .inspect(|&idx| self.count_variant(idx, &f, true)),
        };
        let idx = match existing {
            Some(idx) => {
                // its type and year may be filled in: re-file it
                self.file_number(idx, false);
                let c = &mut self.cits[idx];
                c.mentions.push(m);
                // the id as printed with its `Đ`, where a mention has it
                if strokes(&f.id) > strokes(&c.id) {
                    c.id = f.id;
                    c.symbol = f.symbol;
                }
                if c.doc_type.is_none() {
                    c.doc_type = f.doc_type.map(cited_type);
                }
                c.date = c.date.take().or(f.date);
                c.issuer = c.issuer.take().or(f.issuer);
                c.title = c.title.take().or(f.title);
                c.pinpoint = c.pinpoint.take().or(f.pinpoint);
                c.year = c.year.or(f.year);
                self.file_number(idx, true);
                idx
            }
            None => {
                let idx = self.cits.len();
                if let Some(t) = &f.title {
                    self.by_title.entry(t.to_lowercase()).or_default().push(idx);
                }
                self.by_key.insert(f.key.clone(), idx);
                if let Some(n) = &f.number {
                    self.by_number_year
                        .entry((n.clone(), f.year))
                        .or_default()
                        .push(idx);
                }
                self.cits.push(Citation {
                    id: f.id,
                    doc_type: f.doc_type.map(cited_type),
                    number: f.number,
                    year: f.year,
                    symbol: f.symbol,
                    date: f.date,
                    issuer: f.issuer,
                    title: f.title,
                    pinpoint: f.pinpoint,
                    mentions: vec![m],
                });
                self.file_number(idx, true);
                idx
            }
        };
        self.touch(idx);
    }

    /// An earlier citation that `f` is an OCR variant of: same number and
    /// year, a symbol one char apart.
    fn ocr_variant_of(&self, f: &Found) -> Option<usize> {
        let symbol = f.symbol.as_deref()?;
        let key = (f.number.clone()?, f.year);
        let bucket = self.by_number_year.get(&key)?;
        bucket
            .iter()
            .take(MAX_VARIANT_CANDIDATES)
            .copied()
            .find(|&i| {
                self.cits[i].symbol.as_deref().is_some_and(|s| {
                    let (s, symbol) = (s.to_uppercase(), symbol.to_uppercase());
                    one_char_apart(&s, &symbol) || (f.year.is_some() && same_decree(&s, &symbol))
                })
            })
    }

    /// Counts the form `f` was written in for citation `idx`; the first
    /// OCR variant (`start`) begins the count with the citation's own form.
    fn count_variant(&mut self, idx: usize, f: &Found, start: bool) {
        if !start && !self.variants.contains_key(&idx) {
            return;
        }
        let c = &self.cits[idx];
        let list = self
            .variants
            .entry(idx)
            .or_insert_with(|| vec![(c.id.clone(), c.symbol.clone(), c.mentions.len())]);
        let id = f.id.as_deref().map(merge_key);
        match list
            .iter_mut()
            .find(|(i, _, _)| i.as_deref().map(merge_key) == id)
        {
            Some(v) => {
                v.2 += 1;
                if strokes(&f.id) > strokes(&v.0) {
                    (v.0, v.1) = (f.id.clone(), f.symbol.clone());
                }
            }
            None => list.push((f.id.clone(), f.symbol.clone(), 1)),
        }
    }

    /// A law by name without a number that names an earlier citation with
    /// the same title and a compatible year (`Luật Ngân sách nhà nước số
    /// 83/2015/QH13`, later `Luật Ngân sách nhà nước năm 2015`).
    fn title_match(&self, f: &Found) -> Option<usize> {
        if f.id.is_some() {
            return None;
        }
        let title = f.title.as_ref()?.to_lowercase();
        let hits: Vec<usize> = self
            .by_title
            .get(&title)?
            .iter()
            .copied()
            .filter(|&i| {
                let c = &self.cits[i];
                let year = c.year.or(c.date.as_ref().and_then(|d| d.year));
                year.is_none() || year == f.year
            })
            .collect();
        match hits.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    fn add_ref(&mut self, text: &str, r: Ref) {
        let target = match &r.number {
            Some(n) => self.number_target(n, r.head),
            None => match head_code(r.head) {
                None => self.last_any,
                Some(code) => self.last_by_code.get(code).copied(),
            },
        };
        let Some(idx) = target else {
            return;
        };
        let Some(m) = mention(text, r.start, r.end) else {
            return;
        };
        let c = &mut self.cits[idx];
        c.mentions.push(m);
        c.pinpoint = c.pinpoint.take().or(r.pinpoint);
        self.touch(idx);
    }

    /// Adds citation `idx` to (or, `add == false`, takes it out of) the
    /// tallies of its number, under every slot it qualifies for now.
    fn file_number(&mut self, idx: usize, add: bool) {
        let c = &self.cits[idx];
        let Some(n) = &c.number else {
            return;
        };
        let n = strip_zeros(n);
        let slots = match self.by_number.get_mut(n) {
            Some(s) => s,
            None => self.by_number.entry(n.to_owned()).or_default(),
        };
        let file = |t: &mut Tally| {
            if add {
                t.count += 1;
                t.sum += idx;
            } else {
                t.count -= 1;
                t.sum -= idx;
            }
        };
        file(&mut slots.any);
        match &c.doc_type {
            Some(t) => file(slots.code_mut(&t.code)),
            None if c.year.is_none() => file(&mut slots.typeless_cv),
            None => {}
        }
    }

    /// The one earlier citation a back-reference by number can mean: of the
    /// head's type (`Công văn` also takes a typeless one without a year), or
    /// of any type for the generic `văn bản`.
    fn number_target(&self, number: &str, head: Option<TypeInfo>) -> Option<usize> {
        let slots = self.by_number.get(strip_zeros(number))?;
        let t = match head_code(head) {
            None => slots.any,
            Some(h) => {
                let typed = slots.code(h);
                let typeless = if h == "CV" {
                    slots.typeless_cv
                } else {
                    Tally::default()
                };
                Tally {
                    count: typed.count + typeless.count,
                    sum: typed.sum + typeless.sum,
                }
            }
        };
        (t.count == 1).then_some(t.sum)
    }

    /// Records `idx` as the most recently mentioned citation (of its type).
    fn touch(&mut self, idx: usize) {
        self.last_any = Some(idx);
        let c = &self.cits[idx];
        let code = match &c.doc_type {
            Some(t) => Some(t.code.clone()),
            // A typeless numbered citation is công văn-shaped (`UBND-VX`).
            None if c.id.is_some() && c.year.is_none() => Some("CV".to_owned()),
            None => None,
        };
        if let Some(code) = code {
            self.last_by_code.insert(code, idx);
        }
    }
}
