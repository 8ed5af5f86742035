"""mkdocs-macros adapter: registers the data functions pages may call; the work is in `scripts`.

Only pages with `render_macros: true` are rendered (imported bulletins never are); a macro error or an
undefined name stops the build (see `plugins.macros` in mkdocs.yml).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts.indicators import render as indicators
from scripts.tasks import render as tasks

CHART_MARK = 'class="bt-chart"'
FILTER_MARK = "data-bt-filter="
FILTER_SCRIPT = "assets/javascripts/loc-nhiem-vu.js"


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

    @env.macro
    def task_overview(year: int) -> str:
        return tasks.task_overview(year, data_dir=data / "tasks")

    @env.macro
    def task_table(year: int, leader: str | None = None) -> str:
        return tasks.task_table(year, leader, data_dir=data / "tasks")


def on_post_page_macros(env) -> None:
    """Pages with a chart (or a filter box), and only those, load the scripts they need."""
    to_root = "../" * env.page.url.count("/")  # 'chi-tieu/2023/' → '../../'
    if CHART_MARK in env.markdown:
        env.markdown += "\n\n" + indicators.chart_scripts(to_root) + "\n"
    if FILTER_MARK in env.markdown:
        env.markdown += f'\n\n<script src="{to_root}{FILTER_SCRIPT}" defer></script>\n'


def on_post_build(env) -> None:
    """Ship the plotly.js of the installed plotly package with the site (nothing comes from a CDN)."""
    target = Path(env.conf["site_dir"]) / indicators.ASSETS[0]
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(indicators.PLOTLY_JS, target)
