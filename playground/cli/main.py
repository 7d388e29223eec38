"""Command line front end over the same core the window uses: the parser and the dispatch.

    playground                      open the window
    playground train --preset cnn --dataset fashion-mnist --epochs 3
    playground train --resume       continue the run a crash or kill interrupted
    playground train --preset cnn --dataset fashion-mnist --init-from starter   fine-tune the digit model
    playground datasets
    playground presets
    playground predict starter digit.png --json
    playground inspect starter digit.png --out inside/
    playground gradcheck --preset cnn     autograd's gradients against numerical ones
    playground step --preset xor-mlp      backpropagation step by step, with the numbers
    playground landscape --preset xor-mlp --paths lesson --out landscape/

Each command lives with its kin — cli/train.py (train, datasets, presets, predict, export),
cli/tune.py, cli/experiments.py (compare, ensemble, evaluate), cli/inspect.py, cli/gradcheck.py, cli/step.py,
cli/landscape.py — and adds its own subparser,
whose `handler` default is the function that carries it out. cli/common.py holds what they share
(exit codes, arguments, overrides, data loading, Ctrl+C). Building the parser imports no torch.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Sequence

from playground import __version__
from playground.cli import experiments as experiments_cli
from playground.cli import gradcheck as gradcheck_cli
from playground.cli import inspect as inspect_cli
from playground.cli import landscape as landscape_cli
from playground.cli import step as step_cli
from playground.cli import train as train_cli
from playground.cli import tune as tune_cli
from playground.cli.common import EXIT_BAD_INPUT, EXIT_INTERRUPTED, add_data_dir
from playground.core.errors import PlaygroundError


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="playground",
        description="Neural Network Playground: build, train and export neural networks.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    train_cli.add_train_parser(sub)
    train_cli.add_datasets_parser(sub)
    train_cli.add_presets_parser(sub)
    tune_cli.add_parser(sub)
    experiments_cli.add_parsers(sub)  # compare, ensemble, evaluate
    train_cli.add_predict_parser(sub)
    train_cli.add_export_parser(sub)
    inspect_cli.add_parser(sub)
    gradcheck_cli.add_parser(sub)
    step_cli.add_parser(sub)
    landscape_cli.add_parser(sub)
    _add_gui_parser(sub)
    return parser


def _add_gui_parser(sub) -> None:
    gui = sub.add_parser("gui", help="open the window (the default when no command is given)")
    gui.set_defaults(handler=_cmd_gui)
    opened = gui.add_mutually_exclusive_group()
    opened.add_argument("--project", metavar="FILE", help="open this project file")
    opened.add_argument("--preset", metavar="NAME", help="start from this preset")
    add_data_dir(gui)
    gui.add_argument("--train", action="store_true", help="start training once the window is ready")
    gui.add_argument("--screenshot", metavar="PNG", help="save a screenshot when training ends (or after start-up)")
    gui.add_argument("--quit", action="store_true", help="close the window after that")


def _cmd_gui(args) -> int:
    from playground.gui.app import main as gui_main

    return gui_main(
        project=args.project,
        preset=args.preset,
        data_dir=args.data_dir,
        train=args.train,
        screenshot=args.screenshot,
        quit_after=args.quit,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit code (cli/common.py: 0 done, 1 a check failed, 2 bad input, 3 diverged, 130 stopped)."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["gui"])
    start = time.perf_counter()
    try:
        return args.handler(args)
    except PlaygroundError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"\nAborted after {time.perf_counter() - start:.1f} s.", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
