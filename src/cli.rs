//! The command line: every flag and subcommand, as clap sees them. Nothing
//! here does any work; `commands` does.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::terminal::ColorChoice;

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
    /// more (colon-separated). A file with a shipped roadmap's id replaces it.
    #[arg(long = "roadmaps", value_name = "DIR", global = true)]
    pub roadmap_dirs: Vec<PathBuf>,

    /// When to colour output. NO_COLOR turns colour off for `auto`.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Take DATE as today (YYYY-MM-DD or DD.MM.YYYY), for reproducible output.
    #[arg(long, value_name = "DATE", env = "ROADMAP_TODAY", value_parser = parse_date, global = true)]
    pub today: Option<NaiveDate>,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A roadmap id, or ROADMAP/MILESTONE for one milestone in full
    #[arg(value_name = "ID")]
    pub target: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Roadmap files to check; with none, every loaded roadmap
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::due::parse_day(text).map_err(|e| match &e.hint {
        Some(hint) => format!("{e} ({hint})"),
        None => e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
