//! Integration tests: build real fixture sites on disk with the real `hyoka` binary and
//! assert on the files it writes. One module per feature.

mod harness;

/// The benchmark's site generator (`examples/gen_corpus`), shared so tests build the same
/// sites the benchmark does.
#[path = "../../examples/gen_corpus/corpus.rs"]
mod corpus;

mod architecture;
mod build;
mod contrast;
mod determinism;
mod diagnostics;
mod fuzz;
mod import;
mod judgement;
mod links;
mod messages;
mod new_init;
mod proofreading;
mod real_report;
mod rebuild;
mod robustness;
mod safety;
mod scale;
mod segmenter;
mod serve;
mod validation;
