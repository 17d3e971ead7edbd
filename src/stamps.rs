//! Digital-signature stamps (chữ ký số) injected into the text layer.
//!
//! Signing tools print `Người ký:` / `Ký bởi:` / `Email:` / `Cơ quan:` /
//! `Thời gian ký: 12.08.2025 15:59:28 +07:00`, or the English
//! `Digitally signed by` / `Date: 2019.03.21 10:25:41 +07:00` / `Location:`,
//! at the top, in the middle of the body or cut off. They are taken out of
//! the flow (their lines become [`LineKind::Stamp`]) so that they never leak
//! into neighbouring fields, and reported as [`Stamp`]s.

use std::sync::LazyLock;

use regex::Regex;

use crate::codes::COPY_LABELS;
use crate::fold::{fold_char, fold_head, Folded};
use crate::lines::{Line, LineKind};
use crate::model::Stamp;
use crate::span::Span;

// START runs on folded keys, which are ASCII: its classes are the ASCII
// ones, which match there exactly as the Unicode classes would and make a
// smaller automaton (a test compares them). (FIELD, with its capture
// group, was measured slower with them and keeps the Unicode ones.)

static START: LazyLock<Regex> = LazyLock::new(|| Regex::new(START_RE).expect("valid regex"));
const START_RE: &str = r"^(?:nguoi(?-u:\s)*ky|k?y(?-u:\s)*boi|digitally(?-u:\s)+signed(?-u:\s)+by|signature(?-u:\s)+valid|ky(?-u:\s)+so(?-u:\s)+boi)(?-u:\b)(?-u:\s)*:?(?-u:\s)*";
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(email|e-mail|co\s*quan|thoi\s*gian\s*ky|ngay\s*ky|date|location|reason|chuc\s*vu|don\s*vi|noi\s*dung)\s*:\s*")
        .expect("valid regex")
});
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*([+-])(\d{1,2}):?(\d{2}))?")
        .expect("valid regex")
});

/// Finds stamps, marks their lines, and returns them.
pub(crate) fn extract(text: &str, lines: &mut [Line]) -> Vec<Stamp> {
    let mut stamps = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].is_content() {
            i += 1;
            continue;
        }
        // a stamp line starts with `Người ký`, `Ký bởi` (or OCR's `ý bởi`),
        // `Digitally signed`, `Signature Valid`: look at a few chars first
        if let Some(j) = copy_stamp_at(text, lines, i, &mut stamps) {
            i = j;
            continue;
        }
        let t = lines[i].text(text);
        let mut buf = [0; 9];
        let lead = t.chars().next().map(fold_char);
        if !matches!(lead, Some(b'n' | b'k' | b'y' | b'd' | b's'))
            || !may_start(fold_head(t, &mut buf))
        {
            i += 1;
            continue;
        }
        let first = Folded::new(lines[i].text(text));
        let Some(m) = START.find(&first.key) else {
            i += 1;
            continue;
        };
        let mut stamp = Stamp {
            signer: None,
            organization: None,
            email: None,
            time: None,
            span: Span::new(lines[i].start, lines[i].end),
            source: None,
        };
        read_fields(&first, m.end(), &mut stamp, true);
        lines[i].kind = LineKind::Stamp;
        let mut j = i + 1;
        let mut seen = 0;
        while j < lines.len() && seen < 6 {
            let l = lines[j];
            if l.kind == LineKind::Blank {
                j += 1;
                continue;
            }
            if !l.is_content() {
                break;
            }
            let f = Folded::new(l.text(text));
            if FIELD.find(&f.key).is_none_or(|m| m.start() != 0) {
                break;
            }
            read_fields(&f, 0, &mut stamp, false);
            lines[j].kind = LineKind::Stamp;
            stamp.span.end = l.end;
            seen += 1;
            j += 1;
        }
        stamps.push(stamp);
        i = j;
    }
    stamps
}

/// A certified copy's stamp (`SAO Y` / `Bộ Công an` / `Thời gian ký: …`)
/// at line `i`: the label, at most two lines naming the copying body, then
/// the signing time. Marks its lines, pushes the stamp and returns the
/// line after it.
fn copy_stamp_at(text: &str, lines: &mut [Line], i: usize, out: &mut Vec<Stamp>) -> Option<usize> {
    if !is_copy_label(lines[i].text(text).trim()) {
        return None;
    }
    let mut named = Vec::new();
    let mut j = i + 1;
    while j < lines.len() && named.len() <= 2 {
        let l = lines[j];
        if l.kind == LineKind::Blank {
            j += 1;
            continue;
        }
        if !l.is_content() {
            return None;
        }
        let f = Folded::new(l.text(text));
        if f.key.starts_with("thoi gian ky") || f.key.starts_with("ngay ky") {
            let mut stamp = Stamp {
                signer: None,
                organization: None,
                email: None,
                time: None,
                span: Span::new(lines[i].start, l.end),
                source: None,
            };
            read_fields(&f, 0, &mut stamp, false);
            stamp.time.as_ref()?;
            let signer = named
                .iter()
                .map(|&k: &usize| lines[k].text(text).trim())
                .collect::<Vec<_>>()
                .join(" ");
            if !signer.is_empty() {
                stamp.signer = Some(clean(&signer));
            }
            for line in &mut lines[i..=j] {
                if line.is_content() {
                    line.kind = LineKind::Stamp;
                }
            }
            out.push(stamp);
            return Some(j + 1);
        }
        // the copying body's name: a few words, no figures
        let name = l.text(text).trim();
        if name.split_whitespace().count() > 8 || name.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        named.push(j);
        j += 1;
    }
    None
}

/// Whether `t` (trimmed) is a certified copy's label (nhãn sao y: `SAO Y`,
/// `SAO Y BẢN CHÍNH`, `BẢN SAO Y`): at most 24 chars whose folded letters
/// spell one of them. Every content line comes here, so its chars are folded
/// one at a time on the stack and most lines are ruled out by their first
/// letter (folding each short line into a `String` was 2% of a batch's
/// instructions).
fn is_copy_label(t: &str) -> bool {
    let mut letters = [0u8; 12];
    let mut n = 0;
    for (k, c) in t.chars().enumerate() {
        if k == 24 {
            return false;
        }
        let b = fold_char(c);
        if !b.is_ascii_alphabetic() {
            continue;
        }
        // Each label's first letter is `s` or `b`: most lines stop here.
        if n == 0 && !stamp_labels().any(|l| l.first() == Some(&b)) {
            return false;
        }
        let Some(slot) = letters.get_mut(n) else {
            return false;
        };
        *slot = b;
        n += 1;
    }
    let letters = letters.get(..n).unwrap_or_default();
    stamp_labels().any(|l| {
        l.iter()
            .copied()
            .filter(|b| *b != b' ')
            .eq(letters.iter().copied())
    })
}

/// The folded copy labels that label a signing service's stamp
/// ([`COPY_LABELS`]), as bytes.
fn stamp_labels() -> impl Iterator<Item = &'static [u8]> {
    COPY_LABELS
        .iter()
        .filter(|l| l.labels_stamp)
        .map(|l| l.folded.as_bytes())
}

/// Whether a line whose folded key starts with `head` (its first 9 chars)
/// can match [`START`]: each alternative begins with `nguoi`, `ky`,
/// `digitally`, `signature`, or `y` followed by `\s*boi` (white space or a `b`).
fn may_start(head: &[u8]) -> bool {
    [&b"nguoi"[..], b"ky", b"digitally", b"signature"]
        .iter()
        .any(|p| head.starts_with(p))
        || matches!(
            head,
            [b'y', b'b' | b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r', ..]
        )
}

/// Reads `label: value` pairs from a stamp line; text before the first label
/// (from `from`) is the signer when `signer_first`.
fn read_fields(f: &Folded<'_>, from: usize, stamp: &mut Stamp, signer_first: bool) {
    let mut labels: Vec<(usize, usize, String)> = FIELD
        .captures_iter(&f.key[from..])
        .filter_map(|c| {
            let all = c.get(0)?;
            Some((
                from + all.start(),
                from + all.end(),
                c.get(1)?.as_str().replace(' ', ""),
            ))
        })
        .collect();
    labels.sort();
    if signer_first {
        let end = labels.first().map_or(f.key.len(), |l| l.0);
        let v = clean(f.slice(from, end));
        if !v.is_empty() {
            stamp.signer = Some(v);
        }
    }
    for (k, (_, vstart, label)) in labels.iter().enumerate() {
        let vend = labels.get(k + 1).map_or(f.key.len(), |l| l.0);
        let value = clean(f.slice(*vstart, vend));
        if value.is_empty() {
            continue;
        }
        match label.as_str() {
            "email" | "e-mail" => stamp.email = Some(value),
            "coquan" | "donvi" | "location" if stamp.organization.is_none() => {
                stamp.organization = Some(value);
            }
            "thoigianky" | "ngayky" | "date" => stamp.time = iso_time(&value).or(Some(value)),
            _ => {}
        }
    }
}

fn clean(s: &str) -> String {
    s.trim().trim_end_matches(['.', ',', ';']).trim().to_owned()
}

/// `12.08.2025 15:59:28 +07:00` or `2019.03.21 10:25:41 +07:00` → ISO 8601;
/// `None` unless date, time and offset are all there.
pub(crate) fn iso_time(s: &str) -> Option<String> {
    let c = TIME.captures(s)?;
    let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (a, b, d) = (n(1)?, n(2)?, n(3)?);
    let (year, month, day) = if c.get(1)?.as_str().len() == 4 {
        (a, b, d)
    } else {
        (d, b, a)
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || year < 1900 {
        return None;
    }
    let (h, mi, sec) = (n(4)?, n(5)?, n(6).unwrap_or(0));
    let sign = c.get(7)?.as_str();
    let (oh, om) = (n(8)?, n(9)?);
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{h:02}:{mi:02}:{sec:02}{sign}{oh:02}:{om:02}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split;

    #[test]
    fn vietnamese_stamp_block() {
        let text = "Điều 1. X.\nNgười ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\nEmail: a@b.vn\nCơ quan: VĂN PHÒNG CHÍNH PHỦ\nThời gian ký: 20.03.2025 15:28:25 +07:00\nĐiều 2. Y.";
        let mut lines = split(text);
        let s = extract(text, &mut lines);
        assert_eq!(s.len(), 1);
        assert_eq!(
            s[0].signer.as_deref(),
            Some("CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ")
        );
        assert_eq!(s[0].organization.as_deref(), Some("VĂN PHÒNG CHÍNH PHỦ"));
        assert_eq!(s[0].email.as_deref(), Some("a@b.vn"));
        assert_eq!(s[0].time.as_deref(), Some("2025-03-20T15:28:25+07:00"));
        assert_eq!(lines[5].kind, LineKind::Content);
        assert_eq!(lines[4].kind, LineKind::Stamp);
    }

    #[test]
    fn one_line_and_english_stamps() {
        let text = "Ký bởi: Cổng Thông tin điện tử Chính phủ Email: x@y.vn Cơ quan: Văn phòng Chính phủ Thời gian ký: 16.03.2015 11:02:35 +07:00\n\nDigitally signed by CUC THUE\nDate: 2020.05.05 16:56:11 +07:00";
        let mut lines = split(text);
        let s = extract(text, &mut lines);
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[0].signer.as_deref(),
            Some("Cổng Thông tin điện tử Chính phủ")
        );
        assert_eq!(s[0].time.as_deref(), Some("2015-03-16T11:02:35+07:00"));
        assert_eq!(s[1].signer.as_deref(), Some("CUC THUE"));
        assert_eq!(s[1].time.as_deref(), Some("2020-05-05T16:56:11+07:00"));
    }

    #[test]
    fn copy_labels_are_read_as_the_folded_key_was() {
        let slow = |t: &str| {
            if t.chars().count() > 24 {
                return false;
            }
            let key: String = Folded::new(t)
                .key
                .chars()
                .filter(char::is_ascii_alphabetic)
                .collect();
            matches!(key.as_str(), "saoy" | "saoybanchinh" | "bansaoy")
        };
        for t in [
            "SAO Y",
            "SAO Y BẢN CHÍNH",
            "BẢN SAO Y",
            "Sao y bản chính",
            "- SAO Y -",
            "SAO Y 2",
            "SAO Y BẢN CHÍNH XÁC",
            "SAO  Y  BẢN  CHÍNH  ......",
            "SAO Y BẢN CHÍNH .........",
            "sao",
            "Bản sao",
            "",
            "ＳＡＯ Ｙ",
            "Điều 1. Sao y",
        ] {
            assert_eq!(is_copy_label(t), slow(t), "{t:?}");
        }
    }

    #[test]
    fn the_start_prefilter_lets_every_match_through() {
        for t in [
            "Người ký: A",
            "Nguoi   ky A",
            "Ký bởi: B",
            "ý bởi: C",
            "Y  boi",
            "Ky so boi D",
            "Digitally signed by E",
            "Signature Valid",
            "Ngày ký",
            "Số: 5",
            "y",
            "",
        ] {
            let mut buf = [0; 9];
            let head = fold_head(t, &mut buf);
            assert!(
                may_start(head) || !START.is_match(&crate::fold::fold(t)),
                "{t}"
            );
        }
        let mut buf = [0; 9];
        assert!(!may_start(fold_head("Ngày ký", &mut buf)));
    }

    #[test]
    fn ascii_classes_match_folded_keys_as_the_unicode_ones() {
        let unicode = |re: &str| {
            let re = re.replace(r"(?-u:\s)", r"\s").replace(r"(?-u:\b)", r"\b");
            Regex::new(&re).unwrap()
        };
        let keys = [
            "nguoi ky: a",
            "nguoiky",
            "nguoi\tky:b",
            "y boi: c",
            "kyboi",
            "ky boix",
            "ky so boi d",
            "digitally signed by e",
            "digitally  signed\x0Bby",
            "signature valid",
            "signature valid2",
            "email: a@b.vn co quan: x",
            "e-mail:a",
            "coquan : b",
            "thoi gian ky: 12",
            "ngay ky:",
            "date: 1",
            "location:x reason: y",
            "chuc vu : z",
            "don\x0Cvi: w",
            "noi dung:",
            "xemail: a",
            "a\remail: b",
            "",
            " ",
        ];
        let (fast, plain) = (&*START, unicode(START_RE));
        for k in keys {
            let span = |r: &Regex| r.find(k).map(|m| (m.start(), m.end()));
            assert_eq!(span(fast), span(&plain), "{k:?}");
        }
    }

    #[test]
    fn a_certified_copys_stamp_is_taken_out_of_the_header() {
        let text = "BỘ CÔNG AN\nSố: 409 /BCA-C04\n\nSAOY\nBộ Công an\nThời gian ký: 2025-10-01T17:08:18+07:00\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n";
        let mut lines = crate::lines::split(text);
        let stamps = extract(text, &mut lines);
        assert_eq!(stamps.len(), 1);
        assert_eq!(stamps[0].signer.as_deref(), Some("Bộ Công an"));
        assert!(stamps[0]
            .time
            .as_deref()
            .is_some_and(|t| t.starts_with("2025-10-01")));
        let kinds: Vec<bool> = lines.iter().map(|l| l.kind == LineKind::Stamp).collect();
        assert_eq!(kinds[..7], [false, false, false, true, true, true, false]);
        // `Sao y` in a sentence, or without a signing time, is no stamp
        let text = "SAO Y\nNơi nhận:\n- Như trên;\n";
        let mut lines = crate::lines::split(text);
        assert!(extract(text, &mut lines).is_empty());
    }

    #[test]
    fn truncated_stamp_keeps_signer() {
        let text = "ý bởi: Cục Thuế tỉnh Bắc Ninh.";
        let mut lines = split(text);
        let s = extract(text, &mut lines);
        assert_eq!(s[0].signer.as_deref(), Some("Cục Thuế tỉnh Bắc Ninh"));
        assert_eq!(s[0].time, None);
    }
}
