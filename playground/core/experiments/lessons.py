"""The ready-made lessons: comparisons that deep-learning courses teach.

After "Deep Learning from Scratch" ch. 6: optimizers, weight initialisation with activation
histograms, overfitting, batch norm; perceptron vs MLP on XOR; and, through `transfer`, a
trained model fine-tuned on a small new dataset against the same network from scratch.
Their names and help texts live in `lesson_texts` (no torch, read by the command-line help);
this module adds how each one is built.

    comparison = lesson("optimizers", dataset="fashion-mnist", epochs=1)
    result = run_comparison(comparison)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

from playground.core.config.catalogue import TRAINABLE_TYPES
from playground.core.config.presets import load_preset
from playground.core.config.spec import DataConfig, OptimizerConfig, RunConfig, TrainConfig
from playground.core.errors import ConfigError
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.experiments.compare import Comparison, Variant, vary
from playground.core.experiments.lesson_texts import LESSON_EXPECTATIONS, LESSON_TEXTS
from playground.core.experiments.variations import with_dropout

if TYPE_CHECKING:
    import torch

__all__ = ["LESSONS", "Lesson", "lesson", "residual_models", "transfer"]


@dataclass(frozen=True)
class Lesson:
    name: str
    title: str
    description: str  # what the learner should look for
    build: Callable[[], Comparison] = field(repr=False, compare=False)


def _mlp(hidden: Sequence[int], activation: str = "ReLU", init: str = "he_normal", classes: int = 10) -> ModelSpec:
    layers = [LayerSpec("Flatten")]
    for units in hidden:
        layers += [LayerSpec("Dense", {"units": units}), LayerSpec("Activation", {"function": activation})]
    layers += [LayerSpec("Dense", {"units": classes}), LayerSpec("Activation", {"function": "Softmax"})]
    return ModelSpec((), tuple(layers), init)


def _base(model: ModelSpec, *, lr: float = 0.01, optimizer: str = "sgd", epochs: int = 5, batch_size: int = 128) -> RunConfig:
    return RunConfig(
        model=model,
        data=DataConfig("mnist-5k", {}, 0.1),
        optimizer=OptimizerConfig(optimizer, lr),
        train=TrainConfig(epochs=epochs, batch_size=batch_size, seed=0),
    )


_OPTIMIZER_LESSON = ("sgd", "momentum", "adagrad", "rmsprop", "adam", "adamw", "radam", "adabound")


def _optimizers() -> Comparison:
    # Batch 32, not 128: RAdam's warm-up is counted in steps (its steps reach about half of
    # Adam's size after ~550: lesson_notes.radam_step_fraction), and 5 epochs of batch 128 on
    # mnist-5k's 3,600 training samples are only 145 steps, so RAdam ended far behind
    # (validation accuracy 59% after 2 epochs, 82% after 5, Adam 90%): its warm-up, not the
    # optimizer, decided the lesson. With batch 32 (565 steps) it catches up (measured:
    # RAdam 91.8%, Adam 91.3% validation accuracy after 5 epochs).
    base = _base(_mlp([100, 100]), epochs=5, batch_size=32)
    c = vary(base, "optimizer", _OPTIMIZER_LESSON, title="Optimizers", description=LESSON_EXPECTATIONS["optimizers"])
    return dataclasses.replace(c, fit_output=True)


def _weight_init(activation: str) -> Callable[[], Comparison]:
    def build() -> Comparison:
        if activation == "Sigmoid":
            # Plain SGD barely moves a 5-layer Sigmoid network in a few epochs whatever the
            # start (measured on mnist-5k: 10% for all four); Adam shows the differences.
            base = _base(_mlp([100] * 5, activation), optimizer="adam", lr=1e-3, epochs=10)
        else:
            base = _base(_mlp([100] * 5, activation), epochs=5)
        # As "Deep Learning from Scratch" fig. 6-10 to 6-13: for Sigmoid, a large start (std 1)
        # saturates where the small one squeezes; for ReLU, zeros show the symmetry problem.
        inits = ["normal_1", "normal_001", "xavier", "he_normal"] if activation == "Sigmoid" else [
            "zeros", "normal_001", "xavier", "he_normal"]
        c = vary(
            base,
            "init",
            inits,
            title=f"Weight initialisation ({activation})",
            description=LESSON_EXPECTATIONS[f"weight-init-{activation.lower()}"],
        )
        return dataclasses.replace(c, fit_output=True, histograms=True)

    return build


def _overfitting() -> Comparison:
    base = _base(_mlp([100] * 6), epochs=200, batch_size=100)
    variants = (
        Variant("no regularisation", base),
        Variant("dropout 0.2", base.replace(model=with_dropout(base.model, 0.2))),
        Variant("weight decay (L2 0.1)", base.with_overrides(**{"regularization.l2": 0.1})),
    )
    return Comparison(
        "Overfitting",
        variants,
        "regularisation",
        LESSON_EXPECTATIONS["overfitting"],
        train_samples=300,
        val_samples=1000,
        fit_output=True,
    )


def _batchnorm() -> Comparison:
    # From a badly scaled start (std 0.01 weights), as in DLFS fig. 6-19: with He weights and
    # these settings both learn alike (measured on mnist-5k), which teaches little.
    base = _base(_mlp([100] * 5, init="normal_001"), epochs=20, batch_size=100)
    c = vary(
        base,
        "batchnorm",
        [False, True],
        title="Batch normalisation",
        description=LESSON_EXPECTATIONS["batchnorm"],
    )
    return dataclasses.replace(c, train_samples=1000, val_samples=1000, fit_output=True)


# The residual lesson's depth: a stem convolution, then RESIDUAL_BLOCKS blocks of two 3×3
# convolutions each (so 2·RESIDUAL_BLOCKS + 1 convolutions), then the output layer.
RESIDUAL_BLOCKS = 8
RESIDUAL_FILTERS = 16


def residual_models(
    blocks: int = RESIDUAL_BLOCKS, filters: int = RESIDUAL_FILTERS, init: str = "xavier"
) -> tuple[ModelSpec, ModelSpec, ModelSpec]:
    """(plain, plain with batch norm, residual), all 2·blocks + 1 convolutions deep with ReLU
    after each: the plain stack as a learner first builds it (Conv2D → ReLU, Keras's default
    Xavier start), the same with batch norm after each convolution, and `blocks` residual blocks
    (whose two convolutions each have batch norm) that add each block's input to its output.
    The stem's stride 2 takes 28×28 to 14×14 so the deep stacks train on a CPU in minutes."""

    def conv(stride: int = 1, bn: bool = True) -> list[LayerSpec]:
        settings = {"filters": filters, "kernel": 3, "stride": stride, "padding": 1 if stride > 1 else "same"}
        return [LayerSpec("Conv2D", settings), *([LayerSpec("BatchNorm")] if bn else []), LayerSpec("Activation")]

    head = [LayerSpec("Flatten"), LayerSpec("Dense", {"units": 10}), LayerSpec("Activation", {"function": "Softmax"})]
    plain = conv(2, bn=False) + conv(bn=False) * (2 * blocks) + head
    normed = conv(2) + conv() * (2 * blocks) + head
    residual = conv(2) + [LayerSpec("ResidualBlock", {"filters": filters})] * blocks + head
    return tuple(ModelSpec((), tuple(layers), init) for layers in (plain, normed, residual))


def _residual() -> Comparison:
    plain, normed, residual = residual_models()
    base = _base(plain, optimizer="sgd", lr=0.05, epochs=3, batch_size=64)
    depth = 2 * RESIDUAL_BLOCKS + 1
    variants = (
        Variant(f"plain ({depth} convolutions)", base),
        Variant("plain with batch norm", base.replace(model=normed)),
        Variant(f"residual ({RESIDUAL_BLOCKS} blocks)", base.replace(model=residual)),
    )
    return Comparison(
        "Residual connections",
        variants,
        "residual",
        LESSON_EXPECTATIONS["residual"],
        train_samples=1000,
        val_samples=1000,
        fit_output=True,
        histograms=True,
    )


def _xor() -> Comparison:
    return vary(
        load_preset("perceptron"),
        "preset",
        ["perceptron", "xor-mlp"],
        title="Perceptron vs MLP on XOR",
        description=LESSON_EXPECTATIONS["xor"],
    )


def transfer(
    config: RunConfig,
    state_dict: Mapping[str, torch.Tensor],
    *,
    dataset: str = "fashion-mnist",
    train_samples: int = 500,
    val_samples: int = 1000,
    epochs: int = 10,
    lr: float = 1e-2,
    seed: int = 0,
) -> Comparison:
    """Fine-tuned vs from scratch: the trained model `config`/`state_dict` with a new output
    layer, trained on `train_samples` samples of `dataset` (1) with every other layer frozen,
    (2) with all layers training, and (3) the same network from random weights."""
    spec = config.model
    infos = spec.infer() if spec.input_shape else None
    dense = [i for i, l in enumerate(spec.layers) if l.type == "Dense"]
    if not dense:
        raise ConfigError("The trained model has no Dense output layer to replace.")
    head = dense[-1]
    # The new head: its weights are left out of the start, so each variant initialises it afresh.
    start = {k: v for k, v in state_dict.items() if not k.startswith(f"body.{head}.")}
    with_params = [i for i, l in enumerate(spec.layers) if l.type in TRAINABLE_TYPES]
    if infos is not None:
        with_params = [i for i, info in enumerate(infos) if info.params]
    frozen = tuple(i for i in with_params if i < head)
    base = RunConfig(
        model=ModelSpec((), spec.layers, spec.init),
        data=DataConfig(dataset, {}, 0.1),
        optimizer=OptimizerConfig("adam", lr),
        train=TrainConfig(epochs=epochs, batch_size=32, seed=seed, device=config.train.device),
        name=config.name,
    )
    variants = (
        Variant("fine-tuned: new output layer only", base.with_overrides(**{"train.frozen_layers": frozen}), start),
        Variant("fine-tuned: all layers", base, start),
        Variant("from scratch", base),
    )
    source = config.name or "the trained model"
    return Comparison(
        "Transfer learning",
        variants,
        "transfer",
        f"{source}'s layers, with a new output layer, learn {dataset} from {train_samples} samples: training only "
        "the new layer, or all layers, against the same network trained from random weights. How much the "
        "trained features help depends on how close the tasks are: digits and clothes share only strokes and "
        "edges, so the new layer alone falls behind, while fine-tuning every layer starts ahead (measured on "
        "the starter model, Fashion-MNIST: 69% / 81% / 76% accuracy after 10 epochs).",
        train_samples=train_samples,
        val_samples=val_samples,
        fit_output=True,
    )


def _transfer_starter() -> Comparison:
    from playground.core.io.bundle import load_bundle
    from playground.core.inference.starter import starter_path

    bundle = load_bundle(starter_path())
    return transfer(bundle.config.replace(name="the starter digit model"), bundle.state_dict)


LESSONS: dict[str, Lesson] = {
    name: Lesson(name, *LESSON_TEXTS[name], build)
    for name, build in [
        ("optimizers", _optimizers),
        ("weight-init-relu", _weight_init("ReLU")),
        ("weight-init-sigmoid", _weight_init("Sigmoid")),
        ("overfitting", _overfitting),
        ("batchnorm", _batchnorm),
        ("xor", _xor),
        ("residual", _residual),
        ("transfer", _transfer_starter),
    ]
}


def lesson(
    name: str,
    *,
    dataset: str | None = None,
    epochs: int | None = None,
    device: str | None = None,
) -> Comparison:
    """The ready-made comparison `name` (see LESSONS), optionally on another dataset, for
    another number of epochs or on another device."""
    entry = LESSONS.get(str(name).lower())
    if entry is None:
        raise ConfigError(f"Unknown lesson '{name}'; choose one of {', '.join(LESSONS)}.")
    comparison = dataclasses.replace(entry.build(), lesson=entry.name)
    if dataset:
        comparison = comparison.with_dataset(dataset)
    overrides = {"train.epochs": epochs, "train.device": device}
    overrides = {k: v for k, v in overrides.items() if v is not None}
    if overrides:
        comparison = comparison.with_overrides(**overrides)
    comparison.validate()
    return comparison
