"""The site's search in headless Chromium, through Material's own search box, as readers type.

Every query of both query sets must bring its page into the top three however it is typed (with
diacritics: all of them; overall: at least 97%). If a Material upgrade disconnects our engine (hooks/search.py
no longer finds the theme's worker, or the box stops talking to ours), these tests fail: the build stops,
or the worker loaded is not ours, or the folded queries find nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from benchmarks.search import WAYS, queries
from scripts.search.index import DOCUMENTS, WORKER
from scripts.vietnamese import fold, other_tone_placement, search_keys, words
from tests.search_box import SearchBox
from tests.support import REPO


@pytest.fixture
def box(page: Page, site_server: str) -> SearchBox:
    search = SearchBox(page, site_server)
    search.open()
    return search


class _Markup(HTMLParser):
    """Tags and text of a result title or snippet."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.marked: list[str] = []
        self.text = ""
        self._in_mark = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self._in_mark = tag == "mark"

    def handle_endtag(self, tag: str) -> None:
        self._in_mark = False

    def handle_data(self, data: str) -> None:
        self.text += data
        if self._in_mark:
            self.marked.append(data)


def markup(html: str) -> _Markup:
    parsed = _Markup()
    parsed.feed(html)
    return parsed


def test_every_page_hands_the_search_box_to_our_worker(built_site: Path):
    pages = [*built_site.rglob("*.html")]
    assert len(pages) > 90
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if 'id="__config"' in html:
            assert re.search(rf'"search":"(\.\./)*/?{re.escape(WORKER)}"', html), path
            assert "workers/search." not in html, path
    assert (built_site / WORKER).is_file()
    assert (built_site / "assets/javascripts/vendor/minisearch.js").is_file()


def test_search_documents_are_plain_text_with_authors_and_issues(built_site: Path):
    index = json.loads((built_site / DOCUMENTS).read_text(encoding="utf-8"))
    docs = {doc["location"]: doc for doc in index["docs"]}
    assert not any("<p>" in doc["text"] or "<li>" in doc["text"] for doc in docs.values())
    article = docs["ban-tin/2024/02/2-3-quyet-tam-thuc-hien-thang-loi-ke-hoach-phat-trien-kinh-te-xa/"]
    assert article["author"].startswith("Trần Ngọc Tam")
    assert article["tags"] == ["Số 02/2024"]
    for kind in ("bao-cao/2023/bao-cao-525-bc-tu/", "chi-tieu/2023/", "tien-do/2023/", "tien-do/2023/tran-ngoc-tam/"):
        assert kind in docs, f"{kind} is not searchable"


def test_the_worker_answering_is_ours_and_loads_the_documents_on_the_first_query(page: Page, site_server: str):
    workers: list[str] = []
    requests: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.context.on("request", lambda request: requests.append(urlsplit(request.url).path))
    box = SearchBox(page, site_server)
    box.open()
    assert [urlsplit(url).path for url in workers] == [f"/{WORKER}"]
    assert "/search/search_index.json" in requests
    assert f"/{DOCUMENTS}" not in requests  # a reader who does not search does not download them
    assert box.search("dang vien").pages
    assert requests.count(f"/{DOCUMENTS}") == 1
    box.search("tinh uy")
    assert requests.count(f"/{DOCUMENTS}") == 1


def test_every_query_finds_its_page_typed_four_ways(box: SearchBox):
    cases = queries()
    assert len(cases) >= 13 + 40
    hits = {way: 0 for way in WAYS}
    misses = []
    for query, expected in cases:
        for way, typed in WAYS.items():
            found = box.search(typed(query)).pages[:3]
            if expected in found:
                hits[way] += 1
            else:
                misses.append(f"{way}: {typed(query)!r} → {expected}, found {found}")
    overall = sum(hits.values()) / (len(cases) * len(WAYS))
    assert hits["có dấu"] == len(cases), misses
    assert overall >= 0.97, misses


def test_a_query_with_diacritics_ranks_those_exact_words_first(box: SearchBox):
    # "đang" (now, being) is rare here; "Đảng" (the Party) is on every page: exact words come first
    for item in box.search("đang", shown=3).items:
        marked = [word.lower() for word in markup(item).marked]
        assert marked and set(marked) == {"đang"}, marked
    for item in box.search("đảng", shown=3).items:
        assert {word.lower() for word in markup(item).marked} == {"đảng"}


def test_a_query_without_diacritics_highlights_the_words_as_written(box: SearchBox):
    answer = box.search("dang vien", shown=5)
    for item in answer.items:
        parsed = markup(item)
        assert parsed.marked
        assert {search_keys(word)[0] for word in parsed.marked} <= {"dang", "vien"}
    assert "đảng" in {word.lower() for item in answer.items for word in markup(item).marked}


def test_decomposed_unicode_and_other_tone_placement_give_the_same_results(box: SearchBox):
    typed = "Nghị quyết Tỉnh ủy 9 tháng"
    first = box.search(typed).pages
    assert first
    assert box.search(unicodedata.normalize("NFD", typed)).pages == first
    assert box.search("Nghị quyết Tỉnh uỷ 9 tháng").pages == first
    assert box.search(typed.upper()).pages == first


def test_result_titles_and_snippets_are_clean_markup(box: SearchBox, page: Page):
    box.search("tu tuong dao duc ho chi minh", shown=10)
    titles = page.eval_on_selector_all(".md-search-result__article :is(h1, h2)", "hs => hs.map(h => h.innerHTML)")
    snippets = page.eval_on_selector_all(".md-search-result__article > p", "ps => ps.map(p => p.innerHTML)")
    assert titles and snippets
    for html in titles + snippets:
        parsed = markup(html)
        assert set(parsed.tags) <= {"mark", "del"}, html
        assert "<mark><mark>" not in html and "&amp;amp;" not in html, html
    # a title reads as the page's title, highlighting aside
    first = markup(titles[0]).text
    assert fold(first).count("ho chi minh") or fold(first).count("tu tuong"), first


def test_opening_a_result_highlights_the_words_on_the_page(box: SearchBox, page: Page):
    box.search("dang vien")
    link = page.locator(".md-search-result__item a").first
    href = link.get_attribute("href")
    words = parse_qs(urlsplit(href).query)["h"][0].split()
    assert {fold(word) for word in words} <= {"dang", "vien"} and any(word != fold(word) for word in words)
    link.click()
    page.wait_for_selector("mark[data-md-highlight]")
    marked = page.eval_on_selector_all("mark[data-md-highlight]", "ms => ms.map(m => m.textContent)")
    assert marked and {word for text in marked for word in fold(text).split()} <= {"dang", "vien"}


def test_the_box_suggests_the_word_being_typed(box: SearchBox, page: Page):
    box.search("phong cha")
    suggestion = page.inner_text(".md-search__suggest").replace("\xa0", " ")
    assert suggestion.startswith("phong cha") and len(suggestion) > len("phong cha"), suggestion


def test_the_engine_keys_words_as_the_python_rule_does(page: Page):
    sample = (REPO / "data" / "sources" / "bulletin-2024-02.txt").read_text(encoding="utf-8")
    vocabulary = sorted(set(words(sample)))
    typed = (
        vocabulary
        + [unicodedata.normalize("NFD", w) for w in vocabulary]
        + [other_tone_placement(w) for w in vocabulary]
    )
    page.goto("./")
    page.add_script_tag(url="assets/javascripts/vendor/minisearch.js")
    page.add_script_tag(url="assets/javascripts/tim-kiem/engine.js")
    keys = page.evaluate(
        """words => words.map(w => {
            const k = BanTinSearch.keys(w.normalize("NFC").toLowerCase());
            return [k.folded, k.exact];
        })""",
        typed,
    )
    assert len(vocabulary) > 1000
    assert [tuple(k) for k in keys] == [search_keys(w) for w in typed]
