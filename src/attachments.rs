//! Material after the main document: annexes (`PHỤ LỤC`, `DANH SÁCH … (Kèm
//! theo Công văn số …)`), copy blocks (`SAO Y`, `SAO LỤC`, `TRÍCH SAO`), a
//! second document (the letter a reply answers), and publishers' editorial
//! notes. They are reported with their spans and never fill the main
//! document's fields.

use crate::fold::fold_prefix;
use crate::lines::Line;
use crate::model::Attachment;
use crate::span::Span;
use crate::text::is_upper_line;

/// The kind of attachment a line opens, if it opens one.
pub(crate) fn kind_of(line: &str) -> Option<&'static str> {
    let t = line.trim_matches(|c: char| c == '*' || c == '_' || c == ' ' || c == '|');
    let key = fold_prefix(t, 36);
    let upper = is_upper_line(t);
    if upper
        && ["sao y", "sao luc", "trich sao"]
            .iter()
            .any(|p| key.starts_with(p))
    {
        return Some("copy");
    }
    if key.contains("cong hoa xa hoi chu nghia") || key.starts_with("dang cong san viet nam") {
        return Some("second_document");
    }
    let annex_title = [
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
    if (upper && annex_title.iter().any(|p| key.starts_with(p)))
        || key.starts_with("phu luc ")
        || key.starts_with("(kem theo")
        || key.starts_with("(ban hanh kem theo")
    {
        return Some("annex");
    }
    let editorial = [
        "ghi chu:",
        "tinh trang hieu luc",
        "file duoc dinh kem",
        "van ban goc",
        "luoc do",
        "tai ve",
    ];
    if editorial.iter().any(|p| key.starts_with(p)) {
        return Some("editorial");
    }
    None
}

/// Groups the content lines from `from` on into attachments. A line that
/// opens an attachment starts a new one; other lines belong to the current
/// one (or to an `other` attachment when none is open).
pub(crate) fn collect(text: &str, lines: &[Line], from: usize) -> Vec<Attachment> {
    let mut out: Vec<Attachment> = Vec::new();
    for l in lines.iter().skip(from).filter(|l| l.is_content()) {
        let t = l.text(text);
        match kind_of(t) {
            // `(Kèm theo …)` under an annex title belongs to that title
            Some(kind)
                if !(kind == "annex"
                    && t.starts_with('(')
                    && out.last().is_some_and(|a| a.kind == "annex")) =>
            {
                out.push(Attachment {
                    kind: kind.to_owned(),
                    title: t.to_owned(),
                    span: Span::new(l.start, l.end),
                });
            }
            _ => match out.last_mut() {
                Some(a) => a.span.end = l.end,
                None => out.push(Attachment {
                    kind: "other".to_owned(),
                    title: t.to_owned(),
                    span: Span::new(l.start, l.end),
                }),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split;

    #[test]
    fn kinds() {
        assert_eq!(kind_of("SAO Y BẢN CHÍNH"), Some("copy"));
        assert_eq!(kind_of("PHỤ LỤC I"), Some("annex"));
        assert_eq!(kind_of("Phụ lục II"), Some("annex"));
        assert_eq!(kind_of("(Kèm theo Công văn số 12/UBND-VX)"), Some("annex"));
        assert_eq!(kind_of("DANH SÁCH CÁC ĐƠN VỊ"), Some("annex"));
        assert_eq!(
            kind_of("Ghi chú: văn bản đã hết hiệu lực"),
            Some("editorial")
        );
        assert_eq!(
            kind_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            Some("second_document")
        );
        assert_eq!(kind_of("Danh sách gồm 5 đơn vị"), None);
        assert_eq!(kind_of("- Như trên;"), None);
    }

    #[test]
    fn groups_lines_under_their_titles() {
        let t = "DANH SÁCH CÁC XÃ\n(Kèm theo Công văn số 12/UBND-VX)\n1. Xã A\n2. Xã B\n\nSAO Y BẢN CHÍNH\nSố: 05/SY-VP";
        let a = collect(t, &split(t), 0);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].kind, "annex");
        assert_eq!(
            &t[a[0].span.start..a[0].span.end],
            "DANH SÁCH CÁC XÃ\n(Kèm theo Công văn số 12/UBND-VX)\n1. Xã A\n2. Xã B"
        );
        assert_eq!(a[1].kind, "copy");
    }
}
