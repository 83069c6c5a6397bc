//! `roadmap where`: which state file is used, and why.

use roadmap_core::{ExitCode, Result};

use crate::cli::WhereArgs;
use crate::context::Context;
use crate::render::Format;

pub fn run(context: &Context, args: &WhereArgs) -> Result<ExitCode> {
    let location = context.state_location()?;
    let text = match args.format {
        Format::Json => crate::render::json::to_string(&serde_json::json!({
            "state": location.path.display().to_string(),
            "source": format!("{:?}", location.source).to_lowercase(),
            "exists": location.path.exists(),
        }))?,
        _ => format!("state: {}\n", location.describe()),
    };
    context.terminal.emit(&text)?;
    Ok(ExitCode::Success)
}
