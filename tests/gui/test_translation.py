"""The Japanese translation: the .qm loads, the .ts is complete and in step with the code,
and the real main window comes up in Japanese.

How to update the translation: resources/translations/README.md.
"""

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMessageBox, QTabWidget, QWidget

from playground.core.config.presets import resource_path
from playground.gui.i18n import language as i18n

ROOT = Path(__file__).resolve().parents[2]
GUI_SOURCES = sorted((ROOT / "playground" / "gui").rglob("*.py"))
TS = ROOT / "resources" / "translations" / "playground_ja.ts"
QM = Path(resource_path("translations", "playground_ja.qm"))
SHOTS = Path("/tmp/gui-shots")

LUPDATE_CMD = (
    "pyside6-lupdate $(find playground/gui -name '*.py') -ts resources/translations/playground_ja.ts -no-obsolete -locations none"
)
LRELEASE_CMD = "pyside6-lrelease resources/translations/playground_ja.ts -qm resources/translations/playground_ja.qm"
FIX = (
    f"Run from the repository root:\n  {LUPDATE_CMD}\n"
    "then translate the new entries in the .ts (remove type=\"unfinished\"), and\n"
    f"  {LRELEASE_CMD}\n(see resources/translations/README.md)"
)

# {0}, {1:.2%}, {train}, {0:,.0f}; Qt's %1 and %n
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d+")
MNEMONIC = re.compile(r"&([^&\s])")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def _tool(name: str) -> str | None:
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name)


def _messages(ts: Path) -> dict[tuple[str, str, str | None], ET.Element]:
    """(context, source, disambiguation) -> <message> for every message in a .ts file."""
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            out[(name, message.findtext("source"), message.findtext("comment"))] = message
    return out


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


# --------------------------------------------------------------------------- (a) the .qm


def test_qm_loads_and_translates_known_strings():
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}; build it with: {LRELEASE_CMD}"
    assert translator.language() == "ja_JP"
    expected = {
        ("MainWindow", "&File"): "ファイル(&F)",
        ("MainWindow", "&Train"): "学習(&T)",
        ("MainWindow", "Save &As…"): "名前を付けて保存(&A)…",
        ("MainWindow", "Open &Recent"): "最近使ったファイル(&R)",
        ("TrainingPanel", "Learning rate"): "学習率",
        ("TrainingPanel", "Early stopping"): "早期終了",
        (
            "TrainingPanel",
            "Ends training when the monitored validation metric stops improving; needs a validation split.",
        ): "監視する検証指標が改善しなくなったら学習を終了します。検証データが必要です。",
        ("TrainingPlots", "Loss"): "損失",
        ("TrainingPlots", "Accuracy"): "正解率",
        ("LayerHelp", "He normal"): "He の初期値 (正規分布)",
        ("WindowController", "Test accuracy {0:.2%} (loss {1:.4f})"): "テストデータの正解率 {0:.2%} (損失 {1:.4f})",
    }
    for (context, source), japanese in expected.items():
        assert translator.translate(context, source) == japanese, (context, source)
    assert translator.translate("LayerBuilder", "Insert %n layer(s)", None, 3) == "層を %n 個挿入"


def test_i18n_installs_the_japanese_translation(qapp):
    try:
        assert i18n.install_translators(qapp, "ja")
        assert QCoreApplication.translate("MainWindow", "&File") == "ファイル(&F)"
        assert QCoreApplication.translate("LayerBuilder", "Insert %n layer(s)", None, 2) == "層を 2 個挿入"
        assert "{0:.2%}" in QCoreApplication.translate("WindowController", ", accuracy {0:.2%}")
    finally:
        i18n.install_translators(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


# --------------------------------------------------------------------------- (b) the .ts


def test_every_message_is_finished_and_keeps_its_placeholders():
    messages = _messages(TS)
    assert len(messages) > 250
    problems = []
    for (context, source, _), message in messages.items():
        kind = message.find("translation").get("type")
        texts = _translations(message)
        if kind is not None or not all(t.strip() for t in texts):
            problems.append(f"{context}: {source!r} is {kind or 'empty'}")
            continue
        for text in texts:
            if Counter(PLACEHOLDER.findall(source)) != Counter(PLACEHOLDER.findall(text)):
                problems.append(f"{context}: placeholders differ: {source!r} -> {text!r}")
            if Counter(HTML_TAG.findall(source)) != Counter(HTML_TAG.findall(text)):
                problems.append(f"{context}: HTML tags differ: {source!r} -> {text!r}")
            wanted = [m.upper() for m in MNEMONIC.findall(source)]
            if wanted != [m.upper() for m in MNEMONIC.findall(text)]:
                problems.append(f"{context}: mnemonic differs: {source!r} -> {text!r} (use e.g. 'ファイル(&F)')")
            for end in ("…", ":", "\n"):
                if source.endswith(end) != text.endswith(end):
                    problems.append(f"{context}: trailing {end!r} differs: {source!r} -> {text!r}")
            if source.startswith(" ") != text.startswith(" "):  # suffixes such as " epochs"
                problems.append(f"{context}: leading space differs: {source!r} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_qm_is_built_from_the_current_ts():
    """The .qm the app loads says what the .ts says (compared message by message, not byte by
    byte, so another lrelease version does not matter)."""
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = []
    for (context, source, comment), message in _messages(TS).items():
        wanted = _translations(message)[0]
        numerus = message.get("numerus") == "yes"
        got = translator.translate(context, source, comment, 1 if numerus else -1)
        if got != wanted:
            stale.append(f"  {context}: {source!r}: .qm has {got!r}, .ts has {wanted!r}")
    assert not stale, "playground_ja.qm is older than playground_ja.ts:\n" + "\n".join(stale) + f"\nrun:\n  {LRELEASE_CMD}"


# --------------------------------------------------------------------------- (c) in step with the code


@pytest.fixture(scope="module")
def strings_in_code(tmp_path_factory) -> dict[tuple[str, str], ET.Element]:
    lupdate = _tool("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    ts = tmp_path_factory.mktemp("lupdate") / "current.ts"
    subprocess.run(
        [lupdate, "-silent", "-no-obsolete", "-locations", "none", *map(str, GUI_SOURCES), "-ts", str(ts)],
        check=True,
        timeout=300,
    )
    return _messages(ts)


def test_every_string_in_the_code_is_in_the_ts(strings_in_code):
    missing = sorted(set(strings_in_code) - set(_messages(TS)))
    listed = "\n".join(f"  {context}: {source!r}" for context, source, _ in missing)
    assert not missing, f"{len(missing)} tr() string(s) in playground/gui have no Japanese translation:\n{listed}\n{FIX}"


def test_the_ts_has_no_strings_the_code_dropped(strings_in_code):
    stale = sorted(set(_messages(TS)) - set(strings_in_code))
    listed = "\n".join(f"  {context}: {source!r}" for context, source, _ in stale)
    assert not stale, f"{len(stale)} string(s) in the .ts are no longer in the code:\n{listed}\n{FIX}"


def test_every_context_is_one_the_code_translates_in():
    """self.tr() looks strings up under the class's name; lupdate takes the name before `.tr(`.
    A context that is neither a class in playground/gui nor a literal translate("Context", ...)
    context (e.g. `window.tr(...)` gives 'window') is never found at run time."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in GUI_SOURCES)
    known = set(re.findall(r"^\s*class (\w+)", code, re.M))
    known |= set(re.findall(r"translate\(\s*\"(\w+)\"", code))
    known |= set(re.findall(r"QT_TRANSLATE_NOOP\(\s*\"(\w+)\"", code))  # e.g. pyqtgraph's menus (plot_menus.py)
    wrong = sorted({context for context, _, _ in _messages(TS)} - known)
    assert not wrong, f"contexts that never match at run time: {wrong}"


# --------------------------------------------------------------------------- (d) the real window


def _visible_texts(window: QWidget) -> list[str]:
    """What the window shows as text: menus, actions, tabs, labels, buttons, group titles, tooltips."""
    texts = [a.text() for a in window.menuBar().actions()]
    for menu_action in window.menuBar().actions():
        texts += [a.text() for a in menu_action.menu().actions() if not a.isSeparator()]
    for widget in window.findChildren(QWidget):
        texts.append(widget.toolTip())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
    return [t for t in texts if t]


@pytest.fixture
def no_dialogs(monkeypatch):
    for kind in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: QMessageBox.StandardButton.Discard)


def test_main_window_in_japanese(japanese, no_dialogs, qtbot, tmp_path):
    from playground.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, data_dir=str(tmp_path / "data"))
    qtbot.addWidget(window)
    try:
        window.resize(1400, 900)
        window.show()
        qtbot.waitUntil(lambda: window.data_panel.dataset() is not None and window.train_action.isEnabled(), timeout=10000)

        menus = [a.text() for a in window.menuBar().actions()]
        assert menus[:2] == ["ファイル(&F)", "編集(&E)"], menus
        assert "学習(&T)" in [a.text() for a in window.findChildren(type(window.train_action))]
        assert window.settings_tabs.tabText(0) == "データ"

        # Nothing the .ts translates may still show in English (e.g. a tr() whose runtime context
        # is not the one lupdate saw).
        english = {source for (_, source, _), m in _messages(TS).items() if _translations(m)[0] != source}
        left = sorted({t for t in _visible_texts(window) if t in english})
        assert not left, f"shown untranslated: {left}"

        SHOTS.mkdir(parents=True, exist_ok=True)
        png = SHOTS / "main-window-ja.png"
        assert window.grab().save(str(png)), png
        assert png.stat().st_size > 20_000
        for index, name in enumerate(("data", "model", "training")):  # each settings tab, for a person to look at
            window.settings_tabs.setCurrentIndex(index)
            qtbot.wait(50)
            window.grab().save(str(SHOTS / f"main-window-ja-{name}.png"))
    finally:
        window.session.shutdown()
        window.controller.set_dirty(False)


def test_a_japanese_font_is_available(qapp):
    """Without a CJK font Japanese shows as boxes (Debian/Ubuntu: apt-get install fonts-noto-cjk)."""
    families = QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
    if not families:
        pytest.skip("no font with Japanese glyphs is installed (fonts-noto-cjk); the UI would show boxes")
    assert families
