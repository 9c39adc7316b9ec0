//! A generated site in the contract's format, for benchmarks and tests: `n` goals in 20
//! departments, each with a realistic Japanese body of 1.5–3 KB (headings, paragraphs, a
//! list, a table), a baseline, 3 fiscal years of actuals and 7 of targets, mixed directions
//! and units. The same `(goals, seed)` always gives the same files, byte for byte.
//!
//! Shared by `examples/gen_corpus` (the CLI), `examples/bench_rebuild` and the determinism
//! test (included with `#[path]`), so there is one generator.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// Number of departments.
pub const DEPARTMENTS: usize = 20;

/// `(slug, 課名, subject of its work)`.
const DEPT_NAMES: [(&str, &str, &str); DEPARTMENTS] = [
    ("somu", "総務課", "防災と地域の自治"),
    ("kikaku", "企画財政課", "総合計画と財政運営"),
    ("zeimu", "税務課", "町税の賦課と徴収"),
    ("jumin", "住民課", "戸籍と住民票の窓口"),
    ("hoken", "保険年金課", "国民健康保険と年金"),
    ("fukushi", "福祉課", "障害者福祉と生活支援"),
    ("korei", "高齢者支援課", "介護予防と地域包括ケア"),
    ("kodomo", "子ども課", "子育て支援と保育"),
    ("kenko", "健康づくり課", "健診と健康増進"),
    ("seikatsu", "生活環境課", "ごみの減量と環境保全"),
    ("sangyo", "産業振興課", "商工業と観光の振興"),
    ("nosei", "農業振興課", "農地の保全と担い手の育成"),
    ("toshi", "都市計画課", "土地利用と景観"),
    ("doboku", "道路河川課", "道路と河川の維持管理"),
    ("suido", "上下水道課", "水道の安定供給と下水道"),
    ("kaikei", "会計課", "公金の出納と管理"),
    ("gakko", "学校教育課", "学校教育と教育環境"),
    ("shogai", "生涯学習課", "公民館活動と文化財"),
    ("sports", "スポーツ振興課", "スポーツと健康な体づくり"),
    ("gikai", "議会事務局", "議会の運営と広報"),
];

/// `(name, unit, direction, decimals, low, high)` of an indicator: each name with the unit
/// and direction it would have in a real sheet.
const INDICATORS: [(&str, &str, &str, u8, f64, f64); 12] = [
    ("講座の参加者数", "人", "up", 0, 50.0, 5000.0),
    ("利用者の満足度", "%", "up", 1, 20.0, 90.0),
    ("苦情の件数", "件", "down", 0, 10.0, 800.0),
    ("啓発活動の実施回数", "回", "up", 0, 4.0, 120.0),
    ("自主防災組織の設立地区数", "地区", "up", 0, 5.0, 60.0),
    ("登録団体数", "団体", "up", 0, 3.0, 80.0),
    ("未処理の割合", "%", "down", 1, 2.0, 40.0),
    ("窓口の平均待ち時間", "分", "down", 0, 10.0, 90.0),
    ("ごみの年間排出量", "トン", "down", 0, 500.0, 9000.0),
    ("職員一人当たりの時間外勤務", "時間", "down", 1, 5.0, 60.0),
    ("講座の開催数", "回", "up", 0, 4.0, 120.0),
    ("協定の締結数", "件", "up", 0, 1.0, 40.0),
];

const THEMES: [&str; 12] = [
    "推進",
    "充実",
    "強化",
    "向上",
    "促進",
    "支援",
    "確保",
    "改善",
    "普及",
    "育成",
    "活用",
    "見直し",
];

const EFFECTS: [&str; 8] = [
    "町民の皆さんが安心して暮らせる環境が整い、地域への愛着が深まることが期待できます。",
    "手続にかかる時間が短くなり、窓口を訪れる方の負担が軽くなります。",
    "関係機関との連携が進み、課題の早期発見と迅速な対応につながります。",
    "世代を超えた交流が生まれ、地域の活力が高まることが見込まれます。",
    "経費の削減と事務の効率化により、限られた財源を有効に使えるようになります。",
    "情報が分かりやすく届くことで、制度を必要とする方が確実に利用できるようになります。",
    "担い手が増えることで、活動を長く続けられる体制が整います。",
    "データに基づく見直しにより、事業の成果を町民の皆さんに説明しやすくなります。",
];

const REVIEWS: [&str; 8] = [
    "昨年度は説明会を町内の各地区で開き、多くの方から意見をいただきました。",
    "広報紙とホームページで周知を行いましたが、若い世代への浸透は十分ではありませんでした。",
    "申請の手続を見直し、添付書類を減らしました。",
    "関係団体と定期的に会議を開き、情報を共有しました。",
    "参加者へのアンケートでは、内容に満足したとの回答が多く寄せられました。",
    "一方で、平日の日中に限った開催では参加できない方がいることが分かりました。",
    "担当職員の研修を行い、相談への対応の質を高めました。",
    "事業の効果を測る方法について、引き続き検討が必要です。",
];

const ACTIONS: [&str; 10] = [
    "休日と夜間の相談窓口を設ける",
    "オンラインでの申請を始める",
    "地区ごとの説明会を開く",
    "関係団体との協定を結ぶ",
    "広報紙で特集記事を組む",
    "参加者の声を集めて内容を見直す",
    "ボランティアの養成講座を開く",
    "小中学校と連携した体験学習を行う",
    "事業所への個別訪問を行う",
    "成果を年度末に公表する",
];

const SEASONS: [&str; 6] = [
    "4月〜6月",
    "7月〜9月",
    "10月〜12月",
    "1月〜3月",
    "通年",
    "随時",
];

const PLANS: [&str; 8] = [
    "今年度は、これまでの取り組みを続けながら、対象を広げて実施します。",
    "計画の中間年にあたるため、指標の動きを確かめ、必要に応じて手法を改めます。",
    "町民の皆さんと職員が一緒に考える場を設け、事業の進め方を話し合います。",
    "近隣の市町と情報を交換し、効果の高い方法を取り入れます。",
    "実施した結果は、次の年度の予算と計画に反映します。",
    "支援が届いていない方に向けて、個別の案内を行います。",
    "事務の流れを見直し、職員の負担を減らしながら質を保ちます。",
    "目標の達成に向けて、四半期ごとに進み具合を確認します。",
];

/// Writes `config.toml` and `content/` for `goals` goals under `root` (which must be empty or
/// missing).
pub fn write_site(root: &Path, goals: usize, seed: u64) -> std::io::Result<()> {
    for (rel, text) in site_files(goals, seed) {
        let path = root.join(&rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}

/// Every file of the site as (site-relative path, text), in a fixed order.
pub fn site_files(goals: usize, seed: u64) -> Vec<(String, String)> {
    let mut files = vec![
        ("config.toml".to_string(), CONFIG.to_string()),
        ("content/_index.md".to_string(), HOME.to_string()),
    ];
    for (i, (slug, name, subject)) in DEPT_NAMES.iter().enumerate() {
        files.push((
            format!("content/{slug}/_index.md"),
            department(name, subject, i),
        ));
    }
    for g in 0..goals {
        let mut rng =
            fastrand::Rng::with_seed(seed ^ (g as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let (slug, name, subject) = DEPT_NAMES[g % DEPARTMENTS];
        files.push((goal_file(slug, g), goal(&mut rng, g, name, subject)));
    }
    files
}

/// Site-relative path of goal number `g`.
pub fn goal_file(dept_slug: &str, g: usize) -> String {
    format!("content/{dept_slug}/goal-{g:06}.md")
}

/// Site-relative path of goal number `g` (its department is fixed by the number).
pub fn goal_path(g: usize) -> String {
    goal_file(DEPT_NAMES[g % DEPARTMENTS].0, g)
}

/// The text of goal number `g` for `seed`, as [`site_files`] writes it.
pub fn goal_text(g: usize, seed: u64) -> String {
    let mut rng = fastrand::Rng::with_seed(seed ^ (g as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let (_, name, subject) = DEPT_NAMES[g % DEPARTMENTS];
    goal(&mut rng, g, name, subject)
}

const CONFIG: &str = "title = \"見本町 行政評価\"\nbase_url = \"https://example.jp/hyoka/\"\nmunicipality = \"見本町\"\nlanguage = \"ja\"\ntheme = \"default\"\nas_of = \"令和6年度\"\n";

const HOME: &str = "---\ntitle: 見本町の行政評価\n---\n\n町の各課が掲げる数値目標と、その達成状況をお知らせします。\n";

fn department(name: &str, subject: &str, i: usize) -> String {
    format!(
        "---\ntitle: {name}\nweight: {w}\nduties:\n  - {subject}に関すること\n  - {subject}の計画の策定と進行管理に関すること\n  - 関係機関との連絡調整に関すること\nserved: >-\n  {subject}については、町内に住む方と町内で働く方のために。\n---\n\n{name}は{subject}を担当しています。\n",
        w = (i + 1) * 10
    )
}

fn pick<'a>(rng: &mut fastrand::Rng, items: &[&'a str]) -> &'a str {
    items[rng.usize(..items.len())]
}

fn value(rng: &mut fastrand::Rng, decimals: u8, low: f64, high: f64) -> f64 {
    let v = low + rng.f64() * (high - low);
    let scale = 10f64.powi(i32::from(decimals));
    (v * scale).round() / scale
}

fn number(v: f64, decimals: u8) -> String {
    format!("{:.*}", usize::from(decimals), v)
}

/// The front matter's indicator: baseline 令和3年度, actuals 令和4–6年度, targets 令和7–13年度.
fn indicator(rng: &mut fastrand::Rng, g: usize) -> String {
    let (measure, unit, direction, decimals, low, high) =
        INDICATORS[(g / DEPARTMENTS + rng.usize(..3)) % INDICATORS.len()];
    let baseline = value(rng, decimals, low, high);
    let sign = if direction == "up" { 1.0 } else { -1.0 };
    let step = (high - low) / 40.0;
    let mut out = format!(
        "indicator:\n  name: {measure}\n  unit: \"{unit}\"\n  direction: {direction}\n  baseline: {{ year: 令和3年度, value: {} }}\n  actual:\n",
        number(baseline, decimals)
    );
    for (i, year) in [4, 5, 6].iter().enumerate() {
        let drift = (rng.f64() * 2.0 - 0.6) * step * (i as f64 + 1.0);
        let v = (baseline + sign * drift).max(0.0);
        let _ = writeln!(out, "    令和{year}年度: {}", number(v, decimals));
    }
    out.push_str("  targets:\n");
    for (i, year) in (7..=13).enumerate() {
        let v = (baseline + sign * step * (i as f64 + 2.0)).max(0.0);
        let _ = writeln!(out, "    令和{year}年度: {}", number(v, decimals));
    }
    out
}

fn goal(rng: &mut fastrand::Rng, g: usize, dept: &str, subject: &str) -> String {
    let title = format!("{subject}の{}（第{}号）", pick(rng, &THEMES), g + 1);
    let mut text = format!("---\ntitle: {title}\nweight: {}\n", g / DEPARTMENTS);
    text.push_str(&indicator(rng, g));
    let _ = write!(
        text,
        "basis: 第六次見本町総合振興計画前期基本計画\nsummary: {dept}が{subject}について、町民の皆さんと協力して取り組みます。\n---\n\n"
    );
    let target = 1536 + rng.usize(..1536);
    let start = text.len();
    text.push_str("## 期待される効果\n\n");
    paragraph(rng, &mut text, &EFFECTS, 3);
    text.push_str("## 昨年度の取り組みと反省点\n\n");
    paragraph(rng, &mut text, &REVIEWS, 3);
    for _ in 0..3 + rng.usize(..3) {
        let _ = writeln!(text, "- {}こと", pick(rng, &ACTIONS));
    }
    text.push_str("\n## 今年度の取り組み\n\n");
    paragraph(rng, &mut text, &PLANS, 2);
    text.push_str("| 取り組み | 時期 | 担当 |\n|---|---|---|\n");
    for _ in 0..3 + rng.usize(..3) {
        let _ = writeln!(
            text,
            "| {} | {} | {dept} |",
            pick(rng, &ACTIONS),
            pick(rng, &SEASONS)
        );
    }
    text.push('\n');
    while text.len() - start < target {
        paragraph(rng, &mut text, &PLANS, 2);
    }
    text
}

fn paragraph(rng: &mut fastrand::Rng, text: &mut String, bank: &[&str], sentences: usize) {
    for _ in 0..sentences {
        text.push_str(pick(rng, bank));
    }
    text.push_str("\n\n");
}
