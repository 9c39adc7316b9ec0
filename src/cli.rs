//! Command-line types (clap derive) — nothing else. Help texts are Japanese; the headings,
//! flags and errors are made Japanese by the `usage` module.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// hyoka — 行政評価の報告書から、誰でも読めるウェブサイトを作ります。
#[derive(Debug, Parser)]
#[command(
    name = "hyoka",
    version,
    about = "hyoka — 行政評価の報告書から、誰でも読めるウェブサイトを作ります。",
    long_about = None
)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// サイトを public/ に書き出します
    Build(BuildArgs),
    /// 内容を検査します（何も書き出しません）
    Check(CheckArgs),
    /// 既存の評価シート（テキスト）を content/ のファイルに取り込みます
    Import(ImportArgs),
    /// 下書きを含めてサイトをブラウザーで確認します（保存すると自動で更新）
    Serve(ServeArgs),
    /// 新しい目標のファイルを雛形から作ります（例: hyoka new somu/bosai-kunren）
    New(NewArgs),
    /// 新しいサイトのフォルダーを作ります
    Init(InitArgs),
}

/// `hyoka build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// サイトのフォルダー（config.toml のある場所。省略時は現在のフォルダー）
    #[arg(value_name = "SITE")]
    pub site: Option<PathBuf>,
    /// 書き出し先（省略時は SITE/public）
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// config.toml の base_url を置き換えます
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// 下書き（draft: true）も含めます
    #[arg(long)]
    pub drafts: bool,
    /// 警告を表示しません
    #[arg(long, short)]
    pub quiet: bool,
    /// 段階ごと（読み込み・解析・評価・校正・グラフ・ページ生成・書き出し）の所要時間を表示します
    #[arg(long)]
    pub timings: bool,
    /// 冊子（report/）を Chromium で PDF にして report/report.pdf に書き出します（Chromium が必要です）
    #[arg(long)]
    pub pdf: bool,
}

/// `hyoka check` (drafts are always checked too).
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// サイトのフォルダー（省略時は現在のフォルダー）
    #[arg(value_name = "SITE")]
    pub site: Option<PathBuf>,
    /// 出力の形式
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// サイトの外へのリンクの一覧をホストごとに出す（ネットワークには接続しません）
    #[arg(long)]
    pub external: bool,
}

/// `hyoka serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// サイトのフォルダー（省略時は現在のフォルダー）
    #[arg(value_name = "SITE")]
    pub site: Option<PathBuf>,
    /// 待ち受けるポート番号（0 にすると空いている番号を選びます）
    #[arg(long, short, default_value_t = 1111, value_name = "N")]
    pub port: u16,
    /// 待ち受けるアドレス（省略時は 127.0.0.1 — このパソコンからだけ見られます）
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,
    /// 起動したらブラウザーで開きます
    #[arg(long)]
    pub open: bool,
}

/// `hyoka new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// 作る目標: <課のフォルダー>/<目標のファイル名>（半角英小文字・数字・ハイフン。例: somu/bosai-kunren）
    #[arg(value_name = "DEPT/GOAL")]
    pub goal: String,
    /// サイトのフォルダー（省略時は現在のフォルダー）
    #[arg(long, value_name = "SITE")]
    pub site: Option<PathBuf>,
    /// 雛形の種類: single（指標1つ）、several（指標を複数）、milestone（策定などの段階で示す指標）
    #[arg(long, value_enum, default_value_t = GoalKind::Single, value_name = "KIND")]
    pub kind: GoalKind,
}

/// The goal archetypes `hyoka new --kind` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GoalKind {
    /// 数値の指標が1つの目標
    Single,
    /// 指標が複数ある目標（indicators:）
    Several,
    /// 計画の策定など、段階で進み具合を示す指標の目標（kind: milestone）
    Milestone,
}

/// `hyoka init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// 作るフォルダー（省略時は現在のフォルダー。空である必要があります）
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// 人が読む形式（`ファイル:行:列: エラー: …` と該当行）
    Text,
    /// CIツール向け（1行に1件のJSON）
    Json,
}

/// `hyoka import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// 取り込む評価シート・指標の表（テキスト、CSV、Excel の .xlsx。1つのファイルに複数のシートがあっても構いません）
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// 課名（シートには「当課」としか書かれていないため）
    #[arg(long, value_name = "課名")]
    pub department: Option<String>,
    /// 課のフォルダー名（URL。省略時は課名から作ります）
    #[arg(long, value_name = "SLUG")]
    pub slug: Option<String>,
    /// 書き込まずに、書き込む内容を表示します
    #[arg(long)]
    pub dry_run: bool,
    /// 既存のファイルを上書きします
    #[arg(long)]
    pub force: bool,
    /// サイトのフォルダー（省略時は現在のフォルダー）
    #[arg(long, value_name = "DIR")]
    pub site: Option<PathBuf>,
}
