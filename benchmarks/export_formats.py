"""Export time, file size and fidelity per format for a preset's model (random weights).

For each format: the time `export_model` takes (the first round includes the exporters'
one-time warm-up: torch.export and onnxscript for ONNX), the size of what it writes, and
for the formats the app opens again (bundle, ONNX, TorchScript) the time `load_predictor`
takes and the largest difference from the app's own prediction on 64 random inputs.

    python benchmarks/export_formats.py --preset cnn --rounds 2
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from playground.core.model.build import build_model
from playground.core.inference.loaders import load_predictor
from playground.core.inference.predictor import ModelPredictor
from playground.core.io.export import FORMATS, export_model
from playground.core.model.trained import TrainedModel
from playground.core.config.presets import load_preset
from playground.core.config.model_spec import ModelSpec

# The preset's dataset decides the input shape; these are the ones the presets use.
_SHAPES = {"mnist": (1, 28, 28), "fashion-mnist": (1, 28, 28), "kmnist": (1, 28, 28), "mnist-5k": (1, 28, 28)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", default="cnn")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    cfg = load_preset(args.preset)
    shape = _SHAPES.get(cfg.data.name, (2,))
    cfg = cfg.replace(model=ModelSpec(shape, cfg.model.layers, cfg.model.init))
    classes = cfg.model.output_shape[0]
    torch.manual_seed(0)
    net = build_model(cfg.model, mean=(0.13,) * shape[0], std=(0.31,) * shape[0])
    bundle = TrainedModel(cfg, net.state_dict(), "classification", [str(i) for i in range(classes)], label=args.preset)
    x = np.random.default_rng(0).random((64, *shape), dtype=np.float32)
    reference = ModelPredictor.from_trained(bundle, "reference").predict(x)
    print(f"{args.preset}: input {'×'.join(map(str, shape))}, {sum(p.numel() for p in net.parameters()):,} parameters, torch {torch.__version__}")
    with tempfile.TemporaryDirectory() as folder:
        for round_ in range(1, args.rounds + 1):
            for fmt, (suffix, _) in FORMATS.items():
                start = time.perf_counter()
                paths = export_model(bundle, fmt, Path(folder) / f"{fmt}{suffix}")
                took = time.perf_counter() - start
                size = sum(p.stat().st_size for p in paths)
                line = f"round {round_}  {fmt:12s} export {took * 1000:7.0f} ms  {size / 1024:7.1f} KiB"
                if fmt in ("bundle", "onnx", "torchscript"):
                    start = time.perf_counter()
                    predictor = load_predictor(paths[0])
                    loaded = time.perf_counter() - start
                    diff = np.abs(predictor.predict(x) - reference).max()
                    line += f"  load {loaded * 1000:5.0f} ms  max |p - app| {diff:.1e}"
                print(line, flush=True)


if __name__ == "__main__":
    main()
