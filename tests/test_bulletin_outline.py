"""The outline every import prints, and the warnings that point the editor at what looks unusual."""

from __future__ import annotations

import json
from pathlib import Path

from scripts.bulletin.outline import article_text
from scripts.bulletin.pipeline import convert
from scripts.vietnamese import words
from tests.support import SOURCES, run_cli
from tests.test_bulletin_grammar import BODY, text_bulletin, word_bulletin


def test_import_prints_the_outline_an_editor_checks(tmp_path):
    result = run_cli("import", SOURCES / "bulletin-2024-02.txt", "--issue", "2024-02", "--dry-run", root=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Số 02/2024 (bulletin-2024-02.txt): 3 mục, 8 bài"
    assert "III. Một số nội dung tham khảo" in lines
    at = lines.index("  II.3  Quyết tâm thực hiện thắng lợi kế hoạch phát triển kinh tế - xã hội tỉnh Bến Tre năm 2024")
    assert lines[at + 1].startswith(
        "        tác giả: Trần Ngọc Tam, Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh Bến Tre · 1"
    )
    assert "chữ · mở đầu: «Những kết quả và điểm sáng đạt được trong năm 2023»" in lines[at + 1]
    assert "tác giả: (không có tác giả)" in result.stdout


def test_json_outline_has_codes_lengths_and_first_words(tmp_path):
    result = run_cli("import", SOURCES / "bulletin-2023-10.md", "--json", "--dry-run", root=tmp_path)
    report = json.loads(result.stdout)
    first = report["articles"][0]
    assert first["code"] == "I.1" and first["line"] > 0
    assert first["first_words"].startswith("Ban Thường vụ Tỉnh ủy") and first["first_words"].endswith("…")
    issue = convert(SOURCES / "bulletin-2023-10.md")
    assert [a["words"] for a in report["articles"]] == [len(words(article_text(a))) for a in issue.articles]
    assert report["corrections"] is None


def test_gap_in_the_numbering_is_reported_both_ways(tmp_path: Path):
    # set as a title (bold in Word): taken as the next article, with a warning
    formatted = word_bulletin(
        tmp_path,
        [("1. Bài một", "bold"), (BODY, ""), ("3. Bài ba", "bold"), (BODY, "")],
    )
    issue = convert(formatted)
    assert [a.title for a in issue.articles] == ["Bài một", "Bài ba"]
    assert any("bài được đánh số 3 nhưng theo thứ tự phải là 2" in w for w in issue.warnings)
    # plain text: a skipped number loses no article either; the editor is told, with the lines to paste
    plain = text_bulletin(tmp_path, f"1. Bài một\n{BODY}\n3. Bài ba\n{BODY}\n")
    issue = convert(plain)
    assert [a.title for a in issue.articles] == ["Bài một", "Bài ba"]
    assert any(w.startswith("Dòng 6: bài được đánh số 3 nhưng theo thứ tự phải là 2") for w in issue.warnings)
    # a sentence numbered 3 is text: the sequence alone does not make it a title
    sentence = text_bulletin(tmp_path, f"1. Bài một\n{BODY}\n3. {BODY}\n{BODY}\n")
    assert [a.title for a in convert(sentence).articles] == ["Bài một"]


def test_likely_merge_missing_author_and_long_title_are_flagged(tmp_path):
    long_body = "\n".join([BODY] * 300)
    title = "Tiêu đề " + "rất dài " * 28  # 232 characters
    text = (
        f"1. Bài một\n{BODY}\nBan Biên tập\n2. Bài hai\n{BODY}\nBan Biên tập\n3. Bài ba\n{BODY}\n"
        f"4. Bài bốn\n{long_body}\nBan Biên tập\n5. {title.strip()}\n{BODY}\nBan Biên tập\n"
    )
    warnings = convert(text_bulletin(tmp_path, text)).warnings
    assert any(w.startswith("Bài I.4 dài ") and "hai bài bị nhập làm một" in w for w in warnings)
    assert any(w.startswith("Bài I.3 không có tác giả") for w in warnings)
    assert any(w.startswith("Tiêu đề bài I.5 dài ") for w in warnings)
    assert not any("I.1" in w or "I.2" in w for w in warnings)
