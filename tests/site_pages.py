"""Reading the built site as files: which issues and articles it has, and what their HTML links to.

Used by the end-to-end tests (`test_site_build.py`, `test_site_browser.py`); nothing here runs MkDocs.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

PRINT_SLUG = "ban-in"  # scripts/bulletin/writers/pages.py PRINT_FILE, as a folder
ISSUE_DIR_RE = re.compile(r"^ban-tin/(\d{4})/(\d{2})/$")


SAMPLE_ISSUES = ["2023-10", "2024-02"]  # the issues the site ships (data/sources/)


def issue_label(issue: str) -> str:
    """'2023-10' → 'Số 10/2023', the title of the issue page."""
    year, month = issue.split("-")
    return f"Số {month}/{year}"


def issue_url(issue: str) -> str:
    """'2023-10' → 'ban-tin/2023/10/', relative to the site root."""
    year, month = issue.split("-")
    return f"ban-tin/{year}/{month}/"


def page_url(site: Path, html_file: Path) -> str:
    """URL of a built page relative to the site root: 'ban-tin/2023/10/index.html' → 'ban-tin/2023/10/'."""
    relative = html_file.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


def issues(site: Path) -> list[str]:
    """Issues the built site has, oldest first ('2023-10', '2024-02', …)."""
    found = []
    for index in site.glob("ban-tin/*/*/index.html"):
        match = ISSUE_DIR_RE.match(page_url(site, index))
        if match:
            found.append(f"{match.group(1)}-{match.group(2)}")
    return sorted(found)


def article_urls(site: Path, issue: str | None = None) -> list[str]:
    """Article pages (one folder below an issue, but the issue's print view), all issues or one;
    site-relative URLs, sorted."""
    pattern = f"{issue_url(issue)}*/index.html" if issue else "ban-tin/*/*/*/index.html"
    return sorted(page_url(site, path) for path in site.glob(pattern) if path.parent.name != PRINT_SLUG)


def print_url(issue: str) -> str:
    """'2023-10' → 'ban-tin/2023/10/ban-in/', the issue's print view."""
    return f"{issue_url(issue)}{PRINT_SLUG}/"


def resolve(from_url: str, href: str) -> str:
    """A link's target as a site-relative URL, without fragment ('../x/' from 'a/b/' → 'a/x/')."""
    absolute = urljoin("http://site.invalid/" + from_url, href)
    parts = urlsplit(absolute)
    assert parts.netloc == "site.invalid", f"{from_url}: link leaves the site: {href}"
    return unquote(parts.path.lstrip("/"))


def exists(site: Path, url: str) -> bool:
    """Whether a site-relative URL is served by a file of the built site."""
    path = PurePosixPath(url)
    target = site / path
    return (target / "index.html").is_file() if url.endswith("/") or url == "" else target.is_file()


@dataclass
class Link:
    href: str
    classes: set[str]
    inside: set[str]  # classes of the enclosing elements
    text: str = ""


@dataclass
class ParsedPage:
    lang: str | None = None
    links: list[Link] = field(default_factory=list)
    class_counts: dict[str, int] = field(default_factory=dict)
    class_texts: dict[str, list[str]] = field(default_factory=dict)
    heading_ids: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)  # src of any element, href of <link>

    def links_in(self, css_class: str) -> list[Link]:
        return [link for link in self.links if css_class in link.inside]


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _PageParser(html.parser.HTMLParser):
    """Just enough of a DOM for the tests: links with their context, classes, heading ids, resources."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._stack: list[tuple[str, set[str]]] = []
        self._link: Link | None = None
        self._texts: list[tuple[str, list[str], int]] = []  # (class, parts, depth) being collected

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        classes = set(attributes.get("class", "").split())
        if tag == "html":
            self.page.lang = attributes.get("lang")
        if "src" in attributes:
            self.page.resources.append(attributes["src"])
        if tag == "link" and "href" in attributes:
            self.page.resources.append(attributes["href"])
        if re.fullmatch(r"h[1-6]", tag) and attributes.get("id"):
            self.page.heading_ids.append(attributes["id"])
        for css_class in classes:
            self.page.class_counts[css_class] = self.page.class_counts.get(css_class, 0) + 1
        if tag in _VOID:
            return
        if tag == "a":
            inside = set().union(*(c for _, c in self._stack)) if self._stack else set()
            self._link = Link(attributes.get("href", ""), classes, inside)
            self.page.links.append(self._link)
        for css_class in classes:
            if css_class.startswith("bt-"):
                self._texts.append((css_class, [], len(self._stack)))
        self._stack.append((tag, classes))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag == "a":
            self._link = None
        while self._stack:
            open_tag, _ = self._stack.pop()
            depth = len(self._stack)
            while self._texts and self._texts[-1][2] == depth:
                css_class, parts, _ = self._texts.pop()
                self.page.class_texts.setdefault(css_class, []).append(" ".join("".join(parts).split()))
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.text += data
        for _, parts, _ in self._texts:
            parts.append(data)


def parse(html_file: Path) -> ParsedPage:
    parser = _PageParser()
    parser.feed(html_file.read_text(encoding="utf-8"))
    parser.close()
    for link in parser.page.links:
        link.text = " ".join(link.text.split())
    return parser.page


def parse_url(site: Path, url: str) -> ParsedPage:
    return parse(site / url / "index.html" if url.endswith("/") or url == "" else site / url)


def text_files(site: Path, suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(path for path in site.rglob("*") if path.is_file() and path.suffix in suffixes)
