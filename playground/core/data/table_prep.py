"""From a table as read (table.py) to numbers a network trains on, and back for new rows.

`prepare_table(table, target, ...)` takes the caller's choices — the target column, the task
(inferred when not given: text or few distinct whole numbers -> classification, else
regression), column kinds to override ("numeric", "categorical" or "ignore") — and makes a seeded
train / validation / test split (stratified for classification). Then, from the training rows
only: each numeric column's missing values are filled with its median and the column standardised
with its mean and standard deviation; each categorical column's missing values are filled with its
most frequent value and the column one-hot encoded (its categories are every value in the file,
so no split meets one it cannot encode). Rows without a target are dropped.

The fitted `TablePreprocessing` is plain JSON (`to_dict` / `from_dict`) and `encode(rows)` turns
raw rows (mappings of column name to text, as csv.DictReader gives) into the network's input,
so a model trained on a table predicts from rows of the same table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import numpy as np

from playground.core.data.dataset import DatasetError, stratified_split
from playground.core.data.table import MISSING, Column, Table, number_label

__all__ = ["CHOICES", "PreparedTable", "TablePreprocessing", "TableReport", "infer_task", "prepare_table"]

CHOICES = ("numeric", "categorical", "ignore")  # what a caller may make of a column
MAX_CLASSES = 50
_FEW_INTEGERS = 20  # a numeric target with at most this many different whole numbers: classes


def infer_task(column: Column) -> str:
    """"classification" for text, or for at most 20 different whole numbers; else "regression"."""
    if column.numbers is None:
        return "classification"
    values = column.numbers[~np.isnan(column.numbers)]
    if np.all(values == np.round(values)) and len(np.unique(values)) <= _FEW_INTEGERS:
        return "classification"
    return "regression"


def _numbers_with_text(column: Column) -> bool:
    """Whether a column is numbers with a stray text value (a typo, a unit, "n.a."): it starts with
    numbers and (nearly) all its different values are numbers, too many or too fine for classes."""
    if column.numbers is not None or column.first_text is None or column.first_text[0] <= 2:
        return False
    if column.categories is None:
        return True
    numbers = []
    for value in column.categories:
        try:
            numbers.append(_parse_number(value))
        except ValueError:
            pass
    whole_few = all(float(v).is_integer() for v in numbers) and len(numbers) <= _FEW_INTEGERS
    return len(numbers) >= 0.8 * len(column.categories) and not whole_few


# --------------------------------------------------------------------------- the fitted preprocessing


def _parse_number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float(text.replace(",", "."))  # a decimal comma


@dataclass
class TablePreprocessing:
    """What turns a raw row into the network's input: per column (in order) its kind and, for
    numeric ones, the fill value, mean and std; for categorical ones, the fill value and the
    categories (one input each). `table_columns` is every column of the table in its order (the
    target and the columns left out too), so a row given as a list of values can be read; None in
    models saved before it was kept. Plain JSON through to_dict/from_dict."""

    target: str
    task: str
    class_names: list[str] | None
    columns: list[dict[str, Any]]
    table_columns: list[str] | None = None

    @property
    def feature_names(self) -> list[str]:
        out = []
        for c in self.columns:
            out += [c["name"]] if c["type"] == "numeric" else [f"{c['name']}={v}" for v in c["categories"]]
        return out

    @property
    def input_size(self) -> int:
        return len(self.feature_names)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "target": self.target,
            "task": self.task,
            "class_names": self.class_names,
            "columns": [dict(c) for c in self.columns],
            **({"table_columns": list(self.table_columns)} if self.table_columns is not None else {}),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TablePreprocessing:
        table_columns = data.get("table_columns")
        return cls(
            data["target"], data["task"], data.get("class_names"), [dict(c) for c in data["columns"]],
            None if table_columns is None else [str(n) for n in table_columns],
        )

    def encode(self, rows: Iterable[Mapping[str, str]]) -> np.ndarray:
        """float32 (rows × input_size). Missing values are filled as in training; a missing column,
        a value that is no number in a numeric column or an unseen category raise DatasetError
        naming the column (and the row, counting the first as 1)."""
        out = []
        for i, row in enumerate(rows, 1):
            vector: list[float] = []
            for c in self.columns:
                name = c["name"]
                if name not in row or row[name] is None:
                    raise DatasetError(
                        f"Row {i} has no column '{name}' — the model needs the columns it was trained on: "
                        f"{', '.join(x['name'] for x in self.columns)}.",
                        "row_missing_column",
                        {"row": i, "name": name, "columns": ", ".join(x["name"] for x in self.columns)},
                    )
                text = str(row[name]).strip()
                missing = text.lower() in MISSING
                if c["type"] == "numeric":
                    if missing:
                        value = c["fill"]
                    else:
                        try:
                            value = _parse_number(text)
                        except ValueError:
                            raise DatasetError(
                                f"Row {i}, column '{name}': '{text}' is not a number — this column held numbers "
                                "when the model was trained; give a number or leave the cell empty.",
                                "row_not_a_number",
                                {"row": i, "name": name, "value": text},
                            ) from None
                    vector.append((value - c["mean"]) / c["std"])
                else:
                    if missing:
                        text = c["fill"]
                    elif c.get("numbers"):
                        try:
                            text = number_label(_parse_number(text))
                        except ValueError:
                            pass
                    if text not in c["categories"]:
                        raise DatasetError(
                            f"Row {i}, column '{name}': '{text}' is a value the model never saw — it knows "
                            f"{', '.join(c['categories'])}.",
                            "row_unseen_category",
                            {"row": i, "name": name, "value": text, "categories": ", ".join(c["categories"])},
                        )
                    vector += [1.0 if text == v else 0.0 for v in c["categories"]]
            out.append(vector)
        return np.asarray(out, dtype=np.float32).reshape(len(out), self.input_size)


# --------------------------------------------------------------------------- the report


@dataclass
class TableReport:
    """What happened to the table, for the user: rows read, dropped and why, values filled per
    column, columns left out and why, the split."""

    rows_read: int
    encoding: str
    separator: str
    decimal_comma: bool
    task: str
    target: str
    columns: list[tuple[str, str, str]]  # (name, kind used: numeric/categorical/ignore/target, note)
    rows_dropped: dict[str, int] = field(default_factory=dict)
    filled: dict[str, int] = field(default_factory=dict)
    split: tuple[int, int, int] = (0, 0, 0)  # train, validation, test rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows_read": self.rows_read, "encoding": self.encoding, "separator": self.separator,
            "decimal_comma": self.decimal_comma, "task": self.task, "target": self.target,
            "columns": [list(c) for c in self.columns], "rows_dropped": dict(self.rows_dropped),
            "filled": dict(self.filled), "split": list(self.split),
        }

    def lines(self) -> list[str]:
        from playground.core.data.table import SEPARATORS

        sep = SEPARATORS.get(self.separator, repr(self.separator))
        out = [
            f"Read {self.rows_read} rows ({self.encoding}, {sep}-separated"
            + (", decimal commas" if self.decimal_comma else "") + f"); target '{self.target}', {self.task}."
        ]
        for reason, n in self.rows_dropped.items():
            out.append(f"Dropped {n} row{'s' * (n != 1)}: {reason}.")
        for name, kind, note in self.columns:
            if kind == "ignore":
                out.append(f"Left out column '{name}'" + (f": {note}." if note else "."))
        for name, n in self.filled.items():
            out.append(f"Filled {n} missing value{'s' * (n != 1)} in '{name}'.")
        out.append(f"Split: {self.split[0]} train, {self.split[1]} validation, {self.split[2]} test rows.")
        return out


@dataclass
class PreparedTable:
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    preprocessing: TablePreprocessing
    report: TableReport
    rows: tuple[np.ndarray, np.ndarray, np.ndarray]  # the train, validation and test rows' positions in the table


# --------------------------------------------------------------------------- preparing


def _kinds(table: Table, target: str, types: Mapping[str, str] | None) -> dict[str, str]:
    """Each feature column's kind: the caller's where given, else the inferred one ("ignore" for
    columns left out)."""
    types = dict(types or {})
    for name, kind in types.items():
        table.column(name)  # unknown column: DatasetError listing them
        if kind not in CHOICES:
            raise DatasetError(
                f"Column '{name}': '{kind}' is no column type — choose {', '.join(CHOICES)}.",
                "bad_column_type",
                {"name": name, "value": kind, "choices": ", ".join(CHOICES)},
            )
    kinds = {}
    for c in table.columns:
        if c.name == target:
            continue
        kind = types.get(c.name) or (c.kind if c.usable else "ignore")
        if kind == "numeric" and c.numbers is None:
            line, value = c.first_text or (0, "")
            raise DatasetError(
                f"Column '{c.name}' cannot be numeric: line {line} holds '{value}' — make it categorical or leave it out.",
                "column_not_numeric",
                {"name": c.name, "line": line, "value": value},
            )
        if kind == "categorical" and _labels(c)[1] is None:
            raise DatasetError(
                f"Column '{c.name}' has too many different values to be categories — make it numeric or leave it out.",
                "column_too_many_values",
                {"name": c.name},
            )
        kinds[c.name] = kind
    if not any(k != "ignore" for k in kinds.values()):
        raise DatasetError(
            f"No column is left to predict '{target}' from — give at least one other column a type "
            "(numeric or categorical).",
            "table_no_features",
            {"target": target},
        )
    return kinds


def _labels(c: Column) -> tuple[np.ndarray, list[str] | None]:
    """(codes with -1 where missing, sorted category names) of a column taken as categories;
    names None when it has more than the reader kept."""
    if c.numbers is not None:
        present = ~np.isnan(c.numbers)
        values, inverse = np.unique(c.numbers[present], return_inverse=True)
        if len(values) > 1000:
            return np.empty(0, np.int32), None
        codes = np.full(len(c.numbers), -1, np.int32)
        codes[present] = inverse
        return codes, [number_label(v) for v in values]
    if c.categories is None:
        return np.empty(0, np.int32), None
    order = sorted(range(len(c.categories)), key=lambda i: c.categories[i])
    remap = np.empty(len(order) + 1, np.int32)
    remap[-1] = -1
    remap[np.array(order, dtype=np.int64)] = np.arange(len(order), dtype=np.int32)
    return remap[c.codes], [c.categories[i] for i in order]


def _target(table: Table, target: str, task: str | None) -> tuple[str, np.ndarray, list[str] | None, np.ndarray]:
    """(task, y for every row, class names, rows with a target)."""
    column = table.column(target)
    if task is None:
        task = "regression" if _numbers_with_text(column) else infer_task(column)
    if task not in ("classification", "regression"):
        raise DatasetError(
            f"'{task}' is no task — choose classification or regression.", "bad_task", {"value": task}
        )
    if task == "regression":
        if column.numbers is None:
            line, value = column.first_text or (0, "")
            raise DatasetError(
                f"The target '{target}' holds text ('{value}' on line {line}), so it cannot be predicted as a number "
                "(regression) — fix that row, or choose classification.",
                "target_text",
                {"name": target, "line": line, "value": value},
            )
        keep = ~np.isnan(column.numbers)
        return task, column.numbers.astype(np.float32), None, keep
    codes, names = _labels(column)
    if names is None or len(names) > MAX_CLASSES:
        raise DatasetError(
            f"The target '{target}' has more than {MAX_CLASSES} different values — too many classes; choose "
            "regression for a number, or another column.",
            "target_too_many_classes",
            {"name": target, "limit": MAX_CLASSES},
        )
    keep = codes >= 0
    if len(np.unique(codes[keep])) < 2:
        only = names[0] if names else ""
        raise DatasetError(
            f"The target '{target}' has only one class ('{only}') — a classifier needs at least two; choose "
            "another column.",
            "target_one_class",
            {"name": target, "value": only},
        )
    return task, codes.astype(np.int64), names, keep


def _split(task: str, y: np.ndarray, test_split: float, val_split: float, seed: int):
    n = len(y)
    if task == "classification":
        rest, test = stratified_split(y, test_split, seed)
        if val_split > 0:
            inner_train, inner_val = stratified_split(y[rest], val_split / (1 - test_split), seed + 1)
            return rest[inner_train], rest[inner_val], test
        return rest, np.empty(0, np.int64), test
    order = np.random.default_rng(seed).permutation(n)
    n_test = max(1, round(n * test_split)) if test_split > 0 else 0
    n_val = max(1, round(n * val_split)) if val_split > 0 else 0
    return order[n_test + n_val:], order[n_test:n_test + n_val], order[:n_test]


def prepare_table(
    table: Table,
    target: str,
    *,
    task: str | None = None,
    types: Mapping[str, str] | None = None,
    test_split: float = 0.2,
    val_split: float = 0.1,
    seed: int = 0,
) -> PreparedTable:
    """The table as train / validation / test arrays for `target` (see the module's notes)."""
    task, y_all, class_names, keep = _target(table, target, task)
    kinds = _kinds(table, target, types)
    rows = np.flatnonzero(keep)
    if len(rows) < 3:
        raise DatasetError(
            f"Rows with a value in '{target}': {len(rows)} — a table needs at least three (to train, validate and test).",
            "table_too_few_rows",
            {"rows": len(rows), "name": target},
        )
    y = y_all[rows]
    train, val, test = _split(task, y, test_split, val_split, seed)
    columns, blocks, filled = [], [], {}
    for c in table.columns:
        kind = kinds.get(c.name, "ignore")
        if kind == "ignore":
            continue
        if kind == "numeric":
            x = c.numbers[rows]
            known = x[train][~np.isnan(x[train])]
            fill = float(np.median(known)) if len(known) else 0.0
            missing = np.isnan(x)
            x = np.where(missing, fill, x)
            mean, std = float(x[train].mean()), float(x[train].std())
            std = std if std > 1e-12 else 1.0
            blocks.append(((x - mean) / std).astype(np.float32)[:, None])
            columns.append({"name": c.name, "type": "numeric", "fill": fill, "mean": mean, "std": std})
        else:
            codes, names = _labels(c)
            codes = codes[rows]
            counts = np.bincount(codes[train][codes[train] >= 0], minlength=len(names))
            fill_code = int(counts.argmax())
            missing = codes < 0
            codes = np.where(missing, fill_code, codes)
            blocks.append(np.eye(len(names), dtype=np.float32)[codes])
            columns.append(
                {"name": c.name, "type": "categorical", "fill": names[fill_code], "categories": names,
                 "numbers": c.numbers is not None}
            )
        if missing.any():
            filled[c.name] = int(missing.sum())
    x = np.concatenate(blocks, axis=1)
    del blocks
    if task == "regression":
        y = y.reshape(-1, 1)
    prep = TablePreprocessing(target, task, class_names, columns, table.names)
    notes = []
    for c in table.columns:
        if c.name == target:
            notes.append((c.name, "target", ""))
        else:
            kind = kinds[c.name]
            note = c.note if kind == "ignore" and not c.usable else ("left out by choice" if kind == "ignore" else "")
            notes.append((c.name, kind, note))
    dropped = int(len(keep) - keep.sum())
    report = TableReport(
        rows_read=table.n_rows, encoding=table.encoding, separator=table.separator,
        decimal_comma=table.decimal_comma, task=task, target=target, columns=notes,
        rows_dropped={f"no value in the target '{target}'": dropped} if dropped else {},
        filled=filled, split=(len(train), len(val), len(test)),
    )
    return PreparedTable(
        x[train], y[train], x[val], y[val], x[test], y[test], prep, report, (rows[train], rows[val], rows[test])
    )
