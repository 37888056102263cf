"""A ruleset, from its YAML file to the frozen model the evaluation applies, one module
per step:

:mod:`~.loading`
    Finds a ruleset (the registry of bundled, plugins' and the caller's rulesets), reads
    its file with every value's position (:mod:`inovasi_rules.yamlpos`), resolves
    ``extends`` and runs the steps below, collecting every problem.
:mod:`~.validation`
    Checks the merged tree: the JSON Schema, then the rules a schema cannot state.
:mod:`~.codec`
    Builds the model from the checked tree (and writes a model back as data).
:mod:`~.model`
    The frozen attrs classes of a competition's rules (:class:`~.model.Ruleset` and
    everything in it); :mod:`~.parameters` types and bounds its parameters.
:mod:`~.conditions`
    The condition language (``when``, ``where``, ``cap``), compiled once and explained.
:mod:`~.describe`, :mod:`~.words`
    A ruleset in words (``inovasi-rules show``), and a rule change in words (the what-if
    report).

The public names are importable from :mod:`inovasi_rules` itself (``load_ruleset``,
``Ruleset``, ``check_ruleset``...); the modules' old paths (``inovasi_rules.model``,
``inovasi_rules.loading``...) still import the same objects.
"""
