//! What `plan_table` and `office_file` check of every plan read: the
//! roadmap file `import` writes from it loads (escaping, ids, phases,
//! multi-line strings, dates kept as written).

use roadmap_core::import::Plan;
use roadmap_core::import::toml::{Head, Wording, write};
use roadmap_core::roadmap::{Origin, parse};

/// Writes `plan` as `import` does from a file named `source`, and panics
/// when the result does not load.
pub fn loads(plan: &Plan, source: &str) {
    if plan.milestones.is_empty() {
        return;
    }
    let head = Head {
        id: "fuzz",
        title: "fuzz",
        language: "sv",
        source,
        year: plan.year,
        organisation: None,
        note: None,
        budget_tkr: None,
        parties: &[],
    };
    let words = |w: Wording<'_>| match w {
        Wording::UnreadDue(t) | Wording::UnreadCost(t) => format!("as written: {t}"),
        _ => "a comment\nof two lines".to_string(),
    };
    let text = write(plan, &head, &words);
    let origin = Origin::File {
        path: "fuzz.toml".into(),
        replaces_shipped: false,
    };
    if let Err(problems) = parse::parse("fuzz.toml", text.as_bytes(), origin) {
        panic!("the imported plan does not load: {problems:?}\n{text}");
    }
}
