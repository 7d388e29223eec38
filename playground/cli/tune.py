"""`playground tune`: hyperparameter search from the command line (core.experiments.tune does the work).

    playground tune xor-mlp --trials 20 --sampler tpe
    playground tune run.json --trials 50 --sampler random --storage postgresql://host/db --study lr-search
    python -m playground tune run.json --storage sqlite:///shared.db --study s --total 40   # in several shells at once
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playground.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    add_config,
    add_data_dir,
    add_device,
    add_epochs,
    load_data,
    override,
    stop_on_ctrl_c,
)
from playground.core.experiments.shared_study import GRACE_HEARTBEATS, HEARTBEAT_S

__all__ = ["add_parser", "cmd_tune"]


def add_parser(sub) -> None:
    tune = sub.add_parser(
        "tune",
        help="search hyperparameters with Optuna (grid, random or TPE)",
        description="Run trials of a hyperparameter search on a preset or a run config. The study is kept in a "
        "database, so running the command again resumes it, and several processes given the same --storage and "
        "--study add trials to one study.",
    )
    tune.set_defaults(handler=cmd_tune)
    add_config(tune)
    tune.add_argument("--trials", type=int, metavar="N", help="how many trials to run now (default 20)")
    tune.add_argument(
        "--total",
        type=int,
        metavar="N",
        help="instead of --trials: run trials until the study has N complete ones, counting those of every "
        "worker that shares it (give each worker the same N)",
    )
    tune.add_argument("--sampler", default="tpe", metavar="NAME", help="grid, random or tpe (default)")
    tune.add_argument(
        "--storage",
        metavar="URL",
        help="an Optuna storage: any SQLAlchemy URL such as sqlite:///study.db or postgresql://user@host/db "
        "(default: a SQLite file beside CONFIG, or studies.db in the user data folder for a preset)",
    )
    tune.add_argument("--study", metavar="NAME", help="the study's name in the storage (default: the config's name)")
    tune.add_argument(
        "--heartbeat",
        type=int,
        default=HEARTBEAT_S,
        metavar="SECONDS",
        help=f"a running trial tells the storage it is alive this often (default {HEARTBEAT_S}); a trial silent for "
        f"{GRACE_HEARTBEATS} beats is failed and its values run again",
    )
    tune.add_argument(
        "--space",
        type=Path,
        metavar="SPACE.json",
        help='the search space: {"params": [{"key": "optimizer.lr", "kind": "float", "low": 1e-4, "high": 0.1, '
        '"log": true}, ...]} (default: learning rate, batch size and optimizer)',
    )
    tune.add_argument("--save-best", type=Path, metavar="PATH", help="write the best run config as JSON")
    tune.add_argument("--metric", default="auto", metavar="NAME", help="val_accuracy or val_loss (default: accuracy for classification)")
    tune.add_argument("--pruner", default="median", metavar="NAME", help="median (default) or none")
    tune.add_argument("--seed", type=int, metavar="N", help="the sampler's seed (training keeps the config's seed)")
    add_epochs(tune, "epochs per trial (default: the config's)")
    add_device(tune)
    add_data_dir(tune)


def _value(v) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def _params(params: dict) -> str:
    return " ".join(f"{k}={_value(v)}" for k, v in params.items())


def _print_table(rows, metric: str, keys: list[str]) -> None:
    header = ["#", "STATE", metric.upper(), "EPOCHS", "SECONDS", *keys]
    lines = [
        [
            str(r.number),
            r.state,
            "-" if r.value is None else f"{r.value:.4f}",
            str(r.epochs),
            "-" if r.seconds is None else f"{r.seconds:.1f}",
            *(_value(r.params[k]) if k in r.params else "-" for k in keys),
        ]
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    for line in [header, *lines]:
        print("  ".join(c.rjust(w) if i != 1 and i < 5 else c.ljust(w) for i, (c, w) in enumerate(zip(line, widths))).rstrip())


def cmd_tune(args: argparse.Namespace) -> int:
    import optuna

    from playground.core.config.presets import load_run_config, run_config_file
    from playground.core.experiments.tune import (
        IMPORTANCE_MIN_TRIALS,
        StudyCallback,
        default_storage_path,
        make_sampler,
        open_storage,
        param_importances,
        run_study,
        safe_url,
        sqlite_url,
    )
    from playground.core.experiments.search_space import SearchSpace, TuneError, default_space
    from playground.core.io.bundle import check_writable
    from playground.core.training.loop import RunControl

    # Our own line per trial replaces Optuna's log (which prints a traceback for each failed trial).
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    config_path = run_config_file(args.config)  # None for a preset
    base = override(load_run_config(args.config), epochs=args.epochs, device=args.device)
    space = SearchSpace.load(args.space) if args.space is not None else default_space(base)
    sampler = make_sampler(args.sampler, space, args.seed)  # checks the name, and a grid's ranges, before any work
    if args.trials is not None and args.total is not None:
        raise TuneError("Give --trials (how many to run now) or --total (how many the study should have), not both.")
    if args.total is None and args.trials is None:
        args.trials = 20
    for flag, n in (("--trials", args.trials), ("--total", args.total), ("--heartbeat", args.heartbeat)):
        if n is not None and n < 1:
            raise TuneError(f"{flag} must be at least 1, got {n}.")
    if args.save_best is not None:
        check_writable(args.save_best)
    if args.storage:
        url = args.storage
    else:
        path = default_storage_path(config_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        url = sqlite_url(path)
    storage = open_storage(url, heartbeat=args.heartbeat)  # a wrong URL or an unreachable server fails before the data loads
    study_name = args.study or base.name or (config_path.stem if config_path else args.config)
    # Frozen once, before the trials: full garbage collections stay cheap.
    dataset = load_data(base.data.name, base.data.options, args.data_dir, quiet=True)

    class Lines(StudyCallback):
        def on_trial_end(self, row, study):
            best = ""
            done = [t for t in study.get_trials(deepcopy=False) if t.state == optuna.trial.TrialState.COMPLETE]
            if done:
                bt = study.best_trial
                best = f"  best {bt.value:.4f} (#{bt.number})"
            value = "" if row.value is None else f" {row.value:.4f}"
            seconds = f"  {row.seconds:.1f} s" if row.seconds is not None else ""
            retry = f"  (retry of #{row.retry_of})" if row.retry_of is not None else ""
            print(f"trial {row.number:3d}  {row.state:8s}{value}{best}  {_params(row.params)}{seconds}{retry}", flush=True)
            if row.state == "fail" and row.message:
                print(f"           {row.message}", flush=True)

        def on_wait(self, complete, running):
            print(f"waiting: {complete} of {args.total} trials complete, {running} running in other workers", flush=True)

    control = RunControl()
    if args.total is None:
        goal = f"{args.trials} trial{'s' * (args.trials != 1)}"
    else:
        goal = f"until {args.total} trial{'s' * (args.total != 1)} are complete"
    print(f"Study '{study_name}' in {safe_url(url)}: {goal} with the {args.sampler} sampler", flush=True)
    with stop_on_ctrl_c(control, "Stopping the current trial"):
        result = run_study(
            base,
            space,
            trials=args.trials,
            total=args.total,
            sampler=sampler,
            storage=storage,
            study_name=study_name,
            metric=args.metric,
            pruner=args.pruner,
            control=control,
            callbacks=[Lines()],
            dataset=dataset,
        )

    print()
    _print_table(result.rows, result.metric, space.keys)
    counts = {}
    for r in result.rows:
        counts[r.state] = counts.get(r.state, 0) + 1
    print(f"\n{len(result.rows)} trial{'s' * (len(result.rows) != 1)} in the study ({', '.join(f'{n} {s}' for s, n in counts.items())}); "
          f"{result.trials_run} run now{' — the grid is complete' if result.exhausted else ''}.")
    if result.best is None:
        print("No trial has completed yet, so there is no best configuration.")
    else:
        print(f"Best: trial #{result.best.number}, {result.metric} {result.best.value:.4f}: {_params(result.best.params)}")
        importances = param_importances(result.study)
        if importances:
            print("Importance: " + ", ".join(f"{k} {v:.2f}" for k, v in importances.items()))
        elif counts.get("complete", 0) < IMPORTANCE_MIN_TRIALS:
            print(f"Importance: shown after {IMPORTANCE_MIN_TRIALS} complete trials ({counts.get('complete', 0)} so far) — "
                  "with fewer, which setting seems to matter is mostly chance.")
        if args.save_best is not None:
            from playground.core.io.atomic import write_text

            write_text(args.save_best, result.best_config.to_json() + "\n")
            print(f"Saved the best config to {args.save_best}")
    return EXIT_INTERRUPTED if result.stopped else EXIT_OK
