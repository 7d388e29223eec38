"""core.experiments.transfer: starting a run from trained weights (a run, a model file, the starter),
the load report, project files keeping the start, and `playground train --init-from`."""

import json
import zipfile

import pytest
import torch

from playground.cli.main import main
from playground.core.io.project import Project, load_project, save_project
from playground.core.config.model_spec import ModelSpec
from playground.core.inference.starter import starter_config
from playground.core.training.loop import fit
from playground.core.experiments.transfer import (
    TransferError,
    fresh_state,
    match_report,
    model_for_start,
    start_from_argument,
    start_from_run,
    start_from_starter,
    start_state,
)

from .conftest import make_blobs, mlp_config


@pytest.fixture(scope="module")
def trained():
    """A 3-class blobs model (Dense 16 -> ReLU -> Dense 3), trained briefly."""
    return fit(mlp_config(epochs=2), make_blobs())


def test_same_classes_load_every_tensor(trained):
    data = make_blobs(seed=1)
    state, report = start_state(mlp_config(), data, trained.state_dict, "Run 1")
    assert report.total == len(state) == 6 and len(report.loaded) == 6 and not report.fresh
    for key, tensor in trained.state_dict.items():
        assert torch.equal(state[key], tensor), key
    assert report.summary() == "6 of 6 tensors loaded from Run 1."
    assert report.loaded_layers() == [0, 2] and report.normalisation_loaded()


def test_another_class_count_leaves_the_output_layer_fresh(trained):
    data = make_blobs(classes=4)
    cfg = mlp_config(classes=4)
    state, report = start_state(cfg, data, trained.state_dict, "Run 1")
    fresh = fresh_state(cfg, data)
    # The hidden layer and the normalisation come from the trained model ...
    for key in ("body.0.weight", "body.0.bias", "input_mean", "input_std"):
        assert torch.equal(state[key], trained.state_dict[key]), key
    # ... the output layer is what fit would have initialised from the same seed.
    for key in ("body.2.weight", "body.2.bias"):
        assert torch.equal(state[key], fresh[key]), key
    assert list(report.fresh_layers()) == [2]
    assert report.summary() == "4 of 6 tensors loaded from Run 1; layer 3 (Dense) freshly initialised: weight 4×16 vs 3×16."
    # The cheap report for a live display says the same without building weights.
    spec = ModelSpec(data.input_shape, cfg.model.layers)
    assert match_report(spec, trained.state_dict, "Run 1") == report
    # And training from it works, the frozen hidden layer staying as trained.
    result = fit(cfg.with_overrides(**{"train.frozen_layers": (0,), "train.epochs": 1}), data, initial_state=state)
    assert torch.equal(result.state_dict["body.0.weight"], trained.state_dict["body.0.weight"])
    assert not torch.equal(result.state_dict["body.2.weight"], state["body.2.weight"])


def test_a_model_nothing_fits_is_a_clear_error(trained):
    cfg = mlp_config(hidden=32)  # every Dense shape differs
    with pytest.raises(TransferError, match="None of the layers of Run 1 fit this model .* start from random weights"):
        start_state(cfg, make_blobs(), trained.state_dict, "Run 1")


def test_model_for_start_resizes_the_output_layer(trained):
    record = trained.model.as_run("Run 1")
    start = start_from_run(record)
    spec = model_for_start(start, 5)
    assert [l.describe() for l in spec.layers] == ["Dense(16)", "ReLU", "Dense(5)", "Softmax"]
    assert model_for_start(start).layers == trained.config.model.layers


def test_starter_weights_fit_the_starter_config_on_fashion_mnist_shapes():
    start = start_from_starter()
    assert start.kind == "starter" and start.class_names == [str(d) for d in range(10)]
    spec = ModelSpec((1, 28, 28), starter_config().model.layers)
    report = match_report(spec, start.state_dict, start.label)
    assert not report.fresh and report.total == len(start.state_dict)  # 10 classes both: everything loads


def test_start_from_a_bundle_file_and_a_project_run(tmp_path, trained):
    from playground.core.io.bundle import save_model_bundle

    bundle = tmp_path / "blobs.nnpmodel"
    save_model_bundle(bundle, trained.model)
    start = start_from_argument(str(bundle))
    assert start.kind == "file" and start.label == "blobs.nnpmodel"
    assert torch.equal(start.state_dict["body.0.weight"], trained.state_dict["body.0.weight"])

    project = tmp_path / "p.nnp"
    save_project(project, Project(trained.config, [trained.model.as_run("first"), trained.model.as_run("second")]))
    assert "second" in start_from_argument(str(project), "2").label
    with pytest.raises(Exception, match="has no run '7'"):
        start_from_argument(str(project), "7")


def test_project_keeps_the_start_weights(tmp_path, trained):
    record = trained.model.as_run("Run 1")
    start = start_from_run(record)
    path = save_project(tmp_path / "p.nnp", Project(trained.config, [record], start))
    with zipfile.ZipFile(path) as zf:
        assert "weights/start.safetensors" in zf.namelist()
        assert json.loads(zf.read("project.json"))["start"]["label"] == "Run 1"
    again = load_project(path).start
    assert (again.label, again.kind, again.id, again.class_names) == ("Run 1", "run", record.id, ["0", "1", "2"])
    assert again.config == trained.config
    for key, tensor in trained.state_dict.items():
        assert torch.equal(again.state_dict[key], tensor)
    # A project without a start (and every older file) starts from random weights.
    assert load_project(save_project(tmp_path / "q.nnp", Project(trained.config, [record]))).start is None


def test_project_with_a_missing_start_file_is_reported_damaged(tmp_path, trained):
    path = save_project(tmp_path / "p.nnp", Project(trained.config, [], start_from_run(trained.model.as_run())))
    broken = tmp_path / "broken.nnp"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for name in src.namelist():
            if name != "weights/start.safetensors":
                dst.writestr(name, src.read(name))
    with pytest.raises(Exception, match="damaged: a part of it is missing"):
        load_project(broken)


# --------------------------------------------------------------------------- CLI


def test_cli_init_from_a_bundle_prints_the_report(tmp_path, capsys):
    bundle = tmp_path / "xor.nnpmodel"
    assert main(["train", "--preset", "xor-mlp", "--epochs", "3", "--device", "cpu", "--quiet", "--no-checkpoint", "--save", str(bundle)]) == 0
    capsys.readouterr()
    # Same task: every tensor loads.
    assert main(["train", "--preset", "xor-mlp", "--epochs", "2", "--device", "cpu", "--quiet", "--no-checkpoint", "--init-from", str(bundle)]) == 0
    err = capsys.readouterr().err
    assert "6 of 6 tensors loaded from xor.nnpmodel." in err
    # A regression with one target: the output layer (2 units for XOR's classes) starts fresh.
    from playground.core.config.presets import load_preset
    from playground.core.config.spec import DataConfig
    from playground.core.config.model_spec import LayerSpec

    xor = load_preset("xor-mlp")
    plane = xor.replace(model=ModelSpec((), xor.model.layers[:2] + (LayerSpec("Dense", {"units": 1}),)), data=DataConfig("plane"))
    config = tmp_path / "plane.json"
    config.write_text(plane.to_json())
    assert main(["train", "--config", str(config), "--epochs", "1", "--device", "cpu", "--quiet", "--no-checkpoint", "--init-from", str(bundle)]) == 0
    err = capsys.readouterr().err
    assert "4 of 6 tensors loaded from xor.nnpmodel; layer 3 (Dense) freshly initialised: weight 1×8 vs 2×8." in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--init-run", "1"], "--init-run picks the run of the project that --init-from names"),
        (["--init-from", "starter", "--init-run", "1"], "the starter model is one model"),
        (["--init-from", "nowhere.nnpmodel"], "No model file at nowhere.nnpmodel"),
        (["--init-from", "starter"], "None of the layers of Starter model (digits) fit this model"),
    ],
)
def test_cli_init_from_problems_are_clear(tmp_path, capsys, args, message):
    code = main(["train", "--preset", "xor-mlp", "--epochs", "1", "--device", "cpu", "--quiet", "--no-checkpoint", *args])
    assert code == 2
    assert message in capsys.readouterr().err


def test_layers_pair_up_in_order_across_inserted_and_removed_layers():
    """The starter model has Dropout layers the cnn preset lacks: its layers still load."""
    from playground.core.config.presets import load_preset

    start = start_from_starter()
    cnn = ModelSpec((1, 28, 28), load_preset("cnn").model.layers)
    report = match_report(cnn, start.state_dict, start.label)
    assert not report.fresh and report.loaded_layers() == [0, 1, 4, 5, 9, 11]
    # A removed hidden layer: the layers before and after it still load, the output one too.
    layers = list(starter_config().model.layers)
    del layers[10:12]  # Dense(128) and its ReLU
    spec = ModelSpec((1, 28, 28), tuple(layers))
    report = match_report(spec, start.state_dict, start.label)
    assert report.loaded_layers() == [0, 1, 4, 5]
    assert list(report.fresh_layers()) == [11]  # the output Dense now takes 1568 inputs
    assert "layer 12 (Dense) freshly initialised: weight 10×1568 vs 128×1568" in report.summary()
