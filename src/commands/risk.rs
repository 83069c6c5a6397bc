//! `roadmap risk add|update|close`: the risk log, written as changes in the
//! state file (the one write path, `record`), so risks share its lock, its
//! merge rule and who-recorded-what.

use roadmap_core::risk::{self, Risk};
use roadmap_core::state::change::Change;
use roadmap_core::state::file::Written;
use roadmap_core::state::record::Roadmaps;
use roadmap_core::state::{RiskFields, State};
use roadmap_core::target::{Target, TargetKind};
use roadmap_core::{Error, ExitCode, Result};

use crate::cli::{ByArg, RiskAddArgs, RiskCloseArgs, RiskCommand, RiskUpdateArgs};
use crate::context::Context;
use crate::i18n::t;
use crate::render::sanitize;

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
    let target = Target::risk(&roadmap.id, &id);
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
    write(context, &args.by, &said, |_| Ok(Some((target, fields, None))))
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
    write(context, &args.by, &said, |state| {
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
            .then(|| (Target::risk(&found.roadmap, &found.id), fields, args.note.clone())))
    })
}

fn close(context: &Context, args: &RiskCloseArgs) -> Result<ExitCode> {
    let said = t!(context.language, "risk-closed", id = args.id.as_str());
    write(context, &args.by, &said, |state| {
        let risks = risk::risks(state);
        let found = find(&risks, &args.id)?;
        let fields = RiskFields {
            closed: Some(true),
            ..RiskFields::default()
        };
        Ok((!found.closed).then(|| (Target::risk(&found.roadmap, &found.id), fields, Some(args.note.clone()))))
    })
}

/// The risk `wanted` names (its id, the start of it, or `ROADMAP#ID`), or
/// why there is none. A milestone or a step is not a risk.
fn find<'r>(risks: &'r [Risk], wanted: &str) -> Result<&'r Risk> {
    let wanted = wanted.trim();
    let id = match wanted.parse::<Target>() {
        Ok(target) if target.kind() == TargetKind::Risk => target.risk_id().unwrap_or(wanted).to_string(),
        Ok(target) if target.is_work() => {
            return Err(Error::usage(
                format!("`{wanted}` is a {}, not a risk", target.kind().name()),
                "give the risk's id, like r-3f2a9c1b (`roadmap risks --all` lists them); a milestone or step is changed with done, skip or note",
            ));
        }
        // An id alone, or the start of one.
        _ => wanted.to_string(),
    };
    let wanted = id.as_str();
    risk::find(risks, wanted).map_err(|matching| match matching.as_slice() {
        [] => Error::usage(
            format!("no risk `{wanted}` in the risk log"),
            "`roadmap risks --all` lists every risk with its id",
        ),
        several => Error::usage(
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
    said: &str,
    plan: impl FnOnce(&State<'_>) -> Result<Option<(Target, RiskFields, Option<String>)>>,
) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let recording = context.record(Roadmaps::Every(&catalog), by, None, |state| {
        Ok(plan(state)?
            .map(|(target, fields, note)| Change::Risk { target, fields, note })
            .into_iter()
            .collect())
    })?;
    let language = &context.language;
    let out = match recording.written {
        Written::Nothing => t!(language, "risk-nothing") + "\n",
        Written::Appended(_) => format!("{said}\n{}\n", recording.confirmation(language)),
    };
    context.terminal.emit(&out)?;
    Ok(ExitCode::Success)
}
