"""The editor's correction file: what the rules misread is put right without code, and a wrong file is
refused with the line it is wrong on, writing nothing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from scripts.bulletin.outline import article_text
from scripts.bulletin.pipeline import convert
from tests.support import SOURCES, run_cli, snapshot
from tests.test_bulletin_cli import assert_user_error
from tests.variants import article_words

SAMPLE = SOURCES / "bulletin-2024-02.txt"


def misread(tmp_path: Path, change, name: str = "ban-tin.txt") -> Path:
    """The 2024-02 sample with one line changed the way the rules cannot read it."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    change(lines)
    source = tmp_path / name
    source.write_text("\n".join(lines), encoding="utf-8")
    return source


def unnumbered(lines: list[str]) -> None:
    """'2.  Dự báo tình hình thế giới năm 2024' typed without its number: read as part of III.1."""
    index = next(i for i, line in enumerate(lines) if "Dự báo tình hình thế giới năm 2024" in line)
    lines[index] = "Dự báo tình hình thế giới năm 2024"


def correct(source: Path, text: str) -> Path:
    path = source.with_suffix(".yml")
    path.write_text(text, encoding="utf-8")
    return path


def test_an_article_the_rules_miss_is_started_by_the_correction(tmp_path):
    source = misread(tmp_path, unnumbered)
    # the decoder finds III.3 and looks for III.2 between III.1 and it: the unnumbered line, with a warning
    # that proposes the correction-file lines for the other reading
    guessed = convert(source, "2024-02")
    assert [a.title for a in guessed.articles if a.section == 3][1] == "Dự báo tình hình thế giới năm 2024"
    doubt = next(w for w in guessed.warnings if w.startswith("Dòng 96: dòng 'Dự báo tình hình thế giới năm 2024'"))
    assert 'không phải bài: "Dự báo tình hình thế giới năm 2024"' in doubt
    correct(
        source,
        "# sửa cách nhập\nsố: 2024-02\nsửa:\n  - bài mới: Dự báo tình hình thế giới\n    tác giả: Ban Biên tập\n",
    )
    right = convert(source)  # the issue comes from the correction file
    original = convert(SAMPLE, "2024-02")
    assert right.issue == "2024-02" and right.corrections == "ban-tin.yml"
    assert [(a.section, a.number, a.title) for a in right.articles] == [
        (a.section, a.number, a.title) for a in original.articles
    ]
    fixed = next(a for a in right.articles if a.title.startswith("Dự báo"))
    assert fixed.author == "Ban Biên tập"
    for mine, theirs in zip(right.articles, original.articles, strict=True):
        assert article_words(mine) == article_words(theirs), mine.title


def test_a_line_taken_for_an_article_is_kept_as_text(tmp_path):
    def short_numbered_line(lines: list[str]) -> None:
        index = next(i for i, line in enumerate(lines) if line.startswith("- Việt Nam tiếp tục là điểm sáng"))
        lines.insert(index, "2. Kinh tế vĩ mô ổn định")

    source = misread(tmp_path, short_numbered_line)
    # two lines '2. …' in III, as alike as can be: the import says so and proposes the line for either
    unsure = convert(source, "2024-02").warnings
    assert any(w.startswith("Dòng 82: dòng '2. Kinh tế vĩ mô ổn định'") and "bài mới" in w for w in unsure)
    correct(source, "sửa:\n  - không phải bài: '2. Kinh tế vĩ mô'\n")
    right = convert(source, "2024-02")
    titles = [a.title for a in right.articles if a.section == 3]
    assert titles[1] == "Dự báo tình hình thế giới năm 2024" and len(titles) == 3
    assert "2. Kinh tế vĩ mô ổn định" in article_text(right.articles[5])


def test_title_author_and_merge_by_article_code(tmp_path):
    source = tmp_path / "bulletin-2024-02.txt"
    source.write_bytes(SAMPLE.read_bytes())
    original = convert(SAMPLE, "2024-02")
    correct(
        source,
        "sửa:\n"
        "  - bài: II.3\n"
        "    tiêu đề: Quyết tâm thực hiện thắng lợi kế hoạch phát triển kinh tế - xã hội\n"
        "    tác giả: Trần Ngọc Tam\n"
        "  - bai: 'III.1'\n"
        "    tac gia: ''\n"
        "  - gộp: [III.2, III.3]\n",
    )
    right = convert(source, "2024-02")
    third = right.articles[3]
    assert third.title == "Quyết tâm thực hiện thắng lợi kế hoạch phát triển kinh tế - xã hội"
    assert third.author == "Trần Ngọc Tam"
    # the rest of the old title and the old author line go back into the text: no word is lost
    old = original.articles[3]
    gained = article_words(third) - article_words(old)
    assert gained == article_words_of(old.title) - article_words_of(third.title) + article_words_of(old.author)
    assert article_text(third).startswith("Tỉnh Bến Tre năm 2024\nTrần Ngọc Tam, Phó Bí thư Tỉnh ủy")
    assert [(a.section, a.number) for a in right.articles if a.section == 3] == [(3, 1), (3, 2)]
    merged = right.articles[-1]
    assert merged.title == original.articles[-2].title
    assert f"\n{original.articles[-1].title}\n" in article_text(merged)  # the second title is a heading now
    assert article_words(merged) - article_words(original.articles[-2]) - article_words(original.articles[-1]) == (
        article_words_of(original.articles[-1].title)
    )


def article_words_of(text: str):
    from collections import Counter

    from scripts.vietnamese import words

    return Counter(words(text))


def test_the_cli_says_it_applied_the_corrections(tmp_path):
    source = misread(tmp_path, unnumbered)
    correct(source, "số: 2024-02\nsửa:\n  - bài mới: Dự báo tình hình thế giới\n")
    result = run_cli("import", source, "--json", root=tmp_path / "site")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["corrections"] == "ban-tin.yml"
    assert [a["code"] for a in report["articles"]][-3:] == ["III.1", "III.2", "III.3"]


@pytest.mark.parametrize(
    ("text", "line", "mentions"),
    [
        ("sửa:\n  - bài mới: 'chưa đóng ngoặc\n", 2, "YAML"),
        ("số: 2024-02\nsửa:\n  - bài mới: Dự báo\n  - tác giả lạ: x\n", 4, "không có nghĩa"),
        ("số: tháng hai\n", 1, "YYYY-MM"),
        ("sửa:\n  - bài: II.3\n  - bài: 3.2\n", 3, "mã bài"),
        ("sửa:\n  - bài: II.9\n    tác giả: X\n", 2, "không có bài II.9"),
        ("sửa:\n  - bài mới: Đoạn không có trong bản tin\n", 2, "không tìm thấy"),
        ("sửa:\n  - gộp: [II.1, II.3]\n", 2, "liền nhau"),
        ("sửa:\n  - gộp: [II.1]\n", 2, "hai bài"),
        ("sửa:\n  - bài mới: Dự báo\n    không phải bài: Dự báo\n", 2, "đúng một"),
        ("- bài: II.1\n", 1, "'số' và 'sửa'"),
        ("số: 2024-02\nsửa:\n  - bài: II.1\n    tác giả: !!python/object/apply:os.system [touch x]\n", 4, "thẻ YAML"),
        ("sửa: !!python/name:os.system\n", 1, "'!!python/name:os.system'"),
        ("sửa:\n  - !include khac.yml\n", 2, "thẻ YAML '!include'"),
    ],
)
def test_a_wrong_correction_file_names_its_line_and_writes_nothing(tmp_path, text, line, mentions):
    source = tmp_path / "bulletin-2024-02.txt"
    source.write_bytes(SAMPLE.read_bytes())
    correct(source, text)
    root = tmp_path / "site"
    root.mkdir()
    before = snapshot(root)
    result = run_cli("import", source, "--issue", "2024-02", root=root)
    assert_user_error(result, mentions=mentions)
    assert f"'bulletin-2024-02.yml', dòng {line}:" in result.stderr
    assert snapshot(root) == before


def test_the_readme_example_is_a_valid_correction_file(tmp_path):
    from scripts.bulletin.corrections import load_corrections
    from tests.support import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "bulletin-2024-02.yml"
    path.write_text(example, encoding="utf-8")
    corrections = load_corrections(path)
    assert corrections.issue == "2024-02"
    assert [c.kind for c in corrections.items] == ["start", "not_article", "article", "merge"]


def test_the_lines_a_warning_proposes_take_the_other_reading_when_pasted(tmp_path):
    """The editor copies the correction-file lines a doubtful decision proposes; the import then reads the
    paragraph the other way, and every word stays."""
    source = misread(tmp_path, unnumbered)
    guessed = convert(source, "2024-02")
    warning = next(w for w in guessed.warnings if "Dự báo tình hình thế giới năm 2024" in w and "sửa:" in w)
    proposal = warning[warning.index("sửa:") :]
    correct(source, proposal + "\n")
    corrected = convert(source, "2024-02")
    assert [a.code for a in corrected.articles if a.section == 3] == ["III.1", "III.2"]
    assert "Dự báo tình hình thế giới năm 2024" in article_text(corrected.articles[5])
    before = sum((article_words(a) for a in guessed.articles), Counter())
    after = sum((article_words(a) for a in corrected.articles), Counter())
    titles = Counter(w for a in guessed.articles for w in article_words_of(a.title).elements())
    titles_after = Counter(w for a in corrected.articles for w in article_words_of(a.title).elements())
    assert before + titles == after + titles_after  # no word lost: the title went back into the text
