//! The page every HTML request gets while the latest build has errors: each problem with its
//! file, line, column, message and fix, in Japanese, escaped, plus the reload script so the
//! tab comes back by itself once the file is fixed and saved.

use crate::diag::Diagnostic;

use super::state::Failure;

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.7;margin:0;background:#fff;color:#1a1a1a}\
main{max-width:52rem;margin:0 auto;padding:1.5rem}\
h1{font-size:1.5rem;color:#a40000;border-bottom:3px solid #a40000}\
ol{padding-left:1.5rem}li{margin-bottom:1.25rem}\
.where{font-family:monospace;font-weight:bold;word-break:break-all}\
.fix{background:#f3f7ff;border-left:4px solid #1d4ed8;padding:.25rem .75rem}\
pre{background:#f4f4f4;padding:.75rem;overflow-x:auto;white-space:pre-wrap}";

/// The error page for `failure` (served at `version`, which the reload script compares).
pub(crate) fn render(failure: &Failure, version: u64) -> Vec<u8> {
    let mut body = String::new();
    match failure {
        Failure::Content(diags) => {
            body.push_str(&format!(
                "<p>{}件の問題があるため、サイトを更新できません。ファイルを直して保存すると、このページは自動で元の表示に戻ります。</p>\n<ol>\n",
                diags.len()
            ));
            for d in diags {
                body.push_str(&problem(d));
            }
            body.push_str("</ol>\n");
        }
        Failure::Fatal(message) => {
            body.push_str("<p>サイトを作れませんでした。次の内容を確認して直してください。直して保存すると、このページは自動で元の表示に戻ります。</p>\n");
            body.push_str(&format!("<pre>{}</pre>\n", escape(message)));
        }
    }
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>エラーがあります — hyoka serve</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>エラーがあります</h1>\n{body}</main>\n</body>\n</html>\n"
    );
    super::livereload::inject(html.as_bytes(), version, None)
}

/// One problem as a list item.
fn problem(d: &Diagnostic) -> String {
    let mut item = format!(
        "<li>\n<p class=\"where\">{}</p>\n<p>{}: {} [{}]</p>\n",
        escape(&d.location().replace('\\', "/")),
        d.severity.label(),
        escape(&d.message),
        d.code
    );
    if let Some(snippet) = d.snippet() {
        item.push_str(&format!("<pre>{}</pre>\n", escape(snippet.trim_end())));
    }
    if let Some(help) = &d.help {
        item.push_str(&format!(
            "<p class=\"fix\">修正方法: {}</p>\n",
            escape(help)
        ));
    }
    item.push_str("</li>\n");
    item
}

/// HTML-escaped text (Tera's escaper, the one the site's templates use).
fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    tera::escape_html(text, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use std::path::Path;

    #[test]
    fn a_content_error_shows_place_message_fix_and_line_escaped() {
        let d = Diagnostic::error(
            Code::Yaml,
            Path::new("content/somu/a.md"),
            3,
            8,
            "「<script>」は読めません",
        )
        .with_help("引用符で囲んでください")
        .with_source_line(Some("title: <script>"))
        .with_width(8);
        let html = String::from_utf8(render(&Failure::Content(vec![d]), 4)).unwrap();
        assert!(html.contains("content/somu/a.md:3:8"), "{html}");
        assert!(html.contains("エラー: 「&lt;script&gt;」は読めません [E-YAML]"));
        assert!(html.contains("修正方法: 引用符で囲んでください"));
        assert!(
            html.contains("3 | title: &lt;script&gt;\n  |        ^^^^^^^^"),
            "{html}"
        );
        assert!(!html.contains("<script>」"));
        assert!(html.contains("var shown = 4;"), "has the reload script");
    }

    #[test]
    fn a_fatal_error_shows_its_message() {
        let html = render(
            &Failure::Fatal("テンプレート「goal.html」が壊れています".into()),
            1,
        );
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("<pre>テンプレート「goal.html」が壊れています</pre>"));
    }
}
