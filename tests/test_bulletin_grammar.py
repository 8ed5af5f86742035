"""The grammar of how bulletins are typed (scripts/bulletin/grammar.py), line by line, and the failures it
was written against, each as a small bulletin."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from scripts.bulletin import grammar
from scripts.bulletin.model import BulletList, Heading, Paragraph, plain_text
from scripts.bulletin.pipeline import convert
from tests.support import run_cli


@pytest.mark.parametrize(
    ("line", "number", "title"),
    [
        ("1. Tiêu đề bài", 1, "Tiêu đề bài"),
        ("1 . Tiêu đề bài", 1, "Tiêu đề bài"),
        ("4.Tiêu đề bài", 4, "Tiêu đề bài"),
        ("2) Tiêu đề bài", 2, "Tiêu đề bài"),
        ("3/ Tiêu đề bài", 3, "Tiêu đề bài"),
        ("3- Tiêu đề bài", 3, "Tiêu đề bài"),
        ("3 – Tiêu đề bài", 3, "Tiêu đề bài"),
        ("Bài 5: Tiêu đề bài", 5, "Tiêu đề bài"),
        ("bài 5. Tiêu đề bài", 5, "Tiêu đề bài"),
        ("1\tTiêu đề bài", 1, "Tiêu đề bài"),
        ("1\u00a0Tiêu đề bài", 1, "Tiêu đề bài"),
        ("12.\u00a0Tiêu đề bài", 12, "Tiêu đề bài"),
    ],
)
def test_article_numbering_forms(line, number, title):
    found = grammar.article_line(line)
    assert found is not None and (found.number, found.title) == (number, title)


@pytest.mark.parametrize(
    "line",
    [
        "3.1. Mục con của bài",
        "3.1 Mục con",
        "3. 10. Giải pháp thứ mười",
        "2.4) Tiếp tục",
        "a) Về công tác tư tưởng",
        "(1) Kết nạp đảng viên mới",
        "Thứ nhất, tăng cường công tác",
        "Một là, xây dựng tổ chức cơ sở đảng",
        "2.596/2.601 chi bộ trực thuộc đảng ủy cơ sở",
        "1/2024 là tháng đầu năm",
        "1-2 năm tới",
        "Năm 2024, tỉnh tập trung",
    ],
)
def test_sub_items_and_numbers_never_start_an_article(line):
    assert grammar.article_line(line) is None


@pytest.mark.parametrize(
    ("line", "emphasised", "number", "title"),
    [
        ("I. MỘT SỐ NỘI DUNG CẦN THIẾT", False, 1, "MỘT SỐ NỘI DUNG CẦN THIẾT"),
        ("II/ THÔNG TIN THAM KHẢO", False, 2, "THÔNG TIN THAM KHẢO"),
        ("III- THÔNG TIN THAM KHẢO", False, 3, "THÔNG TIN THAM KHẢO"),
        ("IV - THÔNG TIN THAM KHẢO", False, 4, "THÔNG TIN THAM KHẢO"),
        ("PHẦN I: MỘT SỐ NỘI DUNG", False, 1, "MỘT SỐ NỘI DUNG"),
        ("Phần II. Thông tin tham khảo", False, 2, "Thông tin tham khảo"),
        ("PHẦN III", False, 3, ""),
        ("I. Một số nội dung cần thiết", True, 1, "Một số nội dung cần thiết"),
    ],
)
def test_section_forms(line, emphasised, number, title):
    assert grammar.section_line(line, emphasised) == (number, title)


def test_a_roman_line_in_mixed_case_is_a_section_only_when_set_apart():
    assert grammar.section_line("I. Một số nội dung", emphasised=False) is None
    assert grammar.section_line("V. Hồ Chí Minh toàn tập", emphasised=False) is None


@pytest.mark.parametrize(
    "line",
    [
        "Ban Biên tập",
        "Ngô Văn Bảo",
        "Trần Văn Ứng, Ban Tuyên giáo Tỉnh ủy",
        "Phòng Lý luận Chính trị và Lịch sử Đảng, Ban Tuyên giáo Tỉnh ủy",
        "Hội LHPN tỉnh Bến Tre",
        "Văn phòng Tỉnh ủy",
        "Công an tỉnh Bến Tre",
        "Nguyễn Thị Lan (BBT)",
        "Ban Biên tập (TTXVN)",
        "Hồng Nhung (Nguồn: Báo Đồng Khởi)",
        "Theo Báo Nhân Dân",
        "Nguồn: Cổng thông tin điện tử tỉnh",
        "(BBT)",
        "Ban Biên tập.",
        "TS. Trần Thị Minh Tuyết",
    ],
)
def test_author_forms(line):
    assert grammar.author_line(line)
    assert grammar.plain_author_line(line) or grammar.person_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Hội nghị lần thứ 8 Ban Chấp hành Trung ương",
        "Đoàn kết là sức mạnh",
        "Ban Thường vụ Tỉnh ủy đã chỉ đạo các cấp ủy triển khai.",
        "Những kết quả và điểm sáng đạt được trong năm 2023",
        "MỘT SỐ NỘI DUNG THAM KHẢO",
        "Cụ thể như sau:",
    ],
)
def test_text_that_is_no_author(line):
    assert not grammar.author_line(line)


def test_positions_and_lead_ins():
    assert grammar.position_line("Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh")
    assert grammar.position_line("Quyền Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh")
    assert not grammar.position_line("Phó Chủ tịch nước đã đến thăm.")
    assert grammar.is_lead_in("cần tập trung thực hiện các giải pháp cụ thể như sau:")
    assert grammar.bullet("- Xử phạt hành chính") == ("-", "Xử phạt hành chính")
    assert grammar.bullet("+ Bắt 01 đối tượng") == ("+", "Bắt 01 đối tượng")
    assert grammar.bullet("-5% so với cùng kỳ") is None


# --- the failures the rules were written against ---------------------------------------------------

HEAD = "BAN TUYÊN GIÁO TỈNH ỦY\nSố tháng 05/2024\nI. MỘT SỐ NỘI DUNG CẦN THIẾT\n"
BODY = "Nội dung của bài, một đoạn văn đủ dài để không ai nhầm là tiêu đề, kết thúc bằng dấu chấm."


def text_bulletin(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ban-tin.txt"
    path.write_text(HEAD + text, encoding="utf-8")
    return path


def test_a_number_typed_without_a_space_starts_its_own_article(tmp_path):
    articles = "".join(f"{n}. Bài số {n}\n{BODY}\nBan Biên tập\n" for n in (1, 2, 3))
    source = text_bulletin(tmp_path, f"{articles}4.Bài thứ tư\n{BODY}\nVăn phòng Tỉnh ủy\n")
    issue = convert(source)
    assert [(a.number, a.title, a.author) for a in issue.articles][-2:] == [
        (3, "Bài số 3", "Ban Biên tập"),
        (4, "Bài thứ tư", "Văn phòng Tỉnh ủy"),
    ]


LONG_TITLE = (
    "05 Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tăng cường khối đại đoàn kết dân tộc; "
    "xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh, góp phần thực hiện thắng lợi Nghị quyết Đại hội "
    "đại biểu Đảng bộ tỉnh lần thứ XI"
)


@pytest.mark.parametrize("title", ["10 năm thực hiện Nghị quyết số 06", LONG_TITLE])
@pytest.mark.parametrize("author", ["\nBan Biên tập", ""])
def test_a_title_beginning_with_a_number_typed_without_a_space_is_not_a_sub_item(tmp_path, title, author):
    """'2.05 …' inside article 1 cannot be a point of article 2, which has not begun: it is article 2 typed
    '2.' + '05 …' (whether or not an author stands under it). '1.1' inside article 1 stays its point."""
    text = f"1.{title}\nBan Biên tập\n1.1. {BODY}\n{BODY}\n2.{title}{author}\n{BODY}\n"
    issue = convert(text_bulletin(tmp_path, text))
    assert [(a.number, a.title) for a in issue.articles] == [(1, title), (2, title)]
    assert plain_text(issue.articles[0].blocks[0].inlines).startswith("1.1.")


def test_a_first_article_typed_without_a_space_before_a_number_is_not_a_sub_item(tmp_path):
    """'1.05 …' right under a section's line: no article has begun, so it is article 1, not a point of one."""
    text = f"1. Bài thứ nhất\n{BODY}\nII. MỤC HAI\n1.{LONG_TITLE}\n{BODY}\n2.Bài thứ hai\n{BODY}\n"
    issue = convert(text_bulletin(tmp_path, text))
    assert [(a.section, a.number, a.title) for a in issue.articles][1:] == [(2, 1, LONG_TITLE), (2, 2, "Bài thứ hai")]


def test_name_with_an_abbreviation_in_parentheses_is_the_author(tmp_path):
    issue = convert(text_bulletin(tmp_path, f"1. Tiêu đề bài\n{BODY}\nNguyễn Thị Lan (BBT)\n"))
    assert issue.articles[0].author == "Nguyễn Thị Lan (BBT)"
    assert all("Nguyễn Thị Lan" not in plain_text(b.inlines) for b in issue.articles[0].blocks)


def test_a_footnote_printed_under_the_next_article_goes_back_to_its_mark(tmp_path):
    # as a PDF prints it: the note at the foot of the page on which article 2 begins
    source = text_bulletin(
        tmp_path,
        f"1. Bài một\nĐoạn có dấu chú thích[footnoteRef:1] ở giữa câu.\nBan Biên tập\n"
        f"2. Bài hai\n[1: Nội dung chú thích của bài một.]\n{BODY}\nBan Biên tập\n",
    )
    first, second = convert(source).articles
    assert [plain_text(n.inlines) for n in first.footnotes] == ["Nội dung chú thích của bài một."]
    assert second.footnotes == [] and "chú thích" not in " ".join(plain_text(b.inlines) for b in second.blocks)


def word_bulletin(tmp_path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    """A .docx of (text, how) paragraphs: how is 'bold', 'centre', 'right' (author) or '' (body)."""
    document = Document()
    for text, how in [("Số tháng 05/2024", ""), ("I. MỘT SỐ NỘI DUNG CẦN THIẾT", "bold"), *paragraphs]:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = how == "bold" or None
        run.italic = how == "right" or None
        if how == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif how == "centre":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    path = tmp_path / "ban-tin.docx"
    document.save(path)
    return path


def test_word_title_never_swallows_its_first_numbered_sub_heading(tmp_path):
    source = word_bulletin(
        tmp_path,
        [
            ("1. Tăng cường công tác xây dựng Đảng", "bold"),
            ("Ban Tổ chức Tỉnh ủy", "right"),
            ("1.1. Về công tác chính trị tư tưởng", "bold"),
            (BODY, ""),
        ],
    )
    article = convert(source).articles[0]
    assert article.title == "Tăng cường công tác xây dựng Đảng"
    assert article.author == "Ban Tổ chức Tỉnh ủy"
    assert isinstance(article.blocks[0], Heading) and plain_text(article.blocks[0].inlines).startswith("1.1.")


def test_word_typed_bullets_are_lists_and_lead_ins_stay_paragraphs(tmp_path):
    source = word_bulletin(
        tmp_path,
        [
            ("1. Tình hình an ninh trật tự", "bold"),
            ("Trong tháng, lực lượng công an đã thực hiện các nhiệm vụ sau:", ""),
            ("- Xử phạt hành chính 02 đối tượng.", ""),
            ("+ Bắt 01 đối tượng truy nã.", ""),
            ("Kết quả cụ thể:", ""),
            (BODY, ""),
        ],
    )
    blocks = convert(source).articles[0].blocks
    assert [type(b) for b in blocks] == [Paragraph, BulletList, Paragraph, Paragraph]
    assert [plain_text(item) for item in blocks[1].items] == [
        "Xử phạt hành chính 02 đối tượng.",
        "Bắt 01 đối tượng truy nã.",
    ]
    # the page holds a Markdown list, not escaped '\-' text, and no heading made of a lead-in
    result = run_cli("import", source, root=tmp_path / "site")
    assert result.returncode == 0, result.stderr
    written = next((tmp_path / "site" / "docs" / "ban-tin" / "2024" / "05").glob("1-1-*.md")).read_text("utf-8")
    assert "\n- Xử phạt hành chính 02 đối tượng.\n- Bắt 01 đối tượng truy nã.\n" in written
    assert "\\-" not in written and "## Kết quả cụ thể" not in written


def test_word_centred_title_lines_are_titles_even_with_a_gap(tmp_path):
    source = word_bulletin(
        tmp_path,
        [("1. Bài một", "centre"), (BODY, ""), ("Ban Biên tập", "right"), ("3. Bài ba", "centre"), (BODY, "")],
    )
    issue = convert(source)
    assert [(a.title, a.author) for a in issue.articles] == [("Bài một", "Ban Biên tập"), ("Bài ba", None)]


def test_blank_lines_set_a_title_apart_only_where_paragraphs_have_none(tmp_path):
    """A blank line above and below a line is evidence for a title where the text's paragraphs run on
    without blank lines; where every line is followed by one, blank lines say nothing."""
    paragraphs = "\n".join([BODY] * 4)
    titles = "\n".join(f"\n{n}. Bài thứ {n}\n\n{paragraphs}" for n in (1, 2))
    spaced = convert(text_bulletin(tmp_path, titles + "\n"))
    evidence = [[name for name, _ in spaced.decisions[a.line].evidence] for a in spaced.articles]
    assert [a.title for a in spaced.articles] == ["Bài thứ 1", "Bài thứ 2"]
    assert all("blank lines around" in names for names in evidence)
    every_line = "\n\n".join(f"{n}. Bài thứ {n}\n\n" + "\n\n".join([BODY] * 4) for n in (1, 2))
    plain = convert(text_bulletin(tmp_path, every_line + "\n"))
    assert [a.title for a in plain.articles] == ["Bài thứ 1", "Bài thứ 2"]
    assert all(
        "blank lines around" not in [name for name, _ in plain.decisions[a.line].evidence] for a in plain.articles
    )
    confidence = [spaced.decisions[a.line].confidence - plain.decisions[b.line].confidence
                  for a, b in zip(spaced.articles, plain.articles, strict=True)]  # fmt: skip
    assert all(gain > 0 for gain in confidence)
