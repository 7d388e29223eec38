"""Projects (.nnp) and model bundles (.nnpmodel) are zips: a member named with `..`, an
absolute path or twice is refused on open, with the member named (issue 14, item 1)."""

from __future__ import annotations

import dataclasses
import warnings
import zipfile
from pathlib import Path

import pytest

from playground.core.config.presets import load_preset
from playground.core.io.bundle import FileError, load_model_bundle, save_model_bundle
from playground.core.io.project import Project, load_project, save_project
from playground.core.model.build import build_model
from playground.core.model.trained import TrainedModel


def _model() -> TrainedModel:
    cfg = load_preset("xor-mlp")
    spec = dataclasses.replace(cfg.model, input_shape=(2,))
    return TrainedModel(dataclasses.replace(cfg, model=spec), dict(build_model(spec).state_dict())).as_run("Run 1")


def _with_member(good: Path, out: Path, name: str, data: bytes | None = None) -> Path:
    """A copy of the zip `good` with one more member `name` (a copy of that member's data when
    it is already there and `data` is None)."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w") as dst, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": the point of the test
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(name, data if data is not None else src.read(name))
    return out


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zips")
    model = _model()
    project = save_project(folder / "good.nnp", Project(model.config, [model]), keep_backup=False)
    bundle = save_model_bundle(folder / "good.nnpmodel", model)
    load_project(project), load_model_bundle(bundle)  # the untouched files open
    return {"project": project, "bundle": bundle}


ESCAPES = ["../../outside.txt", "/etc/cron.d/evil", "weights/../../x", "C:/Windows/evil.dll", "\\evil.txt"]


@pytest.mark.parametrize("member", ESCAPES)
@pytest.mark.parametrize("kind", ["project", "bundle"])
def test_a_member_that_points_outside_the_archive_is_refused(saved, tmp_path, kind, member):
    crafted = _with_member(saved[kind], tmp_path / saved[kind].name, member, b"payload")
    with pytest.raises(FileError) as caught:
        (load_project if kind == "project" else load_model_bundle)(crafted)
    assert caught.value.key == "zip_member_escapes" and caught.value.values["part"] == member
    assert f"its part {member} points outside the archive" in str(caught.value)


@pytest.mark.parametrize(("kind", "member"), [
    ("project", "project.json"), ("project", "weights/run-1.safetensors"),
    ("bundle", "manifest.json"), ("bundle", "model.safetensors"),
])
def test_a_member_that_appears_twice_is_refused(saved, tmp_path, kind, member):
    with zipfile.ZipFile(saved[kind]) as zf:
        names = zf.namelist()
    if member not in names:  # the run's weights are named after its id
        member = next(n for n in names if n.startswith("weights/"))
    crafted = _with_member(saved[kind], tmp_path / saved[kind].name, member)
    with pytest.raises(FileError) as caught:
        (load_project if kind == "project" else load_model_bundle)(crafted)
    assert caught.value.key == "zip_member_twice" and caught.value.values["part"] == member
    assert f"it holds two parts named {member}" in str(caught.value)
