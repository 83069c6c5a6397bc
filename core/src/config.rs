//! The workspace's settings: `.roadmap/config.toml`, written by `roadmap
//! init` and by hand. For now one key, `language`: the language views and
//! reports speak in this workspace (unless `--lang` or `ROADMAP_LANG` says
//! otherwise).

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::error::{Error, Result};
use crate::lang::Lang;

pub const CONFIG_FILE: &str = "config.toml";

const KEYS: &[&str] = &["language"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub path: PathBuf,
    pub language: Option<Lang>,
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
        Error::Config(vec![
            Diagnostic::at(
                &shown,
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to()..e.utf8_error().valid_up_to() + 1,
                "the file is not valid UTF-8",
            )
            .with_hint("save the file as UTF-8"),
        ])
    })?;
    parse(&shown, &text).map(|language| Some(Config { path, language }))
}

fn parse(path: &str, text: &str) -> Result<Option<Lang>> {
    let arena = toml_spanner::Arena::new();
    let document = toml_spanner::parse(text, &arena)
        .map_err(|e| Error::Config(vec![crate::roadmap::parse::toml_error(path, text, &e)]))?;
    let span = |s: toml_spanner::Span| s.start as usize..s.end as usize;
    let mut problems = Vec::new();
    let mut language = None;
    for (key, item) in document.table().iter() {
        match key.name {
            "language" => match item.as_str().map(|s| (s, Lang::parse(s))) {
                Some((_, Some(lang))) => language = Some(lang),
                Some((value, None)) => problems.push(
                    Diagnostic::at(
                        path,
                        text,
                        span(item.span()),
                        format!("`{value}` is not a language roadmap speaks"),
                    )
                    .with_hint("write language = \"sv\" (Swedish), \"nb\" (Norwegian) or \"en\" (English)"),
                ),
                None => problems.push(
                    Diagnostic::at(path, text, span(item.span()), "`language` must be a string")
                        .with_hint("write language = \"sv\", \"nb\" or \"en\""),
                ),
            },
            other => problems.push(
                Diagnostic::at(
                    path,
                    text,
                    span(key.span),
                    format!("unknown key `{other}` in the workspace settings"),
                )
                .with_hint(
                    did_you_mean(other, KEYS.iter().copied()).unwrap_or_else(|| "the one key is `language`".into()),
                ),
            ),
        }
    }
    if problems.is_empty() {
        Ok(language)
    } else {
        Err(Error::Config(problems))
    }
}

/// Sets `language` in the workspace's settings, keeping everything else in
/// the file (comments too); makes the file when there is none.
pub fn set_language(workspace: &Path, lang: Lang) -> Result<PathBuf> {
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
    document["language"] = toml_edit::value(lang.code());
    crate::files::replace(&path, document.to_string().as_bytes(), "the workspace settings")?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_language_and_names_every_problem() {
        assert_eq!(parse("c.toml", "language = \"sv\"\n").unwrap(), Some(Lang::Sv));
        assert_eq!(parse("c.toml", "language = \"nn\"\n").unwrap(), Some(Lang::Nb));
        assert_eq!(parse("c.toml", "# nothing\n").unwrap(), None);
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
