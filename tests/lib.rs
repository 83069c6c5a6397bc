//! Integration tests: the real `roadmap` binary run in a temporary directory,
//! its output compared with golden files under `tests/golden/`.
//! Run `UPDATE_GOLDEN=1 cargo test` to rewrite them after an intended change,
//! and review the diff.

mod support;

mod adopt_export;
mod architecture;
mod bad_input;
mod bad_state;
mod calendars;
mod catalogues;
mod ci_examples;
mod ci_formats;
mod disk_faults;
mod forget;
mod hostile;
mod hostile_import;
mod import;
mod language;
mod list_show;
mod mspdi;
mod named_write;
mod odd_input;
mod office;
mod plan_life;
mod plurals;
mod portfolio;
mod properties;
mod readers;
mod report;
mod sources;
mod spreadsheets;
mod state;
mod steering;
mod styrgrupp;
mod targets;
mod tick;
mod views;
mod views_agree;
