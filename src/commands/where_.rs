//! `roadmap where`: which state file is used, and why.

use roadmap_core::{ExitCode, Result};

use crate::cli::WhereArgs;
use crate::context::Context;
use crate::i18n::{Why, t};
use crate::render::{Format, location as where_state, sanitize};

pub fn run(context: &Context, args: &WhereArgs) -> Result<ExitCode> {
    let location = context.state_location()?;
    let language = &context.language;
    let (source, why) = match &language.why {
        Why::Flag => ("flag", t!(language, "language-from-flag")),
        Why::Env => ("env", t!(language, "language-from-env")),
        Why::Workspace(path) => (
            "workspace",
            t!(language, "language-from-workspace", path = path.display().to_string()),
        ),
        Why::Locale { var, value } => (
            "locale",
            t!(
                language,
                "language-from-locale",
                var = *var,
                value = sanitize(value).into_owned()
            ),
        ),
        Why::Default => ("default", t!(language, "language-from-default")),
    };
    let text = match args.format {
        Format::Json => crate::render::json::to_string(&serde_json::json!({
            "state": location.path.display().to_string(),
            "source": format!("{:?}", location.source).to_lowercase(),
            "exists": location.path.exists(),
            "language": language.lang.code(),
            "language_source": source,
        }))?,
        _ => format!(
            "{}\n{}\n",
            t!(language, "where-state", state = where_state(language, &location)),
            t!(language, "where-language", language = language.lang.code(), why = why)
        ),
    };
    context.terminal.emit(&text)?;
    Ok(ExitCode::Success)
}
