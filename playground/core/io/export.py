"""Taking a trained model out of the app, and bringing models back in.

Formats (`FORMATS`; docs/model-formats.md says how to load each elsewhere):

  bundle       .nnpmodel  the native format: a zip of manifest.json (format name and version,
                          preprocessing, class names, metrics, app and torch versions),
                          config.json (model spec and training settings), summary.json (the
                          run's results with its per-epoch history) and model.safetensors.
                          Opening it restores the builder, the settings and the trained model.
  onnx         .onnx      opset 18, dynamic batch size; takes raw inputs and returns class
                          probabilities (classification) or values (regression).
  torchscript  .pt        `torch.jit.load` without this package; same inputs and outputs as ONNX.
  code         .py        one readable file defining the model layer by layer, plus its
                          weights beside it (`<name>.weights.pt`, a plain state_dict); its
                          command line predicts an image, a point or (a table model) a CSV's rows.
  state-dict   .pt        `torch.load(weights_only=True)`: the weights only, returning logits.

An ensemble exports as ONNX only (`core.experiments.ensemble.export_ensemble`): one graph
running every member and returning the mean of their class probabilities, with the member
count, names and test accuracies in its metadata ("ensemble", "description").

Every exported model takes inputs as the dataset stores them — images N×C×H×W float32 in
[0, 1], white ink on black as in MNIST; toy points N×F — because the input normalisation
(the training set's mean and std) is part of the model. A model trained on a table is the exception:
its code export takes raw rows (the table's preprocessing written into it as Python), while ONNX,
TorchScript and state_dict take the encoded vector, which their metadata ("table",
"input_encoding", "input_features") describe.

Every exporter takes a `TrainedModel` (a run, a fit's `result.model`, an opened bundle).
Where each format is written: bundles in `core.io.bundle`, ONNX, TorchScript and state_dict
in `core.io.exporters`, the PyTorch code in `core.io.codegen`; they are read back for
prediction by `core.inference.loaders`. Every write is atomic (`atomic.write_bytes`): an
interrupted export, or one the disk refuses (WriteError), leaves the previous file as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from playground.core.io.bundle import BUNDLE_SUFFIX, ExportError, load_model_bundle, require_weights, save_model_bundle
from playground.core.io.bundle import cannot_write as _cannot_write
from playground.core.io.codegen import export_code
from playground.core.io.exporters import export_onnx, export_state_dict, export_torchscript
from playground.core.io.project import PROJECT_SUFFIX, load_project
from playground.core.model.trained import TrainedModel

__all__ = ["FORMATS", "export_model", "export_source", "with_format_suffix"]

# format -> (suffix, one sentence for the user)
FORMATS: dict[str, tuple[str, str]] = {
    "bundle": (BUNDLE_SUFFIX, "Playground bundle: the model with its settings and metrics; reopens in the app."),
    "onnx": (".onnx", "ONNX: runs in onnxruntime from Python, C++, C#, Java or JavaScript."),
    "torchscript": (".pt", "TorchScript: loads with torch.jit.load in Python or C++ (LibTorch), no model code needed."),
    "code": (".py", "PyTorch code: one readable .py defining the model, with its weights beside it."),
    "state-dict": (".pt", "state_dict: the weights only, for your own PyTorch model class."),
}


def export_model(model: TrainedModel, fmt: str, path: str | os.PathLike) -> list[Path]:
    """Export `model` as `fmt` (a FORMATS key) to `path`; returns the files written. (An
    ensemble exports with `core.experiments.ensemble.export_ensemble`.)"""
    path = with_format_suffix(Path(path), fmt)
    writers = {
        "bundle": lambda m, p: [save_model_bundle(p, m)],
        "onnx": lambda m, p: [export_onnx(m, p)],
        "torchscript": lambda m, p: [export_torchscript(m, p)],
        "code": export_code,
        "state-dict": lambda m, p: [export_state_dict(m, p)],
    }
    try:
        return writers[fmt](model, path)
    except OSError as e:
        raise cannot_write(path, e) from None


def cannot_write(path: Path, e: OSError) -> ExportError:
    return _cannot_write(path, e, ExportError)


def with_format_suffix(path: Path, fmt: str) -> Path:
    """`path` with the format's suffix added when it has none; another suffix is refused,
    since readers (this app included) pick the reader by the suffix. An unknown `fmt` is
    refused too."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format '{fmt}'. Choose one of: {', '.join(FORMATS)}.")
    suffix = FORMATS[fmt][0]
    allowed = {suffix, ".pth"} if suffix == ".pt" else {suffix}
    if not path.suffix:
        return path.with_name(path.name + suffix)
    if path.suffix.lower() not in allowed:
        suggested = path.with_suffix(suffix).name
        raise ExportError(
            f"A {fmt} export is a {suffix} file — name it {suggested} instead of {path.name}.", "wrong_suffix",
            {"fmt": fmt, "suffix": suffix, "suggested": suggested, "name": path.name},
        )
    return path


def export_source(path: str | os.PathLike, run: str | None = None) -> TrainedModel:
    """The trained model a file holds: a bundle (.nnpmodel or .safetensors), or one run of a
    project (.nnp): `run` is its number (1 = first), its id or the first 4+ digits of it; default
    the last run with weights."""
    path = Path(path)
    if path.suffix.lower() != PROJECT_SUFFIX:
        if run is not None:
            raise ExportError(f"--run picks a run of a project (.nnp); {path.name} holds one model.")
        return load_model_bundle(path)
    project = load_project(path)
    trained = [r for r in project.runs if r.has_weights]
    if not trained:
        raise ExportError(f"The project {path.name} has no run with trained weights — train a model and save the project first.")
    if run is None:
        return trained[-1]
    run = str(run).strip()
    chosen = None
    if run.isdigit() and len(run) <= 3:  # a run number; ids are 12 hex digits
        if 1 <= int(run) <= len(project.runs):
            chosen = project.runs[int(run) - 1]
    else:
        matches = [r for r in project.runs if r.id == run] or [r for r in project.runs if len(run) >= 4 and r.id.startswith(run)]
        if len(matches) == 1:
            chosen = matches[0]
    if chosen is None:
        listing = "; ".join(f"{i} = {r.id} ({r.label})" for i, r in enumerate(project.runs, start=1))
        raise ExportError(f"The project {path.name} has no run '{run}'. Its runs: {listing}.")
    return require_weights(chosen)
