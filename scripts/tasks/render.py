"""Task progress as HTML for the site's pages: the overview of the leaders and each leader's tasks.

Cell text is Markdown written by the importer or an editor; it is rendered with every HTML character
escaped first, so no HTML from a data file reaches the page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown

from scripts.tasks.data import DATA_DIR, TaskRow, load
from scripts.vietnamese import fold, words


def _e(text: str) -> str:
    return html.escape(text, quote=True)


_MARKDOWN = markdown.Markdown()  # one converter for every cell: building one per cell is the slow part
# what can make Markdown of a line more than a paragraph of its text: inline syntax anywhere, block syntax
# (list, heading, quote, rule, table, indented code) at its start
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>&!]")
_BLOCK_START = re.compile(r"\s|[-+*>#=|]|\d+[.)]")


def cell_html(text: str) -> str:
    """A cell's Markdown as HTML, one paragraph per line; raw HTML in it stays text.

    Half the cells are plain sentences: they skip the Markdown converter, which gives them the same HTML
    (tests/test_tasks.py compares both on every cell) at a build-time cost that counts over thousands.
    """
    lines = text.split("\n")
    if not _INLINE_SYNTAX.search(text) and not any(_BLOCK_START.match(line) for line in lines):
        return "\n".join(f"<p>{line.rstrip()}</p>" for line in lines if line.strip())
    return markdown_cell_html(text)


def markdown_cell_html(text: str) -> str:
    """`cell_html` through the Markdown converter, whatever the cell holds."""
    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.reset().convert(safe.replace("\n", "\n\n"))


def _searchable(text: str) -> str:
    """What the filter box matches against: the words, folded ('Hồ Thị' → ' ho thi ')."""
    return " " + " ".join(words(fold(text))) + " "


def _filter_box(target: str, label: str, placeholder: str) -> str:
    return (
        f'<p class="bt-filter"><label>{_e(label)} '
        f'<input type="search" data-bt-filter="{_e(target)}" placeholder="{_e(placeholder)}" autocomplete="off">'
        '</label> <output class="bt-filter__count" aria-live="polite"></output></p>'
    )


def _leaders(rows: list[TaskRow]) -> list[list[TaskRow]]:
    groups: dict[int, list[TaskRow]] = {}
    for row in rows:
        groups.setdefault(row.order, []).append(row)
    return [groups[order] for order in sorted(groups)]


def task_overview(year: int, data_dir: Path = DATA_DIR) -> str:
    """Every leader with position and number of tasks, a link to their page, and a filter box."""
    leaders = _leaders(load(year, data_dir))
    lines = [
        _filter_box("#bt-leaders tbody tr", "Lọc theo tên hoặc nội dung:", "ví dụ: ho thi hoang yen, nong thon moi"),
        '<div class="bt-table-scroll"><table id="bt-leaders" class="bt-tasks-overview">',
        f"<caption>{len(leaders)} đồng chí lãnh đạo, {sum(len(g) for g in leaders)} nhiệm vụ năm {year}</caption>",
        "<thead><tr><th>STT</th><th>Đồng chí</th><th>Chức vụ</th><th>Số nhiệm vụ</th></tr></thead><tbody>",
    ]
    for tasks in leaders:
        first = tasks[0]
        text = " ".join([first.leader, first.position, *(t.task for t in tasks)])
        lines.append(
            f'<tr data-filter-text="{_e(_searchable(text))}"><td>{first.order}</td>'
            f'<td><a href="{_e(first.slug)}/">{_e(first.leader)}</a></td><td>{_e(first.position)}</td>'
            f"<td>{len(tasks)}</td></tr>"
        )
    lines.append("</tbody></table></div>")
    return "\n".join(lines)


def task_table(year: int, leader: str | None = None, data_dir: Path = DATA_DIR) -> str:
    """The tasks of one leader (`leader` is the ASCII slug of the name), each with result and next steps."""
    rows = load(year, data_dir)
    if leader is not None:
        rows = [row for row in rows if row.slug == leader]
        if not rows:
            raise ValueError(f"không có đồng chí '{leader}' trong số liệu tiến độ năm {year}")
    parts = [_filter_box("#bt-tasks > .bt-task", "Lọc nhiệm vụ theo từ:", "ví dụ: quy hoach")]
    parts.append('<div id="bt-tasks">')
    for row in rows:  # the filter box reads a task's words off its parts (docs/assets/javascripts/loc-nhiem-vu.js)
        who = "" if leader is not None else f"<p class='bt-task__who'>{_e(row.leader)}</p>"
        parts.append(
            '<section class="bt-task">'
            f"<h2>Nhiệm vụ {row.number}</h2>{who}"
            f'<div class="bt-task__assigned" data-filter-part>{cell_html(row.task)}</div>'
            "<h3>Kết quả thực hiện</h3>"
            f'<div class="bt-task__result" data-filter-part>{cell_html(row.result) or "<p>—</p>"}</div>'
            "<h3>Kế hoạch tiếp theo</h3>"
            f'<div class="bt-task__next" data-filter-part>{cell_html(row.next_steps) or "<p>—</p>"}</div>'
            "</section>"
        )
    parts.append("</div>")
    return "\n".join(parts)
