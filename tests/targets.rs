//! A recorded target is typed (`roadmap_core::target`): a risk is never
//! taken for a milestone or a step, nor the reverse, whatever command is
//! given it, and nothing is written when one is.

use crate::support::{Sandbox, expect_code};

const STATE: &str = ".roadmap/state.jsonl";

/// A workspace with one risk on hubs-sdk and one tick; the risk's id.
fn with_a_risk() -> (Sandbox, String) {
    let sandbox = Sandbox::new();
    expect_code(&sandbox.run(&["init", "hubs-sdk", "--year", "2027"]), 0);
    expect_code(&sandbox.run(&["done", "hubs-sdk/projektstart/1"]), 0);
    let (out, _) = expect_code(
        &sandbox.run(&[
            "risk",
            "add",
            "hubs-sdk",
            "Certifikaten dröjer",
            "--likelihood",
            "3",
            "--impact",
            "4",
            "--owner",
            "ITSL",
            "--action",
            "Beställ i god tid",
        ]),
        0,
    );
    let id = out
        .split_whitespace()
        .find(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .starts_with("r-")
        })
        .map_or_else(
            || panic!("no risk id in: {out}"),
            |w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_string(),
        );
    (sandbox, id)
}

#[test]
fn reattaching_a_risks_changes_onto_a_step_is_refused_as_a_wrong_argument() {
    let (sandbox, id) = with_a_risk();
    let before = std::fs::read(sandbox.path().join(STATE)).unwrap();
    let risk = format!("hubs-sdk#{id}");
    let (out, err) = expect_code(&sandbox.run(&["reattach", &risk, "hubs-sdk/projektstart/1"]), 2);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains(&format!(
            "`{risk}` is a risk; reattach moves the changes of a roadmap, a milestone or a step"
        )),
        "{err}"
    );
    // And the reverse: a step's changes onto a risk.
    let (_, err) = expect_code(&sandbox.run(&["reattach", "hubs-sdk/projektstart/1", &risk]), 2);
    assert!(err.contains("is a risk, not a milestone or a step"), "{err}");
    assert_eq!(
        std::fs::read(sandbox.path().join(STATE)).unwrap(),
        before,
        "nothing was written"
    );
}

#[test]
fn step_commands_refuse_a_risk_and_risk_commands_refuse_a_step() {
    let (sandbox, id) = with_a_risk();
    let before = std::fs::read(sandbox.path().join(STATE)).unwrap();
    let risk = format!("hubs-sdk#{id}");
    for args in [
        vec!["done", risk.as_str()],
        vec!["skip", risk.as_str(), "--note", "x"],
        vec!["note", risk.as_str(), "x"],
        vec!["reschedule", risk.as_str(), "2027-W20"],
    ] {
        let (_, err) = expect_code(&sandbox.run(&args), 2);
        assert!(err.contains("is a risk, not a milestone or a step"), "{args:?}: {err}");
    }
    for args in [
        vec!["risk", "update", "hubs-sdk/projektstart", "--likelihood", "5"],
        vec!["risk", "close", "hubs-sdk/projektstart/1", "--note", "x"],
    ] {
        let (_, err) = expect_code(&sandbox.run(&args), 2);
        assert!(err.contains("not a risk"), "{args:?}: {err}");
    }
    assert_eq!(
        std::fs::read(sandbox.path().join(STATE)).unwrap(),
        before,
        "nothing was written"
    );
    // The risk is found by ROADMAP#ID as by its id.
    let (out, _) = expect_code(&sandbox.run(&["risk", "update", &risk, "--likelihood", "5"]), 0);
    assert!(out.contains("recorded 1 change"), "{out}");
}
