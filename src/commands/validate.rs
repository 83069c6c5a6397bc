//! `roadmap validate [FILE...]`: checks roadmap files and reports every
//! problem in each at once.

use anyhow::Result;

use super::Context;
use crate::address::Address;
use crate::cli::ValidateArgs;
use crate::exit_code::ExitCode;
use crate::roadmap::Roadmap;
use crate::roadmap::catalog::{self, Catalog, LoadError};
use crate::state::{State, file};
use crate::terminal::emit;

pub fn run(context: &Context, args: &ValidateArgs) -> Result<ExitCode> {
    if args.files.is_empty() {
        // Every file parsed, whatever the cache holds: this is the command people run when in doubt.
        let catalog = Catalog::load_fresh(&context.roadmap_dirs())?;
        let mut out = summary(&catalog.roadmaps.iter().collect::<Vec<_>>());
        out.push_str(&check_state(context, &catalog)?);
        emit(&out)?;
        return Ok(ExitCode::Success);
    }
    let mut good = Vec::new();
    let mut diagnostics = Vec::new();
    for path in &args.files {
        match catalog::load_file(path) {
            Ok(roadmap) => good.push(roadmap),
            Err(found) => diagnostics.extend(found),
        }
    }
    emit(&summary(&good.iter().collect::<Vec<_>>()))?;
    if diagnostics.is_empty() {
        // The files are fine on their own; they must also load beside the others.
        let _ = Catalog::load(&context.roadmap_dirs())?;
        Ok(ExitCode::Success)
    } else {
        Err(LoadError { diagnostics }.into())
    }
}

/// The state file against the roadmaps: changes to things the roadmaps no
/// longer have (kept, never dropped), and contradictions from merges.
fn check_state(context: &Context, catalog: &Catalog) -> Result<String> {
    let location = context.state_location()?;
    let log = file::read(&location.path)?;
    let state = State::fold(&log.events);
    let mut out = format!(
        "ok: state {} ({} change{})\n",
        location.path.display(),
        state.ordered.len(),
        if state.ordered.len() == 1 { "" } else { "s" }
    );
    let mut orphans: Vec<&str> = state.targets().filter(|t| !Address::exists_in(catalog, t)).collect();
    orphans.sort_unstable();
    for target in orphans {
        let line = log
            .events
            .iter()
            .position(|e| e.target == target)
            .map_or(0, |i| log.lines[i]);
        out.push_str(&format!(
            "warning: {}:{line}: `{target}` is not in the loaded roadmaps (was the roadmap edited?); its changes are kept\n",
            location.path.display()
        ));
    }
    for c in state.contradictions() {
        let overruled: Vec<String> = c
            .overruled
            .iter()
            .map(|e| format!("{} by {} at {}", e.op.as_str(), e.by, e.at.format("%Y-%m-%d %H:%M")))
            .collect();
        out.push_str(&format!(
            "note: `{}` was changed independently (on two branches?): {} and {} by {} at {}; the later change counts ({})\n",
            c.target,
            overruled.join(", "),
            c.kept.op.as_str(),
            c.kept.by,
            c.kept.at.format("%Y-%m-%d %H:%M"),
            c.kept.op.as_str(),
        ));
    }
    Ok(out)
}

fn summary(roadmaps: &[&Roadmap]) -> String {
    roadmaps
        .iter()
        .map(|r| {
            format!(
                "ok: {} ({}): {} milestone{}, {} step{}\n",
                r.id,
                r.origin.describe(),
                r.milestones.len(),
                if r.milestones.len() == 1 { "" } else { "s" },
                r.step_count(),
                if r.step_count() == 1 { "" } else { "s" }
            )
        })
        .collect()
}
