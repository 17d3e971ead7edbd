//! Số, ký hiệu: the document's number and symbol, split into parts.
//!
//! Shapes: typed `15/QĐ-BNV`, công văn `05/UBND-VX` (issuer, then unit),
//! legal-normative with a year `30/2020/NĐ-CP`, joint `…/TTLT-A-B-C`, Party
//! `36-HD/VPTW`, blank `/UBND-NN`, old `61-CP`.

use std::sync::LazyLock;

use regex::Regex;

use crate::codes::type_by_code;

/// A number and symbol read from text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedNumber {
    pub(crate) number: Option<String>,
    pub(crate) year: Option<i32>,
    pub(crate) symbol: String,
    pub(crate) type_code: Option<String>,
    pub(crate) issuer_codes: Vec<String>,
    pub(crate) unit_code: Option<String>,
    pub(crate) party: bool,
    /// Something stands where the number should be, but it is not a number
    /// (OCR damage, a handwritten number).
    pub(crate) unreadable: bool,
    /// Bytes of the input the number took.
    pub(crate) len: usize,
}

const GROUP: &str = r"[\p{L}0-9&.]+(?:[ ]?-\s?[\p{L}0-9&.]+)*";

static PARTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<num>[0-9]+[a-z]?)[ ]?-[ ]?(?P<ty>\p{{L}}+)[ ]?/[ ]?(?P<iss>{GROUP})"
    ))
    .expect("valid regex")
});
static STATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<num>[0-9](?:[ ]?[0-9])*(?:\.[0-9]+)?[a-zA-Z]?)?[ ]?/[ ]?(?:(?P<year>(?:19|20)[0-9]{{2}})[ ]?/[ ]?)?(?P<sym>{GROUP})"
    ))
    .expect("valid regex")
});
static GARBLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<junk>[^\s/]{{1,10}})[ ]?/[ ]?(?P<sym>{GROUP})"
    ))
    .expect("valid regex")
});
static OLD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<num>[0-9]+)[ ]?-[ ]?(?P<sym>\p{Lu}[\p{L}0-9&.]*(?:-[\p{L}0-9&.]+)*)")
        .expect("valid regex")
});

/// Reads a number and symbol at the start of `s` (after the `Số:` label).
/// `cong_van` says whether the document is known to be a công văn (no type
/// code in its symbol).
pub(crate) fn parse(s: &str, cong_van: Option<bool>) -> Option<ParsedNumber> {
    let lead = s.len() - s.trim_start().len();
    let mut p = parse_at(&s[lead..], cong_van)?;
    p.len += lead;
    join_spaced_letters(s, &mut p);
    Some(p)
}

/// `QĐ - U B ND` (letters spaced out by extraction): joins trailing
/// one- or two-letter capitals into the last group.
fn join_spaced_letters(s: &str, p: &mut ParsedNumber) {
    if p.party {
        return;
    }
    loop {
        let last_len = p.symbol.rsplit('-').next().map_or(0, |g| g.chars().count());
        let rest = &s[p.len..];
        let Some(after) = rest.strip_prefix(' ') else {
            return;
        };
        let token: &str = after.split([' ', '\n', ',']).next().unwrap_or("");
        let n = token.chars().count();
        if last_len > 2 || n == 0 || n > 3 || !token.chars().all(|c| c.is_uppercase()) {
            return;
        }
        p.symbol.push_str(token);
        if let Some(last) = p.issuer_codes.last_mut() {
            if p.unit_code.is_none() {
                last.push_str(token);
            }
        }
        if let Some(u) = &mut p.unit_code {
            u.push_str(token);
        }
        p.len += 1 + token.len();
    }
}

fn parse_at(s: &str, cong_van: Option<bool>) -> Option<ParsedNumber> {
    if let Some(c) = PARTY.captures(s) {
        let ty = c.name("ty")?.as_str();
        if type_by_code(ty).is_some() || ty == "CV" {
            let iss = compact(c.name("iss")?.as_str());
            let iss = iss.trim_end_matches('.').to_owned();
            let len = c.name("iss")?.start() + c.name("iss")?.as_str().trim_end_matches('.').len();
            return Some(ParsedNumber {
                number: Some(c.name("num")?.as_str().to_owned()),
                year: None,
                symbol: format!("{ty}/{iss}"),
                type_code: Some(
                    type_by_code(ty)
                        .map_or(ty, |(code, _)| if ty == "CV" { "CV" } else { code })
                        .to_owned(),
                ),
                issuer_codes: iss.split('-').map(str::to_owned).collect(),
                unit_code: None,
                party: true,
                unreadable: false,
                len,
            });
        }
    }
    if let Some(c) = STATE.captures(s) {
        let sym_m = c.name("sym")?;
        let symbol = compact(sym_m.as_str()).trim_end_matches('.').to_owned();
        if symbol.is_empty() || !symbol.chars().any(char::is_alphabetic) {
            return None;
        }
        let year = c.name("year").and_then(|m| m.as_str().parse().ok());
        let (type_code, issuer_codes, unit_code) = split_symbol(&symbol, year.is_some(), cong_van);
        return Some(ParsedNumber {
            // `3 70 /TCHQ-TXNK`: digits spaced out by extraction
            number: c.name("num").map(|m| m.as_str().replace(' ', "")),
            year,
            type_code,
            issuer_codes,
            unit_code,
            party: false,
            unreadable: false,
            len: sym_m.start() + sym_m.as_str().trim_end_matches('.').len(),
            symbol,
        });
    }
    if let Some(c) = GARBLED.captures(s) {
        let junk = c.name("junk")?.as_str();
        let sym_m = c.name("sym")?;
        let symbol = compact(sym_m.as_str()).trim_end_matches('.').to_owned();
        if !junk.chars().all(|ch| ch.is_ascii_digit()) && symbol.contains('-') {
            let (type_code, issuer_codes, unit_code) = split_symbol(&symbol, false, cong_van);
            return Some(ParsedNumber {
                number: None,
                year: None,
                type_code,
                issuer_codes,
                unit_code,
                party: false,
                unreadable: true,
                len: sym_m.start() + sym_m.as_str().trim_end_matches('.').len(),
                symbol,
            });
        }
    }
    let c = OLD.captures(s)?;
    let sym_m = c.name("sym")?;
    let symbol = sym_m.as_str().trim_end_matches('.').to_owned();
    Some(ParsedNumber {
        number: Some(c.name("num")?.as_str().to_owned()),
        year: None,
        issuer_codes: vec![symbol.clone()],
        type_code: None,
        unit_code: None,
        party: false,
        unreadable: false,
        len: sym_m.start() + symbol.len(),
        symbol,
    })
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Splits `QĐ-UBND` (typed), `UBND-VX` (công văn), `TTLT-A-B` (joint).
fn split_symbol(
    symbol: &str,
    has_year: bool,
    cong_van: Option<bool>,
) -> (Option<String>, Vec<String>, Option<String>) {
    let groups: Vec<&str> = symbol.split('-').filter(|g| !g.is_empty()).collect();
    let Some((first, rest)) = groups.split_first() else {
        return (None, Vec::new(), None);
    };
    let known = type_by_code(first);
    let typed = match known {
        Some(_) if rest.is_empty() => false,
        Some(_) => has_year || cong_van != Some(true),
        None => false,
    };
    if typed {
        let code = known.map_or(*first, |(c, _)| c).to_owned();
        let joint = code.ends_with("LT") || first.ends_with("LT");
        if joint || rest.len() == 1 {
            return (
                Some(code),
                rest.iter().map(|s| (*s).to_owned()).collect(),
                None,
            );
        }
        return (
            Some(code),
            vec![rest[0].to_owned()],
            Some(rest[1..].join("-")),
        );
    }
    let unit = (!rest.is_empty()).then(|| rest.join("-"));
    (None, vec![(*first).to_owned()], unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> ParsedNumber {
        parse(s, None).unwrap_or_else(|| panic!("no number in {s:?}"))
    }

    #[test]
    fn shapes_from_model_md() {
        let n = p("15/QĐ-BNV");
        assert_eq!(
            (
                n.number.as_deref(),
                n.type_code.as_deref(),
                n.issuer_codes.clone()
            ),
            (Some("15"), Some("QĐ"), vec!["BNV".to_owned()])
        );
        let n = p("05/UBND-VX");
        assert_eq!(
            (
                n.type_code.clone(),
                n.issuer_codes.clone(),
                n.unit_code.as_deref()
            ),
            (None, vec!["UBND".to_owned()], Some("VX"))
        );
        let n = p("30/2020/NĐ-CP");
        assert_eq!(
            (n.year, n.type_code.as_deref(), n.symbol.as_str()),
            (Some(2020), Some("NĐ"), "NĐ-CP")
        );
        let n = p("01/2022/TTLT-VKSNDTC-TANDTC-BCA");
        assert_eq!(n.issuer_codes, ["VKSNDTC", "TANDTC", "BCA"]);
        let n = p("36-HD/VPTW");
        assert_eq!(
            (
                n.number.as_deref(),
                n.symbol.as_str(),
                n.type_code.as_deref(),
                n.party
            ),
            (Some("36"), "HD/VPTW", Some("HD"), true)
        );
        let n = p("/UBND-NN");
        assert_eq!(
            (n.number, n.symbol.as_str(), n.unit_code.as_deref()),
            (None, "UBND-NN", Some("NN"))
        );
        assert_eq!(p("66.17/2026/NQ-CP").number.as_deref(), Some("66.17"));
    }

    #[test]
    fn stops_at_the_symbol_end() {
        let s = "/HC-TH Đà Nẵng, ngày";
        let n = p(s);
        assert_eq!(&s[..n.len], "/HC-TH");
        let s = "1206 /QĐ-HVTC.";
        let n = p(s);
        assert_eq!(
            (n.number.as_deref(), n.symbol.as_str()),
            (Some("1206"), "QĐ-HVTC")
        );
        assert_eq!(&s[..n.len], "1206 /QĐ-HVTC");
    }

    #[test]
    fn cong_van_hint_decides_ambiguous_codes() {
        let n = parse("12/CT-TTHT", Some(true)).unwrap();
        assert_eq!((n.type_code, n.issuer_codes), (None, vec!["CT".to_owned()]));
        let n = parse("12/CT-TTg", Some(false)).unwrap();
        assert_eq!(n.type_code.as_deref(), Some("CT"));
    }

    #[test]
    fn wrapped_and_spaced_symbols() {
        let n = p("01/2022/TTLT-VKSNDTC-\nTANDTC-BCA");
        assert_eq!(n.symbol, "TTLT-VKSNDTC-TANDTC-BCA");
        assert_eq!(n.issuer_codes, ["VKSNDTC", "TANDTC", "BCA"]);
        let n = p("\n755/2005/NQ-UBTVQH11 Hà Nội");
        assert_eq!(
            (n.number.as_deref(), n.symbol.as_str()),
            (Some("755"), "NQ-UBTVQH11")
        );
        let s = "3210/QĐ - U B ND Hà Nội";
        let n = p(s);
        assert_eq!(n.symbol, "QĐ-UBND");
        assert_eq!(&s[..n.len], "3210/QĐ - U B ND");
    }

    #[test]
    fn spaced_digits() {
        let n = p("2 37 /QĐ - U B ND");
        assert_eq!(
            (n.number.as_deref(), n.symbol.as_str()),
            (Some("237"), "QĐ-UBND")
        );
        assert_eq!(n.issuer_codes, ["UBND"]);
    }

    #[test]
    fn not_numbers() {
        assert!(parse("14, đường 8", None).is_none());
        assert!(parse("2024", None).is_none());
    }
}
