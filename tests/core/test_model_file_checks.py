"""ONNX and TorchScript files are checked when they are opened (issue 14, items 1 and 2): ONNX
nodes of standard domains only, no tensors read from other files; metadata types and values,
the declared input shape against the graph, and whether the outputs are the probabilities or
logits the metadata says — all refused at open, naming what is wrong, not at predict time."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from playground.core.inference.loaders import OnnxPredictor, TorchScriptPredictor, load_predictor
from playground.core.inference.predictor import ModelPredictor
from playground.core.io.bundle import ExportError
from playground.core.io.exporters import METADATA_FILE, export_onnx, export_torchscript
from playground.core.training.loop import fit

from .conftest import make_blobs, mlp_config

onnx = pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")


@pytest.fixture(scope="module")
def trained():
    return fit(mlp_config(epochs=3), make_blobs())


@pytest.fixture(scope="module")
def exported(tmp_path_factory, trained):
    folder = tmp_path_factory.mktemp("model-files")
    return export_onnx(trained.model, folder / "m.onnx")


def _edited(exported, tmp_path, change, name="edited.onnx"):
    proto = onnx.load(str(exported))
    change(proto)
    path = tmp_path / name
    onnx.save(proto, str(path))
    return path


def _set_meta(key, value):
    def change(proto):
        entry = next((p for p in proto.metadata_props if p.key == key), None) or proto.metadata_props.add()
        entry.key, entry.value = key, value if isinstance(value, str) else json.dumps(value)

    return change


def _refused(path, key) -> ExportError:
    with pytest.raises(ExportError) as caught:
        load_predictor(path)
    assert caught.value.key == key, str(caught.value)
    assert path.name in str(caught.value)
    return caught.value


def test_the_apps_own_onnx_export_opens_and_predicts_as_the_app(trained, exported):
    predictor = load_predictor(exported)
    assert isinstance(predictor, OnnxPredictor) and predictor.outputs_probabilities
    x = np.random.default_rng(1).random((5, 2), dtype=np.float32)
    want = ModelPredictor.from_trained(trained.model.as_run()).predict(x)
    assert np.abs(predictor.predict(x) - want).max() < 1e-4
    assert {n.domain for n in onnx.load(str(exported)).graph.node} <= {"", "ai.onnx"}


# --------------------------------------------------------------------------- operators and external data


def test_a_node_outside_the_standard_domains_is_refused_naming_it(exported, tmp_path):
    """com.microsoft's FusedMatMul is one onnxruntime runs (the old loader ran this file);
    any non-standard domain is refused, whatever the runtime offers."""

    def custom(proto):
        gemm = next(n for n in proto.graph.node if n.op_type == "Gemm")
        gemm.op_type, gemm.domain = "FusedGemm", "com.microsoft"
        proto.opset_import.add(domain="com.microsoft", version=1)

    e = _refused(_edited(exported, tmp_path, custom), "onnx_custom_operator")
    assert e.values == {"name": "edited.onnx", "operator": "FusedGemm", "domain": "com.microsoft"}
    assert "uses the operator FusedGemm of the domain com.microsoft, which is not standard ONNX" in str(e)


def test_a_custom_node_hidden_in_a_subgraph_is_refused(tmp_path):
    from onnx import TensorProto, helper

    inner = helper.make_graph([helper.make_node("Steal", ["x"], ["y"], domain="evil.ops")], "then",
                              [], [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2])])
    plain = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "else",
                              [], [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2])])
    graph = helper.make_graph(
        [helper.make_node("Constant", [], ["c"], value=helper.make_tensor("c", TensorProto.BOOL, [], [False])),
         helper.make_node("If", ["c"], ["out"], then_branch=inner, else_branch=plain)],
        "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, [1, 2])],
    )
    path = tmp_path / "nested.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)]), str(path))
    e = _refused(path, "onnx_custom_operator")
    assert (e.values["operator"], e.values["domain"]) == ("Steal", "evil.ops")


def test_a_tensor_kept_in_another_file_is_refused_before_that_file_is_read(exported, tmp_path):
    """External data names a file that onnxruntime reads (the old loader read it: any path)."""
    from onnx.external_data_helper import convert_model_to_external_data

    proto = onnx.load(str(exported))
    convert_model_to_external_data(proto, all_tensors_to_one_file=True, location="weights.bin", size_threshold=0)
    path = tmp_path / "external.onnx"
    onnx.save(proto, str(path))  # writes weights.bin beside it
    assert (tmp_path / "weights.bin").is_file()
    e = _refused(path, "onnx_external_data")
    assert e.values["location"] == "weights.bin" and "kept in another file (weights.bin)" in str(e)


# --------------------------------------------------------------------------- metadata and shapes


def test_metadata_saying_logits_for_probabilities_is_refused(exported, tmp_path):
    """The old loader believed it and applied a second softmax (flattening every prediction)."""
    e = _refused(_edited(exported, tmp_path, _set_meta("output", "logits")), "model_says_logits")
    assert "a second softmax would flatten them" in str(e)


def test_metadata_saying_probabilities_for_logits_is_refused(exported, tmp_path):
    def logits(proto):
        _set_meta("output", "probabilities")(proto)
        softmax = next(n for n in proto.graph.node if n.op_type == "Softmax")
        softmax.op_type = "Identity"
        del softmax.attribute[:]

    _refused(_edited(exported, tmp_path, logits), "model_says_probabilities")


def test_foreign_logits_with_metadata_saying_so_still_get_their_softmax(exported, tmp_path):
    def logits(proto):
        _set_meta("output", "logits")(proto)
        softmax = next(n for n in proto.graph.node if n.op_type == "Softmax")
        softmax.op_type = "Identity"
        del softmax.attribute[:]

    predictor = load_predictor(_edited(exported, tmp_path, logits))
    probabilities = predictor.predict(np.random.default_rng(0).random((4, 2), dtype=np.float32))
    assert not predictor.outputs_probabilities and np.allclose(probabilities.sum(axis=1), 1, atol=1e-5)


@pytest.mark.parametrize("found", [1, 3])
def test_changed_input_dimensions_are_refused_at_open_naming_both_shapes(exported, tmp_path, found):
    """The fuzzer's case: the graph's input dimension changed (to 1 onnxruntime still builds
    it, broadcasting); the old loader opened the file and failed at the first prediction."""

    def changed(proto):
        proto.graph.input[0].type.tensor_type.shape.dim[1].dim_value = found

    e = _refused(_edited(exported, tmp_path, changed), "model_input_shape_mismatch")
    assert e.values == {"name": "edited.onnx", "expected": "2", "found": str(found)}
    assert f"its metadata says it takes inputs of shape 2, but its graph takes {found}" in str(e)


def test_a_graph_that_cannot_run_on_its_declared_shape_is_refused_at_open(exported, tmp_path):
    def both(proto):  # the metadata says 3 inputs, the graph leaves the size open, the weights take 2
        _set_meta("input_shape", [3])(proto)
        proto.graph.input[0].type.tensor_type.shape.dim[1].dim_param = "features"

    e = _refused(_edited(exported, tmp_path, both), "model_does_not_run")
    assert e.values["shape"] == "3" and "cannot run on inputs of the shape it declares (3)" in str(e)


@pytest.mark.parametrize(
    ("key", "value", "error"),
    [
        ("task", "banana", "model_metadata_bad"),
        ("output", "logprobs", "model_metadata_bad"),
        ("output", 5, "model_metadata_bad"),
        ("input_shape", "two", "model_metadata_bad_shape"),
        ("input_shape", [0], "model_metadata_bad_shape"),
        ("input_shape", [True, 2], "model_metadata_bad_shape"),
        ("input_shape", [100000, 100000], "model_metadata_bad_shape"),
        ("class_names", {"0": "a"}, "bad_class_names"),
        ("class_names", ["a", "b"], "class_names_mismatch"),
    ],
)
def test_metadata_of_the_wrong_type_or_value_is_refused(exported, tmp_path, key, value, error):
    e = _refused(_edited(exported, tmp_path, _set_meta(key, value)), error)
    if error == "model_metadata_bad":
        assert e.values["key"] == key and f"its metadata entry '{key}' is" in str(e)


# --------------------------------------------------------------------------- TorchScript, the same rules


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_torchscript_metadata_is_checked_the_same_way(trained, tmp_path):
    path = export_torchscript(trained.model, tmp_path / "m.pt")
    assert isinstance(load_predictor(path), TorchScriptPredictor)
    extra = {METADATA_FILE: ""}
    module = torch.jit.load(str(path), _extra_files=extra)
    meta = json.loads(extra[METADATA_FILE])
    for change, key in (({"output": "logits"}, "model_says_logits"), ({"input_shape": [3]}, "model_does_not_run"),
                        ({"task": 7}, "model_metadata_bad")):
        edited = tmp_path / "edited.pt"
        torch.jit.save(module, str(edited), _extra_files={METADATA_FILE: json.dumps({**meta, **change})})
        _refused(edited, key)
