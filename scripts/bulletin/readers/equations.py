"""Equations of an export, read as the text a reader reads.

Converters write Word's equations as LaTeX, in `<math>…</math>` or between dollars: '59.474.000
\\text{đồng/m}^2 \\times 225,5' is read '59.474.000 đồng/m² × 225,5', '\\geq' '≥', '$\\leq 03\\%$' '≤ 03%'.
pylatexenc does the reading; raised digits become superscripts, operators get a space either side.
"""

from __future__ import annotations

import re

from scripts.vietnamese import superscript

# dollars around at least one LaTeX command: a '$' of a price ('5$ và 7$') has none
DOLLAR_MATH = re.compile(r"\$(?P<dollar>[^$]*\\[A-Za-z][^$]*)\$")
_OPERATOR = re.compile(r"\s*([×÷±≤≥≈≠=])\s*")
_RAISED = re.compile(r"\^\{?([0-9+-]+)\}?")


def math_text(latex: str) -> str:
    """The text of one equation's LaTeX."""
    from pylatexenc.latex2text import LatexNodes2Text  # only imports that meet an equation load it

    text = LatexNodes2Text().latex_to_text(latex)
    text = _RAISED.sub(lambda raised: superscript(raised.group(1)) or raised.group(0), text)
    return _OPERATOR.sub(r" \1 ", text).strip()
