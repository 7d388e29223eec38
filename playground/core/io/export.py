"""Taking a trained model out of the app, and bringing models back in.

Formats (`FORMATS`; the README's "Model formats" section says how to load each elsewhere):

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
                          command line predicts an image or a point.
  state-dict   .pt        `torch.load(weights_only=True)`: the weights only, returning logits.

An ensemble (core.ensemble) exports as ONNX only: one graph running every member and returning
the mean of their class probabilities, with the member count, names and test accuracies in
its metadata ("ensemble", "description").

Every exported model takes inputs as the dataset stores them — images N×C×H×W float32 in
[0, 1], white ink on black as in MNIST; toy points N×F — because the input normalisation
(the training set's mean and std) is part of the model.

Loading never unpickles anything that could run code: bundles hold JSON and safetensors;
a `.pt` is read with `torch.load(weights_only=True)` (a crafted pickle is refused, not run)
or, when it is a TorchScript archive, with `torch.jit.load`, whose own unpickler resolves
only TorchScript types. Every write is atomic (`files.atomic_path`): an interrupted export
leaves the previous file as it was.

Importing this module registers the `.nnpmodel`, `.onnx` and `.pt` readers of
`predictor.load_predictor`.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import io
import json
import logging
import os
import uuid
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from torch import nn

from playground import __version__
from playground.core.io.atomic import atomic_path
from playground.core.io.bundle import Bundle, FileError, check_writable, load_bundle, read_zip_weights
from playground.core.inference.predictor import ModelPredictor, Predictor, PredictorError, register_loader
from playground.core.config.spec import ConfigError, RunConfig, format_shape

if TYPE_CHECKING:
    from playground.core.io.project import RunRecord
    from playground.core.training.loop import FitResult

__all__ = [
    "BUNDLE_SUFFIX",
    "ExportError",
    "FORMATS",
    "ModelBundle",
    "OnnxPredictor",
    "TorchScriptPredictor",
    "as_bundle",
    "export_code",
    "export_ensemble_onnx",
    "export_model",
    "export_onnx",
    "export_source",
    "export_state_dict",
    "export_torchscript",
    "generate_code",
    "is_ensemble",
    "load_model_bundle",
    "save_model_bundle",
]

BUNDLE_SUFFIX = ".nnpmodel"
BUNDLE_FORMAT = "neural-playground-model"
BUNDLE_VERSION = 1  # raise when the layout changes; readers refuse versions above theirs
ONNX_OPSET = 18  # the exporter's native opset (>= 17 as asked); onnxruntime >= 1.14 runs it
METADATA_FILE = "playground.json"  # TorchScript extra file with what ONNX keeps in metadata_props
_MAX_JSON_BYTES = 64 * 2**20  # a JSON member beyond this is not one of ours

# format -> (suffix, one sentence for the user)
FORMATS: dict[str, tuple[str, str]] = {
    "bundle": (BUNDLE_SUFFIX, "Playground bundle: the model with its settings and metrics; reopens in the app."),
    "onnx": (".onnx", "ONNX: runs in onnxruntime from Python, C++, C#, Java or JavaScript."),
    "torchscript": (".pt", "TorchScript: loads with torch.jit.load in Python or C++ (LibTorch), no model code needed."),
    "code": (".py", "PyTorch code: one readable .py defining the model, with its weights beside it."),
    "state-dict": (".pt", "state_dict: the weights only, for your own PyTorch model class."),
}


class ExportError(FileError):
    """A model cannot be exported or imported; the message says why and what to do."""


# --------------------------------------------------------------------------- the model in memory


@dataclass
class ModelBundle(Bundle):
    """A trained model with everything needed to restore it: `config` (spec and settings),
    weights, task, class names, metrics, plus the run summary (per-epoch history) and the
    versions that wrote it (empty for the older single-file .safetensors bundles)."""

    summary: dict[str, Any] = field(default_factory=dict)
    app_version: str = ""
    torch_version: str = ""
    label: str = ""

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(self.config.model.input_shape)

    def preprocessing(self) -> dict[str, Any]:
        """What the model expects, for people using an exported file elsewhere."""
        return _preprocessing(self.input_shape, self.state_dict.get("input_mean"), self.state_dict.get("input_std"))

    def to_run_record(self, label: str = "") -> "RunRecord":
        """A run for the window's runs list (a fresh id: the same file may be opened twice)."""
        from playground.core.io.project import RunRecord

        summary = dict(self.summary) or {**self.metrics, "task": self.task, "class_names": self.class_names}
        summary.setdefault("task", self.task)
        summary.setdefault("class_names", self.class_names)
        return RunRecord(
            id=uuid.uuid4().hex[:12],
            label=label or self.label or self.config.name or "imported model",
            created=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            config=self.config,
            summary=summary,
            state_dict=dict(self.state_dict),
        )

    def predictor(self, source: str) -> ModelPredictor:
        return ModelPredictor.from_network(self.build_model(), self.task, self.class_names, source, dict(self.metrics))


def _preprocessing(
    input_shape: tuple[int, ...],
    mean: torch.Tensor | None,
    std: torch.Tensor | None,
    normalization: str = "inside the model: (x - mean) / std per channel (images) or feature",
) -> dict[str, Any]:
    image = len(input_shape) == 3
    return {
        "input_shape": list(input_shape),
        "layout": "N×C×H×W" if image else "N×F",
        "dtype": "float32",
        "input_range": [0.0, 1.0] if image else None,
        "image_convention": "white ink on a black background (as MNIST)" if image else None,
        "mean": mean.flatten().tolist() if mean is not None else None,
        "std": std.flatten().tolist() if std is not None else None,
        "normalization": normalization,
    }


def as_bundle(source: "ModelBundle | Bundle | RunRecord | FitResult") -> ModelBundle:
    """The one shape every exporter takes: from a bundle, a project's run or a fit result."""
    from playground.core.io.project import RunRecord
    from playground.core.training.loop import FitResult

    if isinstance(source, ModelBundle):
        return source
    if isinstance(source, Bundle):
        return ModelBundle(source.config, source.state_dict, source.task, source.class_names, source.metrics)
    if isinstance(source, RunRecord):
        if source.state_dict is None:
            raise ExportError(f"The run '{source.label}' kept no trained weights — train it again, then export.")
        summary = dict(source.summary)
        metrics = {k: v for k, v in summary.items() if k != "history"}
        return ModelBundle(
            source.config,
            source.state_dict,
            summary.get("task", "classification"),
            summary.get("class_names"),
            metrics,
            summary=summary,
            label=source.label,
        )
    if isinstance(source, FitResult):
        summary = source.summary()
        metrics = {k: v for k, v in summary.items() if k != "history"}
        return ModelBundle(
            source.config, source.state_dict, source.task, source.class_names, metrics, summary=summary,
            label=source.config.name,
        )
    raise TypeError(f"cannot export a {type(source).__name__}")


# --------------------------------------------------------------------------- bundle (.nnpmodel)


def save_model_bundle(path: str | os.PathLike, source: Any) -> Path:
    """Write the native bundle (a zip; see the module docstring) atomically."""
    from safetensors.torch import save as save_tensors

    bundle = as_bundle(source)
    path = check_writable(path)
    summary = dict(bundle.summary) or dict(bundle.metrics)
    manifest = {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "app_version": __version__,
        "torch_version": torch.__version__,
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "label": bundle.label,
        "task": bundle.task,
        "class_names": bundle.class_names,
        "preprocessing": bundle.preprocessing(),
        "metrics": {k: v for k, v in bundle.metrics.items() if k != "history"},
        "files": {"config": "config.json", "summary": "summary.json", "weights": "model.safetensors"},
    }
    members = [
        ("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")),
        ("config.json", bundle.config.to_json().encode("utf-8")),
        ("summary.json", json.dumps(summary, indent=2, ensure_ascii=False).encode("utf-8")),
        ("model.safetensors", save_tensors({k: v.detach().cpu().contiguous() for k, v in bundle.state_dict.items()})),
    ]
    with atomic_path(path) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in members:
                zf.writestr(name, data)
    return path


def _read_json(zf: zipfile.ZipFile, name: str, path: Path) -> Any:
    info = zf.getinfo(name)
    if info.file_size > _MAX_JSON_BYTES:
        raise ExportError(f"{path} is not a Neural Network Playground model ({name} is too large).")
    return json.loads(zf.read(info).decode("utf-8"))


def _load_zip_bundle(path: Path) -> ModelBundle:
    from safetensors import SafetensorError

    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "manifest.json" not in names:
                if "project.json" in names:
                    raise ExportError(
                        f"{path.name} is a project, not a model bundle — open it with File ▸ Open (or rename it to .nnp)."
                    )
                if any(n.endswith("data.pkl") for n in names):
                    raise ExportError(
                        f"{path.name} is a PyTorch (torch.save) archive, not a model bundle; it was not opened, "
                        "because unpickling it could run code — export a bundle (.nnpmodel) from the app instead."
                    )
                raise ExportError(f"{path.name} is not a Neural Network Playground model bundle (no manifest.json inside).")
            manifest = _read_json(zf, "manifest.json", path)
            if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
                raise ExportError(f"{path.name} is not a Neural Network Playground model bundle (unknown manifest).")
            version = manifest.get("version")
            if isinstance(version, bool) or not isinstance(version, int) or version < 1:
                raise ExportError(f"{path.name} is damaged: its format version {version!r} is not a number.")
            if version > BUNDLE_VERSION:
                raise ExportError(
                    f"{path.name} was written by a newer Neural Network Playground (bundle format {version}, "
                    f"app {manifest.get('app_version', '?')}); this version {__version__} reads format "
                    f"{BUNDLE_VERSION} — update the app to open it."
                )
            config = RunConfig.from_dict(_read_json(zf, "config.json", path))
            summary = _read_json(zf, "summary.json", path) if "summary.json" in names else {}
            state = read_zip_weights(zf, "model.safetensors", path)
    except ExportError:
        raise
    except FileError as e:
        raise ExportError(str(e)) from None
    except zipfile.BadZipFile:
        raise ExportError(
            f"{path.name} is not a model bundle or is damaged (not a complete zip archive) — export it again."
        ) from None
    except KeyError as e:
        raise ExportError(f"{path.name} is damaged: a part of it is missing ({e.args[0]}).") from None
    except (ConfigError, json.JSONDecodeError, UnicodeDecodeError, SafetensorError, ValueError, TypeError,
            EOFError, zlib.error) as e:
        raise ExportError(f"{path.name} is damaged and cannot be opened ({e}) — export it again.") from None
    except OSError as e:
        raise ExportError(f"Cannot read {path}: {e.strerror or e}.") from None
    if not isinstance(summary, dict):
        summary = {}
    metrics = manifest.get("metrics") if isinstance(manifest.get("metrics"), dict) else {}
    bundle = ModelBundle(
        config,
        state,
        str(manifest.get("task", "classification")),
        manifest.get("class_names"),
        metrics,
        summary=summary,
        app_version=str(manifest.get("app_version", "")),
        torch_version=str(manifest.get("torch_version", "")),
        label=str(manifest.get("label", "")),
    )
    bundle.build_model()  # weights that do not fit the spec: say so now, not at first use
    return bundle


def load_model_bundle(path: str | os.PathLike) -> ModelBundle:
    """Open a bundle: the zip `.nnpmodel`, or the older single-file `.safetensors`."""
    path = Path(path)
    if not path.is_file():
        raise ExportError(f"No model file at {path} — check the path.")
    if path.suffix.lower() == ".safetensors":
        b = load_bundle(path)
        return ModelBundle(b.config, b.state_dict, b.task, b.class_names, b.metrics,
                           summary={**b.metrics, "task": b.task, "class_names": b.class_names})
    if path.suffix.lower() != BUNDLE_SUFFIX:
        raise ExportError(
            f"{path.name}: a model bundle ends in {BUNDLE_SUFFIX} (or .safetensors for older ones) — "
            "ONNX and TorchScript files open for prediction only."
        )
    return _load_zip_bundle(path)


# --------------------------------------------------------------------------- deployable model


class _Deployable(nn.Module):
    """Raw inputs -> probabilities (classification) or values (regression): what ONNX and
    TorchScript users want to call, with no softmax of their own to remember."""

    def __init__(self, net: nn.Module, probabilities: bool):
        super().__init__()
        self.net = net
        self.probabilities = probabilities

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.net(x)
        if self.probabilities:
            y = torch.softmax(y, dim=1)
        return y


def _metadata(bundle: ModelBundle) -> dict[str, Any]:
    return {
        "format": "neural-playground-export/1",
        "app_version": __version__,
        "torch_version": torch.__version__,
        "task": bundle.task,
        "class_names": bundle.class_names,
        "input_shape": list(bundle.input_shape),
        "output": "probabilities" if bundle.task == "classification" else "values",
        "preprocessing": bundle.preprocessing(),
        "metrics": {k: v for k, v in bundle.metrics.items() if k != "history"},
    }


def _deployable(bundle: ModelBundle) -> _Deployable:
    model = bundle.build_model().cpu().eval()
    return _Deployable(model, bundle.task == "classification").eval()


def export_onnx(source: Any, path: str | os.PathLike) -> Path:
    """ONNX, opset 18, batch size dynamic; input "input", output "probabilities"
    (classification) or "values". metadata_props: task, class_names, input_shape, output,
    preprocessing, ... (text as is, lists and objects as JSON)."""
    try:
        import onnx  # noqa: F401 - checked here so that a missing package is named before any work
    except ImportError:
        raise ExportError("ONNX export needs the package onnx — pip install onnx onnxscript.") from None

    bundle = as_bundle(source)
    path = check_writable(path)
    model = _deployable(bundle)
    example = torch.rand(2, *bundle.input_shape)
    meta = _metadata(bundle)
    proto = _onnx_proto(model, example, meta["output"])
    _write_onnx(proto, meta, path)
    return path


def _onnx_proto(model: nn.Module, example: torch.Tensor, output_name: str):
    """The torch.export-based exporter (torch's supported one). Where it is missing (torch
    before 2.5, or no onnxscript) or fails, the older TorchScript-based exporter (deprecated
    in torch 2.9 but still working) at opset 17. Log lines about torchvision are silenced."""
    import onnx

    names = {"input_names": ["input"], "output_names": [output_name]}
    quiet = logging.getLogger("torch.onnx")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                import onnxscript  # noqa: F401 - the new exporter is written with it

                program = torch.onnx.export(
                    model, (example,), dynamo=True, opset_version=ONNX_OPSET, verbose=False, optimize=True,
                    dynamic_shapes=({0: torch.export.Dim("batch")},), **names,
                )
                proto = program.model_proto
            except Exception as first:  # ImportError, TypeError (old torch), an exporter limit
                buffer = io.BytesIO()
                try:
                    torch.onnx.export(
                        model, (example,), buffer, dynamo=False, opset_version=17,
                        dynamic_axes={"input": {0: "batch"}, output_name: {0: "batch"}}, **names,
                    )
                except Exception:
                    raise ExportError(f"The model could not be converted to ONNX ({type(first).__name__}: {first}).") from None
                proto = onnx.load_model_from_string(buffer.getvalue())
    finally:
        quiet.setLevel(level)
    # Name the batch axis "batch" on the output too, for people reading the graph.
    for value in (*proto.graph.input, *proto.graph.output):
        value.type.tensor_type.shape.dim[0].dim_param = "batch"
    return proto


def is_ensemble(source: Any) -> bool:
    """An `EnsembleResult` or `EnsemblePredictor`: exported as one averaging graph."""
    from playground.core.experiments.ensemble import EnsemblePredictor, EnsembleResult

    return isinstance(source, (EnsembleResult, EnsemblePredictor))


def _ensemble_metadata(source: Any) -> tuple[nn.Module, dict[str, Any]]:
    """The averaging model (a CPU copy in eval mode) and the metadata an ONNX file of it
    carries: the single-model keys plus what the ensemble is made of."""
    import copy

    from playground.core.experiments.ensemble import EnsembleResult

    if source.ensemble is None:
        raise ExportError("No member of the ensemble finished training — there is nothing to export.")
    model = copy.deepcopy(source.ensemble).cpu().eval()
    info = source.to_dict() if isinstance(source, EnsembleResult) else dict(source.metadata or {})
    rows = list(info.get("results") or [])
    members, total = rows[:-1], rows[-1] if rows else {}
    k = len(model.members)
    # Members trained on the same data share the training set's mean and std; should they
    # not, the file still works (each member normalises inside), but no one pair describes it.
    means = [getattr(m, "input_mean", None) for m in model.members]
    stds = [getattr(m, "input_std", None) for m in model.members]
    same = all(a is not None and torch.equal(a, means[0]) for a in means) and all(
        b is not None and torch.equal(b, stds[0]) for b in stds
    )
    preprocessing = _preprocessing(
        tuple(model.input_shape),
        means[0] if same else None,
        stds[0] if same else None,
        "inside the model: each member computes (x - mean) / std per channel (images) or feature",
    )
    classification = source.task == "classification"
    description = (
        f"Ensemble of {k} members: the mean of their class probabilities (each member's softmax)."
        if classification
        else f"Ensemble of {k} members: the mean of their predictions."
    )
    metrics = {"dataset": info.get("dataset") or None, "test_accuracy": total.get("test_accuracy"),
               "test_loss": total.get("test_loss")}
    meta = {
        "format": "neural-playground-export/1",
        "app_version": __version__,
        "torch_version": torch.__version__,
        "task": source.task,
        "class_names": source.class_names,
        "input_shape": list(model.input_shape),
        "output": "probabilities" if classification else "values",
        "preprocessing": preprocessing,
        "metrics": {key: v for key, v in metrics.items() if v is not None},
        "description": description,
        "ensemble": {
            "members": k,
            "member_names": [m.get("model") for m in members],
            "member_test_accuracy": [m.get("test_accuracy") for m in members],
        },
    }
    return model, meta


def export_ensemble_onnx(source: Any, path: str | os.PathLike) -> Path:
    """An ensemble (`EnsembleResult` or `EnsemblePredictor`) as one ONNX graph: raw inputs ->
    the mean of the members' class probabilities ("probabilities"; "values" for regression).
    Same input, opset and metadata as `export_onnx`, plus "description" and "ensemble" (member
    count, names and test accuracies); `load_predictor` opens it like any exported model."""
    try:
        import onnx  # noqa: F401 - checked here so that a missing package is named before any work
    except ImportError:
        raise ExportError("ONNX export needs the package onnx — pip install onnx onnxscript.") from None

    model, meta = _ensemble_metadata(source)
    path = check_writable(path)
    example = torch.rand(2, *model.input_shape)
    proto = _onnx_proto(model, example, meta["output"])
    _write_onnx(proto, meta, path, meta["description"] + " ")
    return path


def _write_onnx(proto, meta: dict[str, Any], path: Path, doc_prefix: str = "") -> None:
    """Set the metadata, producer and doc string, check the graph, and write it atomically."""
    import onnx

    del proto.metadata_props[:]
    for key, value in meta.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    proto.producer_name, proto.producer_version = "neural-playground", __version__
    proto.doc_string = (
        doc_prefix
        + "Input 'input': raw inputs " + meta["preprocessing"]["layout"] + " float32"
        + (" in [0, 1], white ink on black" if len(meta["input_shape"]) == 3 else "")
        + f"; output '{meta['output']}'."
    )
    onnx.checker.check_model(proto)
    with atomic_path(path) as tmp:
        onnx.save_model(proto, str(tmp))


def export_torchscript(source: Any, path: str | os.PathLike) -> Path:
    """TorchScript (scripted), loadable with `torch.jit.load` alone. The metadata travels as
    the extra file playground.json (`torch.jit.load(path, _extra_files={"playground.json": ""})`)."""
    bundle = as_bundle(source)
    path = check_writable(path)
    extra = {METADATA_FILE: json.dumps(_metadata(bundle), ensure_ascii=False)}
    with _jit_quietly(), atomic_path(path) as tmp:
        scripted = torch.jit.script(_deployable(bundle))
        torch.jit.save(scripted, str(tmp), _extra_files=extra)
    return path


@contextlib.contextmanager
def _jit_quietly():
    """torch 2.13 marks torch.jit as deprecated (in favour of torch.export, whose files need
    torch to load anyway); TorchScript is still what LibTorch and `torch.jit.load` users run,
    so the warning would only confuse the learner."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, message=r".*torch\.jit")
        yield


def export_state_dict(source: Any, path: str | os.PathLike) -> Path:
    """The weights as a plain dict of tensors (torch.save): loads with
    torch.load(path, weights_only=True) into the code export's Model, or any model with the
    same layers (keys body.<n>.weight, input_mean, input_std)."""
    bundle = as_bundle(source)
    path = check_writable(path)
    state = {k: v.detach().cpu().contiguous().clone() for k, v in bundle.state_dict.items()}
    with atomic_path(path) as tmp:
        torch.save(state, tmp)
    return path


def weights_path_for(code_path: str | os.PathLike) -> Path:
    """Where the code export puts its weights: model.py -> model.weights.pt."""
    p = Path(code_path)
    return p.with_name(p.stem + ".weights.pt")


def export_code(source: Any, path: str | os.PathLike) -> list[Path]:
    """A standalone .py plus `<name>.weights.pt` beside it. Both are written to temporary files
    first and replaced together, so a failure leaves neither half-new."""
    bundle = as_bundle(source)
    path = check_writable(path)
    weights = weights_path_for(path)
    code = generate_code(bundle, weights.name)
    state = {k: v.detach().cpu().contiguous().clone() for k, v in bundle.state_dict.items()}
    with atomic_path(weights) as tmp_weights, atomic_path(path) as tmp_code:
        torch.save(state, tmp_weights)
        tmp_code.write_text(code, encoding="utf-8")
    return [path, weights]


def export_model(source: Any, fmt: str, path: str | os.PathLike) -> list[Path]:
    """Export `source` (a ModelBundle/Bundle, RunRecord or FitResult; or an ensemble — an
    EnsembleResult or EnsemblePredictor — as "onnx" only) as `fmt` (a FORMATS key) to `path`;
    returns the files written."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format '{fmt}'. Choose one of: {', '.join(FORMATS)}.")
    path = _with_suffix(Path(path), fmt)
    if is_ensemble(source):
        if fmt != "onnx":
            raise ExportError(
                f"An ensemble exports as ONNX only (one graph that averages its members' probabilities), not as "
                f"{fmt} — choose ONNX, or export a single member's run."
            )
        try:
            return [export_ensemble_onnx(source, path)]
        except OSError as e:
            raise ExportError(f"Cannot write {path}: {e.strerror or e} — check the disk space and the folder.") from None
    writers = {
        "bundle": lambda src, p: save_model_bundle(p, src),
        "onnx": export_onnx,
        "torchscript": export_torchscript,
        "state-dict": export_state_dict,
    }
    try:
        if fmt == "code":
            return export_code(source, path)
        return [writers[fmt](source, path)]
    except OSError as e:
        raise ExportError(f"Cannot write {path}: {e.strerror or e} — check the disk space and the folder.") from None


def _with_suffix(path: Path, fmt: str) -> Path:
    """`path` with the format's suffix added when it has none; another suffix is refused,
    since readers (this app included) pick the reader by the suffix."""
    suffix = FORMATS[fmt][0]
    allowed = {suffix, ".pth"} if suffix == ".pt" else {suffix}
    if not path.suffix:
        return path.with_name(path.name + suffix)
    if path.suffix.lower() not in allowed:
        raise ExportError(f"A {fmt} export is a {suffix} file — name it {path.with_suffix(suffix).name} instead of {path.name}.")
    return path


def export_source(path: str | os.PathLike, run: str | None = None) -> ModelBundle:
    """What to export from a file: a bundle (.nnpmodel or .safetensors), or one run of a
    project (.nnp): `run` is its number (1 = first), its id or the first 4+ digits of it; default
    the last run with weights."""
    from playground.core.io.project import PROJECT_SUFFIX, load_project

    path = Path(path)
    if path.suffix.lower() != PROJECT_SUFFIX:
        if run is not None:
            raise ExportError(f"--run picks a run of a project (.nnp); {path.name} holds one model.")
        return load_model_bundle(path)
    project = load_project(path)
    trained = [r for r in project.runs if r.state_dict is not None]
    if not trained:
        raise ExportError(f"The project {path.name} has no run with trained weights — train a model and save the project first.")
    if run is None:
        return as_bundle(trained[-1])
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
    return as_bundle(chosen)


# --------------------------------------------------------------------------- code generation


def _layer_code(module: nn.Module) -> str:
    """Constructor call for one module of Network.body, with every argument spelled out."""
    if isinstance(module, nn.Linear):
        return f"nn.Linear({module.in_features}, {module.out_features}, bias={module.bias is not None})"
    if isinstance(module, nn.Conv2d):
        k, s, p = module.kernel_size[0], module.stride[0], module.padding
        pad = repr(p) if isinstance(p, str) else str(p[0])
        return f"nn.Conv2d({module.in_channels}, {module.out_channels}, kernel_size={k}, stride={s}, padding={pad})"
    if isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
        k = module.kernel_size if isinstance(module.kernel_size, int) else module.kernel_size[0]
        s = module.stride if isinstance(module.stride, int) else module.stride[0]
        return f"nn.{type(module).__name__}({k}, stride={s})"
    if isinstance(module, nn.Flatten):
        return "nn.Flatten()"
    if isinstance(module, nn.Dropout):
        return f"nn.Dropout({module.p!r})"
    if isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d)):
        return f"nn.{type(module).__name__}({module.num_features}, eps={module.eps!r}, momentum={module.momentum!r})"
    if isinstance(module, nn.LeakyReLU):
        return f"nn.LeakyReLU({module.negative_slope!r})"
    if isinstance(module, nn.ELU):
        return f"nn.ELU({module.alpha!r})"
    if isinstance(module, (nn.ReLU, nn.Sigmoid, nn.Tanh, nn.GELU, nn.Identity)):
        return f"nn.{type(module).__name__}()"
    raise ExportError(f"The code export does not know the layer {type(module).__name__}.")  # pragma: no cover


_LAYER_WHY = {
    "Dense": "fully connected: every input to every unit",
    "Conv2D": "2-D convolution",
    "MaxPool2D": "keeps the largest value of each window",
    "AvgPool2D": "averages each window",
    "Flatten": "C×H×W feature maps -> one vector",
    "Dropout": "active only in training; a no-op in eval()",
    "BatchNorm": "uses the running mean/variance learnt in training when in eval()",
    "Activation": "element-wise non-linearity",
}


def generate_code(source: Any, weights_name: str = "model.weights.pt") -> str:
    """The text of the standalone .py: readable, commented, needing only torch (and Pillow
    to read images)."""
    bundle = as_bundle(source)
    net = bundle.build_model()
    infos = bundle.config.model.infer()
    shape = tuple(bundle.input_shape)
    image = len(shape) == 3
    classification = bundle.task == "classification"
    lines = []
    softmax_note = ""
    for i, module in enumerate(net.body):
        info = infos[i]
        lines.append(
            f"            # Layer {info.index}: {info.layer.describe()} — {_LAYER_WHY.get(info.layer.type, '')}; "
            f"{format_shape(info.input_shape)} -> {format_shape(info.output_shape)}"
            + (f", {info.params:,} parameters" if info.params else "")
        )
        lines.append(f"            {_layer_code(module)},")
    if len(infos) > len(net.body):
        last = infos[-1]
        softmax_note = (
            f"            # Layer {last.index}: Softmax — left out here: the model returns logits (scores);\n"
            "            # predict() applies softmax to turn them into probabilities.\n"
        )
    mean = net.input_mean.flatten().tolist()
    std = net.input_std.flatten().tolist()
    accuracy = bundle.metrics.get("test_accuracy")
    trained = (
        f"Test accuracy when exported: {accuracy:.2%} on {bundle.metrics.get('dataset', 'its dataset')}."
        if isinstance(accuracy, (int, float))
        else f"Dataset: {bundle.metrics.get('dataset', bundle.config.data.name)}."
    )
    name = bundle.label or bundle.config.name or "model"
    return _CODE_TEMPLATE.format(
        name=name,
        app_version=__version__,
        torch_version=torch.__version__,
        date=_dt.date.today().isoformat(),
        trained=trained,
        weights_name=weights_name,
        task=bundle.task,
        class_names=json.dumps(bundle.class_names, ensure_ascii=False) if bundle.class_names is not None else "None",
        input_shape=repr(shape),
        mean=repr(mean),
        std=repr(std),
        view="(-1, 1, 1)" if image else "(-1,)",
        layers="\n".join(lines) + ("\n" + softmax_note.rstrip("\n") if softmax_note else ""),
        input_doc=(
            "images N×C×H×W, float32 pixels in [0, 1], white ink on a black background (as MNIST)"
            if image
            else f"points N×{shape[0]}, float32, in the dataset's own units"
        ),
        usage=(
            "python {file} IMAGE [IMAGE ...]      predict images (PNG, JPEG, ...; needs Pillow)"
            if image
            else "python {file} X1 ... X{n} [X1 ... X{n} ...]   predict points (" + str(shape[0]) + " numbers each)"
        ).format(file="%(prog)s", n=shape[0]),
        output=("probabilities" if classification else "values"),
        input_shape_doc=format_shape(shape),
    )


_CODE_TEMPLATE = '''\
"""{name} — a neural network exported from Neural Network Playground {app_version}
(torch {torch_version}) on {date}. {trained}

This file defines the model layer by layer and loads its trained weights from
{weights_name}, which sits beside it. It needs only PyTorch (and Pillow to read images).

    python this_file.py --summary            print the layers
    python this_file.py INPUT ... [--json]   predict (see --help)

Inputs are raw: {input_doc}. The input normalisation
(the training set's mean and std) is inside the model, so do not normalise them yourself.
In your own code:

    model = load_model()                       # eval mode, CPU
    probabilities = predict(model, x)          # x: a float32 tensor N×{input_shape_doc}
"""

import argparse
import json
import sys
from pathlib import Path

import torch
from torch import nn

TASK = "{task}"  # "classification": outputs are class probabilities; "regression": values
CLASS_NAMES = {class_names}
INPUT_SHAPE = {input_shape}  # one input, without the batch dimension
MEAN = {mean}  # per channel (images) or per feature, of the training set
STD = {std}
WEIGHTS = Path(__file__).with_name("{weights_name}")


class Model(nn.Module):
    """The layer stack behind a fixed input normalisation. forward() returns logits
    (classification) or values (regression)."""

    def __init__(self):
        super().__init__()
        # Buffers, not parameters: saved with the weights but never trained.
        self.register_buffer("input_mean", torch.tensor(MEAN).reshape{view})
        self.register_buffer("input_std", torch.tensor(STD).reshape{view})
        self.body = nn.Sequential(
{layers}
        )

    def forward(self, x):
        return self.body((x - self.input_mean) / self.input_std)


def load_model(weights=WEIGHTS):
    """The model with its trained weights, in eval mode (dropout off, batch norm frozen).
    weights_only=True: the file is read as tensors only, never as code."""
    model = Model()
    model.load_state_dict(torch.load(weights, map_location="cpu", weights_only=True))
    return model.eval()


@torch.no_grad()
def predict(model, x):
    """{output} for a batch of raw inputs x (N×INPUT_SHAPE)."""
    out = model(torch.as_tensor(x, dtype=torch.float32))
    return torch.softmax(out, dim=1) if TASK == "classification" else out


def load_image(path, invert="auto"):
    """An image file as a 1×C×H×W tensor in [0, 1], the way the model was trained on it.

    Grey (or RGB for 3-channel models), resized to the model's size if needed. Models trained
    on dark backgrounds with bright ink (MNIST and friends) would misread a scan of dark ink
    on white paper, so with invert="auto" an image whose border is on the other side of
    mid-grey from the training set's mean brightness is inverted ("yes"/"no" to force it).
    """
    from PIL import Image

    channels, height, width = INPUT_SHAPE
    image = Image.open(path).convert("L" if channels == 1 else "RGB")
    if image.size != (width, height):
        image = image.resize((width, height), Image.BILINEAR)
    pixels = torch.frombuffer(bytearray(image.tobytes()), dtype=torch.uint8)
    x = pixels.reshape(height, width, -1).permute(2, 0, 1).to(torch.float32) / 255.0
    border = torch.cat([x[:, 0, :].flatten(), x[:, -1, :].flatten(), x[:, :, 0].flatten(), x[:, :, -1].flatten()])
    dark_training_images = sum(MEAN) / len(MEAN) < 0.5
    light_border = float(border.mean()) > 0.5
    if invert == "yes" or (invert == "auto" and light_border == dark_training_images):
        x = 1.0 - x
    return x.unsqueeze(0)


def _inputs(args):
    if len(INPUT_SHAPE) == 3:
        return [(str(p), load_image(p, args.invert)) for p in args.inputs]
    n = INPUT_SHAPE[0]
    values = [float(v) for v in args.inputs]
    if not values or len(values) % n:
        sys.exit(f"error: give {{n}} numbers per point, got {{len(values)}}")
    return [(" ".join(args.inputs[i:i + n]), torch.tensor([values[i:i + n]])) for i in range(0, len(values), n)]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\\n\\n")[0],
        usage="{usage}",
    )
    parser.add_argument("inputs", nargs="*", help="image files, or numbers for a point")
    parser.add_argument("--summary", action="store_true", help="print the layers and parameter count")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--invert", choices=["auto", "yes", "no"], default="auto",
                        help="invert image brightness (default auto: match the training images' background)")
    parser.add_argument("--weights", default=str(WEIGHTS), help="the weights file (default: beside this file)")
    args = parser.parse_args()
    model = load_model(args.weights)
    if args.summary or not args.inputs:
        print(model)
        print(f"{{sum(p.numel() for p in model.parameters()):,}} trainable parameters; input {{INPUT_SHAPE}}")
        return
    results = []
    for name, x in _inputs(args):
        out = predict(model, x)[0]
        entry = {{"input": name, "{output}": [round(float(v), 7) for v in out]}}
        if TASK == "classification":
            best = int(out.argmax())
            entry["class"] = CLASS_NAMES[best] if CLASS_NAMES else best
            entry["probability"] = round(float(out[best]), 7)
        results.append(entry)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return
    for entry in results:
        if TASK == "classification":
            print(f"{{entry['input']}}: {{entry['class']}} ({{entry['probability']:.1%}})")
        else:
            print(f"{{entry['input']}}: {{entry['values']}}")


if __name__ == "__main__":
    main()
'''


# --------------------------------------------------------------------------- prediction-only imports


@dataclass
class OnnxPredictor(Predictor):
    """An ONNX classifier or regressor through onnxruntime (CPU). Files from elsewhere work
    too when their one input is float32 N×shape with a fixed shape; their outputs are taken as
    logits unless they already look like probabilities."""

    session: Any = None
    input_name: str = "input"
    outputs_probabilities: bool = True

    def _forward(self, x: np.ndarray) -> np.ndarray:
        out = np.asarray(self.session.run(None, {self.input_name: x})[0], dtype=np.float32)
        if self.task == "classification" and not self.outputs_probabilities:
            out = _softmax(out)
        return out


@dataclass
class TorchScriptPredictor(Predictor):
    """A TorchScript module (ours: raw inputs -> probabilities; see export_torchscript)."""

    module: Any = None
    outputs_probabilities: bool = True

    def _forward(self, x: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            out = self.module(torch.from_numpy(x)).float()
            if self.task == "classification" and not self.outputs_probabilities:
                out = torch.softmax(out, dim=1)
        return out.numpy()


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _parse_meta(raw: dict[str, str]) -> dict[str, Any]:
    meta = {}
    for key, value in raw.items():
        try:
            meta[key] = json.loads(value)
        except (json.JSONDecodeError, TypeError):
            meta[key] = value
    return meta


def _load_onnx_predictor(path: Path) -> Predictor:
    try:
        import onnxruntime as ort
    except ImportError:
        raise PredictorError("Opening ONNX models needs onnxruntime — pip install onnxruntime.") from None
    try:
        options = ort.SessionOptions()
        options.log_severity_level = 3
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as e:  # onnxruntime raises its own exception types for bad files
        first = str(e).strip().splitlines()[0][:300] if str(e).strip() else type(e).__name__
        raise PredictorError(f"{path.name} is not a readable ONNX model ({first}) — export it again.") from None
    inputs = session.get_inputs()
    if len(inputs) != 1 or inputs[0].type != "tensor(float)":
        raise PredictorError(f"{path.name}: this app opens ONNX models with one float32 input; this one has "
                             f"{', '.join(f'{i.name} ({i.type})' for i in inputs)}.")
    meta = _parse_meta(session.get_modelmeta().custom_metadata_map or {})
    shape = meta.get("input_shape")
    if not shape:
        dims = inputs[0].shape[1:]
        if not dims or not all(isinstance(d, int) and d > 0 for d in dims):
            raise PredictorError(f"{path.name}: its input shape {inputs[0].shape} is not fixed, so the app cannot feed it.")
        shape = dims
    task = meta.get("task", "classification")
    class_names = meta.get("class_names")
    outputs_probabilities = meta.get("output", "") == "probabilities"
    if task == "classification" and class_names is None:
        out_dims = session.get_outputs()[0].shape
        if len(out_dims) == 2 and isinstance(out_dims[1], int):
            class_names = [str(i) for i in range(out_dims[1])]
    predictor = OnnxPredictor(tuple(int(s) for s in shape), task, class_names, str(path), meta,
                              session, inputs[0].name, outputs_probabilities)
    if "output" not in meta and task == "classification":
        # Not ours: decide once whether its raw outputs already sum to 1.
        predictor.outputs_probabilities = True
        probe = predictor.predict(np.random.default_rng(0).random((2, *predictor.input_shape), dtype=np.float32))
        predictor.outputs_probabilities = bool(np.all(probe >= 0) and np.allclose(probe.sum(axis=1), 1, atol=1e-3))
    return predictor


def _is_torchscript_archive(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return any("/code/" in n or n.startswith("code/") for n in zf.namelist())
    except (zipfile.BadZipFile, OSError):
        return False


def _describe_pickled(path: Path) -> str:
    """Read a non-TorchScript .pt safely and say why it cannot be used for prediction."""
    import pickle

    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        return (f"{path.name} contains Python objects beyond plain tensors; it was refused unopened, because "
                "unpickling it could run code. Only open model files from people you trust — and ask for a "
                f"bundle ({BUNDLE_SUFFIX}), ONNX or TorchScript file instead.")
    except (RuntimeError, EOFError, OSError, ValueError, zipfile.BadZipFile) as e:
        return f"{path.name} is not a readable PyTorch file ({str(e).splitlines()[0][:200] if str(e) else type(e).__name__}) — it may be truncated or damaged."
    if isinstance(obj, dict) and str(obj.get("format", "")).startswith("neural-playground-checkpoint"):
        return (f"{path.name} is a training checkpoint, not a model for prediction — resume it with "
                f"the trainer, or export a bundle ({BUNDLE_SUFFIX}) from the app.")
    if isinstance(obj, dict) and obj and all(isinstance(v, torch.Tensor) for v in obj.values()):
        return (f"{path.name} is a state_dict (weights only): it has no architecture, so the app cannot run it — "
                f"open the bundle ({BUNDLE_SUFFIX}) instead, or load the weights into the exported .py code's Model.")
    return f"{path.name} is a PyTorch file but not a model this app can open (a TorchScript .pt or a {BUNDLE_SUFFIX} bundle)."


def _load_pt_predictor(path: Path) -> Predictor:
    if not _is_torchscript_archive(path):
        raise PredictorError(_describe_pickled(path))
    extra = {METADATA_FILE: ""}
    try:
        with _jit_quietly():
            module = torch.jit.load(str(path), map_location="cpu", _extra_files=extra)
    except Exception as e:  # torch.jit raises RuntimeError and friends for bad archives
        first = str(e).strip().splitlines()[0][:300] if str(e).strip() else type(e).__name__
        raise PredictorError(f"{path.name} is not a loadable TorchScript model ({first}).") from None
    module.eval()
    try:
        meta = json.loads(extra[METADATA_FILE]) if extra[METADATA_FILE] else {}
    except (json.JSONDecodeError, UnicodeDecodeError):
        meta = {}
    if not isinstance(meta, dict) or not meta.get("input_shape"):
        raise PredictorError(
            f"{path.name} is a TorchScript model without a {METADATA_FILE} describing its input shape and "
            "classes, so the app cannot feed it — export it from Neural Network Playground, or use ONNX."
        )
    return TorchScriptPredictor(
        tuple(int(s) for s in meta["input_shape"]),
        meta.get("task", "classification"),
        meta.get("class_names"),
        str(path),
        meta,
        module,
        meta.get("output") == "probabilities",
    )


def _load_bundle_predictor(path: Path) -> Predictor:
    try:
        bundle = load_model_bundle(path)
    except FileError as e:
        raise PredictorError(str(e)) from None
    return bundle.predictor(str(path))


register_loader(BUNDLE_SUFFIX, _load_bundle_predictor)
register_loader(".safetensors", _load_bundle_predictor)  # the older bundles, with PredictorError messages
register_loader(".onnx", _load_onnx_predictor)
register_loader(".pt", _load_pt_predictor)
register_loader(".pth", _load_pt_predictor)
