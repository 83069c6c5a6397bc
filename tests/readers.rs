//! `cargo test` stands on its own. On a machine with the Rust toolchain and
//! Python alone (no Python package, no Node, no Chromium, no poppler) the
//! whole suite passes, and every test that needed one of them says which and
//! that it was skipped; with `ROADMAP_TEST_READERS=required`, as CI runs,
//! the same tests fail instead of skipping. Shown here by running this very
//! test binary again with the readers hidden.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The programs the readers are, hidden from the run below.
const HIDDEN_PROGRAMS: &[&str] = &[
    "node",
    "nodejs",
    "npm",
    "npx",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "pdftoppm",
    "pdftotext",
    "pdfinfo",
    "soffice",
    "libreoffice",
    "lowriter",
];

/// The Python packages the readers use, hidden the same way.
const HIDDEN_PACKAGES: &[&str] = &[
    "icalendar",
    "openpyxl",
    "junitparser",
    "jsonschema",
    "reuse",
    "mpxj",
    "jpype",
    "docx",
];

/// A folder of links to every program on `PATH` except the hidden ones.
fn path_without_readers(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();
    for folder in std::env::split_paths(&path) {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let link = bin.join(&name);
            if HIDDEN_PROGRAMS.iter().any(|h| name == *h) || link.exists() {
                continue;
            }
            let _ = std::os::unix::fs::symlink(entry.path(), link);
        }
    }
    bin
}

/// A folder for `PYTHONPATH` whose modules, named as the hidden packages,
/// refuse to import: Python finds them before the installed ones.
fn python_path_without_packages(dir: &Path) -> PathBuf {
    let shadow = dir.join("python");
    std::fs::create_dir_all(&shadow).unwrap();
    for package in HIDDEN_PACKAGES {
        std::fs::write(
            shadow.join(format!("{package}.py")),
            "raise ImportError('hidden by tests/readers.rs')\n",
        )
        .unwrap();
    }
    shadow
}

#[test]
fn without_the_readers_the_suite_passes_and_names_what_it_skipped_and_ci_fails_those() {
    // The run below is this binary again: it must not start a run of its own.
    if std::env::var_os("ROADMAP_TEST_NESTED").is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bin = path_without_readers(dir.path());
    let python = python_path_without_packages(dir.path());
    let skipped = dir.path().join("skipped.txt");
    let run = |args: &[&str], required: bool| -> Output {
        let mut command = Command::new(std::env::current_exe().unwrap());
        command
            .args(args)
            .env("PATH", &bin)
            .env("PYTHONPATH", &python)
            .env("ROADMAP_TEST_NESTED", "1")
            .env("ROADMAP_TEST_SKIPPED", &skipped)
            .env_remove("ROADMAP_TEST_READERS");
        if required {
            command.env("ROADMAP_TEST_READERS", "required");
        }
        command.output().unwrap()
    };

    let all = run(&["--skip", "readers::"], false);
    let (out, err) = (
        String::from_utf8_lossy(&all.stdout),
        String::from_utf8_lossy(&all.stderr),
    );
    assert!(
        all.status.success(),
        "the suite fails without its readers:\n{out}\n{err}"
    );
    let mut names: Vec<String> = std::fs::read_to_string(&skipped)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect();
    names.sort();
    names.dedup();
    // Each kind of reader has tests that need it.
    for needs in [
        "calendars::",
        "ci_formats::overdue_as_junit",
        "ci_formats::validate_for_gitlab",
        "spreadsheets::the_workbook_read_back_by_openpyxl",
        "report::the_mermaid_block_is_read_by_mermaid_itself",
        "report::the_html_page_shows_its_chart_in_a_browser",
        "steering::the_html_report_passes_an_accessibility_check",
    ] {
        assert!(
            names.iter().any(|n| n.starts_with(needs)),
            "{needs}… was not skipped: {names:?}\n{err}"
        );
    }
    for name in &names {
        assert!(
            err.contains(&format!("skipped {name}: needs ")),
            "{name} is not named:\n{err}"
        );
    }

    let mut args: Vec<&str> = names.iter().map(String::as_str).collect();
    args.push("--exact");
    let ci = run(&args, true);
    let out = String::from_utf8_lossy(&ci.stdout);
    assert!(
        !ci.status.success(),
        "with ROADMAP_TEST_READERS=required they pass:\n{out}"
    );
    for name in &names {
        assert!(
            out.contains(&format!("test {name} ... FAILED")),
            "{name} did not fail:\n{out}"
        );
    }
}
