"""Helpers shared by the importer tests: running the real command, reading pages as a reader sees them."""

from __future__ import annotations

import html.parser
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import markdown
import yaml

from scripts.vietnamese import words

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "data" / "sources"
FIXTURES = REPO / "tests" / "fixtures"
SAMPLES = {"bulletin-2023-10.md": None, "bulletin-2024-02.txt": "2024-02"}  # sample → --issue


def run_cli(*args: str | Path, root: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m scripts.bulletin …` as an editor would, writing under `root`."""
    command = [sys.executable, "-m", "scripts.bulletin", *map(str, args)]
    if root is not None:
        command += ["--root", str(root)]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)


def import_json(source: Path, root: Path, *extra: str) -> dict:
    args = ["import", source, "--json", *extra]
    issue = SAMPLES.get(source.name)
    if issue and "--issue" not in extra:
        args += ["--issue", issue]
    result = run_cli(*args, root=root)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `root` with its bytes and modification time."""
    return {
        str(path.relative_to(root)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))


MARKDOWN_EXTENSIONS = ["footnotes", "attr_list", "tables", "toc"]  # as in mkdocs.yml


class _TextExtractor(html.parser.HTMLParser):
    """Text of rendered HTML, without footnote marks and back-links (they are numbering)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if (
            self._skip
            or (tag == "sup" and str(attributes.get("id", "")).startswith("fnref"))
            or (tag == "a" and "footnote-backref" in str(attributes.get("class", "")))
        ):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self._skip and tag in {"sup", "a"}:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def page_html(markdown_text: str) -> str:
    body = markdown_text.split("\n---\n", 1)[1] if markdown_text.startswith("---\n") else markdown_text
    return markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS)


def page_text(markdown_text: str) -> str:
    """What a reader sees of a generated page: its Markdown rendered to HTML, as text."""
    extractor = _TextExtractor()
    extractor.feed(page_html(markdown_text))
    return " ".join(extractor.parts)


def word_counts(text: str) -> Counter[str]:
    return Counter(words(text))
