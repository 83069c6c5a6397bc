//! `list` and `show` over the shipped roadmaps, run from an empty directory:
//! the roadmaps are embedded in the binary.

use crate::support::{Sandbox, expect_code, golden};

const SHIPPED: [&str; 5] = [
    "min-profil",
    "genomforande",
    "difi-postkasse",
    "hubs-sdk",
    "intygshantering",
];

fn json(args: &[&str]) -> serde_json::Value {
    let (out, _) = expect_code(&Sandbox::new().run(args), 0);
    serde_json::from_str(&out).expect("valid JSON")
}

#[test]
fn list_golden() {
    let sandbox = Sandbox::new();
    golden("list.txt", &expect_code(&sandbox.run(&["list"]), 0).0);
    golden(
        "list.json",
        &expect_code(&sandbox.run(&["list", "--format", "json"]), 0).0,
    );
    golden(
        "list.md",
        &expect_code(&sandbox.run(&["list", "--format", "markdown"]), 0).0,
    );
}

#[test]
fn show_golden_for_every_shipped_roadmap() {
    let sandbox = Sandbox::new();
    for id in SHIPPED {
        golden(
            &format!("show-{id}.txt"),
            &expect_code(&sandbox.run(&["show", id]), 0).0,
        );
        golden(
            &format!("show-{id}.json"),
            &expect_code(&sandbox.run(&["show", id, "--format", "json"]), 0).0,
        );
    }
    golden(
        "show-min-profil-22.txt",
        &expect_code(&sandbox.run(&["show", "min-profil/22"]), 0).0,
    );
    golden(
        "show-hubs-sdk-projektstart.md",
        &expect_code(
            &sandbox.run(&["show", "hubs-sdk/projektstart", "--format", "markdown"]),
            0,
        )
        .0,
    );
}

#[test]
fn list_counts_match_the_sources() {
    let list = json(&["list", "--format", "json"]);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, SHIPPED);
    for entry in list.as_array().unwrap() {
        assert_eq!(entry["origin"], "shipped");
        let source = std::path::Path::new(entry["source"].as_str().unwrap());
        assert!(source.extension().is_some_and(|e| e == "txt"), "{source:?}");
    }
}

#[test]
fn min_profil_keeps_the_source_numbers() {
    let roadmap = json(&["show", "min-profil", "--format", "json"]);
    let ids: Vec<&str> = roadmap["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (1..=6).chain(9..=28).map(|n| n.to_string()).collect();
    assert_eq!(ids, expected);
    assert_eq!(roadmap["phases"].as_array().unwrap().len(), 4);
    // HT2021 is the second half of 2021, worked out by hand.
    assert_eq!(
        roadmap["milestones"][0]["due"],
        serde_json::json!({"label": "HT2021", "start": "2021-07-01", "end": "2021-12-31"})
    );
    // "Från VT2023 Framåt": open-ended from 2023-01-01.
    let m23 = &roadmap["milestones"][20];
    assert_eq!(m23["id"], "23");
    assert_eq!(
        m23["due"],
        serde_json::json!({"label": "VT2023..", "start": "2023-01-01", "end": null})
    );
}

#[test]
fn hubs_has_48_steps_with_their_parties() {
    let roadmap = json(&["show", "hubs-sdk", "--format", "json"]);
    let milestones = roadmap["milestones"].as_array().unwrap();
    assert_eq!(milestones.len(), 9);
    let steps: Vec<&serde_json::Value> = milestones.iter().flat_map(|m| m["steps"].as_array().unwrap()).collect();
    assert_eq!(steps.len(), 48);
    // The first milestone's three steps name no party in the source; all others do.
    assert_eq!(steps.iter().filter(|s| s["owner"].is_string()).count(), 45);
    let labels: Vec<&str> = milestones.iter().map(|m| m["due"]["label"].as_str().unwrap()).collect();
    assert_eq!(
        labels,
        [
            "V13-14", "V15", "V15-16", "V17-18", "V19", "V20", "V21", "V22", "V23-28"
        ]
    );
    // No year in the source: week plans, not dates.
    assert!(milestones.iter().all(|m| m["due"]["start"].is_null()));
}

#[test]
fn intygshantering_costs_add_up_as_in_the_source() {
    let roadmap = json(&["show", "intygshantering", "--format", "json"]);
    let costs: Vec<i64> = roadmap["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["cost_tkr"].as_i64().unwrap())
        .collect();
    // Kostnad tkr, section 9.6, in order.
    assert_eq!(costs, [1100, 10, 2000, 500, 500, 1700, 750, 250, 2000]);
    assert_eq!(costs.iter().sum::<i64>(), 8810);
    // "2023 T3" is September to December.
    assert_eq!(roadmap["milestones"][3]["due"]["start"], "2023-09-01");
    assert_eq!(roadmap["milestones"][3]["due"]["end"], "2023-12-31");
}

#[test]
fn a_user_file_replaces_a_shipped_roadmap_and_list_says_so() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "plans/hubs.toml",
        "[roadmap]\nid = \"hubs-sdk\"\ntitle = \"Vår Hubs-plan\"\nlanguage = \"sv\"\nyear = 2027\n\n[[milestone]]\nid = \"projektstart\"\ntitle = \"Projektstart\"\ndue = \"V15\"\n",
    );
    sandbox.write(
        "more/extra.toml",
        "[roadmap]\nid = \"extra\"\ntitle = \"Extra\"\nlanguage = \"no\"\n",
    );
    let output = sandbox
        .cmd(&["--roadmaps", "plans", "list", "--format", "json"])
        .env("ROADMAP_PATH", "more")
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_str(&expect_code(&output, 0).0).unwrap();
    let hubs = list.as_array().unwrap().iter().find(|r| r["id"] == "hubs-sdk").unwrap();
    assert_eq!(hubs["replaces_shipped"], true);
    assert_eq!(hubs["origin"], "plans/hubs.toml");
    assert_eq!(list.as_array().unwrap().len(), 6);
    let (table, _) = expect_code(
        &sandbox
            .cmd(&["--roadmaps", "plans", "list"])
            .env("COLUMNS", "200")
            .output()
            .unwrap(),
        0,
    );
    assert!(table.contains("plans/hubs.toml (replaces shipped)"), "{table}");
    // With the year, V15 of 2027 is 12-18 April 2027 (ISO week 15).
    let (shown, _) = expect_code(
        &sandbox.run(&[
            "--roadmaps",
            "plans",
            "show",
            "hubs-sdk/projektstart",
            "--format",
            "json",
        ]),
        0,
    );
    let m: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(
        m["due"],
        serde_json::json!({"label": "V15", "start": "2027-04-12", "end": "2027-04-18"})
    );
}

#[test]
fn two_user_files_with_one_id_are_an_error() {
    let sandbox = Sandbox::new();
    let plan = "[roadmap]\nid = \"plan\"\ntitle = \"Plan\"\nlanguage = \"sv\"\n";
    sandbox.write("a/plan.toml", plan);
    sandbox.write("b/plan.toml", plan);
    let (_, err) = expect_code(&sandbox.run(&["--roadmaps", "a", "--roadmaps", "b", "list"]), 1);
    assert!(
        err.contains("error: roadmap id `plan` is already used by a/plan.toml"),
        "{err}"
    );
    assert!(err.contains("--> b/plan.toml:1:1"), "{err}");
}

#[test]
fn validate_accepts_good_files_and_odd_but_valid_ones() {
    let sandbox = Sandbox::new();
    // A byte-order mark, CRLF line ends and non-ASCII text are all fine.
    sandbox.write(
        "ok.toml",
        "\u{feff}[roadmap]\r\nid = \"ok\"\r\ntitle = \"Plan för Tromsø\"\r\nlanguage = \"no\"\r\n\r\n[[milestone]]\r\nid = \"a\"\r\ntitle = \"Åtgärd\"\r\nowner = \"Bjørn\"\r\ndue = \"2016-Q1\"\r\n",
    );
    let (out, _) = expect_code(&sandbox.run(&["validate", "ok.toml"]), 0);
    assert_eq!(out, "ok: ok (ok.toml): 1 milestone, 0 steps\n");
    // With no file named, your own roadmaps: here there are none, and the
    // shipped ones' warnings are not yours to fix; name one to check it.
    let (out, _) = expect_code(&sandbox.run(&["validate"]), 0);
    assert_eq!(out.lines().filter(|l| l.contains("(shipped)")).count(), 0, "{out}");
    assert!(out.contains("no roadmaps of your own to check"), "{out}");
    assert!(out.ends_with("(0 changes)\n"), "{out}");
    let (out, _) = expect_code(&sandbox.run(&["validate", "hubs-sdk"]), 0);
    assert_eq!(out, "ok: hubs-sdk (shipped): 9 milestones, 48 steps\n");
}

/// The text of a shipped roadmap file, for tests that make a variant of it.
pub fn shipped_text(id: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("roadmaps/{id}.toml")))
        .unwrap()
}

#[test]
fn many_files_load_in_name_order_and_every_problem_is_reported() {
    let sandbox = Sandbox::new();
    for i in 0..40 {
        sandbox.write(
            &format!("many/plan-{i:02}.toml"),
            format!("[roadmap]\nid = \"plan-{i:02}\"\ntitle = \"Plan {i}\"\nlanguage = \"sv\"\n"),
        );
    }
    let (out, _) = expect_code(&sandbox.run(&["--roadmaps", "many", "list", "--format", "json"]), 0);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .skip(5)
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (0..40).map(|i| format!("plan-{i:02}")).collect();
    assert_eq!(ids, expected);
    // A broken file and a second file with a used id, among the many.
    sandbox.write(
        "many/plan-07.toml",
        "[roadmap]\nid = \"plan-07\"\ntitle = 7\nlanguage = \"sv\"\n",
    );
    sandbox.write(
        "many/plan-31.toml",
        "[roadmap]\nid = \"plan-30\"\ntitle = \"Igen\"\nlanguage = \"sv\"\n",
    );
    let (_, err) = expect_code(&sandbox.run(&["--roadmaps", "many", "list"]), 1);
    let first = err.find("--> many/plan-07.toml:3:9").expect(&err);
    let second = err.find("--> many/plan-31.toml:1:1").expect(&err);
    assert!(first < second, "{err}");
    assert!(
        err.contains("roadmap id `plan-30` is already used by many/plan-30.toml"),
        "{err}"
    );
    assert!(
        err.ends_with("2 problems in 2 roadmap files; nothing was loaded\n"),
        "{err}"
    );
}
