"""The charts of the reports (what-if, robustness): one style, inline SVG, the same
bytes for the same report.

Names and titles in charts come from uploaded files, so text is never read as
matplotlib's mathtext (``$...$`` is shown as written)."""

from __future__ import annotations

import io
from typing import Any

__all__ = ["RC", "figure", "svg"]

#: The matplotlib settings every chart is drawn with (``matplotlib.rc_context(RC)``).
RC: dict[Any, Any] = {
    "font.size": 10,
    "axes.titlesize": 11,
    "svg.fonttype": "none",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.family": ["DejaVu Sans", "sans-serif"],
    "text.parse_math": False,
    "text.usetex": False,
}


def figure(width: float, height: float, salt: str) -> Any:
    """A new figure (inches) whose label ``salt`` names its SVG ids."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    fig.set_label(salt)
    return fig


def svg(fig: Any) -> str:
    """The figure as an inline ``<svg>`` element; ids inside it are salted with the
    figure's label so that several charts in one page never share an id, and the same
    report gives the same bytes."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({**RC, "svg.hashsalt": fig.get_label()}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    return text[text.index("<svg"):]
