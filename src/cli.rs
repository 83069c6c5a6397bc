//! The command line: every flag and subcommand, as clap sees them. Nothing
//! here does any work; `commands` does.

// The doc comments here are the --help a user reads, not rustdoc: names
// like ROADMAP_PATH and LibreOffice are written as people write them.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCompleter;

use crate::render::{ColorChoice, Format};

#[derive(Debug, Parser)]
#[command(
    name = "roadmap",
    version,
    about = "Roadmaps and checklists for public-sector digitalisation projects",
    long_about = "Roadmaps and checklists for public-sector digitalisation projects.\n\n\
        Plans are TOML files: milestones due \"HT2021\", \"V15-16\", \"2023 T3\" or \
        \"31.03.2016\", with owners, done-criteria, costs and checklists. Five are \
        shipped in the binary; more load from --roadmaps DIR and ROADMAP_PATH.",
    after_help = "Examples:\n  roadmap list\n  roadmap show hubs-sdk\n  roadmap validate my-plan.toml"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Load roadmap files (*.toml) from DIR too; repeatable. ROADMAP_PATH adds
    /// more (separated as PATH is: `:`, on Windows `;`). A file with a shipped roadmap's id replaces it.
    #[arg(long = "roadmaps", value_name = "DIR", global = true)]
    pub roadmap_dirs: Vec<PathBuf>,

    /// When to colour output. NO_COLOR turns colour off for `auto`.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// The state file to read and write (default: ROADMAP_STATE, else the
    /// nearest .roadmap/ workspace, else the user's data directory)
    #[arg(long, value_name = "PATH", global = true)]
    pub state: Option<PathBuf>,

    /// Read the workspace in DIR (its roadmaps and its state) beside the
    /// others given; repeatable, for a supplier with one repository per
    /// customer. Ids two workspaces share are shown as FOLDER:ID.
    #[arg(long = "workspace", value_name = "DIR", global = true, conflicts_with = "state")]
    pub workspaces: Vec<PathBuf>,

    /// Only the plans for this organisation (a roadmap's `organisation`, any case)
    #[arg(long, value_name = "NAME", global = true)]
    pub organisation: Option<String>,

    /// Give up waiting for another roadmap command's lock on the state after
    /// SECONDS, 0 to 86400 (default: wait as long as it takes)
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds, global = true)]
    pub lock_timeout: Option<std::time::Duration>,

    /// Take DATE as today (YYYY-MM-DD or DD.MM.YYYY), for reproducible output.
    #[arg(long, value_name = "DATE", env = "ROADMAP_TODAY", value_parser = parse_date, global = true)]
    pub today: Option<NaiveDate>,

    /// The language of views, prompts and reports: sv (Swedish), nb
    /// (Norwegian; no and nn too) or en (default: ROADMAP_LANG, else the
    /// workspace's setting, else the locale, else English)
    #[arg(long, value_name = "LANG", value_parser = parse_lang, global = true)]
    pub lang: Option<roadmap_core::lang::Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the loaded roadmaps
    #[command(
        after_help = "Examples:\n  roadmap list\n  roadmap list --format json\n  roadmap --roadmaps ./plans list"
    )]
    List(ListArgs),
    /// Show a roadmap's phases, milestones, due dates, owners, costs and steps
    #[command(
        after_help = "Examples:\n  roadmap show hubs-sdk\n  roadmap show min-profil/22\n  roadmap show intygshantering --format json"
    )]
    Show(ShowArgs),
    /// Check roadmap files and report every problem with its line and column
    #[command(after_help = "Examples:\n  roadmap validate\n  roadmap validate plans/*.toml")]
    Validate(ValidateArgs),
    /// Where each roadmap stands: progress, status counts, what is next, costs
    #[command(
        after_help = "Examples:\n  roadmap status\n  roadmap status min-profil --today 2022-01-15\n  roadmap status --owner Digg --format json"
    )]
    Status(StatusArgs),
    /// A roadmap's milestones with their steps ticked off, who ticked what and when
    #[command(
        after_help = "Examples:\n  roadmap checklist hubs-sdk\n  roadmap checklist hubs-sdk/projektstart --format markdown"
    )]
    Checklist(ChecklistArgs),
    /// A Gantt chart of the milestones in the terminal
    #[command(
        after_help = "Examples:\n  roadmap timeline min-profil\n  roadmap timeline intygshantering --from 2023 --to 2024\n  COLUMNS=80 roadmap timeline"
    )]
    Timeline(TimelineArgs),
    /// Overdue milestones and steps, for people and for CI
    #[command(
        after_help = "Examples:\n  roadmap overdue\n  roadmap overdue min-profil --today 2022-01-15 --fail-on-overdue\n  roadmap overdue --owner ITSL --format json"
    )]
    Overdue(OverdueArgs),
    /// A weekly status report: Markdown (with a Mermaid Gantt chart), HTML, JSON or text
    #[command(
        after_help = "Examples:\n  roadmap report\n  roadmap report --week 2026-W48 --format html -o report.html\n  roadmap report hubs-sdk --since 2026-11-01 --format json"
    )]
    Report(ReportArgs),
    /// Write a roadmap file from a plan table in Excel, LibreOffice, Word, CSV or Markdown
    #[command(
        after_help = "Examples:\n  roadmap import Färdplan.xlsx\n  roadmap import plan.docx --table 2 --dry-run\n  roadmap import plan.csv --column due=\"När klart\" --id kundportal\n  roadmap import plan.ods -o plans/kundportal.toml --force"
    )]
    Import(ImportArgs),
    /// Make a .roadmap/ workspace here, and adopt a roadmap into it as your own plan
    #[command(
        after_help = "Examples:\n  roadmap init\n  roadmap init hubs-sdk --start 2027-W20\n  roadmap init hubs-sdk --id hubs-sundsby --organisation \"Sundsby kommun\" --start 2027-W14\n  roadmap init difi-postkasse\n  git add .roadmap && git commit -m 'Track the roadmap'"
    )]
    Init(InitArgs),
    /// Give one of your roadmaps a new id (its file too), keeping every change recorded on it
    #[command(
        after_help = "Examples:\n  roadmap rename hubs-sdk hubs-sundsby\n  git add .roadmap && git commit -m 'Sundsby: own id'"
    )]
    Rename(RenameArgs),
    /// Set or move a milestone's due date in your copy, recording old and new
    #[command(
        after_help = "Examples:\n  roadmap reschedule hubs-sdk/projektstart 2027-W22 --note \"Avtalet signerades sent\"\n  roadmap reschedule difi-postkasse/informasjon 15.09.2015\n  roadmap reschedule hubs-sundsby/installation-testmiljo 2027-W18..2027-W19 --shift-following --note \"Servern levererades sent\""
    )]
    Reschedule(RescheduleArgs),
    /// Let changes recorded on a step, milestone or roadmap that was reworded, moved or renamed count for it again
    #[command(
        after_help = "Examples:\n  roadmap validate                  # lists the changes that no longer match a step\n  roadmap reattach hubs-sdk/projektstart/~2d607541a5d5 hubs-sdk/projektstart/1\n  roadmap reattach hubs-sdk/gammal-milstolpe hubs-sdk/ny-milstolpe   # a milestone and its steps\n  roadmap reattach hubs-sdk hubs-sundsby                             # a roadmap renamed by hand"
    )]
    Reattach(ReattachArgs),
    /// What moved: each milestone's baseline and current due date, how far, how often, why
    #[command(after_help = "Examples:\n  roadmap slips\n  roadmap slips hubs-sdk --format json")]
    Slips(SlipsArgs),
    /// Export milestones to a calendar (iCalendar), a spreadsheet (Excel or CSV), Mermaid or JSON
    #[command(
        after_help = "Examples:\n  roadmap export hubs-sdk --format ics -o hubs.ics\n  roadmap export --format xlsx -o roadmap.xlsx\n  roadmap export --format csv > roadmap.csv\n  roadmap export intygshantering --format mermaid"
    )]
    Export(ExportArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    #[command(
        after_help = "Examples:\n  roadmap completions bash > ~/.local/share/bash-completion/completions/roadmap\n  roadmap completions zsh > ~/.zfunc/_roadmap"
    )]
    Completions(CompletionsArgs),
    /// Say which state file is used, and why
    #[command(after_help = "Examples:\n  roadmap where\n  roadmap --state team.jsonl where")]
    Where(WhereArgs),
    /// Mark steps or milestones done (a milestone with steps: all its steps)
    #[command(
        after_help = "Examples:\n  roadmap done hubs-sdk/projektstart/1 hubs-sdk/projektstart/2\n  roadmap done min-profil/3 --note \"Beslut i styrgruppen\" --at 2022-01-10\n  roadmap done hubs-sdk/projektstart --by anna"
    )]
    Done(DoneArgs),
    /// Mark steps or milestones not done again
    #[command(after_help = "Examples:\n  roadmap reopen hubs-sdk/projektstart/2 --note \"Mötet ställdes in\"")]
    Reopen(ReopenArgs),
    /// Mark steps or milestones not applicable here, with the reason
    #[command(after_help = "Examples:\n  roadmap skip hubs-sdk/projektstart/5 --note \"Vi har redan QA-anslutning\"")]
    Skip(SkipArgs),
    /// Add a note to a milestone or step
    #[command(after_help = "Examples:\n  roadmap note hubs-sdk/sdk-qa \"Väntar på DIGG\"")]
    Note(NoteArgs),
    /// Tick steps off interactively, milestone by milestone
    #[command(
        after_help = "Keys: ↑/↓ move, space done/open, s skip (asks why), n note, enter review and save, q leave without saving\n\nExamples:\n  roadmap tick\n  roadmap tick hubs-sdk --owner Kund\n  roadmap tick hubs-sdk/projektstart --at 2027-04-16"
    )]
    Tick(TickArgs),
    /// The history of changes: what, when, by whom, with notes
    #[command(
        after_help = "Examples:\n  roadmap log\n  roadmap log hubs-sdk/projektstart\n  roadmap log --since 2027-04-01 --by anna\n  roadmap log --format json"
    )]
    Log(LogArgs),
    /// Add, change or close a risk in the risk log (shared through the state file)
    #[command(
        subcommand,
        after_help = "Examples:\n  roadmap risk add hubs-sdk \"Certifikaten dröjer\" --milestone sdk-qa --likelihood 3 --impact 4 --owner ITSL --action \"Beställ i god tid\"\n  roadmap risk update r-3f2a --likelihood 4\n  roadmap risk close r-3f2a --note \"Certifikaten kom\""
    )]
    Risk(RiskCommand),
    /// Record money spent on a plan or its forecast, or show its budget, actuals and forecast
    #[command(
        after_help = "Examples:\n  roadmap cost sundsby-sdk                                  # budget, spent, forecast, the cost light\n  roadmap cost sundsby-sdk --spent 450 --at 2027-04-30 --milestone idp\n  roadmap cost sundsby-sdk --forecast 5400 --note \"Dyrare IDP-licens\"\n  roadmap cost sundsby-sdk --spent -50 --note \"Rättelse: dubbelbokad faktura\""
    )]
    Cost(CostArgs),
    /// Replace a person's name by an alias in every change they recorded (a request to be forgotten)
    #[command(
        after_help = "Examples:\n  roadmap forget \"Anna Berg\" --as projektledare\n  roadmap forget \"Anna Berg\" --as AB --notes\n  git add .roadmap/state.jsonl && git commit -m 'Glöm ett namn'"
    )]
    Forget(ForgetArgs),
    /// The risk log: open risks by severity, with owner and action
    #[command(after_help = "Examples:\n  roadmap risks\n  roadmap risks hubs-sdk --all\n  roadmap risks --format json")]
    Risks(RisksArgs),
}

#[derive(Debug, Subcommand)]
pub enum RiskCommand {
    /// Add a risk to a roadmap's risk log
    #[command(
        after_help = "Examples:\n  roadmap risk add hubs-sdk \"Certifikaten dröjer\" --milestone sdk-qa --likelihood 3 --impact 4 --owner ITSL --action \"Beställ i god tid\""
    )]
    Add(RiskAddArgs),
    /// Change a risk: its text, milestone, likelihood, impact, owner or action
    #[command(
        after_help = "Examples:\n  roadmap risk update r-3f2a --likelihood 4 --note \"Leverantören har semester\""
    )]
    Update(RiskUpdateArgs),
    /// Close a risk, with why
    #[command(after_help = "Examples:\n  roadmap risk close r-3f2a --note \"Certifikaten kom\"")]
    Close(RiskCloseArgs),
}

#[derive(Debug, Args)]
pub struct RiskAddArgs {
    /// The roadmap the risk belongs to
    #[arg(value_name = "ROADMAP", add = ArgValueCompleter::new(crate::completion::roadmap_id))]
    pub roadmap: String,
    /// What could go wrong
    #[arg(value_name = "TEXT")]
    pub text: String,
    /// The milestone it threatens (an id in the roadmap)
    #[arg(long, value_name = "ID")]
    pub milestone: Option<String>,
    /// How likely, 1 (rare) to 5 (almost certain)
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub likelihood: u8,
    /// How bad if it happens, 1 (small) to 5 (severe)
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub impact: u8,
    /// Who watches it and acts
    #[arg(long, value_name = "NAME")]
    pub owner: String,
    /// What is done about it (the action plan)
    #[arg(long, value_name = "TEXT")]
    pub action: String,
    #[command(flatten)]
    pub by: ByArg,
}

#[derive(Debug, Args)]
pub struct RiskUpdateArgs {
    /// The risk: its id (r-3f2a9c1b) or the start of it
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
    /// The milestone it threatens ("" for none)
    #[arg(long, value_name = "ID")]
    pub milestone: Option<String>,
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub likelihood: Option<u8>,
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub impact: Option<u8>,
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub action: Option<String>,
    /// Open it again, if it was closed
    #[arg(long)]
    pub reopen: bool,
    /// Why it changed
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub by: ByArg,
}

#[derive(Debug, Args)]
pub struct RiskCloseArgs {
    /// The risk: its id (r-3f2a9c1b) or the start of it
    #[arg(value_name = "ID")]
    pub id: String,
    /// Why it is closed
    #[arg(long, value_name = "TEXT")]
    pub note: String,
    #[command(flatten)]
    pub by: ByArg,
}

#[derive(Debug, Args)]
pub struct RisksArgs {
    /// Roadmap ids (default: the roadmaps in scope, as for status)
    #[arg(value_name = "ROADMAP", add = ArgValueCompleter::new(crate::completion::roadmap_id))]
    pub roadmaps: Vec<String>,
    /// Closed risks too
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Which milestones a view shows.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only milestones (and steps) owned by NAME; "AF / Digg" counts for AF and for Digg, and
    /// a [parties] name, alias or joint party counts for its party
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// Only milestones in the phase with this id or title
    #[arg(long, value_name = "PHASE")]
    pub phase: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Roadmap ids (default: those with recorded progress, or all if none has any)
    #[arg(value_name = "ROADMAP", add = ArgValueCompleter::new(crate::completion::roadmap_id))]
    pub roadmaps: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ChecklistArgs {
    /// A roadmap id, or ROADMAP/MILESTONE for one milestone
    #[arg(value_name = "ROADMAP[/MILESTONE]", add = ArgValueCompleter::new(crate::completion::address))]
    pub target: String,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Roadmap ids (default: those with recorded progress, or all if none has any)
    #[arg(value_name = "ROADMAP", add = ArgValueCompleter::new(crate::completion::roadmap_id))]
    pub roadmaps: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Start the chart at the start of this date or period (e.g. 2023, HT2021, 2027-W15)
    #[arg(long, value_name = "WHEN", value_parser = parse_period_start)]
    pub from: Option<NaiveDate>,
    /// End the chart at the end of this date or period
    #[arg(long, value_name = "WHEN", value_parser = parse_period_end)]
    pub to: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct OverdueArgs {
    /// Roadmap ids (default: those with recorded progress, or all if none has any)
    #[arg(value_name = "ROADMAP", add = ArgValueCompleter::new(crate::completion::roadmap_id))]
    pub roadmaps: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Exit with code 3 when anything is overdue (0 when nothing is, 1 on error)
    #[arg(long)]
    pub fail_on_overdue: bool,
    /// `junit`: JUnit XML for GitLab, Azure DevOps or Jenkins, a test suite per
    /// roadmap and a test case per dated milestone (overdue fails, skipped skips)
    #[arg(long, value_enum, default_value_t = OverdueFormat::Table)]
    pub format: OverdueFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OverdueFormat {
    Table,
    Json,
    Markdown,
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Html,
    Json,
    Text,
    /// A Word document (needs -o FILE)
    Docx,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Roadmap ids (default: those with recorded progress, or all if none has any)
    #[arg(value_name = "ROADMAP", add = ArgValueCompleter::new(crate::completion::roadmap_id))]
    pub roadmaps: Vec<String>,
    /// The ISO week to report on, like 2026-W48 (default: the week that contains today)
    #[arg(long, value_name = "WEEK", conflicts_with = "since", value_parser = parse_week)]
    pub week: Option<roadmap_core::report::Period>,
    /// Report on the days from DATE to today instead of one week
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// How many weeks ahead "coming due" looks, 1 to 520
    #[arg(long, value_name = "N", default_value_t = roadmap_core::report::DEFAULT_HORIZON_WEEKS, value_parser = clap::value_parser!(u32).range(1..=520))]
    pub weeks: u32,
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,
    /// How the Markdown fences its Mermaid chart: backticks (GitHub, GitLab)
    /// or azure (`::: mermaid`, as Azure DevOps' wiki reads it)
    #[arg(long, value_enum, value_name = "FENCE", default_value = "backticks")]
    pub mermaid_fence: crate::render::markdown::Fence,
    /// Write the report to FILE instead of standard output (a new file, unless --force)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With -o: replace the file if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
    /// The project lead's assessment of the period, in Markdown (default:
    /// the workspace's .roadmap/assessments/WEEK.md, like 2027-W15.md)
    #[arg(long, value_name = "FILE")]
    pub assessment: Option<PathBuf>,
    /// Only this party's part (a supplier's "our part") or this phase
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools, reason = "each is a flag of the command line")]
pub struct ImportArgs {
    /// The plan: .xlsx, .xls, .ods, .docx, .csv, .tsv or .md
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Say which header holds a field the headers do not name plainly:
    /// KEY is id, title, due, start, criteria, description, owner, cost_tkr, phase, steps, note or status
    #[arg(long = "column", value_name = "KEY=HEADER")]
    pub columns: Vec<String>,
    /// The sheet or table to read, by name or number (default: the first that reads as a plan)
    #[arg(long, visible_alias = "sheet", value_name = "NAME|N")]
    pub table: Option<String>,
    /// The roadmap's id (default: from the file name)
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// The roadmap's title (default: a document's heading, else the sheet's title row, else the file name)
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// Where to write it (default: .roadmap/roadmaps/ID.toml in a workspace, else ID.toml here)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists
    #[arg(long)]
    pub force: bool,
    /// Print the roadmap file instead of writing it
    #[arg(long)]
    pub dry_run: bool,
    /// Import again into the roadmap an earlier import wrote, keeping its progress:
    /// rows are matched to milestones by title, a changed due date is recorded as a move
    #[arg(long, conflicts_with = "force")]
    pub update: bool,
    /// With --update: write without asking
    #[arg(long, requires = "update")]
    pub yes: bool,
    /// With --update: remove milestones the sheet no longer has even when progress is recorded on them
    #[arg(long, requires = "update")]
    pub remove_missing: bool,
    /// Do not record what a Status column says (done, not applicable)
    #[arg(long)]
    pub no_status: bool,
    /// Read the file's risk table (Risk, Sannolikhet, Konsekvens, Åtgärd, Ansvarig) into the
    /// risk log of the roadmap imported from it; importing again updates each risk
    #[arg(long, conflicts_with_all = ["update", "force", "dry_run"])]
    pub risks: bool,
    #[command(flatten)]
    pub by: ByArg,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// A roadmap to copy into the workspace as your own plan (.roadmap/roadmaps/ID.toml)
    #[arg(value_name = "ROADMAP", add = ArgValueCompleter::new(crate::completion::roadmap_id))]
    pub roadmap: Option<String>,
    /// Place a week plan so that its first week is WEEK (like 2027-W20, or a day in it)
    #[arg(long, value_name = "WEEK|DATE", requires = "roadmap", conflicts_with = "year", value_parser = parse_monday)]
    pub start: Option<NaiveDate>,
    /// Place a week plan in YEAR, 1 to 9999, as written (V15 becomes week 15 of YEAR)
    #[arg(long, value_name = "YEAR", requires = "roadmap", value_parser = clap::value_parser!(i32).range(1..=9999))]
    pub year: Option<i32>,
    /// The id of the copy (one template adopted for many customers), instead of the template's
    #[arg(long, value_name = "ID", requires = "roadmap", value_parser = parse_id)]
    pub id: Option<String>,
    /// The organisation the copy is for (the customer); the portfolio views group by it
    #[arg(long, value_name = "NAME", requires = "roadmap")]
    pub organisation: Option<String>,
}

#[derive(Debug, Args)]
pub struct ForgetArgs {
    /// The name as the changes record it (any case)
    #[arg(value_name = "NAME")]
    pub name: String,
    /// What stands in its place: a role or initials
    #[arg(long = "as", value_name = "ALIAS")]
    pub alias: String,
    /// Replace the name in notes too
    #[arg(long)]
    pub notes: bool,
    #[command(flatten)]
    pub by: ByArg,
}

#[derive(Debug, Args)]
pub struct RenameArgs {
    /// The roadmap's id now
    #[arg(value_name = "OLD", add = ArgValueCompleter::new(crate::completion::roadmap_id))]
    pub old: String,
    /// Its new id: letters a-z, digits, `-`, `_` or `.`
    #[arg(value_name = "NEW", value_parser = parse_id)]
    pub new: String,
    #[command(flatten)]
    pub by: ByArg,
}

#[derive(Debug, Args)]
pub struct RescheduleArgs {
    /// ROADMAP/MILESTONE
    #[arg(value_name = "ADDR", add = ArgValueCompleter::new(crate::completion::address))]
    pub target: String,
    /// The new due date, in any notation (2027-W22, 15.09.2015, HT2027, ...)
    #[arg(value_name = "DUE")]
    pub due: String,
    /// Why it moved
    #[arg(long, value_name = "WHY")]
    pub note: Option<String>,
    /// Move the open milestones after it (those that depend on it, else those
    /// after it in the plan) by as many weeks, each move recorded with the same note
    #[arg(long)]
    pub shift_following: bool,
    #[command(flatten)]
    pub by: ByArg,
}

#[derive(Debug, Args)]
pub struct CostArgs {
    /// The plan (a roadmap id)
    #[arg(value_name = "ROADMAP", add = ArgValueCompleter::new(crate::completion::roadmap_id))]
    pub roadmap: String,
    /// An amount spent, in thousands (tkr): 450, "1 250,5"; a negative amount corrects an earlier one
    #[arg(long, value_name = "TKR", value_parser = parse_tkr, allow_hyphen_values = true)]
    pub spent: Option<f64>,
    /// What the whole plan is now expected to cost, in thousands (tkr)
    #[arg(long, value_name = "TKR", value_parser = parse_tkr)]
    pub forecast: Option<f64>,
    /// The milestone the amount was spent on (its id)
    #[arg(long, value_name = "ID", requires = "spent")]
    pub milestone: Option<String>,
    /// The day it was spent, if not today
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "spent")]
    pub at: Option<NaiveDate>,
    /// A note to keep with it (what it was, why the forecast changed)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Output format of the plan's money (when nothing is recorded)
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub by: ByArg,
}

#[derive(Debug, Args)]
pub struct ReattachArgs {
    /// The target the changes were recorded under, as `roadmap validate` lists it
    #[arg(value_name = "RECORDED")]
    pub recorded: String,
    /// What they belong to now: a step (ROADMAP/MILESTONE/STEP), a milestone, or a roadmap's id
    #[arg(value_name = "ADDR", add = ArgValueCompleter::new(crate::completion::address))]
    pub to: String,
    #[command(flatten)]
    pub by: ByArg,
}

#[derive(Debug, Args)]
pub struct SlipsArgs {
    /// Roadmap ids (default: those with recorded progress, or all if none has any)
    #[arg(value_name = "ROADMAP", add = ArgValueCompleter::new(crate::completion::roadmap_id))]
    pub roadmaps: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Ics,
    Csv,
    /// An Excel workbook: a sheet of milestones and one of steps (needs -o FILE)
    Xlsx,
    Mermaid,
    Json,
    /// MS Project XML (MSPDI): MS Project, ProjectLibre and GanttProject open it
    Mspdi,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Roadmap ids (default: those with recorded progress, or all if none has any)
    #[arg(value_name = "ROADMAP", add = ArgValueCompleter::new(crate::completion::roadmap_id))]
    pub roadmaps: Vec<String>,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// With --format csv: a file for a person to open in Excel with Swedish
    /// or Norwegian settings (`;`, a byte-order mark, the header and
    /// statuses in the language, decimal commas) instead of one for scripts
    #[arg(long)]
    pub excel: bool,
    /// With --format ics: a due range as an event over its days (range), as
    /// a deadline on its last day (deadline), or range for up to four weeks
    /// and deadline for longer, so "HT2027" does not fill half a year (auto)
    #[arg(long, value_enum, default_value_t = IcsEvents::Auto)]
    pub events: IcsEvents,
    /// Write to FILE instead of standard output (a new file, unless --force)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With -o: replace the file if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IcsEvents {
    Auto,
    Range,
    Deadline,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Who made a change.
#[derive(Debug, Args)]
pub struct ByArg {
    /// Who made the change (default: ROADMAP_USER, else the login name)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct DoneArgs {
    /// ROADMAP/MILESTONE or ROADMAP/MILESTONE/N (the Nth step)
    #[arg(value_name = "ADDR", required = true, add = ArgValueCompleter::new(crate::completion::address))]
    pub targets: Vec<String>,
    /// A note to keep with the change
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The day the work was done, if not today
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub at: Option<NaiveDate>,
    #[command(flatten)]
    pub by: ByArg,
}

#[derive(Debug, Args)]
pub struct ReopenArgs {
    /// ROADMAP/MILESTONE or ROADMAP/MILESTONE/N
    #[arg(value_name = "ADDR", required = true, add = ArgValueCompleter::new(crate::completion::address))]
    pub targets: Vec<String>,
    /// Why it is reopened
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub by: ByArg,
}

#[derive(Debug, Args)]
pub struct SkipArgs {
    /// ROADMAP/MILESTONE or ROADMAP/MILESTONE/N
    #[arg(value_name = "ADDR", required = true, add = ArgValueCompleter::new(crate::completion::address))]
    pub targets: Vec<String>,
    /// Why it does not apply here
    #[arg(long, value_name = "REASON", required = true)]
    pub note: String,
    #[command(flatten)]
    pub by: ByArg,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// ROADMAP/MILESTONE or ROADMAP/MILESTONE/N
    #[arg(value_name = "ADDR", add = ArgValueCompleter::new(crate::completion::address))]
    pub target: String,
    /// The note
    #[arg(value_name = "TEXT")]
    pub text: String,
    #[command(flatten)]
    pub by: ByArg,
}

#[derive(Debug, Args)]
pub struct TickArgs {
    /// A roadmap, or one milestone as ROADMAP/MILESTONE (default: every roadmap)
    #[arg(value_name = "ROADMAP[/MILESTONE]", add = ArgValueCompleter::new(crate::completion::address))]
    pub target: Option<String>,
    /// Walk only the steps of this party (and the milestones that have some)
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// The day the work was done, if not today (else asked when saving)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub at: Option<NaiveDate>,
    #[command(flatten)]
    pub by: ByArg,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only changes to this roadmap, milestone or step
    #[arg(value_name = "ADDR", add = ArgValueCompleter::new(crate::completion::address))]
    pub target: Option<String>,
    /// Only changes recorded on DATE or later
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Only changes recorded by NAME (as `--by` or ROADMAP_USER gave it; any case)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct WhereArgs {
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A roadmap id, or ROADMAP/MILESTONE for one milestone in full
    #[arg(value_name = "ID", add = ArgValueCompleter::new(crate::completion::address))]
    pub target: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Roadmap files (or a shipped roadmap's id) to check; with none, your own roadmaps
    /// and the state file
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// `json`: every problem with its file, line, column, severity and message;
    /// `gitlab`: GitLab's Code Quality report; `github`: GitHub annotations
    #[arg(long, value_enum, default_value_t = ValidateFormat::Table)]
    pub format: ValidateFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    Table,
    Json,
    Markdown,
    Gitlab,
    Github,
}

/// The whole command-line definition, for completion and the man page.
pub fn command() -> clap::Command {
    Cli::command()
}

/// The longest piece of a bad value an error message quotes.
const QUOTED: usize = 60;

/// `text` as an error message quotes it: cut short when long.
fn quoted(text: &str) -> String {
    let shown: String = crate::render::sanitize(text).chars().take(QUOTED).collect();
    if text.chars().count() > QUOTED {
        format!("{shown}…")
    } else {
        shown
    }
}

fn due_error(e: &roadmap_core::due::DueError) -> String {
    let message: String = e.message.chars().take(QUOTED + 40).collect();
    match &e.hint {
        Some(hint) => format!("{message} ({hint})"),
        None => message,
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    roadmap_core::due::parse_day(text).map_err(|e| due_error(&e))
}

fn parse_tkr(text: &str) -> Result<f64, String> {
    roadmap_core::cost::read_tkr(text).ok_or_else(|| {
        format!(
            "`{}` is not an amount: give thousands of kronor as digits, like 450 or \"1 250,5\"",
            quoted(text)
        )
    })
}

fn parse_lang(text: &str) -> Result<roadmap_core::lang::Lang, String> {
    roadmap_core::lang::Lang::parse(text).ok_or_else(|| {
        format!(
            "`{}` is not a language roadmap speaks: sv, nb (or no, nn) or en",
            quoted(text)
        )
    })
}

fn parse_seconds(text: &str) -> Result<std::time::Duration, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| (0.0..=86_400.0).contains(s))
        .map(std::time::Duration::from_secs_f64)
        .ok_or_else(|| {
            format!(
                "`{}` is not a number of seconds from 0 to 86400, like 10 or 0.5",
                quoted(text)
            )
        })
}

fn parse_period(text: &str) -> Result<roadmap_core::due::Due, String> {
    roadmap_core::due::Due::parse(text, None).map_err(|e| due_error(&e))
}

/// The first day of a date or period given as a flag (`--from 2023`).
fn parse_period_start(text: &str) -> Result<NaiveDate, String> {
    parse_period(text)?.start().ok_or_else(|| {
        format!(
            "`{}` is not a date (give a date or period, like 2023 or HT2021)",
            quoted(text)
        )
    })
}

/// The last day of a date or period given as a flag (`--to 2024`).
fn parse_period_end(text: &str) -> Result<NaiveDate, String> {
    parse_period(text)?
        .anchor()
        .ok_or_else(|| format!("`{}` is not a date (give a date or period, like 2024)", quoted(text)))
}

/// One ISO week (`--week 2026-W48`).
fn parse_week(text: &str) -> Result<roadmap_core::report::Period, String> {
    let due = parse_period(text)?;
    match (due.precision(), due.start(), due.end()) {
        (Some(roadmap_core::due::Precision::Week), Some(start), Some(end)) if (end - start).num_days() == 6 => {
            Ok(roadmap_core::report::Period::week_of(start))
        }
        _ => Err(format!(
            "`{}` is not one ISO week (write a week like 2026-W48)",
            quoted(text)
        )),
    }
}

/// The Monday of the week a week or a day is in (`--start 2027-W20`).
fn parse_id(text: &str) -> Result<String, String> {
    if roadmap_core::roadmap::parse::is_valid_id(text) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "`{}` is not an id: an id is letters a-z, digits, `-`, `_` or `.`, starting with a letter or digit (like hubs-sundsby)",
            quoted(text)
        ))
    }
}

fn parse_monday(text: &str) -> Result<NaiveDate, String> {
    use chrono::Datelike;
    let due = parse_period(text)?;
    match (due.precision(), due.start()) {
        (Some(roadmap_core::due::Precision::Week | roadmap_core::due::Precision::Day), Some(day)) => {
            Ok(day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday())))
        }
        _ => Err(format!(
            "`{}` is not a week or a day (give the week the plan starts in, like 2027-W20)",
            quoted(text)
        )),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definition_is_consistent() {
        super::command().debug_assert();
    }
}
