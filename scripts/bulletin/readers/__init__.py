"""Readers: one per input format, each turning a source file into `RawBlock`s.

A new input format is a new reader registered in `READERS`, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scripts.bulletin.errors import BulletinError
from scripts.bulletin.model import RawBlock
from scripts.bulletin.readers.decode import read_text_file
from scripts.bulletin.readers.markdown_export import read_markdown
from scripts.bulletin.readers.text_export import read_text


def _read_word(path: Path, warnings: list[str]) -> list[RawBlock]:
    from scripts.bulletin.readers.word import read_word  # python-docx is loaded only for a Word file

    return read_word(path, warnings)


def _read_pdf(path: Path, warnings: list[str]) -> list[RawBlock]:
    from scripts.bulletin.readers.pdf import read_pdf  # PDFium and pdfplumber only for a PDF

    return read_pdf(path, warnings)


# a reader gets the file and a list to add warnings to (things it read but a person should know)
Reader = Callable[[Path, list[str]], list[RawBlock]]

READERS: dict[str, Reader] = {
    ".md": lambda path, warnings: read_markdown(read_text_file(path)),
    ".markdown": lambda path, warnings: read_markdown(read_text_file(path)),
    ".txt": lambda path, warnings: read_text(read_text_file(path)),
    ".docx": _read_word,
    ".pdf": _read_pdf,
}


def read_source(path: Path, warnings: list[str] | None = None) -> list[RawBlock]:
    """Raw blocks of the bulletin file at `path`, read by the reader of its format; the reader's
    warnings go to `warnings`."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(sorted(READERS))
        shown = path.suffix or "(không có phần mở rộng)"
        raise BulletinError(
            f"Lỗi: định dạng '{shown}' của tệp '{path.name}' chưa được hỗ trợ (nhận: {supported}). "
            "Hãy lưu bản tin thành .docx, .pdf, .txt hoặc .md rồi nhập lại."
        )
    if not path.exists():
        raise BulletinError(f"Lỗi: không tìm thấy tệp '{path}'. Hãy kiểm tra lại tên và đường dẫn của tệp.")
    return reader(path, warnings if warnings is not None else [])
