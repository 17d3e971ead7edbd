//! corpus-report: measures congvan on folders of documents.
//!
//! For each folder given: field coverage over its `*.txt` documents,
//! agreement with `.meta.json` sidecars, and the `.gold.json` answers scored
//! with exactly the rules of the reference scorer `eval/score.py`
//! ([`score`]); gains and losses against a baseline, and minimums per set
//! ([`report`]). The root crate's `tests/accuracy.rs` ratchets the gold
//! figures with [`report::score_set`].
//!
//! A tool of this repository (`publish = false`), not part of the `congvan`
//! binary.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod compare;
pub mod report;
pub mod score;
mod sidecar;
