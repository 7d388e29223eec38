"""Command line front end over the same core the window uses.

    playground                      open the window
    playground train --preset cnn --dataset fashion-mnist --epochs 3
    playground datasets
    playground presets
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path
from typing import Sequence

from . import __version__

EXIT_OK, EXIT_BAD_INPUT, EXIT_DIVERGED, EXIT_INTERRUPTED = 0, 2, 3, 130


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="playground",
        description="Neural Network Playground: build, train and export neural networks.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    train = sub.add_parser("train", help="train a model from a preset or a JSON run config")
    source = train.add_mutually_exclusive_group(required=True)
    source.add_argument("--preset", metavar="NAME", help="a built-in run config (see 'playground presets')")
    source.add_argument("--config", metavar="FILE", type=Path, help="a JSON run config")
    train.add_argument("--dataset", metavar="NAME", help="train on this dataset instead (see 'playground datasets')")
    train.add_argument("--epochs", type=int, metavar="N")
    train.add_argument("--batch-size", type=int, metavar="N")
    train.add_argument("--optimizer", metavar="NAME", help="sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, radam, adabound")
    train.add_argument("--lr", type=float, metavar="X", help="learning rate (default: the config's, or the optimizer's default when --optimizer changes it)")
    train.add_argument("--device", default=None, metavar="DEV", help="auto (default), cpu, cuda, cuda:N or mps")
    train.add_argument("--seed", type=int, metavar="N")
    train.add_argument("--data-dir", metavar="DIR", help="where datasets are looked up and downloaded (default: $PLAYGROUND_DATA_DIR, else the user cache)")
    train.add_argument("--summary-json", type=Path, metavar="FILE", help="write the run's results as JSON")
    train.add_argument("--save", type=Path, metavar="FILE", help="save the trained model as a .safetensors bundle")
    train.add_argument("--quiet", action="store_true", help="no progress bar, only the result line")

    datasets = sub.add_parser("datasets", help="list datasets and whether each is available locally")
    datasets.add_argument("--data-dir", metavar="DIR")

    sub.add_parser("presets", help="list the built-in run configs")

    gui = sub.add_parser("gui", help="open the window (the default when no command is given)")
    opened = gui.add_mutually_exclusive_group()
    opened.add_argument("--project", metavar="FILE", help="open this project file")
    opened.add_argument("--preset", metavar="NAME", help="start from this preset")
    gui.add_argument("--data-dir", metavar="DIR")
    gui.add_argument("--train", action="store_true", help="start training once the window is ready")
    gui.add_argument("--screenshot", metavar="PNG", help="save a screenshot when training ends (or after start-up)")
    gui.add_argument("--quit", action="store_true", help="close the window after that")
    return parser


def _apply_overrides(cfg, args):
    from .core.optim import OPTIMIZERS
    from .core.spec import ConfigError, DataConfig, OptimizerConfig

    if args.dataset and args.dataset != cfg.data.name:
        # Dataset options (noise, folder path, ...) belong to the old dataset.
        cfg = cfg.replace(data=DataConfig(args.dataset, {}, cfg.data.val_split, cfg.data.augment))
    if args.optimizer and args.optimizer != cfg.optimizer.name:
        if args.optimizer not in OPTIMIZERS:
            raise ConfigError(f"Unknown optimizer '{args.optimizer}'. Choose one of: {', '.join(OPTIMIZERS)}.")
        # Another optimizer's hyperparameters and learning rate do not carry over.
        cfg = cfg.replace(optimizer=OptimizerConfig(args.optimizer, OPTIMIZERS[args.optimizer].default_lr, {}))
    overrides = {
        "optimizer.lr": args.lr,
        "train.epochs": args.epochs,
        "train.batch_size": args.batch_size,
        "train.device": args.device,
        "train.seed": args.seed,
    }
    cfg = cfg.with_overrides(**{k: v for k, v in overrides.items() if v is not None})
    if args.batch_size is not None:
        cfg = cfg.with_overrides(**{"train.batch_mode": "minibatch"})
    cfg.validate()
    return cfg


def _load_config(args):
    from .core.io import FileError
    from .core.presets import load_preset
    from .core.spec import RunConfig

    if args.preset:
        return load_preset(args.preset)
    try:
        text = args.config.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileError(f"No config file at {args.config} — check the path.") from None
    except (OSError, UnicodeDecodeError) as e:
        raise FileError(f"Cannot read {args.config}: {e}") from None
    return RunConfig.from_json(text)


def _format_result(result) -> str:
    parts = [f"{result.status}:"]
    if result.test_accuracy is not None:
        parts.append(f"test accuracy {result.test_accuracy:.2%} (loss {result.test_loss:.4f})")
    elif result.test_loss is not None:
        parts.append(f"test loss {result.test_loss:.4f}")
    parts.append(
        f"after {result.epochs_completed} epoch{'s' * (result.epochs_completed != 1)} in {result.train_seconds:.1f} s, "
        f"{result.samples_per_second:,.0f} samples/s on {result.device}"
    )
    line = " ".join(parts)
    if result.status != "completed" or result.early_stopped:
        line += f"\n{result.message}"
    return line


def _cmd_train(args) -> int:
    from .core.data import load_dataset
    from .core.io import check_writable, save_bundle
    from .core.train import RunControl, fit
    from .progress import DownloadProgress, ProgressBar

    cfg = _apply_overrides(_load_config(args), args)
    # Check outputs now: a typo in a path should not cost a training run.
    for path in (args.summary_json, args.save):
        if path is not None:
            check_writable(path)

    with DownloadProgress(disable=args.quiet) as download_progress:
        dataset = load_dataset(cfg.data.name, cfg.data.options, data_dir=args.data_dir, progress=download_progress)

    control = RunControl()

    def _on_sigint(signum, frame):
        if control.stop_requested:
            raise KeyboardInterrupt
        print("\nStopping after this batch (Ctrl+C again to abort)...", file=sys.stderr)
        control.stop()

    previous = signal.signal(signal.SIGINT, _on_sigint)
    try:
        callbacks = [] if args.quiet else [ProgressBar()]
        result = fit(cfg, dataset, callbacks=callbacks, control=control)
    finally:
        signal.signal(signal.SIGINT, previous)

    print(_format_result(result))
    if args.summary_json is not None:
        from .core.files import atomic_path

        with atomic_path(args.summary_json) as tmp:
            tmp.write_text(json.dumps(result.summary(), indent=2) + "\n", encoding="utf-8")
    if args.save is not None:
        if result.status == "diverged" and result.best_epoch == 0:
            print("Not saving: the run diverged before any epoch finished.", file=sys.stderr)
        else:
            save_bundle(args.save, result)
            print(f"Saved model to {args.save}")
    return {"completed": EXIT_OK, "stopped": EXIT_INTERRUPTED, "diverged": EXIT_DIVERGED}[result.status]


def _cmd_datasets(args) -> int:
    from .core.data import list_datasets, resolve_data_dir

    rows = [(d.name, d.kind, d.task, "yes" if d.available else "no", d.where) for d in list_datasets(args.data_dir)]
    header = ("NAME", "KIND", "TASK", "LOCAL", "WHERE")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)) + "  " + row[4])
    print(f"\nData directory: {resolve_data_dir(args.data_dir)}")
    return EXIT_OK


def _cmd_presets(args) -> int:
    from .core.presets import list_presets, load_preset

    for name in list_presets():
        cfg = load_preset(name)
        print(f"{name:12s} {cfg.data.name:14s} {cfg.description}")
    return EXIT_OK


def _cmd_gui(args) -> int:
    from .gui.app import main as gui_main

    return gui_main(
        project=args.project,
        preset=args.preset,
        data_dir=args.data_dir,
        train=args.train,
        screenshot=args.screenshot,
        quit_after=args.quit,
    )


def main(argv: Sequence[str] | None = None) -> int:
    from .core.errors import PlaygroundError

    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["gui"])
    start = time.perf_counter()
    try:
        commands = {"train": _cmd_train, "datasets": _cmd_datasets, "presets": _cmd_presets, "gui": _cmd_gui}
        return commands[args.command](args)
    except PlaygroundError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"\nAborted after {time.perf_counter() - start:.1f} s.", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
