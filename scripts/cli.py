"""The one command line of the imports, dispatching to each package: `python -m scripts` (or, as the README
has it, `python -m scripts.bulletin`) `import FILE [--issue YYYY-MM]` (scripts/bulletin), `report FILE`
(scripts/reports), `tasks FILE --year YYYY` (scripts/tasks), `indicators new YYYY` (scripts/indicators);
`[--dry-run] [--json] [--force]`. Nothing under those packages imports this module."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scripts.bulletin.errors import BulletinError, UsageError
from scripts.bulletin.outline import outline
from scripts.bulletin.pipeline import PROJECT_ROOT, import_bulletin
from scripts.reports.pipeline import import_report
from scripts.tasks.pipeline import import_tasks


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors in Vietnamese and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(
            f"Lỗi: câu lệnh không đúng ({message}). Xem hướng dẫn: python -m scripts.bulletin import --help"
        )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m scripts.bulletin",
        description="Nhập bản tin Thông tin sinh hoạt nội bộ và báo cáo vào trang web.",
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    bulletin = commands.add_parser("import", help="nhập một số bản tin (.md, .txt)")
    bulletin.add_argument("file", metavar="TỆP", type=Path, help="tệp xuất của bản tin")
    bulletin.add_argument("--issue", metavar="YYYY-MM", help="số bản tin, khi tệp không ghi 'Số tháng MM/YYYY'")
    report = commands.add_parser("report", help="nhập một báo cáo và bảng chỉ tiêu trong phụ lục của nó")
    report.add_argument("file", metavar="TỆP", type=Path, help="tệp xuất của báo cáo")
    report.add_argument("--year", metavar="YYYY", type=int, help="năm của báo cáo, khi tệp không ghi rõ")
    report.add_argument("--period", metavar="KỲ", default="cả năm", help="kỳ báo cáo: 'cả năm' (mặc định), '9 tháng'…")
    tasks = commands.add_parser("tasks", help="nhập phụ lục tiến độ nhiệm vụ của các đồng chí lãnh đạo")
    tasks.add_argument("file", metavar="TỆP", type=Path, help="tệp xuất của phụ lục")
    tasks.add_argument("--year", metavar="YYYY", type=int, required=True, help="năm của các nhiệm vụ")
    indicators = commands.add_parser("indicators", help="tệp số liệu chỉ tiêu của một năm mới")
    steps = indicators.add_subparsers(dest="step", metavar="VIỆC", parser_class=_Parser, required=True)
    new = steps.add_parser("new", help="tạo tệp chỉ tiêu năm mới (Excel), danh sách chỉ tiêu sẵn, ô số liệu trống")
    new.add_argument("year", metavar="NĂM", type=int, help="năm của số liệu, ví dụ 2024")
    new.add_argument("--period", metavar="KỲ", default="cả năm", help="kỳ: 'cả năm' (mặc định), '9 tháng'…")
    new.add_argument("--csv", action="store_true", help="ghi tệp CSV thay cho Excel (.xlsx)")
    new.add_argument("--root", type=Path, default=PROJECT_ROOT, help=argparse.SUPPRESS)
    for command in (bulletin, report, tasks):
        command.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi tệp nào")
        command.add_argument("--json", action="store_true", help="in kết quả dạng JSON ra đầu ra chuẩn")
        command.add_argument("--force", action="store_true", help="ghi đè cả các trang đã được sửa tay")
        command.add_argument("--root", type=Path, default=PROJECT_ROOT, help=argparse.SUPPRESS)
    return parser


def _files_as_given(argv: list[str]) -> list[str]:
    """A file whose name begins with '-' ('-bản-tin.md') is the file, not an option argparse does not know:
    an argument that names an existing file, and no option, is passed on as './-bản-tin.md'. (`--` before
    the name works too.)"""
    shown = []
    for position, argument in enumerate(argv):
        if "--" in argv[:position]:
            shown.extend(argv[position:])
            break
        named_file = argument.startswith("-") and argument != "-" and not argument.startswith("--")
        shown.append(f"./{argument}" if named_file and Path(argument).is_file() else argument)
    return shown


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(_files_as_given(sys.argv[1:] if argv is None else argv))
        if args.command == "indicators":
            return _new_indicators(args)
        if args.command == "import":
            result = import_bulletin(
                args.file, root=args.root, issue=args.issue, dry_run=args.dry_run, force=args.force
            )
            warnings = result.issue.warnings
            headline = f"{result.issue.label}: {len(result.issue.sections)} mục, {len(result.issue.articles)} bài."
        elif args.command == "report":
            result = import_report(
                args.file, root=args.root, year=args.year, period=args.period, dry_run=args.dry_run, force=args.force
            )
            warnings = result.report.warnings
            headline = (
                f"{result.report.title}: {len(result.report.body.footnotes)} chú thích, "
                f"{len(result.report.appendices)} phụ lục, {result.indicators} dòng chỉ tiêu."
            )
        elif args.command == "tasks":
            result = import_tasks(args.file, year=args.year, root=args.root, dry_run=args.dry_run, force=args.force)
            warnings = []
            headline = (
                f"Tiến độ nhiệm vụ {args.year}: {len(result.leaders)} đồng chí, {result.summary()['tasks']} nhiệm vụ. "
                f"{result.proposal_note()}"
            )
        else:
            raise UsageError("Lỗi: thiếu lệnh. Dùng: python -m scripts.bulletin import TỆP [--issue YYYY-MM]")
    except BulletinError as error:
        print(error.message, file=sys.stderr)
        return error.exit_code
    for warning in warnings:
        print(f"Cảnh báo: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps(result.summary(), ensure_ascii=False, indent=1))
    else:
        if args.command == "import":
            print("\n".join(outline(result.issue)))
        plan = result.plan
        will = args.dry_run
        print(
            f"{headline} {'Sẽ ghi' if will else 'Đã ghi'} {len(plan.written)} tệp, "
            f"{len(plan.unchanged)} tệp không đổi, "
            f"{'sẽ xoá' if will else 'đã xoá'} {len(plan.removed)} trang cũ."
        )
    return 0


def _new_indicators(args: argparse.Namespace) -> int:
    from scripts.datafiles import DataError
    from scripts.indicators.new import new_period

    try:
        path = new_period(args.year, args.period, args.root / "data" / "indicators", excel=not args.csv)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    print(
        f"Đã ghi {path.relative_to(args.root)}: điền số liệu năm {args.year} (các cột chữ, như trong báo cáo), "
        "lưu, rồi chạy make build (hoặc make serve) để xem trang."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
