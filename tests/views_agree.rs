//! `status`, `overdue`, `report` and `timeline` on 2,500 generated milestones
//! (the real workload's size: 50 files of 50, 3 steps each, 2,500 changes):
//! each gives every milestone the status, and every overdue one the days,
//! that the generator (`examples/generate.rs`) worked out from the dates and
//! marks it chose (`expected.json`), not what another view said.

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
fn status_overdue_report_and_timeline_each_give_the_statuses_the_generator_worked_out() {
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
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(sandbox.path().join("data/expected.json")).unwrap()).unwrap();
    assert_eq!(expected["on"], "2026-11-22");
    let expected: BTreeMap<String, (String, Option<i64>)> = expected["milestones"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(address, m)| {
            (
                address.clone(),
                (m["status"].as_str().unwrap().to_string(), m["days_overdue"].as_i64()),
            )
        })
        .collect();
    assert_eq!(expected.len(), 2500);
    let count = |status: &str| expected.values().filter(|(s, _)| s == status).count();
    for status in ["done", "skipped", "overdue", "due", "upcoming", "ongoing", "undated"] {
        assert!(count(status) > 0, "the generated set has no {status} milestone");
    }
    let overdue: BTreeMap<&String, i64> = expected
        .iter()
        .filter_map(|(address, (_, days))| days.map(|d| (address, d)))
        .collect();
    assert_eq!(overdue.len(), count("overdue"));

    let ids: Vec<String> = (0..50).map(|i| format!("bench-{i:04}")).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let with_ids = |command: &str, extra: &[&str]| {
        let mut args = vec![command];
        args.extend_from_slice(&ids);
        args.extend_from_slice(extra);
        json(&sandbox, &args)
    };

    let status = with_ids("status", &["--format", "json"]);
    let mut statuses: BTreeMap<String, (String, Option<i64>)> = BTreeMap::new();
    for roadmap in status["roadmaps"].as_array().unwrap() {
        for m in roadmap["milestones"].as_array().unwrap() {
            let address = format!("{}/{}", roadmap["id"].as_str().unwrap(), m["id"].as_str().unwrap());
            let status = m["status"].as_str().unwrap().to_string();
            let days = overdue.get(&address).copied().filter(|_| status == "overdue");
            statuses.insert(address, (status, days));
        }
        for (status, n) in roadmap["summary"]["by_status"].as_object().unwrap() {
            let id = roadmap["id"].as_str().unwrap();
            let mine = expected
                .iter()
                .filter(|(a, (s, _))| a.starts_with(&format!("{id}/")) && s == status)
                .count();
            assert_eq!(n.as_u64(), Some(mine as u64), "status {id} {status}");
        }
    }
    assert_eq!(statuses, expected, "status");

    let overdue_view = with_ids("overdue", &["--format", "json"]);
    let mut days: BTreeMap<String, i64> = BTreeMap::new();
    for item in overdue_view["overdue"].as_array().unwrap() {
        let address = item["address"].as_str().unwrap().to_string();
        let days_overdue = item["days_overdue"].as_i64().unwrap();
        if item["step"].is_null() {
            days.insert(address, days_overdue);
        } else {
            // A step row belongs to an overdue milestone, with its age.
            let milestone = format!(
                "{}/{}",
                item["roadmap"].as_str().unwrap(),
                item["milestone"].as_str().unwrap()
            );
            assert_eq!(expected[&milestone].1, Some(days_overdue), "{address}");
        }
    }
    let want: BTreeMap<String, i64> = overdue.iter().map(|(a, d)| ((*a).clone(), *d)).collect();
    assert_eq!(days, want, "overdue");

    let report = with_ids("report", &["--format", "json", "--week", "2026-W47"]);
    let reported: BTreeMap<String, i64> = report["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            assert_eq!(m["status"], "overdue");
            (
                m["address"].as_str().unwrap().to_string(),
                m["days_overdue"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(reported, want, "report");
    for r in report["roadmaps"].as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        for (status, n) in r["by_status"].as_object().unwrap() {
            let mine = expected
                .iter()
                .filter(|(a, (s, _))| a.starts_with(&format!("{id}/")) && s == status)
                .count();
            assert_eq!(n.as_u64(), Some(mine as u64), "report {id} {status}");
        }
    }
    for task in report["timeline"].as_array().unwrap() {
        let address = format!("{}/{}", task["roadmap"].as_str().unwrap(), task["id"].as_str().unwrap());
        assert_eq!(
            task["status"].as_str(),
            Some(expected[&address].0.as_str()),
            "report timeline {address}"
        );
    }

    let timeline = with_ids("timeline", &["--format", "json"]);
    let mut rows = 0;
    for row in timeline["rows"].as_array().unwrap() {
        let address = format!("{}/{}", row["roadmap"].as_str().unwrap(), row["id"].as_str().unwrap());
        assert_eq!(
            row["status"].as_str(),
            Some(expected[&address].0.as_str()),
            "timeline {address}"
        );
        rows += 1;
    }
    assert_eq!(rows, 2500, "timeline rows");
}
