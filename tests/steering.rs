//! The steering-group report on a scenario made for it: three plans of one
//! supplier's customers, with gates, costs, parties with aliases and a joint
//! party, moves, skips, reopenings and risks over three weeks (2027-W18 to
//! W20). The lights are checked against a table worked out by hand from the
//! rule in the README; every format against golden files; the HTML by an
//! accessibility engine and by Chromium; the Mermaid block by Mermaid.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::{
    Reader, Sandbox, expect_code, git, git_ok, golden, mermaid_tasks, node_reads, readers, roadmap_in, stable,
};

/// Wednesday of week 20: the report on 2027-W20 is as of this day.
const TODAY: &str = "2027-05-19";

const PLAN_A: &str = r#"[roadmap]
id = "kommun-a"
title = "Kommun A: anslutning till SDK"
language = "sv"
year = 2027

[parties]
ITSL = { name = "ITSL Solutions AB", aliases = ["itsl"] }
Kund = { name = "Kommun A", aliases = ["kund", "Beställaren"] }
Gemensam = { name = "Gemensamt", joint = ["Kund", "ITSL"] }

[[phase]]
id = "forberedelse"
title = "Förberedelse"

[[phase]]
id = "infor"
title = "Införande"

[[milestone]]
id = "avtal"
phase = "forberedelse"
title = "Avtal signerat"
due = "2027-01-31"
owner = "kund"
cost_tkr = 50

[[milestone]]
id = "testmiljo"
phase = "infor"
title = "Installation i testmiljö"
due = "2027-04-30"
cost_tkr = 200

  [[milestone.step]]
  text = "Installera komponenterna"
  owner = "ITSL"

  [[milestone.step]]
  text = "Öppna brandväggen"
  owner = "Kund mha ITSL"

[[milestone]]
id = "driftbeslut"
phase = "infor"
kind = "gate"
title = "Beslut om driftsättning"
due = "2027-06-04"
owner = "Styrgrupp"
criteria = "Acceptanstest godkänt och risker hanterade"
depends_on = ["testmiljo"]

[[milestone]]
id = "produktion"
phase = "infor"
title = "Produktionssättning"
due = "2027-06-30"
owner = "Gemensam"
cost_tkr = 250
depends_on = ["driftbeslut"]
"#;

const PLAN_B: &str = r#"[roadmap]
id = "kommun-b"
title = "Kommun B: anslutning till SDK"
language = "sv"
year = 2027

[parties]
ITSL = "ITSL Solutions AB"
Kund = { name = "Kommun B", aliases = ["Beställaren"] }

[[milestone]]
id = "uppstart"
title = "Uppstart"
due = "2027-04-30"

  [[milestone.step]]
  text = "Kickoff"
  owner = "ITSL"

  [[milestone.step]]
  text = "Projektplan"
  owner = "ITSL"

[[milestone]]
id = "utbildning"
title = "Utbildning"
due = "2027-05-17"
owner = "ITSL"

  [[milestone.step]]
  text = "Utbildning 1"
  owner = "ITSL"

  [[milestone.step]]
  text = "Superanvändare utsedda"
  owner = "Beställaren"

  [[milestone.step]]
  text = "Utbildningsmaterial"

[[milestone]]
id = "overlamning"
title = "Överlämning"
due = "2027-06-11"
owner = "ITSL"

  [[milestone.step]]
  text = "Dokumentation"

  [[milestone.step]]
  text = "Överlämningsmöte"

  [[milestone.step]]
  text = "Supportrutiner"

  [[milestone.step]]
  text = "Slutrapport"
"#;

const PLAN_C: &str = r#"[roadmap]
id = "kommun-c"
title = "Kommun C: anslutning till SDK"
language = "sv"

[[milestone]]
id = "forstudie"
title = "Förstudie"
due = "2027-09-30"
owner = "Kund"
"#;

/// The three plans and three weeks of work on them, each change at a fixed time.
fn scenario() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("plans/kommun-a.toml", PLAN_A);
    sandbox.write("plans/kommun-b.toml", PLAN_B);
    sandbox.write("plans/kommun-c.toml", PLAN_C);
    expect_code(&sandbox.run(&["init"]), 0);
    let steps: &[(&str, &[&str])] = &[
        // Week 18.
        ("2027-05-03T09:00:00Z", &["done", "kommun-b/uppstart", "--by", "anna"]),
        (
            "2027-05-04T09:00:00Z",
            &[
                "risk",
                "add",
                "kommun-a",
                "Certifikaten dröjer",
                "--milestone",
                "testmiljo",
                "--likelihood",
                "3",
                "--impact",
                "4",
                "--owner",
                "ITSL",
                "--action",
                "Beställ certifikat i god tid",
                "--by",
                "anna",
            ],
        ),
        (
            "2027-05-05T09:00:00Z",
            &[
                "risk",
                "add",
                "kommun-b",
                "Semestrar i juni",
                "--likelihood",
                "2",
                "--impact",
                "3",
                "--owner",
                "Kund",
                "--action",
                "Planera utbildningen före midsommar",
                "--by",
                "bo",
            ],
        ),
        (
            "2027-05-06T09:00:00Z",
            &[
                "cost",
                "kommun-a",
                "--spent",
                "120",
                "--milestone",
                "avtal",
                "--by",
                "anna",
            ],
        ),
        // Week 19.
        (
            "2027-05-10T09:00:00Z",
            &[
                "reschedule",
                "kommun-a/testmiljo",
                "2027-05-07",
                "--note",
                "Leverantören sen",
                "--by",
                "anna",
            ],
        ),
        ("2027-05-11T09:00:00Z", &["done", "kommun-b/utbildning/1", "--by", "bo"]),
        (
            "2027-05-12T09:00:00Z",
            &["skip", "kommun-b/utbildning/2", "--note", "Redan utsedda", "--by", "bo"],
        ),
        (
            "2027-05-13T09:00:00Z",
            &["done", "kommun-a/testmiljo/1", "--by", "itsl"],
        ),
        // Week 20.
        (
            "2027-05-17T09:00:00Z",
            &[
                "reopen",
                "kommun-b/utbildning/1",
                "--note",
                "Utbildningen ställdes in",
                "--by",
                "bo",
            ],
        ),
        (
            "2027-05-17T10:00:00Z",
            &[
                "note",
                "kommun-a/driftbeslut",
                "Styrgruppen möts 2 juni",
                "--by",
                "anna",
            ],
        ),
        (
            "2027-05-17T11:00:00Z",
            &[
                "cost",
                "kommun-a",
                "--forecast",
                "560",
                "--note",
                "Certifikaten blev dyrare",
                "--by",
                "anna",
            ],
        ),
        (
            "2027-05-18T09:00:00Z",
            &[
                "risk",
                "add",
                "kommun-a",
                "Brandväggsändringen tar tid",
                "--likelihood",
                "2",
                "--impact",
                "2",
                "--owner",
                "Kund",
                "--action",
                "Beställ ändringen nu",
                "--by",
                "itsl",
            ],
        ),
    ];
    for (now, args) in steps {
        run_at(&sandbox, now, args);
    }
    // Risks are changed by their id, which is random: found from the log.
    let risks = json(&sandbox, &["risks", "--all", "--format", "json"]);
    let id = |text: &str| {
        risks.as_array().unwrap().iter().find(|r| r["text"] == text).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (certificates, holidays) = (id("Certifikaten dröjer"), id("Semestrar i juni"));
    run_at(
        &sandbox,
        "2027-05-12T10:00:00Z",
        &[
            "risk",
            "update",
            &certificates,
            "--likelihood",
            "5",
            "--note",
            "Beställningen fastnade",
            "--by",
            "anna",
        ],
    );
    run_at(
        &sandbox,
        "2027-05-18T11:00:00Z",
        &[
            "risk",
            "close",
            &holidays,
            "--note",
            "Utbildningen flyttad till augusti",
            "--by",
            "bo",
        ],
    );
    sandbox
}

fn run_at(sandbox: &Sandbox, now: &str, args: &[&str]) {
    let mut cmd = sandbox.cmd(&["--roadmaps", "plans"]);
    cmd.args(args).env("ROADMAP_NOW", now);
    expect_code(&cmd.output().unwrap(), 0);
}

fn run(sandbox: &Sandbox, args: &[&str]) -> String {
    let mut cmd = sandbox.cmd(&["--roadmaps", "plans", "--today", TODAY]);
    cmd.args(args).env("COLUMNS", "120");
    let (out, _) = expect_code(&cmd.output().unwrap(), 0);
    out
}

fn json(sandbox: &Sandbox, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    if !all.contains(&"--format") {
        all.extend(["--format", "json"]);
    }
    serde_json::from_str(&run(sandbox, &all)).unwrap()
}

const REPORT: &[&str] = &["report", "kommun-a", "kommun-b", "kommun-c", "--week", "2027-W20"];

#[test]
fn the_lights_are_the_ones_worked_out_by_hand() {
    let sandbox = scenario();
    let report = json(&sandbox, REPORT);
    let lights: Vec<(String, String, String, String)> = report["lights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["roadmap"].as_str().unwrap().to_string(),
                l["time"]["light"].as_str().unwrap().to_string(),
                l["cost"]["light"].as_str().unwrap_or("-").to_string(),
                l["overall"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // By hand, as of 2027-05-19 with the default rule (time red above 90 days
    // late against the baseline, yellow when overdue at all, 30 days or more
    // late, or due within four weeks and blocked or less than half done; cost
    // red when the forecast, else what is spent, is more than 10 % over the
    // budget, yellow when over at all):
    // - kommun-a: avtal was due 2027-01-31, 108 days ago: time red. The
    //   budget is its milestones' costs, 50 + 200 + 250 = 500 tkr; the
    //   forecast of 17 May is 560 tkr, 60 over, 12 %: cost red.
    // - kommun-b: utbildning was due 17 May, 2 days overdue; överlämning is
    //   due 11 June with none of 4 steps done: time yellow; no costs.
    // - kommun-c: förstudie is due in September: green.
    let expected = [
        ("kommun-a", "red", "red", "red"),
        ("kommun-b", "yellow", "-", "yellow"),
        ("kommun-c", "green", "-", "green"),
    ];
    let expected: Vec<(String, String, String, String)> = expected
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(lights, expected);
    let a = &report["lights"][0];
    assert_eq!(
        (
            a["cost"]["budget_tkr"].as_f64(),
            a["cost"]["expected_tkr"].as_f64(),
            a["cost"]["from_forecast"].as_bool()
        ),
        (Some(500.0), Some(560.0), Some(true))
    );
    assert!((a["cost"]["over_percent"].as_f64().unwrap() - 12.0).abs() < 1e-9);
    // The budget, what is spent (120 on 6 May) and the forecast, in the budget section.
    let budget = &report["budgets"][0];
    assert_eq!(
        (
            budget["roadmap"].as_str(),
            budget["budget_tkr"].as_f64(),
            budget["spent_tkr"].as_f64(),
            budget["forecast_tkr"].as_f64()
        ),
        (Some("kommun-a"), Some(500.0), Some(120.0), Some(560.0))
    );
    let causes: Vec<(&str, i64)> = a["time"]["causes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["address"].as_str().unwrap(), c["late_days"].as_i64().unwrap()))
        .collect();
    assert_eq!(causes, [("kommun-a/avtal", 108)]);
    // The headline names the plans and the milestones behind them.
    assert_eq!(report["headline"]["verdict"], "late");
    let plans: Vec<(&str, &str)> = report["headline"]["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["roadmap"].as_str().unwrap(), p["light"].as_str().unwrap()))
        .collect();
    assert_eq!(plans, [("kommun-a", "red"), ("kommun-b", "yellow")]);
    // Behind kommun-a's red: the milestone whose time light is red, not
    // testmiljo (19 days late: yellow).
    assert_eq!(
        (
            &report["headline"]["plans"][0]["milestones"],
            &report["headline"]["plans"][0]["titles"]
        ),
        (
            &serde_json::json!(["kommun-a/avtal"]),
            &serde_json::json!(["Avtal signerat"])
        )
    );
    // The verdict follows the worst light, red, and names its dimension and plan.
    assert_eq!(
        (
            report["headline"]["worst"]["light"].as_str(),
            report["headline"]["worst"]["dimension"].as_str(),
            report["headline"]["worst"]["title"].as_str()
        ),
        (Some("red"), Some("time"), Some("Kommun A: anslutning till SDK"))
    );
}

#[test]
fn the_light_rule_is_the_workspaces_to_set() {
    let sandbox = scenario();
    let config = sandbox.path().join(".roadmap/config.toml");
    // 108 days is not more than 120: time yellow; 12 % over budget is still above 10 %.
    std::fs::write(&config, "[lights]\ntime_red_days = 120\n").unwrap();
    let report = json(&sandbox, REPORT);
    assert_eq!(report["lights"][0]["time"]["light"], "yellow");
    assert_eq!(report["lights"][0]["overall"], "red");
    // And with cost red only above 15 %: 12 % over is yellow, and so is all.
    std::fs::write(&config, "[lights]\ntime_red_days = 120\ncost_red_percent = 15\n").unwrap();
    let report = json(&sandbox, REPORT);
    assert_eq!(report["lights"][0]["cost"]["light"], "yellow");
    assert_eq!(report["lights"][0]["overall"], "yellow");
    assert_eq!(report["headline"]["verdict"], "at_risk");
}

#[test]
fn each_section_has_the_facts_of_the_scenario() {
    let sandbox = scenario();
    let report = json(&sandbox, REPORT);
    // Decisions: the gate due 4 June, with what waits on it.
    let decision = &report["decisions"][0];
    assert_eq!(decision["item"]["address"], "kommun-a/driftbeslut");
    assert_eq!(decision["criteria"], "Acceptanstest godkänt och risker hanterade");
    assert_eq!(decision["waiting"], serde_json::json!(["kommun-a/produktion"]));
    // Deviations in week 20, by day: the reopening on 17 May, and what became overdue on 18 May.
    let kinds: Vec<(&str, &str)> = report["deviations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["kind"].as_str().unwrap(), d["address"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("reopened", "kommun-b/utbildning/1"),
            ("became_overdue", "kommun-b/utbildning")
        ]
    );
    // The risks: the most severe first; one added and one closed in the week.
    let open: Vec<(&str, u64)> = report["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["text"].as_str().unwrap(), r["severity"].as_u64().unwrap()))
        .collect();
    assert_eq!(open, [("Certifikaten dröjer", 20), ("Brandväggsändringen tar tid", 4)]);
    assert_eq!(report["risks_opened"][0]["text"], "Brandväggsändringen tar tid");
    assert_eq!(report["risks_closed"][0]["text"], "Semestrar i juni");
    assert_eq!(
        report["risks_closed"][0]["closing_note"],
        "Utbildningen flyttad till augusti"
    );
    // Root blockers: testmiljo holds up the gate and, behind it, production.
    assert_eq!(report["blockers"][0]["address"], "kommun-a/testmiljo");
    assert_eq!(
        report["blockers"][0]["waiting"],
        serde_json::json!(["kommun-a/driftbeslut", "kommun-a/produktion"])
    );
    // Who waits on whom: "kund" and "Beställaren" are Kund; "Kund mha ITSL"
    // is Kund's with ITSL helping; Gemensam is Kund and ITSL.
    let party = |roadmap: &str, code: &str| {
        report["parties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["roadmap"] == roadmap && p["party"] == code)
            .unwrap_or_else(|| panic!("no {code} in {roadmap}: {}", report["parties"]))
            .clone()
    };
    let kund = party("kommun-a", "Kund");
    // avtal, testmiljo step 2, produktion (joint).
    assert_eq!((kund["open"].as_u64(), kund["overdue"].as_u64()), (Some(3), Some(2)));
    assert_eq!(kund["name"], "Kommun A");
    let itsl = party("kommun-a", "ITSL");
    // produktion (joint); it helps with testmiljo step 2.
    assert_eq!((itsl["open"].as_u64(), itsl["helping"].as_u64()), (Some(1), Some(1)));
    let waits: Vec<&str> = kund["waited_on"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["waiting"].as_str().unwrap())
        .collect();
    assert_eq!(waits, ["kommun-a/driftbeslut"]);
    // Kommun B's one step of Kund's ("Beställaren") is skipped: no open work, so not listed.
    assert!(
        !report["parties"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["roadmap"] == "kommun-b" && p["party"] == "Kund"),
        "a skipped step is not open work"
    );
    // The owner filter: ITSL's part only, a supplier's "our part".
    let ours = json(
        &sandbox,
        &[
            "report", "kommun-a", "kommun-b", "--week", "2027-W20", "--owner", "ITSL",
        ],
    );
    let addresses: Vec<&str> = ours["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["address"].as_str().unwrap())
        .collect();
    assert_eq!(
        addresses,
        ["kommun-a/testmiljo", "kommun-b/utbildning"],
        "kund's avtal is not ITSL's"
    );
    assert_eq!(ours["owner"], "ITSL");
}

#[test]
fn the_report_in_every_format_and_language() {
    let sandbox = scenario();
    for (format, ext) in [("markdown", "md"), ("html", "html"), ("json", "json"), ("text", "txt")] {
        let mut args = REPORT.to_vec();
        args.extend(["--format", format]);
        golden(&format!("steering/report.{ext}"), &stable(&run(&sandbox, &args)));
    }
    for lang in ["sv", "nb"] {
        let mut args = vec!["--lang", lang];
        args.extend(REPORT);
        golden(&format!("steering/report-{lang}.md"), &stable(&run(&sandbox, &args)));
    }
    golden("steering/risks.txt", &stable(&run(&sandbox, &["risks", "--all"])));
}

#[test]
fn a_risks_history_is_in_the_log() {
    let sandbox = scenario();
    let log = json(&sandbox, &["log", "kommun-b", "--format", "json"]);
    let risk: Vec<(&str, Option<&str>)> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["op"] == "risk")
        .map(|e| (e["by"].as_str().unwrap(), e["note"].as_str()))
        .collect();
    assert_eq!(risk, [("bo", None), ("bo", Some("Utbildningen flyttad till augusti"))]);
    let table = run(&sandbox, &["log", "kommun-a"]);
    assert!(
        table.contains("likelihood 5") && table.contains("Beställningen fastnade"),
        "{table}"
    );
}

#[test]
fn risks_added_changed_and_closed_on_two_branches_merge_without_conflict() {
    let sandbox = Sandbox::new();
    let seed = sandbox.path().join("seed");
    std::fs::create_dir_all(seed.join("plans")).unwrap();
    std::fs::write(seed.join("plans/kommun-a.toml"), PLAN_A).unwrap();
    git_ok(&seed, &["init", "-q", "-b", "main"]);
    expect_code(&roadmap_in(&seed, "2027-05-01T08:00:00Z", &["init"]), 0);
    // A risk both branches will change.
    let added = [
        "--roadmaps",
        "plans",
        "risk",
        "add",
        "kommun-a",
        "Leverantören byter personal",
        "--likelihood",
        "2",
        "--impact",
        "4",
        "--owner",
        "ITSL",
        "--action",
        "Överlämning mellan konsulter",
        "--by",
        "anna",
    ];
    expect_code(&roadmap_in(&seed, "2027-05-02T08:00:00Z", &added), 0);
    git_ok(&seed, &["add", "-A"]);
    git_ok(&seed, &["commit", "-q", "-m", "plan"]);
    let origin = sandbox.path().join("origin.git");
    git_ok(
        sandbox.path(),
        &[
            "clone",
            "-q",
            "--bare",
            seed.to_str().unwrap(),
            origin.to_str().unwrap(),
        ],
    );
    let (a, b) = (sandbox.path().join("a"), sandbox.path().join("b"));
    for clone in [&a, &b] {
        git_ok(
            sandbox.path(),
            &["clone", "-q", origin.to_str().unwrap(), clone.to_str().unwrap()],
        );
    }
    let add = |dir: &Path, now: &str, text: &str, by: &str| {
        let args = [
            "--roadmaps",
            "plans",
            "risk",
            "add",
            "kommun-a",
            text,
            "--likelihood",
            "3",
            "--impact",
            "3",
            "--owner",
            "ITSL",
            "--action",
            "Följ upp",
            "--by",
            by,
        ];
        expect_code(&roadmap_in(dir, now, &args), 0);
        git_ok(dir, &["commit", "-q", "-am", text]);
    };
    add(&a, "2027-05-10T08:00:00Z", "Certifikaten dröjer", "anna");
    add(&b, "2027-05-11T08:00:00Z", "Nätverket är inte klart", "bo");
    // The shared risk: its likelihood raised on one branch, closed on the other.
    let shared = |dir: &Path| -> String {
        let out = roadmap_in(
            dir,
            "2027-05-11T09:00:00Z",
            &["--roadmaps", "plans", "risks", "--format", "json"],
        );
        let risks: Value = serde_json::from_slice(&out.stdout).unwrap();
        let found = risks
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["text"] == "Leverantören byter personal");
        found.unwrap()["id"].as_str().unwrap().to_string()
    };
    let id = shared(&a);
    let raise = [
        "--roadmaps",
        "plans",
        "risk",
        "update",
        id.as_str(),
        "--likelihood",
        "4",
        "--by",
        "anna",
    ];
    expect_code(&roadmap_in(&a, "2027-05-10T09:00:00Z", &raise), 0);
    git_ok(&a, &["commit", "-q", "-am", "raise"]);
    let close = [
        "--roadmaps",
        "plans",
        "risk",
        "close",
        id.as_str(),
        "--note",
        "Samma konsult stannar",
        "--by",
        "bo",
    ];
    expect_code(&roadmap_in(&b, "2027-05-11T10:00:00Z", &close), 0);
    git_ok(&b, &["commit", "-q", "-am", "close"]);
    git_ok(&a, &["push", "-q", "origin", "main"]);
    git_ok(&b, &["fetch", "-q", "origin"]);
    let merged = git(&b, &["merge", "--no-edit", "origin/main"]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&merged.stdout),
        String::from_utf8_lossy(&merged.stderr)
    );
    assert!(merged.status.success() && !said.contains("CONFLICT"), "{said}");
    let out = roadmap_in(
        &b,
        "2027-05-12T08:00:00Z",
        &[
            "--roadmaps",
            "plans",
            "--today",
            "2027-05-12",
            "report",
            "--format",
            "json",
        ],
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut texts: Vec<&str> = report["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    texts.sort_unstable();
    assert_eq!(texts, ["Certifikaten dröjer", "Nätverket är inte klart"]);
    // Both changes to the shared risk count: closed, with the raised likelihood.
    let out = roadmap_in(
        &b,
        "2027-05-12T08:00:00Z",
        &["--roadmaps", "plans", "risks", "--all", "--format", "json"],
    );
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    let shared = all.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(
        (shared["closed"].as_bool(), shared["likelihood"].as_u64()),
        (Some(true), Some(4)),
        "{shared}"
    );
    // Both headers for the risk format came in from the two sides; the file reads.
    let state = std::fs::read_to_string(b.join(".roadmap/state.jsonl")).unwrap();
    assert!(state.starts_with("{\"roadmap_state\":2}\n"), "{state}");
    assert!(state.contains("{\"roadmap_state\":3}"), "{state}");
}

#[test]
fn the_mermaid_block_has_a_section_per_phase_and_gates_as_milestones() {
    if !readers(&[Reader::Node]) {
        return;
    }
    let sandbox = scenario();
    let markdown = run(&sandbox, &["report", "kommun-a", "--week", "2027-W20"]);
    let start = markdown.find("```mermaid\n").unwrap() + "```mermaid\n".len();
    let end = start + markdown[start..].find("```").unwrap();
    let parsed = mermaid_tasks(&markdown[start..end]);
    let tasks = parsed["tasks"].as_array().unwrap();
    let sections: Vec<&str> = tasks.iter().map(|t| t["section"].as_str().unwrap()).collect();
    assert_eq!(
        sections,
        [
            "Kommun Aﬂ°°58¶ß anslutning till SDK – Förberedelse",
            "Kommun Aﬂ°°58¶ß anslutning till SDK – Införande",
            "Kommun Aﬂ°°58¶ß anslutning till SDK – Införande",
            "Kommun Aﬂ°°58¶ß anslutning till SDK – Införande",
        ]
    );
    let gate = tasks.iter().find(|t| t["task"] == "Beslut om driftsättning").unwrap();
    assert_eq!(gate["milestone"], true);
    assert_eq!(gate["start"], "2027-06-04");
    let late = tasks.iter().find(|t| t["task"] == "Avtal signerat").unwrap();
    assert_eq!(
        (late["crit"].as_bool(), late["milestone"].as_bool()),
        (Some(true), Some(false))
    );
}

#[test]
fn the_html_report_passes_an_accessibility_check_and_shows_and_prints_its_charts() {
    if !readers(&[Reader::Node, Reader::Chromium, Reader::Poppler]) {
        return;
    }
    let browser = crate::support::chromium().expect("Chromium is here");
    let sandbox = scenario();
    for lang in ["sv", "en"] {
        let mut args = vec!["--lang", lang];
        args.extend(REPORT);
        args.extend(["--format", "html"]);
        let page = sandbox.write(&format!("{lang}/report.html"), run(&sandbox, &args));
        let dir = page.parent().unwrap();
        let axe = node_reads("page.mjs", &[browser.as_os_str(), page.as_os_str(), dir.as_os_str()]);
        assert_eq!(
            axe["violations"],
            serde_json::json!([]),
            "{lang}: WCAG 2.1 AA violations"
        );
        assert!(axe["passes"].as_array().unwrap().len() > 15, "{axe}");
        // What axe cannot decide is only the contrast of the charts' own text,
        // which it cannot see the background of; the palette is checked below.
        for finding in axe["incomplete"].as_array().unwrap() {
            assert_eq!(finding["id"], "color-contrast", "{finding}");
            for node in finding["nodes"].as_array().unwrap() {
                assert!(node.as_str().unwrap().starts_with("text["), "{node}");
            }
        }
        if let Some(keep) = std::env::var_os("ROADMAP_SCREENSHOT_DIR") {
            for name in ["screen.png", "print.png", "report.pdf"] {
                std::fs::copy(dir.join(name), Path::new(&keep).join(format!("steering-{lang}-{name}"))).unwrap();
            }
        }
        // The page and its print layout show the timeline's bars and the gate
        // (overdue red, upcoming blue) and the trend's line.
        for shot in ["screen.png", "print.png"] {
            let path = dir.join(shot);
            let red = crate::support::pixels_of(&path, [0xc6, 0x28, 0x28]);
            let blue = crate::support::pixels_of(&path, [0x15, 0x65, 0xc0]);
            assert!(red > 300 && blue > 300, "{lang} {shot}: red {red}, blue {blue} pixels");
        }
        let pdf = std::fs::read(dir.join("report.pdf")).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{lang}: not a PDF");
        // The printed PDF, drawn as pictures by poppler: the charts are on its pages, and they are A4.
        let prefix = dir.join("page");
        let drawn = Command::new("pdftoppm")
            .args(["-png", "-r", "60"])
            .arg(dir.join("report.pdf"))
            .arg(&prefix)
            .output()
            .unwrap();
        assert!(drawn.status.success(), "{}", String::from_utf8_lossy(&drawn.stderr));
        let mut pages: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("page"))
            .collect();
        pages.sort();
        assert!(!pages.is_empty());
        let red: usize = pages
            .iter()
            .map(|p| crate::support::pixels_of(p, [0xc6, 0x28, 0x28]))
            .sum();
        assert!(red > 50, "{lang}: no red bars in the PDF ({red} pixels)");
        let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&pages[0]).unwrap()));
        let info = decoder.read_info().unwrap().info().clone();
        let ratio = f64::from(info.height) / f64::from(info.width);
        assert!(
            (ratio - 297.0 / 210.0).abs() < 0.02,
            "{lang}: a page is {}x{}, not A4",
            info.width,
            info.height
        );
    }
}
