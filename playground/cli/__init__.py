"""The command line: `playground` and its subcommands over the same engine as the window."""
