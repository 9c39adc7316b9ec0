//! The command line in Japanese: the help pages (headings, the help and version flags) and the
//! messages for a command line clap cannot parse, with もしかして for near misses. The types
//! themselves are in [`crate::cli`]; this module only says them in Japanese.

use std::fmt::Write as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};

use crate::cli::Cli;

/// What parsing the command line gave: the command to run, or text to print and the exit
/// status (0 for `--help` and `--version`, 2 for a mistake).
#[derive(Debug)]
pub enum Parsed {
    /// A command to run.
    Run(Cli),
    /// Help or version (stdout, exit 0), or a usage error (stderr, exit 2).
    Print {
        /// The text, ending in a newline.
        text: String,
        /// Whether it is an error (stderr, exit 2).
        error: bool,
    },
}

/// Parses `args` (the program name first) with Japanese help and errors.
pub fn parse<I, T>(args: I) -> Parsed
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let result = command()
        .try_get_matches_from(args)
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches));
    match result {
        Ok(cli) => Parsed::Run(cli),
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Parsed::Print {
                text: localise(&e.render().to_string()),
                error: false,
            },
            _ => Parsed::Print {
                text: message(&e),
                error: true,
            },
        },
    }
}

/// The clap command with Japanese headings, help template and help/version flags, on every
/// subcommand.
pub fn command() -> clap::Command {
    let root = Cli::command()
        .subcommand_help_heading("コマンド")
        .subcommand_value_name("コマンド")
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("版（バージョン）を表示します"),
        );
    japanese(root)
}

fn japanese(command: clap::Command) -> clap::Command {
    command
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .help_template("{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}\n")
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("この説明を表示します"),
        )
        .mut_args(|arg| {
            let heading = if arg.is_positional() {
                "引数"
            } else {
                "オプション"
            };
            arg.help_heading(heading)
        })
        .mut_subcommands(japanese)
}

/// clap's own words left in a rendered help or usage line.
fn localise(text: &str) -> String {
    text.replace("[OPTIONS]", "[オプション]")
}

/// The Japanese message for a command line that could not be parsed.
fn message(e: &clap::Error) -> String {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    let list = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::String(s)) => s.clone(),
        _ => String::new(),
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let (what, hint) = match e.kind() {
        ErrorKind::InvalidSubcommand => (
            format!(
                "「{}」というコマンドはありません",
                text(ContextKind::InvalidSubcommand).unwrap_or_default()
            ),
            text(ContextKind::SuggestedSubcommand).map(|s| format!("もしかして「{s}」")),
        ),
        ErrorKind::UnknownArgument if arg.starts_with('-') => (
            format!("「{arg}」というオプションはありません"),
            text(ContextKind::SuggestedArg).map(|s| format!("もしかして「{s}」")),
        ),
        ErrorKind::UnknownArgument => (format!("余分な引数「{arg}」があります"), None),
        ErrorKind::InvalidValue if value.is_empty() => {
            (format!("「{}」に値がありません", name(&arg)), None)
        }
        ErrorKind::InvalidValue => (
            format!("「{}」に「{value}」は指定できません", name(&arg)),
            Some(format!(
                "指定できる値: {}{}",
                list(ContextKind::ValidValue),
                text(ContextKind::SuggestedValue)
                    .map(|s| format!("（もしかして「{s}」）"))
                    .unwrap_or_default()
            )),
        ),
        ErrorKind::ValueValidation => (
            format!("「{}」の値「{value}」は使えません", name(&arg)),
            Some(value_hint(&arg).to_string()),
        ),
        ErrorKind::MissingRequiredArgument => (
            format!("必要な引数がありません: {}", list(ContextKind::InvalidArg)),
            None,
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => (
            "コマンドを指定してください".to_string(),
            Some("使えるコマンド: build, check, import, serve, new, init".to_string()),
        ),
        ErrorKind::ArgumentConflict => (
            format!(
                "「{}」と「{}」は一緒に指定できません",
                name(&arg),
                name(&text(ContextKind::PriorArg).unwrap_or_default())
            ),
            None,
        ),
        ErrorKind::TooManyValues => (format!("余分な値「{value}」があります"), None),
        _ => ("コマンドラインの書き方が正しくありません".to_string(), None),
    };
    let mut out = format!("hyoka: エラー: {what}\n");
    if let Some(hint) = hint {
        let _ = writeln!(out, "  {hint}");
    }
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(usage)) => usage.to_string(),
        _ => String::new(),
    };
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    if !usage.is_empty() {
        let _ = write!(out, "\n使い方: {}\n", localise(usage));
    }
    // `hyoka build …` → `hyoka build --help`; the top level's usage names no subcommand.
    let command = usage
        .split_whitespace()
        .take(2)
        .filter(|word| !word.starts_with(['<', '[', '-']))
        .collect::<Vec<_>>();
    let command = if command.is_empty() {
        "hyoka".to_string()
    } else {
        command.join(" ")
    };
    let _ = writeln!(out, "\n詳しくは「{command} --help」を見てください。");
    out
}

/// An argument as written on the command line, without clap's value placeholder
/// (`--format <FORMAT>` → `--format`).
fn name(arg: &str) -> &str {
    arg.split_whitespace().next().unwrap_or(arg)
}

/// What a value of `arg` must look like.
fn value_hint(arg: &str) -> &'static str {
    match name(arg) {
        "--port" | "-p" => "0〜65535 の数を指定してください（0 にすると空いている番号を選びます）",
        "--bind" => "IP アドレスを指定してください（例: 127.0.0.1、::1）",
        _ => "値の形を確かめてください",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(args: &[&str]) -> (String, bool) {
        match parse(std::iter::once("hyoka").chain(args.iter().copied())) {
            Parsed::Print { text, error } => (text, error),
            Parsed::Run(cli) => panic!("{args:?} parsed as {cli:?}"),
        }
    }

    #[test]
    fn help_pages_have_no_english_headings_or_flag_texts() {
        for args in [
            &["--help"][..],
            &["build", "--help"],
            &["import", "-h"],
            &["serve", "--help"],
        ] {
            let (text, error) = printed(args);
            assert!(!error, "{args:?}");
            for english in [
                "Usage",
                "Options",
                "Arguments",
                "Commands",
                "Print help",
                "Print version",
                "[OPTIONS]",
            ] {
                assert!(!text.contains(english), "{args:?} says {english}:\n{text}");
            }
            assert!(text.contains("使い方: hyoka"), "{text}");
            assert!(
                text.contains("-h, --help  ") || text.contains("-h, --help "),
                "{text}"
            );
        }
        let (top, _) = printed(&["--help"]);
        assert!(top.contains("コマンド:\n  build"), "{top}");
        assert!(top.contains("-V, --version"), "{top}");
        assert_eq!(top.matches("オプション:").count(), 1, "{top}");
    }

    #[test]
    fn a_mistyped_command_or_option_gets_a_suggestion_in_japanese() {
        let (text, error) = printed(&["buid"]);
        assert!(error);
        assert!(
            text.starts_with(
                "hyoka: エラー: 「buid」というコマンドはありません\n  もしかして「build」"
            ),
            "{text}"
        );
        assert!(text.contains("詳しくは「hyoka --help」"), "{text}");
        let (text, _) = printed(&["check", "--formt", "json"]);
        assert!(
            text.contains("「--formt」というオプションはありません\n  もしかして「--format」"),
            "{text}"
        );
        assert!(text.contains("詳しくは「hyoka check --help」"), "{text}");
    }

    #[test]
    fn bad_values_say_what_is_allowed() {
        let (text, error) = printed(&["check", "--format", "xml"]);
        assert!(error);
        assert!(
            text.contains("「--format」に「xml」は指定できません\n  指定できる値: text, json"),
            "{text}"
        );
        let (text, _) = printed(&["serve", "--port", "99999"]);
        assert!(
            text.contains("「--port」の値「99999」は使えません\n  0〜65535"),
            "{text}"
        );
        let (text, _) = printed(&["serve", "--bind", "localhostt"]);
        assert!(text.contains("IP アドレスを指定してください"), "{text}");
    }

    #[test]
    fn missing_and_extra_arguments() {
        let (text, _) = printed(&[]);
        assert!(text.contains("コマンドを指定してください"), "{text}");
        let (text, _) = printed(&["import"]);
        assert!(text.contains("必要な引数がありません: <FILE>"), "{text}");
        let (text, _) = printed(&["build", "a", "b"]);
        assert!(text.contains("余分な引数「b」があります"), "{text}");
        for (text, _) in [
            printed(&[]),
            printed(&["import"]),
            printed(&["build", "a", "b"]),
        ] {
            assert!(!text.contains("error:") && !text.contains("tip:"), "{text}");
        }
    }

    #[test]
    fn a_good_command_line_still_parses() {
        match parse([
            "hyoka",
            "build",
            "site",
            "--base-url",
            "https://x.jp/a/",
            "-q",
        ]) {
            Parsed::Run(Cli {
                command: crate::cli::Command::Build(args),
            }) => {
                assert_eq!(args.site.as_deref(), Some(std::path::Path::new("site")));
                assert!(args.quiet);
                assert_eq!(args.base_url.as_deref(), Some("https://x.jp/a/"));
            }
            other => panic!("{other:?}"),
        }
    }
}
