"""Reading the CSV data files editors keep (data/README.md): one message style for every problem.

Every problem is one Vietnamese line naming the file, the row as a spreadsheet shows it (the header is
row 1) and the column.
"""

from __future__ import annotations

import csv
from pathlib import Path


class DataError(Exception):
    """A data file an editor must fix."""


def read_table(path: Path, columns: list[str], optional: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """The rows of the CSV at `path` (UTF-8, with or without BOM), each cell stripped.

    Raise `DataError` if the file is not readable CSV or lacks one of `columns` (but `optional`).
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            records = list(reader)
            header = reader.fieldnames or []
    except (UnicodeDecodeError, csv.Error) as error:
        raise DataError(f"Lỗi dữ liệu: tệp '{path.name}' không đọc được như bảng CSV UTF-8 ({error}).") from None
    missing = [column for column in columns if column not in header and column not in optional]
    if missing:
        shown = ", ".join(repr(c) for c in missing)
        raise DataError(f"Lỗi dữ liệu: tệp '{path.name}' thiếu cột {shown} (xem data/README.md).")
    return [{column: (record.get(column) or "").strip() for column in columns} for record in records]


def cell_error(path: Path, index: int, column: str, problem: str) -> DataError:
    """The error for the cell of data row `index` (0-based, the header not counted) in `column`."""
    return DataError(f"Lỗi dữ liệu: tệp '{path.name}', dòng {index + 2}, cột '{column}': {problem}.")
