//! `roadmap rename OLD NEW`: one of the user's roadmaps gets a new id, and
//! its file the new name, to make room for the next customer's copy of the
//! same template. A `rename` change is recorded, so every change recorded
//! under OLD so far counts for NEW, in this clone and in every clone git
//! merges it into.

use roadmap_core::error::Doing;
use roadmap_core::roadmap::{Origin, edit, parse};
use roadmap_core::state::change::Change;
use roadmap_core::state::record::Roadmaps;
use roadmap_core::target::Target;
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::RenameArgs;
use crate::context::Context;
use crate::i18n::t;

pub fn run(context: &Context, args: &RenameArgs) -> Result<ExitCode> {
    let language = &context.language;
    let catalog = context.catalog()?;
    let roadmap = catalog.roadmap(&args.old)?;
    let Origin::File { path, .. } = &roadmap.origin else {
        return Err(Error::refused(
            t!(language, "rename-shipped", id = roadmap.id.as_str()),
            t!(
                language,
                "rename-shipped-hint",
                id = roadmap.id.as_str(),
                new = args.new.as_str()
            ),
        ));
    };
    if args.new == roadmap.id {
        return Err(Error::usage(
            t!(language, "rename-same", id = roadmap.id.as_str()),
            t!(language, "rename-same-hint"),
        ));
    }
    if let Some(other) = catalog.get(&args.new) {
        return Err(Error::refused(
            t!(
                language,
                "rename-taken",
                id = args.new.as_str(),
                path = other.origin.file_name()
            ),
            t!(language, "rename-taken-hint"),
        ));
    }
    // The file keeps its folder; it is named after the id when it was.
    let named_after_id = path.file_stem().is_some_and(|s| *s == *roadmap.id);
    let to = if named_after_id {
        path.with_file_name(format!("{}.toml", args.new))
    } else {
        path.clone()
    };
    let old_text = std::fs::read(path).doing(|| format!("cannot read {}", path.display()))?;
    let old_text = String::from_utf8_lossy(&old_text);
    let text = edit::set_head(&old_text, "id", &args.new)?;
    // What is written must load: checked before anything is written.
    let origin = Origin::File {
        path: to.clone(),
        replaces_shipped: false,
    };
    parse::parse(&to.display().to_string(), text.as_bytes(), origin).map_err(Error::Roadmaps)?;
    if named_after_id {
        roadmap_core::files::create(&to, text.as_bytes(), "the roadmap file")?;
    } else {
        roadmap_core::files::replace(&to, text.as_bytes(), "the roadmap file")?;
    }
    let mut count = 0;
    let recorded = context.record(Roadmaps::Every(&catalog), &args.by, None, |state| {
        count = state
            .ordered
            .iter()
            .filter(|c| c.target.roadmap() == roadmap.id)
            .count();
        Ok(vec![Change::Rename {
            from: Target::plan(&roadmap.id),
            to: Target::plan(&args.new),
        }])
    });
    let recording = match recorded {
        Ok(recording) => recording,
        Err(e) => {
            // Nothing recorded: the roadmap stays as it was.
            if named_after_id {
                let _ = std::fs::remove_file(&to);
            } else {
                let _ = roadmap_core::files::replace(path, old_text.as_bytes(), "the roadmap file");
            }
            return Err(e);
        }
    };
    if named_after_id {
        std::fs::remove_file(path).doing(|| format!("cannot remove {}", path.display()))?;
    }
    let out = format!(
        "{}\n{}\n",
        t!(
            language,
            "rename-done",
            old = roadmap.id.as_str(),
            new = args.new.as_str(),
            path = to.display().to_string(),
            count = count
        ),
        recording.confirmation(language)
    );
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}
