"""Task data files (`data/tasks/<năm>.csv`, schema in data/README.md): write, load and validate."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scripts.datafiles import DataError, cell_error, read_table
from scripts.tasks.extract import Leader
from scripts.vietnamese import slugify

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "tasks"
COLUMNS = ["Năm", "STT", "Lãnh đạo", "Chức vụ", "Nhiệm vụ số", "Nhiệm vụ", "Kết quả thực hiện", "Kế hoạch tiếp theo"]


@dataclass(frozen=True)
class TaskRow:
    year: int
    order: int
    leader: str
    position: str
    number: int
    task: str
    result: str
    next_steps: str

    @property
    def slug(self) -> str:
        return slugify(self.leader)


def tasks_csv(year: int, leaders: list[Leader]) -> str:
    """One row per (leader, task), as editors open it in a spreadsheet (with a UTF-8 BOM)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for leader in leaders:
        for task in leader.tasks:
            writer.writerow(
                [year, leader.order, leader.name, leader.position, task.number, task.task, task.result, task.next_steps]
            )
    return "\ufeff" + out.getvalue()


def load_file(path: Path) -> list[TaskRow]:
    """Read and validate one task file; raise `DataError` on the first problem."""
    records = read_table(path, COLUMNS)
    rows: list[TaskRow] = []
    seen: set[tuple[int, int]] = set()
    for index, cell in enumerate(records):
        for column in ("Năm", "STT", "Nhiệm vụ số"):
            if not cell[column].isdigit():
                raise cell_error(path, index, column, f"'{cell[column]}' không phải là số")
        if not cell["Lãnh đạo"]:
            raise cell_error(path, index, "Lãnh đạo", "ô trống")
        key = (int(cell["STT"]), int(cell["Nhiệm vụ số"]))
        if key in seen:
            raise cell_error(path, index, "Nhiệm vụ số", f"nhiệm vụ số {key[1]} của STT {key[0]} đã có ở dòng trên")
        seen.add(key)
        rows.append(
            TaskRow(
                int(cell["Năm"]),
                key[0],
                cell["Lãnh đạo"],
                cell["Chức vụ"],
                key[1],
                cell["Nhiệm vụ"],
                cell["Kết quả thực hiện"],
                cell["Kế hoạch tiếp theo"],
            )
        )
    return rows


@lru_cache(maxsize=8)
def _load_cached(path: Path, mtime_ns: int) -> list[TaskRow]:
    return load_file(path)


def load(year: int, data_dir: Path = DATA_DIR) -> list[TaskRow]:
    """The task rows of `year`; `DataError` if there is no file for it."""
    path = Path(data_dir) / f"{year}.csv"
    if not path.is_file():
        raise DataError(f"Lỗi dữ liệu: không có tệp tiến độ nhiệm vụ năm {year} ('{path.name}' trong {data_dir}).")
    return _load_cached(path, path.stat().st_mtime_ns)
