"""Indicator tables, summary and charts as the pages show them: Vietnamese numbers, statuses, chart data."""

from __future__ import annotations

import json
import re

import pytest

from scripts.indicators.render import indicator_chart, indicator_summary, indicator_table, shown
from scripts.vietnamese import parse_vn_number


def row_cells(table: str, code: str) -> list[str]:
    row = re.search(rf"<tr class=\"bt-depth-\d\"><td>{re.escape(code)}</td>(.*?)</tr>", table).group(1)
    return [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]


@pytest.mark.parametrize(
    ("text", "display"),
    [
        ("1.100", "1.100"),
        ("118,27", "118,27"),
        ("105.80", "105,8"),
        ("4.500-5.000", "4.500–5.000"),
        ("≤ 2,5%", "≤ 2,5%"),
        ("90,13% (539/598 vụ)", "90,13% (539/598 vụ)"),
        ("Tăng 3,06 (168/ 163)", "Tăng 3,06 (168/ 163)"),
        ("Không đạt", "Không đạt"),
    ],
)
def test_cells_are_shown_the_vietnamese_way(text, display):
    assert shown(text, parse_vn_number(text)) == display


def test_table_rows_carry_the_key_values():
    table = indicator_table(2023)
    assert row_cells(table, "1")[:6] == ["Kết nạp đảng viên mới", "ĐV", "1.100", "1.301", "118,27", "117,09"]
    assert row_cells(table, "24")[2:6] == ["80", "90,13% (539/598 vụ)", "Đạt chỉ tiêu", "105,8"]
    assert row_cells(table, "24")[-1] == "đạt và vượt"
    assert table.count('class="bt-group"') == 4
    assert "I. Xây dựng Đảng" in table and "IV. Quốc phòng, an ninh" in table


def test_table_of_one_group():
    table = indicator_table(2023, group="I")
    assert table.count('class="bt-depth-0"') == 3 and table.count('class="bt-group"') == 1


def test_summary_is_the_reports_own():
    summary = re.sub(r"<[^>]+>", "", indicator_summary(2023))
    assert summary == "17/24 chỉ tiêu đạt và vượt01/24 chỉ tiêu xấp xỉ đạt06/24 chỉ tiêu chưa đạt"


def chart_spec(html: str) -> dict:
    payload = re.search(r'<script type="application/json" class="bt-chart__data">(.*?)</script>', html, re.DOTALL)
    return json.loads(payload.group(1))


def test_achievement_chart_has_a_bar_per_rated_indicator_a_100_line_and_status_colours():
    html = indicator_chart(2023, kind="achievement")
    spec = chart_spec(html)
    bar = spec["data"][0]
    assert bar["type"] == "bar" and bar["orientation"] == "h"
    assert len(bar["x"]) == 15  # the main indicators whose result is a percentage of the target
    assert bar["x"][0] == pytest.approx(118.27) and bar["y"][0].startswith("1. Kết nạp đảng viên mới")
    colours = dict(zip((y.split(".")[0] for y in bar["y"]), bar["marker"]["color"], strict=True))
    assert colours["1"] == "#2e7d32" and colours["4"] == "#c62828" and colours["18"] == "#f9a825"
    assert any(shape["x0"] == 100 and shape["x1"] == 100 for shape in spec["layout"]["shapes"])
    assert spec["layout"]["separators"] == ",."
    assert spec["config"]["responsive"] is True
    # the same figures, as a table for print
    assert "<td>1. Kết nạp đảng viên mới</td><td>118,27</td><td>đạt và vượt</td>" in html


def test_status_chart_counts_17_1_6():
    spec = chart_spec(indicator_chart(2023, kind="status"))
    pie = spec["data"][0]
    assert pie["type"] == "pie" and pie["labels"] == ["đạt và vượt", "xấp xỉ đạt", "chưa đạt"]
    assert pie["values"] == [17, 1, 6]


def test_unknown_chart_kind_is_an_error():
    with pytest.raises(ValueError, match="không có"):
        indicator_chart(2023, kind="pie")


def test_text_from_the_data_is_escaped(tmp_path):
    import csv
    import io

    from tests.support import REPO

    rows = list(csv.DictReader(io.StringIO((REPO / "data/indicators/2023.csv").read_text(encoding="utf-8-sig"))))
    rows[0]["Nội dung"] = "<script>alert(1)</script>"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / "2023.csv").write_text(out.getvalue(), encoding="utf-8")
    assert "<script>alert" not in indicator_table(2023, data_dir=tmp_path)
    assert "</script>" not in chart_spec_source(indicator_chart(2023, data_dir=tmp_path))


def chart_spec_source(html: str) -> str:
    return re.search(r'class="bt-chart__data">(.*?)</script>', html, re.DOTALL).group(1)


@pytest.mark.parametrize("kind", ["achievement", "status"])
def test_charts_use_no_trace_that_fetches_maps_or_fonts(kind):
    spec = chart_spec(indicator_chart(2023, kind=kind))
    assert {trace["type"] for trace in spec["data"]} <= {"bar", "pie"}
    assert "mapbox" not in spec["layout"] and "geo" not in spec["layout"]


def test_the_dashboard_macros_do_not_load_the_word_and_pdf_libraries():
    # every site build imports the macros: python-docx, pdfplumber and PDFium are only for importing files
    import subprocess
    import sys

    from tests.support import REPO

    probe = "import sys, macros.main; print(sorted(m for m in ('docx', 'pdfplumber', 'pypdfium2') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
