"""Reads a workbook with openpyxl and prints, per sheet, whether the header
row is frozen and filtered, and every cell with the type openpyxl gives it
("date" for a cell Excel shows as a date), as JSON."""
import datetime
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in book.worksheets:
    def cell(v):
        if isinstance(v, datetime.datetime):
            return {"date": v.date().isoformat()}
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return {"number": v}
        return v
    out[ws.title] = {
        "frozen": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "rows": [[cell(v) for v in row] for row in ws.iter_rows(values_only=True)],
    }
print(json.dumps(out, ensure_ascii=False))
