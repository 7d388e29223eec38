import json

import pytest

from playground.core.config.presets import list_presets, load_preset
from playground.core.config.model_spec import LayerSpec, ModelSpec, infer_shapes
from playground.core.config.spec import RunConfig
from playground.core.config.spec_errors import SPEC_ERROR_MESSAGES, SpecError
from playground.core.errors import ConfigError

from ..spec_errors import SPEC_ERROR_CASES, raised


def L(type_, **params):
    return LayerSpec(type_, params)


def test_shape_inference_reports_every_layer_and_total():
    spec = ModelSpec(
        (1, 28, 28),
        [
            L("Conv2D", filters=8, kernel=3, padding="same"),
            L("BatchNorm"),
            L("Activation", function="ReLU"),
            L("MaxPool2D", pool=2),
            L("Conv2D", filters=16, kernel=3, padding="valid"),
            L("Flatten"),
            L("Dense", units=10),
            L("Activation", function="Softmax"),
        ],
    )
    infos = spec.infer()
    assert [i.output_shape for i in infos] == [
        (8, 28, 28),
        (8, 28, 28),
        (8, 28, 28),
        (8, 14, 14),
        (16, 12, 12),
        (2304,),
        (10,),
        (10,),
    ]
    assert [i.params for i in infos] == [8 * 9 + 8, 16, 0, 0, 16 * 8 * 9 + 16, 0, 2304 * 10 + 10, 0]
    assert spec.parameter_count() == sum(i.params for i in infos)
    assert [i.index for i in infos] == list(range(1, 9))


def test_dense_after_conv_names_the_layer_and_the_fix():
    layers = [L("Conv2D", filters=32), L("Activation"), L("MaxPool2D"), L("Dense", units=10)]
    with pytest.raises(SpecError) as e:
        infer_shapes((1, 28, 28), layers)
    assert str(e.value) == "Layer 4 (Dense) needs a flat input but receives 32×14×14 — insert Flatten before it."
    assert e.value.layer == 4


@pytest.mark.parametrize(
    "layers, layer, text",
    [
        ([L("Flatten"), L("Conv2D")], 2, "needs an image input"),
        ([L("Conv2D", kernel=9, padding="valid"), L("Conv2D", kernel=9, padding="valid"), L("Conv2D", kernel=9, padding="valid"), L("Conv2D", kernel=9, padding="valid")], 4, "does not fit"),
        ([L("MaxPool2D", pool=2)] * 6, 5, "remove this pooling layer"),
        ([L("Dropout", rate=1.5)], 1, "rate must be in [0, 1)"),
        ([L("Dense", units=0)], 1, "'units' must be a whole number >= 1"),
        ([L("Activation", function="Swish")], 1, "unknown function"),
        ([L("Conv2D", stride=2, padding="same")], 1, "padding 'same' needs stride 1"),
    ],
)
def test_invalid_stacks_name_the_layer(layers, layer, text):
    with pytest.raises(SpecError) as e:
        infer_shapes((1, 28, 28), layers)
    assert e.value.layer == layer
    assert f"Layer {layer} (" in str(e.value)
    assert text in str(e.value)


def test_unknown_layer_type_and_parameter_are_rejected():
    with pytest.raises(ConfigError, match="Unknown layer type 'Denes'"):
        LayerSpec("Denes")
    with pytest.raises(ConfigError, match="unknown parameter.*unit.*allowed: units, bias"):
        LayerSpec("Dense", {"unit": 3})


def test_batchnorm_is_1d_or_2d_from_the_input():
    infos = infer_shapes((3, 8, 8), [L("BatchNorm"), L("Flatten"), L("BatchNorm")])
    assert infos[0].params == 2 * 3 and infos[2].params == 2 * 192


def test_validate_for_task_checks_the_output():
    spec = ModelSpec((2,), [L("Dense", units=8), L("Activation", function="Tanh"), L("Dense", units=3)])
    with pytest.raises(SpecError, match="outputs 3 values but the dataset has 2 classes — set layer 3 \\(Dense\\) to 2 units"):
        spec.validate_for("classification", 2)
    soft_mid = ModelSpec((2,), [L("Dense", units=8), L("Activation", function="Softmax"), L("Dense", units=2)])
    with pytest.raises(SpecError, match="Layer 2 \\(Softmax\\) is not the last layer"):
        soft_mid.validate_for("classification", 2)
    reg = ModelSpec((2,), [L("Dense", units=1), L("Activation", function="Softmax")])
    with pytest.raises(SpecError, match="wrong for regression"):
        reg.validate_for("regression", 1)
    with pytest.raises(SpecError, match="no layers"):
        ModelSpec((2,), []).validate_for("classification", 2)


@pytest.mark.parametrize("key, make, layer, values", SPEC_ERROR_CASES, ids=[c[0] for c in SPEC_ERROR_CASES])
def test_each_spec_error_carries_its_key_and_the_values_of_its_message(key, make, layer, values):
    """The window words these errors in its own language from `key` and `values`
    (gui/i18n/core_text.py), so both must say exactly what the English message says."""
    e = raised(make)
    assert (e.key, e.layer) == (key, layer)
    assert e.values == {**e.values, **values, "layer": layer}
    assert all(isinstance(v, (int, str)) and not isinstance(v, bool) for v in e.values.values()), e.values
    assert str(e) == SPEC_ERROR_MESSAGES[key].format(**e.values)


def test_every_spec_error_key_is_raised_by_some_stack():
    assert {case[0] for case in SPEC_ERROR_CASES} == set(SPEC_ERROR_MESSAGES)


def test_output_size_error_words_its_fix_from_the_last_dense_layer():
    with_dense, no_dense = (raised(make) for key, make, _, _ in SPEC_ERROR_CASES if key == "output_size_mismatch")
    assert str(with_dense) == "The model outputs 10 values but the dataset has 2 classes — set layer 3 (Dense) to 2 units."
    assert (with_dense.values["what"], with_dense.values["fix"]) == ("classes", "set layer 3 (Dense) to 2 units")
    assert str(no_dense) == "The model outputs 3 values but the dataset has 1 target — add a Dense(1) layer at the end."


def test_spec_error_keeps_layer_key_and_values_through_pickling():
    import pickle

    e = raised(next(make for key, make, _, _ in SPEC_ERROR_CASES if key == "kernel_too_big"))
    again = pickle.loads(pickle.dumps(e))
    assert (str(again), again.layer, again.key, again.values) == (str(e), e.layer, e.key, e.values)
    plain = SpecError("Variant 'a': made elsewhere", 2)  # core.experiments.compare re-raises with a prefix
    assert (plain.key, plain.values, plain.layer) == ("", {}, 2)


def test_run_config_json_round_trip_for_every_preset():
    assert {"perceptron", "xor-mlp", "mlp", "cnn", "deep-cnn"} <= set(list_presets())
    for name in list_presets():
        cfg = load_preset(name)
        again = RunConfig.from_json(cfg.to_json())
        assert again == cfg
        assert json.loads(again.to_json()) == json.loads(cfg.to_json())


def test_deep_cnn_preset_is_the_book_network():
    cfg = load_preset("deep-cnn")
    convs = [l.get("filters") for l in cfg.model.layers if l.type == "Conv2D"]
    assert convs == [16, 16, 32, 32, 64, 64]
    assert all(l.get("kernel") == 3 for l in cfg.model.layers if l.type == "Conv2D")
    assert cfg.model.init == "he_normal" and cfg.optimizer.name == "adam"
    assert any(l.type == "Dropout" for l in cfg.model.layers)
    assert [l.get("units") for l in cfg.model.layers if l.type == "Dense"] == [50, 10]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"layers": []}, "no 'model' section"),
        ({"model": {"layers": []}, "trian": {}}, "unknown key(s) trian"),
        ({"model": {"layers": [{"units": 3}]}}, "Each layer needs a 'type'"),
        ({"model": {"layers": []}, "train": {"epochs": "ten"}}, "'train.epochs' must be a whole number"),
        ({"model": {"layers": []}, "train": {"epochs": 0}}, "'epochs' must be a whole number >= 1"),
        ({"model": {"layers": []}, "optimizer": {"lr": -1}}, "learning rate must be a positive number"),
        ({"model": {"layers": []}, "train": {"batch_mode": "huge"}}, "Unknown batch mode"),
        ({"model": {"layers": []}, "data": {"val_split": 1.5}}, "val_split"),
        ({"model": {"layers": [], "init": "random"}}, "Unknown weight initialisation"),
        ({"model": {"layers": []}, "regularization": {"l2": -0.1}}, "L1 and L2"),
        ({"model": {"layers": []}, "data": {"augment": {"shift": 2}}}, "must be below 1"),
    ],
)
def test_malformed_configs_say_what_is_wrong(data, message):
    with pytest.raises(ConfigError) as e:
        RunConfig.from_dict(data)
    assert message in str(e.value)


def test_invalid_json_names_line_and_column():
    with pytest.raises(ConfigError, match="not valid JSON \\(line 1, column"):
        RunConfig.from_json("{model: ]")


def test_with_overrides_and_batch_modes():
    cfg = load_preset("mlp").with_overrides(**{"train.epochs": 3, "optimizer.lr": 0.5})
    assert cfg.train.epochs == 3 and cfg.optimizer.lr == 0.5
    with pytest.raises(ConfigError, match="Unknown setting 'train.epoch'"):
        cfg.with_overrides(**{"train.epoch": 3})
    assert cfg.train.effective_batch_size(1000) == 128
    assert cfg.with_overrides(**{"train.batch_mode": "full"}).train.effective_batch_size(1000) == 1000
    assert cfg.with_overrides(**{"train.batch_mode": "stochastic"}).train.effective_batch_size(1000) == 1
