"""The build-time half of the site's search: index preparation, worker wiring, the vendored engine."""

from __future__ import annotations

import hashlib

import pytest

from scripts import vendor
from scripts.search.index import (
    WORKER,
    SearchSetupError,
    dump_index,
    plain_text,
    prepare_index,
    separate_cells,
    theme_index,
    use_worker,
)

CONFIG = (
    '<script id="__config" type="application/json">{"base": "../..", "features": [], '
    '"search": "../../assets/javascripts/workers/search.a7633da7.min.js", "tags": null}</script>'
)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>A &amp; <em>B</em></p>", "A & B"),
        ("<ol> <li>Một</li><li>Hai</li></ol>", "Một Hai"),
        ("<p>Đ<strong>ảng</strong> viên</p>", "Đảng viên"),  # inline markup does not split a word
        ("<p>tư tưởng</p>\n\n<p>  đạo   đức</p>", "tư tưởng đạo đức"),
        ("<p>ho\u0301a</p>", "hóa"),  # NFC
        ("&lt;script&gt;", "<script>"),
    ],
)
def test_plain_text(html: str, text: str):
    assert plain_text(html) == text


def test_cells_are_separated_for_the_indexer():
    assert separate_cells("<tr><th>Mã</th><td>Nội dung</td></tr>") == "<tr><th>Mã </th><td>Nội dung </td></tr>"


def test_prepare_index_adds_author_issue_and_article_boost():
    index = {
        "config": {"lang": ["vi"]},
        "docs": [
            {"location": "ban-tin/2023/10/a/", "title": "Bài <code>A</code>", "text": "<p>Mở đầu</p>"},
            {"location": "ban-tin/2023/10/a/#muc", "title": "Mục", "text": "<p>Thân</p>"},
            {"location": "tien-do/2023/x/", "title": "X", "text": "<p>Nhiệm vụ</p>"},
        ],
    }
    pages = {
        "ban-tin/2023/10/a/": {"author": "Trần Văn Ứng", "issue_label": "Số 10/2023", "article": 1},
        "tien-do/2023/x/": {"title": "X"},
    }
    docs = prepare_index(index, pages)["docs"]
    assert docs[0] == {
        "location": "ban-tin/2023/10/a/",
        "title": "Bài A",
        "text": "Mở đầu",
        "author": "Trần Văn Ứng",
        "tags": ["Số 10/2023"],
        "boost": 1.5,
    }
    assert docs[1] == {"location": "ban-tin/2023/10/a/#muc", "title": "Mục", "text": "Thân", "boost": 1.5}
    assert docs[2] == {"location": "tien-do/2023/x/", "title": "X", "text": "Nhiệm vụ"}


def test_the_theme_index_keeps_only_its_config():
    assert theme_index({"config": {"lang": ["vi"]}, "docs": [{"location": ""}]}) == {
        "config": {"lang": ["vi"]},
        "docs": [],
    }


def test_dumped_index_keeps_vietnamese_letters_as_utf8():
    assert dump_index({"docs": [{"title": "Đảng"}]}) == '{"docs":[{"title":"Đảng"}]}'


def test_pages_name_our_worker_keeping_their_relative_base():
    html = use_worker(f"<body>{CONFIG}</body>", "a.md")
    assert f'"search":"../../{WORKER}"' in html
    assert "workers/search." not in html
    assert html.startswith("<body>") and html.endswith("</script></body>")


@pytest.mark.parametrize(
    "html",
    [
        "<body>no config at all</body>",
        CONFIG.replace('"search"', '"lookup"'),
        CONFIG.replace("workers/search.a7633da7.min.js", "search-worker.js"),
    ],
)
def test_a_theme_that_changed_stops_the_build(html: str):
    with pytest.raises(SearchSetupError, match="mkdocs-material"):
        use_worker(html, "a.md")


def test_vendored_scripts_are_the_recorded_releases_with_their_licences():
    for item in vendor.PACKAGES:
        shipped = item.path.read_bytes()
        assert hashlib.sha256(shipped).hexdigest() == item.sha256, item.shipped
        assert b"sourceMappingURL" not in shipped
        assert b"MIT" in item.licence_path.read_bytes()
    assert vendor.main(["--check"]) == 0


def test_vendored_plotly_is_the_version_the_plotly_package_builds_figures_for():
    from plotly.offline import get_plotlyjs_version

    assert vendor.PLOTLY.version == get_plotlyjs_version()
    assert f"plotly.js (basic - minified) v{vendor.PLOTLY.version}".encode() in vendor.PLOTLY.path.read_bytes()[:200]
