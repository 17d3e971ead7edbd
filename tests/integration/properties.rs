//! Property tests (issue 6): on arbitrary and Vietnamese-shaped text,
//! `parse` never panics, every span is sound, parsing is deterministic,
//! normalisation is idempotent, the text and Markdown readers agree on
//! text without Markdown syntax, and the JSON reads back into an equal
//! `Document`.

use congvan::normalize::normalize;
use congvan::{Document, InputFormat, Options};
use proptest::prelude::*;
use proptest::test_runner::TestCaseResult;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------

/// Characters chosen to stress normalisation and the offset map.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>(),
        3 => prop::char::range('a', 'z'),
        2 => prop::sample::select(vec![
            'Đ', 'đ', 'ư', 'ơ', 'ă', 'â', 'ê', 'ô', 'Ố', 'ặ', 'ử', 'ỹ', 'Ỳ', 'ạ', 'ế',
        ]),
        // combining marks: grave, acute, tilde, hook, dot below, horn, breve…
        3 => prop::char::range('\u{0300}', '\u{0323}'),
        2 => prop::sample::select(vec![
            '\0', '\u{1}', '\u{7}', '\u{8}', '\u{B}', '\u{C}', '\u{1B}', '\u{7F}', '\u{85}',
        ]),
        3 => prop::sample::select(vec!['\r', '\n', '\t', ' ']),
        2 => prop::sample::select(vec![
            '\u{A0}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{2028}',
            '\u{3000}', '\u{202F}', '\u{FFFD}',
        ]),
        // mixed scripts
        1 => prop::sample::select(vec!['Ж', 'λ', '中', 'ا', 'ש', 'क', '😀', 'Ⅳ', 'ﬁ', 'ǅ']),
        2 => prop::sample::select(vec![
            '|', '-', '+', '*', '#', '/', ':', ';', '.', '(', ')', '[', ']', '_', '`', '>',
            '<', '\\', '&',
        ]),
        2 => prop::char::range('0', '9'),
    ]
}

/// Arbitrary strings: hostile characters, CR/LF mixes and huge digit runs.
fn hostile_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => prop::collection::vec(hostile_char(), 1..12).prop_map(|v| v.into_iter().collect()),
        1 => (1usize..400).prop_map(|n| "9".repeat(n)),
        1 => prop::sample::select(vec!["\r\n", "\n\r", "\r\r\n", "\n\n\n", " \t \u{A0}"])
            .prop_map(str::to_owned),
        1 => vocab_fragment(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// Fragments of real documents: header, body, citations, footer, tables, stamps.
const VOCAB: &[&str] = &[
    "ỦY BAN NHÂN DÂN",
    "TỈNH BẮC GIANG",
    "UBND TỈNH QUẢNG BÌNH",
    "SỞ NỘI VỤ",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 12/UBND-VX",
    "Số: /UBND-NN",
    "Số 36-CV/TU",
    "Số: 30/2020/NĐ-CP",
    "Số:",
    "Số: 05/KH-UBND",
    "Bắc Giang, ngày 05 tháng 02 năm 2024",
    "Hà Nội, ngày    tháng 3 năm 2010",
    "ngày 05 tháng 02 năm 2024",
    "ngày … tháng … năm 20…",
    "Kính gửi:",
    "Kính gửi: Bộ Nội vụ.",
    "V/v nâng bậc lương",
    "V/v",
    "QUYẾT ĐỊNH",
    "CÔNG VĂN",
    "KẾ HOẠCH",
    "Về việc thành lập Tổ công tác",
    "HỎA TỐC",
    "MẬT",
    "Căn cứ Nghị định số 30/2020/NĐ-CP",
    "Căn cứ Luật Tổ chức chính quyền địa phương;",
    "Thực hiện Kế hoạch số 03/KH-UBND ngày 11/01/2024 của UBND tỉnh",
    "theo Công văn số 267",
    "Kế hoạch nêu trên",
    "Luật Đất đai năm 2013",
    "Bộ luật Lao động 2019",
    "khoản 2 Điều 5",
    "Điều 1.",
    "Điều 2. Hiệu lực",
    "Chương I",
    "Phần thứ nhất",
    "Mục 2",
    "I.",
    "II. NHIỆM VỤ",
    "1.",
    "1.1.",
    "2.3.4.",
    "a)",
    "đ)",
    "- ",
    "+ ",
    "• ",
    "Nơi nhận:",
    "Nơi nhận",
    "NƠI NHẬN",
    "Noi nhan:",
    "Kính gửi",
    "Lưu VT",
    "- Như trên;",
    "- Lưu: VT, NN.Thăng",
    "- Lưu: VT, HCSN (450 b).",
    "KT. CHỦ TỊCH",
    "TM. ỦY BAN NHÂN DÂN",
    "T/M BAN THƯỜNG VỤ",
    "PHÓ CHỦ TỊCH",
    "KT. BỘ TRƯỞNG THỨ TRƯỞNG Vũ Thị Mai",
    "Lê Ô Pích",
    "Nguyễn Văn A",
    "(Đã ký)",
    "./.",
    "Yêu cầu các đơn vị thực hiện./.",
    "| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
    "|---|---|",
    "| Số: 05/KH-UBND | Hà Nội, ngày 05 tháng 02 năm 2024 |",
    "# QUYẾT ĐỊNH",
    "**KT. CHỦ TỊCH**",
    "Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ",
    "Email: a@b.vn",
    "Cơ quan: VĂN PHÒNG CHÍNH PHỦ",
    "Thời gian ký: 20.03.2025 15:28:25 +07:00",
    "Digitally signed by CUC THUE",
    "Date: 2020.05.05 16:56:11 +07:00",
    "--- PAGE BREAK ---",
    "CÔNG BÁO/Số 361 + 362/Ngày 28-02-2025",
    "Trang 2",
    "---",
    "title: \"x\"",
    "-------",
    "*",
    "PHỤ LỤC",
    "hu\u{31B}o\u{31B}\u{309}ng va\u{300}",
    "cấp xã,",
    "huyện đạt chuẩn",
    "99999999999999999999999999/2024/QĐ-UBND",
];

fn vocab_fragment() -> impl Strategy<Value = String> {
    prop::sample::select(VOCAB).prop_map(str::to_owned)
}

/// Vietnamese-shaped random text: fragments joined by random separators.
fn vietnamese_doc() -> impl Strategy<Value = String> {
    let sep = prop::sample::select(vec![
        "\n", "\n", "\n", "\n\n", " ", "  ", "\r\n", "\t", "\n\n\n", "; ", ", ", "\n  ", "\n- ",
        "\n+ ", " | ", "\n\u{A0}", "",
    ]);
    prop::collection::vec((vocab_fragment(), sep), 0..60).prop_map(|parts| {
        let mut s = String::new();
        for (frag, sep) in parts {
            s.push_str(&frag);
            s.push_str(sep);
        }
        s
    })
}

/// Text without Markdown syntax: lines that start with a letter, made of
/// letters (with Vietnamese ones), digits, single or double spaces and
/// `,.:;/`; lines separated by one or more newlines.
fn plain_doc() -> impl Strategy<Value = String> {
    let letters: Vec<char> = "abcdeghiklmnopqrstuvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYáàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵỦỘỆỐÀ"
        .chars()
        .collect();
    let letter = prop::sample::select(letters);
    let other = prop::sample::select(vec![
        '0', '1', '2', '5', '9', ' ', ' ', ' ', ',', '.', ':', ';', '/',
    ]);
    let word_char = prop_oneof![3 => letter.clone(), 1 => other];
    let plain_line = (letter, prop::collection::vec(word_char, 0..40)).prop_map(|(first, rest)| {
        let mut s = String::new();
        s.push(first);
        s.extend(rest);
        s
    });
    // Real lines too, chosen to hold no Markdown syntax.
    let real_line = prop::sample::select(vec![
        "UBND TỈNH QUẢNG BÌNH",
        "SỞ NỘI VỤ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập, Tự do, Hạnh phúc",
        "Số: 05/SNV VP",
        "Số: 12/UBND",
        "V/v nâng bậc lương",
        "Quảng Bình, ngày 05 tháng 02 năm 2024",
        "Kính gửi: Bộ Nội vụ.",
        "QUYẾT ĐỊNH",
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Căn cứ Nghị định số 30/2020/NĐ CP;",
        "Điều 1. Phạm vi",
        "Chương I",
        "Nơi nhận:",
        "Lưu: VT, NN.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê Ô Pích",
        "Nội dung./.",
        "Thực hiện Kế hoạch số 03/KH UBND ngày 11/01/2024 của UBND tỉnh.",
    ])
    .prop_map(str::to_owned);
    let line = prop_oneof![2 => plain_line, 1 => real_line];
    let sep = prop::sample::select(vec!["\n", "\n", "\n", "\n\n", "\n\n\n"]);
    prop::collection::vec((line, sep), 0..25).prop_map(|parts| {
        let mut s = String::new();
        for (line, sep) in parts {
            s.push_str(&line);
            s.push_str(sep);
        }
        s
    })
}

/// Any of the above.
fn any_input() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => hostile_string(),
        2 => vietnamese_doc(),
        1 => plain_doc(),
        1 => any::<String>(),
    ]
}

fn any_format() -> impl Strategy<Value = InputFormat> {
    prop::sample::select(vec![
        InputFormat::Auto,
        InputFormat::Text,
        InputFormat::Markdown,
    ])
}

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

fn span_of(v: &Value) -> Option<(usize, usize)> {
    let a = v.get("span")?.as_array()?;
    match a.as_slice() {
        [s, e] => Some((s.as_u64()? as usize, e.as_u64()? as usize)),
        _ => None,
    }
}

/// Every `"span": [s, e]` anywhere in the JSON: in bounds, on char
/// boundaries, `s <= e`.
fn check_all_spans(input: &str, v: &Value, path: &str) -> Result<(), TestCaseError> {
    match v {
        Value::Object(map) => {
            if let Some((s, e)) = span_of(v) {
                prop_assert!(s <= e, "{path}: span {s}..{e} reversed");
                prop_assert!(e <= input.len(), "{path}: span {s}..{e} out of bounds");
                prop_assert!(
                    input.is_char_boundary(s) && input.is_char_boundary(e),
                    "{path}: span {s}..{e} not on char boundaries"
                );
            } else if let Some(span) = map.get("span") {
                prop_assert!(false, "{path}: malformed span {span}");
            }
            for (k, child) in map {
                check_all_spans(input, child, &format!("{path}.{k}"))?;
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                check_all_spans(input, child, &format!("{path}[{i}]"))?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Siblings are ordered and do not overlap; children lie inside their parent.
fn check_nesting(
    parent: Option<(usize, usize)>,
    siblings: &[&Value],
    path: &str,
) -> Result<(), TestCaseError> {
    let mut prev: Option<(usize, usize)> = None;
    for (i, node) in siblings.iter().enumerate() {
        let Some((s, e)) = span_of(node) else {
            continue;
        };
        if let Some((ps, pe)) = parent {
            prop_assert!(
                ps <= s && e <= pe,
                "{path}[{i}]: span {s}..{e} outside its parent {ps}..{pe}"
            );
        }
        if let Some((_, pe)) = prev {
            prop_assert!(
                pe <= s,
                "{path}[{i}]: span {s}..{e} starts before its previous sibling ends ({pe})"
            );
        }
        prev = Some((s, e));
    }
    Ok(())
}

fn children<'a>(v: &'a Value, key: &str) -> Vec<&'a Value> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn check_blocks(parent: Option<(usize, usize)>, blocks: &[&Value], path: &str) -> TestCaseResult {
    check_nesting(parent, blocks, path)?;
    for (i, b) in blocks.iter().enumerate() {
        check_blocks(
            span_of(b),
            &children(b, "items"),
            &format!("{path}[{i}].items"),
        )?;
    }
    Ok(())
}

fn check_sections(parent: Option<(usize, usize)>, secs: &[&Value], path: &str) -> TestCaseResult {
    check_nesting(parent, secs, path)?;
    for (i, s) in secs.iter().enumerate() {
        let own = span_of(s);
        let p = format!("{path}[{i}]");
        // a section's blocks come before its subsections
        let blocks = children(s, "blocks");
        let subs = children(s, "sections");
        let mut all = blocks.clone();
        all.extend(subs.iter().copied());
        check_nesting(own, &all, &format!("{p}.blocks+sections"))?;
        check_blocks(own, &blocks, &format!("{p}.blocks"))?;
        check_sections(own, &subs, &format!("{p}.sections"))?;
    }
    Ok(())
}

fn check_structure(v: &Value) -> TestCaseResult {
    let body = &v["body"];
    let preamble = children(body, "preamble");
    let sections = children(body, "sections");
    let closing = children(body, "closing");
    // preamble, sections, closing: in that order, as one run of siblings
    let mut run = preamble.clone();
    run.extend(sections.iter().copied());
    run.extend(closing.iter().copied());
    check_nesting(None, &run, "body")?;
    check_blocks(None, &preamble, "body.preamble")?;
    check_sections(None, &sections, "body.sections")?;
    check_blocks(None, &closing, "body.closing")?;
    if let Some(d) = v.get("distribution").filter(|d| !d.is_null()) {
        fn items(parent: Option<(usize, usize)>, list: &[&Value], path: &str) -> TestCaseResult {
            check_nesting(parent, list, path)?;
            for (i, it) in list.iter().enumerate() {
                items(span_of(it), &children(it, "items"), &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        items(span_of(d), &children(d, "items"), "distribution.items")?;
    }
    for (i, c) in children(v, "citations").iter().enumerate() {
        // mentions of one citation are in text order
        let mentions = children(c, "mentions");
        check_nesting(None, &mentions, &format!("citations[{i}].mentions"))?;
    }
    Ok(())
}

fn check_doc(input: &str, options: &Options) -> TestCaseResult {
    let doc = congvan::parse_with(input, options);
    let value = serde_json::to_value(&doc).expect("serialise");
    check_all_spans(input, &value, "$")?;
    check_structure(&value)?;
    // deterministic
    let json = congvan::to_json(&doc);
    let again = congvan::to_json(&congvan::parse_with(input, options));
    prop_assert_eq!(&json, &again, "parsing twice gave different JSON");
    // JSON round trip, compact and pretty
    let back: Document = serde_json::from_str(&json).expect("JSON reads back");
    prop_assert_eq!(&back, &doc);
    let back: Document =
        serde_json::from_str(&congvan::to_json_pretty(&doc)).expect("pretty JSON reads back");
    prop_assert_eq!(&back, &doc);
    Ok(())
}

/// The JSON without spans (and without the messages' offsets, which there
/// are none of): what the text and Markdown readers must agree on.
fn strip_spans(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("span");
            map.values_mut().for_each(strip_spans);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_spans),
        _ => {}
    }
}

/// `cases` cases, or `PROPTEST_CASES` when set (for long runs in release).
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        // keep failures reproducible without writing files into the tree
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    /// Arbitrary strings: no panic, spans sound, deterministic, JSON round trip.
    #[test]
    fn parse_is_total_and_sound(input in any_input(), format in any_format()) {
        check_doc(&input, &Options::new().format(format))?;
    }

    /// Vietnamese-shaped text, where the parser's paths are really taken.
    #[test]
    fn vietnamese_shaped_text_is_sound(input in vietnamese_doc(), format in any_format()) {
        check_doc(&input, &Options::new().format(format))?;
    }

    /// Normalisation is idempotent on both readers: normalising its output
    /// again gives the same text (the output is plain text, so it is read
    /// as text the second time).
    #[test]
    fn normalisation_is_idempotent(input in any_input(), markdown in any::<bool>()) {
        let format = if markdown { InputFormat::Markdown } else { InputFormat::Text };
        let once = normalize(&input, format);
        prop_assert_eq!(once.map.normalized_len(), once.text.len());
        let twice = normalize(&once.text, InputFormat::Text);
        prop_assert_eq!(&twice.text, &once.text);
    }

    /// On text without Markdown syntax the Markdown reader yields the same
    /// document as the text reader. Spans are left out of the comparison:
    /// both readers map every value back to the same input, but the Markdown
    /// reader drops runs of blank lines and leading blank lines, so the
    /// *empty* spans of diagnostics about missing parts (anchored at the
    /// first line of the normalised text) may land on a different offset.
    #[test]
    fn text_and_markdown_agree_without_markup(input in plain_doc()) {
        let text = congvan::parse_with(&input, &Options::new().format(InputFormat::Text));
        let md = congvan::parse_with(&input, &Options::new().format(InputFormat::Markdown));
        let mut a = serde_json::to_value(&text).expect("serialise");
        let mut b = serde_json::to_value(&md).expect("serialise");
        strip_spans(&mut a);
        strip_spans(&mut b);
        prop_assert_eq!(a, b, "text and Markdown readers disagree on {:?}", input);
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// Decoding arbitrary bytes never panics; lossy decoding never fails
    /// on anything but NUL bytes and the size limit.
    #[test]
    fn decode_is_total(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let strict = congvan::decode(&bytes, &Options::new());
        let lossy = congvan::decode(&bytes, &Options::new().lossy(true));
        match (&strict, &lossy) {
            (Ok(a), Ok(b)) => prop_assert_eq!(&a.text, &b.text),
            (Err(congvan::Error::InvalidUtf8 { offset }), Ok(_)) => {
                prop_assert!(*offset < bytes.len());
            }
            (Err(congvan::Error::Binary { offset }), Err(congvan::Error::Binary { offset: o2 })) => {
                prop_assert_eq!(offset, o2);
                prop_assert_eq!(bytes[*offset], 0);
            }
            other => prop_assert!(false, "unexpected results {:?}", other),
        }
        if let Ok(d) = lossy {
            let doc = congvan::parse(&d.text);
            check_all_spans(&d.text, &serde_json::to_value(&doc).expect("serialise"), "$")?;
        }
    }
}

/// The case the idempotence property found: a combining mark right after a
/// long code span composes with the span's last letter on the first pass,
/// as it would on the second (the whole span is one segment of the offset
/// map, and a tail of over 256 bytes was left uncomposed).
#[test]
fn a_mark_after_a_long_code_span_composes() {
    let input = format!("`{} O`\u{300}", "9".repeat(300));
    let once = normalize(&input, InputFormat::Markdown);
    assert!(once.text.contains(" Ò"), "{:?}", once.text);
    let twice = normalize(&once.text, InputFormat::Text);
    assert_eq!(twice.text, once.text);
}
