"""Cleaners: repair what an export broke, on the raw blocks, before the structure is recovered.

Each cleaner takes and returns a list of `RawBlock`s and never drops a word of text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from scripts.bulletin.grammar import (
    RUNNING_HEAD,
    article_line,
    author_line,
    bullet,
    heading_like,
    is_sub_item,
    numbered_line,
    section_line,
)
from scripts.bulletin.model import NoteRef, RawBlock, Run, drop_prefix, strip_inlines
from scripts.vietnamese import is_all_caps

_TERMINAL = re.compile(r"[.!?;:…]$")
_TRAILING_CLOSERS = "”\"’')]*» "
_VOWELS = set("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")

Cleaner = Callable[[list[RawBlock]], list[RawBlock]]


def drop_noise(blocks: list[RawBlock]) -> list[RawBlock]:
    """Remove blocks that hold no word at all (a lone '*' or '**' left by the export)."""
    kept = []
    for block in blocks:
        has_text = bool(re.search(r"\w", block.text))
        has_mark = any(isinstance(item, NoteRef) for item in block.inlines)
        if block.kind in {"rule", "table", "note"} or has_text or has_mark:
            kept.append(block)
    return kept


_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?(?:trang\s+)?\d{1,3}(?:\s*[-–])?(?:\s*/\s*\d{1,3})?$", re.IGNORECASE)


def drop_running_lines(blocks: list[RawBlock]) -> list[RawBlock]:
    """Remove the page furniture a PDF's text export keeps: page numbers on a line of their own ('12',
    '- 12 -', 'Trang 12') and the running head beside them, a short line that comes back at page breaks
    (digits aside) or names the bulletin. A line elsewhere stays, however often it repeats (a section's title,
    an author), and so does the masthead's own line at the top. The paragraph the page break cut
    in two is joined again by `join_page_breaks`."""
    numbers = {i for i, b in enumerate(blocks) if b.kind == "para" and _PAGE_NUMBER.match(b.text)}
    keys = [re.sub(r"\d+", "#", b.text) if b.kind == "para" and len(b.text) <= 100 else None for b in blocks]
    counts = Counter(k for k in keys if k)
    running = set(numbers)
    for index, key in enumerate(keys):
        if not key or index in numbers:
            continue
        text = blocks[index].text
        shaped = bool(article_line(text) or section_line(text, True) or re.search(r"[.;:!?]$", text))
        at_break = bool({index - 1, index + 1} & numbers) and not shaped
        if at_break and (counts[key] >= 2 or RUNNING_HEAD.search(text)):
            running.add(index)
    return [b for i, b in enumerate(blocks) if i not in running]


def extract_footnotes(blocks: list[RawBlock]) -> list[RawBlock]:
    """Turn footnote texts ('<sup>(1)</sup> text', at a page bottom or between paragraphs) into notes.

    A rule ('---', the line above page-bottom footnotes) is page decoration and is dropped.
    """
    result: list[RawBlock] = []
    for block in blocks:
        if block.kind == "rule":
            continue
        if _starts_with_mark(block) and block.text:
            label = block.inlines[0].label  # type: ignore[union-attr]
            result.append(RawBlock("note", _lstrip_runs(block.inlines[1:]), block.line, note_label=label))
        else:
            result.append(block)
    return result


def typed_lists(blocks: list[RawBlock]) -> list[RawBlock]:
    """A paragraph typed as a list item ('- ', '+ ', '• ' in front) is a list item, in every format."""
    result: list[RawBlock] = []
    for block in blocks:
        typed = bullet(block.text) if block.kind == "para" and not block.marked_heading else None
        if typed:
            inlines = strip_inlines(block.inlines)
            block = replace(block, kind="item", inlines=drop_prefix(inlines, len(block.text) - len(typed[1])))
        result.append(block)
    return result


def merge_split_tables(blocks: list[RawBlock]) -> list[RawBlock]:
    """Join the parts of a table that page breaks split, dropping the header each page repeats."""
    result: list[RawBlock] = []
    for block in blocks:
        previous = result[-1] if result else None
        if block.kind == "table" and previous is not None and previous.kind == "table":
            header = _header_rows(previous.rows, block.rows)
            if header:
                rows = [*previous.rows, *block.rows[header:]]
                result[-1] = RawBlock("table", line=previous.line, rows=rows)
                continue
        result.append(block)
    return result


def _header_rows(first: list[list[str]], second: list[list[str]]) -> int:
    """How many leading rows of `second` repeat the header of `first` (0: not a continuation)."""
    count = 0
    while count < min(len(first), len(second)) and [c.strip() for c in first[count]] == [
        c.strip() for c in second[count]
    ]:
        count += 1
    return count if count and len(second[0]) == len(first[0]) else 0


def join_page_breaks(blocks: list[RawBlock]) -> list[RawBlock]:
    """Join paragraphs (and list items) that a page break cut in two.

    A footnote block that the page break put between the two halves moves after the joined text.
    """
    result: list[RawBlock] = []
    pending_notes: list[RawBlock] = []
    for block in blocks:
        if block.kind == "note":
            pending_notes.append(block)
            continue
        previous = result[-1] if result else None
        if previous is not None and continues(previous, block):
            result[-1] = _joined(previous, block)
        else:
            result.extend(pending_notes)
            pending_notes = []
            result.append(block)
            continue
    result.extend(pending_notes)
    return result


def continues(first: RawBlock, second: RawBlock) -> bool:
    """Whether `second` is the rest of `first`, cut off by a page break."""
    if first.kind not in {"para", "item"} or second.kind != "para":
        return False
    if first.whole or second.whole or first.forced or second.forced:
        return False  # a Word paragraph ends where the file says; an editor's correction starts a new one
    if second.marked_heading or second.indented or (first.indented and not second.text[:1].islower()):
        return False  # (an indented paragraph goes on after a page break with a word in lower case)
    text, following = first.text, second.text
    if not text or not following or following.startswith("(Nguồn") or _starts_structure(following):
        return False
    if section_line(text, True) or (following[0].isdigit() and numbered_line(text) and len(text) <= 300):
        return False  # a heading ends where its line does; a figure after a title line starts the text
    ending = text.rstrip(_TRAILING_CLOSERS)[-1:]
    if ending == ";":
        # an enumeration goes on after ';' with a lower-case word or a figure ('2.596/2.601 chi bộ')
        return following[0].islower() or following[0].isdigit()
    if (
        following[0].isdigit()
        and numbered_line(following)
        and (author_line(text) or len(text) <= 120 or heading_like(following))
    ):
        return False  # an author line or a heading, or a line shaped like a title: the next article ('2.2024: …')
    if _TERMINAL.search(ending):
        return False
    if following[0].islower() or following[0].isdigit() or ending == ",":
        return True
    if first.emphasised or second.emphasised or _starts_structure(text) or numbered_line(text):
        return False  # a title line is long at times, and ends without a full stop ('14.2024: …' too)
    # a long paragraph never ends without punctuation: the next one carries on its sentence
    return len(text) >= 200 and len(following) >= 40 and not is_all_caps(text)


def _starts_structure(text: str) -> bool:
    """A line that starts a section, an article, a numbered point or a list item (see grammar)."""
    numbered = numbered_line(text) and not re.match(r"^\d{1,2}[.,/-]\d", text)  # '2.596/2.601 chi bộ' goes on
    return bool(section_line(text, True) or numbered or is_sub_item(text) or bullet(text))


def _joined(first: RawBlock, second: RawBlock) -> RawBlock:
    tail = first.text.split()[-1] if first.text.split() else ""
    head = second.text.split()[0] if second.text.split() else ""
    # a word cut inside a syllable ('Mì' | 'nh'): the second half, in lower case, has no vowel of its own
    # (an abbreviation such as 'NQTW4' or 'BB+' has none either, but is a word of its own)
    cut = head[:1].islower() and tail[-1:].isalpha() and not (_VOWELS & set(head.lower()))
    glue = "" if cut else " "
    inlines = list(first.inlines)
    if glue:
        inlines.append(Run(glue, *_style_of_last(first)))
    inlines.extend(second.inlines)
    return replace(first, inlines=inlines)


def _style_of_last(block: RawBlock) -> tuple[bool, bool]:
    runs = [item for item in block.inlines if isinstance(item, Run)]
    return (runs[-1].bold, runs[-1].italic) if runs else (False, False)


def _starts_with_mark(block: RawBlock) -> bool:
    return block.kind == "para" and bool(block.inlines) and isinstance(block.inlines[0], NoteRef)


def _lstrip_runs(inlines: list) -> list:
    items = list(inlines)
    if items and isinstance(items[0], Run):
        items[0] = Run(items[0].text.lstrip(), items[0].bold, items[0].italic)
    return items


CLEANERS: list[Cleaner] = [
    drop_noise,
    drop_running_lines,
    extract_footnotes,
    typed_lists,
    merge_split_tables,
    join_page_breaks,
]


def clean(blocks: list[RawBlock]) -> list[RawBlock]:
    """Run every cleaner in order."""
    for cleaner in CLEANERS:
        blocks = cleaner(blocks)
    return blocks
