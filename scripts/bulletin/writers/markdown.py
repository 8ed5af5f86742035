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


def inline(inlines: list[Inline], note_ids: dict[str, str] | None = None, *, marks: str = "footnotes") -> str:
    """Markdown of inline runs: emphasis kept, white space outside the markers, footnote marks.

    `marks` 'footnotes' writes a mark as the footnotes extension's `[^id]`; 'print' as a raised number
    linking to the note under its own article (the print view, where each article numbers its notes).
    """
    note_ids = note_ids or {}
    parts: list[str] = []
    for item in inlines:
        if isinstance(item, NoteRef):
            if item.label in note_ids:
                parts.append(_print_mark(note_ids[item.label]) if marks == "print" else f"[^{note_ids[item.label]}]")
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


def _print_mark(note_id: str) -> str:
    """'<sup>…</sup>' for note `note_id` ('1-3-2': article I.3, its note 2), ids made here, never from text."""
    number = note_id.rsplit("-", 1)[1]
    return f'<sup class="bt-note-ref" id="dau-{note_id}"><a href="#chu-thich-{note_id}">{number}</a></sup>'


def blocks(
    content: list[Block],
    footnotes: list[Footnote],
    *,
    notes_title: str | None = None,
    note_prefix: str = "",
    heading_shift: int = 0,
) -> str:
    """Markdown of an article's blocks followed by its notes (under `notes_title`, when it has one).

    One article on a page: its notes are the footnotes extension's, under the article. Several articles on
    one page (the print view of an issue) need `note_prefix`, which keeps their notes apart and numbers
    each article's notes from 1 under that article, as the printed bulletin does, and `heading_shift`,
    which puts their headings under the article titles.
    """
    in_print = bool(note_prefix)
    note_ids = {note.label: f"{note_prefix}{number}" for number, note in enumerate(footnotes, start=1)}
    marks = "print" if in_print else "footnotes"
    out: list[str] = []
    for block in content:
        if isinstance(block, Heading):
            out.append(f"{'#' * min(6, block.level + heading_shift)} {inline(block.inlines, note_ids, marks=marks)}")
        elif isinstance(block, Paragraph):
            out.append(inline(block.inlines, note_ids, marks=marks))
        elif isinstance(block, SourceNote):
            out.append(f"{inline(block.inlines, note_ids, marks=marks)}\n{{ .bt-source }}")
        elif isinstance(block, BulletList):
            out.append("\n".join(f"- {inline(item, note_ids, marks=marks)}" for item in block.items))
        elif isinstance(block, Table):
            out.append(table(block.rows))
    if footnotes and notes_title:
        out.append(
            f"{'#' * (2 + heading_shift)} {escape(notes_title)}" + (" { .bt-print-notes-title }" if in_print else "")
        )
    elif footnotes and in_print:
        out.append("Chú thích\n{ .bt-print-notes-title }")
    if in_print:
        out.append(
            "\n".join(
                f'{number}. <span id="chu-thich-{note_ids[note.label]}"></span>{inline(note.inlines)}'
                for number, note in enumerate(footnotes, start=1)
            )
        )
        return "\n\n".join(part for part in out if part.strip()) + "\n"
    if footnotes:
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
