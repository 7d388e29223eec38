"""Optimizers, built from `OptimizerConfig`, and the catalogue entries they and the
learning-rate schedules (core.training.schedules) share.

`OPTIMIZERS` (and `schedules.SCHEDULES`) are the catalogues the GUI and the docs show: a
title, one sentence for learners, and each hyperparameter with its default, meaning and
allowed range. Configs carry hyperparameters as flat JSON keys (`beta1`, `beta2`, not a
`betas` pair); `make_optimizer` checks them against the catalogue, so a typo is a
`ConfigError` that names the key and lists the allowed ones.

All optimizers are torch's own, except AdaBound (Luo et al., ICLR 2019), which torch lacks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

import torch

from playground.core.config.spec import ConfigError, OptimizerConfig

__all__ = [
    "OPTIMIZERS",
    "AdaBound",
    "OptimizerInfo",
    "ParamInfo",
    "base_lr",
    "lr_scales",
    "make_optimizer",
    "resolve_params",
]


# --------------------------------------------------------------------------- catalogue entries


@dataclass(frozen=True)
class ParamInfo:
    """One hyperparameter: its default, what it means, and the values it may take.

    The type follows the default (bool, int, or float; a default of None means "automatic",
    as the help says, and the value is otherwise a float). `low`/`high` bound numbers;
    `low_inclusive`/`high_inclusive` say whether the bound itself is allowed.
    """

    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True

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
    """An optimizer as the GUI shows it, and how to build it."""

    name: str
    title: str
    help: str
    default_lr: float
    params: Mapping[str, ParamInfo]
    # (parameters, lr, checked hyperparameters) -> optimizer
    factory: Callable[[Any, float, dict[str, Any]], torch.optim.Optimizer] = field(repr=False, compare=False)
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


# --------------------------------------------------------------------------- AdaBound


class AdaBound(torch.optim.Optimizer):
    """AdaBound / AMSBound (Luo et al., "Adaptive Gradient Methods with Dynamic Bound of
    Learning Rate", ICLR 2019), with the semantics of the authors' reference implementation.

    Adam's per-element step size lr·sqrt(1-β2^t)/(1-β1^t) / (sqrt(v)+eps) is clipped into
    [final_lr·(1 - 1/(γt+1)), final_lr·(1 + 1/(γt))] and multiplied by the first moment m.
    The bounds start wide (Adam) and close in on final_lr (SGD). As in the reference,
    final_lr is scaled by lr / base_lr, so a schedule that lowers lr lowers the bounds too.
    `weight_decay` is an L2 term added to the gradient (not decoupled).
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        final_lr: float = 0.1,
        gamma: float = 1e-3,
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        amsbound: bool = False,
    ):
        if not lr > 0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not (0 <= betas[0] < 1 and 0 <= betas[1] < 1):
            raise ValueError(f"Invalid betas: {betas}")
        if not final_lr > 0:
            raise ValueError(f"Invalid final learning rate: {final_lr}")
        if not 0 < gamma < 1:
            raise ValueError(f"Invalid gamma: {gamma}")
        if not eps >= 0:
            raise ValueError(f"Invalid eps: {eps}")
        if not weight_decay >= 0:
            raise ValueError(f"Invalid weight_decay: {weight_decay}")
        defaults = dict(
            lr=lr, betas=betas, final_lr=final_lr, gamma=gamma, eps=eps, weight_decay=weight_decay, amsbound=amsbound
        )
        super().__init__(params, defaults)

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        super().add_param_group(param_group)
        # The lr the bounds are relative to. Kept in the group (not on self, as the reference
        # does) so that it is saved and restored with state_dict.
        group = self.param_groups[-1]
        group.setdefault("base_lr", group["lr"])

    @torch.no_grad()
    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            eps, gamma, weight_decay = group["eps"], group["gamma"], group["weight_decay"]
            # A layer held still by a learning-rate multiplier of 0 has base_lr 0: no bounds.
            final_lr = group["final_lr"] * group["lr"] / group["base_lr"] if group["base_lr"] else 0.0
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = p.grad
                if grad.is_sparse:
                    raise RuntimeError("AdaBound does not support sparse gradients.")
                state = self.state[p]
                if not state:
                    state["step"] = 0
                    state["exp_avg"] = torch.zeros_like(p, memory_format=torch.preserve_format)
                    state["exp_avg_sq"] = torch.zeros_like(p, memory_format=torch.preserve_format)
                    if group["amsbound"]:
                        state["max_exp_avg_sq"] = torch.zeros_like(p, memory_format=torch.preserve_format)
                state["step"] += 1
                t = state["step"]
                exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]

                if weight_decay:
                    grad = grad.add(p, alpha=weight_decay)
                exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
                exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                if group["amsbound"]:
                    second = torch.maximum(state["max_exp_avg_sq"], exp_avg_sq, out=state["max_exp_avg_sq"])
                else:
                    second = exp_avg_sq

                step_size = group["lr"] * math.sqrt(1 - beta2**t) / (1 - beta1**t)
                lower = final_lr * (1 - 1 / (gamma * t + 1))
                upper = final_lr * (1 + 1 / (gamma * t))
                # Per-element learning rate: Adam's, clipped into the bounds.
                rate = second.sqrt().add_(eps).reciprocal_().mul_(step_size).clamp_(lower, upper)
                p.sub_(rate.mul_(exp_avg))
        return loss


# --------------------------------------------------------------------------- optimizers

_MOMENTUM_HELP = "Fraction of the previous step kept and added to the next one (0.9 is typical)."
_MOMENTUM = ParamInfo(0.9, _MOMENTUM_HELP, low=0.0, high=1.0, high_inclusive=False)
_BETA1 = ParamInfo(
    0.9,
    "Decay of the running average of gradients (the momentum part); 0.9 is typical.",
    low=0.0,
    high=1.0,
    high_inclusive=False,
)
_BETA2 = ParamInfo(
    0.999,
    "Decay of the running average of squared gradients (the per-weight scaling part); 0.999 is typical.",
    low=0.0,
    high=1.0,
    high_inclusive=False,
)


def _eps(default: float) -> ParamInfo:
    return ParamInfo(
        default, "Small number added to the denominator so it is never zero.", low=0.0, low_inclusive=False
    )


def _adam_kwargs(o: dict[str, Any]) -> dict[str, Any]:
    return {"betas": (o["beta1"], o["beta2"]), "eps": o["eps"]}


_OPTIMIZER_LIST = [
    OptimizerInfo(
        "sgd",
        "SGD",
        "Plain stochastic gradient descent: each step goes straight down the mini-batch gradient. "
        "Simple and predictable but slow in narrow valleys; the baseline to compare the others with.",
        0.01,
        {},
        lambda params, lr, o: torch.optim.SGD(params, lr=lr),
    ),
    OptimizerInfo(
        "momentum",
        "Momentum SGD",
        "SGD with a velocity: steps build up along directions the gradient keeps pointing to and "
        "cancel out where it zig-zags; a strong choice for CNNs once the learning rate is tuned.",
        0.01,
        {"momentum": _MOMENTUM},
        lambda params, lr, o: torch.optim.SGD(params, lr=lr, momentum=o["momentum"]),
    ),
    OptimizerInfo(
        "nesterov",
        "Nesterov momentum",
        "Momentum SGD that looks ahead: the gradient is taken where the velocity is about to carry "
        "the weights, which reduces overshooting; a drop-in upgrade to momentum.",
        0.01,
        {"momentum": ParamInfo(0.9, _MOMENTUM_HELP, low=0.0, high=1.0, low_inclusive=False, high_inclusive=False)},
        lambda params, lr, o: torch.optim.SGD(params, lr=lr, momentum=o["momentum"], nesterov=True),
    ),
    OptimizerInfo(
        "adagrad",
        "Adagrad",
        "Gives every weight its own learning rate that shrinks as its squared gradients add up; "
        "good for rarely active (sparse) inputs, but learning can stall in long runs.",
        0.01,
        {"eps": _eps(1e-10)},
        lambda params, lr, o: torch.optim.Adagrad(params, lr=lr, eps=o["eps"]),
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
            ),
            "eps": _eps(1e-8),
        },
        lambda params, lr, o: torch.optim.RMSprop(params, lr=lr, alpha=o["alpha"], eps=o["eps"]),
    ),
    OptimizerInfo(
        "adam",
        "Adam",
        "Momentum plus RMSprop-style per-weight scaling, corrected for its cold start; works well "
        "out of the box with learning rate 0.001, so it is the usual first choice.",
        1e-3,
        {"beta1": _BETA1, "beta2": _BETA2, "eps": _eps(1e-8)},
        lambda params, lr, o: torch.optim.Adam(params, lr=lr, **_adam_kwargs(o)),
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
            ),
        },
        lambda params, lr, o: torch.optim.AdamW(params, lr=lr, weight_decay=o["weight_decay"], **_adam_kwargs(o)),
    ),
    OptimizerInfo(
        "radam",
        "RAdam",
        "Adam with a built-in warm-up: it damps the adaptive steps while the gradient statistics "
        "are still unreliable, so it is less sensitive to the learning rate.",
        1e-3,
        {"beta1": _BETA1, "beta2": _BETA2, "eps": _eps(1e-8)},
        lambda params, lr, o: torch.optim.RAdam(params, lr=lr, **_adam_kwargs(o)),
    ),
    OptimizerInfo(
        "adabound",
        "AdaBound",
        "Starts like Adam and turns smoothly into SGD: per-weight step sizes are clipped into "
        "bounds that close in on final_lr, aiming for Adam's speed and SGD's final accuracy.",
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
            ),
            "gamma": ParamInfo(
                1e-3,
                "How fast the bounds close in: after about 1/gamma steps it behaves much like SGD.",
                low=0.0,
                high=1.0,
                low_inclusive=False,
                high_inclusive=False,
            ),
            "amsbound": ParamInfo(
                False, "Scale by the largest squared-gradient average so far (AMSBound), so step sizes never grow back."
            ),
        },
        lambda params, lr, o: AdaBound(
            params,
            lr=lr,
            final_lr=o["final_lr"],
            gamma=o["gamma"],
            amsbound=o["amsbound"],
            **_adam_kwargs(o),
        ),
        scaled_params=("final_lr",),
    ),
]

OPTIMIZERS: dict[str, OptimizerInfo] = {info.name: info for info in _OPTIMIZER_LIST}


def make_optimizer(params: Iterable[Any], cfg: OptimizerConfig) -> torch.optim.Optimizer:
    """The optimizer `cfg` names over `params` (parameters or param-group dicts).

    A group dict with an "lr_scale" (a layer's learning-rate multiplier) trains at
    cfg.lr × lr_scale, and so do its other learning-rate hyperparameters (AdaBound's
    final_lr); the scale stays in the group, where schedules and `base_lr` read it.
    Raises ConfigError for an unknown optimizer, an unknown hyperparameter or a value out of range.
    """
    cfg.validate()
    info, values = resolve_params("optimizer", cfg.name, OPTIMIZERS, cfg.params)
    params = list(params)
    for group in params:
        if isinstance(group, dict) and "lr_scale" in group:
            scale = float(group["lr_scale"])
            group["lr"] = float(cfg.lr) * scale
            for name in info.scaled_params:
                group[name] = values[name] * scale
    return info.factory(params, float(cfg.lr), values)


def lr_scales(optimizer: torch.optim.Optimizer) -> list[float]:
    """Each parameter group's learning-rate multiplier (1 for a group without one)."""
    return [float(g.get("lr_scale", 1.0)) for g in optimizer.param_groups]


def base_lr(optimizer: torch.optim.Optimizer) -> float:
    """The learning rate the schedule is at, before any layer's multiplier: the first group
    is the base one (train.fit puts the layers without a multiplier there, even none)."""
    group = optimizer.param_groups[0]
    scale = float(group.get("lr_scale", 1.0))
    return float(group["lr"]) / scale if scale else float(group["lr"])

