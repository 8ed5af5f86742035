"""The same site from both builders: MkDocs with Material (the primary one) and Zensical, its successor.

Every other site check runs on both builds (`built_site` is parametrised by builder); these compare the
two builds with each other: each page's article (titles, text, footnotes, tables, chart data, where its
links lead), the scripts each page loads, the search index, and the search's answers in Chromium.
"""

from __future__ import annotations

import difflib
import html.parser
import re
from pathlib import Path

import pytest

from benchmarks.search import WAYS, queries
from scripts.search.build import INDEX_DIR
from tests.search_box import SearchBox
from tests.site_pages import exists, page_url, resolve

VOID = {"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}
LINKING = {"href", "src"}
# Zensical puts the target of its "skip to content" link inside the article (Material puts it before)
SKIP_TARGET = ("a", (("id", "__skip"), ("tabindex", "-1")))
# the theme's own scripts: named by content hash, different in each builder
THEME_SCRIPT = re.compile(r"^assets/javascripts/(bundle|workers/search)\.[0-9a-f]+\.min\.js$")


class _Article(html.parser.HTMLParser):
    """The page's <article> as a token list: tags with their attributes (links as the site path they lead
    to), and text with its spacing collapsed; also every script the page loads."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.depth = 0
        self.tokens: list[tuple] = []
        self.scripts: list[str] = []
        self._skipping = False

    def _attributes(self, attrs: list[tuple[str, str | None]]) -> tuple:
        return tuple(
            sorted(
                (name, resolve(self.url, value) if name in LINKING and value and not value.startswith("#") else value)
                for name, value in attrs
            )
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and (src := dict(attrs).get("src")):
            self.scripts.append(resolve(self.url, src))
        if not self.depth and tag != "article":
            return
        token = (tag, self._attributes(attrs))
        if token == SKIP_TARGET:
            self._skipping = True
            return
        self.tokens.append(("<", *token))
        self.depth += tag not in VOID

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.tokens.append(("<", tag, self._attributes(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and tag == "a":
            self._skipping = False
        elif self.depth and tag not in VOID:
            self.depth -= 1
            self.tokens.append((">", tag))

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if self.depth and text:
            self.tokens.append(("text", text))


def read(site: Path, html_file: Path) -> _Article:
    article = _Article(page_url(site, html_file))
    article.feed(html_file.read_text(encoding="utf-8"))
    return article


def pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def test_both_builders_make_the_same_pages(builds: dict[str, Path]):
    assert pages(builds["mkdocs"]) == pages(builds["zensical"])
    assert len(pages(builds["mkdocs"])) > 90


def test_every_article_is_the_same_on_both_builds(builds: dict[str, Path]):
    mkdocs, zensical = builds["mkdocs"], builds["zensical"]
    differing = {}
    for name in sorted(pages(mkdocs)):
        ours, theirs = read(mkdocs, mkdocs / name).tokens, read(zensical, zensical / name).tokens
        if not ours:  # a redirect page (an old address), not the theme's: the same file
            assert (mkdocs / name).read_text(encoding="utf-8") == (zensical / name).read_text(encoding="utf-8")
            assert "chuyen-tiep.js" in (mkdocs / name).read_text(encoding="utf-8"), f"{name}: no <article>"
        elif ours != theirs:
            diff = difflib.unified_diff([repr(t) for t in ours], [repr(t) for t in theirs], lineterm="", n=1)
            differing[name] = "\n".join(list(diff)[2:14])
    assert not differing, "\n\n".join(f"{name}:\n{diff}" for name, diff in differing.items())


def test_every_page_loads_the_same_scripts_of_the_site_and_each_is_there(builds: dict[str, Path]):
    loaders: dict[str, set[str]] = {}  # script of the site → the pages that load it
    for name in sorted(pages(builds["mkdocs"])):
        loaded = {engine: read(site, site / name).scripts for engine, site in builds.items()}
        for engine, scripts in loaded.items():
            missing = [src for src in scripts if not exists(builds[engine], src)]
            assert not missing, f"{engine} build, {name}: scripts not in the build: {missing}"
        ours, theirs = ([s for s in scripts if not THEME_SCRIPT.match(s)] for scripts in loaded.values())
        assert ours == theirs, name
        for script in ours:
            loaders.setdefault(script.removeprefix("assets/javascripts/"), set()).add(name)
        # the theme's bundle on every page of the theme (not on the redirect pages, which are bare)
        bundles = [sum(bool(THEME_SCRIPT.match(src)) for src in scripts) for scripts in loaded.values()]
        assert bundles[0] == bundles[1] == (0 if "assets/javascripts/chuyen-tiep.js" in ours else 1), name
    assert "chi-tieu/2023/index.html" in loaders["charts.js"]
    assert "tien-do/2023/index.html" in loaders["loc-nhiem-vu.js"]
    assert len(loaders["tim-kiem/hop-tim-kiem.js"]) > 90


def test_the_search_index_is_the_same_on_both_builds(builds: dict[str, Path]):
    files = {
        engine: {path.relative_to(site): path.read_bytes() for path in (site / INDEX_DIR).rglob("*") if path.is_file()}
        for engine, site in builds.items()
    }
    assert len(files["mkdocs"]) > 100
    assert files["mkdocs"].keys() == files["zensical"].keys()
    differing = [str(name) for name, data in files["mkdocs"].items() if files["zensical"][name] != data]
    assert not differing


@pytest.fixture(scope="module")
def answers_by_builder(builds: dict[str, Path], browser, serve) -> dict[str, dict[str, list[str]]]:
    """The first three results of every sample query, typed with and without diacritics, per builder."""
    typed = [way(query) for query, _ in queries()[:40] for way in (WAYS["có dấu"], WAYS["không dấu"])]
    answers = {}
    for engine, site in builds.items():
        with serve(site) as base:
            page = browser.new_page()
            box = SearchBox(page, base)
            box.open()
            answers[engine] = {text: box.search(text).pages[:3] for text in typed}
            page.close()
    return answers


def test_the_search_answers_the_same_on_both_builds(answers_by_builder: dict[str, dict[str, list[str]]]):
    ours, theirs = answers_by_builder["mkdocs"], answers_by_builder["zensical"]
    assert len(ours) == 80
    assert sum(bool(pages) for pages in ours.values()) >= 78
    assert ours == theirs
