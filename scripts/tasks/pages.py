"""Pages of the 'Tiến độ nhiệm vụ' section: an overview per year and one page per leader.

The pages call the macros `task_overview` and `task_table`, so that they always show the data file.
"""

from __future__ import annotations

from pathlib import Path

from scripts.bulletin.writers import markdown as md
from scripts.bulletin.writers.generated import front_matter, landing_page, stamp_nav, stamp_page
from scripts.tasks.extract import Leader
from scripts.vietnamese import slugify

FILTER_SCRIPT = "assets/javascripts/loc-nhiem-vu.js"  # the filter box of the task tables

TASK_DIR = "docs/tien-do"


def leader_file(year: int, leader: Leader) -> str:
    return f"{TASK_DIR}/{year}/{slugify(leader.name)}.md"


def task_pages(year: int, leaders: list[Leader], root: Path, source_name: str) -> dict[str, str]:
    """The year's overview page, a page per leader, navigation files and the section index."""
    base = f"{TASK_DIR}/{year}"
    files: dict[str, str] = {}
    overview = {
        "title": f"Tiến độ nhiệm vụ năm {year}",
        "year": year,
        "render_macros": True,
        "source": source_name,
        "scripts": [FILTER_SCRIPT],
    }
    body = (
        f"# Tiến độ nhiệm vụ năm {year}\n\n"
        f"Tiến độ chỉ đạo, tham mưu thực hiện các công việc được phân công năm {year} của {len(leaders)} đồng chí "
        "lãnh đạo. Chọn tên để xem từng nhiệm vụ, kết quả thực hiện và kế hoạch tiếp theo.\n\n"
        f"{{{{ task_overview({year}) }}}}\n"
    )
    files[f"{base}/index.md"] = stamp_page(overview, body)
    for leader in leaders:
        meta = {
            "title": leader.name,
            "year": year,
            "leader": slugify(leader.name),
            "position": leader.position,
            "tasks": len(leader.tasks),
            "render_macros": True,
            "source": source_name,
            "scripts": [FILTER_SCRIPT],
        }
        # back to the overview, as a Markdown link (each builder writes its address) that the filter's script
        # gives the words typed (assets/javascripts/loc-nhiem-vu.js: links marked data-bt-keep-filter)
        back = (
            f'[{md.escape(f"Tất cả các đồng chí năm {year}")}](index.md){{ .bt-filter__back data-bt-keep-filter="" }}'
        )
        body = (
            f"# {md.escape(leader.name)}\n\n{md.escape(leader.position)}\n{{ .bt-meta }}\n\n{back}\n\n"
            f'{{{{ task_table({year}, leader="{slugify(leader.name)}") }}}}\n'
        )
        files[leader_file(year, leader)] = stamp_page(meta, body)
    nav = ["index.md", *(Path(leader_file(year, leader)).name for leader in leaders)]
    files[f"{base}/.nav.yml"] = stamp_nav({"title": f"Năm {year}", "nav": nav})
    files[f"{TASK_DIR}/.nav.yml"] = stamp_nav(
        {"title": "Tiến độ nhiệm vụ", "sort": {"direction": "desc", "type": "natural"}, "nav": ["index.md", "*"]}
    )
    files[f"{TASK_DIR}/index.md"] = _index(root, files)
    return files


def _index(root: Path, pending: dict[str, str]) -> str:
    pages = {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in root.glob(f"{TASK_DIR}/*/index.md")}
    pages.update({p: t for p, t in pending.items() if p.endswith("/index.md") and p != f"{TASK_DIR}/index.md"})
    years = sorted((front_matter(text).get("year"), path) for path, text in pages.items())
    listed = [(year, Path(path).relative_to(TASK_DIR).as_posix()) for year, path in reversed(years) if year]
    lines = [f"- {md.link(f'Năm {year}', target)}" for year, target in listed]
    targets = [target for _, target in listed]
    body = (
        "# Tiến độ nhiệm vụ\n\nTiến độ thực hiện các công việc mà Ban Thường vụ Tỉnh ủy phân công cho từng đồng chí "
        "lãnh đạo, theo từng năm.\n\n" + "\n".join(lines) + "\n"
    )
    return landing_page("Tiến độ nhiệm vụ", body, targets)
