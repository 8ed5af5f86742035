"""Indicators over the term: periods read from CSV and Excel with pandas, combined by code (with the
renumbering map), the term page's parts, the previous year beside a year, and the editor's `indicators new`.

The later years are made here from the real 2023 file (tests/indicator_periods.py); the site itself ships
2023 alone, and its term page says which years are missing (tests/test_site_term.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.datafiles import DataError
from scripts.indicators.data import load, load_file, term_table
from scripts.indicators.render import indicator_table
from scripts.indicators.term import term_chart, term_summary, term_table_html
from tests.indicator_periods import REAL, derived_rows, real_rows, write_csv, write_xlsx
from tests.support import run_cli


@pytest.fixture
def three_years(tmp_path: Path) -> Path:
    """2023 (the real file), 2024 as an Excel workbook with numbers typed as numbers, 2025 as CSV with
    indicator 1 renamed and indicator 24 renumbered 25 (doi-ma.csv maps it back)."""
    folder = tmp_path / "indicators"
    folder.mkdir()
    shutil.copy(REAL, folder / "2023.csv")
    write_xlsx(folder / "2024.xlsx", derived_rows(2024, 1.1))
    rows = derived_rows(2025, 1.25)
    for row in rows:
        if row["Mã"] == "1":
            row["Nội dung"] = "Kết nạp đảng viên"
        if row["Mã"] == "24" or row["Thuộc"] == "24":
            row["Mã"] = row["Mã"].replace("24", "25", 1)
            row["Thuộc"] = row["Thuộc"].replace("24", "25", 1)
    write_csv(folder / "2025.csv", rows)
    (folder / "doi-ma.csv").write_text(
        "Năm,Mã trong tệp,Mã nhiệm kỳ,Ghi chú\n2025,25,24,đánh số lại trong báo cáo 2025\n", encoding="utf-8"
    )
    return folder


def test_an_excel_period_reads_like_its_csv(tmp_path: Path):
    workbook = load_file(write_xlsx(tmp_path / "2024.xlsx", derived_rows(2024, 1.1)))
    text = load_file(write_csv(tmp_path / "2024.csv", derived_rows(2024, 1.1)))
    # the same figures and assessments; a number typed as a number loses only its trailing zeros ('27,0')
    assert [(i.code, i.name, i.values, i.status) for i in workbook.indicators] == [
        (i.code, i.name, i.values, i.status) for i in text.indicators
    ]
    assert {c: text.indicators[19].texts[c] for c in ("Chỉ tiêu nhiệm kỳ", "So sánh nhiệm kỳ")} == {
        "Chỉ tiêu nhiệm kỳ": "27,0",
        "So sánh nhiệm kỳ": "93,30%",
    }
    assert workbook.indicators[19].texts["Chỉ tiêu nhiệm kỳ"] == "27"
    first = workbook.indicators[0]
    assert first.texts["Kết quả"] == "1.431,1" and first.values["Kết quả"].value == pytest.approx(1431.1)
    assert first.texts["Tỷ lệ đạt (%)"] == "130,1" and first.status == "đạt và vượt"


def test_a_workbook_is_read_from_the_sheet_named_like_its_period(tmp_path: Path):
    from openpyxl import load_workbook

    path = write_xlsx(tmp_path / "2024-9-thang.xlsx", derived_rows(2024, 1.1), sheet="Ghi chú")
    book = load_workbook(path)
    data = book.create_sheet("9 tháng")
    for row in book["Ghi chú"].iter_rows(values_only=True):
        data.append(["9 tháng" if value == "cả năm" else value for value in row])
    book["Ghi chú"].delete_rows(2, 100)
    book.save(path)
    assert load_file(path).period == "9 tháng"


def test_the_years_combine_by_code_through_the_renumbering_map(three_years: Path):
    frame = term_table(2020, 2025, three_years)
    assert sorted(frame["Năm"].unique()) == [2023, 2024, 2025]
    assert frame.groupby("Năm").size().tolist() == [24, 24, 24]
    last = frame[frame["Mã nhiệm kỳ"] == "24"].sort_values("Năm")
    assert last["Mã"].tolist() == ["24", "24", "25"]
    first = frame[frame["Mã nhiệm kỳ"] == "1"].sort_values("Năm")
    assert first["Kết quả (số)"].tolist() == pytest.approx([1301, 1431.1, 1626.25])
    assert first["Nội dung"].tolist()[-1] == "Kết nạp đảng viên"


def test_the_term_page_shows_each_year_and_says_what_is_missing(three_years: Path):
    summary = term_summary(2020, 2025, three_years)
    assert "Có số liệu: năm 2023, 2024, 2025." in summary
    assert "Chưa có số liệu các năm: 2020, 2021, 2022" in summary
    table = term_table_html(2020, 2025, data_dir=three_years)
    assert table.count('<th scope="row">') == 24
    assert "1.301 / 1.100" in table and "1.431,1 / 1.100" in table and "1.626,25 / 1.100" in table
    # renamed in 2025: the old name is kept in view; renumbered in 2025: the year's own code too
    assert "Kết nạp đảng viên<br><small" in table
    assert "(năm 2023: «Kết nạp đảng viên mới»; năm 2024: «Kết nạp đảng viên mới»)" in table
    assert "(năm 2025: mã 25)" in table and table.count('class="bt-term-renamed"') == 2
    charts = term_chart(2020, 2025, "years", three_years)
    assert charts.count('data-kind="years"') == 4


def test_with_only_the_real_year_the_term_page_shows_2023_alone():
    summary = term_summary(2020, 2025)
    assert "Có số liệu: năm 2023." in summary
    assert "Chưa có số liệu các năm: 2020, 2021, 2022, 2024, 2025" in summary
    assert "<strong>02/24</strong> chỉ tiêu đã đạt chỉ tiêu nhiệm kỳ" in summary  # 3 and 19: 117,59% and 118,14%


def test_a_year_shows_the_previous_years_result_where_there_is_one(three_years: Path):
    table = indicator_table(2025, data_dir=three_years)
    assert "<th>Kết quả 2024</th>" in table
    assert '<td data-label="Kết quả 2024">1.431,1</td>' in table
    assert '<td data-label="Kết quả 2024">90,13</td>' not in table  # 24 (2025: 25) maps to 24 of 2024
    assert "Kết quả 2022" not in indicator_table(2023)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_bad_cell_names_the_file_the_row_and_the_column(tmp_path: Path, suffix: str):
    rows = derived_rows(2024, 1.1)
    rows[3]["Nhóm"] = "hai"
    rows[6]["Kết quả (số)"] = "7"
    writer = write_csv if suffix == ".csv" else write_xlsx
    path = writer(tmp_path / f"2024{suffix}", rows)
    with pytest.raises(DataError) as error:
        load_file(path)
    assert str(error.value) == (
        f"Lỗi dữ liệu: tệp '2024{suffix}', dòng 5, cột 'Nhóm': 'hai' không phải số La Mã của nhóm (I, II, III, IV…)."
    )


def test_a_file_that_is_not_a_workbook_is_named(tmp_path: Path):
    path = tmp_path / "2024.xlsx"
    path.write_text("Năm,Kỳ\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"tệp '2024.xlsx' không đọc được như sổ tính Excel"):
        load_file(path)


def test_a_bad_renumbering_names_its_cell(three_years: Path):
    (three_years / "doi-ma.csv").write_text("Năm,Mã trong tệp,Mã nhiệm kỳ\n2025,25,hai mươi tư\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"'doi-ma.csv', dòng 2, cột 'Mã nhiệm kỳ'"):
        term_table(2020, 2025, three_years)
    (three_years / "doi-ma.csv").write_text("Năm,Mã trong tệp,Mã nhiệm kỳ\n2025,25,23\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"năm 2025 có hai chỉ tiêu cùng mã nhiệm kỳ 23 \(mã 23 và mã 25\)"):
        term_table(2020, 2025, three_years)


def test_files_named_otherwise_or_twice_for_one_year_are_refused(three_years: Path):
    shutil.copy(three_years / "2025.csv", three_years / "2025-copy.csv")
    with pytest.raises(DataError, match="hai tệp cùng số liệu năm 2025"):
        load(2025, data_dir=three_years)
    (three_years / "2025-copy.csv").unlink()
    shutil.copy(REAL, three_years / "chỉ tiêu 2026.csv")
    with pytest.raises(DataError, match="không đặt tên theo <năm>.csv"):
        load(2023, data_dir=three_years)


def test_indicators_new_writes_the_years_workbook_with_the_indicators_and_empty_results(tmp_path: Path):
    (tmp_path / "data" / "indicators").mkdir(parents=True)
    shutil.copy(REAL, tmp_path / "data" / "indicators" / "2023.csv")
    result = run_cli("indicators", "new", "2024", root=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "data/indicators/2024.xlsx" in result.stdout
    written = load(2024, data_dir=tmp_path / "data" / "indicators")
    assert [(i.code, i.name, i.unit) for i in written.indicators] == [
        (r["Mã"], r["Nội dung"], r["Đơn vị"]) for r in real_rows()
    ]
    assert all(not i.texts["Kết quả"] and not i.texts["Chỉ tiêu"] for i in written.indicators)
    assert written.indicators[0].texts["Chỉ tiêu nhiệm kỳ"] == "4.500-5.000"  # the term's target holds
    before = (tmp_path / "data" / "indicators" / "2024.xlsx").read_bytes()
    again = run_cli("indicators", "new", "2024", "--csv", root=tmp_path)
    assert again.returncode == 1 and "đã có tệp chỉ tiêu năm 2024" in again.stderr
    assert not (tmp_path / "data" / "indicators" / "2024.csv").exists()
    assert (tmp_path / "data" / "indicators" / "2024.xlsx").read_bytes() == before
