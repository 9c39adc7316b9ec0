//! `hyoka serve`: wires the command line to [`crate::serve`]; prints where the preview is
//! (on stdout, so scripts can read it) and opens a browser when asked.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::ServeArgs;
use crate::error::Error;
use crate::load::BuildOptions;
use crate::serve::{self, ServeOptions};

use super::Outcome;

/// Serves until Ctrl-C.
pub fn run(args: &ServeArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome, Error> {
    let options = ServeOptions {
        build: BuildOptions {
            root: args.site.clone().unwrap_or_else(|| PathBuf::from(".")),
            base_url: None,
            drafts: true,
        },
        bind: args.bind,
        port: args.port,
    };
    let open = args.open;
    let (bind, loopback) = (args.bind, args.bind.is_loopback());
    let ready = |listening: &serve::Listening| {
        let _ = writeln!(
            out,
            "{} でプレビューしています（下書きも表示します。Ctrl-C で終了）",
            listening.url
        );
        let _ = out.flush();
        if !loopback {
            let _ = writeln!(
                err,
                "注意: 127.0.0.1 以外（{bind}）で待ち受けています。同じネットワークの人が下書きを含めて見られます。"
            );
        }
        if open && let Err(e) = open::that_detached(&listening.url) {
            let _ = writeln!(
                err,
                "ブラウザーを開けませんでした（{e}）。上のアドレスを開いてください"
            );
        }
    };
    serve::run(options, ready, Box::new(std::io::stderr()))?;
    let _ = writeln!(std::io::stderr(), "終了しました");
    Ok(Outcome {
        errors: 0,
        warnings: 0,
    })
}
