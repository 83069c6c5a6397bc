//! Answers always come from the files as they are now. Each test replays a
//! wrong answer that the caches of earlier versions gave (README,
//! "Performance") and shows that it is gone: nothing is cached, so nothing
//! can be stale, foreign, tampered with or too big.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use crate::support::{Sandbox, expect_code};

const PLAN: &str = "[roadmap]\nid = \"plan\"\ntitle = \"Plan A\"\nlanguage = \"sv\"\n\n\
    [[milestone]]\nid = \"m1\"\ntitle = \"Första\"\ndue = \"2026-01-31\"\n\
      [[milestone.step]]\n  text = \"Steg 1\"\n  [[milestone.step]]\n  text = \"Steg 2\"\n";

/// A filesystem with one-second timestamps (ext4 with 128-byte inodes),
/// mounted in the sandbox, unmounted when dropped. Needs root and loop
/// devices (CI has both); elsewhere the caller falls back to the sandbox.
struct CoarseClock {
    dir: PathBuf,
}

impl CoarseClock {
    fn mount(sandbox: &Sandbox) -> Option<CoarseClock> {
        let image = sandbox.path().join("coarse.img");
        let dir = sandbox.path().join("coarse");
        std::fs::create_dir_all(&dir).ok()?;
        std::fs::File::create(&image).ok()?.set_len(8 << 20).ok()?;
        let run = |program: &str, args: &[&std::ffi::OsStr]| {
            Command::new(program)
                .args(args)
                .output()
                .is_ok_and(|o| o.status.success())
        };
        let made = run(
            "mkfs.ext4",
            &[
                "-q".as_ref(),
                "-F".as_ref(),
                "-I".as_ref(),
                "128".as_ref(),
                image.as_os_str(),
            ],
        );
        (made
            && run(
                "mount",
                &["-o".as_ref(), "loop".as_ref(), image.as_os_str(), dir.as_os_str()],
            ))
        .then_some(CoarseClock { dir })
    }
}

impl Drop for CoarseClock {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).status();
    }
}

/// What `cp -p`, `rsync -t` and `tar x` do: put the old modification time back.
fn restore_mtime(path: &Path, modified: SystemTime) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_times(std::fs::FileTimes::new().set_modified(modified))
        .unwrap();
}

#[test]
fn a_same_size_edit_with_its_old_timestamp_is_seen_at_once() {
    let sandbox = Sandbox::new();
    let coarse = CoarseClock::mount(&sandbox);
    if coarse.is_none() {
        eprintln!("note: no one-second filesystem here (needs root and loop devices); the timestamp is forced instead");
    }
    let dir = coarse
        .as_ref()
        .map_or_else(|| sandbox.path().join("plans"), |c| c.dir.join("plans"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("plan.toml");
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    std::fs::write(&path, PLAN).unwrap();
    restore_mtime(&path, an_hour_ago);
    let dir_flag = dir.display().to_string();
    let gate = [
        "--roadmaps",
        &dir_flag,
        "--today",
        "2026-03-01",
        "overdue",
        "plan",
        "--fail-on-overdue",
    ];
    let (out, _) = expect_code(&sandbox.run(&gate), 3);
    assert!(out.contains("plan/m1"), "{out}");
    // The date moves past today: the same number of bytes, the old timestamp.
    let moved = PLAN.replace("2026-01-31", "2026-12-31");
    assert_eq!(moved.len(), PLAN.len());
    std::fs::write(&path, &moved).unwrap();
    restore_mtime(&path, an_hour_ago);
    let (out, _) = expect_code(&sandbox.run(&gate), 0);
    assert!(out.starts_with("nothing is overdue"), "{out}");
    let shown = expect_code(&sandbox.run(&["--roadmaps", &dir_flag, "show", "plan"]), 0).0;
    assert!(shown.contains("2026-12-31") && !shown.contains("2026-01-31"), "{shown}");
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

#[test]
fn a_file_that_validate_refuses_is_refused_by_every_command() {
    let sandbox = Sandbox::new();
    let path = sandbox.write("plans/plan.toml", PLAN);
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    restore_mtime(&path, an_hour_ago);
    expect_code(&sandbox.run(&["--roadmaps", "plans", "status", "plan"]), 0);
    // A rule a newer build might add: here, a step without text. Whatever the
    // file looked like before, it is judged as it is now.
    std::fs::write(&path, PLAN.replace("text = \"Steg 2\"", "text = \"\"")).unwrap();
    restore_mtime(&path, an_hour_ago);
    let (_, refused) = expect_code(&sandbox.run(&["--roadmaps", "plans", "validate"]), 1);
    for command in [
        &["status", "plan"][..],
        &["overdue"],
        &["checklist", "plan"],
        &["done", "plan/m1/1"],
    ] {
        let mut args = vec!["--roadmaps", "plans"];
        args.extend_from_slice(command);
        let (out, err) = expect_code(&sandbox.run(&args), 1);
        assert!(out.is_empty(), "{command:?}: {out}");
        assert_eq!(err, refused, "{command:?}");
    }
}

#[test]
fn cache_files_left_by_an_older_build_change_nothing_and_nothing_new_is_cached() {
    let sandbox = Sandbox::new();
    let path = sandbox.write("plans/plan.toml", PLAN);
    restore_mtime(&path, SystemTime::now() - Duration::from_secs(3600));
    expect_code(&sandbox.run(&["init"]), 0);
    let views: [&[&str]; 3] = [
        &["status", "--format", "json"],
        &["overdue", "--format", "json"],
        &["log"],
    ];
    let run = |args: &[&str]| {
        let mut all = vec!["--roadmaps", "plans", "--today", "2026-03-01"];
        all.extend_from_slice(args);
        expect_code(&sandbox.run(&all), 0).0
    };
    run(&["done", "plan/m1/1"]);
    let expected: Vec<String> = views.iter().map(|v| run(v)).collect();
    // What the caches of earlier builds looked like: a header, then a length
    // and a hash. One claims more bytes than any machine has, one is the
    // start of a real cache with its bytes changed, one is from another version.
    let caches = sandbox.path().join("home/.cache/roadmap");
    std::fs::create_dir_all(&caches).unwrap();
    let mut huge = b"roadmap state cache 3 0.1.0\n".to_vec();
    huge.extend_from_slice(&u64::MAX.to_le_bytes());
    huge.extend_from_slice(&[0xff; 64]);
    let mut tampered = b"roadmap roadmaps cache 3 0.1.0\n".to_vec();
    tampered.extend_from_slice(&16u64.to_le_bytes());
    tampered.extend_from_slice(b"Plan B for plan\0");
    let foreign = b"roadmap roadmaps cache 2 0.0.9\nanything at all".to_vec();
    let planted = [
        ("roadmaps-0.bin", tampered),
        ("roadmaps-1.bin", foreign),
        ("state-0.bin", huge),
    ];
    for (name, bytes) in &planted {
        std::fs::write(caches.join(name), bytes).unwrap();
    }
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(&caches)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listing();
    for (view, expected) in views.iter().zip(&expected) {
        assert_eq!(&run(view), expected, "{view:?}");
    }
    let (out, _) = expect_code(&sandbox.run(&["--roadmaps", "plans", "reopen", "plan/m1/1"]), 0);
    assert!(out.contains("recorded 1 change"), "{out}");
    assert_eq!(listing(), before, "nothing was added to the cache folder");
    for (name, bytes) in &planted {
        assert_eq!(
            &std::fs::read(caches.join(name)).unwrap(),
            bytes,
            "{name} was rewritten"
        );
    }
}
