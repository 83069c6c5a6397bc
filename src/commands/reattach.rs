//! `roadmap reattach RECORDED ADDR`: changes recorded on a step that has
//! since been reworded (or whose id changed) match nothing; this records that
//! they count for the step at ADDR from now on. The recorded lines stay as
//! they are: a `rekey` change is appended.

use roadmap_core::address::Address;
use roadmap_core::state::Op;
use roadmap_core::state::change::Change;
use roadmap_core::state::file::Written;
use roadmap_core::target::Target;
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::ReattachArgs;
use crate::context::Context;
use crate::i18n::t;
use crate::render::sanitize;

pub fn run(context: &Context, args: &ReattachArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let given = args.recorded.trim().trim_end_matches('/');
    // A risk's changes can never count for a milestone or a step.
    let recorded_under: Target = match given.parse::<Target>() {
        Ok(target) if !target.is_work() => {
            return Err(Error::usage(
                format!(
                    "`{given}` is a {}; reattach moves the changes of a milestone or a step",
                    target.kind().name()
                ),
                "give what the changes were recorded under, as `roadmap validate` lists it: ROADMAP/MILESTONE or ROADMAP/MILESTONE/STEP",
            ));
        }
        Ok(target) => target,
        Err(_) => {
            return Err(Error::usage(
                format!("`{given}` is not a milestone or step the state records"),
                "give what the changes were recorded under, as `roadmap validate` lists it: ROADMAP/MILESTONE or ROADMAP/MILESTONE/STEP",
            ));
        }
    };
    let (address, _, milestone) = Address::resolve(&catalog, &args.to)?;
    let to = address.target(milestone);
    let mut count = 0;
    let recording = context.record(&catalog, &args.by, None, |state| {
        count = state
            .ordered
            .iter()
            .filter(|c| c.event.op != Op::Rekey && c.event.target == recorded_under)
            .count();
        if count == 0 {
            return Err(Error::refused(
                format!("no changes are recorded under `{recorded_under}`"),
                "`roadmap validate` lists the changes that no longer match a step, with what they were recorded under",
            ));
        }
        if state
            .ordered
            .iter()
            .any(|c| c.event.target == recorded_under && c.target == to)
        {
            return Ok(Vec::new());
        }
        Ok(vec![Change::Rekey {
            recorded: recorded_under.clone(),
            counts_for: to.clone(),
        }])
    })?;
    let language = &context.language;
    let under = sanitize(recorded_under.as_str()).into_owned();
    let address = address.to_string();
    let out = match recording.written {
        Written::Nothing => t!(language, "reattach-nothing", under = under, address = address) + "\n",
        Written::Appended(_) => format!(
            "{}\n{}\n",
            t!(
                language,
                "reattach-done",
                count = count,
                under = under,
                address = address
            ),
            recording.confirmation(language)
        ),
    };
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}
