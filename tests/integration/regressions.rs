//! Inputs that once broke an invariant (found by the property tests and the
//! fuzzers of issue 6), each with the check that failed.

use congvan::normalize::normalize;
use congvan::{Document, InputFormat, Options};
use serde_json::Value;

fn parse(input: &str, format: InputFormat) -> Document {
    congvan::parse_with(input, &Options::new().format(format))
}

/// Every span in bounds and on char boundaries.
fn assert_spans_sound(input: &str, v: &Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Array(a)) = map.get("span") {
                let s = a[0].as_u64().unwrap() as usize;
                let e = a[1].as_u64().unwrap() as usize;
                assert!(s <= e && e <= input.len(), "span {s}..{e} out of bounds");
                assert!(
                    input.is_char_boundary(s) && input.is_char_boundary(e),
                    "span {s}..{e} not on char boundaries of {input:?}"
                );
            }
            map.values().for_each(|c| assert_spans_sound(input, c));
        }
        Value::Array(items) => items.iter().for_each(|c| assert_spans_sound(input, c)),
        _ => {}
    }
}

fn span(v: &Value) -> (u64, u64) {
    let a = v["span"].as_array().unwrap();
    (a[0].as_u64().unwrap(), a[1].as_u64().unwrap())
}

fn idempotent(input: &str, format: InputFormat) {
    let once = normalize(input, format).text;
    let twice = normalize(&once, InputFormat::Text).text;
    assert_eq!(twice, once, "normalising {input:?} again changed it");
}

/// src/normalize/mod.rs: a zero-width space between a letter and its
/// combining mark was deleted after the NFC step, leaving `y` + U+0307
/// uncomposed (normalising again composed it).
#[test]
fn zero_width_between_letter_and_mark() {
    idempotent("y\u{200B}\u{307}", InputFormat::Text);
    assert_eq!(normalize("y\u{200B}\u{307}", InputFormat::Text).text, "ẏ");
    let input = "hu\u{31B}\u{200B}o\u{31B}\u{309}ng";
    assert_eq!(normalize(input, InputFormat::Text).text, "hưởng");
}

/// src/normalize/mod.rs: a zero-width space inside a run of spaces left two
/// spaces; so did pieces of Markdown text meeting at a space, and a code
/// span after a space.
#[test]
fn zero_width_and_markdown_pieces_inside_space_runs() {
    idempotent("a \u{200B} b", InputFormat::Text);
    assert_eq!(normalize("a \u{200B} b", InputFormat::Text).text, "a b");
    idempotent("\u{a0}\t`\u{3000}`", InputFormat::Markdown);
    idempotent("a *  b*", InputFormat::Markdown);
}

/// src/normalize/mod.rs: combining marks at the start of a Markdown piece
/// (after emphasis or inside a code span) were not composed with the
/// letter before them.
#[test]
fn marks_across_markdown_pieces_compose() {
    for input in [
        "h`\u{307}`",
        "\u{300}`\u{316}` ",
        "a&#x301;",
        "ư*\u{309}*ng",
    ] {
        idempotent(input, InputFormat::Markdown);
        let doc = parse(input, InputFormat::Markdown);
        assert_spans_sound(input, &serde_json::to_value(&doc).unwrap());
    }
    assert_eq!(
        normalize("ư*\u{309}*ng", InputFormat::Markdown).text.trim(),
        "ửng"
    );
}

/// src/normalize/markdown.rs: the end of a paragraph added one line break,
/// not a blank line, so the next paragraph was read as the same one (a
/// title's subject swallowed the first body paragraph).
#[test]
fn markdown_paragraphs_stay_apart() {
    // (the next paragraph in capitals: a subject's line in small letters
    // after a blank line goes on with it, the way OCR spaces lines)
    let input = "QUYẾT ĐỊNH\na\n\nBa\n";
    let text = parse(input, InputFormat::Text);
    let md = parse(input, InputFormat::Markdown);
    assert_eq!(md.subject.as_ref().map(|s| s.text.as_str()), Some("a"));
    assert_eq!(
        md.subject.as_ref().map(|s| &s.text),
        text.subject.as_ref().map(|s| &s.text)
    );
    assert_eq!(md.body.preamble.len(), 1);
}

/// src/body.rs: a section's inline text after `:` got a span computed from
/// the joined paragraph text, which is not a slice of the input when a
/// noise line (Công báo header) sits between its lines: mid-char span.
#[test]
fn section_text_after_noise_line_has_sound_span() {
    let input = "ĐẢNG CỘNG SẢN VIỆT NAM\nỦY BAN NHÂN DÂN\r\nĐiều 2. Hiệu lực\r\nCÔNG BÁO/Số 361 + 362/Ngày 28-02-2025\n  Kính gửi: Bộ Nội vụ.\n";
    let doc = parse(input, InputFormat::Auto);
    let v = serde_json::to_value(&doc).unwrap();
    assert_spans_sound(input, &v);
    let block = &v["body"]["sections"][0]["blocks"][0];
    let (s, e) = span(block);
    assert_eq!(&input[s as usize..e as usize], "Bộ Nội vụ.");
}

/// src/footer.rs: a `Nơi nhận` sub-item continued on the next line grew
/// past the end of its parent item.
#[test]
fn continued_distribution_sub_item_stays_inside_parent() {
    // (`+` items nest under an item that ends with `:`)
    let input = "ỦY BAN NHÂN DÂN\r\nNơi nhận:\n- ỦY BAN NHÂN DÂN:\n+ Số: 12/UBND-VX\nQUYẾT ĐỊNH Căn cứ Nghị định số 30/2020/NĐ-CP\n";
    let doc = parse(input, InputFormat::Auto);
    let d = doc.distribution.expect("distribution");
    let parent = &d.items[0];
    let child = &parent.items[0];
    assert!(child.span.end <= parent.span.end, "{parent:?}");
    assert!(parent.span.end <= d.span.end);
}

/// src/body.rs: a closing paragraph (`… ./.`) followed by a section stayed
/// in `closing`, before the section in the text but after it in the model;
/// and a chapter took an upper-case line after the closing as its title.
#[test]
fn closing_is_only_after_the_last_section() {
    let input = "ĐẢNG CỘNG SẢN VIỆT NAM\nChương I\nỦY BAN NHÂN DÂN\n\n\nYêu cầu các đơn vị thực hiện./. ỦY BAN NHÂN DÂN\nPhần thứ nhất\n";
    let doc = parse(input, InputFormat::Auto);
    let last_section_end = doc.body.sections.iter().map(|s| s.span.end).max();
    for c in &doc.body.closing {
        assert!(Some(c.span().start) >= last_section_end, "{doc:#?}");
    }
    let input = "ĐẢNG CỘNG SẢN VIỆT NAM\n\n\nChương I\n\nYêu cầu các đơn vị thực hiện./. ỦY BAN NHÂN DÂN\nỦY BAN NHÂN DÂN\n\n\nĐộc lập - Tự do - Hạnh phúc\n";
    let doc = parse(input, InputFormat::Auto);
    let last_section_end = doc.body.sections.iter().map(|s| s.span.end).max();
    for c in &doc.body.closing {
        assert!(Some(c.span().start) >= last_section_end, "{doc:#?}");
    }
}

/// src/body.rs: numbered sections nested one level per dot without limit
/// (`1.1.1.…`), so a deep enough numbering made JSON that serde_json cannot
/// read back (its recursion limit is 128).
#[test]
fn deep_numbering_reads_back() {
    let mut input = String::new();
    let mut label = String::from("1");
    for k in 0..100 {
        input.push_str(&format!("{label}. Mục {k}\n"));
        label.push_str(".1");
    }
    let doc = parse(&input, InputFormat::Text);
    let back: Document = serde_json::from_str(&congvan::to_json(&doc)).expect("reads back");
    assert_eq!(back, doc);
}

/// src/normalize/markdown.rs: the items of a nested Markdown list were
/// written on their parent's line (`- a+ b`), merging them into one item.
#[test]
fn nested_markdown_list_items_keep_their_lines() {
    let input = "Nội dung:\n\n- mục a\n  + mục b\n    - mục c\n";
    let text = normalize(input, InputFormat::Markdown).text;
    assert!(text.contains("- mục a\n+ mục b\n- mục c"), "{text:?}");
}

/// src/cite/resolve.rs: a back-reference by number (`Công văn số 1`) looked
/// at every earlier citation with that number: quadratic when thousands
/// share it. Now a tally per number and type answers in O(1); the answers
/// must not change.
#[test]
fn back_references_by_number_resolve_as_before() {
    let text = "Thực hiện Công văn số 5/UBND-VX và Kế hoạch số 5/KH-UBND, Công văn số 5 nêu rõ.";
    let doc = parse(text, InputFormat::Text);
    assert_eq!(doc.citations.len(), 2);
    assert_eq!(doc.citations[0].mentions.len(), 2, "{:#?}", doc.citations);
    // two công văn numbered 5: the back-reference is ambiguous and dropped
    let text = "Thực hiện Công văn số 5/UBND-VX, Công văn số 5/SNV-TC và Công văn số 5 nói trên.";
    let doc = parse(text, InputFormat::Text);
    assert!(doc.citations.iter().all(|c| c.mentions.len() == 1));
    // thousands sharing a number stay fast (linear) and ambiguous
    let mut text = String::from("Thực hiện ");
    for i in 0..2_000 {
        text.push_str(&format!("Công văn số 1/UBND-X{i}, "));
    }
    text.push_str(&"Công văn số 1 và ".repeat(2_000));
    let doc = parse(&text, InputFormat::Text);
    assert_eq!(doc.citations.len(), 2_000);
    assert!(doc.citations.iter().all(|c| c.mentions.len() == 1));
}

/// src/decode.rs: UTF-16 with an odd number of bytes lost its last byte
/// without a trace; it now ends in U+FFFD.
#[test]
fn utf16_odd_byte_is_not_lost() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Số".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    bytes.push(b'x');
    let text = congvan::decode(&bytes, &Options::new()).unwrap().text;
    assert_eq!(text, "Số\u{FFFD}");
}

/// src/footer.rs: `Nơi nhận` without a colon: the label's length was taken
/// as 8 *bytes* (`"noi nhan".len()`), which falls inside `ậ`, and slicing
/// there panicked. Found by the `parse_markdown` fuzzer
/// (crash-f9cf15b5145cb01706d17118d2b028412be1fb93), also in plain text.
#[test]
fn noi_nhan_without_colon() {
    for input in [
        "Xong./.\nNơi nhận\n- Như trên;\n- Lưu: VT.\n",
        "Xong./.\nNơi nhận\u{FFFD}\n- Văn phòng Chính phủ;\n",
        "Nơi nhận",
        "**Nơi nhận**\n- Như trên;",
    ] {
        for format in [InputFormat::Text, InputFormat::Markdown] {
            let doc = parse(input, format);
            assert_spans_sound(input, &serde_json::to_value(&doc).unwrap());
        }
    }
    let input = "Xong./.\nNơi nhận\n- Như trên;\n- Lưu: VT.\n";
    let d = parse(input, InputFormat::Text)
        .distribution
        .expect("distribution");
    assert_eq!(d.items[0].text, "Như trên");
    assert_eq!(d.archive.expect("archive").units, ["VT"]);
}

/// Every input a fuzzer crashed on or reported as slow
/// (`tests/fuzz_crashes/TARGET-{crash,timeout,slow-unit}-…`, the bytes as
/// found): read lossily, parsed as text and as Markdown, with sound spans
/// and a JSON round trip. The timeouts were the first input of a fuzzing
/// process paying for regex compilation under AddressSanitizer on a loaded
/// machine; each parses in well under a millisecond.
#[test]
fn fuzz_crash_inputs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_crashes");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/fuzz_crashes") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let _ = congvan::decode(&bytes, &Options::new());
        let text = String::from_utf8_lossy(&bytes);
        for format in [InputFormat::Auto, InputFormat::Text, InputFormat::Markdown] {
            let doc = parse(&text, format);
            assert_spans_sound(&text, &serde_json::to_value(&doc).unwrap());
            let back: Document = serde_json::from_str(&congvan::to_json(&doc)).unwrap();
            assert_eq!(back, doc, "{}", path.display());
        }
        n += 1;
    }
    assert!(n > 0);
}

/// proptest found it: a zero-width space between two combining marks in
/// otherwise NFC text; deleting it must not leave the marks out of order.
#[test]
fn zero_width_between_marks_in_nfc_text_is_idempotent() {
    use congvan::normalize::normalize;
    use congvan::InputFormat;
    let once = normalize("\u{30d}\u{200b}\u{316}", InputFormat::Text).text;
    assert_eq!(normalize(&once, InputFormat::Text).text, once);
}

/// src/normalize/mod.rs and src/lines.rs: a tab is kept as a column border
/// in text, but a Markdown code span is one replaced segment that a border
/// must not cut (two cells mapped onto one input range overlapped), and a
/// tab meeting a space from another piece left both.
#[test]
fn tabs_in_markdown_pieces_are_white_space() {
    idempotent("a\u{b}`\t`", InputFormat::Markdown);
    idempotent("\u{a0}\t`\u{3000}`", InputFormat::Markdown);
    let doc = parse("`Lưu VT\t-`0", InputFormat::Markdown);
    let v = serde_json::to_value(&doc).unwrap();
    assert_spans_sound("`Lưu VT\t-`0", &v);
    assert_eq!(normalize("a\t\tb", InputFormat::Text).text, "a\tb");
}
