//! URL slugs for imported departments and goals: ASCII, stable (the same sheet gives the
//! same slug on every run) and readable. Without a dictionary crate kanji cannot be read
//! in general, so a small glossary of 行政 words gives the readable part:
//!
//! - a goal is named by the first glossary word in its 指標名, else in its 目標名
//!   (自治会加入割合 → `jichikai`, 町役場の窓口…満足度 → `madoguchi`);
//! - a department by the glossary words of its name, up to three (企画財政課 →
//!   `kikaku-zaisei`);
//! - with no glossary word, `goal-` / `dept-` and the CRC-32 of the Japanese name in hex.
//!
//! [`unique`] then adds `-2`, `-3` … until the slug is free.

/// 行政 words → romaji (Hepburn, long vowels unmarked). Only words that say what a goal is
/// about: generic ones (町, 行政, 満足度, 割合, 推進) would name every goal alike.
const GLOSSARY: &[(&str, &str)] = &[
    ("総務", "somu"),
    ("企画", "kikaku"),
    ("財政", "zaisei"),
    ("税務", "zeimu"),
    ("納税", "nozei"),
    ("収納", "shuno"),
    ("住民", "jumin"),
    ("戸籍", "koseki"),
    ("福祉", "fukushi"),
    ("健康", "kenko"),
    ("健診", "kenshin"),
    ("特定健診", "tokutei-kenshin"),
    ("検診", "kenshin"),
    ("がん検診", "gan-kenshin"),
    ("予防接種", "yobo-sesshu"),
    ("医療", "iryo"),
    ("救急", "kyukyu"),
    ("子ども", "kodomo"),
    ("子育て", "kosodate"),
    ("保育", "hoiku"),
    ("待機児童", "taiki-jido"),
    ("児童", "jido"),
    ("学童", "gakudo"),
    ("高齢者", "koreisha"),
    ("介護", "kaigo"),
    ("障害", "shogai"),
    ("保険", "hoken"),
    ("年金", "nenkin"),
    ("生活", "seikatsu"),
    ("環境", "kankyo"),
    ("清掃", "seiso"),
    ("ごみ", "gomi"),
    ("資源", "shigen"),
    ("リサイクル", "recycle"),
    ("温室効果ガス", "onshitsu-gas"),
    ("太陽光", "taiyoko"),
    ("産業", "sangyo"),
    ("振興", "shinko"),
    ("観光", "kanko"),
    ("観光客", "kankokyaku"),
    ("農業", "nogyo"),
    ("農政", "nosei"),
    ("農地", "nochi"),
    ("森林", "shinrin"),
    ("商工", "shoko"),
    ("商店", "shoten"),
    ("企業", "kigyo"),
    ("誘致", "yuchi"),
    ("雇用", "koyo"),
    ("就労", "shuro"),
    ("都市", "toshi"),
    ("計画", "keikaku"),
    ("建設", "kensetsu"),
    ("道路", "doro"),
    ("上下水道", "jogesuido"),
    ("水道", "suido"),
    ("下水道", "gesuido"),
    ("公園", "koen"),
    ("住宅", "jutaku"),
    ("空き家", "akiya"),
    ("耐震", "taishin"),
    ("移住", "iju"),
    ("定住", "teiju"),
    ("人口", "jinko"),
    ("教育", "kyoiku"),
    ("学校", "gakko"),
    ("給食", "kyushoku"),
    ("不登校", "futoko"),
    ("生涯学習", "shogai-gakushu"),
    ("図書館", "toshokan"),
    ("読書", "dokusho"),
    ("公民館", "kominkan"),
    ("文化", "bunka"),
    ("スポーツ", "sports"),
    ("運動", "undo"),
    ("食育", "shokuiku"),
    ("会計", "kaikei"),
    ("議会", "gikai"),
    ("事務局", "jimukyoku"),
    ("選挙", "senkyo"),
    ("監査", "kansa"),
    ("人事", "jinji"),
    ("職員", "shokuin"),
    ("研修", "kenshu"),
    ("秘書", "hisho"),
    ("広報", "koho"),
    ("情報", "joho"),
    ("情報公開", "joho-kokai"),
    ("個人情報", "kojin-joho"),
    ("条例", "jorei"),
    ("デジタル", "digital"),
    ("電子申請", "denshi-shinsei"),
    ("ホームページ", "homepage"),
    ("窓口", "madoguchi"),
    ("防災", "bosai"),
    ("自主防災", "jishu-bosai"),
    ("避難所", "hinanjo"),
    ("避難", "hinan"),
    ("備蓄", "bichiku"),
    ("危機管理", "kiki-kanri"),
    ("消防", "shobo"),
    ("消防団", "shobodan"),
    ("防犯", "bohan"),
    ("交通", "kotsu"),
    ("交通事故", "kotsu-jiko"),
    ("公共交通", "kokyo-kotsu"),
    ("安全", "anzen"),
    ("地域", "chiiki"),
    ("自治会", "jichikai"),
    ("協働", "kyodo"),
    ("まちづくり", "machizukuri"),
    ("ボランティア", "volunteer"),
    ("人権", "jinken"),
    ("相談", "sodan"),
    ("男女共同参画", "danjo-kyodo-sankaku"),
    ("国際", "kokusai"),
    ("ふるさと納税", "furusato-nozei"),
    ("寄附", "kifu"),
    ("契約", "keiyaku"),
    ("管財", "kanzai"),
    ("訓練", "kunren"),
    ("排出", "haishutsu"),
    ("利用", "riyo"),
    ("組織", "soshiki"),
    ("参加", "sanka"),
    ("受診", "jushin"),
    ("計画策定", "keikaku-sakutei"),
    ("体制", "taisei"),
];

/// Name endings that say "a department", not what it does.
const DEPARTMENT_SUFFIXES: &[&str] = &["課", "室", "局", "部", "係", "センター"];

/// The glossary words of `text`, left to right, the longest at each place.
pub(crate) fn glossary_words(text: &str) -> Vec<&'static str> {
    let mut words = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let found = GLOSSARY
            .iter()
            .filter(|(ja, _)| rest.starts_with(ja))
            .max_by_key(|(ja, _)| ja.len());
        match found {
            Some((ja, romaji)) => {
                words.push(*romaji);
                rest = &rest[ja.len()..];
            }
            None => {
                let skip = rest.chars().next().map_or(1, char::len_utf8);
                rest = &rest[skip..];
            }
        }
    }
    words
}

/// The slug of a goal: the first glossary word of the indicator name, else of the title,
/// else `goal-` and a hash of the title.
pub(crate) fn goal_slug(indicator: &str, title: &str) -> String {
    glossary_words(indicator)
        .into_iter()
        .chain(glossary_words(title))
        .next()
        .map_or_else(|| format!("goal-{}", short_hash(title)), str::to_string)
}

/// The slug of an imported goal: up to two different glossary words of `name`, else of
/// `other`, else `goal-` and a hash of both (two unrelated indicators that share one
/// generic word, 防災訓練 and 防災組織, get `bosai-kunren` and `bosai-soshiki`).
pub(crate) fn readable_slug(name: &str, other: &str) -> String {
    for text in [name, other] {
        let mut words: Vec<&str> = Vec::new();
        for w in glossary_words(text) {
            if !words.contains(&w) && words.len() < 2 {
                words.push(w);
            }
        }
        if !words.is_empty() {
            return words.join("-");
        }
    }
    format!("goal-{}", short_hash(&format!("{name}\n{other}")))
}

/// The slug of a department: up to three glossary words of its name, else `dept-` and a
/// hash of the name.
pub(crate) fn department_slug(name: &str) -> String {
    let mut stem = name.trim();
    for suffix in DEPARTMENT_SUFFIXES {
        stem = stem.strip_suffix(suffix).unwrap_or(stem);
    }
    let words = glossary_words(stem);
    if words.is_empty() {
        return format!("dept-{}", short_hash(name));
    }
    words[..words.len().min(3)].join("-")
}

/// Eight hex digits of the CRC-32 of `text`: stable across runs, versions and machines.
fn short_hash(text: &str) -> String {
    format!("{:08x}", crc32fast::hash(text.as_bytes()))
}

/// `base`, or `base-2`, `base-3` … — the first that `taken` says is free, trying from
/// suffix `*next` on (1 = `base` itself) and leaving `*next` after the one returned, so that
/// naming many goals alike stays linear.
pub(crate) fn unique(base: &str, next: &mut usize, taken: impl Fn(&str) -> bool) -> String {
    loop {
        let candidate = match *next {
            0 | 1 => base.to_string(),
            n => format!("{base}-{n}"),
        };
        *next = (*next).max(1) + 1;
        if !taken(&candidate) {
            return candidate;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::goal::is_valid_slug;

    #[test]
    fn the_seed_goals_get_the_names_staff_gave_them() {
        assert_eq!(
            goal_slug("自治会加入割合", "地域コミュニティの推進"),
            "jichikai"
        );
        assert_eq!(
            goal_slug("自主防災組織の設置行政区数", "災害に強いまちづくり"),
            "jishu-bosai"
        );
        assert_eq!(
            goal_slug(
                "町役場の窓口（行政）サービスに対する満足度",
                "住民満足度の向上"
            ),
            "madoguchi"
        );
        assert_eq!(department_slug("総務課"), "somu");
        assert_eq!(department_slug("企画財政課"), "kikaku-zaisei");
    }

    #[test]
    fn without_a_glossary_word_the_name_is_a_stable_hash() {
        let a = goal_slug("ワクワク指数", "楽しいまち");
        assert_eq!(a, goal_slug("ワクワク指数", "楽しいまち"));
        assert!(a.starts_with("goal-") && a.len() == 13, "{a}");
        assert_ne!(a, goal_slug("ワクワク指数", "楽しい町"));
        assert!(department_slug("ひみつ課").starts_with("dept-"));
    }

    #[test]
    fn every_glossary_slug_is_a_valid_url_slug() {
        for (ja, romaji) in GLOSSARY {
            assert!(is_valid_slug(romaji), "{ja} → {romaji}");
        }
        assert!(is_valid_slug(&goal_slug("ワクワク", "x")));
    }

    #[test]
    fn imported_goals_get_two_words_so_unrelated_ones_differ() {
        assert_eq!(readable_slug("防災訓練参加者数", "x"), "bosai-kunren");
        assert_eq!(readable_slug("自主防災組織率", "x"), "jishu-bosai-soshiki");
        assert_eq!(
            readable_slug("ワクワク指数", "防災体制の充実"),
            "bosai-taisei"
        );
        assert!(readable_slug("ワクワク", "ドキドキ").starts_with("goal-"));
        assert_ne!(
            readable_slug("ワクワク", "ドキドキ"),
            readable_slug("ワクワク", "ハラハラ")
        );
    }

    #[test]
    fn taken_slugs_get_a_number() {
        let taken = ["jichikai", "jichikai-2"];
        let mut next = 1;
        assert_eq!(
            unique("jichikai", &mut next, |s| taken.contains(&s)),
            "jichikai-3"
        );
        assert_eq!(
            unique("jichikai", &mut next, |s| taken.contains(&s)),
            "jichikai-4"
        );
        assert_eq!(
            unique("madoguchi", &mut 1, |s| taken.contains(&s)),
            "madoguchi"
        );
    }
}
