//! `overdue` on a plan large enough that its rows are gathered on several
//! threads, sorted in several chunks, merged, and drawn in several pieces:
//! every overdue milestone and open step appears once, in order.

use std::collections::BTreeSet;

use crate::support::{Sandbox, expect_code};

const FILES: usize = 40;
const MILESTONES: usize = 100;
const STEPS: usize = 5;

/// 40 roadmaps of 100 milestones with 5 steps each, all due in 2020 (days
/// from 1 January to 28 December, so many rows share a day), and every
/// address there is.
fn plan(sandbox: &Sandbox) -> BTreeSet<String> {
    let mut addresses = BTreeSet::new();
    for f in 0..FILES {
        let id = format!("plan-{f:02}");
        let mut text = format!("[roadmap]\nid = \"{id}\"\ntitle = \"Plan {f}\"\nlanguage = \"sv\"\n");
        for m in 0..MILESTONES {
            let due = format!("2020-{:02}-{:02}", 1 + (f + m) % 12, 1 + (f * 7 + m) % 28);
            text.push_str(&format!(
                "\n[[milestone]]\nid = \"m{m}\"\ntitle = \"Milstolpe {m} i {id}\"\ndue = \"{due}\"\nowner = \"Digg\"\n"
            ));
            addresses.insert(format!("{id}/m{m}"));
            for s in 1..=STEPS {
                text.push_str(&format!("[[milestone.step]]\ntext = \"Steg {s}: granskning\"\n"));
                addresses.insert(format!("{id}/m{m}/{s}"));
            }
        }
        sandbox.write(&format!("plans/{id}.toml"), text);
    }
    addresses
}

#[test]
fn every_overdue_row_appears_once_longest_overdue_first_then_by_address() {
    let sandbox = Sandbox::new();
    let addresses = plan(&sandbox);
    let args = [
        "--roadmaps",
        "plans",
        "--today",
        "2026-11-22",
        "overdue",
        "--format",
        "json",
    ];
    let (json, _) = expect_code(&sandbox.run(&args), 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let items = json["overdue"].as_array().unwrap();
    // The shipped roadmaps' overdue rows come too; ours are those of `plans/`.
    let rows: Vec<(i64, String)> = items
        .iter()
        .map(|i| {
            (
                i["days_overdue"].as_i64().unwrap(),
                i["address"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let ours: Vec<&String> = rows.iter().map(|(_, a)| a).filter(|a| a.starts_with("plan-")).collect();
    // Nothing is done, so every milestone and every step is an overdue row, once.
    assert_eq!(ours.len(), FILES * MILESTONES * (1 + STEPS));
    let shown: BTreeSet<String> = ours.into_iter().cloned().collect();
    assert_eq!(shown, addresses);
    for pair in rows.windows(2) {
        let ((days_a, a), (days_b, b)) = (&pair[0], &pair[1]);
        assert!(
            days_a > days_b || (days_a == days_b && a < b),
            "{a} ({days_a}) before {b} ({days_b})"
        );
    }
    // Days computed by hand for one row: from 2020-01-01 to 2026-11-22 is
    // 2020 and 2024 (leap, 366 each) + 2021-2023 and 2025 (4 × 365) + 325
    // days of 2026 = 2 517.
    let first_of_january = items.iter().find(|i| i["address"] == "plan-00/m0").unwrap();
    assert_eq!(first_of_january["days_overdue"], 2517);

    // The table lists the same rows in the same order, one address line each.
    let args = [
        "--roadmaps",
        "plans",
        "--today",
        "2026-11-22",
        "--color",
        "never",
        "overdue",
    ];
    let (table, _) = expect_code(&sandbox.run(&args), 0);
    let in_table: Vec<&str> = table
        .lines()
        .filter_map(|line| line.split('┆').nth(1))
        .map(str::trim)
        .filter(|cell| cell.starts_with("plan-"))
        .collect();
    let in_json: Vec<&str> = rows
        .iter()
        .map(|(_, a)| a.as_str())
        .filter(|a| a.starts_with("plan-"))
        .collect();
    assert_eq!(in_table, in_json);
    let milestones = items.iter().filter(|i| i["step"].is_null()).count();
    assert!(table.ends_with(&format!(
        "{milestones} overdue milestones, {} open steps in them (today 2026-11-22)\n",
        items.len() - milestones
    )));
}
