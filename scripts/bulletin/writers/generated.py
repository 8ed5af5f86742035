"""Generated files carry a checksum line, so that a later import can tell an editor's hand edits.

The line is a YAML comment: at the top of a `.nav.yml`, or the first line of a page's front matter.

A page's `title:` and the names in a `.nav.yml` are HTML to the builders (MkDocs makes a title from the
page's heading as HTML; the theme prints both as they are in the menu, the header and `<title>`): this is the
one place where text from a file reaches them, and it is escaped here, so that 'Tỷ lệ <5%' reads as text.
"""

from __future__ import annotations

import hashlib
import html
import re

import yaml

_STAMP = "# Tạo tự động bởi scripts.bulletin (sửa tay thì lần nhập sau phải dùng --force) sha256:{digest}"
_STAMP_RE = re.compile(r"^# Tạo tự động bởi scripts\.bulletin .*sha256:([0-9a-f]{64})\n", re.MULTILINE)


def _digest(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def stamp_yaml(content: str) -> str:
    """A YAML file with its checksum line on top."""
    return _STAMP.format(digest=_digest(content)) + "\n" + content


def stamp_nav(nav: dict) -> str:
    """A `.nav.yml` (title, entries: file names, or {name: entries}), names escaped, with its checksum line."""
    return stamp_yaml(dump_yaml(_escaped_names(nav)))


def _escaped_names(value):
    if isinstance(value, list):
        return [_escaped_names(item) for item in value]
    if isinstance(value, dict):
        return {
            (title_html(key) if isinstance(key, str) and key not in {"nav", "sort"} else key): (
                title_html(item) if key == "title" else _escaped_names(item)
            )
            for key, item in value.items()
        }
    return value


def title_html(text: str) -> str:
    """A title as the HTML the theme prints."""
    return html.escape(text, quote=False)


def title_text(meta: dict) -> str:
    """A page's title as text (the front matter holds it as HTML)."""
    return html.unescape(str(meta.get("title") or ""))


def stamp_page(front_matter: dict, body: str) -> str:
    """A Markdown page: front matter (with the checksum line; its `title` as HTML) and body."""
    if isinstance(front_matter.get("title"), str):
        front_matter = {**front_matter, "title": title_html(front_matter["title"])}
    meta = dump_yaml(front_matter)
    unstamped = f"---\n{meta}---\n\n{body}"
    return f"---\n{_STAMP.format(digest=_digest(unstamped))}\n{meta}---\n\n{body}"


def landing_page(title: str, body: str, targets: list[str]) -> str:
    """A section's landing page listing `targets` (Markdown paths relative to it); with a single target it
    sends the reader straight there (the theme's redirect template), which saves a tap on a phone."""
    meta: dict = {"title": title}
    if len(targets) == 1:
        target = targets[0].removesuffix(".md").removesuffix("index")
        location = target if target.endswith("/") else target + "/"
        meta.update({"template": "redirect.html", "location": location, "search": {"exclude": True}})
    return stamp_page(meta, body)


class _Dumper(yaml.SafeDumper):
    """PyYAML's dumper, quoting every string of digits: PyYAML (YAML 1.1) leaves '08' and '09' bare, as they
    are no octal numbers there, but YAML 1.2 readers (Zensical's) take a bare 08 for the number 8."""


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "'" if value.isdigit() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _string)


def dump_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def is_generated(content: str) -> bool:
    """Whether `content` came from the importer (edited or not)."""
    return _STAMP_RE.search(content) is not None


def is_edited(content: str) -> bool:
    """Whether a generated file was changed after the importer wrote it."""
    match = _STAMP_RE.search(content)
    if match is None:
        return False
    unstamped = content[: match.start()] + content[match.end() :]
    return _digest(unstamped) != match.group(1)


def front_matter(content: str) -> dict:
    """The YAML front matter of a Markdown page ({} if it has none)."""
    if not content.startswith("---\n"):
        return {}
    end = content.find("\n---\n", 4)
    if end < 0:
        return {}
    data = yaml.safe_load(content[4:end])
    return data if isinstance(data, dict) else {}
