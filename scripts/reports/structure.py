"""Structure of a report (báo cáo) such as 525-BC/TU: one document, its footnotes, its appendices.

The same readers and cleaners as for a bulletin produce the raw blocks; the body is built like one
long article (headings from the numbering, footnote texts linked to their marks), and each
'PHỤ LỤC N' that follows the signature becomes an appendix with its title and its table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from scripts.bulletin.cleaners import clean
from scripts.bulletin.errors import BulletinError
from scripts.bulletin.model import Article, RawBlock, Run
from scripts.bulletin.readers import read_source
from scripts.bulletin.structure import ArticleBuilder, BodyParser
from scripts.vietnamese import CasingModel, is_all_caps

_APPENDIX = re.compile(r"^PHỤ\s+LỤC\s+([0-9IVXLC]+)\b", re.IGNORECASE)
_NUMBER = re.compile(
    r"Báo\s+cáo\s+(?:số\s+)?(\d+-BC/[A-ZĐ]+)\s*,?\s*ngày\s+(\d{1,2})(?:/|\s+tháng\s+)(\d{1,2})"
    r"(?:/|\s+năm\s+)(\d{4})",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)


@dataclass
class Appendix:
    number: str  # '1', '8'
    title_lines: list[str]
    rows: list[list[str]]  # the table, header rows first

    @property
    def title(self) -> str:
        return " ".join(self.title_lines)


@dataclass
class Report:
    title: str
    number: str | None  # '525-BC/TU'
    date: str | None  # '2023-12-01'
    year: int
    source_name: str
    body: Article
    appendices: list[Appendix] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def convert_report(path: Path, year: int | None = None) -> Report:
    """Read the report export at `path` into a `Report` (nothing is written)."""
    return build_report(clean(read_source(path)), path.name, year)


def build_report(blocks: list[RawBlock], source_name: str, year: int | None) -> Report:
    """The `Report` that `blocks` describe; raise `BulletinError` if they hold none."""
    flow = [b for b in blocks if b.kind != "note"]
    if not flow or not any(b.kind == "para" for b in flow):
        raise BulletinError(
            f"Lỗi: không nhận ra nội dung báo cáo trong '{source_name}'. Hãy kiểm tra đây đúng là tệp xuất của báo cáo."
        )
    title_blocks = []
    for block in flow:
        if not block.emphasised or block.kind == "table" or _APPENDIX.match(block.text):
            break
        title_blocks.append(block)
    title = _title(" ".join(b.text for b in title_blocks) or "Báo cáo")
    start = blocks.index(title_blocks[-1]) + 1 if title_blocks else 0
    appendix_start = next((i for i, b in enumerate(blocks) if i >= start and _APPENDIX.match(b.text)), len(blocks))
    warnings: list[str] = []
    text = " ".join(b.text for b in blocks)
    number_match = _NUMBER.search(text)
    number = number_match.group(1).upper() if number_match else None
    date = None
    if number_match:
        day, month, found_year = (int(number_match.group(i)) for i in (2, 3, 4))
        date = f"{found_year:04d}-{month:02d}-{day:02d}"
    year = year or _year(title, date)
    if year is None:
        raise BulletinError(
            f"Lỗi: không xác định được năm của báo cáo '{source_name}'. "
            "Hãy chạy lại với --year YYYY, ví dụ --year 2023."
        )
    casing = CasingModel(b.text for b in blocks if b.kind in {"para", "item"})
    blocks = [_label(block) if _RECIPIENTS.match(block.text) else block for block in blocks]
    body = Article(section=0, number=0, title=title)
    parser = BodyParser(blocks[start:appendix_start], casing, source_name, warnings)
    ArticleBuilder(body, blocks[start:appendix_start], parser, code="Báo cáo").build()
    return Report(
        title=title,
        number=number,
        date=date,
        year=year,
        source_name=source_name,
        body=body,
        appendices=_appendices(blocks[appendix_start:], warnings),
        warnings=warnings,
    )


_RECIPIENTS = re.compile(r"^Nơi\s+nhận\s*:?$", re.IGNORECASE)


def _label(block: RawBlock) -> RawBlock:
    """'Nơi nhận:' (the recipients, at the foot of an official document): the line over its list, never a
    heading of the report's contents, however the export marks or sets it."""
    return replace(block, kind="para", marked_heading=False, centred=False, inlines=[Run(block.text)])


def _title(text: str) -> str:
    """'BÁO CÁO tổng kết …' → 'Báo cáo tổng kết …'."""
    words = text.split()
    lowered = [w.lower() if is_all_caps(w) and len(w) > 1 and not re.search(r"\d", w) else w for w in words]
    title = " ".join(lowered)
    return title[:1].upper() + title[1:]


def _year(title: str, date: str | None) -> int | None:
    match = _YEAR.search(title)
    if match:
        return int(match.group(1))
    return int(date[:4]) if date else None


def _appendices(blocks: list[RawBlock], warnings: list[str]) -> list[Appendix]:
    appendices: list[Appendix] = []
    for block in blocks:
        match = _APPENDIX.match(block.text)
        if match:
            rest = block.text[match.end() :].strip()
            appendices.append(Appendix(match.group(1), [rest] if rest else [], []))
        elif not appendices:
            continue
        elif block.kind == "table":
            if appendices[-1].rows:
                warnings.append(f"Phụ lục {appendices[-1].number} có nhiều bảng; các bảng được nối tiếp nhau.")
            appendices[-1].rows.extend(block.rows)
        elif block.kind in {"para", "heading"}:
            appendices[-1].title_lines.append(block.text)
    return appendices
