"""ONNX files may only compute: checked before onnxruntime is given them.

An ONNX graph is a list of operators, each named by a domain and a type. The standard domains
("" or "ai.onnx", and "ai.onnx.ml") hold the tensor arithmetic every runtime implements;
any other domain names operators that only a custom operator library (native code loaded
into the process) or a runtime's own extensions provide, which can do anything. The app's
exports (core.io.exporters, the ensemble export) use the standard domain only, so a node of
any other domain is refused, naming it. A tensor may also be stored "externally": in another
file named by a path inside the model, which onnxruntime would read — a model that reads
files beside it, or anywhere; the app's exports keep their weights inside, so such a tensor is
refused too. The file is read once, checked, and the same bytes are given to onnxruntime.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from playground.core.errors import first_line
from playground.core.io.bundle import ExportError
from playground.core.inference.predictor import PredictorError

__all__ = ["MAX_ONNX_BYTES", "STANDARD_DOMAINS", "read_checked_onnx"]

STANDARD_DOMAINS = frozenset({"", "ai.onnx", "ai.onnx.ml"})
MAX_ONNX_BYTES = 2**31 - 1  # protobuf's limit for one message: no ONNX file without external data is larger


def _subgraphs(node) -> Iterator[Any]:
    for attr in node.attribute:
        if attr.HasField("g"):
            yield attr.g
        yield from attr.graphs


def _nodes(nodes) -> Iterator[Any]:
    """`nodes` and every node of the graphs inside them (If, Loop, Scan bodies), depth first."""
    for node in nodes:
        yield node
        for graph in _subgraphs(node):
            yield from _nodes(graph.node)


def _all_nodes(proto) -> Iterator[Any]:
    yield from _nodes(proto.graph.node)
    for function in proto.functions:  # a model's own functions: their bodies run too
        yield from _nodes(function.node)


def _graphs(graph) -> Iterator[Any]:
    yield graph
    for node in graph.node:
        for inner in _subgraphs(node):
            yield from _graphs(inner)


def _tensors(proto) -> Iterator[Any]:
    """Every stored tensor: initializers (sparse ones too) and the constants inside nodes."""
    for graph in _graphs(proto.graph):
        yield from graph.initializer
        for sparse in graph.sparse_initializer:
            yield sparse.values
            yield sparse.indices
    for node in _all_nodes(proto):
        for attr in node.attribute:
            if attr.HasField("t"):
                yield attr.t
            yield from attr.tensors
            if attr.HasField("sparse_tensor"):
                yield attr.sparse_tensor.values
                yield attr.sparse_tensor.indices


def check_operators(proto, name: str) -> None:
    """Refuse `proto` (the model of the file `name`) when a node's domain is not standard."""
    for node in _all_nodes(proto):
        if node.domain not in STANDARD_DOMAINS:
            raise ExportError(
                f"{name} was refused: it uses the operator {node.op_type} of the domain {node.domain}, which is not "
                "standard ONNX — only a custom operator library provides it, and such code could read or write files "
                "or reach the network. Nothing in it was run — open models exported by Neural Network Playground, or "
                "ask for one that uses standard ONNX operators only.",
                "onnx_custom_operator",
                {"name": name, "operator": node.op_type, "domain": node.domain},
            )


def check_no_external_data(proto, name: str) -> None:
    """Refuse `proto` when a tensor's data lives in another file (which would be read)."""
    import onnx

    for tensor in _tensors(proto):
        if tensor.data_location == onnx.TensorProto.EXTERNAL or len(tensor.external_data):
            location = next((e.value for e in tensor.external_data if e.key == "location"), "?")
            raise ExportError(
                f"{name} was refused: its tensor {tensor.name or '?'} is kept in another file ({location}), which "
                "opening it would read — models exported by Neural Network Playground keep their weights inside. "
                "Nothing was opened.",
                "onnx_external_data",
                {"name": name, "tensor": tensor.name or "?", "location": location},
            )


def read_checked_onnx(path: Path) -> tuple[bytes, Any]:
    """The bytes of the ONNX file `path` and its parsed model, refused (ExportError) when a node
    is not standard ONNX or a tensor is stored in another file; PredictorError when it is not
    ONNX at all. Parsing never reads other files (external data is not loaded)."""
    import onnx
    from google.protobuf.message import DecodeError

    try:
        size = path.stat().st_size
        if size > MAX_ONNX_BYTES:
            raise PredictorError(
                f"{path.name} is not a readable ONNX model (it is {size / 2**30:.1f} GB; an ONNX file holds at most 2 GB) "
                "— export it again."
            )
        data = path.read_bytes()
    except OSError as e:
        raise PredictorError(f"Cannot read {path}: {e.strerror or e}.") from None
    try:
        proto = onnx.load_model_from_string(data)
    except (DecodeError, ValueError, RuntimeError) as e:
        raise PredictorError(f"{path.name} is not a readable ONNX model ({first_line(e)}) — export it again.") from None
    check_operators(proto, path.name)
    check_no_external_data(proto, path.name)
    return data, proto
