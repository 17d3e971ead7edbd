//! What the scanners find and [`super::resolve`] merges: a cited document
//! ([`Found`]) or a back-reference ([`Ref`]), and the keys they merge by.

use super::patterns::TypeInfo;
use crate::model::CitedDate;

/// A cited document found in the text (stage 1 and 2 output).
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// Mention start (head noun, `số`, or the identifier).
    pub(super) start: usize,
    /// Mention end (end of the identifier, or of a law's name and year).
    pub(super) end: usize,
    /// End of everything this candidate consumed (date, issuer).
    pub(super) claim_end: usize,
    /// Merge key: the id, or `law:title|year`.
    pub(super) key: String,
    pub(super) id: Option<String>,
    pub(super) doc_type: Option<TypeInfo>,
    pub(super) number: Option<String>,
    pub(super) year: Option<i32>,
    pub(super) symbol: Option<String>,
    pub(super) date: Option<CitedDate>,
    pub(super) issuer: Option<String>,
    pub(super) title: Option<String>,
    pub(super) pinpoint: Option<String>,
}

/// A back-reference found in the text.
#[derive(Debug, Clone)]
pub(super) struct Ref {
    pub(super) start: usize,
    pub(super) end: usize,
    /// The head noun's type; `None` for the generic `văn bản`.
    pub(super) head: Option<TypeInfo>,
    /// `Some(number)` for `Công văn số 267`, `None` for `Kế hoạch nêu trên`.
    pub(super) number: Option<String>,
    pub(super) pinpoint: Option<String>,
}

/// A candidate of either kind.
#[derive(Debug, Clone)]
pub(super) enum Cand {
    Doc(Found),
    Ref(Ref),
}

impl Cand {
    pub(super) fn start(&self) -> usize {
        match self {
            Cand::Doc(d) => d.start,
            Cand::Ref(r) => r.start,
        }
    }
}

/// The key under which mentions of one identifier merge: OCR drops the
/// stroke of `Đ` (`2072/QD-TTg` beside `2072/QĐ-TTg`), and a notation's
/// groups are parted by `-` or `/` (`527/TTLT/TTCP-BNV` beside
/// `527/TTLT-TTCP-BNV`): one document either way.
pub(super) fn merge_key(id: &str) -> String {
    let (number, symbol) = id.split_once('/').unwrap_or((id, ""));
    // One pass, one allocation.
    let mut key = String::with_capacity(id.len() + 1);
    key.extend(number.chars().map(|c| if c == 'Đ' { 'D' } else { c }));
    key.push('/');
    key.extend(symbol.chars().map(|c| match c {
        'Đ' => 'D',
        '/' | '_' => '-',
        c => c,
    }));
    key
}

/// The type a head noun gives to a back-reference, as a code (`CV` for
/// Công văn).
pub(super) fn head_code(head: Option<TypeInfo>) -> Option<&'static str> {
    head.map(|t| t.code)
}
