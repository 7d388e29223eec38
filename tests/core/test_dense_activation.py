"""A Dense layer's own activation (Keras's Dense(256, activation="sigmoid")): one row that
builds, trains, exports and fine-tunes as the Dense + Activation pair it stands for, while
configs, projects and bundles written without it load as before."""

import json

import numpy as np
import pytest
import torch
from torch import nn

from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.config.spec import RunConfig
from playground.core.config.spec_errors import SpecError
from playground.core.experiments.finetune import frozen_all_but_last, network_spec
from playground.core.experiments.transfer import all_but_last_trainable, model_for_start, start_from_run, start_state
from playground.core.experiments.variations import with_batchnorm, with_dropout
from playground.core.inference.predictor import ModelPredictor
from playground.core.io.bundle import load_model_bundle, save_model_bundle
from playground.core.io.codegen import export_code
from playground.core.model.build import build_model
from playground.core.training.loop import fit

from .conftest import make_blobs, mlp_config
from .test_export import _run_without_playground

PAIRS = [
    LayerSpec("Dense", {"units": 8}),
    LayerSpec("Activation", {"function": "Sigmoid"}),
    LayerSpec("Dense", {"units": 6}),
    LayerSpec("Activation", {"function": "Tanh"}),
    LayerSpec("Dense", {"units": 3}),
    LayerSpec("Activation", {"function": "Softmax"}),
]
ROWS = [
    LayerSpec("Dense", {"units": 8, "activation": "sigmoid"}),  # spelt as Keras spells it
    LayerSpec("Dense", {"units": 6, "activation": "Tanh"}),
    LayerSpec("Dense", {"units": 3, "activation": "softmax"}),
]


def _rows_config(epochs=2) -> RunConfig:
    cfg = mlp_config(epochs=epochs)
    return cfg.replace(model=ModelSpec((), ROWS), name="dense-rows")


def test_a_row_builds_and_computes_what_the_two_rows_compute():
    rows, pairs = ModelSpec((2,), ROWS), ModelSpec((2,), PAIRS)
    assert [l.describe() for l in rows.layers] == ["Dense(8, Sigmoid)", "Dense(6, Tanh)", "Dense(3, Softmax)"]
    assert [i.output_shape for i in rows.infer()] == [(8,), (6,), (3,)]
    assert rows.parameter_count() == pairs.parameter_count()
    rows.validate_for("classification", 3)  # the final Softmax is the Dense layer's own
    torch.manual_seed(0)
    row_net, pair_net = build_model(rows), build_model(pairs)
    # The last layer's Softmax is left out (the model returns logits), like a final Activation's.
    assert isinstance(row_net.body[0], nn.Sequential) and isinstance(row_net.body[0][1], nn.Sigmoid)
    assert isinstance(row_net.body[2], nn.Linear)
    # The same weights give the same outputs.
    linears = [m for m in row_net.modules() if isinstance(m, nn.Linear)]
    for mine, theirs in zip(linears, [m for m in pair_net.modules() if isinstance(m, nn.Linear)]):
        theirs.load_state_dict(mine.state_dict())
    x = torch.randn(5, 2)
    assert torch.allclose(row_net(x), pair_net(x), atol=1e-6)


def test_softmax_rules_count_a_dense_layers_own_softmax():
    with pytest.raises(SpecError, match="Layer 1 .*not the last layer"):
        ModelSpec((2,), [LayerSpec("Dense", {"units": 3, "activation": "Softmax"}), LayerSpec("Dense", {"units": 3})]).validate_for(
            "classification", 3
        )
    with pytest.raises(SpecError, match="wrong for regression"):
        ModelSpec((2,), [LayerSpec("Dense", {"units": 1, "activation": "Softmax"})]).validate_for("regression", 1)
    with pytest.raises(SpecError, match="unknown function 'swish'; choose one of none, ReLU"):
        ModelSpec((2,), [LayerSpec("Dense", {"units": 3, "activation": "swish"})]).infer()


def test_old_configs_without_the_key_load_and_build_unchanged(tmp_path):
    old = {"type": "Dense", "units": 4}
    layer = LayerSpec.from_dict(old)
    assert layer.get("activation") is None and layer.to_dict() == old and layer.describe() == "Dense(4)"
    cfg = RunConfig.from_json(json.dumps(mlp_config().to_dict()))
    assert cfg == mlp_config()
    net = build_model(ModelSpec((2,), cfg.model.layers))
    assert list(net.state_dict()) == [
        "input_mean", "input_std", "body.0.weight", "body.0.bias", "body.2.weight", "body.2.bias",
    ]


@pytest.fixture(scope="module")
def trained():
    return fit(_rows_config(), make_blobs())


def test_training_a_model_of_rows_learns(trained):
    assert trained.status == "completed" and trained.test_accuracy > 0.8


def test_bundle_and_code_export_round_trip(tmp_path, trained):
    path = save_model_bundle(tmp_path / "rows.nnpmodel", trained.model)
    loaded = load_model_bundle(path)
    assert loaded.config.model.layers == trained.config.model.layers
    x = np.random.default_rng(0).normal(size=(7, 2)).astype(np.float32)
    want = ModelPredictor.from_trained(trained.model.as_run()).predict(x)
    assert np.abs(ModelPredictor.from_trained(loaded).predict(x) - want).max() <= 1e-6
    code_path, _ = export_code(trained.model, tmp_path / "rows.py")
    source = code_path.read_text(encoding="utf-8")
    assert "# Layer 1: Dense(8, Sigmoid)" in source
    assert "nn.Sequential(nn.Linear(2, 8, bias=True), nn.Sigmoid())" in source
    assert "# Layer 3: its Softmax — left out here" in source
    np.save(tmp_path / "x.npy", x)
    out = _run_without_playground(
        """
        import json, runpy, numpy as np, torch
        module = runpy.run_path("rows.py")
        model = module["load_model"]()
        print(json.dumps(module["predict"](model, torch.from_numpy(np.load("x.npy"))).tolist()))
        """,
        tmp_path,
    )
    assert np.abs(np.array(json.loads(out)) - want).max() <= 1e-5


def test_onnx_and_torchscript_exports_match(tmp_path, trained):
    from playground.core.inference.loaders import load_predictor
    from playground.core.io.exporters import export_onnx, export_torchscript

    x = np.random.default_rng(1).normal(size=(4, 2)).astype(np.float32)
    want = ModelPredictor.from_trained(trained.model.as_run()).predict(x)
    for path in (export_onnx(trained.model, tmp_path / "m.onnx"), export_torchscript(trained.model, tmp_path / "m.pt")):
        assert np.abs(load_predictor(path).predict(x) - want).max() <= 1e-4, path


def test_fine_tuning_and_transfer_replace_a_dense_softmax_head(trained):
    start = start_from_run(trained.model.as_run("Run 1"))
    spec = model_for_start(start, 4)
    assert [l.describe() for l in spec.layers] == ["Dense(8, Sigmoid)", "Dense(6, Tanh)", "Dense(4, Softmax)"]
    assert all_but_last_trainable(spec.layers) == (0, 1)
    data = make_blobs(classes=4)
    cfg = _rows_config().replace(model=spec)
    state, report = start_state(cfg, data, trained.state_dict, "Run 1")
    assert list(report.fresh_layers()) == [2] and report.loaded_layers() == [0, 1]
    assert torch.equal(state["body.0.0.weight"], trained.state_dict["body.0.0.weight"])
    # The Draw tab's fine-tuning reads the layers back from the built network.
    net = trained.build_model()
    read = network_spec(net)
    assert [l.describe() for l in read.layers] == ["Dense(8, Sigmoid)", "Dense(6, Tanh)", "Dense(3)"]
    build_model(read).load_state_dict(net.state_dict())
    assert frozen_all_but_last(read, 1) == (0, 1)


def test_dropout_and_batch_norm_variants_find_a_dense_layers_own_activation():
    spec = ModelSpec((), ROWS)
    assert [l.describe() for l in with_dropout(spec, 0.2).layers] == [
        "Dense(8, Sigmoid)", "Dropout(0.2)", "Dense(6, Tanh)", "Dropout(0.2)", "Dense(3, Softmax)",
    ]
    assert [l.describe() for l in with_batchnorm(spec, True).layers] == [
        "Dense(8)", "BatchNorm", "Sigmoid", "Dense(6)", "BatchNorm", "Tanh", "Dense(3, Softmax)",
    ]


def test_weights_move_between_a_dense_activation_pair_and_a_dense_row():
    # A run trained with Dense + Activation rows starts a model written as Dense rows (and back):
    # the Linear of 'body.0.0.weight' is the one of 'body.0.weight'.
    data = make_blobs()
    pairs = fit(mlp_config(epochs=1), data)
    rows_cfg = mlp_config(epochs=1).replace(
        model=ModelSpec((), [LayerSpec("Dense", {"units": 16, "activation": "ReLU"}), LayerSpec("Dense", {"units": 3, "activation": "Softmax"})])
    )
    state, report = start_state(rows_cfg, data, pairs.state_dict, "Run 1")
    assert not report.fresh and report.summary() == "6 of 6 tensors loaded from Run 1."
    assert torch.equal(state["body.0.0.weight"], pairs.state_dict["body.0.weight"])
    assert torch.equal(state["body.1.weight"], pairs.state_dict["body.2.weight"])
    rows = fit(rows_cfg, data, initial_state=state)
    back, report = start_state(mlp_config(), data, rows.state_dict, "Run 2")
    assert not report.fresh and torch.equal(back["body.0.weight"], rows.state_dict["body.0.0.weight"])
