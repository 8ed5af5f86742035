"""The real `mkdocs build --strict` of the work tree, read as files: pages, language, links, hosts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scripts.search.build import INDEX_DIR
from scripts.site import BUILD_STAMP
from tests.site_pages import (
    SAMPLE_ISSUES,
    article_urls,
    exists,
    issue_label,
    issue_url,
    issues,
    parse,
    parse_url,
    resolve,
    text_files,
)

OUTSIDE_HOSTS = re.compile(r"fonts\.googleapis|fonts\.gstatic|cdn\.|unpkg|jsdelivr")
OUTSIDE_TOKEN = re.compile(rf"""[^\s"'`<>()]*(?:{OUTSIDE_HOSTS.pattern})[^\s"'`<>()]*""")
# The theme's script bundle names fallbacks it fetches only when a page needs them: a ResizeObserver polyfill
# (browsers from before 2020) and Mermaid (diagrams: `pre.mermaid`); Zensical's bundle also GLightbox
# (images in `.glightbox` links) and Pyodide with the Ace editor (runnable `.pyodide` code blocks). No page
# has any of these (see the test below), so none is ever requested.
THEME_BUNDLE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
THEME_DORMANT_URLS = {
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
    "https://unpkg.com/mermaid@12/dist/mermaid.min.js",
    "https://unpkg.com/glightbox@3/dist/css/glightbox.min.css",
    "https://unpkg.com/glightbox@3/dist/js/glightbox.min.js",
    "https://unpkg.com/pyodide@314.0.2/pyodide.js",
    "https://cdn.jsdelivr.net/pyodide/v314.0.2/full/",
    "https://unpkg.com/ace-builds@1.44.0/src-noconflict/ace.js",
}
THEME_FETCHING_CLASSES = {"mermaid", "glightbox", "pyodide"}
# plotly.js (its basic bundle, vendored, loaded only by chart pages) may name tiles, icons or topojson it
# fetches only for map and geo traces, which the basic bundle does not even contain; the site's charts are
# bars and pies (see tests/test_indicators_render.py), so none of these is ever requested.
PLOTLY_BUNDLE = "assets/javascripts/vendor/plotly-basic.min.js"
PLOTLY_DORMANT_URLS = {
    "https://basemaps.cartocdn.com/gl/dark-matter-gl-style/style.json",
    "https://basemaps.cartocdn.com/gl/dark-matter-nolabels-gl-style/style.json",
    "https://basemaps.cartocdn.com/gl/positron-gl-style/style.json",
    "https://basemaps.cartocdn.com/gl/positron-nolabels-gl-style/style.json",
    "https://basemaps.cartocdn.com/gl/voyager-gl-style/style.json",
    "https://basemaps.cartocdn.com/gl/voyager-nolabels-gl-style/style.json",
    "https://cdn.jsdelivr.net/npm/@mapbox/maki@8.2.0/icons/${p}.svg",
    "https://cdn.plot.ly/un/",
    "https://tiles.basemaps.cartocdn.com/fonts/Open",
}
LOADED_BY_PAGES = (".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".webmanifest")


def test_strict_build_has_home_archive_and_the_sample_issues(built_site: Path):
    for page in ["index.html", "404.html", "ban-tin/index.html", "assets/stylesheets/ban-tin.css"]:
        assert (built_site / page).is_file(), page
    assert set(SAMPLE_ISSUES) <= set(issues(built_site))
    for issue in issues(built_site):
        assert article_urls(built_site, issue), f"issue {issue} has no article page"


def test_hidden_files_are_not_published(built_site: Path):
    hidden = [p.relative_to(built_site).as_posix() for p in built_site.rglob(".*")]
    assert hidden == [BUILD_STAMP], "hidden files (such as .nav.yml) must stay out of the site"


def test_no_page_refers_to_font_or_script_hosts(built_site: Path):
    found = {}
    for path in text_files(built_site, LOADED_BY_PAGES):
        text = path.read_text(encoding="utf-8", errors="replace")
        if not OUTSIDE_HOSTS.search(text):
            continue
        relative = path.relative_to(built_site).as_posix()
        tokens = set(OUTSIDE_TOKEN.findall(text))
        if THEME_BUNDLE.match(relative) and tokens <= THEME_DORMANT_URLS:
            continue
        if relative == PLOTLY_BUNDLE and tokens <= PLOTLY_DORMANT_URLS:
            continue
        found[relative] = sorted(tokens)
    assert not found


def test_pages_load_resources_only_from_the_site(built_site: Path):
    for path in text_files(built_site, (".html",)):
        page = parse(path)
        outside = [r for r in page.resources if re.match(r"^([a-z][a-z0-9+.-]*:)?//", r, re.IGNORECASE)]
        assert not outside, (path.relative_to(built_site).as_posix(), outside)


def test_no_page_has_an_element_that_would_make_the_theme_fetch_from_outside(built_site: Path):
    for path in text_files(built_site, (".html",)):
        classes = THEME_FETCHING_CLASSES & set(parse(path).class_counts)
        assert not classes, (path.relative_to(built_site).as_posix(), classes)


def test_every_page_is_in_vietnamese(built_site: Path):
    pages = text_files(built_site, (".html",))
    assert pages
    for path in pages:
        assert parse(path).lang == "vi", path.relative_to(built_site).as_posix()


def test_the_search_index_holds_every_issue_and_article(built_site: Path):
    meta = json.loads((built_site / INDEX_DIR / "trang.json").read_text(encoding="utf-8"))
    titles = {page[0]: page[1] for page in meta["pages"]}
    for issue in SAMPLE_ISSUES:
        assert issue_label(issue) in titles[issue_url(issue)]
        for url in article_urls(built_site, issue):
            assert url in titles, f"article {url} is not in the search index"


def test_heading_anchors_are_ascii_slugs(built_site: Path):
    for path in text_files(built_site, (".html",)):
        for anchor in parse(path).heading_ids:
            assert re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", anchor), (path.name, anchor)


def test_heading_anchor_folds_vietnamese_letters(built_site: Path):
    # 'Đ' and tone marks fold to ASCII (scripts.vietnamese.slugify is the toc slug function).
    page = parse_url(built_site, issue_url("2023-10"))
    assert "i-mot-so-noi-dung-can-thiet-sinh-hoat-tai-chi-bo" in page.heading_ids


@pytest.mark.parametrize("issue", SAMPLE_ISSUES)
def test_every_article_has_its_meta_line_and_a_pager_that_resolves(built_site: Path, issue: str):
    for url in article_urls(built_site, issue):
        page = parse_url(built_site, url)
        assert page.class_counts.get("bt-meta") == 1, url
        assert issue_label(issue) in page.class_texts["bt-meta"][0], url
        pager = page.links_in("bt-pager")
        assert pager, f"{url}: no .bt-pager links"
        for link in pager:
            target = resolve(url, link.href)
            assert exists(built_site, target), f"{url}: pager link {link.href} → {target} does not exist"
            assert target.startswith(issue_url(issue)), f"{url}: pager leaves the issue: {link.href}"


@pytest.mark.parametrize("issue", SAMPLE_ISSUES)
def test_previous_and_next_follow_the_issue_contents(built_site: Path, issue: str):
    contents = parse_url(built_site, issue_url(issue))
    articles = set(article_urls(built_site, issue))
    linked = [resolve(issue_url(issue), link.href) for link in contents.links_in("md-content")]
    order = list(dict.fromkeys(url for url in linked if url in articles))
    assert sorted(order) == sorted(articles), "the issue page does not link every article of the issue"
    for position, url in enumerate(order):
        pager = parse_url(built_site, url).links_in("bt-pager")
        previous = [resolve(url, link.href) for link in pager if "bt-prev" in link.classes]
        following = [resolve(url, link.href) for link in pager if "bt-next" in link.classes]
        assert previous == order[max(position - 1, 0) : position], url
        assert following == order[position + 1 : position + 2], url
