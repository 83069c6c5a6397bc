//! A plan from MS Project's XML (MSPDI): what `export --format mspdi`
//! writes, and what MPXJ writes from `ProjectLibre` or `GanttProject`. Summary
//! tasks become phases, the other tasks milestones (due from their deadline,
//! else their start and finish), predecessors `depends_on`, the resources
//! assigned the owner, a task 100 % complete done.

use foldhash::HashMap;

use chrono::NaiveDate;
use quick_xml::events::Event;

use super::read::{MOST_CELL_TEXT, Table};
use super::{Milestone, Phase, Plan};
use crate::roadmap::edit::{UniqueIds, id_from};
use crate::roadmap::parse::is_valid_id;
use crate::state::Mark;

/// A task as the file has it.
#[derive(Debug, Default)]
struct Task {
    uid: String,
    name: String,
    /// The WBS code: roadmap's export writes the id there.
    code: Option<String>,
    /// MS Project's own numbering ("1.2"), which a WBS code often repeats.
    outline_number: Option<String>,
    level: usize,
    summary: bool,
    start: Option<NaiveDate>,
    finish: Option<NaiveDate>,
    deadline: Option<NaiveDate>,
    percent: Option<u32>,
    notes: Option<String>,
    predecessors: Vec<String>,
}

/// The most tasks a plan file is read with: far more than any plan.
const MOST_TASKS: usize = 100_000;
/// The deepest a plan's XML nests (MS Project's is five deep): a file of
/// nothing but nested elements is refused before it fills memory.
const MOST_DEPTH: usize = 64;

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

/// The plan in an MSPDI file, and the project's title; why not, when it is
/// not one.
pub fn plan(bytes: &[u8]) -> Result<(Plan, Table), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_string())?;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut path: Vec<String> = Vec::new();
    let mut title: Option<String> = None;
    let mut tasks: Vec<Task> = Vec::new();
    let mut resources: HashMap<String, String> = HashMap::default();
    let mut assignments: Vec<(String, String)> = Vec::new();
    let (mut resource, mut assignment) = ((String::new(), String::new()), (String::new(), String::new()));
    let mut is_project = false;
    // An element's text, gathered across the escapes that split it.
    let mut text = String::new();
    loop {
        let event = reader.read_event().map_err(|e| format!("the XML is broken: {e}"))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name().into_inner().to_string();
                if path.is_empty() {
                    is_project = name == "Project";
                    if !is_project {
                        return Err("it is XML, but not MS Project's (no <Project>)".to_string());
                    }
                }
                if name == "Task" && path.last().is_some_and(|p| p == "Tasks") {
                    if tasks.len() >= MOST_TASKS {
                        return Err(format!("it has more than {MOST_TASKS} tasks: it is not a plan"));
                    }
                    tasks.push(Task::default());
                }
                if path.len() >= MOST_DEPTH {
                    return Err(format!("its XML nests more than {MOST_DEPTH} deep: it is not a plan"));
                }
                path.push(name);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.html_content()),
            Event::GeneralRef(r) => {
                let name = r.borrow().into_inner();
                if let Some(c) = quick_xml::escape::resolve_predefined_entity(&name) {
                    text.push_str(c);
                } else if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                }
            }
            Event::End(_) => {
                if text.len() > MOST_CELL_TEXT {
                    return Err("a task's text is over 1 MiB: it is not a plan".to_string());
                }
                let value = text.trim();
                let at: Vec<&str> = path.iter().map(String::as_str).collect();
                match at.as_slice() {
                    ["Project", "Title"] => title = Some(value.to_string()),
                    ["Project", "Name"] if title.is_none() => title = Some(value.to_string()),
                    ["Project", "Tasks", "Task", field] => {
                        if let Some(task) = tasks.last_mut() {
                            match *field {
                                "UID" => task.uid = value.to_string(),
                                "Name" => task.name = value.to_string(),
                                "WBS" => task.code = Some(value.to_string()),
                                "OutlineNumber" => task.outline_number = Some(value.to_string()),
                                "OutlineLevel" => task.level = value.parse().unwrap_or(1),
                                "Summary" => task.summary = value == "1",
                                "Start" => task.start = day(value),
                                "Finish" => task.finish = day(value),
                                "Deadline" => task.deadline = day(value),
                                "PercentComplete" => task.percent = value.parse().ok(),
                                "Notes" => task.notes = Some(value.to_string()).filter(|n| !n.is_empty()),
                                _ => {}
                            }
                        }
                    }
                    ["Project", "Tasks", "Task", "PredecessorLink", "PredecessorUID"] => {
                        if let Some(task) = tasks.last_mut() {
                            task.predecessors.push(value.to_string());
                        }
                    }
                    ["Project", "Resources", "Resource", "UID"] => resource.0 = value.to_string(),
                    ["Project", "Resources", "Resource", "Name"] => resource.1 = value.to_string(),
                    ["Project", "Assignments", "Assignment", "TaskUID"] => assignment.0 = value.to_string(),
                    ["Project", "Assignments", "Assignment", "ResourceUID"] => assignment.1 = value.to_string(),
                    ["Project", "Resources", "Resource"] => {
                        let (uid, name) = std::mem::take(&mut resource);
                        resources.insert(uid, name);
                    }
                    ["Project", "Assignments", "Assignment"] => assignments.push(std::mem::take(&mut assignment)),
                    _ => {}
                }
                path.pop();
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !is_project {
        return Err("it is not MS Project's XML (no <Project>)".to_string());
    }
    // The project's own summary task (level 0) is the plan itself.
    tasks.retain(|t| t.level > 0 && !t.name.is_empty());
    let mut owners: HashMap<&str, Vec<&str>> = HashMap::default();
    for (task, resource) in &assignments {
        if let Some(name) = resources.get(resource).filter(|n| !n.is_empty()) {
            owners.entry(task.as_str()).or_default().push(name);
        }
    }
    let mut ids = UniqueIds::default();
    let mut phase_ids = UniqueIds::default();
    let mut phases: Vec<Phase> = Vec::new();
    let mut milestones: Vec<Milestone> = Vec::new();
    // The summary tasks open around the task being read: (level, phase id).
    let mut open: Vec<(usize, String)> = Vec::new();
    let mut id_of_uid: HashMap<&str, String> = HashMap::default();
    for (row, task) in tasks.iter().enumerate() {
        open.retain(|(level, _)| *level < task.level);
        // An id roadmap wrote as the WBS code; a code that is the task's
        // outline number ("1.2") is MS Project's own numbering, not an id.
        let wanted = task
            .code
            .clone()
            .filter(|c| is_valid_id(c) && task.outline_number.as_ref() != Some(c))
            .unwrap_or_else(|| id_from(&task.name));
        // Phases and milestones have ids of their own kind, as in a roadmap file.
        let id = if task.summary {
            phase_ids.claim(wanted)
        } else {
            ids.claim(wanted)
        };
        if task.summary {
            phases.push(Phase {
                id: id.clone(),
                title: task.name.clone(),
                heading: None,
                note: None,
            });
            open.push((task.level, id));
            continue;
        }
        let due = match (task.deadline, task.start, task.finish) {
            (Some(deadline), ..) => Some(deadline.to_string()),
            (None, Some(start), Some(finish)) if start < finish => Some(format!("{start}..{finish}")),
            (None, _, Some(finish)) => Some(finish.to_string()),
            (None, Some(start), None) => Some(start.to_string()),
            (None, None, None) => None,
        };
        id_of_uid.insert(&task.uid, id.clone());
        milestones.push(Milestone {
            row: row + 1,
            id,
            phase: open.last().map(|(_, id)| id.clone()),
            title: task.name.clone(),
            due,
            owner: owners.get(task.uid.as_str()).map(|names| names.join(" / ")),
            note: task.notes.clone(),
            status: (task.percent == Some(100)).then(|| (Mark::Done, "100 %".to_string())),
            ..Milestone::default()
        });
    }
    // Predecessors by uid, once every task has its id; summary tasks are no milestone.
    let predecessors: HashMap<&str, &Vec<String>> = tasks.iter().map(|t| (t.uid.as_str(), &t.predecessors)).collect();
    for (task, milestone) in tasks.iter().filter(|t| !t.summary).zip(milestones.iter_mut()) {
        milestone.depends_on = predecessors
            .get(task.uid.as_str())
            .into_iter()
            .flat_map(|p| p.iter())
            .filter_map(|uid| id_of_uid.get(uid.as_str()).cloned())
            .collect();
    }
    if let Some(round) = circle(&milestones) {
        return Err(format!(
            "the task “{}” follows itself through its predecessors ({}), which MS Project does not save: \
             remove the circular link in the plan and export it again",
            round[0],
            round.iter().map(|t| format!("“{t}”")).collect::<Vec<_>>().join(" → ")
        ));
    }
    // Phases that hold no milestone (a plan's own summary) say nothing.
    phases.retain(|p| milestones.iter().any(|m| m.phase.as_deref() == Some(p.id.as_str())));
    let title = title.unwrap_or_default();
    let plan = Plan {
        language: None,
        columns: Vec::new(),
        unused: Vec::new(),
        phases,
        milestones,
        totals: Vec::new(),
        title_row: Some(title.clone()).filter(|t| !t.is_empty()),
        year: None,
    };
    let table = Table {
        name: title,
        rows: Vec::new(),
        title: None,
    };
    Ok((plan, table))
}

/// The titles round a circle of predecessors, first again at the end, if
/// the tasks have one: a task its own predecessor, or one that follows
/// itself through others (a roadmap's `depends_on` must not go round).
fn circle(milestones: &[Milestone]) -> Option<Vec<&str>> {
    let title = |i: usize| milestones[i].title.as_str();
    if let Some(own) = milestones.iter().position(|m| m.depends_on.contains(&m.id)) {
        return Some(vec![title(own), title(own)]);
    }
    let index: HashMap<&str, usize> = milestones.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
    let cycle = crate::roadmap::parse::find_cycle(milestones.len(), |i| &milestones[i].depends_on, &index)?;
    Some(cycle.iter().chain(cycle.first()).map(|&i| title(i)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A project as MPXJ writes one from `ProjectLibre`: MS Project's own WBS
    /// numbers, a summary task, a resource, a link, one task done.
    const LIBRE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Name>kundportal.pod</Name><Title>Kundportal &amp; e-tjänster</Title>
  <Tasks>
    <Task><UID>0</UID><ID>0</ID><Name>Kundportal</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>
    <Task><UID>1</UID><ID>1</ID><Name>Förstudie</Name><WBS>1</WBS><OutlineNumber>1</OutlineNumber><OutlineLevel>1</OutlineLevel><Summary>1</Summary></Task>
    <Task><UID>2</UID><ID>2</ID><Name>Behovsanalys</Name><WBS>1.1</WBS><OutlineNumber>1.1</OutlineNumber><OutlineLevel>2</OutlineLevel><Summary>0</Summary><Start>2027-03-01T08:00:00</Start><Finish>2027-03-12T17:00:00</Finish><PercentComplete>100</PercentComplete></Task>
    <Task><UID>3</UID><ID>3</ID><Name>Beslut om upphandling</Name><WBS>1.2</WBS><OutlineNumber>1.2</OutlineNumber><OutlineLevel>2</OutlineLevel><Summary>0</Summary><Milestone>1</Milestone><Start>2027-03-19T17:00:00</Start><Finish>2027-03-19T17:00:00</Finish><PercentComplete>0</PercentComplete>
      <PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type></PredecessorLink></Task>
    <Task><UID>4</UID><ID>4</ID><Name>Drift</Name><WBS>2</WBS><OutlineNumber>2</OutlineNumber><OutlineLevel>1</OutlineLevel><Summary>0</Summary></Task>
  </Tasks>
  <Resources><Resource><UID>1</UID><Name>IT-enheten</Name></Resource><Resource><UID>2</UID><Name>Kund &amp; co</Name></Resource></Resources>
  <Assignments>
    <Assignment><UID>1</UID><TaskUID>2</TaskUID><ResourceUID>1</ResourceUID></Assignment>
    <Assignment><UID>2</UID><TaskUID>2</TaskUID><ResourceUID>2</ResourceUID></Assignment>
  </Assignments>
</Project>"#;

    /// A milestone as compared: id, phase, due, `depends_on`, owner.
    type Shape<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Vec<&'a str>, Option<&'a str>);

    #[test]
    fn a_projectlibre_plan_reads_with_phases_links_owners_and_progress() {
        let (plan, table) = plan(LIBRE.as_bytes()).unwrap();
        assert_eq!(table.name, "Kundportal & e-tjänster");
        assert_eq!(
            plan.phases.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            ["forstudie"]
        );
        let shape: Vec<Shape> = plan
            .milestones
            .iter()
            .map(|m| {
                (
                    m.id.as_str(),
                    m.phase.as_deref(),
                    m.due.as_deref(),
                    m.depends_on.iter().map(String::as_str).collect(),
                    m.owner.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                (
                    "behovsanalys",
                    Some("forstudie"),
                    Some("2027-03-01..2027-03-12"),
                    vec![],
                    Some("IT-enheten / Kund & co")
                ),
                (
                    "beslut-om-upphandling",
                    Some("forstudie"),
                    Some("2027-03-19"),
                    vec!["behovsanalys"],
                    None
                ),
                ("drift", None, None, vec![], None),
            ]
        );
        assert_eq!(plan.milestones[0].status.as_ref().map(|s| s.0), Some(Mark::Done));
        assert_eq!(plan.milestones[1].status, None);
    }

    #[test]
    fn what_is_not_a_project_is_said() {
        assert!(plan(b"<html><body/></html>").unwrap_err().contains("not MS Project"));
        // Cut short inside a task: no milestone out of half a task, no panic.
        assert!(plan(b"<Project><Tasks><Task><Name>").map_or(true, |(p, _)| p.milestones.is_empty()));
        assert!(plan(&[0xff, 0xfe]).unwrap_err().contains("UTF-8"));
        let deep = format!("<Project>{}", "<a>".repeat(100_000));
        assert!(plan(deep.as_bytes()).unwrap_err().contains("nests more than 64"));
    }

    #[test]
    fn a_task_that_follows_itself_is_refused() {
        // "Beslut om upphandling" (UID 3) its own predecessor, as a damaged
        // file could have it: the roadmap written from it would not load.
        let own = LIBRE.replace(
            "<PredecessorUID>2</PredecessorUID>",
            "<PredecessorUID>3</PredecessorUID>",
        );
        let refused = plan(own.as_bytes()).unwrap_err();
        assert!(refused.contains("“Beslut om upphandling” follows itself"), "{refused}");
        // Round through another: Behovsanalys (2) after Beslut (3), Beslut after Behovsanalys.
        let round = LIBRE.replace(
            "<PercentComplete>100</PercentComplete></Task>",
            "<PercentComplete>100</PercentComplete><PredecessorLink><PredecessorUID>3</PredecessorUID></PredecessorLink></Task>",
        );
        let refused = plan(round.as_bytes()).unwrap_err();
        assert!(refused.contains("follows itself through its predecessors"), "{refused}");
        // A chain that goes on without coming back is read.
        assert!(plan(LIBRE.as_bytes()).is_ok());
    }
}
