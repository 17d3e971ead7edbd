//! Equivalence oracle: the optimised extractor must give byte-identical
//! output to the frozen pre-optimisation extractor (`reference`) on the
//! shared corpus, the OCR corpus, the fixtures, slices of them cut at random
//! places, and generated token soup full of near-misses.

use std::path::{Path, PathBuf};

use super::{extract, reference};
use crate::normalize::normalize;
use crate::options::InputFormat;

/// Every `.txt`/`.md` file of `dir`, sorted; empty (with a message) when the
/// folder is absent.
fn files_in(dir: &Path) -> Vec<(PathBuf, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("equiv: {} is absent; skipping it", dir.display());
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| Some((p.clone(), std::fs::read_to_string(&p).ok()?)))
        .collect()
}

fn all_inputs() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["../shared/corpus", "../shared/corpus-ocr", "fixtures"] {
        out.extend(files_in(&root.join(dir)));
    }
    out
}

/// Compares both extractors on `text` with no own id and with the first
/// citation's id as the own id.
fn same(label: &str, text: &str) {
    let old = reference::extract(text, None);
    let new = extract(text, None);
    let (a, b) = (
        serde_json::to_string(&old).expect("citations serialise"),
        serde_json::to_string(&new).expect("citations serialise"),
    );
    if a != b {
        let i = old
            .iter()
            .zip(&new)
            .position(|(o, n)| o != n)
            .unwrap_or(old.len().min(new.len()));
        panic!(
            "{label}: outputs differ at citation {i} ({} old, {} new)\nold: {:?}\nnew: {:?}",
            old.len(),
            new.len(),
            old.get(i),
            new.get(i)
        );
    }
    if let Some(own) = old.iter().find_map(|c| c.id.clone()) {
        assert_eq!(
            reference::extract(text, Some(&own)),
            extract(text, Some(&own)),
            "{label} with own id {own}"
        );
    }
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[test]
fn same_output_on_corpus_and_fixtures() {
    let inputs = all_inputs();
    for (path, text) in &inputs {
        let label = path.display().to_string();
        same(&label, text);
        let normalized = normalize(text, InputFormat::Auto).text;
        same(&format!("{label} (normalised)"), &normalized);
    }
}

#[test]
fn same_output_on_random_slices() {
    let inputs = all_inputs();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for (path, text) in &inputs {
        if text.is_empty() {
            continue;
        }
        for _ in 0..6 {
            let a = floor_char(text, rng.below(text.len()));
            let len = 1 + rng.below(600);
            let b = floor_char(text, (a + len).min(text.len()));
            same(&format!("{}[{a}..{b}]", path.display()), &text[a..b]);
        }
    }
}

/// Pieces that start, continue or break every pattern of the extractor.
const TOKENS: &[&str] = &[
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\r",
    "\u{B}",
    " \r\n",
    "\u{A0}",
    ",",
    ", ",
    ".",
    ";",
    ":",
    "(",
    ")",
    "/",
    " /",
    "/ ",
    "-",
    " - ",
    "- ",
    "\n/",
    "/\n",
    "&",
    "“",
    "”",
    "0",
    "1",
    "12",
    "123",
    "1234567",
    "2013",
    "2020",
    "05",
    "11/01/2024",
    "01-10-1997",
    "10.8.2025",
    "12a",
    "5đ",
    "٣",
    "３",
    "a",
    "x",
    "số",
    "Số",
    "SỐ",
    "số:",
    "Số:",
    "số82",
    "ngày",
    "Ngày",
    "tháng",
    "năm",
    "của",
    "và",
    "hoặc",
    "nêu trên",
    "nói trên",
    "trên",
    "Luật",
    "luật",
    "Bộ luật",
    "Bộ",
    "Hiến pháp",
    "Hiến",
    "Pháp lệnh",
    "Quyết định",
    "quyết định",
    "QUYẾT ĐỊNH",
    "Nghị định",
    "Thông tư",
    "Thông tư liên tịch",
    "thông\ntư",
    "Kế hoạch",
    "Công văn",
    "văn bản",
    "Văn bản hợp nhất",
    "Chỉ thị",
    "QĐ",
    "NĐ",
    "TT",
    "TTLT",
    "KH",
    "CV",
    "UBND",
    "QĐ-UBND",
    "NĐ-CP",
    "QĐ-TTg",
    "HD/VPTW",
    "TW",
    "CP",
    "QH13",
    "QH",
    " 13",
    "VPĐP",
    "NV&MT",
    "BLĐTBXH",
    "Ngày",
    "Đất đai",
    "Tổ chức",
    "chính quyền",
    "địa phương",
    "Ngân sách nhà nước",
    "Lao động",
    "UBND tỉnh",
    "Thủ tướng Chính phủ",
    "Bộ Chính trị",
    "TP.",
    "Hà Nội",
    "điều",
    "Điều",
    "khoản",
    "điểm",
    "b",
    "tại",
    "về",
    "quy định",
    "ban hành",
    "này",
    "các",
    "- ",
    "+ ",
    "1.",
    "2)",
    "Quyết định số 12/QĐ-UBND",
    "Luật Đất đai năm 2013",
    "Bộ luật Lao động 2019",
    "Luật Ngân sách nhà nước ngày 16 tháng 12 năm 2002",
    "Công văn số 267",
    "Nghị định 30",
    "Kế hoạch nêu trên",
    "văn bản trên.",
    "khoản 2 Điều 5 ",
    "điểm a khoản 1 Điều 24 của ",
    " ngày 11/01/2024 của UBND tỉnh Bắc Giang",
    ", ngày 01-10-1997",
    "36-HD/VPTW",
    "64-CP",
    "30/2020/NĐ-CP",
    "82 /VPĐP- NV&MT",
    "25/2008/QH12",
    "số 31-QĐ/TW",
    "UBTVQH 13",
    "Quyết định của Bộ Chính trị số ",
    "Luật Ngân sách nhà nước số ",
    "các Quyết định số ",
    "TTLT/BLĐTBXH-BTC",
    "Thông tư liên tịch số 5/2015/TTLT-BTC-BNV",
];

#[test]
fn same_output_on_token_soup() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for case in 0..4000 {
        let n = 1 + rng.below(40);
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(TOKENS[rng.below(TOKENS.len())]);
        }
        same(&format!("soup case {case}: {text:?}"), &text);
    }
}

#[test]
fn digit_shortcut_agrees_with_the_regex() {
    let re = regex::Regex::new(r"\A\d\z").expect("compiles");
    let ranges = [
        ('\u{0}', '\u{700}'),
        ('\u{1DF0}', '\u{1F10}'),
        ('\u{FF00}', '\u{FF20}'),
    ];
    for (lo, hi) in ranges {
        for c in lo..=hi {
            let mut buf = [0u8; 4];
            assert_eq!(
                super::scan::is_digit(c),
                re.is_match(c.encode_utf8(&mut buf)),
                "{c:?}"
            );
        }
    }
}

#[test]
fn same_output_on_spaced_token_soup() {
    const SEPS: &[&str] = &[
        " ", " ", " ", "\n", ", ", "  ", " \n ", ": ", "\r", "\u{B}", "\u{A0}",
    ];
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    for case in 0..4000 {
        let n = 1 + rng.below(24);
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(TOKENS[rng.below(TOKENS.len())]);
            text.push_str(SEPS[rng.below(SEPS.len())]);
        }
        same(&format!("spaced soup case {case}: {text:?}"), &text);
    }
}

#[test]
fn head_endings_fit_the_suffix_check() {
    let (words, _) = super::patterns::head_endings();
    for w in words {
        assert!(
            w.chars().count() <= 8,
            "{w} is longer than ends_with_head reads"
        );
        assert_eq!(w, w.to_lowercase());
    }
}

/// Every kind of white space and punctuation around every part of a
/// back-reference, a law and an identifier (back-references only show when
/// they attach to an earlier citation, which random soup rarely builds).
#[test]
fn same_output_with_every_separator() {
    const SEPS: &[&str] = &[
        " ", "  ", "\n", "\n\n", "\t", "\r", "\r\n", "\u{B}", "\u{C}", "\u{A0}", "\u{2003}",
        "\u{3000}", "", ":", " : ", ",", "\u{85}",
    ];
    for sep in SEPS {
        let text = format!(
            "Nghị định số 30/2020/NĐ-CP, Công văn số 267/UBND-VX và Kế hoạch số 5/KH-UBND. \
             Theo Nghị định{sep}30 và Công văn{sep}số{sep}267{sep}và Kế hoạch{sep}5, \
             văn bản{sep}số{sep}:{sep}5 và Kế hoạch{sep}nêu{sep}trên{sep}. Căn cứ Luật{sep}Đất\
             {sep}đai{sep}năm{sep}2013 và Bộ{sep}luật Lao động{sep}2019; Hiến{sep}pháp{sep}2013\
             {sep}; 12{sep}/{sep}QĐ-UBND; Quyết định{sep}64{sep}-CP; 36{sep}-{sep}HD/VPTW"
        );
        same(&format!("separator {sep:?}"), &text);
    }
}
