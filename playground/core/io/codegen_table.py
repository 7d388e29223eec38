"""The PyTorch-code export of a model trained on a table (see codegen.py for the rest).

The generated file takes raw rows of the table, as the app's `playground predict MODEL ROWS.csv`
does: the table's fitted preprocessing (data/table_prep.TablePreprocessing — column names and
kinds, categories, fill values, means and standard deviations) is written into it as Python
literals, and plain functions (`encode_row`, `encode_rows`) turn a row into the network's input
exactly as `TablePreprocessing.encode` does, with the same messages for a missing column, an unseen
category or text in a numeric column. `read_rows` reads a CSV/TSV with the standard library (UTF-8
with or without a byte-order mark, UTF-16 with one, CP932/Shift_JIS; comma, semicolon or tab), and
`predict_rows` and the command line print what `playground predict` prints.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

__all__ = ["MISSING", "TABLE_TAIL", "table_code", "table_doc"]

# The cells read as missing: data/table.MISSING's values (io sits below data, so they are repeated
# here; tests/core/test_table_export.py checks that they agree).
MISSING = ("", "?", "n/a", "na", "nan", "null")


def _float(value: Any) -> str:
    """A float as Python source: repr (which reads back exactly), or float('inf') and kin."""
    value = float(value)
    return repr(value) if math.isfinite(value) else f"float({str(value)!r})"


def _column_line(c: Mapping[str, Any]) -> str:
    """One column as a commented dict literal."""
    if c["type"] == "numeric":
        note = f"# {c['name']!r}: numeric; missing -> {c['fill']!r} (the median), then (value - mean) / std"
        literal = (
            f'{{"name": {c["name"]!r}, "type": "numeric", "fill": {_float(c["fill"])}, '
            f'"mean": {_float(c["mean"])}, "std": {_float(c["std"])}}}'
        )
    else:
        note = (
            f"# {c['name']!r}: categorical, one input per category (1 for its value, 0 for the others); "
            f"missing -> {c['fill']!r} (the most frequent)"
        )
        literal = (
            f'{{"name": {c["name"]!r}, "type": "categorical", "fill": {c["fill"]!r}, '
            f'"categories": {list(c["categories"])!r}, "numbers": {bool(c.get("numbers"))!r}}}'
        )
    return f"    {note}\n    {literal},\n"


def _quoted(name: str) -> str:
    """A column name for the docstring: quoted, escaped, never closing the docstring."""
    return repr(name).replace('"""', '\\"\\"\\"')


def table_doc(table: Mapping[str, Any]) -> str:
    """The generated file's docstring lines about its input (after the weights sentence)."""
    return (
        f"The model was trained on a table to predict its column {_quoted(table['target'])} ({table['task']}).\n"
        "It takes raw rows of that table: the preprocessing fitted on the training rows (missing\n"
        "values filled, numbers standardised, categories one-hot encoded) is written below as plain\n"
        "Python (COLUMNS), and encode_rows() applies it.\n\n"
        "    python this_file.py ROWS.csv [ROWS.csv ...] [--json]   predict each row of a CSV\n"
        "    python this_file.py --summary                          print the layers and the columns\n\n"
        "A CSV or TSV (comma, semicolon or tab; UTF-8, UTF-8 with BOM or Shift_JIS/CP932) with the\n"
        "table's header row; the column the model predicts may be there and is ignored. In your own code:\n\n"
        "    rows = read_rows(\"rows.csv\")     # or dicts {column: text}, or lists in TABLE_COLUMNS order\n"
        "    for result in predict_rows(rows):\n"
        "        print(result)                # {\"row\": 1, \"class\": ..., \"probabilities\": {...}} or {\"row\": 1, \"value\": ...}\n\n"
        "    x = encode_rows(rows)            # the encoded input N×INPUT_SHAPE, what model(x) and ONNX take"
    )


def table_code(table: Mapping[str, Any]) -> str:
    """The constants and the encoding functions (placed before the Model class)."""
    names = [c["name"] for c in table["columns"]]
    table_columns = table.get("table_columns") or names + [table["target"]]
    columns = "".join(_column_line(c) for c in table["columns"])
    return (
        "# ----- The table's preprocessing, fitted on the training rows (plain Python literals).\n\n"
        f"TARGET = {table['target']!r}  # the column the model predicts: ignored when a row has it\n"
        f"TABLE_COLUMNS = {list(table_columns)!r}  # the table's columns in order (for a row given as a list)\n"
        "# The columns the model reads, in the order of its inputs:\n"
        f"COLUMNS = [\n{columns}]\n"
        f"MISSING = {list(MISSING)!r}  # cells read as missing (stripped, in any case)\n\n\n"
        + _TABLE_FUNCTIONS
    )


_TABLE_FUNCTIONS = '''\
class RowError(ValueError):
    """A row the model cannot read (a missing column, an unseen category, text in a numeric
    column) or a file that is not a table; the message names the problem and the fix."""


def _number(text):
    try:
        return float(text)
    except ValueError:
        return float(text.replace(",", "."))  # a decimal comma


def _number_label(value):
    """A number as a category name: 3.0 -> "3", 2.5 -> "2.5"."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def _as_dict(row, number):
    """A row as {column: text}: a dict as it is; a list of values in TABLE_COLUMNS order (the
    target may be left out)."""
    if hasattr(row, "keys"):
        return row
    values = list(row)
    names = TABLE_COLUMNS
    if len(values) == len(names) - 1 and TARGET in names:
        names = [n for n in names if n != TARGET]
    if len(values) != len(names):
        raise RowError(
            f"Row {number} has {len(values)} values, but the table's columns are {len(TABLE_COLUMNS)}: "
            f"{', '.join(TABLE_COLUMNS)} (the target '{TARGET}' may be left out) — give them in that order, "
            "or give the row as a dict {column: value}."
        )
    return dict(zip(names, values))


def encode_row(row, number=1):
    """One raw row (a dict {column: text}, or a list in TABLE_COLUMNS order) -> the model's
    input, a list of floats: each numeric column's value (a missing one filled) standardised,
    each categorical column one-hot. `number` names the row in messages (the first is 1)."""
    row = _as_dict(row, number)
    vector = []
    for c in COLUMNS:
        name = c["name"]
        if name not in row or row[name] is None:
            raise RowError(
                f"Row {number} has no column '{name}' — the model needs the columns it was trained on: "
                f"{', '.join(x['name'] for x in COLUMNS)}."
            )
        text = str(row[name]).strip()
        missing = text.lower() in MISSING
        if c["type"] == "numeric":
            if missing:
                value = c["fill"]
            else:
                try:
                    value = _number(text)
                except ValueError:
                    raise RowError(
                        f"Row {number}, column '{name}': '{text}' is not a number — this column held numbers "
                        "when the model was trained; give a number or leave the cell empty."
                    ) from None
            vector.append((value - c["mean"]) / c["std"])
        else:
            if missing:
                text = c["fill"]
            elif c["numbers"]:
                try:
                    text = _number_label(_number(text))
                except ValueError:
                    pass
            if text not in c["categories"]:
                raise RowError(
                    f"Row {number}, column '{name}': '{text}' is a value the model never saw — it knows "
                    f"{', '.join(c['categories'])}."
                )
            vector += [1.0 if text == v else 0.0 for v in c["categories"]]
    return vector


def encode_rows(rows):
    """Raw rows -> the model's input, a float32 tensor N×INPUT_SHAPE[0]."""
    vectors = [encode_row(row, i) for i, row in enumerate(rows, 1)]
    return torch.tensor(vectors, dtype=torch.float32).reshape(len(vectors), INPUT_SHAPE[0])


'''

TABLE_TAIL = '''\
def _separator(sample):
    """Comma, semicolon or tab: the one that splits the first lines into the most equal rows."""
    lines = sample.splitlines()[:60]
    best, best_score = ",", (0.0, 0)
    for sep in (",", ";", "\\t"):
        rows = [r for r in csv.reader(lines, delimiter=sep) if r]
        if not rows or len(rows[0]) < 2:
            continue
        width, data = len(rows[0]), rows[1:]
        score = (sum(len(r) == width for r in data) / len(data) if data else 1.0, width)
        if score > best_score:
            best, best_score = sep, score
    return best


def read_rows(path):
    """The rows of a CSV or TSV file as dicts {column: text}, the first row being the header.
    UTF-8 (with or without a byte-order mark), UTF-16 with one, or Shift_JIS/CP932 as Excel
    writes it on Japanese Windows; comma, semicolon or tab."""
    data = Path(path).read_bytes()
    if data.startswith((b"\\xff\\xfe", b"\\xfe\\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp932")
            except UnicodeDecodeError:
                raise RowError(f"{path} is not a text table — save it from your spreadsheet as CSV UTF-8.") from None
    text = text.lstrip("\\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text[:1 << 20]))
    header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    if header is None:
        raise RowError(f"{path} has no rows — give a header row and at least one row of data.")
    names, seen = [], set()
    for i, raw in enumerate(header, 1):  # blank and repeated names as the app reads them
        name = raw.strip() or f"column {i}"
        base, n = name, 2
        while name in seen:
            name, n = f"{base} ({n})", n + 1
        seen.add(name)
        names.append(name)
    rows = []
    for row in reader:
        if len(row) != len(names):
            if not any(cell.strip() for cell in row):
                continue  # a blank line
            if len(row) > len(names) and not any(cell.strip() for cell in row[len(names):]):
                row = row[:len(names)]  # empty cells after the last column, as Excel writes them
            else:
                raise RowError(
                    f"Line {reader.line_num} of {path} has {len(row)} values but the header has {len(names)} "
                    "columns — fix that line (a missing or extra separator, or a quote left open)."
                )
        rows.append(dict(zip(names, row)))
    if not rows:
        raise RowError(f"{path} has a header row but no rows to predict.")
    return rows


def predict_rows(rows, model=None):
    """One result per raw row (see encode_row): {"row": 1, "class": name, "probabilities":
    {name: p}} for classification, {"row": 1, "value": v} for regression. RowError names a
    missing column, an unseen category or text in a numeric column."""
    model = load_model() if model is None else model
    out = predict(model, encode_rows(rows))
    results = []
    for i, o in enumerate(out, 1):
        if TASK == "classification":
            names = CLASS_NAMES or [str(k) for k in range(len(o))]
            best = int(o.argmax())
            results.append({"row": i, "class": names[best], "probabilities": {n: float(p) for n, p in zip(names, o)}})
        else:
            results.append({"row": i, "value": float(o[0]) if len(o) == 1 else [float(v) for v in o]})
    return results


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\\n\\n")[0],
        usage="%(prog)s ROWS.csv [ROWS.csv ...] [--json]",
    )
    parser.add_argument("tables", nargs="*", help="CSV or TSV files with the table's columns (the target may be there: ignored)")
    parser.add_argument("--summary", action="store_true", help="print the layers, parameter count and columns")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--weights", default=str(WEIGHTS), help="the weights file (default: beside this file)")
    args = parser.parse_args()
    model = load_model(args.weights)
    if args.summary or not args.tables:
        print(model)
        print(f"{sum(p.numel() for p in model.parameters()):,} trainable parameters; input {INPUT_SHAPE}")
        print(f"Predicts '{TARGET}' ({TASK}) from the columns: {', '.join(c['name'] for c in COLUMNS)}")
        return
    results = []
    for path in args.tables:  # every file before printing anything
        try:
            results += [{"file": str(path), **r} for r in predict_rows(read_rows(path), model)]
        except (RowError, OSError) as e:
            print(f"error: {path}: {e}", file=sys.stderr)
            sys.exit(2)
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    for r in results:
        where = f"{r['file']} row {r['row']}"
        if "value" in r:
            print(f"{where}: {r['value']:.6g}" if isinstance(r["value"], float) else f"{where}: {r['value']}")
        else:
            print(f"{where}: {r['class']} ({r['probabilities'][r['class']]:.1%})")
            print("  " + "  ".join(f"{name} {p:.1%}" for name, p in r["probabilities"].items()))


if __name__ == "__main__":
    main()
'''
