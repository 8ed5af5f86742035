"""The task-progress import: the appendix's table → data/tasks/<year>.csv and the pages under docs/tien-do/."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from scripts.bulletin.errors import BulletinError
from scripts.bulletin.pipeline import PROJECT_ROOT
from scripts.bulletin.writers import WritePlan, apply_writes, plan_writes, project_lock
from scripts.tasks.data import tasks_csv
from scripts.tasks.extract import Leader, read_leaders
from scripts.tasks.pages import task_pages
from scripts.tasks.progress import propose


@dataclass
class TasksResult:
    leaders: list[Leader]
    year: int
    files: dict[str, str]
    plan: WritePlan
    proposed: Counter[str] = field(default_factory=Counter)  # status → tasks the report's words state it of

    def proposal_note(self) -> str:
        """What the editor is to check: the statuses proposed from the report's words, and where."""
        if not self.proposed:
            return "Báo cáo không nêu trạng thái của nhiệm vụ nào; cột 'Trạng thái' để trống (chưa đánh giá)."
        tasks = sum(len(leader.tasks) for leader in self.leaders)
        each = ", ".join(f"{count} {status}" for status, count in self.proposed.most_common())
        return (
            f"Theo lời báo cáo, {sum(self.proposed.values())}/{tasks} nhiệm vụ có trạng thái ({each}): "
            f"xem cột 'Trạng thái theo báo cáo' và 'Căn cứ trong báo cáo' của data/tasks/{self.year}.csv; "
            "trang web ghi 'theo báo cáo' cho đến khi biên tập viên ghi trạng thái vào cột 'Trạng thái'."
        )

    def summary(self) -> dict:
        """The `--json` report."""
        return {
            "year": self.year,
            "leaders": [{"order": x.order, "name": x.name, "tasks": len(x.tasks)} for x in self.leaders],
            "tasks": sum(len(leader.tasks) for leader in self.leaders),
            "proposed": dict(self.proposed),
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
    proposals = {
        (leader.order, task.number): proposal
        for leader in leaders
        for task in leader.tasks
        if (proposal := propose(task.result, task.next_steps))
    }
    with project_lock(root, dry_run):
        files = task_pages(year, leaders, root, path.name)
        files[f"data/tasks/{year}.csv"] = tasks_csv(year, leaders, proposals)
        plan = plan_writes(files, root, owned_dirs=[f"docs/tien-do/{year}"])
        if not dry_run:
            apply_writes(files, plan, root, force)
    return TasksResult(leaders, year, files, plan, Counter(proposal.status for proposal in proposals.values()))
