"""The hyperparameter search as a background job (gui/jobs.py): `run_search` calls
`core.experiments.tune.run_study` on the job's thread, and a `StudyCallback` reports each trial's start,
epochs and end as plain data (`StudyUpdate`) for the search dialog to show."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication

from playground.core.config.spec import RunConfig
from playground.core.errors import PlaygroundError
from playground.core.experiments.tune import (
    StudyCallback,
    TrialRow,
    best_so_far,
    param_importances,
    run_study,
    trial_row,
    trials_table,
)
from playground.core.experiments.search_space import SearchSpace
from playground.core.training.callbacks import EpochLogs
from playground.core.training.loop import RunControl
from playground.gui.dialogs.search_space import tune_error_text

__all__ = ["StudyUpdate", "explain_failure", "run_search"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StudyUpdate:
    """Where the study stands after a trial ended: what the dialog shows."""

    row: TrialRow
    curve: list[tuple[int, float]]  # (trial number, best value so far)
    values: list[tuple[int, float]]  # (trial number, value) of every complete trial
    importances: dict[str, float]  # empty below IMPORTANCE_MIN_TRIALS complete trials
    best: TrialRow | None
    best_config: RunConfig | None  # the best trial's values, floats to 3 significant digits (Apply best)
    direction: str = "maximize"  # of the study's metric: which trials are the best


class _Bridge(StudyCallback):
    """run_study's listener on the job's thread: only reports, as (kind, payload):
    ("study_opened", (every TrialRow so far, StudyUpdate of the last or None)),
    ("trial_started", (number, params)), ("epoch_ended", (number, epoch)),
    ("trial_ended", (StudyUpdate,))."""

    def __init__(self, report: Callable[[str, Any], None], base: RunConfig, space: SearchSpace | None = None):
        self.report, self.base, self.space = report, base, space

    def on_study_opened(self, study) -> None:
        rows = trials_table(study)
        update = self._update(study, rows[-1]) if rows else None
        self.report("study_opened", (rows, update))

    def on_trial_start(self, number: int, params: dict[str, Any]) -> None:
        self.report("trial_started", (number, dict(params)))

    def on_epoch_end(self, number: int, logs: EpochLogs) -> None:
        self.report("epoch_ended", (number, logs.epoch))

    def on_trial_end(self, row: TrialRow, study) -> None:
        self.report("trial_ended", (self._update(study, row),))

    def _update(self, study, row: TrialRow) -> StudyUpdate:
        from optuna.trial import TrialState

        from playground.core.experiments.search_space import apply_params, rounded_params

        done = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
        best = study.best_trial if done else None
        return StudyUpdate(
            row=row,
            curve=best_so_far(study),
            values=[(t.number, t.value) for t in done],
            importances=param_importances(study),
            best=None if best is None else trial_row(best),
            best_config=None if best is None else apply_params(self.base, rounded_params(best.params, self.space)),
            direction=study.direction.name.lower(),
        )


def run_search(
    base: RunConfig,
    space: SearchSpace,
    options: dict[str, Any],
    control: RunControl,
    report: Callable[[str, Any], None],
    data_dir: str | None = None,
) -> tuple[int, bool, bool, str]:
    """One `run_study` call, on the job's thread; never touches widgets. Returns the
    TuneResult's summary: (trials run, stopped, exhausted, metric)."""
    import optuna

    from playground.core.experiments.tune import open_storage

    optuna.logging.set_verbosity(optuna.logging.ERROR)
    storage = None
    try:
        url = options.get("storage")
        # Opened here so that its database connections are closed here, on this thread,
        # rather than whenever garbage collection finds them, possibly on the GUI thread.
        storage = open_storage(url) if url else None
        result = run_study(
            base,
            space,
            control=control,
            callbacks=[_Bridge(report, base, space)],
            data_dir=data_dir,
            **{**options, "storage": storage},
        )
        outcome = (result.trials_run, result.stopped, result.exhausted, result.metric)
        del result
        return outcome
    finally:
        if storage is not None:
            storage.engine.dispose()


def explain_failure(error: BaseException) -> tuple[str, str]:
    """A failed search in the user's words, and no details: (message, ""). Runs on the job's
    thread inside its `except` block; a bug's traceback goes to the log, not to the learner."""
    if isinstance(error, PlaygroundError):
        return tune_error_text(error), ""
    log.exception("The hyperparameter search failed")
    # The context is the one this text was translated in.
    return QCoreApplication.translate("StudyWorker", "The search failed: {0}: {1}").format(type(error).__name__, error), ""
