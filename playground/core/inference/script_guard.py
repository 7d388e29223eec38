"""A TorchScript file may only compute: what `loaders` checks before it runs one.

A TorchScript archive carries code, not just weights: its methods can call any operator torch
has, `aten::from_file` (read or overwrite any file), `prim::rpc_async` (talk to the network)
and the like, and a `__setstate__` method runs while `torch.jit.load` unpickles the archive.
So before loading, `refuse_load_time_code` refuses an archive that defines `__setstate__`;
after loading and before anything runs, `check_script_module` walks every method of every
submodule (and its hooks), with the functions and methods they call inlined, into every
nested block, and refuses the first operator that is not in `ALLOWED_OPERATORS`, naming it.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Iterable, Iterator

import torch

from playground.core.io.bundle import ExportError, damaged_zip

__all__ = ["ALLOWED_OPERATORS", "check_script_module", "operators_of", "refuse_load_time_code"]

# Every node kind in the TorchScript files this app exports (core/io/exporters.py
# export_torchscript): collected by exporting each preset (classification and regression) and
# one model with every layer type, every Activation function and every Dense activation of the
# catalogue, and listing their graphs' node kinds (torch 2.13). Tensor arithmetic, shape
# queries, control flow and the checks nn.Module code raises; nothing that touches files,
# sockets, processes or other modules' state (no prim::SetAttr, no calls left uninlined).
# A new layer type whose export uses another operator adds it here (tests/core/
# test_script_guard.py exports every preset and layer type and fails until it is).
ALLOWED_OPERATORS = frozenset({
    # tensor math
    "aten::add", "aten::add_", "aten::sub", "aten::mul", "aten::div",
    "aten::linear", "aten::conv2d", "aten::batch_norm", "aten::flatten",
    "aten::max_pool2d", "aten::avg_pool2d", "aten::dropout", "aten::dropout_",
    "aten::relu", "aten::relu_", "aten::leaky_relu", "aten::leaky_relu_", "aten::elu", "aten::elu_",
    "aten::gelu", "aten::sigmoid", "aten::tanh", "aten::softmax",
    # the input features of 2-D points (model.build.FeatureExpansion): columns, squares, products, sines
    "aten::slice", "aten::cat", "aten::sin", "aten::index_select",
    # sizes, comparisons and indexing of shapes and lists
    "aten::size", "aten::dim", "aten::len", "aten::__getitem__", "aten::__is__",
    "aten::eq", "aten::ne", "aten::lt", "aten::le", "aten::gt",
    # the error and warning texts of nn.Module code (a string, a warning, an exception)
    "aten::format", "aten::warn", "prim::RaiseException",
    # graph structure
    "prim::Constant", "prim::GetAttr", "prim::If", "prim::Loop", "prim::ListConstruct", "prim::unchecked_cast",
    # models made elsewhere (foreign.py): the same kind of arithmetic in the forms plain PyTorch code
    # scripts or traces to — PyTorch's MNIST example (log_softmax), x.view(x.size(0), -1), global
    # pooling, traced convolutions and sizes; still nothing that reaches beyond the tensors
    "aten::_convolution", "aten::log_softmax", "aten::adaptive_avg_pool2d", "aten::adaptive_max_pool2d",
    "aten::view", "aten::reshape", "aten::permute", "aten::transpose", "aten::contiguous", "aten::squeeze",
    "aten::unsqueeze", "aten::mean", "aten::matmul", "aten::addmm", "aten::mm", "aten::t", "aten::relu6",
    "aten::hardtanh", "aten::silu", "aten::clamp", "aten::Int", "prim::NumToTensor", "prim::TupleConstruct",
    "prim::TupleUnpack", "prim::ListUnpack",
})


_NAMED = 5  # operators named in the message at most


def _refused(name: str, operator: str) -> ExportError:
    return ExportError(
        f"{name} was refused because it can do more than arithmetic: it uses {operator}, beyond the operators of "
        "this app's own models, and such code could read or write files or reach the network. Nothing in it was "
        "run — open models exported by Neural Network Playground, or ask for a bundle (.nnpmodel) or ONNX file.",
        "script_not_arithmetic",
        {"name": name, "operator": operator},
    )


def refuse_load_time_code(path: Path) -> None:
    """Refuse a TorchScript archive whose code defines `__setstate__`: torch.jit.load runs it
    while loading, before any graph can be checked. The app's exports define none."""
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                parts = info.filename.split("/")
                if "code" in parts[:-1] and info.filename.endswith(".py"):
                    if info.file_size >= _MAX_CODE_BYTES:  # unread is unchecked: refused, not skipped
                        raise damaged_zip(path, f"its code {info.filename} declares {info.file_size:,} bytes", ExportError)
                    try:
                        code = zf.read(info)
                    except (zlib.error, zipfile.BadZipFile, EOFError) as e:  # a code file that cannot be checked
                        raise damaged_zip(path, f"its code {info.filename} cannot be unpacked: {e}", ExportError) from None
                    if b"__setstate__" in code:
                        raise _refused(path.name, "__setstate__")
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError):
        return  # not a zip it can read at all: torch.jit.load says what is wrong with it


_MAX_CODE_BYTES = 64 * 2**20


def _nodes(block) -> Iterator:
    for node in block.nodes():
        yield node
        for inner in node.blocks():
            yield from _nodes(inner)


def _graphs(module: torch.jit.ScriptModule) -> Iterator:
    for sub in module.modules():
        c = sub._c
        for name in c._method_names():
            yield c._get_method(name).inlined_graph
        for hook in [*c._get_forward_pre_hooks(), *c._get_forward_hooks()]:
            yield hook.inlined_graph


def operators_of(module: torch.jit.ScriptModule) -> Iterable[str]:
    """Every node kind in every method (and hook) of `module` and its submodules, with the
    methods and functions they call inlined and nested blocks included."""
    for graph in _graphs(module):
        for node in _nodes(graph):
            yield node.kind()


def check_script_module(module: torch.jit.ScriptModule, name: str) -> None:
    """Raise ExportError naming the operators of `module` outside ALLOWED_OPERATORS (the first
    few, in the order they appear)."""
    try:
        outside = list(dict.fromkeys(op for op in operators_of(module) if op not in ALLOWED_OPERATORS))
    except RuntimeError:  # a method torch cannot inline (an interface call): not one of ours
        outside = ["prim::CallMethod"]
    if outside:
        raise _refused(name, ", ".join(outside[:_NAMED]) + (", …" if len(outside) > _NAMED else ""))
