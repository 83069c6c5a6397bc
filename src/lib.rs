//! `roadmap`, the command line: `cli` declares the flags, `commands` holds one
//! module per subcommand, `render` everything a person or a program reads,
//! and `run` is the one place that turns a command's result into output and
//! an exit code. The domain is the `roadmap-core` crate.

pub mod cli;
pub mod commands;
pub mod completion;
pub mod context;
pub mod render;

use clap::Parser;
use roadmap_core::ExitCode;

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
    let terminal = render::Terminal::detect(cli.global.color);
    let result =
        context::Context::new(cli.global, terminal).and_then(|context| commands::execute(&context, cli.command));
    match result {
        Ok(code) => code.into(),
        Err(error) => {
            eprint!("{}", render::error::message(&error));
            error.code().into()
        }
    }
}
