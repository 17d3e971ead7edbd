//! Scans: pages read by OCR, with their layout.
//!
//! `tesseract` (package `tesseract-ocr`, Vietnamese model
//! `tesseract-ocr-vie`) reads a page image and prints every word with its
//! box and confidence (TSV output); PDF pages are rendered to images by
//! poppler's `pdftoppm`, in colour, and turned grey here by keeping the red
//! channel alone: the red ink of a seal over a signature or of a stamp over
//! the text becomes near white, black print and blue or black handwriting
//! stay dark. Both run as external programs found on `PATH`; nothing is
//! linked.
//!
//! The words are laid out again as `pdftotext -layout` lays out a text
//! layer: words grouped into lines by their boxes (after a deskew measured
//! from the lines' baselines), lines that share a height joined into one
//! row, each word at the character column its position gives, wide gaps
//! kept wide. The PDF path's column splitter ([`super::layout`]) then reads
//! the header's two columns and the `Nơi nhận` / signer columns apart, the
//! same way for a scan as for a text layer.
//!
//! What a scan has that a text layer has not:
//! - an incoming-document stamp (`ĐẾN Số: … Ngày: …`, written by the office
//!   that received the paper) is taken out of the text and reported as a
//!   `received_stamp` diagnostic, so that its number and day are never read
//!   as the document's;
//! - marks a stamp, a seal or a hand leave beside the print (a run of
//!   low-confidence words at a row's end, parted from it by a wide gap) are
//!   dropped;
//! - words read with a low confidence are kept in
//!   [`Extracted::uncertain`](super::Extracted::uncertain), so that a digit
//!   in the number or the date that tesseract was unsure of gives a
//!   `low_confidence` diagnostic with its span.
//!
//! OCR costs seconds per page: its output (the TSV) is cached by the
//! file's SHA-256, the page, the resolution, the rendering and the
//! language, so a rerun or a new parser reads the cache instead.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

use regex::Regex;

use super::extracted::UncertainWord;
use super::process::Program;
use crate::error::{Error, Result};
use crate::model::{CitedDate, ReceivedStamp};
use crate::options::Options;

const TESSERACT: Program = Program {
    name: "tesseract",
    package: "tesseract-ocr tesseract-ocr-vie",
    format: "image",
};

const PDFIMAGES: Program = Program {
    name: "pdfimages",
    package: "poppler-utils",
    format: "pdf",
};

const PDFTOPPM: Program = Program {
    name: "pdftoppm",
    package: "poppler-utils",
    format: "pdf",
};

/// Tesseract's language.
const LANG: &str = "vie";
/// Tesseract's page segmentation: automatic (columns become blocks; the
/// rows are rebuilt here from the boxes).
const PSM: &str = "3";
/// How long one page may take in `tesseract`.
const PAGE_TIMEOUT: Duration = Duration::from_secs(300);
/// How long rendering one page may take in `pdftoppm`.
const RENDER_TIMEOUT: Duration = Duration::from_secs(120);
/// Largest image read, in pixels: an A4 page at 600 dpi is 35 million.
pub(crate) const MAX_PIXELS: u64 = 100_000_000;
/// Most pages of one file read by OCR.
pub(crate) const MAX_PAGES: usize = 100;
/// Words below this confidence (0–100) are uncertain.
const LOW_CONFIDENCE: f32 = 60.0;
/// Version of the cached output's meaning: bump when the command changes.
const CACHE_VERSION: &str = "1";

/// One page read by OCR.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct OcrPage {
    /// Lines as `pdftotext -layout` would print them.
    pub(crate) layout: String,
    /// Words read with a low confidence.
    pub(crate) uncertain: Vec<UncertainWord>,
    /// Incoming-document stamps found (and left out of `layout`).
    pub(crate) received: Vec<String>,
    /// Number of words read.
    pub(crate) words: usize,
}

/// A word from tesseract's TSV.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    line: (u32, u32, u32),
    left: f32,
    top: f32,
    width: f32,
    height: f32,
    conf: f32,
    text: String,
}

impl Word {
    fn right(&self) -> f32 {
        self.left + self.width
    }
}

/// Words of each page of a TSV, in tesseract's order (pages from 1).
fn parse_tsv(tsv: &str) -> Vec<(usize, Vec<Word>)> {
    let mut pages: Vec<(usize, Vec<Word>)> = Vec::new();
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.splitn(12, '\t').collect();
        if f.len() < 12 || f[0] != "5" {
            continue;
        }
        let text = f[11].trim();
        if text.is_empty() {
            continue;
        }
        // `inf`, `NaN` and the like are no position
        let num = |i: usize| {
            f[i].trim()
                .parse::<f32>()
                .ok()
                .filter(|x| x.is_finite())
                .unwrap_or(0.0)
        };
        let int = |i: usize| f[i].trim().parse::<u32>().unwrap_or(0);
        let page = f[1].trim().parse::<usize>().unwrap_or(1);
        let word = Word {
            line: (int(2), int(3), int(4)),
            left: num(6),
            top: num(7),
            width: num(8).max(1.0),
            height: num(9).max(1.0),
            conf: num(10),
            text: correct_word(text),
        };
        match pages.last_mut() {
            Some((p, words)) if *p == page => words.push(word),
            _ => pages.push((page, vec![word])),
        }
    }
    pages
}

/// Capitals that tesseract's Vietnamese model reads with the wrong mark in
/// the fixed words of headings and titles (`GIÁM ĐÓC`, `CỤC HÓA CHÁT`).
const CAPITALS: [(&str, &str); 18] = [
    ("TÍNH", "TỈNH"),
    ("ĐÓC", "ĐỐC"),
    ("CHÁT", "CHẤT"),
    ("ĐÒNG", "ĐỒNG"),
    ("TRUYEN", "TRUYỀN"),
    ("TRUYÈN", "TRUYỀN"),
    ("CÓNG", "CÔNG"),
    ("Só:", "Số:"),
    ("QUYÉT", "QUYẾT"),
    ("TỌI", "TỘI"),
    ("HỌI", "HỘI"),
    ("CỌNG", "CỘNG"),
    ("BÔ", "BỘ"),
    ("HÒ", "HỒ"),
    ("TRƯƠNG", "TRƯỞNG"),
    ("ĐIÊU", "ĐIỀU"),
    ("TĨNH", "TỈNH"),
    ("VẺ", "VỀ"),
];

/// Phrases of the genre that OCR misreads, fixed in the laid-out text.
const PHRASES: [(&str, &str); 8] = [
    ("THÀNH PHÓ", "THÀNH PHỐ"),
    ("Thành phó", "Thành phố"),
    ("Hô Chí Minh", "Hồ Chí Minh"),
    ("Noi nhận", "Nơi nhận"),
    ("Nơi nhân", "Nơi nhận"),
    ("Hạnh phú\n", "Hạnh phúc\n"),
    ("giám đóc", "giám đốc"),
    // a school (`TRƯỜNG`) is never a minister's title
    ("BỘ TRƯỜNG", "BỘ TRƯỞNG"),
];

/// Words of the genre read without their tone on a circumflex or a horn
/// (`đê nghị`, `tô chức`, `Thiêu tướng`), or with the wrong tone (`đề b/c`,
/// `ma tủy`): fixed where they stand as whole words, never inside others.
const WORDS: [(&str, &str); 47] = [
    ("đê nghị", "đề nghị"),
    // a recipient's note with its `c` read as `e`, or its slash lost
    ("(b/e)", "(b/c)"),
    ("(th)", "(t/h)"),
    ("(ph)", "(p/h)"),
    ("Đê nghị", "Đề nghị"),
    ("(đề b/c", "(để b/c"),
    ("(đê b/c", "(để b/c"),
    ("(đề p/h", "(để p/h"),
    ("(đê p/h", "(để p/h"),
    ("(đề t/h", "(để t/h"),
    ("(đê t/h", "(để t/h"),
    ("Tông Bí thư", "Tổng Bí thư"),
    ("Tông cục", "Tổng cục"),
    ("Tông Cục", "Tổng Cục"),
    ("tông hợp", "tổng hợp"),
    ("tô chức", "tổ chức"),
    ("Tô chức", "Tổ chức"),
    ("thành phô", "thành phố"),
    ("Thành phô", "Thành phố"),
    ("đôi với", "đối với"),
    ("Cô phân", "Cổ phần"),
    ("cô phân", "cổ phần"),
    ("đâu tư", "đầu tư"),
    ("phát triên", "phát triển"),
    ("ma tủy", "ma túy"),
    ("Thiêu tướng", "Thiếu tướng"),
    // `Đông chí` (the solstice) is never the genre's; `Đồng chí` is
    ("Đông chí", "Đồng chí"),
    ("đông chí", "đồng chí"),
    // `hồ sơ` with its horn lost
    ("Hồ so", "Hồ sơ"),
    ("hồ so", "hồ sơ"),
    ("Thiêu tá", "Thiếu tá"),
    ("Quyêt định", "Quyết định"),
    ("quyêt định", "quyết định"),
    ("kiêm tra", "kiểm tra"),
    ("Truyên thông", "Truyền thông"),
    ("tổng thê", "tổng thể"),
    ("ý kiên", "ý kiến"),
    ("Kê hoạch", "Kế hoạch"),
    ("kê hoạch", "kế hoạch"),
    ("hướng dân", "hướng dẫn"),
    ("bồ sung", "bổ sung"),
    // the fixed lines of a Nơi nhận
    ("Nhu trên", "Như trên"),
    ("(đê theo", "(để theo"),
    ("(đề theo", "(để theo"),
    ("theo dõn", "theo dõi"),
    ("(đê báo cáo", "(để báo cáo"),
    ("(đề báo cáo", "(để báo cáo"),
];

/// `t` with each of `WORDS` replaced where no letter touches it.
fn correct_words(t: &str) -> String {
    let mut out = t.to_owned();
    for (bad, good) in WORDS {
        if !out.contains(bad) {
            continue;
        }
        let mut fixed = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(k) = rest.find(bad) {
            let before = rest[..k]
                .chars()
                .next_back()
                .or_else(|| fixed.chars().next_back());
            let after = rest[k + bad.len()..].chars().next();
            fixed.push_str(&rest[..k]);
            let alone = !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric);
            fixed.push_str(if alone { good } else { bad });
            rest = &rest[k + bad.len()..];
        }
        fixed.push_str(rest);
        out = fixed;
    }
    out
}

/// One word as tesseract read it, with its slips fixed: the Icelandic `Ð`
/// for `Đ`, a capital inside a lower-case word (`sỐ`), a label glued to its
/// digits (`ngày24`), a heading word with the wrong mark.
fn correct_word(word: &str) -> String {
    // the fraction slash beside a slash is the same stroke read twice
    let word = word.replace("⁄/", "/").replace("/⁄", "/");
    let mut w: String = word
        .chars()
        .map(|c| match c {
            'Ð' => 'Đ',
            'ð' => 'đ',
            // the fraction slash, for the slash of a number or a date
            '⁄' => '/',
            c => c,
        })
        .collect();
    if let Some(&(_, fixed)) = CAPITALS.iter().find(|(bad, _)| *bad == w) {
        return fixed.to_owned();
    }
    let mut chars = w.chars();
    if chars.next().is_some_and(char::is_lowercase)
        && w.chars().all(char::is_alphabetic)
        && chars.any(char::is_uppercase)
    {
        w = w.to_lowercase();
    }
    // `UBNDTỈNH`: the abbreviation glued to the word after it
    if let Some(rest) = w.strip_prefix("UBND") {
        if rest.chars().count() >= 2 && rest.chars().all(char::is_uppercase) {
            return format!("UBND {rest}");
        }
    }
    for label in ["ngày", "Ngày", "số", "Số:"] {
        if let Some(rest) = w.strip_prefix(label) {
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                return format!("{label} {rest}");
            }
        }
    }
    super::slips::fix_notation(&w).unwrap_or(w)
}

fn median(mut v: Vec<f32>) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f32::total_cmp);
    Some(v[v.len() / 2])
}

/// A line of words (tesseract's line), with its deskewed vertical centre.
struct Line {
    words: Vec<Word>,
    centre: f32,
    height: f32,
}

/// Letters without their marks, upper case (`ĐẾN` → `DEN`).
fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36F}').contains(c))
        .map(|c| match c {
            'đ' | 'Đ' => 'D',
            c => c,
        })
        .flat_map(char::to_uppercase)
        .collect()
}

fn line_text(words: &[Word]) -> String {
    words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Noise a scan adds: marks of a seal, a signature, the paper's edge, read
/// as letters with little confidence.
fn is_noise(w: &Word) -> bool {
    let alnum = w.text.chars().filter(|c| c.is_alphanumeric()).count();
    (alnum == 0 && w.conf < 50.0 && !matches!(w.text.as_str(), "-" | "–" | "/" | "." | ":"))
        || (w.conf < 20.0 && alnum <= 2)
}

/// Whether a line reads as words, whatever tesseract's confidence (a bold
/// title such as `PHIẾU CHUYỂN` can be read right and scored low): two words
/// or more, each of three letters or more and nothing else, in capitals or
/// in lower case after the first letter. What a seal or a signature leaves
/// (`z8 2Z`, `lễ Tu`, `| mm`) is not.
fn is_wordlike(words: &[Word]) -> bool {
    words.len() >= 2
        && words.iter().all(|w| {
            let mut chars = w.text.chars();
            let rest: Vec<char> = chars.by_ref().skip(1).collect();
            w.text.chars().count() >= 3
                && w.text.chars().all(char::is_alphabetic)
                && (rest.iter().all(|c| c.is_uppercase()) || rest.iter().all(|c| c.is_lowercase()))
        })
}

/// The lines of a page, deskewed, noise dropped.
fn lines_of(words: Vec<Word>) -> Vec<Line> {
    let mut by_line: Vec<Vec<Word>> = Vec::new();
    for w in words {
        match by_line.last_mut() {
            Some(l) if l[0].line == w.line => l.push(w),
            _ => by_line.push(vec![w]),
        }
    }
    // skew: the median slope of the baselines of long lines
    let slopes: Vec<f32> = by_line
        .iter()
        .filter(|l| l.len() >= 4)
        .filter_map(|l| {
            let (a, b) = (l.first()?, l.last()?);
            let dx = (b.left + b.width / 2.0) - (a.left + a.width / 2.0);
            (dx > 200.0).then(|| ((b.top + b.height) - (a.top + a.height)) / dx)
        })
        .collect();
    let slope = median(slopes).unwrap_or(0.0).clamp(-0.1, 0.1);
    by_line
        .into_iter()
        .filter_map(|mut words| {
            words.retain(|w| !is_noise(w));
            if words.is_empty() {
                return None;
            }
            // a line of nothing but unsure marks is a seal or a signature
            let mean = words.iter().map(|w| w.conf).sum::<f32>() / words.len() as f32;
            let letters: usize = words
                .iter()
                .map(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count())
                .sum();
            // nor a line with no letter or digit at all (rules, a page edge)
            if (mean < 40.0 && letters < 12 && !is_wordlike(&words)) || letters == 0 {
                return None;
            }
            words.sort_by(|a, b| a.left.total_cmp(&b.left));
            let height = median(words.iter().map(|w| w.height).collect()).unwrap_or(1.0);
            let centre = median(
                words
                    .iter()
                    .map(|w| w.top + w.height / 2.0 - slope * (w.left + w.width / 2.0))
                    .collect(),
            )
            .unwrap_or(0.0);
            Some(Line {
                words,
                centre,
                height,
            })
        })
        .collect()
}

/// The register number and the day in an incoming-document stamp's text
/// (`ĐẾN Số: 932 Ngày: 20/3/2024 Chuyển: …`), its labels folded by OCR's
/// usual slips (`S6`, `Ngay`).
static RECEIVED_FIELDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\bS[ốoô6ó]\s*[:.]?\s*(?P<number>\d[\w/.-]*))|(?:\bNg[àa]y\s*[:.]?\s*(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})(?:\s*[/.-]\s*(?P<year>\d{2}(?:\d{2})?))?)",
    )
    .expect("valid regex")
});

/// An incoming-document stamp on page `page` from what OCR read in it:
/// its register number and its day, where they were read.
pub(crate) fn received_stamp(page: usize, raw: &str) -> ReceivedStamp {
    let mut number = None;
    let mut date = None;
    for c in RECEIVED_FIELDS.captures_iter(raw) {
        if let Some(n) = c.name("number") {
            number.get_or_insert_with(|| n.as_str().trim_end_matches(['.', '-', '/']).to_owned());
        } else if date.is_none() {
            let part = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
            let (day, month) = (part("day"), part("month"));
            let year = part("year").and_then(|y| i32::try_from(y).ok()).map(|y| {
                // `20/3/24`: the stamp's year in two digits
                if y < 100 {
                    2000 + y
                } else {
                    y
                }
            });
            let valid = day.is_some_and(|d| (1..=31).contains(&d))
                && month.is_some_and(|m| (1..=12).contains(&m));
            if valid {
                date = Some(CitedDate { year, month, day });
            }
        }
    }
    ReceivedStamp {
        page,
        raw: raw.to_owned(),
        number,
        date,
    }
}

/// A gap wider than this many line heights ends a stamp's line.
const STAMP_GAP: f32 = 4.0;

/// Takes out the lines of incoming-document stamps (`ĐẾN`, `Số:`, `Ngày:`,
/// `Chuyển:` in a box): their text, one string per stamp.
fn take_received(lines: &mut Vec<Line>) -> Vec<String> {
    let mut stamps = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // the stamp's `ĐẾN` is in capitals (`đến năm 2030` is prose)
        let text = line_text(&lines[i].words);
        let head = fold(&text);
        let upper = !lines[i].words[0].text.chars().any(char::is_lowercase);
        let starts = (upper && head.starts_with("DEN"))
            || head.contains("CONG VAN DEN")
            || head.contains("VAN BAN DEN");
        if !starts {
            i += 1;
            continue;
        }
        // the stamp ends at the first wide gap: what follows on the line
        // (the subject beside it) stays in the text
        let h = lines[i].height;
        let words = &lines[i].words;
        if let Some(k) = (1..words.len()).find(|&k| words[k].left - words[k - 1].right() > 2.0 * h)
        {
            let rest = lines[i].words.split_off(k);
            let centre = lines[i].centre;
            lines.insert(
                i + 1,
                Line {
                    words: rest,
                    centre,
                    height: h,
                },
            );
        }
        let (l, r) = (
            lines[i].words[0].left,
            lines[i].words[lines[i].words.len() - 1].right(),
        );
        let mut taken = vec![i];
        // the stamp's other lines: below it, overlapping its x range,
        // starting with the stamp's labels
        for (j, line) in lines.iter().enumerate().skip(i + 1) {
            if line.centre - lines[i].centre > 8.0 * h {
                break;
            }
            let first = &line.words[0];
            let text = fold(&line_text(&line.words));
            let label = ["SO", "NGAY", "CHUYEN", "LUU HO SO", "GIO"]
                .iter()
                .any(|p| text.starts_with(p));
            if label && first.left < r + 4.0 * h && first.left + 6.0 * h > l {
                taken.push(j);
            }
        }
        let mut text = String::new();
        for &j in taken.iter().rev() {
            // a label's line ends at its first wide gap too: a centred line
            // beside the stamp stays
            let words = &lines[j].words;
            let gap = (1..words.len())
                .find(|&k| words[k].left - words[k - 1].right() > STAMP_GAP * lines[j].height);
            let stamp_words = match gap {
                Some(k) => lines[j].words.drain(..k).collect(),
                None => lines.remove(j).words,
            };
            let t = line_text(&stamp_words);
            text = if text.is_empty() {
                t
            } else {
                format!("{t} {text}")
            };
        }
        stamps.push(text);
        i = taken[0];
    }
    stamps
}

/// A gap wider than this many line heights parts a row into runs of words.
const RUN_GAP: f32 = 2.5;

/// Under this confidence every word of a run at a row's end is marks of a
/// stamp, a seal or a hand, not print.
const DEBRIS_CONFIDENCE: f32 = 50.0;

/// Whether a run of words is what a stamp or a hand beside the print left
/// (`sz44]oy -`, `TH`, `tẻn lđx401Ấ,,`): every word with a letter or a
/// digit read with a low confidence, and not words (a bold title read with
/// a low confidence is kept).
fn is_debris_run(run: &[Word]) -> bool {
    let alnum = |w: &Word| w.text.chars().any(char::is_alphanumeric);
    run.iter().any(alnum)
        && run
            .iter()
            .filter(|w| alnum(w))
            .all(|w| w.conf < DEBRIS_CONFIDENCE)
        && !is_wordlike(run)
}

/// Drops the runs of debris at either end of a row (words sorted from the
/// left) that a wide gap parts from print read with confidence: the
/// subject beside an incoming stamp (`… ma tuý      TH`) loses the stamp's
/// marks. A run between two others (a number written by hand in its
/// blank) stays.
fn drop_edge_debris(words: &mut Vec<Word>, height: f32) {
    let confident = |ws: &[Word]| {
        ws.iter().any(|w| {
            w.conf >= LOW_CONFIDENCE && w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        })
    };
    let cut = |ws: &[Word], k: usize| ws[k].left - ws[k - 1].right() > RUN_GAP * height;
    // the first run
    if let Some(k) = (1..words.len()).find(|&k| cut(words, k)) {
        if is_debris_run(&words[..k]) && confident(&words[k..]) {
            words.drain(..k);
        }
    }
    // the last run
    if let Some(k) = (1..words.len()).rev().find(|&k| cut(words, k)) {
        if is_debris_run(&words[k..]) && confident(&words[..k]) {
            words.truncate(k);
        }
    }
}

/// The widest a laid-out line is allowed to start a word at: an A4 page at
/// 600 dpi in the smallest print is some 300 columns.
const MAX_COLUMN: usize = 1_000;

/// Lays the words of a page out as text lines, `pdftotext -layout` style.
fn layout_page(words: Vec<Word>) -> OcrPage {
    let count = words.len();
    let uncertain = words
        .iter()
        .filter(|w| w.conf < LOW_CONFIDENCE && !is_noise(w))
        .map(|w| UncertainWord {
            text: w.text.clone(),
            confidence: w.conf,
        })
        .collect();
    let mut lines = lines_of(words);
    let received = take_received(&mut lines);
    let mut page = OcrPage {
        uncertain,
        received,
        words: count,
        ..OcrPage::default()
    };
    if lines.is_empty() {
        return page;
    }
    let char_width = median(
        lines
            .iter()
            .flat_map(|l| &l.words)
            .filter(|w| w.text.chars().count() >= 3)
            .map(|w| w.width / w.text.chars().count() as f32)
            .collect(),
    )
    .unwrap_or(20.0)
    .max(1.0);
    let margin = lines
        .iter()
        .map(|l| l.words[0].left)
        .fold(f32::MAX, f32::min);
    lines.sort_by(|a, b| a.centre.total_cmp(&b.centre));
    // rows: lines at the same height (the two columns of the header)
    let mut rows: Vec<(f32, f32, Vec<Word>)> = Vec::new();
    for line in lines {
        match rows.last_mut() {
            Some((c, h, words))
                if (line.centre - *c).abs() < 0.5 * h.max(line.height)
                    && !words.iter().any(|w| {
                        line.words
                            .iter()
                            .any(|v| v.left < w.right() && w.left < v.right())
                    }) =>
            {
                words.extend(line.words);
            }
            _ => rows.push((line.centre, line.height, line.words)),
        }
    }
    let pitch = median(
        rows.windows(2)
            .map(|w| w[1].0 - w[0].0)
            .filter(|d| *d > 0.0)
            .collect(),
    )
    .unwrap_or(1.0)
    .max(1.0);
    let mut out = String::new();
    let mut prev: Option<f32> = None;
    for (centre, height, mut words) in rows {
        drop_edge_debris(&mut words, height);
        if let Some(p) = prev {
            // at most two blank lines: a signature's space for the seal and
            // the hand is not the end of the signature block
            let blanks = ((centre - p) / pitch - 1.0).round().clamp(0.0, 2.0) as usize;
            for _ in 0..blanks {
                out.push('\n');
            }
        }
        prev = Some(centre);
        words.sort_by(|a, b| a.left.total_cmp(&b.left));
        let mut col = 0usize;
        let mut last_right: Option<f32> = None;
        for w in &words {
            // a word far beyond any page's width (a damaged TSV) is put at
            // the last column, not millions of spaces out
            let target = ((w.left - margin) / char_width)
                .round()
                .clamp(0.0, MAX_COLUMN as f32) as usize;
            let at = match last_right {
                None => target,
                Some(r) if w.left - r > 2.5 * char_width => target.max(col + 2),
                Some(_) => col + 1,
            };
            out.extend(std::iter::repeat_n(' ', at - col));
            out.push_str(&w.text);
            col = at + w.text.chars().count();
            last_right = Some(w.right());
        }
        out.push('\n');
    }
    for (bad, good) in PHRASES {
        if out.contains(bad) {
            out = out.replace(bad, good);
        }
    }
    page.layout = super::slips::fix_layout(&correct_words(&out));
    page
}

/// A fresh private directory for the files of one OCR run, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<Self> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("congvan-ocr-{}-{n}", std::process::id()));
        // create_dir fails on anything left there: never write through it
        std::fs::create_dir(&path).map_err(|e| Error::Unreadable {
            format: "image",
            reason: format!("cannot make a temporary directory: {e}"),
        })?;
        Ok(Self(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, bytes))
        .map_err(|e| Error::Unreadable {
            format: "image",
            reason: format!("cannot write a temporary file: {e}"),
        })
}

/// The cache of OCR output: one TSV file per page.
struct Cache<'a> {
    dir: Option<&'a Path>,
    hash: String,
}

impl<'a> Cache<'a> {
    fn new(bytes: &[u8], options: &'a Options) -> Self {
        use sha2::{Digest, Sha256};
        let hash = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Self {
            dir: options.ocr_cache.as_deref(),
            hash,
        }
    }

    fn path(&self, what: &str) -> Option<PathBuf> {
        let name = format!("{}-{what}-{LANG}-psm{PSM}-v{CACHE_VERSION}.tsv", self.hash);
        self.dir.map(|d| d.join(name))
    }

    fn get(&self, what: &str) -> Option<String> {
        std::fs::read_to_string(self.path(what)?).ok()
    }

    /// Stores quietly: a cache that cannot be written only costs time.
    fn put(&self, what: &str, tsv: &str) {
        let Some(path) = self.path(what) else { return };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, tsv).is_ok() && std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

/// Runs tesseract on an image file with a page segmentation mode: its TSV.
fn tesseract(image: &Path, psm: &str, dpi: Option<u32>, timeout: Duration) -> Result<String> {
    let dpi = dpi.map(|d| d.to_string());
    let mut args = vec![
        image.as_os_str(),
        OsStr::new("stdout"),
        OsStr::new("-l"),
        OsStr::new(LANG),
        OsStr::new("--psm"),
        OsStr::new(psm),
    ];
    // a PGM says no resolution: tesseract would guess it
    if let Some(d) = &dpi {
        args.extend([OsStr::new("--dpi"), OsStr::new(d)]);
    }
    args.push(OsStr::new("tsv"));
    let out = TESSERACT.run(&args, &[], timeout, 64 << 20)?;
    if !out.success {
        let first = out.stderr.lines().last().unwrap_or("").trim().to_owned();
        let reason = if out.stderr.contains("Failed loading language") {
            "tesseract has no Vietnamese model: install the package `tesseract-ocr-vie`".to_owned()
        } else {
            format!("tesseract could not read the image: {first}")
        };
        return Err(Error::Unreadable {
            format: "image",
            reason,
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// How a PDF page is rendered for OCR, part of its cache key: in colour,
/// then grey from the red channel alone.
const RENDER: &str = "red";
/// Longest side of a rendered page, in pixels: `pdftoppm` crops there, so
/// that a page of absurd size cannot ask for gigabytes (10,000 pixels is an
/// A4 page's height at 850 dpi).
const MAX_SIDE: u32 = 10_000;

/// Converts pdftoppm's colour image (PPM, `P6`) to a grey one (PGM, `P5`)
/// that keeps only the red channel: red ink (a seal over the signature,
/// an incoming stamp over the text) becomes near white, and black print
/// and blue or black handwriting stay dark. Row by row: memory stays a
/// row's size whatever the page's.
fn red_channel(
    mut input: impl std::io::BufRead,
    mut output: impl std::io::Write,
) -> std::result::Result<(), String> {
    let mut fields: Vec<u64> = Vec::with_capacity(3);
    let mut magic = [0u8; 2];
    input
        .read_exact(&mut magic)
        .map_err(|e| format!("no image header: {e}"))?;
    if &magic != b"P6" {
        return Err("not a colour PPM".to_owned());
    }
    // width, height and largest value, separated by white space and
    // comments; one white space character ends the header
    let mut byte = [0u8; 1];
    let mut number: Option<u64> = None;
    let mut comment = false;
    while fields.len() < 3 {
        input
            .read_exact(&mut byte)
            .map_err(|e| format!("cut header: {e}"))?;
        let c = byte[0];
        if comment {
            comment = c != b'\n' && c != b'\r';
            continue;
        }
        match c {
            b'0'..=b'9' => {
                let n = number.unwrap_or(0);
                number = Some(
                    n.checked_mul(10)
                        .and_then(|n| n.checked_add(u64::from(c - b'0')))
                        .ok_or("a number too large in the header")?,
                );
            }
            b'#' if number.is_none() => comment = true,
            c if c.is_ascii_whitespace() => {
                if let Some(n) = number.take() {
                    fields.push(n);
                }
            }
            _ => return Err("a bad image header".to_owned()),
        }
    }
    let (width, height, max) = (fields[0], fields[1], fields[2]);
    if width == 0 || height == 0 || width.saturating_mul(height) > MAX_PIXELS {
        return Err(format!("a page of {width} × {height} pixels"));
    }
    if !(1..=65_535).contains(&max) {
        return Err(format!("a largest value of {max}"));
    }
    let sample = if max < 256 { 1 } else { 2 };
    let width = usize::try_from(width).map_err(|_| "too wide")?;
    let mut row = vec![0u8; width * 3 * sample];
    let mut grey = vec![0u8; width * sample];
    let io = |e: std::io::Error| format!("{e}");
    write!(output, "P5\n{width} {height}\n{max}\n").map_err(io)?;
    for _ in 0..height {
        input
            .read_exact(&mut row)
            .map_err(|e| format!("cut image: {e}"))?;
        for (g, px) in grey
            .chunks_exact_mut(sample)
            .zip(row.chunks_exact(3 * sample))
        {
            g.copy_from_slice(&px[..sample]);
        }
        output.write_all(&grey).map_err(io)?;
    }
    output.flush().map_err(io)
}

/// [`red_channel`] from one file to another.
fn red_channel_file(ppm: &Path, pgm: &Path) -> std::result::Result<(), String> {
    let input = std::fs::File::open(ppm).map_err(|e| format!("{e}"))?;
    let output = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(pgm)
        .map_err(|e| format!("{e}"))?;
    red_channel(
        std::io::BufReader::with_capacity(1 << 16, input),
        std::io::BufWriter::with_capacity(1 << 16, output),
    )
}

/// Page segmentation for the second reading of picture regions: one
/// uniform block, no picture detection.
const FILL_PSM: &str = "6";

/// Regions that tesseract's layout analysis took for pictures (empty
/// blocks at least a few lines high), each with its page (from 1).
fn picture_regions(tsv: &str) -> Vec<(usize, Region)> {
    tsv.lines()
        .skip(1)
        .filter_map(|row| {
            let f: Vec<&str> = row.splitn(12, '\t').collect();
            if f.len() < 12 || f[0] != "5" || !f[11].trim().is_empty() {
                return None;
            }
            let page = f[1].trim().parse::<usize>().unwrap_or(1);
            let n = |i: usize| f[i].trim().parse::<f32>().ok();
            let (l, t, w, h) = (n(6)?, n(7)?, n(8)?, n(9)?);
            (h > 100.0 && w > 100.0).then_some((page, (l, t, l + w, t + h)))
        })
        .collect()
}

/// One page of a first reading (the TSV of [`PSM`]): its words and the
/// regions taken for pictures.
struct PageReading {
    /// The page, from 1.
    page: usize,
    words: Vec<Word>,
    pictures: Vec<Region>,
}

/// The pages of a first reading, its TSV parsed once.
fn parse_reading(tsv: &str) -> Vec<PageReading> {
    let pictures = picture_regions(tsv);
    parse_tsv(tsv)
        .into_iter()
        .map(|(page, words)| PageReading {
            page,
            words,
            pictures: pictures
                .iter()
                .filter(|(p, _)| *p == page)
                .map(|(_, r)| *r)
                .collect(),
        })
        .collect()
}

/// Whether a first reading leaves a page with places to read again as
/// plain text: regions taken for pictures (a signature under its seal) or
/// words it could hardly read (a small-print Nơi nhận run together with a
/// seal).
fn needs_second_reading(first: &[PageReading]) -> bool {
    first
        .iter()
        .any(|p| has_unread_run(&p.words) || !p.pictures.is_empty())
}

/// The words of each page of a first reading, merged with a second
/// reading of the same image (the TSV of [`FILL_PSM`]) where there is one.
fn read_pages(first: Vec<PageReading>, second: Option<&str>) -> Vec<(usize, Vec<Word>)> {
    let mut second = second.map(parse_tsv).unwrap_or_default();
    first
        .into_iter()
        .map(|p| {
            let other = second
                .iter_mut()
                .find(|(page, _)| *page == p.page)
                .map(|(_, w)| std::mem::take(w))
                .unwrap_or_default();
            (p.page, merge_second_reading(p.words, other, &p.pictures))
        })
        .collect()
}

/// A box on a page: `(left, top, right, bottom)`.
type Region = (f32, f32, f32, f32);

/// Whether a word's centre lies inside a region.
fn centred_in(w: &Word, &(l, t, r, b): &Region) -> bool {
    let (x, y) = (w.left + w.width / 2.0, w.top + w.height / 2.0);
    l <= x && x <= r && t <= y && y <= b
}

/// Confidence below which tesseract did not really read a word: debris of
/// a seal, a rule or a picture, or text it could not make out (real text,
/// even in poor print, is read at 70–95).
const UNSURE: f32 = 50.0;

/// Whether the first reading left text unread: a line with three unsure
/// words side by side (two are often a seal's or a signature's marks, not
/// worth a second reading of the page).
fn has_unread_run(words: &[Word]) -> bool {
    words
        .windows(3)
        .any(|r| r.iter().all(|w| w.line == r[0].line && w.conf < UNSURE))
}

/// Mean confidence of a run of the second reading that may be put where
/// the first read nothing sure.
const SURE_RUN: f32 = 75.0;

/// The words of a reading cut into runs: the words of one line, parted
/// where a gap wider than a few line heights separates two columns.
fn runs(words: Vec<Word>) -> Vec<Vec<Word>> {
    let mut runs: Vec<Vec<Word>> = Vec::new();
    for w in words {
        match runs.last_mut() {
            Some(run)
                if run[0].line == w.line
                    && run
                        .last()
                        .is_some_and(|p| w.left - p.right() < 2.5 * p.height.max(w.height)) =>
            {
                run.push(w);
            }
            _ => runs.push(vec![w]),
        }
    }
    runs
}

/// Whether the first reading read a word for sure: confident, with a
/// letter or a digit (a dash of a rule is no text).
fn is_sure(w: &Word) -> bool {
    w.conf >= UNSURE && w.text.chars().any(char::is_alphanumeric)
}

/// Whether two words' boxes overlap by more than a third of the smaller.
fn overlaps(a: &Word, b: &Word) -> bool {
    let w = a.right().min(b.right()) - a.left.max(b.left);
    let h = (a.top + a.height).min(b.top + b.height) - a.top.max(b.top);
    w > 0.0 && h > 0.0 && w * h > (a.width * a.height).min(b.width * b.height) / 3.0
}

/// The first reading's words with the second reading's put in where the
/// first read nothing (picture regions: every word there) or nothing sure
/// (runs the second reads with confidence, over no sure word of the
/// first; the unsure words they cover go). Words taken from the second
/// reading form lines of their own.
fn merge_second_reading(first: Vec<Word>, second: Vec<Word>, pictures: &[Region]) -> Vec<Word> {
    let in_picture = |w: &Word| pictures.iter().any(|r| centred_in(w, r));
    let mut taken: Vec<Word> = Vec::new();
    for run in runs(second) {
        let mean = run.iter().map(|w| w.conf).sum::<f32>() / run.len() as f32;
        let uncovered = !run
            .iter()
            .any(|w| first.iter().any(|f| is_sure(f) && overlaps(f, w)));
        // a page number or a stray mark at the page's edge is not worth
        // the second reading's word
        let text = run.iter().any(is_sure)
            && run
                .iter()
                .flat_map(|w| w.text.chars())
                .filter(|c| c.is_alphanumeric())
                .nth(1)
                .is_some();
        if mean >= SURE_RUN && uncovered && text {
            taken.extend(run);
        } else {
            taken.extend(run.into_iter().filter(|w| in_picture(w)));
        }
    }
    let mut words: Vec<Word> = first
        .into_iter()
        .filter(|f| is_sure(f) || !taken.iter().any(|w| overlaps(f, w)))
        .collect();
    words.extend(taken.into_iter().map(|mut w| {
        w.line.0 += 10_000;
        w
    }));
    words
}

/// How many workers read pages at once.
fn jobs(options: &Options, pages: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let jobs = if options.ocr_jobs == 0 {
        cores
    } else {
        options.ocr_jobs
    };
    jobs.clamp(1, pages.max(1))
}

/// The pages of a PDF that draw an image (`pdfimages -list`); `None` when
/// that cannot be told.
fn pages_with_images(pdf: &Path) -> Option<Vec<usize>> {
    let args = [OsStr::new("-list"), pdf.as_os_str()];
    let out = PDFIMAGES.run(&args, &[], RENDER_TIMEOUT, 16 << 20).ok()?;
    if !out.success {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut pages: Vec<usize> = text
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    pages.dedup();
    Some(pages)
}

/// Renders `page` of the PDF at `pdf` to a grey PGM in `dir` (its red
/// channel: red seals and stamps go white), cropped at [`MAX_SIDE`] pixels a
/// side; the caller removes the file.
fn render_page(pdf: &Path, dir: &Path, page: usize, dpi: u32) -> Result<PathBuf> {
    let root = dir.join(format!("p{page}"));
    let n = page.to_string();
    let r = dpi.to_string();
    let side = MAX_SIDE.to_string();
    // in colour (PPM), cropped at MAX_SIDE pixels a side
    let mut args: Vec<&OsStr> = [
        "-r",
        &r,
        "-f",
        &n,
        "-l",
        &n,
        "-x",
        "0",
        "-y",
        "0",
        "-W",
        &side,
        "-H",
        &side,
        "-singlefile",
    ]
    .map(OsStr::new)
    .to_vec();
    args.push(pdf.as_os_str());
    args.push(root.as_os_str());
    let out = PDFTOPPM.run(&args, &[], RENDER_TIMEOUT, 1 << 20)?;
    let ppm = root.with_extension("ppm");
    let unrendered = |why: String| Error::Unreadable {
        format: "pdf",
        reason: format!("pdftoppm could not render page {page}{why}"),
    };
    if !out.success || !ppm.exists() {
        let _ = std::fs::remove_file(&ppm);
        return Err(unrendered(String::new()));
    }
    let pgm = root.with_extension("pgm");
    let converted = red_channel_file(&ppm, &pgm);
    let _ = std::fs::remove_file(&ppm);
    match converted {
        Ok(()) => Ok(pgm),
        Err(e) => {
            let _ = std::fs::remove_file(&pgm);
            Err(unrendered(format!(": {e}")))
        }
    }
}

/// Reads `pages` (numbered from 1) of a PDF by OCR: each page's result, in
/// the order asked. A page in `textless` (no text at all) that draws no
/// image is blank: it is not rendered.
pub(crate) fn pdf_pages(
    bytes: &[u8],
    pages: &[usize],
    textless: &[usize],
    options: &Options,
) -> Result<Vec<(usize, Result<OcrPage>)>> {
    let cache = Cache::new(bytes, options);
    let dpi = options.ocr_dpi.clamp(50, 600);
    let key = |page: usize| format!("p{page}-r{dpi}-{RENDER}");
    let fill_key = |page: usize| format!("p{page}-r{dpi}-{RENDER}-fill");
    let dir = TempDir::new()?;
    let pdf = dir.0.join("in.pdf");
    let mut blank: Vec<usize> = Vec::new();
    let uncached = |p: &usize| cache.get(&key(*p)).is_none() || cache.get(&fill_key(*p)).is_none();
    if pages.iter().any(uncached) {
        write_file(&pdf, bytes)?;
        if !textless.is_empty() {
            if let Some(drawn) = pages_with_images(&pdf) {
                blank = textless
                    .iter()
                    .copied()
                    .filter(|p| !drawn.contains(p))
                    .collect();
            }
        }
    }
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(pages.len()));
    let read = |page: usize, image_file: &mut Option<PathBuf>, what: String, psm: &str| {
        if let Some(tsv) = cache.get(&what) {
            return Ok(tsv);
        }
        let image = match image_file {
            Some(p) => p.clone(),
            None => image_file
                .insert(render_page(&pdf, &dir.0, page, dpi)?)
                .clone(),
        };
        let tsv = tesseract(&image, psm, Some(dpi), PAGE_TIMEOUT)?;
        cache.put(&what, &tsv);
        Ok::<String, Error>(tsv)
    };
    let one = |page: usize| -> Result<OcrPage> {
        if blank.contains(&page) {
            return Ok(OcrPage::default());
        }
        let mut image_file = None;
        let result = read(page, &mut image_file, key(page), PSM).and_then(|tsv| {
            let first = parse_reading(&tsv);
            let second = if needs_second_reading(&first) {
                Some(read(page, &mut image_file, fill_key(page), FILL_PSM)?)
            } else {
                None
            };
            let words = read_pages(first, second.as_deref())
                .into_iter()
                .flat_map(|(_, w)| w)
                .collect();
            Ok(layout_page(words))
        });
        if let Some(image_file) = image_file {
            let _ = std::fs::remove_file(image_file);
        }
        result
    };
    std::thread::scope(|scope| {
        for _ in 0..jobs(options, pages.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&page) = pages.get(i) else { break };
                let r = one(page);
                if let Ok(mut v) = results.lock() {
                    v.push((i, page, r));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|r| r.0);
    Ok(results.into_iter().map(|(_, p, r)| (p, r)).collect())
}

/// The pixel size of a PNG, JPEG or TIFF (its first image), from its header.
pub(crate) fn image_size(bytes: &[u8]) -> Option<(u64, u64)> {
    let be16 = |b: &[u8], i: usize| -> Option<u64> {
        Some(u64::from(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?])))
    };
    let be32 = |b: &[u8], i: usize| -> Option<u64> {
        Some(u64::from(u32::from_be_bytes(
            b.get(i..i + 4)?.try_into().ok()?,
        )))
    };
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some((be32(bytes, 16)?, be32(bytes, 20)?));
    }
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let mut i = 2;
        while i + 9 < bytes.len() {
            if bytes[i] != 0xFF {
                return None;
            }
            let marker = bytes[i + 1];
            if marker == 0xFF {
                i += 1;
                continue;
            }
            let len = usize::try_from(be16(bytes, i + 2)?).ok()?;
            // start of frame (not DHT 0xC4, JPG 0xC8, DAC 0xCC)
            if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
                return Some((be16(bytes, i + 7)?, be16(bytes, i + 5)?));
            }
            i += 2 + len;
        }
        return None;
    }
    let little = bytes.starts_with(b"II*\0");
    if !little && !bytes.starts_with(b"MM\0*") {
        return None;
    }
    let u16at = |i: usize| -> Option<u64> {
        let b = [*bytes.get(i)?, *bytes.get(i + 1)?];
        Some(u64::from(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        }))
    };
    let u32at = |i: usize| -> Option<u64> {
        let b: [u8; 4] = bytes.get(i..i + 4)?.try_into().ok()?;
        Some(u64::from(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        }))
    };
    let ifd = usize::try_from(u32at(4)?).ok()?;
    let n = usize::try_from(u16at(ifd)?).ok()?;
    let (mut w, mut h) = (None, None);
    for k in 0..n.min(512) {
        let e = ifd + 2 + 12 * k;
        let tag = u16at(e)?;
        let value = match u16at(e + 2)? {
            3 => u16at(e + 8)?,
            _ => u32at(e + 8)?,
        };
        match tag {
            256 => w = Some(value),
            257 => h = Some(value),
            _ => {}
        }
    }
    Some((w?, h?))
}

/// Reads an image file (PNG, JPEG, TIFF with any number of pages) by OCR:
/// each page's result.
pub(crate) fn image_pages(bytes: &[u8], options: &Options) -> Result<Vec<(usize, OcrPage)>> {
    let unreadable = |reason: String| Error::Unreadable {
        format: "image",
        reason,
    };
    if bytes.is_empty() {
        return Err(unreadable("the file is empty".to_owned()));
    }
    let (w, h) = image_size(bytes)
        .ok_or_else(|| unreadable("its header does not say its size (damaged?)".to_owned()))?;
    if w == 0 || h == 0 {
        return Err(unreadable(format!("the image is {w} × {h} pixels")));
    }
    if w.saturating_mul(h) > MAX_PIXELS {
        return Err(unreadable(format!(
            "the image is {w} × {h} pixels, over the limit of {} million pixels for OCR",
            MAX_PIXELS / 1_000_000
        )));
    }
    let cache = Cache::new(bytes, options);
    let mut dir: Option<(TempDir, PathBuf)> = None;
    let mut read = |what: &str, psm: &str| -> Result<String> {
        if let Some(tsv) = cache.get(what) {
            return Ok(tsv);
        }
        let path = match &dir {
            Some((_, path)) => path.clone(),
            None => {
                let d = TempDir::new()?;
                let path = d.0.join("page.img");
                write_file(&path, bytes)?;
                dir.insert((d, path)).1.clone()
            }
        };
        let tsv = tesseract(&path, psm, None, PAGE_TIMEOUT.saturating_mul(4))?;
        cache.put(what, &tsv);
        Ok(tsv)
    };
    let tsv = read("image", PSM)?;
    let first = parse_reading(&tsv);
    let second = if needs_second_reading(&first) {
        Some(read("image-fill", FILL_PSM)?)
    } else {
        None
    };
    Ok(laid_out(read_pages(first, second.as_deref())))
}

/// The pages of a first reading (at most [`MAX_PAGES`]), merged with a
/// second where there is one, each laid out as text (tests and fuzzing).
#[cfg(any(test, feature = "bench"))]
pub(crate) fn tsv_layout(first: &str, second: Option<&str>) -> Vec<(usize, OcrPage)> {
    laid_out(read_pages(parse_reading(first), second))
}

/// Pages of words (at most [`MAX_PAGES`]), each laid out as text.
fn laid_out(pages: Vec<(usize, Vec<Word>)>) -> Vec<(usize, OcrPage)> {
    pages
        .into_iter()
        .take(MAX_PAGES)
        .map(|(page, words)| (page, layout_page(words)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{
        fold, image_size, layout_page, needs_second_reading, parse_reading, parse_tsv,
        received_stamp, tsv_layout, MAX_COLUMN,
    };
    use crate::model::CitedDate;

    fn tsv(rows: &[(u32, u32, i32, i32, i32, f32, &str)]) -> String {
        let mut s = String::from(
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n",
        );
        for (i, (block, line, left, top, width, conf, text)) in rows.iter().enumerate() {
            s.push_str(&format!(
                "5\t1\t{block}\t1\t{line}\t{i}\t{left}\t{top}\t{width}\t30\t{conf}\t{text}\n"
            ));
        }
        s
    }

    #[test]
    fn a_received_stamp_gives_its_register_number_and_day() {
        let date = |day, month, year| {
            Some(CitedDate {
                year,
                month: Some(month),
                day: Some(day),
            })
        };
        let cases = [
            (
                "ĐẾN Số: 932 Ngày: 20/3/2024",
                Some("932"),
                date(20, 3, Some(2024)),
            ),
            // OCR's slips in the labels, a two-digit year, the routing line
            (
                "CÔNG VĂN ĐẾN S6: 1234. Ngay 5-11-24 Chuyển: P. KT",
                Some("1234"),
                date(5, 11, Some(2024)),
            ),
            // a day and month written by hand without the year
            ("ĐẾN Số: 77 Ngày: 9/10", Some("77"), date(9, 10, None)),
            // what a hand left unread is no number and no day
            ("ĐẾN Số: ... Ngày: ...", None, None),
            // a month 13 is no date
            ("ĐẾN Số: 15 Ngày: 20/13/2024", Some("15"), None),
        ];
        for (raw, number, expected) in cases {
            let stamp = received_stamp(2, raw);
            assert_eq!(stamp.page, 2);
            assert_eq!(stamp.raw, raw);
            assert_eq!(stamp.number.as_deref(), number, "{raw}");
            assert_eq!(stamp.date, expected, "{raw}");
        }
    }

    /// A page whose first reading (psm 3) ran a small-print Nơi nhận into
    /// the seal beside it: the line of debris, and the lines it lost.
    fn first_reading() -> String {
        tsv(&[
            (1, 1, 100, 100, 70, 95.0, "Nơi"),
            (1, 1, 180, 100, 90, 96.0, "nhận:"),
            (1, 1, 1300, 100, 60, 96.0, "KT."),
            (1, 1, 1370, 100, 180, 93.0, "GIÁM ĐỐC"),
            (1, 2, 100, 150, 150, 40.0, "x00"),
            (1, 2, 260, 150, 50, 30.0, "00"),
            (1, 2, 330, 150, 60, 34.0, "TT"),
        ])
    }

    #[test]
    fn unread_lines_are_taken_from_a_confident_second_reading() {
        let first = first_reading();
        assert!(needs_second_reading(&parse_reading(&first)));
        let second = tsv(&[
            (1, 1, 100, 100, 70, 93.0, "Nơi"),
            (1, 1, 180, 100, 90, 97.0, "nhận:"),
            (1, 1, 1300, 100, 60, 95.0, "KT."),
            (1, 1, 1370, 100, 180, 90.0, "GIÁM ĐỐC"),
            (1, 2, 100, 150, 10, 92.0, "-"),
            (1, 2, 120, 150, 60, 96.0, "Như"),
            (1, 2, 190, 150, 70, 96.0, "trên;"),
            (1, 3, 100, 200, 10, 93.0, "-"),
            (1, 3, 120, 200, 60, 93.0, "Lưu:"),
            (1, 3, 190, 200, 50, 93.0, "VT."),
        ]);
        let page = tsv_layout(&first, Some(&second)).remove(0).1;
        let text = page.layout;
        assert!(text.contains("- Như trên;\n- Lưu: VT."), "{text}");
        // the debris the second reading covers goes; what both read stays once
        assert!(!text.contains("x00"), "{text}");
        assert_eq!(text.matches("GIÁM ĐỐC").count(), 1, "{text}");
        assert_eq!(text.matches("Nơi nhận").count(), 1, "{text}");
    }

    #[test]
    fn a_second_reading_never_replaces_what_the_first_read_for_sure() {
        let first = tsv(&[
            (1, 1, 100, 100, 60, 95.0, "Số:"),
            (1, 1, 180, 100, 150, 90.0, "275/STTTT"),
            (1, 2, 100, 150, 150, 40.0, "x00"),
            (1, 2, 260, 150, 50, 30.0, "00"),
        ]);
        let second = tsv(&[
            (1, 1, 100, 100, 60, 95.0, "Số:"),
            (1, 1, 180, 100, 150, 96.0, "215/STTTT"),
            // a page number alone is not worth taking
            (1, 2, 1200, 3000, 20, 96.0, "4"),
        ]);
        let text = tsv_layout(&first, Some(&second)).remove(0).1.layout;
        assert!(text.contains("275/STTTT"), "{text}");
        assert!(!text.contains("215"), "{text}");
        assert!(!text.contains('4'), "{text}");
    }

    #[test]
    fn a_clean_first_reading_needs_no_second() {
        let first = tsv(&[
            (1, 1, 100, 100, 60, 95.0, "Số:"),
            (1, 1, 180, 100, 150, 90.0, "275/STTTT"),
            // two unsure words alone are a doubt, not an unread line
            (1, 2, 100, 150, 150, 40.0, "x00"),
            (1, 2, 260, 150, 50, 30.0, "00"),
        ]);
        assert!(!needs_second_reading(&parse_reading(&first)));
        // a second reading of nothing changes nothing
        let alone = tsv_layout(&first, None).remove(0).1.layout;
        assert_eq!(tsv_layout(&first, Some("")).remove(0).1.layout, alone);
    }

    #[test]
    fn positions_out_of_any_page_are_bounded() {
        // found by the ocr_tsv fuzz target: a left edge of 1e30 asked for
        // that many spaces
        for left in [
            "1e30",
            "inf",
            "-inf",
            "NaN",
            "340282350000000000000000000000000000000",
        ] {
            let t = format!(
                "{}5\t1\t1\t1\t1\t0\t100\t100\t60\t30\t95\tSố:\n\
                 5\t1\t1\t1\t1\t1\t{left}\t100\t80\t30\t95\t12/UBND\n",
                "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
            );
            let page = layout_page(parse_tsv(&t).remove(0).1);
            assert!(
                page.layout.len() < 2 * MAX_COLUMN,
                "{left}: {}",
                page.layout.len()
            );
            assert!(page.layout.contains("12/UBND"), "{left}");
        }
    }

    #[test]
    fn two_blocks_at_one_height_become_one_row_with_a_wide_gap() {
        let t = tsv(&[
            (1, 1, 100, 100, 80, 95.0, "UBND"),
            (1, 1, 200, 100, 100, 95.0, "TỈNH"),
            (2, 1, 1200, 102, 120, 95.0, "CỘNG"),
            (2, 1, 1340, 102, 80, 95.0, "HÒA"),
            (1, 2, 100, 150, 60, 95.0, "Số:"),
            (1, 2, 180, 150, 60, 42.0, "275"),
        ]);
        let pages = parse_tsv(&t);
        assert_eq!(pages.len(), 1);
        let page = layout_page(pages.into_iter().next().unwrap().1);
        let lines: Vec<&str> = page.layout.lines().collect();
        assert_eq!(lines.len(), 2, "{}", page.layout);
        assert!(lines[0].starts_with("UBND TỈNH  "), "{}", page.layout);
        assert!(lines[0].trim_end().ends_with("CỘNG HÒA"), "{}", page.layout);
        assert_eq!(lines[1], "Số: 275");
        assert_eq!(page.uncertain.len(), 1);
        assert_eq!(page.uncertain[0].text, "275");
    }

    #[test]
    fn a_stamps_marks_at_a_rows_ends_are_dropped_and_a_handwritten_number_stays() {
        let t = tsv(&[
            // a stamp's marks left of a centred subject, and right of it
            (1, 1, 100, 100, 120, 30.0, "sz44]oy"),
            (1, 1, 224, 100, 10, 66.0, "-"),
            (1, 1, 600, 100, 40, 96.0, "Xử"),
            (1, 1, 650, 100, 80, 96.0, "phạt"),
            (1, 1, 1300, 100, 30, 28.0, "TH"),
            // a number written in its blank, between print
            (2, 2, 100, 200, 60, 95.0, "Số:"),
            (2, 2, 400, 200, 60, 30.0, "2#6"),
            (2, 2, 700, 200, 160, 95.0, "/QĐ-XPVPHC"),
        ]);
        let page = layout_page(parse_tsv(&t).remove(0).1);
        let lines: Vec<&str> = page.layout.lines().map(str::trim).collect();
        assert_eq!(lines[0], "Xử phạt", "{}", page.layout);
        assert!(lines[1].contains("2#6"), "{}", page.layout);
    }

    #[test]
    fn an_incoming_stamp_is_taken_out() {
        let t = tsv(&[
            (1, 1, 100, 100, 200, 95.0, "UBND"),
            (2, 1, 900, 300, 100, 80.0, "ĐẾN"),
            (2, 2, 900, 340, 60, 80.0, "Số:"),
            (2, 2, 980, 340, 60, 70.0, "932"),
            (2, 3, 900, 380, 80, 80.0, "Ngày:"),
            (2, 3, 1000, 380, 120, 70.0, "5/3/2011"),
            (3, 1, 100, 500, 60, 95.0, "Số:"),
            (3, 1, 180, 500, 60, 95.0, "12/UBND"),
            // a stamp on the subject's line, far left of it
            (4, 1, 100, 700, 80, 80.0, "ĐẾN"),
            (4, 1, 190, 700, 60, 60.0, "v0.2"),
            (4, 1, 600, 700, 60, 95.0, "Xử"),
            (4, 1, 670, 700, 60, 95.0, "phạt"),
            (4, 2, 100, 740, 60, 80.0, "Số:"),
            (4, 2, 170, 740, 60, 60.0, "14"),
            (4, 2, 700, 740, 60, 95.0, "CỤC"),
            (4, 2, 770, 740, 60, 95.0, "TRƯỞNG"),
        ]);
        let page = layout_page(parse_tsv(&t).remove(0).1);
        assert_eq!(
            page.received,
            vec![
                "ĐẾN Số: 932 Ngày: 5/3/2011".to_owned(),
                "ĐẾN v0.2 Số: 14".to_owned()
            ]
        );
        assert!(page.layout.contains("Xử phạt"), "{}", page.layout);
        assert!(page.layout.contains("CỤC TRƯỞNG"), "{}", page.layout);
        assert!(!page.layout.contains("932"), "{}", page.layout);
        assert!(page.layout.contains("Số: 12/UBND"), "{}", page.layout);
    }

    #[test]
    fn image_sizes_from_headers() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&20_000u32.to_be_bytes());
        png.extend_from_slice(&30u32.to_be_bytes());
        assert_eq!(image_size(&png), Some((20_000, 30)));
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 50, 0, 70, 1, 0, 0, 0,
        ];
        assert_eq!(image_size(&jpeg), Some((70, 50)));
        let mut tiff = b"II*\0\x08\0\0\0\x02\0".to_vec();
        tiff.extend_from_slice(&[0, 1, 3, 0, 1, 0, 0, 0, 0x10, 0, 0, 0]);
        tiff.extend_from_slice(&[1, 1, 4, 0, 1, 0, 0, 0, 0x20, 0, 0, 0]);
        assert_eq!(image_size(&tiff), Some((16, 32)));
        assert_eq!(image_size(b"GIF89a"), None);
        assert_eq!(image_size(b""), None);
    }

    #[test]
    fn ocr_slips_are_fixed() {
        use super::{correct_word, correct_words};
        assert_eq!(correct_word("QÐ-BCT"), "QĐ-BCT");
        assert_eq!(correct_word("sỐ"), "số");
        assert_eq!(correct_word("ngày24"), "ngày 24");
        assert_eq!(correct_word("ĐÓC"), "ĐỐC");
        assert_eq!(correct_word("TĨNH"), "TỈNH");
        assert_eq!(
            correct_words("Văn phòng Tông Bí thư; đê nghị (đê p/h); Thiêu tướng A"),
            "Văn phòng Tổng Bí thư; đề nghị (để p/h); Thiếu tướng A"
        );
        // only whole words: `thành phông` is left alone
        assert_eq!(
            correct_words("thành phông, thành phô."),
            "thành phông, thành phố."
        );
        assert_eq!(
            correct_words("- BGH (b/e);\n- Các khoa (th);\nKính gửi: Đông chí Chủ tịch"),
            "- BGH (b/c);\n- Các khoa (t/h);\nKính gửi: Đồng chí Chủ tịch"
        );
        // a notation's slips, word by word
        assert_eq!(correct_word("464/QĐĐ-BCT"), "464/QĐ-BCT");
        assert_eq!(correct_word("163/2024/QHI5"), "163/2024/QH15");
        assert_eq!(correct_word("TKI"), "TKI");
        assert_eq!(correct_word("UBND-VX"), "UBND-VX");
        assert_eq!(correct_word("UBNDTỈNH"), "UBND TỈNH");
        assert_eq!(correct_word("UBND"), "UBND");
        assert_eq!(correct_word("TRUYÈN"), "TRUYỀN");
        assert_eq!(correct_word("Só:"), "Số:");
        // the fraction slash is a slash, and once beside another
        assert_eq!(correct_word("3#j⁄C04-P6"), "3#j/C04-P6");
        assert_eq!(correct_word("#72⁄/UBND-"), "#72/UBND-");
        assert_eq!(correct_word("http://x"), "http://x");
    }

    #[test]
    fn the_red_channel_whitens_red_ink_and_keeps_black_and_blue() {
        use super::red_channel;
        // 3 × 1: black print, red seal, blue handwriting; a comment in the
        // header as PPM allows
        let mut ppm = b"P6\n# pdftoppm\n3 1\n255\n".to_vec();
        ppm.extend_from_slice(&[0, 0, 0, 220, 30, 30, 40, 50, 160]);
        let mut pgm = Vec::new();
        red_channel(&ppm[..], &mut pgm).unwrap();
        assert_eq!(pgm, b"P5\n3 1\n255\n\0\xdc\x28");
        // 16-bit samples keep both bytes of red
        let mut ppm = b"P6 1 1 65535\n".to_vec();
        ppm.extend_from_slice(&[0x12, 0x34, 0, 0, 0, 0]);
        let mut pgm = Vec::new();
        red_channel(&ppm[..], &mut pgm).unwrap();
        assert_eq!(pgm, b"P5\n1 1\n65535\n\x12\x34");
    }

    #[test]
    fn bad_images_are_refused_by_the_red_channel() {
        use super::red_channel;
        for bad in [
            &b""[..],
            b"P5\n1 1\n255\n\0",
            b"P6\n1 1\n255\n\0\0",
            b"P6\n1 x\n255\n",
            b"P6\n0 1\n255\n",
            b"P6\n99999999999999999999999 1\n255\n",
            b"P6\n20000 20000\n255\n",
            b"P6\n1 1\n0\n\0\0\0",
        ] {
            assert!(red_channel(bad, Vec::new()).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_title_read_with_low_confidence_is_kept_and_a_seal_is_not() {
        let t = tsv(&[
            (1, 1, 100, 100, 200, 95.0, "UBND"),
            (2, 1, 500, 300, 180, 22.0, "PHIẾU"),
            (2, 1, 700, 300, 250, 32.0, "CHUYỂN"),
            (3, 1, 500, 400, 60, 30.0, "z8"),
            (3, 1, 600, 400, 60, 30.0, "2Z"),
            (4, 1, 500, 500, 60, 30.0, "lễ"),
            (4, 1, 600, 500, 60, 30.0, "Tu"),
        ]);
        let page = layout_page(parse_tsv(&t).remove(0).1);
        assert!(page.layout.contains("PHIẾU CHUYỂN"), "{}", page.layout);
        assert!(!page.layout.contains("z8"), "{}", page.layout);
        assert!(!page.layout.contains("lễ"), "{}", page.layout);
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Đến số"), "DEN SO");
    }
}
