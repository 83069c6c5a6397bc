//! The domain of `roadmap`: what a plan says and what has happened to it.
//!
//! - `due`: the due-date notations of Swedish and Norwegian plans ("HT2021", "V15-16", "2023 T3").
//! - `roadmap`: the model of a roadmap file, reading one (`roadmap::parse`) and editing one in
//!   place (`roadmap::edit`); `catalog`: which roadmap files load.
//! - `state`: the append-only log of changes (done, reopen, skip, note, reschedule), its fold
//!   into the current marks, and the state file on disk; `workspace`: which state file and
//!   which roadmap folders a command uses.
//! - `target`: what a change is recorded under (a milestone, a step, a risk);
//!   `address`: `ROADMAP/MILESTONE[/N]` as people write it; `progress`: when a milestone counts as done;
//!   `status`: where each milestone stands on a day, including whether it is overdue;
//!   `schedule`: where its due date stands, and how a move is read;
//!   `filter`: the owner and phase filters.
//! - `report`: the facts of the weekly report; `export`: what calendars and spreadsheets get.
//! - `lang`: the languages people are spoken to in; `config`: a workspace's settings.
//! - `error`: the one error type, and the exit code each error means.
//!
//! Nothing here prints or knows the command line: the `roadmap` binary does both.

pub mod address;
pub mod catalog;
pub mod check;
pub mod config;
pub mod cost;
pub mod diagnostic;
pub mod due;
pub mod error;
pub mod export;
pub mod files;
pub mod filter;
pub mod import;
pub mod lang;
pub mod parties;
pub mod portfolio;
pub mod progress;
pub mod report;
pub mod risk;
pub mod roadmap;
pub mod schedule;
pub mod state;
pub mod status;
pub mod target;
pub mod workspace;
pub mod workspaces;

pub use error::{Error, ExitCode, Result};
