"""File ▸ Open Model… on files made elsewhere (issue 17, item 4): a TorchScript file without the
app's metadata asks what to feed it (1×28×28 offered), asks again when the answer does not fit,
and then predicts on the Draw tab; a channels-last ONNX file opens and says how it is fed."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest
import torch
import torch.nn as nn
from PySide6.QtWidgets import QDialog, QInputDialog

from tests.core.test_foreign_models import _ChannelsLast, _Mnist, _onnx

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture
def answers(monkeypatch):
    """The shape question (a QInputDialog) answered from a list; each question's label and offered text kept."""
    asked, replies = [], []

    def exec_(dialog):
        asked.append((dialog.windowTitle(), dialog.labelText(), dialog.textValue()))
        if not replies:
            return QDialog.DialogCode.Rejected
        dialog.setTextValue(replies.pop(0))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QInputDialog, "exec", exec_)
    return asked, replies


def _script(tmp_path):
    path = tmp_path / "mnist.pt"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.jit.save(torch.jit.script(_Mnist().eval()), str(path))
    return path


def test_a_torchscript_file_without_metadata_is_fed_at_the_shape_the_user_gives(window, dialogs, answers, tmp_path):
    asked, replies = answers
    replies.extend(["1x14x14", "1x28x28"])  # the first does not fit its Linear layer; asked again
    path = _script(tmp_path)
    assert window.model_files.open_model_file(path)
    assert len(asked) == 3 - 1  # the missing shape, then the shape that did not fit
    (_, first, offered), (_, second, again) = asked
    assert "playground.json" in first and offered == "1x28x28"
    assert "1×14×14" in second and "shapes cannot be multiplied" in second and again == "1x14x14"
    assert not dialogs  # nothing failed: no warning box
    predictor = window.controller.predictor
    assert predictor.input_shape == (1, 28, 28) and predictor.class_names == [str(i) for i in range(10)]
    x = np.random.default_rng(0).random((1, 1, 28, 28), dtype=np.float32)
    with torch.no_grad():
        expected = torch.softmax(_Mnist().eval()(torch.from_numpy(x)), 1).numpy()
    np.testing.assert_allclose(predictor.predict(x), expected, atol=1e-5)


def test_cancelling_the_question_opens_nothing(window, dialogs, answers, tmp_path):
    before = window.controller.predictor
    assert window.model_files.open_model_file(_script(tmp_path)) is False
    assert window.controller.predictor is before and not dialogs


def test_the_question_and_the_feeding_note_in_japanese(japanese, window, dialogs, answers, tmp_path):
    asked, replies = answers
    replies.append("1x28x28")
    assert window.model_files.open_model_file(_script(tmp_path))
    (title, label, _), = asked
    assert JAPANESE.search(title) and JAPANESE.search(label.split("\n")[0]), label
    path = _onnx(_ChannelsLast(), torch.zeros(1, 28, 28, 1), tmp_path / "keras.onnx")
    assert window.model_files.open_model_file(path)
    log = window.log_view.toPlainText()
    note = next((line for line in log.splitlines() if "keras.onnx" in line and "N×28×28×1" in line), "")
    assert note and JAPANESE.search(note), log[-600:]


def test_a_file_with_two_inputs_is_refused_with_a_dialog(window, dialogs, answers, tmp_path):
    class Two(nn.Module):
        def forward(self, a, b):
            return a + b

    path = _onnx(Two(), (torch.zeros(1, 4), torch.zeros(1, 4)), tmp_path / "two.onnx", names=("a", "b"))
    assert window.model_files.open_model_file(path) is False
    (_, _, text), = dialogs
    assert "two.onnx" in text and "(a, b)" in text
    assert not answers[0]  # nothing to ask: it cannot be fed at any shape
