"""The document model every reader produces and every writer consumes.

Two layers:
- `RawBlock`: a block of the export as a reader saw it (paragraph, heading, list item, rule,
  table), with its inline runs and the layout hints that matter (heading marks, bold, indent).
- `Issue` → `Section` → `Article` → `Block`: the bulletin once its structure is recovered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from scripts.vietnamese import int_to_roman as _roman

# --- inline content -------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class NoteRef:
    """A footnote mark; `label` is the mark as printed ('1', '(1)', '[1]')."""

    label: str


Inline = Run | NoteRef


def merge_runs(inlines: list[Inline], absorb_blank: bool = False) -> list[Inline]:
    """Adjacent runs of the same formatting as one run; with `absorb_blank`, a run of only whitespace
    also joins the run before it, whatever its formatting (a space a PDF set in another font).

    Linear in the runs: each merged run's text is joined once (a 500-page PDF has runs of many thousands)."""
    groups: list[list[Inline]] = []
    for item in inlines:
        head = groups[-1][0] if groups else None
        if (
            isinstance(item, Run)
            and isinstance(head, Run)
            and ((head.bold, head.italic) == (item.bold, item.italic) or (absorb_blank and not item.text.strip()))
        ):
            groups[-1].append(item)
        else:
            groups.append([item])
    return [
        Run("".join(run.text for run in group), group[0].bold, group[0].italic) if len(group) > 1 else group[0]
        for group in groups
    ]


def plain_text(inlines: list[Inline]) -> str:
    """The text of `inlines` without formatting or footnote marks."""
    return "".join(item.text for item in inlines if isinstance(item, Run))


def strip_inlines(inlines: list[Inline]) -> list[Inline]:
    """`inlines` without leading and trailing white space."""
    items = list(inlines)
    while items and isinstance(items[0], Run) and not items[0].text.strip():
        items.pop(0)
    while items and isinstance(items[-1], Run) and not items[-1].text.strip():
        items.pop()
    if items and isinstance(items[0], Run):
        first = items[0]
        items[0] = Run(first.text.lstrip(), first.bold, first.italic)
    if items and isinstance(items[-1], Run):
        last = items[-1]
        items[-1] = Run(last.text.rstrip(), last.bold, last.italic)
    return items


def drop_prefix(inlines: list[Inline], length: int) -> list[Inline]:
    """`inlines` without their first `length` characters of text, stripped."""
    out: list[Inline] = []
    remaining = length
    for item in inlines:
        if remaining and isinstance(item, Run):
            cut = min(remaining, len(item.text))
            remaining -= cut
            if item.text[cut:]:
                out.append(Run(item.text[cut:], item.bold, item.italic))
        else:
            out.append(item)
    return strip_inlines(out)


# --- what a reader produces -----------------------------------------------------------------

RawKind = Literal["para", "heading", "item", "rule", "table", "note"]


@dataclass
class RawBlock:
    """One block of an export, before the bulletin's structure is known."""

    kind: RawKind
    inlines: list[Inline] = field(default_factory=list)
    line: int = 0  # 1-based line in the source, for messages
    marked_heading: bool = False  # the export marked it as a heading ('#', a heading style)
    indented: bool = False  # tab-indented line (author lines under a title in Word exports)
    rows: list[list[str]] = field(default_factory=list)  # kind == "table"
    note_label: str = ""  # kind == "note": a footnote text, with the label of its mark
    whole: bool = False  # the file marks where the paragraph ends (Word): no page break cut it
    centred: bool = False  # centred on the page (Word, PDF): how a title is set apart
    larger: bool = False  # set in larger type than the text (PDF)
    spaced: bool = False  # a blank line above and below, where the file's paragraphs have none (text exports)
    forced: str = ""  # an editor's correction: "article" (starts an article) or "body" (never a title)

    @property
    def text(self) -> str:
        return plain_text(self.inlines).strip()

    @property
    def all_bold(self) -> bool:
        runs = [r for r in self.inlines if isinstance(r, Run) and r.text.strip()]
        return bool(runs) and all(r.bold for r in runs)

    @property
    def all_italic(self) -> bool:
        runs = [r for r in self.inlines if isinstance(r, Run) and r.text.strip()]
        return bool(runs) and all(r.italic for r in runs)

    @property
    def emphasised(self) -> bool:
        """Shown as a heading by the export: marked, centred, or wholly bold or italic."""
        return self.marked_heading or self.centred or self.all_bold or self.all_italic


# --- the bulletin -----------------------------------------------------------------------------


@dataclass
class Paragraph:
    inlines: list[Inline]


@dataclass
class Heading:
    level: int  # 2.. (1 is the article title)
    inlines: list[Inline]


@dataclass
class BulletList:
    items: list[list[Inline]]


@dataclass
class Table:
    rows: list[list[str]]  # first row is the header


@dataclass
class SourceNote:
    """'(Nguồn: …)' under an article."""

    inlines: list[Inline]


Block = Paragraph | Heading | BulletList | Table | SourceNote


@dataclass
class Footnote:
    label: str
    inlines: list[Inline]


@dataclass
class Article:
    section: int
    number: int
    title: str
    kicker: str | None = None  # a label printed above the title ('Chuyên đề năm 2024')
    author: str | None = None
    author_at: str = ""  # where the author line stood: "title" (under it) or "end"
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    notes_title: str | None = None  # the heading the bulletin gives its notes ('Tài liệu tham khảo')
    line: int = 0

    @property
    def code(self) -> str:
        """'II.3': how the outline, the warnings and the correction file name the article."""
        return f"{_roman(self.section)}.{self.number}"


@dataclass
class Section:
    number: int
    title: str
    articles: list[Article] = field(default_factory=list)
    line: int = 0


@dataclass
class TocEntry:
    """A line of the bulletin's own contents list; `number` 0 is the section's own line."""

    section: int
    number: int
    title: str


@dataclass
class Issue:
    """One bulletin: 'YYYY-MM', its masthead lines and its sections."""

    issue: str
    source_name: str
    masthead: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    corrections: str | None = None  # the editor's correction file applied, if any
    decisions: dict[int, object] = field(default_factory=dict)  # the decoder's Decision per article line

    @property
    def year(self) -> int:
        return int(self.issue[:4])

    @property
    def month(self) -> int:
        return int(self.issue[5:7])

    @property
    def label(self) -> str:
        """'Số 10/2023', the name readers know the issue by."""
        return f"Số {self.month:02d}/{self.year}"

    @property
    def articles(self) -> list[Article]:
        return [article for section in self.sections for article in section.articles]
