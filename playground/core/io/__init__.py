"""Files: atomic writes (atomic), model bundles (bundle), projects (project), exporters
(exporters: ONNX, TorchScript, state_dict; codegen: PyTorch code; export: the formats by
name). Each reads or writes a `core.model.trained.TrainedModel`; reading model files for
prediction is `core.inference.loaders`."""
