"""Settings, torch-free: the layer catalogue (catalogue.py), the network spec and shape
inference (model_spec.py, spec_errors.py), run configs (spec.py) and their presets."""
