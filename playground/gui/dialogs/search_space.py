"""The search-space editor of the hyperparameter-search dialog: one setting per row
(`SpaceTable`), read back as a `core.experiments.search_space.SearchSpace`; and the words the
dialog shows for a setting's config key and for the study's metric (`setting_name`, `metric_name`)."""

from __future__ import annotations

import json
import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from playground.core.config.spec import RunConfig
from playground.core.experiments.search_space import KINDS, Param, SearchSpace, TuneError

__all__ = ["SpaceTable", "config_keys", "metric_name", "setting_name", "tune_error_text"]

COLUMNS = ("key", "kind", "low", "high", "log", "step", "values")


def _parse_values(text: str) -> tuple:
    """'16, 32, adam, true' -> (16, 32, 'adam', True): JSON where a token is JSON, else text."""
    values = []
    for token in (t.strip() for t in text.split(",")):
        if not token:
            continue
        try:
            values.append(json.loads(token))
        except json.JSONDecodeError:
            values.append(token)
    return tuple(values)


def _number(text: str, what: str) -> float | int | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        value = None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        # SpaceTable.space() puts the row in front.
        raise TuneError(QCoreApplication.translate("SearchDialog", "'{0}' must be a number, got '{1}'.").format(what, text))
    return value


class SpaceTable(QTableWidget):
    """The search-space editor: one parameter per row."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(
            [self.tr("Setting"), self.tr("Kind"), self.tr("Low"), self.tr("High"), self.tr("Log"), self.tr("Step"), self.tr("Values")]
        )
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 105), (2, 62), (3, 62), (4, 36), (5, 48)):
            self.setColumnWidth(column, width)
        self.verticalHeader().setVisible(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setToolTip(
            self.tr(
                "Each row is one setting to search, by its config key (e.g. optimizer.lr, train.batch_size, "
                "model.layers[0].units, model.layers[2].rate). Numbers: a Low–High range, on a log scale when Log "
                "is ticked, every Step if given; Values lists the grid sampler's points. Categorical: Values lists "
                "the choices, separated by commas."
            )
        )
        self.known_keys: list[str] = []

    def add_param(self, param: Param | None = None) -> None:
        param = param or Param("optimizer.lr", "float", 1e-4, 1e-1, log=True)
        row = self.rowCount()
        self.insertRow(row)
        key = QComboBox()
        key.setEditable(True)
        self._fill_keys(key, self.known_keys)
        key.setCurrentText(param.key)
        key.currentTextChanged.connect(lambda text, combo=key: combo.setToolTip(setting_name(text.strip())))
        key.setToolTip(setting_name(param.key))
        self.setCellWidget(row, 0, key)
        kind = QComboBox()
        titles = {"float": self.tr("Number"), "int": self.tr("Whole number"), "categorical": self.tr("Choices")}
        for name in KINDS:
            kind.addItem(titles[name], name)
        kind.setCurrentIndex(KINDS.index(param.kind))
        self.setCellWidget(row, 1, kind)
        numeric = param.kind != "categorical"
        self.setItem(row, 2, QTableWidgetItem(f"{param.low:g}" if numeric else ""))
        self.setItem(row, 3, QTableWidgetItem(f"{param.high:g}" if numeric else ""))
        log = QTableWidgetItem()
        log.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        log.setCheckState(Qt.CheckState.Checked if param.log else Qt.CheckState.Unchecked)
        self.setItem(row, 4, log)
        self.setItem(row, 5, QTableWidgetItem("" if param.step is None else f"{param.step:g}"))
        values = param.choices if param.kind == "categorical" else param.grid
        self.setItem(row, 6, QTableWidgetItem(", ".join(json.dumps(v) if not isinstance(v, str) else v for v in values)))

    def set_space(self, space: SearchSpace) -> None:
        self.setRowCount(0)
        for p in space.params:
            self.add_param(p)

    def set_known_keys(self, keys: list[str]) -> None:
        self.known_keys = keys
        for row in range(self.rowCount()):
            combo: QComboBox = self.cellWidget(row, 0)
            text = combo.currentText()
            combo.clear()
            self._fill_keys(combo, keys)
            combo.setCurrentText(text)

    def retranslate(self) -> None:
        """Each key's name in words (its tooltip) in the installed language; the kinds' names
        are fixed texts, said again by the dialog."""
        for row in range(self.rowCount()):
            combo: QComboBox = self.cellWidget(row, 0)
            for index in range(combo.count()):
                combo.setItemData(index, setting_name(combo.itemText(index)), Qt.ItemDataRole.ToolTipRole)
            combo.setToolTip(setting_name(combo.currentText().strip()))

    @staticmethod
    def _fill_keys(combo: QComboBox, keys: list[str]) -> None:
        """The config keys, each with its name in words as the tooltip (the key is what a
        search space file holds and what can be typed)."""
        for key in keys:
            combo.addItem(key)
            combo.setItemData(combo.count() - 1, setting_name(key), Qt.ItemDataRole.ToolTipRole)

    def space(self) -> SearchSpace:
        """The table as a SearchSpace; TuneError naming the row when a cell is wrong."""
        params = []
        for row in range(self.rowCount()):
            key = self.cellWidget(row, 0).currentText().strip()
            kind = self.cellWidget(row, 1).currentData()
            values = _parse_values(self.item(row, 6).text())
            try:
                if kind == "categorical":
                    params.append(Param(key, kind, choices=values))
                else:
                    low = _number(self.item(row, 2).text(), self.tr("Low"))
                    high = _number(self.item(row, 3).text(), self.tr("High"))
                    step = _number(self.item(row, 5).text(), self.tr("Step"))
                    log = self.item(row, 4).checkState() == Qt.CheckState.Checked
                    params.append(Param(key, kind, low, high, log=log, step=step, grid=values))
            except TuneError as e:
                raise TuneError(self.tr("Row {0}: {1}").format(row + 1, tune_error_text(e))) from None
        return SearchSpace(tuple(params))


def config_keys(cfg: RunConfig) -> list[str]:
    """Settings worth offering in the key column: the usual ones and each layer's own."""
    keys = ["optimizer.lr", "optimizer.name", "train.batch_size", "regularization.l2", "regularization.l1", "model.init"]
    for i, layer in enumerate(cfg.model.layers):
        if layer.type == "Dense":
            keys.append(f"model.layers[{i}].units")
        elif layer.type == "Conv2D":
            keys.append(f"model.layers[{i}].filters")
        elif layer.type == "Dropout":
            keys.append(f"model.layers[{i}].rate")
    return keys


# --------------------------------------------------------------------------- words for keys

_LAYER_KEY = re.compile(r"model\.layers\[(\d+)\]\.(\w+)$")


def setting_name(key: str) -> str:
    """A searched setting in words ("optimizer.lr" -> "Learning rate", "model.layers[0].units"
    -> "Layer 1: units"), in the UI's language; a key it does not know, as it is."""
    translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls
    names = {
        "optimizer.lr": translate("SearchSettings", "Learning rate"),
        "optimizer.name": translate("SearchSettings", "Optimizer"),
        "train.batch_size": translate("SearchSettings", "Batch size"),
        "train.epochs": translate("SearchSettings", "Epochs"),
        "regularization.l2": translate("SearchSettings", "L2 regularisation"),
        "regularization.l1": translate("SearchSettings", "L1 regularisation"),
        "model.init": translate("SearchSettings", "Weight initialisation"),
    }
    if key in names:
        return names[key]
    layer = _LAYER_KEY.match(key)
    if layer is not None:
        number, field = int(layer.group(1)) + 1, layer.group(2)  # layers are numbered from 1 in the window
        fields = {
            "units": translate("SearchSettings", "Layer {0}: units"),
            "filters": translate("SearchSettings", "Layer {0}: filters"),
            "rate": translate("SearchSettings", "Layer {0}: dropout rate"),
        }
        return fields[field].format(number) if field in fields else translate("SearchSettings", "Layer {0}: {1}").format(number, field)
    if key.startswith("optimizer.params."):
        return translate("SearchSettings", "Optimizer: {0}").format(key.removeprefix("optimizer.params."))
    return key


def metric_name(metric: str) -> str:
    """The study's metric in words ("val_accuracy" -> "Validation accuracy")."""
    translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls
    names = {
        "val_accuracy": translate("SearchSettings", "Validation accuracy"),
        "val_loss": translate("SearchSettings", "Validation loss"),
        "value": translate("SearchSettings", "Value"),
    }
    return names.get(metric, metric)


# --------------------------------------------------------------------------- search-space errors


def _tune_error_templates() -> dict[str, str]:
    translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls
    return {
        "no_key": translate("SearchSettings", "A row has no setting — choose one in the Setting column (e.g. optimizer.lr)."),
        "no_choices": translate("SearchSettings", "{name}: list the choices in the Values column, separated by commas."),
        "choice_twice": translate("SearchSettings", "{name}: the Values column lists a choice twice — remove one."),
        "low_not_number": translate("SearchSettings", "{name}: Low must be a number."),
        "high_not_number": translate("SearchSettings", "{name}: High must be a number."),
        "low_not_whole": translate("SearchSettings", "{name}: Low must be a whole number."),
        "high_not_whole": translate("SearchSettings", "{name}: High must be a whole number."),
        "low_above_high": translate("SearchSettings", "{name}: Low ({low:g}) is above High ({high:g}) — swap them."),
        "log_low": translate("SearchSettings", "{name}: a log range needs Low above 0 (it is {low:g})."),
        "bad_step": translate("SearchSettings", "{name}: Step must be a number above 0 (a whole number for whole numbers)."),
        "log_step": translate("SearchSettings", "{name}: a log range cannot have a Step — clear Log or Step."),
        "grid_value": translate("SearchSettings", "{name}: the value {value} in Values is not between Low ({low:g}) and High ({high:g})."),
        "no_grid": translate(
            "SearchSettings",
            "{name} is a range of numbers ({low:g} to {high:g}), which the grid sampler cannot list — give the values "
            "to try in the Values column (e.g. 0.001, 0.01, 0.1), give it a Step, or choose the Random or TPE sampler.",
        ),
        "empty_space": translate("SearchSettings", "The search space is empty — add at least one setting (e.g. optimizer.lr)."),
        "listed_twice": translate("SearchSettings", "The search space lists {names} more than once — remove the extra rows."),
        "does_not_fit": translate("SearchSettings", "{name} cannot take the value {value}: {cause}"),
        "storage_not_url": translate(
            "SearchSettings", "The storage {url} is not a database URL — use e.g. sqlite:///study.db or postgresql://user@host/db."
        ),
        "storage_cannot_open": translate(
            "SearchSettings",
            "Cannot open the study storage {url} ({reason}) — check the URL, that the folder exists and is writable, "
            "or that the database server is running.",
        ),
        "storage_driver": translate(
            "SearchSettings",
            "The study storage {url} needs a database driver that is not installed ({driver}) — install it (e.g. "
            "psycopg2-binary for PostgreSQL, PyMySQL for MySQL) or use a sqlite:/// URL.",
        ),
        "storage_bad_url": translate("SearchSettings", "The storage URL {url} is not valid ({reason}) — check how it is written."),
        "storage_unusable": translate("SearchSettings", "Cannot use the study storage {url} ({reason})."),
    }


def tune_error_text(e: BaseException) -> str:
    """A search-space error (a TuneError with a key) in the UI's language; any other error,
    through spec_error_text (a layer stack that does not fit), else its own text."""
    from playground.core.config.spec_errors import SpecError
    from playground.gui.i18n.core_text import spec_error_text
    from playground.gui.i18n.error_text import config_error_text

    key = getattr(e, "key", "")
    template = _tune_error_templates().get(key) if isinstance(key, str) else None
    if template is None:
        return spec_error_text(e)
    values = dict(getattr(e, "values", {}))
    if "param" in values:
        values["name"] = setting_name(values["param"])
    if "params" in values:
        values["names"] = ", ".join(setting_name(k) for k in values["params"])
    cause = values.get("cause")
    if isinstance(cause, SpecError):
        values["cause"] = spec_error_text(cause)
    elif isinstance(cause, BaseException):  # a setting's own check (ConfigError), the setting named in words
        values["cause"] = config_error_text(cause, setting_name)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation naming a value the engine did not give
        return str(e)
