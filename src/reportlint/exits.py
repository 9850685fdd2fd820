"""The command line's exit codes, in one place for the runner (which decides) and the CLI."""

EXIT_OK = 0  # nothing at or above --fail-level
EXIT_FOUND = 1  # something was
EXIT_ERROR = 2  # a usage error, a bad rule or config file, an input that could not be read
EXIT_INTERRUPTED = 130  # Ctrl-C
