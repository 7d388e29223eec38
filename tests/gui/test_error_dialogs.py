"""Error dialogs in the UI's language (issue 15, item 10: "not yet reviewed: … error dialogs"):
what a learner meets when a project, a model or an image will not open, a folder of their own
images is not laid out right, a save fails or a model is evaluated on data it does not fit.
Each test takes the window's own path to the message and checks that, in Japanese, it has no
English sentence left and every placeholder is filled."""

import ast
import errno
import re
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from playground.gui.i18n import error_text as error_text_module  # the templates (errors.error_text picks them)

CORE = Path(__file__).resolve().parents[2] / "playground" / "core"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# Words of the engine's English sentences (paths and OS reasons are allowed to be English).
ENGLISH = re.compile(r"\b(is not|is damaged|cannot|Cannot|needs|must|check the|choose|found|has no|the model)\b")


def _is_japanese(text: str, *allowed: str) -> bool:
    rest = text
    for a in allowed:
        rest = rest.replace(a, "")
    return bool(JAPANESE.search(text)) and not ENGLISH.search(rest) and "{" not in rest


def _raised_keys() -> set[tuple[str, str]]:
    """(error class, key) for every `SomeError(message, "key", …)` or `key="…"` in core."""
    found = set()
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id.endswith("Error")):
                continue
            if node.func.id == "SpecError":  # its own catalogue, checked in test_core_text.py
                continue
            key = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "key"), None)
            options = [key.body, key.orelse] if isinstance(key, ast.IfExp) else [key]
            for option in options:
                if isinstance(option, ast.Constant) and isinstance(option.value, str) and option.value:
                    found.add((node.func.id, option.value))
    return found


def test_every_key_the_engine_raises_has_a_japanese_template(japanese):
    from playground.gui.dialogs.search_space import _tune_error_templates  # the search dialog says these

    families = {**error_text_module.template_families(), "TuneError": _tune_error_templates}
    raised = _raised_keys()
    assert {cls for cls, _ in raised} <= set(families), "an error class with keys but no templates in error_text.py"
    missing = sorted((cls, key) for cls, key in raised if key not in families[cls]())
    assert not missing, f"keys raised in playground/core without a template in gui/i18n/error_text.py: {missing}"
    untranslated = sorted(
        (cls, key) for cls, key in raised if not JAPANESE.search(families[cls]()[key])
    )
    assert not untranslated, f"templates without a Japanese translation: {untranslated}"


def test_opening_a_file_that_is_not_a_project_says_so_in_japanese(japanese, window, dialogs, tmp_path):
    notes = tmp_path / "notes.nnp"
    notes.write_text("shopping list", encoding="utf-8")
    broken = tmp_path / "broken.nnp"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("readme.txt", "not ours")
    for path in (notes, broken, tmp_path / "gone.nnp"):
        assert window.controller.files.open(path) is False
    texts = [text for _, _, text in dialogs]
    assert len(texts) == 3
    for path, text in zip((notes, broken, tmp_path / "gone.nnp"), texts):
        assert str(path) in text and _is_japanese(text, str(path)), text


def test_a_failed_save_names_the_reason_in_japanese(japanese, window, dialogs, tmp_path, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full_disk)
    target = tmp_path / "proj.nnp"
    assert window.controller.files.save_to(target) is False
    (_, _, text), = dialogs
    assert "No space left on device" in text and "ディスク" in text, text
    assert _is_japanese(text, str(target), "No space left on device"), text
    assert not target.exists()


def test_opening_a_text_file_or_a_huge_image_on_the_draw_tab_in_japanese(japanese, window, dialogs, tmp_path, monkeypatch):
    from PIL import Image

    from playground.core.data import preprocess

    text_file = tmp_path / "digit.png"
    text_file.write_text("not a picture", encoding="utf-8")
    huge = tmp_path / "huge.png"
    Image.new("L", (400, 300), 255).save(huge)
    monkeypatch.setattr(preprocess, "MAX_IMAGE_PIXELS", 100_000)  # 400×300 = 120,000 pixels
    for path in (text_file, huge):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, p=path, **k: (str(p), "")))
        window.draw_panel._on_open_clicked()
    (_, _, not_image), (_, _, too_large) = dialogs
    assert _is_japanese(not_image, str(text_file)) and "PNG" in not_image, not_image
    assert _is_japanese(too_large, str(huge)) and "400×300" in too_large, too_large


@pytest.mark.parametrize("layout", ["no_classes", "one_class", "one_image", "bad_image"])
def test_a_folder_of_your_own_images_that_does_not_fit_in_japanese(japanese, tmp_path, layout):
    from playground.core.data.registry import load_dataset
    from playground.gui.tabs.data_panel import _explain_load_failure

    root = tmp_path / "my_images"
    root.mkdir()
    if layout != "no_classes":
        (root / "cat").mkdir()
        (root / "cat" / "a.png").write_bytes(b"")
    if layout in ("one_image", "bad_image"):
        (root / "dog").mkdir()
        (root / "dog" / "a.png").write_bytes(b"")
    if layout == "bad_image":
        for folder in ("cat", "dog"):
            (root / folder / "b.png").write_text("not an image", encoding="utf-8")
    with pytest.raises(Exception) as failed:
        load_dataset("folder", {"path": str(root)})
    text = _explain_load_failure("folder", failed.value)
    assert _is_japanese(text, str(root), "my_images/cat/*.png", "my_images/dog/*.png", failed.value.values.get("reason", "")), text


def test_evaluating_on_a_dataset_the_model_does_not_fit_in_japanese(japanese):
    from types import SimpleNamespace

    from playground.core.data.registry import load_dataset
    from playground.gui.dialogs.evaluation import _EvaluateJob

    # A three-class model on two inputs (the checks come before any prediction), and XOR: two classes.
    predictor = SimpleNamespace(input_shape=(2,), num_classes=3, class_names=["a", "b", "c"], source="m")
    messages = []
    job = _EvaluateJob(predictor, load_dataset("xor", {}), 1)
    job.signals.failed.connect(lambda generation, text: messages.append(text))
    job.run()
    (text,) = messages
    assert _is_japanese(text) and "3" in text and "2" in text and "XOR" in text, text


def test_a_torchscript_model_that_can_write_files_is_refused_in_japanese(japanese, window, dialogs, tmp_path):
    """File ▸ Open Model… on a .pt whose forward overwrites a file (issue 14, item 1): a
    dialog in Japanese naming the operator; the file it targets is untouched."""
    import warnings

    import torch

    from playground.core.io.exporters import METADATA_FILE

    from tests.core.test_script_guard import _WritesOnDigits  # the crafted file of the engine's tests

    target = tmp_path / "precious.txt"
    target.write_bytes(b"0123456789abcdef")
    evil = tmp_path / "evil.pt"
    meta = '{"input_shape": [1, 28, 28], "task": "classification", "output": "probabilities"}'
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        torch.jit.save(torch.jit.script(_WritesOnDigits(str(target))), str(evil), _extra_files={METADATA_FILE: meta})
    assert window.model_files.open_model_file(evil) is False
    (_, _, text), = dialogs
    assert "aten::from_file" in text and _is_japanese(text, "evil.pt", "aten::from_file", "Neural Network Playground"), text
    assert target.read_bytes() == b"0123456789abcdef"



def test_an_edited_bundle_and_a_custom_onnx_operator_are_refused_in_japanese(japanese, window, dialogs, tmp_path):
    """File ▸ Open Model… on a bundle whose tensors were swapped after saving, and on an ONNX
    file using an operator outside standard ONNX (issue 14, item 2): each a Japanese dialog
    naming the file, and no run is added."""
    import onnx

    from playground.core.io.bundle import save_model_bundle
    from playground.core.io.exporters import export_onnx

    from tests.core.test_integrity import _rewrite, _swap_tensors
    from tests.core.test_zip_members import _model

    model = _model()
    bundle = save_model_bundle(tmp_path / "good.nnpmodel", model)
    edited = _rewrite(bundle, tmp_path / "edited.nnpmodel", "model.safetensors",
                      lambda blob: _swap_tensors(blob, "input_mean", "input_std"))
    proto = onnx.load(str(export_onnx(model, tmp_path / "m.onnx")))
    gemm = next(n for n in proto.graph.node if n.op_type == "Gemm")
    gemm.op_type, gemm.domain = "FusedGemm", "com.microsoft"
    proto.opset_import.add(domain="com.microsoft", version=1)
    custom = tmp_path / "custom.onnx"
    onnx.save(proto, str(custom))
    runs = len(window.controller.runs)
    assert window.model_files.open_model_file(edited) is False
    assert window.model_files.open_model_file(custom) is False
    (_, _, checksum), (_, _, operator) = dialogs
    assert "SHA-256" in checksum and _is_japanese(checksum, "edited.nnpmodel", "model.safetensors", "SHA-256"), checksum
    assert "FusedGemm" in operator and "com.microsoft" in operator
    assert _is_japanese(operator, "custom.onnx", "FusedGemm", "com.microsoft", "ONNX", "Neural Network Playground"), operator
    assert len(window.controller.runs) == runs
