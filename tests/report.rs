//! `roadmap report`: golden files for every format over the shipped roadmaps
//! with progress recorded over two weeks, and checks by independent tools: a
//! CommonMark/GFM renderer, Mermaid's own parser, and headless Chromium.

use std::path::Path;
use std::process::Command;

use crate::support::{Reader, Sandbox, expect_code, golden, mermaid_tasks, python_reads, readers};
use crate::views::sandbox_with_progress;

/// Two weeks after the first ticks, in 2027-W20.
const TODAY: &str = "2027-05-20";

/// The report on the three roadmaps with progress (the workspace's own plan
/// is hubs-sdk, so the shipped ones are named), unless `args` name roadmaps.
fn report(sandbox: &Sandbox, args: &[&str]) -> String {
    let mut cmd = sandbox.cmd(&["--roadmaps", "plans", "--today", TODAY, "report"]);
    if args.first().is_none_or(|a| a.starts_with('-')) {
        cmd.args(["min-profil", "hubs-sdk", "intygshantering"]);
    }
    cmd.args(args);
    expect_code(&cmd.output().unwrap(), 0).0
}

#[test]
fn report_golden_in_every_format() {
    let sandbox = sandbox_with_progress();
    for (format, ext) in [("markdown", "md"), ("html", "html"), ("json", "json"), ("text", "txt")] {
        let first = report(&sandbox, &["--since", "2027-05-03", "--format", format]);
        golden(&format!("report/since-2027-05-03.{ext}"), &first);
        assert_eq!(
            first,
            report(&sandbox, &["--since", "2027-05-03", "--format", format]),
            "deterministic"
        );
    }
    golden("report/week-2027-W15.md", &report(&sandbox, &["--week", "2027-W15"]));
    golden(
        "report/all-this-week.md",
        &report(
            &sandbox,
            &[
                "min-profil",
                "genomforande",
                "difi-postkasse",
                "hubs-sdk",
                "intygshantering",
            ],
        ),
    );
}

#[test]
fn the_period_decides_what_counts_as_done_and_noted() {
    let sandbox = sandbox_with_progress();
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        serde_json::from_str(&report(&sandbox, &all)).unwrap()
    };
    // ISO week 15 of 2027 is 12-18 April: the kickoff ticks (13th, 14th) and the skip note (15th).
    let week15 = json(&["--week", "2027-W15"]);
    assert_eq!(
        week15["period"],
        serde_json::json!({"label": "2027-W15", "start": "2027-04-12", "end": "2027-04-18"})
    );
    let done: Vec<&str> = week15["done"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["address"].as_str().unwrap())
        .collect();
    assert_eq!(
        done,
        [
            "hubs-sdk/projektstart/1",
            "hubs-sdk/projektstart/2",
            "hubs-sdk/projektstart/3"
        ]
    );
    let notes: Vec<&str> = week15["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["note"].as_str().unwrap())
        .collect();
    assert_eq!(notes, ["Kickoff hölls", "Kickoff hölls", "Redan anmälda till QA"]);
    // By default the week of today (2027-05-20 is in 2027-W20): nothing was ticked then.
    let this_week = json(&[]);
    assert_eq!(this_week["period"]["label"], "2027-W20");
    assert!(this_week["done"].as_array().unwrap().is_empty());
    assert_eq!(this_week["headline"]["verdict"], "late");
    // Milestones done --at 2021-12-10 count on that day, not on the day they were recorded.
    let old = json(&["--since", "2021-12-01"]);
    assert!(
        old["done"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["address"] == "min-profil/1" && d["day"] == "2021-12-10")
    );
    let (_, err) = expect_code(&sandbox.run(&["--today", TODAY, "report", "--week", "2027-W54"]), 2);
    assert!(err.contains("2027 has no week 54"), "{err}");
}

#[test]
fn report_writes_a_file_with_o() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["--today", TODAY, "report", "--format", "html", "-o", "out/report.html"]);
    expect_code(&output, 1);
    std::fs::create_dir(sandbox.path().join("out")).unwrap();
    let (out, err) = expect_code(
        &sandbox.run(&["--today", TODAY, "report", "--format", "html", "-o", "out/report.html"]),
        0,
    );
    assert!(out.is_empty());
    assert_eq!(err, "wrote out/report.html\n");
    assert!(
        std::fs::read_to_string(sandbox.path().join("out/report.html"))
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
}

#[test]
fn the_markdown_renders_as_tables_and_lists() {
    let sandbox = sandbox_with_progress();
    let markdown = report(&sandbox, &["--since", "2027-04-01"]);
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.tasklist = true;
    options.extension.strikethrough = true;
    // GitHub keeps `<br>` in a table cell; the rest of raw HTML it would strip.
    options.render.r#unsafe = true;
    let html = comrak::markdown_to_html(&markdown, &options);
    // The summary first, the detail after, each section once.
    let headings: Vec<&str> = html
        .lines()
        .filter_map(|l| l.strip_prefix("<h2>").and_then(|l| l.strip_suffix("</h2>")))
        .collect();
    assert_eq!(
        headings,
        [
            "Project lead's assessment",
            "Lights per plan",
            "Decisions needed",
            "Planned for the next 4 weeks",
            "The largest risks",
            "Deviations in the period",
            "Done in the period",
            "Budget, actuals and forecast",
            "Overdue",
            "Progress",
            "Who is waiting on whom",
            "Notes in the period",
            "Timeline",
        ],
        "{html}"
    );
    // Lights, budget, progress and who waits on whom (a table for each of
    // the three plans, under its title) are tables; a light's reasons are
    // lines of one cell.
    assert_eq!(html.matches("<table>").count(), 6, "{html}");
    assert!(html.contains("<h3>Byggblock Intygshantering – Färdplan</h3>"), "{html}");
    assert!(
        html.contains("<td>Val av teknik: overdue by 1966 days<br>Arkitektur"),
        "{html}"
    );
    assert!(
        html.contains("<li><strong>Genomföra uppstartsmöte (kickoff) med beställare och leverantör.</strong> (Projektstart och planering) — anna, 13 April 2027"),
        "{html}"
    );
    assert!(html.contains("<li>Note: Kickoff hölls</li>"), "{html}");
    assert!(!html.contains("|---"), "a table came out as text: {html}");
    assert!(html.contains("<pre><code class=\"language-mermaid\">gantt"), "{html}");
}

/// The Mermaid block of a Markdown report.
fn mermaid_block(markdown: &str) -> String {
    let start = markdown.find("```mermaid\n").expect("a mermaid block") + "```mermaid\n".len();
    let end = start + markdown[start..].find("```").unwrap();
    markdown[start..end].to_string()
}

/// Mermaid keeps `#58;` and the like encoded as "ﬂ°°58¶ß" until it draws.
fn decode_mermaid(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(start) = out.find("ﬂ°°") {
        let rest = &out[start + "ﬂ°°".len()..];
        let end = rest.find("¶ß").unwrap();
        let c = char::from_u32(rest[..end].parse().unwrap()).unwrap();
        out = format!("{}{c}{}", &out[..start], &rest[end + "¶ß".len()..]);
    }
    out
}

#[test]
fn the_mermaid_block_is_read_by_mermaid_itself() {
    if !readers(&[Reader::Node]) {
        return;
    }
    let sandbox = sandbox_with_progress();
    let parsed = mermaid_tasks(&mermaid_block(&report(&sandbox, &[])));
    assert_eq!(parsed["type"], "gantt");
    let tasks = parsed["tasks"].as_array().unwrap();
    let find = |name: &str| {
        tasks
            .iter()
            .find(|t| decode_mermaid(t["task"].as_str().unwrap()) == name)
            .unwrap_or_else(|| panic!("no task {name}"))
    };
    // HT2021 is 1 July to 31 December 2021; Mermaid's end is the exclusive 1 January.
    let produkt = find("Produktupptäckt");
    assert_eq!(
        (
            produkt["start"].as_str(),
            produkt["end"].as_str(),
            produkt["done"].as_bool()
        ),
        (Some("2021-07-01"), Some("2022-01-01"), Some(true))
    );
    assert_eq!(
        decode_mermaid(produkt["section"].as_str().unwrap()),
        "Min Profil: Införandestrategi - Färdplan – MVP- och rapportfas"
    );
    let val = find("Val av teknik");
    assert_eq!(val["crit"], true, "overdue is marked crit");
    // "2023 T3" is September to December 2023.
    let poc = find("POC - Simulering av en samhällskritisk händelse");
    assert_eq!(
        (poc["start"].as_str(), poc["end"].as_str()),
        (Some("2023-09-01"), Some("2024-01-01"))
    );
    // V20 of 2027 is 17-23 May: due on 20 May, so active.
    let verifikation = find("Verifikations- och acceptanstester");
    assert_eq!(
        (
            verifikation["start"].as_str(),
            verifikation["end"].as_str(),
            verifikation["active"].as_bool()
        ),
        (Some("2027-05-17"), Some("2027-05-24"), Some(true))
    );
    // Every dated milestone is there, and nothing else: 25 of Min Profil (22 has no date),
    // 9 of Intygshantering, 9 of Hubs placed in 2027.
    assert_eq!(tasks.len(), 25 + 9 + 9);
}

#[test]
fn the_html_page_shows_its_chart_in_a_browser() {
    if !readers(&[Reader::Chromium]) {
        return;
    }
    let browser = crate::support::chromium().expect("Chromium is here");
    let sandbox = sandbox_with_progress();
    let page = sandbox.write("report.html", report(&sandbox, &["--format", "html"]));
    let shot = sandbox.path().join("report.png");
    let profile = sandbox.path().join("chromium-profile");
    let output = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1100,6000")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        shot.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    if let Some(dir) = std::env::var_os("ROADMAP_SCREENSHOT_DIR") {
        std::fs::copy(&shot, Path::new(&dir).join("report.png")).unwrap();
    }
    let count = |rgb: [u8; 3]| crate::support::pixels_of(&shot, rgb);
    // The chart's bars, as solid areas beyond the legend's 10x10 swatch of each colour:
    // many overdue and ongoing bars, a few done and upcoming ones.
    for (name, rgb, least) in [
        ("overdue", [0xc6, 0x28, 0x28], 2000),
        ("ongoing", [0x00, 0x79, 0x6b], 2000),
        ("done", [0x2e, 0x7d, 0x32], 300),
        ("upcoming", [0x15, 0x65, 0xc0], 150),
    ] {
        assert!(
            count(rgb) > least,
            "{name} bars are not on the screenshot ({} pixels)",
            count(rgb)
        );
    }
}

/// A plan whose words are markup and control characters, with the project
/// lead's assessment in Markdown, and no dated milestone (so no timeline):
/// the Word document opens in python-docx with every text as written (the
/// control character shown as the other layouts show it), the assessment's
/// list as a bulleted list and its link with its address, and a picture
/// only for what has dates. Without `-o` it says where to write it (exit 2).
#[test]
fn the_word_report_holds_any_text_as_written() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "plans/odd.toml",
        "[roadmap]\nid = \"odd\"\nlanguage = \"sv\"\ntitle = \"A <b>&amp; \\\"quoted\\\" \\u001b[31m plan\"\n\n[[milestone]]\nid = \"m\"\ntitle = \"Ett ]]> & <x/> steg\"\n",
    );
    sandbox.write(
        "assessment.md",
        "Läget är **bra** men _osäkert_ ]]>.\n\n- första punkten\n- [länk](https://example.org/a?b=1&c=2)\n\n<script>alert(1)</script>\n",
    );
    let mut cmd = sandbox.cmd(&[
        "--roadmaps",
        "plans",
        "--today",
        TODAY,
        "--lang",
        "sv",
        "report",
        "--format",
        "docx",
    ]);
    let (_, err) = expect_code(&cmd.output().unwrap(), 2);
    assert!(err.contains("-o"), "{err}");
    if !readers(&[Reader::PythonPackage("docx")]) {
        return;
    }
    let path = sandbox.path().join("odd.docx");
    let mut cmd = sandbox.cmd(&["--roadmaps", "plans", "--today", TODAY, "--lang", "sv", "report"]);
    cmd.args(["--format", "docx", "--assessment", "assessment.md", "-o"])
        .arg(&path);
    expect_code(&cmd.output().unwrap(), 0);
    let word = python_reads("read_docx.py", &path, &[]);
    let paragraphs: Vec<(&str, &str)> = word["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| Some((b["style"].as_str()?, b["paragraph"].as_str()?)))
        .collect();
    let first_table = word["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|b| b.get("table"))
        .unwrap();
    assert_eq!(first_table[1][0], "A <b>&amp; \"quoted\" \\u{1b}[31m plan");
    assert!(
        paragraphs.contains(&("Quote", "Läget är bra men osäkert ]]>.")),
        "{paragraphs:?}"
    );
    assert!(
        paragraphs.contains(&("List Bullet", "första punkten")),
        "{paragraphs:?}"
    );
    assert!(
        paragraphs.contains(&("List Bullet", "länk <https://example.org/a?b=1&c=2>")),
        "{paragraphs:?}"
    );
    assert!(
        paragraphs.contains(&("Quote", "<script>alert(1)</script>")),
        "{paragraphs:?}"
    );
    assert_eq!(word["pictures"], serde_json::json!([]), "nothing is dated");
    assert_eq!(word["language"], "sv-SE");
}

/// An assessment nested a hundred thousand block quotes deep (a teammate's
/// hostile file) is written to Word with its words and without exhausting
/// the stack: past a depth, the rest is kept as text.
#[test]
fn a_deeply_nested_assessment_is_written_to_word_and_keeps_its_words() {
    let sandbox = Sandbox::new();
    sandbox.write("assessment.md", format!("{} djupt\n", ">".repeat(100_000)));
    let path = sandbox.path().join("deep.docx");
    let mut cmd = sandbox.cmd(&["--today", TODAY, "--lang", "sv", "report"]);
    cmd.args(["--format", "docx", "--assessment", "assessment.md", "-o"])
        .arg(&path);
    expect_code(&cmd.output().unwrap(), 0);
    if !readers(&[Reader::PythonPackage("docx")]) {
        return;
    }
    let word = python_reads("read_docx.py", &path, &[]);
    let quoted: Vec<&str> = word["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["style"] == "Quote")
        .filter_map(|b| b["paragraph"].as_str())
        .collect();
    assert_eq!(quoted, ["djupt"]);
}

/// A portfolio's report is long: on standard output it is drawn and passed
/// on 64 KiB of whole lines at a time, into a file it is kept whole and
/// written at once. The two are the same bytes, and the chart has a line for
/// every milestone.
#[test]
fn a_long_report_is_the_same_on_standard_output_as_in_a_file() {
    let sandbox = Sandbox::new();
    let (plans, milestones) = (30, 50);
    for p in 0..plans {
        let mut toml = format!(
            "[roadmap]\nid = \"kommun-{p}\"\ntitle = \"Anslutning för Kommun {p} – Östra länet\"\nlanguage = \"sv\"\nyear = 2027\n"
        );
        for m in 0..milestones {
            let week = 1 + m % 40;
            toml.push_str(&format!(
                "\n[[milestone]]\nid = \"m{m}\"\ntitle = \"Milstolpe {m}: införande av tjänst {p}.{m} | steg *två*\"\ndue = \"V{week}\"\nowner = \"Förvaltning {}\"\n",
                m % 7
            ));
            if m > 0 {
                toml.push_str(&format!("depends_on = [\"m{}\"]\n", m - 1));
            }
            toml.push_str("[[milestone.step]]\ntext = \"Beställ åtkomst\"\nowner = \"IT\"\n");
            toml.push_str("[[milestone.step]]\ntext = \"Testa i testmiljön\"\nowner = \"Kund\"\n");
        }
        sandbox.write(&format!("plans/kommun-{p}.toml"), toml);
    }
    let args = [
        "--roadmaps",
        "plans",
        "--today",
        "2027-06-01",
        "report",
        "--weeks",
        "52",
    ];
    let streamed = expect_code(&sandbox.cmd(&args).output().unwrap(), 0).0;
    let mut to_file = args.to_vec();
    to_file.extend(["-o", "report.md"]);
    expect_code(&sandbox.cmd(&to_file).output().unwrap(), 0);
    let kept = std::fs::read_to_string(sandbox.path().join("report.md")).unwrap();
    assert!(
        streamed.len() > 4 * 65_536,
        "{} bytes: too short to be passed on in pieces",
        streamed.len()
    );
    assert_eq!(streamed, kept);
    let chart = streamed
        .split("```mermaid\n")
        .nth(1)
        .and_then(|rest| rest.split("```\n").next())
        .expect("a Mermaid block");
    let tasks = chart
        .lines()
        .filter(|l| l.starts_with("    ") && !l.starts_with("    section ") && !l.starts_with("    title "))
        .filter(|l| !l.starts_with("    dateFormat") && !l.starts_with("    axisFormat"))
        .count();
    assert_eq!(tasks, plans * milestones);
}
