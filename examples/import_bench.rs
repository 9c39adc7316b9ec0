//! Times `hyoka import` of a generated 一覧表 workbook: ROWS indicators (500 by default),
//! one a row, years as columns, under a merged 「実績値」 header, into an empty site.
//!
//! `cargo run --release --example import_bench -- [ROWS] [HYOKA_BINARY]`
//! (the binary defaults to target/release/hyoka; build it first).

use std::process::Command;
use std::time::Instant;

use rust_xlsxwriter::{Format, Workbook};

fn main() {
    let mut args = std::env::args().skip(1);
    let rows: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(500);
    let binary = args.next().unwrap_or_else(|| "target/release/hyoka".into());
    let binary = std::fs::canonicalize(&binary)
        .unwrap_or_else(|e| panic!("{binary}: {e} (cargo build --release first)"));
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("config.toml"),
        "title = \"ベンチ町 行政評価\"\nbase_url = \"https://example.jp/\"\nmunicipality = \"ベンチ町\"\nlanguage = \"ja\"\ntheme = \"default\"\n",
    )
    .expect("config");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("成果指標一覧").expect("name");
    for (c, h) in ["指標名", "単位", "基準値"].iter().enumerate() {
        sheet.write_string(0, c as u16 + 1, *h).expect("cell");
    }
    sheet
        .merge_range(0, 4, 0, 6, "実績値", &Format::new())
        .expect("merge");
    sheet.write_string(0, 7, "目標値").expect("cell");
    for (c, y) in [
        "平成26年度",
        "平成27年度",
        "平成28年度",
        "平成29年度",
        "平成32年度",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(1, c as u16 + 3, *y).expect("cell");
    }
    for r in 0..rows {
        let row = r + 2;
        sheet
            .write_string(row, 1, format!("指標その{r}の件数"))
            .expect("cell");
        sheet.write_string(row, 2, "件").expect("cell");
        let base = 100.0 + f64::from(r % 50);
        for (c, v) in [base, base + 3.0, base + 1.0, base + 6.0, base + 20.0]
            .iter()
            .enumerate()
        {
            sheet.write_number(row, c as u16 + 3, *v).expect("cell");
        }
    }
    let book_path = dir.path().join("ichiran.xlsx");
    book.save(&book_path).expect("save");
    let start = Instant::now();
    let out = Command::new(&binary)
        .args(["import", "ichiran.xlsx", "--department", "企画課"])
        .current_dir(dir.path())
        .output()
        .expect("run hyoka");
    let elapsed = start.elapsed();
    let written = std::fs::read_dir(dir.path().join("content/kikaku"))
        .map(|d| d.count())
        .unwrap_or(0);
    if !out.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    }
    println!(
        "{rows} rows: import {:.2} s ({:.0} rows/s), exit {:?}, {written} files in content/kikaku/",
        elapsed.as_secs_f64(),
        f64::from(rows) / elapsed.as_secs_f64(),
        out.status.code()
    );
}
