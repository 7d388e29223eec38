"""Activation histograms: how each hidden layer's outputs are spread over a batch of inputs.

The weight-initialisation lessons (core.experiments.lessons) record them before and after
training with `HistogramRecorder`, a training callback that `run_comparison` adds to each
variant's `fit` when the comparison asks for histograms.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from playground.core.experiments.layer_stats import FIXED_RANGES, output_module, stack_layers
from playground.core.training.callbacks import Callback, FitState
from playground.core.training.loop import FitResult

__all__ = ["ActivationHistogram", "HistogramRecorder", "activation_histograms"]


@dataclass(frozen=True)
class ActivationHistogram:
    """The distribution of one hidden layer's activations over a batch of inputs."""

    layer: int  # 1-based position in the layer stack
    label: str  # e.g. "Layer 2 (ReLU)"
    counts: np.ndarray  # fraction of values in each bin (sums to 1)
    edges: np.ndarray  # bins + 1 edges
    mean: float
    std: float

    def to_dict(self) -> dict:
        return {
            "layer": self.layer,
            "label": self.label,
            "counts": [round(float(c), 6) for c in self.counts],
            "edges": [float(e) for e in self.edges],
            "mean": self.mean,
            "std": self.std,
        }


_ACTIVATION_MODULES = (nn.ReLU, nn.LeakyReLU, nn.Sigmoid, nn.Tanh, nn.GELU, nn.ELU)


@torch.inference_mode()
def activation_histograms(model: nn.Module, x: torch.Tensor, bins: int = 30) -> list[ActivationHistogram]:
    """Histograms of each hidden activation layer's outputs for inputs `x`, gathered with
    forward hooks in eval mode (as in "Deep Learning from Scratch" ch. 6: with a poor
    initialisation they pile up at 0 and 1 (Sigmoid) or collapse to 0 (ReLU) layer by layer).
    Sigmoid and Tanh use their fixed output ranges so layers can be compared by eye."""
    captured: list[tuple[int, nn.Module, torch.Tensor]] = []
    hooks = []
    for i, module in stack_layers(model):
        module = output_module(module)  # a Dense layer with its own activation: that activation
        if isinstance(module, _ACTIVATION_MODULES):
            hooks.append(
                module.register_forward_hook(
                    lambda m, inp, out, i=i: captured.append((i, m, out.detach().float().flatten().cpu()))
                )
            )
    was_training = model.training
    model.eval()
    try:
        model(x)
    finally:
        for h in hooks:
            h.remove()
        model.train(was_training)
    result = []
    for i, module, values in captured:
        lo, hi = FIXED_RANGES.get(type(module), (float(values.min()), float(values.max())))
        if hi <= lo:
            hi = lo + 1.0
        counts = torch.histc(values, bins=bins, min=lo, max=hi)
        total = float(counts.sum()) or 1.0
        result.append(
            ActivationHistogram(
                layer=i,
                label=f"Layer {i} ({type(module).__name__})",
                counts=(counts / total).numpy(),
                edges=np.linspace(lo, hi, bins + 1),
                mean=float(values.mean()),
                std=float(values.std()) if values.numel() > 1 else 0.0,
            )
        )
    return result


class HistogramRecorder(Callback):
    """A training callback that records the activation histograms of `x` at the start and
    at the end of a run (what the weight-initialisation lessons show)."""

    def __init__(self, x: torch.Tensor):
        self.x = x
        self.before: list[ActivationHistogram] = []
        self.after: list[ActivationHistogram] = []

    def on_fit_start(self, state: FitState) -> None:
        self.before = activation_histograms(state.model, self.x.to(state.device))

    def on_fit_end(self, state: FitState, result: FitResult) -> None:
        self.after = activation_histograms(state.model, self.x.to(state.device))
