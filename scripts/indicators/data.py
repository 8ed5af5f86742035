"""Indicator data files (`data/indicators/*.csv`, schema in data/README.md): load, validate, summarise.

Every problem names the file, the row as a spreadsheet shows it (the header is row 1) and the column.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from scripts.datafiles import DataError, cell_error, read_table
from scripts.indicators.extract import COLUMNS, STATUSES, VALUE_COLUMNS, number_column
from scripts.vietnamese import VnNumber, fold, parse_vn_number

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "indicators"
UNRATED = "chưa đánh giá"
_GROUPS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}
_CODE = re.compile(r"^\d{1,3}(\.\d{1,3})*$")


@dataclass(frozen=True)
class Indicator:
    """One row of an indicator file."""

    year: int
    period: str
    group: str
    group_name: str
    code: str
    parent: str
    name: str
    unit: str
    texts: dict[str, str]  # text column → the cell as printed
    values: dict[str, VnNumber | None]  # text column → parsed value
    status: str  # one of STATUSES, or UNRATED
    status_basis: str  # where the status comes from ('Báo cáo 525-BC/TU, chú thích 1' or the rule)

    @property
    def is_main(self) -> bool:
        return not self.parent

    @property
    def depth(self) -> int:
        return self.code.count(".")


@dataclass
class IndicatorSet:
    """The indicators of one file (a year and a period)."""

    path: Path
    year: int
    period: str
    indicators: list[Indicator] = field(default_factory=list)

    @property
    def main(self) -> list[Indicator]:
        return [i for i in self.indicators if i.is_main]

    def summary(self) -> Counter[str]:
        """How many main indicators have each status."""
        return Counter(i.status for i in self.main)


def load_file(path: Path) -> IndicatorSet:
    """Read and validate one indicator file; raise `DataError` on the first problem."""
    name = path.name
    records = read_table(path, COLUMNS, optional=tuple(c for c in COLUMNS if c.endswith("(số)")))
    indicators: list[Indicator] = []
    codes: set[str] = set()
    for index, cell in enumerate(records):
        if not any(cell.values()):
            continue
        if not cell["Năm"].isdigit():
            raise cell_error(path, index, "Năm", f"'{cell['Năm']}' không phải là năm")
        if cell["Nhóm"] not in _GROUPS:
            raise cell_error(path, index, "Nhóm", f"'{cell['Nhóm']}' không phải số La Mã của nhóm (I, II, III, IV…)")
        if not _CODE.match(cell["Mã"]):
            raise cell_error(path, index, "Mã", f"'{cell['Mã']}' không phải mã chỉ tiêu (1, 2… hoặc 4.1)")
        if cell["Mã"] in codes:
            raise cell_error(path, index, "Mã", f"mã '{cell['Mã']}' đã có ở dòng trên")
        if cell["Thuộc"] and cell["Thuộc"] not in codes:
            raise cell_error(path, index, "Thuộc", f"không có chỉ tiêu mã '{cell['Thuộc']}' ở các dòng trên")
        if not cell["Nội dung"]:
            raise cell_error(path, index, "Nội dung", "ô trống")
        texts, values = {}, {}
        for text_column, _ in VALUE_COLUMNS:
            text = cell[text_column]
            parsed = parse_vn_number(text) if text else None
            given = cell[number_column(text_column)]
            if given and (parsed is None or parsed.canonical() != given):
                expected = parsed.canonical() if parsed else "để trống (ô chữ không phải là số)"
                raise cell_error(
                    path,
                    index,
                    number_column(text_column),
                    f"'{given}' không khớp với ô '{text}' bên cạnh: cần {expected}",
                )
            texts[text_column], values[text_column] = text, parsed
        status, basis = cell["Đánh giá"], cell["Căn cứ đánh giá"]
        if status and status not in STATUSES:
            raise cell_error(path, index, "Đánh giá", f"'{status}' không phải một trong: {', '.join(STATUSES)}")
        if not status and not cell["Thuộc"]:
            status, basis = rated_by_rule(texts["Tỷ lệ đạt (%)"], values["Tỷ lệ đạt (%)"]), "quy tắc (data/README.md)"
        codes.add(cell["Mã"])
        indicators.append(
            Indicator(
                year=int(cell["Năm"]),
                period=cell["Kỳ"] or "cả năm",
                group=cell["Nhóm"],
                group_name=cell["Tên nhóm"],
                code=cell["Mã"],
                parent=cell["Thuộc"],
                name=cell["Nội dung"],
                unit=cell["Đơn vị"],
                texts=texts,
                values=values,
                status=status,
                status_basis=basis,
            )
        )
    if not indicators:
        raise DataError(f"Lỗi dữ liệu: tệp '{name}' không có dòng chỉ tiêu nào.")
    years = {i.year for i in indicators}
    periods = {i.period for i in indicators}
    if len(years) > 1 or len(periods) > 1:
        raise DataError(f"Lỗi dữ liệu: tệp '{name}' trộn nhiều năm hoặc nhiều kỳ; mỗi tệp chỉ một năm và một kỳ.")
    return IndicatorSet(path, years.pop(), periods.pop(), indicators)


def rated_by_rule(text: str, value: VnNumber | None) -> str:
    """The documented rule for a main indicator the report does not rate (data/README.md)."""
    if value is not None:
        if value.value >= 100:
            return "đạt và vượt"
        return "xấp xỉ đạt" if value.value >= 90 else "chưa đạt"
    folded = fold(text)
    if "khong dat" in folded or "chua dat" in folded:
        return "chưa đạt"
    if "dat" in folded.split():
        return "đạt và vượt"
    return UNRATED


@lru_cache(maxsize=32)
def _load_cached(path: Path, mtime_ns: int) -> IndicatorSet:
    return load_file(path)


def load(year: int, period: str | None = None, data_dir: Path = DATA_DIR) -> IndicatorSet:
    """The indicators of `year` (and `period`, default the whole year); `DataError` if there are none."""
    sets = [_load_cached(path, path.stat().st_mtime_ns) for path in sorted(Path(data_dir).glob("*.csv"))]
    for found in sets:
        if found.year == year and (period is None and found.period == "cả năm" or found.period == period):
            return found
    known = ", ".join(f"{s.year} ({s.period})" for s in sets) or "chưa có"
    raise DataError(f"Lỗi dữ liệu: không có số liệu chỉ tiêu năm {year} kỳ '{period or 'cả năm'}' (đang có: {known}).")
