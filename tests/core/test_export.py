"""Export and import formats: bundle, ONNX, TorchScript, standalone code, state_dict; safe
loading (crafted pickles refused, their payload never runs); clear errors for bad files;
atomic writes. Models are tiny and trained for one epoch on generated data."""

import errno
import json
import os
import pickle
import subprocess
import sys
import textwrap
import zipfile

import numpy as np
import pytest
import torch

from playground import __version__
from playground.cli.main import main
from playground.core.io.atomic import WriteError
from playground.core.inference.loaders import OnnxPredictor, TorchScriptPredictor, load_predictor
from playground.core.inference.predictor import ModelPredictor, PredictorError
from playground.core.io.bundle import ExportError, FileError, load_model_bundle, save_bundle, save_model_bundle
from playground.core.io.codegen import export_code
from playground.core.io.export import export_model
from playground.core.io.exporters import export_onnx, export_state_dict, export_torchscript
from playground.core.io.project import Project, save_project
from playground.core.model.trained import TrainedModel
from playground.core.config.spec import OptimizerConfig, RunConfig, TrainConfig
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.training.loop import fit

from ..full_disk import refuse_writes
from .conftest import make_blobs, make_images, mlp_config

# Subprocesses in which `import playground` fails: what they do works without this package.
NO_PLAYGROUND = "import sys; sys.modules['playground'] = None\n"


@pytest.fixture(scope="module")
def dense():
    return fit(mlp_config(epochs=1), make_blobs())


@pytest.fixture(scope="module")
def conv():
    layers = [
        LayerSpec("Conv2D", {"filters": 4, "kernel": 3}),
        LayerSpec("BatchNorm"),
        LayerSpec("Activation", {"function": "ReLU"}),
        LayerSpec("MaxPool2D", {"pool": 2}),
        LayerSpec("Dropout", {"rate": 0.25}),
        LayerSpec("Flatten"),
        LayerSpec("Dense", {"units": 4}),
        LayerSpec("Activation", {"function": "Softmax"}),
    ]
    cfg = RunConfig(
        model=ModelSpec((), layers),
        optimizer=OptimizerConfig("adam", 0.01),
        train=TrainConfig(epochs=1, batch_size=16, device="cpu"),
        name="tiny-cnn",
    )
    return fit(cfg, make_images())


@pytest.fixture(params=["dense", "conv"])
def trained(request):
    return request.getfixturevalue(request.param)


def _app_probabilities(result, x: np.ndarray) -> np.ndarray:
    """What the app predicts (the window's and the canvas's predictor)."""
    return ModelPredictor.from_trained(result.model.as_run()).predict(x)


def _inputs(result, n=6, seed=0) -> np.ndarray:
    return np.random.default_rng(seed).random((n, *result.config.model.input_shape), dtype=np.float32)


# --------------------------------------------------------------------------- bundle


def test_bundle_round_trips_spec_weights_settings_and_metrics(tmp_path, trained):
    path = save_model_bundle(tmp_path / "m.nnpmodel", trained.model)
    b = load_model_bundle(path)
    assert b.config == trained.config
    assert b.state_dict.keys() == trained.state_dict.keys()
    assert all(torch.equal(b.state_dict[k], trained.state_dict[k]) for k in b.state_dict)
    assert (b.task, b.class_names) == (trained.task, trained.class_names)
    assert b.metrics["test_accuracy"] == trained.test_accuracy
    assert len(b.summary["history"]) == trained.epochs_completed
    assert (b.app_version, b.torch_version) == (__version__, torch.__version__)
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["format"] == "neural-playground-model" and manifest["version"] == 1
    pre = manifest["preprocessing"]
    assert pre["input_shape"] == list(trained.config.model.input_shape)
    assert pre["mean"] == pytest.approx(trained.state_dict["input_mean"].flatten().tolist())
    x = _inputs(trained)
    assert np.array_equal(load_predictor(path).predict(x), _app_probabilities(trained, x))
    record = b.as_run()
    assert record.config == trained.config and record.history[0]["loss"] == trained.history[0].loss
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left beside it


def test_older_single_file_bundle_still_loads_and_exports(tmp_path, dense):
    old = save_bundle(tmp_path / "m.safetensors", dense.model)
    b = load_model_bundle(old)
    assert b.config == dense.config
    again = load_model_bundle(save_model_bundle(tmp_path / "m.nnpmodel", b))
    assert all(torch.equal(again.state_dict[k], dense.state_dict[k]) for k in dense.state_dict)


def test_run_record_from_a_project_exports(tmp_path, dense):
    record = dense.model.as_run("first")
    b = load_model_bundle(export_model(record, "bundle", tmp_path / "first")[0])
    assert b.label == "first" and b.summary == record.summary
    empty = TrainedModel(dense.config, None, summary=dense.summary(), label="empty", id="x")
    with pytest.raises(ExportError, match="no trained weights"):
        export_model(empty, "bundle", tmp_path / "empty")


def test_a_loaded_bundle_says_where_it_came_from(tmp_path, dense):
    path = save_model_bundle(tmp_path / "m.nnpmodel", dense.model)
    b = load_model_bundle(path)
    assert (b.kind, b.path, b.label, b.id) == ("file", str(path), dense.config.name, "") and b.created
    legacy = load_model_bundle(save_bundle(tmp_path / "m.safetensors", dense.model))
    assert (legacy.kind, legacy.path, legacy.app_version) == ("file", str(tmp_path / "m.safetensors"), "")
    assert legacy.summary == dense.model.metrics  # the older format keeps no history


def test_model_files_are_read_by_suffix_from_one_table():
    from playground.core.inference.loaders import LOADERS

    assert sorted(LOADERS) == [".nnpmodel", ".onnx", ".pt", ".pth", ".safetensors"]


# --------------------------------------------------------------------------- ONNX


@pytest.fixture(scope="module")
def onnx_files(tmp_path_factory, dense, conv):
    folder = tmp_path_factory.mktemp("onnx")
    return {"dense": export_onnx(dense.model, folder / "dense.onnx"), "conv": export_onnx(conv.model, folder / "conv.onnx")}


@pytest.mark.parametrize("which", ["dense", "conv"])
def test_onnx_matches_torch_within_1e_4(request, onnx_files, which):
    import onnx
    import onnxruntime as ort

    result = request.getfixturevalue(which)
    path = onnx_files[which]
    model = onnx.load(str(path))
    assert max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx")) >= 17
    meta = {p.key: p.value for p in model.metadata_props}  # text as is, lists and objects as JSON
    assert json.loads(meta["class_names"]) == result.class_names
    assert json.loads(meta["input_shape"]) == list(result.config.model.input_shape)
    assert meta["output"] == "probabilities" and meta["task"] == "classification"
    assert model.graph.input[0].type.tensor_type.shape.dim[0].dim_param == "batch"
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    net = result.build_model()
    for n in (1, 5, 33):  # dynamic batch size
        x = _inputs(result, n, seed=n)
        got = session.run(None, {"input": x})[0]
        with torch.no_grad():
            want = torch.softmax(net(torch.from_numpy(x)), dim=1).numpy()
        assert got.shape == (n, len(result.class_names))
        assert np.abs(got - want).max() <= 1e-4
    predictor = load_predictor(path)
    assert isinstance(predictor, OnnxPredictor) and predictor.class_names == result.class_names
    x = _inputs(result)
    assert np.abs(predictor.predict(x) - _app_probabilities(result, x)).max() <= 1e-4


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_onnx_falls_back_to_the_older_exporter_where_the_new_one_is_missing(tmp_path, conv, monkeypatch):
    real = torch.onnx.export

    def old_torch(*args, dynamo=False, **kw):
        if dynamo:
            raise TypeError("export() got an unexpected keyword argument 'dynamo'")
        return real(*args, dynamo=False, **kw)

    monkeypatch.setattr(torch.onnx, "export", old_torch)
    path = export_onnx(conv.model, tmp_path / "old.onnx")
    predictor = load_predictor(path)
    x = _inputs(conv, 9)
    assert np.abs(predictor.predict(x) - _app_probabilities(conv, x)).max() <= 1e-4


# --------------------------------------------------------------------------- TorchScript and code, outside the package


def _run_without_playground(code: str, cwd) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"OMP_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", NO_PLAYGROUND + textwrap.dedent(code)], cwd=cwd, env=env, capture_output=True,
        text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def outside(tmp_path_factory, dense, conv):
    """TorchScript files and generated code, run in ONE subprocess (starting torch costs
    seconds) in which `import playground` fails. Returns what it printed, parsed."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("outside")
    inputs = {}
    for name, result in (("dense", dense), ("conv", conv)):
        export_torchscript(result.model, folder / f"{name}.pt")
        inputs[name] = _inputs(result)
        np.save(folder / f"{name}.npy", inputs[name])
    code = {"conv": export_code(conv.model, folder / "digits.py"), "dense": export_code(dense.model, folder / "points.py")}
    # A white-on-black image (as the model was trained) and the same image black-on-white.
    pixels = (np.random.default_rng(3).random((8, 8)) * 40).astype(np.uint8)
    pixels[4:8, 0:4] = 230
    Image.fromarray(pixels).save(folder / "ink.png")
    Image.fromarray(255 - pixels).save(folder / "paper.png")
    out = _run_without_playground(
        """
        import json, runpy, numpy as np, torch
        try:
            import playground
            raise SystemExit("playground is importable")
        except ImportError:
            pass
        for name in ("dense", "conv"):
            extra = {"playground.json": ""}
            m = torch.jit.load(name + ".pt", _extra_files=extra)
            x = torch.from_numpy(np.load(name + ".npy"))
            print(json.dumps({"name": name, "p": m(x).tolist(), "meta": json.loads(extra["playground.json"])}))
        for argv in (["digits.py", "ink.png", "paper.png", "--json"], ["points.py", "0.5", "-1.25", "-2", "3", "--json"],
                     ["points.py", "--summary"]):
            sys.argv = argv
            runpy.run_path(argv[0], run_name="__main__")
        """,
        folder,
    )
    lines = out.split("\n", 4)
    return {
        "folder": folder,
        "inputs": inputs,
        "code": code,
        "image": (pixels.astype(np.float32) / 255.0)[None, None],
        "points": np.array([[0.5, -1.25], [-2.0, 3.0]], dtype=np.float32),
        "torchscript": [json.loads(line) for line in lines[:2]],
        "digits": json.loads(lines[2]),
        "points_out": json.loads(lines[3]),
        "summary": lines[4],
    }


def test_torchscript_reloads_in_a_process_without_playground(outside, dense, conv):
    results = {"dense": dense, "conv": conv}
    assert [line["name"] for line in outside["torchscript"]] == ["dense", "conv"]
    for line in outside["torchscript"]:
        result, x = results[line["name"]], outside["inputs"][line["name"]]
        assert np.abs(np.array(line["p"]) - _app_probabilities(result, x)).max() <= 1e-5
        assert line["meta"]["class_names"] == result.class_names
        assert line["meta"]["input_shape"] == list(result.config.model.input_shape)
    predictor = load_predictor(outside["folder"] / "conv.pt")
    assert isinstance(predictor, TorchScriptPredictor)
    x = outside["inputs"]["conv"]
    assert np.abs(predictor.predict(x) - _app_probabilities(conv, x)).max() <= 1e-6


def test_generated_code_predicts_like_the_app_without_playground(outside, dense, conv):
    folder = outside["folder"]
    assert outside["code"]["conv"] == [folder / "digits.py", folder / "digits.weights.pt"]
    assert outside["code"]["dense"][1].is_file()
    source = (folder / "digits.py").read_text(encoding="utf-8")
    compile(source, "digits.py", "exec")
    assert "class Model(nn.Module)" in source and "import playground" not in source
    assert "# Layer 1: Conv2D(4, 3×3)" in source and "nn.BatchNorm2d(4" in source and "# Layer 8: Softmax" in source
    ink, paper = outside["digits"]
    want = _app_probabilities(conv, outside["image"])[0]
    assert np.abs(np.array(ink["probabilities"]) - want).max() <= 1e-5
    assert ink["class"] == conv.class_names[int(want.argmax())]
    # black ink on white is inverted first ("auto"): 1 - (255 - p)/255 gives back the pixels
    assert np.abs(np.array(paper["probabilities"]) - want).max() <= 1e-5
    got = np.array([p["probabilities"] for p in outside["points_out"]])
    assert np.abs(got - _app_probabilities(dense, outside["points"])).max() <= 1e-5
    assert "Linear(in_features=2, out_features=16" in outside["summary"]
    assert "trainable parameters" in outside["summary"]


# --------------------------------------------------------------------------- state_dict


def test_state_dict_loads_with_weights_only_and_is_not_a_runnable_model(tmp_path, conv):
    path = export_state_dict(conv.model, tmp_path / "w.pt")
    state = torch.load(path, weights_only=True)
    net = conv.model.build_model()
    net.load_state_dict(state)
    x = torch.from_numpy(_inputs(conv))
    assert torch.equal(net(x), conv.build_model()(x))
    with pytest.raises(PredictorError, match="state_dict.*no architecture.*open the bundle"):
        load_predictor(path)


def test_export_model_dispatches_and_checks_the_suffix(tmp_path, dense):
    assert export_model(dense.model, "torchscript", tmp_path / "model") == [tmp_path / "model.pt"]
    assert export_model(dense.model, "state-dict", tmp_path / "w.pth") == [tmp_path / "w.pth"]
    with pytest.raises(ExportError, match="onnx export is a .onnx file — name it m.onnx"):
        export_model(dense.model, "onnx", tmp_path / "m.pt")
    with pytest.raises(ExportError, match="Unknown export format"):
        export_model(dense.model, "keras", tmp_path / "m.h5")


# --------------------------------------------------------------------------- safety


class _Payload:
    """Unpickling this creates a marker file: proof that code ran."""

    marker = ""

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _evil_files(tmp_path, dense) -> dict:
    marker = tmp_path / "PAYLOAD_RAN"
    _Payload.marker = str(marker)
    evil = pickle.dumps({"weight": _Payload()}, protocol=2)
    files = {}
    files["torch-save.pt"] = tmp_path / "torch-save.pt"
    torch.save({"weight": _Payload()}, files["torch-save.pt"])
    files["plain-pickle.pt"] = tmp_path / "plain-pickle.pt"
    files["plain-pickle.pt"].write_bytes(evil)
    files["torch-save-renamed.nnpmodel"] = tmp_path / "torch-save-renamed.nnpmodel"
    files["torch-save-renamed.nnpmodel"].write_bytes(files["torch-save.pt"].read_bytes())
    # A bundle whose weights member is a pickle instead of safetensors.
    good = save_model_bundle(tmp_path / "good.nnpmodel", dense.model)
    files["fake-bundle.nnpmodel"] = tmp_path / "fake-bundle.nnpmodel"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(files["fake-bundle.nnpmodel"], "w") as out:
        for name in src.namelist():
            out.writestr(name, evil if name == "model.safetensors" else src.read(name))
        out.writestr("extra.pkl", evil)
    # A TorchScript archive whose pickled parts are replaced by the payload.
    ts = export_torchscript(dense.model, tmp_path / "ts.pt")
    files["fake-torchscript.pt"] = tmp_path / "fake-torchscript.pt"
    with zipfile.ZipFile(ts) as src, zipfile.ZipFile(files["fake-torchscript.pt"], "w") as out:
        for info in src.infolist():
            out.writestr(info, evil if info.filename.endswith(".pkl") else src.read(info))
    for suffix in (".onnx", ".safetensors"):
        files[f"pickle{suffix}"] = tmp_path / f"pickle{suffix}"
        files[f"pickle{suffix}"].write_bytes(evil)
    return files, marker


def test_crafted_pickles_are_refused_and_their_payload_never_runs(tmp_path, dense):
    files, marker = _evil_files(tmp_path, dense)
    # The payload is real: plain unpickling would run it (checked on a copy, then removed).
    pickle.loads(files["plain-pickle.pt"].read_bytes())
    assert marker.exists()
    marker.unlink()
    for name, path in files.items():
        with pytest.raises(PredictorError) as err:
            load_predictor(path)
        message = str(err.value)
        assert path.name in message, name
        if name in ("torch-save.pt", "plain-pickle.pt"):
            assert "refused" in message and "could run code" in message
        if name.endswith(".nnpmodel"):
            with pytest.raises(FileError):
                load_model_bundle(path)
            assert main(["export", str(path), "--format", "onnx", "-o", str(tmp_path / "out.onnx")]) == 2
        assert not marker.exists(), f"{name}: the payload ran"
    assert not (tmp_path / "out.onnx").exists()


# --------------------------------------------------------------------------- bad files


def _rewrite_manifest(src, dst, **changes):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "manifest.json":
                data = json.dumps({**json.loads(data), **changes}).encode()
            zout.writestr(name, data)
    return dst


def test_bad_bundles_give_clear_messages(tmp_path, dense):
    good = save_model_bundle(tmp_path / "good.nnpmodel", dense.model)
    data = good.read_bytes()
    cases = {
        "truncated.nnpmodel": (data[: len(data) // 2], "not a complete zip archive"),
        "empty.nnpmodel": (b"", "not a complete zip archive"),
        "text.nnpmodel": (b"hello", "not a complete zip archive"),
    }
    for name, (content, message) in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(ExportError, match=message):
            load_model_bundle(tmp_path / name)
    newer = _rewrite_manifest(good, tmp_path / "newer.nnpmodel", version=99, app_version="9.0")
    with pytest.raises(ExportError, match=r"newer Neural Network Playground \(bundle format 99, app 9.0\).*update the app"):
        load_model_bundle(newer)
    other = _rewrite_manifest(good, tmp_path / "other.nnpmodel", format="something-else")
    with pytest.raises(ExportError, match="not a Neural Network Playground model bundle"):
        load_model_bundle(other)
    # Flip bytes inside the compressed weights: the zip's checksum catches it.
    corrupt = bytearray(data)
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("model.safetensors")
    start = info.header_offset + 30 + len(info.filename) + 10
    corrupt[start : start + 8] = bytes(8)
    (tmp_path / "corrupt.nnpmodel").write_bytes(bytes(corrupt))
    with pytest.raises(ExportError, match="damaged|not a complete zip"):
        load_model_bundle(tmp_path / "corrupt.nnpmodel")
    # Wrong kinds.
    project = save_project(tmp_path / "p.nnp", Project(dense.config))
    (tmp_path / "p.nnpmodel").write_bytes(project.read_bytes())
    with pytest.raises(ExportError, match="is a project, not a model bundle"):
        load_model_bundle(tmp_path / "p.nnpmodel")
    with pytest.raises(ExportError, match="open for prediction only"):
        load_model_bundle(export_state_dict(dense.model, tmp_path / "w.pt"))
    with pytest.raises(ExportError, match="No model file"):
        load_model_bundle(tmp_path / "missing.nnpmodel")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # torch.jit.script makes a "foreign" file
def test_bad_model_files_for_prediction_give_clear_messages(tmp_path, dense):
    (tmp_path / "text.onnx").write_text("not a model")
    with pytest.raises(PredictorError, match="text.onnx is not a readable ONNX model"):
        load_predictor(tmp_path / "text.onnx")
    ts = export_torchscript(dense.model, tmp_path / "ts.pt").read_bytes()
    (tmp_path / "cut.pt").write_bytes(ts[: len(ts) // 2])
    with pytest.raises(PredictorError, match="cut.pt is not a readable PyTorch file"):
        load_predictor(tmp_path / "cut.pt")
    bare = torch.jit.script(torch.nn.Linear(2, 2))
    torch.jit.save(bare, str(tmp_path / "foreign.pt"))
    with pytest.raises(ExportError, match="without a playground.json describing its input shape"):
        load_predictor(tmp_path / "foreign.pt")
    torch.save({"format": "neural-playground-checkpoint/1", "epoch": 1}, tmp_path / "ckpt.pt")
    with pytest.raises(PredictorError, match="training checkpoint"):
        load_predictor(tmp_path / "ckpt.pt")
    (tmp_path / "model.h5").write_bytes(b"x")
    with pytest.raises(PredictorError, match="not a model file this app can open.*.nnpmodel.*.onnx"):
        load_predictor(tmp_path / "model.h5")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the legacy exporter makes the "foreign" file
def test_foreign_onnx_logits_are_turned_into_probabilities(tmp_path):
    net = torch.nn.Sequential(torch.nn.Linear(3, 4)).eval()
    torch.onnx.export(net, (torch.rand(2, 3),), str(tmp_path / "f.onnx"), dynamo=False, opset_version=17,
                      input_names=["x"], dynamic_axes={"x": {0: "n"}})
    predictor = load_predictor(tmp_path / "f.onnx")
    assert predictor.input_shape == (3,) and predictor.class_names == ["0", "1", "2", "3"]
    x = np.random.default_rng(0).random((5, 3), dtype=np.float32)
    with torch.no_grad():
        want = torch.softmax(net(torch.from_numpy(x)), 1).numpy()
    assert np.abs(predictor.predict(x) - want).max() <= 1e-5


# --------------------------------------------------------------------------- atomic writes


def test_an_interrupted_export_leaves_the_previous_file_intact(tmp_path, dense, conv, monkeypatch):
    path = save_model_bundle(tmp_path / "m.nnpmodel", dense.model)
    before = path.read_bytes()
    code, weights = export_code(dense.model, tmp_path / "m.py")
    code_before, weights_before = code.read_bytes(), weights.read_bytes()
    real_writestr = zipfile.ZipFile.writestr
    calls = []

    def fail_on_second_member(self, name, data, *args, **kw):
        calls.append(name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_writestr(self, name, data, *args, **kw)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", fail_on_second_member)
    with pytest.raises(ExportError, match="Cannot write .*No space left on device"):
        export_model(conv.model, "bundle", path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert load_model_bundle(path).config == dense.config

    # The code export writes two files; a failure while writing the second replaces neither.
    refuse_writes(monkeypatch, errno.EIO, only=lambda name: name.startswith(".m.py."))
    with pytest.raises(WriteError, match="Cannot write .*m.py: Input/output error — nothing was changed"):
        export_model(conv.model, "code", code)
    monkeypatch.undo()
    assert code.read_bytes() == code_before and weights.read_bytes() == weights_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.nnpmodel", "m.py", "m.weights.pt"]


def test_exported_files_get_the_usual_permissions_not_owner_only(tmp_path, dense):
    """safetensors writes its file 0600; a model meant to be shared must be readable as any
    new file is (the umask's mode), and a replaced file keeps its own mode."""
    import os
    import stat

    from playground.core.io.atomic import _UMASK
    from playground.core.io.bundle import save_bundle

    usual = 0o666 & ~_UMASK
    paths = [save_bundle(tmp_path / "w.safetensors", dense.model), save_model_bundle(tmp_path / "m.nnpmodel", dense.model)]
    paths += export_model(dense.model, "onnx", tmp_path / "m.onnx") + export_model(dense.model, "state-dict", tmp_path / "w.pt")
    for path in paths:
        assert stat.S_IMODE(os.stat(path).st_mode) == usual, path
    os.chmod(paths[0], 0o640)
    save_bundle(paths[0], dense.model)
    assert stat.S_IMODE(os.stat(paths[0]).st_mode) == 0o640


# --------------------------------------------------------------------------- command line


def test_cli_exports_from_bundles_and_projects(tmp_path, dense, conv, capsys):
    bundle = save_model_bundle(tmp_path / "m.nnpmodel", dense.model)
    assert main(["export", str(bundle), "--format", "torchscript", "-o", str(tmp_path / "m.pt")]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert load_predictor(tmp_path / "m.pt").class_names == dense.class_names
    project = Project(dense.config, [dense.model.as_run("a"), conv.model.as_run("b"),
                                     TrainedModel(dense.config, None, summary=dense.summary(), label="no weights", id="e")])
    nnp = save_project(tmp_path / "p.nnp", project)
    assert main(["export", str(nnp), "--format", "bundle", "-o", str(tmp_path / "last.nnpmodel")]) == 0
    assert load_model_bundle(tmp_path / "last.nnpmodel").label == "b"  # the last run with weights
    assert main(["export", str(nnp), "--run", "1", "--format", "code", "-o", str(tmp_path / "first.py")]) == 0
    assert (tmp_path / "first.weights.pt").is_file()
    run_id = project.runs[1].id
    assert main(["export", str(nnp), "--run", run_id[:6], "--format", "state-dict", "-o", str(tmp_path / "b.pt")]) == 0
    capsys.readouterr()
    bad = [
        ([str(nnp), "--run", "7", "--format", "bundle", "-o", str(tmp_path / "x.nnpmodel")], "has no run '7'"),
        ([str(nnp), "--run", "3", "--format", "bundle", "-o", str(tmp_path / "x.nnpmodel")], "kept no trained weights"),
        ([str(tmp_path / "nope.nnpmodel"), "--format", "onnx", "-o", str(tmp_path / "x.onnx")], "No model file"),
        ([str(bundle), "--run", "1", "--format", "onnx", "-o", str(tmp_path / "x.onnx")], "--run picks a run of a project"),
        ([str(bundle), "--format", "onnx", "-o", str(tmp_path / "x.pt")], "name it x.onnx"),
        ([str(bundle), "--format", "bundle", "-o", str(tmp_path / "no" / "x.nnpmodel")], "does not exist"),
    ]
    for args, message in bad:
        assert main(["export", *args]) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err and err.count("\n") == 1
    assert not any(p.name.startswith("x.") for p in tmp_path.iterdir())


def test_train_save_picks_the_bundle_format_by_suffix(tmp_path):
    path = tmp_path / "m.nnpmodel"
    assert main(["train", "--quiet", "--preset", "xor-mlp", "--epochs", "1", "--device", "cpu", "--save", str(path)]) == 0
    b = load_model_bundle(path)
    assert b.config.name == "xor-mlp" and len(b.summary["history"]) == 1


def test_weights_past_the_size_limit_are_refused_before_unpacking(tmp_path, dense, monkeypatch):
    """A bundle or project whose weights would unpack past the limit gets a clear message
    instead of filling the memory."""
    from playground.core.io import bundle as io
    from playground.core.io.project import Project, load_project, save_project

    bundle = save_model_bundle(tmp_path / "m.nnpmodel", dense.model)
    project = save_project(tmp_path / "p.nnp", Project(dense.config, [dense.model.as_run()]))
    monkeypatch.setattr(io, "MAX_WEIGHTS_BYTES", 100)
    with pytest.raises(ExportError, match="m.nnpmodel is damaged or not one of ours: its weights model.safetensors"):
        load_model_bundle(bundle)
    with pytest.raises(io.FileError, match="p.nnp is damaged or not one of ours: its weights weights/"):
        load_project(project)
