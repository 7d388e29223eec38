"""The engine's English catalogues (datasets, optimizers, schedules, compare settings, variant
names, presets) and its layer-stack errors and canvas reasons, shown in the UI's language by
gui/i18n/core_text.py, falling back to English."""

import re
import string

import pytest

from playground.core.experiments.compare import vary
from playground.core.experiments.lesson_texts import SETTINGS
from playground.core.experiments.lessons import LESSONS
from playground.core.data.registry import list_datasets
from playground.core.training.catalog import OPTIMIZERS, SCHEDULES
from playground.core.config.presets import list_presets, load_preset
from playground.gui.i18n import core_text, dataset_text
from playground.gui.i18n import language as i18n

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
FIX = "update playground/gui/i18n/core_text.py (dataset texts: dataset_text.py) and the .ts (resources/translations/README.md)"


def _catalogue_pairs():
    """(what, engine English, core_text's text) for every identifier-keyed entry."""
    pairs = []
    for info in list_datasets():
        pairs.append((f"dataset {info.name} title", info.title, dataset_text.dataset_title(info.name, "")))
        pairs.append((f"dataset {info.name}", info.description, dataset_text.dataset_description(info.name, "")))
    for info in OPTIMIZERS.values():
        pairs.append((f"optimizer {info.name}", info.help, core_text.optimizer_help(info.name, "")))
    for info in SCHEDULES.values():
        pairs.append((f"schedule {info.name} title", info.title, core_text.schedule_title(info.name, "")))
        pairs.append((f"schedule {info.name}", info.help, core_text.schedule_help(info.name, "")))
    for name in list_presets():
        pairs.append((f"preset {name}", load_preset(name).description, core_text.preset_description(name, load_preset(name).description)))
    return pairs


def test_every_catalogue_entry_is_covered_and_says_what_the_engine_says(english):
    """In English the mapping gives the engine's own sentence back, so a sentence changed in
    core (or an entry added there) shows up here instead of as stale or English UI text."""
    stale = [f"{what}: engine says {core!r}, core_text has {ours!r}" for what, core, ours in _catalogue_pairs() if core != ours]
    params = {p.help for info in [*OPTIMIZERS.values(), *SCHEDULES.values()] for p in info.params.values()}
    stale += [f"parameter help {text!r} is not in core_text" for text in sorted(params) if text not in core_text._param_helps()]
    labels = {p.label for info in [*OPTIMIZERS.values(), *SCHEDULES.values()] for p in info.params.values()}
    stale += [f"parameter label {text!r} is not in core_text" for text in sorted(labels) if text not in core_text._param_labels()]
    stale += [f"a parameter has no label: {text!r}" for text in labels if not text]
    assert not stale, "\n".join(stale) + "\n" + FIX


def test_the_catalogues_show_in_japanese(japanese):
    same_in_both = {"XOR", "One Cycle"}  # names kept in Latin script, as the README's conventions say
    english_left = [
        f"{what}: {ours!r}" for what, _, ours in _catalogue_pairs() if not JAPANESE.search(ours) and ours not in same_in_both
    ]
    params = {p.help for info in [*OPTIMIZERS.values(), *SCHEDULES.values()] for p in info.params.values()}
    english_left += [text for text in params if not JAPANESE.search(core_text.param_help(text))]
    labels = {p.label for info in [*OPTIMIZERS.values(), *SCHEDULES.values()] for p in info.params.values()}
    english_left += [text for text in labels if not JAPANESE.search(core_text.param_label("", text))]
    english_left += [
        f"setting {name}" for name, text in SETTINGS.items() if not JAPANESE.search(core_text.setting_help(name, text))
    ]
    assert not english_left, "\n".join(english_left) + "\n" + FIX
    assert core_text.schedule_title("plateau", "Reduce on plateau") == "停滞したら下げる"
    assert core_text.device_title("CPU (4 threads)") == "CPU (4 スレッド)"
    assert core_text.device_title("NVIDIA H100 (80 GB)") == "NVIDIA H100 (80 GB)"


def test_where_a_dataset_comes_from_in_japanese(japanese, tmp_path):
    for info in list_datasets(tmp_path):
        where = dataset_text.dataset_where(info.where)
        assert where.startswith("/") or JAPANESE.search(where), (info.name, where)
        for path_or_file in re.findall(r"/\S+|\S+\.gz", info.where):
            assert path_or_file.rstrip(",") in where  # paths and file names stay as they are


def test_unknown_texts_fall_back_to_the_engine_english(japanese):
    assert dataset_text.dataset_title("my-data", "My data") == "My data"
    assert core_text.optimizer_help("lion", "Sign of the momentum.") == "Sign of the momentum."
    assert core_text.param_help("Something new.") == "Something new."
    assert core_text.variant_name("my variant") == "my variant"
    # a user's own preset, or a built-in one whose description was edited, keeps its text
    assert core_text.preset_description("my-preset", "Mine.") == "Mine."
    assert core_text.preset_description("mlp", "Edited.") == "Edited."
    assert JAPANESE.search(core_text.preset_description("mlp", load_preset("mlp").description))


# Variant names that are identifiers: optimizer and preset names, Xavier, He, L2 strengths.
IDENTIFIER = re.compile(r"(L2 [\d.e-]+|Xavier|He|" + "|".join(map(re.escape, [i.title for i in OPTIMIZERS.values()] + list(list_presets()))) + ")")


def test_every_variant_name_the_engine_makes_is_translated(japanese):
    base = load_preset("mlp")
    values = {
        "optimizer": list(OPTIMIZERS),
        "lr": ["0.001", "0.1"],
        "init": ["zeros", "normal_001", "xavier", "he_normal", "he_uniform"],
        "batch_size": ["16", "64"],
        "l2": ["off", "on", "0.1"],
        "dropout": ["off", "on", "0.5"],
        "augmentation": ["off", "on"],
        "batchnorm": ["off", "on"],
        "preset": list(list_presets()),
    }
    assert set(values) == set(SETTINGS), "a new compare setting: add its values here and its names to core_text"
    names = [v.name for setting, vals in values.items() for v in vary(base, setting, vals).variants]
    names += [v.name for entry in LESSONS.values() for v in entry.build().variants]
    left = sorted({n for n in names if not JAPANESE.search(core_text.variant_name(n)) and not IDENTIFIER.fullmatch(n)})
    assert not left, f"variant names still in English: {left}\n{FIX}"
    assert core_text.variant_name("lr 0.01") == "学習率 0.01"
    assert core_text.variant_name("weight decay (L2 0.1)") == "荷重減衰 (L2 0.1)"


def test_the_plots_right_click_menu_is_in_japanese(japanese, qtbot):
    """pyqtgraph's own menu texts come from our .ts (gui/i18n/plot_menus.py)."""
    import pyqtgraph as pg

    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    menu = plot.getPlotItem().getViewBox().menu
    assert menu.viewAll.text() == "全体を表示"
    assert [a.text() for a in menu.actions() if a.menu()][:2] == ["X 軸", "Y 軸"]
    assert plot.scene().contextMenu[0].text() == "エクスポート..."
    assert plot.getPlotItem().ctrlMenu.title() == "グラフのオプション"


# --------------------------------------------------------------------------- model errors

from playground.core.inference.recognize import CANVAS_UNAVAILABLE_MESSAGES, CanvasUnavailable  # noqa: E402
from playground.core.config.spec_errors import SPEC_ERROR_MESSAGES, SpecError  # noqa: E402
from playground.core.config.model_spec import LayerSpec, ModelSpec  # noqa: E402

from ..spec_errors import SPEC_ERROR_CASES, raised  # noqa: E402

CASE_IDS = [f"{case[0]}-{i}" for i, case in enumerate(SPEC_ERROR_CASES)]


def test_every_spec_error_key_has_a_template(english):
    assert set(core_text._spec_error_templates()) == set(SPEC_ERROR_MESSAGES), FIX


@pytest.mark.parametrize("key, make, layer, values", SPEC_ERROR_CASES, ids=CASE_IDS)
def test_a_spec_error_in_english_is_the_engine_message_word_for_word(english, key, make, layer, values):
    e = raised(make)
    assert core_text.spec_error_text(e) == str(e), FIX


@pytest.mark.parametrize("key, make, layer, values", SPEC_ERROR_CASES, ids=CASE_IDS)
def test_a_spec_error_in_japanese_keeps_the_layer_and_its_numbers(japanese, key, make, layer, values):
    e = raised(make)
    text = core_text.spec_error_text(e)
    assert JAPANESE.search(text) and text != str(e), text
    if SPEC_ERROR_MESSAGES[key].startswith("Layer {layer}"):
        assert text.startswith(f"層 {layer} ("), text
    shown = {field for _, field, _, _ in string.Formatter().parse(SPEC_ERROR_MESSAGES[key]) if field}
    for name in shown - {"what", "fix", "outputs_word"}:  # layer types, shapes, kernel sizes, ... stay as they are
        assert str(e.values[name]) in text, (name, e.values[name], text)
    assert "Layer" not in text and " — " not in text, text


def test_the_output_size_error_in_japanese_names_the_fix(japanese):
    with_dense = ModelSpec((2,), [LayerSpec("Dense", {"units": 8}), LayerSpec("Dense", {"units": 10})])
    assert core_text.spec_error_text(raised(lambda: with_dense.validate_for("classification", 2))) == (
        "モデルの出力は 10 個ですが、データセットのクラス数は 2 です。層 2 (Dense) のユニット数を 2 にしてください。"
    )
    no_dense = ModelSpec((3,), [LayerSpec("Activation")])
    assert core_text.spec_error_text(raised(lambda: no_dense.validate_for("regression", 1))) == (
        "モデルの出力は 3 個ですが、データセットの目的変数の数は 1 です。最後に Dense(1) 層を追加してください。"
    )


def test_errors_without_a_known_key_show_their_own_text(japanese):
    assert core_text.spec_error_text(SpecError("Variant 'a': Layer 1 (Dense) ...", 1)) == "Variant 'a': Layer 1 (Dense) ..."
    assert core_text.spec_error_text(SpecError("new", 1, "a_key_added_later", {"layer": 1})) == "new"
    assert core_text.spec_error_text(ValueError("not a spec error")) == "not a spec error"
    assert core_text.canvas_unavailable_text(CanvasUnavailable("no_model", {})) != CANVAS_UNAVAILABLE_MESSAGES["no_model"]


def test_why_a_model_cannot_read_drawings_in_both_languages(qapp):
    reasons = [CanvasUnavailable("no_model", {}), CanvasUnavailable("not_images", {"shape": "2"}),
               CanvasUnavailable("not_classes", {"shape": "1×8×8"})]
    assert {why.key for why in reasons} == set(CANVAS_UNAVAILABLE_MESSAGES)
    i18n.install_translators(qapp, "en")
    assert [core_text.canvas_unavailable_text(why) for why in reasons] == [why.message for why in reasons]
    assert i18n.install_translators(qapp, "ja")
    try:
        japanese = [core_text.canvas_unavailable_text(why) for why in reasons]
    finally:
        i18n.install_translators(qapp, "en")
    assert all(JAPANESE.search(text) for text in japanese), japanese
    assert "2" in japanese[1] and "1×8×8" in japanese[2]


def _conv_on_xor(window, qtbot):
    """The CNN preset's layers on the XOR points: its first Conv2D gets a 2-value input."""
    window.controller.apply_config(load_preset("cnn").replace(data=load_preset("xor-mlp").data))
    qtbot.waitUntil(lambda: not window.layer_builder.is_valid(), timeout=5000)
    return raised(lambda: ModelSpec((2,), load_preset("cnn").model.layers).validate_for("classification", 2))


def test_an_invalid_stack_shows_the_engine_english_in_the_window(english, window, qtbot):
    from PySide6.QtWidgets import QLabel

    engine = _conv_on_xor(window, qtbot)
    assert engine.key == "needs_image_input"
    assert window.layer_builder.validation_message() == str(engine)
    assert window.layer_builder.findChild(QLabel, "validation_message").text() == str(engine)
    assert window.statusBar().currentMessage() == str(engine)
    assert window.train_action.toolTip() == str(engine)


def test_an_invalid_stack_shows_the_japanese_message_in_the_window(japanese, window, qtbot):
    from PySide6.QtWidgets import QLabel

    engine = _conv_on_xor(window, qtbot)
    text = window.layer_builder.validation_message()
    assert text == core_text.spec_error_text(engine) and text.startswith("層 1 (Conv2D) には画像の入力"), text
    assert window.layer_builder.findChild(QLabel, "validation_message").text() == text
    assert window.statusBar().currentMessage() == text
    assert window.train_action.toolTip() == text and not window.train_action.isEnabled()
    assert window.network_diagram._invalid_layer == 1  # the layer number no longer comes from the English text


def test_a_comparison_variant_error_names_the_variant_in_japanese(japanese):
    """core.experiments.compare says "Variant 'lr 0.1': <the error>"; the window translates both parts."""
    from playground.core.experiments.compare import Comparison, Variant, run_comparison
    from playground.core.data.dataset import Dataset
    from playground.core.config.spec import RunConfig, TrainConfig
    from playground.core.config.model_spec import LayerSpec, ModelSpec

    import torch

    x, y = torch.rand(40, 2), torch.arange(40) % 2
    data = Dataset("toy", "classification", x[:30], y[:30], x[30:], y[30:], ["a", "b"], None, None)
    good = RunConfig(model=ModelSpec((), [LayerSpec("Dense", {"units": 2})]), train=TrainConfig(epochs=1, device="cpu"))
    bad = good.replace(model=ModelSpec((), [LayerSpec("Dense", {"units": 3})]))
    with pytest.raises(SpecError) as raised:
        run_comparison(Comparison("x", (Variant("lr 0.1", good), Variant("lr 0.01", bad))), data)
    text = core_text.spec_error_text(raised.value)
    assert text == "比較対象「学習率 0.01」: " + core_text.spec_error_text(raised.value.cause)
    assert "モデルの出力は 3 個" in text


def test_dataset_loading_messages_match_the_engine_and_read_in_japanese(qapp, tmp_path, monkeypatch):
    """The messages core.data really sends (a download from a local 'mirror', a folder read,
    a failed download) keep their English in the English UI and read in Japanese."""
    from playground.core.data import downloader
    from playground.core.data.downloader import DownloadError

    source = tmp_path / "src.bin"
    source.write_bytes(b"x" * 2048)
    said = []
    downloader.download([source.as_uri()], tmp_path / "got.bin", progress=lambda m, done, total: said.append(m))
    with pytest.raises(DownloadError) as failed:
        downloader.download([(tmp_path / "missing.bin").as_uri()], tmp_path / "nope.bin")
    messages = [said[0], str(failed.value)]
    assert messages[0].startswith("Downloading got.bin from ")
    assert [dataset_text.load_message_text(m) for m in messages] == messages  # English UI: as the engine says
    assert i18n.install_translators(qapp, "ja")
    try:
        japanese = [dataset_text.load_message_text(m) for m in messages]
    finally:
        i18n.install_translators(qapp, "en")
    assert japanese[0].startswith("got.bin を") and "ダウンロード" in japanese[0]
    first, _, mirrors = japanese[1].partition("\n")
    assert "nope.bin" in first and "ダウンロード" in first
    assert mirrors == str(failed.value).partition("\n")[2]  # the mirrors and reasons stay as they are
    assert dataset_text.load_message_text("something new") == "something new"


def test_fine_tuned_model_names_are_translated_however_often_tuned(japanese):
    """core.experiments.finetune names a fine-tuned model in English (projects keep that
    name); the window shows it in its language, nested names included."""
    from playground.core.experiments.finetune import FINE_TUNED_SUFFIX, fine_tuned_label
    from playground.core.inference.starter import STARTER_SOURCE

    once = fine_tuned_label(STARTER_SOURCE, 6)
    assert once == "Starter model (digits) fine-tuned on 6 personal samples"
    assert core_text.model_title(once) == "スターターモデル (数字) を自分のサンプル 6 個でファインチューニング"
    twice = fine_tuned_label(once, 1)
    assert core_text.model_title(twice) == (
        "スターターモデル (数字) を自分のサンプル 6 個でファインチューニング を自分のサンプル 1 個でファインチューニング"
    )
    assert core_text.model_title("Run 3" + FINE_TUNED_SUFFIX) == "実行 3 (ファインチューニング済み)"  # a run's own name too
    assert core_text.model_title("Run 3") == "実行 3"


def test_fine_tuned_model_names_read_back_in_english(english):
    from playground.core.experiments.finetune import FINE_TUNED_SUFFIX, fine_tuned_label

    for name in (fine_tuned_label("Run 2", 1), fine_tuned_label(fine_tuned_label("my model", 12), 3), "x" + FINE_TUNED_SUFFIX):
        assert core_text.model_title(name) == name


def test_a_failed_image_dataset_download_reads_in_japanese(qapp, tmp_path, monkeypatch):
    """Offline, choosing MNIST (or the mlp preset, which trains on it) says the download failed
    and where to put the four files: that advice was left in English in the Japanese window."""
    from playground.core.data import images
    from playground.core.data.dataset import DatasetError

    import dataclasses

    offline = dataclasses.replace(images.IDX_SOURCES["mnist"], mirrors=((tmp_path / "offline").as_uri() + "/",))
    monkeypatch.setitem(images.IDX_SOURCES, "mnist", offline)
    with pytest.raises(DatasetError) as failed:
        images._fetch_missing("mnist", tmp_path / "data", None, None)
    english = str(failed.value)
    assert english.startswith("Could not download") and "Put these four files" in english
    assert dataset_text.load_message_text(english) == english
    assert i18n.install_translators(qapp, "ja")
    try:
        japanese = dataset_text.load_message_text(english)
    finally:
        i18n.install_translators(qapp, "en")
    first, *mirrors, advice = japanese.split("\n")
    assert "ダウンロード" in first and "train-images-idx3-ubyte.gz" in first
    assert mirrors == english.split("\n")[1:-1]  # the mirrors and reasons stay as they are
    assert "Put these" not in advice and str(tmp_path / "data" / "mnist") in advice
