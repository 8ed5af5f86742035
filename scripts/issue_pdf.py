"""The PDF of every issue, made after the build (scripts/site.py) from the issue's print view with WeasyPrint,
a renderer made for paged media: A4, the running head naming the issue, page numbers, and each note at the
foot of the page that calls it, as in the printed bulletin.

    ban-tin/<năm>/<tháng>/ban-in/index.html  →  ban-tin/<năm>/<tháng>/ban-tin-so-<tháng>-<năm>.pdf

The issue's page links it ("Tải bản PDF (A4, 24 trang, 1,2 MB)") beside the link to the print view. What
WeasyPrint reads is the print view's article as the builder wrote it (its text already escaped there), the
notes moved to their calls, with this folder's `issue_pdf.css`; it may fetch nothing but files of the built
site (no network). A PDF is made again only when what it is made from changed (the issue's text, the style
sheet, WeasyPrint's version): the others come from `.cache/ban-in/`, so that the monthly build stays quick.
Both builders (MkDocs, Zensical) get the same step: it reads and writes files of the built site only.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from scripts.markup import escape

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / ".cache" / "ban-in"
STYLE = Path(__file__).with_name("issue_pdf.css")
KEEP_DAYS = 60  # cached PDFs no build has used for this long are removed
PRINT_PAGE = "ban-tin/*/*/ban-in/index.html"
_PRINT_LINK = re.compile(r'<a\b[^>]*\bclass="bt-print-link"[^>]*>.*?</a>', re.DOTALL)


class IssuePdfError(Exception):
    """An issue's PDF could not be made; the message says which and why, in Vietnamese."""


@dataclass(frozen=True)
class IssuePdf:
    path: Path  # in the built site
    pages: int
    size: int  # bytes
    made: bool  # rendered by this build (False: from the cache)


def file_name(year: str, month: str) -> str:
    return f"ban-tin-so-{month}-{year}.pdf"


def size_text(size: int) -> str:
    """'1,2 MB', '240 KB': as Vietnamese readers write sizes."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"
    return f"{max(1, round(size / 1000))} KB"


def document(print_page: Path) -> str:
    """The HTML WeasyPrint renders for the issue whose print view is `print_page`: its article (masthead,
    sections, articles, the running head's style), without the print button and heading anchors, each note
    that the text calls moved to its call (`span.bt-fn`, a footnote of the page)."""
    tree = lxml.html.document_fromstring(print_page.read_text(encoding="utf-8"))
    article = tree.find(".//article")
    if article is None:
        raise IssuePdfError(f"Lỗi tạo PDF: trang in '{print_page}' không có nội dung (thẻ <article>).")
    for element in article.xpath(".//a[contains(@class, 'headerlink')] | .//script | .//button"):
        element.drop_tree()
    for paragraph in article.xpath(".//p[not(normalize-space()) and not(*)]"):
        paragraph.drop_tree()  # the button's paragraph
    notes = {span.get("id"): span.getparent() for span in article.xpath(".//li/span[starts-with(@id, 'chu-thich-')]")}
    for call in article.xpath(".//sup[contains(@class, 'bt-note-ref')]"):
        link = call.find("a")
        item = notes.pop((link.get("href") or "").lstrip("#"), None) if link is not None else None
        if item is None:
            continue  # a call without its note: the mark stays as printed
        note = lxml.html.Element("span", {"class": "bt-fn", "data-label": (link.text_content() or "").strip()})
        note.text = item[0].tail  # after the anchor span
        for child in list(item)[1:]:
            note.append(child)
        note.tail = call.tail
        call.getparent().replace(call, note)
        item.getparent().remove(item)
    for title in article.xpath(".//*[contains(@class, 'bt-print-notes-title')]"):
        listing = title.getnext()
        if listing is not None and listing.tag == "ol" and not len(listing):
            listing.drop_tree()
            title.drop_tree()  # every note went to its call
    title = escape(tree.findtext(".//title") or "")
    body = lxml.html.tostring(article, encoding="unicode")
    return (
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{STYLE.read_text(encoding='utf-8')}</style></head><body>{body}</body></html>"
    )


def _fetcher(site: Path):
    """WeasyPrint's URL fetcher: files of the built site, nothing else (no network, no other file)."""
    from weasyprint.urls import URLFetcher

    root = site.resolve()

    class SiteFiles(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None):
            parts = urlsplit(url)
            if parts.scheme != "file" or not Path(unquote(parts.path)).resolve().is_relative_to(root):
                raise ValueError(f"không tải '{url}': bản PDF chỉ dùng tệp của trang đã dựng")
            return super().fetch(url, headers)

    return SiteFiles(allowed_protocols={"file"})


def _render(html: str, print_page: Path, site: Path, target: Path) -> int:
    """Render `html` to `target`; return its number of pages."""
    import weasyprint  # only a build that makes a PDF pays for it

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # CSS it ignores is the print view's business
    rendered = weasyprint.HTML(string=html, base_url=print_page.as_uri(), url_fetcher=_fetcher(site)).render()
    rendered.write_pdf(target)
    return len(rendered.pages)


@functools.cache
def _renderer() -> str:
    """WeasyPrint's version: part of every cache key (read once a build)."""
    from importlib.metadata import version

    return version("weasyprint")


def _key(html: str) -> str:
    return hashlib.sha256(f"{_renderer()}\0{html}".encode()).hexdigest()


def issue_pdfs(site: Path, cache: Path = CACHE) -> list[IssuePdf]:
    """Make (or take from `cache`) the PDF of every issue of the built `site`, and link each from its
    issue's page; raise IssuePdfError when one cannot be made."""
    made = []
    cache.mkdir(parents=True, exist_ok=True)
    for print_page in sorted(site.glob(PRINT_PAGE)):
        folder = print_page.parent.parent
        year, month = folder.parent.name, folder.name
        html = document(print_page)
        key = _key(html)
        cached, facts = cache / f"{key}.pdf", cache / f"{key}.json"
        fresh = not (cached.is_file() and facts.is_file())
        if fresh:
            partial = cache / f"{key}.{os.getpid()}.partial"
            try:
                pages = _render(html, print_page, site, partial)
            except Exception as error:  # WeasyPrint's own errors are many kinds
                partial.unlink(missing_ok=True)
                raise IssuePdfError(f"Lỗi tạo PDF số {month}/{year}: {error}") from error
            facts.write_text(json.dumps({"pages": pages}), encoding="utf-8")
            partial.replace(cached)
        else:
            pages = json.loads(facts.read_text(encoding="utf-8"))["pages"]
        os.utime(cached)  # used now: kept by `prune`
        target = folder / file_name(year, month)
        shutil.copyfile(cached, target)
        found = IssuePdf(target, pages, target.stat().st_size, fresh)
        _link(folder / "index.html", found)
        made.append(found)
    prune(cache)
    return made


def _link(issue_page: Path, pdf: IssuePdf) -> None:
    """Add to the issue's page, after its link to the print view, the link to the PDF with its size."""
    if not issue_page.is_file():
        return
    html = issue_page.read_text(encoding="utf-8")
    label = f"A4, {pdf.pages} trang, {size_text(pdf.size)}"
    link = (
        f' · <a class="bt-pdf-link" href="{escape(pdf.path.name)}" download>Tải bản PDF</a>'
        f' <span class="bt-pdf-size">({escape(label)})</span>'
    )
    found = _PRINT_LINK.search(html)
    if found and "bt-pdf-link" not in html:
        issue_page.write_text(html[: found.end()] + link + html[found.end() :], encoding="utf-8")


def prune(cache: Path, keep_days: int = KEEP_DAYS) -> None:
    """Remove the cached PDFs (and their facts) no build has used for `keep_days` days."""
    limit = time.time() - keep_days * 86400
    for cached in cache.glob("*.pdf"):
        if cached.stat().st_mtime < limit:
            cached.unlink(missing_ok=True)
            cached.with_suffix(".json").unlink(missing_ok=True)
