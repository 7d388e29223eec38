"""Tables of your own (issue 13, items 1, 5 and 7): reading CSV/TSV files as spreadsheets write
them, inferring column kinds, filling, one-hot encoding and standardising with the training rows
only, the fitted preprocessing as JSON, bad files refused with what to do, and the example tables."""

import csv
import io
import json

import numpy as np
import pytest

from playground.core.data.dataset import DatasetError
from playground.core.data.table import read_table
from playground.core.data.table_prep import TablePreprocessing, infer_task, prepare_table

HEADER = ["名前", "身長 (cm)", "血液型", "合否"]
ROWS = [
    ["山田 太郎", "170.5", "A", "合格"],
    ["佐藤, 花子", "158.25", "B", "不合格"],  # the separator inside a quoted field
    ['"ケン" 鈴木', "", "O", "合格"],  # quotes inside a quoted field; a missing value
    ["田中", "181", "AB", "不合格"],
    ["高橋", "165.75", "A", "合格"],
    ["伊藤", "NA", "B", "不合格"],
]


def _write(path, encoding, separator, header=HEADER, rows=ROWS, decimal_comma=False):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")  # as Excel writes
    writer.writerow(header)
    for row in rows:
        if decimal_comma:
            row = [c.replace(".", ",") if c.replace(".", "").isdigit() else c for c in row]
        writer.writerow(row)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize(
    "encoding, expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp932", "cp932"), ("utf-16", "utf-16")],  # utf-16: Excel's "Unicode text"
)
@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_each_encoding_and_separator_round_trips_a_japanese_table(tmp_path, encoding, expected, separator):
    path = _write(tmp_path / "t.csv", encoding, separator)
    table = read_table(path)
    assert (table.encoding, table.separator, table.n_rows) == (expected, separator, len(ROWS))
    assert table.names == HEADER
    assert table.preview == [[c for c in row] for row in ROWS]
    height = table.column("身長 (cm)")
    assert height.kind == "numeric" and height.missing == 2
    np.testing.assert_allclose(height.numbers, [170.5, 158.25, np.nan, 181, 165.75, np.nan])
    assert table.column("血液型").kind == "categorical"
    assert sorted(table.column("合否").categories) == ["不合格", "合格"]
    assert table.column("名前").kind == "categorical"  # six names: too few to call it an ID


def test_decimal_commas_with_semicolons(tmp_path):
    path = _write(tmp_path / "t.csv", "cp932", ";", decimal_comma=True)
    assert "170,5" in path.read_bytes().decode("cp932")
    table = read_table(path)
    assert table.decimal_comma and table.separator == ";"
    np.testing.assert_allclose(table.column("身長 (cm)").numbers, [170.5, 158.25, np.nan, 181, 165.75, np.nan])


def test_a_file_whose_first_rows_are_ascii_but_later_cp932_is_read_as_cp932(tmp_path):
    rows = [[str(i), str(i % 3), "x"] for i in range(110_000)] + [["1", "2", "日本"]]
    path = _write(tmp_path / "t.csv", "cp932", ",", header=["a", "b", "c"], rows=rows)
    assert path.stat().st_size > 1 << 20  # the sample the encoding is guessed from is the first MB
    table = read_table(path)
    assert table.encoding == "cp932" and "日本" in table.column("c").categories


def test_column_kinds_are_inferred_and_explained(tmp_path):
    rows = [[str(i + 1), f"id-{i:03d}", "same", str(i % 3), f"{i * 0.5:.1f}", "" if i % 4 else "NaN"] for i in range(40)]
    path = _write(tmp_path / "t.csv", "utf-8", ",", header=["row", "code", "const", "group", "value", "empty"], rows=rows)
    kinds = {c.name: (c.kind, c.note) for c in read_table(path).columns}
    assert kinds["row"][0] == "id" and "row number" in kinds["row"][1]
    assert kinds["code"][0] == "id" and "different" in kinds["code"][1]
    assert kinds["const"] == ("constant", "every value is 'same'")
    assert kinds["group"][0] == "numeric" and kinds["value"][0] == "numeric"
    assert kinds["empty"] == ("empty", "every value is missing")
    table = read_table(path)
    assert infer_task(table.column("group")) == "classification"  # few whole numbers
    assert infer_task(table.column("value")) == "regression"
    assert infer_task(table.column("code")) == "classification"


def _small_table(tmp_path):
    rows = [
        ["1.0", "red", "a"],
        ["", "blue", "a"],
        ["3.0", "?", "b"],
        ["5.0", "red", "b"],
        ["NA", "red", "a"],
        ["9.0", "green", "b"],
        ["2.0", "blue", "a"],
        ["4.0", "red", "b"],
    ]
    return read_table(_write(tmp_path / "t.csv", "utf-8", ",", header=["x", "colour", "label"], rows=rows))


def test_imputation_and_one_hot_match_hand_computation(tmp_path):
    table = _small_table(tmp_path)
    p = prepare_table(table, "label", test_split=0.25, val_split=0.0, seed=3)
    train, val, test = p.rows
    assert len(train) == 6 and len(val) == 0 and len(test) == 2
    x = np.array([1.0, np.nan, 3.0, 5.0, np.nan, 9.0, 2.0, 4.0])
    colour = np.array(["red", "blue", None, "red", "red", "green", "blue", "red"], dtype=object)
    # by hand: the median and the most frequent value of the training rows
    fill = float(np.median(x[train][~np.isnan(x[train])]))
    values, counts = np.unique([c for c in colour[train] if c is not None], return_counts=True)
    most = values[counts.argmax()]
    filled_x = np.where(np.isnan(x), fill, x)
    mean, std = filled_x[train].mean(), filled_x[train].std()
    cols = {c["name"]: c for c in p.preprocessing.columns}
    assert cols["x"]["fill"] == pytest.approx(fill) and cols["colour"]["fill"] == most
    assert cols["colour"]["categories"] == ["blue", "green", "red"]
    expected = []
    for i in list(train) + list(test):
        c = colour[i] if colour[i] is not None else most
        expected.append([(filled_x[i] - mean) / std] + [float(c == k) for k in ("blue", "green", "red")])
    np.testing.assert_allclose(np.concatenate([p.x_train, p.x_test]), np.array(expected), rtol=1e-6, atol=1e-6)
    assert p.report.filled == {"x": 2, "colour": 1}
    assert p.preprocessing.feature_names == ["x", "colour=blue", "colour=green", "colour=red"]
    assert p.preprocessing.class_names == ["a", "b"]
    np.testing.assert_array_equal(np.concatenate([p.y_train, p.y_test]), [[0, 0, 1, 1, 0, 1, 0, 1][i] for i in list(train) + list(test)])


def test_standardisation_uses_only_the_training_rows(tmp_path):
    """The mean and std come from the training rows: validation and test rows (given values far
    from the rest, so a leak moves the statistics a lot) are standardised with them."""
    rows = [[f"{v:.1f}", str(i % 2)] for i, v in enumerate(np.linspace(0, 10, 60))]
    table = read_table(_write(tmp_path / "t.csv", "utf-8", ",", header=["v", "y"], rows=rows))
    p = prepare_table(table, "y", task="regression", test_split=0.2, val_split=0.2, seed=1)
    train, val, test = p.rows
    v = np.round(np.linspace(0, 10, 60), 1)
    c = p.preprocessing.columns[0]
    assert c["mean"] == pytest.approx(v[train].mean()) and c["std"] == pytest.approx(v[train].std())
    # a leak would give the mean/std of all rows: make sure they differ enough to tell
    table2 = read_table(_write(tmp_path / "u.csv", "utf-8", ",", header=["v", "y"],
                               rows=[[str(1000.0 if i in set(val) | set(test) else v[i]), str(i % 2)] for i in range(60)]))
    p2 = prepare_table(table2, "y", task="regression", test_split=0.2, val_split=0.2, seed=1)
    assert [list(r) for r in p2.rows] == [list(r) for r in p.rows]  # the same seeded split
    c2 = p2.preprocessing.columns[0]
    assert c2["mean"] == pytest.approx(v[train].mean()) and c2["std"] == pytest.approx(v[train].std())
    np.testing.assert_allclose(p2.x_val[:, 0], (1000.0 - v[train].mean()) / v[train].std(), rtol=1e-5)
    np.testing.assert_allclose(p2.x_train.mean(0), 0.0, atol=1e-5)


def test_classification_split_is_stratified_and_seeded(tmp_path):
    rows = [[str((i * 7) % 13), "a" if i < 60 else "b"] for i in range(90)]
    table = read_table(_write(tmp_path / "t.csv", "utf-8", ",", header=["v", "y"], rows=rows))
    p = prepare_table(table, "y", test_split=0.2, val_split=0.1, seed=5)
    for y in (p.y_train, p.y_val, p.y_test):
        assert abs((y == 0).mean() - 2 / 3) < 0.1
    q = prepare_table(table, "y", test_split=0.2, val_split=0.1, seed=5)
    assert all(np.array_equal(a, b) for a, b in zip(p.rows, q.rows))
    assert len(set(np.concatenate(p.rows))) == 90


def test_the_caller_overrides_types_and_task(tmp_path):
    table = _small_table(tmp_path)
    p = prepare_table(table, "label", types={"x": "categorical", "colour": "ignore"}, val_split=0.0)
    assert p.preprocessing.feature_names == ["x=1", "x=2", "x=3", "x=4", "x=5", "x=9"]
    assert ("colour", "ignore", "left out by choice") in p.report.columns
    with pytest.raises(DatasetError) as caught:
        prepare_table(table, "label", types={"colour": "numeric"})
    assert caught.value.key == "column_not_numeric" and "line 2" in str(caught.value) and "'red'" in str(caught.value)
    with pytest.raises(DatasetError) as caught:
        prepare_table(table, "label", types={"nope": "numeric"})
    assert caught.value.key == "unknown_column" and "x, colour, label" in str(caught.value)
    r = prepare_table(table, "x", task="regression", val_split=0.0)
    assert r.preprocessing.task == "regression" and r.y_train.shape[1] == 1
    assert r.report.rows_dropped == {"no value in the target 'x'": 2}


def test_the_preprocessing_is_json_and_encodes_raw_rows(tmp_path):
    table = _small_table(tmp_path)
    p = prepare_table(table, "label", test_split=0.25, val_split=0.0, seed=3)
    prep = TablePreprocessing.from_dict(json.loads(json.dumps(p.preprocessing.to_dict())))
    with open(table.path, newline="", encoding="utf-8") as f:
        raw = list(csv.DictReader(f))
    encoded = prep.encode(raw)  # the target column is there too, and ignored
    np.testing.assert_allclose(encoded[p.rows[0]], p.x_train, atol=1e-6)
    np.testing.assert_allclose(encoded[p.rows[2]], p.x_test, atol=1e-6)
    with pytest.raises(DatasetError) as caught:
        prep.encode([{"x": "1", "colour": "purple"}])
    assert caught.value.key == "row_unseen_category" and "'colour'" in str(caught.value) and "blue, green, red" in str(caught.value)
    with pytest.raises(DatasetError) as caught:
        prep.encode([{"x": "1", "colour": "red"}, {"colour": "red"}])
    assert caught.value.key == "row_missing_column" and "Row 2" in str(caught.value) and "'x'" in str(caught.value)
    with pytest.raises(DatasetError) as caught:
        prep.encode([{"x": "tall", "colour": "red"}])
    assert caught.value.key == "row_not_a_number" and "'tall'" in str(caught.value)


# --------------------------------------------------------------------------- bad input (core)


def _refused(path, key, *words, target="y", **kw):
    with pytest.raises(DatasetError) as caught:
        prepare_table(read_table(path, **kw), target)
    assert caught.value.key == key, caught.value
    for w in words:
        assert w in str(caught.value), (w, str(caught.value))
    return caught.value


def test_bad_files_are_refused_with_what_to_do(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    _refused(empty, "table_empty", "is empty")
    blank = tmp_path / "blank.csv"
    blank.write_text("\n\n  \n")
    _refused(blank, "table_empty", "no rows")
    header = tmp_path / "header.csv"
    header.write_text("a,b,y\n")
    _refused(header, "table_header_only", "no data")
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("a,b,y\n1,2,x\n3,4,x\n5,6,7,y\n")
    _refused(ragged, "table_ragged", "Line 4", "4 values", "3 columns")
    one = tmp_path / "one.csv"
    one.write_text("a,y\n1,x\n2,x\n3,x\n")
    _refused(one, "target_one_class", "only one class", "'x'")
    text = tmp_path / "text.csv"
    text.write_text("a,y\n1,2.5\n2,3.5\n3,lots\n4,1.5\n5,4.5\n6,5.5\n")
    e = _refused(text, "target_text", "'lots'", "line 4")
    with pytest.raises(DatasetError):
        prepare_table(read_table(text), "y", task="regression")
    png = tmp_path / "picture.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    _refused(png, "table_not_text", "not a text table", "CSV UTF-8")
    big = tmp_path / "big.csv"
    big.write_text("a,y\n" + "1,2\n" * 1000)
    _refused(big, "table_too_large", "up to 0 MB", max_bytes=1000)
    _refused(_write(tmp_path / "t.csv", "utf-8", ",", header=["a", "b"], rows=[["1", "2"]] * 3), "unknown_column",
             "no column 'y'", "Its columns: a, b")
    assert e.values["line"] == 4


def test_task_inference_keeps_a_numeric_regression_target(tmp_path):
    rows = [[str(i % 7), f"{i * 1.37:.2f}"] for i in range(30)]
    table = read_table(_write(tmp_path / "t.csv", "utf-8", ",", header=["a", "y"], rows=rows))
    assert prepare_table(table, "y").preprocessing.task == "regression"
