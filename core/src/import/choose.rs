//! Which table of a file is the plan: the one asked for, else the first
//! that reads as one; and in a document with one table per section (Min
//! Profil's has one per phase), that table and every later one with the same
//! columns, merged, each its heading's phase.

use super::read::Table;
use super::{Key, Named, Plan, Problem, merge, plan};

/// The plan a file holds, and the tables it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    pub plan: Plan,
    /// The tables read, numbered from 1: one, or each section's, in order.
    pub tables: Vec<usize>,
}

/// Why a file holds no plan.
#[derive(Debug, Clone, PartialEq)]
pub enum NotAPlan {
    /// The file has no table at all.
    NoTable,
    /// No table has the name or number asked for.
    NoSuchTable { asked: String },
    /// A column named by its header is not in the table.
    NoSuchHeader {
        key: Key,
        header: String,
        headers: Vec<String>,
    },
    /// No header row in the table (numbered from 1) names the milestone column.
    NoHeader { table: usize, first_row: Vec<String> },
    /// The table has a header row and no milestone rows under it.
    NoRows,
}

/// The plan in `tables`: the table `asked` names (its name, any case, or its
/// number from 1), else the first that reads as a plan. With `sections` (a
/// Word or Markdown document, no table asked for) the later tables with the
/// same columns are read too and merged (`merge`).
pub fn choose(tables: &[Table], asked: Option<&str>, named: &[Named], sections: bool) -> Result<Chosen, NotAPlan> {
    if tables.is_empty() {
        return Err(NotAPlan::NoTable);
    }
    let candidates: Vec<usize> = match asked {
        Some(asked) => {
            let by_number = asked.parse::<usize>().ok().filter(|n| (1..=tables.len()).contains(n));
            let by_name = tables
                .iter()
                .position(|t| t.name.trim().eq_ignore_ascii_case(asked.trim()));
            match by_name.or(by_number.map(|n| n - 1)) {
                Some(i) => vec![i],
                None => {
                    return Err(NotAPlan::NoSuchTable {
                        asked: asked.to_string(),
                    });
                }
            }
        }
        None => (0..tables.len()).collect(),
    };
    let mut first_problem = None;
    for i in candidates {
        match plan(&tables[i], named) {
            Ok(found) if !found.milestones.is_empty() => {
                return Ok(if sections && asked.is_none() {
                    same_columns(tables, i, found, named)
                } else {
                    Chosen {
                        plan: found,
                        tables: vec![i + 1],
                    }
                });
            }
            Ok(_) => {}
            Err(problem) => {
                first_problem.get_or_insert((i, problem));
            }
        }
    }
    Err(match first_problem {
        Some((_, Problem::NoSuchHeader { key, header, headers })) => NotAPlan::NoSuchHeader { key, header, headers },
        Some((i, Problem::NoHeader { first_row })) => NotAPlan::NoHeader {
            table: i + 1,
            first_row,
        },
        None => NotAPlan::NoRows,
    })
}

/// The plan of table `first` (from 0) and of each later table that reads as
/// a plan with the same columns, merged under their headings.
fn same_columns(tables: &[Table], first: usize, found: Plan, named: &[Named]) -> Chosen {
    let keys = |p: &Plan| p.columns.iter().map(|(k, _)| *k).collect::<Vec<_>>();
    let wanted = keys(&found);
    let mut parts = vec![(first + 1, tables[first].name.clone(), found.clone())];
    for (i, table) in tables.iter().enumerate().skip(first + 1) {
        if let Ok(next) = plan(table, named)
            && !next.milestones.is_empty()
            && keys(&next) == wanted
        {
            parts.push((i + 1, table.name.clone(), next));
        }
    }
    if parts.len() == 1 {
        return Chosen {
            plan: found,
            tables: vec![first + 1],
        };
    }
    let numbers = parts.iter().map(|(n, _, _)| *n).collect();
    let merged = merge(parts.into_iter().map(|(_, heading, plan)| (heading, plan)).collect());
    Chosen {
        plan: merged.unwrap_or(found),
        tables: numbers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::Cell;

    fn table(name: &str, rows: &[&[&str]]) -> Table {
        Table {
            name: name.into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| Cell::Text((*c).to_string())).collect())
                .collect(),
            title: None,
        }
    }

    fn document() -> Vec<Table> {
        vec![
            table("Inledning", &[&["Vad", "Vem"], &["Syfte", "AF"]]),
            table(
                "10.1 Förstudie",
                &[&["Milstolpe", "Klart datum"], &["Behov klara", "HT2021"]],
            ),
            table("Risker", &[&["Risk", "Sannolikhet"], &["Sen leverans", "3"]]),
            table(
                "10.2 Genomförande",
                &[&["Milstolpe", "Klart datum"], &["System infört", "VT2022"]],
            ),
        ]
    }

    #[test]
    fn a_document_of_sections_is_read_whole_and_a_table_asked_for_alone() {
        let whole = choose(&document(), None, &[], true).unwrap();
        assert_eq!(whole.tables, [2, 4]);
        let titles: Vec<&str> = whole.plan.phases.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["Förstudie", "Genomförande"]);
        assert_eq!(whole.plan.milestones.len(), 2);
        // A workbook's sheets are not merged; a table asked for is read alone.
        assert_eq!(choose(&document(), None, &[], false).unwrap().tables, [2]);
        let asked = choose(&document(), Some("10.2 genomförande"), &[], true).unwrap();
        assert_eq!((asked.tables.as_slice(), asked.plan.milestones.len()), (&[4][..], 1));
        assert_eq!(choose(&document(), Some("4"), &[], true).unwrap().tables, [4]);
    }

    #[test]
    fn why_a_file_holds_no_plan() {
        assert_eq!(choose(&[], None, &[], false), Err(NotAPlan::NoTable));
        assert_eq!(
            choose(&document(), Some("9"), &[], false),
            Err(NotAPlan::NoSuchTable { asked: "9".into() })
        );
        assert_eq!(
            choose(&document(), Some("1"), &[], false),
            Err(NotAPlan::NoHeader {
                table: 1,
                first_row: vec!["Vad".into(), "Vem".into()]
            })
        );
        let named = [Named {
            key: Key::Due,
            header: "När".into(),
        }];
        assert!(matches!(
            choose(&document(), Some("2"), &named, false),
            Err(NotAPlan::NoSuchHeader { key: Key::Due, .. })
        ));
        let empty = [table("Blad1", &[&["Milstolpe", "Klart datum"]])];
        assert_eq!(choose(&empty, None, &[], false), Err(NotAPlan::NoRows));
    }
}
