//! `roadmap import FILE`: a roadmap file written from the plan table of an
//! Excel or `LibreOffice` workbook, a Word document, a CSV or a Markdown file,
//! then checked by the same parser `validate` uses before it is written.

use roadmap_core::files::IMPORT_LIMIT;
use roadmap_core::import::choose::{Chosen, NotAPlan, choose};
use roadmap_core::import::read::{self, Kind, Table};
use roadmap_core::import::risks::{import_risks, risk_rows};
use roadmap_core::import::toml::{self, Head, Wording};
use roadmap_core::import::update::{self, Difference};
use roadmap_core::import::{Key, Named, Plan};
use roadmap_core::roadmap::{Origin, parse};
use roadmap_core::state::change::Change;
use roadmap_core::state::record::Roadmaps;
use roadmap_core::target::Target;
use roadmap_core::workspace::{self, ROADMAPS_DIR};
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::ImportArgs;
use crate::context::Context;
use crate::i18n::{Language, Why, t};

pub fn run(context: &Context, args: &ImportArgs) -> Result<ExitCode> {
    let language = &context.language;
    let file = &args.file;
    let shown = file.display().to_string();
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let kind = Kind::of(&name).ok_or_else(|| {
        Error::usage(
            format!("cannot import {shown}: not a kind of file roadmap reads"),
            "save the plan as .xlsx, .ods, .docx, .csv, .md or MS Project XML (.xml), or give one of those",
        )
    })?;
    let named = named_columns(&args.columns)?;
    let bytes = roadmap_core::files::read(file, IMPORT_LIMIT, "the plan")?.ok_or_else(|| {
        Error::usage(
            format!("cannot import {shown}: there is no such file"),
            "check the path; a name with spaces needs quotes",
        )
    })?;
    // In a Word or Markdown document a plan can be several tables, one per section.
    let sections = matches!(kind, Kind::Word | Kind::Markdown);
    let (
        tables,
        Chosen {
            plan,
            tables: read_tables,
        },
    ) = if kind == Kind::Project {
        // A project plan is read whole: phases and dependencies come with it.
        let (plan, table) = roadmap_core::import::project::plan(&bytes).map_err(|why| {
            Error::refused(
                format!("cannot read {shown}: {why}"),
                "export it again as MS Project XML from MS Project, ProjectLibre or GanttProject",
            )
        })?;
        (vec![table], Chosen { plan, tables: vec![1] })
    } else {
        let tables = read::tables(kind, &bytes).map_err(|why| {
            Error::refused(
                format!("cannot read {shown}: {why}"),
                "open it in its program and save it again, or save the table as CSV and import that",
            )
        })?;
        if args.risks {
            return risks(context, args, &tables, &name, &shown);
        }
        let chosen =
            choose(&tables, args.table.as_deref(), &named, sections).map_err(|why| not_a_plan(why, &tables, &shown))?;
        (tables, chosen)
    };
    let table = &tables[read_tables[0] - 1];
    let merged = read_tables.len() > 1;
    let table_label = |language: &Language| {
        if merged {
            let numbers: Vec<String> = read_tables.iter().map(ToString::to_string).collect();
            t!(language, "import-tables", tables = numbers.join(", "))
        } else if table.name.trim().is_empty() {
            t!(language, "import-table", table = read_tables[0].to_string())
        } else {
            t!(language, "import-table", table = table.name.trim())
        }
    };

    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    let id = match &args.id {
        Some(id) if parse::is_valid_id(id) => id.clone(),
        Some(id) => {
            return Err(Error::usage(
                format!("`{id}` is not a roadmap id"),
                "an id is letters a-z, digits, `-`, `_` and `.`, like kundportal-2027",
            ));
        }
        None => roadmap_core::roadmap::edit::id_from(stem),
    };
    // A document's heading names its table; a sheet's name ("Blad1") seldom names the plan.
    let heading = Some(table.name.trim().to_string()).filter(|n| !n.is_empty() && !merged && sections);
    let title = args
        .title
        .clone()
        .or(heading)
        .or_else(|| plan.title_row.clone())
        .unwrap_or_else(|| stem.to_string());
    // The file's own words are in the plan's language, as the plan's are.
    let plan_language = plan.language.map(|l| Language::new(l, Why::Default));
    let words_in = plan_language.as_ref().unwrap_or(language);
    let in_workspace = workspace::find_workspace(&context.cwd);
    let target = match &args.output {
        Some(path) => path.clone(),
        None => match &in_workspace {
            Some(dir) => dir.join(ROADMAPS_DIR).join(format!("{id}.toml")),
            None => context.cwd.join(format!("{id}.toml")),
        },
    };
    let written = target.display().to_string();
    let origin = Origin::File {
        path: target.clone(),
        replaces_shipped: false,
    };
    // Imported again: the roadmap the earlier import wrote, and its progress.
    let old = if args.update { Some(earlier(&target)?) } else { None };
    let (plan, differences, dropped) = match &old {
        Some(old) => {
            let (catalog, read) = context.read()?;
            let state = read.fold(&catalog);
            let updated = update::update(catalog.get(&old.id).unwrap_or(old), plan, &state);
            (updated.plan, updated.differences, updated.dropped)
        }
        None => (plan, Vec::new(), Vec::new()),
    };
    let head = match &old {
        Some(old) => Head {
            id: &old.id,
            title: args.title.as_deref().unwrap_or(&old.title),
            language: &old.language,
            source: &name,
            year: plan.year,
            organisation: old.organisation.as_deref(),
            note: old.note.as_deref(),
            budget_tkr: old.budget_tkr.map(roadmap_core::roadmap::Cost::value),
            parties: &old.parties,
        },
        None => Head {
            id: &id,
            title: &title,
            language: plan.language.unwrap_or(language.lang).code(),
            source: &name,
            year: plan.year,
            organisation: None,
            note: None,
            budget_tkr: None,
            parties: &[],
        },
    };
    let id = head.id.to_string();
    let in_file = table_label(words_in);
    let text = toml::write(&plan, &head, &|w| wording(words_in, w, &name, &in_file));
    // Whatever is written must load beside the rest, as loading will check it.
    if text.len() as u64 > roadmap_core::files::ROADMAP_LIMIT {
        return Err(Error::refused(
            format!(
                "the roadmap from {shown} would be {} MiB, more than the {} MiB a roadmap file may be; nothing was written",
                (text.len() as u64).div_ceil(1 << 20),
                roadmap_core::files::ROADMAP_LIMIT >> 20
            ),
            "a cell of the table holds far more than a plan does: check that it is the file you meant",
        ));
    }
    parse::parse(&written, text.as_bytes(), origin).map_err(Error::Roadmaps)?;
    let replaces_shipped = old.is_none() && clash(context, &id, &target)?;

    let mut summary = summary(
        language,
        &plan,
        &shown,
        &table_label(language),
        tables.len() - read_tables.len(),
    );
    for (i, other) in tables.iter().enumerate() {
        if !read_tables.contains(&(i + 1)) && risk_rows(other).is_some() {
            summary.push_str(&t!(
                language,
                "import-risks-offered",
                table = other.name.trim(),
                command = format!("roadmap import {shown} --risks")
            ));
            summary.push('\n');
        }
    }
    if old.is_some() {
        summary.push_str(&differences_text(language, &differences));
    }
    if !dropped.is_empty() && !args.remove_missing {
        let list: Vec<String> = dropped
            .iter()
            .map(|d| {
                t!(
                    language,
                    "import-dropped-item",
                    title = d.title.as_str(),
                    id = d.id.as_str(),
                    count = d.changes
                )
            })
            .collect();
        crate::render::say(&summary);
        return Err(Error::refused(
            format!(
                "progress is recorded on milestones the sheet no longer has: {}; nothing was written",
                list.join(", ")
            ),
            "put the rows back in the sheet, or give --remove-missing to remove them anyway (their changes stay in the state file, and `roadmap validate` lists them as no longer matching)",
        ));
    }
    let statuses = if args.no_status {
        0
    } else {
        plan.milestones.iter().filter(|m| m.status.is_some()).count()
    };
    let moves = differences.iter().any(|d| matches!(d, Difference::Moved { .. }));
    if args.dry_run {
        crate::render::say(&summary);
        context.terminal.emit(&text)?;
        return Ok(ExitCode::Success);
    }
    // A device or a folder is no roadmap file, with --force or without.
    roadmap_core::files::check(&target, "the roadmap file")?;
    if old.is_none() && target.exists() && !args.force {
        return Err(Error::refused(
            format!("{written} exists already; nothing was written"),
            "give --update to import it again keeping its progress, --force to replace it, -o for another file, or --dry-run to see the result",
        ));
    }
    if old.is_some() && !args.yes {
        crate::render::say(&summary);
        summary.clear();
        if !confirmed(language)? {
            context
                .terminal
                .emit(&(t!(language, "import-update-not-written") + "\n"))?;
            return Ok(ExitCode::Success);
        }
    }
    if statuses > 0 || moves {
        // Who records what the sheet says is known before anything is written.
        let location = context.state_location()?;
        context.author(&args.by, None, &location)?;
    }
    // The workspace's folder for roadmaps is made when missing; a folder named with -o is not.
    if args.output.is_none()
        && let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    }
    if old.is_some() || args.force {
        roadmap_core::files::replace(&target, text.as_bytes(), "the roadmap file")?;
    } else {
        roadmap_core::files::create(&target, text.as_bytes(), "the roadmap file")?;
    }
    summary.push_str(&t!(language, "import-wrote", path = written, id = id.as_str()));
    summary.push('\n');
    if replaces_shipped {
        summary.push_str(&t!(language, "import-replaces-shipped", id = id.as_str()));
        summary.push('\n');
    }
    if statuses > 0 || moves {
        let note = format!("{name}, {}", table_label(words_in));
        summary.push_str(&record(context, args, &plan, &differences, &id, &note)?);
    }
    let mut out = summary;
    if args.output.is_none() && in_workspace.is_none() {
        out.push_str(&t!(language, "import-no-workspace"));
        out.push('\n');
    }
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}

/// `import FILE --risks`: the file's risk table into the risk log of the
/// roadmap imported from it (`--id`, else named after the file).
fn risks(context: &Context, args: &ImportArgs, tables: &[Table], name: &str, shown: &str) -> Result<ExitCode> {
    let language = &context.language;
    let found = tables
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            args.table
                .as_deref()
                .is_none_or(|asked| t.name.trim() == asked.trim() || (i + 1).to_string() == asked.trim())
        })
        .find_map(|(_, t)| risk_rows(t).map(|rows| (t, rows)));
    let Some((table, rows)) = found else {
        return Err(Error::refused(
            format!("{shown} has no risk table"),
            "a risk table has a header row naming the risk and its likelihood or consequence: Risk, Sannolikhet, Konsekvens, Åtgärd, Ansvarig (or Risiko, Sannsynlighet, Tiltak, Ansvarlig)",
        ));
    };
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let id = args
        .id
        .clone()
        .unwrap_or_else(|| roadmap_core::roadmap::edit::id_from(stem));
    let catalog = context.catalog()?;
    catalog.roadmap(&id)?;
    let note = format!("{name}, {}", t!(language, "import-table", table = table.name.trim()));
    let mut counts = None;
    let recording = context.record(Roadmaps::Every(&catalog), &args.by, None, |state| {
        let log = roadmap_core::risk::risks(state);
        let import = import_risks(&rows, &id, &log, &note);
        let changes = import.changes.clone();
        counts = Some(import);
        Ok(changes)
    })?;
    let Some(import) = counts else {
        return Ok(ExitCode::Success);
    };
    let mut out = t!(
        language,
        "import-risks-read",
        file = shown,
        added = import.added,
        updated = import.updated,
        unchanged = import.unchanged
    );
    out.push('\n');
    for (row, text) in &import.unscored {
        out.push_str(&t!(language, "import-risk-unscored", row = *row, text = text.as_str()));
        out.push('\n');
    }
    if matches!(recording.written, roadmap_core::state::file::Written::Appended(_)) {
        out.push_str(&recording.confirmation(language));
        out.push('\n');
    }
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}

/// Refuses an id a loaded roadmap other than the file at `target` has: a
/// second one would stop every command loading. One of a shipped roadmap
/// takes its place, which is said (`true`), and refused when something is
/// recorded on the shipped one (it would no longer match).
fn clash(context: &Context, id: &str, target: &std::path::Path) -> Result<bool> {
    let Ok(catalog) = context.catalog() else {
        return Ok(false);
    };
    let Some(loaded) = catalog.get(id) else {
        return Ok(false);
    };
    let recorded = || {
        context
            .read_state()
            .is_ok_and(|read| read.log.events.iter().any(|e| e.target.roadmap() == id))
    };
    let same_file = |path: &std::path::Path| {
        std::fs::canonicalize(path)
            .ok()
            .is_some_and(|p| std::fs::canonicalize(target).ok() == Some(p))
    };
    match &loaded.origin {
        Origin::File { path, .. } if same_file(path) => Ok(false),
        Origin::File { path, .. } => Err(Error::refused(
            format!(
                "a roadmap `{id}` is loaded already, from {}; nothing was written",
                path.display()
            ),
            "give the import another id with --id, or --update to import into that roadmap",
        )),
        Origin::Shipped(_) if recorded() => Err(Error::refused(
            format!(
                "`{id}` is the id of a shipped roadmap with progress recorded on it: the import would take its place, and what is recorded would no longer match; nothing was written"
            ),
            "give the import another id with --id",
        )),
        Origin::Shipped(_) => Ok(true),
    }
}

/// The roadmap an earlier import wrote to `target`, for `--update`.
fn earlier(target: &std::path::Path) -> Result<roadmap_core::roadmap::Roadmap> {
    let shown = target.display().to_string();
    let bytes = roadmap_core::files::read(target, roadmap_core::files::ROADMAP_LIMIT, "the roadmap file")?.ok_or_else(
        || {
            Error::usage(
                format!("there is no {shown} to import again into"),
                "import it once without --update first (or give -o the roadmap file an earlier import wrote)",
            )
        },
    )?;
    let origin = Origin::File {
        path: target.to_path_buf(),
        replaces_shipped: false,
    };
    parse::parse(&shown, &bytes, origin).map_err(Error::Roadmaps)
}

/// Asks whether to write the roadmap; without a terminal to ask in, `--yes` must say so.
fn confirmed(language: &Language) -> Result<bool> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Error::refused(
            "`roadmap import --update` asks before it writes, and there is no terminal to ask in; nothing was written",
            "give --yes to write without asking, or --dry-run to see the result",
        ));
    }
    dialoguer::Confirm::new()
        .with_prompt(t!(language, "import-update-ask"))
        .default(false)
        .interact()
        .map_err(|e| Error::io("cannot ask in the terminal", std::io::Error::other(e)))
}

/// What an import made again changes, a line each.
fn differences_text(language: &Language, differences: &[Difference]) -> String {
    let no_date = || t!(language, "no-date");
    let mut out = String::new();
    if differences.is_empty() {
        out.push_str(&t!(language, "import-update-same"));
        out.push('\n');
    }
    for d in differences {
        let line = match d {
            Difference::Added { id, title } => t!(
                language,
                "import-update-added",
                title = title.as_str(),
                id = id.as_str()
            ),
            Difference::Removed { id, title } => {
                t!(
                    language,
                    "import-update-removed",
                    title = title.as_str(),
                    id = id.as_str()
                )
            }
            Difference::Renamed { id, from, to } => t!(
                language,
                "import-update-renamed",
                from = from.as_str(),
                to = to.as_str(),
                id = id.as_str()
            ),
            Difference::Moved { title, from, to, .. } => t!(
                language,
                "import-update-moved",
                title = title.as_str(),
                from = from.clone().unwrap_or_else(no_date),
                to = to.as_str()
            ),
            Difference::Reowned { title, from, to, .. } => t!(
                language,
                "import-update-reowned",
                title = title.as_str(),
                from = from.clone().unwrap_or_else(|| t!(language, "no-owner")),
                to = to.clone().unwrap_or_else(|| t!(language, "no-owner"))
            ),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Records, on the roadmap just written, the due dates the sheet moved and
/// what its Status column says where the state says nothing yet, with the
/// sheet as the reason; what it recorded, in words.
fn record(
    context: &Context,
    args: &ImportArgs,
    plan: &Plan,
    differences: &[Difference],
    id: &str,
    note: &str,
) -> Result<String> {
    let language = &context.language;
    let catalog = context.catalog()?;
    // Written with -o outside the roadmap folders, it is not loaded: nothing to record on.
    let Some(roadmap) = catalog.get(id) else {
        return Ok(t!(language, "import-status-not-loaded") + "\n");
    };
    let recording = context.record(Roadmaps::Every(&catalog), &args.by, None, |state| {
        let mut changes: Vec<Change> = differences
            .iter()
            .filter_map(|d| match d {
                Difference::Moved {
                    id: milestone,
                    from,
                    to,
                    ..
                } => Some(Change::Reschedule {
                    target: Target::milestone(&roadmap.id, milestone),
                    from: from.clone(),
                    to: to.clone(),
                    note: Some(note.to_string()),
                }),
                _ => None,
            })
            .collect();
        if !args.no_status {
            changes.extend(roadmap_core::import::status_changes(plan, roadmap, state, note));
        }
        Ok(changes)
    })?;
    Ok(match recording.written {
        roadmap_core::state::file::Written::Nothing => t!(language, "import-status-nothing") + "\n",
        roadmap_core::state::file::Written::Appended(_) => format!(
            "{}\n{}\n",
            t!(language, "import-status-recorded", count = recording.events.len()),
            recording.confirmation(language)
        ),
    })
}

/// `--column due="När klart"` as a key and a header.
fn named_columns(given: &[String]) -> Result<Vec<Named>> {
    given
        .iter()
        .map(|g| {
            let keys = Key::ALL.map(Key::name).join(", ");
            let (key, header) = g.split_once('=').ok_or_else(|| {
                Error::usage(
                    format!("--column `{g}` has no `=`"),
                    format!("write --column KEY=HEADER, like --column due=\"När klart\"; KEY is one of {keys}"),
                )
            })?;
            let key = Key::parse(key).ok_or_else(|| {
                Error::usage(
                    format!("--column `{g}`: `{key}` is not a field of a milestone"),
                    format!("KEY is one of {keys}"),
                )
            })?;
            Ok(Named {
                key,
                header: header.trim().to_string(),
            })
        })
        .collect()
}

/// Why the file holds no plan, with what to give on the command line.
fn not_a_plan(why: NotAPlan, tables: &[Table], shown: &str) -> Error {
    let list = || {
        tables
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if t.name.is_empty() {
                    format!("{}", i + 1)
                } else {
                    format!("{} ({})", i + 1, t.name)
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let keys = Key::ALL.map(Key::name).join(", ");
    match why {
        NotAPlan::NoTable => Error::refused(
            format!("{shown} has no table"),
            "a plan is a table with a header row (Milstolpe, Klart datum, Ansvarig …)",
        ),
        NotAPlan::NoSuchTable { asked } => Error::usage(
            format!("{shown} has no sheet or table `{asked}`"),
            format!("give one of: {}", list()),
        ),
        NotAPlan::NoSuchHeader { key, header, headers } => Error::usage(
            format!(
                "--column {}=\"{header}\": {shown} has no column with that header",
                key.name()
            ),
            format!("the headers are: {}", headers.join(", ")),
        ),
        NotAPlan::NoHeader { table, first_row } => Error::refused(
            format!(
                "{shown}, table {table}: no header row names the milestone column (the first row is: {})",
                first_row
                    .iter()
                    .filter(|h| !h.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            format!(
                "say which header holds what with --column, like --column title=\"Aktivitet\"; the keys are {keys}; the tables are: {}",
                list()
            ),
        ),
        NotAPlan::NoRows => Error::refused(
            format!("{shown}: the table has a header but no milestone rows under it"),
            format!("pick another table with --table; the tables are: {}", list()),
        ),
    }
}

fn wording(language: &Language, w: Wording<'_>, file: &str, table: &str) -> String {
    match w {
        Wording::Source => t!(
            language,
            "import-file-source",
            file = file,
            table = table,
            command = "roadmap validate"
        ),
        Wording::Columns(list) => t!(language, "import-file-columns", columns = list),
        Wording::Unused(list) => t!(language, "import-file-unused", headers = list),
        Wording::Owners(list) => t!(language, "import-file-owners", owners = list),
        Wording::UnreadDue(text) => t!(language, "import-file-unread-due", text = text),
        Wording::UnreadCost(text) => t!(language, "import-file-unread-cost", text = text),
        Wording::Heading(text) => t!(language, "import-file-heading", heading = text),
        Wording::UnreadStart(text) => t!(language, "import-file-unread-start", text = text),
        Wording::UnreadStatus(text) => t!(language, "import-file-unread-status", text = text),
    }
}

/// What was read and what was not, for the person who ran the import.
fn summary(language: &Language, plan: &Plan, file: &str, table: &str, others: usize) -> String {
    let steps: usize = plan.milestones.iter().map(|m| m.steps.len()).sum();
    let mut out = t!(
        language,
        "import-read",
        file = file,
        table = table,
        milestones = plan.milestones.len(),
        phases = plan.phases.len(),
        steps = steps
    );
    out.push('\n');
    if others > 0 {
        out.push_str(&t!(language, "import-other-tables", count = others));
        out.push('\n');
    }
    let columns: Vec<String> = plan
        .columns
        .iter()
        .map(|(key, header)| format!("{header} → {}", key.name()))
        .collect();
    // A project file has tasks, not columns.
    if !columns.is_empty() {
        out.push_str(&t!(language, "import-columns", columns = columns.join(", ")));
        out.push('\n');
    }
    if !plan.unused.is_empty() {
        out.push_str(&t!(language, "import-unused", headers = plan.unused.join(", ")));
        out.push('\n');
    }
    let marked = |mark: roadmap_core::state::Mark| {
        plan.milestones
            .iter()
            .filter(|m| m.status.as_ref().is_some_and(|(s, _)| *s == mark))
            .count()
    };
    let (done, skipped) = (
        marked(roadmap_core::state::Mark::Done),
        marked(roadmap_core::state::Mark::Skipped),
    );
    if done + skipped > 0 {
        out.push_str(&t!(language, "import-statuses", done = done, skipped = skipped));
        out.push('\n');
    }
    for (row, title) in &plan.totals {
        out.push_str(&t!(
            language,
            "import-total-left-out",
            row = *row,
            title = title.as_str()
        ));
        out.push('\n');
    }
    if let Some(year) = plan.year.filter(|_| plan.title_row.is_some()) {
        out.push_str(&t!(language, "import-year", year = year.to_string()));
        out.push('\n');
    }
    for m in &plan.milestones {
        if let Some(text) = &m.unread_status {
            out.push_str(&t!(
                language,
                "import-unread-status",
                row = m.row,
                id = m.id.as_str(),
                text = text.as_str()
            ));
            out.push('\n');
        }
        if let Some(text) = &m.unread_start {
            out.push_str(&t!(
                language,
                "import-unread-start",
                row = m.row,
                id = m.id.as_str(),
                text = text.as_str()
            ));
            out.push('\n');
        }
        if let Some(text) = &m.unread_due {
            out.push_str(&t!(
                language,
                "import-unread-due",
                row = m.row,
                id = m.id.as_str(),
                text = text.as_str()
            ));
            out.push('\n');
        }
        if let Some(text) = &m.unread_cost {
            out.push_str(&t!(
                language,
                "import-unread-cost",
                row = m.row,
                id = m.id.as_str(),
                text = text.as_str()
            ));
            out.push('\n');
        }
    }
    out
}
