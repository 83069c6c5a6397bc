//! `roadmap reattach RECORDED ADDR`: changes recorded on a step that has
//! since been reworded (or whose id changed) match nothing; this records that
//! they count for the step at ADDR from now on. The recorded lines stay as
//! they are: a `rekey` change is appended.

use roadmap_core::address::Address;
use roadmap_core::state::Op;
use roadmap_core::state::change::Change;
use roadmap_core::state::file::Written;
use roadmap_core::state::record::record;
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::ReattachArgs;
use crate::context::Context;
use crate::i18n::t;
use crate::render::{recorded as recorded_line, sanitize};

pub fn run(context: &Context, args: &ReattachArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let (address, _, milestone) = Address::resolve(&catalog, &args.to)?;
    let location = context.state_location()?;
    let (author, recorder) = context.author(&args.by, None, &location)?;
    let recorded_under = args.recorded.trim().trim_end_matches('/').to_string();
    let to = address.target(milestone);
    let mut count = 0;
    let recorded = record(
        &location.path,
        context.lock_timeout(),
        context.waiting_message(&location),
        &catalog,
        &author,
        |state| {
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
            Ok(vec![Change {
                to: Some(to.clone()),
                ..Change::new(recorded_under.clone(), Op::Rekey)
            }])
        },
    )?;
    let language = &context.language;
    let under = sanitize(&recorded_under).into_owned();
    let address = address.to_string();
    let out = match recorded.written {
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
            recorded_line(language, 1, &recorder, &location)
        ),
    };
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}
