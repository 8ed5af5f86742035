"""Task progress as HTML for the site's pages: the overview of the leaders and each leader's tasks.

Cell text is Markdown written by the importer or an editor; it is rendered with every HTML character
escaped first, so no HTML from a data file reaches the page.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import markdown

from scripts.markup import escape as _e
from scripts.markup import sanitize
from scripts.tasks.data import DATA_DIR, NOT_ASSESSED, STATUSES, TaskRow, load
from scripts.vietnamese import fold, unsuperscript, words

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
    return sanitize(_MARKDOWN.reset().convert(safe.replace("\n", "\n\n")))


def _searchable(text: str) -> str:
    """What the filter box matches against: the words, folded ('Hồ Thị' → ' ho thi ')."""
    return " " + " ".join(words(fold(text))) + " "


def _filter_box(target: str, label: str, placeholder: str, noun: str) -> str:
    """A text filter and a status filter over the items `target` selects (assets/javascripts/loc-nhiem-vu.js),
    which are `noun`s ('đồng chí', 'nhiệm vụ')."""
    options = "".join(
        f'<option value="{_e(status)}">{_e(status[:1].upper() + status[1:])}</option>'
        for status in (*STATUSES, NOT_ASSESSED)
    )
    return (
        f'<p class="bt-filter" data-noun="{_e(noun)}"><label>{_e(label)} '
        f'<input type="search" data-bt-filter="{_e(target)}" placeholder="{_e(placeholder)}" autocomplete="off">'
        "</label> <label>Trạng thái: "
        f'<select data-bt-status-filter="{_e(target)}"><option value="">Tất cả</option>{options}</select></label> '
        '<output class="bt-filter__count" aria-live="polite"></output></p>'
    )


def _status_badge(row: TaskRow) -> str:
    status = row.shown_status
    by_report = ' <span class="bt-task-status__by">theo báo cáo</span>' if row.by_report else ""
    return f'<span class="bt-task-status" data-task-status="{_e(status)}">{_e(status)}{by_report}</span>'


def _basis(row: TaskRow) -> str:
    """The report's words a status 'theo báo cáo' rests on, until an editor confirms it."""
    if not row.by_report:
        return ""
    return (
        f'<p class="bt-task__basis">Trạng thái theo lời báo cáo: “{_e(row.basis)}” '
        "(chưa được biên tập viên xác nhận).</p>"
    )


def _leaders(rows: list[TaskRow]) -> list[list[TaskRow]]:
    groups: dict[int, list[TaskRow]] = {}
    for row in rows:
        groups.setdefault(row.order, []).append(row)
    return [groups[order] for order in sorted(groups)]


def _counts(tasks: list[TaskRow]) -> str:
    """The statuses of `tasks` as a sentence: '6 nhiệm vụ: 2 hoàn thành, 1 đang thực hiện và 3 chưa đánh
    giá.', 'Cả 6 nhiệm vụ chưa đánh giá.', '1 nhiệm vụ, hoàn thành.'; and how many are the report's word."""
    counts = Counter(task.shown_status for task in tasks)
    parts = [
        f'<span data-task-status="{_e(status)}">{counts[status]} {_e(status)}</span>'
        for status in (*STATUSES, NOT_ASSESSED)
        if counts[status]
    ]
    if len(parts) == 1:
        status = next(iter(counts))
        only = f'<span data-task-status="{_e(status)}">{_e(status)}</span>'
        sentence = f"1 nhiệm vụ, {only}." if len(tasks) == 1 else f"Cả {len(tasks)} nhiệm vụ {only}."
    else:
        listed = ", ".join(parts[:-1]) + " và " + parts[-1]
        sentence = f"{len(tasks)} nhiệm vụ: {listed}."
    by_report = sum(task.by_report for task in tasks)
    if by_report:
        which = "Trạng thái" if by_report == len(tasks) else f"Trạng thái của {by_report} nhiệm vụ"
        sentence += f" {which} là theo lời báo cáo, chưa được xác nhận."
    return sentence


def _summary(rows: list[TaskRow]) -> str:
    """The statuses of all the rows shown, as `_counts` says them."""
    return f'<p class="bt-task-summary">{_counts(rows)}</p>'


def task_overview(year: int, data_dir: Path = DATA_DIR) -> str:
    """Every leader with position, tasks by status, a link to their page, and the filter boxes."""
    rows = load(year, data_dir)
    leaders = _leaders(rows)
    lines = [
        _summary(rows),
        _filter_box(
            "#bt-leaders tbody tr", "Lọc theo tên hoặc nội dung:", "ví dụ: ho thi hoang yen, nong thon moi", "đồng chí"
        ),
        '<div class="bt-table-scroll"><table id="bt-leaders" class="bt-tasks-overview">',
        f"<caption>{len(leaders)} đồng chí lãnh đạo, {len(rows)} nhiệm vụ năm {year}</caption>",
        "<thead><tr><th>STT</th><th>Đồng chí</th><th>Chức vụ</th><th>Nhiệm vụ theo trạng thái</th></tr></thead><tbody>",
    ]
    for tasks in leaders:
        first = tasks[0]
        text = " ".join([first.leader, first.position, *(t.task for t in tasks)])
        statuses = "|".join(sorted({t.shown_status for t in tasks}))
        lines.append(
            f'<tr data-filter-text="{_e(_searchable(text))}" data-statuses="{_e(statuses)}"><td>{first.order}</td>'
            f'<td><a href="{_e(first.slug)}/" data-bt-keep-filter>{_e(first.leader)}</a></td>'
            f"<td>{_e(first.position)}</td><td>{_counts(tasks)}</td></tr>"
        )
    lines.append("</tbody></table></div>")
    return "\n".join(lines)


def _linked_marks(cell: str, row: TaskRow) -> str:
    """The cell's HTML with each footnote mark ('³') of the task's notes made a link to its note."""
    labels = {label for label, _ in row.notes}
    if not labels:
        return cell

    def link(match: re.Match[str]) -> str:
        label = unsuperscript(match.group(0))
        if label not in labels:
            return match.group(0)
        return (
            f'<sup class="bt-note-ref"><a href="#nv-{row.number}-cth-{label}" '
            f'id="nv-{row.number}-dau-{label}">{label}</a></sup>'
        )

    return _MARK.sub(link, cell)


_MARK = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def task_table(year: int, leader: str | None = None, data_dir: Path = DATA_DIR) -> str:
    """The tasks of one leader (`leader` is the ASCII slug of the name), each with its status, result,
    next steps and the appendix's footnotes that its text marks."""
    rows = load(year, data_dir)
    if leader is not None:
        rows = [row for row in rows if row.slug == leader]
        if not rows:
            raise ValueError(f"không có đồng chí '{leader}' trong số liệu tiến độ năm {year}")
    parts = [
        _summary(rows),
        _filter_box("#bt-tasks > .bt-task", "Lọc nhiệm vụ theo từ:", "ví dụ: quy hoach", "nhiệm vụ"),
        '<div id="bt-tasks">',
    ]
    for row in rows:  # the filter box reads a task's words off its parts (docs/assets/javascripts/loc-nhiem-vu.js)
        who = "" if leader is not None else f"<p class='bt-task__who'>{_e(row.leader)}</p>"
        notes = ""
        if row.notes:
            items = "".join(
                f'<li value="{_e(label)}" id="nv-{row.number}-cth-{_e(label)}">{cell_html(text)}</li>'
                for label, text in row.notes
            )
            notes = f'<h3 class="bt-task__notes-title">Chú thích</h3><ol class="bt-task__notes">{items}</ol>'
        assigned, result, next_steps = (
            _linked_marks(cell_html(text), row) or "<p>—</p>" for text in (row.task, row.result, row.next_steps)
        )
        parts.append(
            f'<section class="bt-task" data-statuses="{_e(row.shown_status)}">'
            f'<h2 id="nhiem-vu-{row.number}">Nhiệm vụ {row.number} {_status_badge(row)}</h2>{who}{_basis(row)}'
            f'<div class="bt-task__assigned" data-filter-part>{assigned}</div>'
            f'<h3>Kết quả thực hiện</h3><div class="bt-task__result" data-filter-part>{result}</div>'
            f'<h3>Kế hoạch tiếp theo</h3><div class="bt-task__next" data-filter-part>{next_steps}</div>'
            f"{notes}</section>"
        )
    parts.append("</div>")
    return "\n".join(parts)
