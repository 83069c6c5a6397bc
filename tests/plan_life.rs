//! A plan that changes, as new users live with one: steps inserted, deleted,
//! reordered, moved and reworded after ticking; an old state file; your own
//! plan beside the shipped ones; reschedules on two branches; reports of past
//! weeks; who records; and the small rules around them.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use crate::support::{Sandbox, expect_code, git, git_ok, roadmap_in};

/// The same command, recorded at a fixed time.
fn at(sandbox: &Sandbox, now: &str, args: &[&str]) -> Output {
    sandbox.cmd(args).env("ROADMAP_NOW", now).output().unwrap()
}

fn json(sandbox: &Sandbox, args: &[&str]) -> Value {
    serde_json::from_str(&expect_code(&sandbox.run(args), 0).0).unwrap()
}

/// Each step of a checklist, by its text: its mark and its notes.
fn steps_by_text(checklist: &Value) -> BTreeMap<String, (String, Vec<String>)> {
    let mut steps = BTreeMap::new();
    for m in checklist["milestones"].as_array().unwrap() {
        for s in m["steps"].as_array().unwrap() {
            let notes = s["notes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["text"].as_str().unwrap().to_string())
                .collect();
            steps.insert(
                s["text"].as_str().unwrap().to_string(),
                (s["mark"].as_str().unwrap().to_string(), notes),
            );
        }
    }
    steps
}

const PLAN: &str = r#"[roadmap]
id = "plan"
title = "Kommunens plan"
language = "sv"

[[milestone]]
id = "start"
title = "Projektstart"
due = "2027-W15"

  [[milestone.step]]
  text = "Genomföra uppstartsmöte"

  [[milestone.step]]
  text = "Fastställa projektorganisation"

  [[milestone.step]]
  text = "Skriva mötesanteckningar"

  [[milestone.step]]
  text = "Upprätta tidplan"

  [[milestone.step]]
  text = "Anmäla till QA-miljön"

[[milestone]]
id = "test"
title = "Testmiljö"
due = "2027-W17"

  [[milestone.step]]
  text = "Beställa certifikat"

  [[milestone.step]]
  text = "Installera SDK"
"#;

/// The same plan after a project lead's edits: a step inserted first, one
/// deleted between, two swapped, and one moved to the other milestone.
const EDITED: &str = r#"[roadmap]
id = "plan"
title = "Kommunens plan"
language = "sv"

[[milestone]]
id = "start"
title = "Projektstart"
due = "2027-W15"

  [[milestone.step]]
  text = "Boka lokal för kickoff"

  [[milestone.step]]
  text = "Genomföra uppstartsmöte"

  [[milestone.step]]
  text = "Fastställa projektorganisation"

  [[milestone.step]]
  text = "Anmäla till QA-miljön"

  [[milestone.step]]
  text = "Upprätta tidplan"

  [[milestone.step]]
  text = "Beställa certifikat"

[[milestone]]
id = "test"
title = "Testmiljö"
due = "2027-W17"

  [[milestone.step]]
  text = "Installera SDK"
"#;

#[test]
fn marks_skips_and_notes_stay_on_their_step_when_the_plan_is_edited() {
    let sandbox = Sandbox::new();
    let path = sandbox.write("plans/plan.toml", PLAN);
    expect_code(&sandbox.run(&["init"]), 0);
    let r = |args: &[&str]| {
        let mut all = vec!["--roadmaps", "plans"];
        all.extend_from_slice(args);
        expect_code(&sandbox.run(&all), 0)
    };
    r(&["done", "plan/start/1", "plan/start/2", "--note", "Kickoff hölls"]);
    r(&["skip", "plan/start/5", "--note", "Redan anmälda"]);
    r(&["note", "plan/start/4", "Väntar på ITSL"]);
    r(&["done", "plan/test/1"]);
    r(&["done", "plan/test/2"]);
    let checklist = |sandbox: &Sandbox| {
        json(
            sandbox,
            &["--roadmaps", "plans", "checklist", "plan", "--format", "json"],
        )
    };
    let before = steps_by_text(&checklist(&sandbox));
    assert_eq!(before["Fastställa projektorganisation"].0, "done");
    assert_eq!(before["Anmäla till QA-miljön"].0, "skipped");

    std::fs::write(&path, EDITED).unwrap();
    let after = steps_by_text(&checklist(&sandbox));
    for (text, was) in &before {
        if text == "Skriva mötesanteckningar" {
            assert!(!after.contains_key(text), "deleted");
            continue;
        }
        assert_eq!(&after[text], was, "{text}");
    }
    assert_eq!(after["Boka lokal för kickoff"], ("open".to_string(), Vec::new()));
    let (out, _) = r(&["validate"]);
    assert!(
        !out.contains("no longer match"),
        "nothing is lost by inserting, deleting, reordering or moving:\n{out}"
    );

    // A step without an id reworded: a new step. Its changes count for nothing and are reported.
    std::fs::write(&path, EDITED.replace("Upprätta tidplan", "Upprätta detaljerad tidplan")).unwrap();
    let reworded = steps_by_text(&checklist(&sandbox));
    assert_eq!(
        reworded["Upprätta detaljerad tidplan"],
        ("open".to_string(), Vec::new())
    );
    for (text, was) in &after {
        if text != "Upprätta tidplan" {
            assert_eq!(&reworded[text], was, "{text} is untouched");
        }
    }
    let (status, _) = r(&["status"]);
    assert!(
        status.contains("1 change recorded no longer matches a step or milestone"),
        "{status}"
    );
    // What validate says names the step's fingerprint, worked out by Python's hashlib.
    if !crate::support::readers(&[crate::support::Reader::Python]) {
        return;
    }
    let (out, _) = r(&["validate"]);
    let tidplan = crate::support::fingerprint("Upprätta tidplan");
    let warning =
        format!("1 change to `plan/start/{tidplan}` (recorded on the step \"Upprätta tidplan\") no longer match");
    assert!(out.contains(&warning), "{out}");
    let fix = format!("roadmap reattach plan/start/{tidplan} plan/start/5");
    assert!(out.contains(&fix), "{out}");
    let (out, _) = r(&["reattach", &format!("plan/start/{tidplan}"), "plan/start/5"]);
    assert!(out.contains("1 change recorded under"), "{out}");
    let back = steps_by_text(&checklist(&sandbox));
    assert_eq!(back["Upprätta detaljerad tidplan"], after["Upprätta tidplan"]);
}

#[test]
fn steps_with_ids_keep_their_progress_when_reworded() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--year", "2027"]), 0);
    let copy = sandbox.path().join(".roadmap/roadmaps/hubs-sdk.toml");
    let text = std::fs::read_to_string(&copy).unwrap();
    assert!(
        text.contains("  id = \"genomfora-uppstartsmote-kickoff-med\"\n  text = \"Genomföra uppstartsmöte"),
        "{text}"
    );
    expect_code(
        &sandbox.run(&["done", "hubs-sdk/projektstart/genomfora-uppstartsmote-kickoff-med"]),
        0,
    );
    std::fs::write(
        &copy,
        text.replace("Genomföra uppstartsmöte (kickoff)", "Hålla kickoff"),
    )
    .unwrap();
    let list = json(&sandbox, &["checklist", "hubs-sdk/projektstart", "--format", "json"]);
    let first = &list["milestones"][0]["steps"][0];
    assert_eq!(
        (
            first["text"].as_str().unwrap().starts_with("Hålla kickoff"),
            first["mark"].as_str()
        ),
        (true, Some("done"))
    );
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/format-1")
            .join(name),
    )
    .unwrap()
}

/// What matters of a checklist step to its reader: the mark, who set it and when, and the notes.
fn marks(checklist: &Value) -> Vec<Value> {
    checklist["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["steps"].as_array().unwrap().iter())
        .map(|s| serde_json::json!([s["index"], s["text"], s["mark"], s["changed"], s["notes"]]))
        .collect()
}

#[test]
fn a_state_file_of_the_previous_release_reads_the_same_and_only_gains_lines() {
    // Both files were written by the previous release (format 1, steps by place).
    let old_state = fixture("state.jsonl");
    let old_checklist: Value = serde_json::from_str(&fixture("checklist-hubs-sdk.json")).unwrap();
    let sandbox = Sandbox::new();
    let path = sandbox.write(".roadmap/state.jsonl", &old_state);
    let now = json(
        &sandbox,
        &["--today", "2027-05-20", "checklist", "hubs-sdk", "--format", "json"],
    );
    assert_eq!(
        marks(&now),
        marks(&old_checklist),
        "the same result as the previous release"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        old_state,
        "reading changes nothing"
    );

    expect_code(
        &at(&sandbox, "2027-05-21T08:00:00Z", &["done", "hubs-sdk/projektstart/4"]),
        0,
    );
    let new_state = std::fs::read_to_string(&path).unwrap();
    assert!(new_state.starts_with(&old_state), "every old line is kept as it was");
    let added: Vec<Value> = new_state[old_state.len()..]
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(added[0], serde_json::json!({"roadmap_state": 2}));
    let pinned: Vec<&str> = added[1..added.len() - 1]
        .iter()
        .map(|p| p["target"].as_str().unwrap())
        .collect();
    assert_eq!(
        pinned,
        [
            "hubs-sdk/projektstart/1",
            "hubs-sdk/projektstart/2",
            "hubs-sdk/projektstart/3",
            "hubs-sdk/projektstart/5",
            "hubs-sdk/installation-testmiljo/1"
        ]
    );
    assert!(added[1..added.len() - 1].iter().all(|p| p["op"] == "rekey"));

    // Pinned: a step inserted at the top of the milestone moves no old tick.
    let shipped = crate::list_show::shipped_text("hubs-sdk");
    let inserted = shipped.replacen(
        "  [[milestone.step]]\n  text = \"Genomföra uppstartsmöte",
        "  [[milestone.step]]\n  text = \"Boka lokal för kickoff\"\n\n  [[milestone.step]]\n  text = \"Genomföra uppstartsmöte",
        1,
    );
    assert_ne!(inserted, shipped);
    sandbox.write(".roadmap/roadmaps/hubs-sdk.toml", inserted);
    let edited = steps_by_text(&json(
        &sandbox,
        &["--today", "2027-05-20", "checklist", "hubs-sdk", "--format", "json"],
    ));
    let old = steps_by_text(&old_checklist);
    for (text, (mark, notes)) in &old {
        if text.starts_with("Etablera kommunikationsvägar") {
            assert_eq!(edited[text].0, "done", "the tick made after the upgrade");
            continue;
        }
        assert_eq!(&edited[text], &(mark.clone(), notes.clone()), "{text}");
    }
    assert_eq!(edited["Boka lokal för kickoff"].0, "open");
}

const LATE_PLAN: &str = "[roadmap]\nid = \"egen\"\ntitle = \"Vår plan\"\nlanguage = \"sv\"\n\n\
    [[milestone]]\nid = \"a\"\ntitle = \"Upphandling\"\ndue = \"2026-09-30\"\n\n\
    [[milestone]]\nid = \"b\"\ntitle = \"Avtal\"\ndue = \"2026-10\"\n\n\
    [[milestone]]\nid = \"c\"\ntitle = \"Införande\"\ndue = \"2027-06\"\n";

#[test]
fn your_own_plan_is_in_scope_ticked_or_not_and_the_shipped_ones_are_left_out() {
    let sandbox = Sandbox::new();
    sandbox.write("plans/egen.toml", LATE_PLAN);
    let gate = sandbox.run(&[
        "--roadmaps",
        "plans",
        "--today",
        "2026-12-01",
        "overdue",
        "--fail-on-overdue",
    ]);
    let (out, _) = expect_code(&gate, 3);
    assert!(
        out.contains("egen/a") && out.contains("egen/b") && !out.contains("hubs-sdk"),
        "{out}"
    );
    let report = json(
        &sandbox,
        &[
            "--roadmaps",
            "plans",
            "--today",
            "2026-12-01",
            "report",
            "--format",
            "json",
        ],
    );
    // Two months late (due 30 September, today 1 December): yellow by the
    // light rule (red at more than 3 months), so the plan is at risk.
    assert_eq!(report["headline"]["verdict"], "at_risk");
    assert_eq!(report["lights"][0]["roadmap"], "egen");
    assert_eq!(report["lights"][0]["time"]["light"], "yellow");
    let ids: Vec<&str> = report["roadmaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["egen"]);
    let (status, _) = expect_code(&sandbox.run(&["--roadmaps", "plans", "status"]), 0);
    assert!(
        status.contains("Vår plan (egen)") && status.contains("not shown: the shipped roadmaps min-profil"),
        "{status}"
    );

    // A workspace that adopted only hubs-sdk works on hubs-sdk alone.
    let adopted = Sandbox::new();
    expect_code(&adopted.run(&["init", "hubs-sdk", "--start", "2026-W40"]), 0);
    let today = ["--today", "2026-12-01"];
    let view = |args: &[&str]| {
        let mut all = today.to_vec();
        all.extend_from_slice(args);
        json(&adopted, &all)
    };
    let ids = |list: &Value, key: &str| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|r| r[key].as_str().unwrap().to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    assert_eq!(
        ids(&view(&["status", "--format", "json"])["roadmaps"], "id"),
        ["hubs-sdk"]
    );
    assert_eq!(
        ids(&view(&["report", "--format", "json"])["roadmaps"], "id"),
        ["hubs-sdk"]
    );
    assert_eq!(
        ids(&view(&["overdue", "--format", "json"])["overdue"], "roadmap"),
        ["hubs-sdk"]
    );
    // tick offers the milestones of hubs-sdk only.
    let mut command = adopted.cmd(&["tick"]);
    command.env("TERM", "xterm").stdin(std::process::Stdio::inherit());
    let mut session = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    // rexpect reads the screen as Latin-1: the words looked for are ASCII.
    let (shown, _) = session.exp_regex("projektuppstart").unwrap();
    let screen = session.exp_string("Quit").unwrap_or_default();
    let seen = format!("{shown}{screen}");
    assert!(!seen.contains("Produktuppt") && !seen.contains("postkasse"), "{seen}");
    session.send_control('c').unwrap();
}

#[test]
fn reschedules_on_two_branches_merge_without_conflict_and_the_later_counts() {
    for how in ["merge", "pull --rebase"] {
        let sandbox = Sandbox::new();
        let seed = sandbox.path().join("seed");
        std::fs::create_dir_all(&seed).unwrap();
        git_ok(&seed, &["init", "-q", "-b", "main"]);
        expect_code(
            &roadmap_in(
                &seed,
                "2027-05-01T08:00:00Z",
                &["init", "hubs-sdk", "--start", "2027-W20"],
            ),
            0,
        );
        git_ok(&seed, &["add", "-A"]);
        git_ok(&seed, &["commit", "-q", "-m", "plan"]);
        let origin = sandbox.path().join("origin.git");
        git_ok(
            sandbox.path(),
            &[
                "clone",
                "-q",
                "--bare",
                seed.to_str().unwrap(),
                origin.to_str().unwrap(),
            ],
        );
        let (a, b) = (sandbox.path().join("a"), sandbox.path().join("b"));
        for clone in [&a, &b] {
            git_ok(
                sandbox.path(),
                &["clone", "-q", origin.to_str().unwrap(), clone.to_str().unwrap()],
            );
        }
        let move_to = |dir: &Path, now: &str, due: &str, why: &str| {
            let args = ["reschedule", "hubs-sdk/projektstart", due, "--note", why];
            expect_code(&roadmap_in(dir, now, &args), 0);
            git_ok(dir, &["commit", "-q", "-am", why]);
        };
        move_to(&a, "2027-05-10T08:00:00Z", "2027-W24", "Avtalet signerades sent");
        move_to(&b, "2027-05-11T08:00:00Z", "2027-W26", "Semester");
        git_ok(&a, &["push", "-q", "origin", "main"]);
        let pulled = match how {
            "merge" => {
                git_ok(&b, &["fetch", "-q", "origin"]);
                git(&b, &["merge", "--no-edit", "origin/main"])
            }
            _ => git(&b, &["pull", "--rebase", "-q", "origin", "main"]),
        };
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&pulled.stdout),
            String::from_utf8_lossy(&pulled.stderr)
        );
        assert!(pulled.status.success() && !said.contains("CONFLICT"), "{how}: {said}");
        let slips: Value =
            serde_json::from_slice(&roadmap_in(&b, "2027-05-12T08:00:00Z", &["slips", "--format", "json"]).stdout)
                .unwrap();
        assert_eq!(slips[0]["current"], "2027-W26", "{how}: the later move counts");
        assert_eq!(slips[0]["baseline"], "2027-W22");
        let moves: Vec<&str> = slips[0]["moves"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["note"].as_str().unwrap())
            .collect();
        assert_eq!(moves, ["Semester"], "{how}: only the moves that count");
        let show: Value = serde_json::from_slice(
            &roadmap_in(
                &b,
                "2027-05-12T08:00:00Z",
                &["show", "hubs-sdk/projektstart", "--format", "json"],
            )
            .stdout,
        )
        .unwrap();
        assert_eq!(
            (show["due"]["label"].as_str(), show["baseline"].as_str()),
            (Some("2027-W26"), Some("2027-W22"))
        );
        let validate = roadmap_in(&b, "2027-05-12T08:00:00Z", &["validate"]);
        let said = String::from_utf8_lossy(&validate.stdout);
        assert!(
            said.contains("`hubs-sdk/projektstart` was changed independently (on two branches?): moved to 2027-W24")
                && said.contains("the later change counts (moved to 2027-W26)"),
            "{how}: {said}"
        );
        let file = std::fs::read_to_string(b.join(".roadmap/roadmaps/hubs-sdk.toml")).unwrap();
        assert!(
            file.contains("due = \"2027-W20..2027-W21\""),
            "the plan file keeps its dates"
        );
    }
}

#[test]
fn a_bare_week_lands_in_the_plans_year_or_is_refused_with_the_iso_form() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--start", "2027-W50"]), 0);
    // The plan runs from 2027-W50 to 2028-W14: week 2 is 2028's, week 51 2027's.
    let (out, _) = expect_code(&sandbox.run(&["reschedule", "hubs-sdk/projektstart", "V2"]), 0);
    assert!(out.contains("V2 is 2028-W02 in this plan"), "{out}");
    let (out, _) = expect_code(&sandbox.run(&["reschedule", "hubs-sdk/sdk-qa", "v51"]), 0);
    assert!(out.contains("v51 is 2027-W51 in this plan"), "{out}");
    let show = json(&sandbox, &["show", "hubs-sdk/projektstart", "--format", "json"]);
    assert_eq!(
        show["due"],
        serde_json::json!({"label": "2028-W02", "start": "2028-01-10", "end": "2028-01-16"})
    );
    // Week 30 falls in neither 2027-W50..2028-W14 year of the plan.
    let (_, err) = expect_code(&sandbox.run(&["reschedule", "hubs-sdk/projektstart", "V30"]), 1);
    assert!(err.contains("write the ISO week: 2027-W30 or 2028-W30"), "{err}");
    // A week plan with no year takes no bare week.
    let unplaced = Sandbox::new();
    let (_, err) = expect_code(&unplaced.run(&["reschedule", "hubs-sdk/projektstart", "V21"]), 1);
    assert!(
        err.contains("is not placed in a year") && err.contains("roadmap init hubs-sdk --start WEEK"),
        "{err}"
    );
}

#[test]
fn a_report_on_a_past_week_comes_out_the_same_later_and_shows_skips_reopens_and_moves() {
    let sandbox = crate::views::sandbox_with_progress();
    // Sent on the Monday after the week.
    let report = |format: &str| {
        let args = [
            "--roadmaps",
            "plans",
            "--today",
            "2027-05-24",
            "report",
            "min-profil",
            "hubs-sdk",
            "intygshantering",
            "--week",
            "2027-W20",
            "--format",
            format,
        ];
        expect_code(&sandbox.run(&args), 0).0
    };
    let record = |now: &str, args: &[&str]| {
        let mut all = vec!["--roadmaps", "plans"];
        all.extend_from_slice(args);
        expect_code(&at(&sandbox, now, &all), 0);
    };
    // In 2027-W20 (17-23 May): a skip, a reopening and a move, each with its reason.
    record(
        "2027-05-17T09:00:00Z",
        &["skip", "hubs-sdk/sdk-qa/3", "--note", "Ingen extern DNS"],
    );
    record(
        "2027-05-18T09:00:00Z",
        &["reopen", "hubs-sdk/projektstart/3", "--note", "Tidplanen gjordes om"],
    );
    record(
        "2027-05-19T09:00:00Z",
        &["reschedule", "hubs-sdk/sdk-qa", "V21", "--note", "DIGG har semester"],
    );
    let sent: Vec<String> = ["markdown", "html", "json", "text"].iter().map(|f| report(f)).collect();
    let json_report: Value = serde_json::from_str(&sent[2]).unwrap();
    let changes: Vec<(&str, &str)> = json_report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["op"].as_str().unwrap(), c["note"].as_str().unwrap()))
        .collect();
    assert_eq!(
        changes,
        [
            ("skip", "Ingen extern DNS"),
            ("reopen", "Tidplanen gjordes om"),
            ("reschedule", "DIGG har semester")
        ]
    );
    // The plan has `year = 2027`, so V21 is a date as written.
    assert_eq!(
        (
            json_report["changes"][2]["from"].as_str(),
            json_report["changes"][2]["to"].as_str()
        ),
        (Some("V19"), Some("V21"))
    );
    for (format, text) in ["markdown", "html", "json", "text"].iter().zip(&sent) {
        for reason in ["Ingen extern DNS", "Tidplanen gjordes om", "DIGG har semester"] {
            assert!(text.contains(reason), "{format}: {reason}");
        }
    }
    assert!(
        sent[0].contains("marked not applicable by tester")
            && sent[0].contains("reopened by tester")
            && sent[0].contains("moved from week 19 to week 21 (+14 days) by tester"),
        "{}",
        sent[0]
    );
    // More is recorded after the week: the week's report does not change.
    record("2027-05-24T09:00:00Z", &["done", "hubs-sdk/sdk-qa"]);
    record("2027-05-25T09:00:00Z", &["reschedule", "hubs-sdk/projektavslut", "V30"]);
    let later: Vec<String> = ["markdown", "html", "json", "text"]
        .iter()
        .map(|f| {
            let args = [
                "--roadmaps",
                "plans",
                "--today",
                "2027-06-30",
                "report",
                "min-profil",
                "hubs-sdk",
                "intygshantering",
                "--week",
                "2027-W20",
                "--format",
                f,
            ];
            expect_code(&sandbox.run(&args), 0).0
        })
        .collect();
    assert_eq!(later, sent, "the same bytes as the day it was sent");
}

#[test]
fn who_records_comes_from_git_in_a_shared_workspace_and_is_never_unknown() {
    let sandbox = Sandbox::new();
    git_ok(sandbox.path(), &["init", "-q"]);
    git_ok(sandbox.path(), &["config", "user.name", "Anna Andersson"]);
    expect_code(&sandbox.run(&["init"]), 0);
    let mut cmd = sandbox.cmd(&["done", "hubs-sdk/projektstart/1"]);
    cmd.env_remove("ROADMAP_USER").env("USER", "root");
    let (out, _) = expect_code(&cmd.output().unwrap(), 0);
    assert!(
        out.contains("recorded 1 change as Anna Andersson (git user.name)"),
        "{out}"
    );
    let state = std::fs::read_to_string(sandbox.path().join(".roadmap/state.jsonl")).unwrap();
    assert!(state.contains("\"by\":\"Anna Andersson\""), "{state}");
    let mut cmd = sandbox.cmd(&["done", "hubs-sdk/projektstart/2", "--by", "bob"]);
    cmd.env_remove("ROADMAP_USER");
    assert!(expect_code(&cmd.output().unwrap(), 0).0.contains("as bob (from --by)"));

    let nobody = Sandbox::new();
    expect_code(&nobody.run(&["init"]), 0);
    let mut cmd = nobody.cmd(&["done", "hubs-sdk/projektstart/1"]);
    cmd.env_remove("ROADMAP_USER");
    let (_, err) = expect_code(&cmd.output().unwrap(), 1);
    assert!(
        err.contains("cannot tell who is recording this change") && err.contains("--by NAME"),
        "{err}"
    );
    let state = std::fs::read_to_string(nobody.path().join(".roadmap/state.jsonl")).unwrap();
    assert_eq!(state.lines().count(), 1, "nothing recorded: {state}");
}

#[test]
fn reopen_keeps_skips_and_a_day_in_the_future_is_refused() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["done", "hubs-sdk/projektstart"]), 0);
    expect_code(
        &sandbox.run(&["skip", "hubs-sdk/projektstart/5", "--note", "Ej aktuellt"]),
        0,
    );
    expect_code(&sandbox.run(&["reopen", "hubs-sdk/projektstart"]), 0);
    let list = json(&sandbox, &["checklist", "hubs-sdk/projektstart", "--format", "json"]);
    let marks: Vec<&str> = list["milestones"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["mark"].as_str().unwrap())
        .collect();
    assert_eq!(marks, ["open", "open", "open", "open", "skipped", "open"]);
    let (_, err) = expect_code(
        &sandbox.run(&[
            "--today",
            "2026-12-01",
            "done",
            "hubs-sdk/projektstart/1",
            "--at",
            "2031-01-01",
        ]),
        1,
    );
    assert!(err.contains("--at 2031-01-01 is after today (2026-12-01)"), "{err}");
}

#[test]
fn conflict_markers_in_a_roadmap_file_are_named_as_a_merge_conflict() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "plans/plan.toml",
        LATE_PLAN.replace(
            "due = \"2026-10\"\n",
            "<<<<<<< HEAD\ndue = \"2026-10\"\n=======\ndue = \"2026-11\"\n>>>>>>> theirs\n",
        ),
    );
    let (_, err) = expect_code(&sandbox.run(&["--roadmaps", "plans", "status"]), 1);
    assert!(
        err.contains("unresolved git merge conflict in plans/plan.toml:14")
            && err.contains("delete the three marker lines"),
        "{err}"
    );
}

#[test]
fn validate_in_json_lists_a_schedule_contradiction_and_an_unknown_party_as_warnings() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "plans/plan.toml",
        "[roadmap]\nid = \"plan\"\ntitle = \"Plan\"\nlanguage = \"sv\"\n\n[parties]\nAF = \"Arbetsförmedlingen\"\n\n\
         [[milestone]]\nid = \"a\"\ntitle = \"A\"\ndue = \"2027-06\"\nowner = \"AF\"\n\n\
         [[milestone]]\nid = \"b\"\ntitle = \"B\"\ndue = \"2027-03\"\ndepends_on = [\"a\"]\nowner = \"AF / Skatteverket\"\n",
    );
    let (out, _) = expect_code(
        &sandbox.run(&["--roadmaps", "plans", "validate", "--format", "json"]),
        0,
    );
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["ok"], true);
    let problems = report["problems"].as_array().unwrap();
    let find = |needle: &str| {
        problems
            .iter()
            .find(|p| p["message"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("{needle}: {problems:?}"))
    };
    let schedule = find("before `a`, which it depends on, starts");
    assert_eq!(
        (
            schedule["severity"].as_str(),
            schedule["file"].as_str(),
            schedule["line"].as_u64(),
            schedule["column"].as_u64()
        ),
        (Some("warning"), Some("plans/plan.toml"), Some(18), Some(7))
    );
    let party = find("`Skatteverket` not one of the roadmap's [parties] (AF)");
    assert_eq!(
        (
            party["severity"].as_str(),
            party["line"].as_u64(),
            party["column"].as_u64()
        ),
        (Some("warning"), Some(20), Some(9))
    );
}

/// The plan of the CI example's test: one milestone long overdue, one due on
/// the Sunday that ends week 48 of 2026 (29 November), one in the future.
const SUNDAY_PLAN: &str = "[roadmap]\nid = \"egen\"\ntitle = \"Vår plan\"\nlanguage = \"sv\"\n\n\
    [[milestone]]\nid = \"a\"\ntitle = \"Upphandling\"\ndue = \"2026-09-30\"\n\n\
    [[milestone]]\nid = \"b\"\ntitle = \"Avtal\"\ndue = \"2026-11-29\"\n\n\
    [[milestone]]\nid = \"c\"\ntitle = \"Införande\"\ndue = \"2027-06\"\n";

/// The example job's shell lines, run as GitHub runs them on Tuesday 1
/// December 2026: each step's `run`, with what a step writes to
/// `$GITHUB_ENV` set for the steps after it. The gate (the last line) is
/// returned apart.
fn weekly_job(sandbox: &Sandbox) -> (Output, Output) {
    let workflow =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/weekly-report.yml")).unwrap();
    let mut lines: Vec<String> = Vec::new();
    for line in workflow.lines().map(|l| l.trim().trim_start_matches("run: ")) {
        if line.starts_with("today=") {
            // The runner's clock, fixed.
            lines.push("today=2026-12-01".to_string());
        } else if line.starts_with("roadmap ") || line.starts_with("week=") {
            lines.push(line.to_string());
        } else if (line.starts_with("echo ") && line.ends_with(">> \"$GITHUB_ENV\""))
            || line.starts_with("[ -d plans ]")
        {
            lines.push(line.to_string());
            lines.push("set -a; . \"$GITHUB_ENV\"; set +a".to_string());
        }
    }
    assert!(lines.len() >= 7, "{lines:?}");
    let gate = lines.pop().unwrap();
    assert!(gate.contains("overdue --fail-on-overdue"), "{gate}");
    let bin = Path::new(env!("CARGO_BIN_EXE_roadmap")).parent().unwrap();
    let run = |script: &str| {
        Command::new("bash")
            .args(["-c", script])
            .current_dir(sandbox.path())
            .env(
                "PATH",
                format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()),
            )
            .env("GITHUB_STEP_SUMMARY", sandbox.path().join("summary.md"))
            .env("GITHUB_ENV", sandbox.path().join("github.env"))
            .env("HOME", sandbox.path().join("home"))
            .env_remove("ROADMAP_TODAY")
            .output()
            .unwrap()
    };
    let written = run(&format!("set -e\n{}\n", lines.join("\n")));
    // The gate, and the overdue list in JSON, with the same environment.
    let json = gate.replace("--fail-on-overdue", "--format json");
    let gated = run(&format!("set -a; . ./github.env; set +a\n{json} > gate.json\n{gate}\n"));
    (written, gated)
}

#[test]
fn the_weekly_ci_example_gates_on_an_unticked_plan_of_your_own() {
    let sandbox = Sandbox::new();
    sandbox.write("plans/egen.toml", SUNDAY_PLAN);
    let (written, gate) = weekly_job(&sandbox);
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    let summary = std::fs::read_to_string(sandbox.path().join("summary.md")).unwrap();
    assert!(
        summary.contains("Status report week 48, 2026") && summary.contains("Vår plan") && !summary.contains("Hubs"),
        "{summary}"
    );
    assert_eq!(
        gate.status.code(),
        Some(3),
        "the gate fails on the plan's overdue milestone"
    );
}

/// The report attached and the gate agree on what is overdue: both as of
/// Sunday 29 November, the milestone due that day is not overdue in either.
/// (Judged on the Monday or Tuesday, the gate would fail on it while the
/// report said it was due now.)
#[test]
fn the_weekly_report_and_the_gate_agree_on_what_is_overdue() {
    let sandbox = Sandbox::new();
    sandbox.write("plans/egen.toml", SUNDAY_PLAN);
    let (written, gate) = weekly_job(&sandbox);
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    assert_eq!(gate.status.code(), Some(3));
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(sandbox.path().join("weekly-report.json")).unwrap()).unwrap();
    assert_eq!(report["period"]["label"], "2026-W48");
    assert_eq!(report["today"], "2026-11-29", "as of the Sunday");
    let in_report: Vec<&str> = report["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["address"].as_str().unwrap())
        .collect();
    let gated: Value =
        serde_json::from_str(&std::fs::read_to_string(sandbox.path().join("gate.json")).unwrap()).unwrap();
    let in_gate: Vec<&str> = gated["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["step"].is_null())
        .map(|m| m["address"].as_str().unwrap())
        .collect();
    assert_eq!(in_report, ["egen/a"]);
    assert_eq!(in_gate, in_report);
}

/// A milestone of a template with no dates gets its first from `reschedule`:
/// every view, report and export says it had no date, in each language, and
/// none says "none"; the JSON's `baseline` is null and `baseline_undated` true.
#[test]
fn a_first_date_given_by_reschedule_is_said_as_such_and_never_as_none() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "genomforande"]), 0);
    expect_code(
        &sandbox.run(&[
            "reschedule",
            "genomforande/utveckla",
            "2027-W14",
            "--note",
            "Nu planerat",
        ]),
        0,
    );
    let human: [&[&str]; 13] = [
        &["status", "genomforande"],
        &["status", "genomforande", "--format", "markdown"],
        &["checklist", "genomforande"],
        &["show", "genomforande"],
        &["show", "genomforande/utveckla"],
        &["slips"],
        &["log"],
        &["timeline", "genomforande"],
        &["report", "--format", "markdown"],
        &["report", "--format", "html"],
        &["report", "--format", "text"],
        &["export", "--format", "ics"],
        &["export", "--format", "csv", "--excel"],
    ];
    // What a reader sees: HTML without its style sheet and tags (CSS and SVG say `none`).
    let visible = |text: &str| {
        let text = match (text.find("<style>"), text.find("</style>")) {
            (Some(a), Some(b)) => format!("{}{}", &text[..a], &text[b..]),
            _ => text.to_string(),
        };
        let mut out = String::new();
        let mut in_tag = false;
        for c in text.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    };
    let none = |text: &str| {
        visible(text)
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word.eq_ignore_ascii_case("none"))
    };
    let said = [
        ("en", "had no date"),
        ("sv", "saknade datum"),
        ("nb", "hadde ingen dato"),
    ];
    for (lang, first_dated) in said {
        let mut all = String::new();
        for view in human {
            let mut args = vec!["--lang", lang, "--today", "2027-04-08"];
            args.extend_from_slice(view);
            let (out, _) = expect_code(&sandbox.run(&args), 0);
            assert!(!none(&out), "{lang} {view:?} says none:\n{out}");
            all.push_str(&out);
        }
        assert!(
            all.contains(first_dated),
            "{lang}: no view says {first_dated:?}:\n{all}"
        );
    }
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["--today", "2027-04-08"];
        all.extend_from_slice(args);
        serde_json::from_str(&expect_code(&sandbox.run(&all), 0).0).unwrap()
    };
    let status = json(&["status", "--format", "json"]);
    let moved = &status["roadmaps"][0]["milestones"][1];
    assert_eq!(moved["id"], "utveckla");
    assert_eq!(
        (&moved["baseline"], &moved["baseline_undated"]),
        (&serde_json::Value::Null, &true.into())
    );
    assert_eq!(moved["due"]["label"], "2027-W14");
    let show = json(&["show", "genomforande/utveckla", "--format", "json"]);
    assert_eq!(
        (&show["baseline"], &show["baseline_undated"]),
        (&serde_json::Value::Null, &true.into())
    );
    let slips = json(&["slips", "--format", "json"]);
    assert_eq!(
        (&slips[0]["baseline"], &slips[0]["baseline_undated"]),
        (&serde_json::Value::Null, &true.into())
    );
    let report = json(&["report", "--format", "json"]);
    let due = report["coming_due"].as_array().unwrap();
    assert!(
        due.iter().any(|m| m["address"] == "genomforande/utveckla"
            && m["baseline"].is_null()
            && m["baseline_undated"] == true),
        "{report:#}"
    );
    // A milestone that never moved: null and false.
    assert_eq!(status["roadmaps"][0]["milestones"][0]["baseline_undated"], false);
}
