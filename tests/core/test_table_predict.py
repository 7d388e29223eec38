"""A model trained on a table keeps the table's preprocessing in its bundle and predicts raw rows
(issue 13, item 3's second half and item 4's first part): `playground predict MODEL ROWS.csv`."""

import csv
import json

import numpy as np
import pytest
import torch

from playground.cli.main import main
from playground.core.data.table_prep import TablePreprocessing
from playground.core.io.bundle import load_bundle, load_model_bundle

HEADER = ["地域", "面積", "築年数", "価格"]


def _write(path, rows, header=HEADER, encoding="cp932", separator=";"):
    with open(path, "w", newline="", encoding=encoding) as f:
        writer = csv.writer(f, delimiter=separator, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _houses(n=120, seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        area, age = rng.uniform(20, 120), rng.integers(0, 40)
        region = ["東京", "大阪", "名古屋"][i % 3]
        price = 0.5 * area - 0.3 * age + {"東京": 30, "大阪": 15, "名古屋": 10}[region] + rng.normal(0, 2)
        rows.append([region, f"{area:.1f}".replace(".", ","), "" if i % 17 == 0 else str(age), f"{price:.2f}".replace(".", ",")])
    return rows


@pytest.mark.parametrize("suffix, load", [(".nnpmodel", load_model_bundle), (".safetensors", load_bundle)])
def test_a_bundle_trained_on_a_cp932_csv_predicts_raw_rows(tmp_path, capsys, suffix, load):
    data = _write(tmp_path / "家.csv", _houses())
    model_path = tmp_path / f"m{suffix}"
    code = main(["train", "--quiet", "--no-checkpoint", "--device", "cpu", "--csv", str(data), "--target", "価格",
                 "--epochs", "30", "--save", str(model_path)])
    assert code == 0
    capsys.readouterr()
    trained = load(model_path)
    prep = TablePreprocessing.from_dict(trained.summary["table"])
    assert [c["name"] for c in prep.columns] == ["地域", "面積", "築年数"] and prep.task == "regression"
    assert json.loads(json.dumps(trained.summary["table"])) == trained.summary["table"]  # plain JSON
    new_rows = [["大阪", "55,5", "12", ""], ["東京", "80", "", "99"]]  # the target column may be there: ignored
    rows_path = _write(tmp_path / "rows.csv", new_rows)
    assert main(["predict", str(model_path), str(rows_path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [r["row"] for r in printed] == [1, 2]
    raw = [dict(zip(HEADER, r)) for r in new_rows]
    with torch.no_grad():
        expected = trained.build_model()(torch.from_numpy(prep.encode(raw))).numpy()[:, 0]
    assert [r["value"] for r in printed] == pytest.approx(expected.tolist(), rel=1e-6)


def test_predicting_a_classifier_prints_class_and_probabilities(tmp_path, capsys):
    rows = [[str(x), str(y), "上" if y > x else "下"] for x, y in np.random.default_rng(1).uniform(0, 10, (90, 2)).round(2)]
    data = _write(tmp_path / "points.csv", rows, header=["x", "y", "側"], encoding="utf-8-sig", separator=",")
    model_path = tmp_path / "m.nnpmodel"
    assert main(["train", "--quiet", "--no-checkpoint", "--device", "cpu", "--csv", str(data), "--target", "側",
                 "--epochs", "40", "--save", str(model_path)]) == 0
    capsys.readouterr()
    rows_path = _write(tmp_path / "new.csv", [["1", "9"], ["9", "1"]], header=["x", "y"], encoding="utf-8", separator=",")
    assert main(["predict", str(model_path), str(rows_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{rows_path} row 1: 上 (") and out[2].startswith(f"{rows_path} row 2: 下 (")
    assert "上 " in out[1] and "下 " in out[1]


def test_rows_that_do_not_fit_the_model_exit_2_naming_the_column(tmp_path, capsys):
    data = _write(tmp_path / "家.csv", _houses())
    model_path = tmp_path / "m.nnpmodel"
    assert main(["train", "--quiet", "--no-checkpoint", "--device", "cpu", "--csv", str(data), "--target", "価格",
                 "--epochs", "2", "--save", str(model_path)]) == 0
    capsys.readouterr()
    for rows, header, words in (
        ([["札幌", "50", "3"]], HEADER[:3], ("'地域'", "'札幌'", "never saw", "名古屋, 大阪, 東京")),
        ([["東京", "50"]], ["地域", "面積"], ("Row 1", "no column '築年数'")),
        ([["東京", "広い", "3"]], HEADER[:3], ("'面積'", "'広い'", "not a number")),
    ):
        path = _write(tmp_path / "bad.csv", rows, header=header)
        assert main(["predict", str(model_path), str(path)]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and "Traceback" not in captured.err
        for w in words:
            assert w in captured.err, (w, captured.err)
