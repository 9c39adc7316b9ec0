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
mod editions;
mod fuzz;
mod history;
mod import;
mod judgement;
mod links;
mod messages;
mod new_init;
mod pace;
mod plain_words;
mod proofreading;
mod real_report;
mod rebuild;
mod report;
mod robustness;
mod safety;
mod scale;
mod search;
mod segmenter;
mod serve;
mod validation;
