//! `roadmap completions SHELL`: the shell's completion script.

use roadmap_core::error::Doing;
use roadmap_core::{ExitCode, Result};

use crate::cli::CompletionsArgs;
use crate::render::emit;

pub fn run(args: &CompletionsArgs) -> Result<ExitCode> {
    let script = crate::completion::script(args.shell).doing(|| "cannot write the completion script".to_string())?;
    emit(&script)?;
    Ok(ExitCode::Success)
}
