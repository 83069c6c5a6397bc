//! `roadmap tick` as a person uses it, through a pseudo-terminal with
//! `NO_COLOR=1`: the cursor and the marks are visible without colour, a skip
//! asks its reason and a note can be added, the confirmation lists each
//! change and who it is recorded as, the work's day can be another, and a
//! skipped step stays skipped.

use std::process::Stdio;

use serde_json::Value;

use crate::support::{Sandbox, expect_code};

/// rexpect hands over the bytes one char each: what to look for in them.
fn bytes(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

fn session(sandbox: &Sandbox, args: &[&str]) -> rexpect::session::PtySession {
    let mut command = sandbox.cmd(args);
    command
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .stdin(Stdio::inherit());
    rexpect::session::spawn_command(command, Some(20_000)).unwrap()
}

fn send(session: &mut rexpect::session::PtySession, keys: &str) {
    session.send(keys).unwrap();
    session.flush().unwrap();
}

fn events(sandbox: &Sandbox) -> Vec<Value> {
    let (log, _) = expect_code(&sandbox.run(&["log", "--format", "json"]), 0);
    let log: Value = serde_json::from_str(&log).unwrap();
    log.as_array()
        .cloned()
        .unwrap_or_else(|| log["changes"].as_array().cloned().unwrap_or_default())
}

#[test]
fn tick_without_colour_shows_the_cursor_records_a_note_and_a_skip_reason_and_a_skipped_step_stays_skipped() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--start", "2027-W13"]), 0);
    let today = ["--today", "2027-04-16"];

    let mut s = session(&sandbox, &[&today[..], &["tick", "hubs-sdk/projektstart"]].concat());
    // The cursor is a visible ">" on the first step, the marks are text.
    s.exp_string(&bytes("> [ ]  1. Genomföra uppstartsmöte")).unwrap();
    s.exp_string(&bytes("space done/open · s skip (asks why) · n note"))
        .unwrap();
    s.exp_string("q leave without saving").unwrap();
    send(&mut s, " "); // step 1 done
    s.exp_string(&bytes("> [x]* 1. Genomföra uppstartsmöte")).unwrap();
    send(&mut s, "n");
    s.exp_string("A note on").unwrap();
    send(&mut s, "Kickoff held\r");
    s.exp_string("       \"Kickoff held\"").unwrap();
    // Step 5 (DIGG's QA application) is skipped with its reason.
    send(&mut s, "jjjj");
    s.exp_string(&bytes("> [ ]  5. Förbereda")).unwrap();
    send(&mut s, "s");
    s.exp_string("not needed here").unwrap();
    send(&mut s, "We have QA access already\r");
    s.exp_string(&bytes("> [-]* 5. Förbereda")).unwrap();
    send(&mut s, "\r");
    // Each change, who it is recorded as, and the day.
    s.exp_string("2 changes, to be recorded as tester (from ROADMAP_USER), done on 2027-04-16:")
        .unwrap();
    s.exp_string(&bytes(
        "done       Genomföra uppstartsmöte (kickoff) med beställare och leverantör. — \"Kickoff held\"",
    ))
    .unwrap();
    s.exp_string(&bytes("skipped    Förbereda och skicka in anmälan"))
        .unwrap();
    s.exp_string("\"We have QA access already\"").unwrap();
    s.exp_string("Record these 2 changes?").unwrap();
    s.exp_string("another day").unwrap();
    // The work was done on Wednesday.
    send(&mut s, "\x1b[B\r");
    s.exp_string("The day the work was done").unwrap();
    send(&mut s, "2027-04-14\r");
    s.exp_string("done on 2027-04-14:").unwrap();
    s.exp_string("Record these 2 changes?").unwrap();
    send(&mut s, "\r");
    s.exp_string("recorded 2 changes as tester (from ROADMAP_USER)")
        .unwrap();
    s.exp_eof().unwrap();

    let recorded = events(&sandbox);
    let find = |op: &str| {
        recorded
            .iter()
            .find(|e| e["op"] == op)
            .cloned()
            .unwrap_or_else(|| panic!("no {op}: {recorded:?}"))
    };
    let done = find("done");
    assert_eq!(done["note"], "Kickoff held");
    assert_eq!(done["on"], "2027-04-14");
    let skip = find("skip");
    assert_eq!(skip["note"], "We have QA access already");

    // Again: the skipped step is shown skipped; space opens it, it does not turn it done.
    let mut s = session(&sandbox, &[&today[..], &["tick", "hubs-sdk/projektstart"]].concat());
    s.exp_string(&bytes("[-]  5. Förbereda")).unwrap();
    send(&mut s, "jjjj ");
    s.exp_string(&bytes("> [ ]* 5. Förbereda")).unwrap();
    // Leaving says plainly that nothing was saved.
    send(&mut s, "q");
    s.exp_string("left without saving: 1 change was not recorded").unwrap();
    s.exp_eof().unwrap();
    let (checklist, _) = expect_code(
        &sandbox.run(&[&today[..], &["checklist", "hubs-sdk/projektstart", "--format", "json"]].concat()),
        0,
    );
    let checklist: Value = serde_json::from_str(&checklist).unwrap();
    let steps = checklist["milestones"][0]["steps"].as_array().unwrap();
    assert_eq!(steps[4]["mark"], "skipped", "{steps:?}");
    assert_eq!(steps[0]["mark"], "done");
}

#[test]
fn tick_owner_walks_only_that_partys_steps() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--start", "2027-W13"]), 0);
    let mut s = session(&sandbox, &["tick", "hubs-sdk/projektstart", "--owner", "Kund"]);
    // Projektstart's Kund steps are 5 and 6 (3 and 4 are ITSL's, 1 and 2 joint, which counts for Kund).
    s.exp_string(&bytes("> [ ]  1. Genomföra")).unwrap();
    let (shown, _) = s.exp_regex("6\\. S").unwrap();
    assert!(!shown.contains("3. Uppr"), "an ITSL step is shown: {shown}");
    send(&mut s, "q");
    s.exp_string("left: nothing changed").unwrap();
    s.exp_eof().unwrap();
}

#[test]
fn log_since_and_by_and_what_a_reschedule_changed_and_times_say_utc() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--start", "2027-W13"]), 0);
    let at = |now: &str, args: &[&str]| {
        let out = sandbox.cmd(args).env("ROADMAP_NOW", now).output().unwrap();
        expect_code(&out, 0);
    };
    at(
        "2027-04-01T08:00:00Z",
        &[
            "--today",
            "2027-04-01",
            "done",
            "hubs-sdk/projektstart/1",
            "--by",
            "anna",
        ],
    );
    at(
        "2027-04-08T09:30:00Z",
        &[
            "--today",
            "2027-04-08",
            "done",
            "hubs-sdk/projektstart/2",
            "--by",
            "Björn",
        ],
    );
    at(
        "2027-04-09T12:00:00Z",
        &[
            "reschedule",
            "hubs-sdk/sdk-qa",
            "2027-W21",
            "--note",
            "Väntar på DIGG",
            "--by",
            "anna",
        ],
    );

    // Each change as who made it and what it was.
    let changes = |args: &[&str]| -> Vec<String> {
        let (json, _) = expect_code(&sandbox.run(&[&["log", "--format", "json"], args].concat()), 0);
        let entries: Value = serde_json::from_str(&json).unwrap();
        entries
            .as_array()
            .unwrap()
            .iter()
            .map(|e| format!("{} {}", e["by"].as_str().unwrap(), e["op"].as_str().unwrap()))
            .collect()
    };
    assert_eq!(changes(&["--since", "2027-04-08"]), ["Björn done", "anna reschedule"]);
    assert_eq!(changes(&["--by", "björn"]), ["Björn done"]);
    assert_eq!(changes(&["--by", "anna", "--since", "2027-04-02"]), ["anna reschedule"]);
    let (none, _) = expect_code(&sandbox.run(&["log", "--by", "cecilia"]), 0);
    assert!(none.contains("no change matches; 3 are recorded"), "{none}");

    let wide = sandbox
        .cmd(&["log", "--since", "2027-04-09"])
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    let (table, _) = expect_code(&wide, 0);
    // V19 placed in 2027 is 2027-W19; the move is shown from → to.
    assert!(table.contains("rescheduled 2027-W19 → 2027-W21"), "{table}");
    assert!(table.contains("2027-04-09 12:00 UTC"), "{table}");
    let (checklist, _) = expect_code(&sandbox.run(&["checklist", "hubs-sdk/projektstart"]), 0);
    assert!(checklist.contains("2027-04-01 08:00 UTC"), "{checklist}");
}
