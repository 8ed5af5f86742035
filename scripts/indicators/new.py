"""A new period's indicator file for editors to fill in: `python -m scripts.bulletin indicators new 2024`.

The file lists the indicators of the latest file before it (groups, codes, names, units, and the term's
targets, which hold for the whole term) with every cell of the year's figures empty, as an Excel workbook
(`data/indicators/2024.xlsx`, the default) or a CSV (`--csv`). The workbook's cells are text, so that
'1.301' or '118,27' stay as typed, the header row stays in view, and the columns are wide enough to read.
Nothing is written when a file for that year and period exists already.
"""

from __future__ import annotations

from pathlib import Path

from scripts.datafiles import DataError
from scripts.indicators.data import DATA_DIR, all_sets, period_files
from scripts.indicators.extract import COLUMNS
from scripts.vietnamese import slugify

KEPT = ("Nhóm", "Tên nhóm", "Mã", "Thuộc", "Nội dung", "Đơn vị", "Chỉ tiêu nhiệm kỳ", "Chỉ tiêu nhiệm kỳ (số)")
WIDTHS = {"Nội dung": 48, "Tên nhóm": 22, "Căn cứ đánh giá": 30}  # characters; the others 14


def period_stem(year: int, period: str) -> str:
    """The name of a period's file without its suffix: '2024' for the whole year, '2024-9-thang' for '9 tháng'."""
    return str(year) if period == "cả năm" else f"{year}-{slugify(period)}"


def new_period(year: int, period: str = "cả năm", data_dir: Path = DATA_DIR, excel: bool = True) -> Path:
    """Write the empty file of `year` and `period`; return its path. `DataError` (nothing written) when
    one exists or there is no earlier file to take the indicators from."""
    data_dir = Path(data_dir)
    stem = period_stem(year, period)
    existing = [path for path in period_files(data_dir) if path.stem == stem]
    sets = all_sets(data_dir)
    if existing or any(s.year == year and s.period == period for s in sets):
        same = [s.path for s in sets if (s.year, s.period) == (year, period)]
        taken = (existing or same)[0].name
        raise DataError(f"Lỗi: đã có tệp chỉ tiêu năm {year} kỳ '{period}' ('{taken}'); không ghi đè.")
    earlier = [s for s in sets if s.year < year or (s.year == year and s.period != period)]
    if not earlier:
        raise DataError(f"Lỗi: chưa có tệp chỉ tiêu nào trước năm {year} để lấy danh sách chỉ tiêu.")
    model = max(earlier, key=lambda s: (s.year, s.period == "cả năm"))
    return _write(data_dir / f"{stem}{'.xlsx' if excel else '.csv'}", model.path, year, period)


def _write(target: Path, model: Path, year: int, period: str) -> Path:
    import pandas as pd  # only this command and the data pages pay for pandas

    from scripts.datafiles import read_frame

    source = read_frame(model)
    frame = pd.DataFrame("", index=source.index, columns=COLUMNS)
    for column in KEPT:
        if column in source.columns:
            frame[column] = source[column]
    frame["Năm"], frame["Kỳ"] = str(year), period
    frame = frame[source["Mã"].astype(bool)]  # no blank rows
    if target.suffix == ".csv":
        target.write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8-sig")
        return target
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=target.stem)
        sheet = writer.sheets[target.stem]
        sheet.freeze_panes = "A2"
        for number, column in enumerate(COLUMNS, start=1):
            letter = sheet.cell(row=1, column=number).column_letter
            sheet.column_dimensions[letter].width = WIDTHS.get(column, 14)
            for (cell,) in sheet.iter_rows(min_row=2, min_col=number, max_col=number):
                cell.number_format = "@"  # text: '1.301' stays '1.301'
    return target
