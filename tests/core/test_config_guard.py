"""Inputs refused cleanly (issue 14, item 5): JSON too deep or too large, config fields of the
wrong type or far out of range, and a bundle whose class names do not match its outputs — each
a PlaygroundError naming the file or the field, never a traceback."""

from __future__ import annotations

import json
import zipfile

import pytest

from playground.core.config.presets import load_run_config, resource_path
from playground.core.config.spec import RunConfig
from playground.core.errors import ConfigError
from playground.core.io.bundle import ExportError, FileError, load_model_bundle, save_model_bundle
from playground.core.io.project import load_project


def _preset(name="mlp") -> dict:
    return json.loads(resource_path("presets", f"{name}.json").read_text(encoding="utf-8"))


def test_json_nested_thousands_deep_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "deep.json"
    doc = _preset()
    doc["data"]["options"] = "@@"
    path.write_text(json.dumps(doc).replace('"@@"', "[" * 50_000 + "]" * 50_000))
    with pytest.raises(ConfigError, match=r"deep\.json.*nested 50002 levels deep \(at most 100\)"):
        load_run_config(path)


def test_huge_json_is_refused_before_it_is_parsed():
    from playground.core.config.jsonload import load_json

    with pytest.raises(ConfigError, match=r"config\.json is too large to be read \(2,000,002 bytes; at most 1,000\)"):
        load_json('"' + "x" * 2_000_000 + '"', "config.json", max_bytes=1000)


def test_brackets_inside_strings_do_not_count_as_nesting():
    from playground.core.config.jsonload import load_json

    assert load_json(json.dumps({"name": "[[[[" * 100}), "x", max_depth=2) == {"name": "[[[[" * 100}


def test_an_integer_too_long_to_read_is_refused():
    with pytest.raises(ConfigError, match="cannot be read as JSON"):
        RunConfig.from_json('{"model": {"layers": []}, "train": {"seed": ' + "9" * 5000 + "}}")


@pytest.mark.parametrize(
    "section, key, value, message",
    [
        ("data", "options", [1, 2], r"'data\.options' must be an object"),
        ("data", "options", "noise=0.1", r"'data\.options' must be an object"),
        ("optimizer", "params", 3, r"'optimizer\.params' must be an object"),
        ("model", "init", ["he_normal"], r"Unknown weight initialisation \['he_normal'\]"),
        ("model", "init", 7, "Unknown weight initialisation 7"),
        ("model", "input_shape", ["a", 28], r"'model\.input_shape' must be a list of sizes"),
        ("model", "input_shape", 28, r"'model\.input_shape' must be a list of sizes"),
        ("train", "epochs", 10**30, r"'train\.epochs' is 1000000000000000000000000000000, far beyond"),
        ("train", "seed", 2**64, r"'train\.seed' is .* far beyond"),
        ("optimizer", "lr", 10**400, r"'optimizer\.lr' must be a finite number"),
        ("regularization", "patience", 1e30, r"'regularization\.patience' must be a whole number"),
        ("data", "val_split", float("nan"), r"'data\.val_split' must be a finite number"),
    ],
)
def test_wrong_types_and_huge_values_name_the_field(section, key, value, message):
    doc = _preset()
    doc.setdefault(section, {})[key] = value
    with pytest.raises(ConfigError, match=message):
        RunConfig.from_json(json.dumps(doc))


@pytest.mark.parametrize(
    "param, value, message",
    [
        ("units", 1e30, r"Layer 2 \(Dense\): 'units' must be a whole number, got 1e\+30"),
        ("units", 10**30, r"Layer 2 \(Dense\): 'units' is 10+, far beyond what fits in memory"),
        ("units", "128", r"Layer 2 \(Dense\): 'units' must be a whole number, got '128'"),
        ("activation", ["ReLU"], r"Layer 2 \(Dense\): 'activation' must be one of"),
        ("bias", "yes", r"Layer 2 \(Dense\): 'bias' must be true or false"),
    ],
)
def test_layer_parameters_of_the_wrong_type_name_the_layer_and_parameter(param, value, message):
    doc = _preset()
    doc["model"]["layers"][1][param] = value
    with pytest.raises(ConfigError, match=message):
        RunConfig.from_json(json.dumps(doc))


def test_a_layer_type_that_is_not_text_is_refused():
    doc = _preset()
    doc["model"]["layers"][0] = {"type": ["Flatten"]}
    with pytest.raises(ConfigError, match="Each layer needs a 'type'"):
        RunConfig.from_json(json.dumps(doc))


def test_the_presets_still_load():
    for name in ("mlp", "cnn", "xor-mlp", "perceptron", "deep-cnn"):
        load_run_config(name)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    from playground.core.training.loop import fit

    from .conftest import make_blobs, mlp_config

    model = fit(mlp_config(epochs=1), make_blobs()).model
    return save_model_bundle(tmp_path_factory.mktemp("b") / "m.nnpmodel", model)


def _rewrite(src, dst, member, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == member:
                data = change(data)
            zout.writestr(name, data)
    return dst


def test_a_bundle_with_one_class_name_too_few_is_refused(tmp_path, bundle):
    manifest = json.loads(zipfile.ZipFile(bundle).read("manifest.json"))
    names = manifest["class_names"]
    assert names and len(names) >= 2
    short = _rewrite(bundle, tmp_path / "short.nnpmodel", "manifest.json",
                     lambda d: json.dumps({**json.loads(d), "class_names": names[:-1]}).encode())
    with pytest.raises(ExportError, match=rf"names {len(names) - 1} classes but the model has {len(names)} outputs"):
        load_model_bundle(short)
    odd = _rewrite(bundle, tmp_path / "odd.nnpmodel", "manifest.json",
                   lambda d: json.dumps({**json.loads(d), "class_names": {"0": "a"}}).encode())
    with pytest.raises(ExportError, match="class names are not a list of texts"):
        load_model_bundle(odd)
    assert load_model_bundle(bundle).class_names == names  # the untouched bundle still opens


def test_a_bundle_whose_config_is_nested_thousands_deep_is_refused(tmp_path, bundle):
    deep = _rewrite(bundle, tmp_path / "deep.nnpmodel", "config.json", lambda d: b"[" * 20_000 + b"]" * 20_000)
    with pytest.raises(ExportError, match=r"config\.json in deep\.nnpmodel is nested 20000 levels deep"):
        load_model_bundle(deep)


def test_a_project_nested_thousands_deep_is_refused(tmp_path):
    path = tmp_path / "deep.nnp"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.json", "[" * 20_000 + "]" * 20_000)
    with pytest.raises(FileError, match=r"deep\.nnp is damaged.*project\.json is nested 20000 levels deep"):
        load_project(path)


def test_a_search_space_nested_thousands_deep_is_refused():
    from playground.core.experiments.search_space import SearchSpace, TuneError

    with pytest.raises(TuneError, match="The search space is nested 20000 levels deep"):
        SearchSpace.from_json("[" * 20_000 + "]" * 20_000)


def test_a_project_run_with_one_class_name_too_few_is_refused(tmp_path):
    from playground.core.config.presets import load_preset
    from playground.core.io.project import Project, save_project
    from playground.core.training.loop import fit

    from .conftest import make_blobs, mlp_config

    model = fit(mlp_config(epochs=1), make_blobs()).model
    good = save_project(tmp_path / "good.nnp", Project(load_preset("mlp"), [model.as_run()]))
    project = json.loads(zipfile.ZipFile(good).read("project.json"))
    names = project["runs"][0]["summary"]["class_names"]
    project["runs"][0]["summary"]["class_names"] = names[:-1]
    bad = _rewrite(good, tmp_path / "bad.nnp", "project.json", lambda d: json.dumps(project).encode())
    with pytest.raises(FileError, match=rf"bad\.nnp \(run .*\) is damaged: it names {len(names) - 1} classes"):
        load_project(bad)
    assert load_project(good).runs[0].class_names == names
