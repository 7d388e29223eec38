"""What the command-line commands share: exit codes, the arguments several commands take,
a run config with the command line's changes applied, loading a dataset, and Ctrl+C.

Nothing here imports torch at module level: `playground` with no arguments builds the whole
parser before the window shows (tests/core/test_layering.py checks)."""

from __future__ import annotations

import signal
import sys
from contextlib import contextmanager
from typing import Iterator

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_CHECK_FAILED",
    "EXIT_DIVERGED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "add_config",
    "add_data_dir",
    "add_dataset",
    "add_device",
    "add_epochs",
    "load_data",
    "override",
    "positive",
    "stop_on_ctrl_c",
]

# 1: a check found a fault (gradcheck: a gradient that is not autograd's); 2: bad input (any
# PlaygroundError: its message is printed); 3: a training run diverged; 130: stopped or aborted
# with Ctrl+C (128 + SIGINT, as shells report it).
EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT, EXIT_DIVERGED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

# --------------------------------------------------------------------------- arguments


def add_config(parser, *, optional: bool = False, help: str | None = None) -> None:
    """The positional CONFIG: a preset's name or a run-config JSON file (core.config.presets.load_run_config)."""
    parser.add_argument(
        "config",
        nargs="?" if optional else None,
        metavar="CONFIG",
        help=help or "a preset name (see 'playground presets') or a run-config JSON file",
    )


def add_dataset(parser, help: str | None = None) -> None:
    parser.add_argument("--dataset", metavar="NAME", help=help or "use this dataset instead (see 'playground datasets')")


def add_epochs(parser, help: str | None = None) -> None:
    parser.add_argument("--epochs", type=int, metavar="N", help=help)


def add_device(parser) -> None:
    parser.add_argument("--device", default=None, metavar="DEV", help="auto (default), cpu, cuda, cuda:N or mps")


def add_data_dir(parser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where datasets are looked up and downloaded (default: $PLAYGROUND_DATA_DIR, else the user cache)",
    )


# --------------------------------------------------------------------------- run configs and data


def positive(value, what: str) -> None:
    """ConfigError unless `value` (when given) is at least 1."""
    from playground.core.errors import ConfigError

    if value is not None and value < 1:
        raise ConfigError(f"{what} must be at least 1, got {value}.")


def override(
    cfg,
    *,
    dataset: str | None = None,
    optimizer: str | None = None,
    lr: float | None = None,
    epochs: int | None = None,
    batch_size: int | None = None,
    device: str | None = None,
    seed: int | None = None,
    validate: bool = True,
):
    """`cfg` with what the command line changes (None: keep the config's).

    Another dataset drops the old one's options (noise, folder path, ...); another optimizer
    starts from its own default learning rate and hyperparameters; a batch size switches to
    mini-batches. `validate` checks the result (ConfigError/SpecError for the user)."""
    from playground.core.config.spec import DataConfig, OptimizerConfig
    from playground.core.errors import ConfigError

    if dataset and dataset != cfg.data.name:
        cfg = cfg.replace(data=DataConfig(dataset, {}, cfg.data.val_split, cfg.data.augment))
    if optimizer and optimizer != cfg.optimizer.name:
        from playground.core.training.catalog import OPTIMIZERS

        if optimizer not in OPTIMIZERS:
            raise ConfigError(f"Unknown optimizer '{optimizer}'. Choose one of: {', '.join(OPTIMIZERS)}.")
        cfg = cfg.replace(optimizer=OptimizerConfig(optimizer, OPTIMIZERS[optimizer].default_lr, {}))
    overrides = {
        "optimizer.lr": lr,
        "train.epochs": epochs,
        "train.batch_size": batch_size,
        "train.device": device,
        "train.seed": seed,
    }
    cfg = cfg.with_overrides(**{k: v for k, v in overrides.items() if v is not None})
    if batch_size is not None:
        cfg = cfg.with_overrides(**{"train.batch_mode": "minibatch"})
    if validate:
        cfg.validate()
    return cfg


def load_data(name: str, options, data_dir: str | None, *, quiet: bool, freeze: bool = True):
    """The dataset, with a download progress bar unless `quiet`. With `freeze`, the process's
    long-lived objects (torch, the dataset) are then moved out of the garbage collector's reach
    before training starts (core.training.loop.freeze_long_lived)."""
    from playground.cli.progress import DownloadProgress
    from playground.core.data.registry import load_dataset

    with DownloadProgress(disable=quiet) as progress:
        dataset = load_dataset(name, options, data_dir=data_dir, progress=progress)
    if freeze:
        from playground.core.training.loop import freeze_long_lived

        freeze_long_lived()
    return dataset


# --------------------------------------------------------------------------- Ctrl+C


@contextmanager
def stop_on_ctrl_c(control, what: str = "Stopping after this batch") -> Iterator[None]:
    """While inside: the first Ctrl+C asks `control` (a RunControl) to stop, which ends the
    run cleanly with its results so far; a second one raises KeyboardInterrupt (main() then
    prints "Aborted after ..." and exits 130)."""

    def _on_sigint(signum, frame):
        if control.stop_requested:
            raise KeyboardInterrupt
        print(f"\n{what} (Ctrl+C again to abort)...", file=sys.stderr)
        control.stop()

    previous = signal.signal(signal.SIGINT, _on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
