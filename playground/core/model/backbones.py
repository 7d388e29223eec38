"""ResNet-18 and VGG-16 written out for the engine, without torchvision (it does not install
beside the CPU torch here), module for module as torchvision builds them: the parameter and
buffer names and shapes of `resnet18()` and `vgg16()` are torchvision's state-dict keys, so the
official ImageNet weight files load into them unchanged (core/experiments/pretrained.py).

As a backbone (`head=False`) the network stops before its ImageNet classifier: ResNet-18 after
the global average pool (512 features: `fc` is left out), VGG-16 after the second 4096-unit
layer of its classifier (`classifier.6` is left out); the learner's own layers take it from
there. `ImageNetInput` is the preprocessing the weights expect, kept inside the model so that
every saved or exported model applies it: grey images repeated to 3 channels, the picture
resized to the backbone's size, then normalised with ImageNet's mean and std.

The classes use only torch and torch.nn.functional, so the code export copies their source.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from playground.core.config.backbone import BackboneSpec
from playground.core.model.residual import ResidualBlock  # torchvision's BasicBlock, with its names

__all__ = ["Backbone", "ImageNetInput", "ResNet18", "VGG16", "build_backbone", "last_block"]

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


class ImageNetInput(nn.Module):
    """Pixels in [0, 1] (N×1×H×W or N×3×H×W) -> what an ImageNet network was trained on:
    3 channels, `size`×`size` (bilinear), normalised per channel. No parameters; the mean and
    std are not saved with the weights (they are ImageNet's, always)."""

    def __init__(self, channels: int, size: int):
        super().__init__()
        self.grey = int(channels) == 1
        self.size = int(size)
        self.register_buffer("mean", torch.tensor(IMAGENET_MEAN).reshape(1, 3, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor(IMAGENET_STD).reshape(1, 3, 1, 1), persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.grey:
            x = x.expand(-1, 3, -1, -1)
        if x.shape[-2] != self.size or x.shape[-1] != self.size:
            x = F.interpolate(x, size=(self.size, self.size), mode="bilinear", align_corners=False)
        return (x - self.mean) / self.std

    def extra_repr(self) -> str:
        return f"{'grey -> 3 channels, ' if self.grey else ''}resize to {self.size}×{self.size}, ImageNet mean/std"


class ResNet18(nn.Module):
    """ResNet-18 (He et al. 2015) as torchvision.models.resnet18 builds it. `head=False` leaves
    out `fc`: forward then returns the 512 pooled features."""

    def __init__(self, head: bool = True, num_classes: int = 1000):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.layer1 = nn.Sequential(ResidualBlock(64, 64), ResidualBlock(64, 64))
        self.layer2 = nn.Sequential(ResidualBlock(64, 128, 2), ResidualBlock(128, 128))
        self.layer3 = nn.Sequential(ResidualBlock(128, 256, 2), ResidualBlock(256, 256))
        self.layer4 = nn.Sequential(ResidualBlock(256, 512, 2), ResidualBlock(512, 512))
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512, num_classes) if head else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = torch.flatten(self.avgpool(x), 1)
        return x if self.fc is None else self.fc(x)


# VGG-16 (configuration "D"): channels of each 3×3 convolution, "M" a 2×2 max pool.
_VGG16_CONFIG = (64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M")


class VGG16(nn.Module):
    """VGG-16 (Simonyan & Zisserman 2014) as torchvision.models.vgg16 builds it: `features`
    (conv + ReLU, max pools; the convolutions at indices 0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24,
    26, 28), a 7×7 adaptive average pool, `classifier`. `head=False` leaves out classifier.6:
    forward then returns the second 4096-unit layer's output."""

    def __init__(self, head: bool = True, num_classes: int = 1000):
        super().__init__()
        layers: list[nn.Module] = []
        channels = 3
        for v in _VGG16_CONFIG:
            if v == "M":
                layers.append(nn.MaxPool2d(2, 2))
            else:
                layers += [nn.Conv2d(channels, int(v), 3, padding=1), nn.ReLU(inplace=True)]
                channels = int(v)
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))
        classifier: list[nn.Module] = [
            nn.Linear(512 * 7 * 7, 4096), nn.ReLU(True), nn.Dropout(0.5),
            nn.Linear(4096, 4096), nn.ReLU(True), nn.Dropout(0.5),
        ]
        if head:
            classifier.append(nn.Linear(4096, num_classes))
        self.classifier = nn.Sequential(*classifier)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(self.avgpool(self.features(x)), 1)
        return self.classifier(x)


def last_block(net: nn.Module) -> list[nn.Module]:
    """The modules 'fine-tune the last block' trains: ResNet-18's layer4; VGG-16's last
    convolutional block (features.24 onward) and the classifier's layers after it."""
    if isinstance(net, ResNet18):
        return [net.layer4]
    return [net.features[24:], net.classifier]


class Backbone(nn.Module):
    """A pretrained network as one block of a model: `input` (ImageNetInput) then `net`
    without its classifier. Frozen (no parameter trains, batch norm and dropout always in
    eval mode) but for the last block when `fine_tune_last`."""

    __jit_unused_properties__ = ["frozen"]  # TorchScript compiles forward only

    def __init__(self, spec: BackboneSpec, channels: int):
        super().__init__()
        self.name = spec.name
        self.input = ImageNetInput(channels, spec.size)
        self.net = ResNet18(head=False) if spec.name == "resnet18" else VGG16(head=False)
        self.fine_tune_last = bool(spec.fine_tune_last)
        trained = last_block(self.net) if self.fine_tune_last else []
        self._trained_ids = {id(m) for block in trained for m in block.modules()}
        for p in self.net.parameters():
            p.requires_grad_(False)
        for block in trained:
            for p in block.parameters():
                p.requires_grad_(True)
        self.train(self.training)

    @property
    def frozen(self) -> bool:
        """Whether no parameter of it trains (its output for an input never changes)."""
        return not any(p.requires_grad for p in self.parameters())

    def train(self, mode: bool = True) -> "Backbone":
        super().train(mode)
        for m in self.net.modules():  # the frozen part computes as it was trained, always
            if id(m) not in self._trained_ids:
                m.training = False
        return self

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(self.input(x))


def build_backbone(spec: BackboneSpec, channels: int) -> Backbone:
    return Backbone(spec, channels)
