"""Run settings: the layer-stack spec, run configs and their presets (torch-free)."""
