"""Image augmentation on the training device, one batch at a time.

Every random choice is drawn for the whole batch at once and every operation is a batched
tensor op, so augmenting costs a few kernels per batch, not a Python loop per image, and the
images never leave the GPU. Stroke width (dilation by max-pooling, or thinning by trimming
the strokes' grey edges) comes first; rotation, shear (slant), shift, zoom, random crop and
(when any of those is on) the horizontal flip are folded into one affine transform per image,
applied with a single `grid_sample`; colour jitter (saturation and hue, colour images only) is
one 3×3 colour matrix per image; brightness, contrast and noise follow as element-wise ops.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from playground.core.config.spec import AugmentConfig
from playground.core.errors import ConfigError

__all__ = ["Augmenter"]

# Columns of the per-sample uniform draws: one (N, 9) tensor per batch.
_ANGLE, _ZOOM, _SHIFT_X, _SHIFT_Y, _CROP_X, _CROP_Y, _FLIP, _BRIGHTNESS, _CONTRAST = range(9)
_DRAWS = 9
# Drawn only when shear or stroke is on, after the columns above, so that configs without
# them augment exactly as before these two existed.
_SHEAR, _STROKE = range(2)
_EXTRA_DRAWS = 2
# Drawn only when saturation or hue is on (colour images), after all of the above.
_SATURATION, _HUE = range(2)
_COLOUR_DRAWS = 2
# Luminance weights (ITU-R BT.601): the grey a colour fades to when its saturation drops.
_LUMA = (0.299, 0.587, 0.114)
_THIN = 0.75  # thinning by one pixel keeps only ink above this level (stretched back to [0, 1])


class Augmenter:
    """Randomly transforms batches of images (N×C×H×W, float in [0, 1]) as `cfg` says.

    Random numbers come from `generator` when given, so a seeded run augments the same way
    every time. A generator on another device than the images (say a CPU generator for CUDA
    images) seeds, once, a generator on the images' device, so no random tensor crosses devices.
    """

    def __init__(self, cfg: AugmentConfig, *, generator: torch.Generator | None = None):
        cfg.validate()
        self.cfg = cfg
        self._generator = generator
        self._device_generators: dict[torch.device, torch.Generator] = {}
        self._geometric = bool(cfg.rotation or cfg.shift or cfg.scale or cfg.crop or cfg.shear)
        self._colour = bool(cfg.saturation or cfg.hue)
        self._photometric = bool(cfg.brightness or cfg.contrast or cfg.noise or self._colour)

    @property
    def enabled(self) -> bool:
        """False when the config changes nothing, so the trainer can skip the call."""
        return self.cfg.enabled

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        """An augmented copy of the batch `x`; `x` itself when augmentation is off."""
        if not self.cfg.enabled:
            return x
        if x.dim() != 4:
            raise ConfigError(
                f"Image augmentation needs batches of images (N×C×H×W), got shape {tuple(x.shape)} — "
                "turn augmentation off for this dataset."
            )
        cfg = self.cfg
        n = x.shape[0]
        gen = self._generator_for(x.device)
        draws = torch.rand(n, _DRAWS, generator=gen, device=x.device)  # uniform in [0, 1)
        signed = draws * 2 - 1  # uniform in [-1, 1)
        flip = draws[:, _FLIP] < 0.5 if cfg.hflip else None
        extra = None
        if cfg.shear or cfg.stroke:
            extra = torch.rand(n, _EXTRA_DRAWS, generator=gen, device=x.device) * 2 - 1  # uniform in [-1, 1)

        if cfg.stroke:
            x = _stroke_width(x, cfg.stroke * extra[:, _STROKE])
        if self._geometric:
            out = self._transform(x, draws, signed, flip, extra)
        elif flip is not None:
            out = torch.where(flip.view(n, 1, 1, 1), x.flip(-1), x)
        else:
            out = x
        if not self._photometric:
            return out  # interpolation between pixels and zero fill cannot leave [0, 1]
        if self._colour and x.shape[1] == 3:  # a grey image has no colour to jitter
            colour = torch.rand(n, _COLOUR_DRAWS, generator=gen, device=x.device) * 2 - 1  # uniform in [-1, 1)
            matrix = _colour_matrix(cfg.saturation * colour[:, _SATURATION], cfg.hue * colour[:, _HUE]).to(x.dtype)
            out = torch.einsum("nij,njhw->nihw", matrix, out)

        # Brightness and contrast as one multiply-add per image: (x - mean)·c + mean + b.
        if cfg.contrast:
            factor = (1 + cfg.contrast * signed[:, _CONTRAST]).view(n, 1, 1, 1).to(x.dtype)
            offset = out.mean(dim=(1, 2, 3), keepdim=True) * (1 - factor)
            if cfg.brightness:
                offset = offset + cfg.brightness * signed[:, _BRIGHTNESS].view(n, 1, 1, 1).to(x.dtype)
            out = torch.addcmul(offset, out, factor)
        elif cfg.brightness:
            out = out + cfg.brightness * signed[:, _BRIGHTNESS].view(n, 1, 1, 1).to(x.dtype)
        if cfg.noise:
            noise = torch.randn(out.shape, generator=gen, device=x.device, dtype=x.dtype)
            # `out` may still be the caller's batch (noise only); never write into that.
            out = noise.mul_(cfg.noise).add_(out) if out is x else out.add_(noise, alpha=cfg.noise)
        if out is x:  # only colour jitter, on grey images: nothing changed
            return x
        return out.clamp_(0, 1)

    def _transform(
        self,
        x: torch.Tensor,
        draws: torch.Tensor,
        signed: torch.Tensor,
        flip: torch.Tensor | None,
        extra: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """Rotation, shear, zoom, shift, crop (and flip) as one affine resampling of the batch."""
        cfg = self.cfg
        n, _, h, w = x.shape
        # grid_sample works in normalised coordinates, the image spanning [-1, 1] on both axes
        # (align_corners=False: pixel centres at (2i + 1)/size - 1), so one pixel is 2/size.
        angle = signed[:, _ANGLE] * math.radians(cfg.rotation)
        zoom = 1 + cfg.scale * signed[:, _ZOOM]
        tx = (2 * cfg.shift) * signed[:, _SHIFT_X]
        ty = (2 * cfg.shift) * signed[:, _SHIFT_Y]
        if cfg.crop:
            # Padding by `crop` and cropping back is a whole-pixel shift in [-crop, crop].
            choices = 2 * cfg.crop + 1
            tx = tx + (torch.floor(draws[:, _CROP_X] * choices) - cfg.crop) * (2 / w)
            ty = ty + (torch.floor(draws[:, _CROP_Y] * choices) - cfg.crop) * (2 / h)

        # The image moves by p -> zoom·R·p + t, so each output point samples the input at
        # R⁻¹(p - t)/zoom. The rotation is made in pixel units (scaled by the aspect ratio)
        # so that non-square images rotate without shearing.
        aspect = h / w
        cos = torch.cos(angle) / zoom
        sin = torch.sin(angle) / zoom
        a, b = cos, sin * aspect
        c, d = -sin / aspect, cos
        if cfg.shear:
            # Slant: the image moves by x -> x + k·y (pixels; y down, so k > 0 leans the top
            # left), after rotation and zoom; sampling undoes it first: x - k·y.
            k = torch.tan(extra[:, _SHEAR] * math.radians(cfg.shear)) * aspect
            a, b = a - k * c, b - k * d
        theta = torch.stack([a, b, -(a * tx + b * ty), c, d, -(c * tx + d * ty)], dim=1).view(n, 2, 3)
        if flip is not None:
            # Negating the sampled x coordinate mirrors the input before the transform.
            theta[:, 0] *= torch.where(flip, -1.0, 1.0).unsqueeze(1)
        grid = _affine_grid(theta.to(x.dtype), h, w)
        return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)

    def _generator_for(self, device: torch.device) -> torch.Generator | None:
        generator = self._generator
        if generator is None or generator.device == device:
            return generator
        derived = self._device_generators.get(device)
        if derived is None:
            seed = int(torch.randint(2**62, (1,), generator=generator, device=generator.device).item())
            derived = torch.Generator(device=device).manual_seed(seed)
            self._device_generators[device] = derived
        return derived


def _colour_matrix(saturation: torch.Tensor, hue: torch.Tensor) -> torch.Tensor:
    """N×3×3 matrices that change each image's saturation by the factor 1 + saturation[i] and
    turn its hue by hue[i] of a full turn: saturation blends each pixel with its grey (its
    luminance), the hue turn rotates colours about the grey axis (1, 1, 1), which keeps greys
    grey. Applied to RGB pixels as column vectors."""
    n, device, dtype = saturation.shape[0], saturation.device, saturation.dtype
    eye = torch.eye(3, device=device, dtype=dtype).expand(n, 3, 3)
    luma = torch.tensor(_LUMA, device=device, dtype=dtype).expand(3, 3)  # every row: the weights
    s = (1 + saturation).view(n, 1, 1)
    sat = s * eye + (1 - s) * luma
    angle = (hue * (2 * math.pi)).view(n, 1, 1)
    c = 1 / math.sqrt(3)
    k = torch.full((3,), c, device=device, dtype=dtype)  # the grey axis, unit length
    cross = torch.tensor([[0.0, -c, c], [c, 0.0, -c], [-c, c, 0.0]], device=device, dtype=dtype)  # k × ·
    rot = torch.cos(angle) * eye + torch.sin(angle) * cross + (1 - torch.cos(angle)) * torch.outer(k, k)
    return rot @ sat


def _stroke_width(x: torch.Tensor, amount: torch.Tensor) -> torch.Tensor:
    """Each image's strokes grown by `amount[i]` pixels on each side (3×3 max-pooling, once per
    whole pixel, the fraction blended in) or, for a negative amount, thinned: ink below
    |amount|·_THIN (at most _THIN) is trimmed and the rest stretched back to [0, 1], which
    narrows anti-aliased strokes without dimming them."""
    n = x.shape[0]
    grow = amount.clamp(min=0)
    steps = int(math.ceil(float(grow.max()))) if bool((grow > 0).any()) else 0
    out = x
    if steps:
        levels = [x]
        for _ in range(steps):
            levels.append(F.max_pool2d(levels[-1], 3, stride=1, padding=1))
        stack = torch.stack(levels)  # (steps + 1)×N×C×H×W
        whole = grow.floor().long().clamp(max=steps - 1)
        frac = (grow - whole.to(grow.dtype)).view(n, 1, 1, 1).to(x.dtype)
        rows = torch.arange(n, device=x.device)
        low, high = stack[whole, rows], stack[whole + 1, rows]
        out = low + frac * (high - low)
    thin = (-amount).clamp(min=0, max=1)
    if bool((thin > 0).any()):
        level = (thin * _THIN).view(n, 1, 1, 1).to(x.dtype)
        out = torch.where(level > 0, ((out - level) / (1 - level)).clamp(0, 1), out)
    return out


def _affine_grid(theta: torch.Tensor, h: int, w: int) -> torch.Tensor:
    """`F.affine_grid(theta, (N, C, h, w), align_corners=False)` by broadcasting.

    Same result, but about 8× faster on CPU (1 ms -> 0.1 ms for 128×28×28), where torch's
    version multiplies every pixel's coordinates by theta in a batched matmul.
    """
    xs = torch.linspace(-1 + 1 / w, 1 - 1 / w, w, dtype=theta.dtype, device=theta.device)
    ys = torch.linspace(-1 + 1 / h, 1 - 1 / h, h, dtype=theta.dtype, device=theta.device)
    grid = theta[:, :, 0, None, None] * xs.view(1, 1, 1, w) + (
        theta[:, :, 1, None, None] * ys.view(1, 1, h, 1) + theta[:, :, 2, None, None]
    )
    return grid.permute(0, 2, 3, 1)  # N×h×w×(x, y); grid_sample takes the strided view as is
