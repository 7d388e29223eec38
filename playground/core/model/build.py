"""ModelSpec -> torch.nn.Module (each layer's module as the layer catalogue describes it), with
the chosen weight initialisation, behind the input features of 2-D points when it lists any."""

from __future__ import annotations

from typing import Sequence

import torch
from torch import nn

from playground.core.config.catalogue import LAYER_TYPES
from playground.core.config.features import FEATURE_NAMES
from playground.core.config.model_spec import LayerInfo, LayerSpec, ModelSpec, ends_in_softmax
from playground.core.model.residual import ResidualBlock

__all__ = [
    "FeatureExpansion", "Network", "body_layers", "build_model", "feature_stats_of", "initialize_weights",
    "weight_parameters",
]


class FeatureExpansion(nn.Module):
    """Raw 2-D points (x₁, x₂), N×2 -> the chosen input features, N×F (config/features.py), in
    their order; no parameters. Every feature is computed and the chosen columns picked: a few
    elementwise operations, and one graph that TorchScript and ONNX export alike."""

    def __init__(self, features: Sequence[str]):
        super().__init__()
        self.names = tuple(features)
        index = torch.tensor([FEATURE_NAMES.index(f) for f in self.names], dtype=torch.long)
        # Not saved with the weights: the model's spec lists the features.
        self.register_buffer("index", index, persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x1, x2 = x[:, 0:1], x[:, 1:2]
        # In FEATURE_NAMES' order; each as config/features.py writes its code.
        every = torch.cat([x1, x2, x1 * x1, x2 * x2, x1 * x2, torch.sin(x1), torch.sin(x2)], dim=1)
        return every.index_select(1, self.index)

    def extra_repr(self) -> str:
        return ", ".join(self.names)


def feature_stats_of(
    features: Sequence[str], x_train: torch.Tensor, mean: Sequence[float], std: Sequence[float]
) -> tuple[Sequence[float], Sequence[float]]:
    """What a network normalises its first layer's input with: the dataset's `mean` and `std`
    of the raw input when there are no `features`, else each feature's over the training points
    (a feature that is constant there is only centred, as data.dataset.feature_stats does)."""
    if not features:
        return mean, std
    with torch.no_grad():
        values = FeatureExpansion(features)(torch.as_tensor(x_train, dtype=torch.float32).reshape(-1, 2))
    s, m = torch.std_mean(values, dim=0, correction=0)
    s = torch.where(s > 1e-6, s, torch.ones_like(s))
    return tuple(float(v) for v in m), tuple(float(v) for v in s)


class Network(nn.Module):
    """The learner's layer stack behind a fixed input normalisation.

    The normalisation lives in the module (as buffers) so a saved or exported model takes
    raw inputs (pixels in [0, 1], toy coordinates) exactly as the dataset provides them.
    For classification the module returns logits: a final Softmax of the spec (an Activation
    layer, or the last Dense layer's own activation) is left out of `body` because the loss
    applies it (applying it twice flattens the gradients); `predict_proba` applies it for
    predictions.

    With input features (2-D points), `input_features` computes them from the raw point first;
    the normalisation then is each feature's (`feature_stats_of`), and `body` sees one value per
    feature. Without, there is no such module and the network is as it always was.
    """

    def __init__(
        self,
        body: nn.Sequential,
        input_shape: Sequence[int],
        mean: Sequence[float] | None = None,
        std: Sequence[float] | None = None,
        features: Sequence[str] = (),
        backbone: nn.Module | None = None,
    ):
        super().__init__()
        # A pretrained network before the body (model/backbones.py): it takes the raw pixels
        # and does its own preprocessing, so the normalisation below stays 0 and 1.
        self.backbone = backbone
        self.body = body
        self.input_shape = tuple(input_shape)
        self.input_features = FeatureExpansion(features) if features else None
        # Broadcast per channel (C×1×1) for images, per feature for flat inputs.
        view = (-1, 1, 1) if len(self.input_shape) == 3 else (-1,)
        channels = len(features) if features else self.input_shape[0]
        mean_t = torch.zeros(channels) if mean is None else torch.as_tensor(mean, dtype=torch.float32)
        std_t = torch.ones(channels) if std is None else torch.as_tensor(std, dtype=torch.float32)
        self.register_buffer("input_mean", mean_t.reshape(view).clone())
        self.register_buffer("input_std", std_t.clamp_min(1e-6).reshape(view).clone())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.backbone is not None:
            return self.body(self.backbone(x))
        if self.input_features is not None:
            x = self.input_features(x)
        return self.body((x - self.input_mean) / self.input_std)

    def freeze(self, layers: Sequence[int]) -> None:
        """Stop training the layers at these 0-based spec positions (TrainConfig.frozen_layers):
        their parameters stop requiring gradients, and their batch norms keep their running
        statistics. A spec's trailing Softmax has no module here and nothing to freeze."""
        self.frozen_layers = tuple(i for i in sorted(set(layers)) if i < len(self.body))
        for i in self.frozen_layers:
            for p in self.body[i].parameters():
                p.requires_grad_(False)
        self.train(self.training)

    def train(self, mode: bool = True) -> "Network":
        super().train(mode)
        # A frozen batch norm in training mode would still update its running mean and
        # variance from the new data, changing what the frozen layers compute.
        for i in getattr(self, "frozen_layers", ()):
            for m in self.body[i].modules():
                if isinstance(m, nn.modules.batchnorm._BatchNorm):
                    m.eval()
        return self

    @torch.no_grad()
    def predict_proba(self, x: torch.Tensor) -> torch.Tensor:
        """Class probabilities (classification). Call `eval()` first."""
        return torch.softmax(self(x).float(), dim=1)


# The app's own modules that a layer type's TorchCall may name (`own`): the catalogue sits
# below core/model and cannot import them.
OWN_MODULES: dict[str, type[nn.Module]] = {"ResidualBlock": ResidualBlock}


def _module(layer: LayerSpec, in_shape: tuple[int, ...], out_shape: tuple[int, ...]) -> nn.Module:
    call = LAYER_TYPES[layer.type].torch(layer, in_shape, out_shape)
    if call.own:
        return OWN_MODULES[call.cls](*call.args, **call.kwargs)
    return call.build()


def weight_parameters(model: nn.Module) -> list[nn.Parameter]:
    """Weights of Dense and Conv2D layers: what L1/L2 penalties and initialisers act on
    (biases and normalisation parameters are conventionally left alone)."""
    return [m.weight for m in model.modules() if isinstance(m, (nn.Linear, nn.Conv2d))]


def initialize_weights(model: nn.Module, init: str) -> None:
    for m in model.modules():
        if not isinstance(m, (nn.Linear, nn.Conv2d)):
            continue
        w = m.weight
        if init == "he_normal":
            nn.init.kaiming_normal_(w, nonlinearity="relu")
        elif init == "he_uniform":
            nn.init.kaiming_uniform_(w, nonlinearity="relu")
        elif init == "xavier":
            nn.init.xavier_uniform_(w)
        elif init == "normal_001":
            nn.init.normal_(w, 0.0, 0.01)
        elif init == "normal_1":
            nn.init.normal_(w, 0.0, 1.0)
        elif init == "zeros":
            nn.init.zeros_(w)
        else:  # pragma: no cover - ModelSpec validates
            raise ValueError(f"unknown init {init}")
        if m.bias is not None:
            nn.init.zeros_(m.bias)


def body_layers(spec: ModelSpec) -> tuple[list[tuple[LayerSpec, LayerInfo]], bool]:
    """The layers `build_model` makes modules of, each with its shape info, and whether a final
    Softmax was left out (see Network): a trailing Activation(Softmax) layer is dropped, a last
    Dense layer with activation Softmax is built without it."""
    layers = list(zip(spec.layers, spec.infer()))
    if not layers or not ends_in_softmax(layers[-1][0]):
        return layers, False
    last, info = layers[-1]
    if last.type == "Activation":
        return layers[:-1], True
    return layers[:-1] + [(last.with_params(activation=None), info)], True


def build_model(
    spec: ModelSpec,
    *,
    mean: Sequence[float] | None = None,
    std: Sequence[float] | None = None,
) -> Network:
    """Build the network described by `spec` (shapes must already be valid), leaving out a
    final Softmax (see Network). Seed torch first for reproducible weights. With input
    features, `mean` and `std` are the features' (`feature_stats_of`)."""
    layers, _ = body_layers(spec)
    body = nn.Sequential(*(_module(layer, info.input_shape, info.output_shape) for layer, info in layers))
    initialize_weights(body, spec.init)
    backbone = None
    if spec.backbone is not None:  # its own ImageNet preprocessing; its weights come from the start
        from playground.core.model.backbones import Backbone

        backbone = Backbone(spec.backbone, spec.input_shape[0])
        mean = std = None
    return Network(body, spec.input_shape, mean, std, spec.features, backbone)
