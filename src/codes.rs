//! Document types and their codes: Nghị định 30/2020 Phụ lục III, the
//! legal-normative types, legacy codes, and Party codes.

use crate::fold::{fold, fold_char};

/// One document type: its code, its name, and its folded title key.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TypeEntry {
    /// Phụ lục III code as written in symbols (`QĐ`, `TTr`).
    pub(crate) code: &'static str,
    /// Name in sentence case (`Quyết định`).
    pub(crate) name: &'static str,
    /// The uppercase title as folded (`quyet dinh`).
    title: &'static str,
}

const fn t(code: &'static str, name: &'static str, title: &'static str) -> TypeEntry {
    TypeEntry { code, name, title }
}

/// Longer titles first, so that `thong tu lien tich` wins over `thong tu`.
pub(crate) static TYPES: &[TypeEntry] = &[
    t("TTLT", "Thông tư liên tịch", "thong tu lien tich"),
    t("NQLT", "Nghị quyết liên tịch", "nghi quyet lien tich"),
    t("VBHN", "Văn bản hợp nhất", "van ban hop nhat"),
    t("BGN", "Bản ghi nhớ", "ban ghi nho"),
    t("BTT", "Bản thỏa thuận", "ban thoa thuan"),
    t("GUQ", "Giấy ủy quyền", "giay uy quyen"),
    t("GGT", "Giấy giới thiệu", "giay gioi thieu"),
    t("GNP", "Giấy nghỉ phép", "giay nghi phep"),
    t("QĐ", "Quyết định", "quyet dinh"),
    t("NQ", "Nghị quyết", "nghi quyet"),
    t("NĐ", "Nghị định", "nghi dinh"),
    t("CT", "Chỉ thị", "chi thi"),
    t("QC", "Quy chế", "quy che"),
    t("QyĐ", "Quy định", "quy dinh"),
    t("TC", "Thông cáo", "thong cao"),
    t("TB", "Thông báo", "thong bao"),
    t("TT", "Thông tư", "thong tu"),
    t("TT", "Thông tri", "thong tri"),
    t("HD", "Hướng dẫn", "huong dan"),
    t("CTr", "Chương trình", "chuong trinh"),
    t("KH", "Kế hoạch", "ke hoach"),
    t("PA", "Phương án", "phuong an"),
    t("ĐA", "Đề án", "de an"),
    t("DA", "Dự án", "du an"),
    t("BC", "Báo cáo", "bao cao"),
    t("BB", "Biên bản", "bien ban"),
    t("TTr", "Tờ trình", "to trinh"),
    t("HĐ", "Hợp đồng", "hop dong"),
    t("CĐ", "Công điện", "cong dien"),
    t("GM", "Giấy mời", "giay moi"),
    t("PG", "Phiếu gửi", "phieu gui"),
    t("PC", "Phiếu chuyển", "phieu chuyen"),
    t("PB", "Phiếu báo", "phieu bao"),
    t("KL", "Kết luận", "ket luan"),
    t("PL", "Pháp lệnh", "phap lenh"),
    t("L", "Lệnh", "lenh"),
    t("Lt", "Luật", "luat"),
    t("BLt", "Bộ luật", "bo luat"),
    t("HP", "Hiến pháp", "hien phap"),
    t("CV", "Công văn", "cong van"),
    t("SY", "Bản sao y", "sao y"),
    t("TrS", "Bản trích sao", "trich sao"),
    t("SL", "Bản sao lục", "sao luc"),
];

/// Codes that open a symbol only as a type (never as an issuer), with the
/// legacy and Party variants.
static EXTRA_CODES: &[(&str, &str, &str)] = &[
    ("QĐi", "QyĐ", "Quy định"),
    ("GT", "GGT", "Giấy giới thiệu"),
    ("NP", "GNP", "Giấy nghỉ phép"),
    ("UQ", "GUQ", "Giấy ủy quyền"),
    ("GN", "BGN", "Bản ghi nhớ"),
    ("TTH", "BTT", "Bản thỏa thuận"),
    ("TS", "TrS", "Bản trích sao"),
    ("KHLT", "KH", "Kế hoạch"),
];

/// The type whose uppercase title `line` is (`QUYẾT ĐỊNH`, `THÔNG BÁO KẾT
/// LUẬN`): the whole line, or a known title followed by a few more words.
pub(crate) fn type_by_title(line: &str) -> Option<&'static TypeEntry> {
    let key = fold(line);
    let key = key.trim();
    if key.ends_with(':') || key.split_whitespace().count() > 8 {
        return None;
    }
    TYPES.iter().find(|e| {
        key == e.title
            || (key.starts_with(e.title)
                && key.as_bytes().get(e.title.len()) == Some(&b' ')
                && e.title.contains(' ')
                && e.code != "CV")
    })
}

/// A type title that opens a longer line (`NGHỊ ĐỊNH QUY ĐỊNH TIÊU CHÍ …`):
/// the type and the number of chars of the title.
pub(crate) fn title_prefix(line: &str) -> Option<(&'static TypeEntry, usize)> {
    let key = fold(line);
    TYPES
        .iter()
        .filter(|e| {
            e.code != "CV"
                && key.starts_with(e.title)
                && matches!(key.as_bytes().get(e.title.len()), None | Some(&b' '))
        })
        .max_by_key(|e| e.title.len())
        .map(|e| (e, e.title.len()))
}

/// The type named by a code as written in a symbol (`QĐ`, `qđ`, `TTr`).
pub(crate) fn type_by_code(code: &str) -> Option<(&'static str, &'static str)> {
    if let Some(e) = TYPES
        .iter()
        .find(|e| same_folded(e.code, code) && e.code != "Lt" && e.code != "BLt")
    {
        return Some((e.code, e.name));
    }
    EXTRA_CODES
        .iter()
        .find(|(c, _, _)| same_folded(c, code))
        .map(|(_, code, name)| (*code, *name))
}

/// `a` and `b` fold to the same key (case, diacritics aside), compared
/// char by char without building either key.
fn same_folded(a: &str, b: &str) -> bool {
    a.chars().map(fold_char).eq(b.chars().map(fold_char))
}

/// The canonical name of a code (`QĐ` → `Quyết định`).
pub(crate) fn name_of(code: &str) -> Option<&'static str> {
    TYPES.iter().find(|e| e.code == code).map(|e| e.name)
}

/// Codes of legal-normative types (văn bản quy phạm pháp luật).
pub(crate) fn is_legal_normative(code: &str) -> bool {
    matches!(
        code,
        "NĐ" | "TT" | "TTLT" | "NQLT" | "PL" | "L" | "Lt" | "BLt" | "HP" | "VBHN"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(type_by_title("QUYẾT ĐỊNH").map(|e| e.code), Some("QĐ"));
        assert_eq!(
            type_by_title("THÔNG TƯ LIÊN TỊCH").map(|e| e.code),
            Some("TTLT")
        );
        assert_eq!(
            type_by_title("THÔNG BÁO KẾT LUẬN").map(|e| e.code),
            Some("TB")
        );
        assert_eq!(type_by_title("QUYẾT ĐỊNH:"), None);
        assert_eq!(type_by_title("CHỦ TỊCH ỦY BAN NHÂN DÂN"), None);
    }

    #[test]
    fn title_prefixes() {
        let (e, n) = title_prefix("NGHỊ ĐỊNH QUY ĐỊNH TIÊU CHÍ").unwrap();
        assert_eq!((e.code, n), ("NĐ", 9));
        assert_eq!(
            title_prefix("THÔNG TƯ LIÊN TỊCH HƯỚNG DẪN").map(|(e, _)| e.code),
            Some("TTLT")
        );
        assert!(title_prefix("CHỦ TỊCH ỦY BAN").is_none());
        assert_eq!(
            title_prefix("THÔNG TƯ LIÊN TỊCH").map(|(e, _)| e.code),
            Some("TTLT")
        );
    }

    #[test]
    fn codes() {
        assert_eq!(type_by_code("QĐ"), Some(("QĐ", "Quyết định")));
        assert_eq!(type_by_code("TTR"), Some(("TTr", "Tờ trình")));
        assert_eq!(type_by_code("UBND"), None);
        assert_eq!(type_by_code("QĐi"), Some(("QyĐ", "Quy định")));
    }
}
