"""A seeded mutation fuzzer over every file format the app reads (issue 14, item 7).

formats.py  the formats: seeds made with the app's own code, mutators, and how the app opens each
mutate.py   the mutations (truncate, flip, insert, wrong JSON types and values, deep nesting,
            huge declared sizes, bombs, swapped tensors, a zip member changed and zipped again)
runner.py   worker processes, outcome classes and the Markdown table

tests/core/test_fuzz.py runs a few cases per format in CI; `python benchmarks/fuzz.py --n N`
runs more and prints the table.
"""
