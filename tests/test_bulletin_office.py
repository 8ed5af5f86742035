"""Word (.docx) and PDF bulletins: the same issue as their text exports, and clear errors for bad files.

The fixtures are real files: tests/fixtures/office/make_fixtures.py wrote the .docx files with python-docx
(direct formatting, heading styles, real footnotes, a running header and page numbers) and had LibreOffice
print them to PDF.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from scripts.bulletin.model import Issue, Table, plain_text
from scripts.bulletin.pipeline import convert
from scripts.vietnamese import fold, words
from tests.support import FIXTURES, REPO, SAMPLES, SOURCES, import_json, run_cli, snapshot
from tests.test_bulletin_cli import assert_user_error
from tests.variants import article_words

OFFICE = FIXTURES / "office"
EXPECTED = json.loads((FIXTURES / "expected-structure.json").read_text(encoding="utf-8"))
CASES = [(sample, kind) for sample in SAMPLES for kind in ("docx", "pdf")]


def office_file(sample: str, kind: str) -> Path:
    return OFFICE / f"{Path(sample).stem}.{kind}"


def body_words(issue: Issue) -> Counter[str]:
    """Every word of every article: title, author, paragraphs, headings, lists, tables and footnotes."""
    counts: Counter[str] = Counter()
    for article in issue.articles:
        counts.update(words(f"{article.title} {article.author or ''}"))
        counts.update(article_words(article))
    return counts


@pytest.mark.parametrize(("sample", "kind"), CASES)
def test_office_file_matches_the_expected_structure(tmp_path, sample, kind):
    report = import_json(
        office_file(sample, kind), tmp_path, *(["--issue", SAMPLES[sample]] if SAMPLES[sample] else [])
    )
    expected = EXPECTED[sample]
    assert report["issue"] == expected["issue"]
    assert [fold(s["title"]) for s in report["sections"]] == [fold(s["title"]) for s in expected["sections"]]
    articles = report["articles"]
    assert [(a["section"], a["number"]) for a in articles] == [
        (a["section"], a["number"]) for a in expected["articles"]
    ]
    for found, wanted in zip(articles, expected["articles"], strict=True):
        assert fold(wanted["title_contains"]) in fold(found["title"])
        if wanted["author_contains"] is None:
            assert found["author"] is None
        else:
            assert fold(wanted["author_contains"]) in fold(found["author"] or "")


@pytest.mark.parametrize(("sample", "kind"), CASES)
def test_office_file_gives_the_text_export_issue_word_for_word(sample, kind):
    text = convert(SOURCES / sample, SAMPLES[sample])
    office = convert(office_file(sample, kind), SAMPLES[sample])
    assert [(s.number, s.title) for s in office.sections] == [(s.number, s.title) for s in text.sections]
    for mine, theirs in zip(office.articles, text.articles, strict=True):
        assert (mine.section, mine.number, mine.title, mine.author) == (
            theirs.section,
            theirs.number,
            theirs.title,
            theirs.author,
        )
        assert [(n.label, plain_text(n.inlines)) for n in mine.footnotes] == [
            (n.label, plain_text(n.inlines)) for n in theirs.footnotes
        ]
        assert [type(b).__name__ for b in mine.blocks] == [type(b).__name__ for b in theirs.blocks], mine.title
    assert body_words(office) == body_words(text)


def test_pdf_running_header_and_page_numbers_are_gone():
    issue = convert(office_file("bulletin-2024-02.txt", "pdf"), "2024-02")
    everything = " ".join(plain_text(b.inlines) for a in issue.articles for b in a.blocks if hasattr(b, "inlines"))
    assert "Thông tin sinh hoạt nội bộ - Số tháng 02/2024" not in everything
    assert body_words(issue) == body_words(convert(SOURCES / "bulletin-2024-02.txt", "2024-02"))


def test_tracked_changes_keep_the_accepted_text_and_say_so(tmp_path):
    source = OFFICE / "tracked-changes.docx"
    result = run_cli("import", source, root=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Track Changes" in result.stderr and "comment" in result.stderr
    page = next((tmp_path / "docs" / "ban-tin" / "2024" / "05").glob("1-1-*.md")).read_text(encoding="utf-8")
    assert "Chi bộ đã thảo luận và thống nhất nghị quyết." in page
    assert "bỏ qua" not in page and "Kiểm tra lại" not in page


@pytest.mark.parametrize(
    ("name", "mentions"),
    [
        ("corrupt.docx", "Word"),
        ("corrupt.pdf", "hỏng"),
        ("encrypted.pdf", "mật khẩu"),
        ("scanned.pdf", "lớp chữ"),
    ],
)
def test_bad_office_files_get_one_vietnamese_line_and_write_nothing(tmp_path, name, mentions):
    root = tmp_path / "site"
    root.mkdir()
    before = snapshot(root)
    result = run_cli("import", OFFICE / name, root=root)
    assert_user_error(result, mentions=mentions)
    assert snapshot(root) == before


def test_word_automatic_numbering_gives_sections_and_articles():
    issue = convert(OFFICE / "numbered.docx")
    assert issue.issue == "2024-06"
    assert [(s.number, s.title) for s in issue.sections] == [
        (1, "Một số nội dung cần thiết sinh hoạt tại chi bộ"),
        (2, "Một số nội dung tham khảo"),
    ]
    assert [(a.section, a.number, a.title, a.author) for a in issue.articles] == [
        (1, 1, "Học tập Nghị quyết", "Ban Biên tập"),
        (1, 2, "Công tác phát triển đảng viên", "Ban Biên tập"),
        (2, 1, "Tình hình thế giới tháng 6", "Ban Biên tập"),
    ]


def test_a_two_column_pdf_is_read_column_by_column():
    issue = convert(OFFICE / "two-columns.pdf")
    (article,) = issue.articles
    assert (article.title, article.author) == ("Bài dàn hai cột", "Ban Biên tập")
    paragraphs = [plain_text(block.inlines) for block in article.blocks]
    assert paragraphs == [
        f"Đoạn thứ {n}: các chi bộ tổ chức học tập, quán triệt nghị quyết, thảo luận cụ thể hoá thành chương "
        "trình hành động, phân công đảng viên phụ trách và kiểm tra việc thực hiện hằng tháng."
        for n in range(1, 15)
    ]


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_tables_merged_cells_endnotes_and_line_breaks(kind):
    issue = convert(OFFICE / f"table.{kind}")
    (article,) = issue.articles
    assert (article.title, article.author) == ("Kết quả kết nạp đảng viên 6 tháng", "Ban Tổ chức Tỉnh ủy")
    paragraph, table, closing = article.blocks
    # the line break inside the paragraph is a space, the endnote mark stays a mark
    assert plain_text(paragraph.inlines) == "Các đảng bộ đã kết nạp nhiều đảng viên mới trong 6 tháng đầu năm."
    assert isinstance(table, Table)
    assert table.rows == [
        ["Đảng bộ", "Chỉ tiêu", "Kết quả"],
        ["Huyện Ba Tri", "120", "127"],
        ["Huyện Giồng Trôm", "110", "98"],
        ["Toàn tỉnh", "Xem báo cáo tổng hợp", ""],  # a cell merged over two columns: its text once
    ]
    assert plain_text(closing.inlines).startswith("Các chi bộ tiếp tục rà soát")
    assert [plain_text(note.inlines) for note in article.footnotes] == ["Số liệu đến ngày 30/6/2024."]
    assert not issue.warnings


def test_pdf_line_end_hyphen_is_kept_whatever_code_point_pdfium_reports():
    # PDFium reports the hyphen that ends a line ('27/NQ-' | 'UBTVQH15') as U+0002
    issue = convert(OFFICE / "line-end-hyphens.pdf")
    text = " ".join(plain_text(b.inlines) for b in issue.articles[0].blocks if hasattr(b, "inlines"))
    assert text.count("Nghị quyết số 27/NQ-UBTVQH15 và Kết luận số 21-KL/TW") == 8
    assert "\x02" not in text and "NQ- " not in text


def _rewritten(source: Path, target: Path, parts: dict[str, bytes]) -> Path:
    """A copy of the .docx `source` with `parts` (name → content) put in or replaced."""
    import zipfile

    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            if item.filename not in parts:
                copy.writestr(item, original.read(item.filename))
        for name, content in parts.items():
            copy.writestr(name, content)
    return target


# the import under a limit on its memory (address space), to show that a refusal reads nothing
UNDER_LIMIT = """
import resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]),) * 2)
sys.argv = ["scripts.bulletin", "import", *sys.argv[2:]]
runpy.run_module("scripts.bulletin", run_name="__main__")
"""


def test_a_docx_that_would_inflate_to_gigabytes_is_refused_before_it_is_read(tmp_path):
    """A zip bomb: a few hundred KB that unpack to 400 MB. Refused from the zip's table, unread."""
    import subprocess
    import sys

    source = office_file("bulletin-2023-10.md", "docx")
    bomb = _rewritten(source, tmp_path / "bom.docx", {"word/media/x.bin": bytes(400_000_000)})
    assert bomb.stat().st_size < 2_000_000
    root = tmp_path / "site"
    root.mkdir()
    result = run_cli("import", bomb, root=root)
    assert_user_error(result, mentions="giải nén ra 4")
    assert not (root / "docs").exists()
    command = [sys.executable, "-c", UNDER_LIMIT, "600000000", str(bomb), "--root", str(root)]
    limited = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert limited.returncode == 1 and "giải nén ra" in limited.stderr and "MemoryError" not in limited.stderr


@pytest.mark.parametrize(
    "doctype",
    [
        "<!DOCTYPE w [<!ENTITY a 'ha'>"
        + "".join(f"<!ENTITY {b} '{f'&{a};' * 10}'>" for a, b in zip("abcd", "bcde", strict=True))
        + "]>",
        '<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["entity-expansion", "external-entity"],
)
def test_xml_entities_in_a_docx_part_are_never_expanded(tmp_path, doctype):
    import zipfile

    source = office_file("bulletin-2023-10.md", "docx")
    with zipfile.ZipFile(source) as package:
        notes = package.read("word/footnotes.xml").decode("utf-8")
    head, _, rest = notes.partition("?>")
    first_text = rest.index("<w:t")
    first_text = rest.index(">", first_text) + 1
    hostile = f"{head}?>{doctype}{rest[:first_text]}&e;{rest[first_text:]}"
    path = _rewritten(source, tmp_path / "entities.docx", {"word/footnotes.xml": hostile.encode("utf-8")})
    root = tmp_path / "site"
    root.mkdir()
    result = run_cli("import", path, root=root)
    if result.returncode == 0:  # read with the entity left out
        written = "".join(p.read_text(encoding="utf-8") for p in root.rglob("*.md"))
        assert "root:" not in written and "hahaha" not in written
    else:
        assert_user_error(result, mentions="Word")
        assert not (root / "docs").exists()


def test_a_pdf_beyond_the_page_limit_is_refused_before_its_pages_are_read(tmp_path):
    from fpdf import FPDF

    from scripts.bulletin.readers.pdf import MAX_PAGES

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for number in range(MAX_PAGES + 1):
        pdf.add_page()
        pdf.cell(0, 10, f"Trang {number}")
    path = tmp_path / "dai.pdf"
    pdf.output(str(path))
    root = tmp_path / "site"
    root.mkdir()
    result = run_cli("import", path, "--issue", "2024-05", root=root)
    assert_user_error(result, mentions=f"{MAX_PAGES + 1} trang")
    assert not (root / "docs").exists()


def test_a_pdf_title_set_apart_only_by_larger_centred_type_is_read_as_one(tmp_path):
    """No bold, no heading font: a title ending like a sentence is still a title when it is set in larger
    type in the middle of the line, as the other titles of the file are; the same line as text is not."""
    from fpdf import FPDF

    from scripts.bulletin.readers import read_source
    from tests.generator import FONTS
    from tests.test_bulletin_grammar import BODY

    def printed(path: Path, title_size: int, align: str) -> Path:
        pdf = FPDF(format="A4")
        pdf.add_font("body", "", FONTS / "DejaVuSerif.ttf")
        pdf.add_page()
        lines = [("Số tháng 05/2024", 12, "C"), ("I. MỘT SỐ NỘI DUNG SINH HOẠT CHI BỘ", 12, "L")]
        lines += [("1. Đổi mới phương thức lãnh đạo của Đảng", title_size, align), (BODY * 3, 12, "J")]
        lines += [("2. Tiếp tục chăm lo đời sống nhân dân.", title_size, align), (BODY * 3, 12, "J")]
        for text, size, where in lines:
            pdf.set_font("body", "", size)
            pdf.multi_cell(0, 7, text, align=where, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        pdf.output(str(path))
        return path

    set_apart = printed(tmp_path / "set-apart.pdf", 15, "C")
    blocks = {block.text: block for block in read_source(set_apart, [])}
    title = blocks["2. Tiếp tục chăm lo đời sống nhân dân."]
    assert title.larger and title.centred and not title.all_bold
    assert not blocks[BODY * 3].larger and not blocks[BODY * 3].centred
    assert [a.title for a in convert(set_apart).articles] == [
        "Đổi mới phương thức lãnh đạo của Đảng",
        "Tiếp tục chăm lo đời sống nhân dân",  # the full stop a title does not need goes
    ]
    plain = printed(tmp_path / "plain.pdf", 12, "L")
    assert [a.title for a in convert(plain).articles] == ["Đổi mới phương thức lãnh đạo của Đảng"]


def test_a_paragraph_that_opens_two_pages_is_text_not_a_running_head(tmp_path):
    """The same paragraph at the top of two pages of three (a quotation repeated, a standard formula) is in
    the text's type and spacing: not a running head, so both stay."""
    from fpdf import FPDF

    from tests.generator import FONTS
    from tests.test_bulletin_grammar import BODY

    opening = "Quán triệt sâu sắc quan điểm của Đảng về công tác xây dựng Đảng và hệ thống chính trị, các cấp ủy"
    pdf = FPDF(format="A4")
    pdf.add_font("body", "", FONTS / "DejaVuSerif.ttf")
    pdf.add_font("body", "B", FONTS / "DejaVuSerif-Bold.ttf")

    def para(text: str, style: str = "") -> None:
        pdf.set_font("body", style, 12)
        pdf.multi_cell(0, 7, text, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    pdf.add_page()
    para("Số tháng 05/2024", "B")
    para("I. MỘT SỐ NỘI DUNG SINH HOẠT CHI BỘ", "B")
    para("1. Bài thứ nhất", "B")
    para(BODY * 2)
    for number in (2, 3):
        pdf.add_page()
        para(f"{opening} {BODY}")
        if number == 2:
            para("2. Bài thứ 2", "B")
    path = tmp_path / "lap-lai.pdf"
    pdf.output(str(path))
    issue = convert(path, "2024-05")
    text = " ".join(article_words_text(article) for article in issue.articles)
    assert text.count("Quán triệt sâu sắc") == 2
    assert [a.title for a in issue.articles] == ["Bài thứ nhất", "Bài thứ 2"]


def article_words_text(article) -> str:
    return " ".join(plain_text(block.inlines) for block in article.blocks if hasattr(block, "inlines"))
