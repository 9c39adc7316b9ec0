use super::*;

fn fy(year: u16) -> FiscalYear {
    FiscalYear::new(year).unwrap()
}

#[test]
fn goal_names_are_two_slugs() {
    let name = GoalName::parse("somu/bosai-kunren.md").unwrap();
    assert_eq!(
        (name.department.as_str(), name.goal.as_str()),
        ("somu", "bosai-kunren")
    );
    for bad in [
        "somu",
        "somu/a/b",
        "総務/a",
        "somu/Bosai",
        "somu/-a",
        "/a",
        "somu/",
        "../a",
    ] {
        let err = GoalName::parse(bad).unwrap_err();
        assert!(matches!(err, Error::BadName { .. }), "{bad}: {err}");
    }
}

#[test]
fn a_new_goal_has_every_key_the_year_and_its_department() {
    let dir = tempfile::tempdir().unwrap();
    let name = GoalName::parse("kikaku/kanko").unwrap();
    let written = new_goal(dir.path(), &name, fy(2026), GoalArchetype::Single).unwrap();
    assert_eq!(
        written,
        [
            PathBuf::from("content/kikaku/_index.md"),
            PathBuf::from("content/kikaku/kanko.md")
        ]
    );
    let text = std::fs::read_to_string(dir.path().join("content/kikaku/kanko.md")).unwrap();
    for key in [
        "title:",
        "indicator:",
        "name:",
        "unit:",
        "direction:",
        "baseline:",
        "actual:",
        "targets:",
        "basis:",
        "summary:",
        "weight:",
        "draft: true",
        "slug: kanko",
    ] {
        assert!(text.contains(key), "{key} missing:\n{text}");
    }
    assert!(
        text.contains("baseline: { year: 令和7年度, value: 0 }"),
        "{text}"
    );
    assert!(
        text.contains("    令和8年度: 1\n    令和12年度: 5\n"),
        "{text}"
    );
    assert!(text.contains("# 目標名"), "Japanese comments");
}

#[test]
fn new_refuses_to_overwrite_and_keeps_an_existing_department() {
    let dir = tempfile::tempdir().unwrap();
    let dept = dir.path().join("content/somu/_index.md");
    std::fs::create_dir_all(dept.parent().unwrap()).unwrap();
    std::fs::write(&dept, "---\ntitle: 総務課\n---\n").unwrap();
    let name = GoalName::parse("somu/a").unwrap();
    assert_eq!(
        new_goal(dir.path(), &name, fy(2025), GoalArchetype::Single)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        std::fs::read_to_string(&dept).unwrap(),
        "---\ntitle: 総務課\n---\n"
    );
    let goal = dir.path().join("content/somu/a.md");
    std::fs::write(&goal, "staff's work").unwrap();
    let err = new_goal(dir.path(), &name, fy(2025), GoalArchetype::Single).unwrap_err();
    assert!(matches!(err, Error::Exists(_)), "{err}");
    assert!(err.to_string().contains("上書きはしません"));
    assert_eq!(std::fs::read_to_string(&goal).unwrap(), "staff's work");
}

#[test]
fn a_site_theme_archetype_replaces_the_built_in_one() {
    // config.toml as staff may save it: UTF-8, or Shift_JIS with CRLF (read as a build reads
    // it, not only as UTF-8).
    let config = "title = \"毛呂山町\"\nbase_url = \"https://example.jp/\"\nmunicipality = \"m\"\ntheme = \"mine\"\n";
    let shift_jis = encoding_rs::SHIFT_JIS
        .encode(&config.replace('\n', "\r\n"))
        .0
        .into_owned();
    for config in [config.as_bytes().to_vec(), shift_jis] {
        let dir = tempfile::tempdir().unwrap();
        let archetypes = dir.path().join("themes/mine/archetypes");
        std::fs::create_dir_all(&archetypes).unwrap();
        std::fs::write(dir.path().join("config.toml"), &config).unwrap();
        std::fs::write(
            archetypes.join("goal.md"),
            "---\ntitle: {{ this_year }}の目標\n---\n",
        )
        .unwrap();
        let name = GoalName::parse("somu/a").unwrap();
        new_goal(dir.path(), &name, fy(2025), GoalArchetype::Single).unwrap();
        let text = std::fs::read_to_string(dir.path().join("content/somu/a.md")).unwrap();
        assert_eq!(text, "---\ntitle: 令和7年度の目標\n---\n");
    }
}

#[test]
fn init_refuses_a_folder_with_files_but_accepts_a_git_repository() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
    assert!(matches!(
        init_site(dir.path(), fy(2025)),
        Err(Error::NotEmpty(_))
    ));
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    let written = init_site(repo.path(), fy(2025)).unwrap();
    assert_eq!(written.len(), 5);
    assert!(
        std::fs::read_to_string(repo.path().join(".gitignore"))
            .unwrap()
            .contains("public/")
    );
}
