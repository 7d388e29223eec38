"""The names and help texts of the comparisons, without torch: the settings `vary` takes
(core.experiments.variations) and the ready-made lessons (core.experiments.lessons). The
command line lists them in its help, and `playground` with no arguments builds that parser
before the window shows, so importing the comparison modules (and with them torch, ~1 s)
there delayed the window from 0.25 s to 1.3 s after launch."""

from __future__ import annotations

__all__ = ["LESSON_EXPECTATIONS", "LESSON_TEXTS", "SETTINGS"]

SETTINGS: dict[str, str] = {
    "optimizer": "Optimizer names (sgd, momentum, adagrad, rmsprop, adam, adamw, radam, adabound, ...), each with its own default learning rate.",
    "lr": "Learning rates, e.g. 0.001,0.01,0.1.",
    "init": "Weight initialisations: zeros, normal_001, normal_1, xavier, he_normal, he_uniform.",
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
    "weight-init-sigmoid": ("Weight initialisation (Sigmoid)", "Large normal (std 1), small normal (std 0.01), Xavier and He on a 5-layer Sigmoid network, with activation histograms."),
    "overfitting": ("Overfitting", "300 training samples: the train/validation gap, then with dropout, then with weight decay."),
    "batchnorm": ("Batch normalisation", "The same deep network without and with batch norm."),
    "xor": ("Perceptron vs MLP", "Why XOR needs a hidden layer."),
    "residual": ("Residual connections", "A deep plain CNN, the same with batch norm, and the same depth with residual blocks, with each layer's gradients."),
    "transfer": ("Transfer learning", "The starter digit model fine-tuned on 500 Fashion-MNIST images vs the same network from scratch."),
}

# What each lesson should show and why, said before it runs (the window shows these in its
# language through gui/i18n/lesson_text.py). After the run, core.experiments.lesson_notes says
# where a result differs from them.
LESSON_EXPECTATIONS: dict[str, str] = {
    "optimizers": (
        "The same network, data and starting weights, eight optimizers at their default learning rates. Expect "
        "plain SGD to lower the loss slowest; momentum and the adaptive optimizers (AdaGrad, RMSprop, Adam and its "
        "relatives) get ahead in the first epochs, because they take bigger or better-scaled steps. RAdam starts "
        "slower on purpose: it damps its steps for the first few hundred steps, until its gradient statistics are "
        "reliable, then catches up. Adam, AdamW and AdaBound draw almost the same curves: AdamW adds only a tiny "
        "weight decay, and AdaBound turns into SGD only after about a thousand steps."
    ),
    "weight-init-relu": (
        "Five hidden ReLU layers of 100 units, started four ways. Expect zeros to stay at chance: every unit in a "
        "layer computes the same thing, so none can learn anything different. In the histograms before training, "
        "small weights (std 0.01) make the activations shrink towards 0 layer by layer, so the gradients vanish "
        "and learning is slow; He keeps the spread in every layer and learns fastest."
    ),
    "weight-init-sigmoid": (
        "Five hidden Sigmoid layers of 100 units, started four ways, trained with Adam (plain SGD hardly moves a "
        "deep Sigmoid network in a few epochs). In the histograms before training, large weights (std 1) push "
        "every layer's outputs to 0 and 1, where the Sigmoid is flat and passes almost no gradient back (the "
        "variant's Training health calls it saturated); small weights (std 0.01) squeeze them around 0.5; "
        "Xavier keeps a spread in every layer and learns fastest."
    ),
    "overfitting": (
        "A big network (six hidden layers) trained on only 300 samples. Expect it to learn them by heart: training "
        "accuracy reaches 100% while validation accuracy stays far below — that gap is overfitting. Dropout and "
        "weight decay should narrow the gap. Dropout also slows learning down (each step trains a thinned network), "
        "so after the same number of epochs its accuracies can both still be lower."
    ),
    "batchnorm": (
        "Five hidden layers started from small (std 0.01) weights and trained with plain SGD on 1,000 samples. "
        "Expect the network without batch norm to learn almost nothing: the signal fades layer by layer, and so do "
        "the gradients. With batch norm before each activation, every layer's inputs are rescaled, and the same "
        "network learns at once."
    ),
    "xor": (
        "XOR puts opposite corners in the same class. Expect the perceptron to stay far from 100%: one layer draws "
        "one straight line, which can get at most about three quarters of the points right. One hidden layer bends "
        "the boundary, so the MLP should get almost everything right."
    ),
    "residual": (
        "Seventeen 3×3 convolutions with ReLU, three ways: a plain stack (Conv2D → ReLU, started as Keras starts "
        "it, Xavier), the same with batch norm after each convolution, and eight residual blocks that add each "
        "block's input back to their two convolutions' output. Expect the plain stack to stay near chance: its "
        "signal fades layer by layer, and on the way back so does the gradient — in its Training health the first "
        "layer's gradient is hundreds of times smaller than the residual network's. Batch norm rescales the signal "
        "at every layer; the skip connections also carry the gradient straight back to the first blocks, so the "
        "residual network learns from the first epoch."
    ),
    "transfer": (
        "The starter digit model gets a new output layer and learns Fashion-MNIST from 500 images: training only "
        "the new layer, or all layers, against the same network from random weights. Expect fine-tuning every "
        "layer to start ahead of training from scratch; the new layer alone falls behind, because digits and "
        "clothes share only strokes and edges."
    ),
}
