//! `roadmap validate [FILE...]`: checks roadmap files and reports every
//! problem in each at once; with no FILE, also the roadmaps against the state
//! (`roadmap_core::check`). Errors stop it with exit 1; warnings and notes do not.

use roadmap_core::catalog::{self, Catalog};
use roadmap_core::check;
use roadmap_core::diagnostic::{Diagnostic, Severity};
use roadmap_core::roadmap::Roadmap;
use roadmap_core::{Error, ExitCode, Result};
use serde::Serialize;

use crate::cli::{ValidateArgs, ValidateFormat};
use crate::context::Context;
use crate::render::error::plural;
use crate::render::sanitize;

#[derive(Serialize)]
struct ValidateJson<'a> {
    ok: bool,
    roadmaps: Vec<RoadmapJson<'a>>,
    /// The state file checked, when no FILE was named.
    state: Option<StateJson>,
    problems: Vec<ProblemJson<'a>>,
}

#[derive(Serialize)]
struct RoadmapJson<'a> {
    id: &'a str,
    file: String,
    milestones: usize,
    steps: usize,
}

#[derive(Serialize)]
struct StateJson {
    path: String,
    changes: usize,
}

#[derive(Serialize)]
struct ProblemJson<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    severity: Severity,
    message: &'a str,
    hint: Option<&'a str>,
}

pub fn run(context: &Context, args: &ValidateArgs) -> Result<ExitCode> {
    // Problems are located in one state file, by its lines.
    if !context.global.workspaces.is_empty() {
        return Err(Error::usage(
            crate::i18n::t!(context.language, "workspaces-validate"),
            crate::i18n::t!(context.language, "workspaces-read-only-hint"),
        ));
    }
    // With no file named: the user's own roadmaps; a shipped one is checked
    // when named by its id (its warnings are not the user's to fix).
    let mut checked: Option<Vec<String>> = None;
    let (roadmaps, errors): (Vec<Roadmap>, Vec<Diagnostic>) = if args.files.is_empty() {
        match context.catalog() {
            Ok(catalog) => {
                checked = Some(
                    catalog
                        .roadmaps
                        .iter()
                        .filter(|r| matches!(r.origin, roadmap_core::roadmap::Origin::File { .. }))
                        .map(|r| r.id.clone())
                        .collect(),
                );
                (catalog.into_inner().into_owned().roadmaps, Vec::new())
            }
            Err(Error::Roadmaps(found)) => (Vec::new(), found),
            Err(other) => return Err(other),
        }
    } else {
        let mut good = Vec::new();
        let mut errors = Vec::new();
        let loaded = context.catalog().ok();
        for path in &args.files {
            let shipped = (!path.exists())
                .then(|| path.to_str())
                .flatten()
                .and_then(|id| loaded.as_ref()?.get(id))
                .filter(|r| matches!(r.origin, roadmap_core::roadmap::Origin::Shipped(_)))
                .cloned();
            if let Some(roadmap) = shipped {
                good.push(roadmap);
                continue;
            }
            match catalog::load_file(path) {
                Ok(roadmap) => good.push(roadmap),
                Err(found) => errors.extend(found),
            }
        }
        if errors.is_empty() {
            // The files are fine on their own; they must also load beside the others.
            if let Err(Error::Roadmaps(found)) = Catalog::load(&context.roadmap_dirs()) {
                errors.extend(found);
            }
        }
        (good, errors)
    };
    let catalog = Catalog { roadmaps };
    // The state is checked with the loaded roadmaps; files named on their own
    // are checked as they are.
    let checks_state = args.files.is_empty() && errors.is_empty();
    let read = if checks_state {
        Some(context.read_state()?)
    } else {
        None
    };
    let state = read
        .as_ref()
        .map_or_else(roadmap_core::state::State::default, |r| r.fold(&catalog));
    let in_scope = |r: &&Roadmap| checked.as_ref().is_none_or(|ids| ids.contains(&r.id));
    let mut warnings: Vec<Diagnostic> = catalog
        .roadmaps
        .iter()
        .filter(in_scope)
        .flat_map(|r| check::plan(r, &state))
        .collect();
    let state_path = read
        .as_ref()
        .map(|r| r.location.path.display().to_string())
        .unwrap_or_default();
    let state_found = match &read {
        Some(read) => check::state(&read.log, &state, &catalog, &state_path),
        None => Vec::new(),
    };
    if matches!(args.format, ValidateFormat::Gitlab | ValidateFormat::Github) {
        // Paths as the repository names them: relative to where CI runs.
        let relative = |path: &str| {
            std::path::Path::new(path)
                .strip_prefix(&context.cwd)
                .map_or_else(|_| path.to_string(), |p| p.display().to_string())
        };
        let problems: Vec<(&Diagnostic, String)> = errors
            .iter()
            .chain(&warnings)
            .chain(&state_found)
            .map(|d| (d, relative(&d.path)))
            .collect();
        let text = if args.format == ValidateFormat::Gitlab {
            crate::render::ci::gitlab(&problems)?
        } else {
            crate::render::ci::github(&problems)
        };
        context.terminal.emit(&text)?;
        return Ok(if errors.is_empty() {
            ExitCode::Success
        } else {
            ExitCode::Failure
        });
    }
    if args.format == ValidateFormat::Json {
        warnings.extend(state_found);
        let problems = errors
            .iter()
            .chain(&warnings)
            .map(|d| ProblemJson {
                file: &d.path,
                line: d.line,
                column: d.column,
                severity: d.severity,
                message: &d.message,
                hint: d.hint.as_deref(),
            })
            .collect();
        let json = ValidateJson {
            ok: errors.is_empty(),
            roadmaps: catalog
                .roadmaps
                .iter()
                .filter(in_scope)
                .map(|r| RoadmapJson {
                    id: &r.id,
                    file: r.origin.file_name(),
                    milestones: r.milestones.len(),
                    steps: r.step_count(),
                })
                .collect(),
            state: checks_state.then(|| StateJson {
                path: state_path.clone(),
                changes: state.ordered.len(),
            }),
            problems,
        };
        context.terminal.emit(&crate::render::json::to_string(&json)?)?;
        return Ok(if errors.is_empty() {
            ExitCode::Success
        } else {
            ExitCode::Failure
        });
    }
    let mut out: String = catalog.roadmaps.iter().filter(in_scope).map(summary).collect();
    if checked.as_ref().is_some_and(Vec::is_empty) && errors.is_empty() {
        out.push_str("no roadmaps of your own to check; name a shipped one to check it: roadmap validate hubs-sdk\n");
    }
    out.extend(warnings.iter().map(crate::render::error::diagnostic));
    if checks_state {
        out.push_str(&format!(
            "ok: state {state_path} ({})\n",
            plural(state.ordered.len(), "change", "changes")
        ));
        for d in &state_found {
            out.push_str(&format!(
                "{}: {}:{}: {}\n",
                d.severity.as_str(),
                sanitize(&d.path),
                d.line,
                sanitize(&d.message)
            ));
            if let Some(hint) = &d.hint {
                out.push_str(&format!("  = help: {}\n", sanitize(hint)));
            }
        }
    }
    context.terminal.emit(&out)?;
    if errors.is_empty() {
        Ok(ExitCode::Success)
    } else {
        Err(Error::Roadmaps(errors))
    }
}

fn summary(r: &Roadmap) -> String {
    format!(
        "ok: {} ({}): {}, {}\n",
        r.id,
        sanitize(&r.origin.describe()),
        plural(r.milestones.len(), "milestone", "milestones"),
        plural(r.step_count(), "step", "steps"),
    )
}
