"""The training loop, its callbacks, optimizers and schedules, checkpoints, devices."""
