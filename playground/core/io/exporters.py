"""Exporting a `TrainedModel` to run outside the app: ONNX, TorchScript, a plain state_dict.

ONNX and TorchScript files take raw inputs as the dataset stores them (images N×C×H×W
float32 in [0, 1], white ink on black; toy points N×F) and return class probabilities
(classification) or values (regression): the input normalisation and the softmax are part
of the exported graph. Their metadata (task, class names, input shape, preprocessing,
metrics) is what `core.inference.loaders` reads back. A model trained on a table takes the
encoded row (its inputs were standardised and one-hot before training); its metadata add the
encoding ("table", "input_encoding", "input_features"), so `playground predict` reads CSV rows
with these files too. The PyTorch-code export is
`core.io.codegen`; the choice of format by name is `core.io.export`.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import warnings
from pathlib import Path
from typing import Any

import torch
from torch import nn

from playground import __version__
from playground.core.io.atomic import write_bytes
from playground.core.io.bundle import ExportError, built_network, check_writable, require_weights
from playground.core.io.torchfile import torch_bytes
from playground.core.model.trained import TrainedModel

__all__ = [
    "EXPORT_FORMAT",
    "METADATA_FILE",
    "ONNX_OPSET",
    "export_metadata",
    "export_onnx",
    "export_state_dict",
    "export_torchscript",
    "jit_quietly",
    "onnx_proto",
    "require_onnx",
    "table_metadata",
    "write_onnx",
]

EXPORT_FORMAT = "neural-playground-export/1"  # the "format" of an exported file's metadata
ONNX_OPSET = 18  # the exporter's native opset (>= 17 as asked); onnxruntime >= 1.14 runs it
METADATA_FILE = "playground.json"  # TorchScript extra file with what ONNX keeps in metadata_props


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


def export_metadata(model: TrainedModel) -> dict[str, Any]:
    """What an exported file says about its model (ONNX metadata_props, TorchScript's playground.json).
    A model trained on a table adds "table" (the fitted encoding, the same JSON as in its bundle),
    "input_encoding" (in words: the graph takes the encoded vector, and how rows become one) and
    "input_features" (what each input is: "面積", "地域=東京", ...)."""
    meta = {
        "format": EXPORT_FORMAT,
        "app_version": __version__,
        "torch_version": torch.__version__,
        "task": model.task,
        "class_names": model.class_names,
        "input_shape": list(model.input_shape),
        "output": "probabilities" if model.task == "classification" else "values",
        "preprocessing": model.preprocessing(),
        "metrics": {k: v for k, v in model.metrics.items() if k != "table"},
    }
    table = model.summary.get("table")
    if isinstance(table, dict):
        meta.update(table_metadata(table, list(model.input_shape)))
    return meta


def table_metadata(table: dict[str, Any], input_shape: list[int]) -> dict[str, Any]:
    """The entries that describe a table model's input encoding (see export_metadata)."""
    features = []
    for c in table.get("columns", []):
        features += [c["name"]] if c["type"] == "numeric" else [f"{c['name']}={v}" for v in c["categories"]]
    width = "×".join(str(s) for s in input_shape)
    return {
        "input_encoding": (
            f"The input is a table row already encoded, not the raw row: float32 N×{width}, one value per entry of "
            "'input_features'. In the 'table' entry's column order, each numeric column's value (a missing one "
            "— empty, NA, NaN, null or ? — replaced by its 'fill') becomes (value - mean) / std, and each "
            "categorical column becomes one input per entry of its 'categories', 1 for the row's value (its "
            "'fill' when missing; where 'numbers' is true the value is read as a number, so 3.0 is the category "
            "'3') and 0 for the others; the column named 'target' is not an input. The app's "
            "TablePreprocessing.encode and the exported PyTorch code's encode_rows do this."
        ),
        "input_features": features,
        "table": table,
    }


def _deployable(model: TrainedModel) -> _Deployable:
    net = built_network(model).cpu().eval()
    return _Deployable(net, model.task == "classification").eval()


def require_onnx() -> None:
    """Name the missing package before any work is done."""
    try:
        import onnx  # noqa: F401
    except ImportError:
        raise ExportError("ONNX export needs the package onnx — pip install onnx onnxscript.", "no_onnx") from None


def export_onnx(model: TrainedModel, path: str | os.PathLike) -> Path:
    """ONNX, opset 18, batch size dynamic; input "input", output "probabilities"
    (classification) or "values". metadata_props: task, class_names, input_shape, output,
    preprocessing, ... (text as is, lists and objects as JSON)."""
    require_onnx()
    require_weights(model)
    path = check_writable(path)
    net = _deployable(model)
    example = torch.rand(2, *model.input_shape)
    meta = export_metadata(model)
    proto = onnx_proto(net, example, meta["output"])
    write_onnx(proto, meta, path)
    return path


def onnx_proto(model: nn.Module, example: torch.Tensor, output_name: str):
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
                    reason = f"{type(first).__name__}: {first}"
                    raise ExportError(f"The model could not be converted to ONNX ({reason}).", "onnx_failed", {"reason": reason}) from None
                proto = onnx.load_model_from_string(buffer.getvalue())
    finally:
        quiet.setLevel(level)
    # Name the batch axis "batch" on the output too, for people reading the graph.
    for value in (*proto.graph.input, *proto.graph.output):
        value.type.tensor_type.shape.dim[0].dim_param = "batch"
    return proto


def write_onnx(proto, meta: dict[str, Any], path: Path, doc_prefix: str = "") -> None:
    """Set the metadata, producer and doc string, check the graph, and write it atomically
    (WriteError when the disk refuses it)."""
    import onnx

    del proto.metadata_props[:]
    for key, value in meta.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    proto.producer_name, proto.producer_version = "neural-playground", __version__
    if "table" in meta:
        inputs = "Input 'input': a table row encoded as float32 N×" + "×".join(map(str, meta["input_shape"])) + (
            " (not the raw row: the metadata entries 'input_encoding' and 'table' say how)"
        )
    else:
        inputs = (
            "Input 'input': raw inputs " + meta["preprocessing"]["layout"] + " float32"
            + (" in [0, 1], white ink on black" if len(meta["input_shape"]) == 3 else "")
        )
    proto.doc_string = doc_prefix + inputs + f"; output '{meta['output']}'."
    onnx.checker.check_model(proto)
    write_bytes(path, proto.SerializeToString())  # serialised in memory: see core.io.atomic


def export_torchscript(model: TrainedModel, path: str | os.PathLike) -> Path:
    """TorchScript (scripted), loadable with `torch.jit.load` alone. The metadata travels as
    the extra file playground.json (`torch.jit.load(path, _extra_files={"playground.json": ""})`)."""
    require_weights(model)
    path = check_writable(path)
    extra = {METADATA_FILE: json.dumps(export_metadata(model), ensure_ascii=False)}
    buffer = io.BytesIO()
    with jit_quietly():
        scripted = torch.jit.script(_deployable(model))
        # Into memory, never to the file: on a full disk torch.jit.save aborts the process.
        torch.jit.save(scripted, buffer, _extra_files=extra)
    write_bytes(path, buffer.getbuffer())
    return path


@contextlib.contextmanager
def jit_quietly():
    """torch 2.13 marks torch.jit as deprecated (in favour of torch.export, whose files need
    torch to load anyway); TorchScript is still what LibTorch and `torch.jit.load` users run,
    so the warning would only confuse the learner."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, message=r".*torch\.jit")
        yield


def export_state_dict(model: TrainedModel, path: str | os.PathLike) -> Path:
    """The weights as a plain dict of tensors (torch.save): loads with
    torch.load(path, weights_only=True) into the code export's Model, or any model with the
    same layers (keys body.<n>.weight, input_mean, input_std)."""
    require_weights(model)
    path = check_writable(path)
    state = {k: v.detach().cpu().contiguous().clone() for k, v in model.state_dict.items()}
    write_bytes(path, torch_bytes(state))
    return path
