"""The case files here are broken on purpose and read by tests/test_hostile.py (and the
edition readers' tests); pytest's case-file plugin must not collect them as tests."""

collect_ignore_glob = ["**/*.test.yaml", "**/*.test.yml"]
