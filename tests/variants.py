"""Bulletins typed by other hands: variants of the shipped samples, each with the structure of its original.

    .venv/bin/python -m tests.variants OUT_DIR     write every variant (.txt, .md, .docx) to OUT_DIR
    .venv/bin/python -m tests.variants --pdf       make the PDF variants again (needs LibreOffice:
                                                   apt-get install libreoffice-writer-nogui); committed in
                                                   tests/fixtures/variants/, since the tests never run it

Two kinds of variant, each changing one habit of the editor who types the bulletin:
- *retyped*: the original issue, as the importer reads the sample, typed out again as Word's text export or
  as a .docx (with heading styles, or with bold only), with another way to number articles and sections, to
  set titles and authors, to space lines and paragraphs, or with another table of contents;
- *edited*: the sample file itself, with all its export quirks (bookmarks, decomposed Unicode, paragraphs cut
  by page breaks), changed the way another editor's habits change it.

Each variant carries what the importer must make of it (`Expected`): the sections, every article's whole
title and author, and the words of every article.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from scripts.bulletin.model import (
    Article,
    BulletList,
    Heading,
    Inline,
    Issue,
    NoteRef,
    Run,
    Section,
    Table,
    plain_text,
)
from scripts.bulletin.outline import article_text
from scripts.bulletin.pipeline import convert
from scripts.vietnamese import int_to_roman, words

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "data" / "sources"
PDF_DIR = REPO / "tests" / "fixtures" / "variants"
ORIGINALS = {"bulletin-2023-10.md": "2023-10", "bulletin-2024-02.txt": "2024-02"}


# --- what a variant must yield -----------------------------------------------------------------


@dataclass
class ExpectedArticle:
    section: int
    number: int
    title: str
    author: str | None
    words: Counter[str]


@dataclass
class Expected:
    issue: str
    sections: list[tuple[int, str]]
    articles: list[ExpectedArticle]


def article_words(article: Article) -> Counter[str]:
    """Every word an article's page shows under its title: blocks and footnotes."""
    return Counter(words(article_text(article)))


def expected_of(issue: Issue) -> Expected:
    return Expected(
        issue.issue,
        [(s.number, s.title) for s in issue.sections],
        [ExpectedArticle(a.section, a.number, a.title, a.author, article_words(a)) for a in issue.articles],
    )


# --- how an editor types -------------------------------------------------------------------------


@dataclass(frozen=True)
class Typing:
    """One editor's habits. The defaults are how the board's own text export looks."""

    article: str = "{n}. {t}"  # how an article's number is typed
    section: str = "{r}. {t}"  # how a section's number is typed; '\n' puts the title on its own line
    caps_titles: bool = False
    two_line_titles: bool = False
    author: str = "as-is"  # as-is | tab-under | under | end | end-two-lines | abbreviation | source-in-… | none
    source_for_unsigned: bool = False  # 'Theo Báo Nhân Dân' under an article without an author
    blank_lines: bool = False
    line_end: str = "\n"
    trailing_spaces: bool = False
    tab_paragraphs: bool = False  # every paragraph starts with a tab, as some editors indent
    toc: str = "as-is"  # as-is | none | other (titled 'MỤC LỤC', shortened) | pages (leader dots, pages)
    one_article_section: bool = False  # the last article in a section of its own
    numbers_run_on: bool = False  # articles numbered through the issue (II starts at 6), not per section


def _restructured(issue: Issue, typing: Typing) -> Issue:
    """The issue as the variant holds it: the structure changes some habits make."""
    issue = copy.deepcopy(issue)
    if typing.one_article_section:
        last = issue.sections[-1]
        if len(last.articles) > 1:
            moved = last.articles.pop()
            number = last.number + 1
            issue.sections.append(Section(number, "Thông tin khác", [replace(moved, section=number, number=1)]))
    for article in issue.articles:
        if typing.author == "none":
            article.author = None
        elif typing.author == "abbreviation" and article.author:
            article.author = f"{article.author} (BBT)"
        elif typing.author == "source-in-parentheses" and article.author:
            article.author = f"{article.author} (Nguồn: TTXVN)"
        if typing.source_for_unsigned and not article.author:
            article.author = "Theo Báo Nhân Dân"
    return issue


def _split_author(author: str) -> list[str]:
    """'Hồ Thị Hoàng Yến, Quyền Bí thư …' → ['Hồ Thị Hoàng Yến', 'Quyền Bí thư …'] (a name over its position)."""
    from scripts.bulletin.grammar import person_line

    head, _, rest = author.partition(", ")
    return [head, rest] if rest and person_line(head) else [author]


def _two_lines(title: str) -> list[str]:
    """A title broken over two lines before a lower-case word near its middle (as an editor presses Enter)."""
    parts = title.split(" ")
    middle = len(parts) // 2
    for offset in range(len(parts)):
        for at in (middle + offset, middle - offset):
            if 1 < at < len(parts) - 1 and parts[at][:1].islower():
                return [" ".join(parts[:at]), " ".join(parts[at:])]
    return [title]


class _NoteNumbers:
    """Footnotes numbered through the issue, as Word numbers them."""

    def __init__(self) -> None:
        self.count = 0
        self.current: dict[str, int] = {}

    def start(self) -> None:
        self.current = {}

    def number(self, label: str) -> int:
        if label not in self.current:
            self.count += 1
            self.current[label] = self.count
        return self.current[label]


def _inline_text(inlines: list[Inline], notes: _NoteNumbers) -> str:
    return "".join(
        item.text if isinstance(item, Run) else f"[footnoteRef:{notes.number(item.label)}]" for item in inlines
    )


def type_text(issue: Issue, typing: Typing) -> str:
    """The issue typed out as Word's plain-text export, with `typing`'s habits."""
    lines: list[str] = list(issue.masthead)
    if typing.toc != "none":
        lines.append("Trong số này" if typing.toc == "as-is" else "MỤC LỤC SỐ NÀY")
        for section in issue.sections:
            lines.append(f"{int_to_roman(section.number)}. {section.title.upper()}")
            for article in section.articles:
                if typing.toc == "other":
                    lines.append(f"{article.number}/ {' '.join(article.title.split()[:7])}…")
                elif typing.toc == "pages":
                    lines.append(f"{article.number}. {article.title} {'.' * 12} {article.number + 2}")
                else:
                    lines.append(f"{article.number}. {article.title}")
    notes = _NoteNumbers()
    indent = "\t" if typing.tab_paragraphs else ""
    printed = 0  # the last article number typed
    for section in issue.sections:
        roman = int_to_roman(section.number)
        lines.extend(typing.section.format(r=roman, t=section.title.upper()).split("\n"))
        for position, article in enumerate(section.articles):
            notes.start()
            implicit = position == 0 and article.kicker is not None
            title = article.title.upper() if typing.caps_titles or implicit else article.title
            title_lines = _two_lines(title) if typing.two_line_titles and not implicit else [title]
            if implicit:
                lines.append(article.kicker.upper())
                lines.extend(title_lines)
            else:
                shown = printed + 1 if typing.numbers_run_on else article.number
                lines.append(typing.article.format(n=shown, t=title_lines[0]))
                lines.extend(title_lines[1:])
            printed += 0 if implicit else 1
            author = article.author
            place = typing.author
            if place in {"as-is", "abbreviation", "source-in-parentheses"}:
                place = "end"
            if author and place == "tab-under":
                lines.extend("\t" + part for part in _split_author(author))
            elif author and place == "under":
                lines.append(author)
            body: list[str] = []
            for block in article.blocks:
                if isinstance(block, Table):
                    body.extend("\t".join(row) for row in block.rows)
                else:
                    listed = isinstance(block, BulletList)
                    for inlines in block.items if listed else [block.inlines]:
                        body.append(("- " if listed else "") + _inline_text(inlines, notes))
                        for item in inlines:
                            if isinstance(item, NoteRef):  # Word's text export puts the note after its paragraph
                                note = next(n for n in article.footnotes if n.label == item.label)
                                body[-1] += f"[{notes.number(item.label)}: {plain_text(note.inlines)}]"
            if article.notes_title and article.footnotes:
                body.append(article.notes_title)  # where the bulletin titles its notes
            lines.extend(indent + line if line and not line.startswith("-") else line for line in body)
            if author and place == "end":
                lines.append(author)
            elif author and place == "end-two-lines":
                lines.extend(_split_author(author))
    if typing.blank_lines:
        lines = [part for line in lines for part in (line, "")]
    if typing.trailing_spaces:
        lines = [line + "  " if line else line for line in lines]
    return typing.line_end.join(lines) + typing.line_end


# --- Word ----------------------------------------------------------------------------------------


def type_docx(
    issue: Issue,
    target: Path,
    *,
    heading_styles: bool,
    typing: Typing = Typing(),
    plain: bool = False,
    contents: bool = False,
) -> None:
    """The issue typed in Word: titles in heading styles (or in bold only, or `plain`: not set apart at all),
    authors right-aligned in italics, lists as bulleted paragraphs, tables as Word tables, real footnotes."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Pt

    from tests.fixtures.office.make_fixtures import Footnotes
    from tests.fixtures.office.make_fixtures import W as NAMESPACE

    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    footnotes = Footnotes()

    def paragraph(text: str, style: str | None = None, bold: bool = False, italic: bool = False, align=None):
        para = document.add_paragraph(style=style)
        if align is not None:
            para.alignment = align
        run = para.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        return para

    def title_paragraph(lines: list[str], style: str) -> None:
        if heading_styles:
            para = document.add_paragraph(style=style)
        else:
            para = document.add_paragraph()
        for index, line in enumerate(lines):
            run = para.add_run(line)
            run.bold = not plain or None
            if index < len(lines) - 1:
                run.add_break()

    def inline_paragraph(inlines: list[Inline], article: Article, style: str | None = None, bold: bool = False):
        para = document.add_paragraph(style=style)
        for item in inlines:
            if isinstance(item, Run):
                run = para.add_run(item.text)
                run.bold = (item.bold or bold) or None
                run.italic = item.italic or None
            else:
                note = next(n for n in article.footnotes if n.label == item.label)
                number = footnotes.add(note.inlines)
                para._p.append(
                    parse_xml(
                        f'<w:r {NAMESPACE}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                        f'<w:footnoteReference w:id="{number}"/></w:r>'
                    )
                )
        return para

    for line in issue.masthead:
        paragraph(line, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    if contents:  # 'Trong số này', with leader dots and page numbers when the typing has them
        paragraph("TRONG SỐ NÀY", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        for section in issue.sections:
            paragraph(f"{int_to_roman(section.number)}. {section.title.upper()}", bold=True)
            for article in section.articles:
                pages = f" {'.' * 12} {article.number + 2}" if typing.toc == "pages" else ""
                paragraph(f"{article.number}. {article.title}{pages}")
    for section in issue.sections:
        title_paragraph([f"{int_to_roman(section.number)}. {section.title.upper()}"], "Heading 1")
        for position, article in enumerate(section.articles):
            implicit = position == 0 and article.kicker is not None
            if implicit:
                title_paragraph([article.kicker.upper()], "Heading 2")
                title_paragraph([article.title.upper()], "Heading 2")
            else:
                title = article.title.upper() if typing.caps_titles else article.title
                lines = _two_lines(title) if typing.two_line_titles else [title]
                lines[0] = typing.article.format(n=article.number, t=lines[0])
                title_paragraph(lines, "Heading 2")
            author_under = typing.author in {"under", "tab-under"}
            if article.author and author_under:
                paragraph(article.author, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
            for block in article.blocks:
                if isinstance(block, Table):
                    table = document.add_table(rows=len(block.rows), cols=max(len(r) for r in block.rows))
                    table.style = "Table Grid"
                    for row, cells in zip(table.rows, block.rows, strict=True):
                        for cell, text in zip(row.cells, cells, strict=False):
                            cell.text = text
                elif isinstance(block, BulletList):
                    for item in block.items:
                        if heading_styles:
                            inline_paragraph(item, article, style="List Bullet")
                        else:
                            inline_paragraph([Run("- "), *item], article)
                elif isinstance(block, Heading):
                    inline_paragraph(block.inlines, article, style="Heading 3" if heading_styles else None, bold=True)
                else:
                    inline_paragraph(block.inlines, article)
            if article.notes_title and article.footnotes:
                paragraph(article.notes_title, bold=True)
            if article.author and not author_under:
                paragraph(article.author, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    footnotes.attach(document)
    document.save(target)


# --- the variants ----------------------------------------------------------------------------------


@dataclass
class Variant:
    name: str  # file name, its extension the format
    original: str
    write: Callable[[Path], None]  # writes the variant's file at the given path
    expected: Expected
    issue: str | None = None  # --issue, when the file does not state it
    notes: list[str] = field(default_factory=list)


RETYPED_TEXT: dict[str, Typing] = {
    "number-dot": Typing(),
    "number-no-space": Typing(article="{n}.{t}"),
    "number-space-dot": Typing(article="{n} . {t}"),
    "number-parenthesis": Typing(article="{n}) {t}"),
    "number-slash": Typing(article="{n}/ {t}"),
    "number-dash": Typing(article="{n}- {t}"),
    "number-spaced-dash": Typing(article="{n} - {t}"),
    "number-bai": Typing(article="Bài {n}: {t}"),
    "number-tab": Typing(article="{n}\t{t}"),
    "number-no-break-space": Typing(article="{n}.\u00a0{t}"),
    "section-slash": Typing(section="{r}/ {t}"),
    "section-dash": Typing(section="{r}- {t}"),
    "section-part": Typing(section="PHẦN {r}: {t}"),
    "section-part-own-line": Typing(section="PHẦN {r}\n{t}"),
    "titles-in-capitals": Typing(caps_titles=True),
    "titles-over-two-lines": Typing(two_line_titles=True),
    "author-under-title": Typing(author="under"),
    "author-tab-under-title": Typing(author="tab-under"),
    "author-at-end": Typing(author="end"),
    "author-name-over-position": Typing(author="end-two-lines"),
    "author-abbreviation": Typing(author="abbreviation"),
    "author-source-in-parentheses": Typing(author="source-in-parentheses"),
    "source-theo": Typing(source_for_unsigned=True),
    "no-authors": Typing(author="none"),
    "blank-lines": Typing(blank_lines=True),
    "crlf": Typing(line_end="\r\n"),
    "trailing-spaces": Typing(trailing_spaces=True),
    "tab-indented-paragraphs": Typing(tab_paragraphs=True, author="end"),
    "no-contents": Typing(toc="none"),
    "other-contents": Typing(toc="other"),
    "one-article-section": Typing(one_article_section=True),
    "numbers-run-on": Typing(numbers_run_on=True),
    "contents-with-page-numbers": Typing(toc="pages"),
    "mixed-habits": Typing(article="{n}/ {t}", section="{r}- {t}", blank_lines=True, line_end="\r\n"),
}

RETYPED_WORD: dict[str, tuple[bool, Typing]] = {
    "word-heading-styles": (True, Typing()),
    "word-bold-only": (False, Typing()),
    "word-bold-number-no-space": (False, Typing(article="{n}.{t}")),
    "word-bold-author-under-title": (False, Typing(author="under", two_line_titles=True)),
}

PDF_VARIANTS = ["word-heading-styles", "word-bold-only", "word-bold-author-under-title"]


def _edit_lines(original: str, issue: Issue, edit: Callable[[str, str], str]) -> Callable[[Path], None]:
    """A writer of the sample with each article's (kind 'article') and section's ('section') first line
    rewritten by `edit(kind, line)`."""
    source = (SOURCES / original).read_text(encoding="utf-8")
    lines = source.split("\n")
    kinds = {a.line: "article" for a in issue.articles if a.kicker is None}
    kinds.update({s.line: "section" for s in issue.sections})

    def write(path: Path) -> None:
        edited = [edit(kinds[n], line) if n in kinds else line for n, line in enumerate(lines, start=1)]
        path.write_text("\n".join(edited), encoding="utf-8")

    return write


_FIRST_NUMBER = re.compile(r"^(\s*(?:#+\s*)?(?:\*\*)?\s*)(\d{1,2}|[IVX]+)\s*\.\s*")


def _renumber(article_form: str | None = None, section_form: str | None = None) -> Callable[[str, str], str]:
    def edit(kind: str, line: str) -> str:
        form = article_form if kind == "article" else section_form
        if form is None:
            return line
        return _FIRST_NUMBER.sub(lambda m: m.group(1) + form.format(m.group(2)), line, count=1)

    return edit


EDITED: dict[str, Callable[[str, str], str] | None] = {
    "edited-number-no-space": _renumber("{}."),
    "edited-number-slash": _renumber("{}/ "),
    "edited-number-parenthesis": _renumber("{}) "),
    "edited-number-bai": _renumber("Bài {}: "),
    "edited-number-tab": _renumber("{}\t"),
    "edited-section-slash": _renumber(section_form="{}/ "),
    "edited-section-dash": _renumber(section_form="{} - "),
}


def _whole_file(original: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(change((SOURCES / original).read_text(encoding="utf-8")).encode("utf-8"))

    return write


WHOLE_FILE: dict[str, Callable[[str], str]] = {
    "edited-crlf": lambda text: text.replace("\n", "\r\n"),
    "edited-trailing-spaces": lambda text: "\n".join(line + " \t " if line else line for line in text.split("\n")),
    "edited-blank-lines": lambda text: "\n\n".join(text.split("\n")),
    "edited-no-break-spaces": lambda text: re.sub(r"(?m)^(\s*(?:#+ )?(?:\*\*)?\d{1,2}\.) ", "\\1\u00a0", text),
}


def originals() -> dict[str, Issue]:
    return {name: convert(SOURCES / name, issue) for name, issue in ORIGINALS.items()}


def variants(read: dict[str, Issue] | None = None) -> Iterator[Variant]:
    """Every variant of every original sample."""
    read = read or originals()
    for original, issue in read.items():
        stem = Path(original).stem
        for name, typing in RETYPED_TEXT.items():
            held = _restructured(issue, typing)
            text = type_text(held, typing)
            yield Variant(
                f"{stem}--{name}.txt",
                original,
                lambda path, text=text: path.write_bytes(text.encode("utf-8")),
                expected_of(held),
                issue.issue,
            )
        for name, (styles, typing) in RETYPED_WORD.items():
            held = _restructured(issue, typing)
            yield Variant(
                f"{stem}--{name}.docx",
                original,
                lambda path, held=held, styles=styles, typing=typing: type_docx(
                    held, path, heading_styles=styles, typing=typing
                ),
                expected_of(held),
                issue.issue,
            )
        for name in PDF_VARIANTS if PDF_DIR.is_dir() else []:
            styles, typing = RETYPED_WORD[name]
            pdf = PDF_DIR / f"{stem}--{name}.pdf"
            yield Variant(
                pdf.name,
                original,
                lambda path, pdf=pdf: path.write_bytes(pdf.read_bytes()),
                expected_of(_restructured(issue, typing)),
                issue.issue,
            )
        suffix = Path(original).suffix
        for name, edit in EDITED.items():
            yield Variant(
                f"{stem}--{name}{suffix}",
                original,
                _edit_lines(original, issue, edit),
                expected_of(issue),
                issue.issue,
            )
        for name, change in WHOLE_FILE.items():
            yield Variant(
                f"{stem}--{name}{suffix}", original, _whole_file(original, change), expected_of(issue), issue.issue
            )


def make_pdfs() -> None:
    """Print the Word variants named in PDF_VARIANTS to PDF with LibreOffice, into tests/fixtures/variants."""
    import tempfile

    PDF_DIR.mkdir(parents=True, exist_ok=True)
    read = originals()
    with tempfile.TemporaryDirectory() as tmp:
        for original, issue in read.items():
            for name in PDF_VARIANTS:
                styles, typing = RETYPED_WORD[name]
                docx = Path(tmp) / f"{Path(original).stem}--{name}.docx"
                type_docx(_restructured(issue, typing), docx, heading_styles=styles, typing=typing)
                subprocess.run(
                    ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(PDF_DIR), str(docx)],
                    check=True,
                    capture_output=True,
                    timeout=300,
                )
                print(docx.with_suffix(".pdf").name)


def main(argv: list[str]) -> int:
    if argv == ["--pdf"]:
        make_pdfs()
        return 0
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for variant in variants():
        variant.write(out / variant.name)
        count += 1
    print(f"{count} biến thể trong {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
