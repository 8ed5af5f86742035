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
from scripts.bulletin.readers.equations import DOLLAR_MATH, math_text
from scripts.vietnamese import nfc, superscript, unsuperscript

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
    notes: list[tuple[str, str]] = field(default_factory=list)  # (label, text): the appendix's footnotes


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
        self.math: list[str] | None = None  # the LaTeX of a <math> element being read

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
        elif tag == "math":
            self.math = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"p", "ul", "li"}:
            self.parts.append("\n")
        elif tag in {"b", "strong"}:
            self.parts.append("**")
        elif tag in {"i", "em"}:
            self.parts.append("*")
        elif tag == "sup":
            self.in_sup = False
        elif tag == "math" and self.math is not None:
            self.parts.append(_MARKDOWN_SPECIAL.sub(r"\\\1", math_text("".join(self.math))))
            self.math = None

    def handle_data(self, data: str) -> None:
        if self.math is not None:
            self.math.append(data)
            return
        data = DOLLAR_MATH.sub(lambda found: math_text(found.group("dollar")), data)  # '$\leq 03\%$' → '≤ 03%'
        text = _MARKDOWN_SPECIAL.sub(r"\\\1", data)  # HTML characters stay: rendering escapes them
        if self.in_sup:  # 'm<sup>2</sup>' → 'm²'; a note's mark '<sup>(44)</sup>' → '⁴⁴'
            mark = re.fullmatch(r"\s*\(\s*(\d{1,3})\s*\)\s*", data)
            # letters raised ('pháo 85 <sup>mm</sup>') are read as written: '85 mm'
            text = superscript(mark.group(1) if mark else data) or text
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


# A footnote of the appendix, which the PDF export set into the running text of a cell where a page broke:
# its label in superscript, after a space or at a line's start, then a capital ('³ Công văn số 603/…').
# It runs to its line's end, or to the next note; a sentence that goes on in lower case after its full stop
# ('… năm 2022. công nghệ cao') is the cell's own text, cut by the page, and goes back to where it was cut.
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_NOTE_START = re.compile(rf"(?:(?<=\s)|^)([{_SUPERSCRIPT_DIGITS}]+)[ \t]+(?=\**[A-ZĐÀ-Ỹ])", re.MULTILINE)
_TEXT_GOES_ON = re.compile(r"(?<=[.;])\s+(?=[a-zđà-ỹ])")
_LEADING_NUMBER = re.compile(r"^\s*(?:\*\*)?\s*\d{1,2}\s*[.)]\s*(?:\*\*)?\s*")


def separate_notes(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(the cell's text without the footnote texts set into it, [(label, note text)]), label in digits."""
    starts = list(_NOTE_START.finditer(text))
    if not starts:
        return text, []
    kept = [text[: starts[0].start()]]
    notes: list[tuple[str, str]] = []
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        line_end = text.find("\n", start.end(), end)
        body, rest = (
            (text[start.end() : line_end], text[line_end:end]) if line_end != -1 else (text[start.end() : end], "")
        )
        goes_on = _TEXT_GOES_ON.search(body)
        if goes_on:
            body, rest = body[: goes_on.start()], body[goes_on.end() :] + rest
        notes.append((unsuperscript(start.group(1)), body.strip()))
        kept.append(rest)
    # the cell's text, rejoined where the notes cut it ('ứng dụng' | 'công nghệ cao')
    joined = kept[0].rstrip()
    for piece in kept[1:]:
        piece = piece.strip()
        if piece:
            glue = " " if piece[:1].islower() or not joined or not re.search(r"[.!?;:…]$", joined) else "\n"
            joined = f"{joined}{glue}{piece}" if joined else piece
    return joined.strip(), notes


def tidy_task(task: Task) -> None:
    """What the export left in a task: its own number typed again ('**3.** Chỉ đạo…': the number is the
    task's), and footnote texts inside its cells (they become the task's notes)."""
    task.task = _LEADING_NUMBER.sub("", task.task, count=1)
    # '**2. Thực hiện dự án….**': the number went with the opening marker, its closing one must go too
    task.task = "\n".join(_tidy_emphasis(line) for line in task.task.split("\n"))
    for name in FIELDS:
        text, notes = separate_notes(getattr(task, name))
        setattr(task, name, text)
        task.notes.extend(notes)


def has_mark(task: Task, label: str) -> bool:
    """Whether the text of `task` carries the footnote mark `label` (in superscript, '³')."""
    mark = superscript(label)
    pattern = rf"(?<![{_SUPERSCRIPT_DIGITS}]){mark}(?![{_SUPERSCRIPT_DIGITS}])"
    return any(re.search(pattern, getattr(task, name)) for name in FIELDS)


def _rehome_notes(leader: Leader) -> None:
    """A note belongs to the task whose text carries its mark: the page foot that printed it may lie under
    another of the leader's tasks (the nearest such task takes it; a note no text marks stays where it is)."""
    for position, task in enumerate(leader.tasks):
        for note in list(task.notes):
            if has_mark(task, note[0]):
                continue
            others = sorted(range(len(leader.tasks)), key=lambda other: abs(other - position))
            target = next(
                (leader.tasks[o] for o in others if o != position and has_mark(leader.tasks[o], note[0])), None
            )
            if target is not None:
                task.notes.remove(note)
                target.notes.append(note)
    for task in leader.tasks:
        task.notes.sort(key=lambda note: int(note[0]))


def read_leaders(path) -> list[Leader]:
    """Leaders and tasks of the appendix file at `path`, tidied (`tidy_task`), each note with its task."""
    leaders = leaders_from_text(read_text_file(path))
    for leader in leaders:
        for task in leader.tasks:
            tidy_task(task)
        _rehome_notes(leader)
    return leaders
