//! `roadmap validate [FILE...]`: checks roadmap files and reports every
//! problem in each at once.

use anyhow::Result;

use super::Context;
use crate::cli::ValidateArgs;
use crate::exit_code::ExitCode;
use crate::roadmap::Roadmap;
use crate::roadmap::catalog::{self, Catalog, LoadError};
use crate::terminal::emit;

pub fn run(context: &Context, args: &ValidateArgs) -> Result<ExitCode> {
    if args.files.is_empty() {
        let catalog = context.catalog()?;
        emit(&summary(&catalog.roadmaps.iter().collect::<Vec<_>>()))?;
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

fn summary(roadmaps: &[&Roadmap]) -> String {
    roadmaps
        .iter()
        .map(|r| {
            format!(
                "ok: {} ({}): {} milestones, {} steps\n",
                r.id,
                r.origin.describe(),
                r.milestones.len(),
                r.step_count()
            )
        })
        .collect()
}
