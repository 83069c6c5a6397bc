//! The workspace's settings: `.roadmap/config.toml`, written by `roadmap
//! init` and by hand: `language`, the language views and reports speak in
//! this workspace (unless `--lang` or `ROADMAP_LANG` says otherwise), and
//! `[lights]`, the thresholds of the report's traffic lights; `workspace_id`,
//! written by `roadmap init`, which makes this workspace's calendar events its
//! own (two municipalities that adopted the same plan import both calendars).

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::error::{Error, Result};
use crate::lang::Lang;

pub const CONFIG_FILE: &str = "config.toml";

const KEYS: &[&str] = &["language", "lights", "workspace_id"];
const LIGHT_KEYS: &[&str] = &[
    "time_yellow_days",
    "time_red_days",
    "cost_yellow_percent",
    "cost_red_percent",
];

/// The thresholds of the report's light rule (`report::lights`), the
/// workspace's `[lights]`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct LightRule {
    /// A milestone this many days or more late against its baseline makes time yellow.
    pub time_yellow_days: i64,
    /// More than this many days late makes time red.
    pub time_red_days: i64,
    /// More than this share (%) of the plan's cost in late work makes cost yellow.
    pub cost_yellow_percent: f64,
    /// More than this share makes cost red.
    pub cost_red_percent: f64,
}

impl Default for LightRule {
    fn default() -> Self {
        LightRule {
            time_yellow_days: 30,
            time_red_days: 90,
            cost_yellow_percent: 0.0,
            cost_red_percent: 10.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub path: PathBuf,
    pub language: Option<Lang>,
    pub lights: LightRule,
    pub workspace_id: Option<String>,
}

/// The settings of the workspace folder `workspace` (`.roadmap/`): none when
/// it has no `config.toml`; every problem in it at once when it is broken.
pub fn load(workspace: &Path) -> Result<Option<Config>> {
    let path = workspace.join(CONFIG_FILE);
    let Some(bytes) = crate::files::read(&path, crate::files::ROADMAP_LIMIT, "the workspace settings")? else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::Config(vec![crate::diagnostic::invalid_utf8(
            &shown,
            e.as_bytes(),
            e.utf8_error(),
            "the file is not valid UTF-8",
            "save the file as UTF-8",
        )])
    })?;
    parse(&shown, &text).map(|(language, lights, workspace_id)| {
        Some(Config {
            path,
            language,
            lights,
            workspace_id,
        })
    })
}

/// What `workspace_id` may be: it goes into calendar UIDs as it is.
fn is_workspace_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

type Settings = (Option<Lang>, LightRule, Option<String>);

fn parse(path: &str, text: &str) -> Result<Settings> {
    let arena = toml_spanner::Arena::new();
    let document = toml_spanner::parse(text, &arena)
        .map_err(|e| Error::Config(vec![crate::roadmap::parse::toml_error(path, text, &e)]))?;
    let at = |item: &toml_spanner::Item<'_>| span(item.span());
    let lines = crate::diagnostic::LineIndex::new(text);
    let mut problems = Vec::new();
    let mut language = None;
    let mut lights = LightRule::default();
    let mut workspace_id = None;
    for (key, item) in document.table() {
        match key.name {
            "workspace_id" => match item.as_str() {
                Some(id) if is_workspace_id(id) => workspace_id = Some(id.to_string()),
                _ => problems.push(
                    lines
                        .at(
                            path,
                            text,
                            at(item),
                            "`workspace_id` must be 1 to 64 letters a-z, digits, `-`, `_` or `.`",
                        )
                        .with_hint("delete the line and run `roadmap init` to write a new one"),
                ),
            },
            "language" => match item.as_str().map(|s| (s, Lang::parse(s))) {
                Some((_, Some(lang))) => language = Some(lang),
                Some((value, None)) => problems.push(
                    lines
                        .at(
                            path,
                            text,
                            at(item),
                            format!("`{value}` is not a language roadmap speaks"),
                        )
                        .with_hint("write language = \"sv\" (Swedish), \"nb\" (Norwegian) or \"en\" (English)"),
                ),
                None => problems.push(
                    lines
                        .at(path, text, at(item), "`language` must be a string")
                        .with_hint("write language = \"sv\", \"nb\" or \"en\""),
                ),
            },
            "lights" => match item.as_table() {
                Some(table) => {
                    lights = light_rule(path, text, &lines, table, &mut problems);
                    if lights.time_yellow_days > lights.time_red_days
                        || lights.cost_yellow_percent > lights.cost_red_percent
                    {
                        problems.push(
                            lines.at(path, text, at(item), "a yellow threshold is above its red one").with_hint(
                                "yellow comes first: time_yellow_days <= time_red_days, cost_yellow_percent <= cost_red_percent",
                            ),
                        );
                    }
                }
                None => problems.push(
                    lines
                        .at(path, text, at(item), "`lights` must be a table")
                        .with_hint("write it as a section: [lights]"),
                ),
            },
            other => problems.push(
                lines
                    .at(
                        path,
                        text,
                        span(key.span),
                        format!("unknown key `{other}` in the workspace settings"),
                    )
                    .with_hint(
                        did_you_mean(other, KEYS.iter().copied())
                            .unwrap_or_else(|| "the keys are `language`, `workspace_id` and `[lights]`".into()),
                    ),
            ),
        }
    }
    if problems.is_empty() {
        Ok((language, lights, workspace_id))
    } else {
        Err(Error::Config(problems))
    }
}

fn span(s: toml_spanner::Span) -> std::ops::Range<usize> {
    s.start as usize..s.end as usize
}

/// `[lights]`: days are whole days, zero or more; percentages numbers, zero
/// or more; the defaults for those not given.
fn light_rule(
    path: &str,
    text: &str,
    lines: &crate::diagnostic::LineIndex,
    table: &toml_spanner::Table<'_>,
    problems: &mut Vec<Diagnostic>,
) -> LightRule {
    let mut rule = LightRule::default();
    for (key, value) in table {
        let days = value.as_i64().filter(|n| *n >= 0);
        #[allow(clippy::cast_precision_loss)] // a percentage written as a whole number
        let percent = value
            .as_f64()
            .or_else(|| value.as_i64().map(|n| n as f64))
            .filter(|n| *n >= 0.0 && n.is_finite());
        match (key.name, days, percent) {
            ("time_yellow_days", Some(n), _) => rule.time_yellow_days = n,
            ("time_red_days", Some(n), _) => rule.time_red_days = n,
            ("cost_yellow_percent", _, Some(n)) => rule.cost_yellow_percent = n,
            ("cost_red_percent", _, Some(n)) => rule.cost_red_percent = n,
            (name @ ("time_yellow_days" | "time_red_days"), ..) => problems.push(
                lines
                    .at(
                        path,
                        text,
                        span(value.span()),
                        format!("`{name}` must be a whole number of days, zero or more"),
                    )
                    .with_hint(format!("write {name} = 30")),
            ),
            (name, ..) if LIGHT_KEYS.contains(&name) => problems.push(
                lines
                    .at(
                        path,
                        text,
                        span(value.span()),
                        format!("`{name}` must be a percentage, zero or more"),
                    )
                    .with_hint(format!("write {name} = 10")),
            ),
            (other, ..) => problems.push(
                lines
                    .at(path, text, span(key.span), format!("unknown key `{other}` in [lights]"))
                    .with_hint(
                        did_you_mean(other, LIGHT_KEYS.iter().copied())
                            .unwrap_or_else(|| format!("the keys are {}", LIGHT_KEYS.join(", "))),
                    ),
            ),
        }
    }
    rule
}

/// Sets `language` in the workspace's settings, keeping everything else in
/// the file (comments too); makes the file when there is none.
pub fn set_language(workspace: &Path, lang: Lang) -> Result<PathBuf> {
    set(workspace, "language", lang.code())
}

/// The workspace's id, written now (a fresh random one) when it has none;
/// with whether it was written.
pub fn ensure_workspace_id(workspace: &Path) -> Result<(String, bool)> {
    if let Some(id) = load(workspace)?.and_then(|c| c.workspace_id) {
        return Ok((id, false));
    }
    let id = crate::state::event::new_id()[..12].to_string();
    set(workspace, "workspace_id", &id)?;
    Ok((id, true))
}

fn set(workspace: &Path, key: &str, value: &str) -> Result<PathBuf> {
    let path = workspace.join(CONFIG_FILE);
    let old = match crate::files::read(&path, crate::files::ROADMAP_LIMIT, "the workspace settings")? {
        Some(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        None => "# The settings of this roadmap workspace (see the README's \"Language\").\n".to_string(),
    };
    let mut document: toml_edit::DocumentMut = old.parse().map_err(|e: toml_edit::TomlError| {
        Error::refused(
            format!("cannot edit {}: {}", path.display(), e.message()),
            "fix the file by hand (`roadmap validate` shows where), then run the command again",
        )
    })?;
    document[key] = toml_edit::value(value);
    crate::files::replace(&path, document.to_string().as_bytes(), "the workspace settings")?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_language_and_names_every_problem() {
        assert_eq!(parse("c.toml", "language = \"sv\"\n").unwrap().0, Some(Lang::Sv));
        assert_eq!(parse("c.toml", "language = \"nn\"\n").unwrap().0, Some(Lang::Nb));
        assert_eq!(
            parse("c.toml", "# nothing\n").unwrap(),
            (None, LightRule::default(), None)
        );
        assert_eq!(
            parse("c.toml", "workspace_id = \"a1b2\"\n").unwrap().2.as_deref(),
            Some("a1b2")
        );
        assert!(parse("c.toml", "workspace_id = \"a b\"\n").is_err());
        let (_, lights, _) = parse("c.toml", "[lights]\ntime_red_days = 60\ncost_red_percent = 5.5\n").unwrap();
        let Err(Error::Config(problems)) = parse("c.toml", "[lights]\ntime_yellow_days = 30.5\n") else {
            panic!("a fractional day was accepted");
        };
        assert_eq!((problems[0].line, problems[0].column), (2, 20), "{problems:?}");
        assert!(problems[0].message.contains("whole number of days"), "{problems:?}");
        assert_eq!(
            (lights.time_yellow_days, lights.time_red_days, lights.cost_red_percent),
            (30, 60, 5.5)
        );
        let Err(Error::Config(problems)) = parse("c.toml", "[lights]\ntime_red_days = 10\ntime_yelow_days = 1\n")
        else {
            panic!("accepted");
        };
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `time_yellow_days`?"));
        let Err(Error::Config(problems)) = parse("c.toml", "languge = \"sv\"\nlanguage = \"de\"\n") else {
            panic!("accepted");
        };
        assert_eq!(problems.len(), 2);
        assert_eq!((problems[0].line, problems[0].column), (1, 1));
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `language`?"));
        assert_eq!((problems[1].line, problems[1].column), (2, 12));
        assert!(problems[1].message.contains("`de` is not a language"));
    }

    #[test]
    fn setting_the_language_keeps_the_rest_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "# ours\nlanguage = \"en\" # was\n").unwrap();
        set_language(dir.path(), Lang::Nb).unwrap();
        let text = std::fs::read_to_string(dir.path().join(CONFIG_FILE)).unwrap();
        assert!(text.starts_with("# ours\n"), "{text}");
        assert_eq!(load(dir.path()).unwrap().unwrap().language, Some(Lang::Nb));
    }
}
