"""The import pipeline: source file → reader → cleaners → structure → writers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.bulletin.cleaners import clean
from scripts.bulletin.model import Issue
from scripts.bulletin.readers import read_source
from scripts.bulletin.structure import build_issue
from scripts.bulletin.writers import WritePlan, apply_writes, plan_writes
from scripts.bulletin.writers.archive import archive_pages, known_issues
from scripts.bulletin.writers.pages import issue_dir, issue_pages

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class ImportResult:
    issue: Issue
    files: dict[str, str]  # path relative to the root → content
    plan: WritePlan

    def summary(self) -> dict:
        """The `--json` report."""
        base = issue_dir(self.issue.issue)
        from scripts.bulletin.writers.pages import article_file

        return {
            "issue": self.issue.issue,
            "label": self.issue.label,
            "sections": [{"number": s.number, "title": s.title} for s in self.issue.sections],
            "articles": [
                {
                    "section": a.section,
                    "number": a.number,
                    "title": a.title,
                    "author": a.author,
                    "footnotes": len(a.footnotes),
                    "path": f"{base}/{article_file(a)}",
                }
                for a in self.issue.articles
            ],
            "warnings": list(self.issue.warnings),
            "written": self.plan.written,
            "unchanged": len(self.plan.unchanged),
            "removed": self.plan.removed,
            "protected": self.plan.protected,
        }


def convert(path: Path, issue: str | None = None) -> Issue:
    """Read the bulletin export at `path` into an `Issue` (nothing is written)."""
    return build_issue(clean(read_source(path)), path.name, issue)


def import_bulletin(
    path: Path,
    *,
    root: Path = PROJECT_ROOT,
    issue: str | None = None,
    dry_run: bool = False,
    force: bool = False,
) -> ImportResult:
    """Import the bulletin at `path` into the site under `root`; with `dry_run`, only plan it."""
    model = convert(path, issue)
    files = issue_pages(model)
    files.update(archive_pages(known_issues(root, files)))
    plan = plan_writes(files, root, owned_dirs=[issue_dir(model.issue)])
    if not dry_run:
        apply_writes(files, plan, root, force)
    return ImportResult(model, files, plan)
