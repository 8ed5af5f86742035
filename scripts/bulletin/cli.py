"""Command line: `python -m scripts.bulletin import FILE [--issue YYYY-MM] [--dry-run] [--json] [--force]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scripts.bulletin.errors import BulletinError, UsageError
from scripts.bulletin.pipeline import PROJECT_ROOT, import_bulletin


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors in Vietnamese and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(
            f"Lỗi: câu lệnh không đúng ({message}). Xem hướng dẫn: python -m scripts.bulletin import --help"
        )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m scripts.bulletin",
        description="Nhập bản tin Thông tin sinh hoạt nội bộ vào trang web.",
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    command = commands.add_parser("import", help="nhập một số bản tin (.md, .txt)")
    command.add_argument("file", metavar="TỆP", type=Path, help="tệp xuất của bản tin")
    command.add_argument("--issue", metavar="YYYY-MM", help="số bản tin, khi tệp không ghi 'Số tháng MM/YYYY'")
    command.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi tệp nào")
    command.add_argument("--json", action="store_true", help="in kết quả dạng JSON ra đầu ra chuẩn")
    command.add_argument("--force", action="store_true", help="ghi đè cả các trang đã được sửa tay")
    command.add_argument("--root", type=Path, default=PROJECT_ROOT, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command != "import":
            raise UsageError("Lỗi: thiếu lệnh. Dùng: python -m scripts.bulletin import TỆP [--issue YYYY-MM]")
        result = import_bulletin(args.file, root=args.root, issue=args.issue, dry_run=args.dry_run, force=args.force)
    except BulletinError as error:
        print(error.message, file=sys.stderr)
        return error.exit_code
    for warning in result.issue.warnings:
        print(f"Cảnh báo: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps(result.summary(), ensure_ascii=False, indent=1))
    else:
        plan = result.plan
        action = "Sẽ ghi" if args.dry_run else "Đã ghi"
        print(
            f"{result.issue.label}: {len(result.issue.sections)} mục, {len(result.issue.articles)} bài. "
            f"{action} {len(plan.written)} tệp, {len(plan.unchanged)} tệp không đổi, "
            f"{'sẽ xoá' if args.dry_run else 'đã xoá'} {len(plan.removed)} trang cũ."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
