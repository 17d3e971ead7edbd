//! Material after the main document: annexes (`PHỤ LỤC`, `DANH SÁCH … (Kèm
//! theo Công văn số …)`), copy blocks (`SAO Y`, `SAO LỤC`, `TRÍCH SAO`), a
//! second document (the letter a reply answers), and publishers' editorial
//! notes. They are reported with their spans and never fill the main
//! document's fields.

use crate::codes::{COPY_LABELS, PARTY_HEADING};
use crate::lines::Line;
use crate::model::{Attachment, AttachmentKind};
use crate::span::Span;
use crate::text::{is_upper_line, KeyPrefix};

/// The phrases that say which document an annex goes with (`(Kèm theo …)`),
/// folded.
const NAMES_ITS_DOCUMENT: [&str; 2] = ["(kem theo", "(ban hanh kem theo"];

/// Prefixes that open an annex whatever the case, folded.
const ANNEX: [&str; 3] = ["phu luc ", NAMES_ITS_DOCUMENT[0], NAMES_ITS_DOCUMENT[1]];

/// Prefixes of annex titles (in capitals), folded.
const ANNEX_TITLE: [&str; 9] = [
    "phu luc",
    "danh muc",
    "danh sach",
    "bieu mau",
    "mau so",
    "quy che",
    "quy dinh",
    "huong dan",
    "bang ",
];

/// Prefixes of publishers' editorial notes, folded.
const EDITORIAL: [&str; 6] = [
    "ghi chu:",
    "tinh trang hieu luc",
    "file duoc dinh kem",
    "van ban goc",
    "luoc do",
    "tai ve",
];

/// The first bytes of all the prefixes above: a line whose key starts
/// otherwise can open only a second document, by its national heading.
const FIRST_BYTES: &[u8] = b"stdp(bmqhgfvl";

/// The kind of attachment a line opens, if it opens one.
pub(crate) fn kind_of(line: &str) -> Option<AttachmentKind> {
    let t = line.trim_matches(|c: char| c == '*' || c == '_' || c == ' ' || c == '|');
    // every line after the footer comes here: its first chars are folded
    // on the stack, 22 for the prefixes (the longest has 22 chars)
    let key = KeyPrefix::<22>::new(t);
    if !key
        .as_bytes()
        .first()
        .is_some_and(|b| FIRST_BYTES.contains(b))
    {
        return has_national_heading(t, &key).then_some(AttachmentKind::SecondDocument);
    }
    let upper = || is_upper_line(t);
    let opens_copy = COPY_LABELS
        .iter()
        .any(|l| l.opens_copy_block && key.starts_with(l.folded));
    if opens_copy && upper() {
        return Some(AttachmentKind::Copy);
    }
    if has_national_heading(t, &key) || key.starts_with(PARTY_HEADING) {
        return Some(AttachmentKind::SecondDocument);
    }
    if key.starts_with_any(&ANNEX) || (key.starts_with_any(&ANNEX_TITLE) && upper()) {
        return Some(AttachmentKind::Annex);
    }
    if key.starts_with_any(&EDITORIAL) {
        return Some(AttachmentKind::Editorial);
    }
    None
}

/// Whether `line` says which document an annex goes with: `(Kèm theo …)`,
/// `(Ban hành kèm theo …)`, at its start or after the annex's title.
pub(crate) fn names_its_document(line: &str) -> bool {
    let Some(k) = line.find('(') else {
        return false;
    };
    KeyPrefix::<20>::new(&line[k..]).starts_with_any(&NAMES_ITS_DOCUMENT)
}

/// The Quốc hiệu, folded.
pub(crate) const NATIONAL: &str = "cong hoa xa hoi chu nghia";

/// The state the Quốc hiệu names, as the end of the President's title
/// (`CHỦ TỊCH` / `NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`), folded.
const STATE: &str = "nuoc cong hoa";

/// Whether folded `key` is the President's title's second line (`NƯỚC
/// CỘNG HÒA XÃ HỘI …`), which holds the Quốc hiệu's words and opens no
/// document.
pub(crate) fn names_the_state(key: &str) -> bool {
    key.trim_start().starts_with(STATE)
}

/// Whether the Quốc hiệu is among the first 36 chars of `t`, folded
/// (`fold_prefix(t, 36).contains(NATIONAL)`). It can start only at one of
/// the first 12 chars, and then its first 11 chars are within `key`, the
/// first 22 folded: only a line where they are is folded further.
fn has_national_heading(t: &str, key: &KeyPrefix<22>) -> bool {
    if key.starts_with(STATE) {
        return false;
    }
    let head = NATIONAL.as_bytes().get(..11).unwrap_or_default();
    let maybe = key
        .as_bytes()
        .windows(head.len())
        .take(12)
        .any(|w| w == head);
    maybe && KeyPrefix::<36>::new(t).contains(NATIONAL)
}

/// Groups the content lines from `from` on into attachments. A line that
/// opens an attachment starts a new one; other lines belong to the current
/// one (or to an `other` attachment when none is open).
pub(crate) fn collect(text: &str, lines: &[Line], from: usize) -> Vec<Attachment> {
    let content: Vec<usize> = (from..lines.len())
        .filter(|&i| lines[i].is_content())
        .collect();
    let mut out: Vec<Attachment> = Vec::new();
    // the content line (its place in `content`) that opened the last one
    let mut opened = 0;
    for (k, &i) in content.iter().enumerate() {
        let l = lines[i];
        let t = l.text(text);
        let kind = kind_of(t);
        let continues = match (kind, out.last_mut()) {
            // `(Kèm theo …)` under an annex title belongs to that title
            (Some(AttachmentKind::Annex), Some(a))
                if t.starts_with('(') && a.kind == AttachmentKind::Annex =>
            {
                true
            }
            // … and a few lines above it that OCR made unreadable are that
            // title too (`Oe aK <s7 TẠI THÀNH PHO HO CHÍ MINH`), as are
            // those above a title line that ends with it
            (_, Some(a))
                if a.kind == AttachmentKind::Other
                    && k - opened <= 4
                    && ((kind == Some(AttachmentKind::Annex) && t.starts_with('('))
                        || (kind.is_none() && names_its_document(t))) =>
            {
                a.kind = AttachmentKind::Annex;
                true
            }
            // a note of several `Ghi chú:` / `Tình trạng hiệu lực:` lines
            (Some(AttachmentKind::Editorial), Some(a)) => {
                a.kind == AttachmentKind::Editorial && a.span.end + 1 >= l.start.saturating_sub(1)
            }
            // the national heading under the letterhead that opened a second document
            // a form (`MẪU SỐ 20`) inside an annex carries its own national heading
            (Some(AttachmentKind::SecondDocument), Some(a)) => {
                (a.kind == AttachmentKind::SecondDocument && k > 0)
                    || a.kind == AttachmentKind::Annex
            }
            (Some(_), _) => false,
            (None, _) => !out.is_empty(),
        };
        if continues {
            if let Some(a) = out.last_mut() {
                a.span.end = l.end;
            }
            continue;
        }
        // a letterhead (`CÔNG TY CỔ PHẦN …`) a few lines above a national heading
        let kind = kind.unwrap_or_else(|| {
            let ahead = content[k + 1..].iter().take(4);
            if ahead
                .map(|&j| lines[j].text(text))
                .any(|a| kind_of(a) == Some(AttachmentKind::SecondDocument))
            {
                AttachmentKind::SecondDocument
            } else {
                AttachmentKind::Other
            }
        });
        out.push(Attachment {
            kind,
            title: t.to_owned(),
            span: Span::new(l.start, l.end),
        });
        opened = k;
    }
    out
}

/// Whether a second document starts at `lines[i]`: a national heading
/// there or within the next few content lines (under a letterhead).
pub(crate) fn second_document_at(text: &str, lines: &[Line], i: usize) -> bool {
    lines[i..]
        .iter()
        .filter(|l| l.is_content())
        .take(5)
        .any(|l| kind_of(l.text(text)) == Some(AttachmentKind::SecondDocument))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split;

    #[test]
    fn kinds() {
        assert_eq!(kind_of("SAO Y BẢN CHÍNH"), Some(AttachmentKind::Copy));
        assert_eq!(kind_of("PHỤ LỤC I"), Some(AttachmentKind::Annex));
        assert_eq!(kind_of("Phụ lục II"), Some(AttachmentKind::Annex));
        assert_eq!(
            kind_of("(Kèm theo Công văn số 12/UBND-VX)"),
            Some(AttachmentKind::Annex)
        );
        assert_eq!(kind_of("DANH SÁCH CÁC ĐƠN VỊ"), Some(AttachmentKind::Annex));
        assert_eq!(
            kind_of("Ghi chú: văn bản đã hết hiệu lực"),
            Some(AttachmentKind::Editorial)
        );
        assert_eq!(
            kind_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            Some(AttachmentKind::SecondDocument)
        );
        assert_eq!(kind_of("Danh sách gồm 5 đơn vị"), None);
        assert_eq!(kind_of("- Như trên;"), None);
    }

    #[test]
    fn every_kind_has_an_input_that_opens_it_and_its_json_name() {
        use AttachmentKind::{Annex, Copy, Editorial, Other, SecondDocument};
        let t = "Nội dung thêm\n\nPHỤ LỤC I\n1. Mục một\n\nSAO Y BẢN CHÍNH\n\nGhi chú: hết hiệu lực\n\n\
                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        let kinds: Vec<AttachmentKind> = collect(t, &split(t), 0).iter().map(|a| a.kind).collect();
        assert_eq!(kinds, [Other, Annex, Copy, Editorial, SecondDocument]);
        for k in kinds {
            let json = serde_json::to_string(&k).expect("serialise");
            assert_eq!(json, format!("\"{}\"", k.as_str()));
            assert_eq!(k, k.as_str());
            assert_eq!(k.to_string(), k.as_str());
        }
        assert_eq!(SecondDocument.as_str(), "second_document");
    }

    #[test]
    fn first_bytes_cover_every_prefix() {
        let copies: Vec<&str> = COPY_LABELS.iter().map(|l| l.folded).collect();
        let all = copies
            .iter()
            .chain(&ANNEX)
            .chain(&ANNEX_TITLE)
            .chain(&EDITORIAL);
        for p in all.chain(&[PARTY_HEADING]) {
            assert!(FIRST_BYTES.contains(&p.as_bytes()[0]), "{p:?}");
        }
    }

    #[test]
    fn national_heading_test_agrees_with_folding() {
        use crate::fold::fold_prefix;
        for t in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "abcdefghijk CỘNG HÒA XÃ HỘI CHỦ NGHĨA",
            "abcdefghijkl CỘNG HÒA XÃ HỘI CHỦ NGHĨA",
            "abcdefghij CỘNG HÒA XÃ HỘI CHỦ NGHĨ",
            "CONG HOA XA",
            "Cộng hoà xã hội chủ nghĩa",
            "",
        ] {
            assert_eq!(
                has_national_heading(t, &KeyPrefix::new(t)),
                fold_prefix(t, 36).contains(NATIONAL),
                "{t:?}"
            );
        }
    }

    #[test]
    fn groups_lines_under_their_titles() {
        let t = "DANH SÁCH CÁC XÃ\n(Kèm theo Công văn số 12/UBND-VX)\n1. Xã A\n2. Xã B\n\nSAO Y BẢN CHÍNH\nSố: 05/SY-VP";
        let a = collect(t, &split(t), 0);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].kind, AttachmentKind::Annex);
        assert_eq!(
            &t[a[0].span.start..a[0].span.end],
            "DANH SÁCH CÁC XÃ\n(Kèm theo Công văn số 12/UBND-VX)\n1. Xã A\n2. Xã B"
        );
        assert_eq!(a[1].kind, AttachmentKind::Copy);
    }
}
