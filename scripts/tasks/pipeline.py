"""The task-progress import: the appendix's table → data/tasks/<year>.csv and the pages under docs/tien-do/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.bulletin.errors import BulletinError
from scripts.bulletin.pipeline import PROJECT_ROOT
from scripts.bulletin.writers import WritePlan, apply_writes, plan_writes, project_lock
from scripts.tasks.data import tasks_csv
from scripts.tasks.extract import Leader, read_leaders
from scripts.tasks.pages import task_pages


@dataclass
class TasksResult:
    leaders: list[Leader]
    year: int
    files: dict[str, str]
    plan: WritePlan

    def summary(self) -> dict:
        """The `--json` report."""
        return {
            "year": self.year,
            "leaders": [{"order": x.order, "name": x.name, "tasks": len(x.tasks)} for x in self.leaders],
            "tasks": sum(len(leader.tasks) for leader in self.leaders),
            "warnings": [],
            "written": self.plan.written,
            "unchanged": len(self.plan.unchanged),
            "removed": self.plan.removed,
            "protected": self.plan.protected,
        }


def import_tasks(
    path: Path, *, year: int, root: Path = PROJECT_ROOT, dry_run: bool = False, force: bool = False
) -> TasksResult:
    """Import a task-progress appendix: `data/tasks/<year>.csv` and the pages under docs/tien-do/."""
    leaders = read_leaders(path)
    if not leaders:
        raise BulletinError(
            f"Lỗi: không thấy bảng tiến độ nhiệm vụ (cột 'Cá nhân được phân công') trong '{path.name}'. "
            "Hãy kiểm tra đây đúng là phụ lục tiến độ nhiệm vụ."
        )
    with project_lock(root, dry_run):
        files = task_pages(year, leaders, root, path.name)
        files[f"data/tasks/{year}.csv"] = tasks_csv(year, leaders)
        plan = plan_writes(files, root, owned_dirs=[f"docs/tien-do/{year}"])
        if not dry_run:
            apply_writes(files, plan, root, force)
    return TasksResult(leaders, year, files, plan)
