"""The import command as an editor uses it: bad input, --dry-run, --json, re-imports, hand edits."""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from tests.support import REPO, SOURCES, front_matter, import_json, run_cli, snapshot

MINIMAL = """# **THÔNG TIN SINH HOẠT NỘI BỘ**

*Số tháng 03/2024*

# **I. MỘT SỐ NỘI DUNG CẦN THIẾT SINH HOẠT TẠI CHI BỘ**

## **1. Bài thứ nhất của số này**

Nội dung của bài thứ nhất, đủ dài để là một đoạn văn.

**Ban Biên tập**
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def assert_user_error(result, code: int = 1, *, mentions: str = "") -> None:
    """One Vietnamese line on stderr, the right exit code, no traceback, nothing on stdout."""
    assert result.returncode == code, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Lỗi: "), lines[0]
    assert any(word in lines[0].lower() for word in ("hãy", "xem", "dùng"))  # says what to do
    assert "Traceback" not in result.stderr and not result.stdout
    assert mentions in lines[0]


# --- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "mentions"),
    [
        ("rong.md", "", "rỗng"),
        ("trang.txt", " \n\n \t\n", "rỗng"),
        ("nhi-phan.txt", bytes(range(256)) * 8, "'nhi-phan.txt'"),
        ("hong-utf8.md", "Bản tin số tháng 10/2023".encode() + b"\xff\xfe\xc3\x28 mat" * 20, "UTF-8"),
        ("la-pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        ("la-word.md", b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "Word"),
        ("ban-tin.doc", "Số tháng 10/2023", "'.doc'"),
        ("ban-tin.rtf", "{\\rtf1 Số tháng 10/2023}", "'.rtf'"),
        ("khong-co-duoi", "Số tháng 10/2023", "phần mở rộng"),
        ("van-xuoi.md", "Số tháng 10/2023\n\nMột đoạn văn không có mục hay bài nào cả.\n", "cấu trúc"),
        ("thang-13.md", MINIMAL.replace("03/2024", "13/2024"), "13/2024"),
        ("khong-so.txt", (SOURCES / "bulletin-2024-02.txt").read_bytes(), "--issue"),
    ],
)
def test_bad_input_gets_one_vietnamese_line_and_writes_nothing(tmp_path, name, content, mentions):
    source = write(tmp_path / "in" / name, content)
    root = tmp_path / "site"
    root.mkdir()
    result = run_cli("import", source, root=root)
    assert_user_error(result, mentions=mentions)
    assert not any(root.iterdir())


def test_missing_file(tmp_path):
    result = run_cli("import", tmp_path / "khong-co.md", root=tmp_path)
    assert_user_error(result, mentions="không tìm thấy")


@pytest.mark.parametrize(("issue", "mentions"), [("2024-13", "2024-13"), ("2024/02", "2024/02"), ("02-2024", "")])
def test_unknown_issue_month_from_the_command_line(tmp_path, issue, mentions):
    source = write(tmp_path / "b.md", MINIMAL)
    result = run_cli("import", source, "--issue", issue, root=tmp_path / "site")
    assert_user_error(result, mentions=mentions)
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("args", [[], ["import"], ["import", "a.md", "--khong-co"], ["xuat", "a.md"]])
def test_wrong_usage_exits_with_2(tmp_path, args):
    result = run_cli(*args, root=tmp_path)
    assert_user_error(result, code=2)
    assert not any(tmp_path.iterdir())


# --- dry run and JSON ---------------------------------------------------------------------------


def test_dry_run_writes_nothing_but_reports_the_paths(tmp_path):
    before = snapshot(tmp_path)
    report = import_json(SOURCES / "bulletin-2023-10.md", tmp_path, "--dry-run")
    assert snapshot(tmp_path) == before
    assert report["issue"] == "2023-10"
    assert all(a["path"].startswith("docs/ban-tin/2023/10/") for a in report["articles"])
    assert "docs/ban-tin/2023/10/index.md" in report["written"]


def test_json_is_exactly_one_object_with_the_documented_keys(tmp_path):
    result = run_cli("import", SOURCES / "bulletin-2024-02.txt", "--issue", "2024-02", "--json", root=tmp_path)
    assert result.returncode == 0
    report = json.loads(result.stdout)  # the whole of stdout is one JSON value
    assert isinstance(report, dict)
    assert {"issue", "sections", "articles", "warnings"} <= report.keys()
    assert set(report["sections"][0]) >= {"number", "title"}
    assert set(report["articles"][0]) >= {"section", "number", "title", "author", "path"}
    assert all((tmp_path / a["path"]).is_file() for a in report["articles"])
    assert result.stderr.startswith("Cảnh báo: ")  # warnings go to stderr as well


def test_issue_option_wins_over_the_file_with_a_warning(tmp_path):
    source = write(tmp_path / "b.md", MINIMAL)
    report = import_json(source, tmp_path / "site", "--issue", "2024-04")
    assert report["issue"] == "2024-04"
    assert any("2024-03" in w and "2024-04" in w for w in report["warnings"])


# --- safe to repeat ---------------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "site"
    import_json(SOURCES / "bulletin-2023-10.md", root)
    import_json(SOURCES / "bulletin-2024-02.txt", root)
    return root


def test_importing_again_changes_nothing(site):
    before = snapshot(site)
    report = import_json(SOURCES / "bulletin-2023-10.md", site)
    assert report["written"] == [] and report["removed"] == []
    assert snapshot(site) == before


@pytest.mark.parametrize("variant", ["utf-8-sig", "utf-16", "nfd", "crlf"])
def test_same_text_in_another_encoding_or_unicode_form_changes_nothing(site, tmp_path, variant):
    text = (SOURCES / "bulletin-2024-02.txt").read_text(encoding="utf-8")
    if variant == "nfd":
        data = unicodedata.normalize("NFD", text).encode()
    elif variant == "crlf":
        data = text.replace("\n", "\r\n").encode()
    elif variant == "utf-16":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    else:
        data = text.encode("utf-8-sig")
    source = write(tmp_path / variant / "bulletin-2024-02.txt", data)
    before = snapshot(site)
    report = import_json(source, site)
    assert report["written"] == []
    assert snapshot(site) == before


def test_committed_pages_are_what_the_importer_makes_of_the_committed_sources(tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")  # the site's publisher, for issues that name none
    before = snapshot(root)
    issues = sorted((REPO / "docs" / "ban-tin").glob("*/*/index.md"))
    assert len(issues) >= 2
    for page in issues:
        meta = front_matter(page)
        report = import_json(SOURCES / meta["source"], root, "--issue", meta["issue"])
        assert report["written"] == [], f"{meta['source']} would change {report['written']}"
    assert snapshot(root) == before


# --- hand edits -----------------------------------------------------------------------------------------


def test_a_page_edited_by_hand_is_not_overwritten_without_force(site):
    page = next((site / "docs/ban-tin/2023/10").glob("1-2-*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nĐoạn biên tập viên thêm.\n", encoding="utf-8")
    other = next((site / "docs/ban-tin/2023/10").glob("1-3-*.md"))
    other.write_text(other.read_text(encoding="utf-8").replace("Giáo dục", "GIÁO DỤC", 1), encoding="utf-8")
    other_text = other.read_text(encoding="utf-8")
    os.utime(other, ns=(1, 1))  # so that a rewrite with other content would show
    before = snapshot(site)
    result = run_cli("import", SOURCES / "bulletin-2023-10.md", root=site)
    assert_user_error(result, mentions=page.name)
    assert other.name in result.stderr and "--force" in result.stderr
    assert snapshot(site) == before

    forced = run_cli("import", SOURCES / "bulletin-2023-10.md", "--force", root=site)
    assert forced.returncode == 0, forced.stderr
    assert "Đoạn biên tập viên thêm" not in page.read_text(encoding="utf-8")
    assert other.read_text(encoding="utf-8") != other_text


def test_pages_an_editor_added_to_an_issue_folder_are_left_alone(site):
    extra = write(site / "docs/ban-tin/2023/10/ghi-chu.md", "# Ghi chú của biên tập viên\n")
    import_json(SOURCES / "bulletin-2023-10.md", site, "--force")
    assert extra.read_text(encoding="utf-8") == "# Ghi chú của biên tập viên\n"


def test_a_page_the_new_import_no_longer_has_is_removed(site, tmp_path):
    text = (SOURCES / "bulletin-2023-10.md").read_text(encoding="utf-8")
    shorter = text[: text.index("## **3. Kỷ niệm 93 năm")]
    shorter = shorter[: shorter.rindex("### **3. Kỷ niệm") if "### **3. Kỷ niệm" in shorter else len(shorter)]
    source = write(tmp_path / "short" / "bulletin-2023-10.md", shorter)
    report = import_json(source, site)
    assert any(path.endswith(".md") and "/2-3-" in path for path in report["removed"])
    assert not list((site / "docs/ban-tin/2023/10").glob("2-3-*.md"))


def test_home_and_archive_list_every_issue_newest_first(site):
    home = (site / "docs/index.md").read_text(encoding="utf-8")
    assert "Số mới nhất: [Số 02/2024](ban-tin/2024/02/index.md)" in home
    assert home.index("Số 02/2024") < home.index("Số 10/2023")
    archive = (site / "docs/ban-tin/index.md").read_text(encoding="utf-8")
    assert "[Số 10/2023](2023/10/index.md)" in archive and "## Năm 2024" in archive


def test_navigation_lists_years_and_issues_newest_first(site):
    import_json(SOURCES / "bulletin-2024-02.txt", site, "--issue", "2023-03")
    navs = {
        path: yaml.safe_load((site / "docs/ban-tin" / path).read_text(encoding="utf-8"))
        for path in (".nav.yml", "2023/.nav.yml", "2024/.nav.yml")
    }
    assert navs[".nav.yml"] == {"title": "Bản tin", "nav": ["index.md", "2024", "2023"]}
    assert navs["2023/.nav.yml"] == {"title": "Năm 2023", "nav": ["10", "03"]}
    assert navs["2024/.nav.yml"] == {"title": "Năm 2024", "nav": ["02"]}


def test_months_in_the_navigation_stay_text_for_yaml_1_2_readers(site):
    # PyYAML leaves 08 and 09 bare (no octal numbers in YAML 1.1); Zensical reads YAML 1.2, where a bare 08
    # is the number 8 and the navigation entry is refused
    import_json(SOURCES / "bulletin-2024-02.txt", site, "--issue", "2023-08")
    import_json(SOURCES / "bulletin-2024-02.txt", site, "--issue", "2023-09")
    text = (site / "docs/ban-tin/2023/.nav.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["nav"] == ["10", "09", "08"]
    assert re.findall(r"^- (\S+)$", text, re.M) == ["'10'", "'09'", "'08'"]


def test_the_imports_depend_one_way():
    """scripts/bulletin is the base the report and task imports build on: nothing in it imports them, nor
    the command line that dispatches to each (scripts/cli.py); its __main__ is only an entry point."""
    import ast

    from tests.support import REPO

    others = ("scripts.tasks", "scripts.indicators", "scripts.reports", "scripts.cli")
    found = []
    for module in (REPO / "scripts" / "bulletin").rglob("*.py"):
        if module.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            found += [f"{module.name}: {name}" for name in names if name.startswith(others)]
    assert found == []
    for package in ("reports", "tasks"):
        assert (REPO / "scripts" / package / "pipeline.py").is_file()


def _issue(month: int) -> str:
    return MINIMAL.replace("Số tháng 03/2024", f"Số tháng {month:02d}/2024").replace("thứ nhất", f"tháng {month}")


def test_imports_at_once_lose_no_issue(tmp_path):
    """An editor's double click, two editors: imports of different issues started together all land, and
    the archive and home page list every one (they are made from what is on disk, one import at a time)."""
    import subprocess
    import sys

    for round in range(3):
        root = tmp_path / f"round-{round}"
        sources = []
        for month in (3, 4, 5):
            source = tmp_path / f"r{round}-bulletin-{month}.md"
            source.write_text(_issue(month), encoding="utf-8")
            sources.append(source)
        command = [sys.executable, "-m", "scripts.bulletin", "import", "--root", str(root)]
        pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
        runs = [subprocess.Popen([*command, str(source)], cwd=REPO, **pipes) for source in sources]
        outputs = [run.communicate(timeout=120) for run in runs]
        assert [run.returncode for run in runs] == [0, 0, 0], outputs
        archive = (root / "docs/ban-tin/index.md").read_text(encoding="utf-8")
        home = (root / "docs/index.md").read_text(encoding="utf-8")
        for month in ("03", "04", "05"):
            assert f"Số {month}/2024" in archive, (round, archive)
        assert "Số mới nhất: [Số 05/2024]" in home
        assert not [p for p in root.rglob(".*bulletin-import-*")], "no staged file is left behind"


def test_a_second_import_waits_for_the_first_and_says_so(tmp_path):
    import fcntl
    import subprocess
    import sys

    source = tmp_path / "bulletin.md"
    source.write_text(MINIMAL, encoding="utf-8")
    root = tmp_path / "site"
    root.mkdir()
    held = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)  # an import under way (it locks the project's folder)
        command = [sys.executable, "-m", "scripts.bulletin", "import", str(source), "--root", str(root)]
        run = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = run.stderr.readline()
        assert "Đang có một lần nhập" in line and "chờ" in line
        assert run.poll() is None and not (root / "docs").exists()
        fcntl.flock(held, fcntl.LOCK_UN)
        _, rest = run.communicate(timeout=120)
    finally:
        os.close(held)
    assert run.returncode == 0, rest
    assert (root / "docs/ban-tin/2024/03/index.md").is_file()


def test_docs_on_another_file_system_are_written(tmp_path):
    """`docs/` a link to a folder on another file system (a mounted share): staged there, renamed there."""
    import tempfile

    with tempfile.TemporaryDirectory(dir="/dev/shm") as elsewhere:
        assert os.stat(elsewhere).st_dev != os.stat(tmp_path).st_dev
        root = tmp_path / "site"
        root.mkdir()
        (root / "docs").symlink_to(elsewhere)
        source = tmp_path / "bulletin.md"
        source.write_text(MINIMAL, encoding="utf-8")
        result = run_cli("import", source, root=root)
        assert result.returncode == 0, result.stderr
        assert (Path(elsewhere) / "ban-tin/2024/03/index.md").is_file()
        assert not list(Path(elsewhere).rglob(".*bulletin-import-*"))


@pytest.mark.parametrize("before", [[], ["--"]], ids=["as-given", "after-double-dash"])
def test_a_file_whose_name_begins_with_a_dash_is_imported(tmp_path, before):
    import subprocess
    import sys

    write(tmp_path / "-bản-tin.md", MINIMAL)
    command = [sys.executable, "-m", "scripts.bulletin", "import", "--root", str(tmp_path / "site"), *before]
    result = subprocess.run([*command, "-bản-tin.md"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/docs/ban-tin/2024/03/index.md").is_file()
