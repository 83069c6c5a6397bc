//! The binary form of cached roadmaps and changes: little-endian integers,
//! written and read field by field in a fixed order, and text. The text of
//! the model (titles, owners, addresses) goes in one UTF-8 block after the
//! records, which refer to it by offset and length (`Writer::framed`); read
//! back, the block becomes one shared buffer and every field a range of it
//! (`crate::text`), so decoding allocates per roadmap, not per field.
//!
//! Why by hand rather than serde: the model's JSON forms (a cost is a bare
//! number, a due date is its label) are for people and scripts and cannot be
//! read back without the file's context, and decoding is the hot path of every
//! cached command, where a direct reader is fastest. A cache file from another
//! version, or a damaged one, fails `Reader`'s bounds and UTF-8 checks and is
//! treated as a miss, never as data.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use arcstr::ArcStr;

use crate::due::{Due, Precision, Span};
use crate::roadmap::{Cost, Kind, Milestone, Phase, Roadmap, Step};
use crate::state::{Event, Op};
use crate::text::Text;

#[derive(Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
    /// What `text` wrote, to follow the records (`framed`).
    text: String,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }

    pub fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    pub fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    pub fn i64(&mut self, v: i64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    pub fn u128(&mut self, v: u128) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// A length; lengths past u32 do not occur in roadmap files (they are
    /// far over any size a TOML file is read at), so they are not cached.
    pub fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }

    pub fn str(&mut self, s: &str) {
        self.len(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }

    /// Model text: its place in the text block that `framed` writes after the records.
    pub fn text(&mut self, s: &str) {
        self.len(self.text.len());
        self.len(s.len());
        self.text.push_str(s);
    }

    pub fn opt_text(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.text(s);
            }
        }
    }

    /// The records, then the text block they refer to, as `Reader::framed`
    /// reads them; `None` when the text is too big for 32-bit offsets.
    pub fn framed(self) -> Option<Vec<u8>> {
        u32::try_from(self.text.len()).ok()?;
        let mut out = Vec::with_capacity(8 + self.bytes.len() + self.text.len());
        out.extend_from_slice(&(self.bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(&self.bytes);
        out.extend_from_slice(self.text.as_bytes());
        Some(out)
    }

    fn day(&mut self, d: NaiveDate) {
        self.i64(i64::from(d.num_days_from_ce()));
    }

    fn opt_day(&mut self, d: Option<NaiveDate>) {
        match d {
            None => self.u8(0),
            Some(d) => {
                self.u8(1);
                self.day(d);
            }
        }
    }
}

/// A cache that does not read back as written: treat it as absent.
#[derive(Debug)]
pub struct Damaged;

pub type Decoded<T> = Result<T, Damaged>;

pub struct Reader<'b> {
    bytes: &'b [u8],
    /// The text block of a framed form.
    text: ArcStr,
}

impl<'b> Reader<'b> {
    pub fn new(bytes: &'b [u8]) -> Self {
        Reader {
            bytes,
            text: ArcStr::new(),
        }
    }

    /// Reads what `Writer::framed` wrote: the text block is checked as UTF-8
    /// once and copied into one shared buffer, and the reader reads the records.
    pub fn framed(bytes: &'b [u8]) -> Decoded<Reader<'b>> {
        let mut r = Reader::new(bytes);
        let n = usize::try_from(r.u64()?).map_err(|_| Damaged)?;
        let records = r.take(n)?;
        let text = std::str::from_utf8(r.bytes).map_err(|_| Damaged)?;
        Ok(Reader {
            bytes: records,
            text: ArcStr::from(text),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub fn remaining(&self) -> usize {
        self.bytes.len()
    }

    /// The bytes not read yet.
    pub fn rest(&self) -> &'b [u8] {
        self.bytes
    }

    pub fn take(&mut self, n: usize) -> Decoded<&'b [u8]> {
        if n > self.bytes.len() {
            return Err(Damaged);
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Decoded<[u8; N]> {
        self.take(N)?.try_into().map_err(|_| Damaged)
    }

    pub fn u8(&mut self) -> Decoded<u8> {
        Ok(self.array::<1>()?[0])
    }

    pub fn u32(&mut self) -> Decoded<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub fn u64(&mut self) -> Decoded<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    pub fn i64(&mut self) -> Decoded<i64> {
        Ok(i64::from_le_bytes(self.array()?))
    }

    pub fn u128(&mut self) -> Decoded<u128> {
        Ok(u128::from_le_bytes(self.array()?))
    }

    pub fn len(&mut self) -> Decoded<usize> {
        usize::try_from(self.u32()?).map_err(|_| Damaged)
    }

    pub fn str(&mut self) -> Decoded<&'b str> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| Damaged)
    }

    pub fn string(&mut self) -> Decoded<String> {
        self.str().map(str::to_string)
    }

    /// What `Writer::text` wrote: a range of the text block.
    pub fn text(&mut self) -> Decoded<Text> {
        let start = self.len()?;
        let end = start.checked_add(self.len()?).ok_or(Damaged)?;
        if end > self.text.len() || !self.text.is_char_boundary(start) || !self.text.is_char_boundary(end) {
            return Err(Damaged);
        }
        Ok(self.text.substr(start..end))
    }

    pub fn opt_text(&mut self) -> Decoded<Option<Text>> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.text().map(Some),
            _ => Err(Damaged),
        }
    }

    fn day(&mut self) -> Decoded<NaiveDate> {
        let days = i32::try_from(self.i64()?).map_err(|_| Damaged)?;
        NaiveDate::from_num_days_from_ce_opt(days).ok_or(Damaged)
    }

    fn opt_day(&mut self) -> Decoded<Option<NaiveDate>> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.day().map(Some),
            _ => Err(Damaged),
        }
    }

    /// A count-prefixed list, each item read by `item`.
    pub fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Decoded<T>) -> Decoded<Vec<T>> {
        let n = self.count()?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(item(self)?);
        }
        Ok(items)
    }

    /// A count of items that each take at least one byte: a damaged count
    /// cannot make the reader reserve more than the bytes that are left.
    fn count(&mut self) -> Decoded<usize> {
        let n = self.len()?;
        if n > self.bytes.len() {
            return Err(Damaged);
        }
        Ok(n)
    }
}

// ------------------------------------------------------------------ roadmaps

/// The roadmap without its origin, which the loader knows and sets.
pub fn write_roadmap(w: &mut Writer, r: &Roadmap) {
    w.text(&r.id);
    w.text(&r.title);
    w.opt_text(r.organisation.as_deref());
    w.text(&r.language);
    w.opt_text(r.source.as_deref());
    match r.year {
        None => w.u8(0),
        Some(y) => {
            w.u8(1);
            w.i64(i64::from(y));
        }
    }
    w.opt_text(r.note.as_deref());
    w.len(r.parties.len());
    for (code, name) in &r.parties {
        w.text(code);
        w.text(name);
    }
    w.len(r.phases.len());
    for p in &r.phases {
        w.text(&p.id);
        w.text(&p.title);
        w.opt_text(p.note.as_deref());
    }
    w.len(r.milestones.len());
    for m in &r.milestones {
        write_milestone(w, m);
    }
}

fn write_milestone(w: &mut Writer, m: &Milestone) {
    w.text(&m.id);
    w.opt_text(m.phase.as_deref());
    w.text(&m.title);
    match &m.due {
        None => w.u8(0),
        Some(due) => {
            w.u8(1);
            write_due(w, due);
        }
    }
    w.opt_text(m.owner.as_deref());
    w.opt_text(m.criteria.as_deref());
    w.opt_text(m.description.as_deref());
    match m.cost_tkr {
        None => w.u8(0),
        Some(Cost::Whole(n)) => {
            w.u8(1);
            w.i64(n);
        }
        Some(Cost::Fraction(x)) => {
            w.u8(2);
            w.u64(x.to_bits());
        }
    }
    w.len(m.depends_on.len());
    for d in &m.depends_on {
        w.text(d);
    }
    w.u8(match m.kind {
        Kind::Milestone => 0,
        Kind::Gate => 1,
    });
    w.opt_text(m.note.as_deref());
    w.len(m.steps.len());
    for s in &m.steps {
        w.text(&s.text);
        w.opt_text(s.owner.as_deref());
        w.opt_text(s.note.as_deref());
    }
}

fn write_due(w: &mut Writer, due: &Due) {
    w.text(due.label());
    match due.span() {
        Span::Unknown => w.u8(0),
        Span::Dated { start, end } => {
            w.u8(1);
            w.day(*start);
            w.opt_day(*end);
        }
        Span::UnplacedWeeks { first, last } => {
            w.u8(2);
            w.u32(*first);
            w.u32(*last);
        }
    }
    w.u8(match due.precision() {
        None => 0,
        Some(Precision::Day) => 1,
        Some(Precision::Week) => 2,
        Some(Precision::Month) => 3,
        Some(Precision::Quarter) => 4,
        Some(Precision::Tertial) => 5,
        Some(Precision::HalfYear) => 6,
        Some(Precision::Year) => 7,
    });
}

pub fn read_roadmap(r: &mut Reader<'_>, origin: crate::roadmap::Origin) -> Decoded<Roadmap> {
    let id = r.text()?;
    let title = r.text()?;
    let organisation = r.opt_text()?;
    let language = r.text()?;
    let source = r.opt_text()?;
    let year = match r.u8()? {
        0 => None,
        1 => Some(i32::try_from(r.i64()?).map_err(|_| Damaged)?),
        _ => return Err(Damaged),
    };
    let note = r.opt_text()?;
    let parties = r.list(|r| Ok((r.text()?, r.text()?)))?;
    let phases = r.list(|r| {
        Ok(Phase {
            id: r.text()?,
            title: r.text()?,
            note: r.opt_text()?,
        })
    })?;
    let milestones = r.list(read_milestone)?;
    Ok(Roadmap {
        id,
        title,
        organisation,
        language,
        source,
        year,
        note,
        parties,
        phases,
        milestones,
        origin,
    })
}

fn read_milestone(r: &mut Reader<'_>) -> Decoded<Milestone> {
    let id = r.text()?;
    let phase = r.opt_text()?;
    let title = r.text()?;
    let due = match r.u8()? {
        0 => None,
        1 => Some(read_due(r)?),
        _ => return Err(Damaged),
    };
    let owner = r.opt_text()?;
    let criteria = r.opt_text()?;
    let description = r.opt_text()?;
    let cost_tkr = match r.u8()? {
        0 => None,
        1 => Some(Cost::Whole(r.i64()?)),
        2 => Some(Cost::Fraction(f64::from_bits(r.u64()?))),
        _ => return Err(Damaged),
    };
    let depends_on = r.list(Reader::text)?;
    let kind = match r.u8()? {
        0 => Kind::Milestone,
        1 => Kind::Gate,
        _ => return Err(Damaged),
    };
    let note = r.opt_text()?;
    let steps = r.list(|r| {
        Ok(Step {
            text: r.text()?,
            owner: r.opt_text()?,
            note: r.opt_text()?,
        })
    })?;
    Ok(Milestone {
        id,
        phase,
        title,
        due,
        owner,
        criteria,
        description,
        cost_tkr,
        depends_on,
        kind,
        note,
        steps,
    })
}

fn read_due(r: &mut Reader<'_>) -> Decoded<Due> {
    let label = r.text()?;
    let span = match r.u8()? {
        0 => Span::Unknown,
        1 => Span::Dated {
            start: r.day()?,
            end: r.opt_day()?,
        },
        2 => Span::UnplacedWeeks {
            first: r.u32()?,
            last: r.u32()?,
        },
        _ => return Err(Damaged),
    };
    let precision = match r.u8()? {
        0 => None,
        1 => Some(Precision::Day),
        2 => Some(Precision::Week),
        3 => Some(Precision::Month),
        4 => Some(Precision::Quarter),
        5 => Some(Precision::Tertial),
        6 => Some(Precision::HalfYear),
        7 => Some(Precision::Year),
        _ => return Err(Damaged),
    };
    Ok(Due::from_parts(label, span, precision))
}

// ------------------------------------------------------------------ changes

pub fn write_event(w: &mut Writer, e: &Event) {
    w.text(&e.id);
    w.i64(e.at.timestamp_micros());
    w.text(&e.by);
    w.u8(match e.op {
        Op::Done => 0,
        Op::Reopen => 1,
        Op::Skip => 2,
        Op::Note => 3,
        Op::Reschedule => 4,
    });
    w.text(&e.target);
    w.opt_text(e.note.as_deref());
    w.opt_day(e.on);
    w.opt_text(e.prev.as_deref());
    w.opt_text(e.from.as_deref());
    w.opt_text(e.to.as_deref());
}

pub fn read_event(r: &mut Reader<'_>) -> Decoded<Event> {
    let id = r.text()?;
    let at: DateTime<Utc> = DateTime::from_timestamp_micros(r.i64()?).ok_or(Damaged)?;
    let by = r.text()?;
    let op = match r.u8()? {
        0 => Op::Done,
        1 => Op::Reopen,
        2 => Op::Skip,
        3 => Op::Note,
        4 => Op::Reschedule,
        _ => return Err(Damaged),
    };
    Ok(Event {
        id,
        at,
        by,
        op,
        target: r.text()?,
        note: r.opt_text()?,
        on: r.opt_day()?,
        prev: r.opt_text()?,
        from: r.opt_text()?,
        to: r.opt_text()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::Origin;

    #[test]
    fn every_shipped_roadmap_reads_back_as_parsed() {
        for (name, text) in crate::roadmap::catalog::SHIPPED {
            let parsed = crate::roadmap::parse::parse(name, text.as_bytes(), Origin::Shipped(name)).unwrap();
            let mut w = Writer::default();
            write_roadmap(&mut w, &parsed);
            let bytes = w.framed().unwrap();
            let mut r = Reader::framed(&bytes).unwrap();
            let read = read_roadmap(&mut r, Origin::Shipped(name)).unwrap();
            assert!(r.is_empty());
            assert_eq!(format!("{read:?}"), format!("{parsed:?}"), "{name}");
        }
    }

    #[test]
    fn a_cut_or_damaged_cache_is_damaged_not_data() {
        let (name, text) = crate::roadmap::catalog::SHIPPED[0];
        let parsed = crate::roadmap::parse::parse(name, text.as_bytes(), Origin::Shipped(name)).unwrap();
        let mut w = Writer::default();
        write_roadmap(&mut w, &parsed);
        let bytes = w.framed().unwrap();
        let read = |bytes: &[u8]| Reader::framed(bytes).and_then(|mut r| read_roadmap(&mut r, Origin::Shipped(name)));
        for cut in [0, 1, 7, 8, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(read(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        // The length of the records pointing past the end.
        let mut bad = bytes.clone();
        bad[0..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(read(&bad).is_err());
        // The first field's text (the id) pointing past the end of the text block.
        let mut bad = bytes.clone();
        bad[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(read(&bad).is_err());
        // The text block cut inside a character.
        let text_at = 8 + usize::try_from(u64::from_le_bytes(bytes[0..8].try_into().unwrap())).unwrap();
        let mut bad = bytes.clone();
        let multibyte = bad[text_at..]
            .iter()
            .position(|b| *b >= 0x80)
            .expect("Swedish text has å, ä or ö");
        bad[text_at + multibyte] = 0xff;
        assert!(read(&bad).is_err());
    }
}
