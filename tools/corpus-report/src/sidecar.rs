//! The corpus's `.meta.json` sidecars, their two shapes, and the committed
//! list of known sidecar errors.

use std::path::Path;

use serde_json::Value;

use crate::compare::{first_id, fold_loose, looks_like_id, norm_id};

/// The known sidecar errors, `file<TAB>field<TAB>reason` per line.
const ERRATA: &str = include_str!("sidecar_errata.tsv");

/// What a sidecar says about its document, whichever shape it has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Sidecar {
    /// `A` (keys `doc_type`, `issue_date`, `related_documents`) or `B` (keys `loai`, `nam`).
    pub(crate) kind: char,
    /// The identifier from `so_ky_hieu_header`, normalised; `None` when the
    /// header does not hold one (empty, or text from elsewhere).
    pub(crate) id: Option<String>,
    /// The header as written, for messages.
    pub(crate) id_raw: String,
    /// Type code (`QĐ`, `CV`), `None` when the sidecar's type is unknown (`Khác`).
    pub(crate) type_code: Option<String>,
    /// The type as written in the sidecar.
    pub(crate) type_raw: String,
    /// `(day, month, year)` for kind A.
    pub(crate) date: Option<(u32, u32, i32)>,
    /// `nam` for kind B when positive.
    pub(crate) year: Option<i32>,
    /// Identifiers from `related_documents` descriptions (kind A), `None` when
    /// the sidecar has no such list.
    pub(crate) related: Option<Vec<String>>,
}

/// Type names and short forms found in sidecars, with their codes.
const TYPE_NAMES: &[(&str, &str)] = &[
    ("công văn", "CV"),
    ("quyết định", "QĐ"),
    ("văn bản hợp nhất", "VBHN"),
    ("vb hn", "VBHN"),
    ("nghị định", "NĐ"),
    ("thông tư liên tịch", "TTLT"),
    ("tt liên tịch", "TTLT"),
    ("thông tư", "TT"),
    ("nghị quyết", "NQ"),
    ("chỉ thị", "CT"),
    ("kế hoạch", "KH"),
    ("thông báo", "TB"),
    ("luật", "LUẬT"),
];

/// The type code for a type name or code written in a sidecar.
pub(crate) fn type_code(name: &str) -> Option<String> {
    let loose = fold_loose(name);
    if let Some((_, code)) = TYPE_NAMES.iter().find(|(n, _)| fold_loose(n) == loose) {
        return Some((*code).to_owned());
    }
    let trimmed = name.trim();
    let is_code = !trimmed.is_empty()
        && trimmed.chars().count() <= 5
        && trimmed.chars().all(|c| c.is_uppercase());
    is_code.then(|| norm_id(trimmed))
}

/// The identifier in a `so_ky_hieu_header` value: the text before a `V/v`,
/// without spaces, uppercase; `None` when it is not shaped like one.
pub(crate) fn header_id(header: &str) -> Option<String> {
    let lower = header.to_lowercase();
    let cut = ["v/v", "về việc"]
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
        .unwrap_or(lower.len());
    // `to_lowercase` keeps byte offsets for the Vietnamese letters used here,
    // but check the boundary rather than trust it.
    let head = header.get(..cut).unwrap_or(header);
    let id = norm_id(head);
    looks_like_id(&id).then_some(id)
}

/// Parses `DD-MM-YYYY`.
fn parse_dmy(s: &str) -> Option<(u32, u32, i32)> {
    let mut parts = s.trim().split(['-', '/', '.']);
    let d = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let y = parts.next()?.parse().ok()?;
    parts.next().is_none().then_some((d, m, y))
}

/// Reads the sidecar at `path`.
pub(crate) fn load(path: &Path) -> Result<Sidecar, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let value: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    from_value(&value).ok_or_else(|| "neither kind A nor kind B sidecar".to_owned())
}

/// Reads a sidecar from its JSON.
pub(crate) fn from_value(v: &Value) -> Option<Sidecar> {
    let str_of = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let id_raw = str_of("so_ky_hieu_header");
    let id = header_id(&id_raw);
    if v.get("issue_date").is_some() || v.get("doc_type").is_some() {
        let type_raw = str_of("doc_type");
        let related = v
            .get("related_documents")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|e| e.get("description").and_then(Value::as_str))
                    .filter_map(first_id)
                    .collect::<Vec<_>>()
            });
        Some(Sidecar {
            kind: 'A',
            id,
            id_raw,
            type_code: type_code(&type_raw),
            type_raw,
            date: parse_dmy(&str_of("issue_date")),
            year: None,
            related,
        })
    } else if v.get("loai").is_some() {
        let type_raw = str_of("loai");
        let year = v
            .get("nam")
            .and_then(Value::as_i64)
            .filter(|&y| y > 0)
            .and_then(|y| i32::try_from(y).ok());
        Some(Sidecar {
            kind: 'B',
            id,
            id_raw,
            type_code: type_code(&type_raw),
            type_raw,
            date: None,
            year,
            related: None,
        })
    } else {
        None
    }
}

/// One known sidecar error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Erratum {
    /// The document file (`121_nq-66-17-2026-nq-cp.txt`).
    pub(crate) file: String,
    /// `number`, `date` or `doc_type`.
    pub(crate) field: String,
    /// Why the sidecar is wrong.
    pub(crate) reason: String,
}

/// The committed errata list.
pub(crate) fn errata() -> Vec<Erratum> {
    parse_errata(ERRATA)
}

/// Parses an errata table, skipping blank lines and `#` comments.
fn parse_errata(text: &str) -> Vec<Erratum> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.splitn(3, '\t');
            Some(Erratum {
                file: cols.next()?.trim().to_owned(),
                field: cols.next()?.trim().to_owned(),
                reason: cols.next()?.trim().to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_ids() {
        assert_eq!(
            header_id("2638/LĐTBXH-KHTC V/v xây dựng dự toán").as_deref(),
            Some("2638/LĐTBXH-KHTC")
        );
        assert_eq!(
            header_id("2428/BXD-QLN V/v: Hỗ trợ").as_deref(),
            Some("2428/BXD-QLN")
        );
        assert_eq!(header_id("773 /QĐ-TTg").as_deref(), Some("773/QĐ-TTG"));
        assert_eq!(
            header_id("3210/QĐ - U B ND").as_deref(),
            Some("3210/QĐ-UBND")
        );
        assert_eq!(header_id(""), None);
        assert_eq!(header_id("điều theo Luật số 84/2025/QH15;"), None);
    }

    #[test]
    fn type_codes() {
        assert_eq!(type_code("Quyết định").as_deref(), Some("QĐ"));
        assert_eq!(type_code("Thông tư liên tịch").as_deref(), Some("TTLT"));
        assert_eq!(type_code("TT Liên tịch").as_deref(), Some("TTLT"));
        assert_eq!(type_code("VB HN").as_deref(), Some("VBHN"));
        assert_eq!(type_code("NQ").as_deref(), Some("NQ"));
        assert_eq!(type_code("Khác"), None);
    }

    #[test]
    fn kinds() {
        let a: Value = serde_json::json!({
            "doc_type": "Công văn", "issue_date": "03-07-2019",
            "so_ky_hieu_header": "2638/LĐTBXH-KHTC V/v x",
            "related_documents": [
                {"description": "Chỉ thị số 16/CT-TTg ngày 25/6/2019"},
                {"description": "Luật Đất đai"}
            ]
        });
        let a = from_value(&a).expect("kind A");
        assert_eq!(a.kind, 'A');
        assert_eq!(a.date, Some((3, 7, 2019)));
        assert_eq!(a.type_code.as_deref(), Some("CV"));
        assert_eq!(a.related, Some(vec!["16/CT-TTG".to_owned()]));
        let b: Value =
            serde_json::json!({"loai": "QĐ", "nam": 0, "so_ky_hieu_header": "169/QĐ-BLĐTBXH"});
        let b = from_value(&b).expect("kind B");
        assert_eq!(b.kind, 'B');
        assert_eq!(b.year, None);
        assert_eq!(b.id.as_deref(), Some("169/QĐ-BLĐTBXH"));
        assert_eq!(from_value(&serde_json::json!({"x": 1})), None);
    }

    #[test]
    fn committed_errata_are_well_formed() {
        let list = errata();
        assert!(list
            .iter()
            .any(|e| e.file.starts_with("121_") && e.field == "date"));
        for e in &list {
            assert!(e.file.ends_with(".txt"), "{e:?}");
            assert!(
                ["number", "date", "doc_type"].contains(&e.field.as_str()),
                "{e:?}"
            );
            assert!(!e.reason.is_empty(), "{e:?}");
        }
    }
}
