"""Pages of one issue: its index page, one page per article, and the navigation file of the issue."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from scripts.bulletin.model import Article, Issue
from scripts.bulletin.writers import markdown as md
from scripts.bulletin.writers.generated import stamp_nav, stamp_page
from scripts.markup import css_string
from scripts.vietnamese import int_to_roman, slugify

BULLETIN_DIR = "docs/ban-tin"
PUBLICATION = "Thông tin sinh hoạt nội bộ"
PUBLISHER = "BAN TUYÊN GIÁO TỈNH ỦY"  # when neither the masthead nor the site (mkdocs.yml extra.publisher) names it
SLUG_LENGTH = 60
PRINT_FILE = "ban-in.md"
PRINT_TITLE = "Bản in cả số"
PRINT_SCRIPT = "assets/javascripts/in.js"
# shown by in.js (a page without scripts has nothing to press); the browser's own print works anyway
PRINT_BUTTON = (
    '<button type="button" class="bt-print-button md-button md-button--primary" hidden>In cả số hoặc lưu PDF</button>'
)


def issue_dir(issue_id: str) -> str:
    """'2023-10' → 'docs/ban-tin/2023/10'."""
    year, month = issue_id.split("-")
    return f"{BULLETIN_DIR}/{year}/{month}"


def article_file(article: Article) -> str:
    """File name of an article page: '<section>-<number>-<slug>.md', ASCII only."""
    slug = slugify(article.title, max_length=SLUG_LENGTH) or "bai"
    return f"{article.section}-{article.number}-{slug}.md"


def issue_pages(issue: Issue, publisher: str = PUBLISHER) -> dict[str, str]:
    """Every file of `issue`, by path relative to the project root; `publisher`: the site's (site_publisher)."""
    base = issue_dir(issue.issue)
    files = {
        f"{base}/index.md": _issue_page(issue),
        f"{base}/.nav.yml": _issue_nav(issue),
        f"{base}/{PRINT_FILE}": _print_page(issue, publisher),
    }
    articles = issue.articles
    for position, article in enumerate(articles):
        previous = articles[position - 1] if position else None
        following = articles[position + 1] if position + 1 < len(articles) else None
        files[f"{base}/{article_file(article)}"] = _article_page(issue, article, previous, following)
    return files


def _section_title(issue: Issue, number: int) -> str:
    section = next(s for s in issue.sections if s.number == number)
    return f"{int_to_roman(section.number)}. {section.title}"


def _article_page(issue: Issue, article: Article, previous: Article | None, following: Article | None) -> str:
    section_title = next(s.title for s in issue.sections if s.number == article.section)
    meta = {
        "title": article.title,
        "issue": issue.issue,
        "issue_label": issue.label,
        "section": article.section,
        "section_title": section_title,
        "article": article.number,
        "author": article.author,
        "source": issue.source_name,
    }
    if article.kicker:
        meta["kicker"] = article.kicker
    parts = []
    if article.kicker:
        parts.append(f"{md.escape(article.kicker)}\n{{ .bt-kicker }}")
    parts.append(f"# {md.escape(article.title)}")
    byline = [
        md.link(f"{PUBLICATION} {issue.label}", "index.md"),
        md.escape(_section_title(issue, article.section)),
    ]
    if article.author:
        byline.append(f"**{md.escape(article.author)}**")
    parts.append(" · ".join(byline) + "\n{ .bt-meta }")
    parts.append(md.blocks(article.blocks, article.footnotes, notes_title=article.notes_title).rstrip("\n"))
    pager = []
    if previous:
        pager.append(md.link(f"← Bài trước: {previous.title}", article_file(previous), "bt-prev"))
    pager.append(md.link(f"Mục lục {issue.label}", "index.md", "bt-up"))
    if following:
        pager.append(md.link(f"Bài sau: {following.title} →", article_file(following), "bt-next"))
    parts.append("\n".join(pager) + "\n{ .bt-pager }")
    return stamp_page(meta, "\n\n".join(parts) + "\n")


def _issue_page(issue: Issue) -> str:
    meta = {
        "title": issue.label,
        "issue": issue.issue,
        "issue_label": issue.label,
        "source": issue.source_name,
        "masthead": issue.masthead,
        "sections": [
            {
                "number": section.number,
                "title": section.title,
                "articles": [
                    {
                        "number": a.number,
                        "title": a.title,
                        "author": a.author,
                        "file": article_file(a),
                    }
                    for a in section.articles
                ],
            }
            for section in issue.sections
        ],
    }
    parts = [f"# {PUBLICATION} {issue.label}"]
    if issue.masthead:
        parts.append(" · ".join(md.escape(line) for line in issue.masthead) + "\n{ .bt-masthead }")
    count = len(issue.articles)
    parts.append(
        f"Số này có {count} bài, chia thành {len(issue.sections)} mục. "
        + md.link(f"{PRINT_TITLE} (in hoặc lưu PDF, khổ A4)", PRINT_FILE, "bt-print-link")
    )
    for section in issue.sections:
        parts.append(f"## {md.escape(_section_title(issue, section.number))}")
        items = []
        for article in section.articles:
            line = f"{article.number}. {md.link(article.title, article_file(article))}"
            if article.author:
                line += f" — *{md.escape(article.author)}*"
            items.append(line)
        parts.append("\n".join(items))
    return stamp_page(meta, "\n\n".join(parts) + "\n")


def _print_page(issue: Issue, publisher: str) -> str:
    """The whole issue on one page, in bulletin order, for printing on A4 or saving as PDF: the masthead,
    then the articles one after the other, each with its own notes under it; page numbers and the running
    title come from the print style sheet, the print button from `assets/javascripts/in.js`.

    Left out of the search: its articles are found on their own pages.
    """
    meta = {
        "title": f"{PRINT_TITLE} {issue.label}",
        "issue": issue.issue,
        "issue_label": issue.label,
        "source": issue.source_name,
        "search": {"exclude": True},
        "scripts": [PRINT_SCRIPT],  # loaded by overrides/main.html on this page only
    }
    parts = [
        f"{md.escape(_publisher(issue, publisher))}\n{{ .bt-print-publication }}",
        f"# {PUBLICATION} {{ .bt-print-title }}",
        f"(Phục vụ sinh hoạt chi bộ) · {md.escape(issue.label)} · Lưu hành nội bộ\n{{ .bt-print-issue }}",
        PRINT_BUTTON,
        # the running head of every printed sheet names the issue (the style sheet's names only the bulletin)
        f"<style>@page {{ @top-right {{ content: {css_string(f'{PUBLICATION} · {issue.label}')}; }} }}</style>",
    ]
    for section in issue.sections:
        parts.append(f"## {md.escape(_section_title(issue, section.number))} {{ .bt-print-section }}")
        for article in section.articles:
            parts.append(f"### {md.escape(article.title)} {{ .bt-print-article }}")
            if article.author:
                parts.append(f"**{md.escape(article.author)}**\n{{ .bt-meta }}")
            prefix = f"{article.section}-{article.number}-"
            text = md.blocks(
                article.blocks, article.footnotes, notes_title=article.notes_title, note_prefix=prefix, heading_shift=2
            )
            parts.append(text.rstrip("\n"))
    return stamp_page(meta, "\n\n".join(parts) + "\n")


def _publisher(issue: Issue, publisher: str) -> str:
    """The body that issues the bulletin, as its masthead names it ('BAN TUYÊN GIÁO TỈNH ỦY BẾN TRE'); the
    site's `publisher` when the masthead names none, or names it short of it ('BAN TUYÊN GIÁO TỈNH ỦY')."""
    for line in issue.masthead:
        if not re.search(r"thông\s+tin\s+sinh\s+hoạt|số\s+tháng|^số\b", line, re.IGNORECASE):
            named = " ".join(line.upper().split())
            return publisher if publisher.startswith(named) else named
    return publisher


class _SiteConfig(yaml.SafeLoader):
    """mkdocs.yml as data: its '!!python/name:' tags (the builders' functions) read as nothing, never run."""


_SiteConfig.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_publisher(root: Path) -> str:
    """The publisher the site names (`extra.publisher` in mkdocs.yml), else PUBLISHER."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_SiteConfig) or {}
    except (OSError, yaml.YAMLError):
        return PUBLISHER
    named = (config.get("extra") or {}).get("publisher") if isinstance(config, dict) else None
    return " ".join(str(named).upper().split()) if named else PUBLISHER


def _issue_nav(issue: Issue) -> str:
    nav: list = ["index.md"]
    for section in issue.sections:
        nav.append({_section_title(issue, section.number): [article_file(a) for a in section.articles]})
    nav.append({PRINT_TITLE: PRINT_FILE})
    return stamp_nav({"title": issue.label, "nav": nav})
