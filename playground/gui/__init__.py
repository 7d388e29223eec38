"""The desktop window: thin Qt views over playground.core objects.

Importing this package imports Qt; `playground.core` and the CLI never do.
"""
