"""Experiments over many runs: comparisons and lessons, ensembles, search,
evaluation, transfer learning and fine-tuning.

This package itself imports nothing heavy: lesson_texts is read by the CLI parser before torch."""
