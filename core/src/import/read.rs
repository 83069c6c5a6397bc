//! The tables in a file, whatever office program wrote it: spreadsheets
//! (calamine), Word documents (their `word/document.xml`), CSV and TSV in the
//! encodings Excel writes, and Markdown pipe tables.

use std::io::{Cursor, Read};

use calamine::Reader;
use chrono::NaiveDate;
use quick_xml::events::Event;

/// One cell as the file holds it. Spreadsheets keep dates and numbers as
/// such; everything else is text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            // A lone dash is how tables write "nothing here".
            Cell::Text(t) => matches!(t.trim(), "" | "-" | "–" | "—"),
            _ => false,
        }
    }

    /// The cell as text: numbers without a needless `.0`, dates in ISO 8601.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            // A whole number below 1e15 is an i64 exactly.
            #[allow(clippy::cast_possible_truncation)]
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A table found in the file: a sheet, a Word table, a Markdown table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet's name, or the text just before the table in a document.
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    /// A document's title: its first paragraph, when that is not the
    /// heading of its first table.
    pub title: Option<String>,
}

/// The kinds of file `read` knows, decided by the file name's ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Spreadsheet,
    Word,
    Delimited(Option<u8>),
    Markdown,
    /// MS Project's XML (MSPDI), read as a plan, not a table (`import::project`).
    Project,
}

impl Kind {
    pub fn of(file_name: &str) -> Option<Kind> {
        let ext = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Kind::Spreadsheet,
            "docx" => Kind::Word,
            "csv" | "txt" => Kind::Delimited(None),
            "tsv" | "tab" => Kind::Delimited(Some(b'\t')),
            "md" | "markdown" => Kind::Markdown,
            "xml" => Kind::Project,
            _ => return None,
        })
    }
}

/// Every table in `bytes`, a file of `kind`. The error says why the file
/// could not be read as that kind.
pub fn tables(kind: Kind, bytes: &[u8]) -> Result<Vec<Table>, String> {
    match kind {
        Kind::Spreadsheet => spreadsheet(bytes),
        Kind::Word => word(bytes),
        Kind::Delimited(delimiter) => delimited(bytes, delimiter).map(|t| vec![t]),
        Kind::Markdown => markdown(&decode(bytes).0),
        // Read whole, with the phases and dependencies a table has not (`import::project`).
        Kind::Project => Err("MS Project XML is a plan, not a table".to_string()),
    }
}

fn spreadsheet(bytes: &[u8]) -> Result<Vec<Table>, String> {
    if is_zip(bytes) {
        zip_sizes(bytes)?;
    }
    if is_opendocument(bytes) {
        return opendocument(bytes);
    }
    super::compound::check(bytes)?;
    // calamine is the one reader here that may panic on a damaged file; its
    // panic is the file's fault, and says so.
    quietly(|| workbook(bytes)).unwrap_or_else(|| Err("the file is damaged: its cells cannot be read".to_string()))
}

/// Whether `bytes` is a zip archive (xlsx, xlsb, ods, docx).
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The most a whole workbook may unpack to, by what its zip says.
const MOST_UNPACKED_IN_ALL: u64 = 256 << 20;

/// Refuses a zip whose entries say they unpack to more than a plan could
/// need, before any is unpacked.
fn zip_sizes(bytes: &[u8]) -> Result<(), String> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total = 0u64;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else {
            continue;
        };
        if entry.size() > MOST_UNPACKED {
            return Err(format!(
                "{} unpacks to {} MiB, more than the {} MiB a part of a plan may be",
                entry.name().map(std::borrow::Cow::into_owned).unwrap_or_default(),
                entry.size().div_ceil(1 << 20),
                MOST_UNPACKED >> 20
            ));
        }
        total = total.saturating_add(entry.size());
    }
    if total > MOST_UNPACKED_IN_ALL {
        return Err(format!(
            "it unpacks to {} MiB, more than the {} MiB a plan may be",
            total.div_ceil(1 << 20),
            MOST_UNPACKED_IN_ALL >> 20
        ));
    }
    Ok(())
}

/// `f`'s result, or none when it panics (without the panic's message on
/// standard error: the caller says what went wrong).
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    result.ok()
}

/// The largest row number a sheet is read to (Excel's own last row).
const MOST_ROWS: u32 = 1 << 20;

/// The sheets of an Excel workbook (xlsx, xlsb, xls). Xlsx and xlsb sheets
/// are read cell by cell, so a stray cell far away costs nothing, within
/// `MOST_CELLS` cells and `MOST_COLUMNS` columns; an xls sheet (at most
/// 65 536 rows of 256 columns) is read whole.
fn workbook(bytes: &[u8]) -> Result<Vec<Table>, String> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let mut grid = Grid::default();
        let failed = |e: &dyn std::fmt::Display| format!("sheet `{name}`: {e}");
        match &mut book {
            calamine::Sheets::Xlsx(xlsx) => {
                let mut cells = xlsx.worksheet_cells_reader(&name).map_err(|e| failed(&e))?;
                while let Some(cell) = cells.next_cell().map_err(|e| failed(&e))? {
                    grid.put(&name, cell.get_position(), cell_of(cell.get_value()))?;
                }
            }
            calamine::Sheets::Xlsb(xlsb) => {
                let mut cells = xlsb.worksheet_cells_reader(&name).map_err(|e| failed(&e))?;
                while let Some(cell) = cells.next_cell().map_err(|e| failed(&e))? {
                    grid.put(&name, cell.get_position(), cell_of(cell.get_value()))?;
                }
            }
            other => {
                let range = other.worksheet_range(&name).map_err(|e| failed(&e))?;
                for (row, col, data) in range.used_cells() {
                    let (start_row, start_col) = range.start().unwrap_or((0, 0));
                    #[allow(clippy::cast_possible_truncation, reason = "an xls sheet has at most 65 536 rows")]
                    let at = (start_row + row as u32, start_col + col as u32);
                    grid.put(&name, at, cell_of(data))?;
                }
            }
        }
        out.push(Table {
            name,
            rows: grid.rows,
            title: None,
        });
    }
    Ok(out)
}

/// A sheet's cells as rows, filled as they are read, within the limits.
#[derive(Default)]
struct Grid {
    rows: Vec<Vec<Cell>>,
    cells: usize,
}

impl Grid {
    fn put(&mut self, sheet: &str, (row, col): (u32, u32), cell: Cell) -> Result<(), String> {
        if cell.is_empty() {
            return Ok(());
        }
        if let Cell::Text(text) = &cell {
            text_fits(text, sheet)?;
        }
        let (r, c) = (row as usize, col as usize);
        if row >= MOST_ROWS || c >= MOST_COLUMNS {
            return Err(format!(
                "sheet `{sheet}` has a value at row {}, column {}: a plan table has at most {MOST_COLUMNS} columns (delete what is far outside the table)",
                r + 1,
                c + 1
            ));
        }
        self.cells += 1;
        if self.cells > MOST_CELLS {
            return Err(format!(
                "sheet `{sheet}` has more than {MOST_CELLS} cells: it is not a plan table"
            ));
        }
        if self.rows.len() <= r {
            self.rows.resize_with(r + 1, Vec::new);
        }
        let cells = &mut self.rows[r];
        if cells.len() <= c {
            cells.resize(c + 1, Cell::Empty);
        }
        cells[c] = cell;
        Ok(())
    }
}

/// A cell of calamine's as the import reads it.
fn cell_of<T: calamine::DataType>(data: &T) -> Cell {
    if data.is_empty() {
        Cell::Empty
    } else if let Some(s) = data.get_string() {
        Cell::Text(s.replace("\r\n", "\n"))
    } else if data.is_datetime() || data.is_datetime_iso() {
        data.as_date()
            .map_or_else(|| Cell::Text(data.as_string().unwrap_or_default()), Cell::Date)
    } else if let Some(f) = data.get_float() {
        Cell::Number(f)
    } else if let Some(i) = data.get_int() {
        #[allow(clippy::cast_precision_loss, reason = "a cell's number, as Excel keeps it")]
        let n = i as f64;
        Cell::Number(n)
    } else {
        Cell::Text(data.as_string().unwrap_or_default())
    }
}

/// Whether `bytes` is an `OpenDocument` spreadsheet: a zip whose `mimetype` says so.
fn is_opendocument(bytes: &[u8]) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(entry) = archive.by_name("mimetype") else {
        return false;
    };
    let mut kind = String::new();
    entry.take(100).read_to_string(&mut kind).is_ok() && kind.trim() == "application/vnd.oasis.opendocument.spreadsheet"
}

/// The most cells an `OpenDocument` sheet is read to: a row or cell repeated
/// a million times (as the format allows in a few bytes) is not a plan.
const MOST_CELLS: usize = 1_000_000;
/// The most columns of a sheet read.
const MOST_COLUMNS: usize = 1024;
/// The most text one cell may hold: a plan's longest description is a few
/// thousand characters.
pub const MOST_CELL_TEXT: usize = 1 << 20;

/// Refuses a cell of more text than a plan holds, naming where it is.
fn text_fits(text: &str, table: &str) -> Result<(), String> {
    if text.len() > MOST_CELL_TEXT {
        let table = if table.is_empty() {
            String::new()
        } else {
            format!("`{table}`: ")
        };
        return Err(format!(
            "{table}a cell holds {} MiB of text, more than the {} MiB a cell of a plan may",
            text.len().div_ceil(1 << 20),
            MOST_CELL_TEXT >> 20
        ));
    }
    Ok(())
}

/// The sheets of an `OpenDocument` spreadsheet (`content.xml`), read here
/// rather than by calamine so that a cell without a value type (as some
/// generators write them) is its text, as `LibreOffice` shows it. Repeated
/// rows and cells count only up to content that follows them, and no sheet
/// grows past `MOST_CELLS`.
fn opendocument(bytes: &[u8]) -> Result<Vec<Table>, String> {
    let xml = zipped(bytes, "content.xml", "an OpenDocument spreadsheet")?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out: Vec<Table> = Vec::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut cells = 0usize;
    let mut row: Vec<Cell> = Vec::new();
    let mut empty_cells = 0usize;
    let mut empty_rows = 0usize;
    let mut row_repeat = 1usize;
    // The cell being read: its repeat, its typed value, its text so far.
    let mut cell: Option<(usize, Option<Cell>, String)> = None;
    let mut depth = 0usize; // tables open (a table may hold another)
    let repeat = |e: &quick_xml::events::BytesStart<'_>, name: &str| {
        attribute(e, name)
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let typed = |e: &quick_xml::events::BytesStart<'_>| -> Option<Cell> {
        match attribute(e, "value-type").as_deref() {
            Some("float" | "percentage" | "currency") => attribute(e, "value")
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|v| v.is_finite())
                .map(Cell::Number),
            Some("date") => attribute(e, "date-value")
                .and_then(|v| NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok())
                .map(Cell::Date),
            _ => None,
        }
    };
    loop {
        let event = reader.read_event().map_err(|e| format!("content.xml: {e}"))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let open = matches!(event, Event::Start(_));
                match e.local_name().into_inner() {
                    "table" if open => {
                        depth += 1;
                        if depth == 1 {
                            out.push(Table {
                                name: attribute(e, "name").unwrap_or_default(),
                                rows: Vec::new(),
                                title: None,
                            });
                            (rows, cells, empty_rows) = (Vec::new(), 0, 0);
                        }
                    }
                    "table-row" if depth == 1 => {
                        (row, empty_cells) = (Vec::new(), 0);
                        row_repeat = repeat(e, "number-rows-repeated");
                        if !open {
                            empty_rows = empty_rows.saturating_add(row_repeat);
                        }
                    }
                    "table-cell" | "covered-table-cell" if depth == 1 => {
                        let n = repeat(e, "number-columns-repeated");
                        if open {
                            cell = Some((n, typed(e), String::new()));
                        } else if let Some(value) = typed(e) {
                            push_cells(&mut row, &mut empty_cells, value, n);
                        } else {
                            empty_cells = empty_cells.saturating_add(n);
                        }
                    }
                    "p" if depth == 1 => {
                        if let Some((_, _, text)) = cell.as_mut()
                            && !text.is_empty()
                        {
                            text.push('\n');
                        }
                    }
                    "s" if depth == 1 => {
                        if let Some((_, _, text)) = cell.as_mut() {
                            text.extend(std::iter::repeat_n(' ', repeat(e, "c").min(100)));
                        }
                    }
                    "tab" if depth == 1 => {
                        if let Some((_, _, text)) = cell.as_mut() {
                            text.push('\t');
                        }
                    }
                    "line-break" if depth == 1 => {
                        if let Some((_, _, text)) = cell.as_mut() {
                            text.push('\n');
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((_, _, text)) = cell.as_mut() {
                    text.push_str(&t.html_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, _, text)) = cell.as_mut() {
                    let name = r.borrow().into_inner();
                    if let Some(c) = quick_xml::escape::resolve_predefined_entity(&name) {
                        text.push_str(c);
                    } else if let Ok(Some(c)) = r.resolve_char_ref() {
                        text.push(c);
                    }
                }
            }
            Event::End(e) => match e.local_name().into_inner() {
                "table-cell" | "covered-table-cell" if depth == 1 => {
                    if let Some((n, value, text)) = cell.take() {
                        let text = text.trim();
                        text_fits(text, out.last().map_or("", |t| t.name.as_str()))?;
                        match value {
                            Some(value) => push_cells(&mut row, &mut empty_cells, value, n),
                            None if text.is_empty() => empty_cells = empty_cells.saturating_add(n),
                            None => push_cells(&mut row, &mut empty_cells, Cell::Text(text.to_string()), n),
                        }
                    }
                }
                "table-row" if depth == 1 => {
                    if row.is_empty() {
                        empty_rows = empty_rows.saturating_add(row_repeat);
                    } else {
                        // Blank rows before content are kept (row numbers stay right), within reason.
                        let blank = empty_rows.min(MOST_CELLS / 100);
                        rows.extend(std::iter::repeat_n(Vec::new(), blank));
                        empty_rows = 0;
                        for _ in 0..row_repeat {
                            cells += row.len();
                            if cells > MOST_CELLS {
                                return Err(format!(
                                    "sheet `{}` has more than {MOST_CELLS} cells: it is not a plan table",
                                    out.last().map_or("", |t| t.name.as_str())
                                ));
                            }
                            rows.push(row.clone());
                        }
                    }
                }
                "table" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0
                        && let Some(table) = out.last_mut()
                    {
                        table.rows = std::mem::take(&mut rows);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The most a part of an office document (its `content.xml`, its
/// `word/document.xml`) may unpack to: far above any plan, far below what
/// strains memory. A zip bomb stops here.
pub const MOST_UNPACKED: u64 = 64 << 20;

/// The text of the file `name` in the zip `bytes` (an office document of
/// the kind `what` names); one that unpacks to more than `MOST_UNPACKED` is
/// refused, never cut short.
fn zipped(bytes: &[u8], name: &str, what: &str) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not {what}: {e}"))?;
    let entry = archive
        .by_name(name)
        .map_err(|e| format!("not {what} (no {name}): {e}"))?;
    let too_big = || {
        format!(
            "{name} unpacks to more than {} MiB: it is not a plan",
            MOST_UNPACKED >> 20
        )
    };
    if entry.size() > MOST_UNPACKED {
        return Err(too_big());
    }
    let mut xml = String::new();
    entry
        .take(MOST_UNPACKED + 1)
        .read_to_string(&mut xml)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    if xml.len() as u64 > MOST_UNPACKED {
        return Err(too_big());
    }
    Ok(xml)
}

/// `value` `n` times at the end of `row`, after the empty cells counted
/// before it, within `MOST_COLUMNS`.
fn push_cells(row: &mut Vec<Cell>, empty: &mut usize, value: Cell, n: usize) {
    let room = MOST_COLUMNS.saturating_sub(row.len());
    let blank = (*empty).min(room);
    row.extend(std::iter::repeat_n(Cell::Empty, blank));
    *empty = 0;
    let room = MOST_COLUMNS.saturating_sub(row.len());
    row.extend(std::iter::repeat_n(value, n.min(room)));
}

/// Text in UTF-8 (with or without a byte-order mark), UTF-16 with its mark
/// (Excel's "Unicode text"), or else Windows-1252, which is what Excel writes
/// as "CSV" on a Swedish or Norwegian Windows. The name says which it was.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return (encoding.decode_with_bom_removal(bytes).0.into_owned(), encoding.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => (
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            "windows-1252",
        ),
    }
}

fn delimited(bytes: &[u8], delimiter: Option<u8>) -> Result<Table, String> {
    let (text, _) = decode(bytes);
    let delimiter = delimiter.unwrap_or_else(|| guess_delimiter(&text));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut cells = 0usize;
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        cells += record.len();
        for field in &record {
            text_fits(field, "")?;
        }
        if cells > MOST_CELLS || record.len() > MOST_COLUMNS {
            return Err(format!(
                "it has more than {MOST_CELLS} cells or {MOST_COLUMNS} columns: it is not a plan table"
            ));
        }
        rows.push(
            record
                .iter()
                .map(|f| {
                    let f = f.replace("\r\n", "\n");
                    if f.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f)
                    }
                })
                .collect(),
        );
    }
    Ok(Table {
        name: String::new(),
        rows,
        title: None,
    })
}

/// `;`, `,` or tab: whichever the first line (the header) has most of,
/// outside quotes. Swedish and Norwegian Excel write `;`.
fn guess_delimiter(text: &str) -> u8 {
    let mut counts = [(b';', 0usize), (b'\t', 0), (b',', 0)];
    let mut quoted = false;
    for c in text.bytes() {
        match c {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                for (d, n) in &mut counts {
                    if *d == c {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    // Ties go to `;`, then tab: a comma is more often part of the text.
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| *d)
}

/// Pipe tables: a header row, a `|---|` row, then rows. `<br>` in a cell is
/// a line break; the last non-table line before a table names it.
fn markdown(text: &str) -> Result<Vec<Table>, String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut name = String::new();
    let mut cells = 0usize;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        let is_row = |l: &str| l.trim_start().starts_with('|');
        if is_row(line) && lines.get(i + 1).is_some_and(|next| is_separator(next)) {
            let mut rows = vec![pipe_cells(line)];
            i += 2;
            while i < lines.len() && is_row(lines[i]) {
                rows.push(pipe_cells(lines[i]));
                cells += rows.last().map_or(0, Vec::len);
                if cells > MOST_CELLS {
                    return Err(format!(
                        "its tables have more than {MOST_CELLS} cells: they are not a plan"
                    ));
                }
                i += 1;
            }
            out.push(Table {
                name: std::mem::take(&mut name),
                rows,
                title: None,
            });
            continue;
        }
        if !line.is_empty() {
            name = line.trim_start_matches('#').trim().to_string();
        }
        i += 1;
    }
    Ok(out)
}

fn is_separator(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('|') && line.contains('-') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn pipe_cells(line: &str) -> Vec<Cell> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').filter(|l| !l.ends_with('\\')).unwrap_or(line);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells
        .into_iter()
        .map(|c| {
            let c = c.replace("<br>", "\n").replace("<br/>", "\n").replace("<br />", "\n");
            let c = c.lines().map(str::trim).collect::<Vec<_>>().join("\n");
            if c.is_empty() { Cell::Empty } else { Cell::Text(c) }
        })
        .collect()
}

/// The tables of a `.docx`: each `w:tbl` of `word/document.xml`, a cell's
/// paragraphs one line each (a list paragraph starts with `• `), a cell
/// spanning several columns followed by empty ones so the columns line up.
/// A table inside a cell is read as part of that cell's text.
fn word(bytes: &[u8]) -> Result<Vec<Table>, String> {
    let xml = zipped(bytes, "word/document.xml", "a Word document")?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = Vec::new();
    let mut depth = 0usize; // tables open
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut cell = String::new();
    let mut paragraph = String::new();
    let mut last_paragraph = String::new();
    let mut first_paragraph: Option<String> = None;
    // Cells of the document's tables so far.
    let mut cells = 0usize;
    let mut in_text = false;
    let mut in_run = false;
    let mut span = 1usize;
    loop {
        let event = reader.read_event().map_err(|e| format!("word/document.xml: {e}"))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let open = matches!(event, Event::Start(_));
                match e.local_name().into_inner() {
                    "tbl" if open => {
                        depth += 1;
                        if depth == 1 {
                            rows.clear();
                        }
                    }
                    "tr" if open && depth == 1 => row.clear(),
                    "tc" if open && depth == 1 => {
                        cell.clear();
                        span = 1;
                    }
                    "gridSpan" if depth == 1 => {
                        span = attribute(e, "val")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1)
                            .clamp(1, 64);
                    }
                    "p" if open => paragraph.clear(),
                    // An empty paragraph, `<w:p/>`: a blank line in the cell.
                    "p" if depth > 0 && !cell.is_empty() => cell.push('\n'),
                    "numPr" => paragraph.insert_str(0, "• "),
                    "r" => in_run = open,
                    "t" => in_text = open,
                    // A tab or break inside a run; `w:tab` also defines tab stops outside runs.
                    "tab" if in_run => paragraph.push('\t'),
                    "br" | "cr" if in_run => paragraph.push('\n'),
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                paragraph.push_str(&t.html_content());
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.borrow().into_inner();
                if let Some(c) = quick_xml::escape::resolve_predefined_entity(&name) {
                    paragraph.push_str(c);
                } else if let Ok(Some(c)) = r.resolve_char_ref() {
                    paragraph.push(c);
                }
            }
            Event::End(e) => match e.local_name().into_inner() {
                "t" => in_text = false,
                "r" => in_run = false,
                "p" => {
                    let text = paragraph.trim().to_string();
                    if depth > 0 {
                        if !cell.is_empty() {
                            cell.push('\n');
                        }
                        cell.push_str(&text);
                    } else if !text.is_empty() {
                        if first_paragraph.is_none() && out.is_empty() {
                            first_paragraph = Some(text.clone());
                        }
                        last_paragraph = text;
                    }
                    paragraph.clear();
                }
                "tc" if depth == 1 => {
                    let text = cell.trim().to_string();
                    text_fits(&text, &last_paragraph)?;
                    // Within MOST_COLUMNS: a spanned cell's empty columns past it hold nothing.
                    if row.len() < MOST_COLUMNS {
                        row.push(if text.is_empty() { Cell::Empty } else { Cell::Text(text) });
                        let room = MOST_COLUMNS - row.len();
                        row.extend(std::iter::repeat_n(Cell::Empty, (span - 1).min(room)));
                    } else if !text.is_empty() {
                        return Err(format!(
                            "a table has text past column {MOST_COLUMNS}: it is not a plan table"
                        ));
                    }
                }
                "tr" if depth == 1 => {
                    cells += row.len();
                    if cells > MOST_CELLS {
                        return Err(format!(
                            "a table has more than {MOST_CELLS} cells: it is not a plan table"
                        ));
                    }
                    rows.push(std::mem::take(&mut row));
                }
                "tbl" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        let name = std::mem::take(&mut last_paragraph);
                        // The document's first paragraph, when it is not this first table's heading.
                        let title = if out.is_empty() {
                            first_paragraph.take().filter(|p| *p != name)
                        } else {
                            None
                        };
                        out.push(Table {
                            name,
                            rows: std::mem::take(&mut rows),
                            title,
                        });
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn attribute(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .map(|a| a.value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_what_the_header_has_most_of() {
        assert_eq!(guess_delimiter("Nr;Milstolpe;Klart datum\n1;a,b;c"), b';');
        assert_eq!(guess_delimiter("Nr,Milstolpe,\"Klart; datum\"\n"), b',');
        assert_eq!(guess_delimiter("Nr\tMilstolpe\n"), b'\t');
    }

    #[test]
    fn windows_1252_is_read_when_the_bytes_are_not_utf8() {
        // "Förbereda" as Windows-1252 writes it: ö is 0xF6.
        assert_eq!(decode(b"F\xF6rbereda").0, "Förbereda");
        assert_eq!(decode("\u{FEFF}Förbereda".as_bytes()).0, "Förbereda");
    }

    #[test]
    fn markdown_cells_split_on_unescaped_pipes() {
        let t = markdown("# Plan\n\n| Nr | Milstolpe |\n|---|---|\n| 1 | a \\| b<br>c |\n").unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].name, "Plan");
        assert_eq!(t[0].rows[1][1], Cell::Text("a | b\nc".into()));
    }
}
