//! Forms (mẫu biểu, tờ khai) cited by their code: `Mẫu số 05/TNDN`, tờ khai
//! `01/GTGT`. Their codes look like a document's number and symbol, but a
//! form is a template, not a document, so they are kept apart from the
//! citations.

use super::patterns::window_before;
use crate::codes::TAX_FORM_CODES;
use crate::fold::fold;
use crate::model::{Citation, CitedForm};

/// Words that name a form right before its code (folded): `Mẫu số`, `tờ
/// khai`, `biểu mẫu`.
const FORM_WORDS: &[&str] = &["mau", "to khai", "bieu", "mau bieu", "bieu mau"];

/// Moves the citations that are forms out of `citations`, in order. A form
/// is an identifier mentioned every time right after a word that names a
/// form, or one whose symbol is a tax form's code (`01/GTGT`, `05/QTT-TNCN`)
/// with a short number and no year.
pub(crate) fn split_forms(text: &str, citations: &mut Vec<Citation>) -> Vec<CitedForm> {
    let mut forms = Vec::new();
    citations.retain(|c| {
        let Some(id) = c.id.as_deref() else {
            return true;
        };
        let named = !c.mentions.is_empty()
            && c.mentions
                .iter()
                .all(|m| after_form_word(text, m.span.start, &m.text));
        if named || is_tax_form_code(c) {
            forms.push(CitedForm {
                code: id.to_owned(),
                mentions: c.mentions.clone(),
            });
            false
        } else {
            true
        }
    });
    forms
}

/// Whether the mention `mention` at `start` follows a form word, with `số`
/// (and a colon) between them either before the mention or inside it.
fn after_form_word(text: &str, start: usize, mention: &str) -> bool {
    let (_, before) = window_before(text, start, 40);
    let lead: String = mention
        .chars()
        .take_while(|c| !c.is_ascii_digit())
        .collect();
    let mut key = fold(before);
    key.push(' ');
    key.push_str(&fold(&lead));
    let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    let key = key.trim_end_matches([':', ' ']);
    let key = key.strip_suffix("so").unwrap_or(key).trim_end();
    FORM_WORDS.iter().any(|w| {
        key.strip_suffix(w)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
    })
}

/// Whether `c` is numbered like a tax form: one or two digits, no year, and
/// a symbol that opens with a tax's code.
fn is_tax_form_code(c: &Citation) -> bool {
    let short = c
        .number
        .as_deref()
        .is_some_and(|n| (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()));
    let tax = c
        .symbol
        .as_deref()
        .and_then(|s| s.split('-').next())
        .is_some_and(|g| TAX_FORM_CODES.contains(&g.to_uppercase().as_str()));
    short && c.year.is_none() && tax
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::extract;

    fn split(text: &str) -> (Vec<String>, Vec<String>) {
        let mut cits = extract(text, None);
        let forms = split_forms(text, &mut cits);
        (
            cits.into_iter().filter_map(|c| c.id).collect(),
            forms.into_iter().map(|f| f.code).collect(),
        )
    }

    #[test]
    fn forms_are_not_citations() {
        let (cits, forms) = split("kê khai theo Mẫu số 05/TNDN ban hành kèm theo Thông tư số 80/2021/TT-BTC, tờ khai 01/GTGT, mẫu số: 01/PĐXXĐTMS và quyết toán 05/QTT-TNCN.");
        assert_eq!(cits, ["80/2021/TT-BTC"]);
        assert_eq!(forms, ["05/TNDN", "01/GTGT", "01/PĐXXĐTMS", "05/QTT-TNCN"]);
    }

    #[test]
    fn documents_with_short_numbers_stay_citations() {
        // a numbered document of a type, cited without a form word
        let (cits, forms) = split("theo Giấy đề nghị số 01/GĐN-DH ngày 5/1/2024 và Công văn số 11/VT của Công ty; căn cứ mẫu biểu nêu trên, Quyết định số 12/QĐ-UBND.");
        assert_eq!(cits, ["01/GĐN-DH", "11/VT", "12/QĐ-UBND"]);
        assert!(forms.is_empty(), "{forms:?}");
        // a word that merely ends like a form word is not one
        let (cits, _) = split("Chương trình số 05/CTr-UBND của tỉnh.");
        assert_eq!(cits, ["05/CTR-UBND"]);
    }
}
