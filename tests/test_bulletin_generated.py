"""The import on bulletins it has never seen: generated at random (tests/generator.py), each knowing its true
outline, typed every way the generator knows, as text, Word and PDF; every one must import exactly right.
The benchmark (`python -m benchmarks.generated --count 20000`) runs many more and prints the first failures,
shrunk."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from scripts.bulletin.pipeline import convert
from tests.generator import Generated, bulletins, mismatches
from tests.support import SOURCES, run_cli

FOLDER = Path(tempfile.mkdtemp(prefix="ban-tin-sinh-"))
# the same 1,000 + 60 bulletins on every run (hypothesis derandomised), so that CI is never a lottery; new
# ones, any number, with `python -m benchmarks.generated --count 20000 [--seed N]`
PROPERTY = settings(deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))


@settings(PROPERTY, max_examples=1000)
@given(bulletins(("txt",)))
def test_generated_text_bulletins_import_to_their_outline(generated: Generated):
    """Each generated bulletin imports exactly right (sections, whole titles, authors, every word on its
    article's page); a failure is shrunk by hypothesis to its simplest bulletin."""
    assert mismatches(generated, FOLDER) == [], generated.describe()


@settings(PROPERTY, max_examples=60)
@given(bulletins(("docx-styles", "docx-bold", "docx-plain", "pdf")))
def test_generated_word_and_pdf_bulletins_import_to_their_outline(generated: Generated):
    assert mismatches(generated, FOLDER) == [], generated.describe()


def test_the_generator_knows_its_outline(tmp_path):
    """The generator's own ground truth: its text, imported with no generated quirk, is right (a generator
    that wrote nonsense would make the floors above meaningless)."""
    sample = convert(SOURCES / "bulletin-2023-10.md")
    assert len(sample.articles) == 8

    @settings(max_examples=20, deadline=None, database=None, derandomize=True)
    @given(bulletins(("txt",)))
    def plain(generated: Generated) -> None:
        text = generated.write(tmp_path / "ban-tin").read_text(encoding="utf-8")
        for section in generated.issue.sections:
            assert section.title.upper() in text.upper()
        for article in generated.issue.articles:
            assert article.title.split()[-1] in text or article.title.split()[-1].upper() in text

    plain()


def test_json_gives_each_article_its_evidence_and_confidence(tmp_path):
    result = run_cli(
        "import", SOURCES / "bulletin-2024-02.txt", "--issue", "2024-02", "--json", "--dry-run", root=tmp_path
    )
    report = json.loads(result.stdout)
    numbered = [a for a in report["articles"] if a["evidence"]]
    assert len(numbered) == 7  # all but the untitled first article under I
    for article in numbered:
        assert article["confidence"] > 0
        features = {item["feature"] for item in article["evidence"]}
        assert "numbered" in features and "in sequence" in features


def test_a_new_article_on_a_numbered_line_loses_its_number(tmp_path):
    text = (
        (SOURCES / "bulletin-2024-02.txt")
        .read_text(encoding="utf-8")
        .replace("3. Tình hình an ninh", "3. 10 năm tình hình an ninh")
    )
    source = tmp_path / "ban-tin.txt"
    source.write_text(text, encoding="utf-8")
    (tmp_path / "ban-tin.yml").write_text("sửa:\n  - bài mới: '3. 10 năm tình hình'\n", encoding="utf-8")
    titles = [a.title for a in convert(source, "2024-02").articles]
    assert any(t.startswith("10 năm tình hình an ninh") for t in titles), titles
