//! Calendar exports from real workspaces: a supplier who imports two
//! municipalities' calendars of the same plan gets both, each export of one
//! workspace updates the same events, and a half-year milestone is a
//! deadline, not six months of all-day events. Read by Python's icalendar.

use std::path::Path;

use serde_json::Value;

use crate::support::{Reader, Sandbox, expect_code, python_reads, readers};

fn read(path: &Path) -> Value {
    python_reads("read_ics.py", path, &[])
}

fn export(sandbox: &Sandbox, name: &str, extra: &[&str]) -> (Value, String) {
    let mut args = vec!["--today", "2027-04-01", "export", "--format", "ics", "-o", name];
    args.extend_from_slice(extra);
    let (_, err) = expect_code(&sandbox.run(&args), 0);
    (read(&sandbox.path().join(name)), err)
}

fn uids(calendar: &Value) -> Vec<String> {
    calendar["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uid"].as_str().unwrap().to_string())
        .collect()
}

fn workspace_id(sandbox: &Sandbox) -> String {
    let config = std::fs::read_to_string(sandbox.path().join(".roadmap/config.toml")).unwrap();
    let line = config
        .lines()
        .find(|l| l.starts_with("workspace_id"))
        .expect("init writes workspace_id");
    line.split('"').nth(1).unwrap().to_string()
}

#[test]
fn two_workspaces_that_adopted_hubs_sdk_never_share_an_event_uid_and_each_keeps_its_own() {
    if !readers(&[Reader::PythonPackage("icalendar")]) {
        return;
    }
    let (a, b) = (Sandbox::new(), Sandbox::new());
    for sandbox in [&a, &b] {
        let (out, _) = expect_code(&sandbox.run(&["init", "hubs-sdk", "--start", "2027-W13"]), 0);
        assert!(out.contains("workspace_id"), "{out}");
    }
    let (a1, err) = export(&a, "a1.ics", &["hubs-sdk"]);
    assert!(
        err.trim_start().starts_with("wrote"),
        "no warning with a workspace id: {err}"
    );
    let (a2, _) = export(&a, "a2.ics", &["hubs-sdk"]);
    let (b1, _) = export(&b, "b1.ics", &["hubs-sdk"]);
    assert_eq!(uids(&a1).len(), 9);
    assert_eq!(uids(&a1), uids(&a2), "stable across exports");
    assert!(
        uids(&a1).iter().all(|u| !uids(&b1).contains(u)),
        "{:?} and {:?} collide",
        uids(&a1),
        uids(&b1)
    );
    let id = workspace_id(&a);
    assert!(
        uids(&a1).contains(&format!("hubs-sdk/projektstart@{id}.roadmap")),
        "{:?}",
        uids(&a1)
    );
    // Running init again keeps the id, so the events stay the same.
    expect_code(&a.run(&["init"]), 0);
    assert_eq!(workspace_id(&a), id);
    let (a3, _) = export(&a, "a3.ics", &["hubs-sdk"]);
    assert_eq!(uids(&a1), uids(&a3));
}

#[test]
fn without_a_workspace_id_the_export_says_the_uids_are_shared() {
    if !readers(&[Reader::PythonPackage("icalendar")]) {
        return;
    }
    let sandbox = Sandbox::new();
    let (calendar, err) = export(&sandbox, "x.ics", &["intygshantering"]);
    assert!(
        err.contains("roadmap init") && err.contains("no .roadmap/ workspace"),
        "{err}"
    );
    assert!(uids(&calendar).contains(&"intygshantering/ramverk-infors@roadmap".to_string()));
}

#[test]
fn long_ranges_are_deadlines_by_default_and_short_ones_stay_ranges() {
    if !readers(&[Reader::PythonPackage("icalendar")]) {
        return;
    }
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--start", "2027-W13"]), 0);
    let event = |calendar: &Value, uid_start: &str| -> Value {
        calendar["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["uid"].as_str().unwrap().starts_with(uid_start))
            .unwrap_or_else(|| panic!("no {uid_start}"))
            .clone()
    };
    let (auto, _) = export(&sandbox, "auto.ics", &["min-profil", "hubs-sdk"]);
    // HT2021 is 184 days: a deadline on 31 December 2021 (DTEND is the day after).
    let m1 = event(&auto, "min-profil/1@");
    assert_eq!(
        (m1["start"].as_str(), m1["end"].as_str()),
        (Some("2021-12-31"), Some("2022-01-01"))
    );
    assert!(
        m1["description"]
            .as_str()
            .unwrap()
            .contains("A deadline on the last day of 2021-07-01 – 2021-12-31"),
        "{m1}"
    );
    // V13-14 of 2027 is two weeks, 29 March to 11 April: it stays a range.
    let start = event(&auto, "hubs-sdk/infor-projektuppstart@");
    assert_eq!(
        (start["start"].as_str(), start["end"].as_str()),
        (Some("2027-03-29"), Some("2027-04-12"))
    );
    // "Från VT2023 Framåt" has no last day: one event on its first.
    let m23 = event(&auto, "min-profil/23@");
    assert_eq!(
        (m23["start"].as_str(), m23["end"].as_str()),
        (Some("2023-01-01"), Some("2023-01-02"))
    );

    let (range, _) = export(&sandbox, "range.ics", &["min-profil", "--events", "range"]);
    let m1 = event(&range, "min-profil/1@");
    assert_eq!(
        (m1["start"].as_str(), m1["end"].as_str()),
        (Some("2021-07-01"), Some("2022-01-01"))
    );
    let (deadline, _) = export(&sandbox, "deadline.ics", &["hubs-sdk", "--events", "deadline"]);
    let start = event(&deadline, "hubs-sdk/infor-projektuppstart@");
    assert_eq!(
        (start["start"].as_str(), start["end"].as_str()),
        (Some("2027-04-11"), Some("2027-04-12"))
    );
    assert_eq!(
        uids(&deadline),
        uids(&export(&sandbox, "again.ics", &["hubs-sdk"]).0),
        "the kind of event does not change the UID"
    );
}
