//! Oracles for the hand-written matchers (memchr's `naive` idea), test-only:
//! for each matcher, the regular expression it replaces, kept as its
//! reference definition, and generators of texts on which the two must
//! agree, as proptest strategies, so that a disagreement shrinks to a small
//! text. The agreement tests sit next to each matcher and draw from here
//! with [`sweep`] (a fixed seed: every run tests the same texts).
//!
//! - [`cite`]: identifiers, head nouns, laws by name, dates, pinpoints;
//! - [`number`]: the `Số:` line's number and symbol;
//! - [`footer`]: a signer's name before a list marker;
//! - [`body`]: section headings (the regexes are the parser's own, its
//!   fallback).

pub(crate) mod body;
pub(crate) mod cite;
pub(crate) mod footer;
pub(crate) mod number;
mod strategy;

pub(crate) use strategy::{boundaries, sweep};
