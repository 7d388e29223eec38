"""`playground inspect MODEL [IMAGE...] --out DIR`: the conv filters, the feature maps and the
attribution overlay of each image, and the layer histograms of a forward pass, as PNG files with
a JSON index of them (core.experiments.inspect_model).

    playground inspect starter digit.png --out inside/
    playground inspect run.nnp --run 2 seven.png nine.png --out inside/
"""

from __future__ import annotations

import sys
from pathlib import Path

from playground.cli.common import EXIT_OK

__all__ = ["add_parser", "cmd_inspect"]


def add_parser(sub) -> None:
    inspect = sub.add_parser(
        "inspect",
        help="write a model's filters, feature maps, attribution and layer histograms as PNG files",
        description="Look inside a trained model: write the filters of its Conv2D layers, each image's feature maps "
        "and attribution overlays ('why did it say 9?': Grad-CAM for conv models, saliency for dense ones, and each "
        "part of the image's share of the answer by integrated gradients), and the "
        "histograms of each layer's activations, gradients and weights over a forward pass of the images, as PNG "
        "files, with index.json listing every file (path, what it shows, layer, pixel size). Images are framed like "
        "MNIST first, as 'playground predict' does. ONNX and TorchScript files have no layers to look into: for them "
        "only the inputs and predictions are written, and the index says why.",
    )
    inspect.set_defaults(handler=cmd_inspect)
    inspect.add_argument("model", metavar="MODEL", help="'starter', a model bundle (.nnpmodel, .safetensors), a project (.nnp), or an ONNX/TorchScript file")
    inspect.add_argument("images", metavar="IMAGE", nargs="*", type=Path, help="image files (PNG, JPEG, ...) to look at the model through")
    inspect.add_argument("--out", required=True, type=Path, metavar="DIR", help="the folder to write into (new, empty, or an earlier inspect's, which is replaced)")
    inspect.add_argument("--input-shape", metavar="CxHxW", help="for an ONNX or TorchScript file made elsewhere that does not say what it takes: feed it images of this shape, e.g. 1x28x28 (as predict --input-shape)")
    inspect.add_argument("--run", metavar="N|ID", help="for a project: the run to inspect, by number (1 = first) or id (default: the last run with weights)")


def cmd_inspect(args) -> int:
    from playground.core.experiments.inspect_model import check_out_dir, inspect_model, open_model
    from playground.core.inference.recognize import read_for

    check_out_dir(args.out)  # before the model loads: a wrong --out should not wait for it
    predictor, kind = open_model(args.model, args.run, args.input_shape)
    images = [(path, read_for(predictor, path)) for path in args.images]  # all read before anything is written
    index = inspect_model(predictor, kind, images, args.out)
    counts: dict[str, int] = {}
    for f in index["files"]:
        counts[f["what"]] = counts.get(f["what"], 0) + 1
    summary = ", ".join(f"{n} {what.replace('_', ' ')}" for what, n in counts.items()) or "no pictures"
    print(f"Wrote {len(index['files'])} PNG files to {args.out} ({summary}) and {args.out / 'index.json'}")
    for image in index["images"]:
        p = image["prediction"]
        print(f"  {image['path']}: {p['class']} ({p['confidence']:.1%})")
    for missing in index["unavailable"]:
        print(f"Not written — {missing['what']}: {missing['reason']}", file=sys.stderr)
    return EXIT_OK
