//! status, checklist, timeline and overdue: golden files for every format at
//! 80 and 160 columns over the shipped roadmaps, with a fixed today and state
//! made with `done`, `skip` and `note`.

use std::io::Read;
use std::process::Stdio;

use crate::support::{Sandbox, expect_code, golden};

const TODAY: &str = "2027-05-20";

/// A workspace with progress on three roadmaps, recorded at fixed times.
pub fn sandbox_with_progress() -> Sandbox {
    let sandbox = Sandbox::new();
    // Place the Hubs week plan in 2027 with a roadmap of the user's own.
    let hubs = crate::list_show::shipped_text("hubs-sdk").replacen("[roadmap]\n", "[roadmap]\nyear = 2027\n", 1);
    sandbox.write("plans/hubs-sdk.toml", hubs);
    expect_code(&sandbox.run(&["init"]), 0);
    let steps: &[(&str, &[&str])] = &[
        ("2027-04-01T08:00:00Z", &["done", "hubs-sdk/infor-projektuppstart"]),
        (
            "2027-04-13T09:30:00Z",
            &[
                "done",
                "hubs-sdk/projektstart/1",
                "hubs-sdk/projektstart/2",
                "--note",
                "Kickoff hölls",
                "--by",
                "anna",
            ],
        ),
        (
            "2027-04-14T10:00:00Z",
            &["done", "hubs-sdk/projektstart/3", "--by", "bob"],
        ),
        (
            "2027-04-15T11:00:00Z",
            &[
                "skip",
                "hubs-sdk/projektstart/5",
                "--note",
                "Redan anmälda till QA",
                "--by",
                "anna",
            ],
        ),
        (
            "2027-04-20T12:00:00Z",
            &["done", "hubs-sdk/installation-testmiljo/1", "--by", "itsl"],
        ),
        (
            "2027-04-21T12:00:00Z",
            &[
                "note",
                "hubs-sdk/installation-testmiljo",
                "Brandväggsöppning väntar",
                "--by",
                "itsl",
            ],
        ),
        (
            "2027-05-03T08:00:00Z",
            &[
                "done",
                "min-profil/1",
                "min-profil/2",
                "--at",
                "2021-12-10",
                "--by",
                "af",
            ],
        ),
        (
            "2027-05-04T08:00:00Z",
            &["done", "intygshantering/ramverk-infors", "--by", "digg"],
        ),
    ];
    for (now, args) in steps {
        let mut cmd = sandbox.cmd(&["--roadmaps", "plans"]);
        cmd.args(*args).env("ROADMAP_NOW", now);
        expect_code(&cmd.output().unwrap(), 0);
    }
    sandbox
}

fn view(sandbox: &Sandbox, columns: &str, args: &[&str]) -> (String, i32) {
    let mut cmd = sandbox.cmd(&["--roadmaps", "plans", "--today", TODAY]);
    cmd.args(args).env("COLUMNS", columns);
    let output = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.is_empty() || output.status.code() == Some(3),
        "{args:?}: {stderr}"
    );
    (
        String::from_utf8(output.stdout)
            .unwrap()
            .replace(&sandbox.path().display().to_string(), "$SANDBOX"),
        output.status.code().unwrap(),
    )
}

#[test]
fn every_view_in_every_format_at_80_and_160_columns() {
    let sandbox = sandbox_with_progress();
    let views: &[(&str, &[&str])] = &[
        ("status", &["status"]),
        (
            "status-all",
            &[
                "status",
                "min-profil",
                "genomforande",
                "difi-postkasse",
                "hubs-sdk",
                "intygshantering",
            ],
        ),
        ("checklist-hubs", &["checklist", "hubs-sdk"]),
        ("timeline", &["timeline", "min-profil", "hubs-sdk", "intygshantering"]),
        ("timeline-hubs", &["timeline"]),
        ("overdue", &["overdue", "min-profil", "hubs-sdk", "intygshantering"]),
    ];
    for (name, args) in views {
        for columns in ["80", "160"] {
            for format in ["table", "json", "markdown"] {
                let mut full: Vec<&str> = args.to_vec();
                full.extend(["--format", format]);
                let (out, code) = view(&sandbox, columns, &full);
                assert_eq!(code, 0, "{full:?}");
                let ext = match format {
                    "json" => "json",
                    "markdown" => "md",
                    _ => "txt",
                };
                golden(&format!("views/{name}-{columns}.{ext}"), &out);
                if format == "table" {
                    let width: usize = columns.parse().unwrap();
                    for line in out.lines() {
                        assert!(
                            line.chars().count() <= width,
                            "{name} at {columns}: line too wide: {line}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn overdue_min_profil_in_january_2022_is_exactly_the_ht2021_milestones() {
    let sandbox = Sandbox::new();
    let (out, _) = expect_code(
        &sandbox.run(&["overdue", "min-profil", "--today", "2022-01-15", "--format", "json"]),
        0,
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = json["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["milestone"].as_str().unwrap())
        .collect();
    // Milestones 1-5 are due HT2021, which ended 2021-12-31: 15 days before.
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    assert!(
        json["overdue"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["days_overdue"] == 15)
    );
    let output = sandbox.run(&["overdue", "min-profil", "--today", "2022-01-15", "--fail-on-overdue"]);
    let (out, _) = expect_code(&output, 3);
    assert!(
        out.contains("5 overdue milestones, 0 open steps in them (today 2022-01-15)"),
        "{out}"
    );
    // On the last day of HT2021 nothing is overdue yet.
    let (out, _) = expect_code(
        &sandbox.run(&["overdue", "min-profil", "--today", "2021-12-31", "--fail-on-overdue"]),
        0,
    );
    assert_eq!(out, "nothing is overdue (today 2021-12-31)\n");
}

#[test]
fn today_comes_from_the_environment_too() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .cmd(&["overdue", "min-profil", "--fail-on-overdue"])
        .env("ROADMAP_TODAY", "15.01.2022")
        .output()
        .unwrap();
    expect_code(&output, 3);
    let (_, err) = expect_code(&sandbox.run(&["status", "--today", "2022-13-01"]), 2);
    assert!(
        err.contains("2022-13-01 is not a date (months run from 1 to 12)"),
        "{err}"
    );
}

/// The ids of the milestones `status ARGS --format json` shows for one roadmap.
fn status_ids(sandbox: &Sandbox, args: &[&str]) -> Vec<String> {
    let mut all = vec!["status"];
    all.extend_from_slice(args);
    all.extend(["--format", "json"]);
    let (out, _) = expect_code(&sandbox.run(&all), 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    json["roadmaps"][0]["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn filters_by_owner_and_phase() {
    let sandbox = Sandbox::new();
    let regeringen = status_ids(
        &sandbox,
        &["min-profil", "--owner", "Regeringen", "--today", "2022-01-15"],
    );
    assert_eq!(regeringen, ["19", "20", "21"]);
    let digg = status_ids(
        &sandbox,
        &[
            "min-profil",
            "--owner",
            "digg",
            "--phase",
            "Förvaltning- och förbättringsfas",
        ],
    );
    // 22 is "AF / Digg": it counts for Digg.
    assert_eq!(digg, ["22", "23", "24", "25", "26", "27", "28"]);
}

#[test]
fn status_json_has_the_documented_shape_and_counts_a_milestone_done_by_its_steps() {
    let sandbox = sandbox_with_progress();
    let (out, _) = view(&sandbox, "100", &["status", "hubs-sdk", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hubs = &json["roadmaps"][0];
    let first = &hubs["milestones"][0];
    let keys: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    for key in [
        "id",
        "title",
        "phase",
        "owner",
        "kind",
        "due",
        "status",
        "blocked",
        "steps_done",
        "steps_total",
        "cost_tkr",
    ] {
        assert!(keys.contains(&key), "missing {key}: {keys:?}");
    }
    // All three steps of the first milestone were ticked with one `done`.
    assert_eq!(
        (first["status"].as_str(), first["steps_done"].as_u64()),
        (Some("done"), Some(3))
    );
    // V13-14 of 2027: Monday 29 March to Sunday 11 April.
    assert_eq!(
        first["due"],
        serde_json::json!({"label": "V13-14", "start": "2027-03-29", "end": "2027-04-11"})
    );
    // projektstart (V15, 12-18 April 2027) has 3 done, 1 skipped, 2 open: overdue on 20 May.
    assert_eq!(hubs["milestones"][1]["status"], "overdue");
    assert_eq!(hubs["milestones"][1]["steps_done"], 3);
    assert_eq!(hubs["summary"]["steps_done"], 7);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let sandbox = Sandbox::new();
    let (plain, _) = expect_code(&sandbox.run(&["status", "min-profil", "--today", "2022-01-15"]), 0);
    assert!(!plain.contains('\x1b'));
    let output = sandbox
        .cmd(&["status", "min-profil", "--today", "2022-01-15", "--color", "always"])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(expect_code(&output, 0).0.contains("\x1b[31m"));
    let output = sandbox
        .cmd(&["timeline", "min-profil", "--today", "2022-01-15", "--color", "never"])
        .output()
        .unwrap();
    assert!(!expect_code(&output, 0).0.contains('\x1b'));
}

#[test]
fn control_characters_in_roadmap_text_are_escaped() {
    let sandbox = Sandbox::new();
    sandbox.write("plans/evil.toml", "[roadmap]\nid = \"evil\"\ntitle = \"Plan \\u001b[2J\"\nlanguage = \"sv\"\n\n[[milestone]]\nid = \"a\"\ntitle = \"A\\u0007\"\ndue = \"2024\"\n");
    for args in [
        &["status", "evil"][..],
        &["checklist", "evil"],
        &["timeline", "evil"],
        &["overdue", "evil"],
        &["show", "evil"],
        &["list"],
    ] {
        let mut cmd = sandbox.cmd(&["--roadmaps", "plans", "--today", "2025-01-01", "--color", "never"]);
        cmd.args(args);
        let (out, _) = expect_code(&cmd.output().unwrap(), 0);
        assert!(!out.contains('\x1b') && !out.contains('\x07'), "{args:?}: {out:?}");
    }
}

/// Runs `cmd` with its output read as `head` reads it: the first `bytes`,
/// then the pipe closed.
fn read_then_closed(mut cmd: std::process::Command, bytes: usize) -> std::process::Output {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = vec![0u8; bytes];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    child.wait_with_output().unwrap()
}

#[test]
fn piping_into_head_ends_quietly() {
    let sandbox = Sandbox::new();
    let mut cmd = sandbox.cmd(&["timeline", "--today", "2022-01-15"]);
    cmd.env("COLUMNS", "1000");
    let output = read_then_closed(cmd, 16);
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(output.status.code(), Some(0));
}

/// A plan of 1,500 milestones, all overdue in 2025: `overdue` and `timeline`
/// write it in pieces of 64 KiB (a national portfolio's output is tens of MiB).
fn large_overdue_plan(sandbox: &Sandbox) {
    let mut text = String::from("[roadmap]\nid = \"stor\"\ntitle = \"Stor plan\"\nlanguage = \"sv\"\n");
    for i in 1..=1500 {
        text.push_str(&format!(
            "\n[[milestone]]\nid = \"m{i}\"\ntitle = \"Milstolpe nummer {i} med en lång titel\"\ndue = \"2024-{:02}-15\"\nowner = \"Förvaltningen\"\n",
            i % 12 + 1
        ));
    }
    sandbox.write("plans/stor.toml", text);
}

#[test]
fn a_large_view_is_written_whole_in_pieces() {
    let sandbox = Sandbox::new();
    large_overdue_plan(&sandbox);
    for view in ["overdue", "timeline"] {
        let output = sandbox
            .cmd(&["--roadmaps", "plans", "--today", "2025-06-01", view])
            .env("COLUMNS", "120")
            .output()
            .unwrap();
        let (out, _) = expect_code(&output, 0);
        assert!(out.len() > 2 * 65_536, "{view}: {} bytes", out.len());
        // Every milestone once, each on a whole line, and what closes the view last.
        for i in [1, 700, 1500] {
            let title = format!("Milstolpe nummer {i} med en lång titel");
            assert_eq!(out.lines().filter(|l| l.contains(&title)).count(), 1, "{view}: {title}");
        }
        assert_eq!(
            out.lines().filter(|l| l.contains("Milstolpe nummer")).count(),
            1500,
            "{view}"
        );
        let last = out.lines().last().unwrap();
        let closing = if view == "overdue" {
            "1500 overdue milestones"
        } else {
            "overdue"
        };
        assert!(last.contains(closing), "{view} ends with {last:?}");
    }
}

#[test]
fn a_large_view_piped_into_head_ends_quietly() {
    let sandbox = Sandbox::new();
    large_overdue_plan(&sandbox);
    for view in ["overdue", "timeline"] {
        let output = read_then_closed(
            sandbox.cmd(&["--roadmaps", "plans", "--today", "2025-06-01", view]),
            100,
        );
        assert!(
            output.stderr.is_empty(),
            "{view}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.status.code(), Some(0), "{view}");
    }
}
