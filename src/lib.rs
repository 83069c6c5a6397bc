//! `roadmap`, the command line: `cli` declares the flags, `commands` holds one
//! module per subcommand, `render` everything a person or a program reads,
//! and `run` is the one place that turns a command's result into output and
//! an exit code. The domain is the `roadmap-core` crate.

pub mod cli;
pub mod commands;
pub mod completion;
pub mod context;
pub mod i18n;
pub mod phases;
pub mod render;

use clap::Parser;
use roadmap_core::ExitCode;

/// Runs the command line and returns the process exit code; the process
/// exits right after, so what the command read is left to the exit to give
/// back (`context::Kept`).
pub fn run() -> i32 {
    phases::mark("start");
    completion::complete_if_asked();
    run_args(std::env::args_os(), context::Lifetime::ExitsAfter)
}

/// Runs the command line `args` (the program's name first) and returns the
/// exit code: what `run` does after shell completion, callable in-process
/// (the command-line fuzz target).
pub fn run_with(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    run_args(args, context::Lifetime::GoesOn)
}

fn run_args(args: impl IntoIterator<Item = std::ffi::OsString>, lifetime: context::Lifetime) -> i32 {
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            print_usage_error(&e);
            return if e.use_stderr() {
                ExitCode::Usage.into()
            } else {
                ExitCode::Success.into()
            };
        }
    };
    let terminal = render::Terminal::detect(cli.global.color);
    let result = context::Context::new(cli.global, terminal, lifetime).and_then(|context| {
        phases::mark("arguments");
        commands::execute(&context, cli.command)
    });
    match result {
        Ok(code) => code.into(),
        Err(error) => {
            render::say(&render::error::message(&error));
            error.code().into()
        }
    }
}

/// clap's message for a wrong command line, or its help. A bad value is
/// quoted in the message, and a value can be megabytes long: a line longer
/// than a screen's worth is cut.
fn print_usage_error(e: &clap::Error) {
    const LINE: usize = 400;
    let text = e.to_string();
    if text.lines().all(|l| l.chars().count() <= LINE) {
        let _ = e.print();
        return;
    }
    let mut out = String::new();
    for line in text.lines() {
        let count = line.chars().count();
        let kept: String = render::sanitize(line).chars().take(LINE).collect();
        out.push_str(&kept);
        if count > LINE {
            out.push_str(&format!("… ({} more characters)", count - LINE));
        }
        out.push('\n');
    }
    render::say(&out);
}
