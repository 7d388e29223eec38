"""The GPU check: on one NVIDIA GPU, in a few minutes, run the CUDA tests and time the image
presets to their target accuracies, then print one table to paste into docs/performance.md.

    python benchmarks/gpu_check.py                                  # Fashion-MNIST found locally
    python benchmarks/gpu_check.py --data-dir /path/to/datasets     # <dir>/fashion-mnist/*.gz
    python benchmarks/gpu_check.py --download                       # fetch Fashion-MNIST if missing
    python benchmarks/gpu_check.py --amp                            # also time bf16 autocast

It needs:
- an NVIDIA GPU and a CUDA build of PyTorch (pytorch.org's "Get Started" selector; the
  README's pinned torch==2.13.0 is the CPU build). Without a GPU it says why and exits 2.
- the package and its test extra: `pip install -e '.[test]'` after the CUDA torch.
- Fashion-MNIST's four IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,
  t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz; 30 MB), found where the app finds
  them (playground/core/data/registry.py): `--data-dir DIR` (else $PLAYGROUND_DATA_DIR, else
  the user cache folder) in a subfolder `fashion-mnist`, then /usr/share/datasets/fashion-mnist
  (Debian's `dataset-fashion-mnist` package). `playground datasets` shows where it looked.
  Offline machines: copy the files there; with a network, `--download` fetches them.

Steps: (1) `python -m pytest -m cuda` in this checkout (tests/core/test_cuda.py,
tests/gui/test_cuda.py; pass/fail counts from its JUnit XML); (2) for each preset, a warm-up
epoch on 2,048 images (CUDA and cuDNN start-up, not counted), then training on the GPU until
the validation accuracy reaches the target (time_to_accuracy.TargetWatch, stopping there;
at most the preset's epochs): the epoch and training time to the target, training samples/s,
the test accuracy of the weights at that point and the peak GPU memory. Defaults:
`cnn:0.90` and `deep-cnn:0.91`, the targets of the CPU figures in docs/performance.md.

Exit status: 0 all tests passed and every target reached; 1 a test failed or a target was
missed; 2 the check cannot run here (no CUDA GPU, no PyTorch, no dataset).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PRESETS = ("cnn:0.90", "deep-cnn:0.91")


def fail(message: str, status: int = 2) -> None:
    print(f"gpu_check: {message}", file=sys.stderr)
    sys.exit(status)


def require_gpu():
    """torch, with a CUDA GPU it can see; otherwise a message saying what is missing."""
    try:
        import torch
    except ImportError:
        fail("PyTorch is not installed. Install the CUDA build for your driver (pytorch.org, 'Get Started'), "
             "then `pip install -e '.[test]'` in this checkout.")
    if not torch.cuda.is_available():
        if torch.version.cuda is None:
            why = f"torch {torch.__version__} is a CPU-only build"
            fix = ("install the CUDA build of PyTorch for your driver (pytorch.org, 'Get Started': "
                   "pip install torch --index-url <the CUDA wheel index it names>)")
        else:
            why = f"torch {torch.__version__} (CUDA {torch.version.cuda}) sees no NVIDIA GPU"
            fix = "check `nvidia-smi` and CUDA_VISIBLE_DEVICES"
        fail(f"no CUDA GPU: {why}. This check needs one NVIDIA GPU — {fix}. Nothing was run.")
    return torch


def import_playground():
    try:
        import playground  # noqa: F401 - installed, or this checkout on the path
    except ImportError:
        sys.path.insert(0, str(REPO))
    # time_to_accuracy.py (beside this file, so on sys.path) holds the target watch and the
    # engine imports it uses; reusing them keeps the two benchmarks measuring the same thing.
    import time_to_accuracy

    return time_to_accuracy


def require_dataset(name: str, data_dir: str | None, download: bool) -> None:
    from playground.core.data.registry import list_datasets, resolve_data_dir

    info = next((i for i in list_datasets(data_dir) if i.name == name), None)
    if info is None:
        fail(f"unknown dataset '{name}' (see `playground datasets`).")
    if not info.available and not download:
        fail(f"{name} is not on this machine: looked in {resolve_data_dir(data_dir) / name} and "
             f"/usr/share/datasets/{name}. It needs the four IDX files train-images-idx3-ubyte.gz, "
             "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (or unpacked) "
             f"in one of them: pass --data-dir DIR with the files in DIR/{name}/, install Debian's "
             f"dataset-{name} package where there is one, or pass --download on a machine with a network.")


def run_cuda_tests(pytest_args: list[str]) -> dict:
    """`python -m pytest -m cuda` in this checkout, its output shown as it runs; counts read
    from its JUnit XML."""
    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp) / "cuda-tests.xml"
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")  # the GUI's CUDA tests need no display
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        cmd = [sys.executable, "-m", "pytest", "-m", "cuda", "-q", "-p", "no:cacheprovider",
               f"--junitxml={xml}", *pytest_args]
        print("$", " ".join(cmd), flush=True)
        began = time.perf_counter()
        code = subprocess.run(cmd, cwd=REPO, env=env).returncode
        seconds = time.perf_counter() - began
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if xml.exists():
            for suite in ET.parse(xml).getroot().iter("testsuite"):
                for key in counts:
                    counts[key] += int(suite.get(key, 0))
        elif code != 0:
            counts["errors"] = 1  # pytest did not get as far as writing its report
    counts["passed"] = counts["tests"] - counts["failures"] - counts["errors"] - counts["skipped"]
    counts["seconds"], counts["exit"] = seconds, code
    return counts


def time_preset(tta, name: str, target: float, data, amp: bool) -> dict:
    """Warm up, then train `name` on the GPU until the validation accuracy reaches `target`."""
    torch = sys.modules["torch"]
    cfg = tta.load_preset(name).with_overrides(**{"train.device": "cuda", "train.amp": amp})
    n = min(2048, len(data.x_train))
    small = dataclasses.replace(data, x_train=data.x_train[:n], y_train=data.y_train[:n],
                                x_test=data.x_test[:512], y_test=data.y_test[:512])
    tta.fit(cfg.with_overrides(**{"train.epochs": 1}), small)  # CUDA context, cuDNN kernels, allocator
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    watch = tta.TargetWatch(target, stop=True)
    result = tta.fit(cfg, data, callbacks=[watch])
    return {
        "name": name + (" (amp)" if amp else ""),
        "target": target,
        "reached": watch.reached,  # (epoch, seconds) or None
        "epochs": result.epochs_completed,
        "max_epochs": cfg.train.epochs,
        "seconds": result.train_seconds,
        "samples_per_second": result.samples_per_second,
        "test_accuracy": result.test_accuracy,
        "peak_gib": torch.cuda.max_memory_allocated() / 2**30,
        "status": result.status,
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--preset", action="append", metavar="NAME:TARGET",
                   help=f"preset and target validation accuracy (repeatable; default {' '.join(DEFAULT_PRESETS)})")
    p.add_argument("--dataset", default="fashion-mnist")
    p.add_argument("--data-dir", metavar="DIR", help="where datasets are: DIR/<dataset>/ (else $PLAYGROUND_DATA_DIR, "
                   "the user cache folder, /usr/share/datasets/<dataset>)")
    p.add_argument("--download", action="store_true", help="download the dataset if it is missing (needs a network)")
    p.add_argument("--amp", action="store_true", help="also time each preset with bf16 autocast (train.amp)")
    p.add_argument("--skip-tests", action="store_true", help="only the timings")
    p.add_argument("--skip-timing", action="store_true", help="only the CUDA tests")
    p.add_argument("pytest_args", nargs="*", help="extra pytest arguments (after --), e.g. -- -x tests/core")
    args = p.parse_args()

    torch = require_gpu()
    tta = import_playground()
    if not args.skip_timing:
        require_dataset(args.dataset, args.data_dir, args.download)

    began = time.perf_counter()
    props = torch.cuda.get_device_properties(0)
    tests = None if args.skip_tests else run_cuda_tests(args.pytest_args)

    timings = []
    if not args.skip_timing:
        data = tta.load_dataset(args.dataset, data_dir=args.data_dir, download=args.download)
        print(f"\n{args.dataset}: {len(data.x_train):,} train (10% of it validation) / {len(data.x_test):,} test", flush=True)
        for item in args.preset or DEFAULT_PRESETS:
            name, _, target = item.partition(":")
            for amp in (False, True) if args.amp else (False,):
                row = time_preset(tta, name, float(target or 0.9), data, amp)
                timings.append(row)
                print(f"{row['name']}: {fmt_reached(row)}", flush=True)

    print("\n| GPU check | result |\n|---|---|")
    print(f"| device | {props.name}, {props.total_memory / 2**30:.0f} GiB, compute capability {props.major}.{props.minor} |")
    cudnn = torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else "none"
    print(f"| software | torch {torch.__version__}, CUDA {torch.version.cuda}, cuDNN {cudnn}, "
          f"Python {platform.python_version()}, {torch.get_num_threads()} CPU threads |")
    if tests is not None:
        print(f"| CUDA tests (`pytest -m cuda`) | {tests['passed']} passed, {tests['failures']} failed, "
              f"{tests['errors']} errors, {tests['skipped']} skipped ({tests['seconds']:.0f} s) |")
    for row in timings:
        print(f"| `{row['name']}` on {args.dataset} to {row['target']:.0%} val | {fmt_reached(row)} |")
    total = time.perf_counter() - began
    print(f"| total | {total:.0f} s{' (over the 5-minute aim)' if total > 300 else ''} |")

    failed_tests = tests is not None and (tests["exit"] != 0 or tests["failures"] or tests["errors"])
    missed = [r["name"] for r in timings if r["reached"] is None]
    if failed_tests:
        print("\nSome CUDA tests failed: see the pytest output above.")
    if missed:
        print(f"\nTarget not reached within the preset's epochs: {', '.join(missed)}.")
    return 1 if failed_tests or missed else 0


def fmt_reached(row: dict) -> str:
    if row["reached"] is None:
        head = f"not reached in {row['epochs']} epochs ({row['status']}), {row['seconds']:.1f} s"
    else:
        epoch, seconds = row["reached"]
        head = f"epoch {epoch} of {row['max_epochs']}, {seconds:.1f} s"
    test = f"{row['test_accuracy']:.2%}" if row["test_accuracy"] is not None else "—"
    return f"{head}; {row['samples_per_second']:,.0f} samples/s; test {test}; peak {row['peak_gib']:.2f} GiB"


if __name__ == "__main__":
    sys.exit(main())
