//! Golden tests: each input in `fixtures/` is parsed and its pretty JSON is
//! compared with the sibling `.json` file.
//!
//! Regenerate the goldens with `UPDATE_EXPECT=1 cargo test --test integration fixtures`
//! and review the diff before committing. `.md` inputs are read as Markdown,
//! `.txt` inputs with format detection.
//!
//! The inputs are invented documents, each focused on one layout quirk:
//!
//! | fixture | quirk |
//! |---|---|
//! | `cong-van-full-header` | every header part, `KHẨN`, `Kính gửi` list, `+` sub-items in Nơi nhận, `KT.` |
//! | `quyet-dinh-can-cu-dieu` | title + `Về việc`, authority line, `Căn cứ` lines, `Điều`, khoản, điểm up to `đ)`, `TM.` |
//! | `ke-hoach-roman-sections` | `I.`/`1.`/`1.1.`/`a)` tree with `-` and `+` items |
//! | `thong-bao` | `THÔNG BÁO` kết luận, drafter after the Lưu line, `TL. CHỦ TỊCH` |
//! | `giay-moi` | `GIẤY MỜI`, `Trân trọng kính mời:` list, time and place lines |
//! | `party-cong-van` | Party heading, `*`, `Số 12-CV/TU`, Party citation `, ngày 18-4-2014`, `T/M` |
//! | `party-thong-bao-kt` | Party header column-major, `1-` numbering, `K/T BÍ THƯ` |
//! | `markdown-table-web` | law-website Markdown: pipe-table header and signature/Nơi nhận table |
//! | `stacked-tm-kt` | issuer name over two lines, `TM.` + `KT.` stack |
//! | `tl-kt-chain` | inline `Kính gửi:`, `TL.` + `KT.` chain with a long unit title |
//! | `joint-two-signatures` | `TTLT-BYT-BTC` number, two signature blocks, Nơi nhận after them |
//! | `blank-number-day` | e-document with blank number and blank day |
//! | `ocr-label-variants` | merged header rows without diacritics, `V/V`, `Kinh gửi`, `Noi nhận`, `370 /` |
//! | `signature-stamp-cong-bao` | Công báo running headers, page numbers, stamp inside the body |
//! | `flattened-header` | crawler text: page title, header cells flattened, footer on one line, `tháng 04` |
//! | `to-trinh` | `TỜ TRÌNH` with `Căn cứ` in the body, Roman sections, `Q. GIÁM ĐỐC` |
//! | `chi-thi` | `CHỈ THỊ`, signature without prefix |
//! | `cong-dien-hoa-toc` | `HỎA TỐC`, `CÔNG ĐIỆN` with an `… điện:` recipient list |
//! | `bao-cao-mat` | `MẬT`, `BÁO CÁO`, `TUQ.`, copies in the Lưu line |
//!
//! Issue 4 (real-world text; `tests/quirks.rs` states what is right for each):
//!
//! | fixture | quirk |
//! |---|---|
//! | `quirk-noise-front-matter-page-break` (`.md`) | converter YAML front-matter, sentence broken by `--- PAGE BREAK ---` and a page number |
//! | `quirk-noise-crawler-title-page-markers` | crawler page title naming the document's own number, `*Source: …*`, `--- PAGE n ---` mid-sentence |
//! | `quirk-noise-cong-bao-gazette-header` | `CÔNG BÁO/Số 261 + 262/…` and page numbers on every page, gazette section line over the letterhead |
//! | `quirk-noise-repeated-page-footer` | agency address/phone/website footer repeated on every page, mid-sentence |
//! | `quirk-noise-phone-status-bar` | phone status bar, browser print header (date, title) and `file:///… 1/3` footers |
//! | `quirk-noise-related-documents-above-header` | a web page's title and `Văn bản liên quan:` list (`- 1Chỉ thị 15/CT-TTg năm 2020 …`) above the header |
//! | `quirk-flat-merged-header-rows` | issuer and Quốc hiệu on one row, `Số:   /… Place, ngày   tháng 3 năm 2010` on one row |
//! | `quirk-flat-column-major-subject-first` | left column then right column: the `V/v` before the Quốc hiệu, place and date |
//! | `quirk-flat-interleaved-footer` | `Nơi nhận: KT. TỔNG CỤC TRƯỞNG` / `- Như trên; PHÓ TỔNG CỤC TRƯỞNG` |
//! | `quirk-flat-signature-before-noi-nhan` | `TM.`/`KT.` signature block before the `Nơi nhận` list |
//! | `quirk-flat-name-glued-to-distribution` | crawler text: drafter, authority, title and signer glued to the Lưu line |
//! | `quirk-stamp-top-blank-date` | `Ký bởi:` stamp at the top of the file; blank number, day and month |
//! | `quirk-stamp-mid-body` | `Người ký:` stamp (slash date) in the middle of a sentence |
//! | `quirk-stamp-cut-off` | stamp cut off at the page edge (`ý bởi: …` only) before `--- PAGE BREAK ---` |
//! | `quirk-stamp-english` | `Digitally signed by` / `Date: 2019.11.05 …` / `Location:` between paragraphs |
//! | `quirk-ocr-garbled-number` | `Số: Q$%Ÿ /TCT - CS`: garbage for a handwritten number, merged header rows |
//! | `quirk-ocr-header-no-diacritics` | `TONG CUC THUE` / `CUC THUE TP HA NOI`, `Ha Noi` |
//! | `quirk-ocr-spaced-number-glued-date` | `Số: 4 15 /TCHQ-TXNK`, `ngay23 tháng 04năm 2019` |
//! | `quirk-ocr-spaced-ubnd` | `U B ND HUYỆN …`, `Số: 2 37 /QĐ - U B ND` |
//! | `quirk-ocr-labels-vw-lan` | `Vw`, `Kinh gửi`, `Nơi nhân`, `Lan:` for `Lưu:` |
//! | `quirk-ocr-viv-illegible-month` | `Viv`, `Noi nhận`, `tháng ữ}` (illegible month) |
//! | `quirk-multi-reply-and-incoming` | a reply followed by the letter it answers |
//! | `quirk-multi-sao-y` | a `SAO Y` copy block with its own number, date and signer |
//! | `quirk-multi-annex-danh-sach` | `DANH SÁCH … (Kèm theo Công văn số …)` after the signature |
//! | `quirk-ocr-garbled-annex-title` | an annex on a new page whose title OCR garbled, above its `(Kèm theo …)` line |
//! | `quirk-multi-plan-after-signature` | a plan after the signature row, `(Ban hành kèm theo …)` glued to its title line |
//! | `quirk-multi-untitled-annex` | `THUYẾT MINH …` after the signature row, with no `Kèm theo` line |
//! | `quirk-typed-dashes-in-notations` | en dash, non-breaking hyphen and minus typed inside `245/UBND–TCKH`, `73/2024/NĐ–CP` |
//! | `quirk-cite-spaced-symbol-hyphen` | a space typed for the hyphen after a type code: `418/CV SLĐTB&XH ngày …`, but `57/QĐ UBND tỉnh` |
//! | `quirk-cite-symbol-wrapped-at-spaced-hyphen` | a symbol broken at ` -` and a line break: `152/TTr -` / `NN&PTNT ngày …` |
//! | `quirk-cite-misspelt-type-code` | a type code misspelt in a cited notation after its head noun and `số`: `Tờ trình số 118/TTrg-SNV`, `27/Qđ-UBND` |
//! | `quirk-ocr-scan-reply-forms` | `86:` for `Số:` and the slash lost, `'V/` for `V/v`, `l2thang`, a company's own numbering, a symbol cut by a line break, a footnote marker, tax forms, `Liu:` |
//! | `quirk-multi-editorial-note` | crawler title and a publishing site's `Ghi chú:` / `Tình trạng hiệu lực:` note |
//! | `quirk-footer-bare-archive` | a bare `- Lưu.` line, no unit named, closing the `Nơi nhận` list |
//! | `quirk-footer-small-drafter-initial` | `- Lưu VT, TCHC, h.`: no colon, the drafter's initial in small letters |
//! | `quirk-footer-undotted-authority` | `TM ỦY BAN NHÂN DÂN` / `KT CHỦ TỊCH`: authority prefixes without their dots |
//! | `quirk-footer-name-glued-to-title` | `CHÁNH VĂN PHÒNGTrần Văn Quang`: the signer's name glued to the title |
//! | `quirk-footer-name-in-capitals` | `CHỦ TỊCH` / `PHAN VĂN TUẤN`: the signer's name in capitals |
//! | `quirk-footer-seal-text-under-title` | `TRƯỞNG PHÒNG` / `PHÒNG` / `Y TẾ`: the seal's text between title and name |

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{fixture_inputs, fixture_name, fixtures_dir, parse_fixture, MIN_FIXTURES};

/// How many differing lines to show per fixture.
const MAX_DIFF_LINES: usize = 6;

#[test]
fn fixtures_match_golden_json() {
    let inputs = fixture_inputs();
    assert!(
        inputs.len() >= MIN_FIXTURES,
        "expected at least {MIN_FIXTURES} fixtures in {}, found {}",
        fixtures_dir().display(),
        inputs.len()
    );

    let update = update_requested();
    let mut failures = Vec::new();
    for input in &inputs {
        let golden = input.with_extension("json");
        let (_, doc) = parse_fixture(input);
        let actual = format!("{}\n", congvan::to_json_pretty(&doc));

        if update {
            fs::write(&golden, &actual)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", golden.display()));
            continue;
        }
        match fs::read_to_string(&golden) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{}: output differs from {}\n{}",
                fixture_name(input),
                fixture_name(&golden),
                line_diff(&expected, &actual)
            )),
            Err(_) => failures.push(format!(
                "{}: golden {} is missing; run `UPDATE_EXPECT=1 cargo test --test integration fixtures` \
                 and review the new file",
                fixture_name(input),
                fixture_name(&golden)
            )),
        }
    }

    failures.extend(orphan_goldens(&inputs));

    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed (set UPDATE_EXPECT=1 to accept the new output):\n\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n\n")
    );
}

/// `UPDATE_EXPECT` set to anything but empty or `0`.
fn update_requested() -> bool {
    env::var_os("UPDATE_EXPECT").is_some_and(|value| !value.is_empty() && value != "0")
}

/// `.json` files in `fixtures/` whose input has gone: they would never be checked.
fn orphan_goldens(inputs: &[PathBuf]) -> Vec<String> {
    let Ok(entries) = fs::read_dir(fixtures_dir()) else {
        return Vec::new();
    };
    let mut orphans: Vec<String> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .filter(|golden| {
            !inputs
                .iter()
                .any(|input| &input.with_extension("json") == golden)
        })
        .map(|golden: PathBuf| {
            format!(
                "{}: golden without a .txt/.md input; delete it or restore the input",
                fixture_name(Path::new(&golden))
            )
        })
        .collect();
    orphans.sort();
    orphans
}

/// The first few lines that differ, as `line N` / `- expected` / `+ actual`.
fn line_diff(expected: &str, actual: &str) -> String {
    let expected: Vec<&str> = expected.lines().collect();
    let actual: Vec<&str> = actual.lines().collect();
    let mut out = Vec::new();
    let mut differing = 0;
    for i in 0..expected.len().max(actual.len()) {
        let (e, a) = (expected.get(i), actual.get(i));
        if e == a {
            continue;
        }
        differing += 1;
        if differing <= MAX_DIFF_LINES {
            out.push(format!(
                "  line {}:\n    - {}\n    + {}",
                i + 1,
                e.copied().unwrap_or("<no line>"),
                a.copied().unwrap_or("<no line>")
            ));
        }
    }
    if differing > MAX_DIFF_LINES {
        out.push(format!(
            "  … and {} more differing lines ({} expected, {} actual)",
            differing - MAX_DIFF_LINES,
            expected.len(),
            actual.len()
        ));
    }
    out.join("\n")
}
