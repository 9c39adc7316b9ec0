//! The catalog of diagnostic codes: every `E-…` (error) and `W-…` (warning) hyoka reports,
//! with the one place its id and severity are written. Proofreading findings carry their
//! rule's id instead (`ra-nuki`, `doubled-kana` …: `proofread::RULES`).

use super::Severity;

macro_rules! catalog {
    ($( $(#[doc = $doc:literal])* $name:ident = $id:literal, )*) => {
        /// A diagnostic code: [`Code::id`] is what users, JSON and tests see.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $( $(#[doc = $doc])* $name, )*
        }

        impl Code {
            /// Every code, in catalog order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The stable id (`E-VALUE`).
            pub fn id(self) -> &'static str {
                match self {
                    $(Code::$name => $id,)*
                }
            }

            /// What the code means: its doc comment in the catalog, joined into one line.
            pub fn doc(self) -> &'static str {
                match self {
                    $(Code::$name => concat!($($doc,)*).trim_ascii(),)*
                }
            }
        }
    };
}

catalog! {
    // Reading files (content/).
    /// content/ does not exist.
    NoContent = "E-NO-CONTENT",
    /// A content file is not text (an image, a Word document …).
    Binary = "E-BINARY",
    /// A content path is a FIFO, socket or device, not a regular file.
    NotAFile = "E-NOT-A-FILE",
    /// A content file is larger than hyoka reads.
    TooLarge = "E-TOO-LARGE",
    /// A file was saved as Shift_JIS (read, but should be UTF-8).
    Encoding = "W-ENCODING",
    /// A goal file lies directly in content/, outside any department.
    Misplaced = "W-MISPLACED",
    /// A folder inside a department's folder (not read).
    Nested = "W-NESTED",
    /// A file in content/ that is not Markdown (not read).
    NotMarkdown = "W-NOT-MARKDOWN",
    /// A symbolic link in content/ (not followed).
    Symlink = "W-SYMLINK",

    // Front matter.
    /// The file is empty.
    Empty = "E-EMPTY",
    /// The file has no `---` front matter.
    FmMissing = "E-FM-MISSING",
    /// The front matter is not a map of `key: value`.
    FmNotMap = "E-FM-NOT-MAP",
    /// The front matter's closing `---` is missing.
    FmUnclosed = "E-FM-UNCLOSED",
    /// The front matter is not valid YAML.
    Yaml = "E-YAML",
    /// The YAML nests or aliases beyond hyoka's limits.
    YamlLimit = "E-YAML-LIMIT",
    /// A key is written twice in one map.
    DuplicateKey = "E-DUPLICATE-KEY",
    /// A required key is missing.
    MissingKey = "E-MISSING-KEY",
    /// A key hyoka does not know (with もしかして).
    UnknownKey = "E-UNKNOWN-KEY",
    /// A value has the wrong shape (a list where a text belongs …).
    Type = "E-TYPE",
    /// A value cannot be read (not a number, out of range …).
    Value = "E-VALUE",
    /// A key is written with nothing after it.
    EmptyValue = "E-EMPTY-VALUE",
    /// A value was read after normalising it (全角 digits, 千円 …); says how.
    ValueNormalized = "W-VALUE-NORMALIZED",

    // Pages and URLs.
    /// A slug is not usable as a URL (empty, reserved on Windows servers …).
    Slug = "E-SLUG",
    /// A department's URL is one hyoka uses itself.
    ReservedSlug = "E-RESERVED-SLUG",
    /// Two pages would have the same URL.
    DuplicateUrl = "E-DUPLICATE-URL",
    /// A department folder has no _index.md.
    NoDeptIndex = "E-NO-DEPT-INDEX",
    /// Two tags would have the same URL.
    TagUrl = "E-TAG-URL",

    // Indicators.
    /// Both `indicator:` and `indicators:` are written.
    IndicatorBoth = "E-INDICATOR-BOTH",
    /// `indicators:` is an empty list.
    NoIndicators = "E-NO-INDICATORS",
    /// An indicator has no targets.
    NoTargets = "E-NO-TARGETS",
    /// A year cannot be read (not 令和6年度, 2024 …) or is out of range.
    Year = "E-YEAR",
    /// A year is doubtful but usable (a value far from the report's year …).
    YearWarning = "W-YEAR",
    /// The same fiscal year is written twice in one series.
    DuplicateYear = "E-DUPLICATE-YEAR",
    /// The baseline's year is not before the first target's year.
    BaselineAfterTarget = "E-BASELINE-AFTER-TARGET",
    /// `direction` is not one hyoka knows, or is written on a milestone indicator.
    Direction = "E-DIRECTION",
    /// `kind` is neither milestone nor number.
    Kind = "E-KIND",
    /// `steps` lists fewer than two steps.
    Steps = "E-STEPS",
    /// `steps` on an indicator that is not `kind: milestone`.
    StepsWithoutMilestone = "E-STEPS-WITHOUT-MILESTONE",
    /// A step is listed twice in `steps`.
    DuplicateStep = "E-DUPLICATE-STEP",
    /// A milestone value is not one of the indicator's steps.
    Step = "E-STEP",
    /// An indicator's code has spaces, `#` or `/`.
    IndicatorCode = "E-CODE",
    /// Two indicators have the same code.
    DuplicateCode = "E-DUPLICATE-CODE",

    // Costs, assessment, plan, contacts.
    /// A cost's unit is not one hyoka knows.
    CostUnit = "E-COST-UNIT",
    /// A date cannot be read as 年-月-日.
    Date = "E-DATE",
    /// A grade is not in config.toml's `[[grades]]`.
    Grade = "E-GRADE",
    /// The town's grade disagrees with the status computed from the indicators.
    GradeStatus = "W-GRADE-STATUS",
    /// `outlook` (今後の方向性) is not one of the known words.
    Outlook = "E-OUTLOOK",
    /// A plan code is not in config.toml's `[[plan]]`.
    Plan = "E-PLAN",
    /// A contact's phone, mail or URL cannot be read.
    Contact = "E-CONTACT",

    // config.toml.
    /// config.toml cannot be read or parsed.
    Config = "E-CONFIG",
    /// `as_of` is not a fiscal year.
    ConfigAsOf = "E-CONFIG-AS-OF",
    /// An `[[editions]]` entry is wrong (a tag unusable as a folder name, no label, twice).
    ConfigEdition = "E-CONFIG-EDITION",
    /// An `[[editions]]` tag is not in the repository (or its objects are not there).
    EditionTag = "E-EDITION-TAG",
    /// `[[editions]]` is written but the site is not in a git repository.
    EditionNoGit = "E-EDITION-NO-GIT",
    /// A past edition's content has errors under today's rules (it is built as it was).
    EditionContent = "W-EDITION-CONTENT",
    /// `base_url` is not an absolute http(s) URL, or would break links.
    ConfigBaseUrl = "E-CONFIG-BASE-URL",
    /// `municipality_code` is not a valid 全国地方公共団体コード.
    ConfigCode = "E-CONFIG-CODE",
    /// A `[[grades]]` entry is wrong (empty code, duplicate, unknown status …).
    ConfigGrade = "E-CONFIG-GRADE",
    /// `language` is not `ja`.
    ConfigLanguage = "E-CONFIG-LANGUAGE",
    /// A `[[plan]]` entry is wrong (empty code, unknown parent, cycle …).
    ConfigPlan = "E-CONFIG-PLAN",
    /// `[proofreading]` names a rule that does not exist.
    ConfigRule = "E-CONFIG-RULE",

    // hyoka import (legacy sheets).
    /// The department cannot be told from the sheets.
    ImportDepartment = "E-IMPORT-DEPARTMENT",
    /// The file to write already exists (without --force).
    ImportExists = "E-IMPORT-EXISTS",
    /// `--slug` is not usable in a URL.
    ImportSlug = "E-IMPORT-SLUG",
    /// The direction was guessed (final target equal to the baseline).
    ImportDirection = "W-IMPORT-DIRECTION",
    /// The sheet's facts (主な業務 …) were not taken over.
    ImportFacts = "W-IMPORT-FACTS",
    /// The existing file's facts were kept over the sheet's.
    ImportKept = "W-IMPORT-KEPT",
    /// A sheet's grade (評価) was written as a comment: config.toml has no `[[grades]]`.
    ImportGrade = "W-IMPORT-GRADE",
    /// A sheet has none of the expected headings.
    SheetEmpty = "E-SHEET-EMPTY",
    /// The targets table lacks a row (初期値, 目標値 …).
    SheetMissing = "E-SHEET-MISSING",
    /// A sheet has no targets table.
    SheetNoTable = "E-SHEET-NO-TABLE",
    /// A table row's heading is not one hyoka knows.
    SheetRow = "E-SHEET-ROW",
    /// A table row could not be read and was skipped.
    SheetRowSkipped = "W-SHEET-ROW",
    /// A table cell's value is empty or not a number.
    SheetValue = "E-SHEET-VALUE",
    /// A table row's year is missing or unreadable.
    SheetYear = "E-SHEET-YEAR",
    /// A row without an actual value was left out.
    SheetNoValue = "W-SHEET-NO-VALUE",
    /// Lines before the first heading were skipped.
    SheetPreamble = "W-SHEET-PREAMBLE",
    /// A sheet's year written in a form the content format reads with a warning (平成32年度,
    /// a calendar year, a date, an era-less year): written in the 令和 form.
    SheetYearWarning = "W-SHEET-YEAR",
    /// A sheet gives no 基準値: its 現状値 is used as the baseline.
    SheetBaseline = "W-SHEET-BASELINE",
    /// A CSV file could not be read as a table.
    SheetCsv = "E-SHEET-CSV",
    /// An .xlsx workbook (or one of its cells) could not be read.
    SheetXlsx = "E-SHEET-XLSX",
    /// The sheet's own 達成率 or 進捗率 differs from hyoka's (contract §5) by more than rounding.
    ImportArithmetic = "W-IMPORT-ARITHMETIC",

    // Placeholders left from the archetypes (issue: placeholders get published).
    /// A published file still holds an archetype's 「（…を書いてください）」.
    Placeholder = "E-PLACEHOLDER",
    /// A draft still holds an archetype's placeholder (it may not be published so).
    PlaceholderInDraft = "W-PLACEHOLDER",

    // Links (the offline link check of `check` and `build`: src/links).
    /// A link in a Markdown body points at a page or file the site does not have, or above
    /// the site's folder.
    Link = "E-LINK",
    /// A link's anchor (`#見出し`) is not an id of the page it points at.
    LinkAnchor = "E-LINK-ANCHOR",
    /// A link a template writes (theme or site override) points at nothing in the site.
    TemplateLink = "E-TEMPLATE-LINK",
    /// A link a template writes reaches its page but not its anchor (an override written
    /// before the page had that id): the page opens, at its top.
    TemplateAnchor = "W-TEMPLATE-ANCHOR",
}

impl Code {
    /// Error for `E-…`, warning for `W-…`.
    pub fn severity(self) -> Severity {
        if self.id().starts_with("W-") {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// The code with this id, if the catalog has it.
    pub fn from_id(id: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.id() == id)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_and_shaped() {
        let mut seen = BTreeSet::new();
        for code in Code::ALL {
            let id = code.id();
            assert!(seen.insert(id), "{id} twice in the catalog");
            assert!(
                id.starts_with("E-") || id.starts_with("W-"),
                "{id}: E- or W-"
            );
            assert!(
                id[2..]
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
                "{id}: upper case words joined by -"
            );
            assert_eq!(Code::from_id(id), Some(*code));
        }
        assert_eq!(Code::Value.severity(), Severity::Error);
        assert_eq!(Code::Encoding.severity(), Severity::Warning);
        assert_eq!(Code::from_id("E-NO-SUCH"), None);
    }

    /// Every code carries a one-line doc, written once in the catalog: `catalog!` keeps it
    /// beside the id, and this checks none is empty. (A code cannot be used without being
    /// here: `Diagnostic::error`/`warning` take a [`Code`], not text.)
    #[test]
    fn every_code_has_a_doc() {
        for code in Code::ALL {
            let doc = code.doc();
            assert!(doc.len() > 10, "{code}: no doc");
        }
        assert_eq!(
            Code::Binary.doc(),
            "A content file is not text (an image, a Word document …)."
        );
        // Lines of a longer doc are joined.
        assert!(
            Code::SheetYearWarning
                .doc()
                .contains("(平成32年度, a calendar year")
        );
    }
}
