"""Using a trained model: predictors, the readers that open model files for prediction
(loaders), digit recognition, the starter model."""
