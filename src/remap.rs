//! The last stage before output: every span, computed on the normalised
//! text, is mapped back to the caller's input through the offset map.

use crate::model::{Block, Distribution, DistributionItem, Document, Section};
use crate::normalize::OffsetMap;
use crate::span::Span;

/// Maps every span of `doc` through `map`.
pub(crate) fn remap(doc: &mut Document, map: &OffsetMap) {
    let m = |s: &mut Span| {
        let (a, b) = map.map_range(s.start, s.end);
        *s = Span::new(a, b);
    };
    if let Some(t) = &mut doc.doc_type {
        m(&mut t.span);
    }
    for mark in [
        &mut doc.marks.confidentiality,
        &mut doc.marks.urgency,
        &mut doc.marks.circulation,
    ]
    .into_iter()
    .flatten()
    {
        m(&mut mark.span);
    }
    if let Some(x) = &mut doc.national_heading {
        m(&mut x.span);
    }
    if let Some(x) = &mut doc.issuer {
        m(&mut x.span);
    }
    if let Some(x) = &mut doc.number {
        m(&mut x.span);
    }
    if let Some(x) = &mut doc.place {
        m(&mut x.span);
    }
    if let Some(x) = &mut doc.date {
        m(&mut x.span);
    }
    if let Some(x) = &mut doc.subject {
        m(&mut x.span);
    }
    for r in &mut doc.recipients {
        m(&mut r.span);
    }
    for b in doc
        .body
        .preamble
        .iter_mut()
        .chain(doc.body.closing.iter_mut())
    {
        block(b, &m);
    }
    for s in &mut doc.body.sections {
        section(s, &m);
    }
    for c in &mut doc.citations {
        for mention in &mut c.mentions {
            m(&mut mention.span);
        }
    }
    for f in &mut doc.forms {
        for mention in &mut f.mentions {
            m(&mut mention.span);
        }
    }
    for s in &mut doc.signatures {
        m(&mut s.span);
    }
    if let Some(d) = &mut doc.distribution {
        distribution(d, &m);
    }
    for s in &mut doc.stamps {
        m(&mut s.span);
    }
    for a in &mut doc.attachments {
        m(&mut a.span);
    }
    for d in &mut doc.diagnostics {
        m(&mut d.span);
    }
}

fn block(b: &mut Block, m: &impl Fn(&mut Span)) {
    match b {
        Block::Paragraph { span, .. } => m(span),
        Block::Item { span, items, .. } => {
            m(span);
            for i in items {
                block(i, m);
            }
        }
    }
}

fn section(s: &mut Section, m: &impl Fn(&mut Span)) {
    m(&mut s.span);
    for b in &mut s.blocks {
        block(b, m);
    }
    for c in &mut s.sections {
        section(c, m);
    }
}

fn distribution(d: &mut Distribution, m: &impl Fn(&mut Span)) {
    m(&mut d.span);
    if let Some(a) = &mut d.archive {
        m(&mut a.span);
    }
    fn item(i: &mut DistributionItem, m: &impl Fn(&mut Span)) {
        m(&mut i.span);
        for c in &mut i.items {
            item(c, m);
        }
    }
    for i in &mut d.items {
        item(i, m);
    }
}
