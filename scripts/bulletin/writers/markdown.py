"""Markdown for the document model: bulletin text is content, so every character is escaped.

Nothing a bulletin says can become markup, a template expression or HTML: `{{ }}`, `{% %}`,
`<script>` and the like come out of Python-Markdown as the same literal text.
"""

from __future__ import annotations

import re

from scripts.bulletin.model import (
    Block,
    BulletList,
    Footnote,
    Heading,
    Inline,
    NoteRef,
    Paragraph,
    SourceNote,
    Table,
)

# where the `footnotes` extension puts the footnote texts: under the article, above its pager
FOOTNOTES_HERE = "///Footnotes Go Here///"
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]])")
_LINE_START = re.compile(r"^(\d+)([.)])(\s)|^([#+\-=!?:>|~])")


def escape(text: str, *, in_table: bool = False) -> str:
    """`text` as Markdown that renders to exactly `text`."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if in_table:
        text = text.replace("|", "\\|")
    return text


def escape_line_start(markdown: str) -> str:
    """Keep a line from starting a list, heading, quote, rule or admonition."""

    def repl(match: re.Match[str]) -> str:
        if match.group(1):
            return f"{match.group(1)}\\{match.group(2)}{match.group(3)}"
        char = match.group(4)
        # Python-Markdown honours a backslash only before its own set of characters
        return "\\" + char if char in "#+-!" else f"&#{ord(char)};"

    return _LINE_START.sub(repl, markdown, count=1)


def inline(inlines: list[Inline], note_ids: dict[str, str] | None = None) -> str:
    """Markdown of inline runs: emphasis kept, white space outside the markers, footnote marks."""
    note_ids = note_ids or {}
    parts: list[str] = []
    for item in inlines:
        if isinstance(item, NoteRef):
            if item.label in note_ids:
                parts.append(f"[^{note_ids[item.label]}]")
            continue
        text = re.sub(r"\s+", " ", item.text)
        if not text.strip() or not (item.bold or item.italic):
            parts.append(escape(text))
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        marker = "***" if item.bold and item.italic else "**" if item.bold else "*"
        parts.append(f"{lead}{marker}{escape(text.strip())}{marker}{trail}")
    return escape_line_start("".join(parts).strip())


def blocks(content: list[Block], footnotes: list[Footnote], *, note_prefix: str = "", heading_shift: int = 0) -> str:
    """Markdown of an article's blocks followed by its footnote texts.

    Several articles on one page (the print view of an issue) need `note_prefix`, which keeps their
    footnote ids apart, and `heading_shift`, which puts their headings under the article titles; there
    the footnotes go to the end of the page.
    """
    note_ids = {note.label: f"{note_prefix}{number}" for number, note in enumerate(footnotes, start=1)}
    out: list[str] = []
    for block in content:
        if isinstance(block, Heading):
            out.append(f"{'#' * min(6, block.level + heading_shift)} {inline(block.inlines, note_ids)}")
        elif isinstance(block, Paragraph):
            out.append(inline(block.inlines, note_ids))
        elif isinstance(block, SourceNote):
            out.append(f"{inline(block.inlines, note_ids)}\n{{ .bt-source }}")
        elif isinstance(block, BulletList):
            out.append("\n".join(f"- {inline(item, note_ids)}" for item in block.items))
        elif isinstance(block, Table):
            out.append(table(block.rows))
    if footnotes and not note_prefix:
        out.append(FOOTNOTES_HERE)
    for note in footnotes:
        out.append(f"[^{note_ids[note.label]}]: {inline(note.inlines)}")
    return "\n\n".join(part for part in out if part.strip()) + "\n"


def table(rows: list[list[str]]) -> str:
    """A pipe table; the first row is the header, short rows are padded."""
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    lines = []
    for position, row in enumerate(rows):
        cells = [escape(re.sub(r"\s+", " ", cell).strip(), in_table=True) for cell in row]
        cells += [""] * (width - len(cells))
        lines.append("| " + " | ".join(cells) + " |")
        if position == 0:
            lines.append("|" + "|".join(["---"] * width) + "|")
    return "\n".join(lines)


def link(text: str, target: str, css_class: str | None = None) -> str:
    """`[text](target)`, with an attribute list when `css_class` is given."""
    suffix = f"{{ .{css_class} }}" if css_class else ""
    return f"[{escape(text)}]({target}){suffix}"
