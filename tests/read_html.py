"""Reads an HTML page with Python's html.parser and prints as JSON what the
Word report is compared with: the page's title, its headings (h1-h3) in
order with their levels, and every table's cells by row (the text a reader
sees, white space collapsed; pictures' SVG left out).

    python3 tests/read_html.py report.html
"""

import json
import re
import sys
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.title = None
        self.headings = []
        self.tables = []
        self.text = None
        self.svg = 0
        self.row = None

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.svg += 1
        if self.svg:
            return
        if tag in ("title", "h1", "h2", "h3", "th", "td"):
            self.text = []
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
        elif tag == "br" and self.text is not None:
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg -= 1
            return
        if self.svg or self.text is None and tag not in ("tr",):
            return
        if tag == "tr":
            self.tables[-1].append(self.row)
            self.row = None
            return
        # HTML collapses ASCII white space only: a no-break space stays.
        text = "\n".join(
            re.sub(r"[ \t\r\f]+", " ", line).strip(" ") for line in "".join(self.text).split("\n")
        )
        if tag == "title":
            self.title = text
        elif tag in ("h1", "h2", "h3"):
            self.headings.append([int(tag[1]), text])
        elif tag in ("th", "td"):
            self.row.append(text)
        else:
            return
        self.text = None

    def handle_data(self, data):
        if self.text is not None and not self.svg:
            self.text.append(data)


page = Page()
with open(sys.argv[1], encoding="utf-8") as f:
    page.feed(f.read())
print(json.dumps({"title": page.title, "headings": page.headings, "tables": page.tables}, ensure_ascii=False))
