"""Optimizers, built from `OptimizerConfig`.

`OPTIMIZERS` (and `schedules.SCHEDULES`) are the catalogues the GUI and the docs show: a
title, one sentence for learners, and each hyperparameter with its default, meaning and
allowed range. They live in core.training.catalog, without torch, so the window can show them
before torch has loaded; here each entry's name maps to how torch builds it. Configs carry hyperparameters as flat JSON keys (`beta1`, `beta2`, not a
`betas` pair); `make_optimizer` checks them against the catalogue, so a typo is a
`ConfigError` that names the key and lists the allowed ones.

All optimizers are torch's own, except AdaBound (Luo et al., ICLR 2019), which torch lacks.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Iterable

import torch

from playground.core.config.spec import OptimizerConfig
from playground.core.training.catalog import OPTIMIZERS, resolve_params

__all__ = [
    "AdaBound",
    "base_lr",
    "lr_scales",
    "make_optimizer",
]


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


def _adam_kwargs(o: dict[str, Any]) -> dict[str, Any]:
    return {"betas": (o["beta1"], o["beta2"]), "eps": o["eps"]}


_OPTIMIZER_FACTORIES: dict[str, Callable[[Any, float, dict[str, Any]], torch.optim.Optimizer]] = {
    "sgd": lambda params, lr, o: torch.optim.SGD(params, lr=lr),
    "momentum": lambda params, lr, o: torch.optim.SGD(params, lr=lr, momentum=o["momentum"]),
    "nesterov": lambda params, lr, o: torch.optim.SGD(params, lr=lr, momentum=o["momentum"], nesterov=True),
    "adagrad": lambda params, lr, o: torch.optim.Adagrad(params, lr=lr, eps=o["eps"]),
    "rmsprop": lambda params, lr, o: torch.optim.RMSprop(params, lr=lr, alpha=o["alpha"], eps=o["eps"]),
    "adam": lambda params, lr, o: torch.optim.Adam(params, lr=lr, **_adam_kwargs(o)),
    "adamw": lambda params, lr, o: torch.optim.AdamW(params, lr=lr, weight_decay=o["weight_decay"], **_adam_kwargs(o)),
    "radam": lambda params, lr, o: torch.optim.RAdam(params, lr=lr, **_adam_kwargs(o)),
    "adabound": lambda params, lr, o: AdaBound(
        params,
        lr=lr,
        final_lr=o["final_lr"],
        gamma=o["gamma"],
        amsbound=o["amsbound"],
        **_adam_kwargs(o),
    ),
}


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
    return _OPTIMIZER_FACTORIES[info.name](params, float(cfg.lr), values)


def lr_scales(optimizer: torch.optim.Optimizer) -> list[float]:
    """Each parameter group's learning-rate multiplier (1 for a group without one)."""
    return [float(g.get("lr_scale", 1.0)) for g in optimizer.param_groups]


def base_lr(optimizer: torch.optim.Optimizer) -> float:
    """The learning rate the schedule is at, before any layer's multiplier: the first group
    is the base one (train.fit puts the layers without a multiplier there, even none)."""
    group = optimizer.param_groups[0]
    scale = float(group.get("lr_scale", 1.0))
    return float(group["lr"]) / scale if scale else float(group["lr"])

