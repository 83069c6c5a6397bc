//! Fitting the user's world: adopting a roadmap into a workspace and placing
//! it in time, rescheduling with slip history, calendar and spreadsheet
//! export read back by independent parsers, shell completion, the man page.

use std::path::Path;
use std::process::Command;

use crate::support::{Reader, Sandbox, expect_code, readers};

#[test]
fn init_places_the_hubs_week_plan_and_keeps_its_comments() {
    let sandbox = Sandbox::new();
    let (out, _) = expect_code(&sandbox.run(&["init", "hubs-sdk", "--start", "2027-W20"]), 0);
    assert!(out.contains("created  .roadmap/roadmaps/hubs-sdk.toml"), "{out}");
    let (json, _) = expect_code(&sandbox.run(&["show", "hubs-sdk", "--format", "json"]), 0);
    let roadmap: serde_json::Value = serde_json::from_str(&json).unwrap();
    let dues: Vec<(String, String, String)> = roadmap["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let due = &m["due"];
            (
                due["label"].as_str().unwrap().into(),
                due["start"].as_str().unwrap().into(),
                due["end"].as_str().unwrap().into(),
            )
        })
        .collect();
    // V13 becomes 2027-W20 (Monday 17 May 2027) and every week keeps its distance.
    let expected = [
        ("2027-W20..2027-W21", "2027-05-17", "2027-05-30"),
        ("2027-W22", "2027-05-31", "2027-06-06"),
        ("2027-W22..2027-W23", "2027-05-31", "2027-06-13"),
        ("2027-W24..2027-W25", "2027-06-14", "2027-06-27"),
        ("2027-W26", "2027-06-28", "2027-07-04"),
        ("2027-W27", "2027-07-05", "2027-07-11"),
        ("2027-W28", "2027-07-12", "2027-07-18"),
        ("2027-W29", "2027-07-19", "2027-07-25"),
        ("2027-W30..2027-W35", "2027-07-26", "2027-09-05"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| ((*a).into(), (*b).into(), (*c).into()))
        .collect();
    assert_eq!(dues, expected);
    // Every comment of the shipped file is still in the copy.
    let copy = std::fs::read_to_string(sandbox.path().join(".roadmap/roadmaps/hubs-sdk.toml")).unwrap();
    let shipped = crate::list_show::shipped_text("hubs-sdk");
    let comments: Vec<&str> = shipped.lines().filter(|l| l.trim_start().starts_with('#')).collect();
    assert!(!comments.is_empty());
    for comment in comments {
        assert!(copy.contains(comment), "lost comment: {comment}");
    }
    // The list says the copy replaces the shipped roadmap.
    let (list, _) = expect_code(&sandbox.cmd(&["list"]).env("COLUMNS", "200").output().unwrap(), 0);
    assert!(
        list.contains(".roadmap/roadmaps/hubs-sdk.toml (replaces shipped)"),
        "{list}"
    );
    // Adopting twice under one id is refused, pointing to --id (a copy per
    // customer), and nothing is overwritten.
    let (_, err) = expect_code(&sandbox.run(&["init", "hubs-sdk", "--year", "2028"]), 1);
    assert!(err.contains("is taken by") && err.contains("--id"), "{err}");
    assert_eq!(
        std::fs::read_to_string(sandbox.path().join(".roadmap/roadmaps/hubs-sdk.toml")).unwrap(),
        copy
    );
}

#[test]
fn init_with_a_year_places_weeks_as_written_and_start_needs_a_week_plan() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--year", "2027"]), 0);
    let (json, _) = expect_code(&sandbox.run(&["show", "hubs-sdk/projektstart", "--format", "json"]), 0);
    let m: serde_json::Value = serde_json::from_str(&json).unwrap();
    // V15 of 2027: 12 to 18 April.
    assert_eq!(
        m["due"],
        serde_json::json!({"label": "V15", "start": "2027-04-12", "end": "2027-04-18"})
    );
    let (_, err) = expect_code(&Sandbox::new().run(&["init", "min-profil", "--start", "2027-W20"]), 1);
    assert!(err.contains("there are no bare week numbers"), "{err}");
}

#[test]
fn reschedule_twice_then_slips_and_report_show_both_moves_and_the_baseline() {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--start", "2027-W20"]), 0);
    let moves = [
        ("2027-W24", "Avtalet signerades sent", "2027-05-24T08:00:00Z"),
        ("2027-W26", "Semester", "2027-06-07T08:00:00Z"),
    ];
    for (due, why, now) in moves {
        let output = sandbox
            .cmd(&[
                "reschedule",
                "hubs-sdk/projektstart",
                due,
                "--note",
                why,
                "--by",
                "anna",
            ])
            .env("ROADMAP_NOW", now)
            .output()
            .unwrap();
        expect_code(&output, 0);
    }
    let (out, _) = expect_code(&sandbox.run(&["slips", "--format", "json"]), 0);
    let slips: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(slips.as_array().unwrap().len(), 1);
    let slip = &slips[0];
    assert_eq!(
        (slip["baseline"].as_str(), slip["current"].as_str()),
        (Some("2027-W22"), Some("2027-W26"))
    );
    // Week 22 ends 6 June, week 26 ends 4 July: four weeks later.
    assert_eq!(slip["days_moved"], 28);
    let moves: Vec<(&str, &str, &str)> = slip["moves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["from"].as_str().unwrap(),
                m["to"].as_str().unwrap(),
                m["note"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        moves,
        [
            ("2027-W22", "2027-W24", "Avtalet signerades sent"),
            ("2027-W24", "2027-W26", "Semester")
        ]
    );
    let (table, _) = expect_code(&sandbox.cmd(&["slips"]).env("COLUMNS", "200").output().unwrap(), 0);
    assert!(
        table.contains("+28 days") && table.contains("Avtalet signerades sent; Semester"),
        "{table}"
    );
    // The report's coming-due list shows the current date with the plan's baseline.
    let (report, _) = expect_code(&sandbox.run(&["--today", "2027-06-10", "report"]), 0);
    assert!(
        report.contains("- **Projektstart och planering** — week 26 (was week 22)"),
        "{report}"
    );
    let (show, _) = expect_code(&sandbox.run(&["show", "hubs-sdk/projektstart"]), 0);
    assert!(show.contains("week 22, 2027") && show.contains("baseline"), "{show}");
    let (status, _) = expect_code(
        &sandbox.run(&["--today", "2027-06-10", "status", "hubs-sdk", "--format", "json"]),
        0,
    );
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["roadmaps"][0]["milestones"][1]["baseline"], "2027-W22");
    // The roadmap file itself now says W26, its comments intact.
    let copy = std::fs::read_to_string(sandbox.path().join(".roadmap/roadmaps/hubs-sdk.toml")).unwrap();
    assert!(copy.contains("due = \"2027-W26\""), "{copy}");
    // Filling in a blank "??.??.????" date of the Difi plan is the same command; the
    // blank, as the plan writes it, is the baseline.
    expect_code(&sandbox.run(&["init", "difi-postkasse"]), 0);
    expect_code(
        &sandbox.run(&["reschedule", "difi-postkasse/informasjon", "15.09.2015"]),
        0,
    );
    let (out, _) = expect_code(&sandbox.run(&["slips", "difi-postkasse", "--format", "json"]), 0);
    let slips: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (slips[0]["baseline"].as_str(), slips[0]["current"].as_str()),
        (Some("??.??.????"), Some("15.09.2015"))
    );
}

#[test]
fn ics_export_is_read_back_by_an_independent_parser() {
    if !readers(&[Reader::PythonPackage("icalendar")]) {
        return;
    }
    let sandbox = Sandbox::new();
    let first = sandbox.write(
        "a.ics",
        expect_code(
            &sandbox.run(&[
                "--today",
                "2026-11-22",
                "export",
                "min-profil",
                "intygshantering",
                "--format",
                "ics",
                "--events",
                "range",
            ]),
            0,
        )
        .0,
    );
    let second = sandbox.write(
        "b.ics",
        expect_code(
            &sandbox.run(&[
                "--today",
                "2026-11-22",
                "export",
                "min-profil",
                "intygshantering",
                "--format",
                "ics",
                "--events",
                "range",
            ]),
            0,
        )
        .0,
    );
    let read = |path: &Path| crate::support::python_reads("read_ics.py", path, &[]);
    let (a, b) = (read(&first), read(&second));
    let uids = |v: &serde_json::Value| -> Vec<String> {
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["uid"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(uids(&a), uids(&b), "UIDs are stable across runs");
    // 25 dated Min Profil milestones (22 has no date) and 9 of Intygshantering.
    assert_eq!(uids(&a).len(), 34);
    let event = |uid: &str| {
        a["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["uid"] == uid)
            .unwrap_or_else(|| panic!("no {uid}"))
            .clone()
    };
    // HT2021: 1 July to 31 December 2021; DTEND of an all-day event is the day after.
    // Two plans in one calendar: each event says whose it is (min-profil's
    // `organisation`).
    let m1 = event("min-profil/1@roadmap");
    assert_eq!(
        (m1["start"].as_str(), m1["end"].as_str(), m1["summary"].as_str()),
        (
            Some("2021-07-01"),
            Some("2022-01-01"),
            Some("Arbetsförmedlingen: Produktupptäckt")
        )
    );
    // "Från VT2023 Framåt": an open-ended range is one event on its first day.
    let m23 = event("min-profil/23@roadmap");
    assert_eq!(
        (m23["start"].as_str(), m23["end"].as_str()),
        (Some("2023-01-01"), Some("2023-01-02"))
    );
    // 2023 T2: May to August.
    let krav = event("intygshantering/behovs-och-kravfangst-klar@roadmap");
    assert_eq!(
        (krav["start"].as_str(), krav["end"].as_str()),
        (Some("2023-05-01"), Some("2023-09-01"))
    );
    // Text with commas, semicolons and line breaks survives escaping and folding.
    let m2 = event("min-profil/2@roadmap");
    let description = m2["description"].as_str().unwrap();
    assert!(description.contains("Owner: AF\nStatus: overdue\nCriteria: - Definiera önskade data och användarflöden\n- Uppdelad i milstolpar och uppgifter"), "{description}");
    for line in std::fs::read_to_string(&first).unwrap().split("\r\n") {
        assert!(line.len() <= 75, "unfolded line: {line}");
    }
}

#[test]
fn csv_export_is_read_back_by_pythons_csv_module() {
    if !readers(&[Reader::Python]) {
        return;
    }
    let sandbox = Sandbox::new();
    let path = sandbox.write(
        "hubs.csv",
        expect_code(&sandbox.run(&["export", "hubs-sdk", "--format", "csv"]), 0).0,
    );
    let rows: Vec<Vec<String>> =
        serde_json::from_value(crate::support::python_reads("read_csv.py", &path, &[])).unwrap();
    assert_eq!(
        rows[0],
        [
            "roadmap",
            "milestone",
            "step",
            "title",
            "owner",
            "due",
            "start",
            "end",
            "status",
            "cost_tkr",
            "done_by",
            "done_on",
            "note"
        ]
    );
    // A header, 9 milestones and 48 steps.
    assert_eq!(rows.len(), 1 + 9 + 48);
    assert!(rows.iter().all(|r| r.len() == 13));
    let step = rows.iter().find(|r| r[1] == "projektstart" && r[2] == "2").unwrap();
    assert_eq!(
        (step[3].as_str(), step[4].as_str(), step[8].as_str()),
        (
            "Fastställa projektorganisation, roller, ansvar och bemanning.",
            "Gemensam",
            "open"
        )
    );
    // A step's row carries its milestone's due date (V15, not placed in a year: no days).
    assert_eq!(step[5], "V15");
}

#[test]
fn mermaid_and_json_exports_are_the_reports() {
    let sandbox = Sandbox::new();
    let (mermaid, _) = expect_code(
        &sandbox.run(&["--today", "2022-01-15", "export", "min-profil", "--format", "mermaid"]),
        0,
    );
    assert!(
        mermaid.starts_with("gantt\n") && mermaid.contains("    Produktupptäckt :crit, 2021-07-01, 2022-01-01\n"),
        "{mermaid}"
    );
    let (json, _) = expect_code(
        &sandbox.run(&["--today", "2022-01-15", "export", "min-profil", "--format", "json"]),
        0,
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["overdue"].as_array().unwrap().len(), 5);
}

fn checked_in(relative: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    // Written only when it differs: another test runs the completion script meanwhile.
    if std::env::var_os("UPDATE_GOLDEN").is_some() && expected != actual {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    assert!(
        expected == actual,
        "{relative} is stale: run `UPDATE_GOLDEN=1 cargo test` and commit it"
    );
}

#[test]
fn completion_scripts_in_the_repo_are_current() {
    let sandbox = Sandbox::new();
    for (shell, file) in [
        ("bash", "roadmap.bash"),
        ("zsh", "_roadmap"),
        ("fish", "roadmap.fish"),
        ("powershell", "_roadmap.ps1"),
        ("elvish", "roadmap.elv"),
    ] {
        let (script, _) = expect_code(&sandbox.run(&["completions", shell]), 0);
        checked_in(&format!("completions/{file}"), &script);
    }
}

#[test]
fn man_pages_in_the_repo_are_current() {
    let command = roadmap::cli::command();
    let mut pages = vec![("roadmap".to_string(), command.clone())];
    for sub in command.get_subcommands() {
        pages.push((
            format!("roadmap-{}", sub.get_name()),
            sub.clone().name(format!("roadmap-{}", sub.get_name())),
        ));
    }
    for (name, page) in pages {
        let mut buffer = Vec::new();
        clap_mangen::Man::new(page).render(&mut buffer).unwrap();
        checked_in(&format!("man/{name}.1"), &String::from_utf8(buffer).unwrap());
    }
}

#[test]
fn every_subcommand_has_an_example_in_its_help() {
    for sub in roadmap::cli::command().get_subcommands() {
        let help = sub.get_after_help().map(ToString::to_string).unwrap_or_default();
        assert!(
            help.contains("Examples:\n  roadmap "),
            "`roadmap {}` has no example",
            sub.get_name()
        );
    }
}

/// Completes `line` (ending where TAB was pressed) in a real bash with the checked-in script.
fn bash_complete(sandbox: &Sandbox, words: &[&str]) -> Vec<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/roadmap.bash");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_roadmap")).parent().unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE='{}'\nCOMP_POINT=${{#COMP_LINE}}\nCOMP_TYPE=9\n_clap_complete_roadmap roadmap '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words.join(" "),
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let output = Command::new("bash")
        .arg("-c")
        .arg(&program)
        .current_dir(sandbox.path())
        .env(
            "PATH",
            format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default()),
        )
        .env("HOME", sandbox.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn bash_completes_commands_and_addresses_from_the_loaded_roadmaps() {
    let sandbox = Sandbox::new();
    assert_eq!(bash_complete(&sandbox, &["roadmap", "sta"]), ["status"]);
    let milestones = bash_complete(&sandbox, &["roadmap", "done", "hubs-sdk/"]);
    assert_eq!(
        milestones,
        [
            "hubs-sdk/infor-projektuppstart",
            "hubs-sdk/projektstart",
            "hubs-sdk/installation-testmiljo",
            "hubs-sdk/forbereda-verksamhet",
            "hubs-sdk/sdk-qa",
            "hubs-sdk/verifikation-acceptanstest",
            "hubs-sdk/federationsgodkannande",
            "hubs-sdk/produktionssattning",
            "hubs-sdk/projektavslut"
        ]
    );
    let steps = bash_complete(&sandbox, &["roadmap", "done", "hubs-sdk/projektstart/"]);
    assert_eq!(
        steps,
        (1..=6)
            .map(|n| format!("hubs-sdk/projektstart/{n}"))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        bash_complete(&sandbox, &["roadmap", "show", "int"]),
        ["intygshantering/"]
    );
}
