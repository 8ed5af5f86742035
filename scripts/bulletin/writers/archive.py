"""Pages over all issues: the home page, the archive by year and the year navigation files.

They are rebuilt from the front matter of every issue page, so importing one issue keeps the
others listed.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from scripts.bulletin.writers import markdown as md
from scripts.bulletin.writers.generated import front_matter, stamp_nav, stamp_page
from scripts.bulletin.writers.pages import BULLETIN_DIR, PRINT_FILE, PUBLICATION, issue_dir
from scripts.vietnamese import int_to_roman

HOME = "docs/index.md"
ARCHIVE = f"{BULLETIN_DIR}/index.md"


def known_issues(root: Path, pending: dict[str, str]) -> list[dict]:
    """Front matter of every issue page, on disk or about to be written, newest first."""
    pages = {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in root.glob(f"{BULLETIN_DIR}/*/*/index.md")}
    pages.update({path: text for path, text in pending.items() if path.endswith("/index.md")})
    issues = [front_matter(text) for path, text in pages.items() if path != ARCHIVE]
    issues = [meta for meta in issues if meta.get("issue")]
    return sorted(issues, key=lambda meta: meta["issue"], reverse=True)


# the site's other sections, linked from the home page when they exist (title, landing page under docs/)
SECTIONS = [
    ("Chỉ tiêu Nghị quyết", "chi-tieu/index.md"),
    ("Tiến độ nhiệm vụ", "tien-do/index.md"),
    ("Báo cáo", "bao-cao/index.md"),
]


def site_sections(root: Path) -> list[tuple[str, str]]:
    """The sections of SECTIONS that the site under `root` has."""
    return [(title, path) for title, path in SECTIONS if (root / "docs" / path).is_file()]


def archive_pages(issues: list[dict], sections: list[tuple[str, str]] | None = None) -> dict[str, str]:
    """Home page, archive page and navigation files for `issues` (newest first); the home page also
    links `sections` (see `site_sections`)."""
    files = {HOME: _home(issues, sections or []), ARCHIVE: _archive(issues)}
    # the years and issues are listed, newest first, rather than found by a pattern: over a decade the
    # patterns cost the navigation plugin a tenth of a second per build; every imported issue is listed
    by_year: dict[str, list[str]] = defaultdict(list)
    for meta in issues:
        by_year[meta["issue"][:4]].append(meta["issue"][5:7])
    years = sorted(by_year, reverse=True)
    files[f"{BULLETIN_DIR}/.nav.yml"] = stamp_nav({"title": "Bản tin", "nav": ["index.md", *years]})
    for year in years:
        files[f"{BULLETIN_DIR}/{year}/.nav.yml"] = stamp_nav(
            {"title": f"Năm {year}", "nav": sorted(by_year[year], reverse=True)}
        )
    return files


def _issue_link(meta: dict, prefix: str) -> str:
    target = issue_dir(meta["issue"]).removeprefix("docs/")
    target = target.removeprefix(prefix)
    return md.link(meta["issue_label"], f"{target}/index.md")


def _issue_list(issues: list[dict], prefix: str, heading: str) -> list[str]:
    parts = []
    by_year: dict[str, list[dict]] = defaultdict(list)
    for meta in issues:
        by_year[meta["issue"][:4]].append(meta)
    for year in sorted(by_year, reverse=True):
        parts.append(f"{heading} Năm {year}")
        lines = []
        for meta in by_year[year]:
            count = sum(len(section["articles"]) for section in meta["sections"])
            lines.append(f"- {_issue_link(meta, prefix)} — {count} bài")
        parts.append("\n".join(lines))
    return parts


def _home(issues: list[dict], sections: list[tuple[str, str]]) -> str:
    parts = [
        f"# {PUBLICATION}",
        "Bản tin hằng tháng của Ban Tuyên giáo Tỉnh ủy, phục vụ sinh hoạt chi bộ. "
        "Đảng viên đọc trước buổi sinh hoạt chi bộ hằng tháng.",
    ]
    # what a reader comes for, one tap away on a phone (the menu hides behind ☰ there)
    shortcuts = []
    if issues:
        base = issue_dir(issues[0]["issue"]).removeprefix("docs/")
        shortcuts += [
            md.link(f"Số mới nhất ({issues[0]['issue_label']})", f"{base}/index.md"),
            md.link("Bản in cả số", f"{base}/{PRINT_FILE}"),
        ]
    shortcuts += [md.link(title, path) for title, path in sections]
    if shortcuts:
        parts.append(" ".join(shortcuts) + "\n{ .bt-shortcuts }")
    if issues:
        latest = issues[0]
        parts.append(f"## Số mới nhất: {_issue_link(latest, '')}")
        base = issue_dir(latest["issue"]).removeprefix("docs/")
        for section in latest["sections"]:
            parts.append(f"### {md.escape(int_to_roman(section['number']) + '. ' + section['title'])}")
            items = []
            for article in section["articles"]:
                line = f"{article['number']}. {md.link(article['title'], base + '/' + article['file'])}"
                if article.get("author"):
                    line += f" — *{md.escape(article['author'])}*"
                items.append(line)
            parts.append("\n".join(items))
        parts.append("## Các số đã phát hành")
        parts.extend(_issue_list(issues, "", "###"))
    else:
        parts.append("Chưa có số nào được nhập.")
    return stamp_page({"title": "Trang chủ"}, "\n\n".join(parts) + "\n")


def _archive(issues: list[dict]) -> str:
    parts = ["# Bản tin theo năm", f"Tất cả {len(issues)} số đã phát hành, số mới nhất ở trên."]
    parts.extend(_issue_list(issues, "ban-tin/", "##"))
    return stamp_page({"title": "Bản tin"}, "\n\n".join(parts) + "\n")
