//! Inputs that look odd but are valid and must load: a byte-order mark, CRLF
//! line ends, tabs, non-ASCII text, a 1 MB title, 10 000 steps, a numeric
//! milestone id, and a `depends_on` chain of 2 000 milestones (and a cycle in one).

use serde_json::Value;

use crate::support::{Sandbox, expect_code};

/// Writes `plans/NAME.toml`, checks that `roadmap validate` accepts it, and
/// returns the sandbox.
fn valid(name: &str, text: impl AsRef<[u8]>) -> Sandbox {
    let sandbox = Sandbox::new();
    let path = format!("plans/{name}.toml");
    sandbox.write(&path, text);
    let (out, err) = expect_code(&sandbox.run(&["validate", &path]), 0);
    assert!(out.starts_with(&format!("ok: {name} ")), "{out}");
    assert!(err.is_empty(), "{err}");
    sandbox
}

/// `roadmap show ADDRESS --format json` with the sandbox's plans loaded.
fn show(sandbox: &Sandbox, address: &str) -> Value {
    let (out, err) = expect_code(
        &sandbox.run(&["--roadmaps", "plans", "show", address, "--format", "json"]),
        0,
    );
    assert!(err.is_empty(), "{err}");
    serde_json::from_str(&out).unwrap()
}

/// A small plan: one phase, two milestones, steps, owners and a multi-line
/// criteria, written with `\n` line ends.
const PLAN: &str = r#"# En plan med allt i.
[roadmap]
id = "plan"
title = "Införande av e-tjänst"
language = "sv"
year = 2027

[parties]
Kund = "Kommunen"

[[phase]]
id = "mvp"
title = "MVP-fas"

[[milestone]]
id = "start"
phase = "mvp"
title = "Projektstart"
due = "V15"
owner = "Kund"
criteria = """
Avtal signerat.
Projektplan godkänd."""
cost_tkr = 1100

  [[milestone.step]]
  text = "Genomföra uppstartsmöte"
  owner = "Kund"

  [[milestone.step]]
  text = "Signera avtal"

[[milestone]]
id = "drift"
title = "Driftsättning"
due = "2027-W20..2027-W21"
depends_on = ["start"]
"#;

/// The parts of the plan's `show` JSON that must come out the same however the file is written.
fn check_plan(json: &Value) {
    assert_eq!(json["id"], "plan");
    assert_eq!(json["title"], "Införande av e-tjänst");
    assert_eq!(json["year"], 2027);
    assert_eq!(
        (json["parties"][0]["code"].as_str(), json["parties"][0]["name"].as_str()),
        (Some("Kund"), Some("Kommunen"))
    );
    assert_eq!(json["phases"][0]["title"], "MVP-fas");
    let start = &json["milestones"][0];
    assert_eq!(start["id"], "start");
    assert_eq!(start["due"]["label"], "V15");
    assert_eq!(start["due"]["start"], "2027-04-12");
    assert_eq!(start["cost_tkr"], 1100);
    assert_eq!(start["steps"][1]["text"], "Signera avtal");
    assert_eq!(json["milestones"][1]["depends_on"][0], "start");
    assert_eq!(json["milestones"][1]["due"]["end"], "2027-05-30");
}

#[test]
fn the_plan_itself_loads() {
    let sandbox = valid("plan", PLAN);
    let json = show(&sandbox, "plan");
    check_plan(&json);
    assert_eq!(json["milestones"][0]["criteria"], CRITERIA);
}

const CRITERIA: &str = "Avtal signerat.\nProjektplan godkänd.";

#[test]
fn a_byte_order_mark_is_not_content() {
    let sandbox = valid("plan", format!("\u{feff}{PLAN}"));
    check_plan(&show(&sandbox, "plan"));
    // The file is left as it was.
    let bytes = std::fs::read(sandbox.path().join("plans/plan.toml")).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf# En plan"));
}

#[test]
fn crlf_line_ends_load() {
    let sandbox = valid("plan", PLAN.replace('\n', "\r\n"));
    let json = show(&sandbox, "plan");
    check_plan(&json);
    let (out, _) = expect_code(&sandbox.run(&["--roadmaps", "plans", "show", "plan"]), 0);
    assert!(out.contains("Projektstart"), "{out}");
}

/// TOML lets a parser turn the CRLF inside a multi-line string into a plain
/// line break, and a plan must not read differently because it was saved on
/// Windows. Today the `\r` is kept: `show --format json` gives
/// "Avtal signerat.\r\nProjektplan godkänd." and the table shows `\u{d}`.
#[test]
fn crlf_inside_a_multi_line_string_is_a_plain_line_break() {
    let sandbox = valid("plan", PLAN.replace('\n', "\r\n"));
    let json = show(&sandbox, "plan");
    assert_eq!(json["milestones"][0]["criteria"], CRITERIA);
    let (out, _) = expect_code(&sandbox.run(&["--roadmaps", "plans", "show", "plan/start"]), 0);
    assert!(!out.contains("\\u{d}"), "{out}");
}

#[test]
fn tabs_as_whitespace_and_inside_text() {
    let text = PLAN
        .replace("id = \"plan\"", "id\t=\t\"plan\"\t# tabb")
        .replace("  [[milestone.step]]", "\t[[milestone.step]]")
        .replace("  text = \"Signera avtal\"", "\ttext = \"Signera\tavtal\"");
    assert!(text.contains('\t'));
    let sandbox = valid("plan", text);
    let json = show(&sandbox, "plan");
    assert_eq!(json["id"], "plan");
    assert_eq!(json["milestones"][0]["steps"][1]["text"], "Signera\tavtal");
    let (out, _) = expect_code(&sandbox.run(&["--roadmaps", "plans", "show", "plan/start"]), 0);
    assert!(out.contains("Signera"), "{out}");
}

#[test]
fn non_ascii_titles_and_owners() {
    let text = r#"[roadmap]
id = "nordisk"
title = "Överlämning – åäö ÅÄÖ øæ ØÆ 🚀"
organisation = "Tønsberg kommune & Härnösands kommun"
language = "nb"

[parties]
"Kommunen Ærø" = "Ærø Kommune 🏝️"

[[milestone]]
id = "overlamning"
title = "Tjänsten lämnas över 👩‍💻"
owner = "Förvaltningsgruppen Ærø"

  [[milestone.step]]
  text = "Godkänn leveransen ✅"
  owner = "Kommunen Ærø"
  note = "Æ, ø og å skal vises riktig"
"#;
    let sandbox = valid("nordisk", text);
    let json = show(&sandbox, "nordisk");
    assert_eq!(json["title"], "Överlämning – åäö ÅÄÖ øæ ØÆ 🚀");
    assert_eq!(json["organisation"], "Tønsberg kommune & Härnösands kommun");
    let party = json["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "Kommunen Ærø")
        .unwrap();
    assert_eq!(party["name"], "Ærø Kommune 🏝️");
    let m = &json["milestones"][0];
    assert_eq!(m["title"], "Tjänsten lämnas över 👩‍💻");
    assert_eq!(m["owner"], "Förvaltningsgruppen Ærø");
    assert_eq!(m["steps"][0]["text"], "Godkänn leveransen ✅");
    assert_eq!(m["steps"][0]["owner"], "Kommunen Ærø");
    assert_eq!(m["steps"][0]["note"], "Æ, ø og å skal vises riktig");
    let (out, _) = expect_code(&sandbox.run(&["--roadmaps", "plans", "show", "nordisk"]), 0);
    assert!(out.contains("Förvaltningsgruppen") && out.contains("Ærø"), "{out}");
}

#[test]
fn a_one_megabyte_title() {
    let title = "Långt namn på en milstolpe 🚀 "
        .repeat(40_000)
        .chars()
        .take(1 << 20)
        .collect::<String>();
    let title = title.trim_end().to_string();
    assert!(title.len() >= 1 << 20);
    let text = format!(
        "[roadmap]\nid = \"lang\"\ntitle = \"{title}\"\nlanguage = \"sv\"\n\n\
         [[milestone]]\nid = \"m\"\ntitle = \"{title}\"\n"
    );
    let sandbox = valid("lang", text);
    let json = show(&sandbox, "lang");
    assert_eq!(json["title"].as_str().unwrap(), title);
    let json = show(&sandbox, "lang/m");
    assert_eq!(json["title"].as_str().unwrap(), title);
}

#[test]
fn ten_thousand_steps() {
    let mut text = String::from(
        "[roadmap]\nid = \"steg\"\ntitle = \"Många steg\"\nlanguage = \"sv\"\n\n\
         [[milestone]]\nid = \"m\"\ntitle = \"Milstolpe\"\n",
    );
    for i in 1..=10_000 {
        text.push_str(&format!("  [[milestone.step]]\n  text = \"Steg {i}\"\n"));
    }
    let sandbox = valid("steg", text);
    let (out, _) = expect_code(&sandbox.run(&["validate", "plans/steg.toml"]), 0);
    assert!(out.contains("10000 steps"), "{out}");
    let json = show(&sandbox, "steg/m");
    let steps = json["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 10_000);
    assert_eq!(steps[9_999]["index"], 10_000);
    assert_eq!(steps[9_999]["text"], "Steg 10000");
    expect_code(&sandbox.run(&["init"]), 0);
    let (out, err) = expect_code(&sandbox.run(&["--roadmaps", "plans", "done", "steg/m/10000"]), 0);
    assert!(out.contains("steg/m/10000"), "{out}\n{err}");
    let (_, err) = expect_code(&sandbox.run(&["--roadmaps", "plans", "done", "steg/m/10001"]), 2);
    assert!(!err.contains("panicked"), "{err}");
    let state = std::fs::read_to_string(sandbox.path().join(".roadmap/state.jsonl")).unwrap();
    assert_eq!(state.lines().count(), 2, "a header and one change:\n{state}");
    // The step is recorded by its fingerprint, worked out by Python's hashlib.
    if !crate::support::readers(&[crate::support::Reader::Python]) {
        return;
    }
    let target = format!("\"target\":\"steg/m/{}\"", crate::support::fingerprint("Steg 10000"));
    assert!(state.contains(&target), "{state}");
}

#[test]
fn a_milestone_id_that_is_a_number() {
    let text = "[roadmap]\nid = \"siffror\"\ntitle = \"Siffror\"\nlanguage = \"sv\"\n\n\
                [[milestone]]\nid = \"7\"\ntitle = \"Sju\"\n\n\
                [[milestone]]\nid = \"8\"\ntitle = \"Åtta\"\ndepends_on = [\"7\"]\n";
    let sandbox = valid("siffror", text);
    let json = show(&sandbox, "siffror/7");
    assert_eq!(json["id"], "7");
    assert_eq!(json["title"], "Sju");
    let json = show(&sandbox, "siffror/8");
    assert_eq!(json["depends_on"][0], "7");
}

/// A roadmap `kedja` of `n` milestones where each depends on the one before,
/// and the first on `first_depends_on` if given.
fn chain(n: usize, first_depends_on: Option<&str>) -> String {
    let mut text = String::from("[roadmap]\nid = \"kedja\"\ntitle = \"Kedja\"\nlanguage = \"sv\"\n");
    for i in 1..=n {
        text.push_str(&format!("\n[[milestone]]\nid = \"m{i}\"\ntitle = \"Milstolpe {i}\"\n"));
        match (i, first_depends_on) {
            (1, Some(dep)) => text.push_str(&format!("depends_on = [\"{dep}\"]\n")),
            (1, None) => {}
            _ => text.push_str(&format!("depends_on = [\"m{}\"]\n", i - 1)),
        }
    }
    text
}

#[test]
fn a_depends_on_chain_of_two_thousand_milestones() {
    let sandbox = valid("kedja", chain(2_000, None));
    let json = show(&sandbox, "kedja");
    let milestones = json["milestones"].as_array().unwrap();
    assert_eq!(milestones.len(), 2_000);
    assert_eq!(milestones[1_999]["depends_on"][0], "m1999");
    let (out, _) = expect_code(
        &sandbox.run(&["--roadmaps", "plans", "status", "kedja", "--format", "json"]),
        0,
    );
    let status: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(status["roadmaps"][0]["summary"]["milestones"], 2_000);
    assert_eq!(status["roadmaps"][0]["summary"]["blocked"], 1_999);
}

#[test]
fn a_cycle_through_a_chain_of_two_thousand_milestones_is_reported() {
    let sandbox = Sandbox::new();
    sandbox.write("kedja.toml", chain(2_000, Some("m2000")));
    let (out, err) = expect_code(&sandbox.run(&["validate", "kedja.toml"]), 1);
    assert!(out.is_empty(), "{out}");
    assert!(!err.contains("panicked") && !err.contains("overflow"), "{err}");
    assert!(
        err.starts_with("error: depends_on goes round in a circle: m1 -> m2000 -> m1999 -> "),
        "{}",
        &err[..err.len().min(500)]
    );
    assert!(
        err.contains("--> kedja.toml:9:15"),
        "{}",
        &err[err.len().saturating_sub(500)..]
    );
    assert!(err.ends_with("1 problem in 1 roadmap file; nothing was loaded\n"));
}

/// A long title with no spaces in it must not make the table views slow.
/// Today laying out the table takes time that grows with the square of the
/// title's length: a 40 000-character milestone title takes about 9 s in a
/// debug build (1 s in release), so a 1 MB one takes many minutes.
#[test]
fn a_long_unbroken_title_in_a_table_is_quick() {
    let title = "ø".repeat(100_000);
    let text = format!(
        "[roadmap]\nid = \"lang\"\ntitle = \"Lång\"\nlanguage = \"sv\"\n\n\
         [[milestone]]\nid = \"m\"\ntitle = \"{title}\"\n"
    );
    let sandbox = valid("lang", text);
    let mut child = sandbox
        .cmd(&["--roadmaps", "plans", "show", "lang"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(10) {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success());
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    panic!("`roadmap show lang` took more than 10 s for a 100 000-character title");
}
