//! Results as CI platforms show them: `overdue --format junit` read back by
//! Python's junitparser, with the counts worked out by hand.

use serde_json::Value;

use crate::support::{Reader, Sandbox, expect_code, python_reads, readers};

const PLANS: [(&str, &str); 2] = [
    (
        "plans/kommun.toml",
        "[roadmap]\nid = \"kommun\"\ntitle = \"E-arkiv\"\norganisation = \"Sundsby kommun\"\nlanguage = \"sv\"\n\n\
[[milestone]]\nid = \"a\"\ntitle = \"Förstudie\"\ndue = \"2027-03-31\"\n\n\
[[milestone]]\nid = \"b\"\ntitle = \"Upphandling\"\ndue = \"2027-04-09\"\nowner = \"IT-enheten\"\n\n  [[milestone.step]]\n  text = \"Skriva förfrågningsunderlag\"\n  owner = \"Upphandlare\"\n\n\
[[milestone]]\nid = \"c\"\ntitle = \"Införande\"\ndue = \"2027-05-31\"\n\n\
[[milestone]]\nid = \"d\"\ntitle = \"Pilot\"\ndue = \"2027-04-02\"\n\n\
[[milestone]]\nid = \"e\"\ntitle = \"Utvärdering\"\n",
    ),
    (
        "plans/region.toml",
        "[roadmap]\nid = \"region\"\ntitle = \"Journal\"\nlanguage = \"sv\"\n\n\
[[milestone]]\nid = \"f\"\ntitle = \"Avtal\"\ndue = \"2027-04-01\"\n",
    ),
];

fn sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    for (path, text) in PLANS {
        sandbox.write(path, text);
    }
    let run = |args: &[&str]| {
        let mut all = vec!["--roadmaps", "plans", "--today", "2027-04-16"];
        all.extend_from_slice(args);
        expect_code(&sandbox.run(&all), 0);
    };
    run(&["done", "kommun/a"]);
    run(&["skip", "kommun/d", "--note", "Ingen pilot behövs"]);
    sandbox
}

#[test]
fn overdue_as_junit_is_read_by_junitparser_with_the_counts_worked_out_by_hand() {
    if !readers(&[Reader::PythonPackage("junitparser")]) {
        return;
    }
    let sandbox = sandbox();
    // By hand, on Friday 16 April 2027: kommun has four dated milestones (e
    // has no date): a done (passes), b due 9 April and open (fails, 7
    // days), c due 31 May (passes), d skipped; region's f due 1 April and
    // open (fails, 15 days: "2 veckor"). Five tests, two failures, one skipped.
    let out = sandbox.run(&[
        "--roadmaps",
        "plans",
        "--today",
        "2027-04-16",
        "--lang",
        "sv",
        "overdue",
        "--format",
        "junit",
        "--fail-on-overdue",
    ]);
    let (xml, _) = expect_code(&out, 3);
    let path = sandbox.write("overdue.xml", &xml);
    let read: Value = python_reads("read_junit.py", &path, &[]);
    assert_eq!(
        (
            read["tests"].as_u64(),
            read["failures"].as_u64(),
            read["skipped"].as_u64()
        ),
        (Some(5), Some(2), Some(1)),
        "{read}"
    );
    let suites = read["suites"].as_array().unwrap();
    let counts: Vec<(&str, u64, u64, u64)> = suites
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap(),
                s["tests"].as_u64().unwrap(),
                s["failures"].as_u64().unwrap(),
                s["skipped"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts, [("Sundsby kommun: E-arkiv", 4, 1, 1), ("Journal", 1, 1, 0)]);
    let outcome = |suite: usize, name: &str| -> (String, String) {
        let case = suites[suite]["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"].as_str().unwrap().starts_with(name))
            .unwrap_or_else(|| panic!("no case {name}"));
        (
            case["outcome"].as_str().unwrap().to_string(),
            case["message"].as_str().unwrap_or_default().to_string(),
        )
    };
    assert_eq!(outcome(0, "Förstudie").0, "passed");
    assert_eq!(
        outcome(0, "Upphandling (kommun/b)"),
        ("failed".into(), "försenad 7 dagar (klart senast 9 april 2027)".into())
    );
    assert_eq!(outcome(0, "Införande").0, "passed");
    assert_eq!(
        outcome(0, "Pilot"),
        ("skipped".into(), "ej aktuell: Ingen pilot behövs".into())
    );
    assert_eq!(outcome(1, "Avtal").1, "försenad 2 veckor (klart senast 1 april 2027)");
    // The failure names whose it is and the open step, with its owner.
    assert!(xml.contains("ansvarig: IT-enheten"), "{xml}");
    assert!(
        xml.contains("öppet: 1. Skriva förfrågningsunderlag (Upphandlare)"),
        "{xml}"
    );
}

/// A plan with two errors, for the annotations: an unknown key on line 5, a
/// month 13 on line 10, column 7.
const BROKEN: &str = "[roadmap]\nid = \"p\"\ntitle = \"P\"\nlanguage = \"sv\"\nbogus = 1\n\n[[milestone]]\nid = \"a\"\ntitle = \"A: 50%, klart\"\ndue = \"2027-13-01\"\n";

#[test]
fn validate_for_gitlab_passes_the_code_quality_schema_with_stable_fingerprints() {
    if !readers(&[Reader::PythonPackage("jsonschema")]) {
        return;
    }
    let sandbox = sandbox();
    // A warning from the state too: a change to a milestone the plan lost.
    let plan = sandbox.path().join("plans/kommun.toml");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        &plan,
        text.replace(
            "id = \"a\"\ntitle = \"Förstudie\"",
            "id = \"a2\"\ntitle = \"Förstudie\"",
        ),
    )
    .unwrap();
    let (json, _) = expect_code(
        &sandbox.run(&["--roadmaps", "plans", "validate", "--format", "gitlab"]),
        0,
    );
    let path = sandbox.write("gl-code-quality-report.json", &json);
    let schema = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gitlab-codequality.schema.json");
    let checked = python_reads("validate_json.py", &path, &[schema.to_str().unwrap()]);
    assert_eq!(checked["valid"], true, "{checked}\n{json}");
    let issues: Value = serde_json::from_str(&json).unwrap();
    let warning = issues
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["severity"] == "minor")
        .unwrap_or_else(|| panic!("no warning: {json}"));
    // The state file as the repository names it (here the sandbox's data folder).
    assert_eq!(
        warning["location"]["path"], "home/.local/share/roadmap/state.jsonl",
        "{json}"
    );

    // Errors: exit 1, both there; the fingerprints stay when a line above moves them.
    sandbox.write("broken/p.toml", BROKEN);
    let run = |sandbox: &Sandbox| {
        let (json, _) = expect_code(
            &sandbox.run(&["--roadmaps", "broken", "validate", "--format", "gitlab"]),
            1,
        );
        let issues: Value = serde_json::from_str(&json).unwrap();
        issues
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["fingerprint"].as_str().unwrap().to_string(),
                    i["location"]["lines"]["begin"].as_u64().unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    let before = run(&sandbox);
    assert_eq!(before.iter().map(|(_, l)| *l).collect::<Vec<_>>(), [5, 10]);
    sandbox.write("broken/p.toml", format!("# En kommentar\n{BROKEN}"));
    let after = run(&sandbox);
    assert_eq!(after.iter().map(|(_, l)| *l).collect::<Vec<_>>(), [6, 11]);
    assert_eq!(
        before.iter().map(|(f, _)| f).collect::<Vec<_>>(),
        after.iter().map(|(f, _)| f).collect::<Vec<_>>()
    );
}

#[test]
fn validate_for_github_writes_workflow_commands_as_github_reads_them() {
    let sandbox = Sandbox::new();
    sandbox.write("broken/p.toml", BROKEN);
    let (out, _) = expect_code(
        &sandbox.run(&["--roadmaps", "broken", "validate", "--format", "github"]),
        1,
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    // GitHub's syntax: ::error file={name},line={line},col={col}::{message},
    // the message with % CR LF as %25 %0D %0A.
    assert_eq!(
        lines[0],
        "::error file=broken/p.toml,line=5,col=1::unknown key `bogus` in [roadmap]%0Ahelp: the keys allowed here are `id`, `title`, `organisation`, `language`, `source`, `year`, `budget_tkr`, `note`"
    );
    assert!(
        lines[1].starts_with("::error file=broken/p.toml,line=10,col=7::invalid due date in milestone `a`: 2027-13-01 is not a date%0Ahelp: "),
        "{out}"
    );
}

/// Every file of the repository says its licence, as the REUSE
/// specification asks (`REUSE.toml`, `LICENSES/`): `reuse lint` passes.
#[test]
fn the_repository_is_reuse_compliant() {
    if !readers(&[Reader::PythonPackage("reuse")]) {
        return;
    }
    let output = std::process::Command::new("python3")
        .args(["-m", "reuse", "lint"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{out}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(out.contains("compliant"), "{out}");
}
