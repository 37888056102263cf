"""An HTTP service and a web page over :mod:`inovasi_rules` (``pip install
'inovasi-rules[serve]'``, then ``inovasi-rules serve``).

For host systems that are not Python: list and show rulesets, validate a ruleset,
evaluate an edition (JSON, CSV files or an xlsx workbook), explain one submission and
compare two rulesets on a past edition, over HTTP with an OpenAPI document; and a web
page in Bahasa Indonesia (and English) for organisers and ruleset authors.

Stateless and bounded: each request's files live in a temporary folder of its own that
is removed afterwards, the work is done by worker processes that are stopped after a
time limit, and every limit is a parameter of :func:`create_app`::

    import uvicorn
    from inovasi_rules.service import Settings, create_app

    uvicorn.run(create_app(Settings(max_rows=100_000, timeout_seconds=30)), port=8000)
"""

from .app import create_app
from .limits import Settings

__all__ = ["Settings", "create_app"]
