//! Shell completion: the scripts (`roadmap completions SHELL`), which call
//! back into `roadmap` while completing, so that addresses complete from the
//! loaded roadmaps: `roadmap done hubs-sdk/<TAB>` offers the milestones,
//! `hubs-sdk/projektstart/<TAB>` the step numbers, with titles as help.

use std::ffi::OsStr;

use clap_complete::CompletionCandidate;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use roadmap_core::catalog::Catalog;
use roadmap_core::workspace;

/// The environment variable that turns a run into a completion request.
pub const VAR: &str = "COMPLETE";

/// The registration script for `shell`. It calls `roadmap` on the PATH, so
/// the script stays the same wherever the binary is installed.
pub fn script(shell: clap_complete::Shell) -> std::io::Result<String> {
    let completer: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Zsh => &Zsh,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::PowerShell => &Powershell,
        clap_complete::Shell::Elvish => &Elvish,
        // Bash, and any shell clap_complete adds later.
        _ => &Bash,
    };
    let mut buf = Vec::new();
    completer.write_registration(VAR, "roadmap", "roadmap", "roadmap", &mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// Answers a completion request if this run is one (and then exits).
pub fn complete_if_asked() {
    clap_complete::CompleteEnv::with_factory(crate::cli::command)
        .var(VAR)
        .completer("roadmap")
        .bin("roadmap")
        .complete();
}

/// The roadmaps a completion offers: those of the folders that load without a
/// flag (the shell gives no flags to a completion request).
fn catalog() -> Option<Catalog> {
    let cwd = std::env::current_dir().ok()?;
    Catalog::load(&workspace::roadmap_dirs(&cwd, std::env::var_os("ROADMAP_PATH"), &[])).ok()
}

/// Candidates for a roadmap id, a milestone address or a step address.
pub fn address(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    // Completion must never fail loudly: a broken file just means no candidates.
    let Some(catalog) = catalog() else {
        return Vec::new();
    };
    let parts = roadmap_core::target::typed_parts(current);
    let candidate = |value: String, help: &str| {
        CompletionCandidate::new(value).help(Some(crate::render::sanitize(help).into_owned().into()))
    };
    match parts.as_slice() {
        [prefix] => catalog
            .roadmaps
            .iter()
            .filter(|r| r.id.starts_with(prefix))
            .map(|r| candidate(format!("{}/", r.id), &r.title))
            .collect(),
        [roadmap, prefix] => catalog.get(roadmap).map_or_else(Vec::new, |r| {
            r.milestones
                .iter()
                .filter(|m| m.id.starts_with(prefix))
                .map(|m| candidate(format!("{}/{}", r.id, m.id), &m.title))
                .collect()
        }),
        [roadmap, milestone, prefix] => {
            catalog
                .get(roadmap)
                .and_then(|r| r.milestone(milestone))
                .map_or_else(Vec::new, |m| {
                    m.steps
                        .iter()
                        .enumerate()
                        .map(|(i, s)| (i + 1, s))
                        .filter(|(n, _)| n.to_string().starts_with(prefix))
                        .map(|(n, s)| candidate(format!("{roadmap}/{milestone}/{n}"), &s.text))
                        .collect()
                })
        }
        _ => Vec::new(),
    }
}

/// Candidates for a roadmap id alone.
pub fn roadmap_id(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    let Some(catalog) = catalog() else {
        return Vec::new();
    };
    catalog
        .roadmaps
        .iter()
        .filter(|r| r.id.starts_with(current))
        .map(|r| {
            CompletionCandidate::new(r.id.as_str()).help(Some(crate::render::sanitize(&r.title).into_owned().into()))
        })
        .collect()
}
