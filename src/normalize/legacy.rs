//! Legacy 8-bit Vietnamese encodings: TCVN3 (ABC) and VNI-Windows.
//!
//! Before Unicode, Vietnamese was typed with fonts that drew Vietnamese
//! letters in the places of Latin-1 characters. Text copied out of such a
//! document (or a file saved as single bytes and read as Windows-1252) is
//! mojibake:
//!
//! - **TCVN3 (ABC, TCVN 5712 VN3)**, fonts `.VnTime`, `.VnArial`, …: one
//!   character per letter with its tone: `Céng hoµ x· héi chñ nghÜa ViÖt Nam`,
//!   `Uû ban nh©n d©n`, `§éc lËp - Tù do - H¹nh phóc`. `ư` is U+00AD, the soft
//!   hyphen.
//! - **VNI-Windows**, fonts `VNI-Times`, …: an ASCII base letter followed by
//!   one or two "mark" characters: `Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam`,
//!   `UÛy ban nhaân daân`, `Ñoäc laäp - Töï do - Haïnh phuùc`.
//!
//! [`detect`] tells whether a text looks like one of them (`design/domain.md`
//! §7.3), [`convert`] turns it into Unicode (NFC). [`normalize`](super::normalize)
//! does both when it reads a document and keeps every offset pointing into
//! the caller's input: a TCVN3 character maps to the one input character it
//! came from, a VNI letter to its two (or three) input characters.
//!
//! # Limitations
//!
//! - **Case of all-caps lines in TCVN3.** TCVN3 has no codes for upper-case
//!   letters with a tone (`Ố`, `Ủ`, …). All-caps headers were typed with the
//!   upper-case font (`.VnTimeH`) using the *lower-case* codes, so they come
//!   out lower-case (`uû ban nh©n d©n` → `uỷ ban nhân dân`) and letters
//!   without a code of their own come out mixed (`TØNH` → `TỉNH`). The font
//!   name is not in plain text, and the case is not guessed.
//! - A pipeline that deleted the soft hyphen (TCVN3 `ư`) lost the letter:
//!   `n`+U+00AD+`íc` (`nước`) became `níc`, and `nớc` is what comes out.
//! - Detection is for the whole text. A text that mixes Unicode Vietnamese
//!   with legacy text in quantity is taken as Unicode and left alone; one
//!   with a few Unicode words in a legacy text is converted whole, and the
//!   Latin-1 letters of those words (`é`, `ô`, …) are converted as well.
//! - VIQR, VISCII, VPS and Windows-1258 are not handled (Windows-1258 bytes
//!   are not decoded either; see [`decode`](crate::decode)).

use unicode_normalization::char::compose;
use unicode_normalization::UnicodeNormalization;

/// A legacy Vietnamese encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Legacy {
    /// TCVN3 (ABC, TCVN 5712 VN3): one character per letter and tone.
    Tcvn3,
    /// VNI-Windows: a base letter followed by mark characters.
    Vni,
}

impl Legacy {
    /// The name people know the encoding by.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI-Windows",
        }
    }
}

impl std::fmt::Display for Legacy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Converts `text` from `legacy` (as read char by char from Latin-1/
/// Windows-1252) to Unicode. Characters that are not part of the
/// encoding's letters are kept as they are.
///
/// ```
/// use congvan::normalize::legacy::{convert, Legacy};
///
/// assert_eq!(convert("Uû ban nh©n d©n", Legacy::Tcvn3), "Uỷ ban nhân dân");
/// assert_eq!(convert("UÛy ban nhaân daân", Legacy::Vni), "Ủy ban nhân dân");
/// ```
pub fn convert(text: &str, legacy: Legacy) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        match unit(legacy, &text[i..]) {
            Some((to, len)) => {
                out.push(to);
                i += len;
            }
            None => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
}

/// The letter encoded at the start of `rest`, if any, and how many bytes of
/// `rest` it takes (greedy: a VNI base letter with both its marks before one
/// with a single mark).
pub(crate) fn unit(legacy: Legacy, rest: &str) -> Option<(char, usize)> {
    let c = rest.chars().next()?;
    match legacy {
        Legacy::Tcvn3 => tcvn3(c).map(|to| (to, c.len_utf8())),
        Legacy::Vni => vni(rest),
    }
}

/// The TCVN3 (ABC) letter drawn at the place of Latin-1 `c`.
fn tcvn3(c: char) -> Option<char> {
    if (c as u32) < 0xA1 || (c as u32) > 0xFE {
        return None;
    }
    Some(match c {
        // Upper-case letters without tone, then their lower case.
        '\u{A1}' => 'Ă',
        '\u{A2}' => 'Â',
        '\u{A3}' => 'Ê',
        '\u{A4}' => 'Ô',
        '\u{A5}' => 'Ơ',
        '\u{A6}' => 'Ư',
        '\u{A7}' => 'Đ',
        '\u{A8}' => 'ă',
        '\u{A9}' => 'â',
        '\u{AA}' => 'ê',
        '\u{AB}' => 'ô',
        '\u{AC}' => 'ơ',
        '\u{AD}' => 'ư',
        '\u{AE}' => 'đ',
        // a: huyền, hỏi, ngã, sắc, nặng.
        '\u{B5}' => 'à',
        '\u{B6}' => 'ả',
        '\u{B7}' => 'ã',
        '\u{B8}' => 'á',
        '\u{B9}' => 'ạ',
        // ă
        '\u{BB}' => 'ằ',
        '\u{BC}' => 'ẳ',
        '\u{BD}' => 'ẵ',
        '\u{BE}' => 'ắ',
        '\u{C6}' => 'ặ',
        // â
        '\u{C7}' => 'ầ',
        '\u{C8}' => 'ẩ',
        '\u{C9}' => 'ẫ',
        '\u{CA}' => 'ấ',
        '\u{CB}' => 'ậ',
        // e
        '\u{CC}' => 'è',
        '\u{CE}' => 'ẻ',
        '\u{CF}' => 'ẽ',
        '\u{D0}' => 'é',
        '\u{D1}' => 'ẹ',
        // ê
        '\u{D2}' => 'ề',
        '\u{D3}' => 'ể',
        '\u{D4}' => 'ễ',
        '\u{D5}' => 'ế',
        '\u{D6}' => 'ệ',
        // i
        '\u{D7}' => 'ì',
        '\u{D8}' => 'ỉ',
        '\u{DC}' => 'ĩ',
        '\u{DD}' => 'í',
        '\u{DE}' => 'ị',
        // o
        '\u{DF}' => 'ò',
        '\u{E1}' => 'ỏ',
        '\u{E2}' => 'õ',
        '\u{E3}' => 'ó',
        '\u{E4}' => 'ọ',
        // ô
        '\u{E5}' => 'ồ',
        '\u{E6}' => 'ổ',
        '\u{E7}' => 'ỗ',
        '\u{E8}' => 'ố',
        '\u{E9}' => 'ộ',
        // ơ
        '\u{EA}' => 'ờ',
        '\u{EB}' => 'ở',
        '\u{EC}' => 'ỡ',
        '\u{ED}' => 'ớ',
        '\u{EE}' => 'ợ',
        // u
        '\u{EF}' => 'ù',
        '\u{F1}' => 'ủ',
        '\u{F2}' => 'ũ',
        '\u{F3}' => 'ú',
        '\u{F4}' => 'ụ',
        // ư
        '\u{F5}' => 'ừ',
        '\u{F6}' => 'ử',
        '\u{F7}' => 'ữ',
        '\u{F8}' => 'ứ',
        '\u{F9}' => 'ự',
        // y
        '\u{FA}' => 'ỳ',
        '\u{FB}' => 'ỷ',
        '\u{FC}' => 'ỹ',
        '\u{FD}' => 'ý',
        '\u{FE}' => 'ỵ',
        _ => return None,
    })
}

const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const CIRCUMFLEX: char = '\u{302}';
const TILDE: char = '\u{303}';
const BREVE: char = '\u{306}';
const HOOK: char = '\u{309}';
const HORN: char = '\u{31B}';
const DOT: char = '\u{323}';

/// What a VNI mark character adds to the letter before it.
#[derive(Clone, Copy)]
enum Mark {
    /// A tone alone (any vowel).
    Tone(char),
    /// Circumflex (a, e, o), with an optional tone.
    Circumflex(Option<char>),
    /// Breve (a only), with an optional tone.
    Breve(Option<char>),
}

/// The VNI mark that Latin-1 `c` stands for (either case: upper-case letters
/// are typed with the upper-case marks).
fn vni_mark(c: char) -> Option<Mark> {
    let lower = if ('\u{C0}'..='\u{DE}').contains(&c) && c != '\u{D7}' {
        char::from_u32(c as u32 + 0x20)?
    } else {
        c
    };
    Some(match lower {
        'ø' => Mark::Tone(GRAVE),
        'ù' => Mark::Tone(ACUTE),
        'û' => Mark::Tone(HOOK),
        'õ' => Mark::Tone(TILDE),
        'ï' => Mark::Tone(DOT),
        'â' => Mark::Circumflex(None),
        'à' => Mark::Circumflex(Some(GRAVE)),
        'á' => Mark::Circumflex(Some(ACUTE)),
        'å' => Mark::Circumflex(Some(HOOK)),
        'ã' => Mark::Circumflex(Some(TILDE)),
        'ä' => Mark::Circumflex(Some(DOT)),
        'ê' => Mark::Breve(None),
        'è' => Mark::Breve(Some(GRAVE)),
        'é' => Mark::Breve(Some(ACUTE)),
        'ú' => Mark::Breve(Some(HOOK)),
        'ü' => Mark::Breve(Some(TILDE)),
        'ë' => Mark::Breve(Some(DOT)),
        _ => return None,
    })
}

/// The VNI letter at the start of `rest` and its length in bytes.
fn vni(rest: &str) -> Option<(char, usize)> {
    let mut chars = rest.chars();
    let c = chars.next()?;
    let single = match c {
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        // ơ and ư are letters of their own, which take a tone mark.
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        // `ì`, `í`, `Ì`, `Í` are themselves.
        _ => '\0',
    };
    let m = chars.next();
    if single != '\0' {
        if matches!(single, 'ơ' | 'Ơ' | 'ư' | 'Ư') {
            if let (Some(m), Some(Mark::Tone(t))) = (m, m.and_then(vni_mark)) {
                return Some((compose(single, t)?, c.len_utf8() + m.len_utf8()));
            }
        }
        return Some((single, c.len_utf8()));
    }
    let base = c.to_ascii_lowercase();
    if !matches!(base, 'a' | 'e' | 'o' | 'u' | 'y') {
        return None;
    }
    let m = m?;
    let (modifier, tone) = match vni_mark(m)? {
        Mark::Tone(t) => (None, Some(t)),
        Mark::Circumflex(t) if matches!(base, 'a' | 'e' | 'o') => (Some(CIRCUMFLEX), t),
        Mark::Breve(t) if base == 'a' => (Some(BREVE), t),
        _ => return None,
    };
    // Compose in canonical order: the dot below (class 220) goes on before
    // the circumflex or breve (230): `ộ` is `ọ` + U+0302.
    let marks = match (modifier, tone) {
        (Some(md), Some(DOT)) => [Some(DOT), Some(md)],
        (md, t) => [md, t],
    };
    let mut letter = c;
    for mark in marks.into_iter().flatten() {
        letter = compose(letter, mark)?;
    }
    Some((letter, c.len_utf8() + m.len_utf8()))
}

/// Whether `c` is one of the TCVN3 codes that are not Latin-1 letters
/// (`¨©ª«¬®µ¶·¸¹»¼½¾`, the soft hyphen, the upper-case `¡`…`§`).
fn tcvn3_symbol(c: char) -> bool {
    matches!(c, '\u{A1}'..='\u{AE}' | '\u{B5}'..='\u{B9}' | '\u{BB}'..='\u{BE}')
}

/// Whether `c` is a letter only Unicode Vietnamese has: U+1EA0–U+1EF9,
/// `ă đ ơ ư` (either case) or one of its combining marks.
fn unicode_vietnamese(c: char) -> bool {
    matches!(
        c,
        '\u{1EA0}'
            ..='\u{1EF9}'
                | 'ă'
                | 'Ă'
                | 'đ'
                | 'Đ'
                | 'ơ'
                | 'Ơ'
                | 'ư'
                | 'Ư'
                | GRAVE
                | ACUTE
                | TILDE
                | HOOK
                | DOT
                | CIRCUMFLEX
                | BREVE
                | HORN
    )
}

/// Words that give TCVN3 away (domain.md §7.3).
const TCVN3_WORDS: [&str; 9] = [
    "nh©n", "d©n", "ViÖt", "®Þnh", "Céng", "Uû", "N¬i", "nhËn", "QuyÕt",
];

/// Words that give VNI away.
const VNI_WORDS: [&str; 6] = ["Vieät", "nhaân", "daân", "Quyeát", "ñònh", "Coäng"];

/// What [`detect`] counts.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Scores {
    /// Words with at least one ASCII letter.
    words: usize,
    /// Words with a TCVN3 symbol code next to a letter, or from the word list.
    tcvn3: usize,
    /// Non-ASCII characters TCVN3 converts / leaves (not part of it).
    tcvn3_converted: usize,
    tcvn3_foreign: usize,
    /// Words with a VNI base letter + mark, or from the word list.
    vni: usize,
    /// Non-ASCII characters VNI converts / leaves.
    vni_converted: usize,
    vni_foreign: usize,
    /// Words the encoding changes, and those of them that come out as one
    /// well-formed Vietnamese syllable.
    tcvn3_words: usize,
    tcvn3_syllables: usize,
    vni_words: usize,
    vni_syllables: usize,
}

/// Whether `text` is TCVN3 or VNI mojibake (`design/domain.md` §7.3).
///
/// Never fires on Unicode Vietnamese (the letters U+1EA0–U+1EF9 and `ă đ ơ ư`
/// in quantity mean Unicode), on English, or on French, German or Portuguese
/// with their accents: it needs several words that only the encoding
/// explains (a TCVN3 symbol such as `©` or `µ` inside a word, a VNI vowel
/// followed by its mark), a share of such words among all words (10 % for
/// TCVN3, 15 % for VNI), few Latin-1 characters that the encoding would
/// leave unexplained, and 80 % of the words it changes reading as one
/// well-formed Vietnamese syllable (initial, vowel nucleus, final, one tone),
/// which keeps out Czech or Polish bytes read as Latin-1 (`¹ ¾ ±` are TCVN3
/// codes and Latin-2 letters).
///
/// ```
/// use congvan::normalize::legacy::{detect, Legacy};
///
/// let tcvn3 = "Uû ban nh©n d©n\nCéng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc";
/// assert_eq!(detect(tcvn3), Some(Legacy::Tcvn3));
/// assert_eq!(detect("Ủy ban nhân dân tỉnh, São Paulo, café"), None);
/// ```
pub fn detect(text: &str) -> Option<Legacy> {
    // Fast path: no Latin-1 characters at all.
    memchr::memchr2(0xC2, 0xC3, text.as_bytes())?;
    // Unicode Vietnamese shows itself within a few lines: stop there.
    let unicode = text
        .chars()
        .filter(|&c| unicode_vietnamese(c))
        .take(30)
        .count();
    if unicode >= 30 {
        return None;
    }
    let s = scores(text);
    if s.words == 0 || unicode * 20 >= s.words {
        return None;
    }
    // The share of words that only the encoding explains, in percent, when
    // the encoding explains (nearly) every Latin-1 character of the text and
    // the words it changes (nearly) all read as Vietnamese syllables.
    let share = |hits: usize, converted: usize, foreign: usize, words: usize, syllables: usize| {
        (hits >= 4 && converted >= 8 * foreign && syllables * 10 >= words * 8)
            .then_some(hits * 100 / s.words)
    };
    let tcvn3 = share(
        s.tcvn3,
        s.tcvn3_converted,
        s.tcvn3_foreign,
        s.tcvn3_words,
        s.tcvn3_syllables,
    )
    .filter(|&p| p >= 10);
    let vni = share(
        s.vni,
        s.vni_converted,
        s.vni_foreign,
        s.vni_words,
        s.vni_syllables,
    )
    .filter(|&p| p >= 15);
    match (tcvn3, vni) {
        (Some(t), Some(v)) if v > t => Some(Legacy::Vni),
        (Some(_), _) => Some(Legacy::Tcvn3),
        (None, Some(_)) => Some(Legacy::Vni),
        (None, None) => None,
    }
}

/// Initial consonants, longest first within each letter.
const INITIALS: [&str; 29] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", "",
];

/// Final consonants.
const FINALS: [&str; 9] = ["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];

/// Vowel nuclei, without tone.
const NUCLEI: [&str; 56] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "yê", "iêu", "oai", "oay", "oeo", "uây", "uôi",
    "uya", "uyê", "uyu", "ươi", "ươu", "yêu", "uêu", "oao",
];

/// Whether `word` (Unicode) is one Vietnamese syllable: initial, vowel
/// nucleus, final, and at most one tone.
fn syllable(word: &str) -> bool {
    let lower = word.to_lowercase();
    let is_tone = |c: &char| matches!(*c, GRAVE | ACUTE | TILDE | HOOK | DOT);
    if lower.nfd().filter(is_tone).count() > 1 {
        return false;
    }
    let bare: String = lower.nfd().filter(|c| !is_tone(c)).nfc().collect();
    INITIALS.iter().filter(|i| bare.starts_with(*i)).any(|i| {
        let rest = &bare[i.len()..];
        FINALS.iter().any(|f| {
            rest.len() > f.len()
                && rest.ends_with(f)
                && NUCLEI.contains(&&rest[..rest.len() - f.len()])
        })
    })
}

fn scores(text: &str) -> Scores {
    let mut s = Scores::default();
    let separator = |c: char| c.is_whitespace() || (c.is_ascii() && !c.is_ascii_alphanumeric());
    for word in text.split(separator) {
        if word.is_empty() {
            continue;
        }
        let chars: Vec<char> = word.chars().collect();
        if !chars.iter().any(char::is_ascii_alphabetic) {
            continue;
        }
        s.words += 1;
        if chars.iter().all(char::is_ascii) {
            continue;
        }
        // TCVN3.
        let letter = |i: usize| {
            chars
                .get(i)
                .is_some_and(|c| c.is_ascii_alphabetic() || tcvn3(*c).is_some())
        };
        let lower_next = |i: usize| {
            chars
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_lowercase() || tcvn3(*c).is_some())
        };
        let tcvn3_hit = TCVN3_WORDS.contains(&word)
            || chars.iter().enumerate().any(|(i, &c)| {
                let before = i > 0 && letter(i - 1);
                let after = letter(i + 1);
                tcvn3_symbol(c)
                    && match c {
                        // ă… and currency-like signs: read in words only.
                        '\u{A1}' => false,
                        // đ, â, ô begin or sit inside a syllable, never end it.
                        '®' | '©' | '«' => lower_next(i),
                        // ằ sits inside a syllable (`b»ng`).
                        '»' => before && after,
                        // The soft hyphen (ư) hyphenates web text too:
                        // before a TCVN3 vowel or at the end of a word only.
                        '\u{AD}' => {
                            before
                                && chars
                                    .get(i + 1)
                                    .is_none_or(|n| !n.is_ascii() && tcvn3(*n).is_some())
                        }
                        // à ends a syllable; µ is also the micro sign (`5 µm`).
                        'µ' => before,
                        _ => before || after,
                    }
            });
        if chars.iter().any(|&c| tcvn3(c).is_some()) {
            s.tcvn3_words += 1;
            if syllable(&convert(word, Legacy::Tcvn3)) {
                s.tcvn3_syllables += 1;
                if tcvn3_hit {
                    s.tcvn3 += 1;
                }
            }
        }
        for &c in &chars {
            if !c.is_ascii() {
                if tcvn3(c).is_some() {
                    s.tcvn3_converted += 1;
                } else if c.is_alphabetic() {
                    s.tcvn3_foreign += 1;
                }
            }
        }
        // VNI.
        let mut vni_hit = VNI_WORDS.contains(&word);
        let mut vni_converted = 0;
        let mut i = 0;
        while i < word.len() {
            let rest = &word[i..];
            let c = rest.chars().next().unwrap_or(' ');
            match vni(rest) {
                Some((_, len)) => {
                    // A single character (`ñ`, `ó`) only counts at the start
                    // of a syllable-like position; a base + mark always does.
                    if len > c.len_utf8() || (c == 'ñ' || c == 'Ñ') && i == 0 {
                        vni_hit = true;
                    }
                    vni_converted += 1;
                    i += len;
                }
                None => {
                    if !c.is_ascii() && c.is_alphabetic() && !matches!(c, 'ì' | 'í' | 'Ì' | 'Í')
                    {
                        s.vni_foreign += 1;
                    }
                    i += c.len_utf8();
                }
            }
        }
        if vni_converted > 0 {
            s.vni_words += 1;
            if syllable(&convert(word, Legacy::Vni)) {
                s.vni_syllables += 1;
                s.vni_converted += vni_converted;
                if vni_hit {
                    s.vni += 1;
                }
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tcvn3_to_unicode(s: &str) -> String {
        convert(s, Legacy::Tcvn3)
    }

    fn vni_to_unicode(s: &str) -> String {
        convert(s, Legacy::Vni)
    }

    #[test]
    fn tcvn3_examples_convert_exactly() {
        for (from, to) in [
            (
                "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
                "Cộng hoà xã hội chủ nghĩa Việt Nam",
            ),
            ("Uû ban nh©n d©n", "Uỷ ban nhân dân"),
            ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
            ("QuyÕt ®Þnh", "Quyết định"),
            ("N¬i nhËn", "Nơi nhận"),
            ("n\u{AD}íc", "nước"),
            (
                "Tr\u{AD}êng häc ¨n uèng, ng\u{AD}êi d©n ®\u{AD}îc h\u{AD}ëng quyÒn lîi; kÕ ho¹ch n¨m",
                "Trường học ăn uống, người dân được hưởng quyền lợi; kế hoạch năm",
            ),
            (
                "Sè: 1234/UBND-KT, ngµy 08 th¸ng 10 n¨m 2024; KÝnh göi: Së N«ng nghiÖp",
                "Số: 1234/UBND-KT, ngày 08 tháng 10 năm 2024; Kính gửi: Sở Nông nghiệp",
            ),
            (
                "Kh«ng cã g× quý h¬n ®éc lËp, tù do; tiÕng chim hãt, giã thæi qua rÆng tre, ¾t h¼n ngùa phi nhanh, lÏ ra b¹n m\u{AD}în quü kÜ thuËt, nh\u{AD} thÕ mü, ®Ñp, tuyÖt, giÆc",
                "Không có gì quý hơn độc lập, tự do; tiếng chim hót, gió thổi qua rặng tre, ắt hẳn ngựa phi nhanh, lẽ ra bạn mượn quỹ kĩ thuật, như thế mỹ, đẹp, tuyệt, giặc",
            ),
            ("¡ ¢ £ ¤ ¥ ¦ §", "Ă Â Ê Ô Ơ Ư Đ"),
        ] {
            assert_eq!(tcvn3_to_unicode(from), to, "{from}");
        }
    }

    #[test]
    fn vni_examples_convert_exactly() {
        for (from, to) in [
            (
                "Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam",
                "Cộng hoà xã hội chủ nghĩa Việt Nam",
            ),
            ("UÛy ban nhaân daân", "Ủy ban nhân dân"),
            ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
            ("Quyeát ñònh", "Quyết định"),
            ("Nôi nhaän", "Nơi nhận"),
            (
                "Tröôøng hoïc aên uoáng, ngöôøi daân ñöôïc höôûng quyeàn lôïi; keá hoaïch naêm",
                "Trường học ăn uống, người dân được hưởng quyền lợi; kế hoạch năm",
            ),
            (
                "Khoâng coù gì quyù hôn ñoäc laäp, töï do; tieáng chim hoùt, gioù thoåi qua raëng tre, aét haún ngöïa phi nhanh, leõ ra baïn möôïn quyõ kó thuaät, nhö theá myõ, ñeïp, tuyeät, giaëc, kyø, kyû, ñoàng, aày, aèn, tæ, tìm, tín, ôû, öø, yù, î",
                "Không có gì quý hơn độc lập, tự do; tiếng chim hót, gió thổi qua rặng tre, ắt hẳn ngựa phi nhanh, lẽ ra bạn mượn quỹ kĩ thuật, như thế mỹ, đẹp, tuyệt, giặc, kỳ, kỷ, đồng, ầy, ằn, tỉ, tìm, tín, ở, ừ, ý, ỵ",
            ),
            (
                "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM, ÑAÏI HOÄI, TRÖÔØNG, ÖÙNG, ÔÛ, ÑAÊNG KYÙ, TÆNH, ÑIEÀU, THÒ, ÑAÕ, AÉT, HAÚN, THAÃM, ÑAËC, GIAØ, LÍ, KÌ, YÕ, Î",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, ĐẠI HỘI, TRƯỜNG, ỨNG, Ở, ĐĂNG KÝ, TỈNH, ĐIỀU, THỊ, ĐÃ, ẮT, HẲN, THẪM, ĐẶC, GIÀ, LÍ, KÌ, Ỹ, Ỵ",
            ),
        ] {
            assert_eq!(vni_to_unicode(from), to, "{from}");
        }
    }

    #[test]
    fn detects_legacy_headers() {
        let tcvn3 = "Uû ban nh©n d©n tØnh\nCéng hoµ x· héi chñ nghÜa ViÖt Nam\n\
                     §éc lËp - Tù do - H¹nh phóc\nQuyÕt ®Þnh vÒ viÖc giao nhiÖm vô\nN¬i nhËn:";
        assert_eq!(detect(tcvn3), Some(Legacy::Tcvn3));
        let vni = "UÛy ban nhaân daân tænh\nCoäng hoaø xaõ hoäi chuû nghóa Vieät Nam\n\
                   Ñoäc laäp - Töï do - Haïnh phuùc\nQuyeát ñònh veà vieäc giao nhieäm vuï\nNôi nhaän:";
        assert_eq!(detect(vni), Some(Legacy::Vni));
    }

    #[test]
    fn does_not_fire_on_unicode_english_or_western_text() {
        for text in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nỦy ban nhân dân tỉnh Khánh Hòa. Hoàng Văn Toàn, khoá học, hoá đơn, quê hương.",
            "Cộng hoà xã hội chủ nghĩa Việt Nam, Uỷ ban nhân dân, Quyết định, Nơi nhận",
            "The committee met on Monday to discuss the annual report and the budget for 2024.",
            "Le café où nous étions, à côté de la gare, était fermé. Noël à Paris, coût élevé, naïve «Bonjour» maïs, où êtes-vous, déjà, très, voilà, garçon, hôtel, août.",
            "São Paulo, São João, coração, não, põe, informação, ação, Conceição, avó, você, três, Brasília.",
            "Köln, München, Düsseldorf, Straße, Bräu, schön, Grüße, Ärger, Öl, Übung, für, über, hören.",
            "Coca-Cola® © 2024, 5 µm, 20 °C, § 5 Abs. 2, £5, ¥300, ¡Hola! ¿Qué tal? España, año, señor, mañana.",
            "develop\u{AD}ment of infra\u{AD}structure and com\u{AD}munication in the re\u{AD}gion of interest",
            "C\u{1ED9}ng ho\u{300}a xa\u{303} h\u{1ED9}i chu\u{309} nghi\u{303}a Vi\u{1EC7}t Nam",
            "Cô\u{323}ng hoa\u{300} xa\u{303} hô\u{323}i chu\u{309} nghi\u{303}a Viê\u{323}t Nam, Quyê\u{301}t đi\u{323}nh",
            "",
            "plain ascii only",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
    }

    #[test]
    fn does_not_fire_on_central_european_text_read_as_latin1() {
        // Czech, Slovak, Polish, Hungarian in ISO-8859-2 and Windows-1250,
        // read byte by byte as Windows-1252: `š ž ą` land on TCVN3's codes.
        for text in [
            "P\u{f8}\u{ed}li\u{b9} \u{be}lu\u{bb}ou\u{e8}k\u{fd} k\u{f9}\u{f2} \u{fa}p\u{ec}l \u{ef}\u{e1}belsk\u{e9} \u{f3}dy. V\u{ed}tejte v \u{fa}vodu do editoru Vim. Ka\u{be}d\u{e1} lekce je kr\u{e1}tk\u{e1}, p\u{f8}e\u{e8}t\u{ec}te si ji celou, ne\u{be} za\u{e8}nete.",
            "P\u{f8}\u{ed}li\u{161} \u{17e}lu\u{fffd}ou\u{e8}k\u{fd} k\u{f9}\u{f2} \u{fa}p\u{ec}l \u{ef}\u{e1}belsk\u{e9} \u{f3}dy. V\u{ed}tejte v \u{fa}vodu do editoru Vim. Ka\u{17e}d\u{e1} lekce je kr\u{e1}tk\u{e1}, p\u{f8}e\u{e8}t\u{ec}te si ji celou, ne\u{17e} za\u{e8}nete.",
            "Vitajte v u\u{e8}ebnici editora Vim. T\u{e1}to lekcia trv\u{e1} pribli\u{be}ne 25 a\u{be} 30 min\u{fa}t, v z\u{e1}vislosti od toho, ko\u{b5}ko \u{e8}asu str\u{e1}vite sk\u{fa}\u{b9}an\u{ed}m.",
            "Vitajte v u\u{e8}ebnici editora Vim. T\u{e1}to lekcia trv\u{e1} pribli\u{17e}ne 25 a\u{17e} 30 min\u{fa}t, v z\u{e1}vislosti od toho, ko\u{be}ko \u{e8}asu str\u{e1}vite sk\u{fa}\u{161}an\u{ed}m.",
            "Za\u{bf}\u{f3}\u{b3}\u{e6} g\u{ea}\u{b6}l\u{b1} ja\u{bc}\u{f1}. Witaj w samouczku edytora Vim. Ta lekcja zajmie ci oko\u{b3}o 25-30 minut, zale\u{bf}nie od tego, ile czasu sp\u{ea}dzisz.",
            "Za\u{bf}\u{f3}\u{b3}\u{e6} g\u{ea}\u{153}l\u{b9} ja\u{178}\u{f1}. Witaj w samouczku edytora Vim. Ta lekcja zajmie ci oko\u{b3}o 25-30 minut, zale\u{bf}nie od tego, ile czasu sp\u{ea}dzisz.",
            "\u{c1}rv\u{ed}zt\u{fb}r\u{f5} t\u{fc}k\u{f6}rf\u{fa}r\u{f3}g\u{e9}p. \u{dc}dv\u{f6}z\u{f6}lj\u{fc}k a Vim oktat\u{f3}ban. Ez a lecke k\u{f6}r\u{fc}lbel\u{fc}l 25-30 percig tart, att\u{f3}l f\u{fc}gg\u{f5}en, mennyit k\u{ed}s\u{e9}rletezik.",
            "\u{c1}rv\u{ed}zt\u{fb}r\u{f5} t\u{fc}k\u{f6}rf\u{fa}r\u{f3}g\u{e9}p. \u{dc}dv\u{f6}z\u{f6}lj\u{fc}k a Vim oktat\u{f3}ban. Ez a lecke k\u{f6}r\u{fc}lbel\u{fc}l 25-30 percig tart, att\u{f3}l f\u{fc}gg\u{f5}en, mennyit k\u{ed}s\u{e9}rletezik.",
        ] {
            let long = [text; 8].join("\n");
            assert_eq!(detect(&long), None, "{text}: {:?}", scores(&long));
        }
    }

    #[test]
    fn syllables() {
        for w in [
            "nghiêng", "người", "khuỷu", "quyết", "giữa", "gì", "đoàn", "oanh", "ý", "hoà",
        ] {
            assert!(syllable(w), "{w}");
        }
        for w in ["pứớliạ", "ắe", "ốas", "bonjour", "strč"] {
            assert!(!syllable(w), "{w}");
        }
    }

    #[test]
    fn does_not_fire_on_the_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join("shared");
        let mut seen = 0;
        let (mut tcvn3, mut vni) = ((0, 0, String::new()), (0, 0, String::new()));
        for dir in ["corpus", "corpus-ocr"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                eprintln!("skipping ../shared/{dir}: not found");
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_none_or(|e| e != "txt") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                seen += 1;
                assert_eq!(
                    detect(&text),
                    None,
                    "{}: {:?}",
                    path.display(),
                    scores(&text)
                );
                let s = scores(&text);
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                let w = s.words.max(1);
                for (best, hits) in [(&mut tcvn3, s.tcvn3), (&mut vni, s.vni)] {
                    if hits * 1000 / w > best.0 {
                        *best = (hits * 1000 / w, hits, name.to_string());
                    }
                }
            }
        }
        eprintln!(
            "legacy detection: {seen} corpus files, none detected; highest share of \
             TCVN3-looking words {}‰ ({} words, {}), of VNI-looking words {}‰ ({} words, {})",
            tcvn3.0, tcvn3.1, tcvn3.2, vni.0, vni.1, vni.2
        );
    }
}
