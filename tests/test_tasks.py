"""Appendix 8 (task progress) through the import: leaders, task counts, page-break joins, no word lost."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scripts.tasks.data import DataError, load_file
from scripts.tasks.extract import FIELDS, cell_markdown, has_mark, read_leaders, separate_notes
from scripts.tasks.progress import propose
from scripts.tasks.render import cell_html, markdown_cell_html, task_overview, task_table
from scripts.vietnamese import fold, words
from tests.support import REPO, SOURCES, run_cli, snapshot

APPENDIX = SOURCES / "report-2023-appendix-8.md"
DATA = REPO / "data" / "tasks" / "2023.csv"


@pytest.fixture(scope="module")
def leaders():
    return read_leaders(APPENDIX)


def test_every_leader_of_the_table_is_found(leaders):
    # 66 rows say 'Đồng chí …'; four more are misspelt 'Đông chí' (one with its words scattered over
    # two lines, 'Đông Nguyễn / chí Minh' + 'Cảnh, …') and one has no title at all (Lê Văn Nhiên)
    assert len(leaders) == 71
    names = [leader.name for leader in leaders]
    assert names[:3] == ["Hồ Thị Hoàng Yến", "Trần Ngọc Tam", "Huỳnh Quang Triệu"]
    assert {"Nguyễn Văn Đức", "Nguyễn Thị Hồng Nhung", "Nguyễn Minh Cảnh", "Nguyễn Phúc Linh", "Lê Văn Nhiên"} <= set(
        names
    )
    assert names[-1] == "Dương Văn Thắng"
    assert len(set(names)) == 71


def test_task_counts(leaders):
    counts = {leader.name: len(leader.tasks) for leader in leaders}
    assert sum(counts.values()) == 392
    assert counts["Hồ Thị Hoàng Yến"] == 6
    assert counts["Trần Ngọc Tam"] == 9
    assert counts["Nguyễn Văn Trung"] == 14
    assert counts["Võ Văn Hội"] == 1
    assert counts["Nguyễn Minh Cảnh"] == 5
    for leader in leaders:  # tasks numbered 1, 2, 3… without a gap or a repeat
        assert [task.number for task in leader.tasks] == list(range(1, len(leader.tasks) + 1)), leader.name


def test_positions_cut_over_two_rows_are_joined(leaders):
    by_name = {leader.name: leader for leader in leaders}
    assert by_name["Nguyễn Hạnh"].position == "Tỉnh ủy viên, Phó Trưởng Ban Tuyên giáo Tỉnh ủy"
    assert by_name["Nguyễn Minh Cảnh"].position == "Tỉnh ủy viên, Phó Chủ tịch Ủy ban nhân dân tỉnh"
    assert by_name["Bùi Minh Tuấn"].position == "Tỉnh ủy viên, Giám đốc Sở Tài nguyên và Môi trường"


def test_cells_cut_by_page_breaks_are_joined_once(leaders):
    task = leaders[0].tasks[1]
    assert "01 Quy định chờ hướng dẫn của Trung ương)." in task.result
    assert "tại hội nghị sơ kết nửa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ tỉnh." in task.next_steps
    text = DATA.read_text(encoding="utf-8")
    assert text.count("chờ hướng dẫn của Trung ương).") == 1


def test_no_word_of_the_table_is_lost_or_doubled():
    source = APPENDIX.read_text(encoding="utf-8")
    table = source[source.index("<b>Cá nhân được phân công</b>") :]
    table = "\n".join(line for line in table.split("\n") if "Cá nhân được phân công" not in line)
    table = re.sub(r"<[^>]+>", " ", table)  # cell markup
    table = re.sub(r"(?m)^[\s-]+$", " ", table)  # '--' separator rows
    table = re.sub(r"\\[A-Za-z]+", " ", table)  # the commands of equations ('\\times' is read '×')
    table = table.replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")
    rows = list(csv.DictReader(io.StringIO(DATA.read_text(encoding="utf-8-sig"))))
    people = {row["STT"]: f"{row['Lãnh đạo']} {row['Chức vụ']}" for row in rows}  # once per leader
    # the task's number, typed before its text in the appendix, is kept in its own column
    columns = ("Nhiệm vụ số", "Nhiệm vụ", "Kết quả thực hiện", "Kế hoạch tiếp theo", "Chú thích")
    cells = [row[c] for row in rows for c in columns]
    data = " ".join([*people.values(), *cells])
    superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻"
    digits = str.maketrans(superscripts, "0123456789+-")
    data = re.sub(f"[{superscripts}]+", lambda m: f" {m.group().translate(digits)} ", data)  # m² → m 2
    expected, found = Counter(words(table)), Counter(words(data))
    titles = {"đồng", "đông", "chí"}  # 'Đồng chí' before each name is a title, not kept with the name
    missing = {w: n - found[w] for w, n in expected.items() if n > found[w] and w not in titles}
    extra = {w: n - expected[w] for w, n in found.items() if n > expected[w]}
    assert not missing, missing
    assert not extra, extra


def test_cell_html_becomes_plain_markdown_without_html():
    cell = "<p><b>2. Dự án</b> cầu <i>Rạch Miễu</i>; <script>x</script> m<sup>2</sup></p> <ul><li>- một</li></ul>"
    assert cell_markdown(cell) == "**2. Dự án** cầu *Rạch Miễu*; x m²\n- một"


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (r"giá <math>59.474.000 \text{đồng/m}^2 \times 225,5 \text{m}^2 = 1</math> đồng",
         "giá 59.474.000 đồng/m² × 225,5 m² = 1 đồng"),
        (r"năm 2023 <math>\geq</math> 74,8 triệu", "năm 2023 ≥ 74,8 triệu"),
        (r"(chỉ tiêu $\leq 03\%$)", "(chỉ tiêu ≤ 03%)"),
        ("giá 5$ và 7$ một tấn", "giá 5$ và 7$ một tấn"),  # dollars without LaTeX are text
        ("pháo 85 <sup>mm</sup> DQTV", "pháo 85 mm DQTV"),  # letters raised are read as written
        ("xây lắp<sup>(*)</sup>", r"xây lắp(\*)"),
    ],
)  # fmt: skip
def test_equations_and_raised_letters_read_as_text(cell, text):
    assert cell_markdown(cell) == text
    for row in csv.DictReader(io.StringIO(DATA.read_text(encoding="utf-8-sig"))):
        assert not re.search(r"</?(p|b|i|ul|li|sup|math|a)\b", " ".join(row.values())), row


def test_rendered_cells_keep_html_from_a_data_file_as_text():
    assert "<script>" not in cell_html("<script>alert(1)</script> **đậm**")
    assert "<strong>đậm</strong>" in cell_html("<script>alert(1)</script> **đậm**")


PLAIN_AND_NOT = [
    "Hoàn thành quy hoạch tỉnh.\nĐang trình phê duyệt",  # plain: the fast path
    "Đạt 118,27% kế hoạch năm 2021-2025 (vượt 1.100 tỷ đồng); không có gì khác.",
    "- một\n- hai",  # lists, numbered lists, headings, quotes, rules, indented code: Markdown
    "1. Một\n2) Hai",
    "# Tiêu đề\n> trích\n---\n===\n    mã",
    "**đậm** và *nghiêng*, _gạch_ `mã` [liên kết](x) ![ảnh](y) a\\b",
    "A & B <i>C</i>",
    "dòng có khoảng trắng cuối  \n\n  \nđoạn sau",
]


@pytest.mark.parametrize("cell", PLAIN_AND_NOT)
def test_cell_html_skips_the_converter_only_where_it_changes_nothing(cell):
    assert cell_html(cell) == markdown_cell_html(cell)


def test_every_task_cell_renders_as_markdown_renders_it():
    rows = list(csv.DictReader(io.StringIO(DATA.read_text(encoding="utf-8-sig"))))
    cells = [row[c] for row in rows for c in ("Nhiệm vụ", "Kết quả thực hiện", "Kế hoạch tiếp theo")]
    different = [cell for cell in cells if cell_html(cell) != markdown_cell_html(cell)]
    assert len(cells) == 3 * 392 and not different, different[:3]


def test_unknown_leader_is_an_error():
    with pytest.raises(ValueError, match="không có đồng chí"):
        task_table(2023, leader="khong-co-ai")


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        (lambda rows: rows[0].update({"STT": "một"}), 2, "STT"),
        (lambda rows: rows[1].update({"Nhiệm vụ số": "1"}), 3, "Nhiệm vụ số"),
        (lambda rows: rows[2].update({"Lãnh đạo": ""}), 4, "Lãnh đạo"),
        (lambda rows: rows[3].update({"Trạng thái": "xong rồi"}), 5, "Trạng thái"),
        (lambda rows: rows[4].update({"Chú thích": "Công văn số 12 không có số chú thích"}), 6, "Chú thích"),
    ],
)
def test_invalid_task_data_names_file_row_and_column(tmp_path, change, row, column):
    rows = list(csv.DictReader(io.StringIO(DATA.read_text(encoding="utf-8-sig"))))
    change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / "2023.csv").write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(DataError, match=rf"'2023.csv', dòng {row}, cột '{column}'"):
        load_file(tmp_path / "2023.csv")


def test_reimport_changes_nothing_and_the_committed_files_are_the_importers(tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "data", root / "data")
    before = snapshot(root)
    result = run_cli("tasks", APPENDIX, "--year", "2023", "--json", root=root)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["written"] == [] and report["tasks"] == 392 and len(report["leaders"]) == 71
    assert snapshot(root) == before


def test_pages_one_per_leader_in_appendix_order(built_site: Path):
    nav = (REPO / "docs/tien-do/2023/.nav.yml").read_text(encoding="utf-8")
    assert nav.index("ho-thi-hoang-yen.md") < nav.index("tran-ngoc-tam.md") < nav.index("duong-van-thang.md")
    assert len(list((built_site / "tien-do/2023").glob("*/index.html"))) == 71


def test_overview_filter_narrows_the_leaders_without_tone_marks(page: Page):
    page.goto("tien-do/2023/")
    rows = page.locator("#bt-leaders tbody tr")
    assert rows.count() == 71
    page.get_by_role("searchbox").fill("ho thi hoang yen")
    expect(page.locator("#bt-leaders tbody tr:visible").first).to_contain_text("Hồ Thị Hoàng Yến")
    assert page.locator("#bt-leaders tbody tr:visible").count() < 5  # her row, and tasks that name her
    page.get_by_role("searchbox").fill("lê công trường")  # typed with tone marks works too
    expect(page.locator("#bt-leaders tbody tr:visible")).to_have_count(1)
    page.get_by_role("searchbox").fill("")
    expect(page.locator("#bt-leaders tbody tr:visible")).to_have_count(71)


def test_leader_page_lists_tasks_and_filters_them(page: Page):
    page.goto("tien-do/2023/tran-ngoc-tam/")
    expect(page.locator(".bt-task")).to_have_count(9)
    page.get_by_role("searchbox").fill("rach mieu")
    visible = page.locator(".bt-task:visible")
    assert 1 <= visible.count() < 9
    expect(visible.first).to_contain_text("Rạch Miếu")


def test_footnotes_set_into_task_text_become_the_tasks_notes(leaders):
    # the PDF export printed the appendix's footnotes where its pages broke, inside a cell's sentence
    cell = "Triển khai ứng dụng ³ Công văn số 603/UBND-KT ngày 02/3/2023. công nghệ cao trong nông nghiệp."
    text, notes = separate_notes(cell)
    assert text == "Triển khai ứng dụng công nghệ cao trong nông nghiệp."
    assert notes == [("3", "Công văn số 603/UBND-KT ngày 02/3/2023.")]
    tasks = [task for leader in leaders for task in leader.tasks]
    notes = [(task, label) for task in tasks for label, _ in task.notes]
    labels = [int(label) for _, label in notes]
    assert len(notes) == 114 and len(set(labels)) == 114 and max(labels) == 118  # each note once
    assert sum(has_mark(task, label) for task, label in notes) == 111  # the others: no text marks them
    leftover = re.compile(r"(?:^|\s)[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s+[A-ZĐ]", re.MULTILINE)
    assert not [task.task[:60] for task in tasks for name in FIELDS if leftover.search(getattr(task, name))]


def test_a_tasks_own_number_typed_again_is_dropped(leaders):
    tasks = [task for leader in leaders for task in leader.tasks]
    assert not [task.task[:40] for task in tasks if re.match(r"\s*(\*\*)?\s*\d{1,2}\s*[.)]", task.task)]


def test_a_task_page_links_each_mark_to_its_note():
    rows = list(csv.DictReader(io.StringIO(DATA.read_text(encoding="utf-8-sig"))))
    row = next(row for row in rows if re.search(r"(?m)^³ ", row["Chú thích"]))
    page = task_table(2023, leader=next(r for r in load_file(DATA) if r.leader == row["Lãnh đạo"]).slug)
    number = row["Nhiệm vụ số"]
    assert f'href="#nv-{number}-cth-3"' in page and f'id="nv-{number}-cth-3"' in page
    assert "<h3>Kết quả thực hiện</h3>" in page and '<h3 class="bt-task__notes-title">Chú thích</h3>' in page


def _with_statuses(tmp_path: Path, statuses: dict[tuple[str, str], str]) -> Path:
    """A copy of the 2023 task file with the statuses an editor typed, keyed by (leader's STT, task number),
    and none proposed by the report's words."""
    rows = list(csv.DictReader(io.StringIO(DATA.read_text(encoding="utf-8-sig"))))
    for row in rows:
        row["Trạng thái"] = statuses.get((row["STT"], row["Nhiệm vụ số"]), "")
        row["Trạng thái theo báo cáo"] = row["Căn cứ trong báo cáo"] = ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / "2023.csv").write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    return tmp_path


STATUSES_TYPED = {
    ("2", "1"): "Hoàn thành",
    ("2", "2"): "hoan thanh",
    ("2", "3"): "ĐANG THỰC HIỆN",
    ("3", "1"): "chưa thực hiện",
}


def test_statuses_are_read_however_typed_and_counted_per_leader(tmp_path):
    data = _with_statuses(tmp_path, STATUSES_TYPED)
    rows = load_file(data / "2023.csv")
    tam = [row.shown_status for row in rows if row.order == 2]
    assert tam[:4] == ["hoàn thành", "hoàn thành", "đang thực hiện", "chưa đánh giá"]
    overview = task_overview(2023, data_dir=data)
    assert "392 nhiệm vụ: " in overview
    assert re.search(
        r"9 nhiệm vụ: <span[^>]*>2 hoàn thành</span>, <span[^>]*>1 đang thực hiện</span> và "
        r"<span[^>]*>6 chưa đánh giá</span>\.</td>",
        overview,
    )
    assert re.search(r"Cả 6 nhiệm vụ <span[^>]*>chưa đánh giá</span>\.</td>", overview)  # not '6: 6 chưa…'
    assert "theo báo cáo" not in overview
    page = task_table(2023, leader="tran-ngoc-tam", data_dir=data)
    assert page.count('data-task-status="hoàn thành">hoàn thành</span>') == 2


def test_status_filter_combines_with_the_words_typed(tmp_path, open_page, serve):
    (tmp_path / "data").mkdir()
    data = _with_statuses(tmp_path / "data", STATUSES_TYPED)
    site = tmp_path / "site"
    site.mkdir()
    script = REPO / "docs/assets/javascripts/loc-nhiem-vu.js"
    shutil.copy(script, site / script.name)
    for name, html in (
        ("tong-quan.html", task_overview(2023, data_dir=data)),
        ("tran-ngoc-tam.html", task_table(2023, leader="tran-ngoc-tam", data_dir=data)),
    ):
        page_html = f'<!doctype html><html lang="vi"><meta charset="utf-8"><body class="md-typeset">{html}'
        (site / name).write_text(f'{page_html}<script src="{script.name}"></script>', encoding="utf-8")
    with serve(site) as base:
        page = open_page(base_url=base)
        page.goto("tong-quan.html")
        status = page.get_by_label("Trạng thái")
        status.select_option("hoàn thành")
        expect(page.locator("#bt-leaders tbody tr:visible")).to_have_count(1)
        expect(page.locator(".bt-filter__count")).to_have_text("Có 1 trong 71 đồng chí có trạng thái “hoàn thành”.")
        status.select_option("chưa thực hiện")
        expect(page.locator("#bt-leaders tbody tr:visible")).to_contain_text("Huỳnh Quang Triệu")
        page.get_by_role("searchbox").fill("tran ngoc tam")  # a name with no task of that status
        expect(page.locator("#bt-leaders tbody tr:visible")).to_have_count(0)
        expect(page.locator(".bt-filter__count")).to_have_text(
            "Không có đồng chí nào có từ “tran ngoc tam” và trạng thái “chưa thực hiện”."
        )
        status.select_option("")
        expect(page.locator("#bt-leaders tbody tr:visible")).to_have_count(1)

        page.goto("tran-ngoc-tam.html")
        page.get_by_label("Trạng thái").select_option("đang thực hiện")
        expect(page.locator(".bt-task:visible")).to_have_count(1)
        expect(page.locator(".bt-task:visible h2")).to_contain_text("Nhiệm vụ 3")
        page.get_by_label("Trạng thái").select_option("chưa đánh giá")
        expect(page.locator(".bt-task:visible")).to_have_count(9 - 3)


# (result cell, next-steps cell) → the status the report's words state, or None; each a case of a class
PROPOSALS = [
    ("Đã hoàn thành.", "", "hoàn thành"),  # the result opens with it: the task
    ("Nhiệm vụ đã hoàn thành xong trong tháng 6.", "Tiếp tục theo dõi.", "hoàn thành"),
    ("Hoàn thành 100% kế hoạch.", "", "hoàn thành"),
    ("Tổ chức 3 hội nghị.", "Nhiệm vụ đã hoàn thành", "hoàn thành"),  # next steps that say it is done
    ("Chưa thực hiện, chờ hướng dẫn của Ban Tổ chức.", "", "chưa thực hiện"),
    ("Kế hoạch chưa được phê duyệt.", "", "chưa thực hiện"),
    ("Đang triển khai lập đề án.", "", "đang thực hiện"),
    ("Công trình cơ bản hoàn thành.", "", "đang thực hiện"),  # basically done is not done
    # statements further in speak of parts: parts all done, the task is; parts mixed or under way, under way
    ("Về dự án A: đã khởi công. Gói thầu 1: đã hoàn thành; gói thầu 2: đang thi công.", "", "đang thực hiện"),
    ("Tổ chức kiểm tra 22 đơn vị. Sở đã hoàn thành việc kiểm tra.", "", "hoàn thành"),
    ("Rà soát 12 hồ sơ. Huyện A đã hoàn thành; huyện B chưa thực hiện.", "", "đang thực hiện"),
    # no statement: goals, deadlines, 'tiếp tục', next steps that say what is planned, relative clauses
    ("Phấn đấu hoàn thành trong năm.", "", None),
    ("Dự kiến hoàn thành trước 30/6/2024.", "", None),
    ("Tổ chức tuyên truyền. Hoàn thành trước ngày 15/10.", "", None),
    ("Triển khai các chính sách đã ban hành.", "Tiếp tục thực hiện.", None),
    ("Chỉ đạo các sở thực hiện.", "Đang chờ ý kiến; chưa thực hiện bước 2.", None),
    ("Đảng thực hiện tốt công tác dân vận.", "", None),  # 'Đảng', not 'đang'
    ("", "", None),
]


@pytest.mark.parametrize(("result", "next_steps", "status"), PROPOSALS)
def test_the_report_s_words_propose_a_status(result, next_steps, status):
    proposal = propose(result, next_steps)
    assert (proposal.status if proposal else None) == status, proposal
    if proposal:
        # the words it rests on are the report's own, with the words that state it
        basis = proposal.basis.replace("…", "")
        assert basis and all(word in result + " " + next_steps for word in basis.split())
        assert re.search(r"hoàn thành|đang|chưa", basis.lower()), basis


def test_the_import_proposes_statuses_from_the_appendix_and_says_so(tmp_path):
    result = run_cli("tasks", str(APPENDIX), "--year", "2023", "--root", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert re.search(r"Theo lời báo cáo, \d+/392 nhiệm vụ có trạng thái \(", result.stdout), result.stdout
    rows = {(row.order, row.number): row for row in load_file(tmp_path / "data/tasks/2023.csv")}
    assert sum(bool(row.proposed) for row in rows.values()) >= 50
    assert not any(row.status for row in rows.values())  # the editor's column stays empty
    assert rows[(28, 1)].proposed == "hoàn thành" and rows[(28, 1)].basis == "Nhiệm vụ đã hoàn thành"
    assert rows[(39, 4)].proposed == "chưa thực hiện" and rows[(39, 4)].basis.startswith("Chưa thực hiện")
    assert rows[(41, 6)].proposed == "đang thực hiện"
    for row in rows.values():  # every basis quotes the row's own cells
        if row.proposed:
            cells = " ".join(words(row.result + " " + row.next_steps))
            assert all(part in cells for part in (" ".join(words(p)) for p in row.basis.split("…")) if part)


def test_a_proposed_status_shows_as_the_report_s_until_an_editor_confirms_it(tmp_path):
    rows = list(csv.DictReader(io.StringIO(DATA.read_text(encoding="utf-8-sig"))))
    proposed = [row for row in rows if row["Trạng thái theo báo cáo"]]
    assert proposed
    first = proposed[0]
    leader = load_file(DATA)[rows.index(first)].slug
    page = task_table(2023, leader=leader, data_dir=DATA.parent)
    badge = f'data-task-status="{first["Trạng thái theo báo cáo"]}">{first["Trạng thái theo báo cáo"]} '
    assert badge + '<span class="bt-task-status__by">theo báo cáo</span>' in page
    assert f"Trạng thái theo lời báo cáo: “{first['Căn cứ trong báo cáo']}”" in page
    assert "là theo lời báo cáo, chưa được xác nhận." in task_overview(2023, data_dir=DATA.parent)
    # the editor writes the status: it is theirs, the report's words are no longer shown
    first["Trạng thái"] = "đang thực hiện" if first["Trạng thái theo báo cáo"] == "hoàn thành" else "hoàn thành"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / "2023.csv").write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    confirmed = task_table(2023, leader=leader, data_dir=tmp_path)
    number = first["Nhiệm vụ số"]
    section = confirmed[confirmed.index(f'id="nhiem-vu-{number}"') :].split("</section>")[0]
    assert f'data-task-status="{first["Trạng thái"]}">{first["Trạng thái"]}</span>' in section
    assert "theo báo cáo" not in section and "Trạng thái theo lời báo cáo" not in section


def test_the_filter_counts_each_status_and_takes_its_words_to_the_leader_and_back(page: Page):
    page.goto("tien-do/2023/")
    status = page.get_by_label("Trạng thái")
    options = status.locator("option").all_text_contents()
    assert options[0] == "Tất cả (71)" and all(re.fullmatch(r".+ \(\d+\)", text) for text in options), options
    page.get_by_role("searchbox").fill("rach mieu")
    expect(status.locator("option").first).not_to_have_text("Tất cả (71)")  # counts follow the words
    shown = page.locator("#bt-leaders tbody tr:visible")
    expect(shown.first).to_be_visible()
    count = shown.count()
    expect(page.locator(".bt-filter__count")).to_have_text(f"Có {count} trong 71 đồng chí có từ “rach mieu”.")
    assert "loc=rach+mieu" in page.url  # a reload keeps the filter
    link = page.locator("#bt-leaders tbody tr:visible a").first
    link.click()
    page.wait_for_load_state()
    assert "?loc=rach+mieu" in page.url
    expect(page.get_by_role("searchbox")).to_have_value("rach mieu")
    marks = page.locator("mark.bt-filter-hit")
    expect(marks.first).to_be_visible()
    assert {fold(text) for text in marks.all_text_contents()} == {"rach mieu"}
    assert all(task.locator("mark.bt-filter-hit").count() for task in page.locator(".bt-task:visible").all())
    page.get_by_role("searchbox").fill("xyz khong co")
    expect(page.locator(".bt-filter__count")).to_have_text("Không có nhiệm vụ nào có từ “xyz khong co”.")
    expect(page.locator("mark.bt-filter-hit")).to_have_count(0)
    page.get_by_role("searchbox").fill("quy hoach")
    page.locator("a.bt-filter__back").click()
    page.wait_for_load_state()
    expect(page.get_by_role("searchbox")).to_have_value("quy hoach")
    expect(page.locator(".bt-filter__count")).to_contain_text("đồng chí có từ “quy hoach”.")
    page.get_by_role("searchbox").fill("tran ngoc")  # words the rows show are marked there too
    expect(page.locator("#bt-leaders tbody tr:visible mark.bt-filter-hit").first).to_have_text("Trần Ngọc")
