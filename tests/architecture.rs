//! The wall between the domain and the command line, checked on the sources:
//! the core crate depends on nothing that belongs to a terminal and prints
//! nothing, and no command module reaches into another.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}

#[test]
fn the_core_crate_depends_on_no_command_line_or_terminal_crate() {
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--locked",
            "-p",
            "roadmap-core",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .current_dir(root())
        .output()
        .expect("run cargo tree");
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(tree.starts_with("roadmap-core "), "{tree}");
    let crates: Vec<&str> = tree.lines().filter_map(|l| l.split_whitespace().next()).collect();
    for forbidden in [
        "clap",
        "clap_builder",
        "clap_complete",
        "dialoguer",
        "comfy-table",
        "terminal_size",
        "crossterm",
        "console",
        "anstream",
    ] {
        assert!(
            !crates.contains(&forbidden),
            "roadmap-core depends on {forbidden}:\n{tree}"
        );
    }
}

#[test]
fn the_core_crate_prints_nothing() {
    for path in rust_files(&root().join("core/src")) {
        let text = std::fs::read_to_string(&path).unwrap();
        for macro_name in ["print!", "println!", "eprint!", "eprintln!", "dbg!"] {
            assert!(
                !text.contains(macro_name),
                "{} uses {macro_name}: the core returns what it found and the binary prints it",
                path.display()
            );
        }
    }
}

#[test]
fn no_command_module_imports_another() {
    let dir = root().join("src/commands");
    let modules: Vec<String> = rust_files(&dir)
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .filter(|name| name != "mod")
        .collect();
    assert!(modules.len() >= 17, "{modules:?}");
    for module in &modules {
        let text = std::fs::read_to_string(dir.join(format!("{module}.rs"))).unwrap();
        assert!(
            !text.contains("crate::commands"),
            "{module}.rs reaches into crate::commands"
        );
        for other in modules.iter().filter(|m| *m != module) {
            assert!(
                !text.contains(&format!("super::{other}")),
                "{module}.rs imports its sibling {other}"
            );
        }
        // Only a command's own tests reach through `super` (to the command itself).
        let body = text.split("#[cfg(test)]").next().unwrap_or_default();
        assert!(
            !body.contains("super::"),
            "{module}.rs reaches through its parent module"
        );
    }
}

#[test]
fn no_code_outside_the_target_module_takes_a_target_apart() {
    // ROADMAP/MILESTONE[/STEP] and ROADMAP#RISK are parsed in one place; any
    // other module asks a `Target` for its parts.
    let owner = root().join("core/src/target.rs");
    let splits = [
        "split",
        "split_once",
        "rsplit_once",
        "rsplit",
        "split_terminator",
        "match_indices",
        "find",
        "rfind",
    ];
    let mut files = rust_files(&root().join("core/src"));
    files.extend(rust_files(&root().join("src")));
    for path in files.iter().filter(|p| **p != owner) {
        let text = std::fs::read_to_string(path).unwrap();
        for split in splits {
            for separator in ["'/'", "'#'", "\"/\"", "\"#\""] {
                let call = format!(".{split}({separator}");
                assert!(
                    !text.contains(&call),
                    "{} takes a string apart with `{call}`: ask a roadmap_core::target::Target for its parts",
                    path.display()
                );
            }
        }
    }
}

/// The string literals of Rust source `text`, outside comments and before
/// its test module.
fn string_literals(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            // A char literal: '"' and '\'' are not strings; a lifetime has no closing quote nearby.
            '\'' => {
                let ahead: String = chars.clone().take(3).collect();
                if ahead.starts_with('\\') {
                    chars.nth(2);
                } else if ahead.chars().nth(1) == Some('\'') {
                    chars.nth(1);
                }
            }
            '"' => {
                let mut literal = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        c => literal.push(c),
                    }
                }
                found.push(literal);
            }
            _ => {}
        }
    }
    found
}

#[test]
fn the_core_names_no_flag_and_runs_no_program() {
    // The core answers; the command line decides how to ask the user for
    // what is missing (a flag, an environment variable) and asks programs (git).
    for path in rust_files(&root().join("core/src")) {
        let text = std::fs::read_to_string(&path).unwrap();
        for literal in string_literals(&text) {
            let flag = literal
                .match_indices("--")
                .any(|(at, _)| literal[at + 2..].starts_with(|c: char| c.is_ascii_lowercase()));
            assert!(!flag, "{} names a flag in {literal:?}", path.display());
        }
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for spawn in ["process::Command", "Command::new"] {
            assert!(!code.contains(spawn), "{} runs a program ({spawn})", path.display());
        }
    }
}
