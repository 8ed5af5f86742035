"""Indicator tables, summaries and plotly charts as HTML for the site's pages (no MkDocs needed).

Numbers are shown the Vietnamese way (1.100; 118,27); a cell that is text shows its text. Each chart
is built with plotly's Python API and carries its figure as JSON for `assets/javascripts/charts.js` to
draw with the site's own plotly.js (the basic bundle, vendored), and the same figures as a table that print
shows instead of the chart. plotly is imported only when a chart is rendered.
"""

from __future__ import annotations

import html
import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

from scripts.indicators.data import DATA_DIR, UNRATED, Indicator, IndicatorSet, code_map, load, previous
from scripts.indicators.extract import STATUSES
from scripts.markup import escape as _e
from scripts.markup import script_json
from scripts.vietnamese import VnNumber, format_vn_number

STATUS_COLOURS = {"đạt và vượt": "#2e7d32", "xấp xỉ đạt": "#f9a825", "chưa đạt": "#c62828", UNRATED: "#9e9e9e"}
TABLE_COLUMNS = [  # (heading, text column)
    ("Chỉ tiêu", "Chỉ tiêu"),
    ("Kết quả", "Kết quả"),
    ("Tỷ lệ đạt (%)", "Tỷ lệ đạt (%)"),
    ("So với cùng kỳ (%)", "So với cùng kỳ (%)"),
    ("Lũy kế nhiệm kỳ", "Lũy kế nhiệm kỳ"),
    ("Chỉ tiêu nhiệm kỳ", "Chỉ tiêu nhiệm kỳ"),
    ("So sánh nhiệm kỳ", "So sánh nhiệm kỳ"),
]


def shown(text: str, value: VnNumber | None) -> str:
    """A cell as readers see it: '105.80' → '105,8', '4.500-5.000' → '4.500–5.000', text unchanged."""
    if value is None or text.lower().startswith(("tăng", "giảm")):
        return text
    number = format_vn_number(value.value)
    if value.upper is not None:
        number += "–" + format_vn_number(value.upper)
    if value.comparator:
        number = f"{value.comparator} {number}"
    if value.percent:
        number += "%"
    return f"{number} {value.note}".strip()


def indicator_table(year: int, period: str | None = None, group: str | None = None, data_dir: Path = DATA_DIR) -> str:
    """The indicators of `year` as an HTML table grouped I–IV (or only `group`), sub-rows indented.

    The name and the assessment come first, where a phone sees them: on a narrow screen each row stacks
    into a card whose figures carry their column's name (`data-label`); on a wide one the name column
    stays while the figures scroll, and a line says that the table scrolls."""
    data = load(year, period, data_dir)
    rows = [i for i in data.indicators if group is None or i.group == group]
    before = _previous_results(data, data_dir)
    head = "".join(f"<th>{_e(h)}</th>" for h, _ in TABLE_COLUMNS)
    if before is not None:
        head += f"<th>Kết quả {year - 1}</th>"
    lines = [
        '<p class="bt-table-hint">Bảng rộng: kéo sang ngang để xem các cột số liệu.</p>',
        f'<div class="bt-table-scroll" tabindex="0" role="region" aria-label="Bảng chỉ tiêu năm {year}">'
        f'<table class="bt-indicators" data-year="{year}">',
        f"<caption>Kết quả thực hiện các chỉ tiêu Nghị quyết năm {year} ({_e(data.period)})</caption>",
        f"<thead><tr><th>Mã</th><th>Nội dung</th><th>Đánh giá</th><th>Đơn vị</th>{head}</tr></thead><tbody>",
    ]
    current_group = None
    for indicator in rows:
        if indicator.group != current_group:
            current_group = indicator.group
            span = len(TABLE_COLUMNS) + 4 + (before is not None)
            lines.append(
                f'<tr class="bt-group"><th colspan="{span}" scope="rowgroup">'
                f"{_e(indicator.group)}. {_e(indicator.group_name)}</th></tr>"
            )
        cells = "".join(
            labelled_cell(heading, shown(indicator.texts[column], indicator.values[column]))
            for heading, column in TABLE_COLUMNS
        )
        if before is not None:
            cells += labelled_cell(f"Kết quả {year - 1}", before.get(indicator.code, ""))
        status = (
            f'<span class="bt-status" data-status="{_e(indicator.status)}">{_e(indicator.status)}</span>'
            if indicator.status
            else ""
        )
        lines.append(
            f'<tr class="bt-depth-{indicator.depth}"><td class="bt-code">{_e(indicator.code)}</td>'
            f'<th scope="row">{_e(indicator.name)}</th><td class="bt-assessment">{status}</td>'
            f"{labelled_cell('Đơn vị', indicator.unit)}{cells}</tr>"
        )
    lines.append("</tbody></table></div>")
    return "\n".join(lines)


def _previous_results(data: IndicatorSet, data_dir: Path) -> dict[str, str] | None:
    """The same period's results of the year before, by this year's indicator codes (through doi-ma.csv
    where an indicator was renumbered); None when there is no file for that year."""
    before = previous(data, data_dir)
    if before is None:
        return None
    mapping = code_map(data_dir)
    this_year = {mapping.get((data.year, i.code), i.code): i.code for i in data.indicators}
    return {
        this_year[term]: shown(i.texts["Kết quả"], i.values["Kết quả"])
        for i in before.indicators
        if (term := mapping.get((before.year, i.code), i.code)) in this_year
    }


def labelled_cell(heading: str, text: str) -> str:
    """A figure's cell, named for the stacked phone layout; an empty one is marked so the card leaves it out."""
    empty = "" if text.strip() else ' class="bt-empty"'
    return f'<td data-label="{_e(heading)}"{empty}>{_e(text)}</td>'


def indicator_summary(year: int, period: str | None = None, data_dir: Path = DATA_DIR) -> str:
    """'17/24 đạt và vượt · 01/24 xấp xỉ đạt · 06/24 chưa đạt', as a list readers and print both see."""
    data = load(year, period, data_dir)
    counts, total = data.summary(), len(data.main)
    items = [
        f'<li data-status="{_e(status)}"><strong>{counts.get(status, 0):02d}/{total}</strong> '
        f"chỉ tiêu {_e(status)}</li>"
        for status in (*STATUSES, UNRATED)
        if status in STATUSES or counts.get(status)
    ]
    return (
        f'<ul class="bt-summary" aria-label="Tổng hợp kết quả {total} chỉ tiêu năm {year}">' + "".join(items) + "</ul>"
    )


FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": 13, "color": "#212121"}
# status is told by words (in each label) and by a pattern, not by colour alone
STATUS_PATTERNS = {"đạt và vượt": "", "xấp xỉ đạt": ".", "chưa đạt": "/", UNRATED: "x"}
ROW = 86  # px per indicator: its label (up to three lines) above, its bar under it


def _figure_json(figure) -> dict:
    """A plotly figure as the JSON plotly.js draws (plotly's own encoder), with the site's chart config."""
    spec = json.loads(figure.to_json())
    # plotly.py's default template (~7 KB a figure) restates what the site's charts set themselves or
    # plotly.js draws by default: left out, each chart page is ~90 KB lighter to build and to send
    spec["layout"].pop("template", None)
    spec["config"] = {"responsive": True, "displaylogo": False, "displayModeBar": False}
    return spec


@dataclass(frozen=True)
class Bar:
    """One indicator's row of a share chart: its bar (None: no bar, its words only) and what it says."""

    code: str
    name: str
    value: float | None  # the share, in %
    shown: str  # the share as the report prints it (hover), or its words
    verdict: str  # 'đạt và vượt', 'chưa đạt'…: after the figure on the label
    colour: str
    pattern: str
    note: str = ""  # said on hover: why there is no bar ('báo cáo không nêu chỉ tiêu nhiệm kỳ…')


def share_figure(bars: list[Bar], axis_title: str, hover_title: str):
    """Indicators as horizontal bars of a share in %, legible on a 360 px phone: each one's code, short
    name, figure and verdict on a line above its bar (so the bars keep the width), a mark at 100% on each
    bar's row (never through a label), colour and pattern by verdict (never colour alone). One without a
    share keeps its line, with its words and no bar."""
    import plotly.graph_objects as go  # only a data page pays for plotly

    values = [bar.value for bar in bars]
    top = max([110.0, *(v * 1.08 for v in values if v is not None)])
    positions = [-index for index in range(len(bars))]
    figure = go.Figure(
        go.Bar(
            orientation="h",
            x=values,
            y=positions,
            width=0.28,
            marker={
                "color": [bar.colour for bar in bars],
                "pattern": {
                    "shape": [bar.pattern for bar in bars],
                    "fgcolor": "#ffffff",
                    "size": 6,
                    "fillmode": "overlay",
                },
            },
            customdata=[[f"{bar.code}. {bar.name}", bar.shown or "—", _hover_note(bar.note)] for bar in bars],
            hovertemplate="%{customdata[0]}<br>" + hover_title + ": %{customdata[1]}%{customdata[2]}<extra></extra>",
        )
    )
    labels, marks = [], []
    for position, bar in zip(positions, bars, strict=True):
        figure_text = format_vn_number(bar.value, 1) + "%" if bar.value is not None else bar.shown
        label = f"<b>{html.escape(bar.code)}. {wrapped_label(bar.name)}</b><br>{verdict_line(figure_text, bar.verdict)}"
        labels.append({
            "x": 0, "y": position + 0.17, "xref": "paper", "yref": "y", "xanchor": "left", "yanchor": "bottom",
            "text": label, "showarrow": False, "align": "left",
        })  # fmt: skip
        marks.append({
            "type": "line", "x0": 100, "x1": 100, "y0": position - 0.22, "y1": position + 0.15, "xref": "x",
            "yref": "y", "line": {"color": "#424242", "width": 2},
        })  # fmt: skip
    # all at once: plotly checks each against its schema either way, but adding them one by one checks the
    # list again at every addition
    figure.update_layout(
        annotations=labels,
        shapes=marks,
        separators=",.",
        height=70 + ROW * len(bars),
        margin={"l": 8, "r": 12, "t": 8, "b": 48},
        bargap=0,
        showlegend=False,
        font=FONT,
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        xaxis={
            "range": [0, top],
            "ticksuffix": "%",
            "tickangle": 0,
            "nticks": 5,
            "fixedrange": True,
            "automargin": True,
            "gridcolor": "#e0e0e0",
            "title": {"text": axis_title, "font": {"size": 12}},
        },
        yaxis={
            "range": [positions[-1] - 0.5, 0.9] if positions else [-1, 1],
            "showticklabels": False,
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "automargin": True,
        },
    )
    return figure


def verdict_line(figure_text: str, verdict: str) -> str:
    """'118,3% · đạt và vượt'; a verdict the report gives without a figure stands alone ('đạt và vượt', not
    'chưa có số liệu · đạt và vượt'); 'chưa có số liệu' only where there is neither."""
    if figure_text:
        return f"{html.escape(figure_text)} · {html.escape(verdict)}"
    if verdict == UNRATED:
        return "chưa có số liệu"
    return html.escape(verdict)


def _hover_note(note: str) -> str:
    return "<br>" + "<br>".join(html.escape(line) for line in textwrap.wrap(note, 40)) if note else ""


def short_name(name: str, width: int = 30) -> str:
    """An indicator's name cut at a word to about `width` characters, '…' where cut (a legend's line)."""
    if len(name) <= width:
        return name
    cut = name[: width + 1].rsplit(" ", 1)[0] if " " in name[:width] else name[:width]
    return cut.rstrip(" ,;:(–-") + "…"


def achievement_figure(data: IndicatorSet, group: str):
    """Each main indicator of `group`: its result as % of the year's target (the report's words where it
    gives no percentage), coloured by its assessment."""
    bars = []
    for i in (i for i in data.main if i.group == group):
        rate, status = i.values["Tỷ lệ đạt (%)"], i.status or UNRATED
        bars.append(
            Bar(
                i.code,
                i.name,
                rate.value if rate is not None else None,
                shown(i.texts["Tỷ lệ đạt (%)"], rate),
                status,
                STATUS_COLOURS[status],
                STATUS_PATTERNS[status],
            )
        )
    return share_figure(bars, "Tỷ lệ đạt so với chỉ tiêu năm (vạch đứng: 100%)", "Tỷ lệ đạt")


def wrapped_label(name: str, width: int = 34, lines: int = 2) -> str:
    """An indicator's name over at most `lines` lines a 360 px phone can hold, cut at a word ('…')."""
    wrapped = textwrap.wrap(name, width)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1].rstrip(" ,;") + "…"
    return "<br>".join(html.escape(line) for line in wrapped)


def status_figure(data: IndicatorSet):
    """A donut of how many main indicators have each status; each slice says its status and count."""
    import plotly.graph_objects as go

    counts = data.summary()
    statuses = [s for s in (*STATUSES, UNRATED) if counts.get(s)]
    figure = go.Figure(
        go.Pie(
            labels=statuses,
            values=[counts[s] for s in statuses],
            hole=0.55,
            sort=False,
            direction="clockwise",
            marker={
                "colors": [STATUS_COLOURS[s] for s in statuses],
                "pattern": {
                    "shape": [STATUS_PATTERNS[s] for s in statuses],
                    "fgcolor": "#ffffff",
                    "size": 6,
                    "fillmode": "overlay",
                },
            },
            texttemplate="%{value}",
            # the counts beside their slices, dark on the page's white (≥ 4.5:1): on a light or patterned
            # slice a number in it is hard to read
            textposition="outside",
            textfont={"color": "#212121", "size": 15},
            hovertemplate="%{label}: %{value} chỉ tiêu<extra></extra>",
        )
    )
    figure.update_layout(
        separators=",.",
        height=320,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.05},
        annotations=[{"text": f"{len(data.main)} chỉ tiêu", "showarrow": False, "font": {"size": 15}}],
        font=FONT,
    )
    return figure


def indicator_chart(year: int, kind: str = "achievement", period: str | None = None, data_dir: Path = DATA_DIR) -> str:
    """Charts (`kind` 'achievement': one per group I–IV; 'status': one) as HTML: each figure's JSON, drawn
    by assets/javascripts/charts.js, which the page names in its front matter, and its table for print."""
    data = load(year, period, data_dir)
    if kind == "achievement":
        groups = list(dict.fromkeys(i.group for i in data.main))
        return "".join(
            chart_html(
                "achievement",
                achievement_figure(data, group),
                f"Nhóm {group}. {next(i.group_name for i in data.main if i.group == group)}: "
                f"tỷ lệ đạt so với chỉ tiêu năm {year}",
                ("Chỉ tiêu", "Tỷ lệ đạt (%)", "Đánh giá"),
                [
                    (f"{i.code}. {i.name}", shown(i.texts["Tỷ lệ đạt (%)"], i.values["Tỷ lệ đạt (%)"]), i.status)
                    for i in data.main
                    if i.group == group
                ],
            )
            for group in groups
        )
    if kind == "status":
        counts = data.summary()
        rows = [(s, f"{counts.get(s, 0):02d}/{len(data.main)}") for s in STATUSES]
        caption = f"Số chỉ tiêu theo mức đánh giá năm {year}"
        return chart_html("status", status_figure(data), caption, ("Đánh giá", "Số chỉ tiêu"), rows)
    raise ValueError(f"loại biểu đồ '{kind}' không có; dùng 'achievement' hoặc 'status'")


def chart_html(kind: str, figure, caption: str, head: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    payload = script_json(_figure_json(figure))
    table = "".join("<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    heading = "".join(f"<th>{_e(h)}</th>" for h in head)
    return (
        f'<figure class="bt-chart" data-kind="{_e(kind)}">\n'
        f"<figcaption>{_e(caption)}</figcaption>\n"
        f'<div class="bt-chart__plot" role="img" aria-label="{_e(caption)}"></div>\n'
        f'<script type="application/json" class="bt-chart__data">{payload}</script>\n'
        f'<table class="bt-chart__table"><thead><tr>{heading}</tr></thead><tbody>{table}</tbody></table>\n'
        "</figure>\n"
    )


__all__ = ["indicator_chart", "indicator_summary", "indicator_table", "shown", "Indicator"]
