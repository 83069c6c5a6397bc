//! A request to be forgotten (`roadmap forget`): the name gone from every
//! line, the state folding to the same progress and the same report, the old
//! file kept as a backup, and the rewrite made under the state's lock.

use std::time::Duration;

use crate::support::{Sandbox, expect_code};

/// A workspace where Anna Berg and Bo recorded changes, Bo's note naming Anna.
fn workspace() -> Sandbox {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--start", "2027-W10"]), 0);
    let by = |name: &str, args: &[&str]| {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--by", name]);
        // In week 11 of 2027, the week the report is on.
        expect_code(
            &sandbox
                .cmd(&all)
                .env("ROADMAP_NOW", "2027-03-17T10:00:00Z")
                .output()
                .unwrap(),
            0,
        );
    };
    by("Anna Berg", &["done", "hubs-sdk/infor-projektuppstart"]);
    by(
        "Anna Berg",
        &["skip", "hubs-sdk/projektstart/2", "--note", "Görs av kommunen"],
    );
    by("Bo", &["note", "hubs-sdk/projektstart", "Anna Berg har bokat mötet"]);
    by("Bo", &["done", "hubs-sdk/projektstart/1"]);
    sandbox
}

fn report(sandbox: &Sandbox) -> String {
    let (json, _) = expect_code(
        &sandbox.run(&[
            "--today",
            "2027-03-19",
            "report",
            "--week",
            "2027-W11",
            "--format",
            "json",
        ]),
        0,
    );
    json
}

#[test]
fn a_forgotten_name_is_gone_and_the_progress_and_report_stay() {
    let sandbox = workspace();
    let state = sandbox.path().join(".roadmap/state.jsonl");
    let before = std::fs::read(&state).unwrap();
    let report_before = report(&sandbox);
    assert!(report_before.contains("Anna Berg"), "{report_before}");
    let (out, _) = expect_code(
        &sandbox.run(&[
            "forget",
            "anna berg",
            "--as",
            "PL",
            "--notes",
            "--by",
            "dataskyddsombud",
        ]),
        0,
    );
    // By hand: Anna recorded the three steps of the start-up and a skip (4
    // changes); Bo's note names her (1 note).
    assert!(out.contains("in 4 changes and 1 note"), "{out}");
    let after = std::fs::read_to_string(&state).unwrap();
    assert!(!after.to_lowercase().contains("anna berg"), "{after}");
    // The same report, with the alias where the name was.
    assert_eq!(report(&sandbox), report_before.replace("Anna Berg", "PL"));
    let (valid, _) = expect_code(&sandbox.run(&["validate"]), 0);
    assert!(!valid.contains("warning"), "{valid}");
    // The backup holds the file as it was, byte for byte, and git is told to leave it.
    let backups: Vec<_> = std::fs::read_dir(sandbox.path().join(".roadmap"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".bak"))
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(std::fs::read(backups[0].path()).unwrap(), before);
    let ignored = std::fs::read_to_string(sandbox.path().join(".roadmap/.gitignore")).unwrap();
    assert!(ignored.lines().any(|l| l == "*.bak"), "{ignored}");
    // The forget itself is recorded, with the alias and who did it, not the name.
    let last = after.lines().last().unwrap();
    assert!(
        last.contains("\"by\":\"dataskyddsombud\",\"op\":\"forget\",\"target\":\"*\",\"to\":\"PL\""),
        "{last}"
    );
    // Again: nothing is left to forget, and nothing is written.
    let (out, _) = expect_code(&sandbox.run(&["forget", "Anna Berg", "--as", "PL"]), 0);
    assert!(out.contains("nothing to change"), "{out}");
    assert_eq!(std::fs::read_to_string(&state).unwrap(), after);
}

#[test]
fn forget_waits_for_the_lock_another_writer_holds() {
    let sandbox = workspace();
    let state = sandbox.path().join(".roadmap/state.jsonl");
    let before = std::fs::read(&state).unwrap();
    let lock = crate::support::hold_state_lock(sandbox.path());
    let mut child = sandbox
        .cmd(&["forget", "Anna Berg", "--as", "PL", "--notes"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert!(child.try_wait().unwrap().is_none(), "forget did not wait for the lock");
    assert_eq!(
        std::fs::read(&state).unwrap(),
        before,
        "written while another held the lock"
    );
    lock.unlock().unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("waiting"),
        "it said it waits"
    );
    assert!(!std::fs::read_to_string(&state).unwrap().contains("Anna Berg"));
}
