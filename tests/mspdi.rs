//! `export --format mspdi`: MS Project's XML, read back by MPXJ (the library
//! `ProjectLibre` and `GanttProject` use), against what was worked out by hand
//! from the roadmap files.

use serde_json::Value;

use crate::support::{Reader, Sandbox, expect_code, python_reads, readers};

fn exported(sandbox: &Sandbox, args: &[&str]) -> Value {
    let mut all = vec!["--today", "2027-04-16", "export", "--format", "mspdi", "-o", "plan.xml"];
    all.extend_from_slice(args);
    expect_code(&sandbox.run(&all), 0);
    python_reads("read_mspdi.py", &sandbox.path().join("plan.xml"), &[])
}

fn tasks(read: &Value) -> &Vec<Value> {
    read["tasks"].as_array().unwrap()
}

#[test]
fn mpxj_reads_each_shipped_plan_with_its_phases_gates_and_dependencies() {
    if !readers(&[Reader::PythonPackage("mpxj"), Reader::PythonPackage("jpype")]) {
        return;
    }
    let sandbox = Sandbox::new();
    // Milestones and phases (a summary task each) in the files: Min Profil
    // 26 and 4, Difi 14 and 2, Genomförandefasen 10 and 2, Hubs 9, Intygshantering 9.
    for (id, count) in [
        ("min-profil", 30),
        ("difi-postkasse", 16),
        ("genomforande", 12),
        ("hubs-sdk", 9),
        ("intygshantering", 9),
    ] {
        let read = exported(&sandbox, &[id, "--force"]);
        assert_eq!(tasks(&read).len(), count, "{id}: {read}");
    }
    // Genomförandefasen, in file order: phase "genomforande" (uid 1), G3
    // (2, a gate), utveckla 3, förändra 4, avveckla 5, testa 6 (after 3),
    // releasa 7 (after 6), informera 8 (after 7), utbilda 9; phase
    // "anvandning" (10), G4 (11, a gate), användning 12 (after 11). No dates.
    let read = exported(&sandbox, &["genomforande", "--force"]);
    let shape: Vec<(i64, bool, bool, Vec<i64>)> = tasks(&read)
        .iter()
        .map(|t| {
            (
                t["uid"].as_i64().unwrap(),
                t["summary"].as_bool().unwrap(),
                t["milestone"].as_bool().unwrap(),
                t["predecessors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_i64().unwrap())
                    .collect(),
            )
        })
        .collect();
    let expected: Vec<(i64, bool, bool, Vec<i64>)> = vec![
        (1, true, false, vec![]),
        (2, false, true, vec![]),
        (3, false, false, vec![]),
        (4, false, false, vec![]),
        (5, false, false, vec![]),
        (6, false, false, vec![3]),
        (7, false, false, vec![6]),
        (8, false, false, vec![7]),
        (9, false, false, vec![]),
        (10, true, false, vec![]),
        (11, false, true, vec![]),
        (12, false, false, vec![11]),
    ];
    assert_eq!(shape, expected);
    assert!(
        tasks(&read)[2]["notes"]
            .as_str()
            .unwrap()
            .contains("No due date in the plan"),
        "an undated milestone says so: {read}"
    );
}

#[test]
fn mpxj_reads_a_placed_hubs_plan_with_its_dates_and_progress() {
    if !readers(&[Reader::PythonPackage("mpxj"), Reader::PythonPackage("jpype")]) {
        return;
    }
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--start", "2027-W10"]), 0);
    expect_code(&sandbox.run(&["done", "hubs-sdk/infor-projektuppstart"]), 0);
    expect_code(&sandbox.run(&["done", "hubs-sdk/projektstart/1"]), 0);
    let read = exported(&sandbox, &["hubs-sdk"]);
    // By hand, from the template's weeks placed at week 10 of 2027 (a week
    // Monday to Sunday): V13-14 is 8 to 21 March, V15 22 to 28 March, ...,
    // V23-28 17 May to 27 June, 42 days: longer than four weeks, so a task on
    // its last day with a deadline, as the calendar export shows it.
    // Progress: the start-up done (100), project start 1 of 6 steps (16).
    let rows: Vec<(String, String, String, Option<String>, f64)> = tasks(&read)
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_string(),
                t["start"].as_str().unwrap().to_string(),
                t["finish"].as_str().unwrap().to_string(),
                t["deadline"].as_str().map(str::to_string),
                t["percent_complete"].as_f64().unwrap(),
            )
        })
        .collect();
    let row = |n: &str, s: &str, f: &str, d: Option<&str>, p: f64| {
        (n.to_string(), s.to_string(), f.to_string(), d.map(str::to_string), p)
    };
    assert_eq!(
        rows,
        vec![
            row("Inför projektuppstart", "2027-03-08", "2027-03-21", None, 100.0),
            row("Projektstart och planering", "2027-03-22", "2027-03-28", None, 16.0),
            row(
                "Installation av SDK-system (testmiljö)",
                "2027-03-22",
                "2027-04-04",
                None,
                0.0
            ),
            row(
                "Förbereda för användning i verksamheten.",
                "2027-04-05",
                "2027-04-18",
                None,
                0.0
            ),
            row(
                "Anslutning till SDK QA och adressboksconfiguration",
                "2027-04-19",
                "2027-04-25",
                None,
                0.0
            ),
            row(
                "Verifikations- och acceptanstester",
                "2027-04-26",
                "2027-05-02",
                None,
                0.0
            ),
            row(
                "Federationsgodkännande & produktionsförberedelser",
                "2027-05-03",
                "2027-05-09",
                None,
                0.0
            ),
            row(
                "Produktionssättning och överlämning",
                "2027-05-10",
                "2027-05-16",
                None,
                0.0
            ),
            row(
                "Efter driftsättning till Projektavslut",
                "2027-06-27",
                "2027-06-27",
                Some("2027-06-27"),
                0.0
            ),
        ]
    );
}

/// (id, title, phase, `depends_on`) of each milestone of `id`, as `show` has them.
fn milestones(sandbox: &Sandbox, id: &str) -> Vec<(String, String, String, Vec<String>)> {
    let (json, _) = expect_code(&sandbox.run(&["--roadmaps", "back", "show", id, "--format", "json"]), 0);
    let json: Value = serde_json::from_str(&json).unwrap();
    json["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["id"].as_str().unwrap().to_string(),
                m["title"].as_str().unwrap().to_string(),
                m["phase"].as_str().unwrap_or_default().to_string(),
                m["depends_on"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn exported_then_imported_and_through_mpxjs_writer_the_plan_comes_back() {
    if !readers(&[Reader::PythonPackage("mpxj"), Reader::PythonPackage("jpype")]) {
        return;
    }
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.path().join("back")).unwrap();
    for id in ["genomforande", "min-profil", "difi-postkasse"] {
        let original = milestones(&sandbox, id);
        expect_code(
            &sandbox.run(&["export", id, "--format", "mspdi", "-o", &format!("{id}.xml")]),
            0,
        );
        // What MPXJ writes from it, as from ProjectLibre or GanttProject.
        let rewritten = python_reads(
            "rewrite_mspdi.py",
            &sandbox.path().join(format!("{id}.xml")),
            &[sandbox.path().join(format!("{id}-mpxj.xml")).to_str().unwrap()],
        );
        assert!(rewritten["tasks"].as_u64().unwrap() > 0);
        for (file, copy) in [
            (format!("{id}.xml"), format!("{id}-copy")),
            (format!("{id}-mpxj.xml"), format!("{id}-mpxj")),
        ] {
            let out = format!("back/{copy}.toml");
            expect_code(&sandbox.run(&["import", &file, "--id", &copy, "-o", &out]), 0);
            assert_eq!(milestones(&sandbox, &copy), original, "{file}");
        }
    }
}
