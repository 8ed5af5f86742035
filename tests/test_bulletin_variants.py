"""The importer on bulletins typed by other hands: every variant of tests/variants.py yields its original's
structure — the sections, every article whole (its title not swallowing a line), its author, and its text
word for word on its own page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.bulletin.pipeline import import_bulletin
from scripts.vietnamese import fold
from tests.support import page_text, word_counts
from tests.variants import PDF_DIR, PDF_VARIANTS, RETYPED_TEXT, Variant, variants

VARIANTS = list(variants())
_PAGER = re.compile(r"\{ \.bt-(?:prev|up|next|pager) \}$")


def article_text(markdown_page: str) -> str:
    """What the page shows under its title and byline, footnotes included, without the pager."""
    body = markdown_page.split("{ .bt-meta }\n", 1)[1]
    kept = [line for line in body.split("\n") if not _PAGER.search(line)]
    return page_text("\n".join(kept))


def test_the_corpus_covers_the_habits_the_issue_names():
    names = {v.name.split("--", 1)[1] for v in VARIANTS}
    assert len(VARIANTS) >= 40
    for habit in RETYPED_TEXT:
        assert f"{habit}.txt" in names
    assert {"word-heading-styles.docx", "word-bold-only.docx"} <= names
    assert {f"{name}.pdf" for name in PDF_VARIANTS} <= names  # the committed PDFs are all there
    assert len(list(PDF_DIR.glob("*.pdf"))) == 2 * len(PDF_VARIANTS)


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_variant_yields_the_structure_and_text_of_its_original(tmp_path: Path, variant: Variant):
    source = tmp_path / variant.name
    variant.write(source)
    result = import_bulletin(source, root=tmp_path / "site", issue=variant.issue)
    issue, expected = result.issue, variant.expected
    assert issue.issue == expected.issue
    assert [(s.number, fold(s.title)) for s in issue.sections] == [(n, fold(t)) for n, t in expected.sections]
    assert [(a.section, a.number) for a in issue.articles] == [(a.section, a.number) for a in expected.articles]
    if variant.name.endswith(".txt") and "--edited-" not in variant.name:  # its contents list agrees with it
        assert not [w for w in issue.warnings if "mục lục" in w.lower()], issue.warnings
    pages = {entry["section"] * 100 + entry["number"]: entry["path"] for entry in result.summary()["articles"]}
    for found, wanted in zip(issue.articles, expected.articles, strict=True):
        code = f"{found.section}.{found.number}"
        assert fold(found.title) == fold(wanted.title), code  # whole: no line swallowed, none left out
        assert (found.author and fold(found.author)) == (wanted.author and fold(wanted.author)), code
        page = (tmp_path / "site" / pages[found.section * 100 + found.number]).read_text(encoding="utf-8")
        assert word_counts(article_text(page)) == wanted.words, code
