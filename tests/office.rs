//! Plans as offices write them: dates in running text, bare weeks in a plan
//! of dated milestones, and workbooks with a title row, a Status column, a
//! totals row and a risk sheet.

use serde_json::Value;

use crate::support::{Sandbox, expect_code};

/// `V12` in a plan whose dated milestones are all in 2027 is week 12 of
/// 2027 (22-28 March): overdue on 1 April, so the gate fails on it; `v. 14`
/// and "senast 30 juni 2027" read as running text writes them.
#[test]
fn a_bare_week_in_a_plan_of_one_year_is_that_years_week() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "plans/plan.toml",
        "[roadmap]\nid = \"plan\"\ntitle = \"Plan\"\nlanguage = \"sv\"\n\n\
         [[milestone]]\nid = \"a\"\ntitle = \"Förstudie\"\ndue = \"2027-02-26\"\n\n\
         [[milestone]]\nid = \"b\"\ntitle = \"Upphandling\"\ndue = \"V12\"\n\n\
         [[milestone]]\nid = \"c\"\ntitle = \"Avtal\"\ndue = \"v. 14\"\n\n\
         [[milestone]]\nid = \"d\"\ntitle = \"Införande\"\ndue = \"senast 30 juni 2027\"\n",
    );
    let run = |args: &[&str]| {
        let mut all = vec!["--roadmaps", "plans", "--today", "2027-04-01"];
        all.extend(args);
        sandbox.run(&all)
    };
    let (out, _) = expect_code(&run(&["status", "--format", "json"]), 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    let dues: Vec<(&str, &str, &str, &str)> = json["roadmaps"][0]["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["id"].as_str().unwrap(),
                m["due"]["start"].as_str().unwrap(),
                m["due"]["end"].as_str().unwrap(),
                m["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        dues,
        [
            ("a", "2027-02-26", "2027-02-26", "overdue"),
            ("b", "2027-03-22", "2027-03-28", "overdue"),
            ("c", "2027-04-05", "2027-04-11", "upcoming"),
            ("d", "2027-06-30", "2027-06-30", "upcoming"),
        ]
    );
    let (out, _) = expect_code(&run(&["overdue", "--fail-on-overdue", "--format", "json"]), 3);
    let json: Value = serde_json::from_str(&out).unwrap();
    let overdue: Vec<&str> = json["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["address"].as_str().unwrap())
        .collect();
    assert_eq!(overdue, ["plan/a", "plan/b"]);
    expect_code(&run(&["validate"]), 0);
}
