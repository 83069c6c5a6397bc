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

/// What rexpect read (a char per byte) as the UTF-8 it was.
fn utf8(read: &str) -> String {
    let raw: Vec<u8> = read.chars().filter_map(|c| u8::try_from(u32::from(c)).ok()).collect();
    String::from_utf8_lossy(&raw).into_owned()
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

/// `roadmap ARGS` in a terminal `rows` high and `columns` wide (set with
/// stty in the pseudo-terminal), followed by its exit code: `EXIT=N`.
fn sized_session(sandbox: &Sandbox, rows: u16, columns: u16, args: &[&str]) -> rexpect::session::PtySession {
    let bin = env!("CARGO_BIN_EXE_roadmap");
    let mut command = std::process::Command::new("bash");
    command
        .arg("-c")
        .arg(format!("stty rows {rows} cols {columns}; \"$0\" \"$@\"; echo EXIT=$?"))
        .arg(bin)
        .args(args)
        .current_dir(sandbox.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", sandbox.path().join("home"))
        .env("ROADMAP_USER", "tester")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .stdin(Stdio::inherit());
    rexpect::session::spawn_command(command, Some(20_000)).unwrap()
}

/// A terminal one or two rows high made dialoguer's list panic ("min >
/// max"): now the milestones are numbered and one is typed, the checklist
/// shows the cursor's line, and `q` leaves as anywhere.
#[test]
fn tick_works_in_a_terminal_two_rows_high() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--start", "2027-W13"]), 0);
    for rows in [1, 2] {
        let mut s = sized_session(&sandbox, rows, 40, &["--today", "2027-04-16", "tick"]);
        s.exp_string("1. [ ] [0/3]").unwrap();
        s.exp_string(&bytes("(1–10)")).unwrap();
        send(&mut s, "2\r");
        s.exp_string(&bytes("> [ ]  1. Genomföra")).unwrap();
        send(&mut s, "q");
        s.exp_string("left").unwrap();
        // Back at the milestones: leave from there too.
        s.exp_string(&bytes("(1–10)")).unwrap();
        send(&mut s, "\r");
        let (rest, exit) = s.exp_regex("EXIT=[0-9]+").unwrap();
        assert!(!rest.contains("panicked"), "{rest}");
        assert_eq!(exit, "EXIT=0", "{rest}");
    }
}

/// A tab was counted as one column, so lines wrapped and left stale
/// headings; the width was floored at 20, so a 10-column terminal wrapped
/// every line. Now each line drawn fits the terminal, tabs and all.
#[test]
fn tick_lines_fit_a_narrow_terminal_with_tabs_in_the_text() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "plans/plan.toml",
        "[roadmap]\nid = \"plan\"\ntitle = \"Plan\"\nlanguage = \"en\"\n\n[[milestone]]\nid = \"m\"\ntitle = \"M\"\ndue = \"2027-04-30\"\n\n  [[milestone.step]]\n  text = \"A\\tstep\\twith\\ttabs\\tthat\\tis\\tlong\"\n\n  [[milestone.step]]\n  text = \"Second\"\n",
    );
    let mut s = sized_session(
        &sandbox,
        24,
        12,
        &["--roadmaps", "plans", "--today", "2027-04-16", "tick", "plan/m"],
    );
    s.exp_string("> [ ]").unwrap();
    send(&mut s, "q");
    let (drawn, _) = s.exp_regex("EXIT=[0-9]+").unwrap();
    // Every line the list drew, escapes left out, is within the 12 columns.
    let text: String = console::strip_ansi_codes(&utf8(&drawn)).into_owned();
    for line in text.split(['\r', '\n']).filter(|l| l.contains('[') && l.contains(']')) {
        assert!(!line.contains('\t'), "{line:?}");
        assert!(
            console::measure_text_width(line) <= 12,
            "{line:?} is wider than the terminal"
        );
    }
}

/// Ctrl-C in the checklist and in a prompt: the cursor is shown again, the
/// person is told what was not recorded, nothing is recorded, exit 130.
#[test]
fn ctrl_c_in_tick_says_what_was_not_recorded_and_restores_the_cursor() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--start", "2027-W13"]), 0);
    let today = ["--today", "2027-04-16"];
    // In the list, after ticking a step.
    let mut s = sized_session(
        &sandbox,
        24,
        100,
        &[&today[..], &["tick", "hubs-sdk/projektstart"]].concat(),
    );
    s.exp_string(&bytes("> [ ]  1. Genomföra")).unwrap();
    send(&mut s, " ");
    s.exp_string(&bytes("> [x]* 1. Genomföra")).unwrap();
    send(&mut s, "\x03");
    s.exp_string("1 change was not recorded").unwrap();
    let rest = s.exp_string("EXIT=").unwrap();
    assert!(
        rest.contains("\x1b[?25h") || !rest.contains("\x1b[?25l"),
        "the cursor is shown"
    );
    // In the skip's prompt.
    let mut s = sized_session(
        &sandbox,
        24,
        100,
        &[&today[..], &["tick", "hubs-sdk/projektstart"]].concat(),
    );
    s.exp_string(&bytes("> [ ]  1. Genomföra")).unwrap();
    send(&mut s, " j");
    send(&mut s, "s");
    s.exp_string("not needed here").unwrap();
    send(&mut s, "\x03");
    s.exp_string("1 change was not recorded").unwrap();
    s.exp_string("EXIT=130").unwrap();
    assert!(events(&sandbox).is_empty(), "nothing was recorded");
}

#[test]
fn tick_on_a_named_plan_is_not_held_up_by_a_colleagues_broken_plan() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--start", "2027-W13"]), 0);
    sandbox.write(
        ".roadmap/roadmaps/trasig.toml",
        "[roadmap]\nid = \"trasig\"\ntitle = \n",
    );
    let mut s = session(&sandbox, &["--today", "2027-04-16", "tick", "hubs-sdk/projektstart"]);
    s.exp_string(&bytes("> [ ]  1. Genomföra uppstartsmöte")).unwrap();
    send(&mut s, " ");
    s.exp_string(&bytes("> [x]* 1. Genomföra uppstartsmöte")).unwrap();
    send(&mut s, "\r");
    s.exp_string("Record this change?").unwrap();
    send(&mut s, "\r");
    s.exp_string("recorded 1 change as tester (from ROADMAP_USER)").unwrap();
    s.exp_eof().unwrap();
    let state = std::fs::read_to_string(sandbox.path().join(".roadmap/state.jsonl")).unwrap();
    let ticks: Vec<Value> = state
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|e| e.get("op").is_some())
        .collect();
    assert_eq!(ticks.len(), 1, "{state}");
    assert_eq!(
        (&ticks[0]["op"], &ticks[0]["target"]),
        (
            &Value::from("done"),
            // The step's id, as init wrote it in the plan (`id = "..."`).
            &Value::from("hubs-sdk/projektstart/genomfora-uppstartsmote-kickoff-med")
        )
    );
    // Every view still stops at the broken plan and says where it is.
    let (_, error) = expect_code(&sandbox.run(&["--today", "2027-04-16", "status"]), 1);
    assert!(error.contains("trasig.toml:3:"), "{error}");
}
