"""Where the site's vendored JavaScript comes from, and how to fetch it again.

Readers' browsers may not leave the internal network, so the site ships these files itself, each with its
licence beside it (docs/assets/javascripts/vendor/):
- plotly.js, basic bundle (MIT), the charts: bar, pie and scatter only, a quarter of the full plotly.js.
  Its version is the one the installed plotly package is made for (`plotly.offline.get_plotlyjs_version()`);
  the tests check that the two agree.

    python -m scripts.vendor          # fetch every package from the npm registry, verify it, write the files
    python -m scripts.vendor --check  # verify the shipped files against their SHA-256 (no network)
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parents[1] / "docs" / "assets" / "javascripts" / "vendor"


@dataclass(frozen=True)
class Vendored:
    package: str  # on the npm registry
    version: str
    integrity: str  # the registry's integrity of the tarball (npm view PACKAGE@VERSION dist.integrity)
    member: str  # the file of the tarball we ship
    licence: str  # the tarball's licence file
    shipped: str  # its name under VENDOR_DIR
    sha256: str  # of the shipped file
    prepare: Callable[[bytes], bytes] = lambda content: content

    @property
    def path(self) -> Path:
        return VENDOR_DIR / self.shipped

    @property
    def licence_path(self) -> Path:
        return VENDOR_DIR / (self.shipped.removesuffix(".js").removesuffix(".min") + ".LICENSE.txt")

    @property
    def tarball(self) -> str:
        name = self.package.rsplit("/", 1)[-1]
        return f"https://registry.npmjs.org/{self.package}/-/{name}-{self.version}.tgz"

    def check(self) -> bool:
        return hashlib.sha256(self.path.read_bytes()).hexdigest() == self.sha256


PLOTLY = Vendored(
    package="plotly.js-basic-dist-min",
    version="4.1.1",
    integrity="sha512-1oNF8PeQx2hv/y7tqEVWKD3JGwn/MGEMQ8mL9HUwsaqG9FGy/OU5FHUHvzqbqxN4mnwZGI9abTiE775C4kkjMQ==",
    member="package/plotly-basic.min.js",
    licence="package/LICENSE",
    shipped="plotly-basic.min.js",
    sha256="99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba",
)
PACKAGES = [PLOTLY]


def fetch(item: Vendored) -> str:
    """Download `item`, verify it against the registry's integrity, write it and its licence; its sha256."""
    with urllib.request.urlopen(item.tarball, timeout=120) as response:
        tarball = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if digest != item.integrity:
        raise SystemExit(f"Lỗi: gói {item.package} {item.version} tải về không khớp mã kiểm tra của npm ({digest}).")
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        content = archive.extractfile(item.member).read()
        licence = archive.extractfile(item.licence).read()
    item.path.write_bytes(item.prepare(content))
    item.licence_path.write_bytes(licence)
    return hashlib.sha256(item.path.read_bytes()).hexdigest()


def main(argv: list[str]) -> int:
    if "--check" in argv:
        wrong = [item.shipped for item in PACKAGES if not item.check()]
        for name in wrong:
            print(f"Lỗi: {name} không khớp mã SHA-256 đã ghi trong scripts/vendor.py.", file=sys.stderr)
        return 1 if wrong else 0
    for item in PACKAGES:
        print(f"{item.shipped} ({item.package} {item.version}): sha256 {fetch(item)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
