"""The example tables shipped in resources/tables (issue 13, item 5): listed with the shape they
load with, trained on by fit with their own validation split."""

from playground.core.data.registry import list_datasets, load_dataset


def test_example_tables_are_listed_with_the_shape_they_load_with():
    infos = {i.name: i for i in list_datasets()}
    for name, task in (("iris", "classification"), ("penguins", "classification"), ("auto-mpg", "regression")):
        info = infos[name]
        assert info.kind == "table" and info.available and info.task == task
        dataset = load_dataset(name)
        assert (info.input_shape, info.outputs) == (dataset.input_shape, dataset.output_size), name
        assert dataset.task == task and dataset.x_val is not None and len(dataset.x_val) > 0
    penguins = load_dataset("penguins")
    assert penguins.report.filled == {
        "bill_length_mm": 2, "bill_depth_mm": 2, "flipper_length_mm": 2, "body_mass_g": 2, "sex": 11
    }
    assert infos["csv"].kind == "table"


def test_fit_trains_on_a_table_with_its_own_validation_split():
    from playground.core.config.output_head import with_outputs
    from playground.core.config.presets import load_preset
    from playground.core.training.loop import fit

    dataset = load_dataset("auto-mpg")
    cfg = load_preset("tabular").with_overrides(**{"train.epochs": 5, "train.device": "cpu"})
    cfg = cfg.replace(model=with_outputs(cfg.model, dataset.task, dataset.output_size))
    result = fit(cfg, dataset)
    assert result.status == "completed"
    n_train, n_val, _ = dataset.report.split
    assert (len(dataset.x_train), len(dataset.x_val)) == (n_train, n_val)
    assert all(h.val_loss is not None for h in result.history)
    summary = result.summary()
    assert summary["mae"] > 0 and summary["r2"] is not None and summary["test_accuracy"] is None
