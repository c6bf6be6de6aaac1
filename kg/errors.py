"""The one kind of failure the command line reports in a line and an exit code, not a traceback."""


class InputError(Exception):
    """Caused by what the user gave: a file, a query, a folder without a build. The message says where."""
