"""Opening model files for prediction: `load_predictor` picks the reader by the file's suffix
from one table, `LOADERS`.

  .nnpmodel, .safetensors  a bundle (core.io.bundle): the trained model itself
  .onnx                    through onnxruntime; files from elsewhere work too (foreign.py: one
                           input, channels first or last, a fixed batch, logits or probabilities)
  .pt, .pth                a TorchScript archive with its playground.json (core.io.exporters),
                           or without one when the user gives the shape to feed it

Loading never unpickles anything that could run code: bundles hold JSON and safetensors;
a `.pt` is read with `torch.load(weights_only=True)` (a crafted pickle is refused, not run)
or, when it is a TorchScript archive, with `torch.jit.load`, whose own unpickler resolves
only TorchScript types. A TorchScript file's code is checked before any of it runs
(script_guard): only the tensor arithmetic of the app's own exports is allowed; an ONNX file's
graph likewise (onnx_guard): standard ONNX operators only, no tensors read from other files.

Everything an ONNX or TorchScript file says about itself is checked when it is opened, not at
the first prediction (`_check_metadata`, `_check_outputs`): its metadata's types and values,
its declared input shape against the graph's, a run on inputs of that shape, the number of
outputs against the class names, and whether its outputs are probabilities as it says (a file
whose metadata says "logits" but whose outputs already sum to 1 would get a second softmax).
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np
import torch

from playground.core.config.jsonload import load_json
from playground.core.errors import ConfigError, first_line
from playground.core.io.bundle import BUNDLE_SUFFIX, ExportError, FileError, check_class_count, check_class_names_type, load_model_bundle
from playground.core.io.exporters import METADATA_FILE, jit_quietly
from playground.core.inference.foreign import Feeding, check_one_input, feeding_for, parse_input_shape, script_needs_shape
from playground.core.inference.predictor import ModelPredictor, Predictor, PredictorError
from playground.core.inference.onnx_guard import read_checked_onnx
from playground.core.inference.script_guard import check_script_module, refuse_load_time_code
from playground.core.io.torchfile import TORCH_LOAD_ERRORS, inflated_size_problem, tensor_record_problem

__all__ = ["LOADERS", "OnnxPredictor", "TorchScriptPredictor", "load_predictor"]


@dataclass
class OnnxPredictor(Predictor):
    """An ONNX classifier or regressor through onnxruntime (CPU). Files from elsewhere are fed
    through their `feeding` (foreign.py); their outputs are taken as logits unless they
    already look like probabilities."""

    session: Any = None
    input_name: str = "input"
    outputs_probabilities: bool = True
    batch: int | None = None  # a graph that takes exactly this many inputs at a time (None: any number)
    feeding: Feeding | None = None  # a file from elsewhere: how its input differs from the app's (None: it does not)

    def _forward(self, x: np.ndarray) -> np.ndarray:
        if self.batch is None or len(x) == self.batch:
            out = self._run(x)
        else:  # fed in chunks of its fixed batch, the last one padded with zeros and cut off again
            parts = []
            for start in range(0, len(x), self.batch):
                chunk = x[start:start + self.batch]
                padded = np.concatenate([chunk, np.zeros((self.batch - len(chunk), *x.shape[1:]), x.dtype)])
                parts.append(self._run(padded)[: len(chunk)])
            out = np.concatenate(parts) if parts else np.zeros((0, 0), np.float32)
        if self.task == "classification" and not self.outputs_probabilities:
            out = _softmax(out)
        return out

    def _run(self, x: np.ndarray) -> np.ndarray:
        if self.feeding is not None:
            x = self.feeding.to_file(x)
        try:
            return _as_rows(np.asarray(self.session.run(None, {self.input_name: x})[0], dtype=np.float32))
        except Exception as e:  # onnxruntime's own error types, for a graph that cannot compute this
            raise _failed_to_compute(self.source, e) from None


@dataclass
class TorchScriptPredictor(Predictor):
    """A TorchScript module (ours: raw inputs -> probabilities; see export_torchscript)."""

    module: Any = None
    outputs_probabilities: bool = True
    feeding: Feeding | None = None  # a file from elsewhere, fed at the shape the user gave

    def _forward(self, x: np.ndarray) -> np.ndarray:
        if self.feeding is not None:
            x = self.feeding.to_file(x)
        try:
            with torch.inference_mode():
                out = self.module(torch.from_numpy(x))
                if not isinstance(out, torch.Tensor):  # a tuple or list of outputs: the first is the prediction
                    out = out[0] if isinstance(out, (tuple, list)) and out and isinstance(out[0], torch.Tensor) else None
                    if out is None:
                        raise RuntimeError("its output is not a tensor")
                out = _as_rows(out.float())
                if self.task == "classification" and not self.outputs_probabilities:
                    out = torch.softmax(out, dim=1)
        except RuntimeError as e:  # the interpreter's error for a model that cannot compute
            raise _failed_to_compute(self.source, e) from None
        return out.numpy()


def _as_rows(out):
    """Outputs N×K×1×1 (a convolutional classifier's last layer) as N×K; others as they are."""
    if out.ndim > 2 and all(d == 1 for d in out.shape[2:]):
        return out.reshape(out.shape[0], out.shape[1])
    return out


def _failed_to_compute(source: str, e: Exception) -> PredictorError:
    """The error for a model file whose graph failed on an input (`e`: its runtime's error)."""
    first = first_line(e, 200)
    if first.startswith("The following operation failed in the TorchScript interpreter"):
        # the interpreter's reason is its message's last line, after two tracebacks
        last = next((line for line in reversed(str(e).splitlines()) if line.strip()), first)
        first = last.split("Error: ", 1)[-1][:200]
    error = PredictorError(f"{Path(source).name} failed to compute a prediction ({first}) — it is damaged; export it again.")
    error.reason = first  # what _check_outputs quotes when the probe run on open fails
    return error


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _parse_meta(raw: dict[str, str]) -> dict[str, Any]:
    meta = {}
    for key, value in raw.items():
        try:
            meta[key] = load_json(value, f"The metadata entry '{key}'")
        except (ConfigError, TypeError):  # not JSON (or too deep to be ours): kept as the text it is
            meta[key] = value
    return meta


# What a file's metadata "output" may say, by task: the app writes probabilities or values.
_OUTPUTS = {"classification": ("probabilities", "logits"), "regression": ("values",)}
_MAX_INPUT_VALUES = 2**22  # one input of more values than this (4M) is not a model this app feeds


def _bad_entry(name: str, key: str, value: Any, expected: str) -> ExportError:
    shown = repr(value)[:80]
    return ExportError(
        f"{name} is damaged or was edited: its metadata entry '{key}' is {shown}, but it must be one of: {expected}. "
        "Nothing in it was used — export it again.",
        "model_metadata_bad",
        {"name": name, "key": key, "value": shown, "expected": expected},
    )


def _check_metadata(meta: dict[str, Any], name: str) -> None:
    """Refuse metadata entries of the wrong type or value (the ones the loaders act on)."""
    task = meta.get("task", "classification")
    if not isinstance(task, str) or task not in _OUTPUTS:
        raise _bad_entry(name, "task", task, ", ".join(_OUTPUTS))
    if "output" in meta and meta["output"] not in _OUTPUTS[task]:
        raise _bad_entry(name, "output", meta["output"], ", ".join(_OUTPUTS[task]))
    shape = meta.get("input_shape")
    if shape is not None and not (
        isinstance(shape, list) and 1 <= len(shape) <= 3
        and all(isinstance(s, int) and not isinstance(s, bool) and s >= 1 for s in shape)
        and np.prod(shape, dtype=np.float64) <= _MAX_INPUT_VALUES
    ):
        shown = repr(shape)[:80]
        raise ExportError(
            f"{name} is damaged or was edited: its metadata entry 'input_shape' is {shown}, but it must list 1 to 3 "
            "sizes of at least 1, such as [1, 28, 28]. Nothing in it was used — export it again.",
            "model_metadata_bad_shape",
            {"name": name, "value": shown},
        )
    check_class_names_type(meta.get("class_names"), name, ExportError)


def _shape_text(shape) -> str:
    return "×".join(str(s) for s in shape)


def _check_outputs(predictor: "OnnxPredictor | TorchScriptPredictor", name: str, batch: int = 2, given: bool = False) -> None:
    """Run the model once on `batch` inputs of its declared shape and refuse it, now rather
    than at the first prediction, when that fails, when its outputs do not fit its class
    names, or when they are not what its metadata says (probabilities or logits). A file
    that does not say (not ours) is judged by them: probabilities when each row sums to 1."""
    said = predictor.metadata.get("output")
    predictor.outputs_probabilities = True  # the raw outputs, no softmax of ours
    x = np.random.default_rng(0).random((batch, *predictor.input_shape), dtype=np.float32)
    shape = _shape_text(predictor.input_shape)

    def does_not_run(reason: str) -> ExportError:
        feeding = getattr(predictor, "feeding", None)
        if feeding is not None and given:  # the shape was the user's: say so, not that the file is damaged
            return ExportError(
                f"{name} cannot run on inputs of the shape given ({shape}): {reason}. Give the shape it takes "
                "(channels first, e.g. 1x28x28 or 3x224x224).",
                "model_does_not_run_given",
                {"name": name, "shape": shape, "reason": reason},
            )
        return ExportError(
            f"{name} is damaged or was edited: it cannot run on inputs of the shape it declares "
            f"({shape}): {reason}. Nothing of it was used — export it again.",
            "model_does_not_run",
            {"name": name, "shape": shape, "reason": reason},
        )

    try:
        out = predictor.predict(x)
    except Exception as e:  # onnxruntime's and torch's own errors for a graph that does not fit
        raise does_not_run(getattr(e, "reason", None) or first_line(e)) from None
    if out.ndim != 2 or out.shape[0] != batch:
        raise does_not_run(f"its outputs for {batch} inputs have the shape {_shape_text(out.shape)}")
    if not np.all(np.isfinite(out)):
        raise does_not_run("it computes NaN or infinite outputs")
    if predictor.task != "classification":
        return
    if predictor.class_names is not None:
        check_class_count(len(predictor.class_names), out.shape[1], name, ExportError)
    else:  # a file from elsewhere that names no classes: they are numbered
        predictor.class_names = [str(i) for i in range(out.shape[1])]
    probabilities = bool(np.all(out >= 0) and np.allclose(out.sum(axis=1), 1, atol=1e-3))
    if said == "logits" and probabilities:
        raise ExportError(
            f"{name} is damaged or was edited: its metadata says its outputs are logits, but they are already "
            "probabilities (each row sums to 1), and a second softmax would flatten them. Nothing of it was used "
            "— export it again.",
            "model_says_logits",
            {"name": name},
        )
    if said == "probabilities" and not probabilities:
        raise ExportError(
            f"{name} is damaged or was edited: its metadata says its outputs are probabilities, but they do not sum "
            "to 1, so its predictions would be wrong. Nothing of it was used — export it again.",
            "model_says_probabilities",
            {"name": name},
        )
    predictor.outputs_probabilities = probabilities


def _graph_input_dims(proto) -> list | None:
    """The dimensions after the batch one that the graph declares for its one input (ints, or
    None where a dimension is left open); None when it does not have exactly one input."""
    stored = {t.name for t in proto.graph.initializer}
    inputs = [i for i in proto.graph.input if i.name not in stored]
    if len(inputs) != 1 or not inputs[0].type.tensor_type.HasField("shape"):
        return None
    dims = inputs[0].type.tensor_type.shape.dim
    return [d.dim_value if d.HasField("dim_value") else None for d in dims[1:]]


def _load_onnx_predictor(path: Path, input_shape: tuple[int, ...] | None = None) -> Predictor:
    try:
        import onnxruntime as ort
    except ImportError:
        raise PredictorError("Opening ONNX models needs onnxruntime — pip install onnxruntime.") from None
    data, proto = read_checked_onnx(path)  # standard operators only, nothing read from other files
    meta = _parse_meta({p.key: p.value for p in proto.metadata_props})
    _check_metadata(meta, path.name)
    shape, declared = meta.get("input_shape"), _graph_input_dims(proto)
    if shape and declared and all(d is not None for d in declared) and declared != list(shape):
        raise ExportError(
            f"{path.name} is damaged or was edited: its metadata says it takes inputs of shape {_shape_text(shape)}, "
            f"but its graph takes {_shape_text(declared)}. Nothing in it was run — export it again.",
            "model_input_shape_mismatch",
            {"name": path.name, "expected": _shape_text(shape), "found": _shape_text(declared)},
        )
    try:
        options = ort.SessionOptions()
        options.log_severity_level = 3
        session = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
    except Exception as e:  # onnxruntime raises its own exception types for bad files
        raise PredictorError(f"{path.name} is not a readable ONNX model ({first_line(e)}) — export it again.") from None
    inputs = session.get_inputs()
    dtype = check_one_input(path.name, [(i.name, i.type) for i in inputs])  # one input of a type the app can make
    feeding = None
    if not shape or dtype != "float32":  # a file from elsewhere: its input says what it takes
        dims = [d if isinstance(d, int) and d > 0 else None for d in inputs[0].shape[1:]]
        feeding = feeding_for(path.name, dims, input_shape, dtype)
        shape = feeding.shape
    task = meta.get("task", "classification")
    class_names = meta.get("class_names")
    fixed = inputs[0].shape[0] if isinstance(inputs[0].shape[0], int) and inputs[0].shape[0] > 0 else None
    predictor = OnnxPredictor(tuple(int(s) for s in shape), task, class_names, str(path), meta,
                              session, inputs[0].name, batch=fixed, feeding=feeding)
    _check_outputs(predictor, path.name, fixed or 2, given=input_shape is not None)
    return predictor


def _is_torchscript_archive(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return any("/code/" in n or n.startswith("code/") for n in zf.namelist())
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError, UnicodeDecodeError):
        return False


def _describe_pickled(path: Path) -> str:
    """Read a non-TorchScript .pt safely and say why it cannot be used for prediction."""
    import pickle

    problem = inflated_size_problem(path)
    if problem:
        return f"{path.name} was refused unopened: {problem}."
    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        return (f"{path.name} contains Python objects beyond plain tensors; it was refused unopened, because "
                "unpickling it could run code. Only open model files from people you trust — and ask for a "
                f"bundle ({BUNDLE_SUFFIX}), ONNX or TorchScript file instead.")
    except TORCH_LOAD_ERRORS as e:
        return f"{path.name} is not a readable PyTorch file ({first_line(e, 200)}) — it may be truncated or damaged."
    if isinstance(obj, dict) and str(obj.get("format", "")).startswith("neural-playground-checkpoint"):
        return (f"{path.name} is a training checkpoint, not a model for prediction — resume it with "
                f"the trainer, or export a bundle ({BUNDLE_SUFFIX}) from the app.")
    if isinstance(obj, dict) and obj and all(isinstance(v, torch.Tensor) for v in obj.values()):
        return (f"{path.name} is a state_dict (weights only): it has no architecture, so the app cannot run it — "
                f"open the bundle ({BUNDLE_SUFFIX}) instead, or load the weights into the exported .py code's Model.")
    return f"{path.name} is a PyTorch file but not a model this app can open (a TorchScript .pt or a {BUNDLE_SUFFIX} bundle)."


def _load_pt_predictor(path: Path, input_shape: tuple[int, ...] | None = None) -> Predictor:
    if not _is_torchscript_archive(path):
        raise PredictorError(_describe_pickled(path))
    problem = inflated_size_problem(path) or tensor_record_problem(path)
    if problem:  # torch.jit.load would fill the memory, or read past a tensor's data
        raise PredictorError(f"{path.name} is damaged and was not opened: {problem} — export it again.")
    refuse_load_time_code(path)  # a __setstate__ would run inside torch.jit.load
    extra = {METADATA_FILE: ""}
    try:
        with jit_quietly():
            module = torch.jit.load(str(path), map_location="cpu", _extra_files=extra)
    except Exception as e:  # torch.jit raises RuntimeError and friends for bad archives
        raise PredictorError(f"{path.name} is not a loadable TorchScript model ({first_line(e)}).") from None
    check_script_module(module, path.name)  # before anything of it runs, eval() included
    module.eval()
    try:
        meta = load_json(extra[METADATA_FILE], f"{METADATA_FILE} in {path.name}") if extra[METADATA_FILE] else {}
    except ConfigError as e:
        if e.key in ("json_too_large", "json_too_deep"):
            raise PredictorError(str(e)) from None
        meta = {}
    feeding = None
    if not isinstance(meta, dict) or not meta.get("input_shape"):
        if input_shape is None:  # nothing says what it takes: the user is asked
            raise script_needs_shape(path.name, METADATA_FILE)
        meta = {}
        feeding = Feeding("nchw" if len(input_shape) == 3 else "features", tuple(input_shape), tuple(input_shape))
    _check_metadata(meta, path.name)
    predictor = TorchScriptPredictor(
        tuple(feeding.shape if feeding else meta["input_shape"]),
        meta.get("task", "classification"),
        meta.get("class_names"),
        str(path),
        meta,
        module,
        feeding=feeding,
    )
    _check_outputs(predictor, path.name, given=feeding is not None)  # the graph was checked above: running it only computes
    return predictor


def _load_bundle_predictor(path: Path) -> Predictor:
    try:
        model = load_model_bundle(path)
    except FileError as e:
        raise PredictorError(str(e)) from None
    return ModelPredictor.from_trained(model, str(path), dict(model.metrics))



# The readers, by suffix: the one place that says which files `load_predictor` opens.
LOADERS: dict[str, Callable[..., Predictor]] = {
    BUNDLE_SUFFIX: _load_bundle_predictor,
    ".safetensors": _load_bundle_predictor,  # the older bundles
    ".onnx": _load_onnx_predictor,
    ".pt": _load_pt_predictor,
    ".pth": _load_pt_predictor,
}


def load_predictor(path: str | os.PathLike, input_shape: tuple[int, ...] | str | None = None) -> Predictor:
    """Open a model file for prediction, choosing the reader by its extension. `input_shape`
    (C×H×W, or text such as "3x224x224") is what to feed an ONNX or TorchScript file from
    elsewhere that does not say (foreign.py); the app's own files say it themselves."""
    path = Path(path)
    if isinstance(input_shape, str):
        input_shape = parse_input_shape(input_shape)
    if not path.is_file():
        raise PredictorError(f"No model file at {path} — check the path.")
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        known = ", ".join(sorted(LOADERS))
        raise PredictorError(f"{path.name}: not a model file this app can open (it opens {known}).")
    if input_shape is not None and loader in (_load_onnx_predictor, _load_pt_predictor):
        return loader(path, tuple(input_shape))
    return loader(path)
