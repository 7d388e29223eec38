"""Learning-rate schedules, built from `ScheduleConfig`.

`SCHEDULES` is the catalogue the GUI and the docs show (as `optim.OPTIMIZERS` is for the
optimizers; both live in core.training.catalog, without torch, and here each entry's name
maps to how torch builds it); `make_schedule` checks a config's parameters against it, so a
typo is a `ConfigError` that names the key and lists the allowed ones. The trainer drives a
`Schedule` through two hooks, after every optimizer step and after every epoch.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import torch

from playground.core.config.spec import ScheduleConfig
from playground.core.errors import ConfigError
from playground.core.training.catalog import SCHEDULES, resolve_params
from playground.core.training.optim import base_lr, lr_scales

__all__ = ["Schedule", "make_schedule"]


class Schedule:
    """Moves the learning rate during training. The trainer calls `on_batch_end` after each
    optimizer step and `on_epoch_end` after validation; each schedule acts on one of them.

    This base class is the constant schedule: both hooks do nothing.
    """

    def __init__(self, optimizer: torch.optim.Optimizer):
        self._optimizer = optimizer

    def on_batch_end(self) -> None:
        """Called after every optimizer step."""

    def on_epoch_end(self, val_loss: float | None) -> None:
        """Called at the end of every epoch with the validation loss (None without a validation set)."""

    @property
    def lr(self) -> float:
        """The current base learning rate (that of layers without a multiplier)."""
        return base_lr(self._optimizer)

    def state_dict(self) -> dict[str, Any]:
        """Where the schedule is (numbers and lists only), for checkpoints; {} when constant."""
        scheduler = getattr(self, "_scheduler", None)
        return scheduler.state_dict() if scheduler is not None else {}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Continue from a `state_dict` of the same schedule (resuming a run)."""
        scheduler = getattr(self, "_scheduler", None)
        if scheduler is not None and state:
            scheduler.load_state_dict(state)


class _PerBatch(Schedule):
    def __init__(self, optimizer: torch.optim.Optimizer, scheduler: torch.optim.lr_scheduler.LRScheduler):
        super().__init__(optimizer)
        self._scheduler = scheduler

    def on_batch_end(self) -> None:
        self._scheduler.step()


class _PerEpoch(Schedule):
    def __init__(self, optimizer: torch.optim.Optimizer, scheduler: torch.optim.lr_scheduler.LRScheduler):
        super().__init__(optimizer)
        self._scheduler = scheduler

    def on_epoch_end(self, val_loss: float | None) -> None:
        self._scheduler.step()


class _OnPlateau(Schedule):
    def __init__(self, optimizer: torch.optim.Optimizer, scheduler: torch.optim.lr_scheduler.ReduceLROnPlateau):
        super().__init__(optimizer)
        self._scheduler = scheduler

    def on_epoch_end(self, val_loss: float | None) -> None:
        if val_loss is None:
            raise ConfigError(
                "The 'plateau' schedule watches the validation loss, but this run has no validation set — "
                "set data.val_split above 0 (e.g. 0.1) or choose another schedule."
            )
        self._scheduler.step(val_loss)


def _onecycle(optimizer: torch.optim.Optimizer, o: dict[str, Any], epochs: int, steps: int) -> Schedule:
    # One peak per group: a layer with a learning-rate multiplier peaks at max_lr × multiplier.
    if o["max_lr"] is not None:
        max_lr = [o["max_lr"] * s for s in lr_scales(optimizer)]
    else:
        max_lr = [10 * g["lr"] for g in optimizer.param_groups]
    # torch counts the starting lr as step 0, so after the run's last batch (step epochs·steps)
    # the cycle must just have ended; with total_steps = epochs·steps the lr would swing back up.
    # cycle_momentum is off: torch would otherwise overwrite the optimizer's momentum/beta1
    # (turning plain SGD into momentum SGD, and failing for Adagrad), which the user did not ask for.
    scheduler = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=max_lr, total_steps=epochs * steps + 1, pct_start=o["pct_start"], cycle_momentum=False
    )
    return _PerBatch(optimizer, scheduler)


class _ScaledCosineAnnealingLR(torch.optim.lr_scheduler.CosineAnnealingLR):
    """torch's cosine annealing with eta_min multiplied per group by its learning-rate
    multiplier, so every group's lr stays base lr × multiplier all the way down (torch's
    single eta_min would pull a group with multiplier 0 up to eta_min). Closed form, which
    equals torch's recursive one within T_max steps; the state is torch's, for checkpoints."""

    def __init__(self, optimizer: torch.optim.Optimizer, T_max: int, eta_min: float):
        self._scales = lr_scales(optimizer)
        super().__init__(optimizer, T_max=T_max, eta_min=eta_min)

    def get_lr(self) -> list[float]:
        t = min(self.last_epoch, self.T_max)
        wave = (1 + math.cos(math.pi * t / self.T_max)) / 2
        return [
            self.eta_min * s + (base - self.eta_min * s) * wave for base, s in zip(self.base_lrs, self._scales)
        ]


def _cosine(optimizer: torch.optim.Optimizer, o: dict[str, Any], epochs: int, steps: int) -> Schedule:
    if all(s == 1 for s in lr_scales(optimizer)):
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs * steps, eta_min=o["eta_min"])
    else:
        scheduler = _ScaledCosineAnnealingLR(optimizer, T_max=epochs * steps, eta_min=o["eta_min"])
    return _PerBatch(optimizer, scheduler)


_SCHEDULE_FACTORIES: dict[str, Callable[[torch.optim.Optimizer, dict[str, Any], int, int], Schedule]] = {
    "constant": lambda opt, o, epochs, steps: Schedule(opt),
    "step": lambda opt, o, epochs, steps: _PerEpoch(
        opt, torch.optim.lr_scheduler.StepLR(opt, step_size=o["step_size"], gamma=o["gamma"])
    ),
    "exponential": lambda opt, o, epochs, steps: _PerEpoch(opt, torch.optim.lr_scheduler.ExponentialLR(opt, gamma=o["gamma"])),
    "cosine": _cosine,
    "onecycle": _onecycle,
    "plateau": lambda opt, o, epochs, steps: _OnPlateau(
        opt,
        torch.optim.lr_scheduler.ReduceLROnPlateau(
            opt,
            mode="min",
            factor=o["factor"],
            patience=o["patience"],
            min_lr=[o["min_lr"] * s for s in lr_scales(opt)],  # the floor scales with each group
        ),
    ),
}


def make_schedule(
    optimizer: torch.optim.Optimizer, cfg: ScheduleConfig, *, epochs: int, steps_per_epoch: int
) -> Schedule:
    """The schedule `cfg` names, driving `optimizer` over `epochs` epochs of `steps_per_epoch`
    optimizer steps (per-batch schedules need the exact count to end where they should).

    Raises ConfigError for an unknown schedule, an unknown parameter or a value out of range.
    """
    if epochs < 1 or steps_per_epoch < 1:
        raise ValueError(f"epochs and steps_per_epoch must be >= 1, got {epochs} and {steps_per_epoch}")
    info, values = resolve_params("schedule", cfg.name, SCHEDULES, cfg.params)
    return _SCHEDULE_FACTORIES[info.name](optimizer, values, epochs, steps_per_epoch)
