//! The command line's flags, parsed and run in-process: dates (`--today`,
//! `--week`, `--since`, `--from`, `--to`, `--at`), numbers (`--weeks`,
//! `--lock-timeout`, `--year`) and whatever else the fuzzer puts beside them.
//!
//! Input layout: the first byte picks a command that only reads (so no run
//! writes a file); the rest, lossily decoded as UTF-8, is split at line
//! breaks into the arguments that follow it. `-o`/`--output` are dropped, so
//! nothing is written. Every run must end with a documented exit code
//! (0 to 3; 4 needs a second process), never a panic.
#![no_main]

use std::ffi::OsString;
use std::sync::Once;

use libfuzzer_sys::fuzz_target;

const COMMANDS: &[&[&str]] = &[
    &["report"],
    &["report", "--format", "json"],
    &["timeline"],
    &["overdue"],
    &["overdue", "--fail-on-overdue"],
    &["status"],
    &["checklist", "hubs-sdk"],
    &["slips"],
    &["export", "--format", "ics"],
    &["export", "--format", "csv"],
    &["show", "min-profil"],
    &["list"],
    &["log"],
    &["validate"],
    &["overdue", "--format", "junit"],
    &["validate", "--format", "gitlab"],
    &["validate", "--format", "github"],
    &["export", "--format", "mspdi"],
    &["status", "--organisation", "Arbetsförmedlingen"],
];

static SETUP: Once = Once::new();

/// A home of its own with no state file in it, so runs read nothing of the
/// machine's and find no progress.
fn setup() {
    SETUP.call_once(|| {
        let home = std::env::temp_dir().join(format!("roadmap-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&home).unwrap();
        // SAFETY: set once, before any run, on the fuzzer's only thread.
        unsafe {
            std::env::set_var("HOME", &home);
            std::env::set_var("XDG_DATA_HOME", home.join("data"));
            std::env::set_var("ROADMAP_STATE", home.join("state.jsonl"));
            std::env::set_var("ROADMAP_USER", "fuzz");
            std::env::set_var("NO_COLOR", "1");
            std::env::set_var("COLUMNS", "100");
            std::env::remove_var("ROADMAP_PATH");
            std::env::remove_var("ROADMAP_TODAY");
        }
    });
}

fn writes(arg: &str) -> bool {
    arg == "--output" || arg.starts_with("--output=") || (arg.starts_with("-o") && !arg.starts_with("--"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    setup();
    let command = COMMANDS[selector as usize % COMMANDS.len()];
    let text = String::from_utf8_lossy(rest);
    let mut args: Vec<OsString> = vec!["roadmap".into()];
    args.extend(command.iter().map(OsString::from));
    args.extend(text.split('\n').filter(|a| !writes(a)).map(OsString::from));
    let code = roadmap::run_with(args.clone());
    assert!((0..=3).contains(&code), "exit code {code} for {args:?}");
});
