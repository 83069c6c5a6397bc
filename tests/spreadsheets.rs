//! What goes back out to Excel: the workbook read back by openpyxl, and the
//! `--excel` CSV read by Python's csv module as Swedish Excel reads it.

use serde_json::{Value, json};

use crate::support::{Reader, Sandbox, expect_code, python_reads, readers};

/// hubs-sdk placed from 2027-W13, a step done on a given day with a note, one skipped.
fn ticked() -> Sandbox {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--start", "2027-W13"]), 0);
    let at = |args: &[&str]| {
        let out = sandbox
            .cmd(&[&["--today", "2027-04-02"], args].concat())
            .env("ROADMAP_NOW", "2027-04-02T10:00:00Z")
            .output()
            .unwrap();
        expect_code(&out, 0);
    };
    at(&[
        "done",
        "hubs-sdk/projektstart/1",
        "--at",
        "2027-03-31",
        "--note",
        "Kickoff hölls",
        "--by",
        "anna",
    ]);
    at(&[
        "skip",
        "hubs-sdk/projektstart/5",
        "--note",
        "Har redan QA",
        "--by",
        "björn",
    ]);
    sandbox
}

fn row<'a>(sheet: &'a Value, milestone: &str, step: Option<u64>) -> &'a Vec<Value> {
    sheet["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_array().unwrap())
        .find(|r| r[1] == milestone && (step.is_none() || r[2] == json!({ "number": step.unwrap() })))
        .unwrap_or_else(|| panic!("no row for {milestone} {step:?}"))
}

#[test]
fn the_workbook_read_back_by_openpyxl_has_dates_numbers_and_a_frozen_filtered_header() {
    if !readers(&[Reader::PythonPackage("openpyxl")]) {
        return;
    }
    let sandbox = ticked();
    let out = sandbox
        .cmd(&[
            "--lang",
            "sv",
            "export",
            "hubs-sdk",
            "intygshantering",
            "--format",
            "xlsx",
            "-o",
            "plan.xlsx",
        ])
        .env("ROADMAP_NOW", "2027-04-05T10:00:00Z")
        .output()
        .unwrap();
    expect_code(&out, 0);
    let book = python_reads("read_xlsx.py", &sandbox.path().join("plan.xlsx"), &[]);
    let milestones = &book["Milstolpar"];
    let steps = &book["Steg"];
    // 9 + 9 milestones, 48 steps, each under its header.
    assert_eq!(milestones["rows"].as_array().unwrap().len(), 1 + 18);
    assert_eq!(steps["rows"].as_array().unwrap().len(), 1 + 48);
    for sheet in [milestones, steps] {
        assert_eq!(sheet["frozen"], "A2", "the header row stays in view");
        let rows = sheet["rows"].as_array().unwrap().len();
        assert_eq!(sheet["filter"], format!("A1:L{rows}"), "the header filters every row");
    }
    assert_eq!(
        milestones["rows"][0],
        json!([
            "Färdplan",
            "Milstolpe",
            "Titel",
            "Ansvarig",
            "Klart senast",
            "Start",
            "Slut",
            "Status",
            "Kostnad (tkr)",
            "Klarmarkerad av",
            "Klar den",
            "Anteckning"
        ])
    );
    // Intygshantering's first milestone: tertial 1 of 2023 is 1 January to 30 April; 1100 tkr.
    let ramverk = row(milestones, "ramverk-infors", None);
    assert_eq!(ramverk[5], json!({ "date": "2023-01-01" }));
    assert_eq!(ramverk[6], json!({ "date": "2023-04-30" }));
    assert_eq!(ramverk[8], json!({ "number": 1100 }));
    // The step done on Wednesday of week 13, recorded on the Friday, by anna.
    let done = row(steps, "projektstart", Some(1));
    assert_eq!(done[8], "klar");
    assert_eq!(done[9], "anna");
    assert_eq!(done[10], json!({ "date": "2027-03-31" }));
    assert_eq!(done[11], "Kickoff hölls");
    // A step carries its milestone's days: week 15 of 2027 is 12 to 18 April.
    assert_eq!(done[6], json!({ "date": "2027-04-12" }));
    assert_eq!(done[7], json!({ "date": "2027-04-18" }));
    let skipped = row(steps, "projektstart", Some(5));
    assert_eq!(skipped[8], "ej aktuell");
    assert_eq!(skipped[9], "björn");
    assert_eq!(skipped[11], "Har redan QA");
    let open = row(steps, "projektstart", Some(2));
    assert_eq!(
        (&open[8], &open[9], &open[10]),
        (&json!("öppen"), &Value::Null, &Value::Null)
    );
}

#[test]
fn a_workbook_needs_a_file_to_go_to() {
    let sandbox = Sandbox::new();
    let (_, err) = expect_code(&sandbox.run(&["export", "--format", "xlsx"]), 2);
    assert!(err.contains("-o roadmap.xlsx"), "{err}");
}

#[test]
fn the_excel_csv_read_with_semicolons_and_the_byte_order_mark_has_the_swedish_letters() {
    if !readers(&[Reader::Python]) {
        return;
    }
    let sandbox = ticked();
    let out = sandbox
        .cmd(&[
            "--lang", "sv", "export", "hubs-sdk", "--format", "csv", "--excel", "-o", "plan.csv",
        ])
        .env("ROADMAP_NOW", "2027-04-05T10:00:00Z")
        .output()
        .unwrap();
    expect_code(&out, 0);
    let path = sandbox.path().join("plan.csv");
    assert!(
        std::fs::read(&path).unwrap().starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark"
    );
    let rows = python_reads("read_csv.py", &path, &["--excel"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows[0][0], "Färdplan");
    assert_eq!(rows[0][12], "Anteckning");
    let titles: Vec<&str> = rows.iter().filter_map(|r| r[3].as_str()).collect();
    assert!(
        titles.contains(&"Förbereda för användning i verksamheten."),
        "{titles:?}"
    );
    let done = rows.iter().find(|r| r[1] == "projektstart" && r[2] == "1").unwrap();
    assert_eq!(
        (done[10].as_str(), done[11].as_str()),
        (Some("anna"), Some("2027-03-31"))
    );
    assert_eq!(done[6], "2027-04-12", "the step carries its milestone's start");
}
