"""Reading the data files editors keep (data/README.md), as CSV or Excel workbooks: one message style for
every problem.

Both kinds are read with pandas (imported here only when a data page is rendered, so that bulletin imports
pay nothing): a CSV as UTF-8 text (with or without BOM), a workbook (`.xlsx`, through openpyxl) from its
sheet named like the file or its period (`2024-9-thang.xlsx`: a sheet '2024-9-thang' or '9 tháng'), else
its first sheet. Every cell comes back as text: a number an editor typed into Excel as a number is written
the way the column expects (`Kết quả`: '1.301', '118,27'; `Kết quả (số)`, `Năm`, `Mã`: '1301', '118.27').

Every problem is one Vietnamese line naming the file, the row as a spreadsheet shows it (the header is
row 1) and the column.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from scripts.vietnamese import format_vn_number, plain_number, slugify

if TYPE_CHECKING:
    import pandas as pd

SUFFIXES = (".csv", ".xlsx")
# A year's indicators are a few dozen rows, its tasks a few hundred: anything far beyond is not such a table,
# and would make a page no phone opens. Checked before reading (the size, unpacked for a workbook), then the rows.
MAX_BYTES = 20_000_000
MAX_ROWS = 5_000
MAX_COLUMNS = 60


class DataError(Exception):
    """A data file an editor must fix."""


def read_frame(path: Path, printed: Collection[str] = ()) -> pd.DataFrame:
    """The table at `path` (`.csv` or `.xlsx`) as a DataFrame of stripped text cells, empty cells as ''.

    Numbers typed as numbers in a workbook become Vietnamese text in the `printed` columns, plain text in
    the others. Raise `DataError` when the file cannot be read as such a table.
    """
    import pandas as pd  # only a data page pays for pandas

    suffix = path.suffix.lower()
    _check_size(path)
    try:
        if suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", skip_blank_lines=True)
        elif suffix == ".xlsx":
            with pd.ExcelFile(path, engine="openpyxl") as workbook:
                sheet = sheet_for(path, [str(name) for name in workbook.sheet_names])
                frame = pd.read_excel(workbook, sheet_name=sheet, dtype=object, na_filter=False)
            frame = frame.apply(lambda column: column.map(lambda cell: _cell_text(cell, column.name in printed)))
        else:
            raise DataError(f"Lỗi dữ liệu: tệp '{path.name}' không phải bảng CSV hay Excel (.xlsx).")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise DataError(f"Lỗi dữ liệu: tệp '{path.name}' không đọc được như bảng CSV UTF-8 ({error}).") from None
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise DataError(f"Lỗi dữ liệu: tệp '{path.name}' không đọc được như sổ tính Excel .xlsx ({error}).") from None
    if len(frame) > MAX_ROWS or len(frame.columns) > MAX_COLUMNS:
        raise DataError(
            f"Lỗi dữ liệu: tệp '{path.name}' có {len(frame)} dòng, {len(frame.columns)} cột, quá giới hạn "
            f"{MAX_ROWS} dòng, {MAX_COLUMNS} cột của một bảng số liệu: kiểm tra lại có đúng tệp, đúng trang tính không."
        )
    frame.columns = [str(column).strip() for column in frame.columns]
    return frame.map(lambda cell: cell.strip() if isinstance(cell, str) else cell)


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if path.suffix.lower() == ".xlsx":
        try:
            with zipfile.ZipFile(path) as workbook:
                size = sum(part.file_size for part in workbook.infolist())
        except (zipfile.BadZipFile, OSError):
            return  # not a workbook: read_frame says so
    if size > MAX_BYTES:
        raise DataError(
            f"Lỗi dữ liệu: tệp '{path.name}' lớn {size // 1_000_000} MB (đã giải nén), quá giới hạn "
            f"{MAX_BYTES // 1_000_000} MB của một bảng số liệu: kiểm tra lại có đúng tệp không."
        )


def sheet_for(path: Path, sheets: list[str]) -> str:
    """The workbook's sheet named like the file ('2024-9-thang') or its period ('9 tháng'), else the first."""
    stem = slugify(path.stem)
    period = stem.partition("-")[2]
    for sheet in sheets:
        if slugify(sheet) in {stem, period} - {""}:
            return sheet
    return sheets[0]


def _cell_text(cell: object, printed: bool) -> str:
    """A workbook cell as the text a CSV would hold."""
    if isinstance(cell, bool):
        return "có" if cell else "không"
    if isinstance(cell, (int, float)):
        if cell != cell:  # NaN: an empty cell
            return ""
        return format_vn_number(cell) if printed else plain_number(cell)
    if isinstance(cell, datetime.datetime):
        return cell.strftime("%d/%m/%Y")
    return "" if cell is None else str(cell)


def read_table(
    path: Path, columns: list[str], optional: tuple[str, ...] = (), printed: Collection[str] = ()
) -> list[dict[str, str]]:
    """The rows of the table at `path`, each a dict of `columns` (stripped text; a missing optional
    column reads as empty cells), blank rows included so that row numbers stay the spreadsheet's.

    Raise `DataError` if the file is not a readable table or lacks one of `columns` (but `optional`).
    """
    frame = read_frame(path, printed)
    missing = [column for column in columns if column not in frame.columns and column not in optional]
    if missing:
        shown = ", ".join(repr(c) for c in missing)
        raise DataError(f"Lỗi dữ liệu: tệp '{path.name}' thiếu cột {shown} (xem data/README.md).")
    frame = frame.reindex(columns=columns, fill_value="")
    return frame.to_dict(orient="records")


def data_files(folder: Path) -> list[Path]:
    """The data files of a folder (`*.csv`, `*.xlsx`), sorted; Excel's lock files ('~$…') left out."""
    return sorted(
        path for path in Path(folder).glob("*") if path.suffix.lower() in SUFFIXES and not path.name.startswith("~$")
    )


def cell_error(path: Path, index: int, column: str, problem: str) -> DataError:
    """The error for the cell of data row `index` (0-based, the header not counted) in `column`."""
    return DataError(f"Lỗi dữ liệu: tệp '{path.name}', dòng {index + 2}, cột '{column}': {problem}.")
