"""The repository's nginx configuration (deploy/nginx/), run for real on 127.0.0.1 against a fresh build.

`make test` installs Debian's nginx where it is missing. The site is precompressed as `make build` does.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from base64 import b64encode
from pathlib import Path

import pytest

from scripts.hosting.csp import CONF, allowed_hashes, inline_script_hashes
from scripts.hosting.deploy import KEEP
from scripts.hosting.precompress import precompress
from scripts.search.build import INDEX_DIR
from scripts.site import BUILD_STAMP
from tests.nginx_server import REPO, running_nginx
from tests.search_box import SearchBox
from tests.test_site_dashboard import charts_drawn

ARTICLE = "ban-tin/2024/02/2-3-quyet-tam-thuc-hien-thang-loi-ke-hoach-phat-trien-kinh-te-xa/"
DOCUMENTS = f"{INDEX_DIR}/trang.json"  # the search's page list, the largest file of its index
READER = {"chibo": "mật-khẩu-đọc-bản-tin"}


@pytest.fixture(scope="module")
def hosted_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("hosted") / "site"
    shutil.copytree(built_site, site)
    assert precompress(site) > 100
    return site


@pytest.fixture(scope="module")
def nginx(hosted_site: Path, tmp_path_factory: pytest.TempPathFactory):
    with running_nginx(hosted_site, tmp_path_factory.mktemp("nginx")) as base:
        yield base


def fetch(url: str, headers: dict[str, str] | None = None):
    """(status, headers, body) of a GET, errors included; the body is not decompressed."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def assert_security_headers(headers) -> None:
    policy = headers["Content-Security-Policy"]
    assert policy and "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy and "script-src 'self' 'sha256-" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "nginx/" not in (headers["Server"] or "")


@pytest.mark.parametrize("path", ["", "ban-tin/", "ban-tin/2023/10/", ARTICLE, "chi-tieu/2023/", "tien-do/2023/"])
def test_pages_are_served_with_security_headers_and_revalidated(nginx: str, path: str):
    status, headers, body = fetch(nginx + path)
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b'<html lang="vi"' in body
    assert_security_headers(headers)
    assert headers["Cache-Control"] == "no-cache"
    assert headers["ETag"] and headers["Last-Modified"]


def test_an_unchanged_page_costs_a_304(nginx: str):
    _, headers, _ = fetch(nginx + ARTICLE)
    status, _, body = fetch(nginx + ARTICLE, {"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")


def test_a_folder_without_its_slash_is_redirected_relatively(nginx: str):
    status, headers, _ = fetch(nginx + ARTICLE.rstrip("/"), {})
    assert status == 200  # urllib followed the redirect
    request = urllib.request.Request(nginx + "ban-tin")
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(request, timeout=10)
        raise AssertionError("no redirect")
    except urllib.error.HTTPError as error:
        assert error.code == 301 and error.headers["Location"] == "/ban-tin/"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_fingerprinted_theme_assets_are_kept_a_year(nginx: str, hosted_site: Path):
    bundle = next(hosted_site.glob("assets/javascripts/bundle.*.min.js")).relative_to(hosted_site).as_posix()
    status, headers, _ = fetch(nginx + bundle)
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Type"].startswith("application/javascript")
    assert_security_headers(headers)
    # our own files have no hash in their names: revalidated
    assert fetch(nginx + "assets/javascripts/tim-kiem/engine.js")[1]["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path", [ARTICLE, DOCUMENTS, "assets/javascripts/vendor/plotly-basic.min.js"])
def test_text_is_sent_gzipped_from_the_precompressed_files(nginx: str, hosted_site: Path, path: str):
    status, headers, body = fetch(nginx + path, {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    on_disk = hosted_site / (path + "index.html" if path.endswith("/") else path)
    assert gzip.decompress(body) == on_disk.read_bytes()
    assert body == on_disk.with_name(on_disk.name + ".gz").read_bytes()  # sent as made, not compressed again
    status, headers, plain = fetch(nginx + path)
    assert headers["Content-Encoding"] is None and plain == on_disk.read_bytes()


def test_search_files_are_served_as_json(nginx: str):
    for path in (DOCUMENTS, f"{INDEX_DIR}/tu/da.json", f"{INDEX_DIR}/cap/0.json", f"{INDEX_DIR}/van/0.json"):
        status, headers, _ = fetch(nginx + path)
        assert status == 200 and headers["Content-Type"] == "application/json"


def test_each_issue_s_pdf_is_served_as_a_pdf(nginx: str, hosted_site: Path):
    for pdf in sorted(hosted_site.glob("ban-tin/*/*/ban-tin-so-*.pdf")):
        status, headers, body = fetch(nginx + pdf.relative_to(hosted_site).as_posix())
        assert status == 200 and headers["Content-Type"] == "application/pdf" and body == pdf.read_bytes()
        assert_security_headers(headers)
    assert len(list(hosted_site.glob("ban-tin/*/*/ban-tin-so-*.pdf"))) == 2


def test_a_missing_page_gets_the_site_404_page(nginx: str):
    status, headers, body = fetch(nginx + "khong-co-trang-nay/")
    assert status == 404
    assert "Thông tin sinh hoạt nội bộ".encode() in body and b"404" in body
    assert_security_headers(headers)
    assert fetch(nginx + "404.html")[0] == 404  # the page itself is only an answer, not an address


def test_the_404_page_at_any_depth_has_the_search_and_no_script_error(browser, nginx: str):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda response: problems.append(response.url) if response.status >= 400 else None)
    missing = nginx + "ban-tin/2099/01/khong-co-bai-nay/"
    page.goto(missing)
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_selector(".bt-search[data-ready]", state="attached", timeout=60_000)
    assert problems == [missing], problems  # the page itself is the one 404: nothing it loads is missing
    page.close()


def test_source_maps_are_not_served(nginx: str, hosted_site: Path):
    # Material's build ships its bundle's source map; Zensical's ships none, so one is put where it would be
    maps = [*hosted_site.glob("assets/javascripts/bundle.*.min.js.map")]
    if not maps:
        maps = [hosted_site / "assets/javascripts/bundle.min.js.map"]
        maps[0].write_text('{"version": 3}', encoding="utf-8")
    assert fetch(nginx + maps[0].relative_to(hosted_site).as_posix())[0] == 404


STRAY = {  # what someone might leave in the web root: none of it is the site
    ".git/config": "[remote] url = secret",
    ".env": "PASSWORD=secret",
    ".nav.yml": "nav: secret",
    "ban-tin/2024/02/index.md": "# secret source",
    "mkdocs.yml": "site_name: secret",
    "data/chi-tieu.csv": "secret,1",
    "data/chi-tieu.xlsx": "secret",
    "ban-tin.docx": "secret",
    "index.html.bak": "secret",
    "index.html~": "secret",
    "scripts/site.py": "secret = 1",
}


def test_only_the_site_is_served_whatever_else_is_in_the_folder(hosted_site: Path, tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(hosted_site, site)
    for path, text in STRAY.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    assert (site / BUILD_STAMP).is_file()
    with running_nginx(site, tmp_path / "conf") as base:
        for path in [*STRAY, BUILD_STAMP, "%2egit/config", ".git/", "data/chi-tieu%2Ecsv"]:
            status, _, body = fetch(base + path)
            assert status == 404 and b"secret" not in body, path
        licence = next(site.glob("assets/javascripts/vendor/*.txt")).relative_to(site).as_posix()
        assert fetch(base + licence)[0] == 200  # what the site ships is served
        assert fetch(base)[0] == 200


def test_the_committed_policy_allows_the_inline_scripts_of_this_build(built_site: Path):
    missing = inline_script_hashes(built_site) - allowed_hashes(CONF.read_text(encoding="utf-8"))
    assert not missing, "run `make csp` and commit deploy/nginx/csp.conf"


def test_basic_authentication_refuses_readers_without_the_password(hosted_site: Path, tmp_path: Path):
    with running_nginx(hosted_site, tmp_path, basic_auth=READER) as base:
        status, headers, _ = fetch(base + ARTICLE)
        assert status == 401 and headers["WWW-Authenticate"].startswith("Basic")
        wrong = b64encode(b"chibo:sai").decode()
        assert fetch(base + ARTICLE, {"Authorization": f"Basic {wrong}"})[0] == 401
        ((user, password),) = READER.items()
        right = b64encode(f"{user}:{password}".encode()).decode()
        status, headers, _ = fetch(base + ARTICLE, {"Authorization": f"Basic {right}"})
        assert status == 200
        assert_security_headers(headers)
        assert fetch(base + DOCUMENTS, {"Authorization": f"Basic {right}"})[0] == 200


def test_the_allowlist_refuses_addresses_outside_it(hosted_site: Path, tmp_path: Path):
    with running_nginx(hosted_site, tmp_path / "in", allowlist=True) as base:
        assert fetch(base + ARTICLE)[0] == 200  # 127.0.0.1 is in the shipped list
    conf = tmp_path / "out"
    with running_nginx(hosted_site, conf, allowlist=True, allow_loopback=False) as base:
        assert fetch(base + ARTICLE)[0] == 403


def test_search_and_charts_work_under_the_policy(browser, nginx: str):
    context = browser.new_context(base_url=nginx, locale="vi-VN")
    page = context.new_page()
    page.add_init_script(
        """window.__violations = [];
        document.addEventListener("securitypolicyviolation",
            e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));"""
    )
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto("chi-tieu/2023/")
        assert charts_drawn(page) == 5  # plotly.js runs when a chart comes on screen: the reader scrolls to each
        violations = page.evaluate("window.__violations")
        box = SearchBox(page, nginx)
        box.open()
        answer = box.search("dang vien")
        assert answer.pages, "no search results through nginx"
        violations += page.evaluate("window.__violations")
        page.goto(ARTICLE)
        violations += page.evaluate("window.__violations")
        assert not violations and not problems, (violations, problems)
    finally:
        context.close()


def test_csp_header_is_one_line_of_known_directives():
    policy = re.search(r'Content-Security-Policy "([^"]+)"', CONF.read_text(encoding="utf-8")).group(1)
    names = [part.split()[0] for part in policy.split("; ")]
    assert names == [
        "default-src", "script-src", "style-src", "img-src", "font-src", "connect-src", "worker-src",
        "object-src", "base-uri", "form-action", "frame-ancestors",
    ]  # fmt: skip


def deploy_command(*args: str | Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{path}:{os.environ['PATH']}"} if path else None
    command = [sys.executable, "-m", "scripts.hosting.deploy", *map(str, args)]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, timeout=600)


def test_deploy_serves_a_new_release_at_once_and_rolls_back(hosted_site: Path, tmp_path: Path):
    server = tmp_path / "srv"
    assert deploy_command(hosted_site, server).returncode == 0
    newer = tmp_path / "newer"
    shutil.copytree(hosted_site, newer)
    page = newer / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>Bản mới</p></body>"), encoding="utf-8")
    (newer / "index.html.gz").unlink()
    with running_nginx(server / "current", tmp_path / "conf") as base:
        assert "Bản mới" not in fetch(base)[2].decode()
        result = deploy_command(newer, server)
        assert result.returncode == 0 and "Đã đưa lên" in result.stdout, result.stderr
        assert "Bản mới" in fetch(base)[2].decode()
        listed = deploy_command("--list", server).stdout.splitlines()
        assert len(listed) == 2 and listed[1].startswith("*")
        result = deploy_command("--rollback", server)
        assert result.returncode == 0, result.stderr
        assert "Bản mới" not in fetch(base)[2].decode()
        assert deploy_command("--list", server).stdout.splitlines()[0].startswith("*")


def test_deploy_refuses_a_build_that_is_not_whole(hosted_site: Path, tmp_path: Path):
    unfinished = tmp_path / "unfinished"
    shutil.copytree(hosted_site, unfinished)
    (unfinished / BUILD_STAMP).unlink()
    server = tmp_path / "srv"
    result = deploy_command(unfinished, server)
    assert result.returncode == 1 and "không phải một lần dựng trọn vẹn" in result.stderr
    assert not (server / "current").exists()
    (unfinished / BUILD_STAMP).write_text('{"engine": "mk', encoding="utf-8")  # a stamp cut short
    result = deploy_command(unfinished, server)
    assert result.returncode == 1 and "hỏng" in result.stderr and "Traceback" not in result.stderr
    assert not (server / "current").exists()
    assert deploy_command("--rollback", server).returncode == 1


def test_deploy_over_ssh_keeps_every_path_as_text(hosted_site: Path, tmp_path: Path):
    """Through ssh (a stand-in that runs the remote command here, as sshd would) to a folder whose name a
    shell would misread: the release lands there and nothing in the name runs."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    ssh = bin_dir / "ssh"
    ssh.write_text('#!/bin/sh\nwhile [ "$1" = "-o" ]; do shift 2; done\nshift\nexec sh -c "$1"\n', encoding="utf-8")
    ssh.chmod(0o755)
    server = tmp_path / "srv 'bản tin' $(touch chạy-rồi) ; touch chạy-rồi"
    for _ in range(KEEP + 1):
        result = deploy_command(hosted_site, f"may-chu:{server}", path=str(bin_dir))
        assert result.returncode == 0, result.stderr
    assert (server / "current" / "index.html").is_file()
    assert len(list((server / "releases").iterdir())) == KEEP
    assert not list(tmp_path.rglob("chạy-rồi")) and not list(REPO.glob("chạy-rồi"))
