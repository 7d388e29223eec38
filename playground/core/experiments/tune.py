"""Hyperparameter search with Optuna: a search space over a run config's settings, grid,
random and TPE (Bayesian) samplers, pruning of hopeless trials, studies kept in a database.

    space = SearchSpace.from_json(text)              # or default_space(config)
    result = run_study(config, space, trials=20, sampler="tpe", storage=sqlite_url("s.db"))
    result.best_config                               # the config with the best trial's values

A parameter is addressed by the key `RunConfig.with_overrides` understands: "optimizer.lr",
"train.batch_size", "optimizer.name", "model.layers[0].units" (the layer's 0-based position
in the JSON list), "model.layers[2].rate", "regularization.l2", "optimizer.params.momentum".
Each trial trains the base config with the trial's values applied, from the same seed, and
scores it on the validation set; the value is the best the metric reached in any epoch.
Every epoch's figure is reported to Optuna, and a median pruner ends a trial whose curve
is worse than the median of earlier trials at the same epoch.

Studies live in an Optuna storage (any SQLAlchemy URL; a SQLite file by default), so a study
resumes where it stopped (trial numbers continue) and several processes or machines can
add trials to one study at the same time. Each trial records which process ran it
(user attribute "worker": host:pid).
"""

from __future__ import annotations

import json
import math
import os
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import optuna
from optuna.trial import TrialState

from playground.core.errors import PlaygroundError
from playground.core.io.atomic import atomic_path
from playground.core.config.spec import ConfigError, OptimizerConfig, RunConfig
from playground.core.training.loop import Callback, EpochLogs, FitState, RunControl, fit

if TYPE_CHECKING:
    from playground.core.data import Dataset

__all__ = [
    "KINDS",
    "METRICS",
    "SAMPLERS",
    "Param",
    "SearchSpace",
    "StudyCallback",
    "TrialRow",
    "TuneError",
    "TuneResult",
    "apply_params",
    "best_config",
    "best_so_far",
    "default_space",
    "default_storage_path",
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

KINDS = ("float", "int", "categorical")
SAMPLERS = {
    "grid": "Grid: tries every combination of the listed values, in random order.",
    "random": "Random: draws each value independently; a strong baseline that needs no tuning.",
    "tpe": "TPE (Bayesian): after a few random trials, proposes values that resemble the best trials so far.",
}
# metric -> direction
METRICS = {"val_accuracy": "maximize", "val_loss": "minimize"}


class TuneError(PlaygroundError, ValueError):
    """A search space, sampler, storage or study cannot be used. The message is for the user."""


# --------------------------------------------------------------------------- search space


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


@dataclass(frozen=True)
class Param:
    """One searched setting.

    kind "float": a range [low, high], on a log scale when `log` (learning rates, weight
    decay); with `step`, only low, low+step, ...; `grid` lists the values the grid sampler
    tries (a continuous range has no grid of its own). kind "int": whole numbers in
    [low, high] every `step` (units per layer). kind "categorical": one of `choices`
    (optimizer name, batch size).
    """

    key: str
    kind: str
    low: float | None = None
    high: float | None = None
    log: bool = False
    step: float | None = None
    choices: tuple = ()
    grid: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "choices", tuple(self.choices))
        object.__setattr__(self, "grid", tuple(self.grid))
        where = f"Search parameter '{self.key}'"
        if not isinstance(self.key, str) or not self.key.strip():
            raise TuneError("A search parameter needs a 'key' such as \"optimizer.lr\" or \"model.layers[0].units\".")
        if self.kind not in KINDS:
            raise TuneError(f"{where}: unknown kind {self.kind!r}; choose one of {', '.join(KINDS)}.")
        if self.kind == "categorical":
            if not self.choices:
                raise TuneError(f"{where}: a categorical parameter needs a non-empty 'choices' list.")
            for c in self.choices:
                if c is not None and not isinstance(c, (str, int, float, bool)):
                    raise TuneError(f"{where}: choices must be text, numbers, true/false or null, got {c!r}.")
            if len(set(map(repr, self.choices))) != len(self.choices):
                raise TuneError(f"{where}: 'choices' lists a value twice.")
            return
        whole = self.kind == "int"
        for name in ("low", "high"):
            value = getattr(self, name)
            if not _is_number(value) or (whole and not isinstance(value, int)):
                number = "a whole number" if whole else "a number"
                raise TuneError(f"{where}: '{name}' must be {number}, got {value!r}.")
        if self.low > self.high:
            raise TuneError(f"{where}: 'low' ({self.low:g}) is above 'high' ({self.high:g}) — swap them.")
        if self.log and self.low <= 0:
            raise TuneError(f"{where}: a log range needs 'low' > 0, got {self.low:g}.")
        if self.step is not None:
            if not _is_number(self.step) or self.step <= 0 or (whole and not isinstance(self.step, int)):
                raise TuneError(f"{where}: 'step' must be a {'whole ' if whole else ''}number > 0, got {self.step!r}.")
            if self.log and (not whole or self.step != 1):
                raise TuneError(f"{where}: a log range cannot have a 'step' — remove one of them.")
        for value in self.grid:
            if not _is_number(value) or (whole and not isinstance(value, int)) or not self.low <= value <= self.high:
                raise TuneError(
                    f"{where}: grid value {value!r} is not a {'whole ' if whole else ''}number in "
                    f"[{self.low:g}, {self.high:g}]."
                )

    @property
    def continuous(self) -> bool:
        return self.kind == "float" and self.step is None

    def grid_values(self) -> list:
        """The values the grid sampler tries."""
        if self.kind == "categorical":
            return list(self.choices)
        if self.grid:
            return list(self.grid)
        if self.kind == "int":
            return list(range(int(self.low), int(self.high) + 1, int(self.step or 1)))
        if self.step is None:
            raise TuneError(
                f"Search parameter '{self.key}' is a continuous range ({self.low:g} to {self.high:g}), which has no "
                "grid — list the values to try in its \"grid\" (e.g. \"grid\": [0.001, 0.01, 0.1]), give it a "
                "\"step\", or use the random or tpe sampler."
            )
        n = int(math.floor((self.high - self.low) / self.step + 1e-9))
        return [round(self.low + i * self.step, 12) for i in range(n + 1)]

    def probe_values(self) -> list:
        """Values that show whether the base config accepts this parameter at all."""
        return list(self.choices) if self.kind == "categorical" else [self.low, self.high]

    def suggest(self, trial: optuna.trial.BaseTrial) -> Any:
        if self.kind == "categorical":
            return trial.suggest_categorical(self.key, list(self.choices))
        if self.kind == "int":
            return trial.suggest_int(self.key, int(self.low), int(self.high), step=int(self.step or 1), log=self.log)
        return trial.suggest_float(self.key, float(self.low), float(self.high), step=self.step, log=self.log)

    def describe(self) -> str:
        """Short text such as 'log 0.0001–0.1' or 'sgd, adam'."""
        if self.kind == "categorical":
            return ", ".join(str(c) for c in self.choices)
        text = f"{'log ' if self.log else ''}{self.low:g}–{self.high:g}"
        if self.step is not None:
            text += f" step {self.step:g}"
        return text

    def to_dict(self) -> dict:
        data: dict[str, Any] = {"key": self.key, "kind": self.kind}
        if self.kind == "categorical":
            data["choices"] = list(self.choices)
            return data
        data.update(low=self.low, high=self.high)
        if self.log:
            data["log"] = True
        if self.step is not None:
            data["step"] = self.step
        if self.grid:
            data["grid"] = list(self.grid)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Param":
        if not isinstance(data, Mapping):
            raise TuneError(f"Each search parameter must be an object with 'key' and 'kind', got {data!r}.")
        allowed = {"key", "kind", "low", "high", "log", "step", "choices", "grid"}
        unknown = set(data) - allowed
        if unknown:
            raise TuneError(
                f"Search parameter {data.get('key', '?')!r} has unknown field(s) {', '.join(sorted(unknown))}; "
                f"allowed: {', '.join(sorted(allowed))}."
            )
        for name in ("choices", "grid"):
            if name in data and not isinstance(data[name], list):
                raise TuneError(f"Search parameter {data.get('key', '?')!r}: '{name}' must be a list.")
        if "log" in data and not isinstance(data["log"], bool):
            raise TuneError(f"Search parameter {data.get('key', '?')!r}: 'log' must be true or false.")
        kind = data.get("kind")
        if kind is None:
            kind = "categorical" if "choices" in data else None
        return cls(
            key=data.get("key", ""),
            kind=kind,
            low=data.get("low"),
            high=data.get("high"),
            log=data.get("log", False),
            step=data.get("step"),
            choices=tuple(data.get("choices", ())),
            grid=tuple(data.get("grid", ())),
        )


@dataclass(frozen=True)
class SearchSpace:
    """The settings a study varies; JSON: {"params": [{"key": ..., "kind": ..., ...}, ...]}."""

    params: tuple[Param, ...]

    def __post_init__(self):
        object.__setattr__(self, "params", tuple(self.params))
        if not self.params:
            raise TuneError("The search space is empty — add at least one parameter (e.g. optimizer.lr).")
        keys = [p.key for p in self.params]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise TuneError(f"The search space lists {', '.join(twice)} more than once.")

    @property
    def keys(self) -> list[str]:
        return [p.key for p in self.params]

    def grid(self) -> dict[str, list]:
        """{key: values} for optuna's GridSampler; TuneError for a continuous range."""
        return {p.key: p.grid_values() for p in self.params}

    def grid_size(self) -> int:
        return math.prod(len(v) for v in self.grid().values())

    def suggest(self, trial: optuna.trial.BaseTrial) -> dict[str, Any]:
        return {p.key: p.suggest(trial) for p in self.params}

    def check(self, base: RunConfig) -> None:
        """TuneError naming the parameter when `base` cannot take one of its values."""
        for p in self.params:
            for value in p.probe_values():
                try:
                    apply_params(base, {p.key: value})
                except ConfigError as e:
                    raise TuneError(f"Search parameter '{p.key}' (value {value!r}): {e}") from None

    def to_dict(self) -> dict:
        return {"params": [p.to_dict() for p in self.params]}

    def to_json(self, indent: int = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Any) -> "SearchSpace":
        if isinstance(data, list):
            data = {"params": data}
        if not isinstance(data, Mapping) or not isinstance(data.get("params"), list):
            raise TuneError('A search space must be a JSON object {"params": [...]} with a list of parameters.')
        unknown = set(data) - {"params"}
        if unknown:
            raise TuneError(f"The search space has unknown key(s) {', '.join(sorted(unknown))}; allowed: params.")
        return cls(tuple(Param.from_dict(p) for p in data["params"]))

    @classmethod
    def from_json(cls, text: str) -> "SearchSpace":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise TuneError(f"The search space is not valid JSON (line {e.lineno}, column {e.colno}: {e.msg}).") from None
        return cls.from_dict(data)

    @classmethod
    def load(cls, path: str | os.PathLike) -> "SearchSpace":
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise TuneError(f"No search space file at {path} — check the path.") from None
        except (OSError, UnicodeDecodeError) as e:
            raise TuneError(f"Cannot read the search space {path}: {e}") from None
        try:
            return cls.from_json(text)
        except TuneError as e:
            raise TuneError(f"{path}: {e}") from None

    def save(self, path: str | os.PathLike) -> None:
        with atomic_path(path) as tmp:
            tmp.write_text(self.to_json() + "\n", encoding="utf-8")


def default_space(base: RunConfig | None = None) -> SearchSpace:
    """What a first search varies: the learning rate on a log range (with four grid values),
    the batch size and the optimizer."""
    return SearchSpace(
        (
            Param("optimizer.lr", "float", 1e-4, 1e-1, log=True, grid=(1e-4, 1e-3, 1e-2, 1e-1)),
            Param("train.batch_size", "categorical", choices=(16, 32, 64, 128)),
            Param("optimizer.name", "categorical", choices=("sgd", "momentum", "adam")),
        )
    )


def apply_params(base: RunConfig, params: Mapping[str, Any]) -> RunConfig:
    """`base` with a trial's values applied (ConfigError when one does not fit).

    A new optimizer name starts from that optimizer's own defaults (its learning rate unless
    the trial sets one; the old optimizer's hyperparameters dropped), and a searched batch
    size switches the batch mode to mini-batches, as on the command line.
    """
    from playground.core.training.optim import OPTIMIZERS

    params = dict(params)
    cfg = base
    name = params.pop("optimizer.name", None)
    if name is not None and name != base.optimizer.name:
        if name not in OPTIMIZERS:
            raise ConfigError(f"Unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}.")
        cfg = cfg.replace(optimizer=OptimizerConfig(name, OPTIMIZERS[name].default_lr, {}))
    if "train.batch_size" in params:
        params["train.batch_mode"] = "minibatch"
    cfg = cfg.with_overrides(**params)
    cfg.validate()
    return cfg


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


def open_storage(url: str, retries: int = 5) -> optuna.storages.RDBStorage:
    """An Optuna RDB storage on `url` (SQLite, PostgreSQL, MySQL: any SQLAlchemy URL), or a
    TuneError naming the URL and the fix. SQLite waits up to 60 s for a lock held by another
    process, and creating the tables is retried, since two workers often start at once."""
    import sqlalchemy.exc

    if not isinstance(url, str) or "://" not in url:
        raise TuneError(
            f"The storage {url!r} is not a database URL — use e.g. sqlite:///study.db or "
            "postgresql://user@host/db."
        )
    kwargs = {"connect_args": {"timeout": 60}} if url.startswith("sqlite") else {"pool_pre_ping": True}
    for attempt in range(retries):
        try:
            return optuna.storages.RDBStorage(url, engine_kwargs=kwargs)
        except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.IntegrityError) as e:
            text = str(e.orig if getattr(e, "orig", None) is not None else e)
            # Two workers creating the tables at once: one sees "locked", "already exists"
            # or a duplicate schema-version row; the second attempt finds the tables made.
            racing = ("locked" in text, "already exists" in text, "UNIQUE constraint failed: alembic_version" in text)
            if attempt + 1 < retries and any(racing):
                time.sleep(0.2 * (attempt + 1))
                continue
            raise TuneError(
                f"Cannot open the study storage {safe_url(url)}: {text.strip().splitlines()[0]} — check the URL, "
                "that the folder exists and is writable, or that the database server is running."
            ) from None
        except ImportError as e:
            raise TuneError(
                f"The study storage {safe_url(url)} needs a database driver that is not installed ({e.name or e}) — "
                "install it (e.g. psycopg2-binary for PostgreSQL, PyMySQL for MySQL) or use a sqlite:/// URL."
            ) from None
        except (sqlalchemy.exc.ArgumentError, ValueError) as e:
            raise TuneError(f"The storage URL {safe_url(url)} is not valid: {e}") from None
        except sqlalchemy.exc.SQLAlchemyError as e:
            raise TuneError(f"Cannot use the study storage {safe_url(url)}: {e}") from None
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


def param_importances(study: optuna.Study) -> dict[str, float]:
    """How much each parameter explains of the value, normalised to sum to 1, over the complete
    trials; empty until two trials have completed with some parameter varied. fANOVA (Optuna's
    default, which needs scikit-learn); PED-ANOVA where scikit-learn is not installed."""
    done = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
    if len(done) < 2:
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
    trials: int,
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

    Trials that diverge before their first epoch, hit a setting the model rejects, or are
    stopped midway are recorded as failed with the reason in their "message" attribute; a
    stopped grid point is therefore tried again when the study resumes.
    """
    if isinstance(trials, bool) or not isinstance(trials, int) or trials < 1:
        raise TuneError(f"The number of trials must be a whole number >= 1, got {trials!r}.")
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
        from playground.core.data import load_dataset

        dataset = load_dataset(base.data.name, base.data.options, data_dir=data_dir)
    if metric == "auto":
        metric = "val_accuracy" if dataset.task == "classification" else "val_loss"
    if metric not in METRICS:
        raise TuneError(f"Unknown metric {metric!r}; choose auto or one of {', '.join(METRICS)}.")
    if metric == "val_accuracy" and dataset.task != "classification":
        raise TuneError(f"{dataset.name} is a regression dataset, which has no accuracy — use the metric val_loss.")
    spec = type(base.model)(dataset.input_shape, base.model.layers, base.model.init)
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

    def objective(trial: optuna.Trial) -> float:
        trial.set_user_attr("worker", worker)
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
        finished.append(frozen.number)
        row = _row(frozen)
        for cb in callbacks:
            cb.on_trial_end(row, study)
        if control.stop_requested:
            study.stop()

    if not control.stop_requested:
        # `catch`: a trial whose settings the trainer rejects, or that was stopped, is
        # recorded as failed and the study goes on; any other exception is a bug and propagates.
        study.optimize(objective, n_trials=trials, catch=(PlaygroundError,), callbacks=[after_trial])
    exhausted = isinstance(sampler, optuna.samplers.GridSampler) and sampler.is_exhausted(study)

    best = _best_trial(study)
    return TuneResult(
        study=study,
        metric=metric,
        trials_run=len(finished),
        stopped=control.stop_requested,
        exhausted=exhausted,
        best=_row(best) if best is not None else None,
        best_config=apply_params(base, best.params) if best is not None else None,
        rows=trials_table(study),
    )
