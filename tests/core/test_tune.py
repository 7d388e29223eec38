"""Hyperparameter search (core.experiments.tune and `playground tune`) with the real trainer on tiny data."""

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import optuna
import pytest

from playground.cli.main import main
from playground.core.config.spec import RunConfig
from playground.core.errors import ConfigError
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.training.loop import RunControl, fit
from playground.core.experiments.tune import (
    StudyCallback,
    best_config,
    best_so_far,
    make_pruner,
    open_storage,
    param_importances,
    run_study,
    sqlite_url,
    trials_table,
)
from playground.core.experiments.search_space import Param, SearchSpace, TuneError, apply_params, default_space

from .conftest import mlp_config

optuna.logging.set_verbosity(optuna.logging.ERROR)

GRID_SPACE = {
    "params": [
        {"key": "optimizer.lr", "kind": "float", "low": 0.001, "high": 0.1, "log": True, "grid": [0.01, 0.1]},
        {"key": "model.layers[0].units", "kind": "int", "low": 4, "high": 8, "step": 4},
    ]
}

# A run config small enough to train in a fraction of a second in a fresh process.
TINY_CONFIG = {
    "name": "tiny",
    "data": {"name": "gauss", "options": {"n_samples": 200, "noise": 0.5}, "val_split": 0.2},
    "model": {"layers": [{"type": "Dense", "units": 8}, {"type": "Activation", "function": "Tanh"}, {"type": "Dense", "units": 2}]},
    "optimizer": {"name": "adam", "lr": 0.03},
    "train": {"epochs": 1, "batch_size": 16, "device": "cpu"},
}


# --------------------------------------------------------------------------- search space


def test_space_json_round_trip_and_grid():
    space = SearchSpace.from_dict(
        {
            "params": [
                *GRID_SPACE["params"],
                {"key": "train.batch_size", "kind": "categorical", "choices": [16, 32]},
                {"key": "regularization.l2", "kind": "float", "low": 0.0, "high": 0.3, "step": 0.1},
            ]
        }
    )
    assert SearchSpace.from_json(space.to_json()) == space
    assert space.grid() == {
        "optimizer.lr": [0.01, 0.1],
        "model.layers[0].units": [4, 8],
        "train.batch_size": [16, 32],
        "regularization.l2": [0.0, 0.1, 0.2, 0.3],
    }
    assert space.grid_size() == 32
    assert space.params[0].describe() == "log 0.001–0.1"


def test_continuous_range_has_no_grid():
    space = SearchSpace((Param("optimizer.lr", "float", 1e-4, 1e-1, log=True),))
    with pytest.raises(TuneError, match="continuous range .* list the values to try in its \"grid\""):
        space.grid()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"params": []}, "search space is empty"),
        ({"params": [{"key": "optimizer.lr", "kind": "number", "low": 0, "high": 1}]}, "unknown kind 'number'"),
        ({"params": [{"key": "optimizer.lr", "kind": "float", "low": 1, "high": 0.1}]}, "is above 'high'"),
        ({"params": [{"key": "optimizer.lr", "kind": "float", "low": 0, "high": 1, "log": True}]}, "log range needs 'low' > 0"),
        ({"params": [{"key": "train.batch_size", "kind": "int", "low": 8.5, "high": 64}]}, "'low' must be a whole number"),
        ({"params": [{"key": "optimizer.name", "kind": "categorical", "choices": []}]}, "non-empty 'choices'"),
        ({"params": [{"key": "optimizer.lr", "kind": "float", "low": 0.1, "high": 1, "grid": [5]}]}, "grid value 5"),
        ({"params": [{"key": "optimizer.lr", "kind": "float", "low": 0.1, "high": 1, "max": 3}]}, "unknown field"),
        ({"params": [{"key": "a.b", "choices": [1]}, {"key": "a.b", "choices": [2]}]}, "more than once"),
        ({"grid": []}, "must be a JSON object"),
    ],
)
def test_bad_space_is_rejected_with_the_reason(data, message):
    with pytest.raises(TuneError, match=message):
        SearchSpace.from_dict(data)


def test_space_is_checked_against_the_config():
    base = mlp_config()
    with pytest.raises(TuneError, match=r"'model.layers\[1\].units'.*Activation layer has unknown parameter"):
        SearchSpace((Param("model.layers[1].units", "int", 2, 8),)).check(base)
    with pytest.raises(TuneError, match="the model has 4 layers, numbered 0 to 3"):
        SearchSpace((Param("model.layers[7].units", "int", 2, 8),)).check(base)
    with pytest.raises(TuneError, match="Unknown optimizer 'adamax'"):
        SearchSpace((Param("optimizer.name", "categorical", choices=("adam", "adamax")),)).check(base)
    with pytest.raises(TuneError, match="Unknown setting 'train.batchsize'"):
        SearchSpace((Param("train.batchsize", "categorical", choices=(8,)),)).check(base)
    default_space(base).check(base)


def test_apply_params_addresses_layers_and_resets_a_new_optimizer():
    base = mlp_config().with_overrides(**{"optimizer.params.eps": 1e-6, "train.batch_mode": "full"})
    cfg = apply_params(base, {"model.layers[0].units": 5, "optimizer.name": "momentum", "train.batch_size": 8})
    assert cfg.model.layers[0].get("units") == 5 and cfg.model.layers[2].get("units") == 3
    # Adam's eps does not carry over to momentum SGD, which starts from its own default lr.
    assert cfg.optimizer.name == "momentum" and cfg.optimizer.params == {} and cfg.optimizer.lr == 0.01
    assert cfg.train.batch_size == 8 and cfg.train.batch_mode == "minibatch"
    layers = base.model.layers
    with_rate = base.replace(model=ModelSpec((2,), (*layers[:2], LayerSpec("Dropout"), *layers[2:])))
    assert apply_params(with_rate, {"model.layers[2].rate": 0.25}).model.layers[2].get("rate") == 0.25
    with pytest.raises(ConfigError, match="rate must be in"):
        apply_params(with_rate, {"model.layers[2].rate": 1.5})


def test_override_keys_reach_layers_and_mapping_entries():
    base = mlp_config()
    cfg = base.with_overrides(**{"model.layers[2].units": 7, "data.options.noise": 0.3, "optimizer.params.eps": 1e-7})
    assert cfg.model.layers[2].get("units") == 7 and cfg.model.layers[0].get("units") == 16
    assert cfg.data.options == {"noise": 0.3} and cfg.optimizer.params == {"eps": 1e-7}
    assert base.model.layers[2].get("units") == 3  # the base is unchanged
    for key, message in [
        ("model.layers[4].units", "the model has 4 layers, numbered 0 to 3"),
        ("model.layers[0].rate", "Dense layer has unknown parameter"),
        ("train.epochs.x", "'train.epochs' has no entries"),
        ("trainer.epochs", "Unknown setting 'trainer.epochs'"),
    ]:
        with pytest.raises(ConfigError, match=message):
            base.with_overrides(**{key: 1})


# --------------------------------------------------------------------------- studies


def test_grid_covers_its_grid_exactly(blobs):
    result = run_study(mlp_config(epochs=1), SearchSpace.from_dict(GRID_SPACE), trials=10, sampler="grid", dataset=blobs, pruner="none", seed=0)
    assert result.exhausted and result.trials_run == 4
    seen = sorted((r.params["optimizer.lr"], r.params["model.layers[0].units"]) for r in result.rows)
    assert seen == sorted(itertools.product([0.01, 0.1], [4, 8]))
    assert all(r.state == "complete" and r.epochs == 1 for r in result.rows)


def test_resumed_study_continues_its_trial_count(tmp_path, blobs):
    url = sqlite_url(tmp_path / "study.db")
    space = default_space()
    first = run_study(mlp_config(epochs=1), space, trials=2, sampler="random", seed=1, storage=url, study_name="s", dataset=blobs)
    assert [r.number for r in first.rows] == [0, 1]
    again = run_study(mlp_config(epochs=1), space, trials=2, sampler="random", seed=2, storage=url, study_name="s", dataset=blobs)
    assert again.trials_run == 2
    assert [r.number for r in again.rows] == [0, 1, 2, 3]
    assert [r.params for r in again.rows[:2]] == [r.params for r in first.rows]
    # Another study in the same file is separate.
    other = run_study(mlp_config(epochs=1), space, trials=1, sampler="random", storage=url, study_name="t", dataset=blobs)
    assert [r.number for r in other.rows] == [0]


def test_resuming_with_another_space_or_metric_is_refused(tmp_path, blobs):
    url = sqlite_url(tmp_path / "study.db")
    run_study(mlp_config(epochs=1), default_space(), trials=1, sampler="random", storage=url, study_name="s", dataset=blobs)
    with pytest.raises(TuneError, match="use the same search space to resume it"):
        run_study(mlp_config(epochs=1), SearchSpace.from_dict(GRID_SPACE), trials=1, storage=url, study_name="s", dataset=blobs)
    with pytest.raises(TuneError, match="scores its trials by val_accuracy, not val_loss"):
        run_study(mlp_config(epochs=1), default_space(), trials=1, storage=url, study_name="s", dataset=blobs, metric="val_loss")


def test_two_processes_share_one_sqlite_study(tmp_path):
    config = tmp_path / "tiny.json"
    config.write_text(json.dumps(TINY_CONFIG))
    db = tmp_path / "shared.db"
    command = [sys.executable, "-m", "playground", "tune", str(config), "--trials", "2", "--sampler", "random",
               "--storage", sqlite_url(db), "--study", "shared"]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    procs = [subprocess.Popen([*command, "--seed", str(seed)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for seed in (1, 2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
        assert "trial" in out and "Best: trial #" in out
    study = optuna.load_study(study_name="shared", storage=open_storage(sqlite_url(db)))
    trials = study.get_trials()
    assert len(trials) == 4
    assert sorted(t.number for t in trials) == [0, 1, 2, 3]
    workers = {t.user_attrs["worker"].rsplit(":", 1)[1] for t in trials}
    assert workers == {str(p.pid) for p in procs}


def test_a_hopeless_trial_is_pruned(blobs):
    space = SearchSpace((Param("optimizer.lr", "float", 1e-7, 1.0, log=True),))
    result = run_study(
        mlp_config(epochs=4),
        space,
        trials=2,
        sampler="random",
        pruner=make_pruner("median", startup_trials=1, warmup_epochs=0),
        dataset=blobs,
        # A good learning rate first, then one so small that nothing changes.
        enqueue=[{"optimizer.lr": 0.05}, {"optimizer.lr": 1e-7}],
    )
    good, hopeless = result.rows
    assert good.state == "complete" and good.epochs == 4 and good.value > 0.8
    assert hopeless.state == "pruned" and hopeless.epochs == 1
    assert "Pruned after epoch 1" in hopeless.message
    # The pruner saw every epoch of the good trial.
    assert sorted(result.study.trials[0].intermediate_values) == [1, 2, 3, 4]


def test_best_config_round_trips_and_reproduces_its_value(tmp_path, blobs):
    base = mlp_config(epochs=2)
    result = run_study(base, SearchSpace.from_dict(GRID_SPACE), trials=4, sampler="grid", dataset=blobs, pruner="none",
                       storage=sqlite_url(tmp_path / "s.db"), study_name="b")
    best = result.best
    assert best.value == max(r.value for r in result.rows)
    cfg = result.best_config
    assert cfg.optimizer.lr == best.params["optimizer.lr"]
    assert cfg.model.layers[0].get("units") == best.params["model.layers[0].units"]
    assert best_config(result.study, base) == cfg
    assert RunConfig.from_json(cfg.to_json()) == cfg
    # Training the best config again gives the trial's value (same seed, same data order).
    run = fit(cfg, blobs)
    assert max(h.val_accuracy for h in run.history) == pytest.approx(best.value)
    curve = best_so_far(result.study)
    assert [n for n, _ in curve] == [0, 1, 2, 3] and curve[-1][1] == best.value
    assert all(a <= b for (_, a), (_, b) in zip(curve, curve[1:]))
    assert param_importances(result.study) == {}  # 4 complete trials: too few to tell (IMPORTANCE_MIN_TRIALS)
    importances = param_importances(result.study, min_trials=2)
    assert set(importances) <= {"optimizer.lr", "model.layers[0].units"} and importances
    assert sum(importances.values()) == pytest.approx(1.0)


def test_importance_needs_two_complete_trials_with_a_varied_param(blobs):
    space = SearchSpace((Param("optimizer.name", "categorical", choices=("adam",)),))
    result = run_study(mlp_config(epochs=1), space, trials=2, sampler="random", dataset=blobs)
    assert len(result.rows) == 2 and param_importances(result.study, min_trials=2) == {}


class _StopAfter(StudyCallback):
    def __init__(self, control, during_epoch=None):
        self.control, self.during_epoch = control, during_epoch
        self.started, self.ended = [], []

    def on_trial_start(self, number, params):
        self.started.append(number)

    def on_epoch_end(self, number, logs):
        if self.during_epoch is not None and number == 1 and logs.epoch == self.during_epoch:
            self.control.stop()

    def on_trial_end(self, row, study):
        self.ended.append(row)
        if self.during_epoch is None:
            self.control.stop()


def test_stop_between_trials(blobs):
    control = RunControl()
    cb = _StopAfter(control)
    result = run_study(mlp_config(epochs=1), default_space(), trials=5, sampler="random", dataset=blobs, control=control, callbacks=[cb])
    assert result.stopped and result.trials_run == 1 and cb.started == [0] and len(result.rows) == 1


def test_stop_during_a_trial_marks_it_failed(blobs):
    control = RunControl()
    cb = _StopAfter(control, during_epoch=1)
    result = run_study(mlp_config(epochs=3), default_space(), trials=5, sampler="random", dataset=blobs, control=control, callbacks=[cb], pruner="none")
    assert result.stopped and result.trials_run == 2
    assert [r.state for r in result.rows] == ["complete", "fail"]
    assert "Stopped by request after epoch 1" in result.rows[1].message
    assert [r.number for r in cb.ended] == [0, 1]


def test_a_trial_the_trainer_rejects_fails_and_the_study_goes_on(blobs):
    # Momentum SGD takes no 'eps', which the base config gives Adam: the momentum trial fails.
    base = mlp_config(epochs=1).with_overrides(**{"optimizer.params.eps": 1e-6})
    space = SearchSpace((Param("optimizer.params.eps", "categorical", choices=(1e-6,)), Param("optimizer.name", "categorical", choices=("adam", "momentum"))))
    result = run_study(base, space, trials=2, sampler="grid", dataset=blobs)
    states = {r.params["optimizer.name"]: r for r in result.rows}
    assert states["adam"].state == "complete"
    assert states["momentum"].state == "fail" and "eps" in states["momentum"].message


def test_trials_table_lists_every_trial(tmp_path, blobs):
    url = sqlite_url(tmp_path / "s.db")
    run_study(mlp_config(epochs=1), default_space(), trials=2, sampler="tpe", seed=0, storage=url, study_name="x", dataset=blobs)
    rows = trials_table(optuna.load_study(study_name="x", storage=url))
    assert [r.number for r in rows] == [0, 1]
    assert all(r.seconds is not None and r.seconds > 0 and r.worker.endswith(f":{os.getpid()}") for r in rows)
    assert set(rows[0].params) == {"optimizer.lr", "train.batch_size", "optimizer.name"}


# --------------------------------------------------------------------------- command line


def _tiny(tmp_path) -> Path:
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(TINY_CONFIG))
    return path


def test_cli_tune_runs_resumes_and_saves_the_best(tmp_path, capsys):
    config = _tiny(tmp_path)
    best = tmp_path / "best.json"
    args = ["tune", str(config), "--trials", "2", "--sampler", "random", "--seed", "0", "--save-best", str(best)]
    assert main(args) == 0
    out = capsys.readouterr().out
    # The default storage is a SQLite file beside the config.
    assert (tmp_path / "tiny.optuna.db").is_file()
    assert "trial   0  complete" in out and "trial   1  " in out
    assert "STATE" in out and "VAL_ACCURACY" in out and "optimizer.lr" in out
    saved = RunConfig.from_json(best.read_text())
    assert saved.optimizer.name in ("sgd", "momentum", "adam")
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "trial   3  " in out and "4 trials in the study" in out


def test_cli_grid_runs_the_default_space_grid_values(tmp_path, capsys):
    space = tmp_path / "space.json"
    space.write_text(json.dumps({"params": [{"key": "optimizer.lr", "kind": "float", "low": 0.01, "high": 0.1, "log": True, "grid": [0.01, 0.1]}]}))
    code = main(["tune", str(_tiny(tmp_path)), "--trials", "5", "--sampler", "grid", "--space", str(space), "--storage", sqlite_url(tmp_path / "g.db")])
    assert code == 0
    out = capsys.readouterr().out
    assert "2 trials in the study (2 complete); 2 run now — the grid is complete." in out


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--sampler", "bayes"], "Unknown sampler 'bayes'; choose one of grid, random, tpe."),
        (["--space", "{space}"], "is not valid JSON"),
        (["--space", "missing.json"], "No search space file at missing.json"),
        (["--sampler", "grid", "--space", "{lr_space}"], "continuous range"),
        (["--storage", "sqlite:////no/such/folder/s.db"], "Cannot open the study storage sqlite:////no/such/folder/s.db"),
        (["--storage", "postgresql://me:secret@localhost/db"], "postgresql://me:***@localhost/db"),
        (["--storage", "study.db"], "is not a database URL"),
        (["--trials", "0"], "--trials must be at least 1"),
        (["--metric", "f1"], "Unknown metric 'f1'"),
        (["--pruner", "hyperband"], "Unknown pruner 'hyperband'"),
    ],
)
def test_cli_bad_input_exits_2_with_a_message(tmp_path, capsys, extra, message):
    bad = tmp_path / "bad.json"
    bad.write_text("{params: [")
    lr_space = tmp_path / "lr.json"
    lr_space.write_text(json.dumps({"params": [{"key": "optimizer.lr", "kind": "float", "low": 0.001, "high": 0.1, "log": True}]}))
    extra = [e.format(space=bad, lr_space=lr_space) for e in extra]
    storage = [] if "--storage" in extra else ["--storage", sqlite_url(tmp_path / "s.db")]
    code = main(["tune", str(_tiny(tmp_path)), "--trials", "1", *storage, *extra])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err
    assert "secret" not in err


def test_cli_unknown_preset_or_config(capsys):
    assert main(["tune", "resnet", "--trials", "1"]) == 2
    assert "'resnet' is neither a preset nor a config file" in capsys.readouterr().err
    assert main(["tune", "missing.json", "--trials", "1"]) == 2
    assert "No config file at missing.json" in capsys.readouterr().err


def _open_storage_in_child(url, queue):
    from playground.core.experiments.tune import open_storage

    try:
        open_storage(url)
        queue.put("ok")
    except Exception as e:  # noqa: BLE001 - reported to the parent
        queue.put(f"{type(e).__name__}: {e}")


def test_workers_creating_one_sqlite_storage_at_once_all_succeed(tmp_path):
    """Workers that start together race to create the tables (a "locked" error, "already
    exists" or a duplicate schema-version row); every one must end up with the storage.
    Before the retry covered the duplicate row, 9 of 45 such openings failed here."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    results = []
    for i in range(5):
        url = sqlite_url(tmp_path / f"race{i}.db")
        queue = ctx.Queue()
        procs = [ctx.Process(target=_open_storage_in_child, args=(url, queue)) for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        results += [queue.get(timeout=10) for _ in procs]
    assert results == ["ok"] * 15, [r for r in results if r != "ok"]


def test_rounded_params_keep_three_significant_digits_and_grid_points():
    from playground.core.experiments.search_space import rounded_params

    space = SearchSpace((Param("optimizer.lr", "float", 1e-4, 0.1, log=True), Param("model.layers[2].rate", "float", 0.0, 0.9, step=0.05)))
    shown = rounded_params(
        {"optimizer.lr": 0.020312321501143805, "model.layers[2].rate": 0.35000000000000003, "train.batch_size": 32, "optimizer.name": "adam"},
        space,
    )
    assert shown == {"optimizer.lr": 0.0203, "model.layers[2].rate": 0.35, "train.batch_size": 32, "optimizer.name": "adam"}
    assert rounded_params({"optimizer.lr": 1.23456e-05}) == {"optimizer.lr": 1.23e-05}


def test_the_default_storage_opens_before_its_folder_exists(tmp_path, monkeypatch):
    """The default storage lives in the user data folder, which a first start has not made:
    the search failed there with 'unable to open database file'. A folder the user typed is
    not made: a typo is reported."""
    import platformdirs

    from playground.core.experiments.tune import TuneError, default_storage_path, open_storage, sqlite_url

    monkeypatch.setattr(platformdirs, "user_data_dir", lambda name: str(tmp_path / "data" / name))
    path = default_storage_path()
    assert not path.parent.exists()
    storage = open_storage(sqlite_url(path))
    assert path.parent.is_dir()
    assert storage.get_all_studies() == []
    with pytest.raises(TuneError, match="Cannot open the study storage"):
        open_storage(sqlite_url(tmp_path / "typo" / "s.db"), retries=1)
    assert not (tmp_path / "typo").exists()
