"""Reader for PDF files with a text layer, through pdfplumber (pdfminer.six).

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

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

from scripts.bulletin.errors import BulletinError
from scripts.bulletin.model import Inline, NoteRef, RawBlock, Run
from scripts.vietnamese import nfc

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


def _family(fontname: str) -> str:
    name = fontname.split("+", 1)[-1]
    return _STYLE_SUFFIX.sub("", name.split("-")[0]) or name


def _is_bold(fontname: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold", fontname, re.I))


def _is_italic(fontname: str) -> bool:
    return bool(re.search(r"italic|oblique", fontname, re.I))


def _open(path: Path):
    try:
        pdf = pdfplumber.open(str(path))
        _ = pdf.pages  # parses the page tree: a cut-off file fails here
        return pdf
    except Exception as error:  # pdfminer raises many kinds for one broken file
        described = f"{type(error).__name__} {error!r}".lower()
        if "password" in described or "encrypt" in described:
            raise BulletinError(
                f"Lỗi: tệp '{path.name}' được bảo vệ bằng mật khẩu nên không đọc được. "
                "Hãy lưu lại bản PDF không đặt mật khẩu (hoặc dùng tệp Word)."
            ) from None
        raise BulletinError(
            f"Lỗi: không đọc được tệp '{path.name}' (tệp PDF bị hỏng hoặc không phải PDF). "
            "Hãy xuất lại bản PDF từ Word, hoặc nhập tệp Word."
        ) from None


def _columns(page) -> list:
    """The page, or its two columns left then right when a text-free gutter runs down its middle."""
    chars = [c for c in page.chars if c["text"].strip()]
    if len(chars) < 200:
        return [page]
    width, height = float(page.width), float(page.height)
    covered = bytearray(int(width) + 2)
    for char in chars:
        for x in range(max(0, int(char["x0"])), min(len(covered), int(char["x1"]) + 1)):
            covered[x] = 1
    for gx in range(int(width * 0.35), int(width * 0.65)):
        if covered[gx - 3 : gx + 4] == bytes(7):
            left = {round(c["top"]) for c in chars if c["x1"] < gx}
            right = {round(c["top"]) for c in chars if c["x0"] > gx}
            if len(left) >= 8 and len(right) >= 8:
                return [page.crop((0, 0, gx, height)), page.crop((gx, 0, width, height))]
            break
    return [page]


def _page_lines(page, number: int) -> list[_Line]:
    """The lines and tables of one page (or column), top to bottom."""
    ruled = len(page.rects) + len(page.lines) >= 4  # a table needs ruling lines: skip the search otherwise
    tables = [t for t in page.find_tables() if len(t.rows[0].cells) >= 2] if ruled else []
    boxes = [t.bbox for t in tables]
    result: list[_Line] = []
    for raw in page.extract_text_lines(return_chars=True, keep_blank_chars=True):
        mid_x = (raw["x0"] + raw["x1"]) / 2
        mid_y = (raw["top"] + raw["bottom"]) / 2
        if any(b[0] <= mid_x <= b[2] and b[1] <= mid_y <= b[3] for b in boxes):
            continue
        chars = [c for c in raw["chars"] if c["text"] != "\n"]
        if not chars or not "".join(c["text"] for c in chars).strip():
            continue
        sizes = Counter(round(c["size"], 1) for c in chars if c["text"].strip())
        line = _Line(raw["top"], raw["bottom"], raw["x0"], raw["x1"], chars, sizes.most_common(1)[0][0])
        line.text = "".join(c["text"] for c in chars).strip()
        line.page = number
        result.append(line)
    if len(result) >= 3:
        left, right = min(line.x0 for line in result), max(line.x1 for line in result)
        for line in result:
            line.left, line.right = left, right
    for table in tables:
        rows = [[nfc((cell or "").replace("\n", " ").strip()) for cell in row] for row in table.extract()]
        result.append(_Line(table.bbox[1], table.bbox[3], table.bbox[0], table.bbox[2], [], kind="table", rows=rows))
    return sorted(result, key=lambda line: line.top)


def _running_lines(pages: list[list[_Line]]) -> set[tuple[int, int]]:
    """(page, index) of header and footer lines: the same text (digits aside) at a page edge on most pages."""
    found: set[tuple[int, int]] = set()
    if len(pages) < 2:
        return found
    for edge in (0, -1):
        texts = Counter(re.sub(r"\d+", "#", p[edge].text) for p in pages if p and p[edge].kind == "line")
        for number, page in enumerate(pages):
            if not page or page[edge].kind != "line":
                continue
            key = re.sub(r"\d+", "#", page[edge].text)
            if texts[key] >= max(2, len(pages) // 2) or (edge == -1 and re.fullmatch(r"[-–\s#]*", key)):
                found.add((number, edge % len(page)))
    return found


def _footnote_rule(page) -> float | None:
    """The top of the short rule above a page's footnotes, if there is one."""
    height, width = float(page.height), float(page.width)
    for shape in [*page.rects, *page.lines]:
        wide = shape["x1"] - shape["x0"]
        if shape["top"] > height * 0.4 and abs(shape["bottom"] - shape["top"]) < 2 and 30 < wide < width * 0.45:
            return float(shape["top"])
    return None


class _Reader:
    def __init__(self, pdf) -> None:
        self.pdf = pdf
        self.blocks: list[RawBlock] = []
        self.group: list[_Line] = []  # the paragraph being read, which may go on overleaf
        self.held_notes: list[RawBlock] = []  # footnotes of pages that paragraph spans

    def read(self) -> list[RawBlock]:
        pages: list[list[_Line]] = []
        rules: list[float | None] = []
        for number, page in enumerate(self.pdf.pages):
            lines: list[_Line] = []
            for part in _columns(page):
                lines.extend(_page_lines(part, number))
            pages.append(lines)
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
                    and line.top > 0.6 * float(self.pdf.pages[number].height)
                )
                (notes if is_note else body).append(line)
            self.paragraphs(body)
            self.notes(notes)  # held back while the page's last paragraph may go on overleaf
        self.flush(self.group)
        self.group = []
        return self.blocks

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
            # overleaf, a paragraph goes on when the page ended on a full line and this one is plain text
            full = previous.x1 >= (previous.right or self.right) - 15 and not self.right_aligned(previous)
            plain = abs(line.x0 - (line.left or self.left)) < 3 and not line.heading_font and not previous.heading_font
            return not (full and plain and not self.bulleted(line))
        gap = line.top - previous.bottom
        if gap > self.line_gap + 3 or gap < -2:
            return True
        if previous.heading_font != line.heading_font or self.bulleted(line):
            return True
        return self.right_aligned(previous) != self.right_aligned(line)

    def bulleted(self, line: _Line) -> bool:
        """A list item's first line: a bullet glyph. A dash is text: Word's lists draw glyphs, and a typed
        '- ' is what the text exports keep as typed."""
        first = line.text[:1]
        return bool(first) and first in _BULLETS and len(line.text) > 1

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
        right = all(self.right_aligned(line) for line in lines)
        self.blocks.append(RawBlock(kind, inlines, len(self.blocks) + 1, marked_heading=heading, indented=right))

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
                else:
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
            match = re.match(r"\s*(\d{1,3})\s*", line.text)
            if match:
                if current:
                    self.add_note(*current)
                rest = [c for c in line.chars]
                skipped = 0
                while (
                    rest and (rest[0]["text"].isspace() or rest[0]["text"].isdigit()) and skipped < len(match.group(0))
                ):
                    rest.pop(0)
                    skipped += 1
                current = (
                    match.group(1),
                    self.inlines([_Line(line.top, line.bottom, line.x0, line.x1, rest, line.size)]),
                )
            elif current:
                current[1].append(Run(" "))
                current[1].extend(self.inlines([line]))
        if current:
            self.add_note(*current)

    def add_note(self, label: str, inlines: list[Inline]) -> None:
        runs = [i for i in _merged(inlines) if isinstance(i, Run)]
        self.held_notes.append(RawBlock("note", runs, len(self.blocks) + 1, note_label=label))


def _merged(items: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for item in items:
        last = merged[-1] if merged else None
        if (
            isinstance(item, Run)
            and isinstance(last, Run)
            and ((last.bold, last.italic) == (item.bold, item.italic) or not item.text.strip())
        ):
            merged[-1] = Run(last.text + item.text, last.bold, last.italic)
        else:
            merged.append(item)
    return [Run(nfc(i.text), i.bold, i.italic) if isinstance(i, Run) else i for i in merged]


def read_pdf(path: Path, warnings: list[str]) -> list[RawBlock]:
    """Raw blocks of the PDF at `path`; `BulletinError` for a scan, a protected or a broken file."""
    pdf = _open(path)
    try:
        with pdf:
            blocks = _Reader(pdf).read()
    except BulletinError:
        raise
    except Exception:  # a page that pdfminer cannot parse
        raise BulletinError(
            f"Lỗi: không đọc được tệp '{path.name}' (tệp PDF bị hỏng). "
            "Hãy xuất lại bản PDF từ Word, hoặc nhập tệp Word."
        ) from None
    if not blocks:
        raise BulletinError(
            f"Lỗi: tệp '{path.name}' không có lớp chữ (có lẽ là bản quét/ảnh chụp), không lấy được nội dung. "
            "Hãy dùng tệp Word hoặc bản PDF xuất trực tiếp từ Word."
        )
    return blocks
