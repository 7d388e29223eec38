"""The residual block of ResNet (He et al. 2015, "Deep Residual Learning for Image Recognition"):
two 3×3 convolutions, each followed by batch norm, the first by ReLU, with the block's input
added back before the last ReLU:

    out = relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))

The shortcut is the input itself (identity) when the block keeps the number of channels and
the size; when it changes either (other `out_channels`, or stride 2, which halves the height
and width), a 1×1 convolution with the same stride and a batch norm bring the input to the
output's shape.

Submodules are named as torchvision's BasicBlock names them (conv1, bn1, relu, conv2, bn2,
downsample = Sequential(1×1 conv, batch norm) or None), so a state_dict of the block reads
like a torchvision ResNet's. The convolutions have no bias: the batch norm after each one has
its own shift, which would make a bias redundant.

This file is also written, as it is, into the PyTorch code the app exports (core/io/codegen.py):
it needs only torch, so keep it that way.
"""

from __future__ import annotations

import torch
from torch import nn

__all__ = ["ResidualBlock", "residual_block_source"]


class ResidualBlock(nn.Module):
    """A ResNet basic block: in_channels×H×W -> out_channels×(H/stride)×(W/stride)."""

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU(inplace=False)
        self.conv2 = nn.Conv2d(out_channels, out_channels, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.downsample = None
        if stride != 1 or in_channels != out_channels:
            self.downsample = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm2d(out_channels),
            )
        self.in_channels, self.out_channels, self.stride = in_channels, out_channels, stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)

    def extra_repr(self) -> str:
        return f"{self.in_channels}, {self.out_channels}, stride={self.stride}"


def residual_block_source() -> str:
    """The class's Python source, for the exported code (it needs only torch and nn)."""
    import inspect

    return inspect.getsource(ResidualBlock)
