//! `roadmap completions SHELL`: the shell's completion script.

use roadmap_core::error::Doing;
use roadmap_core::{ExitCode, Result};

use crate::cli::CompletionsArgs;
use crate::render::Terminal;

pub fn run(terminal: Terminal, args: &CompletionsArgs) -> Result<ExitCode> {
    let script = crate::completion::script(args.shell).doing(|| "cannot write the completion script".to_string())?;
    terminal.emit(&script)?;
    Ok(ExitCode::Success)
}
