"""`python -m playground`: the same entry point as the `playground` command."""

import sys

from playground.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
