//! `status`, `overdue` and `report` decide where a milestone stands on one
//! path (`status::standings`): on 2,500 generated milestones (the real
//! workload's size: 50 files of 50, 3 steps each, 2,500 changes) they agree
//! on every milestone.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use crate::support::{Sandbox, expect_code};

/// The benchmark's generator (`examples/generate.rs`), built by `cargo test` beside the binary.
fn generator() -> PathBuf {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_roadmap"));
    let name = format!("generate{}", std::env::consts::EXE_SUFFIX);
    binary.parent().unwrap().join("examples").join(name)
}

fn json(sandbox: &Sandbox, args: &[&str]) -> Value {
    let mut all = vec![
        "--roadmaps",
        "data/roadmaps",
        "--state",
        "data/state.jsonl",
        "--today",
        "2026-11-22",
    ];
    all.extend_from_slice(args);
    serde_json::from_str(&expect_code(&sandbox.run(&all), 0).0).unwrap()
}

#[test]
fn status_overdue_and_report_agree_on_every_milestone_of_2500() {
    let sandbox = Sandbox::new();
    let made = Command::new(generator())
        .args([
            "--milestones",
            "2500",
            "--per-file",
            "50",
            "--steps",
            "3",
            "--events",
            "2500",
            "--seed",
            "7",
        ])
        .arg("--out")
        .arg(sandbox.path().join("data"))
        .output()
        .expect("run examples/generate (cargo test builds it)");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let ids: Vec<String> = (0..50).map(|i| format!("bench-{i:04}")).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let with_ids = |command: &str, extra: &[&str]| {
        let mut args = vec![command];
        args.extend_from_slice(&ids);
        args.extend_from_slice(extra);
        json(&sandbox, &args)
    };

    let status = with_ids("status", &["--format", "json"]);
    let mut statuses: BTreeMap<String, String> = BTreeMap::new();
    for roadmap in status["roadmaps"].as_array().unwrap() {
        for m in roadmap["milestones"].as_array().unwrap() {
            let address = format!("{}/{}", roadmap["id"].as_str().unwrap(), m["id"].as_str().unwrap());
            statuses.insert(address, m["status"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(statuses.len(), 2500);
    let overdue_by_status: Vec<&String> = statuses
        .iter()
        .filter(|(_, s)| *s == "overdue")
        .map(|(a, _)| a)
        .collect();
    assert!(
        overdue_by_status.len() > 100,
        "a test of agreement needs overdue milestones"
    );

    let overdue = with_ids("overdue", &["--format", "json"]);
    let mut days: BTreeMap<String, i64> = BTreeMap::new();
    for item in overdue["overdue"].as_array().unwrap() {
        let address = item["address"].as_str().unwrap().to_string();
        let days_overdue = item["days_overdue"].as_i64().unwrap();
        if item["step"].is_null() {
            days.insert(address, days_overdue);
        } else {
            // A step row belongs to an overdue milestone, with the same age.
            let milestone = address.rsplit_once('/').unwrap().0;
            assert_eq!(statuses[milestone], "overdue", "{address}");
        }
    }
    assert_eq!(days.keys().collect::<Vec<_>>(), overdue_by_status);

    let report = with_ids("report", &["--format", "json", "--week", "2026-W47"]);
    let mut reported: BTreeMap<String, i64> = BTreeMap::new();
    for m in report["overdue"].as_array().unwrap() {
        assert_eq!(m["status"], "overdue");
        reported.insert(
            m["address"].as_str().unwrap().to_string(),
            m["days_overdue"].as_i64().unwrap(),
        );
    }
    assert_eq!(
        reported, days,
        "report and overdue give the same milestones, the same days"
    );
    for task in report["timeline"].as_array().unwrap() {
        let address = format!("{}/{}", task["roadmap"].as_str().unwrap(), task["id"].as_str().unwrap());
        assert_eq!(task["status"].as_str(), Some(statuses[&address].as_str()), "{address}");
    }
    let by_status = |status: &str| statuses.values().filter(|s| *s == status).count();
    for r in report["roadmaps"].as_array().unwrap() {
        for (status, count) in r["by_status"].as_object().unwrap() {
            let in_status: usize = statuses
                .iter()
                .filter(|(a, s)| a.starts_with(&format!("{}/", r["id"].as_str().unwrap())) && *s == status)
                .count();
            assert_eq!(count.as_u64(), Some(in_status as u64), "{} {status}", r["id"]);
        }
    }
    assert_eq!(
        report["roadmaps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["by_status"]["done"].as_u64().unwrap())
            .sum::<u64>(),
        by_status("done") as u64
    );
}
