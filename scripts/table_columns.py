"""A Python-Markdown extension (mkdocs.yml `markdown_extensions: - scripts.table_columns`) that tells each
table column what it holds, so that the stylesheet can size it by its content on a phone: the column of
running text (the longest cells: 'NỘI DUNG', 'Chỉ tiêu') is `bt-col-text` and keeps a readable width;
columns of short cells (numbers, units, 'Tăng 3,06') are `bt-col-short` and take what they need, their
short cells (`bt-cell-short`) on one line.

Without it a browser shrinking a ten-column table to 390 px gives every column the same width (the
theme's `th { min-width: 5rem }`), and the text column wraps one word a line; long headers ('Lũy kế
thực hiện từ đầu nhiệm kỳ đến cuối năm 2023') are marked too, so that they wrap to a few lines. It runs
in Python-Markdown, not in a build event, so MkDocs and Zensical build the same tables; it adds class
names and nothing else.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SHORT = 18  # characters: a cell this long or shorter is 'short' ('4.500-5.000', 'Giảm 23,20%')
ONE_LINE = 12  # characters: a short cell this long or shorter stays on one line ('4.500-5.000', '118,27')
SHORT_SHARE = 0.85  # a column whose non-empty cells are this often short is a column of short cells
# a header this long wraps into a column wider than its figures need ('bt-head-long', 'bt-head-longer'),
# rather than one word a line into a tall header row
LONG_HEADS = ((48, "bt-head-longer"), (28, "bt-head-long"))


def _text(cell: etree.Element) -> str:
    return " ".join("".join(cell.itertext()).split())


def _add_class(cell: etree.Element, name: str) -> None:
    cell.set("class", " ".join(filter(None, [cell.get("class"), name])))


def column_kinds(rows: list[list[str]]) -> list[str]:
    """Per column of `rows` (the body's cell texts), 'text', 'short' or ''."""
    width = max((len(row) for row in rows), default=0)
    kinds = [""] * width
    means = []
    for column in range(width):
        cells = [row[column] for row in rows if column < len(row) and row[column]]
        means.append(sum(map(len, cells)) / len(cells) if cells else 0)
        if cells and sum(len(cell) <= SHORT for cell in cells) >= SHORT_SHARE * len(cells):
            kinds[column] = "short"
    # the running text: the longest cells on average, unless they too are mostly short
    widest = max(range(width), key=means.__getitem__, default=None)
    if widest is not None and means[widest] and kinds[widest] != "short":
        kinds[widest] = "text"
    return kinds


class _Columns(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            body = [row for section in table.findall("tbody") for row in section.findall("tr")]
            kinds = column_kinds([[_text(cell) for cell in row] for row in body])
            for head in table.iter("th"):
                length = len(_text(head))
                name = next((name for least, name in LONG_HEADS if length >= least), "")
                if name:
                    _add_class(head, name)
            if not any(kinds):
                continue
            for row in table.iter("tr"):
                for column, cell in enumerate(row):
                    if column < len(kinds) and kinds[column]:
                        _add_class(cell, f"bt-col-{kinds[column]}")
                        if kinds[column] == "short" and cell.tag == "td" and len(_text(cell)) <= ONE_LINE:
                            _add_class(cell, "bt-cell-short")  # kept on one line; the longer ones wrap


class TableColumns(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # after the tables are made (the table parser is a block processor) and before the footnotes' and
        # the table of contents' tree processors, which look at nothing this changes
        md.treeprocessors.register(_Columns(md), "bt_table_columns", 5)


def makeExtension(**kwargs: object) -> TableColumns:  # noqa: N802 (Python-Markdown's entry point)
    return TableColumns(**kwargs)
