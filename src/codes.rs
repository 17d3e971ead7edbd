//! Document types and their codes: Nghị định 30/2020 Phụ lục III, the
//! legal-normative types, legacy codes, and Party codes, in one table
//! ([`DOC_TYPES`]) that the header, the number parser and the citation
//! scanner read.

use std::sync::LazyLock;

use crate::fold::{fold, fold_char};

/// One document type: every name the text may give it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TypeEntry {
    /// Phụ lục III code as written in symbols (`QĐ`, `TTr`): the code every
    /// entry point gives for this type.
    pub(crate) code: &'static str,
    /// Name in sentence case (`Quyết định`).
    pub(crate) name: &'static str,
    /// The uppercase title as folded (`quyet dinh`), as the header reads it.
    pub(crate) title: &'static str,
    /// Head nouns written before a cited number, lowercase, with old-style
    /// tone placement where it occurs (`bản thoả thuận`).
    pub(crate) heads: &'static [&'static str],
    /// Whether `code` as written is also a head noun before a cited number
    /// (`QĐ số 1689/QĐ-TTg`).
    pub(crate) abbrev: bool,
    /// Other codes that open a symbol for this type: legacy, Party and joint
    /// variants (`QĐi`, `GT`, `KHLT`).
    pub(crate) aliases: &'static [&'static str],
    /// Whether `code` opens a symbol (`Lt`, `BLt`, `HP` do not: laws and the
    /// constitution are numbered `n/YYYY/QH<khóa>`).
    in_symbols: bool,
    /// A legal-normative type (văn bản quy phạm pháp luật).
    pub(crate) normative: bool,
}

impl TypeEntry {
    /// A type that opens symbols, not normative, without aliases or an
    /// abbreviation.
    const fn new(
        code: &'static str,
        name: &'static str,
        title: &'static str,
        heads: &'static [&'static str],
    ) -> TypeEntry {
        TypeEntry {
            code,
            name,
            title,
            heads,
            abbrev: false,
            aliases: &[],
            in_symbols: true,
            normative: false,
        }
    }

    /// The code is also a head-noun abbreviation.
    const fn abbrev(mut self) -> TypeEntry {
        self.abbrev = true;
        self
    }

    /// Other codes for this type in symbols.
    const fn aliases(mut self, aliases: &'static [&'static str]) -> TypeEntry {
        self.aliases = aliases;
        self
    }

    /// A legal-normative type.
    const fn normative(mut self) -> TypeEntry {
        self.normative = true;
        self
    }

    /// A type whose code never opens a symbol.
    const fn not_in_symbols(mut self) -> TypeEntry {
        self.in_symbols = false;
        self
    }
}

use TypeEntry as T;

/// The title of a consolidated text (văn bản hợp nhất), folded: the type
/// table's, and what the gazette's section heading over such texts opens
/// with (`VĂN BẢN HỢP NHẤT - BỘ TÀI CHÍNH`).
pub(crate) const CONSOLIDATED_TITLE: &str = "van ban hop nhat";

/// The Quốc hiệu in full, folded (Nghị định 30/2020, Phụ lục I): what
/// opens a state document's header.
pub(crate) const NATIONAL_HEADING: &str = "cong hoa xa hoi chu nghia viet nam";

/// The Party's heading, folded (`ĐẢNG CỘNG SẢN VIỆT NAM`): what opens a
/// Party document's header.
pub(crate) const PARTY_HEADING: &str = "dang cong san viet nam";

/// A copy's label (bản sao: sao y, sao lục, trích sao; Nghị định
/// 30/2020, Điều 25), folded, and which stage reads it where.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct CopyLabel {
    /// The label folded, words parted by one space (`sao y ban chinh`).
    pub(crate) folded: &'static str,
    /// Whether a line in capitals opening with it, after the footer, opens
    /// a copy block (the attachments stage).
    pub(crate) opens_copy_block: bool,
    /// Whether a line that is it alone labels a signing service's stamp of
    /// a certified copy (`SAO Y` / the copying body / `Thời gian ký`: the
    /// stamps stage).
    pub(crate) labels_stamp: bool,
    /// Whether a line that is it alone above the header marks the paper as
    /// a copy, no part of the issuer's name (the header stage).
    pub(crate) marks_header: bool,
}

/// Every copy label, each with the stages that read it: the attachments,
/// the stamps and the header stages read this table.
pub(crate) const COPY_LABELS: [CopyLabel; 7] = [
    CopyLabel {
        folded: "sao y",
        opens_copy_block: true,
        labels_stamp: true,
        marks_header: false,
    },
    CopyLabel {
        folded: "sao y ban chinh",
        opens_copy_block: true,
        labels_stamp: true,
        marks_header: true,
    },
    CopyLabel {
        folded: "ban sao y",
        opens_copy_block: false,
        labels_stamp: true,
        marks_header: true,
    },
    CopyLabel {
        folded: "ban sao",
        opens_copy_block: false,
        labels_stamp: false,
        marks_header: true,
    },
    CopyLabel {
        folded: "ban chinh",
        opens_copy_block: false,
        labels_stamp: false,
        marks_header: true,
    },
    CopyLabel {
        folded: "sao luc",
        opens_copy_block: true,
        labels_stamp: false,
        marks_header: false,
    },
    CopyLabel {
        folded: "trich sao",
        opens_copy_block: true,
        labels_stamp: false,
        marks_header: false,
    },
];

/// Every document type: Nghị định 30/2020 Phụ lục III (`../shared/design/domain.md`
/// §4.1), its legacy codes (§4.2), the legal-normative types (§4.3) and the
/// Party codes (§5). The header, the number parser and the citation scanner
/// all read this table; adding a type is one line here.
///
/// Longer titles first, so that `thong tu lien tich` wins over `thong tu`;
/// of two types with one code (`TT`: Thông tư, Thông tri) the first is the
/// one the code names.
pub(crate) static DOC_TYPES: &[TypeEntry] = &[
    T::new(
        "TTLT",
        "Thông tư liên tịch",
        "thong tu lien tich",
        &["thông tư liên tịch"],
    )
    .abbrev()
    .normative(),
    T::new(
        "NQLT",
        "Nghị quyết liên tịch",
        "nghi quyet lien tich",
        &["nghị quyết liên tịch"],
    )
    .normative(),
    T::new(
        "VBHN",
        "Văn bản hợp nhất",
        CONSOLIDATED_TITLE,
        &["văn bản hợp nhất"],
    )
    .normative(),
    T::new("BGN", "Bản ghi nhớ", "ban ghi nho", &["bản ghi nhớ"]).aliases(&["GN"]),
    T::new(
        "BTT",
        "Bản thỏa thuận",
        "ban thoa thuan",
        &["bản thỏa thuận", "bản thoả thuận"],
    )
    .aliases(&["TTH"]),
    T::new(
        "GUQ",
        "Giấy ủy quyền",
        "giay uy quyen",
        &["giấy ủy quyền", "giấy uỷ quyền"],
    )
    .aliases(&["UQ"]),
    T::new(
        "GGT",
        "Giấy giới thiệu",
        "giay gioi thieu",
        &["giấy giới thiệu"],
    )
    .aliases(&["GT"]),
    T::new(
        "GNP",
        "Giấy nghỉ phép",
        "giay nghi phep",
        &["giấy nghỉ phép"],
    )
    .aliases(&["NP"]),
    T::new("QĐ", "Quyết định", "quyet dinh", &["quyết định"]).abbrev(),
    T::new("NQ", "Nghị quyết", "nghi quyet", &["nghị quyết"]).abbrev(),
    T::new("NĐ", "Nghị định", "nghi dinh", &["nghị định"])
        .abbrev()
        .normative(),
    T::new("CT", "Chỉ thị", "chi thi", &["chỉ thị"]).abbrev(),
    T::new("QC", "Quy chế", "quy che", &["quy chế"]).abbrev(),
    // `QĐi`: the Party's code for Quy định (2018-era, domain.md §5).
    T::new("QyĐ", "Quy định", "quy dinh", &["quy định"])
        .abbrev()
        .aliases(&["QĐi"]),
    T::new("TC", "Thông cáo", "thong cao", &["thông cáo"]),
    T::new("TB", "Thông báo", "thong bao", &["thông báo"]).abbrev(),
    T::new("TT", "Thông tư", "thong tu", &["thông tư"])
        .abbrev()
        .normative(),
    T::new("TT", "Thông tri", "thong tri", &["thông tri"]),
    T::new("HD", "Hướng dẫn", "huong dan", &["hướng dẫn"]).abbrev(),
    T::new("CTr", "Chương trình", "chuong trinh", &["chương trình"]).abbrev(),
    // `KHLT`: a joint plan (kế hoạch liên tịch) is a Kế hoạch.
    T::new("KH", "Kế hoạch", "ke hoach", &["kế hoạch"])
        .abbrev()
        .aliases(&["KHLT"]),
    T::new("PA", "Phương án", "phuong an", &["phương án"]).abbrev(),
    T::new("ĐA", "Đề án", "de an", &["đề án"]).abbrev(),
    T::new("DA", "Dự án", "du an", &["dự án"]),
    T::new("BC", "Báo cáo", "bao cao", &["báo cáo"]).abbrev(),
    T::new("BB", "Biên bản", "bien ban", &["biên bản"]),
    T::new("TTr", "Tờ trình", "to trinh", &["tờ trình"]).abbrev(),
    T::new("HĐ", "Hợp đồng", "hop dong", &["hợp đồng"]),
    T::new("CĐ", "Công điện", "cong dien", &["công điện"]).abbrev(),
    T::new("GM", "Giấy mời", "giay moi", &["giấy mời"]).abbrev(),
    T::new("PG", "Phiếu gửi", "phieu gui", &["phiếu gửi"]),
    T::new("PC", "Phiếu chuyển", "phieu chuyen", &["phiếu chuyển"]),
    T::new("PB", "Phiếu báo", "phieu bao", &["phiếu báo"]),
    // Not in Phụ lục III, but issued as types of their own with these codes
    // in symbols (`Số: 12/GP-SCT`, `Số: 105/PT-NC`): a licence, and the
    // internal submission form that goes with a draft.
    T::new("GP", "Giấy phép", "giay phep", &["giấy phép"]),
    T::new("PT", "Phiếu trình", "phieu trinh", &["phiếu trình"]),
    T::new("KL", "Kết luận", "ket luan", &["kết luận"]),
    T::new("PL", "Pháp lệnh", "phap lenh", &["pháp lệnh"]).normative(),
    T::new("L", "Lệnh", "lenh", &["lệnh"]).normative(),
    // Luật: `Lt` is the code of the TTLT 55/2005 table; Bộ luật and Hiến
    // pháp have no official code (`BLt`, `HP` are this crate's).
    T::new("Lt", "Luật", "luat", &["luật"])
        .normative()
        .not_in_symbols(),
    T::new("BLt", "Bộ luật", "bo luat", &["bộ luật"])
        .normative()
        .not_in_symbols(),
    T::new("HP", "Hiến pháp", "hien phap", &["hiến pháp"])
        .normative()
        .not_in_symbols(),
    // A state công văn has no code of its own (its symbol is issuer-unit);
    // a Party công văn's symbol opens with `CV`.
    T::new("CV", "Công văn", "cong van", &["công văn"]).abbrev(),
    T::new("SY", "Bản sao y", "sao y", &[]),
    T::new("TrS", "Bản trích sao", "trich sao", &[]).aliases(&["TS"]),
    T::new("SL", "Bản sao lục", "sao luc", &[]),
];

/// The first type whose code is exactly `code`.
pub(crate) fn by_exact_code(code: &str) -> Option<&'static TypeEntry> {
    DOC_TYPES.iter().find(|e| e.code == code)
}

/// Every `(code, type)` that may open a symbol, own codes before aliases,
/// in table order.
fn symbol_codes() -> impl Iterator<Item = (&'static str, &'static TypeEntry)> {
    let own = DOC_TYPES
        .iter()
        .filter(|e| e.in_symbols)
        .map(|e| (e.code, e));
    let aliases = DOC_TYPES
        .iter()
        .flat_map(|e| e.aliases.iter().map(move |a| (*a, e)));
    own.chain(aliases)
}

/// Whether `rest`, what follows a title on its line, is a footnote's mark
/// glued to it (`QUYẾT ĐỊNH1`, a gazette's note on a consolidated text).
fn footnote_mark(rest: &str) -> bool {
    (1..=2).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit())
}

/// The type named by a code as written in a symbol: exactly, then ignoring
/// case (`TTR` → `TTr`), never guessing beyond the table. The citation
/// scanner's lookup.
pub(crate) fn by_code(code: &str) -> Option<&'static TypeEntry> {
    if let Some((_, e)) = symbol_codes().find(|(c, _)| *c == code) {
        return Some(e);
    }
    // The codes uppercased once, in the same order.
    static UPPER: LazyLock<Vec<(String, &'static TypeEntry)>> =
        LazyLock::new(|| symbol_codes().map(|(c, e)| (c.to_uppercase(), e)).collect());
    let upper = code.to_uppercase();
    UPPER.iter().find(|(u, _)| *u == upper).map(|(_, e)| *e)
}

/// [`by_code`], then ignoring diacritics too (`QD` → `QĐ`): the header's
/// number parser, which also reads OCR text.
pub(crate) fn by_code_loose(code: &str) -> Option<&'static TypeEntry> {
    by_code(code).or_else(|| {
        symbol_codes()
            .find(|(c, _)| same_folded(c, code))
            .map(|(_, e)| e)
    })
}

/// The type whose uppercase title `line` is (`QUYẾT ĐỊNH`, `THÔNG BÁO KẾT
/// LUẬN`): the whole line, or a known title followed by a few more words.
pub(crate) fn type_by_title(line: &str) -> Option<&'static TypeEntry> {
    let key = fold(line);
    let key = key.trim();
    if key.ends_with(':') || key.split_whitespace().count() > 8 {
        return None;
    }
    // `K ÉT LUẬN`: OCR split a title's letters apart
    let squeezed: String = key.split_whitespace().collect();
    let split_letters = key.split_whitespace().any(|w| w.len() == 1);
    DOC_TYPES.iter().find(|e| {
        key == e.title
            || key.strip_prefix(e.title).is_some_and(footnote_mark)
            || (split_letters && e.code != "CV" && squeezed == e.title.replace(' ', ""))
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
    DOC_TYPES
        .iter()
        .filter(|e| {
            e.code != "CV"
                && key.starts_with(e.title)
                && (matches!(key.as_bytes().get(e.title.len()), None | Some(&b' '))
                    || footnote_mark(&key[e.title.len()..]))
        })
        .max_by_key(|e| e.title.len())
        .map(|e| {
            let mark = key[e.title.len()..].len();
            (
                e,
                e.title.len()
                    + if footnote_mark(&key[e.title.len()..]) {
                        mark
                    } else {
                        0
                    },
            )
        })
}

/// The type named by a code as written in a symbol (`QĐ`, `qđ`, `TTr`,
/// `QĐi`): its code and name ([`by_code_loose`]).
pub(crate) fn type_by_code(code: &str) -> Option<(&'static str, &'static str)> {
    by_code_loose(code).map(|e| (e.code, e.name))
}

/// `a` and `b` fold to the same key (case, diacritics aside), compared
/// char by char without building either key.
fn same_folded(a: &str, b: &str) -> bool {
    a.chars().map(fold_char).eq(b.chars().map(fold_char))
}

/// The canonical name of a code (`QĐ` → `Quyết định`).
pub(crate) fn name_of(code: &str) -> Option<&'static str> {
    by_exact_code(code).map(|e| e.name)
}

/// Codes of legal-normative types (văn bản quy phạm pháp luật).
pub(crate) fn is_legal_normative(code: &str) -> bool {
    by_exact_code(code).is_some_and(|e| e.normative)
}

/// The taxes whose declaration forms are cited by code (mẫu tờ khai thuế:
/// `01/GTGT`, `05/TNDN`, `02/TNCN`, `05/QTT-TNCN`, `01/ĐK-TCT`): a symbol that
/// opens with one of these after a one- or two-digit number is a form, not a
/// document.
pub(crate) static TAX_FORM_CODES: &[&str] = &[
    "GTGT", "TNDN", "TNCN", "TTĐB", "TAIN", "BVMT", "GHAN", "MBAI", "QTT", "ĐK", "NTNN", "SDDPNN",
    "HĐĐT",
];

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
        // letters OCR split apart
        assert_eq!(type_by_title("K ÉT LUẬN").map(|e| e.code), Some("KL"));
        assert!(type_by_title("KẾT LUẬNX").is_none());
        // a footnote's mark glued on, but not a word
        assert_eq!(title_prefix("QUYẾT ĐỊNH1").map(|(e, _)| e.code), Some("QĐ"));
        assert!(title_prefix("QUYẾT ĐỊNH123").is_none());
        assert!(title_prefix("THÔNG TƯA").is_none());
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

    #[test]
    fn licences_and_submission_forms_are_types() {
        // a licence: its title is the type, its number's code says so too
        let doc = crate::parse(
            "UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\nSố: 12/GP-SCT\n\nGIẤY PHÉP\n\
             VẬN CHUYỂN HÀNG HÓA NGUY HIỂM\n\nSở Công Thương cho phép:\n",
        );
        assert_eq!(doc.doc_type.as_ref().map(|t| t.code.as_str()), Some("GP"));
        let number = doc.number.as_ref().unwrap();
        assert_eq!(number.type_code.as_deref(), Some("GP"));
        assert_eq!(number.issuer_codes, ["SCT"]);
        let doc = crate::parse(
            "BỘ CÔNG THƯƠNG\nCỤC HÓA CHẤT\n\nPHIẾU TRÌNH\n\
             Kính gửi: Cục trưởng\n\nVấn đề trình: Cấp Giấy phép.\n",
        );
        assert_eq!(doc.doc_type.as_ref().map(|t| t.code.as_str()), Some("PT"));
        assert_eq!(type_by_code("GP"), Some(("GP", "Giấy phép")));
    }
}
