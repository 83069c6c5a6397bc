//! `roadmap reattach RECORDED ADDR`: changes recorded on a step that has
//! since been reworded (or whose id changed), on a milestone whose id
//! changed, or on a roadmap renamed by hand match nothing; this records that
//! they count for the step, milestone (with its steps) or roadmap at ADDR
//! from now on. The recorded lines stay as they are: a `rekey` change (a
//! `rename` for a roadmap) is appended.

use roadmap_core::address::Address;
use roadmap_core::state::Op;
use roadmap_core::state::change::Change;
use roadmap_core::state::file::Written;
use roadmap_core::state::record::Roadmaps;
use roadmap_core::target::{Target, TargetKind};
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::ReattachArgs;
use crate::context::Context;
use crate::i18n::t;
use crate::render::sanitize;

pub fn run(context: &Context, args: &ReattachArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let given = args.recorded.trim().trim_end_matches('/');
    let hint = "give what the changes were recorded under, as `roadmap validate` lists it: ROADMAP, ROADMAP/MILESTONE or ROADMAP/MILESTONE/STEP";
    // A risk's changes can never count for a milestone or a step.
    let recorded_under: Target = match given.parse::<Target>() {
        Ok(target) if target.kind() == TargetKind::Risk => {
            return Err(Error::usage(
                format!("`{given}` is a risk; reattach moves the changes of a roadmap, a milestone or a step"),
                hint,
            ));
        }
        Ok(target) => target,
        Err(_) => {
            return Err(Error::usage(
                format!("`{given}` is not a roadmap, milestone or step the state records"),
                hint,
            ));
        }
    };
    // A roadmap goes to a roadmap, a milestone to a milestone, a step to a step.
    let (to, shown) = if recorded_under.kind() == TargetKind::Plan {
        let roadmap = catalog.roadmap(args.to.trim().trim_end_matches('/'))?;
        (Target::plan(&roadmap.id), roadmap.id.clone())
    } else {
        let (address, _, milestone) = Address::resolve(&catalog, &args.to)?;
        let to = address.target(milestone);
        if (recorded_under.kind() == TargetKind::Step) != (to.kind() == TargetKind::Step) {
            return Err(Error::usage(
                format!(
                    "`{recorded_under}` is a {} and `{address}` a {}",
                    recorded_under.kind().name(),
                    to.kind().name()
                ),
                "re-attach a step to a step, a milestone (with its steps) to a milestone, a roadmap to a roadmap",
            ));
        }
        (to, address.to_string())
    };
    let mut count = 0;
    let recording = context.record(Roadmaps::Every(&catalog), &args.by, None, |state| {
        let under: Vec<_> = state
            .ordered
            .iter()
            .filter(|c| !matches!(c.event.op, Op::Rekey | Op::Rename) && c.event.target.lies_under(&recorded_under))
            .collect();
        count = under.len();
        if count == 0 {
            return Err(Error::refused(
                format!("no changes are recorded under `{recorded_under}`"),
                "`roadmap validate` lists the changes that no longer match a step, with what they were recorded under",
            ));
        }
        if under.iter().all(|c| c.target.lies_under(&to)) {
            return Ok(Vec::new());
        }
        Ok(vec![if to.kind() == TargetKind::Plan {
            Change::Rename {
                from: recorded_under.clone(),
                to: to.clone(),
            }
        } else {
            Change::Rekey {
                recorded: recorded_under.clone(),
                counts_for: to.clone(),
            }
        }])
    })?;
    let language = &context.language;
    let under = sanitize(recorded_under.as_str()).into_owned();
    let out = match recording.written {
        Written::Nothing => t!(language, "reattach-nothing", under = under, address = shown) + "\n",
        Written::Appended(_) => format!(
            "{}\n{}\n",
            t!(language, "reattach-done", count = count, under = under, address = shown),
            recording.confirmation(language)
        ),
    };
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}
