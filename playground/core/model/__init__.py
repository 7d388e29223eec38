"""Networks: the layer catalogue, the model spec and shape inference (torch-free), and
building a torch module from a spec (build.py)."""
