"""Training only the head of a model whose pretrained backbone is frozen, on features computed once.

A frozen backbone (model/backbones.py: no parameter trains, batch norm and dropout in eval
mode) gives every picture the same features in every epoch, so `fit` runs it once over the
training, validation and test pictures (`extract`) and then trains the layers after it
(`HeadOnly`, the model's own body: the same parameters) on those features: on a CPU a
ResNet-18 costs far more than a small head, so the epochs then take seconds, not minutes.
Augmentation changes the pictures every epoch, so with it (or with the last block
fine-tuned) the loop runs the whole model each step as usual.

The features stay in memory for the run, and the last few sets are kept for the process
(keyed by the backbone, its weights and the pictures), so a second run with another head on
the same data starts at once.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Callable, Sequence

import torch
from torch import nn

__all__ = ["FeaturesStopped", "HeadOnly", "cached_features", "extract", "features_once", "frozen_backbone",
           "load_backbone_weights"]

_KEEP = 4  # feature sets kept for the process (train, validation, test of one run, and one more)
_cache: "OrderedDict[tuple, torch.Tensor]" = OrderedDict()
_lock = threading.Lock()


def frozen_backbone(model: nn.Module, augmenting: bool) -> nn.Module | None:
    """The model's backbone when its features can be computed once: it has one, nothing in it
    trains and the pictures do not change between epochs (no augmentation)."""
    backbone = getattr(model, "backbone", None)
    if backbone is None or augmenting or not getattr(backbone, "frozen", False):
        return None
    return backbone


class HeadOnly(nn.Module):
    """The layers after a model's backbone, fed its features: the model's `body` itself (so the
    optimizer's parameters and the weights the run returns are the model's)."""

    def __init__(self, model: nn.Module):
        super().__init__()
        self.model = model

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        return self.model.body(features)

    def train(self, mode: bool = True) -> "HeadOnly":
        self.training = mode
        self.model.train(mode)
        return self


@torch.no_grad()
def extract(
    backbone: nn.Module, x: torch.Tensor, batch_size: int = 64, progress: Callable[[int, int], None] | None = None
) -> torch.Tensor:
    """The backbone's features of every picture in `x`, in batches, in eval mode."""
    was_training = backbone.training
    backbone.eval()
    out = []
    try:
        for start in range(0, len(x), batch_size):
            out.append(backbone(x[start : start + batch_size]).float())
            if progress is not None:
                progress(min(start + batch_size, len(x)), len(x))
    finally:
        backbone.train(was_training)
    if not out:
        with torch.device(x.device):
            return torch.zeros((0, *backbone(torch.zeros((1, *x.shape[1:]))).shape[1:]))
    return torch.cat(out)


def load_backbone_weights(backbone: nn.Module, spec) -> None:
    """Put the ImageNet weights into a model's backbone (`spec`: its BackboneSpec) when no start
    brought them: a run config with a backbone but no --init-from, or the window's random start
    with a backbone in the builder. Raises WeightsError when they are missing (offline)."""
    from playground.core.data.pretrained import load_pretrained

    weights = load_pretrained(spec.name)
    backbone.net.load_state_dict({k: v for k, v in weights.items() if k not in spec.info.classifier})


def _digest(*tensors: torch.Tensor) -> str:
    h = hashlib.sha1()
    for t in tensors:
        t = t.detach().to("cpu").contiguous()
        h.update(str((t.dtype, tuple(t.shape))).encode())
        h.update(t.numpy().tobytes() if t.dtype != torch.bfloat16 else t.float().numpy().tobytes())
    return h.hexdigest()


def weights_digest(backbone: nn.Module) -> str:
    return _digest(*backbone.state_dict().values())


def cached_features(
    backbone: nn.Module, x: torch.Tensor, weights: str, progress: Callable[[int, int], None] | None = None
) -> torch.Tensor:
    """`extract(backbone, x)`, from the process's cache when the same backbone (`weights`:
    `weights_digest`) and size saw the same pictures before."""
    key = (type(backbone.net).__name__, getattr(backbone.input, "size", 0), weights, _digest(x), str(x.device))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    features = extract(backbone, x, progress=progress)
    with _lock:
        _cache[key] = features
        while len(_cache) > _KEEP:
            _cache.popitem(last=False)
    return features


class FeaturesStopped(Exception):
    """Raised by a `features_once` progress callback to stop between batches."""


def features_once(
    backbone: nn.Module, parts: Sequence[torch.Tensor], progress: Callable[[int, int], None]
) -> list[torch.Tensor]:
    """`cached_features` of each tensor of pictures in `parts` (a run's train, validation and
    test pictures), with `progress(done, total)` over all of them, (0, total) first; it may
    raise FeaturesStopped to stop between batches."""
    weights, total, done, out = weights_digest(backbone), sum(len(x) for x in parts), 0, []
    progress(0, total)
    for x in parts:
        out.append(cached_features(backbone, x, weights, progress=lambda n, _of, base=done: progress(base + n, total)))
        done += len(x)
    return out


def clear_cache() -> None:
    with _lock:
        _cache.clear()
