//! What every oracle's generators are made of, and the runner that draws
//! from them with a fixed seed.

use std::cell::Cell;
use std::ops::RangeInclusive;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// One of `pieces`.
pub(crate) fn piece(
    pieces: &'static [&'static str],
) -> impl Strategy<Value = &'static str> + Clone {
    select(pieces)
}

/// `len` pieces of `pieces`, joined.
pub(crate) fn joined(
    pieces: &'static [&'static str],
    len: RangeInclusive<usize>,
) -> impl Strategy<Value = String> + Clone {
    vec(piece(pieces), len).prop_map(|p| p.concat())
}

/// Every char boundary of `t`, its end included.
pub(crate) fn boundaries(t: &str) -> Vec<usize> {
    (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect()
}

/// Runs `check` on `cases` texts drawn from `texts` with a fixed seed, so
/// that every run tests the same texts; a failing text is shrunk by
/// proptest before it is reported (`check` asserts with `prop_assert_eq!`).
/// Returns the sum of what `check` returns (how many matches it saw), so a
/// test can ask that the generator reaches the pattern at all.
pub(crate) fn sweep<S: Strategy<Value = String>>(
    texts: S,
    cases: u32,
    check: impl Fn(&str) -> Result<usize, TestCaseError>,
) -> usize {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let hits = Cell::new(0);
    let result = runner.run(&texts, |t| {
        hits.set(hits.get() + check(&t)?);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    hits.get()
}
