//! The same document in TCVN3, VNI, NFD and NFC gives the same model.
//!
//! `fixtures/legacy-tcvn3.txt` and `fixtures/legacy-vni.txt` are renderings of
//! `fixtures/cong-van-full-header.txt` made by the encoders below (written
//! here from the encodings, independent of the decoder's tables). Their
//! goldens are made by `UPDATE_EXPECT=1 cargo test --test integration fixtures`; with
//! `UPDATE_EXPECT=1` this test rewrites the renderings themselves first.
//!
//! **Case in TCVN3.** TCVN3 has no codes for upper-case letters with a tone
//! (`Ủ`, `Ồ`, `Ố`, …). All-caps lines were typed with the upper-case font
//! (`.VnTimeH`) in *lower-case* codes, which is what [`to_tcvn3`] produces for
//! every line that has no lower-case letter: `UBND TỈNH LÂM ĐỒNG` becomes
//! `ubnd tØnh l©m ®ång`, and the converted text reads `ubnd tỉnh lâm đồng`.
//! The font name is not in plain text and the converter does not guess the
//! case back, so no source can keep its all-caps header through TCVN3 (the
//! Quốc hiệu alone has `Ộ`, `Ò`, `Ã`, `Ủ`, `Ĩ`, `Ệ`). The test therefore
//! checks two things: the TCVN3 model is *exactly* the model of the same
//! Unicode text with its all-caps lines lower-cased (the conversion loses
//! nothing but case), and the values that do not depend on capitals
//! (number, place, date, subject, type, national heading, body sections) are
//! those of the original. The parser reads issuers, urgency marks,
//! `Kính gửi` blocks and signature titles from capitals, so those are missing
//! from the TCVN3 model (and `fixtures/legacy-tcvn3.json` shows it).

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use congvan::normalize::legacy::{convert, detect, Legacy};
use congvan::{decode, parse, Options};

const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const CIRCUMFLEX: char = '\u{302}';
const TILDE: char = '\u{303}';
const BREVE: char = '\u{306}';
const HOOK: char = '\u{309}';
const HORN: char = '\u{31B}';
const DOT: char = '\u{323}';

/// Tones in the order of the tables below.
const TONES: [Option<char>; 6] = [
    None,
    Some(GRAVE),
    Some(HOOK),
    Some(TILDE),
    Some(ACUTE),
    Some(DOT),
];

/// A Vietnamese letter taken apart: base (ASCII), vowel mark, tone.
fn parts(c: char) -> Option<(char, Option<char>, Option<char>)> {
    let mut it = c.to_string().nfd().collect::<Vec<_>>().into_iter();
    let base = it.next()?;
    if !base.is_ascii_alphabetic() {
        return None;
    }
    let (mut vowel, mut tone) = (None, None);
    for m in it {
        match m {
            CIRCUMFLEX | BREVE | HORN => vowel = Some(m),
            GRAVE | ACUTE | TILDE | HOOK | DOT => tone = Some(m),
            _ => return None,
        }
    }
    Some((base, vowel, tone))
}

/// `text` with the case TCVN3 can keep: every line that has no lower-case
/// letter in lower case (typed with the `.VnTimeH` font), and elsewhere the
/// upper-case letters with a tone (`Ủy` → `ủy`), which have no code.
fn tcvn3_case(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            if !line.chars().any(char::is_lowercase) {
                return line.to_lowercase();
            }
            line.chars()
                .map(|c| {
                    if c.is_uppercase() && !c.is_ascii() && !"ĂÂÊÔƠƯĐ".contains(c) {
                        c.to_lowercase().collect()
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        })
        .collect()
}

/// Unicode → TCVN3 (ABC), as Latin-1 chars. Lines without a lower-case
/// letter are written in lower-case codes, as with the `.VnTimeH` font.
fn to_tcvn3(text: &str) -> String {
    // For each vowel: no tone, huyền, hỏi, ngã, sắc, nặng.
    const ROWS: [(char, Option<char>, &str); 12] = [
        ('a', None, "aµ¶·¸¹"),
        ('a', Some(BREVE), "¨»¼½¾Æ"),
        ('a', Some(CIRCUMFLEX), "©ÇÈÉÊË"),
        ('e', None, "eÌÎÏÐÑ"),
        ('e', Some(CIRCUMFLEX), "ªÒÓÔÕÖ"),
        ('i', None, "i×ØÜÝÞ"),
        ('o', None, "oßáâãä"),
        ('o', Some(CIRCUMFLEX), "«åæçèé"),
        ('o', Some(HORN), "¬êëìíî"),
        ('u', None, "uïñòóô"),
        ('u', Some(HORN), "\u{AD}õö÷øù"),
        ('y', None, "yúûüýþ"),
    ];
    let letter = |c: char| -> String {
        match c {
            'đ' => return "®".into(),
            'Đ' => return "§".into(),
            'Ă' => return "¡".into(),
            'Â' => return "¢".into(),
            'Ê' => return "£".into(),
            'Ô' => return "¤".into(),
            'Ơ' => return "¥".into(),
            'Ư' => return "¦".into(),
            _ => {}
        }
        let Some((base, vowel, tone)) = parts(c) else {
            return c.to_string();
        };
        let lower = base.to_ascii_lowercase();
        let Some((_, _, row)) = ROWS.iter().find(|r| r.0 == lower && r.1 == vowel) else {
            return c.to_string();
        };
        let t = TONES.iter().position(|&x| x == tone).expect("a tone");
        if t == 0 && vowel.is_none() {
            return c.to_string(); // a plain ASCII letter keeps its case
        }
        // No code for an upper-case letter with a tone: the lower-case one.
        row.chars().nth(t).expect("six columns").to_string()
    };
    text.split_inclusive('\n')
        .map(|line| {
            let caps = !line.chars().any(char::is_lowercase);
            let line = if caps {
                line.to_lowercase()
            } else {
                line.to_owned()
            };
            line.chars().map(letter).collect::<String>()
        })
        .collect()
}

/// Unicode → VNI-Windows, as Latin-1 chars: base letter, then mark.
fn to_vni(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            'đ' => out.push('ñ'),
            'Đ' => out.push('Ñ'),
            _ => {
                let Some((base, vowel, tone)) = parts(c) else {
                    out.push(c);
                    continue;
                };
                let upper = base.is_ascii_uppercase();
                let case = |s: &str| -> String {
                    if upper {
                        s.to_uppercase()
                    } else {
                        s.to_owned()
                    }
                };
                let t = TONES.iter().position(|&x| x == tone).expect("a tone");
                let lower = base.to_ascii_lowercase();
                let tone_mark = |t: usize| case(&"\0øûõùï"[..].chars().nth(t).unwrap().to_string());
                let s = match (lower, vowel) {
                    (_, None) if t == 0 => base.to_string(),
                    ('i', None) => case(&"\0ìæóíò".chars().nth(t).unwrap().to_string()),
                    ('y', None) if tone == Some(DOT) => case("î"),
                    (_, None) => format!("{base}{}", tone_mark(t)),
                    (_, Some(CIRCUMFLEX)) => {
                        format!(
                            "{base}{}",
                            case(&"âàåãáä".chars().nth(t).unwrap().to_string())
                        )
                    }
                    (_, Some(BREVE)) => {
                        format!(
                            "{base}{}",
                            case(&"êèúüéë".chars().nth(t).unwrap().to_string())
                        )
                    }
                    ('o' | 'u', Some(HORN)) => {
                        let letter = case(if lower == 'o' { "ô" } else { "ö" });
                        if t == 0 {
                            letter
                        } else {
                            format!("{letter}{}", tone_mark(t))
                        }
                    }
                    _ => c.to_string(),
                };
                out.push_str(&s);
            }
        }
    }
    out
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn source() -> String {
    fs::read_to_string(fixtures().join("cong-van-full-header.txt")).expect("source fixture")
}

/// The model as JSON, without any `span`.
fn model(input: &str) -> Value {
    let mut v = serde_json::to_value(parse(input)).expect("json");
    strip(&mut v);
    v
}

fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("span");
            m.values_mut().for_each(strip);
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

fn lowercase(v: &mut Value) {
    match v {
        Value::String(s) => *s = s.to_lowercase(),
        Value::Object(m) => m.values_mut().for_each(lowercase),
        Value::Array(a) => a.iter_mut().for_each(lowercase),
        _ => {}
    }
}

/// The model without the diagnostics about the conversion itself.
fn without_legacy_note(mut v: Value) -> Value {
    if let Some(Value::Array(d)) = v.get_mut("diagnostics") {
        d.retain(|x| x["code"] != "legacy_encoding_converted");
    }
    v
}

#[test]
fn encoders_agree_with_the_examples() {
    assert_eq!(
        to_tcvn3("Cộng hoà xã hội chủ nghĩa Việt Nam"),
        "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
    );
    assert_eq!(to_tcvn3("Uỷ ban nhân dân"), "Uû ban nh©n d©n");
    assert_eq!(
        to_tcvn3("Độc lập - Tự do - Hạnh phúc"),
        "§éc lËp - Tù do - H¹nh phóc"
    );
    assert_eq!(to_tcvn3("Quyết định, Nơi nhận"), "QuyÕt ®Þnh, N¬i nhËn");
    assert_eq!(to_tcvn3("ỦY BAN"), "ñy ban");
    assert_eq!(to_tcvn3("Uỷ ban\nUỶ BAN"), "Uû ban\nuû ban");
    assert_eq!(
        to_vni("Cộng hoà xã hội chủ nghĩa Việt Nam"),
        "Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam"
    );
    assert_eq!(to_vni("Ủy ban nhân dân"), "UÛy ban nhaân daân");
    assert_eq!(
        to_vni("Độc lập - Tự do - Hạnh phúc"),
        "Ñoäc laäp - Töï do - Haïnh phuùc"
    );
    assert_eq!(to_vni("Quyết định"), "Quyeát ñònh");
    assert_eq!(to_vni("TRƯỜNG ĐẠI HỌC"), "TRÖÔØNG ÑAÏI HOÏC");
}

#[test]
fn every_vietnamese_letter_round_trips() {
    let lower = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ";
    let upper = lower.to_uppercase();
    for text in [lower, upper.as_str()] {
        assert_eq!(convert(&to_vni(text), Legacy::Vni), text);
    }
    // TCVN3: all lower-case letters, the upper-case ones that have a code.
    let mixed = format!("{lower} ĂÂÊÔƠƯĐ");
    assert_eq!(convert(&to_tcvn3(&mixed), Legacy::Tcvn3), mixed);
    // An all-caps line comes back lower-case.
    assert_eq!(convert(&to_tcvn3(&upper), Legacy::Tcvn3), lower);
    let src = source();
    assert_eq!(convert(&to_tcvn3(&src), Legacy::Tcvn3), tcvn3_case(&src));
    assert_eq!(convert(&to_vni(&src), Legacy::Vni), src);
}

#[test]
fn legacy_fixtures_are_renderings_of_their_source() {
    let src = source();
    for (name, text) in [
        ("legacy-tcvn3.txt", to_tcvn3(&src)),
        ("legacy-vni.txt", to_vni(&src)),
    ] {
        let path = fixtures().join(name);
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            fs::write(&path, &text).expect("write rendering");
        }
        let committed = fs::read_to_string(&path).expect("legacy fixture");
        assert_eq!(committed, text, "{name} is stale: run with UPDATE_EXPECT=1");
    }
}

#[test]
fn detection_names_the_encoding_of_each_rendering() {
    let src = source();
    assert_eq!(detect(&src), None);
    assert_eq!(detect(&src.nfd().collect::<String>()), None);
    assert_eq!(detect(&to_tcvn3(&src)), Some(Legacy::Tcvn3));
    assert_eq!(detect(&to_vni(&src)), Some(Legacy::Vni));
}

#[test]
fn same_document_in_tcvn3_vni_nfd_and_nfc_gives_the_same_model() {
    let src = source();
    let nfc = model(&src);
    assert!(nfc["number"]["symbol"] == "UBND-KT", "{nfc}");

    let nfd: String = src.nfd().collect();
    assert_ne!(nfd, src);
    assert_eq!(model(&nfd), nfc, "NFD");

    let vni = to_vni(&src);
    let vni_doc = parse(&vni);
    assert_eq!(vni_doc.diagnostics[0].code, "legacy_encoding_converted");
    assert!(vni_doc.diagnostics[0].message.contains("VNI"));
    assert_eq!(without_legacy_note(model(&vni)), nfc, "VNI");

    let tcvn3 = to_tcvn3(&src);
    let tcvn3_doc = parse(&tcvn3);
    assert!(tcvn3_doc.diagnostics[0].message.contains("TCVN3 (ABC)"));
    let got = without_legacy_note(model(&tcvn3));
    // Capitals with tone marks cannot be written in TCVN3; the parser puts
    // header-like lines (issuer, heading, marks, signature titles) back in
    // capitals, so these fields come out exactly as from the Unicode text.
    for key in [
        "number",
        "place",
        "date",
        "subject",
        "doc_type",
        "issuer",
        "national_heading",
        "marks",
        "signatures",
    ] {
        assert_eq!(got[key], nfc[key], "TCVN3 {key}");
    }
    // Inside sentences a lost capital stays lost (`ủy ban nhân dân các phường`):
    // the rest of the model is equal case aside.
    for key in ["body", "recipients", "distribution"] {
        let (mut a, mut b) = (got[key].clone(), nfc[key].clone());
        lowercase(&mut a);
        lowercase(&mut b);
        assert_eq!(a, b, "TCVN3 {key}, case aside");
    }
    // … and nothing else differs from the text with its capitals lowered.
    let lowered = model(&tcvn3_case(&src));
    assert_eq!(got["citations"], lowered["citations"], "TCVN3 citations");
}

#[test]
fn spans_of_converted_documents_slice_the_legacy_input() {
    let src = source();
    for (legacy, number, date, signer) in [
        (
            to_vni(&src),
            "Soá: 1234/UBND-KT",
            "ngaøy 08 thaùng 10 naêm 2024",
            "Traàn Quoác Vinh",
        ),
        (
            to_tcvn3(&src),
            "Sè: 1234/UBND-KT",
            "ngµy 08 th¸ng 10 n¨m 2024",
            "TrÇn Quèc Vinh",
        ),
    ] {
        let doc = parse(&legacy);
        let n = doc.number.as_ref().expect("number");
        assert_eq!(n.raw, "Số: 1234/UBND-KT");
        assert_eq!(n.span.slice(&legacy), Some(number));
        let d = doc.date.as_ref().expect("date");
        assert_eq!(d.span.slice(&legacy), Some(date));
        let s = &doc.signatures[0];
        assert_eq!(s.name.as_deref(), Some("Trần Quốc Vinh"));
        let name_at = legacy.find(signer).expect("signer in the input");
        assert!(s.span.start <= name_at && name_at + signer.len() <= s.span.end);
        // Every span is on char boundaries of the legacy input.
        let json = serde_json::to_value(&doc).expect("json");
        check_spans(&json, &legacy);
    }
}

fn check_spans(v: &Value, input: &str) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Array(s)) = m.get("span") {
                let (a, b) = (s[0].as_u64().unwrap(), s[1].as_u64().unwrap());
                let (a, b) = (a as usize, b as usize);
                assert!(a <= b && b <= input.len(), "{a}..{b}");
                assert!(
                    input.get(a..b).is_some(),
                    "{a}..{b} is not on char boundaries"
                );
            }
            m.values().for_each(|x| check_spans(x, input));
        }
        Value::Array(a) => a.iter().for_each(|x| check_spans(x, input)),
        _ => {}
    }
}

#[test]
fn single_byte_tcvn3_file_decodes_and_parses_to_the_same_model() {
    let src = source();
    let tcvn3 = to_tcvn3(&src);
    let bytes: Vec<u8> = tcvn3
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("TCVN3 text is Latin-1"))
        .collect();
    assert!(std::str::from_utf8(&bytes).is_err());
    let decoded = decode(&bytes, &Options::default()).expect("decoded");
    assert_eq!(decoded.text, tcvn3);
    assert_eq!(decoded.diagnostics[0].code, "legacy_bytes_decoded");
    assert_eq!(model(&decoded.text), model(&tcvn3));

    let vni = to_vni(&src);
    let bytes: Vec<u8> = vni
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("VNI text is Latin-1"))
        .collect();
    let decoded = decode(&bytes, &Options::default()).expect("decoded");
    assert_eq!(decoded.text, vni);
    assert_eq!(without_legacy_note(model(&decoded.text)), model(&src));
}
