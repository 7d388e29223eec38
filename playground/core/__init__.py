"""The Qt-free engine: specs, model building, data, training, saving.

Submodules import torch; this package itself stays light so `import playground.core.config.spec`
is instant (the GUI validates layer stacks with it before torch has loaded).
"""
