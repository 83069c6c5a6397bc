//! `roadmap`: roadmaps and checklists for public-sector digitalisation projects.
//!
//! The domain (`due`, `roadmap`) knows nothing of the command line; `cli`
//! declares the flags, `commands` holds one module per subcommand, and `run`
//! is the one place that turns results into output and exit codes.

pub mod address;
pub mod atomic_write;
pub mod cache;
pub mod cli;
pub mod commands;
pub mod completion;
pub mod diagnostic;
pub mod due;
pub mod exit_code;
pub mod export;
pub mod parallel;
pub mod progress;
pub mod report;
pub mod roadmap;
pub mod state;
pub mod status;
pub mod table;
pub mod terminal;
pub mod text;

use clap::Parser;

pub use exit_code::ExitCode;

/// An error with advice for the user: printed as `error: …` and `help: …`.
#[derive(Debug)]
pub struct Advice {
    pub message: String,
    pub hint: Option<String>,
}

impl std::fmt::Display for Advice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Advice {}

/// Builds an error that tells the user what to do about it.
pub fn advice(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    Advice {
        message: message.into(),
        hint: Some(hint.into()),
    }
    .into()
}

/// Runs the command line and returns the process exit code.
pub fn run() -> i32 {
    completion::complete_if_asked();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::Usage.into()
            } else {
                ExitCode::Success.into()
            };
        }
    };
    let terminal = terminal::Terminal::detect(cli.global.color);
    match commands::execute(cli, terminal) {
        Ok(code) => code.into(),
        Err(e) => {
            report(&e);
            if e.downcast_ref::<state::file::LockTimeout>().is_some() {
                ExitCode::Busy.into()
            } else {
                ExitCode::Failure.into()
            }
        }
    }
}

fn report(error: &anyhow::Error) {
    if let Some(load) = error.downcast_ref::<roadmap::catalog::LoadError>() {
        eprintln!("{load}");
        return;
    }
    if let Some(corrupt) = error.downcast_ref::<state::file::Corrupt>() {
        eprintln!("{corrupt}");
        return;
    }
    // Messages quote ids and paths the user wrote: escape them for the terminal.
    eprintln!("error: {}", terminal::sanitize(&format!("{error:#}")));
    if let Some(Advice { hint: Some(hint), .. }) = error.downcast_ref::<Advice>() {
        eprintln!("  help: {}", terminal::sanitize(hint));
    }
}
