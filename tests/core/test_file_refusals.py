"""Damaged files the fuzzer (tests/fuzzing) found ending in tracebacks or crashes, each now
refused with the app's own error naming the file (issue 14, items 5 and 7)."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib

import numpy as np
import pytest
import torch
from PIL import Image

from playground.core.data.dataset import DatasetError
from playground.core.data.folder import load_folder
from playground.core.data.personal import PersonalDataset
from playground.core.data.preprocess import ImageReadError, read_image
from playground.core.inference.loaders import load_predictor
from playground.core.inference.predictor import PredictorError
from playground.core.io.bundle import ExportError, FileError, load_model_bundle, save_model_bundle
from playground.core.io.exporters import export_onnx, export_state_dict, export_torchscript
from playground.core.io.project import Project, load_project, save_project
from playground.core.model.build import build_model
from playground.core.model.trained import TrainedModel
from playground.core.training.checkpoint import Checkpoint, CheckpointError, load_checkpoint
from playground.core.training.loop import fit
from tests.fuzzing.mutate import _png_chunks, _png, zeros_deflate

from .conftest import make_blobs, mlp_config


def _png_bytes(size=28) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.full((size, size), 200, np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


def _broken_png() -> bytes:
    """A PNG whose image data is cut short, its chunk CRC fixed: Pillow opens it, then fails to decode."""
    chunks = _png_chunks(_png_bytes())
    return _png([(k, b[: len(b) // 2] if k == b"IDAT" else b) for k, b in chunks])


def _huge_jpeg() -> bytes:
    """A JPEG whose frame header declares 20000×20000 pixels: Pillow's own bomb guard raises."""
    buffer = io.BytesIO()
    Image.fromarray(np.zeros((16, 16), np.uint8)).save(buffer, format="JPEG")
    data = bytearray(buffer.getvalue())
    sof = data.find(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", 20000, 20000)
    return bytes(data)


# --------------------------------------------------------------------------- images


def test_a_damaged_personal_sample_is_named(tmp_path):
    personal = PersonalDataset([str(d) for d in range(10)], tmp_path)
    personal.add(np.zeros((28, 28), np.float32), 1)
    folder = personal.class_folder(4)
    folder.mkdir(parents=True)
    (folder / "broken.png").write_bytes(_broken_png())
    with pytest.raises(ImageReadError, match="broken.png"):
        personal.dataset()


def test_a_bomb_in_an_image_folder_is_refused_naming_it(tmp_path):
    for cls in ("a", "b"):
        (tmp_path / cls).mkdir()
        for i in range(2):
            (tmp_path / cls / f"{i}.png").write_bytes(_png_bytes())
    (tmp_path / "a" / "huge.jpg").write_bytes(_huge_jpeg())
    with pytest.raises(DatasetError, match="huge.jpg") as e:
        load_folder({"path": str(tmp_path)})
    assert e.value.key == "bad_image" and "million" in str(e.value)


def test_a_png_with_a_broken_header_is_refused_naming_it(tmp_path):
    chunks = _png_chunks(_png_bytes())
    path = tmp_path / "short-header.png"
    path.write_bytes(_png([(b"IHDR", chunks[0][1][:10]), *chunks[1:]]))  # Pillow: ValueError or SyntaxError
    with pytest.raises(ImageReadError, match="short-header.png"):
        read_image(path)


# --------------------------------------------------------------------------- model files


@pytest.fixture(scope="module")
def trained():
    torch.manual_seed(0)
    cfg = mlp_config(epochs=1)
    cfg = cfg.replace(model=cfg.model.__class__((2,), cfg.model.layers, cfg.model.init))
    net = build_model(cfg.model)
    return TrainedModel(cfg, net.state_dict(), "classification", ["a", "b", "c"])


def _rezip(path, change):
    """Rewrite the zip at `path` with `change(name, data) -> data` applied to each member."""
    with zipfile.ZipFile(path) as zf:
        members = [(info, change(info.filename, zf.read(info))) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w") as zf:
        for info, data in members:
            zf.writestr(info, data)


def test_a_state_dict_that_would_inflate_hugely_is_not_unpacked(tmp_path, trained, monkeypatch):
    path = export_state_dict(trained, tmp_path / "weights.pt")
    raw, size = zeros_deflate(1 << 30)
    with zipfile.ZipFile(path) as zf:
        members = [(i, zf.read(i)) for i in zf.infolist()]
    from tests.fuzzing.mutate import _crc_zeros, _zip_with_member

    victim = next(i.filename for i, _ in members if i.filename.endswith("/version"))
    path.write_bytes(_zip_with_member(members, victim, b"", size, _crc_zeros(size >> 24, b""), raw))

    def no_load(*args, **kwargs):
        raise AssertionError("torch.load would unpack 1 GiB")

    monkeypatch.setattr(torch, "load", no_load)
    with pytest.raises(PredictorError, match="weights.pt was refused unopened: its parts would unpack"):
        load_predictor(path)


def test_a_torchscript_file_with_a_short_tensor_is_refused_before_it_runs(tmp_path, trained):
    path = export_torchscript(trained, tmp_path / "model.pt")
    _rezip(path, lambda name, data: b"" if name.endswith("/data/0") else data)  # ran: a segmentation fault
    with pytest.raises(PredictorError, match="model.pt is damaged .* data/0 holds 0 bytes"):
        load_predictor(path)


def _edit_metadata(path, **changes):
    def change(name, data):
        if name.endswith("playground.json"):
            return json.dumps({**json.loads(data), **changes}).encode()
        return data

    _rezip(path, change)


def test_torchscript_metadata_that_misstates_the_outputs_is_refused(tmp_path, trained):
    path = export_torchscript(trained, tmp_path / "model.pt")
    _edit_metadata(path, output="logits")  # opened, a second softmax flattened every answer
    with pytest.raises(ExportError, match="metadata says its outputs are logits, but they are already probabilities"):
        load_predictor(path)


@pytest.mark.parametrize("shape", [["a", 2], [3], 7])
def test_torchscript_metadata_with_a_wrong_input_shape_is_refused_on_open(tmp_path, trained, shape):
    path = export_torchscript(trained, tmp_path / "model.pt")
    _edit_metadata(path, input_shape=shape)  # ValueError / TypeError, or a RuntimeError at predict
    with pytest.raises(ExportError, match="model.pt is damaged or was edited"):
        load_predictor(path)


def test_a_torchscript_file_with_an_undecodable_name_is_described(tmp_path, trained):
    path = export_torchscript(trained, tmp_path / "model.pt")
    data = bytearray(path.read_bytes())
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # mark the names UTF-8 ...
        p = data.find(sig)
        while p >= 0:
            data[p + flag_at + 1] |= 0x08  # bit 11 of the flags
            p = data.find(sig, p + 4)
    path.write_bytes(bytes(data).replace(b"/constants.pkl", b"/\x83onstants.pkl"))  # ... and one is not
    with pytest.raises(PredictorError, match="model.pt"):
        load_predictor(path)


# --------------------------------------------------------------------------- checkpoints


@pytest.fixture(scope="module")
def checkpoint_file(tmp_path_factory):
    run_dir = tmp_path_factory.mktemp("run")
    data = make_blobs()
    fit(mlp_config(epochs=2), data, callbacks=[Checkpoint(run_dir, max_share=float("inf"))])
    return run_dir / "last.pt", data


def _resume_edited(tmp_path, checkpoint_file, edit):
    path, data = checkpoint_file
    payload = torch.load(path, weights_only=True)
    edit(payload)
    edited = tmp_path / "last.pt"
    torch.save(payload, edited)
    resume = load_checkpoint(edited)
    cfg = resume.config.with_overrides(**{"train.epochs": 3})
    resume = resume.__class__(resume.path, cfg, resume.epoch, 3, resume.payload)
    return fit(cfg, data, resume=resume)


def _first_param(payload):
    return next(iter(payload["optimizer"]["state"]))


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda p: p["optimizer"]["param_groups"][0].update(capturable=True), id="capturable"),
        pytest.param(lambda p: p["optimizer"]["state"][_first_param(p)].update(exp_avg=torch.zeros(3)), id="buffer-shape"),
        pytest.param(lambda p: p["optimizer"]["state"][_first_param(p)].update(exp_avg=10**30), id="buffer-number"),
        pytest.param(lambda p: p["best"]["model"].update({next(iter(p["best"]["model"])): float("nan")}), id="best-number"),
        pytest.param(lambda p: p.update(dataset=10**30), id="dataset-number"),
        pytest.param(lambda p: p.update(progress=torch.zeros(2, 2)), id="progress-tensor"),
        pytest.param(lambda p: p["optimizer"]["state"][_first_param(p)].update(exp_avg=None), id="buffer-none"),
        pytest.param(lambda p: p["rng"]["numpy"].__setitem__(3, 10**30), id="numpy-rng-overflow"),
    ],
)
def test_an_edited_checkpoint_is_refused_before_training(tmp_path, checkpoint_file, edit):
    with pytest.raises(CheckpointError, match="last.pt"):
        _resume_edited(tmp_path, checkpoint_file, edit)


def test_a_state_dict_with_a_cut_pickle_is_described(tmp_path, trained):
    path = export_state_dict(trained, tmp_path / "weights.pt")
    # struct.error from inside torch.load: fuzz case 430 of seed 14
    _rezip(path, lambda name, data: data[:196] if name.endswith("/data.pkl") else data)
    with pytest.raises(PredictorError, match="weights.pt"):
        load_predictor(path)


# --------------------------------------------------------------------------- found by the fuzzer once the weights checksums and ONNX checks were in


def _needs_newer_zip(path):
    """Mark every central-directory entry of the zip at `path` as needing zip version 25.5:
    Python's zipfile raises NotImplementedError (not BadZipFile) when it opens such a file."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        data[at + 6] = 0xFF  # "version needed to extract"
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("kind", ["bundle", "project", "torchscript"])
def test_a_zip_of_a_newer_zip_version_is_refused(tmp_path, trained, kind):
    if kind == "bundle":
        path = save_model_bundle(tmp_path / "model.nnpmodel", trained)
        opener, error = load_model_bundle, ExportError
    elif kind == "project":
        path = save_project(tmp_path / "lesson.nnp", Project(trained.config, [trained.as_run("Run 1")]))
        opener, error = load_project, FileError
    else:
        path = export_torchscript(trained, tmp_path / "model.pt")
        opener, error = load_predictor, PredictorError
    _needs_newer_zip(path)
    with pytest.raises(error, match=path.name):  # was: NotImplementedError: zip file version 25.5
        opener(path)


def test_a_project_whose_layer_sizes_were_edited_is_refused_on_open(tmp_path, trained):
    path = save_project(tmp_path / "lesson.nnp", Project(trained.config, [trained.as_run("Run 1")]))

    def change(name, data):
        if name == "project.json":
            manifest = json.loads(data)
            manifest["runs"][0]["config"]["model"]["layers"][0]["units"] += 1
            return json.dumps(manifest).encode()
        return data

    _rezip(path, change)  # opened, then torch's RuntimeError at the first prediction
    with pytest.raises(FileError, match="the weights of run .* do not fit its model"):
        load_project(path)


def test_an_onnx_model_with_a_fixed_batch_predicts_any_number_of_rows(tmp_path, trained):
    import onnx

    path = export_onnx(trained, tmp_path / "model.onnx")
    x = np.random.default_rng(1).random((8, 2), dtype=np.float32)
    expected = load_predictor(path).predict(x)
    proto = onnx.load(str(path))
    for tensor in (*proto.graph.input, *proto.graph.output):
        tensor.type.tensor_type.shape.dim[0].dim_value = 3  # a graph that takes exactly 3 rows
    onnx.save(proto, str(path))
    predictor = load_predictor(path)  # was: onnxruntime's InvalidArgument for 8 rows
    np.testing.assert_allclose(predictor.predict(x), expected, atol=1e-5)
    np.testing.assert_allclose(predictor.predict(x[:1]), expected[:1], atol=1e-5)


def test_torchscript_metadata_with_a_task_that_is_not_a_text_is_refused(tmp_path, trained):
    path = export_torchscript(trained, tmp_path / "model.pt")
    _edit_metadata(path, task=[0.5])  # was: TypeError: unhashable type: 'list'
    with pytest.raises(ExportError, match="model.pt"):
        load_predictor(path)


def test_a_torchscript_file_whose_code_cannot_be_unpacked_is_refused_unchecked(tmp_path, trained):
    """Code that cannot be read cannot be checked for load-time code: refused, never skipped."""
    path = export_torchscript(trained, tmp_path / "model.pt")
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        blobs = {i.filename: zf.read(i) for i in infos}
    with zipfile.ZipFile(path, "w") as zf:
        for info in infos:  # every member deflated, so that damaging the code's bytes breaks its deflate stream
            zf.writestr(info.filename, blobs[info.filename], compress_type=zipfile.ZIP_DEFLATED)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        code = next(i for i in zf.infolist() if "/code/" in i.filename and i.filename.endswith(".py"))
    start = code.header_offset + 30 + len(code.filename.encode()) + len(code.extra)
    data[start:start + 4] = b"\xff\xff\xff\xff"  # the deflate stream's first bytes
    path.write_bytes(bytes(data))
    with pytest.raises(ExportError, match="cannot be unpacked"):  # was: zlib.error
        load_predictor(path)


@pytest.mark.parametrize("cut_at", [28, 143, 146, 151, 162])
def test_a_state_dict_with_a_byte_missing_from_its_pickle_is_described(tmp_path, trained, cut_at):
    """One byte deleted from data.pkl: torch.load fails inside its rebuild functions with
    IndexError (28), AssertionError (143), AttributeError (146), TypeError (151: 'set_() received
    an invalid combination of arguments', fuzz case 181 of seed 14 did the same to a checkpoint)
    or KeyError (162) — each described, never a traceback."""
    path = export_state_dict(trained, tmp_path / "weights.pt")
    _rezip(path, lambda name, data: data[:cut_at] + data[cut_at + 1:] if name.endswith("/data.pkl") else data)
    with pytest.raises(PredictorError, match="weights.pt"):
        load_predictor(path)


@pytest.mark.parametrize("error", [TypeError, IndexError, AssertionError, AttributeError, KeyError])
def test_a_checkpoint_whose_pickle_fails_inside_torch_is_described(tmp_path, checkpoint_file, monkeypatch, error):
    path, _ = checkpoint_file
    monkeypatch.setattr(torch, "load", lambda *a, **k: (_ for _ in ()).throw(error("from torch's rebuild functions")))
    with pytest.raises(CheckpointError, match="damaged or unreadable"):
        load_checkpoint(path)


def test_a_checkpoint_with_a_tensor_for_a_dataset_size_is_refused(tmp_path, checkpoint_file):
    """Fuzz case 125 of seed 15: comparing it with today's size raised 'Boolean value of Tensor
    with more than one value is ambiguous'; it is a different dataset, so resuming is refused."""
    def edit(payload):
        shape = payload["dataset"]["input_shape"]
        payload["dataset"]["input_shape"] = [torch.zeros(2, 2), *shape[1:]]

    with pytest.raises(CheckpointError, match="is not the one the interrupted run trained on"):
        _resume_edited(tmp_path, checkpoint_file, edit)


def test_an_image_whose_chunk_length_asks_for_gigabytes_is_refused_naming_it(tmp_path, monkeypatch):
    """Fuzz cases 98 and 403 of seed 15 (a PNG chunk length of 0x80…/0x7fffffff) ran out of
    memory in Pillow under the fuzzer's 3 GiB cap: MemoryError is a damaged file, named."""
    from PIL import Image as PILImage

    path = tmp_path / "sample.png"
    path.write_bytes(_png_bytes())

    def load(self):
        raise MemoryError

    monkeypatch.setattr(PILImage.Image, "load", load)
    with pytest.raises(ImageReadError, match="sample.png.*more memory than there is"):
        read_image(path)
