//! `roadmap validate [FILE...]`: checks roadmap files and reports every
//! problem in each at once, and the state file against the roadmaps.

use roadmap_core::address::Address;
use roadmap_core::catalog::{self, Catalog};
use roadmap_core::roadmap::Roadmap;
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::ValidateArgs;
use crate::context::Context;
use crate::render::{emit, plural, sanitize};

pub fn run(context: &Context, args: &ValidateArgs) -> Result<ExitCode> {
    if args.files.is_empty() {
        let catalog = context.catalog()?;
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
        Err(Error::Roadmaps(diagnostics))
    }
}

/// The state file against the roadmaps: changes to things the roadmaps no
/// longer have (kept, never dropped), and contradictions from merges.
fn check_state(context: &Context, catalog: &Catalog) -> Result<String> {
    let read = context.read_state()?;
    let state = read.fold();
    let path = read.location.path.display();
    let mut out = format!(
        "ok: state {path} ({})\n",
        plural(state.ordered.len(), "change", "changes")
    );
    let mut orphans: Vec<&str> = state.targets().filter(|t| !Address::exists_in(catalog, t)).collect();
    orphans.sort_unstable();
    for target in orphans {
        let line = read
            .log
            .events
            .iter()
            .position(|e| e.target == target)
            .map_or(0, |i| read.log.lines[i]);
        out.push_str(&format!(
            "warning: {path}:{line}: `{}` is not in the loaded roadmaps (was the roadmap edited?); its changes are kept\n",
            sanitize(target)
        ));
    }
    for c in state.contradictions() {
        let when = |e: &roadmap_core::state::Event| e.at.format("%Y-%m-%d %H:%M").to_string();
        let overruled: Vec<String> = c
            .overruled
            .iter()
            .map(|e| format!("{} by {} at {}", e.op.as_str(), sanitize(&e.by), when(e)))
            .collect();
        out.push_str(&format!(
            "note: `{}` was changed independently (on two branches?): {} and {} by {} at {}; the later change counts ({})\n",
            sanitize(c.target),
            overruled.join(", "),
            c.kept.op.as_str(),
            sanitize(&c.kept.by),
            when(c.kept),
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
                "ok: {} ({}): {}, {}\n",
                r.id,
                sanitize(&r.origin.describe()),
                plural(r.milestones.len(), "milestone", "milestones"),
                plural(r.step_count(), "step", "steps"),
            )
        })
        .collect()
}
