"""The PyTorch-code export: one readable .py file that defines a `TrainedModel`'s network layer
by layer, with its weights beside it (`<name>.weights.pt`, a plain state_dict) and a command
line that predicts an image or a point. The file needs only torch (and Pillow for images).
A model trained on a table takes raw rows instead (codegen_table.py).

Each layer's constructor call is the one the network is built with, as the layer catalogue
(core/config/catalogue.py) describes it, spelt out with every argument, under a comment saying
what the layer does and the shapes it maps.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path

import torch

from playground import __version__
from playground.core.config.catalogue import LAYER_TYPES, format_shape
from playground.core.config.features import FEATURES, features_label
from playground.core.io.atomic import write_files
from playground.core.io.bundle import built_network, check_writable, require_weights
from playground.core.io.codegen_backbone import backbone_code, with_backbone
from playground.core.io.codegen_table import TABLE_TAIL, table_code, table_doc
from playground.core.io.torchfile import torch_bytes
from playground.core.model.build import body_layers
from playground.core.model.residual import residual_block_source
from playground.core.model.trained import TrainedModel

__all__ = ["export_code", "generate_code", "weights_path_for"]


def weights_path_for(code_path: str | os.PathLike) -> Path:
    """Where the code export puts its weights: model.py -> model.weights.pt."""
    p = Path(code_path)
    return p.with_name(p.stem + ".weights.pt")


def export_code(model: TrainedModel, path: str | os.PathLike) -> list[Path]:
    """A standalone .py plus `<name>.weights.pt` beside it. Both are written to temporary files
    first and replaced together, so a failure (a WriteError) leaves neither half-new."""
    require_weights(model)
    path = check_writable(path)
    weights = weights_path_for(path)
    code = generate_code(model, weights.name)
    state = {k: v.detach().cpu().contiguous().clone() for k, v in model.state_dict.items()}
    write_files([(weights, torch_bytes(state)), (path, code.encode("utf-8"))])
    return [path, weights]


# --------------------------------------------------------------------------- code generation


def generate_code(model: TrainedModel, weights_name: str = "model.weights.pt") -> str:
    """The text of the standalone .py: readable, commented, needing only torch (and Pillow
    to read images)."""
    net = built_network(model)
    infos = model.config.model.infer()
    shape = tuple(model.input_shape)
    image = len(shape) == 3
    classification = model.task == "classification"
    lines = []
    softmax_note = ""
    own_classes = ""
    layers, softmax_left_out = body_layers(model.config.model)
    for layer, info in layers:
        layer_type = LAYER_TYPES[info.layer.type]
        if info.layer.type == "ResidualBlock" and not own_classes:  # the app's own module: defined in the file
            own_classes = residual_block_source().rstrip("\n") + "\n\n\n"
        lines.append(
            f"            # Layer {info.index}: {info.layer.describe()} — {layer_type.export_note}; "
            f"{format_shape(info.input_shape)} -> {format_shape(info.output_shape)}"
            + (f", {info.params:,} parameters" if info.params else "")
        )
        lines.append(f"            {layer_type.torch(layer, info.input_shape, info.output_shape).code()},")
    if softmax_left_out:
        last = infos[-1]
        where = "its Softmax" if last.layer.type == "Dense" else "Softmax"
        softmax_note = (
            f"            # Layer {last.index}: {where} — left out here: the model returns logits (scores);\n"
            "            # predict() applies softmax to turn them into probabilities.\n"
        )
    mean = net.input_mean.flatten().tolist()
    std = net.input_std.flatten().tolist()
    accuracy = model.metrics.get("test_accuracy")
    trained = (
        f"Test accuracy when exported: {accuracy:.2%} on {model.metrics.get('dataset', 'its dataset')}."
        if isinstance(accuracy, (int, float))
        else f"Dataset: {model.metrics.get('dataset', model.config.data.name)}."
    )
    name = model.label or model.config.name or "model"
    features = model.config.model.features
    table = model.summary.get("table") if not image else None
    output = "probabilities" if classification else "values"
    if table:  # a model trained on a table takes its raw rows: the preprocessing as plain Python
        input_section = table_doc(table)
        tail = TABLE_TAIL
        extra = table_code(table)
    else:
        usage = (
            "python {file} IMAGE [IMAGE ...]      predict images (PNG, JPEG, ...; needs Pillow)"
            if image
            else "python {file} X1 ... X{n} [X1 ... X{n} ...]   predict points (" + str(shape[0]) + " numbers each)"
        ).format(file="%(prog)s", n=shape[0])
        input_doc = (
            "images N×C×H×W, float32 pixels in [0, 1], white ink on a black background (as MNIST)"
            if image
            else f"points N×{shape[0]}, float32, in the dataset's own units"
        )
        input_section = _RAW_DOC.format(input_doc=input_doc, input_shape_doc=format_shape(shape))
        tail = _RAW_TAIL.format(usage=usage, output=output)
        extra = _features_code(features)
    backbone = model.config.model.backbone
    if backbone is not None:
        extra = backbone_code(backbone, shape[0])
    code = _CODE_TEMPLATE.format(
        features=extra + own_classes,
        expand="x = input_features(x)\n        " if features else "",
        stats_of=(
            "0 and 1 here: encode_rows() standardises the columns" if table
            else "0 and 1: unused, the backbone normalises the picture itself" if model.config.model.backbone
            else "the input features, of the training set" if features
            else "per channel (images) or per feature, of the training set"
        ),
        name=name,
        app_version=__version__,
        torch_version=torch.__version__,
        date=_dt.date.today().isoformat(),
        trained=trained,
        weights_name=weights_name,
        pillow=" (and Pillow to read images)" if not table else "",
        imports="import csv\nimport io\n" if table else "",
        input_section=input_section,
        inputs_kind="encoded" if table else "raw",
        tail=tail,
        task=model.task,
        class_names=json.dumps(model.class_names, ensure_ascii=False) if model.class_names is not None else "None",
        input_shape=repr(shape),
        mean=repr(mean),
        std=repr(std),
        view="(-1, 1, 1)" if image else "(-1,)",
        layers="\n".join(lines) + ("\n" + softmax_note.rstrip("\n") if softmax_note else ""),
        output=output,
    )
    return code if backbone is None else with_backbone(code)


def _features_code(features: tuple[str, ...]) -> str:
    """The function that computes the input features from the raw points (none without them)."""
    if not features:
        return ""
    columns = ", ".join(FEATURES[f].code for f in features)
    return (
        f"FEATURES = {list(features)!r}  # what the first layer sees: {features_label(features)}\n\n\n"
        "def input_features(x):\n"
        f'    """Raw points N×2 (x1, x2) -> the input features N×{len(features)}: {features_label(features)}."""\n'
        "    x1, x2 = x[:, 0:1], x[:, 1:2]\n"
        f"    return torch.cat([{columns}], dim=1)\n\n\n"
    )


_RAW_DOC = """\
    python this_file.py --summary            print the layers
    python this_file.py INPUT ... [--json]   predict (see --help)

Inputs are raw: {input_doc}. The input normalisation
(the training set's mean and std) is inside the model, so do not normalise them yourself.
In your own code:

    model = load_model()                       # eval mode, CPU
    probabilities = predict(model, x)          # x: a float32 tensor N×{input_shape_doc}"""

_CODE_TEMPLATE = '''\
"""{name} — a neural network exported from Neural Network Playground {app_version}
(torch {torch_version}) on {date}. {trained}

This file defines the model layer by layer and loads its trained weights from
{weights_name}, which sits beside it. It needs only PyTorch{pillow}.

{input_section}
"""

import argparse
{imports}import json
import sys
from pathlib import Path

import torch
from torch import nn

TASK = "{task}"  # "classification": outputs are class probabilities; "regression": values
CLASS_NAMES = {class_names}
INPUT_SHAPE = {input_shape}  # one input, without the batch dimension
MEAN = {mean}  # {stats_of}
STD = {std}
WEIGHTS = Path(__file__).with_name("{weights_name}")


{features}class Model(nn.Module):
    """The layer stack behind a fixed input normalisation. forward() returns logits
    (classification) or values (regression)."""

    def __init__(self):
        super().__init__()
        # Buffers, not parameters: saved with the weights but never trained.
        self.register_buffer("input_mean", torch.tensor(MEAN).reshape{view})
        self.register_buffer("input_std", torch.tensor(STD).reshape{view})
        self.body = nn.Sequential(
{layers}
        )

    def forward(self, x):
        {expand}return self.body((x - self.input_mean) / self.input_std)


def load_model(weights=WEIGHTS):
    """The model with its trained weights, in eval mode (dropout off, batch norm frozen).
    weights_only=True: the file is read as tensors only, never as code."""
    model = Model()
    model.load_state_dict(torch.load(weights, map_location="cpu", weights_only=True))
    return model.eval()


@torch.no_grad()
def predict(model, x):
    """{output} for a batch of {inputs_kind} inputs x (N×INPUT_SHAPE)."""
    out = model(torch.as_tensor(x, dtype=torch.float32))
    return torch.softmax(out, dim=1) if TASK == "classification" else out


{tail}'''

_RAW_TAIL = '''\
def load_image(path, invert="auto"):
    """An image file as a 1×C×H×W tensor in [0, 1], the way the model was trained on it.

    Grey (or RGB for 3-channel models), resized to the model's size if needed. Models trained
    on dark backgrounds with bright ink (MNIST and friends) would misread a scan of dark ink
    on white paper, so with invert="auto" an image whose border is on the other side of
    mid-grey from the training set's mean brightness is inverted ("yes"/"no" to force it).
    """
    from PIL import Image

    channels, height, width = INPUT_SHAPE
    image = Image.open(path).convert("L" if channels == 1 else "RGB")
    if image.size != (width, height):
        image = image.resize((width, height), Image.BILINEAR)
    pixels = torch.frombuffer(bytearray(image.tobytes()), dtype=torch.uint8)
    x = pixels.reshape(height, width, -1).permute(2, 0, 1).to(torch.float32) / 255.0
    border = torch.cat([x[:, 0, :].flatten(), x[:, -1, :].flatten(), x[:, :, 0].flatten(), x[:, :, -1].flatten()])
    dark_training_images = sum(MEAN) / len(MEAN) < 0.5
    light_border = float(border.mean()) > 0.5
    if invert == "yes" or (invert == "auto" and light_border == dark_training_images):
        x = 1.0 - x
    return x.unsqueeze(0)


def _inputs(args):
    if len(INPUT_SHAPE) == 3:
        return [(str(p), load_image(p, args.invert)) for p in args.inputs]
    n = INPUT_SHAPE[0]
    values = [float(v) for v in args.inputs]
    if not values or len(values) % n:
        sys.exit(f"error: give {{n}} numbers per point, got {{len(values)}}")
    return [(" ".join(args.inputs[i:i + n]), torch.tensor([values[i:i + n]])) for i in range(0, len(values), n)]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\\n\\n")[0],
        usage="{usage}",
    )
    parser.add_argument("inputs", nargs="*", help="image files, or numbers for a point")
    parser.add_argument("--summary", action="store_true", help="print the layers and parameter count")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--invert", choices=["auto", "yes", "no"], default="auto",
                        help="invert image brightness (default auto: match the training images' background)")
    parser.add_argument("--weights", default=str(WEIGHTS), help="the weights file (default: beside this file)")
    args = parser.parse_args()
    model = load_model(args.weights)
    if args.summary or not args.inputs:
        print(model)
        print(f"{{sum(p.numel() for p in model.parameters()):,}} trainable parameters; input {{INPUT_SHAPE}}")
        return
    results = []
    for name, x in _inputs(args):
        out = predict(model, x)[0]
        entry = {{"input": name, "{output}": [round(float(v), 7) for v in out]}}
        if TASK == "classification":
            best = int(out.argmax())
            entry["class"] = CLASS_NAMES[best] if CLASS_NAMES else best
            entry["probability"] = round(float(out[best]), 7)
        results.append(entry)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return
    for entry in results:
        if TASK == "classification":
            print(f"{{entry['input']}}: {{entry['class']}} ({{entry['probability']:.1%}})")
        else:
            print(f"{{entry['input']}}: {{entry['values']}}")


if __name__ == "__main__":
    main()
'''



