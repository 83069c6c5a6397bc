//! Exports for other programs: calendars (iCalendar) and spreadsheets (CSV).

pub mod csv;
pub mod ics;
