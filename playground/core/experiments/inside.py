"""Looking inside an image model: the filters of its convolutions, the feature maps one input
makes, and which pixels its answer rests on ("why did it say 9?").

* `conv_filters(model)`: every Conv2d's weights, in the order of the layer stack.
* `feature_maps(model, x)`: for one input, each convolution's output as the next layers see
  it. A convolution followed directly by BatchNorm and/or an activation (the cnn preset's
  Conv2D → BatchNorm → ReLU) is shown after the last of them, as CNN Explainer shows its
  maps: the raw convolution's output is mostly what the next two layers rescale and cut at
  zero. `FeatureMaps.shown_after` names the layer whose output the maps are.
* `attribution(model, x, target, method)`: which parts of the input the class's logit (the
  model's output before a softmax) rests on, by one of three methods, all from captum
  (`pip install captum`, the `explain` extra; `AttributionUnavailable` says so when it is
  missing, and the filters and feature maps work without it):
  - "grad_cam": Grad-CAM (Selvaraju et al. 2017) on the last convolution's feature maps (the
    same module whose output `feature_maps` shows): *where* the last convolution's features
    raised the score, at that layer's coarse resolution. It can point at blank paper: the
    absence of ink is evidence too (on the starter model 9% of its heat fell on the ink).
  - "integrated_gradients": Integrated Gradients (Sundararajan et al. 2017) from a blank input
    (all zeros: an empty canvas): each pixel's share of logit(x) − logit(blank), summed over the
    channels — the shares add up to that difference. Signed: `heat` holds the pixels that
    raised the score, `against` those that lowered it; a pixel left blank has no share, so
    on a drawing it answers "which strokes counted for and against".
  - "saliency": plain saliency (Simonyan et al. 2014: |d score / d pixel|, the largest over
    the input's channels): how sensitive the score is to each pixel.
  "auto" (the default) is Grad-CAM for a model with a convolution, else saliency.

`model` is a trained network (`Network` or any torch module), a `TrainedModel` (a run, an
opened bundle) or a `Predictor`. ONNX and TorchScript files run as one opaque graph: their
layers' outputs and gradients cannot be reached, so `InsideError` says what cannot be shown
and why. Everything returned is numpy float32; no tensor outlives a call.

Labels are layer_stats' ("Layer 3 (Conv2D)"), so the window, `playground inspect` and the
training-health panel name a layer the same way.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import nn

from playground.core.errors import KeyedError
from playground.core.experiments.layer_stats import layer_label, stack_layers
from playground.core.model.residual import ResidualBlock

__all__ = [
    "CAPTUM_INSTALL", "IG_STEPS", "METHODS", "Attribution", "AttributionUnavailable", "ConvFilters", "FeatureMaps",
    "InsideError", "INSIDE_MESSAGES", "attribution", "captum_available", "conv_filters", "feature_maps", "inspectable_network", "stroke_shares",
]

CAPTUM_INSTALL = "pip install captum"

# A convolution's maps are shown after the layers that directly follow it and only rescale or
# cut its values one by one (module docstring).
_AFTER_CONV = (
    nn.BatchNorm2d, nn.ReLU, nn.LeakyReLU, nn.ELU, nn.GELU, nn.Sigmoid, nn.Tanh, nn.SiLU, nn.Identity,
)

# The English of every InsideError by key; the window says them in its language
# (gui/i18n/error_text.py, "InsideError").
INSIDE_MESSAGES: dict[str, str] = {
    "onnx_model": (
        "{name} is an ONNX file: onnxruntime runs its graph as a whole and gives neither the layers' outputs nor "
        "gradients, so its filters, feature maps and attribution cannot be shown — open the model's bundle "
        "(.nnpmodel) to look inside it."
    ),
    "torchscript_model": (
        "{name} is a TorchScript file: its compiled code runs as a whole, without the layer stack whose outputs "
        "and gradients these views read, so its filters, feature maps and attribution cannot be shown — open the "
        "model's bundle (.nnpmodel) to look inside it."
    ),
    "not_a_network": "{name} is not a PyTorch network, so there is nothing inside it to show.",
    "not_images": (
        "This model takes inputs of shape {shape}, not images, so there is no picture to explain — attribution "
        "needs an image model (e.g. one trained on mnist-5k)."
    ),
    "input_shape": "This model takes inputs of shape {expected}, not {found} — give it one sample without a batch dimension.",
    "bad_target": "There is no class {target}: this model has {outputs} outputs (0 to {last}).",
    "no_captum": (
        "The attribution overlay needs the package captum, which is not installed — install it with: {command}"
    ),
    "no_convolution": (
        "Grad-CAM weighs a convolution's feature maps, and this model has no convolution (Conv2D) layer — choose "
        "integrated gradients or saliency instead."
    ),
    "bad_method": "There is no attribution method “{method}” — choose one of: {methods}.",
}


class InsideError(KeyedError):
    """A model, or an input, that cannot be looked inside: the message says what cannot be shown,
    why, and what to do. Raised as InsideError("", key, values): the message is INSIDE_MESSAGES[key]
    filled in with `values` (kept as texts, for the window's own language)."""

    def __init__(self, message: str = "", key: str = "", values: dict | None = None):
        values = {k: str(v) for k, v in (values or {}).items()}
        super().__init__(message or INSIDE_MESSAGES[key].format(**values), key, values)


class AttributionUnavailable(InsideError):
    """captum is not installed: filters and feature maps work, attribution does not."""


@dataclass(frozen=True)
class ConvFilters:
    layer: int  # 1-based position in the layer stack (0 for a module outside one)
    label: str  # "Layer 1 (Conv2D)"
    weights: np.ndarray  # float32 [out channels, in channels, kh, kw]


@dataclass(frozen=True)
class FeatureMaps:
    layer: int
    label: str  # the convolution's label
    shown_after: str  # the label of the layer whose output `maps` is (the convolution's or the activation's after it)
    maps: np.ndarray  # float32 [C, H, W]


METHODS = ("integrated_gradients", "grad_cam", "saliency")  # attribution's methods besides "auto"
# Integrated Gradients' integral from the blank input to x, by Gauss-Legendre quadrature at this
# many points (captum's "gausslegendre"). On the starter model the shares then add up to the
# logit difference within 0.5% (16 points: 8 ms on 2 CPU cores; 50: 11 ms, within 0.2%).
IG_STEPS = 16
# For the pictures (stroke_shares): integrated gradients' shares pixel by pixel alternate red and
# blue along a stroke (neighbouring pixels trade their shares); summed over a Gaussian of this
# many pixels, runs of a stroke read as for or against. Kept where the input has ink (above INK).
SMOOTH_SIGMA = 1.0
INK = 0.1


@dataclass(frozen=True)
class Attribution:
    method: str  # one of METHODS
    target: int  # the class explained
    heat: np.ndarray  # float32 [H, W] at the input's size, in [0, 1] (all 0: nothing to point at)
    layer: str = ""  # Grad-CAM: the label of the layer whose maps it weighs
    # Integrated gradients: the pixels that lowered the score, float32 [H, W] in [0, 1], on the
    # same scale as `heat` (the largest share either way is 1); None for the other methods.
    against: np.ndarray | None = None


def captum_available() -> bool:
    try:
        import captum.attr  # noqa: F401
    except ImportError:
        return False
    return True


def inspectable_network(model: Any) -> nn.Module:
    """The torch module behind `model` (module docstring), or InsideError saying why there is none."""
    from playground.core.inference.predictor import ModelPredictor, Predictor
    from playground.core.model.trained import TrainedModel

    if isinstance(model, nn.Module):
        if isinstance(model, torch.jit.ScriptModule):
            raise InsideError("", "torchscript_model", {"name": "This model"})
        return model
    if isinstance(model, TrainedModel):
        return model.build_model()
    if isinstance(model, ModelPredictor) and model.model is not None:
        return model.model
    if isinstance(model, Predictor):
        from playground.core.inference.loaders import OnnxPredictor, TorchScriptPredictor

        if isinstance(model, OnnxPredictor):
            raise InsideError("", "onnx_model", {"name": model.source})
        if isinstance(model, TorchScriptPredictor):
            raise InsideError("", "torchscript_model", {"name": model.source})
        raise InsideError("", "not_a_network", {"name": model.source})
    raise InsideError("", "not_a_network", {"name": type(model).__name__})


def _convs(net: nn.Module) -> list[tuple[int, str, nn.Conv2d, nn.Module, str]]:
    """(stack position, label, the Conv2d, the module whose output its maps are, that module's
    label) for each convolution, in order."""
    layers = stack_layers(net)
    if not layers:  # a torch module not built by the app: its convolutions by name
        return [
            (0, f"{name} (Conv2D)", m, m, f"{name} (Conv2D)")
            for name, m in net.named_modules() if isinstance(m, nn.Conv2d)
        ]
    result = []
    for pos, (i, module) in enumerate(layers):
        if isinstance(module, ResidualBlock):  # one layer: its first convolution's filters, the block's output as maps
            result.append((i, layer_label(i, module), module.conv1, module, layer_label(i, module)))
            continue
        parts = list(module) if isinstance(module, nn.Sequential) else [module]
        for conv in (m for m in parts if isinstance(m, nn.Conv2d)):
            shown, shown_label = module, layer_label(i, module)
            if parts[-1] is conv:  # a convolution ending its stack layer: the rescaling and activation layers after it
                for j, follower in layers[pos + 1:]:
                    if not isinstance(follower, _AFTER_CONV):
                        break
                    shown, shown_label = follower, layer_label(j, follower)
            result.append((i, layer_label(i, module), conv, shown, shown_label))
    return result


def conv_filters(model: Any) -> list[ConvFilters]:
    """The weights of every Conv2d of `model`, in order (module docstring)."""
    net = inspectable_network(model)
    return [
        ConvFilters(i, label, conv.weight.detach().float().cpu().numpy().copy())
        for i, label, conv, _, _ in _convs(net)
    ]


@contextlib.contextmanager
def _eval(net: nn.Module):
    was_training = net.training
    net.eval()
    try:
        yield
    finally:
        net.train(was_training)


def _one_input(net: nn.Module, x: Any) -> torch.Tensor:
    """`x` (one sample, no batch dimension) as a batch of one float32 tensor on the model's device."""
    t = torch.from_numpy(np.array(x, dtype=np.float32))  # a copy: the caller's array may be read-only
    expected = tuple(getattr(net, "input_shape", ()) or ())
    if expected and tuple(t.shape) != expected:
        shapes = {"expected": "×".join(map(str, expected)), "found": "×".join(map(str, t.shape))}
        raise InsideError("", "input_shape", shapes)
    device = next((p.device for p in net.parameters()), torch.device("cpu"))
    return t.unsqueeze(0).to(device)


def feature_maps(model: Any, x: Any) -> list[FeatureMaps]:
    """Each convolution's output for the one input `x` (module docstring); [] without convolutions."""
    net = inspectable_network(model)
    inp = _one_input(net, x)
    convs = _convs(net)
    captured: dict[int, torch.Tensor] = {}
    hooks = [
        shown.register_forward_hook(lambda m, args, out, k=k: captured.__setitem__(k, out.detach()))
        for k, (_, _, _, shown, _) in enumerate(convs)
    ]
    try:
        with _eval(net), torch.inference_mode():
            net(inp)
    finally:
        for h in hooks:
            h.remove()
    return [
        FeatureMaps(i, label, shown_label, captured[k][0].float().cpu().numpy())
        for k, (i, label, _, _, shown_label) in enumerate(convs)
        if k in captured
    ]


def stroke_shares(found: Attribution, pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For a picture of integrated gradients' `found` over the input `pixels` (H×W, or C×H×W
    averaged over its channels): the shares summed over a Gaussian of SMOOTH_SIGMA pixels and
    kept where `pixels` has ink, as (for, against), each in [0, 1] on one scale. The numbers
    themselves (`found.heat`, `found.against`) are unsmoothed."""
    signed = torch.from_numpy(np.asarray(found.heat, np.float32) - np.asarray(found.against, np.float32))
    r = torch.arange(-3, 4, dtype=torch.float32)
    k = torch.exp(-(r**2) / (2 * SMOOTH_SIGMA**2))
    k = k / k.sum()
    smooth = torch.nn.functional.conv2d(signed[None, None], (k[:, None] * k[None, :])[None, None], padding=3)[0, 0].numpy()
    gray = np.asarray(pixels, np.float32)
    gray = gray.mean(axis=0) if gray.ndim == 3 else gray
    smooth = smooth * (gray > INK)
    top = float(np.abs(smooth).max())
    smooth = smooth / top if top > 0 else np.zeros_like(smooth)
    return np.clip(smooth, 0, 1).astype(np.float32), np.clip(-smooth, 0, 1).astype(np.float32)


def _scaled(heat: torch.Tensor) -> np.ndarray:
    heat = torch.nan_to_num(heat.detach().float().cpu(), nan=0.0, posinf=0.0, neginf=0.0).clamp_min(0)
    top = float(heat.max()) if heat.numel() else 0.0
    return (heat / top if top > 0 else torch.zeros_like(heat)).numpy().astype(np.float32)


def attribution(model: Any, x: Any, target: int | None = None, method: str = "auto") -> Attribution:
    """Which pixels of `x` the score of class `target` (default: the top one) rests on, by
    `method` ("auto" or one of METHODS; module docstring). Raises AttributionUnavailable without
    captum, InsideError for a model, an input or a method that cannot explain it."""
    if method != "auto" and method not in METHODS:
        raise InsideError("", "bad_method", {"method": method, "methods": ", ".join(("auto", *METHODS))})
    net = inspectable_network(model)
    inp = _one_input(net, x)
    if inp.ndim != 4:
        raise InsideError("", "not_images", {"shape": "×".join(map(str, inp.shape[1:]))})
    try:
        from captum.attr import IntegratedGradients, LayerAttribution, LayerGradCam, Saliency
    except ImportError:
        raise AttributionUnavailable("", "no_captum", {"command": CAPTUM_INSTALL}) from None
    with _eval(net), torch.enable_grad():
        with torch.no_grad():
            out = net(inp)
        outputs = int(out.shape[1]) if out.ndim == 2 else 1
        if target is None:
            target = int(out.reshape(1, -1).argmax(dim=1)[0])
        if not 0 <= int(target) < outputs:
            raise InsideError("", "bad_target", {"target": target, "outputs": outputs, "last": outputs - 1})
        target = int(target)
        convs = _convs(net)
        if method == "auto":
            method = "grad_cam" if convs else "saliency"
        if method == "grad_cam" and not convs:
            raise InsideError("", "no_convolution")
        # The input requires a gradient so that one reaches the layers even when the model's
        # own parameters are frozen (a Predictor's copy is).
        inp = inp.clone().requires_grad_(True)
        if method == "integrated_gradients":
            shares = IntegratedGradients(net).attribute(
                inp, baselines=torch.zeros_like(inp), target=target, n_steps=IG_STEPS, method="gausslegendre"
            )[0].sum(dim=0)
            shares = torch.nan_to_num(shares.detach().float().cpu(), nan=0.0, posinf=0.0, neginf=0.0)
            top = float(shares.abs().max())
            shares = shares / top if top > 0 else torch.zeros_like(shares)  # one scale for both signs
            return Attribution(
                "integrated_gradients", target, shares.clamp_min(0).numpy(), against=(-shares).clamp_min(0).numpy()
            )
        if method == "grad_cam":
            _, _, _, shown, shown_label = convs[-1]
            cam = LayerGradCam(net, shown).attribute(inp, target=target, relu_attributions=True)
            heat = LayerAttribution.interpolate(cam, tuple(inp.shape[-2:]), interpolate_mode="bilinear")[0, 0]
            return Attribution("grad_cam", target, _scaled(heat), shown_label)
        grads = Saliency(net).attribute(inp, target=target, abs=True)
        return Attribution("saliency", target, _scaled(grads[0].amax(dim=0)))
