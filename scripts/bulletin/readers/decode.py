"""Bytes of a text export → one clean `str`: UTF-8 (with or without BOM) or UTF-16 with BOM, NFC."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from scripts.bulletin.errors import BulletinError
from scripts.vietnamese import nfc

_SIGNATURES = {
    b"%PDF": "PDF",
    b"PK\x03\x04": "Word (.docx) hoặc tệp nén",
    b"\xd0\xcf\x11\xe0": "Word 97-2003 (.doc)",
    b"{\\rtf": "RTF",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # zero-width marks and soft hyphens


def decode_text(data: bytes, name: str) -> str:
    """Decode the bytes of the text export `name`; raise `BulletinError` if they are not text.

    The result is NFC, with Unix line ends and without invisible marks.
    """
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise BulletinError(f"Lỗi: tệp '{name}' rỗng (không có nội dung). Hãy xuất lại bản tin từ Word hoặc PDF.")
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            raise BulletinError(
                f"Lỗi: tệp '{name}' là tệp {kind}, không phải văn bản thuần. "
                "Hãy xuất bản tin ra .txt hoặc .md (UTF-8) rồi nhập lại."
            )
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        raise BulletinError(
            f"Lỗi: tệp '{name}' không phải văn bản UTF-8 hoặc UTF-16 (tệp nhị phân hoặc bị hỏng). "
            "Hãy mở bằng Word và lưu lại dạng Văn bản thuần (.txt, mã hóa UTF-8)."
        ) from None
    if len(_CONTROL.findall(text)) > max(3, len(text) // 1000):
        raise BulletinError(
            f"Lỗi: tệp '{name}' chứa dữ liệu nhị phân, không phải văn bản. "
            "Hãy xuất lại bản tin ra .txt hoặc .md (UTF-8)."
        )
    text = text.replace("\f", "\n")  # a form feed is a page break: a line end will do
    text = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text).replace("\u00a0", " ")
    return nfc(text)


def read_text_file(path: Path) -> str:
    """Read and decode the text export at `path`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BulletinError(f"Lỗi: không tìm thấy tệp '{path}'. Hãy kiểm tra lại tên và đường dẫn của tệp.") from None
    except IsADirectoryError:
        raise BulletinError(f"Lỗi: '{path}' là một thư mục, không phải tệp. Hãy chỉ ra tệp bản tin.") from None
    except PermissionError:
        raise BulletinError(f"Lỗi: không có quyền đọc tệp '{path}'. Hãy kiểm tra quyền truy cập.") from None
    return decode_text(data, path.name)
