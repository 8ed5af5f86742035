"""Build the site the way every part of the project does: the builder, then the steps that follow it.

    python -m scripts.site build [-d site] [-f mkdocs.yml] [--engine mkdocs|zensical] [--quiet] [--debug]
    python -m scripts.site serve [-a 127.0.0.1:8000] [--engine …]    # build, then serve site/ as nginx would

Two builders read the same mkdocs.yml: MkDocs with Material (the primary one) and Zensical, Material's
successor (`--engine zensical`, `make build ENGINE=zensical`). What the site needs beyond the builder's
pages happens here, after either build, so that it depends on no builder's plugin events: the search
index is written from the built HTML (scripts/search/build.py). `make build`, `make serve`, the tests and
the benchmarks all build through `build()`.

A build never touches the site being served until it has succeeded (`publish`): it writes a new folder
beside the output (`.site.releases/<time>`), and only a whole build — pages, each issue's PDF
(scripts/issue_pdf.py), search index, precompressed files, and last a stamp (`BUILD_STAMP`) — is switched
in, by replacing the symlink `site` in one rename.
A failed or killed build leaves `site` as it was, byte for byte; two builds into the same folder wait for
each other, and for an import into it (a lock on that folder, scripts/locks.py). A failure is one
Vietnamese line (the data file, row and column when a data file is wrong); `--debug` adds the builder's whole log.

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
import re
import shutil
import subprocess
import sys
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from scripts.hosting.csp import inline_script_hashes, policy
from scripts.locks import exclusive
from scripts.search.build import SearchIndexError, write_index

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # the theme's notice about MkDocs 2 is not about this site
ENGINES = ("mkdocs", "zensical")
BUILD_STAMP = ".ban-tin-build.json"  # written last into a whole build; `deploy` refuses a folder without it
KEEP_RELEASES = 2  # local builds kept beside `site` (the one served and the one before)


class BuildError(Exception):
    """The build failed: the message is one Vietnamese line; `log` holds the builder's whole output."""

    def __init__(self, message: str, log: str = "") -> None:
        super().__init__(message)
        self.log = log


def build(
    out: Path,
    config: Path | None = None,
    strict: bool = True,
    quiet: bool = False,
    index: bool = True,
    engine: str = "mkdocs",
    clean: bool = False,
    compress: bool = False,
) -> dict[str, int]:
    """Build the site with `engine`, write its search index (unless `index` is false: a benchmark's stock
    build) and its precompressed files (`compress`), then publish it as `out` (a symlink to the new build);
    return the index's figures. `clean`: Zensical without its cache. Raise `BuildError` (and leave `out` as
    it was) when any step fails."""
    config = (config or REPO / "mkdocs.yml").resolve()
    out = Path(os.path.abspath(out))  # not resolved: `out` is the symlink to replace
    releases = out.parent / f".{out.name}.releases"
    with exclusive(out.parent, "Đang có một lần dựng hay lần nhập khác; chờ nó xong…", quiet):
        releases.mkdir(parents=True, exist_ok=True)
        for leftover in releases.glob("*.partial"):  # a killed build's folder: nothing else writes here now
            shutil.rmtree(leftover, ignore_errors=True)
        staging = releases / f"{time.strftime('%Y%m%d-%H%M%S')}-{time.time_ns() % 10**9:09d}.partial"
        try:
            figures = _build_into(staging, config, strict, quiet, index, engine, clean)
            if compress:
                from scripts.hosting.precompress import precompress

                precompress(staging)
            stamp = {"engine": engine, "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **figures}
            (staging / BUILD_STAMP).write_text(json.dumps(stamp, ensure_ascii=False), encoding="utf-8")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        publish(staging, out, releases)
    return figures


def _build_into(
    out: Path, config: Path, strict: bool, quiet: bool, index: bool, engine: str, clean: bool
) -> dict[str, int]:
    if engine == "zensical":
        result = _zensical(out, config, strict, clean)
    elif engine == "mkdocs":
        command = [sys.executable, "-m", "mkdocs", "build", "-d", str(out), "-f", str(config)]
        command += ["--strict"] if strict else []
        result = subprocess.run(command, cwd=config.parent, capture_output=True, text=True, env=ENV, timeout=3600)
    else:
        raise BuildError(f"Lỗi: không có bộ dựng '{engine}' (chọn một trong: {', '.join(ENGINES)}).")
    log = f"{result.stdout}{result.stderr}"
    if result.returncode != 0:
        raise BuildError(f"Lỗi dựng trang ({engine}): {failure_line(log)}", log)
    if not quiet:
        sys.stderr.write(result.stderr)
    if not index:
        return {}
    from scripts.issue_pdf import IssuePdfError, issue_pdfs  # WeasyPrint: only a build of the site pays for it

    try:
        pdfs = issue_pdfs(out)
        return {**write_index(out), "pdfs": len(pdfs), "pdfs_made": sum(pdf.made for pdf in pdfs)}
    except (SearchIndexError, IssuePdfError) as error:
        raise BuildError(str(error)) from None


def failure_line(log: str) -> str:
    """The one line of a failed build's log that says what to fix: the message of the exception that
    stopped it (a data file's 'Lỗi dữ liệu: tệp …, dòng …, cột …'), else the first warning that made a strict
    build stop, else the log's last line."""
    ours = re.findall(r"\w(?:Error|Exception): (Lỗi.+)$", log, re.MULTILINE)  # Zensical wraps it in its own
    if ours:
        return ours[-1].removeprefix("Lỗi dữ liệu: ").removeprefix("Lỗi: ")
    raised = re.findall(r"^(?:[\w.]+\.)?(\w*(?:Error|Exception)): (.+)$", log, re.MULTILINE)
    if raised:
        return ": ".join(raised[-1])
    warnings = re.findall(r"^(?:WARNING|ERROR)\s+-\s+(.+)$", log, re.MULTILINE)
    if warnings:
        return warnings[0]
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    return lines[-1] if lines else "bộ dựng dừng mà không báo lý do"


def publish(folder: Path, out: Path, releases: Path) -> None:
    """Make `out` show the whole build in `folder` (a folder of `releases`) in one step: the build is
    renamed into place, then a new symlink replaces `out` in one rename (a reader gets the old site or the
    new one, never half of one). A folder that is not yet a symlink (a site built before) becomes the
    previous release. Older releases than the last KEEP_RELEASES are removed."""
    final = folder.with_suffix("")
    folder.rename(final)
    if out.exists() and not out.is_symlink():
        out.rename(releases / f"{final.name}-truoc")
    link = out.parent / f".{out.name}.link-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(final, out.parent))
    os.replace(link, out)
    kept = sorted((p for p in releases.iterdir() if not p.name.endswith(".partial")), key=lambda p: p.stat().st_mtime)
    for old in kept[:-KEEP_RELEASES]:
        if old != final:
            shutil.rmtree(old, ignore_errors=True)


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
            shutil.move(inner, out)
            stamp.parent.mkdir(exist_ok=True)
            stamp.write_text(digest, encoding="utf-8")
    finally:
        named.unlink()
        shutil.rmtree(inner, ignore_errors=True)
    return result


class _Served(SimpleHTTPRequestHandler):
    """The built site as nginx serves it (deploy/nginx/): the same Content-Security-Policy, for this build's
    inline scripts, and the same security headers, so that what `make serve` shows is what readers get."""

    policy = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "same-origin")
        super().end_headers()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.site", description="Dựng và xem trang bản tin.")
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("build", "serve"):
        command = commands.add_parser(name)
        command.add_argument("-d", "--site-dir", type=Path, default=REPO / "site", help="thư mục trang dựng ra")
        command.add_argument("-f", "--config-file", type=Path, default=None, help="tệp cấu hình (mkdocs.yml)")
        command.add_argument("--quiet", action="store_true", help="chỉ in lỗi")
        command.add_argument("--debug", action="store_true", help="khi lỗi: in cả nhật ký của bộ dựng")
        command.add_argument("--engine", choices=ENGINES, default="mkdocs", help="bộ dựng (mặc định: mkdocs)")
        command.add_argument("--clean", action="store_true", help="Zensical: dựng lại từ đầu, bỏ bộ nhớ đệm")
    commands.choices["serve"].add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="địa chỉ:cổng")
    args = parser.parse_args(argv)
    try:
        figures = build(
            args.site_dir, args.config_file, quiet=args.quiet, engine=args.engine, clean=args.clean, compress=True
        )
    except BuildError as error:
        if args.debug and error.log:
            print(error.log, file=sys.stderr)
        print(f"{error} Trang đang phục vụ không đổi.", file=sys.stderr)
        return 1
    if not args.quiet:
        print(
            f"Đã dựng trang vào {args.site_dir}; chỉ mục tìm kiếm: {figures['pages']} trang; "
            f"bản PDF: {figures['pdfs']} số ({figures['pdfs_made']} số vừa tạo, còn lại không đổi)."
        )
    if args.command == "serve":
        host, _, port = args.dev_addr.rpartition(":")
        handler = functools.partial(_Served, directory=str(args.site_dir))
        _Served.policy = policy(inline_script_hashes(args.site_dir))
        with ThreadingHTTPServer((host or "127.0.0.1", int(port)), handler) as server:
            print(f"Xem trang tại http://{host or '127.0.0.1'}:{port}/ (Ctrl+C để dừng)")
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
