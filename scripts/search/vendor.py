"""Where the site's vendored JavaScript comes from, and how to fetch it again.

The search engine uses MiniSearch (MIT, https://github.com/lucaong/minisearch), shipped with the site
because readers' browsers may not leave the internal network. The shipped file is the package's UMD
build with its last line (a source-map comment naming a file we do not ship) removed.

    python -m scripts.search.vendor          # fetch from the npm registry, verify, write the file
    python -m scripts.search.vendor --check  # verify the shipped file against SHIPPED_SHA256 (no network)
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

PACKAGE = "minisearch"
VERSION = "7.2.0"
TARBALL = f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"
# the registry's integrity of the tarball (npm view minisearch@7.2.0 dist.integrity)
INTEGRITY = "sha512-dqT2XBYUOZOiC5t2HRnwADjhNS2cecp9u+TJRiJ1Qp/f5qjkeT5APcGPjHw+bz89Ms8Jp+cG4AlE+QZ/QnDglg=="
MEMBER = "package/dist/umd/index.js"
LICENSE = "package/LICENSE.txt"
SHIPPED = Path(__file__).resolve().parents[2] / "docs" / "assets" / "javascripts" / "vendor" / "minisearch.js"
SHIPPED_SHA256 = "4e02b9fa52f244c377d737c7d06cda6bce967d137254e8532d6c79f68469bef3"
_SOURCE_MAP = b"//# sourceMappingURL=index.js.map\n"


def shipped_file(umd: bytes) -> bytes:
    """The file we ship, made from the package's UMD build."""
    return umd.replace(_SOURCE_MAP, b"")


def fetch() -> None:
    with urllib.request.urlopen(TARBALL, timeout=60) as response:
        tarball = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if digest != INTEGRITY:
        raise SystemExit(f"Lỗi: gói {PACKAGE} {VERSION} tải về không khớp mã kiểm tra của npm ({digest}).")
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        umd = archive.extractfile(MEMBER).read()
        licence = archive.extractfile(LICENSE).read()
    SHIPPED.write_bytes(shipped_file(umd))
    SHIPPED.with_name("minisearch.LICENSE.txt").write_bytes(licence)
    print(f"{SHIPPED}: sha256 {hashlib.sha256(SHIPPED.read_bytes()).hexdigest()}")


def check() -> bool:
    return hashlib.sha256(SHIPPED.read_bytes()).hexdigest() == SHIPPED_SHA256


if __name__ == "__main__":
    if "--check" in sys.argv[1:]:
        sys.exit(0 if check() else 1)
    fetch()
