"""The year-end report 525-BC/TU through the same pipeline: its page, footnotes and appendix table."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from scripts.bulletin.cleaners import clean
from scripts.bulletin.readers.markdown_export import read_markdown
from tests.support import REPO, SOURCES, page_html, page_text, run_cli, snapshot, word_counts

REPORT = SOURCES / "report-2023-annual.md"


def import_report(root: Path, *extra: str) -> dict:
    result = run_cli("report", REPORT, "--json", *extra, root=root)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    root = tmp_path_factory.mktemp("report")
    return import_report(root), root


@pytest.fixture(scope="module")
def page(imported) -> str:
    report, root = imported
    return (root / report["path"]).read_text(encoding="utf-8")


def test_report_identity(imported):
    report, _ = imported
    assert report["number"] == "525-BC/TU"
    assert report["date"] == "2023-12-01" and report["year"] == 2023
    assert report["title"] == "Báo cáo tổng kết thực hiện Nghị quyết Tỉnh ủy năm 2023"
    assert report["path"] == "docs/bao-cao/2023/bao-cao-525-bc-tu.md"


def test_every_footnote_text_sits_at_the_end_and_its_mark_links_to_it(imported, page):
    report, _ = imported
    source = REPORT.read_text(encoding="utf-8")
    labels = re.findall(r"^<sup>\(?(\d+)\)?</sup>", source, flags=re.MULTILINE)
    assert len(labels) == len(set(labels)) == report["footnotes"] == 74
    html = page_html(page)
    body, notes = html.split('<div class="footnote">')
    assert len(re.findall(r'<sup id="fnref:', body)) == 74
    assert len(re.findall(r'<li id="fn:', notes)) == 74
    # no footnote text left between the paragraphs of the body
    body_paragraphs = [p.replace("&amp;", "&") for p in re.findall(r"<p>(.*?)</p>", body, flags=re.DOTALL)]
    for text in re.findall(r"^<sup>\(?\d+\)?</sup>\s*(.{30})", source, flags=re.MULTILINE):
        assert not any(p.startswith(text.replace("*", "")) for p in body_paragraphs), text
        assert text.replace("*", "") in re.sub(r"<[^>]+>", "", notes).replace("&amp;", "&"), text


def test_a_superscript_that_is_not_a_footnote_stays_with_its_word(page):
    assert "(Eco² Park)" in page


def test_no_word_of_the_report_is_lost(page):
    source = REPORT.read_text(encoding="utf-8")
    source = re.sub(r"<sup>.*?</sup>|</?[bi]>", " ", source)  # footnote marks and the table's markup
    lines = source.split("\n")  # the table header that every page repeats is printed once
    header = [n for n, line in enumerate(lines) if re.match(r"^TT\t", line)]
    for start in header[1:]:
        lines[start] = lines[start + 1] = ""
    source = "\n".join(lines)
    shown = re.sub("[⁰¹²³⁴⁵⁶⁷⁸⁹]", "", page_text(page))  # 'Eco² Park': the ² is the source's <sup>
    missing = word_counts(source) - word_counts(shown)
    assert not missing, dict(missing)


def test_headings_follow_the_numbering(page):
    html = page_html(page)
    assert re.search(r"<h2[^>]*>I\. Kết quả thực hiện chủ đề, mục tiêu và các chỉ tiêu chủ yếu<", html)
    assert re.search(r"<h3[^>]*>3\. Kết quả thực hiện các chỉ tiêu Nghị quyết<", html)
    assert re.search(r"<h2[^>]*>III\. Đánh giá chung<", html)
    assert "<p>Nơi nhận:</p>" in html and not re.search(r"<h\d[^>]*>Nơi nhận", html)  # not in the contents


def test_the_appendix_is_one_table_without_the_repeated_headers(page):
    html = page_html(page)
    tables = re.findall(r"<table>.*?</table>", html, flags=re.DOTALL)
    assert len(tables) == 1
    rows = re.findall(r"<tr>", tables[0])
    assert len(rows) == 1 + 4 + 60  # header, four group rows, the indicators and their sub-rows
    assert tables[0].count("NỘI DUNG") == 1 and "&lt;b&gt;" not in tables[0]


def test_tables_split_by_page_breaks_are_merged():
    blocks = clean(
        read_markdown(
            "TT\tNỘI DUNG\tChỉ tiêu\n1\tMột\t1.100\n\nTT\tNỘI DUNG\tChỉ tiêu\n-\t<i>Một con</i>\t5\n2\tHai\t3\n"
        )
    )
    assert [b.kind for b in blocks] == ["table"]
    assert blocks[0].rows == [
        ["TT", "NỘI DUNG", "Chỉ tiêu"],
        ["1", "Một", "1.100"],
        ["-", "Một con", "5"],
        ["2", "Hai", "3"],
    ]


# --- indicators ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def indicators(imported) -> list[dict[str, str]]:
    _, root = imported
    text = (root / "data/indicators/2023.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def by_code(indicators, code: str) -> dict[str, str]:
    return next(row for row in indicators if row["Mã"] == code)


def test_one_row_per_indicator_and_sub_indicator(indicators):
    mains = [row for row in indicators if not row["Thuộc"]]
    assert [row["Mã"] for row in mains] == [str(n) for n in range(1, 25)]
    assert [row["Nhóm"] for row in mains].count("I") == 3
    assert {row["Tên nhóm"] for row in mains} == {"Xây dựng Đảng", "Kinh tế", "Văn hóa – xã hội", "Quốc phòng, an ninh"}
    assert len(indicators) == 60
    assert [row["Mã"] for row in indicators if row["Thuộc"] == "4"] == ["4.1", "4.2", "4.3", "4.4"]
    assert [row["Mã"] for row in indicators if row["Thuộc"] == "23.3"] == ["23.3.1", "23.3.2", "23.3.3"]


def test_key_values_keep_the_printed_text_beside_the_number(indicators):
    first = by_code(indicators, "1")
    assert (first["Chỉ tiêu"], first["Chỉ tiêu (số)"]) == ("1.100", "1100")
    assert (first["Kết quả"], first["Kết quả (số)"]) == ("1.301", "1301")
    assert (first["Tỷ lệ đạt (%)"], first["Tỷ lệ đạt (số)"]) == ("118,27", "118.27")
    assert (first["Chỉ tiêu nhiệm kỳ"], first["Chỉ tiêu nhiệm kỳ (số)"]) == ("4.500-5.000", "4500..5000")
    last = by_code(indicators, "24")
    assert (last["Chỉ tiêu"], last["Kết quả"], last["Kết quả (số)"]) == ("80", "90,13% (539/598 vụ)", "90.13")
    assert (last["So với cùng kỳ (%)"], last["So với cùng kỳ (số)"]) == ("105.80", "105.8")
    second = by_code(indicators, "2")
    assert (second["Tỷ lệ đạt (%)"], second["Tỷ lệ đạt (số)"]) == ("Không đạt", "")
    assert by_code(indicators, "14")["Chỉ tiêu (số)"] == "<=2.5"


def test_no_header_row_or_markup_leaks_into_the_data(indicators):
    for row in indicators:
        assert row["Nội dung"] not in {"NỘI DUNG", "Kết quả", ""}
        assert not any("<" in value for column, value in row.items() if not column.endswith("(số)")), row


def test_statuses_come_from_the_report_and_match_its_summary(indicators):
    mains = [row for row in indicators if not row["Thuộc"]]
    assert Counter(row["Đánh giá"] for row in mains) == {"đạt và vượt": 17, "xấp xỉ đạt": 1, "chưa đạt": 6}
    failed = [row["Mã"] for row in mains if row["Đánh giá"] == "chưa đạt"]
    assert failed == ["2", "4", "5", "6", "7", "23"]
    assert by_code(indicators, "18")["Đánh giá"] == "xấp xỉ đạt"
    assert by_code(indicators, "13")["Căn cứ đánh giá"] == "Báo cáo 525-BC/TU, chú thích 1"


def test_reimport_changes_nothing_and_the_committed_files_are_the_importers(tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "data", root / "data")
    before = snapshot(root)
    report = import_report(root)
    assert report["written"] == [], report["written"]
    assert snapshot(root) == before


def test_an_edited_data_file_is_not_overwritten_without_force(imported, tmp_path):
    root = tmp_path / "site"
    import_report(root)
    data = root / "data/indicators/2023.csv"
    data.write_text(data.read_text(encoding="utf-8").replace("1.301", "1.302"), encoding="utf-8")
    result = run_cli("report", REPORT, root=root)
    assert result.returncode == 1 and "data/indicators/2023.csv" in result.stderr
    assert "1.302" in data.read_text(encoding="utf-8")


def test_a_period_kept_in_excel_is_not_doubled_by_a_csv(tmp_path):
    # two files for one year would stop the build: the import leaves the workbook alone and says so
    workbook = tmp_path / "data/indicators/2023.xlsx"
    workbook.parent.mkdir(parents=True)
    workbook.write_bytes(b"the editors' workbook")
    report = import_report(tmp_path)
    assert not (tmp_path / "data/indicators/2023.csv").exists()
    assert workbook.read_bytes() == b"the editors' workbook"
    assert any("data/indicators/2023.xlsx" in warning for warning in report["warnings"])
