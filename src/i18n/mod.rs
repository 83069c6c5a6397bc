//! The language people are spoken to in: which one (`choose`), the words
//! (Project Fluent catalogues, one file per language, embedded in the
//! binary: `en.ftl`, `sv.ftl`, `nb.ftl`), and how days, weeks and numbers
//! are written in it. JSON, exit codes and error messages do not change
//! with the language.
//!
//! Every sentence comes whole from a catalogue, with its values as
//! arguments: `t!(lang, "status-footer", state = path, today = day)`.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate, Weekday};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use foldhash::{HashMap, HashMapExt};
use roadmap_core::due::{Due, Precision, Span};
use roadmap_core::lang::Lang;

/// The catalogue of each language, by its code.
pub const CATALOGUES: [(Lang, &str); 3] = [
    (Lang::En, include_str!("en.ftl")),
    (Lang::Sv, include_str!("sv.ftl")),
    (Lang::Nb, include_str!("nb.ftl")),
];

/// Why this language was chosen, for `roadmap where`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    Flag,
    Env,
    Workspace(PathBuf),
    /// The locale variable that decided (`LC_ALL`, `LC_MESSAGES` or `LANG`)
    /// and its value; English when the value names no language spoken here.
    Locale {
        var: &'static str,
        value: String,
    },
    Default,
}

/// What the environment says, read once by `Context::new`.
pub struct Asked {
    pub flag: Option<Lang>,
    /// `ROADMAP_LANG`, when set and not empty.
    pub env: Option<String>,
    /// The workspace's `config.toml` and its `language`, when it sets one.
    pub workspace: Option<(PathBuf, Lang)>,
    /// `LC_ALL`, `LC_MESSAGES`, `LANG`, in that order, as set.
    pub locale: Vec<(&'static str, String)>,
}

impl Asked {
    pub fn from_env(flag: Option<Lang>, workspace: Option<(PathBuf, Lang)>) -> Asked {
        let var = |name: &'static str| std::env::var(name).ok().filter(|v| !v.is_empty()).map(|v| (name, v));
        Asked {
            flag,
            env: std::env::var("ROADMAP_LANG").ok().filter(|v| !v.is_empty()),
            workspace,
            locale: ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().filter_map(var).collect(),
        }
    }
}

/// `--lang`, else `ROADMAP_LANG`, else the workspace's setting, else the
/// locale (the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set, as
/// POSIX has it), else English. A `ROADMAP_LANG` that names no language
/// spoken here is an error (it was asked for); a locale that names another
/// language gives English.
pub fn choose(asked: Asked) -> Result<(Lang, Why), String> {
    if let Some(lang) = asked.flag {
        return Ok((lang, Why::Flag));
    }
    if let Some(value) = asked.env {
        return Lang::parse(&value).map(|lang| (lang, Why::Env)).ok_or(value);
    }
    if let Some((path, lang)) = asked.workspace {
        return Ok((lang, Why::Workspace(path)));
    }
    if let Some((var, value)) = asked.locale.into_iter().next() {
        let lang = Lang::parse(&value).unwrap_or(Lang::En);
        return Ok((lang, Why::Locale { var, value }));
    }
    Ok((Lang::En, Why::Default))
}

/// The words of one language, and its ways with days and numbers.
pub struct Language {
    pub lang: Lang,
    pub why: Why,
    /// The language's catalogue, as written, and the text of each of its
    /// messages (found at the first message asked for).
    catalogue: &'static str,
    entries: std::cell::OnceCell<HashMap<&'static str, &'static str>>,
    /// The catalogue's messages, each parsed when first asked for: a
    /// command says a few dozen of the catalogue's four hundred, and
    /// parsing all of them was a sixth of what `roadmap status` on the
    /// shipped plans costs (`bench/PROFILE.md`).
    bundle: std::cell::RefCell<FluentBundle<FluentResource>>,
}

impl Language {
    pub fn new(lang: Lang, why: Why) -> Language {
        let catalogue = CATALOGUES
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(CATALOGUES[0].1, |(_, text)| *text);
        let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![id]);
        // Fluent wraps each value in bidi isolation marks by default; the
        // terminal rule escapes those, and the values here are our own.
        bundle.set_use_isolating(false);
        if lang != Lang::En {
            bundle.set_formatter(Some(grouped_number));
        }
        Language {
            lang,
            why,
            catalogue,
            entries: std::cell::OnceCell::new(),
            bundle: std::cell::RefCell::new(bundle),
        }
    }

    /// The message `id` with `args`. A message missing from the catalogue
    /// (a test makes sure none is) shows as its id rather than failing.
    pub fn text(&self, id: &str, args: Option<&FluentArgs>) -> String {
        if !self.bundle.borrow().has_message(id)
            && let Some(entry) = self.entries.get_or_init(|| entries(self.catalogue)).get(id)
        {
            // The catalogues are part of the binary and tests parse each,
            // whole and message by message; a broken one would be caught
            // there, so the errors are not repeated.
            let resource = FluentResource::try_new(entry.to_string()).unwrap_or_else(|(partial, _)| partial);
            let _ = self.bundle.borrow_mut().add_resource(resource);
        }
        let bundle = self.bundle.borrow();
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut errors = Vec::new();
        bundle.format_pattern(pattern, args, &mut errors).into_owned()
    }

    /// A day as the readers write it: `2027-03-15` in Swedish and English,
    /// `15.03.2027` in Norwegian.
    pub fn date(&self, day: NaiveDate) -> String {
        match self.lang {
            Lang::Nb => day.format("%d.%m.%Y").to_string(),
            Lang::Sv | Lang::En => day.format("%Y-%m-%d").to_string(),
        }
    }

    /// A day and a time in UTC, as the state file records it, labelled so:
    /// a reader in Stockholm or Oslo would otherwise take it for local time.
    pub fn date_time(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        format!("{} {} UTC", self.date(at.date_naive()), at.format("%H:%M"))
    }

    /// A span of days: one day, or first – last.
    pub fn dates(&self, start: NaiveDate, end: NaiveDate) -> String {
        if start == end {
            self.date(start)
        } else {
            format!("{} – {}", self.date(start), self.date(end))
        }
    }

    /// A number as the readers write it: `8 810` and `1 250,5` in Swedish
    /// and Norwegian (grouped by a narrow no-break space, which keeps the
    /// number on one line), `8810` and `1250.5` in English.
    pub fn number(&self, x: f64) -> String {
        match self.lang {
            Lang::En => roadmap_core::roadmap::format_amount(x),
            Lang::Sv | Lang::Nb => group(x),
        }
    }

    /// A week as the readers write it: "v. 15" (sv), "uke 15" (nb), "week
    /// 15" (en); with its year ("v. 52, 2026") when that is not `year`.
    pub fn week(&self, week_year: i32, week: u32, year: i32) -> String {
        if week_year == year {
            t!(self, "week-of", week = week)
        } else {
            t!(self, "week-of-year", week = week, year = week_year.to_string())
        }
    }

    /// Weeks from `first` to `last` (ISO year and week): "v. 14–15";
    /// with the years when they are not `year`.
    pub fn weeks(&self, first: (i32, u32), last: (i32, u32), year: i32) -> String {
        if first == last {
            return self.week(first.0, first.1, year);
        }
        if first.0 == last.0 && first.0 == year {
            t!(self, "weeks-of", first = first.1, last = last.1)
        } else {
            format!("{} – {}", self.week(first.0, first.1, 0), self.week(last.0, last.1, 0))
        }
    }

    /// A day in running text: "16 april 2027" (sv), "16. april 2027"
    /// (nb), "16 April 2027" (en).
    pub fn day_long(&self, day: NaiveDate) -> String {
        t!(
            self,
            "day-long",
            day = day.day(),
            month = t!(self, "month-name", month = day.month()),
            year = day.year().to_string()
        )
    }

    /// The days from `start` to `end` in running text: "12–18 april 2027",
    /// "29 mars – 4 april 2027", "12.–18. april 2027".
    pub fn span_long(&self, start: NaiveDate, end: NaiveDate) -> String {
        let month = |day: NaiveDate| t!(self, "month-name", month = day.month());
        if start == end {
            self.day_long(start)
        } else if (start.year(), start.month()) == (end.year(), end.month()) {
            t!(
                self,
                "span-same-month",
                first = start.day(),
                last = end.day(),
                month = month(end),
                year = end.year().to_string()
            )
        } else if start.year() == end.year() {
            t!(
                self,
                "span-same-year",
                first = start.day(),
                first_month = month(start),
                last = end.day(),
                last_month = month(end),
                year = end.year().to_string()
            )
        } else {
            format!("{} – {}", self.day_long(start), self.day_long(end))
        }
    }

    /// An amount given in thousands (a plan's `tkr`) as the readers write
    /// money: "430 tkr" in Swedish, "430 000 kr" in Norwegian (which writes
    /// thousands only in table headers).
    pub fn amount(&self, thousands: f64) -> String {
        match self.lang {
            Lang::Nb => t!(self, "amount-kr", amount = self.number(thousands * 1000.0)),
            Lang::Sv | Lang::En => t!(self, "amount-tkr", amount = self.number(thousands)),
        }
    }

    /// Text in the language's quotation marks: ”så här”, «slik», “like this”.
    pub fn quote(&self, text: &str) -> String {
        match self.lang {
            Lang::Sv => format!("\u{201d}{text}\u{201d}"),
            Lang::Nb => format!("\u{ab}{text}\u{bb}"),
            Lang::En => format!("\u{201c}{text}\u{201d}"),
        }
    }

    /// A due date as the readers write it: weeks as weeks ("v. 14–15", not
    /// "2027-W14..2027-W15"), a whole month by its name, a day as running
    /// text writes it ("16 april 2027", "16. april 2027"); any other notation (HT2021, 2023 T1) as the plan
    /// wrote it. `year` is the year the reader is in: a week of another year
    /// says its year.
    pub fn due(&self, due: &Due, year: i32) -> String {
        let week = |day: NaiveDate| (day.iso_week().year(), day.iso_week().week());
        match (due.span(), due.precision()) {
            (Span::UnplacedWeeks { first, last }, _) if first == last => t!(self, "week-of", week = *first),
            (Span::UnplacedWeeks { first, last }, _) => t!(self, "weeks-of", first = *first, last = *last),
            (Span::Dated { start, end: Some(end) }, Some(Precision::Week))
                if start.weekday() == Weekday::Mon && end.weekday() == Weekday::Sun =>
            {
                self.weeks(week(*start), week(*end), year)
            }
            (Span::Dated { start, end: Some(end) }, Some(Precision::Month))
                if start.day() == 1
                    && end.succ_opt().is_some_and(|next| next.day() == 1)
                    && start.month() == end.month() =>
            {
                t!(
                    self,
                    "month-year",
                    month = t!(self, "month-name", month = start.month()),
                    year = start.year().to_string()
                )
            }
            (Span::Dated { start, end: Some(end) }, Some(Precision::Day)) if start == end => self.day_long(*start),
            _ => due.label().to_string(),
        }
    }
}

/// The text of each message of `catalogue`, by id: its first line
/// (`id = ...`) and the lines after it up to the next entry. In Fluent a
/// line that starts with a letter begins a message, one with `-` a term and
/// one with `#` a comment; every other line (indented, blank, or a select
/// expression's closing `}`) belongs to the entry above it.
fn entries(catalogue: &str) -> HashMap<&str, &str> {
    // A message takes about 60 bytes of a catalogue.
    let mut entries = HashMap::with_capacity(catalogue.len() / 48);
    let mut open: Option<(&str, usize)> = None;
    let mut at = 0;
    for line in catalogue.split_inclusive('\n') {
        if line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-' || c == '#') {
            if let Some((id, start)) = open.take() {
                entries.insert(id, &catalogue[start..at]);
            }
            if let Some((id, _)) = line.split_once('=') {
                open = Some((id.trim_end(), at)).filter(|_| !line.starts_with(['-', '#']));
            }
        }
        at += line.len();
    }
    if let Some((id, start)) = open {
        entries.insert(id, &catalogue[start..]);
    }
    entries
}

/// `t!(lang, "id")`, `t!(lang, "id", name = value, ...)`: the message `id`
/// of the catalogue, with its arguments (strings or numbers).
macro_rules! t {
    ($lang:expr, $id:literal) => {
        $lang.text($id, None)
    };
    ($lang:expr, $id:literal, $($key:ident = $value:expr),+ $(,)?) => {{
        let mut args = fluent_bundle::FluentArgs::new();
        $( args.set(stringify!($key), $value); )+
        $lang.text($id, Some(&args))
    }};
}
pub(crate) use t;

/// Fluent's formatter for Swedish and Norwegian: numbers grouped by three
/// with a space, a decimal comma.
fn grouped_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(group(n.value)),
        _ => None,
    }
}

/// What groups the digits of a number in Swedish and Norwegian: a narrow
/// no-break space (U+202F), so that "8 810" never breaks across two lines.
pub const NARROW_NBSP: char = '\u{202f}';

fn group(x: f64) -> String {
    let plain = roadmap_core::roadmap::format_amount(x);
    let (sign, digits) = plain.strip_prefix('-').map_or(("", plain.as_str()), |d| ("-", d));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if !whole.bytes().all(|b| b.is_ascii_digit()) {
        return plain; // an exponent: too large to group
    }
    let mut out = String::from(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(NARROW_NBSP);
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push(',');
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(flag: Option<Lang>, env: Option<&str>, workspace: Option<Lang>, locale: &[(&'static str, &str)]) -> Asked {
        Asked {
            flag,
            env: env.map(str::to_string),
            workspace: workspace.map(|l| (PathBuf::from(".roadmap/config.toml"), l)),
            locale: locale.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        }
    }

    #[test]
    fn the_flag_then_the_environment_then_the_workspace_then_the_locale() {
        let locale = [("LANG", "sv_SE.UTF-8")];
        assert_eq!(
            choose(asked(Some(Lang::En), Some("nb"), Some(Lang::Sv), &locale))
                .unwrap()
                .0,
            Lang::En
        );
        assert_eq!(
            choose(asked(None, Some("nb"), Some(Lang::Sv), &locale)).unwrap().0,
            Lang::Nb
        );
        assert_eq!(choose(asked(None, None, Some(Lang::En), &locale)).unwrap().0, Lang::En);
        assert_eq!(choose(asked(None, None, None, &locale)).unwrap().0, Lang::Sv);
        assert_eq!(choose(asked(None, None, None, &[])).unwrap(), (Lang::En, Why::Default));
        // The first locale variable set decides, even when it is not one of ours.
        let (lang, why) = choose(asked(
            None,
            None,
            None,
            &[("LC_ALL", "de_DE.UTF-8"), ("LANG", "sv_SE.UTF-8")],
        ))
        .unwrap();
        assert_eq!(lang, Lang::En);
        assert_eq!(
            why,
            Why::Locale {
                var: "LC_ALL",
                value: "de_DE.UTF-8".into()
            }
        );
        assert_eq!(choose(asked(None, Some("de"), None, &[])), Err("de".to_string()));
    }

    #[test]
    fn numbers_are_grouped_with_a_space_and_a_decimal_comma() {
        assert_eq!(group(8810.0), "8\u{202f}810");
        assert_eq!(group(1250.5), "1\u{202f}250,5");
        assert_eq!(group(100.0), "100");
        assert_eq!(group(-1_234_567.0), "-1\u{202f}234\u{202f}567");
        assert_eq!(group(-0.0), "0");
        let sv = Language::new(Lang::Sv, Why::Default);
        assert_eq!(sv.number(12345.0), "12\u{202f}345");
        assert_eq!(Language::new(Lang::En, Why::Default).number(12345.0), "12345");
    }

    #[test]
    fn due_dates_as_each_language_writes_them() {
        let (sv, nb, en) = (
            Language::new(Lang::Sv, Why::Default),
            Language::new(Lang::Nb, Why::Default),
            Language::new(Lang::En, Why::Default),
        );
        let due = |text: &str| Due::parse(text, Some(2027)).unwrap();
        for (text, sv_words, nb_words, en_words) in [
            ("2027-W15", "v. 15", "uke 15", "week 15"),
            ("2027-W14..2027-W15", "v. 14–15", "uke 14–15", "weeks 14–15"),
            ("V15-16", "v. 15–16", "uke 15–16", "weeks 15–16"),
            ("2026-W52", "v. 52, 2026", "uke 52, 2026", "week 52, 2026"),
            ("2027-05", "maj 2027", "mai 2027", "May 2027"),
            ("31.03.2027", "31 mars 2027", "31. mars 2027", "31 March 2027"),
            ("HT2027", "HT2027", "HT2027", "HT2027"),
        ] {
            assert_eq!(
                (
                    sv.due(&due(text), 2027),
                    nb.due(&due(text), 2027),
                    en.due(&due(text), 2027)
                ),
                (sv_words.to_string(), nb_words.to_string(), en_words.to_string()),
                "{text}"
            );
        }
        let unplaced = Due::parse("V23-28", None).unwrap();
        assert_eq!(sv.due(&unplaced, 2027), "v. 23–28");
        let day = NaiveDate::from_ymd_opt(2027, 4, 16).unwrap();
        assert_eq!(
            (sv.day_long(day), nb.day_long(day), en.day_long(day)),
            ("16 april 2027".into(), "16. april 2027".into(), "16 April 2027".into())
        );
        assert_eq!(
            (sv.quote("x"), nb.quote("x")),
            ("\u{201d}x\u{201d}".into(), "\u{ab}x\u{bb}".into())
        );
    }

    /// Each message read alone (`entries`) is what Fluent's own parser makes
    /// of it in the whole catalogue, and refers to no other message or
    /// term: so a bundle that parses messages as they are asked for says
    /// what one that parsed the whole catalogue says.
    #[test]
    fn every_message_read_alone_is_the_message_of_the_whole_catalogue() {
        use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
        fn refers(pattern: &Pattern<&str>) -> bool {
            pattern.elements.iter().any(|element| match element {
                PatternElement::TextElement { .. } => false,
                PatternElement::Placeable { expression } => expression_refers(expression),
            })
        }
        fn expression_refers(expression: &Expression<&str>) -> bool {
            match expression {
                Expression::Inline(inline) => inline_refers(inline),
                Expression::Select { selector, variants } => {
                    inline_refers(selector) || variants.iter().any(|variant| refers(&variant.value))
                }
            }
        }
        fn inline_refers(inline: &InlineExpression<&str>) -> bool {
            match inline {
                InlineExpression::MessageReference { .. } | InlineExpression::TermReference { .. } => true,
                InlineExpression::Placeable { expression } => expression_refers(expression),
                InlineExpression::FunctionReference { arguments, .. } => arguments
                    .positional
                    .iter()
                    .chain(arguments.named.iter().map(|named| &named.value))
                    .any(inline_refers),
                _ => false,
            }
        }
        for (lang, catalogue) in CATALOGUES {
            let alone_by_id = entries(catalogue);
            let whole = fluent_syntax::parser::parse(catalogue).unwrap_or_else(|(_, e)| panic!("{lang:?}: {e:?}"));
            let mut messages = 0;
            for item in whole.body {
                let Entry::Message(message) = item else { continue };
                messages += 1;
                let id = message.id.name;
                let text = *alone_by_id
                    .get(id)
                    .unwrap_or_else(|| panic!("{lang:?}: `{id}` not found alone"));
                let alone =
                    fluent_syntax::parser::parse(text).unwrap_or_else(|(_, e)| panic!("{lang:?}: `{id}`: {e:?}"));
                let [Entry::Message(found)] = alone.body.as_slice() else {
                    panic!("{lang:?}: `{id}` read alone is {:?}", alone.body);
                };
                assert_eq!(
                    (found.id.name, &found.value, &found.attributes),
                    (id, &message.value, &message.attributes),
                    "{lang:?}: `{id}`"
                );
                assert!(
                    !message.value.as_ref().is_some_and(refers),
                    "{lang:?}: `{id}` refers to another message"
                );
            }
            assert!(messages > 150, "{lang:?}: only {messages} messages");
            assert_eq!(alone_by_id.len(), messages, "{lang:?}: entries that are not messages");
        }
    }

    #[test]
    fn days_as_each_language_writes_them() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 15).unwrap();
        assert_eq!(Language::new(Lang::Sv, Why::Default).date(day), "2027-03-15");
        assert_eq!(Language::new(Lang::Nb, Why::Default).date(day), "15.03.2027");
        assert_eq!(Language::new(Lang::En, Why::Default).date(day), "2027-03-15");
    }
}
