"""Lighthouse on the site as nginx serves it (deploy/nginx/, precompressed), mobile preset: every kind of
page a reader opens scores 100 for accessibility and for best practices. Performance is measured by
benchmarks/lighthouse.py (figures, not a pass/fail)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import lighthouse
from tests.test_hosting import hosted_site, nginx  # noqa: F401  (the fixtures)

PAGES = {
    "home": "",
    "article": "ban-tin/2024/02/2-3-quyet-tam-thuc-hien-thang-loi-ke-hoach-phat-trien-kinh-te-xa/",
    "print view": "ban-tin/2024/02/ban-in/",
    "dashboard": "chi-tieu/2023/",
    "leader's tasks": "tien-do/2023/bui-minh-tuan/",
    "issue": "ban-tin/2023/10/",
    "term": "chi-tieu/nhiem-ky-2020-2025/",
    "report": "bao-cao/2023/bao-cao-525-bc-tu/",
    "task overview": "tien-do/2023/",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_scores_100_for_accessibility_and_best_practices(nginx: str, hosted_site: Path, name: str):  # noqa: F811
    assert (hosted_site / PAGES[name] / "index.html").is_file(), PAGES[name]
    audit = lighthouse.run(nginx + PAGES[name])
    assert audit.scores == {"accessibility": 100, "best-practices": 100}, audit.failing
