"""The site's search in headless Chromium, through the site's own box, as readers type.

Every query of both query sets must bring its page into the top three however it is typed (with
diacritics: all of them; overall: at least 97%). Results hold every word typed; they say what each page
is; the words are marked in the snippets and on the page opened, in the form the reader meant. The index
is written from the built pages after the build, and a query fetches only the files it needs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from benchmarks.search import WAYS, queries
from scripts.search.build import INDEX_DIR
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


def test_every_page_has_the_sites_box_and_none_of_the_themes_search(built_site: Path):
    pages = [*built_site.rglob("index.html")]
    assert len(pages) > 90
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a landing page that sends the reader on
        assert re.search(r'<script src="[./]*assets/javascripts/tim-kiem/hop-tim-kiem\.js" defer>', html), path
        # the theme names its worker in its config whatever the plugins; without its plugin no box uses it
        assert 'data-md-component="search"' not in html and "md-search__input" not in html, path
    assert not (built_site / "search" / "search_index.json").exists()  # no theme search plugin


def test_the_index_tells_what_each_page_is(built_site: Path):
    meta = json.loads((built_site / INDEX_DIR / "trang.json").read_text(encoding="utf-8"))
    pages = {page[0]: page for page in meta["pages"]}
    article = pages["ban-tin/2024/02/2-3-quyet-tam-thuc-hien-thang-loi-ke-hoach-phat-trien-kinh-te-xa/"]
    assert article[3].startswith("Trần Ngọc Tam") and article[4] == 202402
    assert article[2] == "Bài viết · Số 02/2024 · II. Một số nội dung cần thiết sinh hoạt tại chi bộ"
    assert pages["tien-do/2023/tran-ngoc-tam/"][2].startswith("Tiến độ nhiệm vụ năm 2023 · Phó Bí thư Tỉnh ủy")
    assert pages["bao-cao/2023/bao-cao-525-bc-tu/"][2] == "Báo cáo · 525-BC/TU"
    assert pages["chi-tieu/2023/"][2].startswith("Chỉ tiêu Nghị quyết")
    assert pages["ban-tin/2023/10/"][2] == "Mục lục Số 10/2023"
    # the print views and the landing pages that only send the reader on are not results
    assert not [url for url in pages if url.endswith("ban-in/") or url in ("chi-tieu/", "bao-cao/", "tien-do/")]


def test_a_query_fetches_only_the_files_it_needs(page: Page, site_server: str):
    fetched: list[str] = []
    page.context.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    box = SearchBox(page, site_server)
    page.goto(site_server)
    assert not [path for path in fetched if "/search/" in path]  # a reader who does not search fetches none
    box.open()
    assert [path for path in fetched if "/search/" in path] == [f"/{INDEX_DIR}/trang.json"]
    fetched.clear()
    answer = box.search("đảng viên ", shown=10)  # both words whole; all ten snippets in
    assert len(answer.pages) == 10 and int(answer.status.split()[0]) > 10
    words = sorted(path for path in fetched if "/tu/" in path)
    assert words == [f"/{INDEX_DIR}/tu/da.json", f"/{INDEX_DIR}/tu/vi.json"]  # by their first two letters
    assert len([path for path in fetched if "/cap/" in path]) == 1  # the pair 'dang_vien'
    texts = [path for path in fetched if "/van/" in path]
    assert len(texts) == 10  # the texts of the results shown, for their snippets
    fetched.clear()
    box.search("dang vien ")  # the same words typed otherwise: nothing more to fetch
    assert not [path for path in fetched if "/search/" in path]


def test_snippets_wait_for_the_reader_to_pause(page: Page, site_server: str):
    page.clock.install()  # the page's timers run when the test says
    fetched: list[str] = []
    page.context.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    box = SearchBox(page, site_server)
    box.open()
    for end in range(2, len("đảng viên") + 1):
        assert box.search("đảng viên"[:end], shown=0, clear=False).pages
    page.clock.run_for(100)  # a reader between two keys
    assert not [path for path in fetched if "/van/" in path]  # no text for the lists typed past
    page.clock.run_for(200)  # a pause
    expect(page.locator(".bt-search__snippet").first).to_be_visible()
    assert 1 <= len([path for path in fetched if "/van/" in path]) <= 10  # those of the list shown


def test_pointing_at_the_button_starts_loading_the_page_list(page: Page, site_server: str):
    page.goto(site_server)
    with page.expect_request(lambda request: request.url.endswith(f"/{INDEX_DIR}/trang.json")):
        page.hover(".bt-search-button")  # before the click: the list is on its way when the box opens
    expect(page.locator("dialog.bt-search")).not_to_be_visible()


def test_a_word_begun_fetches_ahead_what_its_second_letter_needs(page: Page, site_server: str):
    fetched: list[str] = []
    page.context.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    box = SearchBox(page, site_server)
    box.open()
    box.search("đảng ")
    fetched.clear()
    # one letter after a word: the results stay those of 'đảng'; the bucket of the pairs 'đảng v…' comes,
    # then the file of the commonest of them ('vi': đảng viên)
    with page.expect_request(lambda request: request.url.endswith(f"/{INDEX_DIR}/tu/vi.json")):
        assert box.search("đảng v", shown=0, clear=False).pages == box.search("đảng ", shown=0).pages
    assert [path for path in fetched if "/cap/" in path or "/tu/" in path][-1] == f"/{INDEX_DIR}/tu/vi.json"
    assert len([path for path in fetched if "/cap/" in path]) == 1
    fetched.clear()
    answer = box.search("đảng vi", shown=0, clear=False)
    assert answer.pages and not [path for path in fetched if "/cap/" in path or "/tu/" in path]


def test_the_box_says_it_is_loading_while_the_index_comes(page: Page, site_server: str):
    def slow(route) -> None:
        page.wait_for_timeout(1500)
        route.continue_()

    page.route(f"**/{INDEX_DIR}/trang.json", slow)
    page.goto(site_server)
    page.click(".bt-search-button")
    page.fill("#bt-search-input", "dang vien")
    expect(page.locator("#bt-search-status")).to_have_text("Đang tải chỉ mục tìm kiếm…")
    expect(page.locator("#bt-search-status")).to_contain_text("trang có đủ các từ đã gõ", timeout=15_000)
    expect(page.locator(".bt-search__item").first).to_be_visible()


def test_every_query_finds_its_page_typed_four_ways(box: SearchBox):
    cases = queries()
    assert len(cases) >= 100
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


def _page_words(built_site: Path) -> dict[str, set[str]]:
    """Each indexed page's folded words (title, author, text), as the index holds them."""
    meta = json.loads((built_site / INDEX_DIR / "trang.json").read_text(encoding="utf-8"))
    out = {}
    for number, page in enumerate(meta["pages"]):
        text = json.loads((built_site / INDEX_DIR / "van" / f"{number}.json").read_text(encoding="utf-8"))["text"]
        out[page[0]] = set(words(fold(" ".join([page[1], page[3], text]))))
    return out


@pytest.mark.parametrize("query", ["dang vien", "thanh nien", "chuyển đổi số", "phòng cháy chữa cháy"])
def test_results_hold_every_word_typed(box: SearchBox, built_site: Path, query: str):
    answer = box.search(query)
    page_words = _page_words(built_site)
    wanted = set(words(fold(query)))
    assert answer.pages and answer.partial == 0
    assert all(wanted <= page_words[url] for url in answer.pages), answer.pages
    having = [url for url, found in page_words.items() if wanted <= found]
    assert answer.status == f"{len(having)} trang có đủ các từ đã gõ."  # every page that holds them
    assert len(answer.pages) == min(10, len(having))  # ten at a time


def test_pages_with_some_of_the_words_come_after_marked_only_when_few_have_all(box: SearchBox):
    answer = box.search("đảng viên xyzabc")
    assert answer.status == "Không trang nào có đủ các từ đã gõ."
    assert answer.partial == len(answer.pages) > 0
    assert "Không có từ: xyzabc" in answer.items[0]
    full = box.search("đảng viên")
    assert full.partial == 0


def test_with_a_few_pages_holding_every_word_the_others_wait_behind_a_button(box: SearchBox, page: Page):
    answer = box.search("xung đột Nga Ukraine")
    assert answer.status == "1 trang có đủ các từ đã gõ." and answer.partial == 0 and len(answer.pages) == 1
    more = page.locator(".bt-search__more")
    expect(more).to_have_text(re.compile(r"^Xem \d+ trang chỉ có một phần các từ đã gõ$"))
    more.click()
    expect(page.locator(".bt-search__group")).to_have_text("Các trang sau chỉ có một phần các từ đã gõ:")
    assert page.locator(".bt-search__item--partial").count() > 0
    expect(page.locator(".bt-search__item--partial .bt-search__missing").first).to_contain_text("Không có từ:")
    expect(more).to_be_hidden()


def test_a_word_left_as_typed_does_not_bring_its_look_alikes(box: SearchBox, built_site: Path):
    # 'gà' is a whole word: pages that hold only 'gan', 'ganh'… are not results while some hold 'gà'
    answer = box.search("tụ tập đá gà")
    page_words = _page_words(built_site)
    assert answer.pages and all({"tu", "tap", "da", "ga"} <= page_words[url] for url in answer.pages)


def test_a_phrase_and_a_title_rank_first(box: SearchBox):
    answer = box.search("phòng cháy chữa cháy")
    assert answer.pages[0] == "ban-tin/2023/10/1-2-tang-cuong-lanh-dao-chi-dao-cong-tac-phong-chay-chua-chay-va/"
    # a person's name matches as a name: her article and her task page, before pages that hold the syllables
    answer = box.search("ho thi hoang yen")
    assert set(answer.pages[:2]) == {
        "ban-tin/2024/02/2-2-xay-dung-dang-xay-dung-he-thong-chinh-tri-trong-sach-vung/",
        "tien-do/2023/ho-thi-hoang-yen/",
    }, answer.pages[:3]


def test_each_result_says_what_it_is(box: SearchBox, page: Page):
    box.search("thanh nien", shown=20)
    abouts = page.eval_on_selector_all(".bt-search__about", "ps => ps.map(p => p.textContent)")
    assert abouts and all(abouts), abouts
    kinds = {about.split(" · ")[0] for about in abouts}
    assert {"Bài viết", "Tiến độ nhiệm vụ năm 2023"} <= kinds, kinds


def test_a_query_with_diacritics_ranks_those_exact_words_first(box: SearchBox):
    # "đang" (now, being) is rare here; "Đảng" (the Party) is on every page: exact words come first
    for item in box.search("đang", shown=3).items:
        marked = [word.lower() for word in markup(item).marked]
        assert marked and set(marked) == {"đang"}, marked
    for item in box.search("đảng", shown=3).items:
        assert {word.lower() for word in markup(item).marked} == {"đảng"}


def test_a_query_without_diacritics_marks_the_words_meant(box: SearchBox):
    answer = box.search("dang vien", shown=5)
    for item in answer.items:
        parsed = markup(item)
        assert parsed.marked
        # the phrase 'đảng viên', never the 'dàng' of 'dễ dàng' nor a lone 'dạng'
        assert {word.lower() for word in parsed.marked} <= {"đảng", "viên"}, parsed.marked


def test_decomposed_unicode_and_other_tone_placement_give_the_same_results(box: SearchBox):
    typed = "Nghị quyết Tỉnh ủy 9 tháng"
    first = box.search(typed).pages
    assert first
    assert box.search(unicodedata.normalize("NFD", typed)).pages == first
    assert box.search("Nghị quyết Tỉnh uỷ 9 tháng").pages == first
    assert box.search(typed.upper()).pages == first


def test_result_titles_and_snippets_are_clean_markup(box: SearchBox, page: Page):
    box.search("tu tuong dao duc ho chi minh", shown=10)
    titles = page.eval_on_selector_all(".bt-search__title", "as => as.map(a => a.innerHTML)")
    snippets = page.eval_on_selector_all(".bt-search__snippet p", "ps => ps.map(p => p.innerHTML)")
    assert titles and snippets
    for html in titles + snippets:
        parsed = markup(html)
        assert set(parsed.tags) <= {"mark"}, html
        assert "<mark><mark>" not in html and "&amp;amp;" not in html, html
    first = markup(titles[0]).text
    assert fold(first).count("ho chi minh") or fold(first).count("tu tuong"), first


def test_opening_a_result_marks_the_words_on_the_page(box: SearchBox, page: Page):
    box.search("dang vien")
    link = page.locator(".bt-search__item a").first
    href = link.get_attribute("href")
    assert parse_qs(urlsplit(href).query)["h"] == ["dang vien"]
    link.click()
    page.wait_for_selector("mark.bt-search-hit")
    marked = page.eval_on_selector_all("mark.bt-search-hit", "ms => ms.map(m => m.textContent.toLowerCase())")
    assert marked and set(marked) <= {"đảng", "viên"}, marked


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("bao-cao/2023/bao-cao-525-bc-tu/", "nghi quyet"),
        ("tien-do/2023/tran-ngoc-tam/", "rach mieu"),
        ("chi-tieu/2023/", "tang truong"),
        ("ban-tin/2023/10/", "phong chay"),
        ("ban-tin/2024/02/2-2-xay-dung-dang-xay-dung-he-thong-chinh-tri-trong-sach-vung/", "đảng viên"),
    ],
)
def test_every_kind_of_page_marks_the_words_it_was_found_by(page: Page, path: str, query: str):
    page.goto(f"{path}?h={query}")
    page.wait_for_selector("mark.bt-search-hit")
    marked = page.eval_on_selector_all("mark.bt-search-hit", "ms => ms.map(m => m.textContent)")
    assert {fold(word) for word in marked} <= set(fold(query).split()), marked


def test_the_box_finds_the_word_being_typed(box: SearchBox):
    answer = box.search("phong cha")  # 'cháy' not finished
    assert "ban-tin/2023/10/1-2-tang-cuong-lanh-dao-chi-dao-cong-tac-phong-chay-chua-chay-va/" in answer.pages[:3]


def test_the_slash_key_opens_the_box_and_escape_closes_it(page: Page):
    page.goto("./")
    page.keyboard.press("/")
    expect(page.locator("#bt-search-input")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(".bt-search")).not_to_be_visible()
    expect(page.get_by_role("button", name="Tìm kiếm")).to_be_visible()


def test_the_engine_keys_words_as_the_python_rule_does(page: Page):
    sample = (REPO / "data" / "sources" / "bulletin-2024-02.txt").read_text(encoding="utf-8")
    vocabulary = sorted(set(words(sample)))
    typed = (
        vocabulary
        + [unicodedata.normalize("NFD", w) for w in vocabulary]
        + [other_tone_placement(w) for w in vocabulary]
    )
    page.goto("./")
    keys = page.evaluate(
        """words => words.map(w => {
            const k = BanTinSearch.keys(w.normalize("NFC").toLowerCase());
            return [k.folded, k.exact];
        })""",
        typed,
    )
    assert len(vocabulary) > 1000
    assert [tuple(k) for k in keys] == [search_keys(w) for w in typed]


def test_the_engine_hashes_and_groups_as_the_index_does(page: Page):
    from scripts.search.build import fnv1a, group, pair_group

    pairs = ["dang_vien", "thanh_nien", "ho_chi", "x_y", "nghi_quyet", "2023_10"]
    page.goto("./")
    assert page.evaluate("pairs => pairs.map(BanTinSearch.fnv1a)", pairs) == [fnv1a(pair) for pair in pairs]
    keys = ["dang", "x", "ß", "2023", "\U0001d4d0bc", "a\u4e2db"]  # a letter outside UTF-16's first plane counts one
    assert page.evaluate("keys => keys.map(BanTinSearch.group)", keys) == [group(key) for key in keys]
    ends = [("dang", key) for key in keys]
    assert page.evaluate("ends => ends.map(([a, b]) => BanTinSearch.pairGroup(a, b))", ends) == [
        pair_group(a, b) for a, b in ends
    ]


def _page_texts(built_site: Path) -> dict[str, str]:
    """Each indexed page's text as the index holds it (what snippets are cut from)."""
    meta = json.loads((built_site / INDEX_DIR / "trang.json").read_text(encoding="utf-8"))
    return {
        page[0]: json.loads((built_site / INDEX_DIR / "van" / f"{n}.json").read_text(encoding="utf-8"))["text"]
        for n, page in enumerate(meta["pages"])
    }


@pytest.mark.parametrize("typed", ["nghị quyết 43", "nghi quyet 43", "Nghị quyết 43"])
def test_a_rare_word_with_its_neighbours_ranks_the_page_that_holds_them_together_first(
    box: SearchBox, built_site: Path, typed: str
):
    # the one page with 'Nghị quyết số 43/2022/QH15' before those whose title holds only 'nghị quyết'
    near = [url for url, text in _page_texts(built_site).items() if "nghi quyet so 43" in " ".join(words(fold(text)))]
    assert len(near) == 1
    answer = box.search(typed)
    assert answer.pages[0] == near[0], answer.pages[:5]


@pytest.mark.parametrize("typed", ["gà", "đang", "tụ tập đá gà", "dạng", "sẽ"])
def test_pages_with_the_words_as_typed_come_before_their_look_alikes(box: SearchBox, built_site: Path, typed: str):
    exact = {url: {search_keys(word)[1] for word in words(text)} for url, text in _page_texts(built_site).items()}
    wanted = {search_keys(word)[1] for word in words(typed)}
    answer = box.search(typed + " ", shown=0)  # a space: every word whole
    as_typed = [wanted <= exact[url] for url in answer.pages]
    holding = sum(wanted <= forms for forms in exact.values())  # pages that write every word as typed
    first = min(holding, len(answer.pages))
    assert first and as_typed == [True] * first + [False] * (len(as_typed) - first), (typed, answer.pages)


@pytest.mark.parametrize("typed", ["nam 2023", "tu tuong", "chua danh gia", "ke hoach", "trang thai", "bang chi tieu"])
def test_snippets_hold_the_pages_words_and_nothing_else(box: SearchBox, page: Page, typed: str):
    box.search(typed, shown=10)
    snippets = page.eval_on_selector_all(".bt-search__snippet", "ps => ps.map(p => p.textContent)")
    assert snippets
    for text in snippets:
        assert "**" not in text and "Trạng thái:" not in text and "Lọc nhiệm vụ" not in text, text
        assert "kéo sang ngang" not in text, text  # a hint on using the page is not its text
        # a footnote number read into its word: 'năm 202355', 'tưởng”1'
        assert not re.search(r"\b(?:19|20)\d\d\d+\b|[”\"»)]\d", text), text


def test_a_footnote_number_is_not_read_into_the_word_it_follows(built_site: Path):
    texts = _page_texts(built_site)
    glued = 0
    for path in built_site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        marks = re.findall(r'(\w+)[”"]?<sup id="fnref:\w+"><a class="footnote-ref"[^>]*>(\d+)<', html)
        if marks:
            text = texts[path.parent.relative_to(built_site).as_posix() + "/"]
            glued += len(marks)
            for word, number in marks:
                assert not re.search(rf"\b{re.escape(word)}[”\"]?{number}\b", text), (path, word, number)
    assert glued >= 10  # the samples' articles have footnotes


def test_while_a_word_is_typed_the_list_holds_still(box: SearchBox, page: Page):
    # one letter alone is no query yet: nothing listed, and no 'no page found'
    alone = box.search("c", shown=0)
    assert alone.pages == [] and alone.status == "Gõ thêm chữ để tìm."
    shown = box.search("chu", shown=0, clear=False)
    assert shown.pages
    for more in ("chuy", "chuye"):  # not syllables yet: the list stays as it was
        assert box.search(more, shown=0, clear=False).pages == shown.pages
    whole = box.search("chuyên", shown=0, clear=False)  # a syllable: its own list
    assert whole.pages and whole.pages != shown.pages
    # a reader who stops on a part of a word gets its guesses after a pause
    box.search("chu", shown=0, clear=False)
    box.search("chuy", shown=0, clear=False)
    expect(page.locator("#bt-search-status")).not_to_have_text(shown.status, timeout=5_000)
    assert page.locator(".bt-search__item").count() > 0
