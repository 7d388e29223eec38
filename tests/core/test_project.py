import json
import zipfile

import pytest
import torch

from playground.core.io.bundle import FileError
from playground.core.config.presets import load_preset
from playground.core.io.project import Project, load_project, save_project
from playground.core.model.trained import TrainedModel
from playground.core.training.loop import EpochLogs, fit


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
        (lambda p: p.write_text("hello"), "not a project file"),
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
