//! A PDF writer for tests and benches: text placed at points on pages,
//! in a Type0 font whose ToUnicode map is the identity, the way a Word
//! export carries a text layer. Shared so that the test and the bench read
//! the same kind of file.

/// A PDF page of text lines at `(x, y)` points (Type0 font, Identity-H,
/// code = Unicode code point, with a ToUnicode map), as a signing portal's
/// export would carry a text layer.
pub(crate) fn pdf<S: AsRef<str>>(pages: &[Vec<(u32, u32, S)>]) -> Vec<u8> {
    let mut objects: Vec<String> = Vec::new();
    let n_pages = pages.len();
    // 1 catalog, 2 pages, 3 font, 4 descendant, 5 tounicode, then page+content pairs
    let kids: Vec<String> = (0..n_pages).map(|i| format!("{} 0 R", 6 + i * 2)).collect();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".to_owned());
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {n_pages} >>",
        kids.join(" ")
    ));
    objects.push(
        "<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H \
         /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>"
            .to_owned(),
    );
    objects.push(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial /CIDSystemInfo \
         << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>"
            .to_owned(),
    );
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
                /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def \
                /CMapName /Adobe-Identity-UCS def /CMapType 2 def \
                1 begincodespacerange <0000> <FFFF> endcodespacerange \
                1 beginbfrange <0000> <FFFF> <0000> endbfrange \
                endcmap CMapName currentdict /CMap defineresource pop end end";
    objects.push(format!(
        "<< /Length {} >>\nstream\n{cmap}\nendstream",
        cmap.len() + 1
    ));
    for (i, lines) in pages.iter().enumerate() {
        let mut content = String::new();
        for (x, y, text) in lines {
            let hex: String = text
                .as_ref()
                .encode_utf16()
                .map(|u| format!("{u:04X}"))
                .collect();
            content.push_str(&format!("BT /F1 11 Tf {x} {y} Td <{hex}> Tj ET\n"));
        }
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            7 + i * 2
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    let objects: Vec<Vec<u8>> = objects.into_iter().map(String::into_bytes).collect();
    assemble(&objects)
}

/// A PDF file of `objects` (numbered from 1; the first is the catalog):
/// the header, each object, the cross-reference table and the trailer.
pub(crate) fn assemble(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
