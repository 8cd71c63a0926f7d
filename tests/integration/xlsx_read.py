"""Reads Excel workbooks with openpyxl (as a spreadsheet user's tools do) and prints, per file,
its document properties and its sheets in order: name, frozen cell, filter range, column widths,
each row's values, hyperlinks, wrapped cells, and every cell openpyxl types as a formula."""

import json
import sys

import openpyxl

result = {}
for path in sys.argv[1:]:
    book = openpyxl.load_workbook(path)
    sheets = []
    for sheet in book.worksheets:
        cells = [cell for row in sheet.iter_rows() for cell in row]
        sheets.append(
            {
                "name": sheet.title,
                "freeze": sheet.freeze_panes,
                "filter": sheet.auto_filter.ref,
                "widths": {
                    key: dim.width
                    for key, dim in sheet.column_dimensions.items()
                    if dim.customWidth
                },
                "rows": [[cell.value for cell in row] for row in sheet.iter_rows()],
                "formulas": [c.coordinate for c in cells if c.data_type == "f"],
                "links": {c.coordinate: c.hyperlink.target for c in cells if c.hyperlink},
                "wrapped": sorted({c.column_letter for c in cells if c.alignment.wrap_text}),
            }
        )
    props = book.properties
    result[path] = {
        "created": props.created.isoformat() if props.created else None,
        "title": props.title,
        "sheets": sheets,
    }
json.dump(result, sys.stdout, ensure_ascii=False, default=str)
