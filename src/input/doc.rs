//! Word 97–2003 (`.doc`): the text through the piece table of the
//! `WordDocument` stream ([MS-DOC]), the compound file read by `cfb`.
//!
//! FIB → CLX (in the `0Table`/`1Table` stream) → piece table: each piece
//! is 8-bit (Windows-1252) or UTF-16 text. Paragraph marks end paragraphs,
//! `0x0B` is a line break, cell marks (`0x07`) end table cells, and a
//! paragraph whose properties say "table row end" (`sprmPFTtp`, read from
//! the paragraph property pages) ends the row. Fields keep their result
//! and drop their code (`0x13` code `0x14` result `0x15`). The main text and
//! the footnotes are read; page headers and footers are not.

use std::io::{Cursor, Read};

use super::extracted::Extracted;
use super::table::{render, Block};
use crate::error::{Error, Result};
use crate::model::FileFormat;
use crate::options::{InputFormat, Options};

fn unreadable(reason: impl Into<String>) -> Error {
    Error::Unreadable {
        format: "doc",
        reason: reason.into(),
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn usize_at(b: &[u8], at: usize) -> Option<usize> {
    u32_at(b, at).and_then(|v| usize::try_from(v).ok())
}

/// Reads a `.doc` file.
pub(crate) fn extract(bytes: &[u8], options: &Options) -> Result<Extracted> {
    let mut cfb =
        cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let mut read = |name: &str| -> Result<Vec<u8>> {
        let mut s = cfb.open_stream(name).map_err(|_| {
            if name == "/WordDocument" {
                unreadable(
                    "no WordDocument stream: not a Word document (an encrypted .docx, \
                     or another Office file)",
                )
            } else {
                unreadable(format!("no {} stream", &name[1..]))
            }
        })?;
        let mut out = Vec::new();
        let cap = u64::try_from(options.max_size).unwrap_or(u64::MAX);
        s.by_ref()
            .take(cap)
            .read_to_end(&mut out)
            .map_err(|e| unreadable(e.to_string()))?;
        Ok(out)
    };
    let word = read("/WordDocument")?;
    let text = text_of_streams(&word, |table1| {
        read(if table1 { "/1Table" } else { "/0Table" })
    })?;
    Ok(Extracted {
        text,
        format: FileFormat::Doc,
        read_as: InputFormat::Markdown,
        pages: None,
        diagnostics: Vec::new(),
        page_starts: Vec::new(),
        file_stamps: Vec::new(),
        uncertain: Vec::new(),
        received: Vec::new(),
    })
}

/// The text of a Word 97 document from its `WordDocument` stream and the
/// table stream `read_table(table1)` gives (`1Table` when the file
/// information block says so, else `0Table`): the piece table's text, cells
/// and rows as Markdown rows, footnotes after a `Chú thích:` line.
pub(crate) fn text_of_streams(
    word: &[u8],
    read_table: impl FnOnce(bool) -> Result<Vec<u8>>,
) -> Result<String> {
    if u16_at(word, 0) == Some(0xA5EC) && u16_at(word, 2).is_some_and(|n| n < 101) {
        return Err(unreadable(
            "a Word 6/95 file (before Word 97): not supported; save it as .doc or .docx",
        ));
    }
    let fib = Fib::read(word).ok_or_else(|| unreadable("the file information block is damaged"))?;
    if fib.encrypted {
        return Err(unreadable("the file is encrypted (password-protected)"));
    }
    let table = read_table(fib.table1)?;
    let pieces = pieces(&table, fib.fc_clx, fib.lcb_clx)
        .ok_or_else(|| unreadable("the piece table is damaged"))?;
    let ttp = RowEnds::read(word, &table, fib.fc_papx, fib.lcb_papx);
    let main = text_range(word, &pieces, 0, fib.ccp_text, &ttp);
    let mut out_blocks = super::table::tab_columns(blocks(&main));
    if fib.ccp_ftn > 0 {
        let notes = text_range(
            word,
            &pieces,
            fib.ccp_text,
            fib.ccp_text + fib.ccp_ftn,
            &ttp,
        );
        super::table::push_footnotes(&mut out_blocks, blocks(&notes));
    }
    let mut text = String::with_capacity(main.len());
    render(&out_blocks, &mut text);
    Ok(text)
}

/// The parts of the file information block that are used.
struct Fib {
    encrypted: bool,
    table1: bool,
    ccp_text: usize,
    ccp_ftn: usize,
    fc_clx: usize,
    lcb_clx: usize,
    fc_papx: usize,
    lcb_papx: usize,
}

impl Fib {
    fn read(w: &[u8]) -> Option<Fib> {
        if u16_at(w, 0)? != 0xA5EC {
            return None;
        }
        let flags = u16_at(w, 0x0A)?;
        let csw = usize::from(u16_at(w, 32)?);
        let lw_at = 34 + csw * 2;
        let cslw = usize::from(u16_at(w, lw_at)?);
        let lw = lw_at + 2;
        let fc_at = lw + cslw * 4 + 2;
        let pair = |i: usize| Some((usize_at(w, fc_at + i * 8)?, usize_at(w, fc_at + i * 8 + 4)?));
        let (fc_clx, lcb_clx) = pair(33)?;
        let (fc_papx, lcb_papx) = pair(13)?;
        Some(Fib {
            encrypted: flags & 0x0100 != 0,
            table1: flags & 0x0200 != 0,
            ccp_text: usize_at(w, lw + 12)?,
            ccp_ftn: usize_at(w, lw + 16)?,
            fc_clx,
            lcb_clx,
            fc_papx,
            lcb_papx,
        })
    }
}

/// One piece: characters `cp..cp_end` stored at byte `fc`, 8-bit or UTF-16.
struct Piece {
    cp: usize,
    cp_end: usize,
    fc: usize,
    compressed: bool,
}

/// The piece table, from the CLX.
fn pieces(table: &[u8], fc: usize, lcb: usize) -> Option<Vec<Piece>> {
    let clx = table.get(fc..fc.checked_add(lcb)?)?;
    let mut at = 0;
    // skip the Prc entries (property modifiers)
    while *clx.get(at)? == 0x01 {
        let cb = usize::from(u16_at(clx, at + 1)?);
        at += 3 + cb;
    }
    if *clx.get(at)? != 0x02 {
        return None;
    }
    let lcb = usize_at(clx, at + 1)?;
    let plc = clx.get(at + 5..at + 5 + lcb)?;
    // (n + 1) CPs of 4 bytes, n PCDs of 8 bytes
    if plc.len() < 4 {
        return None;
    }
    let n = (plc.len() - 4) / 12;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let cp = usize_at(plc, i * 4)?;
        let cp_end = usize_at(plc, i * 4 + 4)?;
        let pcd = (n + 1) * 4 + i * 8;
        let fc_raw = u32_at(plc, pcd + 2)?;
        let compressed = fc_raw & 0x4000_0000 != 0;
        let fc = usize::try_from(fc_raw & 0x3FFF_FFFF).ok()?;
        out.push(Piece {
            cp,
            cp_end: cp_end.max(cp),
            fc: if compressed { fc / 2 } else { fc },
            compressed,
        });
    }
    Some(out)
}

/// What the paragraph properties say about each paragraph's place in a
/// table.
struct RowEnds {
    /// `(fc_start, fc_end, flags)` runs of paragraphs, sorted.
    runs: Vec<(usize, usize, Flags)>,
}

/// A paragraph's table flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Flags {
    /// The paragraph ends a table row (`sprmPFTtp`).
    row_end: bool,
    /// The paragraph is in a table cell (`sprmPFInTable`, `sprmPItap`).
    in_table: bool,
    /// The paragraph is centred (`sprmPJc`).
    centered: bool,
}

impl RowEnds {
    fn read(word: &[u8], table: &[u8], fc: usize, lcb: usize) -> RowEnds {
        let mut runs = Vec::new();
        let Some(plc) = fc.checked_add(lcb).and_then(|end| table.get(fc..end)) else {
            return RowEnds { runs };
        };
        if plc.len() >= 8 {
            let n = (plc.len() - 4) / 8;
            for i in 0..n {
                let Some(pn) = usize_at(plc, (n + 1) * 4 + i * 4) else {
                    break;
                };
                let Some(page) = pn.checked_mul(512).and_then(|at| word.get(at..at + 512)) else {
                    continue;
                };
                fkp(page, &mut runs);
            }
        }
        runs.sort_unstable();
        RowEnds { runs }
    }

    /// The flags of the paragraph whose mark sits at byte `fc`.
    fn at(&self, fc: usize) -> Flags {
        let i = self.runs.partition_point(|r| r.0 <= fc);
        match i.checked_sub(1).map(|i| self.runs[i]) {
            Some((start, end, flags)) if start <= fc && fc < end => flags,
            _ => Flags::default(),
        }
    }
}

/// Reads one paragraph-property page (PapxFkp).
fn fkp(page: &[u8], runs: &mut Vec<(usize, usize, Flags)>) {
    let crun = usize::from(page[511]);
    for j in 0..crun {
        let (Some(start), Some(end)) = (usize_at(page, j * 4), usize_at(page, j * 4 + 4)) else {
            return;
        };
        let bx = (crun + 1) * 4 + j * 13;
        let Some(&b_off) = page.get(bx) else {
            return;
        };
        let mut flags = Flags::default();
        if b_off != 0 {
            let at = usize::from(b_off) * 2;
            let Some(&cb) = page.get(at) else {
                continue;
            };
            let (grp_at, len) = if cb == 0 {
                let Some(&cb2) = page.get(at + 1) else {
                    continue;
                };
                (at + 2, usize::from(cb2) * 2)
            } else {
                (at + 1, usize::from(cb) * 2 - 1)
            };
            if let Some(grp) = page.get(grp_at..(grp_at + len).min(512)) {
                // skip istd
                flags = table_flags(grp.get(2..).unwrap_or(&[]));
            }
        }
        runs.push((start, end, flags));
    }
}

/// The table flags a paragraph's sprms set.
fn table_flags(mut grp: &[u8]) -> Flags {
    let mut flags = Flags::default();
    while grp.len() >= 2 {
        let sprm = u16::from_le_bytes([grp[0], grp[1]]);
        let operand = &grp[2..];
        let size = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => {
                // variable: a size byte (two for sprmTDefTable)
                if sprm == 0xD608 {
                    match operand.get(..2) {
                        Some(b) => usize::from(u16::from_le_bytes([b[0], b[1]])) + 1,
                        None => return flags,
                    }
                } else {
                    match operand.first() {
                        Some(&b) => usize::from(b) + 1,
                        None => return flags,
                    }
                }
            }
        };
        let set = operand.first().is_some_and(|&b| b != 0);
        match sprm {
            0x2417 | 0x244C if set => flags.row_end = true,
            0x2416 | 0x6649 if set => flags.in_table = true,
            0x2403 | 0x2461 => flags.centered = operand.first() == Some(&1),
            _ => {}
        }
        grp = operand.get(size..).unwrap_or(&[]);
    }
    flags
}

/// A row-end mark, in the resolved text.
const ROW_END: char = '\u{E007}';
/// A paragraph mark inside a table cell, in the resolved text.
const CELL_PARA: char = '\u{E00D}';
/// The mark of a centred paragraph, in the resolved text.
const CENTERED_PARA: char = '\u{E00C}';

/// The text of characters `from..to`, fields resolved, row-end cell marks
/// turned into [`ROW_END`].
fn text_range(word: &[u8], pieces: &[Piece], from: usize, to: usize, ttp: &RowEnds) -> String {
    let mut out = String::new();
    // field nesting: for each open field, whether its result is being read;
    // and how many open fields are still in their code (text is skipped
    // while any is), counted rather than searched for on every character
    let mut fields: Vec<bool> = Vec::new();
    let mut in_code = 0usize;
    for p in pieces {
        let (a, b) = (p.cp.max(from), p.cp_end.min(to));
        if a >= b {
            continue;
        }
        for cp in a..b {
            let k = cp - p.cp;
            let (fc, c) = if p.compressed {
                let fc = p.fc + k;
                let Some(&byte) = word.get(fc) else { break };
                (fc, cp1252(byte))
            } else {
                let fc = p.fc + k * 2;
                let Some(unit) = u16_at(word, fc) else { break };
                (fc, char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}'))
            };
            match c {
                '\u{13}' => {
                    fields.push(false);
                    in_code += 1;
                    continue;
                }
                '\u{14}' => {
                    if let Some(f) = fields.last_mut().filter(|f| !**f) {
                        *f = true;
                        in_code -= 1;
                    }
                    continue;
                }
                '\u{15}' => {
                    if fields.pop() == Some(false) {
                        in_code -= 1;
                    }
                    continue;
                }
                _ => {}
            }
            if in_code > 0 {
                continue;
            }
            match c {
                '\r' if ttp.at(fc).in_table => out.push(CELL_PARA),
                '\r' if ttp.at(fc).centered => out.push(CENTERED_PARA),
                '\r' => out.push('\n'),
                '\u{7}' if ttp.at(fc).row_end => out.push(ROW_END),
                '\u{7}' => out.push('\u{7}'),
                '\u{B}' | '\u{C}' | '\u{E}' => out.push('\u{B}'),
                '\u{1E}' => out.push('-'),
                '\u{A0}' | '\t' => out.push(if c == '\t' { '\t' } else { ' ' }),
                c if (c as u32) < 0x20 => {}
                '\u{1F}' => {}
                c => out.push(c),
            }
        }
    }
    out
}

/// Windows-1252.
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Paragraphs and tables from the resolved text: `\n` ends a paragraph,
/// [`CELL_PARA`] a paragraph in a cell, `0x0B` is a line break, `0x07` ends
/// a cell, [`ROW_END`] a row.
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut rows: Vec<Vec<Vec<String>>> = Vec::new();
    let mut row: Vec<Vec<String>> = Vec::new();
    let mut cell: Vec<String> = Vec::new();
    let mut para = String::new();
    for c in text.chars() {
        match c {
            CELL_PARA => cell.push(std::mem::take(&mut para)),
            '\n' | CENTERED_PARA => {
                if !rows.is_empty() || !row.is_empty() {
                    if !row.is_empty() {
                        rows.push(std::mem::take(&mut row));
                    }
                    out.push(Block::Table(std::mem::take(&mut rows)));
                }
                for p in cell.drain(..) {
                    out.push(Block::Paragraph {
                        text: p,
                        centered: false,
                    });
                }
                out.push(Block::Paragraph {
                    text: std::mem::take(&mut para),
                    centered: c == CENTERED_PARA,
                });
            }
            '\u{7}' => {
                cell.push(std::mem::take(&mut para));
                row.push(std::mem::take(&mut cell));
            }
            ROW_END => {
                para.clear();
                cell.clear();
                rows.push(std::mem::take(&mut row));
            }
            '\u{B}' => para.push('\n'),
            c => para.push(c),
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    if !rows.is_empty() {
        out.push(Block::Table(rows));
    }
    if !para.is_empty() || !cell.is_empty() {
        cell.push(para);
        for p in cell {
            out.push(Block::Paragraph {
                text: p,
                centered: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{blocks, table_flags, CELL_PARA, ROW_END};
    use crate::input::table::Block;

    #[test]
    fn cells_and_rows_from_marks() {
        let text = format!(
            "Mở đầu\nUBND{CELL_PARA}TỈNH A\u{7}CỘNG HÒA\u{B}Độc lập\u{7}{ROW_END}Số: 5\u{7}\u{7}{ROW_END}Sau\n"
        );
        let b = blocks(&text);
        assert_eq!(b.len(), 3, "{b:?}");
        assert_eq!(
            b[1],
            Block::Table(vec![
                vec![
                    vec!["UBND".to_owned(), "TỈNH A".to_owned()],
                    vec!["CỘNG HÒA\nĐộc lập".to_owned()]
                ],
                vec![vec!["Số: 5".to_owned()], vec![String::new()]],
            ])
        );
    }

    #[test]
    fn row_end_sprm_is_found_among_others() {
        // sprmPJc (1 byte), sprmTDefTable (2-byte size), sprmPFTtp
        let grp = [
            0x03, 0x24, 0x01, 0x08, 0xD6, 0x02, 0x00, 0xAA, 0x17, 0x24, 0x01,
        ];
        assert!(table_flags(&grp).row_end);
        assert!(!table_flags(&grp[..8]).row_end);
        assert!(!table_flags(&[0xFF]).row_end);
        assert!(table_flags(&[0x16, 0x24, 0x01]).in_table);
    }
}
