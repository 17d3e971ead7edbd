//! Web pages saved as text: a legal database's page crawled into lines.
//!
//! The crawler keeps the HTML source's line breaks, which fall anywhere
//! (`**ỦY` / `BAN NHÂN DÂN **`), writes each table cell between lines that
//! hold a lone `|`, and keeps the page's emphasis as `**` and `*` markers
//! that open on one line and close lines later. Read as plain text, the
//! header's issuer, subject and date and the signer's name are cut in
//! pieces. This reader undoes the crawl's layout, not the document's:
//!
//! - an emphasis run (`**…**`, `*…*`) is one piece of text: its markers are
//!   dropped and the line breaks inside it become spaces;
//! - a line that starts with a lower-case letter goes on from the line
//!   before (a sentence, a place name or a list item never starts in lower
//!   case), so its line break becomes a space;
//! - the lone `|` lines stay: they are the cell boundaries, read as
//!   separators by [`crate::lines`].
//!
//! Every other byte is fed as it is, so spans keep pointing at the input.

use super::writer::Writer;

/// How many lone-`|` lines make a page a crawl: a real table row or a
/// stray column pipe is never alone on its line more than a few times.
const MIN_CELL_LINES: usize = 8;

/// How many line breaks an emphasis run may span before it is taken as an
/// unbalanced marker rather than one run.
const MAX_RUN_BREAKS: usize = 8;

/// Whether `input` is a crawled web page: it has at least
/// [`MIN_CELL_LINES`] lines holding nothing but `|`.
pub(super) fn looks_like_crawl(input: &str) -> bool {
    if memchr::memchr(b'|', input.as_bytes()).is_none() {
        return false;
    }
    input
        .lines()
        .filter(|l| l.trim() == "|")
        .nth(MIN_CELL_LINES - 1)
        .is_some()
}

/// One change to the input: `len` bytes at `at` dropped (`join: false`) or
/// a line break at `at` read as a space (`join: true`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Edit {
    at: usize,
    len: usize,
    join: bool,
}

/// Feeds the crawled page `input` into `w`, undoing the crawl's layout.
pub(super) fn feed(input: &str, w: &mut Writer) {
    let mut edits = emphasis_edits(input);
    edits.extend(lower_case_joins(input));
    edits.sort_unstable();
    edits.dedup_by_key(|e| e.at);
    let mut at = 0;
    for e in edits {
        if e.at < at {
            continue;
        }
        w.feed_exact(&input[at..e.at], at);
        if e.join {
            w.feed_replaced(" ", e.at, e.len);
        }
        at = e.at + e.len;
    }
    w.feed_exact(&input[at..], at);
}

/// The lines of `input` with the offset each starts at (without the `\n`
/// and a `\r` before it).
fn lines_at(input: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    input.split('\n').map(move |l| {
        let start = at;
        at += l.len() + 1;
        (start, l.strip_suffix('\r').unwrap_or(l))
    })
}

/// The line break that ends the line at `start`: its offset and length
/// (`\n` or `\r\n`), or `None` for the last line.
fn break_after(input: &str, start: usize, line: &str) -> Option<(usize, usize)> {
    let end = start + line.len();
    match input.as_bytes().get(end) {
        Some(b'\n') => Some((end, 1)),
        Some(b'\r') => Some((end, 2)),
        _ => None,
    }
}

/// Whether a line ends a table cell or a paragraph: emphasis never runs
/// across it.
fn is_boundary(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t == "|"
}

/// An emphasis run still open: where its marker is, and the line breaks
/// (offset, length) seen since.
type OpenRun = (usize, Vec<(usize, usize)>);

/// Whether a line is an ornament: stars only, but for a lone `**` (which
/// opens a run on the next line).
fn is_ornament(line: &str) -> bool {
    let t = line.trim();
    t != "**" && t.bytes().all(|b| b == b'*')
}

/// The markers of emphasis runs to drop, and the line breaks inside runs to
/// read as spaces.
///
/// A run of one or two `*` is a marker (longer runs and lines of nothing
/// but stars are ornaments, as the `*****` under a Party issuer); markers of
/// one length open and close in turn, and a run still open at a cell
/// boundary is closed there. `(*)` is a footnote sign, not a marker.
fn emphasis_edits(input: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    // per marker length (1, 2): where the open run's marker is, and the
    // line breaks seen since
    let mut open: [Option<OpenRun>; 2] = [None, None];
    for (start, line) in lines_at(input) {
        if is_boundary(line) || is_ornament(line) {
            for slot in &mut open {
                if let Some((marker, _)) = slot.take() {
                    edits.push(Edit {
                        at: marker,
                        len: run_len(input, marker),
                        join: false,
                    });
                }
            }
            continue;
        }
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'*' {
                i += 1;
                continue;
            }
            let len = b[i..].iter().take_while(|&&c| c == b'*').count();
            let footnote = i > 0 && b[i - 1] == b'(' || b.get(i + len) == Some(&b')');
            if len <= 2 && !footnote {
                let at = start + i;
                match open[len - 1].take() {
                    Some((marker, breaks)) => {
                        edits.push(Edit {
                            at: marker,
                            len,
                            join: false,
                        });
                        edits.push(Edit {
                            at,
                            len,
                            join: false,
                        });
                        if breaks.len() <= MAX_RUN_BREAKS {
                            edits.extend(breaks.into_iter().map(|(at, len)| Edit {
                                at,
                                len,
                                join: true,
                            }));
                        }
                    }
                    None => open[len - 1] = Some((at, Vec::new())),
                }
            }
            i += len;
        }
        if let Some(brk) = break_after(input, start, line) {
            for (_, breaks) in open.iter_mut().flatten() {
                breaks.push(brk);
            }
        }
    }
    for (marker, _) in open.into_iter().flatten() {
        edits.push(Edit {
            at: marker,
            len: run_len(input, marker),
            join: false,
        });
    }
    edits
}

/// The length of the run of `*` at `at`.
fn run_len(input: &str, at: usize) -> usize {
    input.as_bytes()[at..]
        .iter()
        .take_while(|&&c| c == b'*')
        .count()
}

/// The line breaks before lines that start with a lower-case letter (after
/// emphasis markers and spaces), when the line before holds text.
fn lower_case_joins(input: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    // the break after the last line, when that line holds text
    let mut prev: Option<(usize, usize)> = None;
    for (start, line) in lines_at(input) {
        let lead = line.trim_start_matches(['*', ' ', '\t', '\u{A0}']);
        let lower = lead.chars().next().is_some_and(char::is_lowercase);
        if let (true, Some((at, len))) = (lower, prev) {
            edits.push(Edit {
                at,
                len,
                join: true,
            });
        }
        let text = !is_boundary(line) && !is_ornament(line);
        prev = break_after(input, start, line).filter(|_| text);
    }
    edits
}

#[cfg(test)]
mod tests {
    use crate::normalize::normalize;
    use crate::options::InputFormat;

    fn lines(input: &str) -> Vec<String> {
        let n = normalize(input, InputFormat::Auto);
        n.text.lines().map(|l| l.trim().to_owned()).collect()
    }

    fn crawl(body: &str) -> String {
        format!("{}{body}", "|\n".repeat(super::MIN_CELL_LINES))
    }

    #[test]
    fn emphasis_runs_across_lines_are_one_line() {
        let got = lines(&crawl(
            "**ỦY\nBAN NHÂN DÂN **\nTỈNH X\n|\n*Hà Nội, ngày\n05 tháng 02 năm 2024*\n",
        ));
        assert!(got.contains(&"ỦY BAN NHÂN DÂN".to_owned()), "{got:?}");
        assert!(got.contains(&"TỈNH X".to_owned()), "{got:?}");
        assert!(
            got.contains(&"Hà Nội, ngày 05 tháng 02 năm 2024".to_owned()),
            "{got:?}"
        );
    }

    #[test]
    fn lower_case_lines_continue_the_line_before() {
        let got = lines(&crawl(
            "**Kính\ngửi:**\n|\nSố: 12/UBND\nV/v rà soát và\nchuẩn hóa dữ liệu\n",
        ));
        assert!(got.contains(&"Kính gửi:".to_owned()), "{got:?}");
        assert!(
            got.contains(&"V/v rà soát và chuẩn hóa dữ liệu".to_owned()),
            "{got:?}"
        );
        assert!(got.contains(&"Số: 12/UBND".to_owned()), "{got:?}");
    }

    #[test]
    fn a_run_does_not_cross_a_cell_and_ornaments_stay() {
        let got = lines(&crawl("**VĂN PHÒNG\n|\n*****\nSố 12-TB/VPTW (*)\n"));
        assert!(got.contains(&"VĂN PHÒNG".to_owned()), "{got:?}");
        assert!(got.contains(&"*****".to_owned()), "{got:?}");
        assert!(got.contains(&"Số 12-TB/VPTW (*)".to_owned()), "{got:?}");
    }

    #[test]
    fn spans_point_at_the_input() {
        let input = crawl("**Bùi\nXuân Cường**\n");
        let n = normalize(&input, InputFormat::Auto);
        let at = n.text.find("Bùi Xuân Cường").unwrap();
        let (a, b) = n.map.map_range(at, at + "Bùi Xuân Cường".len());
        assert_eq!(&input[a..b], "Bùi\nXuân Cường");
    }

    #[test]
    fn plain_text_with_few_pipes_is_not_a_crawl() {
        assert!(!super::looks_like_crawl("a\n|\nb\n|\n**c\nd**\n"));
        assert!(super::looks_like_crawl(&crawl("x")));
    }
}
