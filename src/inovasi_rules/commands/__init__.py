"""Sub-commands of ``inovasi-rules`` that live in their own modules.

Each module defines one ``click`` command; :mod:`inovasi_rules.cli` registers them on
the ``main`` group at import time (see the block at the end of ``cli.py``).
"""
