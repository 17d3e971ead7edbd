//! `congvan parse --trace`: the library's line trace as a table for people.

use std::fmt::Write as _;

use congvan::trace::TracedLine;

use crate::check::clean;

/// How many chars of a line's text a row shows; the rest is `…`.
const TEXT_CHARS: usize = 60;

/// One row per traced line: `LINE:COL  KIND  STAGE  TEXT  [VALUES]`, under
/// a `trace: NAME` title. The text is cut after [`TEXT_CHARS`] chars, and
/// its control characters are shown as spaces, so a document cannot drive
/// the terminal.
pub(crate) fn render(name: &str, text: &str, lines: &[TracedLine]) -> String {
    let at = |l: &TracedLine| format!("{}:{}", l.position.line, l.position.column);
    let width = lines.iter().map(|l| at(l).len()).max().unwrap_or(3);
    let mut out = format!("trace: {name}\n");
    for l in lines {
        let source = l.span.slice(text).unwrap_or_default();
        let mut shown = clean(source);
        if let Some((cut, _)) = shown.char_indices().nth(TEXT_CHARS) {
            shown.truncate(cut);
            shown.push('…');
        }
        let row = format!(
            "{:>width$}  {:<9}  {:<12}  {}",
            at(l),
            l.kind.as_str(),
            l.stage.as_str(),
            shown,
        );
        out.push_str(row.trim_end());
        if !l.values.is_empty() {
            let _ = write!(out, "  [{}]", l.values.join(", "));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_give_position_kind_stage_text_and_values() {
        let long = "Nội dung rất dài ".repeat(10);
        let text =
            format!("UBND TỈNH BẮC GIANG\nSố: 05/UBND-VX\n\nNội\u{1b}[31m dung./.\n{long}\n");
        let lines = congvan::trace::trace(&text, &congvan::Options::default());
        let out = render("f.txt", &text, &lines);
        let rows: Vec<&str> = out.lines().collect();
        assert_eq!(rows[0], "trace: f.txt");
        assert_eq!(
            rows[1],
            "1:1  content    header        UBND TỈNH BẮC GIANG  [issuer]"
        );
        assert_eq!(
            rows[2],
            "2:1  content    header        Số: 05/UBND-VX  [number]"
        );
        assert_eq!(rows[3], "3:1  blank      header");
        // the escape sequence is not passed to the terminal
        assert!(rows[4].starts_with("4:1  content    "), "{}", rows[4]);
        assert!(rows[4].contains("Nội [31m dung./."), "{}", rows[4]);
        // a long line is cut
        let cut: String = long.chars().take(TEXT_CHARS).collect();
        assert!(rows[5].contains(&format!("{cut}…")), "{}", rows[5]);
        assert!(!rows[5].contains(long.trim_end()), "{}", rows[5]);
    }
}
