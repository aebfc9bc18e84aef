//! Every input kept in `fuzz/corpus/<target>/` (the seeds, and the minimised corpora of long
//! fuzzing runs, crashes found and fixed among them) replayed through the same checks the
//! fuzz targets run (`fuzz/checks/*.rs`), on every `cargo test`: what a fuzzer once found
//! stays found, without a fuzzer.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/checks/annotate.rs"]
mod annotate;
#[path = "../fuzz/checks/dct.rs"]
mod dct;
#[path = "../fuzz/checks/import.rs"]
mod import;
#[path = "../fuzz/checks/saved.rs"]
mod saved;

use std::path::Path;

/// Runs `check` on every file of `fuzz/corpus/<target>/`; returns how many there were.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = e.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let caught = std::panic::catch_unwind(|| check(&data));
        assert!(
            caught.is_ok(),
            "{target}: {} breaks a promise",
            path.display()
        );
        n += 1;
    }
    assert!(n > 0, "no inputs kept for {target}");
    n
}

#[test]
fn annotate_corpus() {
    replay("annotate", annotate::run);
}

#[test]
fn dct_corpus() {
    replay("dct", dct::run);
}

#[test]
fn import_corpus() {
    replay("import", import::run);
}

#[test]
fn saved_corpus() {
    replay("saved", saved::run);
}
