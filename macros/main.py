"""mkdocs-macros adapter: registers the data functions pages may call; the work is in `scripts`.

Only pages with `render_macros: true` are rendered (imported bulletins never are); a macro error or an
undefined name stops the build (see `plugins.macros` in mkdocs.yml). Nothing here hooks into the build's
events: a page that needs a script names it in its front matter (`scripts:`, loaded by overrides/main.html),
and the scripts are files under docs/, so that any builder that runs `define_env` builds the same site.
"""

from __future__ import annotations

from pathlib import Path

from scripts.indicators import render as indicators
from scripts.indicators import term
from scripts.tasks import render as tasks


def define_env(env) -> None:
    """Register the functions; `env` is the mkdocs-macros environment."""
    data = Path(env.project_dir) / "data"  # the data beside this site's mkdocs.yml

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
    def term_summary(first: int, last: int) -> str:
        return term.term_summary(first, last, data_dir=data / "indicators")

    @env.macro
    def term_table(first: int, last: int, group: str | None = None) -> str:
        return term.term_table_html(first, last, group, data_dir=data / "indicators")

    @env.macro
    def term_chart(first: int, last: int, kind: str = "term") -> str:
        return term.term_chart(first, last, kind, data_dir=data / "indicators")

    @env.macro
    def task_overview(year: int) -> str:
        return tasks.task_overview(year, data_dir=data / "tasks")

    @env.macro
    def task_table(year: int, leader: str | None = None) -> str:
        return tasks.task_table(year, leader, data_dir=data / "tasks")
