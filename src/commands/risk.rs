//! `roadmap risk add|update|close`: the risk log, written as changes in the
//! state file (the one write path, `record`), so risks share its lock, its
//! merge rule and who-recorded-what.

use roadmap_core::risk::{self, Risk};
use roadmap_core::state::change::Change;
use roadmap_core::state::file::Written;
use roadmap_core::state::record::record;
use roadmap_core::state::{Op, RiskFields, State};
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::{ByArg, RiskAddArgs, RiskCloseArgs, RiskCommand, RiskUpdateArgs};
use crate::context::Context;
use crate::i18n::t;
use crate::render::{recorded as recorded_line, sanitize};

pub fn run(context: &Context, command: &RiskCommand) -> Result<ExitCode> {
    match command {
        RiskCommand::Add(args) => add(context, args),
        RiskCommand::Update(args) => update(context, args),
        RiskCommand::Close(args) => close(context, args),
    }
}

fn add(context: &Context, args: &RiskAddArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let roadmap = catalog.roadmap(&args.roadmap)?;
    if let Some(id) = &args.milestone {
        roadmap.find_milestone(id)?;
    }
    let id = risk::new_id();
    let fields = RiskFields {
        text: Some(args.text.clone()),
        milestone: args.milestone.clone(),
        likelihood: Some(args.likelihood),
        impact: Some(args.impact),
        owner: Some(args.owner.clone()),
        action: Some(args.action.clone()),
        closed: None,
    };
    let target = risk::target(&roadmap.id, &id);
    let said = t!(
        context.language,
        "risk-added",
        id = id.as_str(),
        roadmap = roadmap.id.as_str(),
        text = sanitize(&args.text).into_owned(),
        severity = args.likelihood * args.impact,
        likelihood = args.likelihood,
        impact = args.impact
    );
    write(context, &args.by, said, |_| Ok(Some((target, fields, None))))
}

fn update(context: &Context, args: &RiskUpdateArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let wanted = RiskFields {
        text: args.text.clone(),
        milestone: args.milestone.clone(),
        likelihood: args.likelihood,
        impact: args.impact,
        owner: args.owner.clone(),
        action: args.action.clone(),
        closed: args.reopen.then_some(false),
    };
    if wanted == RiskFields::default() {
        return Err(Error::usage(
            "`risk update` was given nothing to change",
            "give one or more of --text, --milestone, --likelihood, --impact, --owner, --action, --reopen",
        ));
    }
    let said = t!(context.language, "risk-updated", id = args.id.as_str());
    write(context, &args.by, said, |state| {
        let risks = risk::risks(state);
        let found = find(&risks, &args.id)?;
        if let Some(id) = wanted.milestone.as_deref().filter(|m| !m.is_empty()) {
            catalog.roadmap(&found.roadmap)?.find_milestone(id)?;
        }
        // Only what differs from the risk as it stands is recorded.
        let fields = RiskFields {
            text: wanted.text.clone().filter(|t| *t != found.text),
            milestone: wanted.milestone.clone().filter(|m| Some(m) != found.milestone.as_ref()),
            likelihood: wanted.likelihood.filter(|n| *n != found.likelihood),
            impact: wanted.impact.filter(|n| *n != found.impact),
            owner: wanted.owner.clone().filter(|o| Some(o) != found.owner.as_ref()),
            action: wanted.action.clone().filter(|a| Some(a) != found.action.as_ref()),
            closed: wanted.closed.filter(|_| found.closed),
        };
        Ok((fields != RiskFields::default())
            .then(|| (risk::target(&found.roadmap, &found.id), fields, args.note.clone())))
    })
}

fn close(context: &Context, args: &RiskCloseArgs) -> Result<ExitCode> {
    let said = t!(context.language, "risk-closed", id = args.id.as_str());
    write(context, &args.by, said, |state| {
        let risks = risk::risks(state);
        let found = find(&risks, &args.id)?;
        let fields = RiskFields {
            closed: Some(true),
            ..RiskFields::default()
        };
        Ok((!found.closed).then(|| (risk::target(&found.roadmap, &found.id), fields, Some(args.note.clone()))))
    })
}

/// The risk `wanted` names, or why there is none.
fn find<'r>(risks: &'r [Risk], wanted: &str) -> Result<&'r Risk> {
    risk::find(risks, wanted).map_err(|matching| match matching.as_slice() {
        [] => Error::refused(
            format!("no risk `{wanted}` in the risk log"),
            "`roadmap risks --all` lists every risk with its id",
        ),
        several => Error::refused(
            format!(
                "`{wanted}` is the start of {} risks' ids: {}",
                several.len(),
                several.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ")
            ),
            "give more of the id",
        ),
    })
}

/// Records one risk change, if `plan` asks for one (target, fields, note),
/// and says what happened.
fn write(
    context: &Context,
    by: &ByArg,
    said: String,
    plan: impl FnOnce(&State<'_>) -> Result<Option<(String, RiskFields, Option<String>)>>,
) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let location = context.state_location()?;
    let (author, recorder) = context.author(by, None, &location)?;
    let recorded = record(
        &location.path,
        context.lock_timeout(),
        context.waiting_message(&location),
        &catalog,
        &author,
        |state| {
            Ok(plan(state)?
                .map(|(target, fields, note)| Change {
                    risk: Some(fields),
                    note,
                    ..Change::new(target, Op::Risk)
                })
                .into_iter()
                .collect())
        },
    )?;
    let language = &context.language;
    let out = match recorded.written {
        Written::Nothing => t!(language, "risk-nothing") + "\n",
        Written::Appended(_) => format!(
            "{said}\n{}\n",
            recorded_line(language, recorded.events.len(), &recorder, &location)
        ),
    };
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}
