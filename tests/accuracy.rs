//! Accuracy ratchet: the reference scorer's figures (the rules of
//! `../shared/eval/score.py`, implemented once in `tools/corpus-report`) on
//! the three gold sets must not fall below the minimums in
//! `tests/accuracy_minimums.json` (`{"SET": {"FIELD": MIN}}`).
//!
//! After an improvement, `UPDATE_EXPECT=1 cargo test --test accuracy` raises
//! each minimum to today's figure (never lowers one). Skips with a message
//! where `../shared` is absent.

use std::collections::BTreeMap;
use std::path::Path;

use corpus_report::report::{parse_all, score_set, Parsed};
use corpus_report::score::Scores;

/// The gold sets, as folders beside the repository.
const SETS: [&str; 3] = ["corpus-dev", "corpus", "corpus-ocr"];

type Minimums = BTreeMap<String, BTreeMap<String, f64>>;

#[test]
fn gold_scores_do_not_fall_below_their_minimums() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared");
    let min_path = root.join("tests/accuracy_minimums.json");
    let mut minimums: Minimums = serde_json::from_str(
        &std::fs::read_to_string(&min_path).expect("read tests/accuracy_minimums.json"),
    )
    .expect("tests/accuracy_minimums.json: {\"SET\": {\"FIELD\": MIN}}");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut below = Vec::new();
    let mut scored = 0;
    for set in SETS {
        let dir = shared.join(set);
        if !dir.is_dir() {
            eprintln!("skipping {set}: {} is absent", dir.display());
            continue;
        }
        let scores = score_set(&dir).scores;
        assert!(scores.documents > 0, "{set}: no gold files found");
        assert_eq!(scores.failures, 0, "{set}: every gold document must parse");
        scored += 1;
        let mins = minimums.entry(set.to_owned()).or_default();
        for key in Scores::keys() {
            let Some(rate) = scores.rate(key) else {
                continue;
            };
            let min = mins.get(key).copied();
            if update && min.is_none_or(|m| rate > m) {
                mins.insert(key.to_owned(), rate);
            } else if let Some(min) = min.filter(|m| rate < *m) {
                below.push(format!("{set} {key}: {rate:.4} < minimum {min}"));
            }
        }
        for key in mins.keys() {
            if scores.rate(key).is_none() {
                below.push(format!("{set} {key}: no figure (nothing compared)"));
            }
        }
    }
    if scored == 0 {
        eprintln!("skipping: no gold set under {}", shared.display());
        return;
    }
    if update {
        let text = serde_json::to_string_pretty(&minimums).expect("serialise minimums");
        std::fs::write(&min_path, text + "\n").expect("write tests/accuracy_minimums.json");
    }
    assert!(
        below.is_empty(),
        "fields fell below their minimums (`cargo run --release -p corpus-report -- \
         ../shared/corpus-dev ../shared/corpus ../shared/corpus-ocr --show-misses 50` \
         lists the misses):\n{}",
        below.join("\n")
    );
}

#[test]
fn every_shared_document_parses_without_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for set in SETS {
        let dir = root.join("../shared").join(set);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipping {set}: {} is absent", dir.display());
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        for (name, parsed) in parse_all(&dir, &names) {
            seen += 1;
            match parsed {
                Parsed::Doc(_) => {}
                Parsed::Panic(m) => panic!("{set}/{name}: the parser panicked: {m}"),
                Parsed::Failed(m) => panic!("{set}/{name}: could not be decoded: {m}"),
            }
        }
    }
    if seen == 0 {
        eprintln!("skipping: ../shared is absent");
    }
}
