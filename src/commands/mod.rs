//! One module per subcommand, dispatched by one `match`.

mod checklist;
mod export;
mod init;
mod json;
mod list;
mod log;
mod mark;
mod overdue;
mod report;
mod reschedule;
mod show;
mod slips;
mod status;
mod tick;
mod timeline;
mod validate;
mod view;
mod where_;

use std::path::PathBuf;

use std::time::Duration;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use crate::cli::{ByArg, Cli, Command, GlobalArgs};
use crate::exit_code::ExitCode;
use crate::roadmap::catalog::Catalog;
use crate::state::change::{self, Author};
use crate::state::location::{self, Location};
use crate::terminal::Terminal;

/// What every command may need: the flags shared by all, and the terminal.
pub struct Context {
    pub global: GlobalArgs,
    pub terminal: Terminal,
}

impl Context {
    /// The roadmap directories: the workspace's, ROADMAP_PATH's, then `--roadmaps`'.
    pub fn roadmap_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = default_roadmap_dirs();
        dirs.extend(self.global.roadmap_dirs.iter().cloned());
        dirs
    }

    pub fn catalog(&self) -> Result<Catalog> {
        Ok(Catalog::load(&self.roadmap_dirs())?)
    }

    pub fn state_location(&self) -> Result<Location> {
        let cwd = std::env::current_dir().context("cannot tell the current directory")?;
        location::locate(
            self.global.state.as_deref(),
            std::env::var_os("ROADMAP_STATE").map(PathBuf::from),
            &cwd,
        )
    }

    pub fn lock_timeout(&self) -> Result<Option<Duration>> {
        self.global
            .lock_timeout
            .map(|s| {
                Duration::try_from_secs_f64(s).map_err(|_| {
                    crate::advice(
                        format!("--lock-timeout {s} is not a duration"),
                        "give seconds, like 10 or 0.5",
                    )
                })
            })
            .transpose()
    }

    /// Today, or the day `--today` / `ROADMAP_TODAY` fixes.
    pub fn today(&self) -> NaiveDate {
        self.global.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Who and when for the changes of one command.
    pub fn author(&self, by: &ByArg, on: Option<NaiveDate>) -> Author {
        let by = by
            .by
            .clone()
            .or_else(|| std::env::var("ROADMAP_USER").ok())
            .or_else(|| {
                ["USER", "USERNAME", "LOGNAME"]
                    .iter()
                    .find_map(|v| std::env::var(v).ok())
            })
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| "unknown".into());
        // ROADMAP_NOW fixes the clock for reproducible state files (tests, demos).
        let now = std::env::var("ROADMAP_NOW")
            .ok()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
            .map_or_else(change::now, |t| t.to_utc());
        Author { by, now, on }
    }
}

/// The roadmap directories that need no flag: the nearest workspace's
/// `roadmaps/` folder, then ROADMAP_PATH's.
pub fn default_roadmap_dirs() -> Vec<PathBuf> {
    let workspace = std::env::current_dir()
        .ok()
        .and_then(|cwd| location::find_workspace(&cwd))
        .map(|w| w.join(location::ROADMAPS_DIR))
        .filter(|d| d.is_dir());
    let from_env = std::env::var_os("ROADMAP_PATH")
        .map(|path| {
            std::env::split_paths(&path)
                .filter(|p| !p.as_os_str().is_empty())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    workspace.into_iter().chain(from_env).collect()
}

pub fn execute(cli: Cli, terminal: Terminal) -> Result<ExitCode> {
    let context = Context {
        global: cli.global,
        terminal,
    };
    match cli.command {
        Command::List(args) => list::run(&context, &args),
        Command::Show(args) => show::run(&context, &args),
        Command::Validate(args) => validate::run(&context, &args),
        Command::Status(args) => status::run(&context, &args),
        Command::Checklist(args) => checklist::run(&context, &args),
        Command::Timeline(args) => timeline::run(&context, &args),
        Command::Overdue(args) => overdue::run(&context, &args),
        Command::Report(args) => report::run(&context, &args),
        Command::Init(args) => init::run(&context, &args),
        Command::Reschedule(args) => reschedule::run(&context, &args),
        Command::Slips(args) => slips::run(&context, &args),
        Command::Export(args) => export::run(&context, &args),
        Command::Completions(args) => {
            crate::terminal::emit(&crate::completion::script(args.shell)?)?;
            Ok(ExitCode::Success)
        }
        Command::Where(args) => where_::run(&context, &args),
        Command::Done(args) => mark::done(&context, &args),
        Command::Reopen(args) => mark::reopen(&context, &args),
        Command::Skip(args) => mark::skip(&context, &args),
        Command::Note(args) => mark::note(&context, &args),
        Command::Tick(args) => tick::run(&context, &args),
        Command::Log(args) => log::run(&context, &args),
    }
}

/// The roadmap with `id`, or an error that lists the ids there are.
pub fn find_roadmap<'c>(catalog: &'c Catalog, id: &str) -> Result<&'c crate::roadmap::Roadmap> {
    catalog.get(id).ok_or_else(|| unknown_roadmap(id, catalog.ids()))
}

/// The error for a roadmap id that is not one of `ids`, suggesting the nearest.
pub fn unknown_roadmap<'a>(id: &str, ids: impl Iterator<Item = &'a str> + Clone) -> anyhow::Error {
    let hint = crate::diagnostic::did_you_mean(id, ids.clone())
        .unwrap_or_else(|| format!("the loaded roadmaps are {}", ids.collect::<Vec<_>>().join(", ")));
    crate::advice(format!("no roadmap `{id}`"), hint)
}

/// A table in GitHub-flavoured Markdown, never wrapped (Markdown wraps itself).
pub fn markdown_table() -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table
        .load_preset(comfy_table::presets::ASCII_MARKDOWN)
        .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
        .force_no_tty();
    table
}

/// The longest text a table cell shows. Laying out a table is slow for very
/// long unbroken words, and nobody reads a 1 MB title in a table anyway.
const CELL_LIMIT: usize = 8000;

/// Text from a roadmap file made safe for one table cell in `format`.
pub fn cell(format: crate::cli::Format, text: &str) -> String {
    let shown = match text.char_indices().nth(CELL_LIMIT) {
        Some((cut, _)) => {
            let rest = text[cut..].chars().count();
            std::borrow::Cow::Owned(format!(
                "{}… ({rest} more characters; --format json shows all)",
                &text[..cut]
            ))
        }
        None => std::borrow::Cow::Borrowed(text),
    };
    let safe = crate::terminal::sanitize(&shown);
    match format {
        crate::cli::Format::Markdown => safe.replace('|', "\\|").replace("\r\n", "\n").replace('\n', "<br>"),
        _ => safe.replace('\t', "    "),
    }
}

/// `cell` without a copy when the text needs no change, as most text does:
/// for tables written row by row (`overdue`).
pub fn cell_text(format: crate::cli::Format, text: &str) -> std::borrow::Cow<'_, str> {
    let markdown = format == crate::cli::Format::Markdown;
    // Only these bytes can start what `cell` changes: ASCII controls and tab
    // (and line breaks in Markdown), `|` in Markdown, and the UTF-8 lead bytes of C1 controls (0xC2) and of
    // the bidirectional controls (0xE2). Text without them is left as it is.
    let suspect = |b: &u8| {
        (*b < 0x20 && (markdown || *b != b'\n')) || *b == 0x7f || *b == 0xc2 || *b == 0xe2 || (markdown && *b == b'|')
    };
    let special = |c: char| {
        if markdown {
            matches!(c, '|' | '\n' | '\r')
        } else {
            c == '\t'
        }
    };
    let unchanged = text.len() <= CELL_LIMIT
        // `fold` rather than `any`: no early exit, so the scan runs on whole vectors.
        && (!text.as_bytes().iter().fold(false, |seen, b| seen | suspect(b))
            || !text.chars().any(|c| special(c) || crate::terminal::is_unsafe(c)));
    if unchanged {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(cell(format, text))
    }
}

/// A table for `format`: the terminal's, or a Markdown one.
pub fn table_for(context: &Context, format: crate::cli::Format) -> comfy_table::Table {
    match format {
        crate::cli::Format::Markdown => markdown_table(),
        _ => context.terminal.table(),
    }
}

/// Writes a command's output to FILE (atomically) or to stdout.
pub fn write_output(file: Option<&std::path::Path>, text: &str) -> Result<()> {
    match file {
        Some(path) => {
            crate::atomic_write::write(path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        None => crate::terminal::emit(text)?,
    }
    Ok(())
}

/// The milestone with `id`, or an error that suggests the nearest id.
pub fn find_milestone<'r>(roadmap: &'r crate::roadmap::Roadmap, id: &str) -> Result<&'r crate::roadmap::Milestone> {
    roadmap.milestone(id).ok_or_else(|| {
        let ids = roadmap.milestones.iter().map(|m| m.id.as_str());
        let hint = crate::diagnostic::did_you_mean(id, ids)
            .unwrap_or_else(|| format!("see the milestone ids with `roadmap show {}`", roadmap.id));
        crate::advice(format!("no milestone `{id}` in roadmap `{}`", roadmap.id), hint)
    })
}
