//! The caches of parsed roadmaps and of the checked state: whatever happens
//! to the files or to the cache, a command sees what the files say.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::support::{Sandbox, expect_code};

const PLAN: &str = "[roadmap]\nid = \"plan\"\ntitle = \"Plan A\"\nlanguage = \"sv\"\n\n\
    [[milestone]]\nid = \"m1\"\ntitle = \"Första\"\ndue = \"2026-01-31\"\n\
      [[milestone.step]]\n  text = \"Steg 1\"\n  [[milestone.step]]\n  text = \"Steg 2\"\n";

/// A sandbox with `plans/plan.toml`, last modified an hour ago (so it is cached).
fn sandbox() -> (Sandbox, PathBuf) {
    let sandbox = Sandbox::new();
    let path = sandbox.write("plans/plan.toml", PLAN);
    set_old_mtime(&path);
    expect_code(&sandbox.run(&["init"]), 0);
    (sandbox, path)
}

fn set_old_mtime(path: &Path) {
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_times(std::fs::FileTimes::new().set_modified(an_hour_ago))
        .unwrap();
}

fn run(sandbox: &Sandbox, args: &[&str]) -> String {
    let mut all = vec!["--roadmaps", "plans", "--today", "2026-03-01"];
    all.extend_from_slice(args);
    expect_code(&sandbox.run(&all), 0).0
}

fn cache_files(sandbox: &Sandbox) -> Vec<PathBuf> {
    let dir = sandbox.path().join("home/.cache/roadmap");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn state_lines(sandbox: &Sandbox) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(sandbox.path().join(".roadmap/state.jsonl")).unwrap();
    text.lines().skip(1).map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn a_roadmap_file_changed_with_its_old_size_and_time_is_read_again() {
    let (sandbox, path) = sandbox();
    assert!(run(&sandbox, &["show", "plan"]).contains("Plan A"));
    assert!(
        cache_files(&sandbox)
            .iter()
            .any(|f| f.to_string_lossy().contains("roadmaps-")),
        "the plan was cached: {:?}",
        cache_files(&sandbox)
    );
    // Same length, same modification time: only the change time tells.
    std::fs::write(&path, PLAN.replace("Plan A", "Plan B")).unwrap();
    set_old_mtime(&path);
    let shown = run(&sandbox, &["show", "plan"]);
    assert!(shown.contains("Plan B"), "{shown}");
}

#[test]
fn a_damaged_or_foreign_cache_changes_nothing_that_is_shown() {
    let (sandbox, _) = sandbox();
    run(&sandbox, &["done", "plan/m1/1"]);
    let views = [["status", "--format", "json"], ["overdue", "--format", "json"]];
    let expected = views.map(|view| run(&sandbox, &view));
    let caches = cache_files(&sandbox);
    assert_eq!(caches.len(), 2, "{caches:?}");
    for damage in [
        |b: &mut Vec<u8>| b.truncate(b.len() / 2),
        |b: &mut Vec<u8>| {
            let at = b.len() - 10;
            b[at..].fill(0xff);
        },
        |b: &mut Vec<u8>| b.clear(),
    ] {
        for (view, expected) in views.iter().zip(&expected) {
            // Each view rebuilds the caches, then reads them damaged.
            run(&sandbox, view);
            for file in &caches {
                let mut bytes = std::fs::read(file).unwrap();
                damage(&mut bytes);
                std::fs::write(file, bytes).unwrap();
            }
            assert_eq!(&run(&sandbox, view), expected, "{view:?}");
        }
    }
}

/// `overdue` reads only the marks the cache keeps for the checked part of the
/// state; an edit in that part must still reach it.
#[test]
fn an_edit_inside_the_cached_part_of_the_state_is_seen_by_overdue() {
    let (sandbox, _) = sandbox();
    run(&sandbox, &["done", "plan/m1/1"]);
    let overdue = |sandbox: &Sandbox| -> Vec<String> {
        let json: serde_json::Value = serde_json::from_str(&run(sandbox, &["overdue", "--format", "json"])).unwrap();
        let items = json["overdue"].as_array().unwrap();
        items
            .iter()
            .map(|i| i["address"].as_str().unwrap().to_string())
            .collect()
    };
    // Twice: the second reads the cache.
    assert_eq!(overdue(&sandbox), ["plan/m1", "plan/m1/2"]);
    assert_eq!(overdue(&sandbox), ["plan/m1", "plan/m1/2"]);
    // "done" -> "note": the same length, inside the part the cache vouches for.
    let state = sandbox.path().join(".roadmap/state.jsonl");
    let text = std::fs::read_to_string(&state).unwrap();
    std::fs::write(&state, text.replace("\"op\":\"done\"", "\"op\":\"note\"")).unwrap();
    assert_eq!(overdue(&sandbox), ["plan/m1", "plan/m1/1", "plan/m1/2"]);
    assert_eq!(overdue(&sandbox), ["plan/m1", "plan/m1/1", "plan/m1/2"]);
}

#[test]
fn an_edit_inside_the_cached_part_of_the_state_is_seen_by_views_and_writers() {
    let (sandbox, _) = sandbox();
    run(&sandbox, &["done", "plan/m1/1"]);
    run(&sandbox, &["status"]);
    // "done" -> "skip": the same length, inside the part the cache vouches for.
    let state = sandbox.path().join(".roadmap/state.jsonl");
    let text = std::fs::read_to_string(&state).unwrap();
    std::fs::write(&state, text.replace("\"op\":\"done\"", "\"op\":\"skip\"")).unwrap();
    let status = run(&sandbox, &["checklist", "plan/m1", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&status).unwrap();
    let step = &json["milestones"][0]["steps"][0];
    assert_eq!(step["mark"], "skipped", "{status}");
    // A writer sees it too: `done` on a skipped step records a change after the skip.
    run(&sandbox, &["done", "plan/m1/1"]);
    let lines = state_lines(&sandbox);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["op"], "done");
    assert_eq!(lines[1]["prev"], lines[0]["id"]);
}

#[test]
fn a_writer_with_a_warm_cache_links_each_change_to_the_one_before() {
    let (sandbox, _) = sandbox();
    run(&sandbox, &["done", "plan/m1/1"]);
    run(&sandbox, &["status"]);
    run(&sandbox, &["done", "plan/m1/2"]);
    run(&sandbox, &["reopen", "plan/m1/1"]);
    // Already open: nothing to record, so the file keeps three changes.
    let out = run(&sandbox, &["reopen", "plan/m1/1"]);
    assert!(out.contains("nothing to change"), "{out}");
    let lines = state_lines(&sandbox);
    let ops: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l["op"].as_str().unwrap(), l["target"].as_str().unwrap()))
        .collect();
    assert_eq!(
        ops,
        [("done", "plan/m1/1"), ("done", "plan/m1/2"), ("reopen", "plan/m1/1")]
    );
    assert_eq!(lines[2]["prev"], lines[0]["id"]);
    assert!(lines[1].get("prev").is_none(), "{}", lines[1]);
}
