"""Every write survives a full disk (issue 14, item 3): saves, exports of every format,
summaries, checkpoints, caches, personal samples, project saves and downloads go through the
atomic writer (core/io/atomic.py), so a refused write leaves the old file byte-identical, leaves
no .part behind and says "Cannot write FILE: no space left on device — nothing was changed";
the command line exits 2 with that message and no traceback.

The disk is made full without root: os.write into the writer's temporary files fails after
writing half its data (tests/full_disk.py). benchmarks/full_disk.py does it on a real 2 MB
tmpfs, as root."""

import dataclasses
import errno
import io
import json
import os
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from playground.cli.main import main
from playground.core.io.atomic import WriteError, write_bytes, write_files
from playground.core.io.bundle import save_model_bundle
from playground.core.training.loop import fit

from ..full_disk import message, parts_left, refuse_writes
from .conftest import make_blobs, mlp_config

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="finds the .part files through /proc")

OLD = b"the old file, which must survive\n"


@pytest.fixture(scope="module")
def trained():
    return fit(mlp_config(epochs=1), make_blobs())


@pytest.fixture
def bundle(tmp_path, trained):
    (tmp_path / "source").mkdir()
    return save_model_bundle(tmp_path / "source" / "m.nnpmodel", trained.model)


def _old(path: Path) -> Path:
    path.write_bytes(OLD)
    return path


def _cli_fails_cleanly(capsys, argv, path, err=errno.ENOSPC):
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2, captured
    assert message(path, err) in captured.err, captured.err
    assert "Traceback" not in captured.err + captured.out
    return captured


# --------------------------------------------------------------------------- the command line


@pytest.mark.parametrize("fmt, name", [
    ("onnx", "m.onnx"), ("torchscript", "m.pt"), ("state-dict", "w.pt"), ("code", "m.py"), ("bundle", "b.nnpmodel"),
])
def test_cli_export_of_every_format_on_a_full_disk(tmp_path, bundle, capsys, monkeypatch, fmt, name):
    out = tmp_path / "out"
    out.mkdir()
    target = _old(out / name)
    others = [_old(out / "m.weights.pt")] if fmt == "code" else []
    refuse_writes(monkeypatch)
    first = others[0] if others else target  # the code export writes its weights first
    _cli_fails_cleanly(capsys, ["export", str(bundle), "--format", fmt, "-o", str(target)], first)
    assert target.read_bytes() == OLD and all(p.read_bytes() == OLD for p in others)
    assert not parts_left(out)


def test_code_export_whose_second_file_is_refused_changes_neither(tmp_path, bundle, capsys, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    code, weights = _old(out / "m.py"), _old(out / "m.weights.pt")
    refused = refuse_writes(monkeypatch, only=lambda name: name.startswith(".m.py."))  # the weights are written first
    _cli_fails_cleanly(capsys, ["export", str(bundle), "--format", "code", "-o", str(code)], code)
    assert len(refused) == 1
    assert code.read_bytes() == OLD and weights.read_bytes() == OLD and not parts_left(out)


@pytest.mark.parametrize("flag, name", [("--save", "m.nnpmodel"), ("--save", "m.safetensors"), ("--summary-json", "s.json")])
def test_cli_train_outputs_on_a_full_disk(tmp_path, capsys, monkeypatch, flag, name):
    target = _old(tmp_path / name)
    refuse_writes(monkeypatch)
    argv = ["train", "--preset", "xor-mlp", "--epochs", "1", "--quiet", "--no-checkpoint", flag, str(target)]
    captured = _cli_fails_cleanly(capsys, argv, target)
    assert "completed:" in captured.out  # the run itself went well; only its file was refused
    assert target.read_bytes() == OLD and not parts_left(tmp_path)


class _Terminal(io.StringIO):
    """What a person types at a terminal."""

    def isatty(self):
        return True


def _at_a_terminal(monkeypatch, typed: str) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal(typed))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)


def test_cli_train_at_a_terminal_offers_to_try_the_save_again(tmp_path, capsys, monkeypatch):
    """The trained model lives only in the process: at a terminal, a refused --save asks the
    person to make room and press Enter, and the second try writes it (exit 0)."""
    target = _old(tmp_path / "m.nnpmodel")
    refused = refuse_writes(monkeypatch, only=lambda name: not refused)  # the first try only: room is made
    _at_a_terminal(monkeypatch, "\n")
    code = main(["train", "--preset", "xor-mlp", "--epochs", "1", "--quiet", "--no-checkpoint", "--save", str(target)])
    captured = capsys.readouterr()
    assert code == 0 and len(refused) == 1
    assert message(target) in captured.err and "press Enter to try again" in captured.err
    assert target.read_bytes() != OLD and target.read_bytes()[:2] == b"PK" and not parts_left(tmp_path)


def test_cli_train_at_a_terminal_gives_up_when_asked(tmp_path, capsys, monkeypatch):
    target = _old(tmp_path / "m.nnpmodel")
    refuse_writes(monkeypatch)
    _at_a_terminal(monkeypatch, "q\n")
    code = main(["train", "--preset", "xor-mlp", "--epochs", "1", "--quiet", "--no-checkpoint", "--save", str(target)])
    assert code == 2 and message(target) in capsys.readouterr().err
    assert target.read_bytes() == OLD and not parts_left(tmp_path)


def test_cli_train_still_saves_the_model_when_only_the_summary_is_refused(tmp_path, capsys, monkeypatch):
    summary, model = _old(tmp_path / "s.json"), tmp_path / "m.nnpmodel"
    refuse_writes(monkeypatch, only=lambda name: name.startswith(".s.json."))
    argv = ["train", "--preset", "xor-mlp", "--epochs", "1", "--quiet", "--no-checkpoint", "--summary-json", str(summary), "--save", str(model)]
    captured = _cli_fails_cleanly(capsys, argv, summary)
    assert f"Saved model to {model}" in captured.out and model.is_file()
    assert summary.read_bytes() == OLD and not parts_left(tmp_path)


def test_cli_tune_best_config_on_a_full_disk(tmp_path, capsys, monkeypatch):
    from .test_tune import TINY_CONFIG

    config = tmp_path / "tiny.json"
    config.write_text(json.dumps(TINY_CONFIG))
    best = _old(tmp_path / "best.json")
    refuse_writes(monkeypatch)
    _cli_fails_cleanly(capsys, ["tune", str(config), "--trials", "1", "--sampler", "random", "--save-best", str(best)], best)
    assert best.read_bytes() == OLD and not parts_left(tmp_path)


@pytest.mark.parametrize("err", [errno.EACCES, errno.EROFS, errno.EDQUOT])
def test_other_refusals_say_why(tmp_path, bundle, capsys, monkeypatch, err):
    target = _old(tmp_path / "w.pt")
    refuse_writes(monkeypatch, err)
    _cli_fails_cleanly(capsys, ["export", str(bundle), "--format", "state-dict", "-o", str(target)], target, err)
    assert target.read_bytes() == OLD and not parts_left(tmp_path)


# --------------------------------------------------------------------------- the rest of the app's writes


def test_project_save_keeps_the_project_and_its_backup(tmp_path, trained, monkeypatch):
    from playground.core.io.project import Project, backup_path, save_project

    path = tmp_path / "p.nnp"
    run = dataclasses.replace(trained.model, id="0123456789ab", kind="run")
    save_project(path, Project(trained.config, [run]))
    save_project(path, Project(trained.config, []))  # now there is a backup too
    before, backup_before = path.read_bytes(), backup_path(path).read_bytes()
    refuse_writes(monkeypatch)
    with pytest.raises(WriteError) as caught:
        save_project(path, Project(trained.config, [run]))
    assert str(caught.value) == message(path)  # the file the learner saved, not its backup
    assert path.read_bytes() == before and backup_path(path).read_bytes() == backup_before
    assert not parts_left(tmp_path)


def test_search_space_save(tmp_path, monkeypatch):
    from playground.core.experiments.search_space import default_space

    path = _old(tmp_path / "space.json")
    refuse_writes(monkeypatch)
    with pytest.raises(WriteError, match=message(path)):
        default_space().save(path)
    assert path.read_bytes() == OLD and not parts_left(tmp_path)


def test_checkpoints_keep_the_last_good_ones_and_training_goes_on(tmp_path, monkeypatch):
    from playground.core.training.checkpoint import BEST, INFO, LAST, Checkpoint

    run_dir = tmp_path / "run"
    fit(mlp_config(epochs=1), make_blobs(), callbacks=[Checkpoint(run_dir)])
    before = {name: (run_dir / name).read_bytes() for name in (BEST, LAST, INFO)}
    # Only the last of the three files is refused: the other two must not be replaced either.
    refuse_writes(monkeypatch, only=lambda name: name.startswith(f".{INFO}."))
    warnings = []
    checkpoint = Checkpoint(run_dir, resuming=True, on_error=warnings.append)
    result = fit(mlp_config(epochs=2), make_blobs(), callbacks=[checkpoint])
    assert result.status == "completed"
    assert len(warnings) == 1 and message(run_dir / INFO) in warnings[0], warnings
    assert {name: (run_dir / name).read_bytes() for name in before} == before
    assert not parts_left(tmp_path)


def test_personal_samples(tmp_path, monkeypatch):
    from playground.core.data.personal import PersonalDataset

    samples = PersonalDataset([str(i) for i in range(10)], tmp_path)
    samples.add(np.zeros((28, 28)), 3)  # the folder and its names file exist
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    refused = refuse_writes(monkeypatch, only=lambda name: "-raw.png." in name)
    with pytest.raises(WriteError, match="no space left on device — nothing was changed"):
        samples.add(np.ones((28, 28)), 3, raw=np.ones((100, 100)))
    assert refused  # the raw drawing, written after the sample: neither is kept
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    assert len(samples.samples()) == 1 and not parts_left(tmp_path)


def test_image_cache_and_stats_only_cost_speed(tmp_path, monkeypatch, caplog):
    from playground.core.data import images
    from playground.core.data.idx import write_idx

    source = write_idx(tmp_path / "train-images-idx3-ubyte", np.zeros((3, 4, 4), dtype=np.uint8))
    refuse_writes(monkeypatch)
    array = images._read_cached(source, tmp_path / "cache", None)
    images._write_stats(tmp_path / "cache" / "stats.json", (0.5,), (0.2,))
    assert array.shape == (3, 4, 4)
    assert "no space left on device" in caplog.text
    assert not [p for p in (tmp_path / "cache").iterdir()]


def test_idx_files(tmp_path, monkeypatch):
    from playground.core.data.idx import write_idx

    path = _old(tmp_path / "x.idx")
    refuse_writes(monkeypatch)
    with pytest.raises(WriteError, match=message(path)):
        write_idx(path, np.zeros((2, 2), dtype=np.uint8))
    assert path.read_bytes() == OLD and not parts_left(tmp_path)


def test_download_to_a_full_disk(tmp_path, monkeypatch):
    from playground.core.data.dataset import DatasetError
    from playground.core.data.downloader import download

    source = tmp_path / "remote.gz"
    source.write_bytes(os.urandom(300_000))
    dest = tmp_path / "data" / "file.gz"
    refuse_writes(monkeypatch)
    with pytest.raises(DatasetError) as caught:
        download([source.as_uri(), source.as_uri()], dest)
    assert message(dest) in str(caught.value) and "--data-dir" in str(caught.value)
    assert not dest.exists() and not parts_left(tmp_path)


# --------------------------------------------------------------------------- the writer itself


def test_libraries_serialise_into_memory_never_to_the_file(tmp_path, trained, monkeypatch):
    """torch.jit.save aborts the process on a full disk (SIGABRT, 'terminate called after
    throwing c10::Error'); so it, torch.save and onnx are only ever given a BytesIO."""
    import onnx

    from playground.core.io.export import export_model
    from playground.core.io.exporters import jit_quietly

    targets = []
    real_jit, real_save = torch.jit.save, torch.save

    def jit_save(m, f, *a, **kw):
        targets.append(("jit", f))
        return real_jit(m, f, *a, **kw)

    def save(obj, f, *a, **kw):
        targets.append(("save", f))
        return real_save(obj, f, *a, **kw)

    monkeypatch.setattr(torch.jit, "save", jit_save)
    monkeypatch.setattr(torch, "save", save)
    monkeypatch.setattr(onnx, "save_model", lambda *a, **kw: targets.append(("onnx", a[1])))
    monkeypatch.setattr(onnx, "save", lambda *a, **kw: targets.append(("onnx", a[1])))
    for fmt in ("torchscript", "state-dict", "code", "onnx"):
        export_model(trained.model, fmt, tmp_path / f"m-{fmt}")
    kinds = {kind for kind, _ in targets}
    assert {"jit", "save"} <= kinds and "onnx" not in kinds, targets
    assert all(isinstance(f, io.BytesIO) for _, f in targets), targets
    with jit_quietly():
        assert torch.jit.load(tmp_path / "m-torchscript.pt") is not None  # the bytes written are the model


def test_a_refused_rename_puts_back_the_files_already_replaced(tmp_path, monkeypatch):
    a, b = _old(tmp_path / "a"), _old(tmp_path / "b")
    real = os.replace

    def replace(src, dst):
        if Path(dst) == b:
            raise OSError(errno.EACCES, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(WriteError, match=message(b, errno.EACCES)):
        write_files([(a, b"new a"), (b, b"new b")])
    assert a.read_bytes() == OLD and b.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_a_full_disk_found_at_fsync_is_refused_too(tmp_path, monkeypatch):
    path = _old(tmp_path / "f")

    def fsync(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(WriteError, match=message(path)):
        write_bytes(path, b"new")
    assert path.read_bytes() == OLD and not parts_left(tmp_path)
