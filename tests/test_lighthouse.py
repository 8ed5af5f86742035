"""Lighthouse on the site as nginx serves it (deploy/nginx/, precompressed), mobile preset: every kind of
page a reader opens scores 100 for accessibility and for best practices. Performance is measured by
benchmarks/lighthouse.py (figures, not a pass/fail).

The five page types whose theme parts differ most between the builders are audited on both builds; the
other kinds (their articles are the same on both: tests/test_site_parity.py) on the primary build, MkDocs,
so that the suite keeps its time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.hosting.precompress import precompress
from tests import lighthouse
from tests.conftest import site_built_by
from tests.nginx_server import running_nginx
from tests.test_hosting import hosted_site, nginx  # noqa: F401  (the fixtures)

PAGES = {
    "home": "",
    "article": "ban-tin/2024/02/2-3-quyet-tam-thuc-hien-thang-loi-ke-hoach-phat-trien-kinh-te-xa/",
    "print view": "ban-tin/2024/02/ban-in/",
    "dashboard": "chi-tieu/2023/",
    "leader's tasks": "tien-do/2023/bui-minh-tuan/",
}
MORE_PAGES = {
    "issue": "ban-tin/2023/10/",
    "term": "chi-tieu/nhiem-ky-2020-2025/",
    "report": "bao-cao/2023/bao-cao-525-bc-tu/",
    "task overview": "tien-do/2023/",
}


@pytest.fixture(scope="module")
def primary(tmp_path_factory: pytest.TempPathFactory):
    """(nginx's address, the hosted folder) of the MkDocs build."""
    site = tmp_path_factory.mktemp("hosted-primary") / "site"
    shutil.copytree(site_built_by("mkdocs", tmp_path_factory), site)
    precompress(site)
    with running_nginx(site, tmp_path_factory.mktemp("nginx-primary")) as base:
        yield base, site


@pytest.mark.parametrize("name", list(PAGES))
def test_page_scores_100_for_accessibility_and_best_practices(nginx: str, hosted_site: Path, name: str):  # noqa: F811
    assert (hosted_site / PAGES[name] / "index.html").is_file(), PAGES[name]
    audit = lighthouse.run(nginx + PAGES[name])
    assert audit.scores == {"accessibility": 100, "best-practices": 100}, audit.failing


@pytest.mark.parametrize("name", list(MORE_PAGES))
def test_every_other_kind_of_page_scores_100_too(primary: tuple[str, Path], name: str):
    base, site = primary
    assert (site / MORE_PAGES[name] / "index.html").is_file(), MORE_PAGES[name]
    audit = lighthouse.run(base + MORE_PAGES[name])
    assert audit.scores == {"accessibility": 100, "best-practices": 100}, audit.failing
