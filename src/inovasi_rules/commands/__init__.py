"""Sub-commands of ``inovasi-rules`` that live in their own modules.

Each module defines one ``click`` command; :mod:`inovasi_rules.cli` names them on the
``main`` group (its ``_COMMANDS``), which imports each when it is used
(:class:`~.lazy.LazyGroup`).
"""
