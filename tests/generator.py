"""Bulletins generated at random, each knowing its true outline: hypothesis strategies for the import's
property tests and for the benchmark (`python -m benchmarks.generated`).

A generated bulletin is composed from the shipped samples' own paragraphs, titles and authors, with random
typing choices: how articles and sections are numbered (the grammar's forms and a few it does not list),
titles that begin with a numeral, a date, a quotation mark or a Roman numeral, titles in capitals or over
two lines, sub-items and typed lists in the text, author lines of any wording (names, bodies, positions,
parenthesised notes, 'Theo …') under the title or at the end, sections of one article, articles without an
author, a masthead, a contents list (plain, with dotted leaders and page numbers, or none), running heads
and page numbers that cut paragraphs, blank lines, CRLF, tabs, no-break spaces and trailing spaces. It is
written as Word's text export, as a .docx (heading styles, bold only, or no formatting) or as a PDF.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from scripts.bulletin.model import (
    Article,
    BulletList,
    Footnote,
    Heading,
    Issue,
    NoteRef,
    Paragraph,
    Run,
    Section,
    plain_text,
)
from scripts.vietnamese import int_to_roman
from tests.variants import Expected, Typing, expected_of, originals, type_docx, type_text

FONTS = Path("/usr/share/fonts/truetype/dejavu")

# how an article's number is typed: the grammar's forms, then forms it does not list
ARTICLE_FORMS = [
    "{n}. {t}",
    "{n}.{t}",
    "{n} . {t}",
    "{n}) {t}",
    "{n}/ {t}",
    "{n}- {t}",
    "{n} - {t}",
    "{n} – {t}",
    "{n}\t{t}",
    "{n}.\u00a0{t}",
    "Bài {n}: {t}",
    "Bài {n}. {t}",
    "Bài {n} - {t}",
    "{n:02d}. {t}",
    "Bài số {n}: {t}",
]
SECTION_FORMS = [
    "{r}. {t}",
    "{r}/ {t}",
    "{r} - {t}",
    "{r}- {t}",
    "{r}) {t}",
    "PHẦN {r}: {t}",
    "PHẦN {r}\n{t}",
    "Phần thứ {r}. {t}",
]
TITLE_STARTS = ["", "", "", "10 năm ", "30/4/1975 - ", "“", "XIII ", "2024: ", "05 ", "V.I. Lênin và "]
NAMES = ["Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Minh Tâm", "Phạm Hồng Sơn", "Huỳnh Thanh Hải", "Võ Thị Mai"]
BODIES = ["Ban Biên tập", "Ban Tuyên giáo Tỉnh ủy", "Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Hội Nông dân tỉnh"]
POSITIONS = ["Phó Bí thư Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy", "Ủy viên Ban Thường vụ Tỉnh ủy", "Phóng viên"]
NOTES = ["BBT", "TTXVN", "Nguồn: Báo Đồng Khởi", "tổng hợp", "lược trích bài phát biểu", "theo tài liệu hội nghị"]
SOURCES = ["Theo Báo Nhân Dân", "Theo Tạp chí Cộng sản", "Nguồn: Cổng thông tin điện tử tỉnh"]
NOTE_TEXTS = [
    "Báo cáo số 525-BC/TU ngày 15/12/2023 của Ban Thường vụ Tỉnh ủy.",
    "Theo số liệu của Cục Thống kê tỉnh, năm 2023.",
    "Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII.",
    "Kết luận số 21-KL/TW, ngày 25/10/2021.",
    "Tăng 3,06% so với cùng kỳ (168/163 đảng viên).",
]
SUB_ITEMS = ["{n}.1. ", "{n}.2 ", "a) ", "b. ", "(1) ", "Thứ nhất, ", "Một là, "]
RUNNING_HEAD = "Thông tin sinh hoạt nội bộ - Số tháng {m:02d}/{y}"


@dataclass(frozen=True)
class Pool:
    """The samples' own material."""

    paragraphs: tuple[str, ...]
    items: tuple[str, ...]
    titles: tuple[str, ...]
    section_titles: tuple[str, ...]
    authors: tuple[str, ...]


@functools.cache
def pool() -> Pool:
    paragraphs, items, titles, sections, authors = [], [], [], [], []
    for issue in originals().values():
        sections.extend(s.title for s in issue.sections)
        for article in issue.articles:
            titles.append(article.title)
            if article.author:
                authors.append(article.author)
            for block in article.blocks:
                if isinstance(block, Paragraph):
                    text = plain_text(block.inlines).strip()
                    if 40 <= len(text) <= 900 and text[-1:] in ".;:…" and not text.startswith("("):
                        paragraphs.append(text)
                elif isinstance(block, BulletList):
                    items.extend(plain_text(item).strip() for item in block.items if len(plain_text(item)) > 20)
    return Pool(
        tuple(paragraphs), tuple(items), tuple(dict.fromkeys(titles)), tuple(dict.fromkeys(sections)), tuple(authors)
    )


@dataclass
class Generated:
    """A bulletin to import: its file's writer and what the import must make of it."""

    issue: Issue
    typing: Typing
    form: str  # txt | docx-styles | docx-bold | docx-plain | pdf
    running_heads: bool
    seed: int

    @property
    def suffix(self) -> str:
        return ".txt" if self.form == "txt" else ".pdf" if self.form == "pdf" else ".docx"

    @property
    def expected(self) -> Expected:
        return expected_of(self.issue)

    def write(self, path: Path) -> Path:
        target = path.with_suffix(self.suffix)
        if self.form == "txt":
            text = type_text(self.issue, self.typing)
            if self.running_heads:
                text = _cut_by_pages(text, self.issue, self.typing.line_end, self.seed)
            target.write_bytes(text.encode("utf-8"))
        elif self.form == "pdf":
            type_pdf(self.issue, self.typing, target, self.running_heads)
        else:
            styles = self.form == "docx-styles"
            type_docx(
                self.issue,
                target,
                heading_styles=styles,
                typing=self.typing,
                plain=self.form == "docx-plain",
                contents=self.typing.toc != "none",
            )
        return target

    def describe(self) -> str:
        """What a failing example looks like, for the benchmark's report."""
        lines = [f"{self.form} · {self.typing} · running heads: {self.running_heads}"]
        for section in self.issue.sections:
            lines.append(f"  {int_to_roman(section.number)}. {section.title}")
            for article in section.articles:
                lines.append(f"    {article.number}. {article.title} — {article.author}")
        return "\n".join(lines)


def _author(draw) -> str | None:
    kind = draw(
        st.sampled_from(["none", "sample", "name", "name-position", "body", "name-note", "source", "name-unit"])
    )
    if kind == "none":
        return None
    if kind == "sample":
        return draw(st.sampled_from(pool().authors))
    name = draw(st.sampled_from(NAMES))
    if kind == "name":
        return name
    if kind == "name-position":
        return f"{name}, {draw(st.sampled_from(POSITIONS))}"
    if kind == "body":
        return draw(st.sampled_from(BODIES))
    if kind == "name-note":
        return f"{draw(st.sampled_from([name, *BODIES]))} ({draw(st.sampled_from(NOTES))})"
    if kind == "name-unit":
        return f"{name}, {draw(st.sampled_from(BODIES))}"
    return draw(st.sampled_from(SOURCES))


def _body(draw, number: int, notes: bool) -> tuple[list, list[Footnote]]:
    """An article's blocks and, when `notes`, footnotes marked at the end of some of its paragraphs."""
    blocks: list = []
    footnotes: list[Footnote] = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["para", "para", "para", "list", "sub-item"]))
        if kind == "list":
            items = draw(st.lists(st.sampled_from(pool().items), min_size=1, max_size=3))
            blocks.append(BulletList([[Run(item)] for item in items]))
        elif kind == "sub-item":
            form = draw(st.sampled_from(SUB_ITEMS)).format(n=number)
            blocks.append(Paragraph([Run(form + draw(st.sampled_from(pool().paragraphs)))]))
        else:
            blocks.append(Paragraph([Run(draw(st.sampled_from(pool().paragraphs)))]))
        if notes and isinstance(blocks[-1], Paragraph) and draw(st.integers(0, 3)) == 0:
            label = str(len(footnotes) + 1)
            blocks[-1].inlines.append(NoteRef(label))
            footnotes.append(Footnote(label, [Run(draw(st.sampled_from(NOTE_TEXTS)))]))
    return blocks, footnotes


@st.composite
def bulletins(draw, forms: tuple[str, ...] = ("txt",)) -> Generated:
    """A random bulletin and how it is typed."""
    year, month = draw(st.integers(2020, 2030)), draw(st.integers(1, 12))
    form = draw(st.sampled_from(forms))
    notes = form != "pdf"  # the PDF printer here sets no footnotes (the committed PDF fixtures have them)
    sections: list[Section] = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        articles = []
        for position in range(1, draw(st.integers(1, 5)) + 1):
            title = draw(st.sampled_from(pool().titles))
            start = draw(st.sampled_from(TITLE_STARTS))
            title = f"{start}{title}”" if start == "“" else start + title
            blocks, footnotes = _body(draw, position, notes)
            articles.append(Article(number, position, title, author=_author(draw), blocks=blocks, footnotes=footnotes))
        sections.append(Section(number, draw(st.sampled_from(pool().section_titles)), articles))
    masthead = draw(
        st.sampled_from(
            [
                [],
                [f"Số tháng {month:02d}/{year}"],
                ["BAN TUYÊN GIÁO TỈNH ỦY", "THÔNG TIN SINH HOẠT NỘI BỘ", f"Số tháng {month:02d}/{year}"],
            ]
        )
    )
    issue = Issue(f"{year:04d}-{month:02d}", "sinh", masthead=masthead, sections=sections)
    typing = Typing(
        article=draw(st.sampled_from(ARTICLE_FORMS)),
        section=draw(st.sampled_from(SECTION_FORMS)),
        caps_titles=draw(st.booleans()),
        two_line_titles=draw(st.booleans()),
        author=draw(st.sampled_from(["under", "tab-under", "end", "end-two-lines"])),
        blank_lines=draw(st.booleans()),
        line_end=draw(st.sampled_from(["\n", "\n", "\r\n"])),
        trailing_spaces=draw(st.booleans()),
        tab_paragraphs=draw(st.booleans()),
        toc=draw(st.sampled_from(["none", "as-is", "other", "pages"])),
        numbers_run_on=draw(st.booleans()) and len(sections) > 1,
    )
    return Generated(issue, typing, form, draw(st.booleans()), draw(st.integers(0, 2**16)))


def _cut_by_pages(text: str, issue: Issue, line_end: str, seed: int) -> str:
    """Running heads and page numbers, as a PDF's text export keeps them, every few paragraphs: where a
    paragraph is long, the page break cuts it before a word in lower case."""
    lines = text.split(line_end)
    out: list[str] = []
    page = 1
    every = 6 + seed % 5
    head = RUNNING_HEAD.format(m=issue.month, y=issue.year)
    for position, line in enumerate(lines):
        if position and position % every == 0 and len(line) > 200 and line.rstrip()[-1:] in ".;:":
            words = line.split(" ")
            cut = next((i for i in range(len(words) // 2, len(words) - 1) if words[i][:1].islower()), None)
            if cut is not None:
                page += 1
                out.extend([" ".join(words[:cut]), str(page), head, " ".join(words[cut:])])
                continue
        out.append(line)
    return line_end.join(out)


# --- PDF -------------------------------------------------------------------------------------------


def type_pdf(issue: Issue, typing: Typing, target: Path, running_heads: bool) -> None:
    """The issue printed: titles in bold, authors right-aligned in italics, a running head and page numbers."""
    from fpdf import FPDF

    head = RUNNING_HEAD.format(m=issue.month, y=issue.year)

    class Printed(FPDF):
        def header(self) -> None:
            if running_heads and self.page_no() > 1:
                self.set_font("body", "", 9)
                self.cell(0, 6, head, align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self) -> None:
            if running_heads:
                self.set_y(-12)
                self.set_font("body", "", 9)
                self.cell(0, 6, str(self.page_no()), align="C")

    pdf = Printed(format="A4")
    pdf.set_margins(20, 15, 20)
    pdf.set_auto_page_break(True, 18)
    pdf.add_font("body", "", FONTS / "DejaVuSerif.ttf")
    pdf.add_font("body", "B", FONTS / "DejaVuSerif-Bold.ttf")
    pdf.add_font("body", "I", FONTS / "DejaVuSerif-Italic.ttf")
    pdf.add_page()

    def para(text: str, style: str = "", size: float = 12, align: str = "J") -> None:
        pdf.set_font("body", style, size)
        pdf.multi_cell(0, 6, text, align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    for line in issue.masthead:
        para(line, "B", 12, "C")
    if typing.toc != "none":
        para("TRONG SỐ NÀY", "B", 12, "C")
        for section in issue.sections:
            para(f"{int_to_roman(section.number)}. {section.title.upper()}", "B", 11, "L")
            for article in section.articles:
                para(f"{article.number}. {article.title}", "", 11, "L")
    for section in issue.sections:
        para(
            typing.section.format(r=int_to_roman(section.number), t=section.title.upper()).replace("\n", " "),
            "B",
            13,
            "L",
        )
        for article in section.articles:
            title = article.title.upper() if typing.caps_titles else article.title
            para(typing.article.format(n=article.number, t=title).replace("\t", " "), "B", 13, "L")
            under = typing.author in {"under", "tab-under"}
            if article.author and under:
                para(article.author, "I", 12, "R")
            for block in article.blocks:
                if isinstance(block, BulletList):
                    for item in block.items:
                        para("- " + plain_text(item))
                elif isinstance(block, Heading):
                    para(plain_text(block.inlines), "B")
                else:
                    para(plain_text(block.inlines))
            if article.author and not under:
                para(article.author, "I", 12, "R")
    pdf.output(str(target))


def mismatches(generated: Generated, folder: Path) -> list[str]:
    """How the import of `generated` differs from its true outline (empty: it imports right)."""
    from scripts.bulletin.errors import BulletinError
    from scripts.bulletin.pipeline import convert
    from scripts.vietnamese import fold
    from tests.variants import article_words

    source = generated.write(folder / "ban-tin")
    try:
        issue = convert(source, generated.issue.issue)
    except BulletinError as error:
        return [f"lỗi: {error}"]
    expected = generated.expected
    found = [(s.number, fold(s.title)) for s in issue.sections]
    wanted = [(n, fold(t)) for n, t in expected.sections]
    problems = [] if found == wanted else [f"mục: {found} ≠ {wanted}"]
    got = [(a.section, a.number, fold(a.title), a.author and fold(a.author)) for a in issue.articles]
    want = [(a.section, a.number, fold(a.title), a.author and fold(a.author)) for a in expected.articles]
    if got != want:
        problems.append("bài: " + "; ".join(f"{g} ≠ {w}" for g, w in zip(got, want, strict=False) if g != w))
        if len(got) != len(want):
            problems.append(f"số bài {len(got)} ≠ {len(want)}")
    else:
        for article, wanted_article in zip(issue.articles, expected.articles, strict=True):
            if article_words(article) != wanted_article.words:
                missing = wanted_article.words - article_words(article)
                extra = article_words(article) - wanted_article.words
                problems.append(f"chữ của bài {article.code}: thiếu {dict(missing)} thừa {dict(extra)}")
    return problems
