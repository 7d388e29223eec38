"""Hyperparameter search with Optuna: grid, random and TPE (Bayesian) samplers over a search
space (`search_space`: Param, SearchSpace, apply_params), pruning of
hopeless trials, studies kept in a database.

    space = SearchSpace.from_json(text)              # or default_space(config)
    result = run_study(config, space, trials=20, sampler="tpe", storage=sqlite_url("s.db"))
    result.best_config                               # the config with the best trial's values

Each trial trains the base config with the trial's values applied, from the same seed, and
scores it on the validation set; the value is the best the metric reached in any epoch.
Every epoch's figure is reported to Optuna, and a median pruner ends a trial whose curve
is worse than the median of earlier trials at the same epoch.

Studies live in an Optuna storage (any SQLAlchemy URL; a SQLite file by default), so a study
resumes where it stopped (trial numbers continue) and several processes or machines can
add trials to one study at the same time. Each trial records which process ran it
(user attribute "worker": host:pid). A running trial sends heartbeats; one whose worker died
is failed and its values run again, and `run_study(total=N)` in every worker ends the study
with exactly N complete trials (shared_study explains how).
"""

from __future__ import annotations

import math
import os
import socket
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import optuna
from optuna.trial import TrialState

from playground.core.config.spec import RunConfig
from playground.core.errors import ConfigError, PlaygroundError
from playground.core.experiments.search_space import SearchSpace, TuneError, apply_params
from playground.core.experiments.shared_study import (
    HEARTBEAT_S,
    SLOT,
    TAKEN_OVER,
    NotNeeded,
    heartbeat_options,
    retried_from,
    run_trials,
    take_place,
)
from playground.core.training.callbacks import Callback, EpochLogs, FitState
from playground.core.training.loop import RunControl, fit

if TYPE_CHECKING:
    from playground.core.data.dataset import Dataset

__all__ = [
    "IMPORTANCE_MIN_TRIALS",
    "METRICS",
    "SAMPLERS",
    "StudyCallback",
    "TrialRow",
    "TuneResult",
    "best_config",
    "best_so_far",
    "default_storage_path",
    "make_pruner",
    "make_sampler",
    "open_storage",
    "open_study",
    "param_importances",
    "run_study",
    "safe_url",
    "sqlite_url",
    "study_top_configs",
    "top_configs",
    "top_trials",
    "trial_row",
    "trials_table",
]

SAMPLERS = {
    "grid": "Grid: tries every combination of the listed values, in random order.",
    "random": "Random: draws each value independently; a strong baseline that needs no tuning.",
    "tpe": "TPE (Bayesian): after a few random trials, proposes values that resemble the best trials so far.",
}
# metric -> direction
METRICS = {"val_accuracy": "maximize", "val_loss": "minimize"}
# Complete trials before parameter importances are worth showing. fANOVA fits a random forest
# to the finished trials and splits the variance of their values between the settings; with a
# handful of points the split mostly reflects which values happened to be drawn (two trials
# always give one setting nearly all of it). Ten is a rule of thumb, not a guarantee.
IMPORTANCE_MIN_TRIALS = 10


# --------------------------------------------------------------------------- storage and study


def default_storage_path(config_path: str | os.PathLike | None = None) -> Path:
    """Where a study is kept when no storage is given: beside a config file (NAME.optuna.db),
    else in the user data folder (e.g. ~/.local/share/neural-playground/studies.db)."""
    if config_path is not None:
        path = Path(config_path)
        return path.with_name(f"{path.stem}.optuna.db")
    import platformdirs

    return Path(platformdirs.user_data_dir("neural-playground")) / "studies.db"


def sqlite_url(path: str | os.PathLike) -> str:
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    import sqlalchemy.exc
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (sqlalchemy.exc.ArgumentError, ValueError, TypeError):  # not a URL: shown as typed
        return str(url)


def _make_sqlite_folder(url: str) -> None:
    """SQLite creates its database file but not the folder it goes in: on a first start the
    default storage (the user data folder's studies.db) has no folder yet, and the search
    failed with "unable to open database file". Only that folder is made: a folder the user
    typed that does not exist is a mistake to report, not to create."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # not a URL: open_storage says so
        return
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return
    default = default_storage_path()
    if Path(parsed.database).expanduser().resolve() != default.resolve():
        return
    try:
        default.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # the folder cannot be made: opening the file reports it, naming the URL


def _serialise_sqlite(engine) -> None:
    """Make every SQLite transaction take the database's write lock when it begins.

    Optuna claims a trial — a worker popping a queued one, or failing a dead worker's — by
    reading its state and writing the new one in one transaction, with SELECT ... FOR UPDATE,
    which SQLite does not have; and Python's sqlite3 starts no transaction before the first
    write. Two workers could both read RUNNING, both write FAIL and both queue a retry (seen: 16
    of 60 rounds of four threads). With BEGIN IMMEDIATE (SQLAlchemy's recipe for pysqlite) the
    second waits (up to the 60 s timeout) and then reads the first one's write. Workers on one
    SQLite file then take turns for each storage call; each is a few milliseconds."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection, record) -> None:
        dbapi_connection.isolation_level = None  # sqlite3's own BEGIN handling off; ours below

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    engine.dispose()  # the connections made while the tables were created lack the hooks


def open_storage(url: str, retries: int = 5, heartbeat: int | None = HEARTBEAT_S) -> optuna.storages.RDBStorage:
    """An Optuna RDB storage on `url` (SQLite, PostgreSQL, MySQL: any SQLAlchemy URL), or a
    TuneError naming the URL and the fix. SQLite waits up to 60 s for a lock held by another
    process, and creating the tables is retried, since two workers often start at once.
    Running trials record a heartbeat every `heartbeat` seconds; a trial silent for six beats
    is failed and its values queued again (shared_study). None: no heartbeats."""
    import sqlalchemy.exc

    if not isinstance(url, str) or "://" not in url:
        raise TuneError(
            f"The storage {url!r} is not a database URL — use e.g. sqlite:///study.db or "
            "postgresql://user@host/db.",
            "storage_not_url",
            url=str(url),
        )
    kwargs = {"connect_args": {"timeout": 60}} if url.startswith("sqlite") else {"pool_pre_ping": True}
    try:
        beats = heartbeat_options(heartbeat)
    except ValueError as e:
        raise TuneError(str(e)) from None
    _make_sqlite_folder(url)
    for attempt in range(retries):
        try:
            with warnings.catch_warnings():  # heartbeats are "experimental" in Optuna since 2.9
                warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
                storage = optuna.storages.RDBStorage(url, engine_kwargs=kwargs, **beats)
            if url.startswith("sqlite"):
                _serialise_sqlite(storage.engine)
            return storage
        except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.IntegrityError) as e:
            text = str(e.orig if getattr(e, "orig", None) is not None else e)
            # Two workers creating the tables at once: one sees "locked", "already exists"
            # or a duplicate schema-version row; the second attempt finds the tables made.
            racing = ("locked" in text, "already exists" in text, "UNIQUE constraint failed: alembic_version" in text)
            if attempt + 1 < retries and any(racing):
                time.sleep(0.2 * (attempt + 1))
                continue
            reason = text.strip().splitlines()[0]
            raise TuneError(
                f"Cannot open the study storage {safe_url(url)}: {reason} — check the URL, "
                "that the folder exists and is writable, or that the database server is running.",
                "storage_cannot_open",
                url=safe_url(url),
                reason=reason,
            ) from None
        except ImportError as e:
            raise TuneError(
                f"The study storage {safe_url(url)} needs a database driver that is not installed ({e.name or e}) — "
                "install it (e.g. psycopg2-binary for PostgreSQL, PyMySQL for MySQL) or use a sqlite:/// URL.",
                "storage_driver",
                url=safe_url(url),
                driver=str(e.name or e),
            ) from None
        except (sqlalchemy.exc.ArgumentError, ValueError) as e:
            raise TuneError(f"The storage URL {safe_url(url)} is not valid: {e}", "storage_bad_url", url=safe_url(url), reason=str(e)) from None
        except sqlalchemy.exc.SQLAlchemyError as e:
            raise TuneError(f"Cannot use the study storage {safe_url(url)}: {e}", "storage_unusable", url=safe_url(url), reason=str(e)) from None
    raise AssertionError("unreachable")  # pragma: no cover


def make_sampler(name: str, space: SearchSpace, seed: int | None = None) -> optuna.samplers.BaseSampler:
    if name == "grid":
        return optuna.samplers.GridSampler(space.grid(), seed=seed)
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    raise TuneError(f"Unknown sampler {name!r}; choose one of {', '.join(SAMPLERS)}.")


def make_pruner(name: str = "median", startup_trials: int = 5, warmup_epochs: int = 1) -> optuna.pruners.BasePruner:
    """'median': stop a trial whose epoch-N figure is worse than the median of earlier trials
    at epoch N, once `startup_trials` trials have finished and after `warmup_epochs` epochs
    (the first epoch's figures are mostly noise: pruning on them throws away good trials); 'none'."""
    if name == "median":
        return optuna.pruners.MedianPruner(n_startup_trials=startup_trials, n_warmup_steps=warmup_epochs)
    if name == "none":
        return optuna.pruners.NopPruner()
    raise TuneError(f"Unknown pruner {name!r}; choose median or none.")


def open_study(
    storage: str | optuna.storages.BaseStorage,
    name: str,
    metric: str,
    sampler: optuna.samplers.BaseSampler | None = None,
    pruner: optuna.pruners.BasePruner | None = None,
) -> optuna.Study:
    """Create study `name` in `storage`, or load it when it exists (so its trials continue)."""
    if metric not in METRICS:
        raise TuneError(f"Unknown metric {metric!r}; choose one of {', '.join(METRICS)}.")
    if not name:
        raise TuneError("The study needs a name.")
    if isinstance(storage, str):
        storage = open_storage(storage)
    for attempt in range(5):
        try:
            study = optuna.create_study(
                storage=storage,
                sampler=sampler,
                pruner=pruner,
                study_name=name,
                direction=METRICS[metric],
                load_if_exists=True,
            )
            break
        except optuna.exceptions.DuplicatedStudyError:  # pragma: no cover - a race with another worker
            time.sleep(0.2 * (attempt + 1))
    else:  # pragma: no cover
        raise TuneError(f"Could not create or load study '{name}' — another process keeps creating it.")
    stored = study.user_attrs.get("metric")
    if stored is None and study.direction.name.lower() != METRICS[metric]:
        stored = "another metric"
    if stored is not None and stored != metric:
        raise TuneError(
            f"Study '{name}' scores its trials by {stored}, not {metric} — choose another study name "
            f"or the metric {stored}."
        )
    if stored is None:
        study.set_user_attr("metric", metric)
    return study


# --------------------------------------------------------------------------- trials


@dataclass(frozen=True)
class TrialRow:
    """One line of the trials table."""

    number: int
    state: str  # complete | pruned | fail | running | waiting
    params: dict[str, Any]
    value: float | None
    seconds: float | None
    epochs: int = 0
    worker: str = ""
    message: str = ""
    retry_of: int | None = None  # the trial whose worker died with these values


def _row(t: optuna.trial.FrozenTrial) -> TrialRow:
    seconds = t.duration.total_seconds() if t.duration is not None else None
    return TrialRow(
        number=t.number,
        state=t.state.name.lower(),
        params=dict(t.params),
        value=t.value if t.state == TrialState.COMPLETE else None,
        seconds=seconds,
        epochs=int(t.user_attrs.get("epochs", 0)),
        worker=str(t.user_attrs.get("worker", "")),
        message=str(t.user_attrs.get("message", "")),
        retry_of=retried_from(t),
    )


def trial_row(trial: optuna.trial.FrozenTrial) -> TrialRow:
    return _row(trial)


def trials_table(study: optuna.Study) -> list[TrialRow]:
    return [_row(t) for t in study.get_trials(deepcopy=False)]


def best_so_far(study: optuna.Study) -> list[tuple[int, float]]:
    """(trial number, best value up to that trial) for every complete trial, in order."""
    better = max if study.direction == optuna.study.StudyDirection.MAXIMIZE else min
    curve, best = [], None
    for t in sorted(study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)), key=lambda t: t.number):
        best = t.value if best is None else better(best, t.value)
        curve.append((t.number, best))
    return curve


def _best_trial(study: optuna.Study) -> optuna.trial.FrozenTrial | None:
    if not study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)):
        return None
    return study.best_trial


def best_config(study: optuna.Study, base: RunConfig) -> RunConfig | None:
    """`base` with the best trial's values applied; None before any trial completes."""
    best = _best_trial(study)
    return None if best is None else apply_params(base, best.params)


def top_trials(rows: Sequence[TrialRow], k: int, direction: str = "maximize") -> list[TrialRow]:
    """The `k` best complete trials of `rows`, best first (ties: the earlier trial first)."""
    if direction not in ("maximize", "minimize"):
        raise TuneError(f"Unknown direction {direction!r}; choose maximize or minimize.")
    done = [r for r in rows if r.state == "complete" and r.value is not None and math.isfinite(r.value)]
    sign = -1.0 if direction == "maximize" else 1.0
    return sorted(done, key=lambda r: (sign * r.value, r.number))[: max(k, 0)]


def top_configs(
    rows: Sequence[TrialRow], base: RunConfig, k: int, direction: str = "maximize"
) -> list[tuple[TrialRow, RunConfig]]:
    """The `k` best complete trials with each one's run config rebuilt from its values, as
    "Apply best" does (`apply_params`): a study keeps the values, not the trained weights."""
    return [(row, apply_params(base, row.params)) for row in top_trials(rows, k, direction)]


def study_top_configs(study: optuna.Study, k: int, base: RunConfig | None = None) -> list[tuple[TrialRow, RunConfig]]:
    """`top_configs` of a stored study. `base` defaults to the configuration the study was
    started with (kept in the study as the user attribute "base_config")."""
    if base is None:
        stored = study.user_attrs.get("base_config")
        if stored is None:
            raise TuneError(
                f"Study '{study.study_name}' does not keep the configuration it started from — give the config "
                "the study searched around."
            )
        base = RunConfig.from_dict(stored)
    return top_configs(trials_table(study), base, k, study.direction.name.lower())


def param_importances(study: optuna.Study, min_trials: int = IMPORTANCE_MIN_TRIALS) -> dict[str, float]:
    """How much each parameter explains of the value, normalised to sum to 1, over the complete
    trials; empty until `min_trials` (at least two) have completed with some parameter varied
    (see IMPORTANCE_MIN_TRIALS). fANOVA (Optuna's default, which needs scikit-learn); PED-ANOVA
    where scikit-learn is not installed."""
    done = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
    if len(done) < max(2, min_trials):
        return {}
    keys = set.intersection(*(set(t.params) for t in done))
    varied = sorted(k for k in keys if len({repr(t.params[k]) for t in done}) > 1)
    if not varied:
        return {}
    try:
        import sklearn  # noqa: F401 - fANOVA's random forest
    except ImportError:
        evaluator = optuna.importance.PedAnovaImportanceEvaluator()
    else:
        evaluator = optuna.importance.FanovaImportanceEvaluator(seed=0)
    try:
        importances = optuna.importance.get_param_importances(study, evaluator=evaluator, params=varied)
    except RuntimeError:
        # fANOVA's answer when every complete trial has the same value: nothing to explain.
        return {}
    return {k: float(v) for k, v in importances.items()}


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class StudyCallback:
    """What a front end hears from `run_study`; calls happen on the thread that runs it."""

    def on_study_opened(self, study: optuna.Study) -> None:
        """The study is open (a resumed one with its earlier trials); no trial has run yet."""

    def on_trial_start(self, number: int, params: dict[str, Any]) -> None: ...

    def on_epoch_end(self, number: int, logs: EpochLogs) -> None: ...

    def on_trial_end(self, row: TrialRow, study: optuna.Study) -> None: ...

    def on_wait(self, complete: int, running: int) -> None:
        """With a total: `complete` trials are done and the `running` ones of other workers
        may finish the study, so this worker waits (and takes over if one of them dies)."""


class _Reporter(Callback):
    """Reports each epoch's validation figure to the trial and ends the run when the pruner
    says the trial is hopeless."""

    def __init__(self, trial: optuna.Trial, metric: str, listeners: Sequence[StudyCallback]):
        self.trial, self.metric, self.listeners = trial, metric, listeners
        self.pruned_at = 0

    def on_epoch_end(self, state: FitState, logs: EpochLogs) -> None:
        for cb in self.listeners:
            cb.on_epoch_end(self.trial.number, logs)
        value = getattr(logs, self.metric)
        if value is None or not math.isfinite(value):
            return
        self.trial.report(value, logs.epoch)
        if self.trial.should_prune():
            self.pruned_at = logs.epoch
            state.stop_training = True
            state.stop_reason = (
                f"Pruned after epoch {logs.epoch}: {self.metric} {value:.4g} is worse than the median of earlier "
                "trials at this epoch."
            )


@dataclass
class TuneResult:
    study: optuna.Study
    metric: str
    trials_run: int  # by this call
    stopped: bool  # a stop request ended it early
    exhausted: bool  # the grid sampler had tried every combination
    best: TrialRow | None
    best_config: RunConfig | None
    rows: list[TrialRow] = field(default_factory=list)  # every trial of the study

    @property
    def direction(self) -> str:
        return METRICS[self.metric]


class _TrialUnfinished(PlaygroundError):
    """A trial that was stopped, or diverged before its first epoch: recorded as failed."""


def _trial_value(history: Sequence[EpochLogs], metric: str) -> float | None:
    values = [getattr(h, metric) for h in history]
    values = [v for v in values if v is not None and math.isfinite(v)]
    if not values:
        return None
    return max(values) if METRICS[metric] == "maximize" else min(values)


def run_study(
    base: RunConfig,
    space: SearchSpace,
    *,
    trials: int | None = None,
    total: int | None = None,
    sampler: str | optuna.samplers.BaseSampler = "tpe",
    storage: str | optuna.storages.BaseStorage | None = None,
    study_name: str = "",
    seed: int | None = None,
    metric: str = "auto",
    pruner: str | optuna.pruners.BasePruner = "median",
    control: RunControl | None = None,
    callbacks: Sequence[StudyCallback] = (),
    dataset: "Dataset | None" = None,
    data_dir: str | None = None,
    enqueue: Sequence[Mapping[str, Any]] = (),
) -> TuneResult:
    """Run `trials` more trials of the study (fewer when a grid runs out or `control` asks to
    stop) and return the study's state. `storage` None keeps the study in memory only.
    `total` instead: run trials until the study has `total` complete trials, counting those
    of every worker that shares it (give every worker the same total; see shared_study).

    Trials that diverge before their first epoch, hit a setting the model rejects, or are
    stopped midway are recorded as failed with the reason in their "message" attribute; a
    stopped grid point is therefore tried again when the study resumes.
    """
    if (trials is None) == (total is None):
        raise TuneError("Give the number of trials to run now or the study's total: one of the two.")
    count = trials if total is None else total
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise TuneError(f"The number of trials must be a whole number >= 1, got {count!r}.")
    control = control or RunControl()
    if isinstance(sampler, str):
        sampler = make_sampler(sampler, space, seed)
    if isinstance(pruner, str):
        pruner = make_pruner(pruner)
    base.validate()
    space.check(base)
    if base.data.val_split <= 0:
        raise TuneError(
            "A search scores each trial on the validation set, but data.val_split is 0 — set it above 0 (e.g. 0.1)."
        )
    if any(k.startswith("data.") for k in space.keys):
        raise TuneError("The search space cannot vary the dataset (data.*): every trial must be scored on the same data.")
    if dataset is None:
        from playground.core.data.registry import load_dataset

        dataset = load_dataset(base.data.name, base.data.options, data_dir=data_dir)
    if metric == "auto":
        metric = "val_accuracy" if dataset.task == "classification" else "val_loss"
    if metric not in METRICS:
        raise TuneError(f"Unknown metric {metric!r}; choose auto or one of {', '.join(METRICS)}.")
    if metric == "val_accuracy" and dataset.task != "classification":
        raise TuneError(f"{dataset.name} is a regression dataset, which has no accuracy — use the metric val_loss.")
    spec = base.model.with_input_shape(dataset.input_shape)
    spec.validate_for(dataset.task, dataset.output_size)

    if storage is None:
        storage = optuna.storages.InMemoryStorage()
    study = open_study(storage, study_name or base.name or "study", metric, sampler, pruner)
    stored = study.user_attrs.get("space")
    if stored is None:
        study.set_user_attr("space", space.to_dict())
        study.set_user_attr("base_config", base.to_dict())
    else:
        keys = [p.get("key") for p in stored.get("params", [])]
        if sorted(keys) != sorted(space.keys):
            raise TuneError(
                f"Study '{study.study_name}' searches {', '.join(keys)}, not {', '.join(space.keys)} — "
                "use the same search space to resume it, or another study name."
            )
    for params in enqueue:
        study.enqueue_trial(dict(params), skip_if_exists=True)
    for cb in callbacks:
        cb.on_study_opened(study)

    worker = worker_id()
    finished: list[int] = []
    started: list[int] = []
    heartbeat = getattr(study._storage, "get_heartbeat_interval", lambda: None)()
    poll = min(float(heartbeat or 1), 5.0)  # how often a waiting worker looks at the study

    def on_wait(complete: int, running: int) -> None:
        for cb in callbacks:
            cb.on_wait(complete, running)

    def objective(trial: optuna.Trial) -> float:
        started.append(trial._trial_id)
        trial.set_user_attr("worker", worker)
        if total is not None:
            try:
                take_place(trial, total, lambda: control.stop_requested, poll, on_wait)
            except NotNeeded as e:
                trial.set_user_attr("message", str(e))
                raise
        params = space.suggest(trial)
        try:
            cfg = apply_params(base, params)
        except ConfigError as e:
            trial.set_user_attr("message", str(e))
            raise
        for cb in callbacks:
            cb.on_trial_start(trial.number, params)
        reporter = _Reporter(trial, metric, callbacks)
        try:
            result = fit(cfg, dataset, callbacks=[reporter], control=control)
        except PlaygroundError as e:
            trial.set_user_attr("message", str(e))
            raise
        trial.set_user_attr("epochs", result.epochs_completed)
        trial.set_user_attr("status", result.status)
        if result.status != "completed" or reporter.pruned_at:
            trial.set_user_attr("message", result.message)
        if reporter.pruned_at:
            raise optuna.TrialPruned(result.message)
        value = _trial_value(result.history, metric)
        if result.status == "stopped" or value is None:
            raise _TrialUnfinished(result.message or "No epoch completed.")
        return value

    def after_trial(study: optuna.Study, frozen: optuna.trial.FrozenTrial) -> None:
        if frozen.user_attrs.get(SLOT) != "waiting":  # else it never had a place and ran nothing
            finished.append(frozen.number)
        row = _row(frozen)
        for cb in callbacks:
            cb.on_trial_end(row, study)
        if control.stop_requested:
            study.stop()

    def taken_over(frozen: optuna.trial.FrozenTrial) -> None:
        row = TrialRow(**{**_row(frozen).__dict__, "message": TAKEN_OVER})
        for cb in callbacks:
            cb.on_trial_end(row, study)

    def exhausted() -> bool:
        return isinstance(sampler, optuna.samplers.GridSampler) and sampler.is_exhausted(study)

    # `catch`: a trial whose settings the trainer rejects, or that was stopped, is recorded as
    # failed and the study goes on; any other exception is a bug and propagates.
    run_trials(
        study, objective, trials=trials, total=total, stop_requested=lambda: control.stop_requested,
        after_trial=after_trial, catch=(PlaygroundError,), exhausted=exhausted, started=started,
        poll=poll, on_wait=on_wait, on_taken_over=taken_over,
    )

    best = _best_trial(study)
    return TuneResult(
        study=study,
        metric=metric,
        trials_run=len(finished),
        stopped=control.stop_requested,
        exhausted=exhausted(),
        best=_row(best) if best is not None else None,
        best_config=apply_params(base, best.params) if best is not None else None,
        rows=trials_table(study),
    )
