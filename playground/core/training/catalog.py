"""The optimizers and learning-rate schedules a run can use, as tables without torch: per entry a
title, one sentence for learners, and each hyperparameter with its default, meaning and
allowed range. The Training tab, the docs and core.training.optim / core.training.schedules
(which build them with torch, by name) read these; the window builds its panels from them
before torch has loaded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

from playground.core.errors import ConfigError

__all__ = ["OPTIMIZERS", "SCHEDULES", "OptimizerInfo", "ParamInfo", "ScheduleInfo", "resolve_params"]


@dataclass(frozen=True)
class ParamInfo:
    """One hyperparameter: its default, what it means, and the values it may take.

    The type follows the default (bool, int, or float; a default of None means "automatic",
    as the help says, and the value is otherwise a float). `low`/`high` bound numbers;
    `low_inclusive`/`high_inclusive` say whether the bound itself is allowed. `label` names it
    for people ("Final learning rate"); the key it is stored under ("final_lr") is for configs
    and the command line.
    """

    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    label: str = ""

    def range_text(self) -> str:
        """The allowed range, to follow 'must be': 'in [0, 1)', '> 0', or '' when unbounded."""
        if self.low is not None and self.high is not None:
            left = "[" if self.low_inclusive else "("
            right = "]" if self.high_inclusive else ")"
            return f"in {left}{self.low:g}, {self.high:g}{right}"
        if self.low is not None:
            return f"{'>=' if self.low_inclusive else '>'} {self.low:g}"
        if self.high is not None:
            return f"{'<=' if self.high_inclusive else '<'} {self.high:g}"
        return ""

    def check(self, value: Any, where: str) -> Any:
        """The value in its proper type, or ConfigError naming `where` and the allowed values."""
        if value is None and self.default is None:
            return None
        if isinstance(self.default, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"{where} must be true or false, got {value!r}.")
            return value
        whole = isinstance(self.default, int)
        wrong = f"{where} must be {'a whole number' if whole else 'a number'} {self.range_text()}".rstrip()
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
            raise ConfigError(f"{wrong}, got {value!r}.")
        value = value if whole else float(value)
        inside = math.isfinite(value)
        if self.low is not None:
            inside = inside and (value >= self.low if self.low_inclusive else value > self.low)
        if self.high is not None:
            inside = inside and (value <= self.high if self.high_inclusive else value < self.high)
        if not inside:
            raise ConfigError(f"{wrong}, got {value!r}.")
        return value


@dataclass(frozen=True)
class OptimizerInfo:
    """An optimizer as the GUI shows it (core.training.optim builds it by its name)."""

    name: str
    title: str
    help: str
    default_lr: float
    params: Mapping[str, ParamInfo]
    # Hyperparameters that are learning rates too: a parameter group with a learning-rate
    # multiplier (TrainConfig.layer_lr) gets them multiplied alike.
    scaled_params: tuple[str, ...] = ()


def resolve_params(kind: str, name: str, catalogue: Mapping[str, Any], given: Mapping[str, Any]) -> tuple[Any, dict]:
    """Look `name` up and check `given` against its parameters; returns (info, full parameters)."""
    info = catalogue.get(str(name).lower())
    if info is None:
        raise ConfigError(f"Unknown {kind} '{name}'; choose one of {', '.join(catalogue)}.")
    if not isinstance(given, Mapping):
        raise ConfigError(f"The {kind} parameters must be an object of name: value, got {given!r}.")
    unknown = sorted(set(given) - set(info.params))
    if unknown:
        allowed = f"its parameters are {', '.join(info.params)}" if info.params else "it takes none"
        raise ConfigError(f"The {kind} '{info.name}' has no parameter(s) {', '.join(unknown)}; {allowed}.")
    where = f"{kind.capitalize()} '{info.name}' parameter"
    values = {
        key: p.check(given[key], f"{where} '{key}'") if key in given else p.default for key, p in info.params.items()
    }
    return info, values


@dataclass(frozen=True)
class ScheduleInfo:
    """A learning-rate schedule as the GUI shows it (core.training.schedules builds it by its name)."""

    name: str
    title: str
    help: str
    params: Mapping[str, ParamInfo]


# --------------------------------------------------------------------------- optimizers


_MOMENTUM_HELP = "Fraction of the previous step kept and added to the next one (0.9 is typical)."
_MOMENTUM = ParamInfo(0.9, _MOMENTUM_HELP, low=0.0, high=1.0, high_inclusive=False, label="Momentum")
_BETA1 = ParamInfo(
    0.9,
    "Decay of the running average of gradients (the momentum part); 0.9 is typical.",
    low=0.0,
    high=1.0,
    high_inclusive=False,
    label="Gradient decay (β₁)",
)
_BETA2 = ParamInfo(
    0.999,
    "Decay of the running average of squared gradients (the per-weight scaling part); 0.999 is typical.",
    low=0.0,
    high=1.0,
    high_inclusive=False,
    label="Squared-gradient decay (β₂)",
)


def _eps(default: float) -> ParamInfo:
    return ParamInfo(
        default,
        "Small number added to the denominator so it is never zero.",
        low=0.0,
        low_inclusive=False,
        label="Epsilon (ε)",
    )


_OPTIMIZER_LIST = [
    OptimizerInfo(
        "sgd",
        "SGD",
        "Plain stochastic gradient descent: each step goes straight down the mini-batch gradient. "
        "Simple and predictable but slow in narrow valleys; the baseline to compare the others with.",
        0.01,
        {},
    ),
    OptimizerInfo(
        "momentum",
        "Momentum SGD",
        "SGD with a velocity: steps build up along directions the gradient keeps pointing to and "
        "cancel out where it zig-zags; a strong choice for CNNs once the learning rate is tuned.",
        0.01,
        {"momentum": _MOMENTUM},
    ),
    OptimizerInfo(
        "nesterov",
        "Nesterov momentum",
        "Momentum SGD that looks ahead: the gradient is taken where the velocity is about to carry "
        "the weights, which reduces overshooting; a drop-in upgrade to momentum.",
        0.01,
        {
            "momentum": ParamInfo(
                0.9, _MOMENTUM_HELP, low=0.0, high=1.0, low_inclusive=False, high_inclusive=False, label="Momentum"
            )
        },
    ),
    OptimizerInfo(
        "adagrad",
        "Adagrad",
        "Gives every weight its own learning rate that shrinks as its squared gradients add up; "
        "good for rarely active (sparse) inputs, but learning can stall in long runs.",
        0.01,
        {"eps": _eps(1e-10)},
    ),
    OptimizerInfo(
        "rmsprop",
        "RMSprop",
        "Like Adagrad, but with a moving average of squared gradients, so the per-weight learning "
        "rates adapt without shrinking to zero; a classic for recurrent networks.",
        1e-3,
        {
            "alpha": ParamInfo(
                0.99,
                "Decay of the moving average of squared gradients (0.9 to 0.99 is typical).",
                low=0.0,
                high=1.0,
                high_inclusive=False,
                label="Squared-gradient decay (α)",
            ),
            "eps": _eps(1e-8),
        },
    ),
    OptimizerInfo(
        "adam",
        "Adam",
        "Momentum plus RMSprop-style per-weight scaling, corrected for its cold start; works well "
        "out of the box with learning rate 0.001, so it is the usual first choice.",
        1e-3,
        {"beta1": _BETA1, "beta2": _BETA2, "eps": _eps(1e-8)},
    ),
    OptimizerInfo(
        "adamw",
        "AdamW",
        "Adam with decoupled weight decay: weights shrink directly each step instead of through "
        "the gradient, which regularises better than an L2 penalty does with Adam.",
        1e-3,
        {
            "beta1": _BETA1,
            "beta2": _BETA2,
            "eps": _eps(1e-8),
            "weight_decay": ParamInfo(
                0.01,
                "Each step every weight shrinks by learning rate × this fraction (0 turns it into Adam).",
                low=0.0,
                label="Weight decay",
            ),
        },
    ),
    OptimizerInfo(
        "radam",
        "RAdam",
        "Adam with a built-in warm-up: it damps the adaptive steps while the gradient statistics "
        "are still unreliable, so it is less sensitive to the learning rate.",
        1e-3,
        {"beta1": _BETA1, "beta2": _BETA2, "eps": _eps(1e-8)},
    ),
    OptimizerInfo(
        "adabound",
        "AdaBound",
        "Starts like Adam and turns smoothly into SGD: per-weight step sizes are clipped into "
        "bounds that close in on a final learning rate, aiming for Adam's speed and SGD's final accuracy.",
        1e-3,
        {
            "beta1": _BETA1,
            "beta2": _BETA2,
            "eps": _eps(1e-8),
            "final_lr": ParamInfo(
                0.1,
                "The SGD learning rate the bounds close in on (it follows the schedule too).",
                low=0.0,
                low_inclusive=False,
                label="Final learning rate",
            ),
            "gamma": ParamInfo(
                1e-3,
                "How fast the bounds close in: after about 1/γ steps it behaves much like SGD.",
                low=0.0,
                high=1.0,
                low_inclusive=False,
                high_inclusive=False,
                label="Bound speed (γ)",
            ),
            "amsbound": ParamInfo(
                False,
                "Scale by the largest squared-gradient average so far (AMSBound), so step sizes never grow back.",
                label="Steps never grow back (AMSBound)",
            ),
        },
        scaled_params=("final_lr",),
    ),
]

OPTIMIZERS: dict[str, OptimizerInfo] = {info.name: info for info in _OPTIMIZER_LIST}


# --------------------------------------------------------------------------- schedules


_SCHEDULE_LIST = [
    ScheduleInfo(
        "constant",
        "Constant",
        "Keeps the learning rate fixed for the whole run.",
        {},
    ),
    ScheduleInfo(
        "step",
        "Step decay",
        "Multiplies the learning rate by a factor (γ) every few epochs: big steps early, fine-tuning later.",
        {
            "step_size": ParamInfo(10, "Epochs between two drops of the learning rate.", low=1, label="Epochs between drops"),
            "gamma": ParamInfo(
                0.1,
                "Factor applied at each drop (0.1 divides the learning rate by 10).",
                low=0.0,
                high=1.0,
                low_inclusive=False,
                label="Drop factor (γ)",
            ),
        },
    ),
    ScheduleInfo(
        "exponential",
        "Exponential decay",
        "Multiplies the learning rate by a factor (γ) after every epoch, so it decays smoothly.",
        {
            "gamma": ParamInfo(
                0.95,
                "Factor applied after each epoch (0.95 halves it in about 14 epochs).",
                low=0.0,
                high=1.0,
                low_inclusive=False,
                label="Factor per epoch (γ)",
            )
        },
    ),
    ScheduleInfo(
        "cosine",
        "Cosine annealing",
        "Lowers the learning rate along half a cosine wave, batch by batch, reaching its lowest value at "
        "the end of the last epoch: slow decay at first, fast in the middle, gentle at the end.",
        {
            "eta_min": ParamInfo(
                0.0, "The learning rate reached at the end of training.", low=0.0, label="Learning rate at the end"
            )
        },
    ),
    ScheduleInfo(
        "onecycle",
        "One cycle",
        "Warms the learning rate up from 1/25 of its peak to the peak, then anneals it far below the start, "
        "batch by batch; often trains fastest (Smith's 1cycle policy).",
        {
            "max_lr": ParamInfo(
                None,
                "Peak learning rate; empty means 10 × the optimizer's learning rate.",
                low=0.0,
                low_inclusive=False,
                label="Peak learning rate",
            ),
            "pct_start": ParamInfo(
                0.3,
                "Fraction of all batches spent warming up to the peak.",
                low=0.0,
                high=1.0,
                low_inclusive=False,
                high_inclusive=False,
                label="Warm-up share",
            ),
        },
    ),
    ScheduleInfo(
        "plateau",
        "Reduce on plateau",
        "Multiplies the learning rate by a factor when the validation loss has not improved for a "
        "number of epochs (the patience); needs a validation set.",
        {
            "factor": ParamInfo(
                0.5,
                "Factor applied when the validation loss stalls.",
                low=0.0,
                high=1.0,
                low_inclusive=False,
                high_inclusive=False,
                label="Drop factor",
            ),
            "patience": ParamInfo(
                3, "Epochs without improvement to wait before lowering the learning rate.", low=0, label="Patience (epochs)"
            ),
            "min_lr": ParamInfo(0.0, "The learning rate never goes below this.", low=0.0, label="Lowest learning rate"),
        },
    ),
]

SCHEDULES: dict[str, ScheduleInfo] = {info.name: info for info in _SCHEDULE_LIST}
