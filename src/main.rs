//! The `hyoka` binary: parse the command line, run the subcommand, map the outcome to the
//! exit status (0 ok, 1 content errors, 2 bad usage or I/O failure). Nothing else.

use std::process::ExitCode;

use hyoka::cli::Command;
use hyoka::cmd;
use hyoka::usage::{self, Parsed};

/// mimalloc instead of the system allocator: rendering and parsing make millions of small,
/// short-lived allocations on every thread, which glibc's allocator serves slowly.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match usage::parse(std::env::args_os()) {
        Parsed::Run(cli) => cli,
        Parsed::Print { text, error: false } => {
            print!("{text}");
            return ExitCode::SUCCESS;
        }
        Parsed::Print { text, error: true } => {
            eprint!("{text}");
            return ExitCode::from(2);
        }
    };
    let mut stdout = std::io::stdout();
    // Not locked: `serve` writes from its rebuild thread too.
    let mut stderr = std::io::stderr();
    let result = match &cli.command {
        Command::Build(args) => cmd::build::run(args, &mut stderr),
        Command::Check(args) => cmd::check::run(args, &mut stdout, &mut stderr),
        Command::Import(args) => cmd::import::run(args, &mut stdout, &mut stderr),
        Command::Serve(args) => cmd::serve::run(args, &mut stdout, &mut stderr),
        Command::New(args) => cmd::new::run(args, &mut stderr),
        Command::Init(args) => cmd::init::run(args, &mut stderr),
    };
    match result {
        Ok(outcome) => ExitCode::from(outcome.exit_code() as u8),
        Err(e) => {
            // Every error's message already names its path and cause.
            eprintln!("hyoka: エラー: {e}");
            ExitCode::from(2)
        }
    }
}
