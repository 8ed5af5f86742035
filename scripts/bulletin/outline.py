"""What the importer made of a bulletin, for the editor to check: the outline every import prints, and the
warnings for what looks unusual in it."""

from __future__ import annotations

import statistics

from scripts.bulletin.model import Article, BulletList, Issue, Table, plain_text
from scripts.vietnamese import int_to_roman, words

LONG_TITLE = 200  # characters: a title this long may have swallowed the line under it
LONG_ARTICLE = 3.0  # times the median of the other articles: two articles may have been read as one
LONG_ARTICLE_WORDS = 3000


def article_text(article: Article) -> str:
    """The text of the article under its title: blocks, then footnotes."""
    parts: list[str] = []
    for block in article.blocks:
        if isinstance(block, Table):
            parts.extend(" ".join(row) for row in block.rows)
        elif isinstance(block, BulletList):
            parts.extend(plain_text(item) for item in block.items)
        else:
            parts.append(plain_text(block.inlines))
    if article.notes_title:
        parts.append(article.notes_title)
    parts.extend(plain_text(note.inlines) for note in article.footnotes)
    return "\n".join(parts)


def first_words(article: Article, count: int = 12) -> str:
    """The first words of the article's text, as typed ('Ngày 17 tháng 10 năm 2020, Ban …')."""
    for block in article.blocks:
        text = " ".join(" ".join(row) for row in block.rows) if isinstance(block, Table) else ""
        if isinstance(block, BulletList):
            text = plain_text(block.items[0]) if block.items else ""
        elif not isinstance(block, Table):
            text = plain_text(block.inlines)
        pieces = text.split()
        if pieces:
            return " ".join(pieces[:count]) + (" …" if len(pieces) > count else "")
    return ""


def code(article: Article) -> str:
    """'II.3': how the outline and the correction file name an article."""
    return f"{int_to_roman(article.section)}.{article.number}"


def structure_warnings(issue: Issue) -> list[str]:
    """Warnings about the structure as read: likely merges, missing authors, swallowed lines."""
    warnings: list[str] = []
    counts = {id(a): len(words(article_text(a))) for a in issue.articles}
    for article in issue.articles:
        others = [counts[id(a)] for a in issue.articles if a is not article]
        size = counts[id(article)]
        if others and size >= LONG_ARTICLE_WORDS and size > LONG_ARTICLE * statistics.median(others):
            warnings.append(
                f"Bài {code(article)} dài {size} chữ, gấp {size / statistics.median(others):.1f} lần các bài khác: "
                "kiểm tra xem có phải hai bài bị nhập làm một không."
            )
        if len(article.title) > LONG_TITLE:
            warnings.append(
                f"Tiêu đề bài {code(article)} dài {len(article.title)} ký tự: kiểm tra xem có dòng nội dung nào "
                "bị ghép vào tiêu đề không."
            )
    for section in issue.sections:
        signed = [a for a in section.articles if a.author]
        if len(signed) >= 2 and len(signed) > len(section.articles) / 2:
            for article in section.articles:
                if not article.author:
                    warnings.append(
                        f"Bài {code(article)} không có tác giả, trong khi các bài khác của mục "
                        f"{int_to_roman(section.number)} đều có: kiểm tra dòng tác giả ở đầu hoặc cuối bài."
                    )
    return warnings


def outline(issue: Issue) -> list[str]:
    """The lines of the outline: each section, and under it each article with its author, length and first
    words."""
    lines = [f"{issue.label} ({issue.source_name}): {len(issue.sections)} mục, {len(issue.articles)} bài"]
    for section in issue.sections:
        lines.append(f"{int_to_roman(section.number)}. {section.title}")
        for article in section.articles:
            size = len(words(article_text(article)))
            author = article.author or "(không có tác giả)"
            lines.append(f"  {code(article)}  {article.title}")
            lines.append(f"        tác giả: {author} · {size} chữ · mở đầu: «{first_words(article)}»")
    return lines
