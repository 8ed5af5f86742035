"""Build the site the way every part of the project does: the builder, then the steps that follow it.

    python -m scripts.site build [-d site] [-f mkdocs.yml] [--engine mkdocs|zensical] [--quiet]
    python -m scripts.site serve [-a 127.0.0.1:8000] [--engine …]    # build, then serve site/ as nginx would

Two builders read the same mkdocs.yml: MkDocs with Material (the primary one) and Zensical, Material's
successor (`--engine zensical`, `make build ENGINE=zensical`). What the site needs beyond the builder's
pages happens here, after either build, so that it depends on no builder's plugin events: the search
index is written from the built HTML (scripts/search/build.py). `make build`, `make serve`, the tests and
the benchmarks all build through `build()`.

Zensical has no option for the output folder: it builds with a copy of the configuration that names one.
Its cache does not notice a changed data file (data/*.csv, read by the macros), so a build whose data
differ from the cached build's is a clean one.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from scripts.search.build import SearchIndexError, write_index

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # the theme's notice about MkDocs 2 is not about this site
ENGINES = ("mkdocs", "zensical")


class BuildError(Exception):
    """The build failed; the message holds the builder's log."""


def build(
    out: Path,
    config: Path | None = None,
    strict: bool = True,
    quiet: bool = False,
    index: bool = True,
    engine: str = "mkdocs",
    clean: bool = False,
) -> dict[str, int]:
    """Build the site into `out` with `engine` and write its search index (unless `index` is false: a
    benchmark's stock build); return the index's figures. `clean`: Zensical without its cache."""
    config = (config or REPO / "mkdocs.yml").resolve()
    out = out.resolve()
    if engine == "zensical":
        result = _zensical(out, config, strict, clean)
    elif engine == "mkdocs":
        command = [sys.executable, "-m", "mkdocs", "build", "-d", str(out), "-f", str(config)]
        command += ["--strict"] if strict else []
        command += ["--quiet"] if quiet else []
        result = subprocess.run(command, cwd=config.parent, capture_output=True, text=True, env=ENV, timeout=3600)
    else:
        raise BuildError(f"Lỗi: không có bộ dựng '{engine}' (chọn một trong: {', '.join(ENGINES)}).")
    if result.returncode != 0:
        raise BuildError(f"{engine} build lỗi (mã {result.returncode}):\n{result.stdout}{result.stderr}")
    if not quiet:
        sys.stderr.write(result.stderr)
    if not index:
        return {}
    try:
        return write_index(out)
    except SearchIndexError as error:
        raise BuildError(str(error)) from None


def data_digest(root: Path) -> str:
    """SHA-256 over the data files the macros read (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted((root / "data").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _zensical(out: Path, config: Path, strict: bool, clean: bool) -> subprocess.CompletedProcess[str]:
    root = config.parent
    stamp = root / ".cache" / "ban-tin-data.sha256"
    digest = data_digest(root)
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != digest:
        clean = True  # the cache would keep pages made from the old data
    # beside the original, so that its relative paths hold; the output inside the project, as Zensical
    # requires, then moved to `out`
    named = root / f".zensical-{os.getpid()}.yml"
    inner = root / f".zensical-site-{os.getpid()}"
    named.write_text(config.read_text(encoding="utf-8") + f"\nsite_dir: {json.dumps(inner.name)}\n", encoding="utf-8")
    command = [sys.executable, "-m", "zensical", "build", "-f", str(named)]
    command += ["--strict"] if strict else []
    command += ["--clean"] if clean else []
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=ENV, timeout=3600)
        if result.returncode == 0:
            shutil.rmtree(out, ignore_errors=True)
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(inner, out)
            stamp.parent.mkdir(exist_ok=True)
            stamp.write_text(digest, encoding="utf-8")
    finally:
        named.unlink()
        shutil.rmtree(inner, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.site", description="Dựng và xem trang bản tin.")
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("build", "serve"):
        command = commands.add_parser(name)
        command.add_argument("-d", "--site-dir", type=Path, default=REPO / "site", help="thư mục trang dựng ra")
        command.add_argument("-f", "--config-file", type=Path, default=None, help="tệp cấu hình (mkdocs.yml)")
        command.add_argument("--quiet", action="store_true", help="chỉ in lỗi")
        command.add_argument("--engine", choices=ENGINES, default="mkdocs", help="bộ dựng (mặc định: mkdocs)")
        command.add_argument("--clean", action="store_true", help="Zensical: dựng lại từ đầu, bỏ bộ nhớ đệm")
    commands.choices["serve"].add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="địa chỉ:cổng")
    args = parser.parse_args(argv)
    try:
        figures = build(args.site_dir, args.config_file, quiet=args.quiet, engine=args.engine, clean=args.clean)
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
