"""The build-time half of the site's search: the index written from the built pages, the vendored files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from scripts import vendor
from scripts.search.build import (
    INDEX_DIR,
    Page,
    SearchIndexError,
    describe,
    fnv1a,
    index_pages,
    page_gaps,
    pair_group,
    read_page,
    tokens,
    write_index,
)
from scripts.vietnamese import search_keys

PAGE = """<!doctype html><html lang="vi"><head>
<meta name="bt:title" content="Tiêu đề"><meta name="bt:issue" content="2024-02">
<meta name="bt:issue_label" content="Số 02/2024"><meta name="bt:section" content="2">
<meta name="bt:section_title" content="Một số nội dung"><meta name="bt:article" content="3">
<meta name="bt:author" content="Trần Ngọc Tam">{extra}</head><body><nav>Menu không phải bài</nav>
<article class="md-content__inner"><h1>Tiêu đề<a class="headerlink" href="#x">¶</a></h1>
<p>Đ<strong>ảng</strong> viên &amp; <em>thanh niên</em>.</p><table><tr><td>Mã</td><td>Nội dung</td></tr></table>
<script>var khong = "chữ trong mã";</script></article></body></html>"""


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for path, html in pages.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(html, encoding="utf-8")
    return tmp_path


def test_a_page_is_read_from_its_article_and_its_meta(tmp_path):
    site = _site(tmp_path, {"ban-tin/2024/02/bai/index.html": PAGE.format(extra="")})
    page = read_page(site / "ban-tin/2024/02/bai/index.html", site)
    assert page.url == "ban-tin/2024/02/bai/" and page.title == "Tiêu đề" and page.author == "Trần Ngọc Tam"
    assert page.label == "Bài viết · Số 02/2024 · II. Một số nội dung" and page.date == 202402
    # inline markup does not split a word; cells and blocks part words; no menu, script or '¶'
    assert page.text == "Đảng viên & thanh niên. Mã Nội dung"


@pytest.mark.parametrize(
    "extra", ['<meta name="bt:search" content="exclude">', '<meta http-equiv="refresh" content="0; url=2023/">']
)
def test_excluded_pages_and_redirects_are_not_results(tmp_path, extra):
    site = _site(tmp_path, {"a/index.html": PAGE.format(extra=extra)})
    assert read_page(site / "a/index.html", site) is None


@pytest.mark.parametrize(
    ("url", "meta", "kind", "label"),
    [
        ("ban-tin/2023/10/", {"issue": "2023-10", "issue_label": "Số 10/2023"}, "issue", "Mục lục Số 10/2023"),
        ("tien-do/2023/a/", {"leader": "a", "year": "2023", "position": "Giám đốc"}, "leader",
         "Tiến độ nhiệm vụ năm 2023 · Giám đốc"),
        ("bao-cao/2023/b/", {"number": "525-BC/TU", "date": "2023-12-01"}, "report", "Báo cáo · 525-BC/TU"),
        ("tien-do/2023/", {"year": "2023"}, "tasks", "Tiến độ nhiệm vụ"),
        ("chi-tieu/2023/", {}, "indicators", "Chỉ tiêu Nghị quyết: bảng và biểu đồ"),
        ("", {}, "page", "Trang"),
    ],
)  # fmt: skip
def test_each_kind_of_page_says_what_it_is(url, meta, kind, label):
    assert describe(url, meta)[:2] == (kind, label)


def test_syllables_and_pairs_follow_the_engines_rule():
    found = tokens("Đảng viên, hoá; Hóa\u0301 x")
    assert [t[0] for t in found] == ["dang", "vien", "hoa", "hoa", "x"]
    assert [t[1] for t in found] == [search_keys(w)[1] for w in ["Đảng", "viên", "hoá", "Hóa\u0301", "x"]]
    assert [t[2] for t in found] == [False, True, True, False, True]  # ';' ends a clause: no pair over it
    assert fnv1a("dang_vien") == 3170553244  # engine.js computes the same (tests/test_search.py)


def test_a_persons_name_weighs_as_text_not_as_a_title():
    pages = [
        Page("tien-do/2023/a/", "Nguyễn Thanh Hải", "", "", 0, "leader", "thanh niên"),
        Page("ban-tin/x/", "Thanh niên", "", "", 0, "article", "thanh niên"),
    ]
    index = index_pages(pages)
    assert index.folded["thanh"] == {0: 2, 1: 5}  # the name's 'Thanh' counts once, a title's four times
    assert index.pairs["thanh_nien"] == {0: 1, 1: 2}
    assert index.exact["nien"]["niên"] == {0: 1, 1: 2}


def test_the_index_is_split_by_syllable_and_replaced_whole(tmp_path):
    site = _site(tmp_path, {"bai/index.html": PAGE.format(extra=""), "404.html": PAGE.format(extra="")})
    figures = write_index(site)
    assert figures["pages"] == 1  # 404.html is not a page a result leads to
    out = site / INDEX_DIR
    meta = json.loads((out / "trang.json").read_text(encoding="utf-8"))
    assert meta["pages"][0][:3] == ["bai/", "Tiêu đề", "Bài viết · Số 02/2024 · II. Một số nội dung"]
    syllables = json.loads((out / "tu" / "da.json").read_text(encoding="utf-8"))  # those beginning 'da'
    assert syllables["dang"] == {"f": [0, 1], "e": {"đang3": [0]}}
    assert all(key.startswith("da") for key in syllables)
    number = fnv1a(pair_group("dang", "vien")) % meta["buckets"]
    assert pair_group("dang", "vien") == "dang_v"  # the pairs 'dang_v…' share one bucket
    bucket = json.loads((out / "cap" / f"{number}.json").read_text(encoding="utf-8"))
    assert bucket["dang_vien"] == [0, 1]
    assert json.loads((out / "van" / "0.json").read_text(encoding="utf-8"))["text"].startswith("Đảng viên")
    (out / "tu" / "cu.json").write_text("{}", encoding="utf-8")
    write_index(site)  # a second run leaves no file of the first
    assert not (out / "tu" / "cu.json").exists() and not out.with_name("tim-kiem.moi").exists()


def test_a_site_not_built_is_a_clear_error(tmp_path):
    with pytest.raises(SearchIndexError, match="không có thư mục trang đã dựng"):
        write_index(tmp_path / "khong-co")
    with pytest.raises(SearchIndexError, match="không có trang nào"):
        write_index(tmp_path)


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


def test_pages_are_written_as_gaps_from_the_page_before():
    # the files a keystroke fetches: page 3, 7, 8 with their counts, and the same pages of an exact form
    assert page_gaps({7: 2, 3: 1.5, 8: 1}) == [3, 1.5, 4, 2, 1, 1]
    assert page_gaps({7: 2, 3: 1.5, 8: 1}, counts=False) == [3, 4, 1]
