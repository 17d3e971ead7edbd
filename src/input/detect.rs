//! Telling a file's format from its first bytes.

use crate::model::FileFormat;

/// The OLE compound file signature (`.doc`, `.xls`, encrypted `.docx`, …).
pub(crate) const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The format of `bytes`, from their content, never from a file name.
///
/// A zip archive is a `.docx` when it holds `word/document.xml` (its name
/// is looked for in the archive's directory, not trusted from the first
/// entry); any OLE compound file is taken as a `.doc` (its reader says so
/// when there is no `WordDocument` stream, as in an encrypted `.docx`);
/// `%PDF-` at the start, or after binary junk within the first kilobyte, is
/// a PDF; PNG, JPEG and TIFF signatures are images; everything else is
/// text.
///
/// ```
/// use congvan::input::{detect, FileFormat};
///
/// assert_eq!(detect(b"%PDF-1.7\n..."), FileFormat::Pdf);
/// assert_eq!(detect("Số: 05/UBND-VX".as_bytes()), FileFormat::Text);
/// ```
pub fn detect(bytes: &[u8]) -> FileFormat {
    if bytes.starts_with(&CFB_MAGIC) {
        return FileFormat::Doc;
    }
    if bytes.starts_with(b"PK\x03\x04")
        && memchr::memmem::find(bytes, b"word/document.xml").is_some()
    {
        return FileFormat::Docx;
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
    {
        return FileFormat::Image;
    }
    let head = &bytes[..bytes.len().min(1024)];
    if let Some(at) = memchr::memmem::find(head, b"%PDF-") {
        // readers accept junk before the header; a text that quotes `%PDF-`
        // early is still text
        let before = &head[..at];
        let text_before =
            std::str::from_utf8(before.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(before))
                .is_ok_and(|t| !t.contains('\0') && !t.trim().is_empty());
        if !text_before {
            return FileFormat::Pdf;
        }
    }
    FileFormat::Text
}

#[cfg(test)]
mod tests {
    use super::{detect, FileFormat, CFB_MAGIC};

    #[test]
    fn formats_by_magic() {
        assert_eq!(detect(b"PK\x03\x04....word/document.xml"), FileFormat::Docx);
        assert_eq!(detect(b"PK\x03\x04....xl/workbook.xml"), FileFormat::Text);
        let mut ole = CFB_MAGIC.to_vec();
        ole.extend_from_slice(&[0; 8]);
        assert_eq!(detect(&ole), FileFormat::Doc);
        assert_eq!(detect(b"\xEF\xBB\xBF%PDF-1.4"), FileFormat::Pdf);
        assert_eq!(detect(b"\x00\xff junk %PDF-1.4"), FileFormat::Pdf);
        assert_eq!(
            detect("Số: 5/UBND, tệp %PDF-1.4".as_bytes()),
            FileFormat::Text
        );
        assert_eq!(detect(b""), FileFormat::Text);
        assert_eq!(detect(b"\x89PNG\r\n\x1a\n...."), FileFormat::Image);
        assert_eq!(detect(b"\xFF\xD8\xFF\xE0.."), FileFormat::Image);
        assert_eq!(detect(b"II*\0...."), FileFormat::Image);
        assert_eq!(detect(b"MM\0*...."), FileFormat::Image);
    }
}
