"""Writers: the document model → files, written all at once or not at all, one import at a time.

An import holds the project's lock (`project_lock`) from reading what is on disk (the other issues, for the
archive and home page) to the last file written, so that two imports at once cannot lose one another's
issue. Files are staged beside their targets (the same folder, so the same file system, wherever `docs/`
lives) and renamed into place only when every one of them is written.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scripts.bulletin.errors import BulletinError
from scripts.bulletin.writers.generated import is_edited, is_generated
from scripts.locks import exclusive


@contextlib.contextmanager
def project_lock(root: Path, dry_run: bool = False) -> Iterator[None]:
    """Hold the project's import lock inside the block (nothing to hold for a dry run)."""
    if dry_run:
        yield
        return
    with exclusive(root, f"Đang có một lần nhập (hay dựng trang) khác ở '{root}'; chờ nó xong rồi nhập tiếp…"):
        yield


@dataclass
class WritePlan:
    """What an import changes under the project root (paths relative to it)."""

    written: list[str] = field(default_factory=list)  # new or changed files
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # generated pages the new import no longer has
    protected: list[str] = field(default_factory=list)  # edited by hand: kept unless --force


def plan_writes(files: dict[str, str], root: Path, owned_dirs: list[str]) -> WritePlan:
    """Compare `files` with what is on disk; `owned_dirs` are folders whose stale generated pages go."""
    plan = WritePlan()
    for path, content in sorted(files.items()):
        target = root / path
        if not target.exists():
            plan.written.append(path)
            continue
        current = target.read_text(encoding="utf-8")
        if current == content:
            plan.unchanged.append(path)
            continue
        if is_edited(current) or not is_generated(current):
            plan.protected.append(path)
        plan.written.append(path)
    for folder in owned_dirs:
        for existing in sorted((root / folder).glob("*")) if (root / folder).is_dir() else []:
            path = str(existing.relative_to(root))
            if path in files or not existing.is_file():
                continue
            current = existing.read_text(encoding="utf-8", errors="replace")
            if is_generated(current):
                plan.removed.append(path)
                if is_edited(current):
                    plan.protected.append(path)
    return plan


def apply_writes(files: dict[str, str], plan: WritePlan, root: Path, force: bool) -> None:
    """Write the plan: every file is staged first, then moved into place."""
    if plan.protected and not force:
        shown = ", ".join(plan.protected)
        raise BulletinError(
            f"Lỗi: các trang sau đã được sửa tay sau lần nhập trước: {shown}. "
            "Không ghi đè; hãy chép lại phần đã sửa rồi chạy lại với --force để thay thế."
        )
    if not plan.written and not plan.removed:
        return
    try:
        root.mkdir(parents=True, exist_ok=True)
        _stage_and_move(files, plan, root)
    except OSError as error:
        raise BulletinError(
            f"Lỗi: không ghi được trang vào '{root}' ({error.strerror}). Hãy kiểm tra quyền ghi và dung lượng đĩa."
        ) from None


def _stage_and_move(files: dict[str, str], plan: WritePlan, root: Path) -> None:
    staged: dict[Path, Path] = {}
    try:
        for path in plan.written:
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.bulletin-import-{os.getpid()}")
            staged[temporary] = target
            temporary.write_text(files[path], encoding="utf-8", newline="\n")
        for temporary, target in staged.items():
            os.replace(temporary, target)
        for path in plan.removed:
            (root / path).unlink(missing_ok=True)
    finally:
        for temporary in staged:
            temporary.unlink(missing_ok=True)
