"""Reader for Markdown exports of a PDF: blocks split by blank lines, `#` marks, bold and italics.

Only the markup such an export produces is interpreted (`#`, `**`, `*`, `\\` escapes, `<sup>`,
`<b>`, `<i>`, `<br>`, `|` tables, equations in `<math>` or `$…$`, read as text); any other text, HTML
included, stays literal text.
"""

from __future__ import annotations

import re

from scripts.bulletin.model import Inline, NoteRef, RawBlock, Run, merge_runs
from scripts.bulletin.readers.equations import DOLLAR_MATH, math_text

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s{0,3}[-+*]\s+(?=\S)")
_NUMBERED_LINE = re.compile(r"^\s{0,3}\d{1,2}[.)]\s+\S")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TOKEN = re.compile(
    r"<math>(?P<math>.*?)</math>"
    rf"|{DOLLAR_MATH.pattern}"
    r"|\\(?P<escaped>[\\`*_{}\[\]()#+\-.!|<>])"
    r"|<sup>(?P<sup>.*?)</sup>"
    r"|(?P<br><br\s*/?>)"
    r"|(?P<tag></?(?:b|strong|i|em|u)>)"
    r"|(?P<stars>\*{1,3})",
    re.IGNORECASE,
)


def read_markdown(text: str) -> list[RawBlock]:
    """Split a Markdown export into raw blocks."""
    blocks: list[RawBlock] = []
    lines = text.split("\n")
    chunk: list[tuple[int, str]] = []
    for number, line in enumerate(lines + [""], start=1):
        if line.strip():
            chunk.append((number, line))
        elif chunk:
            blocks.extend(_read_chunk(chunk))
            chunk = []
    return blocks


def _read_chunk(chunk: list[tuple[int, str]]) -> list[RawBlock]:
    first_line = chunk[0][0]
    texts = [line for _, line in chunk]
    if all(line.lstrip().startswith("|") for line in texts) and len(texts) >= 2:
        return [_read_table(texts, first_line)]
    if all(line.count("\t") >= 2 for line in texts):  # a table exported with tabs between cells
        rows = [[_cell_text(cell) for cell in line.split("\t")] for line in texts]
        return [RawBlock("table", line=first_line, rows=rows)]
    if len(texts) == 1 and _RULE.match(texts[0]):
        return [RawBlock("rule", line=first_line)]
    # a run of list items or numbered lines is one block per line; other lines wrap softly
    if len(texts) > 1 and all(_ITEM.match(t) or _NUMBERED_LINE.match(t) or _HEADING.match(t) for t in texts):
        return [block for number, line in chunk for block in _read_chunk([(number, line)])]
    heading = _HEADING.match(texts[0]) if len(texts) == 1 else None
    if heading:
        return [RawBlock("heading", parse_inlines(heading.group(2)), first_line, marked_heading=True)]
    joined = " ".join(t.strip() for t in texts)
    if _ITEM.match(texts[0]):
        return [RawBlock("item", parse_inlines(_ITEM.sub("", joined, count=1)), first_line)]
    return [RawBlock("para", parse_inlines(joined), first_line)]


def _read_table(lines: list[str], first_line: int) -> RawBlock:
    rows = []
    for line in lines:
        if _TABLE_SEPARATOR.match(line):
            continue
        cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
        rows.append([_cell_text(cell) for cell in cells])
    return RawBlock("table", line=first_line, rows=rows)


def _cell_text(cell: str) -> str:
    inlines = parse_inlines(cell.replace("\\|", "|"))
    return "".join(item.text for item in inlines if isinstance(item, Run)).strip()


def parse_inlines(text: str) -> list[Inline]:
    """Inline runs of one block: emphasis from `*`/`**`/`<b>`/`<i>`, footnote marks from `<sup>`.

    An unpaired `**` is export noise and is dropped; an unpaired or free-standing `*` is text
    ('7*7', 'a * b').
    """
    tokens = [m for m in _TOKEN.finditer(text) if not _free_standing(m, text)]
    bold_toggles = sum(_toggles(m)[0] for m in tokens)
    italic_toggles = sum(_toggles(m)[1] for m in tokens)
    # an odd number of toggles means one mark has no partner: the last such mark is not emphasis
    skip_bold = bold_toggles % 2 == 1
    skip_italic = italic_toggles % 2 == 1
    seen_bold = seen_italic = 0

    inlines: list[Inline] = []
    bold = italic = False
    position = 0

    def emit(piece: str) -> None:
        if piece:
            inlines.append(Run(piece, bold, italic))

    for match in tokens:
        emit(text[position : match.start()])
        position = match.end()
        if match.group("math") is not None or match.group("dollar") is not None:
            emit(math_text(match.group("math") or match.group("dollar") or ""))
        elif match.group("escaped"):
            emit(match.group("escaped"))
        elif match.group("sup") is not None:
            label = match.group("sup").strip()
            if label:
                inlines.append(NoteRef(label))
        elif match.group("br"):
            emit(" ")
        else:
            toggle_bold, toggle_italic = _toggles(match)
            if toggle_bold:
                seen_bold += 1
                if not (skip_bold and seen_bold == bold_toggles):
                    bold = not bold
            if toggle_italic:
                seen_italic += 1
                if skip_italic and seen_italic == italic_toggles:
                    if match.group("stars") == "*":
                        emit("*")
                else:
                    italic = not italic
    emit(text[position:])
    return merge_runs(inlines)


def _free_standing(match: re.Match[str], text: str) -> bool:
    """A star with white space (or nothing) on both sides opens and closes nothing."""
    if not match.group("stars"):
        return False
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return before.isspace() and after.isspace()


def _toggles(match: re.Match[str]) -> tuple[int, int]:
    """(bold, italic) toggles of an emphasis token."""
    stars = match.group("stars")
    if stars:
        return int(len(stars) >= 2), int(len(stars) != 2)
    tag = (match.group("tag") or "").lower().strip("</>")
    return int(tag in {"b", "strong"}), int(tag in {"i", "em"})
