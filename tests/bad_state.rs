//! Broken state files: every file in `tests/bad_state/` is a broken
//! `.roadmap/state.jsonl`. Reading commands and writing commands alike must
//! refuse it with exit 1 and a message naming the file and the line, never
//! panic, and never write to it. The message `done` prints is compared with
//! the golden file `tests/golden/bad_state/NAME.stderr`.
//!
//! Also here: files that look odd but are valid and must load as they are.

use std::path::Path;

use crate::support::{Sandbox, expect_code, golden};

/// Every file in the corpus and the line its first problem is reported on.
/// A file added to `tests/bad_state/` must be added here too.
const CORPUS: &[(&str, usize)] = &[
    ("at-not-a-date", 2),
    ("by-null", 2),
    ("conflict-markers", 3),
    ("diff3-conflict-markers", 3),
    ("done-on-a-risk", 2),
    ("empty-object", 3),
    ("future-version", 1),
    ("id-a-number", 2),
    ("invalid-utf8", 3),
    ("json-array-line", 3),
    ("missing-header", 1),
    ("nul-bytes", 3),
    ("on-not-iso-day", 2),
    ("op-unknown", 2),
    ("rekey-onto-a-risk", 2),
    ("risk-likelihood-out-of-range", 2),
    ("risk-without-fields", 2),
    ("target-a-number", 2),
    ("target-not-an-address", 2),
    ("trailing-garbage", 2),
    ("truncated-first-line", 1),
    ("truncated-first-line-only", 1),
    ("truncated-last-line", 4),
    ("truncated-last-line-with-newline", 3),
    ("truncated-middle-line", 3),
    ("two-objects-on-one-line", 2),
    ("version-a-word", 1),
];

const STATE: &str = ".roadmap/state.jsonl";

/// `text` with the sandbox's path written as `$SANDBOX`, so goldens do not
/// depend on where the temporary directory is.
fn without_sandbox_path(sandbox: &Sandbox, text: &str) -> String {
    let mut text = text.to_string();
    if let Ok(real) = sandbox.path().canonicalize() {
        text = text.replace(&real.display().to_string(), "$SANDBOX");
    }
    text.replace(&sandbox.path().display().to_string(), "$SANDBOX")
}

#[test]
fn every_bad_state_file_is_refused_with_its_line_and_left_untouched() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_state");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".jsonl").map(str::to_string))
        .collect();
    names.sort();
    let listed: Vec<&str> = CORPUS.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, listed, "tests/bad_state/ and CORPUS list the same files");
    assert!(names.len() >= 16, "the corpus shrank: {names:?}");
    for &(name, line) in CORPUS {
        let original = std::fs::read(dir.join(format!("{name}.jsonl"))).unwrap();
        let sandbox = Sandbox::new();
        sandbox.write(STATE, &original);
        let commands: [&[&str]; 4] = [
            &["log"],
            &["done", "hubs-sdk/projektstart/2"],
            &["validate"],
            &["status"],
        ];
        for args in commands {
            let what = format!("{name}: roadmap {}", args.join(" "));
            let (out, err) = expect_code(&sandbox.run(args), 1);
            assert!(out.is_empty(), "{what}: nothing on stdout:\n{out}");
            assert!(!err.contains("panicked"), "{what}:\n{err}");
            assert!(
                err.contains(&format!("{STATE}:{line}:")),
                "{what}: the message names {STATE}:{line}:\n{err}"
            );
            assert!(err.contains("the state file was not changed"), "{what}:\n{err}");
            assert_eq!(
                std::fs::read(sandbox.path().join(STATE)).unwrap(),
                original,
                "{what}: the state file was changed"
            );
            if args[0] == "done" {
                golden(
                    &format!("bad_state/{name}.stderr"),
                    &without_sandbox_path(&sandbox, &err),
                );
            }
        }
    }
}

const HEADER: &str = "{\"roadmap_state\":1}";

/// A `done` of step `step` of hubs-sdk/projektstart, recorded at `at`.
fn event(id: &str, at: &str, step: u32) -> String {
    format!(
        "{{\"id\":\"{id}\",\"at\":\"{at}\",\"by\":\"anna\",\"op\":\"done\",\"target\":\"hubs-sdk/projektstart/{step}\"}}"
    )
}

fn e1() -> String {
    event("e1", "2026-11-20T09:15:02.114000Z", 1)
}

fn e2() -> String {
    event("e2", "2026-11-20T10:02:11.004120Z", 3)
}

fn e3() -> String {
    event("e3", "2026-11-22T09:57:36.158801Z", 4)
}

/// The ids and targets in `roadmap log --format json`, in the order shown.
fn logged(sandbox: &Sandbox) -> Vec<(String, String)> {
    let (out, err) = expect_code(&sandbox.run(&["log", "--format", "json"]), 0);
    assert!(err.is_empty(), "{err}");
    let entries: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    // Pins (rekeys) are bookkeeping; each change is named as people write it.
    entries
        .iter()
        .filter(|e| e["op"] != "rekey")
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_string(),
                e["address"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The targets in the log, sorted: the order of changes made now depends on the clock.
fn targets(sandbox: &Sandbox) -> Vec<String> {
    let mut targets: Vec<String> = logged(sandbox).into_iter().map(|(_, t)| t).collect();
    targets.sort();
    targets
}

fn ids(sandbox: &Sandbox) -> Vec<String> {
    logged(sandbox).into_iter().map(|(id, _)| id).collect()
}

/// The state loads for reading commands and `validate`, and is not touched by them.
fn loads_untouched(sandbox: &Sandbox, text: &[u8]) {
    for args in [&["validate"][..], &["status"], &["log"]] {
        let (_, err) = expect_code(&sandbox.run(args), 0);
        assert!(!err.contains("error"), "roadmap {}: {err}", args.join(" "));
    }
    assert_eq!(std::fs::read(sandbox.path().join(STATE)).unwrap(), text);
}

/// Ticks step 2 of hubs-sdk/projektstart and checks that the file kept every
/// byte it had (plus a line break if its last line had none) and gained the
/// tick, after the format-2 header and the pins of the ticks recorded by place.
fn done_keeps_the_old_bytes(sandbox: &Sandbox, old: &[u8]) {
    expect_code(&sandbox.run(&["done", "hubs-sdk/projektstart/2"]), 0);
    let new = std::fs::read(sandbox.path().join(STATE)).unwrap();
    let mut kept = old.to_vec();
    if kept.last() != Some(&b'\n') {
        kept.push(b'\n');
    }
    assert!(
        new.starts_with(&kept),
        "the old lines are kept byte for byte:\n{}",
        String::from_utf8_lossy(&new)
    );
    let added = String::from_utf8(new[kept.len()..].to_vec()).unwrap();
    assert!(added.ends_with('\n'), "{added:?}");
    let lines: Vec<serde_json::Value> = added.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0], serde_json::json!({"roadmap_state": 2}), "{added}");
    let (tick, pins) = lines[1..].split_last().unwrap();
    assert!(pins.iter().all(|p| p["op"] == "rekey"), "{added}");
    assert_eq!(tick["op"], "done");
    assert_eq!(
        tick["text"],
        "Fastställa projektorganisation, roller, ansvar och bemanning."
    );
    assert!(
        tick["target"].as_str().unwrap().starts_with("hubs-sdk/projektstart/~"),
        "{added}"
    );
}

/// A state file big enough to be read while the plans are parsed (from
/// 64 KiB, `Context::read`) loads as a small one does, its bad line is
/// named as in a small one, and a broken plan is said before it, as when
/// the one was read after the other.
#[test]
fn a_big_state_file_read_beside_the_plans_says_what_a_small_one_says() {
    let mut text = format!("{HEADER}\n");
    let mut changes = 0;
    while text.len() < 80 * 1024 {
        changes += 1;
        text.push_str(&event(&format!("e{changes}"), "2026-11-20T09:15:02.114000Z", 1));
        text.push('\n');
    }
    let views: [&[&str]; 4] = [&["status"], &["overdue"], &["timeline"], &["report"]];
    let sandbox = Sandbox::new();
    sandbox.write(STATE, &text);
    // Every change ticks step 1 of the start-up milestone: one step done.
    let (out, err) = expect_code(&sandbox.run(&["status", "--format", "json"]), 0);
    assert!(err.is_empty(), "{err}");
    let status: serde_json::Value = serde_json::from_str(&out).unwrap();
    let start = status["roadmaps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["id"] == "hubs-sdk")
        .flat_map(|r| r["milestones"].as_array().unwrap())
        .find(|m| m["id"] == "projektstart")
        .unwrap();
    assert_eq!(start["steps_done"], 1, "{start}");

    let broken_line = changes + 2;
    text.push_str("{\"id\": \"trasig\"\n");
    sandbox.write(STATE, &text);
    for args in views {
        let (out, err) = expect_code(&sandbox.run(args), 1);
        assert!(out.is_empty() && !err.contains("panicked"), "{args:?}:\n{err}");
        assert!(err.contains(&format!("{STATE}:{broken_line}:")), "{args:?}:\n{err}");
    }

    sandbox.write(".roadmap/roadmaps/trasig.toml", "[roadmap\nid = \"trasig\"\n");
    for args in views {
        let (out, err) = expect_code(&sandbox.run(args), 1);
        assert!(out.is_empty() && !err.contains("panicked"), "{args:?}:\n{err}");
        assert!(
            err.contains("trasig.toml:1:"),
            "{args:?}: the plan's error first:\n{err}"
        );
        assert!(!err.contains(STATE), "{args:?}: the state is not named:\n{err}");
    }
}

#[test]
fn a_duplicated_line_counts_once() {
    let sandbox = Sandbox::new();
    let text = format!("{HEADER}\n{}\n{}\n{}\n{}\n", e1(), e2(), e1(), e1());
    sandbox.write(STATE, &text);
    loads_untouched(&sandbox, text.as_bytes());
    assert_eq!(ids(&sandbox), ["e1", "e2"]);
}

#[test]
fn lines_in_reverse_time_order_load_in_time_order() {
    let sandbox = Sandbox::new();
    let text = format!("{HEADER}\n{}\n{}\n{}\n", e3(), e2(), e1());
    sandbox.write(STATE, &text);
    loads_untouched(&sandbox, text.as_bytes());
    assert_eq!(ids(&sandbox), ["e1", "e2", "e3"]);
}

#[test]
fn unknown_fields_on_an_event_are_kept_byte_for_byte() {
    let sandbox = Sandbox::new();
    let future = "{\"id\":\"e9\",\"at\":\"2026-11-20T09:15:02Z\",\"by\":\"anna\",\"op\":\"done\",\
                  \"target\":\"hubs-sdk/projektstart/1\",\"mood\":\"glad\",\
                  \"signed\":{\"alg\":\"ed25519\",\"sig\":[1,2,3]},\"weight\":1.50}";
    let text = format!("{HEADER}\n{future}\n");
    sandbox.write(STATE, &text);
    loads_untouched(&sandbox, text.as_bytes());
    assert_eq!(ids(&sandbox), ["e9"]);
    done_keeps_the_old_bytes(&sandbox, text.as_bytes());
    assert_eq!(
        targets(&sandbox),
        ["hubs-sdk/projektstart/1", "hubs-sdk/projektstart/2"]
    );
}

/// `text` (the changes e1 and e2) loads unchanged, and one more change keeps its bytes.
fn loads_then_takes_a_change(sandbox: &Sandbox, text: &str) {
    sandbox.write(STATE, text);
    loads_untouched(sandbox, text.as_bytes());
    assert_eq!(ids(sandbox), ["e1", "e2"]);
    done_keeps_the_old_bytes(sandbox, text.as_bytes());
    assert_eq!(ids(sandbox).len(), 3);
}

#[test]
fn blank_lines_are_skipped() {
    let sandbox = Sandbox::new();
    let text = format!("\n{HEADER}\n\n{}\n   \n\t\n\n{}\n\n", e1(), e2());
    loads_then_takes_a_change(&sandbox, &text);
}

#[test]
fn crlf_line_ends_load() {
    let sandbox = Sandbox::new();
    let text = format!("{HEADER}\r\n{}\r\n{}\r\n", e1(), e2());
    loads_then_takes_a_change(&sandbox, &text);
}

#[test]
fn a_last_line_without_a_line_break_loads_and_gets_one_before_the_next_change() {
    let sandbox = Sandbox::new();
    let text = format!("{HEADER}\n{}\n{}", e1(), e2());
    sandbox.write(STATE, &text);
    loads_untouched(&sandbox, text.as_bytes());
    assert_eq!(ids(&sandbox), ["e1", "e2"]);
    done_keeps_the_old_bytes(&sandbox, text.as_bytes());
    assert_eq!(
        targets(&sandbox),
        [
            "hubs-sdk/projektstart/1",
            "hubs-sdk/projektstart/2",
            "hubs-sdk/projektstart/3"
        ]
    );
}

/// A line that is a JSON array is not a change, whatever it holds. Today an
/// array whose values happen to be in the order of the fields is read as a
/// change (serde lets a struct be read from a sequence), and one that is not
/// gets the message "input contains invalid characters".
#[test]
fn a_json_array_in_field_order_is_not_a_change() {
    let sandbox = Sandbox::new();
    let text = format!("{HEADER}\n[\"x1\",\"2026-11-20T09:15:02Z\",\"anna\",\"done\",\"hubs-sdk/projektstart/2\"]\n");
    sandbox.write(STATE, &text);
    let (_, err) = expect_code(&sandbox.run(&["log"]), 1);
    assert!(err.contains(&format!("{STATE}:2:")), "{err}");
    assert!(err.contains("object"), "{err}");
}

/// A state file cut short anywhere inside any of its lines: the cut line is
/// named, nothing panics, and nothing is written.
#[test]
fn a_state_file_cut_short_inside_any_line_is_refused_with_that_line() {
    let lines = [HEADER.to_string(), e1(), e2(), e3()];
    let full = lines.join("\n") + "\n";
    let mut line_start = 0;
    for (index, line) in lines.iter().enumerate() {
        // Cut in the middle of each line (the header's too).
        let cut = line_start + line.len() / 2;
        let text = &full.as_bytes()[..cut];
        let sandbox = Sandbox::new();
        let path = sandbox.write(STATE, text);
        let (_, err) = expect_code(&sandbox.run(&["done", "hubs-sdk/projektstart/6"]), 1);
        assert!(
            err.contains(&format!("state.jsonl:{}:", index + 1)),
            "cut in line {}: {err}",
            index + 1
        );
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), text);
        line_start += line.len() + 1;
    }
}
