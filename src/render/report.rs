//! The words of the steering-group report, shared by its three layouts
//! (`markdown.rs`, `html.rs`, `text.rs`): how the period, the headline, a
//! light and what is behind it, a decision, a deviation, a risk and a party
//! are said. Each returns plain text; the layout escapes it.

use roadmap_core::report::lights::{Cause, CostLight, Light};
use roadmap_core::report::people::PartyLoad;
use roadmap_core::report::{Decision, Deviation, DeviationKind, GONE, Headline, NO_OWNER, Period, Verdict};
use roadmap_core::schedule::Baseline;

use crate::i18n::{Language, t};

/// The period a report covers, as its readers name it: "v. 49 2026",
/// "uke 49 2026", "week 49, 2026"; or its first and last day.
pub fn period_name(language: &Language, period: &Period) -> String {
    match period.week {
        // The year as text: a number would be grouped ("2 026").
        Some((year, week)) => t!(language, "period-week", year = year.to_string(), week = week),
        None => language.dates(period.start, period.end),
    }
}

/// The days of a week's report, to show beside its name: " (2027-04-12 –
/// 2027-04-18)"; nothing for a report whose name is its days.
pub fn period_days(language: &Language, period: &Period) -> String {
    match period.week {
        Some(_) => format!(" ({})", language.dates(period.start, period.end)),
        None => String::new(),
    }
}

pub fn verdict(language: &Language, verdict: Verdict) -> String {
    match verdict {
        Verdict::Late => t!(language, "verdict-late"),
        Verdict::AtRisk => t!(language, "verdict-at-risk"),
        Verdict::OnTrack => t!(language, "verdict-on-track"),
    }
}

pub fn light_word(language: &Language, light: Light) -> String {
    match light {
        Light::Green => t!(language, "light-green"),
        Light::Yellow => t!(language, "light-yellow"),
        Light::Red => t!(language, "light-red"),
    }
}

/// A light as a coloured mark and its word, for Markdown: "🔴 red".
pub fn light_mark(language: &Language, light: Light) -> String {
    let mark = match light {
        Light::Green => "🟢",
        Light::Yellow => "🟡",
        Light::Red => "🔴",
    };
    format!("{mark} {}", light_word(language, light))
}

/// The report's verdict, and the plans and milestones that make it so.
pub fn headline(language: &Language, headline: &Headline) -> (String, String) {
    let sentence = if headline.plans.is_empty() {
        t!(language, "headline-green")
    } else {
        headline
            .plans
            .iter()
            .map(|p| {
                let light = light_word(language, p.light);
                let milestones = p.milestones.join(", ");
                if p.more > 0 {
                    t!(
                        language,
                        "headline-plan-more",
                        roadmap = p.roadmap.as_str(),
                        light = light,
                        milestones = milestones,
                        more = p.more
                    )
                } else {
                    t!(
                        language,
                        "headline-plan",
                        roadmap = p.roadmap.as_str(),
                        light = light,
                        milestones = milestones
                    )
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    (verdict(language, headline.verdict), sentence)
}

/// Why one milestone counts against a light.
pub fn cause(language: &Language, cause: &Cause) -> String {
    let what = format!("{} {}", cause.address, cause.title);
    match (cause.baseline.as_ref().and_then(Baseline::due), cause.overdue_days) {
        (Some(baseline), _) if cause.late_days > 0 => {
            t!(
                language,
                "cause-slipped",
                what = what,
                days = cause.late_days,
                baseline = baseline.label()
            )
        }
        (_, Some(days)) => t!(language, "cause-overdue", what = what, days = days),
        _ => t!(language, "cause-at-risk", what = what),
    }
}

/// The causes of a light, the first `shown` of them and how many more.
pub fn causes(language: &Language, causes: &[Cause], shown: usize) -> Vec<String> {
    let mut out: Vec<String> = causes.iter().take(shown).map(|c| cause(language, c)).collect();
    if causes.len() > shown {
        out.push(t!(language, "cause-more", n = causes.len() - shown));
    }
    out
}

pub fn cost(language: &Language, cost: &CostLight) -> String {
    t!(
        language,
        "cost-late",
        late = language.number(cost.late_tkr),
        total = language.number(cost.total_tkr),
        percent = language.number((cost.late_percent * 10.0).round() / 10.0)
    )
}

/// Who decides a decision, by when, and what waits on it.
pub fn decision(language: &Language, decision: &Decision) -> Vec<String> {
    let item = &decision.item;
    let mut facts = vec![match &item.owner {
        Some(owner) => t!(language, "decision-by", owner = owner.as_str()),
        None => t!(language, "decision-by-nobody"),
    }];
    if let Some(due) = &item.due {
        facts.push(t!(language, "decision-due", due = due.label.as_str()));
    }
    if let Some(days) = item.days_overdue {
        facts.push(t!(language, "decision-overdue", days = days));
    }
    facts.push(if decision.waiting.is_empty() {
        t!(language, "decision-nothing-waits")
    } else {
        t!(language, "decision-waiting", milestones = decision.waiting.join(", "))
    });
    facts
}

/// What a deviation was, by whom and when (not what it was of).
pub fn deviation(language: &Language, d: &Deviation) -> String {
    let by = d.by.clone().unwrap_or_default();
    let day = language.date(d.day);
    let no_date = || t!(language, "no-date");
    match d.kind {
        DeviationKind::Moved => {
            if let Some(days) = d.days {
                t!(
                    language,
                    "deviation-moved",
                    from = d.from.clone().unwrap_or_else(no_date),
                    to = d.to.clone().unwrap_or_else(no_date),
                    sign = if days > 0 { "+" } else { "" },
                    days = days,
                    by = by,
                    day = day
                )
            } else {
                t!(
                    language,
                    "deviation-moved-undated",
                    from = d.from.clone().unwrap_or_else(no_date),
                    to = d.to.clone().unwrap_or_else(no_date),
                    by = by,
                    day = day
                )
            }
        }
        DeviationKind::Skipped => t!(language, "deviation-skipped", by = by, day = day),
        DeviationKind::Reopened => t!(language, "deviation-reopened", by = by, day = day),
        DeviationKind::BecameOverdue => t!(language, "deviation-overdue", day = day),
    }
}

/// A party as the report names it: its code and full name.
pub fn party(language: &Language, load: &PartyLoad) -> String {
    if load.party == NO_OWNER {
        return t!(language, "no-owner");
    }
    match &load.name {
        Some(name) if *name != load.party => format!("{} ({name})", load.party),
        _ => load.party.clone(),
    }
}

/// A milestone's owner, or the owners of its open steps when it has none.
pub fn owners(item: &roadmap_core::report::MilestoneItem) -> String {
    match &item.owner {
        Some(owner) => owner.clone(),
        None => item.step_owners.join(", "),
    }
}

/// A happening's title: the step or milestone, or that it is gone.
pub fn happening_title(language: &Language, title: &str) -> String {
    if title == GONE {
        t!(language, "gone")
    } else {
        title.to_string()
    }
}

/// The filters a report was made with, as a sentence, if any.
pub fn filters(language: &Language, owner: Option<&str>, phase: Option<&str>) -> Option<String> {
    let parts: Vec<String> = owner
        .map(|o| t!(language, "filter-owner", owner = o))
        .into_iter()
        .chain(phase.map(|p| t!(language, "filter-phase", phase = p)))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}
