//! Columns in layout text: lines whose characters sit at their page
//! positions (`pdftotext -layout`), split into the two columns of an
//! administrative document's header and signature block.
//!
//! The header sets the issuer and number on the left and the national
//! heading and date on the right; the signature block sets `Nơi nhận` on
//! the left and the signer on the right. Read line by line, each line holds
//! halves of both. Here the column boundary is taken from the line that
//! starts the right column (`CỘNG HÒA …`, or the line of `Nơi nhận:`), each
//! line of the region is cut at the gap nearest that boundary, and each
//! column comes out whole: left lines, a blank line, right lines.

/// A run of text on a line: its first column (in characters) and the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment<'a> {
    col: usize,
    text: &'a str,
}

/// Runs of text separated by two spaces or more.
fn segments(line: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (col, byte)
    let mut spaces = 0;
    let mut last_end = 0;
    for (col, (byte, c)) in line.char_indices().enumerate() {
        if c == ' ' {
            spaces += 1;
            if spaces >= 2 {
                if let Some((scol, sbyte)) = start.take() {
                    out.push(Segment {
                        col: scol,
                        text: &line[sbyte..last_end],
                    });
                }
            }
        } else {
            if start.is_none() {
                start = Some((col, byte));
            }
            spaces = 0;
            last_end = byte + c.len_utf8();
        }
    }
    if let Some((scol, sbyte)) = start {
        out.push(Segment {
            col: scol,
            text: &line[sbyte..last_end],
        });
    }
    out
}

/// How far left of the boundary a right-column line may start (centred
/// lines under a wider one).
const SLACK: usize = 12;

/// Cuts `line` at the boundary `x`: the left and right text (either empty).
fn cut(line: &str, x: usize) -> (String, String) {
    let segs = segments(line);
    let right_from = segs
        .iter()
        .enumerate()
        .filter(|(_, s)| s.col + SLACK >= x)
        .min_by_key(|(_, s)| s.col.abs_diff(x))
        .map(|(i, _)| i);
    let join = |s: &[Segment<'_>]| s.iter().map(|s| s.text).collect::<Vec<&str>>().join(" ");
    // the left column keeps its indentation (a wrapped `Nơi nhận` item
    // is indented under its dash)
    let indent = |s: &[Segment<'_>]| match s.first() {
        Some(first) if !s.is_empty() => format!("{}{}", " ".repeat(first.col.min(8)), join(s)),
        _ => String::new(),
    };
    match right_from {
        Some(i) => (indent(&segs[..i]), join(&segs[i..])),
        None => (indent(&segs), String::new()),
    }
}

fn upper_starts(text: &str, prefixes: &[&str]) -> bool {
    let up = text.to_uppercase();
    prefixes.iter().any(|p| up.starts_with(p))
}

/// The header region of the first page: `(start, end, x)`, lines
/// `start..=end` cut at column `x`.
fn header_region(lines: &[&str]) -> Option<(usize, usize, usize)> {
    let start = lines.iter().position(|l| !l.trim().is_empty())?;
    let window = (start + 15).min(lines.len());
    let (h, x) = (start..window).find_map(|i| {
        // the national heading starts the right column: after a left part
        // on its line, or alone, pushed right
        segments(lines[i])
            .iter()
            .enumerate()
            .find(|(k, s)| {
                (*k > 0 || s.col >= 20)
                    && upper_starts(s.text, &["CỘNG HÒA", "CỘNG HOÀ", "ĐẢNG CỘNG SẢN"])
            })
            .map(|(_, s)| (i, s.col))
    })?;
    // the header ends at the first gap of two blank lines (a title below,
    // centred, would otherwise read as a right column)
    let mut limit = (h + 9).min(lines.len());
    for i in h + 1..limit {
        if i + 1 < lines.len() && lines[i].trim().is_empty() && lines[i + 1].trim().is_empty() {
            limit = i;
            break;
        }
    }
    let date = (h..limit).find(|&i| {
        let right = cut(lines[i], x).1;
        right.contains("ngày") || right.contains("năm 20") || right.contains("năm 19")
    });
    let end = match date {
        Some(d) => d,
        None => (h..limit)
            .rev()
            .find(|&i| {
                let (l, r) = cut(lines[i], x);
                !l.is_empty() && !r.is_empty()
            })
            .unwrap_or(h),
    };
    Some((start, end, x))
}

/// The signature region: `(start, end, x)`.
fn signature_region(lines: &[&str], from: usize) -> Option<(usize, usize, usize)> {
    let s = (from..lines.len()).find(|&i| upper_starts(lines[i].trim_start(), &["NƠI NHẬN"]))?;
    let x = (s..(s + 4).min(lines.len())).find_map(|i| {
        let segs = segments(lines[i]);
        (segs.len() >= 2 && segs[0].col < 12).then(|| segs[1].col)
    })?;
    // right-column lines just above `Nơi nhận` (`TM. ỦY BAN NHÂN DÂN`)
    let mut start = s;
    while start > from && start + 3 > s {
        let segs = segments(lines[start - 1]);
        match segs.as_slice() {
            [only] if only.col + SLACK >= x => start -= 1,
            _ => break,
        }
    }
    let mut end = s;
    let mut blanks = 0;
    for (i, line) in lines.iter().enumerate().skip(s + 1).take(60) {
        if line.trim().is_empty() {
            blanks += 1;
            if blanks >= 3 {
                break;
            }
            continue;
        }
        blanks = 0;
        end = i;
    }
    Some((start, end, x))
}

/// Renders the lines of one page, with the header (on the first page) and
/// the signature block split into their columns.
pub(crate) fn columns(lines: &[&str], first_page: bool) -> String {
    let mut regions = Vec::new();
    let mut from = 0;
    if first_page {
        if let Some(r) = header_region(lines) {
            from = r.1 + 1;
            regions.push((r, false));
        }
    }
    if let Some(r) = signature_region(lines, from) {
        regions.push((r, true));
    }
    let mut out = String::new();
    let mut i = 0;
    // centring in the header is not structure; indentation under a
    // `Nơi nhận` dash is
    for ((start, end, x), indented) in regions {
        for line in &lines[i..start] {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for line in &lines[start..=end] {
            let (l, r) = cut(line, x);
            if !l.is_empty() {
                left.push(l);
            }
            if !r.is_empty() {
                right.push(r);
            }
        }
        // the left column's common indentation is page margin
        // (counted in ASCII spaces, so that a cut never falls inside a
        // character such as U+3000)
        let spaces = |l: &str| l.bytes().take_while(|&b| b == b' ').count();
        let margin = left.iter().map(|l| spaces(l)).min().unwrap_or(0);
        let left: Vec<String> = left
            .into_iter()
            .map(|l| {
                if indented {
                    l[margin.min(spaces(&l))..].to_owned()
                } else {
                    l.trim_start().to_owned()
                }
            })
            .collect();
        for column in [left, right] {
            if column.is_empty() {
                continue;
            }
            for line in column {
                out.push_str(&line);
                out.push('\n');
            }
            out.push('\n');
        }
        i = end + 1;
    }
    for line in &lines[i.min(lines.len())..] {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{columns, cut, segments};

    #[test]
    fn a_national_heading_alone_on_its_line_still_starts_the_right_column() {
        let page = [
            "                                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "     BỘ NỘI VỤ                    Độc lập - Tự do - Hạnh phúc",
            "   Số: 12/BNV-VP                Hà Nội, ngày 5 tháng 3 năm 2025",
            "V/v thử",
        ];
        let out = columns(&page, true);
        assert!(
            out.starts_with("BỘ NỘI VỤ\nSố: 12/BNV-VP\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"),
            "{out}"
        );
    }

    #[test]
    fn odd_white_space_never_splits_a_character() {
        // the margin (five spaces) would fall inside the U+3000 of the
        // second line if it were counted in bytes of any white space
        let page = [
            "     Nơi nhận:                    KT. BỘ TRƯỞNG",
            "    \u{3000}- Như trên;               THỨ TRƯỞNG",
            "      \t- Lưu: VT.",
            "\u{3000}\u{3000}",
        ];
        let out = columns(&page, false);
        assert!(out.contains("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n"), "{out}");
    }

    #[test]
    fn segments_split_on_wide_gaps() {
        let s = segments("   Số: 12 /UBND    Hà Nội, ngày 5");
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].col, s[0].text), (3, "Số: 12 /UBND"));
        assert_eq!((s[1].col, s[1].text), (19, "Hà Nội, ngày 5"));
        assert_eq!(cut("- Như trên;          THỨ TRƯỞNG", 21).1, "THỨ TRƯỞNG");
        assert_eq!(cut("- Như trên;", 21).1, "");
    }

    #[test]
    fn header_and_signature_come_out_column_by_column() {
        let page = [
            "      BỘ NỘI VỤ            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "                              Độc lập - Tự do - Hạnh phúc",
            "",
            "  Số: 8151 /BNV-CCHC         Hà Nội, ngày 18 tháng 9 năm 2025",
            "V/v lấy ý kiến",
            "",
            "      Nội dung./.",
            "Nơi nhận:                         KT. BỘ TRƯỞNG",
            "- Như trên;                        THỨ TRƯỞNG",
            "- Lưu: VT.",
            "",
            "                                  Nguyễn Văn A",
        ];
        let out = columns(&page, true);
        assert_eq!(
            out,
            "BỘ NỘI VỤ\nSố: 8151 /BNV-CCHC\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
             Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 18 tháng 9 năm 2025\n\n\
             V/v lấy ý kiến\n\n      Nội dung./.\n\
             Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Văn A\n\n"
        );
    }
}
