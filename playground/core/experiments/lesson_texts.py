"""The names and help texts of the comparisons, without torch: the settings `vary` takes
(core.experiments.variations) and the ready-made lessons (core.experiments.lessons). The
command line lists them in its help, and `playground` with no arguments builds that parser
before the window shows, so importing the comparison modules (and with them torch, ~1 s)
there delayed the window from 0.25 s to 1.3 s after launch."""

from __future__ import annotations

__all__ = ["LESSON_TEXTS", "SETTINGS"]

SETTINGS: dict[str, str] = {
    "optimizer": "Optimizer names (sgd, momentum, adagrad, rmsprop, adam, adamw, radam, adabound, ...), each with its own default learning rate.",
    "lr": "Learning rates, e.g. 0.001,0.01,0.1.",
    "init": "Weight initialisations: zeros, normal_001, xavier, he_normal, he_uniform.",
    "batch_size": "Mini-batch sizes, e.g. 16,64,256.",
    "l2": "L2 strengths (0 or off: none; on: the config's strength, else 0.01).",
    "dropout": "Dropout rates after each hidden Dense layer's activation (0 or off: none; on: 0.2).",
    "augmentation": "Image augmentation off/on (on: the config's augmentation, else rotation 10° and shift 0.1).",
    "batchnorm": "Batch norm off/on (on: BatchNorm before each hidden activation).",
    "preset": "Built-in presets (see 'playground presets'): their models and optimizers on the base config's data.",
}

# Ready-made lessons: name -> (title, what the learner should look for). core.experiments.lessons adds
# how each one is built.
LESSON_TEXTS: dict[str, tuple[str, str]] = {
    "optimizers": ("Optimizers", "SGD, Momentum, AdaGrad, RMSProp, Adam, AdamW, RAdam and AdaBound on one network."),
    "weight-init-relu": ("Weight initialisation (ReLU)", "Zeros, small normal, Xavier and He on a 5-layer ReLU network, with activation histograms."),
    "weight-init-sigmoid": ("Weight initialisation (Sigmoid)", "Zeros, small normal, Xavier and He on a 5-layer Sigmoid network, with activation histograms."),
    "overfitting": ("Overfitting", "300 training samples: the train/validation gap, then with dropout, then with weight decay."),
    "batchnorm": ("Batch normalisation", "The same deep network without and with batch norm."),
    "xor": ("Perceptron vs MLP", "Why XOR needs a hidden layer."),
    "transfer": ("Transfer learning", "The starter digit model fine-tuned on 500 Fashion-MNIST images vs the same network from scratch."),
}
