"""A model trained on a table, exported (issue 13, item 4): the PyTorch code holds the table's
preprocessing as plain Python and takes raw rows (run here WITHOUT the package importable), ONNX
and TorchScript take the encoded vector and their metadata describe the encoding, and the same
raw rows give the same predictions from `playground predict`, the code, ONNX and TorchScript, for
regression and classification alike; a project holding the run saves, reopens and exports."""

import csv
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import torch

from playground.cli.main import main
from playground.core.data.table import MISSING
from playground.core.data.table_prep import TablePreprocessing
from playground.core.io.bundle import load_model_bundle
from playground.core.io.codegen import generate_code
from playground.core.io.exporters import METADATA_FILE, jit_quietly
from playground.core.io.project import Project, load_project, save_project
from tests.core.test_export import NO_PLAYGROUND, _run_without_playground

HOUSES = ["地域", "面積", "築年数", "価格"]  # a category, numbers (a decimal comma), a missing age; the price
PENGUINS = ["島", "くちばし長", "体重", "種"]


def _write(path, rows, header, encoding="cp932", separator=";"):
    with open(path, "w", newline="", encoding=encoding) as f:
        writer = csv.writer(f, delimiter=separator, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _houses(n=120):
    rng = np.random.default_rng(0)
    rows = []
    for i in range(n):
        area, age = rng.uniform(20, 120), rng.integers(0, 40)
        region = ["東京", "大阪", "名古屋"][i % 3]
        price = 0.5 * area - 0.3 * age + {"東京": 30, "大阪": 15, "名古屋": 10}[region] + rng.normal(0, 2)
        rows.append([region, f"{area:.1f}".replace(".", ","), "" if i % 17 == 0 else str(age),
                     f"{price:.2f}".replace(".", ",")])
    return rows


def _penguins(n=150):
    rng = np.random.default_rng(1)
    rows = []
    for i in range(n):
        species = ["アデリー", "ジェンツー", "ヒゲ"][i % 3]
        island = ["ビスコー", "ドリーム"][i % 2] if species != "ジェンツー" else "トージャーセン"
        bill = {"アデリー": 38, "ジェンツー": 47, "ヒゲ": 49}[species] + rng.normal(0, 2)
        mass = {"アデリー": 3700, "ジェンツー": 5000, "ヒゲ": 3700}[species] + rng.normal(0, 300)
        rows.append(["NA" if i % 23 == 0 else island, f"{bill:.1f}", "" if i % 19 == 0 else f"{mass:.0f}", species])
    return rows


ENCODINGS = [("utf-8", ","), ("utf-8-sig", ";"), ("cp932", ","), ("utf-16", "\t")]
READ_ROWS = [["東京", "1,5", "", "3"], ["名古屋", "42", "NA", ""], ["", "", "", ""]]

KINDS = {
    "regression": (HOUSES, _houses, "cp932", ";", [["大阪", "55,5", "12", ""], ["東京", "80", "", "99"], ["名古屋", "101,5", "3", ""]]),
    "classification": (PENGUINS, _penguins, "utf-8-sig", ",", [["ドリーム", "39.0", "", ""], ["トージャーセン", "46.5", "5100", "ヒゲ"], ["NA", "50.1", "3600", ""]]),
}


def _cli(capsys, *argv):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Both tables trained (train --csv), their rows predicted by `playground predict`, every
    export format written by `playground export`."""
    folder = tmp_path_factory.mktemp("table_export")
    capsys = _Capture()
    out = {}
    for task, (header, make, encoding, separator, new_rows) in KINDS.items():
        data = _write(folder / f"{task}.csv", make(), header, encoding, separator)
        model = folder / f"{task}.nnpmodel"
        torch.manual_seed(0)
        assert main(["train", "--quiet", "--no-checkpoint", "--device", "cpu", "--csv", str(data), "--target",
                     header[-1], "--epochs", "15", "--save", str(model)]) == 0
        rows = _write(folder / f"{task}-rows.csv", new_rows, header, encoding, separator)
        with capsys:
            assert main(["predict", str(model), str(rows), "--json"]) == 0
        predicted = json.loads(capsys.out)
        files = {}
        for fmt, name in (("code", f"{task}.py"), ("onnx", f"{task}.onnx"), ("torchscript", f"{task}.pt"),
                          ("state-dict", f"{task}-state.pt"), ("bundle", f"{task}-copy.nnpmodel")):
            with capsys:
                assert main(["export", str(model), "--format", fmt, "-o", str(folder / name)]) == 0, capsys.err
            files[fmt] = folder / name
        out[task] = {"model": model, "rows": rows, "new_rows": new_rows, "header": header,
                     "predict": predicted, "files": files}
    out["folder"] = folder
    return out


@pytest.fixture(scope="module")
def outside(exported):
    """The generated code run in ONE subprocess in which `import playground` fails: its command
    line on the rows (and on bad rows), and its functions on rows given as lists and dicts."""
    folder = exported["folder"]
    # Bad rows: an unseen category, a missing column, text in a numeric column (the houses' model).
    _write(folder / "unseen.csv", [["札幌", "50", "3"]], HOUSES[:3])
    _write(folder / "no-column.csv", [["東京", "50"]], HOUSES[:2])
    _write(folder / "text.csv", [["東京", "広い", "3"]], HOUSES[:3])
    for encoding, separator in ENCODINGS:
        _write(folder / f"read-{encoding}.csv", READ_ROWS, HOUSES, encoding, separator)
    printed = _run_without_playground(
        """
        import contextlib, io, json, runpy
        try:
            import playground
            raise SystemExit("playground is importable")
        except ImportError:
            pass
        def run(argv):
            sys.argv = argv
            out, err = io.StringIO(), io.StringIO()
            code = 0
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    runpy.run_path(argv[0], run_name="__main__")
                except SystemExit as e:
                    code = e.code
                except Exception as e:  # what a learner would see as a traceback
                    code = "crashed: " + repr(e)
            return {"code": code, "out": out.getvalue(), "err": err.getvalue()}
        results = {}
        for task in ("regression", "classification"):
            results[task] = run([task + ".py", task + "-rows.csv", "--json"])
            results[task + "-text"] = run([task + ".py", task + "-rows.csv"])
        for bad in ("unseen", "no-column", "text"):
            results[bad] = run(["regression.py", bad + ".csv"])
        code = runpy.run_path("regression.py")  # the functions, for a row as a dict or a list
        read = code.get("read_rows", lambda path: None)
        results["read"] = {enc: read("read-" + enc + ".csv") for enc in ("utf-8", "utf-8-sig", "cp932", "utf-16")}
        try:
            results["as_list"] = code["encode_rows"]([["大阪", "55,5", "12", ""], ["大阪", "55,5", "12"]]).tolist()
            results["as_dict"] = code["encode_rows"]([{"面積": "55,5", "地域": "大阪", "築年数": "12"}]).tolist()
            code["encode_row"](["大阪", "55,5"], 4)
        except Exception as e:
            results["short_list"] = str(e)
        print(json.dumps(results, ensure_ascii=False))
        """,
        folder,
    )
    return json.loads(printed)


class _Capture:
    """capsys for a module-scoped fixture: stdout and stderr of a `with` block."""

    def __enter__(self):
        import contextlib
        import io

        self._out, self._err = io.StringIO(), io.StringIO()
        self._stack = contextlib.ExitStack()
        self._stack.enter_context(contextlib.redirect_stdout(self._out))
        self._stack.enter_context(contextlib.redirect_stderr(self._err))
        return self

    def __exit__(self, *exc):
        self._stack.close()
        self.out, self.err = self._out.getvalue(), self._err.getvalue()


def _values(results, task):
    if task == "regression":
        return np.array([r["value"] for r in results])
    return np.array([list(r["probabilities"].values()) for r in results])


@pytest.mark.parametrize("task", list(KINDS))
def test_the_exported_code_predicts_raw_rows_as_playground_predict_does(exported, outside, task):
    mine = exported[task]
    result = outside[task]
    assert result["code"] == 0 and result["err"] == "", result
    code_results = json.loads(result["out"])
    assert [(r["file"], r["row"]) for r in code_results] == [(f"{task}-rows.csv", i) for i in (1, 2, 3)]
    np.testing.assert_allclose(_values(code_results, task), _values(mine["predict"], task), atol=1e-5)
    if task == "classification":
        assert [r["class"] for r in code_results] == [r["class"] for r in mine["predict"]]
        assert list(code_results[0]["probabilities"]) == ["アデリー", "ジェンツー", "ヒゲ"]
    # The text output has one line per row (two for a class: the class, then every probability).
    text = outside[task + "-text"]["out"].splitlines()
    assert text[0].startswith(f"{task}-rows.csv row 1: ") and len(text) == (3 if task == "regression" else 6)


@pytest.mark.parametrize("task", list(KINDS))
def test_the_code_holds_the_preprocessing_as_python_literals(exported, task):
    mine = exported[task]
    table = load_model_bundle(mine["model"]).summary["table"]
    source = mine["files"]["code"].read_text(encoding="utf-8")
    namespace: dict = {}
    start, end = source.index("TARGET = "), source.index("\n\n\nclass RowError")
    exec(source[start:end], namespace)  # the literals alone, without the functions or torch
    assert namespace["TARGET"] == mine["header"][-1]
    assert namespace["TABLE_COLUMNS"] == mine["header"]
    assert namespace["COLUMNS"] == [{**c, "numbers": c.get("numbers", False)} if c["type"] == "categorical" else c
                                    for c in table["columns"]]
    assert sorted(namespace["MISSING"]) == sorted(MISSING)  # the cells read as missing, as the app reads them
    assert "import playground" not in source and "from playground" not in source


def test_a_row_as_a_list_in_the_tables_order_with_or_without_the_target(exported, outside):
    prep = TablePreprocessing.from_dict(load_model_bundle(exported["regression"]["model"]).summary["table"])
    expected = prep.encode([dict(zip(HOUSES, ["大阪", "55,5", "12"]))])[0].tolist()
    assert outside.get("as_list") == [expected, expected], outside.get("short_list")
    assert outside["as_dict"] == [expected]
    assert "Row 4 has 2 values" in outside["short_list"] and "地域, 面積, 築年数, 価格" in outside["short_list"]


def test_the_code_reads_csv_files_in_each_encoding_and_separator(outside):
    expected = [dict(zip(HOUSES, r)) for r in READ_ROWS]
    assert outside["read"] == {encoding: expected for encoding, _ in ENCODINGS}


def test_a_model_saved_before_the_table_kept_its_column_order_still_exports(exported):
    trained = load_model_bundle(exported["regression"]["model"])
    older = {k: v for k, v in trained.summary["table"].items() if k != "table_columns"}
    assert TablePreprocessing.from_dict(older).to_dict() == older
    trained.summary["table"] = older
    source = generate_code(trained)
    namespace: dict = {}
    exec(source[source.index("TARGET = "):source.index("\n# The columns the model reads")], namespace)
    assert namespace["TABLE_COLUMNS"] == ["地域", "面積", "築年数", "価格"]  # the model's columns, then the target


@pytest.mark.parametrize("bad, words", [
    ("unseen", ("Row 1, column '地域'", "'札幌'", "never saw", "名古屋, 大阪, 東京")),
    ("no-column", ("Row 1 has no column '築年数'", "地域, 面積, 築年数")),
    ("text", ("Row 1, column '面積'", "'広い'", "not a number")),
])
def test_rows_the_code_cannot_read_exit_2_naming_the_column(outside, bad, words):
    result = outside[bad]
    assert result["code"] == 2 and result["out"] == ""
    assert result["err"].startswith(f"error: {bad}.csv: ") and "Traceback" not in result["err"]
    for w in words:
        assert w in result["err"], (w, result["err"])


def test_a_bad_row_file_exits_2_without_a_traceback_as_a_script(exported):
    folder = exported["folder"]
    env_code = "import runpy; sys.argv = ['regression.py', 'unseen.csv']; runpy.run_path('regression.py', run_name='__main__')"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", NO_PLAYGROUND + env_code], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert "Traceback" not in done.stderr and "'札幌' is a value the model never saw" in done.stderr


@pytest.mark.parametrize("task", list(KINDS))
def test_onnx_takes_the_encoded_vector_its_metadata_describes(exported, task):
    import onnx
    import onnxruntime as ort

    mine = exported[task]
    path = mine["files"]["onnx"]
    proto = onnx.load(str(path))
    meta = {p.key: p.value for p in proto.metadata_props}
    bundle_table = load_model_bundle(mine["model"]).summary["table"]
    assert json.loads(meta["table"]) == bundle_table  # the same JSON as the bundle's
    assert "already encoded, not the raw row" in meta["input_encoding"]
    prep = TablePreprocessing.from_dict(json.loads(meta["table"]))
    assert json.loads(meta["input_features"]) == prep.feature_names
    assert "encoded" in proto.doc_string and "'input_encoding'" in proto.doc_string
    assert "table row already encoded" in json.loads(meta["preprocessing"])["normalization"]
    x = prep.encode([dict(zip(mine["header"], r)) for r in mine["new_rows"]])
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    (y,) = session.run(None, {"input": x})
    got = y[:, 0] if task == "regression" else y
    np.testing.assert_allclose(got, _values(mine["predict"], task), atol=1e-5)


@pytest.mark.parametrize("task", list(KINDS))
def test_torchscript_says_what_it_takes_and_predicts_the_same(exported, task):
    mine = exported[task]
    extra = {METADATA_FILE: ""}
    with jit_quietly():
        module = torch.jit.load(str(mine["files"]["torchscript"]), _extra_files=extra)
    meta = json.loads(extra[METADATA_FILE])
    assert meta["table"] == load_model_bundle(mine["model"]).summary["table"]
    assert "already encoded" in meta["input_encoding"] and len(meta["input_features"]) == meta["input_shape"][0]
    assert "table" not in meta["metrics"]  # once, under its own key
    prep = TablePreprocessing.from_dict(meta["table"])
    x = torch.from_numpy(prep.encode([dict(zip(mine["header"], r)) for r in mine["new_rows"]]))
    with torch.no_grad():
        y = module(x).numpy()
    np.testing.assert_allclose(y[:, 0] if task == "regression" else y, _values(mine["predict"], task), atol=1e-5)


@pytest.mark.parametrize("task", list(KINDS))
def test_playground_predict_reads_rows_with_onnx_and_torchscript_files(exported, task, capsys):
    mine = exported[task]
    for fmt in ("onnx", "torchscript", "bundle"):
        printed = json.loads(_cli(capsys, "predict", mine["files"][fmt], mine["rows"], "--json"))
        np.testing.assert_allclose(_values(printed, task), _values(mine["predict"], task), atol=1e-5)


def test_a_table_run_keeps_its_preprocessing_through_a_project_save_and_reopen(exported, tmp_path, capsys):
    mine = exported["classification"]
    trained = load_model_bundle(mine["model"])
    run = trained.as_run("Run 1")
    path = save_project(tmp_path / "ペンギン.nnp", Project(trained.config, [run]))
    reopened = load_project(path).runs[0]
    assert reopened.summary["table"] == trained.summary["table"]
    assert generate_code(reopened) == generate_code(run)
    for fmt, name in (("code", "p.py"), ("onnx", "p.onnx"), ("torchscript", "p.pt")):
        _cli(capsys, "export", path, "--format", fmt, "-o", tmp_path / name)
    printed = json.loads(_cli(capsys, "predict", tmp_path / "p.onnx", mine["rows"], "--json"))
    np.testing.assert_allclose(_values(printed, "classification"), _values(mine["predict"], "classification"), atol=1e-5)
    source = (tmp_path / "p.py").read_text(encoding="utf-8")
    assert "TARGET = '種'" in source and "'トージャーセン'" in source
