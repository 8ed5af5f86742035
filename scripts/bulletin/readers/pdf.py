"""Reader for PDF files with a text layer: characters through PDFium (pypdfium2), tables and the strict
check of the file through pdfplumber (pdfminer.six).

A PDF holds characters placed on pages, not paragraphs; this reader rebuilds the blocks the way the
printed page shows them:
- two-column pages are read column by column (a gutter free of text down the page splits them);
- the running header and footer (the same line at the top or bottom of most pages, page numbers
  included) are dropped;
- footnote texts, under the short rule at a page's bottom, become notes; small raised digits in the text
  become footnote marks;
- lines make paragraphs where the gap between lines widens or the formatting changes; bold and italic
  come from the font names; a heading style shows as a bold line in another font family than the body;
  right-aligned lines are author lines; a bullet makes a list item; ruled tables become tables;
- a paragraph cut by a page break is left for the cleaners to join, as with the text exports.

A PDF without a text layer (a scan), a password-protected or a broken PDF gets a clear message.
"""

from __future__ import annotations

import ctypes
import functools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from scripts.bulletin.errors import BulletinError
from scripts.bulletin.grammar import RUNNING_HEAD, bullet, numbered_line, section_line
from scripts.bulletin.model import Inline, NoteRef, RawBlock, Run, merge_runs
from scripts.vietnamese import nfc

# PDFium gives a hyphen at the end of a line as U+0002 (its "soft hyphen" mark) or U+0003; the
# hyphen is the file's text ('…/NQ-' | 'UBTVQH15'), never a place to drop or make a space
_LINE_END_HYPHENS = (0x02, 0x03)
SPACE_GAP = 0.06  # a gap between two letters' boxes wider than this share of the font size is a space
_BULLETS = "•◦▪‣\uf0b7\uf0a7\uf076\uf0d8\ue000"
_STYLE_SUFFIX = re.compile(r"[-,]?(Bold|Italic|Oblique|BoldItalic|Regular|Medium|Semibold|Light|MT|PS)+$", re.I)


@dataclass
class _Line:
    top: float
    bottom: float
    x0: float
    x1: float
    chars: list[dict]
    size: float = 0.0
    text: str = ""
    bold: bool = False
    heading_font: bool = False
    page: int = 0
    kind: str = "line"  # "line" or "table"
    rows: list[list[str]] = field(default_factory=list)
    left: float | None = None  # the text margins of the column the line is in
    right: float | None = None


@functools.cache  # a few fonts, asked for every character
def _family(fontname: str) -> str:
    name = fontname.split("+", 1)[-1]
    return _STYLE_SUFFIX.sub("", name.split("-")[0]) or name


@functools.cache  # a few fonts, asked for every character
def _is_bold(fontname: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold", fontname, re.I))


@functools.cache  # a few fonts, asked for every character
def _is_italic(fontname: str) -> bool:
    return bool(re.search(r"italic|oblique", fontname, re.I))


@dataclass
class _Page:
    """What the reader takes from a page: its characters (as pdfplumber names their fields), the boxes of
    its drawn shapes, and its size."""

    number: int
    width: float
    height: float
    chars: list[dict]
    shapes: list[tuple[float, float, float, float]]  # x0, top, x1, bottom


def _refuse(path: Path, error: Exception) -> BulletinError:
    described = f"{type(error).__name__} {error!r} {error}".lower()
    if "password" in described or "encrypt" in described:
        return BulletinError(
            f"Lỗi: tệp '{path.name}' được bảo vệ bằng mật khẩu nên không đọc được. "
            "Hãy lưu lại bản PDF không đặt mật khẩu (hoặc dùng tệp Word)."
        )
    return BulletinError(
        f"Lỗi: không đọc được tệp '{path.name}' (tệp PDF bị hỏng hoặc không phải PDF). "
        "Hãy xuất lại bản PDF từ Word, hoặc nhập tệp Word."
    )


MAX_PAGES = 1000  # a bulletin has a few dozen pages; its time grows with its pages (50 ms a page here)


def _validate(path: Path) -> None:
    """The page count first (PDFium reads it from the page tree, nothing else), then pdfminer's strict
    reading of the file's structure: a cut-off or protected file stops here, where PDFium would quietly read
    what it could."""
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise _refuse(path, error) from None
    try:
        pages = len(document)
    finally:
        document.close()
    if pages > MAX_PAGES:
        raise BulletinError(
            f"Lỗi: tệp '{path.name}' có {pages} trang, quá giới hạn {MAX_PAGES} trang của một bản tin. "
            "Hãy kiểm tra đúng tệp chưa, hoặc tách thành từng số."
        )
    try:
        with pdfplumber.open(str(path)) as pdf:
            _ = pdf.pages
    except Exception as error:  # pdfminer raises many kinds for one broken file
        raise _refuse(path, error) from None


def _pages(path: Path) -> list[_Page]:
    """Every page's characters and shapes, through PDFium (fast: a bulletin in a fraction of a second)."""
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise _refuse(path, error) from None
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    pages = []
    try:
        for number in range(len(document)):
            page = document[number]
            width, height = page.get_size()
            text = page.get_textpage()
            chars = []
            for index in range(text.count_chars()):
                code = pdfium_c.FPDFText_GetUnicode(text.raw, index)
                if code in _LINE_END_HYPHENS:
                    code = ord("-")  # PDFium reports a hyphen at a line's end as a control code
                if code in (0, 0xFFFE, 0xFFFF) or chr(code) in "\r\n":
                    continue
                if pdfium_c.FPDFText_IsGenerated(text.raw, index) == 1:
                    continue  # a space PDFium guessed between two pieces of text, not one the file has
                size = pdfium_c.FPDFText_GetFontSize(text.raw, index)
                length = pdfium_c.FPDFText_GetFontInfo(text.raw, index, name, len(name), ctypes.byref(flags))
                fontname = name.raw[: max(0, length - 1)].decode("utf-8", "replace")
                if flags.value & 0x40 and not _is_italic(fontname):  # PDF font flag: italic
                    fontname += "-Italic"
                if pdfium_c.FPDFText_GetFontWeight(text.raw, index) >= 600 and not _is_bold(fontname):
                    fontname += "-Bold"
                left, _, right, _ = text.get_charbox(index, loose=True)
                x, y = ctypes.c_double(), ctypes.c_double()
                pdfium_c.FPDFText_GetCharOrigin(text.raw, index, ctypes.byref(x), ctypes.byref(y))
                baseline = height - y.value
                chars.append(
                    {
                        "text": chr(code),
                        "fontname": fontname,
                        "size": round(size, 2),
                        "x0": left,
                        "x1": right,
                        "top": baseline - size * 0.8,
                        "bottom": baseline + size * 0.2,
                    }
                )
            shapes = []
            for shape in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
                x0, y0, x1, y1 = shape.get_bounds()
                shapes.append((x0, height - y1, x1, height - y0))
            pages.append(_Page(number, width, height, chars, shapes))
    finally:
        document.close()
    return pages


def _columns(page: _Page) -> list[tuple[float, float]]:
    """The x-ranges to read in order: the page, or its two columns when a text-free gutter runs down it."""
    chars = [c for c in page.chars if c["text"].strip()]
    whole = [(0.0, page.width)]
    if len(chars) < 200:
        return whole
    covered = bytearray(int(page.width) + 2)
    for char in chars:
        for x in range(max(0, int(char["x0"])), min(len(covered), int(char["x1"]) + 1)):
            covered[x] = 1
    for gx in range(int(page.width * 0.35), int(page.width * 0.65)):
        if covered[gx - 3 : gx + 4] == bytes(7):
            left = {round(c["top"]) for c in chars if c["x1"] < gx}
            right = {round(c["top"]) for c in chars if c["x0"] > gx}
            if len(left) >= 8 and len(right) >= 8:
                return [(0.0, float(gx)), (float(gx), page.width)]
            break
    return whole


def _text_lines(chars: list[dict]) -> list[dict]:
    """Characters grouped into lines, top to bottom, each line left to right: a character belongs to the
    line its middle falls in (a raised footnote mark too)."""
    lines: list[dict] = []
    for char in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        middle = (char["top"] + char["bottom"]) / 2
        if lines and middle <= lines[-1]["bottom"]:
            line = lines[-1]
            line["chars"].append(char)
            line["top"] = min(line["top"], char["top"])
        else:
            lines.append({"top": char["top"], "bottom": char["bottom"], "chars": [char]})
    for line in lines:
        line["chars"] = _spaced(sorted(line["chars"], key=lambda c: c["x0"]))
        visible = [c for c in line["chars"] if c["text"].strip()] or line["chars"]
        line["x0"], line["x1"] = min(c["x0"] for c in visible), max(c["x1"] for c in visible)
        line["bottom"] = max(c["bottom"] for c in line["chars"] if c["text"].strip() or True)
    return lines


def _spaced(chars: list[dict]) -> list[dict]:
    """`chars` with a space where the file leaves a gap between words but has no space character."""
    result: list[dict] = []
    for char in chars:
        previous = result[-1] if result else None
        if (
            previous is not None
            and previous["text"] != " "
            and char["text"] != " "
            and char["x0"] - previous["x1"] > SPACE_GAP * min(char["size"], previous["size"])
        ):
            result.append({**previous, "text": " ", "x0": previous["x1"], "x1": char["x0"]})
        result.append(char)
    return result


def _tables(path: Path, page: _Page) -> list:
    """The ruled tables of a page, found by pdfplumber (only pages with ruling lines are parsed for it)."""
    thin = [s for s in page.shapes if min(s[2] - s[0], s[3] - s[1]) < 2]
    if len(thin) < 4:
        return []
    with pdfplumber.open(str(path), pages=[page.number + 1]) as pdf:
        found = pdf.pages[0].find_tables()
        return [(t.bbox, t.extract()) for t in found if t.rows and len(t.rows[0].cells) >= 2]


def _page_lines(page: _Page, tables: list) -> list[_Line]:
    """The lines (column by column) and tables of one page, in reading order."""
    result: list[_Line] = []
    boxes = [bbox for bbox, _ in tables]
    for x_from, x_to in _columns(page):
        column: list[_Line] = []
        chars = [c for c in page.chars if x_from <= (c["x0"] + c["x1"]) / 2 < x_to]
        for raw in _text_lines(chars):
            mid_x, mid_y = (raw["x0"] + raw["x1"]) / 2, (raw["top"] + raw["bottom"]) / 2
            if any(b[0] <= mid_x <= b[2] and b[1] <= mid_y <= b[3] for b in boxes):
                continue
            chars_of_line = raw["chars"]
            while chars_of_line and not chars_of_line[-1]["text"].strip():
                chars_of_line = chars_of_line[:-1]  # line ends: the reader joins lines with one space
            while chars_of_line and not chars_of_line[0]["text"].strip():
                chars_of_line = chars_of_line[1:]
            if not chars_of_line:
                continue
            sizes = Counter(round(c["size"], 1) for c in chars_of_line if c["text"].strip())
            line = _Line(raw["top"], raw["bottom"], raw["x0"], raw["x1"], chars_of_line, sizes.most_common(1)[0][0])
            line.text = "".join(c["text"] for c in chars_of_line).strip()
            line.page = page.number
            column.append(line)
        if len(column) >= 3:
            left, right = min(line.x0 for line in column), max(line.x1 for line in column)
            for line in column:
                line.left, line.right = left, right
        result.extend(column)
    for bbox, rows in tables:
        cells = [[nfc((cell or "").replace("\n", " ").strip()) for cell in row] for row in rows]
        result.append(_Line(bbox[1], bbox[3], bbox[0], bbox[2], [], kind="table", rows=cells, page=page.number))
    columns_first = len(_columns(page)) > 1
    return result if columns_first else sorted(result, key=lambda line: line.top)


def _running_lines(pages: list[list[_Line]]) -> set[tuple[int, int]]:
    """(page, index) of header and footer lines: the same text (digits aside) at a page edge on most pages, a
    page number at the foot, or a head that names the bulletin or its issue (a short file shows it once)."""
    found: set[tuple[int, int]] = set()
    if len(pages) < 2:
        return found
    for edge in (0, -1):
        apart = [bool(p) and p[edge].kind == "line" and _apart(p, edge) for p in pages]
        texts = Counter(re.sub(r"\d+", "#", p[edge].text) for p, ok in zip(pages, apart, strict=True) if ok)
        for number, page in enumerate(pages):
            if not page or page[edge].kind != "line":
                continue
            text = page[edge].text
            key = re.sub(r"\d+", "#", text)
            sentence_end = bool(re.search(r"[.;:!?…]$", key.rstrip()))  # the end of a paragraph, not furniture
            repeated = texts[key] >= max(2, len(pages) // 2) and not sentence_end and apart[number]
            page_number = edge == -1 and bool(re.fullmatch(r"[-–\s]*\d{1,3}[-–\s]*", text))  # not a year
            named = edge == 0 and number > 0 and len(text) <= 100 and bool(RUNNING_HEAD.search(text))
            if repeated or page_number or named:
                found.add((number, edge % len(page)))
    return found


def _apart(page: list[_Line], edge: int) -> bool:
    """Whether the line at the page's edge is set apart from the text as a running head or foot is: in
    smaller type than the line beside it, further from it than lines of text are from one another, or short
    of the text's width. (The first line of a paragraph that happens to open two pages is none of these.)"""
    line = page[edge]
    if len(page) < 2 or page[edge + 1 if edge == 0 else -2].kind != "line":
        return True
    beside = page[1] if edge == 0 else page[-2]
    gaps = [b.top - a.bottom for a, b in zip(page, page[1:], strict=False) if a.kind == b.kind == "line"]
    usual = statistics.median(gaps) if gaps else 0.0
    gap = beside.top - line.bottom if edge == 0 else line.top - beside.bottom
    widest = max(other.x1 - other.x0 for other in page if other.kind == "line")
    return line.size < beside.size * 0.95 or gap > usual * 1.5 + 1 or (line.x1 - line.x0) < widest * 0.8


def _footnote_rule(page: _Page) -> float | None:
    """The top of the short rule above a page's footnotes, if there is one."""
    for x0, top, x1, bottom in page.shapes:
        if top > page.height * 0.4 and bottom - top < 2 and 30 < x1 - x0 < page.width * 0.45:
            return top
    return None


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.blocks: list[RawBlock] = []
        self.group: list[_Line] = []  # the paragraph being read, which may go on overleaf
        self.held_notes: list[RawBlock] = []  # footnotes of pages that paragraph spans
        self.last_note: RawBlock | None = None  # a footnote text may go on at the foot of the next page

    def read(self) -> list[RawBlock]:
        pages: list[list[_Line]] = []
        rules: list[float | None] = []
        sources = _pages(self.path)
        self.heights = [page.height for page in sources]
        for page in sources:
            pages.append(_page_lines(page, _tables(self.path, page)))
            rules.append(_footnote_rule(page))
        if not any(line.kind == "table" or line.chars for page in pages for line in page):
            return []
        running = _running_lines(pages)
        body_lines = [
            line
            for number, page in enumerate(pages)
            for index, line in enumerate(page)
            if (number, index) not in running and line.kind == "line"
        ]
        if not body_lines:
            return []
        self.body_size = Counter(line.size for line in body_lines).most_common(1)[0][0]
        self.body_family = Counter(_family(c["fontname"]) for line in body_lines for c in line.chars).most_common(1)[0][
            0
        ]
        self.left = min(line.x0 for line in body_lines)
        self.right = max(line.x1 for line in body_lines)
        gaps = [
            b.top - a.bottom
            for a, b in zip(body_lines, body_lines[1:], strict=False)
            if a.page == b.page and 0 <= b.top - a.bottom < a.bottom - a.top
        ]
        self.line_gap = statistics.median(gaps) if gaps else 2.0
        for number, page in enumerate(pages):
            rule = rules[number]
            body, notes = [], []
            for index, line in enumerate(page):
                if (number, index) in running:
                    continue
                is_note = rule is not None and line.top > rule and line.kind == "line"
                is_note = is_note or (
                    rule is None
                    and line.kind == "line"
                    and line.size < self.body_size * 0.9
                    and line.top > 0.6 * self.heights[number]
                )
                (notes if is_note else body).append(line)
            self.paragraphs(body)
            self.notes(notes)  # held back while the page's last paragraph may go on overleaf
        self.flush(self.group)
        self.group = []
        return self.endnotes(self.blocks)

    @staticmethod
    def endnotes(blocks: list[RawBlock]) -> list[RawBlock]:
        """Endnotes, which Word and LibreOffice print after the text with their label as plain text
        ('i Số liệu …'): a paragraph there that starts with the label of a mark no note answered is that note."""
        answered = {b.note_label for b in blocks if b.kind == "note"}
        dangling = {i.label for b in blocks for i in b.inlines if isinstance(i, NoteRef)} - answered
        result = list(blocks)
        for index in range(len(result) - 1, -1, -1):
            block = result[index]
            first = block.inlines[0] if block.inlines else None
            if block.kind != "para" or not isinstance(first, Run):
                break
            label, _, rest = first.text.lstrip().partition(" ")
            if label not in dangling:
                break
            inlines = [Run(rest, first.bold, first.italic), *block.inlines[1:]]
            result[index] = RawBlock("note", inlines, block.line, note_label=label)
            dangling.discard(label)
        return result

    # --- body ---------------------------------------------------------------------------------

    def paragraphs(self, lines: list[_Line]) -> None:
        """Group a page's lines into paragraphs; the last one stays open for the next page."""
        for line in lines:
            if line.kind == "table":
                self.flush(self.group)
                self.group = []
                self.blocks.append(RawBlock("table", line=len(self.blocks) + 1, rows=line.rows))
                continue
            self.classify(line)
            if self.group and self.starts_paragraph(self.group[-1], line):
                self.flush(self.group)
                self.group = []
            self.group.append(line)

    def classify(self, line: _Line) -> None:
        letters = [c for c in line.chars if c["text"].strip() and not self.raised(c, line)]
        line.bold = bool(letters) and all(_is_bold(c["fontname"]) for c in letters)
        families = {_family(c["fontname"]) for c in letters}
        line.heading_font = line.bold and bool(families) and self.body_family not in families

    def starts_paragraph(self, previous: _Line, line: _Line) -> bool:
        if line.page != previous.page:
            # overleaf, a paragraph goes on when the page ended on a full line and this one is plain text; a
            # line is full when the next line's first word would not have fitted on it (justified or ragged)
            room = (previous.right or self.right) - previous.x1
            full = room < max(15.0, _first_word_width(line)) and not self.right_aligned(previous)
            # (a title cut by the page break goes on too: the same heading font on both sides of it, unless
            # the line overleaf begins like an article's title or the line before is a section's)
            aligned = abs(line.x0 - (line.left or self.left)) < 3
            same = line.heading_font == previous.heading_font and line.bold == previous.bold
            if same and previous.bold and (numbered_line(line.text) or section_line(previous.text, True)):
                return True
            return not (full and aligned and same and not self.bulleted(line))
        gap = line.top - previous.bottom
        if gap > self.line_gap + 3 or gap < -2:
            return True
        if previous.heading_font != line.heading_font or self.bulleted(line) or self.typed_item(previous, line):
            return True
        if self.right_aligned(line) and not self.right_aligned(previous):
            # the last line of a right-aligned paragraph that wrapped ('…, Ban Tuyên giáo Tỉnh' | 'ủy')
            full = previous.x1 >= (previous.right or self.right) - 12
            return not (full and _is_italic_line(previous) == _is_italic_line(line))
        return self.right_aligned(previous) != self.right_aligned(line)

    def bulleted(self, line: _Line) -> bool:
        """A list item's first line: a bullet glyph. A dash is text: Word's lists draw glyphs, and a typed
        '- ' is what the text exports keep as typed."""
        first = line.text[:1]
        return bool(first) and first in _BULLETS and len(line.text) > 1

    def typed_item(self, previous: _Line | None, line: _Line) -> bool:
        """A list item typed by hand ('- ', '+ '): the mark starts a line that follows a finished one.
        ('kinh tế' | '- xã hội' is a line that wrapped at a dash, not an item.)"""
        if not bullet(line.text):
            return False
        return previous is None or bool(re.search(r"[.;:!?]\W*$", previous.text.rstrip()))

    def right_aligned(self, line: _Line) -> bool:
        left, right = line.left or self.left, line.right or self.right
        return line.x0 > left + 40 and abs(line.x1 - right) < 12

    def raised(self, char: dict, line: _Line) -> bool:
        """A footnote mark: smaller than the line's text and set above its baseline."""
        return char["size"] < line.size * 0.8 and char["bottom"] < line.bottom - line.size * 0.15

    def flush(self, lines: list[_Line]) -> None:
        if lines:
            self.add_paragraph(lines)
        self.blocks.extend(self.held_notes)
        self.held_notes = []

    def add_paragraph(self, lines: list[_Line]) -> None:
        inlines = self.inlines(lines)
        kind = "para"
        first = inlines[0] if inlines else None
        if isinstance(first, Run) and self.bulleted(lines[0]):
            kind = "item"
            inlines[0] = Run(first.text.lstrip()[1:].lstrip(), first.bold, first.italic)
            if not inlines[0].text:
                inlines.pop(0)

        heading = all(line.heading_font for line in lines)
        if heading:
            kind = "heading"
        # right-aligned: every line ends at the right margin and the last one starts well inside the column
        right = self.right_aligned(lines[-1]) and all(line.x1 >= (line.right or self.right) - 12 for line in lines)
        larger = all(line.size >= self.body_size * 1.08 for line in lines)  # set in larger type than the text
        self.blocks.append(
            RawBlock(
                kind,
                inlines,
                len(self.blocks) + 1,
                marked_heading=heading,
                indented=right,
                centred=not right and all(self.centred(line) for line in lines),
                larger=larger,
            )
        )

    def centred(self, line: _Line) -> bool:
        """Set in the middle of its column: well clear of both margins, by about as much on each side."""
        space_left = line.x0 - (line.left or self.left)
        space_right = (line.right or self.right) - line.x1
        return space_left > 20 and space_right > 20 and abs(space_left - space_right) < 8

    def inlines(self, lines: list[_Line]) -> list[Inline]:
        items: list[Inline] = []
        for position, line in enumerate(lines):
            chars = line.chars
            if position:
                # a line ending inside a word ('21-' | 'KL/TW', or a soft hyphen) runs on without a space
                if re.search(r"\w[-\u00ad]$", lines[position - 1].text):
                    while items and isinstance(items[-1], Run) and not items[-1].text.strip():
                        items.pop()
                    last = items[-1]
                    if isinstance(last, Run) and last.text.endswith("\u00ad"):
                        items[-1] = Run(last.text[:-1], last.bold, last.italic)
                elif not (isinstance(items[-1], Run) and items[-1].text.endswith(" ")) if items else False:
                    items.append(Run(" "))
            mark = ""
            for char in chars:
                if self.raised(char, line) and char["text"].strip():
                    mark += char["text"]
                    continue
                if mark:
                    items.append(NoteRef(mark.strip()))
                    mark = ""
                items.append(Run(char["text"], _is_bold(char["fontname"]), _is_italic(char["fontname"])))
            if mark:
                items.append(NoteRef(mark.strip()))
        return _merged(items)

    # --- footnotes ----------------------------------------------------------------------------

    def notes(self, lines: list[_Line]) -> None:
        current: tuple[str, list[Inline]] | None = None
        for line in lines:
            self.classify(line)
            label = self.note_label(line, current[0] if current else None)
            if label:
                if current:
                    self.add_note(*current)
                mark, taken = label
                rest = _Line(line.top, line.bottom, line.x0, line.x1, line.chars[taken:], line.size)
                current = (mark, self.inlines([rest]))
            elif current:
                current[1].append(Run(" "))
                current[1].extend(self.inlines([line]))
            elif self.last_note is not None:  # a long note that the page above could not hold goes on here
                runs = [i for i in _merged([Run(" "), *self.inlines([line])]) if isinstance(i, Run)]
                self.last_note.inlines = merge_runs([*self.last_note.inlines, *runs])
            else:  # no note to go on with: kept as text, never lost
                self.held_notes.append(RawBlock("para", self.inlines([line]), len(self.blocks) + 1))
        if current:
            self.add_note(*current)

    def note_label(self, line: _Line, previous: str | None) -> tuple[str, int] | None:
        """(label, characters it takes) when `line` starts a footnote text: raised digits ('²…'), or digits
        and a space that continue the numbering of the note above (so a line '2023 …' of a note goes on)."""
        chars = line.chars
        start = 0
        while start < len(chars) and chars[start]["text"].isspace():
            start += 1
        end = start
        while end < len(chars) and chars[end]["text"].isdigit() and self.raised(chars[end], line):
            end += 1
        if end > start:
            return "".join(c["text"] for c in chars[start:end]), end
        while end < len(chars) and chars[end]["text"].isdigit():
            end += 1
        spaced = end == len(chars) or chars[end]["text"].isspace()
        if not (start < end <= start + 3 and spaced):
            return None
        label = "".join(c["text"] for c in chars[start:end])
        if previous is not None and previous.isdigit() and int(label) != int(previous) + 1:
            return None
        return label, end

    def add_note(self, label: str, inlines: list[Inline]) -> None:
        runs = [i for i in _merged(inlines) if isinstance(i, Run)]
        self.last_note = RawBlock("note", runs, len(self.blocks) + 1, note_label=label)
        self.held_notes.append(self.last_note)


def _is_italic_line(line: _Line) -> bool:
    letters = [c for c in line.chars if c["text"].strip()]
    return bool(letters) and all(_is_italic(c["fontname"]) for c in letters)


def _first_word_width(line: _Line) -> float:
    """The width of the line's first word and the space before it."""
    word = []
    for char in line.chars:
        if char["text"].isspace():
            if word:
                break
            continue
        word.append(char)
    if not word:
        return 0.0
    return word[-1]["x1"] - word[0]["x0"] + line.size * 0.25


def _merged(items: list[Inline]) -> list[Inline]:
    merged = merge_runs(items, absorb_blank=True)
    return [Run(nfc(i.text), i.bold, i.italic) if isinstance(i, Run) else i for i in merged]


def read_pdf(path: Path, warnings: list[str]) -> list[RawBlock]:
    """Raw blocks of the PDF at `path`; `BulletinError` for a scan, a protected or a broken file."""
    _validate(path)
    try:
        blocks = _Reader(path).read()
    except BulletinError:
        raise
    except Exception as error:  # a page that cannot be parsed
        raise _refuse(path, error) from None
    if not blocks:
        raise BulletinError(
            f"Lỗi: tệp '{path.name}' không có lớp chữ (có lẽ là bản quét/ảnh chụp), không lấy được nội dung. "
            "Hãy dùng tệp Word hoặc bản PDF xuất trực tiếp từ Word."
        )
    return blocks
