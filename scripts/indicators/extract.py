"""Indicators out of a report: its appendix table of resolution indicators → tidy rows (data/README.md).

One row per indicator or sub-indicator, each cell's text as printed beside its parsed value, and the
status the report itself gives in the footnotes of its 'N/24 chỉ tiêu đạt và vượt…' sentence.
"""

from __future__ import annotations

import csv
import io
import re

from scripts.bulletin.model import NoteRef, Paragraph, Run, plain_text
from scripts.reports.structure import Appendix, Report
from scripts.vietnamese import fold, parse_vn_number, roman_to_int, sentence_case, words

VALUE_COLUMNS = [  # (text column, appendix column index)
    ("Chỉ tiêu", 2),
    ("Kết quả", 4),
    ("Tỷ lệ đạt (%)", 5),
    ("So với cùng kỳ (%)", 6),
    ("Lũy kế nhiệm kỳ", 7),
    ("Chỉ tiêu nhiệm kỳ", 8),
    ("So sánh nhiệm kỳ", 9),
]
STATUSES = ("đạt và vượt", "xấp xỉ đạt", "chưa đạt")


def number_column(text_column: str) -> str:
    """'Chỉ tiêu' → 'Chỉ tiêu (số)'; 'Tỷ lệ đạt (%)' → 'Tỷ lệ đạt (số)'."""
    return re.sub(r"\s*\(%\)$", "", text_column) + " (số)"


COLUMNS = [
    "Năm",
    "Kỳ",
    "Nhóm",
    "Tên nhóm",
    "Mã",
    "Thuộc",
    "Nội dung",
    "Đơn vị",
    *[name for text, _ in VALUE_COLUMNS for name in (text, number_column(text))],
    "Đánh giá",
    "Căn cứ đánh giá",
]
_HEADER_WORDS = {"tt", "nội dung", "kết quả", "tỷ lệ (%)", "so sánh"}


def indicator_appendix(report: Report) -> Appendix | None:
    """The appendix whose table lists the indicators ('TT | NỘI DUNG | Chỉ tiêu …')."""
    for appendix in report.appendices:
        if appendix.rows and {"tt", "nội dung"} <= {cell.strip().casefold() for cell in appendix.rows[0]}:
            return appendix
    return None


def indicator_rows(report: Report, period: str = "cả năm") -> list[dict[str, str]]:
    """Tidy rows of the report's indicator table, statuses from the report filled in."""
    appendix = indicator_appendix(report)
    if appendix is None:
        return []
    rows: list[dict[str, str]] = []
    group = group_name = ""
    main = ""  # code of the current indicator
    parent_of_dash = ""  # a sub-row with no figures heads the '-' rows under it
    counters: dict[str, int] = {}
    for cells in appendix.rows:
        cells = [c.strip() for c in cells] + [""] * (10 - len(cells))
        number, name = cells[0], cells[1]
        if not any(cells) or _is_header(cells):
            continue
        roman = re.match(r"^([IVX]+)\b\.?\s*(.*)$", number)
        if roman and roman_to_int(roman.group(1)) and not any(cells[2:]):
            group = roman.group(1)
            group_name = sentence_case(roman.group(2) or name).strip()
            main = parent_of_dash = ""
            continue
        if number.isdigit():
            code, parent = str(int(number)), ""
            main, parent_of_dash = code, ""
        else:
            if not main:
                continue
            has_figures = any(cells[2:])
            parent = parent_of_dash if number == "-" and parent_of_dash else main
            if number == "" and has_figures:
                parent_of_dash = ""
            counters[parent] = counters.get(parent, 0) + 1
            code = f"{parent}.{counters[parent]}"
            if number == "" and not has_figures:
                parent_of_dash = code
        row = {
            "Năm": str(report.year),
            "Kỳ": period,
            "Nhóm": group,
            "Tên nhóm": group_name,
            "Mã": code,
            "Thuộc": parent,
            "Nội dung": name,
            "Đơn vị": cells[3],
            "Đánh giá": "",
            "Căn cứ đánh giá": "",
        }
        for text_column, index in VALUE_COLUMNS:
            row[text_column] = cells[index]
            parsed = parse_vn_number(cells[index]) if cells[index] else None
            row[number_column(text_column)] = parsed.canonical() if parsed else ""
        rows.append(row)
    _fill_statuses(report, rows)
    return rows


def _is_header(cells: list[str]) -> bool:
    return not cells[0][:1].isdigit() and bool({c.casefold() for c in cells if c} & _HEADER_WORDS)


def status_notes(report: Report) -> list[tuple[str, str, list[str]]]:
    """(status, footnote label, indicator names) from the sentence '17/24 chỉ tiêu đạt và vượt¹, …'."""
    notes = {note.label: plain_text(note.inlines) for note in report.body.footnotes}
    for block in report.body.blocks:
        if not isinstance(block, Paragraph) or "chỉ tiêu đạt và vượt" not in plain_text(block.inlines):
            continue
        found = []
        before = ""
        for item in block.inlines:
            if isinstance(item, Run):
                before += item.text
            elif isinstance(item, NoteRef) and item.label in notes:
                status = _status_named(before[-40:])
                if status:
                    names = [n.strip(" ;.") for n in re.split(r"\(\d+\)", notes[item.label]) if n.strip(" ;.")]
                    found.append((status, item.label, names))
                before = ""
        if found:
            return found
    return []


def _status_named(text: str) -> str | None:
    folded = fold(text)
    if "xap xi" in folded:
        return "xấp xỉ đạt"
    if "chua dat" in folded or "khong dat" in folded:
        return "chưa đạt"
    if "dat va vuot" in folded:
        return "đạt và vượt"
    return None


def _fill_statuses(report: Report, rows: list[dict[str, str]]) -> None:
    """Give each main indicator the status under which the report's footnotes name it."""
    mains = {row["Mã"]: row for row in rows if not row["Thuộc"]}
    names_of: dict[str, set[str]] = {code: set() for code in mains}
    for row in rows:
        names_of[row["Mã"].split(".")[0]].add(row["Nội dung"])
    candidates = []
    for status, label, names in status_notes(report):
        for position, name in enumerate(names):
            item = set(words(fold(name)))
            for code, texts in names_of.items():
                score = max(_overlap(item, set(words(fold(text)))) for text in texts)
                if score[0] > 0:
                    candidates.append((score, status, label, position, code))
    taken_items: set[tuple[str, int]] = set()
    for _score, status, label, position, code in sorted(candidates, reverse=True):
        row = mains[code]
        if row["Đánh giá"] or (label, position) in taken_items:
            continue
        row["Đánh giá"] = status
        row["Căn cứ đánh giá"] = f"Báo cáo {report.number or report.title}, chú thích {label}"
        taken_items.add((label, position))


def _overlap(item: set[str], candidate: set[str]) -> tuple[float, float]:
    shared = len(item & candidate)
    return (shared / len(item) if item else 0.0, shared / len(candidate) if candidate else 0.0)


def indicators_csv(rows: list[dict[str, str]]) -> str:
    """The rows as the CSV editors open in a spreadsheet (written with a UTF-8 BOM)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()
