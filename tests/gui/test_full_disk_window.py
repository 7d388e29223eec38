"""A save or export from the window onto a full disk (issue 14, item 3): a dialog says so in the
UI's language, the project file is byte-identical, no .part is left, and the project stays open
with its unsaved changes (the title still marks it unsaved), so nothing the learner did is lost.

The disk is made full by failing os.write into the atomic writer's temporary files
(tests/full_disk.py); benchmarks/full_disk.py does it on a real tmpfs."""

from pathlib import Path

import pytest

from playground.core.training.loop import fit
from playground.gui.dialogs.export_dialog import _ExportJob

from ..core.conftest import make_blobs, mlp_config
from ..full_disk import message, parts_left, refuse_writes

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="finds the .part files through /proc")


@pytest.fixture(scope="module")
def run():
    return fit(mlp_config(epochs=1), make_blobs()).model.as_run("full disk")


def _saved_then_edited(window, tmp_path, run) -> tuple[Path, bytes]:
    path = tmp_path / "lesson.nnp"
    assert window.controller.files.save_to(path) is True
    window.controller.add_run(run)  # an edit: the project now has a run its file has not
    assert window.controller.state.dirty
    return path, path.read_bytes()


def test_a_project_save_onto_a_full_disk_keeps_the_project_open_and_unsaved(window, dialogs, tmp_path, monkeypatch, run):
    path, before = _saved_then_edited(window, tmp_path, run)
    refuse_writes(monkeypatch)
    assert window.controller.files.save() is False  # File ▸ Save
    (kind, title, text), = dialogs
    assert kind == "warning" and title == "Cannot save project"
    assert text == message(path), text
    assert window.controller.state.dirty and window.isWindowModified()
    assert window.controller.state.path == path and window.windowTitle().startswith("lesson.nnp[*]")
    assert len(window.controller.state.runs) == 1
    assert path.read_bytes() == before and not parts_left(tmp_path)

    monkeypatch.undo()  # space again: the same Save now works
    assert window.controller.files.save() is True and not window.controller.state.dirty


def test_the_full_disk_dialog_in_japanese(japanese, window, dialogs, tmp_path, monkeypatch, run):
    path, before = _saved_then_edited(window, tmp_path, run)
    refuse_writes(monkeypatch)
    assert window.controller.files.save() is False
    (_, title, text), = dialogs
    assert title == "プロジェクトを保存できません", title
    assert text == f"{path} に書き込めません: ディスクの空き容量がありません — 何も変更していません。", text
    assert window.controller.state.dirty and path.read_bytes() == before


@pytest.mark.parametrize("fmt, name", [("torchscript", "m.pt"), ("onnx", "m.onnx"), ("bundle", "m.nnpmodel")])
def test_an_export_onto_a_full_disk_says_so(tmp_path, monkeypatch, run, fmt, name):
    target = tmp_path / name
    target.write_bytes(b"an earlier export")
    refuse_writes(monkeypatch)
    failed, finished = [], []
    job = _ExportJob(run, fmt, target)
    job.signals.failed.connect(failed.append)
    job.signals.finished.connect(finished.append)
    job.run()
    assert failed == [message(target)] and not finished
    assert target.read_bytes() == b"an earlier export" and not parts_left(tmp_path)
