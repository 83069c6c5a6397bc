//! Hard stops: a read-only state folder, a full disk, and 16 processes
//! writing at once. Each fault gives a clear error and a documented exit code
//! and leaves the old state intact.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::{Sandbox, expect_code, stderr};

/// A small tmpfs mounted inside the sandbox, unmounted when dropped. Needs
/// root (CI runs as root); elsewhere the tests that use it are skipped.
struct Tmpfs {
    dir: PathBuf,
}

impl Tmpfs {
    fn mount(sandbox: &Sandbox, kib: u32) -> Option<Tmpfs> {
        let dir = sandbox.path().join("small-disk");
        std::fs::create_dir_all(&dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(&dir)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then_some(Tmpfs { dir })
    }

    fn remount_read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.dir)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).status();
    }
}

fn state_in(dir: &Path) -> PathBuf {
    dir.join("state.jsonl")
}

#[test]
fn a_read_only_state_folder_is_a_clear_error_and_changes_nothing() {
    let sandbox = Sandbox::new();
    let Some(disk) = Tmpfs::mount(&sandbox, 1024) else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let state = state_in(&disk.dir);
    let state_flag = state.display().to_string();
    expect_code(
        &sandbox.run(&["--state", &state_flag, "done", "hubs-sdk/projektstart/1"]),
        0,
    );
    let before = std::fs::read(&state).unwrap();
    disk.remount_read_only();
    let (_, err) = expect_code(
        &sandbox.run(&["--state", &state_flag, "done", "hubs-sdk/projektstart/2"]),
        1,
    );
    assert!(err.contains("Read-only file system"), "{err}");
    assert!(err.starts_with("error: cannot open the lock file"), "{err}");
    assert_eq!(std::fs::read(&state).unwrap(), before);
    // Reading still works.
    let (out, _) = expect_code(&sandbox.run(&["--state", &state_flag, "log", "--format", "json"]), 0);
    assert!(out.contains("hubs-sdk/projektstart/1"));
}

#[test]
fn a_full_disk_is_a_clear_error_and_leaves_the_old_state() {
    let sandbox = Sandbox::new();
    let Some(disk) = Tmpfs::mount(&sandbox, 64) else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let state = state_in(&disk.dir);
    let state_flag = state.display().to_string();
    let notes: Vec<String> = (0..20).map(|i| format!("anteckning {i} {}", "x".repeat(100))).collect();
    for note in &notes {
        expect_code(
            &sandbox.run(&["--state", &state_flag, "note", "hubs-sdk/projektstart", note]),
            0,
        );
    }
    let before = std::fs::read(&state).unwrap();
    // Fill the rest of the disk.
    let filler = disk.dir.join("filler");
    let _ = std::fs::write(&filler, vec![b'x'; 64 * 1024]);
    // A change is appended with one write: a short line could still fit in the
    // last page the file already has, so the note is bigger than any page.
    let big_note = "y".repeat(20_000);
    let (_, err) = expect_code(
        &sandbox.run(&[
            "--state",
            &state_flag,
            "done",
            "hubs-sdk/projektstart/1",
            "--note",
            &big_note,
        ]),
        1,
    );
    assert!(err.contains("No space left on device"), "{err}");
    assert!(err.contains("cannot write the state file"), "{err}");
    assert_eq!(std::fs::read(&state).unwrap(), before, "the old state is intact");
    // No temporary file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&disk.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // With room again, the same command works.
    std::fs::remove_file(&filler).unwrap();
    expect_code(
        &sandbox.run(&["--state", &state_flag, "done", "hubs-sdk/projektstart/1"]),
        0,
    );
}

#[test]
fn sixteen_processes_for_ten_seconds_lose_no_acknowledged_change() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init"]), 0);
    let deadline = Instant::now() + Duration::from_secs(10);
    let acknowledged: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..16)
            .map(|worker| {
                let sandbox = &sandbox;
                scope.spawn(move || {
                    let mut recorded = Vec::new();
                    let mut i = 0u32;
                    while Instant::now() < deadline {
                        // Overlapping steps: every worker works on the same six.
                        let step = format!("hubs-sdk/projektstart/{}", (worker + i) % 6 + 1);
                        let note = format!("w{worker}-{i}");
                        let args: Vec<&str> = match i % 3 {
                            0 => vec!["done", &step, "--note", &note],
                            1 => vec!["reopen", &step, "--note", &note],
                            _ => vec!["note", &step, &note],
                        };
                        let output = sandbox.cmd(&args).output().unwrap();
                        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
                        if String::from_utf8_lossy(&output.stdout).contains("recorded") {
                            recorded.push(note);
                        }
                        i += 1;
                    }
                    recorded
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let (out, _) = expect_code(&sandbox.run(&["log", "--format", "json"]), 0);
    let log: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let notes: std::collections::HashSet<&str> = log.iter().filter_map(|e| e["note"].as_str()).collect();
    let all: Vec<&String> = acknowledged.iter().flatten().collect();
    assert!(all.len() > 16, "only {} changes in 10 s", all.len());
    for note in all {
        assert!(notes.contains(note.as_str()), "lost the change noted {note}");
    }
    // Exactly the acknowledged changes, no more.
    assert_eq!(log.len(), acknowledged.iter().map(Vec::len).sum::<usize>());
    expect_code(&sandbox.run(&["validate"]), 0);
}
