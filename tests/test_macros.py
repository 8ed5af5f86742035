"""The macros in a real `mkdocs build --strict`: a broken call stops the build with a clear message."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO


def site_copy(root: Path) -> Path:
    """The project's site configuration, pages, macros, theme overrides and data, copied under `root`."""
    for name in ("docs", "macros", "overrides", "data"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("{{ khong_co_ham_nay(2023) }}", "khong_co_ham_nay"),
        ("{{ indicator_table(1999) }}", "không có số liệu chỉ tiêu năm 1999"),
        ('{{ indicator_chart(2023, kind="banh") }}', "banh"),
    ],
)
def test_a_broken_macro_call_fails_the_build_and_says_why(tmp_path, call, message):
    root = site_copy(tmp_path)
    (root / "docs/chi-tieu/thu.md").write_text(f"---\nrender_macros: true\n---\n\n# Thử\n\n{call}\n", encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    assert not (root / "site/chi-tieu/thu/index.html").exists() or message not in (
        root / "site/chi-tieu/thu/index.html"
    ).read_text(encoding="utf-8")


def test_invalid_data_fails_the_build_naming_file_row_and_column(tmp_path):
    root = site_copy(tmp_path)
    data = root / "data/indicators/2023.csv"
    data.write_text(data.read_text(encoding="utf-8-sig").replace(",1301,", ",1300,", 1), encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "tệp '2023.csv', dòng 2, cột 'Kết quả (số)'" in result.stdout + result.stderr


def test_pages_without_render_macros_are_not_templates(tmp_path):
    root = site_copy(tmp_path)
    (root / "docs/van-ban.md").write_text("# Văn bản\n\nBiểu thức {{ 7*7 }} giữ nguyên.\n", encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "{{ 7*7 }}" in (root / "site/van-ban/index.html").read_text(encoding="utf-8")


def test_plotly_js_ships_with_the_site_and_only_chart_pages_load_it(built_site):
    # the basic bundle, vendored; the page names charts.js in its front matter, which fetches plotly.js
    assert (built_site / "assets/javascripts/vendor/plotly-basic.min.js").stat().st_size > 1_000_000
    assert not (built_site / "assets/javascripts/plotly.min.js").exists()
    dashboard = (built_site / "chi-tieu/2023/index.html").read_text(encoding="utf-8")
    assert dashboard.count('<script src="../../assets/javascripts/charts.js" defer></script>') == 1
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="bt-chart"' not in text:
            assert "charts.js" not in text and "plotly" not in text, page


def test_the_macros_need_no_build_events():
    # a builder that runs only define_env (Zensical) builds the same site: no on_post_page_macros/on_post_build
    import macros.main

    assert not hasattr(macros.main, "on_post_page_macros") and not hasattr(macros.main, "on_post_build")
