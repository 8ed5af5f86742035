"""Task progress out of a report appendix (appendix 8 of 525-BC/TU): one 4-column table, cut by pages.

The table is (leader and position | assigned task | result | next steps). The PDF export breaks it:
a cell goes on in the rows below (first cells empty), in lines with one cell, and in 3-cell rows where
the spanning leader cell is missing. Each fragment is joined to the cell it continues; cell HTML
becomes plain Markdown (bold, italics, '- ' lists), and no HTML is kept.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from scripts.bulletin.readers.decode import read_text_file
from scripts.vietnamese import nfc, superscript

_LEADER = re.compile(r"^\s*Đ[ồô]ng\s")  # "Đồng chí …", also misspelt "Đông chí"
_TASK_NUMBER = re.compile(r"^\s*(\d{1,2})\s*\.(?!\d)")
_TERMINAL = re.compile(r"[.!?;:…]$")
FIELDS = ("task", "result", "next_steps")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]])")


@dataclass
class Task:
    number: int
    task: str = ""
    result: str = ""
    next_steps: str = ""


@dataclass
class Leader:
    order: int
    name: str
    position: str
    tasks: list[Task] = field(default_factory=list)


class _CellToMarkdown(HTMLParser):
    """One cell's HTML as Markdown: <p> paragraphs, <b>/<i> emphasis, <li> items; other tags dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_sup = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"p", "ul", "br"}:
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in {"b", "strong"}:
            self.parts.append("**")
        elif tag in {"i", "em"}:
            self.parts.append("*")
        elif tag == "sup":
            self.in_sup = True

    def handle_endtag(self, tag: str) -> None:
        if tag in {"p", "ul", "li"}:
            self.parts.append("\n")
        elif tag in {"b", "strong"}:
            self.parts.append("**")
        elif tag in {"i", "em"}:
            self.parts.append("*")
        elif tag == "sup":
            self.in_sup = False

    def handle_data(self, data: str) -> None:
        text = _MARKDOWN_SPECIAL.sub(r"\\\1", data)  # HTML characters stay: rendering escapes them
        if self.in_sup:  # 'm<sup>2</sup>' → 'm²'
            text = superscript(data) or f"^{text}"
        self.parts.append(text)


def cell_markdown(cell: str) -> str:
    """Sanitised Markdown of one cell of the export."""
    parser = _CellToMarkdown()
    parser.feed(nfc(cell))
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"\*\*(\s*)\*\*", r"\1", text)  # '**' '**' left by split bold runs
    text = re.sub(r"(?<!\*)\*\*\s*\*\*(?!\*)", "", text)
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    paragraphs: list[str] = []
    for line in lines:
        if not line or line in {"**", "*", "- "}:
            continue
        line = re.sub(r"^- [-–•+]\s*", "- ", line)  # the export's own bullet inside a list item
        paragraphs.append(_tidy_emphasis(line))
    return "\n".join(paragraphs)


def _tidy_emphasis(line: str) -> str:
    """Move white space out of emphasis markers ('** 2. Dự án **' → '**2. Dự án**') and drop empty pairs."""
    line = re.sub(r"\*\*\s+", "** ", line) if line.count("**") % 2 else line
    line = re.sub(r"\*\*\s*([^*]*?)\s*\*\*", lambda m: f"**{m.group(1)}**" if m.group(1) else "", line)
    line = re.sub(
        r"(?<!\*)\*(?!\*)\s*([^*]*?)\s*(?<!\*)\*(?!\*)", lambda m: f"*{m.group(1)}*" if m.group(1) else "", line
    )
    if line.count("**") % 2:
        line = line.replace("**", "")
    return line.strip()


def plain(markdown: str) -> str:
    """The text of a cell's Markdown, for names and for deciding how fragments join."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown.replace("**", "").replace("*", ""))).strip()


def _join(first: str, second: str) -> str:
    """Join a cell fragment to the text it continues: mid-sentence on the same line, else a new paragraph."""
    if not first:
        return second
    if not second:
        return first
    starts_lower = plain(second)[:1].islower()
    if starts_lower or not _TERMINAL.search(plain(first.split("\n")[-1])):
        return f"{first} {second}" if starts_lower or not second.startswith("- ") else f"{first}\n{second}"
    return f"{first}\n{second}"


def _without_title(text: str) -> str:
    """'Đồng chí Hồ Thị Hoàng Yến, …' → 'Hồ Thị Hoàng Yến, …'; the export may scatter the words of the title."""
    words = text.split()
    if words and words[0].lower() in {"đồng", "đông"}:
        words.pop(0)
        for index in range(min(2, len(words))):
            if words[index].lower() == "chí":
                words.pop(index)
                break
    return " ".join(words)


def leaders_from_text(text: str) -> list[Leader]:
    """Rebuild the table of `text` (the appendix as exported) into leaders and their numbered tasks."""
    leaders: list[Leader] = []
    task: Task | None = None
    open_field = "task"  # the cell a one-cell line continues
    in_table = False
    for line in text.split("\n"):
        if not line.strip() or re.fullmatch(r"[\s\t-]*", line):
            continue
        cells = line.split("\t")
        if "Cá nhân được phân công" in line:
            in_table = True
            continue
        if not in_table:
            continue
        if len(cells) == 1:
            if task is not None:
                setattr(task, open_field, _join(getattr(task, open_field), cell_markdown(cells[0])))
            continue
        if len(cells) == 3:
            cells = ["", *cells]
        if all(re.fullmatch(r"\s*-*\s*", cell) for cell in cells):
            continue
        leader_cell, *task_cells = (cell_markdown(cell) for cell in cells[:4])
        if _TASK_NUMBER.match(plain(leader_cell)):  # a row shifted one cell to the left
            leader_cell, task_cells = "", [leader_cell, task_cells[0], _join(task_cells[1], task_cells[2])]
        first_task = bool(re.match(r"^\s*1\s*\.", plain(task_cells[0])))
        if leader_cell and (_LEADER.match(plain(leader_cell)) or first_task):
            name, _, position = _without_title(plain(leader_cell)).partition(",")
            leaders.append(Leader(len(leaders) + 1, name.strip(" ,"), position.strip(" ,")))
            task = None
        elif leader_cell and leaders:
            leader = leaders[-1]
            more = plain(leader_cell)
            if not leader.position and "," in more:  # the name went on: 'Nguyễn Minh' | 'Cảnh, Tỉnh ủy viên'
                rest, _, more = more.partition(",")
                leader.name = f"{leader.name} {rest.strip()}"
            leader.position = f"{leader.position} {more.strip()}".strip(" ,")
        if not leaders:
            continue
        number = _TASK_NUMBER.match(plain(task_cells[0])) if task_cells[0] else None
        if number and (task is None or int(number.group(1)) == task.number + 1):
            task = Task(int(number.group(1)))
            leaders[-1].tasks.append(task)
        elif task is None:
            task = Task(len(leaders[-1].tasks) + 1)
            leaders[-1].tasks.append(task)
        for name, value in zip(FIELDS, task_cells, strict=True):
            if value:
                setattr(task, name, _join(getattr(task, name), value))
                open_field = name
        filled = [name for name, value in zip(FIELDS, task_cells, strict=True) if value]
        unfinished = [name for name in filled if not _TERMINAL.search(plain(getattr(task, name)))]
        open_field = (unfinished or filled or [open_field])[-1]
    return leaders


def read_leaders(path) -> list[Leader]:
    """Leaders and tasks of the appendix file at `path`."""
    return leaders_from_text(read_text_file(path))
