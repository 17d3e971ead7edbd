//! The last stage before output: every span, computed on the normalised
//! text, is mapped back to the caller's input through the offset map.
//!
//! Every model type implements [`Spans`] by destructuring itself with all
//! its fields named and no `..` (the `spans!` macro below): a field added to
//! the model does not compile until it is listed here, as a span (`span`),
//! a part holding spans (`walk`) or a value without one (`skip`). A
//! forgotten span would otherwise stay an offset into the normalised text,
//! silently wrong wherever normalisation moved bytes.

use crate::diagnostic::Diagnostic;
use crate::model::{
    Archive, Attachment, Block, Body, Citation, CitedForm, Distribution, DistributionItem, DocDate,
    DocType, Document, Issuer, Mark, Marks, Mention, NationalHeading, Number, Place, Recipient,
    Section, Signature, Stamp, Subject,
};
use crate::normalize::OffsetMap;
use crate::span::Span;

/// Maps every span of `doc` through `map`.
pub(crate) fn remap(doc: &mut Document, map: &OffsetMap) {
    doc.spans(&mut |s: &mut Span| *s = map.map_span(*s));
}

/// A part of the model that holds spans.
trait Spans {
    /// Calls `f` on every span inside `self`.
    fn spans(&mut self, f: &mut dyn FnMut(&mut Span));
}

impl<T: Spans> Spans for Option<T> {
    fn spans(&mut self, f: &mut dyn FnMut(&mut Span)) {
        if let Some(x) = self {
            x.spans(f);
        }
    }
}

impl<T: Spans> Spans for Vec<T> {
    fn spans(&mut self, f: &mut dyn FnMut(&mut Span)) {
        for x in self {
            x.spans(f);
        }
    }
}

/// `impl Spans for T` that destructures `T` with every field named: each
/// field is `span` (a [`Span`], mapped), `walk` (a part that holds spans)
/// or `skip` (no span inside).
///
/// A field left out does not compile: rustc says "pattern requires `..`
/// due to inaccessible fields" at the type's line below, and suggests
/// adding `..`. Do not: list the new field instead.
macro_rules! spans {
    ($t:ident { $($field:ident: $how:ident),* $(,)? }) => {
        impl Spans for $t {
            fn spans(&mut self, f: &mut dyn FnMut(&mut Span)) {
                let $t { $($field),* } = self;
                $(spans!(@$how $field f);)*
            }
        }
    };
    (@span $x:ident $f:ident) => {
        $f($x)
    };
    (@walk $x:ident $f:ident) => {
        $x.spans($f)
    };
    (@skip $x:ident $f:ident) => {
        let _ = $x;
    };
}

spans!(Document {
    schema: skip,
    family: skip,
    doc_type: walk,
    marks: walk,
    national_heading: walk,
    issuer: walk,
    number: walk,
    place: walk,
    date: walk,
    subject: walk,
    recipients: walk,
    body: walk,
    citations: walk,
    forms: walk,
    signatures: walk,
    distribution: walk,
    stamps: walk,
    attachments: walk,
    diagnostics: walk,
    // page_starts index the reader's text, which spans are mapped back to
    source: skip,
});
spans!(DocType {
    code: skip,
    name: skip,
    span: span
});
spans!(Marks {
    confidentiality: walk,
    urgency: walk,
    circulation: walk
});
spans!(Mark {
    text: skip,
    span: span
});
spans!(NationalHeading {
    country: skip,
    motto: skip,
    span: span
});
spans!(Issuer {
    name: skip,
    parent: skip,
    span: span
});
spans!(Number {
    raw: skip,
    number: skip,
    year: skip,
    symbol: skip,
    type_code: skip,
    issuer_codes: skip,
    unit_code: skip,
    span: span,
});
spans!(Place {
    name: skip,
    span: span
});
spans!(DocDate {
    raw: skip,
    year: skip,
    month: skip,
    day: skip,
    span: span
});
spans!(Subject {
    text: skip,
    span: span
});
spans!(Recipient {
    name: skip,
    span: span
});
spans!(Body {
    preamble: walk,
    sections: walk,
    closing: walk
});
spans!(Section {
    kind: skip,
    label: skip,
    heading: skip,
    blocks: walk,
    sections: walk,
    span: span,
});
spans!(Citation {
    id: skip,
    doc_type: skip,
    number: skip,
    year: skip,
    symbol: skip,
    date: skip,
    issuer: skip,
    title: skip,
    pinpoint: skip,
    mentions: walk,
});
spans!(CitedForm {
    code: skip,
    mentions: walk
});
spans!(Mention {
    text: skip,
    span: span
});
// `Authority` holds no span: its text is inside the block's.
spans!(Signature {
    authority: skip,
    title: skip,
    name: skip,
    span: span
});
spans!(Distribution {
    items: walk,
    archive: walk,
    span: span
});
spans!(DistributionItem {
    text: skip,
    items: walk,
    span: span
});
spans!(Archive {
    units: skip,
    drafter: skip,
    copies: skip,
    span: span
});
spans!(Stamp {
    signer: skip,
    organization: skip,
    email: skip,
    time: skip,
    span: span,
    source: skip,
});
spans!(Attachment {
    kind: skip,
    title: skip,
    span: span
});
spans!(Diagnostic {
    code: skip,
    severity: skip,
    message: skip,
    span: span
});

impl Spans for Block {
    fn spans(&mut self, f: &mut dyn FnMut(&mut Span)) {
        match self {
            Block::Paragraph { text: _, span } => f(span),
            Block::Item {
                marker: _,
                text: _,
                items,
                span,
            } => {
                f(span);
                items.spans(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;

    /// Every span the JSON holds is visited: shifting them all through the
    /// visitor shifts every `"span"` of the JSON, and nothing else.
    #[test]
    fn every_span_of_the_json_is_visited() {
        let input = include_str!("../fixtures/cong-van-full-header.txt");
        let doc = crate::document::build(input, &Options::default());
        let mut shifted = doc.clone();
        let mut count = 0;
        shifted.spans(&mut |s: &mut Span| {
            *s = Span::new(s.start + 1_000_000, s.end + 1_000_000);
            count += 1;
        });
        let mut before = serde_json::to_value(&doc).unwrap();
        let after = serde_json::to_value(&shifted).unwrap();
        let mut in_json = 0;
        shift_json(&mut before, &mut in_json);
        assert_eq!(before, after);
        assert_eq!(count, in_json);
        assert!(count > 20, "the fixture has spans everywhere: {count}");
    }

    /// Adds 1,000,000 to both ends of every `"span"` in `v`, counting them.
    fn shift_json(v: &mut serde_json::Value, count: &mut usize) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, x) in map.iter_mut() {
                    if k == "span" {
                        if let Some([a, b]) = x.as_array_mut().map(Vec::as_mut_slice) {
                            *a = (a.as_u64().unwrap() + 1_000_000).into();
                            *b = (b.as_u64().unwrap() + 1_000_000).into();
                            *count += 1;
                        }
                    } else {
                        shift_json(x, count);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| shift_json(x, count)),
            _ => {}
        }
    }
}
