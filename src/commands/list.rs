//! `roadmap list`: the loaded roadmaps and where each came from.

use roadmap_core::roadmap::{Origin, Roadmap};
use roadmap_core::{ExitCode, Result};
use serde::Serialize;

use crate::cli::ListArgs;
use crate::context::Context;
use crate::render::{Format, Table, cell, headers, origin};

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    title: &'a str,
    /// The document it was transcribed from (`[roadmap] source`).
    source: Option<&'a str>,
    milestones: usize,
    steps: usize,
    /// "shipped", or the path of the file it was loaded from.
    origin: String,
    replaces_shipped: bool,
}

impl<'a> Entry<'a> {
    fn new(roadmap: &'a Roadmap) -> Self {
        let (origin, replaces_shipped) = match &roadmap.origin {
            Origin::Shipped(_) => ("shipped".to_string(), false),
            Origin::File { path, replaces_shipped } => (path.display().to_string(), *replaces_shipped),
        };
        Entry {
            id: &roadmap.id,
            title: &roadmap.title,
            source: roadmap.source.as_deref(),
            milestones: roadmap.milestones.len(),
            steps: roadmap.step_count(),
            origin,
            replaces_shipped,
        }
    }
}

pub fn run(context: &Context, args: &ListArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let entries: Vec<Entry> = catalog.roadmaps.iter().map(Entry::new).collect();
    let text = match args.format {
        Format::Json => crate::render::json::to_string(&entries)?,
        Format::Table | Format::Markdown => {
            let mut table = Table::new(&context.terminal, args.format);
            let language = &context.language;
            table.set_header(headers(
                language,
                args.format,
                ["col-id", "col-title", "col-milestones", "col-steps", "col-from"],
            ));
            for (entry, roadmap) in entries.iter().zip(&catalog.roadmaps) {
                table.add_row([
                    cell(args.format, entry.id),
                    cell(args.format, entry.title),
                    entry.milestones.to_string(),
                    entry.steps.to_string(),
                    cell(args.format, &origin(language, &roadmap.origin)),
                ]);
            }
            format!("{table}\n")
        }
    };
    context.terminal.emit(&text)?;
    Ok(ExitCode::Success)
}
