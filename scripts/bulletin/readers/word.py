"""Reader for Word files (.docx), through python-docx and the document's own XML.

What a bulletin's structure rests on is read from the document, not guessed from its text:
- heading styles ('Heading 1'…, 'Title', and their translations) mark headings; bold and italic come from
  the runs, their character styles and the paragraph style; right-aligned paragraphs are author lines;
- bulleted paragraphs are list items; an automatically numbered paragraph gets its number as text
  ('I. …', '1. …', 'a) …'), as Word shows it, since numbers are what a bulletin's sections and articles
  are recognised by;
- footnotes and endnotes: each mark becomes a footnote mark, and the note's text follows the paragraph
  that holds the mark, as in the text export;
- tables with their merged cells (a merged cell's text once), line breaks inside a paragraph as spaces;
- tracked changes: the accepted text (insertions kept, deletions dropped), comments and bookmarks left
  out; a warning says so.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from scripts.bulletin.errors import BulletinError
from scripts.bulletin.model import Inline, NoteRef, RawBlock, Run, merge_runs
from scripts.vietnamese import int_to_roman, nfc

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEADING_STYLES = ("heading", "title", "tiêu đề", "đề mục")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _on(element) -> bool | None:
    """A w:b / w:i property: present and not switched off."""
    if element is None:
        return None
    return element.get(_w("val"), "true") not in {"0", "false", "off"}


class _Styles:
    """Bold/italic/heading of paragraph and character styles, following `basedOn`."""

    def __init__(self, document) -> None:
        self.by_id = {}
        for style in document.styles:
            self.by_id[style.style_id] = style

    def flag(self, style_id: str | None, tag: str) -> bool:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id.get(style_id)
            if style is None:
                return False
            rpr = style.element.find(_w("rPr"))
            value = _on(rpr.find(_w(tag))) if rpr is not None else None
            if value is not None:
                return value
            base = style.element.find(_w("basedOn"))
            style_id = base.get(_w("val")) if base is not None else None
        return False

    def is_heading(self, style_id: str | None) -> bool:
        style = self.by_id.get(style_id) if style_id else None
        name = (style.name or "").lower() if style is not None else ""
        return name.startswith(_HEADING_STYLES)

    def is_list(self, style_id: str | None) -> bool:
        style = self.by_id.get(style_id) if style_id else None
        name = (style.name or "").lower() if style is not None else ""
        return name.startswith("list bullet") or name.startswith("list number")


# XML read here is read as data: no entity is expanded, no DTD or network fetched (python-docx's own parser
# is set the same way); a part that needs any of it is refused as a damaged file
_XML = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
# a bulletin's .docx, pictures included, unpacks to a few MB; these leave room for photos
MAX_PART_BYTES = 100_000_000
MAX_UNPACKED_BYTES = 300_000_000


def _notes(document, relationship: str, tag: str) -> dict[str, etree._Element]:
    """The footnotes (or endnotes) of the document by id, without the separator entries."""
    for rel in document.part.rels.values():
        if rel.reltype == relationship and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob, _XML)
            return {
                note.get(_w("id")): note for note in root.findall(_w(tag)) if note.get(_w("type")) in (None, "normal")
            }
    return {}


class _Numbering:
    """Word's automatic numbering: the text a numbered paragraph shows ('I.', '1.', 'a)'), or None for a bullet."""

    def __init__(self, document) -> None:
        self.formats: dict[tuple[str, str], tuple[str, str, int]] = {}  # (numId, ilvl) → (numFmt, lvlText, start)
        self.counters: dict[str, list[int]] = {}
        part = None
        for rel in document.part.rels.values():
            if rel.reltype == RT.NUMBERING and not rel.is_external:
                part = rel.target_part
        if part is None:
            return
        root = etree.fromstring(part.blob, _XML)
        abstract = {a.get(_w("abstractNumId")): a for a in root.findall(_w("abstractNum"))}
        for num in root.findall(_w("num")):
            ref = num.find(_w("abstractNumId"))
            definition = abstract.get(ref.get(_w("val"))) if ref is not None else None
            if definition is None:
                continue
            for level in definition.findall(_w("lvl")):
                fmt = level.find(_w("numFmt"))
                text = level.find(_w("lvlText"))
                start = level.find(_w("start"))
                self.formats[(num.get(_w("numId")), level.get(_w("ilvl")))] = (
                    fmt.get(_w("val")) if fmt is not None else "decimal",
                    text.get(_w("val")) if text is not None else "%1.",
                    int(start.get(_w("val"))) if start is not None else 1,
                )

    def label(self, num_id: str, level: str) -> str | None:
        fmt, text, start = self.formats.get((num_id, level), ("bullet", "", 1))
        if fmt in {"bullet", "none"}:
            return None
        depth = int(level)
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= depth:
            counters.append(start - 1)
        counters[depth] += 1
        del counters[depth + 1 :]
        for index, value in enumerate(counters):
            level_fmt = self.formats.get((num_id, str(index)), (fmt, text, start))[0]
            text = text.replace(f"%{index + 1}", _number_text(value, level_fmt))
        return text


def _number_text(value: int, fmt: str) -> str:
    if fmt in {"upperRoman", "lowerRoman"}:
        roman = int_to_roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in {"upperLetter", "lowerLetter"}:
        letter = "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26]
        return letter.upper() if fmt == "upperLetter" else letter
    return str(value)


class _Reader:
    def __init__(self, document, warnings: list[str]) -> None:
        self.document = document
        self.styles = _Styles(document)
        self.numbering = _Numbering(document)
        self.footnotes = _notes(document, RT.FOOTNOTES, "footnote")
        self.endnotes = _notes(document, RT.ENDNOTES, "endnote")
        self.warnings = warnings
        self.numbers = 0  # footnote and endnote marks, numbered as Word shows them
        self.tracked = False
        self.comments = False
        self.blocks: list[RawBlock] = []

    def read(self) -> list[RawBlock]:
        body = self.document.element.body
        for child in body.iterchildren():
            if child.tag == _w("p"):
                self.paragraph(child)
            elif child.tag == _w("tbl"):
                self.table(child)
            elif child.tag == _w("sdt"):  # a content control: its paragraphs are the document's
                for inner in child.iter(_w("p")):
                    self.paragraph(inner)
        if self.tracked:
            self.warnings.append(
                "Tệp Word còn thay đổi được theo dõi (Track Changes): đã lấy bản đã chấp nhận các thay đổi."
            )
        if self.comments:
            self.warnings.append("Tệp Word có chú thích (comment) của người duyệt: đã bỏ qua các chú thích đó.")
        return self.blocks

    def paragraph(self, p) -> None:
        ppr = p.find(_w("pPr"))
        style_id = None
        if ppr is not None and ppr.find(_w("pStyle")) is not None:
            style_id = ppr.find(_w("pStyle")).get(_w("val"))
        notes: list[tuple[str, etree._Element]] = []
        inlines = self.runs(p, style_id, notes)
        line = len(self.blocks) + 1
        text = "".join(i.text for i in inlines if isinstance(i, Run)).strip()
        bordered = ppr is not None and ppr.find(_w("pBdr")) is not None
        if not text and not any(isinstance(i, NoteRef) for i in inlines):
            if bordered:
                self.blocks.append(RawBlock("rule", line=line))
        else:
            num_pr = ppr.find(_w("numPr")) if ppr is not None else None
            label = None
            if num_pr is not None and num_pr.find(_w("numId")) is not None:
                level = num_pr.find(_w("ilvl"))
                label = self.numbering.label(
                    num_pr.find(_w("numId")).get(_w("val")), level.get(_w("val")) if level is not None else "0"
                )
            if label is not None:  # an automatically numbered paragraph reads as typed: 'I. …', '1. …'
                first = next((i for i in inlines if isinstance(i, Run)), Run(""))
                inlines.insert(0, Run(label + " ", first.bold, first.italic))
                kind = "para"
            else:
                numbered = num_pr is not None
                kind = "item" if numbered or self.styles.is_list(style_id) else "para"
            heading = self.styles.is_heading(style_id) or (ppr is not None and ppr.find(_w("outlineLvl")) is not None)
            if heading and kind == "para":
                kind = "heading"
            jc = ppr.find(_w("jc")) if ppr is not None else None
            right = jc is not None and jc.get(_w("val")) in {"right", "end"}
            centred = jc is not None and jc.get(_w("val")) == "center"
            self.blocks.append(
                RawBlock(kind, inlines, line, marked_heading=heading, indented=right, whole=True, centred=centred)
            )
        for label, note in notes:
            note_inlines = [i for i in self.runs_of_note(note) if isinstance(i, Run)]
            self.blocks.append(RawBlock("note", _strip(note_inlines), line, note_label=label))

    def runs_of_note(self, note) -> list[Inline]:
        inlines: list[Inline] = []
        for p in note.iter(_w("p")):
            if inlines:
                inlines.append(Run(" "))
            inlines.extend(self.runs(p, None, [], in_note=True))
        return inlines

    def runs(self, p, style_id: str | None, notes: list, in_note: bool = False) -> list[Inline]:
        """The inline content of a paragraph, accepted text only."""
        inlines: list[Inline] = []
        para_bold = self.styles.flag(style_id, "b")
        para_italic = self.styles.flag(style_id, "i")
        for element in p.iter():
            tag = element.tag
            if tag in (_w("ins"), _w("del"), _w("moveFrom"), _w("moveTo")):
                self.tracked = True
            elif tag in (_w("commentReference"), _w("commentRangeStart")):
                self.comments = True
            if tag != _w("r") or _inside_deletion(element, p):
                continue
            rpr = element.find(_w("rPr"))
            char_style = None
            if rpr is not None and rpr.find(_w("rStyle")) is not None:
                char_style = rpr.find(_w("rStyle")).get(_w("val"))
            bold = _direct(rpr, "b")
            italic = _direct(rpr, "i")
            bold = bold if bold is not None else (self.styles.flag(char_style, "b") or para_bold)
            italic = italic if italic is not None else (self.styles.flag(char_style, "i") or para_italic)
            vert = rpr.find(_w("vertAlign")) if rpr is not None else None
            superscript = vert is not None and vert.get(_w("val")) == "superscript"
            text = ""
            for child in element:
                if child.tag == _w("t"):
                    text += child.text or ""
                elif child.tag in (_w("tab"), _w("br"), _w("cr")):
                    text += " "
                elif child.tag == _w("noBreakHyphen"):
                    text += "-"
                elif child.tag in (_w("footnoteReference"), _w("endnoteReference")) and not in_note:
                    source = self.footnotes if child.tag == _w("footnoteReference") else self.endnotes
                    note = source.get(child.get(_w("id")))
                    if note is not None:
                        self.numbers += 1
                        label = str(self.numbers)
                        inlines.append(NoteRef(label))
                        notes.append((label, note))
            if not text:
                continue
            text = nfc(text)
            if superscript and text.strip().isdigit() and not in_note:
                inlines.append(NoteRef(text.strip()))  # a footnote mark typed by hand
            elif superscript and in_note:
                continue  # the note's own number
            else:
                inlines.append(Run(text, bool(bold), bool(italic)))
        return merge_runs(inlines)

    def table(self, tbl) -> None:
        rows: list[list[str]] = []
        for tr in tbl.iter(_w("tr")):
            if _ancestor(tr, _w("tbl")) is not tbl:
                continue  # a row of a table inside a cell: read with that cell's text
            cells = []
            for tc in tr.findall(_w("tc")):
                tcpr = tc.find(_w("tcPr"))
                merged = tcpr.find(_w("vMerge")) if tcpr is not None else None
                if merged is not None and merged.get(_w("val")) in (None, "continue"):
                    cells.append("")  # the lower part of a vertically merged cell: its text is above
                    continue
                texts = []
                for p in tc.iter(_w("p")):
                    runs = self.runs(p, None, [])
                    texts.append("".join(i.text for i in runs if isinstance(i, Run)).strip())
                cells.append(" ".join(t for t in texts if t))
                span = tcpr.find(_w("gridSpan")) if tcpr is not None else None
                if span is not None:
                    cells.extend([""] * (int(span.get(_w("val"), "1")) - 1))
            rows.append(cells)
        if rows:
            self.blocks.append(RawBlock("table", line=len(self.blocks) + 1, rows=rows))


def _direct(rpr, tag: str) -> bool | None:
    return _on(rpr.find(_w(tag))) if rpr is not None else None


def _ancestor(element, tag: str):
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _inside_deletion(run, stop) -> bool:
    parent = run.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in (_w("del"), _w("moveFrom")):
            return True
        parent = parent.getparent()
    return False


def _strip(inlines: list[Inline]) -> list[Inline]:
    if inlines and isinstance(inlines[0], Run):
        inlines[0] = Run(inlines[0].text.lstrip(), inlines[0].bold, inlines[0].italic)
    return inlines


def read_word(path: Path, warnings: list[str]) -> list[RawBlock]:
    """Raw blocks of the Word document at `path`; `BulletinError` if it is not a readable .docx."""
    _check_sizes(path)
    try:
        document = Document(str(path))
        return _Reader(document, warnings).read()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        raise BulletinError(
            f"Lỗi: không đọc được tệp '{path.name}' (tệp bị hỏng hoặc không phải Word .docx). "
            "Hãy mở và lưu lại bằng Word (Lưu thành .docx)."
        ) from None


def _check_sizes(path: Path) -> None:
    """Refuse, before anything is unpacked, a .docx whose parts would inflate beyond what a bulletin holds
    (a 'zip bomb': a few MB that unpack to GB)."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # not a zip at all: Document() says so in its own words
    total = sum(part.file_size for part in parts)
    largest = max(parts, key=lambda part: part.file_size, default=None)
    if largest is not None and (largest.file_size > MAX_PART_BYTES or total > MAX_UNPACKED_BYTES):
        raise BulletinError(
            f"Lỗi: tệp '{path.name}' giải nén ra {total // 1_000_000} MB (phần lớn nhất '{largest.filename}' "
            f"{largest.file_size // 1_000_000} MB), quá giới hạn {MAX_UNPACKED_BYTES // 1_000_000} MB của một bản tin: "
            "có thể tệp bị hỏng hoặc bị làm giả. Hãy mở bằng Word và lưu lại (ảnh nén nhỏ lại), rồi nhập lại."
        )
