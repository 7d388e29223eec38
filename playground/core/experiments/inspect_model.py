"""`playground inspect MODEL [IMAGE...] --out DIR`: what a model has inside, as PNG files and a
JSON index of them, from the same engine as the window (core.experiments.inside for filters,
feature maps and attribution; core.experiments.layer_stats for the histograms).

Written into DIR:

  filters/layer_NN_Conv2D.png            each Conv2D layer's filters (blue < 0 < red)
  histograms/layer_NN_<kind>.png         per layer: the histograms of its activations and
                                          gradients over a forward and backward pass of the
                                          images, and of its weights
  image_NN_<name>/input.png              the image as the model sees it (framed like MNIST)
  image_NN_<name>/feature_maps_layer_NN_Conv2D.png   each conv layer's maps for it
  image_NN_<name>/attribution.png        Grad-CAM (conv models) or saliency (dense) over it
  image_NN_<name>/attribution_integrated_gradients.png   its pixels' shares of the answer
                                          (integrated gradients: red for, blue against)
  index.json                             what was written (INDEX_FORMAT, below)

The files are written into a new folder beside DIR and moved to DIR when all of them are
there, so a failure leaves no DIR that looks complete; an earlier inspect's DIR (its index says
so) is replaced, any other non-empty folder is refused. ONNX and TorchScript files run as one
graph without the layers' outputs or gradients: for them only the inputs and predictions are
written, and the index's `unavailable` says what is missing and why.

The index (INDEX_FORMAT, version 1): {"format", "version", "model": {"source", "kind",
"input_shape", "task", "class_names", "layers"}, "files": [{"path" (relative, '/'), "what"
(filters | histograms | input | feature_maps | attribution), "layer" (or null), "label",
"image" (its number in "images", or null), "width", "height", "bytes", "description"}],
"images": [{"number", "path", "prediction", "files"}], "unavailable": [{"what", "reason"}]}.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import secrets
from pathlib import Path

import numpy as np
import torch

from playground.core.errors import ConfigError
from playground.core.experiments import inspect_images as pictures
from playground.core.experiments.inside import (
    AttributionUnavailable, InsideError, attribution, conv_filters, feature_maps, inspectable_network, stroke_shares,
)
from playground.core.experiments.layer_stats import layer_label, layer_stats, stack_layers, summary_histogram
from playground.core.inference.predictor import ModelPredictor, Predictor

__all__ = ["INDEX_FORMAT", "check_out_dir", "inspect_model", "open_model"]

INDEX_FORMAT = "neural-playground-inspect"
INDEX_NAME = "index.json"


def open_model(text: str, run: str | None = None, input_shape: str | None = None) -> tuple[Predictor, str]:
    """(the predictor, its kind) for what `playground predict` opens — 'starter', a bundle,
    an ONNX or TorchScript file (`input_shape`: what to feed one made elsewhere that does not
    say) — and projects (.nnp; `run` picks the run)."""
    from playground.core.inference.loaders import OnnxPredictor, TorchScriptPredictor, load_predictor

    if text.strip().lower() == "starter":
        from playground.core.inference.starter import load_starter

        return load_starter(), "starter"
    path = Path(text)
    if path.suffix.lower() == ".nnp":
        from playground.core.io.export import export_source

        if not path.is_file():
            raise ConfigError(f"No project file at {path} — check the path.")
        return ModelPredictor.from_trained(export_source(path, run), str(path)), "project"
    if run is not None:
        raise ConfigError(f"--run picks a run of a project (.nnp); {path.name} holds one model.")
    predictor = load_predictor(path, input_shape)
    kind = "onnx" if isinstance(predictor, OnnxPredictor) else "torchscript" if isinstance(predictor, TorchScriptPredictor) else "bundle"
    return predictor, kind


def check_out_dir(out: Path) -> None:
    """ConfigError unless `out` can become the inspection's folder: missing, empty, or an
    earlier inspect's output (replaced)."""
    if not out.exists():
        return
    if not out.is_dir():
        raise ConfigError(f"--out {out} is a file — name a folder for the pictures (it is made when missing).")
    if any(out.iterdir()) and not _is_inspect_output(out):
        raise ConfigError(
            f"--out {out} is a folder with other files in it — name a new or empty folder (an earlier inspect's "
            "output is replaced)."
        )


def _is_inspect_output(folder: Path) -> bool:
    try:
        return json.loads((folder / INDEX_NAME).read_text(encoding="utf-8")).get("format") == INDEX_FORMAT
    except (OSError, ValueError, AttributeError):
        return False


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:40] or "image"


def _file_name(label: str, layer: int) -> str:
    """'layer_03_Conv2D' for "Layer 3 (Conv2D)"; "Dense + ReLU" -> 'Dense+ReLU'."""
    kind = label.split("(", 1)[1].rstrip(")") if "(" in label else label
    return f"layer_{layer:02d}_{_slug(kind.replace(' + ', '+'))}"


class _Writer:
    """Saves pictures under a folder and keeps their index entries."""

    def __init__(self, root: Path):
        self.root = root
        self.files: list[dict] = []

    def save(self, image, relative: str, what: str, description: str, layer: int | None = None,
             label: str = "", number: int | None = None) -> str:
        path = self.root / relative
        width, height = pictures.save_png(image, path)
        self.files.append({
            "path": relative, "what": what, "layer": layer, "label": label, "image": number,
            "width": width, "height": height, "bytes": path.stat().st_size, "description": description,
        })
        return relative


def _network(predictor: Predictor) -> torch.nn.Module:
    """A copy of the predictor's network whose weights take gradients (the predictor's are
    frozen), for the histograms' backward pass; InsideError for ONNX and TorchScript."""
    net = copy.deepcopy(inspectable_network(predictor))
    for p in net.parameters():
        p.requires_grad_(True)
    return net.eval()


def _inputs(predictor: Predictor, images: list[tuple[Path, np.ndarray]]) -> list[tuple[Path, np.ndarray, dict]]:
    """(path, the model's input C×H×W, the prediction) for each image, framed as `predict` does."""
    from playground.core.data.preprocess import to_model_input
    from playground.core.inference.recognize import recognize_file

    result = []
    for path, image in images:
        recognition = recognize_file(predictor, path, image)
        # a colour model's picture as it was fed; a drawing's framed field over the model's channels
        x = recognition.model_image if recognition.model_image is not None else to_model_input(recognition.model_input, predictor.input_shape)[0]
        result.append((path, x, recognition.to_dict()))
    return result


def _histograms(writer: _Writer, net: torch.nn.Module, predictor: Predictor, x: np.ndarray | None) -> None:
    """Each layer's histograms: activations and gradients of a forward and backward pass of the
    images `x` (N×C×H×W; the loss of the predicted classes), and its weights; weights only
    without images."""
    if x is not None and len(x):
        from playground.core.training.loop import _loss_function

        inputs = torch.from_numpy(np.ascontiguousarray(x))
        with torch.no_grad():
            out = net(inputs)
        y = out.argmax(dim=1) if predictor.task == "classification" else out.detach()
        for s in layer_stats(net, inputs, y, _loss_function(predictor.task, "auto")):
            panels = [("activations", s.activations.to_dict()), ("gradients", s.gradients.to_dict())]
            if s.weights is not None:
                panels.append(("weights", s.weights.to_dict()))
            writer.save(
                pictures.histogram_chart(panels), f"histograms/{_file_name(s.label, s.layer)}.png", "histograms",
                f"{s.label}: histograms of its " + ", ".join(name for name, _ in panels)
                + f" over a forward and backward pass of {len(x)} image(s) (the loss of the predicted classes)",
                s.layer, s.label,
            )
        return
    for i, module in stack_layers(net):
        weight = next((p for name, p in module.named_parameters() if name.endswith("weight")), None)
        if weight is None:
            continue
        label = layer_label(i, module)
        writer.save(
            pictures.histogram_chart([("weights", summary_histogram(weight.detach()).to_dict())]),
            f"histograms/{_file_name(label, i)}.png", "histograms",
            f"{label}: the histogram of its weights (no images given: no forward pass)", i, label,
        )


def _inspect_network(writer: _Writer, predictor: Predictor, inputs, unavailable: list[dict]) -> list[list[str]]:
    """Filters, histograms, feature maps and attribution; the files of each image."""
    net = _network(predictor)
    for k, f in enumerate(conv_filters(net)):
        first = k == 0
        out_c, in_c, kh, kw = f.weights.shape
        writer.save(
            pictures.filter_grid(f.weights, first), f"filters/{_file_name(f.label, f.layer)}.png", "filters",
            f"{f.label}: its {out_c} filters of {kh}×{kw} weights" + (
                "" if first else f", one row per filter, one {kh}×{kw} kernel per input channel ({in_c})"
            ) + "; blue below 0, white 0, red above, scaled by the layer's largest weight",
            f.layer, f.label,
        )
    if not predictor.is_image:
        unavailable.append({"what": "filters, feature maps, attribution",
                            "reason": f"the model takes inputs of shape {'×'.join(map(str, predictor.input_shape))}, not images"})
    _histograms(writer, net, predictor, np.stack([x for _, x, _ in inputs]) if inputs else None)
    per_image = []
    captum_missing = None
    for n, (path, x, _) in enumerate(inputs, start=1):
        folder = f"image_{n:02d}_{_slug(Path(path).stem)}"
        files = [writer.save(pictures.input_image(x[0]), f"{folder}/input.png", "input",
                             "the image as the model sees it (framed like MNIST)", number=n)]
        for maps in feature_maps(net, x):
            files.append(writer.save(
                pictures.feature_map_grid(maps.maps), f"{folder}/feature_maps_{_file_name(maps.label, maps.layer)}.png",
                "feature_maps", f"{maps.label}: its {len(maps.maps)} feature maps for this image, after "
                f"{maps.shown_after}; dark low, yellow high, one scale for the layer", maps.layer, maps.label, n,
            ))
        try:
            found = attribution(net, x)
            shares = attribution(net, x, method="integrated_gradients")
        except AttributionUnavailable as e:
            captum_missing = str(e)
        else:
            how = ("Grad-CAM on " + found.layer) if found.method == "grad_cam" else "saliency (|d score / d pixel|)"
            files.append(writer.save(
                pictures.attribution_overlay(x[0], found.heat), f"{folder}/attribution.png", "attribution",
                f"where the model looked to answer class {found.target}: {how}, red to yellow over the input",
                number=n,
            ))
            files.append(writer.save(
                pictures.signed_attribution_overlay(x[0], *stroke_shares(shares, x[0])),
                f"{folder}/attribution_integrated_gradients.png", "attribution",
                f"the image's shares of class {shares.target}'s score over a blank image (integrated gradients, "
                "summed over neighbouring pixels, on the ink): red raised it, blue lowered it", number=n,
            ))
        per_image.append(files)
    if captum_missing:
        unavailable.append({"what": "attribution", "reason": captum_missing})
    return per_image


def inspect_model(predictor: Predictor, kind: str, images: list[tuple[Path, np.ndarray]], out: Path) -> dict:
    """Write the pictures of `predictor` (opened by `open_model`; `images`: (path, array as
    read_image reads it)) into `out` (module docstring) and return the index written there."""
    out = Path(out)
    check_out_dir(out)
    if images and not predictor.is_image:
        raise ConfigError(
            f"This model takes inputs of shape {'×'.join(map(str, predictor.input_shape))}, not images — "
            "inspect it without images, or give an image model."
        )
    inputs = _inputs(predictor, images) if images else []
    out.parent.mkdir(parents=True, exist_ok=True)
    work = out.parent / f".{out.name}.{secrets.token_hex(4)}.part"
    work.mkdir()
    try:
        writer = _Writer(work)
        unavailable: list[dict] = []
        try:
            per_image = _inspect_network(writer, predictor, inputs, unavailable)
            layers = [layer_label(i, m) for i, m in stack_layers(inspectable_network(predictor))]
        except InsideError as e:  # ONNX, TorchScript: only what the predictions show
            unavailable.append({"what": "filters, feature maps, attribution, layer histograms", "reason": str(e)})
            per_image = [[writer.save(pictures.input_image(x[0]), f"image_{n:02d}_{_slug(Path(p).stem)}/input.png",
                                      "input", "the image as the model sees it (framed like MNIST)", number=n)]
                         for n, (p, x, _) in enumerate(inputs, start=1)]
            layers = []
        index = {
            "format": INDEX_FORMAT,
            "version": 1,
            "model": {
                "source": predictor.source, "kind": kind, "input_shape": list(predictor.input_shape),
                "task": predictor.task, "class_names": predictor.class_names, "layers": layers,
            },
            "files": writer.files,
            "images": [
                {"number": n, "path": str(path), "prediction": prediction, "files": files}
                for n, ((path, _, prediction), files) in enumerate(zip(inputs, per_image), start=1)
            ],
            "unavailable": unavailable,
        }
        (work / INDEX_NAME).write_text(json.dumps(index, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        _replace(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return index


def _replace(work: Path, out: Path) -> None:
    """Move the finished folder `work` to `out`, replacing an empty folder or an earlier
    inspect's output (moved aside first, removed after)."""
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.{secrets.token_hex(4)}.old"
        os.replace(out, old)
    os.replace(work, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
