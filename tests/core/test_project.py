import hashlib
import json
import zipfile

import pytest
import torch

from playground.core.io.bundle import FileError
from playground.core.config.presets import load_preset
from playground.core.io.project import DamagedProjectError, Project, backup_path, load_project, save_project
from playground.core.model.trained import TrainedModel
from playground.core.training.callbacks import EpochLogs
from playground.core.training.loop import fit


@pytest.fixture(scope="module")
def trained():
    return fit(load_preset("xor-mlp").with_overrides(**{"train.epochs": 3, "train.device": "cpu"}))


def test_project_round_trips_exactly(tmp_path, trained):
    run = trained.model.as_run("first try")
    no_weights = TrainedModel(
        trained.config, None, summary=trained.summary(), label="summary only", id="abc", created="2026-01-01T00:00:00+00:00"
    )
    project = Project(load_preset("cnn"), [run, no_weights])
    path = save_project(tmp_path / "p.nnp", project)
    again = load_project(path)
    assert again.config == project.config
    assert [r.id for r in again.runs] == [run.id, "abc"]
    a, b = again.runs[0], run
    assert (a.label, a.created, a.config, a.summary) == (b.label, b.created, b.config, b.summary)
    assert a.state_dict.keys() == b.state_dict.keys()
    assert all(torch.equal(a.state_dict[k], b.state_dict[k]) for k in a.state_dict)
    assert again.runs[1].state_dict is None
    assert [EpochLogs(**h).val_accuracy for h in a.history] == [h.val_accuracy for h in trained.history]
    model = a.build_model()
    x = torch.randn(5, 2)
    assert torch.equal(model(x), trained.build_model()(x))
    assert list(tmp_path.iterdir()) == [path]  # no temp files left


def test_saving_over_an_existing_project_replaces_it_whole(tmp_path, trained):
    path = tmp_path / "p.nnp"
    save_project(path, Project(load_preset("mlp")))
    save_project(path, Project(load_preset("cnn"), [trained.model.as_run()]))
    assert load_project(path).config.name == "cnn"


@pytest.mark.parametrize(
    "write, message",
    [
        (lambda p: p.write_text("hello"), "is not a Neural Network Playground project (not a zip archive)"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("other.txt", "x"), "project.json is missing"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("project.json", '{"format": "something-else"}'), "not a Neural Network Playground project"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("project.json", "{not json"), "damaged"),
        (
            lambda p: zipfile.ZipFile(p, "w").writestr(
                "project.json", json.dumps({"format": "neural-playground-project/1", "config": {"model": {"layers": [{"type": "Nope"}]}}})
            ),
            "Unknown layer type",
        ),
    ],
)
def test_bad_project_files_give_clear_errors(tmp_path, write, message):
    path = tmp_path / "bad.nnp"
    write(path)
    with pytest.raises(FileError) as e:
        load_project(path)
    assert message in str(e.value)


def test_missing_project_file(tmp_path):
    with pytest.raises(FileError, match="No project file"):
        load_project(tmp_path / "nope.nnp")


def test_fit_returns_a_trained_model_that_carries_its_summary(trained):
    model = trained.model
    assert (model.config, model.task, model.class_names) == (trained.config, trained.task, trained.class_names)
    assert model.state_dict is trained.state_dict and model.summary == trained.summary()
    assert (model.kind, model.label, model.id) == ("run", trained.config.name, "") and model.created
    run = model.as_run("Run 1")
    assert (run.kind, run.label, len(run.id)) == ("run", "Run 1", 12) and run.id != model.as_run().id


def test_a_project_in_the_documented_layout_loads_and_saves_back_unchanged(tmp_path, trained):
    """The file format, written by hand as project.py's docstring describes it (and as the
    app wrote it before it recorded checksums: such a file still opens): loading it and saving
    it again gives the same project.json, with the weights' SHA-256 added."""
    from safetensors.torch import save as save_tensors

    manifest = {
        "format": "neural-playground-project/1",
        "config": load_preset("cnn").to_dict(),
        "runs": [
            {"id": "0123456789ab", "label": "Run 1", "created": "2026-01-02T03:04:05+00:00",
             "config": trained.config.to_dict(), "summary": trained.summary(), "has_weights": True},
            {"id": "abcdef012345", "label": "no weights", "created": "2026-01-01T00:00:00+00:00",
             "config": trained.config.to_dict(), "summary": trained.summary(), "has_weights": False},
        ],
        "start": {"label": "m.nnpmodel", "kind": "file", "source": "/somewhere/m.nnpmodel",
                  "config": trained.config.to_dict(), "class_names": ["0", "1"]},
    }
    weights = save_tensors({k: v.contiguous() for k, v in trained.state_dict.items()})
    path = tmp_path / "hand.nnp"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.json", json.dumps(manifest))
        zf.writestr("weights/0123456789ab.safetensors", weights)
        zf.writestr("weights/start.safetensors", weights)
    project = load_project(path)
    first, second = project.runs
    assert (first.id, first.label, first.created, first.kind) == ("0123456789ab", "Run 1", "2026-01-02T03:04:05+00:00", "run")
    assert (first.task, first.class_names) == ("classification", trained.class_names)
    assert all(torch.equal(first.state_dict[k], v) for k, v in trained.state_dict.items())
    assert second.state_dict is None and not second.has_weights
    start = project.start
    assert (start.label, start.kind, start.path, start.id, start.class_names) == ("m.nnpmodel", "file", "/somewhere/m.nnpmodel", "", ["0", "1"])
    again = save_project(tmp_path / "again.nnp", project)
    with zipfile.ZipFile(again) as zf:
        assert sorted(zf.namelist()) == ["project.json", "weights/0123456789ab.safetensors", "weights/start.safetensors"]
        digest = hashlib.sha256(weights).hexdigest()
        checksums = {"weights/0123456789ab.safetensors": digest, "weights/start.safetensors": digest}
        assert json.loads(zf.read("project.json")) == {**json.loads(json.dumps(manifest)), "sha256": checksums}


def test_a_project_cut_short_is_called_damaged_and_its_backup_is_named(tmp_path, trained):
    path = tmp_path / "p.nnp"
    save_project(path, Project(load_preset("mlp")))
    assert not backup_path(path).exists()  # nothing to keep on a first save
    save_project(path, Project(load_preset("cnn"), [trained.model.as_run()]))
    backup = backup_path(path)
    assert backup == tmp_path / "p.backup.nnp" and load_project(backup).config.name == "mlp"  # the version before

    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])  # a copy cut short
    with pytest.raises(DamagedProjectError) as e:
        load_project(path)
    message = str(e.value)
    assert e.value.reason == "incomplete" and e.value.backup == backup and e.value.size == len(whole) // 2
    assert str(path) in message and "damaged" in message and "incomplete" in message and str(backup) in message
    assert "not a zip archive" not in message
    assert path.read_bytes() == whole[: len(whole) // 2]  # reading changed nothing

    # saving over the damaged file keeps the good backup: a damaged file is never backed up
    save_project(path, Project(load_preset("perceptron")))
    assert load_project(backup).config.name == "mlp"


def test_a_damaged_project_without_a_backup_says_to_open_an_earlier_copy(tmp_path, trained):
    path = save_project(tmp_path / "q.nnp", Project(load_preset("cnn"), [trained.model.as_run()]), keep_backup=False)
    whole = bytearray(path.read_bytes())
    path.write_bytes(bytes(whole[:-30]))
    with pytest.raises(DamagedProjectError, match="earlier copy") as e:
        load_project(path)
    assert e.value.backup is None
    # the same file with its weights scrambled (the zip's directory intact): damaged too
    middle = len(whole) // 2
    whole[middle : middle + 64] = bytes(64)
    path.write_bytes(bytes(whole))
    with pytest.raises(FileError, match="damaged"):
        load_project(path)
