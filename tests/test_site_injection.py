"""A bulletin's text is content, never code: template syntax and HTML in it reach the reader as text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scripts.site import build
from tests.conftest import REPO, serve_directory
from tests.support import run_cli

HOSTILE = [
    "Biểu thức {{ 7*7 }} và {{ config.site_name }} phải hiện nguyên văn.",
    "Lệnh {% include 'mkdocs.yml' %} và {# chú thích #} cũng vậy.",
    "Thẻ <script>window.pwned = 1; alert('x')</script> không được chạy.",
    'Ảnh <img src="x" onerror="window.pwned = 2"> và <a href="javascript:alert(1)">liên kết</a> cũng thế.',
    "Cú pháp [liên kết](javascript:alert(3)) và ![ảnh](x.png) và [^1] là chữ.",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site configuration with one imported bulletin full of code-like text, built."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    (root / "docs" / ".nav.yml").write_text("nav:\n  - index.md\n  - ban-tin\n", encoding="utf-8")
    shutil.copytree(REPO / "macros", root / "macros")  # the real template engine, which must leave them alone
    shutil.copytree(REPO / "overrides", root / "overrides")
    body = "\n\n".join(HOSTILE)
    source = root / "bulletin-2024-05.md"
    source.write_text(
        f"*Số tháng 05/2024*\n\n# **I. MỘT SỐ NỘI DUNG**\n\n## **1. Bài có {{{{ mã }}}} <b>đậm</b>**\n\n{body}\n",
        encoding="utf-8",
    )
    result = run_cli("import", source, root=root)
    assert result.returncode == 0, result.stderr
    build(root / "site", root / "mkdocs.yml")  # the pages, then the search index, as `make build`
    return root / "site"


def article_html(site: Path) -> str:
    return next((site / "ban-tin/2024/05").glob("1-1-*/index.html")).read_text(encoding="utf-8")


def test_template_syntax_is_not_evaluated(hostile_site):
    html = article_html(hostile_site)
    assert "{{ 7*7 }}" in html and "{{ config.site_name }}" in html
    assert "{% include 'mkdocs.yml' %}" in html.replace("&#39;", "'")
    assert "{# chú thích #}" in html


def test_html_in_the_text_is_escaped(hostile_site):
    html = article_html(hostile_site)
    assert "<script>window.pwned" not in html and "&lt;script&gt;window.pwned" in html
    assert '<img src="x" onerror' not in html and "&lt;img" in html
    assert not re.search(r"<a\b[^>]*href=\"javascript:", html)
    assert re.search(r"<h1[^>]*>Bài có \{\{ mã \}\} đậm<", html)  # <b> is the export's own bold mark, nothing more


def test_nothing_runs_in_the_browser(browser, hostile_site):
    with serve_directory(hostile_site) as base:
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        path = next((hostile_site / "ban-tin/2024/05").glob("1-1-*/")).relative_to(hostile_site)
        page.goto(f"{base}{path.as_posix()}/")
        text = page.inner_text("article")
        assert "<script>window.pwned = 1; alert('x')</script>" in text
        assert "{{ 7*7 }}" in text and "[liên kết](javascript:alert(3))" in text
        assert page.evaluate("window.pwned") is None
        assert page.locator("article img").count() == 0 and page.locator("article script").count() == 0
        assert dialogs == []
        context.close()
