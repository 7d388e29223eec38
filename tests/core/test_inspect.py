"""`playground inspect MODEL [IMAGE...] --out DIR` (issue 12, item 4): it writes exactly the files
its index lists, at the pixel sizes the index gives; the index follows its schema; ONNX and
TorchScript files get their inputs and predictions and a statement of what cannot be shown;
bad input is refused with a message and exit 2, leaving nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from playground.cli.main import main
from playground.core.experiments import inspect_model as inspect_module
from playground.core.io.bundle import save_model_bundle
from playground.core.training.loop import fit

from .conftest import make_images, tiny_cnn_config

pytest.importorskip("captum")

WHATS = {"filters", "histograms", "input", "feature_maps", "attribution"}


def _digit(path: Path, kind: str = "nine") -> Path:
    img = Image.new("L", (120, 120), 255)
    d = ImageDraw.Draw(img)
    if kind == "nine":
        d.ellipse([35, 15, 85, 60], outline=0, width=9)
        d.line([82, 40, 75, 108], fill=0, width=9)
    else:
        d.line([35, 20, 85, 20], fill=0, width=9)
        d.line([85, 20, 50, 108], fill=0, width=9)
    img.save(path)
    return path


@pytest.fixture(scope="module")
def tiny_bundle(tmp_path_factory) -> Path:
    """A small CNN on 8×8 images: Conv2D(4) BatchNorm ReLU MaxPool Conv2D(6) ReLU Flatten Dense(4)."""
    cfg = tiny_cnn_config(softmax=False)
    path = tmp_path_factory.mktemp("model") / "tiny.nnpmodel"
    save_model_bundle(path, fit(cfg, make_images()).model)
    return path


def _check_index(out: Path) -> dict:
    """The index's schema, and that it lists exactly the PNG files in `out` at their real sizes."""
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert set(index) == {"format", "version", "model", "files", "images", "unavailable"}
    assert index["format"] == "neural-playground-inspect" and index["version"] == 1
    assert set(index["model"]) == {"source", "kind", "input_shape", "task", "class_names", "layers"}
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != "index.json")
    assert sorted(f["path"] for f in index["files"]) == on_disk
    for f in index["files"]:
        assert set(f) == {"path", "what", "layer", "label", "image", "width", "height", "bytes", "description"}
        assert f["what"] in WHATS and f["description"]
        with Image.open(out / f["path"]) as png:
            assert png.format == "PNG" and png.size == (f["width"], f["height"]), f["path"]
        assert (out / f["path"]).stat().st_size == f["bytes"]
    for image in index["images"]:
        assert set(image) == {"number", "path", "prediction", "files"}
        assert set(image["files"]) <= {f["path"] for f in index["files"]}
    for missing in index["unavailable"]:
        assert set(missing) == {"what", "reason"}
    return index


def test_the_starter_model_writes_filters_maps_attribution_and_histograms_at_their_sizes(tmp_path, capsys):
    out = tmp_path / "inside"
    nine, seven = _digit(tmp_path / "nine.png"), _digit(tmp_path / "seven.png", "seven")
    assert main(["inspect", "starter", str(nine), str(seven), "--out", str(out)]) == 0
    index = _check_index(out)
    assert index["model"]["kind"] == "starter" and index["unavailable"] == []
    by_what = {}
    for f in index["files"]:
        by_what.setdefault(f["what"], []).append(f)
    # The starter: Conv2D(16) and Conv2D(32), 3×3 kernels; 14 layers in its stack.
    assert [(f["path"], f["width"], f["height"]) for f in by_what["filters"]] == [
        ("filters/layer_01_Conv2D.png", 8 * (48 + 2) + 2, 2 * (48 + 2) + 2),  # 16 filters, 8 a row, 16 px a weight
        ("filters/layer_05_Conv2D.png", 16 * (24 + 2) + 2, 32 * (24 + 2) + 2),  # a row per filter, a kernel per input
    ]
    assert len(by_what["histograms"]) == len(index["model"]["layers"]) == 14
    for n, image in enumerate(index["images"], start=1):
        files = {f["path"].split("/")[-1]: f for f in index["files"] if f["image"] == n and f["what"] != "feature_maps"}
        assert (files["input.png"]["width"], files["input.png"]["height"]) == (224, 224)  # 28×28 at 8×
        for name in ("attribution.png", "attribution_integrated_gradients.png"):  # Grad-CAM; red/blue shares
            assert (files[name]["what"], files[name]["width"], files[name]["height"]) == ("attribution", 224, 224)
        maps = [f for f in index["files"] if f["image"] == n and f["what"] == "feature_maps"]
        # One picture per conv layer; 16 maps of 28×28 (4× each) and 32 of 14×14 (8× each), 8 a row.
        assert [(f["width"], f["height"]) for f in maps] == [(8 * 114 + 2, 2 * 114 + 2), (8 * 114 + 2, 4 * 114 + 2)]
    assert [i["prediction"]["class"] for i in index["images"]] == ["9", "7"]
    assert "Wrote 26 PNG files" in capsys.readouterr().out


def test_a_bundle_and_a_rerun_over_the_earlier_output(tmp_path, tiny_bundle):
    out = tmp_path / "inside"
    image = _digit(tmp_path / "nine.png")
    assert main(["inspect", str(tiny_bundle), str(image), "--out", str(out)]) == 0
    first = _check_index(out)
    assert first["model"]["kind"] == "bundle" and first["model"]["input_shape"] == [1, 8, 8]
    assert {f["what"] for f in first["files"]} == WHATS
    # Without images: filters and weight histograms only, replacing the earlier output.
    assert main(["inspect", str(tiny_bundle), "--out", str(out)]) == 0
    second = _check_index(out)
    assert {f["what"] for f in second["files"]} == {"filters", "histograms"} and second["images"] == []
    assert [f["label"] for f in second["files"] if f["what"] == "histograms"] == [
        "Layer 1 (Conv2D)", "Layer 2 (BatchNorm)", "Layer 5 (Conv2D)", "Layer 8 (Dense)",
    ]
    assert not list(tmp_path.glob(".inside.*"))  # no work or old folder left beside it


@pytest.mark.parametrize("fmt, words", [("torchscript", "TorchScript"), ("onnx", "ONNX")])
def test_onnx_and_torchscript_write_what_they_can_and_say_what_cannot_be_shown(tmp_path, tiny_bundle, capsys, fmt, words):
    assert main(["export", str(tiny_bundle), "--format", fmt, "-o", str(tmp_path / f"m.{'pt' if fmt == 'torchscript' else 'onnx'}")]) == 0
    model = next(tmp_path.glob("m.*"))
    out = tmp_path / "inside"
    assert main(["inspect", str(model), str(_digit(tmp_path / "nine.png")), "--out", str(out)]) == 0
    index = _check_index(out)
    assert index["model"]["kind"] == fmt and [f["what"] for f in index["files"]] == ["input"]
    assert index["images"][0]["prediction"]["class"] in ("q0", "q1", "q2", "q3")
    (missing,) = index["unavailable"]
    assert missing["what"] == "filters, feature maps, attribution, layer histograms"
    assert words in missing["reason"] and "cannot be shown" in missing["reason"] and ".nnpmodel" in missing["reason"]
    err = capsys.readouterr().err
    assert "Not written — filters, feature maps, attribution, layer histograms" in err and words in err


def test_bad_inputs_are_refused_with_exit_2_and_nothing_written(tmp_path, tiny_bundle, capsys):
    out = tmp_path / "inside"
    image = _digit(tmp_path / "nine.png")
    not_image = tmp_path / "notes.png"
    not_image.write_text("shopping list")
    a_file = tmp_path / "taken"
    a_file.write_text("mine")
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_text("keep me")
    cases = [
        (["inspect", str(tmp_path / "gone.nnpmodel"), str(image), "--out", str(out)], "No model file at"),
        (["inspect", str(tiny_bundle), str(not_image), "--out", str(out)], "notes.png"),
        (["inspect", str(tiny_bundle), str(tmp_path / "missing.png"), "--out", str(out)], "missing.png"),
        (["inspect", str(tiny_bundle), str(image), "--out", str(a_file)], "is a file"),
        (["inspect", str(tiny_bundle), str(image), "--out", str(foreign)], "other files in it"),
        (["inspect", str(tiny_bundle), str(image), "--run", "2", "--out", str(out)], "--run picks a run of a project"),
    ]
    for argv, words in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err, err
    assert not out.exists() and a_file.read_text() == "mine" and [p.name for p in foreign.iterdir()] == ["holiday.jpg"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nine.png", "notes.png", "photos", "taken"]


def test_a_failure_half_way_leaves_no_folder_that_looks_complete(tmp_path, tiny_bundle, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("out of memory half-way")

    monkeypatch.setattr(inspect_module, "attribution", broken)
    predictor, kind = inspect_module.open_model(str(tiny_bundle))
    from playground.core.data.preprocess import read_image

    image = _digit(tmp_path / "nine.png")
    with pytest.raises(RuntimeError):
        inspect_module.inspect_model(predictor, kind, [(image, read_image(image))], tmp_path / "inside")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nine.png"]  # no inside/, no .part folder
