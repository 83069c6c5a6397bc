//! Due dates as they are written in roadmap files.
//!
//! Swedish and Norwegian planning documents give due dates at whatever
//! precision the planners had at the time: a day, an ISO week, a bare `V15`
//! in a plan for one year, a month, a quarter, a tertial, a half-year
//! (`VT`/`HT`), a year, or a range of these. [`Due::parse`] turns such a
//! string into an inclusive range of calendar days, remembers the precision
//! it was given at, and keeps the text so it prints back exactly as written.
//!
//! Every year, written or passed in, must lie in 1..=9999: that keeps all
//! date arithmetic far from chrono's limits, so no input can make it
//! overflow or panic.

use chrono::{Datelike, NaiveDate, Weekday};
use std::fmt;

/// How precisely a due date was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Week,
    Month,
    Quarter,
    Tertial,
    HalfYear,
    Year,
}

impl Precision {
    /// A lower-case English name, for messages and listings.
    pub fn name(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Tertial => "tertial",
            Precision::HalfYear => "half-year",
            Precision::Year => "year",
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The calendar days a due date covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// `?` or a blank template date `??.??.????`.
    Unknown,
    /// From `start` to `end`, both inclusive; `end` is `None` for `A..`.
    Dated { start: NaiveDate, end: Option<NaiveDate> },
    /// Bare weeks such as `V15-16` in a roadmap without a year: the week
    /// numbers are all there is, so no dates can be given.
    UnplacedWeeks { first: u32, last: u32 },
}

/// A parsed due date: its text as written, the days it covers, and the
/// precision of its start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    label: String,
    span: Span,
    precision: Option<Precision>,
}

impl Due {
    /// Parses a due date as written in a roadmap file.
    ///
    /// `year` is the roadmap's own year. Only bare weeks (`V15`, `V15-16`)
    /// use it; without it they stay [`Span::UnplacedWeeks`].
    pub fn parse(text: &str, year: Option<i32>) -> Result<Due, DueError> {
        let label = text.trim();
        if label.is_empty() {
            return Err(DueError::new(
                "the due date is empty",
                "write a date like `2016-03-31`, or `?` if it is not known",
            ));
        }
        // The notation first; then the same date as running text writes it
        // ("v.12", "senast 30 juni 2027"), keeping the notation's error if
        // neither reads.
        let (span, precision) = match notation(label, year) {
            Ok(read) => read,
            Err(error) => match natural(label) {
                Some(rewritten) => notation(&rewritten, year).map_err(|_| error)?,
                None => return Err(error),
            },
        };
        Ok(Due {
            label: label.into(),
            span,
            precision,
        })
    }

    /// The text as written, without surrounding whitespace.
    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn span(&self) -> &Span {
        &self.span
    }

    /// The first day, if the due date has dates.
    pub fn start(&self) -> Option<NaiveDate> {
        match self.span {
            Span::Dated { start, .. } => Some(start),
            _ => None,
        }
    }

    /// The last day, if the due date has dates and an end.
    pub fn end(&self) -> Option<NaiveDate> {
        match self.span {
            Span::Dated { end, .. } => end,
            _ => None,
        }
    }

    /// The day a due date is held to: its last day, or the first of an
    /// open-ended range (which has no last). What a move is measured by, and
    /// what the trend chart plots.
    pub fn anchor(&self) -> Option<NaiveDate> {
        self.end().or(self.start())
    }

    /// The precision of the start part; `None` only for an unknown date.
    pub fn precision(&self) -> Option<Precision> {
        self.precision
    }

    /// A due date as the state recorded it (a move's `from` or `to`): read
    /// as a roadmap file reads it; one that no longer reads (the plan's year
    /// changed under a bare week, say) keeps its text and has no dates.
    pub fn recorded(text: &str, year: Option<i32>) -> Due {
        Due::parse(text, year).unwrap_or_else(|_| Due {
            label: text.trim().to_string(),
            span: Span::Unknown,
            precision: None,
        })
    }
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// Why a due date could not be read, and what to write instead.
#[derive(Debug, Clone, PartialEq)]
pub struct DueError {
    pub message: String,
    pub hint: Option<String>,
}

impl DueError {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> DueError {
        DueError {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}

impl fmt::Display for DueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DueError {}

/// Parses a single day, `2016-03-31` or `31.03.2016`, such as a `--today`
/// or `--at` option. Coarser notations are refused: a month is not a day.
pub fn parse_day(text: &str) -> Result<NaiveDate, DueError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DueError::new(
            "no day given",
            "write a day as `2016-03-31` or `31.03.2016`",
        ));
    }
    let tokens = tokenize(text);
    match tokens.as_slice() {
        [Tok::Num(_), Tok::Dash, Tok::Num(_), Tok::Dash, Tok::Num(_)]
        | [Tok::Num(_), Tok::Dot, Tok::Num(_), Tok::Dot, Tok::Num(_)] => Ok(parse_numeric(text, &tokens)?.start),
        _ => Err(DueError::new(
            format!("`{text}` is not a day"),
            "write a day as `2016-03-31` or `31.03.2016`",
        )),
    }
}

/// What one notation (one side of a range) stands for.
enum Part {
    Period(Period),
    UnplacedWeeks { first: u32, last: u32 },
}

/// A closed run of days and the precision it was written at.
struct Period {
    start: NaiveDate,
    end: NaiveDate,
    precision: Precision,
}

impl Period {
    fn new(start: NaiveDate, end: NaiveDate, precision: Precision) -> Period {
        Period { start, end, precision }
    }
}

/// `??.??.????` is what Norwegian templates leave in the date field when
/// nobody has filled it in, so it means the same as `?`.
fn is_unknown(text: &str) -> bool {
    text == "?" || text == "??.??.????"
}

const RANGE_HINT: &str = "a range is `A..B`, or `A..` when it has no end, like `VT2023..`";

/// The days and precision of a due date in the notation.
fn notation(label: &str, year: Option<i32>) -> Result<(Span, Option<Precision>), DueError> {
    Ok(if is_unknown(label) {
        (Span::Unknown, None)
    } else if let Some(from) = open_ended(label) {
        parse_range(label, from, "", year)?
    } else if let Some((from, to)) = label.split_once("..") {
        parse_range(label, from.trim(), to.trim(), year)?
    } else {
        match parse_part(label, year)? {
            Part::Period(p) => (
                Span::Dated {
                    start: p.start,
                    end: Some(p.end),
                },
                Some(p.precision),
            ),
            Part::UnplacedWeeks { first, last } => (Span::UnplacedWeeks { first, last }, Some(Precision::Week)),
        }
    })
}

/// A word or number of a date in running text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Said {
    Num(u32, usize),
    Word(String),
    Dash,
    Slash,
}

/// Words for a week, in Swedish, Norwegian and English.
const WEEK_WORDS: [&str; 13] = [
    "v", "vecka", "veckan", "veckorna", "veckor", "vnr", "uke", "uka", "ukene", "uker", "week", "weeks", "wk",
];

/// The month a word names, in Swedish, Norwegian or English, whole or cut short.
fn month_of(word: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["januari", "januar", "january", "jan"],
        &["februari", "februar", "february", "feb"],
        &["mars", "march", "mar"],
        &["april", "apr"],
        &["maj", "mai", "may"],
        &["juni", "june", "jun"],
        &["juli", "july", "jul"],
        &["augusti", "august", "aug"],
        &["september", "sept", "sep"],
        &["oktober", "october", "okt", "oct"],
        &["november", "nov"],
        &["december", "desember", "dec", "des"],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&word))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// A due date as plans write it in running text, rewritten in the notation:
/// "v.12", "v 12" and "vecka 12" are `V12`, "veckorna 14–15" and "uke
/// 14-15" `V14-15`, "v. 12, 2027" `2027-W12`; "jan 2027" is `2027-01`,
/// "mars–april 2027" `2027-03..2027-04`; "30 juni 2027", "1. juli 2027",
/// "30/6/2027" and "30/6 2027" are days; "kv 3 2027", "3. kvartal 2027"
/// a quarter, "tertial 2 2027" a tertial. "senast", "senest", "innen" or
/// "by" before it changes nothing: a due date is a deadline already.
fn natural(text: &str) -> Option<String> {
    // A range is the notation's own (`A..B`); running text is one date.
    if text.contains("..") {
        return None;
    }
    let lower = text.to_lowercase();
    let mut said: Vec<Said> = Vec::new();
    let mut rest = lower.as_str();
    while let Some(c) = rest.chars().next() {
        let (token, after) = if c.is_ascii_digit() {
            let (digits, after) = split_while(rest, |c| c.is_ascii_digit());
            (Some(Said::Num(digits.parse().ok()?, digits.len())), after)
        } else if c.is_alphabetic() {
            let (letters, after) = split_while(rest, char::is_alphabetic);
            (Some(Said::Word(letters.to_string())), after)
        } else {
            let token = match c {
                '-' | '\u{2013}' | '\u{2014}' => Some(Said::Dash),
                '/' => Some(Said::Slash),
                // Full stops ("v.", "1. juli", "jan."), commas and spaces separate only.
                '.' | ',' | ':' => None,
                c if c.is_whitespace() => None,
                _ => return None,
            };
            (token, rest.get(c.len_utf8()..).unwrap_or(""))
        };
        said.extend(token);
        rest = after;
    }
    let deadline = ["senast", "senest", "innen", "by", "klart", "ferdig"];
    let start = said
        .iter()
        .take_while(|t| matches!(t, Said::Word(w) if deadline.contains(&w.as_str())))
        .count();
    let said = &said[start..];
    let word = |t: &Said, list: &[&str]| matches!(t, Said::Word(w) if list.contains(&w.as_str()));
    let year = |t: &Said| match t {
        Said::Num(y, 4) => Some(*y),
        _ => None,
    };
    let small = |t: &Said| match t {
        Said::Num(n, 1 | 2) => Some(*n),
        _ => None,
    };
    let month = |t: &Said| match t {
        Said::Word(w) => month_of(w),
        _ => None,
    };
    let quarter = ["kv", "kvartal", "kvartalet", "q", "quarter"];
    let tertial = ["tertial", "tertialet"];
    match said {
        [w, a] if word(w, &WEEK_WORDS) => Some(format!("V{}", small(a)?)),
        [w, a, Said::Dash, b] if word(w, &WEEK_WORDS) => Some(format!("V{}-{}", small(a)?, small(b)?)),
        [w, a, y] if word(w, &WEEK_WORDS) => Some(format!("{}-W{:02}", year(y)?, small(a)?)),
        [w, a, Said::Dash, b, y] if word(w, &WEEK_WORDS) => {
            let y = year(y)?;
            Some(format!("{y}-W{:02}..{y}-W{:02}", small(a)?, small(b)?))
        }
        [m, y] => Some(format!("{}-{:02}", year(y)?, month(m)?)),
        [m1, Said::Dash, m2, y] => {
            let y = year(y)?;
            Some(format!("{y}-{:02}..{y}-{:02}", month(m1)?, month(m2)?))
        }
        [d, m, y] if month(m).is_some() => Some(format!("{}-{:02}-{:02}", year(y)?, month(m)?, small(d)?)),
        [d, Said::Slash, m, Said::Slash, y] | [d, Said::Slash, m, y] => {
            Some(format!("{}-{:02}-{:02}", year(y)?, small(m)?, small(d)?))
        }
        [w, n, y] if word(w, &quarter) => Some(format!("{}-Q{}", year(y)?, small(n)?)),
        [n, w, y] if word(w, &quarter) => Some(format!("{}-Q{}", year(y)?, small(n)?)),
        [w, n, y] if word(w, &tertial) => Some(format!("{} T{}", year(y)?, small(n)?)),
        [n, w, y] if word(w, &tertial) => Some(format!("{} T{}", year(y)?, small(n)?)),
        _ => None,
    }
}

/// "Från VT2023 Framåt", "Fra og med 2024", "From T2 2023 onwards": an
/// open range, as `VT2023..` writes it; the part it starts with.
fn open_ended(label: &str) -> Option<&str> {
    const STARTS: [&str; 7] = [
        "från och med ",
        "fr.o.m. ",
        "från ",
        "fra og med ",
        "f.o.m. ",
        "fra ",
        "from ",
    ];
    const ENDS: [&str; 8] = [
        " och framåt",
        " framåt",
        " og utover",
        " og fremover",
        " fremover",
        " framover",
        " onwards",
        " and later",
    ];
    let lower = label.to_lowercase();
    // Lower-casing keeps these byte lengths: they are all ASCII or å/ö in both cases.
    if lower.len() != label.len() {
        return None;
    }
    let start = STARTS.iter().find(|p| lower.starts_with(*p)).map_or(0, |p| p.len());
    let end = ENDS
        .iter()
        .find(|s| lower.ends_with(*s))
        .map_or(label.len(), |s| label.len() - s.len());
    let part = label.get(start..end)?.trim();
    (start > 0 || end < label.len())
        .then_some(part)
        .filter(|p| !p.is_empty() && !p.contains(".."))
}

/// `A..B` or `A..`. Both sides must have dates, since a range of unplaced
/// weeks or unknowns has nothing to compare or to span.
fn parse_range(label: &str, from: &str, to: &str, year: Option<i32>) -> Result<(Span, Option<Precision>), DueError> {
    if to.contains("..") {
        return Err(DueError::new(format!("`{label}` has more than one `..`"), RANGE_HINT));
    }
    if from.is_empty() {
        return Err(DueError::new(format!("the range `{label}` has no start"), RANGE_HINT));
    }
    let start = placed_part(label, from, year)?;
    if to.is_empty() {
        let span = Span::Dated {
            start: start.start,
            end: None,
        };
        return Ok((span, Some(start.precision)));
    }
    let end = placed_part(label, to, year)?;
    // Only an end that is over before the start begins is wrong: `2023..2023-05`
    // ("during 2023, by May at the latest") is a reasonable thing to write.
    if end.end < start.start {
        return Err(DueError::new(
            format!("the range `{label}` ends before it starts"),
            format!("`{to}` ends on {}, before `{from}` starts on {}", end.end, start.start),
        ));
    }
    let span = Span::Dated {
        start: start.start,
        end: Some(end.end),
    };
    Ok((span, Some(start.precision)))
}

fn placed_part(label: &str, part: &str, year: Option<i32>) -> Result<Period, DueError> {
    if is_unknown(part) {
        return Err(DueError::new(
            format!("the range `{label}` has an unknown side"),
            "write `?` alone when the due date is not known",
        ));
    }
    // A side may be written as running text too: "v. 10..v. 12".
    let read = match parse_part(part, year) {
        Ok(read) => read,
        Err(error) => match natural(part) {
            Some(rewritten) if !rewritten.contains("..") => parse_part(&rewritten, year).map_err(|_| error)?,
            _ => return Err(error),
        },
    };
    match read {
        Part::Period(period) => Ok(period),
        Part::UnplacedWeeks { .. } => Err(DueError::new(
            format!("`{part}` has no year, so it cannot be part of a range"),
            "give the roadmap a year, or write ISO weeks like `2027-W15..2027-W16`",
        )),
    }
}

/// One notation, chosen by its first letters: each notation has its own
/// letter (or none), so a malformed entry still gets an error that speaks
/// of what it was meant to be.
fn parse_part(text: &str, year: Option<i32>) -> Result<Part, DueError> {
    let tokens = tokenize(text);
    if tokens.contains(&Tok::Other) {
        return Err(unrecognised(text));
    }
    let letters = tokens.iter().find_map(|t| match t {
        Tok::Word(w) => Some(w.to_ascii_uppercase()),
        _ => None,
    });
    match letters.as_deref() {
        None => parse_numeric(text, &tokens).map(Part::Period),
        Some("W") => iso_week(text, &tokens).map(Part::Period),
        Some("V") => bare_weeks(text, &tokens, year),
        Some("Q") => quarter(text, &tokens).map(Part::Period),
        Some("T") => tertial(text, &tokens).map(Part::Period),
        Some("VT" | "HT") => half_year(text, &tokens).map(Part::Period),
        Some(_) => Err(unrecognised(text)),
    }
}

fn unrecognised(text: &str) -> DueError {
    DueError::new(
        format!("`{text}` is not a recognised due date"),
        "write a day (`2016-03-31`, `31.03.2016`, `30 juni 2027`, `30/6/2027`), \
         a week (`2027-W15`, `V15`, `v. 15`, `vecka 14-15`, `uke 14`), \
         a month (`2023-05`, `maj 2023`), a quarter (`2016-Q1`, `kv 1 2016`), a tertial (`2023 T1`), \
         a half-year (`VT2022`, `HT2021`), a year (`2024`), \
         a range (`2027-W15..2027-W16`, `mars-april 2027`, `VT2023..`), or `?` if it is not known",
    )
}

/// Notations without letters: a year, a month, or a day.
fn parse_numeric(text: &str, tokens: &[Tok]) -> Result<Period, DueError> {
    match *tokens {
        [Tok::Num(y)] => {
            let Some(y) = four_digit_year(y) else {
                return Err(DueError::new(
                    format!("`{text}` is not a valid year"),
                    "a year has four digits, like `2024`",
                ));
            };
            months(y, 1, 12, Precision::Year)
        }
        [Tok::Num(y), Tok::Dash, Tok::Num(m)] => {
            let (Some(y), Some(m)) = (four_digit_year(y), small(m)) else {
                return Err(DueError::new(
                    format!("`{text}` is not a valid month"),
                    "write a month as `2023-05`",
                ));
            };
            if !(1..=12).contains(&m) {
                return Err(DueError::new(
                    format!("month {m} does not exist (`{text}`)"),
                    "months run from 01 to 12, like `2023-05`",
                ));
            }
            months(y, m, 1, Precision::Month)
        }
        [Tok::Num(y), Tok::Dash, Tok::Num(m), Tok::Dash, Tok::Num(d)]
        | [Tok::Num(d), Tok::Dot, Tok::Num(m), Tok::Dot, Tok::Num(y)] => {
            match (four_digit_year(y), small(m), small(d)) {
                (Some(y), Some(m), Some(d)) => day(text, y, m, d),
                // Wrong digit counts, such as `31.03.16` or `16-03-31`.
                _ => Err(DueError::new(
                    format!("`{text}` is not a valid date"),
                    "write a day as `2016-03-31` or `31.03.2016`",
                )),
            }
        }
        _ => Err(unrecognised(text)),
    }
}

fn day(text: &str, y: i32, m: u32, d: u32) -> Result<Period, DueError> {
    let y = check_year(y)?;
    let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
        let hint = match month_name(m) {
            Some(name) => format!("{name} {y} has {} days", days_in_month(y, m)),
            None => "months run from 1 to 12".to_string(),
        };
        return Err(DueError::new(format!("{text} is not a date"), hint));
    };
    Ok(Period::new(date, date, Precision::Day))
}

/// `2027-W15` or `2027W15`: an ISO 8601 week, Monday to Sunday.
fn iso_week(text: &str, tokens: &[Tok]) -> Result<Period, DueError> {
    let found = match *tokens {
        [Tok::Num(y), Tok::Word(w), Tok::Num(n)] | [Tok::Num(y), Tok::Dash, Tok::Word(w), Tok::Num(n)]
            if w.eq_ignore_ascii_case("W") =>
        {
            four_digit_year(y).zip(small(n))
        }
        _ => None,
    };
    let Some((y, n)) = found else {
        return Err(DueError::new(
            format!("`{text}` is not a valid ISO week"),
            "write an ISO week with its year, like `2027-W15`, or a bare week as `V15`",
        ));
    };
    let (start, end) = week_days(y, n)?;
    Ok(Period::new(start, end, Precision::Week))
}

/// `V15` or `V15-16`, as Swedish plans for one year write them. The year
/// is the roadmap's, and the weeks are that ISO year's weeks.
fn bare_weeks(text: &str, tokens: &[Tok], year: Option<i32>) -> Result<Part, DueError> {
    let found = match *tokens {
        [Tok::Word(v), Tok::Num(a)] if v.eq_ignore_ascii_case("V") => small(a).zip(small(a)),
        [Tok::Word(v), Tok::Num(a), Tok::Dash, Tok::Num(b)] if v.eq_ignore_ascii_case("V") => small(a).zip(small(b)),
        _ => None,
    };
    let Some((first, last)) = found else {
        return Err(DueError::new(
            format!("`{text}` is not a valid week"),
            "write bare weeks as `V15` or `V15-16`, or an ISO week as `2027-W15`",
        ));
    };
    // Check each week on its own first, so that `V54-2` complains about
    // week 54 rather than about the order.
    let placed = if let Some(y) = year {
        Some((week_days(y, first)?, week_days(y, last)?))
    } else {
        for week in [first, last] {
            if !(1..=53).contains(&week) {
                return Err(DueError::new(
                    format!("there is no week {week}"),
                    "weeks run from 1 to 53, and most years have only 52",
                ));
            }
        }
        None
    };
    // A plan for one year cannot wrap into the next: `V52-2` is more likely
    // a typo than a range over New Year, and the year it ends in is not
    // written anywhere.
    if last < first {
        return Err(DueError::new(
            format!("week range `{text}` goes backwards"),
            format!(
                "week {last} comes before week {first}; to cross a year end, \
                 write an explicit range like `2027-W52..2028-W02`"
            ),
        ));
    }
    Ok(match placed {
        Some(((start, _), (_, end))) => Part::Period(Period::new(start, end, Precision::Week)),
        None => Part::UnplacedWeeks { first, last },
    })
}

/// Monday and Sunday of ISO week `week` of ISO year `year`.
fn week_days(year: i32, week: u32) -> Result<(NaiveDate, NaiveDate), DueError> {
    let year = check_year(year)?;
    let weeks = weeks_in_iso_year(year);
    let days = if (1..=weeks).contains(&week) {
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).zip(NaiveDate::from_isoywd_opt(year, week, Weekday::Sun))
    } else {
        None
    };
    days.ok_or_else(|| {
        DueError::new(
            format!("{year} has no week {week}"),
            format!("ISO year {year} has {weeks} weeks"),
        )
    })
}

/// 28 December always lies in the last ISO week of its year.
fn weeks_in_iso_year(year: i32) -> u32 {
    NaiveDate::from_ymd_opt(year, 12, 28).map_or(52, |d| d.iso_week().week())
}

/// `2016-Q1`, `2016 Q1`, `2016Q1` or `Q1 2016`.
fn quarter(text: &str, tokens: &[Tok]) -> Result<Period, DueError> {
    let bad = |hint: &str| DueError::new(format!("`{text}` is not a valid quarter"), hint);
    let Some((y, n)) = year_and_number(tokens, "Q") else {
        return Err(bad("write a quarter as `2016-Q1`, `2016 Q1` or `Q1 2016`"));
    };
    let Some(y) = four_digit_year(y) else {
        return Err(bad("a quarter needs a four-digit year, like `2016-Q1`"));
    };
    match small(n) {
        Some(q @ 1..=4) => months(y, 3 * (q - 1) + 1, 3, Precision::Quarter),
        _ => Err(bad("a quarter is Q1, Q2, Q3 or Q4")),
    }
}

/// `2023 T1`, `2023-T1` or `2023T1`: thirds of the year, four months each,
/// as Swedish public bodies plan by.
fn tertial(text: &str, tokens: &[Tok]) -> Result<Period, DueError> {
    let bad = |hint: &str| DueError::new(format!("`{text}` is not a valid tertial"), hint);
    let Some((y, n)) = year_and_number(tokens, "T") else {
        return Err(bad("write a tertial as `2023 T1`, `2023-T1` or `2023T1`"));
    };
    let Some(y) = four_digit_year(y) else {
        return Err(bad("a tertial needs a four-digit year, like `2023 T1`"));
    };
    match small(n) {
        Some(t @ 1..=3) => months(y, 4 * (t - 1) + 1, 4, Precision::Tertial),
        _ => Err(bad("a tertial is T1, T2 or T3")),
    }
}

/// The year's digits and the number after `letter`, in either order, with
/// a space, a dash or nothing between year and letter.
fn year_and_number<'a>(tokens: &[Tok<'a>], letter: &str) -> Option<(&'a str, &'a str)> {
    match *tokens {
        [Tok::Num(y), Tok::Word(l), Tok::Num(n)]
        | [Tok::Num(y), Tok::Dash | Tok::Space, Tok::Word(l), Tok::Num(n)]
        | [Tok::Word(l), Tok::Num(n), Tok::Dash | Tok::Space, Tok::Num(y)]
            if l.eq_ignore_ascii_case(letter) =>
        {
            Some((y, n))
        }
        _ => None,
    }
}

/// `VT2022` (vårtermin, January to June) or `HT2021` (hösttermin, July to
/// December), after the Swedish school and university terms.
fn half_year(text: &str, tokens: &[Tok]) -> Result<Period, DueError> {
    let bad = |hint: &str| DueError::new(format!("`{text}` is not a valid half-year"), hint);
    let ([Tok::Word(term), Tok::Num(y)] | [Tok::Word(term), Tok::Space, Tok::Num(y)]) = *tokens else {
        return Err(bad(
            "write a half-year as `VT2022` (January to June) or `HT2021` (July to December)",
        ));
    };
    let Some(y) = four_digit_year(y) else {
        return Err(bad("a half-year needs a four-digit year, like `VT2022`"));
    };
    let first_month = if term.eq_ignore_ascii_case("VT") { 1 } else { 7 };
    months(y, first_month, 6, Precision::HalfYear)
}

/// `count` whole months from the first day of `first` (1-based); never
/// past December, as every caller stays within one year.
fn months(year: i32, first: u32, count: u32, precision: Precision) -> Result<Period, DueError> {
    let year = check_year(year)?;
    let last = first + count - 1;
    let start = NaiveDate::from_ymd_opt(year, first, 1);
    let end = NaiveDate::from_ymd_opt(year, last, days_in_month(year, last));
    match start.zip(end) {
        Some((start, end)) => Ok(Period::new(start, end, precision)),
        None => Err(DueError::new(
            format!("months {first} to {last} of {year} are not in the calendar"),
            "this is a bug in the due-date parser",
        )),
    }
}

/// Years outside 1..=9999 are refused before any date is made, so that no
/// arithmetic on them can overflow.
fn check_year(year: i32) -> Result<i32, DueError> {
    if (1..=9999).contains(&year) {
        Ok(year)
    } else {
        Err(DueError::new(
            format!("year {year} is out of range"),
            "years run from 1 to 9999",
        ))
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn month_name(month: u32) -> Option<&'static str> {
    let name = match month {
        1 => "January",
        2 => "February",
        3 => "March",
        4 => "April",
        5 => "May",
        6 => "June",
        7 => "July",
        8 => "August",
        9 => "September",
        10 => "October",
        11 => "November",
        12 => "December",
        _ => return None,
    };
    Some(name)
}

/// Exactly four digits: a two-digit year like `VT22` is refused rather
/// than guessed at, and longer ones would be out of range anyway.
fn four_digit_year(digits: &str) -> Option<i32> {
    if digits.len() == 4 { digits.parse().ok() } else { None }
}

/// One or two digits: a day, a month, a week or a quarter/tertial number.
fn small(digits: &str) -> Option<u32> {
    if (1..=2).contains(&digits.len()) {
        digits.parse().ok()
    } else {
        None
    }
}

/// The pieces a due date is made of. Runs of digits and of letters are
/// kept whole, so `2027W15` and `2027-W15` differ only by a `Dash`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Num(&'a str),
    Word(&'a str),
    /// `-`, or an en dash as word processors turn `V15-16` into.
    Dash,
    Dot,
    /// Any run of whitespace.
    Space,
    /// Anything else; no notation uses it.
    Other,
}

fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let (token, after) = if c.is_ascii_digit() {
            let (digits, after) = split_while(rest, |c| c.is_ascii_digit());
            (Tok::Num(digits), after)
        } else if c.is_ascii_alphabetic() {
            let (letters, after) = split_while(rest, |c| c.is_ascii_alphabetic());
            (Tok::Word(letters), after)
        } else if c.is_whitespace() {
            (Tok::Space, split_while(rest, char::is_whitespace).1)
        } else {
            let token = match c {
                '-' | '\u{2013}' => Tok::Dash,
                '.' => Tok::Dot,
                _ => Tok::Other,
            };
            (token, rest.get(c.len_utf8()..).unwrap_or(""))
        };
        tokens.push(token);
        rest = after;
    }
    tokens
}

/// Splits `text` after its longest prefix of chars matching `pred`.
fn split_while(text: &str, pred: impl Fn(char) -> bool) -> (&str, &str) {
    let at = text.find(|c: char| !pred(c)).unwrap_or(text.len());
    text.split_at_checked(at).unwrap_or((text, ""))
}

/// A due date in the JSON: `{"label", "start", "end"}`, as written and as
/// the first and last day it covers; null when there is none.
#[allow(clippy::ref_option)] // serde's `serialize_with` passes the field by reference
pub fn serialize_dates<S: serde::Serializer>(due: &Option<Due>, s: S) -> Result<S::Ok, S::Error> {
    use serde::Serialize;
    #[derive(Serialize)]
    struct DueDates<'a> {
        label: &'a str,
        start: Option<NaiveDate>,
        end: Option<NaiveDate>,
    }
    due.as_ref()
        .map(|d| DueDates {
            label: d.label(),
            start: d.start(),
            end: d.end(),
        })
        .serialize(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected dates are literals worked out outside this code (Python's
    /// `datetime.date.fromisocalendar` and `calendar.monthrange`).
    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test date literal")
    }

    fn parse(text: &str) -> Due {
        parse_with(text, None)
    }

    fn parse_with(text: &str, year: Option<i32>) -> Due {
        Due::parse(text, year).unwrap_or_else(|e| panic!("{text:?} should parse: {e:?}"))
    }

    fn fail(text: &str, year: Option<i32>) -> DueError {
        match Due::parse(text, year) {
            Ok(due) => panic!("{text:?} should fail, got {due:?}"),
            Err(e) => e,
        }
    }

    /// Checks the closed span and the precision of `text`.
    fn check(text: &str, year: Option<i32>, start: NaiveDate, end: NaiveDate, p: Precision) {
        let due = parse_with(text, year);
        assert_eq!(due.start(), Some(start), "start of {text}");
        assert_eq!(due.end(), Some(end), "end of {text}");
        assert_eq!(due.precision(), Some(p), "precision of {text}");
        assert_eq!(due.label(), text.trim());
    }

    #[test]
    fn open_ended_in_words() {
        // "Från VT2023 Framåt" is how Min Profil writes an ongoing task.
        for text in [
            "Från VT2023 Framåt",
            "från och med VT2023",
            "Fra og med 01.01.2023",
            "From 2023 onwards",
            "2023 framåt",
        ] {
            let due = parse(text);
            assert_eq!(due.start(), Some(date(2023, 1, 1)), "{text}");
            assert_eq!(due.end(), None, "{text}");
        }
        assert!(Due::parse("Från", None).is_err());
        assert!(Due::parse("Från VT2023..2024 framåt", None).is_err());
    }

    fn check_error(text: &str, year: Option<i32>, message: &str, hint: &str) {
        let e = fail(text, year);
        assert_eq!(e.message, message, "message for {text}");
        assert_eq!(e.hint.as_deref(), Some(hint), "hint for {text}");
    }

    #[test]
    fn iso_days() {
        let d = date(2016, 3, 31);
        check("2016-03-31", None, d, d, Precision::Day);
        check("0001-01-01", None, date(1, 1, 1), date(1, 1, 1), Precision::Day);
        check(
            "9999-12-31",
            None,
            date(9999, 12, 31),
            date(9999, 12, 31),
            Precision::Day,
        );
    }

    #[test]
    fn dotted_days() {
        let d = date(2016, 3, 31);
        check("31.03.2016", None, d, d, Precision::Day);
        check("1.7.2015", None, date(2015, 7, 1), date(2015, 7, 1), Precision::Day);
        check("01.07.2015", None, date(2015, 7, 1), date(2015, 7, 1), Precision::Day);
        check(
            "31.12.2015",
            None,
            date(2015, 12, 31),
            date(2015, 12, 31),
            Precision::Day,
        );
    }

    #[test]
    fn leap_days() {
        let d = date(2024, 2, 29);
        check("29.02.2024", None, d, d, Precision::Day);
        check("2024-02-29", None, d, d, Precision::Day);
        let d = date(2000, 2, 29);
        check("29.02.2000", None, d, d, Precision::Day);
        check_error(
            "29.02.2023",
            None,
            "29.02.2023 is not a date",
            "February 2023 has 28 days",
        );
        check_error(
            "29.02.1900",
            None,
            "29.02.1900 is not a date",
            "February 1900 has 28 days",
        );
        check_error(
            "2023-02-29",
            None,
            "2023-02-29 is not a date",
            "February 2023 has 28 days",
        );
    }

    #[test]
    fn impossible_days() {
        check_error(
            "31.02.2024",
            None,
            "31.02.2024 is not a date",
            "February 2024 has 29 days",
        );
        check_error("31.04.2024", None, "31.04.2024 is not a date", "April 2024 has 30 days");
        check_error("0.1.2024", None, "0.1.2024 is not a date", "January 2024 has 31 days");
        check_error(
            "2024-13-01",
            None,
            "2024-13-01 is not a date",
            "months run from 1 to 12",
        );
        check_error(
            "31.03.16",
            None,
            "`31.03.16` is not a valid date",
            "write a day as `2016-03-31` or `31.03.2016`",
        );
        check_error(
            "2016-003-31",
            None,
            "`2016-003-31` is not a valid date",
            "write a day as `2016-03-31` or `31.03.2016`",
        );
        check_error("0000-01-01", None, "year 0 is out of range", "years run from 1 to 9999");
    }

    #[test]
    fn iso_weeks() {
        let (mon, sun) = (date(2027, 4, 12), date(2027, 4, 18));
        check("2027-W15", None, mon, sun, Precision::Week);
        check("2027W15", None, mon, sun, Precision::Week);
        check("2027-w15", None, mon, sun, Precision::Week);
        // Week 1 holds the year's first Thursday, so it may start in December.
        check("2025-W01", None, date(2024, 12, 30), date(2025, 1, 5), Precision::Week);
        check("2026-W01", None, date(2025, 12, 29), date(2026, 1, 4), Precision::Week);
        check("2001-W1", None, date(2001, 1, 1), date(2001, 1, 7), Precision::Week);
        check("0001-W01", None, date(1, 1, 1), date(1, 1, 7), Precision::Week);
        // The last week of 9999 ends in 10000: still a date chrono can hold.
        check("9999-W52", None, date(9999, 12, 27), date(10000, 1, 2), Precision::Week);
    }

    #[test]
    fn week_53() {
        check("2020-W53", None, date(2020, 12, 28), date(2021, 1, 3), Precision::Week);
        check("2026-W53", None, date(2026, 12, 28), date(2027, 1, 3), Precision::Week);
        check("2027-W52", None, date(2027, 12, 27), date(2028, 1, 2), Precision::Week);
        check_error("2021-W53", None, "2021 has no week 53", "ISO year 2021 has 52 weeks");
        check_error("2027-W53", None, "2027 has no week 53", "ISO year 2027 has 52 weeks");
        check_error("2023-W54", None, "2023 has no week 54", "ISO year 2023 has 52 weeks");
        check_error("2020-W54", None, "2020 has no week 54", "ISO year 2020 has 53 weeks");
        check_error("2023-W00", None, "2023 has no week 0", "ISO year 2023 has 52 weeks");
    }

    #[test]
    fn malformed_iso_weeks() {
        let hint = "write an ISO week with its year, like `2027-W15`, or a bare week as `V15`";
        check_error("W15", None, "`W15` is not a valid ISO week", hint);
        check_error("27-W15", None, "`27-W15` is not a valid ISO week", hint);
        check_error("2027-W", None, "`2027-W` is not a valid ISO week", hint);
        check_error("2027-W153", None, "`2027-W153` is not a valid ISO week", hint);
    }

    #[test]
    fn bare_weeks_with_a_year() {
        let year = Some(2027);
        let (mon, sun) = (date(2027, 4, 12), date(2027, 4, 25));
        check("V15-16", year, mon, sun, Precision::Week);
        check("v15-16", year, mon, sun, Precision::Week);
        check("V15\u{2013}16", year, mon, sun, Precision::Week);
        check("V15", year, mon, date(2027, 4, 18), Precision::Week);
        check("V15-15", year, mon, date(2027, 4, 18), Precision::Week);
        check("V1", Some(2025), date(2024, 12, 30), date(2025, 1, 5), Precision::Week);
        check("V53", Some(2026), date(2026, 12, 28), date(2027, 1, 3), Precision::Week);
        check(
            "V52-53",
            Some(2020),
            date(2020, 12, 21),
            date(2021, 1, 3),
            Precision::Week,
        );
        check_error("V53", year, "2027 has no week 53", "ISO year 2027 has 52 weeks");
        check_error("V50-53", year, "2027 has no week 53", "ISO year 2027 has 52 weeks");
    }

    #[test]
    fn bare_weeks_without_a_year() {
        let due = parse("V23-28");
        assert_eq!(due.span(), &Span::UnplacedWeeks { first: 23, last: 28 });
        assert_eq!(due.precision(), Some(Precision::Week));
        assert_eq!((due.start(), due.end()), (None, None));
        assert_eq!(due.to_string(), "V23-28");
        assert_eq!(due.anchor(), None);
        let due = parse("v15");
        assert_eq!(due.span(), &Span::UnplacedWeeks { first: 15, last: 15 });
        assert_eq!(parse("V1-53").span(), &Span::UnplacedWeeks { first: 1, last: 53 });
        let hint = "weeks run from 1 to 53, and most years have only 52";
        check_error("V54", None, "there is no week 54", hint);
        check_error("V0", None, "there is no week 0", hint);
        check_error("V20-54", None, "there is no week 54", hint);
    }

    #[test]
    fn backwards_week_ranges() {
        let hint = "week 23 comes before week 28; to cross a year end, \
                    write an explicit range like `2027-W52..2028-W02`";
        check_error("V28-23", None, "week range `V28-23` goes backwards", hint);
        check_error("V28-23", Some(2027), "week range `V28-23` goes backwards", hint);
    }

    #[test]
    fn malformed_bare_weeks() {
        let hint = "write bare weeks as `V15` or `V15-16`, or an ISO week as `2027-W15`";
        // "V 15" and "V.15" are weeks as running text writes them
        // (`dates_as_running_text_writes_them`).
        check_error("V15-V16", None, "`V15-V16` is not a valid week", hint);
        check_error("V", None, "`V` is not a valid week", hint);
        check_error("V123", None, "`V123` is not a valid week", hint);
        check_error("2027-V15", None, "`2027-V15` is not a valid week", hint);
    }

    #[test]
    fn year_argument_out_of_range() {
        let hint = "years run from 1 to 9999";
        check_error("V15", Some(0), "year 0 is out of range", hint);
        check_error("V15", Some(10000), "year 10000 is out of range", hint);
        check_error("V15", Some(i32::MAX), "year 2147483647 is out of range", hint);
        check_error("V15", Some(i32::MIN), "year -2147483648 is out of range", hint);
        // Only bare weeks use the roadmap's year.
        check(
            "2024",
            Some(i32::MAX),
            date(2024, 1, 1),
            date(2024, 12, 31),
            Precision::Year,
        );
    }

    #[test]
    fn months_and_their_last_days() {
        check("2024-02", None, date(2024, 2, 1), date(2024, 2, 29), Precision::Month);
        check("2023-02", None, date(2023, 2, 1), date(2023, 2, 28), Precision::Month);
        check("2023-01", None, date(2023, 1, 1), date(2023, 1, 31), Precision::Month);
        check("2023-04", None, date(2023, 4, 1), date(2023, 4, 30), Precision::Month);
        check("2023-05", None, date(2023, 5, 1), date(2023, 5, 31), Precision::Month);
        check("2023-12", None, date(2023, 12, 1), date(2023, 12, 31), Precision::Month);
        let hint = "months run from 01 to 12, like `2023-05`";
        check_error("2023-13", None, "month 13 does not exist (`2023-13`)", hint);
        check_error("2023-00", None, "month 0 does not exist (`2023-00`)", hint);
        let hint = "write a month as `2023-05`";
        check_error("23-05", None, "`23-05` is not a valid month", hint);
        check_error("2023-123", None, "`2023-123` is not a valid month", hint);
    }

    #[test]
    fn quarters() {
        let q = Precision::Quarter;
        check("2016-Q1", None, date(2016, 1, 1), date(2016, 3, 31), q);
        check("2016 Q1", None, date(2016, 1, 1), date(2016, 3, 31), q);
        check("Q1 2016", None, date(2016, 1, 1), date(2016, 3, 31), q);
        check("2016q2", None, date(2016, 4, 1), date(2016, 6, 30), q);
        check("q3 2016", None, date(2016, 7, 1), date(2016, 9, 30), q);
        check("2016-Q4", None, date(2016, 10, 1), date(2016, 12, 31), q);
        let hint = "a quarter is Q1, Q2, Q3 or Q4";
        check_error("2016-Q5", None, "`2016-Q5` is not a valid quarter", hint);
        check_error("2016-Q0", None, "`2016-Q0` is not a valid quarter", hint);
        check_error(
            "Q1 16",
            None,
            "`Q1 16` is not a valid quarter",
            "a quarter needs a four-digit year, like `2016-Q1`",
        );
        check_error(
            "Q1",
            None,
            "`Q1` is not a valid quarter",
            "write a quarter as `2016-Q1`, `2016 Q1` or `Q1 2016`",
        );
    }

    #[test]
    fn tertials() {
        let t = Precision::Tertial;
        check("2023 T1", None, date(2023, 1, 1), date(2023, 4, 30), t);
        check("2023-T2", None, date(2023, 5, 1), date(2023, 8, 31), t);
        check("2023 T2", None, date(2023, 5, 1), date(2023, 8, 31), t);
        check("2023T3", None, date(2023, 9, 1), date(2023, 12, 31), t);
        check("2024 t1", None, date(2024, 1, 1), date(2024, 4, 30), t);
        let hint = "a tertial is T1, T2 or T3";
        check_error("2023 T4", None, "`2023 T4` is not a valid tertial", hint);
        check_error("2023 T0", None, "`2023 T0` is not a valid tertial", hint);
        check_error(
            "23 T1",
            None,
            "`23 T1` is not a valid tertial",
            "a tertial needs a four-digit year, like `2023 T1`",
        );
    }

    #[test]
    fn half_years() {
        let h = Precision::HalfYear;
        check("VT2022", None, date(2022, 1, 1), date(2022, 6, 30), h);
        check("vt2022", None, date(2022, 1, 1), date(2022, 6, 30), h);
        check("HT2021", None, date(2021, 7, 1), date(2021, 12, 31), h);
        check("ht 2021", None, date(2021, 7, 1), date(2021, 12, 31), h);
        let hint = "a half-year needs a four-digit year, like `VT2022`";
        check_error("VT202", None, "`VT202` is not a valid half-year", hint);
        check_error("HT21", None, "`HT21` is not a valid half-year", hint);
        check_error("VT20222", None, "`VT20222` is not a valid half-year", hint);
        check_error(
            "VT",
            None,
            "`VT` is not a valid half-year",
            "write a half-year as `VT2022` (January to June) or `HT2021` (July to December)",
        );
    }

    #[test]
    fn years() {
        let y = Precision::Year;
        check("2024", None, date(2024, 1, 1), date(2024, 12, 31), y);
        check("0001", None, date(1, 1, 1), date(1, 12, 31), y);
        check("9999", None, date(9999, 1, 1), date(9999, 12, 31), y);
        let hint = "a year has four digits, like `2024`";
        check_error("202", None, "`202` is not a valid year", hint);
        check_error("20240", None, "`20240` is not a valid year", hint);
        check_error(
            "99999999999999999999999",
            None,
            "`99999999999999999999999` is not a valid year",
            hint,
        );
        check_error("0000", None, "year 0 is out of range", "years run from 1 to 9999");
    }

    #[test]
    fn ranges() {
        let w = Precision::Week;
        check("2027-W15..2027-W16", None, date(2027, 4, 12), date(2027, 4, 25), w);
        check("2027-W52..2028-W02", None, date(2027, 12, 27), date(2028, 1, 16), w);
        check("V15..V20", Some(2027), date(2027, 4, 12), date(2027, 5, 23), w);
        check("V15-16..2027-W20", Some(2027), date(2027, 4, 12), date(2027, 5, 23), w);
        check(
            "2016-03-31..2016-Q4",
            None,
            date(2016, 3, 31),
            date(2016, 12, 31),
            Precision::Day,
        );
        check(
            "VT2022 .. HT2022",
            None,
            date(2022, 1, 1),
            date(2022, 12, 31),
            Precision::HalfYear,
        );
        // The end may start before the start, as long as it does not end before it.
        check(
            "2023..2023-05",
            None,
            date(2023, 1, 1),
            date(2023, 5, 31),
            Precision::Year,
        );
        check(
            "2023-05..2023",
            None,
            date(2023, 5, 1),
            date(2023, 12, 31),
            Precision::Month,
        );
        check(
            "1.7.2015..1.7.2015",
            None,
            date(2015, 7, 1),
            date(2015, 7, 1),
            Precision::Day,
        );
    }

    #[test]
    fn open_ranges() {
        let due = parse("VT2023..");
        assert_eq!(
            due.span(),
            &Span::Dated {
                start: date(2023, 1, 1),
                end: None
            }
        );
        assert_eq!(due.precision(), Some(Precision::HalfYear));
        assert_eq!(due.end(), None);
        assert_eq!(due.to_string(), "VT2023..");
        assert_eq!(
            due.anchor(),
            Some(date(2023, 1, 1)),
            "an open range is held to its start"
        );
        let due = parse_with("V15..", Some(2027));
        assert_eq!(due.start(), Some(date(2027, 4, 12)));
        assert_eq!(due.end(), None);
        assert_eq!(due.precision(), Some(Precision::Week));
        let due = parse("2023-05 ..");
        assert_eq!(due.start(), Some(date(2023, 5, 1)));
        assert_eq!(due.label(), "2023-05 ..");
    }

    #[test]
    fn range_errors() {
        check_error(
            "2024..2023",
            None,
            "the range `2024..2023` ends before it starts",
            "`2023` ends on 2023-12-31, before `2024` starts on 2024-01-01",
        );
        check_error(
            "2027-W16..2027-W15",
            None,
            "the range `2027-W16..2027-W15` ends before it starts",
            "`2027-W15` ends on 2027-04-18, before `2027-W16` starts on 2027-04-19",
        );
        let no_year = "give the roadmap a year, or write ISO weeks like `2027-W15..2027-W16`";
        check_error(
            "V15..V20",
            None,
            "`V15` has no year, so it cannot be part of a range",
            no_year,
        );
        check_error(
            "2027-W10..V20",
            None,
            "`V20` has no year, so it cannot be part of a range",
            no_year,
        );
        check_error(
            "V15..",
            None,
            "`V15` has no year, so it cannot be part of a range",
            no_year,
        );
        check_error("..2024", None, "the range `..2024` has no start", RANGE_HINT);
        check_error("..", None, "the range `..` has no start", RANGE_HINT);
        check_error(
            "2023..2024..2025",
            None,
            "`2023..2024..2025` has more than one `..`",
            RANGE_HINT,
        );
        let unknown = "write `?` alone when the due date is not known";
        check_error("?..2024", None, "the range `?..2024` has an unknown side", unknown);
        check_error(
            "2024..??.??.????",
            None,
            "the range `2024..??.??.????` has an unknown side",
            unknown,
        );
        // Errors inside a side speak of that side.
        check_error(
            "2023-W53..2024",
            None,
            "2023 has no week 53",
            "ISO year 2023 has 52 weeks",
        );
        check_error(
            "VT2023..HT23",
            None,
            "`HT23` is not a valid half-year",
            "a half-year needs a four-digit year, like `VT2022`",
        );
    }

    #[test]
    fn unknown() {
        for text in ["?", "??.??.????", "  ?  ", "\t??.??.????\n"] {
            let due = parse(text);
            assert_eq!(due.span(), &Span::Unknown);
            assert_eq!(due.precision(), None);
            assert_eq!((due.start(), due.end(), due.anchor()), (None, None, None));
            assert_eq!(due.label(), text.trim());
        }
        assert_eq!(parse("2024").anchor(), Some(date(2024, 12, 31)));
    }

    #[test]
    fn labels_print_as_written() {
        for text in [
            "1.7.2015",
            "2023 T3",
            "2023T3",
            "vt2022",
            "Q1 2016",
            "2027W15",
            "V15\u{2013}16",
            "2027-W15..2027-W16",
            "VT2023..",
            "2023-05 ..",
            "??.??.????",
        ] {
            let due = parse_with(text, Some(2027));
            assert_eq!(due.label(), text);
            assert_eq!(due.to_string(), text);
        }
        let due = parse("  \t1.7.2015 \n");
        assert_eq!(due.label(), "1.7.2015");
        assert_eq!(format!("[{due}]"), "[1.7.2015]");
    }

    #[test]
    fn precision_of_each_notation() {
        let cases = [
            ("2016-03-31", Precision::Day),
            ("31.03.2016", Precision::Day),
            ("2027-W15", Precision::Week),
            ("V15", Precision::Week),
            ("2023-05", Precision::Month),
            ("2016-Q1", Precision::Quarter),
            ("2023 T1", Precision::Tertial),
            ("HT2021", Precision::HalfYear),
            ("2024", Precision::Year),
            ("2023-05..2024", Precision::Month),
            ("2024..2025-W02", Precision::Year),
        ];
        for (text, precision) in cases {
            assert_eq!(parse_with(text, Some(2027)).precision(), Some(precision));
        }
        assert_eq!(Precision::HalfYear.to_string(), "half-year");
    }

    #[test]
    fn a_tertial_runs_from_its_first_day_to_its_last() {
        let due = parse("2023 T2");
        assert_eq!(
            (due.start(), due.end()),
            (Some(date(2023, 5, 1)), Some(date(2023, 8, 31)))
        );
        assert_eq!(due.anchor(), Some(date(2023, 8, 31)));
    }

    #[test]
    fn unrecognised_and_empty() {
        for text in [
            "next spring",
            "2016/03/31",
            "2016-03-31T12:00",
            "våren 2024",
            "31-03-2016x",
        ] {
            let e = fail(text, None);
            assert_eq!(e.message, format!("`{}` is not a recognised due date", text.trim()));
            let hint = e.hint.expect("a hint");
            for example in ["`2016-03-31`", "`2027-W15`", "`V15`", "`2023 T1`", "`VT2022`"] {
                assert!(hint.contains(example), "{hint} lists {example}");
            }
        }
        for text in ["", "   ", "\n"] {
            check_error(
                text,
                None,
                "the due date is empty",
                "write a date like `2016-03-31`, or `?` if it is not known",
            );
        }
    }

    #[test]
    fn error_display_and_trait() {
        let e = fail("VT202", None);
        assert_eq!(e.to_string(), "`VT202` is not a valid half-year");
        let boxed: Box<dyn std::error::Error> = Box::new(e);
        assert_eq!(boxed.to_string(), "`VT202` is not a valid half-year");
    }

    #[test]
    fn single_days() {
        assert_eq!(parse_day("2016-03-31"), Ok(date(2016, 3, 31)));
        assert_eq!(parse_day(" 1.7.2015 "), Ok(date(2015, 7, 1)));
        assert_eq!(parse_day("29.02.2024"), Ok(date(2024, 2, 29)));
        let e = parse_day("31.02.2024").expect_err("not a date");
        assert_eq!(e.message, "31.02.2024 is not a date");
        assert_eq!(e.hint.as_deref(), Some("February 2024 has 29 days"));
        assert_eq!(parse_day("  ").map_err(|e| e.message), Err("no day given".into()));
        for text in ["2023-05", "2024", "2027-W15", "?", "today", "2016-03-31.."] {
            let e = parse_day(text).expect_err("not a single day");
            assert_eq!(e.message, format!("`{}` is not a day", text.trim()));
            assert_eq!(e.hint.as_deref(), Some("write a day as `2016-03-31` or `31.03.2016`"));
        }
    }

    /// Every string of up to four characters from the notations' alphabet,
    /// with and without a year, and with years no roadmap has: nothing may
    /// panic, and whatever parses must be a sensible span.
    #[test]
    fn garbage_never_panics() {
        let alphabet: Vec<char> = "0123456789-.WVTHQ? ".chars().collect();
        let mut texts = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..4 {
            texts = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            all.extend(texts.iter().cloned());
        }
        assert_eq!(all.len(), 19 + 19 * 19 + 19 * 19 * 19 + 19 * 19 * 19 * 19);
        let years = [None, Some(2027), Some(0), Some(i32::MIN), Some(i32::MAX)];
        for text in &all {
            for year in years {
                check_sane(text, year);
            }
            let _ = parse_day(text);
        }
    }

    /// Ranges built from valid and broken pieces, and inputs of odd sizes
    /// and characters.
    #[test]
    fn assorted_nasty_inputs_never_panic() {
        let pieces = [
            "",
            "?",
            "2024",
            "0000",
            "9999",
            "9999-W52",
            "9999-12-31",
            "0001-01-01",
            "V1",
            "V53",
            "V99",
            "V52-1",
            "2027-W53",
            "Q4 9999",
            "HT9999",
            "VT0001",
            "31.12.9999",
            "1.1.1",
            "99999999999999999999",
            "V99999999999",
            "ü",
            "\u{2013}",
            "..",
            "2023 T3",
            "W",
        ];
        for a in pieces {
            for b in pieces {
                for sep in ["..", " .. ", "-", " ", ".", "...", "–"] {
                    let text = format!("{a}{sep}{b}");
                    for year in [None, Some(1), Some(9999), Some(-1)] {
                        check_sane(&text, year);
                    }
                    let _ = parse_day(&text);
                }
            }
        }
        for text in [
            "V\u{0}",
            "2024\u{feff}",
            "２０２４",
            "V１５",
            "🙂..🙂",
            &"9".repeat(10_000),
        ] {
            check_sane(text, Some(2027));
        }
    }

    fn check_sane(text: &str, year: Option<i32>) {
        let Ok(due) = Due::parse(text, year) else {
            return;
        };
        assert_eq!(due.label(), text.trim(), "label of {text:?}");
        match *due.span() {
            Span::Unknown => assert_eq!(due.precision(), None),
            Span::Dated { start, end } => {
                assert!(due.precision().is_some());
                assert!(end.is_none_or(|end| start <= end), "{text:?} runs backwards");
            }
            Span::UnplacedWeeks { first, last } => {
                assert!(year.is_none(), "{text:?} ignored the year");
                assert!(1 <= first && first <= last && last <= 53, "{text:?}");
            }
        }
    }

    /// Dates as Swedish and Norwegian plans write them in running text.
    /// Weeks worked out by hand: ISO week 1 of 2027 starts Monday 4 January,
    /// so week 12 starts 22 March, 14 on 5 April, 44 on 1 November; 2028's
    /// week 1 starts 3 January, so its week 14 starts 3 April.
    #[test]
    fn dates_as_running_text_writes_them() {
        let days = |text: &str, year: Option<i32>| {
            let due = parse_with(text, year);
            assert_eq!(due.label(), text.trim(), "the label stays as written");
            (due.start(), due.end(), due.precision())
        };
        let week = Some(Precision::Week);
        for (text, first, last) in [
            ("v.12", date(2027, 3, 22), date(2027, 3, 28)),
            ("v 12", date(2027, 3, 22), date(2027, 3, 28)),
            ("V. 12", date(2027, 3, 22), date(2027, 3, 28)),
            ("vecka 12", date(2027, 3, 22), date(2027, 3, 28)),
            ("v 44-45", date(2027, 11, 1), date(2027, 11, 14)),
            ("v. 44–45", date(2027, 11, 1), date(2027, 11, 14)),
            ("vecka 14-15", date(2027, 4, 5), date(2027, 4, 18)),
            ("veckorna 14–15", date(2027, 4, 5), date(2027, 4, 18)),
            ("uke 14", date(2027, 4, 5), date(2027, 4, 11)),
            ("uke 14-15", date(2027, 4, 5), date(2027, 4, 18)),
            ("week 14", date(2027, 4, 5), date(2027, 4, 11)),
        ] {
            assert_eq!(days(text, Some(2027)), (Some(first), Some(last), week), "{text}");
        }
        // A year written with the week is the week's year, whatever the plan's.
        assert_eq!(
            days("uke 14, 2028", Some(2027)),
            (Some(date(2028, 4, 3)), Some(date(2028, 4, 9)), week)
        );
        assert_eq!(
            days("vecka 14-15 2028", None),
            (Some(date(2028, 4, 3)), Some(date(2028, 4, 16)), week)
        );
        // Without a year a bare week stays a week number.
        assert_eq!(parse("v.12").span(), &Span::UnplacedWeeks { first: 12, last: 12 });
        let month = Some(Precision::Month);
        for (text, first, last) in [
            ("jan 2027", date(2027, 1, 1), date(2027, 1, 31)),
            ("jan. 2027", date(2027, 1, 1), date(2027, 1, 31)),
            ("januari 2027", date(2027, 1, 1), date(2027, 1, 31)),
            ("April 2027", date(2027, 4, 1), date(2027, 4, 30)),
            ("februar 2028", date(2028, 2, 1), date(2028, 2, 29)),
            ("desember 2026", date(2026, 12, 1), date(2026, 12, 31)),
            ("mars–april 2027", date(2027, 3, 1), date(2027, 4, 30)),
            ("maj-juni 2027", date(2027, 5, 1), date(2027, 6, 30)),
        ] {
            assert_eq!(days(text, None), (Some(first), Some(last), month), "{text}");
        }
        let day = Some(Precision::Day);
        for (text, on) in [
            ("senast 30 juni 2027", date(2027, 6, 30)),
            ("Senast 30 juni 2027", date(2027, 6, 30)),
            ("30 juni 2027", date(2027, 6, 30)),
            ("innen 1. juli 2027", date(2027, 7, 1)),
            ("senest 31. desember 2027", date(2027, 12, 31)),
            ("30/6/2027", date(2027, 6, 30)),
            ("30/6 2027", date(2027, 6, 30)),
            ("1/12/2027", date(2027, 12, 1)),
        ] {
            assert_eq!(days(text, None), (Some(on), Some(on), day), "{text}");
        }
        for (text, first, last, precision) in [
            ("kv 3 2027", date(2027, 7, 1), date(2027, 9, 30), Precision::Quarter),
            (
                "3. kvartal 2027",
                date(2027, 7, 1),
                date(2027, 9, 30),
                Precision::Quarter,
            ),
            ("Q4 2027", date(2027, 10, 1), date(2027, 12, 31), Precision::Quarter),
            (
                "tertial 2 2027",
                date(2027, 5, 1),
                date(2027, 8, 31),
                Precision::Tertial,
            ),
            (
                "2. tertial 2027",
                date(2027, 5, 1),
                date(2027, 8, 31),
                Precision::Tertial,
            ),
        ] {
            assert_eq!(days(text, None), (Some(first), Some(last), Some(precision)), "{text}");
        }
        // What is not a date stays an error, with the notation's message.
        for text in [
            "30 juni",
            "31/2/2027",
            "v. 60",
            "jan",
            "senast",
            "vecka 14 och 15",
            "13/13/2027",
        ] {
            let e = fail(text, Some(2027));
            assert!(
                e.message.contains(text) || e.message.contains("no week"),
                "{text}: {e:?}"
            );
        }
    }
}
