"""The report import: source file → the bulletin's readers and article builder → report page and indicator
data file (scripts/indicators)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.bulletin.pipeline import PROJECT_ROOT
from scripts.bulletin.writers import WritePlan, apply_writes, plan_writes, project_lock
from scripts.indicators.extract import indicator_rows, indicators_csv
from scripts.indicators.new import period_stem
from scripts.reports.pages import report_file, report_pages
from scripts.reports.structure import Report, convert_report


@dataclass
class ReportResult:
    report: Report
    files: dict[str, str]
    plan: WritePlan
    indicators: int  # rows written to the indicator data file

    def summary(self) -> dict:
        """The `--json` report."""
        return {
            "title": self.report.title,
            "number": self.report.number,
            "date": self.report.date,
            "year": self.report.year,
            "path": report_file(self.report),
            "footnotes": len(self.report.body.footnotes),
            "appendices": [{"number": a.number, "title": a.title, "rows": len(a.rows)} for a in self.report.appendices],
            "indicators": self.indicators,
            "warnings": list(self.report.warnings),
            "written": self.plan.written,
            "unchanged": len(self.plan.unchanged),
            "removed": self.plan.removed,
            "protected": self.plan.protected,
        }


def import_report(
    path: Path,
    *,
    root: Path = PROJECT_ROOT,
    year: int | None = None,
    period: str = "cả năm",
    dry_run: bool = False,
    force: bool = False,
) -> ReportResult:
    """Import a report: its page under docs/bao-cao/ and, from its appendix, the indicator data file."""
    report = convert_report(path, year)
    rows = indicator_rows(report, period)
    with project_lock(root, dry_run):
        dashboard = f"docs/chi-tieu/{report.year}.md" if rows else None
        files = report_pages(report, root, dashboard)
        if rows:
            target = indicator_file(report.year, period)
            workbook = (root / target).with_suffix(".xlsx")
            if workbook.is_file():  # the editors keep this period in Excel: two files would stop the build
                report.warnings.append(
                    f"đã có {workbook.relative_to(root).as_posix()} (số liệu giữ bằng Excel): bảng chỉ tiêu của báo "
                    "cáo không được ghi thành CSV; đối chiếu và sửa trong tệp Excel nếu cần."
                )
            else:
                files[target] = indicators_csv(rows)
        plan = plan_writes(files, root, owned_dirs=[])
        if not dry_run:
            apply_writes(files, plan, root, force)
    return ReportResult(report, files, plan, len(rows))


def indicator_file(year: int, period: str) -> str:
    """'data/indicators/2023.csv' for a whole year, 'data/indicators/2024-9-thang.csv' otherwise."""
    return f"data/indicators/{period_stem(year, period)}.csv"
