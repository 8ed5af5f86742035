"""Indicator data files (`data/indicators/<năm>[-<kỳ>].csv` or `.xlsx`, schema in data/README.md): load,
validate, summarise, and combine the years of the resolution's term into one table (pandas).

Every problem names the file, the row as a spreadsheet shows it (the header is row 1) and the column.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from scripts.datafiles import DataError, cell_error, data_files, read_table
from scripts.indicators.extract import COLUMNS, STATUSES, VALUE_COLUMNS, number_column
from scripts.vietnamese import VnNumber, fold, parse_vn_number

if TYPE_CHECKING:
    import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "indicators"
PERIOD_FILE = re.compile(r"^(\d{4})(-[\w-]+)?$")  # '2023', '2024-9-thang': the stem of a period's file
CODE_MAP = "doi-ma.csv"  # indicators renumbered between years (data/README.md)
MAP_COLUMNS = ["Năm", "Mã trong tệp", "Mã nhiệm kỳ", "Ghi chú"]
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
    records = read_table(
        path,
        COLUMNS,
        optional=tuple(c for c in COLUMNS if c.endswith("(số)")),
        printed=[text for text, _ in VALUE_COLUMNS],
    )
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


def period_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """The period files of the folder; `DataError` for a data file named otherwise (it would be ignored)."""
    found = []
    for path in data_files(data_dir):
        if path.name == CODE_MAP:
            continue
        if not PERIOD_FILE.match(path.stem):
            raise DataError(
                f"Lỗi dữ liệu: tệp '{path.name}' trong {Path(data_dir).name}/ không đặt tên theo <năm>.csv, "
                "<năm>-<kỳ>.csv (hoặc .xlsx), ví dụ 2024.xlsx, 2024-9-thang.csv; đổi tên tệp (xem data/README.md)."
            )
        found.append(path)
    return found


def all_sets(data_dir: Path = DATA_DIR) -> list[IndicatorSet]:
    """Every period's indicators, oldest first; `DataError` if two files hold the same year and period."""
    sets = [_load_cached(path, path.stat().st_mtime_ns) for path in period_files(data_dir)]
    seen: dict[tuple[int, str], Path] = {}
    for found in sets:
        key = (found.year, found.period)
        if key in seen:
            raise DataError(
                f"Lỗi dữ liệu: hai tệp cùng số liệu năm {found.year} kỳ '{found.period}': "
                f"'{seen[key].name}' và '{found.path.name}'; giữ một tệp."
            )
        seen[key] = found.path
    return sorted(sets, key=lambda s: (s.year, s.period != "cả năm", s.period))


def load(year: int, period: str | None = None, data_dir: Path = DATA_DIR) -> IndicatorSet:
    """The indicators of `year` (and `period`, default the whole year); `DataError` if there are none."""
    sets = all_sets(data_dir)
    for found in sets:
        if found.year == year and (period is None and found.period == "cả năm" or found.period == period):
            return found
    known = ", ".join(f"{s.year} ({s.period})" for s in sets) or "chưa có"
    raise DataError(f"Lỗi dữ liệu: không có số liệu chỉ tiêu năm {year} kỳ '{period or 'cả năm'}' (đang có: {known}).")


def previous(data: IndicatorSet, data_dir: Path = DATA_DIR) -> IndicatorSet | None:
    """The same period of the year before, when there is a file for it."""
    try:
        return load(data.year - 1, data.period if data.period != "cả năm" else None, data_dir)
    except DataError:
        return None


def code_map(data_dir: Path = DATA_DIR) -> dict[tuple[int, str], str]:
    """(year, code in that year's file) → the indicator's code over the term, from `doi-ma.csv`."""
    path = Path(data_dir) / CODE_MAP
    if not path.is_file():
        return {}
    version = path.stat()
    return _code_map_cached(path, version.st_mtime_ns, version.st_size)


@lru_cache(maxsize=8)
def _code_map_cached(path: Path, mtime_ns: int, size: int) -> dict[tuple[int, str], str]:
    """The map read once per version of the file: every dashboard and each part of the term page asks."""
    mapping: dict[tuple[int, str], str] = {}
    for index, cell in enumerate(read_table(path, MAP_COLUMNS, optional=("Ghi chú",))):
        if not any(cell.values()):
            continue
        if not cell["Năm"].isdigit():
            raise cell_error(path, index, "Năm", f"'{cell['Năm']}' không phải là năm")
        for column in ("Mã trong tệp", "Mã nhiệm kỳ"):
            if not _CODE.match(cell[column]):
                raise cell_error(path, index, column, f"'{cell[column]}' không phải mã chỉ tiêu (1, 2… hoặc 4.1)")
        key = (int(cell["Năm"]), cell["Mã trong tệp"])
        if key in mapping:
            raise cell_error(path, index, "Mã trong tệp", f"mã '{key[1]}' năm {key[0]} đã có ở dòng trên")
        mapping[key] = cell["Mã nhiệm kỳ"]
    return mapping


TERM_COLUMNS = [
    "Năm", "Mã nhiệm kỳ", "Mã", "Nhóm", "Tên nhóm", "Nội dung", "Đơn vị",
    "Chỉ tiêu", "Chỉ tiêu (số)", "Kết quả", "Kết quả (số)", "Tỷ lệ đạt (số)",
    "Lũy kế nhiệm kỳ", "Lũy kế nhiệm kỳ (số)", "Chỉ tiêu nhiệm kỳ", "So sánh nhiệm kỳ", "So sánh nhiệm kỳ (số)",
    "Đánh giá", "Đạt chỉ tiêu nhiệm kỳ", "Vì sao chưa xác định", "Loại chưa xác định",
]  # fmt: skip


def term_table(first: int, last: int, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The main indicators of every whole-year file from `first` to `last`, one row per indicator and year,
    keyed by the indicator's code over the term (`Mã nhiệm kỳ`: its code in the file, or what doi-ma.csv
    maps it to). Numbers as floats (NaN where a cell is text or empty)."""
    import pandas as pd  # only a data page pays for pandas

    mapping = code_map(data_dir)
    rows = []
    for found in all_sets(data_dir):
        if found.period != "cả năm" or not first <= found.year <= last:
            continue
        for i in found.main:
            rows.append(
                {
                    "Năm": found.year,
                    "Mã nhiệm kỳ": mapping.get((found.year, i.code), i.code),
                    "Mã": i.code,
                    "Nhóm": i.group,
                    "Tên nhóm": i.group_name,
                    "Nội dung": i.name,
                    "Đơn vị": i.unit,
                    **{column: i.texts[column] for column in TEXTS_KEPT},
                    **{number_column(column): _number(i.values[column]) for column in NUMBERS_KEPT},
                    "Đánh giá": i.status,
                    "Đạt chỉ tiêu nhiệm kỳ": term_target_reached(i),
                    **dict(zip(("Loại chưa xác định", "Vì sao chưa xác định"), undetermined_reason(i), strict=True)),
                }
            )
    frame = pd.DataFrame(rows, columns=TERM_COLUMNS)
    doubled = frame[frame.duplicated(["Năm", "Mã nhiệm kỳ"], keep=False)]
    if not doubled.empty:
        year, code = doubled.iloc[0][["Năm", "Mã nhiệm kỳ"]]
        names = " và ".join(f"mã {c}" for c in doubled[doubled["Năm"] == year]["Mã"])
        raise DataError(f"Lỗi dữ liệu: năm {year} có hai chỉ tiêu cùng mã nhiệm kỳ {code} ({names}); sửa '{CODE_MAP}'.")
    return frame.sort_values(["Năm"], kind="stable").reset_index(drop=True)


TEXTS_KEPT = ("Chỉ tiêu", "Kết quả", "Lũy kế nhiệm kỳ", "Chỉ tiêu nhiệm kỳ", "So sánh nhiệm kỳ")
NUMBERS_KEPT = ("Chỉ tiêu", "Kết quả", "Tỷ lệ đạt (%)", "Lũy kế nhiệm kỳ", "So sánh nhiệm kỳ")


def _number(value: VnNumber | None) -> float:
    return value.value if value is not None else float("nan")


def term_target_reached(indicator: Indicator) -> bool | None:
    """Whether the cumulative result has reached the term target, by the documented rule (data/README.md):
    `So sánh nhiệm kỳ` is the cumulative result as a percentage of the term target (of its lower bound, for
    a range): reached at 100 or more. None when the cell is no such percentage: empty, text, a negative
    difference ('-3,88 (cận dưới)'), an increase or a decrease ('Giảm 23,20%')."""
    text = indicator.texts["So sánh nhiệm kỳ"]
    value = indicator.values["So sánh nhiệm kỳ"]
    if value is None or value.value < 0 or fold(text).startswith(("tang", "giam")):
        return None
    return value.value >= 100


def undetermined_reason(indicator: Indicator) -> tuple[str, str]:
    """Why `term_target_reached` cannot say whether the term target is reached, in words a reader follows:
    (what the report lacks or gives instead, that with the report's own figures); ('', '') when it can."""
    if term_target_reached(indicator) is not None:
        return "", ""
    texts = indicator.texts
    cumulative, target, comparison = texts["Lũy kế nhiệm kỳ"], texts["Chỉ tiêu nhiệm kỳ"], texts["So sánh nhiệm kỳ"]
    if comparison:
        if fold(comparison).startswith(("tang", "giam")):
            kind = "báo cáo so sánh bằng mức tăng, giảm"
        elif fold(comparison)[:1].isalpha():
            kind = "báo cáo so sánh bằng lời nhận xét"
        else:
            kind = "báo cáo so sánh bằng một hiệu số"
        return kind, f"{kind} (“{comparison}”), không phải tỷ lệ % của chỉ tiêu nhiệm kỳ"
    if target and cumulative:
        kind = "báo cáo có lũy kế và chỉ tiêu nhiệm kỳ"
        return kind, f"báo cáo có lũy kế (“{cumulative}”) và chỉ tiêu nhiệm kỳ (“{target}”) nhưng không so sánh hai số"
    if target:
        kind = "báo cáo có chỉ tiêu nhiệm kỳ"
        return kind, f"báo cáo có chỉ tiêu nhiệm kỳ (“{target}”) nhưng không nêu lũy kế để so"
    if cumulative:
        kind = "báo cáo có lũy kế"
        return kind, f"báo cáo có lũy kế (“{cumulative}”) nhưng không nêu chỉ tiêu nhiệm kỳ để so"
    reason = "báo cáo không nêu lũy kế và chỉ tiêu nhiệm kỳ của chỉ tiêu này"
    return reason, reason
