"""Using a trained model: predictors, digit recognition, the starter model."""
