"""The engine's settings, export and storage errors in the UI's language (issue 15, Japanese):
a searched setting that cannot take a value, an export that fails, a study storage that
cannot be opened."""

import pickle
import re
from pathlib import Path

import pytest

from playground.core.config.spec import RunConfig
from playground.core.errors import ConfigError
from playground.core.experiments.ensemble import EnsembleResult
from playground.core.experiments.search_space import Param, SearchSpace, TuneError
from playground.core.experiments.tune import open_storage
from playground.core.io.export import cannot_write, with_format_suffix
from playground.gui.dialogs.export_dialog import _ExportJob
from playground.gui.dialogs.search_space import tune_error_text
from playground.gui.i18n import language as i18n

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
ENGLISH_SENTENCE = re.compile(r"\b(must be|Cannot|cannot|is not|needs|choose|export is)\b")
BASE = {
    "name": "tiny",
    "data": {"name": "gauss", "options": {"n_samples": 200}, "val_split": 0.2},
    "model": {"layers": [{"type": "Dense", "units": 8}, {"type": "Activation", "function": "ReLU"}, {"type": "Dense", "units": 2}]},
    "optimizer": {"name": "adam", "lr": 0.03},
    "train": {"epochs": 2, "batch_size": 16, "device": "cpu"},
}


def _does_not_fit(param: Param) -> TuneError:
    with pytest.raises(TuneError) as caught:
        SearchSpace((param,)).check(RunConfig.from_dict(BASE))
    assert caught.value.key == "does_not_fit"
    return caught.value


@pytest.mark.parametrize(
    "param, words",
    [
        (Param("train.batch_size", "int", 0, 64), "バッチサイズは 1 以上の整数"),
        (Param("optimizer.lr", "float", 0.0, 0.1), "学習率は 0 より大きい数"),
        (Param("train.epochs", "int", 0, 5), "エポック数は 1 以上の整数"),
        (Param("optimizer.name", "categorical", choices=("adam", "nadam")), "最適化手法 nadam はありません"),
    ],
)
def test_a_searched_value_that_does_not_fit_says_why_in_japanese(japanese, param, words):
    text = tune_error_text(_does_not_fit(param))
    assert words in text and not ENGLISH_SENTENCE.search(text), text


def test_storage_errors_in_japanese(japanese, tmp_path):
    for url in ("study.db", f"sqlite:///{tmp_path}/no/such/folder/study.db"):
        with pytest.raises(TuneError) as caught:
            open_storage(url, retries=1)
        text = tune_error_text(caught.value)
        assert "ストレージ" in text and not ENGLISH_SENTENCE.search(text.replace(url, "")), text


def test_export_failures_in_japanese(japanese, tmp_path):
    messages = []
    # An ensemble (ONNX only) asked for another format; a file named for another format.
    for source, fmt, path in (
        (object.__new__(EnsembleResult), "torchscript", tmp_path / "e.pt"),
        (object.__new__(EnsembleResult), "onnx", tmp_path / "e.txt"),
    ):
        job = _ExportJob(source, fmt, path)
        job.signals.failed.connect(messages.append)
        job.run()
    assert len(messages) == 2
    for text in messages:
        assert JAPANESE.search(text) and not ENGLISH_SENTENCE.search(text), text
    assert "e.onnx" in messages[1]
    from playground.gui.i18n.error_text import export_error_text

    text = export_error_text(cannot_write(tmp_path / "m.onnx", OSError(28, "No space left on device")))
    assert text.startswith(str(tmp_path / "m.onnx")) and "ディスク" in text


def test_keyed_errors_keep_their_key_across_processes():
    with pytest.raises(ConfigError) as caught:
        RunConfig.from_dict(BASE).with_overrides(**{"train.batch_size": 0}).validate()
    again = pickle.loads(pickle.dumps(caught.value))
    assert (again.key, again.values, str(again)) == ("batch_size_below_1", {"value": 0}, str(caught.value))
    with pytest.raises(Exception) as caught:
        with_format_suffix(Path("m.txt"), "onnx")
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.key == "wrong_suffix" and again.values["suggested"] == "m.onnx"


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: d["data"].update(options=[1]), "data.options は名前と値の組"),
        (lambda d: d["model"]["layers"][0].update(units=10**30), "model.layers[0].units の値 "),
        (lambda d: d["train"].update(epochs=10**30), "train.epochs の値 "),
        (lambda d: d["optimizer"].update(lr=float("inf")), "optimizer.lr は有限の数"),
    ],
)
def test_wrong_typed_or_huge_settings_in_japanese(japanese, change, words):
    """Issue 14, item 5: a config field of the wrong type or far out of range is named in the window's language."""
    import copy
    import json

    from playground.gui.i18n.error_text import family_text

    data = copy.deepcopy(BASE)
    change(data)
    with pytest.raises(ConfigError) as caught:
        RunConfig.from_json(json.dumps(data))
    text = family_text(caught.value)
    assert words in text and not ENGLISH_SENTENCE.search(text), text


def test_json_nested_too_deep_in_japanese(japanese):
    from playground.gui.i18n.error_text import family_text

    with pytest.raises(ConfigError) as caught:
        RunConfig.from_json("[" * 5000 + "]" * 5000)
    assert "設定ファイルの入れ子が 5000 段と深すぎます" in family_text(caught.value)
