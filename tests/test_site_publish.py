"""A build is published whole or not at all: the served `site` changes only when a build has succeeded.

The real `python -m scripts.site build` on a copy of the project: a wrong data cell, a killed build and two
builds at once must each leave `site` serving a whole build, and say what happened in one Vietnamese line.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts.site import BUILD_STAMP, KEEP_RELEASES
from tests.conftest import REPO

DATA = Path("data/indicators/2023.csv")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's site (configuration, pages, data, macros, templates), built once."""
    root = tmp_path_factory.mktemp("publish")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "data", "macros", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    result = site_build(root)
    assert result.returncode == 0, result.stderr
    return root


def site_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scripts.site", "build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
    return subprocess.run([*command, *extra], cwd=REPO, capture_output=True, text=True, timeout=600)


def served(site: Path) -> dict[str, str]:
    """What a web server rooted at `site` serves: every file's path and digest."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def broken_cell(project: Path):
    """Row 3 of the indicator file with a word where the number is expected; put right afterwards."""
    path = project / DATA
    original = path.read_bytes()
    text = original.decode("utf-8-sig").split("\n")
    assert ",5,5," in text[2]
    text[2] = text[2].replace(",5,5,", ",5,năm,", 1)
    path.write_text("\n".join(text), encoding="utf-8")
    yield
    path.write_bytes(original)


@pytest.mark.parametrize("options", [["--quiet"], [], ["--quiet", "--engine", "zensical"]])
def test_a_failed_build_serves_the_site_as_it_was_and_says_what_to_fix_in_one_line(project, broken_cell, options):
    before = served(project / "site")
    result = site_build(project, *options)
    assert result.returncode == 1
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message, message
    assert "2023.csv" in message and "dòng 3" in message and "cột 'Chỉ tiêu (số)'" in message
    assert "không đổi" in message
    assert served(project / "site") == before
    assert not list((project / ".site.releases").glob("*.partial"))


def test_debug_shows_the_builders_log(project, broken_cell):
    result = site_build(project, "--quiet", "--debug")
    assert result.returncode == 1
    assert "Traceback" in result.stderr and result.stderr.rstrip().endswith("Trang đang phục vụ không đổi.")


def test_a_killed_build_leaves_the_site_and_the_next_build_clears_its_folder(project):
    before = served(project / "site")
    command = [sys.executable, "-m", "scripts.site", "build", "--quiet", "-f", str(project / "mkdocs.yml")]
    command += ["-d", str(project / "site")]
    process = subprocess.Popen(command, cwd=REPO, start_new_session=True)
    releases = project / ".site.releases"
    deadline = time.monotonic() + 120
    while not any(folder.glob("**/*.html") for folder in releases.glob("*.partial")):
        assert process.poll() is None and time.monotonic() < deadline, "the build ended before it could be killed"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the build and the builder it runs
    process.wait()
    assert served(project / "site") == before
    assert list(releases.glob("*.partial"))
    result = site_build(project, "--quiet")
    assert result.returncode == 0, result.stderr
    assert not list(releases.glob("*.partial"))
    assert (project / "site" / BUILD_STAMP).is_file()
    assert served(project / "site").keys() == before.keys()


def test_two_builds_at_once_wait_for_each_other(project):
    command = [sys.executable, "-m", "scripts.site", "build", "-f", str(project / "mkdocs.yml")]
    command += ["-d", str(project / "site")]
    runs = [subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)]
    deadline = time.monotonic() + 120
    while not list((project / ".site.releases").glob("*.partial")):  # the first one holds the lock
        assert runs[0].poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    runs.append(subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert "chờ" in outputs[1][1]
    site = project / "site"
    assert site.is_symlink() and (site / BUILD_STAMP).is_file() and (site / "index.html").is_file()
    releases = [path for path in (project / ".site.releases").iterdir()]
    assert len(releases) == KEEP_RELEASES and site.resolve() in releases


def test_make_serve_sends_the_servers_security_headers(project):
    """`make serve` (python -m scripts.site serve) sends what nginx sends: the policy for this build's
    inline scripts and the other security headers, so a page that works there works on the server."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "scripts.site", "serve", "--quiet", "-f", str(project / "mkdocs.yml")]
    command += ["-d", str(project / "site"), "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    headers = response.headers
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read()
                time.sleep(0.2)
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self' 'sha256-" in policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    finally:
        server.terminate()
        server.wait(timeout=30)
