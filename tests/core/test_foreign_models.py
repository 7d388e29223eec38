"""Models made elsewhere (core/inference/foreign.py): ONNX files exported from plain PyTorch with
a fixed batch of 1, channels-last (Keras/tf2onnx-style) inputs, greyscale inputs without a
channel axis, byte inputs, logits or probabilities, open sizes; TorchScript files without the
app's metadata fed at a shape the user gives — and clear messages for what cannot be fed."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from playground.cli.main import main
from playground.core.inference.foreign import Feeding, feeding_for, parse_input_shape
from playground.core.inference.loaders import load_predictor
from playground.core.io.bundle import ExportError

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the legacy exporter and torch.jit.script


def _onnx(model: nn.Module, example, path, dynamic=None, names=("x",)):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model.eval(), example, str(path), input_names=list(names), dynamo=False,
                          dynamic_axes=dynamic)
    return path


class _ChannelsLast(nn.Module):
    """Takes N×H×W×C as Keras models do; a conv, so the order of the pixels matters."""

    def __init__(self, channels=1):
        super().__init__()
        torch.manual_seed(0)
        self.conv = nn.Conv2d(channels, 4, 3)
        self.fc = nn.Linear(4 * 26 * 26, 5)

    def forward(self, x):
        return self.fc(F.relu(self.conv(x.permute(0, 3, 1, 2))).flatten(1))


def _images(n=3, c=1, seed=1):
    return np.random.default_rng(seed).random((n, c, 28, 28), dtype=np.float32)


def _softmax(z):
    return torch.softmax(torch.as_tensor(z), 1).numpy()


def test_plain_pytorch_export_with_a_fixed_batch_of_one_predicts_each_image(tmp_path):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 3, 3), nn.ReLU(), nn.Flatten(), nn.Linear(3 * 26 * 26, 10))
    path = _onnx(model, torch.zeros(1, 1, 28, 28), tmp_path / "b1.onnx")  # no dynamic axes: batch 1 only
    predictor = load_predictor(path)
    assert predictor.batch == 1 and predictor.input_shape == (1, 28, 28)
    x = _images(3)
    with torch.no_grad():
        expected = _softmax(model(torch.from_numpy(x)))  # logits: the app applies the softmax
    np.testing.assert_allclose(predictor.predict(x), expected, atol=1e-5)
    assert predictor.class_names == [str(i) for i in range(10)]


def test_channels_last_input_is_transposed_to(tmp_path):
    model = _ChannelsLast()
    path = _onnx(model, torch.zeros(1, 28, 28, 1), tmp_path / "keras.onnx")
    predictor = load_predictor(path)
    assert predictor.input_shape == (1, 28, 28)  # the app's order; the file's is 28×28×1
    assert predictor.feeding.layout == "nhwc"
    x = _images(2)
    x[:, :, :14] = 0  # top half dark: a transpose that swapped height and width would change the outputs
    with torch.no_grad():
        expected = _softmax(model(torch.from_numpy(x.transpose(0, 2, 3, 1).copy())))
    np.testing.assert_allclose(predictor.predict(x), expected, atol=1e-5)


def test_colour_channels_last_and_probability_outputs(tmp_path):
    model = nn.Sequential(_ChannelsLast(channels=3), nn.Softmax(dim=1))
    path = _onnx(model, torch.zeros(1, 28, 28, 3), tmp_path / "rgb.onnx", dynamic={"x": {0: "n"}})
    predictor = load_predictor(path)
    assert predictor.input_shape == (3, 28, 28) and predictor.batch is None
    assert predictor.outputs_probabilities  # judged from its outputs: no second softmax
    x = _images(4, c=3)
    with torch.no_grad():
        expected = model(torch.from_numpy(x.transpose(0, 2, 3, 1).copy())).numpy()
    np.testing.assert_allclose(predictor.predict(x), expected, atol=1e-5)


class _Greyscale(nn.Module):
    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.fc = nn.Linear(28 * 28, 3)

    def forward(self, x):  # N×28×28, no channel axis
        return self.fc(x.reshape(x.shape[0], -1))


class _Bytes(nn.Module):
    def __init__(self):
        super().__init__()
        self.inner = _Greyscale()

    def forward(self, x):  # N×28×28 uint8 pixels, scaled inside as many exports do
        return self.inner(x.float() / 255)


def test_greyscale_without_a_channel_axis_and_byte_inputs(tmp_path):
    x = _images(2)
    grey = _Greyscale()
    predictor = load_predictor(_onnx(grey, torch.zeros(1, 28, 28), tmp_path / "hw.onnx"))
    assert predictor.input_shape == (1, 28, 28) and predictor.feeding.layout == "hw"
    with torch.no_grad():
        expected = _softmax(grey(torch.from_numpy(x[:, 0])))
    np.testing.assert_allclose(predictor.predict(x), expected, atol=1e-5)

    wrapped = _Bytes()
    predictor = load_predictor(_onnx(wrapped, torch.zeros(1, 28, 28, dtype=torch.uint8), tmp_path / "u8.onnx"))
    assert predictor.feeding.dtype == "uint8"
    with torch.no_grad():
        expected = _softmax(wrapped(torch.from_numpy(np.rint(x[:, 0] * 255).astype(np.uint8))))
    np.testing.assert_allclose(predictor.predict(x), expected, atol=1e-5)


class _TwoInputs(nn.Module):
    def forward(self, a, b):
        return a + b


class _Volume(nn.Module):
    def forward(self, x):  # N×C×D×H×W
        return x.mean(dim=(2, 3, 4))


def test_what_cannot_be_fed_is_said_not_raised_as_a_traceback(tmp_path):
    two = _onnx(_TwoInputs(), (torch.zeros(1, 4), torch.zeros(1, 4)), tmp_path / "two.onnx", names=("a", "b"))
    with pytest.raises(ExportError, match="takes 2 inputs \\(a, b\\).*export the model with a single input") as e:
        load_predictor(two)
    assert e.value.key == "model_inputs_not_one"
    volume = _onnx(_Volume(), torch.zeros(1, 2, 4, 8, 8), tmp_path / "volume.onnx")
    with pytest.raises(ExportError, match="input has 5 axes") as e:
        load_predictor(volume)
    assert e.value.key == "model_input_axes"
    assert main(["predict", str(volume), str(tmp_path / "any.png")]) == 2  # a message and exit 2, no traceback


def test_open_sizes_need_a_shape_which_is_then_fed(tmp_path):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 6))
    path = _onnx(model, torch.zeros(1, 3, 32, 32), tmp_path / "open.onnx", dynamic={"x": {0: "n", 2: "h", 3: "w"}})
    with pytest.raises(ExportError, match="not fixed \\(N×3×\\?×\\?\\).*3x224x224") as e:
        load_predictor(path)
    assert e.value.key == "model_needs_shape"
    with pytest.raises(ExportError, match="1×64×64 does not fit") as e:
        load_predictor(path, "1x64x64")  # it takes 3 channels
    assert e.value.key == "model_shape_does_not_fit"
    predictor = load_predictor(path, "3x40x40")
    assert predictor.input_shape == (3, 40, 40)
    x = np.random.default_rng(2).random((2, 3, 40, 40), dtype=np.float32)
    with torch.no_grad():
        expected = _softmax(model(torch.from_numpy(x)))
    np.testing.assert_allclose(predictor.predict(x), expected, atol=1e-5)


class _Mnist(nn.Module):
    """PyTorch's MNIST example: log-probabilities out, flatten, dropout."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.conv1 = nn.Conv2d(1, 4, 3, 1)
        self.dropout = nn.Dropout(0.25)
        self.fc = nn.Linear(4 * 13 * 13, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = torch.flatten(self.dropout(x), 1)
        return F.log_softmax(self.fc(x), dim=1)


class _ViewPool(nn.Module):
    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8, 4)

    def forward(self, x):
        x = self.pool(F.relu(self.bn(self.conv(x))))
        return self.fc(x.view(x.size(0), -1))


@pytest.mark.parametrize("make, shape, trace", [(_Mnist, (1, 28, 28), False), (_Mnist, (1, 28, 28), True),
                                                (_ViewPool, (3, 16, 16), True)])
def test_torchscript_without_metadata_is_fed_at_the_shape_given(tmp_path, make, shape, trace):
    model = make().eval()
    module = torch.jit.trace(model, torch.zeros(1, *shape)) if trace else torch.jit.script(model)
    path = tmp_path / "foreign.pt"
    torch.jit.save(module, str(path))
    with pytest.raises(ExportError, match="without a playground.json describing its input shape.*1x28x28") as e:
        load_predictor(path)
    assert e.value.key == "script_needs_shape"
    predictor = load_predictor(path, "x".join(map(str, shape)))
    x = np.random.default_rng(3).random((2, *shape), dtype=np.float32)
    with torch.no_grad():
        expected = torch.softmax(model(torch.from_numpy(x)), 1).numpy()  # log-probabilities or logits: one softmax
    np.testing.assert_allclose(predictor.predict(x), expected, atol=1e-5)


def test_a_wrong_shape_given_is_the_users_not_a_damaged_file(tmp_path):
    path = tmp_path / "mnist.pt"
    torch.jit.save(torch.jit.script(_Mnist().eval()), str(path))
    with pytest.raises(ExportError, match="shape given \\(1×14×14\\).*shapes cannot be multiplied") as e:
        load_predictor(path, "1x14x14")
    assert e.value.key == "model_does_not_run_given" and "damaged" not in str(e.value)


def test_cli_predict_feeds_a_foreign_file_and_says_how(tmp_path, capsys):
    from PIL import Image

    model = _ChannelsLast()
    path = _onnx(model, torch.zeros(1, 28, 28, 1), tmp_path / "keras.onnx")
    pixels = np.zeros((28, 28), np.uint8)
    pixels[6:22, 12:16] = 255
    Image.fromarray(pixels).save(tmp_path / "one.png")
    assert main(["predict", str(path), str(tmp_path / "one.png"), "--json"]) == 0
    out = capsys.readouterr()
    assert "takes channels-last images (N×28×28×1)" in out.err
    script = tmp_path / "mnist.pt"
    torch.jit.save(torch.jit.script(_Mnist().eval()), str(script))
    assert main(["predict", str(script), str(tmp_path / "one.png")]) == 2
    assert "--input-shape 1x28x28" in capsys.readouterr().err
    assert main(["predict", str(script), str(tmp_path / "one.png"), "--input-shape", "28x28"]) == 0


def test_output_of_a_convolutional_head_is_taken_as_rows(tmp_path):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 7, 28))  # N×7×1×1 out
    predictor = load_predictor(_onnx(model, torch.zeros(1, 1, 28, 28), tmp_path / "conv.onnx"))
    x = _images(2)
    with torch.no_grad():
        expected = _softmax(model(torch.from_numpy(x)).flatten(1))
    np.testing.assert_allclose(predictor.predict(x), expected, atol=1e-5)


@pytest.mark.parametrize("text, shape", [("3x224x224", (3, 224, 224)), ("1×28×28", (1, 28, 28)), ("28x28", (1, 28, 28)),
                                         (" 3, 32 ,32 ", (3, 32, 32)), ("784", (784,))])
def test_shapes_are_read_as_people_write_them(text, shape):
    assert parse_input_shape(text) == shape


@pytest.mark.parametrize("text", ["", "3x", "a x b", "0x28x28", "1x2x3x4", "3x99999x3", "-1x28x28"])
def test_shapes_that_are_not_are_refused_with_an_example(text):
    with pytest.raises(ExportError, match="is not an input shape.*1x28x28") as e:
        parse_input_shape(text)
    assert e.value.key == "input_shape_text"


def test_layout_is_read_from_where_the_channels_are():
    assert feeding_for("m", [1, 28, 28]) == Feeding("nchw", (1, 28, 28), (1, 28, 28))
    assert feeding_for("m", [32, 32, 3]) == Feeding("nhwc", (3, 32, 32), (32, 32, 3))
    assert feeding_for("m", [3, 3, 3]).layout == "nchw"  # both read alike: channels first, PyTorch's order
    assert feeding_for("m", [None, None, 3], (3, 64, 48)) == Feeding("nhwc", (3, 64, 48), (64, 48, 3))
    assert feeding_for("m", [4]) == Feeding("features", (4,), (4,))
    x = np.arange(2 * 3 * 2 * 2, dtype=np.float32).reshape(2, 3, 2, 2) / 24
    fed = Feeding("nhwc", (3, 2, 2), (2, 2, 3), "uint8").to_file(x)
    assert fed.dtype == np.uint8 and fed.shape == (2, 2, 2, 3)
    assert fed[1, 0, 1, 2] == round(x[1, 2, 0, 1] * 255)


def test_inspect_feeds_a_foreign_file_at_the_shape_given(tmp_path, capsys):
    from PIL import Image

    script = tmp_path / "mnist.pt"
    torch.jit.save(torch.jit.script(_Mnist().eval()), str(script))
    pixels = np.zeros((28, 28), np.uint8)
    pixels[6:22, 12:16] = 255
    Image.fromarray(pixels).save(tmp_path / "one.png")
    assert main(["inspect", str(script), str(tmp_path / "one.png"), "--out", str(tmp_path / "a")]) == 2
    assert main(["inspect", str(script), str(tmp_path / "one.png"), "--out", str(tmp_path / "b"), "--input-shape", "1x28x28"]) == 0
    assert (tmp_path / "b" / "index.json").is_file()
