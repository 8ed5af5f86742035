"""The outline of a bulletin's body, decided for the whole file at once.

Every block may be read in a few ways (`Reading`): a section line, an article's title line (with the lines
that continue its title and the author lines under it), a title whose number the editor forgot, the untitled
first article under a section ('CHUYÊN ĐỀ …'), or text. Each reading carries its evidence: a few hand-set
scores, `WEIGHTS`, on the features of the line and of what surrounds it (the line shapes are grammar.py's).
Text scores 0; a reading is taken when its evidence and the constraints of the sequence make it worth it.

The constraints: sections run I, II, III…; article numbers run 1, 2, 3… within a section and restart with
it (or run on through the issue); a number skipped or repeated costs points ('skip', 'repeat'), fewer than a
plain title line is worth, so that no article is dropped for a gap, and a line between articles N-1 and N+1
that may be N (even without its number) is taken for it. The outline is the path of
highest total score through all blocks, found exactly by dynamic programming (Viterbi) over the states
(section, articles so far, last number printed, the number the previous section ended on). The same pass
run backwards gives each decision its confidence: the score lost by the best outline that decides that
block otherwise. Low-confidence decisions become warnings that name the alternative.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from scripts.bulletin.grammar import (
    NUMBERED,
    author_line,
    heading_like,
    is_lead_in,
    is_sub_item,
    person_line,
    plain_author_line,
    position_line,
    section_line,
)
from scripts.bulletin.grammar import (
    numbered_line as numbered,
)
from scripts.bulletin.model import RawBlock
from scripts.vietnamese import fold, is_all_caps

# Evidence, in points; a reading is worth taking when its points add up above 0 (the score of text).
WEIGHTS: dict[str, float] = {
    # an article's title line
    "numbered": 1.0,  # begins like one: '3. ', '3)', '3/', 'Bài 3:', a tab after the number
    "explicit": 3.0,  # 'Bài 3:' is an article whatever its look
    "bare number": -1.5,  # '3 Tiêu đề': a number and a space, no delimiter (Word's tab read as a space)
    "title shape": 2.0,  # short, not ending as a sentence ends
    "sentence": -4.0,  # ends with '.', ',' or ';': a numbered paragraph
    "long": -1.0,  # over 200 characters
    "lower case": -3.0,  # the title begins with a small letter
    "sub-item number": -4.0,  # '3.1.', '3. 1)': a point inside article 3
    "sub-item shape": -3.0,  # '3.1 Nội dung': typed like a sub-item's number (or '3.' before '10 năm …')
    "number goes on": -1.5,  # '2.596', '1/2024': digits right after the delimiter
    "formatted": 3.0,  # heading style, bold, centred or larger type
    "plain among formatted": -2.0,  # the file sets its titles apart, but not this line
    "indented": -3.0,  # tab-indented: an author's or a quotation's place
    "blank lines around": 1.5,  # a blank line above and below, where the text's paragraphs have none
    "capitals": 1.0,
    "author under": 2.0,  # an author line right under it
    "author above": 1.5,  # the line above closes an article: a name, a body, a source
    "contents": 6.0,  # the contents list names it
    "not in contents": -2.0,  # the contents list names articles, not this one
    "sub-item follows": 2.0,  # 'N.1', 'N.2' comes after the line 'N.'
    "list goes on": -3.0,  # numbered after a list that began with '1.' inside an article
    "lead-in": -2.0,  # ends with ':' and text follows: it introduces what follows
    # a title whose number was not typed
    "unnumbered": -4.1,  # (its look adds nothing: sub-headings look the same)
    # a section line
    "section": 2.0,
    "article follows": 2.0,  # an article's line (or the untitled first article) comes next
    "text follows": -3.0,  # a paragraph comes next: a heading inside an article
    "contents section": 4.0,
    # the sequence
    "in sequence": 1.0,  # the number the section expects next: the strongest single sign there is
    "skip": -2.5,  # per number skipped: less than a plain title line is worth, so none is dropped for it
    "repeat": -4.0,
    "counts untitled": -0.5,  # the numbering counts the untitled first article after all
    # '2.05 Học tập …' inside article 1 (or '1.05 …' before any article): a sub-item of article 2 cannot come
    # before article 2, so the line is article 2 typed without a space ('2.' + '05 Học tập …'); offsets most
    # of 'sub-item shape'
    "no article for the sub-item": 2.0,
    "empty section": -6.0,
}
LOW_CONFIDENCE = 2.0  # a decision that a lower score than this would turn is reported to the editor
# Outlines more than this behind the best at some line are not followed further: a state that has let
# several section or title lines go by as text never catches up (each one costs points that every later
# line's sequence adds to), and without the cut the states grow with the file, its time with the square of
# its pages. If the cut leaves no outline, the search runs again without it.
PRUNE_MARGIN = 40.0
MAX_TITLE = 300
MAX_UNNUMBERED = 200
MAX_AUTHOR = 160

_EXPLICIT = re.compile(r"^Bài\s+(?:số\s+)?\d", re.IGNORECASE)
_SUB_NUMBER = re.compile(r"^\d{1,2}\s*[.)](?:\s|$)|^\d{1,2}\s*\.\s*\d")  # the title part of '3.1. …', '3. 1) …'
_SUB_SHAPE = re.compile(r"^\d{1,2}\.\d{1,2}(?:[.)]|\s)")  # '3.1 …', '3.10 …': a sub-item's number, or '3.' + '10 …'
_GOES_ON = re.compile(r"^(?:Bài\s+)?\d{1,2}[.,/-]\d", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;,]$")
_CLOSERS = "”\"’')*» "
_KICKER = re.compile(r"^(chuyên\s+đề|tài\s+liệu)(\s+năm\s+\d{4})?$", re.IGNORECASE)
# a title line that cannot end there: it stops on a word that needs the next one
_UNFINISHED = re.compile(
    r"(?:,|-|–|\b(?:và|của|về|cho|với|trong|các|những|để|là|tại|theo|trên|từ|đến|nhằm|góp\s+phần|thực\s+hiện))$",
    re.IGNORECASE,
)


@dataclass
class Reading:
    """One way to read the block at `index`: what it starts, up to block `end` (title and author lines)."""

    kind: str  # section | article | unnumbered | section+untitled
    index: int
    end: int
    line: int
    number: int  # the number typed (section: its Roman number; 0 when none)
    title: str = ""
    author: list[str] = field(default_factory=list)  # author lines under the title
    kicker: str | None = None  # section+untitled: 'Chuyên đề năm 2024' over the untitled article's title
    article_title: str = ""  # section+untitled: that article's title
    evidence: list[tuple[str, float]] = field(default_factory=list)
    # the contents list's entries (section, number) whose titles agree with it; None: the list names none
    listed: frozenset[tuple[int, int]] | None = None

    @property
    def score(self) -> float:
        return sum(points for _, points in self.evidence)

    @functools.cached_property
    def sub_shaped(self) -> bool:
        """Typed like a sub-item's number ('2.05 …'); asked at every step of the decoding, worked out once
        (the evidence is complete before the decoding starts)."""
        return any(name == "sub-item shape" for name, _ in self.evidence)


@dataclass
class Decision:
    """A reading the outline takes, with its place in the outline and how sure the decoding is of it."""

    reading: Reading
    section: int  # the section it belongs to (for a section reading: its own number)
    position: int  # the article's number in its section (1, 2, …); 0 for a section
    confidence: float
    expected: int = 0  # the number the sequence expected here (for a warning on skips and repeats)
    evidence: list[tuple[str, float]] = field(default_factory=list)  # the reading's and the sequence's


@dataclass
class Doubt:
    """A block whose reading the decoding is unsure of: what was taken and what else it may be."""

    index: int
    line: int
    taken: Reading | None  # None: text
    alternative: Reading | None  # None: text
    place: tuple[int, int]  # (section, position) of the article in doubt: the alternative's, or the taken one's
    margin: float


@dataclass
class Outline:
    decisions: list[Decision]
    doubts: list[Doubt]


@dataclass
class Context:
    """What the decoding knows of the whole file: its look and its contents list."""

    blocks: list[RawBlock]
    contents: list[tuple[int, int, str]] = field(default_factory=list)  # (section, number, title); number 0
    marked: bool = False  # the export marks headings as headings ('#', heading styles)
    formats_titles: bool = False  # some numbered lines are set apart (bold, heading style, centred)

    @classmethod
    def of(cls, blocks: list[RawBlock], contents: Iterable[tuple[int, int, str]] = ()) -> Context:
        formatted = any(_formatted(b) and numbered(b.text) is not None for b in blocks if b.kind in {"para", "heading"})
        return cls(blocks, list(contents), any(b.marked_heading for b in blocks), formatted)


def _formatted(block: RawBlock) -> bool:
    """Set apart as titles are: a heading (style, '#', a heading font), bold, centred, or larger type."""
    return block.marked_heading or block.all_bold or block.centred or block.larger


# --- readings and their evidence -----------------------------------------------------------------


def section_reading(context: Context, index: int) -> list[Reading]:
    """The ways the block may start a section: alone, or with the untitled article under it."""
    blocks = context.blocks
    block = blocks[index]
    if block.kind not in {"para", "heading"} or block.forced or len(block.text) > MAX_TITLE:
        return []
    found = section_line(block.text, block.emphasised)
    if not found:
        return []
    number, title = found
    end = index + 1
    if not title and end < len(blocks) and _bare_part_title(blocks[end]):
        title = blocks[end].text  # 'PHẦN I' on its own line, its title on the next
        end += 1
    evidence = [("section", WEIGHTS["section"])]
    if _formatted(block):
        evidence.append(("formatted", WEIGHTS["formatted"] / 2))
    if any(s == number and n == 0 and names(t, title) for s, n, t in context.contents):
        evidence.append(("contents section", WEIGHTS["contents section"]))
    following = blocks[end] if end < len(blocks) else None
    readings = []
    alone = Reading("section", index, end, block.line, number, title, evidence=list(evidence))
    if following is not None and (following.forced == "article" or _article_like(following)):
        alone.evidence.append(("article follows", WEIGHTS["article follows"]))
    elif following is not None and following.kind == "para" and not heading_like(following.text):
        alone.evidence.append(("text follows", WEIGHTS["text follows"]))
    readings.append(alone)
    untitled = _untitled_article(context, end)
    if untitled is not None:
        kicker, article_title, after = untitled
        if any(n for _, n, _ in context.contents):
            agree = any(s == number and n == 1 and names(t, article_title) for s, n, t in context.contents)
            evidence = [
                *evidence,
                ("contents", WEIGHTS["contents"]) if agree else ("not in contents", WEIGHTS["not in contents"]),
            ]
        readings.append(
            Reading(
                "section+untitled",
                index,
                after,
                block.line,
                number,
                title,
                kicker=kicker,
                article_title=article_title,
                evidence=[*evidence, ("article follows", WEIGHTS["article follows"])],
            )
        )
    return readings


def _article_like(block: RawBlock) -> bool:
    found = numbered(block.text) if block.kind in {"para", "heading"} else None
    return found is not None and heading_like(found.title, MAX_TITLE) and not _SUB_NUMBER.match(found.title)


def _bare_part_title(block: RawBlock) -> bool:
    return block.kind in {"para", "heading"} and heading_like(block.text) and numbered(block.text) is None


def _untitled_article(context: Context, index: int) -> tuple[str | None, str, int] | None:
    """(kicker, title, end) of an article without a number right under its section's line: its title is
    the lines in capitals or set as headings there ('CHUYÊN ĐỀ NĂM 2024' over 'HỌC TẬP VÀ LÀM THEO …')."""
    blocks = context.blocks
    lines: list[str] = []
    while index < len(blocks):
        block = blocks[index]
        if block.kind not in {"para", "heading"} or block.indented or block.forced == "body":
            break
        if section_line(block.text, block.emphasised) or numbered(block.text) is not None:
            break
        if not (is_all_caps(block.text) or block.marked_heading) or not heading_like(block.text):
            break
        lines.append(block.text)
        index += 1
    if not lines:
        return None
    kicker = lines.pop(0) if len(lines) > 1 and _KICKER.match(lines[0]) else None
    if not lines:
        return None
    return kicker, " ".join(lines), index


def article_readings(context: Context, index: int) -> list[Reading]:
    """The ways the block may start an article: as the title line of its number, or (a short line set
    like a title) as an article whose number was not typed."""
    blocks = context.blocks
    block = blocks[index]
    if block.kind not in {"para", "heading"} or block.forced == "body":
        return []
    found = numbered(block.text)
    if block.forced == "article":  # the editor's correction: an article starts here, whatever it looks like
        title = found.title if found else block.text
        end, title, author = _extent(context, index, title)
        kind = "article" if found else "unnumbered"
        return [Reading(kind, index, end, block.line, found.number if found else 0, title, author, [("sửa", 50.0)])]
    if found is not None:
        if len(found.title) > MAX_TITLE:
            return []
        end, title, author = _extent(context, index, found.title)
        reading = Reading("article", index, end, block.line, found.number, title, author)
        reading.evidence = [("numbered", WEIGHTS["numbered"]), *_title_evidence(context, index, reading)]
        reading.evidence.extend(_number_evidence(context, index, block.text, found))
        return [reading]
    text = block.text
    if (
        len(text) > MAX_UNNUMBERED
        or not heading_like(text)
        or not text[:1].isupper()
        or author_line(text)
        or section_line(text, True)
        or is_sub_item(text)
        or is_lead_in(text)
    ):
        return []
    if (context.marked or context.formats_titles) and not _formatted(block):
        return []
    end, title, author = _extent(context, index, text)
    reading = Reading("unnumbered", index, end, block.line, 0, title, author)
    evidence = [item for item in _title_evidence(context, index, reading) if item[0] not in _LOOKS]
    reading.evidence = [("unnumbered", WEIGHTS["unnumbered"]), *evidence]
    return [reading]


_LOOKS = {"formatted", "blank lines around"}  # what a sub-heading inside an article has as well


def _title_evidence(context: Context, index: int, reading: Reading) -> list[tuple[str, float]]:
    blocks = context.blocks
    block = blocks[index]
    title = reading.title
    evidence: list[tuple[str, float]] = []
    bare = title.rstrip(_CLOSERS)
    if _SENTENCE_END.search(bare):
        evidence.append(("sentence", WEIGHTS["sentence"]))
    elif heading_like(title, MAX_TITLE) or bare.endswith(("?", "!")):
        evidence.append(("title shape", WEIGHTS["title shape"]))
    if len(title) > 200:
        evidence.append(("long", WEIGHTS["long"]))
    first = title.lstrip("“\"'‘«(*[ ")[:1]
    if first.islower():
        evidence.append(("lower case", WEIGHTS["lower case"]))
    if _formatted(block):
        evidence.append(("formatted", WEIGHTS["formatted"]))
    elif context.formats_titles or context.marked:
        evidence.append(("plain among formatted", WEIGHTS["plain among formatted"]))
    if block.indented:
        evidence.append(("indented", WEIGHTS["indented"]))
    if block.spaced:
        evidence.append(("blank lines around", WEIGHTS["blank lines around"]))
    if is_all_caps(title):
        evidence.append(("capitals", WEIGHTS["capitals"]))
    if reading.author:
        evidence.append(("author under", WEIGHTS["author under"]))
    if index > 0 and _closes_article(context, blocks[index - 1]):
        evidence.append(("author above", WEIGHTS["author above"]))
    if is_lead_in(title) and reading.end < len(blocks) and not _formatted(block) and not reading.author:
        evidence.append(("lead-in", WEIGHTS["lead-in"]))
    if any(n for _, n, _ in context.contents):  # which entry it must agree with depends on its place
        reading.listed = frozenset((s, n) for s, n, t in context.contents if n and names(t, title))
    return evidence


def _number_evidence(context: Context, index: int, text: str, found) -> list[tuple[str, float]]:
    blocks = context.blocks
    evidence: list[tuple[str, float]] = []
    if re.match(r"^\d{1,2}\s[^\s\d]", text.strip()):
        evidence.append(("bare number", WEIGHTS["bare number"]))
    if _EXPLICIT.match(text):
        evidence.append(("explicit", WEIGHTS["explicit"]))
    if _SUB_NUMBER.match(found.title):
        evidence.append(("sub-item number", WEIGHTS["sub-item number"]))
    elif _SUB_SHAPE.match(text.strip()):
        evidence.append(("sub-item shape", WEIGHTS["sub-item shape"]))
    elif _GOES_ON.match(text):
        evidence.append(("number goes on", WEIGHTS["number goes on"]))
    sub = re.compile(rf"^{found.number}\s*\.\s*\d{{1,2}}\b")
    for following in blocks[index + 1 : index + 12]:
        if section_line(following.text, following.emphasised):
            break
        if sub.match(following.text):
            evidence.append(("sub-item follows", WEIGHTS["sub-item follows"]))
            break
        other = numbered(following.text)
        if other and other.number != found.number and not _SUB_NUMBER.match(other.title):
            break
    if found.number > 1 and _in_list(context, index, found.number):
        evidence.append(("list goes on", WEIGHTS["list goes on"]))
    return evidence


def _in_list(context: Context, index: int, number: int, reach: int = 12) -> bool:
    """Whether the line numbered `number` goes on a numbered list inside an article: the lines numbered
    number-1, …, 1 stand above it, each within `reach` blocks of the next, typed the same way, each a
    sentence (an article's title would not be), and the '1.' does not stand right under a section's line."""
    blocks = context.blocks
    shape = _typed_number(blocks[index].text)
    want, position = number - 1, index
    while want >= 1:
        for back in range(position - 1, max(position - reach, 0) - 1, -1):
            block = blocks[back]
            if section_line(block.text, block.emphasised):
                return False
            found = numbered(block.text) if block.kind in {"para", "heading"} else None
            if (
                found
                and found.number == want
                and _typed_number(block.text) == shape
                and not _SUB_NUMBER.match(found.title)
                and not _SUB_SHAPE.match(block.text.strip())  # '1.2 …' is a sub-item, not the list's '1.'
            ):
                if heading_like(found.title):
                    return False
                position = back
                break
        else:
            return False
        want -= 1
    above = blocks[position - 1] if position > 0 else None
    return above is not None and not section_line(above.text, above.emphasised)


def _typed_number(text: str) -> str:
    """How a line's number is typed, digits aside: '#. ', 'Bài #: ', '#) '."""
    match = NUMBERED.match(text.strip())
    return re.sub(r"\d+", "#", text.strip()[: match.start(2)]) if match else ""


def _closes_article(context: Context, block: RawBlock) -> bool:
    """An author line as an article's last line: right-aligned, in italics, or a shape that needs no look."""
    if block.kind not in {"para", "heading"} or block.forced or len(block.text) > 160:
        return False
    if block.emphasised or block.indented:
        return author_line(block.text) or position_line(block.text)
    return plain_author_line(block.text) or (block.whole and author_line(block.text))


def _extent(context: Context, index: int, title: str) -> tuple[int, str, list[str]]:
    """(end, whole title, author lines) of a title starting at block `index`: the lines that continue the
    title, then the author lines under it."""
    blocks = context.blocks
    first = blocks[index]
    index += 1
    while index < len(blocks) and _title_continues(context, blocks[index], title, first):
        title = join_title(title, blocks[index].text)
        index += 1
    author, index = _author_under_title(context, index)
    return index, title, author


def join_title(first: str, second: str) -> str:
    if first.rstrip().endswith(":"):
        return f"{first.rstrip()} {second[:1].upper()}{second[1:]}"
    return f"{first.rstrip()} {second}"


def _title_continues(context: Context, block: RawBlock, title: str, first: RawBlock) -> bool:
    if block.kind not in {"para", "heading"} or block.indented or block.forced:
        return False
    text = block.text
    if section_line(text, block.emphasised) or numbered(text) or is_sub_item(text) or not heading_like(text):
        return False
    if text[:1] in "*-+–•(" or author_line(text):
        return False
    if is_all_caps(text):
        return title.rstrip().endswith(":") or is_all_caps(title) or block.emphasised
    # a title typed over two lines, in the same formatting: the first stops where it cannot end
    same_look = (block.marked_heading, block.all_bold) == (first.marked_heading, first.all_bold)
    unfinished = text[:1].islower() or bool(_UNFINISHED.search(title.rstrip()))
    return same_look and unfinished and not is_all_caps(title) and len(title) + len(text) <= MAX_TITLE


def _author_under_title(context: Context, index: int) -> tuple[list[str], int]:
    """The author lines right under a title: right-aligned or tab-indented lines, or a line shaped like
    an author's (grammar.author_line) that the file sets apart by its formatting or needs none for."""
    blocks = context.blocks
    lines: list[str] = []
    while index < len(blocks) and blocks[index].indented and blocks[index].kind == "para":
        text = blocks[index].text
        if len(text) > MAX_AUTHOR or re.search(r"[.;:!?]$", text.rstrip(_CLOSERS)) and not text.endswith(")"):
            break  # a paragraph the editor indents like the rest, not an author's line
        lines.append(text)
        index += 1
    if lines or index + 1 >= len(blocks):
        return lines, index
    block = blocks[index]
    if block.kind not in {"para", "heading"} or block.forced or len(block.text) > 120:
        return lines, index
    shown = block.emphasised or block.all_italic
    if (shown and author_line(block.text)) or (not context.marked and plain_author_line(block.text)):
        lines.append(block.text)
        index += 1
        # a position or a unit on the line under a name: 'Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh', 'Văn phòng Tỉnh ủy'
        while index + 1 < len(blocks) and len(lines) < 3 and not blocks[index].forced:
            below = blocks[index].text
            unit = person_line(lines[0]) and author_line(below) and not person_line(below) and len(below) <= 120
            if not (position_line(below) or unit):
                break
            lines.append(below)
            index += 1
    return lines, index


def names(listed: str, title: str) -> bool:
    """Whether a contents entry names this title: the same words (most of them), or, when the list shortens
    its titles ('Một số chủ trương, chỉ đạo…'), the title's first words."""
    entry = fold(listed).replace("...", "…").rstrip(" .").split()
    words = fold(title).split()
    if not entry or not words:
        return False
    if entry[-1].endswith("…"):
        entry[-1] = entry[-1].rstrip("…")
        entry = [word for word in entry if word]
        return bool(entry) and words[: len(entry)] == entry
    a, b = set(entry), set(words)
    return len(a & b) / max(len(a), len(b)) >= 0.7


# --- the decoding --------------------------------------------------------------------------------

# a state of the sequence: (section, articles so far in it, last number printed, number the previous
# section ended on: where numbers that run on through the issue start)
State = tuple[int, int, int, int]


def _step(state: State, reading: Reading) -> tuple[State, float] | None:
    """The state after `reading` and what the sequence says of it (points), or None if it cannot follow."""
    stepped = _sequence(state, reading)
    return None if stepped is None else (stepped[0], sum(points for _, points in stepped[1]))


def _sequence(state: State, reading: Reading) -> tuple[State, list[tuple[str, float]]] | None:
    """The state after `reading` and the sequence's evidence on it, or None if it cannot follow."""
    section, count, printed, base = state
    if reading.kind in {"section", "section+untitled"}:
        if reading.number != section + 1:
            return None
        evidence = [("empty section", WEIGHTS["empty section"])] if section and not count else []
        return (reading.number, 1 if reading.kind == "section+untitled" else 0, 0, printed), evidence
    if not section:
        return None
    stepped = _article_step(state, reading)
    if stepped is None:
        return None
    after, evidence = stepped
    if (printed or not count) and reading.number == printed + 1 and reading.sub_shaped:
        evidence = [*evidence, ("no article for the sub-item", WEIGHTS["no article for the sub-item"])]
    if reading.listed is not None:  # the contents list's entry for this place names it, or it does not
        agree = (section, after[2]) in reading.listed or (section, after[1]) in reading.listed
        evidence = [
            *evidence,
            ("contents", WEIGHTS["contents"]) if agree else ("not in contents", WEIGHTS["not in contents"]),
        ]
    return after, evidence


def _article_step(state: State, reading: Reading) -> tuple[State, list[tuple[str, float]]] | None:
    section, count, printed, base = state
    if reading.kind == "unnumbered":
        return (section, count + 1, printed + 1, base), []
    number = reading.number
    if number == printed + 1:
        return (section, count + 1, number, base), [("in sequence", WEIGHTS["in sequence"])]
    if printed == 0 and base and number == base + 1:  # numbered on through the issue
        return (section, count + 1, number, base), [("in sequence", WEIGHTS["in sequence"])]
    if number == count + 1 and count > printed:  # the untitled first article counted after all
        return (section, count + 1, number, base), [("counts untitled", WEIGHTS["counts untitled"])]
    if printed + 1 < number <= printed + 3:
        return (section, count + 1, number, base), [("skip", WEIGHTS["skip"] * (number - printed - 1))]
    if number == printed and printed:
        return (section, count + 1, number, base), [("repeat", WEIGHTS["repeat"])]
    return None


def decode(context: Context) -> Outline:
    """The outline that explains the whole body best (see the module's docstring)."""
    blocks = context.blocks
    size = len(blocks)
    readings: list[list[Reading]] = [
        section_reading(context, index) + article_readings(context, index) for index in range(size)
    ]
    must = [b.forced == "article" for b in blocks]
    forward, back = _forward(readings, must, PRUNE_MARGIN)
    if not forward[size]:  # only an outline the pruning dropped explains the file: search them all
        forward, back = _forward(readings, must, None)
    final = {state: score + _closing(state) for state, score in forward[size].items()}
    if not final:
        return Outline([], [])
    # backward: the best score from each state at each position to the end
    backward: list[dict[State, float]] = [{} for _ in range(size + 1)]
    backward[size] = {state: _closing(state) for state in forward[size]}
    for index in range(size - 1, -1, -1):
        best: dict[State, float] = {}
        for state in forward[index]:
            options = []
            if not must[index] and state in backward[index + 1]:
                options.append(backward[index + 1][state])
            for reading in readings[index]:
                stepped = _step(state, reading)
                if stepped is not None and stepped[0] in backward[reading.end]:
                    options.append(reading.score + stepped[1] + backward[reading.end][stepped[0]])
            if options:
                best[state] = max(options)
        backward[index] = best
    # the best path, from its end
    state = max(final, key=final.get)
    total = final[state]
    path: list[tuple[int, State, Reading]] = []
    position = size
    while position > 0:
        index, previous, reading = back[position][state]
        if reading is not None:
            path.append((index, previous, reading))
        position, state = index, previous
    path.reverse()
    scores: dict[tuple[int, int], tuple[float, State | None]] = {}

    def best_with(index: int, choice: Reading | None) -> tuple[float, State | None]:
        """`_best_with`, each (block, reading) worked out once for the decisions and the doubts."""
        key = (index, -1 if choice is None else id(choice))
        if key not in scores:
            scores[key] = _best_with(index, choice, forward, backward, must)
        return scores[key]

    return Outline(_decisions(path, readings, best_with, total), _doubts(path, readings, best_with))


def _forward(readings: list[list[Reading]], must: list[bool], margin: float | None):
    """For each position i, the best score of any outline of blocks[:i] that ends in each state, and its
    last step. States more than `margin` points behind the best at their position are not followed."""
    size = len(readings)
    forward: list[dict[State, float]] = [{} for _ in range(size + 1)]
    back: list[dict[State, tuple[int, State, Reading | None]]] = [{} for _ in range(size + 1)]
    forward[0][(0, 0, 0, 0)] = 0.0

    def offer(position: int, state: State, score: float, origin: tuple[int, State, Reading | None]) -> None:
        if score > forward[position].get(state, float("-inf")):
            forward[position][state] = score
            back[position][state] = origin

    for index in range(size):
        if margin is not None and len(forward[index]) > 1:
            floor = max(forward[index].values()) - margin
            forward[index] = {state: score for state, score in forward[index].items() if score >= floor}
        for state, score in forward[index].items():
            if not must[index]:
                offer(index + 1, state, score, (index, state, None))
            for reading in readings[index]:
                stepped = _step(state, reading)
                if stepped is not None:
                    offer(reading.end, stepped[0], score + reading.score + stepped[1], (index, state, reading))
    return forward, back


def _closing(state: State) -> float:
    section, count, _, _ = state
    return WEIGHTS["empty section"] if section and not count else 0.0


def _best_with(
    index: int,
    choice: Reading | None,
    forward: list[dict[State, float]],
    backward: list[dict[State, float]],
    must: list[bool],
) -> tuple[float, State | None]:
    """The best total of an outline that reads block `index` as `choice` (None: text), and the state before."""
    best, where = float("-inf"), None
    for state, score in forward[index].items():
        if choice is None:
            if must[index] or state not in backward[index + 1]:
                continue
            total = score + backward[index + 1][state]
        else:
            stepped = _step(state, choice)
            if stepped is None or stepped[0] not in backward[choice.end]:
                continue
            total = score + choice.score + stepped[1] + backward[choice.end][stepped[0]]
        if total > best:
            best, where = total, state
    return best, where


def _decisions(path, readings, best_with, total: float) -> list[Decision]:
    decisions: list[Decision] = []
    for index, state, reading in path:
        others = [best_with(index, None)[0]]
        others += [best_with(index, r)[0] for r in readings[index] if r is not reading]
        confidence = total - max(others)
        section, count, printed, base = state
        evidence = [*reading.evidence, *_sequence(state, reading)[1]]
        if reading.kind.startswith("section"):
            decisions.append(Decision(reading, reading.number, 0, confidence, 0, evidence))
        else:
            expected = base + 1 if printed == 0 and base and reading.number == base + 1 else printed + 1
            decisions.append(Decision(reading, section, count + 1, confidence, expected, evidence))
    return decisions


def _doubts(path, readings, best_with) -> list[Doubt]:
    """Blocks the best outline visits where another reading comes within LOW_CONFIDENCE of the one taken."""
    taken = {index: reading for index, _, reading in path}
    inside = {i for index, _, reading in path for i in range(index + 1, reading.end)}
    doubts: list[Doubt] = []
    for index, options in enumerate(readings):
        if not options or index in inside:
            continue
        chosen = taken.get(index)
        scored = [(*best_with(index, r), r) for r in [None, *options]]
        mine = next(((total, state) for total, state, r in scored if r is chosen), None)
        if mine is None or mine[0] == float("-inf"):
            continue
        rivals = [item for item in scored if item[2] is not chosen and item[0] > float("-inf")]
        if not rivals:
            continue
        total, state, rival = max(rivals, key=lambda item: item[0])
        margin = mine[0] - total
        if margin >= LOW_CONFIDENCE:
            continue
        # the article the doubt is about: the alternative, or the reading taken when the alternative is text
        article, where = (rival, state) if rival is not None else (chosen, mine[1])
        place = (0, 0)
        if article is not None and where is not None and not article.kind.startswith("section"):
            place = (where[0], where[1] + 1)
        doubts.append(Doubt(index, options[0].line, chosen, rival, place, margin))
    return doubts
