//! The integration tests, in one binary: each test binary links the whole
//! crate again, so one binary of modules builds and links once. Two tests
//! stay apart: `tests/memory.rs` (a counting global allocator would count
//! every other test's allocations) and `tests/accuracy.rs` (it needs the
//! shared corpus and the evaluation tool, and is not packaged).
//!
//! Run one module with a filter: `cargo test --test integration fixtures`.
//! Goldens regenerate with `UPDATE_EXPECT=1 cargo test --test integration`.

mod common;

mod bad_files;
mod batch;
mod check;
mod cli;
mod encodings;
mod examples;
mod files;
mod files_from;
mod fixtures;
mod hostile;
mod package;
mod properties;
mod quirks;
mod regressions;
mod schema;
mod seed;
mod spans;
