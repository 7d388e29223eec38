"""Experiments over many runs: comparisons and lessons, ensembles, search,
evaluation, transfer learning and fine-tuning.

    compare.py       Variant, Comparison, vary, prepare, run_comparison and their results
    variations.py    what `vary` can change: parsing a setting's values, dropout/batch-norm layer edits
    lessons.py       the ready-made lessons (LESSONS, lesson) and the transfer-learning comparison
    histograms.py    per-layer activation histograms, recorded before and after training
    lesson_texts.py  lesson names and setting help, torch-free (read by the CLI parser)
    search_space.py  Param, SearchSpace, apply_params: what a hyperparameter search varies (no Optuna)
    tune.py          running, resuming and reporting an Optuna study
    ensemble.py, evaluate.py, transfer.py, finetune.py

This package itself imports nothing heavy: lesson_texts is read by the CLI parser before torch."""
