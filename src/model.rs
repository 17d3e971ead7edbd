//! The document model: owned, serde-derived types whose JSON form is the
//! contract described in `model.md` (`schema: "congvan/1"`).
//!
//! Every value that comes from the text carries a [`Span`] into the caller's
//! exact input. Missing components are `None` / empty; odd ones are reported
//! in [`Document::diagnostics`].

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// The schema identifier written in [`Document::schema`].
pub const SCHEMA: &str = "congvan/1";

/// A parsed administrative document (văn bản).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Document {
    /// Always [`SCHEMA`] (`"congvan/1"`).
    #[cfg_attr(feature = "schema", schemars(extend("const" = "congvan/1")))]
    pub schema: String,
    /// Which rule family the document follows.
    pub family: Family,
    /// Tên loại: the document type (`QĐ`, `KH`, …; `CV` for a công văn).
    pub doc_type: Option<DocType>,
    /// Độ mật, độ khẩn, phạm vi lưu hành.
    pub marks: Marks,
    /// Quốc hiệu và Tiêu ngữ, or the Party heading.
    pub national_heading: Option<NationalHeading>,
    /// Tên cơ quan ban hành: the issuing body and its managing body.
    pub issuer: Option<Issuer>,
    /// Số, ký hiệu: number and symbol.
    pub number: Option<Number>,
    /// Địa danh: the place of issue.
    pub place: Option<Place>,
    /// Thời gian ban hành: the date of issue (parts may be blank).
    pub date: Option<DocDate>,
    /// Trích yếu: the subject line, without the `V/v` prefix.
    pub subject: Option<Subject>,
    /// Kính gửi: the addressees, one entry each.
    pub recipients: Vec<Recipient>,
    /// Nội dung: the body.
    pub body: Body,
    /// Văn bản được viện dẫn: one entry per distinct cited document.
    pub citations: Vec<Citation>,
    /// Mẫu biểu: forms cited by their code (`Mẫu số 05/TNDN`, tờ khai
    /// `01/GTGT`), which are templates and not documents.
    #[serde(default)]
    pub forms: Vec<CitedForm>,
    /// Chữ ký: signature blocks, in document order.
    pub signatures: Vec<Signature>,
    /// Nơi nhận: the distribution list.
    pub distribution: Option<Distribution>,
    /// Digital-signature stamps found in the text (chữ ký số).
    pub stamps: Vec<Stamp>,
    /// Material that is not part of the main document (annexes, copies,
    /// editorial notes), each with its span.
    pub attachments: Vec<Attachment>,
    /// What is missing, blank, odd or off-standard.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the text came from: the file's format, its pages and where
    /// each page starts in the text the spans index.
    #[serde(default)]
    pub source: Source,
}

impl Document {
    /// The page (from 1) that byte `offset` of the text lies on, when the
    /// page boundaries are known ([`Source::page_at`]); pass a span's
    /// `start` to locate a value.
    pub fn page_at(&self, offset: usize) -> Option<usize> {
        self.source.page_at(offset)
    }
}

/// Where a document's text came from.
///
/// `pages` is the page count where the file says (a PDF, an image, the count
/// Word saved in a `.docx`); `page_starts` is the page table: the byte
/// offset, in the text the spans index, at which each page begins. It is
/// there for PDFs and scans, and for a `.docx` whose page breaks as Word
/// last rendered them (or as typed) agree with its saved page count; it is
/// empty otherwise (`.doc`, text). A page that gave no text (a scan left
/// out) starts where the next one does.
/// `text`, only when asked for (`congvan parse --with-text`,
/// `Options::with_text`), is that text itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Source {
    /// What the input was: `text`, `docx`, `doc`, `pdf` or `image`.
    pub format: FileFormat,
    /// Number of pages, when the file says; `null` for text.
    pub pages: Option<usize>,
    /// Byte offset at which page `i + 1` begins in the text; empty when the
    /// page boundaries are not known.
    #[serde(default)]
    pub page_starts: Vec<usize>,
    /// The text the spans index, when asked for; `null` otherwise.
    #[serde(default)]
    pub text: Option<String>,
    /// Dấu đến: incoming-document stamps that a receiving office put on
    /// the paper this scan was made from, read by OCR and left out of the
    /// text (they are never the document's number or date); empty for
    /// anything not read by OCR.
    #[serde(default)]
    pub received: Vec<ReceivedStamp>,
}

/// Dấu đến: a receiving office's incoming-document stamp (`ĐẾN Số: 932
/// Ngày: 20/3/2024`) on the paper a scan was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReceivedStamp {
    /// The page (from 1) it is on.
    pub page: usize,
    /// What OCR read in it, its lines joined by spaces.
    pub raw: String,
    /// The number in the receiving office's register (`Số: 932`), when read.
    pub number: Option<String>,
    /// The day it was received (`Ngày: 20/3/2024`), as far as it was read.
    pub date: Option<CitedDate>,
}

impl Default for Source {
    fn default() -> Self {
        Self {
            format: FileFormat::Text,
            pages: None,
            page_starts: Vec::new(),
            text: None,
            received: Vec::new(),
        }
    }
}

impl Source {
    /// The page (from 1) that byte `offset` of the text lies on; `None`
    /// when the page boundaries are not known.
    ///
    /// ```
    /// use congvan::model::Source;
    /// use congvan::input::FileFormat;
    ///
    /// let source = Source { format: FileFormat::Pdf, pages: Some(3), page_starts: vec![0, 40, 40], text: None, ..Source::default() };
    /// assert_eq!(source.page_at(0), Some(1));
    /// assert_eq!(source.page_at(39), Some(1));
    /// // page 2 gave no text: offset 40 is on page 3
    /// assert_eq!(source.page_at(40), Some(3));
    /// assert_eq!(Source::default().page_at(0), None);
    /// ```
    pub fn page_at(&self, offset: usize) -> Option<usize> {
        // the last page starting at or before `offset`
        let after = self.page_starts.partition_point(|&s| s <= offset);
        (after > 0).then_some(after)
    }
}

/// The rule family a document follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// State administrative documents (Nghị định 30/2020).
    State,
    /// Communist Party documents (Hướng dẫn 36-HD/VPTW).
    Party,
    /// Legal-normative documents (Luật, Nghị định, Thông tư, …).
    LegalNormative,
}

/// Tên loại văn bản: the document type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DocType {
    /// Phụ lục III code (`QĐ`, `KH`, `TB`, …), `CV` for a công văn.
    pub code: String,
    /// The type name in sentence case (`Quyết định`).
    pub name: String,
    /// Where the type was read (the title line, or the `V/v` line or number
    /// for a công văn).
    pub span: Span,
}

/// Dấu chỉ độ mật, mức độ khẩn, phạm vi lưu hành.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Marks {
    /// Độ mật: `MẬT`, `TỐI MẬT`, `TUYỆT MẬT`.
    pub confidentiality: Option<Mark>,
    /// Độ khẩn: `KHẨN`, `THƯỢNG KHẨN`, `HỎA TỐC`, `HỎA TỐC HẸN GIỜ`.
    pub urgency: Option<Mark>,
    /// Phạm vi lưu hành: `LƯU HÀNH NỘI BỘ`, `XEM XONG TRẢ LẠI`, …
    pub circulation: Option<Mark>,
}

/// One mark as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Mark {
    /// The mark's text.
    pub text: String,
    /// Where it was read.
    pub span: Span,
}

/// Quốc hiệu và Tiêu ngữ (or the Party heading, with no motto).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NationalHeading {
    /// Quốc hiệu (`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`) or `ĐẢNG CỘNG SẢN VIỆT NAM`.
    pub country: String,
    /// Tiêu ngữ (`Độc lập - Tự do - Hạnh phúc`); `None` for the Party heading.
    pub motto: Option<String>,
    /// Both lines.
    pub span: Span,
}

/// Tên cơ quan, tổ chức ban hành.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Issuer {
    /// The issuing body (`SỞ NỘI VỤ`), lines of one name joined with a space.
    pub name: String,
    /// Cơ quan chủ quản: the managing body written above it (`UBND TỈNH QUẢNG BÌNH`).
    pub parent: Option<String>,
    /// Both.
    pub span: Span,
}

/// Số, ký hiệu văn bản.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Number {
    /// The line as written (`Số: 123/UBND-NN`).
    pub raw: String,
    /// The sequence number as a string (`"05"`, `"66.17"`, `"12a"`); `None` when blank or unreadable.
    pub number: Option<String>,
    /// The year inside the number (`30/2020/NĐ-CP` → 2020).
    pub year: Option<i32>,
    /// Ký hiệu: the notation without the number and year (`QĐ-UBND`, `HD/VPTW`).
    pub symbol: Option<String>,
    /// Type code (`QĐ`), `None` for a state công văn.
    pub type_code: Option<String>,
    /// Issuing body codes (`["UBND"]`, `["VKSNDTC", "TANDTC", "BCA"]`).
    pub issuer_codes: Vec<String>,
    /// Drafting unit or field of a công văn (`UBND-VX` → `VX`).
    pub unit_code: Option<String>,
    /// Where it was read.
    pub span: Span,
}

/// Địa danh: the place of issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Place {
    /// The place as written (`Bắc Giang`, `TP. Hồ Chí Minh`).
    pub name: String,
    /// Where it was read.
    pub span: Span,
}

/// A date whose parts may be blank; partial dates stay partial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DocDate {
    /// The date as written (`ngày 05 tháng 02 năm 2024`).
    pub raw: String,
    /// Year, if written.
    pub year: Option<i32>,
    /// Month, if written.
    pub month: Option<u32>,
    /// Day, if written.
    pub day: Option<u32>,
    /// Where it was read.
    pub span: Span,
}

/// Trích yếu: the subject of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Subject {
    /// The subject without its `V/v` prefix, lines joined with a space.
    pub text: String,
    /// Where it was read (prefix included).
    pub span: Span,
}

/// One addressee of `Kính gửi:`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Recipient {
    /// The addressee without the leading dash and the trailing `;` or `.`.
    pub name: String,
    /// Where it was read.
    pub span: Span,
}

/// Nội dung: the body of the document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Body {
    /// Paragraphs and items before the first numbered section (Căn cứ lines, introductions).
    pub preamble: Vec<Block>,
    /// The tree of numbered sections.
    pub sections: Vec<Section>,
    /// Paragraphs after the last section's content (the closing request, `./.`).
    pub closing: Vec<Block>,
}

/// A paragraph or a list item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of running text.
    Paragraph {
        /// The text, lines of one sentence joined.
        text: String,
        /// Where it was read.
        span: Span,
    },
    /// A list item (`-`, `+`, `•`, `*`).
    Item {
        /// The marker as written.
        marker: String,
        /// The item's text without the marker.
        text: String,
        /// Nested items.
        items: Vec<Block>,
        /// Where it was read (nested items included).
        span: Span,
    },
}

impl Block {
    /// The block's span.
    pub fn span(&self) -> Span {
        match self {
            Block::Paragraph { span, .. } | Block::Item { span, .. } => *span,
        }
    }

    /// The block's text (without a list marker).
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph { text, .. } | Block::Item { text, .. } => text,
        }
    }
}

/// A numbered section: Phần, Chương, Mục, Điều, `I.`, `1.`, `1.1.`, `a)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Section {
    /// What kind of numbering opened it.
    pub kind: SectionKind,
    /// The numbering as written without punctuation (`"1"`, `"II"`, `"a"`, `"2.1"`).
    pub label: String,
    /// The text that names the section, if any.
    pub heading: Option<String>,
    /// Paragraphs and items inside the section, before any subsection.
    pub blocks: Vec<Block>,
    /// Subsections.
    pub sections: Vec<Section>,
    /// The whole section, subsections included.
    pub span: Span,
}

/// The numbering style of a [`Section`], from the outermost to the innermost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// `Phần I`, `PHẦN THỨ NHẤT`.
    Part,
    /// `Chương II`.
    Chapter,
    /// `Mục 1`.
    Division,
    /// `Điều 5.`
    Article,
    /// Roman numerals: `I.`, `II-`.
    Roman,
    /// Arabic numbers: `1.`, `2)`, `3-` (khoản).
    Numbered,
    /// Dotted numbers: `1.1.`, `2.3.1`.
    SubNumbered,
    /// Letters: `a)`, `b.`, `đ/` (điểm).
    Lettered,
}

/// A cited document with all its mentions merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Citation {
    /// Normalised identity `NUMBER[/YEAR]/SYMBOL` (Party: `NUMBER-TYPE/ISSUER`),
    /// uppercase, without spaces; `None` for a law cited by name only.
    pub id: Option<String>,
    /// The type, from the head noun or the symbol's type code.
    pub doc_type: Option<CitedType>,
    /// The sequence number.
    pub number: Option<String>,
    /// The year inside the number.
    pub year: Option<i32>,
    /// The notation.
    pub symbol: Option<String>,
    /// The date of the cited document.
    pub date: Option<CitedDate>,
    /// The issuing body (`UBND tỉnh`).
    pub issuer: Option<String>,
    /// For laws cited by name: the name (`Luật Đất đai`).
    pub title: Option<String>,
    /// Article reference that precedes a mention (`khoản 2 Điều 5`).
    pub pinpoint: Option<String>,
    /// Every place the document is mentioned, first one first.
    pub mentions: Vec<Mention>,
}

/// A form (mẫu biểu, tờ khai) cited by its code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CitedForm {
    /// The code as normalised for citations (`05/TNDN`, `01/GTGT`).
    pub code: String,
    /// Every place the form is mentioned, first one first.
    pub mentions: Vec<Mention>,
}

/// The type of a cited document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CitedType {
    /// Type code (`KH`, `NĐ`); `CV` for a công văn.
    pub code: String,
    /// Type name (`Kế hoạch`).
    pub name: String,
}

/// The date of a cited document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CitedDate {
    /// Year.
    pub year: Option<i32>,
    /// Month.
    pub month: Option<u32>,
    /// Day.
    pub day: Option<u32>,
}

/// One mention of a cited document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Mention {
    /// The mention as written.
    pub text: String,
    /// Where it was read.
    pub span: Span,
}

/// A signature block (quyền hạn, chức vụ, họ tên).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Signature {
    /// Authority chain, outermost first (`TM. ỦY BAN NHÂN DÂN` then `KT. CHỦ TỊCH`).
    pub authority: Vec<Authority>,
    /// The signer's own title (`PHÓ CHỦ TỊCH`).
    pub title: Option<String>,
    /// The signer's name.
    pub name: Option<String>,
    /// The whole block.
    pub span: Span,
}

/// One authority prefix and the position it applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Authority {
    /// `TM`, `KT`, `TL`, `TUQ` or `Q` (Party `T/M`, `K/T`, `T/L` map to `TM`, `KT`, `TL`).
    pub prefix: String,
    /// The collective or the head's title after the prefix.
    pub position: String,
}

/// Nơi nhận: the distribution list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Distribution {
    /// Recipients, with nested sub-items.
    pub items: Vec<DistributionItem>,
    /// The `Lưu:` line.
    pub archive: Option<Archive>,
    /// The whole list.
    pub span: Span,
}

/// One recipient in `Nơi nhận`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DistributionItem {
    /// The recipient without dash and trailing `;`/`:`/`.`.
    pub text: String,
    /// Sub-items (`+ LĐVP, TH, …` under `Văn phòng UBND tỉnh:`).
    pub items: Vec<DistributionItem>,
    /// Where it was read.
    pub span: Span,
}

/// The `Lưu:` line: who keeps file copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Archive {
    /// Units keeping a copy (`VT`, `NN`).
    pub units: Vec<String>,
    /// Ký hiệu người soạn thảo: the drafter's mark or name.
    pub drafter: Option<String>,
    /// Number of copies, when written (`(2b)` → 2).
    pub copies: Option<u32>,
    /// Where it was read.
    pub span: Span,
}

/// A digital-signature stamp found in the text layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Stamp {
    /// `Người ký` / `Ký bởi` / `Digitally signed by`.
    pub signer: Option<String>,
    /// `Cơ quan`.
    pub organization: Option<String>,
    /// `Email`.
    pub email: Option<String>,
    /// `Thời gian ký` as ISO 8601 when complete (`2025-08-12T15:59:28+07:00`).
    pub time: Option<String>,
    /// Where it was read.
    pub span: Span,
    /// `"file"` for a signature read from the file itself (a PDF's signature
    /// dictionary, through `pdfsig`), not from its text: its span is empty.
    /// `null` for stamps found in the text.
    #[serde(default)]
    pub source: Option<String>,
}

/// What an [`Attachment`] is; in JSON its `snake_case` name (`annex`,
/// `second_document`). Compares equal to that name (`kind == "annex"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AttachmentKind {
    /// An annex: `PHỤ LỤC I`, `(Kèm theo Công văn số …)`, or a title in
    /// capitals such as `DANH SÁCH CÁC ĐƠN VỊ`.
    Annex,
    /// A copy block: `SAO Y BẢN CHÍNH`, `SAO LỤC`, `TRÍCH SAO`.
    Copy,
    /// A publisher's note, not the issuer's text: `Ghi chú: …`,
    /// `Tình trạng hiệu lực: …`, a crawler's page title.
    Editorial,
    /// Another document after the main one (the letter a reply answers): a
    /// national or Party heading, or a letterhead a few lines above one.
    SecondDocument,
    /// Lines after the footer that open none of the above.
    Other,
}

impl AttachmentKind {
    /// The `snake_case` name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AttachmentKind::Annex => "annex",
            AttachmentKind::Copy => "copy",
            AttachmentKind::Editorial => "editorial",
            AttachmentKind::SecondDocument => "second_document",
            AttachmentKind::Other => "other",
        }
    }
}

named_enum_traits!(AttachmentKind);

/// Text that belongs to something other than the main document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Attachment {
    /// What it is.
    pub kind: AttachmentKind,
    /// Its first line.
    pub title: String,
    /// Where it is.
    pub span: Span,
}

/// What kind of file some bytes are; in JSON (`source.format`) its short
/// name (`text`, `docx`, `doc`, `pdf`, `image`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FileFormat {
    /// Text (UTF-8, UTF-16, legacy 8-bit Vietnamese), plain or Markdown.
    Text,
    /// Word 2007 and later (`.docx`): a zip with `word/document.xml`.
    Docx,
    /// Word 97–2003 (`.doc`): an OLE compound file with a `WordDocument` stream.
    Doc,
    /// PDF (`%PDF-`).
    Pdf,
    /// An image (PNG, JPEG, TIFF): a scan, read by OCR.
    Image,
}

impl FileFormat {
    /// The short name used in JSON and messages: `text`, `docx`, `doc`,
    /// `pdf`, `image`.
    pub fn name(self) -> &'static str {
        match self {
            FileFormat::Text => "text",
            FileFormat::Docx => "docx",
            FileFormat::Doc => "doc",
            FileFormat::Pdf => "pdf",
            FileFormat::Image => "image",
        }
    }
}

impl std::fmt::Display for FileFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
