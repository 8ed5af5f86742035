"""Indicator tables, summaries and plotly charts as HTML for the site's pages (no MkDocs needed).

Numbers are shown the Vietnamese way (1.100; 118,27); a cell that is text shows its text. Each chart
carries its figure as JSON for `assets/javascripts/charts.js` to draw with the site's own plotly.js,
and the same figures as a table that print shows instead of the chart.
"""

from __future__ import annotations

import html
import importlib.util
import json
import textwrap
from pathlib import Path

from scripts.indicators.data import DATA_DIR, UNRATED, Indicator, IndicatorSet, load
from scripts.indicators.extract import STATUSES
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
# the plotly.js that the plotly package ships; found without importing the package
PLOTLY_JS = Path(importlib.util.find_spec("plotly").origin).parent / "package_data" / "plotly.min.js"
ASSETS = ("assets/javascripts/plotly.min.js", "assets/javascripts/charts.js")


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


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def indicator_table(year: int, period: str | None = None, group: str | None = None, data_dir: Path = DATA_DIR) -> str:
    """The indicators of `year` as an HTML table grouped I–IV (or only `group`), sub-rows indented."""
    data = load(year, period, data_dir)
    rows = [i for i in data.indicators if group is None or i.group == group]
    head = "".join(f"<th>{_e(h)}</th>" for h, _ in TABLE_COLUMNS)
    lines = [
        f'<div class="bt-table-scroll"><table class="bt-indicators" data-year="{year}">',
        f"<caption>Kết quả thực hiện các chỉ tiêu Nghị quyết năm {year} ({_e(data.period)})</caption>",
        f"<thead><tr><th>Mã</th><th>Nội dung</th><th>Đơn vị</th>{head}<th>Đánh giá</th></tr></thead><tbody>",
    ]
    current_group = None
    for indicator in rows:
        if indicator.group != current_group:
            current_group = indicator.group
            span = len(TABLE_COLUMNS) + 4
            lines.append(
                f'<tr class="bt-group"><th colspan="{span}" scope="rowgroup">'
                f"{_e(indicator.group)}. {_e(indicator.group_name)}</th></tr>"
            )
        cells = "".join(
            f"<td>{_e(shown(indicator.texts[column], indicator.values[column]))}</td>" for _, column in TABLE_COLUMNS
        )
        status = (
            f'<span class="bt-status" data-status="{_e(indicator.status)}">{_e(indicator.status)}</span>'
            if indicator.status
            else ""
        )
        lines.append(
            f'<tr class="bt-depth-{indicator.depth}"><td>{_e(indicator.code)}</td>'
            f'<th scope="row">{_e(indicator.name)}</th><td>{_e(indicator.unit)}</td>{cells}<td>{status}</td></tr>'
        )
    lines.append("</tbody></table></div>")
    return "\n".join(lines)


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


_FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": 13}


def achievement_figure(data: IndicatorSet) -> dict:
    """Plotly figure (its JSON form): each main indicator's result as % of target, a 100% line, status colours."""
    rated = [i for i in data.main if i.values["Tỷ lệ đạt (%)"] is not None]
    labels = ["<br>".join(textwrap.wrap(html.escape(f"{i.code}. {i.name}"), 30)) for i in rated]  # phones
    values = [i.values["Tỷ lệ đạt (%)"].value for i in rated]  # type: ignore[union-attr]
    bar = {
        "type": "bar",
        "orientation": "h",
        "x": values,
        "y": labels,
        "marker": {"color": [STATUS_COLOURS[i.status or UNRATED] for i in rated]},
        "customdata": [[shown(i.texts["Tỷ lệ đạt (%)"], i.values["Tỷ lệ đạt (%)"]), i.status] for i in rated],
        "hovertemplate": "%{y}<br>Tỷ lệ đạt: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        "text": [format_vn_number(v, 1) + "%" for v in values],
        "textposition": "outside",
        "cliponaxis": False,
    }
    layout = {
        "separators": ",.",
        "height": 120 + 40 * len(rated),
        "margin": {"l": 10, "r": 40, "t": 30, "b": 40},
        "xaxis": {"title": {"text": "Tỷ lệ đạt so với chỉ tiêu (%)"}, "ticksuffix": "%", "rangemode": "tozero"},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "shapes": [
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": 100,
                "x1": 100,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#424242", "dash": "dash"},
            }
        ],
        "annotations": [
            {"x": 100, "xref": "x", "y": 1, "yref": "paper", "yanchor": "bottom", "text": "100%", "showarrow": False}
        ],
        "showlegend": False,
        "font": _FONT,
    }
    return {"data": [bar], "layout": layout}


def status_figure(data: IndicatorSet) -> dict:
    """Plotly figure (its JSON form): a donut of how many main indicators have each status."""
    counts = data.summary()
    statuses = [s for s in (*STATUSES, UNRATED) if counts.get(s)]
    pie = {
        "type": "pie",
        "labels": statuses,
        "values": [counts[s] for s in statuses],
        "hole": 0.55,
        "sort": False,
        "marker": {"colors": [STATUS_COLOURS[s] for s in statuses]},
        "texttemplate": "%{value}",
        "hovertemplate": "%{label}: %{value} chỉ tiêu<extra></extra>",
    }
    layout = {
        "separators": ",.",
        "height": 320,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "legend": {"orientation": "h"},
        "annotations": [{"text": f"{len(data.main)} chỉ tiêu", "showarrow": False, "font": {"size": 15}}],
        "font": _FONT,
    }
    return {"data": [pie], "layout": layout}


def indicator_chart(year: int, kind: str = "achievement", period: str | None = None, data_dir: Path = DATA_DIR) -> str:
    """A chart (`kind` 'achievement' or 'status') as HTML: the figure's JSON, its table for print.

    The page also needs `chart_scripts()` once, after its last chart.
    """
    data = load(year, period, data_dir)
    if kind == "achievement":
        figure, caption = achievement_figure(data), f"Tỷ lệ đạt so với chỉ tiêu của từng chỉ tiêu năm {year}"
        rows = [
            (f"{i.code}. {i.name}", shown(i.texts["Tỷ lệ đạt (%)"], i.values["Tỷ lệ đạt (%)"]), i.status)
            for i in data.main
        ]
        table_head = ("Chỉ tiêu", "Tỷ lệ đạt (%)", "Đánh giá")
    elif kind == "status":
        figure, caption = status_figure(data), f"Số chỉ tiêu theo mức đánh giá năm {year}"
        counts = data.summary()
        rows = [(s, f"{counts.get(s, 0):02d}/{len(data.main)}", "") for s in STATUSES]
        table_head = ("Đánh giá", "Số chỉ tiêu", "")
    else:
        raise ValueError(f"loại biểu đồ '{kind}' không có; dùng 'achievement' hoặc 'status'")
    spec = {**figure, "config": {"responsive": True, "displaylogo": False, "displayModeBar": False}}
    payload = json.dumps(spec, ensure_ascii=False).replace("</", "<\\/")
    table = "".join(
        "<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row if table_head[-1] or cell != "") + "</tr>"
        for row in rows
    )
    head = "".join(f"<th>{_e(h)}</th>" for h in table_head if h)
    return (
        f'<figure class="bt-chart" data-kind="{_e(kind)}">\n'
        f'<div class="bt-chart__plot" role="img" aria-label="{_e(caption)}"></div>\n'
        f'<script type="application/json" class="bt-chart__data">{payload}</script>\n'
        f"<figcaption>{_e(caption)}</figcaption>\n"
        f'<table class="bt-chart__table"><thead><tr>{head}</tr></thead><tbody>{table}</tbody></table>\n'
        "</figure>\n"
    )


def chart_scripts(asset_prefix: str) -> str:
    """The script tags that draw charts, with `asset_prefix` leading from the page to the site root."""
    return "".join(f'<script src="{_e(asset_prefix + path)}" defer></script>' for path in ASSETS)


__all__ = ["indicator_chart", "indicator_summary", "indicator_table", "shown", "Indicator"]
