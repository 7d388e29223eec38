"""The main window's tabs: model (layer builder, diagram, starting weights), data, training, draw."""
