//! The state file: concurrent writers, kills mid-write, broken files, git
//! merges and interactive ticking, all through the real binary.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Sandbox, expect_code, stderr};

/// A roadmap `big` with 8 milestones `m1`..`m8` of 25 steps each.
fn sandbox_with_big_roadmap() -> Sandbox {
    let sandbox = Sandbox::new();
    let mut text = String::from("[roadmap]\nid = \"big\"\ntitle = \"Stor plan\"\nlanguage = \"sv\"\n");
    for m in 1..=16 {
        text.push_str(&format!("\n[[milestone]]\nid = \"m{m}\"\ntitle = \"Milstolpe {m}\"\n"));
        for s in 1..=25 {
            text.push_str(&format!("  [[milestone.step]]\n  text = \"Steg {s}\"\n"));
        }
    }
    sandbox.write("plans/big.toml", text);
    expect_code(&sandbox.run(&["init"]), 0);
    sandbox
}

fn cmd(sandbox: &Sandbox, args: &[&str]) -> Command {
    let mut cmd = sandbox.cmd(&["--roadmaps", "plans"]);
    cmd.args(args);
    cmd
}

/// The set of targets whose latest state-setting change is `done`, from `log --format json`.
fn done_targets(sandbox: &Sandbox) -> BTreeSet<String> {
    let output = cmd(sandbox, &["log", "--format", "json"]).output().unwrap();
    done_from_log(&expect_code(&output, 0).0)
}

fn done_from_log(json: &str) -> BTreeSet<String> {
    let log: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    let mut done = BTreeSet::new();
    for entry in log {
        // The step as people write it; the target as recorded when it matches nothing.
        let target = entry["address"]
            .as_str()
            .or(entry["target"].as_str())
            .unwrap()
            .to_string();
        match entry["op"].as_str().unwrap() {
            "done" => {
                done.insert(target);
            }
            "reopen" | "skip" => {
                done.remove(&target);
            }
            _ => {}
        }
    }
    done
}

#[test]
fn eight_processes_marking_25_steps_each_lose_nothing() {
    let sandbox = sandbox_with_big_roadmap();
    std::thread::scope(|scope| {
        for m in 1..=8 {
            let sandbox = &sandbox;
            scope.spawn(move || {
                for s in 1..=25 {
                    let output = cmd(sandbox, &["done", &format!("big/m{m}/{s}")]).output().unwrap();
                    assert!(output.status.success(), "done big/m{m}/{s}: {}", stderr(&output));
                }
            });
        }
    });
    let done = done_targets(&sandbox);
    assert_eq!(done.len(), 200);
    let state = std::fs::read_to_string(sandbox.path().join(".roadmap/state.jsonl")).unwrap();
    assert_eq!(state.lines().count(), 201, "a header and 200 changes");
}

#[test]
fn a_writer_killed_at_any_point_never_costs_a_recorded_tick() {
    let sandbox = sandbox_with_big_roadmap();
    // How long a whole `done` takes on this machine now, so the kills spread
    // over a run from its start to past its end however loaded the machine is.
    let started = Instant::now();
    for s in 1..=5 {
        expect_code(
            &cmd(&sandbox, &["note", &format!("big/m8/{s}"), "timing"])
                .output()
                .unwrap(),
            0,
        );
    }
    let run_micros = u64::try_from(started.elapsed().as_micros() / 5).unwrap().max(1000);
    let mut acknowledged = BTreeSet::new();
    let mut killed = 0;
    // A fixed pseudo-random sequence of delays, so a failure can be replayed;
    // spread over twice a run, and, should a loaded machine make every run
    // finish or none, over more or less, so that some do each.
    let mut seed: u64 = 0x5eed_1234;
    let mut spread = 2 * run_micros;
    for i in 0..400 {
        if i >= 200 && !acknowledged.is_empty() && killed > 0 {
            break;
        }
        if i % 50 == 49 {
            if acknowledged.is_empty() {
                spread *= 2;
            } else if killed == 0 {
                spread = (spread / 2).max(1);
            }
        }
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let delay = Duration::from_micros((seed >> 33) % spread);
        let target = format!("big/m{}/{}", i / 25 + 1, i % 25 + 1);
        let mut child = cmd(&sandbox, &["done", &target])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        if child.wait().unwrap().success() {
            acknowledged.insert(target);
        } else {
            killed += 1;
        }
        // The state always loads.
        let output = cmd(&sandbox, &["log", "--format", "json"]).output().unwrap();
        assert!(output.status.success(), "after kill {i}: {}", stderr(&output));
    }
    let done = done_targets(&sandbox);
    assert!(
        acknowledged.is_subset(&done),
        "lost: {:?}",
        acknowledged.difference(&done).collect::<Vec<_>>()
    );
    // Some really were killed mid-way, and some really finished.
    assert!(
        !acknowledged.is_empty() && killed > 0,
        "{} finished, {killed} killed",
        acknowledged.len()
    );
}

const HEADER: &str = "{\"roadmap_state\":1}\n";
const GOOD: &str = "{\"id\":\"a1\",\"at\":\"2026-11-20T10:00:00Z\",\"by\":\"anna\",\"op\":\"done\",\"target\":\"hubs-sdk/projektstart/1\"}\n";

#[test]
fn every_kind_of_broken_state_file_is_reported_and_left_untouched() {
    let cut = &GOOD[..40];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated",
            format!("{HEADER}{GOOD}{cut}").into_bytes(),
            "state.jsonl:3:",
        ),
        (
            "wrong types",
            format!("{HEADER}{}", GOOD.replace("\"by\":\"anna\"", "\"by\":5")).into_bytes(),
            "state.jsonl:2:",
        ),
        (
            "unknown op",
            format!("{HEADER}{}", GOOD.replace("\"done\"", "\"finished\"")).into_bytes(),
            "state.jsonl:2:",
        ),
        (
            "conflict markers",
            format!(
                "{HEADER}<<<<<<< HEAD\n{GOOD}=======\n{}>>>>>>> branch\n",
                GOOD.replace("a1", "b2")
            )
            .into_bytes(),
            "state.jsonl:2:",
        ),
        (
            "newer version",
            format!("{{\"roadmap_state\":7}}\n{GOOD}").into_bytes(),
            "newer than this roadmap understands",
        ),
        ("no header", GOOD.as_bytes().to_vec(), "state.jsonl:1:"),
        ("not json", format!("{HEADER}hello\n").into_bytes(), "state.jsonl:2:"),
        (
            "not utf-8",
            [HEADER.as_bytes(), b"{\"id\":\"\xff\"}\n"].concat(),
            "state.jsonl:2:",
        ),
        (
            "bad date",
            format!("{HEADER}{}", GOOD.replace("2026-11-20T10:00:00Z", "igår")).into_bytes(),
            "state.jsonl:2:",
        ),
    ];
    for (name, content, expected) in cases {
        let sandbox = Sandbox::new();
        let path = sandbox.write(".roadmap/state.jsonl", &content);
        for args in [
            &["done", "hubs-sdk/projektstart/2"][..],
            &["log"],
            &["validate"],
            &["note", "hubs-sdk/projektstart", "x"],
        ] {
            let (_, err) = expect_code(&sandbox.run(args), 1);
            assert!(err.contains(expected), "{name}, {args:?}: {err}");
            assert!(err.contains("the state file was not changed"), "{name}: {err}");
            assert!(!err.contains("panicked"), "{name}: {err}");
            assert_eq!(std::fs::read(&path).unwrap(), content, "{name}: the file changed");
        }
    }
}

#[test]
fn unknown_fields_survive_a_rewrite_and_a_no_op_leaves_the_file_alone() {
    let sandbox = Sandbox::new();
    let extra = GOOD.replace("\"by\":\"anna\"", "\"by\":\"anna\",\"device\":\"laptop\"");
    let path = sandbox.write(".roadmap/state.jsonl", format!("{HEADER}{extra}"));
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    let (out, _) = expect_code(&sandbox.run(&["done", "hubs-sdk/projektstart/1"]), 0);
    assert_eq!(out, "nothing to change: already done\n");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), format!("{HEADER}{extra}"));
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), before);
    expect_code(&sandbox.run(&["done", "hubs-sdk/projektstart/2", "--by", "bob"]), 0);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(&format!("{HEADER}{extra}")), "{text}");
    // Appended: the format-2 header, the pin of the tick recorded by place, the tick.
    let added: Vec<serde_json::Value> = text[HEADER.len() + extra.len()..]
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(added.len(), 3, "{text}");
    assert_eq!(added[0], serde_json::json!({"roadmap_state": 2}));
    assert_eq!(
        (added[1]["op"].as_str(), added[1]["target"].as_str()),
        (Some("rekey"), Some("hubs-sdk/projektstart/1"))
    );
    assert_eq!(added[2]["by"], "bob");
}

#[test]
fn changes_record_who_when_and_why() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init"]), 0);
    expect_code(
        &sandbox.run(&[
            "done",
            "min-profil/3",
            "--note",
            "Teknikval klart",
            "--at",
            "10.01.2022",
            "--by",
            "anna",
        ]),
        0,
    );
    expect_code(
        &sandbox.run(&["skip", "hubs-sdk/sdk-qa/2", "--note", "Har redan certifikat"]),
        0,
    );
    expect_code(&sandbox.run(&["note", "hubs-sdk/sdk-qa", "Väntar på DIGG"]), 0);
    let (out, _) = expect_code(&sandbox.run(&["log", "--format", "json"]), 0);
    let log: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(
        (log[0]["by"].as_str(), log[0]["on"].as_str(), log[0]["note"].as_str()),
        (Some("anna"), Some("2022-01-10"), Some("Teknikval klart"))
    );
    assert_eq!(log[1]["by"], "tester", "ROADMAP_USER when there is no --by");
    assert_eq!(
        (log[1]["op"].as_str(), log[2]["op"].as_str()),
        (Some("skip"), Some("note"))
    );
    let at = chrono::DateTime::parse_from_rfc3339(log[2]["at"].as_str().unwrap()).unwrap();
    assert!((chrono::Utc::now() - at.to_utc()).num_minutes().abs() < 10);
    // `skip` without a reason is refused by the command line.
    expect_code(&sandbox.run(&["skip", "hubs-sdk/sdk-qa/3"]), 2);
}

#[test]
fn done_on_a_milestone_ticks_all_its_steps_and_reopen_undoes_them() {
    let sandbox = Sandbox::new();
    let (out, _) = expect_code(&sandbox.run(&["done", "hubs-sdk/infor-projektuppstart"]), 0);
    assert_eq!(out.lines().filter(|l| l.starts_with("done ")).count(), 3, "{out}");
    let (out, _) = expect_code(&sandbox.run(&["reopen", "hubs-sdk/infor-projektuppstart/2"]), 0);
    assert!(out.starts_with("reopened hubs-sdk/infor-projektuppstart/2 "), "{out}");
    let (out, _) = expect_code(&sandbox.run(&["reopen", "hubs-sdk/infor-projektuppstart"]), 0);
    assert_eq!(out.lines().filter(|l| l.starts_with("reopened ")).count(), 2, "{out}");
}

#[test]
fn state_location_follows_flag_environment_workspace_then_user_data() {
    let sandbox = Sandbox::new();
    // Just the first line: the second says the language (tests/language.rs).
    let state_line =
        |output: &std::process::Output| expect_code(output, 0).0.lines().next().unwrap().to_string() + "\n";
    let out = state_line(&sandbox.run(&["where"]));
    assert_eq!(
        out,
        format!(
            "state: {}/home/.local/share/roadmap/state.jsonl (the user's data directory; `roadmap init` makes a workspace here)\n",
            sandbox.path().display()
        )
    );
    expect_code(&sandbox.run(&["init"]), 0);
    std::fs::create_dir_all(sandbox.path().join("sub/dir")).unwrap();
    let output = sandbox
        .cmd(&["where"])
        .current_dir(sandbox.path().join("sub/dir"))
        .output()
        .unwrap();
    assert_eq!(
        state_line(&output),
        format!(
            "state: {}/.roadmap/state.jsonl (the workspace)\n",
            sandbox.path().display()
        )
    );
    let output = sandbox
        .cmd(&["where"])
        .env("ROADMAP_STATE", "team.jsonl")
        .output()
        .unwrap();
    assert_eq!(state_line(&output), "state: team.jsonl (from ROADMAP_STATE)\n");
    let output = sandbox
        .cmd(&["--state", "mine.jsonl", "where"])
        .env("ROADMAP_STATE", "team.jsonl")
        .output()
        .unwrap();
    assert_eq!(state_line(&output), "state: mine.jsonl (from --state)\n");
}

#[test]
fn validate_keeps_and_reports_state_for_milestones_that_are_gone() {
    let sandbox = Sandbox::new();
    let orphan = GOOD
        .replace("hubs-sdk/projektstart/1", "hubs-sdk/borttagen/4")
        .replace("a1", "b2");
    let path = sandbox.write(".roadmap/state.jsonl", format!("{HEADER}{GOOD}{orphan}"));
    let (out, _) = expect_code(&sandbox.run(&["validate"]), 0);
    assert!(
        out.contains(".roadmap/state.jsonl:3: 1 change to `hubs-sdk/borttagen/4` matches no milestone of `hubs-sdk`: `borttagen` is not in it")
            && out.contains("roadmap reattach hubs-sdk/borttagen hubs-sdk/MILESTONE"),
        "{out}"
    );
    expect_code(&sandbox.run(&["done", "hubs-sdk/projektstart/2"]), 0);
    assert!(std::fs::read_to_string(&path).unwrap().contains("hubs-sdk/borttagen/4"));
}

fn git(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(sandbox.path())
        .env("HOME", sandbox.path().join("home"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .expect("git is installed");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "git {args:?}: {text}");
    text
}

#[test]
fn a_git_merge_of_two_branches_keeps_both_ticks_without_conflict() {
    let sandbox = Sandbox::new();
    git(&sandbox, &["init", "-q", "-b", "main"]);
    expect_code(&sandbox.run(&["init"]), 0);
    expect_code(&sandbox.run(&["done", "hubs-sdk/projektstart/1"]), 0);
    git(&sandbox, &["add", ".roadmap"]);
    git(&sandbox, &["commit", "-qm", "start"]);
    git(&sandbox, &["checkout", "-qb", "anna"]);
    expect_code(
        &sandbox.run(&[
            "done",
            "hubs-sdk/projektstart/2",
            "hubs-sdk/projektstart/4",
            "--by",
            "anna",
        ]),
        0,
    );
    expect_code(&sandbox.run(&["reopen", "hubs-sdk/projektstart/1", "--by", "anna"]), 0);
    git(&sandbox, &["commit", "-qam", "anna"]);
    git(&sandbox, &["checkout", "-q", "main"]);
    expect_code(
        &sandbox.run(&[
            "done",
            "hubs-sdk/projektstart/3",
            "hubs-sdk/projektstart/4",
            "--by",
            "bob",
        ]),
        0,
    );
    expect_code(
        &sandbox.run(&["skip", "hubs-sdk/projektstart/1", "--by", "bob", "--note", "görs ej"]),
        0,
    );
    git(&sandbox, &["commit", "-qam", "bob"]);
    git(&sandbox, &["merge", "-q", "--no-edit", "anna"]);
    let state = std::fs::read_to_string(sandbox.path().join(".roadmap/state.jsonl")).unwrap();
    assert!(!state.contains("<<<<<<<"), "{state}");
    let done = done_targets_plain(&sandbox);
    // Both branches' ticks are there; step 4, ticked on both, once.
    assert_eq!(
        done,
        [
            "hubs-sdk/projektstart/2",
            "hubs-sdk/projektstart/3",
            "hubs-sdk/projektstart/4"
        ]
    );
    let (out, _) = expect_code(&sandbox.run(&["status", "hubs-sdk", "--format", "json"]), 0);
    let status: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        status["roadmaps"][0]["milestones"][1]["steps_done"], 3,
        "step 4 counts once"
    );
    // Step 1: reopened on one branch, then skipped on the other: shown, and
    // the later change (bob's skip) counts.
    let (out, _) = expect_code(&sandbox.run(&["validate"]), 0);
    assert!(
        out.contains("`hubs-sdk/projektstart/1` was changed independently (on two branches?): reopen by anna"),
        "{out}"
    );
    assert!(out.contains("and skip by bob"), "{out}");
    assert!(out.contains("the later change counts (skip)"), "{out}");
}

fn done_targets_plain(sandbox: &Sandbox) -> Vec<String> {
    let mut cmd = sandbox.cmd(&[]);
    cmd.args(["log", "--format", "json"]);
    done_from_log(&expect_code(&cmd.output().unwrap(), 0).0)
        .into_iter()
        .collect()
}

#[test]
fn a_lock_held_by_another_process_is_waited_for_and_can_time_out() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init"]), 0);
    let lock = crate::support::hold_state_lock(sandbox.path());
    let started = Instant::now();
    let (_, err) = expect_code(
        &sandbox.run(&["--lock-timeout", "0.3", "done", "hubs-sdk/projektstart/1"]),
        4,
    );
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(
        err.contains("waiting for another roadmap command to finish with"),
        "{err}"
    );
    assert!(err.contains("gave up after 0.3s waiting for the lock"), "{err}");
    let child = sandbox
        .cmd(&["done", "hubs-sdk/projektstart/1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    drop(lock);
    let output = child.wait_with_output().unwrap();
    let (out, _) = expect_code(&output, 0);
    assert!(out.contains("recorded 1 change"), "{out}");
}

#[test]
fn tick_without_a_terminal_fails_at_once_with_a_hint() {
    let sandbox = Sandbox::new();
    let mut child = sandbox
        .cmd(&["tick"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "tick hung without a terminal");
        std::thread::sleep(Duration::from_millis(10));
    }
    let (_, err) = expect_code(&child.wait_with_output().unwrap(), 1);
    assert!(err.contains("use `roadmap done ROADMAP/MILESTONE/N`"), "{err}");
}

#[test]
fn tick_in_a_terminal_ticks_a_step() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init"]), 0);
    let mut command = sandbox.cmd(&["tick", "hubs-sdk/projektstart"]);
    command.env("TERM", "xterm").stdin(Stdio::inherit());
    let mut session = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    session.exp_string("Projektstart och planering").unwrap();
    session.send(" ").unwrap(); // tick the first step
    session.flush().unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
    session.exp_string("Record this change?").unwrap();
    session.exp_string("Yes, record").unwrap();
    session.send("\r").unwrap(); // the first answer, "Yes, record"
    session.flush().unwrap();
    session.exp_string("recorded 1 change").unwrap();
    session.exp_eof().unwrap();
    assert_eq!(done_targets_plain(&sandbox), ["hubs-sdk/projektstart/1"]);
}

#[test]
fn reopen_sees_a_done_line_whose_address_is_written_with_json_escapes() {
    let sandbox = Sandbox::new();
    // `\/` is `/` in JSON: a teammate's tool may well write it so.
    sandbox.write(
        ".roadmap/state.jsonl",
        "{\"roadmap_state\":1}\n\
         {\"id\":\"e1\",\"at\":\"2026-11-20T10:00:00Z\",\"by\":\"anna\",\"op\":\"done\",\"target\":\"hubs-sdk\\/projektstart\\/1\"}\n",
    );
    let json = expect_code(
        &sandbox.run(&["checklist", "hubs-sdk/projektstart", "--format", "json"]),
        0,
    )
    .0;
    let mark = |json: &str| {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        value["milestones"][0]["steps"][0]["mark"].as_str().unwrap().to_string()
    };
    assert_eq!(mark(&json), "done");
    let (out, _) = expect_code(&sandbox.run(&["reopen", "hubs-sdk/projektstart/1"]), 0);
    assert!(out.contains("reopened hubs-sdk/projektstart/1"), "{out}");
    assert!(out.contains("recorded 1 change"), "{out}");
    let json = expect_code(
        &sandbox.run(&["checklist", "hubs-sdk/projektstart", "--format", "json"]),
        0,
    )
    .0;
    assert_eq!(mark(&json), "open");
}
