"""mkdocs-macros adapter: registers the data functions pages may call; the work is in `scripts`.

Only pages with `render_macros: true` are rendered (imported bulletins never are); a macro error or an
undefined name stops the build (see `plugins.macros` in mkdocs.yml).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts.indicators import render as indicators

CHART_MARK = 'class="bt-chart"'


def define_env(env) -> None:
    """Register the functions; `env` is the mkdocs-macros environment."""
    data = Path(env.conf["config_file_path"]).parent / "data"  # the data beside this site's mkdocs.yml

    @env.macro
    def indicator_table(year: int, period: str | None = None, group: str | None = None) -> str:
        return indicators.indicator_table(year, period, group, data_dir=data / "indicators")

    @env.macro
    def indicator_summary(year: int, period: str | None = None) -> str:
        return indicators.indicator_summary(year, period, data_dir=data / "indicators")

    @env.macro
    def indicator_chart(year: int, kind: str = "achievement", period: str | None = None) -> str:
        return indicators.indicator_chart(year, kind, period, data_dir=data / "indicators")


def on_post_page_macros(env) -> None:
    """Pages with a chart, and only those, load plotly.js and the script that draws the charts."""
    if CHART_MARK in env.markdown:
        to_root = "../" * env.page.url.count("/")  # 'chi-tieu/2023/' → '../../'
        env.markdown += "\n\n" + indicators.chart_scripts(to_root) + "\n"


def on_post_build(env) -> None:
    """Ship the plotly.js of the installed plotly package with the site (nothing comes from a CDN)."""
    target = Path(env.conf["site_dir"]) / indicators.ASSETS[0]
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(indicators.PLOTLY_JS, target)
