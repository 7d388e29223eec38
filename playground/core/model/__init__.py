"""Networks in torch: building a module from a ModelSpec (build.py, each layer as the layer
catalogue in core/config/catalogue.py describes it)."""
