"""The bulletin import: source file → reader → cleaners → decoder and structure → writers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.bulletin.cleaners import clean
from scripts.bulletin.corrections import apply_to_issue, corrections_file, load_corrections, mark_blocks
from scripts.bulletin.model import Issue
from scripts.bulletin.outline import article_text, code, first_words, structure_warnings
from scripts.bulletin.readers import read_source
from scripts.bulletin.structure import build_issue
from scripts.bulletin.writers import WritePlan, apply_writes, plan_writes, project_lock
from scripts.bulletin.writers.archive import archive_pages, known_issues, site_sections
from scripts.bulletin.writers.pages import article_file, issue_dir, issue_pages, site_publisher
from scripts.vietnamese import words

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class ImportResult:
    issue: Issue
    files: dict[str, str]  # path relative to the root → content
    plan: WritePlan

    def summary(self) -> dict:
        """The `--json` report."""
        base = issue_dir(self.issue.issue)
        return {
            "issue": self.issue.issue,
            "label": self.issue.label,
            "sections": [{"number": s.number, "title": s.title} for s in self.issue.sections],
            "articles": [
                {
                    "code": code(a),
                    "section": a.section,
                    "number": a.number,
                    "title": a.title,
                    "author": a.author,
                    "words": len(words(article_text(a))),
                    "first_words": first_words(a),
                    "footnotes": len(a.footnotes),
                    "line": a.line,
                    "path": f"{base}/{article_file(a)}",
                    **_evidence(self.issue.decisions.get(a.line)),
                }
                for a in self.issue.articles
            ],
            "corrections": self.issue.corrections,
            "warnings": list(self.issue.warnings),
            "written": self.plan.written,
            "unchanged": len(self.plan.unchanged),
            "removed": self.plan.removed,
            "protected": self.plan.protected,
        }


def _evidence(decision) -> dict:
    """What the decoder saw for an article: its confidence (points the best other outline loses) and the
    evidence, each feature with its points (scripts/bulletin/decoder.py, WEIGHTS)."""
    if decision is None:  # the untitled article under a section's line, or one the text forced
        return {"confidence": None, "evidence": []}
    return {
        "confidence": round(decision.confidence, 2),
        "evidence": [{"feature": name, "points": points} for name, points in decision.evidence],
    }


def convert(path: Path, issue: str | None = None) -> Issue:
    """Read the bulletin export at `path` into an `Issue`, with the editor's corrections from the file
    beside it (see corrections.py); nothing is written."""
    warnings: list[str] = []
    blocks = read_source(path, warnings)
    found = corrections_file(path)
    corrections = load_corrections(found) if found else None
    if corrections:
        mark_blocks(blocks, corrections)
        issue = issue or corrections.issue
    model = build_issue(clean(blocks), path.name, issue)
    if corrections:
        apply_to_issue(model, corrections)
        model.corrections = found.name
    model.warnings[:0] = warnings
    model.warnings.extend(structure_warnings(model))
    return model


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
    files = issue_pages(model, site_publisher(root))
    with project_lock(root, dry_run):  # the archive is made from the issues on disk: one import at a time
        files.update(archive_pages(known_issues(root, files), site_sections(root)))
        plan = plan_writes(files, root, owned_dirs=[issue_dir(model.issue)])
        if not dry_run:
            apply_writes(files, plan, root, force)
    return ImportResult(model, files, plan)
