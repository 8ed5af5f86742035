"""Indicator files the tests make: later years derived from the real 2023 file, as CSV or as an Excel
workbook written with openpyxl, never shipped with the site.

`derived_rows(2024)` is 2023's file with the year changed and every main indicator's result scaled (by
`factor`), its achievement recomputed against the unchanged yearly target, and the cumulative result
grown by the year's result; the number columns are left empty (the reader computes them from the text).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from scripts.vietnamese import format_vn_number, parse_vn_number
from tests.support import REPO

REAL = REPO / "data" / "indicators" / "2023.csv"


def real_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(REAL.read_text(encoding="utf-8-sig"))))


def derived_rows(year: int, factor: float) -> list[dict[str, str]]:
    rows = real_rows()
    for row in rows:
        row["Năm"] = str(year)
        for column in row:
            if column.endswith("(số)"):
                row[column] = ""
        result, target = parse_vn_number(row["Kết quả"]), parse_vn_number(row["Chỉ tiêu"])
        if row["Thuộc"] or result is None or result.upper is not None or row["Kết quả"].lower().startswith(("t", "g")):
            continue
        value = result.value * factor
        row["Kết quả"] = format_vn_number(round(value, 2))
        if target is not None and target.value > 0 and target.upper is None:
            row["Tỷ lệ đạt (%)"] = format_vn_number(round(100 * value / target.value, 2))
            row["Đánh giá"] = row["Căn cứ đánh giá"] = ""  # rated by the rule from the new achievement
    return rows


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    return path


def write_xlsx(path: Path, rows: list[dict[str, str]], numbers: bool = True, sheet: str | None = None) -> Path:
    """A workbook as an editor would save it: with `numbers`, every cell that reads as a plain number
    ('1.301', '118,27') is typed as a number, as Excel does when one types it in a number cell."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = sheet or "Sheet1"
    columns = list(rows[0])
    first.append(columns)
    for row in rows:
        first.append([_typed(row[column], column, numbers) for column in columns])
    book.save(path)
    return path


def _typed(text: str, column: str, numbers: bool) -> object:
    if not numbers or column in {"Mã", "Thuộc", "Nhóm"} or not text:
        return text
    if column == "Năm":
        return int(text)
    value = parse_vn_number(text)
    plain = value is not None and value.upper is None and not value.comparator and not value.note
    if plain and not value.percent and text.replace(".", "").replace(",", "").lstrip("-").isdigit():
        return int(value.value) if float(value.value).is_integer() else value.value
    return text
