//! `roadmap init [ROADMAP]`: a `.roadmap/` workspace in the current
//! directory, set up to be committed (the state file merges with
//! `merge=union`, so two people who tick different steps on two branches merge
//! with no conflict); with a ROADMAP, a copy of it as the user's own plan,
//! placed in time with `--start` or `--year`.

use std::path::Path;

use roadmap_core::catalog::{Catalog, SHIPPED};
use roadmap_core::error::Doing;
use roadmap_core::roadmap::{Origin, Roadmap, edit, parse};
use roadmap_core::state::file::{BASE_VERSION, lock_path};
use roadmap_core::workspace::{ROADMAPS_DIR, STATE_FILE, WORKSPACE_DIR};
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::InitArgs;
use crate::context::Context;
use crate::i18n::{Language, Why, t};

pub fn run(context: &Context, args: &InitArgs) -> Result<ExitCode> {
    let language = &context.language;
    let dir = context.cwd.join(WORKSPACE_DIR);
    let mut out = workspace(language, &dir)?;
    // Calendar events carry it, so two workspaces' events never collide.
    let (id, written) = roadmap_core::config::ensure_workspace_id(&dir)?;
    if written {
        out.push_str(&t!(
            language,
            "init-workspace-id",
            path = format!("{WORKSPACE_DIR}/{}", roadmap_core::config::CONFIG_FILE),
            id = id
        ));
        out.push('\n');
    }
    // `roadmap init --lang sv`: the workspace speaks Swedish from now on.
    if language.why == Why::Flag {
        let path = roadmap_core::config::set_language(&dir, language.lang)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push_str(&t!(
            language,
            "init-language",
            path = format!("{WORKSPACE_DIR}/{name}"),
            language = language.lang.code()
        ));
        out.push('\n');
    }
    if let Some(id) = &args.roadmap {
        let catalog = context.catalog()?;
        let roadmap = catalog.roadmap(id)?;
        out.push_str(&adopt(language, &dir, &catalog, roadmap, args)?);
    }
    out.push_str(&t!(language, "init-ready", folder = format!("{WORKSPACE_DIR}/")));
    out.push('\n');
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}

fn workspace(language: &Language, dir: &Path) -> Result<String> {
    // The folder for the user's own roadmaps, which the workspace's README describes.
    let roadmaps = dir.join(ROADMAPS_DIR);
    std::fs::create_dir_all(&roadmaps).doing(|| format!("cannot create {}", roadmaps.display()))?;
    let lock_name = lock_path(Path::new(STATE_FILE)).display().to_string();
    let files = [
        (
            STATE_FILE.to_string(),
            format!("{{\"roadmap_state\":{BASE_VERSION}}}\n"),
        ),
        (
            ".gitattributes".to_string(),
            format!(
                "# {}\n{STATE_FILE} merge=union\n",
                t!(language, "init-gitattributes-comment")
            ),
        ),
        (
            ".gitignore".to_string(),
            format!(
                "{lock_name}\n.roadmap-*.tmp\n# What `roadmap forget` keeps of the file as it was: not to be shared.\n*.bak\n"
            ),
        ),
        (
            "README.md".to_string(),
            t!(
                language,
                "init-readme",
                state = STATE_FILE,
                roadmaps = format!("{ROADMAPS_DIR}/")
            ) + "\n",
        ),
    ];
    let mut out = String::new();
    for (name, content) in files {
        let path = dir.join(&name);
        let shown = format!("{WORKSPACE_DIR}/{name}");
        if path.exists() {
            out.push_str(&t!(language, "init-kept", path = shown));
        } else {
            std::fs::write(&path, content).doing(|| format!("cannot write {}", path.display()))?;
            out.push_str(&t!(language, "init-created", path = shown));
        }
        out.push('\n');
    }
    Ok(out)
}

/// Copies `roadmap` into the workspace, keeping its comments and layout,
/// under its own id or `--id` (one template, a copy per customer).
fn adopt(language: &Language, dir: &Path, catalog: &Catalog, roadmap: &Roadmap, args: &InitArgs) -> Result<String> {
    let id = args.id.as_deref().unwrap_or(&roadmap.id);
    let target = dir.join(ROADMAPS_DIR).join(format!("{id}.toml"));
    let shown = format!("{WORKSPACE_DIR}/{ROADMAPS_DIR}/{id}.toml");
    let taken = catalog
        .get(id)
        .filter(|other| matches!(other.origin, Origin::File { .. }) || other.id != roadmap.id);
    if target.exists() || taken.is_some() {
        let by = taken.map_or_else(|| shown.clone(), |other| other.origin.file_name());
        return Err(Error::refused(
            t!(language, "init-taken", id = id, path = by),
            t!(language, "init-taken-hint", template = roadmap.id.as_str(), id = id),
        ));
    }
    let original = match &roadmap.origin {
        Origin::Shipped(name) => SHIPPED
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, text)| (*text).to_string())
            .unwrap_or_default(),
        Origin::File { path, .. } => {
            std::fs::read_to_string(path).doing(|| format!("cannot read {}", path.display()))?
        }
    };
    let mut out = String::new();
    let (text, how) = match (&args.start, args.year) {
        (Some(monday), _) => {
            let (text, moved) = edit::place_weeks(&original, *monday).map_err(|e| {
                Error::refused(
                    format!("cannot place `{}`: {e}", roadmap.id),
                    "--start places a week plan (V13-14 …); for dated plans use `roadmap reschedule`",
                )
            })?;
            for m in &moved {
                out.push_str(&t!(
                    language,
                    "init-placed",
                    address = format!("{id}/{}", m.milestone),
                    from = m.from.as_deref().unwrap_or("?"),
                    to = m.to.as_str()
                ));
                out.push('\n');
            }
            (text, format!(" --start {}", edit::week_label(*monday)))
        }
        (None, Some(year)) => (edit::set_year(&original, year)?, format!(" --year {year}")),
        (None, None) => (original, String::new()),
    };
    let how = match (&args.id, &args.organisation) {
        (Some(id), _) if *id != roadmap.id => format!(" --id {id}{how}"),
        _ => how,
    };
    let how = match &args.organisation {
        Some(name) => format!("{how} --organisation \"{name}\""),
        None => how,
    };
    let command = format!("roadmap init {}{how}", roadmap.id);
    let comment = match &roadmap.origin {
        Origin::Shipped(_) => t!(
            language,
            "init-adopted-shipped",
            id = roadmap.id.as_str(),
            command = command
        ),
        Origin::File { path, .. } => {
            t!(
                language,
                "init-adopted-file",
                path = path.display().to_string(),
                command = command
            )
        }
    };
    let text = if id == roadmap.id {
        text
    } else {
        edit::set_head(&text, "id", id)?
    };
    let text = match &args.organisation {
        Some(name) => edit::set_head(&text, "organisation", name)?,
        None => text,
    };
    // Steps with ids keep their progress when they are reworded or moved.
    let (text, named) = edit::name_steps(&text)?;
    if named > 0 {
        out.push_str(&t!(language, "init-named", id = id, count = named));
        out.push('\n');
    }
    let text = format!("# {comment}\n{text}");
    // Whatever was placed must load: check before writing anything.
    let origin = Origin::File {
        path: target.clone(),
        replaces_shipped: false,
    };
    parse::parse(&shown, text.as_bytes(), origin).map_err(Error::Roadmaps)?;
    std::fs::create_dir_all(target.parent().unwrap_or(dir)).doing(|| format!("cannot create {}", dir.display()))?;
    roadmap_core::files::create(&target, text.as_bytes(), "the roadmap file")?;
    out.push_str(&if id == roadmap.id {
        t!(language, "init-created-copy", path = shown, id = id)
    } else {
        t!(
            language,
            "init-created-named",
            path = shown,
            id = id,
            template = roadmap.id.as_str()
        )
    });
    out.push('\n');
    Ok(out)
}
