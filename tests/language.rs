//! The language: Swedish and Norwegian golden files of the views and of every
//! report format over the shipped plans with two weeks of progress (done,
//! skip, note, reschedule); no English word of the tool's in them; how the
//! language is chosen; JSON the same in every language; `tick` in Swedish.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Stdio;

use crate::support::{Sandbox, expect_code, golden};
use crate::views::sandbox_with_progress;

const TODAY: &str = "2027-05-20";

/// The views' and reports' scenario, with a move on top: the QA connection
/// slipped two weeks, recorded on 5 May.
fn scenario() -> Sandbox {
    let sandbox = sandbox_with_progress();
    let mut cmd = sandbox.cmd(&[
        "--roadmaps",
        "plans",
        "reschedule",
        "hubs-sdk/sdk-qa",
        "V21",
        "--note",
        "Väntar på DIGG",
        "--by",
        "anna",
    ]);
    cmd.env("ROADMAP_NOW", "2027-05-05T09:00:00Z");
    expect_code(&cmd.output().unwrap(), 0);
    // A fixed workspace id in place of init's random one, for the calendar's golden UIDs.
    let config = sandbox.path().join(".roadmap/config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let fixed: Vec<&str> = text
        .lines()
        .map(|l| {
            if l.starts_with("workspace_id") {
                "workspace_id = \"golden\""
            } else {
                l
            }
        })
        .collect();
    std::fs::write(&config, fixed.join("\n") + "\n").unwrap();
    sandbox
}

fn run(sandbox: &Sandbox, lang: Option<&str>, args: &[&str]) -> String {
    let mut cmd = sandbox.cmd(&["--roadmaps", "plans", "--today", TODAY]);
    if let Some(lang) = lang {
        cmd.args(["--lang", lang]);
    }
    cmd.args(args);
    let output = cmd.output().unwrap();
    let code = output.status.code();
    assert!(
        code == Some(0) || code == Some(3),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .replace(&sandbox.path().display().to_string(), "$SANDBOX")
}

/// What each golden file is of: a name and the command's arguments.
const VIEWS: &[(&str, &[&str])] = &[
    ("status", &["status"]),
    ("checklist", &["checklist", "hubs-sdk"]),
    ("timeline", &["timeline", "hubs-sdk"]),
    ("overdue", &["overdue"]),
    ("slips", &["slips"]),
    ("show", &["show", "hubs-sdk/projektstart"]),
    (
        "report.md",
        &[
            "report",
            "min-profil",
            "hubs-sdk",
            "intygshantering",
            "--since",
            "2027-05-03",
        ],
    ),
    (
        "report.html",
        &[
            "report",
            "min-profil",
            "hubs-sdk",
            "intygshantering",
            "--since",
            "2027-05-03",
            "--format",
            "html",
        ],
    ),
    (
        "report.txt",
        &[
            "report",
            "min-profil",
            "hubs-sdk",
            "intygshantering",
            "--since",
            "2027-05-03",
            "--format",
            "text",
        ],
    ),
    ("report-week.md", &["report", "hubs-sdk", "--week", "2027-W15"]),
    ("export.ics", &["export", "hubs-sdk", "--format", "ics"]),
    (
        "export-excel.csv",
        &["export", "hubs-sdk", "--format", "csv", "--excel"],
    ),
];

#[test]
fn swedish_and_norwegian_golden_files_of_every_view_and_report() {
    let sandbox = scenario();
    for lang in ["sv", "nb"] {
        for (name, args) in VIEWS {
            let out = run(&sandbox, Some(lang), args);
            golden(&format!("language/{lang}/{name}"), &out);
        }
    }
}

/// The words of a catalogue's messages (not its comments or ids).
fn catalogue_words(lang: &str) -> BTreeSet<String> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("src/i18n/{lang}.ftl"))).unwrap();
    let values: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#') || l.starts_with("    "))
        .map(|l| match l.split_once(" = ") {
            Some((id, value)) if !id.starts_with(' ') => value.to_string(),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    // Variables and variant keys are not words anyone reads.
    let mut words = BTreeSet::new();
    let mut rest = values.as_str();
    while !rest.is_empty() {
        let (word, after) = match rest.find(|c: char| !c.is_alphabetic()) {
            Some(0) => {
                let skip = rest.chars().next().unwrap().len_utf8();
                let sigil = rest.starts_with('$') || rest.starts_with('[') || rest.starts_with('*');
                let after = &rest[skip..];
                if sigil {
                    let end = after
                        .find(|c: char| !c.is_alphanumeric() && c != '-')
                        .unwrap_or(after.len());
                    (None, &after[end..])
                } else {
                    (None, after)
                }
            }
            Some(end) => (Some(&rest[..end]), &rest[end..]),
            None => (Some(rest), ""),
        };
        if let Some(word) = word.filter(|w| w.chars().count() >= 3) {
            words.insert(word.to_lowercase());
        }
        rest = after;
    }
    words
}

/// The text of HTML, without its tags.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn words_of(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn the_swedish_and_norwegian_files_have_no_english_word_of_the_tools() {
    let sandbox = scenario();
    let english = catalogue_words("en");
    // Proper names and text from the plans and the notes are allowed: they
    // are the plans' own words.
    let mut plans = String::new();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps")).unwrap() {
        plans.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    let plan_words = words_of(&plans);
    for lang in ["sv", "nb"] {
        let own = catalogue_words(lang);
        // A word the tool says in English only: not in this language's catalogue,
        // not a word of the plans, not markup or a command (html, roadmap, utc).
        let markup = words_of(
            "html head meta charset utf viewport content width device initial scale title style body main small \
             class headline late risk track strong table code span bar footer svg xmlns http www org viewbox role img \
             aria label font family system sans serif size line stroke text fill anchor start end rect height rx \
             dasharray bold weight middle transparent mermaid gantt dateformat yyyy axisformat section done crit \
             active begin vcalendar version prodid calscale gregorian method publish name vevent uid dtstamp dtstart \
             value date dtend summary description categories transp roadmap export utc",
        );
        for (name, args) in VIEWS {
            let out = run(&sandbox, Some(lang), args);
            // HTML: the words a person reads, not the tags, their attributes or the CSS.
            let read = match out.find("</style>") {
                Some(at) => strip_tags(&out[at..]),
                None => out.clone(),
            };
            let read = read.as_str();
            let found: Vec<String> = words_of(read)
                .into_iter()
                .filter(|w| english.contains(w) && !own.contains(w) && !plan_words.contains(w) && !markup.contains(w))
                .collect();
            assert!(found.is_empty(), "{lang} {name}: English words {found:?} in\n{out}");
        }
    }
}

#[test]
fn json_is_the_same_in_every_language() {
    let sandbox = scenario();
    for args in [
        &["status", "--format", "json"][..],
        &["checklist", "hubs-sdk", "--format", "json"],
        &["timeline", "--format", "json"],
        &["overdue", "--format", "json"],
        &["slips", "--format", "json"],
        &["show", "hubs-sdk", "--format", "json"],
        &["list", "--format", "json"],
        &["log", "--format", "json"],
        &["report", "--since", "2027-05-03", "--format", "json"],
        &["export", "--format", "json"],
        &["validate", "--format", "json"],
    ] {
        let english = run(&sandbox, Some("en"), args);
        assert!(
            english.starts_with('{') || english.starts_with('['),
            "{args:?}: {english}"
        );
        for lang in ["sv", "nb"] {
            assert_eq!(run(&sandbox, Some(lang), args), english, "{args:?} in {lang}");
        }
    }
    // The plain CSV is for scripts: its header and statuses do not change either.
    let csv = |lang| run(&sandbox, Some(lang), &["export", "--format", "csv"]);
    assert_eq!(csv("sv"), csv("en"));
    assert!(
        csv("nb")
            .starts_with("roadmap,milestone,step,title,owner,due,start,end,status,cost_tkr,done_by,done_on,note\r\n")
    );
}

/// `where`'s second line: the language and why.
fn language_line(sandbox: &Sandbox, env: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = sandbox.cmd(args);
    cmd.arg("where");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let (out, _) = expect_code(&cmd.output().unwrap(), 0);
    out.lines().nth(1).unwrap().to_string()
}

#[test]
fn the_language_comes_from_the_flag_the_environment_the_workspace_or_the_locale() {
    let sandbox = Sandbox::new();
    let status = |env: &[(&str, &str)], args: &[&str]| {
        let mut cmd = sandbox.cmd(args);
        cmd.args(["--today", TODAY, "status", "hubs-sdk"]);
        for (k, v) in env {
            cmd.env(k, v);
        }
        expect_code(&cmd.output().unwrap(), 0).0
    };
    assert!(status(&[], &[]).contains("  milestones "));
    assert!(status(&[("LANG", "sv_SE.UTF-8")], &[]).contains("  milstolpar "));
    assert!(status(&[("LANG", "sv_SE.UTF-8")], &["--lang", "en"]).contains("  milestones "));
    assert!(status(&[("ROADMAP_LANG", "nb")], &[]).contains("  milepæler "));
    assert!(status(&[("LANG", "nn_NO.UTF-8")], &[]).contains("  milepæler "));
    // POSIX order: LC_ALL before LC_MESSAGES before LANG, even for a language not spoken here.
    assert!(status(&[("LC_ALL", "de_DE.UTF-8"), ("LANG", "sv_SE.UTF-8")], &[]).contains("  milestones "));
    assert!(status(&[("LC_MESSAGES", "nb_NO.UTF-8"), ("LANG", "sv_SE.UTF-8")], &[]).contains("  milepæler "));
    assert_eq!(
        language_line(&sandbox, &[("LANG", "sv_SE.UTF-8")], &[]),
        "språk: sv (från LANG=sv_SE.UTF-8)"
    );
    assert_eq!(
        language_line(&sandbox, &[("ROADMAP_LANG", "nb")], &[]),
        "språk: nb (fra ROADMAP_LANG)"
    );
    assert_eq!(
        language_line(&sandbox, &[], &[]),
        "language: en (no --lang, ROADMAP_LANG, workspace setting or locale says otherwise)"
    );
    // A language asked for by name that is not spoken here is an error on the command line.
    let mut cmd = sandbox.cmd(&["--lang", "de", "status"]);
    let (_, err) = expect_code(&cmd.output().unwrap(), 2);
    assert!(err.contains("`de` is not a language roadmap speaks"), "{err}");
    cmd = sandbox.cmd(&["status"]);
    cmd.env("ROADMAP_LANG", "de");
    let (_, err) = expect_code(&cmd.output().unwrap(), 2);
    assert!(
        err.contains("ROADMAP_LANG=de is not a language roadmap speaks"),
        "{err}"
    );
}

#[test]
fn init_with_a_language_sets_the_workspace_and_the_locale_yields_to_it() {
    let sandbox = Sandbox::new();
    let (out, _) = expect_code(&sandbox.run(&["--lang", "nb", "init"]), 0);
    assert!(
        out.contains("satte     .roadmap/config.toml: language = \"nb\""),
        "{out}"
    );
    assert!(out.contains("arbeidsområdet er klart"), "{out}");
    let config = std::fs::read_to_string(sandbox.path().join(".roadmap/config.toml")).unwrap();
    assert!(config.contains("language = \"nb\""), "{config}");
    // In the workspace, and in a folder below it, with a Swedish locale: Norwegian.
    std::fs::create_dir_all(sandbox.path().join("docs")).unwrap();
    let mut cmd = sandbox.cmd(&["where"]);
    cmd.env("LANG", "sv_SE.UTF-8").current_dir(sandbox.path().join("docs"));
    let (out, _) = expect_code(&cmd.output().unwrap(), 0);
    assert!(
        out.contains(&format!(
            "språk: nb (arbeidsområdets innstilling i {}/.roadmap/config.toml)",
            sandbox.path().display()
        )),
        "{out}"
    );
    // ROADMAP_LANG is stronger than the workspace.
    assert_eq!(
        language_line(&sandbox, &[("ROADMAP_LANG", "sv")], &[]),
        "språk: sv (från ROADMAP_LANG)"
    );
    // A broken setting is an error with its place, and nothing runs.
    std::fs::write(
        sandbox.path().join(".roadmap/config.toml"),
        "language = \"nb\"\nlanguge = \"sv\"\n",
    )
    .unwrap();
    let (_, err) = expect_code(&sandbox.run(&["status"]), 1);
    assert!(err.contains("unknown key `languge` in the workspace settings"), "{err}");
    assert!(err.contains(".roadmap/config.toml:2:1"), "{err}");
    assert!(err.contains("did you mean `language`?"), "{err}");
}

#[test]
fn tick_in_swedish_asks_in_swedish() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["--lang", "sv", "init"]), 0);
    let mut command = sandbox.cmd(&["tick", "hubs-sdk/projektstart"]);
    command.env("TERM", "xterm").stdin(Stdio::inherit());
    let mut session = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    // rexpect reads the bytes one char each: look for the UTF-8 bytes.
    let bytes = |text: &str| text.bytes().map(char::from).collect::<String>();
    session.exp_string(&bytes("mellanslag klar/öppen")).unwrap();
    session.send(" ").unwrap();
    session.flush().unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
    session.exp_string(&bytes("Spara ändringen?")).unwrap();
    session.exp_string(&bytes("Ja, spara")).unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
    session
        .exp_string(&bytes("registrerade 1 ändring som tester (från ROADMAP_USER)"))
        .unwrap();
    session.exp_eof().unwrap();
}
