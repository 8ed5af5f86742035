"""The built site in headless Chromium, as a reader uses it: home → issue → article, pager, phone, print.

Every page is opened through the `open_page`/`page` fixtures, which fail the test on any request leaving
127.0.0.1, any console error, uncaught script error or HTTP error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scripts.search.build import INDEX_DIR
from tests.site_pages import SAMPLE_ISSUES, article_urls, issue_label, issue_url, issues, print_url

CONTENT = "article.md-content__inner"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
# Text of a heading without its permalink mark.
HEADING_TEXT = """e => [...e.childNodes]
    .filter(n => !(n.nodeType === 1 && n.classList.contains('headerlink')))
    .map(n => n.textContent).join('').trim()"""


@dataclass
class ArticleEntry:
    url: str  # site-relative
    title: str
    author: str | None


@dataclass
class SectionEntry:
    title: str  # 'I. Một số nội dung …'
    articles: list[ArticleEntry]


def read_contents(page: Page, base: str, issue: str) -> list[SectionEntry]:
    """The issue page's table of contents as the reader sees it: each H2 and the list after it."""
    page.goto(issue_url(issue))
    raw = page.locator(f"{CONTENT} h2").evaluate_all(
        f"""hs => hs.map(h => ({{
            title: ({HEADING_TEXT})(h),
            articles: h.nextElementSibling && h.nextElementSibling.tagName === 'OL'
                ? [...h.nextElementSibling.querySelectorAll(':scope > li')].map(li => ({{
                    href: li.querySelector('a').href,
                    title: li.querySelector('a').textContent.trim(),
                    author: li.querySelector(':scope > em')?.textContent.trim() ?? null,
                  }}))
                : [],
        }}))"""
    )
    return [
        SectionEntry(
            section["title"],
            [ArticleEntry(a["href"].removeprefix(base), a["title"], a["author"]) for a in section["articles"]],
        )
        for section in raw
    ]


def heading(page: Page) -> str:
    return page.locator(f"{CONTENT} h1").evaluate(HEADING_TEXT)


def in_order(sections: list[SectionEntry]) -> list[ArticleEntry]:
    return [article for section in sections for article in section.articles]


def test_home_shows_the_latest_issue_and_every_issue(page: Page, site_server: str, built_site: Path):
    page.goto("./")
    content = page.locator(CONTENT)
    expect(content.locator("h1")).to_be_visible()
    text = content.inner_text()
    assert "Số 10/2023" in text and "Số 02/2024" in text
    latest = issues(built_site)[-1]
    latest_heading = content.locator("h2", has_text="mới nhất")
    expect(latest_heading.get_by_role("link", name=issue_label(latest), exact=True)).to_be_visible()
    for issue in issues(built_site):
        links = content.get_by_role("link", name=issue_label(issue), exact=True)
        assert links.count() >= 1, f"home page has no link to {issue_label(issue)}"
        for href in links.evaluate_all("as => as.map(a => a.href)"):
            assert href == site_server + issue_url(issue)


def test_each_issue_link_on_the_home_page_opens_that_issue(page: Page, built_site: Path):
    for issue in issues(built_site):
        page.goto("./")
        page.locator(CONTENT).get_by_role("link", name=issue_label(issue), exact=True).first.click()
        page.wait_for_url(f"**/{issue_url(issue)}")
        assert issue_label(issue) in heading(page)


@pytest.mark.parametrize("issue", SAMPLE_ISSUES)
def test_issue_page_lists_its_articles_by_section(page: Page, site_server: str, built_site: Path, issue: str):
    sections = read_contents(page, site_server, issue)
    assert issue_label(issue) in heading(page)
    assert sections, "no section heading on the issue page"
    for section in sections:
        assert re.match(r"^[IVXLC]+\. \S", section.title), section.title
        assert section.articles, f"section {section.title!r} lists no article"
    listed = [article.url for article in in_order(sections)]
    assert sorted(listed) == article_urls(built_site, issue)


@pytest.mark.parametrize("issue", SAMPLE_ISSUES)
def test_article_shows_its_issue_section_and_author(page: Page, site_server: str, issue: str):
    for section in read_contents(page, site_server, issue):
        for article in section.articles:
            page.goto(article.url)
            assert heading(page) == article.title
            meta = page.locator(f"{CONTENT} .bt-meta")
            expect(meta).to_be_visible()
            expect(meta).to_contain_text(issue_label(issue))
            expect(meta).to_contain_text(section.title)
            if article.author:
                expect(meta).to_contain_text(article.author)


@pytest.mark.parametrize("issue", SAMPLE_ISSUES)
def test_next_and_previous_walk_through_the_issue_in_order(page: Page, site_server: str, issue: str):
    articles = in_order(read_contents(page, site_server, issue))
    page.goto(articles[0].url)
    expect(page.locator(".bt-pager .bt-prev")).to_have_count(0)
    for following in articles[1:]:
        page.locator(".bt-pager .bt-next").click()
        page.wait_for_url(site_server + following.url)
        assert heading(page) == following.title
    expect(page.locator(".bt-pager .bt-next")).to_have_count(0)
    if len(articles) > 1:
        page.locator(".bt-pager .bt-prev").click()
        page.wait_for_url(site_server + articles[-2].url)
        assert heading(page) == articles[-2].title


def test_reader_clicks_from_home_to_issue_to_article(page: Page, site_server: str):
    page.goto("./")
    page.locator(CONTENT).get_by_role("link", name="Số 10/2023", exact=True).first.click()
    page.wait_for_url(f"**/{issue_url('2023-10')}")
    first = page.locator(f"{CONTENT} ol > li > a").first
    title, href = first.inner_text().strip(), first.evaluate("a => a.href")
    first.click()
    page.wait_for_url(href)
    assert heading(page) == title
    expect(page.locator(f"{CONTENT} .bt-meta")).to_contain_text("Số 10/2023")


def test_pages_fit_a_phone_screen_with_legible_text(open_page, built_site: Path):
    phone = open_page(**PHONE)
    urls = ["./", "ban-tin/"] + [issue_url(i) for i in issues(built_site)] + article_urls(built_site)
    for url in urls:
        phone.goto(url)
        width = phone.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] + 1, f"{url}: page is {width[0]}px wide on a {width[1]}px screen"
        smallest = phone.locator(f"{CONTENT} :is(p, li, td, th, .bt-meta, .bt-pager a):not(:empty)").evaluate_all(
            "es => Math.min(...es.map(e => parseFloat(getComputedStyle(e).fontSize)))"
        )
        assert smallest >= 14, f"{url}: text as small as {smallest}px"


def test_pager_stacks_on_a_phone(open_page, built_site: Path):
    phone = open_page(**PHONE)
    for url in article_urls(built_site):
        phone.goto(url)
        previous, following = phone.locator(".bt-pager .bt-prev"), phone.locator(".bt-pager .bt-next")
        if previous.count() and following.count():
            above, below = previous.bounding_box(), following.bounding_box()
            assert above and below and below["y"] >= above["y"] + above["height"], url
            return
    pytest.fail("no article has both a previous and a next link")


def test_pager_puts_previous_left_and_next_right_on_a_desktop(page: Page, built_site: Path):
    for url in article_urls(built_site):
        page.goto(url)
        previous, following = page.locator(".bt-pager .bt-prev"), page.locator(".bt-pager .bt-next")
        if previous.count() and following.count():
            left, right = previous.bounding_box(), following.bounding_box()
            assert left and right and left["x"] + left["width"] <= right["x"], url
            return
    pytest.fail("no article has both a previous and a next link")


def test_print_shows_the_article_without_the_site_chrome(page: Page, built_site: Path):
    page.goto(article_urls(built_site, "2023-10")[0])
    page.emulate_media(media="print")
    for selector in [
        ".md-header",
        ".md-tabs",
        ".md-sidebar",
        ".bt-search-button",
        ".md-footer",
        ".md-top",
        ".headerlink",
        ".bt-pager",
    ]:
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    expect(page.locator(f"{CONTENT} h1")).to_be_visible()
    expect(page.locator(f"{CONTENT} .bt-meta")).to_be_visible()
    # Link targets are printed for links that leave the site only.
    after = page.evaluate(
        """() => {
            const article = document.querySelector('article.md-content__inner');
            const content = href => {
                const a = document.createElement('a');
                a.href = href;
                a.textContent = 'liên kết';
                article.append(a);
                return getComputedStyle(a, '::after').content;
            };
            return [content('https://example.org/tai-lieu'), content('../')];
        }"""
    )
    assert "https://example.org/tai-lieu" in after[0]
    assert after[1] in ("none", "normal")


def test_printed_page_is_a4(page: Page, built_site: Path):
    page.goto(article_urls(built_site, "2023-10")[0])
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = {tuple(map(float, m)) for m in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)}
    assert boxes, "no page in the printed PDF"
    for width, height in boxes:
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (width, height)  # A4 in points


def test_search_finds_an_article_by_its_vietnamese_title(page: Page, site_server: str, built_site: Path):
    everything = [a for issue in issues(built_site) for a in in_order(read_contents(page, site_server, issue))]
    # Some columns recur in every issue under the same title: search for a title that only one article has.
    unique = [a for a in everything if [b.title for b in everything].count(a.title) == 1]
    article = min(unique, key=lambda a: len(a.title))
    page.goto("./")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_role("searchbox", name="Tìm trong bản tin").press_sequentially(article.title, delay=10)
    # results come for each key typed: wait for those of the whole title
    first = page.locator(".bt-search__item").first
    expect(first.locator("a").first).to_have_attribute("href", re.compile(re.escape(article.url)), timeout=15_000)
    expect(first.locator(".bt-search__title")).to_have_text(article.title)


@pytest.mark.parametrize("issue", SAMPLE_ISSUES)
def test_the_print_view_holds_the_whole_issue_in_bulletin_order(page: Page, site_server: str, issue: str):
    articles = in_order(read_contents(page, site_server, issue))
    page.goto(issue_url(issue))
    page.locator("a.bt-print-link").click()
    page.wait_for_load_state()
    assert page.url == site_server + print_url(issue)
    titles = page.locator(f"{CONTENT} h3.bt-print-article").evaluate_all(
        "hs => hs.map(h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim())"
    )
    assert titles == [a.title for a in articles]
    # several articles' footnotes on one page: every id once, every reference lands on its note
    ids = page.locator("[id]").evaluate_all("es => es.map(e => e.id)")
    assert len(ids) == len(set(ids))
    refs = page.locator("sup.bt-note-ref a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert all(ref.startswith("#") and ref[1:] in ids for ref in refs)
    assert refs or issue == "2024-02"  # 2024-02 has no footnote
    page.emulate_media(media="print")
    for selector in [
        ".md-header",
        ".md-sidebar",
        ".md-footer",
        ".bt-search-button",
        ".bt-print-link",
        ".bt-print-button",
    ]:
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = [tuple(map(float, m)) for m in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)]
    assert boxes and all(abs(w - 595.3) < 2 and abs(h - 841.9) < 2 for w, h in boxes)


def test_the_print_view_is_not_searched(built_site: Path):
    documents = (built_site / INDEX_DIR / "trang.json").read_text(encoding="utf-8")
    assert f'"{print_url(SAMPLE_ISSUES[0])}' not in documents and f'"{issue_url(SAMPLE_ISSUES[0])}' in documents
