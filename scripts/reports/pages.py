"""Pages of the 'Báo cáo' section: one page per report (body, footnotes, appendices) and the index."""

from __future__ import annotations

import os
from pathlib import Path

from scripts.bulletin.model import Paragraph, Run
from scripts.bulletin.writers import markdown as md
from scripts.bulletin.writers.generated import front_matter, landing_page, stamp_nav, stamp_page, title_text
from scripts.reports.structure import Appendix, Report
from scripts.vietnamese import slugify

REPORT_DIR = "docs/bao-cao"


def report_file(report: Report) -> str:
    """'docs/bao-cao/2023/bao-cao-525-bc-tu.md'."""
    name = slugify(f"báo cáo {report.number}") if report.number else slugify(report.title, max_length=60)
    return f"{REPORT_DIR}/{report.year}/{name}.md"


def report_pages(report: Report, root: Path, dashboard: str | None = None) -> dict[str, str]:
    """The report's page, the navigation files and the index of all reports.

    `dashboard` is the path (relative to the project root) of a page with the report's indicators.
    """
    path = report_file(report)
    files = {path: _report_page(report, path, dashboard)}
    files[f"{REPORT_DIR}/.nav.yml"] = stamp_nav(
        {"title": "Báo cáo", "sort": {"direction": "desc", "type": "natural"}, "nav": ["index.md", "*"]}
    )
    files[f"{REPORT_DIR}/{report.year}/.nav.yml"] = stamp_nav({"title": f"Năm {report.year}"})
    files[f"{REPORT_DIR}/index.md"] = _index(root, files)
    return files


def _report_page(report: Report, path: str, dashboard: str | None) -> str:
    body = report.body
    meta = {
        "title": report.title,
        "number": report.number,
        "date": report.date,
        "year": report.year,
        "signer": body.author,
        "source": report.source_name,
    }
    parts = [f"# {md.escape(report.title)}"]
    byline = []
    if report.number:
        byline.append(f"Số {md.escape(report.number)}")
    if report.date:
        year, month, day = report.date.split("-")
        byline.append(f"ngày {int(day):02d}/{int(month):02d}/{year}")
    if body.author:
        byline.append(f"người ký: **{md.escape(body.author)}**")
    if byline:
        parts.append(" · ".join(byline) + "\n{ .bt-meta }")
    if dashboard:
        target = os.path.relpath(dashboard, Path(path).parent).replace(os.sep, "/")
        parts.append(
            f"Số liệu các chỉ tiêu dạng bảng và biểu đồ: {md.link('Chỉ tiêu Nghị quyết ' + str(report.year), target)}."
        )
    blocks = list(body.blocks)
    if body.author:
        blocks.append(Paragraph([Run(body.author, bold=True)]))
    parts.append(md.blocks(blocks, body.footnotes, notes_title=body.notes_title).rstrip("\n"))
    for appendix in report.appendices:
        parts.append(_appendix(appendix))
    return stamp_page(meta, "\n\n".join(parts) + "\n")


def _appendix(appendix: Appendix) -> str:
    heading = f"## Phụ lục {md.escape(appendix.number)}"
    if appendix.title_lines:
        heading += ": " + md.escape(appendix.title_lines[0])
    parts = [heading, *(md.escape(line) for line in appendix.title_lines[1:])]
    if appendix.rows:
        parts.append(md.table(_flat_header(appendix.rows)))
    return "\n\n".join(parts)


def _flat_header(rows: list[list[str]]) -> list[list[str]]:
    """A two-row header ('Kết quả thực hiện năm 2023' over 'Kết quả' | 'Tỷ lệ (%)') as one row."""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    second = rows[1] if len(rows) > 1 else []
    if not second or second[0].strip() or second[1].strip():
        return rows
    header = []
    for top, bottom in zip(rows[0], second, strict=True):
        if top and bottom and bottom not in top:
            header.append(f"{top}: {bottom}")
        else:
            header.append(top or bottom)
    # a spanning cell's text sits in its first column; carry it to the columns it covers
    for index in range(1, width):
        if not rows[0][index] and second[index] and rows[0][index - 1] and not header[index].count(":"):
            header[index] = f"{rows[0][index - 1]}: {second[index]}"
    return [header, *rows[2:]]


def _index(root: Path, pending: dict[str, str]) -> str:
    pages = {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in root.glob(f"{REPORT_DIR}/*/*.md")}
    pages.update({p: text for p, text in pending.items() if p.endswith(".md") and p != f"{REPORT_DIR}/index.md"})
    reports = sorted(
        ((path, front_matter(text)) for path, text in pages.items()),
        key=lambda item: (str(item[1].get("date") or item[1].get("year")), item[0]),
        reverse=True,
    )
    lines, targets = [], []
    for path, meta in reports:
        if not meta.get("title"):
            continue
        target = Path(path).relative_to(REPORT_DIR).as_posix()
        suffix = f" — số {md.escape(meta['number'])}" if meta.get("number") else ""
        lines.append(f"- {md.link(title_text(meta), target)}{suffix}")
        targets.append(target)
    body = "# Báo cáo\n\nCác báo cáo của Ban Thường vụ Tỉnh ủy, mới nhất ở trên.\n\n" + "\n".join(lines) + "\n"
    return landing_page("Báo cáo", body, targets)
