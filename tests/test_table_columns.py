"""scripts/table_columns.py: which column of a table is running text, which holds short cells."""

from __future__ import annotations

import random

import markdown

from scripts.table_columns import ONE_LINE, column_kinds

WORDS = "kết nạp đảng viên mới tốc độ tăng trưởng kinh tế chi bộ trong sạch vững mạnh toàn diện".split()


def _table(seed: int) -> tuple[list[list[str]], int]:
    """Rows of a made-up indicator table: a number, running text in a random column, figures and units."""
    rng = random.Random(seed)
    width = rng.randint(3, 9)
    text_column = rng.randrange(width)
    rows = []
    for _ in range(rng.randint(3, 40)):
        row = []
        for column in range(width):
            if column == text_column:
                row.append(" ".join(rng.choices(WORDS, k=rng.randint(5, 14))))
            else:
                row.append(rng.choice([f"{rng.randint(1, 9999):,}".replace(",", "."), "%", "ĐV", "118,27", ""]))
        rows.append(row)
    return rows, text_column


def test_the_running_text_column_and_the_short_ones_are_found_wherever_they_stand():
    for seed in range(200):
        rows, text_column = _table(seed)
        kinds = column_kinds(rows)
        assert kinds[text_column] == "text", (seed, kinds)
        assert all(kind == "short" for n, kind in enumerate(kinds) if n != text_column and any(r[n] for r in rows))


def test_a_table_of_short_cells_has_no_text_column_and_an_empty_table_nothing():
    assert column_kinds([["1", "2"], ["3", "ĐV"]]) == ["short", "short"]
    assert column_kinds([]) == []


def test_the_classes_reach_the_html_and_long_headers_are_marked():
    source = (
        "| TT | NỘI DUNG | Lũy kế thực hiện từ đầu nhiệm kỳ đến cuối năm 2023 |\n|---|---|---|\n"
        "| 1 | Kết nạp đảng viên mới trong năm 2023 | 4.078 |\n"
        "| 2 | Chi bộ trong sạch vững mạnh | Tăng 3,06 (16/ 1) |\n"
    )
    html = markdown.markdown(source, extensions=["tables", "scripts.table_columns"])
    assert '<th class="bt-col-text">NỘI DUNG</th>' in html
    assert '<th class="bt-head-longer bt-col-short">Lũy kế' in html
    assert '<td class="bt-col-short bt-cell-short">4.078</td>' in html
    assert len("Tăng 3,06 (16/ 1)") > ONE_LINE and '<td class="bt-col-short">Tăng 3,06' in html
