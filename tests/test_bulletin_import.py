"""The real import command on the real sample bulletins: structure, text kept, export marks gone."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from scripts.vietnamese import fold
from tests.support import FIXTURES, SAMPLES, SOURCES, import_json, page_html, page_text, word_counts

EXPECTED = json.loads((FIXTURES / "expected-structure.json").read_text(encoding="utf-8"))


def same_text(needle: str, haystack: str) -> bool:
    """Containment without regard to case, Unicode form or tone placement."""
    return fold(needle) in fold(haystack)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict, Path]]:
    """Both samples imported into one fresh site; sample → (JSON report, root)."""
    root = tmp_path_factory.mktemp("site")
    return {name: (import_json(SOURCES / name, root), root) for name in SAMPLES}


@pytest.mark.parametrize("sample", list(SAMPLES))
def test_issue_and_sections_match_expected_structure(imported, sample):
    report, _ = imported[sample]
    expected = EXPECTED[sample]
    assert report["issue"] == expected["issue"]
    assert [s["number"] for s in report["sections"]] == [s["number"] for s in expected["sections"]]
    for found, wanted in zip(report["sections"], expected["sections"], strict=True):
        assert fold(found["title"]) == fold(wanted["title"])


@pytest.mark.parametrize("sample", list(SAMPLES))
def test_articles_match_expected_structure(imported, sample):
    report, _ = imported[sample]
    expected = EXPECTED[sample]["articles"]
    assert [(a["section"], a["number"]) for a in report["articles"]] == [(a["section"], a["number"]) for a in expected]
    for found, wanted in zip(report["articles"], expected, strict=True):
        assert same_text(wanted["title_contains"], found["title"]), found["title"]
        if wanted["author_contains"] is None:
            assert found["author"] is None, found["title"]
        else:
            assert found["author"] and same_text(wanted["author_contains"], found["author"])


def test_titles_spread_over_lines_are_joined_and_sentence_cased(imported):
    report, _ = imported["bulletin-2024-02.txt"]
    first = report["articles"][0]["title"]
    assert first.startswith("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
    assert first.endswith("Nghị quyết Đại hội đảng bộ các cấp") or "lần thứ XI" in first
    assert report["sections"][0]["title"] == "Thực hiện Kết luận số 01-KL/TW của Bộ Chính trị"
    report, _ = imported["bulletin-2023-10.md"]
    assert report["articles"][-1]["title"].endswith(": Phụ nữ Bến Tre tích cực thi đua “Đồng Khởi mới”")


def test_tab_indented_name_and_position_make_one_author(imported):
    report, _ = imported["bulletin-2024-02.txt"]
    authors = {a["number"]: a["author"] for a in report["articles"] if a["section"] == 2}
    assert authors[2] == "Hồ Thị Hoàng Yến, Quyền Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh"
    assert authors[3] == "Trần Ngọc Tam, Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh Bến Tre"


def test_paths_are_ascii_and_written_where_reported(imported):
    for report, root in imported.values():
        for article in report["articles"]:
            assert re.fullmatch(r"docs/ban-tin/\d{4}/\d{2}/\d-\d+-[a-z0-9-]+\.md", article["path"])
            assert (root / article["path"]).is_file()


def test_front_matter_of_an_article(imported):
    report, root = imported["bulletin-2023-10.md"]
    from tests.support import front_matter

    meta = front_matter(root / report["articles"][5]["path"])
    assert meta["title"].startswith("Những lưu ý trong lãnh đạo sơ kết 3 năm")
    assert meta["issue"] == "2023-10"
    assert (meta["section"], meta["article"]) == (2, 1)
    assert meta["section_title"] == "Thông tin tham khảo"
    assert meta["author"] == "Ngô Văn Bảo, Ban Tuyên giáo Tỉnh ủy"
    assert meta["source"] == "bulletin-2023-10.md"


# --- no text is lost ------------------------------------------------------------------------------


def source_words_without_export_marks(sample: str):
    """Words of a sample as printed: footnote marks, bookmarks and the printed contents list aside."""
    text = (SOURCES / sample).read_text(encoding="utf-8-sig")
    text = re.sub(r"<sup>.*?</sup>", " ", text)  # footnote marks ('1', '(1)', '[1]')
    text = re.sub(r"\[(\d{1,3})\]", " ", text)  # plain footnote marks and labels
    text = re.sub(r"\[bookmark: [^\]]*\]", " ", text)
    text = re.sub(r"\[footnoteRef:\d+\]", " ", text)
    text = re.sub(r"\[(\d+): ", " ", text)  # the label of a footnote text
    # an article's number ('2. Tăng cường …') is structure: front matter and the issue's numbered list
    lines = text.split("\n")
    for article in EXPECTED[sample]["articles"]:
        for position, line in enumerate(lines):
            if fold(article["title_contains"][:40]) in fold(line) and re.match(r"^[#*\s]*\d+\.", line):
                lines[position] = re.sub(r"^([#*\s]*)\d+\.", r"\1", line)
    text = "\n".join(lines)
    if "Trong số này" in text:  # the bulletin's own contents list is replaced by the issue page
        start = text.index("Trong số này")
        end = re.compile(r"^# \*\*I\.", re.MULTILINE).search(text, start).start()
        text = text[:start] + text[end:]
    return word_counts(text)


@pytest.mark.parametrize("sample", list(SAMPLES))
def test_no_word_of_the_source_is_lost(imported, sample):
    report, root = imported[sample]
    folder = root / Path(report["articles"][0]["path"]).parent
    pages = word_counts(" ".join(page_text(p.read_text(encoding="utf-8")) for p in folder.glob("*.md")))
    missing = source_words_without_export_marks(sample) - pages
    assert not missing, f"words lost: {dict(missing)}"


def test_every_footnote_keeps_its_text_in_its_article(imported):
    report, root = imported["bulletin-2023-10.md"]
    counts = {(a["section"], a["number"]): a["footnotes"] for a in report["articles"]}
    assert counts[(1, 3)] == 6 and counts[(2, 1)] == 3 and counts[(2, 2)] == 1
    page = (root / report["articles"][6]["path"]).read_text(encoding="utf-8")
    assert "Q&amp;Me[^1]" in page
    assert "[^1]: Dịch vụ nghiên cứu thị trường đặc biệt" in page
    rendered = page_html(page)
    assert 'class="footnote"' in rendered and 'href="#fn:1"' in rendered


def test_paragraph_cut_by_a_footnote_at_the_page_bottom_is_joined(imported):
    report, root = imported["bulletin-2023-10.md"]
    text = page_text((root / report["articles"][6]["path"]).read_text(encoding="utf-8"))
    assert "“Lấy cái đẹp, dẹp cái xấu”, “Lấy tích cực đẩy lùi tiêu cực”" in text


@pytest.mark.parametrize(
    "joined",
    [
        "trước mắt và lâu dài trong quản lý",  # cut between two words
        "Tổng Bí thư Nguyễn Phú Trọng đã nhấn mạnh",  # next part starts with a capital
        "quản lý cấp tỉnh, cán bộ diện Ban Thường vụ Tỉnh ủy quản lý. Có 629/629 đảng bộ, chi bộ cơ sở; "
        "2.596/2.601 chi bộ",  # cut after ';' before a figure
        "Hồ Chí Mình); (2) Xây dựng chi bộ",  # inside a footnote text
    ],
)
def test_paragraphs_cut_by_page_breaks_are_joined(imported, joined):
    report, root = imported["bulletin-2023-10.md"]
    folder = root / Path(report["articles"][0]["path"]).parent
    texts = [page_text(p.read_text(encoding="utf-8")) for p in folder.glob("*.md")]
    assert any(joined in re.sub(r"\s+", " ", text) for text in texts)


def test_export_marks_are_gone(imported):
    for report, root in imported.values():
        folder = root / Path(report["articles"][0]["path"]).parent
        for page in folder.glob("*.md"):
            source = page.read_text(encoding="utf-8")
            for mark in ("[bookmark:", "[footnoteRef", "<sup>", "&lt;sup&gt;"):
                assert mark not in source, (page.name, mark)
            text = page_text(source)
            assert "**" not in text and "\\*" not in text and not re.search(r"(^|\s)\*(\s|$)", text), page.name


def test_heading_levels_come_from_numbering_not_from_hash_counts(imported):
    report, root = imported["bulletin-2023-10.md"]
    for article in report["articles"]:
        html = page_html((root / article["path"]).read_text(encoding="utf-8"))
        levels = [int(n) for n in re.findall(r"<h([1-6])", html)]
        assert levels.count(1) == 1 and levels[0] == 1, article["path"]
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (article["path"], levels)
    page = page_html((root / report["articles"][4]["path"]).read_text(encoding="utf-8"))
    assert re.search(r"<h2[^>]*>Những kết quả đạt được trong 9 tháng năm 2023</h2>", page)
    assert re.search(r"<h3[^>]*>Về công tác xây dựng Đảng, xây dựng hệ thống chính trị</h3>", page)


def test_second_roman_one_inside_an_article_is_a_heading_not_a_section(imported):
    report, root = imported["bulletin-2024-02.txt"]
    assert len(report["sections"]) == 3
    html = page_html((root / report["articles"][0]["path"]).read_text(encoding="utf-8"))
    assert re.search(r"<h2[^>]*>I\. Sự cần thiết của chuyên đề</h2>", html)
    # numbered paragraphs stay paragraphs with their own number
    assert re.search(r"<p>2\. Yếu tố quyết định thành công", html)
    assert "<ol>" not in html


def test_missing_footnote_text_drops_the_mark_with_a_warning(imported):
    report, root = imported["bulletin-2024-02.txt"]
    assert any("chú thích 1" in w for w in report["warnings"])
    assert "[^" not in (root / report["articles"][0]["path"]).read_text(encoding="utf-8")


def test_article_pages_link_to_previous_and_next_article_of_the_issue(imported):
    report, root = imported["bulletin-2024-02.txt"]
    paths = [Path(a["path"]).name for a in report["articles"]]
    for position, article in enumerate(report["articles"]):
        html = page_html((root / article["path"]).read_text(encoding="utf-8"))
        previous = re.search(r'<a class="bt-prev" href="([^"]+)"', html)
        following = re.search(r'<a class="bt-next" href="([^"]+)"', html)
        assert (previous.group(1) if previous else None) == (paths[position - 1] if position else None)
        assert (following.group(1) if following else None) == (
            paths[position + 1] if position + 1 < len(paths) else None
        )


def test_contents_list_is_checked_against_the_articles(imported, tmp_path):
    report, _ = imported["bulletin-2023-10.md"]
    assert any("Tên mục II khác mục lục" in w for w in report["warnings"])
    source = tmp_path / "b.md"
    source.write_text(
        "*Số tháng 03/2024*\n\n**Trong số này**\n\n### **I. MỤC MỘT**\n\n1. Bài một.\n2. Bài hai bị thiếu.\n\n"
        "# **I. MỤC MỘT**\n\n## **1. Bài một**\n\nNội dung bài một.\n",
        encoding="utf-8",
    )
    warnings = import_json(source, tmp_path / "site")["warnings"]
    assert warnings == ["Mục lục có bài I.2 'Bài hai bị thiếu' nhưng không tìm thấy bài đó."]
