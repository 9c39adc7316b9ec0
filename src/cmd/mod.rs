//! One module per subcommand: wires the stages, prints findings and a summary, and returns
//! an [`Outcome`] that `main` maps to the exit status (0 ok, 1 content errors, 2 fatal).

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod pdf;
pub mod progress;
pub mod serve;

use std::io::Write;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::FiscalYear;

/// How a command ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Content errors found.
    pub errors: usize,
    /// Warnings found.
    pub warnings: usize,
}

impl Outcome {
    /// Both counts added.
    pub fn plus(self, other: Outcome) -> Outcome {
        Outcome {
            errors: self.errors + other.errors,
            warnings: self.warnings + other.warnings,
        }
    }
}

impl Outcome {
    /// The process exit status: 1 when there were content errors.
    pub fn exit_code(self) -> i32 {
        i32::from(self.errors > 0)
    }
}

/// Prints findings as text, sorted; warnings are left out when `quiet`.
pub fn print_diagnostics(diags: Diagnostics, quiet: bool, err: &mut dyn Write) -> Outcome {
    let outcome = Outcome {
        errors: diags.error_count(),
        warnings: diags.warning_count(),
    };
    for d in diags.sorted() {
        if quiet && d.severity == Severity::Warning {
            continue;
        }
        let _ = write!(err, "{}", d.render());
    }
    outcome
}

/// Prints findings as JSON lines.
pub fn print_json(diags: Diagnostics, out: &mut dyn Write) -> Outcome {
    let outcome = Outcome {
        errors: diags.error_count(),
        warnings: diags.warning_count(),
    };
    for d in diags.sorted() {
        let line = serde_json::to_string(&JsonDiagnostic::from(&d)).expect("diagnostics serialise");
        let _ = writeln!(out, "{line}");
    }
    outcome
}

#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    path: String,
    line: usize,
    column: usize,
    message: &'a str,
    help: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        Self {
            severity: d.severity,
            code: d.code,
            path: d.path.to_string_lossy().replace('\\', "/"),
            line: d.line,
            column: d.column,
            message: &d.message,
            help: d.help.as_deref(),
        }
    }
}

/// `エラー 2件、警告 1件`.
pub fn counts(outcome: Outcome) -> String {
    format!("エラー {}件、警告 {}件", outcome.errors, outcome.warnings)
}

/// The fiscal year of today's date on this computer's clock and time zone.
pub fn this_fiscal_year() -> FiscalYear {
    let today = jiff::Zoned::now().date();
    let (year, month) = (today.year(), today.month());
    u16::try_from(year)
        .ok()
        .and_then(|y| FiscalYear::containing(y, u8::try_from(month).unwrap_or(4)))
        .or_else(|| FiscalYear::new(2025))
        .expect("2025 is a fiscal year")
}
