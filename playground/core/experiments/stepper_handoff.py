"""Handing a backprop stepper's run to normal training and back (core.experiments.stepper):
`Handoff` is what `fit(config, resume=handoff)` continues from (a `Resumable`: the model,
optimizer, schedule, seeded generators and epoch log, at the end of an epoch), and `TakeBack` a
fit callback that keeps a finished run's state as a `Handoff` for `Stepper.take_back`."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import torch

from playground.core.training.callbacks import Callback, EpochLogs, FitState

__all__ = ["Handoff", "TakeBack"]


@dataclass
class Handoff:
    """A stepper's run at the end of an epoch, as `fit(config, resume=handoff)` takes it
    (core.training.callbacks.Resumable): fit trains on from epoch `epoch`."""

    epoch: int  # the next epoch to train
    model: dict[str, torch.Tensor]
    optimizer: dict[str, Any]
    schedule: dict[str, Any]
    generators: dict[str, torch.Tensor]
    history: list[EpochLogs]
    initial_loss: float | None = None

    def restore(self, state: FitState) -> int:
        state.model.load_state_dict(self.model)
        state.optimizer.load_state_dict(copy.deepcopy(self.optimizer))
        if state.schedule is not None:
            state.schedule.load_state_dict(copy.deepcopy(self.schedule))
        for name, g in state.generators.items():
            saved = self.generators.get(name)
            if saved is not None and g.device.type == "cpu":
                g.set_state(saved)
        state.history = list(self.history)
        state.initial_loss = self.initial_loss
        return self.epoch


class TakeBack(Callback):
    """A fit callback keeping the run's state when it ends (`handoff`), for
    `Stepper.take_back`: the stepper steps on from the run's next epoch."""

    def __init__(self) -> None:
        self.handoff: Handoff | None = None

    def on_fit_end(self, state: FitState, result: Any) -> None:
        self.handoff = Handoff(
            epoch=len(state.history) + 1,
            model={k: v.detach().to("cpu", copy=True) for k, v in state.model.state_dict().items()},
            optimizer=copy.deepcopy(state.optimizer.state_dict()),
            schedule=copy.deepcopy(state.schedule.state_dict()) if state.schedule is not None else {},
            generators={k: g.get_state() for k, g in state.generators.items() if g.device.type == "cpu"},
            history=list(state.history),
            initial_loss=state.initial_loss,
        )

