//! MS Project's XML (MSPDI), which MS Project, `ProjectLibre`, `GanttProject`
//! (through MPXJ) and most planning tools open: the tasks of
//! `roadmap_core::export::project`, owners as resources assigned to their
//! tasks, days as working days of eight hours (08:00 to 17:00).

use chrono::{Datelike, NaiveDate, Weekday};
use roadmap_core::export::Task;

use super::escape_html as escape;

/// Working days from `first` to `last`, both counted (at least one).
fn working_days(first: NaiveDate, last: NaiveDate) -> i64 {
    let days = first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .count();
    i64::try_from(days).unwrap_or(i64::MAX).max(1)
}

fn start(day: NaiveDate) -> String {
    format!("{day}T08:00:00")
}

fn finish(day: NaiveDate) -> String {
    format!("{day}T17:00:00")
}

/// The project file: `title` its name, `stamp` the day it describes.
pub fn project(title: &str, stamp: NaiveDate, tasks: &[Task]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    out.push_str("<Project xmlns=\"http://schemas.microsoft.com/project\">\n");
    out.push_str("  <SaveVersion>14</SaveVersion>\n");
    out.push_str(&format!(
        "  <Name>{}</Name>\n  <Title>{}</Title>\n",
        escape(title),
        escape(title)
    ));
    out.push_str(&format!("  <CreationDate>{}</CreationDate>\n", start(stamp)));
    out.push_str("  <ScheduleFromStart>1</ScheduleFromStart>\n");
    let span = tasks
        .iter()
        .filter_map(|t| t.dates)
        .fold(None, |acc: Option<(NaiveDate, NaiveDate)>, (a, b)| {
            Some(acc.map_or((a, b), |(x, y)| (x.min(a), y.max(b))))
        });
    let (first, last) = span.unwrap_or((stamp, stamp));
    out.push_str(&format!(
        "  <StartDate>{}</StartDate>\n  <FinishDate>{}</FinishDate>\n",
        start(first),
        finish(last)
    ));
    out.push_str("  <MinutesPerDay>480</MinutesPerDay>\n  <MinutesPerWeek>2400</MinutesPerWeek>\n  <DaysPerMonth>20</DaysPerMonth>\n");
    out.push_str("  <Tasks>\n");
    for task in tasks {
        out.push_str("    <Task>\n");
        out.push_str(&format!("      <UID>{}</UID>\n      <ID>{}</ID>\n", task.uid, task.uid));
        out.push_str(&format!("      <Name>{}</Name>\n", escape(&task.name)));
        if let Some(code) = &task.code {
            out.push_str(&format!("      <WBS>{}</WBS>\n", escape(code)));
        }
        out.push_str(&format!("      <OutlineLevel>{}</OutlineLevel>\n", task.outline_level));
        out.push_str(&format!("      <Summary>{}</Summary>\n", u8::from(task.summary)));
        out.push_str(&format!("      <Milestone>{}</Milestone>\n", u8::from(task.milestone)));
        match task.dates {
            Some((a, b)) => {
                out.push_str(&format!(
                    "      <Start>{}</Start>\n      <Finish>{}</Finish>\n",
                    start(a),
                    finish(b)
                ));
                out.push_str(&format!(
                    "      <Duration>PT{}H0M0S</Duration>\n",
                    working_days(a, b) * 8
                ));
                out.push_str("      <DurationFormat>7</DurationFormat>\n");
            }
            None => out.push_str("      <Estimated>1</Estimated>\n"),
        }
        out.push_str(&format!(
            "      <PercentComplete>{}</PercentComplete>\n",
            task.percent_complete
        ));
        if let Some(day) = task.deadline {
            out.push_str(&format!("      <Deadline>{}</Deadline>\n", finish(day)));
        }
        if let Some(notes) = &task.notes {
            out.push_str(&format!("      <Notes>{}</Notes>\n", escape(notes)));
        }
        for uid in &task.predecessors {
            // Type 1: finish to start.
            out.push_str(&format!(
                "      <PredecessorLink>\n        <PredecessorUID>{uid}</PredecessorUID>\n        <Type>1</Type>\n      </PredecessorLink>\n"
            ));
        }
        out.push_str("    </Task>\n");
    }
    out.push_str("  </Tasks>\n");
    // Owners as resources, in the order they first appear.
    let mut owners: Vec<&str> = Vec::new();
    for owner in tasks.iter().filter_map(|t| t.owner.as_deref()) {
        if !owners.contains(&owner) {
            owners.push(owner);
        }
    }
    out.push_str("  <Resources>\n");
    for (i, owner) in owners.iter().enumerate() {
        out.push_str(&format!(
            "    <Resource>\n      <UID>{}</UID>\n      <ID>{}</ID>\n      <Name>{}</Name>\n      <Type>1</Type>\n    </Resource>\n",
            i + 1,
            i + 1,
            escape(owner)
        ));
    }
    out.push_str("  </Resources>\n  <Assignments>\n");
    let mut uid = 0;
    for task in tasks {
        if let Some(r) = task.owner.as_deref().and_then(|o| owners.iter().position(|x| *x == o)) {
            uid += 1;
            out.push_str(&format!(
                "    <Assignment>\n      <UID>{uid}</UID>\n      <TaskUID>{}</TaskUID>\n      <ResourceUID>{}</ResourceUID>\n    </Assignment>\n",
                task.uid,
                r + 1
            ));
        }
    }
    out.push_str("  </Assignments>\n</Project>\n");
    out
}
