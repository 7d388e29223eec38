"""`playground train --csv FILE --target COLUMN` (issue 13, items 3 and 7): tables trained end to
end from the command line, the summary's MAE and R² for regression, and every bad table refused
with its message and exit code 2, never a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from playground.cli.main import main
from playground.core.data import table as table_module

TABLES = Path(__file__).resolve().parents[2] / "resources" / "tables"


def _train(tmp_path, *extra):
    summary = tmp_path / "summary.json"
    code = main(["train", "--quiet", "--no-checkpoint", "--device", "cpu", "--summary-json", str(summary), *extra])
    return code, summary


def test_train_csv_iris_end_to_end(tmp_path, capsys):
    code, summary = _train(tmp_path, "--csv", str(TABLES / "iris.csv"), "--target", "species", "--epochs", "40")
    assert code == 0
    data = json.loads(summary.read_text())
    assert data["task"] == "classification" and data["dataset"] == "csv"
    assert data["class_names"] == ["setosa", "versicolor", "virginica"]
    assert data["test_accuracy"] >= 0.8
    assert "mae" not in data
    assert capsys.readouterr().out.startswith("completed: test accuracy")


def test_train_csv_auto_mpg_regression_reports_mae_and_r2(tmp_path, capsys):
    code, summary = _train(tmp_path, "--csv", str(TABLES / "auto-mpg.csv"), "--target", "Miles_per_Gallon", "--epochs", "60")
    assert code == 0
    data = json.loads(summary.read_text())
    assert data["task"] == "regression" and data["test_accuracy"] is None
    assert data["r2"] > 0.6 and 0 < data["mae"] < 5
    assert "R²" in capsys.readouterr().out


def test_the_report_says_what_was_filled_dropped_and_left_out(tmp_path, capsys):
    code, _ = main(["train", "--no-checkpoint", "--device", "cpu", "--epochs", "1", "--csv", str(TABLES / "auto-mpg.csv"),
                    "--target", "Miles_per_Gallon"]), None
    assert code == 0
    err = capsys.readouterr().err
    assert "Dropped 8 rows: no value in the target 'Miles_per_Gallon'." in err
    assert "Left out column 'Name'" in err and "Filled 6 missing values in 'Horsepower'." in err


def test_task_and_target_override_on_a_table_dataset(tmp_path):
    code, summary = _train(tmp_path, "--preset", "tabular", "--dataset", "penguins", "--target", "island", "--epochs", "2")
    assert code == 0
    assert json.loads(summary.read_text())["class_names"] == ["Biscoe", "Dream", "Torgersen"]
    code, summary = _train(tmp_path, "--csv", str(TABLES / "auto-mpg.csv"), "--target", "Cylinders", "--task", "regression",
                           "--epochs", "2")
    assert code == 0 and json.loads(summary.read_text())["task"] == "regression"


def _bad(tmp_path, capsys, name, content, *words, target="y", extra=()):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    code = main(["train", "--quiet", "--no-checkpoint", "--csv", str(path), "--target", target, "--epochs", "1", *extra])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("error: ") and "Traceback" not in err, err
    for w in words:
        assert w in err, (w, err)
    return err


def test_bad_tables_exit_2_with_what_to_do(tmp_path, capsys):
    _bad(tmp_path, capsys, "empty.csv", "", "is empty", "header row")
    _bad(tmp_path, capsys, "header.csv", "a,b,y\r\n", "no data", "add at least two rows")
    _bad(tmp_path, capsys, "ragged.csv", "a,b,y\n1,2,p\n3,4,q\n5,6,q,7\n", "Line 4", "4 values", "3 columns", "fix that line")
    _bad(tmp_path, capsys, "one.csv", "a,y\n1,x\n2,x\n3,x\n", "only one class", "'x'", "choose another column")
    _bad(tmp_path, capsys, "text.csv", "a,y\n1,2.5\n2,3.5\n3,lots\n4,1.5\n5,4.5\n6,5.5\n", "'lots'", "line 4", "fix that row")
    _bad(tmp_path, capsys, "text2.csv", "a,y\n1,2\n2,3\n3,lots\n", "'lots'", "line 4", extra=("--task", "regression"))
    _bad(tmp_path, capsys, "photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "not a text table", "CSV UTF-8")
    _bad(tmp_path, capsys, "cols.csv", "名前,身長\n山田,170\n佐藤,160\n", "no column 'y'", "Its columns: 名前, 身長")
    code = main(["train", "--quiet", "--csv", str(tmp_path / "missing.csv"), "--target", "y"])
    err = capsys.readouterr().err
    assert code == 2 and "does not exist" in err and "Traceback" not in err


def test_a_file_over_the_limit_is_refused_with_the_limit_stated(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(table_module, "MAX_BYTES", 2 * 2**20)
    content = "a,y\n" + "1.5,2\n" * 400_000  # 2.4 MB
    err = _bad(tmp_path, capsys, "big.csv", content, "2 MB", "tables up to 2 MB")
    assert "use a sample" in err


def test_csv_needs_a_target_and_no_dataset(tmp_path, capsys):
    code = main(["train", "--quiet", "--csv", str(TABLES / "iris.csv")])
    assert code == 2 and "--csv needs --target COLUMN" in capsys.readouterr().err
    code = main(["train", "--quiet", "--csv", str(TABLES / "iris.csv"), "--target", "species", "--dataset", "xor"])
    assert code == 2 and "give one of them" in capsys.readouterr().err
    code = main(["train", "--quiet", "--preset", "xor-mlp", "--target", "y"])
    assert code == 2 and "--target and --task are for tables" in capsys.readouterr().err
    code = main(["train", "--quiet"])
    assert code == 2 and "Say what to train" in capsys.readouterr().err


def test_a_bad_table_in_a_real_process_prints_no_traceback(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("a,b,y\n1,2,p\n3,4\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "playground", "train", "--csv", str(path), "--target", "y"],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and "Line 3" in run.stderr and run.stderr.startswith("error: ")
