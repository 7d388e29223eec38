"""The backprop stepper's records: what one step showed, phase by phase, as plain numbers (no
tensors: a window can keep them and draw from them on its own thread). core.experiments.stepper
fills them; `to_dict` is the JSON `playground step --json` prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playground.core.experiments.stepper_formulas import Formula

__all__ = ["LinkRecord", "NeuronRecord", "StepRecord"]


@dataclass
class NeuronRecord:
    """Unit `unit` of Dense layer `layer` (both 1-based; layer 0 is the input): per sample of the
    batch its z and a, after the backward phase its δ and f'(z), and its formulas
    ("z", "a", "delta"; the output layer's also "dout": ∂L/∂a from the loss)."""

    layer: int
    unit: int
    function: str
    z: list[float]
    a: list[float]
    delta: list[float] | None = None
    fprime: list[float] | None = None
    formulas: dict[str, Formula] = field(default_factory=dict)

    @property
    def z_mean(self) -> float:
        return sum(self.z) / len(self.z)

    @property
    def a_mean(self) -> float:
        return sum(self.a) / len(self.a)

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": self.layer, "unit": self.unit, "function": self.function, "z": self.z, "a": self.a,
            "z_mean": self.z_mean if self.layer else None, "a_mean": self.a_mean, "delta": self.delta,
            "fprime": self.fprime, "formulas": {k: f.to_dict() for k, f in self.formulas.items()},
        }


@dataclass
class LinkRecord:
    """The weight w{layer}[unit, source] (`source` None: the bias b{layer}[unit]): its value
    before the step, ∂L/∂w (backward), its change and the optimizer's state (update)."""

    layer: int
    unit: int
    source: int | None
    weight: float
    grad: float | None = None
    change: float | None = None
    after: float | None = None
    state: dict[str, float] = field(default_factory=dict)
    formulas: dict[str, Formula] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"b{self.layer}[{self.unit}]" if self.source is None else f"w{self.layer}[{self.unit},{self.source}]"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "layer": self.layer, "unit": self.unit, "source": self.source, "weight": self.weight,
            "grad": self.grad, "change": self.change, "after": self.after, "state": self.state,
            "formulas": {k: f.to_dict() for k, f in self.formulas.items()},
        }


@dataclass
class StepRecord:
    """One step, filled phase by phase (`phase`: the last one done). `neurons[l]` are layer l's
    (l = 0: the inputs), `links[l]` the weights and biases into layer l; `backward_order` names
    what backprop computed, in its order: ("delta", l, j) and ("grad", link name)."""

    step: int
    epoch: int
    batch: int
    batches: int
    sample: int
    inputs: list[list[float]]  # the raw inputs of the batch's samples
    targets: list[Any]
    phase: str = ""
    neurons: list[list[NeuronRecord]] = field(default_factory=list)
    links: list[list[LinkRecord]] = field(default_factory=list)
    loss_kind: str = ""
    loss: float | None = None
    losses: list[float] = field(default_factory=list)
    dout: list[list[float]] = field(default_factory=list)  # ∂L/∂(output), per sample
    formulas: dict[str, Formula] = field(default_factory=dict)  # "loss"
    backward_order: list[tuple] = field(default_factory=list)
    optimizer: str = ""
    lr: float | None = None
    clip_scale: float | None = None  # gradient clipping's factor (1: the norm was under the limit)

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step, "epoch": self.epoch, "batch": self.batch, "batches": self.batches,
            "sample": self.sample, "phase": self.phase, "inputs": self.inputs, "targets": self.targets,
            "loss_kind": self.loss_kind, "loss": self.loss, "losses": self.losses, "dout": self.dout,
            "optimizer": self.optimizer, "lr": self.lr, "clip_scale": self.clip_scale,
            "formulas": {k: f.to_dict() for k, f in self.formulas.items()},
            "backward_order": [list(e) for e in self.backward_order],
            "layers": [
                {"layer": l, "neurons": [n.to_dict() for n in self.neurons[l]],
                 "links": [k.to_dict() for k in self.links[l]] if l < len(self.links) else []}
                for l in range(len(self.neurons))
            ],
        }
