"""Reader for plain-text exports of a Word file: one paragraph per line, no markup.

Word's text export writes `[bookmark: …]` where a bookmark was, `[footnoteRef:N]` where a
footnote mark was and `[N: text]` for the text of that footnote; tab-indented lines are the
right-aligned author lines under a title (unless the editor starts most paragraphs with a tab).
"""

from __future__ import annotations

import re

from scripts.bulletin.grammar import BULLET
from scripts.bulletin.model import Inline, NoteRef, RawBlock, Run

BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
_NOTE_REF = re.compile(r"\[footnoteRef:\s*(\d+)\]")
_NOTE_TEXT = re.compile(r"\[(\d+): ((?:[^\[\]]|\[[^\[\]]*\])*)\]")


def read_text(text: str) -> list[RawBlock]:
    """Split a plain-text export into raw blocks, one per non-empty line."""
    blocks: list[RawBlock] = []
    lines = text.split("\n")
    filled = [line for line in lines if line.strip()]
    # an editor who starts every paragraph with a tab: then a tab sets no line apart
    tabs_mean_nothing = sum(line.startswith("\t") for line in filled) > len(filled) / 2
    # nor do blank lines, where one follows every paragraph; where most paragraphs run on without one, a
    # line with a blank line above and below is set apart, as a title is
    blank = [not line.strip() for line in lines]
    blank_after = sum(1 for i, line in enumerate(lines) if line.strip() and i + 1 < len(lines) and blank[i + 1])
    blanks_set_apart = blank_after < len(filled) / 2
    for number, line in enumerate(lines, start=1):
        indented = line.startswith("\t") and not tabs_mean_nothing
        spaced = blanks_set_apart and 1 < number < len(lines) and blank[number - 2] and blank[number]
        line = BOOKMARK.sub("", line)
        notes = [(m.group(1), m.group(2)) for m in _NOTE_TEXT.finditer(line)]
        line = _NOTE_TEXT.sub("", line).strip()
        if line:
            kind = "item" if BULLET.match(line) else "para"
            if kind == "item":
                line = BULLET.sub("", line, count=1)
            blocks.append(RawBlock(kind, _inlines(line), number, indented=indented, spaced=spaced))
        for label, note in notes:
            blocks.append(RawBlock("note", [Run(note.strip())], number, note_label=label))
    return blocks


def _inlines(line: str) -> list[Inline]:
    inlines: list[Inline] = []
    position = 0
    for match in _NOTE_REF.finditer(line):
        if match.start() > position:
            inlines.append(Run(line[position : match.start()]))
        inlines.append(NoteRef(match.group(1)))
        position = match.end()
    if position < len(line):
        inlines.append(Run(line[position:]))
    return inlines
