"""The ways text from a file (a bulletin, a spreadsheet cell, a correction) reaches a page's HTML.

- `escape`: text in an element or a quoted attribute;
- `sanitize`: HTML that a Markdown converter made of an editor's cell, cut by nh3 (the Rust library ammonia)
  to the few tags such text needs, links only to the web, mail or the site itself (no `javascript:`), no
  images (nothing fetched from outside);
- `css_string`: text as a CSS string (a print page's running head), every character but letters, digits
  and spaces as a CSS escape;
- `script_json`: data in `<script type="application/json">`, where the HTML parser looks only for
  `</script` and `<!--`: every `<`, `>` and `&` is written as a JSON escape (`\\u003c`…), and so are
  U+2028/U+2029, so that nothing in a cell can end the block, open a comment or break a script that reads it.
"""

from __future__ import annotations

import html
import json

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def escape(text: object) -> str:
    """`text` as HTML text, quotes included (safe in an element and in a quoted attribute)."""
    return html.escape(str(text), quote=True)


_CELL_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "sup", "sub", "code", "ul", "ol", "li", "blockquote", "a", "hr"}


def sanitize(fragment: str) -> str:
    """An HTML fragment with only harmless tags and links left."""
    import nh3  # only pages with task tables pay for it

    return nh3.clean(
        fragment, tags=_CELL_TAGS, attributes={"a": {"href", "title"}}, url_schemes={"http", "https", "mailto"}
    )


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that nothing in it can end."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def script_json(data: object) -> str:
    """`data` as JSON that can sit inside a `<script>` element as it is."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)
