"""The reports' charts (inovasi_rules.charts): text from uploads is shown as written,
and the same chart gives the same bytes."""

from __future__ import annotations

import matplotlib

from inovasi_rules.charts import RC, figure, svg


def _chart(title: str, salt: str) -> str:
    with matplotlib.rc_context(RC):
        fig = figure(3, 2, salt)
        ax = fig.add_subplot()
        ax.bar(["$a$", "b"], [1, 2])
        ax.set_title(title)
        return svg(fig)


def test_dollar_signs_are_text_not_mathtext() -> None:
    text = _chart("Biaya $10 juta$ / Cost $x^2$", "c1")
    assert text.startswith("<svg")
    assert "Biaya $10 juta$ / Cost $x^2$" in text


def test_the_same_chart_gives_the_same_bytes_and_salts_its_ids() -> None:
    assert _chart("Satu", "c1") == _chart("Satu", "c1")
    assert _chart("Satu", "c1") != _chart("Satu", "c2")
