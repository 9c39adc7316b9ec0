//! Output: bytes and paths only, no domain types. A build hands its files, one at a time,
//! to an [`Emit`] ([`emit`]): a plan in memory ([`plan`]), a staged folder ([`staged`]:
//! written as files arrive, then swapped into place), or only their paths (`check`).
//! [`target`] decides which folders may be written at all; [`error`] says why a check or a
//! write failed.
//!
//! Dependencies run one way: `staged` uses `emit` and `target`; those two use `error`; all of
//! them may use `plan`, which uses none.
pub(crate) mod emit;
pub(crate) mod error;
pub(crate) mod plan;
pub(crate) mod staged;
pub(crate) mod target;

pub(crate) use emit::{Emit, FileWriter, PathCollector, PlanCollector};
pub(crate) use error::WriteError;
pub use plan::OutputPlan;
pub(crate) use plan::PlanError;
pub(crate) use staged::StagedOutput;
pub(crate) use target::{check_output_dir, check_replaceable};
