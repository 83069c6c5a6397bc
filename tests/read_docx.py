"""Reads a Word document as python-docx (PyPI `python-docx`) does and
prints what a test needs as JSON: the document's properties, the default
language of its text, its paragraphs in order with their style names and
outline levels, every table's cells by row, which rows repeat as header
rows, the pictures with their alt text and size, and the page setup.

    python3 tests/read_docx.py report.docx
"""

import json
import sys

import docx
from docx.oxml.ns import qn


def main(path):
    document = docx.Document(path)
    core = document.core_properties
    body = document.element.body
    blocks = []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(child, document)
            blocks.append(
                {
                    "paragraph": paragraph.text,
                    "style": paragraph.style.name,
                    "outline": outline(paragraph),
                }
            )
        elif child.tag == qn("w:tbl"):
            table = docx.table.Table(child, document)
            blocks.append(
                {
                    "table": [[cell.text for cell in row.cells] for row in table.rows],
                    "header_rows": [
                        i
                        for i, row in enumerate(table.rows)
                        if row._tr.trPr is not None
                        and row._tr.trPr.find(qn("w:tblHeader")) is not None
                    ],
                }
            )
    pictures = []
    for inline in document.inline_shapes:
        doc_pr = inline._inline.docPr
        pictures.append(
            {
                "alt": doc_pr.get("descr"),
                "width_mm": round(inline.width.mm, 1),
                "height_mm": round(inline.height.mm, 1),
                "bytes": len(
                    document.part.related_parts[
                        inline._inline.graphic.graphicData.pic.blipFill.blip.embed
                    ].blob
                ),
            }
        )
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(".//" + qn("w:lang")) if defaults is not None else None
    section = document.sections[0]
    print(
        json.dumps(
            {
                "title": core.title,
                "language": core.language,
                "created": core.created.isoformat() if core.created else None,
                "text_language": lang.get(qn("w:val")) if lang is not None else None,
                "page": {
                    "width_mm": round(section.page_width.mm),
                    "height_mm": round(section.page_height.mm),
                    "portrait": section.page_height > section.page_width,
                },
                "blocks": blocks,
                "pictures": pictures,
            },
            ensure_ascii=False,
        )
    )


def outline(paragraph):
    """The outline level Word's navigation pane reads: the paragraph's own,
    else its style's."""
    for element in (paragraph._p.pPr, paragraph.style.element.pPr):
        if element is not None:
            level = element.find(qn("w:outlineLvl"))
            if level is not None:
                return int(level.get(qn("w:val")))
    return None


if __name__ == "__main__":
    main(sys.argv[1])
