"""Comparisons and lessons on tiny generated data (the real trainer, a few epochs)."""

import pytest
import torch

from playground.core.experiments.compare import Comparison, ComparisonCallback, Variant, run_comparison, vary
from playground.core.experiments.compare import ComparisonResult, VariantResult
from playground.core.experiments.histograms import activation_histograms
from playground.core.experiments.lessons import LESSONS, lesson
from playground.core.experiments.variations import parse_values, with_batchnorm, with_dropout
from playground.core.model.build import build_model
from playground.core.errors import ConfigError
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.config.spec_errors import SpecError
from playground.core.training.loop import RunControl

from .conftest import make_blobs, mlp_config


class StartRecorder(ComparisonCallback):
    """Copies the weights each variant's fit starts from, and its first epoch's label order."""

    def __init__(self):
        self.starts, self.orders, self.events = [], [], []

    def on_variant_start(self, index, variant):
        self.events.append(("start", index, variant.name))

    def on_fit_start(self, state):
        self.starts.append([t.detach().clone() for t in state.model.state_dict().values()])
        self.orders.append(None)

    def on_batch_end(self, state, logs):
        if self.orders[-1] is None:
            self.orders[-1] = logs.meter.targets.clone()

    def on_variant_end(self, index, result):
        self.events.append(("end", index, result.status))


def _same(a, b):
    return len(a) == len(b) and all(x.shape == y.shape and torch.equal(x, y) for x, y in zip(a, b))


def test_optimizer_variants_start_from_identical_weights_and_data_order(blobs):
    rec = StartRecorder()
    comparison = vary(mlp_config(epochs=2), "optimizer", ["sgd", "momentum", "adam"])
    result = run_comparison(comparison, blobs, callbacks=[rec])
    assert result.status == "completed" and len(rec.starts) == 3
    assert _same(rec.starts[0], rec.starts[1]) and _same(rec.starts[0], rec.starts[2])
    assert torch.equal(rec.orders[0], rec.orders[1]) and torch.equal(rec.orders[0], rec.orders[2])
    assert [v.same_start_as for v in result.variants] == ["SGD", "SGD", "SGD"]
    # Trained differently, so they end apart.
    assert not torch.equal(result.variants[0].result.state_dict["body.0.weight"], result.variants[2].result.state_dict["body.0.weight"])
    assert rec.events == [("start", 0, "SGD"), ("end", 0, "completed"), ("start", 1, "Momentum SGD"),
                          ("end", 1, "completed"), ("start", 2, "Adam"), ("end", 2, "completed")]


def test_dropout_variant_keeps_the_initial_weights_though_layer_names_shift(blobs):
    rec = StartRecorder()
    result = run_comparison(vary(mlp_config(epochs=1), "dropout", ["off", "0.3"]), blobs, callbacks=[rec])
    assert [l.type for l in result.variants[1].config.model.layers].count("Dropout") == 1
    assert _same(rec.starts[0], rec.starts[1])
    assert result.variants[1].same_start_as == "no dropout"


def test_init_and_batchnorm_variants_do_not_share_weights(blobs):
    rec = StartRecorder()
    result = run_comparison(vary(mlp_config(epochs=1), "init", ["xavier", "he_normal"]), blobs, callbacks=[rec])
    assert not _same(rec.starts[0], rec.starts[1])
    assert [v.same_start_as for v in result.variants] == [None, None]
    rec = StartRecorder()
    result = run_comparison(vary(mlp_config(epochs=1), "batchnorm", ["off", "on"]), blobs, callbacks=[rec])
    assert len(rec.starts[1]) > len(rec.starts[0])  # BatchNorm adds parameters and buffers
    assert result.variants[1].same_start_as is None


def test_table_matches_the_results(blobs):
    result = run_comparison(vary(mlp_config(epochs=2), "lr", ["0.001", "0.05"]), blobs)
    rows = result.rows()
    assert [r["variant"] for r in rows] == ["lr 0.001", "lr 0.05"]
    table = result.table().splitlines()
    assert len(table) == 3
    for row, v, line in zip(rows, result.variants, table[1:]):
        r = v.result
        assert v.config.optimizer.lr == float(row["variant"].split()[1])
        assert row["epochs"] == r.epochs_completed == 2
        assert row["train_loss"] == r.history[-1].loss and row["val_accuracy"] == r.history[-1].val_accuracy
        assert row["seconds"] == r.train_seconds
        assert f"{r.history[-1].val_accuracy:.2%}" in line and f"{r.history[-1].loss:.4f}" in line
    d = result.to_dict()
    assert d["results"] == rows and len(d["histories"]["lr 0.05"]) == 2


def test_stop_skips_the_remaining_variants(blobs):
    control = RunControl()

    class StopAfterFirst(ComparisonCallback):
        def on_variant_end(self, index, result):
            control.stop()

    result = run_comparison(vary(mlp_config(epochs=1), "batch_size", [8, 16, 32]), blobs,
                            callbacks=[StopAfterFirst()], control=control)
    assert result.status == "stopped"
    assert [v.status for v in result.variants] == ["completed", "not run", "not run"]
    assert "not run" in result.table()


def test_a_bad_variant_fails_before_anything_trains(blobs):
    rec = StartRecorder()
    good = mlp_config(epochs=1)
    bad = good.replace(model=ModelSpec((), [LayerSpec("Dense", {"units": 7})]))  # 7 outputs, 3 classes
    with pytest.raises(SpecError, match="Variant 'bad'") as raised:
        run_comparison(Comparison("x", (Variant("good", good), Variant("bad", bad))), blobs, callbacks=[rec])
    assert rec.starts == []
    # The variant and the engine's own error are kept, for the window to say in its language.
    assert raised.value.variant == "bad" and raised.value.cause.key == "output_size_mismatch"
    assert str(raised.value) == f"Variant 'bad': {raised.value.cause}"


def test_variants_must_share_seed_and_data():
    a = mlp_config()
    with pytest.raises(ConfigError, match="seed"):
        Comparison("x", (Variant("a", a), Variant("b", a.with_overrides(**{"train.seed": 1})))).validate()
    with pytest.raises(ConfigError, match="same data"):
        Comparison("x", (Variant("a", a), Variant("b", a.with_overrides(**{"data.name": "xor"})))).validate()
    with pytest.raises(ConfigError, match="differ"):
        Comparison("x", (Variant("a", a), Variant("a", a))).validate()


@pytest.mark.parametrize(
    "setting, values, message",
    [
        ("colour", ["a", "b"], "Unknown setting"),
        ("optimizer", ["sgd", "nadam"], "Unknown optimizer 'nadam'"),
        ("lr", ["0.1", "fast"], "must be numbers"),
        ("lr", ["0.1", "-1"], "> 0"),
        ("batch_size", ["8", "2.5"], "whole numbers"),
        ("dropout", ["0", "1.5"], "below 1"),
        ("batchnorm", ["on", "maybe"], "off or on"),
        ("init", ["xavier"], "at least two"),
        ("lr", ["0.1", "0.1"], "repeat"),
        ("preset", ["mlp", "nope"], "Unknown preset"),
    ],
)
def test_bad_values_name_the_problem(setting, values, message):
    with pytest.raises(ConfigError, match=message):
        parse_values(setting, values)


def test_parse_values_types():
    assert parse_values("lr", ["1e-3", 0.1]) == [0.001, 0.1]
    assert parse_values("augmentation", ["off", "on"]) == [False, True]
    assert parse_values("l2", ["off", "0.01", "on"]) == [False, 0.01, True]
    assert parse_values("optimizer", ["SGD", "adam"]) == ["sgd", "adam"]


def test_layer_stack_edits():
    spec = mlp_config().model
    dropped = with_dropout(spec, 0.5)
    assert [l.type for l in dropped.layers] == ["Dense", "Activation", "Dropout", "Dense", "Activation"]
    assert with_dropout(dropped, 0.1).layers[2].get("rate") == 0.1
    assert with_dropout(dropped, 0).layers == spec.layers
    normed = with_batchnorm(spec, True)
    assert [l.type for l in normed.layers] == ["Dense", "BatchNorm", "Activation", "Dense", "Activation"]
    assert with_batchnorm(normed, False).layers == spec.layers
    single = ModelSpec((), [LayerSpec("Dense", {"units": 2})])
    with pytest.raises(ConfigError, match="no hidden"):
        with_dropout(single, 0.5)
    with pytest.raises(ConfigError, match="no hidden"):
        with_batchnorm(single, True)


def test_frozen_layers_and_layer_rates_move_with_their_layers_in_variants():
    """Inserting Dropout or BatchNorm shifts the layers after it: a frozen layer or a layer
    learning rate stays on the same Dense layer; a preset's network drops them."""
    base = mlp_config(frozen_layers=(0,), layer_lr={2: 0.1})  # Dense, Activation, Dense, Activation
    dropout_on, dropout_off = vary(base, "dropout", ["on", "off"]).variants
    assert [l.type for l in dropout_on.config.model.layers] == ["Dense", "Activation", "Dropout", "Dense", "Activation"]
    assert dropout_on.config.train.frozen_layers == (0,) and dict(dropout_on.config.train.layer_lr) == {3: 0.1}
    assert dropout_off.config.train == base.train
    normed_off, normed_on = vary(base, "batchnorm", ["off", "on"]).variants
    assert normed_off.config.train == base.train
    normed = normed_on.config
    assert [l.type for l in normed.model.layers] == ["Dense", "BatchNorm", "Activation", "Dense", "Activation"]
    assert normed.train.frozen_layers == (0,) and dict(normed.train.layer_lr) == {3: 0.1}
    back = vary(normed, "batchnorm", ["off", "on"]).variants[0].config
    assert back.train.frozen_layers == (0,) and dict(back.train.layer_lr) == {2: 0.1}
    preset = vary(base, "preset", ["xor-mlp", "mlp"]).variants[0].config
    assert preset.train.frozen_layers == () and dict(preset.train.layer_lr) == {}


@pytest.mark.parametrize("name", list(LESSONS))
def test_lessons_build_valid_configs(name):
    comparison = lesson(name)
    comparison.validate()
    assert len(comparison.variants) >= 2
    for v in comparison.variants:
        cfg = v.config
        cfg.validate()
        shape = (2,) if cfg.data.name == "xor" else (1, 28, 28)
        classes = 2 if cfg.data.name == "xor" else 10
        ModelSpec(shape, cfg.model.layers, cfg.model.init).validate_for("classification", classes)
    seeds = {v.config.train.seed for v in comparison.variants}
    assert len(seeds) == 1


def test_lesson_catalogue_contents():
    assert lesson("optimizers").names == ["SGD", "Momentum SGD", "Adagrad", "RMSprop", "Adam", "AdamW", "RAdam", "AdaBound"]
    assert [v.config.model.init for v in lesson("weight-init-sigmoid").variants] == ["normal_1", "normal_001", "xavier", "he_normal"]
    assert lesson("weight-init-relu").histograms
    over = lesson("overfitting")
    assert over.train_samples == 300
    assert [v.config.regularization.l2 for v in over.variants] == [0.0, 0.0, 0.1]
    assert sum(l.type == "Dropout" for l in over.variants[1].config.model.layers) == 6
    assert lesson("optimizers", epochs=2, dataset="fashion-mnist").variants[3].config.train.epochs == 2
    with pytest.raises(ConfigError, match="Unknown lesson"):
        lesson("nope")


def test_lesson_runs_on_another_dataset_with_histograms_and_a_training_subset():
    # The 10-class weight-init lesson on 3-class blobs: the output layer is resized, and only
    # 40 training samples are used (plus 20 for validation).
    data = make_blobs(n=200)
    comparison = lesson("weight-init-relu", epochs=1, device="cpu")
    comparison = Comparison(comparison.title, comparison.variants[2:], comparison.setting,
                            train_samples=40, val_samples=20, fit_output=True, histograms=True)
    rec = StartRecorder()
    result = run_comparison(comparison, data, callbacks=[rec])
    assert result.status == "completed"
    for v in result.variants:
        assert v.config.model.layers[-2].get("units") == 3
        assert len(v.histograms_before) == 5 and len(v.histograms_after) == 5
        for h in v.histograms_before:
            assert h.counts.sum() == pytest.approx(1.0) and len(h.edges) == len(h.counts) + 1
    assert len(rec.orders[0]) == 40


class HealthHeard(ComparisonCallback):
    def __init__(self):
        self.heard = []

    def on_health(self, index, snapshot):
        self.heard.append((index, snapshot.epoch))


def test_a_lesson_with_histograms_records_each_variant_s_training_health_and_its_diagnoses():
    # Zeros against He on a ReLU network: zeros leaves every ReLU dead, He none.
    data = make_blobs(n=200)
    full = lesson("weight-init-relu", epochs=2, device="cpu")
    variants = tuple(v for v in full.variants if v.config.model.init in ("zeros", "he_normal"))
    comparison = Comparison(full.title, variants, full.setting, train_samples=60, val_samples=20, fit_output=True,
                            histograms=True)
    heard = HealthHeard()
    result = run_comparison(comparison, data, callbacks=[heard])
    zeros, he = result.variants
    assert [s.epoch for s in zeros.health] == [1, 2] and [e["epoch"] for e in zeros.layer_stats] == [1, 2]
    assert heard.heard == [(0, 1), (0, 2), (1, 1), (1, 2)]
    assert "dead_relu" in {d.key for d in zeros.health[0].diagnoses}
    assert all(d.key != "dead_relu" for s in he.health for d in s.diagnoses)
    gradients = zeros.health[0].layers[1].gradients  # the first ReLU's: the loss's gradient at its outputs
    assert len(gradients.counts) == 30
    saved = result.to_dict()["layer_stats"]
    assert set(saved) == {zeros.name, he.name} and saved[zeros.name][0]["diagnoses"][0]["key"] == "dead_relu"


def test_activation_histograms_show_vanishing_activations():
    # DLFS ch. 6: with std 0.01 weights, ReLU activations shrink layer by layer; He keeps them.
    layers = [LayerSpec("Dense", {"units": 100}), LayerSpec("Activation", {"function": "ReLU"})] * 5
    x = torch.randn(500, 100)
    torch.manual_seed(0)
    small = activation_histograms(build_model(ModelSpec((100,), layers, "normal_001")), x)
    he = activation_histograms(build_model(ModelSpec((100,), layers, "he_normal")), x)
    assert [h.layer for h in small] == [2, 4, 6, 8, 10]
    assert small[-1].std < 0.01 * small[0].std
    assert he[-1].std > 0.2 * he[0].std
    sig = [LayerSpec("Dense", {"units": 50}), LayerSpec("Activation", {"function": "Sigmoid"})]
    h = activation_histograms(build_model(ModelSpec((100,), sig, "xavier")), x)[0]
    assert (h.edges[0], h.edges[-1]) == (0.0, 1.0)


def test_transfer_fine_tunes_from_trained_weights_and_keeps_frozen_layers(images):
    from playground.core.experiments.lessons import transfer
    from playground.core.training.loop import fit

    from .conftest import make_images

    layers = [LayerSpec("Flatten"), LayerSpec("Dense", {"units": 12}), LayerSpec("Activation"),
              LayerSpec("Dense", {"units": 4}), LayerSpec("Activation", {"function": "Softmax"})]
    pretrained = fit(mlp_config(classes=4, epochs=2).replace(model=ModelSpec((), layers)), images)
    new_task = make_images(n=120, classes=3, seed=1)  # another dataset with 3 classes
    comparison = transfer(pretrained.config, pretrained.state_dict, dataset="quadrants", train_samples=60,
                          val_samples=20, epochs=2)
    assert comparison.variants[0].config.train.frozen_layers == (1,)
    rec = StartRecorder()
    result = run_comparison(comparison, new_task, callbacks=[rec])
    assert result.status == "completed"
    old = pretrained.state_dict
    tuned_head, tuned_all, scratch = (v.result.state_dict for v in result.variants)
    keys = list(tuned_head)  # the order StartRecorder saw them in
    starts = [dict(zip(keys, s)) for s in rec.starts]
    # Both fine-tuned variants start from the trained hidden layer and one fresh 3-class head.
    for start in starts[:2]:
        assert torch.equal(start["body.1.weight"], old["body.1.weight"])
    assert starts[0]["body.3.weight"].shape == (3, 12)
    assert torch.equal(starts[0]["body.3.weight"], starts[1]["body.3.weight"])
    assert not torch.equal(starts[2]["body.1.weight"], old["body.1.weight"])
    # Frozen: unchanged by training; the rest moves.
    assert torch.equal(tuned_head["body.1.weight"], old["body.1.weight"])
    assert torch.equal(tuned_head["body.1.bias"], old["body.1.bias"])
    assert not torch.equal(tuned_head["body.3.weight"], starts[0]["body.3.weight"])
    assert not torch.equal(tuned_all["body.1.weight"], old["body.1.weight"])


# --------------------------------------------------------------------------- issue 15: lessons that teach


def test_the_variant_is_chosen_on_validation_and_only_it_sees_the_test_set(blobs):
    from playground.core.training.loop import evaluate, _loss_function

    result = run_comparison(vary(mlp_config(epochs=2), "lr", ["0.001", "0.02", "0.2"]), blobs)
    # No variant was measured on the test set while training: choosing by it would tune on it.
    assert all(v.result.test_accuracy is None and v.result.test_loss is None for v in result.variants)
    assert result.chosen_by == "val_accuracy"
    vals = {v.name: v.result.history[-1].val_accuracy for v in result.variants}
    best = result.best()
    assert best.name == result.chosen and vals[best.name] == max(vals.values())
    # Its test figure, measured once at the end, is that of its returned weights.
    expected = evaluate(best.result.build_model(), blobs.x_test, blobs.y_test, _loss_function("classification", "auto"),
                        "classification")
    assert (best.test_loss, best.test_accuracy) == pytest.approx(expected)
    rows = {r["variant"]: r for r in result.rows()}
    assert [n for n, r in rows.items() if r["test_accuracy"] is not None] == [best.name]
    assert "TEST" not in result.table().splitlines()[0]
    summary = "\n".join(result.summary())
    assert f"Chosen by validation accuracy: {best.name}" in summary and "used once" in summary
    d = result.to_dict()
    assert d["chosen"] == best.name and d["chosen_by"] == "val_accuracy" and d["sizes"]["test"] == len(blobs.x_test)


def test_a_stopped_comparison_chooses_nothing_and_keeps_the_test_set_unused(blobs):
    control = RunControl()

    class StopAfterFirst(ComparisonCallback):
        def on_variant_end(self, index, result):
            control.stop()

    result = run_comparison(vary(mlp_config(epochs=1), "lr", ["0.01", "0.1"]), blobs, callbacks=[StopAfterFirst()],
                            control=control)
    assert result.best() is None and all(r["test_accuracy"] is None for r in result.rows())


def test_a_fast_variant_s_time_does_not_read_zero(blobs):
    # A one-epoch variant on a small dataset trains in a few hundredths of a second; one
    # decimal showed every such time as 0.0.
    result = run_comparison(vary(mlp_config(epochs=1), "lr", ["0.01", "0.1"]), blobs)
    result.variants[0].result.train_seconds = 0.043
    result.variants[1].result.train_seconds = 12.34
    lines = result.table().splitlines()
    assert lines[1].endswith("0.043 s") and lines[2].endswith("12.3 s")


def test_the_optimizer_lesson_gives_radam_time_to_warm_up():
    """RAdam's warm-up is counted in steps: 5 epochs of batch 128 on mnist-5k (145 steps) left
    its steps at a quarter of Adam's, so it ended far behind for that reason alone."""
    from playground.core.experiments.lesson_notes import radam_step_fraction

    radam = next(v for v in lesson("optimizers").variants if v.config.optimizer.name == "radam").config
    n_train = 3600  # mnist-5k's 4,000 training samples less 10% for validation
    steps = radam.train.epochs * -(-n_train // radam.train.batch_size)
    assert steps >= 500 and radam_step_fraction(steps) >= 0.5


def _fake_result(comparison, curves, train=3600):
    """A finished comparison whose variants ended with the given (train acc, val acc) per epoch."""
    from types import SimpleNamespace

    from playground.core.training.callbacks import EpochLogs

    variants = []
    for v, points in zip(comparison.variants, curves):
        history = [EpochLogs(epoch=i + 1, loss=1.0 - a, accuracy=a, val_loss=1.0 - b, val_accuracy=b, lr=0.01,
                             seconds=0.1, samples_per_second=1.0) for i, (a, b) in enumerate(points)]
        fit = SimpleNamespace(status="completed", history=history, epochs_completed=len(history),
                              early_stopped=False, best_val_loss=None, best_val_accuracy=None, config=v.config)
        variants.append(VariantResult(v.name, v.config, fit))
    return ComparisonResult(comparison, variants, "completed", "mnist-5k", {"train": train, "val": 400, "test": 1000})


def test_radam_behind_adam_in_its_warm_up_is_explained():
    from playground.core.experiments.lesson_notes import explain

    c = lesson("optimizers", epochs=1)
    curves = [[(0.8, 0.8 + 0.01 * i)] for i in range(8)]
    curves[4], curves[6] = [(0.8, 0.88)], [(0.4, 0.38)]  # Adam, RAdam
    notes = explain(_fake_result(c, curves))
    radam = [n for n in notes if n.key == "radam_warmup"]
    assert len(radam) == 1 and radam[0].values["steps"] == 113
    assert "still warming up" in radam[0].text and "113 steps" in radam[0].text and "23%" in radam[0].text
    curves[6] = [(0.8, 0.87)]  # as good as Adam: nothing to explain
    assert not [n for n in explain(_fake_result(c, curves)) if n.key == "radam_warmup"]


def test_dropout_below_no_regularisation_is_explained():
    from playground.core.experiments.lesson_notes import explain

    c = lesson("overfitting")
    no_reg, dropout, l2 = [(1.0, 0.774)], [(0.793, 0.756)], [(0.98, 0.804)]
    notes = explain(_fake_result(c, [no_reg, dropout, l2], train=300))
    assert [(n.key, n.values["name"]) for n in notes] == [("regularised_still_learning", "dropout 0.2")]
    text = notes[0].text
    assert "79.3%" in text and "75.6%" in text and "77.4%" in text and "after 1 epoch" in text and "more epochs" in text
    # A network that has not overfitted yet says so instead of comparing gaps.
    notes = explain(_fake_result(c, [[(0.6, 0.58)], [(0.5, 0.5)], [(0.55, 0.55)]], train=300))
    assert [n.key for n in notes] == ["no_overfitting"]


def test_coinciding_curves_are_named_with_the_reason():
    from playground.core.experiments.lesson_notes import explain

    c = lesson("optimizers", epochs=2)
    curves = [[(0.5 + 0.05 * i, 0.5 + 0.05 * i), (0.6 + 0.04 * i, 0.6 + 0.04 * i)] for i in range(8)]
    same = [(0.85, 0.84), (0.9, 0.88)]
    curves[4] = curves[5] = curves[7] = same  # Adam, AdamW, AdaBound
    notes = [n for n in explain(_fake_result(c, curves)) if n.key.startswith("coincide")]
    assert [(n.key, n.values["names"]) for n in notes] == [("coincide_adam", ("Adam", "AdamW", "AdaBound"))]
    assert notes[0].text.startswith("Adam, AdamW and AdaBound drew almost the same curves")
    # Outside the optimizer lesson: named, without the Adam reason.
    other = Comparison("x", c.variants[:2], "lr")
    notes = explain(_fake_result(other, [same, same]))
    assert [n.key for n in notes] == ["coincide"] and "SGD and Momentum SGD" in notes[0].text
