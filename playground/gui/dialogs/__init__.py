"""Dialogs: export, evaluation, experiments (comparisons, lessons, ensembles), hyperparameter search."""
