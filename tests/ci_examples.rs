//! The ready-made CI jobs in `examples/` (GitHub Actions, GitLab CI, Azure
//! Pipelines), each `roadmap` command of each run as the job runs it, in
//! the workspaces people have: one made by `roadmap init TEMPLATE`, one
//! made by `roadmap init` and `roadmap import`, and one with a `plans/`
//! folder beside the workspace (the job then sets `ROADMAP_PATH=plans`).
//! Judged as of Sunday 29 November 2026 (week 48), when each has overdue
//! milestones: every command exits 0, the gate 3.

use std::path::Path;
use std::process::Command;

use crate::support::{Sandbox, expect_code};

const EXAMPLES: [&str; 3] = ["weekly-report.yml", "gitlab-ci.yml", "azure-pipelines.yml"];

/// The shell lines of a job that matter here: its `roadmap` commands and
/// the folders they write into, in order.
fn commands(example: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(example)).unwrap();
    text.lines()
        .map(|l| {
            l.trim()
                .trim_start_matches("- ")
                .trim_start_matches("run: ")
                .trim_start_matches("script: ")
                .to_string()
        })
        .filter(|l| l.starts_with("roadmap ") || (l.starts_with("mkdir -p ") && !l.contains(".local")))
        .collect()
}

/// A workspace of each kind, with a plan whose first milestone was due
/// long before 29 November 2026.
fn layouts() -> Vec<(&'static str, Sandbox)> {
    let init = Sandbox::new();
    expect_code(&init.run(&["init", "hubs-sdk", "--start", "2026-W40"]), 0);
    expect_code(&init.run(&["done", "hubs-sdk/infor-projektuppstart"]), 0);

    let imported = Sandbox::new();
    imported.write(
        "Projektplan.csv",
        "Milstolpe;Klart senast;Ansvarig\nFörstudie;2026-10-30;IT\nUpphandling;2027-02-26;Inköp\n",
    );
    expect_code(&imported.run(&["init"]), 0);
    expect_code(&imported.run(&["import", "Projektplan.csv", "--id", "e-arkiv"]), 0);

    let plans = Sandbox::new();
    expect_code(&plans.run(&["init"]), 0);
    plans.write(
        "plans/egen.toml",
        "[roadmap]\nid = \"egen\"\ntitle = \"Vår plan\"\nlanguage = \"sv\"\n\n[[milestone]]\nid = \"a\"\ntitle = \"Upphandling\"\ndue = \"2026-09-30\"\n",
    );
    vec![("init", init), ("import", imported), ("plans/", plans)]
}

#[test]
fn every_command_of_every_example_job_runs_in_every_kind_of_workspace() {
    let bin = Path::new(env!("CARGO_BIN_EXE_roadmap")).parent().unwrap();
    for example in EXAMPLES {
        let lines = commands(example);
        assert!(
            lines.iter().any(|l| l.contains("report")) && lines.iter().any(|l| l.contains("--fail-on-overdue")),
            "{example}: {lines:?}"
        );
        for (kind, sandbox) in layouts() {
            let mut command_env: Vec<(&str, String)> = vec![
                ("ROADMAP_TODAY", "2026-11-29".into()),
                ("week", "2026-W48".into()),
                (
                    "GITHUB_STEP_SUMMARY",
                    sandbox.path().join("summary.md").display().to_string(),
                ),
            ];
            // What each job's setup step does when there is a plans/ folder.
            if sandbox.path().join("plans").is_dir() {
                command_env.push(("ROADMAP_PATH", "plans".into()));
            }
            for line in &lines {
                let output = Command::new("bash")
                    .args(["-c", line])
                    .current_dir(sandbox.path())
                    .env_clear()
                    .env(
                        "PATH",
                        format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()),
                    )
                    .env("HOME", sandbox.path().join("home"))
                    .env("ROADMAP_USER", "ci")
                    .envs(command_env.iter().map(|(k, v)| (*k, v.as_str())))
                    .output()
                    .unwrap();
                let expected = if line.contains("--fail-on-overdue") { 3 } else { 0 };
                assert_eq!(
                    output.status.code(),
                    Some(expected),
                    "{example} in a workspace made by {kind}: `{line}`\n{}",
                    String::from_utf8_lossy(&output.stderr)
                );
            }
            // The report was written, and is about the workspace's own plan.
            let written = ["summary.md", "public/index.html", "report/weekly-report.md"]
                .iter()
                .find_map(|f| std::fs::read_to_string(sandbox.path().join(f)).ok())
                .unwrap_or_else(|| panic!("{example} ({kind}) wrote no report"));
            assert!(written.contains("2026"), "{example} ({kind})");
            if example == "azure-pipelines.yml" {
                let markdown = std::fs::read_to_string(sandbox.path().join("report/weekly-report.md")).unwrap();
                assert!(markdown.contains("::: mermaid\ngantt"), "{markdown}");
                assert!(!markdown.contains("```mermaid"), "{markdown}");
            }
        }
    }
}
