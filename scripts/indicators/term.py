"""The resolution's indicators over its term (2020–2025): what each year's file says, side by side.

`term_table(first, last)` (pandas, scripts/indicators/data.py) holds one row per main indicator and year;
this module turns it into the term page's parts: a summary (which years have data, which are missing, how
many indicators have reached their term target), a table per group I–IV (each year's result against its
yearly target with the year's assessment, then the cumulative result against the term target), and two
charts per group built with plotly's Python API (the share of the term target reached; the share of each
year's target, year by year), drawn by the site's plotly.js like the yearly charts.

Nothing is invented: a year without a file is shown as missing, never filled in.
"""

from __future__ import annotations

import html
from pathlib import Path

from scripts.indicators.data import DATA_DIR, term_table
from scripts.indicators.render import FONT, STATUS_COLOURS, Bar, chart_html, labelled_cell, share_figure, short_name
from scripts.markup import escape as _e

REACHED = {True: "đã đạt", False: "chưa đạt", None: "chưa xác định"}
REACHED_COLOURS = {True: STATUS_COLOURS["đạt và vượt"], False: STATUS_COLOURS["chưa đạt"], None: "#9e9e9e"}
REACHED_PATTERNS = {True: "", False: "/", None: "x"}
YEAR_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "star", "cross", "hexagon"]


def _years(first: int, last: int, data_dir: Path):
    frame = term_table(first, last, data_dir)
    present = sorted(int(year) for year in frame["Năm"].unique())
    missing = [year for year in range(first, last + 1) if year not in present]
    return frame, present, missing


def _latest(frame):
    """Each indicator's row of the latest year that has it, in the order of the indicators' codes."""
    latest = frame.sort_values("Năm").groupby("Mã nhiệm kỳ", sort=False).tail(1)
    order = latest["Mã nhiệm kỳ"].map(lambda code: tuple(int(part) for part in code.split(".")))
    return latest.assign(_order=order).sort_values("_order").drop(columns="_order")


def term_summary(first: int, last: int, data_dir: Path = DATA_DIR) -> str:
    """Which years have data and which are missing; how many indicators have reached their term target."""
    frame, present, missing = _years(first, last, data_dir)
    if not present:
        return f'<p class="bt-term-missing">Chưa có số liệu chỉ tiêu năm nào từ {first} đến {last}.</p>'
    latest = _latest(frame)
    counts = latest["Đạt chỉ tiêu nhiệm kỳ"].map(REACHED.get).value_counts()
    total = len(latest)
    years = ", ".join(str(year) for year in present)
    lines = [f'<p class="bt-term-years">Có số liệu: năm {years}.']
    if missing:
        lines.append(
            f' <strong class="bt-term-missing">Chưa có số liệu các năm: {", ".join(map(str, missing))}</strong> '
            "(bảng và biểu đồ để trống các năm này, không ước tính)."
        )
    lines.append("</p>")
    items = "".join(
        f'<li data-reached="{_e(word)}"><strong>{counts.get(word, 0):02d}/{total}</strong> chỉ tiêu {_e(word)}'
        f"{' chỉ tiêu nhiệm kỳ' if word != 'chưa xác định' else ' được từ số liệu'}"
        f"{_why_undetermined(latest) if word == 'chưa xác định' else ''}</li>"
        for word in REACHED.values()
    )
    lines.append(
        f'<ul class="bt-summary" aria-label="Chỉ tiêu nhiệm kỳ theo số liệu mới nhất">{items}</ul>'
        f'<p class="bt-term-basis">Theo lũy kế nhiệm kỳ của năm có số liệu mới nhất ({present[-1]}); quy tắc: '
        "lũy kế từ 100% chỉ tiêu nhiệm kỳ trở lên là đã đạt; so sánh không tính được bằng % là chưa xác định.</p>"
    )
    return "".join(lines)


def _why_undetermined(latest) -> str:
    """The reasons the undetermined indicators have, counted: ' (7 vì báo cáo không nêu …; 2 vì …)'."""
    kinds = latest["Loại chưa xác định"]
    kinds = kinds[kinds != ""]
    if kinds.empty:
        return ""
    listed = "; ".join(f"{count} vì {_e(kind)}" for kind, count in kinds.value_counts().items())
    return f": {listed} (từng chỉ tiêu ở cột “Nhiệm kỳ” của bảng)"


def term_table_html(first: int, last: int, group: str | None = None, data_dir: Path = DATA_DIR) -> str:
    """Per indicator: each year's result against its yearly target and the year's assessment (a missing year
    says so), then the latest cumulative result against the term target and whether it has been reached."""
    frame, present, _ = _years(first, last, data_dir)
    years = list(range(first, last + 1))
    latest = _latest(frame)
    if group is not None:
        latest = latest[latest["Nhóm"] == group]
    by_year = {(row["Mã nhiệm kỳ"], row["Năm"]): row for row in frame.to_dict(orient="records")}
    head = "".join(f"<th>{year}</th>" for year in years)
    lines = [
        '<p class="bt-table-hint">Bảng rộng: kéo sang ngang để xem các năm.</p>',
        f'<div class="bt-table-scroll" tabindex="0" role="region" aria-label="Chỉ tiêu nhiệm kỳ {first}–{last}">'
        f'<table class="bt-indicators bt-term" data-first="{first}" data-last="{last}">',
        f"<caption>Kết quả từng năm so với chỉ tiêu năm, và lũy kế so với chỉ tiêu nhiệm kỳ {first}–{last}</caption>",
        "<thead><tr><th>Mã</th><th>Nội dung</th>"
        f"{head}<th>Lũy kế nhiệm kỳ</th><th>Chỉ tiêu nhiệm kỳ</th><th>Nhiệm kỳ</th></tr></thead><tbody>",
    ]
    current = None
    for row in latest.to_dict(orient="records"):
        if row["Nhóm"] != current:
            current = row["Nhóm"]
            lines.append(
                f'<tr class="bt-group"><th colspan="{len(years) + 5}" scope="rowgroup">'
                f"{_e(current)}. {_e(row['Tên nhóm'])}</th></tr>"
            )
        cells = []
        for year in years:
            found = by_year.get((row["Mã nhiệm kỳ"], year))
            if found is None:  # a card on a phone leaves it out: the summary names the missing years
                missing = "chưa có" if year not in present else "không có"
                cells.append(f'<td data-label="{year}" class="bt-empty">{missing}</td>')
                continue
            text = f"{found['Kết quả'] or '—'} / {found['Chỉ tiêu'] or '—'}"
            status = found["Đánh giá"]
            badge = f'<span class="bt-status" data-status="{_e(status)}">{_e(status)}</span>' if status else ""
            cells.append(f'<td data-label="{year} (kết quả / chỉ tiêu năm)">{_e(text)} {badge}</td>')
        reached = REACHED[row["Đạt chỉ tiêu nhiệm kỳ"]]
        renamed = _renamed(frame, row)
        cumulative = labelled_cell(f"Lũy kế ({row['Năm']})", row["Lũy kế nhiệm kỳ"])
        lines.append(
            f'<tr><td class="bt-code">{_e(row["Mã nhiệm kỳ"])}</td>'
            f'<th scope="row">{_e(row["Nội dung"])}{renamed}</th>{"".join(cells)}'
            f"{cumulative}"
            f"{labelled_cell('Chỉ tiêu nhiệm kỳ', row['Chỉ tiêu nhiệm kỳ'])}"
            f'<td data-label="Nhiệm kỳ" data-reached="{_e(reached)}">{_e(reached)}{_why(row)}</td></tr>'
        )
    lines.append("</tbody></table></div>")
    return "\n".join(lines)


def _because(row: dict) -> str:
    """'Vì báo cáo …': why the indicator cannot be judged, as a sentence ('' when it can)."""
    reason = row["Vì sao chưa xác định"]
    return f"Vì {reason}." if reason else ""


def _why(row: dict) -> str:
    because = _because(row)
    return f'<br><small class="bt-term-why">{_e(because)}</small>' if because else ""


def _renamed(frame, row: dict) -> str:
    """A note of the years whose file gave the indicator another code or name than the latest's."""
    notes = []
    for other in frame[frame["Mã nhiệm kỳ"] == row["Mã nhiệm kỳ"]].sort_values("Năm").to_dict(orient="records"):
        parts = [f"mã {other['Mã']}"] if other["Mã"] != row["Mã nhiệm kỳ"] else []
        parts += [f"«{other['Nội dung']}»"] if other["Nội dung"] != row["Nội dung"] else []
        if parts:
            notes.append(f"năm {other['Năm']}: {', '.join(parts)}")
    return f'<br><small class="bt-term-renamed">({_e("; ".join(notes))})</small>' if notes else ""


def term_figure(latest, group: str):
    """Each indicator of `group`: its cumulative result as % of the term target (the latest year's), coloured
    by whether it is reached; one whose comparison is no such share keeps its line, with no bar."""
    bars = []
    for row in latest[latest["Nhóm"] == group].to_dict(orient="records"):
        reached = row["Đạt chỉ tiêu nhiệm kỳ"]
        bars.append(
            Bar(
                row["Mã nhiệm kỳ"],
                row["Nội dung"],
                row["So sánh nhiệm kỳ (số)"] if reached is not None else None,
                row["So sánh nhiệm kỳ"],
                f"{REACHED[reached]} ({row['Năm']})",
                REACHED_COLOURS[reached],
                REACHED_PATTERNS[reached],
                _because(row),
            )
        )
    return share_figure(bars, "Lũy kế so với chỉ tiêu nhiệm kỳ (vạch đứng: 100%)", "So với chỉ tiêu nhiệm kỳ")


def years_figure(frame, group: str, first: int, last: int):
    """The share of each year's target reached, year by year: one line per indicator of `group` (named by
    its code, the legend under the plot), every year of the term on the axis so that missing ones show."""
    import plotly.graph_objects as go

    rows = frame[frame["Nhóm"] == group]
    lines = [
        go.Scatter(
            x=years["Năm"].tolist(),
            y=years["Tỷ lệ đạt (số)"].tolist(),
            mode="lines+markers",
            # the legend: the short name, cut at a word ('…'); the whole name on hover or tap
            name=f"{code}. {html.escape(short_name(years['Nội dung'].iloc[-1]))}",
            marker={"symbol": YEAR_SYMBOLS[number % len(YEAR_SYMBOLS)], "size": 9},
            customdata=[f"{html.escape(str(code))}. {html.escape(years['Nội dung'].iloc[-1])}"] * len(years),
            hovertemplate="%{customdata}<br>%{x}: %{y:,.2f}% chỉ tiêu năm<extra></extra>",
            connectgaps=False,
        )
        for number, (code, years) in enumerate(
            (code, years.sort_values("Năm")) for code, years in rows.groupby("Mã nhiệm kỳ", sort=False)
        )
    ]
    figure = go.Figure(data=lines)  # the traces at once: adding them one by one checks the list each time
    hundred = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 100, "y1": 100}
    figure.update_layout(
        shapes=[{**hundred, "line": {"color": "#424242", "width": 1, "dash": "dash"}}],
        separators=",.",
        height=360 + 22 * rows["Mã nhiệm kỳ"].nunique(),
        margin={"l": 8, "r": 12, "t": 8, "b": 8},
        font=FONT,
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        legend={"orientation": "h", "y": -0.15, "yanchor": "top", "x": 0, "font": {"size": 12}},
        xaxis={
            "range": [first - 0.5, last + 0.5],
            "tickmode": "linear",
            "dtick": 1,
            "tickformat": "d",
            "fixedrange": True,
            "automargin": True,
            "gridcolor": "#e0e0e0",
        },
        yaxis={
            "ticksuffix": "%",
            "rangemode": "tozero",
            "fixedrange": True,
            "automargin": True,
            "gridcolor": "#e0e0e0",
            "title": {"text": "Tỷ lệ đạt so với chỉ tiêu năm", "font": {"size": 12}},
        },
    )
    return figure


def term_chart(first: int, last: int, kind: str = "term", data_dir: Path = DATA_DIR) -> str:
    """Per group I–IV, a chart (`kind` 'term': the share of the term target; 'years': each year's share of
    its target) as HTML, each with its figures as a table for print."""
    frame, _, _ = _years(first, last, data_dir)
    latest = _latest(frame)
    groups = list(dict.fromkeys(latest["Nhóm"]))
    names = dict(zip(latest["Nhóm"], latest["Tên nhóm"], strict=True))
    parts = []
    for group in groups:
        rows = latest[latest["Nhóm"] == group].to_dict(orient="records")
        if kind == "term":
            caption = f"Nhóm {group}. {names[group]}: lũy kế so với chỉ tiêu nhiệm kỳ {first}–{last}"
            table = [
                (f"{r['Mã nhiệm kỳ']}. {r['Nội dung']}", r["So sánh nhiệm kỳ"], REACHED[r["Đạt chỉ tiêu nhiệm kỳ"]])
                for r in rows
            ]
            parts.append(
                chart_html(
                    "term", term_figure(latest, group), caption, ("Chỉ tiêu", "So với nhiệm kỳ", "Nhiệm kỳ"), table
                )
            )
        elif kind == "years":
            caption = f"Nhóm {group}. {names[group]}: tỷ lệ đạt chỉ tiêu năm, {first}–{last}"
            table = [
                (f"{r['Mã nhiệm kỳ']}. {r['Nội dung']}", str(r["Năm"]), r["Kết quả"], r["Chỉ tiêu"], r["Đánh giá"])
                for r in frame[frame["Nhóm"] == group].sort_values(["Mã nhiệm kỳ", "Năm"]).to_dict(orient="records")
            ]
            head = ("Chỉ tiêu", "Năm", "Kết quả", "Chỉ tiêu năm", "Đánh giá")
            parts.append(chart_html("years", years_figure(frame, group, first, last), caption, head, table))
        else:
            raise ValueError(f"loại biểu đồ '{kind}' không có; dùng 'term' hoặc 'years'")
    return "".join(parts)
