"""Task data files (`data/tasks/<năm>.csv`, schema in data/README.md): write, load and validate."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scripts.datafiles import DataError, cell_error, read_table
from scripts.tasks.extract import Leader
from scripts.tasks.progress import Proposal
from scripts.vietnamese import fold, slugify, superscript, unsuperscript

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "tasks"
COLUMNS = [
    "Năm",
    "STT",
    "Lãnh đạo",
    "Chức vụ",
    "Nhiệm vụ số",
    "Nhiệm vụ",
    "Trạng thái",
    "Trạng thái theo báo cáo",
    "Căn cứ trong báo cáo",
    "Kết quả thực hiện",
    "Kế hoạch tiếp theo",
    "Chú thích",
]
# files written before these columns still read
OPTIONAL = ("Trạng thái", "Trạng thái theo báo cáo", "Căn cứ trong báo cáo", "Chú thích")
# the statuses an editor writes in 'Trạng thái' (any case, with or without diacritics); empty: not assessed,
# or, when the import found one in the report's words ('Trạng thái theo báo cáo', scripts/tasks/progress.py),
# that one, shown as "theo báo cáo" until an editor confirms it
STATUSES = ("hoàn thành", "đang thực hiện", "chưa thực hiện")
NOT_ASSESSED = "chưa đánh giá"


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
    status: str = ""  # one of STATUSES, or '' (not assessed)
    notes: tuple[tuple[str, str], ...] = ()  # (label in digits, text)
    proposed: str = ""  # the status the report's words state (one of STATUSES), or ''
    basis: str = ""  # those words

    @property
    def slug(self) -> str:
        return slugify(self.leader)

    @property
    def shown_status(self) -> str:
        """The editor's status, else the report's, else 'chưa đánh giá'."""
        return self.status or self.proposed or NOT_ASSESSED

    @property
    def by_report(self) -> bool:
        """The status shown is the report's, not yet confirmed by an editor."""
        return not self.status and bool(self.proposed)


def tasks_csv(year: int, leaders: list[Leader], proposals: dict[tuple[int, int], Proposal]) -> str:
    """One row per (leader, task), as editors open it in a spreadsheet (with a UTF-8 BOM); `proposals`, the
    statuses the report's words state, by (leader's order, task number)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for leader in leaders:
        for task in leader.tasks:
            notes = "\n".join(f"{superscript(label)} {text}" for label, text in task.notes)
            proposal = proposals.get((leader.order, task.number))
            writer.writerow(
                [
                    year,
                    leader.order,
                    leader.name,
                    leader.position,
                    task.number,
                    task.task,
                    "",  # the status: an editor's to fill in (or to confirm the report's)
                    proposal.status if proposal else "",
                    proposal.basis if proposal else "",
                    task.result,
                    task.next_steps,
                    notes,
                ]
            )
    return "\ufeff" + out.getvalue()


def load_file(path: Path) -> list[TaskRow]:
    """Read and validate one task file; raise `DataError` on the first problem."""
    records = read_table(path, COLUMNS, optional=OPTIONAL)
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
                _status(path, index, "Trạng thái", cell["Trạng thái"]),
                _notes(path, index, cell["Chú thích"]),
                _status(path, index, "Trạng thái theo báo cáo", cell["Trạng thái theo báo cáo"]),
                cell["Căn cứ trong báo cáo"],
            )
        )
    return rows


def _status(path: Path, index: int, column: str, text: str) -> str:
    if not text:
        return ""
    for status in STATUSES:
        if fold(text) == fold(status):
            return status
    allowed = ", ".join(f"'{status}'" for status in STATUSES)
    raise cell_error(path, index, column, f"'{text}' không phải một trạng thái ({allowed}, hoặc để trống)")


def _notes(path: Path, index: int, text: str) -> tuple[tuple[str, str], ...]:
    """'³ Công văn số …' lines: each note with its label, in superscript or in digits ('3 Công văn …')."""
    notes = []
    for line in filter(None, (line.strip() for line in text.split("\n"))):
        match = re.match(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3})[.)]?\s+(\S.*)$", line)
        if not match:
            raise cell_error(
                path, index, "Chú thích", f"dòng '{line[:40]}' không bắt đầu bằng số chú thích (ví dụ: ³ …)"
            )
        notes.append((unsuperscript(match.group(1)), match.group(2)))
    return tuple(notes)


@lru_cache(maxsize=8)
def _load_cached(path: Path, mtime_ns: int) -> list[TaskRow]:
    return load_file(path)


def load(year: int, data_dir: Path = DATA_DIR) -> list[TaskRow]:
    """The task rows of `year`; `DataError` if there is no file for it."""
    path = Path(data_dir) / f"{year}.csv"
    if not path.is_file():
        raise DataError(f"Lỗi dữ liệu: không có tệp tiến độ nhiệm vụ năm {year} ('{path.name}' trong {data_dir}).")
    return _load_cached(path, path.stat().st_mtime_ns)
