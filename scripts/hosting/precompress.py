"""Gzip the text files of a built site beside themselves (x.html → x.html.gz), for nginx's gzip_static.

nginx then sends the ready file instead of compressing the same page for every reader; the largest, the
search documents and plotly.js, are compressed once, at the best level. Files under 1 KB are left alone.

    python -m scripts.hosting.precompress site/
"""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path

SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
MIN_BYTES = 1024


def precompress(site: Path) -> int:
    """Write x.gz for each text file x of `site` that is at least MIN_BYTES; return how many were written."""
    written = 0
    for path in site.rglob("*"):
        if path.suffix in SUFFIXES and path.is_file() and path.stat().st_size >= MIN_BYTES:
            target = path.with_name(path.name + ".gz")
            target.write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
            stat = path.stat()
            os.utime(target, (stat.st_atime, stat.st_mtime))  # gzip_static serves it with the file's date
            written += 1
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("Cách dùng: python -m scripts.hosting.precompress THƯ_MỤC_SITE")
    print(f"Đã nén sẵn {precompress(Path(sys.argv[1]))} tệp")
