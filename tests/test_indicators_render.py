"""Indicator tables, summary and charts as the pages show them: Vietnamese numbers, statuses, chart data."""

from __future__ import annotations

import json
import re

import pytest

from scripts.indicators.render import indicator_chart, indicator_summary, indicator_table, shown
from scripts.vietnamese import parse_vn_number


def row_cells(table: str, code: str) -> list[str]:
    row = re.search(rf"<tr class=\"bt-depth-\d\"><td class=\"bt-code\">{re.escape(code)}</td>(.*?)</tr>", table).group(
        1
    )
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


def row_labels(table: str, code: str) -> list[str]:
    row = re.search(rf"<td class=\"bt-code\">{re.escape(code)}</td>(.*?)</tr>", table).group(1)
    return re.findall(r'data-label="([^"]+)"', row)


def test_table_rows_carry_the_key_values_with_name_and_assessment_first():
    table = indicator_table(2023)
    assert row_cells(table, "1")[:7] == [
        "Kết nạp đảng viên mới", "đạt và vượt", "ĐV", "1.100", "1.301", "118,27", "117,09"
    ]  # fmt: skip
    assert row_cells(table, "24")[1] == "đạt và vượt"
    assert row_cells(table, "24")[3:7] == ["80", "90,13% (539/598 vụ)", "Đạt chỉ tiêu", "105,8"]
    # each figure names its column, for the stacked layout of a phone
    assert row_labels(table, "1") == ["Đơn vị", "Chỉ tiêu", "Kết quả", "Tỷ lệ đạt (%)", "So với cùng kỳ (%)",
                                      "Lũy kế nhiệm kỳ", "Chỉ tiêu nhiệm kỳ", "So sánh nhiệm kỳ"]  # fmt: skip
    assert 'data-label="Lũy kế nhiệm kỳ" class="bt-empty"></td>' in table  # 4.1 has none: left off the card
    assert "kéo sang ngang" in table
    assert table.count('class="bt-group"') == 4
    assert "I. Xây dựng Đảng" in table and "IV. Quốc phòng, an ninh" in table


def test_table_of_one_group():
    table = indicator_table(2023, group="I")
    assert table.count('class="bt-depth-0"') == 3 and table.count('class="bt-group"') == 1


def test_summary_is_the_reports_own():
    summary = re.sub(r"<[^>]+>", "", indicator_summary(2023))
    assert summary == "17/24 chỉ tiêu đạt và vượt01/24 chỉ tiêu xấp xỉ đạt06/24 chỉ tiêu chưa đạt"


def chart_specs(html: str) -> list[dict]:
    payloads = re.findall(r'<script type="application/json" class="bt-chart__data">(.*?)</script>', html, re.DOTALL)
    return [json.loads(payload) for payload in payloads]


def test_achievement_charts_show_every_indicator_by_group_legibly():
    html = indicator_chart(2023, kind="achievement")
    specs = chart_specs(html)
    assert len(specs) == 4  # groups I–IV
    labels = [a["text"] for spec in specs for a in spec["layout"]["annotations"]]
    assert len(labels) == 24  # every main indicator, with or without a percentage
    first = specs[0]
    bar = first["data"][0]
    assert bar["type"] == "bar" and bar["orientation"] == "h"
    assert bar["x"][0] == pytest.approx(118.27)
    assert labels[0] == "<b>1. Kết nạp đảng viên mới</b><br>118,3% · đạt và vượt"  # Vietnamese number, words
    assert "<b>2. Kéo giảm ĐV vi phạm bị xử lý kỷ<br>luật</b><br>Không đạt · chưa đạt" in labels  # no bar: words
    # colour and pattern by status; the 100% mark on each bar's own row, below its label
    assert bar["marker"]["color"][:3] == ["#2e7d32", "#c62828", "#2e7d32"]
    assert bar["marker"]["pattern"]["shape"][:3] == ["", "/", ""]
    marks = [s for s in first["layout"]["shapes"] if s["x0"] == 100 == s["x1"]]
    assert len(marks) == 3
    for mark, note in zip(marks, first["layout"]["annotations"], strict=True):
        assert mark["y1"] < note["y"]  # the mark ends below the label it belongs to
    xaxis = first["layout"]["xaxis"]
    assert xaxis["tickangle"] == 0 and xaxis["ticksuffix"] == "%" and xaxis["fixedrange"] is True
    assert first["layout"]["separators"] == ",."
    assert first["config"]["responsive"] is True and first["config"]["displayModeBar"] is False
    # the same figures, as a table for print
    assert "<td>1. Kết nạp đảng viên mới</td><td>118,27</td><td>đạt và vượt</td>" in html


def test_charts_are_built_with_plotlys_api_and_validated_by_it():
    import plotly.graph_objects as go

    from scripts.indicators.data import load
    from scripts.indicators.render import achievement_figure, status_figure

    data = load(2023)
    for figure in (achievement_figure(data, "I"), status_figure(data)):
        assert isinstance(figure, go.Figure)
        go.Figure(figure.to_dict())  # plotly checks every property against its schema
    with pytest.raises(ValueError):
        go.Bar(orientation="sideways")


def test_status_chart_counts_17_1_6():
    spec = chart_specs(indicator_chart(2023, kind="status"))[0]
    pie = spec["data"][0]
    assert pie["type"] == "pie" and pie["labels"] == ["đạt và vượt", "xấp xỉ đạt", "chưa đạt"]
    assert pie["values"] == [17, 1, 6]
    assert pie["marker"]["pattern"]["shape"] == ["", ".", "/"]


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
    for spec in chart_specs(indicator_chart(2023, kind=kind)):
        assert {trace["type"] for trace in spec["data"]} <= {"bar", "pie"}  # in plotly.js's basic bundle
        assert "mapbox" not in spec["layout"] and "geo" not in spec["layout"]


def test_the_dashboard_macros_do_not_load_the_word_and_pdf_libraries():
    # every site build imports the macros: python-docx, pdfplumber and PDFium are only for importing files
    import subprocess
    import sys

    from tests.support import REPO

    probe = "import sys, macros.main; print(sorted(m for m in ('docx', 'pdfplumber', 'pypdfium2') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_bulletin_imports_and_the_macros_module_load_neither_pandas_nor_plotly():
    # pandas and plotly are imported when a data page is rendered, not by the importer or by loading macros
    import subprocess
    import sys

    from tests.support import REPO

    probe = (
        "import sys, macros.main, scripts.cli, scripts.bulletin.pipeline; "
        "print(sorted(m for m in ('pandas', 'plotly', 'openpyxl') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("kind", ["term", "years"])
def test_term_charts_use_only_traces_of_the_basic_bundle(kind):
    from scripts.indicators.term import term_chart

    specs = chart_specs(term_chart(2020, 2025, kind))
    assert len(specs) == 4
    for spec in specs:
        assert {trace["type"] for trace in spec["data"]} <= {"bar", "scatter"}
        assert spec["layout"]["separators"] == ",."
