//! The steering-group report as a document: its sections in their order,
//! each with its words, built once from the report's facts
//! (`roadmap_core::report`). The layouts (`markdown.rs`, `html.rs`,
//! `text.rs`) only draw it. Page one is the summary: the verdict, the
//! project lead's assessment, the lights, the decisions, the next period
//! and the top risks; the detail follows.
//!
//! People read this: milestones by their titles (an address only where one
//! may have to type it, as a muted reference), weeks and days as they write
//! them, numbers with their plural words.

use std::cell::RefCell;

use chrono::Datelike;
use foldhash::HashMap;
use roadmap_core::due::Due;
use roadmap_core::report::lights::{AtRisk, Cause, Dimension, Light, Named, PlanLights};
use roadmap_core::report::people::PartyLoad;
use roadmap_core::report::{
    Decision, Deviation, DeviationKind, GONE, Happening, MilestoneItem, NO_OWNER, Period, Report, RiskChange,
};
use roadmap_core::status::Status;

use super::{light_word, risk_change, status_word};
use crate::i18n::{Language, t};

/// A piece of running text.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Text(String),
    Strong(String),
    /// A traffic light: its colour and its word.
    Light(Light),
    /// A milestone's status: its colour, symbol and word.
    Status(Status),
}

/// Spans that read as one line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line(pub Vec<Span>);

impl Line {
    pub fn text(text: impl Into<String>) -> Line {
        Line(vec![Span::Text(text.into())])
    }

    fn then(mut self, span: Span) -> Line {
        self.0.push(span);
        self
    }

    fn and(self, text: impl Into<String>) -> Line {
        self.then(Span::Text(text.into()))
    }
}

/// One entry of a list: its line and the lines under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub line: Line,
    pub details: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Numbers, aligned right.
    pub numeric: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Line>>,
}

/// A chart of the report, drawn where the layout can draw pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    Timeline,
    Trend,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Line),
    /// What a section says when it has nothing to list.
    Empty(String),
    List(Vec<Entry>),
    Table(Table),
    /// The project lead's own words, as written (Markdown).
    Assessment(String),
    Chart(Chart),
    /// A heading within a section: a plan's part, or a kind of entry.
    Heading(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// A name for the layouts (an HTML id), not shown.
    pub id: &'static str,
    pub title: String,
    pub blocks: Vec<Block>,
    /// Part of page one.
    pub summary: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    /// The period's days and the day the report is as of.
    pub subtitle: String,
    /// The verdict: the worst light, and the sentence that says why.
    pub light: Light,
    pub verdict: String,
    pub sentence: String,
    /// The filters the report was made with, in words.
    pub filters: Option<String>,
    pub sections: Vec<Section>,
}

impl Document {
    /// About how many bytes a layout writes for it (its text, a few bytes
    /// of markup a line, and room for escapes): what a layout that writes
    /// into one string reserves, so that a page of many megabytes is not
    /// copied at every doubling. An estimate: the output is the same
    /// whatever it says.
    pub fn text_len(&self) -> usize {
        let head = self.title.len()
            + self.subtitle.len()
            + self.verdict.len()
            + self.sentence.len()
            + self.filters.as_ref().map_or(0, String::len);
        estimate(head) + self.sections.iter().map(Section::text_len).sum::<usize>()
    }
}

impl Section {
    /// About how many bytes a layout writes for it, as `Document::text_len`.
    pub fn text_len(&self) -> usize {
        fn line(l: &Line) -> usize {
            l.0.iter()
                .map(|span| match span {
                    Span::Text(t) | Span::Strong(t) => t.len() + 4,
                    Span::Light(_) | Span::Status(_) => 24,
                })
                .sum::<usize>()
                + 8
        }
        let block = |b: &Block| match b {
            Block::Paragraph(l) => line(l),
            Block::Empty(t) | Block::Assessment(t) | Block::Heading(t) => t.len() + 8,
            Block::List(entries) => entries
                .iter()
                .map(|e| line(&e.line) + e.details.iter().map(line).sum::<usize>())
                .sum(),
            Block::Table(t) => {
                t.columns.iter().map(|c| c.title.len() + 8).sum::<usize>()
                    + t.rows.iter().flatten().map(line).sum::<usize>()
            }
            Block::Chart(_) => 0,
        };
        estimate(self.title.len() + 8 + self.blocks.iter().map(block).sum::<usize>())
    }
}

/// Room for `text` bytes of text once written: markup and escapes.
fn estimate(text: usize) -> usize {
    text + text / 8 + 256
}

/// How many risks page one shows.
const TOP_RISKS: usize = 3;
/// How many milestones a light's reason names.
const CAUSES: usize = 3;

/// The period a report covers, as its readers name it: "v. 15, 2027",
/// "uke 15, 2027", "week 15, 2027"; or its first and last day.
pub fn period_name(language: &Language, period: &Period) -> String {
    match period.week {
        // The year as text: a number would be grouped ("2 026").
        Some((year, week)) => t!(language, "period-week", year = year.to_string(), week = week),
        None => language.span_long(period.start, period.end),
    }
}

/// The report's verdict in one sentence: "Red (time, Plan A): …".
pub fn verdict_sentence(language: &Language, report: &Report) -> String {
    let (_, verdict, sentence) = Words::new(language, report).headline();
    format!("{verdict}: {sentence}")
}

/// The report as a document, in `language`.
pub fn document(language: &Language, report: &Report) -> Document {
    Document {
        sections: sections(language, report).collect(),
        ..heading(language, report)
    }
}

/// The document's heading, without its sections.
pub fn heading(language: &Language, report: &Report) -> Document {
    let words = Words::new(language, report);
    let (light, verdict, sentence) = words.headline();
    let as_of = t!(language, "report-as-of", today = language.day_long(report.today));
    let subtitle = match report.period.week {
        Some(_) => format!(
            "{} · {as_of}",
            language.span_long(report.period.start, report.period.end)
        ),
        None => as_of,
    };
    Document {
        title: t!(language, "report-title", period = period_name(language, &report.period)),
        subtitle,
        light,
        verdict,
        sentence,
        filters: filters(language, report.owner.as_deref(), report.phase.as_deref()),
        sections: Vec::new(),
    }
}

/// The document's sections that have something to say, in order, each
/// made when it is asked for: a layout that draws them as they come holds
/// one at a time, not a national portfolio's whole report.
pub fn sections<'a>(language: &'a Language, report: &'a Report) -> impl Iterator<Item = Section> + 'a {
    let words = Words::new(language, report);
    let makers: [fn(&Words<'a>) -> Section; 16] = [
        Words::assessment,
        Words::lights,
        Words::decisions,
        Words::next_period,
        Words::top_risks,
        Words::deviations,
        Words::done,
        Words::budget,
        Words::overdue,
        Words::progress,
        Words::waiting,
        Words::blocked,
        Words::risk_log,
        Words::notes,
        Words::trend,
        Words::timeline,
    ];
    makers
        .into_iter()
        .map(move |make| make(&words))
        .filter(|s| !s.blocks.is_empty())
}

/// The filters a report was made with, as a sentence, if any.
fn filters(language: &Language, owner: Option<&str>, phase: Option<&str>) -> Option<String> {
    let parts: Vec<String> = owner
        .map(|o| t!(language, "filter-owner", owner = o))
        .into_iter()
        .chain(phase.map(|p| t!(language, "filter-phase", phase = p)))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// "a, b and c".
fn and_list(language: &Language, items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [first @ .., last] => t!(language, "list-and", first = first.join(", "), last = *last),
    }
}

fn section(id: &'static str, title: String, summary: bool, blocks: Vec<Block>) -> Section {
    Section {
        id,
        title,
        blocks,
        summary,
    }
}

/// The report's words in one language.
struct Words<'a> {
    language: &'a Language,
    /// The year the report is in: weeks of another year say their year.
    year: i32,
    report: &'a Report<'a>,
}

impl<'a> Words<'a> {
    fn new(language: &'a Language, report: &'a Report<'a>) -> Words<'a> {
        Words {
            language,
            year: report.today.year(),
            report,
        }
    }

    fn due(&self, due: Option<&Due>) -> String {
        due.map_or_else(|| t!(self.language, "no-date"), |d| self.language.due(d, self.year))
    }

    fn amount(&self, tkr: f64) -> String {
        self.language.amount(tkr)
    }

    /// `items` as one block; with more than one plan in the report, a
    /// heading and a block for each plan that has any, in the report's
    /// order of plans.
    fn by_plan<'i, T>(
        &self,
        items: &'i [T],
        plan: impl Fn(&T) -> &str,
        block: impl Fn(Vec<&'i T>) -> Block,
    ) -> Vec<Block> {
        let plans: Vec<&str> = self.report.lights.iter().map(|l| l.roadmap.as_str()).collect();
        if plans.len() < 2 {
            return vec![block(items.iter().collect())];
        }
        // Grouped in one pass: a national portfolio has a thousand plans.
        let mut grouped: HashMap<&str, Vec<&T>> = HashMap::default();
        for item in items {
            grouped.entry(plan(item)).or_default().push(item);
        }
        let mut out = Vec::new();
        for id in plans {
            if let Some(mine) = grouped.remove(id) {
                out.push(Block::Heading(self.plan_title(id)));
                out.push(block(mine));
            }
        }
        out
    }

    /// A plan as the readers know it: its title; in a portfolio, the
    /// organisation it is for (with the title when the organisation has
    /// more than one plan), as every customer's copy has the same title.
    fn plan_title(&self, id: &str) -> String {
        let title = roadmap_core::report::roadmap_title(self.report, id);
        let portfolio = &self.report.portfolio;
        let Some(row) = portfolio.iter().find(|r| r.roadmap == id) else {
            return title.to_string();
        };
        if portfolio.iter().filter(|r| r.organisation == row.organisation).count() > 1 {
            format!("{}: {title}", row.organisation)
        } else {
            row.organisation.clone()
        }
    }

    /// A milestone's title; in a portfolio, with whose it is.
    fn whose(&self, named: &Named) -> String {
        match named.address.parse::<roadmap_core::target::Target>() {
            Ok(target) if !self.report.portfolio.is_empty() => {
                format!("{}, {}", named.title, self.plan_title(target.roadmap()))
            }
            _ => named.title.to_string(),
        }
    }

    /// The verdict: the worst light's colour, what it measures and whose,
    /// and the facts behind it in a sentence.
    fn headline(&self) -> (Light, String, String) {
        let language = self.language;
        let headline = &self.report.headline;
        let Some(worst) = &headline.worst else {
            return (
                Light::Green,
                capitalise(&light_word(language, Light::Green)),
                t!(language, "headline-green"),
            );
        };
        let dimension = match worst.dimension {
            Dimension::Time => t!(language, "headline-time", plan = self.plan_title(&worst.roadmap)),
            Dimension::Cost => t!(language, "headline-cost", plan = self.plan_title(&worst.roadmap)),
        };
        let verdict = format!("{} ({dimension})", capitalise(&light_word(language, worst.light)));
        let mut parts = Vec::new();
        if let Some(counts) = self.report.customers {
            parts.push(super::portfolio::counts_sentence(language, counts));
        }
        if let Some(oldest) = &headline.oldest {
            parts.push(t!(
                language,
                "headline-overdue",
                count = headline.overdue,
                days = headline.oldest_days,
                title = self.whose(oldest)
            ));
        }
        if headline.at_risk > 0 {
            parts.push(t!(language, "headline-at-risk", count = headline.at_risk));
        }
        if worst.dimension == Dimension::Cost
            && let Some(cost) = self
                .report
                .lights
                .iter()
                .find(|l| l.roadmap == worst.roadmap)
                .and_then(|l| l.cost.as_ref())
        {
            parts.push(t!(
                language,
                "headline-cost-over",
                percent = language.number(round1(cost.over_percent))
            ));
        }
        for decision in &headline.threatened {
            parts.push(t!(
                language,
                "headline-threatened",
                title = decision.title.as_str(),
                due = self.due(decision.due.as_ref())
            ));
        }
        if parts.is_empty() {
            parts.push(t!(language, "headline-behind"));
        }
        (worst.light, verdict, parts.join("; "))
    }

    fn assessment(&self) -> Section {
        let language = self.language;
        let block = match self.report.assessment.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => Block::Assessment(text.to_string()),
            _ => Block::Empty(t!(language, "report-assessment-none")),
        };
        section("assessment", t!(language, "report-assessment"), true, vec![block])
    }

    fn cause(&self, cause: &Cause) -> String {
        let language = self.language;
        let title = cause.title;
        if let (Some(baseline), true) = (cause.baseline.as_ref().and_then(|b| b.due()), cause.late_days > 0) {
            return t!(
                language,
                "cause-slipped",
                title = title,
                days = cause.late_days,
                baseline = self.due(Some(baseline))
            );
        }
        if let Some(days) = cause.overdue_days {
            return t!(language, "cause-overdue", title = title, days = days);
        }
        match &cause.why_at_risk {
            Some(AtRisk::Blocked { by }) => t!(
                language,
                "cause-blocked",
                title = title,
                weeks = self.report.horizon_weeks,
                by = titles(language, by)
            ),
            Some(AtRisk::Behind {
                steps_done,
                steps_total,
                days_left,
            }) => t!(
                language,
                "cause-behind",
                title = title,
                done = *steps_done,
                total = *steps_total,
                days = *days_left
            ),
            None => t!(language, "cause-late", title = title, days = cause.late_days),
        }
    }

    fn at_risk(&self, at_risk: &AtRisk) -> String {
        let language = self.language;
        match at_risk {
            AtRisk::Blocked { by } => t!(language, "at-risk-blocked", by = titles(language, by)),
            AtRisk::Behind {
                steps_done,
                steps_total,
                days_left,
            } => t!(
                language,
                "at-risk-behind",
                done = *steps_done,
                total = *steps_total,
                days = *days_left
            ),
        }
    }

    fn reasons(&self, lights: &PlanLights) -> Vec<Line> {
        let language = self.language;
        let mut out: Vec<Line> = lights
            .time
            .causes
            .iter()
            .take(CAUSES)
            .map(|c| Line::text(self.cause(c)))
            .collect();
        if lights.time.causes.len() > CAUSES {
            out.push(Line::text(t!(
                language,
                "cause-more",
                n = lights.time.causes.len() - CAUSES
            )));
        }
        if let Some(cost) = lights.cost.as_ref().filter(|c| c.light != Light::Green) {
            let id = if cost.from_forecast {
                "cost-forecast"
            } else {
                "cost-spent"
            };
            out.push(Line::text(language.text(
                id,
                Some(&fluent_args(&[
                    ("expected", self.amount(cost.expected_tkr)),
                    ("budget", self.amount(cost.budget_tkr)),
                    ("percent", language.number(round1(cost.over_percent))),
                ])),
            )));
        }
        out
    }

    /// A supplier's customers, one row per plan: light, progress, what is
    /// next and what is overdue the longest. In place of the lights per
    /// plan, whose reasons would fill page one thirty times over.
    fn portfolio(&self) -> Section {
        let language = self.language;
        let columns = columns(
            language,
            &[
                ("col-organisation", false),
                ("col-overall", false),
                ("col-steps-done", true),
                ("col-next", false),
                ("col-oldest-overdue", false),
            ],
        );
        let rows = self
            .report
            .portfolio
            .iter()
            .map(|row| {
                let next = row.next.as_ref().map_or_else(Line::default, |m| {
                    Line::text(format!("{} ({})", m.title, self.due(m.due.as_ref())))
                });
                let oldest = row.oldest_overdue.as_ref().map_or_else(Line::default, |m| {
                    Line::text(format!(
                        "{} ({})",
                        m.title,
                        t!(language, "days", n = m.days_overdue.unwrap_or_default())
                    ))
                });
                vec![
                    Line(vec![Span::Strong(self.plan_title(&row.roadmap))]),
                    Line(vec![Span::Light(row.light)]),
                    Line::text(super::portfolio::progress(language, row)),
                    next,
                    oldest,
                ]
            })
            .collect();
        section(
            "lights",
            t!(language, "report-portfolio"),
            true,
            vec![Block::Table(Table { columns, rows })],
        )
    }

    fn lights(&self) -> Section {
        if !self.report.portfolio.is_empty() {
            return self.portfolio();
        }
        let language = self.language;
        let columns = columns(
            language,
            &[
                ("col-plan", false),
                ("col-overall", false),
                ("col-time", false),
                ("col-cost-light", false),
                ("col-why", false),
            ],
        );
        let rows = self
            .report
            .lights
            .iter()
            .map(|l| {
                let reasons = self.reasons(l);
                let mut why = Line::default();
                for (i, reason) in reasons.into_iter().enumerate() {
                    if i > 0 {
                        why.0.push(Span::Text("\n".into()));
                    }
                    why.0.extend(reason.0);
                }
                vec![
                    Line(vec![Span::Strong(l.title.clone())]),
                    Line(vec![Span::Light(l.overall)]),
                    Line(vec![Span::Light(l.time.light)]),
                    l.cost
                        .as_ref()
                        .map_or_else(|| Line::text("–"), |c| Line(vec![Span::Light(c.light)])),
                    why,
                ]
            })
            .collect();
        section(
            "lights",
            t!(language, "report-lights"),
            true,
            vec![Block::Table(Table { columns, rows })],
        )
    }

    /// A milestone as it stands, in a few words: "försenad 19 dagar", "klar".
    fn standing(&self, item: &MilestoneItem) -> String {
        let language = self.language;
        match (item.status, item.days_overdue) {
            (Status::Overdue, Some(days)) => t!(language, "standing-overdue", days = days),
            (status, _) if status.is_open() => t!(
                language,
                "standing-open",
                status = status_word(language, status),
                due = self.due(item.due.as_ref())
            ),
            (status, _) => status_word(language, status),
        }
    }

    fn decision(&self, d: &Decision) -> Entry {
        let language = self.language;
        let item = &d.item;
        let mut facts = vec![match &item.owner {
            Some(owner) => t!(language, "decision-by", owner = owner.as_str()),
            None => t!(language, "decision-by-nobody"),
        }];
        facts.push(t!(language, "decision-due", due = self.due(item.due.as_ref())));
        if let Some(days) = item.days_overdue {
            facts.push(t!(language, "decision-overdue", days = days));
        }
        let line = Line(vec![Span::Strong(item.title.to_string())]).and(format!(
            " ({}) — {}",
            self.plan_title(item.roadmap),
            facts.join("; ")
        ));
        let mut details = Vec::new();
        if let Some(criteria) = &d.criteria {
            details.push(Line::text(t!(
                language,
                "decision-criteria",
                criteria = criteria.as_str()
            )));
        }
        if let Some(proposal) = &d.proposal {
            details.push(Line::text(t!(
                language,
                "decision-proposal",
                proposal = proposal.as_str()
            )));
        }
        if !d.prerequisites.is_empty() {
            let waits: Vec<String> = d
                .prerequisites
                .iter()
                .map(|p| format!("{} ({})", p.title, self.standing(p)))
                .collect();
            details.push(Line::text(t!(language, "decision-waits-for", list = waits.join("; "))));
        }
        details.push(Line::text(if d.behind.is_empty() {
            t!(language, "decision-nothing-waits")
        } else {
            t!(language, "decision-behind", list = titles(language, &d.behind))
        }));
        Entry { line, details }
    }

    fn decisions(&self) -> Section {
        let language = self.language;
        let block = if self.report.decisions.is_empty() {
            Block::Empty(t!(language, "report-decisions-none"))
        } else {
            Block::List(self.report.decisions.iter().map(|d| self.decision(d)).collect())
        };
        section("decisions", t!(language, "report-decisions"), true, vec![block])
    }

    /// A milestone in a list of what comes or what is late: its title, plan,
    /// due date, owners and steps.
    fn item(&self, item: &MilestoneItem) -> Line {
        let language = self.language;
        let owners = owners(item);
        let mut facts = vec![self.due(item.due.as_ref())];
        if let Some(baseline) = item.baseline.as_ref() {
            facts[0] = if let Some(first) = baseline.due() {
                t!(
                    language,
                    "due-moved",
                    due = facts[0].as_str(),
                    baseline = self.due(Some(first))
                )
            } else {
                t!(language, "due-first-dated", due = facts[0].as_str())
            };
        }
        if !owners.is_empty() {
            facts.push(owners);
        }
        if item.steps_total > 0 {
            facts.push(t!(
                language,
                "steps-done",
                done = item.steps_done,
                total = item.steps_total
            ));
        }
        let mut line = Line(vec![Span::Strong(item.title.to_string())]).and(format!(" — {}", facts.join(" · ")));
        if item.status == Status::Due {
            line = line.and(" · ").then(Span::Status(Status::Due));
        }
        if let Some(at_risk) = &item.at_risk {
            line = line.and(format!(" · {}", self.at_risk(at_risk)));
        }
        line
    }

    fn next_period(&self) -> Section {
        let language = self.language;
        let weeks = self.report.horizon_weeks;
        let blocks = if self.report.coming_due.is_empty() {
            vec![Block::Empty(t!(language, "report-next-none"))]
        } else {
            self.by_plan(
                &self.report.coming_due,
                |m| m.roadmap,
                |items| {
                    Block::List(
                        items
                            .into_iter()
                            .map(|m| Entry {
                                line: self.item(m),
                                details: Vec::new(),
                            })
                            .collect(),
                    )
                },
            )
        };
        section("next", t!(language, "report-next", weeks = weeks), true, blocks)
    }

    fn risk_line(&self, r: &roadmap_core::risk::Risk) -> Line {
        let language = self.language;
        let mut line = Line::text(t!(
            language,
            "risk-score",
            score = r.severity,
            likelihood = r.likelihood,
            impact = r.impact
        ))
        .and(" ")
        .then(Span::Strong(r.text.clone()))
        .and(format!(" ({})", self.plan_title(&r.roadmap)));
        if let Some(owner) = &r.owner {
            line = line.and(format!(" — {owner}"));
        }
        if let Some(action) = &r.action {
            line = line.and(format!(": {action}"));
        }
        line
    }

    fn top_risks(&self) -> Section {
        let language = self.language;
        let block = if self.report.risks.is_empty() {
            Block::Empty(t!(language, "report-risks-none"))
        } else {
            Block::List(
                self.report
                    .risks
                    .iter()
                    .take(TOP_RISKS)
                    .map(|r| Entry {
                        line: self.risk_line(r),
                        details: Vec::new(),
                    })
                    .collect(),
            )
        };
        section("top-risks", t!(language, "report-top-risks"), true, vec![block])
    }

    fn deviation(&self, d: &Deviation) -> Entry {
        let language = self.language;
        let by = d.by.clone().unwrap_or_default();
        let day = language.day_long(d.day);
        let what = match d.kind {
            DeviationKind::Moved => {
                let from = self.due(d.moved.as_ref().and_then(|(from, _)| from.as_ref()));
                let to = self.due(d.moved.as_ref().map(|(_, to)| to));
                if let Some(days) = d.days {
                    t!(
                        language,
                        "deviation-moved",
                        from = from,
                        to = to,
                        sign = if days > 0 { "+" } else { "" },
                        days = days,
                        by = by.as_str(),
                        day = day.as_str()
                    )
                } else {
                    t!(
                        language,
                        "deviation-moved-undated",
                        from = from,
                        to = to,
                        by = by.as_str(),
                        day = day.as_str()
                    )
                }
            }
            DeviationKind::Skipped => t!(language, "deviation-skipped", by = by.as_str(), day = day.as_str()),
            DeviationKind::Reopened => t!(language, "deviation-reopened", by = by.as_str(), day = day.as_str()),
            DeviationKind::BecameOverdue => t!(language, "deviation-overdue", day = day.as_str()),
        };
        let mut line = Line(vec![Span::Strong(happening_title(language, &d.title))]);
        if let Some(milestone) = &d.milestone_title {
            line = line.and(format!(" ({milestone})"));
        }
        line = line.and(format!(" — {what}"));
        let mut details = Vec::new();
        if let Some(note) = &d.note {
            details.push(Line::text(t!(language, "deviation-cause", note = note.as_str())));
        }
        if !d.behind.is_empty() {
            details.push(Line::text(t!(
                language,
                "deviation-consequence",
                list = titles(language, &d.behind)
            )));
        }
        Entry { line, details }
    }

    fn deviations(&self) -> Section {
        let language = self.language;
        let blocks = if self.report.deviations.is_empty() {
            vec![Block::Empty(t!(language, "report-deviations-none"))]
        } else {
            self.by_plan(
                &self.report.deviations,
                |d| &d.roadmap,
                |items| Block::List(items.into_iter().map(|d| self.deviation(d)).collect()),
            )
        };
        section("deviations", t!(language, "report-deviations"), false, blocks)
    }

    fn happening(&self, h: &Happening) -> Entry {
        let language = self.language;
        let when = if h.day == h.recorded {
            t!(language, "done-by", by = h.by.as_str(), day = language.day_long(h.day))
        } else {
            t!(
                language,
                "done-by-recorded-later",
                by = h.by.as_str(),
                day = language.day_long(h.day),
                recorded = language.day_long(h.recorded)
            )
        };
        let mut line = Line(vec![Span::Strong(happening_title(language, &h.title))]);
        if let Some(milestone) = &h.milestone_title {
            line = line.and(format!(" ({milestone})"));
        }
        line = line.and(format!(" — {when}"));
        let details = h
            .note
            .iter()
            .map(|n| Line::text(t!(language, "note-line", note = n.as_str())))
            .collect();
        Entry { line, details }
    }

    fn done(&self) -> Section {
        let language = self.language;
        let mut blocks = Vec::new();
        if self.report.completed.is_empty() && self.report.done.is_empty() {
            blocks.push(Block::Empty(t!(language, "report-done-none")));
        } else {
            if !self.report.completed.is_empty() {
                blocks.push(Block::Heading(t!(language, "report-completed")));
                blocks.push(Block::List(
                    self.report.completed.iter().map(|h| self.happening(h)).collect(),
                ));
            }
            if !self.report.done.is_empty() {
                blocks.push(Block::Heading(t!(language, "report-done-work")));
                blocks.push(Block::List(
                    self.report.done.iter().map(|h| self.happening(h)).collect(),
                ));
            }
        }
        section("done", t!(language, "report-done"), false, blocks)
    }

    fn budget(&self) -> Section {
        let language = self.language;
        if self.report.budgets.is_empty() {
            return section("budget", t!(language, "report-budget"), false, Vec::new());
        }
        let columns = columns(
            language,
            &[
                ("col-plan", false),
                ("col-budget", true),
                ("col-spent", true),
                ("col-forecast", true),
                ("col-exposure", true),
            ],
        );
        let number = |x: Option<f64>| Line::text(x.map_or_else(|| "–".to_string(), |x| language.number(x)));
        let rows = self
            .report
            .budgets
            .iter()
            .map(|b| {
                vec![
                    Line(vec![Span::Strong(b.title.clone())]),
                    number(b.cost.budget),
                    number(b.cost.spent),
                    number(b.cost.forecast),
                    number(Some(b.exposure_tkr)),
                ]
            })
            .collect();
        let blocks = vec![Block::Table(Table { columns, rows })];
        section("budget", t!(language, "report-budget"), false, blocks)
    }

    fn overdue(&self) -> Section {
        let language = self.language;
        let blocks = if self.report.overdue.is_empty() {
            vec![Block::Empty(t!(language, "report-overdue-none"))]
        } else {
            // A portfolio's overdue milestones share a few hundred ages and
            // counts of steps: each is put in words once.
            let ages: RefCell<HashMap<i64, String>> = RefCell::default();
            let counts: RefCell<HashMap<(usize, usize), String>> = RefCell::default();
            let entry = |m: &MilestoneItem| {
                let mut facts = vec![self.due(m.due.as_ref())];
                let owners = owners(m);
                if !owners.is_empty() {
                    facts.push(owners);
                }
                if m.steps_total > 0 {
                    let (done, total) = (m.steps_done, m.steps_total);
                    let words = counts
                        .borrow_mut()
                        .entry((done, total))
                        .or_insert_with(|| t!(language, "steps-done", done = done, total = total))
                        .clone();
                    facts.push(words);
                }
                let days = m.days_overdue.unwrap_or(0);
                let age = ages
                    .borrow_mut()
                    .entry(days)
                    .or_insert_with(|| t!(language, "report-days-overdue", n = days))
                    .clone();
                Entry {
                    line: Line::text(format!("{age}: "))
                        .then(Span::Strong(m.title.to_string()))
                        .and(format!(" — {}", facts.join(" · "))),
                    details: Vec::new(),
                }
            };
            self.by_plan(
                &self.report.overdue,
                |m| m.roadmap,
                |items| Block::List(items.into_iter().map(entry).collect()),
            )
        };
        section("overdue", t!(language, "report-overdue"), false, blocks)
    }

    fn progress(&self) -> Section {
        let language = self.language;
        let columns = columns(
            language,
            &[
                ("col-plan", false),
                ("col-steps-done", true),
                ("col-milestones-done", true),
                ("col-overdue-count", true),
                ("col-due-count", true),
                ("col-upcoming-count", true),
            ],
        );
        let fraction = |done: usize, total: usize| {
            Line::text(if total == 0 {
                "–".to_string()
            } else {
                format!("{done}/{total}")
            })
        };
        let rows = self
            .report
            .roadmaps
            .iter()
            .map(|r| {
                vec![
                    Line(vec![Span::Strong(r.title.clone())]),
                    fraction(r.steps_done, r.steps),
                    fraction(r.milestones_done, r.milestones),
                    Line::text(r.by_status.get(Status::Overdue).to_string()),
                    Line::text(r.by_status.get(Status::Due).to_string()),
                    Line::text(r.by_status.get(Status::Upcoming).to_string()),
                ]
            })
            .collect();
        section(
            "progress",
            t!(language, "report-progress"),
            false,
            vec![Block::Table(Table { columns, rows })],
        )
    }

    /// A party by its name in `[parties]`, else as the plan writes it.
    fn party(&self, load: &PartyLoad) -> String {
        if load.party == NO_OWNER {
            t!(self.language, "no-owner")
        } else {
            load.name.clone().unwrap_or_else(|| load.party.clone())
        }
    }

    fn waiting(&self) -> Section {
        let language = self.language;
        let loads: Vec<&PartyLoad> = self
            .report
            .parties
            .iter()
            .filter(|p| p.open + p.helping > 0 || !p.waited_on.is_empty())
            .collect();
        if loads.is_empty() {
            return section("waiting", t!(language, "report-waiting"), false, Vec::new());
        }
        let columns = columns(
            language,
            &[
                ("col-owner", false),
                ("col-open", true),
                ("col-of-which-overdue", true),
                ("col-helping", true),
                ("col-waited-on", false),
            ],
        );
        let row = |p: &&PartyLoad| {
            let waits: Vec<String> = p
                .waited_on
                .iter()
                .map(|w| t!(language, "wait-text", waiting = w.waiting_title, on = w.on_title))
                .collect();
            vec![
                Line(vec![Span::Strong(self.party(p))]),
                Line::text(p.open.to_string()),
                Line::text(p.overdue.to_string()),
                Line::text(p.helping.to_string()),
                Line::text(waits.join("\n")),
            ]
        };
        let blocks = self.by_plan(
            &loads,
            |p| &p.roadmap,
            |mine| {
                Block::Table(Table {
                    columns: columns.clone(),
                    rows: mine.into_iter().map(row).collect(),
                })
            },
        );
        section("waiting", t!(language, "report-waiting"), false, blocks)
    }

    fn blocked(&self) -> Section {
        let language = self.language;
        if self.report.blockers.is_empty() {
            return section("blocked", t!(language, "report-blocked"), false, Vec::new());
        }
        let entries = self
            .report
            .blockers
            .iter()
            .map(|b| Entry {
                line: Line(vec![Span::Strong(b.title.clone())]).and(format!(
                    " — {}",
                    t!(
                        language,
                        "blocker-line",
                        n = b.waiting.len(),
                        list = titles(language, &b.behind)
                    )
                )),
                details: Vec::new(),
            })
            .collect();
        section(
            "blocked",
            t!(language, "report-blocked"),
            false,
            vec![Block::List(entries)],
        )
    }

    fn risk_change(&self, c: &RiskChange) -> Entry {
        let language = self.language;
        let what = if c.added {
            t!(language, "risk-added-in-period")
        } else {
            // A score that moved says from what: "sannolikhet 4 → 5".
            let mut set = c.set.clone();
            let mut moved = Vec::new();
            if let (Some(from), Some(to)) = (c.likelihood_before, set.likelihood.take()) {
                moved.push(t!(language, "risk-likelihood-moved", from = from, to = to));
            }
            if let (Some(from), Some(to)) = (c.impact_before, set.impact.take()) {
                moved.push(t!(language, "risk-impact-moved", from = from, to = to));
            }
            let rest = risk_change(language, &set);
            moved
                .into_iter()
                .chain((!rest.is_empty()).then_some(rest))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let line = Line(vec![Span::Strong(c.text.clone())]).and(format!(
            " — {}",
            t!(
                language,
                "risk-change-by",
                what = what,
                by = c.by.as_str(),
                day = language.day_long(c.day)
            )
        ));
        let details = c
            .note
            .iter()
            .map(|n| Line::text(t!(language, "note-line", note = n.as_str())))
            .collect();
        Entry { line, details }
    }

    fn risk_log(&self) -> Section {
        let language = self.language;
        let mut blocks = Vec::new();
        if self.report.risks.len() > TOP_RISKS {
            let columns = columns(
                language,
                &[
                    ("col-severity", true),
                    ("col-risk", false),
                    ("col-owner", false),
                    ("col-action", false),
                ],
            );
            let rows = self
                .report
                .risks
                .iter()
                .map(|r| {
                    vec![
                        Line::text(t!(
                            language,
                            "risk-score-short",
                            score = r.severity,
                            likelihood = r.likelihood,
                            impact = r.impact
                        )),
                        Line::text(r.text.clone()),
                        Line::text(r.owner.clone().unwrap_or_default()),
                        Line::text(r.action.clone().unwrap_or_default()),
                    ]
                })
                .collect();
            blocks.push(Block::Table(Table { columns, rows }));
        }
        if !self.report.risk_changes.is_empty() {
            blocks.push(Block::Heading(t!(language, "report-risk-changes")));
            blocks.push(Block::List(
                self.report.risk_changes.iter().map(|c| self.risk_change(c)).collect(),
            ));
        }
        section("risks", t!(language, "report-risks"), false, blocks)
    }

    /// The notes of the period that no other section shows.
    fn notes(&self) -> Section {
        let language = self.language;
        let shown = |h: &Happening| {
            self.report
                .done
                .iter()
                .any(|d| d.address == h.address && d.note == h.note && d.recorded == h.recorded)
                || self
                    .report
                    .deviations
                    .iter()
                    .any(|d| d.address == h.address && d.note == h.note)
        };
        let notes: Vec<Entry> = self
            .report
            .notes
            .iter()
            .filter(|h| !shown(h))
            .map(|h| {
                let mut line = Line(vec![Span::Strong(happening_title(language, &h.title))]);
                if let Some(milestone) = &h.milestone_title {
                    line = line.and(format!(" ({milestone})"));
                }
                line = line.and(format!(
                    " — {}",
                    t!(language, "done-by", by = h.by.as_str(), day = language.day_long(h.day))
                ));
                Entry {
                    line,
                    details: h.note.iter().map(|n| Line::text(language.quote(n))).collect(),
                }
            })
            .collect();
        let blocks = if notes.is_empty() {
            Vec::new()
        } else {
            vec![Block::List(notes)]
        };
        section("notes", t!(language, "report-notes"), false, blocks)
    }

    fn trend(&self) -> Section {
        let language = self.language;
        if self.report.trends.is_empty() {
            return section("trend", t!(language, "report-trend"), false, Vec::new());
        }
        let columns = columns(language, &[("col-milestone", false), ("col-planned", false)]);
        let rows = self
            .report
            .trends
            .iter()
            .map(|trend| {
                let mut plans: Vec<String> = Vec::new();
                if let Some(first) = trend.baseline_end {
                    plans.push(t!(language, "trend-baseline", planned = language.day_long(first)));
                }
                for (day, end) in trend.points.iter().skip(usize::from(trend.baseline_end.is_some())) {
                    plans.push(t!(
                        language,
                        "trend-planned",
                        planned = language.day_long(*end),
                        day = language.day_long(*day)
                    ));
                }
                vec![
                    Line(vec![Span::Strong(trend.title.clone())]),
                    Line::text(plans.join("\n")),
                ]
            })
            .collect();
        section(
            "trend",
            t!(language, "report-trend"),
            false,
            vec![Block::Chart(Chart::Trend), Block::Table(Table { columns, rows })],
        )
    }

    fn timeline(&self) -> Section {
        let language = self.language;
        let block = if self.report.timeline.is_empty() {
            Block::Empty(t!(language, "report-no-dates"))
        } else {
            Block::Chart(Chart::Timeline)
        };
        section("timeline", t!(language, "report-timeline"), false, vec![block])
    }
}

/// The timeline's milestones as tables, in the chart's order: each
/// milestone, its days and its status, under its plan's heading when there
/// are several. What the picture shows, for a layout that puts words
/// beside it.
pub fn timeline_tables(language: &Language, report: &Report) -> Vec<Block> {
    let words = Words::new(language, report);
    words.by_plan(
        &report.timeline,
        |task| task.roadmap,
        |tasks| {
            let rows = tasks
                .into_iter()
                .map(|task| {
                    let days = if task.open_ended {
                        format!("{} –", language.day_long(task.start))
                    } else {
                        language.span_long(task.start, task.end)
                    };
                    vec![
                        Line::text(task.title),
                        Line::text(days),
                        Line(vec![Span::Status(task.status)]),
                    ]
                })
                .collect();
            Block::Table(Table {
                columns: columns(
                    language,
                    &[("col-milestone", false), ("col-dates", false), ("col-status", false)],
                ),
                rows,
            })
        },
    )
}

/// A table's columns: each a message id and whether it holds numbers.
fn columns(language: &Language, spec: &[(&str, bool)]) -> Vec<Column> {
    spec.iter()
        .map(|(id, numeric)| Column {
            title: language.text(id, None),
            numeric: *numeric,
        })
        .collect()
}

/// Fluent arguments from names and texts.
fn fluent_args<'a>(args: &[(&'a str, String)]) -> fluent_bundle::FluentArgs<'a> {
    let mut out = fluent_bundle::FluentArgs::new();
    for (name, value) in args {
        out.set(*name, value.clone());
    }
    out
}

/// A milestone's owner, or the owners of its open steps when it has none.
fn owners(item: &MilestoneItem) -> String {
    match &item.owner {
        Some(owner) => owner.clone(),
        None => item.step_owners.join(", "),
    }
}

/// The titles of milestones, as a list in words.
fn titles(language: &Language, named: &[Named]) -> String {
    and_list(language, &named.iter().map(|n| n.title).collect::<Vec<_>>())
}

/// A happening's title: the step or milestone, or that it is gone.
fn happening_title(language: &Language, title: &str) -> String {
    if title == GONE {
        t!(language, "gone")
    } else {
        title.to_string()
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// A percentage to one decimal.
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
