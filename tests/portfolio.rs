//! A supplier's portfolio, as ITSL runs it: the Hubs onboarding plan adopted
//! for three municipalities in one workspace (`init --id --organisation
//! --start`) and for two more in a repository each; each ticked differently
//! over weeks 9 to 15 of 2027; Norrby's copy renamed after ticking;
//! Västerby's start moved with `--shift-following`. Then the portfolio seen
//! together (`--workspace` three times) on Friday 16 April 2027 (week 15),
//! against a table worked out by hand from the template's weeks (below),
//! the report's headline, the CI gate, and the calendar read back by
//! Python's icalendar.
//!
//! The template (roadmaps/hubs-sdk.toml) in weeks from its first, with its
//! steps: infor-projektuppstart +0..1 (3), projektstart +2 (6),
//! installation-testmiljo +2..3 (6), forbereda-verksamhet +4..5 (4), sdk-qa
//! +6 (8), verifikation-acceptanstest +7 (6), federationsgodkannande +8 (4),
//! produktionssattning +9 (5), projektavslut +10..15 (6): 48 steps, no
//! `depends_on`, so "the milestones after it" are those after it in the plan.
//! A week ends on its Sunday; a milestone is overdue from the day after.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::support::{Reader, Sandbox, expect_code, python_reads, readers, roadmap};

const TODAY: &str = "2027-04-16";

/// A portfolio row as compared: organisation, roadmap, light, steps done,
/// next milestone, oldest overdue and its days.
type Row = (String, String, String, String, String, Option<String>, Option<i64>);

struct Supplier {
    _root: tempfile::TempDir,
    root: PathBuf,
}

impl Supplier {
    fn new() -> Supplier {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        for folder in ["itsl", "kund-d", "kund-e"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        Supplier { _root: dir, root }
    }

    /// `roadmap ARGS` in `folder` (under the root), recorded at `now`.
    fn run(&self, folder: &str, now: &str, args: &[&str]) -> Output {
        roadmap(&self.root.join(folder), &self.root.join("home"), args)
            .env("ROADMAP_NOW", now)
            .env("COLUMNS", "200")
            .output()
            .unwrap()
    }

    fn ok(&self, folder: &str, now: &str, args: &[&str]) -> String {
        expect_code(&self.run(folder, now, args), 0).0
    }

    /// A read-only command over all three workspaces, from the root.
    fn together(&self, args: &[&str]) -> Output {
        let mut all = vec![
            "--workspace",
            "itsl",
            "--workspace",
            "kund-d",
            "--workspace",
            "kund-e",
            "--today",
            TODAY,
        ];
        all.extend_from_slice(args);
        self.run(".", "2027-04-16T12:00:00Z", &all)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }
}

/// Five customers, ticked over the weeks; see the module comment.
fn five_customers() -> Supplier {
    let s = Supplier::new();
    let t = "2027-03-01T08:00:00Z";
    s.ok("itsl", t, &["init"]);
    for (id, name, start) in [
        ("hubs-sundsby", "Sundsby kommun", "2027-W10"),
        ("hubs-norrby", "Norrby kommun", "2027-W12"),
        ("hubs-vasterby", "Västerby kommun", "2027-W14"),
    ] {
        let out = s.ok(
            "itsl",
            t,
            &["init", "hubs-sdk", "--id", id, "--organisation", name, "--start", start],
        );
        assert!(out.contains(&format!("{id}.toml")), "{out}");
    }
    // The template's id is not taken in the workspace: a copy under it is
    // refused only when it is (below, in its own test).
    s.ok(
        "kund-d",
        t,
        &[
            "init",
            "hubs-sdk",
            "--organisation",
            "Dalby kommun",
            "--start",
            "2027-W08",
        ],
    );
    s.ok(
        "kund-e",
        t,
        &[
            "init",
            "hubs-sdk",
            "--organisation",
            "Eksjö kommun",
            "--start",
            "2027-W20",
        ],
    );

    // Dalby (W08): the start-up in week 9, project start in week 10.
    s.ok(
        "kund-d",
        "2027-03-05T15:00:00Z",
        &["done", "hubs-sdk/infor-projektuppstart"],
    );
    s.ok("kund-d", "2027-03-12T15:00:00Z", &["done", "hubs-sdk/projektstart"]);
    // Sundsby (W10): start-up in week 11, project start in week 12, three
    // installation steps in week 14.
    s.ok(
        "itsl",
        "2027-03-19T15:00:00Z",
        &["done", "hubs-sundsby/infor-projektuppstart"],
    );
    s.ok("itsl", "2027-03-26T15:00:00Z", &["done", "hubs-sundsby/projektstart"]);
    for step in ["1", "2", "3"] {
        let address = format!("hubs-sundsby/installation-testmiljo/{step}");
        s.ok("itsl", "2027-04-09T15:00:00Z", &["done", &address]);
    }
    // Norrby (W12): start-up in week 13; renamed in week 14; two steps of
    // project start under its new id.
    s.ok(
        "itsl",
        "2027-03-31T15:00:00Z",
        &["done", "hubs-norrby/infor-projektuppstart"],
    );
    let renamed = s.ok("itsl", "2027-04-05T09:00:00Z", &["rename", "hubs-norrby", "norrby"]);
    assert!(renamed.contains("3 changes"), "{renamed}");
    for step in ["1", "2"] {
        s.ok(
            "itsl",
            "2027-04-07T15:00:00Z",
            &["done", &format!("norrby/projektstart/{step}")],
        );
    }
    // Västerby (W14): the start-up moved two weeks on, the rest along.
    let moved = s.ok(
        "itsl",
        "2027-04-06T09:00:00Z",
        &[
            "reschedule",
            "hubs-vasterby/infor-projektuppstart",
            "2027-W16..2027-W17",
            "--shift-following",
            "--note",
            "Avtalet signeras v. 15",
        ],
    );
    assert!(moved.contains("2027-W24..2027-W29 -> 2027-W26..2027-W31"), "{moved}");
    s
}

#[test]
fn five_customers_in_two_layouts_seen_together() {
    let s = five_customers();

    // The portfolio, by hand (today Friday 16 April, week 15; a plan is
    // yellow when a milestone is overdue, green when nothing is overdue,
    // at risk or 30 days late):
    // - Dalby (W08): infor W08-09 and projektstart W10 done (3 + 6 = 9
    //   steps); installation W10-11 ended Sunday 21 March: 26 days
    //   overdue; forbereda W12-13 (12 days) and sdk-qa W14 (5 days)
    //   overdue too; next: verifikation W15. Yellow.
    // - Eksjö (W20): nothing done, nothing due before the look-ahead ends
    //   (14 May); next: infor W20-21. Green.
    // - Norrby (W12): infor done (3) and 2 steps of projektstart (W14,
    //   ended 11 April: 5 days overdue): 5/48; next: installation W14-15.
    //   Yellow.
    // - Sundsby (W10): infor and projektstart done, 3 installation steps:
    //   12/48; installation W12-13 ended 4 April: 12 days overdue; next:
    //   forbereda W14-15. Yellow.
    // - Västerby (W14, moved two weeks): nothing done; infor now W16-17,
    //   14 days later than planned (under 30), not behind; next: infor
    //   W16-17. Green.
    let (json, _) = expect_code(&s.together(&["status", "--format", "json"]), 0);
    let json: Value = serde_json::from_str(&json).unwrap();
    let rows: Vec<Row> = json["portfolio"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["organisation"].as_str().unwrap().to_string(),
                r["roadmap"].as_str().unwrap().to_string(),
                r["light"].as_str().unwrap().to_string(),
                format!("{}/{}", r["steps_done"], r["steps"]),
                r["next"]["address"].as_str().unwrap_or_default().to_string(),
                r["oldest_overdue"]["address"].as_str().map(str::to_string),
                r["oldest_overdue"]["days_overdue"].as_i64(),
            )
        })
        .collect();
    let row = |o: &str, r: &str, l: &str, p: &str, n: &str, old: Option<&str>, d: Option<i64>| {
        (
            o.to_string(),
            r.to_string(),
            l.to_string(),
            p.to_string(),
            n.to_string(),
            old.map(str::to_string),
            d,
        )
    };
    assert_eq!(
        rows,
        vec![
            row(
                "Dalby kommun",
                "kund-d:hubs-sdk",
                "yellow",
                "9/48",
                "kund-d:hubs-sdk/verifikation-acceptanstest",
                Some("kund-d:hubs-sdk/installation-testmiljo"),
                Some(26)
            ),
            row(
                "Eksjö kommun",
                "kund-e:hubs-sdk",
                "green",
                "0/48",
                "kund-e:hubs-sdk/infor-projektuppstart",
                None,
                None
            ),
            row(
                "Norrby kommun",
                "norrby",
                "yellow",
                "5/48",
                "norrby/installation-testmiljo",
                Some("norrby/projektstart"),
                Some(5)
            ),
            row(
                "Sundsby kommun",
                "hubs-sundsby",
                "yellow",
                "12/48",
                "hubs-sundsby/forbereda-verksamhet",
                Some("hubs-sundsby/installation-testmiljo"),
                Some(12)
            ),
            row(
                "Västerby kommun",
                "hubs-vasterby",
                "green",
                "0/48",
                "hubs-vasterby/infor-projektuppstart",
                None,
                None
            ),
        ]
    );

    // On a terminal: one line per customer, in Swedish weeks, and the count.
    let (text, _) = expect_code(&s.together(&["--lang", "sv", "status"]), 0);
    assert!(text.starts_with("5 kunder: 0 röda, 3 gula, 2 gröna\n"), "{text}");
    let order: Vec<usize> = [
        "Dalby kommun",
        "Eksjö kommun",
        "Norrby kommun",
        "Sundsby kommun",
        "Västerby kommun",
    ]
    .iter()
    .map(|o| text.find(o).unwrap_or_else(|| panic!("{o} missing:\n{text}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(text.contains("(26 dagar)") && text.contains("(12 dagar)"), "{text}");

    // --organisation keeps one customer, any case; an unknown one is exit 2
    // with the names there are.
    let (one, _) = expect_code(&s.together(&["status", "--organisation", "norrby KOMMUN"]), 0);
    assert!(one.contains("(norrby)") && one.contains("5/48"), "{one}");
    assert!(!one.contains("Sundsby"), "{one}");
    let (_, err) = expect_code(&s.together(&["status", "--organisation", "Nordby"]), 2);
    assert!(err.contains("\"Norrby kommun\""), "{err}");

    // The report's headline counts customers by light and names whose the
    // oldest overdue milestone is; page one lists them.
    let (report, _) = expect_code(&s.together(&["--lang", "sv", "report"]), 0);
    let headline = report.lines().find(|l| l.starts_with("**Gul")).unwrap_or_default();
    assert!(
        headline.contains(
            "5 kunder: 0 röda, 3 gula, 2 gröna; 5 milstolpar försenade, den äldsta 26 dagar (Installation av SDK-system (testmiljö), Dalby kommun)"
        ),
        "{report}"
    );
    assert!(report.contains("## Kunder\n"), "{report}");
    assert!(
        report.contains("| **Västerby kommun** | 🟢 grön | 0/48 | Inför projektuppstart (v. 16–17) |  |"),
        "{report}"
    );

    // The CI gate over both layouts: five milestones overdue, by hand
    // (Dalby three, Norrby one, Sundsby one), grouped by organisation.
    let gate = s.together(&["overdue", "--fail-on-overdue", "--format", "json"]);
    let (json, _) = expect_code(&gate, 3);
    let json: Value = serde_json::from_str(&json).unwrap();
    let milestones: Vec<(&str, i64)> = json["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["step"].is_null())
        .map(|i| (i["address"].as_str().unwrap(), i["days_overdue"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        milestones,
        [
            ("kund-d:hubs-sdk/installation-testmiljo", 26),
            ("kund-d:hubs-sdk/forbereda-verksamhet", 12),
            ("kund-d:hubs-sdk/sdk-qa", 5),
            ("norrby/projektstart", 5),
            ("hubs-sundsby/installation-testmiljo", 12),
        ]
    );

    // A change through --workspace is refused: it belongs in one workspace.
    expect_code(&s.together(&["done", "norrby/projektstart"]), 2);

    // The rename kept Norrby's progress, and validate has nothing to say.
    let (valid, _) = expect_code(&s.run("itsl", "2027-04-16T12:00:00Z", &["validate"]), 0);
    assert!(!valid.contains("warning"), "{valid}");
    assert!(valid.contains("ok: norrby"), "{valid}");
    assert!(!s.path("itsl/.roadmap/roadmaps/hubs-norrby.toml").exists());

    // slips shows Västerby's moves, each with the one reason.
    let (slips, _) = expect_code(
        &s.run(
            "itsl",
            "2027-04-16T12:00:00Z",
            &["slips", "hubs-vasterby", "--format", "json"],
        ),
        0,
    );
    let slips: Value = serde_json::from_str(&slips).unwrap();
    let moved = slips.to_string();
    assert_eq!(moved.matches("Avtalet signeras v. 15").count(), 9, "{moved}");
}

#[test]
fn each_customers_events_say_whose_they_are() {
    if !readers(&[Reader::PythonPackage("icalendar")]) {
        return;
    }
    let s = five_customers();
    expect_code(&s.together(&["export", "--format", "ics", "-o", "alla.ics"]), 0);
    let calendar = python_reads("read_ics.py", &s.path("alla.ics"), &[]);
    let events = calendar["events"].as_array().unwrap();
    assert_eq!(events.len(), 45, "nine milestones for each of five customers");
    let installation: Vec<&str> = events
        .iter()
        .map(|e| e["summary"].as_str().unwrap())
        .filter(|s| s.ends_with("Installation av SDK-system (testmiljö)"))
        .collect();
    let mut expected = vec![
        "Dalby kommun: Installation av SDK-system (testmiljö)",
        "Eksjö kommun: Installation av SDK-system (testmiljö)",
        "Norrby kommun: Installation av SDK-system (testmiljö)",
        "Sundsby kommun: Installation av SDK-system (testmiljö)",
        "Västerby kommun: Installation av SDK-system (testmiljö)",
    ];
    let mut found = installation.clone();
    found.sort_unstable();
    expected.sort_unstable();
    assert_eq!(found, expected);
    let mut uids: Vec<&str> = events.iter().map(|e| e["uid"].as_str().unwrap()).collect();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), 45, "every event its own UID");
    // Västerby's installation moved two weeks with its start: W18-19 is
    // 3 to 16 May 2027 (DTEND the day after), a range of 14 days.
    let vasterby = events
        .iter()
        .find(|e| e["summary"] == "Västerby kommun: Installation av SDK-system (testmiljö)")
        .unwrap();
    assert_eq!(
        (vasterby["start"].as_str(), vasterby["end"].as_str()),
        (Some("2027-05-03"), Some("2027-05-17"))
    );
}

fn status_steps(dir: &Path, id: &str) -> String {
    let out = roadmap(
        dir,
        &dir.join("home"),
        &["--today", TODAY, "status", id, "--format", "json"],
    )
    .output()
    .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let summary = &json["roadmaps"][0]["summary"];
    format!("{}/{}", summary["steps_done"], summary["steps"])
}

#[test]
fn a_copy_renamed_by_hand_is_found_and_reattached_whole() {
    let s = Supplier::new();
    let t = "2027-03-01T08:00:00Z";
    s.ok("itsl", t, &["init", "hubs-sdk", "--start", "2027-W10"]);
    s.ok(
        "itsl",
        "2027-03-19T15:00:00Z",
        &["done", "hubs-sdk/infor-projektuppstart"],
    );
    s.ok("itsl", "2027-03-26T15:00:00Z", &["done", "hubs-sdk/projektstart/1"]);
    assert_eq!(status_steps(&s.path("itsl"), "hubs-sdk"), "4/48");
    // Renamed by hand, file and id, to make room for the next customer.
    let old = s.path("itsl/.roadmap/roadmaps/hubs-sdk.toml");
    let text = std::fs::read_to_string(&old)
        .unwrap()
        .replace("id = \"hubs-sdk\"", "id = \"hubs-sundsby\"");
    std::fs::write(s.path("itsl/.roadmap/roadmaps/hubs-sundsby.toml"), text).unwrap();
    std::fs::remove_file(&old).unwrap();
    assert_eq!(status_steps(&s.path("itsl"), "hubs-sundsby"), "0/48");
    // validate says where the progress went, once, with the one command.
    let (out, _) = expect_code(&s.run("itsl", "2027-04-01T08:00:00Z", &["validate"]), 0);
    assert!(out.contains("roadmap reattach hubs-sdk hubs-sundsby"), "{out}");
    assert_eq!(out.matches("roadmap reattach").count(), 1, "{out}");
    let (out, _) = expect_code(
        &s.run(
            "itsl",
            "2027-04-01T08:00:00Z",
            &["reattach", "hubs-sdk", "hubs-sundsby"],
        ),
        0,
    );
    assert!(out.contains("4 changes"), "{out}");
    assert_eq!(status_steps(&s.path("itsl"), "hubs-sundsby"), "4/48");
    let (out, _) = expect_code(&s.run("itsl", "2027-04-01T08:00:00Z", &["validate"]), 0);
    assert!(!out.contains("warning"), "{out}");

    // The next customer under the template's id starts from nothing, and a
    // second copy under a taken id is refused with the flag to use.
    s.ok(
        "itsl",
        "2027-04-02T08:00:00Z",
        &["init", "hubs-sdk", "--start", "2027-W16"],
    );
    assert_eq!(status_steps(&s.path("itsl"), "hubs-sdk"), "0/48");
    assert_eq!(status_steps(&s.path("itsl"), "hubs-sundsby"), "4/48");
    let (_, err) = expect_code(&s.run("itsl", "2027-04-02T08:00:00Z", &["init", "hubs-sdk"]), 1);
    assert!(err.contains("--id"), "{err}");
}

#[test]
fn a_rename_merged_through_git_carries_a_teammates_earlier_ticks() {
    use crate::support::{git, git_ok};
    let s = Supplier::new();
    let origin = s.path("itsl");
    git_ok(&origin, &["init", "-q", "-b", "main"]);
    git_ok(&origin, &["config", "user.name", "Anna"]);
    git_ok(&origin, &["config", "user.email", "anna@example.org"]);
    s.ok(
        "itsl",
        "2027-03-01T08:00:00Z",
        &["init", "hubs-sdk", "--id", "hubs-x", "--start", "2027-W10"],
    );
    git_ok(&origin, &["add", "-A"]);
    git_ok(&origin, &["commit", "-qm", "plan"]);
    let clone = s.path("clone");
    let out = git(&s.root, &["clone", "-q", "itsl", "clone"]);
    assert!(out.status.success());
    git_ok(&clone, &["config", "user.name", "Björn"]);
    git_ok(&clone, &["config", "user.email", "bjorn@example.org"]);
    // Björn ticks the start-up on his clone on Monday; Anna renames on Tuesday.
    s.ok(
        "clone",
        "2027-03-15T10:00:00Z",
        &["done", "hubs-x/infor-projektuppstart"],
    );
    git_ok(&clone, &["commit", "-qam", "ticks"]);
    s.ok("itsl", "2027-03-16T10:00:00Z", &["rename", "hubs-x", "hubs-sundsby"]);
    git_ok(&origin, &["add", "-A"]);
    git_ok(&origin, &["commit", "-qm", "rename"]);
    git_ok(&origin, &["pull", "-q", "--no-rebase", "--no-edit", "../clone", "main"]);
    assert_eq!(status_steps(&origin, "hubs-sundsby"), "3/48");
    let (out, _) = expect_code(&s.run("itsl", "2027-03-17T08:00:00Z", &["validate"]), 0);
    assert!(!out.contains("warning"), "{out}");
}

/// Money spent and risks added before a rename are the renamed plan's: they
/// were recorded under the old id and must follow it, as ticks do.
#[test]
fn a_renamed_plan_keeps_its_spending_forecast_and_risks() {
    let s = Supplier::new();
    s.ok(
        "itsl",
        "2027-03-01T08:00:00Z",
        &["init", "hubs-sdk", "--id", "hubs-x", "--start", "2027-W10"],
    );
    s.ok("itsl", "2027-03-02T08:00:00Z", &["cost", "hubs-x", "--spent", "400"]);
    s.ok(
        "itsl",
        "2027-03-03T08:00:00Z",
        &["cost", "hubs-x", "--forecast", "1 250"],
    );
    s.ok(
        "itsl",
        "2027-03-04T08:00:00Z",
        &[
            "risk",
            "add",
            "hubs-x",
            "Testmiljön blir sen",
            "--likelihood",
            "3",
            "--impact",
            "4",
            "--owner",
            "ITSL",
            "--action",
            "Beställ i tid",
        ],
    );
    s.ok("itsl", "2027-03-05T08:00:00Z", &["rename", "hubs-x", "hubs-sundsby"]);
    // 400 spent, 1 250 forecast on the 3rd, one risk of severity 3 × 4 = 12.
    let cost: Value = serde_json::from_str(&s.ok(
        "itsl",
        "2027-03-06T08:00:00Z",
        &["--today", "2027-03-06", "cost", "hubs-sundsby", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(
        (&cost["spent_tkr"], &cost["forecast_tkr"], &cost["forecast_on"]),
        (&Value::from(400.0), &Value::from(1250.0), &Value::from("2027-03-03")),
        "{cost}"
    );
    // The report as JSON on `day`, read at 09:00 that day.
    let report_on = |day: &str| -> Value {
        let now = format!("{day}T09:00:00Z");
        serde_json::from_str(&s.ok("itsl", &now, &["--today", day, "report", "--format", "json"])).unwrap()
    };
    let report = report_on("2027-03-06");
    let risks = report["risks"].as_array().unwrap();
    assert_eq!(risks.len(), 1, "{report}");
    assert_eq!(
        (&risks[0]["roadmap"], &risks[0]["severity"]),
        (&Value::from("hubs-sundsby"), &Value::from(12)),
        "{report}"
    );
    // A change to the risk after the rename is made under the new id and counts.
    let id = risks[0]["id"].as_str().unwrap().to_string();
    s.ok(
        "itsl",
        "2027-03-07T08:00:00Z",
        &["risk", "close", &id, "--note", "Miljön levererad"],
    );
    let report = report_on("2027-03-07");
    let closed = report["risks_closed"].as_array().unwrap();
    assert!(report["risks"].as_array().unwrap().is_empty(), "{report}");
    assert_eq!(
        (closed.len(), &closed[0]["id"], &closed[0]["roadmap"]),
        (1, &Value::from(id), &Value::from("hubs-sundsby")),
        "{report}"
    );
}

/// The due date of `milestone` in `id` as `status` has it, as written.
fn due_of(dir: &Path, id: &str, milestone: &str) -> String {
    let out = roadmap(
        dir,
        &dir.join("home"),
        &["--today", TODAY, "status", id, "--format", "json"],
    )
    .output()
    .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    json["roadmaps"][0]["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == milestone)
        .map(|m| m["due"]["label"].as_str().unwrap_or_default().to_string())
        .unwrap_or_default()
}

#[test]
fn a_milestone_whose_id_changed_is_reattached_with_what_was_recorded_on_it() {
    let s = Supplier::new();
    let t = "2027-03-01T08:00:00Z";
    s.ok(
        "itsl",
        t,
        &["init", "hubs-sdk", "--id", "hubs-x", "--start", "2027-W10"],
    );
    s.ok(
        "itsl",
        "2027-03-19T15:00:00Z",
        &["done", "hubs-x/infor-projektuppstart"],
    );
    s.ok(
        "itsl",
        "2027-03-19T16:00:00Z",
        &["reschedule", "hubs-x/projektstart", "2027-W13"],
    );
    assert_eq!(due_of(&s.path("itsl"), "hubs-x", "projektstart"), "2027-W13");
    let file = s.path("itsl/.roadmap/roadmaps/hubs-x.toml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("id = \"projektstart\"", "id = \"start\"");
    std::fs::write(&file, text).unwrap();
    // Its move is lost with the old id (steps with ids follow by their own),
    // and validate says so, with the command that brings it back.
    assert_eq!(due_of(&s.path("itsl"), "hubs-x", "start"), "2027-W12");
    let (valid, _) = expect_code(&s.run("itsl", "2027-03-20T08:00:00Z", &["validate"]), 0);
    assert!(
        valid.contains("1 change to `hubs-x/projektstart` matches no milestone of `hubs-x`")
            && valid.contains("roadmap reattach hubs-x/projektstart hubs-x/MILESTONE"),
        "{valid}"
    );
    let (out, _) = expect_code(
        &s.run(
            "itsl",
            "2027-03-20T08:00:00Z",
            &["reattach", "hubs-x/projektstart", "hubs-x/start"],
        ),
        0,
    );
    assert!(out.contains("1 change"), "{out}");
    assert_eq!(due_of(&s.path("itsl"), "hubs-x", "start"), "2027-W13");
    assert_eq!(status_steps(&s.path("itsl"), "hubs-x"), "3/48");
    // A milestone goes to a milestone, not to a step.
    let (_, err) = expect_code(
        &s.run(
            "itsl",
            "2027-03-20T08:00:00Z",
            &["reattach", "hubs-x/projektstart", "hubs-x/start/1"],
        ),
        2,
    );
    assert!(err.contains("is a milestone and") && err.contains("a step"), "{err}");
}

#[test]
fn a_workspace_flag_at_a_folder_without_one_is_a_wrong_command_line() {
    let s = Supplier::new();
    s.ok("itsl", "2027-03-01T08:00:00Z", &["init"]);
    // kund-d has no workspace yet; itsl's has no roadmaps of its own: both said plainly.
    let (_, err) = expect_code(
        &s.run(".", "2027-03-01T08:00:00Z", &["--workspace", "kund-d", "status"]),
        2,
    );
    assert!(err.contains("kund-d has no .roadmap/ workspace"), "{err}");
    std::fs::remove_dir(s.path("itsl/.roadmap/roadmaps")).unwrap();
    expect_code(
        &s.run(".", "2027-03-01T08:00:00Z", &["--workspace", "itsl", "status"]),
        0,
    );
}

#[test]
fn overdue_groups_customers_whatever_the_case_of_their_names() {
    // One plan, "Införande", for Bjuv and, written two ways, Ärlinge.
    // Today 1 February 2025; worked out by hand: a1 ended 10 January (22
    // days overdue), b1 5 January (27), c1 20 January (12). Groups in the
    // order of their lowercase names ("bjuv kommun" before "ärlinge
    // kommun"), the oldest first in each; a group is named on its first row
    // as that row's plan writes it.
    let sandbox = Sandbox::new();
    for (id, organisation, title, due) in [
        ("a", "Ärlinge kommun", "Alfa ett", "2025-01-10"),
        ("b", "ärlinge KOMMUN", "Beta ett", "2025-01-05"),
        ("c", "Bjuv kommun", "Cesar ett", "2025-01-20"),
    ] {
        sandbox.write(
            &format!("plans/{id}.toml"),
            format!(
                "[roadmap]\nid = \"{id}\"\ntitle = \"Införande\"\norganisation = \"{organisation}\"\nlanguage = \"sv\"\n\n[[milestone]]\nid = \"{id}1\"\ntitle = \"{title}\"\ndue = \"{due}\"\n"
            ),
        );
    }
    let run = |format: &str| {
        let output = sandbox.run(&[
            "--roadmaps",
            "plans",
            "--today",
            "2025-02-01",
            "overdue",
            "--format",
            format,
        ]);
        expect_code(&output, 0).0
    };
    let json: Value = serde_json::from_str(&run("json")).unwrap();
    let order: Vec<(&str, i64)> = json["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["address"].as_str().unwrap(), i["days_overdue"].as_i64().unwrap()))
        .collect();
    assert_eq!(order, [("c/c1", 12), ("b/b1", 27), ("a/a1", 22)]);
    let table = run("markdown");
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.split('|').map(str::trim).collect())
        .collect();
    let first_cells: Vec<&str> = rows.iter().map(|r| r[1]).collect();
    assert_eq!(first_cells, ["Bjuv kommun", "ärlinge KOMMUN", ""], "{table}");
}
