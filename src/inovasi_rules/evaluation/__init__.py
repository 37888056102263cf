"""The evaluation, one module per step (the scoring arithmetic and the ranking so far)."""
