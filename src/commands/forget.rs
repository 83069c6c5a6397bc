//! `roadmap forget NAME --as ALIAS [--notes]`: a person's name replaced by
//! an alias across the state file, as a request to be forgotten asks. The
//! one command that rewrites recorded lines: under the state's lock, the old
//! file kept beside it as a backup, the new one put in place atomically, and
//! a `forget` change recorded (with the alias, not the name).

use roadmap_core::state::event::{Event, FORGET_TARGET, Op, new_id};
use roadmap_core::state::file::{event_lines, rewrite};
use roadmap_core::state::forget::{Forgotten, forget};
use roadmap_core::target::Target;
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::ForgetArgs;
use crate::context::Context;
use crate::i18n::t;
use crate::render::sanitize;

pub fn run(context: &Context, args: &ForgetArgs) -> Result<ExitCode> {
    let language = &context.language;
    let alias = args.alias.trim();
    if alias.is_empty() || alias.trim().to_lowercase() == args.name.trim().to_lowercase() {
        return Err(Error::usage(
            t!(language, "forget-alias-empty"),
            t!(language, "forget-alias-hint"),
        ));
    }
    let location = context.state_location()?;
    let (author, _) = context.author(&args.by, None, &location)?;
    let stamp = author.now.format("%Y%m%dT%H%M%S");
    let mut backup_name = location.path.file_name().unwrap_or_default().to_os_string();
    backup_name.push(format!(".{stamp}.bak"));
    let backup = location.path.with_file_name(backup_name);
    let mut forgotten = Forgotten::default();
    let rewritten = rewrite(
        &location.path,
        context.lock_timeout(),
        context.waiting_message(&location),
        &backup,
        |bytes, version| {
            let Some((mut rewritten_file, count)) = forget(bytes, &args.name, alias, args.notes)? else {
                return Ok(None);
            };
            forgotten = count;
            let event = Event {
                id: new_id(),
                at: author.now,
                by: author.by.clone(),
                op: Op::Forget,
                target: Target::plan(FORGET_TARGET),
                note: None,
                on: None,
                prev: None,
                from: None,
                to: Some(alias.to_string()),
                text: None,
                risk: None,
                cost: None,
            };
            if rewritten_file.last().is_some_and(|b| *b != b'\n') {
                rewritten_file.push(b'\n');
            }
            rewritten_file.extend(event_lines(version, &[event])?);
            Ok(Some(rewritten_file))
        },
    )?;
    let name = sanitize(args.name.trim()).into_owned();
    let out = if rewritten {
        format!(
            "{}\n{}\n{}\n",
            t!(
                language,
                "forget-done",
                name = name,
                alias = sanitize(alias).into_owned(),
                changes = forgotten.by,
                notes = forgotten.notes,
                path = location.path.display().to_string()
            ),
            t!(language, "forget-backup", backup = backup.display().to_string()),
            t!(language, "forget-history")
        )
    } else {
        t!(language, "forget-nothing", name = name) + "\n"
    };
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}
