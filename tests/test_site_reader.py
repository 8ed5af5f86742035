"""What a reader meets first, in headless Chromium: Vietnamese everywhere, legible colours in both schemes,
marks large enough to tap, titles set like the printed bulletin, a way back from a wrong address."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

PHONE = {"width": 390, "height": 844}
ENGLISH = [
    "Permanent link",
    "Jump back to footnote",
    "Initializing search",
    "Back to top",
    "404 - Not found",
    "Trở lại mục lục",  # the theme's Vietnamese for 'back to top' says 'back to the contents'
    "Type to start searching",
]

CONTRAST = """
(pairs) => {
  function rgb(value) {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    const parts = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
  }
  function over(top, bottom) {  // a translucent colour as it shows on its background
    return {r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
            b: top.b * top.a + bottom.b * (1 - top.a), a: 1};
  }
  function luminance(c) {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function background(element) {
    for (let e = element; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.a > 0) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  }
  return pairs.map((selector) => {
    const element = document.querySelector(selector);
    if (!element) return [selector, null];
    const back = background(element);
    const fore = over(rgb(getComputedStyle(element).color), back);
    const [l1, l2] = [luminance(fore), luminance(back)].sort((a, b) => b - a);
    return [selector, (l1 + 0.05) / (l2 + 0.05)];
  });
}
"""
CHECKED = [
    ".md-header__title .md-header__topic .md-ellipsis",
    ".md-header .bt-search-button",
    ".md-typeset a:not(.headerlink)",
    ".md-typeset h1",
    ".md-typeset .bt-meta",
    ".md-footer-meta",
]


def test_no_reader_sees_english_or_theme_wording(built_site: Path):
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for phrase in ENGLISH:
            assert phrase not in text, f"{phrase!r} in {path.relative_to(built_site)}"


def test_reader_pages_carry_no_editor_instructions(built_site: Path):
    for path in built_site.rglob("*.html"):
        visible = re.sub(r"<script.*?</script>|<[^>]+>", " ", path.read_text(encoding="utf-8"), flags=re.S)
        assert ".csv" not in visible and "data/indicators" not in visible, path.relative_to(built_site)


def test_the_404_page_leads_back_home_and_to_the_latest_issue(built_site: Path):
    text = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Không tìm thấy trang</h1>" in text
    assert '<a href="/">Trang chủ</a>' in text
    assert '<a href="/ban-tin/2024/02/">Số bản tin mới nhất: Số 02/2024</a>' in text
    assert '<a href="/ban-tin/">Tất cả các số bản tin</a>' in text


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_links_and_header_reach_wcag_aa_contrast(open_page, built_site: Path, scheme: str):
    article = next((built_site / "ban-tin" / "2023" / "10").glob("1-3-*/index.html")).parent.name
    page = open_page(color_scheme=scheme)
    page.goto(f"ban-tin/2023/10/{article}/")
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    for selector, ratio in page.evaluate(CONTRAST, CHECKED):
        assert ratio is not None, f"{selector} not on the page"
        assert ratio >= 4.5, f"{scheme}: {selector} has contrast {ratio:.2f}:1"


# Each footnote mark of the page, scrolled into view: its type size, the space between the character before
# it and its digit, and whether the points 11 px around its centre (a 24 px square) belong to its link.
MARKS = """() => Array.from(document.querySelectorAll('a.footnote-ref')).slice(0, 6).map(link => {
  link.scrollIntoView({block: 'center'});
  const digit = link.getBoundingClientRect();
  const before = link.parentElement.previousSibling;
  let gap = 0;
  if (before && before.nodeType === Node.TEXT_NODE && before.textContent.length) {
    const range = document.createRange();
    range.setStart(before, before.textContent.length - 1);
    range.setEnd(before, before.textContent.length);
    const rects = range.getClientRects();
    gap = digit.left - rects[rects.length - 1].right;
  }
  const x = digit.left + digit.width / 2, y = digit.top + digit.height / 2;
  const hits = [[-11, 0], [11, 0], [0, -11], [0, 11], [-11, -11], [11, 11]].map(([dx, dy]) => {
    const hit = document.elementFromPoint(x + dx, y + dy);
    return hit === link || link.contains(hit);
  });
  return {text: link.textContent, size: parseFloat(getComputedStyle(link).fontSize), gap, hits};
})"""


def test_footnote_marks_are_legible_tight_to_their_word_and_large_enough_to_tap(open_page, built_site: Path):
    article = next((built_site / "ban-tin" / "2023" / "10").glob("1-3-*/index.html")).parent.name
    page: Page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"ban-tin/2023/10/{article}/")
    boxes = [page.locator("a.footnote-backref").nth(i).bounding_box() for i in range(3)]
    assert all(box["width"] >= 24 and box["height"] >= 24 for box in boxes), boxes
    marks = page.evaluate(MARKS)
    assert marks, "the article has footnote marks"
    for mark in marks:
        assert mark["size"] >= 12, mark  # px
        assert mark["gap"] < 2, mark  # the digit sits against its word or closing quote
        assert all(mark["hits"]), mark  # a finger anywhere in the 24 px square around it takes the link
    assert page.locator("a.footnote-backref").first.get_attribute("title") == "Trở lại chỗ có chú thích 1 trong bài"
    assert page.locator("a.headerlink").first.get_attribute("title") == "Liên kết đến đoạn này"


def test_article_titles_are_black_and_bold(page: Page, built_site: Path):
    article = next((built_site / "ban-tin" / "2024" / "02").glob("2-1-*/index.html")).parent.name
    page.goto(f"ban-tin/2024/02/{article}/")
    weight, colour, body = page.evaluate(
        "[getComputedStyle(document.querySelector('.md-typeset h1')).fontWeight,"
        " getComputedStyle(document.querySelector('.md-typeset h1')).color,"
        " getComputedStyle(document.querySelector('.md-typeset')).color]"
    )
    assert int(weight) >= 700 and colour == body


def test_search_button_and_dialog_have_names(page: Page):
    page.goto("")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_role("dialog", name="Tìm kiếm trong bản tin")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Tìm trong bản tin")).to_be_focused()


@pytest.mark.parametrize(
    ("shortcut", "lands_on"),
    [
        ("Số mới nhất (Số 02/2024)", "ban-tin/2024/02/"),
        ("Bản in cả số", "ban-tin/2024/02/ban-in/"),
        ("Chỉ tiêu Nghị quyết", "chi-tieu/"),  # the term and each year, listed
        ("Tiến độ nhiệm vụ", "tien-do/2023/"),
        ("Báo cáo", "bao-cao/2023/bao-cao-525-bc-tu/"),
    ],
)
def test_home_shortcuts_reach_each_section_in_one_tap_on_a_phone(open_page, site_server, shortcut, lands_on):
    page: Page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("")
    link = page.locator(".bt-shortcuts a", has_text=shortcut)
    assert link.is_visible()
    box = link.bounding_box()
    assert box["height"] >= 44
    link.tap()
    page.wait_for_url(site_server + lands_on)
    page.go_back()  # a landing page that sent the reader on is not in the history
    page.wait_for_url(site_server)


@pytest.mark.parametrize("width", [360, 390])
def test_the_phone_header_shows_the_short_site_name_whole(open_page, width: int):
    page: Page = open_page(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    page.goto("")
    shown = page.evaluate(
        """() => {
          const name = document.querySelector('.md-header__title .md-header__topic:first-child .md-ellipsis');
          return {content: getComputedStyle(name, '::after').content,
                  whole: name.scrollWidth <= name.clientWidth, label: name.textContent.trim()};
        }"""
    )
    assert shown["content"].startswith('"Sinh hoạt nội bộ"') and shown["whole"], shown
    assert shown["label"] == "Thông tin sinh hoạt nội bộ"  # what the page's text (and a screen reader) has


def test_the_search_placeholder_fits_a_360_px_phone_and_the_hint_is_under_the_box(open_page):
    page: Page = open_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page.goto("")
    page.get_by_role("button", name="Tìm kiếm").click()
    fit = page.evaluate(
        """() => {
          const box = document.querySelector('#bt-search-input'), style = getComputedStyle(box);
          const context = document.createElement('canvas').getContext('2d');
          context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          return {text: context.measureText(box.placeholder).width,
                  room: box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)};
        }"""
    )
    assert 0 < fit["text"] <= fit["room"], fit
    expect(page.locator("#bt-search-status")).to_have_text("Gõ có dấu hay không dấu đều được.")


def test_on_a_phone_the_title_is_clearly_larger_than_the_articles_headings(open_page, built_site: Path):
    article = next((built_site / "ban-tin" / "2024" / "02").glob("2-3-*/index.html")).parent.name
    page: Page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"ban-tin/2024/02/{article}/")
    sizes = page.evaluate(
        """() => ['p', 'h1', 'h2', 'h3'].map(tag => {
          const element = document.querySelector('.md-typeset ' + tag);
          return element ? parseFloat(getComputedStyle(element).fontSize) : null;
        })"""
    )
    text, title, heading, _ = sizes
    assert heading is not None and title >= heading * 1.2 and heading > text, sizes


def test_a_report_table_on_a_phone_sizes_its_columns_by_content_and_shows_that_it_scrolls(open_page):
    page: Page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("bao-cao/2023/bao-cao-525-bc-tu/")
    wrap = page.locator(".md-typeset__scrollwrap", has=page.locator("th", has_text="NỘI DUNG")).first
    wrap.scroll_into_view_if_needed()
    # the table is laid out once near the screen (content-visibility): two frames after the scroll
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    layout = wrap.evaluate(
        """wrap => {
          const heads = [...wrap.querySelectorAll('thead th')];
          const text = heads.find(th => th.textContent.trim() === 'NỘI DUNG');
          const cell = [...wrap.querySelectorAll('tbody td')]
            .find(td => td.textContent.trim() === 'Kết nạp đảng viên mới');
          const range = document.createRange();
          range.selectNodeContents(cell);
          const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
          return {widths: heads.map(th => th.getBoundingClientRect().width), text: heads.indexOf(text),
                  header: wrap.querySelector('thead tr').getBoundingClientRect().height,
                  lines: tops.size,
                  scrolls: wrap.scrollWidth > wrap.clientWidth};
        }"""
    )
    widths = layout["widths"]
    # the running text is the widest column; a column of figures ('TT', 'Chỉ tiêu 2023') is narrower
    assert widths[layout["text"]] == max(widths) >= 150, layout
    assert widths[0] < widths[layout["text"]] / 2 and widths[2] < widths[layout["text"]], layout
    assert layout["lines"] == 1 and layout["header"] < 170 and layout["scrolls"], layout  # was 263 px tall

    def edges() -> tuple[float, float]:
        """How dark the table's box is at its left and right edges (a shadow says there is more)."""
        shot = wrap.screenshot()
        image = Image.open(io.BytesIO(shot)).convert("L")
        middle = image.height // 2
        column = lambda x: sum(image.getpixel((x, y)) for y in range(middle - 20, middle + 20)) / 40  # noqa: E731
        return column(1), column(image.width - 2)

    left, right = edges()
    assert right < left - 8, (left, right)  # more to the right: a shadow there, none at the left
    wrap.evaluate("wrap => { wrap.scrollLeft = wrap.scrollWidth; }")
    left, right = edges()
    assert left < right - 8, (left, right)  # at the end: the shadow has moved to the left


@pytest.mark.parametrize("width", [390, 1280])
def test_no_empty_band_under_a_title(open_page, width: int):
    page: Page = open_page(viewport={"width": width, "height": 844})
    for path in (
        "ban-tin/2024/02/2-3-quyet-tam-thuc-hien-thang-loi-ke-hoach-phat-trien-kinh-te-xa/",
        "ban-tin/2023/10/",
        "tien-do/2023/tran-ngoc-tam/",
        "bao-cao/2023/bao-cao-525-bc-tu/",
        "chi-tieu/2023/",
    ):
        page.goto(path)
        gap = page.evaluate(
            """() => { const title = document.querySelector('article h1');
                       const below = title.nextElementSibling.getBoundingClientRect().top;
                       return below - title.getBoundingClientRect().bottom; }"""
        )
        assert 0 <= gap <= 20, (path, gap)  # the theme's margin left 25–40 px between a title and its author
