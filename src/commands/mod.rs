//! One module per subcommand, dispatched by one `match`. A command module
//! uses the domain (`roadmap_core`), the context and the renderers, never
//! another command module.

mod checklist;
mod completions;
mod cost;
mod export;
mod forget;
mod import;
mod init;
mod list;
mod log;
mod mark;
mod overdue;
mod reattach;
mod rename;
mod report;
mod reschedule;
mod risk;
mod risks;
mod show;
mod slips;
mod status;
mod tick;
mod timeline;
mod validate;
mod where_;

use roadmap_core::{ExitCode, Result};

use crate::cli::Command;
use crate::context::Context;

pub fn execute(context: &Context, command: Command) -> Result<ExitCode> {
    match command {
        Command::List(args) => list::run(context, &args),
        Command::Show(args) => show::run(context, &args),
        Command::Validate(args) => validate::run(context, &args),
        Command::Status(args) => status::run(context, &args),
        Command::Checklist(args) => checklist::run(context, &args),
        Command::Timeline(args) => timeline::run(context, &args),
        Command::Overdue(args) => overdue::run(context, &args),
        Command::Report(args) => report::run(context, &args),
        Command::Import(args) => import::run(context, &args),
        Command::Init(args) => init::run(context, &args),
        Command::Reschedule(args) => reschedule::run(context, &args),
        Command::Reattach(args) => reattach::run(context, &args),
        Command::Rename(args) => rename::run(context, &args),
        Command::Slips(args) => slips::run(context, &args),
        Command::Export(args) => export::run(context, &args),
        Command::Completions(args) => completions::run(context.terminal, &args),
        Command::Where(args) => where_::run(context, &args),
        Command::Done(args) => mark::done(context, &args),
        Command::Reopen(args) => mark::reopen(context, &args),
        Command::Skip(args) => mark::skip(context, &args),
        Command::Note(args) => mark::note(context, &args),
        Command::Tick(args) => tick::run(context, &args),
        Command::Log(args) => log::run(context, &args),
        Command::Risk(command) => risk::run(context, &command),
        Command::Risks(args) => risks::run(context, &args),
        Command::Cost(args) => cost::run(context, &args),
        Command::Forget(args) => forget::run(context, &args),
    }
}
