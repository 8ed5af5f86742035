"""Build the site the way every part of the project does: the builder, then the steps that follow it.

    python -m scripts.site build [-d site] [-f mkdocs.yml] [--quiet]   # mkdocs build --strict, then the index
    python -m scripts.site serve [-a 127.0.0.1:8000]                  # build, then serve site/ as nginx would

What the site needs beyond the builder's pages happens here, after the build, so that it does not depend
on the builder's plugin events: the search index is written from the built HTML (scripts/search/build.py).
`make build`, `make serve`, the tests and the benchmarks all build through `build()`.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from scripts.search.build import SearchIndexError, write_index

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # the theme's notice about MkDocs 2 is not about this site


class BuildError(Exception):
    """The build failed; the message holds the builder's log."""


def build(
    out: Path, config: Path | None = None, strict: bool = True, quiet: bool = False, index: bool = True
) -> dict[str, int]:
    """Build the site into `out` and write its search index (unless `index` is false: a benchmark's stock
    build); return the index's figures."""
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(out)]
    command += ["--strict"] if strict else []
    command += ["--quiet"] if quiet else []
    command += ["-f", str(config)] if config else []
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=ENV, timeout=3600)
    if result.returncode != 0:
        raise BuildError(f"mkdocs build lỗi (mã {result.returncode}):\n{result.stdout}{result.stderr}")
    if not quiet:
        sys.stderr.write(result.stderr)
    if not index:
        return {}
    try:
        return write_index(out)
    except SearchIndexError as error:
        raise BuildError(str(error)) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.site", description="Dựng và xem trang bản tin.")
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("build", "serve"):
        command = commands.add_parser(name)
        command.add_argument("-d", "--site-dir", type=Path, default=REPO / "site", help="thư mục trang dựng ra")
        command.add_argument("-f", "--config-file", type=Path, default=None, help="tệp cấu hình (mkdocs.yml)")
        command.add_argument("--quiet", action="store_true", help="chỉ in lỗi")
    commands.choices["serve"].add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="địa chỉ:cổng")
    args = parser.parse_args(argv)
    try:
        figures = build(args.site_dir, args.config_file, quiet=args.quiet)
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"Đã dựng trang vào {args.site_dir}; chỉ mục tìm kiếm: {figures['pages']} trang.")
    if args.command == "serve":
        host, _, port = args.dev_addr.rpartition(":")
        handler = functools.partial(SimpleHTTPRequestHandler, directory=str(args.site_dir))
        with ThreadingHTTPServer((host or "127.0.0.1", int(port)), handler) as server:
            print(f"Xem trang tại http://{host or '127.0.0.1'}:{port}/ (Ctrl+C để dừng)")
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
