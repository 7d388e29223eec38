"""What each neuron of a small network on 2-D data responds to, as TensorFlow Playground shows it.

`neuron_maps` passes a grid of points over the input plane through a built `Network` once, in
eval mode and without gradients, with forward hooks on its layer stack, and returns for every
column of the network diagram (the input features, then each Dense layer together with the
Activation/Dropout/BatchNorm layers after it) each unit's output over the grid: a small float
array per neuron. The last column is the model's prediction — class probabilities for
classification (its second class's map is the decision boundary), the outputs for regression.
It also returns the Dense layers' weight matrices, so that a view can colour its links by the
same weights the maps were made with.

Everything returned is NumPy, never live tensors: the window computes the maps on the training
thread and sends them across (gui/run/training_worker.py). A model that is not a stack of
Dense layers on 2-D inputs has no maps; `unsupported_reason` says why in a key.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

__all__ = ["GRID", "MAX_UNITS", "NeuronMapper", "NeuronMaps", "grid_points", "neuron_maps", "unsupported_reason"]

GRID = 32  # cells per side: 1,024 points, a forward pass of well under a millisecond for a small net
MAX_UNITS = 12  # the diagram draws neurons one by one up to this many units a layer (more: blocks)


@dataclass(frozen=True)
class NeuronMaps:
    """Each diagram column's neurons over the grid: `columns[c][k, i, j]` is unit k's output at
    (xs[j], ys[i]); column 0 holds the inputs the first Dense layer takes (after the model's
    input normalisation), the last the prediction. `levels[c]` is the (low, high) range to
    colour column c over (see `_levels`); `weights[c]` the (out, in) matrix of the links
    between columns c and c + 1, as torch.nn.Linear stores it."""

    xs: np.ndarray
    ys: np.ndarray
    columns: tuple[np.ndarray, ...]
    levels: tuple[tuple[float, float], ...]
    weights: tuple[np.ndarray, ...]
    task: str = "classification"  # the last column: class probabilities, or (regression) the outputs

    def shapes(self) -> list[int]:
        """The number of neurons in each column."""
        return [len(c) for c in self.columns]


def grid_points(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """The (len(ys)·len(xs))×2 float32 points of the grid, row by row (y outer, x inner)."""
    gx, gy = np.meshgrid(xs, ys)
    return np.stack([gx.ravel(), gy.ravel()], axis=1).astype(np.float32)


def _is_dense(module: nn.Module) -> bool:
    """A Dense layer's module: a Linear, or a Sequential(Linear, activation)."""
    if isinstance(module, nn.Sequential):
        return len(module) > 0 and isinstance(module[0], nn.Linear)
    return isinstance(module, nn.Linear)


def _linear(module: nn.Module) -> nn.Linear:
    return module[0] if isinstance(module, nn.Sequential) else module


def _groups(model: nn.Module) -> tuple[list[int], int] | None:
    """(the body position of the last module of each Dense layer's column, the position of the
    first Dense layer), or None when the body is no Sequential with a Dense layer."""
    body = getattr(model, "body", None)
    if not isinstance(body, nn.Sequential):
        return None
    modules = list(body)
    dense = [i for i, m in enumerate(modules) if _is_dense(m)]
    if not dense:
        return None
    ends = [nxt - 1 for nxt in dense[1:]] + [len(modules) - 1]
    return ends, dense[0]


def unsupported_reason(model: object, input_shape: tuple[int, ...] | None = None) -> str:
    """Why `model` has no neuron maps, as a key ('' when it has): 'graph' for anything but a
    Network built in the app (an ONNX or TorchScript graph), 'not_2d' for other inputs than two
    coordinates, 'not_dense' for a stack with other layers than Dense, Activation, Dropout and
    BatchNorm, 'too_big' for a layer of more than MAX_UNITS units (or inputs)."""
    if not isinstance(model, nn.Module) or isinstance(model, torch.jit.ScriptModule):
        return "graph"
    shape = tuple(input_shape if input_shape is not None else getattr(model, "input_shape", ()))
    if shape != (2,):
        return "not_2d"
    groups = _groups(model)
    if groups is None:
        return "not_dense"
    body = list(model.body)
    allowed = (nn.Linear, nn.Sequential, nn.Dropout, nn.BatchNorm1d, nn.Identity)
    after_first = body[groups[1]:]
    if any(not (_is_dense(m) or isinstance(m, allowed) or _is_activation(m)) for m in after_first):
        return "not_dense"
    linears = [_linear(m) for m in body if _is_dense(m)]
    if any(l.out_features > MAX_UNITS for l in linears) or linears[0].in_features > MAX_UNITS:
        return "too_big"
    return ""


def _is_activation(module: nn.Module) -> bool:
    return type(module).__module__.startswith("torch.nn.modules.activation")


def _levels(values: np.ndarray, probabilities: bool) -> tuple[float, float]:
    """The colour range of a column: 0 to 1 for probabilities; otherwise symmetric about 0 and
    at least ±1, so that Tanh and Sigmoid units show their true values (as TensorFlow
    Playground's fixed scale does) and unbounded ones (ReLU, linear) still fit."""
    if probabilities:
        return 0.0, 1.0
    finite = values[np.isfinite(values)]
    top = max(1.0, float(np.abs(finite).max())) if finite.size else 1.0
    return -top, top


class NeuronMapper:
    """Neuron maps of one model over one grid: the grid's points are made once (on the model's
    device), then each call is one forward pass. For the training thread's repeated use."""

    def __init__(self, xs: np.ndarray, ys: np.ndarray, task: str, device: torch.device | str = "cpu"):
        self.xs, self.ys, self.task = np.asarray(xs), np.asarray(ys), task
        self.points = torch.from_numpy(grid_points(self.xs, self.ys)).to(device)

    def __call__(self, model: nn.Module) -> NeuronMaps | None:
        """The maps of `model` now, or None if it has none (unsupported_reason) or its outputs
        are not finite (a diverging run has nothing sensible to show)."""
        if unsupported_reason(model):
            return None
        ends, first = _groups(model)
        body = list(model.body)
        captured: dict[int, torch.Tensor] = {}

        def keep(position: int):
            def hook(_module, _inputs, output):
                captured[position] = output

            return hook

        def keep_input(_module, inputs):
            captured[-1] = inputs[0]

        handles = [body[first].register_forward_pre_hook(keep_input)]
        handles += [body[end].register_forward_hook(keep(end)) for end in ends[:-1]]
        was_training = model.training
        model.eval()  # dropout off, batch norm on its running statistics
        try:
            with torch.no_grad():
                out = model(self.points).float()
                weights = tuple(_linear(m).weight.float().cpu().numpy().copy() for m in body if _is_dense(m))
        finally:
            model.train(was_training)
            for handle in handles:
                handle.remove()
        probabilities = self.task == "classification"
        last = torch.softmax(out, dim=1) if probabilities else out
        tensors = [captured[-1]] + [captured[end] for end in ends[:-1]] + [last]
        rows, cols = len(self.ys), len(self.xs)
        columns = tuple(t.float().cpu().numpy().T.reshape(-1, rows, cols).copy() for t in tensors)
        if not all(np.isfinite(c).all() for c in columns):
            return None
        levels = tuple(_levels(c, probabilities and i == len(columns) - 1) for i, c in enumerate(columns))
        return NeuronMaps(self.xs, self.ys, columns, levels, weights, self.task)


def neuron_maps(model: nn.Module, xs: np.ndarray, ys: np.ndarray, task: str) -> NeuronMaps | None:
    """The neuron maps of `model` (on the CPU) over the grid (xs, ys); see NeuronMapper."""
    device = next((p.device for p in model.parameters()), torch.device("cpu")) if isinstance(model, nn.Module) else "cpu"
    return NeuronMapper(xs, ys, task, device)(model)
