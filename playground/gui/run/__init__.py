"""One training run in the window: the session on its thread, live plots, the decision boundary, resume."""
