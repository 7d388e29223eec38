"""The search space of a hyperparameter search: which settings a study varies and over which values.

    space = SearchSpace.from_json(text)              # or default_space(config)
    cfg = apply_params(config, {"optimizer.lr": 0.01, "train.batch_size": 64})

A parameter is addressed by the key `RunConfig.with_overrides` understands: "optimizer.lr",
"train.batch_size", "optimizer.name", "model.layers[0].units" (the layer's 0-based position
in the JSON list), "model.layers[2].rate", "regularization.l2", "optimizer.params.momentum".
`tune` runs a study over a space. This module loads neither Optuna nor torch.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from playground.core.config.jsonload import load_json
from playground.core.config.spec import OptimizerConfig, RunConfig
from playground.core.errors import ConfigError, PlaygroundError
from playground.core.io.atomic import write_text

if TYPE_CHECKING:
    import optuna

__all__ = ["KINDS", "Param", "SearchSpace", "TuneError", "apply_params", "default_space", "rounded", "rounded_params"]

KINDS = ("float", "int", "categorical")


class TuneError(PlaygroundError, ValueError):
    """A search space, sampler, storage or study cannot be used. The message is for the user.

    Errors in a search space also carry a `key` naming the problem and the `values` the
    English was built from (param: the setting's config key), so that the window can say
    the same in its own language (gui/dialogs/search_space.py: tune_error_text)."""

    def __init__(self, message: str, key: str = "", **values: Any):
        super().__init__(message)
        self.key, self.values = key, values


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
            raise TuneError(
                "A search parameter needs a 'key' such as \"optimizer.lr\" or \"model.layers[0].units\".", "no_key"
            )
        if self.kind not in KINDS:
            raise TuneError(f"{where}: unknown kind {self.kind!r}; choose one of {', '.join(KINDS)}.")
        if self.kind == "categorical":
            if not self.choices:
                raise TuneError(f"{where}: a categorical parameter needs a non-empty 'choices' list.", "no_choices", param=self.key)
            for c in self.choices:
                if c is not None and not isinstance(c, (str, int, float, bool)):
                    raise TuneError(f"{where}: choices must be text, numbers, true/false or null, got {c!r}.")
            if len(set(map(repr, self.choices))) != len(self.choices):
                raise TuneError(f"{where}: 'choices' lists a value twice.", "choice_twice", param=self.key)
            return
        whole = self.kind == "int"
        for name in ("low", "high"):
            value = getattr(self, name)
            if not _is_number(value) or (whole and not isinstance(value, int)):
                number = "a whole number" if whole else "a number"
                raise TuneError(
                    f"{where}: '{name}' must be {number}, got {value!r}.",
                    f"{name}_not_{'whole' if whole else 'number'}", param=self.key, value=value,
                )
        if self.low > self.high:
            raise TuneError(
                f"{where}: 'low' ({self.low:g}) is above 'high' ({self.high:g}) — swap them.",
                "low_above_high", param=self.key, low=self.low, high=self.high,
            )
        if self.log and self.low <= 0:
            raise TuneError(f"{where}: a log range needs 'low' > 0, got {self.low:g}.", "log_low", param=self.key, low=self.low)
        if self.step is not None:
            if not _is_number(self.step) or self.step <= 0 or (whole and not isinstance(self.step, int)):
                raise TuneError(
                    f"{where}: 'step' must be a {'whole ' if whole else ''}number > 0, got {self.step!r}.",
                    "bad_step", param=self.key, step=self.step,
                )
            if self.log and (not whole or self.step != 1):
                raise TuneError(f"{where}: a log range cannot have a 'step' — remove one of them.", "log_step", param=self.key)
        for value in self.grid:
            if not _is_number(value) or (whole and not isinstance(value, int)) or not self.low <= value <= self.high:
                raise TuneError(
                    f"{where}: grid value {value!r} is not a {'whole ' if whole else ''}number in "
                    f"[{self.low:g}, {self.high:g}].",
                    "grid_value", param=self.key, value=value, low=self.low, high=self.high,
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
                "\"step\", or use the random or tpe sampler.",
                "no_grid", param=self.key, low=self.low, high=self.high,
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
            raise TuneError("The search space is empty — add at least one parameter (e.g. optimizer.lr).", "empty_space")
        keys = [p.key for p in self.params]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise TuneError(f"The search space lists {', '.join(twice)} more than once.", "listed_twice", params=twice)

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
                    raise TuneError(
                        f"Search parameter '{p.key}' (value {value!r}): {e}", "does_not_fit", param=p.key, value=value, cause=e
                    ) from None

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
            data = load_json(text, "The search space")
        except ConfigError as e:
            raise TuneError(str(e)) from None
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
        """Write the space as JSON, atomically (WriteError when the disk refuses it)."""
        write_text(path, self.to_json() + "\n")


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
    from playground.core.training.catalog import OPTIMIZERS

    params = dict(params)
    cfg = base
    name = params.pop("optimizer.name", None)
    if name is not None and name != base.optimizer.name:
        if name not in OPTIMIZERS:
            raise ConfigError(
                f"Unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}.", "unknown_optimizer",
                {"value": name, "choices": ", ".join(OPTIMIZERS)},
            )
        cfg = cfg.replace(optimizer=OptimizerConfig(name, OPTIMIZERS[name].default_lr, {}))
    if "train.batch_size" in params:
        params["train.batch_mode"] = "minibatch"
    cfg = cfg.with_overrides(**params)
    cfg.validate()
    return cfg


def rounded(value: Any, digits: int = 3) -> Any:
    """A float to `digits` significant digits (0.020312321501143805 -> 0.0203); anything else as it is.

    A sampler draws values such as 0.020312321501143805; no training result depends on the
    digits after the third, and a learner copying or reading the value should not see them."""
    if isinstance(value, float) and math.isfinite(value) and value != 0:
        return float(f"{value:.{digits}g}")
    return value


def rounded_params(params: Mapping[str, Any], space: SearchSpace | None = None, digits: int = 3) -> dict[str, Any]:
    """A trial's values for showing and applying: floats drawn from a range to `digits`
    significant digits. A float on a `step` grid keeps the grid point, only its binary noise
    removed (0.30000000000000004 -> 0.3), since rounding could move it off the grid."""
    stepped = {p.key for p in space.params if p.step is not None} if space is not None else set()
    return {
        key: (round(value, 12) if isinstance(value, float) else value) if key in stepped else rounded(value, digits)
        for key, value in params.items()
    }
