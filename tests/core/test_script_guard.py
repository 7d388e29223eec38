"""Model files cannot act (issue 14, item 1): a TorchScript file that reads or writes files or
reaches the network is refused before any of its code runs, naming the operator; the app's
own TorchScript exports of every preset and layer type still predict."""

from __future__ import annotations

import dataclasses
import json
import warnings
from pathlib import Path
from typing import Tuple

import numpy as np
import pytest
import torch
import torch.distributed.rpc as rpc

from playground.cli.main import main
from playground.core.config.catalogue import ACTIVATIONS, DENSE_ACTIVATIONS
from playground.core.config.features import FEATURE_NAMES
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.config.presets import list_presets, load_preset
from playground.core.errors import PlaygroundError
from playground.core.inference.loaders import load_predictor
from playground.core.io.exporters import METADATA_FILE, export_torchscript
from playground.core.model.build import build_model
from playground.core.model.trained import TrainedModel

ORIGINAL = b"0123456789abcdef-the-learner's-file"
META = '{"input_shape": [2], "task": "classification", "class_names": ["a", "b"], "output": "probabilities"}'


@pytest.fixture(autouse=True)
def _quiet_jit():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        yield


def _save(module: torch.nn.Module, path: Path, meta: str = META) -> Path:
    torch.jit.save(torch.jit.script(module), str(path), _extra_files={METADATA_FILE: meta})
    return path


class _Writes(torch.nn.Module):  # the file from the issue: overwrites 16 bytes of `target`
    def __init__(self, target: str):
        super().__init__()
        self.target = target

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.from_file(self.target, shared=True, size=16, dtype=torch.uint8).fill_(65).float().sum() * 0 + x


class _WritesOnDigits(_Writes):  # the same, as a digit classifier: `playground predict` runs it
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        written = torch.from_file(self.target, shared=True, size=16, dtype=torch.uint8).fill_(65)
        return torch.softmax(x.flatten(1)[:, :10] + written.float().sum() * 0, dim=1)


class _Reads(torch.nn.Module):  # reads a file's bytes into its output (torch.load cannot be scripted)
    def __init__(self, target: str):
        super().__init__()
        self.target = target

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.from_file(self.target, shared=False, size=2, dtype=torch.uint8).float() + x


class _Inner(torch.nn.Module):  # the writer hidden in a submodule's helper method, inside a branch
    def __init__(self, target: str):
        super().__init__()
        self.target = target

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.sum() > -1.0:
            return self.helper(x)
        return x

    @torch.jit.export
    def helper(self, x: torch.Tensor) -> torch.Tensor:
        written = torch.from_file(self.target, shared=True, size=16, dtype=torch.uint8).fill_(65)
        return x + written.float().sum() * 0  # used, or TorchScript drops the write as dead code


class _Outer(torch.nn.Module):
    def __init__(self, target: str):
        super().__init__()
        self.inner = _Inner(target)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.inner(x), dim=1)


class _WritesWhileLoading(torch.nn.Module):  # __setstate__ runs inside torch.jit.load itself
    def __init__(self, target: str):
        super().__init__()
        self.target = target

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x

    @torch.jit.export
    def __getstate__(self) -> Tuple[str, bool]:
        return (self.target, self.training)

    @torch.jit.export
    def __setstate__(self, state: Tuple[str, bool]) -> None:
        self.target = state[0]
        written = torch.from_file(self.target, shared=True, size=16, dtype=torch.uint8).fill_(65)
        self.training = state[1] and bool(written.sum() >= 0)  # used, or it is dropped as dead code


@torch.jit.script
def _remote(x: torch.Tensor) -> torch.Tensor:
    return x + 1


class _Socket(torch.nn.Module):  # sends its input to another machine over torch's RPC
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return rpc.rpc_async("attacker", _remote, (x,)).wait()


@pytest.fixture
def target(tmp_path) -> Path:
    path = tmp_path / "precious.txt"
    path.write_bytes(ORIGINAL)
    return path


@pytest.mark.parametrize("crafted", [_Writes, _Reads, _Outer, _WritesWhileLoading])
def test_a_torchscript_file_that_touches_files_is_refused_naming_the_operator(tmp_path, target, crafted):
    evil = _save(crafted(str(target)), tmp_path / "evil.pt")
    target.write_bytes(ORIGINAL)  # saving does not run it, but be sure
    with pytest.raises(PlaygroundError) as caught:
        load_predictor(evil).predict(np.zeros((1, 2), dtype=np.float32))
    message = str(caught.value)
    operator = "__setstate__" if crafted is _WritesWhileLoading else "aten::from_file"
    assert operator in message and "can do more than arithmetic" in message, message
    assert caught.value.key == "script_not_arithmetic" and operator in caught.value.values["operator"]
    assert target.read_bytes() == ORIGINAL


def test_predict_on_the_command_line_refuses_the_file_from_the_issue(tmp_path, target, capsys):
    from PIL import Image

    digits = json.dumps({"input_shape": [1, 28, 28], "task": "classification", "class_names": list("0123456789"), "output": "probabilities"})
    evil = _save(_WritesOnDigits(str(target)), tmp_path / "evil.pt", digits)
    image = tmp_path / "digit.png"
    Image.fromarray(np.eye(28, dtype=np.uint8) * 255).save(image)
    code = main(["predict", str(evil), str(image)])
    assert target.read_bytes() == ORIGINAL  # the old code: exit 0, and the first 16 bytes were "AAAA…"
    assert code == 2 and "aten::from_file" in capsys.readouterr().err


def test_a_socket_cannot_get_through(tmp_path):
    """torch.jit.script accepts torch's RPC (prim::rpc_async): the check refuses it by name.
    torch.jit.load cannot read such a module back from a file (its wait() does not type-check
    on import), so a socket .pt is refused as not loadable, never run."""
    from playground.core.inference.script_guard import check_script_module

    scripted = torch.jit.script(_Socket())
    with pytest.raises(PlaygroundError, match=r"it uses .*prim::rpc_async"):
        check_script_module(scripted, "socket.pt")
    path = tmp_path / "socket.pt"
    torch.jit.save(scripted, str(path), _extra_files={METADATA_FILE: META})
    with pytest.raises(PlaygroundError, match=r"socket\.pt"):
        load_predictor(path)


def _every_export() -> dict[str, TrainedModel]:
    def model(cfg, shape, task="classification"):
        spec = dataclasses.replace(cfg.model, input_shape=shape)
        net = build_model(spec)
        return TrainedModel(dataclasses.replace(cfg, model=spec), dict(net.state_dict()), task=task)

    models = {}
    for name in list_presets():
        cfg = load_preset(name)
        shape = (1, 28, 28) if any(layer.type in ("Conv2D", "Flatten") for layer in cfg.model.layers) else (2,)
        models[name] = model(cfg, shape)
        models[f"{name} (regression)"] = model(cfg, shape, "regression")
    every = [
        LayerSpec("Conv2D", {"filters": 2, "kernel": 3, "padding": "valid", "stride": 2}),
        LayerSpec("AvgPool2D", {"pool": 2}),
        LayerSpec("MaxPool2D", {"pool": 2, "stride": 1}),
        LayerSpec("BatchNorm"),
        LayerSpec("Dropout", {"rate": 0.3}),
        LayerSpec("Flatten"),
        *(LayerSpec("Activation", {"function": f}) for f in ACTIVATIONS),
        *(LayerSpec("Dense", {"units": 4, "activation": f}) for f in DENSE_ACTIVATIONS),
        LayerSpec("Dense", {"units": 3, "bias": False}),
        LayerSpec("BatchNorm"),
        LayerSpec("Dense", {"units": 2}),
    ]
    models["every layer type"] = model(dataclasses.replace(load_preset("cnn"), model=ModelSpec((), every)), (3, 16, 16))
    features = dataclasses.replace(load_preset("xor-mlp").model, features=FEATURE_NAMES)
    models["every input feature"] = model(dataclasses.replace(load_preset("xor-mlp"), model=features), (2,))
    return models


def test_the_apps_own_torchscript_exports_of_every_preset_and_layer_type_still_predict(tmp_path):
    for name, trained in _every_export().items():
        path = export_torchscript(trained, tmp_path / f"{name.replace(' ', '_')}.pt")
        predictor = load_predictor(path)  # refused with the operator named if the allowlist lacks one
        x = np.random.default_rng(0).random((3, *trained.input_shape), dtype=np.float32)
        out = predictor.predict(x)
        assert out.shape[0] == 3 and np.isfinite(out).all(), name
