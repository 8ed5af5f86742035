"""Indicator data files: the real 2023 file, the status rule, and messages that name file, row and column."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from scripts.datafiles import MAX_ROWS
from scripts.indicators.data import UNRATED, DataError, load, load_file, rated_by_rule
from scripts.vietnamese import parse_vn_number
from tests.support import REPO

REAL = REPO / "data" / "indicators" / "2023.csv"


def rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def write_rows(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns or list(rows[0]), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_the_2023_file_has_the_24_indicators_and_the_reports_summary():
    data = load(2023)
    assert [i.code for i in data.main] == [str(n) for n in range(1, 25)]
    assert data.summary() == {"đạt và vượt": 17, "xấp xỉ đạt": 1, "chưa đạt": 6}
    first = next(i for i in data.indicators if i.code == "1")
    assert first.values["Chỉ tiêu"].value == 1100 and first.values["Kết quả"].value == 1301
    assert first.values["Tỷ lệ đạt (%)"].value == pytest.approx(118.27)
    last = next(i for i in data.indicators if i.code == "24")
    assert last.values["Kết quả"].value == pytest.approx(90.13)
    assert last.values["So với cùng kỳ (%)"].value == pytest.approx(105.8)


def test_a_copied_file_for_a_nine_month_period_loads_beside_the_year(tmp_path):
    shutil.copy(REAL, tmp_path / "2023.csv")
    rows = rows_of(REAL)
    for row in rows:
        row["Năm"], row["Kỳ"] = "2024", "9 tháng"
    write_rows(tmp_path / "2024-9-thang.csv", rows)
    assert load(2024, "9 tháng", tmp_path).period == "9 tháng"
    assert len(load(2023, data_dir=tmp_path).main) == 24
    with pytest.raises(DataError, match="không có số liệu chỉ tiêu năm 2025"):
        load(2025, data_dir=tmp_path)


def test_number_columns_may_be_left_empty_by_an_editor(tmp_path):
    rows = rows_of(REAL)
    for row in rows:
        for column in row:
            if column.endswith("(số)"):
                row[column] = ""
    data = load_file(write_rows(tmp_path / "2023.csv", rows))
    assert next(i for i in data.indicators if i.code == "1").values["Kết quả"].value == 1301


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        (lambda rows: rows[0].update({"Kết quả (số)": "1300"}), 2, "Kết quả (số)"),
        (lambda rows: rows[3].update({"Nhóm": "2"}), 5, "Nhóm"),
        (lambda rows: rows[4].update({"Thuộc": "99"}), 6, "Thuộc"),
        (lambda rows: rows[1].update({"Đánh giá": "tốt"}), 3, "Đánh giá"),
        (lambda rows: rows[2].update({"Mã": "1"}), 4, "Mã"),
        (lambda rows: rows[5].update({"Năm": "hai"}), 7, "Năm"),
        (lambda rows: rows[6].update({"Nội dung": ""}), 8, "Nội dung"),
    ],
)
def test_invalid_data_names_the_file_the_row_and_the_column(tmp_path, change, row, column):
    rows = rows_of(REAL)
    change(rows)
    path = write_rows(tmp_path / "2023.csv", rows)
    with pytest.raises(DataError) as error:
        load_file(path)
    message = str(error.value)
    assert "'2023.csv'" in message and f"dòng {row}" in message and f"cột '{column}'" in message
    assert "\n" not in message


def test_a_missing_column_is_named(tmp_path):
    rows = rows_of(REAL)
    columns = [c for c in rows[0] if c != "Đơn vị"]
    with pytest.raises(DataError, match="thiếu cột 'Đơn vị'"):
        load_file(write_rows(tmp_path / "2023.csv", rows, columns))


def test_a_table_far_beyond_a_year_of_indicators_is_refused_with_its_size(tmp_path):
    rows = rows_of(REAL)
    many = write_rows(tmp_path / "2023.csv", rows * (MAX_ROWS // len(rows) + 1))
    with pytest.raises(DataError, match=f"2023.csv' có {MAX_ROWS // len(rows) * len(rows) + len(rows)} dòng"):
        load_file(many)


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_before_it_is_read(tmp_path):
    """An .xlsx (a zip) of a few hundred KB whose sheet unpacks to 60 MB: refused from the zip's table."""
    import zipfile

    workbook = tmp_path / "2023.xlsx"
    with zipfile.ZipFile(workbook, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/worksheets/sheet1.xml", b"<x/>" + b" " * 60_000_000)
    assert workbook.stat().st_size < 1_000_000
    with pytest.raises(DataError, match=r"2023.xlsx' lớn 60 MB \(đã giải nén\)"):
        load_file(workbook)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("118,27", "đạt và vượt"),
        ("100,00", "đạt và vượt"),
        ("90,00", "xấp xỉ đạt"),
        ("89,95", "chưa đạt"),
        ("Không đạt", "chưa đạt"),
        ("Đạt chỉ tiêu", "đạt và vượt"),
        ("", UNRATED),
    ],
)
def test_the_documented_status_rule(text, status):
    assert rated_by_rule(text, parse_vn_number(text) if text else None) == status


def test_rule_fills_a_status_the_file_leaves_empty(tmp_path):
    rows = rows_of(REAL)
    for row in rows:
        row["Đánh giá"] = row["Căn cứ đánh giá"] = ""
    data = load_file(write_rows(tmp_path / "2023.csv", rows))
    first = next(i for i in data.indicators if i.code == "1")
    assert (first.status, first.status_basis) == ("đạt và vượt", "quy tắc (data/README.md)")
