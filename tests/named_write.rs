//! A change on named plans (`done`, `reopen`, `skip`, `note`, `reschedule`,
//! `cost`; `tick` in tests/tick.rs) reads only their files, and the heads of the others: what it writes must be what
//! reading every plan would write. Old ticks recorded by a step's place in
//! another plan are still pinned, a renamed plan's ticks stay with it, two
//! files with one id still stop it, and a broken plan beside it does not.

use serde_json::{Value, json};

use crate::support::{Sandbox, expect_code, fingerprint, stderr};

fn plan(id: &str, steps: &[&str]) -> String {
    let mut text = format!(
        "# A plan of the test.\n\n[roadmap]\nid = \"{id}\"\ntitle = \"Plan {id}\"\nlanguage = \"sv\"\n\n\
         [[milestone]]\nid = \"m\"\ntitle = \"Start\"\ndue = \"2027-03-31\"\n"
    );
    for step in steps {
        text.push_str(&format!("\n  [[milestone.step]]\n  text = \"{step}\"\n"));
    }
    text
}

/// The lines `roadmap` added to the state file since it held `before`.
fn added(sandbox: &Sandbox, before: &str) -> Vec<Value> {
    let now = std::fs::read_to_string(sandbox.path().join(".roadmap/state.jsonl")).unwrap();
    assert!(now.starts_with(before), "every line there was is kept");
    now[before.len()..]
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn state(sandbox: &Sandbox) -> String {
    std::fs::read_to_string(sandbox.path().join(".roadmap/state.jsonl")).unwrap_or_default()
}

fn at(sandbox: &Sandbox, now: &str, args: &[&str]) -> std::process::Output {
    sandbox.cmd(args).env("ROADMAP_NOW", now).output().unwrap()
}

/// Each step of `roadmap`'s checklist: its text and its mark.
fn marks(sandbox: &Sandbox, roadmap: &str) -> Vec<(String, String)> {
    let out = expect_code(
        &sandbox.run(&["--today", "2027-03-01", "checklist", roadmap, "--format", "json"]),
        0,
    )
    .0;
    let checklist: Value = serde_json::from_str(&out).unwrap();
    let mut found = Vec::new();
    for milestone in checklist["milestones"].as_array().unwrap() {
        for step in milestone["steps"].as_array().unwrap() {
            found.push((
                step["text"].as_str().unwrap().to_string(),
                step["mark"].as_str().unwrap().to_string(),
            ));
        }
    }
    found
}

fn pair(text: &str, mark: &str) -> (String, String) {
    (text.to_string(), mark.to_string())
}

#[test]
fn a_tick_pins_old_ticks_by_place_in_every_plan_then_writes_one_line() {
    let sandbox = Sandbox::new();
    sandbox.write(".roadmap/roadmaps/a.toml", plan("a", &["Boka möte", "Skriv avtal"]));
    sandbox.write(".roadmap/roadmaps/b.toml", plan("b", &["Beställ", "Installera"]));
    // Written by the first release: format 1, the step by its place.
    let old = "{\"roadmap_state\":1}\n\
        {\"id\":\"e1\",\"at\":\"2027-01-10T10:00:00Z\",\"by\":\"anna\",\"op\":\"done\",\"target\":\"b/m/2\"}\n";
    sandbox.write(".roadmap/state.jsonl", old);

    expect_code(&at(&sandbox, "2027-02-01T08:00:00Z", &["done", "a/m/1"]), 0);
    let lines = added(&sandbox, old);
    let kept: Vec<(&str, &str, &str)> = lines
        .iter()
        .filter(|l| l.get("op").is_some())
        .map(|l| {
            (
                l["op"].as_str().unwrap(),
                l["target"].as_str().unwrap(),
                l.get("to").and_then(Value::as_str).unwrap_or(""),
            )
        })
        .collect();
    let installera = format!("b/m/{}", fingerprint("Installera"));
    let boka = format!("a/m/{}", fingerprint("Boka möte"));
    assert_eq!(
        kept,
        [("rekey", "b/m/2", installera.as_str()), ("done", boka.as_str(), "")],
        "the other plan's old tick is pinned to its step, then the tick"
    );

    // Pinned: a step put first in the other plan moves no tick.
    sandbox.write(
        ".roadmap/roadmaps/b.toml",
        plan("b", &["Planera", "Beställ", "Installera"]),
    );
    let before = state(&sandbox);
    expect_code(&at(&sandbox, "2027-02-02T08:00:00Z", &["done", "a/m/2"]), 0);
    let lines = added(&sandbox, &before);
    assert_eq!(lines.len(), 1, "nothing left to pin: the tick alone, {lines:?}");
    assert_eq!(lines[0]["target"], json!(format!("a/m/{}", fingerprint("Skriv avtal"))));
    assert_eq!(
        marks(&sandbox, "b"),
        [
            pair("Planera", "open"),
            pair("Beställ", "open"),
            pair("Installera", "done")
        ]
    );
    assert_eq!(
        marks(&sandbox, "a"),
        [pair("Boka möte", "done"), pair("Skriv avtal", "done")]
    );
}

#[test]
fn a_renamed_plans_ticks_stay_with_it_when_a_new_plan_takes_its_old_id() {
    let sandbox = Sandbox::new();
    sandbox.write(".roadmap/roadmaps/gammal.toml", plan("gammal", &["Boka möte"]));
    expect_code(&at(&sandbox, "2027-01-10T10:00:00Z", &["done", "gammal/m/1"]), 0);
    expect_code(&at(&sandbox, "2027-01-11T10:00:00Z", &["rename", "gammal", "ny"]), 0);
    // A new plan with the old id and the same step: not done, whatever was
    // recorded under its id before the rename.
    sandbox.write(".roadmap/roadmaps/gammal.toml", plan("gammal", &["Boka möte"]));
    assert_eq!(marks(&sandbox, "gammal"), [pair("Boka möte", "open")]);
    let before = state(&sandbox);
    expect_code(&at(&sandbox, "2027-01-12T10:00:00Z", &["done", "gammal/m/1"]), 0);
    let lines = added(&sandbox, &before);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(
        (&lines[0]["op"], &lines[0]["target"]),
        (&json!("done"), &json!(format!("gammal/m/{}", fingerprint("Boka möte"))))
    );
    assert_eq!(lines[0].get("prev"), None, "it follows no change of its own");
    assert_eq!(marks(&sandbox, "gammal"), [pair("Boka möte", "done")]);
    assert_eq!(marks(&sandbox, "ny"), [pair("Boka möte", "done")]);
}

#[test]
fn two_files_with_one_id_stop_a_tick_and_a_broken_plan_beside_it_does_not() {
    let sandbox = Sandbox::new();
    sandbox.write(".roadmap/roadmaps/a.toml", plan("a", &["Boka möte"]));
    sandbox.write(".roadmap/roadmaps/c.toml", "[roadmap]\nid = \"c\"\ntitle = \n");
    expect_code(&at(&sandbox, "2027-01-10T10:00:00Z", &["done", "a/m/1"]), 0);
    assert_eq!(added(&sandbox, "").len(), 2, "the header and the tick");
    let (_, error) = expect_code(&sandbox.run(&["--today", "2027-03-01", "status"]), 1);
    assert!(error.contains("c.toml:3:"), "{error}");

    // The copy's head names its id first, or only after its title: either way
    // it is found, and nothing is written.
    let copy = plan("a", &["Boka möte"]);
    let title_first = copy.replace("id = \"a\"\ntitle = \"Plan a\"", "title = \"Plan a\"\nid = \"a\"");
    assert_ne!(title_first, copy);
    for text in [copy, title_first] {
        std::fs::remove_file(sandbox.path().join(".roadmap/roadmaps/c.toml")).ok();
        sandbox.write(".roadmap/roadmaps/c.toml", &text);
        let before = state(&sandbox);
        let output = at(&sandbox, "2027-01-11T10:00:00Z", &["reopen", "a/m/1"]);
        let error = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{error}");
        assert!(error.contains("roadmap id `a` is already used by"), "{error}");
        assert_eq!(state(&sandbox), before);
    }
}

#[test]
fn a_file_of_your_own_with_a_shipped_id_is_the_one_ticked_wherever_its_id_is() {
    let sandbox = Sandbox::new();
    // Its title before its id: the head does not say, so the file is read whole.
    sandbox.write(
        ".roadmap/roadmaps/egen-hubs.toml",
        plan("hubs-sdk", &["Egen uppgift"]).replace(
            "id = \"hubs-sdk\"\ntitle = \"Plan hubs-sdk\"",
            "title = \"Plan hubs-sdk\"\nid = \"hubs-sdk\"",
        ),
    );
    expect_code(&at(&sandbox, "2027-01-10T10:00:00Z", &["done", "hubs-sdk/m/1"]), 0);
    let lines = added(&sandbox, "");
    assert_eq!(
        lines[1]["target"],
        json!(format!("hubs-sdk/m/{}", fingerprint("Egen uppgift")))
    );
    assert_eq!(marks(&sandbox, "hubs-sdk"), [pair("Egen uppgift", "done")]);
}

#[test]
fn a_reschedule_and_a_cost_read_their_own_plan_as_a_tick_does() {
    let sandbox = Sandbox::new();
    sandbox.write(".roadmap/roadmaps/a.toml", plan("a", &["Boka möte"]));
    sandbox.write(".roadmap/roadmaps/b.toml", plan("b", &["Beställ", "Installera"]));
    let old = "{\"roadmap_state\":1}\n\
        {\"id\":\"e1\",\"at\":\"2027-01-10T10:00:00Z\",\"by\":\"anna\",\"op\":\"done\",\"target\":\"b/m/2\"}\n";
    sandbox.write(".roadmap/state.jsonl", old);

    // The first write after the upgrade pins the old tick in the other plan.
    expect_code(
        &at(&sandbox, "2027-02-01T08:00:00Z", &["reschedule", "a/m", "2027-04-30"]),
        0,
    );
    let lines = added(&sandbox, old);
    let ops: Vec<(&str, &str)> = lines
        .iter()
        .filter(|l| l.get("op").is_some())
        .map(|l| (l["op"].as_str().unwrap(), l["target"].as_str().unwrap()))
        .collect();
    assert_eq!(ops, [("rekey", "b/m/2"), ("reschedule", "a/m")], "{lines:?}");
    assert_eq!(lines[1]["to"], json!(format!("b/m/{}", fingerprint("Installera"))));
    assert_eq!(
        (&lines[2]["from"], &lines[2]["to"]),
        (&json!("2027-03-31"), &json!("2027-04-30"))
    );
    assert_eq!(
        marks(&sandbox, "b"),
        [pair("Beställ", "open"), pair("Installera", "done")]
    );

    // A colleague's broken plan holds up neither; each writes its one line,
    // and the second move follows the first, as reading every plan would.
    sandbox.write(".roadmap/roadmaps/c.toml", "[roadmap]\nid = \"c\"\ntitle = \n");
    let before = state(&sandbox);
    expect_code(
        &at(&sandbox, "2027-02-02T08:00:00Z", &["cost", "a", "--spent", "120"]),
        0,
    );
    expect_code(
        &at(&sandbox, "2027-02-03T08:00:00Z", &["reschedule", "a/m", "2027-05-31"]),
        0,
    );
    let lines: Vec<Value> = added(&sandbox, &before)
        .into_iter()
        .filter(|l| l.get("op").is_some())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(
        (&lines[0]["op"], &lines[0]["target"], &lines[0]["cost"]),
        (&json!("cost"), &json!("a"), &json!({"spent": 120.0}))
    );
    let first_move = &added(&sandbox, old)[2]["id"];
    assert_eq!(
        (&lines[1]["from"], &lines[1]["to"], &lines[1]["prev"]),
        (&json!("2027-04-30"), &json!("2027-05-31"), first_move)
    );
    let (_, error) = expect_code(&sandbox.run(&["--today", "2027-03-01", "status"]), 1);
    assert!(error.contains("c.toml:3:"), "{error}");

    // A second file with the plan's id stops both, and nothing is written.
    std::fs::remove_file(sandbox.path().join(".roadmap/roadmaps/c.toml")).unwrap();
    sandbox.write(".roadmap/roadmaps/c.toml", plan("a", &["Boka möte"]));
    let before = state(&sandbox);
    for args in [
        &["reschedule", "a/m", "2027-06-30"][..],
        &["cost", "a", "--forecast", "900"][..],
    ] {
        let output = at(&sandbox, "2027-02-04T08:00:00Z", args);
        let error = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {error}");
        assert!(error.contains("roadmap id `a` is already used by"), "{error}");
    }
    assert_eq!(state(&sandbox), before);
}
