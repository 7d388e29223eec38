"""Integrity of bundles and projects on open (issue 14, item 2): every weights file's SHA-256
is recorded and checked, so swapped tensors or a flipped byte are refused instead of giving
silently wrong predictions; declared sizes are checked before anything is unpacked; damaged,
encrypted or foreign-packed members are refused with a message, never a traceback."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import struct
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch

from playground.core.errors import PlaygroundError
from playground.core.inference.predictor import ModelPredictor
from playground.core.io.bundle import FileError, load_bundle, load_model_bundle, save_bundle, save_model_bundle
from playground.core.io.project import Project, load_project, save_project
from playground.core.training.loop import fit

from .conftest import make_blobs, mlp_config

SWAPPED = ("input_mean", "input_std")  # the same shape (2,): swapping them keeps the file loadable


@pytest.fixture(scope="module")
def trained():
    data = make_blobs(n=600)
    return fit(mlp_config(epochs=10), data), data


@pytest.fixture(scope="module")
def files(tmp_path_factory, trained):
    result, _ = trained
    folder = tmp_path_factory.mktemp("integrity")
    run = result.model.as_run("Run 1")
    return {
        "bundle": save_model_bundle(folder / "m.nnpmodel", result.model),
        "project": save_project(folder / "p.nnp", Project(result.config, [run]), keep_backup=False),
        "safetensors": save_bundle(folder / "m.safetensors", result.model),
    }


def _accuracy(model, state, data) -> float:
    predictor = ModelPredictor.from_trained(dataclasses.replace(model, state_dict=state))
    return float((predictor.predict(data.x_test.numpy()).argmax(1) == data.y_test.numpy()).mean())


def _load(kind: str, path: Path):
    return load_project(path) if kind == "project" else load_model_bundle(path)


def _weights_member(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return next(n for n in zf.namelist() if n.endswith(".safetensors"))


def _manifest_member(path: Path) -> str:
    return "project.json" if path.suffix == ".nnp" else "manifest.json"


def _rewrite(src: Path, dst: Path, member: str, change) -> Path:
    """A copy of the zip `src` with `member`'s data replaced by change(data), written afresh
    (with its own correct CRC, as a tool that edits the file would)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info.filename, change(data) if info.filename == member else data)
    return dst


def _swap_tensors(blob: bytes, a: str, b: str) -> bytes:
    """The safetensors file `blob` with the bytes of the same-sized tensors `a` and `b` swapped."""
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8 : 8 + n])
    (a0, a1), (b0, b1) = header[a]["data_offsets"], header[b]["data_offsets"]
    assert a1 - a0 == b1 - b0 and header[a]["shape"] == header[b]["shape"]
    data = bytearray(blob[8 + n :])
    data[a0:a1], data[b0:b1] = blob[8 + n + b0 : 8 + n + b1], blob[8 + n + a0 : 8 + n + a1]
    return blob[: 8 + n] + bytes(data)


def _edit_manifest(path: Path, dst: Path, edit) -> Path:
    def change(data: bytes) -> bytes:
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()

    return _rewrite(path, dst, _manifest_member(path), change)


def _refused_for_checksum(kind: str, path: Path) -> FileError:
    if kind == "safetensors":
        with pytest.raises(FileError) as caught:
            load_bundle(path)
    else:
        with pytest.raises(FileError) as caught:
            _load(kind, path)
    e = caught.value
    assert e.key == "weights_checksum_mismatch", str(e)
    assert "do not match the SHA-256 checksum recorded when it was saved" in str(e)
    assert "damaged or edited" in str(e) and "nothing was opened" in str(e) and path.name in str(e)
    return e


# --------------------------------------------------------------------------- checksums


@pytest.mark.parametrize("kind", ["bundle", "project", "safetensors"])
def test_two_swapped_tensors_are_refused_not_predicted_with(tmp_path, trained, files, kind):
    """The fuzzer's case: two same-shaped tensors swapped inside the weights file opened
    without complaint and took accuracy from 0.99 to 0.46. Now the file is refused."""
    result, data = trained
    state = result.model.state_dict
    swapped = {**state, SWAPPED[0]: state[SWAPPED[1]], SWAPPED[1]: state[SWAPPED[0]]}
    assert _accuracy(result.model, state, data) >= 0.95
    assert _accuracy(result.model, swapped, data) <= 0.5  # what the edited file would have predicted
    source = files[kind]
    edited = tmp_path / source.name
    if kind == "safetensors":
        from safetensors import safe_open
        from safetensors.torch import load_file, save_file

        with safe_open(str(source), framework="pt") as f:
            metadata = f.metadata()
        save_file({k: v.contiguous() for k, v in {**load_file(str(source)), **{
            SWAPPED[0]: state[SWAPPED[1]], SWAPPED[1]: state[SWAPPED[0]]}}.items()}, str(edited), metadata=metadata)
    else:
        _rewrite(source, edited, _weights_member(source), lambda blob: _swap_tensors(blob, *SWAPPED))
    e = _refused_for_checksum(kind, edited)
    if kind != "safetensors":
        assert e.values["part"] == _weights_member(source)


@pytest.mark.parametrize("kind", ["bundle", "project"])
def test_a_flipped_byte_in_the_weights_is_refused(tmp_path, files, kind):
    source = files[kind]

    def flip(blob: bytes) -> bytes:
        changed = bytearray(blob)
        changed[-3] ^= 0x40  # inside the last tensor's floats
        return bytes(changed)

    _refused_for_checksum(kind, _rewrite(source, tmp_path / source.name, _weights_member(source), flip))


@pytest.mark.parametrize("kind", ["bundle", "project"])
def test_the_manifest_records_the_weights_sha256(files, kind):
    path = files[kind]
    member = _weights_member(path)
    with zipfile.ZipFile(path) as zf:
        recorded = json.loads(zf.read(_manifest_member(path)))["sha256"]
        assert recorded == {member: hashlib.sha256(zf.read(member)).hexdigest()}


@pytest.mark.parametrize("kind", ["bundle", "project", "safetensors"])
def test_files_written_before_checksums_still_open(tmp_path, trained, files, kind):
    result, _ = trained
    source = files[kind]
    older = tmp_path / source.name
    if kind == "safetensors":
        from safetensors import safe_open
        from safetensors.torch import load_file, save_file

        with safe_open(str(source), framework="pt") as f:
            metadata = {k: v for k, v in f.metadata().items() if k != "weights_sha256"}
        save_file(load_file(str(source)), str(older), metadata=metadata)
        state = load_bundle(older).state_dict
    else:
        _edit_manifest(source, older, lambda m: m.pop("sha256"))
        opened = _load(kind, older)
        state = (opened.runs[0] if kind == "project" else opened).state_dict
    assert all(torch.equal(state[k], v) for k, v in result.model.state_dict.items())


@pytest.mark.parametrize("kind", ["bundle", "project"])
def test_a_recorded_checksum_that_does_not_match_is_refused(tmp_path, files, kind):
    source = files[kind]
    member = _weights_member(source)
    wrong = _edit_manifest(source, tmp_path / f"wrong{source.suffix}", lambda m: m["sha256"].update({member: "0" * 64}))
    _refused_for_checksum(kind, wrong)
    # Checksums recorded, but none for these weights: not a file the app wrote.
    missing = _edit_manifest(source, tmp_path / f"missing{source.suffix}", lambda m: m.update(sha256={}))
    _refused_for_checksum(kind, missing)
    unreadable = _edit_manifest(source, tmp_path / f"bad{source.suffix}", lambda m: m.update(sha256="abc"))
    with pytest.raises(FileError) as caught:
        _load(kind, unreadable)
    assert caught.value.key == "bad_checksums" and "checksums it records for its weights are unreadable" in str(caught.value)


# --------------------------------------------------------------------------- declared sizes


def _declare_size(path: Path, member: str, size: int) -> None:
    """Patch the uncompressed size that `path`'s zip headers declare for `member`."""
    blob = bytearray(path.read_bytes())
    name = member.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = 0
        while (at := blob.find(signature, at)) != -1:
            if blob[at + name_at : at + name_at + len(name)] == name:
                blob[at + size_at : at + size_at + 4] = struct.pack("<I", size)
            at += 4
    path.write_bytes(bytes(blob))


@pytest.mark.parametrize("kind", ["bundle", "project"])
def test_weights_declaring_2_gb_are_refused_before_anything_is_unpacked(tmp_path, files, kind, monkeypatch):
    """A small file that declares 2 GB of weights (the old reader unpacked such a bundle, 4.4
    GB at its peak, before refusing it): refused from the declared size alone, for a model
    that needs a few hundred bytes. The weights are never opened."""
    source = files[kind]
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    member = _weights_member(path)
    _declare_size(path, member, 2 * 2**30)
    opened = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, name, *a, **k: opened.append(getattr(name, "filename", name)) or real_open(self, name, *a, **k))
    with pytest.raises(FileError) as caught:
        _load(kind, path)
    e = caught.value
    assert e.key == "weights_larger_than_model" and e.values["part"] == member and e.values["size"] == "2.0 GB"
    assert f"its weights {member} say they take 2.0 GB, but its model needs at most" in str(e)
    assert "nothing was unpacked" in str(e) and member not in opened


def test_a_deflate_bomb_for_weights_is_refused_with_little_memory(tmp_path, files):
    """A real bomb: 256 MB of zeros deflated to a fraction of a megabyte, declared honestly.
    Refused before it is unpacked: the memory traced while opening stays far below it."""
    source = files["bundle"]
    bomb = tmp_path / "bomb.nnpmodel"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "model.safetensors":
                zout.writestr(info.filename, zin.read(info))
        with zout.open("model.safetensors", "w", force_zip64=True) as w:
            for _ in range(256):
                w.write(bytes(2**20))
    assert bomb.stat().st_size < 2 * 2**20
    caught, peak = _refused_with_peak(bomb)
    assert caught.value.key == "weights_larger_than_model" and caught.value.values["size"] == "256.0 MB"
    assert peak < 32 * 2**20, f"{peak:,} bytes traced while refusing the bomb"


def _refused_with_peak(path):
    """(pytest's ExceptionInfo of the FileError refusing `path`, the peak bytes traced meanwhile)."""
    tracemalloc.start()
    try:
        with pytest.raises(FileError) as caught:
            load_model_bundle(path)
        return caught, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_member_that_unpacks_beyond_its_declared_size_is_not_held(tmp_path, files):
    """64 MB of zeros behind a declared 900 bytes: reading stops at the declared size (and the
    zip's CRC then says it is damaged) — never 64 MB in memory."""
    source = files["bundle"]
    path = tmp_path / "liar.nnpmodel"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "model.safetensors":
                zout.writestr(info.filename, zin.read(info))
        zout.writestr("model.safetensors", bytes(64 * 2**20))
    _declare_size(path, "model.safetensors", 900)
    caught, peak = _refused_with_peak(path)
    assert path.name in str(caught.value) and peak < 16 * 2**20


# --------------------------------------------------------------------------- damaged or foreign zips


def _patch_headers(path: Path, dst: Path, flags: int = 0, method: int | None = None) -> Path:
    blob = bytearray(path.read_bytes())
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = 0
        while (at := blob.find(signature, at)) != -1:
            blob[at + flag_at] |= flags
            if method is not None:
                blob[at + method_at : at + method_at + 2] = struct.pack("<H", method)
            at += 4
    dst.write_bytes(bytes(blob))
    return dst


@pytest.mark.parametrize("kind", ["bundle", "project"])
@pytest.mark.parametrize(("flags", "method", "how"), [(1, None, "encrypted"), (0, 99, "method 99"), (0, 12, "method 12")],
                         ids=["encrypted", "unknown-method", "bzip2"])
def test_encrypted_or_foreign_packed_members_are_refused(tmp_path, files, kind, flags, method, how):
    """zipfile raised RuntimeError (encrypted) or NotImplementedError (a method it lacks) as
    tracebacks; bzip2 data was reported as 'Cannot read: Invalid data stream'."""
    path = _patch_headers(files[kind], tmp_path / files[kind].name, flags, method)
    with pytest.raises(FileError) as caught:
        _load(kind, path)
    assert caught.value.key == "zip_member_unsupported" and caught.value.values["how"] == how
    assert "is encrypted or packed in a way this app never writes" in str(caught.value) and str(path) in str(caught.value)


@pytest.mark.parametrize("kind", ["bundle", "project"])
def test_damaged_deflate_data_in_any_member_is_refused_naming_the_file(tmp_path, files, kind):
    source = files[kind]
    with zipfile.ZipFile(source) as zf:
        infos = zf.infolist()
    for info in infos:
        blob = bytearray(source.read_bytes())
        start = info.header_offset + 30 + len(info.filename)
        middle = start + info.compress_size // 2
        blob[middle : middle + 8] = bytes(np.random.default_rng(0).integers(0, 256, 8, dtype=np.uint8))
        path = tmp_path / source.name
        path.write_bytes(bytes(blob))
        with pytest.raises(PlaygroundError) as caught:
            _load(kind, path)
        assert source.name in str(caught.value), (info.filename, str(caught.value))
