//! An Excel workbook (`rust_xlsxwriter)`: a sheet of milestones and a sheet of
//! steps, the header in the reader's language, frozen and filtered; dates are
//! dates and costs are numbers, so Excel sorts and sums them. Cells are
//! written as strings, never formulas, so no text from a plan can run.

use roadmap_core::export::SheetRow;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::i18n::{Language, t};
use roadmap_core::lang::Lang;

/// The columns of each sheet: the CSV's, less the step number on the
/// milestones' sheet and the cost on the steps'.
fn columns(steps: bool) -> Vec<&'static str> {
    let left_out = if steps { "cost_tkr" } else { "step" };
    crate::render::csv::KEYS
        .into_iter()
        .filter(|k| *k != left_out)
        .collect()
}

/// Excel keeps at most this many characters in a cell.
const CELL_LIMIT: usize = 32_767;

pub fn workbook(language: &Language, rows: &[SheetRow<'_>]) -> roadmap_core::Result<Vec<u8>> {
    build(language, rows).map_err(|e| {
        roadmap_core::Error::refused(
            format!("cannot write the workbook: {e}"),
            "export as CSV instead: roadmap export --format csv --excel",
        )
    })
}

fn build(language: &Language, rows: &[SheetRow<'_>]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new().set_bold();
    let styles = Styles {
        day: Format::new().set_num_format(match language.lang {
            Lang::Nb => "dd.mm.yyyy",
            Lang::Sv | Lang::En => "yyyy-mm-dd",
        }),
        wrap: Format::new().set_text_wrap(),
    };
    let milestones: Vec<&SheetRow> = rows.iter().filter(|r| r.step.is_none()).collect();
    let steps: Vec<&SheetRow> = rows.iter().filter(|r| r.step.is_some()).collect();
    for (name, columns, rows) in [
        (t!(language, "xlsx-milestones"), columns(false), &milestones),
        (t!(language, "xlsx-steps"), columns(true), &steps),
    ] {
        let sheet = book.add_worksheet();
        sheet.set_name(&name)?;
        for (c, key) in columns.iter().enumerate() {
            let c = column(c)?;
            sheet.write_string_with_format(
                0,
                c,
                language.text(&format!("csv-{}", key.replace('_', "-")), None),
                &header,
            )?;
            sheet.set_column_width(c, width(key))?;
        }
        for (r, row) in rows.iter().enumerate() {
            let r = sheet_row(r + 1)?;
            for (c, key) in columns.iter().enumerate() {
                cell(sheet, (r, column(c)?), key, row, language, &styles)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, sheet_row(rows.len())?, column(columns.len().saturating_sub(1))?)?;
    }
    book.save_to_buffer()
}

/// A row number as a sheet counts them; past what a sheet holds is the sheet's own error.
fn sheet_row(index: usize) -> Result<u32, XlsxError> {
    u32::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

/// A column number as a sheet counts them.
fn column(index: usize) -> Result<u16, XlsxError> {
    u16::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

/// The cell formats: a day as the language writes it, and wrapped text.
struct Styles {
    day: Format,
    wrap: Format,
}

fn cell(
    sheet: &mut Worksheet,
    (r, c): (u32, u16),
    key: &str,
    row: &SheetRow<'_>,
    language: &Language,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let (day, wrap) = (&styles.day, &styles.wrap);
    let date = |d: Option<chrono::NaiveDate>| -> Option<ExcelDateTime> {
        use chrono::Datelike;
        let d = d?;
        let (month, day) = (u8::try_from(d.month()).ok()?, u8::try_from(d.day()).ok()?);
        ExcelDateTime::from_ymd(u16::try_from(d.year()).ok()?, month, day).ok()
    };
    let text = |sheet: &mut Worksheet, value: &str| -> Result<(), XlsxError> {
        if !value.is_empty() {
            let value = crate::render::sanitize(value);
            let value: String = value.chars().take(CELL_LIMIT).collect();
            sheet.write_string(r, c, value)?;
        }
        Ok(())
    };
    let on_day = |sheet: &mut Worksheet, d: Option<chrono::NaiveDate>| -> Result<(), XlsxError> {
        match (date(d), d) {
            (Some(x), _) => sheet.write_datetime_with_format(r, c, &x, day).map(|_| ()),
            // Before 1900 Excel has no dates: the day as text.
            (None, Some(d)) => sheet.write_string(r, c, d.to_string()).map(|_| ()),
            (None, None) => Ok(()),
        }
    };
    match key {
        "roadmap" => text(sheet, &row.roadmap.id),
        "milestone" => text(sheet, &row.milestone.id),
        "step" => match row.step {
            Some(n) => sheet.write_number(r, c, n as f64).map(|_| ()),
            None => Ok(()),
        },
        "title" => text(sheet, row.title),
        "owner" => text(sheet, row.owner.unwrap_or_default()),
        "due" => text(sheet, row.due.map_or("", |d| d.label())),
        "start" => on_day(sheet, row.due.and_then(roadmap_core::due::Due::start)),
        "end" => on_day(sheet, row.due.and_then(roadmap_core::due::Due::end)),
        "status" => text(sheet, &crate::render::csv::status(language, row.status)),
        "cost_tkr" => match row.cost_tkr {
            Some(cost) => sheet.write_number(r, c, cost.value()).map(|_| ()),
            None => Ok(()),
        },
        "done_by" => text(sheet, row.done_by.unwrap_or_default()),
        "done_on" => on_day(sheet, row.done_on),
        "note" => {
            let notes = row.notes.join("\n");
            if notes.is_empty() {
                Ok(())
            } else {
                let notes = crate::render::sanitize(&notes);
                let notes: String = notes.chars().take(CELL_LIMIT).collect();
                sheet.write_string_with_format(r, c, notes, wrap).map(|_| ())
            }
        }
        _ => Ok(()),
    }
}

fn width(key: &str) -> f64 {
    match key {
        "title" => 50.0,
        "note" => 40.0,
        "step" => 6.0,
        "due" | "owner" | "status" | "done_by" => 16.0,
        _ => 12.0,
    }
}
